/* mech_sharing.c — tax sharing of incremental revenue from industrial transfer (design §3.3).
 * The destination d shares θ of its local tax on the growth of modern value added over the
 * baseline with the origin o; while active (and `integrate`), border costs and spillover
 * barriers between o and d vanish. The origin leaves for good after `patience` consecutive
 * periods of negative gain (grim trigger); the destination's gain (1 − θ)ΔT is never negative. */
#include "sim_internal.h"

#include <math.h>

int rc_mech_sharing_active(const rc_sim_model *m, size_t k, size_t t)
{
    const rc_sim_policy *pol = &m->pol[k];
    double x = rc_sim_time_value(m->sc, t, pol->unit_year);
    return pol->type == RC_POL_SHARING && x >= pol->start && x <= pol->end;
}

void rc_mech_sharing_transfers(rc_sim_model *m, size_t k, const double *w, double *sh)
{
    const rc_sim_policy *pol = &m->pol[k];
    size_t o = pol->members[0], d = pol->members[1];
    double dT = m->p.local_tax_rate * fmax(0.0, w[d] * m->H[d] - m->sh_base_d[k]);
    double SH = pol->value * dT;
    sh[o] += SH;
    sh[d] -= SH;
    m->sh_dT[k] = dT;
    m->sh_SH[k] = SH;
}

void rc_mech_sharing_update(rc_sim_model *m, size_t k, size_t t)
{
    rc_sim_policy *pol = &m->pol[k];
    size_t o = pol->members[0];
    double gain_o = m->sh_SH[k] + m->p.local_tax_rate * (m->o.w[o] * m->H[o] - m->sh_base_o[k]);
    m->sh_neg[k] = gain_o < 0.0 ? m->sh_neg[k] + 1 : 0;
    if (m->sh_neg[k] >= pol->patience) /* exit: the agreement ends after this period */
        pol->end = rc_sim_time_value(m->sc, t, pol->unit_year);
}
