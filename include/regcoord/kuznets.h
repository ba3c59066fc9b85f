/* kuznets.h — the inverse-U (Kuznets/Williamson) relation between development and a gap:
 *   gap = α + β1 x + β2 x² + γ'z + ε,   x = ln(per-capita level),
 * with the turning point x* = −β1/(2β2) (delta-method SE, Fieller interval) and the
 * Lind–Mehlum (2010) U test of the slopes at both ends of an interval. The regression is
 * rc_ols_fit (any covariance kind, optional fixed effects for region-year panels); this
 * module adds the turning point and the tests. Formulas: ../shared/methods/08-kuznets.md. */
#ifndef REGCOORD_KUZNETS_H
#define REGCOORD_KUZNETS_H

#include <stddef.h>
#include "regcoord/error.h"
#include "regcoord/regress.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    rc_fe_kind fe;            /* RC_FE_NONE (default): with intercept */
    rc_se_kind se;            /* RC_SE_CLASSIC (default) or any other kind */
    const size_t *region, *year; /* codes for fixed effects / clusters (may be NULL) */
    size_t nregions, nyears;
    double alpha;             /* Fieller level 1 − alpha; 0 means 0.05 */
    int fieller_normal;       /* 1: critical value from N(0,1) instead of t(df) */
    double x_low, x_high;     /* U-test interval; NaN = observed min / max of x */
} rc_kuznets_options;

void rc_kuznets_options_init(rc_kuznets_options *o);

typedef enum {
    RC_FIELLER_BOUNDED = 1,   /* [low, high] */
    RC_FIELLER_OUTSIDE = 2,   /* (−∞, low] ∪ [high, ∞): A < 0 with two roots */
    RC_FIELLER_ALL = 3,       /* the whole line: A < 0 without real roots */
    RC_FIELLER_HALF_LINE = 4  /* A = 0: (−∞, low] or [low, ∞) (high = ±∞ marks which) */
} rc_fieller_kind;

typedef struct {
    rc_ols_result ols;        /* coefficients: [(Intercept)], x, x², controls */
    size_t i1, i2;            /* positions of β1, β2 in ols.coef */
    double b1, b2, s11, s12, s22;
    int shape;                /* +1 inverse U (β1 > 0, β2 < 0), −1 U (β1 < 0, β2 > 0), 0 neither */
    int turning_defined;      /* 0 when β2 = 0 (then the turning-point fields are NaN) */
    double x_star, y_star, se_x_star;
    double x_min, x_max;      /* observed range of x */
    int inside_range;         /* x* ∈ [x_min, x_max] */
    double crit;              /* Fieller critical value c */
    double fieller_a, fieller_b, fieller_c;
    rc_fieller_kind fieller_kind;
    double fieller_low, fieller_high;
    /* U test (shape from the sign of β2; NaN when β2 = 0). */
    double x_low, x_high;
    double slope_low, se_low, t_low, p_low;    /* p: P(T > |t|), as utest's uslopes */
    double slope_high, se_high, t_high, p_high;
    double u_t, u_p;
    int extremum_outside;     /* both slopes have the same sign: utest's "trivial failure" */
} rc_kuznets;

/* Fit gap[0..n-1] on x, x² and the controls z (n × nz row-major, may be NULL when nz = 0).
 * Needs n − K ≥ 1. out->ols must be freed with rc_kuznets_free. */
int rc_kuznets_fit(rc_kuznets *out, const double *gap, const double *x, const double *z,
                   size_t nz, const char *const *z_names, size_t n,
                   const rc_kuznets_options *opt, rc_error *err);
void rc_kuznets_free(rc_kuznets *k);

/* Slope of the fitted curve at x: β1 + 2β2x (> 0: the gap rises with development). */
double rc_kuznets_slope(const rc_kuznets *k, double x);

#ifdef __cplusplus
}
#endif
#endif
