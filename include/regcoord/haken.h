/* haken.h — order-parameter identification with the discrete Haken model (synergetics).
 *
 * For a candidate order parameter q1 and a slaved variable q2 observed over K periods:
 *   q1(k+1) = (1 − λ1) q1(k) − a q1(k) q2(k)       (eq. 1, OLS without intercept)
 *   q2(k+1) = (1 − λ2) q2(k) + b q1(k)²             (eq. 2, OLS without intercept)
 * A pair holds when λ2 > 0, |λ2| > r·|λ1| (adiabatic elimination, default r = 1) and both
 * interaction coefficients are significant (p(a), p(b) < α). Then the order-parameter
 * equation is dq1/dt = −λ1 q1 − (ab/λ2) q1³ with the potential V(q) = ½λ1 q² + ab/(4λ2) q⁴.
 * Regressions are rc_ols_fit (R lm(y ~ 0 + …) conventions: uncentred R², F with (2, K − 3)
 * df). Formulas: ../shared/methods/05-synergetics.md. */
#ifndef REGCOORD_HAKEN_H
#define REGCOORD_HAKEN_H

#include <stddef.h>
#include "regcoord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Why a pair fails (the first failed condition), or holds. */
typedef enum {
    RC_HAKEN_HOLDS = 0,
    RC_HAKEN_LAMBDA2_NOT_POSITIVE, /* λ2 ≤ 0: q2 is not damped */
    RC_HAKEN_NOT_ADIABATIC,        /* |λ2| ≤ r·|λ1| */
    RC_HAKEN_A_NOT_SIGNIFICANT,    /* p(a) ≥ α */
    RC_HAKEN_B_NOT_SIGNIFICANT     /* p(b) ≥ α */
} rc_haken_reason;

/* Short text of a reason: "", "lambda2 <= 0", "|lambda2| <= r|lambda1|", "a not significant",
 * "b not significant". */
const char *rc_haken_reason_text(rc_haken_reason r);

typedef struct {
    /* Regression coefficients β11, β12 (eq. 1), β21, β22 (eq. 2) with se, t, two-sided p
     * (df = K − 3). */
    double beta[4], se[4], t[4], p[4];
    double r2_eq1, f_eq1, r2_eq2, f_eq2; /* uncentred R², F(2, K − 3) */
    size_t df;
    double lambda1, a, lambda2, b;       /* λ1 = 1 − β11, a = −β12, λ2 = 1 − β21, b = β22 */
    double ratio;                        /* |λ2| / |λ1| */
    double cubic;                        /* ab/λ2: dq1/dt = −λ1 q1 − cubic·q1³ */
    rc_haken_reason reason;
    int holds;
} rc_haken_pair;

/* Fit the pair (q1, q2) over K ≥ 4 periods; ratio_min = r (> 0), alpha in (0, 1).
 * RC_EINSUFFICIENT for K < 4, RC_EINPUT for non-finite values, RC_ENUMERIC for a singular
 * design (e.g. q2 constant, so q1 ∝ q1·q2). */
int rc_haken_pair_fit(rc_haken_pair *out, const double *q1, const double *q2, size_t K,
                      double ratio_min, double alpha, rc_error *err);

/* The potential V(q) = c2 q² + c4 q⁴ of a fitted pair and its stationary points. */
typedef struct {
    double c2, c4;          /* ½λ1 and ab/(4λ2) */
    double q_star;          /* +sqrt(−λ1λ2/(ab)) when λ1·ab/λ2 < 0, else NaN (−q_star too) */
    int zero_stable;        /* V''(0) = λ1 > 0 */
    int star_stable;        /* V''(q*) = −2λ1 > 0; 0 when there is no q* */
} rc_haken_potential;

void rc_haken_potential_of(rc_haken_potential *out, const rc_haken_pair *pair);
double rc_haken_potential_at(const rc_haken_potential *v, double q);

/* Rescale a series in place: 0 none, 1 min–max over time, 2 divide by the first value,
 * 3 divide by the mean. RC_EINPUT when the divisor is zero. */
typedef enum { RC_HAKEN_SCALE_NONE, RC_HAKEN_SCALE_MINMAX, RC_HAKEN_SCALE_FIRST,
               RC_HAKEN_SCALE_MEAN } rc_haken_scale;
int rc_haken_rescale(double *q, size_t K, rc_haken_scale how, rc_error *err);

#ifdef __cplusplus
}
#endif
#endif
