// Race mode: the playground's data trained by two to four networks that
// differ only in their hidden activation (or only in their initialiser),
// side by side, with their loss curves on one chart. The trainer (a Worker)
// trains whole rounds (one epoch of every network), so the racers always
// have the same number of epochs; each frame draws the latest round's
// parameters from the racers' mirrors.
import { LIMITS, raceByInit } from './state.js';
import { lineChart, colour, retheme, themeColours, whenNear } from './charts.js';
import { h, uid, fmt } from './dom.js';
import { Mirror, trainingLoop } from './trainer.js';

const RES = 40; // each racer's decision map
const FRAME_BUDGET_MS = 8; // training per frame on the page (no Worker): four maps and a chart still fit in 16.7 ms
const MAX_HISTORY = 600;
export const RACE_PRESETS = {
  act: ['sigmoid', 'tanh', 'relu', 'leaky_relu'],
  init: ['zeros', 'uniform', 'glorot_uniform', 'he_normal'],
};

/**
 * @param {{lab, store, t, configFor: (state, racer) => object, split: (config) => {structure, training},
 *   session: () => ({data, info}|null), trainer: () => object, paint: (canvas, net, info, theme) => void,
 *   onStart: () => void}} deps
 *   configFor: the engine config of one racer; split: what a config's network is and how it trains
 *   (a change of the latter goes to the running racers); session: the playground's current data;
 *   trainer: the page's trainer (web/app/trainer.js);
 *   paint: draws a network's decision map (theme from themeColours()); onStart: pauses the main playground
 */
