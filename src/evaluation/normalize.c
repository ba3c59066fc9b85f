/* normalize.c — min–max normalisation of benefit and cost indicators (methods/04 §1). */
#include "regcoord/evaluation.h"

#include <math.h>
#include <stdlib.h>

int rc_minmax(double *xn, int *constant, const double *x, const int *direction, size_t m,
              size_t k, rc_error *err)
{
    if (m < 1 || k < 1)
        return rc_error_set(err, RC_EINSUFFICIENT, "min-max normalisation needs rows and columns");
    for (size_t j = 0; j < k; j++)
        if (direction[j] != RC_BENEFIT && direction[j] != RC_COST)
            return rc_error_set(err, RC_EUSAGE, "indicator %zu: direction must be +1 or -1", j);
    double *lo = malloc(3 * k * sizeof *lo);
    if (!lo)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    double *hi = lo + k, *scale = hi + k;
    for (size_t j = 0; j < k; j++)
        lo[j] = INFINITY, hi[j] = -INFINITY;
    /* Row by row: the matrix is row-major, and pooled panels have tens of thousands of rows. */
    for (size_t r = 0; r < m; r++)
        for (size_t j = 0; j < k; j++) {
            double v = x[r * k + j];
            if (!isfinite(v)) {
                free(lo);
                return rc_error_set(err, RC_EINPUT, "indicator %zu, row %zu: not a finite number",
                                    j, r);
            }
            lo[j] = fmin(lo[j], v);
            hi[j] = fmax(hi[j], v);
        }
    for (size_t j = 0; j < k; j++) {
        /* hi − lo can be 0 only for a constant column: no scale, so no x' (weight 0). */
        int is_const = !(hi[j] > lo[j]);
        if (constant)
            constant[j] = is_const;
        scale[j] = is_const ? 0.0 : 1.0 / (hi[j] - lo[j]);
    }
    for (size_t r = 0; r < m; r++)
        for (size_t j = 0; j < k; j++) {
            double v = x[r * k + j];
            xn[r * k + j] = scale[j] == 0 ? 0.0
                            : direction[j] == RC_BENEFIT ? (v - lo[j]) / (hi[j] - lo[j])
                                                         : (hi[j] - v) / (hi[j] - lo[j]);
        }
    free(lo);
    return RC_OK;
}
