/* The network engine: whole-network gradient check against central
 * differences for every head and a spread of activations, determinism per
 * seed, learning on the toy datasets, the linear-collapse map, every bad
 * config field, bad data, and create/train/free cycles (leaks show up in
 * the ASan build, which runs this same test). */
#include "actlab.h"
#include "test_util.h"

#define N_GC 12 /* samples in the gradient check */

static al_net_config base_config(int head, int outputs, int kind)
{
    al_net_config c;
    al_net_config_default(&c);
    c.n_layers = 4;
    c.sizes[0] = 3;
    c.features = AL_FEAT_X1 | AL_FEAT_X2 | AL_FEAT_X1_X2;
    c.sizes[1] = 5;
    c.sizes[2] = 4;
    c.sizes[3] = outputs;
    c.hidden_kind[0] = kind;
    c.hidden_kind[1] = kind;
    for (int l = 0; l < 2; l++)
        for (int i = 0; i < al_kind_param_count(kind); i++)
            c.hidden_params[l][i] = al_kind_param_default(kind, i);
    c.head = head;
    c.init = AL_INIT_GLOROT_NORMAL;
    c.l2 = 0.01;
    c.l1 = 0.003;
    c.seed = 42;
    return c;
}

/* Labels for the gradient check that fit each head. */
static void make_labels(int head, int outputs, unsigned *s, double *y)
{
    for (int i = 0; i < N_GC; i++) {
        int width = head == AL_HEAD_SOFTMAX_CE ? 1 : outputs;
        for (int j = 0; j < width; j++) {
            *s = *s * 1664525u + 1013904223u;
            double u = (*s >> 8) / 16777216.0;
            double *v = &y[i * width + j];
            switch (head) {
            case AL_HEAD_IDENTITY_MSE: *v = 2.0 * u - 1.0; break;
            case AL_HEAD_SIGMOID_BCE: *v = u < 0.5 ? 0.0 : 1.0; break;
            case AL_HEAD_SOFTMAX_CE: *v = (double)(int)(u * outputs); break;
            default: *v = u < 0.5 ? -1.0 : 1.0; break;
            }
        }
    }
}

/* d loss / d param by central differences (4th order), compared with the
 * analytic gradient. The step is relative to the parameter. */
static void gradient_check(int head, int outputs, int kind)
{
    al_net_config cfg = base_config(head, outputs, kind);
    al_status st;
    al_net *net = al_net_create(&cfg, &st);
    CHECK(net && st == AL_OK, "create %s head %d", al_kind_name(kind), head);
    if (!net)
        return;
    unsigned s = 7u + (unsigned)kind * 31u + (unsigned)head;
    double x[N_GC * 2], y[N_GC * AL_NET_MAX_OUTPUTS];
    for (int i = 0; i < N_GC * 2; i++) {
        s = s * 1664525u + 1013904223u;
        x[i] = 4.0 * ((s >> 8) / 16777216.0) - 2.0;
    }
    make_labels(head, outputs, &s, y);
    size_t np = al_net_param_count(net);
    double grads[512], params[512], loss;
    CHECK(np <= 512, "param count %zu", np);
    CHECK(al_net_loss_gradient(net, x, y, N_GC, &loss, grads) == AL_OK, "loss_gradient");
    al_net_get_params(net, params, np);
    double max_abs = 0.0;
    int bad = 0;
    for (size_t i = 0; i < np; i++) {
        double w = params[i], h = 1e-4 * fmax(1.0, fabs(w)), f[4];
        double steps[4] = {-2.0, -1.0, 1.0, 2.0};
        for (int k = 0; k < 4; k++) {
            params[i] = w + steps[k] * h;
            al_net_set_params(net, params, np);
            al_net_loss_gradient(net, x, y, N_GC, &f[k], NULL);
        }
        params[i] = w;
        double fd = (f[0] - 8.0 * f[1] + 8.0 * f[2] - f[3]) / (12.0 * h);
        double err = fabs(fd - grads[i]) / fmax(1e-6, fabs(fd) + fabs(grads[i]));
        max_abs = fmax(max_abs, fabs(grads[i]));
        /* Kinked activations (relu family) and l1 at 0 can straddle a kink. */
        if (err > 1e-5) {
            bad++;
            if (bad <= 3)
                fprintf(stderr, "  %s head %d param %zu: analytic %.12g, fd %.12g\n",
                        al_kind_name(kind), head, i, grads[i], fd);
        }
    }
    al_net_set_params(net, params, np);
    CHECK(bad == 0, "gradient check %s head %d: %d of %zu parameters disagree", al_kind_name(kind),
          head, bad, np);
    CHECK(max_abs > 1e-4, "gradient check %s head %d: gradient is all (near) zero", al_kind_name(kind),
          head);
    al_net_free(net);
}

static void test_gradients(void)
{
    int kinds[] = {AL_TANH, AL_SIGMOID, AL_RELU, AL_LEAKY_RELU, AL_ELU, AL_GELU, AL_SWISH,
                   AL_SOFTPLUS, AL_MISH, AL_SIN, AL_IDENTITY, AL_SELU};
    int heads[][2] = {{AL_HEAD_IDENTITY_MSE, 2}, {AL_HEAD_SIGMOID_BCE, 1}, {AL_HEAD_SIGMOID_BCE, 3},
                      {AL_HEAD_SOFTMAX_CE, 3}, {AL_HEAD_TANH_SE, 1}};
    for (size_t h = 0; h < sizeof heads / sizeof heads[0]; h++)
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
            gradient_check(heads[h][0], heads[h][1], kinds[k]);
}

