/* Markov kernels against the worked examples of ../shared/methods/02-convergence.md §§6–7
 * (checked there against giddy 2.3.4) and PySAL giddy's Markov on the US state incomes
 * (../shared/reference/peer_values.json, us_markov_quintiles_1929_2009), plus reducible
 * chains worked out by hand. */
#include "testutil.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/io.h"
#include "regcoord/markov.h"
#include "regcoord/panel.h"

#define EX 1e-9

/* §6 relative incomes, 6 regions × 6 years, stored year-major. */
static const double REL[6][6] = {
    {0.70, 0.85, 0.95, 1.05, 1.10, 1.15}, {1.20, 1.10, 1.00, 0.90, 0.85, 0.80},
    {0.90, 0.80, 0.92, 1.06, 0.96, 1.02}, {1.08, 1.15, 1.02, 0.88, 0.94, 1.12},
    {0.60, 0.70, 0.75, 0.82, 0.98, 0.91}, {1.30, 1.25, 1.20, 1.28, 1.16, 1.05},
};

static void year_major(double *v)
{
    for (int t = 0; t < 6; t++)
        for (int i = 0; i < 6; i++)
            v[t * 6 + i] = REL[i][t];
}

static void test_classic_example(void **state)
{
    (void)state;
    double v[36], b[3], N[9], P[9];
    int cls[36];
    size_t k;
    year_major(v);
    assert_int_equal(rc_quantile_bounds(b, &k, v, 36, 3, NULL), RC_OK);
    assert_int_equal(k, 3);
    assert_rel(b[0], 0.9066666667, EX);
    assert_rel(b[1], 1.0666666667, EX);
    assert_rel(b[2], 1.30, EX);
    rc_classify(cls, v, 36, b, 3);
    assert_int_equal(rc_markov_counts(N, cls, NULL, 6, 6, 3, 1, NULL), RC_OK);
    const double wantN[9] = {7, 4, 0, 2, 5, 2, 0, 3, 7};
    for (int e = 0; e < 9; e++)
        assert_abs(N[e], wantN[e], 0);
    assert_int_equal(rc_markov_probabilities(P, NULL, N, 3), 0);
    const double wantP[9] = {0.6363636364, 0.3636363636, 0, 0.2222222222, 0.5555555556,
                             0.2222222222, 0, 0.3, 0.7};
    for (int e = 0; e < 9; e++)
        assert_abs(P[e], wantP[e], 1e-10);
    rc_markov_ergodic erg;
    assert_int_equal(rc_markov_ergodic_compute(&erg, P, 3, NULL), RC_OK);
    assert_int_equal(erg.nrecurrent, 1);
    assert_int_equal(erg.nfilled, 0);
    const double pi[3] = {0.2598425197, 0.4251968504, 0.3149606299};
    const double M[9] = {3.8484848485, 2.75, 10, 7.8333333333, 2.3518518519, 7.25,
                         11.1666666667, 3.3333333333, 3.175};
    const double soj[3] = {2.75, 2.25, 3.3333333333};
    for (int a = 0; a < 3; a++) {
        assert_rel(erg.steady[a], pi[a], EX);
        assert_rel(erg.sojourn[a], soj[a], EX);
        assert_int_equal(erg.recurrent[a], 0);
    }
    for (int e = 0; e < 9; e++)
        assert_rel(erg.mfpt[e], M[e], EX);
    rc_markov_ergodic_free(&erg);
}

