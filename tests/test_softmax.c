/* The softmax family: values against the mpmath table (tests/reference/
 * softmax.tsv), then identities that need no table: probabilities sum to 1,
 * shift invariance, no overflow, temperature limits, the Jacobian against
 * finite differences, sparsemax against an independent sort-based algorithm,
 * gradients of both cross-entropies against finite differences, infinite and
 * NaN logits, and in-place use. */
#include "actlab.h"
#include "test_util.h"

#define MAXN 128

/* Largest error allowed for each function, in ulp. Gradients and Jacobian
 * entries are differences of probabilities; where such a difference is tiny
 * its relative error is judged against 1e-300 floor. */
#define MAX_ULP 6.0

static double worst[8];
static const char *fn_names[] = {"softmax", "log_softmax", "softmax_jacobian", "sparsemax",
                                 "cross_entropy", "binary_cross_entropy"};

static void compare(int fn, const char *what, const double *got, const double *want, size_t n, double abs_floor)
{
    for (size_t i = 0; i < n; i++) {
        double d = ulp_distance(got[i], want[i]);
        if (fabs(got[i] - want[i]) <= abs_floor)
            d = 0.0;
        if (d > worst[fn])
            worst[fn] = d;
        CHECK(d <= MAX_ULP, "%s [%zu]: got %.17g want %.17g (%.0f ulp)", what, i, got[i], want[i], d);
    }
}

static void reference_rows(const char *path)
{
    FILE *f = fopen(path, "r");
    CHECK(f != NULL, "cannot open %s", path);
    if (!f)
        return;
    char line[16384], *fields[8];
    int rows = 0, nf;
    while ((nf = read_row(f, line, sizeof line, fields, 8)) >= 0) {
        CHECK(nf == 5, "malformed row");
        if (nf != 5)
            continue;
        double z[MAXN], y[MAXN], want[MAXN * MAXN], got[MAXN * MAXN];
        double t = strcmp(fields[1], "-") ? strtod(fields[1], NULL) : 1.0;
        size_t n = parse_list(fields[2], z, MAXN);
        size_t ny = strcmp(fields[3], "-") ? parse_list(fields[3], y, MAXN) : 0;
        size_t nw = parse_list(fields[4], want, MAXN * MAXN);
        const char *fn = fields[0];
        al_status st = AL_OK;
        int id = -1;
        if (!strcmp(fn, "softmax"))
            id = 0, st = al_softmax(z, n, t, got);
        else if (!strcmp(fn, "log_softmax"))
            id = 1, st = al_log_softmax(z, n, t, got);
        else if (!strcmp(fn, "softmax_jacobian"))
            id = 2, st = al_softmax_jacobian(z, n, t, got);
        else if (!strcmp(fn, "sparsemax"))
            id = 3, st = al_sparsemax(z, n, got);
        else if (!strcmp(fn, "cross_entropy"))
            id = 4, st = al_cross_entropy(z, y, n, &got[0], &got[1]);
        else if (!strcmp(fn, "binary_cross_entropy"))
            id = 5, st = al_binary_cross_entropy(z, y, n, &got[0], &got[1]);
        CHECK(id >= 0, "unknown function %s", fn);
        if (id < 0)
            continue;
        CHECK(st == AL_OK, "%s status %d", fn, st);
        (void)ny;
        /* sparsemax subtracts tau: an output near 0 carries tau's absolute
         * error, about 1 ulp of the largest input. */
        double floor = id == 3 ? 4e-16 * fmax(1.0, fabs(z[0])) : 1e-300;
        compare(id, fn, got, want, nw, floor);
        rows++;
    }
    fclose(f);
    CHECK(rows > 150, "only %d rows", rows);
    for (int i = 0; i < 6; i++)
        printf("  %-21s max error %.0f ulp\n", fn_names[i], worst[i]);
}

