/* weights_spec.c — weights from a SPEC string (gal:FILE, gwt:FILE, queen:FILE, rook:FILE,
 * knn:K, dist:D, idw:ALPHA[:D]), the one syntax every command shares. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "regcoord/weights.h"

static int parse_positive(const char *text, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (errno || end == text || *end || !isfinite(v) || v <= 0)
        return 0;
    *out = v;
    return 1;
}

static int need_points(rc_points **pts, const char *spec, const rc_weights_spec_options *opt,
                       rc_error *err)
{
    if (!opt || !opt->points_path)
        return rc_error_set(err, RC_EUSAGE,
                            "--weights %s needs point locations: give the geometry with --geo FILE "
                            "(points, or polygons whose centroids are used)", spec);
    return rc_points_read(pts, opt->points_path, opt->id_field, err);
}

int rc_weights_from_spec(rc_weights **out, const char *spec, const rc_weights_spec_options *opt,
                         rc_error *err)
{
    *out = NULL;
    const char *colon = strchr(spec, ':');
    const char *id_field = opt ? opt->id_field : NULL;
    double tol = opt ? opt->tolerance : 0;
    size_t len = colon ? (size_t)(colon - spec) : 0;
    const char *arg = colon ? colon + 1 : NULL;
#define KIND(s) (len == strlen(s) && !strncasecmp(spec, s, len))
    if (!colon || !(KIND("gal") || KIND("gwt") || KIND("queen") || KIND("rook") || KIND("knn") ||
                    KIND("dist") || KIND("idw"))) {
        /* A bare file name (which may itself contain a colon). */
        size_t l = strlen(spec);
        if (l > 4 && (!strcasecmp(spec + l - 4, ".gal") || !strcasecmp(spec + l - 4, ".gwt")))
            return rc_weights_read(out, spec, err);
        return rc_error_set(err, RC_EUSAGE,
                            "--weights %s: expected gal:FILE, gwt:FILE, queen:FILE, rook:FILE, knn:K, "
                            "dist:D or idw:ALPHA[:D]", spec);
    }
    if (!*arg)
        return rc_error_set(err, RC_EUSAGE, "--weights %s: the part after ':' is missing", spec);
    if (KIND("gal"))
        return rc_weights_read_gal(out, arg, err);
    if (KIND("gwt"))
        return rc_weights_read_gwt(out, arg, err);
    if (KIND("queen") || KIND("rook"))
        return rc_weights_contiguity(out, arg, id_field, KIND("queen") ? RC_QUEEN : RC_ROOK, tol, err);
    rc_points *pts = NULL;
    int rc = RC_OK;
    if (KIND("knn")) {
        char *end;
        errno = 0;
        long k = strtol(arg, &end, 10);
        if (errno || *end || k < 1)
            return rc_error_set(err, RC_EUSAGE, "--weights %s: K must be a positive whole number", spec);
        if ((rc = need_points(&pts, spec, opt, err)) == RC_OK)
            rc = rc_weights_knn(out, pts, (size_t)k, err);
    } else if (KIND("dist")) {
        double d;
        if (!parse_positive(arg, &d))
            return rc_error_set(err, RC_EUSAGE, "--weights %s: D must be a positive distance", spec);
        if ((rc = need_points(&pts, spec, opt, err)) == RC_OK)
            rc = rc_weights_distance(out, pts, d, 0.0, err);
    } else { /* idw:ALPHA[:D] */
        char buf[64];
        const char *c2 = strchr(arg, ':');
        size_t la = c2 ? (size_t)(c2 - arg) : strlen(arg);
        double alpha, band = INFINITY;
        if (la >= sizeof buf)
            return rc_error_set(err, RC_EUSAGE, "--weights %s: bad exponent", spec);
        memcpy(buf, arg, la);
        buf[la] = 0;
        if (!parse_positive(buf, &alpha) || (c2 && !parse_positive(c2 + 1, &band)))
            return rc_error_set(err, RC_EUSAGE,
                                "--weights %s: expected idw:ALPHA or idw:ALPHA:D with positive numbers", spec);
        if ((rc = need_points(&pts, spec, opt, err)) == RC_OK)
            rc = rc_weights_distance(out, pts, band, alpha, err);
    }
#undef KIND
    rc_points_free(pts);
    return rc;
}
