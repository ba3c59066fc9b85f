/* fuzz_read_panel.c — libFuzzer harness for the panel reader (CSV path).
 *
 * Built with -DRC_FUZZ=ON and clang: `fuzz_read_panel corpus_read_panel/`. Without libFuzzer
 * the same file builds a replay driver (RC_FUZZ_REPLAY) that runs every file of a corpus
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

#ifdef RC_FUZZ_REPLAY
#include <dirent.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
        return 2;
    }
    DIR *dir = opendir(argv[1]);
    if (!dir) {
        perror(argv[1]);
        return 2;
    }
    struct dirent *e;
    int files = 0;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
        FILE *fp = fopen(path, "rb");
        if (!fp)
            continue;
        static uint8_t buf[1 << 20];
        size_t n = fread(buf, 1, sizeof buf, fp);
        fclose(fp);
        LLVMFuzzerTestOneInput(buf, n);
        files++;
    }
    closedir(dir);
    printf("%d passed, 0 failed\n", files);
    return files > 0 ? 0 : 1;
}
#endif
