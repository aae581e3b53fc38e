/*
 * The matrix product of the dense layers (mlp_train.c), in a header so that
 * the compiler can specialise it for each call: the layer sizes and strides
 * of a network are few, and each call site has constant strides. Not public.
 */
#ifndef AL_GEMM_H
#define AL_GEMM_H

#include "al_internal.h"

#include <stddef.h>

/*
 * C (m, n) = init + A (m, k) B (k, n): A(r, t) = A[r*ar + t*at] (any
 * strides), B row-major with row stride ldb, C(r, c) = C[r*ldc + c]; init is
 * a row of per-column start values (a bias) or NULL for 0. Each entry is
 * summed in the order t = 0, 1, ... from its start value, so the result is
 * the textbook loop's, bit for bit. Blocks of 2 rows x 8 (or 4) columns
 * keep their sums in pairs of registers: the layers are too narrow for the
 * loop over k alone to hide the latency of the additions.
 */
static inline void al_gemm(size_t m, size_t n, size_t k, const double *A, size_t ar, size_t at,
                           const double *B, size_t ldb, double *C, size_t ldc, const double *init)
{
    const al_v2d zero = {0.0, 0.0};
    for (size_t r = 0; r < m; r += 2) {
        int two = r + 1 < m; /* a second row in this block */
        const double *a0 = A + r * ar, *a1 = two ? a0 + ar : a0;
        double *c0 = C + r * ldc, *c1 = c0 + ldc;
        size_t c = 0;
        for (; c + 8 <= n; c += 8) { /* 2 x 8: one block per pair of rows of an 8-wide layer */
            al_v2d s0[4], s1[4];
            for (int q = 0; q < 4; q++)
                s0[q] = s1[q] = init ? al_load2(init + c + 2 * q) : zero;
            const double *b = B + c;
            for (size_t t = 0; t < k; t++, b += ldb) {
                double x0 = a0[t * at], x1 = a1[t * at];
                for (int q = 0; q < 4; q++) {
                    al_v2d y = al_load2(b + 2 * q);
                    s0[q] += x0 * y;
                    s1[q] += x1 * y;
                }
            }
            for (int q = 0; q < 4; q++) {
                al_store2(c0 + c + 2 * q, s0[q]);
                if (two)
                    al_store2(c1 + c + 2 * q, s1[q]);
            }
        }
        for (; c + 4 <= n; c += 4) {
            al_v2d s00 = init ? al_load2(init + c) : zero, s01 = init ? al_load2(init + c + 2) : zero;
            al_v2d s10 = s00, s11 = s01;
            const double *b = B + c;
            for (size_t t = 0; t < k; t++, b += ldb) {
                al_v2d y0 = al_load2(b), y1 = al_load2(b + 2);
                double x0 = a0[t * at], x1 = a1[t * at];
                s00 += x0 * y0;
                s01 += x0 * y1;
                s10 += x1 * y0;
                s11 += x1 * y1;
            }
            al_store2(c0 + c, s00);
            al_store2(c0 + c + 2, s01);
            if (two) {
                al_store2(c1 + c, s10);
                al_store2(c1 + c + 2, s11);
            }
        }
        for (; c + 2 <= n; c += 2) {
            al_v2d s0 = init ? al_load2(init + c) : zero, s1 = s0;
            const double *b = B + c;
            for (size_t t = 0; t < k; t++, b += ldb) {
                al_v2d y = al_load2(b);
                s0 += a0[t * at] * y;
                s1 += a1[t * at] * y;
            }
            al_store2(c0 + c, s0);
            if (two)
                al_store2(c1 + c, s1);
        }
        for (; c < n; c++) {
            double s0 = init ? init[c] : 0.0, s1 = s0;
            for (size_t t = 0; t < k; t++) {
                double y = B[t * ldb + c];
                s0 += a0[t * at] * y;
                s1 += a1[t * at] * y;
            }
            c0[c] = s0;
            if (two)
                c1[c] = s1;
        }
    }
}

#endif /* AL_GEMM_H */
