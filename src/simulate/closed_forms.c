/* closed_forms.c — analytic results of the CP kernel and the growth block (design §2.8,
 * Appendix A). Tests and `--check` compare the simulation against these. */
#include "regcoord/simulate.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <stdlib.h>

double rc_cp_f_star(double sigma, double mu)
{
    double rho = (sigma - 1.0) / sigma;
    return mu * (1.0 + rho) / (mu * mu + rho);
}

double rc_cp_break_point(double sigma, double mu)
{
    double rho = (sigma - 1.0) / sigma;
    return (rho - mu) * (1.0 - mu) / ((rho + mu) * (1.0 + mu));
}

double rc_cp_break_point_n(double sigma, double mu, size_t n)
{
    double fs = rc_cp_f_star(sigma, mu);
    return (1.0 - fs) / (1.0 + (double)(n - 1) * fs);
}

double rc_cp_mode_gamma(double f, double sigma, double mu)
{
    return f * (mu - f) * (1.0 - mu * f) / (sigma - mu * f - (sigma - 1.0) * f * f) +
           mu * f / (sigma - 1.0);
}

/* Brent's method on [lo, hi] (a sign change is required) to machine precision. */
static int brent(double *root, double (*fn)(double, void *), void *par, double lo, double hi)
{
    gsl_function F = {fn, par};
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!s)
        return RC_ENOMEM;
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int status = gsl_root_fsolver_set(s, &F, lo, hi);
    for (int it = 0; status == GSL_SUCCESS && it < 500; it++) {
        status = gsl_root_fsolver_iterate(s);
        if (status != GSL_SUCCESS)
            break;
        double a = gsl_root_fsolver_x_lower(s), b = gsl_root_fsolver_x_upper(s);
        status = gsl_root_test_interval(a, b, 0.0, 4e-16);
        if (status == GSL_SUCCESS)
            break;
        if (status == GSL_CONTINUE)
            status = GSL_SUCCESS;
    }
    *root = gsl_root_fsolver_root(s);
    gsl_root_fsolver_free(s);
    gsl_set_error_handler(old);
    return status == GSL_SUCCESS ? RC_OK : RC_ENUMERIC;
}

typedef struct {
    double sigma, mu, n;
} sustain_par;

static double sustain_fn(double phi, void *vp)
{
    const sustain_par *p = vp;
    double mu = p->mu, n = p->n, a = mu * p->sigma / (p->sigma - 1.0);
    return pow(phi, a) * ((mu + (1.0 - mu) / n) * phi + (1.0 - mu) / (n * phi) +
                          (n - 2.0) * (1.0 - mu) / n) - 1.0;
}

int rc_cp_sustain_point(double *phi_s, double sigma, double mu, size_t n, rc_error *err)
{
    *phi_s = NAN;
    if (!(sigma > 1.0) || !(mu > 0.0) || !(mu < (sigma - 1.0) / sigma) || n < 2)
        return rc_error_set(err, RC_EUSAGE,
                            "sustain point needs sigma > 1, 0 < mu < (sigma-1)/sigma and n >= 2 "
                            "(got sigma = %g, mu = %g, n = %zu)", sigma, mu, n);
    sustain_par p = {sigma, mu, (double)n};
    /* The condition is +∞ at 0 (no black hole) and 0 at φ = 1: the sustain point is the
     * first crossing from above, found on a log grid and then polished. */
    double prev = 1e-14, fprev = sustain_fn(prev, &p);
    for (int k = 1; k <= 4000; k++) {
        double x = exp(log(1e-14) * (1.0 - k / 4000.0));
        if (x >= 1.0)
            break;
        double fx = sustain_fn(x, &p);
        if (fprev > 0.0 && fx <= 0.0) {
            if (fx == 0.0) {
                *phi_s = x;
                return RC_OK;
            }
            if (brent(phi_s, sustain_fn, &p, prev, x) != RC_OK)
                break;
            return RC_OK;
        }
        prev = x;
        fprev = fx;
    }
    return rc_error_set(err, RC_ENUMERIC,
                        "no sustain point in (0, 1) for sigma = %g, mu = %g, n = %zu", sigma, mu,
                        n);
}

