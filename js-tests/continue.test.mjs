// Training that continues: a network's whole training state lives in the
// engine, so any split of the epochs into calls, a save and load, a change
// of training options or an edited weight carries on where the network was.
// The references are independent: the same training done another way, a
// hand computation of the optimisers' steps, or a twin network.
import { loadActLab, ActLabError, BoundData } from '../web/lib/actlab.js';
import { thrown, ulpDistance } from './helpers.mjs';

let lab;
let data;
beforeAll(async () => {
  lab = await loadActLab();
  data = lab.makeDataset('spiral', { count: 203, noise: 0.1, seed: 4 });
});

// Bits of every parameter and of the saved optimiser state: equal means identical.
const fingerprint = (net) => JSON.stringify({ p: Array.from(net.getParams()), s: net.toJSON().optimizerState, e: net.epochs });
const config = (optimizer, extra = {}) => ({ layers: [2, 6, 5, 1], activation: ['tanh', 'relu'], optimizer,
  batchSize: 16, l2: 0.001, seed: 9, ...extra });
const OPTIMIZERS = ['sgd', 'momentum', 'adam'];

describe('training is a pure function of (seed, data, epochs)', () => {
  for (const optimizer of OPTIMIZERS) {
    test(`${optimizer}: 1 x 24 epochs = 24 x 1 = chunks split at random points`, () => {
      const whole = lab.createNetwork(config(optimizer));
      const ones = lab.createNetwork(config(optimizer));
      const parts = lab.createNetwork(config(optimizer));
      const a = whole.train(data.inputs, data.labels, { epochs: 24 });
      let b;
      for (let e = 0; e < 24; e++) b = ones.train(data.inputs, data.labels);
      let c;
      let rnd = 77;
      for (let done = 0; done < 24;) {
        rnd = (rnd * 1103515245 + 12345) % 2 ** 31;
        const k = Math.min(1 + (rnd % 7), 24 - done);
        c = parts.train(data.inputs, data.labels, { epochs: k });
        done += k;
      }
      expect(fingerprint(ones)).toBe(fingerprint(whole));
      expect(fingerprint(parts)).toBe(fingerprint(whole));
      expect([b.loss, c.loss, b.epochs, c.epochs]).toEqual([a.loss, a.loss, 24, 24]);
      for (const n of [whole, ones, parts]) n.dispose();
    });
  }

  test('racers that differ only in their initialiser, put on the same weights, stay identical', () => {
    const he = lab.createNetwork(config('momentum', { init: 'he_normal' }));
    const zeros = lab.createNetwork(config('momentum', { init: 'zeros' }));
    zeros.setParams(he.getParams());
    he.train(data.inputs, data.labels, { epochs: 15 });
    for (let e = 0; e < 15; e++) zeros.train(data.inputs, data.labels);
    expect(Array.from(zeros.getParams())).toEqual(Array.from(he.getParams()));
    he.dispose();
    zeros.dispose();
  });
});

