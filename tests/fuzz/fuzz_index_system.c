/* fuzz_index_system.c — libFuzzer harness for the index system reader (`coordinate --system`).
 *
 * Built with -DRC_FUZZ=ON and clang: `fuzz_index_system corpus_index_system/`. Without
 * libFuzzer it is a replay driver over tests/fuzz/corpus_index_system (run by CTest). The
 * reader must return a status with a message, never crash or leak; a system it accepts must
 * run through the whole pipeline on a small fixed matrix. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "regcoord/evaluation.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/rc_fuzz_sys_XXXXXX.csv";
    int fd = mkstemps(path, 4);
    if (fd < 0)
        return 0;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        unlink(path);
        return 0;
    }
    close(fd);
    rc_index_system s;
    rc_error err;
    if (rc_index_system_read(&s, path, &err) == RC_OK) {
        size_t m = 4;
        double *x = malloc(m * s.k * sizeof *x);
        for (size_t i = 0; x && i < m * s.k; i++)
            x[i] = sin((double)i) + 2.0;
        rc_coord_options o;
        rc_coord_options_init(&o);
        if (s.weight)
            o.method = RC_WEIGHTS_GIVEN;
        rc_coord_result r;
        if (x && rc_coordinate(&r, x, m, &s, &o, &err) == RC_OK)
            rc_coord_result_free(&r);
        else if (x && !err.message[0])
            abort();
        free(x);
        rc_index_system_free(&s);
    } else if (!err.message[0]) {
        abort(); /* every failure must say why */
    }
    unlink(path);
    return 0;
}
