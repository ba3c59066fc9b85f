/* run.c — the dynamic driver: period by period solve, record and update; the panel of §4.1,
 * the national summary of §4.2 (indices from the disparity kernels, stages of §4.3), and
 * parameter sweeps run as independent jobs. */
#include "sim_internal.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/disparity.h"

struct rc_sim_result {
    rc_panel *panel;
    rc_table *summary;
    rc_table *replicates;
};

/* Panel variables (§4.1), in output order. Population columns are in the input's units; money
 * columns in numéraire units of the model economy (total population 1 at period 0). */
enum {
    V_POP, V_URBAN, V_RURAL, V_URBANIZATION, V_URBAN_SHARE, V_WAGE, V_PRICE_INDEX, V_CPI,
    V_REAL_WAGE, V_UTILITY, V_GDP, V_GDP_PC, V_REAL_GDP_PC, V_INCOME_PC, V_REAL_INCOME,
    V_GROWTH, V_CAPITAL, V_ACCESSIBLE_CAPITAL, V_PRODUCTIVITY, V_TAX_CENTRAL, V_AID_RECEIVED,
    V_AID_INVESTMENT, V_SHARING_NET, V_FUND_NET, V_ECO_NET, V_RELOCATION, V_FDI, V_CREDIT_INFLOW, V_CREDIT_POSITION, V_INVESTMENT,
    V_EXPENDITURE, V_EMPTY, NVARS
};
static const char *const VAR_NAMES[NVARS] = {
    "pop", "urban", "rural", "urbanization", "urban_share", "wage", "price_index", "cpi",
    "real_wage", "utility", "gdp", "gdp_pc", "real_gdp_pc", "income_pc", "real_income",
    "growth", "capital", "accessible_capital", "productivity", "tax_central", "aid_received",
    "aid_investment", "sharing_net", "fund_net", "eco_net", "relocation_subsidy", "fdi", "credit_inflow", "credit_position", "investment",
    "expenditure", "empty"};

int rc_sim_grid(double **values, size_t *n, double a, double b, double step, rc_error *err)
{
    *values = NULL;
    *n = 0;
    if (!isfinite(a) || !isfinite(b) || !(step > 0) || !(b >= a))
        return rc_error_set(err, RC_EUSAGE, "a sweep needs A <= B and STEP > 0 (got %g:%g:%g)", a,
                            b, step);
    double cnt = floor((b - a) / step * (1 + 1e-12) + 1e-9) + 1;
    if (cnt > 100000)
        return rc_error_set(err, RC_EUSAGE, "a sweep of %g points is too large (at most 100000)",
                            cnt);
    size_t m = (size_t)cnt;
    if (!(*values = malloc(m * sizeof **values)))
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    /* a + k·step, not repeated addition, so 0:1:0.1 ends at exactly 1 */
    for (size_t k = 0; k < m; k++)
        (*values)[k] = k + 1 == m && fabs(a + (double)k * step - b) < 1e-9 * step
                           ? b
                           : a + (double)k * step;
    *n = m;
    return RC_OK;
}

