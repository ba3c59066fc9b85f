/* cmd_regress.c — `regcoord regress`: OLS and panel fixed-effects regressions with classic,
 * HC1 or cluster-robust standard errors (src/measures/regress.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "regcoord/model_frame.h"
#include "regcoord/regress.h"

static const rc_cli_doc doc = {
    "regress",
    "OLS and panel fixed-effects regression with classic, HC1 or cluster-robust errors.",
    "DATA --y TERM --x TERMS [--fe none|region|year|twoway] [--se classic|hc1|cluster] [options]",
    "Regresses --y on the comma-separated --x terms over all region-years (a term is a\n"
    "variable or log(NAME)). Without --fe the model has an intercept, reported as\n"
    "(Intercept); --fe region|year|twoway uses the within transformation instead (no\n"
    "intercept; two-way effects are exact for unbalanced panels).\n"
    "--se classic: σ̂²(X'X)⁻¹ (R summary.lm / summary.plm); hc1: White with n/(n−k) (R\n"
    "sandwich::vcovHC type HC1; plm white1 HC1 under --fe); cluster: by region with Stata's\n"
    "factor G/(G−1)·(n−1)/(n−k) (plm::vcovHC method arellano, type sss), or without it with\n"
    "--cluster-type hc0 (plm's default). k counts the estimated coefficients (for --fe only\n"
    "the slopes). p-values: t with the residual df.\n"
    "Output: term,estimate,std_error,t,p_value; --table fit gives statistic,value with n,\n"
    "r2, r2_adj (with --fe those of the dummy-variable model), r2_within (R² of the demeaned\n"
    "regression, plm's; NA without --fe), f (all slopes, classic) and df_resid; --table all\n"
    "gives both. Rows with a missing value in any model variable are dropped (count on\n"
    "stderr); a collinear term is an error naming it.",
    "  regcoord regress tests/data/produc/produc.csv --region state --y 'log(gsp)' \\\n"
    "      --x 'log(pcap),log(pc),log(emp),unemp' --fe twoway --se cluster\n"
    "  regcoord regress china_provinces_panel.csv --y gdp_pc --x fai,trade --years 2000:2017 \\\n"
    "      --se hc1 --table fit --format csv",
};

static int coef_table(rc_table **out, const rc_ols_result *r, const rc_model_frame *mf,
                      rc_error *err)
{
    static const char *const cols[] = {"term", "estimate", "std_error", "t", "p_value"};
    int rc = rc_table_new(out, "coefficients", err);
    for (int c = 0; c < 5 && rc == RC_OK; c++)
        rc = rc_table_add_column(*out, cols[c], c ? RC_COL_DBL : RC_COL_STR, NULL, err);
    for (size_t j = 0; j < r->k && rc == RC_OK; j++) {
        const char *term = r->intercept ? (j ? mf->names[j - 1] : "(Intercept)") : mf->names[j];
        rc = rc_table_append(*out, err, "sdddd", term, r->coef[j], r->se[j], r->t[j], r->p[j]);
    }
    return rc;
}

static int fit_table(rc_table **out, const rc_ols_result *r, rc_error *err)
{
    int rc = rc_table_new(out, "fit", err);
    if (rc == RC_OK)
        rc = rc_table_add_column(*out, "statistic", RC_COL_STR, NULL, err);
    if (rc == RC_OK)
        rc = rc_table_add_column(*out, "value", RC_COL_DBL, NULL, err);
    const char *names[] = {"n", "r2", "r2_adj", "r2_within", "f", "df_resid"};
    double vals[] = {(double)r->n, r->r2, r->r2_adj, r->r2_within, r->f, (double)r->df_resid};
    for (int i = 0; i < 6 && rc == RC_OK; i++)
        rc = rc_table_append(*out, err, "sd", names[i], vals[i]);
    return rc;
}

int rc_cmd_regress(int argc, char **argv)
{
    rc_cli_common c;
    rc_cli_common_init(&c);
    const char *y = NULL, *x = NULL, *fe_text = "none", *se_text = "classic",
               *cluster_type = "sss", *table = "coef";
    const rc_cli_option opts[] = {
        RC_CLI_DATA_OPTIONS(&c),
        {"y", 0, RC_OPT_STR, &y, "TERM", "dependent variable, NAME or log(NAME) (required)"},
        {"x", 0, RC_OPT_STR, &x, "TERMS", "comma-separated regressors (required)"},
        {"fe", 0, RC_OPT_STR, &fe_text, "KIND", "fixed effects: none (default), region, year, twoway"},
        {"se", 0, RC_OPT_STR, &se_text, "KIND", "standard errors: classic (default), hc1, cluster"},
        {"cluster-type", 0, RC_OPT_STR, &cluster_type, "KIND",
         "small-sample factor of --se cluster: sss (default, Stata/plm) or hc0"},
        {"table", 0, RC_OPT_STR, &table, "NAME", "coef (default), fit or all"},
        RC_CLI_OUTPUT_OPTIONS(&c),
        RC_CLI_END,
    };
    const char *data;
    int code = rc_cli_parse_data(&doc, opts, &c, argc, argv, &data);
    if (code >= 0)
        return code;
    if (!y || !x)
        return rc_cli_usage_error("regress needs --y TERM and --x TERMS");
    rc_error err;
    rc_fe_kind fe;
    rc_se_kind se;
    if (rc_fe_parse(fe_text, &fe, &err) != RC_OK || rc_se_parse(se_text, &se, &err) != RC_OK)
        return rc_cli_fail(&err);
    if (strcmp(cluster_type, "sss") && strcmp(cluster_type, "hc0"))
        return rc_cli_usage_error("--cluster-type must be sss or hc0, not '%s'", cluster_type);
    if (se == RC_SE_CLUSTER && !strcmp(cluster_type, "hc0"))
        se = RC_SE_CLUSTER_HC0;
    int want_coef = !strcmp(table, "coef") || !strcmp(table, "all");
    int want_fit = !strcmp(table, "fit") || !strcmp(table, "all");
    if (!want_coef && !want_fit)
        return rc_cli_usage_error("--table must be coef, fit or all, not '%s'", table);
    char **terms;
    size_t nterms;
    if (rc_cli_split_list(x, &terms, &nterms) != 0 || nterms == 0)
        return rc_cli_usage_error("--x needs at least one term");
    rc_panel *p;
    if ((code = rc_cli_load_panel(&c, data, &p)) != 0) {
        rc_cli_free_list(terms, nterms);
        return code;
    }
    rc_model_frame mf = {0};
    rc_ols_result r = {0};
    rc_table *tc = NULL, *tf = NULL;
    int rc = rc_model_frame_build(&mf, p, y, (const char *const *)terms, nterms, &err);
    if (rc == RC_OK && mf.dropped)
        rc_cli_note(&c, "%zu of %zu region-years dropped for a missing value in a model variable",
                    mf.dropped, mf.dropped + mf.n);
    if (rc == RC_OK) {
        rc_ols_spec s = {.n = mf.n, .k = mf.k, .y = mf.y, .x = mf.x,
                         .names = (const char *const *)mf.names, .intercept = 1, .fe = fe,
                         .se = se, .region = mf.region, .year = mf.year,
                         .nregions = rc_panel_nregions(p), .nyears = rc_panel_nyears(p)};
        rc = rc_ols_fit(&r, &s, &err);
    }
    if (rc == RC_OK && want_coef)
        rc = coef_table(&tc, &r, &mf, &err);
    if (rc == RC_OK && want_fit)
        rc = fit_table(&tf, &r, &err);
    if (rc != RC_OK) {
        code = rc_cli_fail(&err);
    } else if (want_coef && want_fit) {
        const rc_table *all[2] = {tc, tf};
        code = rc_cli_emit_all(&c, all, 2);
    } else {
        code = rc_cli_emit(&c, want_coef ? tc : tf);
    }
    rc_table_free(tc);
    rc_table_free(tf);
    rc_ols_free(&r);
    rc_model_frame_free(&mf);
    rc_panel_free(p);
    rc_cli_free_list(terms, nterms);
    return code;
}
