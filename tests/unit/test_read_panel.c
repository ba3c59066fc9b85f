/* Reader tests: layouts, strict numbers, and every bad input of the foundation issue.
 * Expected values are read off the small files in tests/data/reader by hand. */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/io.h"

static rc_panel *read_ok(const char *rel, const rc_read_options *opt)
{
    char *path = rc_test_data_path(rel);
    rc_panel *p = NULL;
    rc_error err;
    int rc = rc_panel_read(&p, path, opt, &err);
    if (rc != RC_OK)
        print_error("%s: %s\n", rel, err.message);
    assert_int_equal(rc, RC_OK);
    free(path);
    return p;
}

/* Read a file that must fail with code; the message must contain every needle. */
static void read_fails(const char *rel, const rc_read_options *opt, int code,
                       const char *const *needles)
{
    char *path = rc_test_data_path(rel);
    rc_panel *p = NULL;
    rc_error err;
    rc_error_clear(&err);
    int rc = rc_panel_read(&p, path, opt, &err);
    assert_int_equal(rc, code);
    assert_null(p);
    for (; *needles; needles++)
        if (!strstr(err.message, *needles)) {
            print_error("message \"%s\" lacks \"%s\"\n", err.message, *needles);
            fail();
        }
    free(path);
}

static void test_parse_number(void **state)
{
    (void)state;
    double x;
    assert_true(rc_parse_number("12.5", &x) && x == 12.5);
    assert_true(rc_parse_number(" -3e2 ", &x) && x == -300.0);
    assert_true(rc_parse_number("01001", &x) && x == 1001.0);
    assert_true(rc_parse_number(".5", &x) && x == 0.5);
    assert_false(rc_parse_number("n/a", &x));
    assert_false(rc_parse_number("12,5", &x));
    assert_false(rc_parse_number("0x10", &x));
    assert_false(rc_parse_number("inf", &x));
    assert_false(rc_parse_number("nan", &x));
    assert_false(rc_parse_number("1e", &x));
    assert_false(rc_parse_number("", &x));
    assert_false(rc_parse_number("1e999", &x)); /* overflows to infinity: not a finite number */
}

static void test_empty_file(void **state)
{
    (void)state;
    read_fails("reader/empty.csv", NULL, RC_EINPUT, (const char *[]){"empty.csv", "empty", NULL});
}

static void test_header_only(void **state)
{
    (void)state;
    read_fails("reader/header_only.csv", NULL, RC_EINPUT,
               (const char *[]){"header_only.csv", "no data rows", NULL});
}

static void test_missing_columns(void **state)
{
    (void)state;
    rc_read_options region = {.region_col = "province"};
    read_fails("reader/one_region.csv", &region, RC_EUSAGE,
               (const char *[]){"no column 'province' for --region", "region, year, gdp", NULL});
    rc_read_options year = {.year_col = "period"};
    read_fails("reader/one_region.csv", &year, RC_EUSAGE,
               (const char *[]){"no column 'period' for --year", NULL});
}

static void test_duplicate_region_year(void **state)
{
    (void)state;
    /* A,2000 is on line 2 and again on line 5. */
    read_fails("reader/duplicate.csv", NULL, RC_EINPUT,
               (const char *[]){"duplicate.csv:5:", "'A' in 2000 appears twice", "line 2", NULL});
}

static void test_non_numeric(void **state)
{
    (void)state;
    /* "n/a" is on line 3, column pop. */
    read_fails("reader/nonnumeric.csv", NULL, RC_EINPUT,
               (const char *[]){"nonnumeric.csv:3:", "column 'pop'", "\"n/a\"", "--na", NULL});
    rc_read_options na = {.na_tokens = "n/a"};
    rc_panel *p = read_ok("reader/nonnumeric.csv", &na);
    size_t v;
    assert_int_equal(rc_panel_find_var(p, "pop", &v, NULL), RC_OK);
    assert_true(isnan(rc_panel_value(p, v, 1, 0)));
    assert_true(rc_panel_value(p, v, 1, 1) == 13.0);
    rc_panel_free(p);
}

static void test_ragged(void **state)
{
    (void)state;
    read_fails("reader/ragged.csv", NULL, RC_EINPUT,
               (const char *[]){"ragged.csv:3:", "4 fields", "header has 3", NULL});
}

