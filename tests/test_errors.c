/* Every failure path of the public API: the status returned, that outputs
 * are left untouched when a call fails, that status texts exist and are
 * distinct, and that the catalog accessors agree with each other. */
#include "actlab.h"
#include "test_util.h"

#define SENTINEL 12345.0

static int untouched(const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] != SENTINEL)
            return 0;
    return 1;
}

static void fill_sentinel(double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        v[i] = SENTINEL;
}

static void test_status_text(void)
{
    for (int s = 0; s < AL_STATUS_COUNT; s++) {
        const char *c = al_status_code(s), *m = al_status_message(s);
        CHECK(c && *c && m && *m, "status %d has text", s);
        for (int t = 0; t < s; t++)
            CHECK(strcmp(c, al_status_code(t)) != 0, "codes %d and %d differ", s, t);
    }
    CHECK(strcmp(al_status_code(AL_OK), "ok") == 0, "ok code");
    CHECK(strcmp(al_status_code(AL_ERR_KIND), "unknown_activation") == 0, "kind code");
    CHECK(strcmp(al_status_code(AL_ERR_PARAM), "invalid_param") == 0, "param code");
    int odd[] = {-1, AL_STATUS_COUNT, 1000, -2147483647 - 1};
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        CHECK(strcmp(al_status_code(odd[i]), "unknown_status") == 0, "code of %d", odd[i]);
        CHECK(al_status_message(odd[i]) != NULL, "message of %d", odd[i]);
    }
}

static void test_catalog(void)
{
    CHECK(al_kind_count() == AL_KIND_COUNT, "count");
    for (int k = 0; k < al_kind_count(); k++) {
        const char *name = al_kind_name(k);
        CHECK(name != NULL, "kind %d named", k);
        if (!name)
            continue;
        CHECK(al_kind_from_name(name) == k, "round trip %s", name);
        int np = al_kind_param_count(k);
        CHECK(np >= 0 && np <= AL_MAX_PARAMS, "%s param count %d", name, np);
        for (int i = 0; i < np; i++) {
            CHECK(al_kind_param_name(k, i) != NULL, "%s param %d name", name, i);
            double d = al_kind_param_default(k, i);
            CHECK(isfinite(d), "%s param %d default", name, i);
            int rule = al_kind_param_rule(k, i);
            CHECK(rule >= AL_PARAM_ANY && rule <= AL_PARAM_NONZERO, "%s rule", name);
        }
        CHECK(al_kind_param_name(k, np) == NULL, "%s past last param", name);
        CHECK(al_kind_param_name(k, -1) == NULL, "%s param -1", name);
        CHECK(isnan(al_kind_param_default(k, np)), "%s default past last", name);
        CHECK(al_kind_param_rule(k, np) == -1, "%s rule past last", name);
        CHECK(al_check_params(k, NULL, 0) == AL_OK, "%s defaults valid", name);
        for (int j = 0; j < k; j++)
            CHECK(strcmp(name, al_kind_name(j)) != 0, "%s unique", name);
    }
    int bad[] = {-1, AL_KIND_COUNT, 99999};
    for (size_t i = 0; i < 3; i++) {
        CHECK(al_kind_name(bad[i]) == NULL, "name of %d", bad[i]);
        CHECK(al_kind_param_count(bad[i]) == -1, "param count of %d", bad[i]);
        CHECK(al_kind_param_name(bad[i], 0) == NULL, "param name of %d", bad[i]);
        CHECK(isnan(al_kind_param_default(bad[i], 0)), "default of %d", bad[i]);
        CHECK(al_kind_param_rule(bad[i], 0) == -1, "rule of %d", bad[i]);
    }
    CHECK(al_kind_from_name(NULL) == -1, "NULL name");
    CHECK(al_kind_from_name("") == -1, "empty name");
    CHECK(al_kind_from_name("ReLU") == -1, "names are case-sensitive");
    CHECK(al_kind_from_name("relu ") == -1, "no trailing space");
    /* The contract names from the issue, with their parameter names and defaults. */
    static const struct { const char *kind, *param; int index; double def; } contract[] = {
        {"leaky_relu", "alpha", 0, 0.01}, {"prelu", "alpha", 0, 0.25},
        {"elu", "alpha", 0, 1.0},         {"celu", "alpha", 0, 1.0},
        {"swish", "beta", 0, 1.0},        {"softplus", "beta", 0, 1.0},
        {"squareplus", "b", 0, 4.0},      {"soft_shrink", "lambda", 0, 0.5},
        {"hard_shrink", "lambda", 0, 0.5}, {"threshold", "threshold", 0, 0.0},
        {"threshold", "value", 1, 0.0},
    };
    for (size_t i = 0; i < sizeof contract / sizeof contract[0]; i++) {
        int k = al_kind_from_name(contract[i].kind);
        CHECK(k >= 0, "%s exists", contract[i].kind);
        const char *pn = al_kind_param_name(k, contract[i].index);
        CHECK(pn && strcmp(pn, contract[i].param) == 0, "%s param %s", contract[i].kind,
              contract[i].param);
        CHECK(al_kind_param_default(k, contract[i].index) == contract[i].def, "%s default",
              contract[i].kind);
    }
}

