/* report_simulation.c — the report's simulation section (`regcoord report [DATA] --scenario
 * S.json [--baseline B.json]`): the gap path with its stages and its inverse-U fit, real income
 * and urban shares per region, maps of the final period and the scenario-versus-baseline table
 * (report_simulation_final.c), and the summary table. Numbers come from rc_sim_run, the code
 * behind `regcoord simulate`, and rc_kuznets_fit, the code behind `regcoord kuznets`. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_sections.h"
#include "regcoord/chart.h"
#include "regcoord/kuznets.h"

int rc_report_sim_run(rc_report_sim *s, const char *path, const rc_cli_common *c)
{
    rc_error err;
    memset(s, 0, sizeof *s);
    s->path = path;
    if (rc_sim_scenario_load(&s->sc, path, &err) != RC_OK)
        return rc_cli_fail(&err);
    if (c->seed_given)
        rc_sim_scenario_set_seed(s->sc, (uint64_t)c->seed);
    rc_sim_scenario_set_progress(s->sc, rc_cli_sim_progress, (void *)c);
    int rc = rc_sim_run(&s->res, s->sc, &err);
    rc_cli_progress(c, "", 1, 1);
    return rc == RC_OK ? 0 : rc_cli_fail(&err);
}

void rc_report_sim_free(rc_report_sim *s)
{
    if (!s)
        return;
    rc_sim_result_free(s->res);
    rc_sim_scenario_free(s->sc);
    memset(s, 0, sizeof *s);
}

/* One column of the summary table as a fresh array (NULL when out of memory). */
static double *summary_column(const rc_report_sim *s, const char *name)
{
    const rc_table *t = rc_sim_result_summary(s->res);
    size_t c, T = rc_table_nrows(t);
    double *x = malloc((T ? T : 1) * sizeof *x);
    if (!x || rc_table_find_column(t, name, &c) != RC_OK) {
        free(x);
        return NULL;
    }
    for (size_t k = 0; k < T; k++)
        x[k] = rc_table_get_dbl(t, k, c);
    return x;
}

/* The regions drawn as lines: all when there are at most 8 (the palette's size), else the
 * four with the highest and the four with the lowest final real income. */
static size_t pick_regions(size_t *pick, const rc_panel *p)
{
    size_t n = rc_panel_nregions(p), T = rc_panel_nyears(p), v;
    if (n <= 8 || rc_panel_find_var(p, "real_income", &v, NULL) != RC_OK) {
        size_t m = n < 8 ? n : 8;
        for (size_t i = 0; i < m; i++)
            pick[i] = i;
        return m;
    }
    /* selection by final value, ties by scenario order */
    unsigned char *used = calloc(n, 1);
    if (!used) { /* out of memory: the first eight */
        for (size_t i = 0; i < 8; i++)
            pick[i] = i;
        return 8;
    }
    for (size_t k = 0; k < 8; k++) {
        int top = k < 4;
        size_t best = SIZE_MAX;
        for (size_t i = 0; i < n; i++) {
            if (used[i])
                continue;
            double x = rc_panel_value(p, v, i, T - 1);
            if (best == SIZE_MAX ||
                (top ? x > rc_panel_value(p, v, best, T - 1) : x < rc_panel_value(p, v, best, T - 1)))
                best = i;
        }
        used[best] = 1;
        pick[k] = best;
    }
    free(used);
    return 8;
}

