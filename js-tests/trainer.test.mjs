// Training away from the page (web/app/training.js, the code the Worker
// runs, and web/app/trainer.js, the page's side with its fallback): the
// independent reference is the plain API, one net.train({epochs: 1}) call
// per epoch, as the README documents. Every figure the trainer reports must
// equal that reference to the last bit, whatever the chunking; divergence,
// trial runs, closed groups and bad requests behave as documented.
import { loadActLab } from '../web/lib/actlab.js';
import { createTrainingHost } from '../web/app/training.js';
import { createTrainer, Mirror, trainingLoop } from '../web/app/trainer.js';

let lab;
let data;
beforeAll(async () => {
  lab = await loadActLab();
  data = lab.splitDataset(lab.makeDataset('xor', { count: 200, noise: 0.1, seed: 3 }), { testFraction: 0.3, seed: 3 });
});

const config = (extra = {}) => ({ layers: [2, 5, 3, 1], activation: 'tanh', features: ['x1', 'x2'], seed: 11, ...extra });

// The reference: the same network trained epoch by epoch through the API.
function reference(cfg, epochs) {
  const net = lab.createNetwork(cfg);
  for (let e = 0; e < epochs; e++) net.train(data.train.inputs, data.train.labels, { epochs: 1 });
  const out = {
    epochs: net.epochs, params: [...net.getParams()], grad: [...net.gradientNorms()],
    train: net.evaluate(data.train.inputs, data.train.labels), test: net.evaluate(data.test.inputs, data.test.labels),
  };
  net.dispose();
  return out;
}

const plain = (r) => ({ epochs: r.epochs, params: [...r.params], grad: [...r.grad], train: r.train, test: r.test });

test('the host trains a group in chunks to exactly the epoch-by-epoch reference', () => {
  const host = createTrainingHost(lab);
  const configs = [config(), config({ activation: 'relu', optimizer: 'adam' })];
  expect(host.handle({ type: 'open', gid: 1, nets: configs.map((c) => ({ config: c })), data })).toBeNull();
  let reply;
  for (const chunk of [1, 7, 30, 2]) {
    reply = host.handle({ type: 'step', gid: 1, seq: chunk, epochs: chunk });
    expect([reply.type, reply.gid, reply.seq, reply.version]).toEqual(['stepped', 1, chunk, 0]);
  }
  // 40 epochs in four uneven chunks; every racer has the same count.
  configs.forEach((c, i) => {
    expect(reply.results[i].failedAt).toBeNull();
    expect(plain(reply.results[i])).toEqual(reference(c, 40));
  });
  host.handle({ type: 'close', gid: 1 });
  expect(host.size).toBe(0);
});

test('a time budget stops a step early but never splits an epoch, and always trains one round', () => {
  const host = createTrainingHost(lab);
  host.handle({ type: 'open', gid: 2, nets: [{ config: config() }], data });
  const reply = host.handle({ type: 'step', gid: 2, seq: 1, epochs: 1000, budget: 0 });
  expect(reply.results[0].epochs).toBe(1);
  expect(plain(reply.results[0])).toEqual(reference(config(), 1));
  host.handle({ type: 'close', gid: 2 });
});

test('a saved network continues in the host as it would through the API', () => {
  const net = lab.createNetwork(config());
  net.train(data.train.inputs, data.train.labels, { epochs: 5 });
  const json = net.toJSON();
  net.dispose();
  const host = createTrainingHost(lab);
  host.handle({ type: 'open', gid: 3, nets: [{ json }], data });
  const reply = host.handle({ type: 'step', gid: 3, seq: 1, epochs: 3 });
  const direct = lab.networkFromJSON(json);
  for (let e = 0; e < 3; e++) direct.train(data.train.inputs, data.train.labels, { epochs: 1 });
  expect(reply.results[0].epochs).toBe(8);
  expect([...reply.results[0].params]).toEqual([...direct.getParams()]);
  direct.dispose();
  host.handle({ type: 'close', gid: 3 });
});

