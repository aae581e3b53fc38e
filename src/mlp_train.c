/*
 * The network engine's training: the dense layers (each forward right above
 * its backward, walking the same loops), the output heads and their losses,
 * the optimisers, and training and evaluation over caller rows or bound
 * data. Layout and notation: al_net.h.
 */
#include "al_net.h"
#include "al_gemm.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- inputs --------------------------------------------------------------- */

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
            aln_expand_features(net->cfg.features, src[0], src[1], dst);
        else
            memcpy(dst, src, (size_t)w0 * sizeof(double));
    }
}

/* ---- the dense layer l: z = a W^T + b, out = f(z) ------------------------------ */

/* Forward over `rows` rows: pre[l] (rows, nout) = act[l-1] (rows, nin) W_l^T
 * + b_l, act[l] = f(pre[l]) (softmax across a row for that head). With
 * train, a hidden layer keeps f'(z) in pre[l] instead of z (its backward
 * needs the slope, not z); so does the tanh head's output layer (its loss
 * needs the output and the slope, from the same pass); the other output
 * layers keep z (their losses are computed from it). */
static void dense_forward(al_net *net, int l, size_t rows, int train)
{
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
    al_gemm(rows, nout, nin, net->act[l - 1], nin, 1, wt, nout, z, nout, bias);
    if (net->layer_kind[l] >= 0)
        aln_activate(net, l, z, net->act[l], rows * nout, train && (l < net->L || net->cfg.head == AL_HEAD_TANH_SE));
    else
        aln_softmax_rows(z, net->act[l], rows, (int)nout);
}

/* Backward over the same rows, given d = dLoss/dz (rows, nout) of this
 * layer: dW_l (nout, nin) = d^T act[l-1] and db_l = d's column sums,
 * written over the layer's part of grads; for l > 1 also dLoss/dz of the
 * layer below into d_below (rows, nin) = (d W_l) * f'(z_{l-1}), the slope
 * that layer's training forward left in pre[l-1]. */
static void dense_backward(al_net *net, int l, size_t rows, const double *d, double *d_below)
{
    size_t nin = (size_t)net->width[l - 1], nout = (size_t)net->width[l];
    const double *w = net->params + net->w_off[l - 1];
    double *gw = net->grads + net->w_off[l - 1], *gb = net->grads + net->b_off[l - 1];
    al_gemm(nout, nin, rows, d, 1, nout, net->act[l - 1], nin, gw, nin, NULL);
    for (size_t j = 0; j < nout; j++) {
        double s = 0.0;
        for (size_t b = 0; b < rows; b++)
            s += d[b * nout + j];
        gb[j] = s;
    }
    if (l == 1)
        return;
    al_gemm(rows, nin, nout, d, nout, 1, w, nin, d_below, nin, NULL);
    const double *slope = net->pre[l - 1];
    for (size_t i = 0; i < rows * nin; i++)
        d_below[i] *= slope[i];
}

/* The whole network over the rows in act[0]. */
static void forward(al_net *net, size_t rows, int train)
{
    for (int l = 1; l <= net->L; l++)
        dense_forward(net, l, rows, train);
}

/* grads = d(mean loss)/d(params) for the rows in the buffers, given the
 * output layer's dLoss/dz in delta (after forward with train). Overwrites
 * grads; delta and delta2 take turns holding each layer's dLoss/dz. */
static void backward(al_net *net, size_t rows)
{
    double *d = net->delta, *below = net->delta2;
    for (int l = net->L; l >= 1; l--) {
        dense_backward(net, l, rows, d, below);
        double *t = d;
        d = below;
        below = t;
    }
}

/* ---- loss ---------------------------------------------------------------- */

/* Sum over the rows of the per-sample loss; if delta is not NULL, also
 * dLoss/dz of the output layer for the mean loss over `scale_rows` samples
 * (then the rows come from a training forward: for the tanh head, pre[L]
 * holds the slope sech^2 z rather than z). */
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
                double e = o[j] - y[j];
                loss += 0.5 * e * e;
                if (d)
                    d[j] = e * zr[j] * inv; /* the forward's sech^2 z, exact also where 1 - o^2 cancels */
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


/* ---- checks --------------------------------------------------------------- */