static double sum(const double *v, size_t n)
{
    double s = 0.0;
    for (size_t i = 0; i < n; i++)
        s += v[i];
    return s;
}

/* A simple deterministic generator for test vectors. */
static double rnd(unsigned *s)
{
    *s = *s * 1664525u + 1013904223u;
    return (*s >> 8) / 16777216.0;
}

/* Sparsemax by sorting (Martins & Astudillo 2016, Algorithm 1): an algorithm
 * different from the library's fixed-point iteration. */
static int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}
static void sparsemax_sorted(const double *z, size_t n, double *p)
{
    double s[MAXN], cum = 0.0, tau = 0.0;
    memcpy(s, z, n * sizeof(double));
    qsort(s, n, sizeof(double), cmp_desc);
    for (size_t k = 1; k <= n; k++) {
        cum += s[k - 1];
        if (1.0 + k * s[k - 1] > cum)
            tau = (cum - 1.0) / k;
    }
    for (size_t i = 0; i < n; i++)
        p[i] = fmax(z[i] - tau, 0.0);
}

static void identities(void)
{
    unsigned seed = 12345;
    double z[MAXN], p[MAXN], q[MAXN], jac[16 * 16];
    for (int trial = 0; trial < 200; trial++) {
        size_t n = 1 + trial % 16;
        double spread = trial % 3 == 0 ? 1e4 : 20.0;
        for (size_t i = 0; i < n; i++)
            z[i] = (rnd(&seed) - 0.5) * spread;
        double t = trial % 5 == 0 ? 0.3 : 1.0;
        CHECK(al_softmax(z, n, t, p) == AL_OK, "softmax status");
        CHECK(fabs(sum(p, n) - 1.0) <= 4e-16 * n, "softmax sums to %.17g", sum(p, n));
        /* shift invariance: adding 1000 changes nothing beyond rounding of z */
        double zs[MAXN];
        for (size_t i = 0; i < n; i++)
            zs[i] = z[i] + 1024.0; /* exact for these magnitudes */
        al_softmax(zs, n, t, q);
        for (size_t i = 0; i < n; i++)
            CHECK(ulp_distance(p[i], q[i]) <= 2 || fabs(p[i] - q[i]) < 1e-300, "shift changed p[%zu]", i);
        /* log_softmax = log(softmax) where p is not tiny */
        al_log_softmax(z, n, t, q);
        for (size_t i = 0; i < n; i++)
            if (p[i] > 1e-300)
                CHECK(fabs(q[i] - log(p[i])) <= 1e-14 * fmax(1.0, fabs(q[i])), "log_softmax vs log(p)");
        /* Jacobian: rows sum to 0, symmetric, matches finite differences */
        CHECK(al_softmax_jacobian(z, n, t, jac) == AL_OK, "jacobian status");
        for (size_t i = 0; i < n; i++) {
            CHECK(fabs(sum(jac + i * n, n)) <= 1e-15, "jacobian row %zu sums to %g", i, sum(jac + i * n, n));
            for (size_t j = 0; j < n; j++)
                CHECK(jac[i * n + j] == jac[j * n + i], "jacobian not symmetric");
        }
        if (spread < 100) {
            for (size_t j = 0; j < n; j++) {
                double zp[MAXN], zm[MAXN], pp[MAXN], pm[MAXN], h = 1e-6;
                memcpy(zp, z, n * sizeof(double));
                memcpy(zm, z, n * sizeof(double));
                zp[j] += h;
                zm[j] -= h;
                al_softmax(zp, n, t, pp);
                al_softmax(zm, n, t, pm);
                for (size_t i = 0; i < n; i++)
                    CHECK(fabs((pp[i] - pm[i]) / (2 * h) - jac[i * n + j]) < 1e-8, "jacobian fd at (%zu,%zu)", i, j);
            }
        }
        /* sparsemax: on the simplex, equal to the sort-based algorithm */
        double r[MAXN];
        CHECK(al_sparsemax(z, n, p) == AL_OK, "sparsemax status");
        sparsemax_sorted(z, n, r);
        for (size_t i = 0; i < n; i++) {
            CHECK(p[i] >= 0.0, "sparsemax negative");
            CHECK(fabs(p[i] - r[i]) <= 1e-12 * fmax(1.0, spread), "sparsemax[%zu] %.17g vs sorted %.17g", i, p[i], r[i]);
        }
        CHECK(fabs(sum(p, n) - 1.0) <= 1e-12, "sparsemax sums to %.17g", sum(p, n));
        /* cross-entropy gradient against finite differences of the loss */
        double y[MAXN] = {0}, g[MAXN], loss;
        y[trial % n] = 0.7;
        y[(trial + 1) % n] += 0.3;
        CHECK(al_cross_entropy(z, y, n, &loss, g) == AL_OK, "ce status");
        CHECK(loss >= 0.0, "ce loss negative");
        if (spread < 100) {
            for (size_t j = 0; j < n; j++) {
                double zp[MAXN], zm[MAXN], lp, lm, h = 1e-6;
                memcpy(zp, z, n * sizeof(double));
                memcpy(zm, z, n * sizeof(double));
                zp[j] += h;
                zm[j] -= h;
                al_cross_entropy(zp, y, n, &lp, NULL);
                al_cross_entropy(zm, y, n, &lm, NULL);
                CHECK(fabs((lp - lm) / (2 * h) - g[j]) < 1e-8, "ce gradient fd at %zu", j);
            }
        }
    }
    /* binary cross-entropy: gradient by finite differences, loss >= 0 */
    for (double zz = -30.0; zz <= 30.0; zz += 0.77) {
        for (double yy = 0.0; yy <= 1.0; yy += 0.25) {
            double l, g, lp, lm, h = 1e-6, a = zz + h, b = zz - h;
            al_binary_cross_entropy(&zz, &yy, 1, &l, &g);
            al_binary_cross_entropy(&a, &yy, 1, &lp, NULL);
            al_binary_cross_entropy(&b, &yy, 1, &lm, NULL);
            CHECK(l >= 0.0, "bce loss negative");
            CHECK(fabs((lp - lm) / (2 * h) - g) < 1e-8, "bce gradient at z=%g y=%g", zz, yy);
        }
    }
}

