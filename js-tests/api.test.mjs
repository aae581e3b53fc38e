// The JS API's contract: the catalog, input types, every error code, and
// memory growth. Expected values come from identities or from plain JS maths,
// never from the module itself.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ActLabError, MAX_LENGTH, loadActLab } from '../web/lib/actlab.js';
import { ROOT, thrown, ulpDistance } from './helpers.mjs';

let lab;
beforeAll(async () => { lab = await loadActLab(); });

describe('catalog', () => {
  // The contract from issue 2: names in order, parameter names and defaults.
  const CONTRACT = [
    ['identity'], ['step'], ['sigmoid'], ['tanh'], ['relu'], ['leaky_relu', { alpha: 0.01 }],
    ['prelu', { alpha: 0.25 }], ['elu', { alpha: 1 }], ['selu'], ['celu', { alpha: 1 }], ['gelu'],
    ['gelu_tanh'], ['silu'], ['swish', { beta: 1 }], ['mish'], ['softplus', { beta: 1 }],
    ['softsign'], ['squareplus', { b: 4 }], ['hard_sigmoid'], ['hard_sigmoid_keras2'], ['sparse_sigmoid'], ['hard_tanh'],
    ['hard_swish'], ['relu6'], ['log_sigmoid'], ['tanh_shrink'], ['soft_shrink', { lambda: 0.5 }],
    ['hard_shrink', { lambda: 0.5 }], ['threshold', { threshold: 0, value: 0 }], ['sparse_plus'],
    ['exponential'], ['sin'],
  ];

  test('names, parameters and defaults are the issue\'s contract', () => {
    const got = lab.activations.map((a) => [a.name, Object.fromEntries(a.params.map((p) => [p.name, p.default]))]);
    expect(got).toEqual(CONTRACT.map(([n, p]) => [n, p ?? {}]));
  });

  test('activations equal the native build\'s catalog', () => {
    const exe = `${process.env.ACTLAB_NATIVE_BUILD ?? `${ROOT}/build`}/actlab_catalog`;
    if (!existsSync(exe)) throw new Error(`${exe} is missing: build the native tree first (scripts/build.sh)`);
    const native = JSON.parse(execFileSync(exe, { encoding: 'utf8' }));
    expect(JSON.parse(JSON.stringify(lab.activations))).toEqual(native);
  });

  test('the catalog is read-only', () => {
    expect(Object.isFrozen(lab.activations)).toBe(true);
    expect(Object.isFrozen(lab.activations[5].params[0])).toBe(true);
  });
});

describe('inputs', () => {
  const xs = [-3.5, -1, -0.25, 0, 1e-300, 0.5, 2, 700];

  test('number[], Float64Array and Float32Array give the same results', () => {
    const f32 = Float32Array.from(xs); // every value above except 1e-300 is exact in float32
    const asF64 = Float64Array.from(f32);
    for (const name of ['tanh', 'gelu', 'softplus', 'relu']) {
      const a = lab.evaluate(name, xs);
      const b = lab.evaluate(name, Float64Array.from(xs));
      const c = lab.evaluate(name, f32);
      const d = lab.evaluate(name, asF64);
      expect(a).toBeInstanceOf(Float64Array);
      expect([...a]).toEqual([...b]);
      expect([...c]).toEqual([...d]);
    }
  });

  test('inputs are not modified and results are fresh arrays', () => {
    const input = Float64Array.from(xs);
    const out1 = lab.evaluate('sigmoid', input);
    const out2 = lab.evaluate('sigmoid', input);
    expect([...input]).toEqual(xs);
    expect(out1).not.toBe(out2);
    out1[0] = 99;
    expect(out2[0]).not.toBe(99);
  });

  test('an empty array gives an empty result', () => {
    expect(lab.evaluate('relu', []).length).toBe(0);
    expect(lab.derivative('relu', new Float64Array(0)).length).toBe(0);
  });

  test('parameters change the result as the formulas say', () => {
    // leaky_relu(x) = alpha x for x < 0; softplus with beta: log(1 + e^(beta x)) / beta.
    expect(lab.evaluate('leaky_relu', [-2], { alpha: 0.3 })[0]).toBe(-0.6);
    expect(lab.evaluate('leaky_relu', [-2])[0]).toBe(-0.02);
    const sp = lab.evaluate('softplus', [1], { beta: 2 })[0];
    expect(ulpDistance(sp, Math.log1p(Math.exp(2)) / 2)).toBeLessThanOrEqual(2);
    expect([...lab.evaluate('threshold', [0.5, 1.5], { threshold: 1, value: -7 })]).toEqual([-7, 1.5]);
    // Partial params: the other keeps its default (value = 0).
    expect([...lab.evaluate('threshold', [0.5, 1.5], { threshold: 1 })]).toEqual([0, 1.5]);
  });

  test('prelu: derivative with respect to alpha is min(x, 0)', () => {
    expect([...lab.paramDerivative('prelu', [-2, 0, 3], 'alpha')]).toEqual([-2, 0, 0]);
  });

  test('argmax takes the first index on ties', () => {
    expect(lab.argmax([1, 5, 5, 2])).toBe(1);
    expect(lab.argmax(Float32Array.from([-1, -1]))).toBe(0);
  });

  test('crossEntropy accepts a class index or a distribution', () => {
    const z = [0.5, -1, 2];
    const byIndex = lab.crossEntropy(z, 2);
    const byVector = lab.crossEntropy(z, [0, 0, 1]);
    expect(byIndex.loss).toBe(byVector.loss);
    expect([...byIndex.gradient]).toEqual([...byVector.gradient]);
    // loss = -log softmax(z)[2], gradient = p - y
    const p = lab.softmax(z);
    expect(ulpDistance(byIndex.loss, -Math.log(p[2]))).toBeLessThanOrEqual(4);
    expect(Math.abs(byIndex.gradient[2] - (p[2] - 1))).toBeLessThan(1e-16);
  });

  test('binaryCrossEntropy returns losses, their mean and the gradient', () => {
    const r = lab.binaryCrossEntropy([0, 0], [1, 0]);
    expect(ulpDistance(r.loss, Math.LN2)).toBeLessThanOrEqual(1);
    expect([...r.gradient]).toEqual([-0.5, 0.5]);
  });
});

