/* spatial_table.c — the computation behind `regcoord spatial`, shared with the report: weights
 * aligned to the panel, and the global, local and Moran-path tables for every year. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "spatial_table.h"
#include "regcoord/autocorrelation.h"
#include "regcoord/lisa.h"
#include "regcoord/weights.h"



enum { S_MORAN, S_GEARY, S_G, S_BV, S_LMORAN, S_GI, S_GISTAR, S_COUNT };
static const char *const stat_names[S_COUNT] = {"moran",       "geary", "getis_ord_g", "moran_bv",
                                                "local_moran", "gi",    "gi_star"};


/* ---- weights aligned to the panel ------------------------------------------------------ */

/* The regions analysed (panel indices) and the weights among them in CSR form with their
 * original values; transformed copies are made per use. */
typedef struct {
    size_t n;
    size_t *region;
    size_t *off, *nb;
    double *w, *tw; /* tw: scratch for a transformed copy */
    char *island_list;
} rc_spatial_weights;

static void sw_free(rc_spatial_weights *s)
{
    free(s->region), free(s->off), free(s->nb), free(s->w), free(s->tw), free(s->island_list);
    memset(s, 0, sizeof *s);
}

/* A weights graph as read from SPEC: ids and CSR over them. */
typedef struct {
    size_t n;
    char **ids;
    size_t *off, *nb;
    double *w;
} graph;

static void graph_free(graph *g)
{
    for (size_t i = 0; g->ids && i < g->n; i++)
        free(g->ids[i]);
    free(g->ids), free(g->off), free(g->nb), free(g->w);
}

/* The weights of SPEC (weights.h), taken over as a graph over their own ids; the values are
 * the original weights, transformed per use. */
static int load_graph(graph *g, const char *spec, const char *geo_id, const char *geo,
                      rc_error *err)
{
    memset(g, 0, sizeof *g);
    rc_weights *w;
    rc_weights_spec_options so = {geo_id, geo, 0.0};
    int rc = rc_weights_from_spec(&w, spec, &so, err);
    if (rc != RC_OK)
        return rc;
    g->n = w->n, g->ids = w->ids, g->off = w->offsets, g->nb = w->neighbours, g->w = w->original;
    w->ids = NULL, w->offsets = w->neighbours = NULL, w->original = NULL, w->n = 0;
    rc_weights_free(w);
    return RC_OK;
}

