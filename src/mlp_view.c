/*
 * The network engine's views: what the pictures need. Every neuron's
 * output for given points or over a grid (in column layout: one row per
 * neuron, contiguous over the points, so each neuron's values go straight
 * into the caller's array), per-layer statistics, gradient norms and the
 * linear collapse. None of these changes the network's parameters or its
 * training state. Layout and notation: al_net.h.
 */
#include "al_net.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/*
 * The same forward pass in column layout, for grids and neuron outputs:
 * layer l's values are width[l] rows of `rows` values (one row per neuron,
 * contiguous over the points), so the products and activations run along
 * the points, two at a time, and each neuron's outputs are one contiguous
 * run that can go straight into the caller's array. Z (nout, rows) = bias +
 * W X, summed in the same order as gemm: results equal forward()'s bit for
 * bit. Blocks of 4 neurons x 4 points keep 8 pairs of sums in registers.
 *
 * Inputs that are 0 at all 4 points of a block (ReLU units off there, which
 * neighbouring points of a grid share) are left out of the block's sums
 * when that changes no bit: adding w * 0 = +-0 leaves any sum unchanged
 * except a sum of -0 (which +0 would turn into +0), and with finite weights
 * a sum is -0 only if it started from a bias of -0 and took only -0 terms
 * (in round-to-nearest, x + y is -0 only when both are -0). So the terms
 * are skipped where the layer's weights are finite and no bias is -0
 * (`sparse`), and every term is summed otherwise.
 */
/* The 4 points from b of every neuron, over the nt inputs idx[0 .. nt) in
 * order, or over every input (0 .. nt) when idx is NULL. */
static inline void column_block(size_t nout, size_t nin, const double *W, const double *X, size_t ldx,
                                double *Z, size_t ldz, const double *bias, size_t b,
                                const size_t *idx, size_t nt)
{
    size_t c = 0;
    for (; c + 4 <= nout; c += 4) {
        /* Eight named sums: compilers keep an array of them in memory. */
        const double *w0 = W + c * nin, *w1 = w0 + nin, *w2 = w1 + nin, *w3 = w2 + nin;
        al_v2d s00 = {bias[c], bias[c]}, s10 = {bias[c + 1], bias[c + 1]};
        al_v2d s20 = {bias[c + 2], bias[c + 2]}, s30 = {bias[c + 3], bias[c + 3]};
        al_v2d s01 = s00, s11 = s10, s21 = s20, s31 = s30;
        for (size_t i = 0; i < nt; i++) {
            size_t t = idx ? idx[i] : i;
            const double *x = X + t * ldx + b;
            al_v2d x0 = al_load2(x), x1 = al_load2(x + 2);
            s00 += w0[t] * x0;
            s01 += w0[t] * x1;
            s10 += w1[t] * x0;
            s11 += w1[t] * x1;
            s20 += w2[t] * x0;
            s21 += w2[t] * x1;
            s30 += w3[t] * x0;
            s31 += w3[t] * x1;
        }
        double *z = Z + c * ldz + b;
        al_store2(z, s00);
        al_store2(z + 2, s01);
        al_store2(z + ldz, s10);
        al_store2(z + ldz + 2, s11);
        al_store2(z + 2 * ldz, s20);
        al_store2(z + 2 * ldz + 2, s21);
        al_store2(z + 3 * ldz, s30);
        al_store2(z + 3 * ldz + 2, s31);
    }
    for (; c < nout; c++) { /* the last neurons, one at a time */
        const double *w = W + c * nin;
        al_v2d s0 = {bias[c], bias[c]}, s1 = s0;
        for (size_t i = 0; i < nt; i++) {
            size_t t = idx ? idx[i] : i;
            const double *x = X + t * ldx + b;
            s0 += w[t] * al_load2(x);
            s1 += w[t] * al_load2(x + 2);
        }
        al_store2(Z + c * ldz + b, s0);
        al_store2(Z + c * ldz + b + 2, s1);
    }
}

