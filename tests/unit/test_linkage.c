/* Linkage kernels against the worked example of ../shared/methods/06-linkage.md §6 (five
 * cities; values printed to 10 significant digits there, network measures = igraph 1.3.5),
 * great-circle distances against closed forms, and binarisation/core–periphery/field
 * strength edge cases computed by hand (noted at each test). */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/distance.h"
#include "regcoord/linkage.h"

#define EX 1e-9
#define N5 5

static const double P5[N5] = {900, 500, 300, 650, 200};
static const double G5[N5] = {9000, 4200, 2100, 5200, 1100};
static const double X5[N5] = {0, 120, 200, 60, 260};
static const double Y5[N5] = {0, 40, -30, 150, 120};

static void example_matrix(double *D, double *R)
{
    assert_int_equal(rc_distance_matrix(D, X5, Y5, N5, RC_DIST_EUCLIDEAN, NULL), RC_OK);
    assert_int_equal(rc_gravity(R, G5, P5, D, N5, 2, RC_GRAVITY_MODIFIED, NULL), RC_OK);
}

static void test_distances(void **state)
{
    (void)state;
    double D[25], R[25];
    example_matrix(D, R);
    /* D_AB … D_DE from the methods file. */
    assert_rel(D[0 * 5 + 1], 126.4911064, EX);
    assert_rel(D[0 * 5 + 4], 286.3564213, EX);
    assert_rel(D[1 * 5 + 2], 106.3014581, EX);
    assert_rel(D[3 * 5 + 4], 202.2374842, EX);
    assert_rel(D[4 * 5 + 3], 202.2374842, EX);
    /* Great circle: a quarter of the equator is πR/2, one degree of a meridian πR/180. */
    assert_rel(rc_great_circle_km(0, 0, 90, 0), M_PI * RC_EARTH_RADIUS_KM / 2, 1e-14);
    assert_rel(rc_great_circle_km(10, 0, 10, 1), M_PI * RC_EARTH_RADIUS_KM / 180, 1e-12);
    /* Antipodes: πR (the clamp keeps asin's argument in range). */
    assert_rel(rc_great_circle_km(0, 0, 180, 0), M_PI * RC_EARTH_RADIUS_KM, 1e-14);
    double lon[] = {116.4, 121.5}, lat[] = {39.9, 31.2}, d[4];
    assert_int_equal(rc_distance_matrix(d, lon, lat, 2, RC_DIST_GREAT_CIRCLE, NULL), RC_OK);
    assert_rel(d[1], rc_great_circle_km(116.4, 39.9, 121.5, 31.2), 1e-15);
    assert_true(d[1] > 1000 && d[1] < 1100); /* Beijing–Shanghai ≈ 1,068 km */
    rc_error err;
    double same_x[] = {1, 1}, same_y[] = {2, 2};
    assert_int_equal(rc_distance_matrix(d, same_x, same_y, 2, RC_DIST_EUCLIDEAN, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "points 0 and 1 coincide"));
    double bad_lat[] = {10, 95};
    assert_int_equal(rc_distance_matrix(d, lon, bad_lat, 2, RC_DIST_GREAT_CIRCLE, &err), RC_EINPUT);
}

static void test_gravity_worked_example(void **state)
{
    (void)state;
    static const double want[25] = {
        0, 175.7521928, 44.78256932, 127.0616578, 14.50644959,
        82.01768999, 0, 67.85943190, 75.82104781, 20.71672307,
        10.44926617, 33.92971595, 0, 8.072753951, 9.360745207,
        73.41340227, 93.87367825, 19.98967645, 0, 17.40240120,
        1.773010505, 5.425808422, 4.903247489, 3.681277176, 0};
    static const double rows[N5] = {362.1028695, 246.4148928, 61.81248128, 204.6791582,
                                    15.78334359};
    double D[25], R[25], F[25];
    example_matrix(D, R);
    for (int k = 0; k < 25; k++)
        if (want[k] == 0)
            assert_abs(R[k], 0, 0);
        else
            assert_rel(R[k], want[k], EX);
    for (int i = 0; i < N5; i++) {
        double s = 0;
        for (int j = 0; j < N5; j++)
            s += R[i * 5 + j];
        assert_rel(s, rows[i], EX);
    }
    size_t empty;
    rc_linkage_membership(F, R, N5, &empty);
    assert_int_equal(empty, 0);
    assert_rel(F[1], 0.4853653689, EX);
    assert_rel(F[2], 0.1236736107, EX);
    assert_rel(F[3], 0.3508993396, EX);
    assert_rel(F[4], 0.04006168083, EX);
    /* R_ij + R_ji is the classic symmetric strength; symmetrising halves it. */
    double C[25];
    assert_int_equal(rc_gravity(C, G5, P5, D, N5, 2, RC_GRAVITY_CLASSIC, NULL), RC_OK);
    assert_rel(R[1] + R[5], C[1], 1e-14);
    rc_linkage_symmetrise(R, N5);
    assert_rel(R[1], C[1] / 2, 1e-14);
    assert_rel(R[5], C[1] / 2, 1e-14);
}

