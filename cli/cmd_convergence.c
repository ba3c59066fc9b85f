/* cmd_convergence.c — `regcoord convergence`: sigma path and trend, beta convergence. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "convergence_table.h"

static const rc_cli_doc doc = {
    "convergence",
    "Sigma convergence per year and its trend; absolute/conditional, cross-section/panel beta.",
    "DATA --value VAR [--pop VAR] [--beta cross|panel|none] [--period A:B] [--controls LIST] [options]",
    "Sigma: per year the standard deviation of ln y (sigma_sd_log; divisor n, or n − 1 with\n"
    "--sd sample), the CV (sigma_cv) and, with --pop, Williamson's weighted CV (sigma_cv_w).\n"
    "In the last year: sigma_trend, the OLS slope of sigma_sd_log on the year with its\n"
    "standard error, t and two-sided p; sigma_f, the variance-ratio F test of ln y in the first\n"
    "against the last year (R var.test; value F, two-sided p_value).\n"
    "Beta (year = end of the growth period): --beta cross (default) regresses the annualised\n"
    "log growth ln(y_B/y_A)/(B − A) (--growth total: not annualised) on ln y_A (+ --controls\n"
    "measured in year A) over --period A:B (default: first to last year); --beta panel fits the\n"
    "fixed-effects model ln y_{t+K} − ln y_t = α_i (+ δ_t with --effect twoways) + β ln y_t\n"
    "(+ controls at t) over non-overlapping windows of --window K years (default 1).\n"
    "Rows: beta, beta_const (cross-section), gamma_<control>, speed b and half_life ln 2 / b\n"
    "(b = −ln(1 + βT)/T; reported only when β < 0 and 1 + βT > 0), r2 (within R² for the\n"
    "panel), n_obs. --vcov classic (default), hc0, hc1 (cross-section, White / Stata robust),\n"
    "arellano or sss (panel, clustered by region as plm vcovHC HC0 / sss).\n"
    "Output: year,statistic,value,std_error,t,p_value. Regions with a missing value of a\n"
    "variable used in any chosen year are dropped (listwise) and named on stderr; values ≤ 0\n"
    "are an error naming region and year. Formulas: ../shared/methods/02-convergence.md §§1–3.",
    "  regcoord convergence china_provinces_panel.csv --value gdp_pc --pop pop\n"
    "  regcoord convergence china_provinces_panel.csv --value gdp_pc --period 1990:2019 --vcov hc1\n"
    "  regcoord convergence us_states_produc_panel.csv --value gsp_pc --beta panel --window 4 \\\n"
    "      --controls unemp --vcov arellano -o beta.csv",
};

static int parse_vcov(const char *s, rc_vcov *v)
{
    static const struct {
        const char *name;
        rc_vcov v;
    } names[] = {{"classic", RC_VCOV_CLASSIC}, {"hc0", RC_VCOV_HC0}, {"hc1", RC_VCOV_HC1},
                 {"arellano", RC_VCOV_CLUSTER}, {"sss", RC_VCOV_CLUSTER_SSS}};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        if (!strcmp(s, names[k].name)) {
            *v = names[k].v;
            return 0;
        }
    return rc_cli_usage_error("--vcov must be classic, hc0, hc1, arellano or sss, not '%s'", s);
}

int rc_cmd_convergence(int argc, char **argv)
{
    rc_cli_common c;
    rc_cli_common_init(&c);
    rc_convergence_request req;
    rc_convergence_request_init(&req);
    const char *beta = "cross", *vcov = "classic", *sd = "population", *growth = "annual",
               *effect = "individual";
    long window = 1;
    const rc_cli_option opts[] = {
        RC_CLI_DATA_OPTIONS(&c),
        {"value", 0, RC_OPT_STR, &req.value, "VAR", "per-capita variable (required)"},
        {"pop", 0, RC_OPT_STR, &req.pop, "VAR", "population variable, for sigma_cv_w"},
        {"beta", 0, RC_OPT_STR, &beta, "KIND", "cross (default), panel or none"},
        {"period", 0, RC_OPT_STR, &req.period, "A:B", "cross-section growth period (default: first:last year)"},
        {"controls", 0, RC_OPT_STR, &req.controls, "LIST", "control variables: conditional convergence"},
        {"window", 0, RC_OPT_INT, &window, "K", "panel: growth over non-overlapping K-year windows (default 1)"},
        {"effect", 0, RC_OPT_STR, &effect, "KIND", "panel: individual (default) or twoways"},
        {"vcov", 0, RC_OPT_STR, &vcov, "KIND", "classic (default), hc0, hc1, arellano, sss"},
        {"growth", 0, RC_OPT_STR, &growth, "KIND", "annual (default) or total log growth"},
        {"sd", 0, RC_OPT_STR, &sd, "KIND", "sigma divisor: population (n, default) or sample (n − 1)"},
        RC_CLI_OUTPUT_OPTIONS(&c),
        RC_CLI_END,
    };
    const char *data;
    int code = rc_cli_parse_data(&doc, opts, &c, argc, argv, &data);
    if (code >= 0)
        return code;
    if (!req.value)
        req.value = c.wide;
    if (!req.value)
        return rc_cli_usage_error("convergence needs --value VAR (the per-capita variable)");
    if (!strcmp(beta, "cross"))
        req.beta = RC_BETA_CROSS;
    else if (!strcmp(beta, "panel"))
        req.beta = RC_BETA_PANEL;
    else if (!strcmp(beta, "none"))
        req.beta = RC_BETA_NONE;
    else
        return rc_cli_usage_error("--beta must be cross, panel or none, not '%s'", beta);
    if ((code = parse_vcov(vcov, &req.vcov)) != 0)
        return code;
    if (strcmp(sd, "population") && strcmp(sd, "sample"))
        return rc_cli_usage_error("--sd must be population or sample, not '%s'", sd);
    if (strcmp(growth, "annual") && strcmp(growth, "total"))
        return rc_cli_usage_error("--growth must be annual or total, not '%s'", growth);
    if (strcmp(effect, "individual") && strcmp(effect, "twoways"))
        return rc_cli_usage_error("--effect must be individual or twoways, not '%s'", effect);
    if (window < 1)
        return rc_cli_usage_error("--window must be at least 1 year");
    if (req.beta == RC_BETA_PANEL && req.period)
        return rc_cli_usage_error("--period is for --beta cross; restrict the panel with --years A:B");
    req.sd_sample = !strcmp(sd, "sample");
    req.total_growth = !strcmp(growth, "total");
    req.twoways = !strcmp(effect, "twoways");
    req.window = (size_t)window;
    rc_panel *p;
    if ((code = rc_cli_load_panel(&c, data, &p)) != 0)
        return code;
    rc_table *t = NULL;
    code = rc_convergence_table(&t, p, &req, &c);
    if (code == 0)
        code = rc_cli_emit(&c, t);
    rc_table_free(t);
    rc_panel_free(p);
    return code;
}
