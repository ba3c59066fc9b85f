/* main.c — `regcoord COMMAND …`: finds the command and hands it the rest of argv. */
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

const rc_cli_command rc_cli_commands[] = {
    {"describe", "panel summary: regions, years, variables, missing values", rc_cmd_describe},
    {"disparity", "gap indices per year and group decompositions (Theil, Gini, Dagum …)", rc_cmd_disparity},
    {"spatial", "global and local spatial autocorrelation per year (Moran, Geary, G, LISA, Gi*)", rc_cmd_spatial},
    {"weights", "build, inspect and convert spatial weights (queen, rook, knn, distance, GAL/GWT)", rc_cmd_weights},
    {"coordinate", "coupling coordination of subsystems (entropy/CRITIC weights, TOPSIS, C, D, grades, obstacles)", rc_cmd_coordinate},
    {"regress", "OLS and panel fixed-effects regression (classic, HC1, cluster-robust errors)", rc_cmd_regress},
    {"kuznets", "inverse-U relation of the regional gap and development (turning point, U test)", rc_cmd_kuznets},
    {"haken", "order parameter of the drivers by the Haken model (synergetics)", rc_cmd_haken},
    {"convergence", "sigma and beta convergence (cross-section and fixed-effects panel)", rc_cmd_convergence},
    {"markov", "classic and spatial Markov chains of relative income (giddy conventions)", rc_cmd_markov},
    {"clubs", "Phillips-Sul log t test and convergence clubs (ConvergenceClubs conventions)", rc_cmd_clubs},
    {"linkage", "gravity linkage matrix and network measures (centralities, core–periphery, poles)", rc_cmd_linkage},
    {"structure", "location quotients, specialisation, structural similarity, shift-share", rc_cmd_structure},
    {"report", "the whole study as one self-contained HTML report", rc_cmd_report},
    {"simulate", "run a scenario of the multi-region model: panel, gap indices, stages, sweeps", rc_cmd_simulate},
};
const unsigned rc_cli_ncommands = sizeof rc_cli_commands / sizeof rc_cli_commands[0];

static void print_main_help(FILE *fp)
{
    fprintf(fp,
            "regcoord %s — measure, diagnose and simulate coordinated regional development\n\n"
            "Usage: regcoord COMMAND [OPTIONS] DATA\n"
            "       regcoord COMMAND --help     options and examples of one command\n\n"
            "Commands:\n",
            RC_VERSION);
    for (unsigned i = 0; i < rc_cli_ncommands; i++)
        fprintf(fp, "  %-13s %s\n", rc_cli_commands[i].name, rc_cli_commands[i].summary);
    fprintf(fp,
            "\nData: a long table (region, year, variables…) or, with --wide VAR, one row per\n"
            "region and one column per year; CSV, XLSX, ODS or any table GDAL/OGR reads.\n\n"
            "Common options: --region COL --year COL --years A:B --format text|csv|json|xlsx\n"
            "                -o FILE --threads N --seed N --quiet\n\n"
            "Exit codes: 0 ok, 1 usage error, 2 bad input, 3 numerical failure.\n"
            "Documentation: README.md and docs/ in the source tree.\n");
}

int main(int argc, char **argv)
{
    /* GSL's default handler aborts the process. The library checks the status of the GSL
     * calls that can fail on data (singular systems, no convergence) and reports an rc_error
     * naming the input, which an abort would bypass. */
    gsl_set_error_handler_off();
    if (argc < 2) {
        print_main_help(stderr);
        return RC_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        print_main_help(stdout);
        return RC_EXIT_OK;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
        printf("regcoord %s\n", RC_VERSION);
        return RC_EXIT_OK;
    }
    for (unsigned i = 0; i < rc_cli_ncommands; i++)
        if (!strcmp(cmd, rc_cli_commands[i].name))
            return rc_cli_commands[i].run(argc - 1, argv + 1);
    return rc_cli_usage_error("unknown command '%s' (regcoord --help lists the commands)", cmd);
}
