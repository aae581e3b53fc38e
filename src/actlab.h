/*
 * actlab.h - activation functions, their exact derivatives and the softmax
 * family, in double precision.
 *
 * Conventions for the whole API:
 * - Every function that can fail returns an al_status; AL_OK is 0.
 *   al_status_message() gives a sentence for each status, al_status_code()
 *   a stable identifier ("invalid_param", ...) for programs.
 * - Nothing prints, exits or aborts; there is no global state. All functions
 *   are safe to call from several threads on distinct buffers.
 * - Batch functions take (inputs, outputs, n). Inputs are const; unless a
 *   function says otherwise, outputs may alias inputs exactly (out == in),
 *   but must not partially overlap them.
 * - NaN inputs give NaN outputs. +-inf give the mathematical limit where one
 *   exists (sin(+-inf) has none and gives NaN).
 * - Subnormal results are kept, never flushed to zero.
 * - Parameters are passed as (params, nparams): either params == NULL and
 *   nparams == 0 for the defaults, or exactly al_kind_param_count(kind)
 *   values in catalog order.
 */
#ifndef ACTLAB_H
#define ACTLAB_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum al_status {
    AL_OK = 0,
    AL_ERR_NULL,        /* a required pointer argument is NULL */
    AL_ERR_SIZE,        /* a length is zero where data is needed, or too large */
    AL_ERR_KIND,        /* the activation kind is not in the catalog */
    AL_ERR_PARAM_COUNT, /* nparams does not match the kind's parameter count */
    AL_ERR_PARAM,       /* a parameter is not finite or outside its range */
    AL_ERR_LABEL,       /* a target is outside [0, 1] or targets do not sum to 1 */
    AL_ERR_DOMAIN,      /* the input has no defined result (all logits -inf) */
    AL_ERR_UNSUPPORTED, /* no derivative with respect to that parameter */
    AL_ERR_NO_MEMORY,   /* an allocation failed */
    AL_ERR_DIVERGED,    /* training stopped: the loss or a gradient became NaN or infinite */
    AL_ERR_CONFIG,      /* a network configuration value is out of range */
    AL_STATUS_COUNT
} al_status;

/* A sentence describing the status; never NULL, also for unknown values. */
const char *al_status_message(int status);
/* A stable snake_case identifier ("ok", "invalid_param", ...); never NULL. */
const char *al_status_code(int status);

/* ------------------------------------------------------------------------
 * The catalog. Each kind lists its formula; x is the input, f' = df/dx.
 * The value at a kink is the one given in brackets (PyTorch's convention
 * where it has one).
 * ---------------------------------------------------------------------- */
