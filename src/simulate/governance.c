/* governance.c — rules triggered by gaps (design §3.7): after each period every rule reads its
 * metric; a rule whose condition has held for `for` consecutive periods fires (outside its
 * cooldown and below max_fires), and its actions change parameters or switch policies from
 * the next period on. All conditions are read before any action is applied. */
#include "sim_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Panel column `column` of region i (the parser admits real_income, gdp_pc, urbanization,
 * wage and real_wage). */
static double region_metric(const rc_sim_model *m, const char *column, size_t i)
{
    const rc_sim_outputs *o = &m->o;
    double P = m->H[i] + m->R[i];
    if (!strcmp(column, "real_income"))
        return o->y[i];
    if (!strcmp(column, "gdp_pc"))
        return o->gdp[i] / P;
    if (!strcmp(column, "urbanization"))
        return m->H[i] / P;
    if (!strcmp(column, "wage"))
        return o->w[i];
    return o->omega[i]; /* real_wage */
}

/* group:<name>:<column> (§3.7): a summary index computed within the group's regions, as the
 * summary computes it for all of them; or a panel column's population-weighted mean. */
static double group_metric(rc_sim_model *m, const rc_sim_rule *r)
{
    const size_t g = r->nmembers;
    if (r->metric < 0) {
        double sp = 0.0, spx = 0.0;
        for (size_t k = 0; k < g; k++) {
            size_t i = r->members[k];
            double P = m->H[i] + m->R[i];
            sp += P;
            spx += P * region_metric(m, r->column, i);
        }
        return spx / sp;
    }
    double *y = m->gov_buf, *pop = y + g, *H = pop + g, v[RC_SIM_NMETRICS];
    for (size_t k = 0; k < g; k++) {
        size_t i = r->members[k];
        y[k] = rc_sim_gap_value(m, i);
        pop[k] = m->H[i] + m->R[i];
        H[k] = m->H[i];
    }
    rc_sim_metric_values(v, y, pop, H, g);
    return v[r->metric];
}

static int holds(int op, double x, double v)
{
    switch (op) {
    case 0: return x > v;
    case 1: return x >= v;
    case 2: return x < v;
    default: return x <= v;
    }
}

static int set_override(rc_sim_model *m, double *slot, double value)
{
    for (size_t k = 0; k < m->ngov; k++)
        if (m->gov_slot[k] == slot) {
            m->gov_value[k] = value;
            return RC_OK;
        }
    m->gov_slot[m->ngov] = slot;
    m->gov_value[m->ngov++] = value;
    return RC_OK;
}

int rc_sim_governance(rc_sim_model *m, size_t t, const double *nat, char *fired, size_t size,
                      rc_error *err)
{
    const rc_sim_scenario *sc = m->sc;
    if (fired && size)
        fired[0] = '\0';
    unsigned char fire[256] = {0};
    /* read every condition first */
    for (size_t k = 0; k < sc->nrules; k++) {
        const rc_sim_rule *r = &sc->rules[k];
        double x = r->members      ? group_metric(m, r)
                   : r->metric >= 0 ? nat[r->metric]
                                    : region_metric(m, r->column, r->region);
        m->rule_count[k] = holds(r->op, x, r->value) ? m->rule_count[k] + 1 : 0;
        int cooling = m->rule_fires[k] > 0 && t - m->rule_last[k] <= r->cooldown;
        fire[k] = m->rule_count[k] >= r->hold && !cooling && m->rule_fires[k] < r->max_fires;
    }
    for (size_t k = 0; k < sc->nrules; k++) {
        if (!fire[k])
            continue;
        const rc_sim_rule *r = &sc->rules[k];
        m->rule_fires[k]++;
        m->rule_last[k] = t;
        m->rule_count[k] = 0;
        for (size_t a = 0; a < r->nactions; a++) {
            const rc_sim_action *ac = &r->actions[a];
            if (ac->op == RC_ACT_ACTIVATE || ac->op == RC_ACT_DEACTIVATE) {
                rc_sim_policy *pol = &m->pol[ac->policy];
                double next = rc_sim_time_value(sc, t + 1, pol->unit_year);
                if (ac->op == RC_ACT_ACTIVATE) {
                    pol->start = next;
                    pol->end = INFINITY;
                } else
                    pol->end = next - 1.0;
                continue;
            }
            const rc_sim_param_def *def;
            double *slot = rc_sim_model_param(m, ac->param, &def, err);
            if (!slot)
                return err ? err->code : RC_EINPUT;
            double v = ac->op == RC_ACT_SET ? ac->value
                     : ac->op == RC_ACT_ADD ? *slot + ac->value : *slot * ac->value;
            v = fmin(fmax(v, ac->min), ac->max);
            if (def) {
                char where[96];
                snprintf(where, sizeof where, "rule '%s' after period %zu", r->id ? r->id : "",
                         sc->period0 + t);
                int rc = rc_sim_param_check(def, v, where, err);
                if (rc)
                    return rc;
            }
            set_override(m, slot, v);
            *slot = v;
        }
        if (fired && size) {
            size_t len = strlen(fired);
            snprintf(fired + len, size - len, "%s%s", len ? ";" : "", r->id ? r->id : "rule");
        }
    }
    return RC_OK;
}