describe('errors', () => {
  test('TypeError for wrong argument types, naming the argument', () => {
    const cases = [
      () => lab.evaluate(42, [1]),
      () => lab.evaluate('relu', 'abc'),
      () => lab.evaluate('relu', [1, '2']),
      () => lab.evaluate('relu', new Int32Array(2)),
      () => lab.evaluate('relu', { length: 2 }),
      () => lab.evaluate('leaky_relu', [1], 0.1),
      () => lab.evaluate('leaky_relu', [1], { alpha: '0.1' }),
      () => lab.softmax([1, 2], 2),
      () => lab.softmax([1, 2], { temperature: '2' }),
      () => lab.softmax(null),
      () => lab.paramDerivative('prelu', [1], 0),
    ];
    for (const c of cases) {
      const err = thrown(c);
      expect(err).toBeInstanceOf(TypeError);
      expect(err.message.length).toBeGreaterThan(20);
    }
    expect(thrown(() => lab.evaluate('relu', [1, '2'])).message).toMatch(/xs\[1\]/);
  });

  test('unknown_activation lists the valid names and suggests the nearest', () => {
    const err = thrown(() => lab.evaluate('sigmiod', [1]));
    expect(err).toBeInstanceOf(ActLabError);
    expect(err.code).toBe('unknown_activation');
    expect(err.message).toMatch(/did you mean sigmoid\?/);
    for (const a of lab.activations) expect(err.message).toContain(a.name);
    expect(thrown(() => lab.derivative('', [1])).code).toBe('unknown_activation');
    expect(thrown(() => lab.evaluate('__proto__', [1])).code).toBe('unknown_activation');
  });

  test('invalid_param: misspelt names, non-finite and out-of-range values', () => {
    const misspelt = thrown(() => lab.evaluate('elu', [1], { aplha: 2 }));
    expect(misspelt.code).toBe('invalid_param');
    expect(misspelt.message).toMatch(/"aplha".*did you mean alpha\?.*its parameters are alpha/);
    expect(thrown(() => lab.evaluate('relu', [1], { alpha: 2 })).message).toMatch(/takes no parameters/);
    for (const v of [NaN, Infinity, -Infinity]) {
      const err = thrown(() => lab.evaluate('leaky_relu', [1], { alpha: v }));
      expect(err.code).toBe('invalid_param');
      expect(err.message).toMatch(/alpha must be a finite number/);
    }
    expect(thrown(() => lab.evaluate('softplus', [1], { beta: 0 })).message).toMatch(/beta must be a finite number > 0/);
    expect(thrown(() => lab.evaluate('celu', [1], { alpha: 0 })).message).toMatch(/other than 0/);
    expect(thrown(() => lab.evaluate('squareplus', [1], { b: -1 })).message).toMatch(/>= 0/);
    for (const t of [0, -1, NaN, Infinity]) {
      expect(thrown(() => lab.softmax([1, 2], { temperature: t })).code).toBe('invalid_param');
    }
    expect(thrown(() => lab.softmax([1, 2], { temprature: 2 })).message).toMatch(/only option is temperature/);
    expect(thrown(() => lab.paramDerivative('prelu', [1], 'beta')).code).toBe('invalid_param');
  });

  test('bad_size: empty logits, mismatched lengths, too-large outputs', () => {
    expect(thrown(() => lab.softmax([])).code).toBe('bad_size');
    expect(thrown(() => lab.argmax([])).code).toBe('bad_size');
    expect(thrown(() => lab.crossEntropy([1, 2], [1])).code).toBe('bad_size');
    expect(thrown(() => lab.binaryCrossEntropy([1, 2], [1])).code).toBe('bad_size');
    // 11586^2 > MAX_LENGTH: refused before anything is allocated.
    const n = Math.ceil(Math.sqrt(MAX_LENGTH + 1));
    expect(thrown(() => lab.softmaxJacobian(new Float64Array(n))).code).toBe('bad_size');
  });

  test('invalid_label, domain and unsupported', () => {
    expect(thrown(() => lab.crossEntropy([1, 2], 2)).code).toBe('invalid_label');
    expect(thrown(() => lab.crossEntropy([1, 2], 0.5)).code).toBe('invalid_label');
    expect(thrown(() => lab.crossEntropy([1, 2], [0.5, 0.6])).code).toBe('invalid_label');
    expect(thrown(() => lab.binaryCrossEntropy([1], [NaN])).code).toBe('invalid_label');
    expect(thrown(() => lab.softmax([-Infinity, -Infinity])).code).toBe('domain');
    const unsupported = thrown(() => lab.paramDerivative('elu', [1], 'alpha'));
    expect(unsupported.code).toBe('unsupported');
    expect(unsupported).toBeInstanceOf(ActLabError);
  });

  test('out_of_memory is reported and the instance keeps working', async () => {
    const own = await loadActLab();
    // Three buffers of 2^27 doubles (3 GiB) cannot fit in the 2 GiB heap.
    const big = new Float32Array(MAX_LENGTH);
    const err = thrown(() => own.binaryCrossEntropy(big, big));
    expect(err.code).toBe('out_of_memory');
    expect([...own.evaluate('relu', [-1, 2])]).toEqual([0, 2]);
  }, 60000);

  test('a failed call leaves the instance usable (no leaked or stale state)', () => {
    for (let i = 0; i < 1000; i++) thrown(() => lab.crossEntropy([1, 2, 3], [0.2, 0.2, 0.2]));
    expect(ulpDistance(lab.softmax([0, 0])[0], 0.5)).toBe(0);
  });
});

