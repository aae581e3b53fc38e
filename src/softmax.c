/*
 * The softmax family and the losses built on it.
 *
 * All of them shift logits by their maximum m before exponentiating: softmax
 * is invariant under the shift, and afterwards every exponent is <= 0, so no
 * exp overflows and the largest term is exactly 1. The sum of the *other*
 * terms, s', is kept apart so that log(sum) = log1p(s') and 1 - p_max = s'/S
 * keep full precision when one class dominates.
 */
#include "actlab.h"
#include "al_internal.h"
#include "al_dd.h"

#include <math.h>
#include <stdint.h>

/* What one pass over the logits tells. */
typedef struct {
    double m;     /* the maximum (+inf if any logit is +inf) */
    size_t imax;  /* first index of the maximum */
    size_t n_inf; /* how many logits are +inf */
    int has_nan;
} scan_t;

static al_status scan_logits(const double *z, size_t n, scan_t *s)
{
    s->m = -INFINITY;
    s->imax = 0;
    s->n_inf = 0;
    s->has_nan = 0;
    for (size_t i = 0; i < n; i++) {
        double v = z[i];
        if (isnan(v)) {
            s->has_nan = 1;
            return AL_OK;
        }
        if (v == INFINITY)
            s->n_inf++;
        if (v > s->m) {
            s->m = v;
            s->imax = i;
        }
    }
    return s->m == -INFINITY ? AL_ERR_DOMAIN : AL_OK;
}

static al_status check_vector(const double *z, const void *out, size_t n, double temperature)
{
    if (!z || !out)
        return AL_ERR_NULL;
    if (n == 0)
        return AL_ERR_SIZE;
    if (!(isfinite(temperature) && temperature > 0.0))
        return AL_ERR_PARAM;
    return AL_OK;
}

/* (z - m)/T as hi + lo, exact to about 2^-106: the subtraction error comes
 * from TwoSum, the division remainder from an fma. exp magnifies an absolute
 * exponent error by nothing, but a relative one by |exponent| (up to 745). */
static inline double shifted(double z, double m, double temperature, double *lo)
{
    double err, d = two_sum(z, -m, &err);
    if (temperature == 1.0) {
        *lo = err;
        return d;
    }
    double q = d / temperature;
    *lo = (div_remainder(d, q, temperature) + err) / temperature;
    return q;
}

/* Fills out[] with the limit when some logits are +inf: they share the
 * probability equally. */
static void inf_limit(const double *z, size_t n, size_t n_inf, double *out)
{
    double share = 1.0 / (double)n_inf;
    for (size_t i = 0; i < n; i++)
        out[i] = z[i] == INFINITY ? share : 0.0;
}

static void fill(double *out, size_t n, double v)
{
    for (size_t i = 0; i < n; i++)
        out[i] = v;
}

/* Writes the unnormalised terms e_i = exp((z_i - m)/T) to out[] (e_imax = 1)
 * and returns s' = the compensated sum of all but e_imax. */
static double exp_terms(const double *z, size_t n, double temperature,
                        const scan_t *s, double *out)
{
    nsum_t acc = {0.0, 0.0};
    for (size_t i = 0; i < n; i++) {
        if (i == s->imax) {
            out[i] = 1.0;
            continue;
        }
        double lo, q = shifted(z[i], s->m, temperature, &lo);
        double e = exp_dd(q, lo);
        out[i] = e;
        nsum_add(&acc, e);
    }
    return nsum_value(&acc);
}

/* p = softmax(z / T); *one_minus_pmax = 1 - p_imax without cancellation. */
static al_status softmax_core(const double *z, size_t n, double temperature,
                              double *p, scan_t *s, double *one_minus_pmax)
{
    al_status st = scan_logits(z, n, s);
    if (st != AL_OK)
        return st;
    if (s->has_nan) {
        fill(p, n, NAN);
        *one_minus_pmax = NAN;
        return AL_OK;
    }
    if (s->n_inf) {
        inf_limit(z, n, s->n_inf, p);
        *one_minus_pmax = 1.0 - p[s->imax];
        return AL_OK;
    }
    double rest = exp_terms(z, n, temperature, s, p);
    double total = 1.0 + rest;
    for (size_t i = 0; i < n; i++)
        p[i] /= total;
    *one_minus_pmax = rest / total;
    return AL_OK;
}

al_status al_softmax(const double *z, size_t n, double temperature, double *p)
{
    al_status st = check_vector(z, p, n, temperature);
    if (st != AL_OK)
        return st;
    scan_t s;
    double unused;
    return softmax_core(z, n, temperature, p, &s, &unused);
}

