/* panel_internal.h — what the readers may do to a panel beyond the public builder API. */
#ifndef REGCOORD_PANEL_INTERNAL_H
#define REGCOORD_PANEL_INTERNAL_H

#include "regcoord/panel.h"

/* Mark a panel read from a table without a year column (one period, year 0). */
void rc_panel_mark_cross_section(rc_panel *p);

#endif
