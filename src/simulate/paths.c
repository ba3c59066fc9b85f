/* paths.c — time paths of parameters (design §6.4): linear interpolation between points and
 * constant outside, logistic, and step (the last point at or before t). */
#include "sim_internal.h"

#include <math.h>

double rc_sim_path_value(const rc_sim_path *p, double x)
{
    if (p->type == RC_PATH_LOGISTIC)
        return p->start + (p->end - p->start) / (1.0 + exp(-p->rate * (x - p->mid)));
    const double *q = p->pts;
    size_t n = p->npts;
    if (p->type == RC_PATH_STEP) {
        double v = q[1];
        for (size_t k = 0; k < n && q[2 * k] <= x; k++)
            v = q[2 * k + 1];
        return v;
    }
    if (x <= q[0])
        return q[1];
    for (size_t k = 1; k < n; k++)
        if (x <= q[2 * k]) {
            double x0 = q[2 * k - 2], x1 = q[2 * k], v0 = q[2 * k - 1], v1 = q[2 * k + 1];
            /* exact at the end point, so a path ending at 1 gives exactly 1 */
            if (x == x1)
                return v1;
            return v0 + (v1 - v0) * (x - x0) / (x1 - x0);
        }
    return q[2 * n - 1];
}
