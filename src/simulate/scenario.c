/* scenario.c — regcoord-scenario/1 JSON files (design §6) into a validated rc_sim_scenario.
 * Every key is known or an error naming its JSON path; every number is range-checked; parts
 * of the format this version does not run are refused by name, never ignored. */
#include "sim_internal.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *src; /* file name for messages */
    rc_error *err;
} ctx;

char *rc_sim_strdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* Unknown keys are errors (§6.1): a typo must not silently fall back to a default. */
static int check_keys(ctx *c, json_t *obj, const char *where, const char *const *allowed)
{
    const char *key;
    json_t *val;
    json_object_foreach(obj, key, val) {
        int ok = 0;
        for (const char *const *a = allowed; *a; a++)
            if (!strcmp(*a, key))
                ok = 1;
        if (!ok)
            return rc_error_set(c->err, RC_EINPUT, "%s: unknown key \"%s\" in \"%s\"", c->src,
                                key, where);
    }
    (void)val;
    return RC_OK;
}

static int get_object(ctx *c, json_t *parent, const char *key, json_t **out)
{
    *out = json_object_get(parent, key);
    if (*out && !json_is_object(*out))
        return rc_error_set(c->err, RC_EINPUT, "%s: \"%s\" must be an object", c->src, key);
    return RC_OK;
}

/* A number (or "inf"/"-inf" strings); *given = 0 when absent. */
static int get_num(ctx *c, json_t *obj, const char *key, const char *where, double *out,
                   int *given)
{
    json_t *v = json_object_get(obj, key);
    if (given)
        *given = v != NULL;
    if (!v)
        return RC_OK;
    if (json_is_number(v)) {
        *out = json_number_value(v);
        return RC_OK;
    }
    if (json_is_string(v) && !strcmp(json_string_value(v), "inf")) {
        *out = INFINITY;
        return RC_OK;
    }
    return rc_error_set(c->err, RC_EINPUT, "%s: %s.%s must be a number", c->src, where, key);
}

static int get_str(ctx *c, json_t *obj, const char *key, const char *where, const char **out)
{
    json_t *v = json_object_get(obj, key);
    if (!v)
        return RC_OK;
    if (!json_is_string(v))
        return rc_error_set(c->err, RC_EINPUT, "%s: %s.%s must be a string", c->src, where, key);
    *out = json_string_value(v);
    return RC_OK;
}

/* A block of scalar parameters of §2.3: every key must be one of the table's for this block. */
static int parse_param_block(ctx *c, json_t *root, const char *block, rc_sim_params *p,
                             const char *const *extra)
{
    json_t *obj;
    int rc = get_object(c, root, block, &obj);
    if (rc || !obj)
        return rc;
    const char *key;
    json_t *val;
    json_object_foreach(obj, key, val) {
        int is_extra = 0;
        for (const char *const *e = extra; e && *e; e++)
            if (!strcmp(*e, key))
                is_extra = 1;
        if (is_extra)
            continue;
        char name[128];
        snprintf(name, sizeof name, "%s.%s", block, key);
        const rc_sim_param_def *d = rc_sim_param_find(name);
        if (!d)
            return rc_error_set(c->err, RC_EINPUT, "%s: unknown key \"%s\" in \"%s\"", c->src,
                                key, block);
        double v = NAN;
        if ((rc = get_num(c, obj, key, block, &v, NULL)))
            return rc;
        char where[160];
        snprintf(where, sizeof where, "%s", c->src);
        if ((rc = rc_sim_param_check(d, v, where, c->err)))
            return rc;
        *(double *)((char *)p + d->offset) = v;
    }
    (void)val;
    return RC_OK;
}

static const char *const REGION_KEYS[] = {"id", "name", "group", "agglomeration", "urban",
                                          "rural", "capital", "tfp", "urban_capacity", "lon",
                                          "lat", NULL};

static int parse_inline_regions(ctx *c, json_t *arr, rc_sim_scenario *sc)
{
    size_t n = json_array_size(arr);
    if (n == 0)
        return rc_error_set(c->err, RC_EINPUT, "%s: \"regions\" is empty", c->src);
    if (!(sc->regions = calloc(n, sizeof *sc->regions)))
        return rc_error_set(c->err, RC_ENOMEM, "out of memory");
    sc->n = n;
    for (size_t i = 0; i < n; i++) {
        json_t *r = json_array_get(arr, i);
        char where[64];
        snprintf(where, sizeof where, "regions[%zu]", i);
        if (!json_is_object(r))
            return rc_error_set(c->err, RC_EINPUT, "%s: %s must be an object", c->src, where);
        int rc = check_keys(c, r, where, REGION_KEYS);
        if (rc)
            return rc;
        rc_sim_region *g = &sc->regions[i];
        const char *id = NULL, *group = NULL, *name = NULL;
        if ((rc = get_str(c, r, "id", where, &id)) || (rc = get_str(c, r, "group", where, &group)) ||
            (rc = get_str(c, r, "name", where, &name)))
            return rc;
        if (!id || !*id)
            return rc_error_set(c->err, RC_EINPUT, "%s: %s needs a string \"id\"", c->src, where);
        for (size_t j = 0; j < i; j++)
            if (!strcmp(sc->regions[j].id, id))
                return rc_error_set(c->err, RC_EINPUT, "%s: region id '%s' appears twice",
                                    c->src, id);
        g->id = rc_sim_strdup(id);
        g->group = rc_sim_strdup(group);
        g->name = rc_sim_strdup(name);
        int gu, gr, gk, gl, gla;
        g->capital = 1.0 / (double)n;
        g->tfp = 1.0;
        g->capacity = NAN;
        g->lon = g->lat = NAN;
        g->gdp = NAN;
        if ((rc = get_num(c, r, "urban", where, &g->urban, &gu)) ||
            (rc = get_num(c, r, "rural", where, &g->rural, &gr)) ||
            (rc = get_num(c, r, "capital", where, &g->capital, &gk)) ||
            (rc = get_num(c, r, "tfp", where, &g->tfp, NULL)) ||
            (rc = get_num(c, r, "urban_capacity", where, &g->capacity, NULL)) ||
            (rc = get_num(c, r, "lon", where, &g->lon, &gl)) ||
            (rc = get_num(c, r, "lat", where, &g->lat, &gla)))
            return rc;
        if (!gu || !gr)
            return rc_error_set(c->err, RC_EINPUT, "%s: region '%s' needs \"urban\" and \"rural\"",
                                c->src, id);
        if (!(g->urban >= 0) || !(g->rural > 0) || !isfinite(g->urban) || !isfinite(g->rural))
            return rc_error_set(c->err, RC_EINPUT,
                                "%s: region '%s' has urban = %g, rural = %g (need urban >= 0, "
                                "rural > 0: the rural good is produced everywhere)",
                                c->src, id, g->urban, g->rural);
        if (!(g->capital >= 0) || !isfinite(g->capital) || !(g->tfp > 0) || !isfinite(g->tfp))
            return rc_error_set(c->err, RC_EINPUT,
                                "%s: region '%s' has capital = %g, tfp = %g (need capital >= 0, "
                                "tfp > 0)", c->src, id, g->capital, g->tfp);
        if (!isnan(g->capacity) && !(g->capacity > 0))
            return rc_error_set(c->err, RC_EINPUT, "%s: region '%s': urban_capacity must be > 0",
                                c->src, id);
        if ((gl && !(fabs(g->lon) <= 180.0)) || (gla && !(fabs(g->lat) <= 90.0)))
            return rc_error_set(c->err, RC_EINPUT, "%s: region '%s' has lon = %g, lat = %g "
                                "(degrees: lon in [-180, 180], lat in [-90, 90])", c->src, id,
                                g->lon, g->lat);
    }
    return RC_OK;
}

static int parse_generator(ctx *c, json_t *obj, rc_sim_scenario *sc)
{
    static const char *const keys[] = {"generator", "n", "perturbation", "values",
                                       "amplitude", "urban", "rural", "capital", NULL};
    int rc = check_keys(c, obj, "regions", keys);
    if (rc)
        return rc;
    const char *gen = NULL, *pert = "none";
    if ((rc = get_str(c, obj, "generator", "regions", &gen)))
        return rc;
    if (!gen)
        return rc_error_set(c->err, RC_EINPUT,
                            "%s: \"regions\" must be a list, or an object with \"generator\" "
                            "or \"panel\"", c->src);
    double nn = 2, amp = 0.01;
    int has_n;
    if ((rc = get_num(c, obj, "n", "regions", &nn, &has_n)) ||
        (rc = get_num(c, obj, "amplitude", "regions", &amp, NULL)) ||
        (rc = get_str(c, obj, "perturbation", "regions", &pert)))
        return rc;
    if (!strcmp(gen, "two")) {
        if (has_n && nn != 2)
            return rc_error_set(c->err, RC_EINPUT, "%s: generator \"two\" has n = 2", c->src);
        nn = 2;
        if (!json_object_get(obj, "perturbation"))
            pert = "none";
    } else if (!strcmp(gen, "uniform") || !strcmp(gen, "racetrack")) {
        if (!has_n || !(nn >= 1) || nn != floor(nn) || nn > 1e6)
            return rc_error_set(c->err, RC_EINPUT, "%s: generator \"%s\" needs an integer n >= 1",
                                c->src, gen);
        if (!strcmp(gen, "racetrack") && !json_object_get(obj, "perturbation"))
            pert = "sin";
    } else
        return rc_error_set(c->err, RC_EINPUT,
                            "%s: unknown generator \"%s\" (two, uniform or racetrack)", c->src,
                            gen);
    size_t n = (size_t)nn;
    if (!(sc->regions = calloc(n, sizeof *sc->regions)))
        return rc_error_set(c->err, RC_ENOMEM, "out of memory");
    sc->n = n;
    json_t *vals = json_object_get(obj, "values");
    if (!strcmp(pert, "list") && (!json_is_array(vals) || json_array_size(vals) != n))
        return rc_error_set(c->err, RC_EINPUT,
                            "%s: perturbation \"list\" needs \"values\" with %zu numbers", c->src, n);
    if (strcmp(pert, "list") && strcmp(pert, "sin") && strcmp(pert, "none"))
        return rc_error_set(c->err, RC_EINPUT,
                            "%s: perturbation must be \"sin\", \"list\" or \"none\", not \"%s\"",
                            c->src, pert);
    const double mu = sc->base.mu;
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        double pi = 0.0;
        if (!strcmp(pert, "sin"))
            pi = sin((double)i + 1.0);
        else if (!strcmp(pert, "list")) {
            json_t *v = json_array_get(vals, i);
            if (!json_is_number(v))
                return rc_error_set(c->err, RC_EINPUT, "%s: regions.values[%zu] is not a number",
                                    c->src, i);
            pi = json_number_value(v);
        }
        sc->regions[i].urban = 1.0 + amp * pi;
        if (!(sc->regions[i].urban > 0))
            return rc_error_set(c->err, RC_EINPUT,
                                "%s: perturbation makes region %zu's urban share <= 0", c->src,
                                i + 1);
        sum += sc->regions[i].urban;
    }
    const char *arrays[3] = {"urban", "rural", "capital"};
    for (size_t i = 0; i < n; i++) {
        rc_sim_region *g = &sc->regions[i];
        char id[32];
        snprintf(id, sizeof id, "%zu", i + 1);
        g->id = rc_sim_strdup(id);
        g->urban = mu * g->urban / sum;  /* FKV normalization: Σ H = μ, R_i = (1 − μ)/N */
        g->rural = (1.0 - mu) / (double)n;
        g->capital = 1.0 / (double)n;
        g->tfp = 1.0;
        g->capacity = g->lon = g->lat = g->gdp = NAN;
    }
    for (int k = 0; k < 3; k++) {
        json_t *a = json_object_get(obj, arrays[k]);
        if (!a)
            continue;
        if (!json_is_array(a) || json_array_size(a) != n)
            return rc_error_set(c->err, RC_EINPUT, "%s: regions.%s must list %zu numbers", c->src,
                                arrays[k], n);
        for (size_t i = 0; i < n; i++) {
            json_t *v = json_array_get(a, i);
            double x = json_is_number(v) ? json_number_value(v) : NAN;
            if (!(x >= 0) || !isfinite(x) || (k == 1 && !(x > 0)))
                return rc_error_set(c->err, RC_EINPUT, "%s: regions.%s[%zu] must be a number %s",
                                    c->src, arrays[k], i, k == 1 ? "> 0" : ">= 0");
            double *slot = k == 0 ? &sc->regions[i].urban
                         : k == 1 ? &sc->regions[i].rural : &sc->regions[i].capital;
            *slot = x;
        }
    }
    return RC_OK;
}

