// The page's side of training: the playground and race mode hand their
// networks to a trainer, which trains them in a Worker (so the page never
// waits for an epoch, however large the network) or, where no Worker can
// start (a sandboxed frame, a browser that refuses it), on the page itself
// in small time slices. Both run the same code (web/app/training.js), so a
// network trains to the same bits either way.
//
// The page keeps a mirror of each network: a local Network holding the
// latest parameters the trainer sent, which it draws with (grid, layer
// statistics, the collapse, export). Only the trainer's copies train.
import { createTrainingHost } from './training.js';
import { frameLoop } from './dom.js';

// Longest stretch of training between two replies from the Worker: short
// enough that the picture moves several times a second at any size.
const WORKER_BUDGET_MS = 15;
// A Worker that has not loaded the module by then is given up for the page.
const WORKER_START_MS = 10000;

/** Whether a Worker can be tried here at all. */
const workersExist = () => typeof Worker === 'function';

/**
 * @param {{lab, wasm?: Uint8Array|ArrayBuffer, makeWorker?: () => Worker}} options
 *   lab: the page's ActLab (for the mirrors and the fallback); wasm: the module's
 *   bytes for the Worker; makeWorker: starts the Worker script (none: train on the page)
 */
export function createTrainer({ lab, wasm, makeWorker, onMoved = () => {} }) {
  const pending = new Map(); // seq -> {resolve, reject, gid, message, pageBudget}
  let seq = 0;
  let gids = 0;
  let mode = 'starting'; // then 'worker' or 'page'
  let why = ''; // why training runs on the page, if it does
  let current = null; // the backend requests go to, once known
  // What it takes to rebuild each open group elsewhere, should its Worker stop:
  // gid -> {nets, data, log: [configure and edit messages], state: [{params, epochs}] | null, logAt}
  const groups = new Map();

  const local = () => {
    const host = createTrainingHost(lab);
    return { budget: (pageBudget) => pageBudget, post: (m) => queueMicrotask(() => deliver(host.handle(m))) };
  };

  // Resolves to the backend once it is known: the Worker when it says it is
  // ready, else the page. Every request is posted through it, so requests keep
  // their order whichever it turns out to be.
  const backend = new Promise((resolve) => {
    const fallback = (reason) => {
      if (mode !== 'starting') return;
      mode = 'page';
      why = reason;
      resolve(local());
    };
    if (!makeWorker || !workersExist() || !wasm) {
      fallback(!makeWorker || !wasm ? 'no worker script' : 'Worker is not available');
      return;
    }
    let worker;
    try {
      worker = makeWorker();
    } catch (err) {
      fallback(err?.message ?? String(err));
      return;
    }
    const timer = setTimeout(() => {
      worker.terminate();
      fallback('the worker did not start');
    }, WORKER_START_MS);
    worker.onerror = (e) => {
      e.preventDefault?.();
      clearTimeout(timer);
      worker.terminate();
      if (mode === 'starting') {
        fallback(e.message || 'the worker failed to load');
        return;
      }
      moveToPage(`the training worker stopped: ${e.message || 'unknown error'}`);
    };
    worker.onmessage = (e) => {
      const m = e.data;
      if (m?.type === 'ready') {
        clearTimeout(timer);
        mode = 'worker';
        resolve({ budget: () => WORKER_BUDGET_MS, post: (msg) => worker.postMessage(msg) });
      } else if (m?.type === 'failed') {
        clearTimeout(timer);
        worker.terminate();
        fallback(m.message);
      } else {
        deliver(m);
      }
    };
    // A copy of the bytes: the page keeps its own.
    worker.postMessage({ type: 'init', wasm: new Uint8Array(wasm) });
  });

  function deliver(reply) {
    if (!reply) return;
    const p = pending.get(reply.seq);
    if (!p) return;
    pending.delete(reply.seq);
    if (reply.type === 'error') p.reject(new Error(reply.message));
    else p.resolve(reply);
  }

  backend.then((b) => { current = b; });

  // A Worker that stopped after it started: its networks go on on the page,
  // each rebuilt from the last parameters and epoch count the Worker sent (a
  // fresh optimiser: its moments were in the Worker) with the options and
  // edits given since, and every request still out is asked again there.
  function moveToPage(reason) {
    mode = 'page';
    why = reason;
    current = local();
    for (const [gid, g] of groups) {
      current.post({ type: 'open', gid, nets: g.nets.map((net, i) => rebuilt(net, g.state?.[i])), data: g.data.data });
      if (g.data.version !== undefined) current.post(g.data);
      // Every option (the rebuilt network has its first config's), and the edits its parameters lack.
      g.log.forEach((m, i) => { if (m.type === 'configure' || !g.state || i >= g.logAt) current.post(m); });
    }
    for (const [s, p] of [...pending].sort((a, b) => a[0] - b[0])) send(s, p);
    onMoved(reason);
  }

  // A group's network as the Worker last reported it (as first opened, if it never did).
  function rebuilt(net, state) {
    if (!state) return net;
    const config = net.json ? net.json.config : net.config;
    return { json: { format: 'actlab-network', version: 1, config, epochs: state.epochs, params: Array.from(state.params) } };
  }

  function post(message) {
    backend.then(() => current.post(message));
  }

  function send(s, p) {
    current.post({ ...p.message, seq: s, ...(p.pageBudget === undefined ? {} : { budget: current.budget(p.pageBudget) }) });
  }

  function request(message, pageBudget) {
    const s = ++seq;
    return new Promise((resolve, reject) => {
      const p = { resolve, reject, gid: message.gid, message, pageBudget };
      pending.set(s, p);
      backend.then(() => send(s, p));
    });
  }

  return {
    /** 'starting', 'worker' or 'page'. */
    get mode() { return mode; },
    /** Why training runs on the page ('' when it does not). */
    get why() { return why; },
    /** Resolves once the mode is known. */
    ready: backend.then(() => mode),
    /**
     * How many step requests a widget should keep out at once: two for the
     * Worker, so it trains the next while the page draws the last; one on
     * the page, where a second would only lengthen the frame.
     */
    get depth() { return mode === 'worker' ? 2 : 1; },

    /**
     * A group of networks trained together on one dataset. nets: [{config}]
     * or [{json}] (a saved network); data: {train, test}.
     */
    open(nets, data) {
      const gid = ++gids;
      let version = 0;
      let settings = 0;
      let closed = false;
      const g = { nets, data: { type: 'data', gid, data }, log: [], state: null, logAt: 0 };
      groups.set(gid, g);
      post({ type: 'open', gid, nets, data });
      // Settings given since: replayed where the group is rebuilt.
      const setting = (m) => {
        g.log.push(m);
        post(m);
      };
      return {
        /**
         * Trains up to `epochs` rounds (one epoch of each network): in the
         * Worker for a short stretch, on the page for at most `pageBudget` ms.
         * Resolves to {version, results: [{epochs, params, train, test, grad,
         * failedAt}]}, or null if the group was closed meanwhile.
         */
        step(epochs, pageBudget = Infinity) {
          if (closed) return Promise.resolve(null);
          const logAt = g.log.length; // the settings this step trains with
          return request({ type: 'step', gid, epochs }, pageBudget).then((reply) => {
            if (reply?.results && !closed) {
              g.state = reply.results.map((r) => ({ params: r.params, epochs: r.epochs }));
              g.logAt = logAt;
            }
            return reply;
          });
        },
        /** New data (same networks); later steps report its version. */
        setData(next) {
          version++;
          g.data = { type: 'data', gid, data: next, version };
          post(g.data);
          return version;
        },
        /** New training options for every network of the group (they go on from where they are). */
        configure(options) {
          if (!closed) setting({ type: 'configure', gid, options, settings: ++settings });
        },
        /** One parameter of network `net` (index in its getParams() layout). */
        edit(net, index, value) {
          if (!closed) setting({ type: 'edit', gid, net, index, value, settings: ++settings });
        },
        /** Counts configure and edit requests: a step's reply with a lower count was trained before the last of them. */
        get settings() { return settings; },
        /**
         * layerStats(inputs, options) of network `net` (default 0), computed where it trains:
         * resolves to {epochs, layers}, or null once closed.
         */
        stats: (inputs, options, net = 0) => (closed ? Promise.resolve(null)
          : request({ type: 'stats', gid, net, inputs, options })),
        /** Every network of the group as toJSON() (optimiser state included); [] once closed. */
        json: () => (closed ? Promise.resolve([])
          : request({ type: 'json', gid }).then((reply) => reply?.nets ?? [])),
        get version() { return version; },
        /** Frees the group; its requests still out resolve to null now, their late replies are dropped. */
        close() {
          if (closed) return;
          closed = true;
          groups.delete(gid);
          for (const [s, p] of pending) {
            if (p.gid !== gid) continue;
            pending.delete(s);
            p.resolve(null);
          }
          post({ type: 'close', gid });
        },
      };
    },

    /**
     * Trial runs: each trial ({json}: a saved network going on from where it
     * is, or {config}: a fresh one, with optional training options) trains
     * `epochs` epochs on data. Resolves to their training losses then (null
     * for one that diverged).
     */
    async trial(trials, data, epochs) {
      const reply = await request({ type: 'trial', trials, data, epochs });
      return reply.losses;
    },
  };
}

