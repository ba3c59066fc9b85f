/* model.c — one period of the model: productivity (E1)–(E2), expenditure with transfers and
 * credit (E3)–(E8) inside the kernel's fixed point, outputs (E11)–(E13), and the
 * between-period updates (U1)–(U6) of design §2.6. */
#include "sim_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static double *zalloc(size_t n)
{
    return calloc(n ? n : 1, sizeof(double));
}

int rc_sim_model_init(rc_sim_model *m, const rc_sim_scenario *sc, uint64_t seed, uint64_t job,
                      rc_error *err)
{
    memset(m, 0, sizeof *m);
    m->sc = sc;
    const size_t n = m->n = sc->n;
    m->p = sc->base;
    m->tfp_level = 1.0;
    double **vecs[] = {&m->tfp, &m->H, &m->R, &m->K, &m->z, &m->B, &m->cap,
                       &m->o.w, &m->o.G, &m->o.E, &m->o.gdp, &m->o.yd, &m->o.cpi,
                       &m->o.omega, &m->o.utility, &m->o.y, &m->o.invest, &m->o.kn,
                       &m->o.A, &m->o.tax, &m->o.aid, &m->o.aid_inv, &m->o.credit_in,
                       &m->o.fdi, &m->o.fund_c, &m->o.fund_dc, &m->o.fund_di, &m->V_prev,
                       &m->y_prev, &m->o.sharing, &m->o.reloc, &m->o.eco};
    for (size_t k = 0; k < sizeof vecs / sizeof vecs[0]; k++)
        if (!(*vecs[k] = zalloc(n)))
            goto oom;
    if (!(m->scratch = zalloc(4 * n)) || !(m->phi = zalloc(n * n)) || !(m->lam = zalloc(n * n)))
        goto oom;
    if (!(m->rng = calloc(n, sizeof *m->rng)))
        goto oom;
    if (sc->npolicies && !(m->pol = calloc(sc->npolicies, sizeof *m->pol)))
        goto oom;
    if (!(m->fund = zalloc(3 * sc->npolicies)))
        goto oom;
    m->fund_paid = m->fund + sc->npolicies;
    m->cost_scale = 1.0;
    size_t nact = 0;
    for (size_t k = 0; k < sc->nrules; k++)
        nact += sc->rules[k].nactions;
    m->gov_slot = calloc(nact ? nact : 1, sizeof *m->gov_slot);
    m->gov_value = zalloc(nact);
    m->rule_count = calloc(3 * sc->nrules + 1, sizeof *m->rule_count);
    if (!m->gov_slot || !m->gov_value || !m->rule_count)
        goto oom;
    m->rule_last = m->rule_count + sc->nrules;
    for (size_t k = 0; k < sc->nrules && !m->gov_buf; k++)
        if (sc->rules[k].members && !(m->gov_buf = zalloc(3 * n)))
            goto oom;
    if (sc->hcap && !(m->at_cap = calloc(n ? n : 1, 1)))
        goto oom;
    m->sh_base_o = zalloc(4 * sc->npolicies);
    m->sh_neg = calloc(sc->npolicies + 1, sizeof *m->sh_neg);
    if (!m->sh_base_o || !m->sh_neg)
        goto oom;
    m->sh_base_d = m->sh_base_o + sc->npolicies;
    m->sh_dT = m->sh_base_o + 2 * sc->npolicies;
    m->sh_SH = m->sh_base_o + 3 * sc->npolicies;
    for (size_t k = 0; k < sc->npolicies; k++)
        m->sh_base_o[k] = m->sh_base_d[k] = NAN;
    m->rule_fires = m->rule_count + 2 * sc->nrules;
    if (sc->npolicies)
        memcpy(m->pol, sc->policies, sc->npolicies * sizeof *m->pol);
    for (size_t i = 0; i < n; i++) {
        const rc_sim_region *r = &sc->regions[i];
        m->H[i] = r->urban / sc->pop_scale;
        m->R[i] = r->rural / sc->pop_scale;
        m->K[i] = r->capital;
        m->tfp[i] = r->tfp;
        m->cap[i] = isnan(r->capacity) ? m->H[i] + m->R[i] : r->capacity / sc->pop_scale;
        m->o.w[i] = 1.0;
        m->o.G[i] = 1.0;
        /* stream key (seed, job, region): the draws of region i do not depend on which other
         * regions or jobs exist, nor on the thread that runs them (§7.4) */
        rc_rng_init(&m->rng[i], seed, (job << 32) + i);
    }
    return RC_OK;
oom:
    rc_sim_model_free(m);
    return rc_error_set(err, RC_ENOMEM, "out of memory for %zu regions", n);
}

