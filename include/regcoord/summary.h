/* summary.h — what is in a panel, as a table. */
#ifndef REGCOORD_SUMMARY_H
#define REGCOORD_SUMMARY_H

#include "regcoord/panel.h"
#include "regcoord/table.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One row per numeric variable: variable, count (region-years with a value), missing (the
 * other region-years of the panel), min, mean, max (NaN when the variable has no value). */
int rc_panel_summary(rc_table **out, const rc_panel *p, rc_error *err);

#ifdef __cplusplus
}
#endif
#endif
