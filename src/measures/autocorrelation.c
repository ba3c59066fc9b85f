/* Global spatial autocorrelation (methods/03 §2–4, §7) with esda's conventions. */
#include "regcoord/autocorrelation.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>

#include "regcoord/rng.h"

int rc_alternative_parse(const char *text, rc_alternative *alt, rc_error *err)
{
    static const char *const names[] = {"directed", "two-sided", "greater", "less"};
    for (int k = 0; k < 4; k++)
        if (text && !strcmp(text, names[k])) {
            *alt = (rc_alternative)k;
            return RC_OK;
        }
    return rc_error_set(err, RC_EUSAGE,
                        "alternative must be directed, two-sided, greater or less, not '%s'",
                        text ? text : "");
}

const char *rc_alternative_name(rc_alternative alt)
{
    switch (alt) {
    case RC_ALT_TWO_SIDED: return "two-sided";
    case RC_ALT_GREATER: return "greater";
    case RC_ALT_LESS: return "less";
    default: return "directed";
    }
}

double rc_pseudo_p_counts(rc_alternative alt, size_t ge, size_t le, size_t R)
{
    size_t k;
    if (alt == RC_ALT_GREATER)
        k = ge;
    else if (alt == RC_ALT_LESS)
        k = le;
    else /* esda "directed": fold to the tail the observed value lies in */
        k = R - ge < ge ? R - ge : ge;
    return (double)(k + 1) / (double)(R + 1);
}

/* numpy.percentile with linear interpolation on a sorted array. */
static double percentile_sorted(const double *a, size_t R, double q)
{
    double h = (double)(R - 1) * q / 100.0;
    size_t lo = (size_t)floor(h);
    if (lo >= R - 1)
        return a[R - 1];
    return a[lo] + (h - (double)lo) * (a[lo + 1] - a[lo]);
}

double rc_pseudo_p_two_sided(double obs, const double *s, size_t R)
{
    /* esda _permutation_significance(alternative="two-sided"): the percentile q at which obs
     * sits (scipy percentileofscore kind="weak"), mirrored; count simulations outside. */
    size_t le = 0;
    while (le < R && s[le] <= obs)
        le++;
    double q = 100.0 * (double)le / (double)R;
    double plow = q < 100.0 - q ? q : 100.0 - q;
    double low = percentile_sorted(s, R, plow), high = percentile_sorted(s, R, 100.0 - plow);
    size_t outside = 0;
    for (size_t r = 0; r < R && s[r] <= low; r++)
        outside++;
    for (size_t r = R; r > 0 && s[r - 1] >= high; r--)
        outside++;
    double p = (double)(outside + 1) / (double)(R + 1);
    return p > 1.0 ? 1.0 : p; /* a constant reference distribution counts twice (esda #514) */
}

double rc_normal_p(double z, rc_alternative alt, int directed_two_sided)
{
    if (isnan(z))
        return NAN;
    switch (alt) {
    case RC_ALT_GREATER: return gsl_cdf_ugaussian_Q(z);
    case RC_ALT_LESS: return gsl_cdf_ugaussian_P(z);
    case RC_ALT_TWO_SIDED: return 2.0 * gsl_cdf_ugaussian_P(-fabs(z));
    default: return (directed_two_sided ? 2.0 : 1.0) * gsl_cdf_ugaussian_P(-fabs(z));
    }
}

size_t rc_csr_islands(const rc_csr *w)
{
    size_t islands = 0;
    for (size_t i = 0; i < w->n; i++) {
        int has = 0;
        for (size_t e = w->offsets[i]; e < w->offsets[i + 1] && !has; e++)
            has = w->neighbours[e] != i && w->weights[e] != 0.0;
        islands += !has;
    }
    return islands;
}

static int check_csr(const rc_csr *w, size_t n, rc_error *err)
{
    if (!w || !w->offsets || (w->offsets[w->n] && (!w->neighbours || !w->weights)))
        return rc_error_set(err, RC_EUSAGE, "no spatial weights given");
    if (w->n != n)
        return rc_error_set(err, RC_EINPUT, "the weights have %zu regions, the data %zu", w->n, n);
    for (size_t i = 0; i < n; i++) {
        if (w->offsets[i + 1] < w->offsets[i])
            return rc_error_set(err, RC_EINPUT, "weights row %zu: offsets decrease", i);
        for (size_t e = w->offsets[i]; e < w->offsets[i + 1]; e++) {
            if (w->neighbours[e] >= n)
                return rc_error_set(err, RC_EINPUT, "weights row %zu: neighbour %zu out of range",
                                    i, w->neighbours[e]);
            if (!isfinite(w->weights[e]))
                return rc_error_set(err, RC_EINPUT, "weights row %zu: weight is not finite", i);
        }
    }
    return RC_OK;
}

