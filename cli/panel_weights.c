/* panel_weights.c — weights SPEC → row-standardised CSR weights over a panel's regions, through
 * the weights module (rc_weights). */
#include "panel_weights.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/weights.h"

void rc_gal_free(rc_gal_weights *w)
{
    free(w->off), free(w->nb), free(w->w);
    memset(w, 0, sizeof *w);
}

int rc_gal_read(rc_gal_weights *w, const char *spec, const rc_panel *p, rc_error *err)
{
    memset(w, 0, sizeof *w);
    rc_weights *g;
    int rc = rc_weights_from_spec(&g, spec, NULL, err);
    if (rc != RC_OK)
        return rc;
    size_t n = rc_panel_nregions(p);
    size_t *row = malloc((n ? n : 1) * sizeof *row);        /* panel region → weights row */
    size_t *pos = malloc((g->n ? g->n : 1) * sizeof *pos);  /* weights row → panel region */
    if (!row || !pos) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t r = 0; r < g->n; r++)
        pos[r] = SIZE_MAX;
    char missing[512] = "";
    size_t nmissing = 0;
    for (size_t i = 0; i < n; i++) {
        const char *id = rc_panel_region_id(p, i);
        row[i] = rc_weights_find(g, id);
        for (size_t r = 0; row[i] == SIZE_MAX && r < g->n; r++)
            if (pos[r] == SIZE_MAX && rc_region_ids_match(g->ids[r], id))
                row[i] = r;
        if (row[i] == SIZE_MAX) {
            if (nmissing++ < 10)
                snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%s",
                         nmissing > 1 ? ", " : "", id);
        } else {
            pos[row[i]] = i;
        }
    }
    if (nmissing) {
        rc = rc_error_set(err, RC_EINPUT, "%s: %zu region%s of the data not in the weights: %s%s", spec,
                          nmissing, nmissing == 1 ? " is" : "s are", missing, nmissing > 10 ? ", …" : "");
        goto done;
    }
    size_t nnz = g->offsets[g->n];
    w->n = n;
    w->off = malloc((n + 1) * sizeof *w->off);
    w->nb = malloc((nnz ? nnz : 1) * sizeof *w->nb);
    w->w = malloc((nnz ? nnz : 1) * sizeof *w->w);
    if (!w->off || !w->nb || !w->w) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        goto done;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        w->off[i] = k;
        double sum = 0;
        size_t r = row[i], start = k;
        for (size_t e = g->offsets[r]; e < g->offsets[r + 1]; e++) {
            if (pos[g->neighbours[e]] == SIZE_MAX) {
                w->dropped_links++;
                continue;
            }
            w->nb[k] = pos[g->neighbours[e]];
            w->w[k++] = g->original[e];
            sum += g->original[e];
        }
        for (size_t e = start; e < k; e++)
            w->w[e] = sum != 0 ? w->w[e] / sum : 0.0;
        w->nislands += k == start;
    }
    w->off[n] = k;
done:
    if (rc != RC_OK)
        rc_gal_free(w);
    free(row), free(pos);
    rc_weights_free(g);
    return rc;
}