al_status al_log_softmax(const double *z, size_t n, double temperature, double *out)
{
    al_status st = check_vector(z, out, n, temperature);
    if (st != AL_OK)
        return st;
    scan_t s;
    if ((st = scan_logits(z, n, &s)) != AL_OK)
        return st;
    if (s.has_nan) {
        fill(out, n, NAN);
        return AL_OK;
    }
    if (s.n_inf) {
        double l = -log((double)s.n_inf);
        for (size_t i = 0; i < n; i++)
            out[i] = z[i] == INFINITY ? l : -INFINITY;
        return AL_OK;
    }
    /* First pass: exponents into out[], their terms into the sum s'. */
    nsum_t acc = {0.0, 0.0};
    for (size_t i = 0; i < n; i++) {
        if (i == s.imax) {
            out[i] = 0.0;
            continue;
        }
        double lo, q = shifted(z[i], s.m, temperature, &lo);
        nsum_add(&acc, exp_dd(q, lo));
        out[i] = q;
    }
    /* log(sum) = log1p(s'): log_softmax([50, -50])[0] = -log1p(e^-100), not 0. */
    double log_total = log1p(nsum_value(&acc));
    for (size_t i = 0; i < n; i++)
        out[i] -= log_total;
    return AL_OK;
}

al_status al_softmax_jacobian(const double *z, size_t n, double temperature, double *jac)
{
    al_status st = check_vector(z, jac, n, temperature);
    if (st != AL_OK)
        return st;
    if (n > (size_t)(SIZE_MAX / sizeof(double)) / n)
        return AL_ERR_SIZE;
    /* p lives in the last row until that row is written, last. */
    double *p = jac + (n - 1) * n;
    scan_t s;
    double rest;
    if ((st = softmax_core(z, n, temperature, p, &s, &rest)) != AL_OK)
        return st;
    double inv_t = 1.0 / temperature;
    for (size_t i = 0; i < n; i++) {
        double pi = p[i];
        /* 1 - p_i: exact for i != imax since then p_i <= 1/2. */
        double qi = i == s.imax ? rest : 1.0 - pi;
        double *row = jac + i * n;
        for (size_t j = 0; j < n; j++) {
            double v = (i == j) ? pi * qi : -(pi * p[j]);
            row[j] = temperature == 1.0 ? v : v * inv_t;
        }
    }
    return AL_OK;
}

al_status al_sparsemax(const double *z, size_t n, double *p)
{
    al_status st = check_vector(z, p, n, 1.0);
    if (st != AL_OK)
        return st;
    scan_t s;
    if ((st = scan_logits(z, n, &s)) != AL_OK)
        return st;
    if (s.has_nan) {
        fill(p, n, NAN);
        return AL_OK;
    }
    if (s.n_inf) {
        inf_limit(z, n, s.n_inf, p);
        return AL_OK;
    }
    /* Work with w = z - max (so huge logits keep their differences) and find
     * tau with sum max(w_i - tau, 0) = 1 by Michelot's fixed point: from
     * tau = -1 (a lower bound, since p_max <= 1) the support {w > tau} only
     * shrinks and tau only grows; it stops when the support stops changing,
     * after at most n rounds and usually two or three. No sorting, no memory. */
    double tau = -1.0;
    size_t support = 0;
    for (size_t round = 0; round <= n; round++) {
        nsum_t acc = {0.0, 0.0};
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            double w = z[i] - s.m;
            if (w > tau) {
                nsum_add(&acc, w);
                k++;
            }
        }
        double next = (nsum_value(&acc) - 1.0) / (double)k;
        if (k == support)
            break;
        support = k;
        tau = next;
    }
    for (size_t i = 0; i < n; i++) {
        double v = (z[i] - s.m) - tau;
        p[i] = v > 0.0 ? v : 0.0;
    }
    return AL_OK;
}

al_status al_argmax(const double *z, size_t n, size_t *index)
{
    if (!z || !index)
        return AL_ERR_NULL;
    if (n == 0)
        return AL_ERR_SIZE;
    size_t best = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(z[i])) {
            best = i;
            break;
        }
        if (z[i] > z[best])
            best = i;
    }
    *index = best;
    return AL_OK;
}

/* Targets: each finite in [0, 1]; *sum gets their sum. */
static al_status check_targets(const double *y, size_t n, double *sum)
{
    nsum_t acc = {0.0, 0.0};
    for (size_t i = 0; i < n; i++) {
        if (!(y[i] >= 0.0 && y[i] <= 1.0))
            return AL_ERR_LABEL;
        nsum_add(&acc, y[i]);
    }
    *sum = nsum_value(&acc);
    return AL_OK;
}