/* Trains a config on a dataset (80/20 split by index parity of a shuffled
 * set) and returns test accuracy (or test loss for regression). */
static double train_on(al_net_config *cfg, int data, size_t count, double noise, int epochs,
                       double *test_loss)
{
    static double x[2 * 2000], y[2000], xtr[2 * 2000], ytr[2000], xte[2 * 2000], yte[2000];
    CHECK(al_dataset_generate(data, count, noise, 5, x, y) == AL_OK, "dataset %d", data);
    size_t ntr = 0, nte = 0;
    for (size_t i = 0; i < count; i++) {
        double label = y[i];
        if (cfg->head == AL_HEAD_TANH_SE)
            label = label > 0.5 ? 1.0 : -1.0;
        if (i % 5 == 4) {
            xte[2 * nte] = x[2 * i], xte[2 * nte + 1] = x[2 * i + 1], yte[nte++] = label;
        } else {
            xtr[2 * ntr] = x[2 * i], xtr[2 * ntr + 1] = x[2 * i + 1], ytr[ntr++] = label;
        }
    }
    al_status st;
    al_net *net = al_net_create(cfg, &st);
    CHECK(net != NULL, "create for dataset %s: %s", al_dataset_name(data), al_status_code(st));
    if (!net)
        return 0.0;
    double loss, acc;
    st = al_net_train(net, xtr, ytr, ntr, epochs, &loss);
    CHECK(st == AL_OK, "train on %s: %s", al_dataset_name(data), al_status_code(st));
    CHECK(al_net_evaluate(net, xte, yte, nte, &loss, &acc) == AL_OK, "evaluate");
    if (test_loss)
        *test_loss = loss;
    al_net_free(net);
    return acc;
}

static void test_learning(void)
{
    al_net_config c;
    al_net_config_default(&c);
    c.features = AL_FEAT_X1 | AL_FEAT_X2;
    c.n_layers = 4;
    c.sizes[0] = 2, c.sizes[1] = 8, c.sizes[2] = 8, c.sizes[3] = 1;
    c.head = AL_HEAD_TANH_SE; /* the playground setup */
    c.learning_rate = 0.03;
    double acc = train_on(&c, AL_DATA_CIRCLE, 500, 0.0, 300, NULL);
    CHECK(acc >= 0.95, "circle (playground setup): test accuracy %.3f", acc);

    c.head = AL_HEAD_SIGMOID_BCE;
    c.optimizer = AL_OPT_ADAM;
    c.learning_rate = 0.01;
    acc = train_on(&c, AL_DATA_XOR, 500, 0.0, 200, NULL);
    CHECK(acc >= 0.95, "xor: test accuracy %.3f", acc);

    c.features = AL_FEAT_X1 | AL_FEAT_X2 | AL_FEAT_X1_SQ | AL_FEAT_X2_SQ | AL_FEAT_X1_X2 |
                 AL_FEAT_SIN_X1 | AL_FEAT_SIN_X2;
    c.sizes[0] = 7, c.sizes[1] = 16, c.sizes[2] = 16;
    c.hidden_kind[0] = c.hidden_kind[1] = AL_RELU;
    c.init = AL_INIT_HE_NORMAL;
    acc = train_on(&c, AL_DATA_SPIRAL, 1000, 0.0, 400, NULL);
    CHECK(acc >= 0.9, "spiral: test accuracy %.3f", acc);

    c.head = AL_HEAD_SOFTMAX_CE;
    c.sizes[3] = 3;
    acc = train_on(&c, AL_DATA_BLOBS, 600, 0.2, 100, NULL);
    CHECK(acc >= 0.95, "blobs (multi-class): test accuracy %.3f", acc);
    acc = train_on(&c, AL_DATA_SPIRAL_MULTI, 900, 0.0, 400, NULL);
    CHECK(acc >= 0.85, "spiral_multi (multi-class): test accuracy %.3f", acc);

    c.head = AL_HEAD_IDENTITY_MSE;
    c.sizes[3] = 1;
    double loss;
    train_on(&c, AL_DATA_MULTI_GAUSSIAN, 1000, 0.0, 300, &loss);
    CHECK(loss < 0.02, "multi_gaussian (regression): test MSE %.4f", loss);
    /* The plane is linear in x1 and x2: those two features fit it (with all
     * seven, the squares of inputs up to 6 make Adam's result depend on the
     * seed: test MSE 0.001 to 0.03 over seeds 1-8). */
    c.features = AL_FEAT_X1 | AL_FEAT_X2;
    c.sizes[0] = 2;
    acc = train_on(&c, AL_DATA_PLANE, 500, 0.0, 100, &loss);
    CHECK(isnan(acc), "regression has no accuracy");
    CHECK(loss < 0.005, "plane (regression): test MSE %.4f", loss);
    c.features = AL_FEAT_X1 | AL_FEAT_X2 | AL_FEAT_X1_SQ | AL_FEAT_X2_SQ | AL_FEAT_X1_X2 |
                 AL_FEAT_SIN_X1 | AL_FEAT_SIN_X2;
    c.sizes[0] = 7;

    /* Symmetric start: with zeros every hidden neuron stays identical, and
     * tanh(0) = 0 means no gradient reaches the first layer at all. */
    c.init = AL_INIT_ZEROS;
    c.hidden_kind[0] = c.hidden_kind[1] = AL_TANH;
    c.head = AL_HEAD_SIGMOID_BCE;
    c.optimizer = AL_OPT_SGD;
    acc = train_on(&c, AL_DATA_CIRCLE, 500, 0.0, 50, NULL);
    CHECK(acc < 0.7, "zeros init should not learn the circle, got %.3f", acc);
}

