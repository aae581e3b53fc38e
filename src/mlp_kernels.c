/*
 * The network engine's kernels: the input features and the activations of a
 * layer (the fast tanh and sigmoid, the catalog's other functions, the
 * core's softmax); the matrix product is in al_gemm.h. Layout and notation:
 * al_net.h.
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
    else if (deriv)
        al_apply_both(kind, net->layer_params[l], z, act, z, count); /* one pass: ReLU's f and f' were two */
    else
        al_apply(kind, net->layer_params[l], 0, z, act, count);
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