static int parse_time_unit(ctx *c, json_t *obj, const char *where, const rc_sim_scenario *sc,
                           int *unit_year)
{
    const char *unit = NULL;
    int rc = get_str(c, obj, "unit", where, &unit);
    if (rc)
        return rc;
    if (unit && strcmp(unit, "year") && strcmp(unit, "period"))
        return rc_error_set(c->err, RC_EINPUT, "%s: %s.unit must be \"year\" or \"period\"",
                            c->src, where);
    if (unit && !strcmp(unit, "year") && !sc->has_year0)
        return rc_error_set(c->err, RC_EINPUT, "%s: %s.unit is \"year\" but periods.year0 is not "
                            "given", c->src, where);
    *unit_year = sc->has_year0 && !(unit && !strcmp(unit, "period"));
    return RC_OK;
}

static int parse_points(ctx *c, json_t *pts, const char *where, rc_sim_path *p)
{
    size_t n = json_array_size(pts);
    if (!json_is_array(pts) || n == 0)
        return rc_error_set(c->err, RC_EINPUT, "%s: %s.points must be a list of [time, value]",
                            c->src, where);
    if (!(p->pts = malloc(2 * n * sizeof *p->pts)))
        return rc_error_set(c->err, RC_ENOMEM, "out of memory");
    p->npts = n;
    for (size_t k = 0; k < n; k++) {
        json_t *pr = json_array_get(pts, k);
        if (!json_is_array(pr) || json_array_size(pr) != 2 ||
            !json_is_number(json_array_get(pr, 0)) || !json_is_number(json_array_get(pr, 1)))
            return rc_error_set(c->err, RC_EINPUT, "%s: %s.points[%zu] must be [time, value]",
                                c->src, where, k);
        p->pts[2 * k] = json_number_value(json_array_get(pr, 0));
        p->pts[2 * k + 1] = json_number_value(json_array_get(pr, 1));
        if (k > 0 && !(p->pts[2 * k] > p->pts[2 * k - 2]))
            return rc_error_set(c->err, RC_EINPUT, "%s: %s.points: times must increase", c->src,
                                where);
    }
    return RC_OK;
}

/* The time part of a path object (type, points or from/to/start/end, logistic, unit). */
static int parse_path_body(ctx *c, json_t *o, const char *where, const rc_sim_scenario *sc,
                           rc_sim_path *p)
{
    const char *type = NULL;
    int rc;
    if ((rc = get_str(c, o, "type", where, &type)))
        return rc;
    if (!type)
        return rc_error_set(c->err, RC_EINPUT, "%s: %s needs \"type\"", c->src, where);
    if ((rc = parse_time_unit(c, o, where, sc, &p->unit_year)))
        return rc;
    if (!strcmp(type, "linear")) {
        double a[4];
        int g[4];
        const char *names[4] = {"from", "to", "start", "end"};
        for (int i = 0; i < 4; i++)
            if ((rc = get_num(c, o, names[i], where, &a[i], &g[i])))
                return rc;
        if (!g[0] || !g[1] || !g[2] || !g[3] || !(a[1] > a[0]))
            return rc_error_set(c->err, RC_EINPUT, "%s: %s (linear) needs from < to, start, end",
                                c->src, where);
        p->type = RC_PATH_PIECEWISE;
        if (!(p->pts = malloc(4 * sizeof *p->pts)))
            return rc_error_set(c->err, RC_ENOMEM, "out of memory");
        p->pts[0] = a[0], p->pts[1] = a[2], p->pts[2] = a[1], p->pts[3] = a[3];
        p->npts = 2;
    } else if (!strcmp(type, "piecewise") || !strcmp(type, "step")) {
        p->type = !strcmp(type, "step") ? RC_PATH_STEP : RC_PATH_PIECEWISE;
        if ((rc = parse_points(c, json_object_get(o, "points"), where, p)))
            return rc;
    } else if (!strcmp(type, "logistic")) {
        int g[4];
        p->type = RC_PATH_LOGISTIC;
        if ((rc = get_num(c, o, "start", where, &p->start, &g[0])) ||
            (rc = get_num(c, o, "end", where, &p->end, &g[1])) ||
            (rc = get_num(c, o, "mid", where, &p->mid, &g[2])) ||
            (rc = get_num(c, o, "rate", where, &p->rate, &g[3])))
            return rc;
        if (!g[0] || !g[1] || !g[2] || !g[3])
            return rc_error_set(c->err, RC_EINPUT, "%s: %s (logistic) needs start, end, mid, rate",
                                c->src, where);
    } else
        return rc_error_set(c->err, RC_EINPUT,
                            "%s: %s.type must be linear, piecewise, logistic or step", c->src,
                            where);
    return RC_OK;
}

static int parse_paths(ctx *c, json_t *arr, rc_sim_scenario *sc)
{
    if (!json_is_array(arr))
        return rc_error_set(c->err, RC_EINPUT, "%s: \"paths\" must be a list", c->src);
    size_t n = json_array_size(arr);
    if (n && !(sc->paths = calloc(n, sizeof *sc->paths)))
        return rc_error_set(c->err, RC_ENOMEM, "out of memory");
    static const char *const keys[] = {"param", "type", "from", "to", "start", "end", "points",
                                       "mid", "rate", "unit", NULL};
    for (size_t k = 0; k < n; k++) {
        sc->npaths = k + 1; /* counted before filling, so a failure frees what was set */
        json_t *o = json_array_get(arr, k);
        char where[32];
        snprintf(where, sizeof where, "paths[%zu]", k);
        if (!json_is_object(o))
            return rc_error_set(c->err, RC_EINPUT, "%s: %s must be an object", c->src, where);
        int rc = check_keys(c, o, where, keys);
        if (rc)
            return rc;
        rc_sim_path *p = &sc->paths[k];
        const char *param = NULL;
        if ((rc = get_str(c, o, "param", where, &param)))
            return rc;
        if (!param)
            return rc_error_set(c->err, RC_EINPUT, "%s: %s needs \"param\"", c->src, where);
        if (!strcmp(param, "geography.phi") && sc->geo != RC_GEO_UNIFORM)
            return rc_error_set(c->err, RC_EINPUT, "%s: %s: geography.phi applies to the uniform "
                                "geography only", c->src, where);
        p->param = rc_sim_strdup(param);
        if ((rc = parse_path_body(c, o, where, sc, p)))
            return rc;
    }
    return RC_OK;
}

/* A list of region ids (or one id) into indices. */
static int parse_members(ctx *c, json_t *v, const char *where, const rc_sim_scenario *sc,
                         rc_sim_policy *p)
{
    size_t m = json_is_array(v) ? json_array_size(v) : 1;
    if (!v || (json_is_array(v) && m == 0))
        return rc_error_set(c->err, RC_EINPUT, "%s: %s names no regions", c->src, where);
    if (!(p->members = malloc(m * sizeof *p->members)))
        return rc_error_set(c->err, RC_ENOMEM, "out of memory");
    for (size_t j = 0; j < m; j++) {
        json_t *e = json_is_array(v) ? json_array_get(v, j) : v;
        if (!json_is_string(e))
            return rc_error_set(c->err, RC_EINPUT, "%s: %s: region ids are strings", c->src, where);
        const char *id = json_string_value(e);
        size_t i = 0;
        while (i < sc->n && strcmp(sc->regions[i].id, id))
            i++;
        if (i == sc->n)
            return rc_error_set(c->err, RC_EINPUT, "%s: %s: no region '%s' in the scenario", c->src,
                                where, id);
        for (size_t q = 0; q < j; q++)
            if (p->members[q] == i)
                return rc_error_set(c->err, RC_EINPUT, "%s: %s: region '%s' listed twice", c->src,
                                    where, id);
        p->members[j] = i;
        p->nmembers = j + 1;
    }
    return RC_OK;
}

static int in_range(ctx *c, double v, double lo, double hi, int hi_open, const char *where,
                    const char *key)
{
    if (!(v >= lo) || (hi_open ? !(v < hi) : !(v <= hi)))
        return rc_error_set(c->err, RC_EINPUT, "%s: %s.%s = %g is out of range [%g, %g%c", c->src,
                            where, key, v, lo, hi, hi_open ? ')' : ']');
    return RC_OK;
}

