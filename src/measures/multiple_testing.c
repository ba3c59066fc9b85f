/* Multiple-testing control for local maps: Bonferroni and Benjamini–Hochberg adjusted
 * p-values, computed as R's p.adjust() does (so they can be checked against it). */
#include "regcoord/lisa.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int rc_p_adjust_parse(const char *text, rc_p_adjust_method *m, rc_error *err)
{
    if (text && !strcmp(text, "none"))
        *m = RC_ADJUST_NONE;
    else if (text && (!strcmp(text, "fdr") || !strcmp(text, "bh")))
        *m = RC_ADJUST_FDR;
    else if (text && !strcmp(text, "bonferroni"))
        *m = RC_ADJUST_BONFERRONI;
    else
        return rc_error_set(err, RC_EUSAGE, "adjustment must be none, fdr or bonferroni, not '%s'",
                            text ? text : "");
    return RC_OK;
}

typedef struct {
    double p;
    size_t i;
} ranked;

static int by_p_desc(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->p != y->p)
        return x->p < y->p ? 1 : -1;
    return x->i < y->i ? -1 : x->i > y->i; /* stable, whatever qsort does */
}

int rc_p_adjust(double *out, const double *p, size_t m, rc_p_adjust_method method, rc_error *err)
{
    size_t k = 0;
    for (size_t i = 0; i < m; i++) {
        if (isnan(p[i]))
            continue;
        if (p[i] < 0 || p[i] > 1)
            return rc_error_set(err, RC_EINPUT, "p-value %zu is %g, outside [0, 1]", i, p[i]);
        k++;
    }
    if (method == RC_ADJUST_NONE || k == 0) {
        if (out != p)
            memcpy(out, p, m * sizeof *out);
        return RC_OK;
    }
    if (method == RC_ADJUST_BONFERRONI) {
        for (size_t i = 0; i < m; i++)
            out[i] = isnan(p[i]) ? NAN : fmin(1.0, (double)k * p[i]);
        return RC_OK;
    }
    ranked *r = malloc(k * sizeof *r);
    if (!r)
        return rc_error_set(err, RC_ENOMEM, "out of memory (p adjustment)");
    size_t j = 0;
    for (size_t i = 0; i < m; i++)
        if (!isnan(p[i]))
            r[j].p = p[i], r[j].i = i, j++;
    qsort(r, k, sizeof *r, by_p_desc);
    /* BH step-up: adjusted p_(i) = min over ranks ≥ i of (k / rank) p_(rank), capped at 1. */
    double run = INFINITY;
    for (size_t t = 0; t < k; t++) {
        double rank = (double)(k - t);
        double v = (double)k / rank * r[t].p;
        if (v < run)
            run = v;
        r[t].p = run < 1.0 ? run : 1.0;
    }
    for (size_t i = 0; i < m; i++)
        if (isnan(p[i]))
            out[i] = NAN;
    for (size_t t = 0; t < k; t++)
        out[r[t].i] = r[t].p;
    free(r);
    return RC_OK;
}
