/*
 * Fast tanh and sigmoid for the network engine, with their derivatives from
 * the same exponential. The exact kernels of activations.c (within a few ulp)
 * call libm's expm1/tanh, which dominate training time; these use one
 * table-driven e^(-y) (256-entry table of 2^(j/256), degree-4 polynomial on
 * |r| <= ln2/512) and stay within 2e-15 relative of the exact values for
 * every input (tests/test_fast_act.c measures it against the exact core).
 *
 * The loops work on pairs (al_v2d, see al_internal.h): every build gives the
 * same bits.
 */
#include "al_internal.h"
#include "al_exp_table.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#define EXP_N (1 << EXP_TABLE_BITS)

/* e^(-y) = 2^(k/N) e^r: the reduced argument r for k = kd (kd * HI is exact,
 * 34-bit head and |k| < 2^19, and close to -y, so the first subtraction is
 * exact too), and e^r - 1 to degree 4 with r2 = r * r (truncation below
 * 4e-17 for |r| <= ln2/512). Macros, so doubles and pairs share them and
 * compute the same bits. */
#define EXP_REDUCE(y, kd) ((-(y) - (kd) * EXP_LN2_N_HI) - (kd) * EXP_LN2_N_LO)
#define EXP_POLY(r, r2) ((r) + (r2) * ((0.5 + (r) * (1.0 / 6.0)) + (r2) * (1.0 / 24.0)))

/* 2^(k/N) (1 + p) for the table index and exponent in k; exact scaling. */
static inline double exp_rebuild(int64_t k, double p)
{
    /* k >= -261,500 for y <= 708, so the exponent floor(k/N) >= -1022. */
    uint64_t bits = (uint64_t)((k >> EXP_TABLE_BITS) + 1023) << 52;
    double scale, base = exp2_table[k & (EXP_N - 1)];
    memcpy(&scale, &bits, sizeof scale);
    return (base + base * p) * scale;
}

/* e^(-y) for 0 <= y <= 708 (so the result is a normal number). Relative
 * error about 2 ulp: the table's rounding, the polynomial (truncation below
 * 4e-17) and three roundings. */
static inline double exp_neg(double y)
{
    double t = -y * EXP_N_OVER_LN2;
    double kd = (t + 0x1.8p52) - 0x1.8p52; /* nearest integer, k = kd */
    double r = EXP_REDUCE(y, kd);
    return exp_rebuild((int64_t)kd, EXP_POLY(r, r * r));
}

/* tanh below 1/16: Taylor series through x^11 (the next term is below 2e-17
 * relative here); v * (1 + ...) keeps the sign of -0. */
#define TANH_SERIES(v, s) /* s = v * v; for doubles and pairs alike */                     \
    ((v) * (1.0 + (s) * (-1.0 / 3.0 + (s) * (2.0 / 15.0 + (s) * (-17.0 / 315.0 +            \
             (s) * (62.0 / 2835.0 + (s) * (-1382.0 / 155925.0)))))))

static inline double tanh_series(double v)
{
    return TANH_SERIES(v, v * v);
}

