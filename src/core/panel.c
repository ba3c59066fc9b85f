/* panel.c — the regions × years × variables model (see include/regcoord/panel.h). */
#include "regcoord/panel.h"
#include "core/panel_internal.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rc_panel {
    size_t n, T;
    char **ids;
    int *years;
    int cross_section;
    size_t nvars, cap_vars;
    char **var_names;
    double **vars;          /* each T * n, year-major */
    size_t nattrs, cap_attrs;
    char **attr_names;
    char ***attrs;          /* attrs[a][i], NULL = unset */
    char *source;
};

static char *dup_str(const char *s)
{
    size_t len = strlen(s) + 1;
    char *d = malloc(len);
    if (d)
        memcpy(d, s, len);
    return d;
}

int rc_panel_new(rc_panel **out, const char *const *region_ids, size_t n, const int *years,
                 size_t T, rc_error *err)
{
    *out = NULL;
    if (n == 0 || T == 0)
        return rc_error_set(err, RC_EINPUT, "a panel needs at least one region and one year");
    for (size_t t = 1; t < T; t++)
        if (years[t] <= years[t - 1])
            return rc_error_set(err, RC_EUSAGE, "years must increase (%d after %d)", years[t],
                                years[t - 1]);
    rc_panel *p = calloc(1, sizeof *p);
    if (!p)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    p->n = n;
    p->T = T;
    p->ids = calloc(n, sizeof *p->ids);
    p->years = malloc(T * sizeof *p->years);
    p->source = dup_str("");
    if (!p->ids || !p->years || !p->source)
        goto oom;
    for (size_t i = 0; i < n; i++)
        if (!(p->ids[i] = dup_str(region_ids[i])))
            goto oom;
    memcpy(p->years, years, T * sizeof *years);
    *out = p;
    return RC_OK;
oom:
    rc_panel_free(p);
    return rc_error_set(err, RC_ENOMEM, "out of memory");
}

void rc_panel_free(rc_panel *p)
{
    if (!p)
        return;
    if (p->ids)
        for (size_t i = 0; i < p->n; i++)
            free(p->ids[i]);
    free(p->ids);
    free(p->years);
    for (size_t v = 0; v < p->nvars; v++) {
        free(p->var_names[v]);
        free(p->vars[v]);
    }
    free(p->var_names);
    free(p->vars);
    for (size_t a = 0; a < p->nattrs; a++) {
        free(p->attr_names[a]);
        for (size_t i = 0; i < p->n; i++)
            free(p->attrs[a][i]);
        free(p->attrs[a]);
    }
    free(p->attr_names);
    free(p->attrs);
    free(p->source);
    free(p);
}

static int name_taken(const rc_panel *p, const char *name)
{
    for (size_t v = 0; v < p->nvars; v++)
        if (!strcmp(p->var_names[v], name))
            return 1;
    for (size_t a = 0; a < p->nattrs; a++)
        if (!strcmp(p->attr_names[a], name))
            return 1;
    return 0;
}

int rc_panel_add_var(rc_panel *p, const char *name, size_t *index, rc_error *err)
{
    if (name_taken(p, name))
        return rc_error_set(err, RC_EINPUT, "column '%s' appears twice", name);
    if (p->nvars == p->cap_vars) {
        size_t cap = p->cap_vars ? 2 * p->cap_vars : 8;
        char **names = realloc(p->var_names, cap * sizeof *names);
        if (!names)
            return rc_error_set(err, RC_ENOMEM, "out of memory");
        p->var_names = names;
        double **vars = realloc(p->vars, cap * sizeof *vars);
        if (!vars)
            return rc_error_set(err, RC_ENOMEM, "out of memory");
        p->vars = vars;
        p->cap_vars = cap;
    }
    double *data = malloc(p->n * p->T * sizeof *data);
    char *copy = dup_str(name);
    if (!data || !copy) {
        free(data);
        free(copy);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < p->n * p->T; k++)
        data[k] = NAN;
    p->vars[p->nvars] = data;
    p->var_names[p->nvars] = copy;
    if (index)
        *index = p->nvars;
    p->nvars++;
    return RC_OK;
}

