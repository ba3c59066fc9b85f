/* io.h — reading panels from files.
 *
 * Tables are read through GDAL: CSV files with GDAL's CSV tokenizer (so that line numbers and
 * ragged rows can be reported exactly), every other table format (XLSX, ODS, GeoPackage,
 * Shapefile .dbf, GeoJSON properties …) through the OGR vector API. GDAL hands every field
 * over as text; numbers are parsed strictly here, so "01001" stays a region id and "n/a"
 * is an error naming file, line and column unless it is listed as a missing-value token. */
#ifndef REGCOORD_IO_H
#define REGCOORD_IO_H

#include "regcoord/error.h"
#include "regcoord/panel.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    const char *region_col;   /* region id column; NULL = "region_id", else "region", else the first column */
    const char *year_col;     /* year column; NULL = "year" if present, else a cross-section */
    const char *wide_var;     /* non-NULL: wide layout, year columns hold this variable */
    const char *na_tokens;    /* comma-separated missing-value tokens; NULL = default list */
    const char *regions_file; /* optional second table with region attributes (same id column) */
} rc_read_options;

/* The default missing-value tokens (besides the empty field): NA, NaN, .., - */
extern const char *const RC_DEFAULT_NA_TOKENS;

/* Read a panel. Columns other than region and year become numeric variables when most of
 * their non-missing cells are numbers (the others are then errors), else text attributes;
 * a text attribute that differs between rows of one region keeps its first value. */
int rc_panel_read(rc_panel **out, const char *path, const rc_read_options *opt, rc_error *err);

/* Read a table with one row per region, year and key (e.g. region,year,sector,employment) as
 * a panel whose variables are the distinct values of column key_col, in order of first
 * appearance, holding the numbers of column value_col. Region and year columns as for
 * rc_panel_read (no year column: a cross-section); other columns are ignored. A repeated
 * (region, year, key), an empty key, a non-integer year or a non-number value (unless a
 * missing-value token) is RC_EINPUT naming file and line; combinations absent from the file
 * are missing (NaN). */
int rc_panel_read_keyed(rc_panel **out, const char *path, const rc_read_options *opt,
                        const char *key_col, const char *value_col, rc_error *err);

/* Strict number parsing: the whole of text (surrounding blanks allowed) must be a finite
 * decimal number. Returns 1 on success. */
int rc_parse_number(const char *text, double *value);

#ifdef __cplusplus
}
#endif
#endif