static void gemm_columns(size_t nout, size_t rows, size_t nin, const double *W, const double *X,
                         size_t ldx, double *Z, size_t ldz, const double *bias, int sparse)
{
    size_t b = 0;
    for (; b + 4 <= rows; b += 4) {
        /* sparse comes only from layer 2 on, whose inputs are a hidden
         * layer's: nin <= AL_NET_MAX_WIDTH. */
        size_t idx[AL_NET_MAX_WIDTH], nt = 0;
        if (sparse) /* the inputs not 0 at every point of the block, in order */
            for (size_t t = 0; t < nin; t++) {
                const double *x = X + t * ldx + b;
                idx[nt] = t;
                nt += (x[0] != 0.0) | (x[1] != 0.0) | (x[2] != 0.0) | (x[3] != 0.0);
            }
        if (sparse && nt < nin)
            column_block(nout, nin, W, X, ldx, Z, ldz, bias, b, idx, nt);
        else
            column_block(nout, nin, W, X, ldx, Z, ldz, bias, b, NULL, nin);
    }
    for (; b < rows; b++) /* the last points, one at a time, every term */
        for (size_t c = 0; c < nout; c++) {
            double s = bias[c];
            for (size_t t = 0; t < nin; t++)
                s += W[c * nin + t] * X[t * ldx + b];
            Z[c * ldz + b] = s;
        }
}

/* Whether an activation is 0 over whole intervals of its input, so that the
 * next layer's inputs have zeros worth looking for (where they are not,
 * looking costs more than it saves). A choice of speed only: skipping
 * zeros changes no result. */
static int zero_on_intervals(int kind)
{
    switch (kind) {
    case AL_STEP: case AL_RELU: case AL_RELU6: case AL_THRESHOLD: case AL_HARD_SIGMOID:
    case AL_HARD_SIGMOID_KERAS2: case AL_SPARSE_SIGMOID: case AL_HARD_SWISH: case AL_SOFT_SHRINK:
    case AL_HARD_SHRINK: case AL_SPARSE_PLUS:
        return 1;
    default:
        return 0;
    }
}

/* Whether gemm_columns may leave out inputs that are 0 (see there): every
 * weight finite and no bias -0. */
static int zeros_skippable(const double *W, const double *bias, size_t nout, size_t nin)
{
    for (size_t i = 0; i < nout * nin; i++)
        if (!isfinite(W[i]))
            return 0;
    for (size_t c = 0; c < nout; c++)
        if (bias[c] == 0.0 && signbit(bias[c]))
            return 0;
    return 1;
}

/* Forward pass over `rows` points from layer `first` on, given layer
 * first - 1's values x in column layout (row stride ldx; act[0] with the
 * features for first = 1). Every layer's outputs go to
 * neurons[(first neuron of the layer + j) * n + start ...] when neurons is
 * not NULL, else to act[l] in column layout. Returns the output layer's
 * values and sets *ld to their row stride. */
static const double *forward_columns(al_net *net, int first, const double *x, size_t ldx,
                                     size_t rows, double *neurons, size_t n, size_t start,
                                     size_t *ld)
{
    size_t neuron = 0;
    for (int l = 1; l < first; l++)
        neuron += (size_t)net->width[l];
    for (int l = first; l <= net->L; l++) {
        size_t nin = (size_t)net->width[l - 1], nout = (size_t)net->width[l];
        const double *w = net->params + net->w_off[l - 1], *bias = net->params + net->b_off[l - 1];
        double *z = net->pre[l], *out = neurons ? neurons + neuron * n + start : net->act[l];
        size_t ldo = neurons ? n : net->chunk;
        int sparse = l >= 2 && zero_on_intervals(net->layer_kind[l - 1]) && zeros_skippable(w, bias, nout, nin);
        gemm_columns(nout, rows, nin, w, x, ldx, z, net->chunk, bias, sparse);
        if (net->layer_kind[l] >= 0) {
            for (size_t j = 0; j < nout; j++)
                aln_activate(net, l, z + j * net->chunk, out + j * ldo, rows, 0);
        } else { /* softmax across the neurons of each point */
            double zs[AL_NET_MAX_OUTPUTS], ps[AL_NET_MAX_OUTPUTS];
            for (size_t b = 0; b < rows; b++) {
                for (size_t j = 0; j < nout; j++)
                    zs[j] = z[j * net->chunk + b];
                aln_softmax_rows(zs, ps, 1, (int)nout);
                for (size_t j = 0; j < nout; j++)
                    out[j * ldo + b] = ps[j];
            }
        }
        x = out;
        ldx = ldo;
        neuron += nout;
    }
    *ld = ldx;
    return x;
}


