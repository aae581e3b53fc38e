// The two builds of the core (baseline Wasm and Wasm SIMD) must give the same
// results bit for bit: a shared link trains the same network in a browser
// without SIMD as in one with it. Every other suite runs on the default
// (SIMD, since Node 20 supports it); this one compares the two, and the
// activation-only module (the page's first view) with both.
import { readFileSync } from 'node:fs';
import { loadActLab, wasmSimdSupported, defaultWasmUrl, ActLabError } from '../web/lib/actlab.js';

let simd;
let base;
let small;
beforeAll(async () => {
  simd = await loadActLab({ simd: true });
  base = await loadActLab({ simd: false });
  small = await loadActLab({ core: 'activations' });
});

// Indices where a and b differ in bits (NaN equals NaN); empty if identical.
function differences(a, b) {
  expect(a.length).toBe(b.length);
  const out = [];
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) out.push(i);
  return out;
}

// Inputs that reach every branch of the kernels: tiny, series range, the
// table range, saturation, overflow limits, subnormals and non-finite values.
const XS = [0, -0, 5e-324, -1e-310, 1e-8, 0.03, -0.0624, 0.0626, 0.3, -0.7, 1, 2.5, -3,
  6, 19.1, -20, 37, 354, 354.5, -400, 700, 708.5, -745, 1000, -1000, Infinity, -Infinity, NaN];

