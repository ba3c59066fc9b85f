/* metrics.c — the summary indices of design §4.2 over a set of regions: the whole economy for
 * the summary and national governance rules, or one group for `group:<name>:<column>` rules
 * (§3.7). Every index comes from the disparity kernels (methods/01); nothing is re-derived. */
#include "sim_internal.h"

#include <math.h>

#include "regcoord/disparity.h"

const char *const rc_sim_metric_names[RC_SIM_NMETRICS + 1] = {
    "mean_real_income", "urbanization", "theil_t_w", "theil_l_w", "theil_t", "gini_w", "gini",
    "cv", "williamson", "range_ratio", "herfindahl_urban", NULL};

typedef int (*index_w_fn)(double *, const double *, const double *, size_t, rc_error *);

/* One index, NaN when the kernel refuses (n < 2, or non-positive values for the logs). */
static double index_w(index_w_fn f, const double *y, const double *pop, size_t n)
{
    double v = NAN;
    return f(&v, y, pop, n, NULL) == RC_OK ? v : NAN;
}

void rc_sim_national_indices(rc_sim_national *s, const double *y, const double *pop, size_t n)
{
    double v = NAN, sp = 0.0, spy = 0.0;
    for (size_t i = 0; i < n; i++) {
        sp += pop[i];
        spy += pop[i] * y[i];
    }
    s->mean = spy / sp;
    s->theil_t_w = index_w(rc_theil_t, y, pop, n);
    s->theil_l_w = index_w(rc_theil_l, y, pop, n);
    s->theil_t = index_w(rc_theil_t, y, NULL, n);
    s->gini_w = index_w(rc_gini, y, pop, n);
    s->gini = index_w(rc_gini, y, NULL, n);
    s->williamson = index_w(rc_williamson, y, pop, n);
    s->cv = rc_cv(&v, y, n, 0, NULL) == RC_OK ? v : NAN;
    v = NAN;
    s->range_ratio = rc_range_ratio(&v, y, n, NULL) == RC_OK ? v : NAN;
}

void rc_sim_metric_values(double *out, const double *y, const double *pop, const double *H,
                          size_t n)
{
    rc_sim_national s;
    rc_sim_national_indices(&s, y, pop, n);
    double sumH = 0.0, sumP = 0.0, herf = 0.0;
    for (size_t i = 0; i < n; i++) {
        sumH += H[i];
        sumP += pop[i];
    }
    for (size_t i = 0; i < n; i++) {
        double lam = H[i] / sumH;
        herf += lam * lam;
    }
    const double v[RC_SIM_NMETRICS] = {s.mean, sumH / sumP, s.theil_t_w, s.theil_l_w,
                                       s.theil_t, s.gini_w, s.gini, s.cv, s.williamson,
                                       s.range_ratio, herf};
    for (size_t k = 0; k < RC_SIM_NMETRICS; k++)
        out[k] = v[k];
}

double rc_sim_gap_value(const rc_sim_model *m, size_t i)
{
    return m->sc->gap_real ? m->o.y[i] : m->o.gdp[i] / (m->H[i] + m->R[i]);
}