describe('memory growth', () => {
  test('10 million elements are computed correctly, before and after the heap grows', async () => {
    const own = await loadActLab();
    const before = own.evaluate('tanh', [0.5, -2]);
    const n = 10_000_000;
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i++) xs[i] = (i - n / 2) * 1e-6;
    const ys = own.evaluate('relu', xs);
    const ts = own.derivative('tanh', xs);
    expect(ys.length).toBe(n);
    let bad = 0;
    for (let i = 0; i < n; i += 997) {
      if (ys[i] !== Math.max(xs[i], 0)) bad++;
      // sech^2 via Math.cosh carries about 3 roundings: allow 1e-15 relative.
      const c = Math.cosh(xs[i]);
      if (Math.abs(ts[i] - 1 / (c * c)) > 1e-15 / (c * c)) bad++;
    }
    expect(bad).toBe(0);
    expect(ys[n - 1]).toBe(xs[n - 1]);
    // Small calls after growth still see the right data.
    const after = own.evaluate('tanh', [0.5, -2]);
    expect([...after]).toEqual([...before]);
    expect(ulpDistance(after[0], Math.tanh(0.5))).toBeLessThanOrEqual(1);
  }, 60000);
});

describe('loading', () => {
  test('the same file loads in plain Node (outside Jest)', () => {
    const script = "import('./web/lib/actlab.js').then((m) => m.loadActLab())" +
      ".then((lab) => console.log(lab.evaluate('relu', [-1, 2]).join(',')))";
    const out = execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(out.trim()).toBe('0,2');
  });

  test('a wasmBinary option skips the request; a bad binary is a clear error', async () => {
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(`${ROOT}/web/lib/actlab_core.wasm`);
    const own = await loadActLab({ wasmBinary: bytes });
    expect([...own.evaluate('step', [-1, 0])]).toEqual([0, 1]);
    await expect(loadActLab({ wasmBinary: new Uint8Array([1, 2, 3]) })).rejects.toMatchObject({ code: 'load_failed' });
    await expect(loadActLab({ wasmUrl: 'missing.wasm' })).rejects.toThrow(/missing\.wasm/);
    await expect(loadActLab('x')).rejects.toBeInstanceOf(TypeError);
  });
});