double *rc_panel_var_data_mut(rc_panel *p, size_t v) { return p->vars[v]; }

int rc_panel_add_attr(rc_panel *p, const char *name, size_t *index, rc_error *err)
{
    if (name_taken(p, name))
        return rc_error_set(err, RC_EINPUT, "column '%s' appears twice", name);
    if (p->nattrs == p->cap_attrs) {
        size_t cap = p->cap_attrs ? 2 * p->cap_attrs : 8;
        char **names = realloc(p->attr_names, cap * sizeof *names);
        if (!names)
            return rc_error_set(err, RC_ENOMEM, "out of memory");
        p->attr_names = names;
        char ***attrs = realloc(p->attrs, cap * sizeof *attrs);
        if (!attrs)
            return rc_error_set(err, RC_ENOMEM, "out of memory");
        p->attrs = attrs;
        p->cap_attrs = cap;
    }
    char **values = calloc(p->n, sizeof *values);
    char *copy = dup_str(name);
    if (!values || !copy) {
        free(values);
        free(copy);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    p->attrs[p->nattrs] = values;
    p->attr_names[p->nattrs] = copy;
    if (index)
        *index = p->nattrs;
    p->nattrs++;
    return RC_OK;
}

int rc_panel_set_attr(rc_panel *p, size_t a, size_t region, const char *value, rc_error *err)
{
    char *copy = dup_str(value ? value : "");
    if (!copy)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    free(p->attrs[a][region]);
    p->attrs[a][region] = copy;
    return RC_OK;
}

int rc_panel_set_source(rc_panel *p, const char *source, rc_error *err)
{
    char *copy = dup_str(source ? source : "");
    if (!copy)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    free(p->source);
    p->source = copy;
    return RC_OK;
}

void rc_panel_mark_cross_section(rc_panel *p) { p->cross_section = 1; }

size_t rc_panel_nregions(const rc_panel *p) { return p->n; }
size_t rc_panel_nyears(const rc_panel *p) { return p->T; }
size_t rc_panel_nvars(const rc_panel *p) { return p->nvars; }
size_t rc_panel_nattrs(const rc_panel *p) { return p->nattrs; }
const char *rc_panel_source(const rc_panel *p) { return p->source; }
const char *rc_panel_region_id(const rc_panel *p, size_t i) { return p->ids[i]; }
const int *rc_panel_years(const rc_panel *p) { return p->years; }
int rc_panel_year(const rc_panel *p, size_t t) { return p->years[t]; }
int rc_panel_is_cross_section(const rc_panel *p) { return p->cross_section; }
const char *rc_panel_var_name(const rc_panel *p, size_t v) { return p->var_names[v]; }
const double *rc_panel_var_data(const rc_panel *p, size_t v) { return p->vars[v]; }
const double *rc_panel_column(const rc_panel *p, size_t v, size_t t) { return p->vars[v] + t * p->n; }
double rc_panel_value(const rc_panel *p, size_t v, size_t region, size_t t)
{
    return p->vars[v][t * p->n + region];
}
const char *rc_panel_attr_name(const rc_panel *p, size_t a) { return p->attr_names[a]; }
const char *rc_panel_attr_value(const rc_panel *p, size_t a, size_t region)
{
    return p->attrs[a][region] ? p->attrs[a][region] : "";
}

/* Append ", name" for each name to buf, truncating politely. */
static void list_names(char *buf, size_t size, char *const *names, size_t count)
{
    size_t used = strlen(buf);
    for (size_t k = 0; k < count && used + 8 < size; k++) {
        int w = snprintf(buf + used, size - used, "%s%s", k ? ", " : "", names[k]);
        if (w < 0 || (size_t)w >= size - used) {
            snprintf(buf + size - 5, 5, "...");
            break;
        }
        used += (size_t)w;
    }
}

int rc_panel_find_var(const rc_panel *p, const char *name, size_t *v, rc_error *err)
{
    for (size_t k = 0; k < p->nvars; k++)
        if (!strcmp(p->var_names[k], name)) {
            *v = k;
            return RC_OK;
        }
    char known[1024] = "";
    list_names(known, sizeof known, p->var_names, p->nvars);
    for (size_t a = 0; a < p->nattrs; a++)
        if (!strcmp(p->attr_names[a], name))
            return rc_error_set(err, RC_EUSAGE,
                                "%s%scolumn '%s' is text, not a numeric variable (numeric: %s)",
                                p->source, *p->source ? ": " : "", name, known);
    return rc_error_set(err, RC_EUSAGE, "%s%sno variable '%s' (numeric variables: %s)",
                        p->source, *p->source ? ": " : "", name,
                        p->nvars ? known : "none");
}

int rc_panel_find_attr(const rc_panel *p, const char *name, size_t *a, rc_error *err)
{
    for (size_t k = 0; k < p->nattrs; k++)
        if (!strcmp(p->attr_names[k], name)) {
            *a = k;
            return RC_OK;
        }
    char known[1024] = "";
    list_names(known, sizeof known, p->attr_names, p->nattrs);
    return rc_error_set(err, RC_EUSAGE, "%s%sno text column '%s' (text columns: %s)",
                        p->source, *p->source ? ": " : "", name,
                        p->nattrs ? known : "none");
}

int rc_panel_find_region(const rc_panel *p, const char *id, size_t *i, rc_error *err)
{
    for (size_t k = 0; k < p->n; k++)
        if (!strcmp(p->ids[k], id)) {
            *i = k;
            return RC_OK;
        }
    return rc_error_set(err, RC_EUSAGE, "no region '%s' in the panel", id);
}

int rc_panel_find_year(const rc_panel *p, int year, size_t *t, rc_error *err)
{
    for (size_t k = 0; k < p->T; k++)
        if (p->years[k] == year) {
            *t = k;
            return RC_OK;
        }
    return rc_error_set(err, RC_EUSAGE, "year %d is not in the panel (%d–%d)", year,
                        p->years[0], p->years[p->T - 1]);
}

const char *rc_panel_region_name(const rc_panel *p, size_t i)
{
    static const char *const candidates[] = {"region_name", "name", "Name", "NAME"};
    for (size_t c = 0; c < sizeof candidates / sizeof *candidates; c++)
        for (size_t a = 0; a < p->nattrs; a++)
            if (!strcmp(p->attr_names[a], candidates[c]) && p->attrs[a][i] && *p->attrs[a][i])
                return p->attrs[a][i];
    return p->ids[i];
}

/* ---- groups ---------------------------------------------------------------------- */

void rc_groups_free(rc_groups *g)
{
    if (!g || !g->labels)
        return;
    for (size_t k = 0; k < g->ngroups; k++)
        free(g->labels[k]);
    free(g->labels);
    g->labels = NULL;
    g->ngroups = 0;
}

static int group_code(rc_groups *g, const char *label, int *code, rc_error *err)
{
    for (size_t k = 0; k < g->ngroups; k++)
        if (!strcmp(g->labels[k], label)) {
            *code = (int)k;
            return RC_OK;
        }
    char **labels = realloc(g->labels, (g->ngroups + 1) * sizeof *labels);
    if (!labels)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    g->labels = labels;
    if (!(labels[g->ngroups] = dup_str(label)))
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    *code = (int)g->ngroups++;
    return RC_OK;
}

int rc_panel_groups(rc_groups *out, int *codes, const rc_panel *p, const char *column,
                    rc_error *err)
{
    out->ngroups = 0;
    out->labels = NULL;
    size_t a;
    int rc;
    for (a = 0; a < p->nattrs; a++)
        if (!strcmp(p->attr_names[a], column))
            break;
    if (a < p->nattrs) {
        for (size_t i = 0; i < p->n; i++) {
            const char *label = rc_panel_attr_value(p, a, i);
            if (!*label) {
                rc_groups_free(out);
                return rc_error_set(err, RC_EINPUT, "region '%s' has no value in group column '%s'",
                                    p->ids[i], column);
            }
            if ((rc = group_code(out, label, &codes[i], err)) != RC_OK) {
                rc_groups_free(out);
                return rc;
            }
        }
        return RC_OK;
    }
    size_t v;
    if (rc_panel_find_var(p, column, &v, NULL) != RC_OK)
        return rc_panel_find_attr(p, column, &a, err);
    /* A numeric column used as groups (e.g. region codes): constant over the years. */
    for (size_t i = 0; i < p->n; i++) {
        double x = NAN;
        for (size_t t = 0; t < p->T; t++) {
            double y = p->vars[v][t * p->n + i];
            if (isnan(y))
                continue;
            if (!isnan(x) && y != x) {
                rc_groups_free(out);
                return rc_error_set(err, RC_EINPUT,
                                    "group column '%s' changes over the years for region '%s' "
                                    "(%g in one year, %g in %d)", column, p->ids[i], x, y,
                                    p->years[t]);
            }
            x = y;
        }
        if (isnan(x)) {
            rc_groups_free(out);
            return rc_error_set(err, RC_EINPUT, "region '%s' has no value in group column '%s'",
                                p->ids[i], column);
        }
        char label[64];
        snprintf(label, sizeof label, "%.15g", x);
        if ((rc = group_code(out, label, &codes[i], err)) != RC_OK) {
            rc_groups_free(out);
            return rc;
        }
    }
    return RC_OK;
}

/* ---- selecting ------------------------------------------------------------------- */

/* A panel with the given regions and year indices of p, all variables and attributes. */
static int subset(rc_panel **out, const rc_panel *p, const size_t *ridx, size_t m,
                  const size_t *tidx, size_t T, rc_error *err)
{
    *out = NULL;
    const char **ids = malloc((m ? m : 1) * sizeof *ids);
    int *years = malloc((T ? T : 1) * sizeof *years);
    if (!ids || !years) {
        free(ids);
        free(years);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < m; k++)
        ids[k] = p->ids[ridx[k]];
    for (size_t k = 0; k < T; k++)
        years[k] = p->years[tidx[k]];
    rc_panel *q;
    int rc = rc_panel_new(&q, ids, m, years, T, err);
    free(ids);
    free(years);
    if (rc != RC_OK)
        return rc;
    q->cross_section = p->cross_section;
    if ((rc = rc_panel_set_source(q, p->source, err)) != RC_OK)
        goto fail;
    for (size_t v = 0; v < p->nvars; v++) {
        size_t nv;
        if ((rc = rc_panel_add_var(q, p->var_names[v], &nv, err)) != RC_OK)
            goto fail;
        for (size_t t = 0; t < T; t++)
            for (size_t k = 0; k < m; k++)
                q->vars[nv][t * m + k] = p->vars[v][tidx[t] * p->n + ridx[k]];
    }
    for (size_t a = 0; a < p->nattrs; a++) {
        size_t na;
        if ((rc = rc_panel_add_attr(q, p->attr_names[a], &na, err)) != RC_OK)
            goto fail;
        for (size_t k = 0; k < m; k++)
            if (p->attrs[a][ridx[k]] &&
                (rc = rc_panel_set_attr(q, na, k, p->attrs[a][ridx[k]], err)) != RC_OK)
                goto fail;
    }
    *out = q;
    return RC_OK;
fail:
    rc_panel_free(q);
    return rc;
}

static size_t *iota(size_t n)
{
    size_t *x = malloc((n ? n : 1) * sizeof *x);
    if (x)
        for (size_t k = 0; k < n; k++)
            x[k] = k;
    return x;
}

int rc_panel_select_years(rc_panel **out, const rc_panel *p, int first, int last,
                          rc_error *err)
{
    *out = NULL;
    size_t t0 = 0, t1 = 0;
    while (t0 < p->T && p->years[t0] < first)
        t0++;
    t1 = t0;
    while (t1 < p->T && p->years[t1] <= last)
        t1++;
    if (t1 == t0)
        return rc_error_set(err, RC_EUSAGE, "no year of the panel (%d–%d) lies in %d:%d",
                            p->years[0], p->years[p->T - 1], first, last);
    size_t *ridx = iota(p->n), *tidx = iota(p->T);
    if (!ridx || !tidx) {
        free(ridx);
        free(tidx);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    int rc = subset(out, p, ridx, p->n, tidx + t0, t1 - t0, err);
    free(ridx);
    free(tidx);
    return rc;
}

int rc_panel_select_regions(rc_panel **out, const rc_panel *p, const size_t *idx, size_t m,
                            rc_error *err)
{
    *out = NULL;
    if (m == 0)
        return rc_error_set(err, RC_EINSUFFICIENT, "no region left to analyse");
    for (size_t k = 0; k < m; k++)
        if (idx[k] >= p->n)
            return rc_error_set(err, RC_EUSAGE, "region index %zu out of range", idx[k]);
    size_t *tidx = iota(p->T);
    if (!tidx)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    int rc = subset(out, p, idx, m, tidx, p->T, err);
    free(tidx);
    return rc;
}

int rc_panel_balanced(rc_panel **out, const rc_panel *p, const size_t *vars, size_t nv,
                      size_t *dropped, rc_error *err)
{
    *out = NULL;
    size_t *keep = malloc(p->n * sizeof *keep), m = 0;
    if (!keep)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    for (size_t i = 0; i < p->n; i++) {
        int complete = 1;
        for (size_t k = 0; k < nv && complete; k++)
            for (size_t t = 0; t < p->T && complete; t++)
                if (isnan(p->vars[vars[k]][t * p->n + i]))
                    complete = 0;
        if (complete)
            keep[m++] = i;
    }
    if (dropped)
        *dropped = p->n - m;
    int rc = m ? rc_panel_select_regions(out, p, keep, m, err)
               : rc_error_set(err, RC_EINSUFFICIENT,
                              "no region is complete over the chosen years and variables");
    free(keep);
    return rc;
}

int rc_panel_copy(rc_panel **out, const rc_panel *p, rc_error *err)
{
    return rc_panel_select_years(out, p, INT_MIN, INT_MAX, err);
}

static int parse_int_strict(const char *s, const char *end, int *value)
{
    if (s == end)
        return 0;
    char buf[32];
    size_t len = (size_t)(end - s);
    if (len >= sizeof buf)
        return 0;
    memcpy(buf, s, len);
    buf[len] = '\0';
    char *stop;
    long x = strtol(buf, &stop, 10);
    if (*stop || x < INT_MIN || x > INT_MAX)
        return 0;
    *value = (int)x;
    return 1;
}

int rc_parse_year_range(const char *text, int *first, int *last, rc_error *err)
{
    const char *colon = strchr(text, ':');
    const char *end = text + strlen(text);
    *first = INT_MIN;
    *last = INT_MAX;
    int ok;
    if (!colon) {
        ok = parse_int_strict(text, end, first);
        *last = *first;
    } else {
        ok = (colon == text || parse_int_strict(text, colon, first)) &&
             (colon + 1 == end || parse_int_strict(colon + 1, end, last)) &&
             !(colon == text && colon + 1 == end);
    }
    if (!ok)
        return rc_error_set(err, RC_EUSAGE,
                            "'%s' is not a year range (use A:B, A:, :B or a single year)", text);
    if (*first > *last)
        return rc_error_set(err, RC_EUSAGE, "year range '%s' is empty (%d > %d)", text, *first,
                            *last);
    return RC_OK;
}

/* Digits after leading zeros (keeping one digit), or NULL when id is not all digits. */
static const char *numeric_part(const char *id)
{
    if (!*id)
        return NULL;
    for (const char *s = id; *s; s++)
        if (*s < '0' || *s > '9')
            return NULL;
    while (id[0] == '0' && id[1])
        id++;
    return id;
}

int rc_region_ids_match(const char *a, const char *b)
{
    if (!strcmp(a, b))
        return 1;
    const char *x = numeric_part(a), *y = numeric_part(b);
    return x && y && !strcmp(x, y);
}
