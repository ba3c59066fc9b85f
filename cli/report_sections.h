/* report_sections.h — the sections of `regcoord report`, one file each (cli/report_*.c).
 * A section adds itself to the report when the request allows it and returns 0, or prints
 * an error and returns an exit code. Sections reuse the commands' table builders, so the
 * report's numbers are those the commands print. */
#ifndef REGCOORD_REPORT_SECTIONS_H
#define REGCOORD_REPORT_SECTIONS_H

#include "cli.h"
#include "regcoord/geometry.h"
#include "regcoord/report.h"
#include "regcoord/simulate.h"

/* A scenario run for the report. cmd_report runs --scenario and --baseline before any section,
 * so a bad scenario fails fast and, without DATA, the simulated panel is the report's data. */
typedef struct {
    const char *path;
    rc_sim_scenario *sc;
    rc_sim_result *res;
} rc_report_sim;

/* Load and run the scenario at path (--seed overrides its seed). Returns 0 or an exit code. */
int rc_report_sim_run(rc_report_sim *s, const char *path, const rc_cli_common *c);
void rc_report_sim_free(rc_report_sim *s);

typedef struct {
    const rc_cli_common *common;
    const char *data_path;
    const char *value, *pop, *group, *geo, *geo_id, *weights, *system, *charts_dir, *title;
    long permutations;
    const rc_geometry *geometry; /* read from --geo once; NULL without */
    const rc_report_sim *sim, *baseline; /* simulation section (cli/report_simulation*.c) */
} rc_report_request;

/* Add a chart to the report (and write it to --charts DIR/name.svg). Returns 0 or an exit code. */
int rc_report_add_chart(rc_report *r, const rc_report_request *req, const char *name,
                        const char *svg, const char *caption, const rc_table *data);

/* A choropleth of the geometry: ids[k] (panel region ids) gets class cls[k] (−1: no data);
 * features without a matching id (rc_region_ids_match) are drawn as "no data". */
int rc_report_add_map(rc_report *r, const rc_report_request *req, const char *const *ids,
                      const char *const *names, const int *cls, size_t n,
                      const char *const *labels, const char *const *colors, size_t nclasses,
                      const char *name, const char *title, const char *caption,
                      const rc_table *data);

int rc_report_data_section(rc_report *r, const rc_panel *p, const rc_report_request *req);
int rc_report_disparity_section(rc_report *r, const rc_panel *p, const rc_report_request *req);
int rc_report_coordination_section(rc_report *r, const rc_panel *p, const rc_report_request *req);
int rc_report_drivers_section(rc_report *r, const rc_panel *p, const rc_report_request *req);
int rc_report_convergence_section(rc_report *r, const rc_panel *p, const rc_report_request *req);
int rc_report_spatial_section(rc_report *r, const rc_panel *p, const rc_report_request *req);
int rc_report_simulation_section(rc_report *r, const rc_panel *p, const rc_report_request *req);
/* Parts of the simulation section (cli/report_simulation_final.c): maps of the final period
 * (with --geo) and, with --baseline, the scenario-versus-baseline table. */
int rc_report_simulation_maps(rc_report *r, const rc_report_request *req);
int rc_report_simulation_comparison(rc_report *r, const rc_report_request *req);
int rc_report_methods_section(rc_report *r, const rc_panel *p, const rc_report_request *req);

#endif
