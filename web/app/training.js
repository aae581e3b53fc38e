// The training side of the playground: networks that train, keyed by group
// (the playground's one network, or race mode's two to four), each group
// with its data. It runs inside a Worker (web/app/trainer-worker.js), so
// that training never holds up the page, or on the page itself where a
// Worker cannot start (web/app/trainer.js falls back to it). No DOM here:
// handle(message) takes one request and returns its reply (or null).
//
// Every epoch is one train() call, as everywhere in the page: a network
// after n epochs is the same whatever the frame timing or chunking was.
//
// Requests (all carry `type`):
//   open   {gid, nets: [{config} | {json}], data: {train, test}}  -> null
//   data   {gid, data, version}                                -> null
//   step   {gid, seq, epochs, budget}  trains up to `epochs` rounds (one
//          epoch of every live network), the second and later ones only
//          while fewer than `budget` ms have passed                   -> stepped
//   stable {seq, configs, data, epochs}  the index of the first config that
//          trains `epochs` epochs without diverging, or -1         -> stable
//   close  {gid}                                                   -> null
// Replies: {type: 'stepped', gid, seq, version, results: [{epochs, params,
//   train, test, grad, failedAt}]} (failedAt: the epoch count at which the
//   network diverged, or null), {type: 'stable', seq, index}, and
//   {type: 'error', gid, seq, message} when a request fails.

const now = () => (globalThis.performance ?? Date).now();

/** A training host over a loaded ActLab (lab from loadActLab). */
export function createTrainingHost(lab) {
  const groups = new Map(); // gid -> {nets: Network[], failedAt: (number|null)[], data, version}
  const failed = new Map(); // gid -> why it could not be opened (open has no reply; its steps say it)

  function open({ gid, nets, data }) {
    close({ gid });
    const made = [];
    try {
      for (const n of nets) made.push(n.json ? lab.networkFromJSON(n.json) : lab.createNetwork(n.config));
    } catch (err) {
      for (const net of made) net.dispose();
      failed.set(gid, err?.message ?? String(err));
      throw err;
    }
    groups.set(gid, { nets: made, failedAt: made.map(() => null), data, version: 0 });
  }

  function group(gid) {
    const g = groups.get(gid);
    if (g) return g;
    if (failed.has(gid)) throw new Error(`training group ${gid} could not be opened: ${failed.get(gid)}`);
    throw new Error(`training group ${gid} is not open`);
  }

  // The figures the page shows after a step: loss and accuracy on both
  // parts, each layer's gradient size, and the parameters to draw with.
  function snapshot(net, g, i) {
    return {
      epochs: net.epochs,
      params: net.getParams(),
      train: net.evaluate(g.data.train.inputs, g.data.train.labels),
      test: net.evaluate(g.data.test.inputs, g.data.test.labels),
      grad: net.gradientNorms(),
      failedAt: g.failedAt[i],
    };
  }

  function step({ gid, seq, epochs, budget = Infinity }) {
    const g = group(gid);
    const { inputs, labels } = g.data.train;
    const start = now();
    // At least one round per step, however small the budget: training always moves.
    for (let n = 0; n < epochs && (n === 0 || now() - start < budget); n++) {
      let live = 0;
      g.nets.forEach((net, i) => {
        if (g.failedAt[i] !== null) return;
        try {
          net.train(inputs, labels, { epochs: 1 });
          live++;
        } catch (err) {
          // The engine stops at the first non-finite loss or gradient and
          // keeps the last finite parameters.
          if (err?.code !== 'diverged') throw err;
          g.failedAt[i] = net.epochs;
        }
      });
      if (!live) break;
    }
    return { type: 'stepped', gid, seq, version: g.version, results: g.nets.map((net, i) => snapshot(net, g, i)) };
  }

  function stable({ seq, configs, data, epochs }) {
    for (let i = 0; i < configs.length; i++) {
      const trial = lab.createNetwork(configs[i]);
      try {
        trial.train(data.train.inputs, data.train.labels, { epochs });
        return { type: 'stable', seq, index: i };
      } catch (err) {
        if (err?.code !== 'diverged') throw err;
      } finally {
        trial.dispose();
      }
    }
    return { type: 'stable', seq, index: -1 };
  }

  function close({ gid }) {
    failed.delete(gid);
    const g = groups.get(gid);
    if (!g) return;
    for (const net of g.nets) net.dispose();
    groups.delete(gid);
  }

  const HANDLERS = {
    open: (m) => { open(m); return null; },
    data: (m) => {
      const g = group(m.gid);
      g.data = m.data;
      g.version = m.version;
      return null;
    },
    step,
    stable,
    close: (m) => { close(m); return null; },
  };

  return {
    /** One request -> its reply, or null; a failure becomes an 'error' reply. */
    handle(message) {
      const fn = HANDLERS[message?.type];
      try {
        if (!fn) throw new Error(`unknown training request ${JSON.stringify(message?.type)}`);
        return fn(message);
      } catch (err) {
        return { type: 'error', gid: message?.gid, seq: message?.seq, message: err?.message ?? String(err) };
      }
    },
    /** Open groups (for tests). */
    get size() { return groups.size; },
  };
}