static void test_non_integer_year(void **state)
{
    (void)state;
    read_fails("reader/nonint_year.csv", NULL, RC_EINPUT,
               (const char *[]){"nonint_year.csv:3:", "\"2000.5\" is not a whole year", NULL});
}

static void test_unreadable(void **state)
{
    (void)state;
    read_fails("reader/no_such_file.csv", NULL, RC_EIO,
               (const char *[]){"no_such_file.csv", "No such file", NULL});
    read_fails("reader", NULL, RC_EIO, (const char *[]){"is a directory", NULL});
}

static void test_bom_crlf(void **state)
{
    (void)state;
    rc_panel *p = read_ok("reader/bom_crlf.csv", NULL);
    assert_int_equal(rc_panel_nregions(p), 2);
    assert_int_equal(rc_panel_nyears(p), 2);
    size_t v;
    assert_int_equal(rc_panel_find_var(p, "gdp", &v, NULL), RC_OK); /* BOM not in the name */
    assert_true(rc_panel_value(p, v, 0, 0) == 1.5);
    assert_true(rc_panel_value(p, v, 1, 0) == 2.5);
    assert_true(isnan(rc_panel_value(p, v, 1, 1))); /* empty field before CRLF */
    rc_panel_free(p);
}

static void test_chinese_names(void **state)
{
    (void)state;
    rc_panel *p = read_ok("reader/chinese.csv", NULL);
    assert_int_equal(rc_panel_nregions(p), 3);
    assert_string_equal(rc_panel_region_id(p, 0), "110000");
    size_t a;
    assert_int_equal(rc_panel_find_attr(p, "region_name_zh", &a, NULL), RC_OK);
    assert_string_equal(rc_panel_attr_value(p, a, 2), "新疆维吾尔自治区");
    int codes[3];
    rc_groups g;
    assert_int_equal(rc_panel_groups(&g, codes, p, "group", NULL), RC_OK);
    assert_int_equal(g.ngroups, 2);
    assert_string_equal(g.labels[0], "东部");
    assert_int_equal(codes[2], 1);
    rc_groups_free(&g);
    rc_panel_free(p);
}

static void test_one_region(void **state)
{
    (void)state;
    rc_panel *p = read_ok("reader/one_region.csv", NULL);
    assert_int_equal(rc_panel_nregions(p), 1);
    assert_int_equal(rc_panel_nyears(p), 3);
    assert_int_equal(rc_panel_year(p, 2), 2002);
    rc_panel_free(p);
}

static void test_cross_section(void **state)
{
    (void)state;
    rc_panel *p = read_ok("reader/cross_section.csv", NULL);
    assert_true(rc_panel_is_cross_section(p));
    assert_int_equal(rc_panel_nyears(p), 1);
    assert_string_equal(rc_panel_region_id(p, 0), "01001"); /* an id, not the number 1001 */
    size_t v;
    assert_int_equal(rc_panel_find_var(p, "gdp", &v, NULL), RC_OK);
    assert_true(isnan(rc_panel_value(p, v, 1, 0)));
    assert_string_equal(rc_panel_region_name(p, 0), "Autauga, AL");
    rc_panel_free(p);
}

static void test_unknown_variable(void **state)
{
    (void)state;
    rc_panel *p = read_ok("reader/cross_section.csv", NULL);
    rc_error err;
    size_t v;
    assert_int_equal(rc_panel_find_var(p, "gdpp", &v, &err), RC_EUSAGE);
    assert_non_null(strstr(err.message, "no variable 'gdpp'"));
    assert_non_null(strstr(err.message, "gdp"));
    assert_int_equal(rc_panel_find_var(p, "name", &v, &err), RC_EUSAGE);
    assert_non_null(strstr(err.message, "is text"));
    rc_panel_free(p);
}

/* The bundled US incomes in the wide layout (usjoin.csv, python3-libpysal 4.7.0): 48 states
 * × 81 years, with the census regions merged from the regions file. */
