/* commands.h — the subcommands of `regcoord`; each lives in cli/cmd_NAME.c. */
#ifndef REGCOORD_COMMANDS_H
#define REGCOORD_COMMANDS_H

typedef struct {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv); /* argv[0] is the command name */
} rc_cli_command;

int rc_cmd_describe(int argc, char **argv);
int rc_cmd_disparity(int argc, char **argv);
int rc_cmd_spatial(int argc, char **argv);
int rc_cmd_weights(int argc, char **argv);
int rc_cmd_coordinate(int argc, char **argv);
int rc_cmd_convergence(int argc, char **argv);
int rc_cmd_markov(int argc, char **argv);
int rc_cmd_clubs(int argc, char **argv);
int rc_cmd_report(int argc, char **argv);
int rc_cmd_regress(int argc, char **argv);
int rc_cmd_kuznets(int argc, char **argv);
int rc_cmd_haken(int argc, char **argv);
int rc_cmd_linkage(int argc, char **argv);
int rc_cmd_structure(int argc, char **argv);
int rc_cmd_simulate(int argc, char **argv);

/* The table of commands, in the order `regcoord --help` lists them (cli/main.c). */
extern const rc_cli_command rc_cli_commands[];
extern const unsigned rc_cli_ncommands;

#endif
