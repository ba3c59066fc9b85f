/* gal_weights.h — a minimal GAL contiguity reader for the spatial Markov chain.
 *
 * Isolated on purpose: the weights module (rc_weights) is being built on main; when it lands
 * the markov command switches to it and this file goes. */
#ifndef REGCOORD_GAL_WEIGHTS_H
#define REGCOORD_GAL_WEIGHTS_H

#include <stddef.h>

#include "regcoord/error.h"
#include "regcoord/panel.h"

/* Row-standardised weights over the regions of a panel, CSR: the neighbours of region i are
 * nb[off[i] .. off[i+1]) with weights w[…] = 1 / (number of neighbours). */
typedef struct {
    size_t n;
    size_t *off, *nb;
    double *w;
    size_t nislands;       /* regions without a neighbour in the panel */
    size_t dropped_links;  /* links to regions of the file that are not in the panel */
} rc_gal_weights;

/* Read path (header "n" or "0 n [name key]", then "id k" and a line of k neighbour ids per
 * region) keyed by region id. Every panel region must be in the file (RC_EINPUT naming the
 * first missing ones); file regions absent from the panel are ignored, and links to them
 * counted in dropped_links. */
int rc_gal_read(rc_gal_weights *w, const char *path, const rc_panel *p, rc_error *err);
void rc_gal_free(rc_gal_weights *w);

#endif