static void test_network_worked_example(void **state)
{
    (void)state;
    static const unsigned char want_a[25] = {0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0,
                                             0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0};
    double D[25], R[25];
    unsigned char a[25];
    example_matrix(D, R);
    rc_binarize_spec spec;
    assert_int_equal(rc_binarize_spec_parse(&spec, "rowmean", NULL), RC_OK);
    assert_int_equal(rc_linkage_binarize(a, R, N5, &spec, NULL), RC_OK);
    assert_memory_equal(a, want_a, 25);
    double od[5], id[5], co[5], ci[5], b[5];
    rc_network net = {.out_degree = od, .in_degree = id, .closeness_out = co,
                      .closeness_in = ci, .betweenness = b};
    assert_int_equal(rc_network_measures(&net, a, N5, NULL), RC_OK);
    assert_int_equal(net.links, 10);
    assert_rel(net.density, 0.5, 1e-15);
    assert_int_equal(net.links_undirected, 6); /* A–B, A–D, B–C, B–D, B–E, C–E */
    assert_rel(net.density_undirected, 0.6, 1e-15);
    static const double wod[] = {0.5, 0.75, 0.25, 0.5, 0.5}, wid[] = {0.5, 1, 0.5, 0.5, 0};
    static const double wco[] = {0.75, 1, 0.6, 0.75, 0.6666666667};
    static const double wci[] = {0.6666666667, 1, 0.6666666667, 0.6666666667, NAN};
    static const double wb[] = {0, 0.5, 0, 0, 0};
    for (int i = 0; i < N5; i++) {
        assert_rel(od[i], wod[i], 1e-15);
        assert_abs(id[i], wid[i], 1e-15);
        assert_rel(co[i], wco[i], EX);
        if (isnan(wci[i]))
            assert_true(isnan(ci[i]));
        else
            assert_rel(ci[i], wci[i], EX);
        assert_abs(b[i], wb[i], 1e-15);
    }
    assert_int_equal(net.closeness_in_undefined, 1); /* nothing reaches E */
    assert_int_equal(net.closeness_out_undefined, 0);
    /* E has no in-links, everything else is mutually reachable: 2 strong, 1 weak component. */
    assert_int_equal(net.weak_components, 1);
    assert_int_equal(net.strong_components, 2);
    /* Freeman out-degree centralisation by hand: Σ (3 − deg_out) = 1+0+2+1+1 = 5 over the
     * directed star's (n − 1)² = 16; in-degree: Σ (4 − deg_in) = 2+0+2+2+4 = 10 over 16;
     * betweenness: Σ (0.5 − b_i) = 2 over the star's n − 1 = 4 (normalised units). */
    assert_rel(net.centralization_out_degree, 5.0 / 16.0, 1e-15);
    assert_rel(net.centralization_in_degree, 10.0 / 16.0, 1e-15);
    assert_rel(net.centralization_betweenness, 0.5, 1e-15);
}

