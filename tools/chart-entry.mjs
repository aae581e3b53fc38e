// The parts of Chart.js the page uses, bundled by scripts/build.sh (esbuild)
// into web/vendor/chart.js: line charts on linear and logarithmic scales,
// and the base classes of ActLab's own bar chart
// (web/app/barchart.js). Nothing is registered here: web/app/charts.js and
// barchart.js register what they use. Whatever any file imports lands in
// the page's first view (esbuild puts one module in one chunk), so this list
// stays what the first view's line chart needs.
export {
  Chart, DatasetController, Element, LineController, LineElement, PointElement, LinearScale, LogarithmicScale,
} from 'chart.js';
