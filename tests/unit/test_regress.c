/* Regression core against R on plm::Produc (tests/reference/regress/make_reference.R: lm,
 * sandwich::vcovHC HC1, plm within one-/two-way, plm::vcovHC arellano sss/HC0 and white1 HC1;
 * R 4.2.2, plm 2.6.2, sandwich 3.0.2) to 1e-8, and against the panel FE worked example of
 * ../shared/methods/02-convergence.md §3 (plm 2.6.2, printed to 10 digits). */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/io.h"
#include "regcoord/model_frame.h"
#include "regcoord/regress.h"

static const char *const TERMS[] = {"log(pcap)", "log(pc)", "log(emp)", "unemp"};

static rc_panel *load_produc(void)
{
    char *path = rc_test_data_path("produc/produc.csv");
    rc_read_options opt = {0};
    opt.region_col = "state";
    rc_panel *p = NULL;
    rc_error err;
    assert_int_equal(rc_panel_read(&p, path, &opt, &err), RC_OK);
    free(path);
    return p;
}

/* Find "model,se,term" in produc_coef.csv and return estimate, std_error, t, p_value. */
static int ref_coef(const char *model, const char *se, const char *term, double v[4])
{
    char *path = rc_test_ref_path("regress/produc_coef.csv");
    FILE *fp = fopen(path, "r");
    free(path);
    assert_non_null(fp);
    char line[512], m[64], s[64], t[64];
    int found = 0;
    while (fgets(line, sizeof line, fp))
        if (sscanf(line, "%63[^,],%63[^,],%63[^,],%lf,%lf,%lf,%lf", m, s, t, &v[0], &v[1], &v[2],
                   &v[3]) == 7 &&
            !strcmp(m, model) && !strcmp(s, se) && !strcmp(t, term)) {
            found = 1;
            break;
        }
    fclose(fp);
    return found;
}

static double ref_fit(const char *model, const char *stat)
{
    char *path = rc_test_ref_path("regress/produc_fit.csv");
    FILE *fp = fopen(path, "r");
    free(path);
    assert_non_null(fp);
    char line[256], m[64], s[64];
    double v = NAN;
    while (fgets(line, sizeof line, fp))
        if (sscanf(line, "%63[^,],%63[^,],%lf", m, s, &v) == 3 && !strcmp(m, model) &&
            !strcmp(s, stat))
            break;
        else
            v = NAN;
    fclose(fp);
    assert_false(isnan(v));
    return v;
}

static void check_model(const char *model, rc_fe_kind fe)
{
    rc_panel *p = load_produc();
    rc_model_frame mf;
    rc_error err;
    assert_int_equal(rc_model_frame_build(&mf, p, "log(gsp)", TERMS, 4, &err), RC_OK);
    assert_int_equal(mf.n, 816);
    assert_int_equal(mf.dropped, 0);
    static const char *const kinds[] = {"classic", "hc1", "cluster", "cluster_hc0"};
    for (int kind = 0; kind < 4; kind++) {
        rc_ols_spec s = {0};
        s.n = mf.n;
        s.k = mf.k;
        s.y = mf.y;
        s.x = mf.x;
        s.names = (const char *const *)mf.names;
        s.intercept = 1;
        s.fe = fe;
        s.se = (rc_se_kind)kind;
        s.region = mf.region;
        s.year = mf.year;
        s.nregions = rc_panel_nregions(p);
        s.nyears = rc_panel_nyears(p);
        rc_ols_result r;
        int rc = rc_ols_fit(&r, &s, &err);
        if (rc != RC_OK)
            fail_msg("%s %s: %s", model, kinds[kind], err.message);
        assert_int_equal(r.k, fe == RC_FE_NONE ? 5 : 4);
        for (size_t j = 0; j < r.k; j++) {
            const char *term = r.intercept ? (j == 0 ? "(Intercept)" : TERMS[j - 1]) : TERMS[j];
            double v[4];
            if (!ref_coef(model, kinds[kind], term, v))
                fail_msg("no reference for %s %s %s", model, kinds[kind], term);
            assert_rel(r.coef[j], v[0], 1e-8);
            assert_rel(r.se[j], v[1], 1e-8);
            assert_rel(r.t[j], v[2], 1e-8);
            assert_rel(r.p[j], v[3], 1e-6); /* tail areas far out: relative, looser */
        }
        assert_int_equal(r.df_resid, (size_t)ref_fit(model, "df_resid"));
        assert_rel(r.r2, ref_fit(model, "r2"), 1e-8);
        assert_rel(r.r2_adj, ref_fit(model, "r2_adj"), 1e-8);
        assert_rel(r.f, ref_fit(model, "f"), 1e-8);
        if (fe != RC_FE_NONE)
            assert_rel(r.r2_within, ref_fit(model, "r2_within"), 1e-8);
        else
            assert_true(isnan(r.r2_within));
        rc_ols_free(&r);
    }
    rc_model_frame_free(&mf);
    rc_panel_free(p);
}

