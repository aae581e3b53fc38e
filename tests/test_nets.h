/* Shared by the C tests and the fuzz harness: whether two networks are the
 * same network, bit for bit. */
#ifndef TEST_NETS_H
#define TEST_NETS_H

#include <stdlib.h>
#include <string.h>

#include "actlab.h"

/* 1 if a and b have the same parameters and training state (moments, step
 * and epoch counts), else 0. Aborts if the comparison cannot allocate. */
static inline int same_network(const al_net *a, const al_net *b)
{
    size_t np = al_net_param_count(a), ns = al_net_state_count(a);
    if (np != al_net_param_count(b) || ns != al_net_state_count(b))
        return 0;
    double *p = malloc(2 * (np + ns) * sizeof(double));
    if (!p)
        abort();
    double *q = p + np, *s = q + np, *t = s + ns;
    al_net_get_params(a, p, np);
    al_net_get_params(b, q, np);
    al_net_get_state(a, s, ns);
    al_net_get_state(b, t, ns);
    int same = memcmp(p, q, np * sizeof(double)) == 0 && memcmp(s, t, ns * sizeof(double)) == 0;
    free(p);
    return same;
}

#endif
