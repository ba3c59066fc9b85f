/* mech_relocation.c — relocation subsidies for industrial transfer (design §3.8): urban
 * workers in the listed regions receive s_rel·w_i (it raises their utility (E12) and their
 * region's disposable income), financed by a uniform surcharge τ_r = Σ RS / Σ GDP, so the
 * transfers sum to zero within the period. */
#include "sim_internal.h"

static int member(const rc_sim_policy *pol, size_t i)
{
    for (size_t j = 0; j < pol->nmembers; j++)
        if (pol->members[j] == i)
            return 1;
    return 0;
}

double rc_mech_relocation_rate(const rc_sim_model *m, size_t i)
{
    double r = 0.0;
    for (size_t k = 0; k < m->sc->npolicies; k++)
        if (m->pol[k].type == RC_POL_RELOCATION && rc_sim_policy_active(m, k, m->t_cur) &&
            member(&m->pol[k], i))
            r += m->pol[k].rate;
    return r;
}

void rc_mech_relocation_transfers(const rc_sim_model *m, const double *gdp, const double *w,
                                  double *rs, double *tax)
{
    const size_t n = m->n;
    double total = 0.0, sgdp = 0.0;
    for (size_t i = 0; i < n; i++) {
        rs[i] = rc_mech_relocation_rate(m, i) * w[i] * m->H[i];
        total += rs[i];
        sgdp += gdp[i];
    }
    if (total == 0.0)
        return;
    for (size_t i = 0; i < n; i++)
        tax[i] += total / sgdp * gdp[i];
}