static void test_produc_ols(void **state) { (void)state; check_model("ols", RC_FE_NONE); }
static void test_produc_fe_region(void **state) { (void)state; check_model("fe_region", RC_FE_REGION); }
static void test_produc_fe_year(void **state) { (void)state; check_model("fe_year", RC_FE_YEAR); }
static void test_produc_fe_twoway(void **state) { (void)state; check_model("fe_twoway", RC_FE_TWOWAY); }

/* methods/02 §3: four regions × five years, Δln y on lagged ln y, within (plm 2.6.2). */
static void test_methods02_panel_fe(void **state)
{
    (void)state;
    static const double Y[4][5] = {{2.00, 2.20, 2.38, 2.60, 2.79},
                                   {3.00, 3.21, 3.40, 3.66, 3.85},
                                   {4.50, 4.70, 4.95, 5.12, 5.36},
                                   {6.00, 6.18, 6.40, 6.55, 6.80}};
    double y[16], x[16];
    size_t reg[16], yr[16], n = 0;
    for (size_t i = 0; i < 4; i++)
        for (size_t t = 0; t < 4; t++, n++) {
            y[n] = log(Y[i][t + 1]) - log(Y[i][t]);
            x[n] = log(Y[i][t]);
            reg[n] = i;
            yr[n] = t;
        }
    rc_ols_spec s = {.n = 16, .k = 1, .y = y, .x = x, .region = reg, .year = yr,
                     .nregions = 4, .nyears = 4, .fe = RC_FE_REGION, .se = RC_SE_CLASSIC};
    rc_ols_result r;
    assert_int_equal(rc_ols_fit(&r, &s, NULL), RC_OK);
    assert_rel(r.coef[0], -0.05901337004, 1e-9);
    assert_rel(r.se[0], 0.02967505831, 1e-9);
    assert_rel(r.t[0], -1.988652202, 1e-9);
    assert_rel(r.p[0], 0.07219310286, 1e-9);
    assert_int_equal(r.df_resid, 11);
    assert_rel(r.r2_within, 0.2644471398, 1e-9);
    rc_ols_free(&r);
    s.se = RC_SE_CLUSTER_HC0;
    assert_int_equal(rc_ols_fit(&r, &s, NULL), RC_OK);
    assert_rel(r.se[0], 0.01089616847, 1e-9);
    rc_ols_free(&r);
    s.se = RC_SE_CLUSTER;
    assert_int_equal(rc_ols_fit(&r, &s, NULL), RC_OK);
    assert_rel(r.se[0], 0.01258181159, 1e-9);
    rc_ols_free(&r);
    s.se = RC_SE_CLASSIC;
    s.fe = RC_FE_TWOWAY;
    assert_int_equal(rc_ols_fit(&r, &s, NULL), RC_OK);
    assert_rel(r.coef[0], -0.1621593125, 1e-9);
    assert_rel(r.se[0], 0.08829728979, 1e-9);
    rc_ols_free(&r);
}

/* keep(i, region, year) decides which Produc observations stay. The dummies of the LSDV model
 * leave out the first region and the first year that are present. */
