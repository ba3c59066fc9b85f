/* lisa_draws.c — bulk random indices for the LISA permutations: Philox4x32-10 blocks in AVX2
 * or SSE2 lanes where available, Lemire extraction of 8 or 16 indices at once. All paths give
 * the draws of the portable code (tests/unit/test_lisa.c compares them). */
#include "measures/lisa_draws.h"

#include <stdlib.h>

static int forced = -1; /* rc_lisa_set_simd; −1: the best available */

#ifdef __SSE2__
#include <emmintrin.h>

/* Philox4x32-10 (Salmon et al. 2011, as Random123's philox4x32) of the four counters
 * (c0 + l, c1, c2, c3), l = 0..3, computed side by side in SSE2 lanes; out receives the four
 * blocks one after another, exactly as four calls of philox4x32 would. The caller ensures
 * c0 + 3 does not wrap. */
static void philox4x32_sse2(uint32_t *out, const uint32_t ctr[4], const uint32_t key[2])
{
    const __m128i m0 = _mm_set1_epi32((int)0xD2511F53), m1 = _mm_set1_epi32((int)0xCD9E8D57);
    const __m128i even = _mm_set_epi32(0, -1, 0, -1), odd = _mm_set_epi32(-1, 0, -1, 0);
    __m128i x0 = _mm_add_epi32(_mm_set1_epi32((int)ctr[0]), _mm_set_epi32(3, 2, 1, 0));
    __m128i x1 = _mm_set1_epi32((int)ctr[1]), x2 = _mm_set1_epi32((int)ctr[2]);
    __m128i x3 = _mm_set1_epi32((int)ctr[3]);
    uint32_t k0 = key[0], k1 = key[1];
    for (int round = 0; round < 10; round++) {
        /* 32 × 32 → 64-bit products of lanes 0, 2 and (shifted down) 1, 3 */
        __m128i pe0 = _mm_mul_epu32(x0, m0), po0 = _mm_mul_epu32(_mm_srli_epi64(x0, 32), m0);
        __m128i pe2 = _mm_mul_epu32(x2, m1), po2 = _mm_mul_epu32(_mm_srli_epi64(x2, 32), m1);
        __m128i lo0 = _mm_or_si128(_mm_and_si128(pe0, even), _mm_slli_epi64(po0, 32));
        __m128i hi0 = _mm_or_si128(_mm_srli_epi64(pe0, 32), _mm_and_si128(po0, odd));
        __m128i lo2 = _mm_or_si128(_mm_and_si128(pe2, even), _mm_slli_epi64(po2, 32));
        __m128i hi2 = _mm_or_si128(_mm_srli_epi64(pe2, 32), _mm_and_si128(po2, odd));
        __m128i y0 = _mm_xor_si128(_mm_xor_si128(hi2, x1), _mm_set1_epi32((int)k0));
        __m128i y2 = _mm_xor_si128(_mm_xor_si128(hi0, x3), _mm_set1_epi32((int)k1));
        x0 = y0, x1 = lo2, x2 = y2, x3 = lo0;
        k0 += 0x9E3779B9u; /* the Weyl key schedule of Philox4x32 */
        k1 += 0xBB67AE85u;
    }
    /* Transpose: lane l of x0..x3 is block l. */
    __m128i t0 = _mm_unpacklo_epi32(x0, x1), t1 = _mm_unpacklo_epi32(x2, x3);
    __m128i t2 = _mm_unpackhi_epi32(x0, x1), t3 = _mm_unpackhi_epi32(x2, x3);
    _mm_storeu_si128((__m128i *)(void *)(out + 0), _mm_unpacklo_epi64(t0, t1));
    _mm_storeu_si128((__m128i *)(void *)(out + 4), _mm_unpackhi_epi64(t0, t1));
    _mm_storeu_si128((__m128i *)(void *)(out + 8), _mm_unpacklo_epi64(t2, t3));
    _mm_storeu_si128((__m128i *)(void *)(out + 12), _mm_unpackhi_epi64(t2, t3));
}
#endif

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define RC_LISA_HAVE_AVX2 1

/* The same as philox4x32_sse2 for eight counters (c0 + l, c1, c2, c3), l = 0..7, in AVX2 lanes;
 * used only when the processor has AVX2 (checked at run time). */
