/* testutil.h — what the cmocka unit tests share: paths to test data and tolerant compares. */
#ifndef REGCOORD_TESTUTIL_H
#define REGCOORD_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

/* Path of a bundled test file: $RC_TEST_DATA/rel (tests/data). Static buffer per call site
 * is not needed: the result is malloc'ed and freed by the caller. */
char *rc_test_data_path(const char *rel);
/* Path of a tests/reference file. */
char *rc_test_ref_path(const char *rel);
/* Path of a file under ../shared, or NULL when ../shared (or the file) is absent: the test
 * then calls skip(). */
char *rc_test_shared_path(const char *rel);

/* |a − b| <= tol · max(|b|, 1e-300), or both NaN is a failure; prints both on failure. */
void rc_assert_rel(double actual, double expected, double tol, const char *what,
                   const char *file, int line);
/* |a − b| <= tol. */
void rc_assert_abs(double actual, double expected, double tol, const char *what,
                   const char *file, int line);

#define assert_rel(actual, expected, tol) \
    rc_assert_rel((actual), (expected), (tol), #actual, __FILE__, __LINE__)
#define assert_abs(actual, expected, tol) \
    rc_assert_abs((actual), (expected), (tol), #actual, __FILE__, __LINE__)

/* Simulation tests: parse a scenario (source names it in messages) or run it, failing the test
 * with the library's message; a panel variable of region i in period index t; and a scenario
 * that must be refused with RC_EINPUT, no result, and a message holding needle and source. */
struct rc_sim_scenario;
struct rc_sim_result;
struct rc_sim_scenario *rc_test_sim_parse(const char *json, const char *source);
struct rc_sim_result *rc_test_sim_run(const struct rc_sim_scenario *sc);
double rc_test_sim_value(const struct rc_sim_result *res, const char *var, size_t i, size_t t);
void rc_test_sim_refused(const char *json, const char *source, const char *needle);

#endif
