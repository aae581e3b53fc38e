// Tinkering with the playground in Chromium, as TensorFlow Playground allows:
// the rate changed mid-training carries on (epoch and weights), the page says
// beforehand which changes start again and afterwards why it did, a weight
// edited with the keyboard is what training continues from, a neuron pointed
// at fills the map, the divergence rescue goes on from where training
// stopped (or says the rate is not the cause), and race mode keeps racing
// through a rate change. Each figure is checked against Node doing the same
// through the API.
import { browserSuite, toPlayground, pgStats, untilEpoch, settled, switchLanguage } from './browser-helpers.mjs';
import { loadActLab } from '../web/lib/actlab.js';
import { DICTIONARIES } from '../web/app/lang/index.js';
import { networkConfig, playgroundData } from '../web/app/pgsession.js';
import { defaultState } from '../web/app/state.js';
import { ROOT } from './helpers.mjs';

const ARTIFACTS = `${ROOT}/test-artifacts`;
const suite = browserSuite();
const { open } = suite;
let lab;

beforeAll(async () => {
  lab = await loadActLab();
}, 30000);

const en = DICTIONARIES.en;
const fill = (text, vars) => text.replace(/\{(\w+)\}/g, (_, k) => String(vars[k]));

// Node's network for a state, trained `epochs` epochs.
function nodeNet(patch, epochs) {
  const state = { ...defaultState(), ...patch };
  const data = playgroundData(lab, state);
  const net = lab.createNetwork(networkConfig(state, lab.datasets.find((d) => d.name === state.ds)));
  if (epochs) net.train(data.train.inputs, data.train.labels, { epochs });
  return { net, data, testLoss: () => String(net.evaluate(data.test.inputs, data.test.labels).loss) };
}

async function steps(page, n) {
  const from = (await pgStats(page)).epoch;
  for (let i = 0; i < n; i++) await page.click('#playground [data-action="step"]');
  await untilEpoch(page, from + n);
}

test('a new learning rate carries on from the same epoch and weights; new layers start again and say so', async () => {
  const { page, ctx, problems } = await open('#opt=momentum');
  await toPlayground(page);
  const notes = () => page.$$eval('#playground .pg-restart-note', (ps) => ps.map((p) => (p.hidden ? '' : p.textContent)));
  expect(await notes()).toEqual(['', '', '']); // nothing to warn about before training
  await steps(page, 6);
  // Before any change, the panels say what their changes will do.
  expect(await notes()).toEqual([fill(en['pg.restart.dataNote'], { epochs: 6 }), fill(en['pg.restart.networkNote'], { epochs: 6 }),
    fill(en['pg.restart.trainingNote'], { epochs: 6 })]);
  await page.selectOption('#playground [data-field="lr"]', '0.1');
  await page.waitForFunction(() => location.hash.includes('lr=0.1'));
  expect((await pgStats(page)).epoch).toBe(6);
  await steps(page, 4);
  // Node: six epochs, the new rate on the same network, four more.
  const node = nodeNet({ opt: 'momentum' }, 6);
  node.net.setTrainingOptions({ learningRate: 0.1 });
  node.net.train(node.data.train.inputs, node.data.train.labels, { epochs: 4 });
  expect((await pgStats(page)).testLoss).toBe(node.testLoss());
  node.net.dispose();
  // The batch size too.
  await page.fill('#playground .pg-training input[type="number"]', '25');
  await page.press('#playground .pg-training input[type="number"]', 'Enter');
  await page.waitForFunction(() => location.hash.includes('bs=25'));
  expect((await pgStats(page)).epoch).toBe(10);
  // A new layer starts again, and the page says why.
  await page.click('#playground [data-i18n="pg.layer.add"]');
  await untilEpoch(page, 0);
  expect(await page.textContent('#playground .pg-notice')).toBe(fill(en['pg.restart.layers'], { epochs: 10 }));
  await steps(page, 1);
  expect(await page.isHidden('#playground .pg-notice')).toBe(true);
  expect(problems).toEqual([]);
  await ctx.close();
}, 40000);

