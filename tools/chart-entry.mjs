// The parts of Chart.js the page uses, bundled by scripts/build.sh (esbuild)
// into web/vendor/chart.js: line and bar charts on linear, logarithmic and
// category scales, with tooltips and legends. Everything else is left out.
// Nothing is registered here: web/app/charts.js registers what line charts
// need and web/app/barchart.js what bar charts add, so the page's first view
// (line charts only) carries no bar-chart code (esbuild drops what no file
// imports).
export {
  Chart, LineController, BarController, LineElement, PointElement, BarElement,
  LinearScale, LogarithmicScale, CategoryScale, Tooltip, Legend,
} from 'chart.js';