static void test_determinism(void)
{
    al_net_config c = base_config(AL_HEAD_SIGMOID_BCE, 1, AL_TANH);
    c.optimizer = AL_OPT_ADAM;
    double x[2 * 200], y[200], p1[512], p2[512], p3[512];
    al_dataset_generate(AL_DATA_MOONS, 200, 0.3, 9, x, y);
    double x2[2 * 200], y2[200];
    al_dataset_generate(AL_DATA_MOONS, 200, 0.3, 9, x2, y2);
    CHECK(memcmp(x, x2, sizeof x) == 0 && memcmp(y, y2, sizeof y) == 0, "dataset per seed");
    al_dataset_generate(AL_DATA_MOONS, 200, 0.3, 10, x2, y2);
    CHECK(memcmp(x, x2, sizeof x) != 0, "datasets differ by seed");
    double *out[3] = {p1, p2, p3};
    for (int r = 0; r < 3; r++) {
        c.seed = r == 2 ? 43 : 42;
        al_net *net = al_net_create(&c, NULL);
        double loss;
        al_net_train(net, x, y, 200, 20, &loss);
        al_net_get_params(net, out[r], al_net_param_count(net));
        al_net_free(net);
    }
    size_t np = 0;
    {
        al_net *net = al_net_create(&c, NULL);
        np = al_net_param_count(net);
        al_net_free(net);
    }
    CHECK(memcmp(p1, p2, np * sizeof(double)) == 0, "same seed, same parameters bit for bit");
    CHECK(memcmp(p1, p3, np * sizeof(double)) != 0, "another seed, other parameters");
}

static void test_collapse(void)
{
    al_net_config c = base_config(AL_HEAD_IDENTITY_MSE, 2, AL_IDENTITY);
    c.n_layers = 5;
    c.sizes[3] = 6, c.sizes[4] = 2;
    c.hidden_kind[2] = AL_IDENTITY;
    al_net *net = al_net_create(&c, NULL);
    double a[2 * 3], cc[2], x[2 * 50], out[2 * 50];
    CHECK(al_net_collapse(net, a, cc) == AL_OK, "collapse");
    for (int i = 0; i < 100; i++)
        x[i] = sin(1.7 * i) * 4.0;
    al_net_predict(net, x, 50, out);
    double worst = 0.0;
    for (int i = 0; i < 50; i++) {
        double f[3] = {x[2 * i], x[2 * i + 1], x[2 * i] * x[2 * i + 1]};
        for (int j = 0; j < 2; j++) {
            double v = cc[j] + a[3 * j] * f[0] + a[3 * j + 1] * f[1] + a[3 * j + 2] * f[2];
            worst = fmax(worst, fabs(v - out[2 * i + j]) / fmax(1.0, fabs(v)));
        }
    }
    CHECK(worst < 1e-12, "collapsed map differs from the network by %g", worst);
    al_net_free(net);
    c.hidden_kind[1] = AL_RELU;
    net = al_net_create(&c, NULL);
    CHECK(al_net_collapse(net, a, cc) == AL_ERR_UNSUPPORTED, "collapse needs identity layers");
    al_net_free(net);
}

/* Grids and neuron outputs run a column-layout forward pass of their own;
 * it must give predict()'s bits for every head, all seven features, odd
 * layer widths (the two-neuron blocks' edge), raw inputs, and point counts
 * that leave a remainder after full chunks and after blocks of four. */
/* The grid's points as rows for predict: row 0 is y = y_max. */
static void grid_points(double x0, double x1, double y0, double y1, int res, double *pts)
{
    double dx = (x1 - x0) / (res - 1), dy = (y1 - y0) / (res - 1);
    for (int p = 0; p < res * res; p++) {
        pts[2 * p] = x0 + dx * (p % res);
        pts[2 * p + 1] = y1 - dy * (p / res);
    }
}

