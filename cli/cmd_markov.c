/* cmd_markov.c — `regcoord markov`: classic and spatial Markov chains of relative income. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "convergence_table.h"

static const rc_cli_doc doc = {
    "markov",
    "Classic and spatial Markov chains of relative income: transitions, steady state, passage times.",
    "DATA --value VAR [--classes K] [--quantiles pooled|per-year | --cuts LIST] [--weights GAL] [options]",
    "Relative income y / (cross-section mean of the year; population-weighted with --pop) is\n"
    "cut into K classes\n"
    "(default 5, numbered from 0 = lowest): pooled quantiles over all regions and years by\n"
    "default (type-7 percentiles, classes (b_{c-1}, b_c], as mapclassify; tied bounds merge\n"
    "classes, with a note), --quantiles per-year (giddy's documented US example), or --cuts\n"
    "0.6,0.8,1.0,1.2 (classes (-inf,0.6], (0.6,0.8], ..., (1.2,inf)). --levels classifies y\n"
    "itself. Transitions are counted between consecutive years of the panel.\n"
    "With --weights FILE.gal the spatial Markov chain (Rey 2001) is added: the spatial lag of\n"
    "relative income (row-standardised contiguity) is cut into --lag-classes M pooled\n"
    "quantile classes (default 5), and one chain is estimated per lag class at the start year;\n"
    "--table tests gives the Q and LR homogeneity tests (Bickenbach & Bode 2003, as giddy).\n"
    "Regions without neighbours are refused unless --islands zero-lag (giddy) or drop.\n"
    "Tables (--table): transitions (default) lag_class,from,to,count,probability; steady\n"
    "lag_class,class,probability; mfpt lag_class,from,to,mfpt (mean first passage time, the\n"
    "diagonal is the mean recurrence time, Inf when never reached for sure); sojourn\n"
    "lag_class,class,sojourn; tests statistic,value,dof,p_value; bounds kind,class,upper_bound;\n"
    "all (every table: with -o DIR/ or -o FILE.xlsx). lag_class is 'all' for the classic chain.\n"
    "In text format the transitions are printed as k x k matrices. A class never observed at a\n"
    "start year is an empty row (zero in P, a self-loop for the steady state, with a note);\n"
    "a reducible chain gets one steady state per closed set (lag_class 'all/1', 'all/2', ...)\n"
    "and its transient classes are named. Regions with a missing value are dropped (named).\n"
    "Formulas: ../shared/methods/02-convergence.md §§6-7.",
    "  regcoord markov tests/data/us_income/usjoin.csv --wide pcincome --region STATE_FIPS \\\n"
    "      --quantiles per-year --table steady\n"
    "  regcoord markov us_states_income_panel.csv --value pcincome \\\n"
    "      --weights states48_queen_fips.gal --table tests\n"
    "  regcoord markov china_provinces_panel.csv --value gdp_pc --years 1978:2019 \\\n"
    "      --cuts 0.6,0.8,1.0,1.2 --weights geo/china_provinces_queen.gal --islands drop -o out/",
};

int rc_cmd_markov(int argc, char **argv)
{
    rc_cli_common c;
    rc_cli_common_init(&c);
    rc_markov_request req;
    rc_markov_request_init(&req);
    const char *quantiles = "pooled", *table = "transitions";
    long k = 5, m = 5;
    const rc_cli_option opts[] = {
        RC_CLI_DATA_OPTIONS(&c),
        {"value", 0, RC_OPT_STR, &req.value, "VAR", "income variable (required)"},
        {"pop", 0, RC_OPT_STR, &req.pop, "VAR", "relative to the population-weighted mean of the year"},
        {"classes", 'k', RC_OPT_INT, &k, "K", "number of classes (default 5)"},
        {"quantiles", 0, RC_OPT_STR, &quantiles, "KIND", "pooled (default) or per-year quantile classes"},
        {"cuts", 0, RC_OPT_STR, &req.cuts, "LIST", "class cut-offs of relative income instead of quantiles"},
        {"levels", 0, RC_OPT_FLAG, &req.levels, NULL, "classify the values, not relative income"},
        {"weights", 'w', RC_OPT_STR, &req.weights, "GAL", "contiguity for the spatial Markov chain: FILE.gal or gal:FILE"},
        {"lag-classes", 0, RC_OPT_INT, &m, "M", "classes of the spatial lag (default 5)"},
        {"islands", 0, RC_OPT_STR, &req.islands, "POLICY", "refuse (default), zero-lag or drop"},
        {"table", 0, RC_OPT_STR, &table, "NAME", "transitions (default), steady, mfpt, sojourn, tests, bounds, all"},
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
        return rc_cli_usage_error("markov needs --value VAR (the income variable)");
    if (strcmp(quantiles, "pooled") && strcmp(quantiles, "per-year"))
        return rc_cli_usage_error("--quantiles must be pooled or per-year, not '%s'", quantiles);
    if (strcmp(req.islands, "refuse") && strcmp(req.islands, "zero-lag") && strcmp(req.islands, "drop"))
        return rc_cli_usage_error("--islands must be refuse, zero-lag or drop, not '%s'", req.islands);
    static const char *const names[] = {"transitions", "steady", "mfpt", "sojourn", "tests", "bounds", "all"};
    size_t which = 0;
    while (which < 7 && strcmp(table, names[which]))
        which++;
    if (which == 7)
        return rc_cli_usage_error("--table must be transitions, steady, mfpt, sojourn, tests, bounds or all");
    if (which == 4 && !req.weights)
        return rc_cli_usage_error("--table tests compares the spatial chains: it needs --weights FILE.gal");
    if (k < 2 || k > 64 || m < 2 || m > 64)
        return rc_cli_usage_error("--classes and --lag-classes must be between 2 and 64");
    if (req.cuts && !strcmp(quantiles, "per-year"))
        return rc_cli_usage_error("--cuts and --quantiles per-year exclude each other");
    req.k = (size_t)k;
    req.m = (size_t)m;
    req.per_year = !strcmp(quantiles, "per-year");
    rc_panel *p;
    if ((code = rc_cli_load_panel(&c, data, &p)) != 0)
        return code;
    rc_markov_tables mt;
    code = rc_markov_tables_build(&mt, p, &req, &c);
    rc_panel_free(p);
    if (code)
        return code;
    rc_table *all[6] = {mt.transitions, mt.steady, mt.mfpt, mt.sojourn, mt.tests, mt.bounds};
    if (which == 6) {
        const rc_table *present[6];
        size_t np = 0;
        for (size_t j = 0; j < 6; j++)
            if (all[j]) /* tests exists only with --weights */
                present[np++] = all[j];
        code = rc_cli_emit_all(&c, present, np);
    } else if (which == 0 && c.fmt == RC_FORMAT_TEXT) {
        /* Text: one readable k × k matrix per chain. */
        rc_table **mats = calloc(mt.nchains, sizeof *mats);
        rc_error err;
        int rc = mats ? RC_OK : rc_error_set(&err, RC_ENOMEM, "out of memory");
        for (size_t ch = 0; ch < mt.nchains && rc == RC_OK; ch++)
            rc = rc_markov_matrix_table(&mats[ch], &mt, ch, &err);
        code = rc == RC_OK ? rc_cli_emit_all(&c, (const rc_table *const *)mats, mt.nchains) : rc_cli_fail(&err);
        for (size_t ch = 0; mats && ch < mt.nchains; ch++)
            rc_table_free(mats[ch]);
        free(mats);
    } else {
        code = rc_cli_emit(&c, all[which]);
    }
    rc_markov_tables_free(&mt);
    return code;
}
