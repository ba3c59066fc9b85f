/* inference.h — seeded, thread-count-independent resampling inference for statistics of one
 * cross-section (permutation tests and percentile bootstrap intervals).
 *
 * Replicate r draws only from the rc_rng stream (seed, r), and replicates are spread over
 * OpenMP threads in fixed blocks, so results are identical for any --threads. */
#ifndef REGCOORD_INFERENCE_H
#define REGCOORD_INFERENCE_H

#include <stddef.h>
#include <stdint.h>
#include "regcoord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* PySAL TheilDSim (Rey & Sastré-Gutiérrez 2010): permute the values over the regions (group
 * labels and populations stay with the regions), recompute the between-group Theil T and
 * return p = (1 + #{T_B^(r) ≥ T_B^obs}) / (R + 1). pop == NULL: unweighted. */
int rc_theil_between_permutation(double *p_value, const double *y, const double *pop,
                                 const int *group, size_t ngroups, size_t n,
                                 size_t permutations, uint64_t seed, rc_error *err);

/* A statistic vector of one sample: fills out[0..nstat-1] (NaN where undefined). */
typedef int (*rc_sample_stats)(double *out, const double *y, const double *pop,
                               const int *group, size_t n, void *ctx, rc_error *err);

/* Percentile bootstrap: resample the n regions with replacement (value, population and group
 * together) `replicates` times, evaluate `stats` on each, and return for every statistic the
 * (1 − level)/2 and (1 + level)/2 quantiles (type 7, over the replicates where it is finite;
 * NaN if none). pop and group may be NULL. */
int rc_bootstrap_percentile(double *lo, double *hi, size_t nstat, rc_sample_stats stats,
                            void *ctx, const double *y, const double *pop, const int *group,
                            size_t n, size_t replicates, double level, uint64_t seed,
                            rc_error *err);

#ifdef __cplusplus
}
#endif
#endif
