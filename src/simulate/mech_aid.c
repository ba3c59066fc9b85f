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
    /* The design's rule hands the whole budget to the regions below the threshold; when their
     * gaps are smaller than the budget it lifts them above it, and as the last gap closes the
     * transfer jumps from the whole budget to a per-head share: the within-period fixed point
     * may then not exist. "excess": "per_head" fills the gaps only and returns the rest per
     * head, which is continuous in y. Nobody below: the budget goes back per head (both). */
    const double fill = pol->excess_per_head ? fmin(budget, sgap) : budget;
    const double rest = sgap > 0.0 ? budget - fill : budget;
    for (size_t i = 0; i < n; i++) {
        double gap = fmax(0.0, pol->threshold * ybar - ybasis[i]) * P[i];
        double tr = (sgap > 0.0 ? fill * (gap / sgap) : 0.0) + rest * (P[i] / sp);
        trc[i] += (1.0 - pol->investment_share) * tr;
        tri[i] += pol->investment_share * tr;
    }
}
