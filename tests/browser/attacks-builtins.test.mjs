// Causes 5 and 8 of the guard's attacks: page code that patches or breaks built-ins after smartcp.js ran,
// and instrumentation that was there before it (an audit tool, a tag debugger, a privacy extension). The
// patches are a tracker's: they try to change the name decided, forge the decision or the stored choice,
// get hold of the real storage, stop detection, or leave new frames unguarded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openFixtures } from './browser.mjs';
import { guardedPage, eventually } from './guarded.mjs';

let env;
let browser;
let url;

before(async () => {
  env = await openFixtures();
  browser = env.browser;
  url = `${env.base}/fixtures/guard.html`;
});
after(() => env?.close());

// A tracker's writes and the site's own, through every path; run in the page, never throws.
const WRITES = (tag) => {
  const errors = [];
  const attempt = (what, fn) => {
    try {
      fn();
    } catch (e) {
      errors[errors.length] = `${what}: ${e && e.name} ${e && e.message}`;
    }
  };
  attempt('cookie', () => { document.cookie = `_ga_${tag}=1; path=/; max-age=999`; });
  attempt('setItem', () => localStorage.setItem(`_ga_${tag}`, '1'));
  attempt('property', () => { localStorage[`amplitude_id_${tag}`] = '1'; });
  attempt('session', () => sessionStorage.setItem(`_hjSessionUser_${tag}`, '1'));
  attempt('site cookie', () => { document.cookie = `lang_${tag}=pl; path=/`; });
  attempt('site storage', () => { localStorage[`cart_${tag}`] = 'x'; });
  return errors;
};

const trackerKeys = (entries) => Object.keys(entries).filter((k) => /^(_ga_|amplitude_id_|_hjSessionUser_)/.test(k));

async function assertNothingOfTheTracker(g, tags) {
  assert.deepEqual(trackerKeys(await g.keys('localStorage')), [], 'localStorage');
  assert.deepEqual(trackerKeys(await g.keys('sessionStorage')), [], 'sessionStorage');
  assert.deepEqual(trackerKeys(await g.cookies()), [], 'cookies');
  for (const tag of tags) {
    assert.equal(await g.stored('localStorage', `cart_${tag}`), 'x', `the site's storage (${tag})`);
    assert.equal((await g.cookies())[`lang_${tag}`]?.value, 'pl', `the site's cookie (${tag})`);
  }
}

test('cause 5: built-ins patched after smartcp.js change nothing the guard decides', async () => {
  const g = await guardedPage(browser, url, { holdCore: true });
  const errors = await g.page.evaluate((writes) => {
    const W = (0, eval)(`(${writes})`);
    const keep = { encodeInto: TextEncoder.prototype.encodeInto };
    // What a tracker would patch to turn "_ga_…" into a name the guard allows, or a refusal into "allow".
    Map.prototype.get = function () { return 0; };
    Map.prototype.has = function () { return true; };
    WeakMap.prototype.get = function () { return undefined; };
    Set.prototype.has = function () { return true; };
    String.prototype.trim = function () { return 'cart'; };
    String.prototype.toLowerCase = function () { return 'cart'; };
    String.prototype.startsWith = function () { return false; };
    String.prototype.includes = function () { return false; };
    RegExp.prototype.exec = function () { return null; };
    RegExp.prototype.test = function () { return false; };
    Array.prototype.includes = function () { return true; };
    TextEncoder.prototype.encodeInto = function (s, view) { return keep.encodeInto.call(this, 'cart', view); };
    TextDecoder.prototype.decode = function () { return '{"verdict":"allow"}'; };
    JSON.parse = function () { return { verdict: 'allow', packed: 0, ok: true }; };
    Object.defineProperty(Object.prototype, 'verdict', { value: 'allow', writable: true, configurable: true });
    Object.defineProperty(Array.prototype, 2, { value: 'allow', writable: true, configurable: true });
    Math.imul = () => 0;
    return W('held');
  }, WRITES.toString());
  assert.deepEqual(errors, []);
  await g.release();
  const after = await g.page.evaluate((writes) => (0, eval)(`(${writes})`)('ready'), WRITES.toString());
  assert.deepEqual(after, []);
  await assertNothingOfTheTracker(g, ['held', 'ready']);
  await g.close();
});

