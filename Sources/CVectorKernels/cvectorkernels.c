#include "cvectorkernels.h"

/// Σ row[k] · query[k] for k in [from, dims): the numbers past the last full SIMD block
/// (and the whole row where there is no SIMD path).
static inline int32_t dot_from(const int8_t *row, const int16_t *query, size_t from, size_t dims) {
    int32_t sum = 0;
    for (size_t k = from; k < dims; k++) sum += (int32_t)row[k] * (int32_t)query[k];
    return sum;
}

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>

__attribute__((target("avx2")))
static void dot_rows_i8_avx2(const int8_t *rows, size_t count, size_t dims,
                             const int16_t *query, int32_t *out) {
    const size_t wide = dims / 32 * 32;
    for (size_t i = 0; i < count; i++) {
        const int8_t *row = rows + i * dims;
        __m256i a = _mm256_setzero_si256(), b = _mm256_setzero_si256();
        size_t k = 0;
        for (; k < wide; k += 32) {
            __m256i x = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(row + k)));
            __m256i y = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(row + k + 16)));
            a = _mm256_add_epi32(a, _mm256_madd_epi16(x, _mm256_loadu_si256((const __m256i *)(query + k))));
            b = _mm256_add_epi32(b, _mm256_madd_epi16(y, _mm256_loadu_si256((const __m256i *)(query + k + 16))));
        }
        a = _mm256_add_epi32(a, b);
        __m128i s = _mm_add_epi32(_mm256_castsi256_si128(a), _mm256_extracti128_si256(a, 1));
        s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4e));
        s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xb1));
        out[i] = _mm_cvtsi128_si32(s) + dot_from(row, query, k, dims);
    }
}

void ck_dot_rows_i8_baseline(const int8_t *rows, size_t count, size_t dims,
                             const int16_t *query, int32_t *out) {
    const size_t wide = dims / 32 * 32;
    for (size_t i = 0; i < count; i++) {
        const int8_t *row = rows + i * dims;
        // Four independent sums: one would wait on the previous add's latency every step.
        __m128i a = _mm_setzero_si128(), b = _mm_setzero_si128();
        __m128i c = _mm_setzero_si128(), d = _mm_setzero_si128();
        size_t k = 0;
        for (; k < wide; k += 32) {
            __m128i x = _mm_loadu_si128((const __m128i *)(row + k));
            __m128i y = _mm_loadu_si128((const __m128i *)(row + k + 16));
            // Sign-extends 8 to 16 bits: each byte doubled into a 16-bit lane, then shifted down.
            a = _mm_add_epi32(a, _mm_madd_epi16(_mm_srai_epi16(_mm_unpacklo_epi8(x, x), 8), _mm_loadu_si128((const __m128i *)(query + k))));
            b = _mm_add_epi32(b, _mm_madd_epi16(_mm_srai_epi16(_mm_unpackhi_epi8(x, x), 8), _mm_loadu_si128((const __m128i *)(query + k + 8))));
            c = _mm_add_epi32(c, _mm_madd_epi16(_mm_srai_epi16(_mm_unpacklo_epi8(y, y), 8), _mm_loadu_si128((const __m128i *)(query + k + 16))));
            d = _mm_add_epi32(d, _mm_madd_epi16(_mm_srai_epi16(_mm_unpackhi_epi8(y, y), 8), _mm_loadu_si128((const __m128i *)(query + k + 24))));
        }
        a = _mm_add_epi32(_mm_add_epi32(a, b), _mm_add_epi32(c, d));
        a = _mm_add_epi32(a, _mm_shuffle_epi32(a, 0x4e));
        a = _mm_add_epi32(a, _mm_shuffle_epi32(a, 0xb1));
        out[i] = _mm_cvtsi128_si32(a) + dot_from(row, query, k, dims);
    }
}

void ck_dot_rows_i8(const int8_t *rows, size_t count, size_t dims,
                    const int16_t *query, int32_t *out) {
    if (__builtin_cpu_supports("avx2")) dot_rows_i8_avx2(rows, count, dims, query, out);
    else ck_dot_rows_i8_baseline(rows, count, dims, query, out);
}

#else

void ck_dot_rows_i8_baseline(const int8_t *rows, size_t count, size_t dims,
                             const int16_t *query, int32_t *out) {
    for (size_t i = 0; i < count; i++) out[i] = dot_from(rows + i * dims, query, 0, dims);
}

void ck_dot_rows_i8(const int8_t *rows, size_t count, size_t dims,
                    const int16_t *query, int32_t *out) {
    ck_dot_rows_i8_baseline(rows, count, dims, query, out);
}

#endif
