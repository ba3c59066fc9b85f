/* haken.c — discrete Haken model for one ordered pair, its potential and rescaling (see
 * regcoord/haken.h and ../shared/methods/05-synergetics.md). */
#include "regcoord/haken.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/regress.h"

const char *rc_haken_reason_text(rc_haken_reason r)
{
    switch (r) {
    case RC_HAKEN_HOLDS: return "";
    case RC_HAKEN_LAMBDA2_NOT_POSITIVE: return "lambda2 <= 0";
    case RC_HAKEN_NOT_ADIABATIC: return "|lambda2| <= r|lambda1|";
    case RC_HAKEN_A_NOT_SIGNIFICANT: return "a not significant";
    case RC_HAKEN_B_NOT_SIGNIFICANT: return "b not significant";
    }
    return "?";
}

/* One no-intercept equation y = c1 x1 + c2 x2 over the K − 1 transitions. */
static int equation(double *beta, double *se, double *t, double *p, double *r2, double *f,
                    size_t *df, const double *y, const double *x, size_t n, const char *what,
                    rc_error *err)
{
    static const char *const names[] = {"first regressor", "second regressor"};
    rc_ols_spec s = {.n = n, .k = 2, .y = y, .x = x, .names = names, .intercept = 0};
    rc_ols_result r;
    int rc = rc_ols_fit(&r, &s, err);
    if (rc != RC_OK) {
        char msg[RC_ERROR_MESSAGE_MAX];
        snprintf(msg, sizeof msg, "%s", err ? err->message : "");
        return rc_error_set(err, rc, "Haken %s: %s", what, msg);
    }
    for (int j = 0; j < 2; j++) {
        beta[j] = r.coef[j];
        se[j] = r.se[j];
        t[j] = r.t[j];
        p[j] = r.p[j];
    }
    *r2 = r.r2;
    *f = r.f;
    *df = r.df_resid;
    rc_ols_free(&r);
    return RC_OK;
}

int rc_haken_pair_fit(rc_haken_pair *out, const double *q1, const double *q2, size_t K,
                      double ratio_min, double alpha, rc_error *err)
{
    memset(out, 0, sizeof *out);
    if (K < 4)
        return rc_error_set(err, RC_EINSUFFICIENT,
                            "the Haken model needs at least 4 periods (got %zu; 8 or more recommended)", K);
    for (size_t k = 0; k < K; k++)
        if (!isfinite(q1[k]) || !isfinite(q2[k]))
            return rc_error_set(err, RC_EINPUT, "Haken model: period %zu is not a finite number", k + 1);
    size_t n = K - 1;
    double *y = malloc(2 * n * sizeof *y), *x = malloc(4 * n * sizeof *x);
    if (!y || !x) {
        free(y);
        free(x);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    double *y2 = y + n, *x2 = x + 2 * n;
    for (size_t k = 0; k < n; k++) {
        y[k] = q1[k + 1];
        x[2 * k] = q1[k];
        x[2 * k + 1] = q1[k] * q2[k];
        y2[k] = q2[k + 1];
        x2[2 * k] = q2[k];
        x2[2 * k + 1] = q1[k] * q1[k];
    }
    size_t df1, df2;
    int rc = equation(out->beta, out->se, out->t, out->p, &out->r2_eq1, &out->f_eq1, &df1, y, x,
                      n, "equation 1 (q1)", err);
    if (rc == RC_OK)
        rc = equation(out->beta + 2, out->se + 2, out->t + 2, out->p + 2, &out->r2_eq2,
                      &out->f_eq2, &df2, y2, x2, n, "equation 2 (q2)", err);
    free(y);
    free(x);
    if (rc != RC_OK)
        return rc;
    out->df = df1;
    out->lambda1 = 1.0 - out->beta[0];
    out->a = -out->beta[1];
    out->lambda2 = 1.0 - out->beta[2];
    out->b = out->beta[3];
    out->ratio = fabs(out->lambda2) / fabs(out->lambda1);
    out->cubic = out->a * out->b / out->lambda2;
    /* Conditions in the order of methods/05 §3; the first failure is the reason. */
    if (!(out->lambda2 > 0))
        out->reason = RC_HAKEN_LAMBDA2_NOT_POSITIVE;
    else if (!(fabs(out->lambda2) > ratio_min * fabs(out->lambda1)))
        out->reason = RC_HAKEN_NOT_ADIABATIC;
    else if (!(out->p[1] < alpha))
        out->reason = RC_HAKEN_A_NOT_SIGNIFICANT;
    else if (!(out->p[3] < alpha))
        out->reason = RC_HAKEN_B_NOT_SIGNIFICANT;
    else
        out->reason = RC_HAKEN_HOLDS;
    out->holds = out->reason == RC_HAKEN_HOLDS;
    return RC_OK;
}

void rc_haken_potential_of(rc_haken_potential *v, const rc_haken_pair *pr)
{
    v->c2 = 0.5 * pr->lambda1;
    v->c4 = pr->cubic / 4.0;
    /* Stationary points of −λ1 q − (ab/λ2) q³: q = 0 and q² = −λ1/(ab/λ2). */
    double q2 = -pr->lambda1 / pr->cubic;
    v->q_star = pr->cubic != 0.0 && q2 > 0 ? sqrt(q2) : NAN;
    v->zero_stable = pr->lambda1 > 0;
    v->star_stable = !isnan(v->q_star) && -2.0 * pr->lambda1 > 0;
}

double rc_haken_potential_at(const rc_haken_potential *v, double q)
{
    double s = q * q;
    return v->c2 * s + v->c4 * s * s;
}

int rc_haken_rescale(double *q, size_t K, rc_haken_scale how, rc_error *err)
{
    if (how == RC_HAKEN_SCALE_NONE || K == 0)
        return RC_OK;
    double lo = q[0], hi = q[0], sum = 0;
    for (size_t k = 0; k < K; k++) {
        lo = fmin(lo, q[k]);
        hi = fmax(hi, q[k]);
        sum += q[k];
    }
    double shift = 0, div;
    if (how == RC_HAKEN_SCALE_MINMAX) {
        shift = lo;
        div = hi - lo;
    } else {
        div = how == RC_HAKEN_SCALE_FIRST ? q[0] : sum / (double)K;
    }
    if (div == 0.0)
        return rc_error_set(err, RC_EINPUT, "cannot rescale a series whose %s is zero",
                            how == RC_HAKEN_SCALE_MINMAX ? "range" : how == RC_HAKEN_SCALE_FIRST ? "first value" : "mean");
    for (size_t k = 0; k < K; k++)
        q[k] = (q[k] - shift) / div;
    return RC_OK;
}
