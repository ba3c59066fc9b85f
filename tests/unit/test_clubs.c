/* Phillips–Sul log t test and clustering against the worked example of
 * ../shared/methods/02-convergence.md §5.5 (identical output from R ConvergenceClubs 2.2.5,
 * values printed to 10 significant digits) and the ConvergenceClubs result on the China
 * provinces stored in ../shared/reference/peer_values.json. */
#include "testutil.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/convergence.h"
#include "regcoord/io.h"
#include "regcoord/panel.h"
#include "regcoord/rng.h"

#define EX 1e-9

/* X_it = c_i + d_i exp(−0.2 t) + 0.002 sin(1.3 i + 0.7 t), i = 1..8, t = 1..20. */
static void example(double *X)
{
    const double c[] = {10, 10, 10, 10, 8, 8, 8, 8}, d[] = {0.8, -0.6, 0.4, -0.3, 0.7, -0.5, 0.5, -0.2};
    for (int i = 1; i <= 8; i++)
        for (int t = 1; t <= 20; t++)
            X[(i - 1) * 20 + t - 1] = c[i - 1] + d[i - 1] * exp(-0.2 * t) + 0.002 * sin(1.3 * i + 0.7 * t);
}

static void test_logt_example(void **state)
{
    (void)state;
    double X[160];
    example(X);
    rc_clubs_options o;
    rc_clubs_options_init(&o);
    rc_estimate e;
    assert_int_equal(rc_logt(&e, X, 8, 20, NULL, 8, &o, NULL), RC_OK);
    assert_rel(e.value, -0.7930237436, EX);
    assert_rel(e.std_error, 0.01325668927, EX);
    assert_rel(e.t, -59.82064807, EX);
    const size_t a[] = {0, 1, 2, 3}, b[] = {4, 5, 6, 7};
    assert_int_equal(rc_logt(&e, X, 8, 20, a, 4, &o, NULL), RC_OK);
    assert_rel(e.value, 4.406355892, EX);
    assert_rel(e.std_error, 0.2099277567, EX);
    assert_rel(e.t, 20.98986795, EX);
    assert_int_equal(rc_logt(&e, X, 8, 20, b, 4, &o, NULL), RC_OK);
    assert_rel(e.value, 4.435073056, EX);
    assert_rel(e.std_error, 0.2124101693, EX);
    assert_rel(e.t, 20.87975859, EX);
    /* Trace values of the clustering (pairs and groups in ordered positions). */
    const size_t p13[] = {0, 2}, c5[] = {0, 2, 3, 1, 4}, c134[] = {0, 2, 3}, s8[] = {0, 2, 3, 1, 7};
    assert_int_equal(rc_logt(&e, X, 8, 20, p13, 2, &o, NULL), RC_OK);
    assert_rel(e.t, 20.64504, 1e-6);
    assert_int_equal(rc_logt(&e, X, 8, 20, c134, 3, &o, NULL), RC_OK);
    assert_rel(e.t, 19.13367, 1e-6);
    assert_int_equal(rc_logt(&e, X, 8, 20, c5, 5, &o, NULL), RC_OK);
    assert_rel(e.t, -48.85931, 1e-6);
    assert_int_equal(rc_logt(&e, X, 8, 20, s8, 5, &o, NULL), RC_OK);
    assert_rel(e.t, -86.32780, 1e-6);
    /* Too few periods after trimming (T = 3: round(1) = 1 trimmed, 2 left); identical units. */
    assert_int_equal(rc_logt(&e, X, 8, 3, NULL, 8, &o, NULL), RC_EINSUFFICIENT);
    double same[40];
    for (int k = 0; k < 40; k++)
        same[k] = 5.0 + (k % 20);
    assert_int_equal(rc_logt(&e, same, 2, 20, NULL, 2, &o, NULL), RC_ENUMERIC);
}

static void test_clusters_example(void **state)
{
    (void)state;
    double X[160];
    example(X);
    rc_clubs_options o;
    rc_clubs_options_init(&o);
    for (int merge = 0; merge < 3; merge++) {
        o.merge = (rc_clubs_merge)merge;
        rc_clubs cl;
        assert_int_equal(rc_clubs_find(&cl, X, 8, 20, &o, NULL), RC_OK);
        assert_int_equal(cl.nclubs, 2);
        assert_int_equal(cl.ndivergent, 0);
        for (int i = 0; i < 8; i++)
            assert_int_equal(cl.club[i], i < 4 ? 0 : 1);
        assert_rel(cl.whole.t, -59.82064807, EX);
        assert_rel(cl.test[0].t, 20.98986795, EX);
        assert_rel(cl.test[1].t, 20.87975859, EX);
        rc_clubs_free(&cl);
    }
}

/* The worked example with its top unit replaced by one far away: no pair with it
 * converges, so it is left divergent; mergeDivergent cannot place it either. */