/* One element, every range. */
static inline void tanh_one(double v, double *t, double *d)
{
    double a = fabs(v);
    if (a < 0x1p-4) {
        *t = tanh_series(v);
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

/* One element, every range. */
static inline void sigmoid_one(double v, double *s, double *d)
{
    double a = fabs(v);
    if (a <= 708.0) {
        /* e = e^(-|x|): sigmoid = 1/(1 + e) or e/(1 + e), never a cancellation. */
        double e = exp_neg(a);
        double q = 1.0 / (1.0 + e);
        *s = v >= 0.0 ? q : e * q;
        *d = e * q * q;
    } else { /* far tails (subnormal or zero results), infinities and NaN */
        *s = v != v ? v : (v > 0.0 ? 1.0 : exp(v));
        *d = exp(-a);
    }
}

typedef al_v2d v2d;
typedef al_v2i v2i;

static inline v2d as_v2d(v2i i)
{
    v2d d;
    memcpy(&d, &i, sizeof d);
    return d;
}

static inline v2i as_v2i(v2d d)
{
    v2i i;
    memcpy(&i, &d, sizeof i);
    return i;
}

/* exp_neg on both lanes. */
static inline v2d exp_neg2(v2d y)
{
    v2d big = -y * EXP_N_OVER_LN2 + 0x1.8p52; /* k in the low mantissa bits */
    v2d kd = big - 0x1.8p52;
    v2i k = as_v2i(big) - 0x4338000000000000LL;
    v2d r = EXP_REDUCE(y, kd);
    v2d p = EXP_POLY(r, r * r);
    v2i j = k & (EXP_N - 1);
    v2d scale = as_v2d(((k >> EXP_TABLE_BITS) + 1023) << 52);
    v2d base = {exp2_table[j[0]], exp2_table[j[1]]};
    return (base + base * p) * scale;
}

/* Lane by lane: a where mask is all ones, else b. */
static inline v2d select2(v2i mask, v2d a, v2d b)
{
    return as_v2d((as_v2i(a) & mask) | (as_v2i(b) & ~mask));
}

static inline v2d abs2(v2d v)
{
    return as_v2d(as_v2i(v) & INT64_MAX);
}

static inline v2d copysign2(v2d magnitude, v2d sign)
{
    return as_v2d(as_v2i(magnitude) | (as_v2i(sign) & INT64_MIN));
}

/* Every lane of both pairs in [lo, hi] (false for NaN). */
static inline int all_in(v2d a0, v2d a1, double lo, double hi)
{
    v2i in = (a0 >= lo) & (a0 <= hi) & (a1 >= lo) & (a1 <= hi);
    return (in[0] & in[1]) != 0;
}

/* tanh_one's middle range (1/16 <= |v| <= 354) on a pair. */
static inline void tanh_pair(v2d v, v2d a, v2d *t, v2d *d)
{
    v2d e = exp_neg2(a + a);
    v2d q = 1.0 / (1.0 + e);
    *t = copysign2((1.0 - e) * q, v);
    *d = 4.0 * e * q * q;
}

/* tanh_one's two lower ranges (|v| <= 354) on a pair: both formulas, each
 * lane takes the one tanh_one would. For steps with a lane below 1/16,
 * common where a unit's input crosses zero; costs a third more than
 * tanh_pair but far less than four scalar calls. */
static inline void tanh_pair_any(v2d v, v2d a, v2d *t, v2d *d)
{
    v2d tb, db;
    tanh_pair(v, a, &tb, &db);
    v2d ts = TANH_SERIES(v, v * v), ds = 1.0 - ts * ts;
    v2i small = a < 0x1p-4;
    *t = select2(small, ts, tb);
    *d = select2(small, ds, db);
}

/* sigmoid_one's main range (|v| <= 708) on a pair. */
static inline void sigmoid_pair(v2d v, v2d a, v2d *s, v2d *d)
{
    v2d e = exp_neg2(a);
    v2d q = 1.0 / (1.0 + e);
    *s = select2(v >= 0.0, q, e * q);
    *d = e * q * q;
}

enum { FAST_TANH, FAST_SIGMOID };

static inline void fast_one(int kind, double v, double *y, double *d)
{
    if (kind == FAST_TANH)
        tanh_one(v, y, d);
    else
        sigmoid_one(v, y, d);
}

/*
 * f of x[0..n) into y, and with want_d f' into dy, for f = tanh or sigmoid.
 * Four elements per step as two independent pairs: the exponential is a
 * long chain of dependent operations, and two chains side by side keep the
 * processor busy. Steps with a tanh input below 1/16 take both formulas
 * (tanh_pair_any); only steps with a huge, infinite or NaN input take the
 * scalar path. Always inlined with a constant want_d, so the value-only loop
 * (predictions, grids) does not pay for the derivative.
 */
static inline __attribute__((always_inline)) void
fast_loop(int kind, const double *x, double *y, double *dy, size_t n, int want_d)
{
    size_t i = 0;
    double lo = kind == FAST_TANH ? 0x1p-4 : 0.0, hi = kind == FAST_TANH ? 354.0 : 708.0;
    for (; i + 4 <= n; i += 4) {
        v2d v0 = al_load2(x + i), v1 = al_load2(x + i + 2), y0, y1, d0, d1;
        v2d a0 = abs2(v0), a1 = abs2(v1);
        int fast = all_in(a0, a1, lo, hi);
        if (fast || (kind == FAST_TANH && all_in(a0, a1, 0.0, hi))) {
            if (kind == FAST_SIGMOID) {
                sigmoid_pair(v0, a0, &y0, &d0);
                sigmoid_pair(v1, a1, &y1, &d1);
            } else if (fast) {
                tanh_pair(v0, a0, &y0, &d0);
                tanh_pair(v1, a1, &y1, &d1);
            } else {
                tanh_pair_any(v0, a0, &y0, &d0);
                tanh_pair_any(v1, a1, &y1, &d1);
            }
            al_store2(y + i, y0);
            al_store2(y + i + 2, y1);
            if (want_d) {
                al_store2(dy + i, d0);
                al_store2(dy + i + 2, d1);
            }
            continue;
        }
        for (size_t k = i; k < i + 4; k++) {
            double yk, dk;
            fast_one(kind, x[k], &yk, &dk);
            y[k] = yk;
            if (want_d)
                dy[k] = dk;
        }
    }
    for (; i < n; i++) {
        double yk, dk;
        fast_one(kind, x[i], &yk, &dk);
        y[i] = yk;
        if (want_d)
            dy[i] = dk;
    }
}

static void fast_apply(int kind, const double *x, double *y, double *dy, size_t n)
{
    if (dy)
        fast_loop(kind, x, y, dy, n, 1);
    else
        fast_loop(kind, x, y, NULL, n, 0);
}

void al_fast_tanh(const double *x, double *t, double *d, size_t n)
{
    fast_apply(FAST_TANH, x, t, d, n);
}

void al_fast_sigmoid(const double *x, double *s, double *d, size_t n)
{
    fast_apply(FAST_SIGMOID, x, s, d, n);
}

/* ---- separable first layers (grids) ------------------------------------- */

void al_fast_exp_neg(const double *y, double *e, size_t n)
{
    size_t i = 0;
    for (; i + 2 <= n; i += 2)
        al_store2(e + i, exp_neg2(al_load2(y + i)));
    for (; i < n; i++)
        e[i] = exp_neg(y[i]);
}

void al_fast_tanh_separable(const double *u, const double *e1, double v, double e2, double *t,
                            size_t n)
{
    size_t i = 0;
    const v2d vv = {v, v}, ee = {e2, e2};
    for (; i + 2 <= n; i += 2) {
        v2d z = al_load2(u + i) + vv, e = al_load2(e1 + i) * ee;
        v2d tb = (1.0 - e) / (1.0 + e);
        v2i small = abs2(z) < 0x1p-4;
        if (small[0] | small[1])
            tb = select2(small, TANH_SERIES(z, z * z), tb);
        al_store2(t + i, tb);
    }
    for (; i < n; i++) {
        double z = u[i] + v, e = e1[i] * e2;
        t[i] = fabs(z) < 0x1p-4 ? tanh_series(z) : (1.0 - e) / (1.0 + e);
    }
}

void al_fast_sigmoid_separable(const double *e1, double e2, double *s, size_t n)
{
    size_t i = 0;
    const v2d ee = {e2, e2};
    for (; i + 2 <= n; i += 2)
        al_store2(s + i, 1.0 / (1.0 + al_load2(e1 + i) * ee));
    for (; i < n; i++)
        s[i] = 1.0 / (1.0 + e1[i] * e2);
}