static void test_column_forward(void)
{
    static const int heads[] = {AL_HEAD_IDENTITY_MSE, AL_HEAD_SIGMOID_BCE, AL_HEAD_SOFTMAX_CE, AL_HEAD_TANH_SE};
    static const int kinds[] = {AL_TANH, AL_SIGMOID, AL_ELU};
    for (int h = 0; h < 4; h++)
        for (int raw = 0; raw < 2; raw++) {
            int outputs = heads[h] == AL_HEAD_SOFTMAX_CE ? 3 : (h == 1 ? 2 : 1);
            al_net_config c = base_config(heads[h], outputs, kinds[h % 3]);
            c.features = raw ? 0 : 0x7f;
            c.sizes[0] = raw ? 4 : 7;
            c.sizes[1] = 7;
            c.sizes[2] = 3;
            c.init = AL_INIT_UNIFORM;
            al_net *net = al_net_create(&c, NULL);
            /* Every parameter random, biases too (initialisers start them at 0). */
            double params[256];
            size_t np = al_net_param_count(net);
            unsigned seed = 99u + (unsigned)h;
            for (size_t i = 0; i < np; i++)
                params[i] = 2.0 * ((seed = seed * 1103515245u + 12345u) >> 8) / 16777216.0 - 1.0;
            CHECK(np <= 256 && al_net_set_params(net, params, np) == AL_OK, "set params");
            enum { N = 403 }; /* one chunk of 256, then 147 = 36 blocks of 4 + 3 */
            static double pts[4 * N], pred[3 * N], nout[13 * N], grid_out[3 * 529], grid_nrn[13 * 529],
                gpts[2 * 529], gpred[3 * 529];
            for (int i = 0; i < 4 * N; i++)
                pts[i] = 12.0 * ((seed = seed * 1103515245u + 12345u) >> 8) / 16777216.0 - 6.0;
            CHECK(al_net_predict(net, pts, N, pred) == AL_OK, "predict");
            CHECK(al_net_neuron_outputs(net, pts, N, nout) == AL_OK, "neuron outputs");
            int nn = al_net_neuron_count(net), same = 1;
            for (int j = 0; j < outputs; j++)
                for (int p = 0; p < N; p++)
                    same &= memcmp(&nout[(size_t)(nn - outputs + j) * N + p], &pred[p * outputs + j],
                                   sizeof(double)) == 0;
            CHECK(same, "head %d raw %d: output neurons = predict, bit for bit", h, raw);
            if (raw) {
                al_net_free(net);
                continue;
            }
            CHECK(al_net_grid(net, -4, 3, -2, 5, 23, grid_out, grid_nrn) == AL_OK, "grid");
            grid_points(-4, 3, -2, 5, 23, gpts);
            al_net_predict(net, gpts, 529, gpred);
            CHECK(memcmp(gpred, grid_out, 529 * (size_t)outputs * sizeof(double)) == 0,
                  "head %d: grid with all features = predict", h);
            al_net_free(net);
        }
}

/* The grid and the neuron outputs of net equal predict and neuron outputs
 * of the grid's points, bit for bit. */
static void check_grid_is_predict(al_net *net, const char *what)
{
    enum { RES = 23, N = RES * RES };
    static double out[N], nrn[64 * N], pts[2 * N], pred[N], nout[64 * N];
    int nn = al_net_neuron_count(net);
    CHECK(nn <= 64, "%s: %d neurons", what, nn);
    CHECK(al_net_grid(net, -4, 3, -2, 5, RES, out, nrn) == AL_OK, "%s: grid", what);
    grid_points(-4, 3, -2, 5, RES, pts);
    CHECK(al_net_predict(net, pts, N, pred) == AL_OK, "%s: predict", what);
    CHECK(al_net_neuron_outputs(net, pts, N, nout) == AL_OK, "%s: neuron outputs", what);
    CHECK(memcmp(out, pred, sizeof pred) == 0, "%s: grid = predict, bit for bit", what);
    CHECK(memcmp(nrn, nout, (size_t)nn * N * sizeof(double)) == 0, "%s: grid neurons = neuron outputs", what);
}

/*
 * The column layout's products leave out inputs that are 0 at 4 neighbouring
 * points (ReLU units off there) only where that changes no bit. The
 * references are predict() and al_net_neuron_outputs on the grid's points,
 * whose products sum every term.
 */
static void test_zero_skipping(void)
{
    al_net_config c = base_config(AL_HEAD_IDENTITY_MSE, 1, AL_RELU);
    c.sizes[1] = 6;
    c.sizes[2] = 5;
    al_net *net = al_net_create(&c, NULL);
    check_grid_is_predict(net, "relu, as initialised");
    /* Half the units off somewhere (initial biases are 0): zeros to skip. */
    enum { RES = 23, N = RES * RES };
    static double nrn[12 * N], out[N];
    al_net_grid(net, -4, 3, -2, 5, RES, out, nrn);
    int zeros = 0;
    for (int i = 0; i < 11 * N; i++)
        zeros += nrn[i] == 0.0;
    CHECK(zeros > 11 * N / 5, "relu, as initialised: %d of %d hidden outputs are 0", zeros, 11 * N);
    /* Layout (3 features): W1 6x3, b1 6, W2 5x6, b2 5, W3 1x5, b3 1. The
     * second hidden layer dead everywhere (biases -100), the output's bias
     * -0 and its weights positive: every term the output sums is w * 0 =
     * +0, and -0 + +0 = +0, which leaving the terms out would not give. */
    double params[65];
    size_t np = al_net_param_count(net);
    CHECK(np == 65, "param count %zu", np);
    al_net_get_params(net, params, np);
    for (int j = 0; j < 5; j++) {
        params[24 + 30 + j] = -100.0;
        params[59 + j] = 0.5 + j;
    }
    params[64] = -0.0;
    CHECK(al_net_set_params(net, params, np) == AL_OK, "set params");
    double at[2] = {0.5, 0.5}, y;
    al_net_predict(net, at, 1, &y);
    CHECK(y == 0.0 && !signbit(y), "predict sums +0 terms onto a bias of -0: +0 (got %g)", y);
    check_grid_is_predict(net, "relu, dead layer, bias -0");
    /* The same with a bias of +0: there the terms may be left out. */
    params[64] = 0.0;
    al_net_set_params(net, params, np);
    check_grid_is_predict(net, "relu, dead layer, bias +0");
    al_net_free(net);
    /* Every activation that is 0 over intervals, and one that is not. */
    static const int kinds[] = {AL_STEP, AL_RELU6, AL_THRESHOLD, AL_HARD_SIGMOID, AL_HARD_SIGMOID_KERAS2,
                                AL_SPARSE_SIGMOID, AL_HARD_SWISH, AL_SOFT_SHRINK, AL_HARD_SHRINK,
                                AL_SPARSE_PLUS, AL_TANH};
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        al_net_config ck = base_config(AL_HEAD_TANH_SE, 1, kinds[k]);
        ck.sizes[1] = 9; /* 4 + 4 + 1: both block loops */
        ck.sizes[2] = 7;
        al_net *nk = al_net_create(&ck, NULL);
        check_grid_is_predict(nk, al_kind_name(kinds[k]));
        al_net_free(nk);
    }
}

