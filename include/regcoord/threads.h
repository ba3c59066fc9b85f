/* threads.h — thread count for the OpenMP-parallel kernels.
 *
 * Kernels parallelise over fixed blocks of independent work with their own rc_rng streams,
 * so the thread count changes speed only, never numbers. */
#ifndef REGCOORD_THREADS_H
#define REGCOORD_THREADS_H

#ifdef __cplusplus
extern "C" {
#endif

/* Use n threads (n <= 0: all cores). */
void rc_set_threads(int n);
int rc_get_threads(void);

#ifdef __cplusplus
}
#endif
#endif
