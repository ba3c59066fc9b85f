/* obstacle.c — obstacle degree model (methods/04 §6). */
#include "regcoord/evaluation.h"

#include <math.h>

int rc_obstacle(double *O, double *O_sub, int *at_best, const double *xn_row, const double *F,
                const size_t *subsystem, size_t nsub, size_t k, rc_error *err)
{
    double denom = 0;
    for (size_t j = 0; j < k; j++) {
        if (!(isfinite(F[j]) && F[j] >= 0))
            return rc_error_set(err, RC_EINPUT, "obstacle: factor contribution %zu is %g", j, F[j]);
        if (!isfinite(xn_row[j]))
            return rc_error_set(err, RC_EINPUT, "obstacle: indicator %zu is not finite", j);
        if (subsystem && subsystem[j] >= nsub)
            return rc_error_set(err, RC_EUSAGE, "obstacle: indicator %zu has subsystem %zu of %zu",
                                j, subsystem[j], nsub);
        denom += F[j] * (1.0 - xn_row[j]);
    }
    /* A row at the best value of every weighted indicator has no obstacle: all 0, flagged. */
    int best = !(denom > 0);
    if (at_best)
        *at_best = best;
    if (subsystem)
        for (size_t s = 0; s < nsub; s++)
            O_sub[s] = 0;
    for (size_t j = 0; j < k; j++) {
        O[j] = best ? 0.0 : 100.0 * F[j] * (1.0 - xn_row[j]) / denom;
        if (subsystem)
            O_sub[subsystem[j]] += O[j];
    }
    return RC_OK;
}
