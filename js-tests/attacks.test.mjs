// The API attacks of issue 22, each as it was reported (and the nearby ones a
// second look found): every one now gets a clear error naming what was wrong,
// or the right answer; none a silent NaN, a stale value or a megabyte message.
import { loadActLab, ActLabError } from '../web/lib/actlab.js';

let lab;
beforeAll(async () => {
  lab = await loadActLab();
});

// What a call does: ['ok', value] or [code or error class, message].
function outcome(f) {
  try {
    return ['ok', f()];
  } catch (e) {
    return [e instanceof ActLabError ? e.code : e.constructor.name, e.message];
  }
}

test('a hole in the inputs is a TypeError naming it, wherever it is (was: a row of zeros)', () => {
  const net = lab.createNetwork({ layers: [2, 4, 1] });
  // eslint-disable-next-line no-sparse-arrays
  for (const [inputs, at] of [[[[1, 2], , [3, 4]], 1], [[, [1, 2]], 0], [[1, 2, , 4], 2]]) {
    const [code, message] = outcome(() => net.predict(inputs));
    expect(code).toBe('TypeError');
    expect(message).toContain(`inputs[${at}] is a hole`);
  }
  net.dispose();
});

test('a Proxy whose length changes between reads is read once (never an earlier call\'s values)', () => {
  const net = lab.createNetwork({ layers: [2, 4, 1], seed: 3 });
  const rows = [[1, 2], [3, 4], [5, 6]];
  net.predict(rows); // an earlier call with three rows
  let reads = 0;
  const shifty = new Proxy([[1, 2], [3, 4], [5, 6]], {
    get(target, key) {
      if (key === 'length') return ++reads === 1 ? 2 : 3;
      return Reflect.get(target, key);
    },
  });
  expect(Array.from(net.predict(shifty))).toEqual(Array.from(net.predict(rows.slice(0, 2))));
  expect(reads).toBe(1);
  net.dispose();
});

test('createNetwork checks the activation even without hidden layers (was: accepted)', () => {
  expect(outcome(() => lab.createNetwork({ layers: [2, 1], activation: 'nope' }))[0]).toBe('unknown_activation');
  expect(outcome(() => lab.createNetwork({ layers: [2, 1], activation: 42 }))[0]).toBe('invalid_config');
  expect(outcome(() => lab.createNetwork({ layers: [2, 1], activation: { name: 'relu', params: { alpha: 1 } } }))[0])
    .toBe('invalid_param');
  const ok = lab.createNetwork({ layers: [2, 1], activation: 'relu' });
  expect(ok.config.activation).toEqual([]);
  ok.dispose();
});

test('the layers are checked first: a bad layers list is named as such, in a short message', () => {
  for (const layers of ['abc', Array(99999).fill(2), [2]]) {
    const [code, message] = outcome(() => lab.createNetwork({ layers, activation: ['relu'] }));
    expect(code).toBe('invalid_config');
    expect(message).toMatch(/^createNetwork: layers must be/);
    expect(message.length).toBeLessThan(300);
  }
});

test('every fault in a saved file\'s params is invalid_json, as the docs say (was: TypeError or bad_size)', () => {
  const net = lab.createNetwork({ layers: [2, 3, 1], seed: 2 });
  const saved = net.toJSON();
  const n = net.paramCount;
  const good = saved.params;
  // eslint-disable-next-line no-sparse-arrays
  const broken = [[], good.slice(1), [...good, 0], [[1, 2], [3]], ['1', ...good.slice(1)], [null, ...good.slice(1)],
    [, ...good.slice(1)], [NaN, ...good.slice(1)], [Infinity, ...good.slice(1)], good.map((v) => [v]), 'abc', {}, null];
  for (const params of broken) {
    const [code, message] = outcome(() => lab.networkFromJSON({ ...saved, params }));
    expect([JSON.stringify(params)?.slice(0, 30), code]).toEqual([JSON.stringify(params)?.slice(0, 30), 'invalid_json']);
    expect(message.length).toBeLessThan(300);
  }
  expect(outcome(() => lab.networkFromJSON({ ...saved, params: good.slice(1) }))[1])
    .toBe(`networkFromJSON: params must be an array of ${n} finite numbers, got an array of length ${n - 1}`);
  const back = lab.networkFromJSON(saved);
  expect(Array.from(back.getParams())).toEqual(good);
  back.dispose();
  net.dispose();
});