/*
 * Grids whose first layer is tanh or sigmoid of features without x1 x2 take
 * e^(-az) as e^(-au) e^(-av), one exponential per column and per row
 * (grid_separable in src/mlp.c). References: predict() and neuron outputs
 * on the same points (the ordinary path), and long double tanhl / expl of
 * predict's own first-layer sums (the exact activation of the same z).
 */
static void test_grid_separable(void)
{
    static const struct { int kind, features, res; } cases[] = {
        {AL_TANH, AL_FEAT_X1 | AL_FEAT_X2, 23}, /* 11 rows per step, a short last step */
        {AL_SIGMOID, AL_FEAT_X1 | AL_FEAT_X2, 23},
        {AL_TANH, AL_FEAT_X1 | AL_FEAT_X2 | AL_FEAT_X1_SQ | AL_FEAT_SIN_X2, 23}, /* sums regrouped */
        {AL_TANH, AL_FEAT_X1 | AL_FEAT_X2, 300}, /* blocks of 256 and 44 columns, one row per step */
    };
    enum { MAXN = 300 * 300, NEURONS = 5 + 4 + 1 };
    static double pts[2 * MAXN], g_out[MAXN], g_nrn[NEURONS * MAXN], p_out[MAXN], p_nrn[NEURONS * MAXN];
    for (size_t ci = 0; ci < sizeof cases / sizeof cases[0]; ci++) {
        int kind = cases[ci].kind, mask = cases[ci].features, res = cases[ci].res, n = res * res;
        al_net_config c = base_config(AL_HEAD_TANH_SE, 1, kind);
        c.features = mask;
        c.sizes[0] = 0;
        for (int i = 0; i < AL_FEAT_COUNT; i++)
            c.sizes[0] += (mask >> i) & 1;
        al_net *net = al_net_create(&c, NULL);
        double params[128];
        size_t np = al_net_param_count(net), nin = (size_t)c.sizes[0], first = 5 * nin + 5;
        unsigned seed = 7u + (unsigned)ci;
        /* First layer in [-3, 3] so its units see small, middle and saturating z. */
        for (size_t i = 0; i < np; i++)
            params[i] = (i < first ? 6.0 : 2.0) * ((seed = seed * 1103515245u + 12345u) >> 8) / 16777216.0 -
                        (i < first ? 3.0 : 1.0);
        for (int pass = 0; pass < 3; pass++) {
            /* pass 1: one x1 weight x 200 (every column block falls back);
             * pass 2: one x2 weight x 200 (the rows with |2v| > 340 fall back). */
            double q[128];
            memcpy(q, params, sizeof q);
            if (pass == 1)
                q[0] *= 200.0;
            if (pass == 2)
                q[1] *= 200.0;
            CHECK(np <= 128 && al_net_set_params(net, q, np) == AL_OK, "set params");
            grid_points(-2.5, 3.0, -2.0, 2.5, res, pts);
            CHECK(al_net_grid(net, -2.5, 3.0, -2.0, 2.5, res, g_out, g_nrn) == AL_OK, "grid");
            CHECK(al_net_predict(net, pts, (size_t)n, p_out) == AL_OK, "predict");
            CHECK(al_net_neuron_outputs(net, pts, (size_t)n, p_nrn) == AL_OK, "neuron outputs");
            double worst = 0.0, worst_rel = 0.0;
            int differ = 0, finite = 1;
            for (size_t i = 0; i < (size_t)NEURONS * (size_t)n; i++) {
                finite &= isfinite(g_nrn[i]);
                differ += g_nrn[i] != p_nrn[i];
                worst = fmax(worst, fabs(g_nrn[i] - p_nrn[i]));
            }
            for (int i = 0; i < n; i++)
                worst = fmax(worst, fabs(g_out[i] - p_out[i]));
            /* The first layer against the exact activation of predict's z. */
            for (int j = 0; j < 5; j++)
                for (int p = 0; p < n; p++) {
                    double x1 = pts[2 * p], x2 = pts[2 * p + 1], z = q[first - 5 + (size_t)j];
                    for (int i = 0, t = 0; i < AL_FEAT_COUNT; i++)
                        if (mask & (1 << i)) {
                            double f[] = {x1, x2, x1 * x1, x2 * x2, x1 * x2, sin(x1), sin(x2)};
                            z += q[(size_t)j * nin + (size_t)t++] * f[i];
                        }
                    long double ref = kind == AL_TANH ? tanhl((long double)z) : 1.0L / (1.0L + expl(-(long double)z));
                    double got = g_nrn[(size_t)j * (size_t)n + (size_t)p];
                    /* Up to |z| = 20 the rounding of predict's sum moves f by
                     * under 4e-15 relative; further out it dominates (ulp(z)
                     * times f'/f), and test_fast_act checks the kernels
                     * there against the exact sum. */
                    if (mask == (AL_FEAT_X1 | AL_FEAT_X2) && fabs(z) <= 20.0)
                        worst_rel = fmax(worst_rel, (double)fabsl((got - ref) / ref));
                }
            CHECK(finite, "case %zu pass %d: every grid value finite", ci, pass);
            CHECK(worst <= 1e-13, "case %zu pass %d: grid within 1e-13 of predict (%.3g)", ci, pass, worst);
            CHECK(worst_rel <= 1e-14, "case %zu pass %d: first layer within 1e-14 relative of the exact "
                  "activation (%.3g)", ci, pass, worst_rel);
            if (pass == 0) /* the separable path ran: its last bits differ from predict's */
                CHECK(differ > 0, "case %zu: separable values differ somewhere in the last bits", ci);
            if (pass == 1 && res <= 256 && mask == (AL_FEAT_X1 | AL_FEAT_X2)) /* one block, all ordinary: same sums */
                CHECK(differ == 0, "case %zu: fallback grid = predict bit for bit (%d differ)", ci, differ);
        }
        al_net_free(net);
    }
}