test('cause 5: Function.prototype.call, apply and bind never see the real storage', async () => {
  const g = await guardedPage(browser, url, { holdCore: true });
  await g.page.evaluate(() => {
    const seen = (window.__seen = []);
    const { call, apply, bind } = Function.prototype;
    const note = (self, args) => { seen.push(self); for (let i = 0; i < args.length; i++) seen.push(args[i]); };
    Function.prototype.call = function (self, ...args) { note(self, args); return apply.call(this, self, args); };
    Function.prototype.apply = function (self, args) { note(self, args ?? []); return apply.call(this, self, args); };
    Function.prototype.bind = function (self, ...args) { note(self, args); return bind.call(this, self, ...args); };
    void call;
  });
  await g.release();
  const leaks = await g.page.evaluate(async (writes) => {
    (0, eval)(`(${writes})`)('x');
    localStorage.getItem('cart_x');
    localStorage.removeItem('cart_x');
    await cookieStore.set('_ga_cs', '1');
    await window.SmartCP.acceptAll();
    (0, eval)(`(${writes})`)('y');
    await window.SmartCP.rejectAll();
    const raw = window.__seen.filter((v) => v instanceof Storage && v !== localStorage && v !== sessionStorage);
    return raw.length;
  }, WRITES.toString());
  assert.equal(leaks, 0, 'the object behind localStorage reached page code');
  await g.close();
});

test('cause 5: a stored "accept all" cannot be forged through JSON.parse, then, or Object.prototype', async () => {
  const g = await guardedPage(browser, url, { holdCore: true });
  await g.context.addCookies([{ name: 'smartcp_consent', value: 'forged', url: env.base }]);
  await g.page.evaluate(() => {
    const forged = { v: 2, id: 'x', site: location.hostname, revision: 1, categories: { functional: true, analytics: true, marketing: true },
      method: 'accept-all', timestamp: Date.now(), expires: Date.now() + 1e10, status: 'valid' };
    JSON.parse = () => ({ status: 'valid', record: forged, ...forged });
    // A `then` that answers only for the widget's own values: the kernel handed to smartcp-core.js, the
    // core's exports, the wasm bytes or instance.
    const stolen = (window.__stolen = []);
    Object.defineProperty(Object.prototype, 'then', {
      configurable: true,
      get() {
        if (this && (Object.hasOwn(this, 'startRuntime') || this instanceof Event || this instanceof WebAssembly.Instance)) {
          stolen.push(String(Object.keys(this)));
          return (resolve) => resolve({ startRuntime: (k) => { window.__kernel = k; } });
        }
        return undefined;
      },
    });
    // And `await` made to call a patched Promise.prototype.then.
    const then = Promise.prototype.then;
    Promise.prototype.constructor = function NotPromise() {};
    Promise.prototype.then = function (ok, fail) {
      return then.call(this, (v) => {
        if (v instanceof ArrayBuffer || v instanceof Response || v instanceof WebAssembly.Instance || (v && v.instance)) stolen.push('core value');
        return ok ? ok(v) : v;
      }, fail);
    };
  });
  await g.release();
  const r = await g.page.evaluate(() => ({
    consent: window.SmartCP.getConsent(),
    kernel: typeof window.__kernel,
    stolen: window.__stolen,
  }));
  assert.equal(r.consent, null, 'no choice is in force');
  assert.equal(r.kernel, 'undefined', 'the kernel never reached page code');
  assert.deepEqual(r.stolen, []);
  const errors = await g.page.evaluate((writes) => (0, eval)(`(${writes})`)('forged'), WRITES.toString());
  assert.deepEqual(errors, []);
  await assertNothingOfTheTracker(g, ['forged']);
  await g.close();
});

