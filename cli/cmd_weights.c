/* cmd_weights.c — `regcoord weights build|show|convert`: build spatial weights from geometry or
 * read them, print what they look like (neighbour counts, islands, components) and write
 * GAL/GWT files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "regcoord/weights.h"

static const rc_cli_doc doc = {
    "weights",
    "Build, inspect and convert spatial weights (contiguity, k nearest, distance band, GAL/GWT).",
    "build SPEC [-o FILE.gal|FILE.gwt] | show SPEC | convert IN OUT  [options]",
    "build: make weights from SPEC and print their summary; -o writes them as GAL (neighbour\n"
    "lists) or GWT (with weights), ids as in the geometry's id field (--geo-id).\n"
    "show: print the summary of weights (a file or any SPEC).\n"
    "convert: read IN (a SPEC or a .gal/.gwt file) and write OUT (.gal or .gwt).\n"
    "SPEC: queen:FILE or rook:FILE (polygons of any OGR source: GeoJSON, Shapefile, GeoPackage;\n"
    "vertex matching within --tolerance, default sqrt(DBL_EPSILON) coordinate units, spdep's\n"
    "rule: queen shares ≥ 1 boundary point, rook ≥ 2), knn:K, dist:D (j is a neighbour of i if\n"
    "d_ij ≤ D) and idw:ALPHA[:D] (weights d^−ALPHA, within D if given) on the points or polygon\n"
    "centroids of --geo FILE (great-circle km for lon/lat, else the layer's units), gal:FILE,\n"
    "gwt:FILE. --symmetrize adds j → i for every i → j (libpysal's symmetrize; for knn).\n"
    "The summary: regions, links, islands (regions without a neighbour, listed), connected\n"
    "components, min/mean/max neighbours, % non-zero, symmetry, and S0, S1, S2 of the\n"
    "--transform chosen (r row-standardised, default; b binary; v variance-stabilising; o\n"
    "as built); the cardinalities table counts regions by number of neighbours.",
    "  regcoord weights build queen:provinces.geojson --geo-id region_id -o queen.gal\n"
    "  regcoord weights build knn:4 --geo provinces.geojson --symmetrize -o knn4.gwt\n"
    "  regcoord weights show tests/data/us_income/states48.gal\n"
    "  regcoord weights convert queen.gal queen.gwt",
};

static int summary_tables(rc_table **summary, rc_table **card, rc_table **islands,
                          const rc_weights *w, rc_error *err)
{
    rc_weights_summary s;
    int rc = rc_weights_summarize(&s, w, err);
    if (rc != RC_OK)
        return rc;
    if ((rc = rc_table_new(summary, "summary", err)) != RC_OK ||
        (rc = rc_table_add_column(*summary, "statistic", RC_COL_STR, NULL, err)) != RC_OK ||
        (rc = rc_table_add_column(*summary, "value", RC_COL_DBL, NULL, err)) != RC_OK)
        return rc;
    struct {
        const char *name;
        double v;
    } rows[] = {
        {"regions", (double)s.n},
        {"links", (double)s.links},
        {"islands", (double)s.islands},
        {"components", (double)s.components},
        {"min_neighbours", (double)s.min_neighbours},
        {"mean_neighbours", s.mean_neighbours},
        {"max_neighbours", (double)s.max_neighbours},
        {"pct_nonzero", s.pct_nonzero},
        {"symmetric", (double)s.symmetric},
        {"s0", s.s0},
        {"s1", s.s1},
        {"s2", s.s2},
    };
    for (size_t k = 0; k < sizeof rows / sizeof rows[0] && rc == RC_OK; k++)
        rc = rc_table_append(*summary, err, "sd", rows[k].name, rows[k].v);
    if (rc != RC_OK)
        return rc;
    if ((rc = rc_table_new(card, "cardinalities", err)) != RC_OK ||
        (rc = rc_table_add_column(*card, "neighbours", RC_COL_INT, NULL, err)) != RC_OK ||
        (rc = rc_table_add_column(*card, "regions", RC_COL_INT, NULL, err)) != RC_OK)
        return rc;
    size_t *count = calloc(s.max_neighbours + 1, sizeof *count);
    if (!count)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    for (size_t i = 0; i < w->n; i++) {
        size_t k = 0;
        for (size_t e = w->offsets[i]; e < w->offsets[i + 1]; e++)
            k += w->original[e] != 0.0;
        count[k]++;
    }
    for (size_t k = 0; k <= s.max_neighbours && rc == RC_OK; k++)
        if (count[k])
            rc = rc_table_append(*card, err, "ii", (int)k, (int)count[k]);
    free(count);
    if (rc != RC_OK)
        return rc;
    if ((rc = rc_table_new(islands, "islands", err)) != RC_OK ||
        (rc = rc_table_add_column(*islands, "region", RC_COL_STR, NULL, err)) != RC_OK)
        return rc;
    for (size_t i = 0; i < w->n && rc == RC_OK; i++) {
        int has = 0;
        for (size_t e = w->offsets[i]; e < w->offsets[i + 1]; e++)
            has |= w->original[e] != 0.0;
        if (!has)
            rc = rc_table_append(*islands, err, "s", w->ids[i]);
    }
    return rc;
}

int rc_cmd_weights(int argc, char **argv)
{
    rc_cli_common c;
    rc_cli_common_init(&c);
    const char *geo = NULL, *geo_id = NULL, *transform = "r";
    double tolerance = 0;
    int symmetrize = 0;
    const rc_cli_option opts[] = {
        {"geo", 0, RC_OPT_STR, &geo, "FILE", "points or polygons for knn, dist and idw (centroids of polygons)"},
        {"geo-id", 0, RC_OPT_STR, &geo_id, "FIELD", "id field of the geometry (default: region_id, else id, else the first field)"},
        {"tolerance", 0, RC_OPT_DBL, &tolerance, "T", "contiguity snap distance in coordinate units (default 1.49e-8)"},
        {"symmetrize", 0, RC_OPT_FLAG, &symmetrize, NULL, "add j → i for every link i → j"},
        {"transform", 0, RC_OPT_STR, &transform, "T", "r, b, v or o: the transformation of S0, S1, S2 (default r)"},
        RC_CLI_OUTPUT_OPTIONS(&c),
        RC_CLI_END,
    };
    char **pos = NULL;
    size_t npos = 0;
    int code = rc_cli_parse(&doc, opts, &c, argc, argv, 1, 3, &pos, &npos);
    if (code >= 0)
        return code;
    const char *what = pos[0];
    int build = !strcmp(what, "build"), show = !strcmp(what, "show"), convert = !strcmp(what, "convert");
    if (!build && !show && !convert) {
        free(pos);
        return rc_cli_usage_error("weights: unknown action '%s' (build, show or convert)", what);
    }
    if (npos != (convert ? 3u : 2u)) {
        free(pos);
        return rc_cli_usage_error(convert ? "weights convert needs IN and OUT"
                                          : "weights %s needs one SPEC", what);
    }
    if (convert && c.output) {
        free(pos);
        return rc_cli_usage_error("weights convert writes OUT; -o is not used");
    }
    if (show && c.output) {
        free(pos);
        return rc_cli_usage_error("weights show only prints; use weights build -o FILE to write");
    }
    rc_error err;
    rc_error_clear(&err);
    rc_weights *w = NULL;
    rc_weights_spec_options so = {geo_id, geo, tolerance};
    int rc = rc_weights_from_spec(&w, pos[1], &so, &err);
    if (rc == RC_OK && symmetrize)
        rc = rc_weights_symmetrize(w, &err);
    if (rc == RC_OK && transform && strlen(transform) == 1)
        rc = rc_weights_transform(w, transform[0], &err);
    else if (rc == RC_OK)
        rc = rc_error_set(&err, RC_EUSAGE, "--transform %s: use r, b, v or o", transform);
    const char *out_path = convert ? pos[2] : c.output;
    if (rc == RC_OK && out_path)
        rc = rc_weights_write(w, out_path, geo_id, &err);
    rc_table *t[3] = {NULL, NULL, NULL};
    if (rc == RC_OK && !convert)
        rc = summary_tables(&t[0], &t[1], &t[2], w, &err);
    if (rc != RC_OK)
        code = rc_cli_fail(&err);
    else if (!convert) {
        rc_cli_common printed = c;
        printed.output = NULL; /* -o is the weights file; the summary goes to stdout */
        code = rc_cli_emit_all(&printed, (const rc_table *const *)t, 3);
    } else {
        code = 0;
    }
    for (int k = 0; k < 3; k++)
        rc_table_free(t[k]);
    rc_weights_free(w);
    free(pos);
    return code;
}
