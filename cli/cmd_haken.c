/* cmd_haken.c — `regcoord haken`: which driver is the order parameter (discrete Haken model
 * for every ordered pair of candidate variables, src/measures/haken.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "regcoord/haken.h"

static const rc_cli_doc doc = {
    "haken",
    "Order-parameter identification with the Haken model (synergetics).",
    "DATA --vars A,B[,C…] [--region-id ID | --national] [--stages A:B,C:D] [options]",
    "For every ordered pair (q1, q2) of the candidate variables, OLS without intercept of\n"
    "  q1(k+1) = (1 − λ1) q1(k) − a q1(k) q2(k)   and   q2(k+1) = (1 − λ2) q2(k) + b q1(k)²\n"
    "over consecutive years (R lm(y ~ 0 + …): uncentred R², F with (2, K − 3) df). A pair holds\n"
    "when λ2 > 0, |λ2| > r·|λ1| (--adiabatic-ratio r, default 1) and p(a), p(b) < --alpha\n"
    "(default 0.05); the first failed condition is the reason. The variable that is q1 in most\n"
    "held pairs (ties: the largest |λ2|/|λ1|) is the order parameter. For a held pair the\n"
    "order-parameter equation is dq1/dt = −λ1 q1 − (ab/λ2) q1³ and the potential\n"
    "V(q) = ½λ1 q² + ab/(4λ2) q⁴, with stationary points 0 and ±q_star = ±sqrt(−λ1λ2/(ab))\n"
    "(when λ1·ab/λ2 < 0); 0 is stable when λ1 > 0, ±q_star when λ1 < 0.\n"
    "A variable is NAME or NUM/DEN (a ratio, e.g. fai/pop). --national sums every NAME and\n"
    "every NUM and DEN over the regions (so fai/pop is national investment per person; a year\n"
    "with a region missing is missing); --region-id ID takes one region; otherwise every region is\n"
    "analysed on its own (a panel of one region needs neither). --haken-scale minmax|first|\n"
    "mean rescales each series (default none). --stages A:B,C:D repeats the analysis on\n"
    "sub-periods (default: all years). Years with a missing value are trimmed at the ends; a\n"
    "gap inside a period is an error.\n"
    "Tables: pairs (region,stage,q1,q2,lambda1,a,lambda2,b, beta11…beta22 with se_, t_, p_,\n"
    "r2_eq1,f_eq1,r2_eq2,f_eq2,ratio,holds,reason,order_parameter, and the potential's\n"
    "cubic = ab/λ2, v_q2 = ½λ1, v_q4 = ab/(4λ2), q_star, zero_stable, star_stable) and\n"
    "potential (region,stage,q1,q2,year,q1_value,potential: V(q1(k)) for every held pair, or\n"
    "every pair with --potential all). Formulas: methods/05-synergetics.md.",
    "  regcoord haken china_provinces_panel.csv --national --vars gdp/pop,fai/pop,trade_kusd/pop \\\n"
    "      --years 1998:2017 --haken-scale first\n"
    "  regcoord haken china_provinces_panel.csv --region-id 440000 --vars gdp_pc,fai/pop \\\n"
    "      --stages 1998:2007,2008:2017 --table pairs --format csv",
};

typedef struct {
    char *text;
    size_t num, den;
    int ratio;
} spec;

/* The m series of one unit over all years: q[v * T + t], NaN when missing. */
static void unit_series(double *q, const rc_panel *p, const spec *sp, size_t m, long region)
{
    size_t nr = rc_panel_nregions(p), T = rc_panel_nyears(p);
    for (size_t v = 0; v < m; v++)
        for (size_t t = 0; t < T; t++) {
            double num = 0, den = 0;
            size_t i0 = region < 0 ? 0 : (size_t)region, i1 = region < 0 ? nr : i0 + 1;
            for (size_t i = i0; i < i1; i++) {
                num += rc_panel_value(p, sp[v].num, i, t);
                if (sp[v].ratio)
                    den += rc_panel_value(p, sp[v].den, i, t);
            }
            q[v * T + t] = sp[v].ratio ? num / den : num; /* NaN propagates */
        }
}

