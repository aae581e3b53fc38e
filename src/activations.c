/*
 * The activation catalog: each kind's value f and derivative f' sit side by
 * side, then one table row ties them to the kind's name and parameters, so
 * no kind can ship without its derivative.
 *
 * Scalar functions take a non-NaN x (the batch loop passes NaN through) and
 * the kind's parameters p[] (already validated). Where a textbook formula
 * loses accuracy, a comment says why the form used here does not.
 */
#include "actlab.h"
#include "al_internal.h"
#include "al_dd.h"
#include "al_root_series.h"

#include <math.h>
#include <string.h>

/* Constants rounded from 300-bit mpmath values (tools/gen_reference.py). */
#define SELU_SCALE 0x1.0cfabd6a91132p+0       /* 1.0507009873554804934... */
#define SELU_SCALE_ALPHA 0x1.c212cc640f031p+0 /* scale * alpha = 1.7580993408473768599... */
#define INV_SQRT2_HI 0x1.6a09e667f3bcdp-1     /* 1/sqrt(2) = hi + lo */
#define INV_SQRT2_LO (-0x1.bdd3413b26456p-55)
#define INV_SQRT_2PI 0x1.9884533d43651p-2 /* 1/sqrt(2 pi) = hi + lo */
#define INV_SQRT_2PI_LO (-0x1.cbc0d30ebfd15p-56)
#define INV_SQRT_PI_2 0x1.20dd750429b6dp+0 /* 2/sqrt(pi) */
#define GT_A_HI 0x1.9884533d43651p+0      /* 2 sqrt(2/pi) = hi + lo */
#define GT_A_LO (-0x1.cbc0d30ebfd15p-54)
#define GT_B_HI 0x1.2444f2a4d8b4bp-4 /* 2 sqrt(2/pi) * 0.044715 = hi + lo */
#define GT_B_LO (-0x1.6c843a29d1c70p-61)

/* z = hi + lo = beta * x exactly (no rounding error left in the exponent). */
static inline double scaled_arg(double beta, double x, double *lo)
{
    if (beta == 1.0) {
        *lo = 0.0;
        return x;
    }
    return two_prod(beta, x, lo);
}

/* ---- identity, step ---------------------------------------------------- */
static inline double identity_f(double x, const double *p) { (void)p; return x; }
static inline double identity_df(double x, const double *p) { (void)p; (void)x; return 1.0; }

static inline double step_f(double x, const double *p) { (void)p; return x >= 0.0 ? 1.0 : 0.0; }
static inline double step_df(double x, const double *p) { (void)p; (void)x; return 0.0; }

/* ---- sigmoid ----------------------------------------------------------- */
/* Only e^-|x| is ever formed, so nothing overflows; for x < 0 the form
 * e^x/(1+e^x) keeps full relative precision down to the subnormals. */
static inline double sigmoid_f(double x, const double *p)
{
    (void)p;
    if (x >= 0.0)
        return 1.0 / (1.0 + exp(-x));
    double e = exp(x);
    return e / (1.0 + e);
}
/* sigma(x) sigma(-x) = t/(1+t)^2 with t = e^-|x|: y(1-y) would give 0 for
 * x > 37 where the truth is e^-x. */
static inline double sigmoid_df(double x, const double *p)
{
    (void)p;
    double t = exp(-fabs(x));
    double d = 1.0 + t;
    return t / (d * d);
}

/* ---- tanh -------------------------------------------------------------- */
static inline double tanh_f(double x, const double *p) { (void)p; return tanh(x); }
/* sech^2 x: 1 - tanh^2 x is exact enough while tanh^2 < 0.3, beyond that it
 * cancels (0 past |x| = 19), so use 4u/(1+u)^2 with u = e^-2|x|. */
static inline double tanh_df(double x, const double *p)
{
    (void)p;
    if (fabs(x) < 0.55) {
        double t = tanh(x);
        return one_minus_square(t);
    }
    double u = exp(-2.0 * fabs(x));
    double d = 1.0 + u;
    return 4.0 * u / (d * d);
}

/* ---- relu and its piecewise-linear relatives --------------------------- */
static inline double relu_f(double x, const double *p) { (void)p; return x > 0.0 ? x : 0.0; }
static inline double relu_df(double x, const double *p) { (void)p; return x > 0.0 ? 1.0 : 0.0; }

/* alpha * x with alpha = 0 must stay 0 at x = -inf (not 0 * inf = NaN). */
static inline double leaky_relu_f(double x, const double *p)
{
    if (x >= 0.0)
        return x;
    return p[0] == 0.0 ? 0.0 : p[0] * x;
}
static inline double leaky_relu_df(double x, const double *p) { return x > 0.0 ? 1.0 : p[0]; }

#define prelu_f leaky_relu_f
#define prelu_df leaky_relu_df

static inline double relu6_f(double x, const double *p)
{
    (void)p;
    return x <= 0.0 ? 0.0 : (x >= 6.0 ? 6.0 : x);
}
static inline double relu6_df(double x, const double *p) { (void)p; return (x > 0.0 && x < 6.0) ? 1.0 : 0.0; }

