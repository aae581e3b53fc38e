// The training side of the playground: networks that train, keyed by group
// (the playground's one network, or race mode's two to four), each group
// with its data bound once into the Wasm heap. It runs inside a Worker
// (web/app/trainer-worker.js), so that training never holds up the page, or
// on the page itself where a Worker cannot start (web/app/trainer.js falls
// back to it). No DOM here: handle(message) takes one request and returns
// its reply (or null).
//
// The engine owns each network's training state, so a step of n epochs, n
// steps of one, a change of training options or an edited weight all carry
// on from where the network is.
//
// Requests (all carry `type`):
//   open      {gid, nets: [{config} | {json}], data: {train, test}}   -> null
//   data      {gid, data, version}    new rows for the same networks  -> null
//   configure {gid, options, settings}  setTrainingOptions on every network of
//             the group; a network stopped by divergence may train again -> null
//   edit      {gid, net, index, value, settings}  setParam on one network -> null
//   step      {gid, seq, epochs, budget}  trains up to `epochs` rounds (one
//             epoch of every live network), the second and later ones only
//             while fewer than `budget` ms have passed                -> stepped
//   json      {gid, seq}              every network as toJSON()       -> saved
//   trial     {seq, trials: [{json | config, options?}], data, epochs}  each trial
//             network (a saved one going on, or a fresh one, with options)
//             trains `epochs` epochs: its training loss then, or null if it
//             diverged                                               -> tried
//   stats     {gid, seq, net, inputs, options}  network `net` (default 0) of the group:
//             layerStats(inputs, options), histograms included, computed here
//             so the page does not wait for them                   -> stats
//   close     {gid}                                                   -> null
// (`settings` counts the group's configure and edit requests; a step's reply
// says which it trained under, so the page can tell a reply from before a
// change.)
// Replies: {type: 'stepped', gid, seq, version, settings, results: [{epochs, params,
//   train, test, grad, failedAt}]} (failedAt: the epoch count at which the
//   network diverged, or null; test is null without test rows),
//   {type: 'saved', gid, seq, nets}, {type: 'tried', seq, losses}, {type: 'stats', gid, seq,
//   epochs, layers}, and
//   {type: 'error', gid, seq, message} when a request fails. A request
//   without a reply that fails (open, data, configure, edit) makes the
//   group's next step fail with its message (once).

const now = () => (globalThis.performance ?? Date).now();

/** A training host over a loaded ActLab (lab from loadActLab). */
export function createTrainingHost(lab) {
  const groups = new Map(); // gid -> {nets, failedAt, bound: {train, test}, version, problem}
  const failed = new Map(); // gid -> why it could not be opened

  // The data bound once (test: null without test rows).
  const bind = (data) => ({
    train: lab.bindData(data.train.inputs, data.train.labels),
    test: data.test.labels.length ? lab.bindData(data.test.inputs, data.test.labels) : null,
  });
  const unbind = (bound) => {
    bound?.train.dispose();
    bound?.test?.dispose();
  };

  function open({ gid, nets, data }) {
    close({ gid });
    const made = [];
    let bound = null;
    try {
      for (const n of nets) made.push(n.json ? lab.networkFromJSON(n.json) : lab.createNetwork(n.config));
      bound = bind(data);
    } catch (err) {
      for (const net of made) net.dispose();
      failed.set(gid, err?.message ?? String(err));
      throw err;
    }
    groups.set(gid, { nets: made, failedAt: made.map(() => null), bound, version: 0, settings: 0, problem: null });
  }

  function group(gid) {
    const g = groups.get(gid);
    if (g) return g;
    if (failed.has(gid)) throw new Error(`training group ${gid} could not be opened: ${failed.get(gid)}`);
    throw new Error(`training group ${gid} is not open`);
  }

  // Runs a change to a group; if it fails, the group's next step says why.
  function change(gid, fn) {
    const g = group(gid);
    try {
      fn(g);
    } catch (err) {
      g.problem = err?.message ?? String(err);
      throw err;
    }
  }

  // The figures the page shows after a step: loss and accuracy on both
  // parts, each layer's gradient size, and the parameters to draw with.
  function snapshot(net, g, i) {
    return {
      epochs: net.epochs,
      params: net.getParams(),
      train: net.evaluate(g.bound.train),
      test: g.bound.test ? net.evaluate(g.bound.test) : null,
      grad: net.gradientNorms(),
      failedAt: g.failedAt[i],
    };
  }

  function step({ gid, seq, epochs, budget = Infinity }) {
    const g = group(gid);
    if (g.problem) {
      const problem = g.problem;
      g.problem = null;
      throw new Error(problem);
    }
    const start = now();
    // At least one round per step, however small the budget: training always moves.
    for (let n = 0; n < epochs && (n === 0 || now() - start < budget); n++) {
      let live = 0;
      g.nets.forEach((net, i) => {
        if (g.failedAt[i] !== null) return;
        try {
          net.train(g.bound.train);
          live++;
        } catch (err) {
          // The engine stops at the first non-finite loss or step, back where that epoch began.
          if (err?.code !== 'diverged') throw err;
          g.failedAt[i] = net.epochs;
        }
      });
      if (!live) break;
    }
    return { type: 'stepped', gid, seq, version: g.version, settings: g.settings,
      results: g.nets.map((net, i) => snapshot(net, g, i)) };
  }

  function trial({ seq, trials, data, epochs }) {
    const bound = lab.bindData(data.train.inputs, data.train.labels);
    try {
      const losses = trials.map((t) => {
        const net = t.json ? lab.networkFromJSON(t.json) : lab.createNetwork(t.config);
        try {
          if (t.options) net.setTrainingOptions(t.options);
          net.train(bound, { epochs });
          return net.evaluate(bound).loss;
        } catch (err) {
          if (err?.code !== 'diverged') throw err;
          return null;
        } finally {
          net.dispose();
        }
      });
      return { type: 'tried', seq, losses };
    } finally {
      bound.dispose();
    }
  }

  function close({ gid }) {
    failed.delete(gid);
    const g = groups.get(gid);
    if (!g) return;
    for (const net of g.nets) net.dispose();
    unbind(g.bound);
    groups.delete(gid);
  }

  const HANDLERS = {
    open: (m) => { open(m); return null; },
    data: (m) => {
      change(m.gid, (g) => {
        const next = bind(m.data);
        unbind(g.bound);
        g.bound = next;
        g.version = m.version;
      });
      return null;
    },
    configure: (m) => {
      change(m.gid, (g) => {
        g.settings = m.settings ?? g.settings + 1;
        g.nets.forEach((net, i) => {
          net.setTrainingOptions(m.options);
          g.failedAt[i] = null;
        });
      });
      return null;
    },
    edit: (m) => {
      change(m.gid, (g) => {
        g.settings = m.settings ?? g.settings + 1;
        const net = g.nets[m.net];
        if (!net) throw new Error(`training group ${m.gid} has no network ${m.net}`);
        net.setParam(m.index, m.value);
      });
      return null;
    },
    step,
    json: (m) => ({ type: 'saved', gid: m.gid, seq: m.seq, nets: group(m.gid).nets.map((net) => net.toJSON()) }),
    trial,
    stats: (m) => {
      const net = group(m.gid).nets[m.net ?? 0];
      if (!net) throw new Error(`training group ${m.gid} has no network ${m.net}`);
      return { type: 'stats', gid: m.gid, seq: m.seq, epochs: net.epochs, layers: net.layerStats(m.inputs, m.options) };
    },
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
