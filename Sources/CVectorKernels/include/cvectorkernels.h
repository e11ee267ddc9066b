#ifndef CVECTORKERNELS_H
#define CVECTORKERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Dot products of `query` with each of `count` rows of `rows` (row-major, `dims`
/// 16-bit fixed-point numbers per row): `out[i] = Σ rows[i·dims + k] · query[k]`, summed
/// in 32 bits. The caller keeps the sums inside 32 bits; rows and query of at most unit
/// length at scale 32767 always are (Cauchy–Schwarz: |Σ| ≤ 32775² < 2³¹).
/// On x86-64 this uses SSE2's pairwise multiply-add (`pmaddwd`, in every x86-64 CPU):
/// a 16-bit row is half the bytes of a float row, and the scan is bound by memory.
void ck_dot_rows_i16(const int16_t *rows, size_t count, size_t dims,
                     const int16_t *query, int32_t *out);

#ifdef __cplusplus
}
#endif

#endif