static inline double hard_tanh_f(double x, const double *p)
{
    (void)p;
    return x <= -1.0 ? -1.0 : (x >= 1.0 ? 1.0 : x);
}
static inline double hard_tanh_df(double x, const double *p) { (void)p; return (x > -1.0 && x < 1.0) ? 1.0 : 0.0; }

/* (x + 3) is exact near the lower kink (Sterbenz), so small outputs keep
 * their relative precision. */
static inline double hard_sigmoid_f(double x, const double *p)
{
    (void)p;
    if (x <= -3.0)
        return 0.0;
    if (x >= 3.0)
        return 1.0;
    return (x + 3.0) / 6.0;
}
static inline double hard_sigmoid_df(double x, const double *p)
{
    (void)p;
    return (x > -3.0 && x < 3.0) ? 1.0 / 6.0 : 0.0;
}

/* clip(0.2 x + 0.5, 0, 1) written as (x + 2.5) / 5: x + 2.5 is exact near
 * the lower kink (Sterbenz), so outputs near 0 keep their precision, where
 * 0.2 x + 0.5 would cancel. The derivative is a clip's: 0.2 on the closed
 * interval, as tf.keras 2 and TF.js give it at the kinks. */
static inline double hard_sigmoid_keras2_f(double x, const double *p)
{
    (void)p;
    if (x <= -2.5)
        return 0.0;
    if (x >= 2.5)
        return 1.0;
    return (x + 2.5) / 5.0;
}
static inline double hard_sigmoid_keras2_df(double x, const double *p)
{
    (void)p;
    return (x >= -2.5 && x <= 2.5) ? 0.2 : 0.0;
}

static inline double sparse_sigmoid_f(double x, const double *p)
{
    (void)p;
    if (x <= -1.0)
        return 0.0;
    if (x >= 1.0)
        return 1.0;
    return 0.5 * (x + 1.0);
}
static inline double sparse_sigmoid_df(double x, const double *p)
{
    (void)p;
    return (x > -1.0 && x < 1.0) ? 0.5 : 0.0;
}

static inline double hard_swish_f(double x, const double *p)
{
    (void)p;
    if (x <= -3.0)
        return 0.0;
    if (x >= 3.0)
        return x;
    return x * (x + 3.0) / 6.0;
}
/* PyTorch's convention: x/3 + 1/2 on [-3, 3]; written (2x + 3)/6 so the
 * zero at x = -1.5 is not lost to cancellation. */
static inline double hard_swish_df(double x, const double *p)
{
    (void)p;
    if (x < -3.0)
        return 0.0;
    if (x > 3.0)
        return 1.0;
    return (2.0 * x + 3.0) / 6.0;
}

static inline double sparse_plus_f(double x, const double *p)
{
    (void)p;
    if (x <= -1.0)
        return 0.0;
    if (x >= 1.0)
        return x;
    double s = x + 1.0;
    return 0.25 * (s * s);
}
#define sparse_plus_df sparse_sigmoid_f

static inline double soft_shrink_f(double x, const double *p)
{
    if (x > p[0])
        return x - p[0];
    if (x < -p[0])
        return x + p[0];
    return 0.0;
}
static inline double soft_shrink_df(double x, const double *p) { return fabs(x) > p[0] ? 1.0 : 0.0; }

static inline double hard_shrink_f(double x, const double *p) { return fabs(x) > p[0] ? x : 0.0; }
#define hard_shrink_df soft_shrink_df

/* p[0] = threshold, p[1] = value */
static inline double threshold_f(double x, const double *p) { return x > p[0] ? x : p[1]; }
static inline double threshold_df(double x, const double *p) { return x > p[0] ? 1.0 : 0.0; }

/* ---- exponential-linear family ----------------------------------------- */
/* expm1 keeps e^x - 1 exact near 0, where exp(x) - 1 cancels. */
static inline double elu_f(double x, const double *p) { return x > 0.0 ? x : p[0] * expm1(x); }
static inline double elu_df(double x, const double *p) { return x > 0.0 ? 1.0 : p[0] * exp(x); }

static inline double selu_f(double x, const double *p)
{
    (void)p;
    return x > 0.0 ? SELU_SCALE * x : SELU_SCALE_ALPHA * expm1(x);
}
static inline double selu_df(double x, const double *p)
{
    (void)p;
    return x > 0.0 ? SELU_SCALE : SELU_SCALE_ALPHA * exp(x);
}

/* q = x/alpha is carried as hi + lo: exp magnifies the rounding error of its
 * argument by |q|, which for q near -700 would cost hundreds of ulp. */
static inline double celu_arg(double x, double alpha, double *lo)
{
    double q = x / alpha;
    *lo = alpha == 1.0 ? 0.0 : div_remainder(x, q, alpha) / alpha;
    return q;
}
static inline double celu_f(double x, const double *p)
{
    if (x > 0.0)
        return x;
    double lo, q = celu_arg(x, p[0], &lo);
    double m = expm1(q);
    /* Below q = -745, e^q is 0 and lo may be meaningless (q*alpha near overflow). */
    if (lo != 0.0 && q > -745.0 && isfinite(m))
        m += exp(q) * lo;
    return p[0] * m;
}
static inline double celu_df(double x, const double *p)
{
    if (x > 0.0)
        return 1.0;
    double lo, q = celu_arg(x, p[0], &lo);
    return exp_dd(q, lo);
}

