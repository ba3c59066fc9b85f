/* The long "region, year, key, value" reader (rc_panel_read_keyed): layout, order of first
 * appearance, missing combinations, cross-sections and the errors it must name. Expected
 * values are the cells of the small files written here. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/io.h"
#include "regcoord/panel.h"

static char *write_tmp(const char *text)
{
    char *path = strdup("/tmp/rc_test_keyedXXXXXX.csv");
    int fd = mkstemps(path, 4);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    fputs(text, fp);
    fclose(fp);
    return path;
}

static void test_layout(void **state)
{
    (void)state;
    char *path = write_tmp("region_id,year,sector,jobs,note\n"
                           "B,2001,manu,5,x\n"
                           "B,2000,agri,1,\n"
                           "A,2000,manu,7,\n"
                           "A,2001,agri,NA,\n"
                           "B,2000,manu,3,\n");
    rc_panel *p;
    assert_int_equal(rc_panel_read_keyed(&p, path, NULL, "sector", "jobs", NULL), RC_OK);
    assert_int_equal(rc_panel_nregions(p), 2);
    assert_string_equal(rc_panel_region_id(p, 0), "B"); /* first appearance */
    assert_string_equal(rc_panel_region_id(p, 1), "A");
    assert_int_equal(rc_panel_nyears(p), 2);
    assert_int_equal(rc_panel_year(p, 0), 2000);
    assert_int_equal(rc_panel_nvars(p), 2);
    assert_string_equal(rc_panel_var_name(p, 0), "manu");
    assert_string_equal(rc_panel_var_name(p, 1), "agri");
    assert_abs(rc_panel_value(p, 0, 0, 1), 5, 0); /* B manu 2001 */
    assert_abs(rc_panel_value(p, 0, 0, 0), 3, 0); /* B manu 2000 */
    assert_abs(rc_panel_value(p, 1, 0, 0), 1, 0); /* B agri 2000 */
    assert_abs(rc_panel_value(p, 0, 1, 0), 7, 0); /* A manu 2000 */
    assert_true(isnan(rc_panel_value(p, 1, 1, 1))); /* A agri 2001: NA */
    assert_true(isnan(rc_panel_value(p, 0, 1, 1))); /* A manu 2001: absent */
    assert_false(rc_panel_is_cross_section(p));
    rc_panel_free(p);
    remove(path);
    free(path);
}

static void test_cross_section(void **state)
{
    (void)state;
    char *path = write_tmp("city,industry,va\nX,a,1\nX,b,2\nY,a,3\n");
    rc_read_options opt = {.region_col = "city"};
    rc_panel *p;
    assert_int_equal(rc_panel_read_keyed(&p, path, &opt, "industry", "va", NULL), RC_OK);
    assert_true(rc_panel_is_cross_section(p));
    assert_int_equal(rc_panel_nyears(p), 1);
    assert_abs(rc_panel_value(p, 1, 0, 0), 2, 0);
    assert_true(isnan(rc_panel_value(p, 1, 1, 0)));
    rc_panel_free(p);
    remove(path);
    free(path);
}

static void test_errors(void **state)
{
    (void)state;
    rc_panel *p;
    rc_error err;
    char *path = write_tmp("region,year,sector,jobs\nA,2000,x,1\nB,2000,x,2\nA,2000,x,3\n");
    assert_int_equal(rc_panel_read_keyed(&p, path, NULL, "sector", "jobs", &err), RC_EINPUT);
    assert_non_null(strstr(err.message, ":4: sector 'x' of region 'A' in 2000 is given twice"));
    remove(path);
    free(path);
    path = write_tmp("region,year,sector,jobs\nA,2000,x,1\nB,2000,x,1O\n");
    assert_int_equal(rc_panel_read_keyed(&p, path, NULL, "sector", "jobs", &err), RC_EINPUT);
    assert_non_null(strstr(err.message, ":3: column 'jobs': \"1O\" is not a number"));
    assert_int_equal(rc_panel_read_keyed(&p, path, NULL, "industry", "jobs", &err), RC_EUSAGE);
    assert_non_null(strstr(err.message, "no column 'industry'"));
    remove(path);
    free(path);
    path = write_tmp("region,year,sector,jobs\nA,2000.5,x,1\n");
    assert_int_equal(rc_panel_read_keyed(&p, path, NULL, "sector", "jobs", &err), RC_EINPUT);
    assert_non_null(strstr(err.message, ":2: year '2000.5' is not an integer"));
    remove(path);
    free(path);
    path = write_tmp("region,year,sector,jobs\nA,2000,,1\n");
    assert_int_equal(rc_panel_read_keyed(&p, path, NULL, "sector", "jobs", &err), RC_EINPUT);
    assert_non_null(strstr(err.message, ":2: empty sector"));
    remove(path);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_cross_section),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
