/* Seeded 2-D toy datasets for the network playground. Points live in about
 * [-6, 6]^2. Labels come from the clean point; noise then jitters the point
 * by noise * 0.8 * N(0, 1) per coordinate, so a noisy set has labels that
 * disagree with their neighbours near the boundary, as in real data. */
#include "actlab.h"
#include "al_internal.h"

#include <math.h>
#include <string.h>

#define TWO_PI 6.283185307179586

static const char *const dataset_names[AL_DATA_COUNT] = {
    "circle", "xor", "gaussian", "spiral", "moons", "blobs", "spiral_multi", "plane",
    "multi_gaussian",
};

int al_dataset_count(void) { return AL_DATA_COUNT; }

const char *al_dataset_name(int kind)
{
    return (kind >= 0 && kind < AL_DATA_COUNT) ? dataset_names[kind] : NULL;
}

int al_dataset_from_name(const char *name)
{
    if (!name)
        return -1;
    for (int k = 0; k < AL_DATA_COUNT; k++)
        if (strcmp(dataset_names[k], name) == 0)
            return k;
    return -1;
}

int al_dataset_classes(int kind)
{
    switch (kind) {
    case AL_DATA_BLOBS:
    case AL_DATA_SPIRAL_MULTI:
        return 3;
    case AL_DATA_PLANE:
    case AL_DATA_MULTI_GAUSSIAN:
        return 0;
    default:
        return (kind >= 0 && kind < AL_DATA_COUNT) ? 2 : -1;
    }
}

/* Signed Gaussian bumps of multi_gaussian: centre x, centre y, sign. */
static const double bumps[6][3] = {
    {-4.0, 2.5, 1.0}, {0.0, 2.5, -1.0}, {4.0, 2.5, 1.0},
    {-4.0, -2.5, -1.0}, {0.0, -2.5, 1.0}, {4.0, -2.5, -1.0},
};

/* One clean point of sample i (of n) and its label. */
static void sample(int kind, size_t i, size_t n, al_rng *r, double *x, double *y, double *label)
{
    int cls2 = (int)(i & 1);     /* balanced binary classes */
    int cls3 = (int)(i % 3);     /* balanced three classes */
    switch (kind) {
    case AL_DATA_CIRCLE: {
        double radius = cls2 ? 2.5 * al_rng_uniform(r) : 3.5 + 1.5 * al_rng_uniform(r);
        double angle = TWO_PI * al_rng_uniform(r);
        *x = radius * sin(angle);
        *y = radius * cos(angle);
        *label = cls2;
        break;
    }
    case AL_DATA_XOR: {
        /* Kept 0.3 away from the axes so the clean classes are separable. */
        double a = 10.0 * al_rng_uniform(r) - 5.0, b = 10.0 * al_rng_uniform(r) - 5.0;
        *x = a + (a > 0.0 ? 0.3 : -0.3);
        *y = b + (b > 0.0 ? 0.3 : -0.3);
        *label = (*x) * (*y) >= 0.0 ? 1.0 : 0.0;
        break;
    }
    case AL_DATA_GAUSSIAN: {
        double c = cls2 ? 2.0 : -2.0;
        *x = c + al_rng_normal(r);
        *y = c + al_rng_normal(r);
        *label = cls2;
        break;
    }
    case AL_DATA_SPIRAL:
    case AL_DATA_SPIRAL_MULTI: {
        int arms = kind == AL_DATA_SPIRAL ? 2 : 3;
        int arm = kind == AL_DATA_SPIRAL ? cls2 : cls3;
        double t = (double)(i / (size_t)arms) / (double)((n + (size_t)arms - 1) / (size_t)arms);
        double radius = 5.0 * t;
        double angle = 1.75 * TWO_PI * t + TWO_PI * arm / arms;
        *x = radius * sin(angle);
        *y = radius * cos(angle);
        *label = arm;
        break;
    }
    case AL_DATA_MOONS: {
        double t = 3.141592653589793 * al_rng_uniform(r);
        double mx = cls2 ? 1.0 - cos(t) : cos(t), my = cls2 ? 0.5 - sin(t) : sin(t);
        *x = 2.5 * mx - 1.25;
        *y = 2.5 * my - 0.6;
        *label = cls2;
        break;
    }
    case AL_DATA_BLOBS: {
        double angle = TWO_PI * cls3 / 3.0 + 1.5707963267948966;
        *x = 3.0 * cos(angle) + 0.8 * al_rng_normal(r);
        *y = 3.0 * sin(angle) + 0.8 * al_rng_normal(r);
        *label = cls3;
        break;
    }
    case AL_DATA_PLANE:
        *x = 12.0 * al_rng_uniform(r) - 6.0;
        *y = 12.0 * al_rng_uniform(r) - 6.0;
        *label = (*x + *y) / 12.0;
        break;
    default: { /* AL_DATA_MULTI_GAUSSIAN */
        *x = 12.0 * al_rng_uniform(r) - 6.0;
        *y = 12.0 * al_rng_uniform(r) - 6.0;
        double v = 0.0;
        for (int j = 0; j < 6; j++) {
            double dx = *x - bumps[j][0], dy = *y - bumps[j][1];
            v += bumps[j][2] * exp(-(dx * dx + dy * dy) / (2.0 * 1.6 * 1.6));
        }
        *label = fmax(-1.0, fmin(1.0, v));
        break;
    }
    }
}

al_status al_dataset_generate(int kind, size_t count, double noise, unsigned long long seed,
                              double *inputs, double *labels)
{
    if (kind < 0 || kind >= AL_DATA_COUNT)
        return AL_ERR_KIND;
    if (!inputs || !labels)
        return AL_ERR_NULL;
    if (count == 0 || count > AL_DATA_MAX_COUNT)
        return AL_ERR_SIZE;
    if (!(noise >= 0.0 && noise <= 1.0))
        return AL_ERR_PARAM;
    al_rng r;
    al_rng_seed(&r, seed);
    for (size_t i = 0; i < count; i++) {
        double x, y, label;
        sample(kind, i, count, &r, &x, &y, &label);
        if (noise > 0.0) {
            x += noise * 0.8 * al_rng_normal(&r);
            y += noise * 0.8 * al_rng_normal(&r);
        }
        inputs[2 * i] = x;
        inputs[2 * i + 1] = y;
        labels[i] = label;
    }
    return AL_OK;
}

al_status al_permutation(size_t n, unsigned long long seed, unsigned int *out)
{
    if (!out)
        return AL_ERR_NULL;
    if (n == 0 || n > 0xffffffffu)
        return AL_ERR_SIZE;
    al_rng r;
    al_rng_seed(&r, seed);
    for (size_t i = 0; i < n; i++)
        out[i] = (unsigned int)i;
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = al_rng_below(&r, i + 1);
        unsigned int t = out[i];
        out[i] = out[j];
        out[j] = t;
    }
    return AL_OK;
}
