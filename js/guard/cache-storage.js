// caches.open: persistence a tracker could use without consent, decided by the cache's name (kind
// cacheStorage). Refused, the promise rejects the way the browser rejects when storage is blocked. Held
// (before the core is ready), it settles once the open is decided. Deleting always passes.
import { hookMethod } from './hook.js';

/**
 * @param {Window & typeof globalThis} win
 * @param {ReturnType<import('../intrinsics.js').captureIntrinsics>} I the realm's own intrinsics
 * @param {ReturnType<import('./gate.js').createGate>} gate
 * @param {object} natives where the clean-up's natives go: caches() and deleteCache(name)
 */
export function guardCacheStorage(win, I, gate, natives) {
  const proto = win.CacheStorage?.prototype;
  if (!proto) return;
  if (win.caches) {
    const store = win.caches;
    const keys = proto.keys;
    const remove = proto.delete;
    natives.caches = () => I.apply(keys, store, []);
    natives.deleteCache = (name) => I.apply(remove, store, [name]);
  }
  hookMethod(I, proto, 'open', (native, self, args) => {
    if (!args.length) return I.apply(native, self, args);  // the browser's TypeError
    const name = I.String(args[0]);
    return new I.Promise((resolve, reject) => {
      const write = {
        __proto__: null,
        kind: 'cacheStorage',
        name,
        commit: () => resolve(I.apply(native, self, [name])),
        refuse: () => reject(new I.DOMException(`Failed to execute 'open' on 'CacheStorage': "${name}" is not allowed by the visitor's consent.`, 'SecurityError')),
      };
      if (gate.submit(write)) write.commit();
    });
  });
}
