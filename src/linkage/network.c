/* network.c — social-network measures of a binary linkage network through igraph (see
 * regcoord/linkage.h). igraph does the graph algorithms (geodesics, Brandes betweenness,
 * components, centralisation); this file only builds the graph and normalises. */
#include "regcoord/linkage.h"

#include <igraph.h>
#include <math.h>
#include <stdlib.h>

/* igraph's default error handler aborts the process and its warnings print: swap in the
 * silent handlers for the duration of one call and restore whatever the host had. */
typedef struct {
    igraph_error_handler_t *error;
    igraph_warning_handler_t *warning;
} handlers;

static handlers quiet_igraph(void)
{
    handlers h;
    h.error = igraph_set_error_handler(igraph_error_handler_ignore);
    h.warning = igraph_set_warning_handler(igraph_warning_handler_ignore);
    return h;
}

static void restore_igraph(handlers h)
{
    igraph_set_error_handler(h.error);
    igraph_set_warning_handler(h.warning);
}

static int vector_out(double *dst, const igraph_vector_t *v, size_t n, double scale,
                      size_t *nan_count)
{
    size_t nans = 0;
    for (size_t i = 0; i < n; i++) {
        double x = VECTOR(*v)[i];
        if (isnan(x))
            nans++;
        if (dst)
            dst[i] = x * scale;
    }
    if (nan_count)
        *nan_count = nans;
    return RC_OK;
}

int rc_network_measures(rc_network *out, const unsigned char *a, size_t n, rc_error *err)
{
    if (n < 3)
        return rc_error_set(err, RC_EINSUFFICIENT,
                            "network measures need at least 3 regions (got %zu)", n);
    size_t L = 0, Lu = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            L += i != j && a[i * n + j];
            Lu += i < j && (a[i * n + j] || a[j * n + i]);
        }
    out->links = L;
    out->links_undirected = Lu;
    double pairs = (double)n * (double)(n - 1);
    out->density = (double)L / pairs;
    out->density_undirected = 2.0 * (double)Lu / pairs;

    handlers h = quiet_igraph();
    igraph_t g;
    igraph_vector_int_t edges, deg;
    igraph_vector_t res;
    int have_g = 0, have_e = 0, have_d = 0, have_r = 0, rc = RC_OK;
    igraph_error_t ie = igraph_vector_int_init(&edges, (igraph_integer_t)(2 * L));
    have_e = ie == IGRAPH_SUCCESS;
    if (have_e) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++)
                if (i != j && a[i * n + j]) {
                    VECTOR(edges)[k++] = (igraph_integer_t)i;
                    VECTOR(edges)[k++] = (igraph_integer_t)j;
                }
        ie = igraph_create(&g, &edges, (igraph_integer_t)n, IGRAPH_DIRECTED);
        have_g = ie == IGRAPH_SUCCESS;
    }
    if (ie == IGRAPH_SUCCESS)
        have_d = (ie = igraph_vector_int_init(&deg, 0)) == IGRAPH_SUCCESS;
    if (ie == IGRAPH_SUCCESS)
        have_r = (ie = igraph_vector_init(&res, 0)) == IGRAPH_SUCCESS;
    double nm1 = (double)(n - 1);
    /* Degrees over n − 1 (igraph degree(normalized = TRUE)). */
    for (int mode = 0; mode < 2 && ie == IGRAPH_SUCCESS; mode++) {
        double *dst = mode ? out->in_degree : out->out_degree;
        ie = igraph_degree(&g, &deg, igraph_vss_all(), mode ? IGRAPH_IN : IGRAPH_OUT, IGRAPH_NO_LOOPS);
        for (size_t i = 0; dst && ie == IGRAPH_SUCCESS && i < n; i++)
            dst[i] = (double)VECTOR(deg)[i] / nm1;
    }
    /* Closeness over the reachable vertices only (igraph ≥ 0.10): NaN when none is. */
    for (int mode = 0; mode < 2 && ie == IGRAPH_SUCCESS; mode++) {
        ie = igraph_closeness(&g, &res, NULL, NULL, igraph_vss_all(), mode ? IGRAPH_IN : IGRAPH_OUT,
                              NULL, 1);
        if (ie == IGRAPH_SUCCESS)
            vector_out(mode ? out->closeness_in : out->closeness_out, &res, n, 1,
                       mode ? &out->closeness_in_undefined : &out->closeness_out_undefined);
    }
    if (ie == IGRAPH_SUCCESS) {
        ie = igraph_betweenness(&g, &res, igraph_vss_all(), IGRAPH_DIRECTED, NULL);
        if (ie == IGRAPH_SUCCESS)
            vector_out(out->betweenness, &res, n, 1.0 / (nm1 * (double)(n - 2)), NULL);
    }
    igraph_integer_t nc = 0;
    if (ie == IGRAPH_SUCCESS)
        ie = igraph_connected_components(&g, NULL, NULL, &nc, IGRAPH_WEAK);
    out->weak_components = (size_t)nc;
    if (ie == IGRAPH_SUCCESS)
        ie = igraph_connected_components(&g, NULL, NULL, &nc, IGRAPH_STRONG);
    out->strong_components = (size_t)nc;
    /* Freeman centralisations against the star graph (no self-loops in a linkage network). */
    if (ie == IGRAPH_SUCCESS)
        ie = igraph_centralization_degree(&g, NULL, IGRAPH_OUT, 0, &out->centralization_out_degree,
                                          NULL, 1);
    if (ie == IGRAPH_SUCCESS)
        ie = igraph_centralization_degree(&g, NULL, IGRAPH_IN, 0, &out->centralization_in_degree,
                                          NULL, 1);
    if (ie == IGRAPH_SUCCESS)
        ie = igraph_centralization_betweenness(&g, NULL, IGRAPH_DIRECTED,
                                               &out->centralization_betweenness, NULL, 1);
    if (ie != IGRAPH_SUCCESS)
        rc = rc_error_set(err, ie == IGRAPH_ENOMEM ? RC_ENOMEM : RC_ENUMERIC,
                          "igraph failed on the linkage network: %s", igraph_strerror(ie));
    if (have_r)
        igraph_vector_destroy(&res);
    if (have_d)
        igraph_vector_int_destroy(&deg);
    if (have_g)
        igraph_destroy(&g);
    if (have_e)
        igraph_vector_int_destroy(&edges);
    restore_igraph(h);
    return rc;
}
