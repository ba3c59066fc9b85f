/* bench_linkage.c — the whole linkage pipeline for n regions: great-circle distances,
 * modified gravity, row-mean links, every igraph centrality (degrees, closeness out/in,
 * betweenness, components, centralisation), core–periphery and field strength of 5 poles.
 * Points: the first n county centroids of ../shared/data/us_counties_elect80 when present
 * (real geometry), else seeded uniform points over the same box; masses are seeded
 * log-normal draws (rc_rng stream 0). Usage: bench_linkage [regions] [elect80.csv] */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "regcoord/distance.h"
#include "regcoord/linkage.h"
#include "regcoord/rng.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Read lon, lat (columns 2 and 3) of up to n counties; returns how many were read. */
static size_t read_points(const char *path, double *x, double *y, size_t n)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return 0;
    char line[512];
    size_t k = 0;
    if (fgets(line, sizeof line, fp))
        while (k < n && fgets(line, sizeof line, fp)) {
            char *c1 = strchr(line, ',');
            if (!c1)
                break;
            char *c2;
            x[k] = strtod(c1 + 1, &c2);
            if (*c2 != ',')
                break;
            y[k] = strtod(c2 + 1, NULL);
            k++;
        }
    fclose(fp);
    return k;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)atol(argv[1]) : 3000;
    const char *path = argc > 2 ? argv[2] : "../shared/data/us_counties_elect80/elect80.csv";
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    double *G = malloc(n * sizeof *G), *P = malloc(n * sizeof *P);
    double *D = malloc(n * n * sizeof *D), *R = malloc(n * n * sizeof *R);
    double *od = malloc(n * sizeof *od), *id = malloc(n * sizeof *id), *co = malloc(n * sizeof *co);
    double *ci = malloc(n * sizeof *ci), *b = malloc(n * sizeof *b), *c = malloc(n * sizeof *c);
    double *E = malloc(5 * n * sizeof *E), *margin = malloc(n * sizeof *margin);
    size_t *assign = malloc(n * sizeof *assign);
    int *core = malloc(n * sizeof *core);
    unsigned char *a = malloc(n * n);
    rc_rng r;
    rc_rng_init(&r, 1, 0);
    size_t got = read_points(path, x, y, n);
    const char *source = got == n ? "elect80 county centroids" : "uniform random points";
    if (got != n)
        for (size_t i = 0; i < n; i++) {
            x[i] = -124 + 57 * rc_rng_uniform(&r);
            y[i] = 25 + 24 * rc_rng_uniform(&r);
        }
    for (size_t i = 0; i < n; i++) {
        P[i] = exp(3 + 1.0 * rc_rng_normal(&r));
        G[i] = P[i] * exp(1 + 0.4 * rc_rng_normal(&r));
    }
    rc_error err;
    double t[8];
    t[0] = now();
    if (rc_distance_matrix(D, x, y, n, RC_DIST_GREAT_CIRCLE, &err) != RC_OK)
        return fprintf(stderr, "%s\n", err.message), 1;
    t[1] = now();
    rc_gravity(R, G, P, D, n, 2, RC_GRAVITY_MODIFIED, &err);
    t[2] = now();
    rc_binarize_spec spec = {RC_BIN_ROWMEAN, 0};
    rc_linkage_binarize(a, R, n, &spec, &err);
    t[3] = now();
    rc_network net = {.out_degree = od, .in_degree = id, .closeness_out = co, .closeness_in = ci,
                      .betweenness = b};
    if (rc_network_measures(&net, a, n, &err) != RC_OK)
        return fprintf(stderr, "%s\n", err.message), 1;
    t[4] = now();
    size_t k;
    double fit;
    int cp = rc_core_periphery(c, core, &k, &fit, a, n, &err);
    t[5] = now();
    size_t poles[5] = {0, 1, 2, 3, 4};
    double Z[5] = {1, 1, 1, 1, 1};
    rc_field_strength(E, assign, margin, Z, poles, 5, D, n, 2, &err);
    t[6] = now();
    printf("linkage: %zu regions (%s), %zu links (density %.4f)\n", n, source, net.links, net.density);
    printf("  distances %.3f s, gravity %.3f s, links %.3f s, igraph centralities %.3f s,\n"
           "  core-periphery %.3f s (%s, core %zu), field strength %.3f s; total %.3f s\n",
           t[1] - t[0], t[2] - t[1], t[3] - t[2], t[4] - t[3], t[5] - t[4],
           cp == RC_OK ? "converged" : "no convergence", k, t[6] - t[5], t[6] - t[0]);
    free(x), free(y), free(G), free(P), free(D), free(R), free(od), free(id), free(co), free(ci);
    free(b), free(c), free(E), free(margin), free(assign), free(core), free(a);
    return 0;
}