static void test_batch_errors(void)
{
    double x[3] = {-1.0, 0.0, 2.0}, y[3];
    double alpha_bad[] = {NAN, INFINITY, -INFINITY};
    typedef al_status (*batch_fn)(int, const double *, size_t, const double *, double *, size_t);
    batch_fn fns[2] = {al_forward, al_derivative};
    for (int f = 0; f < 2; f++) {
        batch_fn fn = fns[f];
        fill_sentinel(y, 3);
        CHECK(fn(-1, NULL, 0, x, y, 3) == AL_ERR_KIND && untouched(y, 3), "kind -1");
        CHECK(fn(AL_KIND_COUNT, NULL, 0, x, y, 3) == AL_ERR_KIND && untouched(y, 3), "kind N");
        CHECK(fn(AL_RELU, NULL, 0, NULL, y, 3) == AL_ERR_NULL && untouched(y, 3), "x NULL");
        CHECK(fn(AL_RELU, NULL, 0, x, NULL, 3) == AL_ERR_NULL, "y NULL");
        CHECK(fn(AL_RELU, NULL, 0, NULL, NULL, 0) == AL_OK, "n = 0 is a no-op");
        double one = 0.1;
        CHECK(fn(AL_RELU, &one, 1, x, y, 3) == AL_ERR_PARAM_COUNT && untouched(y, 3),
              "relu takes no params");
        CHECK(fn(AL_LEAKY_RELU, NULL, 1, x, y, 3) == AL_ERR_NULL && untouched(y, 3),
              "params NULL with count 1");
        double two[2] = {0.1, 0.2};
        CHECK(fn(AL_LEAKY_RELU, two, 2, x, y, 3) == AL_ERR_PARAM_COUNT, "leaky too many");
        CHECK(fn(AL_THRESHOLD, two, 1, x, y, 3) == AL_ERR_PARAM_COUNT, "threshold too few");
        for (int b = 0; b < 3; b++) {
            for (int k = 0; k < AL_KIND_COUNT; k++) {
                int np = al_kind_param_count(k);
                for (int i = 0; i < np; i++) {
                    double p[AL_MAX_PARAMS];
                    for (int j = 0; j < np; j++)
                        p[j] = al_kind_param_default(k, j);
                    p[i] = alpha_bad[b];
                    fill_sentinel(y, 3);
                    CHECK(fn(k, p, (size_t)np, x, y, 3) == AL_ERR_PARAM && untouched(y, 3),
                          "%s param %d = %g", al_kind_name(k), i, alpha_bad[b]);
                }
            }
        }
        /* Range rules. */
        double v;
        v = 0.0;
        CHECK(fn(AL_SOFTPLUS, &v, 1, x, y, 3) == AL_ERR_PARAM, "softplus beta 0");
        v = -1.0;
        CHECK(fn(AL_SOFTPLUS, &v, 1, x, y, 3) == AL_ERR_PARAM, "softplus beta < 0");
        v = 0.0;
        CHECK(fn(AL_CELU, &v, 1, x, y, 3) == AL_ERR_PARAM, "celu alpha 0");
        v = -0.5;
        CHECK(fn(AL_CELU, &v, 1, x, y, 3) == AL_OK, "celu alpha < 0 allowed");
        v = -1e-300;
        CHECK(fn(AL_SQUAREPLUS, &v, 1, x, y, 3) == AL_ERR_PARAM, "squareplus b < 0");
        v = 0.0;
        CHECK(fn(AL_SQUAREPLUS, &v, 1, x, y, 3) == AL_OK, "squareplus b = 0 allowed");
        v = -0.1;
        CHECK(fn(AL_SOFT_SHRINK, &v, 1, x, y, 3) == AL_ERR_PARAM, "soft_shrink lambda < 0");
        CHECK(fn(AL_HARD_SHRINK, &v, 1, x, y, 3) == AL_ERR_PARAM, "hard_shrink lambda < 0");
        CHECK(fn(AL_LEAKY_RELU, &v, 1, x, y, 3) == AL_OK, "negative leaky slope allowed");
    }
    double good[2] = {0.5, -2.0};
    CHECK(al_check_params(AL_THRESHOLD, good, 2) == AL_OK, "check ok");
    CHECK(al_check_params(AL_THRESHOLD, good, 1) == AL_ERR_PARAM_COUNT, "check count");
    CHECK(al_check_params(-5, good, 2) == AL_ERR_KIND, "check kind");
    good[1] = NAN;
    CHECK(al_check_params(AL_THRESHOLD, good, 2) == AL_ERR_PARAM, "check NaN value");

    /* Parameter derivative. */
    fill_sentinel(y, 3);
    CHECK(al_param_derivative(AL_PRELU, NULL, 0, 0, x, y, 3) == AL_OK && y[0] == -1.0 &&
              y[1] == 0.0 && y[2] == 0.0, "prelu dalpha");
    fill_sentinel(y, 3);
    CHECK(al_param_derivative(AL_PRELU, NULL, 0, 1, x, y, 3) == AL_ERR_UNSUPPORTED &&
              untouched(y, 3), "prelu param 1");
    CHECK(al_param_derivative(AL_ELU, NULL, 0, 0, x, y, 3) == AL_ERR_UNSUPPORTED &&
              untouched(y, 3), "elu dalpha unsupported");
    CHECK(al_param_derivative(AL_PRELU, NULL, 0, 0, NULL, y, 3) == AL_ERR_NULL, "pd NULL x");
    CHECK(al_param_derivative(AL_PRELU, NULL, 0, 0, x, NULL, 3) == AL_ERR_NULL, "pd NULL out");
    CHECK(al_param_derivative(99, NULL, 0, 0, x, y, 3) == AL_ERR_KIND, "pd kind");
    double nan_alpha = NAN;
    CHECK(al_param_derivative(AL_PRELU, &nan_alpha, 1, 0, x, y, 3) == AL_ERR_PARAM, "pd NaN");
}