/* ---- observables ----------------------------------------------------------- */

/* act[0] in column layout for `rows` points given as coordinate rows xs and
 * ys: one row per enabled feature, in bit order (as expand_features). */
static void feature_columns(al_net *net, const double *xs, const double *ys, size_t rows)
{
    size_t w0 = (size_t)net->width[0];
    for (size_t b = 0; b < rows; b++) {
        double f[AL_FEAT_COUNT];
        aln_expand_features(net->cfg.features, xs[b], ys[b], f);
        for (size_t t = 0; t < w0; t++)
            net->act[0][t * net->chunk + b] = f[t];
    }
}

/* act[0] in column layout from caller rows inputs[start .. start + rows).
 * The delta buffers (chunk x max width each) hold the coordinate rows. */
static void load_columns(al_net *net, const double *inputs, size_t start, size_t rows)
{
    size_t iw = (size_t)net->input_width;
    const double *src = inputs + start * iw;
    if (net->cfg.features) {
        for (size_t b = 0; b < rows; b++) {
            net->delta[b] = src[2 * b];
            net->delta2[b] = src[2 * b + 1];
        }
        feature_columns(net, net->delta, net->delta2, rows);
    } else {
        for (size_t j = 0; j < iw; j++)
            for (size_t b = 0; b < rows; b++)
                net->act[0][j * net->chunk + b] = src[b * iw + j];
    }
}

al_status al_net_neuron_outputs(al_net *net, const double *inputs, size_t n, double *out)
{
    /* out holds neurons * n doubles: that many bytes must fit in a size_t. */
    size_t neurons = net ? (size_t)al_net_neuron_count(net) : 1;
    al_status st = aln_check_rows(net, inputs, NULL, n, SIZE_MAX / sizeof(double) / neurons);
    if (st != AL_OK)
        return st;
    if (!out)
        return AL_ERR_NULL;
    for (size_t start = 0, rows; start < n; start += rows) {
        rows = aln_chunk_rows(net, start, n);
        load_columns(net, inputs, start, rows);
        size_t ld;
        forward_columns(net, 1, net->act[0], net->chunk, rows, out, n, start, &ld);
    }
    return AL_OK;
}

/* The output layer's values (column layout, row stride ld) for the grid's
 * points start .. start + rows into the row-major outputs (points, k). */
static void grid_outputs(double *outputs, size_t k, size_t start, size_t rows, const double *out,
                         size_t ld)
{
    for (size_t j = 0; j < k; j++)
        for (size_t b = 0; b < rows; b++)
            outputs[(start + b) * k + j] = out[j * ld + b];
}

/* Feature i (bit 1 << i) depends on x1 alone (x1, x1^2, sin x1), on x2
 * alone (x2, x2^2, sin x2), or on both (x1 x2). */
#define X1_FEATURES (AL_FEAT_X1 | AL_FEAT_X1_SQ | AL_FEAT_SIN_X1)
#define X2_FEATURES (AL_FEAT_X2 | AL_FEAT_X2_SQ | AL_FEAT_SIN_X2)

/* init + the terms of one neuron's weighted input sum (weights w, one per
 * enabled feature) for the features in `part`, all functions of one
 * coordinate c, in bit order as the product sums them. */
static double partial_sum(int mask, int part, const double *w, double c, double init)
{
    double s = init, f[AL_FEAT_COUNT];
    aln_expand_features(mask & part, c, c, f); /* the part's features, in bit order */
    for (int i = 0, t = 0, k = 0; i < AL_FEAT_COUNT; i++) {
        if (!(mask & (1 << i)))
            continue;
        if (part & (1 << i))
            s += w[t] * f[k++];
        t++;
    }
    return s;
}

