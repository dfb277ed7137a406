// dist/smartcp.js: the one script a site owner adds, first thing in <head>. Its first line captures the
// built-ins it will rely on; then the guard is set up on this window and, as they appear, on every
// same-origin frame and popup: every cookie, Web Storage, cookieStore, IndexedDB and Cache API write goes
// through one gate, and scripts and requests to trackers wait for their category. Until the core (fetched
// asynchronously from next to this script) can decide, the pre-decider lets the site's own writes through
// and holds the rest. If the core cannot load, the widget stays closed for what may need consent, says so,
// and never throws into the page. What runs once the core is up is in smartcp-core.js.
import { captureIntrinsics } from './intrinsics.js';
import { readConfig } from './config-source.js';
import { createPrefilter } from './guard/prefilter.js';
import { createGate } from './guard/gate.js';
import { createHostMatcher } from './guard/hosts.js';
import { createHolds } from './guard/elements.js';
import { createStorageRegistry } from './guard/web-storage.js';
import { createRealms } from './guard/realms.js';
import { createApi } from './api.js';
import { runEarly, platformSignal } from './early.js';
import { storedConsent } from './consent-state.js';
import { createModules } from './modules.js';
import { createTrusted } from './trusted-types.js';
import { reserveDeclaration } from './declaration-space.js';
import { HOST_PLATFORMS } from './generated/known.js';
import { LANGUAGES } from './generated/locales.js';

