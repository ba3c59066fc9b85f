/* error.h — status codes and the error object every regcoord function reports through.
 *
 * Functions return an int status (RC_OK = 0, a negative rc_status otherwise) and, when the
 * caller passes a non-NULL rc_error, write a message a person can act on: which file, line,
 * column, region or year is wrong and what to do about it. */
#ifndef REGCOORD_ERROR_H
#define REGCOORD_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    RC_OK = 0,
    RC_EUSAGE = -1,        /* the caller asked for something meaningless (bad option, bad range) */
    RC_EINPUT = -2,        /* the data are wrong: unparsable cell, duplicate row, bad sign … */
    RC_EIO = -3,           /* a file cannot be opened, read or written */
    RC_ENOMEM = -4,        /* an allocation failed */
    RC_EINSUFFICIENT = -5, /* too few observations for the statistic (e.g. n = 1 for a Gini) */
    RC_ENUMERIC = -6       /* a numerical failure: singular matrix, no convergence … */
} rc_status;

#define RC_ERROR_MESSAGE_MAX 2048

typedef struct {
    int code;                           /* an rc_status; RC_OK when nothing went wrong */
    char message[RC_ERROR_MESSAGE_MAX]; /* one or more lines, no trailing newline */
} rc_error;

/* Short English name of a status code ("bad input", "numerical failure" …). */
const char *rc_strerror(int code);

/* Reset err to RC_OK with an empty message; err may be NULL. */
void rc_error_clear(rc_error *err);

/* Set err (may be NULL) to code and a printf-style message; returns code, so that
 * `return rc_error_set(err, RC_EINPUT, "…", …);` reads naturally. */
int rc_error_set(rc_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The macro lets the compiler see the returned code at each call site, so that an early
 * `return rc_error_set(err, RC_EINPUT, …)` is known to be an error path (without it gcc's
 * -Wmaybe-uninitialized cannot tell that out-parameters are set whenever RC_OK comes back). */
static inline int rc_error_returns_(int set, int code)
{
    (void)set;
    return code;
}
#define rc_error_set(err, code, ...) \
    rc_error_returns_(rc_error_set((err), (code), __VA_ARGS__), (code))

/* Process exit code for a status: 0 ok, 1 usage, 2 bad input / I/O / too few data,
 * 3 numerical failure or out of memory. */
int rc_exit_code(int code);

#ifdef __cplusplus
}
#endif
#endif
