/* linkage.h — economic linkage: the modified gravity model, binary linkage networks and their
 * social-network measures (through igraph), Borgatti–Everett core–periphery, and the economic
 * field strength of growth poles.
 *
 * Matrices are n × n, row-major, R[i * n + j] = linkage from i to j, zero diagonal; distances
 * come from regcoord/distance.h. Kernels do not print or read files; outputs are
 * caller-allocated. Formulas, conventions and worked example: ../shared/methods/06-linkage.md;
 * network measures follow R igraph 1.3.5 (normalized = TRUE). */
#ifndef REGCOORD_LINKAGE_H
#define REGCOORD_LINKAGE_H

#include <stddef.h>
#include "regcoord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- gravity model ------------------------------------------------------------------ */

typedef enum {
    RC_GRAVITY_MODIFIED = 0, /* k_ij = G_i / (G_i + G_j): directed, R_ij ≠ R_ji */
    RC_GRAVITY_CLASSIC = 1   /* k_ij = 1: symmetric */
} rc_gravity_kind;

/* R_ij = k_ij sqrt(P_i G_i) sqrt(P_j G_j) / D_ij^beta for i ≠ j, R_ii = 0. G is the GDP-like
 * mass (it also sets k_ij), P the population-like one. Masses must be finite and ≥ 0,
 * G_i + G_j > 0 for the modified model, D_ij > 0 off the diagonal; else RC_EINPUT naming the
 * indices. n < 2 is RC_EINSUFFICIENT. */
int rc_gravity(double *R, const double *G, const double *P, const double *D, size_t n,
               double beta, rc_gravity_kind kind, rc_error *err);

/* Replace R by (R + Rᵀ)/2 (the symmetrised variant some studies use). */
void rc_linkage_symmetrise(double *R, size_t n);

/* Economic membership F_ij = R_ij / Σ_{l≠i} R_il into F[n × n]; a row without any linkage
 * (a region of zero mass) is NaN and *empty_rows (may be NULL) counts them. */
void rc_linkage_membership(double *F, const double *R, size_t n, size_t *empty_rows);

/* ---- binarisation --------------------------------------------------------------------- */

typedef enum {
    RC_BIN_ROWMEAN = 0, /* a_ij = 1 if R_ij ≥ the mean of row i over j ≠ i (default) */
    RC_BIN_QUANTILE,    /* a_ij = 1 if R_ij ≥ the q-quantile (type 7) of all off-diagonal R */
    RC_BIN_VALUE,       /* a_ij = 1 if R_ij ≥ v */
    RC_BIN_TOPK         /* the k largest R_ij of each row (ties: lower j) */
} rc_binarize_kind;

typedef struct {
    rc_binarize_kind kind;
    double param; /* q, v or k */
} rc_binarize_spec;

/* "rowmean", "global:Q" (0 ≤ Q ≤ 1), "value:V", "topk:K" (1 ≤ K), or a bare number V. */
int rc_binarize_spec_parse(rc_binarize_spec *spec, const char *text, rc_error *err);

/* a[n × n] ∈ {0, 1} from R (no self-loops). A link also needs R_ij > 0, so a region of zero
 * mass links nowhere whatever the threshold. */
int rc_linkage_binarize(unsigned char *a, const double *R, size_t n,
                        const rc_binarize_spec *spec, rc_error *err);

/* ---- network measures (igraph) -------------------------------------------------------- */

/* Per-vertex arrays (caller-allocated, n entries each; any may be NULL) and network-level
 * figures of the directed binary network a. Normalisations as igraph's normalized = TRUE:
 * degrees / (n − 1); closeness r_i / Σ_{j reachable} d_ij (NaN when nothing is reachable:
 * "not defined"); betweenness / ((n − 1)(n − 2)). Centralisations are Freeman's, divided by
 * the star graph's maximum (igraph centr_degree(loops = FALSE), centr_betw). */
typedef struct {
    double *out_degree, *in_degree, *closeness_out, *closeness_in, *betweenness;
    size_t links, links_undirected, weak_components, strong_components;
    double density, density_undirected;
    double centralization_out_degree, centralization_in_degree, centralization_betweenness;
    size_t closeness_out_undefined, closeness_in_undefined;
} rc_network;

/* n < 3 is RC_EINSUFFICIENT (betweenness normalisation); igraph failures are RC_ENOMEM. */
int rc_network_measures(rc_network *out, const unsigned char *a, size_t n, rc_error *err);

/* ---- core–periphery (Borgatti & Everett 2000) ----------------------------------------- */

/* On the OR-symmetrised network: continuous coreness c (Σ c² = 1, minimising
 * Σ_{i≠j} (s_ij − c_i c_j)²; RC_ENUMERIC after 10 000 iterations without convergence to
 * 1e-12), and the discrete core: the k highest-coreness vertices (ties by index), k = 2..n−2,
 * with the largest Pearson correlation between s_ij and the ideal pattern over core–core and
 * periphery–periphery pairs. core[i] = 1 for core members. When no k gives a defined
 * correlation (n < 4, or the pattern is constant), *core_size = 0, *fit = NaN and core is
 * all 0. */
int rc_core_periphery(double *coreness, int *core, size_t *core_size, double *fit,
                      const unsigned char *a, size_t n, rc_error *err);

/* ---- economic field strength of growth poles (Stewart 1947) --------------------------- */

/* For poles p = 0..npoles−1 (region index pole[p], quality Z[p] > 0): E[p * n + j] =
 * Z[p] / D[pole[p], j]^beta (NaN for j = pole[p]); every region j that is not a pole is
 * assigned to the pole of largest E (ties: lower p) in assign[j] (a pole is assigned to
 * itself), margin[j] = E_(1)j / E_(2)j (NaN for poles and when npoles = 1). */
int rc_field_strength(double *E, size_t *assign, double *margin, const double *Z,
                      const size_t *pole, size_t npoles, const double *D, size_t n, double beta,
                      rc_error *err);

#ifdef __cplusplus
}
#endif
#endif
