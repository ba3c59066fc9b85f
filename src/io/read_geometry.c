/* read_geometry.c — region ids, rings and representative points from any OGR vector source. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "regcoord/geometry.h"

void rc_geometry_free(rc_geometry *g)
{
    if (!g)
        return;
    for (size_t i = 0; g->ids && i < g->n; i++)
        free(g->ids[i]);
    free(g->ids), free(g->region_ring), free(g->ring_part), free(g->ring_point);
    free(g->x), free(g->y), free(g->cx), free(g->cy), free(g->id_field);
    free(g);
}

size_t rc_geometry_find(const rc_geometry *g, const char *id)
{
    for (size_t i = 0; i < g->n; i++)
        if (!strcmp(g->ids[i], id))
            return i;
    return SIZE_MAX;
}

rc_map_shapes rc_geometry_shapes(const rc_geometry *g)
{
    rc_map_shapes s = {g->n, g->region_ring, g->ring_point, g->x, g->y};
    return s;
}

/* Growable arrays of the reader. */
typedef struct {
    rc_geometry *g;
    size_t nregions, cap_regions;
    size_t nrings, cap_rings, nparts;
    size_t npoints, cap_points;
} builder;

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 1;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * size);
    if (!q)
        return 0;
    *p = q;
    *cap = c;
    return 1;
}

static int add_ring(builder *b, OGRGeometryH ring)
{
    int np = OGR_G_GetPointCount(ring);
    size_t cap_rings = b->cap_rings, cap_rings2 = b->cap_rings, cap_points = b->cap_points;
    if (!grow((void **)&b->g->ring_point, &cap_rings, b->nrings + 2, sizeof(size_t)) ||
        !grow((void **)&b->g->ring_part, &cap_rings2, b->nrings + 2, sizeof(size_t)))
        return 0;
    b->cap_rings = cap_rings < cap_rings2 ? cap_rings : cap_rings2;
    size_t cp2 = b->cap_points;
    if (!grow((void **)&b->g->x, &cap_points, b->npoints + (size_t)np + 1, sizeof(double)) ||
        !grow((void **)&b->g->y, &cp2, b->npoints + (size_t)np + 1, sizeof(double)))
        return 0;
    b->cap_points = cap_points < cp2 ? cap_points : cp2;
    b->g->ring_point[b->nrings] = b->npoints;
    b->g->ring_part[b->nrings++] = b->nparts;
    for (int k = 0; k < np; k++) {
        b->g->x[b->npoints] = OGR_G_GetX(ring, k);
        b->g->y[b->npoints++] = OGR_G_GetY(ring, k);
    }
    b->g->ring_point[b->nrings] = b->npoints;
    return 1;
}

/* Rings of a (multi)polygon or collection, recursively; returns 0 on an unsupported type. */
static int add_surface(builder *b, OGRGeometryH geom, int *ok_mem)
{
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(geom));
    if (t == wkbPolygon) {
        for (int r = 0; r < OGR_G_GetGeometryCount(geom); r++)
            if (!add_ring(b, OGR_G_GetGeometryRef(geom, r))) {
                *ok_mem = 0;
                return 1;
            }
        b->nparts++;
        return 1;
    }
    if (t == wkbMultiPolygon || t == wkbGeometryCollection) {
        for (int k = 0; k < OGR_G_GetGeometryCount(geom); k++)
            if (!add_surface(b, OGR_G_GetGeometryRef(geom, k), ok_mem))
                return 0;
        return 1;
    }
    return 0;
}

static char *pick_id_field(OGRFeatureDefnH defn, const char *wanted, int *index)
{
    int nf = OGR_FD_GetFieldCount(defn);
    if (wanted) {
        *index = OGR_FD_GetFieldIndex(defn, wanted);
        return *index >= 0 ? strdup(wanted) : NULL;
    }
    const char *tries[] = {"region_id", "id"};
    for (size_t k = 0; k < 2; k++)
        if ((*index = OGR_FD_GetFieldIndex(defn, tries[k])) >= 0)
            return strdup(tries[k]);
    if (nf > 0) {
        *index = 0;
        return strdup(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, 0)));
    }
    *index = -1;
    return NULL;
}

