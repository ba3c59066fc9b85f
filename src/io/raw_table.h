/* raw_table.h — a table read as text, cell by cell, before any interpretation.
 *
 * CSV files are tokenised with GDAL's CSV parser (CSVReadParseLine3L) so that every record's
 * line number is known and ragged rows can be reported; every other format goes through the
 * OGR vector API, which hands each field over as text. */
#ifndef REGCOORD_RAW_TABLE_H
#define REGCOORD_RAW_TABLE_H

#include <stddef.h>
#include "regcoord/error.h"

#define RC_RAW_NULL ((size_t)-1)

typedef struct {
    char *path;
    int is_csv;          /* line numbers are file lines (else: spreadsheet/OGR rows) */
    size_t ncols, nrows;
    char **names;        /* ncols header names */
    char *arena;         /* all cell texts, NUL-terminated, back to back */
    size_t arena_len, arena_cap;
    size_t *cells;       /* nrows * ncols offsets into arena, RC_RAW_NULL for a null field */
    size_t cells_cap;
    size_t *lines;       /* nrows: the line (CSV) or row number of each record */
} rc_raw_table;

int rc_raw_table_read(rc_raw_table *t, const char *path, rc_error *err);
void rc_raw_table_free(rc_raw_table *t);
/* The column named exactly `name`: 1 and *col set, or 0 when there is none. */
int rc_raw_find_column(const rc_raw_table *t, const char *name, size_t *col);

static inline const char *rc_raw_cell(const rc_raw_table *t, size_t r, size_t c)
{
    size_t off = t->cells[r * t->ncols + c];
    return off == RC_RAW_NULL ? NULL : t->arena + off;
}

/* "line" for CSV files, "row" for spreadsheets and other tables. */
static inline const char *rc_raw_line_word(const rc_raw_table *t)
{
    return t->is_csv ? "line" : "row";
}

#endif
