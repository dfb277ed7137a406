// Detection and clean-up: what the guard could not intercept (a server's Set-Cookie, another tab, a
// frame's script that ran before its guard, a write through a borrowed native) and what consent no longer
// allows is found by a sweep and deleted or redacted at once. A sweep decides key by key with the core's
// packed decisions (values are read only under field rules), in every guarded window and popup, so no one
// item can stop it and a large store costs little. Cookies are deleted on every domain and path they may
// have been set with, also where the guard saw them written (remembered across pages).
import { KIND } from '../engine.js';
import { FIELDS } from '../decision.js';

const SCOPES_KEY = 'smartcp_scopes';  // functional: SmartCP's own (vendor prefix smartcp_)
const STORAGE = ['localStorage', 'sessionStorage'];

/**
 * @param {object} o
 * @param {ReturnType<import('../intrinsics.js').captureIntrinsics>} o.I
 * @param {ReturnType<import('../engine.js').createEngine>} o.engine
 * @param {ReturnType<import('./decider.js').createDecider>} o.decider
 * @param {{windows(): any[]}} o.realms
 * @param {Record<string, string[]>} o.scopes name -> "domain\npath" where the guard saw it written
 * @param {(item: {name: string, kind: string, action: string}) => void} [o.onCleaned]
 * @param {(error: unknown) => void} o.onError
 */
