/* disparity.c — gap indices of one cross-section (see regcoord/disparity.h).
 *
 * Unweighted and population-weighted forms share one code path: an unweighted index is the
 * weighted one with p_i = 1/n, so with all populations equal both agree exactly (a test). */
#include "regcoord/disparity.h"

#include <gsl/gsl_sort.h>
#include <math.h>
#include <stdlib.h>

/* Neumaier's compensated sum: regional panels can hold thousands of terms of mixed size. */
typedef struct {
    double sum, c;
} ksum;

static void kadd(ksum *k, double x)
{
    double t = k->sum + x;
    if (fabs(k->sum) >= fabs(x))
        k->c += (k->sum - t) + x;
    else
        k->c += (x - t) + k->sum;
    k->sum = t;
}

static double kval(const ksum *k) { return k->sum + k->c; }

/* Check n, finiteness, the sign domain of y and positivity of pop. positive = 1 demands
 * y > 0 (logs, ratios), 0 allows zeros but no negatives. */
static int check(const double *y, const double *pop, size_t n, int positive, const char *what,
                 rc_error *err)
{
    if (n < 2)
        return rc_error_set(err, RC_EINSUFFICIENT, "%s needs at least 2 regions (got %zu)", what, n);
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(y[i]))
            return rc_error_set(err, RC_EINPUT, "%s: value %zu is not a finite number", what, i);
        if (positive ? !(y[i] > 0) : y[i] < 0)
            return rc_error_set(err, RC_EINPUT, "%s needs %s values; value %zu is %g", what,
                                positive ? "positive" : "non-negative", i, y[i]);
        if (pop && !(isfinite(pop[i]) && pop[i] > 0))
            return rc_error_set(err, RC_EINPUT, "%s needs positive populations; population %zu is %g",
                                what, i, pop[i]);
    }
    return RC_OK;
}

/* Population shares p_i (1/n when pop is NULL) and the weighted mean μ = Σ p_i y_i. */
static int shares(double **p_out, double *mu, const double *y, const double *pop, size_t n,
                  const char *what, rc_error *err)
{
    double *p = malloc(n * sizeof *p);
    if (!p)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    ksum P = {0, 0}, M = {0, 0};
    if (pop)
        for (size_t i = 0; i < n; i++)
            kadd(&P, pop[i]);
    for (size_t i = 0; i < n; i++) {
        p[i] = pop ? pop[i] / kval(&P) : 1.0 / (double)n;
        kadd(&M, p[i] * y[i]);
    }
    *mu = kval(&M);
    if (!(*mu > 0)) {
        free(p);
        return rc_error_set(err, RC_EINPUT, "%s needs a positive mean (all values are 0)", what);
    }
    *p_out = p;
    return RC_OK;
}

int rc_range_ratio(double *out, const double *y, size_t n, rc_error *err)
{
    int rc = check(y, NULL, n, 1, "range_ratio", err);
    if (rc != RC_OK)
        return rc;
    double lo = y[0], hi = y[0];
    for (size_t i = 1; i < n; i++) {
        lo = fmin(lo, y[i]);
        hi = fmax(hi, y[i]);
    }
    *out = hi / lo;
    return RC_OK;
}

int rc_cv(double *out, const double *y, size_t n, int sample, rc_error *err)
{
    int rc = check(y, NULL, n, 0, "cv", err);
    if (rc != RC_OK)
        return rc;
    double *p = NULL, mu = 0;
    if ((rc = shares(&p, &mu, y, NULL, n, "cv", err)) != RC_OK)
        return rc;
    free(p);
    ksum ss = {0, 0};
    for (size_t i = 0; i < n; i++)
        kadd(&ss, (y[i] - mu) * (y[i] - mu));
    *out = sqrt(kval(&ss) / (double)(sample ? n - 1 : n)) / mu;
    return RC_OK;
}

int rc_williamson(double *out, const double *y, const double *pop, size_t n, rc_error *err)
{
    if (!pop)
        return rc_error_set(err, RC_EUSAGE, "the Williamson index needs populations");
    int rc = check(y, pop, n, 0, "cv_w", err);
    double *p = NULL, mu = 0;
    if (rc != RC_OK || (rc = shares(&p, &mu, y, pop, n, "cv_w", err)) != RC_OK)
        return rc;
    ksum ss = {0, 0};
    for (size_t i = 0; i < n; i++)
        kadd(&ss, p[i] * (y[i] - mu) * (y[i] - mu));
    free(p);
    *out = sqrt(kval(&ss)) / mu;
    return RC_OK;
}

