// The network playground: choose a dataset and a network, train it live,
// and watch the decision boundary and the loss curves. This file wires the
// parts and draws the output: the session (web/app/pgsession.js, no DOM)
// owns the data and the network's life; the controls (pgcontrols.js), the
// files (pgio.js), the network picture (pgnetview.js), the collapse
// (pgcollapse.js) and race mode (pgrace.js) are views of it; every map is
// painted by pgmap.js. Training runs in a Worker (trainer.js; on the page in
// short slices where no Worker starts): each animation frame asks for up to
// "speed" more epochs and draws the latest parameters the trainer sent.
import { LIMITS, raceByInit } from './state.js';
import { lineChart, colour, retheme, themeColours, whenNear, onScreen } from './charts.js';
import { h, control, fmt } from './dom.js';
import { createSession, networkConfig, splitConfig } from './pgsession.js';
import { createControls } from './pgcontrols.js';
import { createIO } from './pgio.js';
import { RANGE, hexRgb, mix, classColour, gridPoints, mapImage, decisionAt, valueAt, SHADE } from './pgmap.js';
import { createNetworkView } from './pgnetview.js';
import { createCollapseView } from './pgcollapse.js';
import { createRace } from './pgrace.js';
import { trainingLoop } from './trainer.js';

export { outputFor, networkConfig, playgroundData } from './pgsession.js';

const GRID = 60; // decision map resolution
const FRAME_BUDGET_MS = 12; // training time per frame when it runs on the page, leaving room for drawing
const GRID_POINTS = gridPoints(GRID);

/** A decision map of res × res pixels for a network's outputs over the plotted square. */
export function decisionImage(network, task, res, disc, bg) {
  const g = network.grid({ resolution: res, xMin: -RANGE, xMax: RANGE, yMin: -RANGE, yMax: RANGE });
  return mapImage(res, bg, SHADE, decisionAt(g.outputs, network.outputCount, task, disc));
}

