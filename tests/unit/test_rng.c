/* rc_rng tests: the Philox4x32-10 known answer, stream independence of thread order, and
 * the distribution of bounded draws. */
#include "testutil.h"

#include <math.h>
#include <omp.h>
#include <string.h>

#include "regcoord/rng.h"

/* Known-answer test of Random123's kat_vectors for philox4x32_10 with counter = 0 and
 * key = 0: 6627e8d5 e169c58d bc57ac4c 9b00dbd8. Seed 0, stream 0 is that counter and key. */
static void test_philox_known_answer(void **state)
{
    (void)state;
    rc_rng r;
    rc_rng_init(&r, 0, 0);
    assert_int_equal(rc_rng_u32(&r), 0x6627e8d5u);
    assert_int_equal(rc_rng_u32(&r), 0xe169c58du);
    assert_int_equal(rc_rng_u32(&r), 0xbc57ac4cu);
    assert_int_equal(rc_rng_u32(&r), 0x9b00dbd8u);
}

static void test_streams_independent_of_threads(void **state)
{
    (void)state;
    enum { STREAMS = 64, DRAWS = 100 };
    static double serial[STREAMS][DRAWS], parallel[STREAMS][DRAWS];
    for (int s = 0; s < STREAMS; s++) {
        rc_rng r;
        rc_rng_init(&r, 42, (uint64_t)s);
        for (int k = 0; k < DRAWS; k++)
            serial[s][k] = rc_rng_uniform(&r);
    }
    omp_set_num_threads(2);
#pragma omp parallel for schedule(dynamic, 1)
    for (int s = STREAMS - 1; s >= 0; s--) {
        rc_rng r;
        rc_rng_init(&r, 42, (uint64_t)s);
        for (int k = 0; k < DRAWS; k++)
            parallel[s][k] = rc_rng_uniform(&r);
    }
    assert_memory_equal(serial, parallel, sizeof serial);
    assert_true(serial[0][0] != serial[1][0]); /* different streams differ */
}

static void test_below_is_uniform(void **state)
{
    (void)state;
    /* 70,000 draws in [0, 7): each count ~ Binomial(70000, 1/7), sd ≈ 92.6; allow 5 sd. */
    rc_rng r;
    rc_rng_init(&r, 7, 3);
    int counts[7] = {0};
    for (int k = 0; k < 70000; k++) {
        uint32_t x = rc_rng_below(&r, 7);
        assert_true(x < 7);
        counts[x]++;
    }
    for (int c = 0; c < 7; c++)
        assert_true(fabs(counts[c] - 10000.0) < 5 * 92.6);
}

static void test_shuffle_is_permutation(void **state)
{
    (void)state;
    size_t a[50];
    for (size_t k = 0; k < 50; k++)
        a[k] = k;
    rc_rng r;
    rc_rng_init(&r, 1, 0);
    rc_rng_shuffle_size(&r, a, 50);
    int seen[50] = {0};
    size_t moved = 0;
    for (size_t k = 0; k < 50; k++) {
        seen[a[k]]++;
        moved += a[k] != k;
    }
    for (size_t k = 0; k < 50; k++)
        assert_int_equal(seen[k], 1);
    assert_true(moved > 40); /* a uniform shuffle of 50 fixes ~1 element on average */
}

static void test_normal_moments(void **state)
{
    (void)state;
    rc_rng r;
    rc_rng_init(&r, 99, 0);
    double s = 0, s2 = 0;
    const int n = 100000;
    for (int k = 0; k < n; k++) {
        double z = rc_rng_normal(&r);
        s += z;
        s2 += z * z;
    }
    /* mean ~ N(0, 1/n): sd 0.00316; variance sd ≈ sqrt(2/n) = 0.00447. */
    assert_true(fabs(s / n) < 0.016);
    assert_true(fabs(s2 / n - 1.0) < 0.023);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_philox_known_answer),
        cmocka_unit_test(test_streams_independent_of_threads),
        cmocka_unit_test(test_below_is_uniform),
        cmocka_unit_test(test_shuffle_is_permutation),
        cmocka_unit_test(test_normal_moments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