describe('save, load and go on', () => {
  for (const optimizer of OPTIMIZERS) {
    test(`${optimizer}: a network saved as JSON text and loaded continues bit for bit`, () => {
      const net = lab.createNetwork(config(optimizer, { seed: 2n ** 60n + 3n }));
      net.train(data.inputs, data.labels, { epochs: 7 });
      const saved = net.toJSON();
      expect(saved.version).toBe(2);
      expect(saved.epochs).toBe(7);
      expect(saved.optimizerState.steps).toBe(7 * 13); // 203 rows in batches of 16
      expect('m' in saved.optimizerState).toBe(optimizer !== 'sgd');
      expect('v' in saved.optimizerState).toBe(optimizer === 'adam');
      const copy = lab.networkFromJSON(JSON.stringify(saved));
      expect(copy.epochs).toBe(7);
      net.train(data.inputs, data.labels, { epochs: 6 });
      copy.train(data.inputs, data.labels, { epochs: 6 });
      expect(fingerprint(copy)).toBe(fingerprint(net));
      net.dispose();
      copy.dispose();
    });
  }

  test('a version 1 file still loads: its weights and epoch count, a fresh optimiser', () => {
    const net = lab.createNetwork(config('adam'));
    net.train(data.inputs, data.labels, { epochs: 3 });
    const { optimizerState, ...rest } = net.toJSON();
    const old = lab.networkFromJSON({ ...rest, version: 1 });
    expect(old.epochs).toBe(3);
    expect(old.toJSON().optimizerState).toEqual({ steps: 0, m: Array(net.paramCount).fill(0), v: Array(net.paramCount).fill(0) });
    // Its continuation is a fresh Adam from those weights at epoch 3, not the original's.
    old.train(data.inputs, data.labels);
    net.train(data.inputs, data.labels);
    expect(fingerprint(old)).not.toBe(fingerprint(net));
    expect(optimizerState.steps).toBe(39);
    old.dispose();
    net.dispose();
  });

  test('optimiser state that training cannot reach is refused', () => {
    const net = lab.createNetwork(config('adam'));
    net.train(data.inputs, data.labels, { epochs: 2 }); // moments that are not all 0
    const good = net.toJSON();
    net.dispose();
    const bad = (state) => thrown(() => lab.networkFromJSON({ ...good, optimizerState: { ...good.optimizerState, ...state } }));
    expect(bad({ steps: -1 }).code).toBe('invalid_json');
    expect(bad({ steps: 1.5 }).code).toBe('invalid_json');
    expect(bad({ v: good.optimizerState.v.map(() => -1) }).message).toMatch(/v >= 0/);
    expect(bad({ m: [1, 2] }).message).toMatch(/optimizerState.m must be an array of 59 finite numbers/);
    expect(bad({ m: good.optimizerState.m.map((v, i) => (i === 3 ? null : v)) }).code).toBe('invalid_json'); // JSON's Infinity
    // A Proxy whose length changes between reads is read once: too long is refused, never spills into v.
    let reads = 0;
    const m = new Proxy(good.optimizerState.m, { get: (t, k) => (k === 'length' ? (reads++ ? 200 : 59) : Reflect.get(t, k)) });
    const loaded = lab.networkFromJSON({ ...good, optimizerState: { ...good.optimizerState, m } });
    expect(loaded.toJSON().optimizerState.v).toEqual(good.optimizerState.v);
    loaded.dispose();
    expect(bad({ v: undefined }).code).toBe('invalid_json');
    expect(thrown(() => lab.networkFromJSON({ ...good, optimizerState: null })).message).toMatch(/optimizerState/);
    expect(thrown(() => lab.networkFromJSON({ ...good, epochs: 2.5 })).message).toMatch(/epochs must be an integer/);
  });
});

describe('setTrainingOptions', () => {
  test('changes options and keeps the parameters, the epoch count and the moments', () => {
    const net = lab.createNetwork(config('adam'));
    net.train(data.inputs, data.labels, { epochs: 5 });
    const before = net.toJSON();
    const cfg = net.setTrainingOptions({ learningRate: 0.002, beta1: 0.8, batchSize: 40, l1: 0.01 });
    expect(cfg).toBe(net.config);
    expect([net.config.learningRate, net.config.beta1, net.config.batchSize, net.config.l1, net.config.beta2])
      .toEqual([0.002, 0.8, 40, 0.01, 0.999]);
    const after = net.toJSON();
    expect(after.params).toEqual(before.params);
    expect(after.optimizerState).toEqual(before.optimizerState);
    expect(after.epochs).toBe(5);
    // Going on = a network restored to the same state with the new options.
    const twin = lab.networkFromJSON({ ...before, config: { ...before.config, learningRate: 0.002, beta1: 0.8, batchSize: 40, l1: 0.01 } });
    net.train(data.inputs, data.labels, { epochs: 4 });
    twin.train(data.inputs, data.labels, { epochs: 4 });
    expect(fingerprint(net)).toBe(fingerprint(twin));
    net.dispose();
    twin.dispose();
  });

  test('another optimiser starts its moments again; the epoch count stays', () => {
    const net = lab.createNetwork(config('momentum'));
    net.train(data.inputs, data.labels, { epochs: 2 });
    net.setTrainingOptions({ optimizer: 'adam' });
    expect(net.config.optimizer).toBe('adam');
    const s = net.toJSON();
    expect(s.epochs).toBe(2);
    expect(s.optimizerState.steps).toBe(0);
    expect(s.optimizerState.m.every((v) => v === 0)).toBe(true);
    net.dispose();
  });

  test('a bad value names the key and changes nothing', () => {
    const net = lab.createNetwork(config('sgd'));
    net.train(data.inputs, data.labels, { epochs: 2 });
    const before = fingerprint(net);
    const cases = [
      [{ learningRate: 0 }, 'learningRate', /> 0 and <= 10, got number 0/],
      [{ learningRate: '0.1' }, 'learningRate', /got the string "0.1"/],
      [{ momentum: 1 }, 'momentum', /from 0 up to \(not including\) 1/],
      [{ batchSize: 0.5 }, 'batchSize', /integer from 1 to 1024/],
      [{ optimizer: 'adma' }, 'optimizer', /did you mean adam/],
      [{ learningrate: 0.1 }, 'learningrate', /did you mean learningRate/],
      [{ layers: [2, 8, 1] }, 'layers', /cannot change without starting again/],
      [{ seed: 4 }, 'seed', /cannot change without starting again/],
    ];
    for (const [options, key, pattern] of cases) {
      const e = thrown(() => net.setTrainingOptions(options));
      expect([e.code, e.details.key]).toEqual(['invalid_config', key]);
      expect(e.message).toMatch(pattern);
    }
    // A valid key beside a bad one: nothing of either is applied.
    thrown(() => net.setTrainingOptions({ learningRate: 0.5, l2: -1 }));
    expect(net.config.learningRate).toBe(0.03);
    expect(fingerprint(net)).toBe(before);
    expect(thrown(() => net.setTrainingOptions(null))).toBeInstanceOf(TypeError);
    net.dispose();
  });
});

