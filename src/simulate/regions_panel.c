/* regions_panel.c — initial regions from a real panel's year (design §6.2 "regions": {"panel":
 * …}): population, urbanization, capital ∝ GDP, groups and centroids for the points geography.
 * Populations in persons are divided by their total, so the model works with shares (§2.1);
 * the panel output multiplies them back. */
#include "sim_internal.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "regcoord/io.h"
#include "regcoord/panel.h"
#include "regcoord/weights.h"

/* A file named in the scenario, relative to the scenario's directory. */
char *rc_sim_resolve(const char *src, const char *file)
{
    const char *slash = strrchr(src, '/');
    if (file[0] == '/' || !slash)
        return rc_sim_strdup(file);
    size_t dl = (size_t)(slash - src) + 1, fl = strlen(file) + 1;
    char *p = malloc(dl + fl);
    if (p) {
        memcpy(p, src, dl);
        memcpy(p + dl, file, fl);
    }
    return p;
}

/* A geometry file (GeoJSON, Shapefile, GeoPackage …) rather than a table of coordinates. */
static int is_vector_file(const char *path)
{
    static const char *const ext[] = {".geojson", ".json", ".shp", ".gpkg", ".kml", ".gml",
                                      ".fgb", NULL};
    size_t n = strlen(path);
    for (const char *const *e = ext; *e; e++) {
        size_t m = strlen(*e);
        if (n > m && !strcasecmp(path + n - m, *e))
            return 1;
    }
    return 0;
}

/* Centroids from a geometry file: each region's point, or its polygon's centroid (the
 * project's reader, as `regcoord linkage --geo`), matched by id as text or number; the
 * great-circle costs need longitude and latitude in degrees. */
static int centroids_from_geometry(rc_sim_scenario *sc, const char *path, const char *idcol,
                                   const char *src, rc_error *err)
{
    rc_points *pts = NULL;
    int rc = rc_points_read(&pts, path, idcol, err);
    if (rc && idcol)
        rc = rc_points_read(&pts, path, NULL, err);
    /* a GeoJSON is WGS 84 by definition, whatever numbers it holds: check the range too */
    int degrees = !rc && pts->geographic;
    for (size_t j = 0; degrees && j < pts->n; j++)
        degrees = fabs(pts->x[j]) <= 180.0 && fabs(pts->y[j]) <= 90.0;
    if (!rc && !degrees)
        rc = rc_error_set(err, RC_EINPUT, "%s: regions.centroids %s is not in longitude and "
                          "latitude (the points geography needs degrees)", src, path);
    for (size_t i = 0; i < sc->n && !rc; i++) {
        size_t j = 0;
        while (j < pts->n && !rc_region_ids_match(pts->ids[j], sc->regions[i].id))
            j++;
        if (j == pts->n)
            rc = rc_error_set(err, RC_EINPUT, "%s: regions.centroids %s has no feature for "
                              "region '%s'", src, path, sc->regions[i].id);
        else {
            sc->regions[i].lon = pts->x[j];
            sc->regions[i].lat = pts->y[j];
        }
    }
    rc_points_free(pts);
    return rc;
}