export function createSweeper({ I, engine, decider, realms, scopes, onCleaned = () => {}, onError }) {
  const top = () => realms.windows()[0];

  // Remembered scopes of earlier pages, kept in a functional key of SmartCP's own.
  try {
    const saved = I.parseJson(top().storage.localStorage?.get(SCOPES_KEY) ?? 'null');
    const names = saved && typeof saved === 'object' ? I.ownKeys(saved) : [];
    for (let i = 0; i < names.length; i++) {
      const list = saved[names[i]];
      if (!I.isArray(list)) continue;
      const into = scopes[names[i]] ?? (scopes[names[i]] = []);
      for (let j = 0; j < list.length && into.length < 8; j++) if (typeof list[j] === 'string') into[into.length] = list[j];
    }
  } catch {
    // unreadable: nothing remembered
  }
  let savedScopes = I.stringify(scopes);
  let savePending = false;
  const saveScopes = () => {
    const text = I.stringify(scopes);
    if (text === savedScopes) return;
    savedScopes = text;
    try {
      const store = top().storage.localStorage;
      if (text === '{}') store?.remove(SCOPES_KEY);  // nothing to remember: no key left behind
      else store?.set(SCOPES_KEY, text);
    } catch {
      // quota: it was a convenience
    }
  };

  const refused = (p) => (p & 3) === 2 && ((p >>> 8) & 15) !== 6;  // the consent cookie is refused to pages, never cleaned

  // The scope a deletion is planned for, as JSON text made from strings only (no toJSON is looked up).
  const scopeOf = (w, name) => {
    const loc = w.win.location;
    const pairs = [];
    const list = scopes[name] ?? [];
    for (let i = 0; i < list.length; i++) {
      const nl = I.indexOf(list[i], '\n');
      pairs[pairs.length] = `[${I.stringify(I.slice(list[i], 0, nl))},${I.stringify(I.slice(list[i], nl + 1))}]`;
    }
    let joined = '';
    for (let i = 0; i < pairs.length; i++) joined += (i ? ',' : '') + pairs[i];
    return `{"host":${I.stringify(I.String(loc.hostname))},"path":${I.stringify(I.String(loc.pathname))},` +
      `"secure":${loc.protocol === 'https:'},"remembered":[${joined}]}`;
  };

  const cookieNames = (header) => {
    const names = [];
    for (let start = 0; start < header.length;) {
      let end = I.indexOf(header, '; ', start);
      if (end < 0) end = header.length;
      const item = I.slice(header, start, end);
      const eq = I.indexOf(item, '=');
      names[names.length] = eq < 0 ? item : I.slice(item, 0, eq);
      start = end + 2;
    }
    return names;
  };

  // Deletes cookie `name` wherever it may live, seen from `realm`.
  const deleteCookie = (realm, name) => {
    const lines = engine.cookieDeletions(name, scopeOf(realm, name));
    for (let j = 0; j < lines.length; j++) I.apply(realm.cookie.set, realm.win.document, [lines[j]]);
    delete scopes[name];  // deleted everywhere it was seen written
  };

  /** Deletes or redacts everything the current consent does not allow. Returns how many items. */
  function sweep() {
    let count = 0;
    const windows = realms.windows();
    for (let w = 0; w < windows.length; w++) {
      const realm = windows[w];
      try {
        const names = cookieNames(I.apply(realm.cookie.get, realm.win.document, []));
        for (let i = 0; i < names.length; i++) {
          const name = names[i];
          if (!name || !refused(decider.packed(name, 0))) continue;
          deleteCookie(realm, name);
          count++;
          onCleaned({ __proto__: null, name, kind: 'cookie', action: 'delete' });
        }
      } catch (error) {
        onError(error);
      }
      for (let k = 0; k < STORAGE.length; k++) {
        const store = realm.storage?.[STORAGE[k]];
        if (!store) continue;
        const kind = KIND[STORAGE[k]];
        let keys;
        try {
          keys = store.keys();
        } catch (error) {
          onError(error);
          continue;
        }
        for (let i = 0; i < keys.length; i++) {
          // Each key on its own: one that cannot be read or removed stops nothing else.
          try {
            const key = keys[i];
            const p = decider.packed(key, kind);
            if (refused(p)) {
              store.remove(key);
              count++;
              onCleaned({ __proto__: null, name: key, kind: STORAGE[k], action: 'delete' });
            } else if (p & FIELDS) {
              const value = store.get(key);
              if (value === null) continue;
              const r = engine.decideValue(key, kind, value);
              if ((r.packed & 3) === 0) continue;
              if ((r.packed & 3) === 1) store.set(key, r.value);
              else store.remove(key);
              count++;
              onCleaned({ __proto__: null, name: key, kind: STORAGE[k], action: (r.packed & 3) === 1 ? 'set' : 'delete' });
            }
          } catch (error) {
            onError(error);
          }
        }
      }
    }
    // Cookies the guard let through on paths this page cannot see (written on /shop/cart/, withdrawn on
    // /privacy): deleted where they were written.
    const remembered = I.ownKeys(scopes);
    for (let i = 0; i < remembered.length; i++) {
      try {
        if (refused(decider.packed(remembered[i], 0))) deleteCookie(windows[0], remembered[i]);
      } catch (error) {
        onError(error);
      }
    }
    saveScopes();
    sweepStores();
    return count;
  }

  // IndexedDB databases and Cache API caches of the origin (asynchronous; shared by its windows).
  const sweepStores = () => {
    const stores = top()?.stores;
    if (!stores) return;
    const each = (list, name, kind, remove) => {
      for (let i = 0; i < list.length; i++) {
        try {
          const n = name(list[i]);
          if (typeof n === 'string' && refused(decider.packed(n, kind))) {
            remove(n);
            onCleaned({ __proto__: null, name: n, kind: kind === 3 ? 'indexedDB' : 'cacheStorage', action: 'delete' });
          }
        } catch (error) {
          onError(error);
        }
      }
    };
    try {
      if (stores.databases) I.promiseThen(stores.databases(), (list) => each(list, (d) => d.name, 3, stores.deleteDatabase), onError);
      if (stores.caches) I.promiseThen(stores.caches(), (list) => each(list, (n) => n, 4, stores.deleteCache), onError);
    } catch (error) {
      onError(error);
    }
  };

  // One sweep for however many events ask for one: at once when none ran lately, else once the pause
  // is over (a page writing in a burst raises an event per write; the sweep reads the whole store).
  const PAUSE = 200;
  let scheduled = false;
  let last = -PAUSE;
  const soon = () => {
    if (scheduled) return;
    scheduled = true;
    I.setTimeout(() => {
      scheduled = false;
      last = I.now();
      sweep();
      fingerprint = print();
    }, I.now() - last < PAUSE ? PAUSE : 0);
  };
  // What changes when anything is written (a new key, a new cookie), cheap to read: a write that raised
  // no event here (a borrowed native, another realm) shows up in it.
  const print = () => {
    const t = top();
    try {
      return `${I.apply(t.cookie.get, t.win.document, [])}|${t.storage.localStorage?.length() ?? 0}|${t.storage.sessionStorage?.length() ?? 0}`;
    } catch {
      return '';
    }
  };
  let fingerprint = '';
  let watching = false;

  return {
    __proto__: null,
    sweep() {
      const n = sweep();
      last = I.now();
      fingerprint = print();
      return n;
    },
    soon,
    /** The guard let a cookie through somewhere new: remembered across pages, once per task. */
    saveScopesSoon() {
      if (savePending) return;
      savePending = true;
      I.setTimeout(() => {
        savePending = false;
        saveScopes();
      }, 0);
    },
    /** Sweeps whenever something may have been written behind the guard's back. */
    watch(win) {
      if (watching) return;
      watching = true;
      // A server's Set-Cookie, or another realm's cookie write. The events are not read (their getters
      // are the page's to patch): one sweep per task finds what changed, and finds nothing after its own.
      if (I.cookieStore) I.addEventListener(I.cookieStore, 'change', soon);
      const visible = () => I.visibility(win.document) === 'visible';
      I.addEventListener(win.document, 'visibilitychange', () => { if (visible()) soon(); });
      // And a look every two seconds while the page is seen: realms that appeared with no one looking
      // (a frame that navigated) are guarded, and writes that raised no event are found.
      const tick = () => {
        if (visible()) {
          realms.recheck();
          if (print() !== fingerprint) soon();
        }
        I.setTimeout(tick, 2000);
      };
      I.setTimeout(tick, 2000);
    },
    /** A window (a frame that loaded, a popup) to watch: another document's storage writes show in its events. */
    watchWindow(win) {
      try {
        I.addEventListener(win, 'storage', soon);
      } catch {
        // gone or not ours
      }
      soon();
    },
  };
}