/* One line per picked region of a panel variable. */
static int region_lines(rc_report *r, const rc_report_request *req, const double *year,
                        const char *var, const char *title, const char *caption, const char *id)
{
    rc_error err;
    const rc_panel *p = rc_sim_result_panel(req->sim->res);
    size_t v, n = rc_panel_nregions(p), pick[8], T = rc_panel_nyears(p);
    if (rc_panel_find_var(p, var, &v, &err) != RC_OK)
        return rc_cli_fail(&err);
    size_t m = pick_regions(pick, p);
    rc_chart_series ser[8];
    double *y = malloc((m * T + 1) * sizeof *y);
    if (!y) {
        rc_error_set(&err, RC_ENOMEM, "out of memory");
        return rc_cli_fail(&err);
    }
    for (size_t k = 0; k < m; k++) {
        for (size_t t = 0; t < T; t++)
            y[k * T + t] = rc_panel_value(p, v, pick[k], t);
        ser[k] = (rc_chart_series){rc_panel_region_name(p, pick[k]), year, y + k * T, T};
    }
    char cap[512];
    snprintf(cap, sizeof cap, "%s%s", caption,
             n > 8 ? " The four regions with the highest and the four with the lowest final real "
                     "income; every region is in the final-period table below."
                   : "");
    /* the chart's data: the drawn series, one row per region and year */
    rc_table *t = NULL;
    int rc = rc_table_new(&t, id, &err);
    const char *cols[] = {"region", "name", "year", var};
    for (size_t c = 0; c < 4 && rc == RC_OK; c++)
        rc = rc_table_add_column(t, cols[c], c < 2 ? RC_COL_STR : c == 2 ? RC_COL_INT : RC_COL_DBL,
                                 NULL, &err);
    for (size_t k = 0; k < m && rc == RC_OK; k++)
        for (size_t tt = 0; tt < T && rc == RC_OK; tt++)
            rc = rc_table_append(t, &err, "ssld", rc_panel_region_id(p, pick[k]),
                                 rc_panel_region_name(p, pick[k]), (long long)year[tt],
                                 y[k * T + tt]);
    rc_chart_opts o = {.title = title, .x_label = "year", .y_label = var, .x_integer = 1};
    char *svg = NULL;
    int code = 0;
    if (rc == RC_OK && rc_chart_lines(&svg, &o, ser, m, &err) == RC_OK)
        code = rc_report_add_chart(r, req, id, svg, cap, t);
    else if (err.code != RC_EINSUFFICIENT)
        code = rc_cli_fail(&err);
    rc_table_free(t);
    free(svg);
    free(y);
    return code;
}

/* The first and the last stage period of each stage run, as text. */
static void stage_text(char *buf, size_t size, const rc_table *sum, const double *year)
{
    size_t cst, len = 0;
    buf[0] = 0;
    if (rc_table_find_column(sum, "stage", &cst) != RC_OK)
        return;
    for (size_t k = 0; k < rc_table_nrows(sum); k++) {
        long st = (long)rc_table_get_int(sum, k, cst);
        if (k == 0 || st != (long)rc_table_get_int(sum, k - 1, cst))
            len += (size_t)snprintf(buf + len, len < size ? size - len : 0, "%s%s from %.0f",
                                    len ? "; " : "", rc_sim_stage_name((int)st), year[k]);
    }
}

/* The inverse U of the simulated path, as design V12 tests it: the gap (population-weighted
 * Theil T of real income) on ln mean real income and its square, one point per period. The
 * shape is read from β2 and whether the extremum lies in the observed range: methods/08's
 * `shape` also asks β1 > 0, which fails when the whole path lies at ln y < 0 (design V12b). */
