/* markov_table.c — classic and spatial Markov chains of a panel as tidy tables. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convergence_table.h"
#include "panel_weights.h"
#include "regcoord/markov.h"

void rc_markov_request_init(rc_markov_request *req)
{
    memset(req, 0, sizeof *req);
    req->k = 5;
    req->m = 5;
    req->islands = "refuse";
}

void rc_markov_tables_free(rc_markov_tables *t)
{
    rc_table_free(t->transitions), rc_table_free(t->steady), rc_table_free(t->mfpt);
    rc_table_free(t->sojourn), rc_table_free(t->tests), rc_table_free(t->bounds);
    memset(t, 0, sizeof *t);
}

static int new_table(rc_table **t, const char *name, const char *spec, const char *const *cols,
                     rc_error *err)
{
    int rc = rc_table_new(t, name, err);
    for (size_t c = 0; spec[c] && rc == RC_OK; c++)
        rc = rc_table_add_column(*t, cols[c], spec[c] == 's' ? RC_COL_STR : spec[c] == 'i' ? RC_COL_INT
                                 : RC_COL_DBL, NULL, err);
    return rc;
}

/* Parse "0.6,0.8,1.0,1.2" into increasing cut-offs followed by +∞. */
static int parse_cuts(double **bounds, size_t *k, const char *text)
{
    char **items;
    size_t n;
    if (rc_cli_split_list(text, &items, &n) != RC_OK || n == 0) {
        rc_cli_free_list(items, n);
        return rc_cli_usage_error("--cuts needs a comma-separated list of increasing numbers");
    }
    double *b = malloc((n + 1) * sizeof *b);
    int code = b ? 0 : rc_cli_usage_error("out of memory");
    for (size_t i = 0; i < n && !code; i++) {
        char *end;
        b[i] = strtod(items[i], &end);
        if (*end || !isfinite(b[i]) || (i && !(b[i] > b[i - 1])))
            code = rc_cli_usage_error("--cuts: '%s' is not a number above the previous cut-off", items[i]);
    }
    rc_cli_free_list(items, n);
    if (code) {
        free(b);
        return code;
    }
    b[n] = INFINITY;
    *bounds = b;
    *k = n + 1;
    return 0;
}

/* Classes of v (T × n): per-year or pooled quantiles, or the given bounds. k is updated
 * when pooled quantiles collapse; bounds (k entries) is filled for pooled classes. */
static int classify(int *cls, double *bounds, size_t *k, const double *v, size_t n, size_t T,
                    int per_year, const rc_panel *p, const char *what, const rc_cli_common *c,
                    rc_error *err)
{
    size_t want = *k, got;
    int rc = RC_OK;
    if (!per_year) {
        if ((rc = rc_quantile_bounds(bounds, &got, v, n * T, want, err)) != RC_OK)
            return rc;
        if (got < want)
            rc_cli_note(c, "%s: only %zu distinct quantile bounds (ties), so %zu classes instead of %zu",
                        what, got, got, want);
        *k = got;
        rc_classify(cls, v, n * T, bounds, got);
        return RC_OK;
    }
    for (size_t t = 0; t < T && rc == RC_OK; t++) {
        double b[64];
        if ((rc = rc_quantile_bounds(b, &got, v + t * n, n, want, err)) != RC_OK)
            break;
        if (got < want)
            return rc_error_set(err, RC_EINPUT,
                                "%s: in %d only %zu distinct quantile bounds (ties) for %zu classes; "
                                "use pooled quantiles or --cuts", what, rc_panel_year(p, t), got, want);
        rc_classify(cls + t * n, v + t * n, n, b, want);
    }
    return rc;
}

/* Notes on what the ergodic computations had to do for one chain. */
static void chain_notes(const rc_cli_common *c, const char *label, const int *empty, size_t k,
                        const rc_markov_ergodic *e)
{
    char buf[256] = "";
    for (size_t a = 0; a < k; a++)
        if (empty[a])
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%zu", buf[0] ? ", " : "", a);
    if (buf[0])
        rc_cli_note(c, "chain %s: class%s %s never observed at a start year (empty row, left zero in "
                    "P; a self-loop for steady state and passage times)", label,
                    strchr(buf, ',') ? "es" : "", buf);
    buf[0] = '\0';
    for (size_t a = 0; a < k; a++)
        if (e->recurrent[a] < 0)
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%zu", buf[0] ? ", " : "", a);
    if (buf[0])
        rc_cli_note(c, "chain %s: transient class%s %s (steady-state probability 0)", label,
                    strchr(buf, ',') ? "es" : "", buf);
    if (e->nrecurrent > 1)
        rc_cli_note(c, "chain %s is reducible: %zu closed sets of classes, one steady state each "
                    "(lag_class %s/1 … %s/%zu)", label, e->nrecurrent, label, label, e->nrecurrent);
}

