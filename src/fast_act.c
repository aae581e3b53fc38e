/*
 * Fast tanh and sigmoid for the network engine, with their derivatives from
 * the same exponential. The exact kernels of activations.c (within a few ulp)
 * call libm's expm1/tanh, which dominate training time; these use one
 * table-driven e^(-y) (64-entry table of 2^(j/64), degree-5 polynomial on
 * |r| <= ln2/128) and stay within 2e-15 relative of the exact values for
 * every input (tests/test_fast_act.c measures it against the exact core).
 */
#include "al_internal.h"
#include "al_exp_table.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* e^(-y) for 0 <= y <= 708 (so the result is a normal number). Relative
 * error about 2 ulp: the table's rounding, the polynomial (truncation below
 * 4e-17) and three roundings. */
static inline double exp_neg(double y)
{
    double t = -y * EXP_64_OVER_LN2;
    double kd = (t + 0x1.8p52) - 0x1.8p52; /* nearest integer, in any rounding-free build */
    /* k in [-65400, 0]; k + 2^16 >= 0 keeps the shifts on unsigned values. */
    uint32_t u = (uint32_t)((int32_t)kd + 65536);
    /* kd * HI is exact (36-bit head, |k| < 2^17) and close to -y, so the
     * first subtraction is exact too. */
    double r = (-y - kd * EXP_LN2_64_HI) - kd * EXP_LN2_64_LO;
    double p = r + r * r * (0.5 + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0))));
    uint32_t j = u & 63u;
    /* 2^m with m = floor(k / 64) = (u >> 6) - 1024 >= -1022 for y <= 708. */
    uint64_t bits = (uint64_t)((u >> 6) - 1024u + 1023u) << 52;
    double scale;
    memcpy(&scale, &bits, sizeof scale);
    double base = exp2_table[j];
    return (base + base * p) * scale;
}

/* One element, every range. */
static inline void tanh_one(double v, double *t, double *d)
{
    double a = fabs(v);
    if (a < 0x1p-4) {
        /* Taylor series through x^11: the next term is below 2e-17 relative
         * here. v * (1 + ...) keeps the sign of -0. */
        double s = v * v;
        *t = v * (1.0 + s * (-1.0 / 3.0 + s * (2.0 / 15.0 + s * (-17.0 / 315.0 +
                        s * (62.0 / 2835.0 + s * (-1382.0 / 155925.0))))));
        *d = 1.0 - *t * *t; /* t^2 < 0.004: no cancellation */
    } else if (a <= 354.0) {
        /* tanh a = (1 - e) / (1 + e), sech^2 a = 4e / (1 + e)^2, e = e^(-2a).
         * For a <= 0.35, e >= 1/2 and 1 - e is exact (Sterbenz). */
        double e = exp_neg(2.0 * a);
        double q = 1.0 / (1.0 + e);
        *t = copysign((1.0 - e) * q, v);
        *d = 4.0 * e * q * q;
    } else { /* |x| > 354, infinities and NaN */
        *t = v != v ? v : copysign(1.0, v);
        *d = 4.0 * exp(-2.0 * a);
    }
}

#if defined(__GNUC__)
/* Two lanes at once with the compiler's vector extension: SSE2 natively,
 * f64x2 in the Wasm SIMD build, plain scalar code in the baseline Wasm build.
 * Every lane performs exactly the scalar operations in the same order, so
 * results are bit for bit those of tanh_one. */
typedef double v2d __attribute__((vector_size(16)));
typedef int64_t v2i __attribute__((vector_size(16)));