static int inverse_u(rc_report *r, const rc_report_request *req, const double *year,
                     const double *gap, const double *lny, size_t T)
{
    rc_error err;
    rc_kuznets k;
    rc_kuznets_options o;
    rc_kuznets_options_init(&o);
    char text[1024];
    if (T < 5) {
        snprintf(text, sizeof text, "Inverse-U fit: not done, the run has %zu periods (at least 5 "
                 "are needed for a quadratic with a residual degree of freedom to spare).", T);
        return rc_report_text(r, text, &err) == RC_OK ? 0 : rc_cli_fail(&err);
    }
    if (rc_kuznets_fit(&k, gap, lny, NULL, 0, NULL, T, &o, &err) != RC_OK) {
        snprintf(text, sizeof text, "Inverse-U fit: not done (%.900s).", err.message);
        return rc_report_text(r, text, &err) == RC_OK ? 0 : rc_cli_fail(&err);
    }
    size_t reach = T;
    for (size_t t = 0; t < T && k.turning_defined; t++)
        if (lny[t] >= k.x_star) {
            reach = t;
            break;
        }
    const char *shape = !k.turning_defined || !k.inside_range ? "No turn inside the run"
                        : k.b2 < 0                            ? "Inverse U"
                                                              : "U shape";
    char when[96] = "";
    if (reach < T)
        snprintf(when, sizeof when, ", first reached in %.0f", year[reach]);
    snprintf(text, sizeof text,
             "%s: theil_t_w = b0 + b1 ln y + b2 (ln y)², y the mean real income, one point per "
             "period (%zu periods): b1 = %.6g, b2 = %.6g (t = %.3g), R² = %.3f; turning point "
             "ln y* = %.6g (y* = %.4g)%s; observed ln y from %.4g to %.4g; Lind–Mehlum U test "
             "t = %.4g, p = %.3g. The same fit: regcoord simulate S.json -o panel.csv, then "
             "regcoord kuznets panel.csv --region region --year period --value real_income --pop pop.",
             shape, T, k.b1, k.b2, k.ols.t[k.i2], k.ols.r2, k.x_star, exp(k.x_star), when, k.x_min,
             k.x_max, k.u_t, k.u_p);
    rc_table *t = NULL;
    char *svg = NULL;
    double *fit = malloc(T * sizeof *fit);
    int rc = fit ? rc_report_text(r, text, &err) : rc_error_set(&err, RC_ENOMEM, "out of memory");
    if (rc == RC_OK)
        rc = rc_table_new(&t, "simulation_inverse_u", &err);
    const char *cols[] = {"year", "ln_mean_real_income", "theil_t_w", "fitted"};
    for (size_t c = 0; c < 4 && rc == RC_OK; c++)
        rc = rc_table_add_column(t, cols[c], c ? RC_COL_DBL : RC_COL_INT, NULL, &err);
    for (size_t s = 0; s < T && rc == RC_OK; s++) {
        fit[s] = gap[s] - k.ols.resid[s];
        rc = rc_table_append(t, &err, "lddd", (long long)year[s], lny[s], gap[s], fit[s]);
    }
    int code = 0;
    if (rc == RC_OK) {
        rc_chart_series ser[2] = {{"gap (per period)", lny, gap, T}, {"fitted quadratic", lny, fit, T}};
        rc_chart_opts co = {.title = "Simulated inverse U: the gap against ln mean real income",
                            .x_label = "ln mean real income", .y_label = "theil_t_w",
                            .y_from_zero = 1};
        rc = rc_chart_lines(&svg, &co, ser, 2, &err);
    }
    if (rc == RC_OK)
        code = rc_report_add_chart(r, req, "simulation_inverse_u", svg,
                                   "The simulated gap and its quadratic fit against ln mean real "
                                   "income (periods run left to right while income grows).", t);
    else
        code = rc_cli_fail(&err);
    free(svg);
    free(fit);
    rc_table_free(t);
    rc_kuznets_free(&k);
    return code;
}

/* With replicates (shocks): the gap's 5 %, 50 % and 95 % quantiles over the replicates per
 * period, from the table `regcoord simulate --table replicates` prints. */
