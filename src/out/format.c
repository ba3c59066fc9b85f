/* format.c — output format names and the shortest round-trip rendering of doubles. */
#include "regcoord/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const names[] = {"text", "csv", "json", "xlsx"};

int rc_format_parse(const char *text, rc_format *fmt, rc_error *err)
{
    for (int k = 0; k < 4; k++)
        if (!strcmp(text, names[k])) {
            *fmt = (rc_format)k;
            return RC_OK;
        }
    return rc_error_set(err, RC_EUSAGE, "unknown format '%s' (use text, csv, json or xlsx)", text);
}

int rc_format_from_path(const char *path, rc_format *fmt, rc_error *err)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (dot && (!slash || dot > slash)) {
        if (!strcasecmp(dot, ".csv")) { *fmt = RC_FORMAT_CSV; return RC_OK; }
        if (!strcasecmp(dot, ".json")) { *fmt = RC_FORMAT_JSON; return RC_OK; }
        if (!strcasecmp(dot, ".xlsx")) { *fmt = RC_FORMAT_XLSX; return RC_OK; }
        if (!strcasecmp(dot, ".txt")) { *fmt = RC_FORMAT_TEXT; return RC_OK; }
    }
    return rc_error_set(err, RC_EUSAGE,
                        "cannot tell the format of '%s' from its extension; give --format", path);
}

const char *rc_format_extension(rc_format fmt)
{
    static const char *const ext[] = {"txt", "csv", "json", "xlsx"};
    return ext[fmt];
}

void rc_format_double(char *buf, size_t size, double x)
{
    /* The fewest significant digits (up to 17) that read back as exactly x, so that files
     * are both exact and readable (0.1 rather than 0.10000000000000001). */
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, size, "%.*g", digits, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}
