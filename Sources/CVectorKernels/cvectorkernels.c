#include "cvectorkernels.h"

#if defined(__x86_64__) || defined(_M_X64)
#include <emmintrin.h>

void ck_dot_rows_i16(const int16_t *rows, size_t count, size_t dims,
                     const int16_t *query, int32_t *out) {
    const size_t wide = dims / 32 * 32;
    for (size_t i = 0; i < count; i++) {
        const int16_t *row = rows + i * dims;
        // Four independent sums: one would wait on the previous add's latency every step.
        __m128i a = _mm_setzero_si128(), b = _mm_setzero_si128();
        __m128i c = _mm_setzero_si128(), d = _mm_setzero_si128();
        size_t k = 0;
        for (; k < wide; k += 32) {
            a = _mm_add_epi32(a, _mm_madd_epi16(_mm_loadu_si128((const __m128i *)(row + k)),
                                                _mm_loadu_si128((const __m128i *)(query + k))));
            b = _mm_add_epi32(b, _mm_madd_epi16(_mm_loadu_si128((const __m128i *)(row + k + 8)),
                                                _mm_loadu_si128((const __m128i *)(query + k + 8))));
            c = _mm_add_epi32(c, _mm_madd_epi16(_mm_loadu_si128((const __m128i *)(row + k + 16)),
                                                _mm_loadu_si128((const __m128i *)(query + k + 16))));
            d = _mm_add_epi32(d, _mm_madd_epi16(_mm_loadu_si128((const __m128i *)(row + k + 24)),
                                                _mm_loadu_si128((const __m128i *)(query + k + 24))));
        }
        a = _mm_add_epi32(_mm_add_epi32(a, b), _mm_add_epi32(c, d));
        a = _mm_add_epi32(a, _mm_shuffle_epi32(a, 0x4e));
        a = _mm_add_epi32(a, _mm_shuffle_epi32(a, 0xb1));
        int32_t sum = _mm_cvtsi128_si32(a);
        for (; k < dims; k++) sum += (int32_t)row[k] * (int32_t)query[k];
        out[i] = sum;
    }
}

#else

void ck_dot_rows_i16(const int16_t *rows, size_t count, size_t dims,
                     const int16_t *query, int32_t *out) {
    for (size_t i = 0; i < count; i++) {
        const int16_t *row = rows + i * dims;
        int32_t sum = 0;
        for (size_t k = 0; k < dims; k++) sum += (int32_t)row[k] * (int32_t)query[k];
        out[i] = sum;
    }
}

#endif