static int replicate_band(rc_report *r, const rc_report_request *req)
{
    const rc_table *rep = rc_sim_result_replicates(req->sim->res);
    if (!rep)
        return 0;
    rc_error err;
    size_t cy, cs, cq[3], n = rc_table_nrows(rep), m = 0;
    static const char *const qn[3] = {"q05", "q50", "q95"};
    rc_table_find_column(rep, "year", &cy);
    rc_table_find_column(rep, "statistic", &cs);
    for (int q = 0; q < 3; q++)
        rc_table_find_column(rep, qn[q], &cq[q]);
    double *buf = malloc((4 * n + 1) * sizeof *buf);
    if (!buf) {
        rc_error_set(&err, RC_ENOMEM, "out of memory");
        return rc_cli_fail(&err);
    }
    double *x = buf, *y[3] = {buf + n, buf + 2 * n, buf + 3 * n};
    for (size_t k = 0; k < n; k++)
        if (!strcmp(rc_table_get_str(rep, k, cs), "theil_t_w")) {
            x[m] = rc_table_get_dbl(rep, k, cy);
            for (int q = 0; q < 3; q++)
                y[q][m] = rc_table_get_dbl(rep, k, cq[q]);
            m++;
        }
    rc_chart_series ser[3] = {{"95 % quantile", x, y[2], m}, {"median", x, y[1], m},
                              {"5 % quantile", x, y[0], m}};
    rc_chart_opts o = {.title = "The gap over the replicates (random shocks)", .x_label = "year",
                       .y_label = "theil_t_w", .x_integer = 1, .y_from_zero = 1};
    char *svg = NULL, caption[160];
    snprintf(caption, sizeof caption, "Quantiles of theil_t_w per period over %zu replicates "
             "(regcoord simulate --table replicates).", rc_sim_scenario_replicates(req->sim->sc));
    int code = rc_chart_lines(&svg, &o, ser, 3, &err) == RC_OK
                   ? rc_report_add_chart(r, req, "simulation_replicates", svg, caption, rep)
                   : rc_cli_fail(&err);
    free(svg);
    free(buf);
    return code;
}

/* The scenario's own sweep block: the final gap (and its peak) against the parameter, with
 * the value that minimizes the final gap — the numbers of `regcoord simulate S.json`. A grid
 * of several parameters is given as its table. */
static int sweep_part(rc_report *r, const rc_report_request *req)
{
    const rc_sim_axis *axes;
    size_t naxes = rc_sim_scenario_sweep(req->sim->sc, &axes);
    if (!naxes)
        return 0;
    rc_error err;
    rc_table *t = NULL;
    size_t best;
    int rc = rc_sim_sweep_grid(&t, &best, req->sim->sc, axes, naxes, &err);
    rc_cli_progress(req->common, "", 1, 1);
    if (rc)
        return rc_cli_fail(&err);
    char text[512];
    int code = 0;
    if (naxes > 1) {
        snprintf(text, sizeof text, "The scenario's sweep over a grid of %zu parameters "
                 "(regcoord simulate %s): final indices per point.", naxes, req->sim->path);
        if (rc_report_text(r, text, &err) != RC_OK ||
            rc_report_table(r, t, "Sweep grid: final indices per point", 80, "simulation_sweep",
                            &err) != RC_OK)
            code = rc_cli_fail(&err);
        rc_table_free(t);
        return code;
    }
    const size_t nv = axes[0].n;
    double *y = malloc((2 * nv + 1) * sizeof *y), *pk = y ? y + nv : NULL;
    size_t cs, cv;
    rc_table_find_column(t, "statistic", &cs);
    rc_table_find_column(t, "value", &cv);
    for (size_t k = 0; y && k < rc_table_nrows(t); k++) {
        const char *st = rc_table_get_str(t, k, cs);
        if (!strcmp(st, "theil_t_w"))
            y[k / 8] = rc_table_get_dbl(t, k, cv);
        else if (!strcmp(st, "peak_theil_t_w"))
            pk[k / 8] = rc_table_get_dbl(t, k, cv);
    }
    char *svg = NULL;
    if (!y)
        rc = rc_error_set(&err, RC_ENOMEM, "out of memory");
    if (!rc) {
        snprintf(text, sizeof text, "Sweep of %s over %zu values (the scenario's sweep block): "
                 "the final gap is smallest at %s = %.6g (theil_t_w %.4g).", axes[0].param, nv,
                 axes[0].param, axes[0].values[best], y[best]);
        rc = rc_report_text(r, text, &err);
    }
    if (!rc) {
        rc_chart_series ser[2] = {{"final theil_t_w", axes[0].values, y, nv},
                                  {"peak theil_t_w", axes[0].values, pk, nv}};
        rc_chart_opts o = {.title = "The gap against the swept parameter", .x_label = axes[0].param,
                           .y_label = "theil_t_w", .y_from_zero = 1};
        rc = rc_chart_lines(&svg, &o, ser, 2, &err);
    }
    code = rc ? rc_cli_fail(&err)
              : rc_report_add_chart(r, req, "simulation_sweep", svg,
                                    "Final and peak gap per value of the swept parameter "
                                    "(regcoord simulate S.json).", t);
    free(svg);
    free(y);
    rc_table_free(t);
    return code;
}

