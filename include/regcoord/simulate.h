/* simulate.h — the regcoord multi-region simulation model (RCM).
 *
 * A new-economic-geography economy (Krugman 1991; Fujita, Krugman & Venables 1999 "FKV")
 * with accumulable capital whose productivity effect spills over between regions (Martin &
 * Ottaviano; Baldwin, Martin & Ottaviano 2001), inter-regional migration of urban workers and
 * rural→urban moves within regions. The specification — equations (E1)–(E13), updates
 * (U1)–(U8), the scenario format and the validation targets V1–V13 — is
 * ../shared/design/simulation.md; section numbers below refer to it.
 *
 * Three layers:
 *   closed forms   the break and sustain points, mode eigenvalues and growth steady state
 *                  used by tests and `regcoord simulate --check`;
 *   the kernel     the within-period equilibrium (E9)–(E10) for given state and expenditure;
 *   scenarios      a JSON scenario (regcoord-scenario/1) run period by period into an
 *                  rc_panel (region × year) and a national summary table. */
#ifndef REGCOORD_SIMULATE_H
#define REGCOORD_SIMULATE_H

#include <stddef.h>
#include <stdint.h>
#include "regcoord/error.h"
#include "regcoord/panel.h"
#include "regcoord/table.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- closed forms (§2.8, Appendix A) ------------------------------------------------ */

/* Two-region break point φ_B = (ρ−μ)(1−μ)/((ρ+μ)(1+μ)), ρ = (σ−1)/σ (FKV ch. 5). */
double rc_cp_break_point(double sigma, double mu);
/* Break point of N equidistant regions: (1 − f*)/(1 + (N−1) f*) (P1). */
double rc_cp_break_point_n(double sigma, double mu, size_t n);
/* f* = μ(1+ρ)/(μ²+ρ): a mode with spatial-discounting eigenvalue 0 < f < f* is unstable. */
double rc_cp_f_star(double sigma, double mu);
/* Γ(f) of P1: dω/ω = N Γ(f) dλ along an eigenvector of D = Φ/row sum. */
double rc_cp_mode_gamma(double f, double sigma, double mu);
/* Sustain point of N equidistant regions (N = 2: Krugman's condition): the root in (0, 1)
 * of φ^(μσ/(σ−1)) [(μ + (1−μ)/N) φ + (1−μ)/(Nφ) + (N−2)(1−μ)/N] = 1 other than φ = 1.
 * RC_EUSAGE unless σ > 1, 0 < μ < (σ−1)/σ (no black hole), N ≥ 2. */
int rc_cp_sustain_point(double *phi_s, double sigma, double mu, size_t n, rc_error *err);
/* P2 for any freeness matrix phi (n × n, phi[o*n+d], diagonal 1): with all urban workers in
 * region `core`, omega[d] (may be NULL) receives the real wage every other region would pay
 * and *omega_max their maximum; the core is sustainable iff *omega_max < 1. */
int rc_cp_sustain_check(double *omega_max, double *omega, const double *phi, size_t n,
                        size_t core, double sigma, double mu, rc_error *err);
/* Racetrack eigenvalue f_k = Σ_j r^{d_j} cos(2πkj/K) / Σ_j r^{d_j}, d_j = min(j, K−j). */
double rc_racetrack_f(size_t K, size_t k, double r);
/* Break point r_B of racetrack mode k (1 ≤ k ≤ K/2): the root of f_k(r) = f* in (0, 1). */
int rc_racetrack_break(double *r_b, size_t K, size_t k, double sigma, double mu,
                       rc_error *err);
/* One-region growth block (P6): steady-state capital K* for urban H, rural R, TFP omega,
 * knowledge elasticity phi_k, depreciation delta and saving rate s. */
double rc_growth_steady_capital(double sigma, double mu, double H, double R, double omega,
                                double phi_k, double delta, double s);

/* §7.6 (`regcoord simulate --check`): table "check" with, for 2 and for n equidistant
 * regions (n > 2), phi_break and phi_sustain from the closed forms beside the same points
 * located through the kernel by bisection, and their relative difference. */
int rc_sim_check(rc_table **out, double sigma, double mu, size_t n, rc_error *err);

/* ---- the within-period kernel (E9)–(E10), §7.1 --------------------------------------- */

/* Expenditure E[0..n-1] implied by the wages w (policies, credit); NULL in the problem means
 * E = GDP = w H + R (no transfers, saving = investment in place). */
typedef void (*rc_sim_expenditure_fn)(void *ctx, const double *w, double *E);