int rc_sim_parse_sweep(char **param, double **values, size_t *nvalues, const char *spec,
                       rc_error *err)
{
    *param = NULL;
    *values = NULL;
    *nvalues = 0;
    const char *eq = strchr(spec, '=');
    double a, b, st;
    char tail;
    if (!eq || eq == spec || sscanf(eq + 1, "%lf:%lf:%lf%c", &a, &b, &st, &tail) != 3)
        return rc_error_set(err, RC_EUSAGE,
                            "--sweep wants PARAM=A:B:STEP (e.g. spillover.degree=0:1:0.1), not "
                            "'%s'", spec);
    int rc = rc_sim_grid(values, nvalues, a, b, st, err);
    if (rc)
        return rc;
    size_t len = (size_t)(eq - spec);
    if (!(*param = malloc(len + 1))) {
        free(*values);
        *values = NULL;
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    memcpy(*param, spec, len);
    (*param)[len] = '\0';
    return RC_OK;
}

void rc_sim_axes_free(rc_sim_axis *axes, size_t naxes)
{
    for (size_t a = 0; axes && a < naxes; a++) {
        free((char *)axes[a].param);
        free((double *)axes[a].values);
    }
    free(axes);
}

size_t rc_sim_scenario_sweep(const rc_sim_scenario *sc, const rc_sim_axis **axes)
{
    *axes = sc->sweep;
    return sc->nsweep;
}

static void progress_step(const rc_sim_scenario *sc, rc_sim_progress *pg)
{
    if (!sc->progress || !pg)
        return;
    /* one caller at a time: the callback (a terminal line) need not be thread-safe */
#pragma omp critical(rc_sim_progress)
    sc->progress(sc->progress_ctx, ++pg->done, pg->total);
}

int rc_sim_run_job(const rc_sim_scenario *sc, const char *const *ovr, const double *ovr_value,
                   size_t novr, uint64_t job, double **record, rc_sim_job_out *jo, rc_sim_progress *pg,
                   rc_error *err)
{
    rc_sim_model m;
    int rc = rc_sim_model_init(&m, sc, sc->seed, job, err);
    if (rc)
        return rc;
    m.ovr = ovr;
    m.ovr_value = ovr_value;
    m.novr = novr;
    if (sc->calibrate && (rc = rc_sim_calibrate(&m, err))) {
        rc_sim_model_free(&m);
        return rc;
    }
    const size_t n = m.n, T = sc->periods;
    double *prev_y = m.scratch + 3 * n;
    for (size_t t = 0; t < T; t++) {
        size_t steps = 0;
        if ((rc = rc_sim_model_set_time(&m, t, err)))
            break;
        rc = sc->eq_path ? rc_sim_model_rest(&m, t, &steps, err) : rc_sim_model_solve(&m, t, err);
        if (rc)
            break;
        jo->steps[t] = (double)steps;
        const rc_sim_outputs *o = &m.o;
        double sumH = 0.0, sumP = 0.0, herf = 0.0, cities = 0.0;
        for (size_t i = 0; i < n; i++) {
            sumH += m.H[i];
            sumP += m.H[i] + m.R[i];
        }
        for (size_t i = 0; i < n; i++) {
            double P = m.H[i] + m.R[i], lam = m.H[i] / sumH;
            herf += lam * lam;
            cities += lam > 0.001;
            jo->y[t * n + i] = rc_sim_gap_value(&m, i);
            jo->pop[t * n + i] = P;
            if (!record)
                continue;
            double v[NVARS];
            v[V_POP] = P * sc->pop_scale;
            v[V_URBAN] = m.H[i] * sc->pop_scale;
            v[V_RURAL] = m.R[i] * sc->pop_scale;
            v[V_URBANIZATION] = m.H[i] / P;
            v[V_URBAN_SHARE] = lam;
            v[V_WAGE] = o->w[i];
            v[V_PRICE_INDEX] = o->G[i];
            v[V_CPI] = o->cpi[i];
            v[V_REAL_WAGE] = o->omega[i];
            v[V_UTILITY] = o->utility[i];
            v[V_GDP] = o->gdp[i];
            v[V_GDP_PC] = o->gdp[i] / P;
            v[V_REAL_GDP_PC] = o->gdp[i] / P / o->cpi[i];
            v[V_INCOME_PC] = o->yd[i] / P;
            v[V_REAL_INCOME] = o->y[i];
            v[V_GROWTH] = t == 0 ? NAN : log(o->y[i] / prev_y[i]);
            v[V_CAPITAL] = m.K[i];
            v[V_ACCESSIBLE_CAPITAL] = o->kn[i];
            v[V_PRODUCTIVITY] = o->A[i];
            v[V_TAX_CENTRAL] = o->tax[i];
            v[V_AID_RECEIVED] = o->aid[i];
            v[V_AID_INVESTMENT] = o->aid_inv[i];
            v[V_SHARING_NET] = o->sharing[i];
            v[V_ECO_NET] = o->eco[i];
            v[V_RELOCATION] = o->reloc[i];
            v[V_FUND_NET] = o->fund_dc[i] + o->fund_di[i] - o->fund_c[i];
            v[V_FDI] = o->fdi[i];
            v[V_CREDIT_INFLOW] = o->credit_in[i];
            v[V_CREDIT_POSITION] = m.B[i];
            v[V_INVESTMENT] = o->invest[i];
            v[V_EXPENDITURE] = o->E[i];
            v[V_EMPTY] = lam < 1e-9;
            for (int k = 0; k < NVARS; k++)
                record[k][t * n + i] = v[k];
            prev_y[i] = o->y[i];
        }
        jo->iterations[t] = (double)m.info.iterations;
        jo->fund[t] = 0.0;
        jo->active[t] = 0.0;
        for (size_t k = 0; k < sc->npolicies; k++) {
            jo->fund[t] += m.fund[k];
            double x = rc_sim_time_value(sc, t, m.pol[k].unit_year);
            jo->active[t] += x >= m.pol[k].start && x <= m.pol[k].end;
        }
        if (sc->nrules && t + 1 < T) {
            double nat[RC_SIM_NMETRICS];
            rc_sim_metric_values(nat, jo->y + t * n, jo->pop + t * n, m.H, n);
            if ((rc = rc_sim_governance(&m, t, nat, jo->fired + t * RC_FIRED_MAX, RC_FIRED_MAX,
                                        err)))
                break;
        }
        jo->walras[t] = m.info.walras_residual;
        jo->urbanization[t] = sumH / sumP;
        jo->herf[t] = herf;
        jo->ncities[t] = cities;
        if (t + 1 < T && !sc->eq_path && (rc = rc_sim_model_update(&m, err)))
            break;
        progress_step(sc, pg);
    }
    rc_sim_model_free(&m);
    return rc;
}

int rc_sim_job_alloc(rc_sim_job_out *jo, size_t T, size_t n)
{
    memset(jo, 0, sizeof *jo);
    jo->y = malloc(T * n * sizeof(double));
    jo->pop = malloc(T * n * sizeof(double));
    jo->iterations = malloc(8 * T * sizeof(double));
    jo->fired = calloc(T, RC_FIRED_MAX);
    if (!jo->y || !jo->pop || !jo->iterations || !jo->fired)
        return RC_ENOMEM;
    jo->walras = jo->iterations + T;
    jo->urbanization = jo->iterations + 2 * T;
    jo->herf = jo->iterations + 3 * T;
    jo->ncities = jo->iterations + 4 * T;
    jo->steps = jo->iterations + 5 * T;
    jo->fund = jo->iterations + 6 * T;
    jo->active = jo->iterations + 7 * T;
    return RC_OK;
}

void rc_sim_job_free(rc_sim_job_out *jo)
{
    free(jo->y);
    free(jo->pop);
    free(jo->iterations);
    free(jo->fired);
}

static int year_of(const rc_sim_scenario *sc, size_t t)
{
    int period = (int)(sc->period0 + t);
    return sc->has_year0 ? sc->year0 + period : period;
}

static int build_summary(rc_table **out, const rc_sim_scenario *sc, const rc_sim_job_out *jo,
                         rc_error *err)
{
    const size_t T = sc->periods, n = sc->n;
    double *D = malloc(T * sizeof *D);
    int *stage = malloc(T * sizeof *stage);
    rc_sim_national *nat = malloc(T * sizeof *nat);
    double *between = NULL;
    rc_table *t = NULL;
    int rc = RC_ENOMEM;
    if (!D || !stage || !nat) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        goto done;
    }
    /* groups for the between/within split of theil_t_w (output.groups = the regions' group;
     * a region without one forms the group "") */
    int *code = calloc(n, sizeof *code), has_groups = 0;
    between = malloc(2 * T * sizeof *between);
    if (!code || !between) {
        free(code);
        rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        goto done;
    }
    double *within = between + T;
    size_t ng = 0;
    for (size_t i = 0; i < n; i++) {
        const char *gi = sc->regions[i].group ? sc->regions[i].group : "";
        has_groups |= sc->regions[i].group != NULL;
        size_t j = 0;
        while (j < i && strcmp(sc->regions[j].group ? sc->regions[j].group : "", gi))
            j++;
        code[i] = j < i ? code[j] : (int)ng++;
    }
    for (size_t k = 0; k < T; k++) {
        rc_sim_national_indices(&nat[k], jo->y + k * n, jo->pop + k * n, n);
        D[k] = nat[k].theil_t_w;
        rc_theil_parts parts;
        if (has_groups && rc_theil_t_decompose(&parts, NULL, NULL, NULL, jo->y + k * n,
                                               jo->pop + k * n, code, ng, n, NULL) == RC_OK) {
            between[k] = parts.between;
            within[k] = parts.within;
        } else
            between[k] = within[k] = NAN;
    }
    free(code);
    size_t t_peak;
    if (n >= 2)
        rc_sim_stages(stage, &t_peak, D, T, &sc->stages);
    else
        for (size_t k = 0; k < T; k++)
            stage[k] = 0;
    static const char *const cols[] = {"period", "year", "mean_real_income", "growth",
                                       "urbanization", "theil_t_w", "theil_l_w", "theil_t",
                                       "gini_w", "gini", "cv", "williamson", "range_ratio",
                                       "theil_between", "theil_within",
                                       "herfindahl_urban", "n_cities", "stage", "stage_name",
                                       "iterations", "walras_residual", "migration_steps",
                                       "fund_balance", "active_policies", "rules_fired"};
    if ((rc = rc_table_new(&t, "summary", err)))
        goto done;
    for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
        rc_coltype ty = c < 2 || c == 16 || c == 17 || c == 19 || c == 21 || c == 23 ? RC_COL_INT
                        : c == 18 || c == 24 ? RC_COL_STR : RC_COL_DBL;
        if ((rc = rc_table_add_column(t, cols[c], ty, NULL, err)))
            goto done;
    }
    for (size_t k = 0; k < T; k++) {
        const rc_sim_national *s = &nat[k];
        double growth = k == 0 ? NAN : log(s->mean / nat[k - 1].mean);
        rc = rc_table_append(t, err, "llddddddddddddddllsldldls", (long long)(sc->period0 + k),
                             (long long)year_of(sc, k), s->mean, growth, jo->urbanization[k],
                             s->theil_t_w, s->theil_l_w, s->theil_t, s->gini_w, s->gini, s->cv,
                             s->williamson, s->range_ratio, between[k], within[k], jo->herf[k],
                             (long long)jo->ncities[k], (long long)stage[k],
                             rc_sim_stage_name(stage[k]), (long long)jo->iterations[k],
                             jo->walras[k], (long long)jo->steps[k], jo->fund[k],
                             (long long)jo->active[k], jo->fired + k * RC_FIRED_MAX);
        if (rc)
            goto done;
    }
    *out = t;
    t = NULL;
