#include "out/atomic_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int rc_atomic_open(rc_atomic_file *f, const char *path, int want_stream, rc_error *err)
{
    memset(f, 0, sizeof *f);
    size_t len = strlen(path);
    f->final_path = malloc(len + 1);
    f->tmp_path = malloc(len + 8);
    if (!f->final_path || !f->tmp_path) {
        rc_atomic_abort(f);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    memcpy(f->final_path, path, len + 1);
    snprintf(f->tmp_path, len + 8, "%s.XXXXXX", path);
    int fd = mkstemp(f->tmp_path);
    if (fd < 0) {
        int e = errno;
        free(f->tmp_path);
        f->tmp_path = NULL;
        rc_atomic_abort(f);
        return rc_error_set(err, RC_EIO, "cannot write '%s': %s", path, strerror(e));
    }
    /* mkstemp makes the file 0600; give it the usual permissions of a new file. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    if (!want_stream) {
        close(fd);
        return RC_OK;
    }
    if (!(f->fp = fdopen(fd, "w"))) {
        int e = errno;
        close(fd);
        rc_atomic_abort(f);
        return rc_error_set(err, RC_EIO, "cannot write '%s': %s", path, strerror(e));
    }
    return RC_OK;
}

int rc_atomic_commit(rc_atomic_file *f, rc_error *err)
{
    int failed = 0, e = 0;
    if (f->fp) {
        if (fflush(f->fp) != 0 || ferror(f->fp)) {
            failed = 1;
            e = errno;
        }
        if (fclose(f->fp) != 0 && !failed) {
            failed = 1;
            e = errno;
        }
        f->fp = NULL;
    }
    if (!failed && rename(f->tmp_path, f->final_path) != 0) {
        failed = 1;
        e = errno;
    }
    if (failed) {
        int rc = rc_error_set(err, RC_EIO, "cannot write '%s': %s", f->final_path, strerror(e));
        rc_atomic_abort(f);
        return rc;
    }
    free(f->tmp_path);
    f->tmp_path = NULL;
    rc_atomic_abort(f);
    return RC_OK;
}

void rc_atomic_abort(rc_atomic_file *f)
{
    if (f->fp) {
        fclose(f->fp);
        f->fp = NULL;
    }
    if (f->tmp_path) {
        unlink(f->tmp_path);
        free(f->tmp_path);
        f->tmp_path = NULL;
    }
    free(f->final_path);
    f->final_path = NULL;
}
