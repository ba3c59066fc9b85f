/* Anderson(m) acceleration of the within-period fixed point (design §7.1 step 5,
 * `solver.anderson`): the mixing step against hand computations on affine maps, the kernel on
 * a hard case (same equilibrium, fewer iterations), no change at all before iteration 50,
 * the same bits for 1 and 2 threads, and the parse errors. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/rng.h"
#include "regcoord/simulate.h"
#include "regcoord/threads.h"
#include "simulate/sim_internal.h"

/* G(x) = M x + c in two dimensions, M = [[0.5, 0.2], [0.1, 0.8]], c = (1, 1); its fixed point
 * x* = (I − M)⁻¹ c = (1/0.08) [[0.2, 0.2], [0.1, 0.5]] (1, 1) = (5, 7.5). */
static void affine2(const double *x, double *g)
{
    g[0] = 0.5 * x[0] + 0.2 * x[1] + 1.0;
    g[1] = 0.1 * x[0] + 0.8 * x[1] + 1.0;
}

/* Mixing by hand. Depth 2 on the affine map, from x0 = 0:
 *   call 1: one pair, the plain step: x1 = g0 = (1, 1).
 *   call 2: f0 = g0 − x0 = (1, 1), f1 = g1 − x1 = (1.7, 1.9) − (1, 1) = (0.7, 0.9);
 *           ΔF = (−0.3, −0.1), γ = ΔF·f1 / ΔF·ΔF = −0.3 / 0.1 = −3, ΔG = g1 − g0 = (0.7, 0.9),
 *           x2 = g1 − γ ΔG = (1.7 + 2.1, 1.9 + 2.7) = (3.8, 4.6).
 *   call 3: two independent differences in two dimensions: Anderson type II on an affine map
 *           is then exact (ΔF γ = f_k gives ΔX γ = x_k − x*, so g_k − M ΔX γ = x*): (5, 7.5).
 * Depth 1 keeps only the last two pairs, so call 3 drops (x0, g0): g2 = G(3.8, 4.6) =
 * (3.82, 5.06), f2 = (0.02, 0.46), ΔF = f2 − f1 = (−0.68, −0.44), γ = ΔF·f2 / ΔF·ΔF =
 * −0.216 / 0.656 = −27/82, ΔG = g2 − g1 = (2.12, 3.16),
 * x3 = (3.82 + 2.12·27/82, 5.06 + 3.16·27/82) = (4.518048780487805, 6.100487804878049). */
