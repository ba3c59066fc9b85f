/* shift_share.c — classic (Dunn) and Esteban-Marquillas shift-share (see regcoord/structure.h).
 *
 * The reference area includes the region (REAT's convention) unless exclude_self is set; then
 * every region gets its own national rates from the other regions' totals. */
#include "regcoord/structure.h"

#include <math.h>
#include <stdlib.h>

static int check(const double *e, size_t n, size_t K, int year, rc_error *err)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < K; k++) {
            double x = e[i * K + k];
            if (!isfinite(x) || x < 0)
                return rc_error_set(err, RC_EINPUT,
                                    "shift-share needs finite non-negative values; region %zu, "
                                    "sector %zu is %g in year %d of the pair",
                                    i, k, x, year);
        }
    return RC_OK;
}

static void put(double *a, size_t at, double v)
{
    if (a)
        a[at] = v;
}

int rc_shift_share(const rc_shift_share_parts *out, const double *e0, const double *e1,
                   size_t n, size_t K, int exclude_self, rc_error *err)
{
    if (n < (exclude_self ? 2u : 1u) || K < 1)
        return rc_error_set(err, RC_EINSUFFICIENT,
                            "shift-share needs at least %d region(s) and one sector",
                            exclude_self ? 2 : 1);
    int rc = check(e0, n, K, 0, err);
    if (rc == RC_OK)
        rc = check(e1, n, K, 1, err);
    if (rc != RC_OK)
        return rc;
    /* Sector totals of both years, then per region its total in year 0. */
    double *buf = calloc(2 * K + n, sizeof *buf);
    if (!buf)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    double *Ek0 = buf, *Ek1 = buf + K, *Ei0 = buf + 2 * K, E0 = 0, E1 = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < K; k++) {
            Ek0[k] += e0[i * K + k];
            Ek1[k] += e1[i * K + k];
            Ei0[i] += e0[i * K + k];
        }
    for (size_t k = 0; k < K; k++) {
        E0 += Ek0[k];
        E1 += Ek1[k];
    }
    for (size_t i = 0; i < n && rc == RC_OK; i++) {
        double R0 = E0, R1 = E1;
        if (exclude_self) {
            double Ei1 = 0;
            for (size_t k = 0; k < K; k++)
                Ei1 += e1[i * K + k];
            R0 -= Ei0[i];
            R1 -= Ei1;
        }
        if (!(R0 > 0)) {
            rc = rc_error_set(err, RC_EINPUT, "shift-share: the reference total of region %zu is 0 in year 0", i);
            break;
        }
        double G = R1 / R0 - 1;
        for (size_t k = 0; k < K; k++) {
            size_t at = i * K + k;
            double Rk0 = Ek0[k] - (exclude_self ? e0[at] : 0);
            double Rk1 = Ek1[k] - (exclude_self ? e1[at] : 0);
            if (!(Rk0 > 0)) {
                rc = rc_error_set(err, RC_EINPUT,
                                  "shift-share: sector %zu has a zero reference total in year 0, "
                                  "so its growth rate is undefined",
                                  k);
                break;
            }
            double g = Rk1 / Rk0 - 1;
            put(out->national_share, at, e0[at] * G);
            put(out->industry_mix, at, e0[at] * (g - G));
            /* The level form keeps RS defined for a sector new to the region (e0 = 0). */
            put(out->regional_share, at, e1[at] - e0[at] * (1 + g));
            double hom = NAN, alloc = NAN;
            if (e0[at] > 0) {
                double r = e1[at] / e0[at] - 1, ehat = Ei0[i] * Rk0 / R0;
                hom = ehat * (r - g);
                alloc = (e0[at] - ehat) * (r - g);
            }
            put(out->homothetic, at, hom);
            put(out->allocation, at, alloc);
        }
    }
    free(buf);
    return rc;
}