al_status al_net_check_labels_at(const al_net *net, const double *labels, size_t n, size_t *bad)
{
    if (!net || (!labels && n))
        return AL_ERR_NULL;
    if (n > SIZE_MAX / sizeof(double) / (size_t)net->label_width)
        return AL_ERR_SIZE;
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
        if (!ok) {
            if (bad)
                *bad = i;
            return AL_ERR_LABEL;
        }
    }
    return AL_OK;
}

al_status al_net_check_labels(const al_net *net, const double *labels, size_t n)
{
    return al_net_check_labels_at(net, labels, n, NULL);
}

al_status aln_check_rows(const al_net *net, const double *inputs, const double *labels, size_t n,
                         size_t limit)
{
    if (!net || !inputs)
        return AL_ERR_NULL;
    if (n == 0 || n > limit || n > SIZE_MAX / sizeof(double) / (size_t)net->input_width)
        return AL_ERR_SIZE;
    size_t count = n * (size_t)net->input_width;
    for (size_t i = 0; i < count; i++)
        if (!isfinite(inputs[i]))
            return AL_ERR_DOMAIN;
    return labels ? al_net_check_labels(net, labels, n) : AL_OK;
}

/* Bound data the network can use: widths that fit, labels checked once per
 * head and output count (the data cannot change). */
al_status al_net_check_data(const al_net *net, al_data *data, size_t *bad)
{
    if (!net || !data || !data->labels)
        return AL_ERR_NULL;
    if (data->input_width != (size_t)net->input_width || data->label_width != (size_t)net->label_width)
        return AL_ERR_SIZE;
    int k = net->width[net->L];
    if (data->checked_head != net->cfg.head || data->checked_outputs != k) {
        al_status st = al_net_check_labels_at(net, data->labels, data->n, bad);
        if (st != AL_OK)
            return st;
        data->checked_head = net->cfg.head;
        data->checked_outputs = k;
    }
    return AL_OK;
}

/* ---- regularisation and optimiser steps ---------------------------------------- */

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

/* Optimiser moments that fall into the subnormal range (below DBL_MIN,
 * 2^-1022) are set to 0. A weight whose gradient is exactly 0 (into a dead
 * ReLU unit, say) has its moments multiplied by beta1 and beta2 (or the
 * momentum) at every step: they decay into subnormal numbers, where 0.9
 * times a few ulps rounds back to itself, so they stay there; and Wasm
 * (like most CPUs without flush-to-zero) computes with subnormals many times
 * more slowly: Adam slowed 4x after a few hundred epochs. Every normal value
 * goes through unchanged, so results are bit for bit the same as before
 * wherever a moment never became subnormal; where one did, the step it gave,
 * lr * m / (sqrt(v) + eps) with |m| < 2^-1022, or sqrt(v) < 2^-511 next to
 * eps, is far below any weight's last digit unless eps itself is below about
 * 1e-138. */
#define AL_MOMENT_FLOOR DBL_MIN

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
/* floored() on two lanes: |x| below the floor becomes 0, NaN stays NaN. */
static inline v128_t floored2(v128_t x)
{
    return wasm_v128_andnot(x, wasm_f64x2_lt(wasm_f64x2_abs(x), wasm_f64x2_splat(AL_MOMENT_FLOOR)));
}
#endif

static inline double floored(double x)
{
    return fabs(x) < AL_MOMENT_FLOOR ? 0.0 : x;
}

/* One optimiser step; returns 1 if every new parameter is finite, else 0: a
 * gradient that is not finite, or a finite one times the learning rate that
 * overflows, shows up here (in the same pass over the parameters). */