test('binaryCrossEntropy names the bad target and never speaks of sums (targets are independent)', () => {
  const [code, message] = outcome(() => lab.binaryCrossEntropy([0.5, -1, 2], [1, 0, 1.5]));
  expect(code).toBe('invalid_label');
  expect(message).toBe('binaryCrossEntropy: targets[2] is 1.5; each target must be in [0, 1]');
  expect(outcome(() => lab.binaryCrossEntropy([0], [NaN]))[1]).toContain('targets[0] is NaN');
  // Targets summing to 2 are fine: each is a separate yes/no.
  expect(outcome(() => lab.binaryCrossEntropy([1, 1], [1, 1]))[0]).toBe('ok');
  // Losses near the largest double: the mean is finite though the sum is not.
  // softplus(1e308) - 0 = 1e308; softplus(-1e308) - 1 * (-1e308) = 1e308: the mean is 1e308.
  const { loss } = lab.binaryCrossEntropy([1e308, -1e308], [0, 1]);
  expect(loss).toBe(1e308);
});

test('inputs whose squares overflow a network\'s features are refused (was: NaN with no error)', () => {
  const net = lab.createNetwork({ layers: [7, 8, 1], features: ['x1', 'x2', 'x1_sq', 'x2_sq', 'x1_x2', 'sin_x1', 'sin_x2'] });
  const [code, message] = outcome(() => net.predict([[8e307, 1], [1, 1]]));
  expect(code).toBe('invalid_input');
  expect(message).toContain('row 0 column 0');
  expect(message).toContain('x1_sq');
  expect(outcome(() => net.grid({ xMin: -8e307, xMax: 8e307, yMin: -1, yMax: 1, resolution: 3 }))[0]).toBe('invalid_param');
  // Below the limit the outputs are numbers.
  expect(Array.from(net.predict([[1e100, -1e100]])).every(Number.isFinite)).toBe(true);
  expect(outcome(() => net.grid({ xMin: -1.7e308, xMax: 1.7e308, resolution: 3 }))[0]).toBe('invalid_param');
  // A network without product features takes any finite input.
  const plain = lab.createNetwork({ layers: [2, 4, 1] });
  expect(Array.from(plain.predict([[8e307, -8e307]])).every(Number.isFinite)).toBe(true);
  plain.dispose();
  net.dispose();
});

test('a key or name a megabyte long gives a message of a line, not a megabyte', () => {
  const long = 'a'.repeat(1e6);
  const net = lab.createNetwork({ layers: [2, 3, 1] });
  const saved = net.toJSON();
  const calls = {
    'config key': () => lab.createNetwork({ layers: [2, 1], [long]: 1 }),
    'features listed 100,000 times': () => lab.createNetwork({ layers: [2, 1], features: Array(1e5).fill('x1') }),
    'JSON format': () => lab.networkFromJSON({ ...saved, format: long }),
    'JSON version': () => lab.networkFromJSON({ ...saved, version: long }),
    'evaluate parameter': () => lab.evaluate('relu', [1], { [long]: 1 }),
    'softmax option': () => lab.softmax([1, 2], { [long]: 1 }),
    'grid option': () => net.grid({ [long]: 1 }),
    'training option': () => net.setTrainingOptions({ [long]: 1 }),
    'activation name': () => lab.evaluate(long, [1]),
    'loadActLab-style options': () => lab.makeDataset('circle', { [long]: 1 }),
  };
  for (const [what, call] of Object.entries(calls)) {
    const [code, message] = outcome(call);
    expect([what, code === 'ok']).toEqual([what, false]);
    expect([what, message.length < 600]).toEqual([what, true]);
  }
  net.dispose();
});
