/* table.c — tidy result tables: typed columns, rows appended by the commands. */
#include "regcoord/table.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *name;
    rc_coltype type;
    union {
        char **s;
        long long *i;
        double *d;
    } v;
} column;

struct rc_table {
    char *name;
    column *cols;
    size_t ncols, nrows, cap;
};

static char *dup_str(const char *s)
{
    size_t len = strlen(s) + 1;
    char *d = malloc(len);
    if (d)
        memcpy(d, s, len);
    return d;
}

int rc_table_new(rc_table **out, const char *name, rc_error *err)
{
    *out = calloc(1, sizeof **out);
    if (!*out || !((*out)->name = dup_str(name ? name : "table"))) {
        free(*out);
        *out = NULL;
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    return RC_OK;
}

void rc_table_free(rc_table *t)
{
    if (!t)
        return;
    for (size_t c = 0; c < t->ncols; c++) {
        if (t->cols[c].type == RC_COL_STR)
            for (size_t r = 0; r < t->nrows; r++)
                free(t->cols[c].v.s[r]);
        free(t->cols[c].v.s);
        free(t->cols[c].name);
    }
    free(t->cols);
    free(t->name);
    free(t);
}

int rc_table_add_column(rc_table *t, const char *name, rc_coltype type, size_t *col,
                        rc_error *err)
{
    if (t->nrows)
        return rc_error_set(err, RC_EUSAGE, "table '%s': columns must be added before rows",
                            t->name);
    column *cols = realloc(t->cols, (t->ncols + 1) * sizeof *cols);
    if (!cols)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    t->cols = cols;
    column *c = &cols[t->ncols];
    memset(c, 0, sizeof *c);
    c->type = type;
    if (!(c->name = dup_str(name)))
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    if (t->cap) {
        size_t width = type == RC_COL_STR ? sizeof(char *) : sizeof(double);
        if (!(c->v.s = calloc(t->cap, width))) {
            free(c->name);
            return rc_error_set(err, RC_ENOMEM, "out of memory");
        }
    }
    if (col)
        *col = t->ncols;
    t->ncols++;
    return RC_OK;
}

int rc_table_add_row(rc_table *t, size_t *row, rc_error *err)
{
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 64;
        for (size_t c = 0; c < t->ncols; c++) {
            size_t width = t->cols[c].type == RC_COL_STR ? sizeof(char *) : sizeof(double);
            void *grown = realloc(t->cols[c].v.s, cap * width);
            if (!grown)
                return rc_error_set(err, RC_ENOMEM, "out of memory");
            t->cols[c].v.s = grown;
        }
        t->cap = cap;
    }
    size_t r = t->nrows++;
    for (size_t c = 0; c < t->ncols; c++) {
        switch (t->cols[c].type) {
        case RC_COL_STR: t->cols[c].v.s[r] = NULL; break;
        case RC_COL_INT: t->cols[c].v.i[r] = 0; break;
        case RC_COL_DBL: t->cols[c].v.d[r] = NAN; break;
        }
    }
    if (row)
        *row = r;
    return RC_OK;
}

static int check_cell(const rc_table *t, size_t row, size_t col, rc_coltype type, rc_error *err)
{
    if (row >= t->nrows || col >= t->ncols)
        return rc_error_set(err, RC_EUSAGE, "table '%s': cell (%zu, %zu) out of range", t->name,
                            row, col);
    if (t->cols[col].type != type)
        return rc_error_set(err, RC_EUSAGE, "table '%s': column '%s' has another type", t->name,
                            t->cols[col].name);
    return RC_OK;
}

int rc_table_set_str(rc_table *t, size_t row, size_t col, const char *value, rc_error *err)
{
    int rc = check_cell(t, row, col, RC_COL_STR, err);
    if (rc != RC_OK)
        return rc;
    char *copy = dup_str(value ? value : "");
    if (!copy)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    free(t->cols[col].v.s[row]);
    t->cols[col].v.s[row] = copy;
    return RC_OK;
}

int rc_table_set_int(rc_table *t, size_t row, size_t col, long long value, rc_error *err)
{
    int rc = check_cell(t, row, col, RC_COL_INT, err);
    if (rc == RC_OK)
        t->cols[col].v.i[row] = value;
    return rc;
}

int rc_table_set_dbl(rc_table *t, size_t row, size_t col, double value, rc_error *err)
{
    int rc = check_cell(t, row, col, RC_COL_DBL, err);
    if (rc == RC_OK)
        t->cols[col].v.d[row] = value;
    return rc;
}

