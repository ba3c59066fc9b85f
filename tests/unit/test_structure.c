/* Structure kernels against the worked example of ../shared/methods/07-structure.md §7
 * (10 significant digits; R1's LQ, K_12 and the R1 shift-share totals re-computed there with
 * REAT 3.0.3), identities on the real public-capital components of plm::Produc
 * (tests/data/produc: hwy + water + util = pcap per state), and the input checks. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/io.h"
#include "regcoord/panel.h"
#include "regcoord/structure.h"

#define EX 1e-9 /* the methods file prints 10 significant digits */

/* Employment (10^4 persons), regions R1..R3 × agriculture, manufacturing, construction,
 * services. */
static const double E0[] = {20, 50, 10, 40, 60, 30, 15, 35, 30, 20, 5, 45};
static const double E1[] = {18, 62, 12, 58, 55, 33, 16, 44, 27, 22, 6, 60};

static void test_location_quotient(void **state)
{
    (void)state;
    static const double want[] = {0.5454545455, 1.5, 1, 1, 1.402597403, 0.7714285714,
                                  1.285714286, 0.75, 0.9818181818, 0.72, 0.6, 1.35};
    double lq[12];
    assert_int_equal(rc_location_quotient(lq, E0, 3, 4, 0, NULL), RC_OK);
    for (int k = 0; k < 12; k++)
        assert_rel(lq[k], want[k], EX);
    /* LQ.method "a": s_ik − s_k with the shares printed in the methods file. */
    assert_int_equal(rc_location_quotient(lq, E0, 3, 4, 1, NULL), RC_OK);
    assert_rel(lq[0], 0.1666666667 - 0.3055555556, 1e-8);
    assert_rel(lq[11], 0.45 - 0.3333333333, 1e-8);
}

static void test_krugman_specialization(void **state)
{
    (void)state;
    double ksi[3];
    assert_int_equal(rc_krugman_specialization(ksi, E0, 3, 4, RC_KSI_REST, NULL), RC_OK);
    assert_rel(ksi[0], 0.4166666667, EX);
    assert_rel(ksi[1], 0.4805194805, EX);
    assert_rel(ksi[2], 0.3230769231, EX);
    assert_int_equal(rc_krugman_specialization(ksi, E0, 3, 4, RC_KSI_NATION, NULL), RC_OK);
    assert_rel(ksi[0], 0.2777777778, EX);
    assert_rel(ksi[1], 0.2936507937, EX);
    assert_rel(ksi[2], 0.2333333333, EX);
    assert_int_equal(rc_krugman_specialization(ksi, E0, 3, 4, RC_KSI_MEAN, NULL), RC_OK);
    assert_rel(ksi[0], 0.4285714286, EX);
    assert_rel(ksi[1], 0.4714285714, EX);
    assert_rel(ksi[2], 0.3214285714, EX);
}

static void test_dissimilarity_similarity(void **state)
{
    (void)state;
    double kd[9], s[9];
    assert_int_equal(rc_krugman_dissimilarity(kd, E0, 3, 4, NULL), RC_OK);
    assert_rel(kd[1], 0.5714285714, EX);
    assert_rel(kd[3], 0.5714285714, EX);
    assert_rel(kd[2], 0.5, EX);
    assert_rel(kd[5], 0.4, EX);
    assert_abs(kd[4], 0, 0);
    assert_int_equal(rc_structural_similarity(s, E0, 3, 4, NULL), RC_OK);
    assert_rel(s[1], 0.8123656124, EX);
    assert_rel(s[2], 0.8788561086, EX);
    assert_rel(s[5], 0.9071396228, EX);
    assert_rel(s[7], 0.9071396228, EX);
    assert_rel(s[8], 1, 1e-15);
}

static void test_hoover_localization(void **state)
{
    (void)state;
    double hl[4];
    assert_int_equal(rc_hoover_localization(hl, E0, 3, 4, NULL), RC_OK);
    assert_rel(hl[0], 0.1565656566, EX);
    assert_rel(hl[1], 0.1666666667, EX);
    assert_rel(hl[2], 0.1111111111, EX);
    assert_rel(hl[3], 0.09722222222, EX);
}