static int parse_aid(ctx *c, json_t *o, const char *where, rc_sim_policy *p)
{
    static const char *const keys[] = {"id", "type", "tax_rate", "threshold", "investment_share",
                                       "basis", "excess", "start", "end", "unit", NULL};
    const char *basis = "gdp_pc", *excess = "recipients";
    int rc, has_tax;
    p->threshold = 1.0;
    if ((rc = check_keys(c, o, where, keys)) ||
        (rc = get_num(c, o, "tax_rate", where, &p->tax_rate, &has_tax)) ||
        (rc = get_num(c, o, "threshold", where, &p->threshold, NULL)) ||
        (rc = get_num(c, o, "investment_share", where, &p->investment_share, NULL)) ||
        (rc = get_str(c, o, "basis", where, &basis)) ||
        (rc = get_str(c, o, "excess", where, &excess)))
        return rc;
    if (!has_tax)
        return rc_error_set(c->err, RC_EINPUT, "%s: %s needs \"tax_rate\"", c->src, where);
    if ((rc = in_range(c, p->tax_rate, 0, 1, 1, where, "tax_rate")) ||
        (rc = in_range(c, p->threshold, 0, 1e300, 0, where, "threshold")) ||
        (rc = in_range(c, p->investment_share, 0, 1, 0, where, "investment_share")))
        return rc;
    if (strcmp(basis, "gdp_pc") && strcmp(basis, "real_income"))
        return rc_error_set(c->err, RC_EINPUT,
                            "%s: %s.basis must be \"gdp_pc\" or \"real_income\"", c->src, where);
    p->basis_real = !strcmp(basis, "real_income");
    if (strcmp(excess, "recipients") && strcmp(excess, "per_head"))
        return rc_error_set(c->err, RC_EINPUT,
                            "%s: %s.excess must be \"recipients\" (the design's rule: the whole "
                            "budget in proportion to the gaps) or \"per_head\" (gaps filled up "
                            "to the threshold, the rest returned per head)", c->src, where);
    p->excess_per_head = !strcmp(excess, "per_head");
    return RC_OK;
}

static int parse_fdi(ctx *c, json_t *o, const char *where, const rc_sim_scenario *sc,
                     rc_sim_policy *p)
{
    static const char *const keys[] = {"id", "type", "region", "regions", "values", "start",
                                       "end", "unit", NULL};
    int rc = check_keys(c, o, where, keys);
    if (rc)
        return rc;
    json_t *r = json_object_get(o, "regions");
    if (!r)
        r = json_object_get(o, "region");
    if ((rc = parse_members(c, r, where, sc, p)))
        return rc;
    json_t *v = json_object_get(o, "values");
    if (json_is_number(v)) {
        p->value = json_number_value(v);
        return in_range(c, p->value, 0, 1e300, 0, where, "values");
    }
    if (!json_is_object(v))
        return rc_error_set(c->err, RC_EINPUT,
                            "%s: %s.values must be a number or a path object", c->src, where);
    static const char *const pk[] = {"type", "from", "to", "start", "end", "points", "mid", "rate",
                                     "unit", NULL};
    char w2[64];
    snprintf(w2, sizeof w2, "%s.values", where);
    if ((rc = check_keys(c, v, w2, pk)))
        return rc;
    if (!(p->values = calloc(1, sizeof *p->values)))
        return rc_error_set(c->err, RC_ENOMEM, "out of memory");
    return parse_path_body(c, v, w2, sc, p->values);
}

static int parse_fund(ctx *c, json_t *o, const char *where, const rc_sim_scenario *sc,
                      rc_sim_policy *p)
{
    static const char *const keys[] = {"id", "type", "name", "members", "contribution",
                                       "disbursement", "investment_share", "interest", "start",
                                       "end", "unit", NULL};
    int rc, g1, g2;
    if ((rc = check_keys(c, o, where, keys)) ||
        (rc = parse_members(c, json_object_get(o, "members"), where, sc, p)) ||
        (rc = get_num(c, o, "contribution", where, &p->contribution, &g1)) ||
        (rc = get_num(c, o, "disbursement", where, &p->disbursement, &g2)) ||
        (rc = get_num(c, o, "investment_share", where, &p->investment_share, NULL)) ||
        (rc = get_num(c, o, "interest", where, &p->interest, NULL)))
        return rc;
    if (!g1 || !g2)
        return rc_error_set(c->err, RC_EINPUT, "%s: %s needs \"contribution\" and "
                            "\"disbursement\"", c->src, where);
    if ((rc = in_range(c, p->contribution, 0, 1, 0, where, "contribution")) ||
        (rc = in_range(c, p->disbursement, 0, 1, 0, where, "disbursement")) ||
        (rc = in_range(c, p->investment_share, 0, 1, 0, where, "investment_share")) ||
        (rc = in_range(c, p->interest, -1, 1, 0, where, "interest")))
        return rc;
    return RC_OK;
}

