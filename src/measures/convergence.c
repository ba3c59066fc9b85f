/* convergence.c — sigma convergence, cross-section and panel beta convergence, HP trend
 * (see regcoord/convergence.h; formulas in methods/02 §§1–4). */
#include "regcoord/convergence.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "convergence_ols.h"

static int check_positive(const double *y, size_t n, const char *what, rc_error *err)
{
    for (size_t i = 0; i < n; i++)
        if (!(isfinite(y[i]) && y[i] > 0))
            return rc_error_set(err, RC_EINPUT, "%s needs positive finite values (logs); value %zu is %g",
                                what, i, y[i]);
    return RC_OK;
}

/* Mean and sum of squared deviations of ln y (two passes: the logs are close together). */
static void log_moments(double *mean, double *ss, const double *y, size_t n)
{
    double m = 0, s = 0;
    for (size_t i = 0; i < n; i++)
        m += log(y[i]);
    m /= (double)n;
    for (size_t i = 0; i < n; i++) {
        double d = log(y[i]) - m;
        s += d * d;
    }
    *mean = m;
    *ss = s;
}

int rc_sigma_sd_log(double *out, const double *y, size_t n, int sample, rc_error *err)
{
    if (n < 2)
        return rc_error_set(err, RC_EINSUFFICIENT, "sigma needs at least 2 regions (got %zu)", n);
    int rc = check_positive(y, n, "sigma (sd of log values)", err);
    if (rc != RC_OK)
        return rc;
    double m, ss;
    log_moments(&m, &ss, y, n);
    *out = sqrt(ss / (double)(sample ? n - 1 : n));
    return RC_OK;
}

int rc_sigma_f_test(double *F, double *p_value, const double *y0, const double *y1, size_t n,
                    rc_error *err)
{
    if (n < 2)
        return rc_error_set(err, RC_EINSUFFICIENT, "the variance-ratio test needs at least 2 regions");
    int rc = check_positive(y0, n, "sigma F test", err);
    if (rc == RC_OK)
        rc = check_positive(y1, n, "sigma F test", err);
    if (rc != RC_OK)
        return rc;
    double m, s0, s1;
    log_moments(&m, &s0, y0, n);
    log_moments(&m, &s1, y1, n);
    if (!(s1 > 0))
        return rc_error_set(err, RC_ENUMERIC, "sigma F test: no dispersion in the final year");
    double df = (double)(n - 1), f = s0 / s1; /* the divisors n − 1 cancel */
    double cdf = gsl_cdf_fdist_P(f, df, df);
    *F = f;
    *p_value = 2.0 * fmin(cdf, 1.0 - cdf);
    return RC_OK;
}

static void fill(rc_estimate *e, double value, double se, double df)
{
    e->value = value;
    e->std_error = se;
    e->t = value / se;
    e->p_value = rc_conv_p_t(e->t, df);
}

int rc_trend(rc_estimate *slope, rc_estimate *intercept, const double *t, const double *s,
             size_t n, rc_error *err)
{
    if (n < 3)
        return rc_error_set(err, RC_EINSUFFICIENT, "a trend test needs at least 3 years (got %zu)", n);
    double *X = malloc(2 * n * sizeof *X);
    if (!X)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        X[2 * i] = 1.0;
        X[2 * i + 1] = t[i];
    }
    double b[2], se[2], rss;
    int rc = rc_conv_ols(b, se, &rss, NULL, X, s, n, 2, n - 2, RC_VCOV_CLASSIC, NULL, 0, err);
    free(X);
    if (rc != RC_OK)
        return rc;
    fill(intercept, b[0], se[0], (double)(n - 2));
    fill(slope, b[1], se[1], (double)(n - 2));
    return RC_OK;
}

/* b = −ln(1 + βT)/T for a per-year β over T years (Barro & Sala-i-Martin 1992), defined
 * only when β < 0 and 1 + βT > 0. */
static void speed(rc_beta_fit *f, double beta_times_T, double T)
{
    f->speed = f->half_life = NAN;
    f->speed_defined = f->beta.value < 0 && 1.0 + beta_times_T > 0;
    if (f->speed_defined) {
        f->speed = -log1p(beta_times_T) / T;
        f->half_life = log(2.0) / f->speed;
    }
}

