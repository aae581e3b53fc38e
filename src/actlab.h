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

#ifdef __cplusplus
}
#endif

#endif /* ACTLAB_H */
