/* test_evaluation.c — normalisation, weights, TOPSIS, coupling, grades and obstacle degrees.
 *
 * Expected values: the worked example of ../shared/methods/04-evaluation.md (five regions,
 * six indicators in three subsystems; all figures printed there to 10 significant digits) and
 * the two-subsystem checks of its §5. Hand computations are written out next to their tests. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/evaluation.h"
#include "regcoord/io.h"
#include "regcoord/panel.h"

#define M 5
#define K 6
/* methods/04, worked example: x1..x6, x6 (SO2 per GDP) a cost indicator. */
static const double X[M * K] = {
    9.5, 68.0, 2.8, 25.0, 41.0, 1.2,
    6.1, 57.0, 1.9, 12.0, 38.5, 2.5,
    4.8, 52.0, 1.2, 6.0,  43.0, 3.1,
    7.3, 61.0, 2.1, 15.0, 36.0, 1.9,
    3.9, 48.0, 0.9, 4.0,  39.5, 4.0,
};
static const int DIR[K] = {1, 1, 1, 1, 1, -1};
/* The example prints 10 significant digits. */
#define TOL 2e-9

static void test_minmax(void **state)
{
    (void)state;
    double xn[M * K];
    int cst[K];
    assert_int_equal(rc_minmax(xn, cst, X, DIR, M, K, NULL), RC_OK);
    static const double want[M * K] = {
        1, 1, 1, 1, 0.7142857143, 1,
        0.3928571429, 0.45, 0.5263157895, 0.3809523810, 0.3571428571, 0.5357142857,
        0.1607142857, 0.2, 0.1578947368, 0.09523809524, 1, 0.3214285714,
        0.6071428571, 0.65, 0.6315789474, 0.5238095238, 0, 0.75,
        0, 0, 0, 0, 0.5, 0,
    };
    for (size_t i = 0; i < M * K; i++)
        assert_abs(xn[i], want[i], 1e-10);
    for (size_t j = 0; j < K; j++)
        assert_int_equal(cst[j], 0);
}

static void test_entropy_critic(void **state)
{
    (void)state;
    double xn[M * K], w[K], e[K], sd[K], c[K];
    rc_minmax(xn, NULL, X, DIR, M, K, NULL);
    assert_int_equal(rc_entropy_weights(w, e, xn, NULL, M, K, 1e-4, NULL), RC_OK);
    static const double we[K] = {0.7561784077, 0.7774822486, 0.7687700671, 0.7200584223,
                                 0.8177465648, 0.8136974139};
    static const double ww[K] = {0.1811363140, 0.1653095811, 0.1717819056, 0.2079700368,
                                 0.1353970137, 0.1384051487};
    for (size_t j = 0; j < K; j++) {
        assert_rel(e[j], we[j], TOL);
        assert_rel(w[j], ww[j], TOL);
    }
    assert_int_equal(rc_critic_weights(w, sd, c, xn, NULL, M, K, NULL), RC_OK);
    static const double ws[K] = {0.3921259429, 0.3895510236, 0.3963126441, 0.3964124836,
                                 0.3759342105, 0.3851517061};
    static const double wc[K] = {0.4716252668, 0.4730968647, 0.5029629348, 0.4800502962,
                                 2.218761681, 0.4972937818};
    static const double wcw[K] = {0.1015604028, 0.1018772986, 0.1083086973, 0.1033746597,
                                  0.4777910471, 0.1070878945};
    for (size_t j = 0; j < K; j++) {
        assert_rel(sd[j], ws[j], TOL);
        assert_rel(c[j], wc[j], TOL);
        assert_rel(w[j], wcw[j], TOL);
    }
}

/* Within-subsystem entropy weights: the example's Economy pair (x1, x2). */
static void test_entropy_within(void **state)
{
    (void)state;
    double xn[M * K], sub[M * 2], w[2];
    rc_minmax(xn, NULL, X, DIR, M, K, NULL);
    static const double want[K] = {0.5228415650, 0.4771584350, 0.4523529346, 0.5476470654,
                                   0.4945067363, 0.5054932637};
    for (size_t s = 0; s < 3; s++) {
        for (size_t r = 0; r < M; r++)
            sub[r * 2] = xn[r * K + 2 * s], sub[r * 2 + 1] = xn[r * K + 2 * s + 1];
        assert_int_equal(rc_entropy_weights(w, NULL, sub, NULL, M, 2, 1e-4, NULL), RC_OK);
        assert_rel(w[0], want[2 * s], TOL);
        assert_rel(w[1], want[2 * s + 1], TOL);
    }
}

