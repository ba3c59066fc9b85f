/* cmd_linkage.c — `regcoord linkage`: gravity linkage matrix, linkage network measures,
 * core–periphery and growth-pole field strength for every year of a panel. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "regcoord/weights.h"
#include "commands.h"
#include "regcoord/distance.h"
#include "regcoord/io.h"
#include "regcoord/linkage.h"

static const rc_cli_doc doc = {
    "linkage",
    "Gravity linkage matrix and network measures (degree, closeness, betweenness, core–periphery).",
    "DATA --mass GDP,POP (--geo FILE | --distances FILE) [--years A:B] [--table LIST] [options]",
    "For every year: the modified gravity model R_ij = k_ij sqrt(P_i G_i) sqrt(P_j G_j) / D_ij^β\n"
    "with k_ij = G_i/(G_i + G_j) (--gravity classic: k = 1), β = --beta (default 2); --mass\n"
    "names the GDP-like mass G first and the population-like mass P second. Distances D: great\n"
    "circle (km, R = 6371) between the points of --geo FILE (points or polygon centroids of a\n"
    "GeoJSON, Shapefile, GeoPackage …, or a table keyed by --geo-id with\n"
    "lon/lat columns, named by --coords LON,LAT; default lon,lat, centroid_lon,centroid_lat or\n"
    "longitude,latitude; --planar for projected x,y), or a table --distances FILE with\n"
    "columns from,to,value (road distance, travel time; one direction serves both).\n"
    "--symmetrise mean replaces R by (R + Rᵀ)/2. Links: a_ij = 1 when R_ij ≥ the threshold\n"
    "(--threshold rowmean: the mean of row i, default; global:Q: the Q-quantile of all R;\n"
    "value:V or a number; topk:K: the K strongest of each row).\n"
    "Tables: matrix (year,from,to,strength,membership,link; membership = R_ij / Σ_l R_il);\n"
    "nodes (year,region,total_out,total_in,share,out_degree,in_degree,closeness_out,\n"
    "closeness_in,betweenness,coreness,core: share = total_out / Σ total_out; degrees,\n"
    "closeness and betweenness as R igraph's normalized = TRUE, closeness over reachable\n"
    "regions and empty (not defined) when none is; coreness = Borgatti–Everett continuous\n"
    "coreness of the symmetrised network, core = 1 for the best-fitting discrete core);\n"
    "network (year,statistic,value: regions, links, density, links_undirected,\n"
    "density_undirected, weak_components, strong_components, centralization_out_degree,\n"
    "centralization_in_degree, centralization_betweenness, core_size, core_fit); poles\n"
    "(year,region,rank,total_out,share,hinterland,field_total,field_rank: the growth poles\n"
    "ranked by total linkage, the number of regions in their field-strength hinterland, and\n"
    "their summed field strength over the non-pole regions with its rank); field (year,region,pole,\n"
    "strength,assigned,margin: E = Z / D^β of every pole on every other region, assigned = 1\n"
    "for the strongest pole, margin = strongest / second strongest). Poles: --poles top:K\n"
    "(default top:3, by total linkage) or a list of region ids; quality Z = --quality VAR, by\n"
    "default G / max G of the year.\n"
    "Missing masses: the region is left out of that year's network (named on stderr).\n"
    "Negative masses, two regions with G = 0 (k undefined), regions without coordinates or\n"
    "distances, and coinciding points are errors naming the regions.\n"
    "Formulas: ../shared/methods/06-linkage.md.",
    "  regcoord linkage china_provinces_panel.csv --mass gdp,pop \\\n"
    "      --geo geo/china_provinces_centroids.csv --years 2019 --table nodes\n"
    "  regcoord linkage china_provinces_panel.csv --mass gdp,pop --distances road_km.csv \\\n"
    "      --threshold topk:3 --poles 110000,310000,440000 -o linkage/\n"
    "  regcoord linkage cities.xlsx --mass gdp,pop --geo cities.csv --coords x,y --planar \\\n"
    "      --gravity classic --table network",
};

enum { T_MATRIX, T_NODES, T_NETWORK, T_POLES, T_FIELD, T_COUNT };
static const char *const table_names[T_COUNT] = {"matrix", "nodes", "network", "poles", "field"};

typedef struct {
    const char *mass, *geo, *geo_id, *coords, *distances, *gravity, *symmetrise, *threshold,
        *poles, *quality, *tables;
    double beta;
    int planar;
} linkage_request;

static int new_table(rc_table **t, const char *name, const char *const *cols, const char *types,
                     rc_error *err)
{
    int rc = rc_table_new(t, name, err);
    for (size_t k = 0; rc == RC_OK && types[k]; k++)
        rc = rc_table_add_column(*t, cols[k],
                                 types[k] == 's' ? RC_COL_STR : types[k] == 'i' ? RC_COL_INT : RC_COL_DBL,
                                 NULL, err);
    return rc;
}

/* A note naming up to 8 regions. */
static void note_regions(const rc_cli_common *c, const char *what, const char *const *ids,
                         size_t count)
{
    if (!count)
        return;
    char buf[600];
    size_t len = 0;
    for (size_t k = 0; k < count && k < 8; k++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", k ? ", " : "", ids[k]);
    if (count > 8)
        snprintf(buf + len, sizeof buf - len, ", … (%zu in all)", count);
    rc_cli_note(c, "%s: %s", what, buf);
}

/* Points or polygons (GeoJSON, Shapefile, GeoPackage …) rather than a table of coordinates. */
static int is_geometry_file(const char *path)
{
    static const char *const ext[] = {".geojson", ".json", ".shp", ".gpkg", ".kml", ".gml", ".fgb"};
    size_t lp = strlen(path);
    for (size_t k = 0; k < sizeof ext / sizeof *ext; k++) {
        size_t le = strlen(ext[k]);
        if (lp > le && !strcasecmp(path + lp - le, ext[k]))
            return 1;
    }
    return 0;
}

/* Distances between the points (or polygon centroids) of a geometry file, matched to the panel's
 * region ids as text or as whole numbers; great-circle for lon/lat layers unless --planar. */
static int geometry_distances(double *D, const char *const *ids, size_t n, const linkage_request *req,
                              const rc_cli_common *c, rc_error *err)
{
    rc_points *pts = NULL;
    int rc = RC_EINPUT;
    /* Without --geo-id, the id field is the data's region column when the geometry has it. */
    if (!req->geo_id && c->region_col)
        rc = rc_points_read(&pts, req->geo, c->region_col, NULL);
    if (rc != RC_OK)
        rc = rc_points_read(&pts, req->geo, req->geo_id, err);
    if (rc != RC_OK)
        return rc;
    double *x = malloc((n ? n : 1) * sizeof *x), *y = malloc((n ? n : 1) * sizeof *y);
    char missing[400] = "";
    size_t nmiss = 0;
    if (!x || !y)
        rc = rc_error_set(err, RC_ENOMEM, "out of memory");
    for (size_t i = 0; rc == RC_OK && i < n; i++) {
        size_t k = 0;
        while (k < pts->n && !rc_region_ids_match(pts->ids[k], ids[i]))
            k++;
        if (k == pts->n) {
            if (nmiss++ < 8)
                snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%s",
                         nmiss > 1 ? ", " : "", ids[i]);
            continue;
        }
        x[i] = pts->x[k], y[i] = pts->y[k];
    }
    if (rc == RC_OK && nmiss)
        rc = rc_error_set(err, RC_EINPUT, "%zu region(s) of the panel have no feature in %s: %s%s", nmiss,
                          req->geo, missing, nmiss > 8 ? ", …" : "");
    if (rc == RC_OK)
        rc = rc_distance_matrix(D, x, y, n, req->planar || !pts->geographic ? RC_DIST_EUCLIDEAN
                                                                          : RC_DIST_GREAT_CIRCLE, err);
    free(x), free(y);
    rc_points_free(pts);
    return rc;
}

