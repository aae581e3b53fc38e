/* libFuzzer harness over every public entry point. The input bytes choose a
 * function, a kind, parameters and the doubles to feed it (any bit pattern:
 * NaN, inf, subnormals). Besides crashes and sanitizer reports, it checks
 * properties that hold for every input, so a wrong answer also stops it. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "actlab.h"
#include "test_nets.h"

#define MAXN 64

static int take(const uint8_t **d, size_t *n, void *out, size_t size)
{
    if (*n < size)
        return 0;
    memcpy(out, *d, size);
    *d += size;
    *n -= size;
    return 1;
}

/* The training-state entry points on a live network: training options from
 * the bytes (accepted exactly when the config check accepts them), a state
 * from the bytes (accepted or refused, never half applied), one edited
 * parameter. */
static void fuzz_training_state(al_net *net, const uint8_t *b, double value)
{
    al_net_config t = *al_net_get_config(net);
    t.optimizer = b[0] % 4;
    t.batch_size = (int)(b[1] % 40) - 2;
    t.learning_rate = value;
    t.momentum = (b[2] & 1) ? 0.5 : 1.0;
    al_config_problem pr;
    int ok = al_net_config_check(&t, NULL) == AL_OK;
    al_status st = al_net_set_training(net, &t, &pr);
    if ((st == AL_OK) != ok || (st != AL_OK && (!pr.field || !pr.key || !pr.rule)))
        abort();
    const al_net_config *now = al_net_get_config(net);
    if (st == AL_OK && (now->optimizer != t.optimizer || now->batch_size != t.batch_size ||
                        now->learning_rate != t.learning_rate || now->momentum != t.momentum))
        abort();
    size_t np = al_net_param_count(net), ns = al_net_state_count(net);
    double *state = malloc(ns * sizeof(double)), *again = malloc(ns * sizeof(double));
    if (state && again && al_net_get_state(net, state, ns) == AL_OK) {
        state[2 + (b[3] % (2 * np))] = value;
        state[b[4] & 1] = (b[4] & 2) ? value : floor(fabs(value));
        double before = al_net_epoch_count(net);
        st = al_net_set_state(net, state, ns);
        al_net_get_state(net, again, ns);
        for (size_t i = 0; st == AL_OK && i < ns; i++)
            if (!(state[i] == again[i]))
                abort(); /* accepted: as given (a step count of -0 reads back as 0) */
        if (st != AL_OK && al_net_epoch_count(net) != before)
            abort(); /* refused: nothing changed */
    }
    free(state);
    free(again);
    st = al_net_set_param(net, b[5] % (np + 1), value);
    if ((st == AL_OK) != (b[5] % (np + 1) < np && isfinite(value)))
        abort();
}

/* Networks: a config from the bytes (often invalid), and when it is valid a
 * network trained, queried and freed on a few rows. Checks: create succeeds
 * exactly when al_net_check_config accepts; bounded heads stay in range;
 * parameters survive a get/set round trip; training never leaves a NaN in
 * the parameters; 2 epochs in one call equal 1 + 1 on bound data; the
 * training-state calls keep their promises. */
