/* report_convergence.c — the report's convergence section: the sigma path, the beta scatter of
 * growth against the initial level with the fitted line, and the Markov transition matrix of
 * relative income as a heat table. Numbers come from rc_convergence_table and
 * rc_markov_tables_build, the code behind `regcoord convergence` and `regcoord markov`. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convergence_table.h"
#include "report_sections.h"
#include "regcoord/chart.h"

/* Rows of the convergence table (year,statistic,value,…) of the named statistics. */
static int rows_of(rc_table **out, const rc_table *t, const char *const *names, size_t nn,
                   const char *title, rc_error *err)
{
    int rc = rc_table_new(out, title, err);
    for (size_t c = 0; c < rc_table_ncols(t) && rc == RC_OK; c++)
        rc = rc_table_add_column(*out, rc_table_column_name(t, c), rc_table_column_type(t, c), NULL, err);
    for (size_t k = 0; k < rc_table_nrows(t) && rc == RC_OK; k++)
        for (size_t j = 0; j < nn; j++)
            if (!strcmp(rc_table_get_str(t, k, 1), names[j]))
                rc = rc_table_append(*out, err, "lsdddd", rc_table_get_int(t, k, 0), names[j],
                                     rc_table_get_dbl(t, k, 2), rc_table_get_dbl(t, k, 3),
                                     rc_table_get_dbl(t, k, 4), rc_table_get_dbl(t, k, 5));
    return rc;
}

static double stat_of(const rc_table *t, const char *name)
{
    for (size_t k = 0; k < rc_table_nrows(t); k++)
        if (!strcmp(rc_table_get_str(t, k, 1), name))
            return rc_table_get_dbl(t, k, 2);
    return NAN;
}

static int sigma_chart(rc_report *r, const rc_report_request *req, const rc_table *conv)
{
    static const char *const names[] = {"sigma_sd_log", "sigma_cv"};
    static const char *const labels[] = {"SD of ln values", "coefficient of variation"};
    rc_error err;
    rc_table *t = NULL;
    if (rows_of(&t, conv, names, 2, "sigma", &err) != RC_OK) {
        rc_table_free(t);
        return rc_cli_fail(&err);
    }
    size_t n = rc_table_nrows(t);
    double *x[2], *y[2];
    size_t m[2] = {0, 0};
    for (int s = 0; s < 2; s++) {
        x[s] = malloc((n ? n : 1) * sizeof **x);
        y[s] = malloc((n ? n : 1) * sizeof **y);
    }
    int code = 0;
    if (!x[0] || !x[1] || !y[0] || !y[1]) {
        rc_error_set(&err, RC_ENOMEM, "out of memory");
        code = rc_cli_fail(&err);
    } else {
        for (size_t k = 0; k < n; k++) {
            int s = strcmp(rc_table_get_str(t, k, 1), names[0]) != 0;
            x[s][m[s]] = (double)rc_table_get_int(t, k, 0);
            y[s][m[s]++] = rc_table_get_dbl(t, k, 2);
        }
        rc_chart_series ser[2] = {{labels[0], x[0], y[0], m[0]}, {labels[1], x[1], y[1], m[1]}};
        rc_chart_opts o = {.title = "Sigma convergence", .x_label = "year", .x_integer = 1, .y_from_zero = 1};
        char *svg = NULL;
        code = m[0] < 2 ? 0
               : rc_chart_lines(&svg, &o, ser, 2, &err) == RC_OK
                   ? rc_report_add_chart(r, req, "sigma", svg,
                                         "Dispersion across regions per year: falling lines mean sigma convergence", t)
                   : rc_cli_fail(&err);
        free(svg);
    }
    for (int s = 0; s < 2; s++)
        free(x[s]), free(y[s]);
    rc_table_free(t);
    return code;
}

