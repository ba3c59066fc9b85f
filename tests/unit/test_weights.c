/* Spatial weights against their references:
 * - ../shared/methods/03-spatial.md §1 worked examples (five points: knn:2, band 2.0, inverse
 *   distance with band 3.5; the 2 × 2 grid's queen and rook; lattice S0/S1/S2);
 * - PySAL libpysal 4.7.0 on the bundled US states (tests/reference/weights/make_reference.py:
 *   Queen, Rook, KNN k=4 and DistanceBand 800 km on great-circle distances, inverse distance
 *   α = 1.5 row-standardised, the variance-stabilising transformation of lat2W(3, 3));
 * - ../shared/data/china_provinces/geo: queen and rook GAL files (68 pairs, Hainan an island)
 *   rebuilt from the province GeoJSON.
 * Plus GAL/GWT round trips and the readers' error messages. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "regcoord/weights.h"

/* 1 when a and b have the same ids and the same neighbour sets (by id). */
static int same_neighbours(const rc_weights *a, const rc_weights *b)
{
    if (a->n != b->n) {
        fprintf(stderr, "n: %zu vs %zu\n", a->n, b->n);
        return 0;
    }
    for (size_t i = 0; i < a->n; i++) {
        size_t j = rc_weights_find(b, a->ids[i]);
        if (j == SIZE_MAX) {
            fprintf(stderr, "region %s missing\n", a->ids[i]);
            return 0;
        }
        size_t ka = a->offsets[i + 1] - a->offsets[i], kb = b->offsets[j + 1] - b->offsets[j];
        if (ka != kb) {
            fprintf(stderr, "region %s: %zu vs %zu neighbours\n", a->ids[i], ka, kb);
            return 0;
        }
        for (size_t e = a->offsets[i]; e < a->offsets[i + 1]; e++) {
            const char *nb = a->ids[a->neighbours[e]];
            int found = 0;
            for (size_t f = b->offsets[j]; f < b->offsets[j + 1] && !found; f++)
                found = !strcmp(b->ids[b->neighbours[f]], nb);
            if (!found) {
                fprintf(stderr, "region %s: neighbour %s only on one side\n", a->ids[i], nb);
                return 0;
            }
        }
    }
    return 1;
}

/* Neighbour indices of row i as a string "1,3". */
static void row_string(char *buf, size_t size, const rc_weights *w, size_t i)
{
    buf[0] = 0;
    for (size_t e = w->offsets[i]; e < w->offsets[i + 1]; e++)
        snprintf(buf + strlen(buf), size - strlen(buf), "%s%zu", e > w->offsets[i] ? "," : "",
                 w->neighbours[e]);
}

static double weight_of(const rc_weights *w, size_t i, size_t j)
{
    for (size_t e = w->offsets[i]; e < w->offsets[i + 1]; e++)
        if (w->neighbours[e] == j)
            return w->values[e];
    return NAN;
}

/* methods/03 §1: points 0:(0,0), 1:(1,0), 2:(3,0), 3:(0,2), 4:(4,3). */
static rc_points *five_points(void)
{
    static char *ids[] = {"0", "1", "2", "3", "4"};
    static double x[] = {0, 1, 3, 0, 4}, y[] = {0, 0, 0, 2, 3};
    static rc_points p;
    p.n = 5, p.ids = ids, p.x = x, p.y = y, p.geographic = 0;
    return &p;
}

