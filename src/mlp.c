/*
 * The network engine: a multilayer perceptron that trains on small 2-D
 * problems. One allocation per network; nothing allocates afterwards.
 *
 * Notation: L = n_layers - 1 weight layers; layer l maps width[l-1] inputs
 * to width[l] outputs with W_l (width[l], width[l-1]) row-major and b_l
 * (width[l]). Buffers hold one chunk of rows (the batch, or up to CHUNK rows
 * when predicting): act[l] (rows, width[l]) are layer outputs (act[0] the
 * input features), pre[l] (rows, width[l]) the pre-activations z.
 */
#include "actlab.h"
#include "al_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LAYERS (AL_NET_MAX_HIDDEN + 2)
#define MIN_CHUNK 256
#define MAX_BATCH 1024

struct al_net {
    al_net_config cfg;
    int L;                       /* weight layers */
    int width[MAX_LAYERS];
    int input_width;             /* values per sample the caller passes */
    int label_width;
    size_t w_off[MAX_LAYERS - 1], b_off[MAX_LAYERS - 1];
    size_t n_params;
    size_t chunk;                /* rows per buffer */
    int layer_kind[MAX_LAYERS];  /* activation of layer l (1..L); -1 for softmax */
    double layer_params[MAX_LAYERS][AL_MAX_PARAMS];
    double peak_slope[MAX_LAYERS]; /* max |f'| over [-6, 6], for saturation */
    double *params, *grads;      /* (n_params) each, the same layout */
    double *m, *v;               /* optimiser state (n_params) each */
    double *prev;                /* parameters before the current step (n_params) */
    double *wt;                  /* each W_l transposed, at W_l's offset (forward's scratch) */
    double *act[MAX_LAYERS], *pre[MAX_LAYERS];
    double *delta, *delta2;      /* (chunk, max width) */
    double *grad_norm;           /* (L): weight-gradient norm of the last step */
    uint32_t *order;             /* (AL_NET_MAX_SAMPLES): shuffled sample order */
    al_rng rng;
    long long steps;
};

/* ---- configuration ------------------------------------------------------- */

void al_net_config_default(al_net_config *cfg)
{
    if (!cfg)
        return;
    memset(cfg, 0, sizeof *cfg);
    cfg->n_layers = 3;
    cfg->sizes[0] = 2;
    cfg->sizes[1] = 4;
    cfg->sizes[2] = 1;
    for (int l = 0; l < AL_NET_MAX_HIDDEN; l++)
        cfg->hidden_kind[l] = AL_TANH;
    cfg->features = 0;
    cfg->head = AL_HEAD_SIGMOID_BCE;
    cfg->init = AL_INIT_GLOROT_UNIFORM;
    cfg->optimizer = AL_OPT_SGD;
    cfg->learning_rate = 0.03;
    cfg->momentum = 0.9;
    cfg->beta1 = 0.9;
    cfg->beta2 = 0.999;
    cfg->epsilon = 1e-8;
    cfg->batch_size = 10;
    cfg->seed = 1;
}

static int popcount7(int mask)
{
    int c = 0;
    for (int b = 0; b < AL_FEAT_COUNT; b++)
        c += (mask >> b) & 1;
    return c;
}

static int in_unit(double v) { return v >= 0.0 && v < 1.0; }

al_status al_net_check_config(const al_net_config *cfg, const char **field)
{
    const char *bad = NULL;
    if (!cfg) {
        if (field)
            *field = "config";
        return AL_ERR_NULL;
    }
    int n = cfg->n_layers;
    if (n < 2 || n > MAX_LAYERS)
        bad = "n_layers";
    else if (cfg->features < 0 || cfg->features >= (1 << AL_FEAT_COUNT))
        bad = "features";
    else if (cfg->features ? cfg->sizes[0] != popcount7(cfg->features)
                           : (cfg->sizes[0] < 2 || cfg->sizes[0] > AL_NET_MAX_INPUTS))
        bad = "sizes";
    else if (cfg->sizes[n - 1] < 1 || cfg->sizes[n - 1] > AL_NET_MAX_OUTPUTS)
        bad = "sizes";
    if (!bad) {
        for (int l = 1; l < n - 1 && !bad; l++) {
            if (cfg->sizes[l] < 1 || cfg->sizes[l] > AL_NET_MAX_WIDTH)
                bad = "sizes";
            else if (al_check_params(cfg->hidden_kind[l - 1], cfg->hidden_params[l - 1],
                                     (size_t)al_kind_param_count(cfg->hidden_kind[l - 1])) != AL_OK)
                bad = al_kind_name(cfg->hidden_kind[l - 1]) ? "hidden_params" : "hidden_kind";
        }
    }
    if (bad) {
    } else if (cfg->head < 0 || cfg->head >= AL_HEAD_COUNT)
        bad = "head";
    else if (cfg->head == AL_HEAD_SOFTMAX_CE && cfg->sizes[n - 1] < 2)
        bad = "sizes";
    else if (cfg->init < 0 || cfg->init >= AL_INIT_COUNT)
        bad = "init";
    else if (cfg->optimizer < 0 || cfg->optimizer >= AL_OPT_COUNT)
        bad = "optimizer";
    else if (!(isfinite(cfg->learning_rate) && cfg->learning_rate > 0.0))
        bad = "learning_rate";
    else if (!in_unit(cfg->momentum))
        bad = "momentum";
    else if (!in_unit(cfg->beta1))
        bad = "beta1";
    else if (!in_unit(cfg->beta2))
        bad = "beta2";
    else if (!(isfinite(cfg->epsilon) && cfg->epsilon > 0.0))
        bad = "epsilon";
    else if (!(isfinite(cfg->l1) && cfg->l1 >= 0.0))
        bad = "l1";
    else if (!(isfinite(cfg->l2) && cfg->l2 >= 0.0))
        bad = "l2";
    else if (cfg->batch_size < 1 || cfg->batch_size > MAX_BATCH)
        bad = "batch_size";
    if (field)
        *field = bad;
    return bad ? AL_ERR_CONFIG : AL_OK;
}

