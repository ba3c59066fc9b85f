/* read_panel.c — turn a raw text table (long or wide layout) into an rc_panel. */
#include "regcoord/io.h"
#include "core/panel_internal.h"
#include "io/raw_table.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const RC_DEFAULT_NA_TOKENS = "NA,NaN,..,-";

int rc_parse_number(const char *text, double *value)
{
    while (*text == ' ' || *text == '\t')
        text++;
    const char *p = text;
    /* Only plain decimal notation: strtod alone would also take hex, "inf" and "nan". */
    if (*p == '+' || *p == '-')
        p++;
    int digits = 0;
    while (isdigit((unsigned char)*p)) { p++; digits++; }
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p)) { p++; digits++; }
    }
    if (!digits)
        return 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!isdigit((unsigned char)*p))
            return 0;
        while (isdigit((unsigned char)*p))
            p++;
    }
    const char *end = p;
    while (*p == ' ' || *p == '\t' || *p == '\r')
        p++;
    if (*p)
        return 0;
    char *stop;
    double x = strtod(text, &stop);
    if (stop != end || !isfinite(x))
        return 0;
    *value = x;
    return 1;
}

/* ---- small string → index hash (open addressing) ---------------------------------- */

typedef struct {
    const char **keys;
    size_t *values;
    size_t cap, count;
} strmap;

static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static int strmap_init(strmap *m, size_t expected)
{
    m->cap = 64;
    while (m->cap < 2 * expected)
        m->cap *= 2;
    m->count = 0;
    m->keys = calloc(m->cap, sizeof *m->keys);
    m->values = calloc(m->cap, sizeof *m->values);
    return m->keys && m->values ? RC_OK : RC_ENOMEM;
}

static void strmap_free(strmap *m)
{
    free(m->keys);
    free(m->values);
}

/* Find key; if absent insert it with value `fresh`. Returns the stored value. Keys are
 * borrowed (they live in the raw table's arena). */
static int strmap_get_or_add(strmap *m, const char *key, size_t fresh, size_t *value)
{
    if (2 * (m->count + 1) > m->cap) {
        strmap bigger;
        bigger.cap = 2 * m->cap;
        bigger.count = 0;
        bigger.keys = calloc(bigger.cap, sizeof *bigger.keys);
        bigger.values = calloc(bigger.cap, sizeof *bigger.values);
        if (!bigger.keys || !bigger.values) {
            strmap_free(&bigger);
            return RC_ENOMEM;
        }
        for (size_t k = 0; k < m->cap; k++)
            if (m->keys[k]) {
                size_t h = hash_str(m->keys[k]) & (bigger.cap - 1);
                while (bigger.keys[h])
                    h = (h + 1) & (bigger.cap - 1);
                bigger.keys[h] = m->keys[k];
                bigger.values[h] = m->values[k];
                bigger.count++;
            }
        strmap_free(m);
        *m = bigger;
    }
    size_t h = hash_str(key) & (m->cap - 1);
    while (m->keys[h]) {
        if (!strcmp(m->keys[h], key)) {
            *value = m->values[h];
            return RC_OK;
        }
        h = (h + 1) & (m->cap - 1);
    }
    m->keys[h] = key;
    m->values[h] = fresh;
    m->count++;
    *value = fresh;
    return RC_OK;
}

/* ---- missing-value tokens -------------------------------------------------------- */

typedef struct {
    char *buf;
    const char *tok[64];
    size_t n;
} na_list;

static int na_init(na_list *na, const char *spec)
{
    na->n = 0;
    na->buf = strdup(spec ? spec : RC_DEFAULT_NA_TOKENS);
    if (!na->buf)
        return RC_ENOMEM;
    for (char *save = NULL, *t = strtok_r(na->buf, ",", &save); t && na->n < 64;
         t = strtok_r(NULL, ",", &save))
        na->tok[na->n++] = t;
    return RC_OK;
}

static int is_na(const na_list *na, const char *cell)
{
    if (!cell)
        return 1;
    while (*cell == ' ')
        cell++;
    if (!*cell)
        return 1;
    for (size_t k = 0; k < na->n; k++)
        if (!strcmp(cell, na->tok[k]))
            return 1;
    return 0;
}

