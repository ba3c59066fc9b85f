/* The linkage network of the 31 Chinese provinces in 2019 (gdp, pop, centroid great-circle
 * distances; ../shared/data/china_provinces) against R: base R for distances, gravity and
 * row-mean binarisation, R igraph 1.3.5 for every network measure — values made by
 * tests/reference/linkage/make_reference.R (files china_2019_*.csv), compared to 1e-10. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/distance.h"
#include "regcoord/io.h"
#include "regcoord/linkage.h"
#include "regcoord/panel.h"

#define TOL 1e-10

typedef struct {
    size_t n;
    rc_panel *panel;
    double *D, *R;
    unsigned char *a;
} china;

static int setup(void **state)
{
    char *data = rc_test_shared_path("data/china_provinces/china_provinces_panel.csv");
    char *geo = rc_test_shared_path("data/china_provinces/geo/china_provinces_centroids.csv");
    if (!data || !geo) {
        free(data), free(geo);
        *state = NULL;
        return 0;
    }
    china *c = calloc(1, sizeof *c);
    rc_read_options opt = {0};
    rc_panel *all, *cent;
    assert_int_equal(rc_panel_read(&all, data, &opt, NULL), RC_OK);
    assert_int_equal(rc_panel_select_years(&c->panel, all, 2019, 2019, NULL), RC_OK);
    rc_panel_free(all);
    assert_int_equal(rc_panel_read(&cent, geo, &opt, NULL), RC_OK);
    size_t n = c->n = rc_panel_nregions(c->panel), vg, vp, vx, vy;
    assert_int_equal(n, 31);
    assert_int_equal(rc_panel_find_var(c->panel, "gdp", &vg, NULL), RC_OK);
    assert_int_equal(rc_panel_find_var(c->panel, "pop", &vp, NULL), RC_OK);
    assert_int_equal(rc_panel_find_var(cent, "centroid_lon", &vx, NULL), RC_OK);
    assert_int_equal(rc_panel_find_var(cent, "centroid_lat", &vy, NULL), RC_OK);
    double x[31], y[31];
    for (size_t i = 0; i < n; i++) {
        size_t k;
        assert_int_equal(rc_panel_find_region(cent, rc_panel_region_id(c->panel, i), &k, NULL), RC_OK);
        x[i] = rc_panel_value(cent, vx, k, 0);
        y[i] = rc_panel_value(cent, vy, k, 0);
    }
    rc_panel_free(cent);
    c->D = malloc(n * n * sizeof *c->D);
    c->R = malloc(n * n * sizeof *c->R);
    c->a = malloc(n * n);
    assert_int_equal(rc_distance_matrix(c->D, x, y, n, RC_DIST_GREAT_CIRCLE, NULL), RC_OK);
    assert_int_equal(rc_gravity(c->R, rc_panel_column(c->panel, vg, 0), rc_panel_column(c->panel, vp, 0),
                                c->D, n, 2, RC_GRAVITY_MODIFIED, NULL),
                     RC_OK);
    rc_binarize_spec spec = {RC_BIN_ROWMEAN, 0};
    assert_int_equal(rc_linkage_binarize(c->a, c->R, n, &spec, NULL), RC_OK);
    free(data), free(geo);
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    china *c = *state;
    if (c) {
        rc_panel_free(c->panel);
        free(c->D), free(c->R), free(c->a), free(c);
    }
    return 0;
}

static FILE *open_ref(const char *name)
{
    char *path = rc_test_ref_path(name);
    FILE *fp = fopen(path, "r");
    free(path);
    assert_non_null(fp);
    return fp;
}

/* Strengths and links of every ordered pair (R: from,to,strength,link, ids in row order). */
static void test_matrix_and_links(void **state)
{
    china *c = *state;
    if (!c)
        skip();
    FILE *fp = open_ref("linkage/china_2019_matrix.csv");
    char line[256], from[32], to[32];
    double s;
    int link;
    size_t rows = 0, links = 0;
    assert_non_null(fgets(line, sizeof line, fp));
    while (fgets(line, sizeof line, fp)) {
        assert_int_equal(sscanf(line, "%31[^,],%31[^,],%lf,%d", from, to, &s, &link), 4);
        size_t i, j;
        assert_int_equal(rc_panel_find_region(c->panel, from, &i, NULL), RC_OK);
        assert_int_equal(rc_panel_find_region(c->panel, to, &j, NULL), RC_OK);
        assert_rel(c->R[i * c->n + j], s, TOL);
        assert_int_equal(c->a[i * c->n + j], link);
        rows++;
        links += (size_t)link;
    }
    fclose(fp);
    assert_int_equal(rows, 31 * 30);
    assert_int_equal(links, 247);
}

