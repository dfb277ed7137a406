// The built-ins the guard, the decider, the clean-up, consent reading and start-up call, captured at the
// first line of smartcp.js, before any page script can patch them, and in each new realm before the
// page gets it. Only these are used there: a page that patches Function.prototype.call, Map.prototype.get,
// String.prototype.trim or JSON.parse changes nothing the widget decides, and one that breaks a built-in
// (a throwing Array.prototype.push, a deleted Promise) cannot make the guard throw.
//
// Rules for code that uses them: no method calls on built-in prototypes (uncurried captures instead), no
// spread or for-of over arrays (iterators are patchable), no `x.push` (index assignment), objects built
// as `{ __proto__: null, … }`, and JSON read with parseJson (objects without a prototype to fall back on).

/**
 * @param {Window & typeof globalThis} win a realm whose built-ins are still the browser's own
 */
export function captureIntrinsics(win) {
  const { Reflect: R, Object: O, Array: A, JSON: J } = win;
  const apply = R.apply;
  // fn(self, ...args): the method called on `self` with no lookup on it or on Function.prototype. The
  // browser's own `call` bound to `fn` now: patching Function.prototype.call or bind later changes
  // nothing, and no wrapper of ours runs on each call.
  const { call, bind } = win.Function.prototype;
  const uncurry = (fn) => apply(bind, call, [fn]);
  const gOPD = O.getOwnPropertyDescriptor;
  // A getter of the browser's, callable on any object; null where there is none (Node has no DOM).
  const getter = (proto, name) => {
    const d = proto && gOPD(proto, name);
    return d && d.get ? uncurry(d.get) : null;
  };
  const create = O.create;
  const ownKeys = R.ownKeys;
  const isArray = A.isArray;
  const jsonParse = J.parse;
  // Every object of a parse without a prototype: a field the core left out reads as undefined, never as
  // something a page defined on Object.prototype.
  const bare = (key, value) => {
    if (value === null || typeof value !== 'object' || isArray(value)) return value;
    const o = create(null);
    const keys = ownKeys(value);
    for (let i = 0; i < keys.length; i++) o[keys[i]] = value[keys[i]];
    return o;
  };
  const PromiseCtor = win.Promise;
  const promiseResolve = PromiseCtor.resolve;
  const promiseReject = PromiseCtor.reject;
  const encoder = new win.TextEncoder();
  const decoder = new win.TextDecoder();
  const encodeInto = win.TextEncoder.prototype.encodeInto;
  const decode = win.TextDecoder.prototype.decode;
  const U8 = win.Uint8Array;
  const D = win.Date;
  const toUTCString = D.prototype.toUTCString;
  const fetch = win.fetch;
  const { setTimeout, queueMicrotask } = win;
  const console = win.console;
  const consoleMethod = (name) => {
    const fn = console && console[name];
    return typeof fn === 'function' ? (...args) => { try { apply(fn, console, args); } catch { /* a broken console */ } } : () => {};
  };
  return O.freeze({
    __proto__: null,
    apply,
    construct: R.construct,
    uncurry,
    getter,
    defineProperty: O.defineProperty,
    getOwnPropertyDescriptor: gOPD,
    getPrototypeOf: R.getPrototypeOf,
    ownKeys,
    has: R.has,
    get: R.get,
    set: R.set,
    deleteProperty: R.deleteProperty,
    reflectDefineProperty: R.defineProperty,
    create,
    freeze: O.freeze,
    isArray,
    Proxy: win.Proxy,
    WeakMap: win.WeakMap,
    weakGet: uncurry(win.WeakMap.prototype.get),
    weakSet: uncurry(win.WeakMap.prototype.set),
    weakHas: uncurry(win.WeakMap.prototype.has),
    WeakSet: win.WeakSet,
    weakSetHas: uncurry(win.WeakSet.prototype.has),
    weakSetAdd: uncurry(win.WeakSet.prototype.add),
    String: win.String,
    fromCharCode: win.String.fromCharCode,
    indexOf: uncurry(win.String.prototype.indexOf),
    lastIndexOf: uncurry(win.String.prototype.lastIndexOf),
    slice: uncurry(win.String.prototype.slice),
    charCodeAt: uncurry(win.String.prototype.charCodeAt),
    toLowerCase: uncurry(win.String.prototype.toLowerCase),
    startsWith: uncurry(win.String.prototype.startsWith),
    parseJson: (text) => jsonParse(text, bare),
    stringify: J.stringify,
    now: win.Date.now,
    dateParse: win.Date.parse,
    utcString: (ms) => apply(toUTCString, new D(ms), []),
    imul: win.Math.imul,
    TypeError: win.TypeError,
    Error: win.Error,
    DOMException: win.DOMException,
    Promise: win.Promise,
    promiseThen: uncurry(win.Promise.prototype.then),
    resolved: (value) => apply(promiseResolve, PromiseCtor, [value]),
    rejected: (reason) => apply(promiseReject, PromiseCtor, [reason]),
    setTimeout: (fn, ms) => apply(setTimeout, win, [fn, ms]),
    addEventListener: uncurry(win.EventTarget.prototype.addEventListener),
    removeEventListener: uncurry(win.EventTarget.prototype.removeEventListener),
    dispatchEvent: uncurry(win.EventTarget.prototype.dispatchEvent),
    setPrototypeOf: R.setPrototypeOf,
    // UTF-8 into a byte view; bytes back to text. Lone surrogates become U+FFFD on the way in.
    encodeInto: (text, view) => apply(encodeInto, encoder, [text, view]).written,
    decode: (view) => apply(decode, decoder, [view]),
    byteView: (buffer, offset, length) => new U8(buffer, offset, length),
    URL: win.URL,
    urlHost: getter(win.URL.prototype, 'hostname'),
    urlHref: getter(win.URL.prototype, 'href'),
    urlProtocol: getter(win.URL.prototype, 'protocol'),
    urlPath: getter(win.URL.prototype, 'pathname'),
    urlSearch: getter(win.URL.prototype, 'search'),
    currentScript: getter(win.Document?.prototype, 'currentScript'),
    // A window's document; throws for anything but a same-origin window (of any realm).
    windowDocument: getter(win, 'document'),
    documentUrl: getter(win.Document?.prototype, 'URL'),
    windowClosed: getter(win, 'closed'),
    visibility: getter(win.Document?.prototype, 'visibilityState'),
    cookieStore: win.cookieStore ?? null,
    baseUri: getter(win.Node?.prototype, 'baseURI'),
    // The core's file and memory.
    fetch: (url, init) => apply(fetch, win, [url, init]),
    responseOk: win.Response ? getter(win.Response.prototype, 'ok') : () => false,
    responseStatus: win.Response ? getter(win.Response.prototype, 'status') : () => 0,
    responseBytes: win.Response ? uncurry(win.Response.prototype.arrayBuffer) : null,
    wasmInstantiate: win.WebAssembly ? win.WebAssembly.instantiate : null,
    memoryBuffer: win.WebAssembly ? getter(win.WebAssembly.Memory.prototype, 'buffer') : null,
    instanceExports: win.WebAssembly ? getter(win.WebAssembly.Instance.prototype, 'exports') : null,
    warn: consoleMethod('warn'),
    error: consoleMethod('error'),
    info: consoleMethod('info'),
    groupCollapsed: consoleMethod('groupCollapsed'),
    groupEnd: consoleMethod('groupEnd'),
    table: consoleMethod('table'),
  });
}