/* ---- softplus, log_sigmoid ---------------------------------------------- */
/* softplus(z) = max(z, 0) + log1p(e^-|z|): never overflows, and for z > 0
 * returns x plus a small correction instead of (beta x)/beta, which would
 * round x twice. For z < -40, log1p(e^z) = e^z to double precision, formed by
 * mul_exp so that tiny outputs are not magnified subnormals. */
static inline double softplus_f(double x, const double *p)
{
    if (isinf(x))
        return x > 0.0 ? x : 0.0;
    double beta = p[0], lo, z = scaled_arg(beta, x, &lo);
    if (z > 0.0)
        return x + log1p(exp_dd(-z, -lo)) / beta;
    if (z < -40.0)
        return mul_exp((1.0 + lo) / beta, z);
    return log1p(exp_dd(z, lo)) / beta;
}
/* sigma(z) for z = hi + lo. */
static inline double sigmoid_dd(double hi, double lo)
{
    if (hi >= 0.0)
        return 1.0 / (1.0 + exp_dd(-hi, -lo));
    double e = exp_dd(hi, lo);
    return e / (1.0 + e);
}
static inline double softplus_df(double x, const double *p)
{
    double lo, z = scaled_arg(p[0], x, &lo);
    return sigmoid_dd(z, lo);
}

static inline double log_sigmoid_f(double x, const double *p)
{
    (void)p;
    if (x > 0.0)
        return -log1p(exp(-x));
    return x - log1p(exp(x));
}
static inline double log_sigmoid_df(double x, const double *p) { return sigmoid_f(-x, p); }

/* ---- near the zeros of f' -------------------------------------------------- */
/* c[0] + c[1] u + ... + c[n-1] u^(n-1), n >= 5. The tail c[4..] goes by a
 * 4-way Estrin split (four independent chains in u^4, so the additions
 * overlap instead of waiting on each other), the head by Horner, whose last
 * steps set the rounding of the result. About 3x faster than plain Horner
 * for 30-50 terms, and as accurate where the terms decrease. */
static double poly_eval(const double *c, int n, double u)
{
    double u2 = u * u, u4 = u2 * u2;
    double acc[4] = {0.0, 0.0, 0.0, 0.0}; /* acc[r]: the terms with i = r mod 4 */
    for (int i = n - 5; i >= 0; i--)
        acc[i & 3] = acc[i & 3] * u4 + c[4 + i];
    double t = (acc[0] + u * acc[1]) + u2 * (acc[2] + u * acc[3]);
    return c[0] + u * (c[1] + u * (c[2] + u * (c[3] + u * t)));
}

/* f'(x) from its Taylor series around its zero x0 (src/al_root_series.h),
 * for x + xl in the series' window. d = x + xl - x0 is formed to about an ulp
 * (TwoSum), so the result, ~c[0] d, keeps its relative precision however
 * close x is to the zero. */
static double root_series(const double *c, int n, double x0h, double x0l, double x, double xl)
{
    double e, s = two_sum(x, -x0h, &e);
    double d = s + ((e + xl) - x0l);
    return d * poly_eval(c, n, d);
}
#define SERIES_LEN(c) ((int)(sizeof(c) / sizeof((c)[0])))

/* x sigma(z) for z = hi + lo. For z < 0, sigma(z) = e^z/(1+e^z); below
 * z = -40 the 1 + e^z is 1 and the whole product goes through mul_exp. */
static inline double x_sigmoid(double x, double z, double lo)
{
    if (z >= 0.0)
        return x / (1.0 + exp_dd(-z, -lo));
    if (z < -40.0)
        return mul_exp(x * (1.0 + lo), z);
    double e = exp_dd(z, lo);
    return x * e / (1.0 + e);
}
/* sigma(z) (1 + w sigma(-z)) for z = hi + lo: swish' (w = z) and gelu_tanh'
 * (w = x z'), away from their zeros. */
static inline double sigmoid_gate(double z, double lo, double w)
{
    if (z >= 0.0) {
        double t = exp_dd(-z, -lo);
        double d = 1.0 + t;
        return (1.0 + w * t / d) / d;
    }
    if (z < -40.0)
        return mul_exp((1.0 + w) * (1.0 + lo), z);
    double e = exp_dd(z, lo);
    double d = 1.0 + e;
    return e * (1.0 + w / d) / d;
}

