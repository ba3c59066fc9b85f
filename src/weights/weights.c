/* weights.c — rc_weights: construction from links, transformations, symmetrisation, subsets
 * and the summary that `regcoord weights show` prints. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <igraph.h>

#include "regcoord/weights.h"

void rc_weights_free(rc_weights *w)
{
    if (!w)
        return;
    for (size_t i = 0; w->ids && i < w->n; i++)
        free(w->ids[i]);
    free(w->ids), free(w->offsets), free(w->neighbours), free(w->original), free(w->values);
    free(w);
}

typedef struct {
    size_t from, to, order;
    double w;
} link;

static int link_cmp(const void *a, const void *b)
{
    const link *x = a, *y = b;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    if (x->to != y->to)
        return x->to < y->to ? -1 : 1;
    /* the first occurrence of a duplicate wins: keep input order among equals */
    return x->order < y->order ? -1 : x->order > y->order;
}

static rc_weights *alloc_weights(size_t n, size_t nnz)
{
    rc_weights *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->n = n;
    w->transform = 'O';
    w->ids = calloc(n ? n : 1, sizeof *w->ids);
    w->offsets = calloc(n + 1, sizeof *w->offsets);
    w->neighbours = malloc((nnz ? nnz : 1) * sizeof *w->neighbours);
    w->original = malloc((nnz ? nnz : 1) * sizeof *w->original);
    w->values = malloc((nnz ? nnz : 1) * sizeof *w->values);
    if (!w->ids || !w->offsets || !w->neighbours || !w->original || !w->values) {
        rc_weights_free(w);
        return NULL;
    }
    return w;
}

int rc_weights_from_links(rc_weights **out, size_t n, const char *const *ids, const size_t *from,
                          const size_t *to, const double *wt, size_t m, rc_error *err)
{
    *out = NULL;
    link *l = malloc((m ? m : 1) * sizeof *l);
    if (!l)
        return rc_error_set(err, RC_ENOMEM, "out of memory (weights)");
    for (size_t e = 0; e < m; e++) {
        if (from[e] >= n || to[e] >= n) {
            free(l);
            return rc_error_set(err, RC_EINPUT, "weights: link %zu refers to region %zu of %zu", e,
                                from[e] >= n ? from[e] : to[e], n);
        }
        if (from[e] == to[e]) {
            free(l);
            return rc_error_set(err, RC_EINPUT, "weights: region '%s' is given as its own neighbour",
                                ids[from[e]]);
        }
        double v = wt ? wt[e] : 1.0;
        if (!isfinite(v)) {
            free(l);
            return rc_error_set(err, RC_EINPUT, "weights: the weight of %s → %s is not a finite number",
                                ids[from[e]], ids[to[e]]);
        }
        l[e] = (link){from[e], to[e], e, v};
    }
    qsort(l, m, sizeof *l, link_cmp);
    size_t kept = 0;
    for (size_t e = 0; e < m; e++)
        if (!kept || l[e].from != l[kept - 1].from || l[e].to != l[kept - 1].to)
            l[kept++] = l[e];
    rc_weights *w = alloc_weights(n, kept);
    if (!w) {
        free(l);
        return rc_error_set(err, RC_ENOMEM, "out of memory (weights)");
    }
    for (size_t i = 0; i < n; i++)
        if (!(w->ids[i] = strdup(ids[i]))) {
            free(l), rc_weights_free(w);
            return rc_error_set(err, RC_ENOMEM, "out of memory (weights)");
        }
    size_t e = 0;
    for (size_t i = 0; i < n; i++) {
        w->offsets[i] = e;
        for (; e < kept && l[e].from == i; e++) {
            w->neighbours[e] = l[e].to;
            w->original[e] = w->values[e] = l[e].w;
        }
    }
    w->offsets[n] = kept;
    free(l);
    *out = w;
    return RC_OK;
}

rc_csr rc_weights_csr(const rc_weights *w)
{
    rc_csr c = {w->n, w->offsets, w->neighbours, w->values};
    return c;
}

size_t rc_weights_find(const rc_weights *w, const char *id)
{
    for (size_t i = 0; i < w->n; i++)
        if (!strcmp(w->ids[i], id))
            return i;
    return SIZE_MAX;
}

