/* evaluation.h — comprehensive evaluation of index systems and coupling coordination.
 *
 * The pipeline of the Chinese coupling-coordination literature, done once and correctly:
 * min–max normalisation (benefit/cost), entropy / CRITIC / equal / given weights, subsystem
 * scores U, TOPSIS closeness, coupling degree C (Wang et al. 2021 corrected form or the
 * classic one), coordination index T, coordination degree D = sqrt(C·T) with its 10-level
 * grade, the lagging subsystem, and obstacle degrees.
 *
 * Matrices are m rows (evaluation objects: region-years) × k columns (indicators), row-major:
 * x[r * k + j]. Kernels take finite values only (the caller drops or imputes missing rows and
 * reports them) and return RC_EINPUT naming the row and column otherwise. They never print or
 * read files. Formulas and conventions: ../shared/methods/04-evaluation.md. */
#ifndef REGCOORD_EVALUATION_H
#define REGCOORD_EVALUATION_H

#include <stddef.h>
#include "regcoord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Indicator directions. */
enum { RC_COST = -1, RC_BENEFIT = 1 };

/* No subsystem lags (see rc_lagging_subsystem). */
#define RC_NO_LAG ((size_t)-1)

/* ---- normalisation and weights --------------------------------------------------- */

/* Min–max normalisation over the m rows: benefit (x − min)/(max − min), cost
 * (max − x)/(max − min). A constant column (max = min) has no normalised value: it is set to
 * 0, constant[j] = 1, and every weighting method gives it weight 0. constant may be NULL. */
int rc_minmax(double *xn, int *constant, const double *x, const int *direction, size_t m,
              size_t k, rc_error *err);

/* Entropy weights of normalised columns xn (values in [0,1]): the logarithm sees x' + shift
 * (the usual +0.0001 translation; shift 0 allowed, 0·ln 0 := 0). e[j] (may be NULL) receives
 * the entropy; constant columns (constant may be NULL) get e = 1 and w = 0. m ≥ 2. */
int rc_entropy_weights(double *w, double *e, const double *xn, const int *constant, size_t m,
                       size_t k, double shift, rc_error *err);

/* CRITIC weights (Diakoulaki et al. 1995): C_j = σ_j Σ_l (1 − ρ_jl), w = C/ΣC, σ with divisor
 * m − 1. Constant columns get σ = 0, C = 0, w = 0 and are left out of the correlation sums.
 * sd and info (C_j) may be NULL. m ≥ 2. */
int rc_critic_weights(double *w, double *sd, double *info, const double *xn,
                      const int *constant, size_t m, size_t k, rc_error *err);

/* 1/(number of non-constant columns) each. */
int rc_equal_weights(double *w, const int *constant, size_t k, rc_error *err);

/* Given weights (≥ 0, finite) rescaled to sum 1 over the non-constant columns. */
int rc_given_weights(double *w, const double *given, const int *constant, size_t k,
                     rc_error *err);

/* Comprehensive scores U[r] = Σ_j w_j xn[r,j] (GSL BLAS dgemv). */
int rc_weighted_scores(double *U, const double *xn, const double *w, size_t m, size_t k,
                       rc_error *err);

/* ---- TOPSIS ------------------------------------------------------------------------ */

/* Entropy-TOPSIS on normalised data: v = w·x', ideal = column max, anti-ideal = column min;
 * closeness C = D⁻/(D⁺ + D⁻). dplus and dminus may be NULL. All rows identical in v
 * (D⁺ + D⁻ = 0) → RC_EINSUFFICIENT. */
int rc_topsis(double *closeness, double *dplus, double *dminus, const double *xn,
              const double *w, size_t m, size_t k, rc_error *err);

/* Hwang & Yoon's original: r = x/sqrt(Σ_r x²) on the raw values, v = w·r, ideal = max for
 * benefit and min for cost columns. A column of zeros gets r = 0. */
int rc_topsis_vector(double *closeness, double *dplus, double *dminus, const double *x,
                     const int *direction, const double *w, size_t m, size_t k,
                     rc_error *err);

/* ---- coupling and coordination ------------------------------------------------------ */

typedef enum {
    RC_COUPLING_WANG,   /* Wang Shujia et al. (2021), the corrected coupling degree (default) */
    RC_COUPLING_CLASSIC /* n·[ΠU/(ΣU)^n]^(1/n): geometric over arithmetic mean */
} rc_coupling_kind;

/* Coupling degree of n ≥ 2 subsystem scores U[0..n-1] ∈ [0, upper] (upper = 1, or 1 + δ for
 * scores on shifted data); values outside by more than 1e-12 are RC_EINPUT. The result is
 * clamped to [0, 1] against rounding only. */
int rc_coupling(double *C, const double *U, size_t n, rc_coupling_kind kind, double upper,
                rc_error *err);

/* T = Σ a_i U_i (alpha == NULL: a_i = 1/n) and D = sqrt(C·T). T or D may be NULL. */
int rc_coordination(double *T, double *D, double C, const double *U, const double *alpha,
                    size_t n, rc_error *err);

