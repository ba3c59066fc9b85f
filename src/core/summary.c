/* summary.c — the per-variable summary of a panel (describe, and the report's data section). */
#include "regcoord/summary.h"

#include <math.h>

int rc_panel_summary(rc_table **out, const rc_panel *p, rc_error *err)
{
    rc_table *t;
    int rc = rc_table_new(&t, "summary", err);
    if (rc != RC_OK)
        return rc;
    const char *names[] = {"variable", "count", "missing", "min", "mean", "max"};
    const rc_coltype types[] = {RC_COL_STR, RC_COL_INT, RC_COL_INT, RC_COL_DBL, RC_COL_DBL, RC_COL_DBL};
    for (size_t c = 0; c < 6 && rc == RC_OK; c++)
        rc = rc_table_add_column(t, names[c], types[c], NULL, err);
    size_t n = rc_panel_nregions(p), T = rc_panel_nyears(p);
    for (size_t v = 0; v < rc_panel_nvars(p) && rc == RC_OK; v++) {
        const double *x = rc_panel_var_data(p, v);
        size_t count = 0;
        double lo = INFINITY, hi = -INFINITY, sum = 0.0;
        for (size_t k = 0; k < n * T; k++) {
            if (isnan(x[k]))
                continue;
            count++;
            sum += x[k];
            lo = x[k] < lo ? x[k] : lo;
            hi = x[k] > hi ? x[k] : hi;
        }
        /* A variable with no value at all has no min/mean/max: NaN, written as NA/empty. */
        rc = rc_table_append(t, err, "sllddd", rc_panel_var_name(p, v), (long long)count,
                             (long long)(n * T - count), count ? lo : NAN,
                             count ? sum / (double)count : NAN, count ? hi : NAN);
    }
    if (rc != RC_OK) {
        rc_table_free(t);
        return rc;
    }
    *out = t;
    return RC_OK;
}

