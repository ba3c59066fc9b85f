/* convergence_ols.h — the small least-squares core private to the convergence kernels.
 *
 * Kept private on purpose: a general regression module is being written elsewhere; when it
 * lands, convergence.c switches to it and this file goes. Coefficients come from GSL's SVD
 * least squares (gsl_multifit_linear); the bread (X'X)⁻¹ from a Cholesky inverse, so that
 * the conventional, heteroskedasticity-robust and clustered covariances share it. */
#ifndef RC_CONVERGENCE_OLS_H
#define RC_CONVERGENCE_OLS_H

#include <stddef.h>
#include "regcoord/convergence.h"

/* Fit y = X b + e with X n × k row-major. df_resid is the residual degrees of freedom the
 * conventional variance divides by (n − k for plain OLS; less after a within transformation).
 * cluster[i] ∈ [0, ncluster) is needed for the clustered covariances only. Outputs (k
 * entries each): coef, se; *rss the residual sum of squares; resid (n, may be NULL). */
int rc_conv_ols(double *coef, double *se, double *rss, double *resid, const double *X,
                const double *y, size_t n, size_t k, size_t df_resid, rc_vcov vcov,
                const size_t *cluster, size_t ncluster, rc_error *err);

/* Two-sided p-value of a t statistic with df degrees of freedom. */
double rc_conv_p_t(double t, double df);

#endif
