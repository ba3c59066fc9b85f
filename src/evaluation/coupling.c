/* coupling.c — coupling degree, coordination degree, grades and the lagging subsystem
 * (methods/04 §5). */
#include "regcoord/evaluation.h"

#include <math.h>

#define ROUNDING 1e-12

/* Clamp a coefficient that should lie in [0,1] against rounding only: an excess larger than
 * ROUNDING means a wrong formula or wrong input and is reported, not hidden. */
static int clamp01(double *c, const char *what, rc_error *err)
{
    if (*c > 1 + ROUNDING || *c < -ROUNDING || !isfinite(*c))
        return rc_error_set(err, RC_ENUMERIC, "%s = %.17g lies outside [0, 1]", what, *c);
    *c = fmin(1.0, fmax(0.0, *c));
    return RC_OK;
}

int rc_coupling(double *C, const double *U, size_t n, rc_coupling_kind kind, double upper,
                rc_error *err)
{
    if (n < 2)
        return rc_error_set(err, RC_EINSUFFICIENT, "coupling needs at least 2 subsystems (got %zu)", n);
    double sum = 0, max = 0, logsum = 0;
    int zero = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(U[i]) || U[i] < -ROUNDING || U[i] > upper + ROUNDING)
            return rc_error_set(err, RC_EINPUT,
                                "coupling: subsystem score %zu is %.17g, outside [0, %g]", i,
                                U[i], upper);
        double u = fmax(U[i], 0.0);
        sum += u;
        max = fmax(max, u);
        if (u == 0)
            zero = 1;
        else
            logsum += log(u);
    }
    double c;
    if (kind == RC_COUPLING_CLASSIC) {
        /* Geometric over arithmetic mean, in logs so that many subsystems cannot underflow. */
        c = (sum > 0 && !zero) ? exp(logsum / (double)n) / (sum / (double)n) : 0.0;
    } else {
        if (max == 0 || zero) {
            c = 0.0;
        } else {
            double pairs = 0;
            for (size_t i = 0; i < n; i++)
                for (size_t j = i + 1; j < n; j++)
                    pairs += fabs(U[i] - U[j]);
            double balance = 1.0 - pairs / ((double)n * (double)(n - 1) / 2.0);
            double ratio = exp((logsum - (double)n * log(max)) / (double)(n - 1));
            c = balance > 0 ? sqrt(balance * ratio) : balance;
        }
    }
    int rc = clamp01(&c, kind == RC_COUPLING_CLASSIC ? "classic coupling C" : "coupling C_W", err);
    if (rc == RC_OK)
        *C = c;
    return rc;
}

int rc_coordination(double *T, double *D, double C, const double *U, const double *alpha,
                    size_t n, rc_error *err)
{
    if (n < 1)
        return rc_error_set(err, RC_EINSUFFICIENT, "coordination needs subsystem scores");
    double t = 0;
    for (size_t i = 0; i < n; i++)
        t += (alpha ? alpha[i] : 1.0 / (double)n) * U[i];
    if (!(C >= 0) || !(t >= -ROUNDING))
        return rc_error_set(err, RC_EINPUT, "coordination: C = %g and T = %g must be >= 0", C, t);
    if (T)
        *T = t;
    if (D)
        *D = sqrt(C * fmax(t, 0.0));
    return RC_OK;
}

int rc_coordination_grade(double D)
{
    /* Comparisons with the decimal constants, not floor(10·D): 10·0.3 is not 3 in binary. */
    static const double bounds[9] = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
    int level = 1;
    for (int i = 0; i < 9; i++)
        if (D >= bounds[i])
            level = i + 2;
    return level;
}

const char *rc_coordination_grade_name(int level, int chinese)
{
    static const char *en[10] = {
        "extreme imbalance",      "serious imbalance",      "moderate imbalance",
        "mild imbalance",         "on the verge of imbalance", "barely coordinated",
        "primary coordination",   "intermediate coordination", "good coordination",
        "high-quality coordination"};
    static const char *zh[10] = {"极度失调", "严重失调", "中度失调", "轻度失调", "濒临失调",
                                 "勉强协调", "初级协调", "中级协调", "良好协调", "优质协调"};
    if (level < 1 || level > 10)
        return NULL;
    return chinese ? zh[level - 1] : en[level - 1];
}

size_t rc_lagging_subsystem(const double *U, size_t n, double ratio)
{
    if (n == 0)
        return RC_NO_LAG;
    size_t lo = 0;
    double max = U[0];
    for (size_t i = 1; i < n; i++) {
        if (U[i] < U[lo])
            lo = i;
        max = fmax(max, U[i]);
    }
    return U[lo] >= ratio * max ? RC_NO_LAG : lo;
}
