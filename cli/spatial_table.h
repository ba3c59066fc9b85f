/* spatial_table.h — the tables of `regcoord spatial` (global, local, moran_path), built once
 * for the command and the report alike. */
#ifndef REGCOORD_SPATIAL_TABLE_H
#define REGCOORD_SPATIAL_TABLE_H

#include "cli.h"

typedef struct {
    const char *value, *bivariate, *weights, *geo, *geo_id, *alternative, *islands, *adjust, *transform,
        *stats, *table;
    long permutations;
    double alpha;
    int want_global, want_local, drop_unmatched;
} rc_spatial_request;

void rc_spatial_request_init(rc_spatial_request *r);

typedef struct {
    rc_table *global;  /* year,statistic,value,expected,variance_norm,variance_rand,z_norm,… */
    rc_table *local;   /* year,region,statistic,value,z_sim,p_sim,quadrant,cluster */
    rc_table *path;    /* moran_path: year,n,islands,value,expected,z_rand,p_rand,p_sim */
    rc_table *scatter; /* moran_scatter: year,region,z,lag (the Moran scatter plot) */
} rc_spatial_tables;

/* Validate the request, align the weights to the panel and compute every year. Returns 0 or an
 * exit code (the error already printed). Tables not asked for are NULL. */
int rc_spatial_run(rc_spatial_tables *out, const rc_panel *p, const rc_spatial_request *req,
                   const rc_cli_common *c);
void rc_spatial_tables_free(rc_spatial_tables *t);

#endif