int rc_cp_sustain_check(double *omega_max, double *omega, const double *phi, size_t n,
                        size_t core, double sigma, double mu, rc_error *err)
{
    *omega_max = NAN;
    if (core >= n || n < 2)
        return rc_error_set(err, RC_EUSAGE, "sustain check needs n >= 2 and core < n");
    double a = mu * sigma / (sigma - 1.0), best = -INFINITY;
    const double *pc = phi + core * n;
    for (size_t d = 0; d < n; d++) {
        if (d == core) {
            if (omega)
                omega[d] = 1.0;
            continue;
        }
        if (!(pc[d] > 0.0))
            return rc_error_set(err, RC_EINPUT,
                                "sustain check: freeness between core %zu and region %zu is %g "
                                "(must be > 0)", core, d, pc[d]);
        double sum = 0.0;
        for (size_t k = 0; k < n; k++) {
            double Yk = (1.0 - mu) / (double)n + (k == core ? mu : 0.0);
            sum += phi[d * n + k] * Yk / pc[k];
        }
        /* ω_d = (φ_cd^(μσ/(σ−1)) Σ_k φ_dk Y_k / φ_ck)^(1/σ) */
        double om = pow(pow(pc[d], a) * sum, 1.0 / sigma);
        if (omega)
            omega[d] = om;
        if (om > best)
            best = om;
    }
    *omega_max = best;
    return RC_OK;
}

double rc_racetrack_f(size_t K, size_t k, double r)
{
    double num = 0.0, den = 0.0;
    for (size_t j = 0; j < K; j++) {
        size_t d = j < K - j ? j : K - j;
        double w = d == 0 ? 1.0 : pow(r, (double)d);
        /* the angle is reduced modulo K first so cos() sees a small argument */
        num += w * cos(2.0 * M_PI * (double)((k * j) % K) / (double)K);
        den += w;
    }
    return num / den;
}

typedef struct {
    size_t K, k;
    double fs;
} race_par;

static double race_fn(double r, void *vp)
{
    const race_par *p = vp;
    return rc_racetrack_f(p->K, p->k, r) - p->fs;
}

int rc_racetrack_break(double *r_b, size_t K, size_t k, double sigma, double mu,
                       rc_error *err)
{
    *r_b = NAN;
    if (K < 2 || k < 1 || 2 * k > K)
        return rc_error_set(err, RC_EUSAGE, "racetrack mode k = %zu needs 1 <= k <= K/2 (K = %zu)",
                            k, K);
    race_par p = {K, k, rc_cp_f_star(sigma, mu)};
    /* f_k falls from 1 at r = 0 towards 0 at r = 1; f* ∈ (0, 1) is crossed once. */
    double lo = 1e-12, hi = 1.0 - 1e-12;
    if (!(race_fn(lo, &p) > 0.0 && race_fn(hi, &p) < 0.0))
        return rc_error_set(err, RC_ENUMERIC, "racetrack mode %zu of %zu never reaches f* = %g",
                            k, K, p.fs);
    if (brent(r_b, race_fn, &p, lo, hi) != RC_OK)
        return rc_error_set(err, RC_ENUMERIC, "racetrack break point: root finder failed");
    return RC_OK;
}

double rc_growth_steady_capital(double sigma, double mu, double H, double R, double omega,
                                double phi_k, double delta, double s)
{
    double theta = phi_k * mu * sigma / (sigma - 1.0);
    double w = mu * R / ((1.0 - mu) * H), E = R / (1.0 - mu);
    double rhs = s * E / delta * pow(H / mu, mu / (sigma - 1.0)) *
                 pow(omega, mu * sigma / (sigma - 1.0)) * pow(w, -mu);
    return pow(rhs, 1.0 / (1.0 - theta));
}