/* Growth against the initial level per region (the regions with values in both years). */
static int beta_chart(rc_report *r, const rc_report_request *req, const rc_panel *p, const rc_table *conv)
{
    double b = stat_of(conv, "beta"), a = stat_of(conv, "beta_const");
    size_t v, n = rc_panel_nregions(p), t0, t1;
    if (!isfinite(a) || !isfinite(b) || rc_table_nrows(conv) == 0 ||
        rc_panel_find_var(p, req->value, &v, NULL) != RC_OK)
        return 0;
    /* The growth period of the command: its first year with values to the year of the beta row. */
    int y0 = (int)rc_table_get_int(conv, 0, 0), y1 = y0;
    for (size_t k = 0; k < rc_table_nrows(conv); k++)
        if (!strcmp(rc_table_get_str(conv, k, 1), "beta"))
            y1 = (int)rc_table_get_int(conv, k, 0);
    if (y1 <= y0 || rc_panel_find_year(p, y0, &t0, NULL) != RC_OK ||
        rc_panel_find_year(p, y1, &t1, NULL) != RC_OK)
        return 0;
    rc_error err;
    rc_table *t = NULL;
    int rc = rc_table_new(&t, "beta_scatter", &err);
    if (rc == RC_OK)
        rc = rc_table_add_column(t, "region", RC_COL_STR, NULL, &err);
    if (rc == RC_OK)
        rc = rc_table_add_column(t, "ln_initial", RC_COL_DBL, NULL, &err);
    if (rc == RC_OK)
        rc = rc_table_add_column(t, "growth", RC_COL_DBL, NULL, &err);
    double *x = malloc((n ? n : 1) * sizeof *x), *g = malloc((n ? n : 1) * sizeof *g);
    const char **labels = malloc((n ? n : 1) * sizeof *labels);
    size_t m = 0;
    if (rc == RC_OK && (!x || !g || !labels))
        rc = rc_error_set(&err, RC_ENOMEM, "out of memory");
    for (size_t i = 0; i < n && rc == RC_OK; i++) {
        double first = rc_panel_value(p, v, i, t0), last = rc_panel_value(p, v, i, t1);
        if (!(first > 0) || !(last > 0))
            continue;
        x[m] = log(first);
        g[m] = log(last / first) / (double)(y1 - y0); /* annualised, as the command's default */
        labels[m] = rc_panel_region_name(p, i);
        rc = rc_table_append(t, &err, "sdd", rc_panel_region_id(p, i), x[m], g[m]);
        m++;
    }
    int code = 0;
    if (rc == RC_OK && m >= 3) {
        double fit[2] = {a, b};
        char title[128], caption[320];
        snprintf(title, sizeof title, "Beta convergence, %d–%d", y0, y1);
        snprintf(caption, sizeof caption,
                 "Average annual growth of %s against its initial log level, with the fitted line "
                 "(beta = %.4f; negative: poorer regions grew faster)", req->value, b);
        rc_chart_opts o = {.title = title, .x_label = "ln initial level", .y_label = "annual growth (log points)"};
        char *svg = NULL;
        if (rc_chart_scatter(&svg, &o, x, g, m, m <= 60 ? labels : NULL, fit, &err) == RC_OK)
            code = rc_report_add_chart(r, req, "beta", svg, caption, t);
        else
            code = rc_cli_fail(&err);
        free(svg);
    } else if (rc != RC_OK) {
        code = rc_cli_fail(&err);
    }
    free(x), free(g), free(labels);
    rc_table_free(t);
    return code;
}

static int markov_chart(rc_report *r, const rc_report_request *req, const rc_panel *p)
{
    rc_markov_request mr;
    rc_markov_request_init(&mr);
    mr.value = req->value;
    mr.pop = req->pop;
    rc_markov_tables mt;
    memset(&mt, 0, sizeof mt);
    int code = rc_markov_tables_build(&mt, p, &mr, req->common);
    if (code)
        return code;
    rc_error err;
    rc_table *mat = NULL;
    if (rc_markov_matrix_table(&mat, &mt, 0, &err) != RC_OK) {
        rc_markov_tables_free(&mt);
        rc_table_free(mat);
        return rc_cli_fail(&err);
    }
    size_t k = rc_table_nrows(mat), nc = rc_table_ncols(mat) - 2;
    double *vals = malloc((k * nc + 1) * sizeof *vals);
    const char **rows = malloc((k ? k : 1) * sizeof *rows), **cols = malloc((nc ? nc : 1) * sizeof *cols);
    char (*rl)[48] = malloc((k ? k : 1) * sizeof *rl);
    if (!vals || !rows || !cols || !rl) {
        rc_error_set(&err, RC_ENOMEM, "out of memory");
        code = rc_cli_fail(&err);
    } else {
        for (size_t i = 0; i < k; i++) {
            snprintf(rl[i], sizeof rl[i], "from %lld (n %lld)", rc_table_get_int(mat, i, 0),
                     rc_table_get_int(mat, i, 1));
            rows[i] = rl[i];
            for (size_t j = 0; j < nc; j++)
                vals[i * nc + j] = rc_table_get_dbl(mat, i, j + 2);
        }
        for (size_t j = 0; j < nc; j++)
            cols[j] = rc_table_column_name(mat, j + 2);
        rc_chart_opts o = {.title = "Markov transitions of relative income"};
        char *svg = NULL;
        if (rc_chart_heat_table(&svg, &o, rows, k, cols, nc, vals, 3, &err) == RC_OK)
            code = rc_report_add_chart(r, req, "markov", svg,
                                       "Probability of moving from one relative-income class (quintiles, "
                                       "0 poorest) to another in a year; the diagonal is staying put",
                                       mat);
        else
            code = rc_cli_fail(&err);
        free(svg);
    }
    free(vals), free(rows), free(cols), free(rl);
    rc_table_free(mat);
    rc_markov_tables_free(&mt);
    return code;
}