static void test_mix_by_hand(void **state)
{
    (void)state;
    rc_sim_anderson *aa;
    double x[2] = {0.0, 0.0}, g[2];
    assert_int_equal(rc_sim_anderson_new(&aa, 2, 2, NULL), RC_OK);
    affine2(x, g);
    assert_int_equal(rc_sim_anderson_mix(aa, x, g, x), 0);
    assert_true(x[0] == 1.0 && x[1] == 1.0);
    affine2(x, g);
    assert_int_equal(rc_sim_anderson_mix(aa, x, g, x), 1);
    assert_abs(x[0], 3.8, 1e-14);
    assert_abs(x[1], 4.6, 1e-14);
    affine2(x, g);
    assert_int_equal(rc_sim_anderson_mix(aa, x, g, x), 1);
    assert_abs(x[0], 5.0, 1e-13);
    assert_abs(x[1], 7.5, 1e-13);
    /* after a reset the history is empty: the plain step again */
    rc_sim_anderson_reset(aa);
    assert_null(rc_sim_anderson_last_image(aa));
    x[0] = x[1] = 0.0;
    affine2(x, g);
    assert_int_equal(rc_sim_anderson_mix(aa, x, g, x), 0);
    assert_true(x[0] == 1.0 && x[1] == 1.0);
    rc_sim_anderson_free(aa);

    assert_int_equal(rc_sim_anderson_new(&aa, 2, 1, NULL), RC_OK);
    x[0] = x[1] = 0.0;
    for (int k = 0; k < 3; k++) {
        affine2(x, g);
        rc_sim_anderson_mix(aa, x, g, x);
        if (k == 1) {
            assert_abs(x[0], 3.8, 1e-14);
            assert_abs(x[1], 4.6, 1e-14);
        }
    }
    assert_abs(x[0], 3.82 + 2.12 * 27.0 / 82.0, 1e-13);
    assert_abs(x[1], 5.06 + 3.16 * 27.0 / 82.0, 1e-13);
    assert_abs(x[0], 4.518048780487805, 1e-13);
    assert_abs(x[1], 6.100487804878049, 1e-13);
    /* the newest plain image is g2 = (3.82, 5.06) */
    const double *last = rc_sim_anderson_last_image(aa);
    assert_abs(last[0], 3.82, 1e-14);
    assert_abs(last[1], 5.06, 1e-14);
    rc_sim_anderson_free(aa);

    /* one dimension, G(x) = 0.9 x + 0.3: the secant step lands on x* = 0.3 / 0.1 = 3 */
    assert_int_equal(rc_sim_anderson_new(&aa, 1, 5, NULL), RC_OK);
    double y = 0.0, gy = 0.3;
    rc_sim_anderson_mix(aa, &y, &gy, &y);
    gy = 0.9 * y + 0.3;
    assert_int_equal(rc_sim_anderson_mix(aa, &y, &gy, &y), 1);
    assert_abs(y, 3.0, 1e-14);
    /* a repeated pair gives a zero difference column: no direction, the plain step */
    gy = 0.9 * y + 0.3;
    double y2 = y;
    rc_sim_anderson_mix(aa, &y, &gy, &y);
    assert_abs(y, y2, 1e-14);
    rc_sim_anderson_free(aa);

    /* non-finite values never leave the mixing: the plain image comes back instead.
     * (a) f overflows: x1 = −1e308, g1 = 1e308 make f1 = g1 − x1 = ∞. */
    assert_int_equal(rc_sim_anderson_new(&aa, 1, 5, NULL), RC_OK);
    y = 0.0, gy = 0.0;
    rc_sim_anderson_mix(aa, &y, &gy, &y);
    y = -1e308, gy = 1e308;
    assert_int_equal(rc_sim_anderson_mix(aa, &y, &gy, &y), 0);
    assert_true(y == 1e308);
    rc_sim_anderson_reset(aa);
    /* (b) the mixed value overflows: x0 = 0, g0 = 2^1000; x1 = 2^1000, g1 = 2^1001 + 2^960, so
     * f0 = 2^1000, f1 = 2^1000 + 2^960 (exact), γ = f1/(f1 − f0) = 2^40 + 1 and
     * γ (g1 − g0) = (2^40 + 1)(2^1000 + 2^960) > DBL_MAX: the result would be −∞. */
    y = 0.0, gy = ldexp(1.0, 1000);
    rc_sim_anderson_mix(aa, &y, &gy, &y);
    y = ldexp(1.0, 1000), gy = ldexp(1.0, 1001) + ldexp(1.0, 960);
    assert_int_equal(rc_sim_anderson_mix(aa, &y, &gy, &y), 0);
    assert_true(y == ldexp(1.0, 1001) + ldexp(1.0, 960));
    rc_sim_anderson_free(aa);
}

/* A within-period problem on n regions at seeded random points of the unit square, with
 * φ_od = exp(−(σ − 1) τ d_od). */
typedef struct {
    size_t n;
    double sigma, mu;
    double *phi, *H, *R, *A, *px, *py;
} eq_case;

static void eq_case_alloc(eq_case *c, size_t n, double sigma, double mu)
{
    c->n = n;
    c->sigma = sigma;
    c->mu = mu;
    c->phi = malloc(n * n * sizeof *c->phi);
    c->H = malloc(5 * n * sizeof *c->H);
    c->R = c->H + n;
    c->A = c->H + 2 * n;
    c->px = c->H + 3 * n;
    c->py = c->H + 4 * n;
}

static void eq_case_phi(eq_case *c, double tau)
{
    for (size_t o = 0; o < c->n; o++)
        for (size_t d = 0; d < c->n; d++)
            c->phi[o * c->n + d] =
                exp(-(c->sigma - 1.0) * tau * hypot(c->px[o] - c->px[d], c->py[o] - c->py[d]));
}

static void eq_case_free(eq_case *c)
{
    free(c->phi);
    free(c->H);
}