/* δ = 0: 0·ln 0 := 0. Hand computation for one column x' = (0, 0.5, 1), m = 3:
 * p = (0, 1/3, 2/3), e = −(1/ln 3)(1/3 ln 1/3 + 2/3 ln 2/3). */
static void test_entropy_zero_shift(void **state)
{
    (void)state;
    const double xn[3 * 2] = {0, 1, 0.5, 0, 1, 1};
    double w[2], e[2];
    assert_int_equal(rc_entropy_weights(w, e, xn, NULL, 3, 2, 0.0, NULL), RC_OK);
    double e0 = -(log(1.0 / 3) / 3 + 2 * log(2.0 / 3) / 3) / log(3.0);
    double e1 = -(log(0.5)) / log(3.0); /* p = (1/2, 0, 1/2) */
    assert_rel(e[0], e0, 1e-14);
    assert_rel(e[1], e1, 1e-14);
    assert_rel(w[0], (1 - e0) / (2 - e0 - e1), 1e-14);
}

/* A constant indicator: weight 0 in every method, reported through constant[]. */
static void test_constant_indicator(void **state)
{
    (void)state;
    const double x[4 * 3] = {1, 5, 2, 2, 5, 7, 3, 5, 1, 4, 5, 3};
    const int dir[3] = {1, 1, -1};
    double xn[12], w[3], e[3];
    int cst[3];
    rc_error err;
    assert_int_equal(rc_minmax(xn, cst, x, dir, 4, 3, NULL), RC_OK);
    assert_int_equal(cst[1], 1);
    assert_int_equal(rc_entropy_weights(w, e, xn, cst, 4, 3, 1e-4, NULL), RC_OK);
    assert_true(w[1] == 0 && e[1] == 1);
    assert_abs(w[0] + w[2], 1, 1e-15);
    assert_int_equal(rc_critic_weights(w, NULL, NULL, xn, cst, 4, 3, NULL), RC_OK);
    assert_true(w[1] == 0);
    assert_int_equal(rc_equal_weights(w, cst, 3, NULL), RC_OK);
    assert_true(w[0] == 0.5 && w[1] == 0 && w[2] == 0.5);
    const double given[3] = {1, 3, 3};
    assert_int_equal(rc_given_weights(w, given, cst, 3, NULL), RC_OK);
    assert_true(w[0] == 0.25 && w[1] == 0 && w[2] == 0.75);
    const int all[3] = {1, 1, 1};
    assert_int_equal(rc_entropy_weights(w, e, xn, all, 4, 3, 1e-4, &err), RC_EINSUFFICIENT);
    assert_non_null(strstr(err.message, "every indicator is constant"));
    /* CRITIC with one varying column: weight 1 (no conflict term to sum); perfectly
     * correlated columns: undefined, said so. */
    const int one_varying[3] = {1, 1, 0};
    assert_int_equal(rc_critic_weights(w, NULL, NULL, xn, one_varying, 4, 3, NULL), RC_OK);
    assert_true(w[0] == 0 && w[1] == 0 && w[2] == 1);
    const double twin[3 * 2] = {0, 0, 0.5, 0.5, 1, 1};
    assert_int_equal(rc_critic_weights(w, NULL, NULL, twin, NULL, 3, 2, &err), RC_EINSUFFICIENT);
    assert_non_null(strstr(err.message, "perfectly correlated"));
    const double zero_given[3] = {0, 3, 0};
    assert_int_equal(rc_given_weights(w, zero_given, cst, 3, &err), RC_EINSUFFICIENT);
    assert_non_null(strstr(err.message, "every given weight is 0"));
    assert_int_equal(rc_entropy_weights(w, e, xn, NULL, 1, 3, 1e-4, &err), RC_EINSUFFICIENT);
    const double bad[2 * 3] = {1, NAN, 2, 3, 4, 5};
    assert_int_equal(rc_minmax(xn, cst, bad, dir, 2, 3, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "indicator 1, row 0"));
}

