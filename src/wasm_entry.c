/* The Wasm module exports the library functions listed in CMakeLists.txt.
 * This file adds what only the JavaScript side needs: the byte layout of
 * al_net_config, so actlab.js fills the struct from offsets C reports
 * instead of hard-coding them. */
#include "actlab.h"

#include <stddef.h>

/* out[0] = sizeof(al_net_config), then the offset of each field in the order
 * below; returns the number of values written (19). */
int al_wasm_config_layout(size_t *out)
{
    static const size_t layout[] = {
        sizeof(al_net_config),
        offsetof(al_net_config, n_layers),
        offsetof(al_net_config, sizes),
        offsetof(al_net_config, hidden_kind),
        offsetof(al_net_config, hidden_params),
        offsetof(al_net_config, features),
        offsetof(al_net_config, head),
        offsetof(al_net_config, init),
        offsetof(al_net_config, optimizer),
        offsetof(al_net_config, learning_rate),
        offsetof(al_net_config, momentum),
        offsetof(al_net_config, beta1),
        offsetof(al_net_config, beta2),
        offsetof(al_net_config, epsilon),
        offsetof(al_net_config, l1),
        offsetof(al_net_config, l2),
        offsetof(al_net_config, batch_size),
        offsetof(al_net_config, seed),
        offsetof(al_net_config, init_std),
    };
    int n = (int)(sizeof layout / sizeof layout[0]);
    if (out)
        for (int i = 0; i < n; i++)
            out[i] = layout[i];
    return n;
}

/* actlab.js reads an al_config_problem as four 32-bit words: field, key,
 * rule (string pointers) and index. */
_Static_assert(sizeof(al_config_problem) == 16 && offsetof(al_config_problem, key) == 4 &&
               offsetof(al_config_problem, rule) == 8 && offsetof(al_config_problem, index) == 12,
               "al_config_problem layout");

#include <malloc.h>

/* Bytes currently allocated from the Wasm heap (dlmalloc's count): lets the
 * JS tests and course authors see that disposed networks are freed. */
size_t al_wasm_heap_in_use(void)
{
    struct mallinfo info = mallinfo();
    return (size_t)info.uordblks;
}

/* 1 in the Wasm SIMD build, 0 in the baseline build (lab.build.simd). */
int al_wasm_simd(void)
{
#ifdef __wasm_simd128__
    return 1;
#else
    return 0;
#endif
}
