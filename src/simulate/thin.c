/* thin.c — output.every (design §6): the written tables keep every k-th period, and always the
 * first and the last, so a long run's files stay small while its end state is never lost.
 * The run itself, its stages and its rules always use every period. */
#include "sim_internal.h"

#include <stdlib.h>

int rc_sim_thin(rc_table **out, const rc_table *t, size_t every, rc_error *err)
{
    *out = NULL;
    size_t pc, n = rc_table_nrows(t);
    if (rc_table_find_column(t, "period", &pc) != RC_OK)
        return rc_error_set(err, RC_EUSAGE, "table '%s' has no period column", rc_table_name(t));
    long long first = 0, last = 0;
    for (size_t r = 0; r < n; r++) {
        long long p = rc_table_get_int(t, r, pc);
        if (r == 0 || p < first)
            first = p;
        if (r == 0 || p > last)
            last = p;
    }
    unsigned char *keep = malloc(n ? n : 1);
    if (!keep)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    for (size_t r = 0; r < n; r++) {
        long long p = rc_table_get_int(t, r, pc);
        keep[r] = every <= 1 || p == last || (p - first) % (long long)every == 0;
    }
    int rc = rc_table_filter_rows(out, t, keep, err);
    free(keep);
    return rc;
}
