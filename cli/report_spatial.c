/* report_spatial.c — the report's spatial section: Moran's I over time, the Moran scatter plot,
 * the LISA cluster map and the Gi* hot-spot map of the last year. Numbers come from
 * rc_spatial_run, the code behind `regcoord spatial`. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_fit.h>

#include "report_sections.h"
#include "spatial_table.h"
#include "regcoord/chart.h"

/* Rows of the local table (year,region,statistic,value,z_sim,p_sim,quadrant,cluster) of one
 * statistic, as a table of their own. */
static int local_subset(rc_table **out, const rc_table *t, const char *stat, rc_error *err)
{
    int rc = rc_table_new(out, stat, err);
    for (size_t c = 0; c < rc_table_ncols(t) && rc == RC_OK; c++)
        rc = rc_table_add_column(*out, rc_table_column_name(t, c), rc_table_column_type(t, c), NULL, err);
    for (size_t k = 0; k < rc_table_nrows(t) && rc == RC_OK; k++)
        if (!strcmp(rc_table_get_str(t, k, 2), stat))
            rc = rc_table_append(*out, err, "lssdddss", rc_table_get_int(t, k, 0),
                                 rc_table_get_str(t, k, 1), stat, rc_table_get_dbl(t, k, 3),
                                 rc_table_get_dbl(t, k, 4), rc_table_get_dbl(t, k, 5),
                                 rc_table_get_str(t, k, 6), rc_table_get_str(t, k, 7));
    return rc;
}

static int moran_path_chart(rc_report *r, const rc_report_request *req, const rc_table *path)
{
    size_t n = rc_table_nrows(path);
    if (n < 2)
        return 0;
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y), *e = malloc(n * sizeof *e);
    rc_error err;
    if (!x || !y || !e) {
        free(x), free(y), free(e);
        rc_error_set(&err, RC_ENOMEM, "out of memory");
        return rc_cli_fail(&err);
    }
    for (size_t k = 0; k < n; k++) {
        x[k] = (double)rc_table_get_int(path, k, 0);
        y[k] = rc_table_get_dbl(path, k, 3);
        e[k] = rc_table_get_dbl(path, k, 4);
    }
    rc_chart_series s[2] = {{"Moran's I", x, y, n}, {"E[I] (no autocorrelation)", x, e, n}};
    rc_chart_opts o = {.title = "Global Moran's I", .x_label = "year", .y_label = "I", .x_integer = 1};
    char *svg = NULL;
    int code = rc_chart_lines(&svg, &o, s, 2, &err) == RC_OK
                   ? rc_report_add_chart(r, req, "moran_path", svg,
                                         "Global Moran's I per year (positive: similar values cluster in space)",
                                         path)
                   : rc_cli_fail(&err);
    free(svg), free(x), free(y), free(e);
    return code;
}

static int moran_scatter_chart(rc_report *r, const rc_report_request *req, const rc_panel *p,
                               const rc_table *sc, int year)
{
    size_t n = rc_table_nrows(sc);
    if (n < 3)
        return 0;
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    const char **labels = malloc(n * sizeof *labels);
    rc_error err;
    if (!x || !y || !labels) {
        free(x), free(y), free(labels);
        rc_error_set(&err, RC_ENOMEM, "out of memory");
        return rc_cli_fail(&err);
    }
    for (size_t k = 0; k < n; k++) {
        x[k] = rc_table_get_dbl(sc, k, 2);
        y[k] = rc_table_get_dbl(sc, k, 3);
        size_t i;
        labels[k] = rc_panel_find_region(p, rc_table_get_str(sc, k, 1), &i, NULL) == RC_OK
                        ? rc_panel_region_name(p, i) : rc_table_get_str(sc, k, 1);
    }
    double fit[2], c00, c01, c11, sumsq;
    gsl_fit_linear(x, 1, y, 1, n, &fit[0], &fit[1], &c00, &c01, &c11, &sumsq);
    char title[128], caption[256];
    snprintf(title, sizeof title, "Moran scatter plot, %d", year);
    snprintf(caption, sizeof caption,
             "Each region's standardised %s (z) against the weighted average of its neighbours "
             "(spatial lag), %d, with the least-squares line", req->value, year);
    rc_chart_opts o = {.title = title, .x_label = "z (standardised value)", .y_label = "spatial lag of z"};
    char *svg = NULL;
    int code = rc_chart_scatter(&svg, &o, x, y, n, n <= 60 ? labels : NULL, fit, &err) == RC_OK
                   ? rc_report_add_chart(r, req, "moran_scatter", svg, caption, sc)
                   : rc_cli_fail(&err);
    free(svg), free(x), free(y), free(labels);
    return code;
}

