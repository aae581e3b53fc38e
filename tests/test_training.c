/* A network's life: training as a pure function of (config, seed, data,
 * epochs), its state saved and restored, training options changed on the
 * way, one parameter edited, data bound once; the optimisers' steps against
 * a hand computation; the vocabulary, limits and config problems; and sizes
 * that must not wrap. */
#include "test_nets.h"
#include "test_util.h"

#include "actlab.h"
#include "al_internal.h"

#define N_DATA 203 /* not a multiple of the batch sizes: the last batch is short */

static double g_x[2 * N_DATA], g_y[N_DATA];

static al_net_config config_for(int optimizer, int head)
{
    al_net_config c;
    al_net_config_default(&c);
    c.features = AL_FEAT_X1 | AL_FEAT_X2 | AL_FEAT_X1_X2;
    c.n_layers = 4;
    c.sizes[0] = 3, c.sizes[1] = 6, c.sizes[2] = 5, c.sizes[3] = 1;
    c.hidden_kind[1] = AL_RELU;
    c.head = head;
    c.optimizer = optimizer;
    c.learning_rate = optimizer == AL_OPT_ADAM ? 0.01 : 0.03;
    c.batch_size = 16;
    c.l2 = 0.001;
    c.seed = 7;
    return c;
}

/* Labels of the test data for a head (XOR labels as 0/1 or -1/+1). */
static const double *labels_for(int head, double *buf)
{
    for (int i = 0; i < N_DATA; i++)
        buf[i] = head == AL_HEAD_TANH_SE ? 2.0 * g_y[i] - 1.0 : g_y[i];
    return buf;
}

/* k epochs in one call = k calls of one epoch = k split at random points,
 * for every optimiser and a classification and the tanh head. */
static void test_chunk_invariance(void)
{
    double y[N_DATA];
    int heads[] = {AL_HEAD_SIGMOID_BCE, AL_HEAD_TANH_SE};
    unsigned split_seed = 12345;
    for (int opt = 0; opt < AL_OPT_COUNT; opt++) {
        for (int h = 0; h < 2; h++) {
            al_net_config c = config_for(opt, heads[h]);
            const double *lab = labels_for(heads[h], y);
            al_net *whole = al_net_create(&c, NULL), *ones = al_net_create(&c, NULL),
                   *parts = al_net_create(&c, NULL);
            double l1, l2, l3;
            CHECK(al_net_train(whole, g_x, lab, N_DATA, 37, &l1) == AL_OK, "37 epochs at once");
            for (int e = 0; e < 37; e++)
                al_net_train(ones, g_x, lab, N_DATA, 1, &l2);
            for (int done = 0; done < 37;) {
                split_seed = split_seed * 1103515245u + 12345u;
                int k = 1 + (int)((split_seed >> 16) % 9);
                if (k > 37 - done)
                    k = 37 - done;
                al_net_train(parts, g_x, lab, N_DATA, k, &l3);
                done += k;
            }
            CHECK(same_network(whole, ones), "optimizer %d head %d: 1 x 37 = 37 x 1 epochs", opt, heads[h]);
            CHECK(same_network(whole, parts), "optimizer %d head %d: 1 x 37 = random chunks", opt, heads[h]);
            CHECK(l1 == l2 && l1 == l3, "optimizer %d head %d: the last epoch's loss agrees", opt, heads[h]);
            CHECK(al_net_epoch_count(whole) == 37.0 && al_net_epoch_count(parts) == 37.0, "epoch count 37");
            al_net_free(whole);
            al_net_free(ones);
            al_net_free(parts);
        }
    }
}

/* A network saved as (config, params, state) and restored into a new one
 * continues bit for bit as the original does. */
static void test_state_round_trip(void)
{
    for (int opt = 0; opt < AL_OPT_COUNT; opt++) {
        al_net_config c = config_for(opt, AL_HEAD_SIGMOID_BCE);
        al_net *a = al_net_create(&c, NULL), *b = al_net_create(&c, NULL);
        double loss;
        al_net_train(a, g_x, g_y, N_DATA, 11, &loss);
        size_t np = al_net_param_count(a), ns = al_net_state_count(a);
        CHECK(ns == 2 + 2 * np, "state length");
        double p[256], s[512];
        CHECK(np <= 256 && ns <= 512, "sizes");
        al_net_get_params(a, p, np);
        al_net_get_state(a, s, ns);
        CHECK(s[0] == 11.0, "state[0] is the epoch count, got %g", s[0]);
        CHECK(s[1] == 11.0 * 13.0, "state[1] counts the steps: 11 epochs of 13 batches, got %g", s[1]);
        CHECK(al_net_set_params(b, p, np) == AL_OK && al_net_set_state(b, s, ns) == AL_OK, "restore");
        al_net_train(a, g_x, g_y, N_DATA, 9, &loss);
        al_net_train(b, g_x, g_y, N_DATA, 9, &loss);
        CHECK(same_network(a, b), "optimizer %d: restored network continues bit for bit", opt);
        /* Without the state (fresh optimiser, epoch 0) the continuation differs. */
        al_net *c0 = al_net_create(&c, NULL);
        al_net_set_params(c0, p, np);
        al_net_train(c0, g_x, g_y, N_DATA, 9, &loss);
        CHECK(!same_network(a, c0), "optimizer %d: the state matters", opt);
        al_net_free(a);
        al_net_free(b);
        al_net_free(c0);
    }
}

/* Networks with the same seed see the same batches whatever their
 * initialiser: two racers put on the same weights stay identical. */
static void test_same_batches(void)
{
    al_net_config c = config_for(AL_OPT_MOMENTUM, AL_HEAD_SIGMOID_BCE);
    c.init = AL_INIT_HE_NORMAL;
    al_net *a = al_net_create(&c, NULL);
    c.init = AL_INIT_ZEROS;
    al_net *b = al_net_create(&c, NULL);
    double p[256], loss;
    size_t np = al_net_param_count(a);
    al_net_get_params(a, p, np);
    al_net_set_params(b, p, np);
    al_net_train(a, g_x, g_y, N_DATA, 25, &loss);
    for (int e = 0; e < 25; e++)
        al_net_train(b, g_x, g_y, N_DATA, 1, &loss);
    double pa[256], pb[256];
    al_net_get_params(a, pa, np);
    al_net_get_params(b, pb, np);
    CHECK(memcmp(pa, pb, np * sizeof(double)) == 0, "racers by initialiser from the same weights stay identical");
    /* Another seed draws other batches. */
    c.seed = 8;
    al_net *d = al_net_create(&c, NULL);
    al_net_set_params(d, p, np);
    al_net_train(d, g_x, g_y, N_DATA, 25, &loss);
    al_net_get_params(d, pb, np);
    CHECK(memcmp(pa, pb, np * sizeof(double)) != 0, "another seed, other batches");
    al_net_free(a);
    al_net_free(b);
    al_net_free(d);
}

