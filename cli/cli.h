/* cli.h — what every command shares: declarative options, --help, common options, loading
 * the panel, printing errors and writing result tables.
 *
 * A command declares its options as an array of rc_cli_option (ending with RC_CLI_END),
 * usually starting with RC_CLI_DATA_OPTIONS and RC_CLI_OUTPUT_OPTIONS, calls rc_cli_parse,
 * loads its data with rc_cli_load_panel, computes through the library and hands its tables
 * to rc_cli_emit. Errors are printed once, as `regcoord: error: …`, by rc_cli_fail. */
#ifndef REGCOORD_CLI_H
#define REGCOORD_CLI_H

#include <stdio.h>
#include "regcoord/error.h"
#include "regcoord/panel.h"
#include "regcoord/table.h"

/* Exit codes (also documented in `regcoord --help`). */
enum { RC_EXIT_OK = 0, RC_EXIT_USAGE = 1, RC_EXIT_INPUT = 2, RC_EXIT_NUMERIC = 3 };

typedef enum { RC_OPT_FLAG, RC_OPT_STR, RC_OPT_INT, RC_OPT_DBL } rc_opt_kind;

typedef struct {
    const char *name;   /* long name without the leading "--"; NULL ends the array */
    char short_name;    /* 0 if none */
    rc_opt_kind kind;
    void *target;       /* int * (flag, set to 1), const char ** (str), long * (int), double * */
    const char *metavar;
    const char *help;   /* one line; say the default */
} rc_cli_option;

#define RC_CLI_END { NULL, 0, RC_OPT_FLAG, NULL, NULL, NULL }

typedef struct {
    const char *name;        /* "disparity" */
    const char *summary;     /* one line, shown in `regcoord --help` */
    const char *usage;       /* "DATA --value VAR [--pop VAR] …" */
    const char *description; /* paragraphs, what it computes and its conventions */
    const char *examples;    /* lines of examples, each a full command */
} rc_cli_doc;

/* Options every command on a panel shares. */
typedef struct {
    /* reading */
    const char *region_col, *year_col, *wide, *na, *regions_file, *years;
    /* output */
    const char *format, *output;
    long threads, seed;
    int quiet;
    /* derived by rc_cli_parse */
    rc_format fmt;
    int seed_given;
} rc_cli_common;

void rc_cli_common_init(rc_cli_common *c);

#define RC_CLI_DATA_OPTIONS(c)                                                                \
    {"region", 0, RC_OPT_STR, &(c)->region_col, "COL",                                        \
     "region id column (default: region_id, else region, else the first column)"},            \
    {"year", 0, RC_OPT_STR, &(c)->year_col, "COL",                                            \
     "year column (default: year; a table without one is a cross-section)"},                   \
    {"wide", 0, RC_OPT_STR, &(c)->wide, "VAR",                                                \
     "wide layout: one row per region, one column per year, holding variable VAR"},           \
    {"na", 0, RC_OPT_STR, &(c)->na, "LIST",                                                   \
     "comma-separated missing-value tokens (default: empty field, NA, NaN, .., -)"},          \
    {"regions", 0, RC_OPT_STR, &(c)->regions_file, "FILE",                                    \
     "table of region attributes (name, group, lon, lat) keyed by the region column"},        \
    {"years", 0, RC_OPT_STR, &(c)->years, "A:B", "use only the years A to B (inclusive)"}

#define RC_CLI_OUTPUT_OPTIONS(c)                                                              \
    {"format", 0, RC_OPT_STR, &(c)->format, "FMT",                                            \
     "text, csv, json or xlsx (default: from -o's extension, else text)"},                    \
    {"output", 'o', RC_OPT_STR, &(c)->output, "FILE", "write to FILE instead of stdout"},     \
    {"threads", 0, RC_OPT_INT, &(c)->threads, "N", "threads to use (default: all cores)"},   \
    {"seed", 0, RC_OPT_INT, &(c)->seed, "N", "seed of every random procedure (default 12345)"}, \
    {"quiet", 'q', RC_OPT_FLAG, &(c)->quiet, NULL, "no notes or progress on stderr"}

/* Parse argv[1..] (argv[0] is the command name). Options may be given as --name VALUE,
 * --name=VALUE or -x VALUE, anywhere among the positional arguments; "--" ends options.
 * Positional arguments are collected into *positional (pointing into argv; free the array
 * only). Returns -1 to go on, or an exit code: 0 after --help, RC_EXIT_USAGE on a usage
 * error (already printed). npos_min/npos_max bound the number of positional arguments. */
int rc_cli_parse(const rc_cli_doc *doc, const rc_cli_option *opts, rc_cli_common *common,
                 int argc, char **argv, size_t npos_min, size_t npos_max,
                 char ***positional, size_t *npos);
/* rc_cli_parse for the usual command with one positional argument, the DATA file: on -1 (go
 * on) *data points into argv. */
int rc_cli_parse_data(const rc_cli_doc *doc, const rc_cli_option *opts, rc_cli_common *common,
                      int argc, char **argv, const char **data);
void rc_cli_print_help(FILE *fp, const rc_cli_doc *doc, const rc_cli_option *opts);

/* Print `regcoord: error: MESSAGE` and return the exit code for err->code. */
int rc_cli_fail(const rc_error *err);
/* Print a usage error and return RC_EXIT_USAGE. */
int rc_cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A note on stderr (`regcoord: note: …`) unless --quiet. */
void rc_cli_note(const rc_cli_common *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Read the panel named on the command line with the data options, then apply --years.
 * Returns 0 or an exit code (error already printed). */
int rc_cli_load_panel(const rc_cli_common *c, const char *path, rc_panel **out);

/* Write one table to -o FILE or stdout in the chosen format. Returns 0 or an exit code. */
int rc_cli_emit(const rc_cli_common *c, const rc_table *t);
/* Write several tables: with -o DIR/ (a directory, or a path ending in '/') each table goes
 * to DIR/<table name>.<ext>; with -o FILE.xlsx all go to one workbook; otherwise the tables
 * are printed one after another (text: with a title line). */
int rc_cli_emit_all(const rc_cli_common *c, const rc_table *const *tables, size_t n);

/* 1 when path names a directory, or ends in '/' (a directory to be made). */
int rc_cli_output_is_dir(const char *path);

/* Split a comma-separated list into trimmed items (malloc'ed array of malloc'ed strings). */
int rc_cli_split_list(const char *text, char ***items, size_t *n);
void rc_cli_free_list(char **items, size_t n);

/* Resolve variable names against the panel; prints the error and returns an exit code, or 0. */
int rc_cli_find_var(const rc_panel *p, const char *name, size_t *v);

/* Progress on stderr when it is a terminal and not --quiet: call with done/total; prints
 * at most ~10 times a second and clears the line at done == total. */
void rc_cli_progress(const rc_cli_common *c, const char *what, size_t done, size_t total);
/* An rc_sim_progress_fn (ctx: the rc_cli_common) showing simulated periods through
 * rc_cli_progress; defined in cmd_simulate.c, used by simulate and report. */
void rc_cli_sim_progress(void *common, size_t done, size_t total);

#endif
