/* fuzz_read_distances.c — libFuzzer harness for the from,to,value distance-table reader.
 *
 * Built like fuzz_read_panel.c (-DRC_FUZZ=ON with clang, else a replay driver that CTest runs
 * over tests/fuzz/corpus_read_distances). The reader must return a status with a message,
 * never crash or leak, and on success leave a zero diagonal and positive distances. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "regcoord/distance.h"

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
    static const char *const ids[] = {"A", "B", "C", "110000"};
    double d[16];
    size_t unknown;
    rc_error err;
    if (rc_distance_matrix_read(d, ids, 4, path, &unknown, &err) == RC_OK) {
        for (size_t i = 0; i < 4; i++)
            for (size_t j = 0; j < 4; j++)
                if (i == j ? d[i * 4 + j] != 0 : !(d[i * 4 + j] > 0 && isfinite(d[i * 4 + j])))
                    abort();
    } else if (!err.message[0]) {
        abort(); /* every failure must say why */
    }
    unlink(path);
    return 0;
}
