/* markov.c — classic and spatial Markov chains (see regcoord/markov.h; methods/02 §§6–7). */
#include "regcoord/markov.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_sort.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int rc_quantile_bounds(double *bounds, size_t *kout, const double *v, size_t n, size_t k,
                       rc_error *err)
{
    if (k < 1)
        return rc_error_set(err, RC_EUSAGE, "at least one class is needed");
    if (n < 1)
        return rc_error_set(err, RC_EINSUFFICIENT, "quantile classes need at least one value");
    double *s = malloc(n * sizeof *s);
    if (!s)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        if (isnan(v[i])) {
            free(s);
            return rc_error_set(err, RC_EINPUT, "quantile classes: value %zu is missing", i);
        }
        s[i] = v[i];
    }
    gsl_sort(s, 1, n);
    size_t m = 0;
    for (size_t c = 1; c <= k; c++) {
        /* scipy.stats.scoreatpercentile: index (n − 1)·p, weights (1 − f, f). */
        double idx = (double)(n - 1) * (double)c / (double)k;
        size_t i = (size_t)idx;
        double f = idx - (double)i, b = f > 0 && i + 1 < n ? s[i] * (1.0 - f) + s[i + 1] * f : s[i];
        if (m == 0 || b != bounds[m - 1]) /* np.unique on increasing values */
            bounds[m++] = b;
    }
    free(s);
    *kout = m;
    return RC_OK;
}

void rc_classify(int *cls, const double *v, size_t n, const double *bounds, size_t k)
{
    for (size_t i = 0; i < n; i++) {
        size_t lo = 0, hi = k - 1; /* smallest c with v ≤ b_c, else k − 1 */
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (v[i] <= bounds[mid])
                hi = mid;
            else
                lo = mid + 1;
        }
        cls[i] = (int)lo;
    }
}

int rc_markov_counts(double *counts, const int *cls, const int *lagcls, size_t n, size_t T,
                     size_t k, size_t m, rc_error *err)
{
    size_t cells = (lagcls ? m : 1) * k * k;
    memset(counts, 0, cells * sizeof *counts);
    for (size_t t = 0; t + 1 < T; t++)
        for (size_t i = 0; i < n; i++) {
            int a = cls[t * n + i], b = cls[(t + 1) * n + i], c = lagcls ? lagcls[t * n + i] : 0;
            if (a < 0 || (size_t)a >= k || b < 0 || (size_t)b >= k || c < 0 ||
                (lagcls && (size_t)c >= m))
                return rc_error_set(err, RC_EINPUT, "Markov counts: region %zu, year %zu has no valid class",
                                    i, t);
            counts[((size_t)c * k + (size_t)a) * k + (size_t)b] += 1.0;
        }
    return RC_OK;
}

size_t rc_markov_probabilities(double *P, int *empty, const double *counts, size_t k)
{
    size_t ne = 0;
    for (size_t a = 0; a < k; a++) {
        double s = 0;
        for (size_t b = 0; b < k; b++)
            s += counts[a * k + b];
        for (size_t b = 0; b < k; b++)
            P[a * k + b] = s > 0 ? counts[a * k + b] / s : 0.0;
        if (empty)
            empty[a] = !(s > 0);
        ne += !(s > 0);
    }
    return ne;
}

void rc_markov_ergodic_free(rc_markov_ergodic *e)
{
    free(e->recurrent), free(e->steady), free(e->mfpt), free(e->sojourn);
    memset(e, 0, sizeof *e);
}