/* ---- the reader ------------------------------------------------------------------- */

static void column_list(const rc_raw_table *t, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t c = 0; c < t->ncols && used + 8 < size; c++) {
        int w = snprintf(buf + used, size - used, "%s%s", c ? ", " : "", t->names[c]);
        if (w < 0 || (size_t)w >= size - used)
            break;
        used += (size_t)w;
    }
}

static int parse_year(const char *text, int *year)
{
    double x;
    if (!rc_parse_number(text, &x) || x != floor(x) || x < INT_MIN || x > INT_MAX)
        return 0;
    *year = (int)x;
    return 1;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

typedef enum { COL_SKIP, COL_NUMERIC, COL_TEXT } col_kind;

/* Numeric when most non-missing cells are numbers; the other cells are then errors. */
static col_kind classify(const rc_raw_table *t, size_t c, const na_list *na)
{
    size_t num = 0, text = 0;
    double x;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *cell = rc_raw_cell(t, r, c);
        if (is_na(na, cell))
            continue;
        if (rc_parse_number(cell, &x))
            num++;
        else
            text++;
    }
    return text > num ? COL_TEXT : COL_NUMERIC;
}

static int bad_number(const rc_raw_table *t, size_t r, size_t c, rc_error *err)
{
    return rc_error_set(err, RC_EINPUT,
                        "%s:%zu: column '%s': \"%s\" is not a number (list it in --na if it "
                        "marks a missing value)",
                        t->path, t->lines[r], t->names[c], rc_raw_cell(t, r, c));
}

typedef struct {
    const rc_raw_table *t;
    size_t region_col;
    int has_year;
    size_t year_col;
    const char *wide_var;
    na_list na;
} layout;

/* Regions in order of first appearance; rows → region index. */
static int index_regions(const layout *L, size_t **row_region, const char ***ids, size_t *n,
                         rc_error *err)
{
    const rc_raw_table *t = L->t;
    strmap m;
    *row_region = malloc(t->nrows * sizeof **row_region);
    *ids = malloc(t->nrows * sizeof **ids);
    if (!*row_region || !*ids || strmap_init(&m, 1024) != RC_OK)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    *n = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *id = rc_raw_cell(t, r, L->region_col);
        while (id && *id == ' ')
            id++;
        if (!id || !*id) {
            strmap_free(&m);
            return rc_error_set(err, RC_EINPUT, "%s:%zu: column '%s': the region id is empty",
                                t->path, t->lines[r], t->names[L->region_col]);
        }
        size_t k;
        if (strmap_get_or_add(&m, id, *n, &k) != RC_OK) {
            strmap_free(&m);
            return rc_error_set(err, RC_ENOMEM, "out of memory");
        }
        if (k == *n)
            (*ids)[(*n)++] = id;
        (*row_region)[r] = k;
    }
    strmap_free(&m);
    return RC_OK;
}

static int add_text_attrs(rc_panel *p, const layout *L, const size_t *row_region,
                          const int *is_key, rc_error *err)
{
    const rc_raw_table *t = L->t;
    for (size_t c = 0; c < t->ncols; c++) {
        if (is_key[c])
            continue;
        size_t a;
        int rc = rc_panel_add_attr(p, t->names[c], &a, err);
        if (rc != RC_OK)
            return rc;
        for (size_t r = 0; r < t->nrows; r++) {
            const char *cell = rc_raw_cell(t, r, c);
            if (is_na(&L->na, cell) || *rc_panel_attr_value(p, a, row_region[r]))
                continue; /* the first non-empty value of a region wins */
            if ((rc = rc_panel_set_attr(p, a, row_region[r], cell, err)) != RC_OK)
                return rc;
        }
    }
    return RC_OK;
}

