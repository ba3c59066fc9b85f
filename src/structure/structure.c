/* structure.c — cross-sectional indices of industrial structure (see regcoord/structure.h).
 *
 * All indices work on shares s_ik = e_ik / E_i, so the region and sector totals are computed
 * once, in region order, with compensated sums (the same numbers for any caller). */
#include "regcoord/structure.h"

#include <math.h>
#include <stdlib.h>

typedef struct {
    double sum, c;
} ksum;

/* Neumaier's compensated sum: sector totals add thousands of regions of mixed size. */
static void kadd(ksum *k, double x)
{
    double t = k->sum + x;
    if (fabs(k->sum) >= fabs(x))
        k->c += (k->sum - t) + x;
    else
        k->c += (x - t) + k->sum;
    k->sum = t;
}

static double kval(const ksum *k) { return k->sum + k->c; }

/* Validate e and compute region totals Ei[n], sector totals Ek[K] (either may be NULL) and
 * the grand total. Zero totals are errors: every index here divides by them. */
static int totals(double *Ei, double *Ek, double *E, const double *e, size_t n, size_t K,
                  size_t nmin, const char *what, rc_error *err)
{
    if (n < nmin)
        return rc_error_set(err, RC_EINSUFFICIENT, "%s needs at least %zu regions (got %zu)", what,
                            nmin, n);
    if (K < 1)
        return rc_error_set(err, RC_EINSUFFICIENT, "%s needs at least one sector", what);
    ksum tot = {0, 0};
    for (size_t i = 0; i < n; i++) {
        ksum r = {0, 0};
        for (size_t k = 0; k < K; k++) {
            double x = e[i * K + k];
            if (!isfinite(x) || x < 0)
                return rc_error_set(err, RC_EINPUT,
                                    "%s needs finite non-negative values; region %zu, sector %zu is %g",
                                    what, i, k, x);
            kadd(&r, x);
        }
        if (!(kval(&r) > 0))
            return rc_error_set(err, RC_EINPUT, "%s: region %zu has a zero total", what, i);
        if (Ei)
            Ei[i] = kval(&r);
        kadd(&tot, kval(&r));
    }
    for (size_t k = 0; k < K; k++) {
        ksum c = {0, 0};
        for (size_t i = 0; i < n; i++)
            kadd(&c, e[i * K + k]);
        if (!(kval(&c) > 0))
            return rc_error_set(err, RC_EINPUT, "%s: sector %zu has a zero total", what, k);
        if (Ek)
            Ek[k] = kval(&c);
    }
    *E = kval(&tot);
    return RC_OK;
}

/* Region totals and sector totals in one allocation. */
static int alloc_totals(double **Ei, double **Ek, size_t n, size_t K, rc_error *err)
{
    double *buf = malloc((n + K) * sizeof *buf);
    if (!buf)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    *Ei = buf;
    *Ek = buf + n;
    return RC_OK;
}

int rc_location_quotient(double *lq, const double *e, size_t n, size_t K, int diff,
                         rc_error *err)
{
    double *Ei, *Ek, E;
    int rc = alloc_totals(&Ei, &Ek, n, K, err);
    if (rc != RC_OK)
        return rc;
    rc = totals(Ei, Ek, &E, e, n, K, 1, "location quotient", err);
    if (rc == RC_OK)
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < K; k++) {
                double s = e[i * K + k] / Ei[i], sk = Ek[k] / E;
                lq[i * K + k] = diff ? s - sk : s / sk;
            }
    free(Ei);
    return rc;
}