static void test_spatial_example(void **state)
{
    (void)state;
    double v[36], lag[36], b[3], lb[3], N[27], P[9];
    int cls[36], lcls[36];
    size_t k, m;
    year_major(v);
    /* W: a line 1–2–3–4–5–6, row-standardised. */
    for (int t = 0; t < 6; t++)
        for (int i = 0; i < 6; i++) {
            double s = 0;
            int nb = 0;
            if (i > 0)
                s += v[t * 6 + i - 1], nb++;
            if (i < 5)
                s += v[t * 6 + i + 1], nb++;
            lag[t * 6 + i] = s / nb;
        }
    assert_int_equal(rc_quantile_bounds(b, &k, v, 36, 3, NULL), RC_OK);
    assert_int_equal(rc_quantile_bounds(lb, &m, lag, 36, 3, NULL), RC_OK);
    assert_rel(lb[0], 0.8933333333, EX);
    assert_rel(lb[1], 1.0366666667, EX);
    rc_classify(cls, v, 36, b, k);
    rc_classify(lcls, lag, 36, lb, m);
    assert_int_equal(rc_markov_counts(N, cls, lcls, 6, 6, 3, 3, NULL), RC_OK);
    const double want[27] = {0, 0, 0, 1, 1, 0, 0, 2, 7, 1, 1, 0, 1, 3, 2, 0, 1, 0,
                             6, 3, 0, 0, 1, 0, 0, 0, 0};
    for (int e = 0; e < 27; e++)
        assert_abs(N[e], want[e], 0);
    /* P^(1), its steady state and MFPT. */
    rc_markov_probabilities(P, NULL, N + 9, 3);
    const double P1[9] = {0.5, 0.5, 0, 1.0 / 6, 0.5, 1.0 / 3, 0, 1, 0};
    for (int e = 0; e < 9; e++)
        assert_abs(P[e], P1[e], 1e-15);
    rc_markov_ergodic erg;
    assert_int_equal(rc_markov_ergodic_compute(&erg, P, 3, NULL), RC_OK);
    const double pi[3] = {0.2, 0.6, 0.2}, M[9] = {5, 2, 6, 8, 1.6666666667, 4, 9, 1, 5};
    for (int a = 0; a < 3; a++)
        assert_rel(erg.steady[a], pi[a], EX);
    for (int e = 0; e < 9; e++)
        assert_rel(erg.mfpt[e], M[e], EX);
    rc_markov_ergodic_free(&erg);
    /* Lag class 2 has an empty last row: filled with a self-loop (class 2 absorbing). */
    int empty[3];
    assert_int_equal(rc_markov_probabilities(P, empty, N + 18, 3), 1);
    assert_int_equal(empty[2], 1);
    assert_int_equal(rc_markov_ergodic_compute(&erg, P, 3, NULL), RC_OK);
    assert_int_equal(erg.nfilled, 1);
    rc_markov_ergodic_free(&erg);
    rc_markov_homogeneity h;
    assert_int_equal(rc_markov_homogeneity_test(&h, N, 3, 3, NULL), RC_OK);
    assert_rel(h.q, 5.189021164, EX);
    assert_rel(h.q_p_value, 0.5198085364, EX);
    assert_rel(h.lr, 5.874375657, EX);
    assert_rel(h.lr_p_value, 0.4374088776, EX);
    assert_int_equal(h.dof, 6);
}

/* Hand-worked reducible chain: 0 → {0: .5, 1: .5}; 1 absorbing; 2 ↔ 3 swap.
 * Closed classes {1} and {2, 3}; 0 transient. Steady states (0,1,0,0) and (0,0,.5,.5).
 * Passage to 1 from 0: geometric with p = .5 → 2; from 2, 3: never (∞). M_11 = 1. */
static void test_reducible(void **state)
{
    (void)state;
    const double P[16] = {0.5, 0.5, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0};
    rc_markov_ergodic e;
    assert_int_equal(rc_markov_ergodic_compute(&e, P, 4, NULL), RC_OK);
    assert_int_equal(e.nrecurrent, 2);
    assert_int_equal(e.recurrent[0], -1);
    assert_int_equal(e.recurrent[1], 0);
    assert_int_equal(e.recurrent[2], 1);
    assert_int_equal(e.recurrent[3], 1);
    assert_rel(e.steady[1], 1.0, 1e-15);
    assert_rel(e.steady[4 + 2], 0.5, 1e-15);
    assert_rel(e.steady[4 + 3], 0.5, 1e-15);
    assert_rel(e.mfpt[0 * 4 + 1], 2.0, 1e-14);
    assert_rel(e.mfpt[1 * 4 + 1], 1.0, 1e-14);
    assert_true(isinf(e.mfpt[2 * 4 + 1]));
    assert_true(isinf(e.mfpt[1 * 4 + 0]));
    assert_true(isinf(e.mfpt[0 * 4 + 0])); /* 0 is left for ever with probability ½ */
    assert_rel(e.mfpt[2 * 4 + 3], 1.0, 1e-14);
    assert_rel(e.mfpt[2 * 4 + 2], 2.0, 1e-14);
    assert_true(isinf(e.sojourn[1]));
    assert_rel(e.sojourn[0], 2.0, 1e-15);
    rc_markov_ergodic_free(&e);
}