/* Rows of one chain (counts N, k × k) into the tables. */
static int chain_rows(rc_markov_tables *out, const char *label, const double *N, size_t k,
                      const rc_cli_common *c, rc_error *err)
{
    double *P = malloc(k * k * sizeof *P);
    int *empty = malloc(k * sizeof *empty);
    if (!P || !empty) {
        free(P), free(empty);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    rc_markov_probabilities(P, empty, N, k);
    rc_markov_ergodic e;
    int rc = rc_markov_ergodic_compute(&e, P, k, err), have = rc == RC_OK;
    if (rc == RC_OK)
        chain_notes(c, label, empty, k, &e);
    for (size_t a = 0; a < k && rc == RC_OK; a++)
        for (size_t b = 0; b < k && rc == RC_OK; b++) {
            rc = rc_table_append(out->transitions, err, "slldd", label, (long long)a, (long long)b,
                                 N[a * k + b], P[a * k + b]);
            if (rc == RC_OK)
                rc = rc_table_append(out->mfpt, err, "slld", label, (long long)a, (long long)b,
                                     e.mfpt[a * k + b]);
        }
    for (size_t r = 0; r < e.nrecurrent && rc == RC_OK; r++) {
        char name[64];
        if (e.nrecurrent == 1)
            snprintf(name, sizeof name, "%s", label);
        else
            snprintf(name, sizeof name, "%s/%zu", label, r + 1);
        for (size_t a = 0; a < k && rc == RC_OK; a++)
            rc = rc_table_append(out->steady, err, "sld", name, (long long)a, e.steady[r * k + a]);
    }
    for (size_t a = 0; a < k && rc == RC_OK; a++)
        rc = rc_table_append(out->sojourn, err, "sld", label, (long long)a, e.sojourn[a]);
    if (have)
        rc_markov_ergodic_free(&e);
    free(P), free(empty);
    return rc;
}

/* Spatial weights over p with the island policy; may replace *p by a panel without islands. */
static int load_weights(rc_gal_weights *w, rc_panel **p, const rc_markov_request *req,
                        const rc_cli_common *c, rc_error *err)
{
    const char *path = req->weights;
    int rc = rc_gal_read(w, path, *p, err);
    if (rc == RC_OK && w->dropped_links)
        rc_cli_note(c, "%s: %zu link%s to regions not in the panel ignored (weights row-standardised "
                    "over the remaining neighbours)", path, w->dropped_links, w->dropped_links == 1 ? "" : "s");
    if (rc != RC_OK || w->nislands == 0)
        return rc;
    size_t n = rc_panel_nregions(*p), m = 0;
    char names[512] = "";
    size_t *keep = malloc(n * sizeof *keep);
    if (!keep)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    for (size_t i = 0, ni = 0; i < n; i++) {
        if (w->off[i + 1] > w->off[i])
            keep[m++] = i;
        else if (ni++ < 10)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", ni > 1 ? ", " : "",
                     rc_panel_region_name(*p, i));
    }
    if (!strcmp(req->islands, "zero-lag")) {
        rc_cli_note(c, "%zu island%s (no neighbour) get a spatial lag of 0 (--islands zero-lag): %s",
                    w->nislands, w->nislands == 1 ? "" : "s", names);
    } else if (!strcmp(req->islands, "drop")) {
        rc_cli_note(c, "dropped %zu island%s (no neighbour; --islands drop): %s", w->nislands,
                    w->nislands == 1 ? "" : "s", names);
        rc_panel *q;
        rc_gal_free(w);
        if ((rc = rc_panel_select_regions(&q, *p, keep, m, err)) == RC_OK) {
            rc_panel_free(*p);
            *p = q;
            rc = rc_gal_read(w, path, *p, err);
            if (rc == RC_OK && w->nislands)
                rc = rc_error_set(err, RC_EINPUT, "--islands drop: dropping islands left new islands; "
                                  "check %s", req->weights);
        }
    } else {
        rc = rc_error_set(err, RC_EINPUT, "%zu region%s without neighbours in %s: %s (use --islands "
                          "zero-lag as giddy, or --islands drop)", w->nislands,
                          w->nislands == 1 ? " has no neighbour" : "s", req->weights, names);
    }
    free(keep);
    return rc;
}