test('a weight edited from the keyboard is what training continues from', async () => {
  const { page, ctx, problems } = await open('#hidden=3&act=tanh');
  await toPlayground(page);
  await steps(page, 3);
  // The exported code, open while editing, follows the edit.
  await page.click('#playground .pg-export summary');
  await page.waitForFunction(() => /epochs trained: 3,/.test(document.querySelector('#playground .pg-code').textContent));
  await page.locator('#playground .pg-inside').scrollIntoViewIfNeeded();
  await page.waitForSelector('#playground .pg-layer-stats tbody tr');
  await page.focus('#playground canvas.pg-net');
  await page.keyboard.press('ArrowRight'); // hidden layer 1, neuron 1
  await page.keyboard.press('ArrowDown'); // neuron 2
  await page.keyboard.press('Enter');
  await page.waitForSelector('#playground form.pg-edit:not([hidden])');
  // The form lists the bias and the two incoming weights; the first has focus.
  const fields = await page.$$eval('#playground form.pg-edit input', (is) => is.map((i) => Number(i.dataset.param)));
  const node = nodeNet({ hidden: [3], act: ['tanh'] }, 3);
  const L = node.net.layers()[0];
  expect(fields).toEqual([L.offset + 3 * 2 + 1, L.offset + 1 * 2, L.offset + 1 * 2 + 1]);
  expect(await page.evaluate(() => document.activeElement.dataset.param)).toBe(String(fields[0]));
  // A value that is not a number is refused, with a message, and nothing changes.
  await page.fill('#playground form.pg-edit input >> nth=1', '');
  await page.keyboard.press('Enter');
  expect(await page.textContent('#playground form.pg-edit .error')).toBe(fill(en['pg.edit.bad'], { what: fill(en['pg.edit.from'], { from: 'x₁' }) }));
  // Set the weight from x₂ to 2.5 and apply with Enter.
  await page.fill('#playground form.pg-edit input >> nth=1', String(L.weights[2]));
  await page.fill('#playground form.pg-edit input >> nth=2', '2.5');
  await page.keyboard.press('Enter');
  node.net.setParam(fields[2], 2.5);
  const code = node.net.exportCode('pytorch', { language: 'en' });
  await page.waitForFunction((want) => document.querySelector('#playground .pg-code').textContent === want, code);
  await steps(page, 2);
  node.net.train(node.data.train.inputs, node.data.train.labels, { epochs: 2 });
  expect((await pgStats(page)).testLoss).toBe(node.testLoss());
  expect((await pgStats(page)).epoch).toBe(5);
  node.net.dispose();
  // Escape closes the form and gives the focus back to the picture.
  await page.focus('#playground form.pg-edit input');
  await page.keyboard.press('Escape');
  expect(await page.isHidden('#playground form.pg-edit')).toBe(true);
  expect(await page.evaluate(() => document.activeElement.classList.contains('pg-net'))).toBe(true);
  expect(problems).toEqual([]);
  await ctx.close();
}, 40000);

test('pointing at a neuron shows its output in the map; pointing away shows the network again', async () => {
  const { page, ctx, problems } = await open('#hidden=4,2&act=tanh');
  await toPlayground(page);
  await steps(page, 20);
  const pixels = () => page.evaluate(() => document.querySelector('#playground canvas.pg-boundary').toDataURL());
  const output = await pixels();
  await page.locator('#playground .pg-inside').scrollIntoViewIfNeeded();
  await page.waitForSelector('#playground .pg-layer-stats tbody tr');
  // The thumbnail of layer 1, neuron 3: hover over it.
  const box = await page.locator('#playground canvas.pg-net').boundingBox();
  const spot = await page.evaluate(() => {
    const c = document.querySelector('#playground canvas.pg-net');
    const width = Math.max(c.parentElement.clientWidth, 240);
    const colX = 8 + (1 * (width - 16 - 34)) / 3;
    const colY = 8 + ((4 - 4) * 44) / 2 + 2 * 44;
    return { x: colX + 17, y: colY + 17 };
  });
  await page.mouse.move(box.x + spot.x, box.y + spot.y);
  const label = fill(en['pg.net.neuron'], { l: 1, j: 3, act: 'tanh' });
  await page.waitForFunction((t) => document.querySelector('#playground .pg-showing').textContent.includes(t), label);
  expect(await page.getAttribute('#playground canvas.pg-boundary', 'aria-label')).toContain(label);
  const neuron = await pixels();
  expect(neuron).not.toEqual(output);
  // The map is that neuron's output over the square: where it is positive, blue.
  await page.locator('#playground').screenshot({ path: `${ARTIFACTS}/playground-neuron.png` });
  await page.mouse.move(box.x - 40, box.y - 40);
  await page.waitForFunction(() => document.querySelector('#playground .pg-showing').textContent === '');
  expect(await pixels()).toEqual(output);
  expect(problems).toEqual([]);
  await ctx.close();
}, 40000);