static void test_methods_points(void **state)
{
    (void)state;
    rc_weights *w;
    char buf[64];
    /* knn:2 → 0:{1,3}, 1:{0,2}, 2:{1,0}, 3:{0,1}, 4:{2,3} */
    assert_int_equal(rc_weights_knn(&w, five_points(), 2, NULL), RC_OK);
    const char *knn[] = {"1,3", "0,2", "0,1", "0,1", "2,3"};
    for (size_t i = 0; i < 5; i++) {
        row_string(buf, sizeof buf, w, i);
        assert_string_equal(buf, knn[i]);
    }
    rc_weights_free(w);
    /* band 2.0 → 0:{1,3}, 1:{0,2}, 2:{1}, 3:{0}, 4:{} (island; 2.0 exactly is included) */
    assert_int_equal(rc_weights_distance(&w, five_points(), 2.0, 0.0, NULL), RC_OK);
    const char *band[] = {"1,3", "0,2", "1", "0", ""};
    for (size_t i = 0; i < 5; i++) {
        row_string(buf, sizeof buf, w, i);
        assert_string_equal(buf, band[i]);
    }
    rc_weights_summary s;
    assert_int_equal(rc_weights_summarize(&s, w, NULL), RC_OK);
    assert_int_equal(s.islands, 1);
    assert_int_equal(s.components, 2);
    /* Row-standardising keeps the island's row empty: no division by zero. */
    assert_int_equal(rc_weights_transform(w, 'r', NULL), RC_OK);
    assert_int_equal(w->offsets[5] - w->offsets[4], 0);
    rc_weights_free(w);
    /* inverse distance, band 3.5: row 0 = {1: 1, 2: 1/3, 3: 0.5} → R {0.5454545455, …} */
    assert_int_equal(rc_weights_distance(&w, five_points(), 3.5, 1.0, NULL), RC_OK);
    assert_rel(weight_of(w, 0, 1), 1.0, 1e-12);
    assert_rel(weight_of(w, 0, 2), 0.3333333333, 1e-9);
    assert_rel(weight_of(w, 0, 3), 0.5, 1e-12);
    assert_rel(weight_of(w, 1, 3), 0.4472135955, 1e-9);
    assert_int_equal(rc_weights_transform(w, 'R', NULL), RC_OK);
    assert_rel(weight_of(w, 0, 1), 0.5454545455, 1e-9);
    assert_rel(weight_of(w, 0, 2), 0.1818181818, 1e-9);
    assert_rel(weight_of(w, 0, 3), 0.2727272727, 1e-9);
    assert_rel(weight_of(w, 1, 0), 0.5135543437, 1e-9);
    assert_rel(weight_of(w, 1, 2), 0.2567771718, 1e-9);
    assert_rel(weight_of(w, 1, 3), 0.2296684845, 1e-9);
    rc_weights_free(w);
    /* knn needs K < n; coincident points are an error for inverse distance */
    rc_error err;
    assert_int_equal(rc_weights_knn(&w, five_points(), 5, &err), RC_EUSAGE);
    double x2[] = {0, 0, 1}, y2[] = {0, 0, 1};
    char *ids2[] = {"a", "b", "c"};
    rc_points dup = {3, ids2, x2, y2, 0};
    assert_int_equal(rc_weights_distance(&w, &dup, 5.0, 1.0, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "same location"));
}