int rc_beta_cross(rc_beta_fit *out, rc_estimate *gamma, const double *y0, const double *y1,
                  double T, int total, const double *x, size_t q, size_t n, rc_vcov vcov,
                  rc_error *err)
{
    size_t k = 2 + q;
    if (!(T > 0))
        return rc_error_set(err, RC_EUSAGE, "beta convergence needs a growth period of at least one year");
    if (n <= k)
        return rc_error_set(err, RC_EINSUFFICIENT,
                            "beta convergence with %zu coefficients needs more than %zu regions (got %zu)",
                            k, k, n);
    if (vcov == RC_VCOV_CLUSTER || vcov == RC_VCOV_CLUSTER_SSS)
        return rc_error_set(err, RC_EUSAGE,
                            "a cross-section has one observation per region: clustering by region is "
                            "the robust (hc0/hc1) covariance; use the panel estimator for clusters");
    int rc = check_positive(y0, n, "beta convergence (initial year)", err);
    if (rc == RC_OK)
        rc = check_positive(y1, n, "beta convergence (final year)", err);
    for (size_t i = 0; i < n * q && rc == RC_OK; i++)
        if (!isfinite(x[i]))
            rc = rc_error_set(err, RC_EINPUT, "beta convergence: control %zu of region %zu is not finite",
                              i % q, i / q);
    if (rc != RC_OK)
        return rc;
    double *X = malloc(n * k * sizeof *X), *g = malloc(n * sizeof *g), *b = malloc(k * sizeof *b),
           *se = malloc(k * sizeof *se);
    if (!X || !g || !b || !se) {
        free(X), free(g), free(b), free(se);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    double gm = 0;
    for (size_t i = 0; i < n; i++) {
        g[i] = log(y1[i] / y0[i]) / (total ? 1.0 : T);
        gm += g[i];
        X[i * k] = 1.0;
        X[i * k + 1] = log(y0[i]);
        for (size_t j = 0; j < q; j++)
            X[i * k + 2 + j] = x[i * q + j];
    }
    gm /= (double)n;
    double rss;
    rc = rc_conv_ols(b, se, &rss, NULL, X, g, n, k, n - k, vcov, NULL, 0, err);
    if (rc == RC_OK) {
        double tss = 0, df = (double)(n - k);
        for (size_t i = 0; i < n; i++)
            tss += (g[i] - gm) * (g[i] - gm);
        memset(out, 0, sizeof *out);
        fill(&out->alpha, b[0], se[0], df);
        fill(&out->beta, b[1], se[1], df);
        for (size_t j = 0; j < q; j++)
            fill(&gamma[j], b[2 + j], se[2 + j], df);
        out->r2 = 1.0 - rss / tss;
        out->adj_r2 = 1.0 - (1.0 - out->r2) * (double)(n - 1) / df;
        out->nobs = n;
        out->df = n - k;
        /* With total growth β_total = −(1 − e^(−bT)), so both forms give the same b. */
        speed(out, total ? out->beta.value : out->beta.value * T, T);
    }
    free(X), free(g), free(b), free(se);
    return rc;
}

int rc_beta_panel(rc_beta_fit *out, rc_estimate *gamma, const double *y, size_t n, size_t nyears,
                  size_t tau, const double *x, size_t q, int twoways, rc_vcov vcov,
                  rc_error *err)
{
    if (tau == 0)
        return rc_error_set(err, RC_EUSAGE, "the panel window must be at least one year");
    if (vcov == RC_VCOV_HC0 || vcov == RC_VCOV_HC1)
        return rc_error_set(err, RC_EUSAGE,
                            "panel beta: use the classic or region-clustered (arellano, sss) covariance");
    size_t P = nyears > tau ? (nyears - 1) / tau : 0; /* growth periods t = 0, τ, … */
    size_t K = 1 + q, N = n * P;
    size_t lost = n + (twoways && P > 0 ? P - 1 : 0);
    if (n < 2 || P == 0 || N <= lost + K)
        return rc_error_set(err, RC_EINSUFFICIENT,
                            "panel beta convergence needs at least 2 regions and more observations "
                            "than effects plus slopes (%zu regions, %zu growth periods of %zu year%s)",
                            n, P, tau, tau == 1 ? "" : "s");
    int rc = check_positive(y, n * nyears, "panel beta convergence", err);
    for (size_t i = 0; i < n * nyears * q && rc == RC_OK; i++)
        if (!isfinite(x[i]))
            rc = rc_error_set(err, RC_EINPUT, "panel beta convergence: a control value is not finite");
    if (rc != RC_OK)
        return rc;
    /* Observation (p, i) in row i * P + p: the regions' rows are contiguous (clusters). */
    double *Z = malloc(N * (K + 1) * sizeof *Z), *X = malloc(N * K * sizeof *X),
           *dy = malloc(N * sizeof *dy), *mi = malloc((K + 1) * n * sizeof *mi),
           *mt = malloc((K + 1) * P * sizeof *mt), *b = malloc(K * sizeof *b),
           *se = malloc(K * sizeof *se);
    size_t *cl = malloc(N * sizeof *cl);
    if (!Z || !X || !dy || !mi || !mt || !b || !se || !cl) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        goto done;
    }
    /* Column 0 of Z: the dependent; 1: ln y_t; 2…: controls at the start of the window. */
    for (size_t i = 0; i < n; i++)
        for (size_t p = 0; p < P; p++) {
            size_t t = p * tau, r = i * P + p;
            Z[r * (K + 1)] = log(y[(t + tau) * n + i]) - log(y[t * n + i]);
            Z[r * (K + 1) + 1] = log(y[t * n + i]);
            for (size_t j = 0; j < q; j++)
                Z[r * (K + 1) + 2 + j] = x[j * nyears * n + t * n + i];
            cl[r] = i;
        }
    /* Within transformation: z − z̄_i (one-way); z − z̄_i − z̄_t + z̄ (two-way, balanced). */
    memset(mi, 0, (K + 1) * n * sizeof *mi);
    memset(mt, 0, (K + 1) * P * sizeof *mt);
    double all[64] = {0};
    if (K + 1 > 64) {
        rc = rc_error_set(err, RC_EUSAGE, "panel beta convergence takes at most 62 controls");
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t p = 0; p < P; p++)
            for (size_t c = 0; c <= K; c++) {
                double v = Z[(i * P + p) * (K + 1) + c];
                mi[i * (K + 1) + c] += v / (double)P;
                mt[p * (K + 1) + c] += v / (double)n;
                all[c] += v / (double)N;
            }
    double yy = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t p = 0; p < P; p++) {
            size_t r = i * P + p;
            for (size_t c = 0; c <= K; c++) {
                double v = Z[r * (K + 1) + c] - mi[i * (K + 1) + c];
                if (twoways)
                    v += all[c] - mt[p * (K + 1) + c];
                if (c == 0) {
                    dy[r] = v;
                    yy += v * v;
                } else {
                    X[r * K + c - 1] = v;
                }
            }
        }
    double rss;
    size_t df = N - lost - K;
    if ((rc = rc_conv_ols(b, se, &rss, NULL, X, dy, N, K, df, vcov, cl, n, err)) != RC_OK)
        goto done;
    memset(out, 0, sizeof *out);
    out->alpha = (rc_estimate){NAN, NAN, NAN, NAN};
    fill(&out->beta, b[0], se[0], (double)df);
    for (size_t j = 0; j < q; j++)
        fill(&gamma[j], b[1 + j], se[1 + j], (double)df);
    out->r2 = 1.0 - rss / yy;
    out->adj_r2 = NAN;
    out->nobs = N;
    out->df = df;
    speed(out, out->beta.value, (double)tau);
