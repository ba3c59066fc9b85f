/* geo_files.c — the matrix and network geographies of design §2.4: generalized costs from a
 * CSV `origin,destination,cost`, or shortest paths on an edge list `from,to,length,speed`
 * (cost = length/speed, undirected) computed with igraph's Dijkstra and recomputed when an
 * infrastructure event changes an edge. */
#include "sim_internal.h"

#include <igraph/igraph.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/raw_table.h"
#include "regcoord/io.h"

static int find_col(const rc_raw_table *t, const char *name, size_t *c, const char *path,
                    rc_error *err)
{
    if (rc_raw_find_column(t, name, c))
        return RC_OK;
    return rc_error_set(err, RC_EINPUT, "%s: no column '%s'", path, name);
}

static int region_of(const rc_sim_scenario *sc, const rc_raw_table *t, size_t r, size_t c,
                     size_t *i, rc_error *err)
{
    const char *id = rc_raw_cell(t, r, c);
    for (*i = 0; id && *i < sc->n; (*i)++)
        if (!strcmp(sc->regions[*i].id, id))
            return RC_OK;
    return rc_error_set(err, RC_EINPUT, "%s:%zu: region '%s' is not in the scenario", t->path,
                        t->lines[r], id ? id : "");
}

static int number_of(const rc_raw_table *t, size_t r, size_t c, double *x, rc_error *err)
{
    const char *s = rc_raw_cell(t, r, c);
    if (!s || !rc_parse_number(s, x) || !(*x >= 0) || !isfinite(*x))
        return rc_error_set(err, RC_EINPUT, "%s:%zu: column '%s': \"%s\" is not a number >= 0",
                            t->path, t->lines[r], t->names[c], s ? s : "");
    return RC_OK;
}

int rc_sim_read_cost_file(rc_sim_scenario *sc, const char *file, rc_error *err)
{
    rc_raw_table t;
    int rc = rc_raw_table_read(&t, file, err);
    if (rc)
        return rc;
    const size_t n = sc->n;
    if (sc->geo == RC_GEO_MATRIX) {
        size_t co, cd, cc;
        if ((rc = find_col(&t, "origin", &co, file, err)) ||
            (rc = find_col(&t, "destination", &cd, file, err)) ||
            (rc = find_col(&t, "cost", &cc, file, err)))
            goto done;
        if (!(sc->cost_matrix = malloc(n * n * sizeof *sc->cost_matrix))) {
            rc = rc_error_set(err, RC_ENOMEM, "out of memory");
            goto done;
        }
        for (size_t k = 0; k < n * n; k++)
            sc->cost_matrix[k] = k % (n + 1) == 0 ? 0.0 : NAN;
        for (size_t r = 0; r < t.nrows && !rc; r++) {
            size_t o, d;
            double x;
            if ((rc = region_of(sc, &t, r, co, &o, err)) || (rc = region_of(sc, &t, r, cd, &d, err)) ||
                (rc = number_of(&t, r, cc, &x, err)))
                break;
            if (o != d && !isnan(sc->cost_matrix[o * n + d]))
                rc = rc_error_set(err, RC_EINPUT, "%s:%zu: the cost from '%s' to '%s' is given "
                                  "twice", file, t.lines[r], sc->regions[o].id, sc->regions[d].id);
            sc->cost_matrix[o * n + d] = x;
        }
        for (size_t o = 0; o < n && !rc; o++)
            for (size_t d = 0; d < n && !rc; d++)
                if (isnan(sc->cost_matrix[o * n + d]))
                    rc = rc_error_set(err, RC_EINPUT, "%s: no cost from '%s' to '%s' (every pair "
                                      "of regions needs one)", file, sc->regions[o].id,
                                      sc->regions[d].id);
    } else {
        size_t cf, ct, cl, cs;
        if ((rc = find_col(&t, "from", &cf, file, err)) || (rc = find_col(&t, "to", &ct, file, err)) ||
            (rc = find_col(&t, "length", &cl, file, err)) ||
            (rc = find_col(&t, "speed", &cs, file, err)))
            goto done;
        if (!(sc->edges = calloc(t.nrows + 1, sizeof *sc->edges))) {
            rc = rc_error_set(err, RC_ENOMEM, "out of memory");
            goto done;
        }
        for (size_t r = 0; r < t.nrows && !rc; r++) {
            rc_sim_edge *e = &sc->edges[r];
            double len, speed;
            if ((rc = region_of(sc, &t, r, cf, &e->from, err)) ||
                (rc = region_of(sc, &t, r, ct, &e->to, err)) ||
                (rc = number_of(&t, r, cl, &len, err)) || (rc = number_of(&t, r, cs, &speed, err)))
                break;
            if (!(speed > 0))
                rc = rc_error_set(err, RC_EINPUT, "%s:%zu: speed must be > 0", file, t.lines[r]);
            e->cost = len / speed;
            sc->nedges = r + 1;
        }
    }
done:
    rc_raw_table_free(&t);
    return rc;
}

