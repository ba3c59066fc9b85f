/* Local statistics: local Moran (LISA), Getis–Ord Gi / Gi*, conditional permutation, multiple
 * testing. Sources of the expected numbers:
 * - the 3 × 3 rook lattice of ../shared/methods/03-spatial.md §5–6 (tables printed to 10
 *   significant digits) and esda's own G_Local doc example quoted there (8 digits);
 * - China 2019 gdp_pc, queen GAL (Hainan an island): esda 2.5.1 Moran_Local Is and q in
 *   ../shared/reference/peer_values.json (1e-10); R spdep 1.2.7 localmoran / localG
 *   (tests/reference/spatial/china_2019_local.csv, made by make_reference.R);
 * - US states 1929/2009 (bundled): R spdep 1.2.7 localmoran / localG;
 * - permutation p: the exact conditional permutation distribution of each lattice region
 *   (all ordered k-tuples enumerated here), within Monte-Carlo error;
 * - p.adjust: R 4.x stats::p.adjust (tests/reference/spatial/p_adjust.csv). */
#include "testutil.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/io.h"
#include "regcoord/lisa.h"
#include "measures/lisa_draws.h"
#include "regcoord/threads.h"
#include "spatial_fixtures.h"

static const double LY[9] = {8.0, 6.0, 7.0, 5.0, 4.0, 6.5, 2.0, 3.0, 1.5};

static void test_local_moran_lattice(void **state)
{
    (void)state;
    /* methods/03 §5 table: I_i (esda), I_i^A (spdep), q, Var[I^A], z, E_c, Var_c */
    static const double I[9] = {0.4426831058, 0.3616615294, 0.6223396448, -0.004696902980,
                                -0.05137237634, -0.2002054895, 0.4109790107, 0.7702920887,
                                0.01731982974};
    static const double IA[9] = {0.4980184941, 0.4068692206, 0.7001321004, -0.005284015852,
                                 -0.05779392338, -0.2252311757, 0.4623513871, 0.8665785997,
                                 0.01948480845};
    static const int Q[9] = {1, 1, 1, 4, 2, 4, 3, 3, 3};
    static const double VAR[9] = {0.3918838365, 0.2223785346, 0.3918838365, 0.2223785346,
                                  0.1376258837, 0.2223785346, 0.3918838365, 0.2223785346,
                                  0.3918838365};
    static const double Z[9] = {0.9952272600, 1.127868393, 1.318089218, 0.2538666827,
                                0.1811584026, -0.2125476916, 0.9382516204, 2.102716454,
                                0.2308040956};
    static const double EC[9] = {-0.2777410832, -0.03996036988, -0.1321003963, -0.001321003963,
                                 -0.01618229855, -0.07934280053, -0.2064068692, -0.08454425363,
                                 -0.2874009247};
    static const double VC[9] = {0.7737466137, 0.08220758297, 0.4422209719, 0.002826983382,
                                 0.02046912655, 0.1565304011, 0.6318118552, 0.1658496917,
                                 0.7899491566};
    fx_weights f = fx_lattice3();
    fx_row_standardize(&f);
    rc_local_stat o[9];
    assert_int_equal(rc_local_moran(o, LY, &f.csr, NULL, NULL), RC_OK);
    for (int i = 0; i < 9; i++) {
        assert_rel(o[i].value, I[i], 1e-9);
        assert_rel(o[i].value_alt, IA[i], 1e-9);
        assert_int_equal(o[i].quadrant, Q[i]);
        assert_rel(o[i].expected, -0.125, 1e-14); /* E[I^A] = −1/8 (row sums 1) */
        assert_rel(o[i].variance, VAR[i], 1e-9);
        assert_rel(o[i].z, Z[i], 1e-9);
        assert_rel(o[i].expected_c, EC[i], 1e-9);
        assert_rel(o[i].variance_c, VC[i], 1e-9);
        assert_false(o[i].island);
        assert_true(isnan(o[i].p_sim));
    }
    fx_free(&f);
}