/* A cluster map of one local statistic: classes named in labels, matched on the cluster column. */
static int cluster_map(rc_report *r, const rc_report_request *req, const rc_panel *p,
                       const rc_table *local, const char *stat, const char *const *labels,
                       const char *const *colors, size_t nclasses, const char *name,
                       const char *title, const char *caption)
{
    rc_error err;
    rc_table *t = NULL;
    if (local_subset(&t, local, stat, &err) != RC_OK) {
        rc_table_free(t);
        return rc_cli_fail(&err);
    }
    size_t n = rc_table_nrows(t);
    if (!n) {
        rc_table_free(t);
        return 0;
    }
    const char **ids = malloc(n * sizeof *ids), **names = malloc(n * sizeof *names);
    int *cls = malloc(n * sizeof *cls);
    int code = 0;
    if (!ids || !names || !cls) {
        rc_error_set(&err, RC_ENOMEM, "out of memory");
        code = rc_cli_fail(&err);
    } else {
        for (size_t k = 0; k < n; k++) {
            ids[k] = rc_table_get_str(t, k, 1);
            size_t i;
            names[k] = rc_panel_find_region(p, ids[k], &i, NULL) == RC_OK ? rc_panel_region_name(p, i) : ids[k];
            const char *cl = rc_table_get_str(t, k, 7);
            cls[k] = -1;
            for (size_t c = 0; c < nclasses; c++)
                if (!strcmp(cl, labels[c]))
                    cls[k] = (int)c;
        }
        code = rc_report_add_map(r, req, ids, names, cls, n, labels, colors, nclasses, name, title,
                                 caption, t);
    }
    free(ids), free(names), free(cls);
    rc_table_free(t);
    return code;
}

/* The last run of consecutive years in which every region has the value; 0 if none. */
static int complete_years(const rc_panel *p, size_t v, int *first, int *last)
{
    size_t n = rc_panel_nregions(p), T = rc_panel_nyears(p);
    int found = 0;
    for (size_t t = T; t-- > 0;) {
        int complete = 1;
        for (size_t i = 0; i < n && complete; i++)
            complete = isfinite(rc_panel_value(p, v, i, t));
        if (complete && !found) {
            *last = *first = rc_panel_year(p, t);
            found = 1;
        } else if (complete && found && rc_panel_year(p, t) == *first - 1) {
            *first = rc_panel_year(p, t);
        } else if (found) {
            break;
        }
    }
    return found;
}

