/* model_frame.h — the observations of a regression taken from a panel.
 *
 * A model frame is the list of (region, year) observations where the dependent variable and
 * every term are available, with the values as flat arrays ready for rc_ols_fit. A term is a
 * variable name or log(NAME) (natural log; ln(NAME) is accepted too). Observations with a
 * missing value in any model variable are dropped and counted; a log of a non-positive value
 * is an error naming the variable, region and year. */
#ifndef REGCOORD_MODEL_FRAME_H
#define REGCOORD_MODEL_FRAME_H

#include <stddef.h>
#include "regcoord/error.h"
#include "regcoord/panel.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    size_t n, k;        /* observations kept, terms */
    double *y;          /* n */
    double *x;          /* n × k row-major */
    size_t *region;     /* n region indices of the panel */
    size_t *year;       /* n year indices of the panel */
    char *y_name;       /* the dependent term as written */
    char **names;       /* k term names as written */
    size_t dropped;     /* observations dropped for a missing value */
} rc_model_frame;

/* Build the frame for y_term on terms[0..nterms-1] over all regions and years of p.
 * RC_EUSAGE for an unknown variable or a malformed term, RC_EINPUT for a log of a
 * non-positive value, RC_EINSUFFICIENT when no observation is complete. */
int rc_model_frame_build(rc_model_frame *out, const rc_panel *p, const char *y_term,
                         const char *const *terms, size_t nterms, rc_error *err);
void rc_model_frame_free(rc_model_frame *f);

#ifdef __cplusplus
}
#endif
#endif
