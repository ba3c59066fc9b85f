/* disparity_inference.c — permutation and bootstrap inference (see regcoord/inference.h). */
#include "regcoord/inference.h"
#include "regcoord/disparity.h"
#include "regcoord/rng.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int rc_theil_between_permutation(double *p_value, const double *y, const double *pop,
                                 const int *group, size_t ngroups, size_t n,
                                 size_t permutations, uint64_t seed, rc_error *err)
{
    rc_theil_parts obs;
    int rc = rc_theil_t_decompose(&obs, NULL, NULL, NULL, y, pop, group, ngroups, n, err);
    if (rc != RC_OK)
        return rc;
    if (permutations == 0)
        return rc_error_set(err, RC_EUSAGE, "a permutation test needs at least 1 permutation");
    long long larger = 0;
    int failed = 0;
#pragma omp parallel reduction(+ : larger) reduction(| : failed)
    {
        double *perm = malloc(n * sizeof *perm);
        if (!perm)
            failed = 1;
#pragma omp for schedule(static)
        for (size_t r = 0; r < permutations; r++) {
            if (!perm)
                continue;
            rc_rng rng;
            rc_rng_init(&rng, seed, r);
            memcpy(perm, y, n * sizeof *perm);
            rc_rng_shuffle_double(&rng, perm, n);
            rc_theil_parts sim;
            if (rc_theil_t_decompose(&sim, NULL, NULL, NULL, perm, pop, group, ngroups, n, NULL) != RC_OK)
                failed = 1;
            else if (sim.between >= obs.between)
                larger++;
        }
        free(perm);
    }
    if (failed)
        return rc_error_set(err, RC_ENOMEM, "out of memory in the permutation test");
    *p_value = (double)(1 + larger) / (double)(permutations + 1);
    return RC_OK;
}

int rc_bootstrap_percentile(double *lo, double *hi, size_t nstat, rc_sample_stats stats,
                            void *ctx, const double *y, const double *pop, const int *group,
                            size_t n, size_t replicates, double level, uint64_t seed,
                            rc_error *err)
{
    if (!(level > 0 && level < 1))
        return rc_error_set(err, RC_EUSAGE, "the confidence level must lie in (0, 1), not %g", level);
    if (replicates < 2)
        return rc_error_set(err, RC_EUSAGE, "a bootstrap needs at least 2 replicates");
    double *draws = malloc(replicates * nstat * sizeof *draws);
    if (!draws)
        return rc_error_set(err, RC_ENOMEM, "out of memory for %zu bootstrap replicates", replicates);
    int failed = 0;
#pragma omp parallel
    {
        double *by = malloc(n * sizeof *by), *bp = pop ? malloc(n * sizeof *bp) : NULL;
        int *bg = group ? malloc(n * sizeof *bg) : NULL;
        int ok = by && (!pop || bp) && (!group || bg);
#pragma omp for schedule(static)
        for (size_t r = 0; r < replicates; r++) {
            double *out = draws + r * nstat;
            if (!ok) {
                failed = 1;
                continue;
            }
            rc_rng rng;
            rc_rng_init(&rng, seed, r);
            for (size_t i = 0; i < n; i++) {
                size_t k = rc_rng_below(&rng, (uint32_t)n);
                by[i] = y[k];
                if (bp)
                    bp[i] = pop[k];
                if (bg)
                    bg[i] = group[k];
            }
            rc_error e;
            if (stats(out, by, bp, bg, n, ctx, &e) != RC_OK) {
                /* A degenerate resample (e.g. all values equal where a statistic needs spread)
                 * gives no value for this replicate; it is left out of the quantiles. */
                for (size_t s = 0; s < nstat; s++)
                    out[s] = NAN;
            }
        }
        free(by);
        free(bp);
        free(bg);
    }
    if (failed) {
        free(draws);
        return rc_error_set(err, RC_ENOMEM, "out of memory in the bootstrap");
    }
    double *col = malloc(replicates * sizeof *col);
    if (!col) {
        free(draws);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    for (size_t s = 0; s < nstat; s++) {
        size_t m = 0;
        for (size_t r = 0; r < replicates; r++)
            if (isfinite(draws[r * nstat + s]))
                col[m++] = draws[r * nstat + s];
        if (m == 0) {
            lo[s] = hi[s] = NAN;
            continue;
        }
        gsl_sort(col, 1, m);
        lo[s] = gsl_stats_quantile_from_sorted_data(col, 1, m, (1 - level) / 2);
        hi[s] = gsl_stats_quantile_from_sorted_data(col, 1, m, (1 + level) / 2);
    }
    free(col);
    free(draws);
    return RC_OK;
}
