/* Simulation model (RCM): validation targets V1–V13 of ../shared/design/simulation.md §5,
 * one test (or a few) per target, in the order of the design. Sources of the expected values
 * are named at each target: closed forms (CF) from Krugman (1991), FKV (1999) ch. 5–6,
 * Akamatsu et al. (2012) and the design's own derivations (Appendix A), evaluated to 10
 * digits in the design; "proto" values come from the design authors' independent prototype. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/disparity.h"
#include "regcoord/simulation.h"

/* ---- helpers: the pure CP short run (FKV normalization, A = 1) ----------------------- */

/* Two-region CP at freeness phi with urban share lambda of region 1: w, G, ω (2 each). */
static void cp2(double *w, double *G, double *om, double sigma, double mu, double phi,
                double lambda)
{
    const double P[4] = {1.0, phi, phi, 1.0};
    const double H[2] = {mu * lambda, mu * (1.0 - lambda)};
    const double R[2] = {(1.0 - mu) / 2, (1.0 - mu) / 2};
    const double A[2] = {1.0, 1.0};
    double E[2];
    rc_sim_eq_problem pb = {2, sigma, mu, P, NULL, H, R, A, 0.0, NULL, NULL, 1e-14, 100000, 1.0};
    w[0] = w[1] = 1.0;
    rc_error err;
    int rc = rc_sim_equilibrium(w, G, E, NULL, &pb, &err);
    if (rc != RC_OK)
        fail_msg("%s", err.message);
    for (int i = 0; i < 2; i++)
        om[i] = w[i] * pow(G[i], -mu);
}

/* n-region CP with freeness matrix phi and urban shares lam[]: ω[] (and w, G if wanted). */
static void cpn(double *om, double *w, double *G, const double *phi, size_t n, double sigma,
                double mu, const double *lam)
{
    double *H = malloc(n * sizeof *H), *R = malloc(n * sizeof *R), *A = malloc(n * sizeof *A);
    double *E = malloc(n * sizeof *E);
    for (size_t i = 0; i < n; i++) {
        H[i] = mu * lam[i];
        R[i] = (1.0 - mu) / (double)n;
        A[i] = 1.0;
        w[i] = 1.0;
    }
    rc_sim_eq_problem pb = {n, sigma, mu, phi, NULL, H, R, A, 0.0, NULL, NULL, 1e-14, 100000, 1.0};
    rc_error err;
    if (rc_sim_equilibrium(w, G, E, NULL, &pb, &err) != RC_OK)
        fail_msg("%s", err.message);
    for (size_t i = 0; i < n; i++)
        om[i] = w[i] * pow(G[i], -mu);
    free(H), free(R), free(A), free(E);
}

/* d(ω1 − ω2)/dλ at λ = ½ by the symmetric difference (ε = 1e−6, design V1(b)). */
static double break_slope(double sigma, double mu, double phi)
{
    double w[2], G[2], op[2], om[2];
    cp2(w, G, op, sigma, mu, phi, 0.5 + 1e-6);
    cp2(w, G, om, sigma, mu, phi, 0.5 - 1e-6);
    return ((op[0] - op[1]) - (om[0] - om[1])) / 2e-6;
}

/* ω2/ω1 with all urban workers in region 1. */
static double sustain_ratio(double sigma, double mu, double phi)
{
    double w[2], G[2], o[2];
    cp2(w, G, o, sigma, mu, phi, 1.0);
    return o[1] / o[0];
}