static void test_local_g_lattice(void **state)
{
    (void)state;
    /* methods/03 §6 table: Z of Gi (R), Gi (B), Gi* (R), Gi* (B) */
    static const double Z[4][9] = {
        {0.5773502692, 0.7604336749, 0.8192880304, -0.03636964837, 0.1099299420, -0.1799271467,
         -0.5507910552, -1.139605765, -0.2260417893},
        {0.8819171037, 1.558425285, 1.251483138, -0.07453559925, 0.2908472881, -0.3687409228,
         -0.8413472342, -2.335496832, -0.3452845366},
        {0.7196065269, 0.6810561772, 0.7967072262, -0.01285011655, 0.05654051282,
         -0.01285011655, -0.6682060607, -0.9958840327, -0.5140046620},
        {1.439213054, 1.722950988, 1.593414452, -0.03250850920, 0.1787968006, -0.03250850920,
         -1.336412121, -2.519409463, -1.028009324}};
    fx_weights f = fx_lattice3();
    rc_local_stat o[9];
    for (int v = 0; v < 4; v++) {
        int star = v >= 2, row = v % 2 == 0;
        assert_int_equal(rc_local_g(o, LY, &f.csr, star, row, NULL, NULL), RC_OK);
        for (int i = 0; i < 9; i++)
            assert_rel(o[i].z, Z[v][i], 1e-9);
        if (v == 0) { /* G_0 (Gi, R) = 0.1571428571, E = 0.125 */
            assert_rel(o[0].value, 0.1571428571, 1e-9);
            assert_rel(o[0].expected, 0.125, 1e-14);
        }
        if (v == 3) { /* G_0 (Gi*, B) = 0.4418604651, E = 0.3333333333 */
            assert_rel(o[0].value, 0.4418604651, 1e-9);
            assert_rel(o[0].expected, 1.0 / 3.0, 1e-14);
        }
    }
    fx_free(&f);
}

static void test_local_g_esda_doc_example(void **state)
{
    (void)state;
    /* esda G_Local doc example (quoted in methods/03 §6): DistanceBand(points, 15), binary,
     * y = 2, 3, 3.2, 5, 8, 7 → Zs = −1.0136729, −0.04361589, 1.31558703, −0.31412676,
     * 1.15373986, 1.77833941 (Gi, transform B). */
    static const double px[6] = {10, 20, 40, 15, 30, 30}, py[6] = {10, 10, 10, 20, 20, 30};
    static const double y[6] = {2, 3, 3.2, 5, 8, 7};
    static const double Z[6] = {-1.0136729, -0.04361589, 1.31558703, -0.31412676, 1.15373986,
                                1.77833941};
    size_t off[7], nb[30];
    double w[30];
    size_t k = 0;
    for (size_t i = 0; i < 6; i++) {
        off[i] = k;
        for (size_t j = 0; j < 6; j++)
            if (j != i && hypot(px[i] - px[j], py[i] - py[j]) <= 15.0)
                nb[k] = j, w[k++] = 1.0;
    }
    off[6] = k;
    rc_csr csr = {6, off, nb, w};
    rc_local_stat o[6];
    assert_int_equal(rc_local_g(o, y, &csr, 0, 0, NULL, NULL), RC_OK);
    for (int i = 0; i < 6; i++)
        assert_abs(o[i].z, Z[i], 1e-7);
}

/* ---- real data against esda and spdep ------------------------------------------------- */

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

