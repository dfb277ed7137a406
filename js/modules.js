// The parts smartcp.js fetches later (smartcp-reopen.js, smartcp-ui.js, smartcp-integrations.js) are
// classic async scripts that register their exports here. Classic scripts run as soon as they arrive,
// where a dynamic import() was measured to wait up to 150 ms longer before running, on the banner's
// critical path.
import { loadScript } from './load-script.js';

const SLOT = Symbol.for('smartcp.modules');
const slot = (win) => {
  if (!win[SLOT]) Object.defineProperty(win, SLOT, { value: { exports: {}, loading: {} } });
  return win[SLOT];
};

/** Called by each part when it runs. */
export function registerModule(win, name, exports) {
  slot(win).exports[name] = exports;
}

/**
 * The exports of `${base}smartcp-${name}.js`, fetched once.
 * @returns {Promise<Record<string, any>>}
 */
export function loadModule(win, base, name, nonce) {
  const { exports, loading } = slot(win);
  loading[name] ??= loadScript(win.document, `${base}smartcp-${name}.js`, nonce).then(() => {
    if (!exports[name]) throw new Error(`smartcp-${name}.js did not register`);
    return exports[name];
  });
  return loading[name];
}
