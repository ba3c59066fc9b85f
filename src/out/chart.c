/* chart.c — line, area, scatter, bar and heat-table charts as SVG (see regcoord/chart.h).
 * Maps are in chart_map.c; both share the frame drawing in chart_frame.h. */
#include "regcoord/chart.h"
#include "regcoord/strbuf.h"
#include "out/chart_frame.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const okabe_ito[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                        "#56B4E9", "#D55E00", "#F0E442", "#000000"};

const char *rc_chart_category_color(size_t k) { return okabe_ito[k % 8]; }

const char *rc_chart_sequential_color(size_t k, size_t nsteps)
{
    /* ColorBrewer "Blues" (7 classes), light to dark. */
    static const char *const blues[] = {"#eff3ff", "#c6dbef", "#9ecae1", "#6baed6",
                                        "#4292c6", "#2171b5", "#084594"};
    if (nsteps <= 1)
        return blues[4];
    size_t idx = (k * 6 + (nsteps - 1) / 2) / (nsteps - 1);
    return blues[idx > 6 ? 6 : idx];
}

static double nice_number(double x, int round_it)
{
    double e = floor(log10(x)), f = x / pow(10.0, e), nf;
    if (round_it)
        nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
    else
        nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nf * pow(10.0, e);
}

void rc_chart_nice_range(double lo, double hi, int ticks, double *first, double *last,
                         double *step)
{
    if (!(hi > lo)) { /* a flat or empty range: widen it around the value */
        double pad = lo != 0 ? fabs(lo) * 0.1 : 1.0;
        lo -= pad;
        hi += pad;
    }
    double range = nice_number(hi - lo, 0);
    *step = nice_number(range / (ticks > 1 ? ticks - 1 : 1), 1);
    *first = floor(lo / *step) * *step;
    *last = ceil(hi / *step) * *step;
}

/* ---- frame: title, axes, ticks, labels ------------------------------------------- */

void rc_frame_begin(rc_frame *f, rc_strbuf *b, const rc_chart_opts *o, double xlo, double xhi,
                    double ylo, double yhi, size_t legend_entries)
{
    f->w = o && o->width > 0 ? o->width : 640;
    f->h = o && o->height > 0 ? o->height : 360;
    f->left = 64;
    f->right = 16;
    f->top = o && o->title ? 34 : 14;
    f->legend_per_row = (size_t)((f->w - f->left - f->right) / 150);
    if (f->legend_per_row < 1)
        f->legend_per_row = 1;
    size_t legend_rows = (legend_entries + f->legend_per_row - 1) / f->legend_per_row;
    f->bottom = 46 + 18.0 * (double)legend_rows;
    if (o && o->y_from_zero) {
        ylo = ylo > 0 ? 0 : ylo;
        yhi = yhi < 0 ? 0 : yhi;
    }
    rc_chart_nice_range(ylo, yhi, 6, &f->y0, &f->y1, &f->ystep);
    if (o && o->x_integer) {
        f->x0 = xlo;
        f->x1 = xhi > xlo ? xhi : xlo + 1;
        double span = f->x1 - f->x0;
        f->xstep = span <= 10 ? 1 : span <= 25 ? 5 : span <= 60 ? 10 : span <= 150 ? 20 : 50;
        f->xfirst = ceil(f->x0 / f->xstep) * f->xstep;
    } else {
        rc_chart_nice_range(xlo, xhi, 6, &f->x0, &f->x1, &f->xstep);
        f->xfirst = f->x0;
    }
    rc_strbuf_printf(b,
                     "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
                     "width=\"%.0f\" height=\"%.0f\" font-family=\"system-ui, 'Noto Sans', "
                     "'Noto Sans CJK SC', sans-serif\" font-size=\"12\" role=\"img\">\n",
                     f->w, f->h, f->w, f->h);
    if (o && o->title) {
        rc_strbuf_append(b, "<text x=\"8\" y=\"20\" font-size=\"14\" font-weight=\"600\">");
        rc_strbuf_append_xml(b, o->title);
        rc_strbuf_append(b, "</text>\n");
    }
    double px0 = f->left, px1 = f->w - f->right, py0 = f->h - f->bottom, py1 = f->top;
    rc_strbuf_append(b, "<g stroke=\"#ddd\" stroke-width=\"1\">\n");
    for (double y = f->y0; y <= f->y1 + f->ystep * 1e-9; y += f->ystep)
        rc_strbuf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>\n", px0, px1,
                         rc_frame_y(f, y), rc_frame_y(f, y));
    rc_strbuf_append(b, "</g>\n<g fill=\"#333\">\n");
    for (double y = f->y0; y <= f->y1 + f->ystep * 1e-9; y += f->ystep) {
        double shown = fabs(y) < f->ystep * 1e-9 ? 0.0 : y;
        rc_strbuf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%g</text>\n",
                         px0 - 6, rc_frame_y(f, y) + 4, shown);
    }
    for (double x = f->xfirst; x <= f->x1 + f->xstep * 1e-9; x += f->xstep) {
        double shown = fabs(x) < f->xstep * 1e-9 ? 0.0 : x;
        rc_strbuf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%g</text>\n",
                         rc_frame_x(f, x), py0 + 16, shown);
    }
    if (o && o->x_label) {
        rc_strbuf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
                         (px0 + px1) / 2, py0 + 34);
        rc_strbuf_append_xml(b, o->x_label);
        rc_strbuf_append(b, "</text>\n");
    }
    if (o && o->y_label) {
        rc_strbuf_printf(b,
                         "<text transform=\"translate(14 %.1f) rotate(-90)\" "
                         "text-anchor=\"middle\">", (py0 + py1) / 2);
        rc_strbuf_append_xml(b, o->y_label);
        rc_strbuf_append(b, "</text>\n");
    }
    rc_strbuf_append(b, "</g>\n");
    rc_strbuf_printf(b,
                     "<path d=\"M%.1f %.1fV%.1fH%.1f\" fill=\"none\" stroke=\"#333\"/>\n",
                     px0, py1, py0, px1);
}