int rc_krugman_specialization(double *ksi, const double *e, size_t n, size_t K, rc_ksi_ref ref,
                              rc_error *err)
{
    if (ref != RC_KSI_REST && ref != RC_KSI_NATION && ref != RC_KSI_MEAN)
        return rc_error_set(err, RC_EUSAGE, "unknown Krugman reference %d", (int)ref);
    double *Ei, *Ek, E;
    int rc = alloc_totals(&Ei, &Ek, n, K, err);
    if (rc != RC_OK)
        return rc;
    double *mean = NULL;
    rc = totals(Ei, Ek, &E, e, n, K, 2, "Krugman specialisation", err);
    if (rc == RC_OK && ref == RC_KSI_MEAN) {
        /* Sum of all regions' shares per sector; region i's reference removes its own. */
        mean = calloc(K, sizeof *mean);
        if (!mean)
            rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        else
            for (size_t i = 0; i < n; i++)
                for (size_t k = 0; k < K; k++)
                    mean[k] += e[i * K + k] / Ei[i];
    }
    for (size_t i = 0; rc == RC_OK && i < n; i++) {
        double sum = 0, rest = E - Ei[i];
        for (size_t k = 0; k < K; k++) {
            double s = e[i * K + k] / Ei[i], r;
            if (ref == RC_KSI_NATION)
                r = Ek[k] / E;
            else if (ref == RC_KSI_MEAN)
                r = (mean[k] - s) / (double)(n - 1);
            else
                r = (Ek[k] - e[i * K + k]) / rest;
            sum += fabs(s - r);
        }
        if (ref == RC_KSI_REST && !(rest > 0))
            rc = rc_error_set(err, RC_EINPUT,
                              "Krugman specialisation: the regions other than %zu have a zero total", i);
        ksi[i] = sum;
    }
    free(mean);
    free(Ei);
    return rc;
}

int rc_krugman_dissimilarity(double *kd, const double *e, size_t n, size_t K, rc_error *err)
{
    double *Ei, *Ek, E;
    int rc = alloc_totals(&Ei, &Ek, n, K, err);
    if (rc != RC_OK)
        return rc;
    rc = totals(Ei, Ek, &E, e, n, K, 2, "Krugman dissimilarity", err);
    for (size_t i = 0; rc == RC_OK && i < n; i++) {
        kd[i * n + i] = 0;
        for (size_t j = i + 1; j < n; j++) {
            double sum = 0;
            for (size_t k = 0; k < K; k++)
                sum += fabs(e[i * K + k] / Ei[i] - e[j * K + k] / Ei[j]);
            kd[i * n + j] = kd[j * n + i] = sum;
        }
    }
    free(Ei);
    return rc;
}

int rc_structural_similarity(double *s, const double *e, size_t n, size_t K, rc_error *err)
{
    double *Ei, *Ek, E;
    int rc = alloc_totals(&Ei, &Ek, n, K, err);
    if (rc != RC_OK)
        return rc;
    rc = totals(Ei, Ek, &E, e, n, K, 2, "structural similarity", err);
    /* The cosine is scale invariant, so levels serve as well as shares; Ei now holds
     * each region's Euclidean norm. A positive total guarantees a non-zero norm. */
    for (size_t i = 0; rc == RC_OK && i < n; i++) {
        double q = 0;
        for (size_t k = 0; k < K; k++)
            q += e[i * K + k] * e[i * K + k];
        Ei[i] = sqrt(q);
    }
    for (size_t i = 0; rc == RC_OK && i < n; i++) {
        s[i * n + i] = 1;
        for (size_t j = i + 1; j < n; j++) {
            double dot = 0;
            for (size_t k = 0; k < K; k++)
                dot += e[i * K + k] * e[j * K + k];
            s[i * n + j] = s[j * n + i] = dot / (Ei[i] * Ei[j]);
        }
    }
    free(Ei);
    return rc;
}

int rc_hoover_localization(double *hl, const double *e, size_t n, size_t K, rc_error *err)
{
    double *Ei, *Ek, E;
    int rc = alloc_totals(&Ei, &Ek, n, K, err);
    if (rc != RC_OK)
        return rc;
    rc = totals(Ei, Ek, &E, e, n, K, 2, "Hoover localisation", err);
    for (size_t k = 0; rc == RC_OK && k < K; k++) {
        ksum h = {0, 0};
        for (size_t i = 0; i < n; i++)
            kadd(&h, fabs(e[i * K + k] / Ek[k] - Ei[i] / E));
        hl[k] = 0.5 * kval(&h);
    }
    free(Ei);
    return rc;
}
