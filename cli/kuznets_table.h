/* kuznets_table.h — the `kuznets` analysis as tables, shared by the kuznets command and the
 * report (so both print the same numbers). */
#ifndef REGCOORD_KUZNETS_TABLE_H
#define REGCOORD_KUZNETS_TABLE_H

#include "cli.h"
#include "regcoord/regress.h"

typedef struct {
    const char *value;     /* per-capita level (required) */
    const char *pop;       /* population: weights of the gap index and of the national level */
    const char *gap;       /* disparity index name; NULL = theil_t_w with pop, theil_t without */
    const char *group;     /* also fit each group's own series */
    const char *gap_var;   /* panel form: a region-year gap variable instead of a national index */
    const char *controls;  /* comma-separated control variables (national/group form: their
                            * yearly means with the weights of the level) */
    rc_fe_kind fe;         /* panel form only */
    rc_se_kind se;
    double alpha;          /* Fieller level 1 − alpha */
    int fieller_normal;
    double x_low, x_high;  /* U-test interval in ln units; NaN = observed range */
} rc_kuznets_request;

void rc_kuznets_request_init(rc_kuznets_request *req);

/* The gap index names --gap accepts (for --help). */
extern const char *const rc_kuznets_gap_names;

/* Build the tables
 *   coefficients   group,term,estimate,std_error,t,p_value
 *   turning_point  group,statistic,value
 *   series         year,group,region,level,ln_level,gap,fitted,slope,stage
 * (group 'all' for the national series, a group label, or 'panel' for the panel form; region
 * 'all' except in the panel form). Returns 0 or an exit code (error already printed). */
int rc_kuznets_tables(rc_table **coef, rc_table **turning, rc_table **series, const rc_panel *p,
                      const rc_kuznets_request *req, const rc_cli_common *c);

#endif
