/* coordinate_table.h — the `coordinate` analysis as tables, shared by the coordinate command
 * and the report (so both print the same numbers). */
#ifndef REGCOORD_COORDINATE_TABLE_H
#define REGCOORD_COORDINATE_TABLE_H

#include "cli.h"
#include "regcoord/evaluation.h"

typedef struct {
    const char *system;          /* index system file (required) */
    const char *weights_method;  /* entropy (default), critic, equal, given, combined */
    const char *coupling;        /* wang (default) or classic */
    const char *normalize;       /* pooled (default: global entropy method) or per-year */
    const char *impute;          /* NULL (drop region-years listwise) or "linear" */
    const char *alpha;           /* comma list of subsystem weights a_i, NULL = equal */
    const char *topsis;          /* minmax (default) or vector */
    double shift;                /* δ of the entropy logarithm (1e-4) */
    double sync_ratio;           /* min U / max U below which a subsystem lags (0.8) */
    int score_on_shifted;
    long top;                    /* obstacles kept per region-year (5; 0 = all) */
} rc_coordinate_request;

void rc_coordinate_request_init(rc_coordinate_request *req);

/* The four tables of the command:
 *   weights      [year,]indicator,subsystem,weight   (year only with per-year normalisation;
 *                rows with subsystem "overall" hold the weights over all indicators)
 *   scores       year,region,subsystem,U             (subsystems, then "overall" and "topsis")
 *   coordination year,region,C,T,D,grade,type
 *   obstacles    year,region,indicator,obstacle      (top-k indicators, then every subsystem) */
typedef struct {
    rc_table *weights, *scores, *coordination, *obstacles;
} rc_coordinate_tables;

/* Build all four tables for panel p. Returns 0 or an exit code (error already printed); notes
 * (choices, dropped or imputed region-years, constant indicators) go to stderr via c. */
int rc_coordinate_build(rc_coordinate_tables *out, const rc_panel *p,
                        const rc_coordinate_request *req, const rc_cli_common *c);
void rc_coordinate_tables_free(rc_coordinate_tables *t);

/* Only the coordination table (year,region,C,T,D,grade,type), e.g. for a report's grade map;
 * the caller owns *out. */
int rc_coordinate_table(rc_table **out, const rc_panel *p, const rc_coordinate_request *req,
                        const rc_cli_common *c);

#endif
