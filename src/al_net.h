/*
 * The network's layout, shared by the files of the engine (not public):
 *   mlp_config.c   vocabulary, limits, configuration checks;
 *   mlp.c          creation, training options, parameters and state, bound data;
 *   mlp_kernels.c  input features, layer activations (al_gemm.h: the product);
 *   mlp_train.c    the dense layers (each forward above its backward), the
 *                  output heads, the optimisers, training and evaluation;
 *   mlp_view.c     what the pictures need: neuron outputs, grids, layer
 *                  statistics, the linear collapse.
 *
 * Notation: L = n_layers - 1 weight layers; layer l maps width[l-1] inputs
 * to width[l] outputs with W_l (width[l], width[l-1]) row-major and b_l
 * (width[l]). Row buffers hold one chunk of rows (the batch, or up to
 * `chunk` rows when predicting).
 */
#ifndef AL_NET_H
#define AL_NET_H

#include "actlab.h"
#include "al_internal.h"

#include <stdint.h>

#define AL_NET_LAYERS (AL_NET_MAX_HIDDEN + 2)
#define AL_NET_MIN_CHUNK 256 /* rows per buffer at least: predictions run in chunks of this */

/* Random streams of a network (al_stream_seed); the weights come from
 * al_rng_seed(seed) itself. */
enum { AL_STREAM_SHUFFLE = 1 };

struct al_net {
    al_net_config cfg;
    int L;                       /* weight layers */
    int width[AL_NET_LAYERS];
    int input_width;             /* values per sample the caller passes */
    int label_width;
    size_t w_off[AL_NET_LAYERS - 1], b_off[AL_NET_LAYERS - 1];
    size_t n_params;
    int layer_kind[AL_NET_LAYERS];  /* activation of layer l (1..L); -1 for softmax */
    double layer_params[AL_NET_LAYERS][AL_MAX_PARAMS];
    double peak_slope[AL_NET_LAYERS]; /* max |f'| over [-6, 6], for saturation */

    /* In the network's own allocation; the n_params arrays share one layout. */
    double *params;              /* weights and biases */
    double *grads;               /* (n_params) d loss / d params: overwritten by each backward */
    double *m, *v;               /* (n_params) optimiser moments: carried from step to step */
    double *saved;               /* (3 n_params) params, m and v as the current epoch began */
    double *wt;                  /* (n_params) each W_l transposed, at W_l's offset (forward's scratch) */
    double *grad_norm;           /* (L) gradient norm per layer at the last step */
    uint32_t *order;             /* (order_cap) this epoch's sample order: its own allocation,
                                    grown to the largest training set seen */
    size_t order_cap;
    double epochs;               /* epochs completed over the network's life */
    long long steps;             /* optimiser steps since its state was reset */
    long long saved_steps;       /* steps as the current epoch began */

    /* Row buffers: a second allocation, replaced when the batch outgrows it. */
    double *rows_block;
    size_t chunk;                /* rows per buffer */
    double *act[AL_NET_LAYERS];  /* (chunk, width[l]) a = f(z); act[0] the input features */
    double *pre[AL_NET_LAYERS];  /* (chunk, width[l]), l >= 1: z; a hidden layer's holds
                                    f'(z) instead after a training forward */
    double *delta, *delta2;      /* (chunk, max width) dLoss/dz of a layer and of the one below */
};

struct al_data {
    size_t n, input_width, label_width;
    double *inputs;              /* (n, input_width) */
    double *labels;              /* (n, label_width), or NULL */
    int checked_head, checked_outputs; /* labels valid for this head and output count; -1: unchecked */
};

/* ---- shared between the engine's files ---- */

/* Most rows of a training set for this network: n rows of (input_width +
 * label_width) doubles within AL_NET_MAX_TRAIN_BYTES. */
size_t aln_train_row_limit(const al_net *net);

/* The enabled input features of point (x1, x2), in AL_FEAT_* bit order. */
void aln_expand_features(int mask, double x1, double x2, double *out);
/* act = f(z) for layer l (1..L, not softmax); with deriv, f'(z) is written over z. */
void aln_activate(const al_net *net, int l, double *z, double *act, size_t count, int deriv);
/* The core's softmax of each row of z (rows, k) into p; an all -inf row gives NaN. */
void aln_softmax_rows(const double *z, double *p, size_t rows, int k);
/* Rows in the chunk of points that starts at `start` of n. */
size_t aln_chunk_rows(const al_net *net, size_t start, size_t n);
/* Forward pass (no training) over inputs[start ..] up to one buffer of rows;
 * returns how many rows it took. act[l] then holds the layers' outputs. */
size_t aln_forward_chunk(al_net *net, const double *inputs, size_t start, size_t n);
/* Each row's own dLoss/dz (the gradient of that sample's loss, not divided
 * by the rows) for the chunk of rows that starts at `start` of n, labels
 * checked: visit(ctx, l, d, rows * width[l]) for l = L down to 1. Overwrites
 * grads and the row buffers. Returns the chunk's rows. */
size_t aln_delta_chunk(al_net *net, const double *inputs, const double *labels, size_t start, size_t n,
                       void (*visit)(void *ctx, int l, const double *d, size_t count), void *ctx);
/* net not NULL, 1 <= n <= limit, inputs finite, labels (if given) valid. */
al_status aln_check_rows(const al_net *net, const double *inputs, const double *labels, size_t n,
                         size_t limit);
/* Fills *p (may be NULL) with a config problem; returns AL_ERR_CONFIG (mlp_config.c). */
al_status aln_report(al_config_problem *p, const char *field, const char *key, const char *rule, int index);
/* Forgets the optimiser's moments and step count. */
void aln_reset_optimizer(al_net *net);

#endif /* AL_NET_H */