static void test_topsis(void **state)
{
    (void)state;
    double xn[M * K], w[K], c[M], dp[M], dm[M];
    rc_minmax(xn, NULL, X, DIR, M, K, NULL);
    rc_entropy_weights(w, NULL, xn, NULL, M, K, 1e-4, NULL);
    assert_int_equal(rc_topsis(c, dp, dm, xn, w, M, K, NULL), RC_OK);
    static const double wdp[M] = {0.03868486106, 0.2350798472, 0.3251970945, 0.2043380004,
                                  0.3957742465};
    static const double wdm[M] = {0.4017554067, 0.1813411374, 0.1529052498, 0.2409434760,
                                  0.06769850686};
    static const double wc[M] = {0.9121677469, 0.4354755022, 0.3198169840, 0.5411037485,
                                 0.1460679325};
    static const double wv[M] = {0.9836189271, 0.4292951252, 0.1670989834, 0.5800115476,
                                 0.02833112768};
    for (size_t i = 0; i < M; i++) {
        assert_rel(dp[i], wdp[i], TOL);
        assert_rel(dm[i], wdm[i], TOL);
        assert_rel(c[i], wc[i], TOL);
    }
    assert_int_equal(rc_topsis_vector(c, NULL, NULL, X, DIR, w, M, K, NULL), RC_OK);
    for (size_t i = 0; i < M; i++)
        assert_rel(c[i], wv[i], TOL);
    /* All rows identical: closeness undefined. */
    const double same[2 * 2] = {0.5, 0.5, 0.5, 0.5}, w2[2] = {0.5, 0.5};
    rc_error err;
    assert_int_equal(rc_topsis(c, NULL, NULL, same, w2, 2, 2, &err), RC_EINSUFFICIENT);
}

/* methods/04 §5, two-subsystem checks. */
static void test_coupling_two(void **state)
{
    (void)state;
    const double a[2] = {0.8, 0.2}, b[2] = {0.5, 0.5}, c[2] = {0.9, 0.6};
    double C, D, T;
    rc_coupling(&C, a, 2, RC_COUPLING_CLASSIC, 1, NULL);
    assert_abs(C, 0.8, 1e-15);
    rc_coordination(&T, &D, C, a, NULL, 2, NULL);
    assert_rel(D, 0.6324555320, TOL);
    rc_coupling(&C, a, 2, RC_COUPLING_WANG, 1, NULL);
    assert_rel(C, 0.3162277660, TOL);
    rc_coordination(&T, &D, C, a, NULL, 2, NULL);
    assert_rel(D, 0.3976353644, TOL);
    rc_coupling(&C, b, 2, RC_COUPLING_CLASSIC, 1, NULL);
    assert_abs(C, 1, 1e-15);
    rc_coupling(&C, b, 2, RC_COUPLING_WANG, 1, NULL);
    assert_abs(C, 1, 1e-15);
    rc_coordination(&T, &D, C, b, NULL, 2, NULL);
    assert_rel(D, 0.7071067812, TOL);
    rc_coupling(&C, c, 2, RC_COUPLING_CLASSIC, 1, NULL);
    assert_rel(C, 0.9797958971, TOL);
    rc_coupling(&C, c, 2, RC_COUPLING_WANG, 1, NULL);
    assert_rel(C, 0.6831300511, TOL);
    /* Out of [0,1]: an input error, not a clamp. */
    const double bad[2] = {1.2, 0.5};
    rc_error err;
    assert_int_equal(rc_coupling(&C, bad, 2, RC_COUPLING_WANG, 1, &err), RC_EINPUT);
    assert_int_equal(rc_coupling(&C, bad, 2, RC_COUPLING_WANG, 1.25, &err), RC_OK);
    assert_int_equal(rc_coupling(&C, bad, 1, RC_COUPLING_WANG, 1, &err), RC_EINSUFFICIENT);
    const double zero[2] = {0, 0};
    rc_coupling(&C, zero, 2, RC_COUPLING_CLASSIC, 1, NULL);
    assert_true(C == 0);
    rc_coupling(&C, zero, 2, RC_COUPLING_WANG, 1, NULL);
    assert_true(C == 0);
}