static int build_long(rc_panel **out, const layout *L, rc_error *err)
{
    const rc_raw_table *t = L->t;
    size_t *row_region = NULL, n = 0, T = 1, *seen = NULL, *row_year = NULL;
    const char **ids = NULL;
    int *years = NULL, *row_years = NULL, *is_key = NULL;
    col_kind *kind = NULL;
    rc_panel *p = NULL;
    int rc = index_regions(L, &row_region, &ids, &n, err);
    if (rc != RC_OK)
        goto done;
    row_years = malloc(t->nrows * sizeof *row_years);
    row_year = malloc(t->nrows * sizeof *row_year);
    years = malloc(t->nrows * sizeof *years);
    if (!row_years || !row_year || !years) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        goto done;
    }
    if (L->has_year) {
        for (size_t r = 0; r < t->nrows; r++) {
            const char *cell = rc_raw_cell(t, r, L->year_col);
            if (!cell || !parse_year(cell, &row_years[r])) {
                rc = rc_error_set(err, RC_EINPUT, "%s:%zu: column '%s': \"%s\" is not a whole year",
                                  t->path, t->lines[r], t->names[L->year_col], cell ? cell : "");
                goto done;
            }
            years[r] = row_years[r];
        }
        qsort(years, t->nrows, sizeof *years, cmp_int);
        T = 0;
        for (size_t r = 0; r < t->nrows; r++)
            if (T == 0 || years[r] != years[T - 1])
                years[T++] = years[r];
        for (size_t r = 0; r < t->nrows; r++) {
            const int *hit = bsearch(&row_years[r], years, T, sizeof *years, cmp_int);
            row_year[r] = (size_t)(hit - years);
        }
    } else {
        years[0] = 0;
        for (size_t r = 0; r < t->nrows; r++)
            row_year[r] = 0;
    }
    /* Duplicated region-years: name both lines. */
    seen = malloc(n * T * sizeof *seen);
    if (!seen) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < n * T; k++)
        seen[k] = RC_RAW_NULL;
    for (size_t r = 0; r < t->nrows; r++) {
        size_t *slot = &seen[row_year[r] * n + row_region[r]];
        if (*slot != RC_RAW_NULL) {
            if (L->has_year)
                rc = rc_error_set(err, RC_EINPUT,
                                  "%s:%zu: region '%s' in %d appears twice (also %s %zu)",
                                  t->path, t->lines[r], ids[row_region[r]], row_years[r],
                                  rc_raw_line_word(t), t->lines[*slot]);
            else
                rc = rc_error_set(err, RC_EINPUT,
                                  "%s:%zu: region '%s' appears twice (also %s %zu); a table "
                                  "without a year column has one row per region (use --year COL)",
                                  t->path, t->lines[r], ids[row_region[r]], rc_raw_line_word(t),
                                  t->lines[*slot]);
            goto done;
        }
        *slot = r;
    }
    if ((rc = rc_panel_new(&p, ids, n, years, T, err)) != RC_OK)
        goto done;
    if (!L->has_year)
        rc_panel_mark_cross_section(p);
    if ((rc = rc_panel_set_source(p, t->path, err)) != RC_OK)
        goto done;
    kind = calloc(t->ncols, sizeof *kind);
    is_key = calloc(t->ncols, sizeof *is_key);
    if (!kind || !is_key) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t c = 0; c < t->ncols; c++) {
        if (c == L->region_col || (L->has_year && c == L->year_col)) {
            kind[c] = COL_SKIP;
            is_key[c] = 1;
            continue;
        }
        kind[c] = classify(t, c, &L->na);
        is_key[c] = kind[c] != COL_TEXT;
    }
    for (size_t c = 0; c < t->ncols; c++) {
        if (kind[c] != COL_NUMERIC)
            continue;
        size_t v;
        if ((rc = rc_panel_add_var(p, t->names[c], &v, err)) != RC_OK)
            goto done;
        double *data = rc_panel_var_data_mut(p, v);
        for (size_t r = 0; r < t->nrows; r++) {
            const char *cell = rc_raw_cell(t, r, c);
            double x;
            if (is_na(&L->na, cell))
                continue;
            if (!rc_parse_number(cell, &x)) {
                rc = bad_number(t, r, c, err);
                goto done;
            }
            data[row_year[r] * n + row_region[r]] = x;
        }
    }
    rc = add_text_attrs(p, L, row_region, is_key, err);
