/* report_disparity.c — the report's section on the gap between regions: Theil and Gini over
 * time, the between/within split, the Dagum contributions and Lorenz curves. Numbers come
 * from rc_disparity_table, the code behind `regcoord disparity`. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disparity_table.h"
#include "report_sections.h"
#include "regcoord/chart.h"
#include "regcoord/disparity.h"

/* The rows of t (year,group,statistic,value) whose statistic is in names and group 'all'. */
static int subset(rc_table **out, const rc_table *t, const char *const *names, size_t nn,
                  const char *title, rc_error *err)
{
    int rc = rc_table_new(out, title, err);
    for (size_t c = 0; c < 4 && rc == RC_OK; c++)
        rc = rc_table_add_column(*out, rc_table_column_name(t, c), rc_table_column_type(t, c),
                                 NULL, err);
    for (size_t r = 0; r < rc_table_nrows(t) && rc == RC_OK; r++) {
        const char *stat = rc_table_get_str(t, r, 2);
        for (size_t k = 0; k < nn; k++)
            if (!strcmp(stat, names[k]) && !strcmp(rc_table_get_str(t, r, 1), "all"))
                rc = rc_table_append(*out, err, "lssd", rc_table_get_int(t, r, 0), "all", stat,
                                     rc_table_get_dbl(t, r, 3));
    }
    return rc;
}

/* Series (x = year, y = value) of one statistic from a subset table; arrays malloc'ed. */
static size_t series_of(const rc_table *t, const char *stat, double **x, double **y)
{
    size_t n = 0, cap = rc_table_nrows(t) + 1;
    *x = malloc(cap * sizeof **x);
    *y = malloc(cap * sizeof **y);
    for (size_t r = 0; *x && *y && r < rc_table_nrows(t); r++)
        if (!strcmp(rc_table_get_str(t, r, 2), stat)) {
            (*x)[n] = (double)rc_table_get_int(t, r, 0);
            (*y)[n++] = rc_table_get_dbl(t, r, 3);
        }
    return n;
}

/* A line or stacked-area chart of the named statistics, with its data. */
static int draw(rc_report *r, const rc_report_request *req, const rc_table *all,
                const char *const *names, const char *const *labels, size_t nn, int stacked,
                const char *id, const char *title, const char *caption)
{
    rc_error err;
    rc_table *data = NULL;
    if (subset(&data, all, names, nn, id, &err) != RC_OK) {
        rc_table_free(data);
        return rc_cli_fail(&err);
    }
    rc_chart_series s[8];
    double *xs[8] = {0}, *ys[8] = {0};
    for (size_t k = 0; k < nn; k++) {
        size_t m = series_of(data, names[k], &xs[k], &ys[k]);
        s[k] = (rc_chart_series){labels[k], xs[k], ys[k], m};
    }
    rc_chart_opts o = {.title = title, .x_label = "year", .x_integer = 1, .y_from_zero = 1};
    char *svg = NULL;
    int rc = stacked ? rc_chart_stacked_areas(&svg, &o, s, nn, &err)
                     : rc_chart_lines(&svg, &o, s, nn, &err);
    int code = rc == RC_OK ? rc_report_add_chart(r, req, id, svg, caption, data)
               : rc == RC_EINSUFFICIENT ? 0 /* nothing to draw: leave the chart out */
                                        : rc_cli_fail(&err);
    free(svg);
    for (size_t k = 0; k < nn; k++) {
        free(xs[k]);
        free(ys[k]);
    }
    rc_table_free(data);
    return code;
}

