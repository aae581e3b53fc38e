/*
 * The network engine's objects: creation (one allocation for everything
 * sized by the parameters, one for the row buffers), training options,
 * parameters and training state, and bound data. Layout and notation:
 * al_net.h.
 */
#include "al_net.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- creation -------------------------------------------------------------- */

static void init_params(al_net *net)
{
    const al_net_config *c = &net->cfg;
    al_rng rng;
    al_rng_seed(&rng, c->seed);
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
        case AL_INIT_NORMAL: normal_sd = c->init_std; break;
        default: break; /* zeros */
        }
        for (size_t i = 0; i < nw; i++) {
            if (normal_sd > 0.0)
                w[i] = normal_sd * al_rng_normal(&rng);
            else if (uniform_a > 0.0)
                w[i] = uniform_a * (2.0 * al_rng_uniform(&rng) - 1.0);
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

/* a * b + c, or SIZE_MAX if that does not fit in a size_t. */
static size_t mul_add(size_t a, size_t b, size_t c)
{
    if (a && b > (SIZE_MAX - c) / a)
        return SIZE_MAX;
    return a * b + c;
}

/* Allocates row buffers for `chunk` rows and points the network at them;
 * the old ones are freed only once the new ones exist. */
static al_status alloc_rows(al_net *net, size_t chunk)
{
    size_t max_width = 0, per_row = 0;
    for (int l = 0; l <= net->L; l++) {
        size_t w = (size_t)net->width[l];
        per_row += (l ? 2 : 1) * w; /* act[l], and pre[l] for l >= 1 */
        if (w > max_width)
            max_width = w;
    }
    per_row += 2 * max_width; /* delta, delta2 */
    size_t doubles = mul_add(chunk, per_row, 0);
    if (doubles > SIZE_MAX / sizeof(double))
        return AL_ERR_NO_MEMORY;
    double *block = malloc(doubles * sizeof(double));
    if (!block)
        return AL_ERR_NO_MEMORY;
    free(net->rows_block);
    net->rows_block = block;
    net->chunk = chunk;
    double *p = block;
    for (int l = 0; l <= net->L; l++) {
        net->act[l] = p, p += chunk * (size_t)net->width[l];
        if (l)
            net->pre[l] = p, p += chunk * (size_t)net->width[l];
    }
    net->delta = p, p += chunk * max_width;
    net->delta2 = p;
    return AL_OK;
}

static size_t chunk_for(int batch_size)
{
    return batch_size > AL_NET_MIN_CHUNK ? (size_t)batch_size : AL_NET_MIN_CHUNK;
}

/* The activation each layer applies: hidden kinds, then the head's (-1 for softmax). */
static void set_layer_kinds(al_net *net)
{
    const al_net_config *cfg = &net->cfg;
    for (int l = 1; l < net->L; l++) {
        net->layer_kind[l] = cfg->hidden_kind[l - 1];
        int np = al_kind_param_count(net->layer_kind[l]);
        for (int i = 0; i < np; i++)
            net->layer_params[l][i] = cfg->hidden_params[l - 1][i];
    }
    static const int head_kind[AL_HEAD_COUNT] = {AL_IDENTITY, AL_SIGMOID, -1, AL_TANH};
    net->layer_kind[net->L] = head_kind[cfg->head];
    for (int l = 1; l <= net->L; l++)
        net->peak_slope[l] = net->layer_kind[l] >= 0 ? peak_slope(net->layer_kind[l], net->layer_params[l]) : NAN;
}

al_net *al_net_create(const al_net_config *cfg, al_status *status)
{
    al_status dummy;
    if (!status)
        status = &dummy;
    if ((*status = al_net_check_config(cfg, NULL)) != AL_OK)
        return NULL;
    int L = cfg->n_layers - 1;
    size_t n_params = 0, w_off[AL_NET_LAYERS - 1], b_off[AL_NET_LAYERS - 1];
    for (int l = 1; l <= L; l++) {
        w_off[l - 1] = n_params;
        n_params += (size_t)cfg->sizes[l] * (size_t)cfg->sizes[l - 1];
        b_off[l - 1] = n_params;
        n_params += (size_t)cfg->sizes[l];
    }
    /* params, grads, m, v, saved (3), wt; grad_norm. The limits keep this far
     * from overflowing: at most 784 x 256 + 9 x 256 x 256 + 256 x 10 weights. */
    size_t doubles = 8 * n_params + (size_t)L;
    size_t bytes = sizeof(al_net) + doubles * sizeof(double);
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
    /* Carve the arrays out of the same block (sizeof(al_net) keeps doubles aligned). */
    double *p = (double *)(net + 1);
    net->params = p, p += n_params;
    net->grads = p, p += n_params;
    net->m = p, p += n_params;
    net->v = p, p += n_params;
    net->saved = p, p += 3 * n_params;
    net->wt = p, p += n_params;
    net->grad_norm = p, p += L;
    memset(net->params, 0, (8 * n_params + (size_t)L) * sizeof(double));
    if ((*status = alloc_rows(net, chunk_for(cfg->batch_size))) != AL_OK) {
        free(net);
        return NULL;
    }
    set_layer_kinds(net);
    init_params(net);
    return net;
}

void al_net_free(al_net *net)
{
    if (!net)
        return;
    free(net->rows_block);
    free(net->order);
    free(net);
}

const al_net_config *al_net_get_config(const al_net *net) { return net ? &net->cfg : NULL; }
int al_net_input_width(const al_net *net) { return net ? net->input_width : -1; }
int al_net_label_width(const al_net *net) { return net ? net->label_width : -1; }
size_t al_net_param_count(const al_net *net) { return net ? net->n_params : 0; }
double al_net_epoch_count(const al_net *net) { return net ? net->epochs : NAN; }

int al_net_neuron_count(const al_net *net)
{
    if (!net)
        return -1;
    int c = 0;
    for (int l = 1; l <= net->L; l++)
        c += net->width[l];
    return c;
}

/* ---- training options --------------------------------------------------------- */

/* The fields that fix what the network is; only the training options may change. */
enum { FIXED_NONE, FIXED_LAYERS, FIXED_SIZES, FIXED_KIND, FIXED_PARAMS, FIXED_FEATURES, FIXED_HEAD,
       FIXED_INIT, FIXED_SEED, FIXED_INIT_STD };
static const char *const FIXED_FIELD[][2] = {
    {NULL, NULL}, {"n_layers", "layers"}, {"sizes", "layers"}, {"hidden_kind", "activation"},
    {"hidden_params", "activation"}, {"features", "features"}, {"head", "output"}, {"init", "init"},
    {"seed", "seed"}, {"init_std", "initStd"},
};

/* The first of those in which a differs from the network's config, or FIXED_NONE. */
static int fixed_field_changed(const al_net_config *was, const al_net_config *a)
{
    if (a->n_layers != was->n_layers)
        return FIXED_LAYERS;
    for (int l = 0; l < was->n_layers; l++)
        if (a->sizes[l] != was->sizes[l])
            return FIXED_SIZES;
    for (int l = 0; l < was->n_layers - 2; l++) {
        if (a->hidden_kind[l] != was->hidden_kind[l])
            return FIXED_KIND;
        for (int i = 0; i < al_kind_param_count(was->hidden_kind[l]); i++)
            if (!(a->hidden_params[l][i] == was->hidden_params[l][i]))
                return FIXED_PARAMS;
    }
    if (a->features != was->features)
        return FIXED_FEATURES;
    if (a->head != was->head)
        return FIXED_HEAD;
    if (a->init != was->init)
        return FIXED_INIT;
    if (a->seed != was->seed)
        return FIXED_SEED;
    return a->init_std != was->init_std ? FIXED_INIT_STD : FIXED_NONE;
}

al_status al_net_set_training(al_net *net, const al_net_config *cfg, al_config_problem *problem)
{
    if (!net || !cfg) {
        aln_report(problem, "config", "config", "a config", -1);
        return AL_ERR_NULL;
    }
    al_status st = al_net_config_check(cfg, problem);
    if (st != AL_OK)
        return st;
    int fixed = fixed_field_changed(&net->cfg, cfg);
    if (fixed != FIXED_NONE)
        return aln_report(problem, FIXED_FIELD[fixed][0], FIXED_FIELD[fixed][1],
                      "the same as the network's (only training options can change)", -1);
    size_t chunk = chunk_for(cfg->batch_size);
    if (chunk > net->chunk && (st = alloc_rows(net, chunk)) != AL_OK)
        return st;
    if (cfg->optimizer != net->cfg.optimizer)
        aln_reset_optimizer(net);
    net->cfg = *cfg;
    return AL_OK;
}

/* ---- parameters and state ------------------------------------------------------ */

void aln_reset_optimizer(al_net *net)
{
    memset(net->m, 0, 2 * net->n_params * sizeof(double)); /* m and v are adjacent */
    net->steps = 0;
}

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
    aln_reset_optimizer(net);
    return AL_OK;
}