/* ---- creation -------------------------------------------------------------- */

static void init_params(al_net *net)
{
    const al_net_config *c = &net->cfg;
    for (int l = 1; l <= net->L; l++) {
        int fan_in = net->width[l - 1], fan_out = net->width[l];
        double *w = net->params + net->w_off[l - 1], *b = net->params + net->b_off[l - 1];
        size_t nw = (size_t)fan_in * (size_t)fan_out;
        double normal_sd = 0.0, uniform_a = 0.0;
        switch (c->init) {
        case AL_INIT_HE_NORMAL: normal_sd = sqrt(2.0 / fan_in); break;
        case AL_INIT_HE_UNIFORM: uniform_a = sqrt(6.0 / fan_in); break;
        case AL_INIT_GLOROT_NORMAL: normal_sd = sqrt(2.0 / (fan_in + fan_out)); break;
        case AL_INIT_GLOROT_UNIFORM: uniform_a = sqrt(6.0 / (fan_in + fan_out)); break;
        case AL_INIT_LECUN_NORMAL: normal_sd = sqrt(1.0 / fan_in); break;
        case AL_INIT_UNIFORM: uniform_a = 0.5; break;
        default: break; /* zeros */
        }
        for (size_t i = 0; i < nw; i++) {
            if (normal_sd > 0.0)
                w[i] = normal_sd * al_rng_normal(&net->rng);
            else if (uniform_a > 0.0)
                w[i] = uniform_a * (2.0 * al_rng_uniform(&net->rng) - 1.0);
            else
                w[i] = 0.0;
        }
        for (int j = 0; j < fan_out; j++)
            b[j] = c->init == AL_INIT_UNIFORM ? 0.1 : 0.0;
    }
}

/* Largest |f'| over a grid on [-6, 6]: the scale for "saturated". */
static double peak_slope(int kind, const double *params)
{
    double z[241], d[241], peak = 0.0;
    for (int i = 0; i < 241; i++)
        z[i] = -6.0 + 0.05 * i;
    al_apply(kind, params, 1, z, d, 241);
    for (int i = 0; i < 241; i++)
        peak = fmax(peak, fabs(d[i]));
    return peak;
}