/*
 * Grids whose first layer is tanh or sigmoid of features without x1 x2:
 * there z = u + v, u a function of the column's x1 and v of the row's x2,
 * so e^(-az) = e^(-au) e^(-av) (a = 2 for tanh, 1 for sigmoid) takes one
 * exponential per column and one per row instead of one per point; the
 * first layer then costs a product and a division per value. The grid
 * runs in blocks of up to `chunk` columns (u and e^(-au) for the block in
 * the delta buffers) and steps of whole rows of the block: a step's points
 * are contiguous in the image (whole rows, or one row's part). First-layer
 * values are within a few ulp of predict()'s: z = u + v is the product's
 * sum for features x1, x2 (bit for bit) and the same terms regrouped
 * otherwise, and e^(-az) takes one more rounding; later layers carry that
 * difference at the scale of their sums. Where |au| or |av| exceeds 340 (so e^(-az) could
 * leave the double range) the ordinary kernels take z = u + v.
 */
static void grid_separable(al_net *net, double x_min, double dx, double y_max, double dy,
                           size_t res, double *outputs, double *neurons)
{
    size_t n = res * res, chunk = net->chunk, k = (size_t)net->width[net->L];
    size_t nin = (size_t)net->width[0], nout = (size_t)net->width[1];
    const double *w = net->params + net->w_off[0], *bias = net->params + net->b_off[0];
    int mask = net->cfg.features, is_tanh = net->layer_kind[1] == AL_TANH;
    double a = is_tanh ? 2.0 : 1.0;
    size_t cb = res < chunk ? res : chunk;    /* columns per block */
    size_t per = res < chunk ? chunk / res : 1; /* grid rows per step */
    double *U = net->delta, *E1 = net->delta2; /* (nout, cb) each */
    for (size_t c0 = 0; c0 < res; c0 += cb) {
        size_t cn = res - c0 < cb ? res - c0 : cb;
        int block_ok = 1;
        for (size_t j = 0; j < nout; j++) {
            double *u = U + j * cb, *e = E1 + j * cb;
            for (size_t c = 0; c < cn; c++) {
                u[c] = partial_sum(mask, X1_FEATURES, w + j * nin, x_min + dx * (double)(c0 + c), bias[j]);
                e[c] = a * u[c];
                block_ok &= fabs(e[c]) <= 340.0; /* false for NaN */
            }
        }
        if (block_ok)
            for (size_t j = 0; j < nout; j++)
                al_fast_exp_neg(E1 + j * cb, E1 + j * cb, cn);
        for (size_t r0 = 0; r0 < res; r0 += per) {
            size_t rn = res - r0 < per ? res - r0 : per, points = rn * cn, start = r0 * res + c0;
            double *out1 = neurons ? neurons + start : net->act[1];
            size_t ld1 = neurons ? n : chunk;
            for (size_t j = 0; j < nout; j++) {
                for (size_t r = 0; r < rn; r++) {
                    double v = partial_sum(mask, X2_FEATURES, w + j * nin, y_max - dy * (double)(r0 + r), 0.0);
                    double av = a * v, e2, *o = out1 + j * ld1 + r * cn;
                    const double *u = U + j * cb;
                    if (block_ok && fabs(av) <= 340.0) {
                        al_fast_exp_neg(&av, &e2, 1);
                        if (is_tanh)
                            al_fast_tanh_separable(u, E1 + j * cb, v, e2, o, cn);
                        else
                            al_fast_sigmoid_separable(E1 + j * cb, e2, o, cn);
                    } else {
                        double *z = net->pre[1] + j * chunk + r * cn;
                        for (size_t c = 0; c < cn; c++)
                            z[c] = u[c] + v;
                        aln_activate(net, 1, z, o, cn, 0);
                    }
                }
            }
            size_t ld = ld1;
            const double *out = net->L > 1 ? forward_columns(net, 2, out1, ld1, points, neurons, n, start, &ld) : out1;
            grid_outputs(outputs, k, start, points, out, ld);
        }
    }
}

