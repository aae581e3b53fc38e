/*
 * The network engine's kernels: the input features, the matrix product
 * every dense layer uses, and the activations of a layer (the fast tanh and
 * sigmoid, the catalog's other functions, the core's softmax). Layout and
 * notation: al_net.h.
 */
#include "al_net.h"

#include <math.h>
#include <string.h>

/* ---- inputs --------------------------------------------------------------- */

/* The one definition behind every input layout (and behind the feature
 * table in mlp.c). Spelled out bit by bit: a loop over i with a switch per
 * feature, run per sample, cost 15 % of playground training. */
void aln_expand_features(int mask, double x1, double x2, double *out)
{
    int k = 0;
    if (mask & AL_FEAT_X1) out[k++] = x1;
    if (mask & AL_FEAT_X2) out[k++] = x2;
    if (mask & AL_FEAT_X1_SQ) out[k++] = x1 * x1;
    if (mask & AL_FEAT_X2_SQ) out[k++] = x2 * x2;
    if (mask & AL_FEAT_X1_X2) out[k++] = x1 * x2;
    if (mask & AL_FEAT_SIN_X1) out[k++] = sin(x1);
    if (mask & AL_FEAT_SIN_X2) out[k++] = sin(x2);
}

size_t aln_chunk_rows(const al_net *net, size_t start, size_t n)
{
    return n - start < net->chunk ? n - start : net->chunk;
}

/* ---- products and activations ---------------------------------------------- */

/*
 * C (m, n) = init + A (m, k) B (k, n): A(r, t) = A[r*ar + t*at] (any
 * strides), B row-major with row stride ldb, C(r, c) = C[r*ldc + c]; init is
 * a row of per-column start values (a bias) or NULL for 0. Each entry is
 * summed in the order t = 0, 1, ... from its start value, so the result is
 * the textbook loop's, bit for bit. Blocks of 2 rows x 8 (or 4) columns
 * keep their sums in pairs of registers: the layers are too narrow for the
 * loop over k alone to hide the latency of the additions.
 */
void aln_gemm(size_t m, size_t n, size_t k, const double *A, size_t ar, size_t at,
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

/* act = f(z) for layer l; with deriv, also f'(z) written over z (hidden
 * layers in training: backward needs f', not z). tanh and sigmoid take the
 * fast kernels, which give both from one exponential. */
void aln_activate(const al_net *net, int l, double *z, double *act, size_t count, int deriv)
{
    int kind = net->layer_kind[l];
    if (kind == AL_TANH)
        al_fast_tanh(z, act, deriv ? z : NULL, count);
    else if (kind == AL_SIGMOID)
        al_fast_sigmoid(z, act, deriv ? z : NULL, count);
    else {
        al_apply(kind, net->layer_params[l], 0, z, act, count);
        if (deriv)
            al_apply(kind, net->layer_params[l], 1, z, z, count);
    }
}

/* The core's softmax of each row of z (rows, k) into p, so predictions equal
 * al_softmax exactly. Only all -inf rows fail (AL_ERR_DOMAIN, p untouched):
 * they get NaN, which the loss then reports as divergence. */
void aln_softmax_rows(const double *z, double *p, size_t rows, int k)
{
    for (size_t b = 0; b < rows; b++) {
        double *pr = p + b * (size_t)k;
        if (al_softmax(z + b * (size_t)k, (size_t)k, 1.0, pr) != AL_OK)
            for (int j = 0; j < k; j++)
                pr[j] = NAN;
    }
}