done:
    if (rc != RC_OK) {
        rc_panel_free(p);
        p = NULL;
    }
    *out = p;
    free(row_region);
    free(ids);
    free(years);
    free(row_years);
    free(row_year);
    free(seen);
    free(kind);
    free(is_key);
    return rc;
}

static int build_wide(rc_panel **out, const layout *L, rc_error *err)
{
    const rc_raw_table *t = L->t;
    size_t *row_region = NULL, n = 0, T = 0;
    const char **ids = NULL;
    int *years = NULL, *col_year = NULL, *is_key = NULL;
    rc_panel *p = NULL;
    int rc = index_regions(L, &row_region, &ids, &n, err);
    if (rc != RC_OK)
        goto done;
    years = malloc(t->ncols * sizeof *years);
    col_year = malloc(t->ncols * sizeof *col_year);
    is_key = calloc(t->ncols, sizeof *is_key);
    if (!years || !col_year || !is_key) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t c = 0; c < t->ncols; c++) {
        col_year[c] = INT_MIN;
        if (c == L->region_col) {
            is_key[c] = 1;
            continue;
        }
        int y;
        if (parse_year(t->names[c], &y)) {
            col_year[c] = y;
            years[T++] = y;
            is_key[c] = 1;
        }
    }
    if (T == 0) {
        rc = rc_error_set(err, RC_EINPUT,
                          "%s: --wide %s: no column is named by a year (expected headers like "
                          "region,1990,1991,…)", t->path, L->wide_var);
        goto done;
    }
    qsort(years, T, sizeof *years, cmp_int);
    for (size_t k = 1; k < T; k++)
        if (years[k] == years[k - 1]) {
            rc = rc_error_set(err, RC_EINPUT, "%s: year column %d appears twice", t->path, years[k]);
            goto done;
        }
    for (size_t r = 1; r < t->nrows; r++)
        for (size_t q = 0; q < r; q++)
            if (row_region[q] == row_region[r]) {
                rc = rc_error_set(err, RC_EINPUT, "%s:%zu: region '%s' appears twice (also %s %zu)",
                                  t->path, t->lines[r], ids[row_region[r]], rc_raw_line_word(t),
                                  t->lines[q]);
                goto done;
            }
    if ((rc = rc_panel_new(&p, ids, n, years, T, err)) != RC_OK ||
        (rc = rc_panel_set_source(p, t->path, err)) != RC_OK)
        goto done;
    size_t v;
    if ((rc = rc_panel_add_var(p, L->wide_var, &v, err)) != RC_OK)
        goto done;
    double *data = rc_panel_var_data_mut(p, v);
    for (size_t c = 0; c < t->ncols; c++) {
        if (col_year[c] == INT_MIN)
            continue;
        const int *hit = bsearch(&col_year[c], years, T, sizeof *years, cmp_int);
        size_t ti = (size_t)(hit - years);
        for (size_t r = 0; r < t->nrows; r++) {
            const char *cell = rc_raw_cell(t, r, c);
            double x;
            if (is_na(&L->na, cell))
                continue;
            if (!rc_parse_number(cell, &x)) {
                rc = bad_number(t, r, c, err);
                goto done;
            }
            data[ti * n + row_region[r]] = x;
        }
    }
    rc = add_text_attrs(p, L, row_region, is_key, err);
done:
    if (rc != RC_OK) {
        rc_panel_free(p);
        p = NULL;
    }
    *out = p;
    free(row_region);
    free(ids);
    free(years);
    free(col_year);
    free(is_key);
    return rc;
}

