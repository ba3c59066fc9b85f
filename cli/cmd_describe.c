/* cmd_describe.c — `regcoord describe DATA`: what is in a panel and what is missing. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "regcoord/summary.h"
#include "commands.h"

static const rc_cli_doc doc = {
    "describe",
    "Summarise a panel: regions, years, variables, missing values.",
    "DATA [--table summary|missing] [options]",
    "Reads DATA (long: region,year,variables…; or --wide VAR) and reports, for every numeric\n"
    "variable, how many region-years have a value (count), how many do not (missing, over\n"
    "all regions × years of the panel), and the min, mean and max of the values present.\n"
    "The text format adds a header with the number of regions and the year span, the text\n"
    "columns (e.g. groups) with their distinct values, and which region-years are missing.\n"
    "--table missing lists every missing region-year (variable, region, year) as a table.\n"
    "Reading errors (duplicated region-years, non-numeric cells, ragged rows) name the file\n"
    "and line.",
    "  regcoord describe tests/data/us_income/usjoin.csv --wide pcincome --region STATE_FIPS\n"
    "  regcoord describe china_provinces_panel.csv --years 1990:2019 --format csv\n"
    "  regcoord describe panel.xlsx --table missing -o missing.csv",
};

static int missing_table(rc_table **out, const rc_panel *p, rc_error *err)
{
    rc_table *t;
    int rc = rc_table_new(&t, "missing", err);
    if (rc != RC_OK)
        return rc;
    if ((rc = rc_table_add_column(t, "variable", RC_COL_STR, NULL, err)) != RC_OK ||
        (rc = rc_table_add_column(t, "region", RC_COL_STR, NULL, err)) != RC_OK ||
        (rc = rc_table_add_column(t, "year", RC_COL_INT, NULL, err)) != RC_OK) {
        rc_table_free(t);
        return rc;
    }
    size_t n = rc_panel_nregions(p), T = rc_panel_nyears(p);
    for (size_t v = 0; v < rc_panel_nvars(p) && rc == RC_OK; v++)
        for (size_t i = 0; i < n && rc == RC_OK; i++)
            for (size_t ti = 0; ti < T && rc == RC_OK; ti++)
                if (isnan(rc_panel_value(p, v, i, ti)))
                    rc = rc_table_append(t, err, "ssi", rc_panel_var_name(p, v),
                                         rc_panel_region_id(p, i), rc_panel_year(p, ti));
    if (rc != RC_OK) {
        rc_table_free(t);
        return rc;
    }
    *out = t;
    return RC_OK;
}

/* Text header: shape of the panel and its text columns. */
static void print_header(const rc_panel *p)
{
    size_t n = rc_panel_nregions(p), T = rc_panel_nyears(p);
    printf("%s\n", rc_panel_source(p));
    if (rc_panel_is_cross_section(p))
        printf("%zu regions, a cross-section (no year column), %zu numeric variables\n", n,
               rc_panel_nvars(p));
    else
        printf("%zu region%s, %zu year%s (%d–%d), %zu numeric variable%s\n", n, n == 1 ? "" : "s", T,
               T == 1 ? "" : "s", rc_panel_year(p, 0), rc_panel_year(p, T - 1), rc_panel_nvars(p),
               rc_panel_nvars(p) == 1 ? "" : "s");
    for (size_t a = 0; a < rc_panel_nattrs(p); a++) {
        /* Distinct values, shown when few (groups); otherwise just their number. */
        const char *seen[8];
        size_t distinct = 0;
        int many = 0;
        for (size_t i = 0; i < n && !many; i++) {
            const char *v = rc_panel_attr_value(p, a, i);
            size_t k = 0;
            while (k < distinct && strcmp(seen[k], v))
                k++;
            if (k == distinct) {
                if (distinct == 8)
                    many = 1;
                else
                    seen[distinct++] = v;
            }
        }
        printf("text column %s: ", rc_panel_attr_name(p, a));
        if (many) {
            printf("more than 8 distinct values\n");
            continue;
        }
        for (size_t k = 0; k < distinct; k++) {
            size_t members = 0;
            for (size_t i = 0; i < n; i++)
                members += !strcmp(rc_panel_attr_value(p, a, i), seen[k]);
            printf("%s%s (%zu)", k ? ", " : "", *seen[k] ? seen[k] : "(empty)", members);
        }
        printf("\n");
    }
    printf("\n");
}