static int check_values(const double *y, size_t n, const char *what, rc_error *err)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(y[i]))
            return rc_error_set(err, RC_EINPUT,
                                "%s: the value of region %zu is missing or not finite", what, i);
    return RC_OK;
}

int rc_weights_sums_compute(rc_weights_sums *out, const rc_csr *w, rc_error *err)
{
    size_t n = w->n;
    double *col = calloc(n ? n : 1, sizeof *col);
    if (!col)
        return rc_error_set(err, RC_ENOMEM, "out of memory (weights sums)");
    double s0 = 0, sq = 0, cross = 0, s2 = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t e = w->offsets[i]; e < w->offsets[i + 1]; e++) {
            size_t j = w->neighbours[e];
            double wij = w->weights[e];
            s0 += wij;
            sq += wij * wij;
            col[j] += wij;
            /* Σ_ij w_ij w_ji: look w_ji up in row j (rows are short). */
            for (size_t f = w->offsets[j]; f < w->offsets[j + 1]; f++)
                if (w->neighbours[f] == i) {
                    cross += wij * w->weights[f];
                    break;
                }
        }
    for (size_t i = 0; i < n; i++) {
        double row = 0;
        for (size_t e = w->offsets[i]; e < w->offsets[i + 1]; e++)
            row += w->weights[e];
        s2 += (row + col[i]) * (row + col[i]);
    }
    free(col);
    /* S1 = ½ Σ (w_ij + w_ji)² = Σ w_ij² + Σ w_ij w_ji */
    out->s0 = s0;
    out->s1 = sq + cross;
    out->s2 = s2;
    return RC_OK;
}

/* Σ_i a_i Σ_j w_ij b_j */
static double cross_lag(const double *a, const double *b, const rc_csr *w)
{
    double s = 0;
    for (size_t i = 0; i < w->n; i++) {
        double l = 0;
        for (size_t e = w->offsets[i]; e < w->offsets[i + 1]; e++)
            l += w->weights[e] * b[w->neighbours[e]];
        s += a[i] * l;
    }
    return s;
}

/* Σ_ij w_ij (y_i − y_j)² */
static double geary_sum(const double *y, const rc_csr *w)
{
    double s = 0;
    for (size_t i = 0; i < w->n; i++)
        for (size_t e = w->offsets[i]; e < w->offsets[i + 1]; e++) {
            double d = y[i] - y[w->neighbours[e]];
            s += w->weights[e] * d * d;
        }
    return s;
}

typedef enum { STAT_MORAN, STAT_GEARY, STAT_G, STAT_BV } stat_kind;

typedef struct {
    stat_kind kind;
    const rc_csr *w;
    const double *fixed;  /* bivariate: zx; otherwise unused */
    double scale;         /* statistic = scale · raw sum */
} stat_def;

static double evaluate(const stat_def *d, const double *v)
{
    switch (d->kind) {
    case STAT_MORAN: return d->scale * cross_lag(v, v, d->w);
    case STAT_GEARY: return d->scale * geary_sum(v, d->w);
    case STAT_G: return d->scale * cross_lag(v, v, d->w);
    default: return d->scale * cross_lag(d->fixed, v, d->w);
    }
}