/* ---- swish / silu, mish -------------------------------------------------- */
/* f = x sigma(z), z = beta x. */
static inline double swish_f(double x, const double *p)
{
    double beta = p[0];
    if (isinf(x)) {
        if (beta == 0.0)
            return x;
        return (beta > 0.0) == (x > 0.0) ? x : 0.0;
    }
    double lo, z = scaled_arg(beta, x, &lo);
    return x_sigmoid(x, z, lo);
}
/* d/dx [x sigma(beta x)] = sigma(z) (1 + z sigma(-z)). */
static inline double swish_df(double x, const double *p)
{
    double beta = p[0];
    if (isinf(x)) {
        if (beta == 0.0)
            return 0.5;
        return (beta > 0.0) == (x > 0.0) ? 1.0 : 0.0;
    }
    double lo, z = scaled_arg(beta, x, &lo);
    if (isinf(z))
        return z > 0.0 ? 1.0 : 0.0;
    if (z > -2.2 && z < -0.7) /* around the zero at z = -1.2785 */
        return root_series(swish_root_series, SERIES_LEN(swish_root_series), SWISH_X0_HI,
                           SWISH_X0_LO, z, lo);
    return sigmoid_gate(z, lo, z);
}

static const double unit_param[1] = {1.0};
static inline double silu_f(double x, const double *p) { (void)p; return swish_f(x, unit_param); }
static inline double silu_df(double x, const double *p) { (void)p; return swish_df(x, unit_param); }

/* tanh(softplus(x)) = n/(n+2) with n = e^x (e^x + 2), which has neither the
 * overflow of (1+e^x)^2 nor the cancellation of tanh near 1. For x > 20 the
 * factor is 1 to double precision; for x < -40 the value is x e^x. */
static inline double mish_f(double x, const double *p)
{
    (void)p;
    if (x > 20.0)
        return x;
    if (x < -40.0)
        return mul_exp(x, x);
    double e = exp(x);
    double n = e * (e + 2.0);
    return x * n / (n + 2.0);
}
/* mish' = tanh(sp) + x sigma(x) sech^2(sp) = T + 4 x e^x w / (n+2)^2,
 * w = 1 + e^x, T = n/(n+2). */
static inline double mish_df(double x, const double *p)
{
    (void)p;
    if (x > 40.0)
        return 1.0;
    if (x < -40.0)
        return mul_exp(1.0 + x, x);
    if (x > -3.0 && x < -0.6) { /* around the zero at x = -1.1924 */
        dd_t e = dd_exp(x, 0.0), e2 = dd_add(e, dd_d(2.0));
        dd_t d = dd_add(dd_mul(e, e2), dd_d(2.0));
        dd_t b = dd_div(dd_scale(dd_add(e, dd_d(1.0)), 4.0 * x), dd_mul(d, d));
        dd_t v = dd_mul(e, dd_add(dd_div(e2, d), b));
        return v.hi + v.lo;
    }
    double e = exp(x);
    double n = e * (e + 2.0);
    double d = n + 2.0;
    return e * ((e + 2.0) / d + 4.0 * x * (1.0 + e) / (d * d));
}

/* ---- gelu (exact) -------------------------------------------------------- */
/* Tail series of the Mills ratio: Phi(x) = phi(x)/|x| * S(x) for x -> -inf,
 * S = 1 - 1/x^2 + 3/x^4 - 15/x^6 + ...; used where Phi(x) is near or below
 * the subnormal range. Nine terms reach 1e-19 for x <= -36. */
static inline double mills_series(double x)
{
    double r = 1.0 / (x * x), term = 1.0, s = 1.0;
    for (int k = 1; k <= 9; k++) {
        term *= -(2.0 * k - 1.0) * r;
        s += term;
    }
    return s;
}
/* phi(x) * m with x^2 = h + lo exact, so e^(-x^2/2) carries no argument
 * rounding error (which would cost ~x^2/2 ulp). */
static inline double mul_phi(double m, double x)
{
    double lo, h = two_prod(x, x, &lo);
    if (h > 1500.0) /* e^(-h/2) < 2^-1082: the product underflows to 0 */
        return 0.0;
    return mul_exp(m * INV_SQRT_2PI * (1.0 - 0.5 * lo), -0.5 * h);
}
/* Phi(x) for -36 <= x: 0.5 erfc(-x/sqrt 2), with -x/sqrt 2 = t + tl exact
 * to double-double, corrected by erfc'(t) tl (erfc magnifies argument error
 * by 2t^2, about 1300 at t = 25). */
static inline double normal_cdf(double x)
{
    double e1, t = two_prod(-x, INV_SQRT2_HI, &e1);
    double tl = e1 + -x * INV_SQRT2_LO;
    double c = erfc(t);
    if (x < -1.0)
        c -= INV_SQRT_PI_2 * exp(-t * t) * tl;
    return 0.5 * c;
}
static inline double gelu_f(double x, const double *p)
{
    (void)p;
    if (x == -INFINITY)
        return 0.0;
    if (x < -36.0)
        return -mul_phi(mills_series(x), x);
    return x * normal_cdf(x);
}
/* gelu' = Phi(x) + x phi(x); in the far tail = -phi(x) (|x| - S/|x|). */
static inline double gelu_df(double x, const double *p)
{
    (void)p;
    if (isinf(x))
        return x > 0.0 ? 1.0 : 0.0;
    if (x < -36.0)
        return -mul_phi(-x - mills_series(x) / -x, x);
    if (x > -1.4 && x < -0.35) /* around the zero at x = -0.7518 */
        return root_series(gelu_root_series, SERIES_LEN(gelu_root_series), GELU_X0_HI,
                           GELU_X0_LO, x, 0.0);
    return normal_cdf(x) + mul_phi(x, x);
}

