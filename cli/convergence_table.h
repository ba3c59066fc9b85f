/* convergence_table.h — the convergence analyses as tidy tables, shared by the convergence,
 * markov and clubs commands and the report (so all print the same numbers). */
#ifndef REGCOORD_CONVERGENCE_TABLE_H
#define REGCOORD_CONVERGENCE_TABLE_H

#include <stddef.h>

#include "cli.h"
#include "regcoord/convergence.h"

typedef enum { RC_BETA_NONE, RC_BETA_CROSS, RC_BETA_PANEL } rc_beta_kind;

typedef struct {
    const char *value, *pop;
    const char *controls;  /* comma list of variables, NULL = absolute convergence */
    const char *period;    /* "A:B" growth period of the cross-section (default: first:last) */
    rc_beta_kind beta;
    size_t window;         /* panel: growth over non-overlapping windows of this many years */
    int twoways;           /* panel: add period effects */
    rc_vcov vcov;
    int sd_sample;         /* σ with divisor n − 1 */
    int total_growth;      /* cross-section: ln(y_B / y_A) instead of the annualised growth */
} rc_convergence_request;

void rc_convergence_request_init(rc_convergence_request *req);

/* year,statistic,value,std_error,t,p_value: per year sigma_sd_log, sigma_cv (and sigma_cv_w
 * with a population); then, in the last year, sigma_trend (slope of sigma_sd_log on the
 * year) and sigma_f (variance-ratio test first vs last year); then in the end year of the
 * growth period beta, beta_const (cross-section), gamma_<control>, speed, half_life (only
 * when defined), r2, n_obs. Regions with a missing value in any year used are dropped
 * (listwise, named on stderr). Returns 0 or an exit code (error already printed). */
int rc_convergence_table(rc_table **out, const rc_panel *p, const rc_convergence_request *req,
                         const rc_cli_common *c);

/* Keep the regions complete in every variable vars[0..nv-1] over all years of p; the others
 * are named on stderr (listwise deletion). */
int rc_conv_listwise(rc_panel **out, const rc_panel *p, const size_t *vars, size_t nv,
                     const rc_cli_common *c, rc_error *err);
/* RC_EINPUT naming region and year of the first value of v that is not > 0; what says who
 * needs it ("convergence (logs)"). */
int rc_conv_check_positive(const rc_panel *p, size_t v, const char *what, rc_error *err);

/* ---- Markov chains (cli/markov_table.c) ------------------------------------------------ */

typedef struct {
    const char *value;
    const char *pop;        /* relative to the population-weighted mean (NULL: unweighted) */
    const char *weights;    /* GAL file: adds the spatial Markov chain (NULL: classic only) */
    const char *cuts;       /* comma list of cut-offs of relative income (NULL: quantiles) */
    const char *islands;    /* "refuse" (default), "zero-lag" or "drop" */
    size_t k, m;            /* classes of income and of the spatial lag (default 5, 5) */
    int per_year;           /* quantiles recomputed each year instead of pooled */
    int levels;             /* classify y itself rather than y / cross-section mean */
} rc_markov_request;

void rc_markov_request_init(rc_markov_request *req);

/* Every table the markov command can print (NULL when not computed):
 *   transitions  lag_class,from,to,count,probability   (lag_class "all" = classic chain)
 *   steady       lag_class,class,probability           ("all/2" … for a second closed class)
 *   mfpt         lag_class,from,to,mfpt
 *   sojourn      lag_class,class,sojourn
 *   tests        statistic,value,dof,p_value           (Q and LR; spatial chain only)
 *   bounds       kind,class,upper_bound                (pooled quantiles and cut-offs)
 * lag_class is "all" or the lag class number 0 … m − 1; classes are numbered from 0. */
typedef struct {
    rc_table *transitions, *steady, *mfpt, *sojourn, *tests, *bounds;
    size_t k, m;        /* classes actually used (duplicate quantiles shrink them) */
    size_t nchains;     /* 1 + m with weights */
} rc_markov_tables;

int rc_markov_tables_build(rc_markov_tables *out, const rc_panel *p, const rc_markov_request *req,
                           const rc_cli_common *c);
void rc_markov_tables_free(rc_markov_tables *t);

/* The transition probabilities of chain `chain` (0 = classic) as a readable k × k matrix
 * table: from, n (observations), then one column per destination class. */
int rc_markov_matrix_table(rc_table **out, const rc_markov_tables *t, size_t chain, rc_error *err);

/* ---- Phillips–Sul clubs (cli/clubs_table.c) -------------------------------------------- */

typedef struct {
    const char *value;
    int filter;             /* 1: HP trend of ln y (default); 0: ln y as is */
    double lambda;          /* HP smoothing (400) */
    rc_clubs_options opt;
    /* NULL (default): every failure is an error. Set: when the log t test refuses the data
     * (RC_EINPUT, a cross-section mean of ln y ≤ 0), the reason goes here and the tables stay
     * empty, so that a caller such as the report can leave the analysis out and say why. */
    rc_error *refused;
} rc_clubs_request;

void rc_clubs_request_init(rc_clubs_request *req);

/* clubs    club,size,beta,std_error,t,flag   ("all" first, clubs 1, 2, … in the order
 *          formed, then "divergent"; flag "converges" or "rejected" at t ≤ −1.65)
 * members  club,region
 * paths    club,year,path  (mean relative transition path h_it = X_it / mean_j X_jt) */
typedef struct {
    rc_table *clubs, *members, *paths;
} rc_clubs_tables;

int rc_clubs_tables_build(rc_clubs_tables *out, const rc_panel *p, const rc_clubs_request *req,
                          const rc_cli_common *c);
void rc_clubs_tables_free(rc_clubs_tables *t);

#endif