static const char *str_or_null(json_t *v)
{
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int parse_infrastructure(ctx *c, json_t *o, const char *where, rc_sim_scenario *sc,
                                rc_sim_policy *p)
{
    static const char *const keys[] = {"id", "type", "at", "pairs", "edges", "factor", "unit",
                                       NULL};
    int rc, has_at, has_f;
    const char *pairs = NULL;
    if ((rc = check_keys(c, o, where, keys)) ||
        (rc = get_num(c, o, "at", where, &p->start, &has_at)) ||
        (rc = get_num(c, o, "factor", where, &p->factor, &has_f)) ||
        (rc = get_str(c, o, "pairs", where, &pairs)))
        return rc;
    json_t *edges = json_object_get(o, "edges");
    if (edges) {
        size_t ne = json_array_size(edges);
        if (sc->geo != RC_GEO_NETWORK)
            return rc_error_set(c->err, RC_EINPUT, "%s: %s: infrastructure \"edges\" need the "
                                "network geography", c->src, where);
        if (!json_is_array(edges) || ne == 0 || pairs || has_f || !has_at)
            return rc_error_set(c->err, RC_EINPUT, "%s: %s: give \"at\" and a list \"edges\" of "
                                "{from, to, factor} (not with \"pairs\" or a top-level factor)",
                                c->src, where);
        if (!(p->edge_idx = malloc(ne * sizeof *p->edge_idx)) ||
            !(p->edge_factor = malloc(ne * sizeof *p->edge_factor)))
            return rc_error_set(c->err, RC_ENOMEM, "out of memory");
        for (size_t q = 0; q < ne; q++) {
            json_t *e = json_array_get(edges, q);
            const char *from = str_or_null(json_object_get(e, "from"));
            const char *to = str_or_null(json_object_get(e, "to"));
            json_t *f = json_object_get(e, "factor");
            if (!from || !to || !json_is_number(f) || !(json_number_value(f) > 0))
                return rc_error_set(c->err, RC_EINPUT, "%s: %s.edges[%zu] needs from, to (ids) "
                                    "and factor > 0", c->src, where, q);
            size_t k = 0;
            for (; k < sc->nedges; k++) {
                const char *a = sc->regions[sc->edges[k].from].id, *b = sc->regions[sc->edges[k].to].id;
                if ((!strcmp(a, from) && !strcmp(b, to)) || (!strcmp(a, to) && !strcmp(b, from)))
                    break;
            }
            if (k == sc->nedges)
                return rc_error_set(c->err, RC_EINPUT, "%s: %s.edges[%zu]: the network has no edge "
                                    "between '%s' and '%s'", c->src, where, q, from, to);
            p->edge_idx[q] = k;
            p->edge_factor[q] = json_number_value(f);
            p->nedge_events = q + 1;
        }
        p->factor = 1.0; /* the pair-wide scale is untouched */
        p->end = INFINITY;
        return RC_OK;
    }
    if (!pairs || strcmp(pairs, "all") || !has_at || !has_f)
        return rc_error_set(c->err, RC_EINPUT, "%s: %s needs \"at\", \"pairs\": \"all\" and "
                            "\"factor\" (or \"edges\" on a network)", c->src, where);
    if (!(p->factor > 0) || !isfinite(p->factor))
        return rc_error_set(c->err, RC_EINPUT, "%s: %s.factor must be > 0", c->src, where);
    if (sc->geo == RC_GEO_UNIFORM && !isnan(sc->base.phi))
        return rc_error_set(c->err, RC_EINPUT, "%s: %s: infrastructure scales costs, but "
                            "geography.phi sets the freeness directly (use geography.tau)",
                            c->src, where);
    p->end = INFINITY;
    return RC_OK;
}

static int parse_sharing(ctx *c, json_t *o, const char *where, const rc_sim_scenario *sc,
                         rc_sim_policy *p)
{
    static const char *const keys[] = {"id", "type", "origin", "destination", "share", "start",
                                       "end", "patience", "integrate", "unit", NULL};
    int rc, has_share;
    double patience = 3;
    if ((rc = check_keys(c, o, where, keys)))
        return rc;
    json_t *od = json_array();
    json_t *org = json_object_get(o, "origin"), *dst = json_object_get(o, "destination");
    if (!od)
        return rc_error_set(c->err, RC_ENOMEM, "out of memory");
    if (!org || !dst) {
        json_decref(od);
        return rc_error_set(c->err, RC_EINPUT, "%s: %s needs \"origin\" and \"destination\"",
                            c->src, where);
    }
    json_array_append(od, org);
    json_array_append(od, dst);
    rc = parse_members(c, od, where, sc, p);
    json_decref(od);
    if (rc || (rc = get_num(c, o, "share", where, &p->value, &has_share)) ||
        (rc = get_num(c, o, "patience", where, &patience, NULL)))
        return rc;
    if (!has_share)
        return rc_error_set(c->err, RC_EINPUT, "%s: %s needs \"share\"", c->src, where);
    if ((rc = in_range(c, p->value, 0, 1, 0, where, "share")))
        return rc;
    if (!(patience >= 1 && patience == floor(patience) && patience < 1e9))
        return rc_error_set(c->err, RC_EINPUT, "%s: %s.patience must be an integer >= 1", c->src,
                            where);
    p->patience = (size_t)patience;
    json_t *in = json_object_get(o, "integrate");
    if (in && !json_is_boolean(in))
        return rc_error_set(c->err, RC_EINPUT, "%s: %s.integrate must be true or false", c->src,
                            where);
    p->integrate = !in || json_is_true(in);
    return RC_OK;
}

static int parse_pole(ctx *c, json_t *o, const char *where, const rc_sim_scenario *sc,
                      rc_sim_policy *p)
{
    static const char *const keys[] = {"id", "type", "regions", "tfp_boost", "credit_quota",
                                       "hub_factor", "radius", "start", "end", "unit", NULL};
    int rc;
    p->hub_factor = 1.0;
    if ((rc = check_keys(c, o, where, keys)) ||
        (rc = parse_members(c, json_object_get(o, "regions"), where, sc, p)) ||
        (rc = get_num(c, o, "tfp_boost", where, &p->tfp_boost, NULL)) ||
        (rc = get_num(c, o, "credit_quota", where, &p->credit_quota, NULL)) ||
        (rc = get_num(c, o, "hub_factor", where, &p->hub_factor, NULL)) ||
        (rc = get_num(c, o, "radius", where, &p->radius, NULL)))
        return rc;
    if ((rc = in_range(c, p->tfp_boost, -0.99, 1e6, 0, where, "tfp_boost")) ||
        (rc = in_range(c, p->credit_quota, 0, 1, 0, where, "credit_quota")) ||
        (rc = in_range(c, p->hub_factor, 1e-6, 1, 0, where, "hub_factor")) ||
        (rc = in_range(c, p->radius, 0, 1e300, 0, where, "radius")))
        return rc;
    if (p->hub_factor != 1.0 && sc->geo == RC_GEO_UNIFORM && !isnan(sc->base.phi))
        return rc_error_set(c->err, RC_EINPUT, "%s: %s: hub_factor scales costs, but "
                            "geography.phi sets the freeness directly (use geography.tau)",
                            c->src, where);
    return RC_OK;
}

/* {"type": "tfp", "regions": [...], "factor": f, "start", "end"} (§3.8). */
static int parse_tfp(ctx *c, json_t *o, const char *where, const rc_sim_scenario *sc,
                     rc_sim_policy *p)
{
    static const char *const keys[] = {"id", "type", "regions", "factor", "start", "end", "unit",
                                       NULL};
    int rc, has_f;
    if ((rc = check_keys(c, o, where, keys)) ||
        (rc = parse_members(c, json_object_get(o, "regions"), where, sc, p)) ||
        (rc = get_num(c, o, "factor", where, &p->factor, &has_f)))
        return rc;
    if (!has_f)
        return rc_error_set(c->err, RC_EINPUT, "%s: %s needs \"factor\"", c->src, where);
    return in_range(c, p->factor, 1e-6, 1e6, 0, where, "factor");
}

static int parse_relocation(ctx *c, json_t *o, const char *where, const rc_sim_scenario *sc,
                            rc_sim_policy *p)
{
    static const char *const keys[] = {"id", "type", "regions", "rate", "start", "end", "unit",
                                       NULL};
    int rc, has;
    if ((rc = check_keys(c, o, where, keys)) ||
        (rc = parse_members(c, json_object_get(o, "regions"), where, sc, p)) ||
        (rc = get_num(c, o, "rate", where, &p->rate, &has)))
        return rc;
    if (!has)
        return rc_error_set(c->err, RC_EINPUT, "%s: %s needs \"rate\"", c->src, where);
    return in_range(c, p->rate, 0, 1, 0, where, "rate");
}

static int parse_eco(ctx *c, json_t *o, const char *where, const rc_sim_scenario *sc,
                     rc_sim_policy *p)
{
    static const char *const keys[] = {"id", "type", "eco_regions", "payers", "rate", "urban_cap",
                                       "tfp_penalty", "start", "end", "unit", NULL};
    int rc, has;
    const char *payers = "others";
    p->urban_cap = 1.0;
    if ((rc = check_keys(c, o, where, keys)) ||
        (rc = parse_members(c, json_object_get(o, "eco_regions"), where, sc, p)) ||
        (rc = get_num(c, o, "rate", where, &p->rate, &has)) ||
        (rc = get_num(c, o, "urban_cap", where, &p->urban_cap, NULL)) ||
        (rc = get_num(c, o, "tfp_penalty", where, &p->tfp_penalty, NULL)) ||
        (rc = get_str(c, o, "payers", where, &payers)))
        return rc;
    if (!has)
        return rc_error_set(c->err, RC_EINPUT, "%s: %s needs \"rate\"", c->src, where);
    if (strcmp(payers, "others"))
        return rc_error_set(c->err, RC_EINPUT, "%s: %s.payers must be \"others\"", c->src, where);
    if (p->nmembers == sc->n)
        return rc_error_set(c->err, RC_EINPUT, "%s: %s: every region is an eco region, nobody "
                            "pays", c->src, where);
    if ((rc = in_range(c, p->rate, 0, 1, 1, where, "rate")) ||
        (rc = in_range(c, p->urban_cap, 0, 1, 0, where, "urban_cap")) ||
        (rc = in_range(c, p->tfp_penalty, 0, 1, 1, where, "tfp_penalty")))
        return rc;
    return RC_OK;
}

static int parse_agglomeration(ctx *c, json_t *o, const char *where,
                               const rc_sim_scenario *sc, rc_sim_policy *p)
{
    static const char *const keys[] = {"id", "type", "name", "regions", "at", "unit", NULL};
    int rc, has_at;
    if ((rc = check_keys(c, o, where, keys)) ||
        (rc = parse_members(c, json_object_get(o, "regions"), where, sc, p)) ||
        (rc = get_num(c, o, "at", where, &p->start, &has_at)))
        return rc;
    if (!has_at || p->nmembers < 2)
        return rc_error_set(c->err, RC_EINPUT, "%s: %s needs \"at\" and at least two regions",
                            c->src, where);
    p->end = INFINITY;
    return RC_OK;
}

static int parse_policies(ctx *c, json_t *arr, rc_sim_scenario *sc)
{
    if (!json_is_array(arr))
        return rc_error_set(c->err, RC_EINPUT, "%s: \"policies\" must be a list", c->src);
    size_t n = json_array_size(arr);
    if (n && !(sc->policies = calloc(n, sizeof *sc->policies)))
        return rc_error_set(c->err, RC_ENOMEM, "out of memory");
    for (size_t k = 0; k < n; k++) {
        sc->npolicies = k + 1; /* counted before filling, so a failure frees what was set */
        json_t *o = json_array_get(arr, k);
        char where[32];
        snprintf(where, sizeof where, "policies[%zu]", k);
        const char *type = NULL, *id = NULL;
        int rc;
        if (!json_is_object(o))
            return rc_error_set(c->err, RC_EINPUT, "%s: %s must be an object", c->src, where);
        if ((rc = get_str(c, o, "type", where, &type)) || (rc = get_str(c, o, "id", where, &id)))
            return rc;
        if (!type)
            return rc_error_set(c->err, RC_EINPUT, "%s: %s needs a \"type\"", c->src, where);
        rc_sim_policy *p = &sc->policies[k];
        p->id = rc_sim_strdup(id);
        p->start = -INFINITY;
        p->end = INFINITY;
        if ((rc = parse_time_unit(c, o, where, sc, &p->unit_year)) ||
            (rc = get_num(c, o, "start", where, &p->start, NULL)) ||
            (rc = get_num(c, o, "end", where, &p->end, NULL)))
            return rc;
        if (!strcmp(type, "aid")) {
            p->type = RC_POL_AID;
            rc = parse_aid(c, o, where, p);
        } else if (!strcmp(type, "fdi")) {
            p->type = RC_POL_FDI;
            rc = parse_fdi(c, o, where, sc, p);
        } else if (!strcmp(type, "fund")) {
            p->type = RC_POL_FUND;
            rc = parse_fund(c, o, where, sc, p);
        } else if (!strcmp(type, "tax_sharing")) {
            p->type = RC_POL_SHARING;
            rc = parse_sharing(c, o, where, sc, p);
        } else if (!strcmp(type, "integrate_agglomeration")) {
            p->type = RC_POL_AGGLOMERATION;
            rc = parse_agglomeration(c, o, where, sc, p);
        } else if (!strcmp(type, "relocation_subsidy")) {
            p->type = RC_POL_RELOCATION;
            rc = parse_relocation(c, o, where, sc, p);
        } else if (!strcmp(type, "eco_compensation")) {
            p->type = RC_POL_ECO;
            rc = parse_eco(c, o, where, sc, p);
        } else if (!strcmp(type, "growth_pole")) {
            p->type = RC_POL_POLE;
            rc = parse_pole(c, o, where, sc, p);
        } else if (!strcmp(type, "infrastructure")) {
            p->type = RC_POL_INFRA;
            rc = parse_infrastructure(c, o, where, sc, p);
        } else if (!strcmp(type, "tfp")) {
            p->type = RC_POL_TFP;
            rc = parse_tfp(c, o, where, sc, p);
        } else
            rc = rc_error_set(c->err, RC_EINPUT,
                              "%s: %s: policy type \"%s\" is not supported by this version "
                              "(supported: aid, fdi, fund, infrastructure, tax_sharing, growth_pole, "
                              "relocation_subsidy, eco_compensation, integrate_agglomeration, tfp; credit flows "
                              "are the "
                              "\"credit\" block)", c->src, where, type);
        if (rc)
            return rc;
        for (size_t j = 0; p->id && j < k; j++)
            if (sc->policies[j].id && !strcmp(sc->policies[j].id, p->id))
                return rc_error_set(c->err, RC_EINPUT, "%s: policy id '%s' appears twice", c->src,
                                    p->id);
    }
    return RC_OK;
}

static int parse_action(ctx *c, json_t *o, const char *where, const rc_sim_scenario *sc,
                        rc_sim_action *a)
{
    static const char *const keys[] = {"param", "op", "value", "min", "max", "activate",
                                       "deactivate", NULL};
    int rc = check_keys(c, o, where, keys);
    if (rc)
        return rc;
    a->min = -INFINITY;
    a->max = INFINITY;
    const char *pid = NULL, *param = NULL, *op = NULL;
    int act = json_object_get(o, "activate") != NULL;
    if ((rc = get_str(c, o, act ? "activate" : "deactivate", where, &pid)) ||
        (rc = get_str(c, o, "param", where, &param)) || (rc = get_str(c, o, "op", where, &op)))
        return rc;
    if (pid) {
        a->op = act ? RC_ACT_ACTIVATE : RC_ACT_DEACTIVATE;
        for (a->policy = 0; a->policy < sc->npolicies; a->policy++)
            if (sc->policies[a->policy].id && !strcmp(sc->policies[a->policy].id, pid))
                return RC_OK;
        return rc_error_set(c->err, RC_EINPUT, "%s: %s: no policy with id '%s'", c->src, where,
                            pid);
    }
    int has_v;
    if (!param || !op)
        return rc_error_set(c->err, RC_EINPUT, "%s: %s needs \"param\" and \"op\" (or \"activate\" "
                            "/ \"deactivate\")", c->src, where);
    if (!strcmp(op, "set"))
        a->op = RC_ACT_SET;
    else if (!strcmp(op, "add"))
        a->op = RC_ACT_ADD;
    else if (!strcmp(op, "mul"))
        a->op = RC_ACT_MUL;
    else
        return rc_error_set(c->err, RC_EINPUT, "%s: %s.op must be set, add or mul", c->src, where);
    if ((rc = get_num(c, o, "value", where, &a->value, &has_v)) ||
        (rc = get_num(c, o, "min", where, &a->min, NULL)) ||
        (rc = get_num(c, o, "max", where, &a->max, NULL)))
        return rc;
    if (!has_v || !isfinite(a->value) || !(a->min <= a->max))
        return rc_error_set(c->err, RC_EINPUT, "%s: %s needs a finite \"value\" and min <= max",
                            c->src, where);
    a->param = rc_sim_strdup(param);
    return RC_OK;
}

/* Panel columns a region: or group: metric may read (governance.c region_metric). */
static const char *const REGION_COLUMNS[] = {"real_income", "gdp_pc", "urbanization", "wage",
                                             "real_wage", NULL};

static int find_name(const char *const *names, const char *s)
{
    for (int q = 0; names[q]; q++)
        if (!strcmp(names[q], s))
            return q;
    return -1;
}

/* region:<id>:<column> (§3.7); the id may itself contain ':' (the column is after the last). */
static int parse_region_metric(ctx *c, const char *metric, const char *where,
                               const rc_sim_scenario *sc, rc_sim_rule *r)
{
    const char *idp = metric + 7, *col = strrchr(idp, ':');
    int ok = col && find_name(REGION_COLUMNS, col + 1) >= 0;
    for (r->region = 0; ok && r->region < sc->n; r->region++)
        if (strlen(sc->regions[r->region].id) == (size_t)(col - idp) &&
            !strncmp(sc->regions[r->region].id, idp, (size_t)(col - idp)))
            break;
    if (!ok || r->region == sc->n)
        return rc_error_set(c->err, RC_EINPUT, "%s: %s: metric '%s' must be "
                            "region:<id>:real_income|gdp_pc|urbanization|wage|real_wage "
                            "with a region of the scenario", c->src, where, metric);
    if (!(r->column = rc_sim_strdup(col + 1)))
        return rc_error_set(c->err, RC_ENOMEM, "out of memory");
    return RC_OK;
}

/* group:<name>:<column> (§3.7) over the regions whose `group` is <name>: a summary column is
 * computed within the group as the summary computes it nationally (urbanization is then
 * Σ H / Σ P of the group); a panel column of region: metrics is averaged with population
 * weights. Inequality indices need two regions in the group. */
static int parse_group_metric(ctx *c, const char *metric, const char *where,
                              const rc_sim_scenario *sc, rc_sim_rule *r)
{
    const char *name = metric + 6, *col = strrchr(name, ':');
    size_t len = col ? (size_t)(col - name) : 0;
    if (!col || len == 0)
        return rc_error_set(c->err, RC_EINPUT, "%s: %s: metric '%s' must be "
                            "group:<name>:<column>", c->src, where, metric);
    if (!(r->members = malloc(sc->n * sizeof *r->members)))
        return rc_error_set(c->err, RC_ENOMEM, "out of memory");
    for (size_t i = 0; i < sc->n; i++) {
        const char *g = sc->regions[i].group;
        if (g && strlen(g) == len && !strncmp(g, name, len))
            r->members[r->nmembers++] = i;
    }
    if (r->nmembers == 0)
        return rc_error_set(c->err, RC_EINPUT, "%s: %s: metric '%s': no region has group "
                            "'%.*s'", c->src, where, metric, (int)len, name);
    r->metric = find_name(rc_sim_metric_names, col + 1);
    if (r->metric < 0 && find_name(REGION_COLUMNS, col + 1) >= 0 &&
        !(r->column = rc_sim_strdup(col + 1)))
        return rc_error_set(c->err, RC_ENOMEM, "out of memory");
    if (r->metric < 0 && !r->column) {
        char list[512] = "";
        for (int pass = 0; pass < 2; pass++)
            for (const char *const *q = pass ? REGION_COLUMNS : rc_sim_metric_names; *q; q++)
                if (pass == 0 || find_name(rc_sim_metric_names, *q) < 0)
                    snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
                             *list ? ", " : "", *q);
        return rc_error_set(c->err, RC_EINPUT, "%s: %s: metric '%s': unknown column '%s' for a "
                            "group (within the group: %s)", c->src, where, metric, col + 1,
                            list);
    }
    /* indices 2..9 of rc_sim_metric_names compare regions: undefined for one region */
    if (r->nmembers < 2 && r->metric >= 2 && r->metric <= 9)
        return rc_error_set(c->err, RC_EINPUT, "%s: %s: metric '%s': group '%.*s' has one "
                            "region, so %s within it is undefined", c->src, where, metric,
                            (int)len, name, col + 1);
    return RC_OK;
}