typedef struct {
    rc_table *pairs, *pot;
    double ratio, alpha;
    rc_haken_scale scale;
    int potential_all;
} ctx;

static int analyse(ctx *x, const rc_panel *p, const spec *sp, size_t m, const double *q,
                   const char *unit, int first, int last, const char *stage,
                   const rc_cli_common *c, rc_error *err)
{
    size_t T = rc_panel_nyears(p);
    const int *years = rc_panel_years(p);
    /* Years of the stage where every variable is present, trimmed at the ends. */
    size_t t0 = T, t1 = 0;
    for (size_t t = 0; t < T; t++) {
        if (years[t] < first || years[t] > last)
            continue;
        int ok = 1;
        for (size_t v = 0; v < m; v++)
            ok &= !isnan(q[v * T + t]);
        if (ok) {
            if (t0 == T)
                t0 = t;
            t1 = t;
        }
    }
    if (t0 == T)
        return rc_error_set(err, RC_EINSUFFICIENT, "%s, %s: no year with all of the variables", unit, stage);
    for (size_t t = t0; t <= t1; t++) {
        if (t > t0 && years[t] != years[t - 1] + 1)
            return rc_error_set(err, RC_EINPUT, "%s, %s: years %d and %d are not consecutive; the Haken "
                                "model needs annual steps (choose --years or --stages)", unit, stage,
                                years[t - 1], years[t]);
        for (size_t v = 0; v < m; v++)
            if (isnan(q[v * T + t]))
                return rc_error_set(err, RC_EINPUT, "%s, %s: '%s' is missing in %d, inside the period "
                                    "%d–%d (choose --years or --stages)", unit, stage, sp[v].text,
                                    years[t], years[t0], years[t1]);
    }
    size_t K = t1 - t0 + 1;
    double *s = malloc(m * K * sizeof *s);
    rc_haken_pair *pr = malloc(m * m * sizeof *pr);
    int *ok = calloc(m * m, sizeof *ok);
    int rc = s && pr && ok ? RC_OK : rc_error_set(err, RC_ENOMEM, "out of memory");
    for (size_t v = 0; v < m && rc == RC_OK; v++) {
        memcpy(s + v * K, q + v * T + t0, K * sizeof *s);
        rc = rc_haken_rescale(s + v * K, K, x->scale, err);
        if (rc != RC_OK) {
            char msg[RC_ERROR_MESSAGE_MAX];
            snprintf(msg, sizeof msg, "%s", err->message);
            rc = rc_error_set(err, rc, "%s, %s, '%s': %s", unit, stage, sp[v].text, msg);
        }
    }
    /* Fit every ordered pair; a singular pair is a row with its reason, not a failure. */
    size_t held[64] = {0};
    double best[64];
    for (size_t i = 0; i < m; i++)
        best[i] = 0;
    for (size_t i = 0; i < m && rc == RC_OK; i++)
        for (size_t j = 0; j < m && rc == RC_OK; j++) {
            if (i == j)
                continue;
            rc_error e2;
            int r = rc_haken_pair_fit(&pr[i * m + j], s + i * K, s + j * K, K, x->ratio, x->alpha, &e2);
            if (r == RC_ENUMERIC) {
                rc_cli_note(c, "%s, %s: pair (%s, %s) not estimable: %s", unit, stage, sp[i].text,
                            sp[j].text, e2.message);
                continue;
            }
            if (r != RC_OK) {
                rc = rc_error_set(err, r, "%s, %s: %s", unit, stage, e2.message);
                break;
            }
            ok[i * m + j] = 1;
            if (pr[i * m + j].holds) {
                held[i]++;
                best[i] = fmax(best[i], pr[i * m + j].ratio);
            }
        }
    long order = -1;
    for (size_t i = 0; i < m && rc == RC_OK; i++)
        if (held[i] && (order < 0 || held[i] > held[order] ||
                        (held[i] == held[order] && best[i] > best[order])))
            order = (long)i;
    if (rc == RC_OK) {
        if (order >= 0)
            rc_cli_note(c, "%s, %s: order parameter %s (q1 in %zu held pair%s)", unit, stage,
                        sp[order].text, held[order], held[order] == 1 ? "" : "s");
        else
            rc_cli_note(c, "%s, %s: no pair satisfies the conditions; no order parameter", unit, stage);
    }
    for (size_t i = 0; i < m && rc == RC_OK; i++)
        for (size_t j = 0; j < m && rc == RC_OK; j++) {
            if (i == j)
                continue;
            size_t row;
            rc = rc_table_add_row(x->pairs, &row, err);
            if (rc != RC_OK)
                break;
            rc_table_set_str(x->pairs, row, 0, unit, err);
            rc_table_set_str(x->pairs, row, 1, stage, err);
            rc_table_set_str(x->pairs, row, 2, sp[i].text, err);
            rc_table_set_str(x->pairs, row, 3, sp[j].text, err);
            rc_table_set_int(x->pairs, row, 31, (long long)((long)i == order), err);
            if (!ok[i * m + j]) {
                rc_table_set_str(x->pairs, row, 30, "singular design", err);
                continue;
            }
            const rc_haken_pair *h = &pr[i * m + j];
            rc_haken_potential v;
            rc_haken_potential_of(&v, h);
            double vals[] = {h->lambda1, h->a, h->lambda2, h->b};
            size_t col = 4;
            for (int k = 0; k < 4; k++)
                rc_table_set_dbl(x->pairs, row, col++, vals[k], err);
            for (int k = 0; k < 4; k++) {
                rc_table_set_dbl(x->pairs, row, col++, h->beta[k], err);
                rc_table_set_dbl(x->pairs, row, col++, h->se[k], err);
                rc_table_set_dbl(x->pairs, row, col++, h->t[k], err);
                rc_table_set_dbl(x->pairs, row, col++, h->p[k], err);
            }
            double more[] = {h->r2_eq1, h->f_eq1, h->r2_eq2, h->f_eq2, h->ratio};
            for (int k = 0; k < 5; k++)
                rc_table_set_dbl(x->pairs, row, col++, more[k], err);
            rc_table_set_int(x->pairs, row, col++, h->holds, err);
            rc_table_set_str(x->pairs, row, col++, rc_haken_reason_text(h->reason), err);
            col++; /* order_parameter, set above */
            double pot[] = {h->cubic, v.c2, v.c4, v.q_star};
            for (int k = 0; k < 4; k++)
                rc_table_set_dbl(x->pairs, row, col++, pot[k], err);
            rc_table_set_int(x->pairs, row, col++, v.zero_stable, err);
            rc = rc_table_set_int(x->pairs, row, col++, v.star_stable, err);
            if (rc == RC_OK && (h->holds || x->potential_all))
                for (size_t k = 0; k < K && rc == RC_OK; k++)
                    rc = rc_table_append(x->pot, err, "ssssidd", unit, stage, sp[i].text, sp[j].text,
                                         years[t0 + k], s[i * K + k],
                                         rc_haken_potential_at(&v, s[i * K + k]));
        }
    free(s);
    free(pr);
    free(ok);
    return rc;
}

