// Requests to a tracker whose category is not granted are refused the way a blocked request fails, and
// never replayed: fetch rejects with a TypeError, an XMLHttpRequest ends in an error event (a synchronous
// one throws NetworkError), sendBeacon returns false, a WebSocket or EventSource fails and closes. The
// page's own requests pass untouched.
import { hookConstructor, hookMethod } from './hook.js';
import { standIn } from './stand-in.js';

/**
 * @param {Window & typeof globalThis} win
 * @param {ReturnType<import('../intrinsics.js').captureIntrinsics>} I the realm's own intrinsics
 * @param {ReturnType<import('./hosts.js').createHostMatcher>} hosts
 * @param {(kind: string, held: {url: string, bits: number, platform: number}) => void} blocked
 */
export function guardRequests(win, I, hosts, blocked) {
  const refuse = (kind, url) => {
    const held = hosts.held(url);
    if (held) blocked(kind, held);
    return held;
  };
  const requestUrl = win.Request ? I.getter(win.Request.prototype, 'url') : null;

  hookMethod(I, win, 'fetch', (native, self, args) => {
    const input = args[0];
    let url;
    let request = false;
    // A Request by its brand (its url getter accepts it), not by instanceof, which a page can answer.
    if (requestUrl && input !== null && typeof input === 'object') {
      try {
        url = requestUrl(input);
        request = true;
      } catch {
        // not a Request
      }
    }
    if (!request) {
      try {
        url = I.String(input);
      } catch {
        return I.apply(native, self, args);  // the browser's own error for an input it cannot read
      }
      args[0] = url;  // read once: an input whose toString answers twice differently gets one answer
    }
    if (refuse('request', url)) return I.rejected(new I.TypeError('Failed to fetch'));
    return I.apply(native, self, args);
  });

  const XHR = win.XMLHttpRequest?.prototype;
  if (XHR) {
    const opened = new I.WeakMap();  // xhr -> {url, sync}
    const faked = ['readyState', 'status', 'statusText', 'responseText', 'response', 'responseURL'];
    hookMethod(I, XHR, 'open', (native, self, args) => {
      for (let i = 0; i < faked.length; i++) I.deleteProperty(self, faked[i]);  // reused after a refusal
      const result = I.apply(native, self, args);
      if (args.length >= 2) I.weakSet(opened, self, { __proto__: null, url: I.String(args[1]), sync: args.length > 2 && !args[2] });
      return result;
    });
    hookMethod(I, XHR, 'send', (native, self, args) => {
      const o = I.weakGet(opened, self);
      if (!o || !refuse('request', o.url)) return I.apply(native, self, args);
      if (o.sync) throw new I.DOMException(`Failed to execute 'send' on 'XMLHttpRequest': Failed to load '${o.url}'.`, 'NetworkError');
      // A network error: readyState 4, status 0, then readystatechange, error and loadend.
      const values = { __proto__: null, readyState: 4, status: 0, statusText: '', responseText: '', response: '', responseURL: '' };
      const fail = () => {
        for (let i = 0; i < faked.length; i++) I.defineProperty(self, faked[i], { __proto__: null, value: values[faked[i]], configurable: true });
        I.dispatchEvent(self, new win.Event('readystatechange'));
        I.dispatchEvent(self, new win.ProgressEvent('error'));
        I.dispatchEvent(self, new win.ProgressEvent('loadend'));
      };
      I.dispatchEvent(self, new win.ProgressEvent('loadstart'));
      I.setTimeout(fail, 0);
      return undefined;
    });
  }

  if (win.Navigator?.prototype.sendBeacon) {
    hookMethod(I, win.Navigator.prototype, 'sendBeacon', (native, self, args) => {
      if (args.length && refuse('request', I.String(args[0]))) return false;
      return I.apply(native, self, args);
    });
  }

  // WebSocket and EventSource: a stand-in that fails as a refused connection does.
  const constructor = (name, make) => hookConstructor(I, win, name, (target, args, newTarget) => {
    if (!args.length) return I.construct(target, args, newTarget);
    const url = I.String(args[0]);
    args[0] = url;  // converted once, as natively
    const held = refuse('request', url);
    return held ? make(target, held.url) : I.construct(target, args, newTarget);
  });
  constructor('WebSocket', (WS, url) => {
    let state = 0;
    let binaryType = 'blob';
    const s = standIn(win, I, WS.prototype, ['open', 'message', 'error', 'close'], {
      __proto__: null,
      url: () => url, readyState: () => state, bufferedAmount: () => 0, extensions: () => '', protocol: () => '',
    }, {
      __proto__: null,
      send() {
        if (state === 0) throw new I.DOMException("Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.", 'InvalidStateError');
      },
      close() {
        state = 3;
      },
    });
    I.defineProperty(s.target, 'binaryType', { __proto__: null, get: () => binaryType, set: (v) => { binaryType = I.String(v); }, configurable: true });
    I.setTimeout(() => {
      state = 3;
      s.dispatch(new win.Event('error'));
      s.dispatch(new win.CloseEvent('close', { code: 1006, reason: '', wasClean: false }));
    }, 0);
    return s.target;
  });
  constructor('EventSource', (ES, url) => {
    let state = 0;
    const s = standIn(win, I, ES.prototype, ['open', 'message', 'error'], {
      __proto__: null, url: () => url, readyState: () => state, withCredentials: () => false,
    }, {
      __proto__: null,
      close() {
        state = 2;
      },
    });
    I.setTimeout(() => {
      state = 2;
      s.dispatch(new win.Event('error'));
    }, 0);
    return s.target;
  });
}
