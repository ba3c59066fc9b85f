/* read_distances.c — a from,to,value table as a distance matrix (see regcoord/distance.h). */
#include "regcoord/distance.h"

#include <stdlib.h>
#include <string.h>

#include "io/raw_table.h"
#include "regcoord/io.h"

typedef struct {
    const char *id;
    size_t index;
} id_entry;

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const id_entry *)a)->id, ((const id_entry *)b)->id);
}

/* Position of id among the sorted entries, or n. */
static size_t lookup(const id_entry *sorted, size_t n, const char *id)
{
    id_entry key = {id, 0};
    const id_entry *hit = bsearch(&key, sorted, n, sizeof *sorted, cmp_entry);
    return hit ? hit->index : n;
}

/* The column's index, or t->ncols when there is none. */
static size_t find_col(const rc_raw_table *t, const char *name)
{
    size_t c;
    return rc_raw_find_column(t, name, &c) ? c : t->ncols;
}

int rc_distance_matrix_read(double *d, const char *const *ids, size_t n, const char *path,
                            size_t *unknown, rc_error *err)
{
    if (unknown)
        *unknown = 0;
    rc_raw_table t;
    int rc = rc_raw_table_read(&t, path, err);
    if (rc != RC_OK)
        return rc;
    size_t cf = find_col(&t, "from"), ct = find_col(&t, "to"), cv = find_col(&t, "value");
    if (cf == t.ncols || ct == t.ncols || cv == t.ncols) {
        rc = rc_error_set(err, RC_EINPUT, "%s: a distance table needs columns from, to, value",
                          path);
        rc_raw_table_free(&t);
        return rc;
    }
    id_entry *sorted = malloc(n * sizeof *sorted);
    /* 0: not given, 1: given in the file, 2: filled from the reverse direction. */
    unsigned char *given = calloc(n * n, 1);
    if (!sorted || !given) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        sorted[i] = (id_entry){ids[i], i};
    qsort(sorted, n, sizeof *sorted, cmp_entry);
    for (size_t r = 0; r < t.nrows && rc == RC_OK; r++) {
        const char *from = rc_raw_cell(&t, r, cf), *to = rc_raw_cell(&t, r, ct);
        const char *val = rc_raw_cell(&t, r, cv);
        size_t i = from ? lookup(sorted, n, from) : n, j = to ? lookup(sorted, n, to) : n;
        if (i == n || j == n) {
            if (unknown)
                (*unknown)++;
            continue;
        }
        if (i == j)
            continue;
        double x;
        if (!val || !rc_parse_number(val, &x) || !(x > 0))
            rc = rc_error_set(err, RC_EINPUT, "%s:%zu: distance %s → %s is '%s' (a positive number is needed)",
                              path, t.lines[r], from, to, val ? val : "");
        else if (given[i * n + j])
            rc = rc_error_set(err, RC_EINPUT, "%s:%zu: the pair %s → %s is given twice", path,
                              t.lines[r], from, to);
        else {
            d[i * n + j] = x;
            given[i * n + j] = 1;
        }
    }
    for (size_t i = 0; i < n && rc == RC_OK; i++) {
        d[i * n + i] = 0;
        for (size_t j = 0; j < n && rc == RC_OK; j++) {
            if (i == j || given[i * n + j])
                continue;
            if (given[j * n + i] == 1) {
                d[i * n + j] = d[j * n + i];
                given[i * n + j] = 2;
            } else
                rc = rc_error_set(err, RC_EINPUT, "%s: no distance between %s and %s (in either direction)",
                                  path, ids[i], ids[j]);
        }
    }
done:
    free(sorted);
    free(given);
    rc_raw_table_free(&t);
    return rc;
}
