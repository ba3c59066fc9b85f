/* report_common.c — what the report sections share: adding charts (and --charts files),
 * the data summary and the methods sections. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_sections.h"
#include "regcoord/summary.h"

int rc_report_add_chart(rc_report *r, const rc_report_request *req, const char *name,
                        const char *svg, const char *caption, const rc_table *data)
{
    rc_error err;
    if (rc_report_chart(r, svg, caption, data, name, &err) != RC_OK)
        return rc_cli_fail(&err);
    if (req->charts_dir) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.svg", req->charts_dir, name);
        FILE *fp = fopen(path, "w");
        if (!fp || fputs(svg, fp) < 0 || fclose(fp) != 0) {
            rc_error_set(&err, RC_EIO, "cannot write chart '%s'", path);
            return rc_cli_fail(&err);
        }
    }
    return 0;
}

int rc_report_data_section(rc_report *r, const rc_panel *p, const rc_report_request *req)
{
    rc_error err;
    rc_table *t = NULL;
    char text[512];
    size_t n = rc_panel_nregions(p), T = rc_panel_nyears(p);
    if (rc_panel_is_cross_section(p))
        snprintf(text, sizeof text, "%s: %zu regions, one cross-section, %zu numeric variable%s.",
                 req->data_path, n, rc_panel_nvars(p), rc_panel_nvars(p) == 1 ? "" : "s");
    else
        snprintf(text, sizeof text, "%s: %zu regions, %zu years (%d–%d), %zu numeric variable%s.",
                 req->data_path, n, T, rc_panel_year(p, 0), rc_panel_year(p, T - 1),
                 rc_panel_nvars(p), rc_panel_nvars(p) == 1 ? "" : "s");
    int rc = rc_report_section(r, "data", "Data", &err);
    if (rc == RC_OK)
        rc = rc_report_text(r, text, &err);
    if (rc == RC_OK)
        rc = rc_panel_summary(&t, p, &err);
    if (rc == RC_OK)
        rc = rc_report_table(r, t, "Variables: values present, missing region-years, range",
                             200, "summary", &err);
    rc_table_free(t);
    return rc == RC_OK ? 0 : rc_cli_fail(&err);
}

int rc_report_methods_section(rc_report *r, const rc_panel *p, const rc_report_request *req)
{
    (void)p;
    rc_error err;
    rc_table *t;
    int rc = rc_table_new(&t, "parameters", &err);
    if (rc == RC_OK)
        rc = rc_table_add_column(t, "parameter", RC_COL_STR, NULL, &err);
    if (rc == RC_OK)
        rc = rc_table_add_column(t, "value", RC_COL_STR, NULL, &err);
    char seed[32], perms[32];
    snprintf(seed, sizeof seed, "%ld", req->common->seed);
    char sim_seed[32] = "(none)";
    if (req->sim)
        snprintf(sim_seed, sizeof sim_seed, "%llu",
                 (unsigned long long)rc_sim_scenario_seed(req->sim->sc));
    snprintf(perms, sizeof perms, "%ld", req->permutations);
    const char *rows[][2] = {
        {"software", "regcoord " RC_VERSION},
        {"data", req->data_path},
        {"value", req->value ? req->value : "(none)"},
        {"population", req->pop ? req->pop : "(none)"},
        {"groups", req->group ? req->group : "(none)"},
        {"geometry", req->geo ? req->geo : "(none)"},
        {"scenario", req->sim ? req->sim->path : "(none)"},
        {"baseline", req->baseline ? req->baseline->path : "(none)"},
        {"simulation seed", sim_seed},
        {"years", req->common->years ? req->common->years : "all"},
        {"permutations", perms},
        {"seed", seed},
    };
    for (size_t k = 0; k < sizeof rows / sizeof *rows && rc == RC_OK; k++)
        rc = rc_table_append(t, &err, "ss", rows[k][0], rows[k][1]);
    if (rc == RC_OK)
        rc = rc_report_section(r, "methods", "Methods and parameters", &err);
    if (rc == RC_OK)
        rc = rc_report_text(r, "Formulas and conventions: docs/ and the methods specification. "
                               "The same seed gives the same numbers for any number of threads.",
                            &err);
    if (rc == RC_OK)
        rc = rc_report_table(r, t, "Parameters of this report", 100, "parameters", &err);
    rc_table_free(t);
    return rc == RC_OK ? 0 : rc_cli_fail(&err);
}
