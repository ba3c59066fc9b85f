/* kuznets_table.c — gap series from the disparity kernels, the inverse-U fit and its tables
 * (see kuznets_table.h). */
#include "kuznets_table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/disparity.h"
#include "regcoord/kuznets.h"

const char *const rc_kuznets_gap_names =
    "theil_t_w, theil_l_w, gini_w, cv_w (need --pop), theil_t, theil_l, gini, cv, range_ratio";

void rc_kuznets_request_init(rc_kuznets_request *req)
{
    memset(req, 0, sizeof *req);
    req->fe = RC_FE_NONE;
    req->se = RC_SE_CLASSIC;
    req->alpha = 0.05;
    req->x_low = req->x_high = NAN;
}

/* One gap index of a cross-section through the disparity kernels (same numbers as the
 * disparity command). Returns RC_EUSAGE for an unknown name. */
static int gap_index(double *out, const char *name, const double *y, const double *pop, size_t n,
                     rc_error *err)
{
    if (!strcmp(name, "theil_t_w"))
        return rc_theil_t(out, y, pop, n, err);
    if (!strcmp(name, "theil_l_w"))
        return rc_theil_l(out, y, pop, n, err);
    if (!strcmp(name, "gini_w"))
        return rc_gini(out, y, pop, n, err);
    if (!strcmp(name, "cv_w"))
        return rc_williamson(out, y, pop, n, err);
    if (!strcmp(name, "theil_t"))
        return rc_theil_t(out, y, NULL, n, err);
    if (!strcmp(name, "theil_l"))
        return rc_theil_l(out, y, NULL, n, err);
    if (!strcmp(name, "gini"))
        return rc_gini(out, y, NULL, n, err);
    if (!strcmp(name, "cv"))
        return rc_cv(out, y, n, 0, err);
    if (!strcmp(name, "range_ratio"))
        return rc_range_ratio(out, y, n, err);
    return rc_error_set(err, RC_EUSAGE, "unknown gap index '%s' (use one of %s)", name,
                        rc_kuznets_gap_names);
}

static int weighted(const char *name) { return strlen(name) > 2 && !strcmp(name + strlen(name) - 2, "_w"); }

/* The observations of one fit. */
typedef struct {
    size_t n;
    int *year;            /* calendar years */
    const char **region;  /* region ids (panel form) or NULL */
    double *level, *x, *gap, *z;
    size_t *rcode, *ycode;
} obs;

static void obs_free(obs *o)
{
    free(o->year);
    free(o->region);
    free(o->level);
    free(o->x);
    free(o->gap);
    free(o->z);
    free(o->rcode);
    free(o->ycode);
    memset(o, 0, sizeof *o);
}

static int obs_alloc(obs *o, size_t cap, size_t nz)
{
    memset(o, 0, sizeof *o);
    cap = cap ? cap : 1;
    o->year = malloc(cap * sizeof *o->year);
    o->region = malloc(cap * sizeof *o->region);
    o->level = malloc(cap * sizeof *o->level);
    o->x = malloc(cap * sizeof *o->x);
    o->gap = malloc(cap * sizeof *o->gap);
    o->z = malloc(cap * (nz ? nz : 1) * sizeof *o->z);
    o->rcode = malloc(cap * sizeof *o->rcode);
    o->ycode = malloc(cap * sizeof *o->ycode);
    return o->year && o->region && o->level && o->x && o->gap && o->z && o->rcode && o->ycode
               ? RC_OK
               : RC_ENOMEM;
}

/* National (code == NULL) or one group's series: per year the gap index over the regions
 * with a value (and population, and every control), the per-capita level Σ p y / Σ p (plain
 * mean without --pop) and each control's mean with the same weights. Years with fewer than
 * two regions are skipped. */
