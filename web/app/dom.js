// A few DOM helpers. Text always goes in as text (textContent), never as
// markup: nothing from a URL or an input can become HTML.

/** h('div', {class: 'x', onclick: fn, dataset: {k: v}}, child, 'text', ...) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    // Through the CSSOM: a style attribute is refused under a strict style-src (see scripts/serve.mjs).
    else if (k === 'style') el.style.cssText = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) el.append(c);
  return el;
}

/** Marks el as a control a link's hide= list may hide (its name in state.js HIDEABLE). */
export function control(name, el) {
  el.dataset.control = el.dataset.control ? `${el.dataset.control} ${name}` : name;
  return el;
}

let ids = 0;
/** A page-unique id for label/aria wiring. */
export const uid = (prefix) => `${prefix}-${++ids}`;

/** Numbers for people: up to `digits` significant digits, no trailing zeros, true minus sign. */
export function fmt(v, digits = 6) {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '−∞';
  if (v === 0) return Object.is(v, -0) ? '−0' : '0';
  const a = Math.abs(v);
  const s = a >= 1e-4 && a < 1e6 ? String(Number(v.toPrecision(digits))) : v.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  return s.replace('-', '−');
}

/** Full precision (shortest round-trip), with a true minus sign. */
export const exact = (v) => (Number.isNaN(v) ? 'NaN' : String(v).replace('-', '−').replace('Infinity', '∞'));

/** Offers text as a file download (a Blob URL, freed once the download has started). */
export function download(text, type, name) {
  const a = h('a', { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/**
 * Copies a code block's text to the clipboard and says so in `status`. Where
 * the page may not use the clipboard (file://, a sandboxed iframe), selects
 * the text instead so Ctrl+C copies it, and says that.
 * said: {done, failed}, the sentences in the reader's language.
 */
export async function copyCode(code, status, said) {
  try {
    await navigator.clipboard.writeText(code.textContent);
    status.textContent = said.done;
  } catch {
    const range = document.createRange();
    range.selectNodeContents(code);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    status.textContent = said.failed;
  }
}

/**
 * Calls step(n) once per animation frame, n = 1, 2, ..., from start() until
 * stop() (which step itself may call). `running` says which.
 */
export function frameLoop(step) {
  let id = 0;
  let n = 0;
  let on = false;
  const tick = () => {
    if (!on) return;
    step(++n);
    if (on) id = requestAnimationFrame(tick);
  };
  return {
    get running() { return on; },
    start() {
      if (on) return;
      on = true;
      id = requestAnimationFrame(tick);
    },
    stop() {
      on = false;
      cancelAnimationFrame(id);
    },
  };
}
