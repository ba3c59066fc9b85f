/* cmd_report.c — `regcoord report [DATA] …`: the whole study as one self-contained HTML file.
 *
 * Runs the analyses the given inputs allow and hands their tables and charts to the report
 * writer. Sections for analyses that the inputs do not allow are left out, never faked. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "commands.h"
#include "report_sections.h"
#include "regcoord/chart.h"
#include "regcoord/report.h"
#include "regcoord/summary.h"

static const rc_cli_doc doc = {
    "report",
    "Write the whole study as one self-contained HTML report with charts and maps.",
    "[DATA] [--value VAR] [--pop VAR] [--group COL] [--geo FILE --geo-id FIELD]\n"
    "       [--scenario S.json [--baseline B.json]] -o report.html",
    "Runs every analysis the inputs allow and writes one HTML file that needs no network to\n"
    "view: charts are inline SVG, every chart's data is embedded as CSV (download link), and\n"
    "the methods section lists the parameters, seed and software version. Sections: data\n"
    "summary; and, as their inputs are given, the gap between regions over time with its\n"
    "decomposition (--value, --pop, --group), spatial structure and maps (--geo) and the\n"
    "others listed in the README; with --scenario S.json a simulation section (gap path and\n"
    "stages, its inverse-U fit and turning point, the scenario's sweep if it has one, income\n"
    "and urban shares by region, the final period by region and, with --geo, as maps; with\n"
    "--baseline B.json the scenario against the baseline). Without DATA the simulated\n"
    "panel is the report's data (--value real_income --pop pop --group group by default),\n"
    "so every section applies to the simulated regions.\n"
    "Every number equals what the corresponding command prints.\n"
    "--charts DIR also writes each chart as its own .svg file.",
    "  regcoord report tests/data/us_income/usjoin.csv --wide pcincome --region STATE_FIPS \\\n"
    "      --regions tests/data/us_income/us48_census_regions.csv --group census_region \\\n"
    "      -o report.html\n"
    "  regcoord report china_provinces_panel.csv --value gdp_pc --pop pop --group group \\\n"
    "      --geo china_provinces_31.geojson --geo-id region_id -o china.html\n"
    "  regcoord report --scenario examples/china31.json --baseline examples/aid.json \\\n"
    "      --geo china_provinces_31.geojson --geo-id region_id -o simulation.html",
};

int rc_cmd_report(int argc, char **argv)
{
    rc_cli_common c;
    rc_cli_common_init(&c);
    rc_report_request req;
    memset(&req, 0, sizeof req);
    req.permutations = 999;
    const char *scenario = NULL, *baseline = NULL;
    const rc_cli_option opts[] = {
        RC_CLI_DATA_OPTIONS(&c),
        {"value", 0, RC_OPT_STR, &req.value, "VAR", "the per-capita variable studied (e.g. gdp_pc)"},
        {"pop", 0, RC_OPT_STR, &req.pop, "VAR", "population, for the weighted indices"},
        {"group", 0, RC_OPT_STR, &req.group, "COL", "region groups (e.g. east/central/west)"},
        {"geo", 0, RC_OPT_STR, &req.geo, "FILE", "region polygons (GeoJSON, Shapefile, GeoPackage …)"},
        {"geo-id", 0, RC_OPT_STR, &req.geo_id, "FIELD", "id field of the polygons (default: the --region column if the geometry has it, else region_id, id, the first field)"},
        {"system", 0, RC_OPT_STR, &req.system, "FILE", "index system (indicator,subsystem,direction) for the coordination section"},
        {"weights", 'w', RC_OPT_STR, &req.weights, "SPEC", "spatial weights (default: queen contiguity of --geo)"},
        {"permutations", 0, RC_OPT_INT, &req.permutations, "N", "permutations for pseudo p-values (default 999)"},
        {"charts", 0, RC_OPT_STR, &req.charts_dir, "DIR", "also write every chart as DIR/NAME.svg"},
        {"title", 0, RC_OPT_STR, &req.title, "TEXT", "report title"},
        {"scenario", 0, RC_OPT_STR, &scenario, "FILE", "add a simulation section (a regcoord simulate scenario); without DATA its panel is the data"},
        {"baseline", 0, RC_OPT_STR, &baseline, "FILE", "baseline scenario compared with --scenario"},
        RC_CLI_OUTPUT_OPTIONS(&c),
        RC_CLI_END,
    };
    char **pos = NULL;
    size_t npos = 0;
    int code = rc_cli_parse(&doc, opts, &c, argc, argv, 0, 1, &pos, &npos);
    const char *data_path = code < 0 && npos ? pos[0] : NULL;
    free(pos);
    if (code >= 0)
        return code;
    if (baseline && !scenario)
        return rc_cli_usage_error("--baseline needs --scenario");
    if (!data_path && !scenario)
        return rc_cli_usage_error("report needs DATA, or --scenario S.json (see regcoord report --help)");
    if (!c.output)
        return rc_cli_usage_error("report needs -o FILE.html");
    if (req.permutations < 0)
        return rc_cli_usage_error("--permutations must be ≥ 0");
    /* Scenarios run first: a bad one fails before any analysis, and without DATA the
     * simulated panel is the data. */
    rc_report_sim sim, base;
    memset(&sim, 0, sizeof sim);
    memset(&base, 0, sizeof base);
    if (scenario && ((code = rc_report_sim_run(&sim, scenario, &c)) != 0 ||
                     (baseline && (code = rc_report_sim_run(&base, baseline, &c)) != 0))) {
        rc_report_sim_free(&sim);
        rc_report_sim_free(&base);
        return code;
    }
    req.sim = scenario ? &sim : NULL;
    req.baseline = baseline ? &base : NULL;
    rc_panel *loaded = NULL;
    const rc_panel *p;
    if (data_path) {
        if (!req.value)
            req.value = c.wide; /* a wide table holds just one variable */
        if ((code = rc_cli_load_panel(&c, data_path, &loaded)) != 0) {
            rc_report_sim_free(&sim);
            rc_report_sim_free(&base);
            return code;
        }
        p = loaded;
    } else {
        p = rc_sim_result_panel(sim.res);
        size_t a;
        if (!req.value)
            req.value = "real_income";
        if (!req.pop)
            req.pop = "pop";
        if (!req.group && rc_panel_find_attr(p, "group", &a, NULL) == RC_OK)
            req.group = "group";
    }
    req.common = &c;
    char simulated[1024];
    snprintf(simulated, sizeof simulated, "the simulated panel of %s", scenario ? scenario : "");
    req.data_path = data_path ? data_path : simulated;
    rc_error err;
    rc_geometry *geometry = NULL;
    /* Without --geo-id, the id field is the panel's region column when the geometry has it. */
    if (req.geo && !req.geo_id && c.region_col &&
        rc_geometry_read(&geometry, req.geo, c.region_col, &err) == RC_OK)
        req.geo_id = c.region_col;
    if (req.geo && !geometry && rc_geometry_read(&geometry, req.geo, req.geo_id, &err) != RC_OK) {
        rc_panel_free(loaded);
        rc_report_sim_free(&sim);
        rc_report_sim_free(&base);
        return rc_cli_fail(&err);
    }
    req.geometry = geometry;
    rc_report *r;
    char title[512];
    snprintf(title, sizeof title, "%s", req.title ? req.title : "Coordinated regional development");
    if (rc_report_new(&r, title, &err) != RC_OK) {
        rc_panel_free(loaded);
        rc_report_sim_free(&sim);
        rc_report_sim_free(&base);
        rc_geometry_free(geometry);
        return rc_cli_fail(&err);
    }
    if (req.charts_dir && mkdir(req.charts_dir, 0777) != 0 && !rc_cli_output_is_dir(req.charts_dir)) {
        rc_report_free(r);
        rc_panel_free(loaded);
        rc_report_sim_free(&sim);
        rc_report_sim_free(&base);
        rc_geometry_free(geometry);
        return rc_cli_usage_error("--charts: cannot create directory '%s'", req.charts_dir);
    }
    /* Each section returns 0 (written or not applicable) or an exit code. */
    typedef int (*section_fn)(rc_report *, const rc_panel *, const rc_report_request *);
    const section_fn sections[] = {rc_report_data_section, rc_report_disparity_section,
                                   rc_report_convergence_section, rc_report_spatial_section, rc_report_coordination_section,
                                   rc_report_drivers_section, rc_report_simulation_section, rc_report_methods_section};
    const size_t nsections = sizeof sections / sizeof *sections;
    for (size_t k = 0; k < nsections && code == 0; k++) {
        rc_cli_progress(&c, "report", k, nsections);
        code = sections[k](r, p, &req);
    }
    rc_cli_progress(&c, "report", nsections, nsections);
    if (code == 0) {
        if (rc_report_write(r, c.output, &err) != RC_OK)
            code = rc_cli_fail(&err);
        else if (!c.quiet)
            printf("%s\n", c.output);
    }
    rc_report_free(r);
    rc_panel_free(loaded);
    rc_report_sim_free(&sim);
    rc_report_sim_free(&base);
    rc_geometry_free(geometry);
    return code;
}