static int build_series(obs *o, size_t *dropped, size_t *skipped, const rc_panel *p, size_t vv,
                        const size_t *vp, const size_t *vz, size_t nz, const char *gap,
                        const int *code, int g, rc_error *err)
{
    size_t nr = rc_panel_nregions(p), T = rc_panel_nyears(p);
    double *y = malloc((nr ? nr : 1) * sizeof *y), *w = malloc((nr ? nr : 1) * sizeof *w);
    double *zs = calloc(nz ? nz : 1, sizeof *zs);
    int rc = obs_alloc(o, T, nz);
    if (!y || !w || !zs || rc != RC_OK) {
        free(y);
        free(w);
        free(zs);
        obs_free(o);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    for (size_t t = 0; t < T && rc == RC_OK; t++) {
        const double *vy = rc_panel_column(p, vv, t);
        const double *vw = vp ? rc_panel_column(p, *vp, t) : NULL;
        size_t m = 0;
        double sy = 0, sw = 0;
        for (size_t j = 0; j < nz; j++)
            zs[j] = 0;
        for (size_t i = 0; i < nr; i++) {
            if (code && code[i] != g)
                continue;
            int miss = isnan(vy[i]) || (vw && isnan(vw[i]));
            for (size_t j = 0; j < nz; j++)
                miss |= isnan(rc_panel_value(p, vz[j], i, t));
            if (miss) {
                (*dropped)++;
                continue;
            }
            y[m] = vy[i];
            w[m] = vw ? vw[i] : 1.0;
            sy += w[m] * y[m];
            sw += w[m];
            for (size_t j = 0; j < nz; j++)
                zs[j] += w[m] * rc_panel_value(p, vz[j], i, t);
            m++;
        }
        if (m < 2) {
            (*skipped)++;
            continue;
        }
        double v;
        rc = gap_index(&v, gap, y, vw ? w : NULL, m, err);
        if (rc != RC_OK) {
            char msg[RC_ERROR_MESSAGE_MAX];
            snprintf(msg, sizeof msg, "%s", err ? err->message : "");
            rc = rc_error_set(err, rc, "%s in %d: %s", gap, rc_panel_year(p, t), msg);
            break;
        }
        double level = sy / sw;
        if (!(level > 0)) {
            rc = rc_error_set(err, RC_EINPUT, "the per-capita level is %g in %d; ln needs a positive level",
                              level, rc_panel_year(p, t));
            break;
        }
        o->year[o->n] = rc_panel_year(p, t);
        o->region[o->n] = "all";
        o->level[o->n] = level;
        o->x[o->n] = log(level);
        o->gap[o->n] = v;
        o->ycode[o->n] = t;
        for (size_t j = 0; j < nz; j++)
            o->z[o->n * nz + j] = zs[j] / sw;
        o->n++;
    }
    free(y);
    free(w);
    free(zs);
    if (rc != RC_OK)
        obs_free(o);
    return rc;
}

/* Panel form: region-years with the gap variable, the level and the controls. */
static int build_panel(obs *o, size_t *dropped, const rc_panel *p, size_t vv, size_t vg,
                       const size_t *vz, size_t nz, rc_error *err)
{
    size_t nr = rc_panel_nregions(p), T = rc_panel_nyears(p);
    if (obs_alloc(o, nr * T, nz) != RC_OK) {
        obs_free(o);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < nr; i++)
        for (size_t t = 0; t < T; t++) {
            double v = rc_panel_value(p, vv, i, t), gv = rc_panel_value(p, vg, i, t);
            int miss = isnan(v) || isnan(gv);
            for (size_t j = 0; j < nz; j++)
                miss |= isnan(rc_panel_value(p, vz[j], i, t));
            if (miss) {
                (*dropped)++;
                continue;
            }
            if (!(v > 0)) {
                obs_free(o);
                return rc_error_set(err, RC_EINPUT, "'%s' is %g in region '%s', year %d; ln needs positive values",
                                    rc_panel_var_name(p, vv), v, rc_panel_region_id(p, i),
                                    rc_panel_year(p, t));
            }
            o->year[o->n] = rc_panel_year(p, t);
            o->region[o->n] = rc_panel_region_id(p, i);
            o->level[o->n] = v;
            o->x[o->n] = log(v);
            o->gap[o->n] = gv;
            for (size_t j = 0; j < nz; j++)
                o->z[o->n * nz + j] = rc_panel_value(p, vz[j], i, t);
            o->rcode[o->n] = i;
            o->ycode[o->n] = t;
            o->n++;
        }
    return RC_OK;
}

static int add_results(rc_table *tc, rc_table *tt, rc_table *ts, const char *label,
                       const rc_kuznets *k, const obs *o, const char *const *znames,
                       rc_error *err)
{
    const rc_ols_result *r = &k->ols;
    int rc = RC_OK;
    for (size_t j = 0; j < r->k && rc == RC_OK; j++) {
        size_t s = j - (size_t)r->intercept;
        const char *term = r->intercept && j == 0 ? "(Intercept)"
                           : s == 0               ? "ln_level"
                           : s == 1               ? "ln_level_sq"
                                                  : znames[s - 2];
        rc = rc_table_append(tc, err, "ssdddd", label, term, r->coef[j], r->se[j], r->t[j], r->p[j]);
    }
    const struct {
        const char *name;
        double v;
    } st[] = {
        {"n", (double)r->n},
        {"df_resid", (double)r->df_resid},
        {"r2", r->r2},
        {"r2_adj", r->r2_adj},
        {"shape", (double)k->shape},
        {"x_star", k->x_star},
        {"y_star", k->y_star},
        {"se_x_star", k->se_x_star},
        {"inside_range", k->turning_defined ? (double)k->inside_range : NAN},
        {"fieller_low", k->fieller_low},
        {"fieller_high", k->fieller_high},
        {"fieller_bounded", k->turning_defined ? (double)(k->fieller_kind == RC_FIELLER_BOUNDED) : NAN},
        {"x_low", k->x_low},
        {"x_high", k->x_high},
        {"slope_low", k->slope_low},
        {"t_low", k->t_low},
        {"p_low", k->p_low},
        {"slope_high", k->slope_high},
        {"t_high", k->t_high},
        {"p_high", k->p_high},
        {"u_test_t", k->u_t},
        {"u_test_p", k->u_p},
        {"extremum_outside_interval", (double)k->extremum_outside},
    };
    for (size_t i = 0; i < sizeof st / sizeof st[0] && rc == RC_OK; i++)
        rc = rc_table_append(tt, err, "ssd", label, st[i].name, st[i].v);
    for (size_t i = 0; i < o->n && rc == RC_OK; i++) {
        double slope = rc_kuznets_slope(k, o->x[i]);
        rc = rc_table_append(ts, err, "issddddds", o->year[i], label, o->region[i], o->level[i],
                             o->x[i], o->gap[i], o->gap[i] - r->resid[i], slope,
                             slope > 0 ? "rising_gap" : "falling_gap");
    }
    return rc;
}

static int new_table(rc_table **t, const char *name, const char *const *cols, const char *types,
                     rc_error *err)
{
    int rc = rc_table_new(t, name, err);
    for (size_t j = 0; cols[j] && rc == RC_OK; j++)
        rc = rc_table_add_column(*t, cols[j],
                                 types[j] == 's' ? RC_COL_STR : types[j] == 'i' ? RC_COL_INT : RC_COL_DBL,
                                 NULL, err);
    return rc;
}

static int fit_one(rc_table *tc, rc_table *tt, rc_table *ts, const char *label, const obs *o,
                   size_t nz, const char *const *znames, const rc_kuznets_request *req,
                   size_t nregions, size_t nyears, rc_error *err)
{
    rc_kuznets_options opt;
    rc_kuznets_options_init(&opt);
    opt.fe = req->fe;
    opt.se = req->se;
    opt.alpha = req->alpha;
    opt.fieller_normal = req->fieller_normal;
    opt.x_low = req->x_low;
    opt.x_high = req->x_high;
    opt.region = o->rcode;
    opt.year = o->ycode;
    opt.nregions = nregions;
    opt.nyears = nyears;
    rc_kuznets k;
    int rc = rc_kuznets_fit(&k, o->gap, o->x, nz ? o->z : NULL, nz, znames, o->n, &opt, err);
    if (rc != RC_OK) {
        char msg[RC_ERROR_MESSAGE_MAX];
        snprintf(msg, sizeof msg, "%s", err ? err->message : "");
        return rc_error_set(err, rc, "kuznets (%s): %s", label, msg);
    }
    rc = add_results(tc, tt, ts, label, &k, o, znames, err);
    rc_kuznets_free(&k);
    return rc;
}

int rc_kuznets_tables(rc_table **coef, rc_table **turning, rc_table **series, const rc_panel *p,
                      const rc_kuznets_request *req, const rc_cli_common *c)
{
    *coef = *turning = *series = NULL;
    rc_error err;
    rc_error_clear(&err);
    size_t vv, vp, vg;
    const char *gap = req->gap ? req->gap : req->pop ? "theil_t_w" : "theil_t";
    if (rc_cli_find_var(p, req->value, &vv) || (req->pop && rc_cli_find_var(p, req->pop, &vp)) ||
        (req->gap_var && rc_cli_find_var(p, req->gap_var, &vg)))
        return RC_EXIT_USAGE;
    if (req->gap_var && (req->gap || req->group))
        return rc_cli_usage_error("--gap-var (the panel form) excludes --gap and --group");
    if (!req->gap_var) {
        double dummy;
        const double two[2] = {1.0, 2.0};
        if (gap_index(&dummy, gap, two, two, 2, &err) == RC_EUSAGE)
            return rc_cli_fail(&err);
        if (weighted(gap) && !req->pop)
            return rc_cli_usage_error("gap index %s needs --pop", gap);
        if (req->fe != RC_FE_NONE)
            return rc_cli_usage_error("--fe needs the panel form (--gap-var)");
        if (req->se == RC_SE_CLUSTER || req->se == RC_SE_CLUSTER_HC0)
            return rc_cli_usage_error("a national series has no clusters: --se cluster needs the panel form (--gap-var)");
    }
    char **zn = NULL;
    size_t nz = 0;
    size_t *vz = NULL;
    if (req->controls && rc_cli_split_list(req->controls, &zn, &nz) != 0)
        return rc_cli_usage_error("--controls: a comma-separated list of variables");
    vz = malloc((nz ? nz : 1) * sizeof *vz);
    if (!vz) {
        rc_cli_free_list(zn, nz);
        rc_error_set(&err, RC_ENOMEM, "out of memory");
        return rc_cli_fail(&err);
    }
    for (size_t j = 0; j < nz; j++)
        if (rc_cli_find_var(p, zn[j], &vz[j])) {
            free(vz);
            rc_cli_free_list(zn, nz);
            return RC_EXIT_USAGE;
        }
    static const char *const ccols[] = {"group", "term", "estimate", "std_error", "t", "p_value", NULL};
    static const char *const tcols[] = {"group", "statistic", "value", NULL};
    static const char *const scols[] = {"year", "group", "region", "level", "ln_level", "gap",
                                        "fitted", "slope", "stage", NULL};
    int rc = new_table(coef, "coefficients", ccols, "ssdddd", &err);
    if (rc == RC_OK)
        rc = new_table(turning, "turning_point", tcols, "ssd", &err);
    if (rc == RC_OK)
        rc = new_table(series, "series", scols, "issddddds", &err);
    size_t nr = rc_panel_nregions(p), T = rc_panel_nyears(p);
    obs o = {0};
    if (rc == RC_OK && req->gap_var) {
        size_t dropped = 0;
        rc = build_panel(&o, &dropped, p, vv, vg, vz, nz, &err);
        if (rc == RC_OK && dropped)
            rc_cli_note(c, "%zu of %zu region-years dropped for a missing value", dropped, nr * T);
        if (rc == RC_OK)
            rc = fit_one(*coef, *turning, *series, "panel", &o, nz, (const char *const *)zn, req,
                         nr, T, &err);
        obs_free(&o);
    } else if (rc == RC_OK) {
        rc_groups groups = {0};
        int *code = NULL;
        if (req->group) {
            code = malloc((nr ? nr : 1) * sizeof *code);
            rc = code ? rc_panel_groups(&groups, code, p, req->group, &err)
                      : rc_error_set(&err, RC_ENOMEM, "out of memory");
        }
        size_t nfits = 1 + (req->group && rc == RC_OK ? groups.ngroups : 0);
        for (size_t g = 0; g < nfits && rc == RC_OK; g++) {
            const char *label = g == 0 ? "all" : groups.labels[g - 1];
            size_t dropped = 0, skipped = 0;
            rc = build_series(&o, &dropped, &skipped, p, vv, req->pop ? &vp : NULL, vz, nz, gap,
                              g ? code : NULL, (int)g - 1, &err);
            if (rc != RC_OK)
                break;
            if (dropped && g == 0)
                rc_cli_note(c, "%zu region-years without %s%s%s%s left out of the yearly gap index",
                            dropped, req->value, req->pop ? " or " : "", req->pop ? req->pop : "",
                            nz ? " or a control" : "");
            if (skipped)
                rc_cli_note(c, "%s: %zu year%s with fewer than 2 regions skipped", label, skipped,
                            skipped == 1 ? "" : "s");
            rc = fit_one(*coef, *turning, *series, label, &o, nz, (const char *const *)zn, req, nr,
                         T, &err);
            obs_free(&o);
        }
        free(code);
        rc_groups_free(&groups);
    }
    free(vz);
    rc_cli_free_list(zn, nz);
    if (rc != RC_OK) {
        rc_table_free(*coef);
        rc_table_free(*turning);
        rc_table_free(*series);
        *coef = *turning = *series = NULL;
        return rc_cli_fail(&err);
    }
    return 0;
}