void rc_sim_model_free(rc_sim_model *m)
{
    double *vecs[] = {m->tfp, m->H, m->R, m->K, m->z, m->B, m->cap, m->o.w, m->o.G, m->o.E,
                      m->o.gdp, m->o.yd, m->o.cpi, m->o.omega, m->o.utility, m->o.y,
                      m->o.invest, m->o.kn, m->o.A, m->o.tax, m->o.aid, m->o.aid_inv,
                      m->o.credit_in, m->o.fdi, m->o.fund_c, m->o.fund_dc, m->o.fund_di,
                      m->V_prev, m->y_prev, m->o.sharing, m->o.reloc, m->o.eco, m->fund, m->scratch, m->phi, m->lam,
                      m->cost};
    for (size_t k = 0; k < sizeof vecs / sizeof vecs[0]; k++)
        free(vecs[k]);
    free(m->rng);
    free(m->pol);
    free(m->sh_base_o);
    free(m->sh_neg);
    free(m->gov_slot);
    free(m->gov_value);
    free(m->rule_count);
    free(m->gov_buf);
    free(m->at_cap);
    free(m->phi_t);
    memset(m, 0, sizeof *m);
}

double *rc_sim_model_param(rc_sim_model *m, const char *name, const rc_sim_param_def **def,
                           rc_error *err)
{
    *def = rc_sim_param_find(name);
    if (*def)
        return (double *)((char *)&m->p + (*def)->offset);
    size_t i = rc_sim_tfp_region(m->sc, name);
    if (i != SIZE_MAX)
        return &m->tfp[i];
    double lo, hi, *field = rc_sim_policy_field(m->pol, m->sc->npolicies, name, &lo, &hi);
    if (field)
        return field;
    rc_error_set(err, RC_EINPUT,
                 "unknown parameter '%s' (a scalar of §2.3 such as spillover.degree, "
                 "regions.<id>.tfp, or policies.<id>.tax_rate|threshold|investment_share, "
                 "policies.<id>.factor of a tfp policy)",
                 name);
    return NULL;
}

double rc_sim_time_value(const rc_sim_scenario *sc, size_t t, int unit_year)
{
    double period = (double)(sc->period0 + t);
    return unit_year && sc->has_year0 ? sc->year0 + period : period;
}

int rc_sim_model_set_time(rc_sim_model *m, size_t t, rc_error *err)
{
    const rc_sim_scenario *sc = m->sc;
    for (size_t k = 0; k < sc->npaths; k++) {
        const rc_sim_path *pa = &sc->paths[k];
        const rc_sim_param_def *def;
        double *slot = rc_sim_model_param(m, pa->param, &def, err);
        if (!slot)
            return err ? err->code : RC_EINPUT;
        double v = rc_sim_path_value(pa, rc_sim_time_value(sc, t, pa->unit_year));
        if (def) {
            char where[64];
            snprintf(where, sizeof where, "path at period %zu", sc->period0 + t);
            int rc = rc_sim_param_check(def, v, where, err);
            if (rc)
                return rc;
        }
        *slot = v;
    }
    /* infrastructure events in force scale every generalized cost (§3.2) */
    m->cost_scale = 1.0;
    for (size_t k = 0; k < sc->npolicies; k++) {
        const rc_sim_policy *pol = &m->pol[k];
        double x = rc_sim_time_value(sc, t, pol->unit_year);
        if (pol->type == RC_POL_INFRA && x >= pol->start && x <= pol->end)
            m->cost_scale *= pol->factor;
    }
    /* governance decisions override paths from the period after they were taken */
    for (size_t k = 0; k < m->ngov; k++)
        *m->gov_slot[k] = m->gov_value[k];
    for (size_t k = 0; k < m->novr; k++) {
        const rc_sim_param_def *def;
        double *slot = rc_sim_model_param(m, m->ovr[k], &def, err);
        if (!slot)
            return err ? err->code : RC_EINPUT;
        *slot = m->ovr_value[k];
    }
    return RC_OK;
}

