/* disparity.h — regional gap indices for one cross-section, with exact group decompositions.
 *
 * Every function takes per-capita values y[0..n-1] and, where it says so, populations
 * pop[0..n-1] > 0 (pop == NULL means the unweighted form: every region one observation).
 * Inputs must be finite (the caller drops missing regions and reports them). Kernels check
 * their sign domain (methods/01: y > 0 for the range ratio, Theil L and Atkinson ε ≥ 1;
 * y ≥ 0 with a positive mean otherwise) and return RC_EINPUT naming the element, and
 * RC_EINSUFFICIENT for n < 2. They do not print or read files; those that sort allocate
 * scratch memory. Formulas and conventions: ../shared/methods/01-disparity.md. */
#ifndef REGCOORD_DISPARITY_H
#define REGCOORD_DISPARITY_H

#include <stddef.h>
#include "regcoord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* max y / min y. */
int rc_range_ratio(double *out, const double *y, size_t n, rc_error *err);
/* Coefficient of variation σ/μ; sample = 0: divisor n (default), 1: divisor n − 1. */
int rc_cv(double *out, const double *y, size_t n, int sample, rc_error *err);
/* Williamson's population-weighted CV: sqrt(Σ p_i (y_i − μ_w)²) / μ_w, μ_w = Y/P. */
int rc_williamson(double *out, const double *y, const double *pop, size_t n, rc_error *err);
/* Gini (relative mean difference / 2); pop == NULL: unweighted (PySAL Gini), else
 * population-weighted with (y, pop) pairs sorted together. O(n log n). */
int rc_gini(double *out, const double *y, const double *pop, size_t n, rc_error *err);
/* Theil T (GE(1)) and Theil L (mean log deviation, GE(0)); pop == NULL: unweighted. */
int rc_theil_t(double *out, const double *y, const double *pop, size_t n, rc_error *err);
int rc_theil_l(double *out, const double *y, const double *pop, size_t n, rc_error *err);
/* Atkinson index with inequality aversion epsilon ≥ 0; pop == NULL: unweighted. */
int rc_atkinson(double *out, const double *y, const double *pop, size_t n, double epsilon,
                rc_error *err);
/* Hoover index ½ Σ |s_i − p_i|; pop == NULL: p_i = 1/n. */
int rc_hoover(double *out, const double *y, const double *pop, size_t n, rc_error *err);

/* Lorenz curve: the regions sorted by y, cum_pop[k] = share of population (or of regions
 * when pop == NULL) and cum_value[k] = share of the total Σ p_i y_i held by the k+1 poorest;
 * both arrays have n + 1 entries and start at 0. */
int rc_lorenz(double *cum_pop, double *cum_value, const double *y, const double *pop, size_t n,
              rc_error *err);

/* Exact between/within decomposition of Theil T or L by a grouping group[i] ∈ [0, ngroups).
 * Arrays of length ngroups are caller-provided (may be NULL if not wanted):
 *   weight[g]       S_g (output share) for T, Π_g (population share) for L; 0 for empty groups
 *   index[g]        the group's own index T_g / L_g (0 for empty and one-member groups)
 *   contribution[g] weight[g] · index[g]; Σ contribution = within. */
typedef struct {
    double total, between, within;
} rc_theil_parts;

int rc_theil_t_decompose(rc_theil_parts *out, double *weight, double *index,
                         double *contribution, const double *y, const double *pop,
                         const int *group, size_t ngroups, size_t n, rc_error *err);
int rc_theil_l_decompose(rc_theil_parts *out, double *weight, double *index,
                         double *contribution, const double *y, const double *pop,
                         const int *group, size_t ngroups, size_t n, rc_error *err);

/* Dagum (1997) Gini decomposition (unweighted, each region one observation), O(n log n + nk).
 * Groups without members are skipped: their rows of the matrices are NaN. Matrices are
 * ngroups × ngroups row-major, allocated by rc_dagum_decompose, freed by rc_dagum_free. */
typedef struct {
    size_t ngroups;
    double gini;            /* G, equal to rc_gini(y, NULL) */
    double within;          /* G_w  = Σ_j G_jj p_j s_j */
    double between_net;     /* G_nb = Σ_{j<h} G_jh (p_j s_h + p_h s_j) D_jh */
    double transvariation;  /* G_t  = Σ_{j<h} G_jh (p_j s_h + p_h s_j) (1 − D_jh) */
    size_t *size;           /* n_j */
    double *mean;           /* μ_j */
    double *gini_within;    /* G_jj */
    double *gini_between;   /* G_jh (symmetric; the diagonal holds G_jj) */
    double *d;              /* D_jh ∈ [0, 1] (symmetric; 0 on the diagonal) */
} rc_dagum;

int rc_dagum_decompose(rc_dagum *out, const double *y, const int *group, size_t ngroups,
                       size_t n, rc_error *err);
void rc_dagum_free(rc_dagum *d);

#ifdef __cplusplus
}
#endif
#endif
