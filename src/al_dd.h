/*
 * Double-double arithmetic (a value is hi + lo, about 106 significant bits),
 * used only near the zero of mish' (the other activations whose derivative
 * crosses zero use a Taylor series there, src/al_root_series.h). There f'
 * is a difference of two terms of size ~0.3 that nearly cancel, so double
 * precision would leave an absolute error of ~1e-17 in a result that
 * can itself be 1e-17: the terms are formed here to ~1e-30 instead.
 * Algorithms: Dekker/Knuth error-free transformations, as in the QD library
 * (Hida, Li, Bailey); written for this project.
 */
#ifndef AL_DD_H
#define AL_DD_H

#include "al_dd_recip.h"
#include "al_internal.h"

#include <math.h>

typedef struct {
    double hi, lo;
} dd_t;

static inline dd_t dd_make(double hi, double lo)
{
    dd_t r;
    r.hi = hi + lo; /* renormalise: |lo| <= ulp(hi)/2 afterwards */
    r.lo = lo - (r.hi - hi);
    return r;
}

static inline dd_t dd_d(double v)
{
    dd_t r = {v, 0.0};
    return r;
}

static inline dd_t dd_add(dd_t a, dd_t b)
{
    double e1, s = two_sum(a.hi, b.hi, &e1);
    double e2, t = two_sum(a.lo, b.lo, &e2);
    dd_t r = dd_make(s, e1 + t);
    return dd_make(r.hi, r.lo + e2);
}

static inline dd_t dd_mul(dd_t a, dd_t b)
{
    double e, p = two_prod(a.hi, b.hi, &e);
    return dd_make(p, e + (a.hi * b.lo + a.lo * b.hi));
}

static inline dd_t dd_scale(dd_t a, double b) { return dd_mul(a, dd_d(b)); }

/* 1/n in double-double for 1 <= n <= 65 (a table: a division costs ~5x a
 * multiplication in double-double). */
static inline dd_t dd_inv(int n)
{
    dd_t r = {dd_recip[n][0], dd_recip[n][1]};
    return r;
}

/* a / b by long division: three quotient digits. */
static inline dd_t dd_div(dd_t a, dd_t b)
{
    double q1 = a.hi / b.hi;
    dd_t r = dd_add(a, dd_scale(b, -q1));
    double q2 = r.hi / b.hi;
    r = dd_add(r, dd_scale(b, -q2));
    double q3 = r.hi / b.hi;
    dd_t q = dd_make(q1, q2);
    return dd_add(q, dd_d(q3));
}

#define DD_LN2_HI 0x1.62e42fefa39efp-1 /* ln 2 = hi + lo, mpmath */
#define DD_LN2_LO 0x1.abc9e3b39803fp-56

/* e^(x + xl) to about 1e-31 relative, for |x| < 700: x = k ln2 + r exactly
 * in double-double, e^(r/16) by its Taylor series (Horner, 14 terms,
 * |r/16| < 0.022, next term < 1e-37), squared four times (each squaring
 * doubles the relative error, so few are better), scaled by 2^k. */
static inline dd_t dd_exp(double x, double xl)
{
    double k = nearbyint(x / DD_LN2_HI);
    dd_t r = dd_add(dd_make(x, xl), dd_scale(dd_make(DD_LN2_HI, DD_LN2_LO), -k));
    dd_t s = {r.hi * 0x1p-4, r.lo * 0x1p-4};
    dd_t p = dd_d(1.0);
    for (int n = 14; n >= 1; n--)
        p = dd_add(dd_d(1.0), dd_mul(dd_mul(s, p), dd_inv(n)));
    for (int i = 0; i < 4; i++)
        p = dd_mul(p, p);
    p.hi = ldexp(p.hi, (int)k);
    p.lo = ldexp(p.lo, (int)k);
    return p;
}

#endif /* AL_DD_H */
