/* bench_lisa.c — LISA (local Moran) with conditional permutation on the 3,107 US counties of
 * ../shared/data/us_counties_elect80 (pc_income, queen GAL with 4 islands).
 *
 *   bench_lisa [PERMUTATIONS] [THREADS...]      (defaults: 9999, then 1 and all cores)
 *
 * Prints one line per thread count: wall time of rc_local_moran (best of 3 runs), and a
 * checksum of the p-values (equal for every thread count). The GAL file is read here by a
 * minimal parser so that the benchmark times the statistic only. bench/lisa_vs_spdep.sh runs
 * it beside R spdep localmoran_perm. */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/io.h"
#include "regcoord/lisa.h"
#include "regcoord/threads.h"

static int read_gal(const char *path, const rc_panel *p, size_t **off, size_t **nb, double **w)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    char line[1024], id[64];
    size_t n = rc_panel_nregions(p), cap = 16 * n, k = 0;
    if (!fgets(line, sizeof line, fp))
        return -1;
    *off = calloc(n + 1, sizeof **off);
    size_t *cnt = calloc(n, sizeof *cnt), **lists = calloc(n, sizeof *lists);
    unsigned long kk;
    for (size_t r = 0; r < n; r++) {
        size_t i;
        if (fscanf(fp, "%63s %lu", id, &kk) != 2 || rc_panel_find_region(p, id, &i, NULL))
            return -1;
        cnt[i] = kk;
        lists[i] = malloc((kk + 1) * sizeof **lists);
        for (size_t t = 0; t < kk; t++) {
            size_t j;
            if (fscanf(fp, "%63s", id) != 1 || rc_panel_find_region(p, id, &j, NULL))
                return -1;
            lists[i][t] = j;
        }
    }
    fclose(fp);
    *nb = malloc(cap * sizeof **nb);
    *w = malloc(cap * sizeof **w);
    for (size_t i = 0; i < n; i++) {
        (*off)[i] = k;
        for (size_t t = 0; t < cnt[i]; t++) {
            (*nb)[k] = lists[i][t];
            (*w)[k++] = 1.0 / (double)cnt[i]; /* row-standardised */
        }
        free(lists[i]);
    }
    (*off)[n] = k;
    free(lists);
    free(cnt);
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
