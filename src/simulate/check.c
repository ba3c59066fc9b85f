/* check.c — `regcoord simulate --check` (design §7.6): the closed-form break and sustain points
 * for the scenario's σ and μ beside the same points located through the kernel by bisection
 * (the sign of d(ω1 − ω2)/dλ at λ = ½ by symmetric differences with ε = 1e−6; ω2/ω1 = 1 with
 * all urban workers in region 1), for two regions and for N equidistant regions. */
#include "sim_internal.h"

#include <math.h>
#include <stdlib.h>

/* Real wages of N equidistant regions at freeness phi, region 0 holding share lam0 of the
 * urban workers and the others equal shares (FKV normalization, A = 1). */
static int omegas(double *om0, double *om1, size_t n, double sigma, double mu, double phi,
                  double lam0, rc_error *err)
{
    double *P = malloc(n * n * sizeof *P), *v = malloc(6 * n * sizeof *v);
    if (!P || !v) {
        free(P), free(v);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    double *H = v, *R = v + n, *A = v + 2 * n, *w = v + 3 * n, *G = v + 4 * n, *E = v + 5 * n;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++)
            P[i * n + j] = i == j ? 1.0 : phi;
        H[i] = mu * (i == 0 ? lam0 : (1.0 - lam0) / (double)(n - 1));
        R[i] = (1.0 - mu) / (double)n;
        A[i] = 1.0;
        w[i] = 1.0;
    }
    rc_sim_eq_problem pb = {n, sigma, mu, P, NULL, H, R, A, 0.0, NULL, NULL, 1e-14, 100000, 1.0, 0};
    int rc = rc_sim_equilibrium(w, G, E, NULL, &pb, err);
    if (!rc) {
        *om0 = w[0] * pow(G[0], -mu);
        *om1 = w[1] * pow(G[1], -mu);
    }
    free(P), free(v);
    return rc;
}

/* Bisection on phi in [lo, hi] of the sign of f(phi) (f = slope or ratio − 1). */
static int bisect(double *root, int sustain, size_t n, double sigma, double mu, double lo,
                  double hi, rc_error *err)
{
    double eps = 1e-6, a, b, c, d;
    for (int it = 0; it < 200 && hi - lo > 1e-11 * hi; it++) {
        double mid = 0.5 * (lo + hi), f;
        int rc;
        if (sustain) {
            rc = omegas(&a, &b, n, sigma, mu, mid, 1.0, err);
            f = b / a - 1.0;
        } else {
            double l0 = 1.0 / (double)n;
            if ((rc = omegas(&a, &b, n, sigma, mu, mid, l0 + eps, err)) == RC_OK)
                rc = omegas(&c, &d, n, sigma, mu, mid, l0 - eps, err);
            f = ((a - b) - (c - d)) / (2 * eps);
        }
        if (rc)
            return rc;
        /* below φ_B the uniform state is stable (slope < 0); below φ_S the core is not (ratio > 1) */
        if (sustain ? f > 0.0 : f < 0.0)
            lo = mid;
        else
            hi = mid;
    }
    *root = 0.5 * (lo + hi);
    return RC_OK;
}

int rc_sim_check(rc_table **out, double sigma, double mu, size_t n, rc_error *err)
{
    *out = NULL;
    rc_table *t;
    int rc = rc_table_new(&t, "check", err);
    static const char *const cols[] = {"regions", "statistic", "closed_form", "kernel",
                                       "relative_difference"};
    for (size_t c = 0; c < 5 && !rc; c++)
        rc = rc_table_add_column(t, cols[c], c == 0 ? RC_COL_INT : c == 1 ? RC_COL_STR : RC_COL_DBL,
                                 NULL, err);
    size_t ns[2] = {2, n};
    for (int k = 0; k < (n > 2 ? 2 : 1) && !rc; k++) {
        size_t m = ns[k];
        double cb = rc_cp_break_point_n(sigma, mu, m), cs, kb, ks;
        if ((rc = rc_cp_sustain_point(&cs, sigma, mu, m, err)) ||
            (rc = bisect(&kb, 0, m, sigma, mu, 0.5 * cb, fmin(0.999, 1.5 * cb), err)) ||
            (rc = bisect(&ks, 1, m, sigma, mu, 0.5 * cs, 0.5 * (cs + cb), err)))
            break;
        if (!(rc = rc_table_append(t, err, "lsddd", (long long)m, "phi_break", cb, kb,
                                   fabs(kb / cb - 1.0))))
            rc = rc_table_append(t, err, "lsddd", (long long)m, "phi_sustain", cs, ks,
                                 fabs(ks / cs - 1.0));
    }
    if (rc) {
        rc_table_free(t);
        return rc;
    }
    *out = t;
    return RC_OK;
}