typedef enum al_kind {
    AL_IDENTITY = 0, /* f = x                                                   */
    AL_STEP,         /* f = 1 if x >= 0 else 0; f' = 0 everywhere [f'(0) = 0]   */
    AL_SIGMOID,      /* f = 1 / (1 + e^-x); f' = f(x) f(-x)                      */
    AL_TANH,         /* f = tanh x; f' = sech^2 x                                */
    AL_RELU,         /* f = max(x, 0) [f'(0) = 0]                               */
    AL_LEAKY_RELU,   /* f = x if x >= 0 else alpha x; alpha = 0.01 [f'(0) = alpha] */
    AL_PRELU,        /* as leaky_relu, alpha = 0.25 (learned); df/dalpha = min(x, 0) */
    AL_ELU,          /* f = x if x > 0 else alpha (e^x - 1); alpha = 1 [f'(0) = alpha] */
    AL_SELU,         /* f = scale x if x > 0 else scale alpha (e^x - 1),
                        alpha = 1.6732632423543772848..., scale = 1.0507009873554804934...
                        [f'(0) = scale alpha]                                     */
    AL_CELU,         /* f = max(0, x) + min(0, alpha (e^(x/alpha) - 1)); alpha = 1, alpha != 0
                        [f'(0) = 1]                                               */
    AL_GELU,         /* f = x Phi(x), Phi the standard normal CDF (exact, via erfc) */
    AL_GELU_TANH,    /* f = x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))        */
    AL_SILU,         /* f = x sigmoid(x)                                         */
    AL_SWISH,        /* f = x sigmoid(beta x); beta = 1                          */
    AL_MISH,         /* f = x tanh(softplus(x))                                  */
    AL_SOFTPLUS,     /* f = log(1 + e^(beta x)) / beta; beta = 1, beta > 0        */
    AL_SOFTSIGN,     /* f = x / (1 + |x|)  [f'(0) = 1]                           */
    AL_SQUAREPLUS,   /* f = (x + sqrt(x^2 + b)) / 2; b = 4, b >= 0               */
    AL_HARD_SIGMOID, /* f = relu6(x + 3) / 6 [f'(+-3) = 0]                        */
    AL_HARD_SIGMOID_KERAS2, /* f = clip(0.2 x + 0.5, 0, 1), the hard sigmoid of tf.keras 2
                        and TF.js layers [f'(+-2.5) = 0.2, as a clip's gradient]   */
    AL_SPARSE_SIGMOID, /* f = clamp((x + 1) / 2, 0, 1) [f'(+-1) = 0]              */
    AL_HARD_TANH,    /* f = clamp(x, -1, 1) [f'(+-1) = 0]                        */
    AL_HARD_SWISH,   /* f = x relu6(x + 3) / 6 [f'(-3) = -1/2, f'(3) = 3/2]       */
    AL_RELU6,        /* f = min(max(x, 0), 6) [f'(0) = f'(6) = 0]                */
    AL_LOG_SIGMOID,  /* f = log sigmoid(x) = -softplus(-x); f' = sigmoid(-x)     */
    AL_TANH_SHRINK,  /* f = x - tanh x; f' = tanh^2 x                            */
    AL_SOFT_SHRINK,  /* f = x - lambda if x > lambda, x + lambda if x < -lambda, else 0;
                        lambda = 0.5, lambda >= 0 [f'(+-lambda) = 0]             */
    AL_HARD_SHRINK,  /* f = x if |x| > lambda else 0; lambda = 0.5, lambda >= 0
                        [f'(+-lambda) = 0]                                      */
    AL_THRESHOLD,    /* f = x if x > threshold else value; threshold = 0, value = 0
                        [f'(threshold) = 0]                                     */
    AL_SPARSE_PLUS,  /* f = 0 if x <= -1, (x + 1)^2 / 4 if |x| < 1, x if x >= 1;
                        f' = sparse_sigmoid(x)                                  */
    AL_EXPONENTIAL,  /* f = e^x                                                  */
    AL_SIN,          /* f = sin x; f' = cos x                                    */
    AL_KIND_COUNT
} al_kind;

/* How a parameter's value is constrained (besides being finite). */
typedef enum al_param_rule {
    AL_PARAM_ANY = 0,     /* any finite value */
    AL_PARAM_POSITIVE,    /* > 0 */
    AL_PARAM_NONNEGATIVE, /* >= 0 */
    AL_PARAM_NONZERO      /* != 0 */
} al_param_rule;

#define AL_MAX_PARAMS 2

/* Number of kinds in the catalog (AL_KIND_COUNT). */
int al_kind_count(void);
/* The kind's snake_case name, or NULL if kind is not in the catalog. */
const char *al_kind_name(int kind);
/* The kind whose name is `name`, or -1 (also for NULL). */
int al_kind_from_name(const char *name);
/* Number of parameters of the kind (0..AL_MAX_PARAMS), or -1 for an unknown kind. */
int al_kind_param_count(int kind);
/* Name of parameter i of the kind, or NULL if out of range. */
const char *al_kind_param_name(int kind, int i);
/* Default of parameter i, or NaN if out of range. */
double al_kind_param_default(int kind, int i);
/* Rule (al_param_rule) of parameter i, or -1 if out of range. */
int al_kind_param_rule(int kind, int i);

/* 1 if value is allowed for parameter i of the kind (finite, and its rule), else 0. */
int al_kind_param_ok(int kind, int i, double value);
/* What a value of the rule must be, as an English phrase ("a finite number > 0"); NULL if unknown. */
const char *al_param_rule_text(int rule);

/* Checks params for the kind without evaluating anything. */
al_status al_check_params(int kind, const double *params, size_t nparams);

/* y[i] = f(x[i]) for i < n. */
al_status al_forward(int kind, const double *params, size_t nparams,
                     const double *x, double *y, size_t n);
