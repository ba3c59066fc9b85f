#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "regcoord/simulate.h"

static char *join(const char *env, const char *fallback, const char *rel)
{
    const char *dir = getenv(env);
    if (!dir || !*dir)
        dir = fallback;
    size_t len = strlen(dir) + strlen(rel) + 2;
    char *path = malloc(len);
    if (path)
        snprintf(path, len, "%s/%s", dir, rel);
    return path;
}

char *rc_test_data_path(const char *rel) { return join("RC_TEST_DATA", "tests/data", rel); }
char *rc_test_ref_path(const char *rel) { return join("RC_TEST_REF", "tests/reference", rel); }

char *rc_test_shared_path(const char *rel)
{
    char *path = join("RC_SHARED", "../shared", rel);
    if (path && access(path, R_OK) != 0) {
        free(path);
        return NULL;
    }
    return path;
}

void rc_assert_rel(double actual, double expected, double tol, const char *what,
                   const char *file, int line)
{
    double scale = fabs(expected) > 1e-300 ? fabs(expected) : 1e-300;
    if (!(fabs(actual - expected) <= tol * scale)) {
        print_error("%s = %.17g, expected %.17g (relative tolerance %g)\n", what, actual,
                    expected, tol);
        _fail(file, line);
    }
}

void rc_assert_abs(double actual, double expected, double tol, const char *what,
                   const char *file, int line)
{
    if (!(fabs(actual - expected) <= tol)) {
        print_error("%s = %.17g, expected %.17g (absolute tolerance %g)\n", what, actual,
                    expected, tol);
        _fail(file, line);
    }
}

rc_sim_scenario *rc_test_sim_parse(const char *json, const char *source)
{
    rc_sim_scenario *sc;
    rc_error err;
    if (rc_sim_scenario_parse(&sc, json, source, &err) != RC_OK)
        fail_msg("%s", err.message);
    return sc;
}

rc_sim_result *rc_test_sim_run(const rc_sim_scenario *sc)
{
    rc_sim_result *res;
    rc_error err;
    if (rc_sim_run(&res, sc, &err) != RC_OK)
        fail_msg("%s", err.message);
    return res;
}

double rc_test_sim_value(const rc_sim_result *res, const char *var, size_t i, size_t t)
{
    const rc_panel *p = rc_sim_result_panel(res);
    size_t v;
    assert_int_equal(rc_panel_find_var(p, var, &v, NULL), RC_OK);
    return rc_panel_value(p, v, i, t);
}

void rc_test_sim_refused(const char *json, const char *source, const char *needle)
{
    rc_sim_scenario *sc = (rc_sim_scenario *)1;
    rc_error err;
    assert_int_equal(rc_sim_scenario_parse(&sc, json, source, &err), RC_EINPUT);
    assert_null(sc);
    if (!strstr(err.message, needle) || !strstr(err.message, source))
        fail_msg("'%s' not in '%s'", needle, err.message);
}
