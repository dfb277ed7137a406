// The storage guard: every document.cookie assignment and every localStorage/sessionStorage write of a
// window goes through `decide` before it reaches the browser. Until `decide` can answer (the core is
// still loading) writes are held in memory, visible to the page's own reads, and committed or dropped
// by flush(). Nothing inside the guard throws into the page: a failure drops the write (fail closed)
// and is reported through onError.

const KINDS = ['localStorage', 'sessionStorage'];
const GUARDED = Symbol.for('smartcp.guard');
const GUARD_ERROR = Object.freeze({ verdict: 'refuse', category: 'unknown', reason: 'guard-error' });
const QUEUE_FULL = Object.freeze({ verdict: 'refuse', category: 'unknown', reason: 'queue-full' });

/** A cookie assignment that deletes: Max-Age <= 0, or (without Max-Age) Expires in the past. */
export function isCookieDeletion(text, now = Date.now()) {
  if (!/max-age|expires/i.test(text)) return false;
  const maxAge = /;\s*max-age\s*=\s*(-?\d+)\s*(?:;|$)/i.exec(text);
  if (maxAge) return Number(maxAge[1]) <= 0;
  const expires = /;\s*expires\s*=\s*([^;]*)/i.exec(text);
  if (!expires) return false;
  const time = Date.parse(expires[1]);
  return Number.isFinite(time) && time <= now;
}

/**
 * @typedef {{verdict: 'allow'|'redact'|'refuse', category?: string, reason?: string, value?: string, cookie?: string, name?: string}} Decision
 * @typedef {{kind: 'cookie'|'localStorage'|'sessionStorage', name: string, value?: string, cookie?: string, attributes?: string}} Write
 *   for cookies, `cookie` is the whole assignment and `attributes` what follows its first ';'
 * @typedef {object} GuardOptions
 * @property {(write: Write) => Decision|undefined} decide  undefined: not ready yet, hold the write
 * @property {(blocked: {name: string, kind: string, category: string, reason: string, time: number}) => void} [onBlocked]
 * @property {(error: unknown) => void} [onError]
 * @property {number} [queueLimit]  writes held before the core is ready (default 500)
 */

/**
 * Installs the guard on `win` (the top window or a same-origin frame's).
 * @param {Window & typeof globalThis} win
 * @param {GuardOptions} options
 */