static inline v2d exp_neg2(v2d y)
{
    v2d t = -y * EXP_64_OVER_LN2;
    v2d big = t + 0x1.8p52; /* k in the low mantissa bits */
    v2d kd = big - 0x1.8p52;
    v2i kb;
    memcpy(&kb, &big, sizeof kb);
    v2i k = kb - (v2i){0x4338000000000000LL, 0x4338000000000000LL};
    v2d r = (-y - kd * EXP_LN2_64_HI) - kd * EXP_LN2_64_LO;
    v2d p = r + r * r * (0.5 + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0))));
    v2i j = k & 63;
    v2i bits = ((k >> 6) + 1023) << 52;
    v2d scale;
    memcpy(&scale, &bits, sizeof scale);
    v2d base = {exp2_table[j[0]], exp2_table[j[1]]};
    return (base + base * p) * scale;
}

static inline v2d copysign2(v2d magnitude, v2d sign)
{
    const v2i sign_bit = {INT64_MIN, INT64_MIN};
    v2i m, s;
    memcpy(&m, &magnitude, sizeof m);
    memcpy(&s, &sign, sizeof s);
    m = (m & ~sign_bit) | (s & sign_bit);
    memcpy(&magnitude, &m, sizeof m);
    return magnitude;
}
#endif

/* Inlined with constant want_t/want_d, so the value-only loop (predictions,
 * grids) does not pay for the derivative. */
static inline void tanh_loop(const double *x, double *t, double *d, size_t n, int want_t, int want_d)
{
    size_t i = 0;
#if defined(__GNUC__)
    for (; i + 2 <= n; i += 2) {
        v2d v = {x[i], x[i + 1]};
        v2d a = copysign2(v, (v2d){0.0, 0.0});
        if (a[0] >= 0x1p-4 && a[0] <= 354.0 && a[1] >= 0x1p-4 && a[1] <= 354.0) {
            v2d e = exp_neg2(2.0 * a);
            v2d q = 1.0 / (1.0 + e);
            v2d tv = copysign2((1.0 - e) * q, v);
            v2d dv = 4.0 * e * q * q;
            if (want_t)
                t[i] = tv[0], t[i + 1] = tv[1];
            if (want_d)
                d[i] = dv[0], d[i + 1] = dv[1];
        } else {
            for (size_t k = i; k < i + 2; k++) {
                double tk, dk;
                tanh_one(x[k], &tk, &dk);
                if (want_t)
                    t[k] = tk;
                if (want_d)
                    d[k] = dk;
            }
        }
    }
#endif
    for (; i < n; i++) {
        double tk, dk;
        tanh_one(x[i], &tk, &dk);
        if (want_t)
            t[i] = tk;
        if (want_d)
            d[i] = dk;
    }
}

void al_fast_tanh(const double *x, double *t, double *d, size_t n)
{
    if (t && d)
        tanh_loop(x, t, d, n, 1, 1);
    else if (t)
        tanh_loop(x, t, NULL, n, 1, 0);
    else if (d)
        tanh_loop(x, NULL, d, n, 0, 1);
}

static inline void sigmoid_loop(const double *x, double *s, double *d, size_t n, int want_s, int want_d)
{
    for (size_t i = 0; i < n; i++) {
        double v = x[i], a = fabs(v), si, di;
        if (a <= 708.0) {
            /* e = e^(-|x|): sigmoid = 1/(1 + e) or e/(1 + e), never a cancellation. */
            double e = exp_neg(a);
            double q = 1.0 / (1.0 + e);
            si = v >= 0.0 ? q : e * q;
            di = e * q * q;
        } else { /* far tails (subnormal or zero results), infinities and NaN */
            si = v != v ? v : (v > 0.0 ? 1.0 : exp(v));
            di = exp(-a);
        }
        if (want_s)
            s[i] = si;
        if (want_d)
            d[i] = di;
    }
}

void al_fast_sigmoid(const double *x, double *s, double *d, size_t n)
{
    if (s && d)
        sigmoid_loop(x, s, d, n, 1, 1);
    else if (s)
        sigmoid_loop(x, s, NULL, n, 1, 0);
    else if (d)
        sigmoid_loop(x, NULL, d, n, 0, 1);
}