/* Phillips–Sul clubs: the club table, the mean relative transition paths and a club map. */
static int clubs_part(rc_report *r, const rc_report_request *req, const rc_panel *p)
{
    rc_clubs_request q;
    rc_clubs_request_init(&q);
    q.value = req->value;
    rc_error refused, err;
    rc_error_clear(&refused);
    q.refused = &refused; /* e.g. a simulated real income near 1: ln means ≤ 0 */
    rc_clubs_tables ct;
    memset(&ct, 0, sizeof ct);
    int code = rc_clubs_tables_build(&ct, p, &q, req->common);
    if (code)
        return code;
    if (refused.code != RC_OK) {
        char text[1536];
        snprintf(text, sizeof text, "Convergence clubs: left out. The Phillips–Sul test refused "
                 "%s: %.1200s (an index with base 100 is one way; then run regcoord clubs).",
                 req->value, refused.message);
        return rc_report_text(r, text, &err) == RC_OK ? 0 : rc_cli_fail(&err);
    }
    int rc = rc_report_table(r, ct.clubs,
                             "Phillips–Sul log t test for all regions and the convergence clubs found "
                             "(t > −1.65: the club converges)", 30, "clubs", &err);
    /* Paths: one series per club, years along x. */
    size_t n = rc_table_nrows(ct.paths), nclub = 0;
    char names[8][32];
    double *x[8] = {0}, *y[8] = {0};
    size_t m[8] = {0};
    rc_chart_series ser[8];
    for (size_t k = 0; k < n && rc == RC_OK; k++) {
        const char *club = rc_table_get_str(ct.paths, k, 0);
        size_t c = 0;
        while (c < nclub && strcmp(names[c], club))
            c++;
        if (c == nclub) {
            if (nclub == 8)
                continue; /* more than 8 clubs: the first 8 are drawn, the table has all */
            snprintf(names[nclub], sizeof names[nclub], "%s", club);
            x[nclub] = malloc(n * sizeof **x), y[nclub] = malloc(n * sizeof **y);
            if (!x[nclub] || !y[nclub])
                rc = rc_error_set(&err, RC_ENOMEM, "out of memory");
            nclub++;
        }
        if (rc == RC_OK) {
            x[c][m[c]] = (double)rc_table_get_int(ct.paths, k, 1);
            y[c][m[c]++] = rc_table_get_dbl(ct.paths, k, 2);
        }
    }
    char label[8][48];
    for (size_t c = 0; c < nclub; c++) {
        snprintf(label[c], sizeof label[c], "club %s", names[c]);
        ser[c] = (rc_chart_series){label[c], x[c], y[c], m[c]};
    }
    char *svg = NULL;
    if (rc == RC_OK && nclub) {
        rc_chart_opts o = {.title = "Relative transition paths of the clubs", .x_label = "year",
                           .y_label = "h (1 = cross-section mean)", .x_integer = 1};
        if ((rc = rc_chart_lines(&svg, &o, ser, nclub, &err)) == RC_OK)
            code = rc_report_add_chart(r, req, "club_paths", svg,
                                       "Mean relative transition path of each club (Phillips and Sul 2007)",
                                       ct.paths);
    }
    free(svg);
    /* The club map. */
    size_t nm = rc_table_nrows(ct.members);
    if (rc == RC_OK && code == 0 && req->geometry && nm) {
        static const char *const colors[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9",
                                             "#D55E00", "#F0E442", "#000000", "#999999"};
        const char *labels[9];
        char lab[9][48];
        const char **ids = malloc(nm * sizeof *ids);
        int *cls = malloc(nm * sizeof *cls);
        size_t nl = 0;
        if (!ids || !cls) {
            rc = rc_error_set(&err, RC_ENOMEM, "out of memory");
        } else {
            for (size_t k = 0; k < nm; k++) {
                const char *club = rc_table_get_str(ct.members, k, 0);
                size_t c = 0;
                while (c < nl && strcmp(lab[c] + (strncmp(lab[c], "club ", 5) ? 0 : 5), club))
                    c++;
                if (c == nl && nl < 9) {
                    snprintf(lab[nl], sizeof lab[nl], "%s%s", strcmp(club, "divergent") ? "club " : "", club);
                    labels[nl] = lab[nl];
                    nl++;
                }
                ids[k] = rc_table_get_str(ct.members, k, 1);
                cls[k] = c < nl ? (int)c : -1;
            }
            code = rc_report_add_map(r, req, ids, NULL, cls, nm, labels, colors, nl, "club_map",
                                     "Convergence clubs", "Phillips–Sul convergence clubs (HP-filtered "
                                     "ln values); divergent regions belong to no club", ct.members);
        }
        free(ids), free(cls);
    }
    for (size_t c = 0; c < nclub; c++)
        free(x[c]), free(y[c]);
    rc_clubs_tables_free(&ct);
    if (rc != RC_OK)
        return rc_cli_fail(&err);
    return code;
}

