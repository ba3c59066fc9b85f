/* Panel model tests: building, selecting, balancing, groups, year ranges. All expected
 * values follow from the small panels built here (hand computation). */
#include "testutil.h"

#include <limits.h>
#include <math.h>
#include <string.h>

#include "regcoord/panel.h"

/* 3 regions × 4 years (2000–2003), variable x = 10·region + year index, with C missing 2001. */
static rc_panel *make(void)
{
    const char *ids[] = {"A", "B", "C"};
    const int years[] = {2000, 2001, 2002, 2003};
    rc_panel *p;
    assert_int_equal(rc_panel_new(&p, ids, 3, years, 4, NULL), RC_OK);
    size_t v, a;
    assert_int_equal(rc_panel_add_var(p, "x", &v, NULL), RC_OK);
    double *x = rc_panel_var_data_mut(p, v);
    for (size_t t = 0; t < 4; t++)
        for (size_t i = 0; i < 3; i++)
            x[t * 3 + i] = 10.0 * (double)i + (double)t;
    x[1 * 3 + 2] = NAN;
    assert_int_equal(rc_panel_add_attr(p, "group", &a, NULL), RC_OK);
    rc_panel_set_attr(p, a, 0, "east", NULL);
    rc_panel_set_attr(p, a, 1, "west", NULL);
    rc_panel_set_attr(p, a, 2, "east", NULL);
    return p;
}

static void test_layout(void **state)
{
    (void)state;
    rc_panel *p = make();
    /* Year-major: the cross-section of 2002 is contiguous. */
    const double *col = rc_panel_column(p, 0, 2);
    assert_true(col[0] == 2.0 && col[1] == 12.0 && col[2] == 22.0);
    assert_true(rc_panel_value(p, 0, 1, 3) == 13.0);
    rc_error err;
    size_t v;
    assert_int_equal(rc_panel_add_var(p, "x", &v, &err), RC_EINPUT); /* duplicate name */
    assert_int_equal(rc_panel_add_attr(p, "group", &v, &err), RC_EINPUT);
    rc_panel_free(p);
}

static void test_select_years(void **state)
{
    (void)state;
    rc_panel *p = make(), *q;
    assert_int_equal(rc_panel_select_years(&q, p, 2001, 2002, NULL), RC_OK);
    assert_int_equal(rc_panel_nyears(q), 2);
    assert_int_equal(rc_panel_year(q, 0), 2001);
    assert_true(rc_panel_value(q, 0, 1, 1) == 12.0);
    size_t a;
    assert_int_equal(rc_panel_find_attr(q, "group", &a, NULL), RC_OK);
    assert_string_equal(rc_panel_attr_value(q, a, 1), "west");
    rc_panel_free(q);
    rc_error err;
    assert_int_equal(rc_panel_select_years(&q, p, 1990, 1995, &err), RC_EUSAGE);
    assert_non_null(strstr(err.message, "2000–2003"));
    rc_panel_free(p);
}

static void test_balanced(void **state)
{
    (void)state;
    rc_panel *p = make(), *q;
    size_t v = 0, dropped;
    assert_int_equal(rc_panel_balanced(&q, p, &v, 1, &dropped, NULL), RC_OK);
    assert_int_equal(dropped, 1); /* C misses 2001 */
    assert_int_equal(rc_panel_nregions(q), 2);
    assert_string_equal(rc_panel_region_id(q, 1), "B");
    rc_panel_free(q);
    rc_panel_free(p);
}

static void test_groups(void **state)
{
    (void)state;
    rc_panel *p = make();
    int codes[3];
    rc_groups g;
    assert_int_equal(rc_panel_groups(&g, codes, p, "group", NULL), RC_OK);
    assert_int_equal(g.ngroups, 2);
    assert_int_equal(codes[0], 0);
    assert_int_equal(codes[1], 1);
    assert_int_equal(codes[2], 0);
    rc_groups_free(&g);
    /* x varies over the years: not a grouping. */
    rc_error err;
    assert_int_equal(rc_panel_groups(&g, codes, p, "x", &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "changes over the years"));
    assert_int_equal(rc_panel_groups(&g, codes, p, "nothing", &err), RC_EUSAGE);
    rc_panel_free(p);
}

static void test_year_range(void **state)
{
    (void)state;
    int a, b;
    assert_int_equal(rc_parse_year_range("1990:2000", &a, &b, NULL), RC_OK);
    assert_true(a == 1990 && b == 2000);
    assert_int_equal(rc_parse_year_range("1990:", &a, &b, NULL), RC_OK);
    assert_true(a == 1990 && b == INT_MAX);
    assert_int_equal(rc_parse_year_range(":2000", &a, &b, NULL), RC_OK);
    assert_true(a == INT_MIN && b == 2000);
    assert_int_equal(rc_parse_year_range("2005", &a, &b, NULL), RC_OK);
    assert_true(a == 2005 && b == 2005);
    assert_int_equal(rc_parse_year_range("2000:1990", &a, &b, NULL), RC_EUSAGE);
    assert_int_equal(rc_parse_year_range("19x0:2000", &a, &b, NULL), RC_EUSAGE);
    assert_int_equal(rc_parse_year_range(":", &a, &b, NULL), RC_EUSAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout),   cmocka_unit_test(test_select_years),
        cmocka_unit_test(test_balanced), cmocka_unit_test(test_groups),
        cmocka_unit_test(test_year_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