static int policy_active(const rc_sim_model *m, const rc_sim_policy *pol, size_t t)
{
    double x = rc_sim_time_value(m->sc, t, pol->unit_year);
    return x >= pol->start && x <= pol->end;
}

/* Expenditure (E3)–(E8) for wages w: the kernel calls this every iteration. The price
 * indices of the previous iteration (m->o.G) give the CPI that real quantities need. */
typedef struct {
    rc_sim_model *m;
    size_t t;
} exp_ctx;

static void expenditure(void *vctx, const double *w, double *E)
{
    exp_ctx *cx = vctx;
    rc_sim_model *m = cx->m;
    const size_t n = m->n;
    const rc_sim_params *p = &m->p;
    rc_sim_outputs *o = &m->o;
    double *P = m->scratch, *yb = m->scratch + n, *trc = m->scratch + 2 * n;
    for (size_t i = 0; i < n; i++) {
        P[i] = m->H[i] + m->R[i];
        o->gdp[i] = w[i] * m->H[i] + m->R[i];
        o->cpi[i] = pow(o->G[i], p->mu);
        o->tax[i] = o->aid[i] = o->aid_inv[i] = trc[i] = 0.0;
    }
    for (size_t k = 0; k < m->sc->npolicies; k++) {
        const rc_sim_policy *pol = &m->pol[k];
        if (pol->type != RC_POL_AID || !policy_active(m, pol, cx->t))
            continue;
        for (size_t i = 0; i < n; i++)
            yb[i] = o->gdp[i] / P[i] / (pol->basis_real ? o->cpi[i] : 1.0);
        rc_mech_aid_transfers(pol, n, o->gdp, P, yb, o->tax, trc, o->aid_inv);
    }
    for (size_t i = 0; i < n; i++)
        o->sharing[i] = 0.0;
    for (size_t k = 0; k < m->sc->npolicies; k++) {
        m->sh_dT[k] = m->sh_SH[k] = 0.0;
        if (rc_mech_sharing_active(m, k, cx->t) && !isnan(m->sh_base_d[k]))
            rc_mech_sharing_transfers(m, k, w, o->sharing);
    }
    rc_mech_relocation_transfers(m, o->gdp, w, o->reloc, o->tax);
    rc_mech_eco_transfers(m, o->gdp, o->eco);
    double S = 0.0;
    for (size_t i = 0; i < n; i++) {
        o->aid[i] = trc[i] + o->aid_inv[i];
        o->yd[i] = o->gdp[i] - o->tax[i] + trc[i] + o->fund_dc[i] - o->fund_c[i] + o->sharing[i] +
                   o->reloc[i] + o->eco[i];
        S += p->saving_rate * o->yd[i];
    }
    const double mk = p->credit_integration, pool = mk * S;
    double *psi = yb, spsi = 0.0, sgdp = 0.0;
    for (size_t i = 0; i < n; i++)
        sgdp += o->gdp[i];
    if (mk > 0.0) {
        /* §3.6: allocation weights GDP^ν_m ρ^ζ, ρ the marginal value of capital */
        for (size_t i = 0; i < n; i++) {
            double rho = p->knowledge_elasticity * w[i] * m->H[i] / (o->cpi[i] * o->kn[i]);
            psi[i] = pow(o->gdp[i], p->size_elasticity) *
                     (p->return_elasticity == 0.0 ? 1.0 : pow(rho, p->return_elasticity));
            spsi += psi[i];
        }
    }
    /* §3.6: a share q of the pool is directed to growth poles in proportion to their ψ */
    double q = 0.0, sdir = 0.0;
    int dir;
    if (mk > 0.0) {
        for (size_t i = 0; i < n; i++) {
            q = rc_mech_pole_quota(m, i, &dir);
            if (dir)
                sdir += psi[i];
        }
        if (!(sdir > 0.0))
            q = 0.0;
    }
    for (size_t i = 0; i < n; i++) {
        double Si = p->saving_rate * o->yd[i];
        double share = spsi > 0 ? psi[i] / spsi : o->gdp[i] / sgdp;
        if (q > 0.0) {
            rc_mech_pole_quota(m, i, &dir);
            share = (1.0 - q) * share + (dir ? q * psi[i] / sdir : 0.0);
        }
        double inflow = mk > 0.0 ? share * pool : 0.0;
        o->credit_in[i] = inflow - mk * Si;
        o->invest[i] = (1.0 - mk) * Si + inflow + o->aid_inv[i] + o->fund_di[i] + o->fdi[i];
        E[i] = (1.0 - p->saving_rate) * o->yd[i] + o->invest[i];
    }
}

