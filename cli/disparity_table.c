/* disparity_table.c — per-year gap indices of a panel as one tidy table. */
#include "disparity_table.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/disparity.h"
#include "regcoord/inference.h"

typedef enum { PER_ALL, PER_GROUP, PER_PAIR } stat_level;

typedef enum {
    S_RANGE, S_CV, S_CV_W, S_GINI, S_GINI_W, S_T, S_T_W, S_L, S_L_W, S_T_B, S_T_WI, S_TW_B,
    S_TW_WI, S_LW_B, S_LW_WI, S_CONTRIB, S_ATKINSON, S_HOOVER, S_DAGUM, S_DAGUM_W, S_DAGUM_NB,
    S_DAGUM_T, S_DAGUM_GW, S_DAGUM_GB, S_DAGUM_D
} stat_id;

typedef struct {
    const char *name;
    stat_id id;
    int needs_pop, needs_group, positive;
    stat_level level;
} stat_def;

/* The canonical order of the output rows within a year. */
static const stat_def defs[] = {
    {"range_ratio", S_RANGE, 0, 0, 1, PER_ALL},
    {"cv", S_CV, 0, 0, 0, PER_ALL},
    {"cv_w", S_CV_W, 1, 0, 0, PER_ALL},
    {"gini", S_GINI, 0, 0, 0, PER_ALL},
    {"gini_w", S_GINI_W, 1, 0, 0, PER_ALL},
    {"theil_t", S_T, 0, 0, 0, PER_ALL},
    {"theil_t_w", S_T_W, 1, 0, 0, PER_ALL},
    {"theil_l", S_L, 0, 0, 1, PER_ALL},
    {"theil_l_w", S_L_W, 1, 0, 1, PER_ALL},
    {"theil_t_between", S_T_B, 0, 1, 0, PER_ALL},
    {"theil_t_within", S_T_WI, 0, 1, 0, PER_ALL},
    {"theil_t_w_between", S_TW_B, 1, 1, 0, PER_ALL},
    {"theil_t_w_within", S_TW_WI, 1, 1, 0, PER_ALL},
    {"theil_l_w_between", S_LW_B, 1, 1, 1, PER_ALL},
    {"theil_l_w_within", S_LW_WI, 1, 1, 1, PER_ALL},
    {"theil_contribution", S_CONTRIB, 0, 1, 0, PER_GROUP},
    {"atkinson", S_ATKINSON, 0, 0, 0, PER_ALL}, /* one row per ε: atkinson_<ε> */
    {"hoover", S_HOOVER, 0, 0, 0, PER_ALL},
    {"dagum_gini", S_DAGUM, 0, 1, 0, PER_ALL},
    {"dagum_within", S_DAGUM_W, 0, 1, 0, PER_ALL},
    {"dagum_between_net", S_DAGUM_NB, 0, 1, 0, PER_ALL},
    {"dagum_transvariation", S_DAGUM_T, 0, 1, 0, PER_ALL},
    {"dagum_gini_within", S_DAGUM_GW, 0, 1, 0, PER_GROUP},
    {"dagum_gini_between", S_DAGUM_GB, 0, 1, 0, PER_PAIR},
    {"dagum_d", S_DAGUM_D, 0, 1, 0, PER_PAIR},
};
#define NDEFS (sizeof defs / sizeof *defs)
#define MAX_EPS 8

typedef struct {
    int want[NDEFS];
    double eps[MAX_EPS];
    size_t neps;
    size_t ngroups;
    int cv_sample;
    size_t nout; /* values per sample in the canonical layout */
} eval_ctx;

void rc_disparity_request_init(rc_disparity_request *req)
{
    memset(req, 0, sizeof *req);
    req->level = 0.95;
}

static size_t rows_of(const eval_ctx *e, size_t d)
{
    if (!e->want[d])
        return 0;
    switch (defs[d].level) {
    case PER_GROUP: return e->ngroups;
    case PER_PAIR: return e->ngroups * (e->ngroups - 1) / 2;
    default: return defs[d].id == S_ATKINSON ? e->neps : 1;
    }
}

