/* table.h — tidy result tables and their writers.
 *
 * Every command returns its results as one or more rc_tables: named, typed columns, one row
 * per region / year / group / statistic. Writers turn a table into aligned text, CSV
 * (RFC 4180), JSON (an array of row objects) or XLSX. A missing number (NaN) is written as
 * an empty CSV field, JSON null, "NA" in text and an empty XLSX cell. Files are written to
 * a temporary file beside the target and renamed, so a failure never leaves half a file. */
#ifndef REGCOORD_TABLE_H
#define REGCOORD_TABLE_H

#include <stddef.h>
#include <stdio.h>
#include "regcoord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { RC_COL_STR, RC_COL_INT, RC_COL_DBL } rc_coltype;
typedef enum { RC_FORMAT_TEXT, RC_FORMAT_CSV, RC_FORMAT_JSON, RC_FORMAT_XLSX } rc_format;

typedef struct rc_table rc_table;

/* A table named `name` (used as the XLSX sheet name and in file names). */
int rc_table_new(rc_table **out, const char *name, rc_error *err);
void rc_table_free(rc_table *t);

/* Columns are added before the first row; *col (may be NULL) receives the position. */
int rc_table_add_column(rc_table *t, const char *name, rc_coltype type, size_t *col,
                        rc_error *err);
/* Append an empty row (strings "", ints 0, doubles NaN); *row (may be NULL) receives it. */
int rc_table_add_row(rc_table *t, size_t *row, rc_error *err);
int rc_table_set_str(rc_table *t, size_t row, size_t col, const char *value, rc_error *err);
int rc_table_set_int(rc_table *t, size_t row, size_t col, long long value, rc_error *err);
int rc_table_set_dbl(rc_table *t, size_t row, size_t col, double value, rc_error *err);

/* Append one row from a printf-like column spec: one char per column, 's' (const char *),
 * 'i' (int), 'l' (long long), 'd' (double), matching the column types in order (both 'i'
 * and 'l' fill an RC_COL_INT column; pass size_t counts as (long long)). Convenient for the
 * long tidy tables the commands build: rc_table_append(t, err, "isd", year, "all", v). */
int rc_table_append(rc_table *t, rc_error *err, const char *spec, ...);

/* A new table with the columns of t and the rows r for which keep[r] is non-zero, in order. */
int rc_table_filter_rows(rc_table **out, const rc_table *t, const unsigned char *keep,
                         rc_error *err);

const char *rc_table_name(const rc_table *t);
size_t rc_table_ncols(const rc_table *t);
size_t rc_table_nrows(const rc_table *t);
const char *rc_table_column_name(const rc_table *t, size_t col);
rc_coltype rc_table_column_type(const rc_table *t, size_t col);
int rc_table_find_column(const rc_table *t, const char *name, size_t *col);
const char *rc_table_get_str(const rc_table *t, size_t row, size_t col);
/* Either numeric column type reads through either getter (converted); text reads as 0 / NaN. */
long long rc_table_get_int(const rc_table *t, size_t row, size_t col);
double rc_table_get_dbl(const rc_table *t, size_t row, size_t col);

/* "text", "csv", "json", "xlsx" → format; RC_EUSAGE otherwise. */
int rc_format_parse(const char *text, rc_format *fmt, rc_error *err);
/* Format implied by a file name's extension (.csv .json .xlsx .txt), or RC_EUSAGE. */
int rc_format_from_path(const char *path, rc_format *fmt, rc_error *err);
const char *rc_format_extension(rc_format fmt);

/* Write to an open stream (text, CSV, JSON only). */
int rc_table_write_stream(const rc_table *t, rc_format fmt, FILE *fp, rc_error *err);
/* Write to path atomically (temporary file + rename). XLSX needs a path. */
int rc_table_write_file(const rc_table *t, rc_format fmt, const char *path, rc_error *err);
/* Write several tables to one XLSX workbook (one sheet per table), atomically. */
int rc_tables_write_xlsx(const rc_table *const *tables, size_t ntables, const char *path,
                         rc_error *err);

/* Shortest decimal text that reads back as exactly x ("NA"-free: caller handles NaN).
 * buf needs 32 bytes. Used by the CSV/JSON writers and by reports. */
void rc_format_double(char *buf, size_t size, double x);

#ifdef __cplusplus
}
#endif
#endif
