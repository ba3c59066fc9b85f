/* fuzz_read_panel.c — libFuzzer harness for the panel reader (CSV path).
 *
 * Built with -DRC_FUZZ=ON and clang: `fuzz_read_panel corpus_read_panel/`. Without libFuzzer
 * it is linked with tests/fuzz/replay_main.c, which runs every file of a corpus
 * folder once; CTest runs that over tests/fuzz/corpus_read_panel, so inputs that once broke
 * the reader stay tested. The reader must return a status, never crash or leak. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "regcoord/io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/rc_fuzz_XXXXXX.csv";
    int fd = mkstemps(path, 4);
    if (fd < 0)
        return 0;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        unlink(path);
        return 0;
    }
    close(fd);
    const char *nas[] = {NULL, "n/a"};
    for (int k = 0; k < 2; k++) {
        rc_read_options opt = {.na_tokens = nas[k]};
        rc_panel *p = NULL;
        rc_error err;
        if (rc_panel_read(&p, path, &opt, &err) == RC_OK) {
            /* Touch everything the reader built. */
            volatile double sink = 0;
            for (size_t v = 0; v < rc_panel_nvars(p); v++)
                for (size_t i = 0; i < rc_panel_nregions(p) * rc_panel_nyears(p); i++)
                    sink += rc_panel_var_data(p, v)[i];
            (void)sink;
            rc_panel_free(p);
        } else if (!err.message[0]) {
            abort(); /* every failure must say why */
        }
    }
    unlink(path);
    return 0;
}