/* dy[i] = f'(x[i]) for i < n. */
al_status al_derivative(int kind, const double *params, size_t nparams,
                        const double *x, double *dy, size_t n);
/* out[i] = df/dparam at x[i], for parameter index `param`. Supported:
 * prelu alpha (df/dalpha = x if x < 0 else 0). Others: AL_ERR_UNSUPPORTED. */
al_status al_param_derivative(int kind, const double *params, size_t nparams,
                              int param, const double *x, double *out, size_t n);

/* ------------------------------------------------------------------------
 * Vector functions over one vector z of length n >= 1.
 * Logits may contain +-inf: +inf entries share all probability equally;
 * all entries -inf is AL_ERR_DOMAIN; any NaN gives all-NaN outputs.
 * ---------------------------------------------------------------------- */

/* p_i = exp(z_i / T) / sum_j exp(z_j / T); T > 0 (temperature).
 * The maximum is subtracted first, so no exp overflows; p may alias z. */
al_status al_softmax(const double *z, size_t n, double temperature, double *p);
/* out_i = log p_i, computed as (z_i - max)/T - log1p(sum of the other terms),
 * so log-probabilities near 0 (p near 1) keep their precision. */
al_status al_log_softmax(const double *z, size_t n, double temperature, double *out);
/* jac (n, n), row-major: J_ij = dp_i/dz_j = p_i (delta_ij - p_j) / T.
 * jac must hold n*n doubles and must not overlap z. */
al_status al_softmax_jacobian(const double *z, size_t n, double temperature, double *jac);
/* Euclidean projection of z onto the probability simplex (Martins & Astudillo
 * 2016): p_i = max(z_i - tau, 0) with tau such that sum p = 1. p may alias z. */
al_status al_sparsemax(const double *z, size_t n, double *p);
/* *index = first i with z_i maximal; a NaN counts as maximal (first NaN wins). */
al_status al_argmax(const double *z, size_t n, size_t *index);
/* Categorical cross-entropy from logits: loss = -sum_i y_i log softmax(z)_i,
 * grad_i = dloss/dz_i = p_i sum(y) - y_i (= p - y for a distribution y).
 * y: targets in [0, 1] summing to 1 (within 1e-6). grad may be NULL;
 * it may alias z but not y. */
al_status al_cross_entropy(const double *z, const double *y, size_t n,
                           double *loss, double *grad);
/* Binary cross-entropy from logits, element-wise over n pairs:
 * loss_i = -(y_i log sigmoid(z_i) + (1 - y_i) log sigmoid(-z_i))
 *        = softplus(z_i) - y_i z_i,  grad_i = sigmoid(z_i) - y_i,
 * y_i in [0, 1]. loss or grad may be NULL (not both). */
al_status al_binary_cross_entropy(const double *z, const double *y, size_t n,
                                  double *loss, double *grad);


/* ------------------------------------------------------------------------
 * Datasets: seeded 2-D toy problems for the network playground.
 * ---------------------------------------------------------------------- */
typedef enum al_dataset_kind {
    AL_DATA_CIRCLE = 0,    /* binary: inside radius ~2 vs a ring at 3.5..5 */
    AL_DATA_XOR,           /* binary: sign(x1 x2), points in [-5, 5]^2 */
    AL_DATA_GAUSSIAN,      /* binary: two Gaussian clouds at (2, 2) and (-2, -2) */
    AL_DATA_SPIRAL,        /* binary: two interleaved spirals */
    AL_DATA_MOONS,         /* binary: two interleaving half circles */
    AL_DATA_BLOBS,         /* multi-class: 3 Gaussian blobs, labels 0..2 */
    AL_DATA_SPIRAL_MULTI,  /* multi-class: 3-arm spiral, labels 0..2 */
    AL_DATA_PLANE,         /* regression: target = (x1 + x2) / 10 scaled to [-1, 1] */
    AL_DATA_MULTI_GAUSSIAN,/* regression: sum of signed Gaussian bumps, in [-1, 1] */
    AL_DATA_COUNT
} al_dataset_kind;

#define AL_DATA_MAX_COUNT 10000

