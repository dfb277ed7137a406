// dist/smartcp.js: the one script a site owner adds, first thing in <head>. From its first line no
// write that could need consent reaches storage: the guard holds writes until the core (loaded
// asynchronously from next to this script) can decide. If the core cannot load, the widget stays
// closed (nothing optional is ever written), says so in the console and through the `error` event,
// and never throws into the page. What the visitor sees and the vendors are scripts of their own
// (js/modules.js), fetched beside the core, so that this script stays small.
import { guardWindowAndFrames } from './frames.js';
import { coreDecide } from './decide.js';
import { createSweeper } from './cleanup.js';
import { createApi } from './api.js';
import { readConfig } from './config-source.js';
import { runEarly } from './early.js';
import { createConsentState, storedConsent } from './consent-state.js';
import { loadCore } from './load-core.js';
import { loadModule } from './modules.js';

function start(win) {
  const doc = win.document;
  if (win.SmartCP) return;  // added twice: the first one stays in charge
  const script = doc.currentScript;
  const base = script?.src ? new URL('.', script.src).href : './';
  const nonce = script?.nonce;
  // The visible parts are fetched first of all, before the guard is set up: nothing of the page runs
  // until this script returns, and the banner is on the critical path.
  const importModule = (name) => {
    const module = loadModule(win, base, name, nonce);
    module.catch(() => {});  // reported where it is used
    return module;
  };
  const { text: configText, early } = readConfig(doc, script);
  const stored = storedConsent({ getCookie: () => doc.cookie }) !== '';  // the guard is not there yet
  const controlsModule = importModule('reopen');
  const uiModule = stored ? null : importModule('ui');
  const blocked = [];
  let decide = () => undefined;  // the core is not ready: hold every write
  let emit = () => {};
  let resolveReady;
  let rejectReady;
  const ready = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });
  ready.catch(() => {});  // a failed start is reported through `error`, not as an unhandled rejection

  const guard = guardWindowAndFrames(win, {
    decide: (write) => decide(write),
    onBlocked: (b) => {
      if (blocked.length < 1000) blocked.push(b);
      emit('blocked', b);
    },
    onError: (error) => emit('error', { message: String(error?.message ?? error) }),
  });
  const public_ = createApi(win, { ready, blocked });
  emit = public_.emit;
  Object.defineProperty(win, 'SmartCP', { value: public_.api, enumerable: true });

  runEarly(win, early);  // Consent Mode's default and the vendors' stubs, before the page's own scripts

  const report = (what) => (error) => {
    win.console?.error?.(`SmartCP: ${what}`, error);
    emit('error', { message: String(error?.message ?? error) });
  };
  // Set once the core is ready; until then the visible parts work from the config as parsed here.
  let engine = null;
  let state = null;
  let runtime = null;
  let ui = null;
  const controls = controlsModule.then(({ createUiControl }) => createUiControl({
    win, baseUrl: base, nonce, early, ready,
    catalog: (lang) => JSON.parse(engine.catalog(lang)),
    getRecord: () => state?.record() ?? null,
    // A choice made on the banner before the core is ready is recorded as soon as it is.
    choose: (method, analytics, marketing, proof) => ready
      .then(() => runtime.choose(method, analytics, marketing, proof))
      .catch(report('the choice could not be recorded')),
    onSiteAction: (action) => (action === 'accept-all' ? public_.api.acceptAll() : public_.api.rejectAll()).catch(() => {}),
    onError: report('the banner could not be shown'),
  }));
  controls.then((c) => { ui = c; }, report('the banner could not be shown'));
  // No stored choice: the banner is shown first, from the config as parsed here, and the core (most of
  // the bytes) is fetched once it is up, so that the two do not share the network. Under "gpc": "all"
  // with the signal, the choice is made without asking, so there is no banner to show.
  const firstVisit = !stored && !(early.gpc === 'all' && win.navigator.globalPrivacyControl === true);
  // After the frame that paints the banner; a tab in the background paints nothing, so it does not wait.
  const painted = () => new Promise((resolve) => {
    if (doc.hidden) resolve();
    else win.requestAnimationFrame(() => win.setTimeout(resolve, 0));
  });
  const bannerUp = firstVisit
    ? Promise.race([
      Promise.all([controls, uiModule]).then(([c]) => c.start()).then(painted),  // the core's work waits for the paint
      new Promise((resolve) => { win.setTimeout(resolve, 3000); }),  // a slow banner does not hold the core back
    ]).catch(() => {})
    : Promise.resolve();
  const integrationsModule = bannerUp.then(() => importModule('integrations'));

  (async () => {
    await bannerUp;
    const core = await loadCore(win, base, nonce);
    engine = new core.Engine();
    const configured = JSON.parse(engine.configure(configText));
    for (const issue of configured.issues) {
      win.console?.warn?.(`SmartCP config: ${issue.path || '(config)'}: ${issue.message}`);
    }
    const config = configured.config;
    const decider = coreDecide(core, engine);
    const sweeper = createSweeper({ win, engine, native: guard.native, onError: report('clean-up failed') });
    state = createConsentState({ win, engine, native: guard.native });
    state.load();
    const granted = () => state.record()?.categories ?? { functional: true, analytics: false, marketing: false };
    decider.setConsent(granted().analytics, granted().marketing);
    decide = decider.decide;

    let integrations = null;
    const unlogged = [];
    const lang = () => ui?.lang() ?? config.lang;  // the controls know the language shown
    // After every change of the choice in force, here or in another tab: the guard's decisions, the
    // clean-up they imply (withdrawal deletes), what the visitor sees, the vendors, the other tabs, events.
    const categoriesNow = () => JSON.stringify(state.record()?.categories ?? null);
    const changed = (before, local) => {
      const record = state.record();
      decider.setConsent(granted().analytics, granted().marketing);
      sweeper.sweep();
      ui?.changed();
      integrations?.apply(granted());
      const consent = public_.api.getConsent();
      if (local) {
        integrations?.announce();  // the other tabs read the choice again
        if (record) {
          if (integrations) integrations.log(record);
          else unlogged.push(record);  // chosen before the integrations module arrived
          emit('consent', consent);
        }
      }
      if (categoriesNow() !== before) emit('change', consent);
      return consent;
    };
    // Another tab may have changed the stored choice.
    const reread = () => {
      const before = categoriesNow();
      if (state.load()) changed(before, false);
    };

    runtime = {
      getRecord: state.record,
      isAllowed: (name, kind) => decider.decide({ kind, name, value: '', cookie: `${name}=` }).verdict !== 'refuse',
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
      show: () => controls.then((c) => c.show()),
      showPreferences: () => controls.then((c) => c.showPreferences()),
      hide: () => controls.then((c) => c.hide()),
      setLanguage: (next) => controls.then((c) => c.setLanguage(next)),
    };
    public_.attach(runtime);

    // Global Privacy Control under `"gpc": "all"` answers every question: recorded without asking.
    if (!state.record() && JSON.parse(engine.gpc(win.navigator.globalPrivacyControl === true)).complete) {
      runtime.choose('gpc', false, false);
    }
    guard.flush();
    sweeper.sweep();
    sweeper.watch();
    integrationsModule.then(({ createIntegrations }) => {
      integrations = createIntegrations({
        win, config, nonce, signals: () => JSON.parse(engine.consentMode()), reread,
        warn: (message) => win.console?.warn?.(`SmartCP: ${message}`),
      });
      integrations.apply(granted());
      unlogged.splice(0).forEach(integrations.log);
    }).catch(report('the integrations could not load'));
    // The core's config reaches the controls before `ready` resolves: whatever waited for the core
    // (a click on "preferences" meanwhile) then sees it, not the provisional one.
    ui?.update(config);
    resolveReady();
    emit('ready', public_.api.getConsent());
    controls.then((c) => {
      c.update(config);  // controls that arrived after the core (update is idempotent)
      return c.start();
    }).catch(() => {});
  })().catch((error) => {
    // Closed: held writes stay in memory, nothing optional is ever stored.
    report('the consent core could not start; storage stays closed.')(error);
    rejectReady(error);
  });
}

try {
  start(window);
} catch (error) {
  window.console?.error?.('SmartCP: could not start', error);
}
