/* chart.h — small, dependency-free SVG charts for the HTML report and for `--charts DIR`.
 *
 * Every function returns a complete <svg> element as a malloc'ed string (caller frees).
 * Charts use a colour-blind-safe palette (Okabe & Ito 2008) and system fonts, with all text
 * XML-escaped, so UTF-8 labels (Chinese region names) render as they are. Axes get "nice"
 * ticks (Heckbert 1990, "Nice numbers for graph labels", Graphics Gems). Non-finite values
 * are skipped (a NaN breaks a line), never drawn at 0. */
#ifndef REGCOORD_CHART_H
#define REGCOORD_CHART_H

#include <stddef.h>
#include "regcoord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    const char *title;          /* above the plot; NULL for none */
    const char *x_label, *y_label;
    double width, height;       /* pixels; 0 → 640 × 360 */
    int x_integer;              /* x ticks are whole numbers printed plainly (years) */
    int y_from_zero;            /* the y axis includes 0 */
} rc_chart_opts;

typedef struct {
    const char *name;           /* legend entry; NULL for none */
    const double *x, *y;
    size_t n;
} rc_chart_series;

/* Lines, one per series, with a legend when there is more than one. */
int rc_chart_lines(char **svg, const rc_chart_opts *o, const rc_chart_series *s, size_t ns,
                   rc_error *err);
/* Stacked areas: all series share the x of series 0; values must be ≥ 0. */
int rc_chart_stacked_areas(char **svg, const rc_chart_opts *o, const rc_chart_series *s,
                           size_t ns, rc_error *err);
/* Scatter plot with optional point labels and an optional fitted line y = fit[0] + fit[1] x. */
int rc_chart_scatter(char **svg, const rc_chart_opts *o, const double *x, const double *y,
                     size_t n, const char *const *labels, const double *fit, rc_error *err);
/* Horizontal bars (one per label); negative values extend left of the zero line. */
int rc_chart_bars(char **svg, const rc_chart_opts *o, const char *const *labels,
                  const double *values, size_t n, rc_error *err);
/* A table of numbers with cells shaded by value (sequential palette), e.g. a Markov matrix.
 * values is nr × nc row-major; NaN cells are left blank. digits = decimals shown. */
int rc_chart_heat_table(char **svg, const rc_chart_opts *o, const char *const *row_labels,
                        size_t nr, const char *const *col_labels, size_t nc,
                        const double *values, int digits, rc_error *err);

/* Region shapes for maps: region i owns rings [region_ring[i], region_ring[i+1]); ring r
 * owns points [ring_point[r], ring_point[r+1]) of x[], y[]. Lon/lat coordinates (all within
 * ±180/±90) are drawn in an equirectangular projection scaled by the cosine of the middle
 * latitude (true shapes at the centre of a national extent); other coordinates as given. */
typedef struct {
    size_t n;
    const size_t *region_ring;  /* n + 1 entries */
    const size_t *ring_point;   /* region_ring[n] + 1 entries */
    const double *x, *y;
} rc_map_shapes;

/* A choropleth: class_of[i] in [0, nclasses) picks colors[class]; −1 draws "no data"
 * (hatched grey) — never a class. The legend lists labels[] and, if any region has no data,
 * "no data". tooltips[i] (may be NULL) becomes each region's <title>. */
int rc_chart_choropleth(char **svg, const rc_chart_opts *o, const rc_map_shapes *shapes,
                        const int *class_of, const char *const *labels,
                        const char *const *colors, size_t nclasses,
                        const char *const *tooltips, rc_error *err);

/* Palettes: the 8 Okabe–Ito colours for categories; a 7-step sequential blue scale. */
const char *rc_chart_category_color(size_t k);
const char *rc_chart_sequential_color(size_t k, size_t nsteps);

/* Heckbert's nice tick step and bounds covering [lo, hi] with about `ticks` ticks. */
void rc_chart_nice_range(double lo, double hi, int ticks, double *first, double *last,
                         double *step);

#ifdef __cplusplus
}
#endif
#endif
