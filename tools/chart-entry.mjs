// The parts of Chart.js the page uses, bundled by scripts/build.sh (esbuild)
// into web/vendor/chart.js: line and bar charts on linear, logarithmic and
// category scales, with tooltips and legends. Everything else is left out.
import {
  Chart, LineController, BarController, LineElement, PointElement, BarElement,
  LinearScale, LogarithmicScale, CategoryScale, Tooltip, Legend,
} from 'chart.js';

Chart.register(LineController, BarController, LineElement, PointElement, BarElement,
  LinearScale, LogarithmicScale, CategoryScale, Tooltip, Legend);

export { Chart };
