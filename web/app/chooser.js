// The activation chooser: pick the problem (what the network predicts) and
// the architecture; get the output activation and loss, the hidden
// activation, the initialisation that pairs with it and input scaling
// advice, each with its reason, links into the explorer and the softmax
// lab, and Keras and PyTorch code for exactly that choice. The knowledge is
// the two tables below; the words are in the dictionaries (ch.*).
import { TASKS, ARCHS, FRAMEWORKS } from './state.js';
import { h, control, uid, copyCode } from './dom.js';

/** Per problem: the output activation (a catalog name), units, loss, and what the explorer/softmax links show. */
export const OUTPUTS = {
  regression: { activation: 'identity', units: '1', keras: { act: null, loss: '"mse"', metrics: '["mae"]' },
    torch: { loss: 'nn.MSELoss()', predict: 'model(x)' }, link: { fn: ['identity'] } },
  binary: { activation: 'sigmoid', units: '1', keras: { act: 'sigmoid', loss: '"binary_crossentropy"', metrics: '["accuracy"]' },
    torch: { loss: 'nn.BCEWithLogitsLoss()', predict: 'torch.sigmoid(model(x)) > 0.5' }, link: { fn: ['sigmoid'] } },
  multiclass: { activation: 'softmax', units: 'N_CLASSES', keras: { act: 'softmax', loss: '"sparse_categorical_crossentropy"', metrics: '["accuracy"]' },
    torch: { loss: 'nn.CrossEntropyLoss()', predict: 'model(x).argmax(dim=1)' }, softmax: { cmp: 'none' } },
  multilabel: { activation: 'sigmoid', units: 'N_LABELS', keras: { act: 'sigmoid', loss: '"binary_crossentropy"', metrics: '["binary_accuracy"]' },
    torch: { loss: 'nn.BCEWithLogitsLoss()', predict: 'torch.sigmoid(model(x)) > 0.5' }, softmax: { cmp: 'sigmoid' } },
};

/** Per architecture: the hidden activation(s), the initialiser, the functions the explorer link compares. */
export const HIDDEN = {
  mlp: { activations: ['relu'], init: 'he', link: ['relu', 'leaky_relu', 'gelu', 'silu'] },
  cnn: { activations: ['relu'], init: 'he', link: ['relu', 'leaky_relu', 'gelu', 'silu'] },
  rnn: { activations: ['tanh', 'sigmoid'], init: 'glorot', link: ['tanh', 'sigmoid'] },
};

const OUT_SIZE = { multiclass: ['N_CLASSES', 10], multilabel: ['N_LABELS', 5] };

/** Keras code for the choice; comments in the reader's language. */
export function kerasCode(task, arch, t) {
  const out = OUTPUTS[task];
  const c = (key) => `# ${t(`ch.c.${key}`)}`;
  const he = 'kernel_initializer="he_normal"';
  const lines = ['import keras', 'from keras import layers', ''];
  if (arch === 'mlp') lines.push(`N_FEATURES = 20  ${c('features')}`);
  if (arch === 'cnn') lines.push(`IMAGE_SHAPE = (28, 28, 1)  ${c('image')}`);
  if (arch === 'rnn') lines.push(`TIMESTEPS, N_FEATURES = 50, 8  ${c('sequence')}`);
  if (OUT_SIZE[task]) lines.push(`${OUT_SIZE[task][0]} = ${OUT_SIZE[task][1]}`);
  lines.push('', 'model = keras.Sequential([');
  if (arch === 'mlp') {
    lines.push('    keras.Input(shape=(N_FEATURES,)),',
      `    layers.Dense(64, activation="relu", ${he}),`,
      `    layers.Dense(64, activation="relu", ${he}),`);
  } else if (arch === 'cnn') {
    lines.push('    keras.Input(shape=IMAGE_SHAPE),',
      `    layers.Rescaling(1 / 255),  ${c('pixels')}`,
      `    layers.Conv2D(32, 3, activation="relu", ${he}),`,
      '    layers.MaxPooling2D(),',
      `    layers.Conv2D(64, 3, activation="relu", ${he}),`,
      '    layers.MaxPooling2D(),',
      '    layers.Flatten(),',
      `    layers.Dense(128, activation="relu", ${he}),`);
  } else {
    lines.push('    keras.Input(shape=(TIMESTEPS, N_FEATURES)),',
      `    layers.LSTM(64),  ${c('lstm')}`,
      `    layers.Dense(64, activation="relu", ${he}),`);
  }
  lines.push(out.keras.act ? `    layers.Dense(${out.units}, activation="${out.keras.act}"),  ${c(`out.${task}`)}`
    : `    layers.Dense(${out.units}),  ${c(`out.${task}`)}`);
  lines.push('])', `model.compile(optimizer="adam", loss=${out.keras.loss}, metrics=${out.keras.metrics})`);
  lines.push(c(`predict.keras.${task}`));
  return lines.join('\n');
}