/* Compare with an spdep reference file (rows keyed by region in ids order). */
static void check_spdep_local(const char *file, const fx_weights *fb, const double *y,
                              const char *const *keys)
{
    char *ref = rc_test_ref_path(file);
    fx_csv t;
    assert_int_equal(fx_csv_read(&t, ref), 0);
    assert_int_equal(t.nrows, fb->n);
    size_t n = fb->n;
    fx_weights f = *fb;
    double *w = malloc(fb->off[n] * sizeof *w);
    memcpy(w, fb->w, fb->off[n] * sizeof *w);
    f.w = w;
    fx_finish(&f);
    rc_local_stat *lm = malloc(n * sizeof *lm), *gi = malloc(n * sizeof *gi),
                  *gsw = malloc(n * sizeof *gsw), *gsb = malloc(n * sizeof *gsb);
    assert_int_equal(rc_local_g(gsb, y, &f.csr, 1, 0, NULL, NULL), RC_OK);
    assert_int_equal(rc_local_g(gi, y, &f.csr, 0, 0, NULL, NULL), RC_OK);
    fx_row_standardize(&f);
    assert_int_equal(rc_local_moran(lm, y, &f.csr, NULL, NULL), RC_OK);
    assert_int_equal(rc_local_g(gsw, y, &f.csr, 1, 1, NULL, NULL), RC_OK);
    for (size_t r = 0; r < n; r++) {
        size_t i = 0;
        while (i < n && strcmp(keys[i], t.cell[r][0]))
            i++;
        assert_true(i < n);
        /* spdep localmoran(y, nb2listw(nb, "W"), conditional = FALSE): Ii, Z.Ii */
        assert_rel(lm[i].value_alt, fx_csv_num(&t, r, "Ii"), 1e-10);
        double z = fx_csv_num(&t, r, "Z_Ii");
        if (isnan(z))
            assert_true(isnan(lm[i].z));
        else
            assert_rel(lm[i].z, z, 1e-10);
        /* spdep localG(y, nb2listw(nb, "B")) — Gi, binary (spdep's "W" variant is not esda's
         * R; see make_reference.R); islands are NaN on both sides */
        z = fx_csv_num(&t, r, "gi_z_B");
        if (isnan(z) || lm[i].island)
            assert_true(isnan(gi[i].z));
        else
            assert_rel(gi[i].z, z, 1e-10);
        /* spdep localG(y, nb2listw(include.self(nb), "B")) — Gi* */
        assert_rel(gsb[i].z, fx_csv_num(&t, r, "gistar_z_B"), 1e-10);
        /* hand computation in R: lag.listw(include.self W, y) / sum(y) */
        assert_rel(gsw[i].value, fx_csv_num(&t, r, "gistar_G_W"), 1e-10);
    }
    free(lm), free(gi), free(gsw), free(gsb), free(w);
    fx_csv_free(&t);
    free(ref);
}

static void test_china_2019(void **state)
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
    check_spdep_local("spatial/china_2019_local.csv", &f, y, (const char *const *)f.ids);
    json_t *root = json_load_file(ref, 0, NULL);
    json_t *r = json_object_get(root, "china_spatial_gdp_pc_2019_queen_r");
    json_t *is = json_object_get(r, "lisa_Is"), *q = json_object_get(r, "lisa_quadrant");
    assert_non_null(is);
    fx_row_standardize(&f);
    rc_local_stat o[31];
    rc_perm_options opt = {999, 12345, RC_ALT_DIRECTED};
    assert_int_equal(rc_local_moran(o, y, &f.csr, &opt, NULL), RC_OK);
    size_t islands = 0;
    for (size_t i = 0; i < f.n; i++) {
        /* esda 2.5.1 Moran_Local(y, w).Is and .q — peer_values.json */
        assert_rel(o[i].value, json_real_value(json_object_get(is, f.ids[i])), 1e-10);
        assert_int_equal(o[i].quadrant, json_integer_value(json_object_get(q, f.ids[i])));
        if (o[i].island) {
            islands++;
            assert_string_equal(f.ids[i], "460000"); /* Hainan */
            assert_true(o[i].value == 0.0);
            assert_true(o[i].p_sim == 1.0); /* never significant (esda would say 1/(R+1)) */
        } else {
            assert_true(o[i].p_sim > 0 && o[i].p_sim <= 0.5 + 1e-12);
        }
    }
    assert_int_equal(islands, 1);
    json_decref(root);
    free(ref);
    free(y);
    fx_free(&f);
}