/* Changing training options keeps parameters, epoch count and moments. */
static void test_set_training(void)
{
    al_net_config c = config_for(AL_OPT_ADAM, AL_HEAD_SIGMOID_BCE);
    al_net *net = al_net_create(&c, NULL);
    double loss, p0[256], p1[256], s0[512], s1[512];
    size_t np = al_net_param_count(net), ns = al_net_state_count(net);
    al_net_train(net, g_x, g_y, N_DATA, 5, &loss);
    al_net_get_params(net, p0, np);
    al_net_get_state(net, s0, ns);
    al_net_config t = *al_net_get_config(net);
    t.learning_rate = 0.001, t.beta1 = 0.8, t.l1 = 0.01, t.batch_size = 7;
    al_config_problem pr;
    CHECK(al_net_set_training(net, &t, &pr) == AL_OK, "new rate, betas, penalty and batch");
    al_net_get_params(net, p1, np);
    al_net_get_state(net, s1, ns);
    CHECK(memcmp(p0, p1, np * sizeof(double)) == 0 && memcmp(s0, s1, ns * sizeof(double)) == 0,
          "parameters, epoch count and moments kept");
    CHECK(al_net_get_config(net)->learning_rate == 0.001 && al_net_get_config(net)->batch_size == 7,
          "config shows the new values");

    /* Continuing after the change = a network restored to the same state with the new options. */
    al_net *twin = al_net_create(&t, NULL);
    al_net_set_params(twin, p0, np);
    al_net_set_state(twin, s0, ns);
    al_net_train(net, g_x, g_y, N_DATA, 4, &loss);
    al_net_train(twin, g_x, g_y, N_DATA, 4, &loss);
    CHECK(same_network(net, twin), "training continues with the new options");
    al_net_free(twin);

    /* A bad value: refused with its field, nothing changed. */
    al_net_get_state(net, s0, ns);
    t = *al_net_get_config(net);
    t.momentum = 1.5;
    CHECK(al_net_set_training(net, &t, &pr) == AL_ERR_CONFIG && strcmp(pr.field, "momentum") == 0 &&
          strcmp(pr.key, "momentum") == 0, "bad momentum named");
    CHECK(al_net_get_config(net)->momentum == 0.9, "config unchanged after a refusal");
    t = *al_net_get_config(net);
    t.sizes[1] = 7;
    CHECK(al_net_set_training(net, &t, &pr) == AL_ERR_CONFIG && strcmp(pr.field, "sizes") == 0 &&
          strcmp(pr.key, "layers") == 0 && strstr(pr.rule, "only training options"), "layers cannot change");
    t = *al_net_get_config(net);
    t.seed = 99;
    CHECK(al_net_set_training(net, &t, &pr) == AL_ERR_CONFIG && strcmp(pr.key, "seed") == 0, "seed cannot change");
    t = *al_net_get_config(net);
    t.hidden_kind[0] = AL_SIGMOID;
    CHECK(al_net_set_training(net, &t, &pr) == AL_ERR_CONFIG && strcmp(pr.key, "activation") == 0,
          "activation cannot change");
    al_net_get_state(net, s1, ns);
    CHECK(memcmp(s0, s1, ns * sizeof(double)) == 0, "state unchanged after refusals");

    /* Another optimiser: moments and step count start again, epochs stay. */
    t = *al_net_get_config(net);
    t.optimizer = AL_OPT_SGD;
    CHECK(al_net_set_training(net, &t, &pr) == AL_OK, "switch to SGD");
    al_net_get_state(net, s1, ns);
    int zero = s1[1] == 0.0;
    for (size_t i = 2; i < ns; i++)
        zero &= s1[i] == 0.0;
    CHECK(zero && s1[0] == 9.0, "moments reset, epoch count 9 kept");
    al_net_free(net);

    /* A batch larger than the buffers: new buffers, same results as a
     * network created with that batch. */
    static double xb[2 * 1500], yb[1500];
    al_dataset_generate(AL_DATA_CIRCLE, 1500, 0.1, 3, xb, yb);
    c = config_for(AL_OPT_SGD, AL_HEAD_SIGMOID_BCE);
    al_net *small = al_net_create(&c, NULL);
    c.batch_size = 1000;
    al_net *big = al_net_create(&c, NULL);
    t = *al_net_get_config(small);
    t.batch_size = 1000;
    CHECK(al_net_set_training(small, &t, &pr) == AL_OK, "batch 16 -> 1000");
    al_net_train(small, xb, yb, 1500, 3, &loss);
    al_net_train(big, xb, yb, 1500, 3, &loss);
    CHECK(same_network(small, big), "grown buffers train as a network made with the batch");
    double out1[1500], out2[1500];
    al_net_predict(small, xb, 1500, out1);
    al_net_predict(big, xb, 1500, out2);
    CHECK(memcmp(out1, out2, sizeof out1) == 0, "and predict the same");
    CHECK(al_net_set_training(NULL, &t, &pr) == AL_ERR_NULL && al_net_set_training(small, NULL, NULL) == AL_ERR_NULL,
          "NULL refused");
    al_net_free(small);
    al_net_free(big);
}

