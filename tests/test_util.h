/* A few helpers shared by the C tests: check counting, ulp distance and a
 * reader for the reference tables in tests/reference. */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int g_checks, g_failures;

#define CHECK(cond, ...)                                                      \
    do {                                                                      \
        g_checks++;                                                           \
        if (!(cond)) {                                                        \
            g_failures++;                                                     \
            fprintf(stderr, "%s:%d: FAILED %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                     \
            fputc('\n', stderr);                                              \
        }                                                                     \
    } while (0)

static inline int test_finish(const char *name)
{
    printf("%s: %d checks, %d failed\n", name, g_checks, g_failures);
    return g_failures ? 1 : 0;
}

/* Maps doubles to integers monotonically; +0 and -0 both map to 0. */
static inline int64_t ordinal(double v)
{
    int64_t i;
    memcpy(&i, &v, sizeof i);
    return i < 0 ? -(i & INT64_MAX) : i;
}

/* Distance in units in the last place; 0 for NaN/NaN and equal infinities,
 * a huge value when exactly one side is NaN. */
static inline double ulp_distance(double got, double want)
{
    if (isnan(got) || isnan(want))
        return (isnan(got) && isnan(want)) ? 0.0 : 1e300;
    if (isinf(got) || isinf(want))
        return got == want ? 0.0 : 1e300;
    return fabs((double)(ordinal(got) - ordinal(want)));
}

/* Splits a comma-separated list of numbers (strtod reads inf/nan too). */
static inline size_t parse_list(const char *s, double *out, size_t cap)
{
    size_t n = 0;
    while (*s && n < cap) {
        char *end;
        out[n++] = strtod(s, &end);
        if (end == s)
            return 0;
        s = end;
        if (*s == ',')
            s++;
    }
    return n;
}

/* Reads the next data line of a reference table into tab-separated fields. */
static inline int read_row(FILE *f, char *line, size_t cap, char **fields, int max_fields)
{
    while (fgets(line, (int)cap, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        line[strcspn(line, "\n")] = 0;
        int n = 0;
        char *save = NULL;
        for (char *t = strtok_r(line, "\t", &save); t && n < max_fields; t = strtok_r(NULL, "\t", &save))
            fields[n++] = t;
        return n;
    }
    return -1;
}

#endif
