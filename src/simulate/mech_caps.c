/* mech_caps.c — migration caps on urban workers (design §2.6 U4, §3.1 "labour mobility
 * (hukou)"). After the replicator a region above its cap is held at it and the excess goes to
 * the regions not held, in proportion to their H; a region that this share lifts over its own
 * cap is held in the next round. Every round with an excess holds at least one more region,
 * so the loop ends within n + 1 rounds, and Σ H is what the replicator left. The limit on the
 * rural→urban move (U5) is one line in model.c. */
#include "sim_internal.h"

#include <string.h>

int rc_mech_caps_apply(rc_sim_model *m, rc_error *err)
{
    const size_t n = m->n;
    const double *cap = m->sc->hcap;
    unsigned char *held = m->at_cap;
    memset(held, 0, n);
    for (;;) {
        double excess = 0.0, open = 0.0;
        for (size_t i = 0; i < n; i++)
            if (!held[i] && m->H[i] > cap[i]) {
                excess += m->H[i] - cap[i];
                m->H[i] = cap[i];
                held[i] = 1;
            }
        if (excess == 0.0)
            return RC_OK;
        for (size_t i = 0; i < n; i++)
            if (!held[i])
                open += m->H[i];
        if (!(open > 0.0)) {
            /* Only natural growth (U6) can bring Σ H above Σ caps: the parser refuses an
             * initial urban above its cap, and U4 and U5 never raise Σ H past the caps. */
            double sumH = excess, sumcap = 0.0;
            for (size_t i = 0; i < n; i++) {
                sumH += m->H[i];
                sumcap += cap[i];
            }
            return rc_error_set(err, RC_EINPUT,
                                "%s: after period %zu: every region is at its migration cap "
                                "and the urban workers (%g) exceed the sum of migration.caps "
                                "(%g); natural growth (population.growth) took them above: "
                                "raise the caps or leave a region uncapped",
                                m->sc->source ? m->sc->source : "scenario",
                                m->sc->period0 + m->t_cur, sumH * m->sc->pop_scale,
                                sumcap * m->sc->pop_scale);
        }
        for (size_t i = 0; i < n; i++)
            if (!held[i])
                m->H[i] += excess * (m->H[i] / open);
    }
}