static const char *str_of(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Value of variable `name` for region i in year index t, or an error naming both. */
static int value_of(double *out, const rc_panel *p, const char *name, size_t i, size_t t,
                    const char *what, const char *src, rc_error *err)
{
    size_t v;
    rc_error e2;
    if (rc_panel_find_var(p, name, &v, &e2))
        return rc_error_set(err, RC_EINPUT, "%s: regions.%s: %s", src, what, e2.message);
    *out = rc_panel_value(p, v, i, t);
    if (!isfinite(*out) || !(*out > 0 || (!strcmp(what, "urbanization") && *out >= 0)))
        return rc_error_set(err, RC_EINPUT, "%s: regions.%s: region '%s' has %s = %g in %d "
                            "(need a positive number)", src, what, rc_panel_region_id(p, i),
                            name, *out, rc_panel_year(p, t));
    return RC_OK;
}

int rc_sim_regions_from_panel(rc_sim_scenario *sc, json_t *o, const char *src, rc_error *err)
{
    static const char *const keys[] = {"panel", "id", "year", "pop", "gdp", "urbanization",
                                       "groups", "centroids", "capital", NULL};
    const char *key;
    json_t *val;
    json_object_foreach(o, key, val) {
        int ok = 0;
        for (const char *const *k = keys; *k; k++)
            ok |= !strcmp(*k, key);
        if (!ok)
            return rc_error_set(err, RC_EINPUT, "%s: unknown key \"%s\" in \"regions\"", src, key);
    }
    const char *file = str_of(o, "panel"), *idcol = str_of(o, "id"), *pop = str_of(o, "pop");
    const char *gdp = str_of(o, "gdp"), *groups = str_of(o, "groups");
    const char *cent = str_of(o, "centroids"), *capital = str_of(o, "capital");
    json_t *yr = json_object_get(o, "year"), *urb = json_object_get(o, "urbanization");
    if (!file || !pop || !json_is_integer(yr) || !urb ||
        !(json_is_number(urb) || json_is_string(urb)))
        return rc_error_set(err, RC_EINPUT, "%s: regions from a panel need \"panel\" (file), "
                            "\"year\" (integer), \"pop\" (column) and \"urbanization\" (column or "
                            "number)", src);
    if (capital && strcmp(capital, "gdp") && !gdp)
        gdp = capital;
    if (capital && !strcmp(capital, "gdp") && !gdp)
        return rc_error_set(err, RC_EINPUT, "%s: regions.capital \"gdp\" needs regions.gdp", src);
    char *path = rc_sim_resolve(src, file), *gpath = groups ? rc_sim_resolve(src, groups) : NULL;
    rc_read_options opt = {0};
    opt.region_col = idcol;
    opt.regions_file = gpath;
    rc_panel *p = NULL, *c = NULL;
    int rc = rc_panel_read(&p, path, &opt, err);
    free(path);
    free(gpath);
    if (rc)
        return rc;
    size_t t;
    rc_error e2;
    if (rc_panel_find_year(p, (int)json_integer_value(yr), &t, &e2)) {
        rc_panel_free(p);
        return rc_error_set(err, RC_EINPUT, "%s: regions.year: %s", src, e2.message);
    }
    const size_t n = rc_panel_nregions(p);
    if (!(sc->regions = calloc(n, sizeof *sc->regions))) {
        rc_panel_free(p);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    sc->n = n;
    size_t ga;
    int has_group = rc_panel_find_attr(p, "group", &ga, NULL) == RC_OK;
    double sumP = 0.0, sumY = 0.0;
    for (size_t i = 0; i < n && !rc; i++) {
        rc_sim_region *g = &sc->regions[i];
        double P, u, Y = 1.0;
        g->id = rc_sim_strdup(rc_panel_region_id(p, i));
        /* the panel's region_name / name attribute, when it has one, labels charts and maps */
        if (strcmp(rc_panel_region_name(p, i), g->id))
            g->name = rc_sim_strdup(rc_panel_region_name(p, i));
        if (has_group && *rc_panel_attr_value(p, ga, i))
            g->group = rc_sim_strdup(rc_panel_attr_value(p, ga, i));
        if ((rc = value_of(&P, p, pop, i, t, "pop", src, err)))
            break;
        if (json_is_number(urb))
            u = json_number_value(urb);
        else if ((rc = value_of(&u, p, json_string_value(urb), i, t, "urbanization", src, err)))
            break;
        if (!(u > 0 && u < 1)) {
            rc = rc_error_set(err, RC_EINPUT, "%s: regions.urbanization of '%s' is %g (must be in "
                              "(0, 1))", src, g->id, u);
            break;
        }
        if (gdp && (rc = value_of(&Y, p, gdp, i, t, "gdp", src, err)))
            break;
        g->urban = u * P;
        g->rural = (1.0 - u) * P;
        g->capital = Y; /* rescaled below */
        g->gdp = gdp ? Y : NAN;
        g->tfp = 1.0;
        g->capacity = g->lon = g->lat = NAN;
        sumP += P;
        sumY += Y;
    }
    for (size_t i = 0; i < n && !rc; i++)
        sc->regions[i].capital *= (double)n / sumY; /* capital ∝ GDP, mean 1 */
    if (!rc && cent && is_vector_file(cent)) {
        char *cpath = rc_sim_resolve(src, cent);
        rc = centroids_from_geometry(sc, cpath, idcol, src, err);
        free(cpath);
    } else if (!rc && cent) {
        char *cpath = rc_sim_resolve(src, cent);
        rc_read_options copt = {0};
        copt.region_col = idcol;
        rc = rc_panel_read(&c, cpath, &copt, err);
        free(cpath);
        size_t vlon = 0, vlat = 0;
        if (!rc && rc_panel_find_var(c, "centroid_lon", &vlon, NULL) &&
            rc_panel_find_var(c, "lon", &vlon, NULL))
            rc = rc_error_set(err, RC_EINPUT, "%s: regions.centroids has no lon or centroid_lon "
                              "column", src);
        if (!rc && rc_panel_find_var(c, "centroid_lat", &vlat, NULL) &&
            rc_panel_find_var(c, "lat", &vlat, NULL))
            rc = rc_error_set(err, RC_EINPUT, "%s: regions.centroids has no lat or centroid_lat "
                              "column", src);
        for (size_t i = 0; i < n && !rc; i++) {
            size_t j;
            if (rc_panel_find_region(c, sc->regions[i].id, &j, NULL))
                rc = rc_error_set(err, RC_EINPUT, "%s: regions.centroids has no row for region "
                                  "'%s'", src, sc->regions[i].id);
            else {
                sc->regions[i].lon = rc_panel_value(c, vlon, j, 0);
                sc->regions[i].lat = rc_panel_value(c, vlat, j, 0);
                if (!(fabs(sc->regions[i].lon) <= 180.0) || !(fabs(sc->regions[i].lat) <= 90.0))
                    rc = rc_error_set(err, RC_EINPUT, "%s: regions.centroids gives region '%s' "
                                      "lon = %g, lat = %g (degrees: lon in [-180, 180], lat in "
                                      "[-90, 90])", src, sc->regions[i].id, sc->regions[i].lon,
                                      sc->regions[i].lat);
            }
        }
    }
    rc_panel_free(c);
    rc_panel_free(p);
    if (!rc)
        sc->pop_scale = sumP;
    return rc;
}