static int new_tables(ctx *x, rc_error *err)
{
    static const char *const pcols[] = {
        "region", "stage", "q1", "q2", "lambda1", "a", "lambda2", "b",
        "beta11", "se_beta11", "t_beta11", "p_beta11", "beta12", "se_beta12", "t_beta12", "p_beta12",
        "beta21", "se_beta21", "t_beta21", "p_beta21", "beta22", "se_beta22", "t_beta22", "p_beta22",
        "r2_eq1", "f_eq1", "r2_eq2", "f_eq2", "ratio", "holds", "reason", "order_parameter",
        "cubic", "v_q2", "v_q4", "q_star", "zero_stable", "star_stable", NULL};
    /* 4 labels, 25 numbers (λ1 … ratio), holds, reason, order_parameter, 4 numbers, 2 flags. */
    static const char ptypes[] = "ssss" "ddddddddddddddddddddddddd" "isi" "dddd" "ii";
    static const char *const vcols[] = {"region", "stage", "q1", "q2", "year", "q1_value", "potential", NULL};
    static const char vtypes[] = "ssssidd";
    int rc = rc_table_new(&x->pairs, "pairs", err);
    for (size_t j = 0; pcols[j] && rc == RC_OK; j++)
        rc = rc_table_add_column(x->pairs, pcols[j],
                                 ptypes[j] == 's' ? RC_COL_STR
                                 : ptypes[j] == 'i' ? RC_COL_INT : RC_COL_DBL, NULL, err);
    if (rc == RC_OK)
        rc = rc_table_new(&x->pot, "potential", err);
    for (size_t j = 0; vcols[j] && rc == RC_OK; j++)
        rc = rc_table_add_column(x->pot, vcols[j],
                                 vtypes[j] == 's' ? RC_COL_STR : vtypes[j] == 'i' ? RC_COL_INT : RC_COL_DBL,
                                 NULL, err);
    return rc;
}

