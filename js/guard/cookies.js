// document.cookie: every assignment goes through the gate. The hook is on the realm's Document.prototype
// (a frame that navigates keeps its window, and this hook, with a new document), and on the document
// itself when something defined `cookie` there first (an audit tool, a tag debugger): its setter is kept
// and an allowed write is committed through it, from the writer's own call. Reads are untouched.
import { hookAccessor, wrap } from './hook.js';

// The name a reader of document.cookie sees, as the core reads it (smartcp::CookieString::apparent_name):
// the pair ends at the first ';', white space (space, tab) around the name is trimmed, and a nameless
// cookie ("a" or "=a=b") shows its value up to the first '='.
export function cookieName(I, cookie) {
  const end = I.indexOf(cookie, ';');
  const pair = end < 0 ? cookie : I.slice(cookie, 0, end);
  const eq = I.indexOf(pair, '=');
  const name = trim(I, eq < 0 ? pair : I.slice(pair, 0, eq));
  if (name !== '') return name;
  const value = trim(I, eq < 0 ? pair : I.slice(pair, eq + 1));
  const eq2 = I.indexOf(value, '=');
  return eq2 < 0 ? value : I.slice(value, 0, eq2);
}

function trim(I, s) {
  let a = 0;
  let b = s.length;
  while (a < b && (s[a] === ' ' || s[a] === '\t')) a++;
  while (b > a && (s[b - 1] === ' ' || s[b - 1] === '\t')) b--;
  return a === 0 && b === s.length ? s : I.slice(s, a, b);
}

// Where a cookie lives, "domain\npath" (the core's reading of its attributes), with the default path the
// browser gives one without a Path: the directory of the document's URL (RFC 6265, 5.1.4).
export function scopeOf(I, scope, doc) {
  const nl = I.indexOf(scope, '\n');
  if (nl >= 0 && nl < scope.length - 1) return scope;
  let path = '/';
  try {
    path = I.urlPath(new I.URL(I.documentUrl(doc)));
  } catch {
    // not a document: the root
  }
  const slash = I.lastIndexOf(path, '/');
  return `${nl < 0 ? scope : I.slice(scope, 0, nl)}\n${slash <= 0 ? '/' : I.slice(path, 0, slash)}`;
}

// Whether a cookie string sets a lifetime the core may cap (before the core is ready it goes through as is).
const hasLifetime = (I, cookie) => {
  const lower = I.toLowerCase(cookie);
  return I.indexOf(lower, 'max-age') >= 0 || I.indexOf(lower, 'expires') >= 0;
};

// The value `name` has in a cookie header, or null.
function valueIn(I, header, name) {
  for (let start = 0; start <= header.length;) {
    let end = I.indexOf(header, '; ', start);
    if (end < 0) end = header.length;
    const item = I.slice(header, start, end);
    const eq = I.indexOf(item, '=');
    if ((eq < 0 ? '' : I.slice(item, 0, eq)) === name) return I.slice(item, eq + 1);
    start = end + 2;
  }
  return null;
}

/**
 * @param {Window & typeof globalThis} win
 * @param {ReturnType<import('../intrinsics.js').captureIntrinsics>} I the realm's own intrinsics
 * @param {ReturnType<import('./gate.js').createGate>} gate
 * @param {(name: string, scope: string) => void} remember where an allowed cookie was written
 */
export function guardCookies(win, I, gate, remember) {
  const proto = win.Document.prototype;
  const nativeGet = I.getOwnPropertyDescriptor(proto, 'cookie').get;
  const submit = (set, self, text) => {
    const cookie = I.String(text);  // once: a toString answering differently twice gets one answer
    const name = cookieName(I, cookie);
    const write = {
      __proto__: null,
      kind: 'cookie',
      name,
      cookie,
      commit(d) {
        I.apply(set, self, [d.cookie || cookie]);
        if (d.scope !== undefined) remember(name, scopeOf(I, d.scope, self));
      },
    };
    if (hasLifetime(I, cookie)) {
      const eq = I.indexOf(cookie, '=');
      const end = I.indexOf(cookie, ';');
      const value = eq < 0 || (end >= 0 && end < eq) ? null : trim(I, I.slice(cookie, eq + 1, end < 0 ? cookie.length : end));
      write.current = () => valueIn(I, I.apply(nativeGet, self, []), name) === value;
    }
    const d = gate.submit(write);
    if (d) write.commit(d);
  };
  hookAccessor(I, proto, 'cookie', { set: submit });

  // Someone defined `cookie` on the document itself before SmartCP ran: guard what is there.
  const doc = win.document;
  const own = I.getOwnPropertyDescriptor(doc, 'cookie');
  if (own && own.set && own.configurable) {
    I.defineProperty(doc, 'cookie', {
      __proto__: null,
      get: own.get,
      set: wrap(I, own.set, (theirs, self, args) => submit(theirs, self, args[0])),
      enumerable: own.enumerable,
      configurable: true,
    });
  }
}
