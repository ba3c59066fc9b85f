/* bench_convergence.c — Phillips–Sul clustering (HP filter + findClubs) and the classic and
 * spatial Markov chains on simulated panels of 3,000 regions × 40 years (seeded), timed with
 * a monotonic clock. Usage: bench_convergence [regions] [years]
 *
 * Paths: four clubs with long-run log levels 10, 9.6, 9.2, 8.8; each region starts off its
 * level by d_i ~ U(−0.5, 0.5) decaying as e^(−0.15 t), plus AR(1) noise (ρ = 0.5, sd 0.01).
 * The Markov chains classify relative income into pooled quintiles; the spatial lag is the
 * mean of the two ring neighbours i − 1 and i + 1. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "regcoord/convergence.h"
#include "regcoord/markov.h"
#include "regcoord/rng.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)atol(argv[1]) : 3000, T = argc > 2 ? (size_t)atol(argv[2]) : 40;
    double *lny = malloc(n * T * sizeof *lny), *X = malloc(n * T * sizeof *X);
    rc_rng r;
    rc_rng_init(&r, 2026, 0);
    for (size_t i = 0; i < n; i++) {
        double level = 10.0 - 0.4 * (double)(i % 4), d = rc_rng_uniform(&r) - 0.5, u = 0;
        for (size_t t = 0; t < T; t++) {
            u = 0.5 * u + 0.01 * rc_rng_normal(&r);
            lny[i * T + t] = level + d * exp(-0.15 * (double)(t + 1)) + u;
        }
    }
    rc_error err;
    double t0 = now();
    for (size_t i = 0; i < n; i++)
        if (rc_hp_filter(X + i * T, lny + i * T, T, 400, &err) != RC_OK) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
    double t1 = now();
    rc_clubs_options o;
    rc_clubs_options_init(&o);
    rc_clubs cl;
    if (rc_clubs_find(&cl, X, n, T, &o, &err) != RC_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    double t2 = now();
    printf("clubs: %zu regions x %zu years: HP filter %.3f s, findClubs %.3f s -> %zu clubs, %zu divergent"
           " (whole-sample t = %.2f)\n", n, T, t1 - t0, t2 - t1, cl.nclubs, cl.ndivergent, cl.whole.t);
    rc_clubs_free(&cl);

    /* Markov on the same panel in levels (year-major relative income). */
    double *rel = malloc(n * T * sizeof *rel), *lag = malloc(n * T * sizeof *lag), b[5], lb[5];
    int *cls = malloc(n * T * sizeof *cls), *lcls = malloc(n * T * sizeof *lcls);
    double N[25], Nc[125], P[25];
    size_t k, m;
    t0 = now();
    for (size_t t = 0; t < T; t++) {
        double mean = 0;
        for (size_t i = 0; i < n; i++)
            mean += exp(lny[i * T + t]) / (double)n;
        for (size_t i = 0; i < n; i++)
            rel[t * n + i] = exp(lny[i * T + t]) / mean;
        for (size_t i = 0; i < n; i++)
            lag[t * n + i] = 0.5 * (rel[t * n + (i + n - 1) % n] + rel[t * n + (i + 1) % n]);
    }
    rc_quantile_bounds(b, &k, rel, n * T, 5, NULL);
    rc_classify(cls, rel, n * T, b, k);
    rc_quantile_bounds(lb, &m, lag, n * T, 5, NULL);
    rc_classify(lcls, lag, n * T, lb, m);
    rc_markov_counts(N, cls, NULL, n, T, k, 1, NULL);
    rc_markov_counts(Nc, cls, lcls, n, T, k, m, NULL);
    double sink = 0;
    for (size_t c = 0; c <= m; c++) {
        rc_markov_ergodic e;
        rc_markov_probabilities(P, NULL, c == 0 ? N : Nc + (c - 1) * 25, k);
        if (rc_markov_ergodic_compute(&e, P, k, NULL) == RC_OK) {
            sink += e.steady[0] + e.sojourn[0];
            rc_markov_ergodic_free(&e);
        }
    }
    rc_markov_homogeneity h;
    rc_markov_homogeneity_test(&h, Nc, m, k, NULL);
    t1 = now();
    printf("markov: %zu regions x %zu years, classic + spatial (5 x 5 classes), steady states, MFPT, "
           "Q/LR: %.3f s [Q = %.1f, checksum %.6g]\n", n, T, t1 - t0, h.q, sink);
    free(lny), free(X), free(rel), free(lag), free(cls), free(lcls);
    return 0;
}
