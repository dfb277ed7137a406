// The parts smartcp.js fetches later (smartcp-core.js, smartcp-reopen.js, smartcp-ui.js,
// smartcp-integrations.js) are classic async scripts that register their exports when they run. A
// registration counts only from the script element smartcp.js created for that part (checked with the
// captured currentScript getter): a page script that registers a part of its own first is ignored. Its
// src is set before it is inserted, so nothing of the page runs between and the file cannot be swapped.
// Exports are objects without a prototype: a promise resolved with one never looks up a `then` the page
// may have put on Object.prototype.
import { loadScript } from './load-script.js';

const SLOT = Symbol.for('smartcp.modules');

/**
 * @param {ReturnType<import('./intrinsics.js').captureIntrinsics>} I
 * @param {Window & typeof globalThis} win
 * @param {string} base where smartcp.js came from
 * @param {string} [nonce]
 * @param {ReturnType<import('./trusted-types.js').createTrusted>} trusted
 * @returns {(name: string) => Promise<Record<string, any>>}
 */
export function createModules(I, win, base, nonce, trusted) {
  const expected = I.create(null);  // name -> the script element loading it
  const exports = I.create(null);
  const loading = I.create(null);
  I.defineProperty(win, SLOT, {
    __proto__: null,
    value: I.freeze({
      __proto__: null,
      register(name, value) {
        if (!(name in expected) || name in exports || I.currentScript(win.document) !== expected[name]) return;
        exports[name] = value;
      },
    }),
  });
  return (name) => {
    loading[name] ??= loadScript(win.document, `${base}smartcp-${name}.js`, nonce, trusted, (el) => { expected[name] = el; }).then(() => {
      if (!(name in exports)) throw new I.Error(`smartcp-${name}.js did not register`);
      return exports[name];
    });
    return loading[name];
  };
}

/** Called by each part when it runs. */
/** @param {object} value without a prototype ({__proto__: null, …}) */
export function registerModule(win, name, value) {
  win[SLOT]?.register(name, value);
}
