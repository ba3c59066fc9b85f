/* clubs.c — Phillips–Sul log t test and club clustering (see regcoord/convergence.h;
 * methods/02 §5). Reproduces R ConvergenceClubs 2.2.5 (estimateMod, findClubs, mergeClubs,
 * mergeDivergent), including the quirks of its HAC estimator. */
#include "regcoord/convergence.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "convergence_ols.h"

void rc_clubs_options_init(rc_clubs_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->time_trim = 1.0 / 3.0;
    opt->critical = -1.65;
    opt->cstar = 0.0;
}

/* Residual long-run variance as ps_andrews_hac: AR(1) plug-in QS bandwidth, divisor m − 1,
 * and the last residual left out of the autocovariances (as the original GAUSS code). */
static int hac(double *omega2, const double *e, size_t m, rc_error *err)
{
    double num = 0, den = 0, ss = 0;
    for (size_t s = 0; s + 1 < m; s++) {
        num += e[s] * e[s + 1];
        den += e[s] * e[s];
    }
    for (size_t s = 0; s < m; s++)
        ss += e[s] * e[s];
    if (!(den > 0) || !(ss > 0))
        return rc_error_set(err, RC_ENUMERIC, "degenerate log t regression (perfect fit)");
    double rho = num / den;
    if (rho == 1.0)
        return rc_error_set(err, RC_ENUMERIC, "degenerate log t regression (residual AR(1) coefficient 1)");
    double a = 4 * rho * rho / pow(1 - rho, 4), B = 1.3221 * pow(a * (double)m, 0.2);
    double w = ss;
    for (size_t l = 1; l + 2 <= m; l++) {
        /* ρ = 0 gives B = 0: the QS kernel tends to 0 as l/B → ∞, so no autocovariance. */
        double k = 0;
        if (B > 0) {
            double z = 1.2 * M_PI * (double)l / B;
            k = 3.0 / (z * z) * (sin(z) / z - cos(z));
        }
        double g = 0;
        for (size_t s = 0; s + l + 1 < m; s++)
            g += e[s] * e[s + l];
        w += 2 * k * g;
    }
    *omega2 = w / (double)(m - 1);
    return RC_OK;
}

int rc_logt(rc_estimate *out, const double *X, size_t N, size_t T, const size_t *units, size_t m,
            const rc_clubs_options *opt, rc_error *err)
{
    if (!units)
        m = N;
    size_t drop = (size_t)nearbyint((double)T * opt->time_trim); /* R round: half to even */
    if (m < 2)
        return rc_error_set(err, RC_EINSUFFICIENT, "the log t test needs at least 2 units");
    if (T < drop + 3)
        return rc_error_set(err, RC_EINSUFFICIENT,
                            "the log t test needs at least 3 periods after trimming (T = %zu, %zu trimmed)",
                            T, drop);
    size_t nobs = T - drop;
    double *H = malloc(T * sizeof *H), *Z = malloc(2 * nobs * sizeof *Z), *Y = malloc(nobs * sizeof *Y),
           *e = malloc(nobs * sizeof *e);
    int rc = RC_OK;
    if (!H || !Z || !Y || !e) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t t = 0; t < T && rc == RC_OK; t++) {
        double mean = 0, h = 0;
        for (size_t k = 0; k < m; k++)
            mean += X[(units ? units[k] : k) * T + t];
        mean /= (double)m;
        if (!(mean > 0)) {
            rc = rc_error_set(err, RC_EINPUT, "the log t test needs a positive cross-section mean "
                              "(period %zu): use units with y > 1 so that ln y > 0", t + 1);
            break;
        }
        for (size_t k = 0; k < m; k++) {
            double d = X[(units ? units[k] : k) * T + t] / mean - 1.0;
            h += d * d;
        }
        H[t] = h / (double)m;
    }
    if (rc != RC_OK)
        goto done;
    for (size_t j = 0; j < nobs; j++) {
        double t = (double)(drop + j + 1), L = log(opt->lt_plus_1 ? t + 1 : t);
        if (!(H[drop + j] > 0) || !(H[0] > 0)) {
            rc = rc_error_set(err, RC_ENUMERIC, "degenerate log t regression: the units are identical "
                              "in period %zu", drop + j + 1);
            goto done;
        }
        Y[j] = log(H[0] / H[drop + j]) - 2.0 * log(L);
        Z[2 * j] = 1.0;
        Z[2 * j + 1] = log(t);
    }
    double b[2], se[2], rss, w2;
    if ((rc = rc_conv_ols(b, se, &rss, e, Z, Y, nobs, 2, nobs - 2, RC_VCOV_CLASSIC, NULL, 0, err)) != RC_OK)
        goto done;
    if ((rc = hac(&w2, e, nobs, err)) != RC_OK)
        goto done;
    /* [(Z'Z)⁻¹]_22 = 1 / Σ (ln t − mean ln t)² for Z = [1, ln t]. */
    double zm = 0, zz = 0;
    for (size_t j = 0; j < nobs; j++)
        zm += Z[2 * j + 1] / (double)nobs;
    for (size_t j = 0; j < nobs; j++)
        zz += (Z[2 * j + 1] - zm) * (Z[2 * j + 1] - zm);
    zz = 1.0 / zz;
    out->value = b[1];
    out->std_error = sqrt(w2 * zz);
    out->t = b[1] / out->std_error;
    out->p_value = gsl_cdf_ugaussian_P(out->t);