/**
 * The page's mirror of a network being trained elsewhere: `net` is a local
 * Network to draw with; apply() gives it the trainer's latest parameters.
 * epochs and grad are the trainer's (the mirror itself never trains).
 */
export class Mirror {
  constructor(net) {
    this.net = net;
    this.epochs = net.epochs;
    this.grad = new Float64Array(net.config.layers.length - 1);
  }

  apply(result) {
    this.net.setParams(result.params);
    this.epochs = result.epochs;
    this.grad = result.grad;
  }

  /** The training options the trainer's network now has (so config and exports show them). */
  configure(options) {
    this.net.setTrainingOptions(options);
  }

  /** The edit the trainer's network got. */
  edit(index, value) {
    this.net.setParam(index, value);
  }

  /**
   * The network as lab.networkFromJSON reads it, with the trainer's epoch
   * count (not its optimiser state: ask the trainer's group for json() to
   * save a network that trains on exactly).
   */
  toJSON() {
    return { ...this.net.toJSON(), epochs: this.epochs };
  }

  dispose() {
    this.net.dispose();
  }
}

/**
 * The frame loop of a widget that trains through the trainer. Each frame it
 * draws what the last reply brought, with draw(phase) for phase 1, 2, 3, 0, ...
 * (one extra picture in turn), and calls ask() while fewer than the trainer's
 * depth of requests are out. ask() hands its request, with the handling of
 * its reply, to track(job);
 * landed() says a reply was taken in (drawn at the next frame, or at once
 * when paused). onPending(n) hears the number of requests out, so a page or
 * a test can wait for 0 after a pause.
 */