int rc_report_simulation_section(rc_report *r, const rc_panel *p, const rc_report_request *req)
{
    (void)p;
    if (!req->sim)
        return 0;
    rc_error err;
    const rc_report_sim *s = req->sim, *b = req->baseline;
    const rc_table *sum = rc_sim_result_summary(s->res);
    size_t T = rc_table_nrows(sum), Tb = b ? rc_table_nrows(rc_sim_result_summary(b->res)) : 0;
    double *year = summary_column(s, "year"), *gap = summary_column(s, "theil_t_w"),
           *lny = summary_column(s, "mean_real_income");
    double *byear = b ? summary_column(b, "year") : NULL, *bgap = b ? summary_column(b, "theil_t_w") : NULL;
    char *svg = NULL;
    int code = 0;
    if (!year || !gap || !lny || (b && (!byear || !bgap))) {
        rc_error_set(&err, RC_ENOMEM, "out of memory");
        code = rc_cli_fail(&err);
        goto done;
    }
    size_t peak = 0;
    for (size_t k = 0; k < T; k++) {
        if (gap[k] > gap[peak])
            peak = k;
        lny[k] = log(lny[k]);
    }
    char text[1536], stages[768];
    stage_text(stages, sizeof stages, sum, year);
    snprintf(text, sizeof text,
             "Scenario %s (%s): %zu regions, %zu periods. The real-income gap (population-weighted "
             "Theil T) peaks at %.4g in %.0f; stages: %s.%s%s%s",
             s->path, rc_sim_scenario_name(s->sc), rc_sim_scenario_nregions(s->sc), T, gap[peak],
             year[peak], stages, b ? " Baseline: " : "", b ? b->path : "", b ? "." : "");
    if (rc_report_section(r, "simulation", "Simulation", &err) != RC_OK ||
        rc_report_text(r, text, &err) != RC_OK) {
        code = rc_cli_fail(&err);
        goto done;
    }
    rc_chart_series g[2] = {{b ? "scenario" : NULL, year, gap, T}, {"baseline", byear, bgap, Tb}};
    rc_chart_opts o = {.title = "Simulated gap: theil_t_w of real income", .x_label = "year",
                       .y_label = "theil_t_w", .x_integer = 1, .y_from_zero = 1};
    if (rc_chart_lines(&svg, &o, g, b ? 2 : 1, &err) != RC_OK) {
        code = rc_cli_fail(&err);
        goto done;
    }
    code = rc_report_add_chart(r, req, "simulation_gap", svg,
                               b ? "The gap path of the scenario and of the baseline."
                                 : "The gap path and its stages.",
                               sum);
    if (!code)
        code = replicate_band(r, req);
    if (!code)
        code = inverse_u(r, req, year, gap, lny, T);
    if (!code)
        code = region_lines(r, req, year, "real_income", "Real income per person",
                            "Real income per person by region.", "simulation_income");
    if (!code)
        code = region_lines(r, req, year, "urban_share", "Share of urban workers",
                            "Urban workers' distribution over regions: agglomeration and "
                            "dispersion.", "simulation_urban");
    if (!code)
        code = sweep_part(r, req);
    if (!code)
        code = rc_report_simulation_maps(r, req);
    if (!code)
        code = rc_report_simulation_comparison(r, req);
    if (!code && rc_report_table(r, sum, "Summary per period (regcoord simulate --table summary).",
                                 40, "simulation_summary", &err) != RC_OK)
        code = rc_cli_fail(&err);
done:
    free(svg);
    free(year), free(gap), free(lny), free(byear), free(bgap);
    return code;
}
