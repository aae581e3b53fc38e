// The playground's session: what the reader has in front of them. The data
// (a generated set, an imported file, points added by hand), the network and
// its life in the trainer, the measurements so far, why training started
// again, and the advice after a divergence. No DOM: the views read it and
// call its methods, and Node tests drive it with a trainer that trains on
// the page (createTrainer without a Worker).
//
// A network's training state lives in the engine, so the session never
// restarts one to change how it trains: learning rate, batch size,
// optimiser and penalties go to the running network (setTrainingOptions);
// only new data, inputs, layers, activations, initialiser or seed make a
// new network, and the session says which of them did.

import { importCSV, exportCSV, pointsWhere } from './pgdata.js';
import { createTrainer, Mirror } from './trainer.js';

/** Learning rates the playground offers (and tries, after a divergence). */
export const LEARNING_RATES = [0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3];
const TRIAL_EPOCHS = 50; // a rate is offered if the network trains this long with it
const GOOD_ENOUGH = 2; // going on is offered if its loss is at most this times a fresh network's
const MAX_HISTORY = 400; // measurements kept (halved when full): enough for a curve, cheap to chart

/** The output layer and loss that fit a dataset's task (the chooser explains why). */
export function outputFor(info) {
  if (info.task === 'multiclass') return { units: info.classes, output: 'softmax', loss: 'cross_entropy' };
  if (info.task === 'regression') return { units: 1, output: 'identity', loss: 'mse' };
  return { units: 1, output: 'sigmoid', loss: 'binary_cross_entropy' };
}

/** The activation of hidden layer i: one name serves every layer; in a list, the last one repeats. */
export const layerActivation = (act, i) => act[Math.min(i, act.length - 1)];

/** The engine's network config for the playground's state. */
export function networkConfig(state, info) {
  const out = outputFor(info);
  const acts = state.hidden.map((_, i) => layerActivation(state.act, i));
  return {
    layers: [state.feat.length, ...state.hidden, out.units],
    activation: acts.length ? acts : state.act[0],
    output: out.output,
    loss: out.loss,
    ...(state.init === 'auto' ? {} : { init: state.init }),
    optimizer: state.opt,
    learningRate: state.lr,
    batchSize: state.bs,
    l1: state.l1,
    l2: state.l2,
    seed: state.seed,
    features: state.feat,
  };
}

/** The dataset and its train/test split for the playground's state. */
export function playgroundData(lab, state) {
  const all = lab.makeDataset(state.ds, { count: state.n, noise: state.noise, seed: state.dseed });
  return { all, ...lab.splitDataset(all, { testFraction: state.test, seed: state.dseed }) };
}

/**
 * A config split in two: what the network is (a change makes a new one) and
 * how it trains (the engine's training keys, changed in place).
 */
export function splitConfig(config, trainingKeys) {
  const structure = {};
  const training = {};
  for (const [key, value] of Object.entries(config)) (trainingKeys.includes(key) ? training : structure)[key] = value;
  return { structure, training };
}

// The first setting that differs between two structures, as a message suffix.
const STRUCTURE_NAMES = [['features', 'features'], ['layers', 'layers'], ['activation', 'activation'],
  ['init', 'init'], ['seed', 'seed'], ['output', 'output']];
function whatChanged(before, after) {
  for (const [key, name] of STRUCTURE_NAMES) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) return name;
  }
  return 'network';
}

/**
 * @param {{lab, trainer?: () => object, onChange?: (what: string) => void}} deps
 *   trainer: the page's trainer (one is made on the page when absent);
 *   onChange(what): something the views show changed ('data', 'network', 'step', 'failure', 'points')
 */