int al_dataset_count(void);
const char *al_dataset_name(int kind);
int al_dataset_from_name(const char *name);
/* Number of classes for classification sets (2 or 3), 0 for regression. */
int al_dataset_classes(int kind);
/* count points (1..AL_DATA_MAX_COUNT) into inputs (count, 2) row-major and
 * labels (count): 0/1 for binary sets, class indices for multi-class sets,
 * targets in [-1, 1] for regression. noise in [0, 1] (fraction of the
 * playground's maximum). The same seed gives the same points. */
al_status al_dataset_generate(int kind, size_t count, double noise, unsigned long long seed,
                              double *inputs, double *labels);
/* A seeded random permutation of 0..n-1 (Fisher-Yates), n <= 2^32 - 1: for
 * train/test splits that are the same for the same seed. */
al_status al_permutation(size_t n, unsigned long long seed, unsigned int *out);

/* ------------------------------------------------------------------------
 * The network: a multilayer perceptron on 2 to 784 inputs.
 *
 * Up to 784 inputs, 10 hidden layers of up to 256 units and 10 outputs.
 *
 * A network's life is its own: it holds its parameters, its optimiser state
 * (moments and step count) and its epoch count, and training is a pure
 * function of (config, seed, data, epochs): epoch k visits the samples in an
 * order drawn from (seed, k) alone, from a stream separate from the one that
 * initialised the weights. So k epochs in one al_net_train call equal k calls
 * of one epoch bit for bit, a network restored with al_net_set_state trains
 * on exactly as the original would, and two networks with the same seed see
 * the same batches whatever their initialisers.
 * ---------------------------------------------------------------------- */
#define AL_NET_MAX_HIDDEN 10  /* hidden layers */
#define AL_NET_MAX_WIDTH 256  /* neurons per hidden layer */
#define AL_NET_MAX_INPUTS 784 /* a 28 x 28 image */
#define AL_NET_MAX_OUTPUTS 10
#define AL_NET_MAX_BATCH 1024
/* A training set's size is a memory budget, not a row count: n rows of
 * (input_width + label_width) doubles take at most this many bytes (128 MiB:
 * 5.6 million 2-D points with one label, 258,000 rows of 8 x 8 digits, or
 * 21,000 rows of 28 x 28 images). Predict and evaluate take any n. */
#define AL_NET_MAX_TRAIN_BYTES 134217728.0
#define AL_NET_MAX_LEARNING_RATE 10.0
#define AL_NET_MAX_INIT_STD 10.0
#define AL_NET_MAX_BINS 1000 /* histogram bins (al_net_layer_histograms) */

/* Input features computed from a 2-D point (x1, x2); a bit mask. With
 * features == 0 the inputs are used as given (n_inputs columns). */
enum {
    AL_FEAT_X1 = 1, AL_FEAT_X2 = 2, AL_FEAT_X1_SQ = 4, AL_FEAT_X2_SQ = 8,
    AL_FEAT_X1_X2 = 16, AL_FEAT_SIN_X1 = 32, AL_FEAT_SIN_X2 = 64,
    AL_FEAT_COUNT = 7
};

/* Output head and loss, per sample (averaged over the samples of a batch):
 *   IDENTITY_MSE  regression: out = z, loss = mean_k (out_k - y_k)^2
 *   SIGMOID_BCE   binary or multi-label: out = sigmoid(z), loss = mean_k BCE(z_k, y_k), y in [0, 1]
 *   SOFTMAX_CE    multi-class: out = softmax(z), loss = -log out_y, y a class index
 *   TANH_SE       the classic playground: out = tanh(z), loss = 1/2 sum_k (out_k - y_k)^2, y = +-1 */
typedef enum al_head {
    AL_HEAD_IDENTITY_MSE = 0, AL_HEAD_SIGMOID_BCE, AL_HEAD_SOFTMAX_CE, AL_HEAD_TANH_SE,
    AL_HEAD_COUNT
} al_head;

/* Weight initialisation (biases start at 0; AL_INIT_UNIFORM, the playground's
 * start, also sets biases to 0.1 as the playground does). fan_in/fan_out are
 * the layer's input and output sizes. */
