#include "regcoord/error.h"

#include <stdarg.h>
#include <stdio.h>

const char *rc_strerror(int code)
{
    switch (code) {
    case RC_OK: return "ok";
    case RC_EUSAGE: return "usage error";
    case RC_EINPUT: return "bad input";
    case RC_EIO: return "input/output error";
    case RC_ENOMEM: return "out of memory";
    case RC_EINSUFFICIENT: return "too few observations";
    case RC_ENUMERIC: return "numerical failure";
    default: return "unknown error";
    }
}

void rc_error_clear(rc_error *err)
{
    if (err) {
        err->code = RC_OK;
        err->message[0] = '\0';
    }
}

int (rc_error_set)(rc_error *err, int code, const char *fmt, ...)
{
    if (err) {
        err->code = code;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

int rc_exit_code(int code)
{
    switch (code) {
    case RC_OK: return 0;
    case RC_EUSAGE: return 1;
    case RC_EINPUT:
    case RC_EIO:
    case RC_EINSUFFICIENT: return 2;
    default: return 3;
    }
}
