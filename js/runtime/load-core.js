// The core: smartcp.wasm, from the folder smartcp.js came from, fetched and instantiated with the
// intrinsics smartcp.js captured and an import object of our own (js/engine.js). A missing or broken file
// is one rejected promise, never an uncaught error in the page. No `await`: it would look up `then` and
// `constructor` on the way, which page code may have replaced by now.
import { instantiateCore } from '../engine.js';

/**
 * @param {ReturnType<import('../intrinsics.js').captureIntrinsics>} I
 * @returns {Promise<Record<string, any>>} the core's exports
 */
export function loadCore(I, base) {
  const url = `${base}smartcp.wasm`;
  return new I.Promise((resolve, reject) => {
    const failed = (error) => reject(new I.Error(`could not fetch ${url} (${I.String(error?.message ?? error)}): served from another origin, it needs Access-Control-Allow-Origin; a filter list may also block it`));
    I.promiseThen(I.fetch(url, { __proto__: null, credentials: 'same-origin' }), (response) => {
      try {
        if (!I.responseOk(response)) throw new I.Error(`could not load ${url}: HTTP ${I.responseStatus(response)}`);
        // Compiled from the bytes: a server that does not send application/wasm works too.
        I.promiseThen(I.responseBytes(response), (bytes) => I.promiseThen(instantiateCore(I, bytes), resolve, reject), reject);
      } catch (error) {
        reject(error);
      }
    }, failed);
  });
}