export function createRace({ lab, store, t: translate, configFor, split, session, trainer, paint, onStart }) {
  let t = translate;
  let racers = []; // {name, net (a Mirror), history, failedAt, canvas, label}
  let group = null; // the trainer's group: the racers that have a network, in order
  let key = '';
  let training = ''; // the racers' training options, as JSON
  // Each frame: draw the last reply (the maps or the chart in turn), and ask for more rounds.
  const loop = trainingLoop({ trainer, draw,
    ask: () => trainRounds(store.get().speed, FRAME_BUDGET_MS),
    onPending: (n) => { epochs.dataset.pending = String(n); } });
  let chart = null;
  let visible = false;

  const names = lab.activations.map((a) => a.name);
  const inits = lab.networkOptions.init;
  const startAct = h('button', { type: 'button', class: 'btn', dataset: { action: 'race-act' }, 'data-i18n': 'pg.race.act',
    onclick: () => store.set({ race: [...RACE_PRESETS.act] }) });
  const startInit = h('button', { type: 'button', class: 'btn', dataset: { action: 'race-init' }, 'data-i18n': 'pg.race.init',
    onclick: () => store.set({ race: [...RACE_PRESETS.init] }) });
  const stop = h('button', { type: 'button', class: 'btn', dataset: { action: 'race-off' }, 'data-i18n': 'pg.race.off',
    onclick: () => store.set({ race: [] }) });
  const pickers = h('div', { class: 'row pg-race-pickers' });
  const add = h('button', { type: 'button', class: 'btn small', dataset: { action: 'race-add' }, onclick: () => {
    const race = store.get().race;
    const pool = raceByInit(race, inits) ? inits : names;
    const next = pool.find((n) => !race.includes(n));
    if (next && race.length < LIMITS.maxRacers) store.set({ race: [...race, next] });
  } });
  const play = h('button', { type: 'button', class: 'btn primary', dataset: { action: 'race-play' }, text: t('pg.race.play'), onclick: () => (loop.running ? pause() : start()) });
  const reset = h('button', { type: 'button', class: 'btn', dataset: { action: 'race-reset' }, 'data-i18n': 'pg.reset', onclick: () => {
    key = '';
    sync(store.get());
    draw();
  } });
  const epochs = h('p', { class: 'pg-race-epoch', role: 'status' });
  const lanes = h('div', { class: 'pg-race-lanes' });
  const lossCanvas = h('canvas', { class: 'pg-race-loss', role: 'img', 'aria-label': t('pg.race.loss') });
  const body = h('div', { class: 'pg-race-body' }, pickers, h('div', { class: 'row' }, play, reset, stop), epochs, lanes,
    h('div', { class: 'chart-box small' }, lossCanvas));
  const element = h('div', { class: 'pg-race' }, h('h3', { 'data-i18n': 'pg.race' }), h('p', { class: 'note small', 'data-i18n': 'pg.race.how' }),
    h('div', { class: 'row' }, startAct, startInit), body);
  whenNear(element, () => {
    visible = true;
    draw();
  });

  // A racer that can still train.
  const live = (r) => r.net && r.failedAt === null && !r.error;

  function dispose() {
    group?.close();
    group = null;
    for (const r of racers) r.net?.dispose();
    racers = [];
  }

  // New racers when the data, the shared settings or the list changed.
  function sync(state) {
    const s = session();
    if (!state.race.length || !s) {
      if (racers.length) dispose();
      key = '';
      pause();
      return;
    }
    const configs = state.race.map((name) => configFor(state, name));
    const parts = configs.map(split);
    const k = JSON.stringify([s.key, parts.map((p) => p.structure)]);
    if (k === key) {
      // The same racers with other training options: they race on from where they are.
      const options = parts[0].training;
      if (JSON.stringify(options) !== training) {
        training = JSON.stringify(options);
        group?.configure(options);
        for (const r of racers) {
          r.net?.configure(options);
          r.failedAt = null;
        }
      }
      return;
    }
    key = k;
    training = JSON.stringify(parts[0].training);
    pause();
    dispose();
    racers = state.race.map((name, i) => {
      let net = null;
      let failed = null;
      try {
        net = new Mirror(lab.createNetwork(configs[i]));
      } catch (err) {
        failed = err.message;
      }
      return { name, net, config: configs[i], history: [], failedAt: null, error: failed,
        canvas: h('canvas', { width: RES, height: RES, role: 'img' }) };
    });
    const trained = racers.filter((r) => r.net);
    if (trained.length) group = trainer().open(trained.map((r) => ({ config: r.config })), s.data);
    for (const r of trained) measure(r, s.data);
  }

  function measure(r, data, test = data.test.labels.length ? r.net.net.evaluate(data.test.inputs, data.test.labels)
    : { loss: NaN, accuracy: null }) {
    r.history.push({ epoch: r.net.epochs, loss: test.loss, accuracy: test.accuracy });
    if (r.history.length > MAX_HISTORY) r.history = r.history.filter((_, i) => i % 2 === 0 || i === r.history.length - 1);
  }

  // Up to `rounds` whole rounds (on the page: until `budget` ms are spent), then the racers' new figures.
  function trainRounds(rounds, budget) {
    const s = session();
    if (!s || !group) return;
    if (!racers.some(live)) {
      pause();
      return;
    }
    const g = group;
    const trained = racers.filter((r) => r.net);
    loop.track(g.step(rounds, budget).then((reply) => {
      // A reply trained before the last change of options is passed over.
      if (!reply || g !== group || reply.settings !== g.settings) return;
      trained.forEach((r, i) => {
        const result = reply.results[i];
        if (r.failedAt !== null) return;
        r.net.apply(result);
        if (result.failedAt !== null) r.failedAt = result.failedAt;
        else measure(r, s.data, result.test ?? { loss: NaN, accuracy: null });
      });
      loop.landed();
    }).catch((err) => {
      if (g !== group) return;
      for (const r of trained) r.error ??= err?.message ?? String(err);
      pause();
    }));
  }

  function start() {
    if (!racers.some(live)) return;
    onStart();
    loop.start();
    renderButtons();
  }

  function pause() {
    if (!loop.running) return;
    loop.stop();
    renderButtons();
    draw();
  }

  function renderButtons() {
    const started = racers.some((r) => r.net && r.net.epochs > 0);
    play.textContent = t(loop.running ? 'pg.pause' : started ? 'pg.race.resume' : 'pg.race.play');
    play.setAttribute('aria-pressed', String(loop.running));
    play.disabled = !racers.some(live);
  }

  const label = (name, state) => (raceByInit(state.race, inits) ? t(`pg.init.${name}`) : name);

  function makeLane(r, i) {
    const name = h('span', { class: 'pg-lane-name', style: `border-color: ${colour(i)}` });
    const status = h('span', { class: 'note small' });
    const figure = h('figure', { class: 'pg-lane', dataset: { racer: r.name } }, h('div', { class: 'pg-lane-map' }, r.canvas),
      h('figcaption', {}, name, status));
    return { figure, name, status };
  }

  // Everything, or while racing the maps (phase 0) and the chart (phase 2) in turn.
  function draw(phase) {
    const state = store.get();
    const s = session();
    renderButtons();
    const epoch = Math.max(0, ...racers.map((r) => r.net?.epochs ?? 0));
    epochs.textContent = racers.length ? t('pg.race.epoch', { epoch }) : '';
    epochs.dataset.epoch = String(epoch);
    if (!visible || !s) return;
    if (phase === undefined || phase === 0) {
      const theme = themeColours(); // once per drawing: each read forces a style pass
      racers.forEach((r, i) => {
        r.lane ??= makeLane(r, i);
        if (r.net) paint(r.canvas, r.net.net, s.info, theme);
        const last = r.history[r.history.length - 1];
        const status = r.error ? t('pg.failed', { detail: r.error }) : r.failedAt !== null ? t('pg.race.diverged', { epoch: r.failedAt })
          : last?.accuracy === null || !last ? t('pg.race.loss.value', { loss: last ? fmt(last.loss, 4) : '—' })
            : t('pg.race.acc', { acc: fmt(last.accuracy * 100, 3), loss: fmt(last.loss, 4) });
        r.canvas.setAttribute('aria-label', `${label(r.name, state)}: ${status}`);
        r.lane.name.textContent = label(r.name, state);
        r.lane.status.textContent = status;
        r.lane.status.dataset.loss = String(last?.loss ?? '');
      });
      if (lanes.childElementCount !== racers.length || racers.some((r, i) => lanes.children[i] !== r.lane.figure)) {
        lanes.replaceChildren(...racers.map((r) => r.lane.figure));
      }
    }
    if (phase !== undefined && phase !== 2) return;
    if (!chart) {
      chart = lineChart(lossCanvas, { xTitle: t('pg.epoch'), yTitle: t('pg.loss.test'), legend: true });
      lossCanvas.actlabChart = chart;
    }
    chart.options.scales.x.title.text = t('pg.epoch');
    chart.options.scales.y.title.text = t('pg.loss.test');
    chart.options.scales.x.min = 0;
    chart.data.datasets = racers.map((r, i) => ({ label: label(r.name, state), borderColor: colour(i), backgroundColor: colour(i),
      data: r.history.map((p) => ({ x: p.epoch, y: Number.isFinite(p.loss) ? p.loss : null })) }));
    chart.update('none');
    lossCanvas.setAttribute('aria-label', t('pg.race.loss.label', { epoch, list: racers.map((r) => {
      const last = r.history[r.history.length - 1];
      return `${label(r.name, state)} ${last ? fmt(last.loss, 4) : '—'}`;
    }).join(t('list.sep')) }));
  }

  function renderPickers(state) {
    body.hidden = !state.race.length;
    const byInit = raceByInit(state.race, inits);
    const pool = byInit ? inits : names;
    pickers.replaceChildren(...state.race.map((name, i) => {
      const id = uid('racer');
      return h('span', { class: 'pg-racer' },
        h('label', { for: id, class: 'sr-only', text: t('pg.race.racer', { i: i + 1 }) }),
        h('select', { id, dataset: { racer: String(i) }, onchange: (e) => {
          const race = [...store.get().race];
          if (race.includes(e.target.value)) {
            e.target.value = race[i]; // each racer differs
            return;
          }
          race[i] = e.target.value;
          store.set({ race });
        } }, ...pool.map((n) => h('option', { value: n, text: byInit ? t(`pg.init.${n}`) : n, selected: n === name }))),
        h('button', { type: 'button', class: 'btn small', text: '×', 'aria-label': t('pg.race.remove', { name: label(name, state) }),
          disabled: state.race.length <= LIMITS.minRacers,
          onclick: () => store.set({ race: store.get().race.filter((_, k) => k !== i) }) }));
    }), add);
    add.disabled = state.race.length >= LIMITS.maxRacers;
    add.textContent = t('pg.race.add');
  }

  return {
    element,
    render(state, translate2) {
      t = translate2;
      lossCanvas.setAttribute('aria-label', t('pg.race.loss'));
      renderPickers(state);
      sync(state);
      draw();
    },
    pause,
    retint() {
      if (chart) retheme(chart);
      draw();
    },
  };
}
