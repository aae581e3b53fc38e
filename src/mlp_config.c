/*
 * The network engine's vocabulary, limits and configuration: the names each
 * choice goes by, the defaults, and the one place that checks every value
 * rule of a config (al_net_config_check; the JavaScript API hands its values
 * here). Layout and notation: al_net.h.
 */
#include "al_net.h"

#include <math.h>
#include <string.h>

/* A limit's value inside a rule's text (the rules quote the limits). */
#define STR_(x) #x
#define STR(x) STR_(x)
_Static_assert(AL_NET_LAYERS == 12, "the layers rule says 2 to 12");

/* ---- vocabulary and limits ------------------------------------------------ */

static const char *const OUTPUT_NAMES[AL_HEAD_COUNT] = {"identity", "sigmoid", "softmax", "tanh"};
static const char *const LOSS_NAMES[AL_HEAD_COUNT] = {"mse", "binary_cross_entropy", "cross_entropy",
                                                       "squared_error"};
static const char *const INIT_NAMES[AL_INIT_COUNT] = {"he_normal", "he_uniform", "glorot_normal",
                                                      "glorot_uniform", "lecun_normal", "uniform", "zeros",
                                                      "normal"};
static const char *const OPTIMIZER_NAMES[AL_OPT_COUNT] = {"sgd", "momentum", "adam"};
/* One row per feature bit: its name and its value as an expression of x1, x2
 * (aln_expand_features computes the same, bit by bit). */
static const char *const FEATURE_NAMES[AL_FEAT_COUNT] = {"x1", "x2", "x1_sq", "x2_sq", "x1_x2",
                                                         "sin_x1", "sin_x2"};
static const char *const FEATURE_FORMULAS[AL_FEAT_COUNT] = {"x1", "x2", "x1 * x1", "x2 * x2",
                                                            "x1 * x2", "sin(x1)", "sin(x2)"};

static const struct {
    const char *const *names;
    int count;
} VOCAB[AL_VOCAB_COUNT] = {
    {OUTPUT_NAMES, AL_HEAD_COUNT},   {LOSS_NAMES, AL_HEAD_COUNT},
    {INIT_NAMES, AL_INIT_COUNT},     {OPTIMIZER_NAMES, AL_OPT_COUNT},
    {FEATURE_NAMES, AL_FEAT_COUNT},  {FEATURE_FORMULAS, AL_FEAT_COUNT},
};

int al_vocab_count(int table)
{
    return table >= 0 && table < AL_VOCAB_COUNT ? VOCAB[table].count : -1;
}

const char *al_vocab_name(int table, int index)
{
    if (table < 0 || table >= AL_VOCAB_COUNT || index < 0 || index >= VOCAB[table].count)
        return NULL;
    return VOCAB[table].names[index];
}

int al_vocab_find(int table, const char *name)
{
    if (!name || table < 0 || table >= AL_VOCAB_COUNT)
        return -1;
    for (int i = 0; i < VOCAB[table].count; i++)
        if (strcmp(VOCAB[table].names[i], name) == 0)
            return i;
    return -1;
}

double al_net_limit(int which)
{
    static const double limits[AL_LIMIT_COUNT] = {
        AL_NET_MAX_HIDDEN, AL_NET_MAX_WIDTH,   AL_NET_MAX_INPUTS,        AL_NET_MAX_OUTPUTS,
        AL_NET_MAX_BATCH,  AL_NET_MAX_TRAIN_BYTES, AL_NET_MAX_LEARNING_RATE,
    };
    return which >= 0 && which < AL_LIMIT_COUNT ? limits[which] : NAN;
}

