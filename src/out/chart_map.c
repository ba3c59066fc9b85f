/* chart_map.c — choropleth maps of region polygons (see rc_chart_choropleth). */
#include "regcoord/chart.h"
#include "regcoord/strbuf.h"

#include <math.h>
#include <stdlib.h>

int rc_chart_choropleth(char **svg, const rc_chart_opts *o, const rc_map_shapes *m,
                        const int *class_of, const char *const *labels,
                        const char *const *colors, size_t nclasses,
                        const char *const *tooltips, rc_error *err)
{
    *svg = NULL;
    size_t npoints = m->ring_point[m->region_ring[m->n]];
    double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
    for (size_t k = 0; k < npoints; k++) {
        if (!isfinite(m->x[k]) || !isfinite(m->y[k]))
            continue;
        xlo = fmin(xlo, m->x[k]);
        xhi = fmax(xhi, m->x[k]);
        ylo = fmin(ylo, m->y[k]);
        yhi = fmax(yhi, m->y[k]);
    }
    if (!(xhi > xlo) || !(yhi > ylo))
        return rc_error_set(err, RC_EINSUFFICIENT, "the map has no extent to draw");
    /* Lon/lat: shrink x by cos(middle latitude) so shapes keep their proportions there. */
    int lonlat = xlo >= -180 && xhi <= 180 && ylo >= -90 && yhi <= 90;
    double kx = lonlat ? cos((ylo + yhi) / 2 * M_PI / 180) : 1.0;
    double w = o && o->width > 0 ? o->width : 640;
    /* The legend is as wide as its longest label (about 7 px per Latin letter and 12 px per
     * CJK character at 12 px), at least 150 px. */
    double legend_w = 150, pad = 6;
    for (size_t c = 0; c <= nclasses; c++) {
        const char *label = c < nclasses ? labels[c] : "no data";
        double lw = 30;
        for (const unsigned char *q = (const unsigned char *)label; q && *q; q++)
            if (*q < 0x80)
                lw += 7;
            else if (*q >= 0xC0)
                lw += 12;
        legend_w = fmax(legend_w, lw + 8);
    }
    double top = o && o->title ? 30 : 6;
    double avail_w = w - legend_w - 2 * pad;
    double scale = avail_w / ((xhi - xlo) * kx);
    double map_h = (yhi - ylo) * scale;
    double max_h = o && o->height > 0 ? o->height - top - pad : 520;
    if (map_h > max_h) {
        scale *= max_h / map_h;
        map_h = max_h;
    }
    double legend_h = 20.0 * (double)(nclasses + 1) + 10;
    double h = top + fmax(map_h, legend_h) + pad;
    int any_missing = 0;
    for (size_t i = 0; i < m->n; i++)
        any_missing |= class_of[i] < 0 || (size_t)class_of[i] >= nclasses;

    rc_strbuf b;
    rc_strbuf_init(&b);
    rc_strbuf_printf(&b,
                     "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
                     "width=\"%.0f\" height=\"%.0f\" font-family=\"system-ui, 'Noto Sans', "
                     "'Noto Sans CJK SC', sans-serif\" font-size=\"12\" role=\"img\">\n"
                     "<defs><pattern id=\"nodata\" width=\"6\" height=\"6\" "
                     "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                     "<rect width=\"6\" height=\"6\" fill=\"#eee\"/><line x1=\"0\" y1=\"0\" x2=\"0\" "
                     "y2=\"6\" stroke=\"#bbb\" stroke-width=\"2\"/></pattern></defs>\n",
                     w, h, w, h);
    if (o && o->title) {
        rc_strbuf_append(&b, "<text x=\"8\" y=\"20\" font-size=\"14\" font-weight=\"600\">");
        rc_strbuf_append_xml(&b, o->title);
        rc_strbuf_append(&b, "</text>\n");
    }
    rc_strbuf_append(&b, "<g stroke=\"#fff\" stroke-width=\"0.6\" stroke-linejoin=\"round\">\n");
    for (size_t i = 0; i < m->n; i++) {
        int c = class_of[i];
        int missing = c < 0 || (size_t)c >= nclasses;
        rc_strbuf_printf(&b, "<path class=\"region%s\" fill=\"%s\" fill-rule=\"evenodd\" d=\"",
                         missing ? " nodata" : "", missing ? "url(#nodata)" : colors[c]);
        for (size_t r = m->region_ring[i]; r < m->region_ring[i + 1]; r++) {
            for (size_t k = m->ring_point[r]; k < m->ring_point[r + 1]; k++)
                rc_strbuf_printf(&b, "%c%.1f %.1f", k == m->ring_point[r] ? 'M' : 'L',
                                 pad + (m->x[k] - xlo) * kx * scale,
                                 top + (yhi - m->y[k]) * scale);
            if (m->ring_point[r + 1] > m->ring_point[r])
                rc_strbuf_append(&b, "Z");
        }
        rc_strbuf_append(&b, "\">");
        if (tooltips && tooltips[i]) {
            rc_strbuf_append(&b, "<title>");
            rc_strbuf_append_xml(&b, tooltips[i]);
            rc_strbuf_append(&b, "</title>");
        }
        rc_strbuf_append(&b, "</path>\n");
    }
    rc_strbuf_append(&b, "</g>\n");
    double lx = w - legend_w + 4, ly = top + 6;
    for (size_t c = 0; c < nclasses + (size_t)any_missing; c++) {
        int nodata = c == nclasses;
        rc_strbuf_printf(&b,
                         "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"14\" fill=\"%s\" "
                         "stroke=\"#999\" stroke-width=\"0.5\"/><text x=\"%.1f\" y=\"%.1f\">",
                         lx, ly + 20.0 * (double)c, nodata ? "url(#nodata)" : colors[c], lx + 20,
                         ly + 20.0 * (double)c + 11);
        rc_strbuf_append_xml(&b, nodata ? "no data" : labels[c]);
        rc_strbuf_append(&b, "</text>\n");
    }
    rc_strbuf_append(&b, "</svg>\n");
    *svg = rc_strbuf_take(&b);
    return *svg ? RC_OK : rc_error_set(err, RC_ENOMEM, "out of memory");
}
