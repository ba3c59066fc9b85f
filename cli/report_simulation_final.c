/* report_simulation_final.c — the final period of a simulation in the report: a table of every
 * region's final state, choropleth maps of it on the --geo polygons (real income relative to
 * the mean, urbanization, and the change against --baseline), and the scenario-versus-baseline
 * table of the summary's indices. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_sections.h"

/* Class bounds of the three maps: class c holds values in [bound[c-1], bound[c]). */
static const double rel_bounds[] = {0.8, 0.95, 1.05, 1.25};
static const char *const rel_labels[] = {"below 0.80 of the mean", "0.80–0.95", "0.95–1.05",
                                         "1.05–1.25", "1.25 of the mean or more"};
static const double urb_bounds[] = {0.2, 0.4, 0.6, 0.8};
static const char *const urb_labels[] = {"below 20%", "20–40%", "40–60%", "60–80%", "80% or more"};
static const double chg_bounds[] = {-5, -1, 1, 5};
static const char *const chg_labels[] = {"below −5%", "−5% to −1%", "−1% to +1%", "+1% to +5%",
                                         "+5% or more"};
/* ColorBrewer RdBu (diverging, colour-blind safe) and YlGn (sequential), five classes. */
static const char *const diverging[] = {"#CA0020", "#F4A582", "#F7F7F7", "#92C5DE", "#0571B0"};
static const char *const sequential[] = {"#FFFFCC", "#C2E699", "#78C679", "#31A354", "#006837"};

static int class_of(double x, const double *bounds)
{
    if (!isfinite(x))
        return -1;
    int c = 0;
    while (c < 4 && x >= bounds[c])
        c++;
    return c;
}

/* The final period's value of var for region i of the panel. */
static double final_value(const rc_panel *p, const char *var, size_t i)
{
    size_t v;
    if (rc_panel_find_var(p, var, &v, NULL) != RC_OK)
        return NAN;
    return rc_panel_value(p, v, i, rc_panel_nyears(p) - 1);
}

/* The summary's final-period value of a column (NaN when absent). */
static double final_summary(const rc_report_sim *s, const char *col)
{
    const rc_table *t = rc_sim_result_summary(s->res);
    size_t c, T = rc_table_nrows(t);
    if (!T || rc_table_find_column(t, col, &c) != RC_OK)
        return NAN;
    return rc_table_get_dbl(t, T - 1, c);
}

typedef struct {
    size_t n;
    const char **ids, **names;
    double *rel, *urb, *chg;
    int *cls; /* scratch: the classes of one map */
} final_state;

static void final_state_free(final_state *f)
{
    free(f->ids), free(f->names), free(f->rel), free(f->urb), free(f->chg), free(f->cls);
}

/* Real income relative to the (population-weighted) mean, urbanization, and the per cent change
 * of real income against the baseline's region with the same id (NaN where there is none). */
static int final_state_build(final_state *f, rc_table **table, const rc_report_request *req,
                             rc_error *err)
{
    const rc_panel *p = rc_sim_result_panel(req->sim->res);
    const rc_panel *bp = req->baseline ? rc_sim_result_panel(req->baseline->res) : NULL;
    size_t n = rc_panel_nregions(p);
    memset(f, 0, sizeof *f);
    f->n = n;
    f->ids = malloc(n * sizeof *f->ids);
    f->names = malloc(n * sizeof *f->names);
    f->rel = malloc(n * sizeof *f->rel);
    f->urb = malloc(n * sizeof *f->urb);
    f->chg = malloc(n * sizeof *f->chg);
    f->cls = malloc(n * sizeof *f->cls);
    if (!f->ids || !f->names || !f->rel || !f->urb || !f->chg || !f->cls)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    double mean = final_summary(req->sim, "mean_real_income");
    int rc = rc_table_new(table, "simulation_final", err);
    const char *cols[] = {"region", "name", "real_income", "relative_to_mean", "urbanization",
                          "urban_share", "baseline_real_income", "change_pct"};
    for (size_t c = 0; c < 8 && rc == RC_OK; c++)
        rc = rc_table_add_column(*table, cols[c], c < 2 ? RC_COL_STR : RC_COL_DBL, NULL, err);
    for (size_t i = 0; i < n && rc == RC_OK; i++) {
        f->ids[i] = rc_panel_region_id(p, i);
        f->names[i] = rc_panel_region_name(p, i);
        double y = final_value(p, "real_income", i), yb = NAN;
        size_t j;
        if (bp && rc_panel_find_region(bp, f->ids[i], &j, NULL) == RC_OK)
            yb = final_value(bp, "real_income", j);
        f->rel[i] = y / mean;
        f->urb[i] = final_value(p, "urbanization", i);
        f->chg[i] = isfinite(yb) && yb > 0 ? 100 * (y / yb - 1) : NAN;
        rc = rc_table_append(*table, err, "ssdddddd", f->ids[i], f->names[i], y, f->rel[i],
                             f->urb[i], final_value(p, "urban_share", i), yb, f->chg[i]);
    }
    return rc;
}