static void fuzz_network(const uint8_t *d, size_t n)
{
    uint8_t b[24];
    if (!take(&d, &n, b, sizeof b))
        return;
    al_net_config c;
    al_net_config_default(&c);
    c.n_layers = b[0] % (AL_NET_MAX_HIDDEN + 4); /* one more than the limit allows */
    for (int l = 0; l < AL_NET_MAX_HIDDEN + 2; l++)
        c.sizes[l] = b[1 + l % 10] % 70;
    for (int l = 0; l < AL_NET_MAX_HIDDEN; l++)
        c.hidden_kind[l] = (int)(b[11 + (l % 4)] % (AL_KIND_COUNT + 1));
    for (int l = 0; l < AL_NET_MAX_HIDDEN; l++)
        for (int i = 0; i < al_kind_param_count(c.hidden_kind[l]); i++)
            c.hidden_params[l][i] = al_kind_param_default(c.hidden_kind[l], i);
    c.features = b[15] & 0x80 ? 0 : b[15];
    c.head = b[16] % 5;
    c.init = b[17] % 8;
    c.optimizer = b[18] % 4;
    c.batch_size = 1 + b[19] % 20;
    c.seed = b[20];
    double lr;
    if (!take(&d, &n, &lr, sizeof lr))
        return;
    c.learning_rate = lr;
    c.l2 = (b[21] & 1) ? 0.01 : 0.0;
    c.l1 = (b[21] & 2) ? 0.001 : 0.0;
    const char *field = NULL;
    al_status check = al_net_check_config(&c, &field);
    al_status st;
    al_net *net = al_net_create(&c, &st);
    if ((net != NULL) != (check == AL_OK) || (check != AL_OK && !field))
        abort();
    if (!net)
        return;
    int iw = al_net_input_width(net), lw = al_net_label_width(net);
    int k = c.sizes[c.n_layers - 1];
    double x[16 * AL_NET_MAX_INPUTS], y[16 * AL_NET_MAX_OUTPUTS], out[16 * AL_NET_MAX_OUTPUTS];
    size_t rows = n / (sizeof(double) * (size_t)iw);
    if (rows > 16)
        rows = 16;
    memcpy(x, d, rows * (size_t)iw * sizeof(double));
    for (size_t i = 0; i < rows * (size_t)lw; i++) {
        int bit = (b[22 + (i & 1)] >> (i % 8)) & 1;
        y[i] = c.head == AL_HEAD_SOFTMAX_CE ? (double)((b[22] + i) % (size_t)k)
             : c.head == AL_HEAD_TANH_SE ? (bit ? 1.0 : -1.0) : (double)bit;
    }
    if (rows > 0) {
        double loss;
        al_net *twin = al_net_create(&c, NULL);
        st = al_net_train(net, x, y, rows, 2, &loss);
        al_status dst;
        al_data *bound = al_data_create(x, (size_t)iw, y, (size_t)lw, rows, NULL, &dst);
        if (twin && bound) {
            al_status s1 = al_net_train_data(twin, bound, 1, &loss);
            al_status s2 = s1 == AL_OK ? al_net_train_data(twin, bound, 1, &loss) : s1;
            if (s2 != st || !same_network(net, twin))
                abort(); /* training is a pure function of (config, data, epochs) */
        } else if (twin && st != AL_ERR_DOMAIN) {
            abort(); /* rows the network takes can be bound */
        }
        al_data_free(bound);
        al_net_free(twin);
        size_t np = al_net_param_count(net);
        double *p = malloc(np * sizeof(double));
        if (p && al_net_get_params(net, p, np) == AL_OK) {
            for (size_t i = 0; i < np; i++)
                if (!isfinite(p[i]))
                    abort(); /* divergence keeps the last finite parameters */
            if (al_net_set_params(net, p, np) != AL_OK)
                abort();
        }
        free(p);
        if (al_net_predict(net, x, rows, out) == AL_OK && c.head != AL_HEAD_IDENTITY_MSE) {
            double lo = c.head == AL_HEAD_TANH_SE ? -1.0 : 0.0;
            for (size_t i = 0; i < rows * (size_t)k; i++)
                if (out[i] < lo || out[i] > 1.0)
                    abort();
        }
        /* The logits: the same forward pass, before the head (identity: equal). */
        double z[16 * AL_NET_MAX_OUTPUTS];
        if (al_net_logits(net, x, rows, z) == AL_OK && c.head == AL_HEAD_IDENTITY_MSE &&
            memcmp(z, out, rows * (size_t)k * sizeof(double)) != 0)
            abort();
        double acc;
        (void)al_net_evaluate(net, x, y, rows, &loss, &acc);
        /* Every neuron's output: the output layer's rows are predict's (neuron-major). */
        size_t neurons = al_net_neuron_count(net);
        double *every = malloc(neurons * rows * sizeof(double));
        if (every && al_net_neuron_outputs(net, x, rows, every) == AL_OK && al_net_predict(net, x, rows, out) == AL_OK)
            for (size_t r = 0; r < rows; r++)
                for (int o = 0; o < k; o++)
                {
                    double a = every[(neurons - (size_t)k + (size_t)o) * rows + r], p = out[r * (size_t)k + (size_t)o];
                    if (!(a == p || (isnan(a) && isnan(p))))
                        abort();
                }
        free(every);
        double norms[AL_NET_MAX_HIDDEN + 1];
        if (st == AL_OK && al_net_grad_norms(net, norms) == AL_OK)
            for (int l = 0; l < c.n_layers - 1; l++)
                if (!(norms[l] >= 0.0))
                    abort(); /* a norm: never negative, never NaN after a finite step */
        double stats[4 * (AL_NET_MAX_HIDDEN + 1)];
        (void)al_net_layer_stats(net, x, rows, stats);
        /* Histograms: each layer's outputs and z count every (row, unit) but NaNs. */
        int bins = 1 + b[23] % 8;
        double edges[(AL_NET_MAX_HIDDEN + 1) * 3 * 9], hc[(AL_NET_MAX_HIDDEN + 1) * 3 * 8];
        if (al_net_layer_histograms(net, x, (b[23] & 0x80) ? y : NULL, rows, bins, NULL, edges, hc) == AL_OK) {
            for (int l = 0; l < c.n_layers - 1; l++) {
                double total = 0.0;
                for (int i = 0; i < bins; i++)
                    total += hc[(l * 3) * bins + i];
                if (total > (double)rows * c.sizes[l + 1])
                    abort();
            }
            for (int l = 0; l < c.n_layers - 1; l++)
                for (int i = 0; i < 2 * (bins + 1); i++)
                    if (!isfinite(edges[l * 3 * (bins + 1) + i]))
                        abort(); /* output and z ranges are always finite */
        }
    }
    if (c.features) {
        static double grid_out[9 * AL_NET_MAX_OUTPUTS], neurons[9 * (AL_NET_MAX_HIDDEN * AL_NET_MAX_WIDTH + AL_NET_MAX_OUTPUTS)];
        (void)al_net_grid(net, -1.0, 1.0, -1.0, 1.0, 3, grid_out, neurons);
    }
    double a[AL_NET_MAX_OUTPUTS * AL_NET_MAX_INPUTS], cc[AL_NET_MAX_OUTPUTS];
    (void)al_net_collapse(net, a, cc);
    double value = 0.0, feats[4 * AL_NET_MAX_INPUTS];
    if (take(&d, &n, &value, sizeof value) && n >= 6) {
        fuzz_training_state(net, d, value);
        if (rows > 0)
            (void)al_net_features(net, x, rows < 4 ? rows : 4, feats);
    }
    al_net_free(net);
}

