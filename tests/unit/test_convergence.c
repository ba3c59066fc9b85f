/* Sigma, beta and HP kernels against the worked examples of ../shared/methods/02-convergence.md
 * §§1–4 (values printed there to 10 significant digits: R lm, plm 2.6.2, mFilter), and
 * robust covariances against R sandwich (tests/reference/convergence/make_reference.R). */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/convergence.h"

#define EX 1e-9

static const double Y2000[] = {2.0, 2.5, 3.0, 4.0, 5.0, 6.0};
static const double Y2005[] = {3.1, 3.6, 4.1, 5.3, 6.4, 7.3};
static const double Y2010[] = {4.6, 5.2, 5.5, 6.8, 7.9, 8.6};
static const double XC[] = {0.30, 0.25, 0.40, 0.35, 0.50, 0.45};

static void test_sigma(void **state)
{
    (void)state;
    double s;
    const double *ys[] = {Y2000, Y2005, Y2010};
    const double pop[] = {0.3841954696, 0.3071769787, 0.2265467713};
    const double smp[] = {0.4208650504, 0.3364955207, 0.2481695540};
    for (int k = 0; k < 3; k++) {
        assert_int_equal(rc_sigma_sd_log(&s, ys[k], 6, 0, NULL), RC_OK);
        assert_rel(s, pop[k], EX);
        assert_int_equal(rc_sigma_sd_log(&s, ys[k], 6, 1, NULL), RC_OK);
        assert_rel(s, smp[k], EX);
    }
    double F, p;
    assert_int_equal(rc_sigma_f_test(&F, &p, Y2000, Y2010, 6, NULL), RC_OK);
    assert_rel(F, 2.875998959, EX);
    assert_rel(p, 0.2710882282, EX);
    /* Errors: a zero value, one region. */
    const double bad[] = {1.0, 0.0, 2.0};
    rc_error err;
    assert_int_equal(rc_sigma_sd_log(&s, bad, 3, 0, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "value 1 is 0"));
    assert_int_equal(rc_sigma_sd_log(&s, bad, 1, 0, NULL), RC_EINSUFFICIENT);
}

static void test_trend(void **state)
{
    (void)state;
    /* Hand computation: t = 1..4, s = (1, 3, 2, 5): Sxy = 5.5, Sxx = 5, slope = 1.1,
     * intercept = 2.75 − 1.1·2.5 = 0, residuals (−0.1, 0.8, −1.3, 0.6), rss = 2.7,
     * se(slope) = sqrt(rss/(n−2)/Sxx) = sqrt(0.27). */
    const double t[] = {1, 2, 3, 4}, s[] = {1, 3, 2, 5};
    rc_estimate b, a;
    assert_int_equal(rc_trend(&b, &a, t, s, 4, NULL), RC_OK);
    assert_rel(b.value, 1.1, 1e-13);
    assert_abs(a.value, 0.0, 1e-13);
    assert_rel(b.std_error, sqrt(0.27), 1e-13);
    assert_rel(b.t, 1.1 / sqrt(0.27), 1e-13);
    assert_int_equal(rc_trend(&b, &a, t, s, 2, NULL), RC_EINSUFFICIENT);
}

static void test_beta_cross(void **state)
{
    (void)state;
    rc_beta_fit f;
    assert_int_equal(rc_beta_cross(&f, NULL, Y2000, Y2010, 10, 0, NULL, 0, 6, RC_VCOV_CLASSIC, NULL),
                     RC_OK);
    assert_rel(f.alpha.value, 0.1102255830, EX);
    assert_rel(f.alpha.std_error, 0.003511187253, EX);
    assert_rel(f.beta.value, -0.04127875414, EX);
    assert_rel(f.beta.std_error, 0.002686447636, EX);
    assert_rel(f.beta.t, -15.36555323, EX);
    assert_rel(f.beta.p_value, 1.046631759e-04, EX);
    assert_rel(f.r2, 0.9833402906, EX);
    assert_true(f.speed_defined);
    assert_rel(f.speed, 0.05323685850, EX);
    assert_rel(f.half_life, 13.02006167, EX);
    /* Total growth gives the same speed. */
    rc_beta_fit g;
    assert_int_equal(rc_beta_cross(&g, NULL, Y2000, Y2010, 10, 1, NULL, 0, 6, RC_VCOV_CLASSIC, NULL),
                     RC_OK);
    assert_rel(g.beta.value, 10 * f.beta.value, 1e-12);
    assert_rel(g.speed, f.speed, 1e-12);
    /* Conditional. */
    rc_estimate gam;
    assert_int_equal(rc_beta_cross(&f, &gam, Y2000, Y2010, 10, 0, XC, 1, 6, RC_VCOV_CLASSIC, NULL),
                     RC_OK);
    assert_rel(f.alpha.value, 0.1114052059, EX);
    assert_rel(f.alpha.std_error, 0.005322201589, EX);
    assert_rel(f.beta.value, -0.03980930107, EX);
    assert_rel(f.beta.std_error, 0.005351564714, EX);
    assert_rel(f.beta.t, -7.438815225, EX);
    assert_rel(gam.value, -0.008040926237, EX);
    assert_rel(gam.std_error, 0.02407795605, EX);
    assert_rel(gam.t, -0.3339538547, EX);
    assert_rel(f.r2, 0.9839374180, EX);
    assert_rel(f.speed, 0.05076523485, EX);
    /* Divergence: no speed, no half-life. */
    assert_int_equal(rc_beta_cross(&f, NULL, Y2010, Y2000, 10, 0, NULL, 0, 6, RC_VCOV_CLASSIC, NULL),
                     RC_OK);
    assert_true(f.beta.value > 0);
    assert_false(f.speed_defined);
    /* Too few regions for the coefficients; a collinear control. */
    assert_int_equal(rc_beta_cross(&f, NULL, Y2000, Y2010, 10, 0, NULL, 0, 2, RC_VCOV_CLASSIC, NULL),
                     RC_EINSUFFICIENT);
    double lx[6];
    for (int i = 0; i < 6; i++)
        lx[i] = 2 * log(Y2000[i]);
    rc_error err;
    assert_int_equal(rc_beta_cross(&f, &gam, Y2000, Y2010, 10, 0, lx, 1, 6, RC_VCOV_CLASSIC, &err),
                     RC_ENUMERIC);
    assert_non_null(strstr(err.message, "collinear"));
}