static int update(al_net *net)
{
    const al_net_config *c = &net->cfg;
    double lr = c->learning_rate, *w = net->params, *g = net->grads, *m = net->m, *v = net->v;
    double acc = 0.0; /* 0 while finite, NaN after inf or NaN */
    size_t n = net->n_params;
    net->steps++;
    switch (c->optimizer) {
    case AL_OPT_SGD:
        for (size_t i = 0; i < n; i++) {
            w[i] -= lr * g[i];
            acc += w[i] * 0.0;
        }
        break;
    case AL_OPT_MOMENTUM: {
        size_t i = 0;
#ifdef __wasm_simd128__
        /* Two parameters at a time, each lane the scalar loop's operations in its order: the same bits. */
        const v128_t mom = wasm_f64x2_splat(c->momentum), rate = wasm_f64x2_splat(lr), zero = wasm_f64x2_splat(0.0);
        v128_t acc2 = zero;
        for (; i + 2 <= n; i += 2) {
            v128_t mi = floored2(wasm_f64x2_sub(wasm_f64x2_mul(mom, wasm_v128_load(m + i)),
                                                 wasm_f64x2_mul(rate, wasm_v128_load(g + i))));
            v128_t wi = wasm_f64x2_add(wasm_v128_load(w + i), mi);
            wasm_v128_store(m + i, mi);
            wasm_v128_store(w + i, wi);
            acc2 = wasm_f64x2_add(acc2, wasm_f64x2_mul(wi, zero));
        }
        acc += wasm_f64x2_extract_lane(acc2, 0) + wasm_f64x2_extract_lane(acc2, 1);
#endif
        for (; i < n; i++) {
            m[i] = floored(c->momentum * m[i] - lr * g[i]);
            w[i] += m[i];
            acc += w[i] * 0.0;
        }
        break;
    }
    default: { /* Adam */
        double c1 = 1.0 - pow(c->beta1, (double)net->steps);
        double c2 = 1.0 - pow(c->beta2, (double)net->steps);
        size_t i = 0;
#ifdef __wasm_simd128__
        /* Two parameters at a time, each lane the scalar loop's operations in its order: the same bits. */
        const v128_t b1 = wasm_f64x2_splat(c->beta1), nb1 = wasm_f64x2_splat(1.0 - c->beta1);
        const v128_t b2 = wasm_f64x2_splat(c->beta2), nb2 = wasm_f64x2_splat(1.0 - c->beta2);
        const v128_t rate = wasm_f64x2_splat(lr), k1 = wasm_f64x2_splat(c1), k2 = wasm_f64x2_splat(c2);
        const v128_t eps = wasm_f64x2_splat(c->epsilon), zero = wasm_f64x2_splat(0.0);
        v128_t acc2 = zero;
        for (; i + 2 <= n; i += 2) {
            v128_t gi = wasm_v128_load(g + i);
            v128_t mi = floored2(wasm_f64x2_add(wasm_f64x2_mul(b1, wasm_v128_load(m + i)), wasm_f64x2_mul(nb1, gi)));
            v128_t vi = floored2(wasm_f64x2_add(wasm_f64x2_mul(b2, wasm_v128_load(v + i)),
                                                wasm_f64x2_mul(wasm_f64x2_mul(nb2, gi), gi)));
            v128_t step = wasm_f64x2_div(wasm_f64x2_mul(rate, wasm_f64x2_div(mi, k1)),
                                         wasm_f64x2_add(wasm_f64x2_sqrt(wasm_f64x2_div(vi, k2)), eps));
            v128_t wi = wasm_f64x2_sub(wasm_v128_load(w + i), step);
            wasm_v128_store(m + i, mi);
            wasm_v128_store(v + i, vi);
            wasm_v128_store(w + i, wi);
            acc2 = wasm_f64x2_add(acc2, wasm_f64x2_mul(wasm_f64x2_add(wasm_f64x2_add(wi, mi), vi), zero));
        }
        acc += wasm_f64x2_extract_lane(acc2, 0) + wasm_f64x2_extract_lane(acc2, 1);
#endif
        for (; i < n; i++) {
            m[i] = floored(c->beta1 * m[i] + (1.0 - c->beta1) * g[i]);
            v[i] = floored(c->beta2 * v[i] + (1.0 - c->beta2) * g[i] * g[i]);
            w[i] -= lr * (m[i] / c1) / (sqrt(v[i] / c2) + c->epsilon);
            /* g^2 can overflow while w stays finite (the step becomes 0): the
             * moments are checked too, so that counts as divergence. */
            acc += (w[i] + m[i] + v[i]) * 0.0;
        }
        break;
    }
    }
    return acc == 0.0;
}


/* ---- training ---------------------------------------------------------------- */

/* Epoch `epoch`'s order of n samples: Fisher-Yates from the identity with a
 * generator seeded from (seed, epoch) alone, so the order needs neither the
 * earlier epochs nor anything else the network did. */
