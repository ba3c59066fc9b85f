/* gravity.c — the modified gravity model, membership and binarisation (see
 * regcoord/linkage.h). */
#include "regcoord/linkage.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int rc_gravity(double *R, const double *G, const double *P, const double *D, size_t n,
               double beta, rc_gravity_kind kind, rc_error *err)
{
    if (n < 2)
        return rc_error_set(err, RC_EINSUFFICIENT, "the gravity model needs at least 2 regions (got %zu)", n);
    if (kind != RC_GRAVITY_MODIFIED && kind != RC_GRAVITY_CLASSIC)
        return rc_error_set(err, RC_EUSAGE, "unknown gravity model %d", (int)kind);
    if (!isfinite(beta))
        return rc_error_set(err, RC_EUSAGE, "the distance decay beta must be finite");
    for (size_t i = 0; i < n; i++)
        if (!(isfinite(G[i]) && G[i] >= 0) || !(isfinite(P[i]) && P[i] >= 0))
            return rc_error_set(err, RC_EINPUT,
                                "masses must be finite and non-negative; region %zu has %g and %g",
                                i, G[i], P[i]);
    for (size_t i = 0; i < n; i++) {
        double mi = sqrt(P[i] * G[i]);
        R[i * n + i] = 0;
        for (size_t j = 0; j < n; j++) {
            if (j == i)
                continue;
            double d = D[i * n + j];
            if (!(isfinite(d) && d > 0))
                return rc_error_set(err, RC_EINPUT, "the distance between regions %zu and %zu is %g "
                                    "(it must be positive)", i, j, d);
            double k = 1;
            if (kind == RC_GRAVITY_MODIFIED) {
                if (!(G[i] + G[j] > 0))
                    return rc_error_set(err, RC_EINPUT,
                                        "regions %zu and %zu both have GDP mass 0, so the "
                                        "asymmetry k = G_i/(G_i + G_j) is undefined", i, j);
                k = G[i] / (G[i] + G[j]);
            }
            /* β = 2 is the default: d·d is exact where pow need not be. */
            double db = beta == 2 ? d * d : pow(d, beta);
            R[i * n + j] = k * mi * sqrt(P[j] * G[j]) / db;
        }
    }
    return RC_OK;
}

void rc_linkage_symmetrise(double *R, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            R[i * n + j] = R[j * n + i] = 0.5 * (R[i * n + j] + R[j * n + i]);
}

void rc_linkage_membership(double *F, const double *R, size_t n, size_t *empty_rows)
{
    size_t empty = 0;
    for (size_t i = 0; i < n; i++) {
        double s = 0;
        for (size_t j = 0; j < n; j++)
            if (j != i)
                s += R[i * n + j];
        if (!(s > 0))
            empty++;
        for (size_t j = 0; j < n; j++)
            F[i * n + j] = j == i ? 0 : s > 0 ? R[i * n + j] / s : NAN;
    }
    if (empty_rows)
        *empty_rows = empty;
}

int rc_binarize_spec_parse(rc_binarize_spec *spec, const char *text, rc_error *err)
{
    const char *colon = strchr(text, ':');
    char *end;
    if (!strcmp(text, "rowmean")) {
        *spec = (rc_binarize_spec){RC_BIN_ROWMEAN, 0};
        return RC_OK;
    }
    if (!colon) {
        double v = strtod(text, &end);
        if (end != text && !*end && isfinite(v)) {
            *spec = (rc_binarize_spec){RC_BIN_VALUE, v};
            return RC_OK;
        }
    } else {
        size_t len = (size_t)(colon - text);
        double v = strtod(colon + 1, &end);
        int num = end != colon + 1 && !*end && isfinite(v);
        if (num && len == 6 && !strncmp(text, "global", 6) && v >= 0 && v <= 1) {
            *spec = (rc_binarize_spec){RC_BIN_QUANTILE, v};
            return RC_OK;
        }
        if (num && len == 5 && !strncmp(text, "value", 5)) {
            *spec = (rc_binarize_spec){RC_BIN_VALUE, v};
            return RC_OK;
        }
        if (num && len == 4 && !strncmp(text, "topk", 4) && v >= 1 && v == floor(v)) {
            *spec = (rc_binarize_spec){RC_BIN_TOPK, v};
            return RC_OK;
        }
    }
    return rc_error_set(err, RC_EUSAGE,
                        "threshold '%s' is not rowmean, global:Q (0 ≤ Q ≤ 1), value:V, topk:K "
                        "(K ≥ 1) or a number", text);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct {
    double r;
    size_t j;
} ranked;

/* Larger linkage first; ties by lower column. */
static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->r != y->r)
        return x->r < y->r ? 1 : -1;
    return (x->j > y->j) - (x->j < y->j);
}

int rc_linkage_binarize(unsigned char *a, const double *R, size_t n,
                        const rc_binarize_spec *spec, rc_error *err)
{
    if (n < 2)
        return rc_error_set(err, RC_EINSUFFICIENT, "a linkage network needs at least 2 regions");
    memset(a, 0, n * n);
    double cut = spec->param;
    if (spec->kind == RC_BIN_QUANTILE) {
        size_t m = n * (n - 1), k = 0;
        double *v = malloc(m * sizeof *v);
        if (!v)
            return rc_error_set(err, RC_ENOMEM, "out of memory");
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++)
                if (j != i)
                    v[k++] = R[i * n + j];
        qsort(v, m, sizeof *v, cmp_double);
        /* Type 7 (R's default): linear interpolation at h = (m − 1) q. */
        double h = (double)(m - 1) * spec->param;
        size_t lo = (size_t)floor(h);
        cut = lo + 1 < m ? v[lo] + (h - (double)lo) * (v[lo + 1] - v[lo]) : v[m - 1];
        free(v);
    }
    if (spec->kind == RC_BIN_TOPK) {
        ranked *row = malloc(n * sizeof *row);
        if (!row)
            return rc_error_set(err, RC_ENOMEM, "out of memory");
        size_t k = (size_t)spec->param;
        for (size_t i = 0; i < n; i++) {
            size_t m = 0;
            for (size_t j = 0; j < n; j++)
                if (j != i)
                    row[m++] = (ranked){R[i * n + j], j};
            qsort(row, m, sizeof *row, cmp_ranked);
            for (size_t q = 0; q < k && q < m; q++)
                if (row[q].r > 0)
                    a[i * n + row[q].j] = 1;
        }
        free(row);
        return RC_OK;
    }
    for (size_t i = 0; i < n; i++) {
        if (spec->kind == RC_BIN_ROWMEAN) {
            double s = 0;
            for (size_t j = 0; j < n; j++)
                if (j != i)
                    s += R[i * n + j];
            cut = s / (double)(n - 1);
        }
        /* A link needs positive linkage: a region of zero mass links nowhere. */
        for (size_t j = 0; j < n; j++)
            a[i * n + j] = j != i && R[i * n + j] > 0 && R[i * n + j] >= cut;
    }
    return RC_OK;
}