__attribute__((target("avx2"))) static void philox4x32_avx2(uint32_t *out, const uint32_t ctr[4],
                                                            const uint32_t key[2])
{
    const __m256i m0 = _mm256_set1_epi32((int)0xD2511F53), m1 = _mm256_set1_epi32((int)0xCD9E8D57);
    const __m256i even = _mm256_set_epi32(0, -1, 0, -1, 0, -1, 0, -1);
    const __m256i odd = _mm256_set_epi32(-1, 0, -1, 0, -1, 0, -1, 0);
    __m256i x0 = _mm256_add_epi32(_mm256_set1_epi32((int)ctr[0]), _mm256_set_epi32(7, 6, 5, 4, 3, 2, 1, 0));
    __m256i x1 = _mm256_set1_epi32((int)ctr[1]), x2 = _mm256_set1_epi32((int)ctr[2]);
    __m256i x3 = _mm256_set1_epi32((int)ctr[3]);
    uint32_t k0 = key[0], k1 = key[1];
    for (int round = 0; round < 10; round++) {
        __m256i pe0 = _mm256_mul_epu32(x0, m0), po0 = _mm256_mul_epu32(_mm256_srli_epi64(x0, 32), m0);
        __m256i pe2 = _mm256_mul_epu32(x2, m1), po2 = _mm256_mul_epu32(_mm256_srli_epi64(x2, 32), m1);
        __m256i lo0 = _mm256_or_si256(_mm256_and_si256(pe0, even), _mm256_slli_epi64(po0, 32));
        __m256i hi0 = _mm256_or_si256(_mm256_srli_epi64(pe0, 32), _mm256_and_si256(po0, odd));
        __m256i lo2 = _mm256_or_si256(_mm256_and_si256(pe2, even), _mm256_slli_epi64(po2, 32));
        __m256i hi2 = _mm256_or_si256(_mm256_srli_epi64(pe2, 32), _mm256_and_si256(po2, odd));
        __m256i y0 = _mm256_xor_si256(_mm256_xor_si256(hi2, x1), _mm256_set1_epi32((int)k0));
        __m256i y2 = _mm256_xor_si256(_mm256_xor_si256(hi0, x3), _mm256_set1_epi32((int)k1));
        x0 = y0, x1 = lo2, x2 = y2, x3 = lo0;
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
    }
    /* Transpose within each 128-bit half: the low half holds blocks 0–3, the high half 4–7. */
    __m256i t0 = _mm256_unpacklo_epi32(x0, x1), t1 = _mm256_unpacklo_epi32(x2, x3);
    __m256i t2 = _mm256_unpackhi_epi32(x0, x1), t3 = _mm256_unpackhi_epi32(x2, x3);
    __m256i b04 = _mm256_unpacklo_epi64(t0, t1), b15 = _mm256_unpackhi_epi64(t0, t1);
    __m256i b26 = _mm256_unpacklo_epi64(t2, t3), b37 = _mm256_unpackhi_epi64(t2, t3);
    _mm256_storeu_si256((__m256i *)(void *)(out + 0), _mm256_permute2x128_si256(b04, b15, 0x20));
    _mm256_storeu_si256((__m256i *)(void *)(out + 8), _mm256_permute2x128_si256(b26, b37, 0x20));
    _mm256_storeu_si256((__m256i *)(void *)(out + 16), _mm256_permute2x128_si256(b04, b15, 0x31));
    _mm256_storeu_si256((__m256i *)(void *)(out + 24), _mm256_permute2x128_si256(b26, b37, 0x31));
}

/* Lemire extraction of 16 chunks (two blocks) per step in AVX2 lanes, as the SSE2 code below;
 * returns the number of accepted indices written to out. */
__attribute__((target("avx2"))) static size_t extract_avx2(const uint32_t *words, size_t blocks,
                                                           uint16_t *out, uint32_t s, uint32_t thr)
{
    const __m256i vs = _mm256_set1_epi16((short)s), vthr = _mm256_set1_epi16((short)thr);
    size_t n = 0, b = 0;
    for (; b + 2 <= blocks; b += 2) {
        __m256i c = _mm256_loadu_si256((const __m256i *)(const void *)(words + 4 * b));
        __m256i hi = _mm256_mulhi_epu16(c, vs), lo = _mm256_mullo_epi16(c, vs);
        __m256i ok = _mm256_cmpeq_epi16(_mm256_subs_epu16(vthr, lo), _mm256_setzero_si256());
        if ((uint32_t)_mm256_movemask_epi8(ok) == 0xFFFFFFFFu) {
            _mm256_storeu_si256((__m256i *)(void *)(out + n), hi);
            n += 16;
            continue;
        }
        uint16_t h[16], l[16];
        _mm256_storeu_si256((__m256i *)(void *)h, hi);
        _mm256_storeu_si256((__m256i *)(void *)l, lo);
        for (unsigned c16 = 0; c16 < 16; c16++) {
            out[n] = h[c16];
            n += l[c16] >= thr;
        }
    }
    for (; b < blocks; b++) /* an odd last block */
        for (unsigned c8 = 0; c8 < 8; c8++) {
            uint32_t x = ((words[4 * b + c8 / 2] >> (c8 % 2 ? 16 : 0)) & 0xFFFFu) * s;
            out[n] = (uint16_t)(x >> 16);
            n += (x & 0xFFFFu) >= thr;
        }
    return n;
}

#endif

/* The best level the build and the processor have. */
static int available(void)
{
    static int known = -1;
    if (known < 0) {
        known = 0;
#ifdef __SSE2__
        known = 1;
#endif
#ifdef RC_LISA_HAVE_AVX2
        __builtin_cpu_init();
        if (__builtin_cpu_supports("avx2"))
            known = 2;
#endif
    }
    return known;
}

