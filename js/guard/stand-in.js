// Objects of our own that stand in for a browser object the page must not get (a refused database open, a
// WebSocket to a tracker): a real EventTarget with the browser object's prototype, its attributes as own
// getters, and on<event> handlers that behave as the browser's (a listener each, in the order set).

/**
 * @param {Window & typeof globalThis} win
 * @param {ReturnType<import('../intrinsics.js').captureIntrinsics>} I
 * @param {object} proto the prototype to show (IDBOpenDBRequest.prototype, WebSocket.prototype, …)
 * @param {string[]} types events with an on<type> handler attribute
 * @param {Record<string, () => any>} getters own attributes
 * @param {Record<string, Function>} [methods] own methods (the prototype's would refuse a stand-in)
 */
export function standIn(win, I, proto, types, getters, methods = {}) {
  const target = new win.EventTarget();
  I.setPrototypeOf(target, proto);
  const names = I.ownKeys(getters);
  for (let i = 0; i < names.length; i++) I.defineProperty(target, names[i], { __proto__: null, get: getters[names[i]], configurable: true });
  const own = I.ownKeys(methods);
  for (let i = 0; i < own.length; i++) I.defineProperty(target, own[i], { __proto__: null, value: methods[own[i]], configurable: true, writable: true });
  const handlers = I.create(null);
  for (let i = 0; i < types.length; i++) {
    const type = types[i];
    I.defineProperty(target, `on${type}`, {
      __proto__: null,
      configurable: true,
      get: () => handlers[type]?.fn ?? null,
      set(fn) {
        if (handlers[type]) I.removeEventListener(target, type, handlers[type].listener);
        handlers[type] = null;
        if (typeof fn !== 'function') return;
        const entry = { __proto__: null, fn, listener: (e) => I.apply(fn, target, [e]) };
        handlers[type] = entry;
        I.addEventListener(target, type, entry.listener);
      },
    });
  }
  return { __proto__: null, target, dispatch: (event) => I.dispatchEvent(target, event) };
}