/* One parameter edited: the optimiser state stays; set_params resets it. */
static void test_param_edit(void)
{
    al_net_config c = config_for(AL_OPT_MOMENTUM, AL_HEAD_SIGMOID_BCE);
    al_net *net = al_net_create(&c, NULL);
    double loss, s0[512], s1[512], p[256];
    size_t np = al_net_param_count(net), ns = al_net_state_count(net);
    al_net_train(net, g_x, g_y, N_DATA, 3, &loss);
    al_net_get_state(net, s0, ns);
    CHECK(al_net_set_param(net, 4, 1.25) == AL_OK, "edit one weight");
    al_net_get_params(net, p, np);
    al_net_get_state(net, s1, ns);
    CHECK(p[4] == 1.25 && memcmp(s0, s1, ns * sizeof(double)) == 0, "edit applied, state kept");
    CHECK(al_net_set_param(net, np, 1.0) == AL_ERR_SIZE, "index past the end");
    CHECK(al_net_set_param(net, 0, NAN) == AL_ERR_PARAM && al_net_set_param(net, 0, INFINITY) == AL_ERR_PARAM,
          "non-finite refused");
    CHECK(al_net_set_param(NULL, 0, 1.0) == AL_ERR_NULL, "NULL net");
    al_net_set_params(net, p, np);
    al_net_get_state(net, s1, ns);
    int reset = s1[0] == 3.0 && s1[1] == 0.0;
    for (size_t i = 2; i < ns; i++)
        reset &= s1[i] == 0.0;
    CHECK(reset, "set_params keeps the epoch count and resets the moments");

    /* set_state refuses what no training can produce. */
    s0[0] = 2.5;
    CHECK(al_net_set_state(net, s0, ns) == AL_ERR_PARAM, "fractional epoch count");
    s0[0] = 3.0, s0[1] = -1.0;
    CHECK(al_net_set_state(net, s0, ns) == AL_ERR_PARAM, "negative step count");
    s0[1] = 4.0, s0[2 + np] = -1e-9;
    CHECK(al_net_set_state(net, s0, ns) == AL_ERR_PARAM, "negative second moment");
    s0[2 + np] = 0.0, s0[2] = NAN;
    CHECK(al_net_set_state(net, s0, ns) == AL_ERR_PARAM, "NaN moment");
    CHECK(al_net_set_state(net, s0, ns - 1) == AL_ERR_SIZE, "wrong length");
    al_net_get_state(net, s0, ns);
    CHECK(s0[0] == 3.0, "nothing changed by the refusals");
    al_net_free(net);
}

/*
 * The optimisers' steps by hand. A network without hidden layers, one
 * feature (x1) and the identity head: out = w x + b, loss = (out - y)^2 over
 * a batch of one, so dL/dw = 2 (out - y) x + l2 w + l1 sign(w) and dL/db =
 * 2 (out - y). The updates are written from their definitions (Polyak
 * momentum as in the header; Adam from Kingma & Ba 2015, Algorithm 1, with
 * eps added to sqrt(v-hat)), not from the engine's code.
 */
static void test_optimizer_steps(void)
{
    const double x = 1.5, y = -0.25, lr = 0.1, mu = 0.9, b1 = 0.8, b2 = 0.95, eps = 1e-3;
    const double l2 = 0.01, l1 = 0.002;
    for (int opt = 0; opt < AL_OPT_COUNT; opt++) {
        al_net_config c;
        al_net_config_default(&c);
        c.n_layers = 2, c.sizes[0] = 1, c.sizes[1] = 1;
        c.features = AL_FEAT_X1;
        c.head = AL_HEAD_IDENTITY_MSE;
        c.optimizer = opt, c.learning_rate = lr, c.momentum = mu;
        c.beta1 = b1, c.beta2 = b2, c.epsilon = eps, c.l2 = l2, c.l1 = l1, c.batch_size = 1;
        al_net *net = al_net_create(&c, NULL);
        double start[2] = {0.7, -0.3};
        al_net_set_params(net, start, 2);
        double w = start[0], b = start[1], mw = 0, mb = 0, vw = 0, vb = 0, in[2] = {x, 42.0}, label = y;
        double worst = 0.0;
        for (int t = 1; t <= 4; t++) {
            double e = w * x + b - y;
            double gw = 2 * e * x + l2 * w + l1 * (w > 0 ? 1 : w < 0 ? -1 : 0), gb = 2 * e;
            if (opt == AL_OPT_SGD) {
                w -= lr * gw, b -= lr * gb;
            } else if (opt == AL_OPT_MOMENTUM) {
                mw = mu * mw - lr * gw, mb = mu * mb - lr * gb;
                w += mw, b += mb;
            } else {
                mw = b1 * mw + (1 - b1) * gw, mb = b1 * mb + (1 - b1) * gb;
                vw = b2 * vw + (1 - b2) * gw * gw, vb = b2 * vb + (1 - b2) * gb * gb;
                double c1 = 1 - pow(b1, t), c2 = 1 - pow(b2, t);
                w -= lr * (mw / c1) / (sqrt(vw / c2) + eps);
                b -= lr * (mb / c1) / (sqrt(vb / c2) + eps);
            }
            double loss, got[2];
            CHECK(al_net_train(net, in, &label, 1, 1, &loss) == AL_OK, "step %d", t);
            al_net_get_params(net, got, 2);
            worst = fmax(worst, fmax(ulp_distance(got[0], w), ulp_distance(got[1], b)));
        }
        CHECK(worst <= 4, "optimizer %s: four steps within 4 ulp of the hand computation (%g ulp)",
              al_vocab_name(AL_VOCAB_OPTIMIZER, opt), worst);
        CHECK(fabs(w - start[0]) > 0.01, "optimizer %d: the steps moved the weight", opt);
        al_net_free(net);
    }
}

/* Divergence returns the network to where the failing epoch began: the
 * same state as a twin that trained only the completed epochs. A lower
 * rate then goes on from there. */
static void test_divergence_state(void)
{
    al_net_config c;
    al_net_config_default(&c);
    c.features = AL_FEAT_X1 | AL_FEAT_X2;
    c.head = AL_HEAD_IDENTITY_MSE;
    c.hidden_kind[0] = AL_IDENTITY;
    c.optimizer = AL_OPT_MOMENTUM;
    c.learning_rate = 0.001;
    double x[2 * 100], y[100], loss;
    al_dataset_generate(AL_DATA_PLANE, 100, 0.0, 1, x, y);
    al_net *net = al_net_create(&c, NULL), *twin = al_net_create(&c, NULL);
    al_net_train(net, x, y, 100, 3, &loss);
    al_net_train(twin, x, y, 100, 3, &loss);
    al_net_config fast = *al_net_get_config(net);
    fast.learning_rate = 0.08;
    al_net_set_training(net, &fast, NULL);
    al_net_set_training(twin, &fast, NULL);
    al_status st = al_net_train(net, x, y, 100, 50, &loss);
    CHECK(st == AL_ERR_DIVERGED && !isfinite(loss), "rate 0.08 with momentum on inputs up to 6 diverges, got %s", al_status_code(st));
    double e = al_net_epoch_count(net);
    CHECK(e > 3 && e < 53 && e == floor(e), "a fast epoch completes, then one fails (%g)", e);
    if (e > 3)
        al_net_train(twin, x, y, 100, (int)e - 3, &loss);
    CHECK(same_network(net, twin), "after divergence: the state of the last completed epoch (%g)", e);
    double norms[2];
    al_net_grad_norms(net, norms);
    CHECK(!(isfinite(norms[0]) && isfinite(norms[1]) && norms[0] < 1e100), "gradient norms show the failed step");
    al_net_config t = *al_net_get_config(net);
    t.learning_rate = 1e-4;
    CHECK(al_net_set_training(net, &t, NULL) == AL_OK, "lower the rate");
    st = al_net_train(net, x, y, 100, 20, &loss);
    CHECK(st == AL_OK && isfinite(loss), "and go on: %s", al_status_code(st));
    CHECK(al_net_epoch_count(net) == e + 20, "epochs continue from %g", e);
    al_net_free(net);
    al_net_free(twin);
}

