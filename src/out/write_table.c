/* write_table.c — rc_table to aligned text, CSV (RFC 4180) and JSON (array of row objects);
 * file output through rc_atomic_file. XLSX lives in write_xlsx.c. */
#include "regcoord/table.h"
#include "out/atomic_file.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Render cell (r, c) for text or CSV output into buf; NaN becomes na. */
static const char *cell_text(const rc_table *t, size_t r, size_t c, char *buf, size_t size,
                             int human, const char *na)
{
    switch (rc_table_column_type(t, c)) {
    case RC_COL_STR: return rc_table_get_str(t, r, c);
    case RC_COL_INT: snprintf(buf, size, "%lld", rc_table_get_int(t, r, c)); return buf;
    case RC_COL_DBL: {
        double x = rc_table_get_dbl(t, r, c);
        if (isnan(x))
            return na;
        if (isinf(x))
            return x > 0 ? "Inf" : "-Inf";
        if (human)
            snprintf(buf, size, "%.7g", x);
        else
            rc_format_double(buf, size, x);
        return buf;
    }
    }
    return "";
}

/* Display width of a UTF-8 string: code points, counting CJK ideographs and full-width
 * forms as two columns so that Chinese region names line up. */
static size_t display_width(const char *s)
{
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp;
        int len;
        if (*p < 0x80) { cp = *p; len = 1; }
        else if ((*p & 0xE0) == 0xC0) { cp = *p & 0x1F; len = 2; }
        else if ((*p & 0xF0) == 0xE0) { cp = *p & 0x0F; len = 3; }
        else { cp = *p & 0x07; len = 4; }
        for (int k = 1; k < len && p[k]; k++)
            cp = (cp << 6) | (p[k] & 0x3F);
        w += (cp >= 0x1100 && (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                               (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                               (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6)))
                 ? 2 : 1;
        for (int k = 0; k < len && *p; k++)
            p++;
    }
    return w;
}

static void pad(FILE *fp, size_t n)
{
    while (n--)
        fputc(' ', fp);
}

static int write_text(const rc_table *t, FILE *fp)
{
    size_t nc = rc_table_ncols(t), nr = rc_table_nrows(t);
    size_t *width = calloc(nc ? nc : 1, sizeof *width);
    if (!width)
        return RC_ENOMEM;
    char buf[64];
    for (size_t c = 0; c < nc; c++) {
        width[c] = display_width(rc_table_column_name(t, c));
        for (size_t r = 0; r < nr; r++) {
            size_t w = display_width(cell_text(t, r, c, buf, sizeof buf, 1, "NA"));
            if (w > width[c])
                width[c] = w;
        }
    }
    for (size_t c = 0; c < nc; c++) {
        const char *name = rc_table_column_name(t, c);
        int right = rc_table_column_type(t, c) != RC_COL_STR;
        size_t gap = width[c] - display_width(name);
        if (c)
            fputs("  ", fp);
        if (right)
            pad(fp, gap);
        fputs(name, fp);
        if (!right && c + 1 < nc)
            pad(fp, gap);
    }
    fputc('\n', fp);
    for (size_t r = 0; r < nr; r++) {
        for (size_t c = 0; c < nc; c++) {
            const char *s = cell_text(t, r, c, buf, sizeof buf, 1, "NA");
            int right = rc_table_column_type(t, c) != RC_COL_STR;
            size_t gap = width[c] - display_width(s);
            if (c)
                fputs("  ", fp);
            if (right)
                pad(fp, gap);
            fputs(s, fp);
            if (!right && c + 1 < nc)
                pad(fp, gap);
        }
        fputc('\n', fp);
    }
    free(width);
    return RC_OK;
}

static void csv_field(FILE *fp, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

static int write_csv(const rc_table *t, FILE *fp)
{
    size_t nc = rc_table_ncols(t), nr = rc_table_nrows(t);
    char buf[64];
    for (size_t c = 0; c < nc; c++) {
        if (c)
            fputc(',', fp);
        csv_field(fp, rc_table_column_name(t, c));
    }
    fputs("\r\n", fp);
    for (size_t r = 0; r < nr; r++) {
        for (size_t c = 0; c < nc; c++) {
            if (c)
                fputc(',', fp);
            csv_field(fp, cell_text(t, r, c, buf, sizeof buf, 0, ""));
        }
        fputs("\r\n", fp);
    }
    return RC_OK;
}

static void json_string(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", fp); break;
        case '\\': fputs("\\\\", fp); break;
        case '\n': fputs("\\n", fp); break;
        case '\r': fputs("\\r", fp); break;
        case '\t': fputs("\\t", fp); break;
        default:
            if (*p < 0x20)
                fprintf(fp, "\\u%04x", *p);
            else
                fputc(*p, fp);
        }
    }
    fputc('"', fp);
}

/* Streamed rather than built with Jansson: tables can have millions of rows, and numbers
 * are written in their shortest exact form (Jansson prints 17 digits). */
static int write_json(const rc_table *t, FILE *fp)
{
    size_t nc = rc_table_ncols(t), nr = rc_table_nrows(t);
    char buf[64];
    fputs("[", fp);
    for (size_t r = 0; r < nr; r++) {
        fputs(r ? ",\n {" : "\n {", fp);
        for (size_t c = 0; c < nc; c++) {
            if (c)
                fputs(", ", fp);
            json_string(fp, rc_table_column_name(t, c));
            fputs(": ", fp);
            switch (rc_table_column_type(t, c)) {
            case RC_COL_STR: json_string(fp, rc_table_get_str(t, r, c)); break;
            case RC_COL_INT: fprintf(fp, "%lld", rc_table_get_int(t, r, c)); break;
            case RC_COL_DBL: {
                double x = rc_table_get_dbl(t, r, c);
                if (!isfinite(x))
                    fputs("null", fp);
                else {
                    rc_format_double(buf, sizeof buf, x);
                    fputs(buf, fp);
                }
            }
            }
        }
        fputs("}", fp);
    }
    fputs(nr ? "\n]\n" : "]\n", fp);
    return RC_OK;
}

int rc_table_write_stream(const rc_table *t, rc_format fmt, FILE *fp, rc_error *err)
{
    int rc;
    switch (fmt) {
    case RC_FORMAT_TEXT: rc = write_text(t, fp); break;
    case RC_FORMAT_CSV: rc = write_csv(t, fp); break;
    case RC_FORMAT_JSON: rc = write_json(t, fp); break;
    default:
        return rc_error_set(err, RC_EUSAGE, "xlsx output needs a file: give -o FILE.xlsx");
    }
    if (rc != RC_OK)
        return rc_error_set(err, rc, "out of memory");
    if (ferror(fp))
        return rc_error_set(err, RC_EIO, "write error");
    return RC_OK;
}

int rc_table_write_file(const rc_table *t, rc_format fmt, const char *path, rc_error *err)
{
    if (fmt == RC_FORMAT_XLSX)
        return rc_tables_write_xlsx(&t, 1, path, err);
    rc_atomic_file f;
    int rc = rc_atomic_open(&f, path, 1, err);
    if (rc != RC_OK)
        return rc;
    if ((rc = rc_table_write_stream(t, fmt, f.fp, err)) != RC_OK) {
        rc_atomic_abort(&f);
        return rc;
    }
    return rc_atomic_commit(&f, err);
}