static int parse_governance(ctx *c, json_t *arr, rc_sim_scenario *sc)
{
    size_t n = json_array_size(arr);
    if (!json_is_array(arr) || n > 256)
        return rc_error_set(c->err, RC_EINPUT, "%s: \"governance\" must be a list of at most 256 "
                            "rules", c->src);
    if (n && !(sc->rules = calloc(n, sizeof *sc->rules)))
        return rc_error_set(c->err, RC_ENOMEM, "out of memory");
    static const char *const keys[] = {"id", "when", "then", "cooldown", "max_fires", NULL};
    static const char *const wkeys[] = {"metric", "op", "value", "for", "scope", NULL};
    for (size_t k = 0; k < n; k++) {
        sc->nrules = k + 1;
        rc_sim_rule *r = &sc->rules[k];
        json_t *o = json_array_get(arr, k), *w;
        char where[48];
        snprintf(where, sizeof where, "governance[%zu]", k);
        if (!json_is_object(o))
            return rc_error_set(c->err, RC_EINPUT, "%s: %s must be an object", c->src, where);
        int rc = check_keys(c, o, where, keys);
        const char *id = NULL, *metric = NULL, *op = NULL, *scope = "national";
        if (rc || (rc = get_str(c, o, "id", where, &id)) || (rc = get_object(c, o, "when", &w)))
            return rc;
        r->id = rc_sim_strdup(id);
        if (!w)
            return rc_error_set(c->err, RC_EINPUT, "%s: %s needs \"when\"", c->src, where);
        double hold = 1, cool = 0, maxf = 1e9;
        int has_v;
        if ((rc = check_keys(c, w, "when", wkeys)) || (rc = get_str(c, w, "metric", where, &metric)) ||
            (rc = get_str(c, w, "op", where, &op)) || (rc = get_str(c, w, "scope", where, &scope)) ||
            (rc = get_num(c, w, "value", where, &r->value, &has_v)) ||
            (rc = get_num(c, w, "for", where, &hold, NULL)) ||
            (rc = get_num(c, o, "cooldown", where, &cool, NULL)) ||
            (rc = get_num(c, o, "max_fires", where, &maxf, NULL)))
            return rc;
        if (!metric || !op || !has_v)
            return rc_error_set(c->err, RC_EINPUT, "%s: %s.when needs metric, op and value", c->src,
                                where);
        static const char *const ops[] = {">", ">=", "<", "<="};
        r->op = -1;
        for (int q = 0; q < 4; q++)
            if (!strcmp(op, ops[q]))
                r->op = q;
        if (r->op < 0)
            return rc_error_set(c->err, RC_EINPUT, "%s: %s.when.op must be >, >=, < or <=", c->src,
                                where);
        if (!(hold >= 1 && hold == floor(hold) && hold < 1e9) || !(cool >= 0 && cool == floor(cool)) ||
            !(maxf >= 1 && maxf == floor(maxf)))
            return rc_error_set(c->err, RC_EINPUT, "%s: %s: \"for\" >= 1, cooldown >= 0 and "
                                "max_fires >= 1 must be integers", c->src, where);
        r->hold = (size_t)hold;
        r->cooldown = (size_t)cool;
        r->max_fires = (size_t)fmin(maxf, 1e9);
        r->metric = -1;
        if (!strncmp(metric, "region:", 7))
            rc = parse_region_metric(c, metric, where, sc, r);
        else if (!strncmp(metric, "group:", 6))
            rc = parse_group_metric(c, metric, where, sc, r);
        else {
            for (int q = 0; rc_sim_metric_names[q]; q++)
                if (!strcmp(rc_sim_metric_names[q], metric))
                    r->metric = q;
            if (r->metric < 0 || strcmp(scope, "national"))
                return rc_error_set(c->err, RC_EINPUT, "%s: %s: unknown metric '%s' (national: "
                                    "theil_t_w, gini_w, cv, williamson, mean_real_income, …; or "
                                    "region:<id>:<column> or group:<name>:<column>)",
                                    c->src, where, metric);
        }
        if (rc)
            return rc;
        json_t *then = json_object_get(o, "then");
        size_t na = json_array_size(then);
        if (!json_is_array(then) || na == 0)
            return rc_error_set(c->err, RC_EINPUT, "%s: %s needs a list \"then\" of actions", c->src,
                                where);
        if (!(r->actions = calloc(na, sizeof *r->actions)))
            return rc_error_set(c->err, RC_ENOMEM, "out of memory");
        for (size_t a = 0; a < na; a++) {
            char w2[80];
            snprintf(w2, sizeof w2, "%s.then[%zu]", where, a);
            json_t *ao = json_array_get(then, a);
            r->nactions = a + 1;
            if (!json_is_object(ao))
                return rc_error_set(c->err, RC_EINPUT, "%s: %s must be an object", c->src, w2);
            if ((rc = parse_action(c, ao, w2, sc, &r->actions[a])))
                return rc;
        }
    }
    return RC_OK;
}

