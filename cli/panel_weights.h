/* panel_weights.h — row-standardised weights over a panel's regions from any weights SPEC,
 * as the spatial Markov chain needs them (regions of the weights not in the panel ignored). */
#ifndef REGCOORD_PANEL_WEIGHTS_H
#define REGCOORD_PANEL_WEIGHTS_H

#include <stddef.h>

#include "regcoord/error.h"
#include "regcoord/panel.h"

/* Row-standardised weights over the regions of a panel, CSR: the neighbours of region i are
 * nb[off[i] .. off[i+1]) with weights w[…] = original weight / row sum (1 / k for contiguity). */
typedef struct {
    size_t n;
    size_t *off, *nb;
    double *w;
    size_t nislands;       /* regions without a neighbour in the panel */
    size_t dropped_links;  /* links to regions of the weights that are not in the panel */
} rc_gal_weights;

/* Weights from spec (gal:FILE, a bare .gal/.gwt file, queen:FILE, rook:FILE; see weights.h),
 * keyed by region id (matched as text or as whole numbers, rc_region_ids_match). Every panel
 * region must be in the weights (RC_EINPUT naming the first missing ones); regions of the
 * weights absent from the panel are ignored, and links to them counted in dropped_links. */
int rc_gal_read(rc_gal_weights *w, const char *spec, const rc_panel *p, rc_error *err);
void rc_gal_free(rc_gal_weights *w);

#endif
