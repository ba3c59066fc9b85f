/* cmd_coordinate.c — `regcoord coordinate`: index system → weights → subsystem scores →
 * coupling coordination degree with grades → obstacle degrees. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "coordinate_table.h"

static const rc_cli_doc doc = {
    "coordinate",
    "Coupling coordination of subsystems: entropy/CRITIC weights, scores, TOPSIS, C, D, grades, obstacles.",
    "DATA --system SYSTEM.csv [--years A:B] [--weights-method M] [--coupling wang|classic] "
    "[--table NAME] [options]",
    "SYSTEM.csv lists the indicators: indicator,subsystem,direction[,weight] with direction +\n"
    "(benefit) or - (cost), two or more subsystems, and optional given (expert/AHP) weights.\n"
    "Indicators are normalised min-max (benefit (x-min)/(max-min), cost (max-x)/(max-min)) over\n"
    "all region-years of the chosen years (default, the 'global entropy method': one set of\n"
    "weights, scores comparable over time) or per year (--normalize per-year). Weights: entropy\n"
    "(default; the logarithm sees x'+δ, --shift δ = 0.0001), critic, equal, given, or combined\n"
    "(mean of entropy and CRITIC), within each subsystem (they build the subsystem score\n"
    "U = Σ w x') and over all indicators (the overall score and TOPSIS). Scores use the\n"
    "unshifted x' (--score-on-shifted adds δ, as many studies do). A constant indicator gets\n"
    "weight 0 (noted).\n"
    "Coupling degree C: Wang et al. (2021, J. Natural Resources 36(3)) corrected form (default)\n"
    "or the classic n·[ΠU/(ΣU)^n]^(1/n) (--coupling classic); T = Σ a_i U_i (--alpha, default\n"
    "equal), D = sqrt(C·T); grade 1..10 at D = 0.1, 0.2, … (left-closed): 1 extreme imbalance,\n"
    "2 serious imbalance, 3 moderate imbalance, 4 mild imbalance, 5 on the verge of imbalance,\n"
    "6 barely coordinated, 7 primary, 8 intermediate, 9 good, 10 high-quality coordination;\n"
    "type is 'synchronous' or '<subsystem> lagging' (lowest U below --sync-ratio × highest U).\n"
    "Obstacle degree of indicator j: F_j (1 - x'_j) / Σ F_l (1 - x'_l) × 100 with\n"
    "F_j = within-subsystem weight × a_s; the --top K largest per region-year (default 5, 0 = all),\n"
    "then the subsystem obstacles (sum over the subsystem's indicators).\n"
    "Tables (--table, default all): weights (indicator,subsystem,weight; subsystem 'overall' for\n"
    "the weights over all indicators; with a year column when per-year), scores\n"
    "(year,region,subsystem,U; subsystem 'overall' and 'topsis' for the overall score and the\n"
    "TOPSIS closeness), coordination (year,region,C,T,D,grade,type), obstacles\n"
    "(year,region,indicator,obstacle in %). All four go to -o DIR/ or -o FILE.xlsx.\n"
    "A region-year with a missing indicator is dropped (listwise) and named on stderr;\n"
    "--impute linear interpolates within each region over the years first.\n"
    "Formulas: ../shared/methods/04-evaluation.md.",
    "  regcoord coordinate china_provinces_panel.csv --system examples/china_two_subsystems.csv \\\n"
    "      --years 2008:2017 --table coordination\n"
    "  regcoord coordinate china_provinces_panel.csv --system examples/china_two_subsystems.csv \\\n"
    "      --years 2008:2017 --coupling classic --weights-method critic -o results/\n"
    "  regcoord coordinate panel.csv --system system.csv --normalize per-year --top 3 -o all.xlsx",
};

int rc_cmd_coordinate(int argc, char **argv)
{
    rc_cli_common c;
    rc_cli_common_init(&c);
    rc_coordinate_request req;
    rc_coordinate_request_init(&req);
    const char *table = "all";
    const rc_cli_option opts[] = {
        RC_CLI_DATA_OPTIONS(&c),
        {"system", 0, RC_OPT_STR, &req.system, "FILE", "index system: indicator,subsystem,direction[,weight] (required)"},
        {"weights-method", 0, RC_OPT_STR, &req.weights_method, "M", "entropy (default), critic, equal, given or combined"},
        {"coupling", 0, RC_OPT_STR, &req.coupling, "KIND", "wang (corrected, default) or classic"},
        {"normalize", 0, RC_OPT_STR, &req.normalize, "HOW", "pooled (all region-years, default) or per-year"},
        {"impute", 0, RC_OPT_STR, &req.impute, "linear", "interpolate missing indicator values within a region"},
        {"alpha", 0, RC_OPT_STR, &req.alpha, "LIST", "subsystem weights a_i of T and the obstacles (default equal)"},
        {"topsis", 0, RC_OPT_STR, &req.topsis, "KIND", "minmax (weighted x', default) or vector (Hwang & Yoon)"},
        {"shift", 0, RC_OPT_DBL, &req.shift, "D", "entropy log shift δ (default 0.0001; 0 allowed)"},
        {"score-on-shifted", 0, RC_OPT_FLAG, &req.score_on_shifted, NULL, "scores on x' + δ (larger by δ)"},
        {"sync-ratio", 0, RC_OPT_DBL, &req.sync_ratio, "R", "lowest/highest U below R: that subsystem lags (default 0.8)"},
        {"top", 0, RC_OPT_INT, &req.top, "K", "obstacles kept per region-year (default 5, 0 = all)"},
        {"table", 0, RC_OPT_STR, &table, "NAME", "weights, scores, coordination, obstacles or all (default)"},
        RC_CLI_OUTPUT_OPTIONS(&c),
        RC_CLI_END,
    };
    const char *data;
    int code = rc_cli_parse_data(&doc, opts, &c, argc, argv, &data);
    if (code >= 0)
        return code;
    static const char *names[] = {"weights", "scores", "coordination", "obstacles", "all"};
    size_t which = 0;
    while (which < 5 && strcmp(table, names[which]))
        which++;
    if (which == 5)
        return rc_cli_usage_error("--table must be weights, scores, coordination, obstacles or all, "
                                  "not '%s'", table);
    if (!req.system)
        return rc_cli_usage_error("coordinate needs --system FILE (indicator,subsystem,direction)");
    rc_panel *p;
    if ((code = rc_cli_load_panel(&c, data, &p)) != 0)
        return code;
    rc_coordinate_tables t;
    code = rc_coordinate_build(&t, p, &req, &c);
    if (code == 0) {
        const rc_table *all[4] = {t.weights, t.scores, t.coordination, t.obstacles};
        code = which < 4 ? rc_cli_emit(&c, all[which]) : rc_cli_emit_all(&c, all, 4);
    }
    rc_coordinate_tables_free(&t);
    rc_panel_free(p);
    return code;
}
