/* convergence.h — sigma and beta convergence and the Hodrick–Prescott trend.
 *
 * Kernels take arrays (levels y > 0, never logs: they take the logs themselves, so a zero
 * or negative value is caught and named), return an rc_status and never print. Regressions
 * are OLS through GSL with the covariance chosen by rc_vcov. Formulas and conventions:
 * ../shared/methods/02-convergence.md §§1–4. */
#ifndef REGCOORD_CONVERGENCE_H
#define REGCOORD_CONVERGENCE_H

#include <stddef.h>
#include "regcoord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Covariance of the coefficients. HC0/HC1: White (1980) and its n/(n−k) correction (Stata
 * `robust`, R sandwich type "HC1"). CLUSTER: Arellano (1987) cluster-by-region sandwich
 * (plm vcovHC "arellano", type "HC0"); CLUSTER_SSS adds G/(G−1)·(n−1)/(n−k) (type "sss"). */
typedef enum {
    RC_VCOV_CLASSIC,
    RC_VCOV_HC0,
    RC_VCOV_HC1,
    RC_VCOV_CLUSTER,
    RC_VCOV_CLUSTER_SSS
} rc_vcov;

/* One estimated quantity with its inference (p two-sided from Student's t). */
typedef struct {
    double value, std_error, t, p_value;
} rc_estimate;

/* σ = standard deviation of ln y; sample = 0: divisor n (default), 1: n − 1. y > 0. */
int rc_sigma_sd_log(double *out, const double *y, size_t n, int sample, rc_error *err);

/* Variance-ratio test of σ_t0 against σ_t1 (R var.test on ln y): F = s²_0 / s²_1 with
 * divisor n − 1, df (n − 1, n − 1), two-sided p. Both arrays hold the same n regions. */
int rc_sigma_f_test(double *F, double *p_value, const double *y0, const double *y1, size_t n,
                    rc_error *err);

/* OLS trend of a series s over times t: slope and intercept with conventional inference
 * (n − 2 df). n ≥ 3. */
int rc_trend(rc_estimate *slope, rc_estimate *intercept, const double *t, const double *s,
             size_t n, rc_error *err);

/* A beta-convergence fit. alpha is NaN for the fixed-effects estimator (no common intercept).
 * speed b and half_life ln 2 / b are NaN unless speed_defined (β < 0 and 1 + βT > 0). */
typedef struct {
    rc_estimate alpha, beta;
    double r2;      /* R² (cross-section); within R² (panel) */
    double adj_r2;  /* cross-section only; NaN for the panel */
    size_t nobs, df;
    double speed, half_life;
    int speed_defined;
} rc_beta_fit;

/* Cross-section beta convergence: g_i = α + β ln y0_i + γ' x_i + ε_i over T years, with
 * g_i = ln(y1_i / y0_i) / T (total = 0) or ln(y1_i / y0_i) (total = 1). x is n × q row-major
 * (q = 0, x = NULL: absolute convergence); gamma receives q estimates. vcov: CLASSIC, HC0 or
 * HC1. Errors name the element (index) that is not positive / finite. */
int rc_beta_cross(rc_beta_fit *out, rc_estimate *gamma, const double *y0, const double *y1,
                  double T, int total, const double *x, size_t q, size_t n, rc_vcov vcov,
                  rc_error *err);

/* Panel fixed-effects beta convergence (Islam 1995) on a balanced panel y (nyears × n,
 * year-major, levels > 0): ln y_{i,t+τ} − ln y_{i,t} = α_i (+ δ_t) + β ln y_{i,t} + γ' x_{i,t},
 * t = 0, τ, 2τ, … while t + τ < nyears (τ = 1: every year; τ = K: non-overlapping windows).
 * x holds q matrices of the same shape as y, one after another (q = 0: x = NULL). twoways
 * adds period effects. vcov: CLASSIC, CLUSTER or CLUSTER_SSS (clusters = regions). */
int rc_beta_panel(rc_beta_fit *out, rc_estimate *gamma, const double *y, size_t n, size_t nyears,
                  size_t tau, const double *x, size_t q, int twoways, rc_vcov vcov,
                  rc_error *err);

/* Hodrick–Prescott trend of x[0..T-1] with smoothing λ ≥ 0 (exact pentadiagonal solve).
 * T ≤ 2 returns x. */
int rc_hp_filter(double *trend, const double *x, size_t T, double lambda, rc_error *err);

/* ---- Phillips–Sul log t test and club clustering (methods/02 §5; src/measures/clubs.c) -- */

/* Options of the log t regression and the clustering; rc_clubs_options_init gives the
 * R ConvergenceClubs 2.2.5 findClubs defaults. */
typedef enum { RC_CLUBS_MERGE_NONE, RC_CLUBS_MERGE_PS, RC_CLUBS_MERGE_VLT } rc_clubs_merge;

/* What to do when the sieved club fails its own test: keep it (fixed, ConvergenceClubs'
 * default), raise c* by 0.1 up to 3 and re-sieve (incremental, ConvergenceClubs), or rebuild
 * it from the core adding the best candidate while the club converges (adjust, Schnurbus,
 * Haupt & Meier 2017 as published). */
typedef enum { RC_CSTAR_FIXED, RC_CSTAR_INCREMENTAL, RC_CSTAR_ADJUST } rc_cstar_method;

typedef struct {
    double time_trim;       /* r: the first round(T·r) periods are discarded (1/3) */
    double critical;        /* convergence is rejected when t ≤ critical (−1.65) */
    double cstar;           /* sieve threshold c* (0) */
    rc_cstar_method cstar_method; /* fixed */
    double order_fraction;  /* 0: order by the last period; F > 0: by the mean of the last
                               max(1, round(F·T)) periods (psecta fr) */
    int core_max_t;         /* 0: core = largest |t| (ConvergenceClubs); 1: largest t (PS 2007) */
    int lt_plus_1;          /* 0: L(t) = ln t (implementations); 1: ln(t + 1) (the paper) */
    rc_clubs_merge merge;   /* club merging after the clustering (none) */
    int merge_divergent;    /* vLT (2017) mergeDivergent after merging (0) */
} rc_clubs_options;

void rc_clubs_options_init(rc_clubs_options *opt);

/* log t regression of the units units[0..m-1] of X (N × T, unit-major: X[i·T + t], already
 * filtered; units == NULL: all N). out: value = b (= 2α), std_error (fixed QS bandwidth
 * HAC as the Phillips–Sul GAUSS code), t = b / se, p_value = Φ(t) (one-sided). */
int rc_logt(rc_estimate *out, const double *X, size_t N, size_t T, const size_t *units, size_t m,
            const rc_clubs_options *opt, rc_error *err);

typedef struct {
    size_t n;              /* units */
    size_t nclubs;
    int *club;             /* per unit: club 0 … nclubs − 1 in order formed, −1 divergent */
    rc_estimate whole;     /* the whole-sample log t test */
    rc_estimate *test;     /* per club: its own log t test */
    size_t ndivergent;
} rc_clubs;

/* Club clustering (Phillips & Sul 2007, as ConvergenceClubs findClubs; then mergeClubs and
 * mergeDivergent when asked). Units are ordered by their last-period value. */
int rc_clubs_find(rc_clubs *out, const double *X, size_t N, size_t T, const rc_clubs_options *opt,
                  rc_error *err);
void rc_clubs_free(rc_clubs *c);

#ifdef __cplusplus
}
#endif
#endif