const char *al_head_label_rule(int head)
{
    static const char *const rules[AL_HEAD_COUNT] = {
        "finite numbers (regression targets)",
        "from 0 to 1 (0/1 for binary classes)",
        "class indices from 0 to K - 1 (K: the number of output units)",
        "-1 or +1 (the tanh output)",
    };
    return head >= 0 && head < AL_HEAD_COUNT ? rules[head] : NULL;
}

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
    cfg->init_std = 0.01;
    cfg->momentum = 0.9;
    cfg->beta1 = 0.9;
    cfg->beta2 = 0.999;
    cfg->epsilon = 1e-8;
    cfg->batch_size = 10;
    cfg->seed = 1;
}

double al_net_default_learning_rate(int optimizer)
{
    if (optimizer < 0 || optimizer >= AL_OPT_COUNT)
        return NAN;
    return optimizer == AL_OPT_ADAM ? 0.01 : 0.03;
}

/* Activations whose usual initialiser is He's (variance 2/fan_in): ReLU and
 * the functions shaped like it (zero or small for x < 0, about x for x > 0). */
static int relu_like(int kind)
{
    switch (kind) {
    case AL_RELU: case AL_LEAKY_RELU: case AL_PRELU: case AL_RELU6: case AL_ELU: case AL_CELU:
    case AL_GELU: case AL_GELU_TANH: case AL_SILU: case AL_SWISH: case AL_MISH: case AL_HARD_SWISH:
    case AL_SOFTPLUS: case AL_SQUAREPLUS: case AL_SPARSE_PLUS:
        return 1;
    default:
        return 0;
    }
}

int al_net_suggested_init(const al_net_config *cfg)
{
    int hidden = cfg ? cfg->n_layers - 2 : 0;
    if (hidden < 1 || hidden > AL_NET_MAX_HIDDEN)
        return AL_INIT_GLOROT_UNIFORM;
    int he = 1, selu = 1;
    for (int l = 0; l < hidden; l++) {
        he &= relu_like(cfg->hidden_kind[l]);
        selu &= cfg->hidden_kind[l] == AL_SELU;
    }
    return he ? AL_INIT_HE_NORMAL : selu ? AL_INIT_LECUN_NORMAL : AL_INIT_GLOROT_UNIFORM;
}

static int popcount7(int mask)
{
    int c = 0;
    for (int b = 0; b < AL_FEAT_COUNT; b++)
        c += (mask >> b) & 1;
    return c;
}

static int in_unit(double v) { return v >= 0.0 && v < 1.0; }

al_status aln_report(al_config_problem *p, const char *field, const char *key, const char *rule,
                     int index)
{
    if (p) {
        p->field = field;
        p->key = key;
        p->rule = rule;
        p->index = index;
    }
    return AL_ERR_CONFIG;
}

/* The layer sizes and hidden activations. */
static al_status check_layers(const al_net_config *cfg, al_config_problem *p)
{
    int n = cfg->n_layers;
    if (n < 2 || n > AL_NET_LAYERS)
        return aln_report(p, "n_layers", "layers", "an array of 2 to 12 integers: the input size, up to " STR(AL_NET_MAX_HIDDEN)
                          " hidden layer sizes, the output size", -1);
    if (cfg->features < 0 || cfg->features >= (1 << AL_FEAT_COUNT))
        return aln_report(p, "features", "features", "a set of the 7 features (a mask from 0 to 127)", -1);
    if (cfg->features && cfg->sizes[0] != popcount7(cfg->features))
        return aln_report(p, "sizes", "layers", "the number of features", 0);
    if (!cfg->features && (cfg->sizes[0] < 2 || cfg->sizes[0] > AL_NET_MAX_INPUTS))
        return aln_report(p, "sizes", "layers", "an integer from 2 to " STR(AL_NET_MAX_INPUTS) " (without features)", 0);
    for (int l = 1; l < n - 1; l++) {
        if (cfg->sizes[l] < 1 || cfg->sizes[l] > AL_NET_MAX_WIDTH)
            return aln_report(p, "sizes", "layers", "an integer from 1 to " STR(AL_NET_MAX_WIDTH), l);
        int kind = cfg->hidden_kind[l - 1];
        if (!al_kind_name(kind))
            return aln_report(p, "hidden_kind", "activation", "an activation of the catalog", l - 1);
        if (al_check_params(kind, cfg->hidden_params[l - 1], (size_t)al_kind_param_count(kind)) != AL_OK)
            return aln_report(p, "hidden_params", "activation", "parameters that the activation's rules allow", l - 1);
    }
    if (cfg->sizes[n - 1] < 1 || cfg->sizes[n - 1] > AL_NET_MAX_OUTPUTS)
        return aln_report(p, "sizes", "layers", "an integer from 1 to " STR(AL_NET_MAX_OUTPUTS), n - 1);
    return AL_OK;
}

