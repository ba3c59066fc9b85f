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

/* Anderson mixing (solver.anderson) starts at this iteration: the plain iterates up to it are
 * the same as without it, and easy solves (14–49 iterations, §7.1) never pay for it. */
#define RC_AA_START 50
/* A mixed iterate whose residual exceeds this multiple of the residual it came from is
 * rejected. Anderson residuals are not monotone: on slow problems (contraction near 1) the
 * first secant-like steps overshoot and the residual jumps tenfold before it falls, so a
 * factor 10 threw away useful steps (measured: 296 instead of 169 iterations on a 50-region
 * case), while without a limit a deep history (m = 20) wandered for 1,754 iterations where
 * 30 gives 953. A jump beyond 30 means the linear model fitted to the history does not hold
 * where the step landed. */
#define RC_AA_REJECT 30.0

/* One step of x = ln w with Anderson mixing (design §7.1 step 5). lhat = ln ŵ after the
 * Walras rescaling (overwritten), x scratch of n doubles, r the residual at w, *from the
 * residual at the iterate the last mixed step came from (NaN after a plain step). Returns 1
 * for a mixed step, 0 for a plain one, −1 when the last mixed step was rejected. */
static int aa_step(rc_sim_anderson *aa, double *w, double *lhat, double *x, double theta,
                   double r, double *from, size_t n)
{
    const double *g_prev = rc_sim_anderson_last_image(aa);
    if (!isnan(*from) && g_prev && r > RC_AA_REJECT * *from) {
        /* fall back to the plain step from the iterate the mixed step came from, and start the
         * history afresh: the stored differences produced this step, and kept they would
         * propose much the same again (measured on a hard 50-region case at m = 5: 1,108
         * iterations when kept, 610 when reset) */
        for (size_t o = 0; o < n; o++)
            w[o] = exp(g_prev[o]);
        rc_sim_anderson_reset(aa);
        *from = NAN;
        return -1;
    }
    /* the plain image g = (1 − θ) x + θ ln ŵ, the damped update of step 5, in lhat */
    for (size_t o = 0; o < n; o++) {
        x[o] = log(w[o]);
        lhat[o] = (1.0 - theta) * x[o] + theta * lhat[o];
    }
    int mixed = rc_sim_anderson_mix(aa, x, lhat, x);
    for (size_t o = 0; o < n; o++) {
        w[o] = exp(x[o]);
        if (!(w[o] > 0.0) || !isfinite(w[o]))
            mixed = 0; /* a wage of 0 or ∞ ends the solve: take the plain step instead */
    }
    if (!mixed)
        for (size_t o = 0; o < n; o++)
            w[o] = exp(lhat[o]);
    *from = mixed ? r : NAN;
    return mixed;
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
    rc_sim_eq_info local = {0, INFINITY, INFINITY, 0, 0, 0};
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
    rc_sim_anderson *aa = NULL;
    double aa_r = NAN; /* residual of the iterate a mixed step came from; NaN: last step plain */
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
        /* once Anderson mixing runs, its residuals are not monotone and halving θ would change
         * the map under the stored history (measured on six slow 200-region cases: as many or
         * fewer iterations without the halving in five, e.g. 118 instead of 173); the
         * rejection guard of aa_step takes this rule's place */
        const int mixing = pb->anderson > 0 && it >= RC_AA_START;
        if (r > prev_r && prev_r > prev2_r && !mixing)
            theta = fmax(theta / 2.0, 0.05);
        prev2_r = prev_r;
        prev_r = r;
        if (!mixing) {
            for (size_t o = 0; o < n; o++)
                w[o] = exp((1.0 - theta) * log(w[o]) + theta * what[o]);
            continue;
        }
        if (!aa && (rc = rc_sim_anderson_new(&aa, n, pb->anderson, err)))
            break;
        /* a[] is free until step 2 of the next iteration: scratch for x */
        int step = aa_step(aa, w, what, a, theta, r, &aa_r, n);
        info->anderson_mixed += step > 0;
        info->anderson_rejected += step < 0;
    }
    rc_sim_anderson_free(aa);
    free(a), free(b), free(g1), free(what), free(As);
    return rc;
}
