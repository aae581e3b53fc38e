// The one store of the page and of the tutorial's widgets: a plain state
// object, the translator of the reader's language, and a listener told
// which fields a change touched. Widgets read the state with get() and
// change it with set(patch); whoever owns the store decides what a change
// means (the page writes the URL and redraws the widgets that read those
// fields; a tutorial widget's store redraws its one widget).

/**
 * @param {object} initial the first state
 * @param {{translator: () => Function, onSet: (changed: string[], state: object) => void}} deps
 * @returns {{get(): object, set(patch: object): void, replace(state: object): void, readonly t: Function}}
 */
export function createStore(initial, { translator, onSet }) {
  let state = initial;
  return {
    get: () => state,
    /** The translator of the reader's language now. */
    get t() { return translator(); },
    /** Merges the patch and tells the owner which fields it touched. */
    set(patch) {
      state = { ...state, ...patch };
      onSet(Object.keys(patch), state);
    },
    /** A whole new state (a link followed, a language chosen): nothing is told. */
    replace(next) {
      state = next;
    },
  };
}