/* Lorenz curves of the first and last year with data. */
static int lorenz(rc_report *r, const rc_report_request *req, const rc_panel *p)
{
    rc_error err;
    size_t vy, vp = 0;
    if (rc_panel_find_var(p, req->value, &vy, &err) != RC_OK ||
        (req->pop && rc_panel_find_var(p, req->pop, &vp, &err) != RC_OK))
        return rc_cli_fail(&err);
    size_t n = rc_panel_nregions(p), T = rc_panel_nyears(p);
    size_t picks[2], npick = 0;
    for (size_t t = 0; t < T && npick == 0; t++)
        for (size_t i = 0; i < n && npick == 0; i++)
            if (!isnan(rc_panel_value(p, vy, i, t)))
                picks[npick++] = t;
    for (size_t t = T; t-- > 0 && npick == 1;)
        for (size_t i = 0; i < n && npick == 1; i++)
            if (!isnan(rc_panel_value(p, vy, i, t)) && t != picks[0])
                picks[npick++] = t;
    if (npick == 0)
        return 0;
    rc_table *data;
    int rc = rc_table_new(&data, "lorenz", &err);
    if (rc == RC_OK) rc = rc_table_add_column(data, "year", RC_COL_INT, NULL, &err);
    if (rc == RC_OK) rc = rc_table_add_column(data, "population_share", RC_COL_DBL, NULL, &err);
    if (rc == RC_OK) rc = rc_table_add_column(data, "value_share", RC_COL_DBL, NULL, &err);
    double *ys = malloc(n * sizeof *ys), *ps = malloc(n * sizeof *ps);
    double *cx[3] = {0}, *cy[3] = {0};
    rc_chart_series s[3];
    char names[2][32];
    size_t ns = 0;
    for (size_t k = 0; k < npick && rc == RC_OK; k++) {
        size_t m = 0, t = picks[k];
        for (size_t i = 0; i < n; i++) {
            double y = rc_panel_value(p, vy, i, t), q = req->pop ? rc_panel_value(p, vp, i, t) : 1;
            if (!isnan(y) && !isnan(q)) {
                ys[m] = y;
                ps[m++] = q;
            }
        }
        cx[k] = malloc((m + 1) * sizeof **cx);
        cy[k] = malloc((m + 1) * sizeof **cy);
        if (m < 2 || rc_lorenz(cx[k], cy[k], ys, req->pop ? ps : NULL, m, &err) != RC_OK)
            continue; /* values outside the Lorenz domain: that year's curve is left out */
        for (size_t j = 0; j <= m && rc == RC_OK; j++)
            rc = rc_table_append(data, &err, "idd", rc_panel_year(p, t), cx[k][j], cy[k][j]);
        snprintf(names[k], sizeof names[k], "%d", rc_panel_year(p, t));
        s[ns++] = (rc_chart_series){names[k], cx[k], cy[k], m + 1};
    }
    static double diag[] = {0, 1};
    s[ns++] = (rc_chart_series){"equality", diag, diag, 2};
    int code = 0;
    if (rc == RC_OK && ns > 1) {
        rc_chart_opts o = {.title = "Lorenz curves", .x_label = req->pop ? "population share" : "share of regions",
                           .y_label = "share of the total", .width = 420, .height = 400};
        char *svg;
        if ((rc = rc_chart_lines(&svg, &o, s, ns, &err)) == RC_OK) {
            code = rc_report_add_chart(r, req, "lorenz", svg,
                                       "Lorenz curves of the first and last year (regions sorted by value).", data);
            free(svg);
        }
    }
    if (rc != RC_OK)
        code = rc_cli_fail(&err);
    for (int k = 0; k < 3; k++) {
        free(cx[k]);
        free(cy[k]);
    }
    free(ys);
    free(ps);
    rc_table_free(data);
    return code;
}

int rc_report_disparity_section(rc_report *r, const rc_panel *p, const rc_report_request *req)
{
    if (!req->value)
        return 0;
    rc_disparity_request d;
    rc_disparity_request_init(&d);
    d.value = req->value;
    d.pop = req->pop;
    d.group = req->group;
    d.seed = (uint64_t)req->common->seed;
    const char *w = req->pop ? "_w" : "";
    char stats[512];
    snprintf(stats, sizeof stats, "theil_t%s,gini%s%s%s%s%s", w, w,
             req->group ? (req->pop ? ",theil_t_w_between,theil_t_w_within" : ",theil_t_between,theil_t_within") : "",
             req->group ? ",theil_contribution" : "",
             req->group ? ",dagum_gini,dagum_within,dagum_between_net,dagum_transvariation" : "", "");
    d.stats = stats;
    rc_cli_common quiet = *req->common;
    quiet.quiet = 1; /* the command prints the notes about dropped regions; the report does not repeat them */
    rc_table *t = NULL;
    int code = rc_disparity_table(&t, p, &d, &quiet);
    if (code)
        return code;
    rc_error err;
    if (rc_report_section(r, "disparity", "Disparity between regions", &err) != RC_OK ||
        rc_report_text(r, req->pop ? "Population-weighted indices: each person counts once (Theil T with output and population shares)."
                                   : "Unweighted indices: each region counts once (PySAL's convention).", &err) != RC_OK) {
        rc_table_free(t);
        return rc_cli_fail(&err);
    }
    char theil[32], gini[32], between[32], within[32];
    snprintf(theil, sizeof theil, "theil_t%s", w);
    snprintf(gini, sizeof gini, "gini%s", w);
    snprintf(between, sizeof between, "theil_t%s_between", w);
    snprintf(within, sizeof within, "theil_t%s_within", w);
    const char *lines[] = {theil, gini};
    const char *line_labels[] = {req->pop ? "Theil T (weighted)" : "Theil T", req->pop ? "Gini (weighted)" : "Gini"};
    code = draw(r, req, t, lines, line_labels, 2, 0, "disparity_indices", "Theil and Gini over time",
                "The gap over time (regcoord disparity).");
    if (!code && req->group) {
        const char *parts[] = {between, within};
        const char *part_labels[] = {"between groups", "within groups"};
        code = draw(r, req, t, parts, part_labels, 2, 1, "theil_decomposition",
                    "Theil T: between and within groups", "Exact decomposition: between + within = Theil T.");
    }
    if (!code && req->group) {
        const char *parts[] = {"dagum_within", "dagum_between_net", "dagum_transvariation"};
        const char *part_labels[] = {"within", "net between", "transvariation"};
        code = draw(r, req, t, parts, part_labels, 3, 1, "dagum_decomposition",
                    "Dagum Gini decomposition", "Dagum (1997): within + net between + transvariation = Gini.");
    }
    if (!code)
        code = lorenz(r, req, p);
    rc_table_free(t);
    return code;
}
