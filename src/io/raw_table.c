#include "io/raw_table.h"

#include <gdal.h>
#include <ogr_api.h>
#include <cpl_conv.h>
#include <cpl_csv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static char *dup_str(const char *s)
{
    size_t len = strlen(s) + 1;
    char *d = malloc(len);
    if (d)
        memcpy(d, s, len);
    return d;
}

void rc_raw_table_free(rc_raw_table *t)
{
    if (t->names)
        for (size_t c = 0; c < t->ncols; c++)
            free(t->names[c]);
    free(t->names);
    free(t->arena);
    free(t->cells);
    free(t->lines);
    free(t->path);
    memset(t, 0, sizeof *t);
}

static int push_text(rc_raw_table *t, const char *s, size_t *offset)
{
    size_t len = strlen(s) + 1;
    if (t->arena_len + len > t->arena_cap) {
        size_t cap = t->arena_cap ? t->arena_cap : 1 << 16;
        while (cap < t->arena_len + len)
            cap *= 2;
        char *grown = realloc(t->arena, cap);
        if (!grown)
            return RC_ENOMEM;
        t->arena = grown;
        t->arena_cap = cap;
    }
    memcpy(t->arena + t->arena_len, s, len);
    *offset = t->arena_len;
    t->arena_len += len;
    return RC_OK;
}

/* Make room for one more record. */
static int grow_rows(rc_raw_table *t)
{
    if ((t->nrows + 1) * t->ncols > t->cells_cap) {
        size_t rows = t->cells_cap ? 2 * (t->cells_cap / t->ncols) : 1024;
        size_t *cells = realloc(t->cells, rows * t->ncols * sizeof *cells);
        if (!cells)
            return RC_ENOMEM;
        t->cells = cells;
        size_t *lines = realloc(t->lines, rows * sizeof *lines);
        if (!lines)
            return RC_ENOMEM;
        t->lines = lines;
        t->cells_cap = rows * t->ncols;
    }
    return RC_OK;
}

static int set_names(rc_raw_table *t, char **fields, size_t n, rc_error *err)
{
    t->ncols = n;
    t->names = calloc(n, sizeof *t->names);
    if (!t->names)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    for (size_t c = 0; c < n; c++) {
        const char *name = fields[c];
        /* GDAL's CSV tokenizer leaves surrounding blanks; names are compared trimmed. */
        while (*name == ' ')
            name++;
        if (!(t->names[c] = dup_str(name)))
            return rc_error_set(err, RC_ENOMEM, "out of memory");
        size_t len = strlen(t->names[c]);
        while (len && (t->names[c][len - 1] == ' ' || t->names[c][len - 1] == '\r'))
            t->names[c][--len] = '\0';
        if (!len)
            return rc_error_set(err, RC_EINPUT, "%s: line 1: column %zu has no name", t->path,
                                c + 1);
        for (size_t k = 0; k < c; k++)
            if (!strcmp(t->names[k], t->names[c]))
                return rc_error_set(err, RC_EINPUT, "%s: line 1: column '%s' appears twice",
                                    t->path, t->names[c]);
    }
    return RC_OK;
}

static size_t count_newlines(char **fields)
{
    size_t n = 0;
    for (; *fields; fields++)
        for (const char *p = *fields; *p; p++)
            n += *p == '\n';
    return n;
}

/* The delimiter of a CSV file: ',' unless the header has none and has ';' or a tab. */
static char sniff_delimiter(const char *path)
{
    FILE *fp = fopen(path, "rb");
    char line[4096] = "";
    if (fp) {
        if (!fgets(line, sizeof line, fp))
            line[0] = '\0';
        fclose(fp);
    }
    if (strchr(line, ','))
        return ',';
    if (strchr(line, '\t'))
        return '\t';
    if (strchr(line, ';'))
        return ';';
    return ',';
}

static int read_csv(rc_raw_table *t, rc_error *err)
{
    char delim[2] = {sniff_delimiter(t->path), '\0'};
    VSILFILE *fp = VSIFOpenL(t->path, "rb");
    if (!fp)
        return rc_error_set(err, RC_EIO, "cannot open '%s': %s", t->path, strerror(errno));
    int rc = RC_OK;
    size_t line = 1;
    char **fields = CSVReadParseLine3L(fp, 0, delim, true, false, false, true);
    if (!fields || CSLCount(fields) == 0 || (CSLCount(fields) == 1 && !*fields[0])) {
        rc = rc_error_set(err, RC_EINPUT, "%s: the file is empty (expected a header line)",
                          t->path);
        goto done;
    }
    if ((rc = set_names(t, fields, (size_t)CSLCount(fields), err)) != RC_OK)
        goto done;
    line += 1 + count_newlines(fields);
    CSLDestroy(fields);
    while ((fields = CSVReadParseLine3L(fp, 0, delim, true, false, false, true)) != NULL) {
        size_t n = (size_t)CSLCount(fields);
        size_t this_line = line;
        line += 1 + count_newlines(fields);
        if (n == 0 || (n == 1 && !*fields[0] && t->ncols > 1)) { /* blank line */
            CSLDestroy(fields);
            continue;
        }
        if (n != t->ncols) {
            rc = rc_error_set(err, RC_EINPUT,
                              "%s:%zu: %zu fields, but the header has %zu (a ragged row; "
                              "quote fields that contain the delimiter)",
                              t->path, this_line, n, t->ncols);
            goto done;
        }
        if (grow_rows(t) != RC_OK) {
            rc = rc_error_set(err, RC_ENOMEM, "out of memory");
            goto done;
        }
        for (size_t c = 0; c < n; c++) {
            size_t off;
            if (push_text(t, fields[c], &off) != RC_OK) {
                rc = rc_error_set(err, RC_ENOMEM, "out of memory");
                goto done;
            }
            t->cells[t->nrows * t->ncols + c] = off;
        }
        t->lines[t->nrows++] = this_line;
        CSLDestroy(fields);
    }
    fields = NULL;
done:
    CSLDestroy(fields);
    VSIFCloseL(fp);
    return rc;
}