int rc_report_spatial_section(rc_report *r, const rc_panel *p, const rc_report_request *req)
{
    if (!req->value || (!req->weights && !req->geometry))
        return 0;
    size_t v;
    int code = rc_cli_find_var(p, req->value, &v);
    if (code)
        return code;
    rc_error err;
    size_t n = rc_panel_nregions(p), m = 0;
    size_t *idx = malloc((n ? n : 1) * sizeof *idx);
    char missing[1024] = "";
    size_t nmissing = 0;
    if (!idx) {
        rc_error_set(&err, RC_ENOMEM, "out of memory");
        return rc_cli_fail(&err);
    }
    /* Regions without geometry are listed and left out of maps and statistics. */
    for (size_t i = 0; i < n; i++) {
        int has = !req->geometry;
        for (size_t f = 0; req->geometry && f < req->geometry->n && !has; f++)
            has = rc_region_ids_match(req->geometry->ids[f], rc_panel_region_id(p, i));
        if (has)
            idx[m++] = i;
        else if (nmissing++ < 20)
            snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%s",
                     nmissing > 1 ? ", " : "", rc_panel_region_name(p, i));
    }
    rc_panel *sub = NULL, *years = NULL, *last_year = NULL;
    rc_spatial_tables g = {0}, l = {0};
    int rc = rc_report_section(r, "spatial", "Spatial structure", &err);
    char spec[4096], text[8192];
    int first = 0, last = 0;
    if (rc == RC_OK && m < 4) {
        snprintf(text, sizeof text, "Only %zu regions of the data have geometry: spatial statistics need at least 4.", m);
        rc = rc_report_text(r, text, &err);
        goto done;
    }
    if (rc == RC_OK)
        rc = rc_panel_select_regions(&sub, p, idx, m, &err);
    if (rc == RC_OK && !complete_years(sub, v, &first, &last)) {
        rc = rc_report_text(r, "No year has a value for every region: spatial statistics are left out.", &err);
        goto done;
    }
    if (rc == RC_OK)
        rc = rc_panel_select_years(&years, sub, first, last, &err);
    if (rc == RC_OK)
        rc = rc_panel_select_years(&last_year, sub, last, last, &err);
    if (rc != RC_OK)
        goto done;
    snprintf(spec, sizeof spec, "%s%s", req->weights ? "" : "queen:", req->weights ? req->weights : req->geo);
    rc_spatial_request sr;
    rc_spatial_request_init(&sr);
    sr.value = req->value;
    sr.weights = spec;
    sr.geo = req->geo;
    sr.geo_id = req->geo_id;
    sr.permutations = req->permutations;
    sr.drop_unmatched = 1;
    sr.want_global = 1;
    sr.stats = "moran,geary,getis_ord_g,local_moran,gi_star";
    if ((code = rc_spatial_run(&g, years, &sr, req->common)) != 0)
        goto done;
    sr.want_global = 0;
    sr.want_local = 1;
    if ((code = rc_spatial_run(&l, last_year, &sr, req->common)) != 0)
        goto done;
    {
        double I = NAN, pI = NAN;
        size_t islands = 0;
        for (size_t k = 0; k < rc_table_nrows(g.path); k++)
            if (rc_table_get_int(g.path, k, 0) == last) {
                I = rc_table_get_dbl(g.path, k, 3);
                pI = rc_table_get_dbl(g.path, k, 7);
                islands = (size_t)rc_table_get_int(g.path, k, 2);
            }
        snprintf(text, sizeof text,
                 "Weights: %s (row-standardised). Years %d–%d (every region has a value). Global "
                 "Moran's I of %s in %d: %.4f, pseudo p = %.4g with %ld permutations (seed %ld). "
                 "%zu region%s without neighbours (kept with zero lag, as esda).%s%s%s",
                 spec, first, last, req->value, last, I, pI, req->permutations, req->common->seed,
                 islands, islands == 1 ? "" : "s", nmissing ? " Regions without geometry, left out: " : "",
                 missing, nmissing > 20 ? ", …" : nmissing ? "." : "");
    }
    rc = rc_report_text(r, text, &err);
    if (rc != RC_OK)
        goto done;
    if ((code = moran_path_chart(r, req, g.path)) != 0 ||
        (code = moran_scatter_chart(r, req, p, l.scatter, last)) != 0)
        goto done;
    rc = rc_report_table(r, g.global, "Global statistics per year (moran, geary, getis_ord_g)", 12,
                         "spatial_global", &err);
    if (rc != RC_OK)
        goto done;
    if (req->geometry) {
        /* "island": a region without neighbours is never a cluster (the local table's label). */
        static const char *const lisa_labels[] = {"HH", "LL", "LH", "HL", "not significant", "island"};
        static const char *const lisa_colors[] = {"#D55E00", "#0072B2", "#56B4E9", "#E69F00", "#E5E5E5", "#999999"};
        static const char *const gi_labels[] = {"hot spot", "cold spot", "not significant", "island"};
        static const char *const gi_colors[] = {"#D55E00", "#0072B2", "#E5E5E5", "#999999"};
        char title[128], caption[256];
        snprintf(title, sizeof title, "LISA clusters, %d", last);
        snprintf(caption, sizeof caption,
                 "Local Moran clusters of %s in %d at p < 0.05 (%ld conditional permutations): "
                 "HH high among high, LL low among low, LH and HL outliers", req->value, last,
                 req->permutations);
        if ((code = cluster_map(r, req, p, l.local, "local_moran", lisa_labels, lisa_colors, 6,
                                "lisa_map", title, caption)) != 0)
            goto done;
        snprintf(title, sizeof title, "Gi* hot and cold spots, %d", last);
        snprintf(caption, sizeof caption,
                 "Getis–Ord Gi* of %s in %d at p < 0.05: hot spots are regions whose neighbourhood "
                 "(itself included) holds high values", req->value, last);
        if ((code = cluster_map(r, req, p, l.local, "gi_star", gi_labels, gi_colors, 4, "gi_star_map",
                                title, caption)) != 0)
            goto done;
    }
done:
    rc_spatial_tables_free(&g);
    rc_spatial_tables_free(&l);
    rc_panel_free(sub), rc_panel_free(years), rc_panel_free(last_year);
    free(idx);
    if (rc != RC_OK)
        return rc_cli_fail(&err);
    return code;
}