static int choose_layout(layout *L, const rc_raw_table *t, const rc_read_options *opt,
                         rc_error *err)
{
    char cols[1024];
    L->t = t;
    L->wide_var = opt ? opt->wide_var : NULL;
    const char *region = opt ? opt->region_col : NULL;
    const char *year = opt ? opt->year_col : NULL;
    if (region) {
        if (!rc_raw_find_column(t, region, &L->region_col)) {
            column_list(t, cols, sizeof cols);
            return rc_error_set(err, RC_EUSAGE, "%s: no column '%s' for --region (columns: %s)",
                                t->path, region, cols);
        }
    } else if (!rc_raw_find_column(t, "region_id", &L->region_col) &&
               !rc_raw_find_column(t, "region", &L->region_col)) {
        L->region_col = 0;
    }
    L->has_year = 0;
    if (L->wide_var) {
        if (year)
            return rc_error_set(err, RC_EUSAGE, "--year and --wide exclude each other: in the "
                                                "wide layout the years are column names");
    } else if (year) {
        if (!rc_raw_find_column(t, year, &L->year_col)) {
            column_list(t, cols, sizeof cols);
            return rc_error_set(err, RC_EUSAGE, "%s: no column '%s' for --year (columns: %s)",
                                t->path, year, cols);
        }
        L->has_year = 1;
    } else {
        for (size_t c = 0; c < t->ncols; c++)
            if (!strcasecmp(t->names[c], "year")) {
                L->year_col = c;
                L->has_year = 1;
                break;
            }
    }
    if (L->has_year && L->year_col == L->region_col)
        return rc_error_set(err, RC_EUSAGE, "%s: the region and year columns are both '%s'",
                            t->path, t->names[L->year_col]);
    return RC_OK;
}

/* Add the columns of a regions file as text attributes of the panel's regions. */
static int merge_regions_file(rc_panel *p, const char *path, const rc_read_options *opt,
                              rc_error *err)
{
    rc_raw_table t;
    int rc = rc_raw_table_read(&t, path, err);
    if (rc != RC_OK)
        return rc;
    layout L = {0};
    rc_read_options o = {.region_col = opt->region_col};
    if ((rc = choose_layout(&L, &t, &o, err)) != RC_OK)
        goto done;
    if (na_init(&L.na, opt->na_tokens) != RC_OK) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        goto done;
    }
    size_t n = rc_panel_nregions(p);
    size_t *row_of = malloc(n * sizeof *row_of);
    if (!row_of) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        goto na_done;
    }
    for (size_t i = 0; i < n; i++)
        row_of[i] = RC_RAW_NULL;
    for (size_t r = 0; r < t.nrows; r++) {
        const char *id = rc_raw_cell(&t, r, L.region_col);
        size_t i;
        if (id && rc_panel_find_region(p, id, &i, NULL) == RC_OK)
            row_of[i] = r;
    }
    for (size_t c = 0; c < t.ncols && rc == RC_OK; c++) {
        if (c == L.region_col)
            continue;
        size_t a;
        if (rc_panel_find_attr(p, t.names[c], &a, NULL) != RC_OK &&
            (rc = rc_panel_add_attr(p, t.names[c], &a, err)) != RC_OK)
            break;
        for (size_t i = 0; i < n && rc == RC_OK; i++) {
            const char *cell = row_of[i] == RC_RAW_NULL ? NULL : rc_raw_cell(&t, row_of[i], c);
            if (!is_na(&L.na, cell))
                rc = rc_panel_set_attr(p, a, i, cell, err);
        }
    }
    free(row_of);
na_done:
    free(L.na.buf);
done:
    rc_raw_table_free(&t);
    return rc;
}

int rc_panel_read(rc_panel **out, const char *path, const rc_read_options *opt, rc_error *err)
{
    *out = NULL;
    rc_read_options none = {0};
    if (!opt)
        opt = &none;
    rc_raw_table t;
    int rc = rc_raw_table_read(&t, path, err);
    if (rc != RC_OK)
        return rc;
    layout L = {0};
    if ((rc = choose_layout(&L, &t, opt, err)) == RC_OK) {
        if (na_init(&L.na, opt->na_tokens) != RC_OK)
            rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        else {
            rc = L.wide_var ? build_wide(out, &L, err) : build_long(out, &L, err);
            free(L.na.buf);
        }
    }
    rc_raw_table_free(&t);
    if (rc == RC_OK && opt->regions_file &&
        (rc = merge_regions_file(*out, opt->regions_file, opt, err)) != RC_OK) {
        rc_panel_free(*out);
        *out = NULL;
    }
    return rc;
}