static void test_divergent(void **state)
{
    (void)state;
    double X[160];
    example(X);
    for (int t = 0; t < 20; t++)
        X[t] = 30.0 + 20.0 * t; /* unit 1: explosive growth */
    rc_clubs_options o;
    rc_clubs_options_init(&o);
    o.merge_divergent = 1;
    rc_clubs cl;
    assert_int_equal(rc_clubs_find(&cl, X, 8, 20, &o, NULL), RC_OK);
    assert_int_equal(cl.club[0], -1);
    assert_int_equal(cl.ndivergent, 1);
    /* The rest splits as before: {2, 3, 4} and {5, 6, 7, 8}, both converging. */
    assert_int_equal(cl.nclubs, 2);
    for (int i = 1; i < 8; i++)
        assert_int_equal(cl.club[i], i < 4 ? 0 : 1);
    assert_true(cl.test[0].t > -1.65);
    assert_rel(cl.test[1].t, 20.87975859, EX);
    rc_clubs_free(&cl);
}

/* Diverging trends (level ~ U(9, 10), trend ~ U(−0.01, 0.01), decaying offsets, AR(1) noise;
 * 120 regions × 30 periods, seeded): the fixed sieve (c* = 0) forms a club that fails its own
 * test. The incremental and adjust rules must then give clubs that converge, built from the
 * same core as a subset of the fixed club; clubs before it are the same under every rule. */
static void simulate(double *X, size_t n, size_t T, uint64_t seed)
{
    rc_rng r;
    rc_rng_init(&r, seed, 0);
    for (size_t i = 0; i < n; i++) {
        double level = 9 + rc_rng_uniform(&r), d = 1.2 * rc_rng_uniform(&r) - 0.6,
               g = 0.02 * rc_rng_uniform(&r) - 0.01, u = 0;
        for (size_t t = 0; t < T; t++) {
            u = 0.6 * u + 0.02 * rc_rng_normal(&r);
            X[i * T + t] = level + g * (double)t + d * exp(-0.1 * (double)(t + 1)) + u;
        }
    }
}

static void test_cstar_methods(void **state)
{
    (void)state;
    enum { N = 120, T = 30 };
    static double X[N * T];
    rc_clubs_options o;
    rc_clubs_options_init(&o);
    rc_clubs fx = {0};
    size_t g = SIZE_MAX;
    uint64_t seed;
    for (seed = 1; seed < 50 && g == SIZE_MAX; seed++) {
        rc_clubs_free(&fx);
        simulate(X, N, T, seed);
        assert_int_equal(rc_clubs_find(&fx, X, N, T, &o, NULL), RC_OK);
        for (size_t k = 0; k < fx.nclubs && g == SIZE_MAX; k++)
            if (!(fx.test[k].t > o.critical))
                g = k;
    }
    assert_true(g != SIZE_MAX); /* the fixed rule produced a failing club */
    for (int method = RC_CSTAR_INCREMENTAL; method <= RC_CSTAR_ADJUST; method++) {
        o.cstar_method = (rc_cstar_method)method;
        rc_clubs cl;
        assert_int_equal(rc_clubs_find(&cl, X, N, T, &o, NULL), RC_OK);
        assert_true(cl.nclubs > g);
        for (size_t k = 0; k < N; k++) {
            if (fx.club[k] >= 0 && (size_t)fx.club[k] < g)
                assert_int_equal(cl.club[k], fx.club[k]); /* earlier clubs unchanged */
            if (cl.club[k] == (int)g)
                assert_int_equal(fx.club[k], (int)g);     /* club g ⊆ the fixed club g */
        }
        assert_true(cl.test[g].t > o.critical);
        rc_clubs_free(&cl);
    }
    rc_clubs_free(&fx);
}

/* Three true groups (long-run levels 8, 10, 9.97; decaying offsets, AR(1) noise; 120 × 30,
 * seeded), clustered with a sieve that admits nothing (c* = 10⁹): the clubs are bare cores,
 * so one true group is split over several clubs and one unit is left divergent. PS and vLT
 * merging must give unions of consecutive clubs (fewer of them), each union converging;
 * mergeDivergent must place the divergent unit without moving any other. */
static void simulate_groups(double *X, size_t n, size_t T, uint64_t seed)
{
    rc_rng r;
    rc_rng_init(&r, seed, 0);
    for (size_t i = 0; i < n; i++) {
        double level = i % 3 == 0 ? 8.0 : i % 3 == 1 ? 10.0 : 9.97, d = 1.2 * rc_rng_uniform(&r) - 0.6, u = 0;
        (void)rc_rng_uniform(&r);
        (void)rc_rng_uniform(&r);
        for (size_t t = 0; t < T; t++) {
            u = 0.6 * u + 0.02 * rc_rng_normal(&r);
            X[i * T + t] = level + d * exp(-0.1 * (double)(t + 1)) + u;
        }
    }
}

