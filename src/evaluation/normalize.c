/* normalize.c — min–max normalisation of benefit and cost indicators (methods/04 §1). */
#include "regcoord/evaluation.h"

#include <math.h>

int rc_minmax(double *xn, int *constant, const double *x, const int *direction, size_t m,
              size_t k, rc_error *err)
{
    if (m < 1 || k < 1)
        return rc_error_set(err, RC_EINSUFFICIENT, "min-max normalisation needs rows and columns");
    for (size_t j = 0; j < k; j++) {
        if (direction[j] != RC_BENEFIT && direction[j] != RC_COST)
            return rc_error_set(err, RC_EUSAGE, "indicator %zu: direction must be +1 or -1", j);
        double lo = INFINITY, hi = -INFINITY;
        for (size_t r = 0; r < m; r++) {
            double v = x[r * k + j];
            if (!isfinite(v))
                return rc_error_set(err, RC_EINPUT, "indicator %zu, row %zu: not a finite number",
                                    j, r);
            lo = fmin(lo, v);
            hi = fmax(hi, v);
        }
        /* hi − lo can be 0 only for a constant column: no scale, so no x' (weight 0). */
        int is_const = !(hi > lo);
        if (constant)
            constant[j] = is_const;
        double range = hi - lo;
        for (size_t r = 0; r < m; r++) {
            double v = x[r * k + j];
            xn[r * k + j] = is_const ? 0.0
                            : direction[j] == RC_BENEFIT ? (v - lo) / range
                                                         : (hi - v) / range;
        }
    }
    return RC_OK;
}