double rc_frame_x(const rc_frame *f, double x)
{
    return f->left + (x - f->x0) / (f->x1 - f->x0) * (f->w - f->left - f->right);
}

double rc_frame_y(const rc_frame *f, double y)
{
    return f->h - f->bottom - (y - f->y0) / (f->y1 - f->y0) * (f->h - f->top - f->bottom);
}

/* Legend entries in rows below the x-axis label, as many per row as the width allows. */
void rc_frame_legend(const rc_frame *f, rc_strbuf *b, const char *const *names,
                     const char *const *colors, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        double x = f->left + (double)(k % f->legend_per_row) * 150;
        double y = f->h - f->bottom + 52 + 18.0 * (double)(k / f->legend_per_row);
        rc_strbuf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>",
                         x, y - 10, colors[k]);
        rc_strbuf_printf(b, "<text x=\"%.1f\" y=\"%.1f\">", x + 16, y);
        rc_strbuf_append_xml(b, names[k] ? names[k] : "");
        rc_strbuf_append(b, "</text>\n");
    }
}

static int finish(char **svg, rc_strbuf *b, rc_error *err)
{
    rc_strbuf_append(b, "</svg>\n");
    *svg = rc_strbuf_take(b);
    return *svg ? RC_OK : rc_error_set(err, RC_ENOMEM, "out of memory");
}

/* Extent of the finite points of all series. Returns 0 if there is none. */
static int extent(const rc_chart_series *s, size_t ns, double *xlo, double *xhi, double *ylo,
                  double *yhi)
{
    int any = 0;
    *xlo = *ylo = INFINITY;
    *xhi = *yhi = -INFINITY;
    for (size_t k = 0; k < ns; k++)
        for (size_t i = 0; i < s[k].n; i++) {
            if (!isfinite(s[k].x[i]) || !isfinite(s[k].y[i]))
                continue;
            any = 1;
            *xlo = fmin(*xlo, s[k].x[i]);
            *xhi = fmax(*xhi, s[k].x[i]);
            *ylo = fmin(*ylo, s[k].y[i]);
            *yhi = fmax(*yhi, s[k].y[i]);
        }
    return any;
}

