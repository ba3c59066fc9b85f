/* lisa_draws.h — random indices for the conditional permutations of lisa.c (internal).
 *
 * A region's draws come from its rc_rng stream (seed, region), consumed 16 bits at a time in the
 * stream's order (word 0 low half, word 0 high half, word 1 low half, …). One index at a time
 * (rc_lisa_draw_below) or many: rc_lisa_fill_indices generates Philox blocks in bulk — eight
 * counters side by side in AVX2 lanes, or four in SSE2, where the processor has them — and
 * turns the chunks into indices by Lemire's multiply-and-reject. Every code path gives the same
 * indices in the same order; rc_lisa_set_simd lets the tests check that. */
#ifndef REGCOORD_LISA_DRAWS_H
#define REGCOORD_LISA_DRAWS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <Random123/philox.h>

#include "regcoord/rng.h"

/* The region's rc_rng stream, consumed 16 bits at a time. Blocks are generated here with the
 * same Philox4x32-10 call, key and counter layout as rc_rng_u32 (src/core/rng.c), inline, so
 * the words are exactly those rc_rng_u32 would return for stream (seed, i), in the same order,
 * without a function call per word. */
typedef struct {
    rc_rng rng;
    uint32_t block[4];
    unsigned left; /* 16-bit chunks left in block: 8 after a refill */
} rc_lisa_drawer;

static inline void rc_lisa_refill(rc_lisa_drawer *d)
{
    philox4x32_ctr_t c = {{d->rng.ctr[0], d->rng.ctr[1], d->rng.ctr[2], d->rng.ctr[3]}};
    philox4x32_key_t k = {{d->rng.key[0], d->rng.key[1]}};
    philox4x32_ctr_t out = philox4x32(c, k);
    if (++d->rng.ctr[0] == 0)
        ++d->rng.ctr[1];
    memcpy(d->block, out.v, sizeof d->block);
    d->left = 8;
}

static inline uint32_t rc_lisa_draw16(rc_lisa_drawer *d)
{
    if (!d->left)
        rc_lisa_refill(d);
    d->left--;
    /* chunk order: word 0 low half, word 0 high half, word 1 low half, … */
    unsigned c = 7 - d->left;
    return (d->block[c >> 1] >> ((c & 1) * 16)) & 0xFFFFu;
}

/* Uniform in [0, s), s ≥ 1. */
static inline size_t rc_lisa_draw_below(rc_lisa_drawer *d, uint32_t s)
{
    if (s > 65536u)
        return rc_rng_below(&d->rng, s);
    uint32_t m = rc_lisa_draw16(d) * s;
    uint32_t low = m & 0xFFFFu;
    if (low < s) {
        uint32_t threshold = (65536u - s) % s;
        while (low < threshold) {
            m = rc_lisa_draw16(d) * s;
            low = m & 0xFFFFu;
        }
    }
    return m >> 16;
}

/* Accepted indices are generated this many Philox blocks at a time (at most). */
#define RC_LISA_BLOCKS 256

/* The next 8 · blocks 16-bit chunks of d's stream (whole blocks; a partly used block is
 * dropped) turned into indices in [0, s), 1 ≤ s ≤ 65536, by Lemire's multiply-and-reject with
 * threshold thr = (65536 − s) mod s: chunks whose low product half is below thr are skipped,
 * exactly as rc_lisa_draw_below does one at a time. Writes up to 8 · blocks indices to out and
 * returns how many were accepted. blocks ≤ RC_LISA_BLOCKS. */
size_t rc_lisa_fill_indices(rc_lisa_drawer *d, uint16_t *out, size_t blocks, uint32_t s,
                            uint32_t thr);

/* Which code rc_lisa_fill_indices uses: 0 portable C, 1 SSE2, 2 AVX2 (capped at what the build
 * and the processor have); −1 restores the default, the best available. For tests. */
void rc_lisa_set_simd(int level);
int rc_lisa_simd(void);

#endif