al_status al_net_config_check(const al_net_config *cfg, al_config_problem *p)
{
    if (p)
        memset(p, 0, sizeof *p), p->index = -1;
    if (!cfg) {
        aln_report(p, "config", "config", "a config", -1);
        return AL_ERR_NULL;
    }
    al_status st = check_layers(cfg, p);
    if (st != AL_OK)
        return st;
    int last = cfg->n_layers - 1;
    if (cfg->head < 0 || cfg->head >= AL_HEAD_COUNT)
        return aln_report(p, "head", "output", "one of identity, sigmoid, softmax, tanh", -1);
    if (cfg->head == AL_HEAD_SOFTMAX_CE && cfg->sizes[last] < 2)
        return aln_report(p, "sizes", "layers", "at least 2 output units for a softmax output (one per class; "
                      "for two classes use 1 unit with output sigmoid)", last);
    if (cfg->init < 0 || cfg->init >= AL_INIT_COUNT)
        return aln_report(p, "init", "init", "one of he_normal, he_uniform, glorot_normal, glorot_uniform, "
                      "lecun_normal, uniform, zeros, normal", -1);
    if (cfg->optimizer < 0 || cfg->optimizer >= AL_OPT_COUNT)
        return aln_report(p, "optimizer", "optimizer", "one of sgd, momentum, adam", -1);
    if (!(cfg->learning_rate > 0.0 && cfg->learning_rate <= AL_NET_MAX_LEARNING_RATE))
        return aln_report(p, "learning_rate", "learningRate", "a number > 0 and <= 10", -1);
    if (!in_unit(cfg->momentum))
        return aln_report(p, "momentum", "momentum", "a number from 0 up to (not including) 1", -1);
    if (!in_unit(cfg->beta1))
        return aln_report(p, "beta1", "beta1", "a number from 0 up to (not including) 1", -1);
    if (!in_unit(cfg->beta2))
        return aln_report(p, "beta2", "beta2", "a number from 0 up to (not including) 1", -1);
    if (!(isfinite(cfg->epsilon) && cfg->epsilon > 0.0))
        return aln_report(p, "epsilon", "epsilon", "a finite number > 0", -1);
    if (!(isfinite(cfg->l1) && cfg->l1 >= 0.0))
        return aln_report(p, "l1", "l1", "a finite number >= 0", -1);
    if (!(isfinite(cfg->l2) && cfg->l2 >= 0.0))
        return aln_report(p, "l2", "l2", "a finite number >= 0", -1);
    if (cfg->batch_size < 1 || cfg->batch_size > AL_NET_MAX_BATCH)
        return aln_report(p, "batch_size", "batchSize", "an integer from 1 to " STR(AL_NET_MAX_BATCH), -1);
    if (!(cfg->init_std > 0.0 && cfg->init_std <= AL_NET_MAX_INIT_STD))
        return aln_report(p, "init_std", "initStd", "a number > 0 and <= 10 (the sigma of init normal)", -1);
    return AL_OK;
}

al_status al_net_check_config(const al_net_config *cfg, const char **field)
{
    al_config_problem p;
    al_status st = al_net_config_check(cfg, &p);
    if (field)
        *field = st == AL_OK ? NULL : p.field;
    return st;
}
