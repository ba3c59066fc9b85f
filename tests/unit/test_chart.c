/* SVG chart tests: tick arithmetic (Heckbert 1990, worked by hand below), structure of the
 * drawn elements, escaping, NaN handling and the "no data" class of maps. */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/chart.h"

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

static void test_nice_range(void **state)
{
    (void)state;
    double a, b, s;
    /* [0.013, 0.987], 6 ticks: nice(0.974) = 1; step = nice(1/5 = 0.2, rounded) = 0.2. */
    rc_chart_nice_range(0.013, 0.987, 6, &a, &b, &s);
    assert_abs(s, 0.2, 1e-15);
    assert_abs(a, 0.0, 1e-15);
    assert_abs(b, 1.0, 1e-15);
    /* [1978, 2019]: range nice(41) = 50, step nice(10) = 10 → 1970 … 2020. */
    rc_chart_nice_range(1978, 2019, 6, &a, &b, &s);
    assert_abs(s, 10, 1e-12);
    assert_abs(a, 1970, 1e-9);
    assert_abs(b, 2020, 1e-9);
    /* A flat range is widened, never zero-width. */
    rc_chart_nice_range(5, 5, 6, &a, &b, &s);
    assert_true(a < 5 && b > 5 && s > 0);
}

static void test_lines(void **state)
{
    (void)state;
    double x[] = {2000, 2001, 2002, 2003}, y1[] = {0.1, 0.2, NAN, 0.15}, y2[] = {0.3, 0.25, 0.2, 0.1};
    rc_chart_series s[] = {{"Theil <T>", x, y1, 4}, {"Gini", x, y2, 4}};
    rc_chart_opts o = {.title = "Gap & decomposition", .x_integer = 1};
    char *svg;
    assert_int_equal(rc_chart_lines(&svg, &o, s, 2, NULL), RC_OK);
    assert_int_equal(count(svg, "class=\"series\""), 2);
    /* The NaN breaks the first line: two sub-paths (two M commands) in its d attribute. */
    const char *first = strstr(svg, "class=\"series\"");
    const char *d = strstr(first, " d=\"") + 4;
    const char *end = strchr(d, '"');
    size_t moves = 0;
    for (const char *p = d; p < end; p++)
        moves += *p == 'M';
    assert_int_equal(moves, 2);
    assert_non_null(strstr(svg, "Gap &amp; decomposition"));
    assert_non_null(strstr(svg, "Theil &lt;T&gt;"));
    assert_non_null(strstr(svg, ">2000<")); /* year ticks printed plainly */
    assert_true(strncmp(svg, "<svg ", 5) == 0);
    assert_non_null(strstr(svg, "</svg>\n"));
    free(svg);
}

static void test_empty_and_bad(void **state)
{
    (void)state;
    double x[] = {1, 2}, y[] = {NAN, NAN}, neg[] = {1, -1};
    rc_chart_series s = {"a", x, y, 2};
    char *svg;
    rc_error err;
    assert_int_equal(rc_chart_lines(&svg, NULL, &s, 1, &err), RC_EINSUFFICIENT);
    assert_null(svg);
    rc_chart_series t = {"a", x, neg, 2};
    assert_int_equal(rc_chart_stacked_areas(&svg, NULL, &t, 1, &err), RC_EUSAGE);
}

static void test_scatter_bars_heat(void **state)
{
    (void)state;
    double x[] = {1, 2, 3}, y[] = {2, 4, 5}, fit[] = {0.5, 1.5};
    const char *labels[] = {"北京", "天津", "河北"};
    char *svg;
    assert_int_equal(rc_chart_scatter(&svg, NULL, x, y, 3, labels, fit, NULL), RC_OK);
    assert_int_equal(count(svg, "class=\"point\""), 3);
    assert_int_equal(count(svg, "class=\"fit\""), 1);
    assert_non_null(strstr(svg, "<title>天津</title>"));
    free(svg);
    double v[] = {0.3, -0.1, NAN};
    assert_int_equal(rc_chart_bars(&svg, NULL, labels, v, 3, NULL), RC_OK);
    assert_int_equal(count(svg, "class=\"bar\""), 2); /* the NaN draws no bar */
    free(svg);
    double m[] = {0.9, 0.1, 0.2, 0.8};
    const char *cls[] = {"0", "1"};
    assert_int_equal(rc_chart_heat_table(&svg, NULL, cls, 2, cls, 2, m, 3, NULL), RC_OK);
    assert_int_equal(count(svg, "class=\"cell\""), 4);
    assert_non_null(strstr(svg, ">0.900<"));
    free(svg);
}

static void test_choropleth(void **state)
{
    (void)state;
    /* Two unit squares side by side in lon/lat, the second without data. */
    double px[] = {100, 101, 101, 100, 101, 102, 102, 101};
    double py[] = {30, 30, 31, 31, 30, 30, 31, 31};
    size_t region_ring[] = {0, 1, 2}, ring_point[] = {0, 4, 8};
    rc_map_shapes m = {2, region_ring, ring_point, px, py};
    int cls[] = {0, -1};
    const char *labels[] = {"HH"}, *colors[] = {"#d7191c"}, *tips[] = {"A", "B"};
    char *svg;
    assert_int_equal(rc_chart_choropleth(&svg, NULL, &m, cls, labels, colors, 1, tips, NULL), RC_OK);
    assert_int_equal(count(svg, "class=\"region"), 2);
    assert_int_equal(count(svg, "class=\"region nodata\""), 1);
    assert_non_null(strstr(svg, ">no data<"));
    assert_non_null(strstr(svg, "fill=\"#d7191c\""));
    free(svg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nice_range),  cmocka_unit_test(test_lines),
        cmocka_unit_test(test_empty_and_bad), cmocka_unit_test(test_scatter_bars_heat),
        cmocka_unit_test(test_choropleth),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