static void test_us_states_spdep(void **state)
{
    (void)state;
    char *csv = rc_test_data_path("us_income/usjoin.csv");
    char *gal = rc_test_data_path("us_income/states48.gal");
    rc_read_options ro = {.region_col = "STATE_FIPS", .wide_var = "pcincome"};
    rc_panel *p;
    assert_int_equal(rc_panel_read(&p, csv, &ro, NULL), RC_OK);
    fx_weights f;
    assert_int_equal(fx_read_gal(&f, gal), 0);
    const char *years[2] = {"1929", "2009"};
    const char *keys[48];
    for (size_t i = 0; i < 48; i++) /* GAL ids are usjoin.csv row positions */
        keys[i] = rc_panel_region_id(p, (size_t)atoi(f.ids[i]));
    for (int k = 0; k < 2; k++) {
        size_t t;
        assert_int_equal(rc_panel_find_year(p, atoi(years[k]), &t, NULL), RC_OK);
        double y[48];
        for (size_t i = 0; i < 48; i++)
            y[i] = rc_panel_value(p, 0, (size_t)atoi(f.ids[i]), t);
        char name[64];
        snprintf(name, sizeof name, "spatial/us_states_%s_local.csv", years[k]);
        check_spdep_local(name, &f, y, keys);
    }
    fx_free(&f);
    rc_panel_free(p);
    free(csv);
    free(gal);
}

/* ---- conditional permutation against its exact distribution ----------------------------- */

static void tuples(const double *pool, size_t m, const double *wv, size_t k, size_t t,
                   unsigned char *used, double lag, double mult, double obs, size_t *ge,
                   size_t *total)
{
    if (t == k) {
        *ge += mult * lag >= obs;
        ++*total;
        return;
    }
    for (size_t j = 0; j < m; j++) {
        if (used[j])
            continue;
        used[j] = 1;
        tuples(pool, m, wv, k, t + 1, used, lag + wv[t] * pool[j], mult, obs, ge, total);
        used[j] = 0;
    }
}

static void test_conditional_permutation_exact(void **state)
{
    (void)state;
    fx_weights f = fx_lattice3();
    fx_row_standardize(&f);
    /* z and the statistic exactly as rc_local_moran computes them */
    double mean = 0, ss = 0, z[9], sz2 = 0;
    for (int i = 0; i < 9; i++)
        mean += LY[i];
    mean /= 9.0;
    for (int i = 0; i < 9; i++)
        ss += (LY[i] - mean) * (LY[i] - mean);
    double sd = sqrt(ss / 9.0);
    for (int i = 0; i < 9; i++)
        z[i] = (LY[i] - mean) / sd, sz2 += z[i] * z[i];
    double scale = 8.0 / sz2;
    const size_t R = 9999;
    rc_perm_options opt = {R, 99, RC_ALT_DIRECTED};
    rc_local_stat o[9];
    assert_int_equal(rc_local_moran(o, LY, &f.csr, &opt, NULL), RC_OK);
    for (size_t i = 0; i < 9; i++) {
        double pool[8], wv[4], lag = 0.0;
        size_t m = 0, k = 0;
        for (size_t j = 0; j < 9; j++)
            if (j != i)
                pool[m++] = z[j];
        for (size_t e = f.off[i]; e < f.off[i + 1]; e++)
            wv[k++] = f.w[e], lag += f.w[e] * z[f.nb[e]];
        double mult = scale * z[i], obs = mult * lag;
        unsigned char used[8] = {0};
        size_t ge = 0, total = 0;
        tuples(pool, m, wv, k, 0, used, 0.0, mult, obs, &ge, &total);
        double pge = (double)ge / (double)total, q = pge < 1 - pge ? pge : 1 - pge;
        double expect = ((double)R * q + 1) / (double)(R + 1);
        double tol = 5 * sqrt(q * (1 - q) / (double)R) + 2.0 / (double)R;
        assert_abs(o[i].p_sim, expect, tol);
    }
    fx_free(&f);
}