test('new data: later steps train on it and report its version', () => {
  const host = createTrainingHost(lab);
  host.handle({ type: 'open', gid: 4, nets: [{ config: config() }], data });
  const other = lab.splitDataset(lab.makeDataset('circle', { count: 100, seed: 5 }), { testFraction: 0.5, seed: 5 });
  host.handle({ type: 'data', gid: 4, data: other, version: 1 });
  const reply = host.handle({ type: 'step', gid: 4, seq: 1, epochs: 2 });
  expect(reply.version).toBe(1);
  const net = lab.createNetwork(config());
  for (let e = 0; e < 2; e++) net.train(other.train.inputs, other.train.labels, { epochs: 1 });
  expect(reply.results[0].test).toEqual(net.evaluate(other.test.inputs, other.test.labels));
  net.dispose();
  host.handle({ type: 'close', gid: 4 });
});

test('a diverging network stops with its epoch count while the others go on', () => {
  const plane = lab.splitDataset(lab.makeDataset('plane', { count: 200, seed: 1 }), { testFraction: 0.5, seed: 1 });
  const regression = (lr) => ({ layers: [2, 4, 1], output: 'identity', loss: 'mse', features: ['x1', 'x2'], learningRate: lr, seed: 1 });
  const host = createTrainingHost(lab);
  host.handle({ type: 'open', gid: 5, nets: [{ config: regression(10) }, { config: regression(0.01) }], data: plane });
  const reply = host.handle({ type: 'step', gid: 5, seq: 9, epochs: 50 });
  const [bad, good] = reply.results;
  // The reference: the API throws 'diverged' at the same epoch.
  const net = lab.createNetwork(regression(10));
  let at = null;
  for (let e = 0; e < 50 && at === null; e++) {
    try {
      net.train(plane.train.inputs, plane.train.labels, { epochs: 1 });
    } catch (err) {
      expect(err.code).toBe('diverged');
      at = net.epochs;
    }
  }
  expect(at).not.toBeNull();
  expect([bad.failedAt, bad.epochs]).toEqual([at, at]);
  expect([...bad.params]).toEqual([...net.getParams()]);
  expect(bad.params.every(Number.isFinite)).toBe(true);
  net.dispose();
  expect([good.failedAt, good.epochs]).toEqual([null, 50]);
  // The trial runs: each trial's training loss after 50 epochs through the API, or null if it diverged.
  const configs = [10, 3, 0.3, 0.1].map(regression);
  const trial = host.handle({ type: 'tried', seq: 10, trials: [], data: plane, epochs: 1 });
  expect(trial.message).toBe('unknown training request "tried"');
  const tried = host.handle({ type: 'trial', seq: 10, trials: configs.map((c) => ({ config: c })), data: plane, epochs: 50 });
  const expected = configs.map((c) => {
    const n = lab.createNetwork(c);
    try {
      n.train(plane.train.inputs, plane.train.labels, { epochs: 50 });
      return n.evaluate(plane.train.inputs, plane.train.labels).loss;
    } catch (err) {
      expect(err.code).toBe('diverged');
      return null;
    } finally {
      n.dispose();
    }
  });
  expect(expected.filter((v) => v === null).length).toBeGreaterThan(0);
  expect(expected.filter((v) => v !== null).length).toBeGreaterThan(0);
  expect(tried).toEqual({ type: 'tried', seq: 10, losses: expected });
  // A lower rate given to the diverged network lets it go on from where it stopped.
  host.handle({ type: 'configure', gid: 5, options: { learningRate: 0.01 } });
  const after = host.handle({ type: 'step', gid: 5, seq: 12, epochs: 5 }).results;
  expect([after[0].failedAt, after[0].epochs, after[1].epochs]).toEqual([null, at + 5, 55]);
  host.handle({ type: 'close', gid: 5 });
});

