/*
 * Internal numeric helpers shared by the activation and softmax code.
 * Not part of the public API.
 */
#ifndef AL_INTERNAL_H
#define AL_INTERNAL_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

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

/* xoshiro256** (Blackman & Vigna), seeded through splitmix64: a small,
 * fast generator whose whole state lives in the object that owns it, so the
 * same seed gives the same sequence on every platform. */
typedef struct {
    unsigned long long s[4];
    double spare;  /* second value of the last Box-Muller pair */
    int has_spare;
} al_rng;

static inline unsigned long long al_rotl(unsigned long long x, int k)
{
    return (x << k) | (x >> (64 - k));
}

/* splitmix64's output function of z + golden ratio: a well-mixed 64-bit hash. */
static inline unsigned long long al_splitmix(unsigned long long z)
{
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static inline void al_rng_seed(al_rng *r, unsigned long long seed)
{
    for (int i = 0; i < 4; i++) {
        r->s[i] = al_splitmix(seed);
        seed += 0x9e3779b97f4a7c15ULL;
    }
    r->has_spare = 0;
    r->spare = 0.0;
}

/* The seed of item `index` of random stream `stream` (1, 2, ...) of an
 * object seeded with `seed`: streams are independent of each other and of
 * al_rng_seed(seed) itself, and an item needs no earlier item. */
static inline unsigned long long al_stream_seed(unsigned long long seed, unsigned stream,
                                                unsigned long long index)
{
    return al_splitmix(al_splitmix(seed ^ (0xd1b54a32d192ed03ULL * stream)) + index);
}

static inline unsigned long long al_rng_next(al_rng *r)
{
    unsigned long long *s = r->s;
    unsigned long long result = al_rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = al_rotl(s[3], 45);
    return result;
}

/* Uniform in [0, 1), 53 random bits. */
static inline double al_rng_uniform(al_rng *r)
{
    return (double)(al_rng_next(r) >> 11) * 0x1p-53;
}

/* Uniform integer in [0, n), n >= 1 (Lemire's multiply-shift; the bias for
 * n <= 2^32 is below 2^-32). */
static inline size_t al_rng_below(al_rng *r, size_t n)
{
    return (size_t)(((al_rng_next(r) >> 32) * (unsigned long long)n) >> 32);
}

/* Standard normal by Box-Muller; the pair's second value is kept for the next call. */
static inline double al_rng_normal(al_rng *r)
{
    if (r->has_spare) {
        r->has_spare = 0;
        return r->spare;
    }
    double u = 1.0 - al_rng_uniform(r); /* (0, 1]: log(u) is finite */
    double v = al_rng_uniform(r);
    double m = sqrt(-2.0 * log(u));
    r->spare = m * sin(6.283185307179586 * v);
    r->has_spare = 1;
    return m * cos(6.283185307179586 * v);
}

/* y = f(x) (derivative == 0) or f'(x) over n values, for a valid kind and
 * resolved params (src/activations.c); no checks, for the network engine. */
void al_apply(int kind, const double *params, int derivative, const double *x, double *y, size_t n);
void al_apply_both(int kind, const double *params, const double *x, double *y, double *dy, size_t n);

/* Two doubles at once with the GCC/Clang vector extension: SSE2 natively,
 * f64x2 in the Wasm SIMD build, plain scalar code in the baseline Wasm build.
 * Each lane performs the scalar operations in the same order, so every build
 * gives the same bits. */
#if !defined(__GNUC__)
#error "ActLab needs GCC or Clang (vector extensions)"
#endif
typedef double al_v2d __attribute__((vector_size(16)));
typedef int64_t al_v2i __attribute__((vector_size(16)));

static inline al_v2d al_load2(const double *p)
{
    al_v2d v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline void al_store2(double *p, al_v2d v)
{
    memcpy(p, &v, sizeof v);
}

/* The network engine's tanh and sigmoid (src/fast_act.c): values into t/s
 * and, unless d is NULL, derivatives into d (d may alias x); within 2e-15
 * relative of the exact kernels, several times faster. */
void al_fast_tanh(const double *x, double *t, double *d, size_t n);
void al_fast_sigmoid(const double *x, double *s, double *d, size_t n);

/* For grids whose first layer separates, z = u + v with u per column and v
 * per row (src/mlp.c): e^(-y) for |y| <= 708 (the caller checks), and the
 * first layer's values from e = e1[i] * e2, where e1 = e^(-2u) and e2 =
 * e^(-2v) for tanh (values below 1/16 from the series on z = u[i] + v), or
 * e^(-u) and e^(-v) for sigmoid. The caller keeps |2u| and |2v| <= 340, so
 * the product neither overflows nor underflows. */
void al_fast_exp_neg(const double *y, double *e, size_t n);
void al_fast_tanh_separable(const double *u, const double *e1, double v, double e2, double *t,
                            size_t n);
void al_fast_sigmoid_separable(const double *e1, double e2, double *s, size_t n);

#endif /* AL_INTERNAL_H */