describe('one optimiser step against a hand computation', () => {
  // out = w x1 + b (one feature, no hidden layer, identity output), loss = (out - y)^2
  // for a batch of one: dL/dw = 2 e x + l2 w + l1 sign(w), dL/db = 2 e. The updates are
  // written from their definitions (Adam: Kingma & Ba 2015, Algorithm 1), not from the engine.
  const x = 1.5;
  const y = -0.25;
  const hp = { learningRate: 0.1, momentum: 0.9, beta1: 0.8, beta2: 0.95, epsilon: 1e-3, l2: 0.01, l1: 0.002 };
  for (const optimizer of OPTIMIZERS) {
    test(optimizer, () => {
      const net = lab.createNetwork({ layers: [1, 1], features: ['x1'], output: 'identity', optimizer, batchSize: 1, ...hp });
      net.setParams([0.7, -0.3]);
      let [w, b] = [0.7, -0.3];
      let [mw, mb, vw, vb] = [0, 0, 0, 0];
      for (let t = 1; t <= 4; t++) {
        const e = w * x + b - y;
        const gw = 2 * e * x + hp.l2 * w + hp.l1 * Math.sign(w);
        const gb = 2 * e;
        if (optimizer === 'sgd') {
          w -= hp.learningRate * gw;
          b -= hp.learningRate * gb;
        } else if (optimizer === 'momentum') {
          mw = hp.momentum * mw - hp.learningRate * gw;
          mb = hp.momentum * mb - hp.learningRate * gb;
          w += mw;
          b += mb;
        } else {
          mw = hp.beta1 * mw + (1 - hp.beta1) * gw;
          mb = hp.beta1 * mb + (1 - hp.beta1) * gb;
          vw = hp.beta2 * vw + (1 - hp.beta2) * gw * gw;
          vb = hp.beta2 * vb + (1 - hp.beta2) * gb * gb;
          const c1 = 1 - hp.beta1 ** t;
          const c2 = 1 - hp.beta2 ** t;
          w -= (hp.learningRate * (mw / c1)) / (Math.sqrt(vw / c2) + hp.epsilon);
          b -= (hp.learningRate * (mb / c1)) / (Math.sqrt(vb / c2) + hp.epsilon);
        }
        net.train([x, 42], [y]);
        const [gotW, gotB] = net.getParams();
        expect(Math.max(ulpDistance(gotW, w), ulpDistance(gotB, b))).toBeLessThanOrEqual(4);
      }
      expect(Math.abs(w - 0.7)).toBeGreaterThan(0.01);
      net.dispose();
    });
  }
});

