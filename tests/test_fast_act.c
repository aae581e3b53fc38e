/* The network engine's fast tanh and sigmoid (src/fast_act.c) against the
 * exact core (al_forward/al_derivative, themselves checked against mpmath
 * tables in test_reference.c): values and derivatives over a dense range,
 * log-spaced magnitudes from 1e-300 to 1e4, every branch boundary of the fast
 * kernels, subnormals, infinities and NaN. The bound is relative error
 * <= 2e-15 (the network's contract is 1e-12; measured figures are printed). */
#include "actlab.h"
#include "al_internal.h"
#include "test_util.h"

#include <float.h>

#define BOUND 2e-15

/* Equal bits, or both NaN. */
static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0 || (isnan(a) && isnan(b));
}

static double worst[4];

/* Relative error of got against want; exact zeros, infinities and NaN must match exactly. */
static double rel_error(double got, double want)
{
    if (isnan(want))
        return isnan(got) ? 0.0 : INFINITY;
    if (want == 0.0 || isinf(want))
        return got == want ? 0.0 : INFINITY;
    return fabs(got - want) / fabs(want);
}

static void check_points(const double *x, size_t n)
{
    enum { CHUNK = 4096 };
    double t[CHUNK], dt[CHUNK], s[CHUNK], ds[CHUNK];
    double et[CHUNK], edt[CHUNK], es[CHUNK], eds[CHUNK];
    for (size_t start = 0; start < n; start += CHUNK) {
        size_t m = n - start < CHUNK ? n - start : CHUNK;
        const double *xs = x + start;
        al_fast_tanh(xs, t, dt, m);
        al_fast_sigmoid(xs, s, ds, m);
        al_forward(AL_TANH, NULL, 0, xs, et, m);
        al_derivative(AL_TANH, NULL, 0, xs, edt, m);
        al_forward(AL_SIGMOID, NULL, 0, xs, es, m);
        al_derivative(AL_SIGMOID, NULL, 0, xs, eds, m);
        for (size_t i = 0; i < m; i++) {
            double e[4] = {rel_error(t[i], et[i]), rel_error(dt[i], edt[i]), rel_error(s[i], es[i]),
                           rel_error(ds[i], eds[i])};
            static const char *what[4] = {"tanh", "tanh'", "sigmoid", "sigmoid'"};
            double got[4] = {t[i], dt[i], s[i], ds[i]}, want[4] = {et[i], edt[i], es[i], eds[i]};
            for (int k = 0; k < 4; k++) {
                /* A subnormal exact value carries fewer digits: compare absolutely there. */
                int tiny = fabs(want[k]) < 0x1p-1022 && fabs(got[k] - want[k]) <= 0x1p-1074 * 4;
                if (!tiny && isfinite(e[k]))
                    worst[k] = fmax(worst[k], e[k]);
                CHECK(tiny || e[k] <= BOUND, "%s(%a) = %.17g, exact %.17g (rel %.3g)", what[k], xs[i],
                      got[k], want[k], e[k]);
            }
        }
    }
}