static void test_wide_us_income(void **state)
{
    (void)state;
    rc_read_options opt = {.wide_var = "pcincome", .region_col = "STATE_FIPS"};
    char *regions = rc_test_data_path("us_income/us48_census_regions.csv");
    opt.regions_file = regions;
    rc_panel *p = read_ok("us_income/usjoin.csv", &opt);
    free(regions);
    assert_int_equal(rc_panel_nregions(p), 48);
    assert_int_equal(rc_panel_nyears(p), 81);
    assert_int_equal(rc_panel_year(p, 0), 1929);
    assert_int_equal(rc_panel_year(p, 80), 2009);
    size_t v, i;
    assert_int_equal(rc_panel_find_var(p, "pcincome", &v, NULL), RC_OK);
    assert_int_equal(rc_panel_find_region(p, "1", &i, NULL), RC_OK);
    assert_true(rc_panel_value(p, v, i, 0) == 323.0);     /* usjoin.csv line 2: Alabama,1,323 */
    assert_string_equal(rc_panel_region_name(p, i), "Alabama");
    int codes[48];
    rc_groups g;
    assert_int_equal(rc_panel_groups(&g, codes, p, "census_region", NULL), RC_OK);
    assert_int_equal(g.ngroups, 4);
    rc_groups_free(&g);
    rc_panel_free(p);
}

/* plm::Produc in the long layout; numeric region codes work as groups. */
static void test_long_produc(void **state)
{
    (void)state;
    rc_read_options opt = {.region_col = "state"};
    rc_panel *p = read_ok("produc/produc.csv", &opt);
    assert_int_equal(rc_panel_nregions(p), 48);
    assert_int_equal(rc_panel_nyears(p), 17);
    int codes[48];
    rc_groups g;
    assert_int_equal(rc_panel_groups(&g, codes, p, "region", NULL), RC_OK);
    assert_int_equal(g.ngroups, 9); /* Produc's 9 regions */
    rc_groups_free(&g);
    size_t v;
    assert_int_equal(rc_panel_find_var(p, "gsp", &v, NULL), RC_OK);
    assert_true(rc_panel_value(p, v, 0, 0) == 28418.0); /* produc.csv line 2: ALABAMA 1970 gsp */
    rc_panel_free(p);
}

/* Any OGR table works: the attribute table of the bundled shapefile is a cross-section of
 * the 48 states (us48.dbf, python3-libpysal 4.7.0: Washington is the first record, FIPS 53). */
static void test_shapefile_table(void **state)
{
    (void)state;
    rc_read_options opt = {.region_col = "STATE_FIPS"};
    rc_panel *p = read_ok("us_income/us48.shp", &opt);
    assert_true(rc_panel_is_cross_section(p));
    assert_int_equal(rc_panel_nregions(p), 48);
    assert_string_equal(rc_panel_region_id(p, 0), "53");
    size_t a;
    assert_int_equal(rc_panel_find_attr(p, "STATE_NAME", &a, NULL), RC_OK);
    assert_string_equal(rc_panel_attr_value(p, a, 0), "Washington");
    rc_panel_free(p);
}

/* The shared China panel: 31 provinces × 43 years, missing counts as in the file. */
static void test_china_panel(void **state)
{
    (void)state;
    char *path = rc_test_shared_path("data/china_provinces/china_provinces_panel.csv");
    if (!path)
        skip();
    rc_panel *p;
    assert_int_equal(rc_panel_read(&p, path, NULL, NULL), RC_OK);
    free(path);
    assert_int_equal(rc_panel_nregions(p), 31);
    assert_int_equal(rc_panel_nyears(p), 43);
    size_t v, missing = 0;
    assert_int_equal(rc_panel_find_var(p, "gdp_pc", &v, NULL), RC_OK);
    for (size_t k = 0; k < 31 * 43; k++)
        missing += isnan(rc_panel_var_data(p, v)[k]);
    assert_int_equal(missing, 31); /* gdp_pc is empty for every province in 2020 */
    rc_panel_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_number),     cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_header_only),      cmocka_unit_test(test_missing_columns),
        cmocka_unit_test(test_duplicate_region_year), cmocka_unit_test(test_non_numeric),
        cmocka_unit_test(test_ragged),           cmocka_unit_test(test_non_integer_year),
        cmocka_unit_test(test_unreadable),       cmocka_unit_test(test_bom_crlf),
        cmocka_unit_test(test_chinese_names),    cmocka_unit_test(test_one_region),
        cmocka_unit_test(test_cross_section),    cmocka_unit_test(test_unknown_variable),
        cmocka_unit_test(test_wide_us_income),   cmocka_unit_test(test_long_produc),
        cmocka_unit_test(test_shapefile_table),  cmocka_unit_test(test_china_panel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
