/* mech_eco.c — ecological compensation (design §3.8): regions outside the ecological-function
 * regions pay rate·GDP, the ecological regions receive the total in proportion to their
 * population; while active, urbanization there is capped (U5) and productivity is reduced by
 * tfp_penalty (development restrictions). */
#include "sim_internal.h"

static int member(const rc_sim_policy *pol, size_t i)
{
    for (size_t j = 0; j < pol->nmembers; j++)
        if (pol->members[j] == i)
            return 1;
    return 0;
}

void rc_mech_eco_transfers(const rc_sim_model *m, const double *gdp, double *ec)
{
    const size_t n = m->n;
    for (size_t i = 0; i < n; i++)
        ec[i] = 0.0;
    for (size_t k = 0; k < m->sc->npolicies; k++) {
        const rc_sim_policy *pol = &m->pol[k];
        if (pol->type != RC_POL_ECO || !rc_sim_policy_active(m, k, m->t_cur))
            continue;
        double paid = 0.0, peco = 0.0;
        for (size_t i = 0; i < n; i++) {
            if (member(pol, i))
                peco += m->H[i] + m->R[i];
            else {
                ec[i] -= pol->rate * gdp[i];
                paid += pol->rate * gdp[i];
            }
        }
        for (size_t i = 0; i < n; i++)
            if (member(pol, i))
                ec[i] += paid * (m->H[i] + m->R[i]) / peco;
    }
}

double rc_mech_eco_tfp(const rc_sim_model *m, size_t i)
{
    double f = 1.0;
    for (size_t k = 0; k < m->sc->npolicies; k++)
        if (m->pol[k].type == RC_POL_ECO && rc_sim_policy_active(m, k, m->t_cur) &&
            member(&m->pol[k], i))
            f *= 1.0 - m->pol[k].tfp_penalty;
    return f;
}

double rc_mech_eco_cap(const rc_sim_model *m, size_t i)
{
    double cap = 1.0;
    for (size_t k = 0; k < m->sc->npolicies; k++)
        if (m->pol[k].type == RC_POL_ECO && rc_sim_policy_active(m, k, m->t_cur) &&
            member(&m->pol[k], i) && m->pol[k].urban_cap < cap)
            cap = m->pol[k].urban_cap;
    return cap;
}