static void test_thread_invariance(void **state)
{
    (void)state;
    fx_weights f;
    double *y = china_2019(&f);
    if (!y)
        skip();
    fx_row_standardize(&f);
    rc_local_stat a[31], b[31], c[31], d[31];
    rc_perm_options opt = {999, 5, RC_ALT_TWO_SIDED};
    rc_set_threads(1);
    assert_int_equal(rc_local_moran(a, y, &f.csr, &opt, NULL), RC_OK);
    assert_int_equal(rc_local_g(c, y, &f.csr, 1, 1, &opt, NULL), RC_OK);
    rc_set_threads(3);
    assert_int_equal(rc_local_moran(b, y, &f.csr, &opt, NULL), RC_OK);
    assert_int_equal(rc_local_g(d, y, &f.csr, 1, 1, &opt, NULL), RC_OK);
    rc_set_threads(0);
    assert_memory_equal(a, b, sizeof a);
    assert_memory_equal(c, d, sizeof c);
    /* a different seed gives different draws */
    opt.seed = 6;
    assert_int_equal(rc_local_moran(b, y, &f.csr, &opt, NULL), RC_OK);
    int differ = 0;
    for (int i = 0; i < 31; i++)
        differ += a[i].mean_sim != b[i].mean_sim;
    assert_true(differ > 20);
    free(y);
    fx_free(&f);
}

static void test_p_adjust_r(void **state)
{
    (void)state;
    char *ref = rc_test_ref_path("spatial/p_adjust.csv");
    fx_csv t;
    assert_int_equal(fx_csv_read(&t, ref), 0);
    double p[16], bh[16], bo[16];
    size_t m = t.nrows;
    for (size_t r = 0; r < m; r++)
        p[r] = fx_csv_num(&t, r, "p");
    assert_int_equal(rc_p_adjust(bh, p, m, RC_ADJUST_FDR, NULL), RC_OK);
    assert_int_equal(rc_p_adjust(bo, p, m, RC_ADJUST_BONFERRONI, NULL), RC_OK);
    for (size_t r = 0; r < m; r++) {
        /* R stats::p.adjust(p, "BH") and (p, "bonferroni") */
        double e = fx_csv_num(&t, r, "bh");
        if (isnan(e)) {
            assert_true(isnan(bh[r]) && isnan(bo[r]));
            continue;
        }
        assert_rel(bh[r], e, 1e-14);
        assert_rel(bo[r], fx_csv_num(&t, r, "bonferroni"), 1e-14);
    }
    p[0] = 1.5;
    rc_error err;
    assert_int_equal(rc_p_adjust(bh, p, m, RC_ADJUST_FDR, &err), RC_EINPUT);
    fx_csv_free(&t);
    free(ref);
}

static void test_bad_input(void **state)
{
    (void)state;
    fx_weights f = fx_lattice3();
    double y[9];
    memcpy(y, LY, sizeof y);
    rc_local_stat o[9];
    rc_error err;
    y[7] = NAN;
    assert_int_equal(rc_local_moran(o, y, &f.csr, NULL, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "region 7"));
    y[7] = -2;
    assert_int_equal(rc_local_g(o, y, &f.csr, 0, 1, NULL, &err), RC_EINPUT);
    for (int i = 0; i < 9; i++)
        y[i] = 1.25;
    assert_int_equal(rc_local_moran(o, y, &f.csr, NULL, &err), RC_EINSUFFICIENT);
    fx_free(&f);
}

