/* Native throughput of every activation: forward + derivative over 1,000,000
 * inputs spread over [-8, 8], best of several runs. Prints one JSON object
 * per line: {"name", "ns_per_element"} (forward and derivative together). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "actlab.h"

#define N 1000000
#define RUNS 11

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(void)
{
    double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y), *d = malloc(N * sizeof *d);
    if (!x || !y || !d)
        return 1;
    for (size_t i = 0; i < N; i++)
        x[i] = -8.0 + 16.0 * (double)i / (N - 1);
    double sink = 0.0;
    for (int k = 0; k < al_kind_count(); k++) {
        double best = 1e30;
        for (int r = 0; r < RUNS; r++) {
            double t0 = now();
            if (al_forward(k, NULL, 0, x, y, N) != AL_OK || al_derivative(k, NULL, 0, x, d, N) != AL_OK)
                return 1;
            double t = now() - t0;
            if (t < best)
                best = t;
            sink += y[r] + d[N - 1 - r];
        }
        printf("{\"name\": \"%s\", \"ns_per_element\": %.4f}\n", al_kind_name(k), best * 1e9 / N);
    }
    fprintf(stderr, "(checksum %g)\n", sink);
    free(x);
    free(y);
    free(d);
    return 0;
}
