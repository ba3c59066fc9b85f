/* distance.c — centroid distances (see regcoord/distance.h). */
#include "regcoord/distance.h"

#include <math.h>

double rc_great_circle_km(double lon1, double lat1, double lon2, double lat2)
{
    const double rad = M_PI / 180.0;
    double dphi = (lat2 - lat1) * rad, dlambda = (lon2 - lon1) * rad;
    double s1 = sin(dphi / 2), s2 = sin(dlambda / 2);
    double h = s1 * s1 + cos(lat1 * rad) * cos(lat2 * rad) * s2 * s2;
    /* Rounding can push h a hair above 1 for antipodal points. */
    return 2 * RC_EARTH_RADIUS_KM * asin(sqrt(fmin(h, 1.0)));
}

int rc_distance_matrix(double *d, const double *x, const double *y, size_t n,
                       rc_distance_kind kind, rc_error *err)
{
    if (kind != RC_DIST_EUCLIDEAN && kind != RC_DIST_GREAT_CIRCLE)
        return rc_error_set(err, RC_EUSAGE, "unknown distance kind %d", (int)kind);
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x[i]) || !isfinite(y[i]))
            return rc_error_set(err, RC_EINPUT, "point %zu has a missing or non-finite coordinate", i);
        if (kind == RC_DIST_GREAT_CIRCLE && (fabs(y[i]) > 90 || x[i] < -180 || x[i] > 360))
            return rc_error_set(err, RC_EINPUT,
                                "point %zu (%g, %g) is not a longitude/latitude in degrees "
                                "(projected coordinates need Euclidean distances)",
                                i, x[i], y[i]);
    }
    for (size_t i = 0; i < n; i++) {
        d[i * n + i] = 0;
        for (size_t j = i + 1; j < n; j++) {
            double v = kind == RC_DIST_GREAT_CIRCLE ? rc_great_circle_km(x[i], y[i], x[j], y[j])
                                                    : hypot(x[i] - x[j], y[i] - y[j]);
            if (!(v > 0))
                return rc_error_set(err, RC_EINPUT, "points %zu and %zu coincide (distance 0)", i, j);
            d[i * n + j] = d[j * n + i] = v;
        }
    }
    return RC_OK;
}