/* Bound data trains and evaluates as the caller's arrays do, bit for bit. */
static void test_bound_data(void)
{
    al_net_config c = config_for(AL_OPT_ADAM, AL_HEAD_SIGMOID_BCE);
    al_status st;
    size_t bad = 99;
    al_data *data = al_data_create(g_x, 2, g_y, 1, N_DATA, &bad, &st);
    CHECK(data && st == AL_OK && al_data_rows(data) == N_DATA, "bind");
    al_net *a = al_net_create(&c, NULL), *b = al_net_create(&c, NULL);
    double la, lb, aa, ab;
    CHECK(al_net_train_data(a, data, 8, &la) == AL_OK, "train on bound data");
    al_net_train(b, g_x, g_y, N_DATA, 8, &lb);
    CHECK(la == lb && same_network(a, b), "bound = unbound, bit for bit");
    CHECK(al_net_evaluate_data(a, data, &la, &aa) == AL_OK, "evaluate bound");
    al_net_evaluate(b, g_x, g_y, N_DATA, &lb, &ab);
    CHECK(la == lb && aa == ab, "evaluate bound = unbound");

    /* The labels are checked for each head that uses them. */
    c.head = AL_HEAD_TANH_SE;
    al_net *tanh_net = al_net_create(&c, NULL);
    CHECK(al_net_train_data(tanh_net, data, 1, &la) == AL_ERR_LABEL, "0/1 labels refused by a tanh head");
    CHECK(al_net_train_data(a, data, 1, &la) == AL_OK, "still fine for the sigmoid head");
    c.features = 0, c.sizes[0] = 3;
    al_net *wide = al_net_create(&c, NULL);
    CHECK(al_net_train_data(wide, data, 1, &la) == AL_ERR_SIZE, "input width must match");
    al_data *nolabels = al_data_create(g_x, 2, NULL, 0, N_DATA, NULL, &st);
    CHECK(nolabels && al_net_train_data(a, nolabels, 1, &la) == AL_ERR_NULL, "training needs labels");

    double xs[4] = {1, 2, NAN, 4};
    CHECK(!al_data_create(xs, 2, NULL, 0, 2, &bad, &st) && st == AL_ERR_DOMAIN && bad == 2, "NaN input at 2");
    CHECK(!al_data_create(xs, 2, NULL, 0, 0, NULL, &st) && st == AL_ERR_SIZE, "no rows");
    CHECK(!al_data_create(xs, 0, NULL, 0, 2, NULL, &st) && st == AL_ERR_SIZE, "width 0");
    CHECK(!al_data_create(NULL, 2, NULL, 0, 2, NULL, &st) && st == AL_ERR_NULL, "NULL inputs");
    CHECK(!al_data_create(xs, 2, xs, 1, SIZE_MAX / 8, NULL, &st) && st == AL_ERR_SIZE,
          "a byte count that does not fit is refused before anything is read");
    al_data_free(NULL);
    al_data_free(data);
    al_data_free(nolabels);
    al_net_free(a);
    al_net_free(b);
    al_net_free(tanh_net);
    al_net_free(wide);
}

static void test_vocabulary(void)
{
    static const char *const expected[][8] = {
        {"identity", "sigmoid", "softmax", "tanh"},
        {"mse", "binary_cross_entropy", "cross_entropy", "squared_error"},
        {"he_normal", "he_uniform", "glorot_normal", "glorot_uniform", "lecun_normal", "uniform", "zeros", "normal"},
        {"sgd", "momentum", "adam"},
        {"x1", "x2", "x1_sq", "x2_sq", "x1_x2", "sin_x1", "sin_x2"},
        {"x1", "x2", "x1 * x1", "x2 * x2", "x1 * x2", "sin(x1)", "sin(x2)"},
    };
    static const int counts[] = {AL_HEAD_COUNT, AL_HEAD_COUNT, AL_INIT_COUNT, AL_OPT_COUNT, AL_FEAT_COUNT,
                                 AL_FEAT_COUNT};
    for (int t = 0; t < AL_VOCAB_COUNT; t++) {
        CHECK(al_vocab_count(t) == counts[t], "table %d count", t);
        for (int i = 0; i < counts[t]; i++) {
            CHECK(strcmp(al_vocab_name(t, i), expected[t][i]) == 0, "table %d name %d", t, i);
            CHECK(al_vocab_find(t, expected[t][i]) == i, "table %d finds %s", t, expected[t][i]);
        }
        CHECK(al_vocab_name(t, counts[t]) == NULL && al_vocab_name(t, -1) == NULL, "table %d ends", t);
    }
    CHECK(al_vocab_count(AL_VOCAB_COUNT) == -1 && al_vocab_name(-1, 0) == NULL, "unknown table");
    CHECK(al_vocab_find(AL_VOCAB_INIT, "he-normal") == -1 && al_vocab_find(AL_VOCAB_INIT, NULL) == -1, "no match");

    /* The features' formulas evaluate to what the first layer sees. */
    al_net_config c;
    al_net_config_default(&c);
    c.features = (1 << AL_FEAT_COUNT) - 1;
    c.sizes[0] = AL_FEAT_COUNT;
    al_net *net = al_net_create(&c, NULL);
    double pt[2] = {0.75, -2.5}, f[AL_FEAT_COUNT];
    CHECK(al_net_features(net, pt, 1, f) == AL_OK, "features");
    double want[AL_FEAT_COUNT] = {0.75, -2.5, 0.75 * 0.75, 6.25, 0.75 * -2.5, sin(0.75), sin(-2.5)};
    CHECK(memcmp(f, want, sizeof f) == 0, "features of (0.75, -2.5) as their formulas say");
    al_net_free(net);

    CHECK(al_net_limit(AL_LIMIT_WIDTH) == AL_NET_MAX_WIDTH && al_net_limit(AL_LIMIT_BATCH) == AL_NET_MAX_BATCH &&
          al_net_limit(AL_LIMIT_LEARNING_RATE) == AL_NET_MAX_LEARNING_RATE &&
          al_net_limit(AL_LIMIT_TRAIN_BYTES) == AL_NET_MAX_TRAIN_BYTES &&
          al_net_limit(AL_LIMIT_INPUTS) == 784 && al_net_limit(AL_LIMIT_HIDDEN_LAYERS) == 10 &&
          al_net_limit(AL_LIMIT_WIDTH) == 256 && al_net_limit(AL_LIMIT_OUTPUTS) == 10, "limits");
    CHECK(isnan(al_net_limit(AL_LIMIT_COUNT)) && isnan(al_net_limit(-1)), "unknown limit");
    /* Exactly the byte budget is allowed (2 inputs + 1 label: 5,592,405 rows by hand, 134,217,720
     * bytes), one row more is not; zeros from calloc are finite 0/1 labels. 0 epochs checks every
     * row and makes room for the order without training. */
    al_net *whole = al_net_create(&c, NULL);
    size_t most = 5592405;
    double *big = calloc(3 * (most + 1), sizeof(double));
    if (whole && big) {
        double l0;
        CHECK(al_net_train(whole, big, big + 2 * (most + 1), most, 0, &l0) == AL_OK, "5,592,405 rows: 128 MiB exactly fits");
        CHECK(al_net_train(whole, big, big + 2 * (most + 1), most + 1, 0, &l0) == AL_ERR_SIZE, "one row more does not");
    }
    free(big);
    al_net_free(whole);

    c.n_layers = 4;
    c.hidden_kind[0] = AL_RELU, c.hidden_kind[1] = AL_GELU;
    CHECK(al_net_suggested_init(&c) == AL_INIT_HE_NORMAL, "ReLU-like layers: He");
    c.hidden_kind[1] = AL_TANH;
    CHECK(al_net_suggested_init(&c) == AL_INIT_GLOROT_UNIFORM, "mixed: Glorot");
    c.hidden_kind[0] = c.hidden_kind[1] = AL_SELU;
    CHECK(al_net_suggested_init(&c) == AL_INIT_LECUN_NORMAL, "selu: LeCun");
    c.n_layers = 2;
    CHECK(al_net_suggested_init(&c) == AL_INIT_GLOROT_UNIFORM && al_net_suggested_init(NULL) == AL_INIT_GLOROT_UNIFORM,
          "no hidden layer");
    CHECK(al_net_default_learning_rate(AL_OPT_ADAM) == 0.01 && al_net_default_learning_rate(AL_OPT_SGD) == 0.03 &&
          isnan(al_net_default_learning_rate(7)), "default rates");
    CHECK(strstr(al_head_label_rule(AL_HEAD_TANH_SE), "+1") && al_head_label_rule(9) == NULL, "label rules");
}

