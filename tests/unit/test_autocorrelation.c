/* Global spatial autocorrelation: Moran's I, Geary's C, General G, bivariate Moran.
 * Sources of the expected numbers:
 * - the 3 × 3 rook lattice of ../shared/methods/03-spatial.md §1–4, §7 (worked examples,
 *   printed to 10 significant digits);
 * - China 2019 gdp_pc, queen GAL with Hainan an island: PySAL esda 2.5.1 values in
 *   ../shared/reference/peer_values.json (full precision; 1e-10), and R spdep 1.2.7
 *   globalG.test for General G (tests/reference/spatial/china_2019_global.csv);
 * - US states 1929 and 2009 (bundled usjoin.csv, states48.gal): R spdep 1.2.7 moran.test,
 *   geary.test, globalG.test (tests/reference/spatial/make_reference.R);
 * - permutation p-values: the exact permutation distribution of the lattice (all 9!
 *   permutations enumerated here), within Monte-Carlo error. */
#include "testutil.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/autocorrelation.h"
#include "regcoord/io.h"
#include "regcoord/threads.h"
#include "spatial_fixtures.h"

static const double LY[9] = {8.0, 6.0, 7.0, 5.0, 4.0, 6.5, 2.0, 3.0, 1.5};
static const double LX[9] = {30, 28, 33, 25, 20, 31, 12, 18, 10};

static void test_weights_sums_lattice(void **state)
{
    (void)state;
    fx_weights f = fx_lattice3();
    rc_weights_sums s;
    assert_int_equal(rc_weights_sums_compute(&s, &f.csr, NULL), RC_OK);
    /* methods/03 "Test lattice", binary: S0 = 24, S1 = 48, S2 = 272 */
    assert_rel(s.s0, 24.0, 1e-15);
    assert_rel(s.s1, 48.0, 1e-15);
    assert_rel(s.s2, 272.0, 1e-15);
    fx_row_standardize(&f);
    assert_int_equal(rc_weights_sums_compute(&s, &f.csr, NULL), RC_OK);
    /* methods/03: row-standardised S0 = 9, S1 = 6.916666667, S2 = 36.80555556 */
    assert_rel(s.s0, 9.0, 1e-14);
    assert_rel(s.s1, 6.916666667, 1e-9);
    assert_rel(s.s2, 36.80555556, 1e-9);
    assert_int_equal(rc_csr_islands(&f.csr), 0);
    fx_free(&f);
}

static void test_moran_lattice(void **state)
{
    (void)state;
    fx_weights f = fx_lattice3();
    fx_row_standardize(&f);
    rc_spatial_stat m;
    assert_int_equal(rc_moran(&m, LY, &f.csr, NULL, NULL), RC_OK);
    /* methods/03 §2 example (esda Moran, transformation "r") */
    assert_rel(m.value, 0.2961250550, 1e-9);
    assert_rel(m.expected, -0.125, 1e-15);
    assert_rel(m.variance_norm, 0.05721450617, 1e-9);
    assert_rel(m.variance_rand, 0.06581663863, 1e-9);
    assert_rel(m.z_norm, 1.760589080, 1e-9);
    assert_rel(m.z_rand, 1.641508862, 1e-9);
    assert_rel(m.p_norm, 0.07830797822, 1e-9);
    assert_rel(m.p_rand, 0.1006918291, 1e-9);
    assert_true(isnan(m.p_sim));
    assert_int_equal(m.n, 9);
    assert_int_equal(m.islands, 0);
    /* spdep moran.test alternative = "greater": p = 0.05034591456 (methods/03 §2) */
    rc_perm_options g = {0, 1, RC_ALT_GREATER};
    assert_int_equal(rc_moran(&m, LY, &f.csr, &g, NULL), RC_OK);
    assert_rel(m.p_rand, 0.05034591456, 1e-9);
    fx_free(&f);
}