static void test_nodes(void **state)
{
    china *c = *state;
    if (!c)
        skip();
    size_t n = c->n;
    double od[31], id[31], co[31], ci[31], b[31];
    rc_network net = {.out_degree = od, .in_degree = id, .closeness_out = co,
                      .closeness_in = ci, .betweenness = b};
    assert_int_equal(rc_network_measures(&net, c->a, n, NULL), RC_OK);
    FILE *fp = open_ref("linkage/china_2019_nodes.csv");
    char line[512], region[32];
    double v[7];
    size_t rows = 0, undefined_in = 0;
    assert_non_null(fgets(line, sizeof line, fp));
    while (fgets(line, sizeof line, fp)) {
        assert_int_equal(sscanf(line, "%31[^,],%lf,%lf,%lf,%lf,%lf,%lf,%lf", region, &v[0], &v[1],
                                &v[2], &v[3], &v[4], &v[5], &v[6]),
                         8);
        size_t i;
        assert_int_equal(rc_panel_find_region(c->panel, region, &i, NULL), RC_OK);
        double out = 0, in = 0;
        for (size_t j = 0; j < n; j++)
            out += c->R[i * n + j], in += c->R[j * n + i];
        assert_rel(out, v[0], TOL);
        assert_rel(in, v[1], TOL);
        assert_rel(od[i], v[2], TOL);
        assert_rel(id[i], v[3], TOL);
        /* igraph: NaN when no vertex is reachable ("not defined"). */
        if (isnan(v[4]))
            assert_true(isnan(co[i]));
        else
            assert_rel(co[i], v[4], TOL);
        if (isnan(v[5])) {
            assert_true(isnan(ci[i]));
            undefined_in++;
        } else
            assert_rel(ci[i], v[5], TOL);
        if (v[6] == 0)
            assert_abs(b[i], 0, 1e-15);
        else
            assert_rel(b[i], v[6], TOL);
        rows++;
    }
    fclose(fp);
    assert_int_equal(rows, 31);
    assert_int_equal(net.closeness_in_undefined, undefined_in);
}

static void test_network(void **state)
{
    china *c = *state;
    if (!c)
        skip();
    rc_network net = {0};
    assert_int_equal(rc_network_measures(&net, c->a, c->n, NULL), RC_OK);
    FILE *fp = open_ref("linkage/china_2019_network.csv");
    char line[256], name[64];
    double v;
    size_t seen = 0;
    assert_non_null(fgets(line, sizeof line, fp));
    while (fgets(line, sizeof line, fp)) {
        assert_int_equal(sscanf(line, "%63[^,],%lf", name, &v), 2);
        double got = NAN;
        if (!strcmp(name, "links"))
            got = (double)net.links;
        else if (!strcmp(name, "density"))
            got = net.density;
        else if (!strcmp(name, "weak_components"))
            got = (double)net.weak_components;
        else if (!strcmp(name, "strong_components"))
            got = (double)net.strong_components;
        else if (!strcmp(name, "centralization_out_degree"))
            got = net.centralization_out_degree;
        else if (!strcmp(name, "centralization_in_degree"))
            got = net.centralization_in_degree;
        else if (!strcmp(name, "centralization_betweenness"))
            got = net.centralization_betweenness;
        else
            fail_msg("unknown statistic %s in the reference", name);
        assert_rel(got, v, TOL);
        seen++;
    }
    fclose(fp);
    assert_int_equal(seen, 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matrix_and_links),
        cmocka_unit_test(test_nodes),
        cmocka_unit_test(test_network),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
