/* coordinate_table.c — index system → weights → scores → coupling coordination → obstacles,
 * for a whole panel, as four tidy tables. The numbers come from rc_coordinate (src/evaluation);
 * this file chooses the rows (pooled or per year), handles missing values and names things. */
#include "coordinate_table.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIST_MAX 10 /* region-years named in a note before "…" */

void rc_coordinate_request_init(rc_coordinate_request *req)
{
    memset(req, 0, sizeof *req);
    req->weights_method = "entropy";
    req->coupling = "wang";
    req->normalize = "pooled";
    req->topsis = "minmax";
    req->shift = 1e-4;
    req->sync_ratio = 0.8;
    req->top = 5;
}

void rc_coordinate_tables_free(rc_coordinate_tables *t)
{
    if (!t)
        return;
    rc_table_free(t->weights), rc_table_free(t->scores);
    rc_table_free(t->coordination), rc_table_free(t->obstacles);
    memset(t, 0, sizeof *t);
}

/* Everything the build needs besides the request. */
typedef struct {
    const rc_panel *p;
    const rc_cli_common *c;
    rc_index_system sys;
    rc_coord_options opt;
    double alpha[64];
    int per_year;
    size_t n, T, k;
    size_t *var;       /* k panel variables */
    double *x;         /* T·n × k raw values (imputed where asked) */
    unsigned char *ok; /* T·n: the region-year has every indicator */
} build_ctx;

static int parse_choices(build_ctx *b, const rc_coordinate_request *req)
{
    static const char *methods[] = {"entropy", "critic", "equal", "given", "combined"};
    static const rc_weight_method mcodes[] = {RC_WEIGHTS_ENTROPY, RC_WEIGHTS_CRITIC,
                                              RC_WEIGHTS_EQUAL, RC_WEIGHTS_GIVEN,
                                              RC_WEIGHTS_COMBINED};
    rc_coord_options_init(&b->opt);
    size_t i;
    for (i = 0; i < 5 && strcmp(req->weights_method, methods[i]); i++)
        ;
    if (i == 5)
        return rc_cli_usage_error("--weights-method must be entropy, critic, equal, given or "
                                  "combined, not '%s'", req->weights_method);
    b->opt.method = mcodes[i];
    if (!strcmp(req->coupling, "classic"))
        b->opt.coupling = RC_COUPLING_CLASSIC;
    else if (strcmp(req->coupling, "wang"))
        return rc_cli_usage_error("--coupling must be wang or classic, not '%s'", req->coupling);
    if (strcmp(req->normalize, "pooled") && strcmp(req->normalize, "per-year"))
        return rc_cli_usage_error("--normalize must be pooled or per-year, not '%s'", req->normalize);
    b->per_year = !strcmp(req->normalize, "per-year");
    if (req->impute && strcmp(req->impute, "linear"))
        return rc_cli_usage_error("--impute knows only 'linear', not '%s'", req->impute);
    if (strcmp(req->topsis, "minmax") && strcmp(req->topsis, "vector"))
        return rc_cli_usage_error("--topsis must be minmax or vector, not '%s'", req->topsis);
    b->opt.topsis_vector = !strcmp(req->topsis, "vector");
    if (!(req->shift >= 0 && req->shift < 1))
        return rc_cli_usage_error("--shift must be in [0, 1) (got %g)", req->shift);
    if (!(req->sync_ratio > 0 && req->sync_ratio <= 1))
        return rc_cli_usage_error("--sync-ratio must be in (0, 1] (got %g)", req->sync_ratio);
    if (req->top < 0)
        return rc_cli_usage_error("--top must be >= 0 (0 keeps every indicator)");
    b->opt.shift = req->shift;
    b->opt.score_on_shifted = req->score_on_shifted;
    b->opt.sync_ratio = req->sync_ratio;
    return 0;
}

static int parse_alpha(build_ctx *b, const char *list)
{
    if (!list)
        return 0;
    char **items;
    size_t n;
    if (rc_cli_split_list(list, &items, &n) != RC_OK)
        return rc_cli_usage_error("--alpha: out of memory");
    int code = 0;
    if (n != b->sys.nsub || n > 64)
        code = rc_cli_usage_error("--alpha needs %zu weights, one per subsystem (got %zu)",
                                  b->sys.nsub, n);
    for (size_t i = 0; i < n && !code; i++) {
        char *end;
        b->alpha[i] = strtod(items[i], &end);
        if (*end || end == items[i] || !(b->alpha[i] >= 0))
            code = rc_cli_usage_error("--alpha: '%s' is not a number >= 0", items[i]);
    }
    rc_cli_free_list(items, n);
    if (!code)
        b->opt.alpha = b->alpha;
    return code;
}

