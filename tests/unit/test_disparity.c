/* Disparity kernels against the worked example of ../shared/methods/01-disparity.md (values
 * printed there to 10 significant digits, cross-checked by its authors with PySAL inequality
 * 1.0.1 and REAT 3.0.3), PySAL's documented Mexico results, and the PySAL values stored in
 * ../shared/reference/peer_values.json for the China panel. */
#include "testutil.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/disparity.h"
#include "regcoord/io.h"

/* The methods file's six regions: y in 10^4 yuan per person, P in millions, E/C/W. */
static const double Y[] = {8.0, 3.8, 4.5, 3.5, 4.0, 2.0};
static const double P[] = {10, 8, 12, 9, 6, 5};
static const int GRP[] = {0, 0, 1, 1, 2, 2};
#define EX 1e-9 /* 10 significant digits */

static void test_worked_example_indices(void **state)
{
    (void)state;
    double v;
    assert_int_equal(rc_range_ratio(&v, Y, 6, NULL), RC_OK);
    assert_rel(v, 4.0, 1e-15);
    assert_int_equal(rc_cv(&v, Y, 6, 0, NULL), RC_OK);
    assert_rel(v, 0.4245911298, EX);
    assert_int_equal(rc_cv(&v, Y, 6, 1, NULL), RC_OK);
    assert_rel(v, 0.4651162791, EX);
    assert_int_equal(rc_williamson(&v, Y, P, 6, NULL), RC_OK);
    assert_rel(v, 0.3982899557, EX);
    assert_int_equal(rc_gini(&v, Y, NULL, 6, NULL), RC_OK);
    assert_rel(v, 0.2144702842, EX);
    assert_int_equal(rc_gini(&v, Y, P, 6, NULL), RC_OK);
    assert_rel(v, 0.2018181818, EX);
    assert_int_equal(rc_theil_t(&v, Y, P, 6, NULL), RC_OK);
    assert_rel(v, 0.07430943564, EX);
    assert_int_equal(rc_theil_l(&v, Y, P, 6, NULL), RC_OK);
    assert_rel(v, 0.07398699638, EX);
    assert_int_equal(rc_theil_t(&v, Y, NULL, 6, NULL), RC_OK);
    assert_rel(v, 0.08375035978, EX);
    assert_int_equal(rc_theil_l(&v, Y, NULL, 6, NULL), RC_OK);
    assert_rel(v, 0.08349427014, EX);
    const double eps[] = {0.5, 1, 2};
    const double unw[] = {0.04099821100, 0.08010364247, 0.1523275731};
    const double wtd[] = {0.03643350180, 0.07131622999, 0.1365057017};
    for (int k = 0; k < 3; k++) {
        assert_int_equal(rc_atkinson(&v, Y, NULL, 6, eps[k], NULL), RC_OK);
        assert_rel(v, unw[k], EX);
        assert_int_equal(rc_atkinson(&v, Y, P, 6, eps[k], NULL), RC_OK);
        assert_rel(v, wtd[k], EX);
    }
    assert_int_equal(rc_atkinson(&v, Y, NULL, 6, 0, NULL), RC_OK);
    assert_abs(v, 0.0, 1e-15); /* ε = 0: no inequality aversion */
    assert_int_equal(rc_hoover(&v, Y, P, 6, NULL), RC_OK);
    assert_rel(v, 0.1479773815, EX);
}

