/* geometry.h — region geometry read through GDAL/OGR: ids, polygon rings (for contiguity and
 * maps) and one representative point per region (the point itself, or the polygon centroid,
 * for distance-based weights). */
#ifndef REGCOORD_GEOMETRY_H
#define REGCOORD_GEOMETRY_H

#include <stddef.h>
#include "regcoord/chart.h"
#include "regcoord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    size_t n;
    char **ids;            /* n feature ids, unique */
    size_t *region_ring;   /* n + 1: region i owns rings [region_ring[i], region_ring[i+1]) */
    size_t *ring_part;     /* rings: index of the polygon part (across all regions) a ring is in */
    size_t *ring_point;    /* rings + 1: ring r owns points [ring_point[r], ring_point[r+1]) */
    double *x, *y;         /* all ring points; rings are closed (first point repeated) */
    double *cx, *cy;       /* n representative points: the point, or the centroid */
    int geographic;        /* 1 when coordinates are lon/lat degrees */
    char *id_field;        /* the field the ids came from */
} rc_geometry;

/* Read the first layer of an OGR source (GeoJSON, Shapefile, GeoPackage …). id_field NULL:
 * "region_id" if present, else "id", else the first field. Polygons and multipolygons (every
 * part and hole becomes a ring; curves are linearised) or points. geographic from the layer's
 * spatial reference; without one, lon/lat if every coordinate lies within ±180 × ±90.
 * Duplicate or empty ids, features without geometry and other geometry types are errors naming
 * the file and feature. */
int rc_geometry_read(rc_geometry **out, const char *path, const char *id_field, rc_error *err);
void rc_geometry_free(rc_geometry *g);

/* Index of id, or SIZE_MAX. */
size_t rc_geometry_find(const rc_geometry *g, const char *id);

/* A map view of the rings. */
rc_map_shapes rc_geometry_shapes(const rc_geometry *g);

#ifdef __cplusplus
}
#endif
#endif