typedef enum al_init {
    AL_INIT_HE_NORMAL = 0,  /* N(0, 2/fan_in) */
    AL_INIT_HE_UNIFORM,     /* U(+-sqrt(6/fan_in)) */
    AL_INIT_GLOROT_NORMAL,  /* N(0, 2/(fan_in + fan_out)) */
    AL_INIT_GLOROT_UNIFORM, /* U(+-sqrt(6/(fan_in + fan_out))) */
    AL_INIT_LECUN_NORMAL,   /* N(0, 1/fan_in) */
    AL_INIT_UNIFORM,        /* U(-0.5, 0.5) */
    AL_INIT_ZEROS,          /* all 0: every neuron of a layer stays identical */
    AL_INIT_NORMAL,         /* N(0, init_std^2), whatever the layer's size: the classic
                               "small random numbers" (0.01) and what goes wrong with them */
    AL_INIT_COUNT
} al_init;

/* g is the gradient of the loss (data loss + penalties) over the batch;
 * t counts the optimiser's steps since its state was last reset. */
typedef enum al_optimizer {
    AL_OPT_SGD = 0,  /* w -= lr g */
    AL_OPT_MOMENTUM, /* m = momentum m - lr g; w += m */
    AL_OPT_ADAM,     /* m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
                        w -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
                        (Kingma & Ba 2015; eps added to sqrt(v-hat), as PyTorch) */
    AL_OPT_COUNT
} al_optimizer;

/* The engine's vocabulary: the names each choice goes by (in the JavaScript
 * API, URLs and saved files), in enum order. */
typedef enum al_vocab {
    AL_VOCAB_OUTPUT = 0,  /* per al_head: "identity", "sigmoid", "softmax", "tanh" */
    AL_VOCAB_LOSS,        /* per al_head: "mse", "binary_cross_entropy", "cross_entropy", "squared_error" */
    AL_VOCAB_INIT,        /* per al_init: "he_normal", ... */
    AL_VOCAB_OPTIMIZER,   /* per al_optimizer: "sgd", "momentum", "adam" */
    AL_VOCAB_FEATURE,     /* per feature bit i (1 << i): "x1", "x2", "x1_sq", ... */
    AL_VOCAB_FORMULA,     /* per feature bit: the feature of (x1, x2) as an expression:
                             "x1", "x1 * x1", "sin(x1)", ... (operators * and sin only) */
    AL_VOCAB_COUNT
} al_vocab;

/* Number of names in the table, or -1 for an unknown table. */
int al_vocab_count(int table);
/* Name `index` of the table, or NULL if either is out of range. */
const char *al_vocab_name(int table, int index);
/* The index of `name` in the table, or -1 (also for NULL). */
int al_vocab_find(int table, const char *name);

/* The engine's limits, as numbers (for programs that build configs). */
typedef enum al_limit {
    AL_LIMIT_HIDDEN_LAYERS = 0, /* AL_NET_MAX_HIDDEN */
    AL_LIMIT_WIDTH,             /* AL_NET_MAX_WIDTH */
    AL_LIMIT_INPUTS,            /* AL_NET_MAX_INPUTS */
    AL_LIMIT_OUTPUTS,           /* AL_NET_MAX_OUTPUTS */
    AL_LIMIT_BATCH,             /* AL_NET_MAX_BATCH */
    AL_LIMIT_TRAIN_BYTES,       /* AL_NET_MAX_TRAIN_BYTES */
    AL_LIMIT_LEARNING_RATE,     /* AL_NET_MAX_LEARNING_RATE */
    AL_LIMIT_COUNT
} al_limit;

/* The limit's value, or NaN for an unknown one. */
double al_net_limit(int which);

typedef struct al_net_config {
    int n_layers;                          /* sizes used: 2 + number of hidden layers */
    int sizes[AL_NET_MAX_HIDDEN + 2];      /* inputs, hidden..., outputs */
    int hidden_kind[AL_NET_MAX_HIDDEN];    /* al_kind per hidden layer */
    double hidden_params[AL_NET_MAX_HIDDEN][AL_MAX_PARAMS]; /* all of the kind's params */
    int features;                          /* AL_FEAT_* mask, or 0 */
    int head;                              /* al_head */
    int init;                              /* al_init */
    int optimizer;                         /* al_optimizer */
    double learning_rate;                  /* (0, AL_NET_MAX_LEARNING_RATE] */
    double momentum;                       /* [0, 1), for AL_OPT_MOMENTUM */
    double beta1, beta2, epsilon;          /* Adam: [0, 1), [0, 1), > 0 */
    double l1, l2;                         /* >= 0; applied to weights, not biases */
    int batch_size;                        /* 1..AL_NET_MAX_BATCH */
    unsigned long long seed;
    double init_std;                       /* (0, AL_NET_MAX_INIT_STD]: the sigma of AL_INIT_NORMAL */
} al_net_config;

