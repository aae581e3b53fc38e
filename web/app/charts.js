import { fmt, h } from './dom.js';

// Chart.js set up the way every ActLab chart uses it: colours from the page's
// CSS variables (light and dark), no animation while sliders move, a
// vertical cursor line for the explorer's readout, a legend in HTML, and
// one palette. Line charts here; bar charts in barchart.js, with the widgets
// that draw them.
import { Chart, LineController, LineElement, PointElement, LinearScale, LogarithmicScale } from '../vendor/chart.js';

// The legend: a list of the datasets' labels, each after a sample of its
// line (dashed where the line is) or its bars' colour, just above the
// chart's box. Text on the page rather than pixels in the canvas: it wraps
// on a phone, a screen reader reads it, the page's font and colours apply,
// and the first view needs none of Chart.js's legend code (3 KB gzipped).
// Options: plugins.actlabLegend.display (default true).
const legendPlugin = {
  id: 'actlabLegend',
  defaults: { display: true },
  afterUpdate(chart, _args, options) {
    const box = chart.canvas.parentNode;
    if (!options.display || !box) {
      chart.$legend?.remove();
      chart.$legend = null;
      return;
    }
    if (!chart.$legend) {
      chart.$legend = h('ul', { class: 'chart-legend' });
      box.before(chart.$legend);
    }
    const bars = chart.config.type !== 'line';
    chart.$legend.replaceChildren(...chart.data.datasets.filter((d) => d.label).map((d) => {
      const swatch = h('span', { class: bars ? 'swatch bar' : 'swatch', 'aria-hidden': 'true' });
      const colour = [d.backgroundColor, d.borderColor].map((v) => (Array.isArray(v) ? v[0] : v)).find(Boolean);
      if (bars) swatch.style.background = colour;
      else swatch.style.borderTop = `2.5px ${d.borderDash?.length ? 'dashed' : 'solid'} ${d.borderColor ?? colour}`;
      return h('li', {}, swatch, d.label);
    }));
  },
  afterDestroy(chart) {
    chart.$legend?.remove();
  },
};

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, legendPlugin);

export { Chart };

// Eight colours distinguishable in both themes and for common colour-vision
// deficiencies (Okabe-Ito order, black replaced by grey).
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#8a8a8a', '#F0E442'];
export const colour = (i) => PALETTE[i % PALETTE.length];

export function themeColours() {
  const css = getComputedStyle(document.documentElement);
  return {
    fg: css.getPropertyValue('--fg').trim() || '#1b1f24',
    bg: css.getPropertyValue('--bg').trim() || '#ffffff',
    muted: css.getPropertyValue('--muted').trim() || '#5b6470',
    grid: css.getPropertyValue('--grid').trim() || 'rgba(0,0,0,0.1)',
  };
}

// Draws a vertical line at chart.$cursorX (a data x) when it is set.
const cursorPlugin = {
  id: 'actlabCursor',
  afterDatasetsDraw(chart) {
    const x = chart.$cursorX;
    if (x === undefined || x === null) return;
    const { ctx, chartArea, scales } = chart;
    const px = scales.x.getPixelForValue(x);
    if (px < chartArea.left || px > chartArea.right) return;
    ctx.save();
    ctx.strokeStyle = themeColours().muted;
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    ctx.moveTo(px, chartArea.top);
    ctx.lineTo(px, chartArea.bottom);
    ctx.stroke();
    ctx.restore();
  },
};

// Number tick labels in our own format: Chart.js's default builds an
// Intl.NumberFormat, whose first use costs ~15 ms of start-up.
export const NUMBER_TICKS = { callback: (v) => fmt(v, 4) };

/** One axis in the theme's colours, with an optional title and extra tick options. */
export const axis = (c, title, ticks = {}) => ({
  grid: { color: c.grid },
  ticks: { color: c.muted, ...ticks },
  title: title ? { display: true, text: title, color: c.muted } : { display: false },
});

/**
 * A line chart over a linear x axis with ActLab's defaults. A chart given its
 * first datasets (and x range: [min, max]) is drawn once; one made empty and
 * filled at once is laid out and drawn twice.
 */
export function lineChart(canvas, { yType = 'linear', xTitle, yTitle, onHover, legend = true, datasets = [], x = [] } = {}) {
  const c = themeColours();
  const numbers = { maxTicksLimit: 9, ...NUMBER_TICKS };
  return new Chart(canvas, {
    type: 'line',
    data: { datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      responsive: true,
      parsing: false,
      normalized: true,
      elements: { point: { radius: 0, hoverRadius: 0 }, line: { borderWidth: 2, tension: 0 } },
      scales: { x: { type: 'linear', min: x[0], max: x[1], ...axis(c, xTitle, numbers) }, y: { type: yType, ...axis(c, yTitle, numbers) } },
      plugins: { actlabLegend: { display: legend } },
      events: ['mousemove', 'mouseout', 'touchstart', 'touchmove'],
      onHover,
    },
    plugins: [cursorPlugin],
  });
}

/**
 * Chart text follows the page's size: 12 px beside the usual 16 px root, larger
 * in projector mode (classroom.js). Sets Chart.js's default and redraws every
 * chart there is (the lazy widgets' included); later charts start with it.
 */
export function fitChartText() {
  const size = Math.round(0.75 * parseFloat(getComputedStyle(document.documentElement).fontSize)) || 12;
  if (Chart.defaults.font.size === size) return;
  Chart.defaults.font.size = size;
  for (const chart of Object.values(Chart.instances)) chart.update('none');
}

/** Re-reads the theme colours into existing charts (after a dark-mode switch). */
export function retheme(chart) {
  const c = themeColours();
  for (const s of Object.values(chart.options.scales)) {
    s.grid.color = c.grid;
    s.ticks.color = c.muted;
    if (s.title) s.title.color = c.muted;
  }
  chart.update('none');
}

/**
 * Calls fn once, when el comes within 300 px of the viewport (or the page is
 * printed): charts below the fold are made only if someone scrolls to them.
 */
export function whenNear(el, fn) {
  if (typeof IntersectionObserver !== 'function') {
    fn();
    return;
  }
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    watch.disconnect();
    removeEventListener('beforeprint', once);
    fn();
  };
  const watch = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) once();
  }, { rootMargin: '300px' });
  watch.observe(el);
  addEventListener('beforeprint', once);
}

/**
 * Tracks whether el is on screen (within 100 px of the viewport): returns an
 * object whose `visible` is kept up to date. Work during animation can skip
 * what nobody can see. onShow (optional) runs each time it comes into view.
 */
export function onScreen(el, onShow) {
  const state = { visible: typeof IntersectionObserver !== 'function' };
  if (state.visible) return state;
  new IntersectionObserver((entries) => {
    const was = state.visible;
    state.visible = entries[entries.length - 1].isIntersecting;
    if (state.visible && !was) onShow?.();
  }, { rootMargin: '100px' }).observe(el);
  return state;
}