static int sw_load(rc_spatial_weights *s, const rc_panel *p, const char *spec, const char *geo_id,
                   const char *geo, int drop_unmatched, const rc_cli_common *c, rc_error *err)
{
    memset(s, 0, sizeof *s);
    graph g;
    int rc = load_graph(&g, spec, geo_id, geo, err);
    if (rc != RC_OK) {
        graph_free(&g);
        return rc;
    }
    size_t np = rc_panel_nregions(p);
    size_t *pos = malloc((g.n ? g.n : 1) * sizeof *pos); /* graph row → panel region or SIZE_MAX */
    size_t *row = malloc((np ? np : 1) * sizeof *row);   /* panel region → graph row or SIZE_MAX */
    if (!pos || !row) {
        free(pos), free(row), graph_free(&g);
        return rc_error_set(err, RC_ENOMEM, "out of memory (weights)");
    }
    for (size_t i = 0; i < np; i++)
        row[i] = SIZE_MAX;
    size_t only_w = 0, only_p = 0;
    char listw[512] = "", listp[512] = "";
    for (size_t r = 0; r < g.n; r++) {
        size_t i;
        if (rc_panel_find_region(p, g.ids[r], &i, NULL) == RC_OK && row[i] == SIZE_MAX) {
            pos[r] = i;
            row[i] = r;
        } else {
            /* Same region under another spelling ("09" in a shapefile, 9 in a CSV)? */
            pos[r] = SIZE_MAX;
            for (size_t k = 0; k < np && pos[r] == SIZE_MAX; k++)
                if (row[k] == SIZE_MAX && rc_region_ids_match(g.ids[r], rc_panel_region_id(p, k)) &&
                    rc_panel_find_region(p, g.ids[r], &i, NULL) != RC_OK) {
                    pos[r] = k;
                    row[k] = r;
                }
            if (pos[r] != SIZE_MAX)
                continue;
            if (only_w++ < 12)
                snprintf(listw + strlen(listw), sizeof listw - strlen(listw), "%s%s", only_w > 1 ? ", " : "", g.ids[r]);
        }
    }
    for (size_t i = 0; i < np; i++)
        if (row[i] == SIZE_MAX && only_p++ < 12)
            snprintf(listp + strlen(listp), sizeof listp - strlen(listp), "%s%s", only_p > 1 ? ", " : "",
                     rc_panel_region_id(p, i));
    if ((only_w || only_p) && !drop_unmatched) {
        rc = rc_error_set(err, RC_EINPUT,
                          "the weights (%s) and the data do not have the same regions: %zu only in the "
                          "weights%s%s%s, %zu only in the data%s%s%s\n(use --drop-unmatched to analyse the %zu "
                          "regions present in both)", spec, only_w, only_w ? " (" : "", listw,
                          only_w ? only_w > 12 ? ", …)" : ")" : "", only_p, only_p ? " (" : "", listp,
                          only_p ? only_p > 12 ? ", …)" : ")" : "", g.n - only_w);
    } else {
        if (only_w || only_p)
            rc_cli_note(c, "--drop-unmatched: %zu region%s only in the weights (%s%s), %zu only in the data "
                           "(%s%s) left out; %zu analysed", only_w, only_w == 1 ? "" : "s", listw,
                        only_w > 12 ? ", …" : "", only_p, listp, only_p > 12 ? ", …" : "", g.n - only_w);
        /* Regions in panel order; the weights keep their original values among them. */
        size_t m = 0, nnz = 0;
        s->region = malloc((np ? np : 1) * sizeof *s->region);
        size_t *newidx = malloc((np ? np : 1) * sizeof *newidx);
        s->off = malloc((np + 1) * sizeof *s->off);
        s->nb = malloc((g.off[g.n] ? g.off[g.n] : 1) * sizeof *s->nb);
        s->w = malloc((g.off[g.n] ? g.off[g.n] : 1) * sizeof *s->w);
        s->tw = malloc((g.off[g.n] ? g.off[g.n] : 1) * sizeof *s->tw);
        if (!s->region || !newidx || !s->off || !s->nb || !s->w || !s->tw) {
            free(newidx);
            rc = rc_error_set(err, RC_ENOMEM, "out of memory (weights)");
        } else {
            for (size_t i = 0; i < np; i++)
                newidx[i] = row[i] == SIZE_MAX ? SIZE_MAX : m++;
            m = 0;
            for (size_t i = 0; i < np; i++) {
                if (row[i] == SIZE_MAX)
                    continue;
                s->region[m] = i;
                s->off[m++] = nnz;
                for (size_t e = g.off[row[i]]; e < g.off[row[i] + 1]; e++) {
                    size_t pi = pos[g.nb[e]];
                    if (pi == SIZE_MAX)
                        continue;
                    s->nb[nnz] = newidx[pi];
                    s->w[nnz++] = g.w[e];
                }
            }
            s->off[m] = nnz;
            s->n = m;
            free(newidx);
            if (m < 4)
                rc = rc_error_set(err, RC_EINSUFFICIENT,
                                  "only %zu regions are in both the data and the weights; at least 4 are needed", m);
        }
    }
    free(pos), free(row);
    graph_free(&g);
    return rc;
}

static size_t sw_islands(rc_spatial_weights *s, const rc_panel *p)
{
    rc_csr csr = {s->n, s->off, s->nb, s->w};
    size_t k = rc_csr_islands(&csr), used = 0;
    free(s->island_list);
    s->island_list = malloc(512);
    if (!s->island_list)
        return k;
    s->island_list[0] = 0;
    size_t listed = 0;
    for (size_t i = 0; i < s->n && k; i++) {
        int has = 0;
        for (size_t e = s->off[i]; e < s->off[i + 1] && !has; e++)
            has = s->nb[e] != i && s->w[e] != 0.0;
        if (has)
            continue;
        if (listed++ == 12) {
            snprintf(s->island_list + used, 512 - used, ", …");
            break;
        }
        int w = snprintf(s->island_list + used, 512 - used, "%s%s", listed > 1 ? ", " : "",
                         rc_panel_region_id(p, s->region[i]));
        if (w > 0 && used + (size_t)w < 512)
            used += (size_t)w;
    }
    return k;
}

