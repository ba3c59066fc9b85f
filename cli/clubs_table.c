/* clubs_table.c — Phillips–Sul convergence clubs of a panel as tidy tables. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convergence_table.h"

void rc_clubs_request_init(rc_clubs_request *req)
{
    memset(req, 0, sizeof *req);
    req->filter = 1;
    req->lambda = 400;
    rc_clubs_options_init(&req->opt);
}

void rc_clubs_tables_free(rc_clubs_tables *t)
{
    rc_table_free(t->clubs), rc_table_free(t->members), rc_table_free(t->paths);
    memset(t, 0, sizeof *t);
}

static int columns(rc_table *t, const char *const *names, const char *types, rc_error *err)
{
    int rc = RC_OK;
    for (size_t k = 0; types[k] && rc == RC_OK; k++)
        rc = rc_table_add_column(t, names[k], types[k] == 's' ? RC_COL_STR : types[k] == 'i' ? RC_COL_INT
                                 : RC_COL_DBL, NULL, err);
    return rc;
}

static const char *flag(double t, double crit)
{
    return t > crit ? "converges" : "rejected";
}

int rc_clubs_tables_build(rc_clubs_tables *out, const rc_panel *panel, const rc_clubs_request *req,
                          const rc_cli_common *c)
{
    memset(out, 0, sizeof *out);
    rc_error err;
    rc_error_clear(&err);
    size_t v;
    int code = rc_cli_find_var(panel, req->value, &v);
    if (code)
        return code;
    rc_panel *p = NULL;
    double *X = NULL, *x = NULL;
    rc_clubs cl = {0};
    int rc = rc_conv_listwise(&p, panel, &v, 1, c, &err);
    if (rc == RC_OK)
        rc = rc_conv_check_positive(p, v, "club convergence (logs)", &err);
    if (rc != RC_OK)
        goto done;
    size_t n = rc_panel_nregions(p), T = rc_panel_nyears(p);
    X = malloc((n * T + 1) * sizeof *X);
    x = malloc((T + 1) * sizeof *x);
    if (!X || !x) {
        rc = rc_error_set(&err, RC_ENOMEM, "out of memory");
        goto done;
    }
    /* Unit-major ln y, HP-filtered per region. */
    for (size_t i = 0; i < n && rc == RC_OK; i++) {
        for (size_t t = 0; t < T; t++)
            x[t] = log(rc_panel_value(p, v, i, t));
        if (req->filter)
            rc = rc_hp_filter(X + i * T, x, T, req->lambda, &err);
        else
            memcpy(X + i * T, x, T * sizeof *x);
    }
    if (rc == RC_OK)
        rc = rc_clubs_find(&cl, X, n, T, &req->opt, &err);
    if (rc == RC_EINPUT && req->refused) {
        *req->refused = err;
        rc_clubs_free(&cl);
        free(X), free(x);
        rc_panel_free(p);
        return 0;
    }
    if (rc != RC_OK)
        goto done;
    if (cl.ndivergent)
        rc_cli_note(c, "%zu divergent region%s (in no club)", cl.ndivergent, cl.ndivergent == 1 ? "" : "s");
    for (size_t g = 0; g < cl.nclubs; g++)
        if (!(cl.test[g].t > req->opt.critical))
            rc_cli_note(c, "club %zu: its own log t = %g ≤ %g (formed by the sieve with c* = %g, "
                        "flagged 'rejected')", g + 1, cl.test[g].t, req->opt.critical, req->opt.cstar);
    static const char *const cc[] = {"club", "size", "beta", "std_error", "t", "flag"};
    static const char *const mc[] = {"club", "region"};
    static const char *const pc[] = {"club", "year", "path"};
    if ((rc = rc_table_new(&out->clubs, "clubs", &err)) != RC_OK ||
        (rc = columns(out->clubs, cc, "siddds", &err)) != RC_OK ||
        (rc = rc_table_new(&out->members, "members", &err)) != RC_OK ||
        (rc = columns(out->members, mc, "ss", &err)) != RC_OK ||
        (rc = rc_table_new(&out->paths, "paths", &err)) != RC_OK ||
        (rc = columns(out->paths, pc, "sid", &err)) != RC_OK)
        goto done;
    rc = rc_table_append(out->clubs, &err, "slddds", "all", (long long)n, cl.whole.value,
                         cl.whole.std_error, cl.whole.t, flag(cl.whole.t, req->opt.critical));
    char name[32];
    for (size_t g = 0; g < cl.nclubs && rc == RC_OK; g++) {
        size_t size = 0;
        for (size_t i = 0; i < n; i++)
            size += cl.club[i] == (int)g;
        snprintf(name, sizeof name, "%zu", g + 1);
        rc = rc_table_append(out->clubs, &err, "slddds", name, (long long)size, cl.test[g].value,
                             cl.test[g].std_error, cl.test[g].t, flag(cl.test[g].t, req->opt.critical));
    }
    if (rc == RC_OK && cl.ndivergent)
        rc = rc_table_append(out->clubs, &err, "slddds", "divergent", (long long)cl.ndivergent, NAN, NAN,
                             NAN, "divergent");
    for (size_t g = 0; g <= cl.nclubs && rc == RC_OK; g++) {
        int id = g < cl.nclubs ? (int)g : -1;
        if (id >= 0)
            snprintf(name, sizeof name, "%d", id + 1);
        else
            snprintf(name, sizeof name, "divergent");
        for (size_t i = 0; i < n && rc == RC_OK; i++)
            if (cl.club[i] == id)
                rc = rc_table_append(out->members, &err, "ss", name, rc_panel_region_id(p, i));
    }
    /* Relative transition paths h_it = X_it / (1/N) Σ_j X_jt, averaged within each club. */
    for (size_t g = 0; g < cl.nclubs && rc == RC_OK; g++) {
        snprintf(name, sizeof name, "%zu", g + 1);
        for (size_t t = 0; t < T && rc == RC_OK; t++) {
            double mean = 0, h = 0;
            size_t m = 0;
            for (size_t i = 0; i < n; i++)
                mean += X[i * T + t] / (double)n;
            for (size_t i = 0; i < n; i++)
                if (cl.club[i] == (int)g) {
                    h += X[i * T + t] / mean;
                    m++;
                }
            rc = rc_table_append(out->paths, &err, "sld", name, (long long)rc_panel_year(p, t), h / (double)m);
        }
    }
done:
    rc_clubs_free(&cl);
    free(X), free(x);
    rc_panel_free(p);
    if (rc != RC_OK) {
        rc_clubs_tables_free(out);
        return err.code == RC_EUSAGE ? rc_cli_usage_error("%s", err.message) : rc_cli_fail(&err);
    }
    return 0;
}