describe('load options', () => {
  test('Node supports Wasm SIMD, so the default load takes the SIMD build', async () => {
    expect(wasmSimdSupported()).toBe(true);
    expect((await loadActLab()).build.simd).toBe(true);
    expect(simd.build.simd).toBe(true);
    expect(base.build.simd).toBe(false);
  });

  test('defaultWasmUrl names the file loadActLab fetches, next to actlab.js', async () => {
    const lib = new URL('../web/lib/', import.meta.url).href;
    expect(defaultWasmUrl().href).toBe(`${lib}actlab_core_simd.wasm`);
    expect(defaultWasmUrl(true).href).toBe(`${lib}actlab_core_simd.wasm`);
    expect(defaultWasmUrl(false).href).toBe(`${lib}actlab_core.wasm`);
    expect(() => defaultWasmUrl('fast')).toThrow(/defaultWasmUrl: simd must be true, false or 'auto', got the string "fast"/);
    // The page fetches these bytes itself and passes them in: the same build as a plain load.
    const { readFileSync } = await import('node:fs');
    const lab = await loadActLab({ wasmBinary: readFileSync(defaultWasmUrl()) });
    expect(lab.build.simd).toBe((await loadActLab()).build.simd);
  });

  test('core: \'activations\' loads the small module: the same catalog, datasets and engine names, no networks', async () => {
    const lib = new URL('../web/lib/', import.meta.url).href;
    expect(defaultWasmUrl('auto', 'activations').href).toBe(`${lib}actlab_activations.wasm`);
    expect(defaultWasmUrl(false, 'activations').href).toBe(`${lib}actlab_activations.wasm`);
    expect(() => defaultWasmUrl('auto', 'tiny')).toThrow(/defaultWasmUrl: core must be 'full' or 'activations', got the string "tiny"/);
    expect(small.build).toEqual({ simd: false, core: 'activations' });
    expect(simd.build).toEqual({ simd: true, core: 'full' });
    expect(base.build).toEqual({ simd: false, core: 'full' });
    // What the page's URL state is checked against comes from the small module alone.
    expect(small.activations).toEqual(simd.activations);
    expect(small.datasets).toEqual(simd.datasets);
    expect(small.networkOptions).toEqual(simd.networkOptions);
    // The same bytes passed in are recognised as the small module.
    const passed = await loadActLab({ wasmBinary: readFileSync(defaultWasmUrl('auto', 'activations')) });
    expect(passed.build.core).toBe('activations');
    // Under half the size of the full core (measured: 55 KB against 168 KB).
    const size = (core) => readFileSync(defaultWasmUrl(true, core)).length;
    expect(size('activations')).toBeLessThan(size('full') / 2);
  });

  test('the network functions of the small module say it has no networks and how to get them', () => {
    const data = small.makeDataset('circle', { count: 20, seed: 1 });
    const calls = {
      createNetwork: () => small.createNetwork({ layers: [2, 4, 1] }),
      networkFromJSON: () => small.networkFromJSON('{}'),
      exportCode: () => small.exportCode('{}', 'pytorch'),
      bindData: () => small.bindData(data.inputs, data.labels),
    };
    for (const [fn, call] of Object.entries(calls)) {
      let err;
      try {
        call();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ActLabError);
      expect(err.code).toBe('not_loaded');
      expect(err.message).toMatch(new RegExp(`^${fn === 'exportCode' ? 'networkFromJSON' : fn}: this ActLab runs the activation-only core, ` +
        'which has no networks; load the full core'));
    }
  });

  test('a bad core option is a TypeError naming it; an unknown option is refused with a guess', async () => {
    const err = await loadActLab({ core: 'small' }).catch((e) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(err.message).toMatch(/loadActLab\(options\): core must be 'full' or 'activations', got the string "small"/);
    const unknown = await loadActLab({ wasmurl: 'x.wasm' }).catch((e) => e);
    expect(unknown).toBeInstanceOf(ActLabError);
    expect(unknown.code).toBe('invalid_param');
    expect(unknown.message).toMatch(/loadActLab\(options\): unknown option "wasmurl" \(did you mean wasmUrl\?\)/);
  });

  test('a valid WebAssembly module that is not ActLab\'s is load_failed, naming what it lacks', async () => {
    // The SIMD probe's shape: a module with one function and no exports at all.
    const empty = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    const err = await loadActLab({ wasmBinary: empty }).catch((e) => e);
    expect(err).toBeInstanceOf(ActLabError);
    expect(err.code).toBe('load_failed');
    expect(err.message).toMatch(/this WebAssembly module is not an ActLab core: it does not export memory, malloc, free and \d+ more/);
  });

  test('a bad simd option is a TypeError naming the option', async () => {
    const err = await loadActLab({ simd: 'yes' }).catch((e) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(err.message).toMatch(/simd must be true, false or 'auto', got the string "yes"/);
  });

  test('an explicit wasmUrl wins over the choice of build; a missing file is load_failed', async () => {
    const lab = await loadActLab({ simd: true, wasmUrl: 'actlab_core.wasm' });
    expect(lab.build.simd).toBe(false);
    const err = await loadActLab({ wasmUrl: 'missing.wasm' }).catch((e) => e);
    expect(err).toBeInstanceOf(ActLabError);
    expect(err.code).toBe('load_failed');
    expect(err.message).toMatch(/could not read file:.*missing\.wasm/);
  });
});

describe('the baseline and SIMD builds agree bit for bit', () => {
  // The activation-only module is compiled for size (-Oz), the others for speed: same bits all the same.
  test('every activation, derivative and parameter derivative over the kernels\' ranges (all three modules)', () => {
    const xs = [];
    for (let i = -4000; i <= 4000; i++) xs.push(i / 397);
    xs.push(...XS);
    for (const { name, params } of simd.activations) {
      for (const other of [base, small]) {
        expect([name, differences(simd.evaluate(name, xs), other.evaluate(name, xs))]).toEqual([name, []]);
        expect([name, differences(simd.derivative(name, xs), other.derivative(name, xs))]).toEqual([name, []]);
        // Parameters with a derivative (the others refuse in every module alike).
        for (const p of params) {
          const run = (lab) => {
            try {
              return lab.paramDerivative(name, xs, p.name);
            } catch (err) {
              return err.message;
            }
          };
          const [a, b] = [run(simd), run(other)];
          if (typeof a === 'string') expect(b).toBe(a);
          else expect([name, p.name, differences(a, b)]).toEqual([name, p.name, []]);
        }
      }
    }
  });

  test('softmax family (all three modules)', () => {
    const z = [-1, 2, -3, 4, 1000, -1000, 0.5, 3e-9];
    for (const other of [base, small]) {
      expect(differences(simd.softmax(z), other.softmax(z))).toEqual([]);
      expect(differences(simd.logSoftmax(z), other.logSoftmax(z))).toEqual([]);
      expect(differences(simd.softmaxJacobian(z, { temperature: 0.3 }), other.softmaxJacobian(z, { temperature: 0.3 }))).toEqual([]);
      expect(differences(simd.sparsemax(z), other.sparsemax(z))).toEqual([]);
      expect(other.argmax(z)).toBe(simd.argmax(z));
      for (const [a, b] of [[simd.crossEntropy([0.2, -1, 3], 2), other.crossEntropy([0.2, -1, 3], 2)],
        [simd.binaryCrossEntropy([0.3, -2], [1, 0]), other.binaryCrossEntropy([0.3, -2], [1, 0])]]) {
        expect(Object.is(a.loss, b.loss)).toBe(true);
        expect(differences(a.gradient, b.gradient)).toEqual([]);
      }
    }
  });

  test('datasets and splits (all three modules)', () => {
    for (const { name } of simd.datasets.filter((d) => d.inputs === 2)) {
      const a = simd.makeDataset(name, { count: 500, noise: 0.2, seed: 5 });
      const b = small.makeDataset(name, { count: 500, noise: 0.2, seed: 5 });
      expect([name, differences(a.inputs, b.inputs), differences(a.labels, b.labels)]).toEqual([name, [], []]);
      const sa = simd.splitDataset(a, { testFraction: 0.3, seed: 2 });
      const sb = small.splitDataset(b, { testFraction: 0.3, seed: 2 });
      expect(differences(sa.test.inputs, sb.test.inputs)).toEqual([]);
    }
  });

  const configs = [
    { layers: [2, 8, 8, 1], activation: 'tanh', output: 'tanh', init: 'uniform', batchSize: 10 },
    { layers: [2, 16, 8, 1], activation: ['sigmoid', 'relu'], output: 'sigmoid', optimizer: 'adam',
      learningRate: 0.01, batchSize: 7 },
    { layers: [2, 12, 3], activation: 'gelu', output: 'softmax', optimizer: 'momentum', l2: 1e-3 },
  ];
  for (const config of configs) {
    test(`training and grids: ${config.layers.join('-')} ${config.activation}`, () => {
      const dataset = config.output === 'softmax' ? 'blobs' : 'circle';
      const nets = [simd, base].map((lab) => {
        const data = lab.makeDataset(dataset, { count: 203, seed: 4, signedLabels: config.output === 'tanh' });
        const net = lab.createNetwork({ ...config, seed: 9 });
        const { loss } = net.train(data.inputs, data.labels, { epochs: 40 });
        const grid = net.grid({ resolution: 37, neurons: true });
        return { loss, params: net.getParams(), grid, net };
      });
      const [a, b] = nets;
      expect(Object.is(a.loss, b.loss)).toBe(true);
      expect(differences(a.params, b.params)).toEqual([]);
      expect(differences(a.grid.outputs, b.grid.outputs)).toEqual([]);
      expect(differences(a.grid.neurons, b.grid.neurons)).toEqual([]);
      // The run did something: the weights moved from their start.
      const fresh = simd.createNetwork({ ...config, seed: 9 }).getParams();
      expect(differences(a.params, fresh).length).toBeGreaterThan(a.params.length / 2);
      for (const n of nets) n.net.dispose();
    });
  }

  test('the builds agree where the kernels leave their fast range', () => {
    // Pre-activations far outside the table range: huge inputs into a tanh layer.
    const inputs = new Float64Array(XS.filter(Number.isFinite).flatMap((x) => [x, -x / 3]));
    const out = [simd, base].map((lab) => {
      const net = lab.createNetwork({ layers: [2, 4, 1], activation: 'tanh', output: 'sigmoid', seed: 2 });
      return [net.predict(inputs), net.neuronOutputs(inputs)];
    });
    expect(differences(out[0][0], out[1][0])).toEqual([]);
    expect(differences(out[0][1], out[1][1])).toEqual([]);
  });
});
