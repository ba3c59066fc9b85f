/* stages.c — online stage classification of the gap series (design §4.3): balanced,
 * polarization (growth poles), diffusion, integrated; with re-polarization. */
#include "regcoord/simulate.h"

#include <math.h>

void rc_stage_params_default(rc_stage_params *p)
{
    p->window = 5;
    p->floor = 1e-4;
    p->takeoff = 0.02;
    p->drop = 0.10;
    p->end_frac = 0.25;
}

const char *rc_sim_stage_name(int stage)
{
    switch (stage) {
    case 1: return "balanced, low level";
    case 2: return "polarization, growth poles";
    case 3: return "diffusion, convergence";
    case 4: return "integrated, high level";
    default: return "";
    }
}

/* OLS slope of D[t-h+1..t] on time, relative to the window mean (floored). */
static double relative_slope(const double *D, size_t t, const rc_stage_params *p)
{
    size_t h = p->window < t + 1 ? p->window : t + 1;
    if (h < 2)
        return 0.0;
    double mx = 0.0, my = 0.0;
    for (size_t k = 0; k < h; k++) {
        mx += (double)k;
        my += D[t + 1 - h + k];
    }
    mx /= (double)h;
    my /= (double)h;
    double sxy = 0.0, sxx = 0.0;
    for (size_t k = 0; k < h; k++) {
        double dx = (double)k - mx;
        sxy += dx * (D[t + 1 - h + k] - my);
        sxx += dx * dx;
    }
    return sxy / sxx / fmax(my, p->floor);
}

void rc_sim_stages(int *stage, size_t *t_peak, const double *D, size_t T,
                   const rc_stage_params *p)
{
    int s = 1;
    double M = -INFINITY, Dpeak = NAN;
    size_t tM = 0;
    *t_peak = T;
    for (size_t t = 0; t < T; t++) {
        if (D[t] > M) {
            M = D[t];
            tM = t;
        }
        if (s == 1 && D[t] > p->floor && relative_slope(D, t, p) > p->takeoff)
            s = 2;
        if (s == 2 && D[t] <= (1.0 - p->drop) * M) {
            s = 3;
            *t_peak = tM;
            Dpeak = M;
        }
        if (s == 3 && D[t] <= fmax(p->floor, p->end_frac * Dpeak))
            s = 4;
        if ((s == 3 || s == 4) && D[t] > Dpeak)
            s = 2;
        stage[t] = s;
    }
}