static void test_observables(void)
{
    al_net_config c = base_config(AL_HEAD_SOFTMAX_CE, 3, AL_RELU);
    al_net *net = al_net_create(&c, NULL);
    int neurons = al_net_neuron_count(net);
    CHECK(neurons == 5 + 4 + 3, "neuron count %d", neurons);
    static double grid_out[3 * 400], grid_neurons[12 * 400], pts[2 * 400], pred[3 * 400];
    CHECK(al_net_grid(net, -6, 6, -5, 5, 20, grid_out, grid_neurons) == AL_OK, "grid");
    /* The grid equals predicting its points explicitly. */
    grid_points(-6, 6, -5, 5, 20, pts);
    al_net_predict(net, pts, 400, pred);
    CHECK(memcmp(pred, grid_out, sizeof pred) == 0, "grid = predict on the grid points");
    static double nout[12 * 400];
    al_net_neuron_outputs(net, pts, 400, nout);
    CHECK(memcmp(nout, grid_neurons, sizeof nout) == 0, "grid neurons = neuron outputs");
    /* The last three neurons are the softmax outputs. */
    CHECK(fabs(nout[9 * 400 + 7] + nout[10 * 400 + 7] + nout[11 * 400 + 7] - 1.0) < 1e-15,
          "output neurons are probabilities");
    double stats[3 * 4];
    CHECK(al_net_layer_stats(net, pts, 400, stats) == AL_OK, "layer stats");
    for (int l = 0; l < 2; l++)
        CHECK(stats[4 * l + 3] >= 0.0 && stats[4 * l + 3] <= 1.0 && stats[4 * l + 2] >= 0.0,
              "layer %d stats", l);
    CHECK(isnan(stats[4 * 2 + 2]), "softmax layer has no saturation figure");
    /* A ReLU layer whose biases are very negative is dead everywhere. */
    size_t np = al_net_param_count(net);
    double params[512];
    al_net_get_params(net, params, np);
    for (int j = 0; j < 5; j++)
        params[3 * 5 + j] = -1e3; /* b_1 follows W_1 (5 x 3) */
    al_net_set_params(net, params, np);
    al_net_layer_stats(net, pts, 400, stats);
    CHECK(stats[3] == 1.0, "all first-layer ReLUs dead, got %g", stats[3]);
    CHECK(stats[0] == 0.0 && stats[1] == 0.0, "dead layer outputs 0");
    double norms[3];
    CHECK(al_net_grad_norms(net, norms) == AL_OK, "grad norms");
    al_net_free(net);

    /* Vanishing gradients: with sigmoid in 6 layers, the first layer's
     * gradient is far smaller than the last one's; with ReLU it is not. */
    al_net_config d;
    al_net_config_default(&d);
    d.features = AL_FEAT_X1 | AL_FEAT_X2;
    d.n_layers = 8;
    d.sizes[0] = 2;
    for (int l = 1; l < 7; l++)
        d.sizes[l] = 8, d.hidden_kind[l - 1] = AL_SIGMOID;
    d.sizes[7] = 1;
    double x[2 * 100], y[100], n_sig[7], n_relu[7], loss;
    al_dataset_generate(AL_DATA_CIRCLE, 100, 0.0, 3, x, y);
    net = al_net_create(&d, NULL);
    al_net_train(net, x, y, 100, 1, &loss);
    al_net_grad_norms(net, n_sig);
    al_net_free(net);
    for (int l = 0; l < 6; l++)
        d.hidden_kind[l] = AL_RELU;
    d.init = AL_INIT_HE_NORMAL;
    net = al_net_create(&d, NULL);
    al_net_train(net, x, y, 100, 1, &loss);
    al_net_grad_norms(net, n_relu);
    al_net_free(net);
    CHECK(n_sig[0] < 1e-2 * n_sig[6], "sigmoid: first-layer gradient %g vs last %g", n_sig[0], n_sig[6]);
    CHECK(n_relu[0] > 1e-2 * n_relu[6], "relu: first-layer gradient %g vs last %g", n_relu[0], n_relu[6]);
}