void rc_lisa_set_simd(int level)
{
    forced = level;
}

int rc_lisa_simd(void)
{
    int best = available();
    return forced < 0 || forced > best ? best : forced;
}

/* The next 8 · blocks 16-bit chunks of d's stream turned into indices in [0, s) by Lemire's
 * multiply-and-reject (chunks whose low product half is below thr are skipped, exactly as
 * draw_below does one at a time); returns how many were accepted. Branch-free, so the
 * compiler keeps it in registers; the sampler then reads indices from memory. */
size_t rc_lisa_fill_indices(rc_lisa_drawer *d, uint16_t *out, size_t blocks, uint32_t s,
                            uint32_t thr)
{
    /* All blocks first, in a tight loop of independent Philox calls (they pipeline), then the
     * chunks in the stream's order: word 0 low half, word 0 high half, word 1 low half, … */
    uint32_t words[4 * RC_LISA_BLOCKS];
    philox4x32_key_t k = {{d->rng.key[0], d->rng.key[1]}};
    size_t b = 0;
    /* s = 65536 does not fit the 16-bit lanes of the SIMD extraction (every chunk is its own
     * index then); the portable code handles it. */
    int level = s > 65535u ? 0 : rc_lisa_simd();
#ifdef RC_LISA_HAVE_AVX2
    if (level >= 2)
        for (; b + 8 <= blocks && d->rng.ctr[0] <= UINT32_MAX - 7; b += 8) {
            philox4x32_avx2(words + 4 * b, d->rng.ctr, d->rng.key);
            d->rng.ctr[0] += 8;
        }
#endif
#ifdef __SSE2__
    /* Four blocks at a time in SSE2 lanes while the low counter word does not wrap. */
    for (; level >= 1 && b + 4 <= blocks && d->rng.ctr[0] <= UINT32_MAX - 3; b += 4) {
        philox4x32_sse2(words + 4 * b, d->rng.ctr, d->rng.key);
        d->rng.ctr[0] += 4;
    }
#endif
    for (; b < blocks; b++) {
        philox4x32_ctr_t c = {{d->rng.ctr[0], d->rng.ctr[1], d->rng.ctr[2], d->rng.ctr[3]}};
        philox4x32_ctr_t r = philox4x32(c, k);
        if (++d->rng.ctr[0] == 0)
            ++d->rng.ctr[1];
        memcpy(words + 4 * b, r.v, sizeof r.v);
    }
    size_t n = 0;
#ifdef RC_LISA_HAVE_AVX2
    if (level >= 2) {
        d->left = 0;
        return extract_avx2(words, blocks, out, s, thr);
    }
#endif
#ifdef __SSE2__
    if (level >= 1) {
        /* On x86 (little-endian) a block's four words are its eight chunks in stream order as 16-bit
         * lanes: index = high half of chunk · s, accepted when the low half ≥ thr. */
        const __m128i vs = _mm_set1_epi16((short)s), vthr = _mm_set1_epi16((short)thr);
        for (b = 0; b < blocks; b++) {
            __m128i c = _mm_loadu_si128((const __m128i *)(const void *)(words + 4 * b));
            __m128i hi = _mm_mulhi_epu16(c, vs), lo = _mm_mullo_epi16(c, vs);
            /* lo ≥ thr (unsigned) ⇔ thr − lo saturates to 0 */
            __m128i rejected = _mm_subs_epu16(vthr, lo);
            if (_mm_movemask_epi8(_mm_cmpeq_epi16(rejected, _mm_setzero_si128())) == 0xFFFF) {
                _mm_storeu_si128((__m128i *)(void *)(out + n), hi);
                n += 8;
                continue;
            }
            uint16_t h[8], l[8];
            _mm_storeu_si128((__m128i *)(void *)h, hi);
            _mm_storeu_si128((__m128i *)(void *)l, lo);
            for (unsigned k8 = 0; k8 < 8; k8++) {
                out[n] = h[k8];
                n += l[k8] >= thr;
            }
        }
        d->left = 0;
        return n;
    }
#endif
    for (b = 0; b < blocks; b++) {
        /* A block's 8 chunks; rejections are rare (thr/65536 each), so the whole block is
         * stored at once when none is rejected, and compacted one by one otherwise. */
        uint32_t x[8];
        int all = 1;
        for (unsigned c = 0; c < 8; c++) {
            uint32_t w = words[4 * b + c / 2];
            x[c] = (c % 2 ? w >> 16 : w & 0xFFFFu) * s;
            all &= (x[c] & 0xFFFFu) >= thr;
        }
        if (all) {
            for (unsigned c = 0; c < 8; c++)
                out[n + c] = (uint16_t)(x[c] >> 16);
            n += 8;
        } else {
            for (unsigned c = 0; c < 8; c++) {
                out[n] = (uint16_t)(x[c] >> 16);
                n += (x[c] & 0xFFFFu) >= thr;
            }
        }
    }
    d->left = 0;
    return n;
}
