/* anderson.c — Anderson(m) mixing (type II) for the within-period fixed point x = G(x),
 * x = ln w (design §7.1 step 5, `solver.anderson`). The kernel hands over each iterate and
 * its plain image; this file keeps the last m+1 pairs and returns the mixed iterate
 *     x⁺ = g_k − ΔG γ,   γ = argmin ‖f_k − ΔF γ‖,   f = g − x,
 * where the columns of ΔF and ΔG are differences of consecutive f and g. The least-squares
 * problem (N × p, p ≤ m) is solved by GSL's truncated SVD with column balancing, so nearly
 * collinear history columns, the usual failure of Anderson mixing near convergence, are
 * dropped instead of producing huge coefficients. Everything here runs serially in a fixed
 * order: the same inputs give the same bits whatever the thread count of the mat-vecs. */
#include "sim_internal.h"

#include <gsl/gsl_multifit.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Singular values below this fraction of the largest are discarded. Looser than machine
 * precision on purpose: columns that nearly repeat each other carry no new direction, and
 * keeping them only amplifies rounding in γ. */
#define RC_AA_RCOND 1e-10

struct rc_sim_anderson {
    size_t n, m;     /* regions; depth (at most m differences, m + 1 pairs) */
    size_t count;    /* pairs stored, ≤ m + 1 */
    size_t head;     /* slot of the next pair (ring buffer of m + 1 slots) */
    double *x, *g;   /* (m + 1) × n each: iterates and their plain images */
    gsl_matrix *dF, *cov;
    gsl_vector *f, *gamma;
    gsl_multifit_linear_workspace *ws;
};

void rc_sim_anderson_free(rc_sim_anderson *aa)
{
    if (!aa)
        return;
    free(aa->x);
    free(aa->g);
    if (aa->dF)
        gsl_matrix_free(aa->dF);
    if (aa->cov)
        gsl_matrix_free(aa->cov);
    if (aa->f)
        gsl_vector_free(aa->f);
    if (aa->gamma)
        gsl_vector_free(aa->gamma);
    if (aa->ws)
        gsl_multifit_linear_free(aa->ws);
    free(aa);
}

int rc_sim_anderson_new(rc_sim_anderson **out, size_t n, size_t m, rc_error *err)
{
    *out = NULL;
    /* a least-squares problem needs at least as many rows as columns */
    if (m > n)
        m = n;
    rc_sim_anderson *aa = calloc(1, sizeof *aa);
    if (!aa || n == 0 || m == 0) {
        free(aa);
        return aa ? rc_error_set(err, RC_EUSAGE, "anderson: depth %zu for %zu regions", m, n)
                  : rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    aa->n = n;
    aa->m = m;
    aa->x = malloc((m + 1) * n * sizeof *aa->x);
    aa->g = malloc((m + 1) * n * sizeof *aa->g);
    aa->dF = gsl_matrix_alloc(n, m);
    aa->cov = gsl_matrix_alloc(m, m);
    aa->f = gsl_vector_alloc(n);
    aa->gamma = gsl_vector_alloc(m);
    aa->ws = gsl_multifit_linear_alloc(n, m);
    if (!aa->x || !aa->g || !aa->dF || !aa->cov || !aa->f || !aa->gamma || !aa->ws) {
        rc_sim_anderson_free(aa);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    *out = aa;
    return RC_OK;
}

void rc_sim_anderson_reset(rc_sim_anderson *aa)
{
    aa->count = 0;
    aa->head = 0;
}

/* Slot of the j-th stored pair in chronological order (0 = oldest). */
static size_t slot(const rc_sim_anderson *aa, size_t j)
{
    size_t cap = aa->m + 1;
    return (aa->head + cap - aa->count + j) % cap;
}

int rc_sim_anderson_mix(rc_sim_anderson *aa, const double *x, const double *g, double *next)
{
    const size_t n = aa->n, cap = aa->m + 1;
    memcpy(aa->x + aa->head * n, x, n * sizeof *x);
    memcpy(aa->g + aa->head * n, g, n * sizeof *g);
    aa->head = (aa->head + 1) % cap;
    if (aa->count < cap)
        aa->count++;
    /* from here on only the stored copies are read, so next may be x or g */
    x = aa->x + slot(aa, aa->count - 1) * n;
    g = aa->g + slot(aa, aa->count - 1) * n;
    memmove(next, g, n * sizeof *g);
    if (aa->count < 2)
        return 0;
    /* ΔF column j = f_{j+1} − f_j over the stored pairs, oldest first; f_k the newest f */
    const size_t p = aa->count - 1;
    for (size_t j = 0; j < p; j++) {
        const double *x0 = aa->x + slot(aa, j) * n, *g0 = aa->g + slot(aa, j) * n;
        const double *x1 = aa->x + slot(aa, j + 1) * n, *g1 = aa->g + slot(aa, j + 1) * n;
        for (size_t i = 0; i < n; i++) {
            double d = (g1[i] - x1[i]) - (g0[i] - x0[i]);
            if (!isfinite(d))
                return 0; /* GSL's SVD must not see NaN: keep the plain step */
            gsl_matrix_set(aa->dF, i, j, d);
        }
    }
    for (size_t i = 0; i < n; i++)
        gsl_vector_set(aa->f, i, g[i] - x[i]);
    gsl_matrix_view dF = gsl_matrix_submatrix(aa->dF, 0, 0, n, p);
    gsl_matrix_view cov = gsl_matrix_submatrix(aa->cov, 0, 0, p, p);
    gsl_vector_view gamma = gsl_vector_subvector(aa->gamma, 0, p);
    double chisq;
    size_t rank = 0;
    if (gsl_multifit_linear_tsvd(&dF.matrix, aa->f, RC_AA_RCOND, &gamma.vector, &cov.matrix,
                                 &chisq, &rank, aa->ws) != GSL_SUCCESS || rank == 0)
        return 0;
    /* x⁺ = g_k − Σ_j γ_j (g_{j+1} − g_j), summed in column order */
    for (size_t j = 0; j < p; j++) {
        const double gj = gsl_vector_get(&gamma.vector, j);
        const double *g0 = aa->g + slot(aa, j) * n, *g1 = aa->g + slot(aa, j + 1) * n;
        for (size_t i = 0; i < n; i++)
            next[i] -= gj * (g1[i] - g0[i]);
    }
    for (size_t i = 0; i < n; i++)
        if (!isfinite(next[i])) {
            /* a non-finite mixed value is useless as a wage: keep the plain step */
            memmove(next, g, n * sizeof *g);
            return 0;
        }
    return 1;
}

const double *rc_sim_anderson_last_image(const rc_sim_anderson *aa)
{
    return aa->count ? aa->g + slot(aa, aa->count - 1) * aa->n : NULL;
}