static void test_worked_example_theil_decomposition(void **state)
{
    (void)state;
    rc_theil_parts t;
    double w[3], idx[3], con[3];
    assert_int_equal(rc_theil_t_decompose(&t, w, idx, con, Y, P, GRP, 3, 6, NULL), RC_OK);
    assert_rel(t.total, 0.07430943564, EX);
    assert_rel(t.between, 0.03438734697, EX);
    assert_rel(t.within, 0.03992208867, EX);
    assert_abs(t.total - t.between - t.within, 0.0, 1e-12);
    const double S[] = {0.4802087864, 0.3719008264, 0.1478903871};
    const double Tg[] = {0.06071231031, 0.007493932348, 0.05396229149};
    const double C[] = {0.02915458486, 0.002786999634, 0.007980504179};
    for (int g = 0; g < 3; g++) {
        assert_rel(w[g], S[g], EX);
        assert_rel(idx[g], Tg[g], EX);
        assert_rel(con[g], C[g], EX);
    }
    assert_int_equal(rc_theil_l_decompose(&t, w, idx, con, Y, P, GRP, 3, 6, NULL), RC_OK);
    assert_rel(t.between, 0.03473580155, EX);
    assert_rel(t.within, 0.03925119483, EX);
    assert_abs(t.total - t.between - t.within, 0.0, 1e-12);
    const double Lg[] = {0.06515926758, 0.007622724992, 0.05723779095};
    const double PiLg[] = {0.02345733633, 0.003201544497, 0.01259231401};
    for (int g = 0; g < 3; g++) {
        assert_rel(idx[g], Lg[g], EX);
        assert_rel(con[g], PiLg[g], EX);
    }
    /* Unweighted, PySAL TheilD(y, groups): bg = 0.03853483628, wg = 0.04521552349. */
    assert_int_equal(rc_theil_t_decompose(&t, NULL, NULL, NULL, Y, NULL, GRP, 3, 6, NULL), RC_OK);
    assert_rel(t.between, 0.03853483628, EX);
    assert_rel(t.within, 0.04521552349, EX);
}

static void test_worked_example_dagum(void **state)
{
    (void)state;
    rc_dagum d;
    assert_int_equal(rc_dagum_decompose(&d, Y, GRP, 3, 6, NULL), RC_OK);
    assert_rel(d.gini, 0.2144702842, EX);
    assert_rel(d.within, 0.04651162791, EX);
    assert_rel(d.between_net, 0.1498708010, EX);
    assert_rel(d.transvariation, 0.01808785530, EX);
    assert_abs(d.gini - d.within - d.between_net - d.transvariation, 0.0, 1e-12);
    assert_rel(d.gini_within[0], 0.1779661017, EX);
    assert_rel(d.gini_within[1], 0.0625, EX);
    assert_rel(d.gini_within[2], 0.1666666667, EX);
    assert_rel(d.gini_between[0 * 3 + 1], 0.2272727273, EX);
    assert_rel(d.gini_between[0 * 3 + 2], 0.3370786517, EX);
    assert_rel(d.gini_between[1 * 3 + 2], 0.1785714286, EX);
    assert_rel(d.gini_between[2 * 3 + 1], 0.1785714286, EX); /* symmetric */
    assert_rel(d.d[0 * 3 + 1], 0.8444444444, EX);
    assert_rel(d.d[0 * 3 + 2], 0.9666666667, EX);
    assert_rel(d.d[1 * 3 + 2], 0.8, EX);
    assert_rel(d.mean[0], 5.9, 1e-15);
    rc_dagum_free(&d);
}

/* Dagum against a direct O(n²) evaluation of Dagum's formulas (an independent code path),
 * on 300 random regions in 5 groups with ties and an empty group. */
