/* panel.h — the regions × years × variables data model.
 *
 * An rc_panel holds n regions (each with an id and any number of text attributes such as
 * name or group), T years (increasing integers; a cross-section has T = 1 and year 0), and
 * numeric variables. Each variable is a T × n matrix stored year-major, so the cross-section
 * of one year is a contiguous array of n doubles — the form every kernel takes. Missing
 * values are NaN. Panels are immutable once built, except through the builder calls below. */
#ifndef REGCOORD_PANEL_H
#define REGCOORD_PANEL_H

#include <stddef.h>
#include "regcoord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rc_panel rc_panel;

/* ---- building ---------------------------------------------------------------------- */

/* A panel of n regions with the given ids (copied) and T increasing years (copied). */
int rc_panel_new(rc_panel **out, const char *const *region_ids, size_t n, const int *years,
                 size_t T, rc_error *err);
void rc_panel_free(rc_panel *p);

/* Add a numeric variable filled with NaN; *index receives its position. Names are unique. */
int rc_panel_add_var(rc_panel *p, const char *name, size_t *index, rc_error *err);
/* Writable T × n matrix of variable v (year-major: data[t * n + i]). */
double *rc_panel_var_data_mut(rc_panel *p, size_t v);

/* Add a text attribute of the regions (all values empty); *index receives its position. */
int rc_panel_add_attr(rc_panel *p, const char *name, size_t *index, rc_error *err);
int rc_panel_set_attr(rc_panel *p, size_t a, size_t region, const char *value, rc_error *err);

/* Record where the panel came from (file name), for messages. */
int rc_panel_set_source(rc_panel *p, const char *source, rc_error *err);

/* ---- reading ----------------------------------------------------------------------- */

size_t rc_panel_nregions(const rc_panel *p);
size_t rc_panel_nyears(const rc_panel *p);
size_t rc_panel_nvars(const rc_panel *p);
size_t rc_panel_nattrs(const rc_panel *p);
const char *rc_panel_source(const rc_panel *p);   /* "" when unknown */

const char *rc_panel_region_id(const rc_panel *p, size_t i);
const int *rc_panel_years(const rc_panel *p);
int rc_panel_year(const rc_panel *p, size_t t);
/* 1 when the panel is a cross-section read from a table without a year column. */
int rc_panel_is_cross_section(const rc_panel *p);

const char *rc_panel_var_name(const rc_panel *p, size_t v);
/* Position of the variable called name; RC_EUSAGE with the list of variables if absent. */
int rc_panel_find_var(const rc_panel *p, const char *name, size_t *v, rc_error *err);
/* The T × n matrix of variable v, year-major. */
const double *rc_panel_var_data(const rc_panel *p, size_t v);
/* The n values of variable v in year index t (a pointer into the matrix). */
const double *rc_panel_column(const rc_panel *p, size_t v, size_t t);
double rc_panel_value(const rc_panel *p, size_t v, size_t region, size_t t);

const char *rc_panel_attr_name(const rc_panel *p, size_t a);
int rc_panel_find_attr(const rc_panel *p, const char *name, size_t *a, rc_error *err);
const char *rc_panel_attr_value(const rc_panel *p, size_t a, size_t region); /* "" if unset */
/* Position of the region with this id; RC_EUSAGE if absent. */
int rc_panel_find_region(const rc_panel *p, const char *id, size_t *i, rc_error *err);
/* Region ids from two sources (a panel and a geometry or weights file) name the same region
 * when they are equal as text or, both being whole numbers, equal as numbers: "09" (a
 * zero-padded FIPS code in a shapefile) is region 9 of a CSV. */
int rc_region_ids_match(const char *a, const char *b);
/* Index of year y, or RC_EUSAGE. */
int rc_panel_find_year(const rc_panel *p, int year, size_t *t, rc_error *err);

/* A region's display name: the attribute "region_name" or "name" if present, else its id. */
const char *rc_panel_region_name(const rc_panel *p, size_t i);

/* ---- groups ------------------------------------------------------------------------ */

/* Region grouping by a text attribute or a numeric variable that is constant over years.
 * codes[i] in [0, ngroups) (caller-allocated, n entries); labels are in order of first
 * appearance and owned by the returned rc_groups. A region with an empty label is an input
 * error naming the region. */
typedef struct {
    size_t ngroups;
    char **labels;
} rc_groups;
int rc_panel_groups(rc_groups *out, int *codes, const rc_panel *p, const char *column,
                    rc_error *err);
void rc_groups_free(rc_groups *g);

/* ---- selecting --------------------------------------------------------------------- */

/* New panel with the years first..last (inclusive) of p. */
int rc_panel_select_years(rc_panel **out, const rc_panel *p, int first, int last,
                          rc_error *err);
/* New panel with the regions idx[0..m-1] of p, in that order. */
int rc_panel_select_regions(rc_panel **out, const rc_panel *p, const size_t *idx, size_t m,
                            rc_error *err);
/* New panel with only the regions that have no missing value in any of the variables
 * vars[0..nv-1] over all years; *dropped (may be NULL) receives how many were removed. */
int rc_panel_balanced(rc_panel **out, const rc_panel *p, const size_t *vars, size_t nv,
                      size_t *dropped, rc_error *err);
/* Deep copy. */
int rc_panel_copy(rc_panel **out, const rc_panel *p, rc_error *err);

/* Parse "A:B", "A:" , ":B" or "A" into an inclusive range clipped to nothing; RC_EUSAGE when
 * malformed. Open ends become INT_MIN / INT_MAX. */
int rc_parse_year_range(const char *text, int *first, int *last, rc_error *err);

#ifdef __cplusplus
}
#endif
#endif
