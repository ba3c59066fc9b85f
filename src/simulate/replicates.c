/* replicates.c — Monte Carlo replicates (design §7.4, §8): replicate r runs with the shock
 * streams of job r; per period the gap indices of all replicates are reduced, in replicate
 * order, into mean, sd and 5/50/95 % quantiles (table "replicates"). The same replicates can
 * be run in shards (rc_sim_replicate_runs, `regcoord simulate --jobs A:B`) on any number of
 * machines and merged afterwards (rc_sim_replicates_merge, `--merge`): the merged table is
 * the single-machine one bit for bit, because the reduction sees the same numbers in the same
 * order (the CSV shards hold every double in its shortest round-trip form). */
#include "sim_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/raw_table.h"
#include "regcoord/io.h"

enum { NS = 4 };
static const char *const STAT_NAMES[NS] = {"theil_t_w", "gini_w", "cv", "mean_real_income"};

/* The values of R replicates over T periods: v[(t·NS + k)·R + r], with each period's labels. */
typedef struct {
    size_t R, T;
    double *v;
    long long *period, *year;
} rep_values;

static void rep_values_free(rep_values *rv)
{
    free(rv->v), free(rv->period), free(rv->year);
    memset(rv, 0, sizeof *rv);
}

static int rep_values_alloc(rep_values *rv, size_t R, size_t T, rc_error *err)
{
    memset(rv, 0, sizeof *rv);
    rv->R = R, rv->T = T;
    rv->v = malloc((R * T * NS + 1) * sizeof *rv->v);
    rv->period = malloc((T + 1) * sizeof *rv->period);
    rv->year = malloc((T + 1) * sizeof *rv->year);
    if (!rv->v || !rv->period || !rv->year) {
        rep_values_free(rv);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    return RC_OK;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Quantile of sorted v[0..n-1] by linear interpolation (type 7, as R's default). */
static double quantile(const double *v, size_t n, double q)
{
    double h = (double)(n - 1) * q;
    size_t lo = (size_t)floor(h);
    return lo + 1 < n ? v[lo] + (h - (double)lo) * (v[lo + 1] - v[lo]) : v[lo];
}

/* Reduce per period and statistic, in replicate order (sorts rv->v in place). */
static int reduce(rc_table **out, rep_values *rv, rc_error *err)
{
    *out = NULL;
    const size_t R = rv->R;
    rc_table *t = NULL;
    static const char *const cols[] = {"period", "year", "statistic", "mean", "sd", "q05", "q50",
                                       "q95"};
    int rc = rc_table_new(&t, "replicates", err);
    for (size_t c = 0; c < 8 && !rc; c++)
        rc = rc_table_add_column(t, cols[c], c < 2 ? RC_COL_INT : c == 2 ? RC_COL_STR : RC_COL_DBL,
                                 NULL, err);
    for (size_t k = 0; k < rv->T && !rc; k++)
        for (int q = 0; q < NS && !rc; q++) {
            double *v = rv->v + (k * NS + (size_t)q) * R, mean = 0.0, ss = 0.0;
            for (size_t r = 0; r < R; r++)
                mean += v[r];
            mean /= (double)R;
            for (size_t r = 0; r < R; r++)
                ss += (v[r] - mean) * (v[r] - mean);
            qsort(v, R, sizeof *v, cmp_double);
            rc = rc_table_append(t, err, "llsddddd", rv->period[k], rv->year[k], STAT_NAMES[q],
                                 mean, R > 1 ? sqrt(ss / (double)(R - 1)) : NAN,
                                 quantile(v, R, 0.05), quantile(v, R, 0.5), quantile(v, R, 0.95));
        }
    if (rc) {
        rc_table_free(t);
        return rc;
    }
    *out = t;
    return RC_OK;
}

static void period_labels(rep_values *rv, const rc_sim_scenario *sc)
{
    for (size_t k = 0; k < rv->T; k++) {
        long long period = (long long)(sc->period0 + k);
        rv->period[k] = period;
        rv->year[k] = sc->has_year0 ? sc->year0 + period : period;
    }
}

/* Replicates first … end−1 into rv->v at columns r − first; `main` (may be NULL) is replicate
 * 0 already run. In parallel, one replicate per thread; only the first failure is kept. */
static int run_range(rep_values *rv, const rc_sim_scenario *sc, size_t first, size_t end,
                     const rc_sim_job_out *main_run, rc_sim_progress *pg, rc_error *err)
{
    const size_t T = sc->periods, n = sc->n, R = rv->R;
    size_t failed = SIZE_MAX;
    rc_error ferr;
#pragma omp parallel for schedule(dynamic, 1)
    for (size_t r = first; r < end; r++) {
        rc_sim_job_out jo;
        const rc_sim_job_out *use = main_run;
        rc_error e;
        int code = RC_OK;
        if (r > 0 || !main_run) {
            code = rc_sim_job_alloc(&jo, T, n) ? rc_error_set(&e, RC_ENOMEM, "out of memory")
                                               : rc_sim_run_job(sc, NULL, NULL, 0, r, NULL, &jo,
                                                                pg, &e);
            use = &jo;
        }
        if (code) {
#pragma omp critical(rc_sim_replicate_failure)
            if (r < failed) {
                failed = r;
                ferr = e;
            }
        } else
            for (size_t t = 0; t < T; t++) {
                rc_sim_national s;
                rc_sim_national_indices(&s, use->y + t * n, use->pop + t * n, n);
                const double v[NS] = {s.theil_t_w, s.gini_w, s.cv, s.mean};
                for (int k = 0; k < NS; k++)
                    rv->v[(t * NS + (size_t)k) * R + (r - first)] = v[k];
            }
        if (use != main_run)
            rc_sim_job_free(&jo);
    }
    if (failed != SIZE_MAX)
        return rc_error_set(err, ferr.code, "replicate %zu: %s", failed, ferr.message);
    return RC_OK;
}

int rc_sim_run_replicates(rc_table **out, const rc_sim_scenario *sc,
                          const rc_sim_job_out *first, rc_sim_progress *pg, rc_error *err)
{
    *out = NULL;
    rep_values rv;
    int rc = rep_values_alloc(&rv, sc->replicates, sc->periods, err);
    if (rc)
        return rc;
    period_labels(&rv, sc);
    if (!(rc = run_range(&rv, sc, 0, sc->replicates, first, pg, err)))
        rc = reduce(out, &rv, err);
    rep_values_free(&rv);
    return rc;
}

int rc_sim_replicate_runs(rc_table **out, const rc_sim_scenario *sc, size_t first, size_t end,
                          rc_error *err)
{
    *out = NULL;
    if (first >= end)
        return rc_error_set(err, RC_EUSAGE, "an empty range of replicates");
    if (end > sc->replicates)
        return rc_error_set(err, RC_EUSAGE, "replicates %zu to %zu: the scenario has %zu "
                            "replicates (0 to %zu; set them with --replicates)", first, end - 1,
                            sc->replicates, sc->replicates - 1);
    const size_t m = end - first, T = sc->periods;
    rep_values rv;
    int rc = rep_values_alloc(&rv, m, T, err);
    if (rc)
        return rc;
    period_labels(&rv, sc);
    rc_sim_progress pg = {0, m * T};
    rc_table *t = NULL;
    if (!(rc = run_range(&rv, sc, first, end, NULL, &pg, err)) &&
        !(rc = rc_table_new(&t, "replicate_runs", err))) {
        /* "replicates" (R) on every row lets the merge tell a missing shard from a smaller R */
        static const char *const cols[] = {"replicate", "replicates", "period", "year",
                                           "statistic", "value"};
        for (size_t c = 0; c < 6 && !rc; c++)
            rc = rc_table_add_column(t, cols[c], c < 4 ? RC_COL_INT : c == 4 ? RC_COL_STR
                                                                           : RC_COL_DBL,
                                     NULL, err);
        for (size_t r = 0; r < m && !rc; r++)
            for (size_t k = 0; k < T && !rc; k++)
                for (int q = 0; q < NS && !rc; q++)
                    rc = rc_table_append(t, err, "llllsd", (long long)(first + r),
                                         (long long)sc->replicates, rv.period[k], rv.year[k],
                                         STAT_NAMES[q], rv.v[(k * NS + (size_t)q) * m + r]);
    }
    rep_values_free(&rv);
    if (rc) {
        rc_table_free(t);
        return rc;
    }
    *out = t;
    return RC_OK;
}

/* ---- merging shards ------------------------------------------------------------------ */

typedef struct {
    long long replicate, of, period, year;
    int stat;
    double value;
    const char *path;
    size_t line;
} shard_row;

static int cmp_row(const void *a, const void *b)
{
    const shard_row *x = a, *y = b;
    if (x->replicate != y->replicate)
        return (x->replicate > y->replicate) - (x->replicate < y->replicate);
    if (x->period != y->period)
        return (x->period > y->period) - (x->period < y->period);
    return (x->stat > y->stat) - (x->stat < y->stat);
}

static int parse_int(const rc_raw_table *t, size_t r, size_t c, long long *out, rc_error *err)
{
    const char *s = rc_raw_cell(t, r, c);
    double x;
    if (!s || !rc_parse_number(s, &x) || x != floor(x) || fabs(x) > 1e15)
        return rc_error_set(err, RC_EINPUT, "%s:%zu: column '%s': \"%s\" is not an integer",
                            t->path, t->lines[r], t->names[c], s ? s : "");
    *out = (long long)x;
    return RC_OK;
}

/* Append the rows of one shard file. */
static int read_shard(shard_row **rows, size_t *n, size_t *cap, rc_raw_table *t, rc_error *err)
{
    static const char *const need[] = {"replicate", "period", "year", "statistic", "value",
                                       "replicates"};
    size_t col[6];
    for (size_t c = 0; c < 6; c++)
        if (!rc_raw_find_column(t, need[c], &col[c]))
            return rc_error_set(err, RC_EINPUT, "%s: no column '%s' (a shard of regcoord "
                                "simulate --replicates R --jobs A:B has replicate, replicates, "
                                "period, year, statistic, value)", t->path, need[c]);
    for (size_t r = 0; r < t->nrows; r++) {
        if (*n == *cap) {
            size_t nc = *cap ? 2 * *cap : 1024;
            shard_row *g = realloc(*rows, nc * sizeof *g);
            if (!g)
                return rc_error_set(err, RC_ENOMEM, "out of memory");
            *rows = g, *cap = nc;
        }
        shard_row *x = &(*rows)[*n];
        int rc;
        if ((rc = parse_int(t, r, col[0], &x->replicate, err)) ||
            (rc = parse_int(t, r, col[1], &x->period, err)) ||
            (rc = parse_int(t, r, col[2], &x->year, err)) ||
            (rc = parse_int(t, r, col[5], &x->of, err)))
            return rc;
        const char *st = rc_raw_cell(t, r, col[3]), *val = rc_raw_cell(t, r, col[4]);
        x->stat = -1;
        for (int q = 0; q < NS && st; q++)
            if (!strcmp(st, STAT_NAMES[q]))
                x->stat = q;
        if (x->stat < 0)
            return rc_error_set(err, RC_EINPUT, "%s:%zu: unknown statistic \"%s\" (theil_t_w, "
                                "gini_w, cv, mean_real_income)", t->path, t->lines[r],
                                st ? st : "");
        /* an index the kernels could not compute is written empty: it stays NaN */
        x->value = NAN;
        if (val && *val && !rc_parse_number(val, &x->value))
            return rc_error_set(err, RC_EINPUT, "%s:%zu: column 'value': \"%s\" is not a "
                                "number", t->path, t->lines[r], val);
        if (x->replicate < 0)
            return rc_error_set(err, RC_EINPUT, "%s:%zu: replicate %lld < 0", t->path,
                                t->lines[r], x->replicate);
        x->path = t->path;
        x->line = t->lines[r];
        (*n)++;
    }
    return RC_OK;
}

int rc_sim_replicates_merge(rc_table **out, const char *const *paths, size_t npaths,
                            rc_error *err)
{
    *out = NULL;
    if (npaths == 0)
        return rc_error_set(err, RC_EUSAGE, "no shards to merge");
    shard_row *rows = NULL;
    size_t n = 0, cap = 0;
    rc_raw_table *tables = calloc(npaths, sizeof *tables);
    int rc = tables ? RC_OK : rc_error_set(err, RC_ENOMEM, "out of memory");
    size_t nread = 0;
    for (size_t f = 0; f < npaths && !rc; f++) {
        if ((rc = rc_raw_table_read(&tables[f], paths[f], err)))
            break;
        nread++;
        rc = read_shard(&rows, &n, &cap, &tables[f], err);
    }
    rep_values rv;
    memset(&rv, 0, sizeof rv);
    if (!rc && n == 0)
        rc = rc_error_set(err, RC_EINPUT, "%s: the shards hold no rows", paths[0]);
    if (!rc) {
        qsort(rows, n, sizeof *rows, cmp_row);
        /* replicate 0 fixes the periods (its distinct periods, in order); then row i must be
         * replicate i / (T·NS), period i / NS mod T, statistic i mod NS */
        size_t T = 0;
        for (size_t i = 0; i < n && rows[i].replicate == 0; i++)
            if (i == 0 || rows[i].period != rows[i - 1].period)
                T++;
        if (rows[0].replicate != 0)
            rc = rc_error_set(err, RC_EINPUT, "the shards have no replicate 0 (the first is "
                              "%lld)", rows[0].replicate);
        for (size_t i = 0; i < n && !rc; i++) {
            const shard_row *x = &rows[i];
            size_t r = i / (T * NS), k = (i % (T * NS)) / NS;
            int q = (int)(i % NS);
            const shard_row *p0 = &rows[k * NS];
            if (x->of != rows[0].of)
                rc = rc_error_set(err, RC_EINPUT, "%s:%zu: a shard of %lld replicates mixed with "
                                  "one of %lld (%s:%zu)", x->path, x->line, x->of, rows[0].of,
                                  rows[0].path, rows[0].line);
            else if (x->replicate != (long long)r)
                rc = rc_error_set(err, RC_EINPUT, "%s:%zu: replicate %lld %s (the shards must "
                                  "hold replicates 0 … R−1 once each)", x->path, x->line,
                                  x->replicate, x->replicate < (long long)r ? "appears twice"
                                                                            : "follows a gap");
            else if (x->stat != q || x->period != p0->period || x->year != p0->year)
                rc = rc_error_set(err, RC_EINPUT, "%s:%zu: replicate %lld, period %lld, %s: "
                                  "the shards disagree on periods or hold a row twice", x->path,
                                  x->line, x->replicate, x->period, STAT_NAMES[x->stat]);
        }
        if (!rc && n % (T * NS))
            rc = rc_error_set(err, RC_EINPUT, "replicate %lld lacks rows (%s:%zu)",
                              rows[n - 1].replicate, rows[n - 1].path, rows[n - 1].line);
        if (!rc && (long long)(n / (T * NS)) != rows[0].of)
            rc = rc_error_set(err, RC_EINPUT, "the shards hold %zu of the %lld replicates (the "
                              "last one found is %lld): a shard is missing", n / (T * NS),
                              rows[0].of, rows[n - 1].replicate);
        if (!rc)
            rc = rep_values_alloc(&rv, n / (T * NS), T, err);
        for (size_t i = 0; i < n && !rc; i++) {
            size_t r = i / (T * NS), k = (i % (T * NS)) / NS, q = i % NS;
            rv.v[(k * NS + q) * rv.R + r] = rows[i].value;
            rv.period[k] = rows[i].period;
            rv.year[k] = rows[i].year;
        }
    }
    if (!rc)
        rc = reduce(out, &rv, err);
    rep_values_free(&rv);
    for (size_t f = 0; f < nread; f++)
        rc_raw_table_free(&tables[f]);
    free(tables);
    free(rows);
    return rc;
}