test('training options, an edited weight and the saved JSON: the host carries on as the API does', () => {
  const host = createTrainingHost(lab);
  const cfg = config({ optimizer: 'adam' });
  host.handle({ type: 'open', gid: 7, nets: [{ config: cfg }], data });
  host.handle({ type: 'step', gid: 7, seq: 1, epochs: 4 });
  host.handle({ type: 'configure', gid: 7, options: { learningRate: 0.002, batchSize: 32, l2: 0.01 } });
  host.handle({ type: 'edit', gid: 7, net: 0, index: 3, value: 0.75 });
  const reply = host.handle({ type: 'step', gid: 7, seq: 2, epochs: 3 });
  // The same through the API: 4 epochs, new options, the edit, 3 more.
  const net = lab.createNetwork(cfg);
  net.train(data.train.inputs, data.train.labels, { epochs: 4 });
  net.setTrainingOptions({ learningRate: 0.002, batchSize: 32, l2: 0.01 });
  net.setParam(3, 0.75);
  for (let e = 0; e < 3; e++) net.train(data.train.inputs, data.train.labels);
  expect([...reply.results[0].params]).toEqual([...net.getParams()]);
  // Its JSON, optimiser state included, is the API's.
  const saved = host.handle({ type: 'json', gid: 7, seq: 3 });
  expect([saved.type, saved.seq]).toEqual(['saved', 3]);
  expect(saved.nets[0]).toEqual(net.toJSON());
  // A trial from that JSON with another rate trains on from epoch 7, as the API does.
  const going = host.handle({ type: 'trial', seq: 4, trials: [{ json: saved.nets[0], options: { learningRate: 0.001 } }], data, epochs: 2 });
  net.setTrainingOptions({ learningRate: 0.001 });
  net.train(data.train.inputs, data.train.labels, { epochs: 2 });
  expect(going.losses).toEqual([net.evaluate(data.train.inputs, data.train.labels).loss]);
  // Bad options and edits make the next step say why.
  host.handle({ type: 'configure', gid: 7, options: { learningRate: -1 } });
  expect(host.handle({ type: 'step', gid: 7, seq: 5, epochs: 1 }).message).toMatch(/learningRate must be a number > 0/);
  net.dispose();
  host.handle({ type: 'close', gid: 7 });
  host.handle({ type: 'open', gid: 8, nets: [{ config: cfg }], data });
  host.handle({ type: 'edit', gid: 8, net: 2, index: 0, value: 1 });
  expect(host.handle({ type: 'step', gid: 8, seq: 6, epochs: 1 }).message).toBe('training group 8 has no network 2');
  host.handle({ type: 'close', gid: 8 });
});

test('data without test rows trains, and reports no test figures', () => {
  const host = createTrainingHost(lab);
  const empty = { inputs: new Float64Array(0), labels: new Float64Array(0) };
  host.handle({ type: 'open', gid: 9, nets: [{ config: config() }], data: { train: data.train, test: empty } });
  const reply = host.handle({ type: 'step', gid: 9, seq: 1, epochs: 2 });
  expect(reply.results[0].test).toBeNull();
  expect(reply.results[0].train).toEqual(reference(config(), 2).train);
  host.handle({ type: 'close', gid: 9 });
});

test('bad requests get an error reply naming what was wrong, never an exception', () => {
  const host = createTrainingHost(lab);
  expect(host.handle({ type: 'step', gid: 99, seq: 1, epochs: 1 })).toEqual(
    { type: 'error', gid: 99, seq: 1, message: 'training group 99 is not open' });
  expect(host.handle({ type: 'fly', seq: 2 }).message).toBe('unknown training request "fly"');
  expect(host.handle(null).message).toBe('unknown training request undefined');
  const bad = host.handle({ type: 'open', gid: 6, seq: 3, nets: [{ config: config() }, { config: { layers: [2, 1], init: 'xavier' } }], data });
  expect([bad.type, bad.gid]).toEqual(['error', 6]);
  expect(bad.message).toMatch(/init must be one of/);
  expect(host.size).toBe(0); // the first network was freed again
  // Later requests for that group say why it is not there.
  expect(host.handle({ type: 'step', gid: 6, seq: 4, epochs: 1 }).message).toMatch(/^training group 6 could not be opened: createNetwork: init must be one of/);
});