static void compare_with_lsdv(int (*keep)(size_t, size_t, size_t))
{
    rc_panel *p = load_produc();
    rc_model_frame mf;
    assert_int_equal(rc_model_frame_build(&mf, p, "log(gsp)", TERMS, 4, NULL), RC_OK);
    size_t n = 0, G = rc_panel_nregions(p), T = rc_panel_nyears(p);
    for (size_t i = 0; i < mf.n; i++) {
        if (!keep(i, mf.region[i], mf.year[i]))
            continue;
        mf.y[n] = mf.y[i];
        memmove(mf.x + n * 4, mf.x + i * 4, 4 * sizeof(double));
        mf.region[n] = mf.region[i];
        mf.year[n] = mf.year[i];
        n++;
    }
    size_t r0 = G, t0 = T;
    for (size_t i = 0; i < n; i++) {
        r0 = mf.region[i] < r0 ? mf.region[i] : r0;
        t0 = mf.year[i] < t0 ? mf.year[i] : t0;
    }
    size_t kd = 4 + G + T;
    double *xd = calloc(n * kd, sizeof *xd);
    for (size_t i = 0; i < n; i++) {
        memcpy(xd + i * kd, mf.x + i * 4, 4 * sizeof(double));
        if (mf.region[i] != r0)
            xd[i * kd + 4 + mf.region[i]] = 1;
        if (mf.year[i] != t0)
            xd[i * kd + 4 + G + mf.year[i]] = 1;
    }
    /* Drop dummy columns that are all zero (absent or reference region/year). */
    size_t kk = 0;
    for (size_t j = 0; j < kd; j++) {
        int any = j < 4;
        for (size_t i = 0; i < n && !any; i++)
            any = xd[i * kd + j] != 0;
        if (!any)
            continue;
        for (size_t i = 0; i < n; i++)
            xd[i * kd + kk] = xd[i * kd + j];
        kk++;
    }
    for (size_t i = 1; i < n; i++) /* compact rows to kk columns */
        memmove(xd + i * kk, xd + i * kd, kk * sizeof *xd);
    rc_ols_spec fe = {.n = n, .k = 4, .y = mf.y, .x = mf.x, .region = mf.region,
                      .year = mf.year, .nregions = G, .nyears = T, .fe = RC_FE_TWOWAY};
    rc_ols_spec dv = {.n = n, .k = kk, .y = mf.y, .x = xd, .intercept = 1};
    rc_ols_result a, b;
    rc_error err;
    if (rc_ols_fit(&a, &fe, &err) != RC_OK)
        fail_msg("two-way: %s", err.message);
    if (rc_ols_fit(&b, &dv, &err) != RC_OK)
        fail_msg("LSDV: %s", err.message);
    assert_int_equal(a.df_resid, b.df_resid);
    for (size_t j = 0; j < 4; j++) {
        assert_rel(a.coef[j], b.coef[j + 1], 1e-9);
        assert_rel(a.se[j], b.se[j + 1], 1e-9);
    }
    assert_rel(a.r2, b.r2, 1e-12);
    rc_ols_free(&a);
    rc_ols_free(&b);
    free(xd);
    rc_model_frame_free(&mf);
    rc_panel_free(p);
}

static int every_7th_missing(size_t i, size_t r, size_t t) { (void)r, (void)t; return i % 7 != 3; }
/* No 1970 at all, and 1986 only in the first 3 states: absent year codes and a year effect
 * identified by few regions. */
static int ragged_years(size_t i, size_t r, size_t t) { (void)i; return t != 0 && (t != 16 || r < 3); }

/* Unbalanced panels: the two-way within transformation (region demeaning, then the year
 * dummies partialled out through their small cross-product matrix) must give the slopes,
 * classic SEs, df and R² of the dummy-variable regression y ~ 1 + x + region and year
 * dummies — a different code path (plain OLS on the dummies), as lm(… + factor(state) +
 * factor(year)) would. */
static void test_twoway_unbalanced_equals_lsdv(void **state)
{
    (void)state;
    compare_with_lsdv(every_7th_missing);
    compare_with_lsdv(ragged_years);
}

static void test_collinear_named(void **state)
{
    (void)state;
    double y[6] = {1, 2, 3, 5, 4, 6}, x[12];
    for (int i = 0; i < 6; i++) {
        x[2 * i] = i;
        x[2 * i + 1] = 2.0 * i + 1.0; /* = 2·x1 + intercept */
    }
    const char *names[] = {"a", "b"};
    rc_ols_spec s = {.n = 6, .k = 2, .y = y, .x = x, .names = names, .intercept = 1};
    rc_ols_result r;
    rc_error err;
    assert_int_equal(rc_ols_fit(&r, &s, &err), RC_ENUMERIC);
    assert_non_null(strstr(err.message, "collinear"));
    assert_null(r.coef);
    /* A regressor constant within regions is absorbed by region effects. */
    size_t reg[6] = {0, 0, 0, 1, 1, 1};
    double z[6] = {1, 1, 1, 2, 2, 2};
    const char *zn[] = {"z"};
    rc_ols_spec f = {.n = 6, .k = 1, .y = y, .x = z, .names = zn, .region = reg, .nregions = 2,
                     .fe = RC_FE_REGION};
    assert_int_equal(rc_ols_fit(&r, &f, &err), RC_ENUMERIC);
    assert_non_null(strstr(err.message, "'z'"));
    assert_non_null(strstr(err.message, "fixed effects"));
}

/* The rank check is relative to each column's own norm: a regressor in tiny units is not
 * collinear, and its coefficient scales back exactly (lm would agree: dqrdc2 is scale-free). */
