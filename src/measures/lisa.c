/* Local Moran and local Getis–Ord with conditional permutation inference (methods/03 §5–6).
 *
 * The hot path is the conditional permutation: for region i and each of R permutations,
 * k_i values are drawn without replacement from the n − 1 other regions. A per-thread pool
 * holds those n − 1 values; a partial Fisher–Yates step moves a uniformly chosen remaining
 * value to position t. The pool is not restored between permutations: whatever order it is
 * in, the k_i values drawn are a uniform ordered sample without replacement, so one O(n)
 * fill per region suffices. Random indices below 2^16 take 16 bits each (Lemire's
 * multiply-and-reject, exact), four per 64-bit draw of the region's rc_rng stream.
 * With few neighbours among many regions (the usual case) the sampler does not touch the pool:
 * it draws indices and redraws a repeat, reading accepted indices from a buffer filled 256
 * Philox blocks at a time (lisa_draws.c: SIMD where the processor has it, same numbers); at
 * least k indices are buffered at the start of each permutation, so the common path has no
 * end-of-buffer test, and a repeat finishes its permutation in a function of its own. The
 * draws are the same as one index at a time. */
#include "regcoord/lisa.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>

#include "measures/lisa_draws.h"
#include "regcoord/rng.h"

/* Largest neighbour count sampled by rejection instead of a partial Fisher–Yates shuffle. */
#define RC_LISA_SMALL_K 32

typedef struct {
    double *pool;    /* n − 1 values: v without region i */
    double *wv;      /* the weights of i's non-self neighbours, in row order */
    double *sims;    /* R values, only for the two-sided rule */
    uint16_t *index; /* up to 8 · RC_LISA_BLOCKS + RC_LISA_SMALL_K buffered accepted indices */
    uint16_t *mark;  /* n − 1 stamps: mark[j] == stamp when j is drawn in this permutation
                      * (16 bits keep it small beside the pool in the L1 cache) */
    uint16_t stamp;
} scratch;


/* What the permutations of one region add up: counts of simulated values at or above and at or
 * below the observed one, and the sums of their deviations from it. */
typedef struct {
    size_t ge, le;
    double sum, sumsq;
} perm_tally;

static inline void tally(perm_tally *t, double sim, double obs, double *sims, size_t r)
{
    t->ge += sim >= obs;
    t->le += sim <= obs;
    double dv = sim - obs;
    t->sum += dv;
    t->sumsq += dv * dv;
    if (sims)
        sims[r] = sim;
}

/* Refill the index buffer keeping its unread tail: at least `need` indices are then buffered. */
static void top_up(rc_lisa_drawer *d, scratch *s, size_t *ipos, size_t *ilen, uint32_t s16, uint32_t thr16)
{
    size_t keep = *ilen - *ipos;
    memmove(s->index, s->index + *ipos, keep * sizeof *s->index);
    *ilen = keep + rc_lisa_fill_indices(d, s->index + keep, RC_LISA_BLOCKS, s16, thr16);
    *ipos = 0;
}

/* The rest of a permutation after a repeat: draws u … k−1, each skipping indices already
 * marked, topping the buffer up as needed. Rare (about k²/2m per permutation), so it is kept out
 * of the common loop, which then makes no calls and keeps its variables in registers. */
__attribute__((noinline)) static double finish_after_repeat(rc_lisa_drawer *d, scratch *s, size_t u,
                                                            size_t k, double lag, size_t *ipos,
                                                            size_t *ilen, uint32_t s16,
                                                            uint32_t thr16)
{
    for (; u < k; u++) {
        size_t j;
        do {
            if (*ilen - *ipos < k - u)
                top_up(d, s, ipos, ilen, s16, thr16);
            j = s->index[(*ipos)++];
        } while (s->mark[j] == s->stamp);
        s->mark[j] = s->stamp;
        lag += s->wv[u] * s->pool[j];
    }
    return lag;
}

/* Few neighbours among many regions (the usual case): draw indices in [0, m) and redraw a repeat
 * (marked with this permutation's stamp) — no writes to the pool. */