int rc_cmd_haken(int argc, char **argv)
{
    rc_cli_common c;
    rc_cli_common_init(&c);
    const char *vars = NULL, *region = NULL, *stages = NULL, *scale = "none", *table = "all",
               *potential = "held";
    int national = 0;
    double ratio = 1.0, alpha = 0.05;
    const rc_cli_option opts[] = {
        RC_CLI_DATA_OPTIONS(&c),
        {"vars", 0, RC_OPT_STR, &vars, "LIST", "candidate variables, NAME or NUM/DEN (at least 2)"},
        {"region-id", 0, RC_OPT_STR, &region, "ID",
         "analyse this region's series (--region names the id column)"},
        {"national", 0, RC_OPT_FLAG, &national, NULL, "analyse the sums over all regions"},
        {"stages", 0, RC_OPT_STR, &stages, "LIST", "sub-periods A:B,C:D (default: all years)"},
        {"haken-scale", 0, RC_OPT_STR, &scale, "HOW", "none (default), minmax, first or mean"},
        {"adiabatic-ratio", 0, RC_OPT_DBL, &ratio, "R", "hold only when |λ2| > R·|λ1| (default 1)"},
        {"alpha", 0, RC_OPT_DBL, &alpha, "X", "significance level of a and b (default 0.05)"},
        {"potential", 0, RC_OPT_STR, &potential, "WHICH", "potential series of held (default) or all pairs"},
        {"table", 0, RC_OPT_STR, &table, "NAME", "all (default), pairs or potential"},
        RC_CLI_OUTPUT_OPTIONS(&c),
        RC_CLI_END,
    };
    const char *data;
    int code = rc_cli_parse_data(&doc, opts, &c, argc, argv, &data);
    if (code >= 0)
        return code;
    if (!vars)
        return rc_cli_usage_error("haken needs --vars A,B[,C…] (the candidate variables)");
    if (region && national)
        return rc_cli_usage_error("--region-id and --national exclude each other");
    if (!(ratio > 0) || !(alpha > 0 && alpha < 1))
        return rc_cli_usage_error("--adiabatic-ratio must be > 0 and --alpha between 0 and 1");
    ctx x = {0};
    x.ratio = ratio;
    x.alpha = alpha;
    static const char *const scales[] = {"none", "minmax", "first", "mean"};
    int si = -1;
    for (int k = 0; k < 4; k++)
        if (!strcmp(scale, scales[k]))
            si = k;
    if (si < 0)
        return rc_cli_usage_error("--haken-scale must be none, minmax, first or mean, not '%s'", scale);
    x.scale = (rc_haken_scale)si;
    if (strcmp(potential, "held") && strcmp(potential, "all"))
        return rc_cli_usage_error("--potential must be held or all");
    x.potential_all = !strcmp(potential, "all");
    int which = !strcmp(table, "all") ? 2 : !strcmp(table, "pairs") ? 0 : !strcmp(table, "potential") ? 1 : -1;
    if (which < 0)
        return rc_cli_usage_error("--table must be all, pairs or potential");
    char **items = NULL, **st = NULL;
    size_t m = 0, nst = 0;
    if (rc_cli_split_list(vars, &items, &m) != 0 || m < 2 || m > 64) {
        rc_cli_free_list(items, m);
        return rc_cli_usage_error("--vars needs 2 to 64 variables");
    }
    if (stages && (rc_cli_split_list(stages, &st, &nst) != 0 || nst == 0)) {
        rc_cli_free_list(items, m);
        return rc_cli_usage_error("--stages: a comma-separated list of A:B");
    }
    rc_panel *p = NULL;
    spec *sp = calloc(m, sizeof *sp);
    double *q = NULL;
    rc_error err;
    rc_error_clear(&err);
    int rc = RC_OK;
    if (!sp || (code = rc_cli_load_panel(&c, data, &p)) != 0)
        goto done;
    for (size_t v = 0; v < m && code == 0; v++) {
        sp[v].text = items[v];
        char *slash = strchr(items[v], '/');
        if (slash) {
            *slash = '\0';
            sp[v].ratio = 1;
            code = rc_cli_find_var(p, items[v], &sp[v].num);
            if (code == 0)
                code = rc_cli_find_var(p, slash + 1, &sp[v].den);
            *slash = '/';
        } else {
            code = rc_cli_find_var(p, items[v], &sp[v].num);
        }
    }
    if (code != 0)
        goto done;
    size_t nr = rc_panel_nregions(p), T = rc_panel_nyears(p);
    long one = -2;
    if (region) {
        size_t i;
        if ((rc = rc_panel_find_region(p, region, &i, &err)) != RC_OK)
            goto done;
        one = (long)i;
    } else if (national) {
        one = -1;
    } else if (nr == 1) {
        one = 0;
    }
    q = malloc(m * T * sizeof *q);
    if (!q || (rc = new_tables(&x, &err)) != RC_OK) {
        if (!q)
            rc = rc_error_set(&err, RC_ENOMEM, "out of memory");
        goto done;
    }
    size_t units = one == -2 ? nr : 1;
    for (size_t u = 0; u < units && rc == RC_OK; u++) {
        long r = one == -2 ? (long)u : one;
        const char *unit = r < 0 ? "national" : rc_panel_region_id(p, (size_t)r);
        unit_series(q, p, sp, m, r);
        for (size_t s = 0; s < (nst ? nst : 1) && rc == RC_OK; s++) {
            int first = rc_panel_year(p, 0), last = rc_panel_year(p, T - 1);
            char label[64];
            if (nst && (rc = rc_parse_year_range(st[s], &first, &last, &err)) != RC_OK)
                break;
            if (first < rc_panel_year(p, 0))
                first = rc_panel_year(p, 0);
            if (last > rc_panel_year(p, T - 1))
                last = rc_panel_year(p, T - 1);
            snprintf(label, sizeof label, "%d:%d", first, last);
            rc = analyse(&x, p, sp, m, q, unit, first, last, label, &c, &err);
            /* Per-region runs skip a region without enough data instead of failing. */
            if (one == -2 && (rc == RC_EINSUFFICIENT || rc == RC_EINPUT)) {
                rc_cli_note(&c, "%s skipped: %s", unit, err.message);
                rc_error_clear(&err);
                rc = RC_OK;
            }
        }
    }
done:
    if (code == 0 && rc != RC_OK)
        code = rc_cli_fail(&err);
    if (code == 0) {
        const rc_table *all[2] = {x.pairs, x.pot};
        code = which == 2 ? rc_cli_emit_all(&c, all, 2) : rc_cli_emit(&c, all[which]);
    }
    rc_table_free(x.pairs);
    rc_table_free(x.pot);
    free(q);
    free(sp);
    rc_panel_free(p);
    rc_cli_free_list(items, m);
    rc_cli_free_list(st, nst);
    return code;
}