al_net *al_net_create(const al_net_config *cfg, al_status *status)
{
    al_status dummy;
    if (!status)
        status = &dummy;
    if ((*status = al_net_check_config(cfg, NULL)) != AL_OK)
        return NULL;
    int L = cfg->n_layers - 1, max_width = 0;
    size_t n_params = 0, w_off[MAX_LAYERS - 1], b_off[MAX_LAYERS - 1];
    for (int l = 1; l <= L; l++) {
        w_off[l - 1] = n_params;
        n_params += (size_t)cfg->sizes[l] * (size_t)cfg->sizes[l - 1];
        b_off[l - 1] = n_params;
        n_params += (size_t)cfg->sizes[l];
    }
    for (int l = 0; l <= L; l++)
        if (cfg->sizes[l] > max_width)
            max_width = cfg->sizes[l];
    size_t chunk = cfg->batch_size > MIN_CHUNK ? (size_t)cfg->batch_size : MIN_CHUNK;
    size_t doubles = 6 * n_params + 2 * chunk * (size_t)max_width + (size_t)L;
    for (int l = 0; l <= L; l++)
        doubles += (l ? 2 : 1) * chunk * (size_t)cfg->sizes[l];
    size_t bytes = sizeof(al_net) + doubles * sizeof(double) + AL_NET_MAX_SAMPLES * sizeof(uint32_t);
    al_net *net = malloc(bytes);
    if (!net) {
        *status = AL_ERR_NO_MEMORY;
        return NULL;
    }
    memset(net, 0, sizeof *net);
    net->cfg = *cfg;
    net->L = L;
    for (int l = 0; l <= L; l++)
        net->width[l] = cfg->sizes[l];
    net->input_width = cfg->features ? 2 : cfg->sizes[0];
    net->label_width = cfg->head == AL_HEAD_SOFTMAX_CE ? 1 : cfg->sizes[L];
    memcpy(net->w_off, w_off, sizeof w_off);
    memcpy(net->b_off, b_off, sizeof b_off);
    net->n_params = n_params;
    net->chunk = chunk;
    /* Carve the buffers out of the same block (sizeof(al_net) keeps doubles aligned). */
    double *p = (double *)(net + 1);
    net->params = p, p += n_params;
    net->grads = p, p += n_params;
    net->m = p, p += n_params;
    net->v = p, p += n_params;
    net->prev = p, p += n_params;
    net->wt = p, p += n_params;
    for (int l = 0; l <= L; l++) {
        net->act[l] = p, p += chunk * (size_t)net->width[l];
        if (l)
            net->pre[l] = p, p += chunk * (size_t)net->width[l];
    }
    net->delta = p, p += chunk * (size_t)max_width;
    net->delta2 = p, p += chunk * (size_t)max_width;
    net->grad_norm = p, p += L;
    net->order = (uint32_t *)p;
    memset(net->params, 0, 5 * n_params * sizeof(double));
    for (int l = 1; l < L; l++) {
        net->layer_kind[l] = cfg->hidden_kind[l - 1];
        int np = al_kind_param_count(net->layer_kind[l]);
        for (int i = 0; i < np; i++)
            net->layer_params[l][i] = cfg->hidden_params[l - 1][i];
    }
    static const int head_kind[AL_HEAD_COUNT] = {AL_IDENTITY, AL_SIGMOID, -1, AL_TANH};
    net->layer_kind[L] = head_kind[cfg->head];
    for (int l = 1; l <= L; l++)
        net->peak_slope[l] = net->layer_kind[l] >= 0
                                 ? peak_slope(net->layer_kind[l], net->layer_params[l]) : NAN;
    al_rng_seed(&net->rng, cfg->seed);
    init_params(net);
    *status = AL_OK;
    return net;
}

void al_net_free(al_net *net)
{
    free(net);
}

const al_net_config *al_net_get_config(const al_net *net) { return net ? &net->cfg : NULL; }
int al_net_input_width(const al_net *net) { return net ? net->input_width : -1; }
int al_net_label_width(const al_net *net) { return net ? net->label_width : -1; }
size_t al_net_param_count(const al_net *net) { return net ? net->n_params : 0; }

int al_net_neuron_count(const al_net *net)
{
    if (!net)
        return -1;
    int c = 0;
    for (int l = 1; l <= net->L; l++)
        c += net->width[l];
    return c;
}

/* ---- forward ------------------------------------------------------------- */

/* The enabled input features of point (x1, x2), in AL_FEAT_* bit order:
 * the one definition behind every input layout. Spelled out bit by bit:
 * a loop over i with a switch per feature, run per sample, cost 15 % of
 * playground training. */
static void expand_features(int mask, double x1, double x2, double *out)
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

/* Rows in the chunk of points that starts at `start` of n. */
static size_t chunk_rows(const al_net *net, size_t start, size_t n)
{
    return n - start < net->chunk ? n - start : net->chunk;
}

/* act[0] rows b = 0..rows-1 from sample idx[start + b] (or start + b). */
static void load_inputs(al_net *net, const double *inputs, const uint32_t *idx, size_t start,
                        size_t rows)
{
    int w0 = net->width[0], iw = net->input_width;
    for (size_t b = 0; b < rows; b++) {
        size_t s = idx ? idx[start + b] : start + b;
        const double *src = inputs + s * (size_t)iw;
        double *dst = net->act[0] + b * (size_t)w0;
        if (net->cfg.features)
            expand_features(net->cfg.features, src[0], src[1], dst);
        else
            memcpy(dst, src, (size_t)w0 * sizeof(double));
    }
}

/* The core's softmax of each row of z (rows, k) into p, so predictions equal
 * al_softmax exactly. Only all -inf rows fail (AL_ERR_DOMAIN, p untouched):
 * they get NaN, which the loss then reports as divergence. */
static void softmax_rows(const double *z, double *p, size_t rows, int k)
{
    for (size_t b = 0; b < rows; b++) {
        double *pr = p + b * (size_t)k;
        if (al_softmax(z + b * (size_t)k, (size_t)k, 1.0, pr) != AL_OK)
            for (int j = 0; j < k; j++)
                pr[j] = NAN;
    }
}