describe('an optimiser moment that overflows', () => {
  test('Adam: g² past the largest double is divergence, not a silently frozen weight', () => {
    const net = lab.createNetwork({ layers: [2, 4, 1], optimizer: 'adam', l2: 0.01, seed: 1 });
    net.train(data.inputs, data.labels);
    net.setParam(0, 1e160); // its L2 gradient, 1e158, squares to infinity
    const before = net.toJSON();
    expect(thrown(() => net.train(data.inputs, data.labels, { epochs: 2 })).code).toBe('diverged');
    // Back where the failing epoch began: every moment finite, so it saves and loads.
    const after = net.toJSON();
    expect(after).toEqual(before);
    expect(after.optimizerState.v.every(Number.isFinite)).toBe(true);
    lab.networkFromJSON(JSON.stringify(after)).dispose();
    net.dispose();
  });
});

// A weight whose gradient is exactly 0 (into a dead ReLU unit) has its
// moments multiplied by beta1/beta2 (or the momentum) at every step; unfloored
// they end as subnormal numbers that never reach 0, and Wasm computes with
// those several times more slowly (Adam: 4x, issue 21). The engine sets a
// moment that falls below the smallest normal double to 0.
describe('moments that decay to nothing', () => {
  const subnormal = (x) => x !== 0 && Math.abs(x) < 2 ** -1022;
  for (const optimizer of ['adam', 'momentum']) {
    test(`${optimizer}: after 600 epochs with dead units, no moment is subnormal, and the dead units' are exactly 0`, () => {
      const spiral = lab.makeDataset('spiral', { count: 1000, seed: 1 });
      const net = lab.createNetwork({ layers: [2, 32, 32, 32, 1], activation: 'relu', optimizer, learningRate: 0.01,
        batchSize: 32, seed: 1 });
      net.train(spiral.inputs, spiral.labels, { epochs: 600 });
      const { m, v } = net.toJSON().optimizerState;
      expect(m.filter(subnormal)).toEqual([]);
      expect((v ?? []).filter(subnormal)).toEqual([]);
      // The network did have dead units, and moments that decayed all the way.
      expect(net.layerStats(spiral.inputs).some((layer) => layer.dead > 0)).toBe(true);
      expect(m.filter((x) => x === 0).length).toBeGreaterThan(100);
      net.dispose();
    }, 30000);
  }
});

describe('an edited weight', () => {
  test('setParam changes one parameter and keeps the optimiser state; training goes on from it', () => {
    const net = lab.createNetwork(config('adam'));
    net.train(data.inputs, data.labels, { epochs: 3 });
    const before = net.toJSON();
    net.setParam(5, 1.25);
    const after = net.toJSON();
    expect(after.params[5]).toBe(1.25);
    expect(after.params.filter((_, i) => i !== 5)).toEqual(before.params.filter((_, i) => i !== 5));
    expect(after.optimizerState).toEqual(before.optimizerState);
    // The same as a network restored with the edit in its saved parameters.
    const twin = lab.networkFromJSON(after);
    net.train(data.inputs, data.labels, { epochs: 2 });
    twin.train(data.inputs, data.labels, { epochs: 2 });
    expect(fingerprint(net)).toBe(fingerprint(twin));
    expect(thrown(() => net.setParam(net.paramCount, 1)).code).toBe('bad_size');
    expect(thrown(() => net.setParam(-1, 1)).code).toBe('bad_size');
    expect(thrown(() => net.setParam(0, NaN)).code).toBe('invalid_input');
    expect(thrown(() => net.setParam(0, '1'))).toBeInstanceOf(TypeError);
    net.setParams(net.getParams());
    expect(net.toJSON().optimizerState.steps).toBe(0);
    expect(net.epochs).toBe(5);
    net.dispose();
    twin.dispose();
  });
});