/* A string from the bytes (at most 40, NUL-terminated; any bytes, so also
 * names with a byte changed, cut short or run on). */
static void take_name(const uint8_t **d, size_t *n, char *out)
{
    size_t len = 0;
    while (len < 40 && *n > 0 && **d != 0) {
        out[len++] = (char)**d;
        (*d)++;
        (*n)--;
    }
    out[len] = '\0';
}

/* Datasets, permutations and the name lookups. Checks: a lookup finds a name
 * exactly when it is in its table, at its index; a dataset of any count,
 * noise and seed is generated exactly when the arguments are in range, with
 * finite inputs and labels of its task, the same twice; a permutation is one. */
static void fuzz_data_and_names(const uint8_t *d, size_t n)
{
    char name[41];
    uint8_t b[4];
    double noise;
    if (!take(&d, &n, b, sizeof b) || !take(&d, &n, &noise, sizeof noise))
        return;
    take_name(&d, &n, name);
    int kind = al_kind_from_name(name);
    if (kind >= 0 ? strcmp(al_kind_name(kind), name) != 0 : kind != -1)
        abort();
    int set = al_dataset_from_name(name);
    if (set >= 0 && strcmp(al_dataset_name(set), name) != 0)
        abort();
    int table = (int)(b[0] % (AL_VOCAB_COUNT + 2)) - 1; /* includes -1 and one past */
    int found = al_vocab_find(table, name);
    if (found >= 0 && strcmp(al_vocab_name(table, found), name) != 0)
        abort();
    if (al_vocab_count(table) < 0 && (found != -1 || al_vocab_name(table, 0) != NULL))
        abort();
    /* A name from the table is found at its index. */
    int count = al_vocab_count(table);
    if (count > 0) {
        int i = b[1] % count;
        if (al_vocab_find(table, al_vocab_name(table, i)) != i)
            abort();
    }

    int dk = (int)(b[1] % (AL_DATA_COUNT + 2)) - 1;
    size_t rows = (size_t)(b[2] | (b[3] << 8)) % (AL_DATA_MAX_COUNT + 2); /* 0 .. one past the limit */
    unsigned long long seed = ((unsigned long long)b[0] << 32) ^ (unsigned long long)b[3];
    int in_range = dk >= 0 && dk < AL_DATA_COUNT && rows >= 1 && rows <= AL_DATA_MAX_COUNT && noise >= 0.0 && noise <= 1.0;
    double *x = malloc(2 * (rows + 1) * sizeof(double)), *y = malloc((rows + 1) * sizeof(double));
    double *x2 = malloc(2 * (rows + 1) * sizeof(double)), *y2 = malloc((rows + 1) * sizeof(double));
    unsigned int *perm = malloc((rows + 1) * sizeof(unsigned int));
    if (x && y && x2 && y2 && perm) {
        al_status st = al_dataset_generate(dk, rows, noise, seed, x, y);
        if ((st == AL_OK) != in_range)
            abort();
        if (st == AL_OK) {
            int classes = al_dataset_classes(dk);
            for (size_t i = 0; i < rows; i++) {
                if (!isfinite(x[2 * i]) || !isfinite(x[2 * i + 1]))
                    abort();
                if (classes ? !(y[i] >= 0.0 && y[i] < classes && y[i] == floor(y[i])) : !(y[i] >= -1.0 && y[i] <= 1.0))
                    abort();
            }
            if (al_dataset_generate(dk, rows, noise, seed, x2, y2) != AL_OK ||
                memcmp(x, x2, 2 * rows * sizeof(double)) != 0 || memcmp(y, y2, rows * sizeof(double)) != 0)
                abort(); /* the same seed, the same points */
        }
        if (al_permutation(rows, seed, perm) == AL_OK) {
            memset(x2, 0, rows * sizeof(double));
            for (size_t i = 0; i < rows; i++) {
                if (perm[i] >= rows || x2[perm[i]] != 0.0)
                    abort(); /* each index once */
                x2[perm[i]] = 1.0;
            }
        }
    }
    free(x);
    free(y);
    free(x2);
    free(y2);
    free(perm);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t sel[3];
    if (!take(&data, &size, sel, sizeof sel))
        return 0;
    if (sel[0] >= 232) {
        fuzz_network(data, size);
        return 0;
    }
    if (sel[0] >= 216) {
        fuzz_data_and_names(data, size);
        return 0;
    }
    double params[AL_MAX_PARAMS] = {0};
    size_t nparams = sel[2] % (AL_MAX_PARAMS + 1);
    for (size_t i = 0; i < nparams; i++)
        if (!take(&data, &size, &params[i], sizeof(double)))
            return 0;
    double x[MAXN], y[MAXN], g[MAXN], jac[16 * 16];
    size_t n = size / sizeof(double);
    if (n > MAXN)
        n = MAXN;
    memcpy(x, data, n * sizeof(double));
    int kind = (int)(sel[1] % (AL_KIND_COUNT + 2)) - 1; /* includes -1 and N */
    const double *pp = sel[2] & 0x80 ? NULL : params;
    al_status st;

    switch (sel[0] % 9) {
    case 0:
    case 1:
        st = (sel[0] % 9 ? al_derivative : al_forward)(kind, pp, nparams, x, y, n);
        if (st == AL_OK)
            for (size_t i = 0; i < n; i++)
                if (isnan(x[i]) && !isnan(y[i]))
                    abort(); /* NaN must propagate */
        break;
    case 2:
        st = al_param_derivative(kind, pp, nparams, sel[2] & 1, x, y, n);
        break;
    case 3: {
        double t = nparams ? params[0] : 1.0;
        st = al_softmax(x, n, t, y);
        if (st == AL_OK) {
            double s = 0.0;
            int any_nan = 0;
            for (size_t i = 0; i < n; i++) {
                if (isnan(y[i]))
                    any_nan = 1;
                else if (y[i] < 0.0 || y[i] > 1.0)
                    abort();
                s += y[i];
            }
            if (!any_nan && fabs(s - 1.0) > 1e-12 * (double)n)
                abort(); /* probabilities must sum to 1 */
        }
        st = al_log_softmax(x, n, t, g);
        if (st == AL_OK)
            for (size_t i = 0; i < n; i++)
                if (g[i] > 0.0)
                    abort();
        break;
    }
    case 4:
        if (n > 16)
            n = 16;
        st = al_softmax_jacobian(x, n, nparams ? params[0] : 1.0, jac);
        break;
    case 5:
        st = al_sparsemax(x, n, y);
        if (st == AL_OK)
            for (size_t i = 0; i < n; i++)
                if (y[i] < 0.0)
                    abort();
        break;
    case 6: {
        size_t idx = 0;
        st = al_argmax(x, n, &idx);
        if (st == AL_OK && idx >= n)
            abort();
        break;
    }
    case 7: {
        /* Targets: a one-hot vector chosen by a byte. */
        if (n == 0)
            return 0;
        for (size_t i = 0; i < n; i++)
            g[i] = 0.0;
        g[sel[2] % n] = 1.0;
        double loss;
        st = al_cross_entropy(x, g, n, &loss, y);
        if (st == AL_OK && !isnan(loss) && loss < 0.0)
            abort();
        break;
    }
    default: {
        for (size_t i = 0; i < n; i++)
            g[i] = (double)((sel[2] >> (i % 8)) & 1);
        double loss[MAXN];
        st = al_binary_cross_entropy(x, g, n, loss, y);
        if (st == AL_OK)
            for (size_t i = 0; i < n; i++)
                if (!isnan(loss[i]) && loss[i] < 0.0)
                    abort();
        break;
    }
    }
    (void)al_status_message(st);
    (void)al_status_code(st);
    return 0;
}
