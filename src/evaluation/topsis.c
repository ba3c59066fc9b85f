/* topsis.c — weighted scores and TOPSIS closeness (methods/04 §2, §4). */
#include "regcoord/evaluation.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_matrix.h>
#include <math.h>
#include <stdlib.h>

int rc_weighted_scores(double *U, const double *xn, const double *w, size_t m, size_t k,
                       rc_error *err)
{
    if (m < 1 || k < 1)
        return rc_error_set(err, RC_EINSUFFICIENT, "scores need rows and columns");
    gsl_matrix_const_view X = gsl_matrix_const_view_array(xn, m, k);
    gsl_vector_const_view W = gsl_vector_const_view_array(w, k);
    gsl_vector_view out = gsl_vector_view_array(U, m);
    gsl_blas_dgemv(CblasNoTrans, 1.0, &X.matrix, &W.vector, 0.0, &out.vector);
    return RC_OK;
}

/* Distances of the weighted rows v = w·r to the column-wise ideal and anti-ideal points. */
static int closeness_of(double *closeness, double *dplus, double *dminus, const double *r,
                        const double *ideal, const double *anti, const double *w, size_t m,
                        size_t k, rc_error *err)
{
    for (size_t i = 0; i < m; i++) {
        double p = 0, q = 0;
        for (size_t j = 0; j < k; j++) {
            double v = w[j] * r[i * k + j];
            p += (v - ideal[j]) * (v - ideal[j]);
            q += (v - anti[j]) * (v - anti[j]);
        }
        p = sqrt(p), q = sqrt(q);
        if (!(p + q > 0))
            return rc_error_set(err, RC_EINSUFFICIENT,
                                "TOPSIS: all rows are identical in the weighted indicators, "
                                "so closeness is undefined");
        closeness[i] = q / (p + q);
        if (dplus)
            dplus[i] = p;
        if (dminus)
            dminus[i] = q;
    }
    return RC_OK;
}

int rc_topsis(double *closeness, double *dplus, double *dminus, const double *xn,
              const double *w, size_t m, size_t k, rc_error *err)
{
    if (m < 2)
        return rc_error_set(err, RC_EINSUFFICIENT, "TOPSIS needs at least 2 rows (got %zu)", m);
    double *ideal = malloc(2 * k * sizeof *ideal);
    if (!ideal)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    double *anti = ideal + k;
    for (size_t j = 0; j < k; j++) {
        ideal[j] = -INFINITY, anti[j] = INFINITY;
        for (size_t i = 0; i < m; i++) {
            double v = w[j] * xn[i * k + j];
            ideal[j] = fmax(ideal[j], v);
            anti[j] = fmin(anti[j], v);
        }
    }
    int rc = closeness_of(closeness, dplus, dminus, xn, ideal, anti, w, m, k, err);
    free(ideal);
    return rc;
}

int rc_topsis_vector(double *closeness, double *dplus, double *dminus, const double *x,
                     const int *direction, const double *w, size_t m, size_t k,
                     rc_error *err)
{
    if (m < 2)
        return rc_error_set(err, RC_EINSUFFICIENT, "TOPSIS needs at least 2 rows (got %zu)", m);
    double *r = malloc((m * k + 2 * k) * sizeof *r);
    if (!r)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    double *ideal = r + m * k, *anti = ideal + k;
    for (size_t j = 0; j < k; j++) {
        gsl_vector_const_view col = gsl_vector_const_view_array_with_stride(x + j, k, m);
        double norm = gsl_blas_dnrm2(&col.vector);
        double hi = -INFINITY, lo = INFINITY;
        for (size_t i = 0; i < m; i++) {
            r[i * k + j] = norm > 0 ? x[i * k + j] / norm : 0.0;
            double v = w[j] * r[i * k + j];
            hi = fmax(hi, v);
            lo = fmin(lo, v);
        }
        /* Direction is not in r here (raw values), so the ideal point takes it into account. */
        ideal[j] = direction[j] == RC_COST ? lo : hi;
        anti[j] = direction[j] == RC_COST ? hi : lo;
    }
    int rc = closeness_of(closeness, dplus, dminus, r, ideal, anti, w, m, k, err);
    free(r);
    return rc;
}