/* Solve A x = b (n × n, row-major, overwritten) by LU; RC_ENUMERIC if singular. */
static int solve(double *A, double *b, double *x, size_t n, rc_error *err)
{
    gsl_matrix_view Av = gsl_matrix_view_array(A, n, n);
    gsl_vector_view bv = gsl_vector_view_array(b, n), xv = gsl_vector_view_array(x, n);
    gsl_permutation *perm = gsl_permutation_alloc(n);
    if (!perm)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    int sign, s;
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    s = gsl_linalg_LU_decomp(&Av.matrix, perm, &sign);
    if (s == GSL_SUCCESS)
        s = gsl_linalg_LU_solve(&Av.matrix, perm, &bv.vector, &xv.vector);
    gsl_set_error_handler(old);
    gsl_permutation_free(perm);
    for (size_t i = 0; i < n && s == GSL_SUCCESS; i++)
        if (!isfinite(x[i]))
            s = GSL_ESING;
    return s == GSL_SUCCESS ? RC_OK : rc_error_set(err, RC_ENUMERIC, "Markov chain: singular system");
}

int rc_markov_ergodic_compute(rc_markov_ergodic *out, const double *P0, size_t k, rc_error *err)
{
    memset(out, 0, sizeof *out);
    out->k = k;
    if (k == 0)
        return rc_error_set(err, RC_EINSUFFICIENT, "a Markov chain needs at least one class");
    double *P = malloc(k * k * sizeof *P), *A = malloc(k * k * sizeof *A), *b = malloc(k * sizeof *b),
           *x = malloc(k * sizeof *x);
    unsigned char *R = malloc(k * k); /* R[a·k + c]: c is reachable from a (a itself included) */
    int *idx = malloc(k * sizeof *idx);
    out->recurrent = malloc(k * sizeof *out->recurrent);
    out->steady = calloc(k * k, sizeof *out->steady);
    out->mfpt = malloc(k * k * sizeof *out->mfpt);
    out->sojourn = malloc(k * sizeof *out->sojourn);
    int rc = RC_OK;
    if (!P || !A || !b || !x || !R || !idx || !out->recurrent || !out->steady || !out->mfpt ||
        !out->sojourn) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        goto done;
    }
    memcpy(P, P0, k * k * sizeof *P);
    for (size_t a = 0; a < k; a++) {
        double s = 0;
        for (size_t c = 0; c < k; c++)
            s += P[a * k + c];
        if (!(s > 0)) { /* giddy fill_empty_classes: an empty class stays where it is */
            P[a * k + a] = 1.0;
            out->nfilled++;
        }
    }
    /* Reachability by transitive closure (Warshall): k is a handful of classes. */
    for (size_t a = 0; a < k; a++)
        for (size_t c = 0; c < k; c++)
            R[a * k + c] = a == c || P[a * k + c] > 0;
    for (size_t v = 0; v < k; v++)
        for (size_t a = 0; a < k; a++)
            if (R[a * k + v])
                for (size_t c = 0; c < k; c++)
                    R[a * k + c] |= R[v * k + c];
    /* A state is recurrent iff every state it reaches reaches it back (a closed class). */
    for (size_t a = 0; a < k; a++)
        out->recurrent[a] = -2;
    for (size_t a = 0; a < k; a++) {
        if (out->recurrent[a] != -2)
            continue;
        int closed = 1;
        for (size_t c = 0; c < k && closed; c++)
            closed = !R[a * k + c] || R[c * k + a];
        if (!closed) {
            out->recurrent[a] = -1;
            continue;
        }
        int id = (int)out->nrecurrent++;
        for (size_t c = 0; c < k; c++)
            if (R[a * k + c])
                out->recurrent[c] = id;
    }
    /* Stationary distribution of each closed class C: (I − P_CC' + 1 1') π = 1. */
    for (size_t r = 0; r < out->nrecurrent && rc == RC_OK; r++) {
        size_t m = 0;
        for (size_t a = 0; a < k; a++)
            if (out->recurrent[a] == (int)r)
                idx[m++] = (int)a;
        for (size_t i = 0; i < m; i++) {
            b[i] = 1.0;
            for (size_t j = 0; j < m; j++)
                A[i * m + j] = (i == j) - P[(size_t)idx[j] * k + (size_t)idx[i]] + 1.0;
        }
        if ((rc = solve(A, b, x, m, err)) != RC_OK)
            break;
        for (size_t i = 0; i < m; i++)
            out->steady[r * k + (size_t)idx[i]] = x[i];
    }
    /* First passage times to each destination d. Only states that reach d with probability
     * one have a finite time: those from which every reachable state can still reach d (a
     * state that can reach d but may also fall into a class without d waits forever with
     * positive probability). On that set F, (I − P_FF) m = 1. */
    for (size_t d = 0; d < k && rc == RC_OK; d++) {
        size_t m = 0;
        for (size_t a = 0; a < k; a++) {
            if (a == d)
                continue;
            int sure = 1;
            for (size_t c = 0; c < k && sure; c++)
                sure = !R[a * k + c] || R[c * k + d];
            if (sure)
                idx[m++] = (int)a;
        }
        for (size_t a = 0; a < k; a++)
            out->mfpt[a * k + d] = INFINITY;
        if (m > 0) {
            for (size_t i = 0; i < m; i++) {
                b[i] = 1.0;
                for (size_t j = 0; j < m; j++)
                    A[i * m + j] = (i == j) - P[(size_t)idx[i] * k + (size_t)idx[j]];
            }
            if ((rc = solve(A, b, x, m, err)) != RC_OK)
                break;
            for (size_t i = 0; i < m; i++)
                out->mfpt[(size_t)idx[i] * k + d] = x[i];
        }
        /* Mean recurrence time: one step plus the passage back from where that step lands. */
        double ret = 1.0;
        for (size_t c = 0; c < k; c++)
            if (c != d && P[d * k + c] > 0)
                ret += P[d * k + c] * out->mfpt[c * k + d];
        out->mfpt[d * k + d] = ret;
    }
    for (size_t a = 0; a < k; a++)
        out->sojourn[a] = P[a * k + a] < 1.0 ? 1.0 / (1.0 - P[a * k + a]) : INFINITY;
