/* mech_growth_pole.c — growth poles (design §3.2): a pole's productivity is raised by
 * tfp_boost, a directed share credit_quota of the national credit pool is reserved for the
 * poles (§3.6), and generalized costs from a pole to every region within `radius` are
 * multiplied by hub_factor (a transport hub), while the policy is active. */
#include "sim_internal.h"

int rc_sim_policy_active(const rc_sim_model *m, size_t k, size_t t)
{
    const rc_sim_policy *pol = &m->pol[k];
    double x = rc_sim_time_value(m->sc, t, pol->unit_year);
    return x >= pol->start && x <= pol->end;
}

static int is_member(const rc_sim_policy *pol, size_t i)
{
    for (size_t j = 0; j < pol->nmembers; j++)
        if (pol->members[j] == i)
            return 1;
    return 0;
}

double rc_mech_pole_tfp(const rc_sim_model *m, size_t i)
{
    double f = 1.0;
    for (size_t k = 0; k < m->sc->npolicies; k++)
        if (m->pol[k].type == RC_POL_POLE && rc_sim_policy_active(m, k, m->t_cur) &&
            is_member(&m->pol[k], i))
            f *= 1.0 + m->pol[k].tfp_boost;
    return f;
}

double rc_mech_pole_quota(const rc_sim_model *m, size_t i, int *member)
{
    double q = 0.0;
    *member = 0;
    for (size_t k = 0; k < m->sc->npolicies; k++)
        if (m->pol[k].type == RC_POL_POLE && rc_sim_policy_active(m, k, m->t_cur)) {
            q += m->pol[k].credit_quota;
            *member |= is_member(&m->pol[k], i);
        }
    return q < 1.0 ? q : 1.0;
}

double rc_mech_pole_hub(const rc_sim_model *m, size_t o, size_t d, double c)
{
    double f = 1.0;
    for (size_t k = 0; k < m->sc->npolicies; k++) {
        const rc_sim_policy *pol = &m->pol[k];
        if (pol->type == RC_POL_POLE && c <= pol->radius && rc_sim_policy_active(m, k, m->t_cur) &&
            (is_member(pol, o) || is_member(pol, d)))
            f *= pol->hub_factor;
    }
    return f;
}
