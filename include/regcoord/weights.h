/* weights.h — sparse spatial weights (rc_weights): built from polygons (queen/rook contiguity),
 * from points or polygon centroids (k nearest neighbours, distance band, inverse distance),
 * or read from GAL/GWT files; transformed (binary, row-standardised, variance-stabilising),
 * symmetrised, summarised and written back as GAL/GWT.
 *
 * Storage is compressed rows (CSR) over regions 0..n-1 with string ids; the neighbours of a row
 * are sorted by index and unique. The original weights are kept so that every transformation
 * starts from them (libpysal's convention). Islands (rows without a neighbour) are allowed and
 * stay all-zero under every transformation: no division by zero anywhere.
 * Conventions: ../shared/methods/03-spatial.md §1. */
#ifndef REGCOORD_WEIGHTS_H
#define REGCOORD_WEIGHTS_H

#include <stddef.h>
#include "regcoord/autocorrelation.h"
#include "regcoord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    size_t n;
    char **ids;           /* n region ids (owned) */
    size_t *offsets;      /* n + 1 */
    size_t *neighbours;   /* offsets[n], sorted and unique within a row, never the row itself */
    double *original;     /* offsets[n] weights as built or read */
    double *values;       /* offsets[n] weights under the current transformation */
    char transform;       /* 'O' original, 'B' binary, 'R' row-standardised, 'V' variance-stab. */
} rc_weights;

void rc_weights_free(rc_weights *w);

/* Build from m directed links from[e] → to[e] with weight wt[e] (wt NULL: all 1) among n
 * regions named ids (copied). Self-links are an error; a link given twice keeps its first
 * weight. Rows are sorted by neighbour index. */
int rc_weights_from_links(rc_weights **out, size_t n, const char *const *ids, const size_t *from,
                          const size_t *to, const double *wt, size_t m, rc_error *err);

/* The current values as a read-only CSR view. */
rc_csr rc_weights_csr(const rc_weights *w);

/* Index of region id, or SIZE_MAX. Linear; callers that look up many ids build their own map. */
size_t rc_weights_find(const rc_weights *w, const char *id);

/* Recompute values from the original weights: 'O' original, 'B' binary (non-zero → 1),
 * 'R' row-standardised w_ij / Σ_j w_ij, 'V' variance-stabilising (libpysal "V": each row
 * divided by its Euclidean norm, then all scaled so that they sum to n). Case-insensitive. */
int rc_weights_transform(rc_weights *w, char transform, rc_error *err);

/* Make the neighbour relation symmetric (libpysal W.symmetrize): a link i → j without j → i
 * gains j → i with the same original weight. The transformation is re-applied. */
int rc_weights_symmetrize(rc_weights *w, rc_error *err);

/* Keep only the regions keep[0..m-1] (indices into w, in that order): rows and columns of the
 * others are removed. Original weights are kept; the current transformation is re-applied. */
int rc_weights_subset(rc_weights **out, const rc_weights *w, const size_t *keep, size_t m,
                      rc_error *err);

typedef struct {
    size_t n, links;            /* regions; non-zero links (directed) */
    size_t islands;             /* rows without a neighbour */
    size_t components;          /* connected components of the undirected neighbour graph */
    size_t min_neighbours, max_neighbours;
    double mean_neighbours;
    double pct_nonzero;         /* 100 · links / n² */
    int symmetric;              /* 1 if every link i → j has j → i with the same original weight */
    int binary_symmetric;       /* 1 if the neighbour relation (ignoring weights) is symmetric */
    double s0, s1, s2;          /* of the current values (libpysal W.s0, s1, s2) */
} rc_weights_summary;

int rc_weights_summarize(rc_weights_summary *out, const rc_weights *w, rc_error *err);

/* Component label (0 … components−1, in order of first region) per region, into comp[n]. */
int rc_weights_components(size_t *comp, size_t *ncomp, const rc_weights *w, rc_error *err);

/* ---- files ------------------------------------------------------------------------------ */