/* Append "region year" to a note list of at most LIST_MAX entries. */
static void list_add(char *buf, size_t size, size_t count, const char *region, int year)
{
    if (count >= LIST_MAX)
        return;
    size_t len = strlen(buf);
    snprintf(buf + len, size - len, "%s%s %d", len ? ", " : "", region, year);
}

/* Linear interpolation over the years (not the positions) between the nearest observed values
 * of the same region; leading and trailing gaps stay missing. */
static void impute_linear(build_ctx *b)
{
    const int *years = rc_panel_years(b->p);
    size_t count = 0;
    char list[512] = "";
    for (size_t i = 0; i < b->n; i++)
        for (size_t j = 0; j < b->k; j++) {
            size_t prev = (size_t)-1;
            for (size_t t = 0; t < b->T; t++) {
                double *v = &b->x[(t * b->n + i) * b->k + j];
                if (isnan(*v))
                    continue;
                if (prev != (size_t)-1 && t > prev + 1) {
                    double v0 = b->x[(prev * b->n + i) * b->k + j];
                    for (size_t u = prev + 1; u < t; u++) {
                        double f = (double)(years[u] - years[prev]) / (double)(years[t] - years[prev]);
                        b->x[(u * b->n + i) * b->k + j] = v0 + f * (*v - v0);
                        list_add(list, sizeof list, count++, rc_panel_region_id(b->p, i), years[u]);
                    }
                }
                prev = t;
            }
        }
    if (count)
        rc_cli_note(b->c, "--impute linear: filled %zu missing indicator value%s: %s%s", count,
                    count == 1 ? "" : "s", list, count > LIST_MAX ? ", …" : "");
}

/* Copy the indicator values, impute if asked, and mark complete region-years (listwise). */
static int gather(build_ctx *b, const rc_coordinate_request *req)
{
    b->x = malloc(b->T * b->n * b->k * sizeof *b->x);
    b->ok = malloc(b->T * b->n);
    if (!b->x || !b->ok)
        return rc_cli_usage_error("out of memory");
    for (size_t t = 0; t < b->T; t++)
        for (size_t i = 0; i < b->n; i++)
            for (size_t j = 0; j < b->k; j++)
                b->x[(t * b->n + i) * b->k + j] = rc_panel_value(b->p, b->var[j], i, t);
    if (req->impute)
        impute_linear(b);
    size_t dropped = 0;
    char list[512] = "";
    for (size_t t = 0; t < b->T; t++)
        for (size_t i = 0; i < b->n; i++) {
            size_t r = t * b->n + i;
            b->ok[r] = 1;
            for (size_t j = 0; j < b->k; j++)
                if (isnan(b->x[r * b->k + j]))
                    b->ok[r] = 0;
            if (!b->ok[r])
                list_add(list, sizeof list, dropped++, rc_panel_region_id(b->p, i),
                         rc_panel_year(b->p, t));
        }
    if (dropped)
        rc_cli_note(b->c, "dropped %zu region-year%s with a missing indicator (listwise%s): %s%s",
                    dropped, dropped == 1 ? "" : "s",
                    req->impute ? ", after interpolation" : "; --impute linear interpolates",
                    list, dropped > LIST_MAX ? ", …" : "");
    return 0;
}

static int new_table(rc_table **t, const char *name, const char *const *cols, const char *types,
                     rc_error *err)
{
    int rc = rc_table_new(t, name, err);
    for (size_t k = 0; rc == RC_OK && cols[k]; k++)
        rc = rc_table_add_column(*t, cols[k],
                                 types[k] == 's' ? RC_COL_STR : types[k] == 'i' ? RC_COL_INT : RC_COL_DBL,
                                 NULL, err);
    return rc;
}

/* Indicator order by obstacle degree, largest first; ties keep the index system's order. */
static void rank_obstacles(size_t *order, const double *O, size_t k)
{
    for (size_t j = 0; j < k; j++) {
        size_t q = j;
        while (q > 0 && O[order[q - 1]] < O[j]) {
            order[q] = order[q - 1];
            q--;
        }
        order[q] = j;
    }
}

