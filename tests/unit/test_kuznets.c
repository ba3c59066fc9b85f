/* Inverse-U kernel against the worked example of ../shared/methods/08-kuznets.md §4 (values
 * printed there to 10 significant digits; OLS = R lm, U test = R utest by Lind). */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/kuznets.h"

static const double GAP[15] = {0.019833, 0.030889, 0.045484, 0.093882, 0.111970,
                               0.086003, 0.083637, 0.101183, 0.071935, 0.016772,
                               -0.002980, -0.024004, -0.098173, -0.175436, -0.216819};
#define EX 1e-9

static void xs(double *x)
{
    for (int i = 0; i < 15; i++)
        x[i] = 8.0 + 0.2 * i;
}

static void test_worked_example(void **state)
{
    (void)state;
    double x[15];
    xs(x);
    rc_kuznets k;
    rc_error err;
    assert_int_equal(rc_kuznets_fit(&k, GAP, x, NULL, 0, NULL, 15, NULL, &err), RC_OK);
    const rc_ols_result *r = &k.ols;
    assert_int_equal(r->df_resid, 12);
    assert_rel(r->coef[0], -7.822460492, EX);
    assert_rel(r->se[0], 0.5388626074, EX);
    assert_rel(r->coef[1], 1.763767924, EX);
    assert_rel(r->se[1], 0.1153312459, EX);
    assert_rel(r->t[1], 15.29306226, EX);
    assert_rel(r->coef[2], -0.09816713599, EX);
    assert_rel(r->se[2], 0.006129532613, EX);
    assert_rel(r->t[2], -16.01543579, EX);
    assert_rel(r->r2, 0.9789658686, EX);
    assert_int_equal(k.shape, 1);
    assert_true(k.turning_defined);
    assert_rel(k.x_star, 8.983494867, EX);
    assert_rel(k.y_star, 7970.439118, EX);
    assert_rel(k.se_x_star, 0.03536593081, EX);
    assert_true(k.inside_range);
    assert_rel(k.fieller_a, 0.03783371111, EX);
    assert_rel(k.fieller_b, -0.6791636002, EX);
    assert_rel(k.fieller_c, 3.047733041, EX);
    assert_int_equal(k.fieller_kind, RC_FIELLER_BOUNDED);
    assert_rel(k.fieller_low, 8.897466353, EX);
    assert_rel(k.fieller_high, 9.053815197, EX);
    assert_rel(k.x_low, 8.0, 1e-15);
    assert_rel(k.x_high, 10.8, 1e-15);
    assert_rel(k.slope_low, 0.1930937486, EX);
    assert_rel(k.se_low, 0.01779606463, EX);
    assert_rel(k.t_low, 10.85036230, EX);
    assert_rel(k.p_low, 7.36346167e-08, 1e-8);
    assert_rel(k.slope_high, -0.3566422129, EX);
    assert_rel(k.se_high, 0.01779606463, EX);
    assert_rel(k.t_high, -20.04051010, EX);
    assert_rel(k.p_high, 6.81110857e-11, 1e-8);
    assert_rel(k.u_t, 10.85036230, EX);
    assert_rel(k.u_p, 7.36346167e-08, 1e-8);
    assert_false(k.extremum_outside);
    /* Stage: the gap rises before x* and falls after it. */
    assert_true(rc_kuznets_slope(&k, 8.9) > 0);
    assert_true(rc_kuznets_slope(&k, 9.1) < 0);
    rc_kuznets_free(&k);
}

/* −gap is a U with the same turning point, the mirrored Fieller interval and the same test. */
static void test_u_shape_mirror(void **state)
{
    (void)state;
    double x[15], g[15];
    xs(x);
    for (int i = 0; i < 15; i++)
        g[i] = -GAP[i];
    rc_kuznets k;
    assert_int_equal(rc_kuznets_fit(&k, g, x, NULL, 0, NULL, 15, NULL, NULL), RC_OK);
    assert_int_equal(k.shape, -1);
    assert_rel(k.x_star, 8.983494867, EX);
    assert_rel(k.fieller_low, 8.897466353, EX);
    assert_rel(k.u_t, 10.85036230, EX);
    assert_rel(k.u_p, 7.36346167e-08, 1e-8);
    rc_kuznets_free(&k);
}

/* Interval [8.0, 8.8] lies before x*: both slopes positive, utest's "trivial failure";
 * we report t = min(t_L, −t_H) < 0 and p > 0.5 with the flag (methods/08 §3). */
static void test_extremum_outside_interval(void **state)
{
    (void)state;
    double x[15];
    xs(x);
    rc_kuznets_options o;
    rc_kuznets_options_init(&o);
    o.x_low = 8.0;
    o.x_high = 8.8;
    rc_kuznets k;
    assert_int_equal(rc_kuznets_fit(&k, GAP, x, NULL, 0, NULL, 15, &o, NULL), RC_OK);
    assert_true(k.extremum_outside);
    assert_true(k.slope_high > 0);
    assert_rel(k.u_t, -k.t_high, 1e-15);
    assert_true(k.u_t < 0 && k.u_p > 0.5);
    rc_kuznets_free(&k);
}

/* Normal critical value: the interval ends are the roots of Aθ² + Bθ + C with c = z_0.975. */
static void test_fieller_normal(void **state)
{
    (void)state;
    double x[15];
    xs(x);
    rc_kuznets_options o;
    rc_kuznets_options_init(&o);
    o.fieller_normal = 1;
    rc_kuznets k;
    assert_int_equal(rc_kuznets_fit(&k, GAP, x, NULL, 0, NULL, 15, &o, NULL), RC_OK);
    assert_rel(k.crit, 1.959963984540054, 1e-12);
    for (int e = 0; e < 2; e++) {
        double th = e ? k.fieller_high : k.fieller_low;
        double lhs = pow(k.b1 + 2 * k.b2 * th, 2);
        double rhs = k.crit * k.crit * (k.s11 + 4 * th * k.s12 + 4 * th * th * k.s22);
        assert_rel(lhs, rhs, 1e-9);
    }
    assert_true(k.fieller_low > 8.897466353 && k.fieller_high < 9.053815197); /* c smaller */
    rc_kuznets_free(&k);
}

static void test_too_few(void **state)
{
    (void)state;
    double x[3] = {1, 2, 3};
    rc_kuznets k;
    rc_error err;
    assert_int_equal(rc_kuznets_fit(&k, GAP, x, NULL, 0, NULL, 3, NULL, &err), RC_EINSUFFICIENT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_worked_example),
        cmocka_unit_test(test_u_shape_mirror),
        cmocka_unit_test(test_extremum_outside_interval),
        cmocka_unit_test(test_fieller_normal),
        cmocka_unit_test(test_too_few),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