int main(void)
{
    static double x[200000];
    size_t n = 0;
    /* Dense: [-40, 40] in steps of 1/1024 plus an irrational offset. */
    for (int i = -40960; i <= 40960; i++)
        x[n++] = i / 1024.0 + 0.000123456789;
    /* Log-spaced magnitudes, both signs: 1e-300 .. 1e4. */
    for (int i = 0; i <= 30000; i++) {
        double v = pow(10.0, -300.0 + i * (304.0 / 30000.0));
        x[n++] = v;
        x[n++] = -v;
    }
    /* Around every branch boundary and special value. */
    static const double edges[] = {0x1p-4, 0.34657359027997264, 19.06, 354.0, 708.0, 709.78, 745.13,
                                   1.0, 0.5, 2.0, 20.0};
    for (size_t e = 0; e < sizeof edges / sizeof edges[0]; e++) {
        double v = edges[e];
        for (int k = -8; k <= 8; k++) {
            double w = v;
            for (int s = 0; s < (k < 0 ? -k : k); s++)
                w = k < 0 ? nextafter(w, 0.0) : nextafter(w, INFINITY);
            x[n++] = w;
            x[n++] = -w;
        }
    }
    static const double specials[] = {0.0, -0.0, 0x1p-1074, -0x1p-1074, 0x1p-1022, 0x1.8p-1030,
                                      INFINITY, -INFINITY, NAN, 1e300, -1e300, DBL_MAX, -DBL_MAX};
    for (size_t e = 0; e < sizeof specials / sizeof specials[0]; e++)
        x[n++] = specials[e];
    check_points(x, n);
    /* The four-lane loop, the one-element path and the value-only loop give
     * the same bits (a network's results must not depend on how its batch
     * is split, nor on whether it trains or predicts). */
    static double y_batch[200000], d_batch[200000], y_only[200000];
    for (int f = 0; f < 2; f++) {
        void (*fast)(const double *, double *, double *, size_t) = f ? al_fast_sigmoid : al_fast_tanh;
        const char *name = f ? "sigmoid" : "tanh";
        fast(x, y_batch, d_batch, n);
        fast(x, y_only, NULL, n);
        int same = 1;
        for (size_t i = 0; i < n && same; i++) {
            double y1, d1;
            fast(&x[i], &y1, &d1, 1);
            same = same_bits(y1, y_batch[i]) && same_bits(d1, d_batch[i]) && same_bits(y1, y_only[i]);
            CHECK(same, "%s(%a): batch, single element and value-only loop differ", name, x[i]);
        }
    }
    /* The grid's separable first layer: e^(-y) for |y| <= 708 against expl,
     * then tanh and sigmoid of z = u + v from e^(-au) e^(-av) against
     * tanhl / expl of the exact sum. Pairs and single elements agree. */
    double worst_exp = 0.0, worst_sep[2] = {0.0, 0.0};
    static double ys[4 * 70800 + 1], es[4 * 70800 + 1];
    size_t ny = 0;
    for (int i = -70800; i <= 70800; i++)
        ys[ny++] = i / 100.0 + (i % 2 ? 0.000123456789 : 0.0);
    ys[0] = -708.0; /* the ends of the promised range */
    ys[ny - 1] = 708.0;
    al_fast_exp_neg(ys, es, ny);
    for (size_t i = 0; i < ny; i++) {
        double one;
        al_fast_exp_neg(&ys[i], &one, 1);
        CHECK(same_bits(one, es[i]), "exp_neg(%a): pair and single element differ", ys[i]);
        worst_exp = fmax(worst_exp, (double)fabsl((es[i] - expl(-(long double)ys[i])) / expl(-(long double)ys[i])));
    }
    CHECK(worst_exp <= 1e-15, "exp_neg within 1e-15 relative of expl (%.3g)", worst_exp);
    enum { NU = 1001 };
    static double u[NU], au[NU], e1[NU], out[NU];
    for (int f = 0; f < 2; f++) {
        double a = f ? 1.0 : 2.0; /* sigmoid: e^(-z); tanh: e^(-2z) */
        for (int i = 0; i < NU; i++) {
            u[i] = (i - NU / 2) * (170.0 / (NU / 2)) / a + 0.0001234;
            au[i] = a * u[i];
        }
        al_fast_exp_neg(au, e1, NU);
        /* v spans the range too, and near -u[i] for small z */
        for (double v = -170.0 / a; v <= 170.0 / a; v += 0.37 / a) {
            double av = a * v, e2, one;
            al_fast_exp_neg(&av, &e2, 1);
            if (f)
                al_fast_sigmoid_separable(e1, e2, out, NU);
            else
                al_fast_tanh_separable(u, e1, v, e2, out, NU);
            for (int i = 0; i < NU; i++) {
                /* The exact u + v: the product e^(-au) e^(-av) carries no
                 * rounding of the sum (in long double it is exact here). */
                long double z = (long double)u[i] + (long double)v;
                long double ref = f ? 1.0L / (1.0L + expl(-z)) : tanhl(z);
                if (fabsl(ref) >= DBL_MIN)
                    worst_sep[f] = fmax(worst_sep[f], (double)fabsl((out[i] - ref) / ref));
            }
            int i = (int)(v * 7.0) % NU;
            i = i < 0 ? -i : i;
            if (f)
                al_fast_sigmoid_separable(&e1[i], e2, &one, 1);
            else
                al_fast_tanh_separable(&u[i], &e1[i], v, e2, &one, 1);
            CHECK(same_bits(one, out[i]), "separable %d at u %a v %a: pair and single differ", f, u[i], v);
        }
    }
    CHECK(worst_sep[0] <= 1e-14, "separable tanh within 1e-14 relative (%.3g)", worst_sep[0]);
    CHECK(worst_sep[1] <= 1e-14, "separable sigmoid within 1e-14 relative (%.3g)", worst_sep[1]);
    printf("fast_act: separable first layer: exp_neg %.2e, tanh %.2e, sigmoid %.2e relative\n", worst_exp,
           worst_sep[0], worst_sep[1]);
    /* Signs of zero follow the exact kernels. */
    double z = -0.0, t;
    al_fast_tanh(&z, &t, NULL, 1);
    CHECK(t == 0.0 && signbit(t), "tanh(-0) = -0");
    printf("fast_act: %zu points; max relative error tanh %.2e, tanh' %.2e, sigmoid %.2e, sigmoid' %.2e\n",
           n, worst[0], worst[1], worst[2], worst[3]);
    return test_finish("fast_act");
}
