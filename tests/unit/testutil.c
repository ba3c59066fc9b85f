#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
