/* Disparity kernels on real panels against peer values:
 * - Mexico (../shared/data/mexico_states, pcgdp, hanson98 regions): PySAL inequality's
 *   documented Theil, TheilD and Gini results, as listed in ../shared/methods/README.md
 *   (printed there to 8 and 10 significant digits);
 * - China (../shared/data/china_provinces, gdp_pc, pop, group): PySAL inequality v1.0.1
 *   Theil/TheilD/Gini and the population-weighted formulas of methods/01, stored in
 *   ../shared/reference/peer_values.json (full double precision): matched to 1e-10. */
#include "testutil.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/disparity.h"
#include "regcoord/io.h"

static void test_mexico_pysal_anchors(void **state)
{
    (void)state;
    char *path = rc_test_shared_path("data/mexico_states/mexico_states_panel.csv");
    if (!path)
        skip();
    rc_panel *p;
    assert_int_equal(rc_panel_read(&p, path, NULL, NULL), RC_OK);
    free(path);
    const double theil[] = {0.20894344, 0.15222451, 0.10472941, 0.10194725, 0.09560113, 0.10511256, 0.10660832};
    const double bg[] = {0.0345889, 0.02816853, 0.05260921, 0.05931219, 0.03205257, 0.02963731, 0.03635872};
    const double wg[] = {0.17435454, 0.12405598, 0.0521202, 0.04263506, 0.06354856, 0.07547525, 0.0702496};
    const double gini[] = {0.3537237117, 0.2964461344, 0.2537183286, 0.2551335649, 0.2450533805, 0.2518182588, 0.2581130825};
    size_t v, n = rc_panel_nregions(p);
    assert_int_equal(rc_panel_find_var(p, "pcgdp", &v, NULL), RC_OK);
    assert_int_equal(rc_panel_nyears(p), 7);
    int *codes = malloc(n * sizeof *codes);
    rc_groups g;
    assert_int_equal(rc_panel_groups(&g, codes, p, "hanson98", NULL), RC_OK);
    for (size_t t = 0; t < 7; t++) {
        const double *y = rc_panel_column(p, v, t);
        double x;
        rc_theil_parts parts;
        assert_int_equal(rc_theil_t(&x, y, NULL, n, NULL), RC_OK);
        assert_rel(x, theil[t], 5e-8);
        assert_int_equal(rc_theil_t_decompose(&parts, NULL, NULL, NULL, y, NULL, codes, g.ngroups, n, NULL), RC_OK);
        assert_rel(parts.between, bg[t], 5e-7);
        assert_rel(parts.within, wg[t], 5e-7);
        assert_int_equal(rc_gini(&x, y, NULL, n, NULL), RC_OK);
        assert_rel(x, gini[t], 1e-9);
    }
    rc_groups_free(&g);
    free(codes);
    rc_panel_free(p);
}

static void test_china_peer_values(void **state)
{
    (void)state;
    char *path = rc_test_shared_path("data/china_provinces/china_provinces_panel.csv");
    char *ref = rc_test_shared_path("reference/peer_values.json");
    if (!path || !ref) {
        free(path);
        free(ref);
        skip();
    }
    rc_panel *p;
    assert_int_equal(rc_panel_read(&p, path, NULL, NULL), RC_OK);
    json_error_t jerr;
    json_t *root = json_load_file(ref, 0, &jerr);
    assert_non_null(root);
    json_t *block = json_object_get(root, "china_disparity_gdp_pc_pop_group");
    assert_non_null(block);
    size_t vy, vp, n = rc_panel_nregions(p);
    assert_int_equal(rc_panel_find_var(p, "gdp_pc", &vy, NULL), RC_OK);
    assert_int_equal(rc_panel_find_var(p, "pop", &vp, NULL), RC_OK);
    int *codes = malloc(n * sizeof *codes);
    rc_groups g;
    assert_int_equal(rc_panel_groups(&g, codes, p, "group", NULL), RC_OK);
    const char *years[] = {"1990", "2019"};
    for (int k = 0; k < 2; k++) {
        json_t *r = json_object_get(block, years[k]);
        assert_non_null(r);
        size_t t;
        assert_int_equal(rc_panel_find_year(p, atoi(years[k]), &t, NULL), RC_OK);
        const double *y = rc_panel_column(p, vy, t), *pop = rc_panel_column(p, vp, t);
#define REF(key) json_real_value(json_object_get(r, key))
        double x;
        rc_theil_parts parts;
        assert_int_equal(rc_theil_t(&x, y, NULL, n, NULL), RC_OK);
        assert_rel(x, REF("theil_t"), 1e-10);
        assert_int_equal(rc_theil_t_decompose(&parts, NULL, NULL, NULL, y, NULL, codes, g.ngroups, n, NULL), RC_OK);
        assert_rel(parts.between, REF("theil_t_between"), 1e-10);
        assert_rel(parts.within, REF("theil_t_within"), 1e-10);
        assert_int_equal(rc_gini(&x, y, NULL, n, NULL), RC_OK);
        assert_rel(x, REF("gini"), 1e-10);
        assert_int_equal(rc_theil_t_decompose(&parts, NULL, NULL, NULL, y, pop, codes, g.ngroups, n, NULL), RC_OK);
        assert_rel(parts.total, REF("theil_t_w"), 1e-10);
        assert_rel(parts.between, REF("theil_t_w_between"), 1e-10);
        assert_rel(parts.within, REF("theil_t_w_within"), 1e-10);
        assert_abs(parts.total - parts.between - parts.within, 0, 1e-12);
        assert_int_equal(rc_theil_l(&x, y, pop, n, NULL), RC_OK);
        assert_rel(x, REF("theil_l_w"), 1e-10);
        assert_int_equal(rc_cv(&x, y, n, 0, NULL), RC_OK);
        assert_rel(x, REF("cv"), 1e-10);
        assert_int_equal(rc_williamson(&x, y, pop, n, NULL), RC_OK);
        assert_rel(x, REF("cv_w"), 1e-10);
        assert_int_equal(rc_range_ratio(&x, y, n, NULL), RC_OK);
        assert_rel(x, REF("range_ratio"), 1e-10);
        rc_dagum d;
        assert_int_equal(rc_dagum_decompose(&d, y, codes, g.ngroups, n, NULL), RC_OK);
        assert_rel(d.gini, REF("gini"), 1e-10);
        assert_abs(d.gini - d.within - d.between_net - d.transvariation, 0, 1e-12);
        rc_dagum_free(&d);
#undef REF
    }
    json_decref(root);
    rc_groups_free(&g);
    free(codes);
    rc_panel_free(p);
    free(path);
    free(ref);
}