/* Leave the islands out: rows and columns (an asymmetric weights file may point at them). */
static void sw_drop_islands(rc_spatial_weights *s)
{
    size_t *newidx = malloc((s->n ? s->n : 1) * sizeof *newidx), m = 0, nnz = 0;
    if (!newidx)
        return;
    for (size_t i = 0; i < s->n; i++) {
        int has = 0;
        for (size_t e = s->off[i]; e < s->off[i + 1] && !has; e++)
            has = s->nb[e] != i && s->w[e] != 0.0;
        newidx[i] = has ? m++ : SIZE_MAX;
    }
    m = 0;
    for (size_t i = 0; i < s->n; i++) {
        size_t start = s->off[i], end = s->off[i + 1];
        if (newidx[i] == SIZE_MAX)
            continue;
        s->region[m] = s->region[i];
        s->off[m++] = nnz;
        for (size_t e = start; e < end; e++)
            if (newidx[s->nb[e]] != SIZE_MAX) {
                s->nb[nnz] = newidx[s->nb[e]];
                s->w[nnz++] = s->w[e];
            }
    }
    s->off[m] = nnz;
    s->n = m;
    free(newidx);
}

/* The weights as a CSR view: binary (any non-zero = 1) or row-standardised (islands stay 0). */
static rc_csr sw_csr(rc_spatial_weights *s, int binary, double *store)
{
    for (size_t i = 0; i < s->n; i++) {
        double sum = 0;
        for (size_t e = s->off[i]; e < s->off[i + 1]; e++)
            sum += binary ? (s->w[e] != 0.0) : s->w[e];
        for (size_t e = s->off[i]; e < s->off[i + 1]; e++)
            store[e] = binary ? (s->w[e] != 0.0) : sum != 0.0 ? s->w[e] / sum : 0.0;
    }
    rc_csr c = {s->n, s->off, s->nb, store};
    return c;
}

/* ---- tables -------------------------------------------------------------------------- */

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

static int add_global(rc_table *t, int year, const char *name, const rc_spatial_stat *s,
                      rc_error *err)
{
    return rc_table_append(t, err, "isddddddddd", year, name, s->value, s->expected,
                           s->variance_norm, s->variance_rand, s->z_norm, s->z_rand, s->p_norm,
                           s->p_rand, s->p_sim);
}

static const char *quadrant_name(int q)
{
    static const char *const names[] = {"", "HH", "LH", "LL", "HL"};
    return q >= 1 && q <= 4 ? names[q] : "";
}

/* Local rows of one statistic in one year; cluster labels at alpha after adjustment. */
static int add_local(rc_table *t, int year, const char *name, int is_moran, const rc_local_stat *o,
                     const char *const *ids, size_t n, size_t permutations,
                     const rc_spatial_request *req, rc_p_adjust_method adj, double *scratch,
                     rc_error *err)
{
    /* Adjust over the regions that were tested: islands and undefined values are not tests. */
    for (size_t i = 0; i < n; i++)
        scratch[i] = o[i].island || isnan(o[i].value) ? NAN : o[i].p_sim;
    int rc = permutations ? rc_p_adjust(scratch, scratch, n, adj, err) : RC_OK;
    for (size_t i = 0; rc == RC_OK && i < n; i++) {
        const char *cluster;
        if (o[i].island)
            cluster = "island";
        else if (isnan(o[i].value))
            cluster = "not defined";
        else if (!permutations)
            cluster = "not tested";
        else if (!(scratch[i] < req->alpha))
            cluster = "not significant";
        else if (is_moran)
            cluster = quadrant_name(o[i].quadrant);
        else /* hot when G_i lies above what the permutations give */
            cluster = o[i].value > o[i].mean_sim ? "hot spot" : "cold spot";
        rc = rc_table_append(t, err, "issdddss", year, ids[i], name, o[i].value, o[i].z_sim,
                             o[i].p_sim, is_moran ? quadrant_name(o[i].quadrant) : "", cluster);
    }
    return rc;
}

/* ---- the command ----------------------------------------------------------------------- */