done:
    rc_table_free(t);
    free(between);
    free(D);
    free(stage);
    free(nat);
    return rc;
}

/* output.index_base (§4.1): each per-person money column again as `<name>_index`, divided by
 * its population-weighted national mean of period 0, so runs in different units compare. */
static int add_index_columns(rc_panel *p, size_t n, size_t T, rc_error *err)
{
    static const int base[] = {V_GDP_PC, V_REAL_GDP_PC, V_INCOME_PC, V_REAL_INCOME};
    for (size_t k = 0; k < sizeof base / sizeof *base; k++) {
        char name[64];
        size_t idx;
        snprintf(name, sizeof name, "%s_index", VAR_NAMES[base[k]]);
        int rc = rc_panel_add_var(p, name, &idx, err);
        if (rc)
            return rc;
        /* variable v of the panel is VAR_NAMES[v] (added in that order) */
        const double *pop = rc_panel_var_data_mut(p, V_POP);
        const double *x = rc_panel_var_data_mut(p, (size_t)base[k]);
        double *y = rc_panel_var_data_mut(p, idx), sp = 0.0, spx = 0.0;
        for (size_t i = 0; i < n; i++)
            sp += pop[i], spx += pop[i] * x[i];
        const double mean0 = spx / sp;
        for (size_t j = 0; j < n * T; j++)
            y[j] = x[j] / mean0;
    }
    return RC_OK;
}