int rc_weights_transform(rc_weights *w, char transform, rc_error *err)
{
    char t = (char)(transform >= 'a' && transform <= 'z' ? transform - 'a' + 'A' : transform);
    const size_t *off = w->offsets;
    switch (t) {
    case 'O':
        memcpy(w->values, w->original, off[w->n] * sizeof *w->values);
        break;
    case 'B':
        for (size_t e = 0; e < off[w->n]; e++)
            w->values[e] = w->original[e] != 0.0;
        break;
    case 'R':
        for (size_t i = 0; i < w->n; i++) {
            double sum = 0;
            for (size_t e = off[i]; e < off[i + 1]; e++)
                sum += w->original[e];
            /* An island (or a row summing to 0) stays all-zero, as in libpysal. */
            for (size_t e = off[i]; e < off[i + 1]; e++)
                w->values[e] = sum != 0.0 ? w->original[e] / sum : 0.0;
        }
        break;
    case 'V': {
        double total = 0;
        for (size_t i = 0; i < w->n; i++) {
            double q = 0;
            for (size_t e = off[i]; e < off[i + 1]; e++)
                q += w->original[e] * w->original[e];
            q = sqrt(q);
            for (size_t e = off[i]; e < off[i + 1]; e++) {
                w->values[e] = q > 0 ? w->original[e] / q : 0.0;
                total += w->values[e];
            }
        }
        if (total == 0.0)
            return rc_error_set(err, RC_EINPUT, "variance-stabilising weights need at least one link");
        double scale = (double)w->n / total;
        for (size_t e = 0; e < off[w->n]; e++)
            w->values[e] *= scale;
        break;
    }
    default:
        return rc_error_set(err, RC_EUSAGE,
                            "unknown weights transformation '%c' (use r, b, v or o)", transform);
    }
    w->transform = t;
    return RC_OK;
}

/* Original weight of i → j, or NaN when there is no such link (binary search in the row). */
static double find_link(const rc_weights *w, size_t i, size_t j)
{
    size_t lo = w->offsets[i], hi = w->offsets[i + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (w->neighbours[mid] == j)
            return w->original[mid];
        if (w->neighbours[mid] < j)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NAN;
}

/* Replace w's contents with those of v (same n), keeping w's address. */
static void take_over(rc_weights *w, rc_weights *v)
{
    rc_weights tmp = *w;
    *w = *v;
    *v = tmp;
    rc_weights_free(v);
}

int rc_weights_symmetrize(rc_weights *w, rc_error *err)
{
    size_t nnz = w->offsets[w->n], m = 0;
    size_t *from = malloc((2 * nnz + 1) * sizeof *from), *to = malloc((2 * nnz + 1) * sizeof *to);
    double *wt = malloc((2 * nnz + 1) * sizeof *wt);
    if (!from || !to || !wt) {
        free(from), free(to), free(wt);
        return rc_error_set(err, RC_ENOMEM, "out of memory (weights)");
    }
    for (size_t i = 0; i < w->n; i++)
        for (size_t e = w->offsets[i]; e < w->offsets[i + 1]; e++) {
            from[m] = i, to[m] = w->neighbours[e], wt[m++] = w->original[e];
        }
    for (size_t i = 0; i < w->n; i++)
        for (size_t e = w->offsets[i]; e < w->offsets[i + 1]; e++)
            if (isnan(find_link(w, w->neighbours[e], i))) {
                from[m] = w->neighbours[e], to[m] = i, wt[m++] = w->original[e];
            }
    rc_weights *v;
    int rc = rc_weights_from_links(&v, w->n, (const char *const *)w->ids, from, to, wt, m, err);
    free(from), free(to), free(wt);
    if (rc != RC_OK)
        return rc;
    char t = w->transform;
    take_over(w, v);
    return rc_weights_transform(w, t, err);
}

int rc_weights_subset(rc_weights **out, const rc_weights *w, const size_t *keep, size_t m,
                      rc_error *err)
{
    *out = NULL;
    size_t *newidx = malloc((w->n ? w->n : 1) * sizeof *newidx);
    const char **ids = malloc((m ? m : 1) * sizeof *ids);
    size_t nnz = w->offsets[w->n];
    size_t *from = malloc((nnz ? nnz : 1) * sizeof *from), *to = malloc((nnz ? nnz : 1) * sizeof *to);
    double *wt = malloc((nnz ? nnz : 1) * sizeof *wt);
    int rc = RC_OK;
    if (!newidx || !ids || !from || !to || !wt) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory (weights)");
        goto done;
    }
    for (size_t i = 0; i < w->n; i++)
        newidx[i] = SIZE_MAX;
    for (size_t k = 0; k < m; k++) {
        if (keep[k] >= w->n || newidx[keep[k]] != SIZE_MAX) {
            rc = rc_error_set(err, RC_EINPUT, "weights subset: region index %zu invalid or repeated", keep[k]);
            goto done;
        }
        newidx[keep[k]] = k;
        ids[k] = w->ids[keep[k]];
    }
    size_t e2 = 0;
    for (size_t k = 0; k < m; k++) {
        size_t i = keep[k];
        for (size_t e = w->offsets[i]; e < w->offsets[i + 1]; e++)
            if (newidx[w->neighbours[e]] != SIZE_MAX) {
                from[e2] = k, to[e2] = newidx[w->neighbours[e]], wt[e2++] = w->original[e];
            }
    }
    if ((rc = rc_weights_from_links(out, m, ids, from, to, wt, e2, err)) == RC_OK &&
        (rc = rc_weights_transform(*out, w->transform, err)) != RC_OK) {
        rc_weights_free(*out);
        *out = NULL;
    }
done:
    free(newidx), free(ids), free(from), free(to), free(wt);
    return rc;
}

