// localStorage and sessionStorage: `localStorage.x = v` can only be seen through a Proxy, so each window's
// localStorage and sessionStorage are Proxies of the storage object the window had, and Storage.prototype's
// methods (of every realm) recognise any of them. What the window had may be the browser's Storage, or a
// wrapper some tool put there first: either way writes are decided here and committed through it.
// Everything else (reads, keys, prototypes, constructor, errors) behaves as natively.
import { hookAccessor, hookConstructor, hookMethod } from './hook.js';

const KINDS = ['localStorage', 'sessionStorage'];

/**
 * One registry for all realms: a storage Proxy, or the object behind it, to what it is.
 * @param {ReturnType<import('../intrinsics.js').captureIntrinsics>} I
 */
export function createStorageRegistry(I) {
  const entries = new I.WeakMap();  // proxy or target -> entry
  const reachers = new I.WeakMap();  // window -> reaches its storages
  return {
    __proto__: null,
    committing: 0,  // > 0 while a write is carried out through a wrapper of someone else's
    reachable: (win, reach) => I.weakSet(reachers, win, reach),
    /** Reaches the storages of `win` (another guarded window's too), so that their objects are known. */
    reach(win) {
      const reach = win !== null && (typeof win === 'object' || typeof win === 'function') ? I.weakGet(reachers, win) : undefined;
      if (reach) reach();
    },
    add(entry) {
      I.weakSet(entries, entry.proxy, entry);
      I.weakSet(entries, entry.target, entry);
    },
    /** @returns {{proxy: object, target: object, kind: string, genuine: boolean, win: Window}|undefined} */
    entry: (object) => (object !== null && (typeof object === 'object' || typeof object === 'function') ? I.weakGet(entries, object) : undefined),
  };
}

/**
 * @param {Window & typeof globalThis} win
 * @param {ReturnType<import('../intrinsics.js').captureIntrinsics>} I the realm's own intrinsics
 * @param {ReturnType<import('./gate.js').createGate>} gate
 * @param {ReturnType<typeof createStorageRegistry>} registry
 * @param {(win: any) => void} adopt guards a same-origin window the page reached some other way
 * @returns {Record<string, {keys(): string[], get(key: string): string|null, set(key: string, value: string): void,
 *   remove(key: string): void, length(): number}>} past the guard, for the clean-up: through the natives, or
 *   through the object someone else put there
 */
