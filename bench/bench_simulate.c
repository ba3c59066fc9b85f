/* bench_simulate.c — the simulation at county scale and a sweep at province scale
 * (../shared/design/simulation.md §8).
 *
 *   bench_simulate [N] [PERIODS] [SWEEP_POINTS] [THREADS...]
 *        defaults: 3000 100 100, then 1 and all cores
 *
 * (1) N regions at seeded random points (lon 100–122, lat 22–42, great-circle costs, τ = 0.3)
 * with growth, spillovers (decay 0.5), migration and rural→urban moves on, run for PERIODS
 * periods: wall time of rc_sim_run per thread count, iterations per period, and where the
 * time goes (Φ/Λ construction, accessible capital Λ·K, the equilibrium's mat-vecs, updates),
 * measured on the same model through the internal API. (2) 31 such regions, a sweep of
 * spillover.degree over SWEEP_POINTS values × PERIODS periods. Checksums of theil_t_w show
 * the numbers do not change with the thread count. */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/simulate/sim_internal.h"
#include "regcoord/rng.h"
#include "regcoord/simulate.h"
#include "regcoord/threads.h"

/* A scenario text with n random regions (ids r1…rn). */
static char *scenario(size_t n, size_t periods)
{
    size_t cap = 256 * n + 4096, len = 0;
    char *s = malloc(cap);
    rc_rng r;
    rc_rng_init(&r, 2026, 0);
    len += (size_t)snprintf(s + len, cap - len,
                            "{\"format\": \"regcoord-scenario/1\", \"name\": \"bench\","
                            " \"periods\": {\"count\": %zu}, \"regions\": [", periods);
    double sumP = 0.0;
    double *P = malloc(n * sizeof *P), *u = malloc(n * sizeof *u);
    for (size_t i = 0; i < n; i++) {
        P[i] = 0.5 + rc_rng_uniform(&r);
        u[i] = 0.2 + 0.3 * rc_rng_uniform(&r);
        sumP += P[i];
    }
    for (size_t i = 0; i < n; i++) {
        double lon = 100 + 22 * rc_rng_uniform(&r), lat = 22 + 20 * rc_rng_uniform(&r);
        double pi = P[i] / sumP;
        len += (size_t)snprintf(s + len, cap - len,
                                "%s{\"id\": \"r%zu\", \"urban\": %.17g, \"rural\": %.17g,"
                                " \"capital\": %.17g, \"lon\": %.6f, \"lat\": %.6f}",
                                i ? "," : "", i + 1, u[i] * pi, (1 - u[i]) * pi, pi, lon, lat);
    }
    snprintf(s + len, cap - len,
             "], \"geography\": {\"type\": \"points\", \"tau\": 0.3},"
             " \"spillover\": {\"degree\": 0.5, \"decay\": 0.5},"
             " \"growth\": {\"knowledge_elasticity\": 0.3},"
             " \"migration\": {\"gamma\": 2}, \"rural_urban\": {\"speed\": 0.03}}");
    free(P);
    free(u);
    return s;
}

static double checksum(const rc_sim_result *res, size_t T)
{
    const rc_table *t = rc_sim_result_summary(res);
    size_t c;
    rc_table_find_column(t, "theil_t_w", &c);
    double s = 0;
    for (size_t k = 0; k < T; k++)
        s += rc_table_get_dbl(t, k, c);
    return s;
}

