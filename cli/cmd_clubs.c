/* cmd_clubs.c — `regcoord clubs`: Phillips–Sul log t test and convergence clubs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "convergence_table.h"

static const rc_cli_doc doc = {
    "clubs",
    "Phillips-Sul log t convergence test and club clustering (as R ConvergenceClubs).",
    "DATA --value VAR [--merge none|ps|vlt] [--divergent-merge] [--table clubs|members|paths|all] [options]",
    "X_it is the Hodrick-Prescott trend (--lambda, default 400 for annual data) of ln y_it\n"
    "(--filter none: ln y itself). The log t regression of Phillips & Sul (2007) drops the first\n"
    "round(T/3) periods (--time-trim) and uses the fixed quadratic-spectral HAC standard error of\n"
    "their GAUSS code, as ConvergenceClubs; L(t) = ln t (--lt ln-t-plus-1 for the paper's form).\n"
    "Clustering as ConvergenceClubs findClubs: regions ordered by the last period, a core group\n"
    "(largest |t|; --core-rule max for the largest t), sieve with c* = 0 (--cstar); a club whose\n"
    "own t is at or below -1.65 is kept and flagged 'rejected' (--cstar-method incremental:\n"
    "raise c* by 0.1 up to 3 and re-sieve, as ConvergenceClubs; adjust: rebuild from the core\n"
    "adding the best candidate while the club converges, Schnurbus et al. 2017).\n"
    "--order mean-last:F orders by the mean of the last fraction F of the periods (psecta fr).\n"
    "--merge ps|vlt merges adjacent clubs (Phillips & Sul 2009; von Lyncker & Thoennessen\n"
    "2017); --divergent-merge adds divergent regions to clubs (mergeDivergent).\n"
    "Tables (--table): clubs (default) club,size,beta,std_error,t,flag with 'all' (the whole\n"
    "sample) first, clubs 1, 2, ... in the order formed, then 'divergent'; members club,region;\n"
    "paths club,year,path (each club's mean relative transition path X_it / mean_j X_jt); all.\n"
    "Needs a balanced panel: regions with a missing value are dropped (named); y <= 0 is an\n"
    "error, and ln y must be positive on average (choose units with y > 1).\n"
    "Formulas: ../shared/methods/02-convergence.md §§4-5.",
    "  regcoord clubs china_gdp_pc_wide.csv --wide gdp_pc --years 1978:2019\n"
    "  regcoord clubs china_provinces_panel.csv --value gdp_pc --years 1978:2019 --table members\n"
    "  regcoord clubs panel.csv --value gdp_pc --merge ps --divergent-merge --table all -o clubs.xlsx",
};

int rc_cmd_clubs(int argc, char **argv)
{
    rc_cli_common c;
    rc_cli_common_init(&c);
    rc_clubs_request req;
    rc_clubs_request_init(&req);
    const char *filter = "hp", *merge = "none", *core = "abs", *lt = "ln-t", *table = "clubs",
               *cmethod = "fixed", *order = "last";
    int divergent = 0;
    const rc_cli_option opts[] = {
        RC_CLI_DATA_OPTIONS(&c),
        {"value", 0, RC_OPT_STR, &req.value, "VAR", "income variable (required)"},
        {"filter", 0, RC_OPT_STR, &filter, "KIND", "hp (default) or none"},
        {"lambda", 0, RC_OPT_DBL, &req.lambda, "L", "HP smoothing parameter (default 400)"},
        {"time-trim", 0, RC_OPT_DBL, &req.opt.time_trim, "R", "share of first periods dropped (default 1/3)"},
        {"cstar", 0, RC_OPT_DBL, &req.opt.cstar, "C", "sieve threshold (default 0)"},
        {"cstar-method", 0, RC_OPT_STR, &cmethod, "HOW", "fixed (default), incremental or adjust"},
        {"order", 0, RC_OPT_STR, &order, "RULE", "last (default) or mean-last:F"},
        {"core-rule", 0, RC_OPT_STR, &core, "RULE", "abs (largest |t|, default) or max (largest t)"},
        {"lt", 0, RC_OPT_STR, &lt, "FORM", "ln-t (default) or ln-t-plus-1"},
        {"merge", 0, RC_OPT_STR, &merge, "HOW", "none (default), ps or vlt"},
        {"divergent-merge", 0, RC_OPT_FLAG, &divergent, NULL, "add divergent regions to clubs (mergeDivergent)"},
        {"table", 0, RC_OPT_STR, &table, "NAME", "clubs (default), members, paths or all"},
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
        return rc_cli_usage_error("clubs needs --value VAR (the income variable)");
    if (strcmp(filter, "hp") && strcmp(filter, "none"))
        return rc_cli_usage_error("--filter must be hp or none, not '%s'", filter);
    if (!(req.lambda >= 0))
        return rc_cli_usage_error("--lambda must be ≥ 0");
    if (!(req.opt.time_trim >= 0 && req.opt.time_trim < 1))
        return rc_cli_usage_error("--time-trim must be in [0, 1)");
    if (!strcmp(cmethod, "fixed"))
        req.opt.cstar_method = RC_CSTAR_FIXED;
    else if (!strcmp(cmethod, "incremental"))
        req.opt.cstar_method = RC_CSTAR_INCREMENTAL;
    else if (!strcmp(cmethod, "adjust"))
        req.opt.cstar_method = RC_CSTAR_ADJUST;
    else
        return rc_cli_usage_error("--cstar-method must be fixed, incremental or adjust, not '%s'", cmethod);
    if (!strncmp(order, "mean-last:", 10)) {
        char *end;
        req.opt.order_fraction = strtod(order + 10, &end);
        if (*end || !(req.opt.order_fraction > 0 && req.opt.order_fraction <= 1))
            return rc_cli_usage_error("--order mean-last:F needs a fraction 0 < F <= 1, not '%s'", order + 10);
    } else if (strcmp(order, "last")) {
        return rc_cli_usage_error("--order must be last or mean-last:F, not '%s'", order);
    }
    if (strcmp(core, "abs") && strcmp(core, "max"))
        return rc_cli_usage_error("--core-rule must be abs or max, not '%s'", core);
    if (strcmp(lt, "ln-t") && strcmp(lt, "ln-t-plus-1"))
        return rc_cli_usage_error("--lt must be ln-t or ln-t-plus-1, not '%s'", lt);
    if (!strcmp(merge, "none"))
        req.opt.merge = RC_CLUBS_MERGE_NONE;
    else if (!strcmp(merge, "ps"))
        req.opt.merge = RC_CLUBS_MERGE_PS;
    else if (!strcmp(merge, "vlt"))
        req.opt.merge = RC_CLUBS_MERGE_VLT;
    else
        return rc_cli_usage_error("--merge must be none, ps or vlt, not '%s'", merge);
    int which = !strcmp(table, "clubs") ? 0 : !strcmp(table, "members") ? 1 : !strcmp(table, "paths") ? 2
              : !strcmp(table, "all") ? 3 : -1;
    if (which < 0)
        return rc_cli_usage_error("--table must be clubs, members, paths or all, not '%s'", table);
    req.filter = !strcmp(filter, "hp");
    req.opt.core_max_t = !strcmp(core, "max");
    req.opt.lt_plus_1 = !strcmp(lt, "ln-t-plus-1");
    req.opt.merge_divergent = divergent;
    rc_panel *p;
    if ((code = rc_cli_load_panel(&c, data, &p)) != 0)
        return code;
    rc_clubs_tables ct;
    code = rc_clubs_tables_build(&ct, p, &req, &c);
    rc_panel_free(p);
    if (code)
        return code;
    const rc_table *all[3] = {ct.clubs, ct.members, ct.paths};
    code = which == 3 ? rc_cli_emit_all(&c, all, 3) : rc_cli_emit(&c, all[which]);
    rc_clubs_tables_free(&ct);
    return code;
}