done:
    free(Z), free(X), free(dy), free(mi), free(mt), free(b), free(se), free(cl);
    return rc;
}

int rc_hp_filter(double *trend, const double *x, size_t T, double lambda, rc_error *err)
{
    if (!(lambda >= 0))
        return rc_error_set(err, RC_EUSAGE, "the HP smoothing parameter must be ≥ 0 (got %g)", lambda);
    for (size_t t = 0; t < T; t++)
        if (!isfinite(x[t]))
            return rc_error_set(err, RC_EINPUT, "HP filter: value %zu is not finite", t);
    if (T <= 2) {
        memcpy(trend, x, T * sizeof *x);
        return RC_OK;
    }
    /* I + λ K'K in GSL's lower band storage: column d holds A(t + d, t). K has rows
     * (1, −2, 1) at offsets r, r+1, r+2, so K'K(a, b) = Σ_r K(r, a) K(r, b). */
    gsl_matrix *A = gsl_matrix_calloc(T, 3);
    gsl_vector *v = gsl_vector_alloc(T);
    if (!A || !v) {
        gsl_matrix_free(A), gsl_vector_free(v);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    static const double k3[3] = {1.0, -2.0, 1.0};
    for (size_t r = 0; r + 2 < T; r++)
        for (size_t a = 0; a < 3; a++)
            for (size_t c = a; c < 3; c++)
                A->data[(r + a) * 3 + (c - a)] += lambda * k3[a] * k3[c];
    for (size_t t = 0; t < T; t++) {
        A->data[t * 3] += 1.0;
        v->data[t] = x[t];
    }
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int s = gsl_linalg_cholesky_band_decomp(A);
    if (s == GSL_SUCCESS)
        s = gsl_linalg_cholesky_band_svx(A, v);
    gsl_set_error_handler(old);
    if (s == GSL_SUCCESS)
        memcpy(trend, v->data, T * sizeof *trend);
    gsl_matrix_free(A), gsl_vector_free(v);
    return s == GSL_SUCCESS ? RC_OK : rc_error_set(err, RC_ENUMERIC, "HP filter: the system is not positive definite");
}