/** PyTorch code for the choice; comments in the reader's language. */
export function torchCode(task, arch, t) {
  const out = OUTPUTS[task];
  const c = (key) => `# ${t(`ch.c.${key}`)}`;
  const units = out.units;
  const lines = ['import torch', 'from torch import nn', ''];
  if (arch === 'mlp') lines.push(`N_FEATURES = 20  ${c('features')}`);
  if (arch === 'cnn') lines.push(`${c('image.torch')}: (1, 28, 28)`);
  if (arch === 'rnn') lines.push(`N_FEATURES = 8  ${c('sequence')}`);
  if (OUT_SIZE[task]) lines.push(`${OUT_SIZE[task][0]} = ${OUT_SIZE[task][1]}`);
  lines.push('');
  const last = `    nn.Linear(${arch === 'cnn' ? 128 : 64}, ${units}),  ${c(`torch.out.${task}`)}`;
  if (arch === 'mlp') {
    lines.push('model = nn.Sequential(',
      '    nn.Linear(N_FEATURES, 64), nn.ReLU(),',
      '    nn.Linear(64, 64), nn.ReLU(),',
      last, ')');
  } else if (arch === 'cnn') {
    lines.push(`${c('pixels.torch')}`, 'model = nn.Sequential(',
      '    nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),',
      '    nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),',
      `    nn.Flatten(),  ${c('flatten')}`,
      '    nn.Linear(64 * 5 * 5, 128), nn.ReLU(),',
      last, ')');
  } else {
    lines.push('class SequenceModel(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      `        self.lstm = nn.LSTM(N_FEATURES, 64, batch_first=True)  ${c('lstm')}`,
      `        self.head = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, ${units}))`,
      '',
      `    def forward(self, x):  ${c('batchFirst')}`,
      '        _, (h, _) = self.lstm(x)',
      '        return self.head(h[-1])',
      '',
      'model = SequenceModel()');
  }
  lines.push('');
  if (arch === 'rnn') {
    lines.push(c('init.glorot'),
      'for name, w in model.lstm.named_parameters():',
      '    if name.startswith("weight_ih"):',
      '        nn.init.xavier_uniform_(w)',
      '    elif name.startswith("weight_hh"):',
      '        nn.init.orthogonal_(w)',
      '    else:',
      '        nn.init.zeros_(w)',
      `with torch.no_grad():  ${c('forgetBias')}`,
      '    model.lstm.bias_ih_l0[64:128].fill_(1.0)',
      'for m in model.head:',
      '    if isinstance(m, nn.Linear):',
      '        nn.init.kaiming_normal_(m.weight, nonlinearity="relu")',
      '        nn.init.zeros_(m.bias)');
  } else {
    lines.push(c('init.he'),
      'for m in model:',
      '    if isinstance(m, (nn.Linear, nn.Conv2d)) and m is not model[-1]:',
      '        nn.init.kaiming_normal_(m.weight, nonlinearity="relu")',
      '        nn.init.zeros_(m.bias)');
  }
  lines.push('', `loss_fn = ${out.torch.loss}  ${c(`torch.loss.${task}`)}`,
    'optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)',
    `${c('predict')}: ${out.torch.predict}`);
  return lines.join('\n');
}

