// The digits race: five networks that differ only in their hidden layers
// (sigmoid, tanh, ReLU and GELU with 32 units, and six sigmoid layers of
// 32), trained by the trainer as one group for RACE_EPOCHS epochs: one
// epoch of each per round, the same seed, so the same batches. Their test
// accuracy by epoch on one chart, and where each ended.
import { RACERS, RACE_EPOCHS, RACE_RATES, racerConfig } from './digitmodel.js';
import { lineChart, colour, retheme, whenNear } from './charts.js';
import { h, fmt } from './dom.js';
import { trainingLoop, runTowards } from './trainer.js';

const PAGE_BUDGET_MS = 12; // training per frame when there is no Worker

/** @param {{store, data: {train, test}, trainer: () => object}} deps */
export function createDigitRace({ store, data, trainer }) {
  let t = store.t;
  let group = null;
  let optimizer = null; // the optimiser of the group
  let history = RACERS.map(() => []); // per racer: [{epoch, acc}]
  let failed = RACERS.map(() => null); // per racer: epoch at which it diverged, or null
  let error = '';
  let before = null; // the race before this one, {optimizer, line}: kept to compare with
  let chart = null;
  let visible = false;
  const loop = trainingLoop({ trainer, draw, ask, onPending: (n) => { status.dataset.pending = String(n); } });
  const run = runTowards(loop);

  const optButtons = ['sgd', 'adam'].map((o) => h('button', { type: 'button', class: 'btn small', dataset: { raceOpt: o },
    text: `${o === 'sgd' ? 'SGD' : 'Adam'} ${RACE_RATES[o]}`, onclick: () => store.set({ dro: o }) }));
  const play = h('button', { type: 'button', class: 'btn primary', dataset: { action: 'race' }, onclick: () => (loop.running ? pause() : start()) });
  const status = h('p', { class: 'note small', role: 'status' });
  const canvas = h('canvas', { role: 'img' });
  const chartBox = h('div', { class: 'chart-box small', hidden: true }, canvas); // shown once a race has begun
  const results = h('ul', { class: 'dg-race-results' });
  const earlier = h('p', { class: 'note small dg-race-before' });
  const element = h('div', { class: 'panel dg-race' }, h('h3', { 'data-i18n': 'dg.race.title' }),
    h('p', { class: 'note small', 'data-i18n': 'dg.race.how' }),
    h('div', { class: 'row', role: 'group', 'data-i18n-attr': 'aria-label:dg.race.opt' },
      h('span', { class: 'label', 'data-i18n': 'dg.race.opt' }), ...optButtons, play),
    status, chartBox, results, earlier, h('p', { class: 'note small', 'data-i18n': 'dg.race.read' }));
  whenNear(element, () => {
    visible = true;
    draw();
  });

  // Where the race is: the fewest epochs of the racers still training (one that diverged stops where it failed).
  const epochs = () => {
    const live = history.filter((_, i) => failed[i] === null);
    return live.length ? Math.min(...live.map((hs) => (hs.length ? hs[hs.length - 1].epoch : 0))) : RACE_EPOCHS;
  };

  function reset() {
    loop.stop();
    group?.close();
    group = null;
    history = RACERS.map(() => []);
    failed = RACERS.map(() => null);
    error = '';
    run.reset();
  }

  const optimiserName = (o) => `${o === 'sgd' ? 'SGD' : 'Adam'} ${RACE_RATES[o]}`;

  function start() {
    const state = store.get();
    if (!group || optimizer !== state.dro || epochs() >= RACE_EPOCHS) {
      // A new race: the one shown so far stays below, to compare with.
      if (group && history.some((hs) => hs.length)) before = { optimizer, history, failed };
      reset();
      optimizer = state.dro;
      group = trainer().open(RACERS.map((r) => ({ config: racerConfig(r, optimizer) })), data);
    }
    loop.start();
    draw();
  }

  function pause() {
    loop.stop();
    draw();
  }

  function ask() {
    const g = group;
    if (!g) return;
    const asked = run.ask(g, { at: epochs(), goal: RACE_EPOCHS, budget: PAGE_BUDGET_MS, current: () => g === group,
      onReply: (reply) => {
        reply.results.forEach((r, i) => {
          if (r.failedAt !== null) failed[i] = r.failedAt;
          const last = history[i][history[i].length - 1];
          if (!last || last.epoch !== r.epochs) history[i].push({ epoch: r.epochs, acc: r.test?.accuracy ?? 0 });
        });
        if (failed.every((f) => f !== null) || epochs() >= RACE_EPOCHS) loop.stop();
        loop.landed();
        if (!loop.running) draw();
      },
      onError: (err) => {
        error = err?.message ?? String(err);
        pause();
      } });
    if (!asked) pause();
  }

  function draw() {
    const state = store.get();
    optButtons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.raceOpt === state.dro)));
    earlier.textContent = before ? t('dg.race.last', { opt: optimiserName(before.optimizer),
      list: finalsLine(finals(before.history, before.failed)) }) : '';
    const done = group ? epochs() : 0;
    play.textContent = t(loop.running ? 'dg.pause' : done > 0 && done < RACE_EPOCHS && optimizer === state.dro ? 'dg.race.resume' : 'dg.race.run');
    play.setAttribute('aria-pressed', String(loop.running));
    status.textContent = error ? t('dg.failed', { detail: error })
      : group ? `${optimiserName(optimizer)} · ${t('dg.race.epoch', { epoch: done, of: RACE_EPOCHS })}` : '';
    status.dataset.epoch = String(done);
    chartBox.hidden = !group;
    if (!visible || !group) return;
    chart ??= lineChart(canvas, { xTitle: t('dg.epoch'), yTitle: t('dg.acc.test') });
    canvas.actlabChart = chart;
    chart.options.scales.x.title.text = t('dg.epoch');
    chart.options.scales.y.title.text = t('dg.acc.test');
    chart.options.scales.x.min = 0;
    chart.options.scales.x.max = RACE_EPOCHS;
    chart.options.scales.y.min = 0;
    chart.options.scales.y.max = 1;
    chart.data.datasets = RACERS.map((r, i) => ({ label: t(`dg.racer.${r.id}`), borderColor: colour(i), backgroundColor: colour(i),
      data: history[i]?.map((p) => ({ x: p.epoch, y: p.acc })) ?? [] }));
    chart.update('none');
    const now = finals();
    canvas.setAttribute('aria-label', t('dg.race.label', { epoch: done, list: finalsLine(now) }));
    results.replaceChildren(...now.map((f) => h('li', { dataset: { racer: f.r.id, acc: String(f.acc ?? '') } },
      h('span', { class: 'swatch', style: `background: ${colour(f.i)}` }), t('dg.race.item', { name: t(`dg.racer.${f.r.id}`), what: f.what }))));
  }

  // Where each racer is: its last test accuracy, or where it diverged.
  function finals(hist = history, fails = failed) {
    return RACERS.map((r, i) => {
      const last = hist[i]?.[hist[i].length - 1];
      const what = fails[i] !== null && fails[i] !== undefined ? t('dg.race.diverged', { epoch: fails[i] })
        : last ? t('dg.race.acc', { acc: fmt(last.acc * 100, 3) }) : '—';
      return { r, i, what, acc: last?.acc };
    });
  }
  const finalsLine = (list) => list.map((f) => t('dg.race.item', { name: t(`dg.racer.${f.r.id}`), what: f.what })).join(t('list.sep'));

  return {
    element,
    pause,
    render(state, translate) {
      t = translate;
      if (group && optimizer !== state.dro) pause(); // the race shown stays; Run starts one with the new optimiser
      draw();
    },
    retint() {
      if (chart) retheme(chart);
      draw();
    },
  };
}