/* Rows of one evaluation set (rows[] are region-year positions t·n + i) into the tables. */
static int emit_set(rc_coordinate_tables *out, const build_ctx *b, const rc_coord_result *r,
                    const size_t *rows, int set_year, long top, size_t *order, rc_error *err)
{
    const rc_index_system *s = &b->sys;
    int rc = RC_OK;
    for (size_t pass = 0; pass < 2 && rc == RC_OK; pass++)
        for (size_t j = 0; j < s->k && rc == RC_OK; j++) {
            const char *sub = pass ? "overall" : s->subsystem_name[s->subsystem[j]];
            double w = pass ? r->w_overall[j] : r->w_within[j];
            rc = b->per_year ? rc_table_append(out->weights, err, "issd", set_year, s->indicator[j], sub, w)
                             : rc_table_append(out->weights, err, "ssd", s->indicator[j], sub, w);
        }
    size_t kk = top == 0 || (size_t)top > s->k ? s->k : (size_t)top;
    for (size_t q = 0; q < r->m && rc == RC_OK; q++) {
        size_t t = rows[q] / b->n, i = rows[q] % b->n;
        int year = rc_panel_year(b->p, t);
        const char *id = rc_panel_region_id(b->p, i);
        for (size_t u = 0; u < s->nsub && rc == RC_OK; u++)
            rc = rc_table_append(out->scores, err, "issd", year, id, s->subsystem_name[u],
                                 r->U[q * s->nsub + u]);
        if (rc == RC_OK)
            rc = rc_table_append(out->scores, err, "issd", year, id, "overall", r->overall[q]);
        if (rc == RC_OK)
            rc = rc_table_append(out->scores, err, "issd", year, id, "topsis", r->topsis[q]);
        char type[256] = "synchronous";
        if (r->lagging[q] != RC_NO_LAG)
            snprintf(type, sizeof type, "%s lagging", s->subsystem_name[r->lagging[q]]);
        if (rc == RC_OK)
            rc = rc_table_append(out->coordination, err, "isdddis", year, id, r->C[q], r->T[q],
                                 r->D[q], r->grade[q], type);
        rank_obstacles(order, r->obstacle + q * s->k, s->k);
        for (size_t a = 0; a < kk && rc == RC_OK; a++)
            rc = rc_table_append(out->obstacles, err, "issd", year, id, s->indicator[order[a]],
                                 r->obstacle[q * s->k + order[a]]);
        for (size_t u = 0; u < s->nsub && rc == RC_OK; u++)
            rc = rc_table_append(out->obstacles, err, "issd", year, id, s->subsystem_name[u],
                                 r->obstacle_sub[q * s->nsub + u]);
    }
    return rc;
}

/* Notes about one set: constant indicators (weight 0) and rows without any obstacle. */
static void set_notes(const build_ctx *b, const rc_coord_result *r, const char *where)
{
    for (size_t j = 0; j < b->k; j++)
        if (r->constant[j])
            rc_cli_note(b->c, "%sindicator '%s' is constant over the evaluated region-years: "
                        "weight 0", where, b->sys.indicator[j]);
    size_t best = 0;
    for (size_t q = 0; q < r->m; q++)
        best += (size_t)r->at_best[q];
    if (best)
        rc_cli_note(b->c, "%s%zu region-year%s at the best value of every weighted indicator: "
                    "obstacle degrees 0", where, best, best == 1 ? "" : "s");
}

static void free_ctx(build_ctx *b)
{
    rc_index_system_free(&b->sys);
    free(b->var), free(b->x), free(b->ok);
}

