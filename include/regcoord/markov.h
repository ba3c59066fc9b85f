/* markov.h — classic and spatial Markov chains of relative income (Quah 1993; Rey 2001).
 *
 * Discretisation, transition counts and probabilities, steady states, mean first passage
 * times and the Bickenbach–Bode homogeneity tests, with the conventions of PySAL giddy and
 * mapclassify (../shared/methods/02-convergence.md §§6–7). Panels are year-major T × n.
 * Reducible chains and empty classes are handled, never a singular-matrix failure: an empty
 * row stays all-zero in P and is filled with a self-loop for the ergodic quantities (the
 * caller is told how many); each closed class of states gets its own stationary
 * distribution; unreachable destinations have an infinite first passage time. */
#ifndef REGCOORD_MARKOV_H
#define REGCOORD_MARKOV_H

#include <stddef.h>
#include "regcoord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Upper class bounds from k quantiles of v[0..n-1]: b_c = Q(100c/k), c = 1..k, Q the
 * linear-interpolation percentile (R type 7, numpy/scipy), duplicates removed, so *kout ≤ k.
 * NaN values are an input error. */
int rc_quantile_bounds(double *bounds, size_t *kout, const double *v, size_t n, size_t k,
                       rc_error *err);

/* cls[i] = smallest c with v[i] ≤ bounds[c] (intervals (b_{c−1}, b_c]); values above the
 * last bound go to class k − 1 (user cut-offs: bounds end with +∞). */
void rc_classify(int *cls, const double *v, size_t n, const double *bounds, size_t k);

/* Transition counts over consecutive years of cls (T × n, classes in [0, k)): counts is
 * k × k, or with lagcls (T × n, lag classes in [0, m)) m × k × k, the lag class taken at
 * the start year. */
int rc_markov_counts(double *counts, const int *cls, const int *lagcls, size_t n, size_t T,
                     size_t k, size_t m, rc_error *err);

/* Row-normalised P (k × k) from counts; a row without observations stays zero. Returns the
 * number of empty rows; empty[a] (may be NULL) is set to 1 for them. */
size_t rc_markov_probabilities(double *P, int *empty, const double *counts, size_t k);

typedef struct {
    size_t k;
    size_t nfilled;       /* empty rows replaced by self-loops before the computations */
    size_t nrecurrent;    /* number of closed communicating classes (1: one steady state) */
    int *recurrent;       /* per state: index of its closed class, or −1 when transient */
    double *steady;       /* nrecurrent × k: one stationary distribution per closed class */
    double *mfpt;         /* k × k mean first passage times; M_aa is the mean recurrence
                             time; +∞ when b is not reached from a with probability 1 */
    double *sojourn;      /* 1 / (1 − P_aa), +∞ for an absorbing state */
} rc_markov_ergodic;

/* Ergodic quantities of a row-stochastic P (k × k; zero rows allowed, see above). */
int rc_markov_ergodic_compute(rc_markov_ergodic *out, const double *P, size_t k, rc_error *err);
void rc_markov_ergodic_free(rc_markov_ergodic *e);

/* Homogeneity of m conditional count matrices (m × k × k) against their pooled chain
 * (Bickenbach & Bode 2003, as giddy `homogeneity`): Q, LR, dof and χ² p-values. */
typedef struct {
    double q, q_p_value, lr, lr_p_value;
    long dof;
} rc_markov_homogeneity;

int rc_markov_homogeneity_test(rc_markov_homogeneity *out, const double *counts, size_t m,
                               size_t k, rc_error *err);

#ifdef __cplusplus
}
#endif
#endif