static void test_vector_errors(void)
{
    double z[3] = {1.0, 2.0, 3.0}, out[9];
    double bad_t[] = {0.0, -1.0, NAN, INFINITY, -INFINITY};
    typedef al_status (*vec_fn)(const double *, size_t, double, double *);
    vec_fn fns[3] = {al_softmax, al_log_softmax, al_softmax_jacobian};
    for (int f = 0; f < 3; f++) {
        fill_sentinel(out, 9);
        CHECK(fns[f](NULL, 3, 1.0, out) == AL_ERR_NULL && untouched(out, 9), "fn %d z NULL", f);
        CHECK(fns[f](z, 3, 1.0, NULL) == AL_ERR_NULL, "fn %d out NULL", f);
        CHECK(fns[f](z, 0, 1.0, out) == AL_ERR_SIZE && untouched(out, 9), "fn %d n 0", f);
        for (int t = 0; t < 5; t++)
            CHECK(fns[f](z, 3, bad_t[t], out) == AL_ERR_PARAM && untouched(out, 9),
                  "fn %d T = %g", f, bad_t[t]);
        double all_neg_inf[2] = {-INFINITY, -INFINITY};
        CHECK(fns[f](all_neg_inf, 2, 1.0, out) == AL_ERR_DOMAIN, "fn %d all -inf", f);
    }
    /* A Jacobian whose n*n*8 bytes overflow size_t is refused before any write. */
    CHECK(al_softmax_jacobian(z, (size_t)1 << 31, 1.0, out) == AL_ERR_SIZE ||
              sizeof(size_t) > 4, "jacobian size overflow (32-bit)");
    CHECK(al_softmax_jacobian(z, (size_t)1 << 33, 1.0, out) == AL_ERR_SIZE ||
              sizeof(size_t) == 4, "jacobian size overflow (64-bit)");

    fill_sentinel(out, 9);
    CHECK(al_sparsemax(NULL, 3, out) == AL_ERR_NULL, "sparsemax z NULL");
    CHECK(al_sparsemax(z, 3, NULL) == AL_ERR_NULL, "sparsemax p NULL");
    CHECK(al_sparsemax(z, 0, out) == AL_ERR_SIZE && untouched(out, 9), "sparsemax n 0");
    double ninf[1] = {-INFINITY};
    CHECK(al_sparsemax(ninf, 1, out) == AL_ERR_DOMAIN, "sparsemax -inf");

    size_t idx = 77;
    CHECK(al_argmax(NULL, 3, &idx) == AL_ERR_NULL && idx == 77, "argmax NULL z");
    CHECK(al_argmax(z, 3, NULL) == AL_ERR_NULL, "argmax NULL index");
    CHECK(al_argmax(z, 0, &idx) == AL_ERR_SIZE && idx == 77, "argmax n 0");
    CHECK(al_argmax(ninf, 1, &idx) == AL_OK && idx == 0, "argmax of -inf is defined");

    double y[3] = {0.0, 1.0, 0.0}, loss = SENTINEL, grad[3];
    fill_sentinel(grad, 3);
    CHECK(al_cross_entropy(NULL, y, 3, &loss, grad) == AL_ERR_NULL, "ce z NULL");
    CHECK(al_cross_entropy(z, NULL, 3, &loss, grad) == AL_ERR_NULL, "ce y NULL");
    CHECK(al_cross_entropy(z, y, 3, NULL, grad) == AL_ERR_NULL, "ce loss NULL");
    CHECK(al_cross_entropy(z, y, 0, &loss, grad) == AL_ERR_SIZE, "ce n 0");
    double bad_y[][3] = {{0.5, 0.4, 0.0}, {-0.1, 1.1, 0.0}, {NAN, 1.0, 0.0},
                         {0.0, INFINITY, 0.0}, {1.0, 1.0, 0.0}, {0.0, 0.0, 0.0}};
    for (int i = 0; i < 6; i++)
        CHECK(al_cross_entropy(z, bad_y[i], 3, &loss, grad) == AL_ERR_LABEL &&
                  loss == SENTINEL && untouched(grad, 3), "ce bad target %d", i);
    CHECK(al_cross_entropy(ninf, y, 1, &loss, grad) == AL_ERR_LABEL, "ce label checked first");
    double one[1] = {1.0};
    CHECK(al_cross_entropy(ninf, one, 1, &loss, grad) == AL_ERR_DOMAIN, "ce all -inf");
    CHECK(al_cross_entropy(z, y, 3, &loss, NULL) == AL_OK && isfinite(loss), "ce grad optional");

    fill_sentinel(grad, 3);
    CHECK(al_binary_cross_entropy(NULL, y, 3, grad, grad) == AL_ERR_NULL, "bce z NULL");
    CHECK(al_binary_cross_entropy(z, NULL, 3, grad, grad) == AL_ERR_NULL, "bce y NULL");
    CHECK(al_binary_cross_entropy(z, y, 3, NULL, NULL) == AL_ERR_NULL, "bce no output");
    CHECK(al_binary_cross_entropy(z, y, 0, grad, NULL) == AL_ERR_SIZE, "bce n 0");
    for (int i = 1; i < 4; i++)
        CHECK(al_binary_cross_entropy(z, bad_y[i], 3, grad, NULL) == AL_ERR_LABEL &&
                  untouched(grad, 3), "bce bad target %d", i);
    CHECK(al_binary_cross_entropy(z, bad_y[4], 3, grad, NULL) == AL_OK,
          "bce targets need not sum to 1");
}

int main(void)
{
    test_status_text();
    test_catalog();
    test_batch_errors();
    test_vector_errors();
    return test_finish("errors");
}