describe('divergence', () => {
  test('leaves the network as after its last completed epoch; a lower rate goes on from there', () => {
    const plane = lab.makeDataset('plane', { count: 100, seed: 1 });
    const make = () => lab.createNetwork({ layers: [2, 4, 1], activation: 'identity', output: 'identity',
      optimizer: 'momentum', learningRate: 0.001 });
    const net = make();
    const twin = make();
    net.train(plane.inputs, plane.labels, { epochs: 3 });
    twin.train(plane.inputs, plane.labels, { epochs: 3 });
    net.setTrainingOptions({ learningRate: 0.08 });
    twin.setTrainingOptions({ learningRate: 0.08 });
    const e = thrown(() => net.train(plane.inputs, plane.labels, { epochs: 50 }));
    expect(e.code).toBe('diverged');
    expect(net.epochs).toBeGreaterThan(3);
    expect(e.message).toMatch(new RegExp(`as it was after epoch ${net.epochs}`));
    twin.train(plane.inputs, plane.labels, { epochs: net.epochs - 3 });
    expect(fingerprint(net)).toBe(fingerprint(twin));
    net.setTrainingOptions({ learningRate: 1e-4 });
    const r = net.train(plane.inputs, plane.labels, { epochs: 10 });
    expect(Number.isFinite(r.loss)).toBe(true);
    expect(r.epochs).toBe(twin.epochs + 10);
    net.dispose();
    twin.dispose();
  });
});

describe('bound data', () => {
  test('trains and evaluates as the arrays do, bit for bit, without being copied again', () => {
    const bound = lab.bindData(data.inputs, data.labels);
    expect(bound).toBeInstanceOf(BoundData);
    expect([bound.rows, bound.inputWidth, bound.labelWidth]).toEqual([203, 2, 1]);
    const a = lab.createNetwork(config('adam'));
    const b = lab.createNetwork(config('adam'));
    const ra = a.train(bound, { epochs: 6 });
    const rb = b.train(data.inputs, data.labels, { epochs: 6 });
    expect(ra).toEqual(rb);
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(a.evaluate(bound)).toEqual(b.evaluate(data.inputs, data.labels));
    const rows = Array.from({ length: 203 }, (_, i) => [data.inputs[2 * i], data.inputs[2 * i + 1]]);
    const fromRows = lab.bindData(rows, data.labels);
    expect(a.evaluate(fromRows)).toEqual(a.evaluate(bound));
    fromRows.dispose();
    a.dispose();
    b.dispose();
    bound.dispose();
    bound.dispose();
    expect(bound.disposed).toBe(true);
  });

  test('refuses data that does not suit the network, and data after dispose', () => {
    const before = lab.memoryInUse();
    const bound = lab.bindData(data.inputs, data.labels);
    const tanh = lab.createNetwork({ layers: [2, 3, 1], output: 'tanh' });
    const e = thrown(() => tanh.train(bound));
    expect(e.code).toBe('invalid_label');
    expect(e.message).toMatch(/-1 or \+1/);
    const wide = lab.createNetwork({ layers: [3, 2, 1] });
    expect(thrown(() => wide.train(bound)).code).toBe('bad_size');
    expect(thrown(() => lab.bindData([1, 2, NaN, 4], [0, 1])).message).toMatch(/row 1 column 0 is NaN/);
    expect(thrown(() => lab.bindData([1, 2, 3, 4, 5], [0, 1])).code).toBe('bad_size'); // 5 values: not 2 rows
    // One value per label row is no network's input: not guessed, so the rows disagree.
    expect(thrown(() => lab.bindData([1, 2, 3, 4], [0, 1, 1, 0])).message).toMatch(/inputs has 2 rows but labels has 4/);
    expect(thrown(() => lab.bindData([1, 2, 3, 4], [0], { inputWidth: 2 })).message).toMatch(/inputs has 2 rows but labels has 1/);
    expect(thrown(() => lab.bindData(new Float64Array(785), [0])).message).toMatch(/inputWidth must be|at most 784/);
    expect(thrown(() => lab.bindData([1, 2], [0], { labelwidth: 1 })).message).toMatch(/did you mean labelWidth/);
    bound.dispose();
    expect(thrown(() => tanh.evaluate(bound)).code).toBe('disposed');
    tanh.dispose();
    wide.dispose();
    expect(lab.memoryInUse()).toBe(before);
  });

  test('data bound by another instance is refused', async () => {
    const other = await loadActLab();
    const bound = other.bindData(data.inputs, data.labels);
    const net = lab.createNetwork({ layers: [2, 3, 1] });
    expect(thrown(() => net.train(bound)).message).toMatch(/another ActLab instance/);
    net.dispose();
    bound.dispose();
  });
});