/* Distances between all regions of the panel, from --geo or --distances. */
static int panel_distances(double *D, const rc_panel *p, const linkage_request *req,
                           const rc_cli_common *c, rc_error *err)
{
    size_t n = rc_panel_nregions(p);
    const char **ids = malloc(n * sizeof *ids);
    if (!ids)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        ids[i] = rc_panel_region_id(p, i);
    int rc;
    if (req->distances) {
        size_t unknown;
        rc = rc_distance_matrix_read(D, ids, n, req->distances, &unknown, err);
        if (rc == RC_OK && unknown)
            rc_cli_note(c, "%s: skipped %zu row(s) naming regions that are not in the panel",
                        req->distances, unknown);
        free(ids);
        return rc;
    }
    if (is_geometry_file(req->geo)) {
        rc = geometry_distances(D, ids, n, req, c, err);
        free(ids);
        return rc;
    }
    rc_read_options opt = {.region_col = req->geo_id};
    rc_panel *g = NULL;
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    const char **missing = malloc(n * sizeof *missing);
    size_t nmiss = 0, vx = 0, vy = 0;
    rc = (x && y && missing) ? rc_panel_read(&g, req->geo, &opt, err)
                             : rc_error_set(err, RC_ENOMEM, "out of memory");
    if (rc == RC_OK) {
        static const char *const pairs[][2] = {{"lon", "lat"}, {"centroid_lon", "centroid_lat"},
                                               {"longitude", "latitude"}, {"x", "y"}};
        char lon[128] = "", lat[128] = "";
        if (req->coords) {
            const char *comma = strchr(req->coords, ',');
            if (!comma || comma == req->coords || !comma[1] || (size_t)(comma - req->coords) >= sizeof lon)
                rc = rc_error_set(err, RC_EUSAGE, "--coords needs two column names LON,LAT (got '%s')",
                                  req->coords);
            else {
                memcpy(lon, req->coords, (size_t)(comma - req->coords));
                snprintf(lat, sizeof lat, "%s", comma + 1);
            }
        } else {
            for (size_t k = 0; k < 4 && !lon[0]; k++)
                if (rc_panel_find_var(g, pairs[k][0], &vx, NULL) == RC_OK &&
                    rc_panel_find_var(g, pairs[k][1], &vy, NULL) == RC_OK) {
                    snprintf(lon, sizeof lon, "%s", pairs[k][0]);
                    snprintf(lat, sizeof lat, "%s", pairs[k][1]);
                }
            if (!lon[0])
                rc = rc_error_set(err, RC_EINPUT,
                                  "%s has no coordinate columns lon,lat, centroid_lon,centroid_lat, "
                                  "longitude,latitude or x,y (name them with --coords LON,LAT)",
                                  req->geo);
        }
        if (rc == RC_OK && (rc = rc_panel_find_var(g, lon, &vx, err)) == RC_OK)
            rc = rc_panel_find_var(g, lat, &vy, err);
    }
    for (size_t i = 0; rc == RC_OK && i < n; i++) {
        size_t k;
        if (rc_panel_find_region(g, ids[i], &k, NULL) != RC_OK ||
            isnan(rc_panel_value(g, vx, k, 0)) || isnan(rc_panel_value(g, vy, k, 0))) {
            missing[nmiss++] = ids[i];
            continue;
        }
        x[i] = rc_panel_value(g, vx, k, 0);
        y[i] = rc_panel_value(g, vy, k, 0);
    }
    if (rc == RC_OK && nmiss) {
        char buf[400];
        size_t len = 0;
        for (size_t k = 0; k < nmiss && k < 8; k++)
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", k ? ", " : "", missing[k]);
        rc = rc_error_set(err, RC_EINPUT, "%zu region(s) of the panel have no coordinates in %s: %s%s",
                          nmiss, req->geo, buf, nmiss > 8 ? ", …" : "");
    }
    if (rc == RC_OK) {
        rc_distance_kind kind = req->planar ? RC_DIST_EUCLIDEAN : RC_DIST_GREAT_CIRCLE;
        rc = rc_distance_matrix(D, x, y, n, kind, err);
        /* The kernel speaks of point indices: find the culprit again and name the regions. */
        int named = 0;
        for (size_t i = 0; rc == RC_EINPUT && !named && i < n; i++) {
            if (rc_distance_matrix(D, &x[i], &y[i], 1, kind, NULL) != RC_OK) {
                named = 1;
                rc = rc_error_set(err, RC_EINPUT, "%s: region %s has coordinates (%g, %g), which are "
                                  "not longitude/latitude in degrees (use --planar for projected ones)",
                                  req->geo, ids[i], x[i], y[i]);
                break;
            }
            for (size_t j = i + 1; j < n; j++)
                if (x[i] == x[j] && y[i] == y[j]) {
                    named = 1;
                    rc = rc_error_set(err, RC_EINPUT, "%s: regions %s and %s have the same point (%g, %g); "
                                      "the gravity model needs distinct locations",
                                      req->geo, ids[i], ids[j], x[i], y[i]);
                    break;
                }
        }
    }
    rc_panel_free(g);
    free(x), free(y), free(missing), free(ids);
    return rc;
}