static void extremes(void)
{
    double p[4], q[4];
    /* The stability cases. */
    double up[3] = {1000, 1001, 1002}, down[3] = {-1000, -1001, -1002}, e4[3] = {1e4, 0, -1e4};
    al_softmax(up, 3, 1.0, p);
    for (int i = 0; i < 3; i++)
        CHECK(isfinite(p[i]) && p[i] > 0, "softmax [1000,1001,1002] not finite");
    al_softmax(down, 3, 1.0, q);
    for (int i = 0; i < 3; i++)
        CHECK(ulp_distance(p[i], q[2 - i]) == 0, "softmax of mirrored logits differ");
    al_softmax(e4, 3, 1.0, p);
    CHECK(p[0] == 1.0 && p[1] == 0.0 && p[2] == 0.0, "softmax at 1e4 should be one-hot");
    double tiny[2] = {50, -50};
    al_log_softmax(tiny, 2, 1.0, p);
    CHECK(p[0] < 0 && p[0] > -4e-44 && p[0] < -3.7e-44, "log_softmax([50,-50])[0] = %g, want -3.72e-44", p[0]);
    /* temperature limits */
    double z3[3] = {1.0, 2.0, 3.0};
    al_softmax(z3, 3, 1e-3, p);
    CHECK(p[2] == 1.0, "low temperature should give one-hot");
    al_softmax(z3, 3, 1e12, p);
    CHECK(fabs(p[0] - 1.0 / 3) < 1e-11 && fabs(p[2] - 1.0 / 3) < 1e-11, "high temperature should give uniform");
    /* infinite and NaN logits */
    double inf2[4] = {INFINITY, 1.0, INFINITY, -INFINITY};
    al_softmax(inf2, 4, 1.0, p);
    CHECK(p[0] == 0.5 && p[1] == 0 && p[2] == 0.5 && p[3] == 0, "two +inf logits share probability");
    al_sparsemax(inf2, 4, p);
    CHECK(p[0] == 0.5 && p[2] == 0.5, "sparsemax with +inf");
    al_log_softmax(inf2, 4, 1.0, p);
    CHECK(p[0] == -log(2.0) && p[1] == -INFINITY, "log_softmax with +inf");
    double with_ninf[3] = {-INFINITY, 0.0, 0.0};
    al_softmax(with_ninf, 3, 1.0, p);
    CHECK(p[0] == 0.0 && p[1] == 0.5 && p[2] == 0.5, "-inf logit gets 0");
    double nan3[3] = {1.0, NAN, 2.0};
    al_softmax(nan3, 3, 1.0, p);
    CHECK(isnan(p[0]) && isnan(p[1]) && isnan(p[2]), "NaN logit propagates");
    double loss, yh[3] = {0, 0, 1};
    al_cross_entropy(nan3, yh, 3, &loss, q);
    CHECK(isnan(loss) && isnan(q[0]), "NaN logit gives NaN loss");
    /* argmax: first of ties, NaN wins */
    size_t idx = 99;
    double ties[4] = {1, 3, 3, 2};
    al_argmax(ties, 4, &idx);
    CHECK(idx == 1, "argmax ties: got %zu", idx);
    double nanmax[3] = {1, NAN, 5};
    al_argmax(nanmax, 3, &idx);
    CHECK(idx == 1, "argmax NaN: got %zu", idx);
    double allninf[2] = {-INFINITY, -INFINITY};
    al_argmax(allninf, 2, &idx);
    CHECK(idx == 0, "argmax of -inf");
    /* in place */
    double a[3] = {1.0, 2.0, 3.0}, b[3];
    al_softmax(a, 3, 1.0, b);
    al_softmax(a, 3, 1.0, a);
    CHECK(!memcmp(a, b, sizeof a), "softmax in place differs");
    double c[3] = {1.0, 2.0, 3.0}, d[3];
    al_log_softmax(c, 3, 0.5, d);
    al_log_softmax(c, 3, 0.5, c);
    CHECK(!memcmp(c, d, sizeof c), "log_softmax in place differs");
    double s1[4] = {0.3, 1.2, -0.4, 1.0}, s2[4];
    al_sparsemax(s1, 4, s2);
    al_sparsemax(s1, 4, s1);
    CHECK(!memcmp(s1, s2, sizeof s1), "sparsemax in place differs");
    double zc[3] = {0.5, 1.5, -1.0}, yc[3] = {0, 1, 0}, g1[3], l1, l2;
    al_cross_entropy(zc, yc, 3, &l1, g1);
    al_cross_entropy(zc, yc, 3, &l2, zc);
    CHECK(l1 == l2 && !memcmp(zc, g1, sizeof g1), "cross_entropy with grad aliasing z differs");
    /* confident and right: the gradient keeps its tiny size instead of 0 */
    double conf[2] = {40.0, 0.0}, y1[2] = {1, 0}, gc[2];
    al_cross_entropy(conf, y1, 2, &loss, gc);
    CHECK(gc[0] < 0 && fabs(gc[0] / -exp(-40.0) - 1) < 1e-14, "confident gradient %g", gc[0]);
    CHECK(fabs(loss / exp(-40.0) - 1) < 1e-14, "confident loss %g", loss);
}

int main(int argc, char **argv)
{
    reference_rows(argc > 1 ? argv[1] : "tests/reference/softmax.tsv");
    identities();
    extremes();
    return test_finish("softmax");
}
