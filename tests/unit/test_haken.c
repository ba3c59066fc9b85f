/* Haken model against the worked example of ../shared/methods/05-synergetics.md §4 (OLS values
 * = R lm(y ~ 0 + …), printed there to 10 significant digits; the pair table to 4–10). */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/haken.h"

static const double X1[12] = {0.300000, 0.324183, 0.350687, 0.377761, 0.405032, 0.433771,
                              0.465731, 0.501569, 0.540281, 0.580156, 0.620354, 0.661666};
static const double X2[12] = {0.100000, 0.077081, 0.072038, 0.076028, 0.086185, 0.100662,
                              0.117448, 0.135249, 0.154437, 0.176714, 0.203640, 0.235400};
static const double X3[12] = {0.50, 0.48, 0.53, 0.51, 0.56, 0.55, 0.60, 0.58, 0.63, 0.62, 0.66, 0.65};
#define EX 1e-9

static void test_worked_example_x1_x2(void **state)
{
    (void)state;
    rc_haken_pair h;
    rc_error err;
    assert_int_equal(rc_haken_pair_fit(&h, X1, X2, 12, 1.0, 0.05, &err), RC_OK);
    assert_int_equal(h.df, 9);
    assert_rel(h.beta[0], 1.0825829596, EX);
    assert_rel(h.se[0], 0.003306675783, EX);
    assert_rel(h.t[0], 327.3931376, EX);
    assert_rel(h.beta[1], -0.0696822105, EX);
    assert_rel(h.se[1], 0.02307152204, EX);
    assert_rel(h.t[1], -3.020269334, EX);
    assert_rel(h.p[1], 0.01447299886, EX);
    assert_rel(h.r2_eq1, 0.9999916018, EX);
    assert_rel(h.f_eq1, 535825.7, 1e-7);
    assert_rel(h.beta[2], 0.4140112451, EX);
    assert_rel(h.se[2], 0.02541900871, EX);
    assert_rel(h.t[2], 16.28746619, EX);
    assert_rel(h.beta[3], 0.3909712069, EX);
    assert_rel(h.se[3], 0.01396059183, EX);
    assert_rel(h.t[3], 28.00534617, EX);
    assert_rel(h.p[3], 4.585949363e-10, EX);
    assert_rel(h.r2_eq2, 0.9999164953, EX);
    assert_rel(h.f_eq2, 53884.68, 1e-7);
    assert_rel(h.lambda1, -0.08258295963, EX);
    assert_rel(h.a, 0.0696822105, EX);
    assert_rel(h.lambda2, 0.5859887549, EX);
    assert_rel(h.b, 0.3909712069, EX);
    assert_rel(h.ratio, 7.096, 1e-4);
    assert_rel(h.cubic, 0.04649191253, EX);
    assert_true(h.holds);
    assert_int_equal(h.reason, RC_HAKEN_HOLDS);

    rc_haken_potential v;
    rc_haken_potential_of(&v, &h);
    assert_rel(v.c2, -0.04129147982, EX);
    assert_rel(v.c4, 0.01162297813, EX);
    assert_rel(v.q_star, 1.332774011, EX);
    assert_false(v.zero_stable);
    assert_true(v.star_stable);
    static const double V[12] = {-0.00362209, -0.00421114, -0.00490229, -0.00565574,
                                 -0.0064611, -0.0073578, -0.00840951, -0.00965216,
                                 -0.0110628, -0.0125812, -0.0141692, -0.0158497};
    for (int k = 0; k < 12; k++)
        assert_rel(rc_haken_potential_at(&v, X1[k]), V[k], 1e-5); /* printed to 6 digits */
}

