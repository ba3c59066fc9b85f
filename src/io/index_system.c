/* index_system.c — read an index system table: indicator,subsystem,direction[,weight]. */
#include "regcoord/evaluation.h"
#include "regcoord/io.h"
#include "io/raw_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void rc_index_system_free(rc_index_system *s)
{
    if (!s)
        return;
    for (size_t j = 0; s->indicator && j < s->k; j++)
        free(s->indicator[j]);
    for (size_t i = 0; s->subsystem_name && i < s->nsub; i++)
        free(s->subsystem_name[i]);
    free(s->indicator), free(s->subsystem_name), free(s->subsystem), free(s->direction);
    free(s->weight);
    memset(s, 0, sizeof *s);
}

/* Copy the arrays; `where` and `lines` (may be NULL) locate errors in a file. */
static int build(rc_index_system *s, const char *const *indicator, const char *const *subsystem,
                 const int *direction, const double *weight, size_t k, const char *where,
                 const size_t *lines, rc_error *err)
{
    memset(s, 0, sizeof *s);
    char loc[64] = "";
    s->indicator = calloc(k ? k : 1, sizeof *s->indicator);
    s->subsystem_name = calloc(k ? k : 1, sizeof *s->subsystem_name);
    s->subsystem = malloc((k ? k : 1) * sizeof *s->subsystem);
    s->direction = malloc((k ? k : 1) * sizeof *s->direction);
    s->weight = weight ? malloc(k * sizeof *s->weight) : NULL;
    if (!s->indicator || !s->subsystem_name || !s->subsystem || !s->direction ||
        (weight && !s->weight)) {
        rc_index_system_free(s);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    int rc = RC_OK;
    for (size_t j = 0; j < k && rc == RC_OK; j++) {
        if (lines)
            snprintf(loc, sizeof loc, ":%zu", lines[j]);
        if (!indicator[j] || !*indicator[j] || !subsystem[j] || !*subsystem[j]) {
            rc = rc_error_set(err, RC_EINPUT, "%s%s: indicator and subsystem must not be empty",
                              where, loc);
            break;
        }
        for (size_t l = 0; l < j; l++)
            if (!strcmp(indicator[l], indicator[j]))
                rc = rc_error_set(err, RC_EINPUT, "%s%s: indicator '%s' appears twice", where, loc,
                                  indicator[j]);
        if (direction[j] != RC_BENEFIT && direction[j] != RC_COST)
            rc = rc_error_set(err, RC_EINPUT, "%s%s: indicator '%s': direction must be + or -",
                              where, loc, indicator[j]);
        if (weight && !(weight[j] >= 0 && weight[j] < 1e300))
            rc = rc_error_set(err, RC_EINPUT, "%s%s: indicator '%s': weight %g must be >= 0",
                              where, loc, indicator[j], weight[j]);
        if (rc != RC_OK)
            break;
        size_t sidx = 0;
        while (sidx < s->nsub && strcmp(s->subsystem_name[sidx], subsystem[j]))
            sidx++;
        if (sidx == s->nsub && !(s->subsystem_name[s->nsub++] = strdup(subsystem[j])))
            rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        if (!(s->indicator[j] = strdup(indicator[j])))
            rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        s->k = j + 1;
        s->subsystem[j] = sidx;
        s->direction[j] = direction[j];
        if (weight)
            s->weight[j] = weight[j];
    }
    /* Obstacle tables list subsystems in the indicator column, so names must not collide. */
    for (size_t j = 0; j < k && rc == RC_OK; j++)
        for (size_t i = 0; i < s->nsub; i++)
            if (!strcmp(s->indicator[j], s->subsystem_name[i]))
                rc = rc_error_set(err, RC_EINPUT, "%s: '%s' names both an indicator and a subsystem",
                                  where, s->indicator[j]);
    /* The scores table uses these labels for the overall score and the TOPSIS closeness. */
    for (size_t i = 0; i < s->nsub && rc == RC_OK; i++)
        if (!strcmp(s->subsystem_name[i], "overall") || !strcmp(s->subsystem_name[i], "topsis"))
            rc = rc_error_set(err, RC_EINPUT, "%s: '%s' is reserved and cannot name a subsystem",
                              where, s->subsystem_name[i]);
    if (rc == RC_OK && k == 0)
        rc = rc_error_set(err, RC_EINPUT, "%s: the index system has no indicators", where);
    if (rc == RC_OK && s->nsub < 2)
        rc = rc_error_set(err, RC_EINPUT,
                          "%s: the index system has %zu subsystem%s; coupling needs at least 2",
                          where, s->nsub, s->nsub == 1 ? "" : "s");
    if (rc != RC_OK)
        rc_index_system_free(s);
    return rc;
}

int rc_index_system_init(rc_index_system *out, const char *const *indicator,
                         const char *const *subsystem, const int *direction,
                         const double *weight, size_t k, rc_error *err)
{
    return build(out, indicator, subsystem, direction, weight, k, "index system", NULL, err);
}

static int parse_direction(const char *text, int *dir)
{
    static const char *plus[] = {"+", "benefit", "positive", "1", "+1"};
    static const char *minus[] = {"-", "\xe2\x88\x92", "cost", "negative", "-1"};
    for (size_t i = 0; i < 5; i++) {
        if (!strcasecmp(text, plus[i]))
            return *dir = RC_BENEFIT, 1;
        if (!strcasecmp(text, minus[i]))
            return *dir = RC_COST, 1;
    }
    return 0;
}

static int find_col(const rc_raw_table *t, const char *name, size_t *c)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (!strcasecmp(t->names[i], name))
            return *c = i, 1;
    return 0;
}