test('without a Worker the trainer trains on the page, to the same bits, and keeps requests in order', async () => {
  const trainer = createTrainer({ lab });
  expect(await trainer.ready).toBe('page');
  expect(trainer.why).toBe('no worker script');
  const mirror = new Mirror(lab.createNetwork(config()));
  const group = trainer.open([{ config: config() }], data);
  // Three requests at once: they are answered in the order asked.
  const replies = await Promise.all([group.step(3), group.step(4), group.step(5)]);
  expect(replies.map((r) => r.results[0].epochs)).toEqual([3, 7, 12]);
  mirror.apply(replies[2].results[0]);
  const ref = reference(config(), 12);
  expect([mirror.epochs, [...mirror.net.getParams()], [...mirror.grad]]).toEqual([12, ref.params, ref.grad]);
  // The mirror draws what the trained network would: same predictions, and its JSON carries the epochs.
  expect(mirror.toJSON().epochs).toBe(12);
  const loaded = lab.networkFromJSON(mirror.toJSON());
  expect(loaded.epochs).toBe(12);
  expect([...loaded.predict(data.test.inputs)]).toEqual([...mirror.net.predict(data.test.inputs)]);
  loaded.dispose();
  // A page budget of 0 ms: one round per request.
  expect((await group.step(100, 0)).results[0].epochs).toBe(13);
  // A closed group's pending answers come back as null.
  const late = group.step(1);
  group.close();
  expect(await late).toBeNull();
  expect(await group.step(1)).toBeNull(); // and so does a step asked after the close
  // The trial runs go through the trainer too.
  expect(await trainer.trial([{ config: config() }], data, 5)).toEqual([reference(config(), 5).train.loss]);
  // So do options, edits and saved JSON.
  const g2 = trainer.open([{ config: config() }], data);
  await g2.step(2);
  g2.configure({ learningRate: 0.1 });
  g2.edit(0, 0, 0.5);
  const [saved] = await g2.json();
  expect([saved.epochs, saved.config.learningRate, saved.params[0]]).toEqual([2, 0.1, 0.5]);
  g2.close();
  expect(await g2.json()).toEqual([]);
  mirror.dispose();
});

// A deep copy of a message, as postMessage makes one. (Not structuredClone:
// under Jest it makes objects of another realm, which the API rightly does
// not take for plain objects.)
const copy = (v) => (ArrayBuffer.isView(v) ? new Float64Array(v) : Array.isArray(v) ? v.map(copy)
  : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)])) : v);

// A stand-in for the browser's Worker in Node: runs the same training host
// on copies of the messages, answering asynchronously.
function fakeWorker({ init = 'ready', crashAfter = Infinity } = {}) {
  let host = null;
  let handled = 0;
  const worker = {
    terminated: false,
    onmessage: null,
    onerror: null,
    postMessage(message) {
      const sent = copy(message);
      setTimeout(() => {
        if (worker.terminated) return;
        if (sent.type === 'init') {
          host = createTrainingHost(lab);
          worker.onmessage({ data: init === 'ready' ? { type: 'ready' } : { type: 'failed', message: init } });
          return;
        }
        if (++handled > crashAfter) {
          worker.onerror({ message: 'out of memory' });
          return;
        }
        const reply = host.handle(sent);
        if (reply) worker.onmessage({ data: copy(reply) });
      }, 0);
    },
    terminate() { worker.terminated = true; },
  };
  return worker;
}