/* Everything one year needs, for the m regions sel[0..m-1] of the panel. */
typedef struct {
    size_t m, npoles;
    size_t *sel, *pole, *assign, *order;
    double *D, *R, *G, *P, *Z, *out, *in, *E, *margin;
    double *od, *id, *co, *ci, *b, *coreness;
    int *core;
    unsigned char *a;
    const char **names; /* regions to name in a note */
} year_work;

static void work_free(year_work *w)
{
    free(w->sel), free(w->pole), free(w->assign), free(w->order), free(w->D), free(w->R);
    free(w->G), free(w->P), free(w->Z), free(w->out), free(w->in), free(w->E), free(w->margin);
    free(w->od), free(w->id), free(w->co), free(w->ci), free(w->b), free(w->coreness);
    free(w->core), free(w->a), free(w->names);
    memset(w, 0, sizeof *w);
}

static int work_alloc(year_work *w, size_t n)
{
    memset(w, 0, sizeof *w);
    size_t nn = n * n;
    w->sel = malloc(n * sizeof *w->sel), w->pole = malloc(n * sizeof *w->pole);
    w->assign = malloc(n * sizeof *w->assign), w->order = malloc(n * sizeof *w->order);
    w->D = malloc(nn * sizeof *w->D), w->R = malloc(nn * sizeof *w->R);
    w->G = malloc(n * sizeof *w->G), w->P = malloc(n * sizeof *w->P), w->Z = malloc(n * sizeof *w->Z);
    w->out = malloc(n * sizeof *w->out), w->in = malloc(n * sizeof *w->in);
    w->margin = malloc(n * sizeof *w->margin);
    w->od = malloc(n * sizeof *w->od), w->id = malloc(n * sizeof *w->id);
    w->co = malloc(n * sizeof *w->co), w->ci = malloc(n * sizeof *w->ci);
    w->b = malloc(n * sizeof *w->b), w->coreness = malloc(n * sizeof *w->coreness);
    w->core = malloc(n * sizeof *w->core), w->a = malloc(nn);
    w->names = malloc(n * sizeof *w->names);
    return w->names && w->sel && w->pole && w->assign && w->order && w->D && w->R && w->G && w->P && w->Z &&
                   w->out && w->in && w->margin && w->od && w->id && w->co && w->ci && w->b &&
                   w->coreness && w->core && w->a
               ? RC_OK
               : RC_ENOMEM;
}

