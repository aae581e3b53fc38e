/* The network benchmark's workload in native code (gcc -O2), for comparison
 * with the Wasm figures of bench/network.mjs: the playground setup (2-8-8-1,
 * tanh hidden and output, squared error, ±1 labels, batch 10, learning rate
 * 0.03, 500 circle points) for 1,000 epochs, and a 100×100 grid with every
 * neuron's output. Prints "epochs_per_s grid_ms"; fastest of 5 runs. */
#include "actlab.h"

#include <stdio.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(void)
{
    static double x[1000], y[500], out[10000], neurons[17 * 10000];
    al_dataset_generate(AL_DATA_CIRCLE, 500, 0.0, 1, x, y);
    for (int i = 0; i < 500; i++)
        y[i] = 2.0 * y[i] - 1.0;
    al_net_config c;
    al_net_config_default(&c);
    c.n_layers = 4;
    c.sizes[0] = 2;
    c.sizes[1] = 8;
    c.sizes[2] = 8;
    c.sizes[3] = 1;
    c.features = AL_FEAT_X1 | AL_FEAT_X2;
    c.hidden_kind[0] = c.hidden_kind[1] = AL_TANH;
    c.head = AL_HEAD_TANH_SE;
    c.init = AL_INIT_UNIFORM;
    al_status st;
    al_net *net = al_net_create(&c, &st);
    if (!net)
        return 1;
    double best_train = 1e9, best_grid = 1e9, loss;
    for (int round = 0; round < 5; round++) {
        double t = now();
        al_net_train(net, x, y, 500, 1000, &loss);
        t = now() - t;
        if (t < best_train)
            best_train = t;
        t = now();
        for (int g = 0; g < 20; g++)
            al_net_grid(net, -6, 6, -6, 6, 100, out, neurons);
        t = (now() - t) / 20;
        if (t < best_grid)
            best_grid = t;
    }
    printf("%.0f %.3f\n", 1000.0 / best_train, 1000.0 * best_grid);
    al_net_free(net);
    return 0;
}