/* ---- gelu_tanh ------------------------------------------------------------ */
/* x/2 (1 + tanh u) = x sigma(2u), and 1 + tanh u cancels for u -> -inf while
 * sigma does not. z = 2u = x (A + B x^2) is carried in double-double because
 * e^z magnifies its rounding error by |z| (up to 700). */
static inline double gelu_tanh_arg(double x, double *zlo)
{
    double sl, s = two_prod(x, x, &sl); /* x^2 */
    double bl, b = two_prod(GT_B_HI, s, &bl);
    bl += GT_B_HI * sl + GT_B_LO * s;   /* B x^2 = b + bl */
    double wl, w = two_sum(GT_A_HI, b, &wl);
    wl += bl + GT_A_LO;                 /* A + B x^2 = w + wl */
    double zl, z = two_prod(w, x, &zl);
    *zlo = zl + wl * x;
    return z;
}
/* Beyond these bounds the value is x (resp. 0) to double precision. */
#define GT_UPPER 10.0
#define GT_LOWER (-30.0)
static inline double gelu_tanh_f(double x, const double *p)
{
    (void)p;
    if (x > GT_UPPER)
        return x;
    if (x < GT_LOWER)
        return 0.0;
    double lo, z = gelu_tanh_arg(x, &lo);
    return x_sigmoid(x, z, lo);
}
/* f' = sigma(z) (1 + x z' sigma(-z)), z' = A + 3 B x^2. */
static inline double gelu_tanh_df(double x, const double *p)
{
    (void)p;
    if (x > GT_UPPER)
        return 1.0;
    if (x < GT_LOWER)
        return 0.0;
    double lo, z = gelu_tanh_arg(x, &lo);
    if (x > -1.4 && x < -0.35) /* around the zero at x = -0.7525 */
        return root_series(gelu_tanh_root_series, SERIES_LEN(gelu_tanh_root_series),
                           GELU_TANH_X0_HI, GELU_TANH_X0_LO, x, 0.0);
    double dz = GT_A_HI + 3.0 * GT_B_HI * (x * x);
    return sigmoid_gate(z, lo, x * dz);
}

/* ---- softsign, squareplus ---------------------------------------------- */
static inline double softsign_f(double x, const double *p)
{
    (void)p;
    if (isinf(x))
        return x > 0.0 ? 1.0 : -1.0;
    return x / (1.0 + fabs(x));
}
/* (1/(1+|x|))^2 rather than 1/(1+|x|)^2: the square overflows for
 * |x| > 1e154 although the result is a representable 1e-308. */
static inline double softsign_df(double x, const double *p)
{
    (void)p;
    double r = 1.0 / (1.0 + fabs(x));
    return r * r;
}

/* sqrt(x^2 + b) directly where x^2 can neither overflow nor matter when it
 * underflows (two roundings inside the root: under 1 ulp); hypot, about 3x
 * slower, elsewhere. */
static inline double squareplus_h(double x, double b)
{
    if (fabs(x) < 1e150 && b > 1e-290)
        return sqrt(x * x + b);
    return hypot(x, sqrt(b));
}
/* h = sqrt(x^2 + b), computed so that it never overflows. For x < 0 the sum
 * x + h cancels, so use (x + h)/2 = (b/4) / (h/2 - x/2); halving before
 * subtracting keeps h - x finite at |x| near DBL_MAX. */
static inline double squareplus_f(double x, const double *p)
{
    double b = p[0];
    if (b == 0.0) /* relu exactly; the general form would give 0/0 at -5e-324 */
        return x > 0.0 ? x : 0.0;
    double h = squareplus_h(x, b);
    if (x >= 0.0)
        return 0.5 * x + 0.5 * h;
    return (0.25 * b) / (0.5 * h - 0.5 * x);
}
/* f' = (1 + x/h)/2; for x < 0, 1 + x/h = b / (h (h - x)). */
static inline double squareplus_df(double x, const double *p)
{
    double b = p[0];
    if (isinf(x))
        return x > 0.0 ? 1.0 : 0.0;
    if (b == 0.0) /* relu, with f'(0) = 1/2 as the limit of b -> 0 at x = 0 */
        return x > 0.0 ? 1.0 : (x < 0.0 ? 0.0 : 0.5);
    double h = squareplus_h(x, b);
    if (x >= 0.0)
        return 0.5 + 0.5 * (x / h);
    return ((0.25 * b) / h) / (0.5 * h - 0.5 * x);
}

/* ---- tanh_shrink ---------------------------------------------------------- */
/* x - tanh x cancels for small x (the result is ~x^3/3). For |x| < 1 use
 * its Taylor series x^3 * sum a_k x^(2k) (coefficients from mpmath's taylor()
 * at 200 bits, rounded to double); 47 terms reach 1e-18 relative at |x| = 1
 * (radius pi/2), 19 terms at |x| = 0.5. Beyond |x| = 1 the subtraction loses
 * at most two bits. */