/* Every requested statistic of one sample, in the canonical layout (NaN where undefined). */
static int eval_sample(double *out, const double *y, const double *pop, const int *grp,
                       size_t n, void *vctx, rc_error *err)
{
    const eval_ctx *e = vctx;
    size_t k = 0, G = e->ngroups;
    double *w = NULL, *idx = NULL, *con = NULL;
    rc_theil_parts tu = {0}, tw = {0}, lw = {0};
    rc_dagum dg = {0};
    int have_tu = 0, have_tw = 0, have_lw = 0, have_dg = 0, rc = RC_OK;
    if (grp && G) {
        w = malloc(G * sizeof *w);
        idx = malloc(G * sizeof *idx);
        con = malloc(2 * G * sizeof *con);
        if (!w || !idx || !con) {
            rc = rc_error_set(err, RC_ENOMEM, "out of memory");
            goto done;
        }
    }
    for (size_t d = 0; d < NDEFS && rc == RC_OK; d++) {
        if (!e->want[d])
            continue;
        stat_id id = defs[d].id;
        if ((id == S_T_B || id == S_T_WI || (id == S_CONTRIB && !pop)) && !have_tu) {
            rc = rc_theil_t_decompose(&tu, w, idx, con, y, NULL, grp, G, n, err);
            have_tu = 1;
        }
        if ((id == S_TW_B || id == S_TW_WI || (id == S_CONTRIB && pop)) && !have_tw) {
            rc = rc_theil_t_decompose(&tw, w, idx, con + G, y, pop, grp, G, n, err);
            have_tw = 1;
        }
        if ((id == S_LW_B || id == S_LW_WI) && !have_lw) {
            rc = rc_theil_l_decompose(&lw, NULL, NULL, NULL, y, pop, grp, G, n, err);
            have_lw = 1;
        }
        if (id >= S_DAGUM && !have_dg) {
            rc = rc_dagum_decompose(&dg, y, grp, G, n, err);
            have_dg = 1;
        }
        if (rc != RC_OK)
            break;
        switch (id) {
        case S_RANGE: rc = rc_range_ratio(&out[k++], y, n, err); break;
        case S_CV: rc = rc_cv(&out[k++], y, n, e->cv_sample, err); break;
        case S_CV_W: rc = rc_williamson(&out[k++], y, pop, n, err); break;
        case S_GINI: rc = rc_gini(&out[k++], y, NULL, n, err); break;
        case S_GINI_W: rc = rc_gini(&out[k++], y, pop, n, err); break;
        case S_T: rc = rc_theil_t(&out[k++], y, NULL, n, err); break;
        case S_T_W: rc = rc_theil_t(&out[k++], y, pop, n, err); break;
        case S_L: rc = rc_theil_l(&out[k++], y, NULL, n, err); break;
        case S_L_W: rc = rc_theil_l(&out[k++], y, pop, n, err); break;
        case S_T_B: out[k++] = tu.between; break;
        case S_T_WI: out[k++] = tu.within; break;
        case S_TW_B: out[k++] = tw.between; break;
        case S_TW_WI: out[k++] = tw.within; break;
        case S_LW_B: out[k++] = lw.between; break;
        case S_LW_WI: out[k++] = lw.within; break;
        case S_CONTRIB:
            for (size_t g = 0; g < G; g++)
                out[k++] = con[(pop ? G : 0) + g];
            break;
        case S_ATKINSON:
            for (size_t q = 0; q < e->neps && rc == RC_OK; q++)
                rc = rc_atkinson(&out[k++], y, NULL, n, e->eps[q], err);
            break;
        case S_HOOVER: rc = rc_hoover(&out[k++], y, pop, n, err); break;
        case S_DAGUM: out[k++] = dg.gini; break;
        case S_DAGUM_W: out[k++] = dg.within; break;
        case S_DAGUM_NB: out[k++] = dg.between_net; break;
        case S_DAGUM_T: out[k++] = dg.transvariation; break;
        case S_DAGUM_GW:
            for (size_t g = 0; g < G; g++)
                out[k++] = dg.gini_within[g];
            break;
        case S_DAGUM_GB:
        case S_DAGUM_D:
            for (size_t j = 0; j < G; j++)
                for (size_t h = j + 1; h < G; h++)
                    out[k++] = (id == S_DAGUM_GB ? dg.gini_between : dg.d)[j * G + h];
            break;
        }
    }
done:
    rc_dagum_free(&dg);
    free(w);
    free(idx);
    free(con);
    return rc;
}