/* A config with the defaults: 2-4-1, tanh hidden, sigmoid + BCE, glorot_uniform,
 * SGD, learning rate 0.03, momentum 0.9, Adam 0.9/0.999/1e-8, batch 10, seed 1,
 * init_std 0.01 (used by AL_INIT_NORMAL only). */
void al_net_config_default(al_net_config *cfg);
/* The initialiser that suits the config's hidden activations: he_normal when
 * every hidden layer is ReLU-like (relu, leaky_relu, prelu, relu6, elu,
 * celu, gelu, gelu_tanh, silu, swish, mish, hard_swish, softplus,
 * squareplus, sparse_plus), lecun_normal when every one is selu, else
 * glorot_uniform (also with no hidden layer, or for a NULL config). */
int al_net_suggested_init(const al_net_config *cfg);
/* The learning rate an optimiser starts with by default: 0.01 for Adam,
 * 0.03 otherwise (NaN for an unknown optimiser). */
double al_net_default_learning_rate(int optimizer);

/* What is wrong with a config: the field, the key the JavaScript API calls it,
 * the index within an array field (-1 otherwise) and what the value must be. */
typedef struct al_config_problem {
    const char *field;  /* the al_net_config member: "learning_rate", "sizes", ... */
    const char *key;    /* the config key in the JavaScript API: "learningRate", "layers", ... */
    const char *rule;   /* an English phrase: "a number > 0 and <= 10", ... */
    int index;          /* sizes[i], hidden_kind[i] or hidden_params[i]; -1 for the others */
} al_config_problem;

/* AL_OK, or AL_ERR_CONFIG (AL_ERR_NULL for a NULL cfg) with *problem (may
 * be NULL) describing the first problem; fields are checked in struct order.
 * On AL_OK, problem->field is NULL. */
al_status al_net_config_check(const al_net_config *cfg, al_config_problem *problem);
/* The same; *field (may be NULL) names the offending field. */
al_status al_net_check_config(const al_net_config *cfg, const char **field);

typedef struct al_net al_net;

/* One allocation holding parameters, gradients, optimiser state (and a
 * copy of it from the start of the epoch) and the order buffer, and one
 * for the row buffers of the largest batch. NULL on failure, with *status
 * set. */
al_net *al_net_create(const al_net_config *cfg, al_status *status);
void al_net_free(al_net *net); /* NULL is fine */
/* The config the network was created with (training options as last set). */
const al_net_config *al_net_get_config(const al_net *net);

/* Changes the training options to cfg's (optimizer, learning_rate, momentum,
 * beta1, beta2, epsilon, l1, l2, batch_size), keeping the parameters, the
 * epoch count and, unless the optimizer changes, the moments and step count.
 * Every other field of cfg must equal the network's (start from
 * al_net_get_config): else AL_ERR_CONFIG naming it with the rule "the same
 * as the network's (only training options can change)". A batch larger
 * than the row buffers allocates new ones (AL_ERR_NO_MEMORY if it cannot).
 * On any failure nothing changes. problem may be NULL. */
al_status al_net_set_training(al_net *net, const al_net_config *cfg, al_config_problem *problem);

/* Number of inputs per sample the caller passes: 2 with features, else sizes[0]. */
int al_net_input_width(const al_net *net);
/* Number of label values per sample: 1 for SOFTMAX_CE, else the output count. */
int al_net_label_width(const al_net *net);
/* Checks labels for the head (finite; 0..classes-1 integers; [0, 1]; +-1). */
al_status al_net_check_labels(const al_net *net, const double *labels, size_t n);
/* The same; on AL_ERR_LABEL, *bad (may be NULL) is the index of the first bad value. */
al_status al_net_check_labels_at(const al_net *net, const double *labels, size_t n, size_t *bad);
/* What a label of the head must be, as an English phrase; NULL for an unknown head. */
const char *al_head_label_rule(int head);