static int parse_stats(int *want, const char *list, int bivariate)
{
    for (int s = 0; s < S_COUNT; s++)
        want[s] = s != S_BV || bivariate;
    if (!list)
        return 0;
    char **items;
    size_t k;
    if (rc_cli_split_list(list, &items, &k) != RC_OK)
        return rc_cli_usage_error("out of memory");
    for (int s = 0; s < S_COUNT; s++)
        want[s] = 0;
    for (size_t j = 0; j < k; j++) {
        int s = 0;
        while (s < S_COUNT && strcmp(items[j], stat_names[s]))
            s++;
        if (s == S_COUNT) {
            int code = rc_cli_usage_error("--stat: unknown statistic '%s' (moran, geary, getis_ord_g, "
                                          "moran_bv, local_moran, gi, gi_star)", items[j]);
            rc_cli_free_list(items, k);
            return code;
        }
        if (s == S_BV && !bivariate) {
            rc_cli_free_list(items, k);
            return rc_cli_usage_error("moran_bv needs --bivariate VAR (the lagged variable)");
        }
        want[s] = 1;
    }
    rc_cli_free_list(items, k);
    return 0;
}

void rc_spatial_request_init(rc_spatial_request *r)
{
    memset(r, 0, sizeof *r);
    r->permutations = 999;
    r->alpha = 0.05;
    r->alternative = "directed";
    r->islands = "keep";
    r->adjust = "none";
    r->transform = "r";
}

void rc_spatial_tables_free(rc_spatial_tables *t)
{
    rc_table_free(t->global), rc_table_free(t->local), rc_table_free(t->path), rc_table_free(t->scatter);
    memset(t, 0, sizeof *t);
}

