// Each activation's formula as MathML, for the explorer's info panel (which
// loads this module when it comes near: the first view draws without it).
// The formulas state what the core computes (src/activations.c); the
// properties beside them are in facts.js.

// MathML helpers: each returns markup for trusted constant content only.
const mi = (s) => `<mi>${s}</mi>`;
const mn = (s) => `<mn>${s}</mn>`;
const mo = (s) => `<mo>${s}</mo>`;
const row = (...xs) => `<mrow>${xs.join('')}</mrow>`;
const frac = (a, b) => `<mfrac>${a}${b}</mfrac>`;
const sup = (a, b) => `<msup>${a}${b}</msup>`;
const paren = (...xs) => row(mo('('), ...xs, mo(')'));
const sqrt = (...xs) => `<msqrt>${xs.join('')}</msqrt>`;
const x = mi('x');
const f = (name) => row(mi(name), paren(x), mo('='));
const fn = (name, ...arg) => row(mi(name), paren(...arg));
const e = (...pow) => sup(mi('e'), row(...pow));
// Piecewise definition: [[expression, condition], ...]
const cases = (...rows) => row(mo('{'), `<mtable columnalign="left">${rows.map(([a, c]) =>
  `<mtr><mtd>${a}</mtd><mtd>${row(mo(','), mi('&#8202;'), c)}</mtd></mtr>`).join('')}</mtable>`);
const math = (...xs) => `<math display="block">${row(...xs)}</math>`;
const greek = { alpha: 'α', beta: 'β', lambda: 'λ' };
const p = (name) => mi(greek[name] ?? name);

const sigma = (...arg) => fn('σ', ...arg);
const LEAKY = math(f('f'), cases([x, row(x, mo('≥'), mn(0))], [row(p('alpha'), x), row(x, mo('&lt;'), mn(0))]));

export const FORMULAS = {
  identity: math(f('f'), x),
  step: math(f('f'), cases([mn(1), row(x, mo('≥'), mn(0))], [mn(0), row(x, mo('&lt;'), mn(0))])),
  sigmoid: math(f('σ'), frac(mn(1), row(mn(1), mo('+'), e(mo('−'), x)))),
  tanh: math(f('tanh'), frac(row(e(x), mo('−'), e(mo('−'), x)), row(e(x), mo('+'), e(mo('−'), x)))),
  relu: math(f('f'), fn('max', mn(0), mo(','), x)),
  leaky_relu: LEAKY,
  prelu: LEAKY,
  elu: math(f('f'), cases([x, row(x, mo('&gt;'), mn(0))], [row(p('alpha'), paren(e(x), mo('−'), mn(1))), row(x, mo('≤'), mn(0))])),
  selu: math(f('f'), mi('λ'), cases([x, row(x, mo('&gt;'), mn(0))], [row(mi('α'), paren(e(x), mo('−'), mn(1))), row(x, mo('≤'), mn(0))])),
  celu: math(f('f'), fn('max', mn(0), mo(','), x), mo('+'), fn('min', mn(0), mo(','), row(p('alpha'), paren(e(frac(x, p('alpha'))), mo('−'), mn(1))))),
  relu6: math(f('f'), fn('min', fn('max', mn(0), mo(','), x), mo(','), mn(6))),
  gelu: math(f('f'), x, mi('Φ'), paren(x), mo('='), frac(x, mn(2)), paren(mn(1), mo('+'), fn('erf', frac(x, sqrt(mn(2)))))),
  gelu_tanh: math(f('f'), frac(x, mn(2)), paren(mn(1), mo('+'), fn('tanh', row(sqrt(frac(mn(2), mi('π'))), paren(x, mo('+'), mn('0.044715'), sup(x, mn(3))))))),
  silu: math(f('f'), x, sigma(x), mo('='), frac(x, row(mn(1), mo('+'), e(mo('−'), x)))),
  swish: math(f('f'), x, sigma(p('beta'), x)),
  mish: math(f('f'), x, fn('tanh', fn('softplus', x))),
  softplus: math(f('f'), frac(mn(1), p('beta')), fn('ln', mn(1), mo('+'), e(p('beta'), x))),
  squareplus: math(f('f'), frac(row(x, mo('+'), sqrt(sup(x, mn(2)), mo('+'), mi('b'))), mn(2))),
  sparse_plus: math(f('f'), cases([mn(0), row(x, mo('≤'), mo('−'), mn(1))], [row(frac(mn(1), mn(4)), sup(paren(x, mo('+'), mn(1)), mn(2))), row(mo('|'), x, mo('|'), mo('&lt;'), mn(1))], [x, row(x, mo('≥'), mn(1))])),
  exponential: math(f('f'), e(x)),
  hard_sigmoid: math(f('f'), fn('min', fn('max', mn(0), mo(','), frac(row(x, mo('+'), mn(3)), mn(6))), mo(','), mn(1))),
  hard_sigmoid_keras2: math(f('f'), fn('min', fn('max', mn(0), mo(','), row(mn('0.2'), x, mo('+'), mn('0.5'))), mo(','), mn(1))),
  sparse_sigmoid: math(f('f'), fn('min', fn('max', mn(0), mo(','), frac(row(x, mo('+'), mn(1)), mn(2))), mo(','), mn(1))),
  hard_tanh: math(f('f'), fn('min', fn('max', mo('−'), mn(1), mo(','), x), mo(','), mn(1))),
  hard_swish: math(f('f'), x, mo('·'), frac(fn('min', fn('max', mn(0), mo(','), row(x, mo('+'), mn(3))), mo(','), mn(6)), mn(6))),
  softsign: math(f('f'), frac(x, row(mn(1), mo('+'), mo('|'), x, mo('|')))),
  log_sigmoid: math(f('f'), fn('ln', sigma(x)), mo('='), mo('−'), fn('ln', mn(1), mo('+'), e(mo('−'), x))),
  tanh_shrink: math(f('f'), x, mo('−'), fn('tanh', x)),
  soft_shrink: math(f('f'), cases([row(x, mo('−'), p('lambda')), row(x, mo('&gt;'), p('lambda'))], [row(x, mo('+'), p('lambda')), row(x, mo('&lt;'), mo('−'), p('lambda'))], [mn(0), mi('otherwise')])),
  hard_shrink: math(f('f'), cases([x, row(mo('|'), x, mo('|'), mo('&gt;'), p('lambda'))], [mn(0), mi('otherwise')])),
  threshold: math(f('f'), cases([x, row(x, mo('&gt;'), mi('threshold'))], [mi('value'), mi('otherwise')])),
  sin: math(f('sin'), fn('sin', x)),
};