/* A text attribute of the regions from the string field at `field` of rc_sim_region, added
 * when at least one region has it; a region without it gets its id (id_fallback) or "". */
static int add_region_attr(rc_panel *p, const rc_sim_scenario *sc, const char *name,
                           size_t field, int id_fallback, rc_error *err)
{
    int any = 0;
    for (size_t i = 0; i < sc->n; i++)
        any |= *(char *const *)((const char *)&sc->regions[i] + field) != NULL;
    size_t a;
    int rc = any ? rc_panel_add_attr(p, name, &a, err) : RC_OK;
    for (size_t i = 0; any && i < sc->n && !rc; i++) {
        const char *v = *(char *const *)((const char *)&sc->regions[i] + field);
        if (!v && id_fallback)
            v = sc->regions[i].id;
        if (v)
            rc = rc_panel_set_attr(p, a, i, v, err);
    }
    return rc;
}

int rc_sim_run(rc_sim_result **out, const rc_sim_scenario *sc, rc_error *err)
{
    *out = NULL;
    const size_t n = sc->n, T = sc->periods;
    rc_sim_progress pg = {0, T * sc->replicates};
    rc_sim_result *res = calloc(1, sizeof *res);
    char **ids = malloc(n * sizeof *ids);
    int *years = malloc(T * sizeof *years);
    double *rec[NVARS];
    rc_sim_job_out jo;
    int rc = rc_sim_job_alloc(&jo, T, n);
    if (!res || !ids || !years || rc) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < n; i++)
        ids[i] = sc->regions[i].id;
    for (size_t k = 0; k < T; k++)
        years[k] = year_of(sc, k);
    if ((rc = rc_panel_new(&res->panel, (const char *const *)ids, n, years, T, err)))
        goto fail;
    for (int v = 0; v < NVARS; v++) {
        size_t idx;
        if ((rc = rc_panel_add_var(res->panel, VAR_NAMES[v], &idx, err)))
            goto fail;
        rec[v] = rc_panel_var_data_mut(res->panel, idx);
    }
    /* the regions' groups; their names, which rc_panel_region_name reads for charts and maps */
    if ((rc = add_region_attr(res->panel, sc, "group", offsetof(rc_sim_region, group), 0, err)) ||
        (rc = add_region_attr(res->panel, sc, "region_name", offsetof(rc_sim_region, name), 1,
                              err)))
        goto fail;
    if ((rc = rc_panel_set_source(res->panel, sc->source ? sc->source : "", err)) ||
        (rc = rc_sim_run_job(sc, NULL, NULL, 0, 0, rec, &jo, &pg, err)) ||
        (sc->index_base && (rc = add_index_columns(res->panel, n, T, err))) ||
        (rc = build_summary(&res->summary, sc, &jo, err)))
        goto fail;
    if (sc->replicates > 1 && (rc = rc_sim_run_replicates(&res->replicates, sc, &jo, &pg, err)))
        goto fail;
    rc_sim_job_free(&jo);
    free(ids);
    free(years);
    *out = res;
    return RC_OK;