static const double tanh_shrink_series[47] = {
    0x1.5555555555555p-2, -0x1.1111111111111p-3, 0x1.ba1ba1ba1ba1cp-5,
    -0x1.664f4882c10fap-6, 0x1.226e355e6c23dp-7, -0x1.d6d3d0e157de0p-9,
    0x1.7da36452b75e3p-10, -0x1.3558248036744p-11, 0x1.f57d7734d1664p-13,
    -0x1.967e18afcafadp-14, 0x1.497d8eea25259p-15, -0x1.0b132d39a6050p-16,
    0x1.b0f72d3ee24e9p-18, -0x1.5ef2da474e5b7p-19, 0x1.1c77df95c1c0dp-20,
    -0x1.cd299de4ae6bbp-22, 0x1.75cde6563fed9p-23, -0x1.2efe8db3aff1fp-24,
    0x1.eb3229047434cp-26, -0x1.8e25ff9327e2cp-27, 0x1.42ba1a349b490p-28,
    -0x1.0597b61cb3092p-29, 0x1.a813f6eaa7058p-31, -0x1.57bea2950f11ep-32,
    0x1.16a101c5fde96p-33, -0x1.c3b23b05e39f9p-35, 0x1.6e2193ae496d5p-36,
    -0x1.28c65557ea2a5p-37, 0x1.e11cf33c632a8p-39, -0x1.85f9bf8d6b2b2p-40,
    0x1.3c1a3035e663dp-41, -0x1.00390e238ecb8p-42, 0x1.9f5f74b6c8690p-44,
    -0x1.50b0462832a12p-45, 0x1.10e8d36905d5ep-46, -0x1.ba6c96ed10bc4p-48,
    0x1.669d9371721f7p-49, -0x1.22aecc05ace19p-50, 0x1.d73cb99591091p-52,
    -0x1.7df8723315bfcp-53, 0x1.359d1628b7da8p-54, -0x1.f5ed3bd476459p-56,
    0x1.96d8b1366dc40p-57, -0x1.49c6fe119408fp-58, 0x1.0b4eb33edc78ap-59,
    -0x1.b157ac319d001p-61, 0x1.5f4111bbef1f7p-62,
};
static inline double tanh_shrink_f(double x, const double *p)
{
    (void)p;
    double ax = fabs(x);
    if (ax >= 1.0)
        return x - tanh(x);
    double u = x * x;
    double s = poly_eval(tanh_shrink_series, ax < 0.5 ? 19 : 47, u);
    return x * (u * s); /* the last product alone rounds into subnormals */
}
static inline double tanh_shrink_df(double x, const double *p)
{
    (void)p;
    double t = tanh(x);
    return t * t;
}

/* ---- exponential, sin ------------------------------------------------------ */
static inline double exponential_f(double x, const double *p) { (void)p; return exp(x); }
#define exponential_df exponential_f
static inline double sin_f(double x, const double *p) { (void)p; return sin(x); }
static inline double sin_df(double x, const double *p) { (void)p; return cos(x); }

/* ---- batch loops and the catalog table ----------------------------------- */
typedef void (*batch_fn)(const double *p, const double *x, double *y, size_t n);

/* One loop per scalar function, so the scalar code inlines; NaN in, NaN out. */
#define AL_BATCH(fn)                                                          \
    static void fn##_batch(const double *p, const double *x, double *y,      \
                           size_t n)                                          \
    {                                                                         \
        for (size_t i = 0; i < n; i++) {                                      \
            double v = x[i];                                                  \
            y[i] = isnan(v) ? v : fn(v, p);                                   \
        }                                                                     \
    }
/* f and f' in one pass (the network's hidden layers in training): the same
 * scalar code as the two loops above, so the same bits, reading x once. dy
 * may be x (f' written over the input); y may not. Only for the cheap
 * piecewise-linear kinds, where memory, not arithmetic, is the cost (ReLU's
 * two passes were a fifth of an epoch); the others keep their two loops. */
#define AL_BOTH(k)                                                            \
    static void k##_both_batch(const double *p, const double *x, double *y,  \
                               double *dy, size_t n)                         \
    {                                                                         \
        for (size_t i = 0; i < n; i++) {                                      \
            double v = x[i];                                                  \
            y[i] = isnan(v) ? v : k##_f(v, p);                                \
            dy[i] = isnan(v) ? v : k##_df(v, p);                              \
        }                                                                     \
    }
#define AL_KIND_BATCHES(k) AL_BATCH(k##_f) AL_BATCH(k##_df)

