/* Table and writer tests. Expected texts are written out by hand from RFC 4180 (CSV) and
 * RFC 8259 (JSON); the XLSX file is read back through GDAL. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "regcoord/io.h"
#include "regcoord/table.h"

static rc_table *sample(void)
{
    rc_table *t;
    assert_int_equal(rc_table_new(&t, "sample", NULL), RC_OK);
    assert_int_equal(rc_table_add_column(t, "region", RC_COL_STR, NULL, NULL), RC_OK);
    assert_int_equal(rc_table_add_column(t, "year", RC_COL_INT, NULL, NULL), RC_OK);
    assert_int_equal(rc_table_add_column(t, "value", RC_COL_DBL, NULL, NULL), RC_OK);
    assert_int_equal(rc_table_append(t, NULL, "sid", "Beijing", 2019, 0.1), RC_OK);
    assert_int_equal(rc_table_append(t, NULL, "sid", "He said \"hi\", twice", 2020, NAN), RC_OK);
    assert_int_equal(rc_table_append(t, NULL, "sld", "北京", 7LL, 1.0 / 3.0), RC_OK);
    return t;
}

static char *render(const rc_table *t, rc_format fmt)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    assert_int_equal(rc_table_write_stream(t, fmt, fp, NULL), RC_OK);
    fclose(fp);
    return buf;
}

static void test_csv(void **state)
{
    (void)state;
    rc_table *t = sample();
    char *csv = render(t, RC_FORMAT_CSV);
    assert_string_equal(csv, "region,year,value\r\n"
                             "Beijing,2019,0.1\r\n"
                             "\"He said \"\"hi\"\", twice\",2020,\r\n"
                             "北京,7,0.3333333333333333\r\n");
    free(csv);
    rc_table_free(t);
}

/* The numeric getters read either numeric column type (a year asked for as a double, a count
 * as an integer); text reads as NaN / 0. */
static void test_numeric_getters_convert(void **state)
{
    (void)state;
    rc_table *t = sample();
    assert_true(rc_table_get_dbl(t, 2, 1) == 7.0);
    assert_true(rc_table_get_dbl(t, 0, 1) == 2019.0);
    assert_int_equal(rc_table_get_int(t, 0, 2), 0);   /* 0.1 truncated */
    assert_int_equal(rc_table_get_int(t, 1, 2), 0);   /* NaN */
    assert_true(isnan(rc_table_get_dbl(t, 0, 0)));
    assert_int_equal(rc_table_get_int(t, 0, 0), 0);
    rc_table_free(t);
}

static void test_json(void **state)
{
    (void)state;
    rc_table *t = sample();
    char *json = render(t, RC_FORMAT_JSON);
    assert_string_equal(json,
                        "[\n"
                        " {\"region\": \"Beijing\", \"year\": 2019, \"value\": 0.1},\n"
                        " {\"region\": \"He said \\\"hi\\\", twice\", \"year\": 2020, \"value\": null},\n"
                        " {\"region\": \"北京\", \"year\": 7, \"value\": 0.3333333333333333}\n"
                        "]\n");
    free(json);
    rc_table_free(t);
}

static void test_text_alignment(void **state)
{
    (void)state;
    rc_table *t = sample();
    char *text = render(t, RC_FORMAT_TEXT);
    /* Strings left-aligned, numbers right-aligned; CJK characters count two columns. */
    assert_string_equal(text, "region               year      value\n"
                              "Beijing              2019        0.1\n"
                              "He said \"hi\", twice  2020         NA\n"
                              "北京                    7  0.3333333\n");
    free(text);
    rc_table_free(t);
}

static void test_shortest_doubles(void **state)
{
    (void)state;
    char buf[32];
    double cases[] = {0.1, 1.0 / 3.0, 1e-300, 123456789012345678.0, -2.5, 0.0};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        rc_format_double(buf, sizeof buf, cases[k]);
        assert_true(strtod(buf, NULL) == cases[k]); /* round trip */
    }
    rc_format_double(buf, sizeof buf, 0.1);
    assert_string_equal(buf, "0.1");
}

static void test_file_atomic_and_xlsx(void **state)
{
    (void)state;
    rc_table *t = sample();
    char dir[] = "/tmp/rc_table_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/out.xlsx", dir);
    assert_int_equal(rc_table_write_file(t, RC_FORMAT_XLSX, path, NULL), RC_OK);
    /* Read the workbook back through the panel reader (GDAL's XLSX driver). */
    rc_read_options opt = {.region_col = "region", .year_col = "year"};
    rc_panel *p;
    rc_error err;
    int rc = rc_panel_read(&p, path, &opt, &err);
    if (rc != RC_OK)
        print_error("%s\n", err.message);
    assert_int_equal(rc, RC_OK);
    assert_int_equal(rc_panel_nregions(p), 3);
    size_t v, i;
    assert_int_equal(rc_panel_find_var(p, "value", &v, NULL), RC_OK);
    assert_int_equal(rc_panel_find_region(p, "Beijing", &i, NULL), RC_OK);
    size_t t2019;
    assert_int_equal(rc_panel_find_year(p, 2019, &t2019, NULL), RC_OK);
    assert_true(rc_panel_value(p, v, i, t2019) == 0.1);
    rc_panel_free(p);
    unlink(path);
    /* A write into a missing directory fails cleanly and leaves nothing behind. */
    snprintf(path, sizeof path, "%s/missing/out.csv", dir);
    assert_int_equal(rc_table_write_file(t, RC_FORMAT_CSV, path, &err), RC_EIO);
    assert_non_null(strstr(err.message, "missing/out.csv"));
    assert_int_equal(rmdir(dir), 0); /* empty: no temporary file left */
    rc_table_free(t);
}

static void test_bad_use(void **state)
{
    (void)state;
    rc_table *t = sample();
    rc_error err;
    assert_int_equal(rc_table_append(t, &err, "si", "x", 1), RC_EUSAGE); /* 2 fields for 3 */
    assert_int_equal(rc_table_append(t, &err, "dii", 1.0, 1, 1), RC_EUSAGE); /* wrong type */
    assert_int_equal(rc_table_nrows(t), 3); /* a refused row is not half-added */
    assert_int_equal(rc_table_add_column(t, "late", RC_COL_DBL, NULL, &err), RC_EUSAGE);
    rc_format fmt;
    assert_int_equal(rc_format_parse("xml", &fmt, &err), RC_EUSAGE);
    assert_int_equal(rc_format_from_path("out.JSON", &fmt, NULL), RC_OK);
    assert_int_equal(fmt, RC_FORMAT_JSON);
    assert_int_equal(rc_table_write_stream(t, RC_FORMAT_XLSX, stdout, &err), RC_EUSAGE);
    rc_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_numeric_getters_convert),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_text_alignment),
        cmocka_unit_test(test_shortest_doubles),
        cmocka_unit_test(test_file_atomic_and_xlsx),
        cmocka_unit_test(test_bad_use),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