export function createPlayground(root, { lab, store, links, trainer }) {
  let t = store.t;
  let near = false; // data, network and drawing wait until the playground is scrolled near
  let shown = null; // the network picture's node shown large in the map, or null for the output
  let linearFrom = null; // the activations before "make every hidden layer linear"
  const session = createSession({ lab, trainer, onChange: changed });
  // A training Worker still starting after a second says so (training waits for it, at most
  // the trainer's 10 s, then runs on the page); the message goes when it is ready.
  let slowStart = false;
  setTimeout(() => {
    const tr = session.trainer;
    if (tr.mode !== 'starting') return;
    slowStart = true;
    renderMessage();
    tr.ready.then(() => {
      slowStart = false;
      renderMessage();
    });
  }, 1000);
  // The data or the network came from a file (or went back to the generated set).
  const onData = () => {
    pause();
    render(store.get());
  };
  const io = createIO({ lab, store, session, limits: LIMITS, onData });
  const controls = createControls({ lab, store, session, links, io, onData });
  // Each frame: draw what the last reply brought, ask for more training.
  const loop = trainingLoop({ trainer: () => session.trainer, draw,
    ask: () => advance(store.get().speed, FRAME_BUDGET_MS),
    onPending: (n) => { stats.dataset.pending = String(n); } });

  // ---- the output ----
  const playButton = h('button', { type: 'button', class: 'btn primary', dataset: { action: 'play' }, onclick: () => (loop.running ? pause() : play()) });
  const stepButton = h('button', { type: 'button', class: 'btn', dataset: { action: 'step' }, 'data-i18n': 'pg.step', onclick: () => {
    pause();
    advance(1);
  } });
  const resetButton = h('button', { type: 'button', class: 'btn', dataset: { action: 'reset' }, 'data-i18n': 'pg.reset', onclick: () => {
    session.reset();
    draw();
  } });
  const stats = h('dl', { class: 'pg-stats', 'aria-live': 'off' });
  const message = h('div', { class: 'pg-message', role: 'alert' });
  const notice = h('p', { class: 'note small pg-notice', role: 'status' });
  const cursor = { at: null }; // keyboard position on the map {x1, x2}, while it has focus
  const boundary = h('canvas', { class: 'pg-boundary', role: 'application', tabindex: '0', width: 360, height: 360,
    onclick: (e) => {
      const box = boundary.getBoundingClientRect();
      const at = (v) => Math.round(((v * 2 * RANGE) - RANGE) * 100) / 100;
      session.addPoint(at((e.clientX - box.left) / box.width), -at((e.clientY - box.top) / box.height), controls.pointLabel);
    },
    onfocus: () => {
      cursor.at ??= { x1: 0, x2: 0 };
      drawBoundary();
    },
    onblur: () => {
      cursor.at = null;
      drawBoundary();
    },
    onkeydown: (e) => moveCursor(e) });
  const showing = h('p', { class: 'note small pg-showing', role: 'status' });
  const toggle = (key, labelKey) => {
    const input = h('input', { type: 'checkbox', onchange: (e) => store.set({ [key]: e.target.checked }) });
    return { input, row: h('label', { class: 'row' }, input, h('span', { 'data-i18n': labelKey })) };
  };
  const showTest = toggle('tp', 'pg.showTest');
  const discrete = toggle('disc', 'pg.discretise');
  const lossCanvas = h('canvas', { class: 'pg-loss', role: 'img' });
  const legend = h('p', { class: 'note small pg-legend' });

  // ---- inside the network ----
  const netView = createNetworkView({ t,
    onShow: (node) => {
      shown = node;
      drawBoundary();
    },
    onEdit: (changes) => {
      for (const c of changes) session.editParam(c.index, c.value);
    } });
  const collapseView = createCollapseView({ t,
    onLinear: () => {
      linearFrom = store.get().act;
      store.set({ act: ['identity'] });
    },
    onRestore: () => {
      const back = linearFrom;
      linearFrom = null;
      if (back) store.set({ act: back });
    } });
  const gradCanvas = h('canvas', { class: 'pg-grad', role: 'img', 'aria-label': t('pg.grad') });
  const inside = h('div', { class: 'pg-inside' },
    h('h3', { 'data-i18n': 'pg.inside' }),
    h('p', { class: 'note small', 'data-i18n': 'pg.inside.how' }),
    netView.element,
    collapseView.element,
    h('h3', { 'data-i18n': 'pg.grad' }),
    h('p', { class: 'note small', 'data-i18n': 'pg.grad.how' }),
    h('div', { class: 'chart-box small' }, gradCanvas));

  // Race mode: the same data for two to four networks that differ in one thing.
  const race = createRace({ lab, store, t,
    configFor: (state, racer) => {
      const config = networkConfig(state, session.dataInfo(state));
      if (raceByInit(state.race, lab.networkOptions.init)) return { ...config, init: racer };
      return { ...config, activation: state.hidden.length ? state.hidden.map(() => racer) : racer };
    },
    split: (config) => splitConfig(config, lab.networkOptions.trainingKeys),
    session: () => (session.data && near ? { data: session.data, info: session.dataInfo(), key: `${session.dataKey} ${session.dataVersion}` } : null),
    trainer: () => session.trainer,
    paint: (canvas, network, info, theme) => {
      canvas.getContext('2d').putImageData(decisionImage(network, info.task, canvas.width, store.get().disc, hexRgb(theme.bg)), 0, 0);
    },
    onStart: () => pause() });

  root.append(
    h('h2', { id: 'playground-title', 'data-i18n': 'pg.title' }),
    control('intro', h('p', { class: 'intro', 'data-i18n': 'pg.intro' })),
    h('div', { class: 'pg-grid' },
      h('div', { class: 'pg-controls' }, control('data', controls.dataPanel), control('network', controls.networkPanel),
        control('training', controls.trainingPanel)),
      h('div', { class: 'pg-output' },
        h('div', { class: 'row' }, playButton, stepButton, resetButton),
        stats, message, notice,
        h('div', { class: 'pg-plot' }, boundary), showing,
        h('div', { class: 'row' }, showTest.row, discrete.row),
        legend,
        h('h3', { 'data-i18n': 'pg.loss' }),
        h('div', { class: 'chart-box small' }, lossCanvas),
        control('export', io.exportPanel))),
    control('inside', inside),
    control('race', race.element),
  );

  const small = h('canvas', { width: GRID, height: GRID });
  const dotsLayer = h('canvas');
  let dotsDrawn = '';
  let lossChart = null;
  let lossVisible = false;
  whenNear(lossCanvas, () => {
    lossVisible = true;
    drawLoss();
  });
  let gradChart = null;
  const netSeen = onScreen(netView.element, () => drawNetwork());
  const gradSeen = onScreen(gradCanvas, () => drawGradients());

  // ---- the session's news ----
  function changed(what) {
    if (what === 'failure') {
      if (loop.running) pause();
      draw();
    } else if (what === 'points') {
      controls.renderPoints(store.get());
      race.render(store.get(), t);
      draw();
    } else if (what === 'edit') {
      draw();
    } else if (what === 'network') {
      netView.forget();
    }
  }

  // Asks for up to `epochs` more epochs (on the page, at most `budget` ms of them).
  function advance(epochs, budget = Infinity) {
    if (!session.net || session.failure) return;
    loop.track(session.step(epochs, budget).then((took) => {
      if (took) loop.landed();
    }));
  }

  function play() {
    if (!session.net || session.failure) return;
    race.pause();
    loop.start();
    renderButtons();
  }

  function pause() {
    const unseen = loop.stop();
    renderButtons();
    io.renderCode(); // the code of the network where it stopped
    if (unseen) {
      // A reply that came in after the last frame: show where training stopped.
      drawBoundary();
      renderStats();
      controls.renderNotes();
    }
    drawLoss();
    drawNetwork();
    drawGradients();
  }

  function moveCursor(e) {
    const step = e.shiftKey ? 0.1 : 0.5;
    const move = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }[e.key];
    if (move && cursor.at) {
      const clamp = (v) => Math.round(Math.max(-RANGE, Math.min(RANGE, v)) * 100) / 100;
      cursor.at = { x1: clamp(cursor.at.x1 + move[0]), x2: clamp(cursor.at.x2 + move[1]) };
      drawBoundary();
    } else if ((e.key === 'Enter' || e.key === ' ') && cursor.at) {
      session.addPoint(cursor.at.x1, cursor.at.x2, controls.pointLabel);
    } else {
      return;
    }
    e.preventDefault();
  }

  // ---- drawing ----

  // The map: the network's decision map, or the node the network picture shows large.
  function mapOf(net, info, bg) {
    const state = store.get();
    if (!shown) return decisionImage(net, info.task, GRID, state.disc, bg);
    if (shown.column === 0) {
      const feats = net.features(GRID_POINTS);
      const n0 = net.config.layers[0];
      return mapImage(GRID, bg, SHADE, valueAt(Float64Array.from({ length: GRID * GRID }, (_, p) => feats[p * n0 + shown.index])));
    }
    const g = net.grid({ resolution: GRID, xMin: -RANGE, xMax: RANGE, yMin: -RANGE, yMax: RANGE, neurons: true });
    const before = net.config.layers.slice(1, shown.column).reduce((s, v) => s + v, 0);
    return mapImage(GRID, bg, SHADE, valueAt(g.neurons, (before + shown.index) * GRID * GRID, GRID * GRID));
  }

  function drawBoundary() {
    const state = store.get();
    const info = session.dataInfo(state);
    const ctx = boundary.getContext('2d');
    const size = boundary.width;
    const theme = themeColours(); // read once per drawing: each read forces a style pass
    const bg = hexRgb(theme.bg);
    ctx.fillStyle = `rgb(${bg.join(',')})`;
    ctx.fillRect(0, 0, size, size);
    const net = session.net?.net;
    if (net) {
      // Scale the grid up smoothly: draw it at its size, then stretch. The network
      // picture's preview (which stays in view beside it) shows the same.
      const image = mapOf(net, info, bg);
      small.getContext('2d').putImageData(image, 0, 0);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(small, 0, 0, size, size);
      netView.preview.getContext('2d').putImageData(image, 0, 0);
    }
    showing.textContent = shown ? t('pg.showing', { node: shown.label }) : '';
    netView.setPreviewCaption(shown ? shown.label : t('pg.preview.output'));
    drawDots(ctx, state, info, theme, bg, size);
    if (cursor.at) {
      const x = ((cursor.at.x1 + RANGE) / (2 * RANGE)) * size;
      const y = size - ((cursor.at.x2 + RANGE) / (2 * RANGE)) * size;
      ctx.strokeStyle = theme.fg;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(x - 10, y);
      ctx.lineTo(x + 10, y);
      ctx.moveTo(x, y - 10);
      ctx.lineTo(x, y + 10);
      ctx.stroke();
    }
    labelCharts(state);
  }

  // The points change far less often than the map: drawn once into a layer
  // of their own, then copied over the map each frame.
  function drawDots(ctx, state, info, theme, bg, size) {
    const data = session.data;
    const key = `${session.dataVersion} ${state.tp} ${size} ${theme.fg} ${theme.bg} ${info.task}`;
    if (key !== dotsDrawn) {
      dotsDrawn = key;
      dotsLayer.width = size;
      dotsLayer.height = size;
      const dc = dotsLayer.getContext('2d');
      const toPx = (v) => ((v + RANGE) / (2 * RANGE)) * size;
      const dot = (inputs, labels, test) => {
        for (let i = 0; i < labels.length; i++) {
          const label = labels[i];
          const rgb = info.task === 'regression' ? mix(bg, classColour(label >= 0 ? 1 : 0), Math.min(1, Math.abs(label)))
            : classColour(info.task === 'binary' ? (label > 0 ? 1 : 0) : label);
          dc.beginPath();
          dc.arc(toPx(inputs[2 * i]), size - toPx(inputs[2 * i + 1]), test ? 4 : 3.5, 0, 2 * Math.PI);
          dc.fillStyle = `rgb(${rgb.join(',')})`;
          dc.fill();
          dc.lineWidth = test ? 2 : 1;
          dc.strokeStyle = test ? theme.fg : 'rgba(255,255,255,0.9)';
          dc.stroke();
        }
      };
      if (data) {
        dot(data.train.inputs, data.train.labels, false);
        if (state.tp) dot(data.test.inputs, data.test.labels, true);
      }
    }
    ctx.drawImage(dotsLayer, 0, 0);
  }

  // The text alternatives of the two pictures (also before they are drawn).
  function labelCharts(state) {
    const last = session.history[session.history.length - 1];
    const acc = last?.test.accuracy === null || last?.test.accuracy === undefined ? '—' : `${fmt(last.test.accuracy * 100, 3)} %`;
    boundary.setAttribute('aria-label', [t('pg.plot.label', { dataset: t(`pg.ds.${state.ds}`), epoch: last?.epoch ?? 0, acc }),
      shown ? t('pg.showing', { node: shown.label }) : '', t('pg.add.keys')].filter(Boolean).join(' '));
    lossCanvas.setAttribute('aria-label', t('pg.loss.label', { epoch: last?.epoch ?? 0,
      train: last ? fmt(last.train.loss, 4) : '—', test: last ? fmt(last.test.loss, 4) : '—' }));
  }

  function drawLoss() {
    if (!lossVisible) return;
    if (!lossChart) {
      lossChart = lineChart(lossCanvas, { xTitle: t('pg.epoch'), legend: true });
      lossChart.options.elements.line.borderWidth = 2;
      lossCanvas.actlabChart = lossChart;
    }
    lossChart.options.scales.x.title.text = t('pg.epoch');
    lossChart.options.scales.x.min = 0;
    const series = (key, k, dash) => ({ label: t(`pg.loss.${key}`), borderColor: colour(k), backgroundColor: colour(k), borderDash: dash,
      data: session.history.map((r) => ({ x: r.epoch, y: Number.isFinite(r[key].loss) ? r[key].loss : null })) });
    lossChart.data.datasets = [series('train', 0), series('test', 1, [6, 4])];
    lossChart.update('none');
  }

  // The network picture, its layer table and the collapse (when on screen).
  function drawNetwork() {
    const net = session.net;
    if (!netSeen.visible || !net) return;
    const inputs = session.data.train.inputs;
    netView.update(net.net, net.net.layerStats(inputs), t);
    collapseView.update(net.net, inputs, session.dataInfo(store.get()), linearFrom, t);
  }

  // The gradient size of each layer over the epochs (when on screen).
  function drawGradients() {
    const net = session.net;
    if (!gradSeen.visible || !net) return;
    if (!gradChart) {
      gradChart = lineChart(gradCanvas, { xTitle: t('pg.epoch'), yType: 'logarithmic', legend: true });
      gradCanvas.actlabChart = gradChart;
    }
    const sizes = net.net.config.layers;
    const history = session.history;
    gradChart.options.scales.x.title.text = t('pg.epoch');
    gradChart.options.scales.x.min = 0;
    gradChart.data.datasets = sizes.slice(1).map((_, l) => ({
      label: l === sizes.length - 2 ? t('pg.stats.output') : t('pg.grad.layer', { l: l + 1 }),
      borderColor: colour(l + 2), backgroundColor: colour(l + 2),
      data: history.map((r) => ({ x: r.epoch, y: r.grad[l] > 0 && Number.isFinite(r.grad[l]) ? r.grad[l] : null })),
    }));
    gradChart.update('none');
    const last = history[history.length - 1];
    gradCanvas.setAttribute('aria-label', t('pg.grad.label', { epoch: last?.epoch ?? 0,
      list: last ? Array.from(last.grad, (g, l) => `${l + 1}: ${fmt(g, 3)}`).join(t('list.sep')) : '—' }));
  }

  function renderStats() {
    const last = session.history[session.history.length - 1];
    const pct = (v) => (v === null || v === undefined ? '—' : `${fmt(v * 100, 4)} %`);
    const rows = [
      ['pg.epoch', String(last?.epoch ?? 0), 'epoch'],
      ['pg.loss.train', last ? fmt(last.train.loss, 4) : '—', 'train-loss'],
      ['pg.loss.test', last && Number.isFinite(last.test.loss) ? fmt(last.test.loss, 4) : '—', 'test-loss'],
    ];
    if (last && last.train.accuracy !== null) {
      rows.push(['pg.acc.train', pct(last.train.accuracy), 'train-acc'], ['pg.acc.test', pct(last.test.accuracy), 'test-acc']);
    }
    stats.replaceChildren(...rows.flatMap(([k, v, key]) => [h('dt', { text: t(k) }), h('dd', { dataset: { stat: key }, text: v })]));
    stats.dataset.epoch = String(last?.epoch ?? 0);
    stats.dataset.testAccuracy = String(last?.test.accuracy ?? '');
    stats.dataset.testLoss = String(last?.test.loss ?? '');
    stats.dataset.trainCount = String(session.data?.train.labels.length ?? 0);
    stats.dataset.testCount = String(session.data?.test.labels.length ?? 0);
  }

  function renderMessage() {
    const failure = session.failure;
    message.replaceChildren();
    message.hidden = !failure;
    notice.textContent = failure ? '' : session.notice ? t(session.notice.key, session.notice.vars) : slowStart ? t('pg.starting') : '';
    notice.hidden = !notice.textContent;
    if (!failure) return;
    message.append(h('p', { text: t(failure.key, failure.vars) }));
    if (failure.searching) message.append(h('p', { class: 'note small', text: t('pg.fix.searching') }));
    const fix = failure.fix;
    if (fix?.restart) {
      message.append(h('p', { class: 'note small', text: fix.going === null ? t('pg.fix.restartOnly', { lr: fmt(fix.lr) })
        : t('pg.fix.restartWhy', { lr: fmt(fix.lr), going: fmt(fix.going, 3), fresh: fmt(fix.fresh, 3) }) }));
    }
    if (fix?.lr) {
      message.append(h('button', { type: 'button', class: 'btn', dataset: { action: 'fix', restart: String(fix.restart) },
        text: t(fix.restart ? 'pg.fix.restart' : 'pg.fix', { lr: fmt(fix.lr) }), onclick: () => {
          const patch = session.takeFix();
          if (patch) store.set(patch);
        } }));
    } else if (fix) {
      message.append(h('p', { dataset: { fix: 'none' }, text: t('pg.fix.none', { lr: fmt(failure.vars.lr),
        acts: fix.acts.length ? fix.acts.join(t('list.sep')) : '—', init: fix.init ? t(`pg.init.${fix.init}`) : '—' }) }));
    }
  }

  function renderButtons() {
    const blocked = !session.net || Boolean(session.failure);
    playButton.textContent = t(loop.running ? 'pg.pause' : 'pg.play');
    playButton.setAttribute('aria-pressed', String(loop.running));
    playButton.disabled = blocked;
    stepButton.disabled = blocked;
  }

  // Everything; or, while training, the map and figures every frame and the
  // other pictures one per frame in turn (phase 1-3), so that no frame pays
  // for all of them at once.
  function draw(phase) {
    drawBoundary();
    renderStats();
    renderMessage();
    renderButtons();
    controls.renderNotes();
    if (phase === undefined || phase === 1) drawLoss();
    if (phase === undefined || phase === 2) drawNetwork();
    if (phase === undefined || phase === 3) {
      drawGradients();
      io.renderCode();
    }
  }

  whenNear(root, () => {
    near = true;
    session.sync(store.get());
    draw();
    race.render(store.get(), t);
  });

  function render(state, translate = t) {
    t = translate;
    controls.render(state, t);
    io.render(state, t);
    showTest.input.checked = state.tp;
    discrete.input.checked = state.disc;
    legend.textContent = t(`pg.legend.${session.dataInfo(state).task}`);
    gradCanvas.setAttribute('aria-label', t('pg.grad'));
    labelCharts(state);
    renderButtons();
    if (!near) return;
    session.sync(state);
    draw();
    race.render(state, t);
  }

  function retint() {
    if (lossChart) retheme(lossChart);
    if (gradChart) retheme(gradChart);
    race.retint();
    drawBoundary();
  }

  return {
    render,
    retint,
    /** Stops training (the playground's and the race's), e.g. when a tutorial chapter is left. */
    pause() {
      if (loop.running) pause();
      race.pause();
    },
    /** The latest figures ({epoch, train: {loss, accuracy}, test: {...}}), or null before any: for exercises. */
    result: () => session.result(),
  };
}
