/* convergence_ols.c — OLS with conventional, HC0/HC1 and cluster-robust covariances. */
#include "convergence_ols.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multifit.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

double rc_conv_p_t(double t, double df)
{
    if (isnan(t) || !(df > 0))
        return NAN;
    return 2.0 * gsl_cdf_tdist_Q(fabs(t), df);
}

/* (X'X)⁻¹ into inv (k × k); RC_ENUMERIC when X has collinear columns. */
static int bread(gsl_matrix *inv, const gsl_matrix *X, rc_error *err)
{
    gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, X, X, 0.0, inv);
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int s = gsl_linalg_cholesky_decomp1(inv);
    if (s == GSL_SUCCESS)
        s = gsl_linalg_cholesky_invert(inv);
    gsl_set_error_handler(old);
    if (s != GSL_SUCCESS)
        return rc_error_set(err, RC_ENUMERIC,
                            "the regressors are collinear (X'X is singular): drop a control "
                            "or use more regions");
    return RC_OK;
}

int rc_conv_ols(double *coef, double *se, double *rss, double *resid, const double *Xd,
                const double *yd, size_t n, size_t k, size_t df_resid, rc_vcov vcov,
                const size_t *cluster, size_t ncluster, rc_error *err)
{
    if (k == 0 || n < k || df_resid == 0)
        return rc_error_set(err, RC_EINSUFFICIENT,
                            "regression needs more observations than coefficients (%zu observations, "
                            "%zu coefficients, %zu residual degrees of freedom)", n, k, df_resid);
    int rc = RC_OK;
    gsl_matrix *X = gsl_matrix_alloc(n, k), *inv = gsl_matrix_alloc(k, k),
               *cov = gsl_matrix_alloc(k, k), *meat = gsl_matrix_calloc(k, k),
               *tmp = gsl_matrix_alloc(k, k);
    gsl_vector *y = gsl_vector_alloc(n), *b = gsl_vector_alloc(k), *e = gsl_vector_alloc(n),
               *s = gsl_vector_calloc(k * (ncluster ? ncluster : 1));
    gsl_multifit_linear_workspace *ws = gsl_multifit_linear_alloc(n, k);
    if (!X || !inv || !cov || !meat || !tmp || !y || !b || !e || !s || !ws) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory (regression)");
        goto done;
    }
    memcpy(X->data, Xd, n * k * sizeof *Xd);
    memcpy(y->data, yd, n * sizeof *yd);
    if ((rc = bread(inv, X, err)) != RC_OK)
        goto done;
    double chisq;
    gsl_multifit_linear(X, y, b, cov, &chisq, ws);
    /* Residuals from the coefficients (not chisq) so that the meat sees each e_i. */
    gsl_vector_memcpy(e, y);
    gsl_blas_dgemv(CblasNoTrans, -1.0, X, b, 1.0, e);
    double ss = 0;
    for (size_t i = 0; i < n; i++)
        ss += e->data[i] * e->data[i];
    *rss = ss;
    switch (vcov) {
    case RC_VCOV_CLASSIC:
        gsl_matrix_memcpy(cov, inv);
        gsl_matrix_scale(cov, ss / (double)df_resid);
        break;
    case RC_VCOV_HC0:
    case RC_VCOV_HC1:
        for (size_t i = 0; i < n; i++)
            for (size_t a = 0; a < k; a++)
                for (size_t c = 0; c < k; c++)
                    meat->data[a * k + c] += e->data[i] * e->data[i] * Xd[i * k + a] * Xd[i * k + c];
        break;
    case RC_VCOV_CLUSTER:
    case RC_VCOV_CLUSTER_SSS:
        if (!cluster || ncluster < 2) {
            rc = rc_error_set(err, RC_EINSUFFICIENT, "clustered standard errors need at least 2 clusters");
            goto done;
        }
        /* s_g = X_g' e_g per cluster, meat = Σ_g s_g s_g'. */
        for (size_t i = 0; i < n; i++)
            for (size_t a = 0; a < k; a++)
                s->data[cluster[i] * k + a] += Xd[i * k + a] * e->data[i];
        for (size_t g = 0; g < ncluster; g++)
            for (size_t a = 0; a < k; a++)
                for (size_t c = 0; c < k; c++)
                    meat->data[a * k + c] += s->data[g * k + a] * s->data[g * k + c];
        break;
    }
    if (vcov != RC_VCOV_CLASSIC) {
        gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, inv, meat, 0.0, tmp);
        gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, tmp, inv, 0.0, cov);
        double f = 1.0;
        if (vcov == RC_VCOV_HC1)
            f = (double)n / (double)(n - k);
        else if (vcov == RC_VCOV_CLUSTER_SSS) /* plm vcovHC type "sss" */
            f = (double)ncluster / (double)(ncluster - 1) * (double)(n - 1) / (double)(n - k);
        gsl_matrix_scale(cov, f);
    }
    for (size_t a = 0; a < k; a++) {
        coef[a] = b->data[a];
        se[a] = sqrt(gsl_matrix_get(cov, a, a));
    }
    if (resid)
        memcpy(resid, e->data, n * sizeof *resid);
done:
    gsl_matrix_free(X), gsl_matrix_free(inv), gsl_matrix_free(cov), gsl_matrix_free(meat);
    gsl_matrix_free(tmp);
    gsl_vector_free(y), gsl_vector_free(b), gsl_vector_free(e), gsl_vector_free(s);
    if (ws)
        gsl_multifit_linear_free(ws);
    return rc;
}
