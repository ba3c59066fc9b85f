/* disparity_table.h — the `disparity` analysis as a table, shared by the disparity command
 * and the report (so both print the same numbers). */
#ifndef REGCOORD_DISPARITY_TABLE_H
#define REGCOORD_DISPARITY_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "cli.h"

typedef struct {
    const char *value, *pop, *group;
    const char *stats;    /* comma list, NULL = all the inputs allow */
    const char *epsilon;  /* comma list of Atkinson ε, NULL = 0.5,1 */
    int cv_sample, balanced;
    size_t permutations, bootstrap;
    double level;
    uint64_t seed;
} rc_disparity_request;

void rc_disparity_request_init(rc_disparity_request *req);

/* Build the table year,group,statistic,value[,p_value][,ci_low,ci_high]. Returns 0 or an
 * exit code (the error already printed). Notes about dropped regions go to stderr via c. */
int rc_disparity_table(rc_table **out, const rc_panel *p, const rc_disparity_request *req,
                       const rc_cli_common *c);

#endif