int rc_markov_tables_build(rc_markov_tables *out, const rc_panel *panel, const rc_markov_request *req,
                           const rc_cli_common *c)
{
    memset(out, 0, sizeof *out);
    rc_error err;
    rc_error_clear(&err);
    size_t vars[2];
    int code = rc_cli_find_var(panel, req->value, &vars[0]);
    if (!code && req->pop)
        code = rc_cli_find_var(panel, req->pop, &vars[1]);
    if (code)
        return code;
    size_t v = vars[0];
    double *cuts = NULL;
    size_t k = req->k, m = req->m;
    if (req->cuts && (code = parse_cuts(&cuts, &k, req->cuts)) != 0)
        return code;
    if (k < 2 || k > 64 || m < 2 || m > 64) {
        free(cuts);
        return rc_cli_usage_error("the number of classes must be between 2 and 64");
    }
    rc_panel *p = NULL;
    rc_gal_weights w = {0};
    double *r = NULL, *lag = NULL, *N = NULL, *bounds = NULL, *lbounds = NULL;
    int *cls = NULL, *lcls = NULL;
    int rc = rc_conv_listwise(&p, panel, vars, req->pop ? 2 : 1, c, &err);
    if (rc == RC_OK)
        rc = rc_conv_check_positive(p, v, "a Markov chain of relative income", &err);
    if (rc == RC_OK && req->pop)
        rc = rc_conv_check_positive(p, vars[1], "a population-weighted mean", &err);
    if (rc == RC_OK && req->weights)
        rc = load_weights(&w, &p, req, c, &err);
    if (rc != RC_OK)
        goto done;
    size_t n = rc_panel_nregions(p), T = rc_panel_nyears(p);
    if (n < 2 || T < 2) {
        rc = rc_error_set(&err, RC_EINSUFFICIENT, "a Markov chain needs at least 2 regions and 2 years "
                          "(have %zu and %zu)", n, T);
        goto done;
    }
    r = malloc(n * T * sizeof *r);
    lag = malloc(n * T * sizeof *lag);
    cls = malloc(n * T * sizeof *cls);
    lcls = malloc(n * T * sizeof *lcls);
    bounds = malloc(65 * sizeof *bounds);
    lbounds = malloc(65 * sizeof *lbounds);
    N = calloc((1 + m) * 64 * 64, sizeof *N);
    if (!r || !lag || !cls || !lcls || !bounds || !lbounds || !N) {
        rc = rc_error_set(&err, RC_ENOMEM, "out of memory");
        goto done;
    }
    /* Relative income: y over the cross-section mean of its year (population-weighted,
     * Σ p y / Σ p, with --pop). */
    const double *y = rc_panel_var_data(p, v), *pw = req->pop ? rc_panel_var_data(p, vars[1]) : NULL;
    for (size_t t = 0; t < T; t++) {
        double mean = 0, ptot = 0;
        for (size_t i = 0; i < n; i++) {
            double wi = pw ? pw[t * n + i] : 1.0;
            mean += wi * y[t * n + i];
            ptot += wi;
        }
        mean /= ptot;
        for (size_t i = 0; i < n; i++)
            r[t * n + i] = req->levels ? y[t * n + i] : y[t * n + i] / mean;
    }
    if (cuts) {
        memcpy(bounds, cuts, k * sizeof *bounds);
        rc_classify(cls, r, n * T, bounds, k);
    } else if ((rc = classify(cls, bounds, &k, r, n, T, req->per_year, p, "classes", c, &err)) != RC_OK) {
        goto done;
    }
    if (req->weights) {
        for (size_t t = 0; t < T; t++)
            for (size_t i = 0; i < n; i++) {
                double s = 0;
                for (size_t e = w.off[i]; e < w.off[i + 1]; e++)
                    s += w.w[e] * r[t * n + w.nb[e]];
                lag[t * n + i] = s;
            }
        if ((rc = classify(lcls, lbounds, &m, lag, n, T, req->per_year, p, "lag classes", c, &err)) != RC_OK)
            goto done;
    }
    out->k = k;
    out->m = req->weights ? m : 0;
    out->nchains = 1 + out->m;
    static const char *const tc[] = {"lag_class", "from", "to", "count", "probability"};
    static const char *const sc[] = {"lag_class", "class", "probability"};
    static const char *const mc[] = {"lag_class", "from", "to", "mfpt"};
    static const char *const jc[] = {"lag_class", "class", "sojourn"};
    static const char *const hc[] = {"statistic", "value", "dof", "p_value"};
    static const char *const bc[] = {"kind", "class", "upper_bound"};
    if ((rc = new_table(&out->transitions, "transitions", "siidd", tc, &err)) != RC_OK ||
        (rc = new_table(&out->steady, "steady", "sid", sc, &err)) != RC_OK ||
        (rc = new_table(&out->mfpt, "mfpt", "siid", mc, &err)) != RC_OK ||
        (rc = new_table(&out->sojourn, "sojourn", "sid", jc, &err)) != RC_OK ||
        (rc = new_table(&out->bounds, "bounds", "sid", bc, &err)) != RC_OK)
        goto done;
    if ((rc = rc_markov_counts(N, cls, NULL, n, T, k, 1, &err)) != RC_OK ||
        (rc = chain_rows(out, "all", N, k, c, &err)) != RC_OK)
        goto done;
    if (req->weights) {
        double *Nc = N + k * k;
        if ((rc = rc_markov_counts(Nc, cls, lcls, n, T, k, m, &err)) != RC_OK)
            goto done;
        for (size_t l = 0; l < m && rc == RC_OK; l++) {
            char label[32];
            snprintf(label, sizeof label, "%zu", l);
            rc = chain_rows(out, label, Nc + l * k * k, k, c, &err);
        }
        rc_markov_homogeneity h;
        if (rc == RC_OK && (rc = rc_markov_homogeneity_test(&h, Nc, m, k, &err)) == RC_OK &&
            (rc = new_table(&out->tests, "tests", "sdid", hc, &err)) == RC_OK) {
            rc = rc_table_append(out->tests, &err, "sdld", "Q", h.q, (long long)h.dof, h.q_p_value);
            if (rc == RC_OK)
                rc = rc_table_append(out->tests, &err, "sdld", "LR", h.lr, (long long)h.dof, h.lr_p_value);
        }
    }
    if (!req->per_year)
        for (size_t a = 0; a < k && rc == RC_OK; a++)
            rc = rc_table_append(out->bounds, &err, "sld", "class", (long long)a, bounds[a]);
    if (!req->per_year && req->weights)
        for (size_t a = 0; a < m && rc == RC_OK; a++)
            rc = rc_table_append(out->bounds, &err, "sld", "lag_class", (long long)a, lbounds[a]);
done:
    free(cuts), free(r), free(lag), free(cls), free(lcls), free(bounds), free(lbounds), free(N);
    rc_gal_free(&w);
    rc_panel_free(p);
    if (rc != RC_OK) {
        rc_markov_tables_free(out);
        return rc_cli_fail(&err);
    }
    return 0;
}