static int read_ogr(rc_raw_table *t, rc_error *err)
{
    GDALAllRegister();
    /* Spreadsheets: the first row is the header, whatever its cells look like. */
    const char *const open_options[] = {"HEADERS=FORCE", NULL};
    CPLPushErrorHandler(CPLQuietErrorHandler);
    GDALDatasetH ds = GDALOpenEx(t->path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL,
                                 open_options, NULL);
    if (!ds)
        ds = GDALOpenEx(t->path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    CPLPopErrorHandler();
    if (!ds)
        return rc_error_set(err, RC_EINPUT, "%s: not a table GDAL can read (%s)", t->path,
                            CPLGetLastErrorMsg());
    int rc = RC_OK;
    OGRLayerH layer = GDALDatasetGetLayerCount(ds) > 0 ? GDALDatasetGetLayer(ds, 0) : NULL;
    if (!layer) {
        rc = rc_error_set(err, RC_EINPUT, "%s: contains no table", t->path);
        goto done;
    }
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    int nf = OGR_FD_GetFieldCount(defn);
    if (nf <= 0) {
        rc = rc_error_set(err, RC_EINPUT, "%s: the table has no columns", t->path);
        goto done;
    }
    char **names = calloc((size_t)nf, sizeof *names);
    if (!names) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        goto done;
    }
    for (int c = 0; c < nf; c++)
        names[c] = (char *)OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, c));
    rc = set_names(t, names, (size_t)nf, err);
    free(names);
    if (rc != RC_OK)
        goto done;
    OGR_L_ResetReading(layer);
    OGRFeatureH f;
    size_t row = 1;
    while ((f = OGR_L_GetNextFeature(layer)) != NULL) {
        row++;
        if (grow_rows(t) != RC_OK) {
            OGR_F_Destroy(f);
            rc = rc_error_set(err, RC_ENOMEM, "out of memory");
            goto done;
        }
        for (int c = 0; c < nf; c++) {
            size_t off = RC_RAW_NULL;
            if (OGR_F_IsFieldSetAndNotNull(f, c) &&
                push_text(t, OGR_F_GetFieldAsString(f, c), &off) != RC_OK) {
                OGR_F_Destroy(f);
                rc = rc_error_set(err, RC_ENOMEM, "out of memory");
                goto done;
            }
            t->cells[t->nrows * t->ncols + (size_t)c] = off;
        }
        t->lines[t->nrows++] = row;
        OGR_F_Destroy(f);
    }
done:
    GDALClose(ds);
    return rc;
}

int rc_raw_table_read(rc_raw_table *t, const char *path, rc_error *err)
{
    memset(t, 0, sizeof *t);
    if (!(t->path = dup_str(path)))
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    struct stat st;
    if (stat(path, &st) != 0) {
        int rc = rc_error_set(err, RC_EIO, "cannot open '%s': %s", path, strerror(errno));
        rc_raw_table_free(t);
        return rc;
    }
    if (S_ISDIR(st.st_mode)) {
        int rc = rc_error_set(err, RC_EIO, "'%s' is a directory, not a table", path);
        rc_raw_table_free(t);
        return rc;
    }
    const char *dot = strrchr(path, '.');
    t->is_csv = dot && (!strcasecmp(dot, ".csv") || !strcasecmp(dot, ".tsv") ||
                        !strcasecmp(dot, ".txt"));
    int rc = t->is_csv ? read_csv(t, err) : read_ogr(t, err);
    if (rc == RC_OK && t->nrows == 0)
        rc = rc_error_set(err, RC_EINPUT, "%s: the table has a header but no data rows", path);
    if (rc != RC_OK)
        rc_raw_table_free(t);
    return rc;
}

int rc_raw_find_column(const rc_raw_table *t, const char *name, size_t *col)
{
    for (size_t c = 0; c < t->ncols; c++)
        if (!strcmp(t->names[c], name)) {
            *col = c;
            return 1;
        }
    return 0;
}