fail:
    rc_sim_job_free(&jo);
    free(ids);
    free(years);
    rc_sim_result_free(res);
    return rc;
}

void rc_sim_result_free(rc_sim_result *res)
{
    if (!res)
        return;
    rc_panel_free(res->panel);
    rc_table_free(res->summary);
    rc_table_free(res->replicates);
    free(res);
}

const rc_panel *rc_sim_result_panel(const rc_sim_result *res)
{
    return res->panel;
}

const rc_table *rc_sim_result_summary(const rc_sim_result *res)
{
    return res->summary;
}

const rc_table *rc_sim_result_replicates(const rc_sim_result *res)
{
    return res->replicates;
}

int rc_sim_panel_table(rc_table **out, const rc_panel *p, int year0, rc_error *err)
{
    *out = NULL;
    rc_table *t;
    int rc = rc_table_new(&t, "panel", err);
    if (rc)
        return rc;
    size_t n = rc_panel_nregions(p), T = rc_panel_nyears(p), nv = rc_panel_nvars(p), ga;
    int has_group = rc_panel_find_attr(p, "group", &ga, NULL) == RC_OK;
    if ((rc = rc_table_add_column(t, "region", RC_COL_STR, NULL, err)) ||
        (rc = rc_table_add_column(t, "group", RC_COL_STR, NULL, err)) ||
        (rc = rc_table_add_column(t, "period", RC_COL_INT, NULL, err)) ||
        (rc = rc_table_add_column(t, "year", RC_COL_INT, NULL, err)))
        goto fail;
    for (size_t v = 0; v < nv; v++)
        if ((rc = rc_table_add_column(t, rc_panel_var_name(p, v), RC_COL_DBL, NULL, err)))
            goto fail;
    for (size_t k = 0; k < T; k++)
        for (size_t i = 0; i < n; i++) {
            size_t row;
            int year = rc_panel_year(p, k);
            if ((rc = rc_table_add_row(t, &row, err)) ||
                (rc = rc_table_set_str(t, row, 0, rc_panel_region_id(p, i), err)) ||
                (rc = rc_table_set_str(t, row, 1, has_group ? rc_panel_attr_value(p, ga, i) : "",
                                       err)) ||
                (rc = rc_table_set_int(t, row, 2, year - year0, err)) ||
                (rc = rc_table_set_int(t, row, 3, year, err)))
                goto fail;
            for (size_t v = 0; v < nv; v++)
                if ((rc = rc_table_set_dbl(t, row, 4 + v, rc_panel_value(p, v, i, k), err)))
                    goto fail;
        }
    *out = t;
    return RC_OK;
fail:
    rc_table_free(t);
    return rc;
}

