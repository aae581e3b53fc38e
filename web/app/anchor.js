// Keeping the reader's place while widgets load above it. A jump to a
// section or a heading (a link, a chapter's "to=") holds that element: when a
// lazy widget loads and grows the page, the held element is scrolled back to
// where the jump put it, until the reader scrolls themselves (wheel, touch,
// keys) or a few seconds pass. Without a held element, a widget that loads
// entirely above the window scrolls the page by what it added, so what the
// reader looks at does not move.
let held = null; // {el, top, until}

const HOLD_MS = 5000;
// While an element is held, the browser's own scroll anchoring is off: it would keep some other
// element in place as a widget above it grows, and move the held one (found with #digits).
const anchoring = (on) => {
  if (typeof document !== 'undefined') document.documentElement.style.overflowAnchor = on ? '' : 'none';
};
const release = () => {
  if (held) anchoring(true);
  held = null;
};
if (typeof addEventListener === 'function') {
  for (const type of ['wheel', 'touchstart', 'keydown', 'mousedown']) addEventListener(type, release, { passive: true, capture: true });
}

/** Holds el where it is now (call right after scrolling to it). */
export function holdAnchor(el) {
  release();
  if (!el) return;
  // Where the jump meant to put it (its scroll margin from the top), even if the page was too
  // short then to scroll that far (a section near the end, before the widgets below it load).
  const margin = parseFloat(getComputedStyle(el).scrollMarginTop) || 0;
  const mine = { el, top: Math.min(el.getBoundingClientRect().top, margin), until: performance.now() + HOLD_MS };
  held = mine;
  anchoring(false);
  setTimeout(() => { if (held === mine) release(); }, HOLD_MS);
}

/**
 * Runs grow() (which changes `root`, a widget being built) and keeps the
 * reader's place: the held element where it was, else, when root lies
 * wholly above the window, what follows root.
 */
export function keepPlace(root, grow) {
  const before = root.getBoundingClientRect();
  grow();
  if (held && (performance.now() > held.until || !held.el.isConnected)) release();
  if (held) {
    const moved = held.el.getBoundingClientRect().top - held.top;
    if (moved) window.scrollBy(0, moved);
  } else if (before.bottom <= 0) {
    const moved = root.getBoundingClientRect().bottom - before.bottom;
    if (moved) window.scrollBy(0, moved);
  }
}