/* Bisection of a sign change of fn on [lo, hi] to relative width 1e−9. */
static double bisect(double (*fn)(double, double, double), double sigma, double mu, double target,
                     double lo, double hi)
{
    double flo = fn(sigma, mu, lo) - target;
    while (hi - lo > 1e-10 * hi) {
        double mid = 0.5 * (lo + hi), fm = fn(sigma, mu, mid) - target;
        if ((fm < 0) == (flo < 0))
            lo = mid, flo = fm;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

/* The seven parameter sets of V1–V2 with φ_B and φ_S (design §5, CF). */
static const double V12[7][4] = {
    {5, 0.4, 0.1428571429, 0.0937274452}, {4, 0.3, 0.2307692308, 0.1946950941},
    {6, 0.5, 0.0833333333, 0.0314828234}, {3, 0.2, 0.3589743590, 0.3389791555},
    {8, 0.6, 0.0466101695, 0.0059731267}, {4, 0.2, 0.3859649123, 0.3696212239},
    {10, 0.4, 0.1648351648, 0.1217277033},
};

/* ---- V1–V2 ----------------------------------------------------------------------------- */

/* V1–V2(a): the analytic break and sustain points (Krugman 1991; FKV ch. 5). The design
 * prints 10 decimals, so the tolerance is half a unit of the last one relative to the value. */
static void test_v1_v2_closed_forms(void **state)
{
    (void)state;
    for (int k = 0; k < 7; k++) {
        double s = V12[k][0], mu = V12[k][1], phs;
        assert_abs(rc_cp_break_point(s, mu), V12[k][2], 5e-11);
        assert_abs(rc_cp_break_point_n(s, mu, 2), V12[k][2], 5e-11);
        assert_int_equal(rc_cp_sustain_point(&phs, s, mu, 2, NULL), RC_OK);
        assert_abs(phs, V12[k][3], 5e-11);
        /* T = φ^(1/(1−σ)) as printed for the first row */
        if (k == 0) {
            assert_abs(pow(rc_cp_break_point(s, mu), 1 / (1 - s)), 1.6265765617, 5e-11);
            assert_abs(pow(phs, 1 / (1 - s)), 1.8073127199, 5e-11);
        }
    }
    double phs;
    rc_error err;
    assert_int_equal(rc_cp_sustain_point(&phs, 5, 0.9, 2, &err), RC_EUSAGE); /* black hole */
    assert_non_null(strstr(err.message, "mu"));
}

/* V1–V2(b): the same points through the kernel: signs at ±1 % (proto magnitudes for σ = 5,
 * μ = 0.4: −3.069e−3, +3.010e−3; ω2/ω1 = 1.00092550, 0.99908612), then bisection on the
 * kernel within 1e−6 relative of the closed forms for all seven sets. */
static void test_v1_v2_through_kernel(void **state)
{
    (void)state;
    double pb = 1.0 / 7.0, ps = 0.0937274452;
    assert_rel(break_slope(5, 0.4, 0.99 * pb), -3.069e-3, 5e-4);
    assert_rel(break_slope(5, 0.4, 1.01 * pb), 3.010e-3, 5e-4);
    assert_abs(sustain_ratio(5, 0.4, 0.99 * ps), 1.00092550, 1e-8);
    assert_abs(sustain_ratio(5, 0.4, 1.01 * ps), 0.99908612, 1e-8);
    for (int k = 0; k < 7; k++) {
        double s = V12[k][0], mu = V12[k][1];
        double fb = bisect(break_slope, s, mu, 0.0, 0.5 * V12[k][2], 1.5 * V12[k][2]);
        assert_rel(fb, V12[k][2], 1e-6);
        double fs = bisect(sustain_ratio, s, mu, 1.0, 0.5 * V12[k][3], 0.5 * (V12[k][3] + V12[k][2]));
        assert_rel(fs, V12[k][3], 1e-6);
    }
}

/* ---- V3 -------------------------------------------------------------------------------- */

/* V3: FKV's ω1 − ω2 diagram settings (σ = 5, μ = 0.4); values from two independent codes
 * (design §5 V3) and the CF at λ = ½. Tolerance 1e−9 absolute. */
static void test_v3_two_region_equilibria(void **state)
{
    (void)state;
    static const double rows[][8] = {
        /* T, λ, w1, w2, G1, G2, ω1 − ω2 */
        {1.5, 0.50, 1, 1, 1.1368045943, 1.1368045943, 0},
        {1.5, 0.75, 0.9853036337, 1.0440890990, 1.0453892852, 1.2843046409, 0.0233145241},
        {1.5, 1.00, 1, 1.1062814600, 1, 1.5, 0.0593476809},
        {1.7, 0.60, 0.9784972126, 1.0322541810, 1.0945629350, 1.2344263338, -0.0050928303},
        {1.7, 0.80, 0.9713223743, 1.1147105030, 1.0226647607, 1.4330079802, -0.0026470812},
        {1.7, 0.90, 0.9821340532, 1.1607935210, 1.0066359898, 1.5553171326, 0.0067305451},
        {1.7, 1.00, 1, 1.2095984249, 1, 1.7, 0.0217234482},
        {2.1, 0.75, 0.9338366335, 1.1984900994, 1.0018941283, 1.5530731367, -0.0718505739},
        {2.1, 1.00, 1, 1.4247343089, 1, 2.1, -0.0588785841},
    };
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        const double *r = rows[k];
        double w[2], G[2], om[2];
        cp2(w, G, om, 5, 0.4, pow(r[0], -4.0), r[1]);
        assert_abs(w[0], r[2], 1e-9);
        assert_abs(w[1], r[3], 1e-9);
        assert_abs(G[0], r[4], 1e-9);
        assert_abs(G[1], r[5], 1e-9);
        assert_abs(om[0] - om[1], r[6], 1e-9);
    }
    /* interior equilibria ω1 = ω2 (proto, bisection to 1e−8) */
    static const double interior[3][2] = {{1.65, 0.692622592}, {1.70, 0.834886836},
                                           {1.75, 0.924905985}};
    for (int k = 0; k < 3; k++) {
        double phi = pow(interior[k][0], -4.0), lo = 0.55, hi = 0.99;
        double w[2], G[2], om[2];
        cp2(w, G, om, 5, 0.4, phi, lo);
        double flo = om[0] - om[1];
        while (hi - lo > 1e-11) {
            double mid = 0.5 * (lo + hi);
            cp2(w, G, om, 5, 0.4, phi, mid);
            if ((om[0] - om[1] < 0) == (flo < 0))
                lo = mid;
            else
                hi = mid;
        }
        assert_abs(0.5 * (lo + hi), interior[k][1], 2e-9);
    }
}

/* ---- V5 -------------------------------------------------------------------------------- */

static double *equidistant(size_t n, double phi)
{
    double *P = malloc(n * n * sizeof *P);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            P[i * n + j] = i == j ? 1.0 : phi;
    return P;
}

static double *star(size_t n, double phi)
{
    double *P = malloc(n * n * sizeof *P);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            P[i * n + j] = i == j ? 1.0 : (i == 0 || j == 0) ? phi : phi * phi;
    return P;
}

/* Smallest φ in (lo, hi) above which a core at `core` of the star is sustainable. */
static double star_threshold(size_t n, size_t core, double lo, double hi)
{
    while (hi - lo > 1e-13) {
        double mid = 0.5 * (lo + hi), om;
        double *P = star(n, mid);
        assert_int_equal(rc_cp_sustain_check(&om, NULL, P, n, core, 5, 0.4, NULL), RC_OK);
        free(P);
        if (om < 1.0)
            hi = mid;
        else
            lo = mid;
    }
    return 0.5 * (lo + hi);
}

/* V5: N equidistant regions (Castro, Correia-da-Silva & Mossay 2012; CF of the design),
 * checked through the kernel at ±1 %; the star topology (P2; Barbero & Zofío 2016
 * qualitatively) and the P2 values against the solver at N = 5, φ = 0.2 (1e−12). */
static void test_v5_equidistant_and_star(void **state)
{
    (void)state;
    static const double tab[3][8] = {
        {5, 0.4, 0.1000000000, 0.0440938378, 0.0769230769, 0.0249048105},
        {4, 0.3, 0.1666666667, 0.1095293339, 0.1304347826, 0.0692696626},
        {6, 0.5, 0.0571428571, 0.0116903469, 0.0434782609, 0.0056849083},
    };
    for (int k = 0; k < 3; k++) {
        double s = tab[k][0], mu = tab[k][1];
        for (size_t n = 3; n <= 4; n++) {
            double pb = tab[k][2 + 2 * (n - 3)], ps = tab[k][3 + 2 * (n - 3)], phs;
            assert_abs(rc_cp_break_point_n(s, mu, n), pb, 5e-11);
            assert_int_equal(rc_cp_sustain_point(&phs, s, mu, n, NULL), RC_OK);
            assert_abs(phs, ps, 5e-11);
            /* kernel: at the uniform state a shift of workers into region 0 raises its real
             * wage relative to the others iff φ < φ_B (all non-uniform modes share f) */
            for (int side = -1; side <= 1; side += 2) {
                double phi = pb * (1 + 0.01 * side), lam[4], om[4], w[4], G[4];
                double *P = equidistant(n, phi);
                for (size_t i = 0; i < n; i++)
                    lam[i] = (i == 0 ? 1.0 + 1e-4 * (double)(n - 1) : 1.0 - 1e-4) / (double)n;
                cpn(om, w, G, P, n, s, mu, lam);
                assert_true(side < 0 ? om[0] < om[1] : om[0] > om[1]);
                /* core sustainable iff φ > φ_S: all others' real wage below the core's */
                phi = ps * (1 + 0.01 * side);
                free(P);
                P = equidistant(n, phi);
                for (size_t i = 0; i < n; i++)
                    lam[i] = i == 0;
                cpn(om, w, G, P, n, s, mu, lam);
                assert_true(side < 0 ? om[1] > om[0] : om[1] < om[0]);
                free(P);
            }
        }
    }
    assert_abs(star_threshold(3, 0, 0.001, 0.999), 0.0405273148, 5e-11);
    assert_abs(star_threshold(3, 1, 0.001, 0.999), 0.2099853275, 5e-11);
    assert_abs(star_threshold(5, 0, 0.001, 0.999), 0.0144440968, 5e-11);
    assert_abs(star_threshold(5, 1, 0.001, 0.999), 0.2675075936, 5e-11);
    double *P = star(5, 0.2), om[5], w[5], G[5], omp2[5], ommax;
    const double lam[5] = {0, 1, 0, 0, 0};
    cpn(om, w, G, P, 5, 5, 0.4, lam);
    assert_int_equal(rc_cp_sustain_check(&ommax, omp2, P, 5, 1, 5, 0.4, NULL), RC_OK);
    free(P);
    assert_abs(w[1], 1, 1e-12);
    assert_abs(G[1], 1, 1e-12);
    assert_abs(w[0], 1.201508548046, 1e-12);
    assert_abs(G[0], 1.495348781221, 1e-12);
    assert_abs(om[0], 1.0228921942, 5e-11);
    assert_abs(omp2[0], om[0], 1e-12);
    assert_abs(ommax, om[0], 1e-12);
    for (int d = 2; d < 5; d++) {
        assert_abs(w[d], 1.275862567723, 1e-12);
        assert_abs(G[d], 2.236067977500, 1e-12);
        assert_abs(om[d], 0.9247192427, 5e-11);
        assert_abs(omp2[d], om[d], 1e-12);
    }
}

/* ---- V6 -------------------------------------------------------------------------------- */

static double *racetrack(size_t K, double r)
{
    double *P = malloc(K * K * sizeof *P);
    for (size_t i = 0; i < K; i++)
        for (size_t j = 0; j < K; j++) {
            size_t d = i > j ? i - j : j - i;
            if (K - d < d)
                d = K - d;
            P[i * K + j] = pow(r, (double)d);
        }
    return P;
}

/* V6(a): racetrack K = 12, r = 0.3 — finite-difference response of ω to a cosine
 * perturbation of mode k against K·Γ(f_k) (P1; Akamatsu et al. 2012), 1e−6 relative; the
 * design's CF columns to their 8 decimals. */
static void test_v6a_racetrack_eigenvalues(void **state)
{
    (void)state;
    static const double tab[6][2] = {{0.86032268, -0.80622223}, {0.62025316, 0.36067143},
                                     {0.45019719, 0.48477705}, {0.35251799, 0.46257680},
                                     {0.30486475, 0.43365377}, {0.28994083, 0.42236501}};
    const size_t K = 12;
    double *P = racetrack(K, 0.3);
    for (size_t k = 1; k <= 6; k++) {
        double f = rc_racetrack_f(K, k, 0.3), g = (double)K * rc_cp_mode_gamma(f, 5, 0.4);
        assert_abs(f, tab[k - 1][0], 5e-9);
        assert_abs(g, tab[k - 1][1], 5e-9);
        double lam[12], op[12], om[12], w[12], G[12];
        const double eps = 1e-6;
        for (size_t i = 0; i < K; i++)
            lam[i] = (1 + eps * cos(2 * M_PI * (double)(k * i % K) / K)) / K;
        cpn(op, w, G, P, K, 5, 0.4, lam);
        for (size_t i = 0; i < K; i++)
            lam[i] = (1 - eps * cos(2 * M_PI * (double)(k * i % K) / K)) / K;
        cpn(om, w, G, P, K, 5, 0.4, lam);
        double om0 = 0.5 * (op[0] + om[0]);
        double fd = (op[0] - om[0]) / (2 * eps / K) / om0;
        assert_rel(fd, g, 1e-6);
    }
    free(P);
}

/* V6(b): break point of every racetrack mode (CF, root of f_k(r) = f*), and the alternating
 * mode's closed form (1 − √f*)/(1 + √f*) (Appendix A.1). */
static void test_v6b_racetrack_break_points(void **state)
{
    (void)state;
    static const double k8[4] = {0.2981587466, 0.1270166538, 0.0822596369, 0.0717967697};
    static const double k12[6] = {0.4276208320, 0.2087121525, 0.1270199594,
                                   0.0916730868, 0.0762200068, 0.0717967697};
    double r;
    for (size_t k = 1; k <= 4; k++) {
        assert_int_equal(rc_racetrack_break(&r, 8, k, 5, 0.4, NULL), RC_OK);
        assert_abs(r, k8[k - 1], 5e-11);
    }
    for (size_t k = 1; k <= 6; k++) {
        assert_int_equal(rc_racetrack_break(&r, 12, k, 5, 0.4, NULL), RC_OK);
        assert_abs(r, k12[k - 1], 5e-11);
    }
    double fs = rc_cp_f_star(5, 0.4);
    assert_rel(fs, 0.75, 1e-15);
    assert_rel((1 - sqrt(fs)) / (1 + sqrt(fs)), k12[5], 1e-9);
    assert_abs(pow((1 - sqrt(fs)) / (1 + sqrt(fs)), -0.25), 1.9318516526, 5e-11);
    /* (d) kubohiroya defaults: K = 12, μ = 0.2, σ = 4, r = 2^(−1/2): all six modes unstable */
    for (size_t k = 1; k <= 6; k++)
        assert_true(rc_cp_mode_gamma(rc_racetrack_f(12, k, pow(2, -0.5)), 4, 0.2) > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_v1_v2_closed_forms),
        cmocka_unit_test(test_v1_v2_through_kernel),
        cmocka_unit_test(test_v3_two_region_equilibria),
        cmocka_unit_test(test_v5_equidistant_and_star),
        cmocka_unit_test(test_v6a_racetrack_eigenvalues),
        cmocka_unit_test(test_v6b_racetrack_break_points),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