/* Grades at and around every threshold (left-closed), and the names. */
static void test_grades(void **state)
{
    (void)state;
    assert_int_equal(rc_coordination_grade(0), 1);
    assert_int_equal(rc_coordination_grade(0.0999999999), 1);
    assert_int_equal(rc_coordination_grade(0.1), 2);
    assert_int_equal(rc_coordination_grade(0.3), 4);  /* floor(10·0.3) would give 2 */
    assert_int_equal(rc_coordination_grade(0.29999999999), 3);
    assert_int_equal(rc_coordination_grade(0.7), 8);
    assert_int_equal(rc_coordination_grade(0.9), 10);
    assert_int_equal(rc_coordination_grade(1.0), 10);
    assert_string_equal(rc_coordination_grade_name(5, 0), "on the verge of imbalance");
    assert_string_equal(rc_coordination_grade_name(10, 1), "优质协调");
    assert_null(rc_coordination_grade_name(0, 0));
    const double u[3] = {0.5, 0.45, 0.3};
    assert_int_equal(rc_lagging_subsystem(u, 3, 0.8), 2);
    assert_int_equal(rc_lagging_subsystem(u, 2, 0.8), RC_NO_LAG); /* 0.45 ≥ 0.8·0.5 */
    const double z[2] = {0, 0};
    assert_int_equal(rc_lagging_subsystem(z, 2, 0.8), RC_NO_LAG);
}

/* The three-subsystem table of the worked example through the whole pipeline. */
static rc_index_system example_system(void)
{
    const char *ind[K] = {"x1", "x2", "x3", "x4", "x5", "x6"};
    const char *sub[K] = {"Economy", "Economy", "Innovation", "Innovation", "Environment",
                          "Environment"};
    rc_index_system s;
    assert_int_equal(rc_index_system_init(&s, ind, sub, DIR, NULL, K, NULL), RC_OK);
    return s;
}

static void test_pipeline_example(void **state)
{
    (void)state;
    rc_index_system s = example_system();
    assert_int_equal(s.nsub, 3);
    static const double U[M][3] = {
        {1, 1, 0.8587123611},
        {0.4201233391, 0.4467079454, 0.4474095114},
        {0.1794597957, 0.1235810109, 0.6569867139},
        {0.6275925044, 0.5725593388, 0.3791199478},
        {0, 0, 0.2472533681},
    };
    static const double T[M] = {0.9529041204, 0.4380802653, 0.3200091735, 0.5264239303,
                                0.08241778938};
    static const double C[M] = {0.9974704379, 0.9995738284, 0.7632428391, 0.9774382694, 0};
    static const double D[M] = {0.9749326593, 0.6617352703, 0.4942111999, 0.7173192423, 0};
    static const int G[M] = {10, 7, 5, 8, 1};
    static const double CW[M] = {0.9161784291, 0.9750144856, 0.3821887678, 0.7870185518, 0};
    static const double DW[M] = {0.9343608511, 0.6535553569, 0.3497197617, 0.6436655958, 0};
    static const int GW[M] = {10, 7, 4, 7, 1};
    static const double TOPSIS[M] = {0.9121677469, 0.4354755022, 0.3198169840, 0.5411037485,
                                     0.1460679325};
    rc_coord_options o;
    rc_coord_options_init(&o);
    rc_coord_result r;
    for (int pass = 0; pass < 2; pass++) {
        o.coupling = pass ? RC_COUPLING_CLASSIC : RC_COUPLING_WANG;
        assert_int_equal(rc_coordinate(&r, X, M, &s, &o, NULL), RC_OK);
        for (size_t i = 0; i < M; i++) {
            for (size_t q = 0; q < 3; q++)
                assert_abs(r.U[i * 3 + q], U[i][q], 1e-10);
            assert_rel(r.T[i], T[i], TOL);
            assert_abs(r.C[i], pass ? C[i] : CW[i], 1e-10);
            assert_abs(r.D[i], pass ? D[i] : DW[i], 1e-10);
            assert_int_equal(r.grade[i], pass ? G[i] : GW[i]);
            assert_rel(r.topsis[i], TOPSIS[i], TOL);
        }
        rc_coord_result_free(&r);
    }
    /* Obstacle degrees (F_j = within-subsystem w × 1/3). */
    assert_int_equal(rc_coordinate(&r, X, M, &s, &o, NULL), RC_OK);
    static const double O2[K] = {18.83065629, 15.56789004, 12.71073841, 20.11079703,
                                 18.85780524, 13.92211298};
    static const double O3[K] = {21.51075374, 18.71234793, 18.67323167, 24.28906306, 0,
                                 16.81460361};
    static const double O1[K] = {0, 0, 0, 0, 100, 0};
    for (size_t j = 0; j < K; j++) {
        assert_abs(r.obstacle[1 * K + j], O2[j], 1e-8);
        assert_abs(r.obstacle[2 * K + j], O3[j], 1e-8);
        assert_abs(r.obstacle[0 * K + j], O1[j], 1e-12);
    }
    static const double S2[3] = {34.39854633, 32.82153544, 32.77991823};
    static const double S4[3] = {26.21243763, 30.08602620, 43.70153617};
    for (size_t q = 0; q < 3; q++) {
        assert_abs(r.obstacle_sub[1 * 3 + q], S2[q], 1e-8);
        assert_abs(r.obstacle_sub[3 * 3 + q], S4[q], 1e-8);
    }
    /* Identities: weights sum to 1 per subsystem and overall; obstacles sum to 100 %. */
    double ws[3] = {0}, wo = 0;
    for (size_t j = 0; j < K; j++)
        ws[s.subsystem[j]] += r.w_within[j], wo += r.w_overall[j];
    for (size_t q = 0; q < 3; q++)
        assert_abs(ws[q], 1, 1e-15);
    assert_abs(wo, 1, 1e-15);
    for (size_t i = 0; i < M; i++) {
        double so = 0;
        for (size_t j = 0; j < K; j++)
            so += r.obstacle[i * K + j];
        assert_abs(so, 100, 1e-12);
        assert_true(r.C[i] >= 0 && r.C[i] <= 1 && r.D[i] >= 0 && r.D[i] <= 1);
    }
    /* Lagging subsystem: R3 (0.18, 0.12, 0.66) lags in Innovation; R2 is synchronous. */
    assert_int_equal(r.lagging[2], 1);
    assert_int_equal(r.lagging[1], RC_NO_LAG);
    rc_coord_result_free(&r);

    /* --score-on-shifted: every U larger by exactly δ. */
    o.score_on_shifted = 1;
    assert_int_equal(rc_coordinate(&r, X, M, &s, &o, NULL), RC_OK);
    assert_abs(r.U[2 * 3 + 1], 0.1235810109 + 1e-4, 1e-10);
    rc_coord_result_free(&r);
    rc_index_system_free(&s);
}