static void test_bounds_and_ties(void **state)
{
    (void)state;
    /* Many ties: quintile bounds collapse (np.unique), classes shrink. */
    const double v[] = {1, 1, 1, 1, 1, 1, 1, 2, 3, 4};
    double b[5];
    size_t k;
    assert_int_equal(rc_quantile_bounds(b, &k, v, 10, 5, NULL), RC_OK);
    /* Type 7, index 9·p: Q20 = Q40 = Q60 = 1 (indices 1.8, 3.6, 5.4 fall among the ones),
     * Q80 = 0.8·2 + 0.2·3 = 2.2 (index 7.2), Q100 = 4. */
    assert_int_equal(k, 3);
    assert_rel(b[0], 1.0, 0);
    assert_rel(b[1], 2.2, 1e-15);
    assert_rel(b[2], 4.0, 0);
    /* User cut-offs with +∞ on top: (−∞, .6], (.6, .8], (.8, ∞). */
    const double cuts[] = {0.6, 0.8, INFINITY}, x[] = {0.6, 0.61, 0.8, 5, -1};
    int c[5];
    rc_classify(c, x, 5, cuts, 3);
    assert_int_equal(c[0], 0);
    assert_int_equal(c[1], 1);
    assert_int_equal(c[2], 1);
    assert_int_equal(c[3], 2);
    assert_int_equal(c[4], 0);
    const double nan[] = {1, NAN};
    assert_int_equal(rc_quantile_bounds(b, &k, nan, 2, 2, NULL), RC_EINPUT);
}

static void test_us_giddy(void **state)
{
    (void)state;
    char *ref = rc_test_shared_path("reference/peer_values.json");
    if (!ref)
        skip();
    char *path = rc_test_data_path("us_income/usjoin.csv");
    rc_read_options opt = {.region_col = "STATE_FIPS", .wide_var = "pcincome"};
    rc_panel *p;
    assert_int_equal(rc_panel_read(&p, path, &opt, NULL), RC_OK);
    size_t n = rc_panel_nregions(p), T = rc_panel_nyears(p);
    assert_int_equal(n, 48);
    assert_int_equal(T, 81);
    const double *y = rc_panel_var_data(p, 0);
    int *cls = malloc(n * T * sizeof *cls);
    double b[5], N[25], P[25];
    size_t k;
    /* Per-year quintiles, as giddy's documented example (mapclassify Quantiles per year). */
    for (size_t t = 0; t < T; t++) {
        assert_int_equal(rc_quantile_bounds(b, &k, y + t * n, n, 5, NULL), RC_OK);
        assert_int_equal(k, 5);
        rc_classify(cls + t * n, y + t * n, n, b, 5);
    }
    assert_int_equal(rc_markov_counts(N, cls, NULL, n, T, 5, 1, NULL), RC_OK);
    rc_markov_probabilities(P, NULL, N, 5);
    rc_markov_ergodic e;
    assert_int_equal(rc_markov_ergodic_compute(&e, P, 5, NULL), RC_OK);
    json_error_t jerr;
    json_t *root = json_load_file(ref, 0, &jerr);
    assert_non_null(root);
    json_t *blk = json_object_get(root, "us_markov_quintiles_1929_2009");
    for (size_t a = 0; a < 5; a++) {
        for (size_t c = 0; c < 5; c++) {
            assert_abs(N[a * 5 + c],
                       json_number_value(json_array_get(json_array_get(json_object_get(blk, "transitions"), a), c)), 0);
            assert_abs(P[a * 5 + c],
                       json_number_value(json_array_get(json_array_get(json_object_get(blk, "p"), a), c)), 1e-14);
        }
        assert_rel(e.steady[a], json_number_value(json_array_get(json_object_get(blk, "steady_state"), a)), 1e-10);
    }
    json_decref(root);
    rc_markov_ergodic_free(&e);
    free(cls);
    rc_panel_free(p);
    free(path);
    free(ref);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_classic_example), cmocka_unit_test(test_spatial_example),
        cmocka_unit_test(test_reducible),       cmocka_unit_test(test_bounds_and_ties),
        cmocka_unit_test(test_us_giddy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