/* The bulk index generator (lisa_draws.c) gives, on every code path (portable, SSE2, AVX2),
 * exactly the indices of drawing one at a time with Lemire's rule from the same stream —
 * including counters about to wrap, where the SIMD paths hand over to the scalar one. */
static void test_bulk_draws_equal_single_draws(void **state)
{
    (void)state;
    const uint32_t sizes[] = {3106, 30, 65536, 1000};
    uint16_t *bulk = malloc(8 * RC_LISA_BLOCKS * sizeof *bulk);
    assert_non_null(bulk);
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++)
        for (int level = 0; level <= 2; level++)
            for (int near_wrap = 0; near_wrap < 2; near_wrap++) {
                uint32_t s = sizes[z], thr = (65536u - s) % s;
                rc_lisa_drawer a = {.left = 0}, b = {.left = 0};
                rc_rng_init(&a.rng, 99, z);
                if (near_wrap)
                    a.rng.ctr[0] = UINT32_MAX - 5;
                b = a;
                rc_lisa_set_simd(level);
                size_t n = rc_lisa_fill_indices(&a, bulk, 37, s, thr);
                rc_lisa_set_simd(-1);
                assert_true(n > 37 * 8 * 9 / 10);
                for (size_t t = 0; t < n; t++) {
                    size_t one = rc_lisa_draw_below(&b, s);
                    if (one != bulk[t]) {
                        fprintf(stderr, "s %u level %d wrap %d: index %zu: bulk %u, single %zu\n", s,
                                level, near_wrap, t, bulk[t], one);
                        fail();
                    }
                }
                /* both streams now stand at the same block */
                assert_memory_equal(a.rng.ctr, b.rng.ctr, sizeof a.rng.ctr);
            }
    free(bulk);
}

/* LISA on a ring of 600 regions (4 neighbours each: the rejection sampler) gives bit-identical
 * results whatever SIMD level draws its indices. */
static void test_simd_levels_identical(void **state)
{
    (void)state;
    enum { N = 600 };
    size_t *off = malloc((N + 1) * sizeof *off), *nb = malloc(4 * N * sizeof *nb);
    double *w = malloc(4 * N * sizeof *w), *y = malloc(N * sizeof *y);
    rc_local_stat *out[3];
    assert_true(off && nb && w && y);
    for (size_t i = 0; i < N; i++) {
        off[i] = 4 * i;
        const long d[4] = {-2, -1, 1, 2};
        for (int k = 0; k < 4; k++) {
            nb[4 * i + (size_t)k] = (size_t)(((long)i + d[k] + N) % N);
            w[4 * i + (size_t)k] = 0.25;
        }
        y[i] = sin(0.05 * (double)i) + 0.3 * (double)(i % 7);
    }
    off[N] = 4 * N;
    rc_csr csr = {N, off, nb, w};
    rc_perm_options opt = {499, 11, RC_ALT_DIRECTED};
    for (int level = 0; level <= 2; level++) {
        out[level] = malloc(N * sizeof **out);
        assert_non_null(out[level]);
        rc_lisa_set_simd(level);
        assert_int_equal(rc_local_moran(out[level], y, &csr, &opt, NULL), RC_OK);
    }
    rc_lisa_set_simd(-1);
    assert_memory_equal(out[0], out[1], N * sizeof **out);
    assert_memory_equal(out[0], out[2], N * sizeof **out);
    for (int level = 0; level <= 2; level++)
        free(out[level]);
    free(off), free(nb), free(w), free(y);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_local_moran_lattice),
        cmocka_unit_test(test_local_g_lattice),
        cmocka_unit_test(test_local_g_esda_doc_example),
        cmocka_unit_test(test_china_2019),
        cmocka_unit_test(test_us_states_spdep),
        cmocka_unit_test(test_conditional_permutation_exact),
        cmocka_unit_test(test_thread_invariance),
        cmocka_unit_test(test_p_adjust_r),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_bulk_draws_equal_single_draws),
        cmocka_unit_test(test_simd_levels_identical),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
