/* bench_lisa.c — LISA (local Moran) with conditional permutation on the 3,107 US counties of
 * ../shared/data/us_counties_elect80 (pc_income, queen GAL with 4 islands).
 *
 *   bench_lisa [PERMUTATIONS] [THREADS...]      (defaults: 9999, then 1 and all cores)
 *
 * Prints one line per thread count: wall time of rc_local_moran (best of 3 runs), and a
 * checksum of the p-values (equal for every thread count). Reading the data and weights is
 * not timed: the benchmark times the statistic only. bench/lisa_vs_spdep.sh runs
 * it beside R spdep localmoran_perm. */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/io.h"
#include "regcoord/lisa.h"
#include "regcoord/threads.h"
#include "regcoord/weights.h"

/* The GAL file through the library's reader, rows put in the panel's region order and
 * row-standardised. */
static int read_gal(const char *path, const rc_panel *p, size_t **off, size_t **nb, double **w)
{
    rc_weights *g, *aligned;
    if (rc_weights_read_gal(&g, path, NULL) != RC_OK)
        return -1;
    size_t n = rc_panel_nregions(p);
    size_t *order = malloc(n * sizeof *order);
    for (size_t i = 0; i < n; i++)
        if ((order[i] = rc_weights_find(g, rc_panel_region_id(p, i))) == SIZE_MAX)
            return -1;
    if (rc_weights_subset(&aligned, g, order, n, NULL) != RC_OK ||
        rc_weights_transform(aligned, 'r', NULL) != RC_OK)
        return -1;
    *off = aligned->offsets, *nb = aligned->neighbours, *w = aligned->values;
    aligned->offsets = aligned->neighbours = NULL, aligned->values = NULL;
    rc_weights_free(aligned);
    rc_weights_free(g);
    free(order);
    return 0;
}

int main(int argc, char **argv)
{
    const char *shared = getenv("RC_SHARED") ? getenv("RC_SHARED") : "../shared";
    char csv[1024], gal[1024];
    snprintf(csv, sizeof csv, "%s/data/us_counties_elect80/elect80.csv", shared);
    snprintf(gal, sizeof gal, "%s/data/us_counties_elect80/elect80_queen.gal", shared);
    size_t R = argc > 1 ? strtoul(argv[1], NULL, 10) : 9999;
    rc_read_options o = {.region_col = "FIPS"};
    rc_panel *p;
    rc_error err;
    if (rc_panel_read(&p, csv, &o, &err)) {
        fprintf(stderr, "bench_lisa: %s\n", err.message);
        return 77;
    }
    size_t v, n = rc_panel_nregions(p);
    size_t *off, *nb;
    double *w;
    if (rc_panel_find_var(p, "pc_income", &v, &err) || read_gal(gal, p, &off, &nb, &w)) {
        fprintf(stderr, "bench_lisa: cannot read %s\n", gal);
        return 77;
    }
    rc_csr csr = {n, off, nb, w};
    const double *y = rc_panel_column(p, v, 0);
    rc_local_stat *out = malloc(n * sizeof *out);
    int threads[8], nt = 0;
    for (int a = 2; a < argc && nt < 8; a++)
        threads[nt++] = atoi(argv[a]);
    if (!nt) {
        threads[nt++] = 1;
        threads[nt++] = omp_get_num_procs();
    }
    printf("LISA, %zu regions, %zu links, %zu permutations\n", n, off[n], R);
    for (int k = 0; k < nt; k++) {
        rc_set_threads(threads[k]);
        double best = INFINITY;
        for (int run = 0; run < 3; run++) {
            rc_perm_options opt = {R, 12345, RC_ALT_DIRECTED};
            double t0 = omp_get_wtime();
            if (rc_local_moran(out, y, &csr, &opt, &err)) {
                fprintf(stderr, "bench_lisa: %s\n", err.message);
                return 1;
            }
            double t = omp_get_wtime() - t0;
            best = t < best ? t : best;
        }
        double sum = 0;
        size_t sig = 0;
        for (size_t i = 0; i < n; i++) {
            sum += out[i].p_sim;
            sig += out[i].p_sim < 0.05;
        }
        printf("threads %d: %.3f s (best of 3); sum p_sim %.6f, %zu regions p < 0.05\n", threads[k],
               best, sum, sig);
    }
    free(out);
    free(off), free(nb), free(w);
    rc_panel_free(p);
    return 0;
}