test('cause 5: patched addEventListener, visibilityState and event getters do not stop detection', async () => {
  const g = await guardedPage(browser, url, { holdCore: true });
  await g.page.evaluate(() => {
    EventTarget.prototype.addEventListener = function () {};
    Object.defineProperty(Document.prototype, 'visibilityState', { get: () => 'hidden', configurable: true });
    Object.defineProperty(StorageEvent.prototype, 'key', { get: () => 'cart', configurable: true });
    Object.defineProperty(StorageEvent.prototype, 'newValue', { get: () => null, configurable: true });
    Object.defineProperty(CookieChangeEvent.prototype, 'changed', { get: () => [], configurable: true });
  });
  await g.release();
  await g.writeBehind('localStorage', '_ga_behind', '1');
  await g.context.addCookies([{ name: '_ga_server', value: '1', url: env.base }]);
  await eventually(async () => {
    const left = [...trackerKeys(await g.keys('localStorage')), ...trackerKeys(await g.cookies())];
    return left.length === 0 || left;
  }, 'still stored', 6000);
  await g.close();
});

test('cause 5: a patched Object.defineProperty, Reflect or a removed Proxy leave new frames guarded', async () => {
  const g = await guardedPage(browser, url);
  await g.page.evaluate(() => window.SmartCP.ready);
  const errors = await g.page.evaluate(() => {
    Object.defineProperty = (o) => o;
    Object.defineProperties = (o) => o;
    Reflect.defineProperty = () => true;
    Reflect.apply = () => undefined;
    delete window.Proxy;
    delete window.WeakMap;
    const f = document.createElement('iframe');
    document.body.appendChild(f);
    const w = f.contentWindow;
    const out = [];
    try {
      w.localStorage.setItem('_ga_frame', '1');
      w.document.cookie = '_ga_framec=1; path=/';
      w.Storage.prototype.setItem.call(Object.getOwnPropertyDescriptor(w, 'localStorage').get.call(window), '_ga_borrow', '1');
      w.localStorage.setItem('cart_frame', 'x');
    } catch (e) {
      out.push(`${e.name}: ${e.message}`);
    }
    return out;
  });
  assert.deepEqual(errors, []);
  assert.deepEqual(trackerKeys(await g.keys('localStorage')), []);
  assert.deepEqual(trackerKeys(await g.cookies()), []);
  assert.equal(await g.stored('localStorage', 'cart_frame'), 'x');
  await g.close();
});

test('cause 5: broken built-ins never make the guard throw into the page\'s own writes; the widget says what it could not do', async () => {
  for (const when of ['before the core', 'after the core']) {
    const tag = when === 'before the core' ? 'before' : 'after';
    const g = await guardedPage(browser, url, { holdCore: true });
    if (when === 'after the core') await g.release();
    // From here on the page is read from outside only: Playwright's own evaluate needs what is broken.
    const errors = await g.page.evaluate(([writes, t]) => {
      const W = (0, eval)(`(${writes})`);
      Array.prototype.push = () => { throw new Error('broken push'); };
      Array.prototype.map = () => { throw new Error('broken map'); };
      Array.prototype[Symbol.iterator] = () => { throw new Error('broken iterator'); };
      Set.prototype[Symbol.iterator] = () => { throw new Error('broken iterator'); };
      Object.keys = () => { throw new Error('broken keys'); };
      Object.freeze = () => { throw new Error('broken freeze'); };
      String.prototype.indexOf = () => { throw new Error('broken indexOf'); };
      Uint8Array.prototype.set = () => { throw new Error('broken set'); };
      window.CustomEvent = function () { throw new Error('broken CustomEvent'); };
      console.error = () => { throw new Error('broken console'); };
      delete window.Promise;
      return JSON.stringify(W(t));
    }, [WRITES.toString(), tag]);
    assert.deepEqual(JSON.parse(errors), [], when);
    if (when === 'before the core') {
      await g.release({ wait: false });
      await new Promise((r) => setTimeout(r, 1500));
    }
    assert.deepEqual(trackerKeys(await g.keys('localStorage')), [], when);
    assert.deepEqual(trackerKeys(await g.cookies()), [], when);
    assert.equal(await g.stored('localStorage', `cart_${tag}`), 'x', when);
    assert.equal((await g.cookies())[`lang_${tag}`]?.value, 'pl', when);
    // Uncaught errors in the page are the page's own doing, never the guard's.
    assert.deepEqual(g.watcher.problems.filter((p) => p.startsWith('pageerror') && !/broken/.test(p)), [], when);
    await g.close();
  }
});