int rc_table_append(rc_table *t, rc_error *err, const char *spec, ...)
{
    if (strlen(spec) != t->ncols)
        return rc_error_set(err, RC_EUSAGE, "table '%s': row spec '%s' has %zu fields, table %zu",
                            t->name, spec, strlen(spec), t->ncols);
    for (size_t c = 0; c < t->ncols; c++) {
        rc_coltype want = spec[c] == 's' ? RC_COL_STR : spec[c] == 'd' ? RC_COL_DBL : RC_COL_INT;
        if (!strchr("sild", spec[c]) || t->cols[c].type != want)
            return rc_error_set(err, RC_EUSAGE, "table '%s': row spec '%s' does not match column '%s'",
                                t->name, spec, t->cols[c].name);
    }
    size_t row;
    int rc = rc_table_add_row(t, &row, err);
    if (rc != RC_OK)
        return rc;
    va_list ap;
    va_start(ap, spec);
    for (size_t c = 0; c < t->ncols && rc == RC_OK; c++) {
        switch (spec[c]) {
        case 's': rc = rc_table_set_str(t, row, c, va_arg(ap, const char *), err); break;
        case 'i': rc = rc_table_set_int(t, row, c, va_arg(ap, int), err); break;
        case 'l': rc = rc_table_set_int(t, row, c, va_arg(ap, long long), err); break;
        case 'd': rc = rc_table_set_dbl(t, row, c, va_arg(ap, double), err); break;
        default:
            rc = rc_error_set(err, RC_EUSAGE, "table '%s': bad row spec '%c'", t->name, spec[c]);
        }
    }
    va_end(ap);
    return rc;
}

const char *rc_table_name(const rc_table *t) { return t->name; }
size_t rc_table_ncols(const rc_table *t) { return t->ncols; }
size_t rc_table_nrows(const rc_table *t) { return t->nrows; }
const char *rc_table_column_name(const rc_table *t, size_t col) { return t->cols[col].name; }
rc_coltype rc_table_column_type(const rc_table *t, size_t col) { return t->cols[col].type; }

int rc_table_find_column(const rc_table *t, const char *name, size_t *col)
{
    for (size_t c = 0; c < t->ncols; c++)
        if (!strcmp(t->cols[c].name, name)) {
            *col = c;
            return RC_OK;
        }
    return RC_EUSAGE;
}

const char *rc_table_get_str(const rc_table *t, size_t row, size_t col)
{
    const char *s = t->cols[col].v.s[row];
    return s ? s : "";
}
/* Numeric getters read either numeric column type, so a caller asking for a column by name
 * (the year, a count) need not know how it is stored; a text column reads as 0 / NaN. */
long long rc_table_get_int(const rc_table *t, size_t row, size_t col)
{
    const column *c = &t->cols[col];
    if (c->type == RC_COL_INT)
        return c->v.i[row];
    return c->type == RC_COL_DBL && isfinite(c->v.d[row]) ? (long long)c->v.d[row] : 0;
}
double rc_table_get_dbl(const rc_table *t, size_t row, size_t col)
{
    const column *c = &t->cols[col];
    if (c->type == RC_COL_DBL)
        return c->v.d[row];
    return c->type == RC_COL_INT ? (double)c->v.i[row] : NAN;
}

int rc_table_filter_rows(rc_table **out, const rc_table *t, const unsigned char *keep,
                         rc_error *err)
{
    rc_table *f;
    int rc = rc_table_new(&f, t->name, err);
    for (size_t c = 0; c < t->ncols && rc == RC_OK; c++)
        rc = rc_table_add_column(f, t->cols[c].name, t->cols[c].type, NULL, err);
    for (size_t r = 0; r < t->nrows && rc == RC_OK; r++) {
        if (!keep[r])
            continue;
        size_t row;
        rc = rc_table_add_row(f, &row, err);
        for (size_t c = 0; c < t->ncols && rc == RC_OK; c++) {
            const column *col = &t->cols[c];
            switch (col->type) {
            case RC_COL_STR:
                if (col->v.s[r])
                    rc = rc_table_set_str(f, row, c, col->v.s[r], err);
                break;
            case RC_COL_INT: rc = rc_table_set_int(f, row, c, col->v.i[r], err); break;
            case RC_COL_DBL: rc = rc_table_set_dbl(f, row, c, col->v.d[r], err); break;
            }
        }
    }
    if (rc != RC_OK) {
        rc_table_free(f);
        f = NULL;
    }
    *out = f;
    return rc;
}