int rc_spatial_run(rc_spatial_tables *out, const rc_panel *p, const rc_spatial_request *req,
                   const rc_cli_common *cc)
{
    memset(out, 0, sizeof *out);
    const rc_cli_common c = *cc;
    int code = 0;
    if (req->permutations < 0 || req->permutations > 100000000)
        return rc_cli_usage_error("--permutations must be between 0 and 100000000");
    if (!(req->alpha > 0 && req->alpha < 1))
        return rc_cli_usage_error("--alpha must be between 0 and 1");
    rc_error err;
    rc_perm_options perm = {(size_t)req->permutations, (uint64_t)c.seed, RC_ALT_DIRECTED};
    rc_p_adjust_method adj;
    if (rc_alternative_parse(req->alternative, &perm.alternative, &err) != RC_OK ||
        rc_p_adjust_parse(req->adjust, &adj, &err) != RC_OK)
        return rc_cli_usage_error("%s", err.message);
    int island_policy = !strcmp(req->islands, "keep") ? 0 : !strcmp(req->islands, "drop") ? 1
                      : !strcmp(req->islands, "error") ? 2 : -1;
    if (island_policy < 0)
        return rc_cli_usage_error("--islands must be keep, drop or error, not '%s'", req->islands);
    int binary = !strcmp(req->transform, "b") || !strcmp(req->transform, "B");
    if (!binary && strcmp(req->transform, "r") && strcmp(req->transform, "R"))
        return rc_cli_usage_error("--transform must be r or b, not '%s'", req->transform);
    int want[S_COUNT];
    if ((code = parse_stats(want, req->stats, req->bivariate != NULL)) != 0)
        return code;

    size_t v, vb = 0;
    if ((code = rc_cli_find_var(p, req->value, &v)) != 0 ||
        (req->bivariate && (code = rc_cli_find_var(p, req->bivariate, &vb)) != 0))
        return code;

    /* Weights aligned to the panel: the regions sw.region[0..n-1], CSR among them. */
    rc_spatial_weights sw;
    int rc = sw_load(&sw, p, req->weights, req->geo_id, req->geo, req->drop_unmatched, &c, &err);
    double *wstore = NULL;
    rc_table *tg = NULL, *tl = NULL, *tp = NULL, *ts = NULL;
    double *y = NULL, *x = NULL, *scratch = NULL;
    rc_local_stat *lo = NULL;
    const char **ids = NULL;
    if (rc != RC_OK)
        goto done;
    size_t islands = sw_islands(&sw, p);
    if (islands && island_policy == 2) {
        rc = rc_error_set(&err, RC_EINPUT,
                          "%zu region%s without neighbours in the weights (%s); use --islands keep "
                          "(esda: zero lag) or --islands drop", islands, islands == 1 ? " has" : "s have",
                          sw.island_list ? sw.island_list : "");
        goto done;
    }
    if (islands && island_policy == 1) {
        rc_cli_note(&c, "%zu island%s left out (--islands drop): %s", islands, islands == 1 ? "" : "s",
                    sw.island_list ? sw.island_list : "");
        sw_drop_islands(&sw);
        if (sw_islands(&sw, p)) /* dropping can strand regions whose only neighbours were islands */
            rc_cli_note(&c, "after dropping, %s ha%s no neighbour left (kept with zero lag)",
                        sw.island_list ? sw.island_list : "", strchr(sw.island_list ? sw.island_list : "", ',') ? "ve" : "s");
    } else if (islands) {
        rc_cli_note(&c, "%zu island%s kept with zero lag and counted in n (esda; --islands drop|error "
                        "to change): %s", islands, islands == 1 ? "" : "s", sw.island_list ? sw.island_list : "");
    }
    size_t n = sw.n;
    if (n < 4) {
        rc = rc_error_set(&err, RC_EINSUFFICIENT, "only %zu regions left to analyse; at least 4 are needed", n);
        goto done;
    }
    wstore = malloc(2 * (sw.off[n] ? sw.off[n] : 1) * sizeof *wstore);
    if (!wstore) {
        rc = rc_error_set(&err, RC_ENOMEM, "out of memory");
        goto done;
    }
    rc_csr wt = sw_csr(&sw, binary, wstore), wb = sw_csr(&sw, 1, wstore + (sw.off[n] ? sw.off[n] : 1));

    static const char *const gcols[] = {"year", "statistic", "value", "expected", "variance_norm",
                                        "variance_rand", "z_norm", "z_rand", "p_norm", "p_rand",
                                        "p_sim", NULL};
    static const char *const lcols[] = {"year", "region", "statistic", "value", "z_sim", "p_sim",
                                        "quadrant", "cluster", NULL};
    static const char *const scols[] = {"year", "region", "z", "lag", NULL};
    static const char *const pcols[] = {"year", "n", "islands", "value", "expected", "z_rand",
                                        "p_rand", "p_sim", NULL};
    if ((rc = new_table(&tg, "global", gcols, "isddddddddd", &err)) != RC_OK ||
        (rc = new_table(&tl, "local", lcols, "issdddss", &err)) != RC_OK ||
        (rc = new_table(&tp, "moran_path", pcols, "iiiddddd", &err)) != RC_OK ||
        (rc = new_table(&ts, "moran_scatter", scols, "isdd", &err)) != RC_OK)
        goto done;
    y = malloc(n * sizeof *y), x = malloc(n * sizeof *x), scratch = malloc(n * sizeof *scratch);
    lo = malloc(n * sizeof *lo);
    ids = malloc(n * sizeof *ids);
    if (!y || !x || !scratch || !lo || !ids) {
        rc = rc_error_set(&err, RC_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        ids[i] = rc_panel_region_id(p, sw.region[i]);
    int negative_noted = 0, kernel_year = 0;
    size_t T = rc_panel_nyears(p), years_done = 0;
    for (size_t t = 0; t < T && rc == RC_OK; t++) {
        int year = rc_panel_year(p, t);
        size_t missing = 0, first_missing = 0, negative = 0;
        for (size_t i = 0; i < n; i++) {
            y[i] = rc_panel_value(p, v, sw.region[i], t);
            x[i] = req->bivariate ? rc_panel_value(p, vb, sw.region[i], t) : 0.0;
            if (isnan(y[i]) || isnan(x[i])) {
                if (!missing++)
                    first_missing = i;
            }
            negative += y[i] < 0;
        }
        if (missing == n) {
            rc_cli_note(&c, "%d: no values of %s; year skipped", year, req->value);
            continue;
        }
        if (missing) {
            kernel_year = 0;
            rc = rc_error_set(&err, RC_EINPUT,
                              "%s is missing for %zu region%s in %d (first: '%s'); spatial statistics "
                              "need every region of the weights (use --years to leave the year out)",
                              isnan(y[first_missing]) ? req->value : req->bivariate, missing,
                              missing == 1 ? "" : "s", year, ids[first_missing]);
            break;
        }
        years_done++;
        kernel_year = year;
        rc_spatial_stat s;
        int do_g = 1;
        if (negative && (want[S_G] || want[S_GI] || want[S_GISTAR])) {
            do_g = 0;
            if (!negative_noted++)
                rc_cli_note(&c, "%s has negative values (e.g. %d): Getis–Ord G, Gi and Gi* need "
                                "values >= 0 and are left out", req->value, year);
        }
        if (req->want_global) {
            /* Moran's I is always computed: it makes the time path. */
            if ((rc = rc_moran(&s, y, &wt, &perm, &err)) != RC_OK)
                break;
            if (want[S_MORAN] && (rc = add_global(tg, year, "moran", &s, &err)) != RC_OK)
                break;
            if ((rc = rc_table_append(tp, &err, "illddddd", year, (long long)s.n,
                                      (long long)s.islands, s.value, s.expected, s.z_rand,
                                      s.p_rand, s.p_sim)) != RC_OK)
                break;
            if (want[S_GEARY] && ((rc = rc_geary(&s, y, &wt, &perm, &err)) != RC_OK ||
                                  (rc = add_global(tg, year, "geary", &s, &err)) != RC_OK))
                break;
            if (want[S_G] && do_g && ((rc = rc_getis_ord_g(&s, y, &wb, &perm, &err)) != RC_OK ||
                                      (rc = add_global(tg, year, "getis_ord_g", &s, &err)) != RC_OK))
                break;
            if (want[S_BV] && ((rc = rc_moran_bv(&s, y, x, &wt, &perm, &err)) != RC_OK ||
                               (rc = add_global(tg, year, "moran_bv", &s, &err)) != RC_OK))
                break;
        }
        if (req->want_local) {
            if (want[S_LMORAN] &&
                ((rc = rc_local_moran(lo, y, &wt, &perm, &err)) != RC_OK ||
                 (rc = add_local(tl, year, "local_moran", 1, lo, ids, n, perm.permutations, req, adj,
                                 scratch, &err)) != RC_OK))
                break;
            if (want[S_LMORAN]) {
                /* The Moran scatter plot: z standardised with divisor n (esda), lag as LISA's. */
                double mean = 0, ss = 0;
                for (size_t i = 0; i < n; i++)
                    mean += y[i];
                mean /= (double)n;
                for (size_t i = 0; i < n; i++)
                    ss += (y[i] - mean) * (y[i] - mean);
                double sd = sqrt(ss / (double)n);
                for (size_t i = 0; i < n && rc == RC_OK; i++)
                    rc = rc_table_append(ts, &err, "isdd", year, ids[i], (y[i] - mean) / sd, lo[i].lag);
                if (rc != RC_OK)
                    break;
            }
            for (int star = 0; star < 2 && do_g; star++) {
                if (!want[star ? S_GISTAR : S_GI])
                    continue;
                if ((rc = rc_local_g(lo, y, &wb, star, 1, &perm, &err)) != RC_OK ||
                    (rc = add_local(tl, year, star ? "gi_star" : "gi", 0, lo, ids, n,
                                    perm.permutations, req, adj, scratch, &err)) != RC_OK)
                    break;
            }
            if (rc != RC_OK)
                break;
        }
    }
    if (rc != RC_OK && kernel_year) {
        /* The kernels speak of arrays; say which variable and year. */
        char msg[RC_ERROR_MESSAGE_MAX];
        snprintf(msg, sizeof msg, "%s", err.message);
        rc_error_set(&err, rc, "%s in %d: %s", req->value, kernel_year, msg);
    }
    if (rc == RC_OK && !years_done)
        rc = rc_error_set(&err, RC_EINSUFFICIENT, "%s has no values in the chosen years", req->value);
    if (rc == RC_OK) {
        if (req->want_global)
            out->global = tg, out->path = tp, tg = tp = NULL;
        if (req->want_local)
            out->local = tl, out->scatter = ts, tl = ts = NULL;
    }
done:
    free(y), free(x), free(scratch), free(lo), free(ids), free(wstore);
    rc_table_free(tg), rc_table_free(tl), rc_table_free(tp), rc_table_free(ts);
    sw_free(&sw);
    if (rc != RC_OK)
        return rc_cli_fail(&err);
    return code;
}