static int parse_solver_output(ctx *c, json_t *root, rc_sim_scenario *sc)
{
    json_t *s, *o;
    int rc;
    if ((rc = get_object(c, root, "solver", &s)) || (rc = get_object(c, root, "output", &o)))
        return rc;
    sc->tol = 1e-10;
    sc->max_iter = 10000;
    sc->damping = 1.0;
    sc->anderson = 0;
    sc->inner_steps = 100000;
    sc->inner_tol = 1e-13;
    if (s) {
        static const char *const keys[] = {"tol", "max_iter", "damping", "anderson", "mode",
                                           "inner_steps", "inner_tol", NULL};
        if ((rc = check_keys(c, s, "solver", keys)))
            return rc;
        double mi = 10000, anderson = 0, steps = 100000;
        const char *mode = "dynamic";
        if ((rc = get_num(c, s, "tol", "solver", &sc->tol, NULL)) ||
            (rc = get_num(c, s, "max_iter", "solver", &mi, NULL)) ||
            (rc = get_num(c, s, "damping", "solver", &sc->damping, NULL)) ||
            (rc = get_num(c, s, "anderson", "solver", &anderson, NULL)) ||
            (rc = get_num(c, s, "inner_steps", "solver", &steps, NULL)) ||
            (rc = get_num(c, s, "inner_tol", "solver", &sc->inner_tol, NULL)) ||
            (rc = get_str(c, s, "mode", "solver", &mode)))
            return rc;
        if (!(sc->tol > 0 && sc->tol < 1))
            return rc_error_set(c->err, RC_EINPUT, "%s: solver.tol must be in (0, 1)", c->src);
        if (!(mi >= 1 && mi <= 1e9) || mi != floor(mi))
            return rc_error_set(c->err, RC_EINPUT, "%s: solver.max_iter must be an integer >= 1",
                                c->src);
        sc->max_iter = (size_t)mi;
        if (!(sc->damping > 0 && sc->damping <= 1))
            return rc_error_set(c->err, RC_EINPUT, "%s: solver.damping must be in (0, 1]", c->src);
        if (!(anderson >= 0 && anderson <= 20) || anderson != floor(anderson))
            return rc_error_set(c->err, RC_EINPUT,
                                "%s: solver.anderson must be an integer from 0 (off) to 20, not "
                                "%g", c->src, anderson);
        sc->anderson = (size_t)anderson;
        if (strcmp(mode, "dynamic") && strcmp(mode, "equilibrium_path"))
            return rc_error_set(c->err, RC_EINPUT,
                                "%s: solver.mode must be \"dynamic\" or \"equilibrium_path\", not "
                                "\"%s\"", c->src, mode);
        sc->eq_path = !strcmp(mode, "equilibrium_path");
        if (!(steps >= 1 && steps <= 1e9 && steps == floor(steps)) ||
            !(sc->inner_tol > 0 && sc->inner_tol < 1))
            return rc_error_set(c->err, RC_EINPUT,
                                "%s: solver.inner_steps must be an integer >= 1 and inner_tol in "
                                "(0, 1)", c->src);
        sc->inner_steps = (size_t)steps;
    }
    sc->gap_real = 1;
    rc_stage_params_default(&sc->stages);
    if (o) {
        static const char *const keys[] = {"panel", "summary", "gap_variable", "indices",
                                           "groups", "stages", "index_base", "every", NULL};
        if ((rc = check_keys(c, o, "output", keys)))
            return rc;
        const char *gap = "real_income";
        if ((rc = get_str(c, o, "gap_variable", "output", &gap)))
            return rc;
        if (strcmp(gap, "real_income") && strcmp(gap, "gdp_pc"))
            return rc_error_set(c->err, RC_EINPUT,
                                "%s: output.gap_variable must be real_income or gdp_pc", c->src);
        sc->gap_real = !strcmp(gap, "real_income");
        json_t *ib = json_object_get(o, "index_base"), *ev = json_object_get(o, "every");
        if (ib && !json_is_boolean(ib))
            return rc_error_set(c->err, RC_EINPUT, "%s: output.index_base must be true or false",
                                c->src);
        sc->index_base = ib && json_is_true(ib);
        if (ev && !(json_is_integer(ev) && json_integer_value(ev) >= 1))
            return rc_error_set(c->err, RC_EINPUT,
                                "%s: output.every must be an integer >= 1 (write every k-th "
                                "period)", c->src);
        if (ev)
            sc->output_every = (size_t)json_integer_value(ev);
        json_t *st;
        if ((rc = get_object(c, o, "stages", &st)))
            return rc;
        if (st) {
            static const char *const sk[] = {"window", "floor", "takeoff", "drop", "end_fraction",
                                             NULL};
            if ((rc = check_keys(c, st, "output.stages", sk)))
                return rc;
            double h = (double)sc->stages.window;
            if ((rc = get_num(c, st, "window", "output.stages", &h, NULL)) ||
                (rc = get_num(c, st, "floor", "output.stages", &sc->stages.floor, NULL)) ||
                (rc = get_num(c, st, "takeoff", "output.stages", &sc->stages.takeoff, NULL)) ||
                (rc = get_num(c, st, "drop", "output.stages", &sc->stages.drop, NULL)) ||
                (rc = get_num(c, st, "end_fraction", "output.stages", &sc->stages.end_frac, NULL)))
                return rc;
            if (!(h >= 2 && h == floor(h) && h < 1e6) || !(sc->stages.floor >= 0) ||
                !(sc->stages.drop > 0 && sc->stages.drop < 1) ||
                !(sc->stages.end_frac >= 0 && sc->stages.end_frac < 1))
                return rc_error_set(c->err, RC_EINPUT,
                                    "%s: output.stages: window integer >= 2, floor >= 0, drop and "
                                    "end_fraction in (0, 1)", c->src);
            sc->stages.window = (size_t)h;
        }
    }
    return RC_OK;
}

/* One sweep axis: {"param", "values": [...]} or {"param", "from", "to", "step"}. */
static int parse_axis(ctx *c, json_t *o, const char *where, rc_sim_axis *ax)
{
    static const char *const keys[] = {"param", "values", "from", "to", "step", NULL};
    if (!json_is_object(o))
        return rc_error_set(c->err, RC_EINPUT, "%s: %s must be an object", c->src, where);
    int rc = check_keys(c, o, where, keys);
    const char *param = NULL;
    if (rc || (rc = get_str(c, o, "param", where, &param)))
        return rc;
    if (!param)
        return rc_error_set(c->err, RC_EINPUT, "%s: %s needs \"param\"", c->src, where);
    if (!(ax->param = rc_sim_strdup(param)))
        return rc_error_set(c->err, RC_ENOMEM, "out of memory");
    json_t *vals = json_object_get(o, "values");
    if (vals) {
        size_t n = json_array_size(vals);
        double *v = n ? malloc(n * sizeof *v) : NULL;
        if (!json_is_array(vals) || n == 0 || !v) {
            free(v);
            return rc_error_set(c->err, RC_EINPUT, "%s: %s.values must be a non-empty list",
                                c->src, where);
        }
        ax->values = v;
        for (size_t k = 0; k < n; k++) {
            json_t *x = json_array_get(vals, k);
            if (!json_is_number(x))
                return rc_error_set(c->err, RC_EINPUT, "%s: %s.values[%zu] is not a number",
                                    c->src, where, k);
            v[k] = json_number_value(x);
            ax->n++;
        }
        return RC_OK;
    }
    double a = NAN, b = NAN, st = NAN, *v = NULL;
    int ga, gb, gs;
    if ((rc = get_num(c, o, "from", where, &a, &ga)) || (rc = get_num(c, o, "to", where, &b, &gb)) ||
        (rc = get_num(c, o, "step", where, &st, &gs)))
        return rc;
    if (!ga || !gb || !gs)
        return rc_error_set(c->err, RC_EINPUT, "%s: %s needs values, or from, to and step",
                            c->src, where);
    rc = rc_sim_grid(&v, &ax->n, a, b, st, c->err);
    ax->values = v;
    return rc;
}

/* "sweep": one axis (an object) or a grid (a list of axes, each parameter once). */
static int parse_sweep(ctx *c, json_t *o, rc_sim_scenario *sc)
{
    size_t n = json_is_array(o) ? json_array_size(o) : 1;
    if (!json_is_object(o) && !(json_is_array(o) && n >= 1 && n <= 8))
        return rc_error_set(c->err, RC_EINPUT, "%s: \"sweep\" must be an object (one "
                            "parameter) or a list of 1 to 8 of them (a grid)", c->src);
    if (!(sc->sweep = calloc(n, sizeof *sc->sweep)))
        return rc_error_set(c->err, RC_ENOMEM, "out of memory");
    sc->nsweep = n;
    for (size_t k = 0; k < n; k++) {
        char where[32];
        if (json_is_array(o))
            snprintf(where, sizeof where, "sweep[%zu]", k);
        else
            snprintf(where, sizeof where, "sweep");
        int rc = parse_axis(c, json_is_array(o) ? json_array_get(o, k) : o, where, &sc->sweep[k]);
        if (rc)
            return rc;
        for (size_t j = 0; j < k; j++)
            if (!strcmp(sc->sweep[j].param, sc->sweep[k].param))
                return rc_error_set(c->err, RC_EINPUT, "%s: sweep names %s twice", c->src,
                                    sc->sweep[k].param);
    }
    return RC_OK;
}

/* migration.caps (§2.6 U4–U5): {"<region id>": cap} on the region's urban workers H, in the
 * units of its `urban` (model shares inline, persons from a panel). The design gives no
 * relative form, so caps are absolute. A region starting above its cap is refused rather than
 * moved at period 0, which would change the initial state the file states. */
static int parse_caps(ctx *c, json_t *mig, rc_sim_scenario *sc)
{
    json_t *caps = mig ? json_object_get(mig, "caps") : NULL;
    if (!caps)
        return RC_OK;
    if (!json_is_object(caps))
        return rc_error_set(c->err, RC_EINPUT, "%s: migration.caps must be an object "
                            "{\"<region id>\": cap}", c->src);
    if (json_object_size(caps) == 0)
        return RC_OK; /* no caps: the run is the uncapped one, bit for bit */
    if (!(sc->hcap = malloc(sc->n * sizeof *sc->hcap)))
        return rc_error_set(c->err, RC_ENOMEM, "out of memory");
    for (size_t i = 0; i < sc->n; i++)
        sc->hcap[i] = INFINITY;
    const char *id;
    json_t *v;
    json_object_foreach(caps, id, v) {
        size_t i = 0;
        while (i < sc->n && strcmp(sc->regions[i].id, id))
            i++;
        if (i == sc->n)
            return rc_error_set(c->err, RC_EINPUT, "%s: migration.caps: no region '%s' in the "
                                "scenario", c->src, id);
        double cap = json_number_value(v);
        if (!json_is_number(v) || !(cap > 0) || !isfinite(cap))
            return rc_error_set(c->err, RC_EINPUT, "%s: migration.caps.%s must be a finite "
                                "number > 0", c->src, id);
        if (sc->regions[i].urban > cap)
            return rc_error_set(c->err, RC_EINPUT, "%s: region '%s' starts with urban = %g, above "
                                "its cap migration.caps.%s = %g", c->src, id,
                                sc->regions[i].urban, id, cap);
        sc->hcap[i] = cap / sc->pop_scale;
    }
    return RC_OK;
}