/* GAL (GeoDa/PySAL): header "0 n [shape] [idfield]" or "n", then per region "id k" and a line
 * of k neighbour ids. GWT: header likewise, then lines "i j w". Errors name file and line.
 * A neighbour id that is not a region of the file is an error; an asymmetric relation is kept
 * (the summary tells). Format by extension (.gal / .gwt, any case) or the explicit one. */
int rc_weights_read_gal(rc_weights **out, const char *path, rc_error *err);
int rc_weights_read_gwt(rc_weights **out, const char *path, rc_error *err);
int rc_weights_read(rc_weights **out, const char *path, rc_error *err);

/* Write the original weights (GAL: the neighbour lists; GWT: with weights), atomically.
 * Ids must not contain white space (GAL/GWT are white-space separated): an error otherwise. */
int rc_weights_write_gal(const rc_weights *w, const char *path, const char *id_field,
                         rc_error *err);
int rc_weights_write_gwt(const rc_weights *w, const char *path, const char *id_field,
                         rc_error *err);
int rc_weights_write(const rc_weights *w, const char *path, const char *id_field, rc_error *err);

/* ---- geometry --------------------------------------------------------------------------- */

/* Points of regions: coordinates and ids; geographic = 1 for lon/lat degrees. */
typedef struct {
    size_t n;
    char **ids;
    double *x, *y;
    int geographic;
} rc_points;

void rc_points_free(rc_points *p);

/* The features of an OGR vector source (first layer): their id field (NULL: "region_id",
 * else "id", else the first field) and their point, or the centroid of their polygon.
 * geographic from the layer's spatial reference (no reference: lon/lat if every coordinate is
 * within [-180, 180] × [-90, 90]). Duplicate ids and empty geometries are errors. */
int rc_points_read(rc_points **out, const char *path, const char *id_field, rc_error *err);

typedef enum { RC_QUEEN, RC_ROOK } rc_contiguity;

/* Queen / rook contiguity of the polygons of an OGR source by vertex matching: two polygons
 * are queen neighbours if a vertex of one lies within tolerance of a vertex of the other (every
 * part and ring counts), rook if at least two such distinct points exist (spdep poly2nb's
 * rule). tolerance ≤ 0 means the default sqrt(DBL_EPSILON). Binary weights, symmetric. */
int rc_weights_contiguity(rc_weights **out, const char *path, const char *id_field,
                          rc_contiguity rule, double tolerance, rc_error *err);

/* Distance between points i and j: great-circle (haversine, R = 6371.0 km) when geographic,
 * else Euclidean. */
double rc_points_distance(const rc_points *p, size_t i, size_t j);

/* k nearest neighbours (ties at the k-th distance broken by the smaller index), binary,
 * asymmetric. k must be < n. */
int rc_weights_knn(rc_weights **out, const rc_points *p, size_t k, rc_error *err);

/* Distance band: j is a neighbour of i if d_ij ≤ band (inclusive). alpha = 0: binary weights;
 * alpha > 0: inverse distance d_ij^(−alpha) (band ≤ 0 or infinite: all pairs). Coincident
 * points are an error for inverse distance. */
int rc_weights_distance(rc_weights **out, const rc_points *p, double band, double alpha,
                        rc_error *err);

/* ---- SPEC ------------------------------------------------------------------------------- */

/* Build weights from a SPEC (ARCHITECTURE.md): gal:FILE, gwt:FILE, queen:FILE, rook:FILE,
 * knn:K, dist:D, idw:ALPHA or idw:ALPHA:D; a bare FILE ending in .gal/.gwt reads it. knn/dist/
 * idw take their points from points_path (an OGR source of points or polygons); distances in
 * the source's units, kilometres for lon/lat. id_field names the id field of geometry files
 * (NULL: default as rc_points_read). tolerance for contiguity as rc_weights_contiguity. */
typedef struct {
    const char *id_field;
    const char *points_path;
    double tolerance;
} rc_weights_spec_options;

int rc_weights_from_spec(rc_weights **out, const char *spec, const rc_weights_spec_options *opt,
                         rc_error *err);

#ifdef __cplusplus
}
#endif
#endif
