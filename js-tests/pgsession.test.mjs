// The playground's session (web/app/pgsession.js) in Node, with the trainer
// training on the page: what the reader does (train, change the rate, add a
// point, change the layers, diverge and take the fix, edit a weight, save and
// load) against the plain API doing the same by hand.
import { loadActLab } from '../web/lib/actlab.js';
import { createSession, networkConfig, playgroundData, LEARNING_RATES } from '../web/app/pgsession.js';
import { defaultState } from '../web/app/state.js';
import { translator } from '../web/app/i18n.js';
import { DICTIONARIES } from '../web/app/lang/index.js';

let lab;
beforeAll(async () => { lab = await loadActLab(); });

const t = translator('en');

// A session and what it told its views.
function start(patch = {}) {
  const told = [];
  const session = createSession({ lab, onChange: (what) => told.push(what) });
  let state = { ...defaultState(), ...patch };
  session.sync(state);
  const set = (p) => {
    state = { ...state, ...p };
    session.sync(state);
  };
  return { session, told, set, get state() { return state; } };
}

// The same by hand: a network on the state's data, trained epoch by epoch.
function byHand(state, epochs) {
  const data = playgroundData(lab, state);
  const net = lab.createNetwork(networkConfig(state, lab.datasets.find((d) => d.name === state.ds)));
  for (let e = 0; e < epochs; e++) net.train(data.train.inputs, data.train.labels);
  return { net, data };
}

test('trains to what the API computes, step by step, and tells its figures', async () => {
  const { session } = start();
  expect(session.result().epoch).toBe(0);
  await session.step(3);
  await session.step(4);
  const { net, data } = byHand(defaultState(), 7);
  const r = session.result();
  expect(r.epoch).toBe(7);
  expect(r.test).toEqual(net.evaluate(data.test.inputs, data.test.labels));
  expect([...session.net.net.getParams()]).toEqual([...net.getParams()]);
  net.dispose();
  session.dispose();
});

test('a new learning rate, batch size, optimiser or penalty goes on from the same epoch and weights', async () => {
  const { session, set } = start({ opt: 'momentum' });
  await session.step(5);
  set({ lr: 0.1, bs: 25, l2: 0.001 });
  expect(session.result().epoch).toBe(5);
  expect(session.notice).toBeNull();
  await session.step(4);
  // By hand: five epochs, then the new options on the same network, then four more.
  const state = { ...defaultState(), opt: 'momentum' };
  const { net, data } = byHand(state, 5);
  net.setTrainingOptions({ learningRate: 0.1, batchSize: 25, l2: 0.001 });
  net.train(data.train.inputs, data.train.labels, { epochs: 4 });
  expect(session.result().epoch).toBe(9);
  expect([...session.net.net.getParams()]).toEqual([...net.getParams()]);
  expect(session.net.net.config.learningRate).toBe(0.1);
  // Another optimiser goes on too (its moments start afresh).
  set({ opt: 'adam' });
  await session.step(1);
  expect(session.result().epoch).toBe(10);
  net.dispose();
  session.dispose();
});

test('new layers, inputs, activations, initialiser or data start again, and say why', async () => {
  const { session, set } = start();
  const cases = [
    [{ hidden: [3] }, 'pg.restart.layers'],
    [{ act: ['relu'] }, 'pg.restart.activation'],
    [{ feat: ['x1', 'x2', 'x1_sq'] }, 'pg.restart.features'],
    [{ init: 'he_normal' }, 'pg.restart.init'],
    [{ noise: 0.2 }, 'pg.restart.data'],
  ];
  for (const [patch, key] of cases) {
    await session.step(2);
    set(patch);
    expect(session.result().epoch).toBe(0);
    expect(session.notice).toEqual({ key, vars: { epochs: 2 } });
    expect(DICTIONARIES.en[key]).toBeDefined();
    expect(DICTIONARIES.zh[key]).toBeDefined();
  }
  // A change before any training says nothing.
  set({ hidden: [5] });
  expect(session.notice).toBeNull();
  // The next step clears the note.
  await session.step(1);
  expect(session.notice).toBeNull();
  session.dispose();
});