static int no_data(rc_error *err)
{
    return rc_error_set(err, RC_EINSUFFICIENT, "nothing to draw: no finite values");
}

int rc_chart_lines(char **svg, const rc_chart_opts *o, const rc_chart_series *s, size_t ns,
                   rc_error *err)
{
    *svg = NULL;
    double xlo, xhi, ylo, yhi;
    if (!extent(s, ns, &xlo, &xhi, &ylo, &yhi))
        return no_data(err);
    rc_strbuf b;
    rc_strbuf_init(&b);
    rc_frame f;
    rc_frame_begin(&f, &b, o, xlo, xhi, ylo, yhi, ns > 1 ? ns : 0);
    const char *names[64], *colors[64];
    for (size_t k = 0; k < ns; k++) {
        const char *color = rc_chart_category_color(k);
        rc_strbuf_printf(&b, "<path class=\"series\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" d=\"", color);
        int pen_down = 0;
        for (size_t i = 0; i < s[k].n; i++) {
            if (!isfinite(s[k].x[i]) || !isfinite(s[k].y[i])) {
                pen_down = 0;
                continue;
            }
            rc_strbuf_printf(&b, "%c%.1f %.1f", pen_down ? 'L' : 'M', rc_frame_x(&f, s[k].x[i]),
                             rc_frame_y(&f, s[k].y[i]));
            pen_down = 1;
        }
        rc_strbuf_append(&b, "\"/>\n");
        if (k < 64) {
            names[k] = s[k].name;
            colors[k] = color;
        }
    }
    if (ns > 1)
        rc_frame_legend(&f, &b, names, colors, ns < 64 ? ns : 64);
    return finish(svg, &b, err);
}