/* Coordination grade 1..10 of D: left-closed intervals at the constants 0.1, …, 0.9 (the
 * last interval closed). */
int rc_coordination_grade(double D);
/* "extreme imbalance" … "high-quality coordination" (chinese = 1: 极度失调 … 优质协调);
 * NULL for a level outside 1..10. */
const char *rc_coordination_grade_name(int level, int chinese);

/* The lagging subsystem: argmin U when min U < ratio · max U (ties: the first), RC_NO_LAG
 * when min U ≥ ratio · max U (synchronous development; also when all U are 0). */
size_t rc_lagging_subsystem(const double *U, size_t n, double ratio);

/* ---- obstacle degree ------------------------------------------------------------------ */

/* Obstacle degrees of one row: O_j = F_j (1 − x'_j) / Σ_l F_l (1 − x'_l) × 100 with factor
 * contributions F[0..k-1] ≥ 0. subsystem[j] ∈ [0, nsub) (may be NULL, then O_sub is not
 * touched) gives O_sub[s] = Σ_{j∈s} O_j. When the denominator is 0 (the row is at the best
 * value of every weighted indicator) all O are 0 and *at_best = 1 (else 0). */
int rc_obstacle(double *O, double *O_sub, int *at_best, const double *xn_row, const double *F,
                const size_t *subsystem, size_t nsub, size_t k, rc_error *err);

/* ---- index systems and the whole pipeline ------------------------------------------- */

/* An index system: k indicators, each in one of nsub subsystems (numbered in order of first
 * appearance), with a direction and optionally a user-given weight. */
typedef struct {
    size_t k, nsub;
    char **indicator;      /* k names (panel variables) */
    char **subsystem_name; /* nsub names */
    size_t *subsystem;     /* k subsystem indices */
    int *direction;        /* k: RC_BENEFIT or RC_COST */
    double *weight;        /* k given weights, NULL when the file has no weight column */
} rc_index_system;

/* Read a CSV (or any table GDAL reads) with columns indicator,subsystem,direction[,weight];
 * direction is + or − ("-", "benefit"/"cost" and "positive"/"negative" also accepted). Errors
 * name file and line: unknown direction, duplicate indicator, an indicator named like a
 * subsystem, a subsystem named overall or topsis (labels of the scores table), a missing or
 * negative weight, fewer than 2 subsystems. */
int rc_index_system_read(rc_index_system *out, const char *path, rc_error *err);
/* Build an index system from arrays (copied); weight may be NULL. */
int rc_index_system_init(rc_index_system *out, const char *const *indicator,
                         const char *const *subsystem, const int *direction,
                         const double *weight, size_t k, rc_error *err);
void rc_index_system_free(rc_index_system *s);

typedef enum {
    RC_WEIGHTS_ENTROPY,
    RC_WEIGHTS_CRITIC,
    RC_WEIGHTS_EQUAL,
    RC_WEIGHTS_GIVEN,
    RC_WEIGHTS_COMBINED /* arithmetic mean of the entropy and CRITIC weights */
} rc_weight_method;

typedef struct {
    rc_weight_method method;
    rc_coupling_kind coupling;
    double shift;          /* δ of the entropy logarithm (default 1e-4) */
    int score_on_shifted;  /* U on x' + δ (scores larger by exactly δ), as many studies do */
    int topsis_vector;     /* TOPSIS by vector normalisation of the raw values */
    const double *alpha;   /* nsub subsystem weights a_i (sum 1), NULL = 1/nsub */
    double sync_ratio;     /* rc_lagging_subsystem ratio (default 0.8) */
} rc_coord_options;

void rc_coord_options_init(rc_coord_options *o);

/* Everything computed for one set of m rows (all region-years pooled, or one year). */
typedef struct {
    size_t m, k, nsub;
    double *xn;           /* m × k normalised values x' */
    int *constant;        /* k: 1 for a constant indicator (weight 0) */
    double *w_within;     /* k: weights within each subsystem (sum 1 per subsystem) */
    double *w_overall;    /* k: weights over all indicators (sum 1), for the overall score
                             and TOPSIS */
    double *alpha;        /* nsub subsystem weights a_i */
    double *U;            /* m × nsub subsystem scores */
    double *overall;      /* m: Σ w_overall x' */
    double *topsis;       /* m: TOPSIS closeness */
    double *C, *T, *D;    /* m */
    int *grade;           /* m: 1..10 */
    size_t *lagging;      /* m: lagging subsystem or RC_NO_LAG */
    double *obstacle;     /* m × k obstacle degrees in % (F_j = w_within_j · a_s(j)) */
    double *obstacle_sub; /* m × nsub */
    int *at_best;         /* m: 1 when the row's obstacle denominator is 0 */
} rc_coord_result;

/* Run the pipeline on raw values x (m × k, columns in the order of sys->indicator). */
int rc_coordinate(rc_coord_result *out, const double *x, size_t m, const rc_index_system *sys,
                  const rc_coord_options *opt, rc_error *err);
void rc_coord_result_free(rc_coord_result *r);

#ifdef __cplusplus
}
#endif
#endif