/*
 * C (m, n) = init + A (m, k) B (k, n): A(r, t) = A[r*ar + t*at] (any
 * strides), B row-major with row stride ldb, C(r, c) = C[r*ldc + c]; init is
 * a row of per-column start values (a bias) or NULL for 0. Each entry is
 * summed in the order t = 0, 1, ... from its start value, so the result is
 * the textbook loop's, bit for bit. Blocks of 2 rows x 8 (or 4) columns
 * keep their sums in pairs of registers: the layers are too narrow for the
 * loop over k alone to hide the latency of the additions.
 */
static void gemm(size_t m, size_t n, size_t k, const double *A, size_t ar, size_t at,
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
static void activate(const al_net *net, int l, double *z, double *act, size_t count, int deriv)
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

/* pre[l] = act[l-1] W_l^T + b_l and act[l] = f(pre[l]) for l = 1..L. With
 * train, hidden layers keep f'(z) in pre[l] instead of z; the output layer
 * always keeps z (the loss needs it). */
static void forward(al_net *net, size_t rows, int train)
{
    for (int l = 1; l <= net->L; l++) {
        size_t nin = (size_t)net->width[l - 1], nout = (size_t)net->width[l];
        const double *w = net->params + net->w_off[l - 1], *bias = net->params + net->b_off[l - 1];
        /* W^T (nin, nout), so the product reads B along its rows (the same
         * array when W is one row or one column). */
        const double *wt = w;
        if (nout > 1 && nin > 1) {
            double *t_w = net->wt + net->w_off[l - 1];
            for (size_t c = 0; c < nout; c++)
                for (size_t t = 0; t < nin; t++)
                    t_w[t * nout + c] = w[c * nin + t];
            wt = t_w;
        }
        double *z = net->pre[l];
        gemm(rows, nout, nin, net->act[l - 1], nin, 1, wt, nout, z, nout, bias);
        size_t count = rows * nout;
        if (net->layer_kind[l] >= 0)
            activate(net, l, z, net->act[l], count, train && l < net->L);
        else
            softmax_rows(z, net->act[l], rows, (int)nout);
    }
}

/*
 * The same forward pass in column layout, for grids and neuron outputs:
 * layer l's values are width[l] rows of `rows` values (one row per neuron,
 * contiguous over the points), so the products and activations run along
 * the points, two at a time, and each neuron's outputs are one contiguous
 * run that can go straight into the caller's array. Z (nout, rows) = bias +
 * W X, summed in the same order as gemm: results equal forward()'s bit for
 * bit.
 */
static void gemm_columns(size_t nout, size_t rows, size_t nin, const double *W, const double *X,
                         size_t ldx, double *Z, size_t ldz, const double *bias)
{
    for (size_t c = 0; c < nout; c += 2) {
        int two = c + 1 < nout; /* a second neuron in this block */
        const double *w0 = W + c * nin, *w1 = two ? w0 + nin : w0;
        double *z0 = Z + c * ldz, *z1 = z0 + ldz;
        const al_v2d b0 = {bias[c], bias[c]}, b1 = {bias[two ? c + 1 : c], bias[two ? c + 1 : c]};
        size_t b = 0;
        for (; b + 4 <= rows; b += 4) {
            al_v2d s00 = b0, s01 = b0, s10 = b1, s11 = b1;
            const double *x = X + b;
            for (size_t t = 0; t < nin; t++, x += ldx) {
                al_v2d x0 = al_load2(x), x1 = al_load2(x + 2);
                s00 += w0[t] * x0;
                s01 += w0[t] * x1;
                s10 += w1[t] * x0;
                s11 += w1[t] * x1;
            }
            al_store2(z0 + b, s00);
            al_store2(z0 + b + 2, s01);
            if (two) {
                al_store2(z1 + b, s10);
                al_store2(z1 + b + 2, s11);
            }
        }
        for (; b < rows; b++) {
            double s0 = b0[0], s1 = b1[0];
            for (size_t t = 0; t < nin; t++) {
                double x = X[t * ldx + b];
                s0 += w0[t] * x;
                s1 += w1[t] * x;
            }
            z0[b] = s0;
            if (two)
                z1[b] = s1;
        }
    }
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
        gemm_columns(nout, rows, nin, w, x, ldx, z, net->chunk, bias);
        if (net->layer_kind[l] >= 0) {
            for (size_t j = 0; j < nout; j++)
                activate(net, l, z + j * net->chunk, out + j * ldo, rows, 0);
        } else { /* softmax across the neurons of each point */
            double zs[AL_NET_MAX_OUTPUTS], ps[AL_NET_MAX_OUTPUTS];
            for (size_t b = 0; b < rows; b++) {
                for (size_t j = 0; j < nout; j++)
                    zs[j] = z[j * net->chunk + b];
                softmax_rows(zs, ps, 1, (int)nout);
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

/* ---- loss ---------------------------------------------------------------- */

/* Sum over the rows of the per-sample loss; if delta is not NULL, also
 * dLoss/dz of the output layer for the mean loss over `scale_rows` samples. */
static double head_loss(const al_net *net, const double *labels, const uint32_t *idx, size_t start,
                        size_t rows, double *delta, double scale_rows)
{
    int L = net->L, k = net->width[L], lw = net->label_width;
    const double *z = net->pre[L], *out = net->act[L];
    double total = 0.0, inv = 1.0 / scale_rows;
    for (size_t b = 0; b < rows; b++) {
        size_t s = idx ? idx[start + b] : start + b;
        const double *y = labels + s * (size_t)lw;
        const double *zr = z + b * (size_t)k, *o = out + b * (size_t)k;
        double *d = delta ? delta + b * (size_t)k : NULL;
        double loss = 0.0;
        switch (net->cfg.head) {
        case AL_HEAD_IDENTITY_MSE:
            for (int j = 0; j < k; j++) {
                double e = o[j] - y[j];
                loss += e * e / k;
                if (d)
                    d[j] = 2.0 * e / k * inv;
            }
            break;
        case AL_HEAD_SIGMOID_BCE: {
            /* The core's BCE from logits; its gradient is sigmoid(z) - y. */
            double unit[AL_NET_MAX_OUTPUTS];
            if (al_binary_cross_entropy(zr, y, (size_t)k, unit, NULL) != AL_OK)
                return NAN; /* labels are checked before; non-finite z */
            for (int j = 0; j < k; j++) {
                loss += unit[j] / k;
                if (d)
                    d[j] = (o[j] - y[j]) / k * inv;
            }
            break;
        }
        case AL_HEAD_SOFTMAX_CE: {
            /* -log p_c from the core's log-softmax, accurate where p_c is tiny. */
            int c = (int)y[0];
            double logp[AL_NET_MAX_OUTPUTS];
            if (al_log_softmax(zr, (size_t)k, 1.0, logp) != AL_OK)
                return NAN; /* every logit -inf */
            loss = -logp[c];
            if (d)
                for (int j = 0; j < k; j++)
                    d[j] = (o[j] - (j == c ? 1.0 : 0.0)) * inv;
            break;
        }
        default: /* AL_HEAD_TANH_SE */
            for (int j = 0; j < k; j++) {
                double e = o[j] - y[j], t, slope;
                loss += 0.5 * e * e;
                if (d) {
                    al_fast_tanh(zr + j, &t, &slope, 1); /* sech^2 z, exact also where 1 - o^2 cancels */
                    d[j] = e * slope * inv;
                }
            }
            break;
        }
        total += loss;
    }
    return total;
}

/* Correct predictions (units, for SIGMOID_BCE) in the rows; *units counts them. */
static double count_correct(const al_net *net, const double *labels, size_t start, size_t rows,
                            double *units)
{
    int L = net->L, k = net->width[L], lw = net->label_width;
    const double *out = net->act[L];
    double correct = 0.0;
    for (size_t b = 0; b < rows; b++) {
        const double *y = labels + (start + b) * (size_t)lw, *o = out + b * (size_t)k;
        if (net->cfg.head == AL_HEAD_SOFTMAX_CE) {
            int best = 0;
            for (int j = 1; j < k; j++)
                if (o[j] > o[best])
                    best = j;
            correct += best == (int)y[0];
            *units += 1.0;
        } else {
            for (int j = 0; j < k; j++) {
                if (net->cfg.head == AL_HEAD_TANH_SE)
                    correct += (o[j] >= 0.0) == (y[j] > 0.0);
                else
                    correct += (o[j] >= 0.5) == (y[j] >= 0.5);
            }
            *units += k;
        }
    }
    return correct;
}

al_status al_net_check_labels(const al_net *net, const double *labels, size_t n)
{
    if (!net || (!labels && n))
        return AL_ERR_NULL;
    size_t count = n * (size_t)net->label_width;
    int k = net->width[net->L];
    for (size_t i = 0; i < count; i++) {
        double y = labels[i];
        int ok;
        switch (net->cfg.head) {
        case AL_HEAD_IDENTITY_MSE: ok = isfinite(y); break;
        case AL_HEAD_SIGMOID_BCE: ok = y >= 0.0 && y <= 1.0; break;
        case AL_HEAD_SOFTMAX_CE: ok = y >= 0.0 && y < k && y == floor(y); break;
        default: ok = y == 1.0 || y == -1.0; break;
        }
        if (!ok)
            return AL_ERR_LABEL;
    }
    return AL_OK;
}

static al_status check_inputs(const al_net *net, const double *inputs, size_t n)
{
    if (!inputs)
        return AL_ERR_NULL;
    size_t count = n * (size_t)net->input_width;
    for (size_t i = 0; i < count; i++)
        if (!isfinite(inputs[i]))
            return AL_ERR_DOMAIN;
    return AL_OK;
}

/* ---- backward and update ------------------------------------------------- */

/* grads = d(mean loss)/d(params) for the rows in the buffers, given the
 * output-layer delta in net->delta and f'(z) of the hidden layers in pre[]
 * (forward with train). Overwrites grads; uses delta/delta2 as scratch. */
static void backward(al_net *net, size_t rows)
{
    double *d = net->delta, *dnew = net->delta2;
    for (int l = net->L; l >= 1; l--) {
        size_t nin = (size_t)net->width[l - 1], nout = (size_t)net->width[l];
        const double *w = net->params + net->w_off[l - 1];
        double *gw = net->grads + net->w_off[l - 1], *gb = net->grads + net->b_off[l - 1];
        /* dW (nout, nin) = delta^T (nout, rows) act[l-1] (rows, nin); db = column sums. */
        gemm(nout, nin, rows, d, 1, nout, net->act[l - 1], nin, gw, nin, NULL);
        for (size_t j = 0; j < nout; j++) {
            double s = 0.0;
            for (size_t b = 0; b < rows; b++)
                s += d[b * nout + j];
            gb[j] = s;
        }
        if (l == 1)
            break;
        /* delta_{l-1} = (delta_l W_l) * f'(z_{l-1}); forward(train) left f' in pre[l-1]. */
        gemm(rows, nin, nout, d, nout, 1, w, nin, dnew, nin, NULL);
        const double *slope = net->pre[l - 1];
        for (size_t i = 0; i < rows * nin; i++)
            dnew[i] *= slope[i];
        double *t = d;
        d = dnew;
        dnew = t;
    }
}

/* Adds the gradient of l2/2 |W|^2 + l1 |W|_1 (weights only); returns that penalty. */
static double regularise(al_net *net)
{
    double l1 = net->cfg.l1, l2 = net->cfg.l2, penalty = 0.0;
    if (l1 == 0.0 && l2 == 0.0)
        return 0.0;
    for (int l = 1; l <= net->L; l++) {
        size_t off = net->w_off[l - 1], nw = net->b_off[l - 1] - off;
        for (size_t i = 0; i < nw; i++) {
            double w = net->params[off + i];
            penalty += 0.5 * l2 * w * w + l1 * fabs(w);
            net->grads[off + i] += l2 * w + l1 * (w > 0.0 ? 1.0 : (w < 0.0 ? -1.0 : 0.0));
        }
    }
    return penalty;
}

/* Records each layer's gradient norm (weights and biases) of the gradient
 * in grads (the last step's). */
static void record_grad_norms(al_net *net)
{
    for (int l = 1; l <= net->L; l++) {
        size_t off = net->w_off[l - 1], end = off + (size_t)net->width[l] * (size_t)(net->width[l - 1] + 1);
        double s = 0.0;
        for (size_t i = off; i < end; i++)
            s += net->grads[i] * net->grads[i];
        net->grad_norm[l - 1] = sqrt(s);
    }
}

/* One optimiser step. Keeps the parameters from before it in prev, and
 * returns 1 if every new parameter is finite, else 0: a gradient that is not
 * finite, or a finite one times a huge learning rate, shows up here (one
 * pass over the parameters for all three jobs). */
static int update(al_net *net)
{
    const al_net_config *c = &net->cfg;
    double lr = c->learning_rate, *w = net->params, *g = net->grads, *m = net->m, *v = net->v;
    double *prev = net->prev, acc = 0.0; /* acc: 0 while finite, NaN after inf or NaN */
    size_t n = net->n_params;
    net->steps++;
    switch (c->optimizer) {
    case AL_OPT_SGD:
        for (size_t i = 0; i < n; i++) {
            prev[i] = w[i];
            w[i] -= lr * g[i];
            acc += w[i] * 0.0;
        }
        break;
    case AL_OPT_MOMENTUM:
        for (size_t i = 0; i < n; i++) {
            prev[i] = w[i];
            m[i] = c->momentum * m[i] - lr * g[i];
            w[i] += m[i];
            acc += w[i] * 0.0;
        }
        break;
    default: { /* Adam */
        double c1 = 1.0 - pow(c->beta1, (double)net->steps);
        double c2 = 1.0 - pow(c->beta2, (double)net->steps);
        for (size_t i = 0; i < n; i++) {
            prev[i] = w[i];
            m[i] = c->beta1 * m[i] + (1.0 - c->beta1) * g[i];
            v[i] = c->beta2 * v[i] + (1.0 - c->beta2) * g[i] * g[i];
            w[i] -= lr * (m[i] / c1) / (sqrt(v[i] / c2) + c->epsilon);
            acc += w[i] * 0.0;
        }
        break;
    }
    }
    return acc == 0.0;
}

/* Forgets momentum/Adam state (m and v are adjacent) and the step count. */
static void reset_optimizer(al_net *net)
{
    memset(net->m, 0, 2 * net->n_params * sizeof(double));
    net->steps = 0;
}

/* ---- public training and evaluation ------------------------------------ */

/* Forward pass (no training) over inputs[start ..] up to one buffer of
 * rows; returns how many rows it took. */
static size_t forward_chunk(al_net *net, const double *inputs, size_t start, size_t n)
{
    size_t rows = chunk_rows(net, start, n);
    load_inputs(net, inputs, NULL, start, rows);
    forward(net, rows, 0);
    return rows;
}

static al_status check_data(const al_net *net, const double *inputs, const double *labels,
                            size_t n, size_t limit)
{
    if (!net)
        return AL_ERR_NULL;
    if (n == 0 || n > limit)
        return AL_ERR_SIZE;
    al_status st = check_inputs(net, inputs, n);
    if (st == AL_OK && labels)
        st = al_net_check_labels(net, labels, n);
    return st;
}

al_status al_net_loss_gradient(al_net *net, const double *inputs, const double *labels, size_t n,
                               double *loss, double *grads)
{
    al_status st = check_data(net, inputs, labels, n, net ? net->chunk : 0);
    if (st != AL_OK)
        return st;
    if (!labels)
        return AL_ERR_NULL;
    load_inputs(net, inputs, NULL, 0, n);
    forward(net, n, 1);
    double data = head_loss(net, labels, NULL, 0, n, net->delta, (double)n) / (double)n;
    backward(net, n);
    double penalty = regularise(net);
    if (loss)
        *loss = data + penalty;
    if (grads)
        memcpy(grads, net->grads, net->n_params * sizeof(double));
    return AL_OK;
}

al_status al_net_train(al_net *net, const double *inputs, const double *labels, size_t n,
                       int epochs, double *loss)
{
    al_status st = check_data(net, inputs, labels, n, AL_NET_MAX_SAMPLES);
    if (st != AL_OK)
        return st;
    if (!labels)
        return AL_ERR_NULL;
    if (epochs < 0)
        return AL_ERR_PARAM;
    size_t bs = (size_t)net->cfg.batch_size;
    double epoch_loss = NAN;
    for (size_t i = 0; i < n; i++)
        net->order[i] = (uint32_t)i;
    for (int e = 0; e < epochs; e++) {
        /* Fisher-Yates with the network's own generator: a fresh order per epoch. */
        for (size_t i = n - 1; i > 0; i--) {
            size_t j = al_rng_below(&net->rng, i + 1);
            uint32_t t = net->order[i];
            net->order[i] = net->order[j];
            net->order[j] = t;
        }
        double sum = 0.0;
        for (size_t start = 0; start < n; start += bs) {
            size_t rows = n - start < bs ? n - start : bs;
            load_inputs(net, inputs, net->order, start, rows);
            forward(net, rows, 1);
            double batch = head_loss(net, labels, net->order, start, rows, net->delta, (double)rows);
            backward(net, rows);
            regularise(net);
            if (!isfinite(batch)) {
                record_grad_norms(net);
                if (loss)
                    *loss = batch;
                return AL_ERR_DIVERGED;
            }
            /* A gradient that is not finite, or a finite one times a huge
             * learning rate, makes a weight inf or NaN: then restore the
             * weights from before the step and forget the optimiser state. */
            if (!update(net)) {
                record_grad_norms(net);
                memcpy(net->params, net->prev, net->n_params * sizeof(double));
                reset_optimizer(net);
                if (loss)
                    *loss = INFINITY;
                return AL_ERR_DIVERGED;
            }
            sum += batch;
        }
        epoch_loss = sum / (double)n;
    }
    if (epochs > 0)
        record_grad_norms(net);
    if (loss)
        *loss = epoch_loss;
    return AL_OK;
}

al_status al_net_predict(al_net *net, const double *inputs, size_t n, double *outputs)
{
    al_status st = check_data(net, inputs, NULL, n, SIZE_MAX / 64);
    if (st != AL_OK)
        return st;
    if (!outputs)
        return AL_ERR_NULL;
    int k = net->width[net->L];
    for (size_t start = 0, rows; start < n; start += rows) {
        rows = forward_chunk(net, inputs, start, n);
        memcpy(outputs + start * (size_t)k, net->act[net->L], rows * (size_t)k * sizeof(double));
    }
    return AL_OK;
}

al_status al_net_evaluate(al_net *net, const double *inputs, const double *labels, size_t n,
                          double *loss, double *accuracy)
{
    al_status st = check_data(net, inputs, labels, n, SIZE_MAX / 64);
    if (st != AL_OK)
        return st;
    if (!labels)
        return AL_ERR_NULL;
    double total = 0.0, correct = 0.0, units = 0.0;
    for (size_t start = 0, rows; start < n; start += rows) {
        rows = forward_chunk(net, inputs, start, n);
        total += head_loss(net, labels, NULL, start, rows, NULL, 1.0);
        correct += count_correct(net, labels, start, rows, &units);
    }
    if (loss)
        *loss = total / (double)n;
    if (accuracy)
        *accuracy = net->cfg.head == AL_HEAD_IDENTITY_MSE ? NAN : correct / units;
    return AL_OK;
}

/* ---- parameters ------------------------------------------------------------ */

al_status al_net_get_params(const al_net *net, double *params, size_t count)
{
    if (!net || !params)
        return AL_ERR_NULL;
    if (count != net->n_params)
        return AL_ERR_SIZE;
    memcpy(params, net->params, count * sizeof(double));
    return AL_OK;
}

al_status al_net_set_params(al_net *net, const double *params, size_t count)
{
    if (!net || !params)
        return AL_ERR_NULL;
    if (count != net->n_params)
        return AL_ERR_SIZE;
    for (size_t i = 0; i < count; i++)
        if (!isfinite(params[i]))
            return AL_ERR_PARAM;
    memcpy(net->params, params, count * sizeof(double));
    reset_optimizer(net);
    return AL_OK;
}

/* ---- observables ----------------------------------------------------------- */

/* act[0] in column layout for `rows` points given as coordinate rows xs and
 * ys: one row per enabled feature, in bit order (as expand_features). */
static void feature_columns(al_net *net, const double *xs, const double *ys, size_t rows)
{
    size_t w0 = (size_t)net->width[0];
    for (size_t b = 0; b < rows; b++) {
        double f[AL_FEAT_COUNT];
        expand_features(net->cfg.features, xs[b], ys[b], f);
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
    al_status st = check_data(net, inputs, NULL, n, SIZE_MAX / 64 / AL_NET_MAX_WIDTH);
    if (st != AL_OK)
        return st;
    if (!out)
        return AL_ERR_NULL;
    for (size_t start = 0, rows; start < n; start += rows) {
        rows = chunk_rows(net, start, n);
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
    expand_features(mask & part, c, c, f); /* the part's features, in bit order */
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
                        activate(net, 1, z, o, cn, 0);
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
    double dx = (x_max - x_min) / (res - 1), dy = (y_max - y_min) / (res - 1);
    int first = net->layer_kind[1];
    if ((first == AL_TANH || first == AL_SIGMOID) && !(net->cfg.features & AL_FEAT_X1_X2)) {
        grid_separable(net, x_min, dx, y_max, dy, (size_t)res, outputs, neurons);
        return AL_OK;
    }
    double *xs = net->delta, *ys = net->delta2;
    for (size_t start = 0; start < n; start += net->chunk) {
        size_t rows = chunk_rows(net, start, n);
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

al_status al_net_layer_stats(al_net *net, const double *inputs, size_t n, double *stats)
{
    al_status st = check_data(net, inputs, NULL, n, SIZE_MAX / 64);
    if (st != AL_OK)
        return st;
    if (!stats)
        return AL_ERR_NULL;
    int L = net->L;
    /* Per layer: sum, sum of squares, saturated count; per neuron: alive flag. */
    double sum[MAX_LAYERS] = {0}, sq[MAX_LAYERS] = {0}, sat[MAX_LAYERS] = {0};
    unsigned char alive[MAX_LAYERS][AL_NET_MAX_WIDTH];
    memset(alive, 0, sizeof alive);
    for (size_t start = 0, rows; start < n; start += rows) {
        rows = forward_chunk(net, inputs, start, n);
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
    /* A = W_L ... W_1, c = W_L (... (W_2 b_1 + b_2) ...) + b_L, built layer by layer. */
    int n0 = net->width[0];
    double A[AL_NET_MAX_WIDTH * AL_NET_MAX_INPUTS], C[AL_NET_MAX_WIDTH];
    double A2[AL_NET_MAX_WIDTH * AL_NET_MAX_INPUTS], C2[AL_NET_MAX_WIDTH];
    int rows = net->width[1];
    memcpy(A, net->params + net->w_off[0], (size_t)rows * (size_t)n0 * sizeof(double));
    memcpy(C, net->params + net->b_off[0], (size_t)rows * sizeof(double));
    for (int l = 2; l <= net->L; l++) {
        int nout = net->width[l], nin = net->width[l - 1];
        const double *w = net->params + net->w_off[l - 1], *b = net->params + net->b_off[l - 1];
        for (int j = 0; j < nout; j++) {
            for (int i = 0; i < n0; i++) {
                double s = 0.0;
                for (int t = 0; t < nin; t++)
                    s += w[(size_t)j * (size_t)nin + t] * A[t * n0 + i];
                A2[j * n0 + i] = s;
            }
            double s = b[j];
            for (int t = 0; t < nin; t++)
                s += w[(size_t)j * (size_t)nin + t] * C[t];
            C2[j] = s;
        }
        memcpy(A, A2, (size_t)nout * (size_t)n0 * sizeof(double));
        memcpy(C, C2, (size_t)nout * sizeof(double));
        rows = nout;
    }
    memcpy(a, A, (size_t)rows * (size_t)n0 * sizeof(double));
    memcpy(c, C, (size_t)rows * sizeof(double));
    return AL_OK;
}