static int parse_stats(eval_ctx *e, const rc_disparity_request *req, int has_pop, int has_group)
{
    memset(e->want, 0, sizeof e->want);
    if (!req->stats) {
        for (size_t d = 0; d < NDEFS; d++)
            e->want[d] = (!defs[d].needs_pop || has_pop) && (!defs[d].needs_group || has_group);
        return 0;
    }
    char **items;
    size_t n;
    if (rc_cli_split_list(req->stats, &items, &n) != RC_OK || n == 0)
        return rc_cli_usage_error("--stat needs a comma-separated list of statistics");
    int code = 0;
    for (size_t k = 0; k < n && !code; k++) {
        size_t d;
        for (d = 0; d < NDEFS; d++)
            if (!strcmp(items[k], defs[d].name) ||
                (defs[d].id == S_ATKINSON && !strncmp(items[k], "atkinson_", 9)))
                break;
        if (d == NDEFS) {
            code = rc_cli_usage_error("unknown statistic '%s' (regcoord disparity --help lists them)",
                                      items[k]);
        } else if (defs[d].needs_pop && !has_pop) {
            code = rc_cli_usage_error("%s needs --pop VAR", items[k]);
        } else if (defs[d].needs_group && !has_group) {
            code = rc_cli_usage_error("%s needs --group COL", items[k]);
        } else if (defs[d].id == S_ATKINSON) {
            /* atkinson_<ε> names its ε, added to the list unless --epsilon gave it. */
            char *end;
            double eps = strtod(items[k] + 9, &end);
            if (*end || !(eps >= 0))
                code = rc_cli_usage_error("'%s': Atkinson's ε must be a number ≥ 0", items[k]);
            else if (e->neps == 0 || !e->want[d]) {
                if (!e->want[d])
                    e->neps = 0;
                e->eps[e->neps++] = eps;
            } else if (e->neps < MAX_EPS) {
                e->eps[e->neps++] = eps;
            }
            e->want[d] = 1;
        } else {
            e->want[d] = 1;
        }
    }
    rc_cli_free_list(items, n);
    return code;
}

static int parse_epsilon(eval_ctx *e, const char *list)
{
    e->neps = 0;
    if (!list) {
        e->eps[e->neps++] = 0.5;
        e->eps[e->neps++] = 1.0;
        return 0;
    }
    char **items;
    size_t n;
    if (rc_cli_split_list(list, &items, &n) != RC_OK || n == 0 || n > MAX_EPS) {
        rc_cli_free_list(items, n);
        return rc_cli_usage_error("--epsilon needs 1 to %d numbers ≥ 0", MAX_EPS);
    }
    int code = 0;
    for (size_t k = 0; k < n && !code; k++) {
        char *end;
        double eps = strtod(items[k], &end);
        if (*end || !(eps >= 0))
            code = rc_cli_usage_error("--epsilon: '%s' is not a number ≥ 0", items[k]);
        e->eps[e->neps++] = eps;
    }
    rc_cli_free_list(items, n);
    return code;
}

/* "0.5" → "atkinson_0.5". */
static void atkinson_name(char *buf, size_t size, double eps)
{
    snprintf(buf, size, "atkinson_%g", eps);
}