al_status al_net_grid(al_net *net, double x_min, double x_max, double y_min, double y_max,
                      int res, double *outputs, double *neurons)
{
    if (!net || !outputs)
        return AL_ERR_NULL;
    if (!net->cfg.features)
        return AL_ERR_UNSUPPORTED;
    if (res < 2 || res > 1000)
        return AL_ERR_SIZE;
    if (!(isfinite(x_min) && isfinite(x_max) && isfinite(y_min) && isfinite(y_max)) ||
        !(x_min < x_max && y_min < y_max))
        return AL_ERR_PARAM;
    size_t n = (size_t)res * (size_t)res, k = (size_t)net->width[net->L];
    if (neurons && n > SIZE_MAX / sizeof(double) / (size_t)al_net_neuron_count(net))
        return AL_ERR_SIZE; /* neurons holds neuron_count * res^2 doubles */
    double dx = (x_max - x_min) / (res - 1), dy = (y_max - y_min) / (res - 1);
    if (!(isfinite(dx) && isfinite(dy)))
        return AL_ERR_PARAM; /* a range wider than the largest double */
    int first = net->layer_kind[1];
    if ((first == AL_TANH || first == AL_SIGMOID) && !(net->cfg.features & AL_FEAT_X1_X2)) {
        grid_separable(net, x_min, dx, y_max, dy, (size_t)res, outputs, neurons);
        return AL_OK;
    }
    double *xs = net->delta, *ys = net->delta2;
    for (size_t start = 0; start < n; start += net->chunk) {
        size_t rows = aln_chunk_rows(net, start, n);
        for (size_t b = 0; b < rows; b++) {
            size_t p = start + b;
            xs[b] = x_min + dx * (double)(p % (size_t)res);
            ys[b] = y_max - dy * (double)(p / (size_t)res);
        }
        feature_columns(net, xs, ys, rows);
        size_t ld;
        const double *out = forward_columns(net, 1, net->act[0], net->chunk, rows, neurons, n, start, &ld);
        grid_outputs(outputs, k, start, rows, out, ld);
    }
    return AL_OK;
}

al_status al_net_features(const al_net *net, const double *inputs, size_t n, double *out)
{
    size_t w0 = net ? (size_t)net->width[0] : 1;
    al_status st = aln_check_rows(net, inputs, NULL, n, SIZE_MAX / sizeof(double) / w0);
    if (st != AL_OK)
        return st;
    if (!out)
        return AL_ERR_NULL;
    size_t iw = (size_t)net->input_width;
    for (size_t r = 0; r < n; r++) {
        if (net->cfg.features)
            aln_expand_features(net->cfg.features, inputs[r * iw], inputs[r * iw + 1], out + r * w0);
        else
            memcpy(out + r * w0, inputs + r * iw, w0 * sizeof(double));
    }
    return AL_OK;
}

al_status al_net_layer_stats(al_net *net, const double *inputs, size_t n, double *stats)
{
    al_status st = aln_check_rows(net, inputs, NULL, n, SIZE_MAX / sizeof(double));
    if (st != AL_OK)
        return st;
    if (!stats)
        return AL_ERR_NULL;
    int L = net->L;
    /* Per layer: sum, sum of squares, saturated count; per neuron: alive flag. */
    double sum[AL_NET_LAYERS] = {0}, sq[AL_NET_LAYERS] = {0}, sat[AL_NET_LAYERS] = {0};
    unsigned char alive[AL_NET_LAYERS][AL_NET_MAX_WIDTH];
    memset(alive, 0, sizeof alive);
    for (size_t start = 0, rows; start < n; start += rows) {
        rows = aln_forward_chunk(net, inputs, start, n);
        for (int l = 1; l <= L; l++) {
            int w = net->width[l];
            size_t count = rows * (size_t)w;
            const double *a = net->act[l];
            for (size_t i = 0; i < count; i++) {
                sum[l] += a[i];
                sq[l] += a[i] * a[i];
            }
            if (net->layer_kind[l] < 0)
                continue;
            /* f'(z) into the scratch buffer (chunk * max width holds it). */
            al_apply(net->layer_kind[l], net->layer_params[l], 1, net->pre[l], net->delta, count);
            double limit = 0.01 * net->peak_slope[l];
            for (size_t i = 0; i < count; i++) {
                double d = fabs(net->delta[i]);
                if (d < limit)
                    sat[l] += 1.0;
                if (d != 0.0)
                    alive[l][i % (size_t)w] = 1;
            }
        }
    }
    for (int l = 1; l <= L; l++) {
        int w = net->width[l];
        double count = (double)n * w, mean = sum[l] / count;
        double var = fmax(0.0, sq[l] / count - mean * mean);
        double *s = stats + 4 * (size_t)(l - 1);
        s[0] = mean;
        s[1] = sqrt(var);
        if (net->layer_kind[l] < 0) {
            s[2] = s[3] = NAN; /* softmax: no single slope per unit */
            continue;
        }
        int dead = 0;
        for (int j = 0; j < w; j++)
            dead += !alive[l][j];
        s[2] = sat[l] / count;
        s[3] = (double)dead / w;
    }
    return AL_OK;
}