static void test_core_periphery_worked_example(void **state)
{
    (void)state;
    double D[25], R[25], c[5], fit;
    unsigned char a[25];
    int core[5];
    size_t k;
    example_matrix(D, R);
    rc_binarize_spec spec = {RC_BIN_ROWMEAN, 0};
    assert_int_equal(rc_linkage_binarize(a, R, N5, &spec, NULL), RC_OK);
    assert_int_equal(rc_core_periphery(c, core, &k, &fit, a, N5, NULL), RC_OK);
    const double s13 = 1 / sqrt(13.0);
    static const double want[] = {1, 3, 1, 1, 1};
    for (int i = 0; i < N5; i++)
        assert_rel(c[i], want[i] * s13, 1e-11);
    /* Discrete search by hand: order B, A, C, D, E; k = 2 (core {B, A}) and k = 3 both give
     * r = 2/sqrt(12) from the pair counts, and the tie keeps the smaller core. */
    assert_int_equal(k, 2);
    assert_rel(fit, 2 / sqrt(12.0), 1e-14);
    static const int want_core[] = {1, 1, 0, 0, 0};
    assert_memory_equal(core, want_core, sizeof want_core);
    /* No links: coreness not defined, no core. */
    unsigned char none[25] = {0};
    assert_int_equal(rc_core_periphery(c, core, &k, &fit, none, N5, NULL), RC_OK);
    assert_true(isnan(c[0]) && isnan(fit));
    assert_int_equal(k, 0);
}

static void test_field_strength_worked_example(void **state)
{
    (void)state;
    double D[25], R[25], E[10], margin[5];
    size_t assign[5];
    example_matrix(D, R);
    const size_t poles[] = {0, 3};
    const double Z[] = {1, 5200.0 / 9000.0}; /* Z = G / max G */
    assert_int_equal(rc_field_strength(E, assign, margin, Z, poles, 2, D, N5, 2, NULL), RC_OK);
    assert_rel(E[0 * 5 + 1], 6.25e-05, EX);
    assert_rel(E[1 * 5 + 1], 3.680113234e-05, EX);
    assert_rel(E[0 * 5 + 2], 2.444987775e-05, EX);
    assert_rel(E[1 * 5 + 2], 1.111111111e-05, EX);
    assert_rel(E[0 * 5 + 4], 1.219512195e-05, EX);
    assert_rel(E[1 * 5 + 4], 1.412659603e-05, EX);
    assert_true(isnan(E[0]) && isnan(E[1 * 5 + 3]));
    assert_int_equal(assign[1], 0); /* B → A */
    assert_int_equal(assign[2], 0); /* C → A */
    assert_int_equal(assign[4], 1); /* E → D */
    assert_int_equal(assign[0], 0);
    assert_int_equal(assign[3], 1);
    assert_rel(margin[1], 6.25e-05 / 3.680113234e-05, EX);
    assert_true(isnan(margin[0]));
    rc_error err;
    const double Zbad[] = {1, 0};
    assert_int_equal(rc_field_strength(E, assign, margin, Zbad, poles, 2, D, N5, 2, &err), RC_EINPUT);
}

/* Other thresholds on the worked example, by hand from the R matrix above. */
static void test_binarize_variants(void **state)
{
    (void)state;
    double D[25], R[25];
    unsigned char a[25];
    example_matrix(D, R);
    rc_binarize_spec spec;
    /* topk:1 — each row's largest: A→B, B→A, C→B, D→B, E→B. */
    assert_int_equal(rc_binarize_spec_parse(&spec, "topk:1", NULL), RC_OK);
    assert_int_equal(rc_linkage_binarize(a, R, N5, &spec, NULL), RC_OK);
    static const unsigned char top1[25] = {0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0,
                                           0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0};
    assert_memory_equal(a, top1, 25);
    /* value:75 — R ≥ 75: A→B, A→D, B→A, B→D, D→B. */
    assert_int_equal(rc_binarize_spec_parse(&spec, "75", NULL), RC_OK);
    assert_int_equal(rc_linkage_binarize(a, R, N5, &spec, NULL), RC_OK);
    size_t L = 0;
    for (int k = 0; k < 25; k++)
        L += a[k];
    assert_int_equal(L, 5);
    assert_true(a[1] && a[3] && a[5] && a[8] && a[16]);
    /* global:0.5 — the median of the 20 off-diagonal values is the mean of the 10th and
     * 11th smallest, (19.98967645 + 20.71672307)/2, so exactly 10 links. */
    assert_int_equal(rc_binarize_spec_parse(&spec, "global:0.5", NULL), RC_OK);
    assert_int_equal(rc_linkage_binarize(a, R, N5, &spec, NULL), RC_OK);
    L = 0;
    for (int k = 0; k < 25; k++)
        L += a[k];
    assert_int_equal(L, 10);
    assert_true(a[17] == 0 && a[9] == 1); /* D→C 19.99 out, B→E 20.72 in */
    /* global:1 keeps only the maximum, global:0 everything positive. */
    spec = (rc_binarize_spec){RC_BIN_QUANTILE, 1};
    assert_int_equal(rc_linkage_binarize(a, R, N5, &spec, NULL), RC_OK);
    L = 0;
    for (int k = 0; k < 25; k++)
        L += a[k];
    assert_int_equal(L, 1);
    rc_error err;
    assert_int_equal(rc_binarize_spec_parse(&spec, "global:1.5", &err), RC_EUSAGE);
    assert_int_equal(rc_binarize_spec_parse(&spec, "topk:0", &err), RC_EUSAGE);
    assert_int_equal(rc_binarize_spec_parse(&spec, "mean", &err), RC_EUSAGE);
}

