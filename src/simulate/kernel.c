/* kernel.c — the within-period equilibrium (E9)–(E10) by the damped fixed point of design
 * §7.1, with the Walras rescaling that removes the slow aggregate mode of FKV's iteration. */
#include "sim_internal.h"

#include <gsl/gsl_cblas.h>
#include <omp.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* y = M x for a dense row-major n × n matrix, by CBLAS dgemv on blocks of rows. Each row's dot
 * product is one dgemv row, summed in column order whatever the block, so the result has the
 * same bits for any number of threads. Small problems stay serial: forking costs more than
 * the work. */
#define RC_SIM_PAR_MIN 1000

void rc_sim_matvec(double *y, const double *M, const double *x, size_t n)
{
    if (n < RC_SIM_PAR_MIN) {
        cblas_dgemv(CblasRowMajor, CblasNoTrans, (int)n, (int)n, 1.0, M, (int)n, x, 1, 0.0, y, 1);
        return;
    }
#pragma omp parallel
    {
        size_t nt = (size_t)omp_get_num_threads(), id = (size_t)omp_get_thread_num();
        size_t lo = n * id / nt, hi = n * (id + 1) / nt;
        if (hi > lo)
            cblas_dgemv(CblasRowMajor, CblasNoTrans, (int)(hi - lo), (int)n, 1.0, M + lo * n,
                        (int)n, x, 1, 0.0, y + lo, 1);
    }
}

static void default_expenditure(const rc_sim_eq_problem *pb, const double *w, double *E)
{
    for (size_t i = 0; i < pb->n; i++)
        E[i] = w[i] * pb->H[i] + pb->R[i];
}

int rc_sim_equilibrium(double *w, double *G, double *E, rc_sim_eq_info *info,
                       const rc_sim_eq_problem *pb, rc_error *err)
{
    const size_t n = pb->n;
    const double sigma = pb->sigma, mu = pb->mu;
    const double tol = pb->tol > 0 ? pb->tol : 1e-10;
    const size_t max_iter = pb->max_iter ? pb->max_iter : 10000;
    double theta = pb->damping > 0 ? pb->damping : 1.0;
    const double *phi_t = pb->phi_t ? pb->phi_t : pb->phi;
    rc_sim_eq_info local = {0, INFINITY, INFINITY, 0};
    if (!info)
        info = &local;
    *info = local;
    if (n == 0)
        return rc_error_set(err, RC_EUSAGE, "equilibrium: no regions");
    double sumH = 0.0, sumR = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (!(pb->H[i] >= 0.0) || !(pb->R[i] >= 0.0) || !(pb->A[i] > 0.0) || !isfinite(pb->A[i]))
            return rc_error_set(err, RC_EINPUT,
                                "equilibrium: region %zu has urban %g, rural %g, productivity %g "
                                "(need urban, rural >= 0 and productivity > 0)",
                                i + 1, pb->H[i], pb->R[i], pb->A[i]);
        sumH += pb->H[i];
        sumR += pb->R[i];
    }
    if (!(sumH > 0.0))
        return rc_error_set(err, RC_EINPUT, "equilibrium: no urban workers in any region");
    double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *g1 = malloc(n * sizeof *g1);
    double *what = malloc(n * sizeof *what), *As = malloc(n * sizeof *As);
    if (!a || !b || !g1 || !what || !As) {
        free(a), free(b), free(g1), free(what), free(As);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        As[i] = pow(pb->A[i], sigma) / mu;
        if (!(w[i] > 0.0) || !isfinite(w[i]))
            w[i] = 1.0;
    }
    const double inv1s = 1.0 / (1.0 - sigma), invs = 1.0 / sigma;
    double prev_r = INFINITY, prev2_r = INFINITY;
    int rc = RC_OK;
    for (size_t it = 1;; it++) {
        /* step 1: expenditure from the current wages */
        if (pb->expenditure)
            pb->expenditure(pb->ctx, w, E);
        else
            default_expenditure(pb, w, E);
        /* step 2: price indices, G_d^(1−σ) = Σ_o φ_od (H_o/μ) A_o^σ w_o^(1−σ) */
        for (size_t o = 0; o < n; o++)
            a[o] = pb->H[o] * As[o] * pow(w[o], 1.0 - sigma);
        rc_sim_matvec(g1, phi_t, a, n);
        for (size_t d = 0; d < n; d++)
            G[d] = pow(g1[d], inv1s);
        /* step 3: wage equation, ŵ_o = A_o [Σ_d φ_od E_d G_d^(σ−1)]^(1/σ); G^(σ−1) is 1/G^(1−σ) */
        for (size_t d = 0; d < n; d++)
            b[d] = E[d] / g1[d];
        rc_sim_matvec(what, pb->phi, b, n);
        for (size_t o = 0; o < n; o++)
            what[o] = pb->A[o] * pow(what[o], invs);
        /* step 4: Walras rescaling, Σ ŵ H = μ (Σ R + injections)/(1 − μ) */
        double swh = 0.0, sE = 0.0, sw = 0.0;
        for (size_t o = 0; o < n; o++) {
            swh += what[o] * pb->H[o];
            sw += w[o] * pb->H[o];
            sE += E[o];
        }
        double c = mu * (sumR + pb->injection) / ((1.0 - mu) * swh);
        /* step 5: residual and damped update in logs */
        double r = 0.0;
        size_t worst = 0;
        for (size_t o = 0; o < n; o++) {
            double lw = log(w[o]), lh = log(c * what[o]);
            double dlt = fabs(lh - lw);
            if (!(dlt <= r)) { /* also catches NaN */
                r = dlt;
                worst = o;
            }
            what[o] = lh;
        }
        double walras = fabs(sw - mu * sE) / sE;
        info->iterations = it;
        info->residual = r;
        info->walras_residual = walras;
        info->worst_region = worst;
        if (!isfinite(r)) {
            rc = rc_error_set(err, RC_ENUMERIC,
                              "equilibrium: wages became non-finite at iteration %zu (region %zu)",
                              it, worst + 1);
            break;
        }
        if (r <= tol && walras <= 1e-10)
            break;
        if (it >= max_iter) {
            rc = rc_error_set(err, RC_ENUMERIC,
                              "equilibrium did not converge in %zu iterations: residual %.3g at "
                              "region %zu (tolerance %.3g); raise solver.max_iter or lower "
                              "solver.damping",
                              max_iter, r, worst + 1, tol);
            break;
        }
        if (r > prev_r && prev_r > prev2_r)
            theta = fmax(theta / 2.0, 0.05);
        prev2_r = prev_r;
        prev_r = r;
        for (size_t o = 0; o < n; o++)
            w[o] = exp((1.0 - theta) * log(w[o]) + theta * what[o]);
    }
    free(a), free(b), free(g1), free(what), free(As);
    return rc;
}