/* The problem report names the field, the API key, the index and a rule
 * that carries the limit's number. */
static void test_config_problems(void)
{
    al_net_config ok;
    al_net_config_default(&ok);
    al_config_problem p;
    char num[32];
    al_net_config c = ok;
    c.n_layers = 5, c.sizes[2] = 5, c.sizes[3] = AL_NET_MAX_WIDTH + 1, c.sizes[4] = 1;
    CHECK(al_net_config_check(&c, &p) == AL_ERR_CONFIG && strcmp(p.field, "sizes") == 0 &&
          strcmp(p.key, "layers") == 0 && p.index == 3, "hidden layer 3 too wide");
    snprintf(num, sizeof num, "to %d", AL_NET_MAX_WIDTH);
    CHECK(strstr(p.rule, num) != NULL, "rule '%s' names the width limit", p.rule);
    c = ok, c.batch_size = AL_NET_MAX_BATCH + 1;
    snprintf(num, sizeof num, "to %d", AL_NET_MAX_BATCH);
    CHECK(al_net_config_check(&c, &p) == AL_ERR_CONFIG && strcmp(p.key, "batchSize") == 0 && p.index == -1 &&
          strstr(p.rule, num), "batch size rule '%s'", p.rule);
    c = ok, c.learning_rate = 10.5;
    CHECK(al_net_config_check(&c, &p) == AL_ERR_CONFIG && strcmp(p.key, "learningRate") == 0 &&
          strstr(p.rule, "<= 10"), "learning rate above the limit");
    c = ok, c.learning_rate = AL_NET_MAX_LEARNING_RATE;
    CHECK(al_net_config_check(&c, &p) == AL_OK && p.field == NULL, "the limit itself is allowed");
    c = ok, c.hidden_kind[0] = AL_KIND_COUNT;
    CHECK(al_net_config_check(&c, &p) == AL_ERR_CONFIG && strcmp(p.key, "activation") == 0 && p.index == 0,
          "unknown activation of hidden layer 1");
    c = ok, c.head = AL_HEAD_SOFTMAX_CE;
    CHECK(al_net_config_check(&c, &p) == AL_ERR_CONFIG && strcmp(p.key, "layers") == 0 && p.index == 2 &&
          strstr(p.rule, "softmax"), "softmax needs 2 outputs");
    CHECK(al_net_config_check(NULL, &p) == AL_ERR_NULL && al_net_config_check(&ok, NULL) == AL_OK, "NULLs");
}

/* Adam: a gradient whose square overflows makes v infinite while the weight
 * stays finite (its step is 0). That is divergence too: the network goes
 * back to where the epoch began, with every moment finite. */
static void test_moment_overflow(void)
{
    al_net_config c = config_for(AL_OPT_ADAM, AL_HEAD_SIGMOID_BCE);
    c.l2 = 0.01;
    al_net *net = al_net_create(&c, NULL);
    double loss, s0[512], s1[512], p0[256], p1[256];
    size_t np = al_net_param_count(net), ns = al_net_state_count(net);
    al_net_train(net, g_x, g_y, N_DATA, 1, &loss);
    al_net_set_param(net, 0, 1e160); /* l2 * w = 1e158, squared: inf */
    al_net_get_params(net, p0, np);
    al_net_get_state(net, s0, ns);
    CHECK(al_net_train(net, g_x, g_y, N_DATA, 2, &loss) == AL_ERR_DIVERGED, "infinite second moment is divergence");
    al_net_get_params(net, p1, np);
    al_net_get_state(net, s1, ns);
    CHECK(memcmp(p0, p1, np * sizeof(double)) == 0 && memcmp(s0, s1, ns * sizeof(double)) == 0,
          "back where the epoch began");
    int finite = 1;
    for (size_t i = 0; i < ns; i++)
        finite &= isfinite(s1[i]);
    CHECK(finite && al_net_set_state(net, s1, ns) == AL_OK, "every moment finite: the state restores");
    al_net_free(net);
}

