/* distance_weights.c — k nearest neighbours, distance band and inverse-distance weights from
 * points (or polygon centroids), Euclidean or great-circle. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/distance.h"
#include "regcoord/geometry.h"
#include "regcoord/weights.h"

void rc_points_free(rc_points *p)
{
    if (!p)
        return;
    for (size_t i = 0; p->ids && i < p->n; i++)
        free(p->ids[i]);
    free(p->ids), free(p->x), free(p->y), free(p);
}

int rc_points_read(rc_points **out, const char *path, const char *id_field, rc_error *err)
{
    *out = NULL;
    rc_geometry *g;
    int rc = rc_geometry_read(&g, path, id_field, err);
    if (rc != RC_OK)
        return rc;
    rc_points *p = calloc(1, sizeof *p);
    if (!p) {
        rc_geometry_free(g);
        return rc_error_set(err, RC_ENOMEM, "out of memory (points)");
    }
    /* Take the arrays over from the geometry. */
    p->n = g->n, p->ids = g->ids, p->x = g->cx, p->y = g->cy, p->geographic = g->geographic;
    g->ids = NULL, g->cx = g->cy = NULL, g->n = 0;
    rc_geometry_free(g);
    *out = p;
    return RC_OK;
}

double rc_points_distance(const rc_points *p, size_t i, size_t j)
{
    if (!p->geographic)
        return hypot(p->x[i] - p->x[j], p->y[i] - p->y[j]);
    return rc_great_circle_km(p->x[i], p->y[i], p->x[j], p->y[j]);
}

typedef struct {
    double d;
    size_t j;
} candidate;

static int candidate_cmp(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->d != y->d)
        return x->d < y->d ? -1 : 1;
    return x->j < y->j ? -1 : x->j > y->j;
}

static int check_points(const rc_points *p, rc_error *err)
{
    for (size_t i = 0; i < p->n; i++)
        if (!isfinite(p->x[i]) || !isfinite(p->y[i]))
            return rc_error_set(err, RC_EINPUT, "region '%s' has no finite coordinates", p->ids[i]);
    return RC_OK;
}

int rc_weights_knn(rc_weights **out, const rc_points *p, size_t k, rc_error *err)
{
    *out = NULL;
    if (k == 0 || k >= p->n)
        return rc_error_set(err, RC_EUSAGE, "knn:%zu needs 1 ≤ K < the number of regions (%zu)", k, p->n);
    int rc = check_points(p, err);
    if (rc != RC_OK)
        return rc;
    /* Full distance rows: n is at most a few thousand regions, and the ties rule (smaller
     * index first) is exact this way. */
    size_t n = p->n;
    candidate *c = malloc(n * sizeof *c);
    size_t *from = malloc(n * k * sizeof *from), *to = malloc(n * k * sizeof *to);
    if (!c || !from || !to) {
        free(c), free(from), free(to);
        return rc_error_set(err, RC_ENOMEM, "out of memory (knn)");
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        size_t nc = 0;
        for (size_t j = 0; j < n; j++)
            if (j != i)
                c[nc++] = (candidate){rc_points_distance(p, i, j), j};
        qsort(c, nc, sizeof *c, candidate_cmp);
        for (size_t t = 0; t < k; t++)
            from[m] = i, to[m++] = c[t].j;
    }
    rc = rc_weights_from_links(out, n, (const char *const *)p->ids, from, to, NULL, m, err);
    free(c), free(from), free(to);
    return rc;
}

int rc_weights_distance(rc_weights **out, const rc_points *p, double band, double alpha,
                        rc_error *err)
{
    *out = NULL;
    if (isnan(band) || isnan(alpha) || alpha < 0)
        return rc_error_set(err, RC_EUSAGE, "distance weights need a band and an exponent α ≥ 0");
    if (alpha == 0 && !(band > 0))
        return rc_error_set(err, RC_EUSAGE, "dist:D needs a positive band D");
    int rc = check_points(p, err);
    if (rc != RC_OK)
        return rc;
    int all = !(band > 0) || isinf(band);
    size_t n = p->n, m = 0, cap = 4 * n + 16;
    size_t *from = malloc(cap * sizeof *from), *to = malloc(cap * sizeof *to);
    double *wt = malloc(cap * sizeof *wt);
    for (size_t i = 0; i < n && from && to && wt && rc == RC_OK; i++)
        for (size_t j = 0; j < n; j++) {
            if (j == i)
                continue;
            double d = rc_points_distance(p, i, j);
            if (!all && !(d <= band))
                continue;
            if (alpha > 0 && d == 0) {
                rc = rc_error_set(err, RC_EINPUT, "regions '%s' and '%s' have the same location; "
                                                  "inverse-distance weights are undefined", p->ids[i], p->ids[j]);
                break;
            }
            if (m == cap) {
                cap *= 2;
                size_t *f2 = realloc(from, cap * sizeof *f2);
                if (f2)
                    from = f2;
                size_t *t2 = realloc(to, cap * sizeof *t2);
                if (t2)
                    to = t2;
                double *w2 = realloc(wt, cap * sizeof *w2);
                if (w2)
                    wt = w2;
                if (!f2 || !t2 || !w2) {
                    rc = rc_error_set(err, RC_ENOMEM, "out of memory (distance weights)");
                    break;
                }
            }
            from[m] = i, to[m] = j, wt[m++] = alpha > 0 ? pow(d, -alpha) : 1.0;
        }
    if (rc == RC_OK && (!from || !to || !wt))
        rc = rc_error_set(err, RC_ENOMEM, "out of memory (distance weights)");
    if (rc == RC_OK)
        rc = rc_weights_from_links(out, n, (const char *const *)p->ids, from, to, wt, m, err);
    free(from), free(to), free(wt);
    return rc;
}
