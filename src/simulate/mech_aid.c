/* mech_aid.c — central aid funded by a proportional tax (design §3.4). Within the period the
 * budget is balanced: Σ tax = Σ transfers, so the lever moves income, never creates it. */
#include "sim_internal.h"

#include <math.h>

void rc_mech_aid_transfers(const rc_sim_policy *pol, size_t n, const double *gdp,
                           const double *P, const double *ybasis, double *tax, double *trc,
                           double *tri)
{
    double budget = 0.0, sp = 0.0, spy = 0.0;
    for (size_t i = 0; i < n; i++) {
        budget += pol->tax_rate * gdp[i];
        tax[i] += pol->tax_rate * gdp[i];
        sp += P[i];
        spy += P[i] * ybasis[i];
    }
    const double ybar = spy / sp;
    double sgap = 0.0;
    for (size_t i = 0; i < n; i++)
        sgap += fmax(0.0, pol->threshold * ybar - ybasis[i]) * P[i];
    for (size_t i = 0; i < n; i++) {
        /* nobody below the threshold: the budget goes back per head */
        double share = sgap > 0.0 ? fmax(0.0, pol->threshold * ybar - ybasis[i]) * P[i] / sgap
                                  : P[i] / sp;
        double tr = budget * share;
        trc[i] += (1.0 - pol->investment_share) * tr;
        tri[i] += pol->investment_share * tr;
    }
}