__attribute__((noinline)) static void permute_by_rejection(perm_tally *t, rc_lisa_drawer *d, scratch *s,
                                                          size_t k, size_t m, size_t R,
                                                          double fixed, double mult, double obs)
{
    const double *pool = s->pool, *wv = s->wv;
    uint16_t *mark = s->mark;
    uint32_t s16 = (uint32_t)m, thr16 = (65536u - s16) % s16;
    size_t ipos = 0, ilen = 0;
    for (size_t r = 0; r < R; r++) {
        if (++s->stamp == 0) {
            memset(mark, 0, m * sizeof *mark);
            s->stamp = 1;
        }
        /* At least k indices are buffered at the start of a permutation. */
        if (ilen - ipos < k)
            top_up(d, s, &ipos, &ilen, s16, thr16);
        const uint16_t *idx = s->index;
        uint16_t stamp = s->stamp;
        double lag = fixed;
        size_t u = 0;
        for (; u < k; u++) {
            size_t j = idx[ipos];
            if (mark[j] == stamp)
                break;
            ipos++;
            mark[j] = stamp;
            lag += wv[u] * pool[j];
        }
        if (u < k) /* a repeat: index ipos is skipped there */
            lag = finish_after_repeat(d, s, u, k, lag, &ipos, &ilen, s16, thr16);
        tally(t, mult * lag, obs, s->sims, r);
    }
}

/* Otherwise: a partial Fisher–Yates shuffle of the pool, k steps per permutation. */
static void permute_by_shuffle(perm_tally *t, rc_lisa_drawer *d, scratch *s, size_t k, size_t m,
                               size_t R, double fixed, double mult, double obs)
{
    double *pool = s->pool;
    const double *wv = s->wv;
    for (size_t r = 0; r < R; r++) {
        double lag = fixed;
        for (size_t u = 0; u < k; u++) {
            size_t j = u + rc_lisa_draw_below(d, (uint32_t)(m - u));
            double tmp = pool[j];
            pool[j] = pool[u];
            pool[u] = tmp;
            lag += wv[u] * tmp;
        }
        tally(t, mult * lag, obs, s->sims, r);
    }
}

/* Conditional permutation of region i. The statistic is mult · (fixed + Σ_t wv[t] v[nb_t]);
 * the observed value is computed the same way, so that a draw reproducing the observed
 * neighbours reproduces the observed value bit for bit. */
static void permute_region(rc_local_stat *o, size_t i, const double *v, size_t n,
                           const size_t *nb, const double *wt, size_t len, double fixed,
                           double mult, const rc_perm_options *opt, scratch *s)
{
    size_t R = opt->permutations, k = 0, m = n - 1;
    double obs_lag = fixed;
    for (size_t e = 0; e < len; e++)
        if (nb[e] != i) {
            s->wv[k++] = wt[e];
            obs_lag += wt[e] * v[nb[e]];
        }
    double obs = mult * obs_lag;
    /* The values of the other regions, in order: position j is region j + (j >= i). */
    memcpy(s->pool, v, i * sizeof *v);
    memcpy(s->pool + i, v + i + 1, (n - 1 - i) * sizeof *v);
    rc_lisa_drawer d = {.left = 0};
    rc_rng_init(&d.rng, opt->seed, i);
    perm_tally t = {0, 0, 0.0, 0.0};
    if (k <= RC_LISA_SMALL_K && 4 * k * k <= m && m <= 65536u)
        permute_by_rejection(&t, &d, s, k, m, R, fixed, mult, obs);
    else
        permute_by_shuffle(&t, &d, s, k, m, R, fixed, mult, obs);
    double md = t.sum / (double)R, var = t.sumsq / (double)R - md * md;
    o->mean_sim = obs + md;
    o->sd_sim = sqrt(var > 0 ? var : 0);
    o->z_sim = o->sd_sim > 0 ? (obs - o->mean_sim) / o->sd_sim : NAN;
    if (s->sims) {
        gsl_sort(s->sims, 1, R);
        o->p_sim = rc_pseudo_p_two_sided(obs, s->sims, R);
    } else {
        o->p_sim = rc_pseudo_p_counts(opt->alternative, t.ge, t.le, R);
    }
}