static void epoch_order(const al_net *net, size_t n)
{
    al_rng r;
    al_rng_seed(&r, al_stream_seed(net->cfg.seed, AL_STREAM_SHUFFLE, (unsigned long long)net->epochs));
    uint32_t *order = net->order;
    for (size_t i = 0; i < n; i++)
        order[i] = (uint32_t)i;
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = al_rng_below(&r, i + 1);
        uint32_t t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
}

/* params, m, v and the step count as the epoch begins: what a divergence
 * returns to. */
static void save_epoch_start(al_net *net)
{
    memcpy(net->saved, net->params, net->n_params * sizeof(double));
    memcpy(net->saved + net->n_params, net->m, 2 * net->n_params * sizeof(double)); /* m, v adjacent */
    net->saved_steps = net->steps;
}

/* Stops training after a non-finite loss or step: the network goes back to
 * where the epoch began (parameters, moments, step count), so its state is
 * that of its last completed epoch; the gradient norms show the step that
 * failed. */
static al_status diverged(al_net *net, double value, double *loss)
{
    record_grad_norms(net);
    memcpy(net->params, net->saved, net->n_params * sizeof(double));
    memcpy(net->m, net->saved + net->n_params, 2 * net->n_params * sizeof(double));
    net->steps = net->saved_steps;
    if (loss)
        *loss = value;
    return AL_ERR_DIVERGED;
}

/* One epoch over n checked rows; *sum = the data loss summed over the samples. */
static al_status train_epoch(al_net *net, const double *inputs, const double *labels, size_t n,
                             double *sum, double *loss)
{
    size_t bs = (size_t)net->cfg.batch_size;
    epoch_order(net, n);
    save_epoch_start(net);
    *sum = 0.0;
    for (size_t start = 0; start < n; start += bs) {
        size_t rows = n - start < bs ? n - start : bs;
        load_inputs(net, inputs, net->order, start, rows);
        forward(net, rows, 1);
        double batch = head_loss(net, labels, net->order, start, rows, net->delta, (double)rows);
        backward(net, rows);
        regularise(net);
        if (!isfinite(batch))
            return diverged(net, batch, loss);
        if (!update(net))
            return diverged(net, INFINITY, loss);
        *sum += batch;
    }
    net->epochs += 1.0;
    return AL_OK;
}

size_t aln_train_row_limit(const al_net *net)
{
    size_t width = (size_t)net->input_width + (size_t)net->label_width;
    return (size_t)(AL_NET_MAX_TRAIN_BYTES / sizeof(double)) / width;
}

/* Room in the order buffer for n samples (n is within the row limit, so
 * the byte count cannot wrap); nothing changes when it cannot grow. */
static al_status reserve_order(al_net *net, size_t n)
{
    if (n <= net->order_cap)
        return AL_OK;
    uint32_t *order = realloc(net->order, n * sizeof(uint32_t));
    if (!order)
        return AL_ERR_NO_MEMORY;
    net->order = order;
    net->order_cap = n;
    return AL_OK;
}

static al_status train_rows(al_net *net, const double *inputs, const double *labels, size_t n,
                            int epochs, double *loss)
{
    if (epochs < 0)
        return AL_ERR_PARAM;
    if (reserve_order(net, n) != AL_OK)
        return AL_ERR_NO_MEMORY;
    double epoch_loss = NAN, sum;
    for (int e = 0; e < epochs; e++) {
        al_status st = train_epoch(net, inputs, labels, n, &sum, loss);
        if (st != AL_OK)
            return st;
        epoch_loss = sum / (double)n;
    }
    if (epochs > 0)
        record_grad_norms(net);
    if (loss)
        *loss = epoch_loss;
    return AL_OK;
}

al_status al_net_train(al_net *net, const double *inputs, const double *labels, size_t n,
                       int epochs, double *loss)
{
    if (net && !labels)
        return AL_ERR_NULL;
    al_status st = aln_check_rows(net, inputs, labels, n, net ? aln_train_row_limit(net) : 0);
    return st != AL_OK ? st : train_rows(net, inputs, labels, n, epochs, loss);
}

al_status al_net_train_data(al_net *net, al_data *data, int epochs, double *loss)
{
    al_status st = al_net_check_data(net, data, NULL);
    if (st != AL_OK)
        return st;
    if (data->n > aln_train_row_limit(net))
        return AL_ERR_SIZE;
    return train_rows(net, data->inputs, data->labels, data->n, epochs, loss);
}