int rc_weights_components(size_t *comp, size_t *ncomp, const rc_weights *w, rc_error *err)
{
    /* igraph's weak components of the directed neighbour graph = components of its undirected
     * version; vertices are labelled in order of their first region. */
    igraph_vector_int_t edges, membership;
    igraph_t g;
    igraph_integer_t no = 0;
    size_t nnz = w->offsets[w->n];
    if (igraph_vector_int_init(&edges, (igraph_integer_t)(2 * nnz)) != IGRAPH_SUCCESS)
        return rc_error_set(err, RC_ENOMEM, "out of memory (weights components)");
    for (size_t i = 0; i < w->n; i++)
        for (size_t e = w->offsets[i]; e < w->offsets[i + 1]; e++) {
            VECTOR(edges)[2 * e] = (igraph_integer_t)i;
            VECTOR(edges)[2 * e + 1] = (igraph_integer_t)w->neighbours[e];
        }
    int rc = RC_OK;
    if (igraph_create(&g, &edges, (igraph_integer_t)w->n, IGRAPH_DIRECTED) != IGRAPH_SUCCESS) {
        igraph_vector_int_destroy(&edges);
        return rc_error_set(err, RC_ENOMEM, "igraph could not build the neighbour graph");
    }
    if (igraph_vector_int_init(&membership, 0) != IGRAPH_SUCCESS ||
        igraph_connected_components(&g, &membership, NULL, &no, IGRAPH_WEAK) != IGRAPH_SUCCESS) {
        rc = rc_error_set(err, RC_ENOMEM, "igraph could not compute the components");
    } else {
        for (size_t i = 0; i < w->n; i++)
            comp[i] = (size_t)VECTOR(membership)[i];
        *ncomp = (size_t)no;
    }
    igraph_vector_int_destroy(&membership);
    igraph_destroy(&g);
    igraph_vector_int_destroy(&edges);
    return rc;
}

int rc_weights_summarize(rc_weights_summary *out, const rc_weights *w, rc_error *err)
{
    memset(out, 0, sizeof *out);
    out->n = w->n;
    out->symmetric = out->binary_symmetric = 1;
    out->min_neighbours = w->n ? SIZE_MAX : 0;
    for (size_t i = 0; i < w->n; i++) {
        size_t k = 0;
        for (size_t e = w->offsets[i]; e < w->offsets[i + 1]; e++) {
            if (w->original[e] != 0.0)
                k++;
            double back = find_link(w, w->neighbours[e], i);
            if (isnan(back))
                out->binary_symmetric = out->symmetric = 0;
            else if (back != w->original[e])
                out->symmetric = 0;
        }
        out->links += k;
        out->islands += k == 0;
        if (k < out->min_neighbours)
            out->min_neighbours = k;
        if (k > out->max_neighbours)
            out->max_neighbours = k;
    }
    out->mean_neighbours = w->n ? (double)out->links / (double)w->n : 0.0;
    out->pct_nonzero = w->n ? 100.0 * (double)out->links / ((double)w->n * (double)w->n) : 0.0;
    rc_csr c = rc_weights_csr(w);
    rc_weights_sums sums;
    int rc = rc_weights_sums_compute(&sums, &c, err);
    if (rc != RC_OK)
        return rc;
    out->s0 = sums.s0, out->s1 = sums.s1, out->s2 = sums.s2;
    size_t *comp = malloc((w->n ? w->n : 1) * sizeof *comp);
    if (!comp)
        return rc_error_set(err, RC_ENOMEM, "out of memory (weights)");
    rc = rc_weights_components(comp, &out->components, w, err);
    free(comp);
    return rc;
}
