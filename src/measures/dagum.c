/* dagum.c — Dagum (1997) Gini decomposition by subgroups in O(n log n + n·k).
 *
 * One pass over the values in increasing order keeps, per group, how many values were seen
 * and their sum. For a value x of group j, the pairs with a smaller value y of group h add
 * (x − y) to A[j][h] = Σ_{x∈j, y∈h, y<x} (x − y) (ties add 0). Then, for groups j, h:
 *   Σ_i Σ_r |y_ji − y_hr| = A[j][h] + A[h][j],
 *   d_jh = A[j][h] / (n_j n_h) and p_jh = A[h][j] / (n_j n_h)  (j the richer group),
 * which are all the sums Dagum's formulas need — no O(n²) pair loop. */
#include "regcoord/disparity.h"

#include <gsl/gsl_sort.h>
#include <math.h>
#include <stdlib.h>

void rc_dagum_free(rc_dagum *d)
{
    if (!d)
        return;
    free(d->size);
    free(d->mean);
    free(d->gini_within);
    free(d->gini_between);
    free(d->d);
    d->size = NULL;
    d->mean = d->gini_within = d->gini_between = d->d = NULL;
}

int rc_dagum_decompose(rc_dagum *out, const double *y, const int *group, size_t ngroups,
                       size_t n, rc_error *err)
{
    out->size = NULL;
    out->mean = out->gini_within = out->gini_between = out->d = NULL;
    out->ngroups = ngroups;
    if (n < 2)
        return rc_error_set(err, RC_EINSUFFICIENT, "dagum_gini needs at least 2 regions (got %zu)", n);
    if (ngroups == 0)
        return rc_error_set(err, RC_EUSAGE, "the Dagum decomposition needs groups");
    double total = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(y[i]) || y[i] < 0)
            return rc_error_set(err, RC_EINPUT, "dagum_gini needs non-negative values; value %zu is %g",
                                i, y[i]);
        if (group[i] < 0 || (size_t)group[i] >= ngroups)
            return rc_error_set(err, RC_EINPUT, "dagum_gini: region %zu has no group (code %d)", i,
                                group[i]);
        total += y[i];
    }
    if (!(total > 0))
        return rc_error_set(err, RC_EINPUT, "dagum_gini needs a positive mean (all values are 0)");
    size_t k = ngroups;
    size_t *order = malloc(n * sizeof *order), *count = calloc(k, sizeof *count);
    double *sum = calloc(k, sizeof *sum), *A = calloc(k * k, sizeof *A);
    out->size = calloc(k, sizeof *out->size);
    out->mean = malloc(k * sizeof *out->mean);
    out->gini_within = malloc(k * sizeof *out->gini_within);
    out->gini_between = malloc(k * k * sizeof *out->gini_between);
    out->d = malloc(k * k * sizeof *out->d);
    if (!order || !count || !sum || !A || !out->size || !out->mean || !out->gini_within ||
        !out->gini_between || !out->d) {
        free(order), free(count), free(sum), free(A);
        rc_dagum_free(out);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    gsl_sort_index(order, y, 1, n);
    for (size_t q = 0; q < n; q++) {
        size_t i = order[q], j = (size_t)group[i];
        for (size_t h = 0; h < k; h++)
            A[j * k + h] += (double)count[h] * y[i] - sum[h];
        count[j]++;
        sum[j] += y[i];
    }
    double mu = total / (double)n;
    for (size_t j = 0; j < k; j++) {
        out->size[j] = count[j];
        out->mean[j] = count[j] ? sum[j] / (double)count[j] : NAN;
    }
    /* Total Gini: Σ over all ordered pairs |y_i − y_r| / (2 n² μ) = Σ_{j,h} A[j][h] / (n² μ). */
    double all = 0.0;
    for (size_t q = 0; q < k * k; q++)
        all += A[q];
    out->gini = all / ((double)n * (double)n * mu);
    double gw = 0.0, gnb = 0.0, gt = 0.0;
    for (size_t j = 0; j < k; j++) {
        double nj = (double)count[j];
        double pj = nj / (double)n, sj = sum[j] / total;
        for (size_t h = 0; h < k; h++) {
            out->gini_between[j * k + h] = NAN;
            out->d[j * k + h] = NAN;
        }
        if (!count[j]) {
            out->gini_within[j] = NAN;
            continue;
        }
        /* G_jj = Σ|y_ji − y_jr| / (2 n_j² μ_j) = 2 A[j][j] / (2 n_j² μ_j); 0 when μ_j = 0. */
        double mj = out->mean[j];
        out->gini_within[j] = mj > 0 ? A[j * k + j] / (nj * nj * mj) : 0.0;
        out->gini_between[j * k + j] = out->gini_within[j];
        out->d[j * k + j] = 0.0;
        gw += out->gini_within[j] * pj * sj;
        for (size_t h = 0; h < k; h++) {
            if (h == j || !count[h])
                continue;
            double nh = (double)count[h], mh = out->mean[h];
            double abs_sum = A[j * k + h] + A[h * k + j];
            double gjh = mj + mh > 0 ? abs_sum / (nj * nh * (mj + mh)) : 0.0;
            /* D_jh with the richer group first: (d − p)/(d + p) = |μ_j − μ_h| / mean|y_j − y_h|. */
            double hi = mj >= mh ? A[j * k + h] : A[h * k + j];
            double lo = mj >= mh ? A[h * k + j] : A[j * k + h];
            double Djh = (hi + lo) > 0 && mj != mh ? (hi - lo) / (hi + lo) : 0.0;
            out->gini_between[j * k + h] = gjh;
            out->d[j * k + h] = Djh;
            if (h > j) {
                double ph = nh / (double)n, sh = sum[h] / total;
                double weight = gjh * (pj * sh + ph * sj);
                gnb += weight * Djh;
                gt += weight * (1.0 - Djh);
            }
        }
    }
    out->within = gw;
    out->between_net = gnb;
    out->transvariation = gt;
    free(order), free(count), free(sum), free(A);
    return RC_OK;
}
