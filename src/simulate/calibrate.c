/* calibrate.c — model inversion for productivity (design §7.5): choose Ω_i so that the
 * period-0 GDP shares of the model equal the observed ones, the standard step of
 * quantitative spatial models. With ϕ > 0 Ω absorbs the capital term at period 0. */
#include "sim_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int rc_sim_calibrate(rc_sim_model *m, rc_error *err)
{
    const rc_sim_scenario *sc = m->sc;
    const size_t n = m->n;
    double sdata = 0.0;
    for (size_t i = 0; i < n; i++)
        sdata += sc->regions[i].gdp;
    /* the last log gap r_i and the last step in ln Ω_i of every region */
    double *rprev = calloc(2 * n, sizeof *rprev), *step = rprev + n;
    if (!rprev)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    double worst = INFINITY;
    size_t wi = 0;
    for (int it = 0; it < 200; it++) {
        int rc = rc_sim_model_set_time(m, 0, err);
        if (!rc)
            rc = rc_sim_model_solve(m, 0, err);
        if (rc) {
            free(rprev);
            if (err) {
                char msg[RC_ERROR_MESSAGE_MAX];
                snprintf(msg, sizeof msg, "%s", err->message);
                rc_error_set(err, rc, "calibration (iteration %d): %s", it + 1, msg);
            }
            return rc;
        }
        double smodel = 0.0, sR = 0.0;
        for (size_t i = 0; i < n; i++) {
            smodel += m->o.gdp[i];
            sR += m->R[i];
        }
        /* GDP_i = w_i H_i + R_i ≥ R_i and Σ GDP = (Σ R + μ·injections)/(1 − μ) whatever Ω is:
         * a region whose observed share is below its rural floor cannot be matched */
        for (size_t i = 0; it == 0 && i < n; i++) {
            double mu = m->p.mu, floor_share = m->R[i] * (1.0 - mu) / (sR + mu * m->o.injection);
            if (sc->regions[i].gdp / sdata < floor_share) {
                free(rprev);
                return rc_error_set(err, RC_EINPUT,
                                    "calibration: region '%s' has a GDP share of %.4g in the data, "
                                    "but its rural sector alone gives it at least %.4g in the "
                                    "model (rural wage 1 everywhere); lower its rural population "
                                    "(urbanization) or drop \"calibrate\"",
                                    sc->regions[i].id, sc->regions[i].gdp / sdata, floor_share);
            }
        }
        worst = 0.0;
        for (size_t i = 0; i < n; i++) {
            double r = log((sc->regions[i].gdp / sdata) / (m->o.gdp[i] / smodel));
            if (fabs(r) > worst) {
                worst = fabs(r);
                wi = i;
            }
        }
        if (worst <= sc->calibrate_tol) {
            /* agreements fix their baselines in the real first period, not here */
            for (size_t k = 0; k < sc->npolicies; k++)
                m->sh_base_o[k] = m->sh_base_d[k] = NAN;
            free(rprev);
            return RC_OK;
        }
        /* §7.5's step is ½ r. GDP = wH + R responds to Ω much less than one for one (the
         * rural part is fixed), so that step converges slowly (a factor ~0.96 per solve in
         * the tests). The response to the last step, fitted as one common gain g by least
         * squares (r_prev − r ≈ g·step), scales the next step to r/g, between ½ r and 20 r
         * and at most 0.5 in ln Ω:
         * the fixed point is the same, reached in far fewer solves. */
        double num = 0.0, den = 0.0;
        for (size_t i = 0; it > 0 && i < n; i++) {
            double r = log((sc->regions[i].gdp / sdata) / (m->o.gdp[i] / smodel));
            num += (rprev[i] - r) * step[i];
            den += step[i] * step[i];
        }
        double mult = 0.5;
        if (it > 0 && den > 0.0 && num > 0.0)
            mult = fmin(20.0, fmax(0.5, den / num));
        for (size_t i = 0; i < n; i++) {
            double r = log((sc->regions[i].gdp / sdata) / (m->o.gdp[i] / smodel));
            double st = fmax(-0.5, fmin(0.5, mult * r)); /* at most ×1.65 per solve */
            m->tfp[i] *= exp(st);
            rprev[i] = r;
            step[i] = st;
        }
    }
    free(rprev);
    return rc_error_set(err, RC_ENUMERIC,
                        "calibration of productivity to GDP shares did not converge in 200 "
                        "iterations: region '%s' is off by %.3g in log share (tolerance %g)",
                        sc->regions[wi].id, worst, sc->calibrate_tol);
}