function start(win) {
  const I = captureIntrinsics(win);
  const doc = win.document;
  if (win.SmartCP) return;  // added twice: the first one stays in charge
  const script = I.currentScript(doc);
  const base = script?.src ? new URL('.', script.src).href : './';
  const nonce = script?.nonce;
  const { text: configText, early } = readConfig(doc, script);
  const errors = [];
  let emit = () => {};
  // An error's message, whatever it is (a page's object whose message getter throws included).
  const messageOf = (error) => {
    try {
      return I.String(error?.message ?? error);
    } catch {
      return 'an error that cannot be read';
    }
  };
  const report = (what) => (error) => {
    I.error(`SmartCP: ${what}`, error);
    emit('error', { message: messageOf(error) });
  };
  const onError = (error) => {
    if (errors.length < 50) errors[errors.length] = error;
    emit('error', { message: messageOf(error) });
  };

  // The visible parts are fetched first, while the guard is set up below (most of this script's run), so
  // that the banner's code is on its way meanwhile. The controls (smartcp-reopen.js) are asked for before
  // the first read of the cookies, which waits for the browser's cookie store; the banner's code after it,
  // only when no choice is stored. The consent cookie is read with the document's own getter: nothing is
  // guarded yet, and nothing of the page has run since.
  const trusted = createTrusted(win);
  const load = createModules(I, win, base, nonce, trusted);
  const fetched = (name) => {
    const part = load(name);
    part.catch(() => {});  // reported where it is used
    return part;
  };
  const controlsModule = fetched('reopen');
  const stored = storedConsent(I, { __proto__: null, win, cookie: I.getOwnPropertyDescriptor(win.Document.prototype, 'cookie') }) !== '';
  const uiModule = stored ? null : fetched('ui');
  // With it the language file of a built-in language <html lang> names, not a round trip later: a guess
  // that smartcp-reopen.js (which asks for the file the page turns out to need) makes right or ignores.
  const named = /^([a-z]{2})(?![a-z])/i.exec(doc.documentElement?.lang ?? '')?.[1].toLowerCase();
  if (!stored && LANGUAGES.includes(named)) fetched(`texts-${named}`);

  // What was refused, for SmartCP.blocked() and the `blocked` event.
  const blocked = [];
  const record = (entry) => {
    if (blocked.length < 1000) blocked[blocked.length] = entry;
    emit('blocked', entry);
  };
  const gate = createGate(I, { mayNeedConsent: createPrefilter(I, early), onBlocked: record, onError });
  const hosts = createHostMatcher(I, early, () => I.baseUri(win.document));
  const requestBlocked = (kind, held) => record({
    __proto__: null, name: held.url, kind, category: held.bits & 2 ? 'analytics' : 'marketing', reason: 'not-granted',
    time: I.now(), platform: HOST_PLATFORMS[held.platform] ?? null,
  });
  // A platform with a consent call of its own whose script loads (allowed by the site) gets the call before
  // its first event; the runtime gives it again on every change.
  const signalled = [false, false, false, false, false];  // by signal
  const holds = createHolds(I, hosts, trusted, requestBlocked, (url) => {
    const signal = hosts.signal(url);
    if (!signal) return;
    signalled[signal] = true;
    platformSignal(win, signal, { analytics: (hosts.granted & 2) !== 0, marketing: (hosts.granted & 4) !== 0 }, false);
  });
  // Where allowed cookies were written (name -> "domain\npath" scopes), so withdrawal deletes them there.
  const scopes = I.create(null);
  let scopeCount = 0;
  const remember = (name, scope) => {
    let list = scopes[name];
    if (!list) {
      if (scopeCount >= 300) return;  // a bounded record: a site writing ever new names does not grow it
      scopeCount++;
      list = scopes[name] = [];
    }
    for (let i = 0; i < list.length; i++) if (list[i] === scope) return;
    if (list.length < 8) list[list.length] = scope;
    scopesChanged();
  };
  let scopesChanged = () => {};
  let onRealm = () => {};
  const realms = createRealms({
    gate, holds, hosts, registry: createStorageRegistry(I), remember, blocked: requestBlocked, onError,
    onRealm: (w) => onRealm(w),
    declaration: (w, el) => reserveDeclaration(w, el, (key) => realms.windows()[0]?.storage.localStorage?.get(key) ?? null),
  });
  realms.guard(win, I);

  let resolveReady;
  let rejectReady;
  const ready = new I.Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });
  ready.catch(() => {});  // a failed start is reported through `error`, not as an unhandled rejection
  const api = createApi(win, { ready, blocked, observed: () => gate.observed() });
  emit = api.emit;
  I.defineProperty(win, 'SmartCP', { __proto__: null, value: api.api, enumerable: true });

  runEarly(win, early);  // Consent Mode's default and the vendors' stubs, before the page's own scripts

  // Closed: what may need consent is refused from now on; the site's own writes keep working.
  let failed = false;
  const fail = (error) => {
    if (failed) return;
    failed = true;
    gate.fail();
    report('the consent core could not start; storage that needs consent stays closed.')(error);
    rejectReady(error);
  };
  // Chained with the captured `then`: the kernel handed to the controls and the runtime never passes
  // through page code. `late` is what the runtime gives the controls once it starts.
  const kernel = {
    __proto__: null, I, win, base, nonce, trusted, configText, early, stored, gate, hosts, holds, realms, scopes, signalled, errors, api, ready,
    resolveReady, report, fail, load: fetched, uiModule, setRealmListener: (fn) => { onRealm = fn; }, setScopesListener: (fn) => { scopesChanged = fn; },
    late: { __proto__: null, record: () => null },
  };
  kernel.controls = I.promiseThen(controlsModule, (m) => m.startControls(kernel));
  I.promiseThen(kernel.controls, null, report('the banner could not be shown'));
  // smartcp-core.js: at once for a returning visitor; on a first visit once the banner is painted (or will
  // not be), so that it shares neither the network nor the main thread with the banner. Settled through a
  // promise of ours: nothing the page put on Promise.prototype is asked.
  const coreModule = new I.Promise((resolve, reject) => {
    const go = () => I.promiseThen(fetched('core'), resolve, reject);
    if (!uiModule) go();
    else I.promiseThen(kernel.controls, (c) => I.promiseThen(c.bannerUp, go, go), go);
  });
  I.promiseThen(coreModule, (core) => {
    try {
      core.startRuntime(kernel);
    } catch (error) {
      fail(error);
    }
  }, fail);
}

try {
  start(window);
} catch (error) {
  window.console?.error?.('SmartCP: could not start', error);
}
