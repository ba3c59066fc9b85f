/* report_simulation.c — the report's simulation section (`regcoord report … --scenario S.json
 * [--baseline B.json]`): the scenario's gap path with its stages (and the baseline's, for a
 * scenario-versus-baseline comparison), real income and urban shares per region, and the
 * summary table. Numbers come from rc_sim_run, the code behind `regcoord simulate`. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_sections.h"
#include "regcoord/chart.h"
#include "regcoord/simulate.h"

typedef struct {
    rc_sim_scenario *sc;
    rc_sim_result *res;
    double *x, *gap;
    size_t T;
} sim_run;

static void sim_run_free(sim_run *s)
{
    rc_sim_result_free(s->res);
    rc_sim_scenario_free(s->sc);
    free(s->x);
    free(s->gap);
}

/* Load and run one scenario; the x axis is the summary's year column. */
static int sim_load(sim_run *s, const char *path, const rc_cli_common *c)
{
    rc_error err;
    memset(s, 0, sizeof *s);
    if (rc_sim_scenario_load(&s->sc, path, &err) != RC_OK)
        return rc_cli_fail(&err);
    if (c->seed_given)
        rc_sim_scenario_set_seed(s->sc, (uint64_t)c->seed);
    if (rc_sim_run(&s->res, s->sc, &err) != RC_OK)
        return rc_cli_fail(&err);
    const rc_table *t = rc_sim_result_summary(s->res);
    size_t cy, cg;
    rc_table_find_column(t, "year", &cy);
    rc_table_find_column(t, "theil_t_w", &cg);
    s->T = rc_table_nrows(t);
    s->x = malloc(s->T * sizeof *s->x);
    s->gap = malloc(s->T * sizeof *s->gap);
    if (!s->x || !s->gap) {
        rc_error_set(&err, RC_ENOMEM, "out of memory");
        return rc_cli_fail(&err);
    }
    for (size_t k = 0; k < s->T; k++) {
        s->x[k] = (double)rc_table_get_int(t, k, cy);
        s->gap[k] = rc_table_get_dbl(t, k, cg);
    }
    return 0;
}

/* One line per region (at most 12, in scenario order) of a panel variable. */
static int region_lines(rc_report *r, const rc_report_request *req, const sim_run *s,
                        const char *var, const char *title, const char *caption, const char *id)
{
    rc_error err;
    const rc_panel *p = rc_sim_result_panel(s->res);
    size_t v, n = rc_panel_nregions(p), m = n < 12 ? n : 12;
    if (rc_panel_find_var(p, var, &v, &err) != RC_OK)
        return rc_cli_fail(&err);
    rc_chart_series ser[12];
    for (size_t i = 0; i < m; i++) {
        double *y = malloc(s->T * sizeof *y);
        if (!y)
            return 3;
        for (size_t t = 0; t < s->T; t++)
            y[t] = rc_panel_value(p, v, i, t);
        ser[i] = (rc_chart_series){rc_panel_region_id(p, i), s->x, y, s->T};
    }
    rc_chart_opts o = {.title = title, .x_label = "year", .y_label = var, .x_integer = 1};
    char *svg = NULL;
    int code = 0;
    if (rc_chart_lines(&svg, &o, ser, m, &err) == RC_OK)
        code = rc_report_add_chart(r, req, id, svg, caption, NULL);
    else if (err.code != RC_EINSUFFICIENT)
        code = rc_cli_fail(&err);
    free(svg);
    for (size_t i = 0; i < m; i++)
        free((double *)ser[i].y);
    return code;
}

int rc_report_simulation_section(rc_report *r, const rc_panel *p, const rc_report_request *req)
{
    (void)p;
    if (!req->scenario)
        return 0;
    rc_error err;
    sim_run s, b;
    memset(&b, 0, sizeof b);
    int code = sim_load(&s, req->scenario, req->common);
    if (!code && req->baseline)
        code = sim_load(&b, req->baseline, req->common);
    if (code) {
        sim_run_free(&s);
        sim_run_free(&b);
        return code;
    }
    const rc_table *sum = rc_sim_result_summary(s.res);
    size_t cst;
    rc_table_find_column(sum, "stage", &cst);
    char text[1024], stages[512] = "";
    size_t len = 0, peak = 0;
    for (size_t k = 0; k < s.T; k++) {
        if (s.gap[k] > s.gap[peak])
            peak = k;
        long st = (long)rc_table_get_int(sum, k, cst);
        if (k == 0 || st != (long)rc_table_get_int(sum, k - 1, cst))
            len += (size_t)snprintf(stages + len, len < sizeof stages ? sizeof stages - len : 0,
                                    "%s%s from %.0f", len ? "; " : "", rc_sim_stage_name((int)st),
                                    s.x[k]);
    }
    snprintf(text, sizeof text,
             "Scenario %s (%s): %zu regions, %zu periods. The real-income gap (population-weighted "
             "Theil T) peaks at %.4g in %.0f; stages: %s.",
             req->scenario, rc_sim_scenario_name(s.sc), rc_sim_scenario_nregions(s.sc), s.T,
             s.gap[peak], s.x[peak], stages);
    if (rc_report_section(r, "simulation", "Simulation", &err) != RC_OK ||
        rc_report_text(r, text, &err) != RC_OK) {
        code = rc_cli_fail(&err);
        goto done;
    }
    rc_chart_series g[2] = {{req->baseline ? "scenario" : NULL, s.x, s.gap, s.T},
                            {"baseline", b.x, b.gap, b.T}};
    rc_chart_opts o = {.title = "Simulated gap: theil_t_w of real income", .x_label = "year",
                       .y_label = "theil_t_w", .x_integer = 1, .y_from_zero = 1};
    char *svg = NULL;
    if (rc_chart_lines(&svg, &o, g, req->baseline ? 2 : 1, &err) != RC_OK) {
        code = rc_cli_fail(&err);
        goto done;
    }
    code = rc_report_add_chart(r, req, "simulation_gap", svg,
                               req->baseline ? "The gap path of the scenario and of the baseline."
                                             : "The gap path: the inverse U and its stages.",
                               sum);
    free(svg);
    if (!code)
        code = region_lines(r, req, &s, "real_income", "Real income per person",
                            "Real income per person by region (first 12 regions).",
                            "simulation_income");
    if (!code)
        code = region_lines(r, req, &s, "urban_share", "Share of urban workers",
                            "Urban workers' distribution over regions: agglomeration and "
                            "dispersion.", "simulation_urban");
    if (!code && rc_report_table(r, sum, "Summary per period (regcoord simulate --table summary).",
                                 40, "simulation_summary", &err) != RC_OK)
        code = rc_cli_fail(&err);
done:
    sim_run_free(&s);
    sim_run_free(&b);
    return code;
}
