/* read_keyed.c — a region,year,key,value table as a panel with one variable per key (see
 * regcoord/io.h): the long sector layout of `regcoord structure`. */
#include "regcoord/io.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/panel_internal.h"
#include "io/raw_table.h"

typedef struct {
    const char *text;
    size_t row;
} keyed_row;

static int cmp_text_row(const void *a, const void *b)
{
    const keyed_row *x = a, *y = b;
    int c = strcmp(x->text, y->text);
    return c ? c : (x->row > y->row) - (x->row < y->row);
}

typedef struct {
    size_t first, group;
} group_start;

static int cmp_first(const void *a, const void *b)
{
    size_t x = ((const group_start *)a)->first, y = ((const group_start *)b)->first;
    return (x > y) - (x < y);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Number the distinct texts of a column in order of first appearance: code[r] for every row
 * and first[g] = the row where text g first appears; *count distinct texts. Cells must be
 * non-NULL. */
static int number_distinct(size_t *code, size_t *first, size_t *count, const rc_raw_table *t,
                           size_t col)
{
    size_t N = t->nrows, m = 0;
    keyed_row *v = malloc(N * sizeof *v);
    group_start *grp = malloc(N * sizeof *grp);
    size_t *tcode = malloc(N * sizeof *tcode), *rank = malloc(N * sizeof *rank);
    if (!v || !grp || !tcode || !rank) {
        free(v), free(grp), free(tcode), free(rank);
        return RC_ENOMEM;
    }
    for (size_t r = 0; r < N; r++)
        v[r] = (keyed_row){rc_raw_cell(t, r, col), r};
    qsort(v, N, sizeof *v, cmp_text_row);
    /* Groups in text order; ties were sorted by row, so a group's first member is its first row. */
    for (size_t k = 0; k < N; k++) {
        if (k == 0 || strcmp(v[k].text, v[k - 1].text)) {
            grp[m] = (group_start){v[k].row, m};
            m++;
        }
        tcode[v[k].row] = m - 1;
    }
    qsort(grp, m, sizeof *grp, cmp_first);
    for (size_t q = 0; q < m; q++) {
        rank[grp[q].group] = q;
        first[q] = grp[q].first;
    }
    for (size_t r = 0; r < N; r++)
        code[r] = rank[tcode[r]];
    *count = m;
    free(v), free(grp), free(tcode), free(rank);
    return RC_OK;
}

/* The default and user missing-value tokens, as rc_panel_read takes them. */
static int is_na(const char *cell, const char *tokens)
{
    if (!cell)
        return 1;
    while (*cell == ' ')
        cell++;
    if (!*cell)
        return 1;
    const char *list = tokens ? tokens : RC_DEFAULT_NA_TOKENS;
    size_t len = strlen(cell);
    for (const char *p = list; *p;) {
        const char *end = strchr(p, ',');
        size_t tl = end ? (size_t)(end - p) : strlen(p);
        if (tl == len && !strncmp(p, cell, len))
            return 1;
        p += tl + (end != NULL);
    }
    return 0;
}

int rc_panel_read_keyed(rc_panel **out, const char *path, const rc_read_options *opt,
                        const char *key_col, const char *value_col, rc_error *err)
{
    *out = NULL;
    rc_read_options none = {0};
    if (!opt)
        opt = &none;
    rc_raw_table t;
    int rc = rc_raw_table_read(&t, path, err);
    if (rc != RC_OK)
        return rc;
    size_t cr = 0, cy = 0, ck = 0, cv = 0, N = t.nrows;
    int have_year = 0;
    if (opt->region_col ? !rc_raw_find_column(&t, opt->region_col, &cr)
                        : !rc_raw_find_column(&t, "region_id", &cr) && !rc_raw_find_column(&t, "region", &cr))
        cr = opt->region_col ? SIZE_MAX : 0;
    if (opt->year_col)
        have_year = rc_raw_find_column(&t, opt->year_col, &cy);
    else
        have_year = rc_raw_find_column(&t, "year", &cy);
    if (cr == SIZE_MAX)
        rc = rc_error_set(err, RC_EUSAGE, "%s has no region column '%s'", path, opt->region_col);
    else if (opt->year_col && !have_year)
        rc = rc_error_set(err, RC_EUSAGE, "%s has no year column '%s'", path, opt->year_col);
    else if (!rc_raw_find_column(&t, key_col, &ck))
        rc = rc_error_set(err, RC_EUSAGE, "%s has no column '%s' (the key of the long layout)", path, key_col);
    else if (!rc_raw_find_column(&t, value_col, &cv))
        rc = rc_error_set(err, RC_EUSAGE, "%s has no column '%s' (the values of the long layout)", path, value_col);
    size_t *reg = NULL, *key = NULL, *rfirst = NULL, *kfirst = NULL, nreg = 0, nkey = 0;
    int *year = NULL, *years = NULL;
    unsigned char *seen = NULL;
    const char **ids = NULL;
    rc_panel *p = NULL;
    /* Every row needs a region, a key and (with a year column) an integer year. */
    for (size_t r = 0; rc == RC_OK && r < N; r++) {
        const char *id = rc_raw_cell(&t, r, cr), *k = rc_raw_cell(&t, r, ck);
        if (!id || !*id || !k || !*k)
            rc = rc_error_set(err, RC_EINPUT, "%s:%zu: empty %s", path, t.lines[r],
                              !id || !*id ? "region id" : key_col);
    }
    if (rc == RC_OK) {
        reg = malloc(N * sizeof *reg), key = malloc(N * sizeof *key);
        rfirst = malloc(N * sizeof *rfirst), kfirst = malloc(N * sizeof *kfirst);
        year = malloc(N * sizeof *year), years = malloc(N * sizeof *years);
        if (!reg || !key || !rfirst || !kfirst || !year || !years ||
            number_distinct(reg, rfirst, &nreg, &t, cr) != RC_OK ||
            number_distinct(key, kfirst, &nkey, &t, ck) != RC_OK)
            rc = rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    size_t T = 1;
    for (size_t r = 0; rc == RC_OK && r < N; r++) {
        year[r] = 0;
        if (!have_year)
            continue;
        const char *y = rc_raw_cell(&t, r, cy);
        double x;
        if (!y || !rc_parse_number(y, &x) || x != floor(x) || x < INT_MIN || x > INT_MAX)
            rc = rc_error_set(err, RC_EINPUT, "%s:%zu: year '%s' is not an integer", path,
                              t.lines[r], y ? y : "");
        else
            year[r] = (int)x;
    }
    if (rc == RC_OK) {
        memcpy(years, year, N * sizeof *years);
        qsort(years, N, sizeof *years, cmp_int);
        T = 1;
        for (size_t r = 1; r < N; r++)
            if (years[r] != years[T - 1])
                years[T++] = years[r];
        ids = malloc(nreg * sizeof *ids);
        seen = calloc(nreg * T * nkey, 1);
        if (!ids || !seen)
            rc = rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    if (rc == RC_OK) {
        for (size_t i = 0; i < nreg; i++)
            ids[i] = rc_raw_cell(&t, rfirst[i], cr);
        rc = rc_panel_new(&p, ids, nreg, years, T, err);
    }
    for (size_t k = 0; rc == RC_OK && k < nkey; k++) {
        size_t v; /* = k: the panel has no other variables */
        rc = rc_panel_add_var(p, rc_raw_cell(&t, kfirst[k], ck), &v, err);
    }
    for (size_t r = 0; rc == RC_OK && r < N; r++) {
        int *hit = bsearch(&year[r], years, T, sizeof *years, cmp_int);
        size_t ti = (size_t)(hit - years), at = (reg[r] * T + ti) * nkey + key[r];
        const char *cell = rc_raw_cell(&t, r, cv);
        double x = NAN;
        if (seen[at]) {
            char when[24] = "";
            if (have_year)
                snprintf(when, sizeof when, " in %d", year[r]);
            rc = rc_error_set(err, RC_EINPUT, "%s:%zu: %s '%s' of region '%s'%s is given twice",
                              path, t.lines[r], key_col, rc_raw_cell(&t, r, ck), ids[reg[r]], when);
        }
        else if (!is_na(cell, opt->na_tokens) && !rc_parse_number(cell, &x))
            rc = rc_error_set(err, RC_EINPUT, "%s:%zu: column '%s': \"%s\" is not a number", path,
                              t.lines[r], value_col, cell);
        else {
            seen[at] = 1;
            rc_panel_var_data_mut(p, key[r])[ti * nreg + reg[r]] = x;
        }
    }
    if (rc == RC_OK) {
        if (!have_year)
            rc_panel_mark_cross_section(p);
        rc = rc_panel_set_source(p, path, err);
    }
    if (rc == RC_OK)
        *out = p;
    else
        rc_panel_free(p);
    free(reg), free(key), free(rfirst), free(kfirst), free(year), free(years), free(seen), free(ids);
    rc_raw_table_free(&t);
    return rc;
}