int rc_chart_stacked_areas(char **svg, const rc_chart_opts *o, const rc_chart_series *s,
                           size_t ns, rc_error *err)
{
    *svg = NULL;
    if (ns == 0 || s[0].n == 0)
        return no_data(err);
    size_t n = s[0].n;
    double *top = calloc(n, sizeof *top);
    if (!top)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    for (size_t k = 0; k < ns; k++) {
        if (s[k].n != n) {
            free(top);
            return rc_error_set(err, RC_EUSAGE, "stacked areas need series of equal length");
        }
        for (size_t i = 0; i < n; i++) {
            if (isfinite(s[k].y[i]) && s[k].y[i] < 0) {
                free(top);
                return rc_error_set(err, RC_EUSAGE, "stacked areas need values ≥ 0 (%s)",
                                    s[k].name ? s[k].name : "series");
            }
            top[i] += isfinite(s[k].y[i]) ? s[k].y[i] : 0.0;
        }
    }
    double xlo = INFINITY, xhi = -INFINITY, yhi = 0;
    for (size_t i = 0; i < n; i++) {
        xlo = fmin(xlo, s[0].x[i]);
        xhi = fmax(xhi, s[0].x[i]);
        yhi = fmax(yhi, top[i]);
    }
    rc_strbuf b;
    rc_strbuf_init(&b);
    rc_frame f;
    rc_frame_begin(&f, &b, o, xlo, xhi, 0, yhi, ns);
    double *base = calloc(n, sizeof *base);
    if (!base) {
        free(top);
        rc_strbuf_free(&b);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    const char *names[64], *colors[64];
    for (size_t k = 0; k < ns; k++) {
        const char *color = rc_chart_category_color(k);
        rc_strbuf_printf(&b, "<path class=\"series\" fill=\"%s\" fill-opacity=\"0.85\" d=\"", color);
        for (size_t i = 0; i < n; i++) {
            double y = base[i] + (isfinite(s[k].y[i]) ? s[k].y[i] : 0.0);
            rc_strbuf_printf(&b, "%c%.1f %.1f", i ? 'L' : 'M', rc_frame_x(&f, s[0].x[i]),
                             rc_frame_y(&f, y));
        }
        for (size_t i = n; i-- > 0;)
            rc_strbuf_printf(&b, "L%.1f %.1f", rc_frame_x(&f, s[0].x[i]), rc_frame_y(&f, base[i]));
        rc_strbuf_append(&b, "Z\"/>\n");
        for (size_t i = 0; i < n; i++)
            base[i] += isfinite(s[k].y[i]) ? s[k].y[i] : 0.0;
        if (k < 64) {
            names[k] = s[k].name;
            colors[k] = color;
        }
    }
    rc_frame_legend(&f, &b, names, colors, ns < 64 ? ns : 64);
    free(top);
    free(base);
    return finish(svg, &b, err);
}

int rc_chart_scatter(char **svg, const rc_chart_opts *o, const double *x, const double *y,
                     size_t n, const char *const *labels, const double *fit, rc_error *err)
{
    *svg = NULL;
    rc_chart_series s = {NULL, x, y, n};
    double xlo, xhi, ylo, yhi;
    if (!extent(&s, 1, &xlo, &xhi, &ylo, &yhi))
        return no_data(err);
    rc_strbuf b;
    rc_strbuf_init(&b);
    rc_frame f;
    rc_frame_begin(&f, &b, o, xlo, xhi, ylo, yhi, 0);
    if (fit) {
        /* The fitted line, clipped to the plotted x range. */
        double a = f.x0, c = f.x1;
        rc_strbuf_printf(&b,
                         "<path class=\"fit\" d=\"M%.1f %.1fL%.1f %.1f\" stroke=\"%s\" "
                         "stroke-width=\"1.5\" stroke-dasharray=\"6 3\"/>\n",
                         rc_frame_x(&f, a), rc_frame_y(&f, fmin(fmax(fit[0] + fit[1] * a, f.y0), f.y1)),
                         rc_frame_x(&f, c), rc_frame_y(&f, fmin(fmax(fit[0] + fit[1] * c, f.y0), f.y1)),
                         rc_chart_category_color(5));
    }
    rc_strbuf_printf(&b, "<g fill=\"%s\" fill-opacity=\"0.8\">\n", rc_chart_category_color(0));
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x[i]) || !isfinite(y[i]))
            continue;
        rc_strbuf_printf(&b, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\">",
                         rc_frame_x(&f, x[i]), rc_frame_y(&f, y[i]));
        if (labels && labels[i]) {
            rc_strbuf_append(&b, "<title>");
            rc_strbuf_append_xml(&b, labels[i]);
            rc_strbuf_append(&b, "</title>");
        }
        rc_strbuf_append(&b, "</circle>\n");
    }
    rc_strbuf_append(&b, "</g>\n");
    return finish(svg, &b, err);
}

int rc_chart_bars(char **svg, const rc_chart_opts *o, const char *const *labels,
                  const double *values, size_t n, rc_error *err)
{
    *svg = NULL;
    double lo = 0, hi = 0;
    int any = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(values[i])) {
            any = 1;
            lo = fmin(lo, values[i]);
            hi = fmax(hi, values[i]);
        }
    if (!any)
        return no_data(err);
    double row = 18, w = o && o->width > 0 ? o->width : 640;
    double label_w = 150, top = o && o->title ? 34 : 10;
    double h = top + row * (double)n + 30;
    double first, last, step;
    rc_chart_nice_range(lo, hi, 5, &first, &last, &step);
    double px0 = label_w, px1 = w - 20;
