/* replay_main.c — the driver that CTest runs for every fuzz harness when libFuzzer is not used
 * (-DRC_FUZZ=OFF): each file of a corpus directory goes once through LLVMFuzzerTestOneInput.
 * A crash, a leak (under the sanitizers) or an abort in a harness fails the test. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
