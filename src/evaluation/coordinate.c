/* coordinate.c — the whole evaluation pipeline for one set of rows (methods/04):
 * normalise → weights (within each subsystem and over all indicators) → subsystem scores,
 * overall score and TOPSIS → coupling, coordination, grade, lagging subsystem → obstacles. */
#include "regcoord/evaluation.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rc_coord_options_init(rc_coord_options *o)
{
    memset(o, 0, sizeof *o);
    o->method = RC_WEIGHTS_ENTROPY;
    o->coupling = RC_COUPLING_WANG;
    o->shift = 1e-4;
    o->sync_ratio = 0.8;
}

void rc_coord_result_free(rc_coord_result *r)
{
    if (!r)
        return;
    free(r->xn), free(r->constant), free(r->w_within), free(r->w_overall), free(r->alpha);
    free(r->U), free(r->overall), free(r->topsis), free(r->C), free(r->T), free(r->D);
    free(r->grade), free(r->lagging), free(r->obstacle), free(r->obstacle_sub), free(r->at_best);
    memset(r, 0, sizeof *r);
}

/* Weights of the columns cols[0..nc-1] of xn by the chosen method, into w (nc entries). */
static int weigh(double *w, const double *xn, const int *constant, const double *given,
                 size_t m, size_t k, const size_t *cols, size_t nc, const rc_coord_options *o,
                 rc_error *err)
{
    double *sub = malloc((m * nc + 2 * nc) * sizeof *sub);
    int *cst = malloc(nc * sizeof *cst);
    if (!sub || !cst) {
        free(sub), free(cst);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    double *g = sub + m * nc, *w2 = g + nc;
    for (size_t c = 0; c < nc; c++) {
        cst[c] = constant[cols[c]];
        g[c] = given ? given[cols[c]] : 1.0;
        for (size_t r = 0; r < m; r++)
            sub[r * nc + c] = xn[r * k + cols[c]];
    }
    int rc;
    switch (o->method) {
    case RC_WEIGHTS_CRITIC: rc = rc_critic_weights(w, NULL, NULL, sub, cst, m, nc, err); break;
    case RC_WEIGHTS_EQUAL: rc = rc_equal_weights(w, cst, nc, err); break;
    case RC_WEIGHTS_GIVEN: rc = rc_given_weights(w, g, cst, nc, err); break;
    case RC_WEIGHTS_COMBINED:
        rc = rc_entropy_weights(w, NULL, sub, cst, m, nc, o->shift, err);
        if (rc == RC_OK)
            rc = rc_critic_weights(w2, NULL, NULL, sub, cst, m, nc, err);
        for (size_t c = 0; rc == RC_OK && c < nc; c++)
            w[c] = 0.5 * (w[c] + w2[c]);
        break;
    default: rc = rc_entropy_weights(w, NULL, sub, cst, m, nc, o->shift, err); break;
    }
    free(sub), free(cst);
    return rc;
}

static int alloc_result(rc_coord_result *r, size_t m, size_t k, size_t ns)
{
    memset(r, 0, sizeof *r);
    r->m = m, r->k = k, r->nsub = ns;
    r->xn = malloc(m * k * sizeof *r->xn);
    r->constant = calloc(k, sizeof *r->constant);
    r->w_within = malloc(k * sizeof *r->w_within);
    r->w_overall = malloc(k * sizeof *r->w_overall);
    r->alpha = malloc(ns * sizeof *r->alpha);
    r->U = malloc(m * ns * sizeof *r->U);
    r->overall = malloc(m * sizeof *r->overall);
    r->topsis = malloc(m * sizeof *r->topsis);
    r->C = malloc(m * sizeof *r->C);
    r->T = malloc(m * sizeof *r->T);
    r->D = malloc(m * sizeof *r->D);
    r->grade = malloc(m * sizeof *r->grade);
    r->lagging = malloc(m * sizeof *r->lagging);
    r->obstacle = malloc(m * k * sizeof *r->obstacle);
    r->obstacle_sub = malloc(m * ns * sizeof *r->obstacle_sub);
    r->at_best = malloc(m * sizeof *r->at_best);
    return r->xn && r->constant && r->w_within && r->w_overall && r->alpha && r->U &&
           r->overall && r->topsis && r->C && r->T && r->D && r->grade && r->lagging &&
           r->obstacle && r->obstacle_sub && r->at_best;
}

static int check_alpha(double *alpha, const rc_coord_options *o, size_t ns, rc_error *err)
{
    double s = 0;
    for (size_t i = 0; i < ns; i++) {
        alpha[i] = o->alpha ? o->alpha[i] : 1.0 / (double)ns;
        if (!(isfinite(alpha[i]) && alpha[i] >= 0))
            return rc_error_set(err, RC_EUSAGE, "subsystem weight a_%zu = %g must be >= 0", i + 1,
                                alpha[i]);
        s += alpha[i];
    }
    if (fabs(s - 1) > 1e-9)
        return rc_error_set(err, RC_EUSAGE, "subsystem weights a_i must sum to 1 (they sum to %.10g)",
                            s);
    return RC_OK;
}

int rc_coordinate(rc_coord_result *out, const double *x, size_t m, const rc_index_system *sys,
                  const rc_coord_options *opt, rc_error *err)
{
    rc_coord_options def;
    if (!opt) {
        rc_coord_options_init(&def);
        opt = &def;
    }
    size_t k = sys->k, ns = sys->nsub;
    if (ns < 2)
        return rc_error_set(err, RC_EUSAGE, "coupling needs at least 2 subsystems (the index system has %zu)", ns);
    if (m < 2)
        return rc_error_set(err, RC_EINSUFFICIENT, "evaluation needs at least 2 region-years (got %zu)", m);
    if (opt->method == RC_WEIGHTS_GIVEN && !sys->weight)
        return rc_error_set(err, RC_EUSAGE, "given weights need a weight column in the index system");
    rc_coord_result r;
    size_t *cols = calloc(k, sizeof *cols);
    double *w = malloc(k * sizeof *w), *F = malloc(k * sizeof *F);
    int rc = RC_OK;
    if (!alloc_result(&r, m, k, ns) || !cols || !w || !F) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = check_alpha(r.alpha, opt, ns, err)) != RC_OK)
        goto done;
    if ((rc = rc_minmax(r.xn, r.constant, x, sys->direction, m, k, err)) != RC_OK)
        goto done;

    /* Weights within each subsystem (they build U) and over all indicators (overall, TOPSIS). */
    for (size_t s = 0; s < ns; s++) {
        size_t nc = 0;
        for (size_t j = 0; j < k; j++)
            if (sys->subsystem[j] == s)
                cols[nc++] = j;
        rc = weigh(w, r.xn, r.constant, sys->weight, m, k, cols, nc, opt, err);
        if (rc != RC_OK) {
            /* Name the subsystem: "every indicator is constant" needs to say where. */
            char msg[RC_ERROR_MESSAGE_MAX];
            snprintf(msg, sizeof msg, "%s", err ? err->message : "");
            rc = rc_error_set(err, rc, "subsystem '%s': %s", sys->subsystem_name[s], msg);
            goto done;
        }
        for (size_t c = 0; c < nc; c++)
            r.w_within[cols[c]] = w[c];
    }
    for (size_t j = 0; j < k; j++)
        cols[j] = j;
    if ((rc = weigh(r.w_overall, r.xn, r.constant, sys->weight, m, k, cols, k, opt, err)) != RC_OK)
        goto done;

    /* Subsystem scores: the within-subsystem weights restricted to each subsystem's columns. */
    for (size_t s = 0; s < ns && rc == RC_OK; s++) {
        for (size_t j = 0; j < k; j++)
            w[j] = sys->subsystem[j] == s ? r.w_within[j] : 0.0;
        rc = rc_weighted_scores(r.overall, r.xn, w, m, k, err);
        for (size_t i = 0; i < m; i++)
            r.U[i * ns + s] = r.overall[i] + (opt->score_on_shifted ? opt->shift : 0.0);
    }
    if (rc == RC_OK)
        rc = rc_weighted_scores(r.overall, r.xn, r.w_overall, m, k, err);
    if (rc == RC_OK)
        rc = opt->topsis_vector
                 ? rc_topsis_vector(r.topsis, NULL, NULL, x, sys->direction, r.w_overall, m, k, err)
                 : rc_topsis(r.topsis, NULL, NULL, r.xn, r.w_overall, m, k, err);
    if (rc != RC_OK)
        goto done;

    double upper = 1.0 + (opt->score_on_shifted ? opt->shift : 0.0);
    for (size_t j = 0; j < k; j++)
        F[j] = r.w_within[j] * r.alpha[sys->subsystem[j]];
    for (size_t i = 0; i < m && rc == RC_OK; i++) {
        const double *U = r.U + i * ns;
        rc = rc_coupling(&r.C[i], U, ns, opt->coupling, upper, err);
        if (rc == RC_OK)
            rc = rc_coordination(&r.T[i], &r.D[i], r.C[i], U, r.alpha, ns, err);
        if (rc != RC_OK)
            break;
        r.grade[i] = rc_coordination_grade(r.D[i]);
        r.lagging[i] = rc_lagging_subsystem(U, ns, opt->sync_ratio);
        rc = rc_obstacle(r.obstacle + i * k, r.obstacle_sub + i * ns, &r.at_best[i],
                         r.xn + i * k, F, sys->subsystem, ns, k, err);
    }
done:
    free(cols), free(w), free(F);
    if (rc == RC_OK)
        *out = r;
    else
        rc_coord_result_free(&r);
    return rc;
}