/* Check an axis before anything runs: the parameter exists and each value is in its range. */
static int check_axis(const rc_sim_scenario *sc, const rc_sim_axis *ax, rc_error *err)
{
    if (!ax->param || !ax->n)
        return rc_error_set(err, RC_EUSAGE, "a sweep axis needs a parameter and values");
    const rc_sim_param_def *def = rc_sim_param_find(ax->param);
    for (size_t g = 0; def && g < ax->n; g++) {
        int rc = rc_sim_param_check(def, ax->values[g], "--sweep", err);
        if (rc)
            return rc;
    }
    if (def)
        return RC_OK;
    rc_sim_model m;
    int rc = rc_sim_model_init(&m, sc, sc->seed, 0, err);
    if (rc)
        return rc;
    const rc_sim_param_def *d2;
    double *slot = rc_sim_model_param(&m, ax->param, &d2, err);
    rc_sim_model_free(&m);
    return slot ? RC_OK : RC_EUSAGE;
}

enum { SWEEP_MAX_AXES = 8 };
#define SWEEP_MAX_POINTS 1000000

/* The values of point g of the grid (the last axis varies fastest). */
static void grid_point(double *v, size_t g, const rc_sim_axis *axes, size_t naxes)
{
    for (size_t a = naxes; a-- > 0;) {
        v[a] = axes[a].values[g % axes[a].n];
        g /= axes[a].n;
    }
}

int rc_sim_sweep_grid(rc_table **out, size_t *best, const rc_sim_scenario *sc,
                      const rc_sim_axis *axes, size_t naxes, rc_error *err)
{
    return rc_sim_sweep_jobs(out, best, sc, axes, naxes, 0, SIZE_MAX, err);
}