/* Solve from w = 1; the iterations, and the kernel's report in *info. */
static size_t eq_solve(const eq_case *c, double *w, size_t anderson, double tol,
                       rc_sim_eq_info *info)
{
    double *G = malloc(2 * c->n * sizeof *G), *E = G + c->n;
    rc_sim_eq_problem pb = {c->n, c->sigma, c->mu, c->phi, NULL, c->H, c->R, c->A, 0.0, NULL,
                            NULL, tol, 100000, 1.0, anderson};
    rc_sim_eq_info local;
    rc_error err;
    if (!info)
        info = &local;
    for (size_t i = 0; i < c->n; i++)
        w[i] = 1.0;
    if (rc_sim_equilibrium(w, G, E, info, &pb, &err) != RC_OK)
        fail_msg("%s", err.message);
    free(G);
    return info->iterations;
}

/* The hard case: 200 regions, τ = 3, σ = 20, μ = 0.8, urban shares 0.2–0.5 of populations
 * 0.5–1.5 (costly trade: the wage map is close to autarky's, whose slope in logs is
 * (σ − 1)/σ plus 1/σ times the wage-bill share of expenditure, near 1, so the plain
 * iteration crawls). */
static void hard_init(eq_case *c)
{
    const size_t n = 200;
    eq_case_alloc(c, n, 20.0, 0.8);
    double *P = c->R, sumP = 0.0, sumH = 0.0; /* R holds the populations until the end */
    rc_rng r;
    rc_rng_init(&r, 2026, 0);
    for (size_t i = 0; i < n; i++) {
        c->px[i] = rc_rng_uniform(&r);
        c->py[i] = rc_rng_uniform(&r);
        P[i] = 0.5 + rc_rng_uniform(&r);
        sumP += P[i];
    }
    for (size_t i = 0; i < n; i++) {
        double u = 0.2 + 0.3 * rc_rng_uniform(&r), pop = P[i] / sumP;
        c->H[i] = u * pop;
        c->R[i] = (1.0 - u) * pop;
        c->A[i] = 1.0;
        sumH += c->H[i];
    }
    /* FKV normalization Σ H = μ */
    for (size_t i = 0; i < n; i++)
        c->H[i] *= c->mu / sumH;
    eq_case_phi(c, 3.0);
}

/* max |ln a − ln b| */
static double max_dlog(const double *a, const double *b, size_t n)
{
    double d = 0.0;
    for (size_t i = 0; i < n; i++)
        d = fmax(d, fabs(log(a[i]) - log(b[i])));
    return d;
}

/* Plain and Anderson(5) solves at tol 1e-13 against a reference (Anderson at 1e-15), and the
 * contraction rate q of the plain iteration from the iterations it needs for 1e-10 and 1e-13
 * (see test_hard_case). */
typedef struct {
    size_t it0, it5, it10;
    double q, bound, d05, d0r, d5r;
    rc_sim_eq_info info;
} comparison;

static void compare(comparison *c, const eq_case *e, const char *name)
{
    const size_t n = e->n;
    const double tol = 1e-13;
    double *w0 = malloc(3 * n * sizeof *w0), *w5 = w0 + n, *wref = w0 + 2 * n;
    c->it0 = eq_solve(e, w0, 0, tol, NULL);
    c->it5 = eq_solve(e, w5, 5, tol, &c->info);
    c->it10 = eq_solve(e, wref, 0, 1e-10, NULL);
    eq_solve(e, wref, 5, 1e-15, NULL);
    c->q = pow(10.0, -3.0 / (double)(c->it0 - c->it10));
    c->bound = tol / (1.0 - c->q);
    c->d05 = max_dlog(w0, w5, n);
    c->d0r = max_dlog(w0, wref, n);
    c->d5r = max_dlog(w5, wref, n);
    print_message("%s case: %zu iterations plain (%zu to 1e-10, q = %.4f), %zu with anderson 5 "
                  "(%zu mixed, %zu rejected); max |d ln w|: plain vs anderson %.3g, plain vs ref "
                  "%.3g, anderson vs ref %.3g; bound %.3g\n", name, c->it0, c->it10, c->q,
                  c->it5, c->info.anderson_mixed, c->info.anderson_rejected, c->d05, c->d0r,
                  c->d5r, c->bound);
    free(w0);
}

/* The same fixed point with and without Anderson(5), in far fewer iterations (measured on
 * this case, tol 1e-13: plain 1,890 iterations, Anderson(5) 265, the first 50 plain).
 * How close "the same" can be: for a map contracting at rate q, a point with residual r lies
 * about r/(1 − q) from the fixed point, whichever method found it. q is measured from the
 * plain run itself: going from tol 1e-10 (1,299 iterations) to 1e-13 takes k = 591 more, so
 * q = 10^(−3/k) = 0.9884 and tol/(1 − q) = 8.6e-12. Against a reference solved to 1e-15,
 * Anderson must be within tol/(1 − q), the plain answer within twice that (q is an estimate),
 * and so the two within 2 tol/(1 − q) of each other. Measured: Anderson vs reference 5.1e-12,
 * plain vs reference 8.6e-12, plain vs Anderson 1.1e-11. (10 tol = 1e-12 would be too strict
 * for any method on this case: the plain iteration's own stopping point is 86 tol from the
 * fixed point.) */