int rc_markov_matrix_table(rc_table **out, const rc_markov_tables *t, size_t chain, rc_error *err)
{
    size_t k = t->k;
    char name[64];
    if (chain == 0)
        snprintf(name, sizeof name, "P (classic chain)");
    else
        snprintf(name, sizeof name, "P (lag class %zu)", chain - 1);
    int rc = rc_table_new(out, name, err);
    if (rc == RC_OK)
        rc = rc_table_add_column(*out, "from", RC_COL_INT, NULL, err);
    if (rc == RC_OK)
        rc = rc_table_add_column(*out, "n", RC_COL_INT, NULL, err);
    for (size_t b = 0; b < k && rc == RC_OK; b++) {
        char col[32];
        snprintf(col, sizeof col, "to_%zu", b);
        rc = rc_table_add_column(*out, col, RC_COL_DBL, NULL, err);
    }
    for (size_t a = 0; a < k && rc == RC_OK; a++) {
        size_t row, base = (chain * k + a) * k;
        double cnt = 0;
        for (size_t b = 0; b < k; b++)
            cnt += rc_table_get_dbl(t->transitions, base + b, 3);
        if ((rc = rc_table_add_row(*out, &row, err)) != RC_OK)
            break;
        rc_table_set_int(*out, row, 0, (long long)a, NULL);
        rc_table_set_int(*out, row, 1, (long long)cnt, NULL);
        for (size_t b = 0; b < k; b++)
            rc_table_set_dbl(*out, row, 2 + b, rc_table_get_dbl(t->transitions, base + b, 4), NULL);
    }
    if (rc != RC_OK) {
        rc_table_free(*out);
        *out = NULL;
    }
    return rc;
}