/* Where the time of one run goes: the same loop as rc_sim_run, timed by phase. */
static void breakdown(const rc_sim_scenario *sc, size_t periods)
{
    rc_sim_model m;
    rc_error err;
    if (rc_sim_model_init(&m, sc, 1, 0, &err)) {
        fprintf(stderr, "%s\n", err.message);
        return;
    }
    double t0 = omp_get_wtime();
    rc_sim_model_set_time(&m, 0, &err);
    rc_sim_geography(&m, &err);
    double t_geo = omp_get_wtime() - t0, t_solve = 0, t_update = 0;
    size_t iters = 0;
    for (size_t t = 0; t < periods; t++) {
        rc_sim_model_set_time(&m, t, &err);
        double a = omp_get_wtime();
        if (rc_sim_model_solve(&m, t, &err)) {
            fprintf(stderr, "%s\n", err.message);
            break;
        }
        double b = omp_get_wtime();
        if (rc_sim_model_update(&m, &err)) {
            fprintf(stderr, "%s\n", err.message);
            break;
        }
        t_update += omp_get_wtime() - b;
        t_solve += b - a;
        iters += m.info.iterations;
    }
    /* one Λ·K product timed alone (the solve does it once per period) */
    size_t n = m.n;
    double a = omp_get_wtime();
    rc_sim_matvec(m.scratch, m.lam, m.K, n);
    double t_kn = omp_get_wtime() - a, chk = 0;
    for (size_t i = 0; i < n; i++)
        chk += m.scratch[i];
    printf("  breakdown (%d threads, first %zu periods): Phi and Lambda %.2f s once; per period: "
           "solve %.3f s = %.1f iterations of %.1f ms (two N x N mat-vecs each) + Lambda.K "
           "%.1f ms; updates %.2f ms; [%g]\n",
           rc_get_threads(), periods, t_geo, t_solve / (double)periods,
           (double)iters / (double)periods, 1e3 * (t_solve / (double)periods - t_kn) /
           ((double)iters / (double)periods), 1e3 * t_kn, 1e3 * t_update / (double)periods, chk);
    rc_sim_model_free(&m);
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)atol(argv[1]) : 3000;
    size_t T = argc > 2 ? (size_t)atol(argv[2]) : 100;
    size_t G = argc > 3 ? (size_t)atol(argv[3]) : 100;
    int threads[8] = {1, 0}, nt = 2;
    if (argc > 4) {
        nt = 0;
        for (int k = 4; k < argc && nt < 8; k++)
            threads[nt++] = atoi(argv[k]);
    }
    rc_error err;
    char *text = scenario(n, T);
    rc_sim_scenario *sc;
    if (rc_sim_scenario_parse(&sc, text, "bench", &err)) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    free(text);
    printf("simulate: %zu regions x %zu periods (points geography, growth, migration on)\n", n, T);
    for (int k = 0; k < nt; k++) {
        rc_set_threads(threads[k]);
        double t0 = omp_get_wtime();
        rc_sim_result *res;
        if (rc_sim_run(&res, sc, &err)) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        double dt = omp_get_wtime() - t0;
        const rc_table *s = rc_sim_result_summary(res);
        size_t c;
        rc_table_find_column(s, "iterations", &c);
        double it = 0;
        for (size_t t = 0; t < T; t++)
            it += (double)rc_table_get_int(s, t, c);
        printf("  %d threads: %.2f s (%.3f s per period, %.1f iterations per period), "
               "checksum %.17g\n", rc_get_threads(), dt, dt / (double)T, it / (double)T,
               checksum(res, T));
        rc_sim_result_free(res);
        if (k == nt - 1)
            breakdown(sc, T < 10 ? T : 10);
    }
    rc_sim_scenario_free(sc);

    /* sweep on 31 regions */
    text = scenario(31, T);
    if (rc_sim_scenario_parse(&sc, text, "bench31", &err)) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    free(text);
    double *vals = malloc(G * sizeof *vals);
    for (size_t g = 0; g < G; g++)
        vals[g] = G > 1 ? (double)g / (double)(G - 1) : 0.5;
    printf("sweep: 31 regions x %zu periods x %zu values of spillover.degree\n", T, G);
    for (int k = 0; k < nt; k++) {
        rc_set_threads(threads[k]);
        double t0 = omp_get_wtime(), best;
        rc_table *t;
        if (rc_sim_sweep(&t, &best, sc, "spillover.degree", vals, G, &err)) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        double dt = omp_get_wtime() - t0, sum = 0;
        size_t c;
        rc_table_find_column(t, "value", &c);
        for (size_t r = 0; r < rc_table_nrows(t); r++)
            sum += rc_table_get_dbl(t, r, c);
        printf("  %d threads: %.3f s (%.2f ms per run), smallest final gap at %.2f, "
               "checksum %.17g\n", rc_get_threads(), dt, 1e3 * dt / (double)G, best, sum);
        rc_table_free(t);
    }
    free(vals);
    rc_sim_scenario_free(sc);
    return 0;
}