static void test_hard_case(void **state)
{
    (void)state;
    eq_case h;
    hard_init(&h);
    comparison c;
    compare(&c, &h, "hard");
    assert_true(c.it0 > 1500);
    assert_true(c.it5 * 5 < c.it0);
    /* every step after the 50 plain ones and the first of the history was a mixed one */
    assert_int_equal(c.info.anderson_mixed, c.it5 - 51);
    assert_int_equal(c.info.anderson_rejected, 0);
    assert_true(c.d5r <= c.bound);
    assert_true(c.d0r <= 2 * c.bound);
    assert_true(c.d05 <= 2 * c.bound);
    eq_case_free(&h);
}

/* The guard: a case where some mixed steps raise the residual more than 30-fold, so they are
 * rejected and the plain step is taken instead (20 regions, τ = 3, σ = 30, μ = 0.9, urban
 * populations exp(10 z) and productivities exp(z), z standard normal: very unequal regions).
 * Measured: plain 3,380 iterations; Anderson(5) 204, with 73 mixed steps, 40 of them rejected
 * (Anderson vs reference 4.6e-13, plain vs reference 1.3e-11, tol/(1 − q) = 1.3e-11). The
 * solve still reaches the fixed point (within tol/(1 − q) of a reference, q measured as in the
 * hard case) and still in far fewer iterations. */
static void guard_init(eq_case *c)
{
    const size_t n = 20;
    eq_case_alloc(c, n, 30.0, 0.9);
    rc_rng r;
    rc_rng_init(&r, 7, 0);
    double sumH = 0.0;
    for (size_t i = 0; i < n; i++) {
        c->px[i] = rc_rng_uniform(&r);
        c->py[i] = rc_rng_uniform(&r);
        c->H[i] = exp(10.0 * rc_rng_normal(&r));
        c->R[i] = (1.0 - c->mu) / (double)n;
        c->A[i] = exp(rc_rng_normal(&r));
        sumH += c->H[i];
    }
    for (size_t i = 0; i < n; i++)
        c->H[i] *= c->mu / sumH;
    eq_case_phi(c, 3.0);
}

static void test_guard(void **state)
{
    (void)state;
    eq_case g;
    guard_init(&g);
    comparison c;
    compare(&c, &g, "guard");
    assert_true(c.info.anderson_rejected > 0);
    assert_true(c.info.anderson_mixed > c.info.anderson_rejected);
    assert_true(c.it5 * 5 < c.it0);
    assert_true(c.d5r <= c.bound);
    assert_true(c.d0r <= 2 * c.bound);
    eq_case_free(&g);
}

/* Before iteration 50 nothing changes: a problem that converges earlier gives the same bits
 * with anderson 0 and 20 (two-region CP at φ = 0.3: 20 iterations). */
static void test_easy_case_unchanged(void **state)
{
    (void)state;
    const double P[4] = {1.0, 0.3, 0.3, 1.0}, H[2] = {0.25, 0.15}, R[2] = {0.3, 0.3};
    const double A[2] = {1.0, 1.0};
    double w[2][2], G[2][2], E[2][2];
    size_t its[2];
    for (int k = 0; k < 2; k++) {
        rc_sim_eq_problem pb = {2, 5.0, 0.4, P, NULL, H, R, A, 0.0, NULL, NULL, 1e-13, 1000, 1.0,
                                k ? 20 : 0};
        rc_sim_eq_info info;
        w[k][0] = w[k][1] = 1.0;
        assert_int_equal(rc_sim_equilibrium(w[k], G[k], E[k], &info, &pb, NULL), RC_OK);
        its[k] = info.iterations;
    }
    print_message("easy case: %zu iterations\n", its[0]);
    assert_true(its[0] < 50);
    assert_int_equal(its[0], its[1]);
    assert_memory_equal(w[0], w[1], sizeof w[0]);
    assert_memory_equal(G[0], G[1], sizeof G[0]);
    assert_memory_equal(E[0], E[1], sizeof E[0]);
}