export function trainingLoop({ trainer, draw, ask, onPending = () => {} }) {
  let out = 0;
  let fresh = false;
  let phase = 0;
  const loop = frameLoop(() => {
    if (fresh) {
      fresh = false;
      draw(++phase % 4);
    }
    if (out < trainer().depth) ask();
  });
  return {
    get running() { return loop.running; },
    start: () => loop.start(),
    /** Stops; true if a reply came in after the last drawing (the caller shows it). */
    stop() {
      loop.stop();
      const unseen = fresh;
      fresh = false;
      return unseen;
    },
    /** Counts a request (the whole chain that takes in its reply) as out until it settles. */
    track(job) {
      onPending(++out);
      const done = () => onPending(--out);
      job.then(done, done);
    },
    landed() {
      if (loop.running) fresh = true;
      else draw();
    },
  };
}

/**
 * A run that trains up to a goal (30 epochs, say) through a trainingLoop: it
 * counts the epochs asked for and not yet answered, so that with two requests
 * out it never asks past the goal. ask() asks `group` for up to `most` epochs
 * (at: the epochs trained now) and returns false once the goal is reached and
 * nothing is out (the caller pauses). A reply or failure for a group that is
 * no longer `current()` is dropped.
 */
export function runTowards(loop) {
  let queued = 0;
  return {
    /** Forgets what was out (a new group). */
    reset() { queued = 0; },
    ask(group, { at, goal, most = 1, budget, current, onReply, onError }) {
      const n = Math.min(most, goal - at - queued);
      if (n <= 0) return queued > 0;
      queued += n;
      loop.track(group.step(n, budget).then((reply) => {
        if (!current()) return;
        queued -= n;
        if (reply) onReply(reply);
      }).catch((err) => {
        if (!current()) return;
        queued -= n;
        onError(err);
      }));
      return true;
    },
  };
}
