/* Every derivative against a fourth-order central difference of the value,
 * for the default parameters and a second parameter set, at points away
 * from kinks. Independent of the reference tables: it checks that f' is
 * the derivative of the f this library computes. */
#include "actlab.h"
#include "test_util.h"

static double eval(int kind, const double *p, size_t np, double x)
{
    double y;
    al_forward(kind, p, np, &x, &y, 1);
    return y;
}

/* True if x lies within `gap` of a point where this kind may have a kink:
 * 0, +-1, +-3, 6 and +-each parameter value. */
static int near_kink(double x, const double *p, size_t np, double gap)
{
    const double fixed[] = {0.0, 1.0, -1.0, 3.0, -3.0, 6.0};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        if (fabs(x - fixed[i]) < gap)
            return 1;
    for (size_t i = 0; i < np; i++)
        if (fabs(x - p[i]) < gap || fabs(x + p[i]) < gap)
            return 1;
    return 0;
}

static void check_kind(int kind, const double *p, size_t np)
{
    const char *name = al_kind_name(kind);
    int checked = 0, nonzero = 0;
    for (int i = 0; i <= 400; i++) {
        double x = -9.0 + 18.0 * i / 400.0 + 0.0123; /* avoid landing on kinks */
        double h = 1e-3 * fmax(1.0, fabs(x));
        if (near_kink(x, p, np, 3 * h))
            continue;
        double fd = (-eval(kind, p, np, x + 2 * h) + 8 * eval(kind, p, np, x + h)
                     - 8 * eval(kind, p, np, x - h) + eval(kind, p, np, x - 2 * h)) / (12 * h);
        double d;
        al_derivative(kind, p, np, &x, &d, 1);
        double scale = fmax(1.0, fabs(eval(kind, p, np, x)));
        CHECK(fabs(fd - d) <= 2e-8 * scale, "%s at x=%g: f'=%.15g, finite difference %.15g", name, x, d, fd);
        checked++;
        nonzero += fabs(d) > 1e-3;
    }
    CHECK(checked > 300, "%s: only %d points checked", name, checked);
    /* A derivative that is 0 almost everywhere passes any difference test on
     * a constant; only step is allowed to be flat. */
    if (kind == AL_STEP)
        CHECK(nonzero == 0, "step' must be 0 everywhere");
    else
        CHECK(nonzero >= 10, "%s: derivative is ~0 at %d of %d points", name, checked - nonzero, checked);
}

int main(void)
{
    for (int k = 0; k < al_kind_count(); k++) {
        check_kind(k, NULL, 0);
        int np = al_kind_param_count(k);
        if (np > 0) {
            double p[AL_MAX_PARAMS];
            for (int i = 0; i < np; i++)
                p[i] = al_kind_param_default(k, i) * 1.7 + 0.3; /* a second, valid set */
            CHECK(al_check_params(k, p, (size_t)np) == AL_OK, "%s: alternate params rejected", al_kind_name(k));
            check_kind(k, p, (size_t)np);
        }
    }
    /* prelu: df/dalpha against a difference in alpha. */
    for (double x = -5.0; x <= 5.0; x += 0.37) {
        double a = 0.25, h = 1e-4, pa[1] = {a + h}, pb[1] = {a - h}, p0[1] = {a};
        double fd = (eval(AL_PRELU, pa, 1, x) - eval(AL_PRELU, pb, 1, x)) / (2 * h);
        double g;
        CHECK(al_param_derivative(AL_PRELU, p0, 1, 0, &x, &g, 1) == AL_OK, "prelu dalpha status");
        CHECK(fabs(fd - g) < 1e-9, "prelu df/dalpha at %g: %g vs %g", x, g, fd);
    }
    return test_finish("fd_derivatives");
}
