/* weights.c — objective and subjective indicator weights (methods/04 §2–3).
 *
 * Every method gives a constant column weight 0 (it has no normalised value), so the methods
 * stay comparable and a constant indicator never decides a score. */
#include "regcoord/evaluation.h"

#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>

static int is_const(const int *constant, size_t j) { return constant && constant[j]; }

/* w_j = d_j / Σ d, refusing a set of columns where no indicator carries weight; why says
 * what makes every d_j zero for this method. */
static int normalise(double *w, const double *d, size_t k, const char *what, const char *why,
                     rc_error *err)
{
    double s = 0;
    for (size_t j = 0; j < k; j++)
        s += d[j];
    if (!(s > 0))
        return rc_error_set(err, RC_EINSUFFICIENT, "%s weights are undefined: %s", what, why);
    for (size_t j = 0; j < k; j++)
        w[j] = d[j] / s;
    return RC_OK;
}

int rc_entropy_weights(double *w, double *e, const double *xn, const int *constant, size_t m,
                       size_t k, double shift, rc_error *err)
{
    if (m < 2)
        return rc_error_set(err, RC_EINSUFFICIENT, "entropy weights need at least 2 rows (got %zu)", m);
    if (!(shift >= 0) || !isfinite(shift))
        return rc_error_set(err, RC_EUSAGE, "the entropy shift must be finite and >= 0 (got %g)", shift);
    double *d = malloc(k * sizeof *d);
    if (!d)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    double lnm = log((double)m);
    /* Σ p ln p with p = x''/S equals (1/S) Σ x'' ln x'' − ln S: one pass, row by row. */
    double *S = calloc(2 * k, sizeof *S);
    if (!S) {
        free(d);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    double *H = S + k;
    for (size_t r = 0; r < m; r++)
        for (size_t j = 0; j < k; j++) {
            double v = xn[r * k + j] + shift;
            S[j] += v;
            if (v > 0)
                H[j] += v * log(v);
        }
    for (size_t j = 0; j < k; j++) {
        double ej = is_const(constant, j) ? 1.0 : -(H[j] / S[j] - log(S[j])) / lnm;
        if (e)
            e[j] = ej;
        d[j] = is_const(constant, j) ? 0.0 : 1.0 - ej;
    }
    free(S);
    int rc = normalise(w, d, k, "entropy", "every indicator is constant over the rows", err);
    free(d);
    return rc;
}

int rc_critic_weights(double *w, double *sd, double *info, const double *xn,
                      const int *constant, size_t m, size_t k, rc_error *err)
{
    if (m < 2)
        return rc_error_set(err, RC_EINSUFFICIENT, "CRITIC weights need at least 2 rows (got %zu)", m);
    double *s = malloc(k * sizeof *s), *c = malloc(k * sizeof *c);
    if (!s || !c) {
        free(s), free(c);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    for (size_t j = 0; j < k; j++)
        s[j] = is_const(constant, j) ? 0.0 : gsl_stats_sd(xn + j, k, m);
    for (size_t j = 0; j < k; j++) {
        c[j] = 0;
        if (is_const(constant, j))
            continue;
        double conflict = 0;
        for (size_t l = 0; l < k; l++) {
            if (is_const(constant, l) || l == j)
                continue;
            /* ρ = 1 up to rounding is ρ = 1: no conflict, not a 1e-16 residue. */
            double q = 1.0 - gsl_stats_correlation(xn + j, k, xn + l, k, m);
            conflict += q < 1e-12 ? 0.0 : q;
        }
        c[j] = s[j] * conflict;
    }
    /* A single varying column has no conflict term (Σ over l ≠ j is empty) but all the
     * information: weight 1, as entropy and equal weights give it. */
    size_t varying = 0, last = 0;
    for (size_t j = 0; j < k; j++)
        if (!is_const(constant, j) && s[j] > 0)
            varying++, last = j;
    if (varying == 1)
        c[last] = 1.0;
    int rc = normalise(w, c, k, "CRITIC",
                       varying ? "the varying indicators are perfectly correlated"
                               : "every indicator is constant over the rows", err);
    if (rc == RC_OK) {
        for (size_t j = 0; j < k; j++) {
            if (sd)
                sd[j] = s[j];
            if (info)
                info[j] = c[j];
        }
    }
    free(s), free(c);
    return rc;
}

int rc_equal_weights(double *w, const int *constant, size_t k, rc_error *err)
{
    double *d = malloc(k * sizeof *d);
    if (!d)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    for (size_t j = 0; j < k; j++)
        d[j] = is_const(constant, j) ? 0.0 : 1.0;
    int rc = normalise(w, d, k, "equal", "every indicator is constant over the rows", err);
    free(d);
    return rc;
}

int rc_given_weights(double *w, const double *given, const int *constant, size_t k,
                     rc_error *err)
{
    double *d = malloc(k * sizeof *d);
    if (!d)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    int rc = RC_OK;
    for (size_t j = 0; j < k && rc == RC_OK; j++) {
        if (!(isfinite(given[j]) && given[j] >= 0))
            rc = rc_error_set(err, RC_EINPUT, "given weight %zu is %g (must be finite and >= 0)",
                              j, given[j]);
        d[j] = is_const(constant, j) ? 0.0 : given[j];
    }
    if (rc == RC_OK)
        rc = normalise(w, d, k, "given",
                       "every given weight is 0 or belongs to a constant indicator", err);
    free(d);
    return rc;
}