static void test_geary_lattice(void **state)
{
    (void)state;
    fx_weights f = fx_lattice3();
    fx_row_standardize(&f);
    rc_spatial_stat c;
    assert_int_equal(rc_geary(&c, LY, &f.csr, NULL, NULL), RC_OK);
    /* methods/03 §3 example (esda Geary, row-standardised) */
    assert_rel(c.value, 0.5290620872, 1e-9);
    assert_rel(c.expected, 1.0, 1e-15);
    assert_rel(c.variance_norm, 0.05006858711, 1e-9);
    assert_rel(c.variance_rand, 0.05433637319, 1e-9);
    assert_rel(c.z_norm, -2.104655345, 1e-9);
    assert_rel(c.z_rand, -2.020311478, 1e-9);
    assert_rel(c.p_norm, 0.01766066011, 1e-9);
    assert_rel(c.p_rand, 0.02167554450, 1e-9);
    fx_free(&f);
}

static void test_getis_ord_g_lattice(void **state)
{
    (void)state;
    fx_weights f = fx_lattice3();
    rc_spatial_stat g;
    assert_int_equal(rc_getis_ord_g(&g, LY, &f.csr, NULL, NULL), RC_OK);
    /* methods/03 §4 example, binary W */
    assert_rel(g.value, 0.3593506088, 1e-9);
    assert_rel(g.expected, 0.3333333333, 1e-9);
    assert_rel(g.variance_norm, 0.001058409517, 1e-9);
    assert_rel(g.z_norm, 0.7997144570, 1e-9);
    assert_rel(g.p_norm, 0.2119381274, 1e-9);
    assert_true(isnan(g.variance_rand));
    /* esda G forces binary weights: a row-standardised input gives the same G */
    rc_spatial_stat g2;
    fx_row_standardize(&f);
    assert_int_equal(rc_getis_ord_g(&g2, LY, &f.csr, NULL, NULL), RC_OK);
    assert_rel(g2.value, g.value, 1e-15);
    assert_rel(g2.variance_norm, g.variance_norm, 1e-15);
    fx_free(&f);
}

static void test_moran_bv_lattice(void **state)
{
    (void)state;
    fx_weights f = fx_lattice3();
    fx_row_standardize(&f);
    rc_spatial_stat b;
    assert_int_equal(rc_moran_bv(&b, LX, LY, &f.csr, NULL, NULL), RC_OK);
    /* methods/03 §7: I_xy = 0.2703354083 (esda Moran_BV(x, y, w)) */
    assert_rel(b.value, 0.2703354083, 1e-9);
    assert_true(isnan(b.variance_norm) && isnan(b.z_rand));
    /* not symmetric in (x, y) */
    rc_spatial_stat b2;
    assert_int_equal(rc_moran_bv(&b2, LY, LX, &f.csr, NULL, NULL), RC_OK);
    assert_true(fabs(b2.value - b.value) > 1e-3);
    fx_free(&f);
}

/* ---- China 2019 against esda (peer_values.json) and spdep ----------------------------- */

static double *china_2019(fx_weights *f)
{
    char *path = rc_test_shared_path("data/china_provinces/china_provinces_panel.csv");
    char *gal = rc_test_shared_path("data/china_provinces/geo/china_provinces_queen.gal");
    if (!path || !gal) {
        free(path);
        free(gal);
        return NULL;
    }
    rc_panel *p;
    assert_int_equal(rc_panel_read(&p, path, NULL, NULL), RC_OK);
    assert_int_equal(fx_read_gal(f, gal), 0);
    size_t v, t;
    assert_int_equal(rc_panel_find_var(p, "gdp_pc", &v, NULL), RC_OK);
    assert_int_equal(rc_panel_find_year(p, 2019, &t, NULL), RC_OK);
    double *y = malloc(f->n * sizeof *y);
    for (size_t i = 0; i < f->n; i++) {
        size_t r;
        assert_int_equal(rc_panel_find_region(p, f->ids[i], &r, NULL), RC_OK);
        y[i] = rc_panel_value(p, v, r, t);
    }
    rc_panel_free(p);
    free(path);
    free(gal);
    return y;
}