done:
    free(H), free(Z), free(Y), free(e);
    return rc;
}

void rc_clubs_free(rc_clubs *c)
{
    free(c->club), free(c->test);
    memset(c, 0, sizeof *c);
}

/* Working state of the clustering. */
typedef struct {
    const double *X;
    size_t N, T;
    const rc_clubs_options *opt;
    size_t *buf;            /* scratch list of units */
    rc_error *err;
    size_t *cand;           /* sieve candidates and their t(core ∪ {u}) */
    double *tcand;
} ctx;

/* t statistic of a group; *t is NaN-free on RC_OK. */
static int tstat(double *t, ctx *c, const size_t *units, size_t m)
{
    rc_estimate e;
    int rc = rc_logt(&e, c->X, c->N, c->T, units, m, c->opt, c->err);
    if (rc == RC_OK)
        *t = e.t;
    return rc;
}

/* t of group ∪ {u} (group copied into c->buf). */
static int tstat_plus(double *t, ctx *c, const size_t *group, size_t m, size_t u)
{
    memmove(c->buf, group, m * sizeof *group);
    c->buf[m] = u;
    return tstat(t, c, c->buf, m + 1);
}

/* One round of findClubs on the ordered units rem[0..R-1]: the club's members go to
 * club[0..*size-1]; *size = 0 when no pair converges (all divergent). */
static int one_club(size_t *club, size_t *size, ctx *c, const size_t *rem, size_t R)
{
    const rc_clubs_options *o = c->opt;
    double t;
    int rc;
    *size = 0;
    if ((rc = tstat(&t, c, rem, R)) != RC_OK)
        return rc;
    if (t > o->critical) { /* the remaining units converge as a whole */
        memcpy(club, rem, R * sizeof *rem);
        *size = R;
        return RC_OK;
    }
    size_t start = R;
    for (size_t k = 1; k < R; k++) {
        if ((rc = tstat(&t, c, rem + k - 1, 2)) != RC_OK)
            return rc;
        if (t > o->critical) {
            start = k - 1;
            break;
        }
    }
    if (start == R)
        return RC_OK;
    /* Grow the core while it converges; keep the size with the largest |t| (or t). */
    double best = o->core_max_t ? t : fabs(t);
    size_t end = start + 2; /* core = rem[start .. end) */
    for (size_t j = start + 2; j < R; j++) {
        if ((rc = tstat(&t, c, rem + start, j - start + 1)) != RC_OK)
            return rc;
        if (!(t > o->critical))
            break;
        double v = o->core_max_t ? t : fabs(t);
        if (v > best) {
            best = v;
            end = j + 1;
        }
    }
    size_t m = end - start;
    memcpy(club, rem + start, m * sizeof *rem);
    /* Sieve: t(core ∪ {u}) for every other remaining unit (all c* rules filter these). */
    size_t ncand = 0, *cand = c->cand;
    double *tc = c->tcand;
    for (size_t k = 0; k < R; k++) {
        if (k >= start && k < end)
            continue;
        if ((rc = tstat_plus(&t, c, club, m, rem[k])) != RC_OK)
            return rc;
        cand[ncand] = rem[k];
        tc[ncand++] = t;
    }
    double cstar = o->cstar;
    for (;;) {
        size_t added = 0;
        for (size_t k = 0; k < ncand; k++)
            if (tc[k] > cstar)
                club[m + added++] = cand[k];
        *size = m + added;
        if (o->cstar_method == RC_CSTAR_FIXED || added == 0)
            return RC_OK;
        if ((rc = tstat(&t, c, club, *size)) != RC_OK)
            return rc;
        if (t > o->critical)
            return RC_OK;
        if (o->cstar_method == RC_CSTAR_ADJUST)
            break;
        cstar += 0.1; /* ConvergenceClubs cstar_increment, capped at 3: then the core alone */
        if (cstar > 3.0) {
            *size = m;
            return RC_OK;
        }
    }
    /* adjust: from the core, add the sieve candidate that maximises t(club ∪ {c}) while
     * that t converges. */
    size_t nc = 0;
    for (size_t k = 0; k < ncand; k++)
        if (tc[k] > cstar)
            cand[nc++] = cand[k];
    *size = m;
    while (nc > 0) {
        double top = -INFINITY;
        size_t bk = 0;
        for (size_t k = 0; k < nc; k++) {
            if ((rc = tstat_plus(&t, c, club, *size, cand[k])) != RC_OK)
                return rc;
            if (t > top) {
                top = t;
                bk = k;
            }
        }
        if (!(top > o->critical))
            break;
        club[(*size)++] = cand[bk];
        cand[bk] = cand[--nc];
    }
    return RC_OK;
}