done:
    free(P), free(A), free(b), free(x), free(R), free(idx);
    if (rc != RC_OK)
        rc_markov_ergodic_free(out);
    return rc;
}

int rc_markov_homogeneity_test(rc_markov_homogeneity *out, const double *counts, size_t m,
                               size_t k, rc_error *err)
{
    if (m < 2)
        return rc_error_set(err, RC_EINSUFFICIENT, "the homogeneity test needs at least 2 regimes");
    double *N = calloc(k * k, sizeof *N), *p = malloc(k * k * sizeof *p);
    if (!N || !p) {
        free(N), free(p);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    for (size_t c = 0; c < m; c++)
        for (size_t e = 0; e < k * k; e++)
            N[e] += counts[c * k * k + e];
    rc_markov_probabilities(p, NULL, N, k);
    double Q = 0, LR = 0;
    long dof = 0;
    for (size_t a = 0; a < k; a++) {
        long ba = 0, Aa = 0;
        for (size_t b = 0; b < k; b++)
            Aa += p[a * k + b] > 0;
        for (size_t c = 0; c < m; c++) {
            const double *Nc = counts + c * k * k + a * k;
            double na = 0;
            for (size_t b = 0; b < k; b++)
                na += Nc[b];
            if (!(na > 0))
                continue;
            ba++;
            for (size_t b = 0; b < k; b++) {
                double pab = p[a * k + b], pc = Nc[b] / na;
                if (!(pab > 0))
                    continue;
                Q += na * (pc - pab) * (pc - pab) / pab;
                if (Nc[b] > 0)
                    LR += 2.0 * Nc[b] * log(pc / pab);
            }
        }
        /* giddy counts (b_a − 1)(A_a − 1) also for a row empty in every regime, where it
         * is (−1)(−1) = 1; such a row carries no information, so it adds nothing here. */
        if (ba > 0)
            dof += (ba - 1) * (Aa - 1);
    }
    out->q = Q;
    out->lr = LR;
    out->dof = dof;
    out->q_p_value = dof > 0 ? gsl_cdf_chisq_Q(Q, (double)dof) : NAN;
    out->lr_p_value = dof > 0 ? gsl_cdf_chisq_Q(LR, (double)dof) : NAN;
    free(N), free(p);
    return RC_OK;
}