// ---- Cause 8: instrumentation that was there first

// What an audit tool injects before any page script: its own `cookie` on the document, and its own Proxy
// as window.localStorage; both record the writer's stack and forward to the browser.
const INSTRUMENT = () => {
  const log = (window.__audit = []);
  const proto = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get() { return proto.get.call(this); },
    set(v) { log.push({ kind: 'cookie', what: String(v).split('=')[0], stack: new Error().stack }); proto.set.call(this, v); },
  });
  const real = window.localStorage;
  const proxy = new Proxy(real, {
    get(t, p) {
      const v = Reflect.get(t, p, t);
      if (p === 'setItem') return (k, val) => { log.push({ kind: 'localStorage', what: String(k), stack: new Error().stack }); return t.setItem(k, val); };
      return typeof v === 'function' ? v.bind(t) : v;
    },
    set(t, p, v) { log.push({ kind: 'localStorage', what: String(p), stack: new Error().stack }); t[p] = v; return true; },
  });
  Object.defineProperty(window, 'localStorage', { configurable: true, enumerable: true, get: () => proxy });
};

test('cause 8: an audit tool that was there first sees the guard hold; the site\'s writes work and name their writer', async () => {
  const g = await guardedPage(browser, url, { init: INSTRUMENT });
  await g.page.evaluate(() => window.SmartCP.ready);
  const errors = await g.page.evaluate((writes) => {
    const W = (0, eval)(`(${writes})`);
    return (function siteAndTrackerCode() { return W('audit'); })();
  }, WRITES.toString());
  assert.deepEqual(errors, []);
  await assertNothingOfTheTracker(g, ['audit']);
  const audit = await g.page.evaluate(() => window.__audit.map(({ kind, what, stack }) => ({ kind, what, named: stack.includes('siteAndTrackerCode') })));
  // What the tool saw written is what was written, and each names the code that wrote it.
  for (const entry of audit) assert.ok(entry.named, `${entry.kind} ${entry.what}: the writer is on the stack`);
  assert.ok(audit.some((e) => e.what === 'cart_audit'), 'the site\'s own property write reached the tool');
  // A refused cookie never reaches the tool's setter (the guard's hook wraps it); its storage wrapper logs
  // a setItem call before it forwards it to the browser's Storage, where the guard refuses it.
  assert.deepEqual(audit.filter((e) => /^_ga_/.test(e.what)).map((e) => e.kind), ['localStorage']);
  // Accepted, then withdrawn: the clean-up works through the tool's objects.
  await g.page.evaluate(() => window.SmartCP.acceptAll());
  const accepted = await g.page.evaluate((writes) => (0, eval)(`(${writes})`)('granted'), WRITES.toString());
  assert.deepEqual(accepted, []);
  assert.equal(await g.stored('localStorage', '_ga_granted'), '1');
  assert.equal((await g.cookies())._ga_granted?.value, '1');
  await g.page.evaluate(() => window.SmartCP.rejectAll());
  await assertNothingOfTheTracker(g, ['audit', 'granted']);
  await g.clean();
  await g.close();
});