static int id_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int rc_geometry_read(rc_geometry **out, const char *path, const char *id_field, rc_error *err)
{
    *out = NULL;
    GDALAllRegister();
    CPLPushErrorHandler(CPLQuietErrorHandler);
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    CPLPopErrorHandler();
    if (!ds)
        return rc_error_set(err, RC_EINPUT, "%s: not a geometry file GDAL can read (%s)", path,
                            CPLGetLastErrorMsg());
    OGRLayerH layer = GDALDatasetGetLayerCount(ds) > 0 ? GDALDatasetGetLayer(ds, 0) : NULL;
    if (!layer) {
        GDALClose(ds);
        return rc_error_set(err, RC_EINPUT, "%s: contains no layer", path);
    }
    builder b = {0};
    b.g = calloc(1, sizeof *b.g);
    int rc = RC_OK;
    if (!b.g) {
        GDALClose(ds);
        return rc_error_set(err, RC_ENOMEM, "out of memory (geometry)");
    }
    rc_geometry *g = b.g;
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    int fid_index;
    g->id_field = pick_id_field(defn, id_field, &fid_index);
    if (!g->id_field) {
        char names[512] = "";
        for (int k = 0; k < OGR_FD_GetFieldCount(defn); k++)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", k ? ", " : "",
                     OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, k)));
        rc = id_field ? rc_error_set(err, RC_EINPUT, "%s: no field '%s' (fields: %s); choose one with --geo-id",
                                     path, id_field, names)
                      : rc_error_set(err, RC_EINPUT, "%s: the layer has no fields to take region ids from", path);
        goto done;
    }
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
    int srs_geographic = srs ? OSRIsGeographic(srs) : -1;
    double minx = INFINITY, maxx = -INFINITY, miny = INFINITY, maxy = -INFINITY;
    size_t cap_cx = 0, cap_cy = 0, cap_ids = 0, cap_rr = 0;
    OGR_L_ResetReading(layer);
    OGRFeatureH f;
    size_t feature_no = 0;
    while (rc == RC_OK && (f = OGR_L_GetNextFeature(layer)) != NULL) {
        feature_no++;
        size_t i = b.nregions;
        if (!grow((void **)&g->ids, &cap_ids, i + 1, sizeof(char *)) ||
            !grow((void **)&g->cx, &cap_cx, i + 1, sizeof(double)) ||
            !grow((void **)&g->cy, &cap_cy, i + 1, sizeof(double)) ||
            !grow((void **)&g->region_ring, &cap_rr, i + 2, sizeof(size_t))) {
            OGR_F_Destroy(f);
            rc = rc_error_set(err, RC_ENOMEM, "out of memory (geometry)");
            break;
        }
        const char *id = OGR_F_IsFieldSetAndNotNull(f, fid_index) ? OGR_F_GetFieldAsString(f, fid_index) : "";
        if (!*id) {
            OGR_F_Destroy(f);
            rc = rc_error_set(err, RC_EINPUT, "%s: feature %zu has no %s", path, feature_no, g->id_field);
            break;
        }
        g->region_ring[i] = b.nrings;
        g->ids[i] = strdup(id);
        b.nregions++;
        g->n = b.nregions;
        if (!g->ids[i]) {
            OGR_F_Destroy(f);
            rc = rc_error_set(err, RC_ENOMEM, "out of memory (geometry)");
            break;
        }
        OGRGeometryH geom = OGR_F_GetGeometryRef(f);
        if (!geom || OGR_G_IsEmpty(geom)) {
            rc = rc_error_set(err, RC_EINPUT, "%s: feature %zu (%s %s) has no geometry", path, feature_no,
                              g->id_field, id);
            OGR_F_Destroy(f);
            break;
        }
        OGRGeometryH lin = NULL;
        if (OGR_G_HasCurveGeometry(geom, 1))
            geom = lin = OGR_G_GetLinearGeometry(geom, 0, NULL);
        OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(geom));
        int ok_mem = 1;
        if (t == wkbPoint) {
            g->cx[i] = OGR_G_GetX(geom, 0);
            g->cy[i] = OGR_G_GetY(geom, 0);
        } else if (add_surface(&b, geom, &ok_mem)) {
            OGRGeometryH c = OGR_G_CreateGeometry(wkbPoint);
            if (!c || OGR_G_Centroid(geom, c) != OGRERR_NONE) {
                rc = rc_error_set(err, RC_EINPUT, "%s: feature %zu (%s %s): no centroid", path, feature_no,
                                  g->id_field, id);
            } else {
                g->cx[i] = OGR_G_GetX(c, 0);
                g->cy[i] = OGR_G_GetY(c, 0);
            }
            OGR_G_DestroyGeometry(c);
        } else {
            rc = rc_error_set(err, RC_EINPUT, "%s: feature %zu (%s %s) is a %s; regions are polygons or points",
                              path, feature_no, g->id_field, id, OGRGeometryTypeToName(t));
        }
        if (!ok_mem && rc == RC_OK)
            rc = rc_error_set(err, RC_ENOMEM, "out of memory (geometry)");
        if (rc == RC_OK) {
            OGREnvelope env;
            OGR_G_GetEnvelope(geom, &env);
            minx = fmin(minx, env.MinX), maxx = fmax(maxx, env.MaxX);
            miny = fmin(miny, env.MinY), maxy = fmax(maxy, env.MaxY);
        }
        if (lin)
            OGR_G_DestroyGeometry(lin);
        OGR_F_Destroy(f);
        g->region_ring[b.nregions] = b.nrings;
    }
    if (rc == RC_OK && b.nregions == 0)
        rc = rc_error_set(err, RC_EINPUT, "%s: the layer has no features", path);
    if (rc == RC_OK) {
        if (!g->ring_point) { /* points only: an empty ring table */
            g->ring_point = calloc(1, sizeof *g->ring_point);
            g->ring_part = calloc(1, sizeof *g->ring_part);
            if (!g->ring_point || !g->ring_part)
                rc = rc_error_set(err, RC_ENOMEM, "out of memory (geometry)");
        }
        g->geographic = srs_geographic >= 0 ? srs_geographic
                                            : minx >= -180 && maxx <= 180 && miny >= -90 && maxy <= 90;
    }
    if (rc == RC_OK) {
        char **sorted = malloc(g->n * sizeof *sorted);
        if (!sorted) {
            rc = rc_error_set(err, RC_ENOMEM, "out of memory (geometry)");
        } else {
            memcpy(sorted, g->ids, g->n * sizeof *sorted);
            qsort(sorted, g->n, sizeof *sorted, id_cmp);
            for (size_t k = 1; k < g->n && rc == RC_OK; k++)
                if (!strcmp(sorted[k], sorted[k - 1]))
                    rc = rc_error_set(err, RC_EINPUT, "%s: %s '%s' is used by two features", path,
                                      g->id_field, sorted[k]);
            free(sorted);
        }
    }
done:
    GDALClose(ds);
    if (rc != RC_OK) {
        rc_geometry_free(g);
        return rc;
    }
    *out = g;
    return RC_OK;
}