int rc_sim_model_solve(rc_sim_model *m, size_t t, rc_error *err)
{
    const size_t n = m->n;
    const rc_sim_params *p = &m->p;
    rc_sim_outputs *o = &m->o;
    m->t_cur = t;
    int rc = rc_sim_geography(m, err);
    if (rc)
        return rc;
    /* (E1)–(E2): accessible capital and productivity; row sums in a fixed order */
    rc_sim_matvec(o->kn, m->lam, m->K, n);
    for (size_t i = 0; i < n; i++) {
        double kterm = p->knowledge_elasticity == 0.0 ? 1.0 : pow(o->kn[i], p->knowledge_elasticity);
        o->A[i] = m->tfp[i] * m->tfp_level * kterm * exp(m->z[i]) * rc_mech_pole_tfp(m, i) *
                  rc_mech_eco_tfp(m, i) * rc_mech_tfp_factor(m, i);
        if (!(o->A[i] > 0.0) || !isfinite(o->A[i]))
            return rc_error_set(err, RC_ENUMERIC,
                                "period %zu: region '%s' has productivity %g (accessible capital "
                                "%g); capital must stay positive when knowledge_elasticity > 0",
                                m->sc->period0 + t, m->sc->regions[i].id, o->A[i], o->kn[i]);
    }
    /* predetermined injections (§3.5, §3.8): known before the solve, so the Walras identity
     * of the kernel can include them */
    for (size_t i = 0; i < n; i++)
        o->fdi[i] = o->fund_c[i] = o->fund_dc[i] = o->fund_di[i] = 0.0;
    for (size_t k = 0; k < m->sc->npolicies; k++) {
        const rc_sim_policy *pol = &m->pol[k];
        m->fund_paid[k] = m->fund_paid[m->sc->npolicies + k] = 0.0;
        if (!policy_active(m, pol, t))
            continue;
        if (pol->type == RC_POL_FDI) {
            double v = pol->values
                           ? rc_sim_path_value(pol->values,
                                               rc_sim_time_value(m->sc, t, pol->values->unit_year))
                           : pol->value;
            if (!(v >= 0.0) || !isfinite(v))
                return rc_error_set(err, RC_EINPUT, "period %zu: fdi policy '%s' has value %g "
                                    "(must be >= 0)", m->sc->period0 + t,
                                    pol->id ? pol->id : "", v);
            for (size_t j = 0; j < pol->nmembers; j++)
                o->fdi[pol->members[j]] += v;
        } else if (pol->type == RC_POL_FUND)
            rc_mech_fund_flows(m, pol, k);
    }
    o->injection = 0.0;
    for (size_t i = 0; i < n; i++)
        o->injection += o->fdi[i] + o->fund_dc[i] + o->fund_di[i] - o->fund_c[i];
    exp_ctx cx = {m, t};
    rc_sim_eq_problem pb = {n, p->sigma, p->mu, m->phi, m->phi_symmetric ? NULL : m->phi_t,
                            m->H, m->R, o->A, o->injection,
                            expenditure, &cx, m->sc->tol, m->sc->max_iter, m->sc->damping,
                            m->sc->anderson};
    rc_error e2;
    /* tax-sharing baselines (§3.3): the last period's value added, or, in the first period,
     * a solve of this period without the agreement */
    int pending = 0;
    for (size_t k = 0; k < m->sc->npolicies; k++)
        if (rc_mech_sharing_active(m, k, t) && isnan(m->sh_base_d[k])) {
            size_t a = m->pol[k].members[0], b = m->pol[k].members[1];
            if (m->has_prev) {
                m->sh_base_o[k] = m->V_prev[a];
                m->sh_base_d[k] = m->V_prev[b];
            } else
                pending = 1;
        }
    rc = pending ? rc_sim_equilibrium(o->w, o->G, o->E, &m->info, &pb, &e2) : RC_OK;
    for (size_t k = 0; !rc && pending && k < m->sc->npolicies; k++)
        if (rc_mech_sharing_active(m, k, t) && isnan(m->sh_base_d[k])) {
            size_t a = m->pol[k].members[0], b = m->pol[k].members[1];
            m->sh_base_o[k] = o->w[a] * m->H[a];
            m->sh_base_d[k] = o->w[b] * m->H[b];
        }
    if (!rc)
        rc = rc_sim_equilibrium(o->w, o->G, o->E, &m->info, &pb, &e2);
    if (rc) {
        size_t wr = m->info.worst_region < n ? m->info.worst_region : 0;
        /* The likeliest cause with an active aid policy under the design's rule: see
         * mech_aid.c (the transfer jumps as the last gap closes; no fixed point exists). */
        const char *aid = NULL;
        for (size_t k = 0; rc == RC_ENUMERIC && k < m->sc->npolicies && !aid; k++)
            if (m->pol[k].type == RC_POL_AID && !m->pol[k].excess_per_head &&
                policy_active(m, &m->pol[k], t))
                aid = m->pol[k].id ? m->pol[k].id : "aid";
        return rc_error_set(err, rc, "period %zu: %s (region '%s')%s%s%s", m->sc->period0 + t,
                            e2.message, m->sc->regions[wr].id,
                            aid ? ". The aid policy '" : "", aid ? aid : "",
                            aid ? "' hands its whole budget to the regions below its threshold, "
                                  "which can lift a region across it and back, so that no "
                                  "equilibrium exists; \"excess\": \"per_head\" on the policy "
                                  "fills the gaps only" : "");
    }
    /* outputs (E11)–(E13) consistent with the final G */
    expenditure(&cx, o->w, o->E);
    for (size_t i = 0; i < n; i++) {
        double P = m->H[i] + m->R[i];
        if (!(o->yd[i] > 0.0))
            return rc_error_set(err, RC_EINPUT,
                                "period %zu: transfers leave region '%s' with disposable income "
                                "%g <= 0; lower the policy rates",
                                m->sc->period0 + t, m->sc->regions[i].id, o->yd[i]);
        o->omega[i] = o->w[i] / o->cpi[i];
        o->utility[i] = o->omega[i] * (1.0 + rc_mech_relocation_rate(m, i)) *
                        pow(1.0 + m->H[i] / m->cap[i], -p->congestion);
        o->y[i] = o->yd[i] / (P * o->cpi[i]);
    }
    return RC_OK;
}

