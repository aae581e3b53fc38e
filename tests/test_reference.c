/* Every activation and derivative against the mpmath reference table
 * (tests/reference/activations.tsv, made by tools/gen_reference.py).
 * Each row is checked one value at a time and, grouped per kind and
 * parameter set, again as one batch computed in place (y aliasing x). */
#include "actlab.h"
#include "test_util.h"

/* Worst error allowed, in ulp of the correctly rounded value. */
#define MAX_ULP 4.0

#define MAX_ROWS 1024

typedef struct {
    int kind;
    double params[AL_MAX_PARAMS];
    size_t nparams;
    size_t n;
    double x[MAX_ROWS], f[MAX_ROWS], df[MAX_ROWS];
} group_t;

static double worst_f[AL_KIND_COUNT], worst_df[AL_KIND_COUNT];

static void check_group(const group_t *g)
{
    static double buf[MAX_ROWS];
    const char *name = al_kind_name(g->kind);
    for (int which = 0; which < 2; which++) {
        const double *want = which ? g->df : g->f;
        memcpy(buf, g->x, g->n * sizeof(double));
        al_status st = which ? al_derivative(g->kind, g->params, g->nparams, buf, buf, g->n)
                             : al_forward(g->kind, g->params, g->nparams, buf, buf, g->n);
        CHECK(st == AL_OK, "%s: status %d", name, st);
        for (size_t i = 0; i < g->n; i++) {
            double one;
            if (which)
                al_derivative(g->kind, g->params, g->nparams, &g->x[i], &one, 1);
            else
                al_forward(g->kind, g->params, g->nparams, &g->x[i], &one, 1);
            CHECK(memcmp(&one, &buf[i], sizeof one) == 0 || (isnan(one) && isnan(buf[i])),
                  "%s: batch and single differ at x=%a", name, g->x[i]);
            double d = ulp_distance(buf[i], want[i]);
            double *worst = which ? &worst_df[g->kind] : &worst_f[g->kind];
            if (d > *worst)
                *worst = d;
            CHECK(d <= MAX_ULP, "%s%s(p=%g) at x=%.17g: got %.17g want %.17g (%.0f ulp)",
                  name, which ? "'" : "", g->nparams ? g->params[0] : 0.0, g->x[i], buf[i], want[i], d);
        }
    }
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "tests/reference/activations.tsv";
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return 2;
    }
    static group_t g;
    g.kind = -1;
    char line[4096], *fields[8];
    int seen[AL_KIND_COUNT] = {0};
    size_t rows = 0;
    char key[256] = "";
    for (;;) {
        int nf = read_row(f, line, sizeof line, fields, 8);
        char this_key[256] = "";
        if (nf == 5)
            snprintf(this_key, sizeof this_key, "%s|%s", fields[0], fields[1]);
        if (nf != 5 || strcmp(this_key, key) != 0 || g.n == MAX_ROWS) {
            if (g.kind >= 0 && g.n)
                check_group(&g);
            if (nf < 0)
                break;
            CHECK(nf == 5, "malformed row with %d fields", nf);
            if (nf != 5)
                continue;
            snprintf(key, sizeof key, "%s", this_key);
            g.kind = al_kind_from_name(fields[0]);
            CHECK(g.kind >= 0, "unknown kind %s in table", fields[0]);
            g.nparams = strcmp(fields[1], "-") == 0 ? 0 : parse_list(fields[1], g.params, AL_MAX_PARAMS);
            g.n = 0;
            if (g.kind < 0)
                continue;
            seen[g.kind] = 1;
        }
        if (g.kind < 0)
            continue;
        g.x[g.n] = strtod(fields[2], NULL);
        g.f[g.n] = strtod(fields[3], NULL);
        g.df[g.n] = strtod(fields[4], NULL);
        g.n++;
        rows++;
    }
    fclose(f);
    for (int k = 0; k < AL_KIND_COUNT; k++) {
        CHECK(seen[k], "kind %s has no reference rows", al_kind_name(k));
        printf("  %-15s max error: f %2.0f ulp, f' %2.0f ulp\n", al_kind_name(k), worst_f[k], worst_df[k]);
    }
    CHECK(rows > 10000, "only %zu reference rows", rows);
    return test_finish("reference");
}
