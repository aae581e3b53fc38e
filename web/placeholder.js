// The preview page: lists the catalog read from the Wasm core and charts one
// activation with its derivative. Every number comes from web/lib/actlab.js.
import { loadActLab } from './lib/actlab.js';

const status = document.getElementById('status');
const list = document.getElementById('catalog');
const caption = document.getElementById('caption');

function showError(err) {
  status.dataset.error = '';
  status.textContent = `ActLab could not start: ${err.message} · ActLab 无法启动：${err.message}`;
}

async function main() {
  if (typeof WebAssembly !== 'object') {
    throw new Error('this browser has no WebAssembly support / 此浏览器不支持 WebAssembly');
  }
  const lab = await loadActLab();
  const xs = Array.from({ length: 241 }, (_, i) => -6 + i * 0.05);
  const chart = new window.Chart(document.getElementById('chart'), {
    type: 'line',
    data: { datasets: [] },
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: false,
      elements: { point: { radius: 0 } },
      scales: { x: { type: 'linear', min: -6, max: 6 } },
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
    },
  });

  function show(name) {
    const f = lab.evaluate(name, xs);
    const df = lab.derivative(name, xs);
    chart.data.datasets = [
      { label: `${name}(x)`, data: xs.map((x, i) => ({ x, y: f[i] })), borderColor: '#2457c5', borderWidth: 2 },
      { label: `${name}'(x)`, data: xs.map((x, i) => ({ x, y: df[i] })), borderColor: '#d35400',
        borderDash: [6, 4], borderWidth: 2 },
    ];
    chart.update();
    for (const b of list.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.name === name));
    const at0 = lab.evaluate(name, [0])[0];
    const d0 = lab.derivative(name, [0])[0];
    caption.textContent = `${name}: f(0) = ${at0}, f'(0) = ${d0}`;
  }

  for (const a of lab.activations) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.name = a.name;
    button.textContent = a.name;
    if (a.params.length) button.title = a.params.map((p) => `${p.name} = ${p.default}`).join(', ');
    button.addEventListener('click', () => show(a.name));
    li.append(button);
    list.append(li);
  }
  show('relu');
  status.textContent = `${lab.activations.length} activations loaded · 已加载 ${lab.activations.length} 个激活函数`;
  document.body.dataset.ready = 'true';
}

main().catch(showError);