static void test_china_2019_esda(void **state)
{
    (void)state;
    fx_weights f;
    double *y = china_2019(&f);
    char *ref = rc_test_shared_path("reference/peer_values.json");
    if (!y || !ref) {
        free(y);
        free(ref);
        skip();
    }
    json_t *root = json_load_file(ref, 0, NULL);
    assert_non_null(root);
    json_t *r = json_object_get(root, "china_spatial_gdp_pc_2019_queen_r");
    assert_non_null(r);
#define REF(key) json_real_value(json_object_get(r, key))
    rc_spatial_stat gw;
    assert_int_equal(rc_getis_ord_g(&gw, y, &f.csr, NULL, NULL), RC_OK); /* binary */
    fx_row_standardize(&f);
    rc_spatial_stat m, c;
    assert_int_equal(rc_moran(&m, y, &f.csr, NULL, NULL), RC_OK);
    /* PySAL esda 2.5.1 Moran(y, w) — peer_values.json */
    assert_rel(m.value, REF("moran_I"), 1e-10);
    assert_rel(m.expected, REF("EI"), 1e-10);
    assert_rel(m.variance_norm, REF("VI_norm"), 1e-10);
    assert_rel(m.variance_rand, REF("VI_rand"), 1e-10);
    assert_rel(m.z_norm, REF("z_norm"), 1e-10);
    assert_rel(m.z_rand, REF("z_rand"), 1e-10);
    assert_int_equal(m.islands, 1); /* Hainan */
    assert_int_equal(m.n, 31);
    /* PySAL esda 2.5.1 Geary(y, w) — peer_values.json */
    assert_int_equal(rc_geary(&c, y, &f.csr, NULL, NULL), RC_OK);
    assert_rel(c.value, REF("geary_C"), 1e-10);
    assert_rel(c.variance_norm, REF("geary_VC_norm"), 1e-10);
    assert_rel(c.variance_rand, REF("geary_VC_rand"), 1e-10);
#undef REF
    json_decref(root);
    /* R spdep 1.2.7 globalG.test(y, nb2listw(gal, "B", zero.policy = TRUE), adjust.n = FALSE)
     * — tests/reference/spatial/china_2019_global.csv, row getis_ord_g */
    char *gref = rc_test_ref_path("spatial/china_2019_global.csv");
    fx_csv t;
    assert_int_equal(fx_csv_read(&t, gref), 0);
    assert_string_equal(t.cell[2][0], "getis_ord_g");
    assert_rel(gw.value, fx_csv_num(&t, 2, "value"), 1e-10);
    assert_rel(gw.expected, fx_csv_num(&t, 2, "expected"), 1e-10);
    assert_rel(gw.variance_norm, fx_csv_num(&t, 2, "variance_norm"), 1e-10);
    /* and spdep's Moran/Geary (adjust.n = FALSE keeps the island in n, as esda) */
    assert_rel(m.variance_rand, fx_csv_num(&t, 0, "variance_rand"), 1e-10);
    assert_rel(c.variance_rand, fx_csv_num(&t, 1, "variance_rand"), 1e-10);
    fx_csv_free(&t);
    free(gref);
    free(ref);
    free(y);
    fx_free(&f);
}

/* ---- US states against spdep ------------------------------------------------------------ */