static void test_dagum_matches_pairwise(void **state)
{
    (void)state;
    enum { N = 300, K = 6 };
    double y[N];
    int g[N];
    unsigned s = 12345;
    for (int i = 0; i < N; i++) {
        s = s * 1103515245u + 12345u;
        y[i] = 1.0 + (double)((s >> 16) % 50); /* integers: many ties */
        g[i] = (int)((s >> 8) % 5);            /* group 5 stays empty */
    }
    rc_dagum d;
    assert_int_equal(rc_dagum_decompose(&d, y, g, K, N, NULL), RC_OK);
    double nj[K] = {0}, sj[K] = {0}, tot = 0;
    for (int i = 0; i < N; i++) {
        nj[g[i]]++;
        sj[g[i]] += y[i];
        tot += y[i];
    }
    double mu = tot / N, G = 0, gw = 0, gnb = 0, gt = 0;
    for (int i = 0; i < N; i++)
        for (int r = 0; r < N; r++)
            G += fabs(y[i] - y[r]);
    G /= 2.0 * N * N * mu;
    for (int j = 0; j < 5; j++) {
        double mj = sj[j] / nj[j], a = 0;
        for (int i = 0; i < N; i++)
            for (int r = 0; r < N; r++)
                if (g[i] == j && g[r] == j)
                    a += fabs(y[i] - y[r]);
        double gjj = a / (2 * nj[j] * nj[j] * mj);
        assert_rel(d.gini_within[j], gjj, 1e-12);
        gw += gjj * (nj[j] / N) * (sj[j] / tot);
        for (int h = j + 1; h < 5; h++) {
            double mh = sj[h] / nj[h], up = 0, down = 0, absd = 0;
            for (int i = 0; i < N; i++)
                for (int r = 0; r < N; r++)
                    if (g[i] == j && g[r] == h) {
                        absd += fabs(y[i] - y[r]);
                        up += y[i] > y[r] ? y[i] - y[r] : 0;   /* j above h */
                        down += y[r] > y[i] ? y[r] - y[i] : 0; /* h above j */
                    }
            double dj = mj >= mh ? up : down, pj = mj >= mh ? down : up;
            double Gjh = absd / (nj[j] * nj[h] * (mj + mh));
            double D = mj == mh ? 0 : (dj - pj) / (dj + pj);
            assert_rel(d.gini_between[j * K + h], Gjh, 1e-12);
            assert_rel(d.d[j * K + h], D, 1e-12);
            double wgt = Gjh * ((nj[j] / N) * (sj[h] / tot) + (nj[h] / N) * (sj[j] / tot));
            gnb += wgt * D;
            gt += wgt * (1 - D);
        }
    }
    assert_rel(d.gini, G, 1e-12);
    assert_rel(d.within, gw, 1e-12);
    assert_rel(d.between_net, gnb, 1e-12);
    assert_rel(d.transvariation, gt, 1e-12);
    assert_abs(d.gini - d.within - d.between_net - d.transvariation, 0.0, 1e-12);
    assert_true(isnan(d.gini_within[5])); /* the empty group is skipped */
    rc_dagum_free(&d);
}

/* Lorenz ordinates of the worked example, by hand: y sorted 2.0, 3.5, 3.8, 4.0, 4.5, 8.0 with
 * P 5, 9, 8, 6, 12, 10 (total 50, Y = 229.9): cumulative population 0.1, 0.28, 0.44, 0.56,
 * 0.8, 1; cumulative output 10, 41.5, 71.9, 95.9, 149.9, 229.9 over 229.9. The Gini is
 * 1 − Σ Δp (L_k−1 + L_k), which the same ordinates give. */
static void test_lorenz(void **state)
{
    (void)state;
    double cp[7], cv[7];
    assert_int_equal(rc_lorenz(cp, cv, Y, P, 6, NULL), RC_OK);
    const double wp[] = {0, 0.1, 0.28, 0.44, 0.56, 0.8, 1};
    const double wv[] = {0, 10, 41.5, 71.9, 95.9, 149.9, 229.9};
    double g = 1;
    for (int k = 0; k < 7; k++) {
        assert_abs(cp[k], wp[k], 1e-15);
        assert_abs(cv[k], wv[k] / 229.9, 1e-15);
        if (k)
            g -= (cp[k] - cp[k - 1]) * (cv[k - 1] + cv[k]);
    }
    assert_rel(g, 0.2018181818, EX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_worked_example_indices),
        cmocka_unit_test(test_worked_example_theil_decomposition),
        cmocka_unit_test(test_worked_example_dagum),
        cmocka_unit_test(test_dagum_matches_pairwise),
        cmocka_unit_test(test_lorenz),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
