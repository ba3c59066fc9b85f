/* distance.h — distances between region centroids, and user-supplied distance matrices.
 *
 * Shared by the linkage (gravity) model and the spatial weights: great-circle distance on a
 * sphere of radius RC_EARTH_RADIUS_KM (haversine form, libpysal's radius) for lon/lat in
 * degrees, Euclidean distance for projected coordinates. Matrices are n × n, row-major, with
 * a zero diagonal. Conventions: ../shared/methods/03-spatial.md §1, 06-linkage.md §1. */
#ifndef REGCOORD_DISTANCE_H
#define REGCOORD_DISTANCE_H

#include <stddef.h>
#include "regcoord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RC_EARTH_RADIUS_KM 6371.0

typedef enum {
    RC_DIST_EUCLIDEAN = 0,   /* x, y in any planar unit */
    RC_DIST_GREAT_CIRCLE = 1 /* x = longitude, y = latitude in degrees; result in km */
} rc_distance_kind;

/* Great-circle distance in km between (lon1, lat1) and (lon2, lat2), degrees:
 * d = 2R asin(sqrt(sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2))). */
double rc_great_circle_km(double lon1, double lat1, double lon2, double lat2);

/* d[n × n] between points (x[i], y[i]). Non-finite coordinates, latitudes outside
 * [−90, 90] or longitudes outside [−180, 360] (great circle), and two distinct points at
 * distance 0 are RC_EINPUT naming the indices. */
int rc_distance_matrix(double *d, const double *x, const double *y, size_t n,
                       rc_distance_kind kind, rc_error *err);

/* Read a distance (or travel-time) matrix from a table with columns from, to, value (any
 * table format the readers take; extra columns ignored) for the regions ids[0..n-1] into
 * d[n × n]. A pair given in one direction only is used for both (symmetric distances); a
 * missing pair, a duplicate, a non-number or a value ≤ 0 off the diagonal is RC_EINPUT
 * naming file, line and regions. Rows naming regions outside ids are skipped and counted in
 * *unknown (may be NULL); rows with from = to are ignored. */
int rc_distance_matrix_read(double *d, const char *const *ids, size_t n, const char *path,
                            size_t *unknown, rc_error *err);

#ifdef __cplusplus
}
#endif
#endif