static void test_rank_check_scale_free(void **state)
{
    (void)state;
    rc_panel *p = load_produc();
    rc_model_frame mf;
    assert_int_equal(rc_model_frame_build(&mf, p, "log(gsp)", TERMS, 4, NULL), RC_OK);
    rc_ols_spec s = {.n = mf.n, .k = 4, .y = mf.y, .x = mf.x, .intercept = 1};
    rc_ols_result a, b;
    assert_int_equal(rc_ols_fit(&a, &s, NULL), RC_OK);
    for (size_t i = 0; i < mf.n; i++)
        mf.x[i * 4 + 3] *= 1e-12;
    assert_int_equal(rc_ols_fit(&b, &s, NULL), RC_OK);
    assert_rel(b.coef[4], a.coef[4] * 1e12, 1e-8);
    assert_rel(b.t[4], a.t[4], 1e-8);
    rc_ols_free(&a);
    rc_ols_free(&b);
    rc_model_frame_free(&mf);
    rc_panel_free(p);
}

static void test_bad_input(void **state)
{
    (void)state;
    double y[3] = {1, 2, NAN}, x[3] = {1, 2, 3};
    rc_ols_spec s = {.n = 3, .k = 1, .y = y, .x = x, .intercept = 1};
    rc_ols_result r;
    rc_error err;
    assert_int_equal(rc_ols_fit(&r, &s, &err), RC_EINPUT);
    y[2] = 3;
    s.n = 2;
    assert_int_equal(rc_ols_fit(&r, &s, &err), RC_EINSUFFICIENT);
    s.n = 3;
    s.se = RC_SE_CLUSTER;
    assert_int_equal(rc_ols_fit(&r, &s, &err), RC_EUSAGE); /* no region codes */
    /* A constant dependent variable: an error, not NaN statistics. */
    double c[4] = {2, 2, 2, 2}, xc[4] = {1, 2, 4, 3};
    rc_ols_spec cs = {.n = 4, .k = 1, .y = c, .x = xc, .intercept = 1};
    assert_int_equal(rc_ols_fit(&r, &cs, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "does not vary"));
    rc_fe_kind fe;
    assert_int_equal(rc_fe_parse("twoways", &fe, &err), RC_EUSAGE);
    assert_int_equal(rc_fe_parse("twoway", &fe, &err), RC_OK);
    assert_int_equal(fe, RC_FE_TWOWAY);
}

static void test_model_frame_missing_and_log(void **state)
{
    (void)state;
    const char *ids[] = {"A", "B"};
    const int years[] = {2000, 2001, 2002};
    rc_panel *p;
    size_t vy, vx;
    assert_int_equal(rc_panel_new(&p, ids, 2, years, 3, NULL), RC_OK);
    assert_int_equal(rc_panel_add_var(p, "y", &vy, NULL), RC_OK);
    assert_int_equal(rc_panel_add_var(p, "x", &vx, NULL), RC_OK);
    double *Y = rc_panel_var_data_mut(p, vy), *X = rc_panel_var_data_mut(p, vx);
    for (int i = 0; i < 6; i++) {
        Y[i] = 1 + i;
        X[i] = 2 + i;
    }
    X[3] = NAN; /* year 2001, region B */
    const char *terms[] = {"log(x)"};
    rc_model_frame mf;
    rc_error err;
    assert_int_equal(rc_model_frame_build(&mf, p, "y", terms, 1, &err), RC_OK);
    assert_int_equal(mf.n, 5);
    assert_int_equal(mf.dropped, 1);
    assert_rel(mf.x[0], log(2.0), 1e-15);
    assert_int_equal(mf.region[3], 1); /* region-major order */
    rc_model_frame_free(&mf);
    X[1] = -1; /* region B, 2000 */
    assert_int_equal(rc_model_frame_build(&mf, p, "y", terms, 1, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "'B'"));
    assert_non_null(strstr(err.message, "2000"));
    const char *bad[] = {"sqrt(x)"};
    assert_int_equal(rc_model_frame_build(&mf, p, "y", bad, 1, &err), RC_EUSAGE);
    rc_panel_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_produc_ols),
        cmocka_unit_test(test_produc_fe_region),
        cmocka_unit_test(test_produc_fe_year),
        cmocka_unit_test(test_produc_fe_twoway),
        cmocka_unit_test(test_methods02_panel_fe),
        cmocka_unit_test(test_twoway_unbalanced_equals_lsdv),
        cmocka_unit_test(test_collinear_named),
        cmocka_unit_test(test_rank_check_scale_free),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_model_frame_missing_and_log),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