describe('with a Worker', () => {
  beforeAll(() => { globalThis.Worker = function Worker() {}; });
  afterAll(() => { delete globalThis.Worker; });

  test('training goes to the Worker and comes back to the same bits', async () => {
    const trainer = createTrainer({ lab, wasm: new Uint8Array(8), makeWorker: () => fakeWorker() });
    expect(trainer.mode).toBe('starting');
    expect(await trainer.ready).toBe('worker');
    const group = trainer.open([{ config: config() }], data);
    const [a, b] = await Promise.all([group.step(6), group.step(4, 0)]);
    expect([a.results[0].epochs, b.results[0].epochs]).toEqual([6, 10]);
    expect(plain(b.results[0])).toEqual(reference(config(), 10));
    group.close();
  });

  test('a Worker that cannot start or load leaves training on the page, with the reason', async () => {
    const throws = createTrainer({ lab, wasm: new Uint8Array(8), makeWorker: () => { throw new Error('blocked by the sandbox'); } });
    expect([await throws.ready, throws.why]).toEqual(['page', 'blocked by the sandbox']);
    const fails = createTrainer({ lab, wasm: new Uint8Array(8), makeWorker: () => fakeWorker({ init: 'could not compile' }) });
    expect([await fails.ready, fails.why]).toEqual(['page', 'could not compile']);
    const noBytes = createTrainer({ lab, makeWorker: () => fakeWorker() });
    expect([await noBytes.ready, noBytes.why]).toEqual(['page', 'no worker script']);
    const group = fails.open([{ config: config() }], data);
    expect(plain((await group.step(2)).results[0])).toEqual(reference(config(), 2));
    group.close();
  });

  test('a Worker that stops mid-training: the networks go on on the page from where it left them, to the same bits', async () => {
    // SGD keeps no optimiser state, so going on from the parameters and epoch count is exact.
    const moved = [];
    const trainer = createTrainer({ lab, wasm: new Uint8Array(8), makeWorker: () => fakeWorker({ crashAfter: 3 }),
      onMoved: (why) => moved.push(why) });
    const group = trainer.open([{ config: config() }], data); // message 1
    expect((await group.step(3)).results[0].epochs).toBe(3); // 2
    group.configure({ learningRate: 0.05 }); // 3
    group.edit(0, 0, 0.25); // 4: the Worker dies here
    const after = await group.step(4);
    expect([trainer.mode, trainer.why, moved]).toEqual(['page', 'the training worker stopped: out of memory',
      ['the training worker stopped: out of memory']]);
    const net = lab.createNetwork(config());
    for (let e = 0; e < 3; e++) net.train(data.train.inputs, data.train.labels, { epochs: 1 });
    net.setTrainingOptions({ learningRate: 0.05 });
    net.setParam(0, 0.25);
    for (let e = 0; e < 4; e++) net.train(data.train.inputs, data.train.labels, { epochs: 1 });
    expect([after.results[0].epochs, [...after.results[0].params]]).toEqual([7, [...net.getParams()]]);
    net.dispose();
    group.close();
  });

  test('a request out when the Worker stops is answered from the page, not lost', async () => {
    const trainer = createTrainer({ lab, wasm: new Uint8Array(8), makeWorker: () => fakeWorker({ crashAfter: 2 }) });
    const group = trainer.open([{ config: config() }], data); // 1
    expect((await group.step(3)).results[0].epochs).toBe(3); // 2
    const [a, json] = await Promise.all([group.step(2), group.json()]); // 3: the Worker dies on it
    expect(plain(a.results[0])).toEqual(reference(config(), 5));
    expect(json[0].epochs).toBe(5);
    // Before any reply: rebuilt from its first config.
    const early = createTrainer({ lab, wasm: new Uint8Array(8), makeWorker: () => fakeWorker({ crashAfter: 1 }) });
    const g2 = early.open([{ config: config({ optimizer: 'adam' }) }], data); // 1
    g2.configure({ learningRate: 0.003 }); // 2: dies
    const r = await g2.step(2);
    expect(plain(r.results[0])).toEqual((() => {
      const net = lab.createNetwork(config({ optimizer: 'adam' }));
      net.setTrainingOptions({ learningRate: 0.003 });
      net.train(data.train.inputs, data.train.labels, { epochs: 1 });
      net.train(data.train.inputs, data.train.labels, { epochs: 1 });
      const out = { epochs: net.epochs, params: [...net.getParams()], grad: [...net.gradientNorms()],
        train: net.evaluate(data.train.inputs, data.train.labels), test: net.evaluate(data.test.inputs, data.test.labels) };
      net.dispose();
      return out;
    })());
    group.close();
    g2.close();
  });
});