describe('one vocabulary, from the engine', () => {
  test('networkOptions lists the engine names, and each is accepted', () => {
    const o = lab.networkOptions;
    expect(Object.keys(o)).toEqual(['output', 'loss', 'init', 'optimizer', 'features', 'formulas', 'limits', 'trainingKeys']);
    expect(o.output).toEqual(['identity', 'sigmoid', 'softmax', 'tanh']);
    expect(o.outputs).toBe(o.output); // the older name still answers
    expect(o.formulas.sin_x2).toBe('sin(x2)');
    expect(o.limits).toEqual({ hiddenLayers: 10, width: 256, inputs: 784, outputs: 10, batchSize: 1024,
      trainBytes: 128 * 2 ** 20, learningRate: 10 });
    o.output.forEach((output, h) => {
      const net = lab.createNetwork({ layers: [2, 3, output === 'softmax' ? 3 : 1], output, loss: o.loss[h] });
      expect(net.config.loss).toBe(o.loss[h]);
      net.dispose();
    });
    for (const init of o.init) lab.createNetwork({ layers: [2, 3, 1], init }).dispose();
    for (const optimizer of o.optimizer) lab.createNetwork({ layers: [2, 3, 1], optimizer }).dispose();
    for (const f of o.features) lab.createNetwork({ layers: [1, 3, 1], features: [f] }).dispose();
  });

  test('each feature is what its formula says', () => {
    const o = lab.networkOptions;
    const net = lab.createNetwork({ layers: [7, 2, 1], features: [...o.features] });
    const [x1, x2] = [0.75, -2.5];
    const feats = net.features([x1, x2]);
    // The formulas use * and sin only: evaluate them with Math.sin.
    const value = (f) => new Function('x1', 'x2', 'sin', `return ${f};`)(x1, x2, Math.sin);
    expect(Array.from(feats)).toEqual(o.features.map((f) => value(o.formulas[f])));
    net.dispose();
  });

  test('a near miss of every name is refused with a "did you mean"', () => {
    const o = lab.networkOptions;
    // A near miss: the name in capitals ('Adam'-style typing), or with two letters swapped.
    const miss = (name) => (name.length > 4 ? `${name.slice(0, 2)}${name[3]}${name[2]}${name.slice(4)}` : name.toUpperCase());
    const cases = [
      ...o.output.map((v) => ['output', v]), ...o.loss.map((v) => ['loss', v]), ...o.init.map((v) => ['init', v]),
      ...o.optimizer.map((v) => ['optimizer', v]),
    ];
    for (const [key, name] of cases) {
      const e = thrown(() => lab.createNetwork({ layers: [2, 3, 1], [key]: miss(name) }));
      expect([e.code, e.details.key]).toEqual(['invalid_config', key]);
      expect(e.message).toMatch(new RegExp(`did you mean ${name}\\?`));
    }
    for (const name of o.features) {
      const e = thrown(() => lab.createNetwork({ layers: [1, 3, 1], features: [miss(name)] }));
      expect(e.message).toMatch(new RegExp(`did you mean ${name}\\?`));
    }
  });
});