/* Byte counts that would wrap are refused before anything is touched. */
static void test_sizes(void)
{
    al_net_config c;
    al_net_config_default(&c);
    c.features = AL_FEAT_X1 | AL_FEAT_X2;
    c.n_layers = 5, c.sizes[1] = c.sizes[2] = c.sizes[3] = 64, c.sizes[4] = 8;
    c.head = AL_HEAD_SOFTMAX_CE;
    al_net *net = al_net_create(&c, NULL);
    size_t neurons = (size_t)al_net_neuron_count(net);
    double pt[2] = {0.5, 0.5}, out[256];
    CHECK(al_net_neuron_outputs(net, pt, SIZE_MAX / sizeof(double) / neurons + 1, out) == AL_ERR_SIZE,
          "neuron outputs whose byte count would wrap");
    CHECK(al_net_predict(net, pt, SIZE_MAX / 8, out) == AL_ERR_SIZE, "predict whose byte count would wrap");
    CHECK(al_net_neuron_outputs(net, pt, 1, out) == AL_OK, "one point is fine");
    CHECK(al_net_check_labels_at(net, pt, SIZE_MAX / 8 + 1, NULL) == AL_ERR_SIZE, "a label count whose byte count would wrap");
    double g[4 * 8];
    CHECK(al_net_grid(net, -1.7e308, 1.7e308, -1, 1, 2, g, NULL) == AL_ERR_PARAM,
          "a range wider than the largest double is refused (its step is not finite)");
    al_net_free(net);
}

/* The largest network the limits allow (784 inputs, 10 hidden layers of 256,
 * 10 outputs) is created and trains; one more of anything is refused with a
 * rule that names the limit; the training rows are a byte budget. */
static void test_real_data_limits(void)
{
    al_net_config c;
    al_net_config_default(&c);
    c.n_layers = AL_NET_MAX_HIDDEN + 2;
    c.sizes[0] = AL_NET_MAX_INPUTS;
    for (int l = 1; l <= AL_NET_MAX_HIDDEN; l++)
        c.sizes[l] = AL_NET_MAX_WIDTH, c.hidden_kind[l - 1] = AL_RELU;
    c.sizes[AL_NET_MAX_HIDDEN + 1] = AL_NET_MAX_OUTPUTS;
    c.head = AL_HEAD_SOFTMAX_CE, c.optimizer = AL_OPT_ADAM, c.learning_rate = 0.001, c.batch_size = 4;
    al_status st;
    al_net *net = al_net_create(&c, &st);
    CHECK(net && st == AL_OK, "784-256x10-10 is created (status %d)", (int)st);
    size_t want = 784 * 256 + 256 + 9 * (256 * 256 + 256) + 256 * 10 + 10;
    CHECK(al_net_param_count(net) == want, "%zu parameters", al_net_param_count(net));
    enum { ROWS = 8 };
    static double x[ROWS * AL_NET_MAX_INPUTS], y[ROWS], p[ROWS * AL_NET_MAX_OUTPUTS];
    for (size_t i = 0; i < sizeof x / sizeof x[0]; i++)
        x[i] = (double)((i * 37) % 17) / 16.0;
    for (int r = 0; r < ROWS; r++)
        y[r] = r % AL_NET_MAX_OUTPUTS;
    double loss0, loss1;
    CHECK(al_net_train(net, x, y, ROWS, 1, &loss0) == AL_OK && al_net_train(net, x, y, ROWS, 20, &loss1) == AL_OK &&
          loss1 < loss0, "the largest network learns 8 rows: loss %g then %g", loss0, loss1);
    CHECK(al_net_predict(net, x, ROWS, p) == AL_OK && fabs(p[0] + p[1] + p[2] + p[3] + p[4] + p[5] + p[6] +
          p[7] + p[8] + p[9] - 1.0) < 1e-12, "ten probabilities summing to 1");
    /* The logits are the output layer before its softmax. */
    double z[ROWS * AL_NET_MAX_OUTPUTS], q[AL_NET_MAX_OUTPUTS];
    CHECK(al_net_logits(net, x, ROWS, z) == AL_OK, "logits");
    double gap = 0.0;
    for (int r = 0; r < ROWS; r++) {
        al_softmax(z + r * AL_NET_MAX_OUTPUTS, AL_NET_MAX_OUTPUTS, 1.0, q);
        for (int j = 0; j < AL_NET_MAX_OUTPUTS; j++)
            gap = fmax(gap, fabs(q[j] - p[r * AL_NET_MAX_OUTPUTS + j]));
    }
    CHECK(gap < 1e-15, "softmax(logits) of every row is predict's output (%.2g apart)", gap);
    CHECK(al_net_logits(net, x, ROWS, NULL) == AL_ERR_NULL && al_net_logits(NULL, x, 1, z) == AL_ERR_NULL,
          "logits: NULL output or network");
    /* The byte budget: rows of 784 inputs and one label, one row over. */
    size_t limit = (size_t)(AL_NET_MAX_TRAIN_BYTES / 8) / (AL_NET_MAX_INPUTS + 1);
    CHECK(al_net_train(net, x, y, limit + 1, 1, &loss0) == AL_ERR_SIZE, "%zu rows of 784 are over 128 MiB", limit + 1);
    al_net_free(net);

    const struct { int field_index, value; const char *limit; } over[] = {
        {0, AL_NET_MAX_INPUTS + 1, "to 784"}, {1, AL_NET_MAX_WIDTH + 1, "to 256"}, {2, AL_NET_MAX_OUTPUTS + 1, "to 10"},
    };
    for (size_t i = 0; i < sizeof over / sizeof over[0]; i++) {
        al_net_config d;
        al_net_config_default(&d);
        d.n_layers = 3, d.sizes[0] = 64, d.sizes[1] = 32, d.sizes[2] = 10, d.head = AL_HEAD_SOFTMAX_CE;
        d.sizes[over[i].field_index] = over[i].value;
        al_config_problem prob;
        CHECK(al_net_config_check(&d, &prob) == AL_ERR_CONFIG && prob.index == over[i].field_index &&
              strstr(prob.rule, over[i].limit), "sizes[%d] = %d refused: '%s'", over[i].field_index, over[i].value,
              prob.rule ? prob.rule : "(none)");
    }
    al_net_config d = c;
    d.n_layers = AL_NET_MAX_HIDDEN + 3;
    al_config_problem prob;
    CHECK(al_net_config_check(&d, &prob) == AL_ERR_CONFIG && strcmp(prob.field, "n_layers") == 0 &&
          strstr(prob.rule, "up to 10 hidden"), "11 hidden layers refused: '%s'", prob.rule);

    /* Bound data: up to 784 inputs and 10 labels per row. */
    size_t bad;
    al_data *data = al_data_create(x, AL_NET_MAX_INPUTS, y, 1, ROWS, &bad, &st);
    CHECK(data && st == AL_OK, "784-wide rows bind");
    al_data_free(data);
    CHECK(!al_data_create(x, AL_NET_MAX_INPUTS + 1, y, 1, 1, &bad, &st) && st == AL_ERR_SIZE, "785-wide rows do not");
    CHECK(!al_data_create(x, 2, x, AL_NET_MAX_OUTPUTS + 1, 1, &bad, &st) && st == AL_ERR_SIZE, "11 labels do not");
}

