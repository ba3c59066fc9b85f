/* convergence_table.c — sigma path, trend and beta fit of a panel as one tidy table. */
#include "convergence_table.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/disparity.h"

void rc_convergence_request_init(rc_convergence_request *req)
{
    memset(req, 0, sizeof *req);
    req->beta = RC_BETA_CROSS;
    req->window = 1;
    req->vcov = RC_VCOV_CLASSIC;
}

static int add_row(rc_table *t, int year, const char *stat, double v, double se, double tv,
                   double p, rc_error *err)
{
    return rc_table_append(t, err, "isdddd", year, stat, v, se, tv, p);
}

static int add_est(rc_table *t, int year, const char *stat, const rc_estimate *e, rc_error *err)
{
    return add_row(t, year, stat, e->value, e->std_error, e->t, e->p_value, err);
}

/* 1 when some variable has no value at all in year t. */
static int empty_year(const rc_panel *p, const size_t *vars, size_t nv, size_t t)
{
    size_t n = rc_panel_nregions(p);
    for (size_t v = 0; v < nv; v++) {
        size_t i = 0;
        while (i < n && isnan(rc_panel_value(p, vars[v], i, t)))
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

int rc_conv_listwise(rc_panel **out, const rc_panel *p, const size_t *vars, size_t nv,
                     const rc_cli_common *c, rc_error *err)
{
    *out = NULL;
    /* Leading and trailing years without any value (a variable not yet or no longer
     * published) are cut off first, so they do not drop every region; a gap inside the
     * range is left to the listwise rule (transitions must span one year). */
    size_t T = rc_panel_nyears(p), t0 = 0, t1 = T;
    while (t0 < T && empty_year(p, vars, nv, t0))
        t0++;
    while (t1 > t0 && empty_year(p, vars, nv, t1 - 1))
        t1--;
    if (t1 == t0)
        return rc_error_set(err, RC_EINSUFFICIENT, "no year has values of %s", rc_panel_var_name(p, vars[0]));
    rc_panel *cut = NULL;
    if (t0 > 0 || t1 < T) {
        int rc = rc_panel_select_years(&cut, p, rc_panel_year(p, t0), rc_panel_year(p, t1 - 1), err);
        if (rc != RC_OK)
            return rc;
        rc_cli_note(c, "using the years %d to %d: the others have no %s values", rc_panel_year(p, t0),
                    rc_panel_year(p, t1 - 1), nv == 1 ? rc_panel_var_name(p, vars[0]) : "(complete)");
        p = cut;
        T = t1 - t0;
    }
    size_t n = rc_panel_nregions(p), m = 0, nd = 0;
    size_t *keep = malloc((n ? n : 1) * sizeof *keep);
    if (!keep) {
        rc_panel_free(cut);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    char names[512] = "";
    for (size_t i = 0; i < n; i++) {
        int ok = 1;
        for (size_t v = 0; v < nv && ok; v++)
            for (size_t t = 0; t < T && ok; t++)
                ok = !isnan(rc_panel_value(p, vars[v], i, t));
        if (ok) {
            keep[m++] = i;
        } else if (nd++ < 10) {
            size_t len = strlen(names);
            snprintf(names + len, sizeof names - len, "%s%s", len ? ", " : "", rc_panel_region_id(p, i));
        }
    }
    if (nd)
        rc_cli_note(c, "dropped %zu region%s with a missing value in the years used (listwise): %s%s",
                    nd, nd == 1 ? "" : "s", names, nd > 10 ? ", …" : "");
    int rc = m ? rc_panel_select_regions(out, p, keep, m, err)
               : rc_error_set(err, RC_EINSUFFICIENT, "no region has a value in every year from %d to %d "
                              "(choose the years with --years A:B)", rc_panel_year(p, 0), rc_panel_year(p, T - 1));
    free(keep);
    rc_panel_free(cut);
    return rc;
}

int rc_conv_check_positive(const rc_panel *p, size_t v, const char *what, rc_error *err)
{
    size_t n = rc_panel_nregions(p), T = rc_panel_nyears(p);
    for (size_t t = 0; t < T; t++)
        for (size_t i = 0; i < n; i++) {
            double y = rc_panel_value(p, v, i, t);
            if (!(y > 0))
                return rc_error_set(err, RC_EINPUT,
                                    "%s needs positive values; '%s' has %s = %g in %d", what,
                                    rc_panel_region_name(p, i), rc_panel_var_name(p, v), y,
                                    rc_panel_year(p, t));
        }
    return RC_OK;
}

static int sigma_rows(rc_table *t, const rc_panel *p, size_t vy, const size_t *vp,
                      const rc_convergence_request *req, rc_error *err)
{
    size_t n = rc_panel_nregions(p), T = rc_panel_nyears(p);
    double *sig = malloc(T * sizeof *sig), *yr = malloc(T * sizeof *yr);
    int rc = sig && yr ? RC_OK : rc_error_set(err, RC_ENOMEM, "out of memory");
    for (size_t k = 0; k < T && rc == RC_OK; k++) {
        int year = rc_panel_year(p, k);
        const double *y = rc_panel_column(p, vy, k);
        double cv, cvw = NAN;
        yr[k] = year;
        rc = rc_sigma_sd_log(&sig[k], y, n, req->sd_sample, err);
        if (rc == RC_OK)
            rc = rc_cv(&cv, y, n, req->sd_sample, err);
        if (rc == RC_OK && vp)
            rc = rc_williamson(&cvw, y, rc_panel_column(p, *vp, k), n, err);
        if (rc == RC_OK)
            rc = add_row(t, year, "sigma_sd_log", sig[k], NAN, NAN, NAN, err);
        if (rc == RC_OK)
            rc = add_row(t, year, "sigma_cv", cv, NAN, NAN, NAN, err);
        if (rc == RC_OK && vp)
            rc = add_row(t, year, "sigma_cv_w", cvw, NAN, NAN, NAN, err);
    }
    int last = T ? rc_panel_year(p, T - 1) : 0;
    if (rc == RC_OK && T >= 3) {
        rc_estimate slope, icpt;
        rc = rc_trend(&slope, &icpt, yr, sig, T, err);
        if (rc == RC_OK)
            rc = add_est(t, last, "sigma_trend", &slope, err);
    }
    if (rc == RC_OK && T >= 2) {
        double F, pv;
        rc = rc_sigma_f_test(&F, &pv, rc_panel_column(p, vy, 0), rc_panel_column(p, vy, T - 1), n, err);
        if (rc == RC_OK)
            rc = add_row(t, last, "sigma_f", F, NAN, NAN, pv, err);
    }
    free(sig), free(yr);
    return rc;
}

static int beta_rows(rc_table *t, const rc_panel *p, size_t vy, const size_t *vx, char **xnames,
                     size_t q, const rc_convergence_request *req, const rc_cli_common *c,
                     rc_error *err)
{
    size_t n = rc_panel_nregions(p), T = rc_panel_nyears(p);
    rc_beta_fit f;
    rc_estimate *gam = calloc(q + 1, sizeof *gam);
    double *x = NULL;
    int end_year, rc = RC_OK;
    if (!gam)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    if (req->beta == RC_BETA_CROSS) {
        int a = rc_panel_year(p, 0), b = rc_panel_year(p, T - 1);
        size_t ta = 0, tb = T - 1;
        if (req->period && (rc = rc_parse_year_range(req->period, &a, &b, err)) == RC_OK) {
            if (a == INT_MIN)
                a = rc_panel_year(p, 0);
            if (b == INT_MAX)
                b = rc_panel_year(p, T - 1);
            if (rc_panel_find_year(p, a, &ta, NULL) != RC_OK || rc_panel_find_year(p, b, &tb, NULL) != RC_OK ||
                tb <= ta)
                rc = rc_error_set(err, RC_EUSAGE, "--period %s: both years must be in the data, the first "
                                  "before the second (data: %d to %d)", req->period,
                                  rc_panel_year(p, 0), rc_panel_year(p, T - 1));
        }
        if (rc == RC_OK && !(x = malloc((n * q + 1) * sizeof *x)))
            rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        for (size_t i = 0; i < n && rc == RC_OK; i++)
            for (size_t j = 0; j < q; j++)
                x[i * q + j] = rc_panel_value(p, vx[j], i, ta); /* controls at the initial year */
        a = rc_panel_year(p, ta), b = rc_panel_year(p, tb);
        end_year = b;
        if (rc == RC_OK)
            rc = rc_beta_cross(&f, gam, rc_panel_column(p, vy, ta), rc_panel_column(p, vy, tb),
                               (double)(b - a), req->total_growth, x, q, n, req->vcov, err);
    } else {
        if (!(x = malloc((n * T * q + 1) * sizeof *x)))
            rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        for (size_t j = 0; j < q && rc == RC_OK; j++)
            memcpy(x + j * n * T, rc_panel_var_data(p, vx[j]), n * T * sizeof *x);
        size_t P = T > req->window ? (T - 1) / req->window : 0;
        end_year = rc_panel_year(p, P * req->window);
        if (rc == RC_OK)
            rc = rc_beta_panel(&f, gam, rc_panel_var_data(p, vy), n, T, req->window, x, q,
                               req->twoways, req->vcov, err);
    }
    if (rc == RC_OK)
        rc = add_est(t, end_year, "beta", &f.beta, err);
    if (rc == RC_OK && req->beta == RC_BETA_CROSS)
        rc = add_est(t, end_year, "beta_const", &f.alpha, err);
    for (size_t j = 0; j < q && rc == RC_OK; j++) {
        char name[300];
        snprintf(name, sizeof name, "gamma_%s", xnames[j]);
        rc = add_est(t, end_year, name, &gam[j], err);
    }
    if (rc == RC_OK && f.speed_defined) {
        rc = add_row(t, end_year, "speed", f.speed, NAN, NAN, NAN, err);
        if (rc == RC_OK)
            rc = add_row(t, end_year, "half_life", f.half_life, NAN, NAN, NAN, err);
    } else if (rc == RC_OK) {
        rc_cli_note(c, "beta = %g: no convergence (β ≥ 0 or 1 + βT ≤ 0), so speed and half_life "
                    "are not defined and not reported", f.beta.value);
    }
    if (rc == RC_OK)
        rc = add_row(t, end_year, "r2", f.r2, NAN, NAN, NAN, err);
    if (rc == RC_OK)
        rc = add_row(t, end_year, "n_obs", (double)f.nobs, NAN, NAN, NAN, err);
    free(gam), free(x);
    return rc;
}

int rc_convergence_table(rc_table **out, const rc_panel *panel, const rc_convergence_request *req,
                         const rc_cli_common *c)
{
    *out = NULL;
    rc_error err;
    rc_error_clear(&err);
    size_t vy, vp, nv = 0, q = 0, *vars = NULL, *vx = NULL;
    char **xnames = NULL;
    int code;
    if ((code = rc_cli_find_var(panel, req->value, &vy)) != 0)
        return code;
    if (req->pop && (code = rc_cli_find_var(panel, req->pop, &vp)) != 0)
        return code;
    if (req->controls && (rc_cli_split_list(req->controls, &xnames, &q) != RC_OK || q == 0)) {
        rc_cli_free_list(xnames, q);
        return rc_cli_usage_error("--controls needs a comma-separated list of variables");
    }
    if (req->controls && req->beta == RC_BETA_NONE) {
        rc_cli_free_list(xnames, q);
        return rc_cli_usage_error("--controls is for beta convergence, not with --beta none");
    }
    vars = malloc((q + 2) * sizeof *vars);
    vx = malloc((q + 1) * sizeof *vx);
    if (!vars || !vx) {
        free(vars), free(vx), rc_cli_free_list(xnames, q);
        rc_error_set(&err, RC_ENOMEM, "out of memory");
        return rc_cli_fail(&err);
    }
    vars[nv++] = vy;
    if (req->pop)
        vars[nv++] = vp;
    for (size_t j = 0; j < q && !code; j++)
        if ((code = rc_cli_find_var(panel, xnames[j], &vx[j])) == 0)
            vars[nv++] = vx[j];
    rc_panel *p = NULL;
    rc_table *t = NULL;
    int rc = RC_OK;
    if (code)
        goto done;
    if ((rc = rc_conv_listwise(&p, panel, vars, nv, c, &err)) != RC_OK)
        goto done;
    if (rc_panel_nyears(p) < 2) {
        rc = rc_error_set(&err, RC_EINSUFFICIENT, "convergence needs at least 2 years (the data have %zu)",
                          rc_panel_nyears(p));
        goto done;
    }
    if ((rc = rc_conv_check_positive(p, vy, "convergence (logs)", &err)) != RC_OK)
        goto done;
    if (req->pop && (rc = rc_conv_check_positive(p, vp, "sigma_cv_w (population weights)", &err)) != RC_OK)
        goto done;
    if ((rc = rc_table_new(&t, "convergence", &err)) != RC_OK)
        goto done;
    const char *cols[] = {"year", "statistic", "value", "std_error", "t", "p_value"};
    for (int k = 0; k < 6 && rc == RC_OK; k++)
        rc = rc_table_add_column(t, cols[k], k == 0 ? RC_COL_INT : k == 1 ? RC_COL_STR : RC_COL_DBL,
                                 NULL, &err);
    if (rc == RC_OK)
        rc = sigma_rows(t, p, vy, req->pop ? &vp : NULL, req, &err);
    if (rc == RC_OK && req->beta != RC_BETA_NONE)
        rc = beta_rows(t, p, vy, vx, xnames, q, req, c, &err);
done:
    free(vars), free(vx), rc_cli_free_list(xnames, q);
    rc_panel_free(p);
    if (code || rc != RC_OK) {
        rc_table_free(t);
        if (code)
            return code;
        return err.code == RC_EUSAGE ? rc_cli_usage_error("%s", err.message) : rc_cli_fail(&err);
    }
    *out = t;
    return 0;
}