typedef struct {
    size_t n;
    double sigma, mu;
    const double *phi;   /* n × n freeness, phi[o*n+d] */
    const double *phi_t; /* its transpose, or NULL when phi is symmetric */
    const double *H, *R, *A;
    double injection;    /* external injections Σ FDI + fund net injection (Walras identity) */
    rc_sim_expenditure_fn expenditure;
    void *ctx;
    double tol;          /* on max |ln ŵ − ln w| (default 1e-10) */
    size_t max_iter;     /* default 10000 */
    double damping;      /* θ in (0, 1] (default 1) */
    size_t anderson;     /* Anderson(m) mixing after 50 iterations; 0 = off (design §7.1) */
} rc_sim_eq_problem;

typedef struct {
    size_t iterations;
    double residual;        /* last max |ln ŵ − ln w| */
    double walras_residual; /* |Σ w H − μ Σ E| / Σ E */
    size_t worst_region;    /* region with the largest last residual */
    size_t anderson_mixed;    /* Anderson steps taken (solver.anderson > 0) … */
    size_t anderson_rejected; /* … and of those, undone by the residual guard */
} rc_sim_eq_info;

/* Solve for the nominal urban wages w (in: start values, e.g. last period's; out: the
 * solution), price indices G and expenditure E (each n doubles). RC_ENUMERIC naming the
 * region with the largest residual after max_iter iterations. Row sums run in a fixed order,
 * so results do not depend on the number of threads. */
int rc_sim_equilibrium(double *w, double *G, double *E, rc_sim_eq_info *info,
                       const rc_sim_eq_problem *pb, rc_error *err);

/* ---- scenarios and runs -------------------------------------------------------------- */

typedef struct rc_sim_scenario rc_sim_scenario;
typedef struct rc_sim_result rc_sim_result;

/* Parse and validate a scenario file (relative file names resolve against its directory).
 * Unknown keys and out-of-range values are RC_EINPUT naming the JSON path. */
int rc_sim_scenario_load(rc_sim_scenario **out, const char *path, rc_error *err);
/* The same from a string; `source` names it in messages. */
int rc_sim_scenario_parse(rc_sim_scenario **out, const char *json, const char *source,
                          rc_error *err);
void rc_sim_scenario_free(rc_sim_scenario *sc);
/* Set a scalar parameter by its JSON name ("spillover.degree", "model.sigma", …) as if the
 * file had given it (a path on that parameter is removed). Range-checked. */
int rc_sim_scenario_set(rc_sim_scenario *sc, const char *param, double value, rc_error *err);
/* Override the number of periods (count ≥ 1) and the seed. */
void rc_sim_scenario_set_periods(rc_sim_scenario *sc, size_t count);
void rc_sim_scenario_set_seed(rc_sim_scenario *sc, uint64_t seed);
/* The seed the scenario's shocks use (the file's, or the one set). */
uint64_t rc_sim_scenario_seed(const rc_sim_scenario *sc);
/* Number of replicates (≥ 1): replicate r draws its shocks from the streams of job r. */
void rc_sim_scenario_set_replicates(rc_sim_scenario *sc, size_t replicates);
/* Progress of rc_sim_run and rc_sim_sweep: fn(ctx, done, total) after every simulated period
 * of every job (total = periods × jobs), called by one thread at a time; it must not touch the
 * run. Progress never changes a number. fn = NULL (the default) reports nothing. */
typedef void (*rc_sim_progress_fn)(void *ctx, size_t done, size_t total);
void rc_sim_scenario_set_progress(rc_sim_scenario *sc, rc_sim_progress_fn fn, void *ctx);
size_t rc_sim_scenario_nregions(const rc_sim_scenario *sc);
size_t rc_sim_scenario_replicates(const rc_sim_scenario *sc);
const char *rc_sim_scenario_name(const rc_sim_scenario *sc);
/* A warning about the scenario (e.g. the "black hole" condition μ ≥ (σ−1)/σ), or NULL. */
const char *rc_sim_scenario_warning(const rc_sim_scenario *sc);
/* The scenario's σ and μ (base values, before paths). */
double rc_sim_scenario_sigma(const rc_sim_scenario *sc);
double rc_sim_scenario_mu(const rc_sim_scenario *sc);

/* Run the scenario. Nothing partial is returned: on failure *out is NULL. */
int rc_sim_run(rc_sim_result **out, const rc_sim_scenario *sc, rc_error *err);
void rc_sim_result_free(rc_sim_result *res);
/* The simulated panel: regions × years with the variables of §4.1 (borrowed; valid until
 * the result is freed). */
const rc_panel *rc_sim_result_panel(const rc_sim_result *res);
/* The national summary of §4.2 as a tidy table "summary" (one row per period; borrowed). The
 * panel and the summary are those of replicate 0. */
const rc_table *rc_sim_result_summary(const rc_sim_result *res);
/* With replicates > 1: table "replicates" (period, year, statistic, mean, sd, q05, q50, q95)
 * over all replicates, for theil_t_w, gini_w, cv and mean_real_income; NULL otherwise.
 * Replicates run in parallel, each on one thread, with the streams of job r: the table does
 * not depend on the thread count. */
