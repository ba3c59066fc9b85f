/* structure.h — industrial structure: location quotients, Krugman specialisation and
 * dissimilarity, the UNIDO structural similarity coefficient, Hoover localisation and
 * shift-share decomposition (Dunn; Esteban-Marquillas).
 *
 * Every function takes an n × K matrix e (row-major: e[i * K + k] = employment or value added
 * of sector k in region i). Values must be finite and ≥ 0; the cross-sectional indices also
 * need every region total E_i and every sector total E_k to be positive (the caller drops
 * empty regions and sectors and says so — a zero row or column only makes its own cells
 * undefined). Violations are RC_EINPUT naming the row/column index; n < 2 is
 * RC_EINSUFFICIENT. Kernels do not print or read files; outputs are caller-allocated.
 * Formulas and worked example: ../shared/methods/07-structure.md. */
#ifndef REGCOORD_STRUCTURE_H
#define REGCOORD_STRUCTURE_H

#include <stddef.h>
#include "regcoord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Location quotient LQ_ik = (e_ik/E_i)/(E_k/E) into lq[n × K] (REAT locq); diff = 1 gives
 * the difference s_ik − s_k instead (REAT LQ.method "a"). */
int rc_location_quotient(double *lq, const double *e, size_t n, size_t K, int diff,
                         rc_error *err);

/* What region i's structure is compared with in the Krugman specialisation index. */
typedef enum {
    RC_KSI_REST = 0, /* the rest of the country, aggregated: Σ_{j≠i} e_jk / Σ_{j≠i} E_j */
    RC_KSI_NATION,   /* the nation including i: E_k / E */
    RC_KSI_MEAN      /* the unweighted mean of the other regions' shares */
} rc_ksi_ref;

/* KSI_i = Σ_k |s_ik − ref_k| into ksi[n]. */
int rc_krugman_specialization(double *ksi, const double *e, size_t n, size_t K, rc_ksi_ref ref,
                              rc_error *err);

/* Krugman dissimilarity K_ij = Σ_k |s_ik − s_jk| into kd[n × n] (symmetric, 0 diagonal). */
int rc_krugman_dissimilarity(double *kd, const double *e, size_t n, size_t K, rc_error *err);

/* Structural similarity (cosine of the share vectors) S_ij into s[n × n] (1 on the
 * diagonal). */
int rc_structural_similarity(double *s, const double *e, size_t n, size_t K, rc_error *err);

/* Hoover localisation HL_k = ½ Σ_i |e_ik/E_k − E_i/E| into hl[K]. */
int rc_hoover_localization(double *hl, const double *e, size_t n, size_t K, rc_error *err);

/* Shift-share components between year 0 (e0) and year 1 (e1), each an n × K array filled
 * by rc_shift_share (any pointer may be NULL when not wanted):
 *   national_share NS = e0 G, industry_mix IM = e0 (g_k − G),
 *   regional_share RS = e1 − e0 (1 + g_k)  (so that NS + IM + RS = e1 − e0 exactly),
 *   homothetic     ê (r_ik − g_k) with ê_ik = E_i⁰ E_k⁰ / E⁰ (Esteban-Marquillas),
 *   allocation     (e0 − ê)(r_ik − g_k);
 * homothetic and allocation are NaN where e0_ik = 0 (r_ik undefined): the caller reports
 * them as "not defined". Regions may have zero totals here (their RS is all growth).
 * exclude_self = 1 takes the national rates G, g_k and the national structure of ê from the
 * other regions only. A sector with a zero reference total in year 0 is RC_EINPUT. */
typedef struct {
    double *national_share, *industry_mix, *regional_share, *homothetic, *allocation;
} rc_shift_share_parts;

int rc_shift_share(const rc_shift_share_parts *out, const double *e0, const double *e1,
                   size_t n, size_t K, int exclude_self, rc_error *err);

#ifdef __cplusplus
}
#endif
#endif