/* A linear network as wide as the limits allow collapses to one affine map
 * that predicts what the network does (the scratch is on the heap: 1.6 MB
 * would overflow the Wasm stack). */
static void test_wide_collapse(void)
{
    al_net_config c;
    al_net_config_default(&c);
    c.n_layers = 4, c.sizes[0] = AL_NET_MAX_INPUTS, c.sizes[1] = c.sizes[2] = AL_NET_MAX_WIDTH, c.sizes[3] = 3;
    c.hidden_kind[0] = c.hidden_kind[1] = AL_IDENTITY, c.head = AL_HEAD_IDENTITY_MSE, c.init = AL_INIT_GLOROT_NORMAL;
    al_net *net = al_net_create(&c, NULL);
    static double a[3 * AL_NET_MAX_INPUTS], x[2 * AL_NET_MAX_INPUTS];
    double cc[3], out[6];
    for (int i = 0; i < 2 * AL_NET_MAX_INPUTS; i++)
        x[i] = sin(0.37 * i);
    CHECK(al_net_collapse(net, a, cc) == AL_OK && al_net_predict(net, x, 2, out) == AL_OK, "collapse and predict");
    double worst = 0.0;
    for (int r = 0; r < 2; r++)
        for (int k = 0; k < 3; k++) {
            double s = cc[k];
            for (int i = 0; i < AL_NET_MAX_INPUTS; i++)
                s += a[k * AL_NET_MAX_INPUTS + i] * x[r * AL_NET_MAX_INPUTS + i];
            worst = fmax(worst, fabs(s - out[r * 3 + k]) / fmax(1.0, fabs(out[r * 3 + k])));
        }
    CHECK(worst < 1e-12, "A x + c matches the network within %.2g", worst);
    al_net_free(net);
}

/* init normal: N(0, init_std^2) whatever the layer's size, biases 0; init_std
 * is checked and, like the initialiser, fixes the network. */
static void test_init_normal(void)
{
    al_net_config c;
    al_net_config_default(&c);
    c.n_layers = 3, c.sizes[0] = 64, c.sizes[1] = 256, c.sizes[2] = 10, c.head = AL_HEAD_SOFTMAX_CE;
    c.init = AL_INIT_NORMAL, c.init_std = 0.25;
    al_net *net = al_net_create(&c, NULL);
    size_t np = al_net_param_count(net);
    double *p = malloc(np * sizeof(double));
    al_net_get_params(net, p, np);
    double sum = 0.0, sq = 0.0, bias = 0.0;
    size_t nw = 64 * 256;
    for (size_t i = 0; i < nw; i++)
        sum += p[i], sq += p[i] * p[i];
    for (size_t i = nw; i < nw + 256; i++)
        bias += fabs(p[i]);
    double mean = sum / nw, sd = sqrt(sq / nw - mean * mean);
    /* 16,384 draws: the sample sd is within 2 % of 0.25 (about 4 standard errors). */
    CHECK(fabs(sd - 0.25) < 0.005 && fabs(mean) < 0.01 && bias == 0.0, "N(0, 0.25^2): sd %g, mean %g", sd, mean);
    free(p);
    al_net_config t = *al_net_get_config(net);
    t.init_std = 0.5;
    al_config_problem prob;
    CHECK(al_net_set_training(net, &t, &prob) == AL_ERR_CONFIG && strcmp(prob.key, "initStd") == 0,
          "initStd fixes the network");
    al_net_free(net);
    const double bad[] = {0.0, -1.0, NAN, INFINITY, 10.5};
    for (int i = 0; i < 5; i++) {
        c.init_std = bad[i];
        CHECK(al_net_config_check(&c, &prob) == AL_ERR_CONFIG && strcmp(prob.key, "initStd") == 0 &&
              strstr(prob.rule, "<= 10"), "initStd %g refused", bad[i]);
    }
}

/* Histograms on a network whose layers are known by hand: 2 inputs, one
 * identity hidden layer of 2 units with W = I and b = 0, identity output of
 * 1 unit with w = (1, 1): z1 = x, z2 = x1 + x2. */
