// cookieStore.set (Chromium, Safari): a cookie write like any other. The caller's options are read once,
// into a snapshot that is both what the gate decides and what the browser gets: a getter cannot show one
// name to the guard and another to the browser. delete() always passes (deleting is allowed).
import { hookMethod } from './hook.js';

const FIELDS = ['name', 'value', 'expires', 'domain', 'path', 'sameSite', 'partitioned'];

/**
 * @param {Window & typeof globalThis} win
 * @param {ReturnType<import('../intrinsics.js').captureIntrinsics>} I the realm's own intrinsics
 * @param {ReturnType<import('./gate.js').createGate>} gate
 * @param {(name: string, scope: string) => void} remember
 */
export function guardCookieStore(win, I, gate, remember) {
  const proto = win.CookieStore?.prototype;
  if (!proto) return;
  hookMethod(I, proto, 'set', (native, self, args) => {
    // The browser's own validation (a TypeError) comes from the browser.
    if (!args.length) return I.apply(native, self, args);
    const options = { __proto__: null };
    const given = args[0];
    if (given !== null && typeof given === 'object') {
      for (let i = 0; i < FIELDS.length; i++) {
        const value = given[FIELDS[i]];
        if (value !== undefined) options[FIELDS[i]] = value;
      }
    } else {
      options.name = given;
      options.value = args[1];
    }
    // Converted once, here: what the browser gets is exactly what was decided.
    const name = I.String(options.name ?? '');
    const value = I.String(options.value ?? '');
    options.name = name;
    options.value = value;
    if (options.domain !== undefined && options.domain !== null) options.domain = I.String(options.domain);
    if (options.path !== undefined) options.path = I.String(options.path);
    const expires = options.expires === undefined || options.expires === null ? NaN : +options.expires;
    if (expires === expires) options.expires = expires;  // not NaN: the number, not an object that converts twice
    // The same write as a cookie string, for the core's lifetime cap.
    let cookie = `${name}=${value}; Path=${options.path ?? '/'}`;
    if (options.domain) cookie += `; Domain=${options.domain}`;
    if (expires === expires) cookie += `; Expires=${I.utcString(expires)}`;
    let result = I.resolved(undefined);
    const write = {
      __proto__: null,
      kind: 'cookie',
      name,
      value,
      cookie,
      commit(d) {
        const final = { __proto__: null };
        for (let i = 0; i < FIELDS.length; i++) if (FIELDS[i] in options) final[FIELDS[i]] = options[FIELDS[i]];
        if (d.verdict === 'redact' && d.value !== undefined) final.value = d.value;
        const capped = d.cookie ? capOf(I, d.cookie) : null;
        if (capped !== null) final.expires = capped;
        result = I.apply(native, self, [final]);
        if (d.scope) remember(name, d.scope);
      },
    };
    const d = gate.submit(write);
    if (d) write.commit(d);
    return result;  // a refused or held write resolves, as a refused document.cookie write is silent
  });
  hookMethod(I, proto, 'delete', (native, self, args) => {
    const given = args[0];
    const name = given !== null && typeof given === 'object' ? given.name : given;
    if (name !== undefined) gate.drop('cookie', I.String(name));
    return I.apply(native, self, args);
  });
}

// The expiry the core put in what to write instead: Max-Age (from now) or Expires, in milliseconds.
function capOf(I, cookie) {
  const lower = I.toLowerCase(cookie);
  const maxAge = I.indexOf(lower, '; max-age=');
  if (maxAge >= 0) {
    const end = I.indexOf(cookie, ';', maxAge + 10);
    return I.now() + 1000 * +I.slice(cookie, maxAge + 10, end < 0 ? cookie.length : end);
  }
  const expires = I.indexOf(lower, '; expires=');
  if (expires < 0) return null;
  const end = I.indexOf(cookie, ';', expires + 10);
  const t = I.dateParse(I.slice(cookie, expires + 10, end < 0 ? cookie.length : end));
  return t === t ? t : null;
}
