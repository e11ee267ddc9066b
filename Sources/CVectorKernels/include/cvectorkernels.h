#ifndef CVECTORKERNELS_H
#define CVECTORKERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Dot products of `query` with each of `count` rows of `rows` (row-major, `dims` 8-bit
/// numbers per row): `out[i] = Σ rows[i·dims + k] · query[k]`, summed in 32 bits, which
/// always hold the sum up to 516 numbers per row (|Σ| ≤ 127 · 32767 · dims < 2³¹).
/// On x86-64: AVX2 (widening loads and pairwise multiply-add) when the CPU has it, else
/// SSE2's multiply-add, in every x86-64 CPU; elsewhere a plain loop. The scan is bound by
/// memory, and an 8-bit row is a quarter of the bytes of a float row.
void ck_dot_rows_i8(const int8_t *rows, size_t count, size_t dims,
                    const int16_t *query, int32_t *out);

/// The same without AVX2 (SSE2 on x86-64): what `ck_dot_rows_i8` runs on older CPUs;
/// exported so that tests check it on machines that have AVX2.
void ck_dot_rows_i8_baseline(const int8_t *rows, size_t count, size_t dims,
                             const int16_t *query, int32_t *out);

#ifdef __cplusplus
}
#endif

#endif