/* Trains `epochs` more epochs over n samples (inputs (n, input_width),
 * labels (n, label_width)); AL_ERR_SIZE when the rows take more than
 * AL_NET_MAX_TRAIN_BYTES. Epoch k (counting from 0 over the network's
 * life) visits the samples in an order drawn from (seed, k, n), then steps
 * once per mini-batch of batch_size samples (the last one smaller).
 * *loss (may be NULL) = mean data loss over the last epoch's batches (before
 * their steps). If a loss or a step (a parameter or an optimiser moment)
 * becomes non-finite, stops with
 * AL_ERR_DIVERGED (*loss the non-finite value) and returns to where that
 * epoch began: parameters, moments, step count and epoch count are those
 * of the last completed epoch (so a lower rate can take over from there),
 * and al_net_grad_norms shows the gradient of the step that failed. */
al_status al_net_train(al_net *net, const double *inputs, const double *labels, size_t n,
                       int epochs, double *loss);
/* Loss (mean data loss + l2/2 |W|^2 + l1 |W|_1) and its gradient with
 * respect to every parameter (grads (param_count), may be NULL) over n <=
 * 256 samples (or batch_size if larger), without changing the network. */
al_status al_net_loss_gradient(al_net *net, const double *inputs, const double *labels, size_t n,
                               double *loss, double *grads);
/* Outputs (n, n_outputs) after the head (probabilities, or values). */
al_status al_net_predict(al_net *net, const double *inputs, size_t n, double *outputs);
/* The output layer's pre-activations z (n, n_outputs), before the head: the
 * logits of a softmax or sigmoid output. predict's outputs are head(z). */
al_status al_net_logits(al_net *net, const double *inputs, size_t n, double *z);
/* Mean data loss and accuracy (NaN for regression): sign for TANH_SE,
 * threshold 0.5 per unit for SIGMOID_BCE, argmax for SOFTMAX_CE. */
al_status al_net_evaluate(al_net *net, const double *inputs, const double *labels, size_t n,
                          double *loss, double *accuracy);

/* ------------------------------------------------------------------------
 * Bound data: a training or test set copied once and checked once (every
 * input finite), for networks that train on the same rows many times.
 * Labels are checked against a network's head when it first uses them.
 * ---------------------------------------------------------------------- */
typedef struct al_data al_data;

/* Copies n rows: inputs (n, input_width), labels (n, label_width) or NULL
 * (for data that is only predicted on). NULL on failure with *status set:
 * AL_ERR_SIZE for n == 0, an input width of 0 or more than AL_NET_MAX_INPUTS,
 * a label width over AL_NET_MAX_OUTPUTS, or sizes whose byte
 * count does not fit; AL_ERR_DOMAIN for a non-finite input (*bad, may be
 * NULL, is its index); AL_ERR_NO_MEMORY. */
al_data *al_data_create(const double *inputs, size_t input_width, const double *labels,
                        size_t label_width, size_t n, size_t *bad, al_status *status);
void al_data_free(al_data *data); /* NULL is fine */
size_t al_data_rows(const al_data *data);
/* Whether the network can train on the data: AL_ERR_NULL without labels,
 * AL_ERR_SIZE for widths other than the network's, AL_ERR_LABEL with *bad
 * (may be NULL) the index of the first label its head refuses. */
al_status al_net_check_data(const al_net *net, al_data *data, size_t *bad);
/* al_net_train and al_net_evaluate over bound data: the same results bit for
 * bit, and the same checks (al_net_check_data; the labels are checked once
 * per head and output count). */
al_status al_net_train_data(al_net *net, al_data *data, int epochs, double *loss);
al_status al_net_evaluate_data(al_net *net, al_data *data, double *loss, double *accuracy);

/* ------------------------------------------------------------------------
 * Parameters and training state.
 * ---------------------------------------------------------------------- */
/* Parameters: per layer l = 1..L, W_l (sizes[l], sizes[l-1]) row-major, then b_l. */
size_t al_net_param_count(const al_net *net);
al_status al_net_get_params(const al_net *net, double *params, size_t count);
/* Rejects non-finite values; resets the optimiser state (moments and step
 * count); keeps the epoch count. */
al_status al_net_set_params(al_net *net, const double *params, size_t count);
/* Changes one parameter (index in the al_net_get_params layout) and keeps
 * everything else, optimiser state included: an edit training continues from. */
