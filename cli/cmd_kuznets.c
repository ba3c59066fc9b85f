/* cmd_kuznets.c — `regcoord kuznets`: inverse-U relation between development and the regional
 * gap, with turning point, Fieller interval and Lind–Mehlum U test (kuznets_table.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "kuznets_table.h"

static const rc_cli_doc doc = {
    "kuznets",
    "Inverse-U relation between development and the regional gap (Kuznets/Williamson).",
    "DATA --value VAR [--pop VAR] [--gap INDEX] [--group COL] [--gap-var VAR --fe KIND] [options]",
    "For every year the gap index (--gap, default theil_t_w with --pop, theil_t without) is\n"
    "computed over the regions by the disparity kernels, and the per-capita level as\n"
    "Σ pop·value / Σ pop (the plain mean without --pop). Then OLS of\n"
    "  gap = α + β1 ln_level + β2 ln_level² + ε\n"
    "with the turning point x* = −β1/(2β2), y* = exp(x*) (in the units of --value), its\n"
    "delta-method standard error and Fieller interval (--alpha, default 0.05; critical value\n"
    "t with the residual df, or --fieller-dist normal), and the Lind–Mehlum U test of the\n"
    "slopes at both ends of [--interval A:B] in ln units (default: the observed range), as R's\n"
    "utest: shape from the sign of β2, t = min(t_low, −t_high) for an inverse U, p = P(T > t).\n"
    "When both slopes have the same sign the extremum lies outside the interval\n"
    "(extremum_outside_interval = 1, p ≥ 0.5). --group COL fits each group's own series too.\n"
    "--controls VARS adds each control's yearly mean over the same regions (weighted by --pop).\n"
    "Panel form: --gap-var VAR regresses a region-year gap variable on ln(--value) and its\n"
    "square over all region-years (controls as they are), with --fe region|year|twoway.\n"
    "--se classic (default) or hc1 (panel form also cluster).\n"
    "Tables: coefficients (group,term,estimate,std_error,t,p_value), turning_point\n"
    "(group,statistic,value: n, df_resid, r2, r2_adj, shape = 1 inverse U / −1 U / 0 neither,\n"
    "x_star, y_star, se_x_star, inside_range, fieller_low, fieller_high, fieller_bounded (0: the\n"
    "set is unbounded — outside [low, high], a half-line or the whole line), x_low, x_high,\n"
    "slope_low, t_low, p_low, slope_high, t_high, p_high (P(T > |t|) as uslopes), u_test_t,\n"
    "u_test_p, extremum_outside_interval) and series (year,group,region,level,ln_level,gap,\n"
    "fitted,slope,stage: rising_gap where the fitted slope is positive, else falling_gap).\n"
    "--table picks one. Regions missing in a year are left out of that year's index (note on\n"
    "stderr); years with fewer than 2 regions are skipped. Formulas: methods/08-kuznets.md.",
    "  regcoord kuznets china_provinces_panel.csv --value gdp_pc --pop pop --years 1978:2019\n"
    "  regcoord kuznets china_provinces_panel.csv --value gdp_pc --pop pop --gap gini_w \\\n"
    "      --group group --table turning_point --format csv\n"
    "  regcoord kuznets produc.csv --region state --value gsp --gap-var unemp --fe region",
};

int rc_cmd_kuznets(int argc, char **argv)
{
    rc_cli_common c;
    rc_cli_common_init(&c);
    rc_kuznets_request req;
    rc_kuznets_request_init(&req);
    const char *fe = "none", *se = "classic", *dist = "t", *interval = NULL, *table = "all";
    const rc_cli_option opts[] = {
        RC_CLI_DATA_OPTIONS(&c),
        {"value", 0, RC_OPT_STR, &req.value, "VAR", "per-capita level, e.g. GDP per capita (required)"},
        {"pop", 0, RC_OPT_STR, &req.pop, "VAR", "population: weights of the index and the national level"},
        {"gap", 0, RC_OPT_STR, &req.gap, "INDEX", "gap index (default theil_t_w with --pop, else theil_t)"},
        {"group", 0, RC_OPT_STR, &req.group, "COL", "also fit each group's own series"},
        {"gap-var", 0, RC_OPT_STR, &req.gap_var, "VAR", "panel form: region-year gap variable"},
        {"controls", 0, RC_OPT_STR, &req.controls, "VARS", "control variables (yearly means, or region-year values)"},
        {"fe", 0, RC_OPT_STR, &fe, "KIND", "panel form: none (default), region, year, twoway"},
        {"se", 0, RC_OPT_STR, &se, "KIND", "classic (default), hc1; panel form also cluster"},
        {"vcov", 0, RC_OPT_STR, &se, "KIND", "the same as --se (the name methods/08 uses)"},
        {"alpha", 0, RC_OPT_DBL, &req.alpha, "X", "Fieller interval level 1 − X (default 0.05)"},
        {"fieller-dist", 0, RC_OPT_STR, &dist, "D", "critical value of Fieller: t (default) or normal"},
        {"interval", 0, RC_OPT_STR, &interval, "A:B", "U-test interval in ln units (default: observed)"},
        {"table", 0, RC_OPT_STR, &table, "NAME", "all (default), coefficients, turning_point, series"},
        RC_CLI_OUTPUT_OPTIONS(&c),
        RC_CLI_END,
    };
    const char *data;
    int code = rc_cli_parse_data(&doc, opts, &c, argc, argv, &data);
    if (code >= 0)
        return code;
    if (!req.value)
        return rc_cli_usage_error("kuznets needs --value VAR (the per-capita level)");
    rc_error err;
    if (rc_fe_parse(fe, &req.fe, &err) != RC_OK || rc_se_parse(se, &req.se, &err) != RC_OK)
        return rc_cli_fail(&err);
    if (strcmp(dist, "t") && strcmp(dist, "normal"))
        return rc_cli_usage_error("--fieller-dist must be t or normal, not '%s'", dist);
    req.fieller_normal = !strcmp(dist, "normal");
    if (!(req.alpha > 0 && req.alpha < 1))
        return rc_cli_usage_error("--alpha must lie between 0 and 1");
    if (interval) {
        char *end;
        req.x_low = strtod(interval, &end);
        if (*end != ':' || !(req.x_high = strtod(end + 1, &end), *end == '\0') ||
            !(req.x_low < req.x_high))
            return rc_cli_usage_error("--interval must be A:B with A < B (ln units), not '%s'", interval);
    }
    int which = !strcmp(table, "all") ? 3 : !strcmp(table, "coefficients") ? 0
              : !strcmp(table, "turning_point") ? 1 : !strcmp(table, "series") ? 2 : -1;
    if (which < 0)
        return rc_cli_usage_error("--table must be all, coefficients, turning_point or series");
    rc_panel *p;
    if ((code = rc_cli_load_panel(&c, data, &p)) != 0)
        return code;
    rc_table *t[3];
    code = rc_kuznets_tables(&t[0], &t[1], &t[2], p, &req, &c);
    if (code == 0)
        code = which == 3 ? rc_cli_emit_all(&c, (const rc_table *const *)t, 3) : rc_cli_emit(&c, t[which]);
    if (code == 0 || t[0])
        for (int i = 0; i < 3; i++)
            rc_table_free(t[i]);
    rc_panel_free(p);
    return code;
}