/* Permutation inference: permutation r shuffles a fresh copy of v with stream (seed, r). */
static int permute(rc_spatial_stat *out, const stat_def *d, const double *v, size_t n,
                   const rc_perm_options *opt, rc_error *err)
{
    out->p_sim = out->mean_sim = out->sd_sim = out->z_sim = NAN;
    size_t R = opt ? opt->permutations : 0;
    if (R == 0)
        return RC_OK;
    double *sims = malloc(R * sizeof *sims);
    if (!sims)
        return rc_error_set(err, RC_ENOMEM, "out of memory (%zu permutations)", R);
    int failed = 0;
#pragma omp parallel
    {
        double *scratch = malloc(n * sizeof *scratch);
        if (!scratch) {
#pragma omp atomic write
            failed = 1;
        }
#pragma omp for schedule(static)
        for (size_t r = 0; r < R; r++) {
            if (!scratch)
                continue;
            rc_rng rng;
            rc_rng_init(&rng, opt->seed, r);
            memcpy(scratch, v, n * sizeof *scratch);
            rc_rng_shuffle_double(&rng, scratch, n);
            sims[r] = evaluate(d, scratch);
        }
        free(scratch);
    }
    if (failed) {
        free(sims);
        return rc_error_set(err, RC_ENOMEM, "out of memory (permutation scratch)");
    }
    double obs = out->value, sum = 0, sumsq = 0;
    size_t ge = 0, le = 0;
    for (size_t r = 0; r < R; r++) {
        sum += sims[r];
        ge += sims[r] >= obs;
        le += sims[r] <= obs;
    }
    double mean = sum / (double)R;
    for (size_t r = 0; r < R; r++)
        sumsq += (sims[r] - mean) * (sims[r] - mean);
    out->mean_sim = mean;
    out->sd_sim = sqrt(sumsq / (double)R);
    out->z_sim = out->sd_sim > 0 ? (obs - mean) / out->sd_sim : NAN;
    if (opt->alternative == RC_ALT_TWO_SIDED) {
        gsl_sort(sims, 1, R);
        out->p_sim = rc_pseudo_p_two_sided(obs, sims, R);
    } else {
        out->p_sim = rc_pseudo_p_counts(opt->alternative, ge, le, R);
    }
    free(sims);
    return RC_OK;
}

static void init_stat(rc_spatial_stat *out, size_t n, const rc_csr *w)
{
    out->value = out->expected = NAN;
    out->variance_norm = out->variance_rand = NAN;
    out->z_norm = out->z_rand = out->p_norm = out->p_rand = NAN;
    out->p_sim = out->mean_sim = out->sd_sim = out->z_sim = NAN;
    out->n = n;
    out->islands = rc_csr_islands(w);
}

/* Common checks; on success *z holds y − ȳ (malloc'ed) and *m2, *m4 the sums Σz², Σz⁴. */
static int centre(double **z, double *m2, double *m4, const double *y, const rc_csr *w,
                  size_t n, size_t nmin, const char *what, rc_error *err)
{
    int rc;
    if ((rc = check_csr(w, n, err)) != RC_OK || (rc = check_values(y, n, what, err)) != RC_OK)
        return rc;
    if (n < nmin)
        return rc_error_set(err, RC_EINSUFFICIENT, "%s needs at least %zu regions, got %zu", what,
                            nmin, n);
    double mean = 0;
    for (size_t i = 0; i < n; i++)
        mean += y[i];
    mean /= (double)n;
    double *c = malloc(n * sizeof *c);
    if (!c)
        return rc_error_set(err, RC_ENOMEM, "out of memory (%s)", what);
    double s2 = 0, s4 = 0;
    for (size_t i = 0; i < n; i++) {
        c[i] = y[i] - mean;
        s2 += c[i] * c[i];
        s4 += c[i] * c[i] * c[i] * c[i];
    }
    /* A constant variable up to rounding has no spatial pattern to measure. */
    if (!(s2 > 1e-28 * (double)n * (mean * mean + 1e-300))) {
        free(c);
        return rc_error_set(err, RC_EINSUFFICIENT, "%s: the values are constant (all %g)", what,
                            y[0]);
    }
    *z = c;
    *m2 = s2;
    *m4 = s4;
    return RC_OK;
}

static int need_links(const rc_weights_sums *s, const char *what, rc_error *err)
{
    if (!(s->s0 != 0.0))
        return rc_error_set(err, RC_EINSUFFICIENT,
                            "%s: the weights have no links (S0 = 0): every region is an island",
                            what);
    return RC_OK;
}