/* (U4) the discrete exponential replicator: keeps every H_i > 0 for any γ, conserves Σ H
 * after one common rescaling, same rest points and stability signs as FKV's dλ/dt (§2.6);
 * then the migration caps, if any. */
static int migrate(rc_sim_model *m, rc_error *err)
{
    const size_t n = m->n;
    double sumH = 0.0, wbar = 0.0, newH = 0.0;
    for (size_t i = 0; i < n; i++)
        sumH += m->H[i];
    for (size_t i = 0; i < n; i++)
        wbar += m->H[i] / sumH * m->o.utility[i];
    for (size_t i = 0; i < n; i++) {
        m->H[i] *= exp(m->p.gamma * (m->o.utility[i] / wbar - 1.0));
        newH += m->H[i];
    }
    for (size_t i = 0; i < n; i++)
        m->H[i] *= sumH / newH;
    return m->sc->hcap ? rc_mech_caps_apply(m, err) : RC_OK;
}

int rc_sim_model_migrate(rc_sim_model *m, double *change, rc_error *err)
{
    const size_t n = m->n;
    double *old = m->scratch, sumH = 0.0, dmax = 0.0;
    for (size_t i = 0; i < n; i++) {
        old[i] = m->H[i];
        sumH += m->H[i];
    }
    int rc = migrate(m, err);
    for (size_t i = 0; i < n; i++)
        dmax = fmax(dmax, fabs(m->H[i] - old[i]));
    *change = dmax / sumH;
    return rc;
}

