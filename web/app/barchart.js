// Bar charts of probabilities (the softmax lab's, the digits widget's): a
// small chart type of ActLab's own on Chart.js's public extension API (a
// dataset controller and an element), drawn on the same linear scales as the
// line charts. Chart.js's own bar chart would bring its bar controller,
// category scale and tooltips into the page's first view (Chart.js is one
// module, bundled whole wherever any part of it is used): 9 KB gzipped that
// the first screen never draws.
import { Chart, DatasetController, Element } from '../vendor/chart.js';
import { themeColours, axis, NUMBER_TICKS } from './charts.js';

// One bar: centred on x, `width` wide, from the value's pixel y down to base (the pixel of 0).
// Drawn only: the charts take no pointer events, so no hit-testing is needed.
class ActlabBar extends Element {
  static id = 'actlabBar';
  static defaults = { borderWidth: 0 };
  static defaultRoutes = { backgroundColor: 'backgroundColor', borderColor: 'borderColor' };

  draw(ctx) {
    const { x, y, base, width, options } = this;
    const top = Math.min(y, base);
    const height = Math.abs(base - y);
    ctx.save();
    ctx.fillStyle = options.backgroundColor;
    ctx.fillRect(x - width / 2, top, width, height);
    const border = options.borderWidth;
    if (border > 0 && height > border) {
      ctx.lineWidth = border;
      ctx.strokeStyle = options.borderColor;
      ctx.strokeRect(x - width / 2 + border / 2, top + border / 2, width - border, height - border);
    }
    ctx.restore();
  }
}

// Each dataset's values, one per label (the label at position i is drawn
// under x = i); the datasets' bars side by side in 80 % of each slot.
class ActlabBars extends DatasetController {
  static id = 'actlabBars';
  static defaults = { datasetElementType: false, dataElementType: 'actlabBar' };

  parsePrimitiveData(meta, data, start, count) {
    const parsed = new Array(count);
    for (let i = 0; i < count; i++) parsed[i] = { x: start + i, y: data[start + i] };
    return parsed;
  }

  update(mode) {
    const bars = this._cachedMeta.data;
    this.updateElements(bars, 0, bars.length, mode);
  }

  updateElements(bars, start, count, mode) {
    const { xScale, yScale } = this._cachedMeta;
    const sets = this.chart.data.datasets.length;
    const slot = 0.8 * Math.abs(xScale.getPixelForValue(1) - xScale.getPixelForValue(0));
    const width = slot / sets;
    const base = yScale.getPixelForValue(0);
    for (let i = start; i < start + count; i++) {
      const { x, y } = this.getParsed(i);
      this.updateElement(bars[i], i, {
        x: xScale.getPixelForValue(x) - slot / 2 + width * (this.index + 0.5),
        y: yScale.getPixelForValue(y),
        base,
        width,
        options: this.resolveDataElementOptions(i, mode),
      }, mode);
    }
  }
}

Chart.register(ActlabBars, ActlabBar);

/**
 * A bar chart over categories (chart.data.labels, one bar per label and
 * dataset), y from 0 to 1, with a legend; no hover (the widgets print
 * every value beside the chart).
 */
export function barChart(canvas, { xTitle, yTitle } = {}) {
  const c = themeColours();
  const x = axis(c, xTitle, {
    autoSkip: false,
    callback(v) {
      return this.chart.data.labels[v] ?? '';
    },
  });
  return new Chart(canvas, {
    type: 'actlabBars',
    data: { labels: [], datasets: [] },
    options: {
      animation: false,
      maintainAspectRatio: false,
      responsive: true,
      events: [],
      scales: {
        x: { type: 'linear', ...x, bounds: 'data', grid: { display: false },
          // From half a slot before the first label to half a slot after the last.
          afterDataLimits(scale) {
            scale.min = -0.5;
            scale.max = Math.max(scale.chart.data.labels.length, 1) - 0.5;
          },
          // A tick under each bar group, labelled with its label.
          afterBuildTicks(scale) {
            scale.ticks = scale.chart.data.labels.map((_, i) => ({ value: i }));
          } },
        y: { type: 'linear', min: 0, max: 1, ...axis(c, yTitle, NUMBER_TICKS) },
      },
      plugins: { actlabLegend: { display: true } },
    },
  });
}