const rc_table *rc_sim_result_replicates(const rc_sim_result *res);

/* One axis of a sweep: a parameter (any name rc_sim_scenario_set takes, or regions.<id>.tfp /
 * policies.<id>.<field>) and its values. */
typedef struct {
    const char *param;
    const double *values;
    size_t n;
} rc_sim_axis;

/* Replicates first … end−1 of the scenario, unreduced (a shard for a batch scheduler, design
 * §8): table "replicate_runs" with replicate, replicates (R), period, year, statistic, value
 * for theil_t_w, gini_w, cv and mean_real_income. Replicate r uses the streams of job r, as in rc_sim_run. */
int rc_sim_replicate_runs(rc_table **out, const rc_sim_scenario *sc, size_t first, size_t end,
                          rc_error *err);
/* Merge shards (files written from rc_sim_replicate_runs tables, any order) into the table
 * "replicates": the one rc_sim_run gives, bit for bit, when the shards hold replicates
 * 0 … R−1 once each with the same periods; gaps, repeats and disagreements are errors naming
 * the file and line. */
int rc_sim_replicates_merge(rc_table **out, const char *const *paths, size_t npaths,
                            rc_error *err);

/* A parameter sweep over the grid of the axes (one axis: a plain sweep; the last axis varies
 * fastest): the scenario run once per point, jobs in parallel (OpenMP; each job on one thread;
 * point g draws its shocks from the streams of job g·replicates, so the numbers do not depend
 * on the thread count). Table "sweep": with one axis parameter, parameter_value, statistic,
 * value; with several, point, one column per parameter, statistic, value; the statistics are
 * the final-period gap indices (theil_t_w, theil_l_w, gini_w, cv, williamson),
 * mean_real_income, and peak_theil_t_w with peak_period. *best (may be NULL) receives the
 * point with the smallest final theil_t_w (the first one on ties). At most 10^6 points. */
int rc_sim_sweep_grid(rc_table **out, size_t *best, const rc_sim_scenario *sc,
                      const rc_sim_axis *axes, size_t naxes, rc_error *err);
/* Points first … end−1 of the grid only (a shard for a batch scheduler: design §8); the rows
 * are those of the whole sweep, so shards concatenated in order give its table. */
int rc_sim_sweep_jobs(rc_table **out, size_t *best, const rc_sim_scenario *sc,
                      const rc_sim_axis *axes, size_t naxes, size_t first, size_t end,
                      rc_error *err);
/* One axis: *best (may be NULL) receives the value with the smallest final theil_t_w. */
int rc_sim_sweep(rc_table **out, double *best, const rc_sim_scenario *sc, const char *param,
                 const double *values, size_t nvalues, rc_error *err);
/* "PARAM=A:B:STEP" into a name and the values A, A+STEP, …, B (malloc'ed; free both). */
int rc_sim_parse_sweep(char **param, double **values, size_t *nvalues, const char *spec,
                       rc_error *err);
/* Free axes whose param and values were malloc'ed (rc_sim_parse_sweep's). */
void rc_sim_axes_free(rc_sim_axis *axes, size_t naxes);
/* The scenario file's own "sweep" block: its axes (borrowed; 0 when it has none). */
size_t rc_sim_scenario_sweep(const rc_sim_scenario *sc, const rc_sim_axis **axes);

/* The panel as a long table "panel": region, group, period, year, then every variable. */
int rc_sim_panel_table(rc_table **out, const rc_panel *p, int year0, rc_error *err);
/* output.every of the scenario (1 when absent). */
size_t rc_sim_scenario_output_every(const rc_sim_scenario *sc);
/* The rows of a table with a "period" column whose period is the first, the last, or
 * first + a multiple of `every` (output.every: thinner files of long runs). */
int rc_sim_thin(rc_table **out, const rc_table *t, size_t every, rc_error *err);

/* ---- stages (§4.3) ------------------------------------------------------------------- */

typedef struct {
    size_t window;   /* h = 5 */
    double floor;    /* D_f = 1e-4 */
    double takeoff;  /* ρ_up = 0.02 */
    double drop;     /* q = 0.10 */
    double end_frac; /* q_end = 0.25 */
} rc_stage_params;

void rc_stage_params_default(rc_stage_params *p);
/* Classify the gap series D[0..T-1] online into stages 1–4 (stage[t]); *t_peak receives the
 * time of the confirmed peak (T if none). */
void rc_sim_stages(int *stage, size_t *t_peak, const double *D, size_t T,
                   const rc_stage_params *p);
const char *rc_sim_stage_name(int stage);

#ifdef __cplusplus
}
#endif
#endif