int rc_report_convergence_section(rc_report *r, const rc_panel *p, const rc_report_request *req)
{
    /* beta convergence needs a residual degree of freedom: three regions at least */
    if (!req->value || rc_panel_nyears(p) < 3 || rc_panel_nregions(p) < 3)
        return 0;
    rc_convergence_request cr;
    rc_convergence_request_init(&cr);
    cr.value = req->value;
    cr.pop = req->pop;
    rc_table *conv = NULL;
    int code = rc_convergence_table(&conv, p, &cr, req->common);
    if (code)
        return code;
    rc_error err;
    int rc = rc_report_section(r, "convergence", "Convergence", &err);
    if (rc == RC_OK) {
        char text[1024];
        double b = stat_of(conv, "beta"), hl = stat_of(conv, "half_life"), tr = stat_of(conv, "sigma_trend");
        snprintf(text, sizeof text,
                 "Absolute beta convergence of %s over the whole period: beta = %.4f per year%s%.1f%s. "
                 "The dispersion of ln %s changes by %.4f per year (sigma trend). The full tables: "
                 "regcoord convergence, regcoord markov, regcoord clubs.",
                 req->value, b, isfinite(hl) ? ", half-life " : "", isfinite(hl) ? hl : 0.0,
                 isfinite(hl) ? " years" : "", req->value, tr);
        if (!isfinite(hl)) /* no half-life: print the sentence without it */
            snprintf(text, sizeof text,
                     "Absolute beta convergence of %s over the whole period: beta = %.4f per year. The "
                     "dispersion of ln %s changes by %.4f per year (sigma trend). The full tables: "
                     "regcoord convergence, regcoord markov, regcoord clubs.", req->value, b, req->value, tr);
        rc = rc_report_text(r, text, &err);
    }
    if (rc != RC_OK) {
        rc_table_free(conv);
        return rc_cli_fail(&err);
    }
    if ((code = sigma_chart(r, req, conv)) == 0 && (code = beta_chart(r, req, p, conv)) == 0 &&
        (code = markov_chart(r, req, p)) == 0)
        code = clubs_part(r, req, p);
    static const char *const finals[] = {"sigma_trend", "sigma_f", "beta", "beta_const", "speed",
                                         "half_life", "r2", "n_obs"};
    rc_table *fin = NULL;
    if (code == 0 && (rows_of(&fin, conv, finals, sizeof finals / sizeof *finals, "convergence", &err) != RC_OK ||
                      rc_report_table(r, fin, "Sigma trend and F test, beta convergence (cross-section OLS)",
                                      20, "convergence", &err) != RC_OK))
        code = rc_cli_fail(&err);
    rc_table_free(fin);
    rc_table_free(conv);
    return code;
}