AL_KIND_BATCHES(identity)
AL_KIND_BATCHES(step)
AL_KIND_BATCHES(sigmoid)
AL_KIND_BATCHES(tanh)
AL_KIND_BATCHES(relu)
AL_KIND_BATCHES(leaky_relu)
AL_KIND_BATCHES(prelu)
AL_KIND_BATCHES(elu)
AL_KIND_BATCHES(selu)
AL_KIND_BATCHES(celu)
AL_KIND_BATCHES(gelu)
AL_KIND_BATCHES(gelu_tanh)
AL_KIND_BATCHES(silu)
AL_KIND_BATCHES(swish)
AL_KIND_BATCHES(mish)
AL_KIND_BATCHES(softplus)
AL_KIND_BATCHES(softsign)
AL_KIND_BATCHES(squareplus)
AL_KIND_BATCHES(hard_sigmoid)
AL_KIND_BATCHES(hard_sigmoid_keras2)
AL_KIND_BATCHES(sparse_sigmoid)
AL_KIND_BATCHES(hard_tanh)
AL_KIND_BATCHES(hard_swish)
AL_KIND_BATCHES(relu6)
AL_KIND_BATCHES(log_sigmoid)
AL_KIND_BATCHES(tanh_shrink)
AL_KIND_BATCHES(soft_shrink)
AL_KIND_BATCHES(hard_shrink)
AL_KIND_BATCHES(threshold)
AL_KIND_BATCHES(sparse_plus)
AL_KIND_BATCHES(exponential)
AL_KIND_BATCHES(sin)

AL_BOTH(relu)
AL_BOTH(leaky_relu)
AL_BOTH(prelu)
AL_BOTH(relu6)
AL_BOTH(hard_tanh)
AL_BOTH(hard_sigmoid)
AL_BOTH(hard_swish)

typedef struct {
    const char *name;
    double def;
    int rule; /* al_param_rule */
} param_spec;

typedef struct {
    const char *name;
    int nparams;
    param_spec param[AL_MAX_PARAMS];
    batch_fn forward, derivative;
    void (*both)(const double *p, const double *x, double *y, double *dy, size_t n);
} kind_row;

#define ROW(k, np, ...) {#k, np, {__VA_ARGS__}, k##_f_batch, k##_df_batch, NULL}
#define ROW2(k, np, ...) {#k, np, {__VA_ARGS__}, k##_f_batch, k##_df_batch, k##_both_batch}

static const kind_row catalog[AL_KIND_COUNT] = {
    [AL_IDENTITY] = ROW(identity, 0, {0}),
    [AL_STEP] = ROW(step, 0, {0}),
    [AL_SIGMOID] = ROW(sigmoid, 0, {0}),
    [AL_TANH] = ROW(tanh, 0, {0}),
    [AL_RELU] = ROW2(relu, 0, {0}),
    [AL_LEAKY_RELU] = ROW2(leaky_relu, 1, {"alpha", 0.01, AL_PARAM_ANY}),
    [AL_PRELU] = ROW2(prelu, 1, {"alpha", 0.25, AL_PARAM_ANY}),
    [AL_ELU] = ROW(elu, 1, {"alpha", 1.0, AL_PARAM_ANY}),
    [AL_SELU] = ROW(selu, 0, {0}),
    [AL_CELU] = ROW(celu, 1, {"alpha", 1.0, AL_PARAM_NONZERO}),
    [AL_GELU] = ROW(gelu, 0, {0}),
    [AL_GELU_TANH] = ROW(gelu_tanh, 0, {0}),
    [AL_SILU] = ROW(silu, 0, {0}),
    [AL_SWISH] = ROW(swish, 1, {"beta", 1.0, AL_PARAM_ANY}),
    [AL_MISH] = ROW(mish, 0, {0}),
    [AL_SOFTPLUS] = ROW(softplus, 1, {"beta", 1.0, AL_PARAM_POSITIVE}),
    [AL_SOFTSIGN] = ROW(softsign, 0, {0}),
    [AL_SQUAREPLUS] = ROW(squareplus, 1, {"b", 4.0, AL_PARAM_NONNEGATIVE}),
    [AL_HARD_SIGMOID] = ROW2(hard_sigmoid, 0, {0}),
    [AL_HARD_SIGMOID_KERAS2] = ROW(hard_sigmoid_keras2, 0, {0}),
    [AL_SPARSE_SIGMOID] = ROW(sparse_sigmoid, 0, {0}),
    [AL_HARD_TANH] = ROW2(hard_tanh, 0, {0}),
    [AL_HARD_SWISH] = ROW2(hard_swish, 0, {0}),
    [AL_RELU6] = ROW2(relu6, 0, {0}),
    [AL_LOG_SIGMOID] = ROW(log_sigmoid, 0, {0}),
    [AL_TANH_SHRINK] = ROW(tanh_shrink, 0, {0}),
    [AL_SOFT_SHRINK] = ROW(soft_shrink, 1, {"lambda", 0.5, AL_PARAM_NONNEGATIVE}),
    [AL_HARD_SHRINK] = ROW(hard_shrink, 1, {"lambda", 0.5, AL_PARAM_NONNEGATIVE}),
    [AL_THRESHOLD] = ROW(threshold, 2, {"threshold", 0.0, AL_PARAM_ANY}, {"value", 0.0, AL_PARAM_ANY}),
    [AL_SPARSE_PLUS] = ROW(sparse_plus, 0, {0}),
    [AL_EXPONENTIAL] = ROW(exponential, 0, {0}),
    [AL_SIN] = ROW(sin, 0, {0}),
};

/* ---- public catalog API ---------------------------------------------------- */
static const kind_row *row_of(int kind)
{
    return (kind >= 0 && kind < AL_KIND_COUNT) ? &catalog[kind] : NULL;
}

int al_kind_count(void) { return AL_KIND_COUNT; }

