/* report_coordination.c — the report's coordination section (with --system): the coupling
 * coordination degree D over time, the grade map and the table of the last year. Numbers come
 * from rc_coordinate_build, the code behind `regcoord coordinate`. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coordinate_table.h"
#include "report_sections.h"
#include "regcoord/chart.h"
#include "regcoord/evaluation.h"

/* ColorBrewer RdYlBu (10 classes, colour-blind safe): imbalance red, coordination blue. */
static const char *const grade_colors[10] = {"#a50026", "#d73027", "#f46d43", "#fdae61", "#fee090",
                                             "#e0f3f8", "#abd9e9", "#74add1", "#4575b4", "#313695"};

/* Mean D over regions per year, as its own table (the chart's data). */
static int mean_d_table(rc_table **out, const rc_table *coord, rc_error *err)
{
    int rc = rc_table_new(out, "coordination_mean", err);
    if (rc == RC_OK)
        rc = rc_table_add_column(*out, "year", RC_COL_INT, NULL, err);
    if (rc == RC_OK)
        rc = rc_table_add_column(*out, "regions", RC_COL_INT, NULL, err);
    if (rc == RC_OK)
        rc = rc_table_add_column(*out, "mean_D", RC_COL_DBL, NULL, err);
    size_t n = rc_table_nrows(coord);
    for (size_t k = 0; k < n && rc == RC_OK;) {
        long long year = rc_table_get_int(coord, k, 0);
        double sum = 0;
        size_t m = 0;
        for (; k < n && rc_table_get_int(coord, k, 0) == year; k++, m++)
            sum += rc_table_get_dbl(coord, k, 4);
        rc = rc_table_append(*out, err, "lld", year, (long long)m, sum / (double)m);
    }
    return rc;
}

int rc_report_coordination_section(rc_report *r, const rc_panel *p, const rc_report_request *req)
{
    if (!req->system)
        return 0;
    rc_coordinate_request cr;
    rc_coordinate_request_init(&cr);
    cr.system = req->system;
    rc_coordinate_tables t = {0};
    int code = rc_coordinate_build(&t, p, &cr, req->common);
    if (code)
        return code;
    rc_error err;
    rc_table *mean = NULL, *last_t = NULL;
    char *svg = NULL;
    double *x = NULL, *y = NULL;
    const char **ids = NULL, **names = NULL;
    int *cls = NULL;
    int rc = rc_report_section(r, "coordination", "Coordination", &err);
    size_t n = rc_table_nrows(t.coordination);
    if (rc == RC_OK && n == 0) {
        rc = rc_report_text(r, "No region-year has every indicator of the index system.", &err);
        goto done;
    }
    long long last = n ? rc_table_get_int(t.coordination, n - 1, 0) : 0;
    char text[1024];
    snprintf(text, sizeof text,
             "Index system %s; entropy weights over all region-years (min–max normalised), "
             "coupling C, comprehensive index T and coordination degree D = sqrt(C·T) with ten "
             "grades (methods/04). The full tables: regcoord coordinate --system %s.",
             req->system, req->system);
    if (rc == RC_OK)
        rc = rc_report_text(r, text, &err);
    if (rc == RC_OK)
        rc = mean_d_table(&mean, t.coordination, &err);
    if (rc != RC_OK)
        goto done;
    size_t ny = rc_table_nrows(mean);
    if (ny >= 2) {
        x = malloc(ny * sizeof *x), y = malloc(ny * sizeof *y);
        if (!x || !y) {
            rc = rc_error_set(&err, RC_ENOMEM, "out of memory");
            goto done;
        }
        for (size_t k = 0; k < ny; k++) {
            x[k] = (double)rc_table_get_int(mean, k, 0);
            y[k] = rc_table_get_dbl(mean, k, 2);
        }
        rc_chart_series s = {"mean D", x, y, ny};
        rc_chart_opts o = {.title = "Coupling coordination degree D, mean over regions",
                           .x_label = "year", .y_label = "D", .x_integer = 1, .y_from_zero = 1};
        if ((rc = rc_chart_lines(&svg, &o, &s, 1, &err)) != RC_OK)
            goto done;
        if ((code = rc_report_add_chart(r, req, "coordination_mean", svg,
                                        "Mean coordination degree D over the regions with complete data",
                                        mean)) != 0)
            goto done;
    }
    /* The last year: its table and the grade map. */
    rc = rc_table_new(&last_t, "coordination_last", &err);
    for (size_t c = 0; c < rc_table_ncols(t.coordination) && rc == RC_OK; c++)
        rc = rc_table_add_column(last_t, rc_table_column_name(t.coordination, c),
                                 rc_table_column_type(t.coordination, c), NULL, &err);
    ids = malloc((n ? n : 1) * sizeof *ids), names = malloc((n ? n : 1) * sizeof *names);
    cls = malloc((n ? n : 1) * sizeof *cls);
    if (rc == RC_OK && (!ids || !names || !cls))
        rc = rc_error_set(&err, RC_ENOMEM, "out of memory");
    size_t m = 0;
    for (size_t k = 0; k < n && rc == RC_OK; k++) {
        if (rc_table_get_int(t.coordination, k, 0) != last)
            continue;
        const rc_table *c = t.coordination;
        rc = rc_table_append(last_t, &err, "lsdddls", last, rc_table_get_str(c, k, 1),
                             rc_table_get_dbl(c, k, 2), rc_table_get_dbl(c, k, 3),
                             rc_table_get_dbl(c, k, 4), rc_table_get_int(c, k, 5),
                             rc_table_get_str(c, k, 6));
        ids[m] = rc_table_get_str(c, k, 1);
        size_t i;
        names[m] = rc_panel_find_region(p, ids[m], &i, NULL) == RC_OK ? rc_panel_region_name(p, i) : ids[m];
        cls[m++] = (int)rc_table_get_int(c, k, 5) - 1;
    }
    if (rc != RC_OK)
        goto done;
    if (req->geometry) {
        const char *labels[10];
        char buf[10][64];
        for (int g = 0; g < 10; g++) {
            snprintf(buf[g], sizeof buf[g], "%d %s", g + 1, rc_coordination_grade_name(g + 1, 0));
            labels[g] = buf[g];
        }
        char title[128], caption[256];
        snprintf(title, sizeof title, "Coordination grades, %lld", last);
        snprintf(caption, sizeof caption,
                 "Grade of the coupling coordination degree D in %lld (1 extreme imbalance … 10 "
                 "high-quality coordination)", last);
        if ((code = rc_report_add_map(r, req, ids, names, cls, m, labels, grade_colors, 10,
                                      "coordination_map", title, caption, last_t)) != 0)
            goto done;
    }
    snprintf(text, sizeof text, "Coupling C, comprehensive index T, coordination degree D and grade, %lld", last);
    rc = rc_report_table(r, last_t, text, 60, "coordination_table", &err);
done:
    free(svg), free(x), free(y), free(ids), free(names), free(cls);
    rc_table_free(mean), rc_table_free(last_t);
    rc_coordinate_tables_free(&t);
    if (rc != RC_OK)
        return rc_cli_fail(&err);
    return code;
}