int rc_sim_network_costs(rc_sim_model *m, rc_error *err)
{
    const rc_sim_scenario *sc = m->sc;
    const size_t n = m->n, ne = sc->nedges;
    igraph_t g;
    igraph_vector_int_t ev;
    igraph_vector_t w;
    igraph_matrix_t res;
    if (igraph_vector_int_init(&ev, (igraph_integer_t)(2 * ne)) ||
        igraph_vector_init(&w, (igraph_integer_t)ne))
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    for (size_t e = 0; e < ne; e++) {
        VECTOR(ev)[2 * e] = (igraph_integer_t)sc->edges[e].from;
        VECTOR(ev)[2 * e + 1] = (igraph_integer_t)sc->edges[e].to;
        double f = 1.0;
        /* infrastructure events on this edge that are in force */
        for (size_t k = 0; k < sc->npolicies; k++) {
            const rc_sim_policy *pol = &m->pol[k];
            if (pol->type != RC_POL_INFRA || !pol->nedge_events ||
                !rc_sim_policy_active(m, k, m->t_cur))
                continue;
            for (size_t q = 0; q < pol->nedge_events; q++)
                if (pol->edge_idx[q] == e)
                    f *= pol->edge_factor[q];
        }
        VECTOR(w)[e] = sc->edges[e].cost * f;
    }
    int rc = RC_OK;
    /* igraph's default handler aborts; errors are reported here instead */
    igraph_error_handler_t *old = igraph_set_error_handler(igraph_error_handler_ignore);
    if (igraph_create(&g, &ev, (igraph_integer_t)n, IGRAPH_UNDIRECTED)) {
        igraph_set_error_handler(old);
        igraph_vector_int_destroy(&ev);
        igraph_vector_destroy(&w);
        return rc_error_set(err, RC_ENOMEM, "network geography: igraph could not build the graph");
    }
    igraph_matrix_init(&res, 0, 0);
    if (igraph_distances_dijkstra(&g, &res, igraph_vss_all(), igraph_vss_all(), &w, IGRAPH_ALL))
        rc = rc_error_set(err, RC_ENUMERIC, "network geography: shortest paths failed");
    for (size_t o = 0; o < n && !rc; o++)
        for (size_t d = 0; d < n && !rc; d++) {
            double c = MATRIX(res, o, d);
            if (!isfinite(c))
                rc = rc_error_set(err, RC_EINPUT, "network geography: no path between '%s' and "
                                  "'%s'", sc->regions[o].id, sc->regions[d].id);
            m->cost[o * n + d] = c;
        }
    igraph_matrix_destroy(&res);
    igraph_destroy(&g);
    igraph_vector_int_destroy(&ev);
    igraph_vector_destroy(&w);
    igraph_set_error_handler(old);
    return rc;
}