al_status al_net_set_param(al_net *net, size_t index, double value)
{
    if (!net)
        return AL_ERR_NULL;
    if (index >= net->n_params)
        return AL_ERR_SIZE;
    if (!isfinite(value))
        return AL_ERR_PARAM;
    net->params[index] = value;
    return AL_OK;
}

size_t al_net_state_count(const al_net *net)
{
    return net ? 2 + 2 * net->n_params : 0;
}

al_status al_net_get_state(const al_net *net, double *state, size_t count)
{
    if (!net || !state)
        return AL_ERR_NULL;
    if (count != al_net_state_count(net))
        return AL_ERR_SIZE;
    state[0] = net->epochs;
    state[1] = (double)net->steps;
    memcpy(state + 2, net->m, 2 * net->n_params * sizeof(double));
    return AL_OK;
}

static int whole_count(double v) { return v >= 0.0 && v <= 0x1p53 && v == floor(v); }

al_status al_net_set_state(al_net *net, const double *state, size_t count)
{
    if (!net || !state)
        return AL_ERR_NULL;
    if (count != al_net_state_count(net))
        return AL_ERR_SIZE;
    if (!whole_count(state[0]) || !whole_count(state[1]))
        return AL_ERR_PARAM;
    size_t n = net->n_params;
    for (size_t i = 0; i < 2 * n; i++)
        if (!isfinite(state[2 + i]) || (i >= n && state[2 + i] < 0.0))
            return AL_ERR_PARAM;
    net->epochs = state[0];
    net->steps = (long long)state[1];
    memcpy(net->m, state + 2, 2 * n * sizeof(double));
    return AL_OK;
}