int rc_moran(rc_spatial_stat *out, const double *y, const rc_csr *w, const rc_perm_options *opt,
             rc_error *err)
{
    size_t n = w ? w->n : 0;
    double *z, sz2, sz4;
    int rc = centre(&z, &sz2, &sz4, y, w, n, 4, "Moran's I", err);
    if (rc != RC_OK)
        return rc;
    rc_weights_sums s;
    if ((rc = rc_weights_sums_compute(&s, w, err)) != RC_OK || (rc = need_links(&s, "Moran's I", err)) != RC_OK) {
        free(z);
        return rc;
    }
    init_stat(out, n, w);
    double nn = (double)n, s02 = s.s0 * s.s0;
    stat_def d = {STAT_MORAN, w, NULL, nn / (s.s0 * sz2)};
    out->value = evaluate(&d, z);
    double ei = -1.0 / (nn - 1.0);
    out->expected = ei;
    out->variance_norm = (nn * nn * s.s1 - nn * s.s2 + 3.0 * s02) / ((nn - 1.0) * (nn + 1.0) * s02) - ei * ei;
    double k = (sz4 / nn) / ((sz2 / nn) * (sz2 / nn));
    double a = nn * ((nn * nn - 3.0 * nn + 3.0) * s.s1 - nn * s.s2 + 3.0 * s02);
    double b = k * ((nn * nn - nn) * s.s1 - 2.0 * nn * s.s2 + 6.0 * s02);
    out->variance_rand = (a - b) / ((nn - 1.0) * (nn - 2.0) * (nn - 3.0) * s02) - ei * ei;
    out->z_norm = (out->value - ei) / sqrt(out->variance_norm);
    out->z_rand = (out->value - ei) / sqrt(out->variance_rand);
    rc_alternative alt = opt ? opt->alternative : RC_ALT_DIRECTED;
    out->p_norm = rc_normal_p(out->z_norm, alt, 1);
    out->p_rand = rc_normal_p(out->z_rand, alt, 1);
    rc = permute(out, &d, z, n, opt, err);
    free(z);
    return rc;
}

int rc_geary(rc_spatial_stat *out, const double *y, const rc_csr *w, const rc_perm_options *opt,
             rc_error *err)
{
    size_t n = w ? w->n : 0;
    double *z, sz2, sz4;
    int rc = centre(&z, &sz2, &sz4, y, w, n, 4, "Geary's C", err);
    if (rc != RC_OK)
        return rc;
    rc_weights_sums s;
    if ((rc = rc_weights_sums_compute(&s, w, err)) != RC_OK || (rc = need_links(&s, "Geary's C", err)) != RC_OK) {
        free(z);
        return rc;
    }
    init_stat(out, n, w);
    double nn = (double)n, s02 = s.s0 * s.s0;
    stat_def d = {STAT_GEARY, w, NULL, (nn - 1.0) / (2.0 * s.s0 * sz2)};
    out->value = evaluate(&d, z);
    out->expected = 1.0;
    out->variance_norm = ((2.0 * s.s1 + s.s2) * (nn - 1.0) - 4.0 * s02) / (2.0 * (nn + 1.0) * s02);
    double k = (sz4 / nn) / ((sz2 / nn) * (sz2 / nn));
    double num = (nn - 1.0) * s.s1 * (nn * nn - 3.0 * nn + 3.0 - (nn - 1.0) * k) -
                 0.25 * (nn - 1.0) * s.s2 * (nn * nn + 3.0 * nn - 6.0 - (nn * nn - nn + 2.0) * k) +
                 s02 * (nn * nn - 3.0 - (nn - 1.0) * (nn - 1.0) * k);
    out->variance_rand = num / (nn * (nn - 2.0) * (nn - 3.0) * s02);
    out->z_norm = (out->value - 1.0) / sqrt(out->variance_norm);
    out->z_rand = (out->value - 1.0) / sqrt(out->variance_rand);
    rc_alternative alt = opt ? opt->alternative : RC_ALT_DIRECTED;
    out->p_norm = rc_normal_p(out->z_norm, alt, 0);
    out->p_rand = rc_normal_p(out->z_rand, alt, 0);
    rc = permute(out, &d, z, n, opt, err);
    free(z);
    return rc;
}

/* The binary pattern of w without the diagonal (esda G forces transform "B"). */
static int binary_pattern(size_t **off, size_t **nb, double **wt, const rc_csr *w, int self,
                          rc_error *err)
{
    size_t n = w->n, nnz = w->offsets[n] + (self ? n : 0);
    size_t *o = malloc((n + 1) * sizeof *o), *b = malloc((nnz ? nnz : 1) * sizeof *b);
    double *v = malloc((nnz ? nnz : 1) * sizeof *v);
    if (!o || !b || !v) {
        free(o), free(b), free(v);
        return rc_error_set(err, RC_ENOMEM, "out of memory (binary weights)");
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        o[i] = k;
        if (self) {
            b[k] = i;
            v[k++] = 1.0;
        }
        for (size_t e = w->offsets[i]; e < w->offsets[i + 1]; e++)
            if (w->neighbours[e] != i && w->weights[e] != 0.0) {
                b[k] = w->neighbours[e];
                v[k++] = 1.0;
            }
    }
    o[n] = k;
    *off = o, *nb = b, *wt = v;
    return RC_OK;
}

