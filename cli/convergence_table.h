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

#endif
