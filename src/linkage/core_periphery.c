/* core_periphery.c — Borgatti & Everett (2000) continuous and discrete core–periphery models
 * on the OR-symmetrised linkage network (see regcoord/linkage.h). */
#include "regcoord/linkage.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CP_MAX_ITER 10000
#define CP_TOL 1e-12

typedef struct {
    double c;
    size_t i;
} by_coreness;

/* Higher coreness first; ties by lower index, so the search is deterministic. */
static int cmp_coreness(const void *a, const void *b)
{
    const by_coreness *x = a, *y = b;
    if (x->c != y->c)
        return x->c < y->c ? 1 : -1;
    return (x->i > y->i) - (x->i < y->i);
}

/* Neighbour lists (CSR) of the symmetrised network. */
static int symmetric_csr(size_t **off_out, size_t **nb_out, const unsigned char *a, size_t n)
{
    size_t *off = calloc(n + 1, sizeof *off), m = 0;
    if (!off)
        return RC_ENOMEM;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            if (j != i && (a[i * n + j] || a[j * n + i]))
                m++;
    size_t *nb = malloc((m ? m : 1) * sizeof *nb);
    if (!nb) {
        free(off);
        return RC_ENOMEM;
    }
    m = 0;
    for (size_t i = 0; i < n; i++) {
        off[i] = m;
        for (size_t j = 0; j < n; j++)
            if (j != i && (a[i * n + j] || a[j * n + i]))
                nb[m++] = j;
    }
    off[n] = m;
    *off_out = off;
    *nb_out = nb;
    return RC_OK;
}

int rc_core_periphery(double *coreness, int *core, size_t *core_size, double *fit,
                      const unsigned char *a, size_t n, rc_error *err)
{
    *core_size = 0;
    *fit = NAN;
    memset(core, 0, n * sizeof *core);
    if (n < 2)
        return rc_error_set(err, RC_EINSUFFICIENT, "core–periphery needs at least 2 regions");
    size_t *off, *nb;
    if (symmetric_csr(&off, &nb, a, n) != RC_OK)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    double *next = malloc(n * sizeof *next);
    by_coreness *order = malloc(n * sizeof *order);
    char *in_core = calloc(n, 1);
    int rc = (next && order && in_core) ? RC_OK : rc_error_set(err, RC_ENOMEM, "out of memory");
    size_t edges = off[n] / 2;
    if (rc == RC_OK && edges == 0) {
        /* Without links there is no core: coreness is not defined. */
        for (size_t i = 0; i < n; i++)
            coreness[i] = NAN;
        goto done;
    }
    /* Continuous model: c_i ← Σ_{j≠i} s_ij c_j / Σ_{j≠i} c_j², simultaneously, then Σc² = 1. */
    for (size_t i = 0; rc == RC_OK && i < n; i++)
        coreness[i] = 1.0 / sqrt((double)n);
    int converged = 0;
    for (int it = 0; rc == RC_OK && it < CP_MAX_ITER && !converged; it++) {
        double sumsq = 0, norm = 0, delta = 0;
        for (size_t i = 0; i < n; i++)
            sumsq += coreness[i] * coreness[i];
        for (size_t i = 0; i < n; i++) {
            double num = 0, den = sumsq - coreness[i] * coreness[i];
            for (size_t q = off[i]; q < off[i + 1]; q++)
                num += coreness[nb[q]];
            next[i] = den > 0 ? num / den : 0;
            norm += next[i] * next[i];
        }
        norm = sqrt(norm);
        for (size_t i = 0; i < n; i++) {
            double c = next[i] / norm;
            delta = fmax(delta, fabs(c - coreness[i]));
            coreness[i] = c;
        }
        converged = delta < CP_TOL;
    }
    if (rc == RC_OK && !converged)
        rc = rc_error_set(err, RC_ENUMERIC,
                          "core–periphery: coreness did not converge in %d iterations", CP_MAX_ITER);
    if (rc != RC_OK)
        goto done;
    /* Discrete model: grow the core along the coreness order, keeping the counts of links
     * inside the core (S_cc) and inside the periphery (S_pp) up to date, so that each k
     * costs one neighbour scan. The fit is the Pearson correlation of s with δ over the
     * core–core and periphery–periphery pairs; with binary s and δ it needs only counts. */
    for (size_t i = 0; i < n; i++)
        order[i] = (by_coreness){coreness[i], i};
    qsort(order, n, sizeof *order, cmp_coreness);
    double Scc = 0, Spp = (double)edges, best = -INFINITY;
    size_t best_k = 0;
    for (size_t k = 1; k + 2 <= n; k++) {
        size_t v = order[k - 1].i, to_core = 0, deg = off[v + 1] - off[v];
        for (size_t q = off[v]; q < off[v + 1]; q++)
            to_core += (size_t)in_core[nb[q]];
        in_core[v] = 1;
        Scc += (double)to_core;
        Spp -= (double)(deg - to_core);
        if (k < 2)
            continue;
        double Ncc = (double)k * (double)(k - 1) / 2, m = (double)(n - k);
        double N = Ncc + m * (m - 1) / 2, Sx = Scc + Spp;
        double num = N * Scc - Sx * Ncc;
        double den = (N * Sx - Sx * Sx) * (N * Ncc - Ncc * Ncc);
        if (!(den > 0))
            continue;
        double r = num / sqrt(den);
        if (r > best) { /* strict: ties keep the smaller core */
            best = r;
            best_k = k;
        }
    }
    if (best_k) {
        *core_size = best_k;
        *fit = best;
        for (size_t q = 0; q < best_k; q++)
            core[order[q].i] = 1;
    }
done:
    free(off), free(nb), free(next), free(order), free(in_core);
    return rc;
}