/* ---- bound data ----------------------------------------------------------------- */

/* The struct, rounded up so that the doubles after it are aligned. */
#define DATA_HEAD ((sizeof(al_data) + sizeof(double) - 1) / sizeof(double) * sizeof(double))

al_data *al_data_create(const double *inputs, size_t input_width, const double *labels,
                        size_t label_width, size_t n, size_t *bad, al_status *status)
{
    al_status dummy;
    if (!status)
        status = &dummy;
    *status = AL_ERR_SIZE;
    if (!inputs || (!labels && label_width)) {
        *status = AL_ERR_NULL;
        return NULL;
    }
    if (n == 0 || input_width == 0 || input_width > AL_NET_MAX_INPUTS || label_width > AL_NET_MAX_OUTPUTS ||
        (labels && !label_width))
        return NULL;
    size_t width = input_width + (labels ? label_width : 0);
    size_t doubles = mul_add(n, width, 0);
    if (doubles > (SIZE_MAX - DATA_HEAD) / sizeof(double))
        return NULL;
    size_t count = n * input_width;
    for (size_t i = 0; i < count; i++) {
        if (!isfinite(inputs[i])) {
            if (bad)
                *bad = i;
            *status = AL_ERR_DOMAIN;
            return NULL;
        }
    }
    al_data *data = malloc(DATA_HEAD + doubles * sizeof(double));
    if (!data) {
        *status = AL_ERR_NO_MEMORY;
        return NULL;
    }
    data->n = n;
    data->input_width = input_width;
    data->label_width = labels ? label_width : 0;
    data->inputs = (double *)((char *)data + DATA_HEAD);
    data->labels = labels ? data->inputs + count : NULL;
    memcpy(data->inputs, inputs, count * sizeof(double));
    if (labels)
        memcpy(data->labels, labels, n * label_width * sizeof(double));
    data->checked_head = data->checked_outputs = -1;
    *status = AL_OK;
    return data;
}

void al_data_free(al_data *data)
{
    free(data);
}

size_t al_data_rows(const al_data *data)
{
    return data ? data->n : 0;
}