static int parse_root(ctx *c, json_t *root, rc_sim_scenario *sc)
{
    static const char *const keys[] = {
        "format", "name", "description", "seed", "replicates", "periods", "regions",
        "geography", "model", "growth", "spillover", "migration", "rural_urban", "population",
        "credit", "fiscal", "shocks", "policies", "paths", "governance", "calibrate", "sweep",
        "solver", "output", NULL};
    if (!json_is_object(root))
        return rc_error_set(c->err, RC_EINPUT, "%s: a scenario is a JSON object", c->src);
    int rc = check_keys(c, root, "scenario", keys);
    if (rc)
        return rc;
    const char *format = NULL, *name = "scenario";
    if ((rc = get_str(c, root, "format", "scenario", &format)) ||
        (rc = get_str(c, root, "name", "scenario", &name)))
        return rc;
    if (!format || strcmp(format, "regcoord-scenario/1"))
        return rc_error_set(c->err, RC_EINPUT,
                            "%s: \"format\": \"regcoord-scenario/1\" is required", c->src);
    sc->name = rc_sim_strdup(name);
    double seed = RC_DEFAULT_SEED, reps = 1;
    int has_seed;
    if ((rc = get_num(c, root, "seed", "scenario", &seed, &has_seed)) ||
        (rc = get_num(c, root, "replicates", "scenario", &reps, NULL)))
        return rc;
    if (!(seed >= 0 && seed < 1.8e19 && seed == floor(seed)))
        return rc_error_set(c->err, RC_EINPUT, "%s: seed must be a non-negative integer", c->src);
    if (!(reps >= 1 && reps <= 100000 && reps == floor(reps)))
        return rc_error_set(c->err, RC_EINPUT, "%s: replicates must be an integer in [1, 100000]",
                            c->src);
    sc->seed = (uint64_t)seed;
    sc->replicates = (size_t)reps;
    /* periods */
    json_t *per;
    if ((rc = get_object(c, root, "periods", &per)))
        return rc;
    sc->periods = 101;
    if (per) {
        static const char *const pk[] = {"start", "count", "year0", NULL};
        if ((rc = check_keys(c, per, "periods", pk)))
            return rc;
        double st = 0, cnt = 101, y0 = 0;
        if ((rc = get_num(c, per, "start", "periods", &st, NULL)) ||
            (rc = get_num(c, per, "count", "periods", &cnt, NULL)) ||
            (rc = get_num(c, per, "year0", "periods", &y0, &sc->has_year0)))
            return rc;
        if (!(st >= 0 && st == floor(st) && st < 1e6) || !(cnt >= 1 && cnt == floor(cnt) && cnt <= 1e6) ||
            !(fabs(y0) < 1e6 && y0 == floor(y0)))
            return rc_error_set(c->err, RC_EINPUT,
                                "%s: periods.start >= 0, periods.count >= 1 and periods.year0 must "
                                "be integers", c->src);
        sc->period0 = (size_t)st;
        sc->periods = (size_t)cnt;
        sc->year0 = (int)y0;
    }
    /* parameter blocks (model first: generators need μ) */
    rc_sim_params_default(&sc->base);
    static const char *const geo_extra[] = {"type", "border_by", "matrix", "edges", NULL};
    static const char *const mig_extra[] = {"caps", NULL};
    if ((rc = parse_param_block(c, root, "model", &sc->base, NULL)) ||
        (rc = parse_param_block(c, root, "geography", &sc->base, geo_extra)) ||
        (rc = parse_param_block(c, root, "growth", &sc->base, NULL)) ||
        (rc = parse_param_block(c, root, "spillover", &sc->base, NULL)) ||
        (rc = parse_param_block(c, root, "migration", &sc->base, mig_extra)) ||
        (rc = parse_param_block(c, root, "rural_urban", &sc->base, NULL)) ||
        (rc = parse_param_block(c, root, "population", &sc->base, NULL)) ||
        (rc = parse_param_block(c, root, "credit", &sc->base, NULL)) ||
        (rc = parse_param_block(c, root, "fiscal", &sc->base, NULL)) ||
        (rc = parse_param_block(c, root, "shocks", &sc->base, NULL)))
        return rc;
    if (!(sc->base.mu < (sc->base.sigma - 1.0) / sc->base.sigma)) {
        char w[256];
        snprintf(w, sizeof w, "mu = %g >= (sigma-1)/sigma = %g: the 'black hole' case, "
                 "everything agglomerates at any trade cost", sc->base.mu,
                 (sc->base.sigma - 1.0) / sc->base.sigma);
        free(sc->warning);
        sc->warning = rc_sim_strdup(w);
    }
    /* geography type */
    json_t *geo = json_object_get(root, "geography");
    const char *gt = "uniform", *border_by = "group";
    if (geo && ((rc = get_str(c, geo, "type", "geography", &gt)) ||
                (rc = get_str(c, geo, "border_by", "geography", &border_by))))
        return rc;
    if (!strcmp(gt, "uniform"))
        sc->geo = RC_GEO_UNIFORM;
    else if (!strcmp(gt, "racetrack"))
        sc->geo = RC_GEO_RACETRACK;
    else if (!strcmp(gt, "points"))
        sc->geo = RC_GEO_POINTS;
    else if (!strcmp(gt, "matrix"))
        sc->geo = RC_GEO_MATRIX;
    else if (!strcmp(gt, "network"))
        sc->geo = RC_GEO_NETWORK;
    else
        return rc_error_set(c->err, RC_EINPUT,
                            "%s: geography.type must be uniform, racetrack, points, matrix or "
                            "network, not \"%s\"", c->src, gt);
    const char *geo_file = NULL;
    if (geo && (rc = get_str(c, geo, sc->geo == RC_GEO_MATRIX ? "matrix" : "edges", "geography",
                             &geo_file)))
        return rc;
    if ((sc->geo == RC_GEO_MATRIX || sc->geo == RC_GEO_NETWORK) && !geo_file)
        return rc_error_set(c->err, RC_EINPUT, "%s: geography \"%s\" needs \"%s\": a file", c->src,
                            gt, sc->geo == RC_GEO_MATRIX ? "matrix" : "edges");
    if (geo && ((json_object_get(geo, "matrix") && sc->geo != RC_GEO_MATRIX) ||
                (json_object_get(geo, "edges") && sc->geo != RC_GEO_NETWORK)))
        return rc_error_set(c->err, RC_EINPUT, "%s: geography.matrix belongs to type \"matrix\", "
                            "geography.edges to type \"network\"", c->src);
    /* "group": a border between regions of different groups (east/central/west, provinces
     * of counties); "region_id" (or "id"): every region is its own unit, so every pair of
     * regions crosses one (the design's China example, where regions are provinces). */
    if (!strcmp(border_by, "region_id") || !strcmp(border_by, "id"))
        sc->border_by_id = 1;
    else if (strcmp(border_by, "group"))
        return rc_error_set(c->err, RC_EINPUT,
                            "%s: geography.border_by must be \"group\" (regions of different "
                            "groups) or \"region_id\" (every pair of regions), not \"%s\"",
                            c->src, border_by);
    if (!isnan(sc->base.phi) && sc->geo != RC_GEO_UNIFORM)
        return rc_error_set(c->err, RC_EINPUT, "%s: geography.phi applies to the uniform "
                            "geography only (racetrack: phi_step)", c->src);
    if (!isnan(sc->base.phi_step) && sc->geo != RC_GEO_RACETRACK)
        return rc_error_set(c->err, RC_EINPUT, "%s: geography.phi_step applies to the racetrack "
                            "only", c->src);
    /* regions */
    json_t *reg = json_object_get(root, "regions");
    if (!reg)
        return rc_error_set(c->err, RC_EINPUT, "%s: \"regions\" is required", c->src);
    sc->pop_scale = 1.0;
    if (json_is_array(reg))
        rc = parse_inline_regions(c, reg, sc);
    else if (json_is_object(reg) && json_object_get(reg, "panel"))
        rc = rc_sim_regions_from_panel(sc, reg, c->src, c->err);
    else if (json_is_object(reg))
        rc = parse_generator(c, reg, sc);
    else
        rc = rc_error_set(c->err, RC_EINPUT, "%s: \"regions\" must be a list or an object", c->src);
    if (rc)
        return rc;
    if (geo_file) {
        char *gpath = rc_sim_resolve(c->src, geo_file);
        if (!gpath)
            return rc_error_set(c->err, RC_ENOMEM, "out of memory");
        rc = rc_sim_read_cost_file(sc, gpath, c->err);
        free(gpath);
        if (rc)
            return rc;
    }
    if (sc->geo == RC_GEO_POINTS)
        for (size_t i = 0; i < sc->n; i++)
            if (!isfinite(sc->regions[i].lon) || !isfinite(sc->regions[i].lat))
                return rc_error_set(c->err, RC_EINPUT,
                                    "%s: geography \"points\" needs lon and lat for every region; "
                                    "region '%s' has none", c->src, sc->regions[i].id);
    /* Inline and generated regions are in model units (population shares, Σ P ≈ 1) and used
     * as given: the model is not scale-free (G depends on the level of H), so rescaling them
     * would change the economy. Only populations in persons (panel input) are divided by the
     * initial total (§2.1; pop_scale set by the panel reader). */
    double sumH = 0.0;
    for (size_t i = 0; i < sc->n; i++)
        sumH += sc->regions[i].urban;
    if (!(sumH > 0))
        return rc_error_set(c->err, RC_EINPUT, "%s: no region has urban workers", c->src);
    if ((rc = parse_caps(c, json_object_get(root, "migration"), sc)))
        return rc;
    if (sc->base.knowledge_elasticity > 0)
        for (size_t i = 0; i < sc->n; i++)
            if (!(sc->regions[i].capital > 0) && sc->geo == RC_GEO_UNIFORM &&
                !(sc->base.degree > 0))
                return rc_error_set(c->err, RC_EINPUT,
                                    "%s: region '%s' has no capital and no spillover while "
                                    "knowledge_elasticity > 0 (its productivity would be 0)",
                                    c->src, sc->regions[i].id);
    json_t *pol = json_object_get(root, "policies"), *paths = json_object_get(root, "paths");
    if (pol && (rc = parse_policies(c, pol, sc)))
        return rc;
    if (paths && (rc = parse_paths(c, paths, sc)))
        return rc;
    json_t *cal;
    if ((rc = get_object(c, root, "calibrate", &cal)))
        return rc;
    if (cal) {
        static const char *const ck[] = {"tfp_to", "tol", NULL};
        const char *to = NULL;
        sc->calibrate_tol = 1e-10;
        if ((rc = check_keys(c, cal, "calibrate", ck)) ||
            (rc = get_str(c, cal, "tfp_to", "calibrate", &to)) ||
            (rc = get_num(c, cal, "tol", "calibrate", &sc->calibrate_tol, NULL)))
            return rc;
        if (!to || strcmp(to, "gdp_share"))
            return rc_error_set(c->err, RC_EINPUT, "%s: calibrate.tfp_to must be \"gdp_share\"",
                                c->src);
        if (!(sc->calibrate_tol > 0 && sc->calibrate_tol < 1))
            return rc_error_set(c->err, RC_EINPUT, "%s: calibrate.tol must be in (0, 1)", c->src);
        for (size_t i = 0; i < sc->n; i++)
            if (!(sc->regions[i].gdp > 0))
                return rc_error_set(c->err, RC_EINPUT,
                                    "%s: calibrate needs observed GDP: regions from a panel with "
                                    "\"gdp\" (region '%s' has none)", c->src, sc->regions[i].id);
        sc->calibrate = 1;
    }
    json_t *gv = json_object_get(root, "governance");
    if (gv && (rc = parse_governance(c, gv, sc)))
        return rc;
    json_t *sw = json_object_get(root, "sweep");
    if (sw && (rc = parse_sweep(c, sw, sc)))
        return rc;
    return parse_solver_output(c, root, sc);
}