/* ---- histograms of every layer ------------------------------------------------ */

enum { HIST_OUT = 0, HIST_PRE, HIST_GRAD, HIST_KINDS };

/* One sweep's state: finding the ranges (counts NULL) or counting. Ranges
 * are kept per group: 0 the hidden layers (one scale for them all), 1 the
 * output layer (a network without hidden layers has only group 0). */
typedef struct hist_pass {
    int bins, L;
    double lo[2][HIST_KINDS], hi[2][HIST_KINDS]; /* while finding: the extremes so far */
    double *counts;                              /* (L, 3, bins), or NULL */
} hist_pass;

static int hist_group(const hist_pass *h, int l) { return l == h->L && h->L > 1; }

static void hist_add(hist_pass *h, int l, int kind, const double *v, size_t count)
{
    int g = hist_group(h, l);
    if (!h->counts) {
        for (size_t i = 0; i < count; i++) {
            if (!isfinite(v[i]))
                continue;
            h->lo[g][kind] = fmin(h->lo[g][kind], v[i]);
            h->hi[g][kind] = fmax(h->hi[g][kind], v[i]);
        }
        return;
    }
    double lo = h->lo[g][kind], scale = h->bins / (h->hi[g][kind] - lo);
    double *c = h->counts + ((size_t)(l - 1) * HIST_KINDS + (size_t)kind) * (size_t)h->bins;
    for (size_t i = 0; i < count; i++) {
        if (isnan(v[i]))
            continue;
        double at = (v[i] - lo) * scale; /* outside the range: the end bins; NaN (0 x inf): the first */
        int b = !(at >= 1.0) ? 0 : at >= h->bins - 1 ? h->bins - 1 : (int)at;
        c[b] += 1.0;
    }
}

static void hist_grad(void *ctx, int l, const double *d, size_t count)
{
    hist_pass *h = ctx;
    hist_add(h, l, HIST_GRAD, d, count);
}

/* One sweep over the rows: outputs and z from a plain forward pass (z stays
 * in pre[l]), then (with labels) each row's gradients from a training one. */
static void hist_sweep(al_net *net, const double *inputs, const double *labels, size_t n, hist_pass *h)
{
    for (size_t start = 0, rows; start < n; start += rows) {
        rows = aln_forward_chunk(net, inputs, start, n);
        for (int l = 1; l <= net->L; l++) {
            size_t count = rows * (size_t)net->width[l];
            hist_add(h, l, HIST_OUT, net->act[l], count);
            hist_add(h, l, HIST_PRE, net->pre[l], count);
        }
    }
    for (size_t start = 0, rows; labels && start < n; start += rows)
        rows = aln_delta_chunk(net, inputs, labels, start, n, hist_grad, h);
}

/* A range found in the data made usable: around 0 if nothing was finite,
 * halved if wider than the largest double, widened if a single value. */
static void hist_settle(double *lo, double *hi, int bins)
{
    if (!(*lo <= *hi))
        *lo = 0.0, *hi = 0.0;
    if (!isfinite(*hi - *lo))
        *lo *= 0.5, *hi *= 0.5;
    if (!isfinite(bins / (*hi - *lo))) /* one value, or subnormally close ones */
        *lo -= 0.5, *hi += 0.5;
}