static void test_shift_share_worked_example(void **state)
{
    (void)state;
    double ns[12], im[12], rs[12], hom[12], al[12];
    rc_shift_share_parts out = {ns, im, rs, hom, al};
    assert_int_equal(rc_shift_share(&out, E0, E1, 3, 4, 0, NULL), RC_OK);
    static const double wns[] = {2.944444444, 7.361111111, 1.472222222, 5.888888889};
    static const double wim[] = {-4.762626263, 1.138888889, -0.1388888889, 8.111111111};
    static const double wrs[] = {-0.1818181818, 3.5, 0.6666666667, 4};
    static const double whom[] = {-0.3333333333, 2.333333333, 0.6666666667, 4};
    static const double wal[] = {0.1515151515, 1.166666667, 0, 0};
    double tns = 0, tim = 0, trs = 0, thom = 0, tal = 0;
    for (int k = 0; k < 4; k++) {
        assert_rel(ns[k], wns[k], EX);
        assert_rel(im[k], wim[k], EX);
        assert_rel(rs[k], wrs[k], EX);
        assert_rel(hom[k], whom[k], EX);
        assert_abs(al[k], wal[k], 1e-9);
        tns += ns[k], tim += im[k], trs += rs[k], thom += hom[k], tal += al[k];
    }
    /* Totals for R1 (REAT shift(…, "Dunn"/"Esteban") per the methods file). */
    assert_rel(tns, 17.66666667, EX);
    assert_rel(tim, 4.348484848, EX);
    assert_rel(trs, 7.984848485, EX);
    assert_rel(tns + tim + trs, 30, 1e-14);
    assert_rel(tim + trs, 12.33333333, EX);
    assert_rel(thom, 6.666666667, EX);
    assert_rel(tal, 1.318181818, EX);
    /* Every region: the components add up to the change exactly. */
    for (int at = 0; at < 12; at++)
        assert_abs(ns[at] + im[at] + rs[at], E1[at] - E0[at], 1e-12);
}

/* A sector absent in year 0: NS = IM = 0, RS = e1 and the E-M split not defined. */
static void test_shift_share_new_sector(void **state)
{
    (void)state;
    const double a0[] = {10, 0, 20, 5, 8, 4}, a1[] = {12, 3, 22, 6, 9, 5};
    double ns[6], im[6], rs[6], hom[6], al[6];
    rc_shift_share_parts out = {ns, im, rs, hom, al};
    assert_int_equal(rc_shift_share(&out, a0, a1, 3, 2, 0, NULL), RC_OK);
    assert_abs(ns[1], 0, 0);
    assert_abs(im[1], 0, 0);
    assert_rel(rs[1], 3, 1e-15);
    assert_true(isnan(hom[1]) && isnan(al[1]));
    assert_false(isnan(hom[0]));
    /* exclude_self: region 0's rates come from regions 1 and 2 (G = 42/37 − 1, g_0 =
     * 31/28 − 1). */
    assert_int_equal(rc_shift_share(&out, a0, a1, 3, 2, 1, NULL), RC_OK);
    assert_rel(ns[0], 10 * (42.0 / 37.0 - 1), 1e-14);
    assert_rel(im[0] + ns[0], 10 * (31.0 / 28.0 - 1), 1e-14);
    /* A sector without any employment in year 0 has no growth rate … */
    const double b0[] = {10, 0, 20, 0, 8, 0};
    rc_error err;
    assert_int_equal(rc_shift_share(&out, b0, a1, 3, 2, 0, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "sector 1"));
    /* … nor, with exclude_self, when only the region itself had it (2 regions). */
    assert_int_equal(rc_shift_share(&out, a0, a1, 2, 2, 1, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "sector 1"));
}

static void test_bad_input(void **state)
{
    (void)state;
    rc_error err;
    double out[16];
    const double neg[] = {1, 2, -1, 4};
    assert_int_equal(rc_location_quotient(out, neg, 2, 2, 0, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "region 1, sector 0"));
    const double zero_row[] = {1, 2, 0, 0};
    assert_int_equal(rc_krugman_dissimilarity(out, zero_row, 2, 2, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "region 1 has a zero total"));
    const double zero_col[] = {1, 0, 3, 0};
    assert_int_equal(rc_hoover_localization(out, zero_col, 2, 2, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "sector 1 has a zero total"));
    assert_int_equal(rc_krugman_specialization(out, E0, 1, 4, RC_KSI_REST, &err), RC_EINSUFFICIENT);
    const double nan_cell[] = {1, NAN, 3, 4};
    assert_int_equal(rc_structural_similarity(out, nan_cell, 2, 2, &err), RC_EINPUT);
}