describe('no size wraps; every argument is read before the network is', () => {
  test('neuronOutputs on 1,032,445 rows of a 520-neuron network is refused and harms nothing', () => {
    const big = lab.createNetwork({ layers: [2, 64, 64, 64, 64, 64, 64, 64, 64, 8], activation: 'relu' });
    expect(big.neuronCount).toBe(520);
    const other = lab.createNetwork({ layers: [2, 5, 1], seed: 3 });
    const probe = [0.5, -1, 2, 3];
    const before = other.predict(probe);
    const rows = new Float64Array(2 * 1032445);
    const e = thrown(() => big.neuronOutputs(rows));
    expect(e).toBeInstanceOf(ActLabError);
    expect(e.code).toBe('bad_size');
    expect(e.message).toMatch(/1032445 rows give 1032445 x 520/);
    expect(Array.from(other.predict(probe))).toEqual(Array.from(before));
    expect(big.predict([0, 0]).length).toBe(8);
    big.dispose();
    other.dispose();
  });

  test('a getter that disposes the network mid-call cannot redirect it to another', () => {
    const net = lab.createNetwork({ layers: [2, 3, 1], seed: 5 });
    let other = null;
    const inputs = [0, 1, 2, 3];
    Object.defineProperty(inputs, 0, {
      get() {
        if (!other) {
          net.dispose();
          other = lab.createNetwork({ layers: [2, 3, 1], seed: 5 });
        }
        return 0.5;
      },
    });
    const e = thrown(() => net.train(inputs, [0, 1]));
    expect(e.code).toBe('disposed');
    const twin = lab.createNetwork({ layers: [2, 3, 1], seed: 5 });
    expect(other.epochs).toBe(0);
    expect(Array.from(other.getParams())).toEqual(Array.from(twin.getParams()));
    other.dispose();
    twin.dispose();
  });

  test('an options getter that disposes the network is caught too', () => {
    const net = lab.createNetwork({ layers: [2, 3, 1] });
    const options = { get epochs() { net.dispose(); return 1; } };
    expect(thrown(() => net.train([1, 2], [1], options)).code).toBe('disposed');
    const g = lab.createNetwork({ layers: [2, 3, 1] });
    expect(thrown(() => g.grid({ get resolution() { g.dispose(); return 4; } })).code).toBe('disposed');
  });

  test('a Proxy whose length changes between reads is read once', () => {
    const net = lab.createNetwork({ layers: [2, 3, 1], seed: 6 });
    let reads = 0;
    const values = [0.5, 1, -2, 3];
    const shifty = new Proxy(values, { get(target, key) {
      if (key === 'length') return reads++ === 0 ? 4 : 2;
      return Reflect.get(target, key);
    } });
    expect(Array.from(net.predict(shifty))).toEqual(Array.from(net.predict(values)));
    expect(reads).toBe(1);
    net.dispose();
  });

  test('bound data: what a network reads of it cannot be replaced by a getter', () => {
    const net = lab.createNetwork({ layers: [2, 3, 1], seed: 7 });
    const twin = lab.createNetwork({ layers: [2, 3, 1], seed: 7 });
    const bound = lab.bindData(data.inputs, data.labels);
    let ran = 0;
    for (const key of ['rows', 'inputWidth', 'labelWidth']) {
      Object.defineProperty(bound, key, { get() { ran++; net.dispose(); return 1; } });
    }
    // The call reads the bound data's own fields: the getters never run, and it trains the network asked.
    expect(net.train(bound, { epochs: 2 }).epochs).toBe(2);
    twin.train(data.inputs, data.labels, { epochs: 2 });
    expect([ran, fingerprint(net)]).toEqual([0, fingerprint(twin)]);
    for (const n of [net, twin]) n.dispose();
    bound.dispose();
  });

  test('a typed array resized by a later argument\'s getter was already copied', () => {
    const net = lab.createNetwork({ layers: [2, 3, 1], seed: 8 });
    const rows = 200;
    const buffer = new ArrayBuffer(16 * rows, { maxByteLength: 16 * rows });
    const x = new Float64Array(buffer); // length-tracking: it shrinks with the buffer
    x.set(data.inputs.subarray(0, 2 * rows));
    const y = Array.from(data.labels.subarray(0, rows));
    const expected = net.evaluate(x.slice(), y);
    const labels = new Proxy(y, { get(target, key) {
      if (key === '0') buffer.resize(16);
      return Reflect.get(target, key);
    } });
    expect(net.evaluate(x, labels)).toEqual(expected);
    expect(x.length).toBe(2); // the getter did shrink it
    net.dispose();
  });

  test('holes are refused, not read as 0', () => {
    const net = lab.createNetwork({ layers: [2, 3, 1] });
    // eslint-disable-next-line no-sparse-arrays
    expect(thrown(() => net.predict([[1, 2], , [3, 4]])).message).toMatch(/inputs\[1\] is a hole/);
    // eslint-disable-next-line no-sparse-arrays
    expect(thrown(() => net.predict([1, , 3, 4]))).toBeInstanceOf(TypeError);
    net.dispose();
  });

  test('a grid wider than the largest number is refused', () => {
    const net = lab.createNetwork({ layers: [2, 3, 1] });
    const e = thrown(() => net.grid({ xMin: -1.7e308, xMax: 1.7e308 }));
    expect(e.code).toBe('invalid_param');
    expect(e.message).toMatch(/wider than the largest number/);
    net.dispose();
  });
});