al_status al_cross_entropy(const double *z, const double *y, size_t n,
                           double *loss, double *grad)
{
    if (!z || !y || !loss)
        return AL_ERR_NULL;
    if (n == 0)
        return AL_ERR_SIZE;
    double ysum;
    al_status st = check_targets(y, n, &ysum);
    if (st != AL_OK)
        return st;
    if (fabs(ysum - 1.0) > 1e-6)
        return AL_ERR_LABEL;
    scan_t s;
    if ((st = scan_logits(z, n, &s)) != AL_OK)
        return st;
    if (s.has_nan) {
        *loss = NAN;
        if (grad)
            fill(grad, n, NAN);
        return AL_OK;
    }
    if (s.n_inf) {
        double share = 1.0 / (double)s.n_inf, l = 0.0;
        for (size_t i = 0; i < n; i++) {
            double pi = z[i] == INFINITY ? share : 0.0;
            if (y[i] > 0.0)
                l += pi > 0.0 ? -y[i] * log(pi) : INFINITY;
            if (grad)
                grad[i] = pi * ysum - y[i];
        }
        *loss = l;
        return AL_OK;
    }
    nsum_t rest_acc = {0.0, 0.0};
    for (size_t i = 0; i < n; i++) {
        if (i == s.imax)
            continue;
        double lo, q = shifted(z[i], s.m, 1.0, &lo);
        nsum_add(&rest_acc, exp_dd(q, lo));
    }
    double rest = nsum_value(&rest_acc);
    double log_total = log1p(rest), total = 1.0 + rest;
    /* -log p_i = log_total - q_i: both terms >= 0, so the loss is a sum of
     * non-negative numbers and never cancels. z_i is read before grad_i is
     * written, so grad may alias z. */
    nsum_t l = {0.0, 0.0};
    for (size_t i = 0; i < n; i++) {
        double lo, q = i == s.imax ? 0.0 : shifted(z[i], s.m, 1.0, &lo);
        if (y[i] > 0.0)
            nsum_add(&l, y[i] * (log_total - q));
        if (!grad)
            continue;
        if (i == s.imax) /* p ysum - y with p = 1 - rest/total, no cancellation */
            grad[i] = (ysum - y[i]) - ysum * (rest / total);
        else
            grad[i] = exp_dd(q, lo) / total * ysum - y[i];
    }
    *loss = nsum_value(&l);
    return AL_OK;
}

/* sigmoid(z) - y in double-double, for when the two nearly cancel. */
static double sigmoid_minus_dd(double z, double y)
{
    dd_t e = dd_exp(-fabs(z), 0.0);
    dd_t d = dd_add(dd_d(1.0), e);
    dd_t s = dd_div(z >= 0.0 ? dd_d(1.0) : e, d);
    dd_t g = dd_add(s, dd_d(-y));
    return g.hi + g.lo;
}

al_status al_binary_cross_entropy(const double *z, const double *y, size_t n,
                                  double *loss, double *grad)
{
    if (!z || !y || (!loss && !grad))
        return AL_ERR_NULL;
    if (n == 0)
        return AL_ERR_SIZE;
    double unused;
    al_status st = check_targets(y, n, &unused);
    if (st != AL_OK)
        return st;
    for (size_t i = 0; i < n; i++) {
        double zi = z[i], yi = y[i];
        double l, g;
        if (isnan(zi)) {
            l = g = NAN;
        } else if (zi > 0.0) {
            /* softplus(z) - y z = z (1 - y) + log1p(e^-z): 1 - y is exact
             * for y >= 1/2, and a zero weight stays 0 at z = inf. */
            double w = 1.0 - yi;
            l = (w == 0.0 ? 0.0 : zi * w) + log1p(exp(-zi));
            g = w - exp(-zi) / (1.0 + exp(-zi)); /* (1 - y) - sigmoid(-z) */
        } else {
            double e = exp(zi);
            l = (yi == 0.0 ? 0.0 : -zi * yi) + log1p(e);
            g = e / (1.0 + e) - yi;
        }
        /* |g| < y/2: the subtraction cancelled at least one bit */
        if (fabs(g) < 0.5 * yi && fabs(zi) < 700.0)
            g = sigmoid_minus_dd(zi, yi);
        if (loss)
            loss[i] = l;
        if (grad)
            grad[i] = g;
    }
    return AL_OK;
}
