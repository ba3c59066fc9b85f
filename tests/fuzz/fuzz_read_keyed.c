/* fuzz_read_keyed.c — libFuzzer harness for the long region,year,key,value reader
 * (rc_panel_read_keyed, the long sector layout of `regcoord structure`).
 *
 * Built like fuzz_read_panel.c (-DRC_FUZZ=ON with clang, else a replay driver that CTest runs
 * over tests/fuzz/corpus_read_keyed). The reader must return a status with a message, never
 * crash or leak. */
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
    rc_panel *p = NULL;
    rc_error err;
    if (rc_panel_read_keyed(&p, path, NULL, "sector", "value", &err) == RC_OK) {
        volatile double sink = 0;
        for (size_t v = 0; v < rc_panel_nvars(p); v++)
            for (size_t i = 0; i < rc_panel_nregions(p) * rc_panel_nyears(p); i++)
                sink += rc_panel_var_data(p, v)[i];
        (void)sink;
        rc_panel_free(p);
    } else if (!err.message[0]) {
        abort(); /* every failure must say why */
    }
    unlink(path);
    return 0;
}