al_status al_net_loss_gradient(al_net *net, const double *inputs, const double *labels, size_t n,
                               double *loss, double *grads)
{
    if (net && !labels)
        return AL_ERR_NULL;
    al_status st = aln_check_rows(net, inputs, labels, n, net ? net->chunk : 0);
    if (st != AL_OK)
        return st;
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

/* ---- prediction and evaluation ---------------------------------------------------- */

size_t aln_forward_chunk(al_net *net, const double *inputs, size_t start, size_t n)
{
    size_t rows = aln_chunk_rows(net, start, n);
    load_inputs(net, inputs, NULL, start, rows);
    forward(net, rows, 0);
    return rows;
}

/* Each row's output layer after the head (act) or before it (pre: z). */
size_t aln_delta_chunk(al_net *net, const double *inputs, const double *labels, size_t start, size_t n,
                       void (*visit)(void *ctx, int l, const double *d, size_t count), void *ctx)
{
    size_t rows = aln_chunk_rows(net, start, n);
    load_inputs(net, inputs, NULL, start, rows);
    forward(net, rows, 1);
    /* scale 1: each sample's own loss. A non-finite logit row stops head_loss before it has
     * written every delta: the chunk's gradients are then NaN, which no histogram counts. */
    if (!isfinite(head_loss(net, labels, NULL, start, rows, net->delta, 1.0)))
        for (size_t i = 0; i < rows * (size_t)net->width[net->L]; i++)
            net->delta[i] = NAN;
    double *d = net->delta, *below = net->delta2;
    visit(ctx, net->L, d, rows * (size_t)net->width[net->L]);
    for (int l = net->L; l >= 2; l--) {
        dense_backward(net, l, rows, d, below);
        visit(ctx, l - 1, below, rows * (size_t)net->width[l - 1]);
        double *t = d;
        d = below;
        below = t;
    }
    return rows;
}

static al_status output_rows(al_net *net, const double *inputs, size_t n, double *out, int logits)
{
    al_status st = aln_check_rows(net, inputs, NULL, n, SIZE_MAX / sizeof(double) / AL_NET_MAX_OUTPUTS);
    if (st != AL_OK)
        return st;
    if (!out)
        return AL_ERR_NULL;
    int k = net->width[net->L];
    for (size_t start = 0, rows; start < n; start += rows) {
        rows = aln_forward_chunk(net, inputs, start, n);
        const double *from = logits ? net->pre[net->L] : net->act[net->L];
        memcpy(out + start * (size_t)k, from, rows * (size_t)k * sizeof(double));
    }
    return AL_OK;
}

al_status al_net_predict(al_net *net, const double *inputs, size_t n, double *outputs)
{
    return output_rows(net, inputs, n, outputs, 0);
}

al_status al_net_logits(al_net *net, const double *inputs, size_t n, double *z)
{
    return output_rows(net, inputs, n, z, 1);
}

static void evaluate_rows(al_net *net, const double *inputs, const double *labels, size_t n,
                          double *loss, double *accuracy)
{
    double total = 0.0, correct = 0.0, units = 0.0;
    for (size_t start = 0, rows; start < n; start += rows) {
        rows = aln_forward_chunk(net, inputs, start, n);
        total += head_loss(net, labels, NULL, start, rows, NULL, 1.0);
        correct += count_correct(net, labels, start, rows, &units);
    }
    if (loss)
        *loss = total / (double)n;
    if (accuracy)
        *accuracy = net->cfg.head == AL_HEAD_IDENTITY_MSE ? NAN : correct / units;
}

al_status al_net_evaluate(al_net *net, const double *inputs, const double *labels, size_t n,
                          double *loss, double *accuracy)
{
    if (net && !labels)
        return AL_ERR_NULL;
    al_status st = aln_check_rows(net, inputs, labels, n, SIZE_MAX / sizeof(double) / AL_NET_MAX_OUTPUTS);
    if (st == AL_OK)
        evaluate_rows(net, inputs, labels, n, loss, accuracy);
    return st;
}

al_status al_net_evaluate_data(al_net *net, al_data *data, double *loss, double *accuracy)
{
    al_status st = al_net_check_data(net, data, NULL);
    if (st == AL_OK)
        evaluate_rows(net, data->inputs, data->labels, data->n, loss, accuracy);
    return st;
}