static void test_histograms(void)
{
    al_net_config c;
    al_net_config_default(&c);
    c.n_layers = 3, c.sizes[0] = 2, c.sizes[1] = 2, c.sizes[2] = 1, c.features = 0;
    c.hidden_kind[0] = AL_IDENTITY, c.head = AL_HEAD_IDENTITY_MSE;
    al_net *net = al_net_create(&c, NULL);
    double params[9] = {1, 0, 0, 1, 0, 0, 1, 1, 0}; /* W1 (2, 2), b1, W2 (1, 2), b2 */
    al_net_set_params(net, params, 9);
    /* Rows: (0.1, 0.2), (0.3, 0.35), (0.6, 0.9), (0.95, 0.05); y = 0. */
    double x[8] = {0.1, 0.2, 0.3, 0.35, 0.6, 0.9, 0.95, 0.05}, y[4] = {0, 0, 0, 0};
    double ranges[6] = {0, 1, 0, 1, NAN, NAN}, edges[2 * 3 * 5], counts[2 * 3 * 4]; /* edges (L, 3, bins + 1) */
    CHECK(al_net_layer_histograms(net, x, y, 4, 4, ranges, edges, counts) == AL_OK, "histograms");
    /* Layer 1 (x itself) in [0, 0.25), [0.25, 0.5), ...: 0.1 0.2 0.05 | 0.3 0.35 | 0.6 | 0.9 0.95. */
    const double want1[4] = {3, 2, 1, 2};
    CHECK(memcmp(counts, want1, sizeof want1) == 0 && memcmp(counts + 4, want1, sizeof want1) == 0,
          "layer 1 outputs and z: %g %g %g %g", counts[0], counts[1], counts[2], counts[3]);
    CHECK(edges[0] == 0 && edges[1] == 0.25 && edges[4] == 1 && edges[5] == 0 && edges[9] == 1, "given edges");
    /* Layer 2: z2 = 0.3, 0.65, 1.5, 1.0; 1.5 and 1.0 are past the range: the last bin. */
    const double want2[4] = {0, 1, 1, 2};
    CHECK(memcmp(counts + 12, want2, sizeof want2) == 0, "layer 2: %g %g %g %g", counts[12], counts[13], counts[14],
          counts[15]);
    /* Gradients from the data: the output's per-sample dLoss/dz = 2 (z2 - y) = 0.6, 1.3, 3, 2; each
     * hidden unit's the same through w = (1, 1) (identity slope 1). The range over both layers is
     * [0.6, 3] (0.6 up to rounding: 0.1 + 0.2), bins 0.6 wide: 0.6 | 1.3 | 2 | 3. */
    CHECK(fabs(edges[10] - 0.6) < 1e-15 && edges[14] == 3.0, "hidden gradient range %g..%g", edges[10], edges[14]);
    CHECK(fabs(edges[25] - 0.6) < 1e-15 && edges[29] == 3.0, "the output's own gradient range %g..%g", edges[25], edges[29]);
    const double grad1[4] = {2, 2, 2, 2}, grad2[4] = {1, 1, 1, 1};
    CHECK(memcmp(counts + 8, grad1, sizeof grad1) == 0 && memcmp(counts + 20, grad2, sizeof grad2) == 0,
          "gradients: layer 1 %g %g %g %g, layer 2 %g %g %g %g", counts[8], counts[9], counts[10], counts[11],
          counts[20], counts[21], counts[22], counts[23]);
    /* Without labels: no gradients (NaN edges, zero counts); a bad bin count or range is refused. */
    /* From the data: the hidden layer's outputs are x, 0.05..0.95; the output layer's its own, 0.3..1.5. */
    CHECK(al_net_layer_histograms(net, x, NULL, 4, 4, NULL, edges, counts) == AL_OK && isnan(edges[10]) &&
          counts[8] == 0 && edges[0] == 0.05 && edges[4] == 0.95 && fabs(edges[15] - 0.3) < 1e-15 && edges[19] == 1.5,
          "ranges from the data: hidden %g..%g, output %g..%g", edges[0], edges[4], edges[15], edges[19]);
    CHECK(al_net_layer_histograms(net, x, NULL, 4, 0, NULL, edges, counts) == AL_ERR_PARAM &&
          al_net_layer_histograms(net, x, NULL, 4, AL_NET_MAX_BINS + 1, NULL, edges, counts) == AL_ERR_PARAM,
          "bins out of range");
    double flipped[6] = {1, 0, NAN, NAN, NAN, NAN}, half[6] = {0, NAN, NAN, NAN, NAN, NAN};
    CHECK(al_net_layer_histograms(net, x, NULL, 4, 4, flipped, edges, counts) == AL_ERR_PARAM &&
          al_net_layer_histograms(net, x, NULL, 4, 4, half, edges, counts) == AL_ERR_PARAM,
          "a range must be finite with lo < hi");
    CHECK(al_net_layer_histograms(net, x, NULL, 4, 4, NULL, NULL, counts) == AL_ERR_NULL &&
          al_net_layer_histograms(NULL, x, NULL, 4, 4, NULL, edges, counts) == AL_ERR_NULL, "NULLs");
    al_net_free(net);
    /* Every logit -inf (hidden outputs 10 x, output weights -1e308): no loss, no gradient. The
     * gradient histograms count nothing rather than what the buffers held before. */
    c.sizes[2] = 3, c.head = AL_HEAD_SOFTMAX_CE;
    net = al_net_create(&c, NULL);
    double huge[6 + 2 + 6 + 3] = {10, 0, 0, 10, 0, 0, -1e308, -1e308, -1e308, -1e308, -1e308, -1e308, 0, 0, 0};
    al_net_set_params(net, huge, al_net_param_count(net));
    double labels3[4] = {0, 1, 2, 0};
    CHECK(al_net_layer_histograms(net, x, labels3, 4, 4, NULL, edges, counts) == AL_OK, "histograms of -inf logits");
    double grads_counted = 0.0;
    for (int l = 0; l < 2; l++)
        for (int i = 0; i < 4; i++)
            grads_counted += counts[(l * 3 + 2) * 4 + i];
    CHECK(grads_counted == 0.0, "no gradient counted (%g)", grads_counted);
    al_net_free(net);
}

/* The hidden layers' one-pass f and f' (al_apply_both) give the bits of the
 * two separate loops, for every kind, at the awkward inputs, with dy over x. */
static void test_fused_activation(void)
{
    const double xs[] = {NAN, -INFINITY, -700.0, -6.0, -3.0, -1.0, -0.5, -0.0, 0.0, 1e-300, 0.5, 1.0, 3.0, 6.0, 40.0, INFINITY};
    enum { N = sizeof xs / sizeof xs[0] };
    for (int k = 0; k < AL_KIND_COUNT; k++) {
        double p[AL_MAX_PARAMS];
        for (int i = 0; i < al_kind_param_count(k); i++)
            p[i] = al_kind_param_default(k, i) + 0.125;
        if (k == AL_CELU)
            p[0] = 0.5;
        double f[N], df[N], y[N], dy[N];
        al_apply(k, p, 0, xs, f, N);
        al_apply(k, p, 1, xs, df, N);
        memcpy(dy, xs, sizeof xs);
        al_apply_both(k, p, dy, y, dy, N);
        CHECK(memcmp(f, y, sizeof f) == 0 && memcmp(df, dy, sizeof df) == 0, "kind %d: one pass = two passes, bit for bit", k);
    }
}

int main(void)
{
    al_dataset_generate(AL_DATA_XOR, N_DATA, 0.2, 11, g_x, g_y);
    test_chunk_invariance();
    test_state_round_trip();
    test_same_batches();
    test_set_training();
    test_param_edit();
    test_optimizer_steps();
    test_divergence_state();
    test_bound_data();
    test_vocabulary();
    test_config_problems();
    test_moment_overflow();
    test_sizes();
    test_real_data_limits();
    test_wide_collapse();
    test_init_normal();
    test_histograms();
    test_fused_activation();
    return test_finish("training");
}