typedef struct {
    double total;
    size_t r;
} by_total;

/* Larger total linkage first; ties by lower index (input order). */
static int cmp_total(const void *x, const void *y)
{
    const by_total *a = x, *b = y;
    if (a->total != b->total)
        return a->total < b->total ? 1 : -1;
    return (a->r > b->r) - (a->r < b->r);
}

typedef struct {
    const rc_panel *p;
    const linkage_request *req;
    const rc_cli_common *c;
    size_t vg, vp, vz;
    int has_quality;
    rc_gravity_kind kind;
    rc_binarize_spec spec;
    char **pole_ids; /* NULL: top:K */
    size_t npole_ids, topk;
    const int *want;
    rc_table **tab;
    const double *Dall; /* distances among all panel regions */
} linkage_ctx;

/* One year's network; returns RC_OK, or RC_EINSUFFICIENT with *skipped = 1 when the year has
 * no masses at all. */
static int one_year(const linkage_ctx *x, size_t t, year_work *w, int *skipped, rc_error *err)
{
    const rc_panel *p = x->p;
    size_t n = rc_panel_nregions(p), m = 0, ndrop = 0;
    int year = rc_panel_year(p, t);
    const char **dropped = w->names;
    const char *zero_g = NULL;
    *skipped = 0;
    for (size_t i = 0; i < n; i++) {
        double g = rc_panel_value(p, x->vg, i, t), q = rc_panel_value(p, x->vp, i, t);
        const char *id = rc_panel_region_id(p, i);
        if (isnan(g) || isnan(q)) {
            dropped[ndrop++] = id;
            continue;
        }
        if (g < 0 || q < 0)
            return rc_error_set(err, RC_EINPUT, "'%s' has %s = %g in %d (masses must be ≥ 0)", id,
                                g < 0 ? rc_panel_var_name(p, x->vg) : rc_panel_var_name(p, x->vp),
                                g < 0 ? g : q, year);
        if (g == 0 && x->kind == RC_GRAVITY_MODIFIED) {
            if (zero_g)
                return rc_error_set(err, RC_EINPUT,
                                    "'%s' and '%s' both have %s = 0 in %d, so the asymmetry "
                                    "k = G_i/(G_i + G_j) is undefined (use --gravity classic)",
                                    zero_g, id, rc_panel_var_name(p, x->vg), year);
            zero_g = id;
        }
        w->sel[m] = i;
        w->G[m] = g;
        w->P[m] = q;
        m++;
    }
    if (m == 0) {
        *skipped = 1;
        return RC_OK;
    }
    char what[120];
    snprintf(what, sizeof what, "%d: left out %zu region(s) with a missing mass", year, ndrop);
    note_regions(x->c, what, dropped, ndrop);
    if (m < 3)
        return rc_error_set(err, RC_EINSUFFICIENT,
                            "%d: only %zu region(s) have both masses; the network measures need 3",
                            year, m);
    w->m = m;
    for (size_t r = 0; r < m; r++)
        for (size_t s = 0; s < m; s++)
            w->D[r * m + s] = x->Dall[w->sel[r] * n + w->sel[s]];
    int rc = rc_gravity(w->R, w->G, w->P, w->D, m, x->req->beta, x->kind, err);
    if (rc != RC_OK)
        return rc;
    if (!strcmp(x->req->symmetrise, "mean"))
        rc_linkage_symmetrise(w->R, m);
    double total = 0;
    for (size_t r = 0; r < m; r++) {
        w->out[r] = w->in[r] = 0;
        for (size_t s = 0; s < m; s++) {
            w->out[r] += w->R[r * m + s];
            total += w->R[r * m + s];
        }
        for (size_t s = 0; s < m; s++)
            w->in[r] += w->R[s * m + r];
    }
    size_t nisolated = 0;
    for (size_t r = 0; r < m; r++)
        if (!(w->out[r] > 0))
            w->names[nisolated++] = rc_panel_region_id(p, w->sel[r]);
    snprintf(what, sizeof what, "%d: membership not defined (empty) for %zu region(s) of zero "
             "outward linkage (a zero mass)", year, nisolated);
    note_regions(x->c, what, w->names, nisolated);
    if ((rc = rc_linkage_binarize(w->a, w->R, m, &x->spec, err)) != RC_OK)
        return rc;
    rc_network net = {.out_degree = w->od, .in_degree = w->id, .closeness_out = w->co,
                      .closeness_in = w->ci, .betweenness = w->b};
    if ((rc = rc_network_measures(&net, w->a, m, err)) != RC_OK)
        return rc;
    size_t core_size;
    double fit;
    rc = rc_core_periphery(w->coreness, w->core, &core_size, &fit, w->a, m, err);
    int cp_noted = rc == RC_ENUMERIC;
    if (rc == RC_ENUMERIC) {
        /* Some networks (a star, say) have no finite optimum: the coreness drifts towards a
         * single vertex. That year's split is reported as not defined instead of failing. */
        rc_cli_note(x->c, "%d: %s; coreness is empty and no core is reported", year, err->message);
        for (size_t r = 0; r < m; r++)
            w->coreness[r] = NAN, w->core[r] = 0;
        core_size = 0;
        fit = NAN;
        rc = RC_OK;
    } else if (rc != RC_OK)
        return rc;
    /* Name the regions whose closeness is not defined (a NaN in the table). */
    for (int mode = 0; mode < 2; mode++) {
        const double *cl = mode ? w->ci : w->co;
        size_t k = 0;
        for (size_t r = 0; r < m; r++)
            if (isnan(cl[r]))
                w->names[k++] = rc_panel_region_id(p, w->sel[r]);
        snprintf(what, sizeof what, "%d: %s not defined (empty) for %zu region(s) %s", year,
                 mode ? "closeness_in" : "closeness_out", k,
                 mode ? "that no region reaches" : "that reach no region");
        note_regions(x->c, what, w->names, k);
    }
    if (core_size == 0 && !cp_noted)
        rc_cli_note(x->c, "%d: no core–periphery split is defined (too few regions or links)", year);
    /* Growth poles: ranked by total (outward) linkage. */
    by_total *ranked = malloc(m * sizeof *ranked);
    if (!ranked)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    for (size_t r = 0; r < m; r++)
        ranked[r] = (by_total){w->out[r], r};
    qsort(ranked, m, sizeof *ranked, cmp_total);
    for (size_t r = 0; r < m; r++)
        w->order[r] = ranked[r].r;
    free(ranked);
    size_t np = 0;
    if (x->pole_ids) {
        for (size_t q = 0; q < x->npole_ids; q++) {
            size_t r = 0;
            while (r < m && strcmp(rc_panel_region_id(p, w->sel[r]), x->pole_ids[q]))
                r++;
            if (r == m)
                return rc_error_set(err, RC_EINPUT, "growth pole '%s' is not among the regions "
                                    "of %d (unknown id or missing mass)", x->pole_ids[q], year);
            w->pole[np++] = r;
        }
    } else
        for (size_t q = 0; q < x->topk && q < m; q++)
            w->pole[np++] = w->order[q];
    double gmax = 0;
    for (size_t r = 0; r < m; r++)
        gmax = fmax(gmax, w->G[r]);
    for (size_t q = 0; q < np; q++) {
        size_t r = w->pole[q];
        w->Z[q] = x->has_quality ? rc_panel_value(p, x->vz, w->sel[r], t) : w->G[r] / gmax;
        if (!(w->Z[q] > 0))
            return rc_error_set(err, RC_EINPUT, "growth pole '%s' needs a positive quality in %d "
                                "(has %g)", rc_panel_region_id(p, w->sel[r]), year, w->Z[q]);
    }
    w->npoles = np;
    free(w->E);
    w->E = malloc(np * m * sizeof *w->E);
    if (!w->E)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    if ((rc = rc_field_strength(w->E, w->assign, w->margin, w->Z, w->pole, np, w->D, m,
                                x->req->beta, err)) != RC_OK)
        return rc;

    /* ---- rows ---- */
    rc_table **tab = x->tab;
    for (size_t r = 0; rc == RC_OK && x->want[T_MATRIX] && r < m; r++)
        for (size_t s = 0; rc == RC_OK && s < m; s++)
            if (s != r)
                rc = rc_table_append(tab[T_MATRIX], err, "issddi", year,
                                     rc_panel_region_id(p, w->sel[r]), rc_panel_region_id(p, w->sel[s]),
                                     w->R[r * m + s], w->out[r] > 0 ? w->R[r * m + s] / w->out[r] : NAN,
                                     (int)w->a[r * m + s]);
    for (size_t r = 0; rc == RC_OK && x->want[T_NODES] && r < m; r++)
        rc = rc_table_append(tab[T_NODES], err, "isdddddddddi", year, rc_panel_region_id(p, w->sel[r]),
                             w->out[r], w->in[r], total > 0 ? w->out[r] / total : NAN, w->od[r],
                             w->id[r], w->co[r], w->ci[r], w->b[r], w->coreness[r], w->core[r]);
    if (rc == RC_OK && x->want[T_NETWORK]) {
        const struct {
            const char *name;
            double v;
        } stats[] = {
            {"regions", (double)m},
            {"links", (double)net.links},
            {"density", net.density},
            {"links_undirected", (double)net.links_undirected},
            {"density_undirected", net.density_undirected},
            {"weak_components", (double)net.weak_components},
            {"strong_components", (double)net.strong_components},
            {"centralization_out_degree", net.centralization_out_degree},
            {"centralization_in_degree", net.centralization_in_degree},
            {"centralization_betweenness", net.centralization_betweenness},
            {"core_size", (double)core_size},
            {"core_fit", fit},
        };
        for (size_t k = 0; rc == RC_OK && k < sizeof stats / sizeof *stats; k++)
            rc = rc_table_append(tab[T_NETWORK], err, "isd", year, stats[k].name, stats[k].v);
    }
    /* Field strength of a pole over the non-pole regions, Σ_j E_pj, ranks the poles a second
     * way (ties: the lower pole). */
    double *field_total = calloc(np ? np : 1, sizeof *field_total);
    if (!field_total)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    for (size_t q = 0; q < np; q++)
        for (size_t s = 0; s < m; s++) {
            int s_is_pole = 0;
            for (size_t o = 0; o < np; o++)
                s_is_pole |= w->pole[o] == s;
            if (!s_is_pole)
                field_total[q] += w->E[q * m + s];
        }
    for (size_t q = 0; rc == RC_OK && x->want[T_POLES] && q < np; q++) {
        size_t r = w->pole[q], rank = 0, hinter = 0, frank = 1;
        while (w->order[rank] != r)
            rank++;
        for (size_t s = 0; s < m; s++)
            hinter += s != r && w->assign[s] == q;
        for (size_t o = 0; o < np; o++)
            frank += field_total[o] > field_total[q] || (field_total[o] == field_total[q] && o < q);
        rc = rc_table_append(tab[T_POLES], err, "isiddidi", year, rc_panel_region_id(p, w->sel[r]),
                             (int)rank + 1, w->out[r], total > 0 ? w->out[r] / total : NAN, (int)hinter,
                             field_total[q], (int)frank);
    }
    free(field_total);
    for (size_t s = 0; rc == RC_OK && x->want[T_FIELD] && s < m; s++)
        for (size_t q = 0; rc == RC_OK && q < np; q++)
            if (w->pole[q] != s)
                rc = rc_table_append(tab[T_FIELD], err, "issdid", year, rc_panel_region_id(p, w->sel[s]),
                                     rc_panel_region_id(p, w->sel[w->pole[q]]), w->E[q * m + s],
                                     (int)(w->assign[s] == q), w->margin[s]);
    return rc;
}