export function createSession({ lab, trainer: sharedTrainer, onChange = () => {} }) {
  const datasets = new Map(lab.datasets.map((d) => [d.name, d]));
  const trainingKeys = lab.networkOptions.trainingKeys;
  let ownTrainer = null;
  const trainer = () => sharedTrainer?.() ?? (ownTrainer ??= createTrainer({ lab }));

  let state = null; // the last state synced
  let base = null; // the generated or imported data, before added points
  let data = null; // base with the added points in its training part
  let dataKey = '';
  let dataVersion = 0; // counts changes of `data`
  let imported = null; // {id, name, task, classes, train, test} while the data comes from a file
  let importCount = 0;
  let added = []; // points added by hand: {x1, x2, label, task, classes}
  let net = null; // a Mirror of the network that trains
  let group = null; // the trainer's group holding it
  let structure = null; // what the network is (config without training options)
  let structureKey = '';
  let options = null; // the training options in force
  let history = [];
  let revision = 0; // counts new networks and edits: what the exported code is of
  let failure = null; // {key, vars, fix?, searching?}: why training stopped
  let notice = null; // {key, vars}: why training started again
  let pendingNet = null; // a loaded network, adopted once the state describes it
  let restartNext = false; // the divergence fix asked for a fresh network

  const dataInfo = (s = state) => imported ?? datasets.get(s.ds);
  const sameKind = (p, info) => p.task === info.task && p.classes === info.classes;

  // ---- the network's life ----

  /** Brings the session up to the state: new data, a new network, or new training options. */
  function sync(next) {
    state = next;
    const info = dataInfo();
    let why = null;
    const dk = imported ? `file ${imported.id}` : JSON.stringify([state.ds, state.noise, state.n, state.test, state.dseed]);
    if (dk !== dataKey) {
      dataKey = dk;
      base = imported ?? playgroundData(lab, state);
      data = withAdded(base, info);
      dataVersion++;
      if (structureKey) why = 'data';
      structureKey = '';
      onChange('data');
    }
    const config = networkConfig(state, info);
    const split = splitConfig(config, trainingKeys);
    const key = JSON.stringify(split.structure);
    if (pendingNet) {
      const loaded = pendingNet;
      pendingNet = null;
      if (loaded.key === key) {
        adopt(key, split, { json: loaded.json }, null);
        return;
      }
      // The settings could not describe it (the loader checks that they can): say so.
      adopt(key, split, null, null);
      failure = { key: 'pg.failed', vars: { detail: `${loaded.name}: the playground's settings cannot describe this network` } };
      onChange('failure');
      return;
    }
    if (key === structureKey && !restartNext) {
      if (JSON.stringify(split.training) !== JSON.stringify(options)) configure(split.training);
      return;
    }
    if (structureKey && !why && !restartNext) why = whatChanged(structure, split.structure);
    restartNext = false;
    const epochs = net?.epochs ?? 0;
    let made;
    try {
      made = lab.createNetwork(config);
    } catch (err) {
      adopt(key, split, null, null);
      failure = { key: 'pg.failed', vars: { detail: err.message } };
      onChange('failure');
      return;
    }
    adopt(key, split, { config }, made, why && epochs > 0 ? { key: `pg.restart.${why}`, vars: { epochs } } : null);
  }

  // A new network (or none): its mirror here, its twin in the trainer.
  function adopt(key, split, source, made, why = null) {
    structureKey = key;
    structure = split.structure;
    options = split.training;
    group?.close();
    group = null;
    net?.dispose();
    net = null;
    history = [];
    revision++;
    failure = null;
    notice = why;
    if (source?.json) made = lab.networkFromJSON(source.json);
    if (made) {
      net = new Mirror(made);
      group = trainer().open([source], data);
      measure();
    }
    onChange('network');
  }

  // New training options for the running network (and a divergence forgiven: it goes on).
  function configure(training) {
    options = training;
    if (!net) return;
    group.configure(training);
    net.configure(training);
    if (failure?.key.startsWith('pg.diverged')) failure = null;
    notice = null;
    onChange('options');
  }

  /** Starts again from a fresh network (same settings). */
  function reset() {
    structureKey = '';
    notice = null;
    if (state) sync(state);
  }

  /**
   * Asks the trainer for up to `epochs` more epochs (on the page, at most
   * `budget` ms of them). Resolves to true when a reply was taken in.
   */
  function step(epochs, budget = Infinity) {
    if (!net || failure) return Promise.resolve(false);
    const g = group;
    return g.step(epochs, budget).then((reply) => {
      // (A second request out when training diverged comes back with the same network;
      // a reply trained before the last change of options or weights is passed over.)
      if (!reply || g !== group || failure || reply.settings !== g.settings) return false;
      const r = reply.results[0];
      net.apply(r);
      notice = null;
      measure(reply.version === g.version ? r : null);
      // The engine stops at the first non-finite loss or step, back where that epoch began.
      if (r.failedAt !== null && !failure) stopDiverged();
      onChange('step');
      return true;
    }, (err) => {
      if (g !== group) return false;
      failure = { key: 'pg.failed', vars: { detail: err?.message ?? String(err) } };
      onChange('failure');
      return false;
    });
  }

  const evaluateOn = (part) => (part.labels.length ? net.net.evaluate(part.inputs, part.labels) : { loss: NaN, accuracy: null });

  // One measurement: the trainer's figures for the data it trained on, or
  // (before any training, or after the points changed) the mirror's own.
  function measure(result = null) {
    const train = result?.train ?? evaluateOn(data.train);
    const test = result?.test ?? evaluateOn(data.test);
    history.push({ epoch: net.epochs, train, test, grad: net.grad });
    if (history.length > MAX_HISTORY) history = history.filter((_, i) => i % 2 === 0 || i === history.length - 1);
    if (Number.isFinite(train.loss) || failure) return;
    // Outputs that overflow before any training: no learning rate can help.
    if (net.epochs === 0 && history.length === 1) {
      failure = { key: 'pg.overflow', vars: {} };
      onChange('failure');
    } else {
      stopDiverged();
    }
  }

  // Stops with the reason, then looks for a learning rate that helps.
  function stopDiverged() {
    const epoch = net.epochs;
    const stopped = { key: epoch ? 'pg.diverged' : 'pg.diverged.first', vars: { epoch, next: epoch + 1, lr: options.learningRate },
      fix: null, searching: true };
    failure = stopped;
    onChange('failure');
    findFix().then((fix) => { stopped.fix = fix; }, () => { stopped.fix = { lr: LEARNING_RATES[0], restart: true }; })
      .finally(() => {
        stopped.searching = false;
        if (failure === stopped) onChange('failure');
      });
  }

  // The largest preset rate below the current one that trains: going on
  // from where the network stopped if that does (about) as well as a fresh
  // network with the rate would in TRIAL_EPOCHS epochs, else starting again
  // ({restart: true}: weights that grew too large do not come back). None
  // ({lr: null}): the rate is not the cause.
  async function findFix() {
    const lower = LEARNING_RATES.filter((v) => v < options.learningRate).reverse();
    const [json] = await group.json();
    if (!json) return { lr: null, acts: [], init: '' }; // the network was replaced meanwhile
    const config = networkConfig(state, dataInfo());
    for (const lr of lower) {
      const [going, fresh] = await trainer().trial([{ json, options: { learningRate: lr } },
        { config: { ...config, learningRate: lr } }], data, TRIAL_EPOCHS);
      if (going !== null && (fresh === null || going <= GOOD_ENOUGH * fresh + 1e-9)) return { lr, restart: false };
      if (fresh !== null) return { lr, restart: true, going, fresh };
    }
    return noRate();
  }

  // No rate helps: what to look at instead (the hidden activations and the initialiser).
  const noRate = () => ({ lr: null, acts: [...new Set(net.net.config.activation.map((a) => a.name))], init: net.net.config.init });

  /**
   * The state patch that applies the divergence fix: a lower rate, with
   * which training goes on (or, if only a fresh network trains with it,
   * starts again).
   */
  function takeFix() {
    const fix = failure?.fix;
    if (!fix?.lr) return null;
    if (fix.restart) restartNext = true;
    failure = null;
    return { lr: fix.lr };
  }

  /** Changes one weight or bias of the network (getParams() index); training goes on from it. */
  function editParam(index, value) {
    if (!net) return;
    group.edit(0, index, value);
    net.edit(index, value);
    revision++;
    if (history.length && history[history.length - 1].epoch === net.epochs) history.pop();
    measure();
    onChange('edit');
  }

  // ---- data and points ----

  // The data with the added points of the same kind appended to its training part.
  function withAdded(from, info) {
    const mine = added.filter((p) => sameKind(p, info));
    if (!mine.length) return from;
    const inputs = new Float64Array(from.train.inputs.length + 2 * mine.length);
    inputs.set(from.train.inputs);
    const labels = new Float64Array(from.train.labels.length + mine.length);
    labels.set(from.train.labels);
    mine.forEach((p, i) => {
      inputs.set([p.x1, p.x2], from.train.inputs.length + 2 * i);
      labels[from.train.labels.length + i] = p.label;
    });
    return { ...from, train: { inputs, labels } };
  }

  // After the points changed: same network, new numbers.
  function pointsChanged() {
    if (base) {
      data = withAdded(base, dataInfo());
      dataVersion++;
      group?.setData(data);
      if (net && !failure) {
        if (history.length && history[history.length - 1].epoch === net.epochs) history.pop();
        measure();
      }
    }
    onChange('points');
  }

  const ownPoints = () => added.filter((p) => sameKind(p, dataInfo()));

  /** Adds a training point at (x1, x2) with the label (class or target value). */
  function addPoint(x1, x2, label) {
    if (!data) return;
    const info = dataInfo();
    added.push({ x1, x2, label, task: info.task, classes: info.classes });
    pointsChanged();
  }

  function undoPoint() {
    const last = ownPoints().pop();
    added = added.filter((p) => p !== last);
    pointsChanged();
  }

  function clearPoints() {
    const mine = new Set(ownPoints());
    added = added.filter((p) => !mine.has(p));
    pointsChanged();
  }

  /**
   * Reads CSV text: the good lines become the data (lines without a split
   * shared out by the test share), every bad line is reported by number.
   * @returns {{ok: boolean, result, message: {key, vars}}} nothing changes unless ok
   */
  function importText(text, name, t) {
    const r = importCSV(text);
    if (r.labels.length < 2) return { ok: false, result: r, message: { key: 'pg.csv.none', vars: { name } } };
    const pick = (which) => pointsWhere(r, which);
    const loose = lab.splitDataset(pick((s) => s === null), { testFraction: state.test, seed: state.dseed });
    const join = (a, b) => ({ inputs: Float64Array.from([...a.inputs, ...b.inputs]), labels: Float64Array.from([...a.labels, ...b.labels]) });
    imported = { id: ++importCount, name: name.slice(0, 60), task: r.task, classes: r.classes,
      train: join(pick((s) => s === 'train'), loose.train), test: join(pick((s) => s === 'test'), loose.test) };
    failure = null;
    return { ok: true, result: r, message: { key: 'pg.csv.read', vars: { name: imported.name, count: r.labels.length,
      kind: t(`pg.kind.${r.task}`, { k: r.classes }), train: imported.train.labels.length, test: imported.test.labels.length } } };
  }

  function backToGenerated() {
    if (!imported) return false;
    imported = null;
    return true;
  }

  // ---- saving and loading ----

  /** The network as a file: the engine's JSON (optimiser state included) and where its data came from. */
  async function saved() {
    if (!net) return null;
    const [json] = await group.json();
    if (!json) return null; // the network was replaced meanwhile
    const where = imported ? { points: exportCSV(imported, imported) }
      : { ds: state.ds, noise: state.noise, n: state.n, test: state.test, dseed: state.dseed };
    return { ...json, playground: where };
  }

  /**
   * Takes a loaded network: its data source becomes the session's, and the
   * network is adopted at the next sync whose state describes it (after the
   * caller puts `patch` into the state). Returns that state for the check.
   */
  function adoptLoaded(json, read, name) {
    let source = null;
    if (read.source.points) {
      const r = importCSV(read.source.points);
      source = { id: ++importCount, name, task: r.task, classes: r.classes,
        train: pointsWhere(r, (split) => split === 'train'), test: pointsWhere(r, (split) => split === 'test') };
    }
    if (source) imported = source;
    else if (read.patch.ds) imported = null;
    const next = { ...state, ...read.patch };
    const split = splitConfig(networkConfig(next, dataInfo(next)), trainingKeys);
    pendingNet = { json, name, key: JSON.stringify(split.structure) };
  }

  return {
    sync,
    reset,
    step,
    takeFix,
    editParam,
    addPoint,
    undoPoint,
    clearPoints,
    importText,
    backToGenerated,
    saved,
    adoptLoaded,
    dataInfo,
    sameKind,
    ownPoints,
    get lab() { return lab; },
    get data() { return data; },
    get dataVersion() { return dataVersion; },
    get dataKey() { return dataKey; },
    get imported() { return imported; },
    get added() { return added; },
    get net() { return net; },
    get history() { return history; },
    /** Changes when the network is replaced or edited (not when it trains). */
    get revision() { return revision; },
    get failure() { return failure; },
    get notice() { return notice; },
    get options() { return options; },
    get trainer() { return trainer(); },
    /** The latest figures, for a tutorial's exercise: {epoch, train: {loss, accuracy}, test: {loss, accuracy}} or null. */
    result() {
      const last = history[history.length - 1];
      // The network's inputs and activations too, for exercises with rules.
      return last ? { epoch: last.epoch, train: { ...last.train }, test: { ...last.test },
        features: net ? [...(net.net.config.features ?? [])] : [], activation: net ? net.net.config.activation.map((a) => a.name) : [] } : null;
    },
    /** Frees the network. */
    dispose() {
      group?.close();
      group = null;
      net?.dispose();
      net = null;
    },
  };
}
