// The two builds of the core (baseline Wasm and Wasm SIMD) must give the same
// results bit for bit: a shared link trains the same network in a browser
// without SIMD as in one with it. Every other suite runs on the default
// (SIMD, since Node 20 supports it); this one compares the two.
import { loadActLab, wasmSimdSupported, defaultWasmUrl, ActLabError } from '../web/lib/actlab.js';

let simd;
let base;
beforeAll(async () => {
  simd = await loadActLab({ simd: true });
  base = await loadActLab({ simd: false });
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
  test('every activation and derivative over the kernels\' ranges', () => {
    const xs = [];
    for (let i = -4000; i <= 4000; i++) xs.push(i / 397);
    xs.push(...XS);
    for (const { name } of simd.activations) {
      expect([name, differences(simd.evaluate(name, xs), base.evaluate(name, xs))]).toEqual([name, []]);
      expect([name, differences(simd.derivative(name, xs), base.derivative(name, xs))]).toEqual([name, []]);
    }
  });

  test('softmax family', () => {
    const z = [-1, 2, -3, 4, 1000, -1000, 0.5, 3e-9];
    expect(differences(simd.softmax(z), base.softmax(z))).toEqual([]);
    expect(differences(simd.logSoftmax(z), base.logSoftmax(z))).toEqual([]);
    expect(differences(simd.softmaxJacobian(z), base.softmaxJacobian(z))).toEqual([]);
    expect(differences(simd.sparsemax(z), base.sparsemax(z))).toEqual([]);
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
