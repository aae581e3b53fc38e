// Bar charts (the softmax lab's probabilities, the digits widget's
// confidences): Chart.js's bar parts and tooltips, registered when a widget
// that draws one loads (the first view draws line charts only: charts.js).
import { Chart, BarController, BarElement, CategoryScale, Tooltip } from '../vendor/chart.js';
import { themeColours, axis, NUMBER_TICKS } from './charts.js';
import { fmt } from './dom.js';

Chart.register(BarController, BarElement, CategoryScale, Tooltip);

/** A bar chart over categories (the softmax lab's probabilities), y from 0 to 1. */
export function barChart(canvas, { xTitle, yTitle } = {}) {
  const c = themeColours();
  return new Chart(canvas, {
    type: 'bar',
    data: { labels: [], datasets: [] },
    options: {
      animation: false,
      maintainAspectRatio: false,
      responsive: true,
      scales: { x: { type: 'category', ...axis(c, xTitle) }, y: { type: 'linear', min: 0, max: 1, ...axis(c, yTitle, NUMBER_TICKS) } },
      plugins: {
        legend: { display: true, labels: { color: c.fg } },
        tooltip: { enabled: true, callbacks: { label: (item) => `${item.dataset.label}: ${fmt(item.raw)}` } },
      },
    },
  });
}