static rc_sim_result *run_threads(const rc_sim_scenario *sc, int threads)
{
    rc_sim_result *res;
    rc_error err;
    rc_set_threads(threads);
    if (rc_sim_run(&res, sc, &err) != RC_OK)
        fail_msg("%s", err.message);
    return res;
}

/* A run with anderson 5 gives the same bits for 1 and 2 threads: 1,024 regions (the kernel's
 * mat-vecs run in parallel from 1,000), random shocks, costly trade so that the mixing runs
 * (the summary's iterations are above 50 in every period). */
static void test_threads(void **state)
{
    (void)state;
    const char *json =
        "{\"format\": \"regcoord-scenario/1\", \"seed\": 3, \"periods\": {\"count\": 2},"
        " \"regions\": {\"generator\": \"racetrack\", \"n\": 1024, \"perturbation\": \"sin\"},"
        " \"geography\": {\"type\": \"racetrack\", \"tau\": 0.5},"
        " \"model\": {\"sigma\": 10, \"mu\": 0.8}, \"shocks\": {\"sd\": 0.05, \"rho\": 0.5},"
        " \"migration\": {\"gamma\": 1}, \"solver\": {\"anderson\": 5}}";
    rc_sim_scenario *sc;
    rc_error err;
    assert_int_equal(rc_sim_scenario_parse(&sc, json, "threads", &err), RC_OK);
    rc_sim_result *a = run_threads(sc, 1), *b = run_threads(sc, 2);
    rc_set_threads(0);
    const rc_panel *pa = rc_sim_result_panel(a), *pb = rc_sim_result_panel(b);
    size_t n = rc_panel_nregions(pa), T = rc_panel_nyears(pa);
    for (size_t v = 0; v < rc_panel_nvars(pa); v++)
        assert_memory_equal(rc_panel_var_data(pa, v), rc_panel_var_data(pb, v),
                            n * T * sizeof(double));
    const rc_table *sa = rc_sim_result_summary(a), *sb = rc_sim_result_summary(b);
    size_t c;
    assert_int_equal(rc_table_find_column(sa, "iterations", &c), RC_OK);
    for (size_t t = 0; t < T; t++) {
        double ia = rc_table_column_type(sa, c) == RC_COL_INT ? (double)rc_table_get_int(sa, t, c)
                                                             : rc_table_get_dbl(sa, t, c);
        double ib = rc_table_column_type(sb, c) == RC_COL_INT ? (double)rc_table_get_int(sb, t, c)
                                                             : rc_table_get_dbl(sb, t, c);
        assert_true(ia > 50);
        assert_true(ia == ib);
    }
    rc_sim_result_free(a);
    rc_sim_result_free(b);
    rc_sim_scenario_free(sc);
}

/* solver.anderson: an integer from 0 to 20; anything else names the file and the key. */
static void test_parse(void **state)
{
    (void)state;
    const char *bad[] = {"-1", "2.5", "21", "\"5\""};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        char json[256];
        snprintf(json, sizeof json,
                 "{\"format\": \"regcoord-scenario/1\", \"regions\": {\"generator\": \"two\"},"
                 " \"solver\": {\"anderson\": %s}}", bad[k]);
        rc_sim_scenario *sc = (rc_sim_scenario *)1;
        rc_error err;
        assert_int_equal(rc_sim_scenario_parse(&sc, json, "aa.json", &err), RC_EINPUT);
        assert_non_null(strstr(err.message, "aa.json"));
        assert_non_null(strstr(err.message, "solver.anderson"));
    }
    const char *good[] = {"0", "5", "20"};
    for (size_t k = 0; k < 3; k++) {
        char json[256];
        snprintf(json, sizeof json,
                 "{\"format\": \"regcoord-scenario/1\", \"regions\": {\"generator\": \"two\"},"
                 " \"solver\": {\"anderson\": %s}}", good[k]);
        rc_sim_scenario *sc;
        rc_error err;
        assert_int_equal(rc_sim_scenario_parse(&sc, json, "aa.json", &err), RC_OK);
        assert_int_equal(sc->anderson, (size_t)atoi(good[k]));
        rc_sim_scenario_free(sc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mix_by_hand),
        cmocka_unit_test(test_hard_case),
        cmocka_unit_test(test_guard),
        cmocka_unit_test(test_easy_case_unchanged),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