export function guardWebStorage(win, I, gate, registry, adopt) {
  const proto = win.Storage.prototype;
  const natives = {
    __proto__: null,
    setItem: proto.setItem, getItem: proto.getItem, removeItem: proto.removeItem, clear: proto.clear, key: proto.key,
  };
  const lengthOf = I.getter(proto, 'length');
  const genuine = (object) => {
    try {
      lengthOf(object);
      return true;
    } catch {
      return false;
    }
  };

  // Carries out a write on the object behind `entry`: as a named property when the page wrote one, so
  // the browser's own errors (QuotaExceededError with its message) reach the writer unchanged.
  const setOn = (entry, key, value, asProperty) => {
    if (entry.genuine) {
      if (asProperty) I.set(entry.target, key, value, entry.target);
      else I.apply(entry.natives.setItem, entry.target, [key, value]);
      return;
    }
    // Through the wrapper someone else put there: its setItem (which may call ours: passed straight on).
    registry.committing++;
    try {
      const method = I.get(entry.target, 'setItem', entry.target);
      try {
        I.apply(method, entry.target, [key, value]);
      } catch (error) {
        if (!(error instanceof win.TypeError)) throw error;
        I.set(entry.target, key, value, entry.target);  // a wrapper whose methods want the storage itself
      }
    } finally {
      registry.committing--;
    }
  };

  // The entry for a method's `this`: ours (any realm's), or a genuine storage we do not know (another
  // window's, reached some other way), decided as Web Storage. Undefined: not a storage at all.
  const entryFor = (self) => {
    let known = registry.entry(self);
    if (known) return known;
    reachAll();  // a storage of this window the page reached some other way
    known = registry.entry(self);
    if (known) return known;
    if (genuine(self)) return { __proto__: null, proxy: self, target: self, kind: 'localStorage', genuine: true, natives };
    return undefined;
  };

  // Decided, and carried out here when it can be now (held writes are carried out by the gate later).
  const write = (entry, key, value, asProperty) => {
    const d = gate.submit({
      __proto__: null,
      kind: entry.kind,
      name: key,
      value,
      commit: (later) => setOn(entry, key, later.verdict === 'redact' ? later.value : value, asProperty),
    });
    if (d) setOn(entry, key, d.verdict === 'redact' ? d.value : value, asProperty);
  };

  hookMethod(I, proto, 'setItem', (native, self, args) => {
    const entry = registry.committing ? undefined : entryFor(self);
    if (!entry || args.length < 2) return I.apply(native, registry.entry(self)?.target ?? self, args);  // the browser's own errors
    write(entry, I.String(args[0]), I.String(args[1]));
    return undefined;
  });
  // Methods that do not write: on the object behind a proxy.
  const passThrough = (name, drop) => hookMethod(I, proto, name, (native, self, args) => {
    const entry = registry.entry(self);
    if (!entry) return I.apply(native, self, args);
    if (drop && args.length) gate.drop(entry.kind, name === 'clear' ? undefined : I.String(args[0]));
    if (name === 'clear') gate.drop(entry.kind);
    return call(entry, name, args);
  });
  passThrough('getItem', false);
  passThrough('key', false);
  passThrough('removeItem', true);  // deleting is always allowed
  passThrough('clear', true);

  // Past the guard: the entry's object through the natives, or through its own methods when it is a
  // wrapper of someone else's (their methods may call ours: passed straight on meanwhile).
  const call = (entry, name, args) => {
    if (entry.genuine) return I.apply(entry.natives[name], entry.target, args);
    registry.committing++;
    try {
      return I.apply(I.get(entry.target, name, entry.target), entry.target, args);
    } finally {
      registry.committing--;
    }
  };
  // Each storage is reached the first time anything asks for it (the page, a borrowed getter, a storage
  // event, the clean-up): reaching it makes Chromium load the origin's data, which the widget's start
  // does not wait for.
  const access = I.create(null);
  const ensures = [];
  for (let k = 0; k < KINDS.length; k++) {
    const kind = KINDS[k];
    const d = I.getOwnPropertyDescriptor(win, kind);
    if (!d) continue;
    let entry = null;  // null: not reached yet; false: storage disabled by the browser
    const ensure = () => {
      if (entry !== null) return entry;
      entry = false;
      let target;
      try {
        target = d.get ? I.apply(d.get, win, []) : d.value;
      } catch {
        return entry;  // storage disabled by the browser: nothing to guard
      }
      if (target === null || typeof target !== 'object') return entry;
      entry = guardStorage(target, kind);
      return entry;
    };
    ensures[ensures.length] = ensure;
    access[kind] = {
      __proto__: null,
      length: () => {
        const e = ensure();
        if (!e) return 0;
        return e.genuine ? lengthOf(e.target) : +I.get(e.target, 'length', e.target);
      },
      keys() {
        const e = ensure();
        const list = [];
        if (!e) return list;
        const n = this.length();
        for (let i = 0; i < n; i++) {
          const key = call(e, 'key', [i]);
          if (key !== null) list[list.length] = key;
        }
        return list;
      },
      get: (key) => (ensure() ? call(entry, 'getItem', [key]) : null),
      set: (key, value) => { if (ensure()) setOn(entry, key, value); },
      remove: (key) => { if (ensure()) call(entry, 'removeItem', [key]); },
    };
    // window.localStorage, also when the getter is borrowed and called on another window.
    const getter = d.get ?? (() => d.value);
    I.defineProperty(win, kind, {
      __proto__: null,
      get: hookGetter(I, getter, (native, self) => {
        if (self !== win && self !== undefined && self !== null) adopt(self);
        registry.reach(self === undefined || self === null ? win : self);
        const object = I.apply(native, self === undefined ? win : self, []);
        return registry.entry(object)?.proxy ?? object;
      }),
      enumerable: d.enumerable,
      configurable: true,
    });
  }
  const reachAll = () => {
    for (let i = 0; i < ensures.length; i++) ensures[i]();
  };
  registry.reachable(win, reachAll);

  // The proxy of `target`, the storage object the window has (the browser's, or a wrapper of someone's).
  function guardStorage(target, kind) {
    // The natives of the storage's own realm, captured when it was guarded: another realm's (whose page
    // may have replaced them first) never gets the object behind the proxy.
    const entry = { __proto__: null, target, kind, genuine: genuine(target), win, proxy: null, natives };
    const storageProto = I.getPrototypeOf(target);
    entry.proxy = new I.Proxy(target, {
      __proto__: null,
      // The target is the receiver: native getters (length) see the real object.
      get: (t, p) => I.get(t, p, t),
      set(t, p, v) {
        // Names on the prototype chain (length, setItem, …) are ordinary properties, as natively.
        if (typeof p === 'symbol' || (storageProto && I.has(storageProto, p))) return I.set(t, p, v, t);
        write(entry, p, I.String(v), true);
        return true;
      },
      defineProperty(t, p, desc) {
        if (typeof p === 'symbol' || (storageProto && I.has(storageProto, p))) return I.reflectDefineProperty(t, p, desc);
        // As the browser's named setter answers an accessor: a TypeError.
        if (desc.get || desc.set) throw new win.TypeError(`Failed to set a named property '${p}' on 'Storage': Accessor properties are not allowed.`);
        if (!('value' in desc)) return I.reflectDefineProperty(t, p, desc);
        write(entry, p, I.String(desc.value), true);
        return desc.configurable !== false;  // a refused write cannot become non-configurable
      },
      deleteProperty(t, p) {
        if (typeof p !== 'symbol') gate.drop(kind, p);
        return I.deleteProperty(t, p);
      },
    });
    registry.add(entry);
    return entry;
  }

  // A storage event's storageArea is the window's storage: the proxy, never the object behind it.
  hookAccessor(I, win.StorageEvent?.prototype, 'storageArea', {
    get: (native, self) => {
      reachAll();
      const object = I.apply(native, self, []);
      return registry.entry(object)?.proxy ?? object;
    },
  });
  // new StorageEvent(type, {storageArea: localStorage}): the browser wants the object behind the proxy.
  hookConstructor(I, win, 'StorageEvent', (target, args, newTarget) => {
    const init = args[1];
    if (init !== null && typeof init === 'object') {
      args[1] = new I.Proxy(init, {
        __proto__: null,
        get(t, p, receiver) {
          const value = I.get(t, p, receiver);
          return p === 'storageArea' ? registry.entry(value)?.target ?? value : value;
        },
      });
    }
    return I.construct(target, args, newTarget);
  });
  hookMethod(I, win.StorageEvent?.prototype, 'initStorageEvent', (native, self, args) => {
    if (args.length > 7) args[7] = registry.entry(args[7])?.target ?? args[7];
    return I.apply(native, self, args);
  });
  return access;
}

function hookGetter(I, getter, call) {
  return new I.Proxy(getter, { __proto__: null, apply: (native, self) => call(native, self) });
}
