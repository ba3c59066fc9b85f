/* rng.h — reproducible random streams.
 *
 * Every random draw in regcoord comes from an rc_rng stream keyed by (seed, stream index):
 * a Philox4x32-10 counter-based generator (Random123), so stream k of seed s is the same
 * sequence whatever thread draws it. Parallel work is split so that each unit of work
 * (a permutation, a region, a bootstrap replicate) owns its stream; results are then
 * identical for any number of threads. */
#ifndef REGCOORD_RNG_H
#define REGCOORD_RNG_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    uint32_t key[2];     /* from the seed */
    uint32_t ctr[4];     /* ctr[0..1]: block counter, ctr[2..3]: stream index */
    uint32_t buf[4];     /* the current output block */
    unsigned used;       /* words of buf already handed out */
} rc_rng;

void rc_rng_init(rc_rng *r, uint64_t seed, uint64_t stream);
uint32_t rc_rng_u32(rc_rng *r);
uint64_t rc_rng_u64(rc_rng *r);
/* Uniform in [0, 1) with 53 random bits. */
double rc_rng_uniform(rc_rng *r);
/* Uniform integer in [0, n), unbiased (Lemire's method); n > 0. */
uint32_t rc_rng_below(rc_rng *r, uint32_t n);
/* Standard normal (Box–Muller; one value per call, no state kept between calls). */
double rc_rng_normal(rc_rng *r);
/* Fisher–Yates shuffle of a[0..n-1]. */
void rc_rng_shuffle_size(rc_rng *r, size_t *a, size_t n);
void rc_rng_shuffle_double(rc_rng *r, double *a, size_t n);

/* The seed used when the user gives none (documented in --help). */
#define RC_DEFAULT_SEED 12345u

#ifdef __cplusplus
}
#endif
#endif
