/* atomic_file.h — write a file under a temporary name and rename it into place, so a failed
 * write never leaves half a file behind (and never clobbers the old one). */
#ifndef REGCOORD_ATOMIC_FILE_H
#define REGCOORD_ATOMIC_FILE_H

#include <stdio.h>
#include "regcoord/error.h"

typedef struct {
    char *final_path;
    char *tmp_path;
    FILE *fp;
} rc_atomic_file;

/* Create PATH.XXXXXX beside path. If want_stream is 0 the temporary file is created and
 * closed (for libraries that open the path themselves, like libxlsxwriter). */
int rc_atomic_open(rc_atomic_file *f, const char *path, int want_stream, rc_error *err);
/* Flush, close and rename into place. */
int rc_atomic_commit(rc_atomic_file *f, rc_error *err);
/* Remove the temporary file (after a failure). Safe to call after commit. */
void rc_atomic_abort(rc_atomic_file *f);

#endif
