/* contiguity.c — queen and rook contiguity of polygons by vertex matching within a tolerance
 * (spdep poly2nb's rule: queen ≥ 1 shared boundary point, rook ≥ 2). All vertices of all
 * regions are sorted by x and swept, so the work is O(V log V) plus the matches. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/geometry.h"
#include "regcoord/weights.h"

typedef struct {
    double x, y;
    size_t region;
} vertex;

static int vertex_cmp(const void *a, const void *b)
{
    const vertex *p = a, *q = b;
    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    if (p->y != q->y)
        return p->y < q->y ? -1 : 1;
    return p->region < q->region ? -1 : p->region > q->region;
}

typedef struct {
    size_t a, b;
} pair;

static int pair_cmp(const void *p, const void *q)
{
    const pair *x = p, *y = q;
    if (x->a != y->a)
        return x->a < y->a ? -1 : 1;
    return x->b < y->b ? -1 : x->b > y->b;
}

static int contiguity_from_geometry(rc_weights **out, const rc_geometry *g, rc_contiguity rule,
                                    double tol, rc_error *err)
{
    size_t nv = g->ring_point[g->region_ring[g->n]];
    vertex *v = malloc((nv ? nv : 1) * sizeof *v);
    if (!v)
        return rc_error_set(err, RC_ENOMEM, "out of memory (contiguity)");
    size_t m = 0;
    for (size_t i = 0; i < g->n; i++)
        for (size_t r = g->region_ring[i]; r < g->region_ring[i + 1]; r++)
            for (size_t k = g->ring_point[r]; k < g->ring_point[r + 1]; k++)
                v[m++] = (vertex){g->x[k], g->y[k], i};
    qsort(v, m, sizeof *v, vertex_cmp);
    /* One vertex per region and location: rings repeat their first point, parts and holes may
     * share points; a shared point must count once. */
    size_t u = 0;
    for (size_t k = 0; k < m; k++)
        if (!u || v[k].x != v[u - 1].x || v[k].y != v[u - 1].y || v[k].region != v[u - 1].region)
            v[u++] = v[k];
    m = u;
    size_t np = 0, cap = 1024;
    pair *p = malloc(cap * sizeof *p);
    int rc = RC_OK;
    for (size_t k = 0; k < m && p; k++)
        for (size_t l = k + 1; l < m && v[l].x - v[k].x <= tol; l++) {
            if (v[l].region == v[k].region || fabs(v[l].y - v[k].y) > tol)
                continue;
            if (np == cap) {
                pair *q = realloc(p, 2 * cap * sizeof *p);
                if (!q) {
                    free(p);
                    p = NULL;
                    break;
                }
                p = q, cap *= 2;
            }
            size_t a = v[k].region, b = v[l].region;
            p[np++] = (pair){a < b ? a : b, a < b ? b : a};
        }
    free(v);
    if (!p)
        return rc_error_set(err, RC_ENOMEM, "out of memory (contiguity)");
    qsort(p, np, sizeof *p, pair_cmp);
    size_t need = rule == RC_QUEEN ? 1 : 2, nl = 0;
    size_t *from = malloc((2 * np + 1) * sizeof *from), *to = malloc((2 * np + 1) * sizeof *to);
    if (!from || !to) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory (contiguity)");
    } else {
        for (size_t k = 0; k < np;) {
            size_t e = k;
            while (e < np && p[e].a == p[k].a && p[e].b == p[k].b)
                e++;
            if (e - k >= need) {
                from[nl] = p[k].a, to[nl++] = p[k].b;
                from[nl] = p[k].b, to[nl++] = p[k].a;
            }
            k = e;
        }
        rc = rc_weights_from_links(out, g->n, (const char *const *)g->ids, from, to, NULL, nl, err);
    }
    free(from), free(to), free(p);
    return rc;
}

int rc_weights_contiguity(rc_weights **out, const char *path, const char *id_field,
                          rc_contiguity rule, double tolerance, rc_error *err)
{
    *out = NULL;
    rc_geometry *g;
    int rc = rc_geometry_read(&g, path, id_field, err);
    if (rc != RC_OK)
        return rc;
    if (g->region_ring[g->n] == 0) {
        rc_geometry_free(g);
        return rc_error_set(err, RC_EINPUT, "%s: contiguity needs polygons; the layer holds points "
                                            "(use knn:K or dist:D)", path);
    }
    for (size_t i = 0; i < g->n; i++)
        if (g->region_ring[i] == g->region_ring[i + 1]) {
            rc = rc_error_set(err, RC_EINPUT, "%s: region '%s' is a point among polygons", path, g->ids[i]);
            rc_geometry_free(g);
            return rc;
        }
    rc = contiguity_from_geometry(out, g, rule, tolerance > 0 ? tolerance : sqrt(DBL_EPSILON), err);
    rc_geometry_free(g);
    return rc;
}
