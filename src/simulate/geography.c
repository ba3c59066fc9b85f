/* geography.c — generalized costs, trade freeness Φ and the spillover matrix Λ (design §2.4).
 * Φ and Λ are rebuilt only when a parameter they depend on changes (paths, sweeps). */
#include "sim_internal.h"
#include "regcoord/distance.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Great-circle distance in units of 1,000 km (design §2.4), from the project's one haversine. */
static double great_circle(double lon1, double lat1, double lon2, double lat2)
{
    return rc_great_circle_km(lon1, lat1, lon2, lat2) / 1000.0;
}

/* Generalized cost c_od, scaled by the infrastructure events in force (§3.2). */
static double cost_of(const rc_sim_model *m, size_t o, size_t d)
{
    if (o == d)
        return 0.0;
    double c;
    if (m->sc->geo == RC_GEO_UNIFORM)
        c = 1.0;
    else if (m->sc->geo == RC_GEO_RACETRACK) {
        size_t n = m->n, s = o > d ? o - d : d - o;
        c = (double)(n - s < s ? n - s : s);
    } else
        c = m->cost[o * m->n + d];
    /* growth-pole hubs shorten the costs within their radius (§3.2) */
    return c * m->cost_scale * rc_mech_pole_hub(m, o, d, c * m->cost_scale);
}

static int border(const rc_sim_model *m, size_t o, size_t d)
{
    if (o == d)
        return 0;
    /* an integrating tax-sharing agreement removes the border between its two parties, an
     * integrated urban agglomeration among all its members (§3.2, §3.3) */
    for (size_t k = 0; k < m->sc->npolicies; k++) {
        const rc_sim_policy *pol = &m->pol[k];
        if (pol->integrate && rc_mech_sharing_active(m, k, m->t_cur) &&
            ((pol->members[0] == o && pol->members[1] == d) ||
             (pol->members[0] == d && pol->members[1] == o)))
            return 0;
        if (pol->type == RC_POL_AGGLOMERATION && rc_sim_policy_active(m, k, m->t_cur)) {
            int ho = 0, hd = 0;
            for (size_t j = 0; j < pol->nmembers; j++) {
                ho |= pol->members[j] == o;
                hd |= pol->members[j] == d;
            }
            if (ho && hd)
                return 0;
        }
    }
    if (m->sc->border_by_id)
        return 1;
    const char *a = m->sc->regions[o].group, *b = m->sc->regions[d].group;
    return !(a && b && !strcmp(a, b));
}

int rc_sim_geography(rc_sim_model *m, rc_error *err)
{
    const rc_sim_params *p = &m->p;
    double integrated = 0.0; /* which integrating agreements are in force, as a number */
    for (size_t k = 0; k < m->sc->npolicies; k++)
        if ((m->pol[k].integrate && rc_mech_sharing_active(m, k, m->t_cur)) ||
            ((m->pol[k].type == RC_POL_POLE || m->pol[k].type == RC_POL_AGGLOMERATION ||
              (m->pol[k].type == RC_POL_INFRA && m->pol[k].nedge_events)) &&
             rc_sim_policy_active(m, k, m->t_cur)))
            integrated += ldexp(1.0, (int)(k % 1000));
    double key[12] = {p->sigma, p->tau, p->border_cost, p->phi, p->phi_step, p->degree,
                      p->global_share, p->decay, p->border_barrier, p->step, m->cost_scale,
                      integrated};
    if (m->geo_built && !memcmp(key, m->geo_key, sizeof key))
        return RC_OK;
    const size_t n = m->n;
    if (m->sc->geo != RC_GEO_UNIFORM && m->sc->geo != RC_GEO_RACETRACK && !m->cost &&
        !(m->cost = malloc(n * n * sizeof *m->cost)))
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    if (m->sc->geo == RC_GEO_MATRIX && !m->geo_built)
        memcpy(m->cost, m->sc->cost_matrix, n * n * sizeof *m->cost);
    if (m->sc->geo == RC_GEO_NETWORK) {
        int rc = rc_sim_network_costs(m, err);
        if (rc)
            return rc;
    }
    if (m->sc->geo == RC_GEO_POINTS && !m->geo_built) {
        for (size_t o = 0; o < n; o++)
            for (size_t d = 0; d < n; d++)
                m->cost[o * n + d] =
                    o == d ? 0.0
                           : great_circle(m->sc->regions[o].lon, m->sc->regions[o].lat,
                                          m->sc->regions[d].lon, m->sc->regions[d].lat);
    }
    const double s1 = 1.0 - p->sigma;
    const int racetrack = m->sc->geo == RC_GEO_RACETRACK, uniform = m->sc->geo == RC_GEO_UNIFORM;
#pragma omp parallel for if (n >= 1000) schedule(static)
    for (size_t o = 0; o < n; o++)
        for (size_t d = 0; d < n; d++) {
            double c = cost_of(m, o, d), ph, la;
            int b = border(m, o, d);
            if (o == d)
                ph = 1.0;
            else if (uniform && !isnan(p->phi))
                ph = p->phi;
            else if (racetrack && !isnan(p->phi_step))
                ph = pow(p->phi_step, c);
            else
                ph = exp(s1 * (p->tau * c + p->border_cost * b));
            if (o == d)
                la = 1.0;
            else if (uniform)
                la = p->degree;
            else if (racetrack && !isnan(p->step))
                la = pow(p->step, c);
            else
                la = p->degree * (p->global_share + (1.0 - p->global_share) *
                                  (isinf(p->decay) ? 1.0 : exp(-c / p->decay))) *
                     (1.0 - p->border_barrier * b);
            /* design §7.1: freeness below 1e−300 is stored as 0 */
            m->phi[o * n + d] = ph < 1e-300 ? 0.0 : ph;
            m->lam[o * n + d] = la;
        }
    /* Costs from a file may differ by direction (tolls, one-way links): then the price index
     * (E9) needs Φ's columns, which the kernel reads as the rows of a transposed copy. */
    m->phi_symmetric = 1;
    for (size_t o = 0; o < n && m->phi_symmetric; o++)
        for (size_t d = o + 1; d < n; d++)
            if (m->phi[o * n + d] != m->phi[d * n + o]) {
                m->phi_symmetric = 0;
                break;
            }
    if (!m->phi_symmetric) {
        if (!m->phi_t && !(m->phi_t = malloc(n * n * sizeof *m->phi_t)))
            return rc_error_set(err, RC_ENOMEM, "out of memory");
        for (size_t o = 0; o < n; o++)
            for (size_t d = 0; d < n; d++)
                m->phi_t[d * n + o] = m->phi[o * n + d];
    }
    memcpy(m->geo_key, key, sizeof key);
    m->geo_built = 1;
    return RC_OK;
}