/* The missing years of region i in variable v as runs ("1978–1996, 2020"); "" if none. */
static void missing_runs(char *buf, size_t size, const rc_panel *p, size_t v, size_t i)
{
    size_t T = rc_panel_nyears(p), used = 0;
    buf[0] = '\0';
    for (size_t ti = 0; ti < T && used + 16 < size;) {
        if (!isnan(rc_panel_value(p, v, i, ti))) {
            ti++;
            continue;
        }
        size_t end = ti;
        while (end + 1 < T && isnan(rc_panel_value(p, v, i, end + 1)))
            end++;
        int w;
        if (rc_panel_is_cross_section(p))
            w = snprintf(buf + used, size - used, "missing");
        else if (end == ti)
            w = snprintf(buf + used, size - used, "%s%d", used ? ", " : "", rc_panel_year(p, ti));
        else
            w = snprintf(buf + used, size - used, "%s%d–%d", used ? ", " : "",
                         rc_panel_year(p, ti), rc_panel_year(p, end));
        if (w < 0 || (size_t)w >= size - used)
            break;
        used += (size_t)w;
        ti = end + 1;
    }
}

/* Text footer: for each variable, the regions that share the same missing years. */
static void print_missing(const rc_panel *p)
{
    size_t n = rc_panel_nregions(p);
    char *done = malloc(n), mine[512], other[512];
    if (!done)
        return;
    int any = 0;
    for (size_t v = 0; v < rc_panel_nvars(p); v++) {
        memset(done, 0, n);
        int header = 0;
        for (size_t i = 0; i < n; i++) {
            if (done[i])
                continue;
            missing_runs(mine, sizeof mine, p, v, i);
            if (!*mine)
                continue;
            if (!any++)
                printf("\nmissing region-years:\n");
            if (!header++)
                printf("  %s\n", rc_panel_var_name(p, v));
            size_t members = 1;
            for (size_t j = i + 1; j < n; j++) {
                if (done[j])
                    continue;
                missing_runs(other, sizeof other, p, v, j);
                if (!strcmp(mine, other))
                    done[j] = 2, members++;
            }
            if (members == n) {
                printf("    %s: all %zu regions\n", mine, n);
                continue;
            }
            printf("    %s: %s", mine, rc_panel_region_id(p, i));
            for (size_t j = i + 1; j < n; j++)
                if (done[j] == 2) {
                    done[j] = 1;
                    printf(" %s", rc_panel_region_id(p, j));
                }
            printf("\n");
        }
    }
    if (!any)
        printf("\nno missing values\n");
    free(done);
}

int rc_cmd_describe(int argc, char **argv)
{
    rc_cli_common c;
    rc_cli_common_init(&c);
    const char *which = "summary";
    const rc_cli_option opts[] = {
        RC_CLI_DATA_OPTIONS(&c),
        {"table", 0, RC_OPT_STR, &which, "NAME", "summary (default) or missing"},
        RC_CLI_OUTPUT_OPTIONS(&c),
        RC_CLI_END,
    };
    char **pos;
    size_t npos;
    int code = rc_cli_parse(&doc, opts, &c, argc, argv, 1, 1, &pos, &npos);
    if (code >= 0)
        return code;
    int want_missing = !strcmp(which, "missing");
    if (!want_missing && strcmp(which, "summary")) {
        free(pos);
        return rc_cli_usage_error("--table must be summary or missing, not '%s'", which);
    }
    rc_panel *p;
    if ((code = rc_cli_load_panel(&c, pos[0], &p)) != 0) {
        free(pos);
        return code;
    }
    free(pos);
    rc_error err;
    rc_table *t = NULL;
    int rc = want_missing ? missing_table(&t, p, &err) : rc_panel_summary(&t, p, &err);
    if (rc != RC_OK) {
        rc_panel_free(p);
        return rc_cli_fail(&err);
    }
    int to_terminal_text = c.fmt == RC_FORMAT_TEXT && (!c.output || !strcmp(c.output, "-"));
    if (to_terminal_text && !want_missing)
        print_header(p);
    code = rc_cli_emit(&c, t);
    if (code == 0 && to_terminal_text && !want_missing)
        print_missing(p);
    rc_table_free(t);
    rc_panel_free(p);
    return code;
}