static void check_us_year(const char *year)
{
    char *csv = rc_test_data_path("us_income/usjoin.csv");
    char *gal = rc_test_data_path("us_income/states48.gal");
    rc_read_options o = {.region_col = "STATE_FIPS", .wide_var = "pcincome"};
    rc_panel *p;
    rc_error err;
    int rc = rc_panel_read(&p, csv, &o, &err);
    if (rc != RC_OK)
        fail_msg("%s", err.message);
    fx_weights f;
    assert_int_equal(fx_read_gal(&f, gal), 0);
    size_t t;
    assert_int_equal(rc_panel_find_year(p, atoi(year), &t, NULL), RC_OK);
    /* states48.gal ids are 0-based row positions of usjoin.csv */
    double *y = malloc(f.n * sizeof *y);
    for (size_t i = 0; i < f.n; i++)
        y[i] = rc_panel_value(p, 0, (size_t)atoi(f.ids[i]), t);
    char name[64];
    snprintf(name, sizeof name, "spatial/us_states_%s_global.csv", year);
    char *ref = rc_test_ref_path(name);
    fx_csv r;
    assert_int_equal(fx_csv_read(&r, ref), 0);
    rc_spatial_stat g, m, c;
    /* R spdep 1.2.7 globalG.test(y, nb2listw(nb, "B")) */
    assert_int_equal(rc_getis_ord_g(&g, y, &f.csr, NULL, NULL), RC_OK);
    assert_rel(g.value, fx_csv_num(&r, 2, "value"), 1e-10);
    assert_rel(g.expected, fx_csv_num(&r, 2, "expected"), 1e-10);
    assert_rel(g.variance_norm, fx_csv_num(&r, 2, "variance_norm"), 1e-10);
    fx_row_standardize(&f);
    /* R spdep 1.2.7 moran.test(y, nb2listw(nb, "W"), randomisation = FALSE / TRUE) */
    assert_int_equal(rc_moran(&m, y, &f.csr, NULL, NULL), RC_OK);
    assert_rel(m.value, fx_csv_num(&r, 0, "value"), 1e-10);
    assert_rel(m.expected, fx_csv_num(&r, 0, "expected"), 1e-10);
    assert_rel(m.variance_norm, fx_csv_num(&r, 0, "variance_norm"), 1e-10);
    assert_rel(m.variance_rand, fx_csv_num(&r, 0, "variance_rand"), 1e-10);
    /* R spdep 1.2.7 geary.test(y, nb2listw(nb, "W"), randomisation = FALSE / TRUE) */
    assert_int_equal(rc_geary(&c, y, &f.csr, NULL, NULL), RC_OK);
    assert_rel(c.value, fx_csv_num(&r, 1, "value"), 1e-10);
    assert_rel(c.variance_norm, fx_csv_num(&r, 1, "variance_norm"), 1e-10);
    assert_rel(c.variance_rand, fx_csv_num(&r, 1, "variance_rand"), 1e-10);
    fx_csv_free(&r);
    free(ref);
    free(y);
    fx_free(&f);
    rc_panel_free(p);
    free(csv);
    free(gal);
}

static void test_us_states_spdep(void **state)
{
    (void)state;
    check_us_year("1929");
    check_us_year("2009");
}

/* ---- permutation inference -------------------------------------------------------------- */

/* Moran's I of one arrangement v of the lattice, computed as the kernel does. */
static double lattice_moran(const fx_weights *f, const double *v, double scale)
{
    double s = 0;
    for (size_t i = 0; i < 9; i++) {
        double l = 0;
        for (size_t e = f->off[i]; e < f->off[i + 1]; e++)
            l += f->w[e] * v[f->nb[e]];
        s += v[i] * l;
    }
    return scale * s;
}

static void enumerate(const fx_weights *f, double *v, size_t k, double obs, double scale,
                      size_t *ge, size_t *total)
{
    if (k == 9) {
        *ge += lattice_moran(f, v, scale) >= obs;
        ++*total;
        return;
    }
    for (size_t i = k; i < 9; i++) {
        double t = v[k];
        v[k] = v[i], v[i] = t;
        enumerate(f, v, k + 1, obs, scale, ge, total);
        t = v[k], v[k] = v[i], v[i] = t;
    }
}

