/* autocorrelation.h — global spatial autocorrelation: Moran's I, Geary's C, Getis–Ord General G
 * and bivariate Moran, with analytic moments and permutation inference.
 *
 * Kernels take the variable y[0..n-1] (finite; a NaN is RC_EINPUT naming its position) and
 * a weights matrix as a read-only CSR view (rc_csr), used exactly as given: the caller applies
 * the transformation (esda's default is row-standardised), except for General G which, like
 * esda, always uses the binary pattern of W. Islands (rows without a neighbour) are kept, their
 * terms are zero (esda); their number is reported. Permutation inference draws from rc_rng
 * stream (seed, r) for permutation r, so results are identical for any thread count.
 * Formulas and conventions: ../shared/methods/03-spatial.md §2–4, §7. */
#ifndef REGCOORD_AUTOCORRELATION_H
#define REGCOORD_AUTOCORRELATION_H

#include <stddef.h>
#include <stdint.h>
#include "regcoord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A sparse n × n weights matrix in compressed-row form: the neighbours of region i are
 * neighbours[offsets[i] .. offsets[i+1]-1] with weights weights[same range]. No duplicate
 * neighbour within a row. A view: the arrays belong to the caller (e.g. an rc_weights). */
typedef struct {
    size_t n;
    const size_t *offsets;    /* n + 1 entries, offsets[0] = 0 */
    const size_t *neighbours; /* offsets[n] entries in [0, n) */
    const double *weights;    /* offsets[n] entries */
} rc_csr;

/* Which tail a p-value measures.
 * RC_ALT_DIRECTED (default): esda's conventions — analytic p two-sided for Moran, one-sided
 *   in the direction of the deviation for Geary and G; permutation p "directed" (folded):
 *   (min(L, R − L) + 1)/(R + 1), L = #{sim ≥ observed}.
 * RC_ALT_TWO_SIDED: analytic 2Φ(−|z|); permutation p by esda's percentile-mirroring rule
 *   (methods/03 §5), capped at 1.
 * RC_ALT_GREATER / RC_ALT_LESS: the statistic is larger / smaller than expected (for Geary's C,
 *   positive autocorrelation is LESS): 1 − Φ(z) / Φ(z); (#{sim ≥ obs} + 1)/(R + 1) /
 *   (#{sim ≤ obs} + 1)/(R + 1). */
typedef enum { RC_ALT_DIRECTED = 0, RC_ALT_TWO_SIDED, RC_ALT_GREATER, RC_ALT_LESS } rc_alternative;

/* "directed", "two-sided", "greater", "less" → value; RC_EUSAGE otherwise. */
int rc_alternative_parse(const char *text, rc_alternative *alt, rc_error *err);
const char *rc_alternative_name(rc_alternative alt);

typedef struct {
    size_t permutations;        /* 0: no permutation inference (p_sim etc. are NaN) */
    uint64_t seed;              /* key of the rc_rng streams */
    rc_alternative alternative; /* RC_ALT_DIRECTED (0) is esda's behaviour */
} rc_perm_options;

/* One global test statistic, in the project's vocabulary (STYLE.md). Moments that a statistic
 * does not have are NaN: General G has one variance (esda's VG, reported as variance_norm /
 * z_norm / p_norm as esda names it); bivariate Moran has permutation inference only. */
typedef struct {
    double value, expected;
    double variance_norm, variance_rand;
    double z_norm, z_rand, p_norm, p_rand;
    double p_sim;               /* pseudo p of the permutation test (NaN without permutations) */
    double mean_sim, sd_sim;    /* mean and SD (divisor R) of the simulated values */
    double z_sim;               /* (value − mean_sim)/sd_sim; NaN if sd_sim = 0 */
    size_t n, islands;          /* regions used and rows without neighbours */
} rc_spatial_stat;

/* S0, S1, S2 of W (libpysal W.s0/s1/s2). */
typedef struct {
    double s0, s1, s2;
} rc_weights_sums;

int rc_weights_sums_compute(rc_weights_sums *out, const rc_csr *w, rc_error *err);
/* Rows of w without an off-diagonal non-zero weight. */
size_t rc_csr_islands(const rc_csr *w);

/* Moran's I (methods/03 §2); n ≥ 4, y not constant, S0 ≠ 0. */
int rc_moran(rc_spatial_stat *out, const double *y, const rc_csr *w, const rc_perm_options *opt,
             rc_error *err);
/* Geary's C (§3); E[C] = 1, z = (C − 1)/sd (esda's sign). */
int rc_geary(rc_spatial_stat *out, const double *y, const rc_csr *w, const rc_perm_options *opt,
             rc_error *err);
/* Getis–Ord General G (§4) on the binary pattern of w; y ≥ 0 with at least two positives. */
int rc_getis_ord_g(rc_spatial_stat *out, const double *y, const rc_csr *w,
                   const rc_perm_options *opt, rc_error *err);
/* Bivariate Moran (§7, esda Moran_BV): x focal, y lagged; only y is permuted. */
int rc_moran_bv(rc_spatial_stat *out, const double *x, const double *y, const rc_csr *w,
                const rc_perm_options *opt, rc_error *err);

/* ---- shared by the local statistics (lisa.c) ----------------------------------------- */

/* Pseudo p of an observed value given the count of simulations ≥ obs (ge) and ≤ obs (le)
 * out of R, for the directed / greater / less rules. Two-sided needs the sorted simulations:
 * rc_pseudo_p_two_sided. */
double rc_pseudo_p_counts(rc_alternative alt, size_t ge, size_t le, size_t R);
/* esda's two-sided rule on sims[0..R-1] sorted ascending (capped at 1). */
double rc_pseudo_p_two_sided(double obs, const double *sorted_sims, size_t R);
/* Analytic p of a standard-normal z under alt; `directed_two_sided` says whether the
 * statistic's esda default is two-sided (Moran) or one-sided toward the deviation. */
double rc_normal_p(double z, rc_alternative alt, int directed_two_sided);

#ifdef __cplusplus
}
#endif
#endif
