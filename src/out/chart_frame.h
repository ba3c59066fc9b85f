/* chart_frame.h — the plot frame shared by the chart kinds: data → pixel mapping, axes with
 * nice ticks, title, axis labels and legend. */
#ifndef REGCOORD_CHART_FRAME_H
#define REGCOORD_CHART_FRAME_H

#include "regcoord/chart.h"
#include "regcoord/strbuf.h"

typedef struct {
    double w, h, left, right, top, bottom;
    double x0, x1, xstep, xfirst, y0, y1, ystep;
    size_t legend_per_row;
} rc_frame;

/* Open the <svg> and draw title, grid, ticks and axis labels for the data range given;
 * legend_entries reserves room below the plot for that many legend entries. */
void rc_frame_begin(rc_frame *f, rc_strbuf *b, const rc_chart_opts *o, double xlo, double xhi,
                    double ylo, double yhi, size_t legend_entries);
double rc_frame_x(const rc_frame *f, double x);
double rc_frame_y(const rc_frame *f, double y);
void rc_frame_legend(const rc_frame *f, rc_strbuf *b, const char *const *names,
                     const char *const *colors, size_t n);

#endif