export function installGuard(win, options) {
  if (win[GUARDED]) return win[GUARDED];  // once per window
  const { decide, onBlocked = () => {}, onError = () => {}, queueLimit = 500 } = options;
  const cookieDescriptor = Object.getOwnPropertyDescriptor(win.Document.prototype, 'cookie');
  const storageProto = win.Storage.prototype;
  const native = {
    getCookie: cookieDescriptor.get,
    setCookie: cookieDescriptor.set,
    setItem: storageProto.setItem,
    getItem: storageProto.getItem,
    removeItem: storageProto.removeItem,
    clear: storageProto.clear,
    key: storageProto.key,
  };
  const storages = {};
  for (const kind of KINDS) {
    try {
      storages[kind] = Object.getOwnPropertyDescriptor(win, kind)?.get?.call(win) ?? win[kind];
    } catch {
      storages[kind] = null;  // storage disabled by the browser: nothing to guard
    }
  }
  const kindOf = (storage) => (storage === storages.localStorage ? 'localStorage' : storage === storages.sessionStorage ? 'sessionStorage' : null);
  // localStorage and sessionStorage are proxies (below); a method called on one, as in
  // Storage.prototype.setItem.call(localStorage, …), works on the storage behind it.
  const targets = new WeakMap();
  const real = (self) => targets.get(self) ?? self;

  /** @type {Write[]} held writes, in order */
  const queue = [];

  const report = (write, decision) => {
    try {
      onBlocked({ name: decision.name ?? write.name, kind: write.kind, category: decision.category ?? 'unknown',
        reason: decision.reason ?? 'not-granted', time: Date.now() });
    } catch (error) {
      onError(error);
    }
  };

  // Carries out one write under a decision.
  const commit = (write, decision) => {
    if (decision.verdict === 'refuse') {
      report(write, decision);
      return;
    }
    if (write.kind === 'cookie') {
      native.setCookie.call(win.document, decision.cookie ?? write.cookie);
    } else {
      if (decision.verdict === 'redact') report(write, decision);
      native.setItem.call(storages[write.kind], write.name, decision.verdict === 'redact' ? decision.value : write.value);
    }
  };

  // The decision for a write, undefined while the core cannot answer. A failing decide refuses the
  // write: fail closed.
  const decideSafely = (write) => {
    try {
      return decide(write);
    } catch (error) {
      onError(error);
      return GUARD_ERROR;
    }
  };
  // Keeps a write until the core can decide; past the bound it is refused and reported.
  const hold = (write) => {
    if (queue.length < queueLimit) queue.push(write);
    else report(write, QUEUE_FULL);
  };
  const commitSafely = (write, decision) => {
    try {
      commit(write, decision);
    } catch (error) {
      onError(error);  // e.g. QuotaExceededError: the page would have seen it; it must not break the guard
    }
  };
  const submit = (write) => {
    const decision = decideSafely(write);
    if (decision === undefined) hold(write);
    else commitSafely(write, decision);
  };

  const held = (kind, name) => {
    for (let i = queue.length - 1; i >= 0; i--) {
      const w = queue[i];
      if (w.kind === kind && w.name === name) return w;
    }
    return undefined;
  };

  // ---- document.cookie, on the prototype: a frame that navigates from its initial about:blank keeps its
  // window (and this guard) but gets a new document.
  const cookieName = (text) => {
    const pair = String(text).split(';', 1)[0];
    const eq = pair.indexOf('=');
    return eq < 0 ? '' : pair.slice(0, eq).trim();
  };
  Object.defineProperty(win.Document.prototype, 'cookie', {
    configurable: true,
    enumerable: true,
    get() {
      const stored = native.getCookie.call(this);
      if (!queue.length) return stored;  // the usual case: reads cost nothing extra
      const pending = queue.filter((w) => w.kind === 'cookie');
      if (!pending.length) return stored;
      // Held cookies are readable by the page that wrote them, as if written.
      const names = new Set(pending.map((w) => w.name));
      const kept = stored ? stored.split('; ').filter((c) => !names.has(cookieName(c))) : [];
      const latest = new Map(pending.map((w) => [w.name, w.value]));
      return [...kept, ...[...latest].map(([n, v]) => (n ? `${n}=${v}` : v))].join('; ');
    },
    set(text) {
      const cookie = String(text);
      const semicolon = cookie.indexOf(';');
      const pair = semicolon < 0 ? cookie : cookie.slice(0, semicolon);
      const eq = pair.indexOf('=');
      const name = eq < 0 ? '' : pair.slice(0, eq).trim();
      if (semicolon >= 0 && isCookieDeletion(cookie)) {
        // Deleting is always allowed, ready or not; a held write of the same cookie is dropped with it.
        dropHeld('cookie', name);
        native.setCookie.call(this, cookie);
        return;
      }
      submit({ kind: 'cookie', name, cookie, value: eq < 0 ? pair.trim() : pair.slice(eq + 1).trim(),
        attributes: semicolon < 0 ? '' : cookie.slice(semicolon) });
    },
  });

  // ---- Storage methods
  const guardedSetItem = function setItem(key, value) {
    const self = real(this);
    const kind = kindOf(self);
    if (!kind) return native.setItem.call(self, key, value);
    if (arguments.length < 2) return native.setItem.call(self, key);  // the browser's own TypeError
    submit({ kind, name: String(key), value: String(value) });
  };
  const guardedGetItem = function getItem(key) {
    const self = real(this);
    const kind = kindOf(self);
    const pending = kind && queue.length ? held(kind, String(key)) : undefined;
    if (pending) return pending.value;
    return native.getItem.call(self, key);
  };
  const guardedRemoveItem = function removeItem(key) {
    const self = real(this);
    const kind = kindOf(self);
    if (kind) dropHeld(kind, String(key));
    return native.removeItem.call(self, key);  // deleting is always allowed
  };
  const guardedClear = function clear() {
    const self = real(this);
    const kind = kindOf(self);
    if (kind) dropHeld(kind);
    return native.clear.call(self);
  };
  const dropHeld = (kind, name) => {
    for (let i = queue.length - 1; i >= 0; i--) {
      if (queue[i].kind === kind && (name === undefined || queue[i].name === name)) queue.splice(i, 1);
    }
  };
  Object.assign(storageProto, { setItem: guardedSetItem, getItem: guardedGetItem, removeItem: guardedRemoveItem, clear: guardedClear });

  // ---- Property access: localStorage.x = …, localStorage['x'], delete localStorage.x
  const METHODS = new Set(['setItem', 'getItem', 'removeItem', 'clear', 'key', 'length']);
  for (const kind of KINDS) {
    const storage = storages[kind];
    if (!storage) continue;
    const bound = new Map();  // methods bound to the storage once, not on every access
    const proxy = new Proxy(storage, {
      get(target, prop) {
        if (typeof prop === 'symbol' || METHODS.has(prop) || prop in win.Storage.prototype) {
          const value = Reflect.get(target, prop, target);
          if (typeof value !== 'function') return value;
          let fn = bound.get(prop);
          if (fn?.original !== value) {
            fn = Object.assign(value.bind(target), { original: value });
            bound.set(prop, fn);
          }
          return fn;
        }
        return guardedGetItem.call(target, prop) ?? undefined;
      },
      set(target, prop, value) {
        if (typeof prop === 'symbol') return Reflect.set(target, prop, value, target);
        guardedSetItem.call(target, prop, value);
        return true;
      },
      deleteProperty(target, prop) {
        if (typeof prop !== 'symbol') guardedRemoveItem.call(target, prop);
        return true;
      },
      has(target, prop) {
        return typeof prop === 'symbol' ? prop in target : prop in target || (!!queue.length && !!held(kind, prop));
      },
    });
    targets.set(proxy, storage);
    Object.defineProperty(win, kind, { configurable: true, enumerable: true, get: () => proxy });
  }

  // ---- cookieStore (Chromium): set() is a write like any other, delete() always passes.
  const cookieStoreProto = win.CookieStore?.prototype;
  if (cookieStoreProto) {
    const nativeSet = cookieStoreProto.set;
    cookieStoreProto.set = function set(nameOrOptions, value) {
      try {
        const o = typeof nameOrOptions === 'object' && nameOrOptions !== null ? nameOrOptions : { name: nameOrOptions, value };
        const name = String(o.name ?? '');
        let cookie = `${name}=${o.value ?? ''}; Path=${o.path ?? '/'}`;
        if (o.domain) cookie += `; Domain=${o.domain}`;
        // expires may be milliseconds or a Date; either way the lifetime is decided (and capped).
        const expires = o.expires === undefined || o.expires === null ? NaN : Number(o.expires);
        if (Number.isFinite(expires)) cookie += `; Expires=${new Date(expires).toUTCString()}`;
        if (o.sameSite) cookie += `; SameSite=${o.sameSite}`;
        if (o.partitioned) cookie += '; Partitioned';
        const write = { kind: 'cookie', name, value: String(o.value ?? ''), cookie };
        const decision = decideSafely(write);
        if (decision === undefined) {
          hold(write);  // like a document.cookie write: committed by flush()
          return Promise.resolve();
        }
        // Refused (reported; the script must not break), or capped or redacted: write what the core says.
        if (decision.verdict === 'refuse' || (decision.cookie && decision.cookie !== cookie)) {
          commitSafely(write, decision);
          return Promise.resolve();
        }
        return nativeSet.call(this, nameOrOptions, value);
      } catch (error) {
        onError(error);
        return Promise.resolve();
      }
    };
  }

  const handle = {
    /** Writes held so far. */
    get pending() {
      return queue.length;
    },
    /** Decides every held write again now that `decide` can answer; commits or drops each. */
    flush() {
      const writes = queue.splice(0, queue.length);
      for (let i = 0; i < writes.length; i++) {
        const decision = decideSafely(writes[i]);
        if (decision === undefined) {
          queue.unshift(...writes.slice(i));  // still not ready: keep the rest, in order
          return;
        }
        commitSafely(writes[i], decision);
      }
    },
    /** Writes that bypass the guard (clean-up deletions, the consent cookie). */
    native: {
      setCookie: (text) => native.setCookie.call(win.document, text),
      getCookie: () => native.getCookie.call(win.document),
      removeItem: (kind, key) => storages[kind] && native.removeItem.call(storages[kind], key),
      setItem: (kind, key, value) => storages[kind] && native.setItem.call(storages[kind], key, value),
      keys: (kind) => {
        const s = storages[kind];
        if (!s) return [];
        const out = [];
        for (let i = 0; i < s.length; i++) out.push(native.key.call(s, i));
        return out;
      },
      getItem: (kind, key) => storages[kind] && native.getItem.call(storages[kind], key),
    },
  };
  Object.defineProperty(win, GUARDED, { value: handle });
  return handle;
}