int rc_index_system_read(rc_index_system *out, const char *path, rc_error *err)
{
    rc_raw_table t;
    int rc = rc_raw_table_read(&t, path, err);
    if (rc != RC_OK)
        return rc;
    size_t ci = 0, cs = 0, cd = 0, cw = 0;
    int has_w = find_col(&t, "weight", &cw);
    if (!find_col(&t, "indicator", &ci) || !find_col(&t, "subsystem", &cs) ||
        !find_col(&t, "direction", &cd)) {
        rc = rc_error_set(err, RC_EINPUT,
                          "%s: an index system needs the columns indicator,subsystem,direction"
                          "[,weight]", path);
        rc_raw_table_free(&t);
        return rc;
    }
    size_t n = t.nrows;
    const char **ind = malloc((n ? n : 1) * sizeof *ind), **sub = malloc((n ? n : 1) * sizeof *sub);
    int *dir = malloc((n ? n : 1) * sizeof *dir);
    double *w = has_w ? malloc((n ? n : 1) * sizeof *w) : NULL;
    if (!ind || !sub || !dir || (has_w && !w)) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t r = 0; r < n; r++) {
        const char *d = rc_raw_cell(&t, r, cd), *wt = has_w ? rc_raw_cell(&t, r, cw) : NULL;
        ind[r] = rc_raw_cell(&t, r, ci);
        sub[r] = rc_raw_cell(&t, r, cs);
        if (!d || !parse_direction(d, &dir[r])) {
            rc = rc_error_set(err, RC_EINPUT,
                              "%s:%zu: direction of '%s' is \"%s\"; use + (benefit) or - (cost)",
                              path, t.lines[r], ind[r] ? ind[r] : "", d ? d : "");
            goto done;
        }
        if (has_w && (!wt || !rc_parse_number(wt, &w[r]))) {
            rc = rc_error_set(err, RC_EINPUT,
                              "%s:%zu: weight of '%s' is \"%s\", not a number (a weight column "
                              "needs a weight on every line)",
                              path, t.lines[r], ind[r] ? ind[r] : "", wt ? wt : "");
            goto done;
        }
    }
    rc = build(out, ind, sub, dir, w, n, path, t.lines, err);
done:
    free(ind), free(sub), free(dir), free(w);
    rc_raw_table_free(&t);
    return rc;
}