int rc_sim_model_rest(rc_sim_model *m, size_t t, size_t *steps, rc_error *err)
{
    const size_t n = m->n;
    const double eps = 1e-4;
    double sumH = 0.0;
    size_t big = 0;
    for (size_t i = 0; i < n; i++) {
        sumH += m->H[i];
        if (m->H[i] > m->H[big])
            big = i;
    }
    /* §7.3: clip the largest share to [1e-4, 1 − 1e-4] and move it off the uniform state, so
     * an unstable rest point is left and a stable one comes back */
    double lam = m->H[big] / sumH, target = fmin(fmax(lam, eps), 1.0 - eps);
    if (n >= 2 && fabs(target - 1.0 / (double)n) < eps)
        target = 1.0 / (double)n + eps;
    if (n >= 2 && target != lam) {
        /* the others' sum, not sumH − H[big]: near a core that difference cancels */
        double rest = 0.0;
        for (size_t i = 0; i < n; i++)
            if (i != big)
                rest += m->H[i];
        for (size_t i = 0; i < n; i++)
            if (i != big)
                m->H[i] = rest > 0.0 ? m->H[i] * (1.0 - target) * sumH / rest
                                     : (1.0 - target) * sumH / (double)(n - 1);
        m->H[big] = target * sumH;
    }
    for (size_t k = 0;; k++) {
        int rc = rc_sim_model_solve(m, t, err);
        if (rc)
            return rc;
        *steps = k;
        if (k == m->sc->inner_steps)
            return rc_error_set(err, RC_ENUMERIC,
                                "period %zu: migration did not come to rest in %zu steps "
                                "(solver.inner_steps; rest means max |dH|/sum H < %g)",
                                m->sc->period0 + t, k, m->sc->inner_tol);
        double change;
        if ((rc = rc_sim_model_migrate(m, &change, err)))
            return rc;
        if (change < m->sc->inner_tol) {
            *steps = k + 1;
            return rc_sim_model_solve(m, t, err);
        }
    }
}

int rc_sim_model_update(rc_sim_model *m, rc_error *err)
{
    const size_t n = m->n;
    const rc_sim_params *p = &m->p;
    const rc_sim_outputs *o = &m->o;
    for (size_t k = 0; k < m->sc->npolicies; k++)
        if (rc_mech_sharing_active(m, k, m->t_cur) && !isnan(m->sh_base_d[k]))
            rc_mech_sharing_update(m, k, m->t_cur);
    for (size_t i = 0; i < n; i++) {
        m->V_prev[i] = o->w[i] * m->H[i]; /* the period's modern value added, for funds */
        m->y_prev[i] = o->y[i];
    }
    m->has_prev = 1;
    for (size_t i = 0; i < n; i++) {
        /* (U1) capital, (U2) net lending, (U3) productivity shock */
        m->K[i] = (1.0 - p->depreciation) * m->K[i] + o->invest[i] / o->cpi[i];
        m->B[i] -= o->credit_in[i];
        if (p->shock_sd > 0.0)
            m->z[i] = p->shock_rho * m->z[i] + p->shock_sd * rc_rng_normal(&m->rng[i]);
    }
    int rc = migrate(m, err); /* (U4) */
    if (rc)
        return rc;
    for (size_t k = 0; k < m->sc->npolicies; k++)
        if (m->pol[k].type == RC_POL_FUND)
            rc_mech_fund_update(m, &m->pol[k], k);

    for (size_t i = 0; i < n; i++) {
        /* (U5) rural → urban within the region (Harris–Todaro, w of period t) */
        double P = m->H[i] + m->R[i];
        double f = fmax(0.0, 1.0 - (1.0 + p->cost) / o->w[i]);
        double dH = fmin(p->speed * m->R[i] * f, m->R[i] - p->min_rural_share * P);
        /* ecological regions: urbanization at most ū (§3.8) */
        dH = fmin(dH, rc_mech_eco_cap(m, i) * P - m->H[i]);
        /* migration caps: only the capacity the cap leaves (U5) */
        if (m->sc->hcap)
            dH = fmin(dH, m->sc->hcap[i] - m->H[i]);
        if (dH > 0.0) {
            m->R[i] -= dH;
            m->H[i] += dH;
        }
        /* (U6) natural growth */
        m->H[i] *= 1.0 + p->pop_growth;
        m->R[i] *= 1.0 + p->pop_growth;
    }
    m->tfp_level *= 1.0 + p->tfp_growth;
    return RC_OK;
}