static void init_local(rc_local_stat *o)
{
    o->value = o->value_alt = o->lag = NAN;
    o->expected = o->variance = o->z = o->p_norm = NAN;
    o->expected_c = o->variance_c = NAN;
    o->mean_sim = o->sd_sim = o->z_sim = o->p_sim = NAN;
    o->quadrant = 0;
    o->island = 0;
}

static int check_inputs(const double *y, const rc_csr *w, size_t nmin, const char *what,
                        rc_error *err)
{
    if (!w || !w->offsets || (w->offsets[w->n] && (!w->neighbours || !w->weights)))
        return rc_error_set(err, RC_EUSAGE, "%s: no spatial weights given", what);
    size_t n = w->n;
    if (n < nmin)
        return rc_error_set(err, RC_EINSUFFICIENT, "%s needs at least %zu regions, got %zu", what,
                            nmin, n);
    if (n - 1 > UINT32_MAX)
        return rc_error_set(err, RC_EUSAGE, "%s: too many regions (%zu)", what, n);
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(y[i]))
            return rc_error_set(err, RC_EINPUT, "%s: the value of region %zu is missing or not finite",
                                what, i);
        if (w->offsets[i + 1] < w->offsets[i])
            return rc_error_set(err, RC_EINPUT, "%s: weights row %zu: offsets decrease", what, i);
        for (size_t e = w->offsets[i]; e < w->offsets[i + 1]; e++)
            if (w->neighbours[e] >= n || !isfinite(w->weights[e]))
                return rc_error_set(err, RC_EINPUT, "%s: weights row %zu: bad entry", what, i);
    }
    return RC_OK;
}

static size_t max_row(const rc_csr *w)
{
    size_t mx = 0;
    for (size_t i = 0; i < w->n; i++)
        if (w->offsets[i + 1] - w->offsets[i] > mx)
            mx = w->offsets[i + 1] - w->offsets[i];
    return mx;
}

static int is_island(const rc_csr *w, size_t i)
{
    for (size_t e = w->offsets[i]; e < w->offsets[i + 1]; e++)
        if (w->neighbours[e] != i && w->weights[e] != 0.0)
            return 0;
    return 1;
}

/* What varies between local Moran and Gi: how region i's statistic is built. */
typedef struct {
    const double *v;    /* values drawn from (z or y) */
    const rc_csr *w;    /* weights used in the statistic */
    const double *mult; /* per region */
    const double *fixed;/* per region: self-weight term */
} perm_plan;

static int run_permutations(rc_local_stat *out, const perm_plan *plan, const rc_perm_options *opt,
                            rc_error *err)
{
    const rc_csr *w = plan->w;
    size_t n = w->n, maxk = max_row(w), R = opt->permutations;
    int failed = 0;
#pragma omp parallel
    {
        scratch s = {malloc((n - 1) * sizeof(double)), malloc((maxk ? maxk : 1) * sizeof(double)),
                     opt->alternative == RC_ALT_TWO_SIDED ? malloc(R * sizeof(double)) : NULL,
                     malloc((8 * RC_LISA_BLOCKS + RC_LISA_SMALL_K) * sizeof(uint16_t)), calloc(n - 1, sizeof(uint16_t)), 0};
        int ok = s.pool && s.wv && (opt->alternative != RC_ALT_TWO_SIDED || s.sims) && s.index && s.mark;
        if (!ok) {
#pragma omp atomic write
            failed = 1;
        }
        /* Fixed blocks of regions; each region's draws come from its own stream, so the
         * block-to-thread assignment changes nothing but speed. */
#pragma omp for schedule(static, 16)
        for (size_t i = 0; i < n; i++) {
            if (!ok || out[i].island || isnan(out[i].value))
                continue;
            permute_region(&out[i], i, plan->v, n, w->neighbours + w->offsets[i],
                           w->weights + w->offsets[i], w->offsets[i + 1] - w->offsets[i],
                           plan->fixed[i], plan->mult[i], opt, &s);
        }
        free(s.pool);
        free(s.wv);
        free(s.sims);
        free(s.index);
        free(s.mark);
    }
    if (failed)
        return rc_error_set(err, RC_ENOMEM, "out of memory (permutation scratch)");
    return RC_OK;
}

