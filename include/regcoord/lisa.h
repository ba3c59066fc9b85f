/* lisa.h — local indicators of spatial association: local Moran (LISA), Getis–Ord Gi and Gi*,
 * conditional permutation inference, and multiple-testing control for local maps.
 *
 * Inputs as in autocorrelation.h: finite y[0..n-1] and a CSR weights view. Conditional
 * permutation (methods/03 §5): for region i, y_i stays fixed and k_i values are drawn without
 * replacement from the other n − 1 regions, R times, from rc_rng stream (seed, i) — each region
 * its own stream (esda and GeoDa share one table across regions, which correlates the
 * regions' p-values). Draws use a partial Fisher–Yates shuffle of a per-thread pool, never an
 * n-sized permutation, and no n × R matrix of simulated values is kept. Regions are processed
 * in parallel (OpenMP, static blocks); results do not depend on the thread count.
 * Islands (k_i = 0): value 0 (local Moran) and p_sim = 1, flagged `island`. */
#ifndef REGCOORD_LISA_H
#define REGCOORD_LISA_H

#include <stddef.h>
#include "regcoord/autocorrelation.h"
#include "regcoord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Quadrants of the Moran scatter plot, esda's coding (z_i and lag split at 0, ties low). */
enum { RC_Q_HH = 1, RC_Q_LH = 2, RC_Q_LL = 3, RC_Q_HL = 4 };

/* Per-region result; fields a statistic does not have are NaN. */
typedef struct {
    double value;       /* local Moran: I_i on esda's scale ((n−1)/n) z_i ℓ_i; Gi/Gi*: G_i */
    double value_alt;   /* local Moran: I_i^A = z_i ℓ_i (spdep "Ii"); Gi: NaN */
    double lag;         /* local Moran: ℓ_i = Σ_j w_ij z_j (z standardised, divisor n) */
    double expected, variance, z, p_norm;   /* analytic: local Moran on the I^A scale, total
                                               randomisation (esda EI/VI); Gi: E[G_i], Var, Z_i
                                               (esda Zs); p_norm by the alternative */
    double expected_c, variance_c;          /* local Moran conditional moments (esda EIc/VIc) */
    double mean_sim, sd_sim, z_sim, p_sim;  /* permutation inference (NaN without) */
    int quadrant;       /* local Moran: RC_Q_*; Gi: 0 */
    int island;         /* 1 when the region has no neighbour */
} rc_local_stat;

/* Local Moran (esda Moran_Local with the given, usually row-standardised, W). n ≥ 3,
 * y not constant. out has n entries. */
int rc_local_moran(rc_local_stat *out, const double *y, const rc_csr *w,
                   const rc_perm_options *opt, rc_error *err);

/* Local Getis–Ord (esda G_Local): the binary pattern of w (any off-diagonal non-zero = 1) with,
 * for star, w_ii = 1 added; then row_standardize ? rows divided by their sums ("R", esda's
 * default) : binary ("B"). y ≥ 0, not all zero. A region whose reference set has zero variance
 * or zero mean gets z = NaN (not defined). */
int rc_local_g(rc_local_stat *out, const double *y, const rc_csr *w, int star,
               int row_standardize, const rc_perm_options *opt, rc_error *err);

/* ---- multiple testing (multiple_testing.c) ------------------------------------------- */

typedef enum { RC_ADJUST_NONE = 0, RC_ADJUST_FDR, RC_ADJUST_BONFERRONI } rc_p_adjust_method;

/* "none", "fdr" (Benjamini–Hochberg), "bonferroni" → value; RC_EUSAGE otherwise. */
int rc_p_adjust_parse(const char *text, rc_p_adjust_method *m, rc_error *err);

/* Adjusted p-values as R's p.adjust(p, "BH" | "bonferroni"): NaN entries are skipped (stay
 * NaN, not counted in m). out may equal p. p in [0, 1] else RC_EINPUT. */
int rc_p_adjust(double *out, const double *p, size_t m, rc_p_adjust_method method,
                rc_error *err);

#ifdef __cplusplus
}
#endif
#endif