// Waits until the session has finished looking for a fix.
// (Trials take a few milliseconds each here; on a loaded machine, give them up to 20 s.)
async function fixFound(session) {
  const until = Date.now() + 20000;
  while (session.failure?.searching && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
  expect(session.failure?.searching).toBe(false);
  return session.failure.fix;
}

// Through the API: a saved network going on with a rate for 50 epochs, and a fresh one;
// their training losses (null if it diverged).
function trialByHand(json, config, lr, data) {
  const run = (net) => {
    try {
      net.train(data.train.inputs, data.train.labels, { epochs: 50 });
      return net.evaluate(data.train.inputs, data.train.labels).loss;
    } catch (err) {
      if (err.code !== 'diverged') throw err;
      return null;
    } finally {
      net.dispose();
    }
  };
  const going = lab.networkFromJSON(json);
  going.setTrainingOptions({ learningRate: lr });
  return { going: run(going), fresh: run(lab.createNetwork({ ...config, learningRate: lr })) };
}

test('divergence early in a good run: a lower rate, and training goes on from where it stopped', async () => {
  // Twenty epochs at 0.03, then 3 with batches of one: it diverges within the first fast epoch.
  const { session, set, told } = start({ ds: 'plane', bs: 1 });
  await session.step(20);
  set({ lr: 3 });
  await session.step(5);
  expect(session.failure.key).toBe('pg.diverged');
  expect(told).toContain('failure');
  expect(session.net.epochs).toBe(20);
  const fix = await fixFound(session);
  expect(fix.restart).toBe(false);
  // Through the API: going on with that rate trains, about as well as starting again with it
  // (within a factor of 2 after 50 epochs), and no higher preset below 3 goes on without diverging.
  const { playground, ...json } = await session.saved();
  const state = { ...defaultState(), ds: 'plane', bs: 1 };
  const data = playgroundData(lab, state);
  const config = networkConfig(state, lab.datasets.find((d) => d.name === 'plane'));
  const byApi = trialByHand(json, config, fix.lr, data);
  expect(byApi.going).not.toBeNull();
  expect(byApi.going).toBeLessThanOrEqual(2 * byApi.fresh);
  for (const lr of LEARNING_RATES.filter((v) => v > fix.lr && v < 3)) {
    const higher = trialByHand(json, config, lr, data);
    expect(higher.going === null || (higher.fresh !== null && higher.going > 2 * higher.fresh)).toBe(true);
  }
  set(session.takeFix());
  expect(session.failure).toBeNull();
  expect(session.net.epochs).toBe(20);
  await session.step(10);
  expect(session.result().epoch).toBe(30);
  expect(Number.isFinite(session.result().train.loss)).toBe(true);
  session.dispose();
}, 30000);

test('a rate lowered while a diverging step is out: the stale divergence is passed over', async () => {
  const { session, set } = start({ ds: 'plane', bs: 1 });
  await session.step(20);
  set({ lr: 3 });
  const out = session.step(5); // it will diverge at 3
  set({ lr: 0.01 }); // the reader lowers the rate while that step is out
  expect(await out).toBe(false); // trained before the change: passed over
  expect(session.failure).toBeNull();
  await session.step(3);
  // By hand: 20 epochs, the fast epoch that diverged (and was undone), 3 at 0.01.
  const state = { ...defaultState(), ds: 'plane', bs: 1 };
  const { net, data } = byHand(state, 20);
  net.setTrainingOptions({ learningRate: 3 });
  expect(() => net.train(data.train.inputs, data.train.labels)).toThrow(/diverged/);
  net.setTrainingOptions({ learningRate: 0.01 });
  net.train(data.train.inputs, data.train.labels, { epochs: 3 });
  expect(session.result().epoch).toBe(23);
  expect([...session.net.net.getParams()]).toEqual([...net.getParams()]);
  net.dispose();
  session.dispose();
});

test('divergence after the weights blew up: starting again with a lower rate, and why', async () => {
  const { session, set } = start({ ds: 'plane', lr: 3, hidden: [4] });
  for (let i = 0; i < 40 && !session.failure; i++) await session.step(5);
  const fix = await fixFound(session);
  expect(fix.restart).toBe(true);
  // The figures it gives are the API's: going on stays far behind a fresh network.
  const { playground, ...json } = await session.saved();
  const state = { ...defaultState(), ds: 'plane', hidden: [4] };
  const byApi = trialByHand(json, networkConfig(state, lab.datasets.find((d) => d.name === 'plane')), fix.lr,
    playgroundData(lab, state));
  expect([fix.going, fix.fresh]).toEqual([byApi.going, byApi.fresh]);
  expect(byApi.going === null || byApi.going > 2 * byApi.fresh).toBe(true);
  set(session.takeFix());
  expect(session.result().epoch).toBe(0);
  await session.step(50);
  expect(session.result().train.loss).toBeLessThan(0.05);
  session.dispose();
}, 30000);

test('divergence the rate cannot cure: an exploding activation is named as the cause', async () => {
  // One exponential layer on the plane diverges at every preset rate.
  const { session } = start({ ds: 'plane', lr: 1, act: ['exponential'], hidden: [8] });
  await session.step(1);
  expect(session.failure?.key).toBe('pg.diverged.first');
  const fix = await fixFound(session);
  expect(fix).toEqual({ lr: null, acts: ['exponential'], init: 'glorot_uniform' });
  expect(t('pg.fix.none', { lr: 1, acts: 'exponential', init: 'Glorot' })).toMatch(/not the cause.*\(exponential\)/);
  session.dispose();
  // Issue 22's dead end: six exponential layers overflow before any training; nothing to try.
  const deep = start({ ds: 'plane', lr: 10, act: ['exponential'], hidden: [8, 8, 8, 8, 8, 8] }).session;
  expect(deep.failure).toEqual({ key: 'pg.overflow', vars: {} });
  expect(await deep.step(1)).toBe(false);
  deep.dispose();
}, 30000);

test('an edited weight: training goes on from the edit', async () => {
  const { session } = start();
  await session.step(3);
  session.editParam(2, 1.5);
  expect(session.net.net.getParams()[2]).toBe(1.5);
  await session.step(2);
  const { net, data } = byHand(defaultState(), 3);
  net.setParam(2, 1.5);
  net.train(data.train.inputs, data.train.labels, { epochs: 2 });
  expect([...session.net.net.getParams()]).toEqual([...net.getParams()]);
  net.dispose();
  session.dispose();
});

test('added points train with the data; undo and clear take them back', async () => {
  const { session } = start();
  const before = session.data.train.labels.length;
  session.addPoint(3, 3, 0);
  session.addPoint(-1, 2, 1);
  expect(session.data.train.labels.length).toBe(before + 2);
  expect(session.ownPoints().length).toBe(2);
  await session.step(1);
  session.undoPoint();
  expect(session.data.train.labels.length).toBe(before + 1);
  session.clearPoints();
  expect(session.data.train.labels.length).toBe(before);
  expect(session.result().epoch).toBe(1); // the same network all along
  session.dispose();
});

test('a CSV with bad lines: the good ones become the data, the bad ones are reported', () => {
  const { session, set } = start();
  const read = session.importText('x1,x2,label\n1,1,1\n2,x,0\n-3,-3,0\n4,4,1,test\n', 'mine.csv', t);
  expect(read.ok).toBe(true);
  expect(read.result.problems.map((p) => p.line)).toEqual([3]);
  set({});
  expect(session.imported.name).toBe('mine.csv');
  expect(session.data.train.labels.length + session.data.test.labels.length).toBe(3);
  expect(session.importText('only,garbage\n', 'bad.csv', t).ok).toBe(false);
  expect(session.backToGenerated()).toBe(true);
  set({});
  expect(session.data.train.labels.length).toBe(250);
  session.dispose();
});

test('saved and loaded, a network trains on as it would have, optimiser state and all', async () => {
  const { session } = start({ ds: 'xor', opt: 'adam', hidden: [5, 3] });
  await session.step(6);
  const saved = await session.saved();
  expect([saved.version, saved.epochs, saved.playground.ds, saved.optimizerState.steps > 0]).toEqual([2, 6, 'xor', true]);
  await session.step(4);
  // Another session loads it and trains the same four epochs.
  const other = start({ ds: 'circle', hidden: [2] });
  const { readSavedNetwork } = await import('../web/app/pgsaved.js');
  const read = readSavedNetwork(JSON.parse(JSON.stringify(saved)), lab, { maxLayers: 6, maxNeurons: 8 });
  other.session.adoptLoaded(saved, read, 'net.json');
  other.set(read.patch);
  expect(other.session.result().epoch).toBe(6);
  await other.session.step(4);
  expect([...other.session.net.net.getParams()]).toEqual([...session.net.net.getParams()]);
  session.dispose();
  other.session.dispose();
});