static void test_permutation_exact_distribution(void **state)
{
    (void)state;
    fx_weights f = fx_lattice3();
    fx_row_standardize(&f);
    double z[9], mean = 0, ss = 0;
    for (int i = 0; i < 9; i++)
        mean += LY[i] / 9.0;
    for (int i = 0; i < 9; i++)
        z[i] = LY[i] - mean, ss += z[i] * z[i];
    double scale = 9.0 / (9.0 * ss); /* n / (S0 Σz²), S0 = 9 */
    size_t ge = 0, total = 0;
    double obs = lattice_moran(&f, z, scale);
    enumerate(&f, z, 0, obs, scale, &ge, &total);
    assert_int_equal(total, 362880); /* 9! */
    double p_exact = (double)ge / (double)total;
    const size_t R = 9999;
    rc_perm_options o = {R, 2024, RC_ALT_GREATER};
    rc_spatial_stat m;
    assert_int_equal(rc_moran(&m, LY, &f.csr, &o, NULL), RC_OK);
    /* (#{sim ≥ obs} + 1)/(R + 1) estimates p_exact with SD sqrt(p(1−p)/R): allow 5 SD */
    double sd = sqrt(p_exact * (1 - p_exact) / (double)R);
    assert_abs(m.p_sim, p_exact, 5 * sd + 2.0 / (double)R);
    /* directed (esda default) folds to the smaller tail: the same here, as p_exact < ½ */
    o.alternative = RC_ALT_DIRECTED;
    rc_spatial_stat d;
    assert_int_equal(rc_moran(&d, LY, &f.csr, &o, NULL), RC_OK);
    assert_true(p_exact < 0.5);
    assert_rel(d.p_sim, m.p_sim, 1e-15);
    assert_true(fabs(d.mean_sim - (-0.125)) < 5 * d.sd_sim / sqrt((double)R)); /* E[I] = −1/(n−1) */
    fx_free(&f);
}

static void test_permutations_thread_invariant(void **state)
{
    (void)state;
    fx_weights f;
    double *y = china_2019(&f);
    if (!y)
        skip();
    fx_row_standardize(&f);
    rc_perm_options o = {999, 7, RC_ALT_DIRECTED};
    rc_spatial_stat a[3], b[3];
    rc_set_threads(1);
    assert_int_equal(rc_moran(&a[0], y, &f.csr, &o, NULL), RC_OK);
    assert_int_equal(rc_geary(&a[1], y, &f.csr, &o, NULL), RC_OK);
    assert_int_equal(rc_moran_bv(&a[2], y, y, &f.csr, &o, NULL), RC_OK);
    rc_set_threads(3);
    assert_int_equal(rc_moran(&b[0], y, &f.csr, &o, NULL), RC_OK);
    assert_int_equal(rc_geary(&b[1], y, &f.csr, &o, NULL), RC_OK);
    assert_int_equal(rc_moran_bv(&b[2], y, y, &f.csr, &o, NULL), RC_OK);
    rc_set_threads(0);
    for (int k = 0; k < 3; k++) {
        assert_true(a[k].p_sim == b[k].p_sim);
        assert_true(a[k].mean_sim == b[k].mean_sim);
        assert_true(a[k].sd_sim == b[k].sd_sim);
    }
    /* hand identity: Moran_BV(y, y) = Σ c W c / Σ c² (the ddof-1 scalings cancel) = I · S0 / n,
     * and S0 = 30 for 31 row-standardised rows with one island */
    assert_rel(a[2].value, a[0].value * 30.0 / 31.0, 1e-12);
    /* the strong positive autocorrelation of China 2019 (esda z_rand 3.64) is significant */
    assert_true(a[0].p_sim < 0.01);
    free(y);
    fx_free(&f);
}

