/* model_frame.c — regression observations from a panel (see regcoord/model_frame.h). */
#include "regcoord/model_frame.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t var;
    int log;
} term;

/* "NAME" or "log(NAME)" / "ln(NAME)". */
static int parse_term(term *t, const rc_panel *p, const char *text, rc_error *err)
{
    size_t len = strlen(text);
    const char *open = strchr(text, '(');
    t->log = 0;
    if (open) {
        size_t fl = (size_t)(open - text);
        if (text[len - 1] != ')' || !((fl == 3 && !strncmp(text, "log", 3)) ||
                                      (fl == 2 && !strncmp(text, "ln", 2))))
            return rc_error_set(err, RC_EUSAGE, "term '%s': write a variable name or log(NAME)", text);
        char *name = strndup(open + 1, len - fl - 2);
        if (!name)
            return rc_error_set(err, RC_ENOMEM, "out of memory");
        int rc = rc_panel_find_var(p, name, &t->var, err);
        free(name);
        t->log = 1;
        return rc;
    }
    return rc_panel_find_var(p, text, &t->var, err);
}

void rc_model_frame_free(rc_model_frame *f)
{
    if (!f)
        return;
    free(f->y);
    free(f->x);
    free(f->region);
    free(f->year);
    free(f->y_name);
    if (f->names)
        for (size_t j = 0; j < f->k; j++)
            free(f->names[j]);
    free(f->names);
    memset(f, 0, sizeof *f);
}

/* Value of term tm at (region i, year t): NaN when missing; RC_EINPUT for log(≤ 0). */
static int value(double *v, const rc_panel *p, const term *tm, const char *text, size_t i,
                 size_t t, rc_error *err)
{
    double x = rc_panel_value(p, tm->var, i, t);
    if (tm->log && !isnan(x)) {
        if (!(x > 0))
            return rc_error_set(err, RC_EINPUT, "%s: '%s' is %g in region '%s', year %d (log needs positive values)",
                                text, rc_panel_var_name(p, tm->var), x, rc_panel_region_id(p, i),
                                rc_panel_year(p, t));
        x = log(x);
    }
    *v = x;
    return RC_OK;
}

int rc_model_frame_build(rc_model_frame *out, const rc_panel *p, const char *y_term,
                         const char *const *terms, size_t nterms, rc_error *err)
{
    memset(out, 0, sizeof *out);
    size_t nr = rc_panel_nregions(p), ny = rc_panel_nyears(p), cap = nr * ny;
    term *tm = malloc((nterms + 1) * sizeof *tm);
    double *row = malloc((nterms + 1) * sizeof *row);
    out->y = malloc((cap ? cap : 1) * sizeof *out->y);
    out->x = malloc((cap * nterms > 0 ? cap * nterms : 1) * sizeof *out->x);
    out->region = malloc((cap ? cap : 1) * sizeof *out->region);
    out->year = malloc((cap ? cap : 1) * sizeof *out->year);
    out->names = calloc(nterms ? nterms : 1, sizeof *out->names);
    out->y_name = strdup(y_term);
    int rc = RC_OK;
    if (!tm || !row || !out->y || !out->x || !out->region || !out->year || !out->names ||
        !out->y_name) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        goto done;
    }
    out->k = nterms;
    for (size_t j = 0; j < nterms; j++)
        if (!(out->names[j] = strdup(terms[j]))) {
            rc = rc_error_set(err, RC_ENOMEM, "out of memory");
            goto done;
        }
    if ((rc = parse_term(&tm[0], p, y_term, err)) != RC_OK)
        goto done;
    for (size_t j = 0; j < nterms; j++)
        if ((rc = parse_term(&tm[j + 1], p, terms[j], err)) != RC_OK)
            goto done;
    /* Region-major order (all years of a region together), as plm sorts its panels. */
    for (size_t i = 0; i < nr; i++)
        for (size_t t = 0; t < ny; t++) {
            int missing = 0;
            for (size_t j = 0; j <= nterms; j++) {
                if ((rc = value(&row[j], p, &tm[j], j ? terms[j - 1] : y_term, i, t, err)) != RC_OK)
                    goto done;
                missing |= isnan(row[j]);
            }
            if (missing) {
                out->dropped++;
                continue;
            }
            out->y[out->n] = row[0];
            memcpy(out->x + out->n * nterms, row + 1, nterms * sizeof *row);
            out->region[out->n] = i;
            out->year[out->n] = t;
            out->n++;
        }
    if (out->n == 0)
        rc = rc_error_set(err, RC_EINSUFFICIENT, "no observation has all of the model's variables");
done:
    free(tm);
    free(row);
    if (rc != RC_OK)
        rc_model_frame_free(out);
    return rc;
}