/* Weight variants through the pipeline: combined = mean of entropy and CRITIC; given weights
 * rescaled within each subsystem; equal. Hand computation from the example's figures. */
static void test_pipeline_weights(void **state)
{
    (void)state;
    rc_index_system s = example_system();
    rc_coord_options o;
    rc_coord_options_init(&o);
    rc_coord_result r;
    o.method = RC_WEIGHTS_COMBINED;
    assert_int_equal(rc_coordinate(&r, X, M, &s, &o, NULL), RC_OK);
    assert_rel(r.w_overall[4], 0.5 * (0.1353970137 + 0.4777910471), TOL);
    rc_coord_result_free(&r);
    o.method = RC_WEIGHTS_EQUAL;
    assert_int_equal(rc_coordinate(&r, X, M, &s, &o, NULL), RC_OK);
    assert_abs(r.w_within[0], 0.5, 1e-15);
    assert_abs(r.w_overall[0], 1.0 / 6, 1e-15);
    /* R4 economy: (0.6071428571 + 0.65)/2. */
    assert_abs(r.U[3 * 3 + 0], (0.6071428571 + 0.65) / 2, 1e-10);
    rc_coord_result_free(&r);
    o.method = RC_WEIGHTS_GIVEN;
    rc_error err;
    assert_int_equal(rc_coordinate(&r, X, M, &s, &o, &err), RC_EUSAGE);
    rc_index_system_free(&s);
    const char *ind[K] = {"x1", "x2", "x3", "x4", "x5", "x6"};
    const char *sub[K] = {"E", "E", "I", "I", "V", "V"};
    const double given[K] = {3, 1, 1, 1, 2, 2};
    assert_int_equal(rc_index_system_init(&s, ind, sub, DIR, given, K, NULL), RC_OK);
    assert_int_equal(rc_coordinate(&r, X, M, &s, &o, NULL), RC_OK);
    assert_abs(r.w_within[0], 0.75, 1e-15);
    assert_abs(r.w_overall[0], 0.3, 1e-15);
    rc_coord_result_free(&r);
    const double alpha[3] = {0.5, 0.3, 0.3};
    o.alpha = alpha;
    assert_int_equal(rc_coordinate(&r, X, M, &s, &o, &err), RC_EUSAGE);
    assert_non_null(strstr(err.message, "sum to 1"));
    rc_index_system_free(&s);
}

