/* params.c — the scalar parameters of design §2.3: JSON names, defaults and ranges. */
#include "sim_internal.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define OFF(f) offsetof(rc_sim_params, f)

/* name, offset, default, lo, hi, lo_open, hi_open, allow_nan, allow_inf */
static const rc_sim_param_def TABLE[] = {
    {"model.sigma", OFF(sigma), 5, 1, INFINITY, 1, 1, 0, 0},
    {"model.mu", OFF(mu), 0.4, 0, 1, 1, 1, 0, 0},
    {"geography.tau", OFF(tau), 0.3, 0, INFINITY, 0, 1, 0, 0},
    {"geography.border_cost", OFF(border_cost), 0, 0, INFINITY, 0, 1, 0, 0},
    {"geography.phi", OFF(phi), NAN, 0, 1, 0, 0, 1, 0},
    {"geography.phi_step", OFF(phi_step), NAN, 0, 1, 0, 0, 1, 0},
    {"growth.knowledge_elasticity", OFF(knowledge_elasticity), 0.3, 0, 1, 0, 1, 0, 0},
    {"growth.depreciation", OFF(depreciation), 0.05, 0, 1, 0, 0, 0, 0},
    {"growth.saving_rate", OFF(saving_rate), 0.3, 0, 1, 0, 1, 0, 0},
    {"growth.tfp_growth", OFF(tfp_growth), 0, -1, INFINITY, 1, 1, 0, 0},
    {"spillover.degree", OFF(degree), 0.5, 0, 1, 0, 0, 0, 0},
    {"spillover.global_share", OFF(global_share), 0, 0, 1, 0, 0, 0, 0},
    {"spillover.decay", OFF(decay), 0.5, 0, INFINITY, 1, 0, 0, 1},
    {"spillover.border_barrier", OFF(border_barrier), 0, 0, 1, 0, 0, 0, 0},
    {"spillover.step", OFF(step), NAN, 0, 1, 0, 0, 1, 0},
    {"migration.gamma", OFF(gamma), 2, 0, INFINITY, 0, 1, 0, 0},
    {"migration.congestion", OFF(congestion), 0, 0, INFINITY, 0, 1, 0, 0},
    {"rural_urban.speed", OFF(speed), 0.03, 0, 1, 0, 0, 0, 0},
    {"rural_urban.cost", OFF(cost), 0.1, 0, INFINITY, 0, 1, 0, 0},
    {"rural_urban.min_rural_share", OFF(min_rural_share), 0.01, 0, 1, 1, 1, 0, 0},
    {"population.growth", OFF(pop_growth), 0, -1, INFINITY, 1, 1, 0, 0},
    {"credit.integration", OFF(credit_integration), 0, 0, 1, 0, 0, 0, 0},
    {"credit.size_elasticity", OFF(size_elasticity), 1, 0, INFINITY, 0, 1, 0, 0},
    {"credit.return_elasticity", OFF(return_elasticity), 0, 0, INFINITY, 0, 1, 0, 0},
    {"fiscal.local_tax_rate", OFF(local_tax_rate), 0.1, 0, 1, 0, 1, 0, 0},
    {"shocks.sd", OFF(shock_sd), 0, 0, INFINITY, 0, 1, 0, 0},
    {"shocks.rho", OFF(shock_rho), 0, -1, 1, 1, 1, 0, 0},
};
#define NTABLE (sizeof TABLE / sizeof TABLE[0])

const rc_sim_param_def *rc_sim_param_table(size_t *n)
{
    *n = NTABLE;
    return TABLE;
}

const rc_sim_param_def *rc_sim_param_find(const char *name)
{
    for (size_t k = 0; k < NTABLE; k++)
        if (!strcmp(TABLE[k].name, name))
            return &TABLE[k];
    return NULL;
}

void rc_sim_params_default(rc_sim_params *p)
{
    for (size_t k = 0; k < NTABLE; k++)
        *(double *)((char *)p + TABLE[k].offset) = TABLE[k].def;
}

int rc_sim_param_check(const rc_sim_param_def *d, double v, const char *where, rc_error *err)
{
    if (isnan(v)) {
        if (d->allow_nan)
            return RC_OK;
        return rc_error_set(err, RC_EINPUT, "%s: %s must be a number", where, d->name);
    }
    if (isinf(v) && !(d->allow_inf && v > 0))
        return rc_error_set(err, RC_EINPUT, "%s: %s must be finite", where, d->name);
    int low = d->lo_open ? !(v > d->lo) : !(v >= d->lo);
    int high = d->hi_open ? !(v < d->hi) : !(v <= d->hi);
    if (low || high)
        return rc_error_set(err, RC_EINPUT, "%s: %s = %g is out of range %c%g, %g%c", where,
                            d->name, v, d->lo_open ? '(' : '[', d->lo, d->hi,
                            d->hi_open ? ')' : ']');
    return RC_OK;
}

size_t rc_sim_tfp_region(const rc_sim_scenario *sc, const char *name)
{
    const char *dot = strrchr(name, '.');
    if (strncmp(name, "regions.", 8) || !dot || dot < name + 8 || strcmp(dot, ".tfp"))
        return SIZE_MAX;
    size_t len = (size_t)(dot - (name + 8));
    for (size_t i = 0; i < sc->n; i++)
        if (strlen(sc->regions[i].id) == len && !strncmp(sc->regions[i].id, name + 8, len))
            return i;
    return SIZE_MAX;
}

double *rc_sim_policy_field(rc_sim_policy *pols, size_t npol, const char *name, double *lo,
                            double *hi)
{
    const char *dot = strrchr(name, '.');
    if (strncmp(name, "policies.", 9) || !dot || dot < name + 9)
        return NULL;
    size_t len = (size_t)(dot - (name + 9));
    for (size_t k = 0; k < npol; k++) {
        rc_sim_policy *p = &pols[k];
        if (!p->id || strlen(p->id) != len || strncmp(p->id, name + 9, len))
            continue;
        int aid = p->type == RC_POL_AID;
        *lo = 0.0, *hi = 1.0;
        if (!strcmp(dot, ".tax_rate") && aid)
            return &p->tax_rate;
        if (!strcmp(dot, ".threshold") && aid)
            return *hi = 1e300, &p->threshold;
        if (!strcmp(dot, ".investment_share") && (aid || p->type == RC_POL_FUND))
            return &p->investment_share;
        if (!strcmp(dot, ".factor") && p->type == RC_POL_TFP)
            return *lo = 1e-6, *hi = 1e6, &p->factor;
        return NULL;
    }
    return NULL;
}
