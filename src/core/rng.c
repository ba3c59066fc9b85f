/* Philox4x32-10 streams (Random123). The counter's upper half holds the stream index, the
 * lower half counts blocks, and the key holds the seed, so (seed, stream) pairs never share
 * a block of output and any stream can be started by any thread. */
#include "regcoord/rng.h"

#include <math.h>
#include <Random123/philox.h>

void rc_rng_init(rc_rng *r, uint64_t seed, uint64_t stream)
{
    r->key[0] = (uint32_t)seed;
    r->key[1] = (uint32_t)(seed >> 32);
    r->ctr[0] = 0;
    r->ctr[1] = 0;
    r->ctr[2] = (uint32_t)stream;
    r->ctr[3] = (uint32_t)(stream >> 32);
    r->used = 4; /* empty buffer: the first draw computes block 0 */
}

static void refill(rc_rng *r)
{
    philox4x32_ctr_t c = {{r->ctr[0], r->ctr[1], r->ctr[2], r->ctr[3]}};
    philox4x32_key_t k = {{r->key[0], r->key[1]}};
    philox4x32_ctr_t out = philox4x32(c, k);
    for (int i = 0; i < 4; i++)
        r->buf[i] = out.v[i];
    if (++r->ctr[0] == 0)
        ++r->ctr[1];
    r->used = 0;
}

uint32_t rc_rng_u32(rc_rng *r)
{
    if (r->used == 4)
        refill(r);
    return r->buf[r->used++];
}

uint64_t rc_rng_u64(rc_rng *r)
{
    uint64_t hi = rc_rng_u32(r);
    return (hi << 32) | rc_rng_u32(r);
}

double rc_rng_uniform(rc_rng *r)
{
    return (double)(rc_rng_u64(r) >> 11) * 0x1.0p-53;
}

uint32_t rc_rng_below(rc_rng *r, uint32_t n)
{
    /* Lemire (2019), "Fast random integer generation in an interval": multiply-shift with
     * rejection of the few low products that would bias the result. */
    uint64_t m = (uint64_t)rc_rng_u32(r) * n;
    uint32_t low = (uint32_t)m;
    if (low < n) {
        uint32_t threshold = (uint32_t)(-n) % n;
        while (low < threshold) {
            m = (uint64_t)rc_rng_u32(r) * n;
            low = (uint32_t)m;
        }
    }
    return (uint32_t)(m >> 32);
}

double rc_rng_normal(rc_rng *r)
{
    double u1;
    do
        u1 = rc_rng_uniform(r);
    while (u1 <= 0.0);
    double u2 = rc_rng_uniform(r);
    return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

void rc_rng_shuffle_size(rc_rng *r, size_t *a, size_t n)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = rc_rng_below(r, (uint32_t)i);
        size_t tmp = a[i - 1];
        a[i - 1] = a[j];
        a[j] = tmp;
    }
}

void rc_rng_shuffle_double(rc_rng *r, double *a, size_t n)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = rc_rng_below(r, (uint32_t)i);
        double tmp = a[i - 1];
        a[i - 1] = a[j];
        a[j] = tmp;
    }
}