static void test_index_system_errors(void **state)
{
    (void)state;
    rc_index_system s;
    rc_error err;
    const char *ind[2] = {"a", "a"}, *sub[2] = {"E", "F"}, *one[2] = {"E", "E"};
    const int dir[2] = {1, -1};
    assert_int_equal(rc_index_system_init(&s, ind, sub, dir, NULL, 2, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "'a' appears twice"));
    const char *ind2[2] = {"a", "b"};
    assert_int_equal(rc_index_system_init(&s, ind2, one, dir, NULL, 2, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "at least 2"));
    const char *clash[2] = {"a", "E"};
    assert_int_equal(rc_index_system_init(&s, clash, sub, dir, NULL, 2, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "names both"));
}

/* The bundled index system file of the worked example, and malformed ones. */
static void test_index_system_file(void **state)
{
    (void)state;
    char *path = rc_test_data_path("evaluation/example_system.csv");
    rc_index_system s;
    rc_error err;
    assert_int_equal(rc_index_system_read(&s, path, &err), RC_OK);
    assert_int_equal(s.k, 6);
    assert_int_equal(s.nsub, 3);
    assert_string_equal(s.subsystem_name[2], "Environment");
    assert_int_equal(s.direction[5], RC_COST);
    assert_null(s.weight);
    rc_index_system_free(&s);
    free(path);
    char tmp[] = "/tmp/rc_system_XXXXXX.csv";
    int fd = mkstemps(tmp, 4);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    fputs("indicator,subsystem,direction,weight\na,E,+,0.5\nb,E,up,0.5\nc,F,-,1\n", fp);
    fclose(fp);
    assert_int_equal(rc_index_system_read(&s, tmp, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, ":3: direction of 'b' is \"up\""));
    fp = fopen(tmp, "w");
    fputs("indicator,subsystem,direction,weight\na,E,+,0.5\nb,E,-,\nc,F,-,1\n", fp);
    fclose(fp);
    assert_int_equal(rc_index_system_read(&s, tmp, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, ":3: weight of 'b'"));
    fp = fopen(tmp, "w");
    fputs("indicator,subsystem,direction,weight\na,E,benefit,3\nb,E,cost,1\nc,overall,-,1\n", fp);
    fclose(fp);
    assert_int_equal(rc_index_system_read(&s, tmp, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "'overall' is reserved"));
    fp = fopen(tmp, "w");
    fputs("name,group\na,E\n", fp);
    fclose(fp);
    assert_int_equal(rc_index_system_read(&s, tmp, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "needs the columns indicator,subsystem,direction"));
    remove(tmp);
}

/* China, 31 provinces × 2008–2017 pooled, two subsystems: against the independent base-R code
 * of tests/reference/coordinate/make_reference.R (its output CSVs, 17 significant digits). */