al_status al_net_layer_histograms(al_net *net, const double *inputs, const double *labels, size_t n, int bins,
                                  const double *ranges, double *edges, double *counts)
{
    al_status st = aln_check_rows(net, inputs, labels, n, SIZE_MAX / sizeof(double));
    if (st != AL_OK)
        return st;
    if (!edges || !counts)
        return AL_ERR_NULL;
    if (bins < 1 || bins > AL_NET_MAX_BINS)
        return AL_ERR_PARAM;
    hist_pass h = {.bins = bins, .L = net->L, .counts = NULL};
    int from_data[HIST_KINDS], any = 0;
    for (int k = 0; k < HIST_KINDS; k++) {
        double lo = ranges ? ranges[2 * k] : NAN, hi = ranges ? ranges[2 * k + 1] : NAN;
        from_data[k] = isnan(lo) && isnan(hi);
        any |= from_data[k];
        if (!from_data[k] && !(isfinite(lo) && isfinite(hi) && lo < hi && isfinite(hi - lo)))
            return AL_ERR_PARAM;
        for (int g = 0; g < 2; g++)
            h.lo[g][k] = from_data[k] ? INFINITY : lo, h.hi[g][k] = from_data[k] ? -INFINITY : hi;
    }
    if (any) {
        hist_pass find = h;
        /* The gradients' backward pass only if their range comes from the data. */
        hist_sweep(net, inputs, from_data[HIST_GRAD] ? labels : NULL, n, &find);
        for (int k = 0; k < HIST_KINDS; k++)
            for (int g = 0; g < 2 && from_data[k]; g++) {
                h.lo[g][k] = find.lo[g][k], h.hi[g][k] = find.hi[g][k];
                hist_settle(&h.lo[g][k], &h.hi[g][k], bins);
            }
    }
    memset(counts, 0, (size_t)net->L * HIST_KINDS * (size_t)bins * sizeof(double));
    h.counts = counts;
    hist_sweep(net, inputs, labels, n, &h);
    for (int l = 1; l <= net->L; l++) {
        int g = hist_group(&h, l);
        for (int k = 0; k < HIST_KINDS; k++) {
            double *e = edges + ((size_t)(l - 1) * HIST_KINDS + (size_t)k) * (size_t)(bins + 1);
            for (int i = 0; i <= bins; i++) /* i / bins first: no overflow */
                e[i] = k == HIST_GRAD && !labels ? NAN
                     : i == bins ? h.hi[g][k] : h.lo[g][k] + (h.hi[g][k] - h.lo[g][k]) * ((double)i / bins);
        }
    }
    return AL_OK;
}

al_status al_net_grad_norms(const al_net *net, double *norms)
{
    if (!net || !norms)
        return AL_ERR_NULL;
    memcpy(norms, net->grad_norm, (size_t)net->L * sizeof(double));
    return AL_OK;
}

al_status al_net_collapse(const al_net *net, double *a, double *c)
{
    if (!net || !a || !c)
        return AL_ERR_NULL;
    for (int l = 1; l < net->L; l++)
        if (net->layer_kind[l] != AL_IDENTITY)
            return AL_ERR_UNSUPPORTED;
    /* A = W_L ... W_1, c = W_L (... (W_2 b_1 + b_2) ...) + b_L, built layer by
     * layer in two (max width, n0 + 1) buffers: each row is A's row then c's
     * entry. On the heap: at the limits they are 1.6 MB each. */
    int n0 = net->width[0], max_width = 0;
    for (int l = 1; l <= net->L; l++)
        max_width = net->width[l] > max_width ? net->width[l] : max_width;
    size_t stride = (size_t)n0 + 1;
    double *block = malloc(2 * (size_t)max_width * stride * sizeof(double));
    if (!block)
        return AL_ERR_NO_MEMORY;
    double *cur = block, *next = block + (size_t)max_width * stride;
    int rows = net->width[1];
    for (int j = 0; j < rows; j++) {
        memcpy(cur + j * stride, net->params + net->w_off[0] + (size_t)j * n0, (size_t)n0 * sizeof(double));
        cur[j * stride + n0] = net->params[net->b_off[0] + j];
    }
    for (int l = 2; l <= net->L; l++) {
        int nout = net->width[l], nin = net->width[l - 1];
        const double *w = net->params + net->w_off[l - 1], *b = net->params + net->b_off[l - 1];
        for (int j = 0; j < nout; j++) {
            for (size_t i = 0; i < stride; i++) {
                double s = i < (size_t)n0 ? 0.0 : b[j]; /* c: the bias first, then the sum */
                for (int t = 0; t < nin; t++)
                    s += w[(size_t)j * (size_t)nin + t] * cur[t * stride + i];
                next[j * stride + i] = s;
            }
        }
        double *swap = cur;
        cur = next, next = swap;
        rows = nout;
    }
    for (int j = 0; j < rows; j++) {
        memcpy(a + (size_t)j * n0, cur + j * stride, (size_t)n0 * sizeof(double));
        c[j] = cur[j * stride + n0];
    }
    free(block);
    return AL_OK;
}