static void test_bad_input(void **state)
{
    (void)state;
    fx_weights f = fx_lattice3();
    fx_row_standardize(&f);
    double y[9];
    memcpy(y, LY, sizeof y);
    rc_spatial_stat m;
    rc_error err;
    y[4] = NAN;
    assert_int_equal(rc_moran(&m, y, &f.csr, NULL, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "region 4"));
    for (int i = 0; i < 9; i++)
        y[i] = 3.0;
    assert_int_equal(rc_moran(&m, y, &f.csr, NULL, &err), RC_EINSUFFICIENT);
    assert_int_equal(rc_geary(&m, y, &f.csr, NULL, &err), RC_EINSUFFICIENT);
    memcpy(y, LY, sizeof y);
    y[2] = -1;
    assert_int_equal(rc_getis_ord_g(&m, y, &f.csr, NULL, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, ">= 0"));
    /* no links at all */
    size_t off[10] = {0};
    rc_csr empty = {9, off, NULL, NULL};
    assert_int_equal(rc_moran(&m, LY, &empty, NULL, &err), RC_EINSUFFICIENT);
    assert_non_null(strstr(err.message, "island"));
    /* fewer than 4 regions */
    rc_csr small = {3, f.off, f.nb, f.w};
    assert_int_equal(rc_moran(&m, LY, &small, NULL, &err), RC_EINPUT); /* neighbour out of range */
    fx_free(&f);
}

static void test_pseudo_p_rules(void **state)
{
    (void)state;
    /* hand computation: R = 99, 10 simulations ≥ obs, 90 ≤ obs → directed min(10, 89)+1 / 100 */
    assert_rel(rc_pseudo_p_counts(RC_ALT_DIRECTED, 10, 90, 99), 0.11, 1e-15);
    assert_rel(rc_pseudo_p_counts(RC_ALT_DIRECTED, 95, 5, 99), 0.05, 1e-15); /* min(95, 4) + 1 */
    assert_rel(rc_pseudo_p_counts(RC_ALT_GREATER, 95, 5, 99), 0.96, 1e-15);
    assert_rel(rc_pseudo_p_counts(RC_ALT_LESS, 95, 5, 99), 0.06, 1e-15);
    /* esda two-sided rule, hand computation: sims 1..10, obs = 9.5: q = 90 → p_low = 10;
     * numpy.percentile(1..10, 10) = 1.9 and (…, 90) = 9.1; outside: {1} and {10} → (2+1)/11 */
    double s[10];
    for (int i = 0; i < 10; i++)
        s[i] = i + 1;
    assert_rel(rc_pseudo_p_two_sided(9.5, s, 10), 3.0 / 11.0, 1e-15);
    /* a constant reference distribution: esda gives (20+1)/11 > 1 (esda #514); capped */
    for (int i = 0; i < 10; i++)
        s[i] = 2.0;
    assert_rel(rc_pseudo_p_two_sided(2.0, s, 10), 1.0, 1e-15);
    /* analytic p: z = 1.96 */
    assert_rel(rc_normal_p(1.959963984540054, RC_ALT_TWO_SIDED, 0), 0.05, 1e-12);
    assert_rel(rc_normal_p(-1.959963984540054, RC_ALT_DIRECTED, 0), 0.025, 1e-12);
    assert_rel(rc_normal_p(-1.959963984540054, RC_ALT_GREATER, 1), 0.975, 1e-12);
    rc_alternative a;
    assert_int_equal(rc_alternative_parse("two-sided", &a, NULL), RC_OK);
    assert_int_equal(a, RC_ALT_TWO_SIDED);
    assert_int_equal(rc_alternative_parse("both", &a, NULL), RC_EUSAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_weights_sums_lattice),
        cmocka_unit_test(test_moran_lattice),
        cmocka_unit_test(test_geary_lattice),
        cmocka_unit_test(test_getis_ord_g_lattice),
        cmocka_unit_test(test_moran_bv_lattice),
        cmocka_unit_test(test_china_2019_esda),
        cmocka_unit_test(test_us_states_spdep),
        cmocka_unit_test(test_permutation_exact_distribution),
        cmocka_unit_test(test_permutations_thread_invariant),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_pseudo_p_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
