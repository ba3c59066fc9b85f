/* regress.h — least squares with classical, heteroskedasticity-robust and cluster-robust
 * standard errors, and panel fixed effects (within transformation, one- and two-way).
 *
 * The kernel takes arrays: y[0..n-1], the design x (n × k, row-major) and, for fixed effects
 * or clustering, the region and year index of every observation. It solves by pivoted QR
 * (GSL), never prints or reads files, and reports a rank-deficient design as RC_ENUMERIC
 * naming the collinear column. Conventions (all checked against R on plm::Produc):
 *   classic      V = σ̂² (X'X)⁻¹, σ̂² = e'e / df_resid                 (summary.lm / summary.plm)
 *   hc1          V = n/(n−k) · B Σ e_i² x_i x_i' B, B = (X'X)⁻¹        (sandwich HC1; plm white1)
 *   cluster      V = G/(G−1) · (n−1)/(n−k) · B Σ_g X_g'e_g e_g'X_g B   (plm arellano "sss", Stata)
 *   cluster_hc0  the same without the factor                          (plm arellano "HC0")
 * where k counts the estimated coefficients (for fixed-effects models only the slopes: the
 * absorbed effects enter df_resid but not k, as plm). Clusters are the regions.
 * Fixed effects: region (x − x̄_i), year (x − x̄_t), twoway (x − x̄_i − x̄_t + x̄ when
 * balanced; otherwise region demeaning, then the demeaned year dummies partialled out — exact
 * for unbalanced panels, equal to the dummy-variable regression). Formulas: ../shared/methods/02-convergence.md §3. */
#ifndef REGCOORD_REGRESS_H
#define REGCOORD_REGRESS_H

#include <stddef.h>
#include "regcoord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { RC_FE_NONE, RC_FE_REGION, RC_FE_YEAR, RC_FE_TWOWAY } rc_fe_kind;
typedef enum { RC_SE_CLASSIC, RC_SE_HC1, RC_SE_CLUSTER, RC_SE_CLUSTER_HC0 } rc_se_kind;

typedef struct {
    size_t n, k;            /* observations, columns of x (without the intercept) */
    const double *y;        /* n */
    const double *x;        /* n × k row-major; may be NULL when k = 0 */
    const char *const *names; /* k column names for messages (may be NULL) */
    int intercept;          /* 1: add a constant column first (ignored with fixed effects) */
    rc_fe_kind fe;
    rc_se_kind se;
    const size_t *region;   /* n region codes < nregions: needed for region/twoway FE, cluster */
    const size_t *year;     /* n year codes < nyears: needed for year/twoway FE */
    size_t nregions, nyears;
} rc_ols_spec;

typedef struct {
    size_t n;          /* observations used */
    size_t k;          /* coefficients estimated (intercept included when there is one) */
    size_t df_resid;   /* n − k − absorbed fixed effects */
    size_t nclusters;  /* clusters with observations (cluster kinds only, else 0) */
    int intercept;     /* 1 when coef[0] is the intercept */
    double *coef, *se, *t, *p;  /* k each; p two-sided from t with df_resid */
    double *vcov;      /* k × k row-major, the kind asked for */
    double *resid;     /* n residuals (of the transformed model for FE; equal to the LSDV ones) */
    double ssr;        /* e'e */
    double sigma;      /* sqrt(e'e / df_resid) */
    double r2, r2_adj; /* centred with an intercept or fixed effects (FE: dummy-variable model),
                        * uncentred 1 − e'e/y'y without (as summary.lm) */
    double r2_within;  /* FE: R² of the demeaned regression (plm); NaN without FE */
    double f, f_df1, f_df2, f_p; /* F of all slopes (classic), as summary.lm / summary.plm */
} rc_ols_result;

/* Fit. out is filled on RC_OK (free with rc_ols_free) and zeroed otherwise. Errors:
 * RC_EUSAGE (missing region/year codes for the requested FE or clusters), RC_EINPUT
 * (non-finite data), RC_EINSUFFICIENT (df_resid < 1, fewer than 2 clusters),
 * RC_ENUMERIC (collinear design, naming the column). */
int rc_ols_fit(rc_ols_result *out, const rc_ols_spec *spec, rc_error *err);
void rc_ols_free(rc_ols_result *r);

/* "none"/"region"/"year"/"twoway" and "classic"/"hc1"/"cluster"/"cluster_hc0". */
int rc_fe_parse(const char *text, rc_fe_kind *fe, rc_error *err);
int rc_se_parse(const char *text, rc_se_kind *se, rc_error *err);

#ifdef __cplusplus
}
#endif
#endif
