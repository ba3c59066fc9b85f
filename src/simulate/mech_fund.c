/* mech_fund.c — a coordinated development fund (design §3.5). Contributions and disbursements
 * are predetermined from the last period's outputs, so the fund's net injection is known before
 * the within-period solve; the balance follows F(t+1) = (1 + r_f) F(t) + Σ FC − D(t) exactly. */
#include "sim_internal.h"

#include <math.h>

void rc_mech_fund_flows(rc_sim_model *m, const rc_sim_policy *pol, size_t k)
{
    rc_sim_outputs *o = &m->o;
    double fc = 0.0, D = pol->disbursement * m->fund[k];
    if (!m->has_prev) {
        /* first period of the run: no last-period outputs, nothing flows yet */
        m->fund_paid[k] = 0.0;
        m->fund_paid[m->sc->npolicies + k] = 0.0;
        return;
    }
    double sp = 0.0, spy = 0.0;
    for (size_t j = 0; j < pol->nmembers; j++) {
        size_t i = pol->members[j];
        double P = m->H[i] + m->R[i];
        o->fund_c[i] += pol->contribution * m->p.local_tax_rate * m->V_prev[i];
        fc += pol->contribution * m->p.local_tax_rate * m->V_prev[i];
        sp += P;
        spy += P * m->y_prev[i];
    }
    const double ybar = spy / sp;
    double sgap = 0.0;
    for (size_t j = 0; j < pol->nmembers; j++) {
        size_t i = pol->members[j];
        sgap += fmax(0.0, ybar - m->y_prev[i]) * (m->H[i] + m->R[i]);
    }
    for (size_t j = 0; j < pol->nmembers; j++) {
        size_t i = pol->members[j];
        double P = m->H[i] + m->R[i];
        /* members below their mean share D by gap × population; nobody below: per head */
        double share = sgap > 0.0 ? fmax(0.0, ybar - m->y_prev[i]) * P / sgap : P / sp;
        o->fund_di[i] += pol->investment_share * D * share;
        o->fund_dc[i] += (1.0 - pol->investment_share) * D * share;
    }
    m->fund_paid[k] = D;
    m->fund_paid[m->sc->npolicies + k] = fc;
}

void rc_mech_fund_update(rc_sim_model *m, const rc_sim_policy *pol, size_t k)
{
    const size_t np = m->sc->npolicies;
    m->fund[k] = (1.0 + pol->interest) * m->fund[k] + m->fund_paid[np + k] - m->fund_paid[k];
}
