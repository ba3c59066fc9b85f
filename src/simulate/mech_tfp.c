/* mech_tfp.c — science and education (design §3.8): {"type": "tfp", "regions": […],
 * "factor": f} multiplies the members' productivity Ω_i by f from `start` to `end`, e.g. a
 * research programme or a university expansion. Several active policies multiply. */
#include "sim_internal.h"

double rc_mech_tfp_factor(const rc_sim_model *m, size_t i)
{
    double f = 1.0;
    for (size_t k = 0; k < m->sc->npolicies; k++) {
        const rc_sim_policy *pol = &m->pol[k];
        if (pol->type != RC_POL_TFP || !rc_sim_policy_active(m, k, m->t_cur))
            continue;
        for (size_t j = 0; j < pol->nmembers; j++)
            if (pol->members[j] == i)
                f *= pol->factor;
    }
    return f;
}