test('divergence: the fix lowers the rate and goes on from where training stopped; an exploding activation is named', async () => {
  // Twenty good epochs, then a rate of 3 with batches of one: it diverges within the first fast epoch.
  const { page, ctx, problems } = await open('#ds=plane&bs=1&speed=10');
  await toPlayground(page);
  await steps(page, 20);
  await page.selectOption('#playground [data-field="lr"]', '3');
  await page.click('#playground [data-action="step"]');
  await page.waitForSelector('#playground [data-action="fix"]', { timeout: 20000 });
  await settled(page);
  expect((await pgStats(page)).epoch).toBe(20);
  expect(await page.getAttribute('#playground [data-action="fix"]', 'data-restart')).toBe('false');
  const fixText = await page.textContent('#playground [data-action="fix"]');
  const lr = /([\d.]+)$/.exec(fixText)[1];
  expect(fixText).toBe(fill(en['pg.fix'], { lr }));
  await page.click('#playground [data-action="fix"]');
  await page.waitForFunction((v) => location.hash.includes(`lr=${v}`), lr);
  expect(await page.isHidden('#playground .pg-message')).toBe(true);
  expect((await pgStats(page)).epoch).toBe(20);
  await steps(page, 5);
  // Node: the same twenty epochs, the fast one that diverged (and was undone), five at the new rate.
  const node = nodeNet({ ds: 'plane', bs: 1 }, 20);
  node.net.setTrainingOptions({ learningRate: 3 });
  expect(() => node.net.train(node.data.train.inputs, node.data.train.labels)).toThrow(/diverged/);
  node.net.setTrainingOptions({ learningRate: Number(lr) });
  node.net.train(node.data.train.inputs, node.data.train.labels, { epochs: 5 });
  expect((await pgStats(page)).testLoss).toBe(node.testLoss());
  node.net.dispose();

  // Weights that blew up over several epochs: start again with a lower rate, and the page says why.
  await page.goto(`${suite.base}#ds=plane&lr=3&hidden=4&speed=10`);
  await page.waitForSelector('body[data-ready="true"]');
  await toPlayground(page);
  await page.click('#playground [data-action="play"]');
  await page.waitForSelector('#playground [data-action="fix"][data-restart="true"]', { timeout: 20000 });
  expect(await page.textContent('#playground .pg-message')).toMatch(/The weights have grown too large/);
  await page.click('#playground [data-action="fix"]');
  await untilEpoch(page, 0);

  // The rate is not the cause: an exponential layer diverges at any rate.
  await page.goto(`${suite.base}#ds=plane&lr=1&act=exponential&hidden=8`);
  await page.waitForSelector('body[data-ready="true"]');
  await toPlayground(page);
  await page.click('#playground [data-action="step"]');
  await page.waitForSelector('#playground [data-fix="none"]', { timeout: 20000 });
  const why = (d) => fill(d['pg.fix.none'], { lr: 1, acts: 'exponential', init: d['pg.init.glorot_uniform'] });
  expect(await page.textContent('#playground [data-fix="none"]')).toBe(why(en));
  expect(await page.$('#playground [data-action="fix"]')).toBeNull();
  // In Chinese too.
  await switchLanguage(page, 'zh');
  expect(await page.textContent('#playground [data-fix="none"]')).toBe(why(DICTIONARIES.zh));
  // Outputs that overflow before any training (issue 22's six exponential layers) are named
  // at once, with no rate to try, and training cannot start.
  // (A new hash on the same page is followed without a reload: wait for the new network's message.)
  await page.goto(`${suite.base}#ds=plane&lr=10&act=exponential&hidden=8,8,8,8,8,8`);
  await page.waitForSelector('body[data-ready="true"]');
  await toPlayground(page);
  await page.waitForFunction((text) => document.querySelector('#playground .pg-message').textContent === text,
    DICTIONARIES.zh['pg.overflow']);
  expect(await page.isDisabled('#playground [data-action="play"]')).toBe(true);
  expect(problems).toEqual([]);
  await ctx.close();
}, 60000);

test('race mode keeps racing through a change of rate; every racer sees the same batches', async () => {
  const { page, ctx, problems } = await open('#hidden=4,4&race=zeros,uniform,glorot_uniform,he_normal');
  await toPlayground(page);
  await page.locator('#playground .pg-race').scrollIntoViewIfNeeded();
  await page.click('#playground [data-action="race-play"]');
  await page.waitForFunction(() => Number(document.querySelector('.pg-race-epoch').dataset.epoch) >= 30);
  await page.click('#playground [data-action="race-play"]');
  await settled(page, '.pg-race-epoch');
  const before = Number(await page.getAttribute('#playground .pg-race-epoch', 'data-epoch'));
  await page.selectOption('#playground [data-field="lr"]', '0.1');
  await page.waitForFunction(() => location.hash.includes('lr=0.1'));
  expect(Number(await page.getAttribute('#playground .pg-race-epoch', 'data-epoch'))).toBe(before);
  await page.click('#playground [data-action="race-play"]');
  await page.waitForFunction((b) => Number(document.querySelector('.pg-race-epoch').dataset.epoch) >= b + 20, before);
  await page.click('#playground [data-action="race-play"]');
  await settled(page, '.pg-race-epoch');
  const epoch = Number(await page.getAttribute('#playground .pg-race-epoch', 'data-epoch'));
  const shown = await page.$$eval('#playground .pg-lane [data-loss]', (ss) => ss.map((s) => s.dataset.loss));
  // Node: each racer, `before` epochs at 0.03, then the rest at 0.1, on the same batches.
  const expected = ['zeros', 'uniform', 'glorot_uniform', 'he_normal'].map((init) => {
    const node = nodeNet({ hidden: [4, 4], init }, before);
    node.net.setTrainingOptions({ learningRate: 0.1 });
    node.net.train(node.data.train.inputs, node.data.train.labels, { epochs: epoch - before });
    const loss = node.testLoss();
    node.net.dispose();
    return loss;
  });
  expect(shown).toEqual(expected);
  expect(problems).toEqual([]);
  await ctx.close();
}, 60000);
