/* libFuzzer harness over every public entry point. The input bytes choose a
 * function, a kind, parameters and the doubles to feed it (any bit pattern:
 * NaN, inf, subnormals). Besides crashes and sanitizer reports, it checks
 * properties that hold for every input, so a wrong answer also stops it. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "actlab.h"

#define MAXN 64

static int take(const uint8_t **d, size_t *n, void *out, size_t size)
{
    if (*n < size)
        return 0;
    memcpy(out, *d, size);
    *d += size;
    *n -= size;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t sel[3];
    if (!take(&data, &size, sel, sizeof sel))
        return 0;
    double params[AL_MAX_PARAMS] = {0};
    size_t nparams = sel[2] % (AL_MAX_PARAMS + 1);
    for (size_t i = 0; i < nparams; i++)
        if (!take(&data, &size, &params[i], sizeof(double)))
            return 0;
    double x[MAXN], y[MAXN], g[MAXN], jac[16 * 16];
    size_t n = size / sizeof(double);
    if (n > MAXN)
        n = MAXN;
    memcpy(x, data, n * sizeof(double));
    int kind = (int)(sel[1] % (AL_KIND_COUNT + 2)) - 1; /* includes -1 and N */
    const double *pp = sel[2] & 0x80 ? NULL : params;
    al_status st;

    switch (sel[0] % 9) {
    case 0:
    case 1:
        st = (sel[0] % 9 ? al_derivative : al_forward)(kind, pp, nparams, x, y, n);
        if (st == AL_OK)
            for (size_t i = 0; i < n; i++)
                if (isnan(x[i]) && !isnan(y[i]))
                    abort(); /* NaN must propagate */
        break;
    case 2:
        st = al_param_derivative(kind, pp, nparams, sel[2] & 1, x, y, n);
        break;
    case 3: {
        double t = nparams ? params[0] : 1.0;
        st = al_softmax(x, n, t, y);
        if (st == AL_OK) {
            double s = 0.0;
            int any_nan = 0;
            for (size_t i = 0; i < n; i++) {
                if (isnan(y[i]))
                    any_nan = 1;
                else if (y[i] < 0.0 || y[i] > 1.0)
                    abort();
                s += y[i];
            }
            if (!any_nan && fabs(s - 1.0) > 1e-12 * (double)n)
                abort(); /* probabilities must sum to 1 */
        }
        st = al_log_softmax(x, n, t, g);
        if (st == AL_OK)
            for (size_t i = 0; i < n; i++)
                if (g[i] > 0.0)
                    abort();
        break;
    }
    case 4:
        if (n > 16)
            n = 16;
        st = al_softmax_jacobian(x, n, nparams ? params[0] : 1.0, jac);
        break;
    case 5:
        st = al_sparsemax(x, n, y);
        if (st == AL_OK)
            for (size_t i = 0; i < n; i++)
                if (y[i] < 0.0)
                    abort();
        break;
    case 6: {
        size_t idx = 0;
        st = al_argmax(x, n, &idx);
        if (st == AL_OK && idx >= n)
            abort();
        break;
    }
    case 7: {
        /* Targets: a one-hot vector chosen by a byte. */
        if (n == 0)
            return 0;
        for (size_t i = 0; i < n; i++)
            g[i] = 0.0;
        g[sel[2] % n] = 1.0;
        double loss;
        st = al_cross_entropy(x, g, n, &loss, y);
        if (st == AL_OK && !isnan(loss) && loss < 0.0)
            abort();
        break;
    }
    default: {
        for (size_t i = 0; i < n; i++)
            g[i] = (double)((sel[2] >> (i % 8)) & 1);
        double loss[MAXN];
        st = al_binary_cross_entropy(x, g, n, loss, y);
        if (st == AL_OK)
            for (size_t i = 0; i < n; i++)
                if (!isnan(loss[i]) && loss[i] < 0.0)
                    abort();
        break;
    }
    }
    (void)al_status_message(st);
    (void)al_status_code(st);
    return 0;
}