al_status al_net_set_param(al_net *net, size_t index, double value);
/* Epochs completed over the network's life (0 after creation). */
double al_net_epoch_count(const al_net *net);
/* Length of the training state: 2 + 2 * param_count. */
size_t al_net_state_count(const al_net *net);
/* The training state: (epochs, steps, m (param_count), v (param_count)),
 * steps = optimiser steps since its state was last reset; m is the velocity
 * for momentum, the first moment for Adam; v Adam's second moment (zeros
 * where the optimiser has none). */
al_status al_net_get_state(const al_net *net, double *state, size_t count);
/* Restores a state from al_net_get_state: epochs and steps whole numbers
 * in [0, 2^53], moments finite, v >= 0; else AL_ERR_PARAM and nothing changes. */
al_status al_net_set_state(al_net *net, const double *state, size_t count);
/* Total neurons in hidden and output layers. */
int al_net_neuron_count(const al_net *net);

/* ------------------------------------------------------------------------
 * What the network computes, for pictures.
 * ---------------------------------------------------------------------- */
/* Every neuron's output (hidden: f(z); output: after the head) for each of
 * n inputs: out (neurons, n), neuron-major, layers in order. AL_ERR_SIZE if
 * neurons * n doubles would not fit in a size_t. */
al_status al_net_neuron_outputs(al_net *net, const double *inputs, size_t n, double *out);
/* The input features (n, sizes[0]) of n caller rows (as the first layer sees them). */
al_status al_net_features(const al_net *net, const double *inputs, size_t n, double *out);
/* The same over a res x res grid of 2-D points, x1 from x_min to x_max
 * (columns), x2 from y_max down to y_min (rows), inputs mapped through the
 * features. outputs (res*res, n_outputs); neurons (NULL or
 * (neuron_count, res*res)). Needs features != 0. The range must be finite,
 * with min < max and a finite step (max - min)/(res - 1). */
al_status al_net_grid(al_net *net, double x_min, double x_max, double y_min, double y_max,
                      int res, double *outputs, double *neurons);

/* Per hidden or output layer l = 1..L (L = n_layers - 1), over n inputs:
 * mean and standard deviation of the layer's outputs, fraction of
 * (sample, neuron) pairs whose |f'(z)| < 0.01 * max |f'| of the kind
 * (saturated), and fraction of neurons with f'(z) = 0 for every sample (dead).
 * stats (L, 4). */
al_status al_net_layer_stats(al_net *net, const double *inputs, size_t n, double *stats);
/* Histograms of every layer l = 1..L over n rows, in `bins` equal bins
 * (1..AL_NET_MAX_BINS) of three quantities: 0 its outputs a = f(z) (the
 * head's for the last layer), 1 its pre-activations z, 2 with labels (NULL:
 * none) each row's own dLoss/dz (the gradient of that sample's loss).
 * ranges (6 values, or NULL): lo, hi of each quantity; a NaN pair (or NULL)
 * takes the smallest and largest finite value over the hidden layers, so
 * they share one scale, and the output layer's over its own values (a first
 * sweep over the rows finds them; a range of one value is widened by 0.5
 * each way). Values outside a range count in its end bins, so each layer's
 * counts sum to n * width[l]; NaN counts nowhere. edges (L, 3, bins + 1):
 * each layer's bin edges per quantity (NaN for gradients without labels);
 * counts (L, 3, bins). AL_ERR_PARAM for bins out of range or a range that is
 * not finite with lo < hi. */
al_status al_net_layer_histograms(al_net *net, const double *inputs, const double *labels, size_t n, int bins,
                                  const double *ranges, double *edges, double *counts);
/* Euclidean norm of each layer's gradient (weights and biases) at the last
 * training step: norms (L). */
al_status al_net_grad_norms(const al_net *net, double *norms);

/* For a network whose hidden activations are all identity: the single affine
 * map z_out = A x + c it computes before the head. A (n_outputs, n_inputs),
 * c (n_outputs). AL_ERR_UNSUPPORTED otherwise; AL_ERR_NO_MEMORY if its scratch
 * (2 x max width x (n_inputs + 1) doubles) cannot be allocated. */
al_status al_net_collapse(const al_net *net, double *a, double *c);

#ifdef __cplusplus
}
#endif

#endif /* ACTLAB_H */
