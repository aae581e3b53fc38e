/*
 * Internal numeric helpers shared by the activation and softmax code.
 * Not part of the public API.
 */
#ifndef AL_INTERNAL_H
#define AL_INTERNAL_H

#include <math.h>
#include <stddef.h>

/* e^-700 rounded to double: a normal number, used to scale products whose
 * exact value lies near or below the subnormal threshold (see mul_exp). */
#define AL_EXP_M700 0x1.14f2b0fb9307fp-1010 /* mpmath, 300 bits */

/* m * e^a. When e^a alone would be subnormal (a < -708.4), computing it first
 * and then multiplying by m would magnify its rounding error by |m|: instead
 * form m * e^(a + 700) (exact shift, Sterbenz) and apply e^-700 last, so only
 * the final product is rounded into the subnormal range. */
static inline double mul_exp(double m, double a)
{
    if (a < -700.0) {
        double e = exp(a + 700.0);
        /* e == 0: the product is 0 however large m is (m grows at most
         * polynomially where this is used; avoids inf * 0). */
        return e == 0.0 ? 0.0 : (m * e) * AL_EXP_M700;
    }
    return m * exp(a);
}

/* e^(hi + lo) for |lo| <= ulp(hi): e^lo = 1 + lo to double precision
 * wherever e^hi is neither 0 nor inf (|hi| < 746, so |lo| < 1e-13). */
static inline double exp_dd(double hi, double lo)
{
    double e = exp(hi);
    if (lo == 0.0 || e == 0.0 || isinf(e))
        return e;
    return e + e * lo;
}

/* s + err == a + b exactly (Knuth's TwoSum; no ordering assumption). */
static inline double two_sum(double a, double b, double *err)
{
    double s = a + b;
    double bb = s - a;
    *err = (a - (s - bb)) + (b - bb);
    return s;
}

/* p + err == a * b exactly (barring overflow/underflow).
 * WebAssembly has no fused multiply-add instruction, and Emscripten's fma()
 * is a software emulation costing ~50 multiplications, so there the error
 * comes from Dekker's exact product (Veltkamp splitting, plain arithmetic);
 * the split needs |a|, |b| < 2^995, beyond which fma() is still used. */
static inline double two_prod(double a, double b, double *err)
{
    double p = a * b;
#if defined(__wasm__)
    if (fabs(a) < 0x1p995 && fabs(b) < 0x1p995 && fabs(p) < 0x1p1020) {
        const double split = 134217729.0; /* 2^27 + 1 */
        double ca = split * a, ah = ca - (ca - a), al = a - ah;
        double cb = split * b, bh = cb - (cb - b), bl = b - bh;
        *err = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
        return p;
    }
#endif
    *err = fma(a, b, -p);
    return p;
}

/* x - q*d exactly, for q = x/d rounded (the remainder of a division is
 * representable): fma where it is a hardware instruction, else two_prod
 * (x - p is exact by Sterbenz's lemma since p is within an ulp of x). */
static inline double div_remainder(double x, double q, double d)
{
#if defined(__wasm__)
    double e, p = two_prod(q, d, &e);
    return (x - p) - e;
#else
    return fma(-q, d, x);
#endif
}

/* 1 - t^2 with a single rounding. */
static inline double one_minus_square(double t)
{
#if defined(__wasm__)
    double e, p = two_prod(t, t, &e);
    double e2, s = two_sum(1.0, -p, &e2);
    return s + (e2 - e);
#else
    return fma(-t, t, 1.0);
#endif
}

/* Compensated (Neumaier) running sum: the error of each addition is kept
 * in `c`, so long sums of probabilities stay within a few ulp. */
typedef struct {
    double s, c;
} nsum_t;

static inline void nsum_add(nsum_t *acc, double v)
{
    double t = acc->s + v;
    if (fabs(acc->s) >= fabs(v))
        acc->c += (acc->s - t) + v;
    else
        acc->c += (v - t) + acc->s;
    acc->s = t;
}

static inline double nsum_value(const nsum_t *acc)
{
    return acc->s + acc->c;
}

#endif /* AL_INTERNAL_H */