test('the training frame loop keeps at most depth requests out and draws each reply once', async () => {
  // Frames by hand: requestAnimationFrame queues, frame() runs the queue.
  let queue = [];
  globalThis.requestAnimationFrame = (fn) => queue.push(fn);
  globalThis.cancelAnimationFrame = () => {};
  const frame = () => { const q = queue; queue = []; for (const fn of q) fn(); };
  try {
    const drawn = [];
    const asked = [];
    const pending = [];
    const release = [];
    const loop = trainingLoop({
      trainer: () => ({ depth: 2 }),
      draw: (phase) => drawn.push(phase),
      ask: () => {
        asked.push(asked.length);
        loop.track(new Promise((resolve) => release.push(resolve)).then(() => loop.landed()));
      },
      onPending: (n) => pending.push(n),
    });
    loop.start();
    frame();
    frame();
    frame(); // two out: the third frame asks for nothing
    expect([asked.length, pending]).toEqual([2, [1, 2]]);
    release.shift()();
    await new Promise((r) => setTimeout(r, 0));
    expect(pending).toEqual([1, 2, 1]);
    frame(); // draws the reply (phase 1) and asks again
    frame(); // nothing new to draw; two out again
    expect([drawn, asked.length]).toEqual([[1], 3]);
    release.shift()();
    await new Promise((r) => setTimeout(r, 0));
    // Stopped before the next frame: the reply not yet drawn is reported, then drawn by the caller.
    expect(loop.stop()).toBe(true);
    expect(loop.running).toBe(false);
    release.shift()();
    await new Promise((r) => setTimeout(r, 0));
    expect(drawn).toEqual([1, undefined]); // a reply after the stop is drawn at once, in full
    expect(pending[pending.length - 1]).toBe(0);
  } finally {
    delete globalThis.requestAnimationFrame;
    delete globalThis.cancelAnimationFrame;
  }
});

test('runTowards never asks past its goal, counting what is out, and drops answers for a replaced group', async () => {
  const { runTowards } = await import('../web/app/trainer.js');
  const tracked = [];
  const loop = { track: (job) => tracked.push(job) };
  const asked = [];
  const answers = [];
  const group = { step: (n) => { asked.push(n); return new Promise((resolve) => answers.push(() => resolve({ n }))); } };
  const run = runTowards(loop);
  let current = group;
  const replies = [];
  const ask = (at) => run.ask(group, { at, goal: 7, most: 5, current: () => current === group, onReply: (r) => replies.push(r.n),
    onError: () => {} });
  expect(ask(0)).toBe(true); // 5 asked
  expect(ask(0)).toBe(true); // 2 more: 7 out
  expect(ask(0)).toBe(true); // nothing left to ask, but answers are out
  expect(asked).toEqual([5, 2]);
  answers[0]();
  await tracked[0];
  expect(ask(5)).toBe(true); // 5 done, 2 out
  expect(asked).toEqual([5, 2]);
  answers[1]();
  await tracked[1];
  expect(ask(7)).toBe(false); // the goal reached, nothing out: the caller pauses
  expect(replies).toEqual([5, 2]);
  // A new group: what the old one answers is dropped.
  expect(ask(0)).toBe(true);
  current = null;
  run.reset();
  answers[2]();
  await tracked[2];
  expect(replies).toEqual([5, 2]);
});