static void test_china_vs_r(void **state)
{
    (void)state;
    char *panel_path = rc_test_shared_path("data/china_provinces/china_provinces_panel.csv");
    if (!panel_path)
        skip();
    rc_panel *full, *p;
    assert_int_equal(rc_panel_read(&full, panel_path, NULL, NULL), RC_OK);
    assert_int_equal(rc_panel_select_years(&p, full, 2008, 2017, NULL), RC_OK);
    const char *ind[4] = {"gdp_pc", "fai", "trade_kusd", "students_higher_per100k"};
    const char *sub[4] = {"economy", "economy", "openness_society", "openness_society"};
    const int dir[4] = {1, 1, 1, 1};
    rc_index_system s;
    assert_int_equal(rc_index_system_init(&s, ind, sub, dir, NULL, 4, NULL), RC_OK);
    size_t n = rc_panel_nregions(p), T = rc_panel_nyears(p), m = n * T, v[4];
    double *x = malloc(m * 4 * sizeof *x);
    for (size_t j = 0; j < 4; j++)
        assert_int_equal(rc_panel_find_var(p, ind[j], &v[j], NULL), RC_OK);
    /* Rows year-major, regions in id order: the order of the R script. */
    for (size_t t = 0; t < T; t++)
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < 4; j++)
                x[(t * n + i) * 4 + j] = rc_panel_value(p, v[j], i, t);
    rc_coord_options o;
    rc_coord_options_init(&o);
    rc_coord_result rw, rcl, rcr;
    assert_int_equal(rc_coordinate(&rw, x, m, &s, &o, NULL), RC_OK);
    o.coupling = RC_COUPLING_CLASSIC;
    assert_int_equal(rc_coordinate(&rcl, x, m, &s, &o, NULL), RC_OK);
    o.method = RC_WEIGHTS_CRITIC;
    assert_int_equal(rc_coordinate(&rcr, x, m, &s, &o, NULL), RC_OK);

    char *wpath = rc_test_ref_path("coordinate/china_2008_2017_weights.csv");
    FILE *fp = fopen(wpath, "r");
    assert_non_null(fp);
    char line[1024];
    assert_non_null(fgets(line, sizeof line, fp));
    for (size_t j = 0; j < 4; j++) {
        char name[64], subname[64];
        double we, wo, wc;
        assert_int_equal(fscanf(fp, "%63[^,],%63[^,],%lf,%lf,%lf\n", name, subname, &we, &wo, &wc), 5);
        assert_string_equal(name, ind[j]);
        assert_rel(rw.w_within[j], we, 1e-12);
        assert_rel(rw.w_overall[j], wo, 1e-12);
        assert_rel(rcr.w_within[j], wc, 1e-12);
    }
    fclose(fp);
    char *cpath = rc_test_ref_path("coordinate/china_2008_2017_coordination.csv");
    fp = fopen(cpath, "r");
    assert_non_null(fp);
    assert_non_null(fgets(line, sizeof line, fp));
    size_t rows = 0;
    int year;
    char region[32];
    double u1, u2, tt, cw, dw, cc, dc, top, o1, o2, o3, o4;
    while (fscanf(fp, "%d,%31[^,],%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf\n", &year,
                  region, &u1, &u2, &tt, &cw, &dw, &cc, &dc, &top, &o1, &o2, &o3, &o4) == 14) {
        size_t q = rows++;
        assert_true(q < m);
        assert_int_equal(year, rc_panel_year(p, q / n));
        assert_string_equal(region, rc_panel_region_id(p, q % n));
        assert_abs(rw.U[2 * q], u1, 1e-13);
        assert_abs(rw.U[2 * q + 1], u2, 1e-13);
        assert_abs(rw.T[q], tt, 1e-13);
        assert_abs(rw.C[q], cw, 1e-12);
        assert_abs(rw.D[q], dw, 1e-12);
        assert_abs(rcl.C[q], cc, 1e-12);
        assert_abs(rcl.D[q], dc, 1e-12);
        assert_abs(rw.topsis[q], top, 1e-12);
        const double ob[4] = {o1, o2, o3, o4};
        double sum = 0;
        for (size_t j = 0; j < 4; j++) {
            assert_abs(rw.obstacle[4 * q + j], ob[j], 1e-10);
            sum += rw.obstacle[4 * q + j];
        }
        assert_abs(sum, 100, 1e-11);
        assert_true(rw.D[q] >= 0 && rw.D[q] <= 1 && rw.C[q] >= 0 && rw.C[q] <= 1);
        assert_int_equal(rw.grade[q], rc_coordination_grade(dw));
    }
    assert_int_equal(rows, m);
    fclose(fp);
    rc_coord_result_free(&rw), rc_coord_result_free(&rcl), rc_coord_result_free(&rcr);
    rc_index_system_free(&s);
    free(x), free(wpath), free(cpath), free(panel_path);
    rc_panel_free(p), rc_panel_free(full);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_minmax),
        cmocka_unit_test(test_entropy_critic),
        cmocka_unit_test(test_entropy_within),
        cmocka_unit_test(test_entropy_zero_shift),
        cmocka_unit_test(test_constant_indicator),
        cmocka_unit_test(test_topsis),
        cmocka_unit_test(test_coupling_two),
        cmocka_unit_test(test_grades),
        cmocka_unit_test(test_pipeline_example),
        cmocka_unit_test(test_pipeline_weights),
        cmocka_unit_test(test_index_system_errors),
        cmocka_unit_test(test_index_system_file),
        cmocka_unit_test(test_china_vs_r),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