int rc_local_moran(rc_local_stat *out, const double *y, const rc_csr *w,
                   const rc_perm_options *opt, rc_error *err)
{
    int rc = check_inputs(y, w, 3, "local Moran", err);
    if (rc != RC_OK)
        return rc;
    size_t n = w->n;
    double nn = (double)n, mean = 0;
    for (size_t i = 0; i < n; i++)
        mean += y[i];
    mean /= nn;
    double ss = 0;
    for (size_t i = 0; i < n; i++)
        ss += (y[i] - mean) * (y[i] - mean);
    if (!(ss > 1e-28 * nn * (mean * mean + 1e-300)))
        return rc_error_set(err, RC_EINSUFFICIENT, "local Moran: the values are constant (all %g)",
                            y[0]);
    double *z = malloc(n * sizeof *z), *mult = malloc(n * sizeof *mult),
           *fixed = malloc(n * sizeof *fixed);
    if (!z || !mult || !fixed) {
        free(z), free(mult), free(fixed);
        return rc_error_set(err, RC_ENOMEM, "out of memory (local Moran)");
    }
    double sd = sqrt(ss / nn), sz2 = 0, sz4 = 0;
    for (size_t i = 0; i < n; i++) {
        z[i] = (y[i] - mean) / sd;
        sz2 += z[i] * z[i];
        sz4 += z[i] * z[i] * z[i] * z[i];
    }
    double m2 = sz2 / nn, b2 = (sz4 / nn) / (m2 * m2), scale = (nn - 1.0) / sz2;
    rc_alternative alt = opt ? opt->alternative : RC_ALT_DIRECTED;
    for (size_t i = 0; i < n; i++) {
        rc_local_stat *o = &out[i];
        init_local(o);
        double lag = 0, self = 0, wi = 0, wi2 = 0;
        for (size_t e = w->offsets[i]; e < w->offsets[i + 1]; e++) {
            double wij = w->weights[e];
            if (w->neighbours[e] == i)
                self += wij * z[i];
            lag += wij * z[w->neighbours[e]];
            wi += wij;
            wi2 += wij * wij;
        }
        o->island = is_island(w, i);
        o->lag = lag;
        o->value = scale * z[i] * lag;
        o->value_alt = z[i] * lag / m2;
        /* Quadrants split at 0 with ties counted as low (esda q). */
        o->quadrant = z[i] > 0 ? (lag > 0 ? RC_Q_HH : RC_Q_HL) : (lag > 0 ? RC_Q_LH : RC_Q_LL);
        /* Moments on the I^A scale (Sokal et al. 1998): total and conditional randomisation. */
        double e_tot = -wi / (nn - 1.0);
        double v_tot = wi2 * (nn - b2) / (nn - 1.0) +
                       (wi * wi - wi2) * (2.0 * b2 - nn) / ((nn - 1.0) * (nn - 2.0)) - e_tot * e_tot;
        o->expected = e_tot;
        o->variance = v_tot;
        o->z = v_tot > 0 ? (o->value_alt - e_tot) / sqrt(v_tot) : NAN;
        o->p_norm = rc_normal_p(o->z, alt, 0);
        double zi2 = z[i] * z[i];
        o->expected_c = -zi2 * wi / ((nn - 1.0) * m2);
        o->variance_c = (z[i] / m2) * (z[i] / m2) * (nn / (nn - 2.0)) * (wi2 - wi * wi / (nn - 1.0)) *
                        (m2 - zi2 / (nn - 1.0));
        mult[i] = scale * z[i];
        fixed[i] = self;
        if (o->island) {
            o->value = 0.0; /* esda island_weight = 0; -0.0 would print as "-0" */
            o->value_alt = 0.0;
            if (opt && opt->permutations)
                o->p_sim = 1.0; /* islands are never significant (esda would give 1/(R+1)) */
        }
    }
    if (opt && opt->permutations) {
        perm_plan plan = {z, w, mult, fixed};
        rc = run_permutations(out, &plan, opt, err);
    }
    free(z), free(mult), free(fixed);
    return rc;
}