static void test_merging(void **state)
{
    (void)state;
    enum { N = 120, T = 30 };
    static double X[N * T];
    simulate_groups(X, N, T, 6);
    rc_clubs_options o;
    rc_clubs_options_init(&o);
    o.cstar = 1e9;
    rc_clubs base;
    assert_int_equal(rc_clubs_find(&base, X, N, T, &o, NULL), RC_OK);
    assert_true(base.nclubs >= 3);
    assert_true(base.ndivergent >= 1);
    for (int how = RC_CLUBS_MERGE_PS; how <= RC_CLUBS_MERGE_VLT; how++) {
        o.merge = (rc_clubs_merge)how;
        rc_clubs m;
        assert_int_equal(rc_clubs_find(&m, X, N, T, &o, NULL), RC_OK);
        assert_true(m.nclubs < base.nclubs);
        assert_int_equal(m.ndivergent, base.ndivergent);
        /* lo[g], hi[g]: range of original clubs inside merged club g; contiguous, in order. */
        int lo[N], hi[N], prev_hi = -1;
        for (size_t g = 0; g < m.nclubs; g++)
            lo[g] = N, hi[g] = -1;
        for (size_t i = 0; i < N; i++) {
            assert_int_equal(m.club[i] < 0, base.club[i] < 0);
            if (m.club[i] < 0)
                continue;
            int g = m.club[i], b = base.club[i];
            lo[g] = b < lo[g] ? b : lo[g];
            hi[g] = b > hi[g] ? b : hi[g];
        }
        for (size_t g = 0; g < m.nclubs; g++) {
            assert_int_equal(lo[g], prev_hi + 1);
            prev_hi = hi[g];
            if (hi[g] > lo[g])
                assert_true(m.test[g].t > o.critical);
        }
        assert_int_equal(prev_hi, (int)base.nclubs - 1);
        rc_clubs_free(&m);
    }
    o.merge = RC_CLUBS_MERGE_NONE;
    o.merge_divergent = 1;
    rc_clubs d;
    assert_int_equal(rc_clubs_find(&d, X, N, T, &o, NULL), RC_OK);
    assert_int_equal(d.nclubs, base.nclubs);
    assert_true(d.ndivergent < base.ndivergent);
    for (size_t i = 0; i < N; i++)
        if (base.club[i] >= 0)
            assert_int_equal(d.club[i], base.club[i]);
    for (size_t i = 0; i < N; i++)
        if (base.club[i] < 0 && d.club[i] >= 0)
            assert_true(d.test[d.club[i]].t > o.critical); /* the receiving club converges */
    rc_clubs_free(&d);
    rc_clubs_free(&base);
}

static void test_china(void **state)
{
    (void)state;
    char *ref = rc_test_shared_path("reference/peer_values.json");
    char *data = rc_test_shared_path("data/china_provinces/china_gdp_pc_wide.csv");
    if (!ref || !data) {
        free(ref), free(data);
        skip();
    }
    rc_panel *p;
    rc_read_options opt = {.wide_var = "gdp_pc"};
    assert_int_equal(rc_panel_read(&p, data, &opt, NULL), RC_OK);
    size_t n = rc_panel_nregions(p), T0 = rc_panel_nyears(p), first, last;
    assert_int_equal(rc_panel_find_year(p, 1978, &first, NULL), RC_OK);
    assert_int_equal(rc_panel_find_year(p, 2019, &last, NULL), RC_OK);
    (void)T0;
    size_t T = last - first + 1;
    double *X = malloc(n * T * sizeof *X), *x = malloc(T * sizeof *x);
    for (size_t i = 0; i < n; i++) {
        for (size_t t = 0; t < T; t++)
            x[t] = log(rc_panel_value(p, 0, i, first + t));
        assert_int_equal(rc_hp_filter(X + i * T, x, T, 400, NULL), RC_OK);
    }
    rc_clubs_options o;
    rc_clubs_options_init(&o);
    rc_clubs cl;
    assert_int_equal(rc_clubs_find(&cl, X, n, T, &o, NULL), RC_OK);
    json_error_t jerr;
    json_t *root = json_load_file(ref, 0, &jerr);
    json_t *blk = json_object_get(root, "china_ps_clubs_gdp_pc_1978_2019");
    json_t *whole = json_object_get(blk, "whole_sample");
    assert_rel(cl.whole.value, json_number_value(json_object_get(whole, "beta")), 1e-8);
    assert_rel(cl.whole.std_error, json_number_value(json_object_get(whole, "std_error")), 1e-8);
    assert_rel(cl.whole.t, json_number_value(json_object_get(whole, "t")), 1e-8);
    json_t *club1 = json_object_get(json_object_get(blk, "clubs"), "club1");
    json_t *members = json_object_get(club1, "members");
    assert_int_equal(cl.nclubs, 1);
    assert_int_equal(json_array_size(members), n);
    for (size_t k = 0; k < json_array_size(members); k++) {
        size_t i;
        assert_int_equal(rc_panel_find_region(p, json_string_value(json_array_get(members, k)), &i, NULL), RC_OK);
        assert_int_equal(cl.club[i], 0);
    }
    assert_rel(cl.test[0].t, json_number_value(json_object_get(club1, "t")), 1e-8);
    assert_int_equal(json_array_size(json_object_get(blk, "divergent")), 0);
    json_decref(root);
    rc_clubs_free(&cl);
    free(X), free(x), free(ref), free(data);
    rc_panel_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_logt_example), cmocka_unit_test(test_clusters_example),
        cmocka_unit_test(test_divergent),    cmocka_unit_test(test_cstar_methods),
        cmocka_unit_test(test_merging),
        cmocka_unit_test(test_china),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