static void test_gravity_bad_input(void **state)
{
    (void)state;
    double D[25], R[25];
    example_matrix(D, R);
    rc_error err;
    double G[5] = {9000, 0, 0, 5200, 1100};
    assert_int_equal(rc_gravity(R, G, P5, D, N5, 2, RC_GRAVITY_MODIFIED, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "regions 1 and 2 both have GDP mass 0"));
    /* The classic model has no k and accepts zero masses. */
    assert_int_equal(rc_gravity(R, G, P5, D, N5, 2, RC_GRAVITY_CLASSIC, &err), RC_OK);
    G[1] = -1;
    assert_int_equal(rc_gravity(R, G, P5, D, N5, 2, RC_GRAVITY_CLASSIC, &err), RC_EINPUT);
    D[7] = 0;
    assert_int_equal(rc_gravity(R, G5, P5, D, N5, 2, RC_GRAVITY_MODIFIED, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "regions 1 and 2"));
    unsigned char a[4] = {0, 1, 1, 0};
    rc_network net = {0};
    assert_int_equal(rc_network_measures(&net, a, 2, &err), RC_EINSUFFICIENT);
}

/* A distance table: one direction enough, missing pairs and bad values named. */
static void test_distance_table(void **state)
{
    (void)state;
    char path[] = "/tmp/rc_test_distXXXXXX.csv";
    int fd = mkstemps(path, 4);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    fputs("from,to,value\nA,B,10\nB,A,12\nA,C,5\nC,B,7\nX,A,3\nA,A,0\n", fp);
    fclose(fp);
    const char *ids[] = {"A", "B", "C"};
    double d[9];
    size_t unknown;
    assert_int_equal(rc_distance_matrix_read(d, ids, 3, path, &unknown, NULL), RC_OK);
    assert_int_equal(unknown, 1);
    assert_abs(d[1], 10, 0);
    assert_abs(d[3], 12, 0); /* asymmetric travel times are kept */
    assert_abs(d[6], 5, 0);  /* C → A from A → C */
    assert_abs(d[5], 7, 0);  /* B → C from C → B */
    assert_abs(d[4], 0, 0);
    const char *ids4[] = {"A", "B", "C", "D"};
    double d4[16];
    rc_error err;
    assert_int_equal(rc_distance_matrix_read(d4, ids4, 4, path, NULL, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "no distance between A and D"));
    fp = fopen(path, "w");
    fputs("from,to,value\nA,B,10\nA,C,-5\nB,C,1\n", fp);
    fclose(fp);
    assert_int_equal(rc_distance_matrix_read(d, ids, 3, path, NULL, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, ":3: distance A → C is '-5'"));
    fp = fopen(path, "w");
    fputs("from,to,value\nA,B,10\nA,B,11\n", fp);
    fclose(fp);
    assert_int_equal(rc_distance_matrix_read(d, ids, 3, path, NULL, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "given twice"));
    remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_distances),
        cmocka_unit_test(test_gravity_worked_example),
        cmocka_unit_test(test_network_worked_example),
        cmocka_unit_test(test_core_periphery_worked_example),
        cmocka_unit_test(test_field_strength_worked_example),
        cmocka_unit_test(test_binarize_variants),
        cmocka_unit_test(test_gravity_bad_input),
        cmocka_unit_test(test_distance_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
