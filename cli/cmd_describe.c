#include "cli.h"
int rc_cmd_describe(int argc, char **argv) { (void)argc; (void)argv; return 0; }