#define BX(v) (px0 + ((v) - first) / (last - first) * (px1 - px0))
    rc_strbuf b;
    rc_strbuf_init(&b);
    rc_strbuf_printf(&b,
                     "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
                     "width=\"%.0f\" height=\"%.0f\" font-family=\"system-ui, 'Noto Sans', "
                     "'Noto Sans CJK SC', sans-serif\" font-size=\"12\" role=\"img\">\n",
                     w, h, w, h);
    if (o && o->title) {
        rc_strbuf_append(&b, "<text x=\"8\" y=\"20\" font-size=\"14\" font-weight=\"600\">");
        rc_strbuf_append_xml(&b, o->title);
        rc_strbuf_append(&b, "</text>\n");
    }
    for (double v = first; v <= last + step * 1e-9; v += step)
        rc_strbuf_printf(&b,
                         "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                         "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#333\">%g</text>\n",
                         BX(v), BX(v), top, top + row * (double)n, BX(v), top + row * (double)n + 16,
                         fabs(v) < step * 1e-9 ? 0.0 : v);
    for (size_t i = 0; i < n; i++) {
        double y = top + row * (double)i;
        rc_strbuf_printf(&b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", px0 - 6, y + 13);
        rc_strbuf_append_xml(&b, labels[i] ? labels[i] : "");
        rc_strbuf_append(&b, "</text>");
        if (isfinite(values[i])) {
            double a = BX(fmin(0, values[i])), c = BX(fmax(0, values[i]));
            rc_strbuf_printf(&b,
                             "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                             "fill=\"%s\"><title>%g</title></rect>",
                             a, y + 3, c - a, row - 6, rc_chart_category_color(0), values[i]);
        }
        rc_strbuf_append(&b, "\n");
    }
    rc_strbuf_printf(&b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>\n",
                     BX(0), BX(0), top, top + row * (double)n);
#undef BX
    return finish(svg, &b, err);
}

int rc_chart_heat_table(char **svg, const rc_chart_opts *o, const char *const *row_labels,
                        size_t nr, const char *const *col_labels, size_t nc,
                        const double *values, int digits, rc_error *err)
{
    *svg = NULL;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t k = 0; k < nr * nc; k++)
        if (isfinite(values[k])) {
            lo = fmin(lo, values[k]);
            hi = fmax(hi, values[k]);
        }
    if (!isfinite(lo))
        return no_data(err);
    double cw = 64, ch = 24, lw = 90, top = (o && o->title ? 34 : 8) + 20;
    /* Row labels get the room they need (about 7 px per character at 12 px). */
    for (size_t r = 0; r < nr; r++)
        lw = fmax(lw, 7.0 * (double)strlen(row_labels[r]) + 12);
    double w = lw + cw * (double)nc + 8, h = top + ch * (double)nr + 8;
    rc_strbuf b;
    rc_strbuf_init(&b);
    rc_strbuf_printf(&b,
                     "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
                     "width=\"%.0f\" height=\"%.0f\" font-family=\"system-ui, 'Noto Sans', "
                     "'Noto Sans CJK SC', sans-serif\" font-size=\"12\" role=\"img\">\n",
                     w, h, w, h);
    if (o && o->title) {
        rc_strbuf_append(&b, "<text x=\"8\" y=\"20\" font-size=\"14\" font-weight=\"600\">");
        rc_strbuf_append_xml(&b, o->title);
        rc_strbuf_append(&b, "</text>\n");
    }
    for (size_t c = 0; c < nc; c++) {
        rc_strbuf_printf(&b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
                         lw + cw * ((double)c + 0.5), top - 6);
        rc_strbuf_append_xml(&b, col_labels[c]);
        rc_strbuf_append(&b, "</text>\n");
    }
    for (size_t r = 0; r < nr; r++) {
        double y = top + ch * (double)r;
        rc_strbuf_printf(&b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", lw - 6, y + 16);
        rc_strbuf_append_xml(&b, row_labels[r]);
        rc_strbuf_append(&b, "</text>\n");
        for (size_t c = 0; c < nc; c++) {
            double v = values[r * nc + c];
            if (!isfinite(v))
                continue;
            size_t step = hi > lo ? (size_t)lround((v - lo) / (hi - lo) * 6) : 3;
            const char *fill = rc_chart_sequential_color(step, 7);
            rc_strbuf_printf(&b,
                             "<rect class=\"cell\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                             "fill=\"%s\" stroke=\"#fff\"/><text x=\"%.1f\" y=\"%.1f\" "
                             "text-anchor=\"middle\" fill=\"%s\">%.*f</text>\n",
                             lw + cw * (double)c, y, cw, ch, fill, lw + cw * ((double)c + 0.5), y + 16,
                             step >= 4 ? "#fff" : "#111", digits, v);
        }
    }
    return finish(svg, &b, err);
}
