/* spatial_fixtures.h — test-only helpers of test_autocorrelation.c and test_lisa.c: the 3 × 3
 * rook lattice of methods/03, a minimal GAL reader (independent of the weights module, so the
 * statistics are tested on their own), row standardisation and a reader for the reference
 * CSV files in tests/reference/spatial. Header-only; every function is static. */
#ifndef RC_SPATIAL_FIXTURES_H
#define RC_SPATIAL_FIXTURES_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/autocorrelation.h"

typedef struct {
    size_t n;
    size_t *off, *nb;
    double *w;
    char **ids;
    rc_csr csr;
} fx_weights;

static void fx_finish(fx_weights *f)
{
    f->csr.n = f->n;
    f->csr.offsets = f->off;
    f->csr.neighbours = f->nb;
    f->csr.weights = f->w;
}

static void fx_free(fx_weights *f)
{
    if (f->ids)
        for (size_t i = 0; i < f->n; i++)
            free(f->ids[i]);
    free(f->ids);
    free(f->off);
    free(f->nb);
    free(f->w);
}

/* methods/03 "Test lattice": 3 × 3 rook, row-major, binary weights. */
static fx_weights fx_lattice3(void)
{
    fx_weights f = {9, malloc(10 * sizeof(size_t)), malloc(24 * sizeof(size_t)),
                    malloc(24 * sizeof(double)), NULL, {0}};
    size_t k = 0;
    for (size_t i = 0; i < 9; i++) {
        size_t r = i / 3, c = i % 3;
        f.off[i] = k;
        if (r > 0) f.nb[k++] = i - 3;
        if (c > 0) f.nb[k++] = i - 1;
        if (c < 2) f.nb[k++] = i + 1;
        if (r < 2) f.nb[k++] = i + 3;
    }
    f.off[9] = k;
    for (size_t e = 0; e < k; e++)
        f.w[e] = 1.0;
    fx_finish(&f);
    return f;
}

static void fx_row_standardize(fx_weights *f)
{
    for (size_t i = 0; i < f->n; i++) {
        double s = 0;
        for (size_t e = f->off[i]; e < f->off[i + 1]; e++)
            s += f->w[e];
        if (s > 0)
            for (size_t e = f->off[i]; e < f->off[i + 1]; e++)
                f->w[e] /= s;
    }
}

/* Read a GAL file (header "0 n ..." or "n"; then "id k" and the k neighbour ids). Binary
 * weights; ids in file order. Returns 0 on success. */
static int fx_read_gal(fx_weights *f, const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    char line[65536];
    if (!fgets(line, sizeof line, fp)) {
        fclose(fp);
        return -1;
    }
    unsigned long a, b;
    int got = sscanf(line, "%lu %lu", &a, &b);
    size_t n = got == 2 ? b : a;
    f->n = n;
    f->ids = calloc(n, sizeof(char *));
    f->off = malloc((n + 1) * sizeof(size_t));
    char ***nbid = calloc(n, sizeof(char **));
    size_t *cnt = calloc(n, sizeof(size_t)), total = 0;
    for (size_t i = 0; i < n; i++) {
        char id[256];
        unsigned long k;
        if (fscanf(fp, "%255s %lu", id, &k) != 2)
            return -1;
        f->ids[i] = strdup(id);
        cnt[i] = k;
        nbid[i] = malloc((k ? k : 1) * sizeof(char *));
        for (size_t t = 0; t < k; t++) {
            if (fscanf(fp, "%255s", id) != 1)
                return -1;
            nbid[i][t] = strdup(id);
        }
        total += k;
    }
    fclose(fp);
    f->nb = malloc((total ? total : 1) * sizeof(size_t));
    f->w = malloc((total ? total : 1) * sizeof(double));
    size_t e = 0;
    for (size_t i = 0; i < n; i++) {
        f->off[i] = e;
        for (size_t t = 0; t < cnt[i]; t++) {
            size_t j = 0;
            while (j < n && strcmp(f->ids[j], nbid[i][t]))
                j++;
            if (j == n)
                return -1;
            f->nb[e] = j;
            f->w[e++] = 1.0;
            free(nbid[i][t]);
        }
        free(nbid[i]);
    }
    f->off[n] = e;
    free(nbid);
    free(cnt);
    fx_finish(f);
    return 0;
}

/* A small CSV table of the reference files: header + rows, fields split at commas. */
typedef struct {
    size_t nrows, ncols;
    char **head;
    char ***cell;
} fx_csv;

static int fx_csv_read(fx_csv *t, const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    char line[4096];
    memset(t, 0, sizeof *t);
    while (fgets(line, sizeof line, fp)) {
        line[strcspn(line, "\r\n")] = 0;
        char **fields = NULL;
        size_t nf = 0;
        for (char *s = line, *tok; (tok = strsep(&s, ","));) {
            fields = realloc(fields, (nf + 1) * sizeof *fields);
            fields[nf++] = strdup(tok);
        }
        if (!t->head) {
            t->head = fields;
            t->ncols = nf;
        } else {
            t->cell = realloc(t->cell, (t->nrows + 1) * sizeof *t->cell);
            t->cell[t->nrows++] = fields;
        }
    }
    fclose(fp);
    return t->head ? 0 : -1;
}

static size_t fx_csv_col(const fx_csv *t, const char *name)
{
    for (size_t c = 0; c < t->ncols; c++)
        if (!strcmp(t->head[c], name))
            return c;
    fprintf(stderr, "reference column %s missing\n", name);
    abort();
}

static double fx_csv_num(const fx_csv *t, size_t row, const char *name)
{
    const char *s = t->cell[row][fx_csv_col(t, name)];
    return strcmp(s, "NA") ? strtod(s, NULL) : NAN;
}

static void fx_csv_free(fx_csv *t)
{
    for (size_t c = 0; c < t->ncols; c++)
        free(t->head[c]);
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++)
            free(t->cell[r][c]);
        free(t->cell[r]);
    }
    free(t->head);
    free(t->cell);
}

#endif