export function createChooser(root, { store, links }) {
  let t = store.t;

  const radioGroup = (field, values, legendKey) => {
    const name = uid(field);
    const radios = values.map((v) => h('input', { type: 'radio', name, value: v, id: `${name}-${v}`,
      onchange: () => store.set({ [field]: v }) }));
    const box = h('fieldset', { class: 'choice' }, h('legend', { 'data-i18n': legendKey }),
      ...radios.map((r) => h('label', { for: r.id, class: 'option' }, r,
        h('span', {}, h('strong', { 'data-i18n': `${legendKey}.${r.value}` }),
          h('span', { class: 'note small', 'data-i18n': `${legendKey}.${r.value}.eg` })))));
    return { box, radios };
  };
  const task = radioGroup('task', TASKS, 'ch.task');
  const arch = radioGroup('arch', ARCHS, 'ch.arch');

  const answer = h('dl', { class: 'answer' });
  const linkRow = h('p', { class: 'row links' });

  const codeTabs = FRAMEWORKS.map((fw) => h('button', { type: 'button', class: 'btn', dataset: { framework: fw },
    'data-i18n': `ch.code.${fw}`, onclick: () => store.set({ code: fw }) }));
  const code = h('code');
  const copyStatus = h('span', { class: 'note small', role: 'status' });
  const copyButton = h('button', { type: 'button', class: 'btn small', 'data-i18n': 'ch.copy', onclick: copy });
  const pre = h('pre', { class: 'code', tabindex: '0' }, code);

  root.append(
    h('h2', { id: 'chooser-title', 'data-i18n': 'ch.title' }),
    control('intro', h('p', { class: 'intro', 'data-i18n': 'ch.intro' })),
    h('div', { class: 'split' }, task.box, arch.box),
    h('section', { class: 'panel', 'aria-labelledby': 'ch-answer-h' },
      h('h3', { id: 'ch-answer-h', 'data-i18n': 'ch.answer' }), answer, linkRow),
    control('code', h('section', { class: 'panel', 'aria-labelledby': 'ch-code-h' },
      h('h3', { id: 'ch-code-h', 'data-i18n': 'ch.code' }),
      h('div', { class: 'row', role: 'group', 'data-i18n-attr': 'aria-label:ch.code' }, ...codeTabs, copyButton, copyStatus),
      pre)),
  );

  function copy() {
    return copyCode(code, copyStatus, { done: t('ch.copied'), failed: t('ch.copyFailed') });
  }

  function render(state, translate = t) {
    t = translate;
    for (const r of task.radios) r.checked = r.value === state.task;
    for (const r of arch.radios) r.checked = r.value === state.arch;
    const out = OUTPUTS[state.task];
    const hid = HIDDEN[state.arch];
    const rows = [
      ['out', `ch.out.${state.task}`, `ch.out.${state.task}.why`],
      ['loss', `ch.loss.${state.task}`, `ch.loss.${state.task}.why`],
      ['hidden', `ch.hidden.${state.arch}`, `ch.hidden.${state.arch}.why`],
      ['init', `ch.init.${hid.init}`, `ch.init.${hid.init}.why`],
      ['scale', `ch.scale.${state.arch}`, state.task === 'regression' ? 'ch.scale.target' : null],
    ];
    answer.replaceChildren(...rows.flatMap(([key, what, why]) => [
      h('dt', { text: t(`ch.${key}`) }),
      h('dd', { dataset: { answer: key } }, h('span', { class: 'what', text: t(what) }),
        why ? h('span', { class: 'why', text: ` ${t(why)}` }) : null)]));

    const list = [];
    const explorerFns = [...new Set([...(out.link?.fn ?? []), ...hid.link])];
    list.push(links.to({ fn: explorerFns, focus: hid.activations[0] }, 'explorer',
      t('ch.link.explorer', { names: explorerFns.join(t('list.sep')) })));
    if (out.softmax) list.push(links.to(out.softmax, 'softmax', t(`ch.link.softmax.${state.task}`)));
    linkRow.replaceChildren(...list);

    for (const b of codeTabs) b.setAttribute('aria-pressed', String(b.dataset.framework === state.code));
    code.textContent = state.code === 'pytorch' ? torchCode(state.task, state.arch, t) : kerasCode(state.task, state.arch, t);
    code.dataset.framework = state.code;
    copyStatus.textContent = '';
  }

  return { render };
}