/* With all populations equal, every weighted index equals its unweighted form (methods/01). */
static void test_equal_populations(void **state)
{
    (void)state;
    const double y[] = {3.1, 7.4, 2.2, 9.9, 5.0, 4.4, 6.1};
    const double pop[] = {5, 5, 5, 5, 5, 5, 5};
    const int grp[] = {0, 1, 0, 2, 1, 2, 0};
    double a, b;
    assert_int_equal(rc_gini(&a, y, NULL, 7, NULL), RC_OK);
    assert_int_equal(rc_gini(&b, y, pop, 7, NULL), RC_OK);
    assert_rel(b, a, 1e-13);
    assert_int_equal(rc_theil_t(&a, y, NULL, 7, NULL), RC_OK);
    assert_int_equal(rc_theil_t(&b, y, pop, 7, NULL), RC_OK);
    assert_rel(b, a, 1e-13);
    assert_int_equal(rc_theil_l(&a, y, NULL, 7, NULL), RC_OK);
    assert_int_equal(rc_theil_l(&b, y, pop, 7, NULL), RC_OK);
    assert_rel(b, a, 1e-13);
    assert_int_equal(rc_cv(&a, y, 7, 0, NULL), RC_OK);
    assert_int_equal(rc_williamson(&b, y, pop, 7, NULL), RC_OK);
    assert_rel(b, a, 1e-13);
    assert_int_equal(rc_atkinson(&a, y, NULL, 7, 0.5, NULL), RC_OK);
    assert_int_equal(rc_atkinson(&b, y, pop, 7, 0.5, NULL), RC_OK);
    assert_rel(b, a, 1e-13);
    rc_theil_parts pa, pb;
    assert_int_equal(rc_theil_t_decompose(&pa, NULL, NULL, NULL, y, NULL, grp, 3, 7, NULL), RC_OK);
    assert_int_equal(rc_theil_t_decompose(&pb, NULL, NULL, NULL, y, pop, grp, 3, 7, NULL), RC_OK);
    assert_rel(pb.between, pa.between, 1e-13);
}

static void test_domains_and_edges(void **state)
{
    (void)state;
    const double with_zero[] = {0.0, 2.0, 4.0};
    const int grp[] = {0, 0, 1};
    double x;
    rc_error err;
    assert_int_equal(rc_theil_l(&x, with_zero, NULL, 3, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "positive"));
    assert_int_equal(rc_range_ratio(&x, with_zero, 3, &err), RC_EINPUT);
    assert_int_equal(rc_atkinson(&x, with_zero, NULL, 3, 1.0, &err), RC_EINPUT);
    assert_int_equal(rc_atkinson(&x, with_zero, NULL, 3, 0.5, NULL), RC_OK); /* ε < 1 allows 0 */
    /* Theil T with a zero: 0·ln 0 = 0. By hand: mean 2, terms (1/3)(1)ln(1) + (1/3)(2)ln 2. */
    assert_int_equal(rc_theil_t(&x, with_zero, NULL, 3, NULL), RC_OK);
    assert_rel(x, 2.0 / 3.0 * log(2.0), 1e-14);
    const double neg[] = {-1.0, 2.0};
    assert_int_equal(rc_gini(&x, neg, NULL, 2, &err), RC_EINPUT);
    assert_int_equal(rc_gini(&x, neg + 1, NULL, 1, &err), RC_EINSUFFICIENT);
    const double zeros[] = {0.0, 0.0};
    assert_int_equal(rc_cv(&x, zeros, 2, 0, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "positive mean"));
    /* A one-member group: T_g = 0, contributes only to the between term. */
    const double y3[] = {1.0, 3.0, 8.0};
    double idx[2];
    rc_theil_parts parts;
    assert_int_equal(rc_theil_t_decompose(&parts, NULL, idx, NULL, y3, NULL, grp, 2, 3, NULL), RC_OK);
    assert_abs(idx[1], 0.0, 1e-15);
    assert_abs(parts.total - parts.between - parts.within, 0, 1e-15);
    const int bad[] = {0, 5, 1};
    assert_int_equal(rc_theil_t_decompose(&parts, NULL, NULL, NULL, y3, NULL, bad, 2, 3, &err), RC_EINPUT);
    const double nanv[] = {1.0, NAN};
    assert_int_equal(rc_gini(&x, nanv, NULL, 2, &err), RC_EINPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mexico_pysal_anchors),
        cmocka_unit_test(test_china_peer_values),
        cmocka_unit_test(test_equal_populations),
        cmocka_unit_test(test_domains_and_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