int rc_sim_sweep_jobs(rc_table **out, size_t *best, const rc_sim_scenario *sc,
                      const rc_sim_axis *axes, size_t naxes, size_t first, size_t end,
                      rc_error *err)
{
    *out = NULL;
    const size_t n = sc->n, T = sc->periods;
    if (naxes == 0 || naxes > SWEEP_MAX_AXES)
        return rc_error_set(err, RC_EUSAGE, "a sweep has 1 to %d parameters, not %zu",
                            SWEEP_MAX_AXES, naxes);
    size_t npts = 1;
    for (size_t a = 0; a < naxes; a++) {
        int rc = check_axis(sc, &axes[a], err);
        if (rc)
            return rc;
        for (size_t b = 0; b < a; b++)
            if (!strcmp(axes[a].param, axes[b].param))
                return rc_error_set(err, RC_EUSAGE, "the sweep names %s twice", axes[a].param);
        if (axes[a].n > SWEEP_MAX_POINTS / npts)
            return rc_error_set(err, RC_EUSAGE, "the sweep grid has more than %d points",
                                SWEEP_MAX_POINTS);
        npts *= axes[a].n;
    }
    if (end == SIZE_MAX)
        end = npts;
    if (first >= end)
        return rc_error_set(err, RC_EUSAGE, "an empty range of sweep points");
    if (end > npts)
        return rc_error_set(err, RC_EUSAGE, "sweep points %zu to %zu: the sweep has %zu points "
                            "(0 to %zu)", first, end - 1, npts, npts - 1);
    const char *names[SWEEP_MAX_AXES];
    for (size_t a = 0; a < naxes; a++)
        names[a] = axes[a].param;
    /* per point of this shard (index g − first); of the failures only the first is kept */
    const size_t m = end - first;
    rc_sim_national *fin = calloc(m, sizeof *fin);
    double *peak = calloc(2 * m, sizeof *peak);
    size_t failed = SIZE_MAX;
    rc_error ferr;
    if (!fin || !peak) {
        free(fin), free(peak);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    rc_sim_progress pg = {0, m * T};
    /* jobs in parallel, each on one thread (nested regions inside the kernel stay serial) */
#pragma omp parallel for schedule(dynamic, 1)
    for (size_t g = first; g < end; g++) {
        double v[SWEEP_MAX_AXES];
        grid_point(v, g, axes, naxes);
        rc_sim_job_out jo;
        rc_error e;
        int code = rc_sim_job_alloc(&jo, T, n) ? rc_error_set(&e, RC_ENOMEM, "out of memory") : RC_OK;
        /* job index g·R: replicate 0 of sweep point g (§7.4) */
        if (!code)
            code = rc_sim_run_job(sc, names, v, naxes, g * sc->replicates, NULL, &jo, &pg, &e);
        if (code) {
#pragma omp critical(rc_sim_sweep_failure)
            if (g < failed) {
                failed = g;
                ferr = e;
            }
        } else {
            rc_sim_national s;
            double *pk = peak + 2 * (g - first);
            pk[0] = -INFINITY;
            for (size_t k = 0; k < T; k++) {
                rc_sim_national_indices(&s, jo.y + k * n, jo.pop + k * n, n);
                if (s.theil_t_w > pk[0]) {
                    pk[0] = s.theil_t_w;
                    pk[1] = (double)(sc->period0 + k);
                }
                if (k + 1 == T)
                    fin[g - first] = s;
            }
        }
        rc_sim_job_free(&jo);
    }
    int rc = RC_OK;
    if (failed != SIZE_MAX) {
        /* the first failing point, whatever the thread count */
        double v[SWEEP_MAX_AXES];
        char at[512];
        size_t len = 0;
        grid_point(v, failed, axes, naxes);
        for (size_t a = 0; a < naxes; a++)
            len += (size_t)snprintf(at + len, len < sizeof at ? sizeof at - len : 0, "%s%s = %g",
                                    a ? ", " : "", names[a], v[a]);
        rc = rc_error_set(err, ferr.code, "sweep %s: %s", at, ferr.message);
    }
    rc_table *t = NULL;
    if (!rc)
        rc = rc_table_new(&t, "sweep", err);
    if (!rc && naxes == 1)
        rc = rc_table_add_column(t, "parameter", RC_COL_STR, NULL, err) ||
             rc_table_add_column(t, "parameter_value", RC_COL_DBL, NULL, err);
    if (!rc && naxes > 1)
        rc = rc_table_add_column(t, "point", RC_COL_INT, NULL, err);
    for (size_t a = 0; naxes > 1 && a < naxes && !rc; a++)
        rc = rc_table_add_column(t, names[a], RC_COL_DBL, NULL, err);
    if (!rc && !(rc = rc_table_add_column(t, "statistic", RC_COL_STR, NULL, err)))
        rc = rc_table_add_column(t, "value", RC_COL_DBL, NULL, err);
    double bestd = INFINITY;
    size_t bestg = first;
    static const char *const stats[] = {"theil_t_w", "theil_l_w", "gini_w", "cv", "williamson",
                                        "mean_real_income", "peak_theil_t_w", "peak_period"};
    for (size_t g = first; g < end && !rc; g++) {
        const rc_sim_national *s = &fin[g - first];
        double vals[] = {s->theil_t_w, s->theil_l_w, s->gini_w, s->cv, s->williamson, s->mean,
                         peak[2 * (g - first)], peak[2 * (g - first) + 1]};
        double v[SWEEP_MAX_AXES];
        grid_point(v, g, axes, naxes);
        for (int k = 0; k < 8 && !rc; k++) {
            size_t row, c = 0;
            if ((rc = rc_table_add_row(t, &row, err)))
                break;
            if (naxes == 1) {
                rc = rc_table_set_str(t, row, c++, names[0], err) ||
                     rc_table_set_dbl(t, row, c++, v[0], err);
            } else {
                rc = rc_table_set_int(t, row, c++, (long long)g, err);
                for (size_t a = 0; a < naxes && !rc; a++)
                    rc = rc_table_set_dbl(t, row, c++, v[a], err);
            }
            if (!rc)
                rc = rc_table_set_str(t, row, c, stats[k], err) ||
                     rc_table_set_dbl(t, row, c + 1, vals[k], err);
        }
        if (s->theil_t_w < bestd) {
            bestd = s->theil_t_w;
            bestg = g;
        }
    }
    free(fin), free(peak);
    if (rc) {
        rc_table_free(t);
        return rc < 0 ? rc : RC_ENOMEM;
    }
    if (best)
        *best = bestg;
    *out = t;
    return RC_OK;
}

int rc_sim_sweep(rc_table **out, double *best, const rc_sim_scenario *sc, const char *param,
                 const double *values, size_t nv, rc_error *err)
{
    rc_sim_axis ax = {param, values, nv};
    size_t g;
    int rc = rc_sim_sweep_grid(out, &g, sc, &ax, 1, err);
    if (!rc && best)
        *best = values[g];
    return rc;
}