/* Clubs as lists: members of club g are unit[off[g] .. off[g+1]). */
typedef struct {
    size_t n, *off, *unit;
} club_list;

/* mergeClubs: PS (Phillips & Sul 2009) or vLT (von Lyncker & Thoennessen 2017). */
static int merge_clubs(club_list *cl, ctx *c, rc_clubs_merge how)
{
    size_t L = cl->n, N = c->N, *unit = malloc((N + 1) * sizeof *unit), *off = malloc((L + 1) * sizeof *off),
           *cur = malloc((N + 1) * sizeof *cur);
    int rc = RC_OK;
    if (!unit || !off || !cur) {
        free(unit), free(off), free(cur);
        return rc_error_set(c->err, RC_ENOMEM, "out of memory");
    }
    size_t nl = 0, nu = 0, i = 0;
    off[0] = 0;
    while (i < L && rc == RC_OK) {
        size_t m = cl->off[i + 1] - cl->off[i];
        memcpy(cur, cl->unit + cl->off[i], m * sizeof *cur);
        size_t k = i + 1;
        for (; k < L; k++) {
            size_t mk = cl->off[k + 1] - cl->off[k];
            memcpy(cur + m, cl->unit + cl->off[k], mk * sizeof *cur);
            double t;
            if ((rc = tstat(&t, c, cur, m + mk)) != RC_OK)
                break;
            int ok = t > c->opt->critical;
            if (ok && how == RC_CLUBS_MERGE_VLT && k + 1 < L) {
                /* vLT: merge only if the union beats the pair (k, k + 1). */
                size_t mn = cl->off[k + 2] - cl->off[k + 1];
                double tk;
                memcpy(c->buf, cl->unit + cl->off[k], mk * sizeof *cur);
                memcpy(c->buf + mk, cl->unit + cl->off[k + 1], mn * sizeof *cur);
                if ((rc = tstat(&tk, c, c->buf, mk + mn)) != RC_OK)
                    break;
                ok = t > tk;
            }
            if (!ok)
                break;
            m += mk;
        }
        if (rc != RC_OK)
            break;
        memcpy(unit + nu, cur, m * sizeof *cur);
        nu += m;
        off[++nl] = nu;
        i = k; /* restart from the club that failed */
    }
    if (rc == RC_OK) {
        free(cl->off), free(cl->unit);
        cl->off = off;
        cl->unit = unit;
        cl->n = nl;
    } else {
        free(unit), free(off);
    }
    free(cur);
    return rc;
}

/* mergeDivergent: add the divergent unit with the best t(club ∪ {d}) while it converges. */
static int merge_divergent(club_list *cl, size_t *div, size_t *nd, ctx *c)
{
    int rc = RC_OK;
    while (*nd > 0 && cl->n > 0) {
        double best = -INFINITY, t;
        size_t bg = 0, bd = 0;
        for (size_t g = 0; g < cl->n && rc == RC_OK; g++)
            for (size_t d = 0; d < *nd && rc == RC_OK; d++) {
                rc = tstat_plus(&t, c, cl->unit + cl->off[g], cl->off[g + 1] - cl->off[g], div[d]);
                if (rc == RC_OK && t > best) {
                    best = t;
                    bg = g;
                    bd = d;
                }
            }
        if (rc != RC_OK || !(best > c->opt->critical))
            break;
        /* Insert div[bd] at the end of club bg (shift the later clubs' units). */
        size_t u = div[bd], pos = cl->off[bg + 1], total = cl->off[cl->n];
        memmove(cl->unit + pos + 1, cl->unit + pos, (total - pos) * sizeof *cl->unit);
        cl->unit[pos] = u;
        for (size_t g = bg + 1; g <= cl->n; g++)
            cl->off[g]++;
        memmove(div + bd, div + bd + 1, (*nd - bd - 1) * sizeof *div);
        (*nd)--;
    }
    return rc;
}