int rc_local_g(rc_local_stat *out, const double *y, const rc_csr *w, int star,
               int row_standardize, const rc_perm_options *opt, rc_error *err)
{
    const char *what = star ? "local Gi*" : "local Gi";
    int rc = check_inputs(y, w, 3, what, err);
    if (rc != RC_OK)
        return rc;
    size_t n = w->n;
    double sy = 0, sy2 = 0;
    for (size_t i = 0; i < n; i++) {
        if (y[i] < 0)
            return rc_error_set(err, RC_EINPUT, "%s needs values >= 0; region %zu has %g", what, i,
                                y[i]);
        sy += y[i];
        sy2 += y[i] * y[i];
    }
    if (!(sy > 0))
        return rc_error_set(err, RC_EINSUFFICIENT, "%s: all values are 0", what);
    /* Transformed weights: binary pattern (+ self for Gi*), rows scaled for "R". */
    size_t nnz = w->offsets[n] + (star ? n : 0);
    size_t *off = malloc((n + 1) * sizeof *off), *nb = malloc((nnz ? nnz : 1) * sizeof *nb);
    double *wt = malloc((nnz ? nnz : 1) * sizeof *wt), *mult = malloc(n * sizeof *mult),
           *fixed = malloc(n * sizeof *fixed);
    if (!off || !nb || !wt || !mult || !fixed) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory (%s)", what);
        goto done;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        off[i] = k;
        size_t start = k;
        if (star)
            nb[k++] = i;
        for (size_t e = w->offsets[i]; e < w->offsets[i + 1]; e++)
            if (w->neighbours[e] != i && w->weights[e] != 0.0)
                nb[k++] = w->neighbours[e];
        double wrow = row_standardize && k > start ? 1.0 / (double)(k - start) : 1.0;
        for (size_t e = start; e < k; e++)
            wt[e] = wrow;
    }
    off[n] = k;
    rc_csr tw = {n, off, nb, wt};
    rc_alternative alt = opt ? opt->alternative : RC_ALT_DIRECTED;
    double N = star ? (double)n : (double)(n - 1);
    for (size_t i = 0; i < n; i++) {
        rc_local_stat *o = &out[i];
        init_local(o);
        o->island = is_island(w, i);
        double num = 0, wi = 0, self = 0;
        for (size_t e = off[i]; e < off[i + 1]; e++) {
            num += wt[e] * y[nb[e]];
            wi += wt[e];
            if (nb[e] == i)
                self = wt[e] * y[i];
        }
        double den = star ? sy : sy - y[i], sq = star ? sy2 : sy2 - y[i] * y[i];
        if (!(den > 0)) {
            /* All other regions are 0: G_i is 0/0. */
            o->value = NAN; /* not defined; not permuted */
            mult[i] = 0, fixed[i] = 0;
            continue;
        }
        o->value = num / den;
        double ybar = den / N, s2 = sq / N - ybar * ybar;
        o->expected = wi / N;
        o->variance = wi * (N - wi) / (N - 1.0) * (1.0 / (N * N)) * s2 / (ybar * ybar);
        o->z = o->variance > 0 ? (o->value - o->expected) / sqrt(o->variance) : NAN;
        o->p_norm = rc_normal_p(o->z, alt, 0);
        mult[i] = 1.0 / den;
        fixed[i] = self;
        if (o->island && opt && opt->permutations)
            o->p_sim = 1.0;
    }
    if (opt && opt->permutations) {
        perm_plan plan = {y, &tw, mult, fixed};
        rc = run_permutations(out, &plan, opt, err);
    }
done:
    free(off), free(nb), free(wt), free(mult), free(fixed);
    return rc;
}
