// What runs once smartcp-core.js has arrived (on a first visit smartcp.js asks for it once the banner,
// which the controls start from the config it read, is painted: js/controls-start.js): the core, then
// everything it decides: the gate opens (held writes are decided), held scripts and requests follow the consent in force, the clean-up sweeps and watches, the integrations
// start, and window.SmartCP answers. Every change of the choice, here or in another tab, goes through
// changed(): decisions, clean-up, what the visitor sees, the vendors, the other tabs, events.
import { createEngine } from '../engine.js';
import { loadCore } from './load-core.js';
import { createDecider } from './decider.js';
import { createSweeper } from './sweeper.js';
import { createObserved } from './observed.js';
import { createConsentState } from '../consent-state.js';
import { platformSignal } from '../early.js';

const NONE = { __proto__: null, functional: true, analytics: false, marketing: false };

/**
 * @param {object} k the kernel smartcp.js hands over (js/loader.js); k.fail(error) closes the widget
 *
 * No `await` and no Promise.all or race: by now page code may have replaced Promise.prototype.then, the
 * `constructor` that `await` checks, or the combinators. Promises are chained with the captured `then`,
 * and what they carry stays in variables of ours (a page's `then` could otherwise hand us a core of its own).
 */
export function startRuntime(k) {
  const { I, win, api, gate, hosts, holds, realms, early } = k;
  const doc = win.document;
  const then = (promise, done, failed) => I.promiseThen(promise, done, failed);
  const guarded = (fn) => (value) => {
    try {
      fn(value);
    } catch (error) {
      k.fail(error);
    }
  };
  let engine = null;
  let state = null;
  let runtime = null;
  let ui = null;
  let catalogFor = null;

  // The controls and the banner were started by smartcp.js (js/controls-start.js); what they need of the
  // runtime is handed over here.
  k.late.catalog = (lang) => catalogFor(lang);
  k.late.record = () => state?.record() ?? null;
  k.late.choose = (method, analytics, marketing, proof) => runtime.choose(method, analytics, marketing, proof);
  const controlsReady = new I.Promise((resolve, reject) => then(k.controls, (c) => {
    ui = c.ui;
    resolve();
  }, reject));
  /** fn(controls) once they are there; a promise of what it returns. */
  const withControls = (fn) => new I.Promise((resolve, reject) => then(controlsReady, () => {
    try {
      resolve(fn(ui));
    } catch (error) {
      reject(error);
    }
  }, reject));

  // What runs after the banner is painted goes in tasks short enough that a click meanwhile is answered
  // at once: the core's first calls compile its code as they go (lazily, on the main thread), so the
  // engine's creation and the configuration each get one. A hidden tab, whose timers are slowed, goes on
  // at once.
  const nextTask = (fn) => {
    if (I.visibility(doc) !== 'visible') fn();
    else I.setTimeout(guarded(fn), 0);
  };

  // The core at once: on a first visit this file itself was asked for only once the banner was painted.
  const integrationsModule = k.load('integrations');
  then(loadCore(I, k.base), guarded((exports) => {
    engine = createEngine(exports, I);
    nextTask(() => {
      const configured = engine.configure(k.configText);
      nextTask(() => coreArrived(configured));
    });
  }), k.fail);

  // One task from the consent in force to the gate opening and the API's runtime: nothing of the page runs
  // between. The first sweep, the watches, the integrations and `ready` follow in the next one.
  function coreArrived(configured) {
    for (let i = 0; i < configured.issues.length; i++) {
      const issue = configured.issues[i];
      I.warn(`SmartCP config: ${issue.path || '(config)'}: ${issue.message}`);
    }
    const config = configured.config;
    const decider = createDecider(I, engine, config.maxCookieDays);
    const top = realms.windows()[0];
    state = createConsentState({ I, win, engine, realm: top });
    state.load();
    const granted = () => state.record()?.categories ?? NONE;
    const bits = () => 1 | (granted().analytics ? 2 : 0) | (granted().marketing ? 4 : 0);
    const observed = createObserved({ I, engine, decider, store: top.storage.localStorage, debug: config.debug });
    // The consent in force reaches the decisions, the host list and the held elements.
    const applyConsent = () => {
      decider.setConsent(granted().analytics, granted().marketing);
      hosts.setGranted(granted());
      holds.release(bits());
    };
    applyConsent();
    gate.open(decider.decide);
    const sweeper = createSweeper({ I, engine, decider, realms, scopes: k.scopes, onError: (e) => api.emit('error', { message: I.String(e?.message ?? e) }) });

    // The dialog's entries: the vendors configured, the site's own, the platforms it declares, the built-in
    // keys it wrote here in this browser, and the platforms whose scripts or requests were held.
    catalogFor = (lang) => {
      const catalog = engine.catalog(lang);
      const listed = I.create(null);
      for (let i = 0; i < catalog.entries.length; i++) listed[catalog.entries[i].name] = true;
      const seen = observed.seen();
      for (let i = 0; i < seen.length; i++) {
        const entry = engine.describe(seen[i], lang);
        if (entry && !listed[entry.name]) {
          listed[entry.name] = true;
          entry.observed = true;
          entry.builtin = true;
          entry.fields = {};
          catalog.entries[catalog.entries.length] = entry;
        }
      }
      catalog.held = heldPlatforms();
      return catalog;
    };
    const heldPlatforms = () => {
      const out = [];
      const by = I.create(null);
      const blocked = api.api.blocked();
      for (let i = 0; i < blocked.length; i++) {
        const b = blocked[i];
        if ((b.kind !== 'script' && b.kind !== 'request') || !b.platform || by[b.platform]) continue;
        by[b.platform] = true;
        out[out.length] = { platform: b.platform, category: b.category };
      }
      return out;
    };

    let integrations = null;
    const unlogged = [];
    const lang = () => ui?.lang() ?? config.lang;
    const categoriesNow = () => I.stringify(state.record()?.categories ?? null);
    let consent = null;  // what getConsent() gives: the same object until the choice changes
    let consentOf = null;
    const currentConsent = () => {
      const record = state.record();
      if (record !== consentOf) {
        consentOf = record;
        consent = record ? I.freeze({
          id: record.id, revision: record.revision, categories: I.freeze({ ...record.categories }), method: record.method,
          timestamp: record.timestamp, expires: record.expires,
        }) : null;
      }
      return consent;
    };
    const changed = (before, local) => {
      const record = state.record();
      applyConsent();
      sweeper.sweep();
      ui?.changed();
      integrations?.apply(granted());
      for (let s = 1; s < k.signalled.length; s++) if (k.signalled[s]) platformSignal(win, s, granted(), true);
      const now = currentConsent();
      if (local) {
        integrations?.announce();  // the other tabs read the choice again
        if (record) {
          if (integrations) integrations.log(record);
          else unlogged[unlogged.length] = record;  // chosen before the integrations module arrived
          api.emit('consent', now);
        }
      }
      if (categoriesNow() !== before) api.emit('change', now);
      return now;
    };
    // Another tab may have changed the stored choice.
    const reread = () => {
      const before = categoriesNow();
      if (state.load()) changed(before, false);
    };

    runtime = {
      getConsent: currentConsent,
      getRecord: state.record,
      isAllowed(name, kind) {
        const KINDS = { cookie: 0, localStorage: 1, sessionStorage: 2, indexedDB: 3, cacheStorage: 4 };
        return (decider.packed(name, KINDS[kind]) & 3) !== 2;
      },
      observed: (list) => observed.list(list),
      choose(method, analytics, marketing, proof = { lang: lang(), textHash: '' }) {
        const before = categoriesNow();
        state.choose(method, analytics, marketing, proof);
        return changed(before, true);
      },
      reset() {
        const before = categoriesNow();
        state.reset();
        changed(before, true);
      },
      show: () => withControls((c) => c.show()),
      showPreferences: () => withControls((c) => c.showPreferences()),
      hide: () => withControls((c) => c.hide()),
      setLanguage: (next) => withControls((c) => c.setLanguage(next)),
    };
    api.attach(runtime);

    // Global Privacy Control under "gpc": "all" answers every question: recorded without asking.
    if (!state.record() && engine.gpc(win.navigator.globalPrivacyControl === true).complete) {
      runtime.choose('gpc', false, false);
    }
    nextTask(started);

    function started() {
      sweeper.sweep();
      sweeper.watch(win);
      k.setRealmListener((w) => sweeper.watchWindow(w));
      k.setScopesListener(sweeper.saveScopesSoon);
      const windows = realms.windows();
      for (let i = 0; i < windows.length; i++) sweeper.watchWindow(windows[i].win);
      const integrationsFailed = k.report('the integrations could not load');
      then(integrationsModule, (m) => {
        try {
          integrations = m.createIntegrations({
            win, config, nonce: k.nonce, trusted: k.trusted, signals: () => engine.consentMode(), reread,
            warn: (message) => I.warn(`SmartCP: ${message}`),
          });
          integrations.apply(granted());
          for (let i = 0; i < unlogged.length; i++) integrations.log(unlogged[i]);
          unlogged.length = 0;
        } catch (error) {
          integrationsFailed(error);
        }
      }, integrationsFailed);
      if (config.debug) {
        I.setTimeout(() => observed.printUnknown(gate.observed()), 2000);
        then(k.load('debug'), (m) => m.startDebugLog({ I, engine, api: api.api }), k.report('the debug log could not start'));
      }
      // The core's config reaches the controls before `ready` resolves: whatever waited for the core (a click on
      // "preferences" meanwhile) then sees it, not the provisional one.
      ui?.update(config);
      k.resolveReady();
      api.emit('ready', currentConsent());
      then(controlsReady, () => {
        try {
          ui.update(config);  // controls that arrived after the core (update is idempotent)
          then(I.resolved(ui.start()), null, () => {});
        } catch {
          // reported where the controls failed
        }
      }, () => {});
    }
  }
}