typedef struct {
    double v;
    size_t i;
} keyed;

static int by_last_desc(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    if (x->v != y->v)
        return x->v > y->v ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i; /* stable for ties */
}

int rc_clubs_find(rc_clubs *out, const double *X, size_t N, size_t T, const rc_clubs_options *opt,
                  rc_error *err)
{
    memset(out, 0, sizeof *out);
    if (N < 2)
        return rc_error_set(err, RC_EINSUFFICIENT, "club clustering needs at least 2 units");
    for (size_t k = 0; k < N * T; k++)
        if (!isfinite(X[k]))
            return rc_error_set(err, RC_EINPUT, "club clustering: unit %zu, period %zu is not finite",
                                k / T, k % T + 1);
    out->n = N;
    ctx c = {X, N, T, opt, malloc((N + 1) * sizeof(size_t)), err, malloc((N + 1) * sizeof(size_t)),
             malloc((N + 1) * sizeof(double))};
    size_t *rem = malloc(N * sizeof *rem), *div = malloc(N * sizeof *div);
    keyed *ord = malloc(N * sizeof *ord);
    club_list cl = {0, calloc(N + 1, sizeof(size_t)), malloc(N * sizeof(size_t))};
    out->club = malloc(N * sizeof *out->club);
    int rc = RC_OK;
    if (!c.buf || !c.cand || !c.tcand || !rem || !div || !ord || !cl.off || !cl.unit || !out->club) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = rc_logt(&out->whole, X, N, T, NULL, N, opt, err)) != RC_OK)
        goto done;
    size_t last = opt->order_fraction > 0 ? (size_t)nearbyint(opt->order_fraction * (double)T) : 1;
    if (last < 1)
        last = 1;
    if (last > T)
        last = T;
    for (size_t i = 0; i < N; i++) {
        double s = 0;
        for (size_t t = T - last; t < T; t++)
            s += X[i * T + t];
        ord[i] = (keyed){last == 1 ? X[i * T + T - 1] : s / (double)last, i};
    }
    qsort(ord, N, sizeof *ord, by_last_desc);
    size_t R = N, nd = 0;
    for (size_t i = 0; i < N; i++)
        rem[i] = ord[i].i;
    while (R > 0) {
        if (R == 1) {
            div[nd++] = rem[0];
            break;
        }
        size_t size, *club = cl.unit + cl.off[cl.n];
        if ((rc = one_club(club, &size, &c, rem, R)) != RC_OK)
            goto done;
        if (size == 0) { /* no converging pair: the rest diverge */
            memcpy(div + nd, rem, R * sizeof *rem);
            nd += R;
            break;
        }
        cl.off[cl.n + 1] = cl.off[cl.n] + size;
        cl.n++;
        /* Remove the club from the ordered remaining units (order kept). */
        size_t w = 0;
        for (size_t k = 0; k < R; k++) {
            int in = 0;
            for (size_t j = 0; j < size && !in; j++)
                in = club[j] == rem[k];
            if (!in)
                rem[w++] = rem[k];
        }
        R = w;
    }
    if (opt->merge != RC_CLUBS_MERGE_NONE && cl.n > 1 && (rc = merge_clubs(&cl, &c, opt->merge)) != RC_OK)
        goto done;
    if (opt->merge_divergent && (rc = merge_divergent(&cl, div, &nd, &c)) != RC_OK)
        goto done;
    out->nclubs = cl.n;
    out->ndivergent = nd;
    out->test = malloc((cl.n + 1) * sizeof *out->test);
    if (!out->test) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < N; i++)
        out->club[i] = -1;
    for (size_t g = 0; g < cl.n && rc == RC_OK; g++) {
        for (size_t k = cl.off[g]; k < cl.off[g + 1]; k++)
            out->club[cl.unit[k]] = (int)g;
        rc = rc_logt(&out->test[g], X, N, T, cl.unit + cl.off[g], cl.off[g + 1] - cl.off[g], opt, err);
    }
done:
    free(c.buf), free(c.cand), free(c.tcand), free(rem), free(div), free(ord), free(cl.off), free(cl.unit);
    if (rc != RC_OK)
        rc_clubs_free(out);
    return rc;
}