/* Paths must name parameters that exist: check once, with a throw-away model. */
static int check_paths(rc_sim_scenario *sc, rc_error *err)
{
    rc_sim_model m;
    int rc = rc_sim_model_init(&m, sc, 0, 0, err);
    if (rc)
        return rc;
    for (size_t t = 0; t < sc->periods && rc == RC_OK; t++)
        rc = rc_sim_model_set_time(&m, t, err);
    /* the parameters governance actions name must exist too */
    for (size_t k = 0; k < sc->nrules && rc == RC_OK; k++)
        for (size_t a = 0; a < sc->rules[k].nactions && rc == RC_OK; a++) {
            const rc_sim_param_def *def;
            if (sc->rules[k].actions[a].param &&
                !rc_sim_model_param(&m, sc->rules[k].actions[a].param, &def, err))
                rc = RC_EINPUT;
        }
    if (rc && err) {
        char msg[RC_ERROR_MESSAGE_MAX];
        snprintf(msg, sizeof msg, "%s", err->message);
        rc_error_set(err, rc, "%s: %s", sc->source, msg);
    }
    rc_sim_model_free(&m);
    return rc;
}

int rc_sim_scenario_parse(rc_sim_scenario **out, const char *json, const char *source,
                          rc_error *err)
{
    *out = NULL;
    json_error_t je;
    json_t *root = json_loads(json, JSON_REJECT_DUPLICATES, &je);
    if (!root)
        return rc_error_set(err, RC_EINPUT, "%s:%d:%d: %s", source, je.line, je.column, je.text);
    rc_sim_scenario *sc = calloc(1, sizeof *sc);
    if (!sc) {
        json_decref(root);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    sc->source = rc_sim_strdup(source);
    ctx c = {source, err};
    int rc = parse_root(&c, root, sc);
    json_decref(root);
    if (!rc)
        rc = check_paths(sc, err);
    if (rc) {
        rc_sim_scenario_free(sc);
        return rc;
    }
    *out = sc;
    return RC_OK;
}

int rc_sim_scenario_load(rc_sim_scenario **out, const char *path, rc_error *err)
{
    *out = NULL;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return rc_error_set(err, RC_EIO, "cannot open scenario '%s'", path);
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 4096 + 1 > cap) {
            cap = 2 * cap + 8192;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(fp);
                return rc_error_set(err, RC_ENOMEM, "out of memory reading '%s'", path);
            }
            buf = nb;
        }
        size_t got = fread(buf + len, 1, 4096, fp);
        len += got;
        if (got < 4096)
            break;
    }
    int bad = ferror(fp);
    fclose(fp);
    if (bad) {
        free(buf);
        return rc_error_set(err, RC_EIO, "cannot read scenario '%s'", path);
    }
    buf[len] = '\0';
    int rc = rc_sim_scenario_parse(out, buf, path, err);
    free(buf);
    return rc;
}

void rc_sim_scenario_free(rc_sim_scenario *sc)
{
    if (!sc)
        return;
    for (size_t i = 0; i < sc->n && sc->regions; i++) {
        free(sc->regions[i].id);
        free(sc->regions[i].group);
        free(sc->regions[i].name);
    }
    free(sc->regions);
    for (size_t k = 0; k < sc->npaths; k++) {
        free(sc->paths[k].param);
        free(sc->paths[k].pts);
    }
    free(sc->paths);
    for (size_t k = 0; k < sc->npolicies; k++) {
        free(sc->policies[k].id);
        free(sc->policies[k].members);
        free(sc->policies[k].edge_idx);
        free(sc->policies[k].edge_factor);
        if (sc->policies[k].values)
            free(sc->policies[k].values->pts);
        free(sc->policies[k].values);
    }
    free(sc->policies);
    for (size_t k = 0; k < sc->nrules; k++) {
        for (size_t a = 0; a < sc->rules[k].nactions; a++)
            free(sc->rules[k].actions[a].param);
        free(sc->rules[k].actions);
        free(sc->rules[k].id);
        free(sc->rules[k].column);
        free(sc->rules[k].members);
    }
    free(sc->rules);
    free(sc->cost_matrix);
    free(sc->hcap);
    free(sc->edges);
    rc_sim_axes_free(sc->sweep, sc->nsweep);
    free(sc->warning);
    free(sc->name);
    free(sc->source);
    free(sc->dir);
    free(sc);
}

/* --set on a region's productivity or a policy field (the names of rc_sim_model_param),
 * checked against the range the parser enforces. */
static int set_named(rc_sim_scenario *sc, const char *param, double value, rc_error *err)
{
    size_t i = rc_sim_tfp_region(sc, param);
    if (i != SIZE_MAX) {
        if (!(value > 0) || !isfinite(value))
            return rc_error_set(err, RC_EUSAGE, "%s = %g: must be > 0", param, value);
        sc->regions[i].tfp = value;
        return RC_OK;
    }
    double lo, hi, *field = rc_sim_policy_field(sc->policies, sc->npolicies, param, &lo, &hi);
    if (field) {
        if (!(value >= lo && value <= hi))
            return rc_error_set(err, RC_EUSAGE, "%s = %g: must be in [%g, %g]", param, value, lo,
                                hi);
        *field = value;
        return RC_OK;
    }
    const char *dot = strrchr(param, '.');
    if (!strncmp(param, "regions.", 8) && !strcmp(dot, ".tfp"))
        return rc_error_set(err, RC_EUSAGE, "%s: no region '%.*s'", param,
                            (int)(dot - (param + 8)), param + 8);
    return rc_error_set(err, RC_EUSAGE, "unknown parameter '%s' (a scalar such as "
                        "spillover.degree, regions.<id>.tfp, or policies.<id>.tax_rate|threshold|"
                        "investment_share|factor)", param);
}

int rc_sim_scenario_set(rc_sim_scenario *sc, const char *param, double value, rc_error *err)
{
    const rc_sim_param_def *d = rc_sim_param_find(param);
    if (!d && (!strncmp(param, "regions.", 8) || !strncmp(param, "policies.", 9)))
        return set_named(sc, param, value, err);
    if (!d)
        return rc_error_set(err, RC_EUSAGE, "unknown parameter '%s' (e.g. spillover.degree)",
                            param);
    int rc = rc_sim_param_check(d, value, "setting", err);
    if (rc)
        return rc;
    *(double *)((char *)&sc->base + d->offset) = value;
    for (size_t k = 0; k < sc->npaths;) {
        if (!strcmp(sc->paths[k].param, param)) {
            free(sc->paths[k].param);
            free(sc->paths[k].pts);
            memmove(&sc->paths[k], &sc->paths[k + 1], (sc->npaths - k - 1) * sizeof *sc->paths);
            sc->npaths--;
        } else
            k++;
    }
    return RC_OK;
}

void rc_sim_scenario_set_periods(rc_sim_scenario *sc, size_t count)
{
    if (count >= 1)
        sc->periods = count;
}

void rc_sim_scenario_set_replicates(rc_sim_scenario *sc, size_t replicates)
{
    if (replicates >= 1)
        sc->replicates = replicates;
}

void rc_sim_scenario_set_progress(rc_sim_scenario *sc, rc_sim_progress_fn fn, void *data)
{
    sc->progress = fn;
    sc->progress_ctx = data;
}

void rc_sim_scenario_set_seed(rc_sim_scenario *sc, uint64_t seed)
{
    sc->seed = seed;
}

uint64_t rc_sim_scenario_seed(const rc_sim_scenario *sc)
{
    return sc->seed;
}

size_t rc_sim_scenario_nregions(const rc_sim_scenario *sc)
{
    return sc->n;
}

size_t rc_sim_scenario_replicates(const rc_sim_scenario *sc)
{
    return sc->replicates;
}

size_t rc_sim_scenario_output_every(const rc_sim_scenario *sc)
{
    return sc->output_every ? sc->output_every : 1;
}

const char *rc_sim_scenario_name(const rc_sim_scenario *sc)
{
    return sc->name;
}

double rc_sim_scenario_sigma(const rc_sim_scenario *sc)
{
    return sc->base.sigma;
}

double rc_sim_scenario_mu(const rc_sim_scenario *sc)
{
    return sc->base.mu;
}

const char *rc_sim_scenario_warning(const rc_sim_scenario *sc)
{
    return sc->warning;
}