int rc_gini(double *out, const double *y, const double *pop, size_t n, rc_error *err)
{
    const char *what = pop ? "gini_w" : "gini";
    int rc = check(y, pop, n, 0, what, err);
    double *p = NULL, mu = 0;
    if (rc != RC_OK || (rc = shares(&p, &mu, y, pop, n, what, err)) != RC_OK)
        return rc;
    size_t *order = malloc(n * sizeof *order);
    if (!order) {
        free(p);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    /* Sort (y, p) pairs together by y: sorting y alone is the mistake REAT's gini makes. */
    gsl_sort_index(order, y, 1, n);
    /* G = 1 − Σ_k p_(k) (L_(k−1) + L_(k)), L the Lorenz ordinate (cumulative output share). */
    ksum acc = {0, 0};
    double lorenz = 0.0;
    ksum cum = {0, 0};
    for (size_t k = 0; k < n; k++) {
        size_t i = order[k];
        double prev = lorenz;
        kadd(&cum, p[i] * y[i]);
        lorenz = kval(&cum) / mu;
        kadd(&acc, p[i] * (prev + lorenz));
    }
    *out = 1.0 - kval(&acc);
    free(order);
    free(p);
    return RC_OK;
}

int rc_lorenz(double *cum_pop, double *cum_value, const double *y, const double *pop, size_t n,
              rc_error *err)
{
    int rc = check(y, pop, n, 0, "lorenz", err);
    double *p = NULL, mu = 0;
    if (rc != RC_OK || (rc = shares(&p, &mu, y, pop, n, "lorenz", err)) != RC_OK)
        return rc;
    size_t *order = malloc(n * sizeof *order);
    if (!order) {
        free(p);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    gsl_sort_index(order, y, 1, n);
    ksum cp = {0, 0}, cv = {0, 0};
    cum_pop[0] = cum_value[0] = 0.0;
    for (size_t k = 0; k < n; k++) {
        kadd(&cp, p[order[k]]);
        kadd(&cv, p[order[k]] * y[order[k]] / mu);
        cum_pop[k + 1] = kval(&cp);
        cum_value[k + 1] = kval(&cv);
    }
    free(order);
    free(p);
    return RC_OK;
}

int rc_theil_t(double *out, const double *y, const double *pop, size_t n, rc_error *err)
{
    const char *what = pop ? "theil_t_w" : "theil_t";
    int rc = check(y, pop, n, 0, what, err);
    double *p = NULL, mu = 0;
    if (rc != RC_OK || (rc = shares(&p, &mu, y, pop, n, what, err)) != RC_OK)
        return rc;
    /* T = Σ s_i ln(s_i / p_i) with s_i = p_i y_i / μ, so s_i/p_i = y_i/μ; 0·ln 0 = 0. */
    ksum t = {0, 0};
    for (size_t i = 0; i < n; i++)
        if (y[i] > 0)
            kadd(&t, p[i] * y[i] / mu * log(y[i] / mu));
    free(p);
    *out = kval(&t);
    return RC_OK;
}

int rc_theil_l(double *out, const double *y, const double *pop, size_t n, rc_error *err)
{
    const char *what = pop ? "theil_l_w" : "theil_l";
    int rc = check(y, pop, n, 1, what, err);
    double *p = NULL, mu = 0;
    if (rc != RC_OK || (rc = shares(&p, &mu, y, pop, n, what, err)) != RC_OK)
        return rc;
    ksum t = {0, 0};
    for (size_t i = 0; i < n; i++)
        kadd(&t, p[i] * log(mu / y[i]));
    free(p);
    *out = kval(&t);
    return RC_OK;
}

int rc_atkinson(double *out, const double *y, const double *pop, size_t n, double epsilon,
                rc_error *err)
{
    if (!(epsilon >= 0) || !isfinite(epsilon))
        return rc_error_set(err, RC_EUSAGE, "Atkinson's epsilon must be ≥ 0 (got %g)", epsilon);
    const char *what = "atkinson";
    int rc = check(y, pop, n, epsilon >= 1, what, err);
    double *p = NULL, mu = 0;
    if (rc != RC_OK || (rc = shares(&p, &mu, y, pop, n, what, err)) != RC_OK)
        return rc;
    ksum s = {0, 0};
    if (epsilon == 1.0) {
        for (size_t i = 0; i < n; i++)
            kadd(&s, p[i] * log(y[i]));
        *out = 1.0 - exp(kval(&s)) / mu;
    } else {
        for (size_t i = 0; i < n; i++)
            kadd(&s, p[i] * pow(y[i] / mu, 1.0 - epsilon));
        *out = 1.0 - pow(kval(&s), 1.0 / (1.0 - epsilon));
    }
    free(p);
    return RC_OK;
}

int rc_hoover(double *out, const double *y, const double *pop, size_t n, rc_error *err)
{
    int rc = check(y, pop, n, 0, "hoover", err);
    double *p = NULL, mu = 0;
    if (rc != RC_OK || (rc = shares(&p, &mu, y, pop, n, "hoover", err)) != RC_OK)
        return rc;
    ksum h = {0, 0};
    for (size_t i = 0; i < n; i++)
        kadd(&h, fabs(p[i] * y[i] / mu - p[i]));
    free(p);
    *out = 0.5 * kval(&h);
    return RC_OK;
}

/* ---- Theil decompositions -------------------------------------------------------- */

static int decompose(rc_theil_parts *out, double *weight, double *index, double *contribution,
                     const double *y, const double *pop, const int *group, size_t ngroups,
                     size_t n, int is_l, rc_error *err)
{
    const char *what = is_l ? (pop ? "theil_l_w" : "theil_l") : (pop ? "theil_t_w" : "theil_t");
    int rc = check(y, pop, n, is_l, what, err);
    if (rc != RC_OK)
        return rc;
    if (ngroups == 0)
        return rc_error_set(err, RC_EUSAGE, "%s decomposition needs at least one group", what);
    for (size_t i = 0; i < n; i++)
        if (group[i] < 0 || (size_t)group[i] >= ngroups)
            return rc_error_set(err, RC_EINPUT, "%s: region %zu has no group (code %d)", what, i,
                                group[i]);
    double *p = NULL, mu = 0;
    if ((rc = shares(&p, &mu, y, pop, n, what, err)) != RC_OK)
        return rc;
    double *S = calloc(ngroups, sizeof *S), *Pi = calloc(ngroups, sizeof *Pi);
    ksum *within_g = calloc(ngroups, sizeof *within_g);
    if (!S || !Pi || !within_g) {
        free(p), free(S), free(Pi), free(within_g);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        S[group[i]] += p[i] * y[i] / mu;
        Pi[group[i]] += p[i];
    }
    /* T_g = Σ_{i∈g} (s_i/S_g) ln((s_i/S_g)/(p_i/Π_g));  L_g = Σ (p_i/Π_g) ln((p_i/Π_g)/(s_i/S_g)). */
    for (size_t i = 0; i < n; i++) {
        size_t g = (size_t)group[i];
        double si = p[i] * y[i] / mu, rel = (si / S[g]) / (p[i] / Pi[g]);
        if (is_l)
            kadd(&within_g[g], p[i] / Pi[g] * -log(rel));
        else if (si > 0)
            kadd(&within_g[g], si / S[g] * log(rel));
    }
    ksum between = {0, 0}, within = {0, 0}, total = {0, 0};
    for (size_t g = 0; g < ngroups; g++) {
        double w = is_l ? Pi[g] : S[g];
        double ig = (Pi[g] > 0 && S[g] > 0) ? kval(&within_g[g]) : 0.0;
        if (Pi[g] > 0 && S[g] > 0)
            kadd(&between, is_l ? Pi[g] * log(Pi[g] / S[g]) : S[g] * log(S[g] / Pi[g]));
        kadd(&within, w * ig);
        if (weight)
            weight[g] = w;
        if (index)
            index[g] = ig;
        if (contribution)
            contribution[g] = w * ig;
    }
    for (size_t i = 0; i < n; i++) {
        double si = p[i] * y[i] / mu;
        if (is_l)
            kadd(&total, p[i] * log(mu / y[i]));
        else if (si > 0)
            kadd(&total, si * log(y[i] / mu));
    }
    out->between = kval(&between);
    out->within = kval(&within);
    out->total = kval(&total);
    free(p), free(S), free(Pi), free(within_g);
    return RC_OK;
}

int rc_theil_t_decompose(rc_theil_parts *out, double *weight, double *index,
                         double *contribution, const double *y, const double *pop,
                         const int *group, size_t ngroups, size_t n, rc_error *err)
{
    return decompose(out, weight, index, contribution, y, pop, group, ngroups, n, 0, err);
}

int rc_theil_l_decompose(rc_theil_parts *out, double *weight, double *index,
                         double *contribution, const double *y, const double *pop,
                         const int *group, size_t ngroups, size_t n, rc_error *err)
{
    return decompose(out, weight, index, contribution, y, pop, group, ngroups, n, 1, err);
}