/* 3 × 3 rook lattice built from links (libpysal lat2W(3, 3, rook=True)). */
static rc_weights *lattice(void)
{
    const char *ids[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8"};
    size_t from[24], to[24], m = 0;
    for (size_t r = 0; r < 3; r++)
        for (size_t c = 0; c < 3; c++) {
            size_t i = 3 * r + c;
            if (c < 2)
                from[m] = i, to[m++] = i + 1, from[m] = i + 1, to[m++] = i;
            if (r < 2)
                from[m] = i, to[m++] = i + 3, from[m] = i + 3, to[m++] = i;
        }
    rc_weights *w;
    assert_int_equal(rc_weights_from_links(&w, 9, ids, from, to, NULL, m, NULL), RC_OK);
    return w;
}

static void test_lattice_transformations(void **state)
{
    (void)state;
    rc_weights *w = lattice();
    rc_weights_summary s;
    /* methods/03 "Test lattice": binary S0 = 24, S1 = 48, S2 = 272 */
    assert_int_equal(rc_weights_transform(w, 'B', NULL), RC_OK);
    assert_int_equal(rc_weights_summarize(&s, w, NULL), RC_OK);
    assert_rel(s.s0, 24, 1e-15);
    assert_rel(s.s1, 48, 1e-15);
    assert_rel(s.s2, 272, 1e-15);
    assert_int_equal(s.components, 1);
    assert_true(s.symmetric);
    /* row-standardised: S0 = 9, S1 = 6.916666667, S2 = 36.80555556 */
    assert_int_equal(rc_weights_transform(w, 'R', NULL), RC_OK);
    assert_int_equal(rc_weights_summarize(&s, w, NULL), RC_OK);
    assert_rel(s.s0, 9, 1e-14);
    assert_rel(s.s1, 6.916666667, 1e-9);
    assert_rel(s.s2, 36.80555556, 1e-9);
    /* variance-stabilising: libpysal transform "V" (tests/reference/weights/lattice_v.csv) */
    assert_int_equal(rc_weights_transform(w, 'v', NULL), RC_OK);
    assert_int_equal(rc_weights_summarize(&s, w, NULL), RC_OK);
    assert_rel(s.s0, 8.9999999999999982, 1e-13);
    assert_rel(s.s1, 6.7935538046744171, 1e-13);
    assert_rel(s.s2, 37.372784458382633, 1e-13);
    rc_error err;
    assert_int_equal(rc_weights_transform(w, 'x', &err), RC_EUSAGE);
    rc_weights_free(w);
}

static void test_symmetrize_and_subset(void **state)
{
    (void)state;
    rc_weights *w;
    /* knn:1 on the five points: 0→1, 1→0, 2→1, 3→0, 4→2: symmetrised adds 1→2, 0→3, 2→4 */
    assert_int_equal(rc_weights_knn(&w, five_points(), 1, NULL), RC_OK);
    rc_weights_summary s;
    assert_int_equal(rc_weights_summarize(&s, w, NULL), RC_OK);
    assert_false(s.binary_symmetric);
    assert_int_equal(rc_weights_symmetrize(w, NULL), RC_OK);
    assert_int_equal(rc_weights_summarize(&s, w, NULL), RC_OK);
    assert_true(s.binary_symmetric);
    assert_int_equal(s.links, 8);
    char buf[64];
    row_string(buf, sizeof buf, w, 1);
    assert_string_equal(buf, "0,2");
    /* subset {4, 2, 1}: links among them only, in the new order */
    size_t keep[] = {4, 2, 1};
    rc_weights *sub;
    assert_int_equal(rc_weights_subset(&sub, w, keep, 3, NULL), RC_OK);
    assert_int_equal(sub->n, 3);
    assert_string_equal(sub->ids[0], "4");
    row_string(buf, sizeof buf, sub, 1); /* region 2: neighbours 4 and 1 → new 0 and 2 */
    assert_string_equal(buf, "0,2");
    rc_weights_free(sub);
    rc_weights_free(w);
}

static void test_grid_contiguity(void **state)
{
    (void)state;
    char *path = rc_test_data_path("weights/grid2x2.geojson");
    rc_weights *q, *r;
    assert_int_equal(rc_weights_contiguity(&q, path, "id", RC_QUEEN, 0, NULL), RC_OK);
    assert_int_equal(rc_weights_contiguity(&r, path, "id", RC_ROOK, 0, NULL), RC_OK);
    char buf[64];
    const char *queen[] = {"1,2,3", "0,2,3", "0,1,3", "0,1,2"};
    const char *rook[] = {"1,2", "0,3", "0,3", "1,2"};
    for (size_t i = 0; i < 4; i++) {
        row_string(buf, sizeof buf, q, i);
        assert_string_equal(buf, queen[i]);
        row_string(buf, sizeof buf, r, i);
        assert_string_equal(buf, rook[i]);
    }
    assert_string_equal(q->ids[3], "D");
    rc_weights_free(q), rc_weights_free(r);
    rc_error err;
    assert_int_equal(rc_weights_contiguity(&q, path, "nope", RC_QUEEN, 0, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "no field 'nope'"));
    free(path);
}

static rc_weights *read_ref(const char *name)
{
    char *path = rc_test_ref_path(name);
    rc_weights *w;
    assert_int_equal(rc_weights_read_gal(&w, path, NULL), RC_OK);
    free(path);
    return w;
}

static void test_us_states_libpysal(void **state)
{
    (void)state;
    char *shp = rc_test_data_path("us_income/us48.shp");
    rc_weights *w, *ref;
    assert_int_equal(rc_weights_contiguity(&w, shp, "STATE_FIPS", RC_QUEEN, 0, NULL), RC_OK);
    ref = read_ref("weights/us48_queen.gal");
    assert_true(same_neighbours(w, ref));
    rc_weights_free(w), rc_weights_free(ref);
    assert_int_equal(rc_weights_contiguity(&w, shp, "STATE_FIPS", RC_ROOK, 0, NULL), RC_OK);
    ref = read_ref("weights/us48_rook.gal");
    assert_true(same_neighbours(w, ref));
    rc_weights_free(w), rc_weights_free(ref);

    rc_points *p;
    assert_int_equal(rc_points_read(&p, shp, "STATE_FIPS", NULL), RC_OK);
    assert_true(p->geographic); /* no .prj: lon/lat by extent */
    assert_int_equal(rc_weights_knn(&w, p, 4, NULL), RC_OK);
    ref = read_ref("weights/us48_knn4_arc.gal");
    assert_true(same_neighbours(w, ref));
    rc_weights_free(w), rc_weights_free(ref);
    assert_int_equal(rc_weights_distance(&w, p, 800, 0, NULL), RC_OK);
    ref = read_ref("weights/us48_band800_arc.gal");
    assert_true(same_neighbours(w, ref));
    rc_weights_free(w), rc_weights_free(ref);

    /* inverse distance α = 1.5 within 800 km, row-standardised */
    assert_int_equal(rc_weights_distance(&w, p, 800, 1.5, NULL), RC_OK);
    assert_int_equal(rc_weights_transform(w, 'r', NULL), RC_OK);
    char *csv = rc_test_ref_path("weights/us48_idw_arc.csv");
    FILE *fp = fopen(csv, "r");
    assert_non_null(fp);
    char line[256], a[32], b[32];
    double v;
    int rows = 0;
    assert_non_null(fgets(line, sizeof line, fp)); /* header */
    while (fgets(line, sizeof line, fp) && sscanf(line, "%31[^,],%31[^,],%lf", a, b, &v) == 3) {
        size_t i = rc_weights_find(w, a), j = rc_weights_find(w, b);
        assert_true(i != SIZE_MAX && j != SIZE_MAX);
        assert_rel(weight_of(w, i, j), v, 1e-9);
        rows++;
    }
    assert_int_equal(rows, 40);
    fclose(fp);
    free(csv);
    rc_weights_free(w);
    rc_points_free(p);
    free(shp);
}

static void test_china_contiguity(void **state)
{
    (void)state;
    char *geo = rc_test_shared_path("data/china_provinces/geo/china_provinces_31.geojson");
    char *qgal = rc_test_shared_path("data/china_provinces/geo/china_provinces_queen.gal");
    char *rgal = rc_test_shared_path("data/china_provinces/geo/china_provinces_rook.gal");
    if (!geo || !qgal || !rgal) {
        free(geo), free(qgal), free(rgal);
        skip();
    }
    rc_weights *w, *ref;
    rc_weights_summary s;
    assert_int_equal(rc_weights_contiguity(&w, geo, "region_id", RC_QUEEN, 0, NULL), RC_OK);
    assert_int_equal(rc_weights_read_gal(&ref, qgal, NULL), RC_OK);
    assert_true(same_neighbours(w, ref));
    assert_int_equal(rc_weights_summarize(&s, w, NULL), RC_OK);
    assert_int_equal(s.links, 2 * 68);
    assert_int_equal(s.islands, 1); /* Hainan */
    assert_int_equal(s.components, 2);
    assert_string_equal(w->ids[rc_weights_find(w, "460000")], "460000");
    assert_int_equal(w->offsets[rc_weights_find(w, "460000") + 1] - w->offsets[rc_weights_find(w, "460000")], 0);
    rc_weights_free(w), rc_weights_free(ref);
    assert_int_equal(rc_weights_contiguity(&w, geo, "region_id", RC_ROOK, 0, NULL), RC_OK);
    assert_int_equal(rc_weights_read_gal(&ref, rgal, NULL), RC_OK);
    assert_true(same_neighbours(w, ref));
    rc_weights_free(w), rc_weights_free(ref);
    free(geo), free(qgal), free(rgal);
}

static void test_round_trip(void **state)
{
    (void)state;
    rc_weights *w, *back;
    assert_int_equal(rc_weights_distance(&w, five_points(), 2.0, 2.0, NULL), RC_OK);
    char gal[] = "/tmp/rc_test_weightsXXXXXX";
    int fd = mkstemp(gal);
    assert_true(fd >= 0);
    close(fd);
    char galp[64], gwtp[64];
    snprintf(galp, sizeof galp, "%s.gal", gal);
    snprintf(gwtp, sizeof gwtp, "%s.gwt", gal);
    assert_int_equal(rc_weights_write(w, galp, "id", NULL), RC_OK);
    assert_int_equal(rc_weights_write(w, gwtp, "id", NULL), RC_OK);
    assert_int_equal(rc_weights_read(&back, galp, NULL), RC_OK);
    assert_true(same_neighbours(w, back));
    assert_rel(back->original[0], 1.0, 0); /* GAL is binary */
    rc_weights_free(back);
    assert_int_equal(rc_weights_read(&back, gwtp, NULL), RC_OK);
    /* GWT cannot name island 4 (no link): the other four regions come back, weights exact */
    assert_int_equal(back->n, 4);
    for (size_t i = 0; i < back->n; i++) {
        size_t wi = rc_weights_find(w, back->ids[i]);
        for (size_t e = back->offsets[i]; e < back->offsets[i + 1]; e++) {
            size_t wj = rc_weights_find(w, back->ids[back->neighbours[e]]);
            assert_true(weight_of(w, wi, wj) == back->original[e]);
        }
    }
    rc_weights_free(back);
    rc_weights_free(w);
    unlink(gal), unlink(galp), unlink(gwtp);
}

static void expect_read_error(const char *file, const char *needle)
{
    char *path = rc_test_data_path(file);
    rc_weights *w = (rc_weights *)1;
    rc_error err;
    int rc = rc_weights_read(&w, path, &err);
    assert_int_equal(rc, RC_EINPUT);
    assert_null(w);
    if (!strstr(err.message, needle)) {
        fprintf(stderr, "message '%s' lacks '%s'\n", err.message, needle);
        fail();
    }
    free(path);
}

static void test_bad_files(void **state)
{
    (void)state;
    expect_read_error("weights/bad_short.gal", "bad_short.gal:5: the file ends here; expected 'id count' for region 3 of 3");
    expect_read_error("weights/bad_unknown.gal", "bad_unknown.gal:3: neighbour 'zz' is not one of the file's regions");
    expect_read_error("weights/bad_count.gal", "bad_count.gal:2: 'one' is not a neighbour count");
    expect_read_error("weights/bad_header.gal", "bad_header.gal:1: not a weights header");
    expect_read_error("weights/bad_line.gwt", "bad_line.gwt:3: expected 'id neighbour weight'");
    rc_weights *w;
    rc_error err;
    assert_int_equal(rc_weights_read(&w, "/nonexistent/x.gal", &err), RC_EIO);
    assert_int_equal(rc_weights_from_spec(&w, "knn:4", NULL, &err), RC_EUSAGE);
    assert_non_null(strstr(err.message, "--geo"));
    assert_int_equal(rc_weights_from_spec(&w, "knn:x", NULL, &err), RC_EUSAGE);
    assert_int_equal(rc_weights_from_spec(&w, "hex:3", NULL, &err), RC_EUSAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_methods_points),
        cmocka_unit_test(test_lattice_transformations),
        cmocka_unit_test(test_symmetrize_and_subset),
        cmocka_unit_test(test_grid_contiguity),
        cmocka_unit_test(test_us_states_libpysal),
        cmocka_unit_test(test_china_contiguity),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_bad_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