/* The methods file's 4 × 5 panel, year-major. */
static const double PANEL[5 * 4] = {
    2.00, 3.00, 4.50, 6.00,
    2.20, 3.21, 4.70, 6.18,
    2.38, 3.40, 4.95, 6.40,
    2.60, 3.66, 5.12, 6.55,
    2.79, 3.85, 5.36, 6.80,
};

static void test_beta_panel(void **state)
{
    (void)state;
    rc_beta_fit f;
    assert_int_equal(rc_beta_panel(&f, NULL, PANEL, 4, 5, 1, NULL, 0, 0, RC_VCOV_CLASSIC, NULL), RC_OK);
    assert_rel(f.beta.value, -0.05901337004, EX);
    assert_rel(f.beta.std_error, 0.02967505831, EX);
    assert_rel(f.beta.t, -1.988652202, EX);
    assert_rel(f.beta.p_value, 0.07219310286, EX);
    assert_int_equal(f.df, 11);
    assert_rel(f.r2, 0.2644471398, EX);
    assert_rel(f.speed, 0.06082634783, EX);
    assert_rel(f.half_life, 11.39550878, EX);
    assert_int_equal(rc_beta_panel(&f, NULL, PANEL, 4, 5, 1, NULL, 0, 0, RC_VCOV_CLUSTER, NULL), RC_OK);
    assert_rel(f.beta.std_error, 0.01089616847, EX);
    assert_int_equal(rc_beta_panel(&f, NULL, PANEL, 4, 5, 1, NULL, 0, 0, RC_VCOV_CLUSTER_SSS, NULL),
                     RC_OK);
    assert_rel(f.beta.std_error, 0.01258181159, EX);
    assert_int_equal(rc_beta_panel(&f, NULL, PANEL, 4, 5, 1, NULL, 0, 1, RC_VCOV_CLASSIC, NULL), RC_OK);
    assert_rel(f.beta.value, -0.1621593125, EX);
    assert_rel(f.beta.std_error, 0.08829728979, EX);
    /* One region cannot identify a within effect. */
    assert_int_equal(rc_beta_panel(&f, NULL, PANEL, 1, 5, 1, NULL, 0, 0, RC_VCOV_CLASSIC, NULL),
                     RC_EINSUFFICIENT);
}

static void test_hp(void **state)
{
    (void)state;
    const double lv[] = {100, 108, 113, 125, 131, 138, 152, 160, 171, 185, 190, 207};
    const double want[] = {4.611695438, 4.677706961, 4.743702171, 4.809675815, 4.875581856,
                           4.941420849, 5.007192389, 5.072860655, 5.138431543, 5.203916734,
                           5.269335988, 5.334750163};
    double x[12], tau[12];
    for (int t = 0; t < 12; t++)
        x[t] = log(lv[t]);
    assert_int_equal(rc_hp_filter(tau, x, 12, 400, NULL), RC_OK);
    for (int t = 0; t < 12; t++)
        assert_rel(tau[t], want[t], EX);
    /* λ = 0 returns the series; a straight line is its own trend for any λ. */
    assert_int_equal(rc_hp_filter(tau, x, 12, 0, NULL), RC_OK);
    assert_rel(tau[5], x[5], 1e-14);
    double line[12];
    for (int t = 0; t < 12; t++)
        line[t] = 3 + 0.25 * t;
    assert_int_equal(rc_hp_filter(tau, line, 12, 1600, NULL), RC_OK);
    for (int t = 0; t < 12; t++)
        assert_rel(tau[t], line[t], 1e-10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sigma),      cmocka_unit_test(test_trend),
        cmocka_unit_test(test_beta_cross), cmocka_unit_test(test_beta_panel),
        cmocka_unit_test(test_hp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
