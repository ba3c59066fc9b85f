/* kuznets.c — turning point, Fieller interval and Lind–Mehlum U test of a quadratic fit
 * (see regcoord/kuznets.h and ../shared/methods/08-kuznets.md). */
#include "regcoord/kuznets.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void rc_kuznets_options_init(rc_kuznets_options *o)
{
    memset(o, 0, sizeof *o);
    o->fe = RC_FE_NONE;
    o->se = RC_SE_CLASSIC;
    o->alpha = 0.05;
    o->x_low = o->x_high = NAN;
}

void rc_kuznets_free(rc_kuznets *k)
{
    if (k)
        rc_ols_free(&k->ols);
}

double rc_kuznets_slope(const rc_kuznets *k, double x) { return k->b1 + 2.0 * k->b2 * x; }

/* Slope β1 + 2β2x, its standard error and t at one end of the interval. */
static void end_slope(const rc_kuznets *k, double x, double *s, double *se, double *t, double *p,
                      double df)
{
    *s = rc_kuznets_slope(k, x);
    *se = sqrt(k->s11 + 4.0 * x * k->s12 + 4.0 * x * x * k->s22);
    *t = *s / *se;
    *p = gsl_cdf_tdist_Q(fabs(*t), df);
}

/* The θ with Aθ² + Bθ + C ≤ 0 (methods/08 §2). */
static void fieller(rc_kuznets *k)
{
    double c2 = k->crit * k->crit;
    double A = 4.0 * (k->b2 * k->b2 - c2 * k->s22);
    double B = 4.0 * (k->b1 * k->b2 - c2 * k->s12);
    double C = k->b1 * k->b1 - c2 * k->s11;
    k->fieller_a = A;
    k->fieller_b = B;
    k->fieller_c = C;
    double disc = B * B - 4.0 * A * C;
    if (A == 0.0) {
        /* Bθ + C ≤ 0: a half-line; high = ±∞ says which side. */
        k->fieller_kind = RC_FIELLER_HALF_LINE;
        k->fieller_low = -C / B;
        k->fieller_high = B > 0 ? -INFINITY : INFINITY;
        return;
    }
    if (disc < 0) {
        /* A < 0 without roots: every θ qualifies. (A > 0 always has roots: θ = x* gives
         * Aθ² + Bθ + C = −c²·Var ≤ 0.) */
        k->fieller_kind = RC_FIELLER_ALL;
        k->fieller_low = -INFINITY;
        k->fieller_high = INFINITY;
        return;
    }
    /* Stable roots: avoid cancellation in −B ± sqrt(disc). */
    double q = -0.5 * (B + copysign(sqrt(disc), B));
    double r1 = q / A, r2 = q != 0.0 ? C / q : -B / A - r1;
    k->fieller_low = fmin(r1, r2);
    k->fieller_high = fmax(r1, r2);
    k->fieller_kind = A > 0 ? RC_FIELLER_BOUNDED : RC_FIELLER_OUTSIDE;
}

int rc_kuznets_fit(rc_kuznets *out, const double *gap, const double *x, const double *z,
                   size_t nz, const char *const *z_names, size_t n,
                   const rc_kuznets_options *opt, rc_error *err)
{
    memset(out, 0, sizeof *out);
    rc_kuznets_options def;
    if (!opt) {
        rc_kuznets_options_init(&def);
        opt = &def;
    }
    size_t k = 2 + nz;
    double *X = malloc((n ? n : 1) * k * sizeof *X);
    const char **names = malloc(k * sizeof *names);
    if (!X || !names) {
        free(X);
        free(names);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    names[0] = "ln_level";
    names[1] = "ln_level_sq";
    for (size_t j = 0; j < nz; j++)
        names[2 + j] = z_names ? z_names[j] : "control";
    double xmin = INFINITY, xmax = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        X[i * k] = x[i];
        X[i * k + 1] = x[i] * x[i];
        for (size_t j = 0; j < nz; j++)
            X[i * k + 2 + j] = z[i * nz + j];
        xmin = fmin(xmin, x[i]);
        xmax = fmax(xmax, x[i]);
    }
    rc_ols_spec s = {.n = n, .k = k, .y = gap, .x = X, .names = names, .intercept = 1,
                     .fe = opt->fe, .se = opt->se, .region = opt->region, .year = opt->year,
                     .nregions = opt->nregions, .nyears = opt->nyears};
    int rc = rc_ols_fit(&out->ols, &s, err);
    free(X);
    free(names);
    if (rc != RC_OK)
        return rc;
    const rc_ols_result *r = &out->ols;
    size_t K = r->k, i1 = (size_t)r->intercept, i2 = i1 + 1;
    out->i1 = i1;
    out->i2 = i2;
    out->b1 = r->coef[i1];
    out->b2 = r->coef[i2];
    out->s11 = r->vcov[i1 * K + i1];
    out->s12 = r->vcov[i1 * K + i2];
    out->s22 = r->vcov[i2 * K + i2];
    out->shape = out->b1 > 0 && out->b2 < 0 ? 1 : out->b1 < 0 && out->b2 > 0 ? -1 : 0;
    out->x_min = xmin;
    out->x_max = xmax;
    double df = (double)r->df_resid;
    double alpha = opt->alpha > 0 ? opt->alpha : 0.05;
    out->crit = opt->fieller_normal ? gsl_cdf_ugaussian_Qinv(alpha / 2.0)
                                    : gsl_cdf_tdist_Qinv(alpha / 2.0, df);
    out->turning_defined = out->b2 != 0.0;
    if (out->turning_defined) {
        double b1 = out->b1, b2 = out->b2;
        out->x_star = -b1 / (2.0 * b2);
        out->y_star = exp(out->x_star);
        double var = out->s11 / (4 * b2 * b2) - out->s12 * b1 / (2 * b2 * b2 * b2) +
                     out->s22 * b1 * b1 / (4 * b2 * b2 * b2 * b2);
        out->se_x_star = sqrt(var);
        out->inside_range = out->x_star >= xmin && out->x_star <= xmax;
        fieller(out);
    } else {
        out->x_star = out->y_star = out->se_x_star = NAN;
        out->fieller_low = out->fieller_high = NAN;
        out->fieller_a = out->fieller_b = out->fieller_c = NAN;
    }

    out->x_low = isnan(opt->x_low) ? xmin : opt->x_low;
    out->x_high = isnan(opt->x_high) ? xmax : opt->x_high;
    end_slope(out, out->x_low, &out->slope_low, &out->se_low, &out->t_low, &out->p_low, df);
    end_slope(out, out->x_high, &out->slope_high, &out->se_high, &out->t_high, &out->p_high, df);
    if (out->b2 < 0) /* inverse U: H1 S_L > 0 and S_H < 0 */
        out->u_t = fmin(out->t_low, -out->t_high);
    else if (out->b2 > 0)
        out->u_t = fmin(-out->t_low, out->t_high);
    else
        out->u_t = NAN;
    /* Sasabuchi: the larger of the two one-sided p-values, i.e. P(T > min t). */
    out->u_p = isnan(out->u_t) ? NAN : gsl_cdf_tdist_Q(out->u_t, df);
    out->extremum_outside = out->slope_low * out->slope_high > 0;
    return RC_OK;
}
