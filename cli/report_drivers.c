/* report_drivers.c — the report's drivers section: the inverse-U (Kuznets) relation between the
 * national gap index and the development level, with the turning point and the U test. Numbers
 * come from rc_kuznets_tables, the code behind `regcoord kuznets`. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kuznets_table.h"
#include "report_sections.h"
#include "regcoord/chart.h"

static double turning_value(const rc_table *t, const char *stat)
{
    for (size_t k = 0; k < rc_table_nrows(t); k++)
        if (!strcmp(rc_table_get_str(t, k, 0), "all") && !strcmp(rc_table_get_str(t, k, 1), stat))
            return rc_table_get_dbl(t, k, 2);
    return NAN;
}

int rc_report_drivers_section(rc_report *r, const rc_panel *p, const rc_report_request *req)
{
    if (!req->value || rc_panel_nyears(p) < 8)
        return 0;
    rc_kuznets_request kr;
    rc_kuznets_request_init(&kr);
    kr.value = req->value;
    kr.pop = req->pop;
    rc_table *coef = NULL, *turn = NULL, *series = NULL;
    int code = rc_kuznets_tables(&coef, &turn, &series, p, &kr, req->common);
    if (code) {
        rc_table_free(coef), rc_table_free(turn), rc_table_free(series);
        return code;
    }
    rc_error err;
    size_t n = rc_table_nrows(series);
    double *x = malloc((n ? n : 1) * sizeof *x), *g = malloc((n ? n : 1) * sizeof *g),
           *f = malloc((n ? n : 1) * sizeof *f);
    char *svg = NULL;
    int rc = rc_report_section(r, "drivers", "Growth and the gap", &err);
    if (rc == RC_OK && (!x || !g || !f))
        rc = rc_error_set(&err, RC_ENOMEM, "out of memory");
    if (rc != RC_OK)
        goto done;
    const char *gap = req->pop ? "theil_t_w" : "theil_t";
    double xs = turning_value(turn, "x_star"), shape = turning_value(turn, "shape");
    double lo = turning_value(turn, "fieller_low"), hi = turning_value(turn, "fieller_high");
    double up = turning_value(turn, "u_test_p");
    char text[1024];
    snprintf(text, sizeof text,
             "The national %s regressed on ln %s and its square, one point per year (%zu years). "
             "%s turning point at ln %s = %.3f (%s = %.0f), 95%% Fieller interval [%.3f, %.3f]; "
             "Lind–Mehlum U test p = %.3g%s. The full tables: regcoord kuznets --value %s%s%s.",
             gap, req->value, n, shape > 0 ? "Inverse-U:" : shape < 0 ? "U-shaped:" : "No curvature:",
             req->value, xs, req->value, exp(xs), lo, hi, up,
             up < 0.05 ? " (the rise and the fall are both significant)"
                       : " (the rise and the fall are not both significant at 5%)",
             req->value, req->pop ? " --pop " : "", req->pop ? req->pop : "");
    if ((rc = rc_report_text(r, text, &err)) != RC_OK)
        goto done;
    for (size_t k = 0; k < n; k++) {
        x[k] = rc_table_get_dbl(series, k, 4);
        g[k] = rc_table_get_dbl(series, k, 5);
        f[k] = rc_table_get_dbl(series, k, 6);
    }
    rc_chart_series s[2] = {{"gap (per year)", x, g, n}, {"fitted quadratic", x, f, n}};
    char xl[128];
    snprintf(xl, sizeof xl, "ln %s (national)", req->value);
    rc_chart_opts o = {.title = "Inverse-U: the gap against the development level", .x_label = xl,
                       .y_label = gap, .y_from_zero = 1};
    if ((rc = rc_chart_lines(&svg, &o, s, 2, &err)) != RC_OK)
        goto done;
    if ((code = rc_report_add_chart(r, req, "kuznets", svg,
                                    "Gap index and its quadratic fit against the log development level "
                                    "(years run left to right as the level grows)", series)) != 0)
        goto done;
    rc = rc_report_table(r, coef, "Coefficients (OLS, classical standard errors)", 20,
                         "kuznets_coefficients", &err);
done:
    free(svg), free(x), free(g), free(f);
    rc_table_free(coef), rc_table_free(turn), rc_table_free(series);
    if (rc != RC_OK)
        return rc_cli_fail(&err);
    return code;
}