int rc_coordinate_build(rc_coordinate_tables *out, const rc_panel *p,
                        const rc_coordinate_request *req, const rc_cli_common *c)
{
    memset(out, 0, sizeof *out);
    rc_error err;
    build_ctx b;
    memset(&b, 0, sizeof b);
    b.p = p, b.c = c;
    b.n = rc_panel_nregions(p), b.T = rc_panel_nyears(p);
    if (!req->system)
        return rc_cli_usage_error("coordinate needs --system FILE (indicator,subsystem,direction)");
    int code = parse_choices(&b, req);
    if (code)
        return code;
    if (rc_index_system_read(&b.sys, req->system, &err) != RC_OK)
        return rc_cli_fail(&err);
    b.k = b.sys.k;
    if ((code = parse_alpha(&b, req->alpha)) != 0 ||
        (b.opt.method == RC_WEIGHTS_GIVEN && !b.sys.weight &&
         (code = rc_cli_usage_error("--weights-method given needs a weight column in %s",
                                    req->system)) != 0)) {
        free_ctx(&b);
        return code;
    }
    b.var = malloc(b.k * sizeof *b.var);
    for (size_t j = 0; b.var && j < b.k && !code; j++)
        if (rc_panel_find_var(p, b.sys.indicator[j], &b.var[j], &err) != RC_OK)
            code = rc_cli_usage_error("indicator '%s' of %s: %s", b.sys.indicator[j], req->system,
                                      err.message);
    if (!b.var)
        code = rc_cli_usage_error("out of memory");
    if (code || (code = gather(&b, req)) != 0) {
        free_ctx(&b);
        return code;
    }

    static const char *wcols_y[] = {"year", "indicator", "subsystem", "weight", NULL};
    static const char *scols[] = {"year", "region", "subsystem", "U", NULL};
    static const char *ccols[] = {"year", "region", "C", "T", "D", "grade", "type", NULL};
    static const char *ocols[] = {"year", "region", "indicator", "obstacle", NULL};
    int rc = new_table(&out->weights, "weights", b.per_year ? wcols_y : wcols_y + 1,
                       b.per_year ? "issd" : "ssd", &err);
    if (rc == RC_OK)
        rc = new_table(&out->scores, "scores", scols, "issd", &err);
    if (rc == RC_OK)
        rc = new_table(&out->coordination, "coordination", ccols, "isdddis", &err);
    if (rc == RC_OK)
        rc = new_table(&out->obstacles, "obstacles", ocols, "issd", &err);

    size_t *rows = malloc((b.T * b.n + 1) * sizeof *rows), *order = malloc((b.k + 1) * sizeof *order);
    double *xs = malloc((b.T * b.n * b.k + 1) * sizeof *xs);
    if (rc == RC_OK && (!rows || !order || !xs))
        rc = rc_error_set(&err, RC_ENOMEM, "out of memory");
    size_t nsets = b.per_year ? b.T : 1, done = 0, used = 0;
    for (size_t set = 0; set < nsets && rc == RC_OK; set++) {
        size_t m = 0, t0 = b.per_year ? set : 0, t1 = b.per_year ? set + 1 : b.T;
        for (size_t t = t0; t < t1; t++)
            for (size_t i = 0; i < b.n; i++)
                if (b.ok[t * b.n + i]) {
                    memcpy(xs + m * b.k, b.x + (t * b.n + i) * b.k, b.k * sizeof *xs);
                    rows[m++] = t * b.n + i;
                }
        int year = rc_panel_year(p, t0);
        char where[32] = "";
        if (b.per_year)
            snprintf(where, sizeof where, "%d: ", year);
        if (m < 2) {
            if (b.per_year) {
                rc_cli_note(c, "%sskipped, %zu complete region%s (at least 2 needed)", where, m,
                            m == 1 ? "" : "s");
                continue;
            }
            rc = rc_error_set(&err, RC_EINSUFFICIENT,
                              "%zu complete region-year%s in the chosen years; the evaluation "
                              "needs at least 2", m, m == 1 ? "" : "s");
            break;
        }
        rc_coord_result r;
        if ((rc = rc_coordinate(&r, xs, m, &b.sys, &b.opt, &err)) != RC_OK) {
            char msg[RC_ERROR_MESSAGE_MAX];
            snprintf(msg, sizeof msg, "%s", err.message);
            rc = rc_error_set(&err, rc, "%s%s", b.per_year ? where : "", msg);
            break;
        }
        set_notes(&b, &r, where);
        rc = emit_set(out, &b, &r, rows, year, req->top, order, &err);
        rc_coord_result_free(&r);
        done++, used += m;
    }
    if (rc == RC_OK && !done)
        rc = rc_error_set(&err, RC_EINSUFFICIENT,
                          "no year has at least 2 complete regions; nothing to evaluate");
    if (rc == RC_OK) {
        char shiftbuf[64];
        snprintf(shiftbuf, sizeof shiftbuf, " (log shift %g)", b.opt.shift);
        static const char *mnames[] = {"entropy", "CRITIC", "equal", "given", "combined (mean of entropy and CRITIC)"};
        rc_cli_note(c, "%s normalisation over %zu region-year%s (%s); weights: %s%s; coupling: %s; "
                    "TOPSIS: %s",
                    b.per_year ? "per-year" : "pooled", used, used == 1 ? "" : "s",
                    b.per_year ? "weights per year" : "global entropy method: one set of weights, "
                                                      "scores comparable over time",
                    mnames[b.opt.method],
                    b.opt.method == RC_WEIGHTS_ENTROPY || b.opt.method == RC_WEIGHTS_COMBINED
                        ? shiftbuf : "",
                    b.opt.coupling == RC_COUPLING_WANG ? "Wang et al. 2021 (corrected)" : "classic",
                    b.opt.topsis_vector ? "vector normalisation" : "min-max");
    }
    free(rows), free(order), free(xs);
    free_ctx(&b);
    if (rc != RC_OK) {
        rc_coordinate_tables_free(out);
        return rc_cli_fail(&err);
    }
    return 0;
}

int rc_coordinate_table(rc_table **out, const rc_panel *p, const rc_coordinate_request *req,
                        const rc_cli_common *c)
{
    rc_coordinate_tables all;
    *out = NULL;
    int code = rc_coordinate_build(&all, p, req, c);
    if (code)
        return code;
    *out = all.coordination;
    all.coordination = NULL;
    rc_coordinate_tables_free(&all);
    return 0;
}