static int parse_tables(int *want, const char *list)
{
    if (!list) {
        for (int k = 0; k < T_COUNT; k++)
            want[k] = 1;
        return 0;
    }
    char **items;
    size_t n;
    if (rc_cli_split_list(list, &items, &n) != RC_OK || n == 0)
        return rc_cli_usage_error("--table needs a comma-separated list of tables");
    int code = 0;
    for (size_t k = 0; k < n && !code; k++) {
        int t = 0;
        while (t < T_COUNT && strcmp(items[k], table_names[t]))
            t++;
        if (t == T_COUNT)
            code = rc_cli_usage_error("unknown table '%s' (matrix, nodes, network, poles, field)",
                                      items[k]);
        else
            want[t] = 1;
    }
    rc_cli_free_list(items, n);
    return code;
}

int rc_cmd_linkage(int argc, char **argv)
{
    rc_cli_common c;
    rc_cli_common_init(&c);
    linkage_request req = {.gravity = "modified", .symmetrise = "none", .threshold = "rowmean",
                           .poles = "top:3", .beta = 2};
    const rc_cli_option opts[] = {
        RC_CLI_DATA_OPTIONS(&c),
        {"mass", 0, RC_OPT_STR, &req.mass, "G,P", "GDP-like and population-like mass variables (required)"},
        {"geo", 0, RC_OPT_STR, &req.geo, "FILE", "region points: a geometry file (points or polygon centroids) or a table (lon/lat; see --coords)"},
        {"geo-id", 0, RC_OPT_STR, &req.geo_id, "COL", "region id column of --geo (default: as the data)"},
        {"coords", 0, RC_OPT_STR, &req.coords, "LON,LAT", "coordinate columns of --geo"},
        {"planar", 0, RC_OPT_FLAG, &req.planar, NULL, "projected coordinates: Euclidean distances"},
        {"distances", 0, RC_OPT_STR, &req.distances, "FILE", "distance table from,to,value instead of --geo"},
        {"gravity", 0, RC_OPT_STR, &req.gravity, "KIND", "modified (default, k = G_i/(G_i+G_j)) or classic"},
        {"beta", 0, RC_OPT_DBL, &req.beta, "B", "distance decay exponent (default 2)"},
        {"symmetrise", 0, RC_OPT_STR, &req.symmetrise, "HOW", "none (default) or mean: (R + Rᵀ)/2"},
        {"threshold", 0, RC_OPT_STR, &req.threshold, "SPEC", "rowmean (default), global:Q, value:V, topk:K"},
        {"poles", 0, RC_OPT_STR, &req.poles, "LIST", "growth poles: top:K (default top:3) or region ids"},
        {"quality", 0, RC_OPT_STR, &req.quality, "VAR", "pole quality Z (default G / max G)"},
        {"table", 0, RC_OPT_STR, &req.tables, "LIST", "matrix, nodes, network, poles, field (default all)"},
        RC_CLI_OUTPUT_OPTIONS(&c),
        RC_CLI_END,
    };
    const char *data;
    int code = rc_cli_parse_data(&doc, opts, &c, argc, argv, &data);
    if (code >= 0)
        return code;
    int want[T_COUNT] = {0};
    linkage_ctx x = {.req = &req, .c = &c, .want = want};
    rc_error err;
    if (!req.mass)
        return rc_cli_usage_error("linkage needs --mass G,P (GDP-like mass first, population second)");
    if (!req.geo == !req.distances)
        return rc_cli_usage_error("linkage needs exactly one of --geo FILE and --distances FILE");
    if (!strcmp(req.gravity, "modified"))
        x.kind = RC_GRAVITY_MODIFIED;
    else if (!strcmp(req.gravity, "classic"))
        x.kind = RC_GRAVITY_CLASSIC;
    else
        return rc_cli_usage_error("--gravity must be modified or classic, not '%s'", req.gravity);
    if (strcmp(req.symmetrise, "none") && strcmp(req.symmetrise, "mean"))
        return rc_cli_usage_error("--symmetrise must be none or mean, not '%s'", req.symmetrise);
    if (!(isfinite(req.beta) && req.beta > 0))
        return rc_cli_usage_error("--beta must be a positive number");
    if (rc_binarize_spec_parse(&x.spec, req.threshold, &err) != RC_OK)
        return rc_cli_usage_error("--threshold: %s", err.message);
    if ((code = parse_tables(want, req.tables)) != 0)
        return code;
    if (!strncmp(req.poles, "top:", 4)) {
        char *end;
        long k = strtol(req.poles + 4, &end, 10);
        if (end == req.poles + 4 || *end || k < 1)
            return rc_cli_usage_error("--poles top:K needs K ≥ 1 (got '%s')", req.poles);
        x.topk = (size_t)k;
    } else if (rc_cli_split_list(req.poles, &x.pole_ids, &x.npole_ids) != RC_OK || !x.npole_ids)
        return rc_cli_usage_error("--poles needs top:K or a list of region ids");
    char **mass = NULL;
    size_t nmass = 0;
    rc_panel *p = NULL;
    double *Dall = NULL;
    year_work w = {0};
    rc_table *tab[T_COUNT] = {0};
    int rc = RC_OK;
    if (rc_cli_split_list(req.mass, &mass, &nmass) != RC_OK || nmass != 2) {
        code = rc_cli_usage_error("--mass needs two variables G,P (got '%s')", req.mass);
        goto done;
    }
    if ((code = rc_cli_load_panel(&c, data, &p)) != 0)
        goto done;
    if ((code = rc_cli_find_var(p, mass[0], &x.vg)) != 0 || (code = rc_cli_find_var(p, mass[1], &x.vp)) != 0)
        goto done;
    if (req.quality) {
        if ((code = rc_cli_find_var(p, req.quality, &x.vz)) != 0)
            goto done;
        x.has_quality = 1;
    }
    size_t n = rc_panel_nregions(p);
    x.p = p;
    x.tab = tab;
    Dall = malloc(n * n * sizeof *Dall);
    if (!Dall || work_alloc(&w, n) != RC_OK) {
        rc = rc_error_set(&err, RC_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = panel_distances(Dall, p, &req, &c, &err)) != RC_OK)
        goto done;
    x.Dall = Dall;
    static const char *const mcols[] = {"year", "from", "to", "strength", "membership", "link"};
    static const char *const ncols[] = {"year", "region", "total_out", "total_in", "share",
                                        "out_degree", "in_degree", "closeness_out", "closeness_in",
                                        "betweenness", "coreness", "core"};
    static const char *const scols[] = {"year", "statistic", "value"};
    static const char *const pcols[] = {"year", "region", "rank", "total_out", "share", "hinterland",
                                        "field_total", "field_rank"};
    static const char *const fcols[] = {"year", "region", "pole", "strength", "assigned", "margin"};
    if ((rc = new_table(&tab[T_MATRIX], "matrix", mcols, "issddi", &err)) ||
        (rc = new_table(&tab[T_NODES], "nodes", ncols, "isdddddddddi", &err)) ||
        (rc = new_table(&tab[T_NETWORK], "network", scols, "isd", &err)) ||
        (rc = new_table(&tab[T_POLES], "poles", pcols, "isiddidi", &err)) ||
        (rc = new_table(&tab[T_FIELD], "field", fcols, "issdid", &err)))
        goto done;
    size_t T = rc_panel_nyears(p), years_done = 0;
    for (size_t t = 0; t < T && rc == RC_OK; t++) {
        int skipped;
        rc = one_year(&x, t, &w, &skipped, &err);
        if (rc == RC_OK && skipped)
            rc_cli_note(&c, "%d: no region has both masses, year skipped", rc_panel_year(p, t));
        years_done += rc == RC_OK && !skipped;
        rc_cli_progress(&c, "linkage", t + 1, T);
    }
    if (rc == RC_OK && !years_done)
        rc = rc_error_set(&err, RC_EINSUFFICIENT, "%s and %s have no values in the chosen years",
                          mass[0], mass[1]);
    if (rc == RC_OK) {
        const rc_table *all[T_COUNT];
        size_t k = 0;
        for (int t = 0; t < T_COUNT; t++)
            if (want[t])
                all[k++] = tab[t];
        code = k == 1 ? rc_cli_emit(&c, all[0]) : rc_cli_emit_all(&c, all, k);
    }
done:
    for (int t = 0; t < T_COUNT; t++)
        rc_table_free(tab[t]);
    work_free(&w);
    free(Dall);
    rc_cli_free_list(mass, nmass);
    rc_cli_free_list(x.pole_ids, x.npole_ids);
    rc_panel_free(p);
    if (rc != RC_OK)
        return rc_cli_fail(&err);
    return code;
}
