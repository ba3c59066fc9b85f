/* field_strength.c — economic field strength of growth poles and their hinterlands (see
 * regcoord/linkage.h). */
#include "regcoord/linkage.h"

#include <math.h>
#include <stdlib.h>

int rc_field_strength(double *E, size_t *assign, double *margin, const double *Z,
                      const size_t *pole, size_t npoles, const double *D, size_t n, double beta,
                      rc_error *err)
{
    if (npoles < 1)
        return rc_error_set(err, RC_EUSAGE, "field strength needs at least one growth pole");
    char *is_pole = calloc(n ? n : 1, 1);
    if (!is_pole)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    int rc = RC_OK;
    for (size_t p = 0; p < npoles && rc == RC_OK; p++) {
        if (pole[p] >= n)
            rc = rc_error_set(err, RC_EUSAGE, "growth pole %zu is region %zu of %zu", p, pole[p], n);
        else if (is_pole[pole[p]])
            rc = rc_error_set(err, RC_EUSAGE, "region %zu is named twice as a growth pole", pole[p]);
        else if (!(isfinite(Z[p]) && Z[p] > 0))
            rc = rc_error_set(err, RC_EINPUT, "growth pole %zu needs a positive quality (has %g)", p, Z[p]);
        else
            is_pole[pole[p]] = 1;
    }
    for (size_t p = 0; p < npoles && rc == RC_OK; p++)
        for (size_t j = 0; j < n && rc == RC_OK; j++) {
            double d = D[pole[p] * n + j];
            if (j == pole[p])
                E[p * n + j] = NAN;
            else if (!(isfinite(d) && d > 0))
                rc = rc_error_set(err, RC_EINPUT, "the distance between regions %zu and %zu is %g",
                                  pole[p], j, d);
            else
                E[p * n + j] = Z[p] / (beta == 2 ? d * d : pow(d, beta));
        }
    for (size_t j = 0; j < n && rc == RC_OK; j++) {
        margin[j] = NAN;
        if (is_pole[j]) {
            for (size_t p = 0; p < npoles; p++)
                if (pole[p] == j)
                    assign[j] = p;
            continue;
        }
        size_t top = 0;
        double first = -INFINITY, second = -INFINITY;
        for (size_t p = 0; p < npoles; p++) {
            double e = E[p * n + j];
            if (e > first) { /* strict: ties go to the lower pole */
                second = first;
                first = e;
                top = p;
            } else if (e > second)
                second = e;
        }
        assign[j] = top;
        if (npoles > 1)
            margin[j] = first / second;
    }
    free(is_pole);
    return rc;
}