int rc_disparity_table(rc_table **out, const rc_panel *panel, const rc_disparity_request *req,
                       const rc_cli_common *c)
{
    *out = NULL;
    rc_error err;
    size_t vy, vp = 0;
    int code;
    if ((code = rc_cli_find_var(panel, req->value, &vy)) != 0)
        return code;
    if (req->pop && (code = rc_cli_find_var(panel, req->pop, &vp)) != 0)
        return code;
    eval_ctx e;
    memset(&e, 0, sizeof e);
    e.cv_sample = req->cv_sample;
    if ((code = parse_epsilon(&e, req->epsilon)) != 0)
        return code;
    if ((code = parse_stats(&e, req, req->pop != NULL, req->group != NULL)) != 0)
        return code;
    if ((req->permutations || req->bootstrap) && !req->group && req->permutations)
        return rc_cli_usage_error("--permutations tests the between-group Theil: it needs --group");

    const rc_panel *p = panel;
    rc_panel *balanced = NULL;
    if (req->balanced) {
        size_t vars[2] = {vy, vp}, dropped;
        if (rc_panel_balanced(&balanced, panel, vars, req->pop ? 2 : 1, &dropped, &err) != RC_OK)
            return rc_cli_fail(&err);
        if (dropped)
            rc_cli_note(c, "--balanced: dropped %zu region%s with a missing value in the chosen years",
                        dropped, dropped == 1 ? "" : "s");
        p = balanced;
    }
    size_t n = rc_panel_nregions(p), T = rc_panel_nyears(p);
    int *codes = calloc(n, sizeof *codes);
    rc_groups groups = {0, NULL};
    if (!codes) {
        rc_panel_free(balanced);
        rc_error_set(&err, RC_ENOMEM, "out of memory");
        return rc_cli_fail(&err);
    }
    if (req->group && rc_panel_groups(&groups, codes, p, req->group, &err) != RC_OK) {
        free(codes);
        rc_panel_free(balanced);
        return err.code == RC_EUSAGE ? rc_cli_usage_error("--group: %s", err.message) : rc_cli_fail(&err);
    }
    e.ngroups = groups.ngroups;
    for (size_t d = 0; d < NDEFS; d++)
        e.nout += rows_of(&e, d);

    rc_table *t = NULL;
    int rc = rc_table_new(&t, "disparity", &err);
    const char *cols[] = {"year", "group", "statistic", "value"};
    const rc_coltype types[] = {RC_COL_INT, RC_COL_STR, RC_COL_STR, RC_COL_DBL};
    for (int k = 0; k < 4 && rc == RC_OK; k++)
        rc = rc_table_add_column(t, cols[k], types[k], NULL, &err);
    if (rc == RC_OK && req->permutations)
        rc = rc_table_add_column(t, "p_value", RC_COL_DBL, NULL, &err);
    if (rc == RC_OK && req->bootstrap) {
        rc = rc_table_add_column(t, "ci_low", RC_COL_DBL, NULL, &err);
        if (rc == RC_OK)
            rc = rc_table_add_column(t, "ci_high", RC_COL_DBL, NULL, &err);
    }
    double *ys = malloc(n * sizeof *ys), *ps = malloc(n * sizeof *ps);
    int *gs = malloc(n * sizeof *gs);
    size_t *keep = malloc(n * sizeof *keep), *members = calloc(groups.ngroups + 1, sizeof *members);
    double *vals = malloc((e.nout + 1) * sizeof *vals), *lo = malloc((e.nout + 1) * sizeof *lo),
           *hi = malloc((e.nout + 1) * sizeof *hi);
    if (rc == RC_OK && (!ys || !ps || !gs || !keep || !members || !vals || !lo || !hi))
        rc = rc_error_set(&err, RC_ENOMEM, "out of memory");
    code = 0;
    for (size_t ti = 0; ti < T && rc == RC_OK && !code; ti++) {
        int year = rc_panel_year(p, ti);
        const double *y = rc_panel_column(p, vy, ti);
        const double *pop = req->pop ? rc_panel_column(p, vp, ti) : NULL;
        size_t m = 0;
        char dropped[512] = "";
        size_t ndropped = 0;
        for (size_t i = 0; i < n; i++) {
            if (isnan(y[i]) || (pop && isnan(pop[i]))) {
                if (ndropped++ < 10) {
                    size_t len = strlen(dropped);
                    snprintf(dropped + len, sizeof dropped - len, "%s%s", len ? ", " : "",
                             rc_panel_region_id(p, i));
                }
                continue;
            }
            keep[m] = i;
            ys[m] = y[i];
            ps[m] = pop ? pop[i] : 1.0;
            gs[m] = codes[i];
            m++;
        }
        if (m < 2) {
            rc_cli_note(c, "%d: skipped, %zu region%s with a value (at least 2 needed)", year, m,
                        m == 1 ? "" : "s");
            continue;
        }
        if (ndropped)
            rc_cli_note(c, "%d: dropped %zu region%s with a missing %s%s%s: %s%s", year, ndropped,
                        ndropped == 1 ? "" : "s", req->value, req->pop ? " or " : "",
                        req->pop ? req->pop : "", dropped, ndropped > 10 ? ", …" : "");
        /* Sign domain first, so the message names the region and the year. */
        int need_positive = 0;
        for (size_t d = 0; d < NDEFS; d++) {
            if (!e.want[d])
                continue;
            need_positive |= defs[d].positive;
            for (size_t q = 0; defs[d].id == S_ATKINSON && q < e.neps; q++)
                need_positive |= e.eps[q] >= 1; /* ln y for ε = 1, y^(1−ε) with ε > 1 */
        }
        for (size_t k = 0; k < m && !code; k++) {
            size_t i = keep[k];
            if (ys[k] < 0 || (need_positive && ys[k] <= 0)) {
                rc_error_set(&err, RC_EINPUT,
                             "%s needs %s values; '%s' has %s = %g in %d", need_positive ?
                             "a statistic with a log or a ratio (range_ratio, theil_l, atkinson ε ≥ 1)" :
                             "every index", need_positive ? "positive" : "non-negative",
                             rc_panel_region_name(p, i), req->value, ys[k], year);
                code = rc_cli_fail(&err);
            } else if (pop && !(ps[k] > 0)) {
                rc_error_set(&err, RC_EINPUT, "populations must be positive; '%s' has %s = %g in %d",
                             rc_panel_region_name(p, i), req->pop, ps[k], year);
                code = rc_cli_fail(&err);
            }
        }
        if (code)
            break;
        if ((rc = eval_sample(vals, ys, pop ? ps : NULL, req->group ? gs : NULL, m, &e, &err)) != RC_OK)
            break;
        double p_unw = NAN, p_w = NAN;
        if (req->permutations) {
            if (e.want[S_T_B] &&
                (rc = rc_theil_between_permutation(&p_unw, ys, NULL, gs, groups.ngroups, m,
                                                   req->permutations, req->seed, &err)) != RC_OK)
                break;
            if (e.want[S_TW_B] &&
                (rc = rc_theil_between_permutation(&p_w, ys, ps, gs, groups.ngroups, m,
                                                   req->permutations, req->seed, &err)) != RC_OK)
                break;
        }
        if (req->bootstrap &&
            (rc = rc_bootstrap_percentile(lo, hi, e.nout, eval_sample, &e, ys, pop ? ps : NULL,
                                          req->group ? gs : NULL, m, req->bootstrap, req->level,
                                          req->seed, &err)) != RC_OK)
            break;
        memset(members, 0, (groups.ngroups + 1) * sizeof *members);
        for (size_t k = 0; k < m; k++)
            if (req->group)
                members[gs[k]]++;
        /* Rows in the canonical layout; groups without members this year are skipped. */
        size_t k = 0;
        for (size_t d = 0; d < NDEFS && rc == RC_OK; d++) {
            if (!e.want[d])
                continue;
            size_t rows = rows_of(&e, d);
            for (size_t r = 0; r < rows && rc == RC_OK; r++, k++) {
                char label[512] = "all", name[64];
                snprintf(name, sizeof name, "%s", defs[d].name);
                if (defs[d].id == S_ATKINSON)
                    atkinson_name(name, sizeof name, e.eps[r]);
                if (defs[d].level == PER_GROUP) {
                    if (!members[r])
                        continue;
                    snprintf(label, sizeof label, "%s", groups.labels[r]);
                } else if (defs[d].level == PER_PAIR) {
                    size_t j = 0, h, left = r;
                    while (left >= groups.ngroups - 1 - j) {
                        left -= groups.ngroups - 1 - j;
                        j++;
                    }
                    h = j + 1 + left;
                    if (!members[j] || !members[h])
                        continue;
                    snprintf(label, sizeof label, "%s|%s", groups.labels[j], groups.labels[h]);
                }
                size_t row;
                if ((rc = rc_table_add_row(t, &row, &err)) != RC_OK)
                    break;
                rc_table_set_int(t, row, 0, year, NULL);
                rc_table_set_str(t, row, 1, label, NULL);
                rc_table_set_str(t, row, 2, name, NULL);
                rc_table_set_dbl(t, row, 3, vals[k], NULL);
                size_t col = 4;
                if (req->permutations) {
                    double pv = defs[d].id == S_T_B ? p_unw : defs[d].id == S_TW_B ? p_w : NAN;
                    rc_table_set_dbl(t, row, col++, pv, NULL);
                }
                if (req->bootstrap) {
                    rc_table_set_dbl(t, row, col, lo[k], NULL);
                    rc_table_set_dbl(t, row, col + 1, hi[k], NULL);
                }
            }
        }
        rc_cli_progress(c, "disparity", ti + 1, T);
    }
    free(ys), free(ps), free(gs), free(keep), free(members), free(vals), free(lo), free(hi);
    free(codes);
    rc_groups_free(&groups);
    rc_panel_free(balanced);
    if (rc != RC_OK || code) {
        rc_table_free(t);
        return code ? code : rc_cli_fail(&err);
    }
    *out = t;
    return 0;
}
