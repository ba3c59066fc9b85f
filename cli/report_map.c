/* report_map.c — choropleth maps of the report: classes of panel regions drawn on the
 * geometry of --geo, with regions missing on either side handled explicitly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_sections.h"
#include "regcoord/chart.h"

int rc_report_add_map(rc_report *r, const rc_report_request *req, const char *const *ids,
                      const char *const *names, const int *cls, size_t n,
                      const char *const *labels, const char *const *colors, size_t nclasses,
                      const char *name, const char *title, const char *caption,
                      const rc_table *data)
{
    const rc_geometry *g = req->geometry;
    if (!g)
        return 0;
    int *class_of = malloc((g->n ? g->n : 1) * sizeof *class_of);
    char **tips = calloc(g->n ? g->n : 1, sizeof *tips);
    rc_error err;
    if (!class_of || !tips) {
        free(class_of), free(tips);
        rc_error_set(&err, RC_ENOMEM, "out of memory (map)");
        return rc_cli_fail(&err);
    }
    for (size_t f = 0; f < g->n; f++) {
        class_of[f] = -1;
        const char *nm = g->ids[f];
        for (size_t k = 0; k < n; k++)
            if (rc_region_ids_match(g->ids[f], ids[k])) {
                class_of[f] = cls[k] >= 0 && (size_t)cls[k] < nclasses ? cls[k] : -1;
                nm = names && names[k] && *names[k] ? names[k] : ids[k];
                break;
            }
        size_t len = strlen(nm) + 64;
        tips[f] = malloc(len);
        if (tips[f])
            snprintf(tips[f], len, "%s: %s", nm, class_of[f] >= 0 ? labels[class_of[f]] : "no data");
    }
    rc_chart_opts o = {.title = title, .width = 720, .height = 480};
    rc_map_shapes shapes = rc_geometry_shapes(g);
    char *svg = NULL;
    int code = 0;
    if (rc_chart_choropleth(&svg, &o, &shapes, class_of, labels, colors, nclasses,
                            (const char *const *)tips, &err) != RC_OK)
        code = rc_cli_fail(&err);
    else
        code = rc_report_add_chart(r, req, name, svg, caption, data);
    free(svg);
    for (size_t f = 0; f < g->n; f++)
        free(tips[f]);
    free(tips), free(class_of);
    return code;
}