/* The table of all ordered pairs (methods/05 §4). */
static void test_worked_example_all_pairs(void **state)
{
    (void)state;
    const double *X[3] = {X1, X2, X3};
    static const struct {
        int i, j;
        double lambda1, a, pa, lambda2, b, pb, ratio;
        int holds;
        rc_haken_reason reason;
    } want[] = {
        {0, 1, -0.08258295963, 0.0696822105, 0.01447, 0.5859887549, 0.3909712069, 4.586e-10, 7.096, 1, RC_HAKEN_HOLDS},
        {0, 2, -0.1076852464, 0.05873026198, 0.01465, -0.01924339363, 0.008413989653, 0.9551, 0.1787, 0, RC_HAKEN_LAMBDA2_NOT_POSITIVE},
        {1, 0, 0.2179819359, -0.6587144128, 0.02061, -0.07980258693, -0.1734976417, 0.01765, 0.3661, 0, RC_HAKEN_LAMBDA2_NOT_POSITIVE},
        {1, 2, 0.5964006682, -1.192283818, 0.02868, -0.03264277923, -0.3484021265, 0.7505, 0.05473, 0, RC_HAKEN_LAMBDA2_NOT_POSITIVE},
        {2, 0, -0.03260691922, 0.02188356125, 0.9083, -0.04458659095, 0.03968490297, 0.1889, 1.367, 0, RC_HAKEN_LAMBDA2_NOT_POSITIVE},
        {2, 1, -0.04293820101, 0.1631657928, 0.7095, -0.1740233549, -0.02120385716, 0.7543, 4.053, 0, RC_HAKEN_LAMBDA2_NOT_POSITIVE},
    };
    for (size_t r = 0; r < sizeof want / sizeof want[0]; r++) {
        rc_haken_pair h;
        assert_int_equal(rc_haken_pair_fit(&h, X[want[r].i], X[want[r].j], 12, 1.0, 0.05, NULL), RC_OK);
        assert_rel(h.lambda1, want[r].lambda1, EX);
        assert_rel(h.a, want[r].a, EX);
        assert_rel(h.p[1], want[r].pa, 5e-4);
        assert_rel(h.lambda2, want[r].lambda2, EX);
        assert_rel(h.b, want[r].b, EX);
        assert_rel(h.p[3], want[r].pb, 5e-4);
        assert_rel(h.ratio, want[r].ratio, 5e-4);
        assert_int_equal(h.holds, want[r].holds);
        assert_int_equal(h.reason, want[r].reason);
    }
}

/* Stricter rules change the verdict and its reason. */
static void test_conditions(void **state)
{
    (void)state;
    rc_haken_pair h;
    assert_int_equal(rc_haken_pair_fit(&h, X1, X2, 12, 10.0, 0.05, NULL), RC_OK);
    assert_int_equal(h.reason, RC_HAKEN_NOT_ADIABATIC); /* ratio 7.1 < 10 */
    assert_int_equal(rc_haken_pair_fit(&h, X1, X2, 12, 1.0, 0.01, NULL), RC_OK);
    assert_int_equal(h.reason, RC_HAKEN_A_NOT_SIGNIFICANT); /* p(a) = 0.0145 */
    assert_string_equal(rc_haken_reason_text(h.reason), "a not significant");
}

/* λ invariance (methods/05 §2): multiplying q1 by a constant leaves λ1, λ2 unchanged. */
static void test_scale_invariance_and_rescale(void **state)
{
    (void)state;
    double y[12];
    for (int k = 0; k < 12; k++)
        y[k] = 7.5 * X1[k];
    rc_haken_pair h, g;
    assert_int_equal(rc_haken_pair_fit(&h, X1, X2, 12, 1.0, 0.05, NULL), RC_OK);
    assert_int_equal(rc_haken_pair_fit(&g, y, X2, 12, 1.0, 0.05, NULL), RC_OK);
    assert_rel(g.lambda1, h.lambda1, 1e-10);
    assert_rel(g.lambda2, h.lambda2, 1e-10);
    assert_rel(g.p[1], h.p[1], 1e-8);
    assert_int_equal(rc_haken_rescale(y, 12, RC_HAKEN_SCALE_FIRST, NULL), RC_OK);
    assert_rel(y[0], 1.0, 1e-15);
    assert_rel(y[11], 0.661666 / 0.3, 1e-12);
    assert_int_equal(rc_haken_rescale(y, 12, RC_HAKEN_SCALE_MINMAX, NULL), RC_OK);
    assert_abs(y[0], 0.0, 1e-15);
    assert_rel(y[11], 1.0, 1e-15);
    double c[4] = {2, 2, 2, 2};
    rc_error err;
    assert_int_equal(rc_haken_rescale(c, 4, RC_HAKEN_SCALE_MINMAX, &err), RC_EINPUT);
}

static void test_errors(void **state)
{
    (void)state;
    rc_haken_pair h;
    rc_error err;
    assert_int_equal(rc_haken_pair_fit(&h, X1, X2, 3, 1.0, 0.05, &err), RC_EINSUFFICIENT);
    double c[12];
    for (int k = 0; k < 12; k++)
        c[k] = 0.4; /* constant q2: q1·q2 ∝ q1 */
    assert_int_equal(rc_haken_pair_fit(&h, X1, c, 12, 1.0, 0.05, &err), RC_ENUMERIC);
    assert_non_null(strstr(err.message, "equation 1"));
    double bad[12];
    memcpy(bad, X2, sizeof bad);
    bad[4] = NAN;
    assert_int_equal(rc_haken_pair_fit(&h, X1, bad, 12, 1.0, 0.05, &err), RC_EINPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_worked_example_x1_x2),
        cmocka_unit_test(test_worked_example_all_pairs),
        cmocka_unit_test(test_conditions),
        cmocka_unit_test(test_scale_invariance_and_rescale),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
