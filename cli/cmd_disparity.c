/* cmd_disparity.c — `regcoord disparity`: gap indices per year with group decompositions. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "disparity_table.h"

static const rc_cli_doc doc = {
    "disparity",
    "Gap indices per year with exact between/within group decompositions.",
    "DATA --value VAR [--pop VAR] [--group COL] [--years A:B] [--stat LIST] [options]",
    "For every year: range ratio, coefficient of variation (cv; divisor n, or n − 1 with\n"
    "--sd sample), Williamson's population-weighted CV (cv_w), Gini (gini, gini_w), Theil T\n"
    "and L (theil_t, theil_l, and the population-weighted theil_t_w, theil_l_w) with exact\n"
    "between/within decompositions by --group and each group's contribution, Atkinson\n"
    "(atkinson_0.5, atkinson_1; --epsilon for others), Hoover, and the Dagum (1997) Gini\n"
    "decomposition (dagum_gini = dagum_within + dagum_between_net + dagum_transvariation,\n"
    "dagum_gini_within per group, dagum_gini_between and dagum_d per pair).\n"
    "The _w forms need --pop: per-capita values weighted by population shares, so Theil T is\n"
    "Σ (Y_i/Y) ln((Y_i/Y)/(P_i/P)) with Y_i = value × pop. Unweighted forms count each region\n"
    "once (PySAL's convention). theil_contribution is S_g·T_g of theil_t_w (theil_t without\n"
    "--pop). hoover is ½Σ|Y_i/Y − P_i/P| (population shares 1/n without --pop).\n"
    "Output: one tidy table year,group,statistic,value; group is 'all' for national figures, a\n"
    "group label, or 'A|B' for a pair. --permutations N adds p_value for the between-group\n"
    "Theil T (values permuted over regions, groups and populations fixed, as PySAL TheilDSim);\n"
    "--bootstrap N adds ci_low, ci_high (percentile intervals, --level, default 0.95).\n"
    "A region with a missing value (or population) in a year is dropped for that year and\n"
    "named on stderr; --balanced keeps only regions complete over the chosen years.\n"
    "Non-positive values where a log is needed are an error naming region and year.\n"
    "Formulas: docs/methods (../shared/methods/01-disparity.md).",
    "  regcoord disparity tests/data/us_income/usjoin.csv --wide pcincome --region STATE_FIPS \\\n"
    "      --regions tests/data/us_income/us48_census_regions.csv --group census_region\n"
    "  regcoord disparity china_provinces_panel.csv --value gdp_pc --pop pop --group group \\\n"
    "      --years 1990:2019 --stat theil_t_w,theil_t_w_between,theil_t_w_within -o theil.csv\n"
    "  regcoord disparity china_provinces_panel.csv --value gdp_pc --group group \\\n"
    "      --permutations 999 --bootstrap 999 --seed 7 --years 2019",
};

int rc_cmd_disparity(int argc, char **argv)
{
    rc_cli_common c;
    rc_cli_common_init(&c);
    rc_disparity_request req;
    rc_disparity_request_init(&req);
    const char *stats = NULL, *epsilon = NULL, *sd = "population";
    long permutations = 0, bootstrap = 0;
    int balanced = 0;
    const rc_cli_option opts[] = {
        RC_CLI_DATA_OPTIONS(&c),
        {"value", 0, RC_OPT_STR, &req.value, "VAR", "per-capita variable (required)"},
        {"pop", 0, RC_OPT_STR, &req.pop, "VAR", "population variable, for the _w indices"},
        {"group", 0, RC_OPT_STR, &req.group, "COL", "grouping column, for decompositions and Dagum"},
        {"stat", 0, RC_OPT_STR, &stats, "LIST", "statistics to report (default: all the inputs allow)"},
        {"epsilon", 0, RC_OPT_STR, &epsilon, "LIST", "Atkinson inequality aversions (default 0.5,1)"},
        {"sd", 0, RC_OPT_STR, &sd, "KIND", "CV divisor: population (n, default) or sample (n − 1)"},
        {"balanced", 0, RC_OPT_FLAG, &balanced, NULL, "keep only regions complete over the chosen years"},
        {"permutations", 0, RC_OPT_INT, &permutations, "N", "permutation p-value of the between-group Theil T"},
        {"bootstrap", 0, RC_OPT_INT, &bootstrap, "N", "bootstrap replicates for percentile intervals"},
        {"level", 0, RC_OPT_DBL, &req.level, "X", "confidence level of the intervals (default 0.95)"},
        RC_CLI_OUTPUT_OPTIONS(&c),
        RC_CLI_END,
    };
    const char *data;
    int code = rc_cli_parse_data(&doc, opts, &c, argc, argv, &data);
    if (code >= 0)
        return code;
    if (!req.value)
        req.value = c.wide; /* a wide table holds just one variable */
    if (!req.value)
        return rc_cli_usage_error("disparity needs --value VAR (the per-capita variable)");
    if (strcmp(sd, "population") && strcmp(sd, "sample"))
        return rc_cli_usage_error("--sd must be population or sample, not '%s'", sd);
    if (permutations < 0 || bootstrap < 0 || bootstrap == 1)
        return rc_cli_usage_error("--permutations must be ≥ 0 and --bootstrap 0 or ≥ 2");
    req.cv_sample = !strcmp(sd, "sample");
    req.balanced = balanced;
    req.permutations = (size_t)permutations;
    req.bootstrap = (size_t)bootstrap;
    req.seed = (uint64_t)c.seed;
    req.stats = stats;
    req.epsilon = epsilon;
    rc_panel *p;
    if ((code = rc_cli_load_panel(&c, data, &p)) != 0)
        return code;
    rc_table *t = NULL;
    code = rc_disparity_table(&t, p, &req, &c);
    if (code == 0)
        code = rc_cli_emit(&c, t);
    rc_table_free(t);
    rc_panel_free(p);
    return code;
}