static int one_map(rc_report *r, const rc_report_request *req, final_state *f, const double *x,
                   const double *bounds, const char *const *labels, const char *const *colors,
                   const char *name, const char *title, const char *caption, const rc_table *data)
{
    for (size_t i = 0; i < f->n; i++)
        f->cls[i] = class_of(x[i], bounds);
    return rc_report_add_map(r, req, f->ids, f->names, f->cls, f->n, labels, colors, 5, name,
                             title, caption, data);
}

int rc_report_simulation_maps(rc_report *r, const rc_report_request *req)
{
    rc_error err;
    final_state f;
    rc_table *t = NULL;
    int code = 0;
    if (final_state_build(&f, &t, req, &err) != RC_OK) {
        code = rc_cli_fail(&err);
        goto done;
    }
    char caption[256];
    snprintf(caption, sizeof caption, "Final period (%d) by region.",
             rc_panel_year(rc_sim_result_panel(req->sim->res),
                           rc_panel_nyears(rc_sim_result_panel(req->sim->res)) - 1));
    if (rc_report_table(r, t, caption, 40, "simulation_final", &err) != RC_OK) {
        code = rc_cli_fail(&err);
        goto done;
    }
    const rc_geometry *g = req->geometry;
    if (!g)
        goto done;
    size_t matched = 0;
    for (size_t i = 0; i < f.n; i++)
        for (size_t k = 0; k < g->n; k++)
            if (rc_region_ids_match(g->ids[k], f.ids[i])) {
                matched++;
                break;
            }
    if (!matched) {
        snprintf(caption, sizeof caption, "Maps of the final period: left out, no region id of "
                 "the scenario matches an id of %s.", req->geo);
        if (rc_report_text(r, caption, &err) != RC_OK)
            code = rc_cli_fail(&err);
        goto done;
    }
    code = one_map(r, req, &f, f.rel, rel_bounds, rel_labels, diverging, "simulation_map_income",
                   "Final real income per person, relative to the mean",
                   "Real income per person in the final period over the population-weighted mean.",
                   t);
    if (!code)
        code = one_map(r, req, &f, f.urb, urb_bounds, urb_labels, sequential,
                       "simulation_map_urbanization", "Final urbanization",
                       "Urban workers over population in the final period.", t);
    if (!code && req->baseline)
        code = one_map(r, req, &f, f.chg, chg_bounds, chg_labels, diverging,
                       "simulation_map_change", "Scenario against baseline: final real income",
                       "Per cent change of final real income per person, scenario over baseline "
                       "(no data: the region is not in the baseline).",
                       t);
done:
    final_state_free(&f);
    rc_table_free(t);
    return code;
}

int rc_report_simulation_comparison(rc_report *r, const rc_report_request *req)
{
    if (!req->baseline)
        return 0;
    static const char *const metrics[] = {"mean_real_income", "urbanization", "theil_t_w",
                                          "theil_l_w", "gini_w", "cv", "williamson",
                                          "theil_between", "n_cities"};
    rc_error err;
    rc_table *t = NULL;
    int rc = rc_table_new(&t, "simulation_comparison", &err);
    const char *cols[] = {"index", "scenario", "baseline", "difference", "change_pct"};
    for (size_t c = 0; c < 5 && rc == RC_OK; c++)
        rc = rc_table_add_column(t, cols[c], c ? RC_COL_DBL : RC_COL_STR, NULL, &err);
    for (size_t m = 0; m < sizeof metrics / sizeof *metrics && rc == RC_OK; m++) {
        double a = final_summary(req->sim, metrics[m]), b = final_summary(req->baseline, metrics[m]);
        if (!isfinite(a) && !isfinite(b))
            continue;
        rc = rc_table_append(t, &err, "sdddd", metrics[m], a, b, a - b,
                             b != 0 ? 100 * (a / b - 1) : NAN);
    }
    if (rc == RC_OK)
        rc = rc_report_table(r, t,
                             "Final period, scenario against baseline (indices of "
                             "regcoord simulate --table summary).",
                             20, "simulation_comparison", &err);
    rc_table_free(t);
    return rc == RC_OK ? 0 : rc_cli_fail(&err);
}