int rc_getis_ord_g(rc_spatial_stat *out, const double *y, const rc_csr *w,
                   const rc_perm_options *opt, rc_error *err)
{
    size_t n = w ? w->n : 0;
    int rc;
    if ((rc = check_csr(w, n, err)) != RC_OK || (rc = check_values(y, n, "General G", err)) != RC_OK)
        return rc;
    if (n < 4)
        return rc_error_set(err, RC_EINSUFFICIENT, "General G needs at least 4 regions, got %zu", n);
    double sy = 0, sy2 = 0, sy3 = 0, sy4 = 0;
    size_t positive = 0;
    for (size_t i = 0; i < n; i++) {
        if (y[i] < 0)
            return rc_error_set(err, RC_EINPUT,
                                "General G needs values >= 0; region %zu has %g", i, y[i]);
        positive += y[i] > 0;
        sy += y[i], sy2 += y[i] * y[i], sy3 += y[i] * y[i] * y[i], sy4 += y[i] * y[i] * y[i] * y[i];
    }
    if (positive < 2)
        return rc_error_set(err, RC_EINSUFFICIENT,
                            "General G needs at least two positive values, got %zu", positive);
    size_t *o = NULL, *b = NULL;
    double *v = NULL;
    if ((rc = binary_pattern(&o, &b, &v, w, 0, err)) != RC_OK)
        return rc;
    rc_csr bw = {n, o, b, v};
    rc_weights_sums s;
    if ((rc = rc_weights_sums_compute(&s, &bw, err)) != RC_OK || (rc = need_links(&s, "General G", err)) != RC_OK)
        goto done;
    init_stat(out, n, w);
    double nn = (double)n, s02 = s.s0 * s.s0, den = sy * sy - sy2;
    stat_def d = {STAT_G, &bw, NULL, 1.0 / den};
    out->value = evaluate(&d, y);
    double eg = s.s0 / (nn * (nn - 1.0));
    double b0 = (nn * nn - 3.0 * nn + 3.0) * s.s1 - nn * s.s2 + 3.0 * s02;
    double b1 = -((nn * nn - nn) * s.s1 - 2.0 * nn * s.s2 + 6.0 * s02);
    double b2 = -(2.0 * nn * s.s1 - (nn + 3.0) * s.s2 + 6.0 * s02);
    double b3 = 4.0 * (nn - 1.0) * s.s1 - 2.0 * (nn + 1.0) * s.s2 + 8.0 * s02;
    double b4 = s.s1 - s.s2 + s02;
    double eg2 = (b0 * sy2 * sy2 + b1 * sy4 + b2 * sy * sy * sy2 + b3 * sy * sy3 + b4 * sy * sy * sy * sy) /
                 (den * den * nn * (nn - 1.0) * (nn - 2.0) * (nn - 3.0));
    out->expected = eg;
    out->variance_norm = eg2 - eg * eg;
    out->z_norm = out->variance_norm > 0 ? (out->value - eg) / sqrt(out->variance_norm) : NAN;
    out->p_norm = rc_normal_p(out->z_norm, opt ? opt->alternative : RC_ALT_DIRECTED, 0);
    rc = permute(out, &d, y, n, opt, err);
done:
    free(o), free(b), free(v);
    return rc;
}

int rc_moran_bv(rc_spatial_stat *out, const double *x, const double *y, const rc_csr *w,
                const rc_perm_options *opt, rc_error *err)
{
    size_t n = w ? w->n : 0;
    double *zx, *zy, sx2, sy2, unused;
    int rc = centre(&zx, &sx2, &unused, x, w, n, 3, "bivariate Moran (x)", err);
    if (rc != RC_OK)
        return rc;
    if ((rc = centre(&zy, &sy2, &unused, y, w, n, 3, "bivariate Moran (y)", err)) != RC_OK) {
        free(zx);
        return rc;
    }
    /* esda Moran_BV standardises both variables with ddof = 1 and divides by n − 1. */
    double sdx = sqrt(sx2 / (double)(n - 1)), sdy = sqrt(sy2 / (double)(n - 1));
    for (size_t i = 0; i < n; i++) {
        zx[i] /= sdx;
        zy[i] /= sdy;
    }
    init_stat(out, n, w);
    stat_def d = {STAT_BV, w, zx, 1.0 / (double)(n - 1)};
    out->value = evaluate(&d, zy);
    rc = permute(out, &d, zy, n, opt, err);
    free(zx);
    free(zy);
    return rc;
}