const char *al_kind_name(int kind)
{
    const kind_row *r = row_of(kind);
    return r ? r->name : NULL;
}

int al_kind_from_name(const char *name)
{
    if (!name)
        return -1;
    for (int k = 0; k < AL_KIND_COUNT; k++)
        if (strcmp(catalog[k].name, name) == 0)
            return k;
    return -1;
}

int al_kind_param_count(int kind)
{
    const kind_row *r = row_of(kind);
    return r ? r->nparams : -1;
}

static const param_spec *param_of(int kind, int i)
{
    const kind_row *r = row_of(kind);
    return (r && i >= 0 && i < r->nparams) ? &r->param[i] : NULL;
}

const char *al_kind_param_name(int kind, int i)
{
    const param_spec *s = param_of(kind, i);
    return s ? s->name : NULL;
}

double al_kind_param_default(int kind, int i)
{
    const param_spec *s = param_of(kind, i);
    return s ? s->def : NAN;
}

int al_kind_param_rule(int kind, int i)
{
    const param_spec *s = param_of(kind, i);
    return s ? s->rule : -1;
}

static int param_ok(double v, int rule)
{
    if (!isfinite(v))
        return 0;
    switch (rule) {
    case AL_PARAM_POSITIVE: return v > 0.0;
    case AL_PARAM_NONNEGATIVE: return v >= 0.0;
    case AL_PARAM_NONZERO: return v != 0.0;
    default: return 1;
    }
}

int al_kind_param_ok(int kind, int i, double value)
{
    const param_spec *s = param_of(kind, i);
    return s ? param_ok(value, s->rule) : 0;
}

const char *al_param_rule_text(int rule)
{
    static const char *const text[] = {"a finite number", "a finite number > 0", "a finite number >= 0",
                                       "a finite number other than 0"};
    return rule >= 0 && rule <= AL_PARAM_NONZERO ? text[rule] : NULL;
}

/* Validates and resolves the parameters into out[] (defaults if none given). */
static al_status resolve_params(int kind, const double *params, size_t nparams,
                                double out[AL_MAX_PARAMS])
{
    const kind_row *r = row_of(kind);
    if (!r)
        return AL_ERR_KIND;
    if (nparams == 0 && params == NULL) {
        for (int i = 0; i < r->nparams; i++)
            out[i] = r->param[i].def;
        return AL_OK;
    }
    if (nparams != (size_t)r->nparams)
        return AL_ERR_PARAM_COUNT;
    if (!params)
        return AL_ERR_NULL;
    for (int i = 0; i < r->nparams; i++) {
        if (!param_ok(params[i], r->param[i].rule))
            return AL_ERR_PARAM;
        out[i] = params[i];
    }
    return AL_OK;
}

al_status al_check_params(int kind, const double *params, size_t nparams)
{
    double p[AL_MAX_PARAMS];
    return resolve_params(kind, params, nparams, p);
}

static al_status run_batch(int kind, int derivative, const double *params,
                           size_t nparams, const double *x, double *y, size_t n)
{
    double p[AL_MAX_PARAMS] = {0};
    al_status st = resolve_params(kind, params, nparams, p);
    if (st != AL_OK)
        return st;
    if (n == 0)
        return AL_OK;
    if (!x || !y)
        return AL_ERR_NULL;
    (derivative ? catalog[kind].derivative : catalog[kind].forward)(p, x, y, n);
    return AL_OK;
}

al_status al_forward(int kind, const double *params, size_t nparams,
                     const double *x, double *y, size_t n)
{
    return run_batch(kind, 0, params, nparams, x, y, n);
}

al_status al_derivative(int kind, const double *params, size_t nparams,
                        const double *x, double *dy, size_t n)
{
    return run_batch(kind, 1, params, nparams, x, dy, n);
}

al_status al_param_derivative(int kind, const double *params, size_t nparams,
                              int param, const double *x, double *out, size_t n)
{
    double p[AL_MAX_PARAMS];
    al_status st = resolve_params(kind, params, nparams, p);
    if (st != AL_OK)
        return st;
    if (kind != AL_PRELU || param != 0)
        return AL_ERR_UNSUPPORTED;
    if (n == 0)
        return AL_OK;
    if (!x || !out)
        return AL_ERR_NULL;
    for (size_t i = 0; i < n; i++) {
        double v = x[i];
        out[i] = isnan(v) ? v : (v < 0.0 ? v : 0.0);
    }
    return AL_OK;
}

/* Unchecked batch call for the network engine: kind and params were
 * validated when the network was created. */
void al_apply(int kind, const double *params, int derivative, const double *x, double *y, size_t n)
{
    (derivative ? catalog[kind].derivative : catalog[kind].forward)(params, x, y, n);
}

/* Both at once: y = f(x), dy = f'(x) (dy may be x), bit for bit what two al_apply calls give. */
void al_apply_both(int kind, const double *params, const double *x, double *y, double *dy, size_t n)
{
    if (catalog[kind].both) {
        catalog[kind].both(params, x, y, dy, n);
    } else {
        catalog[kind].forward(params, x, y, n);
        catalog[kind].derivative(params, x, dy, n);
    }
}