/* Real data: the public capital of the 48 states in 1970 and 1986, split into highways,
 * water and utilities (plm::Produc). Identities that must hold whatever the data:
 * Σ_i (E_i/E) LQ_ik = 1 for every sector, Σ_k s_k LQ_ik = 1 for every region, K_ij and S_ij
 * symmetric in [0, 2] and [0, 1], HL_k ∈ [0, 1), and shift-share components summing to the
 * change of every region and sector. */
static void test_produc_identities(void **state)
{
    (void)state;
    char *path = rc_test_data_path("produc/produc.csv");
    rc_read_options opt = {.region_col = "state"};
    rc_panel *p;
    rc_error err;
    assert_int_equal(rc_panel_read(&p, path, &opt, &err), RC_OK);
    free(path);
    const char *sectors[] = {"hwy", "water", "util"};
    size_t n = rc_panel_nregions(p), K = 3, t0, t1;
    assert_int_equal(n, 48);
    assert_int_equal(rc_panel_find_year(p, 1970, &t0, NULL), RC_OK);
    assert_int_equal(rc_panel_find_year(p, 1986, &t1, NULL), RC_OK);
    double *e0 = malloc(n * K * sizeof *e0), *e1 = malloc(n * K * sizeof *e1);
    double *lq = malloc(n * K * sizeof *lq), *m = malloc(n * n * sizeof *m);
    double *parts = malloc(3 * n * K * sizeof *parts);
    for (size_t k = 0; k < K; k++) {
        size_t v;
        assert_int_equal(rc_panel_find_var(p, sectors[k], &v, NULL), RC_OK);
        for (size_t i = 0; i < n; i++) {
            e0[i * K + k] = rc_panel_value(p, v, i, t0);
            e1[i * K + k] = rc_panel_value(p, v, i, t1);
        }
    }
    double Ei[48] = {0}, Ek[3] = {0}, E = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < K; k++)
            Ei[i] += e0[i * K + k], Ek[k] += e0[i * K + k], E += e0[i * K + k];
    assert_int_equal(rc_location_quotient(lq, e0, n, K, 0, NULL), RC_OK);
    for (size_t k = 0; k < K; k++) {
        double s = 0;
        for (size_t i = 0; i < n; i++)
            s += Ei[i] / E * lq[i * K + k];
        assert_rel(s, 1, 1e-12);
    }
    for (size_t i = 0; i < n; i++) {
        double s = 0;
        for (size_t k = 0; k < K; k++)
            s += Ek[k] / E * lq[i * K + k];
        assert_rel(s, 1, 1e-12);
    }
    assert_int_equal(rc_krugman_dissimilarity(m, e0, n, K, NULL), RC_OK);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            assert_true(m[i * n + j] >= 0 && m[i * n + j] <= 2);
            assert_true(m[i * n + j] == m[j * n + i]);
        }
    assert_int_equal(rc_structural_similarity(m, e0, n, K, NULL), RC_OK);
    for (size_t i = 0; i < n * n; i++)
        assert_true(m[i] > 0 && m[i] <= 1 + 1e-15);
    double hl[3];
    assert_int_equal(rc_hoover_localization(hl, e0, n, K, NULL), RC_OK);
    for (size_t k = 0; k < K; k++)
        assert_true(hl[k] > 0 && hl[k] < 1);
    rc_shift_share_parts out = {parts, parts + n * K, parts + 2 * n * K, NULL, NULL};
    double total_rs = 0;
    assert_int_equal(rc_shift_share(&out, e0, e1, n, K, 0, NULL), RC_OK);
    for (size_t at = 0; at < n * K; at++) {
        double change = e1[at] - e0[at];
        assert_abs(parts[at] + parts[n * K + at] + parts[2 * n * K + at], change,
                   1e-9 * fabs(e1[at]));
        total_rs += parts[2 * n * K + at];
    }
    /* The regional shares cancel over the nation when it is the reference (Σ_i RS_ik = 0). */
    assert_abs(total_rs, 0, 1e-9 * E);
    free(e0), free(e1), free(lq), free(m), free(parts);
    rc_panel_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_location_quotient),
        cmocka_unit_test(test_krugman_specialization),
        cmocka_unit_test(test_dissimilarity_similarity),
        cmocka_unit_test(test_hoover_localization),
        cmocka_unit_test(test_shift_share_worked_example),
        cmocka_unit_test(test_shift_share_new_sector),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_produc_identities),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