static void expect_config_error(al_net_config c, const char *field)
{
    const char *got = NULL;
    al_status st = al_net_check_config(&c, &got);
    CHECK(st == AL_ERR_CONFIG && got && strcmp(got, field) == 0, "expected bad %s, got %s (%s)",
          field, got ? got : "none", al_status_code(st));
    al_status cs = AL_OK;
    CHECK(al_net_create(&c, &cs) == NULL && cs == AL_ERR_CONFIG, "create refuses bad %s", field);
}

static void test_errors(void)
{
    al_net_config ok;
    al_net_config_default(&ok);
    const char *field = "x";
    CHECK(al_net_check_config(&ok, &field) == AL_OK && field == NULL, "default config valid");
    CHECK(al_net_check_config(NULL, &field) == AL_ERR_NULL, "NULL config");
    al_net_config c = ok;
    c.n_layers = 1;
    expect_config_error(c, "n_layers");
    c = ok, c.n_layers = AL_NET_MAX_HIDDEN + 3;
    expect_config_error(c, "n_layers");
    c = ok, c.sizes[1] = 0;
    expect_config_error(c, "sizes");
    c = ok, c.sizes[1] = AL_NET_MAX_WIDTH + 1;
    expect_config_error(c, "sizes");
    c = ok, c.sizes[2] = AL_NET_MAX_OUTPUTS + 1;
    expect_config_error(c, "sizes");
    c = ok, c.features = 0, c.sizes[0] = AL_NET_MAX_INPUTS + 1;
    expect_config_error(c, "sizes");
    c = ok, c.features = AL_FEAT_X1 | AL_FEAT_X2 | AL_FEAT_SIN_X1; /* 3 features, sizes[0] = 2 */
    expect_config_error(c, "sizes");
    c = ok, c.features = 128;
    expect_config_error(c, "features");
    c = ok, c.hidden_kind[0] = 99;
    expect_config_error(c, "hidden_kind");
    c = ok, c.hidden_kind[0] = AL_SOFTPLUS, c.hidden_params[0][0] = 0.0;
    expect_config_error(c, "hidden_params");
    c = ok, c.head = 7;
    expect_config_error(c, "head");
    c = ok, c.head = AL_HEAD_SOFTMAX_CE; /* one output */
    expect_config_error(c, "sizes");
    c = ok, c.init = -1;
    expect_config_error(c, "init");
    c = ok, c.optimizer = 3;
    expect_config_error(c, "optimizer");
    double bad_lr[] = {0.0, -1.0, NAN, INFINITY};
    for (int i = 0; i < 4; i++) {
        c = ok, c.learning_rate = bad_lr[i];
        expect_config_error(c, "learning_rate");
    }
    c = ok, c.momentum = 1.0;
    expect_config_error(c, "momentum");
    c = ok, c.beta1 = -0.1;
    expect_config_error(c, "beta1");
    c = ok, c.beta2 = NAN;
    expect_config_error(c, "beta2");
    c = ok, c.epsilon = 0.0;
    expect_config_error(c, "epsilon");
    c = ok, c.l1 = -1e-9;
    expect_config_error(c, "l1");
    c = ok, c.l2 = INFINITY;
    expect_config_error(c, "l2");
    c = ok, c.batch_size = 0;
    expect_config_error(c, "batch_size");
    c = ok, c.batch_size = 1025;
    expect_config_error(c, "batch_size");

    al_net *net = al_net_create(&ok, NULL);
    double x[4] = {0.1, 0.2, 0.3, 0.4}, y[2] = {0.0, 1.0}, loss, acc, out[2];
    CHECK(al_net_train(NULL, x, y, 2, 1, &loss) == AL_ERR_NULL, "train NULL net");
    CHECK(al_net_train(net, NULL, y, 2, 1, &loss) == AL_ERR_NULL, "train NULL inputs");
    CHECK(al_net_train(net, x, NULL, 2, 1, &loss) == AL_ERR_NULL, "train NULL labels");
    CHECK(al_net_train(net, x, y, 0, 1, &loss) == AL_ERR_SIZE, "train no samples");
    CHECK(al_net_train(net, x, y, (size_t)(AL_NET_MAX_TRAIN_BYTES / 8) / 3 + 1, 1, &loss) == AL_ERR_SIZE,
          "train on more rows of (x1, x2, y) than 128 MiB holds");
    CHECK(al_net_train(net, x, y, 2, -1, &loss) == AL_ERR_PARAM, "negative epochs");
    x[1] = NAN;
    CHECK(al_net_train(net, x, y, 2, 1, &loss) == AL_ERR_DOMAIN, "NaN input");
    CHECK(al_net_predict(net, x, 2, out) == AL_ERR_DOMAIN, "NaN input in predict");
    x[1] = 0.2;
    y[1] = 1.5;
    CHECK(al_net_train(net, x, y, 2, 1, &loss) == AL_ERR_LABEL, "BCE label out of [0, 1]");
    CHECK(al_net_evaluate(net, x, y, 2, &loss, &acc) == AL_ERR_LABEL, "evaluate label check");
    al_net_free(net);

    al_net_config t = ok;
    t.head = AL_HEAD_TANH_SE;
    net = al_net_create(&t, NULL);
    double y01[2] = {0.0, 1.0}, ypm[2] = {-1.0, 1.0};
    CHECK(al_net_train(net, x, y01, 2, 1, &loss) == AL_ERR_LABEL, "tanh head rejects 0/1 labels");
    CHECK(al_net_train(net, x, ypm, 2, 1, &loss) == AL_OK, "tanh head takes +-1");
    al_net_free(net);

    al_net_config m = ok;
    m.head = AL_HEAD_SOFTMAX_CE;
    m.sizes[2] = 3;
    net = al_net_create(&m, NULL);
    double cls_bad[2][2] = {{0.0, 3.0}, {0.5, 1.0}};
    for (int i = 0; i < 2; i++)
        CHECK(al_net_train(net, x, cls_bad[i], 2, 1, &loss) == AL_ERR_LABEL, "class label %d", i);
    double p[64];
    size_t np = al_net_param_count(net);
    CHECK(al_net_get_params(net, p, np + 1) == AL_ERR_SIZE, "get params size");
    al_net_get_params(net, p, np);
    p[0] = NAN;
    CHECK(al_net_set_params(net, p, np) == AL_ERR_PARAM, "NaN parameter refused");
    al_net_free(net);

    /* Divergence is reported and the parameters stay finite. */
    al_net_config dv = ok;
    dv.head = AL_HEAD_IDENTITY_MSE;
    dv.learning_rate = AL_NET_MAX_LEARNING_RATE;
    dv.hidden_kind[0] = AL_IDENTITY;
    net = al_net_create(&dv, NULL);
    double xr[2 * 100], yr[100];
    al_dataset_generate(AL_DATA_PLANE, 100, 0.0, 1, xr, yr);
    for (int i = 0; i < 200; i++)
        xr[i] *= 100.0;
    al_status st = al_net_train(net, xr, yr, 100, 50, &loss);
    CHECK(st == AL_ERR_DIVERGED, "divergence reported, got %s", al_status_code(st));
    np = al_net_param_count(net);
    al_net_get_params(net, p, np);
    int finite = 1;
    for (size_t i = 0; i < np; i++)
        finite &= isfinite(p[i]);
    CHECK(finite, "parameters of the last finite step kept");
    al_net_free(net);
    al_net_free(NULL);

    /* A finite gradient times the learning rate overflows the weights in the
     * update itself (found by the fuzzer): still reported, weights kept.
     * Inputs near 1e153 give errors whose square is finite but gradients
     * near 1e308, which the rate of 10 takes past the largest double. */
    for (int i = 0; i < 200; i++)
        xr[i] *= 1e151; /* on top of the 100 above */
    for (int opt = 0; opt < AL_OPT_COUNT; opt++) {
        al_net_config huge = ok;
        huge.learning_rate = AL_NET_MAX_LEARNING_RATE;
        huge.head = AL_HEAD_IDENTITY_MSE;
        huge.hidden_kind[0] = AL_IDENTITY;
        huge.optimizer = opt;
        net = al_net_create(&huge, NULL);
        double before[64];
        np = al_net_param_count(net);
        al_net_get_params(net, before, np);
        st = al_net_train(net, xr, yr, 100, 3, &loss);
        al_net_get_params(net, p, np);
        finite = 1;
        for (size_t i = 0; i < np; i++)
            finite &= isfinite(p[i]);
        CHECK(opt == AL_OPT_ADAM || st == AL_ERR_DIVERGED, "optimizer %d: overflow reported, got %s", opt,
              al_status_code(st));
        CHECK(finite, "optimizer %d: weights stay finite", opt);
        al_net_free(net);
    }

    CHECK(al_dataset_generate(99, 10, 0.0, 1, x, y) == AL_ERR_KIND, "unknown dataset");
    CHECK(al_dataset_generate(AL_DATA_XOR, 0, 0.0, 1, x, y) == AL_ERR_SIZE, "0 points");
    CHECK(al_dataset_generate(AL_DATA_XOR, 10001, 0.0, 1, x, y) == AL_ERR_SIZE, "too many points");
    CHECK(al_dataset_generate(AL_DATA_XOR, 1, 1.5, 1, x, y) == AL_ERR_PARAM, "noise > 1");
    CHECK(al_dataset_generate(AL_DATA_XOR, 1, NAN, 1, x, y) == AL_ERR_PARAM, "NaN noise");
    CHECK(al_dataset_from_name("spiral_multi") == AL_DATA_SPIRAL_MULTI, "dataset name");
    CHECK(al_dataset_from_name("spirals") == -1, "unknown dataset name");
}

static void test_cycles(void)
{
    al_net_config c;
    al_net_config_default(&c);
    c.features = AL_FEAT_X1 | AL_FEAT_X2;
    double x[2 * 20], y[20], loss;
    al_dataset_generate(AL_DATA_XOR, 20, 0.1, 2, x, y);
    int ok = 0;
    for (int i = 0; i < 10000; i++) {
        c.seed = (unsigned long long)i;
        al_net *net = al_net_create(&c, NULL);
        if (net && al_net_train(net, x, y, 20, 1, &loss) == AL_OK)
            ok++;
        al_net_free(net);
    }
    CHECK(ok == 10000, "%d of 10000 create/train/free cycles", ok);
}

int main(void)
{
    test_gradients();
    test_determinism();
    test_collapse();
    test_observables();
    test_column_forward();
    test_zero_skipping();
    test_grid_separable();
    test_errors();
    test_learning();
    test_cycles();
    return test_finish("mlp");
}
