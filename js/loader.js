// dist/smartcp.js: the one script a site owner adds, first thing in <head>. From its first line no
// write that could need consent reaches storage: the guard holds writes until the core (loaded
// asynchronously from next to this script) can decide. If the core cannot load, the widget stays
// closed (nothing optional is ever written), says so in the console and through the `error` event,
// and never throws into the page.
import { guardWindowAndFrames } from './frames.js';
import { coreDecide } from './decide.js';
import { createSweeper } from './cleanup.js';
import { createApi } from './api.js';
import { pickLanguage } from './i18n.js';

const CONSENT_COOKIE = 'smartcp_consent';

// The config: <script type="application/json" id="smartcp-config">, completed by the script tag's
// data attributes. Passed to the core as text, so that broken JSON is reported by the core with the rest.
function readConfig(doc, script) {
  const text = doc.getElementById('smartcp-config')?.textContent ?? '';
  const data = script?.dataset ?? {};
  if (!data.smartsuppKey && !data.smartlookKey && !data.lang) return text;
  let config;
  try {
    config = text.trim() ? JSON.parse(text) : {};
  } catch {
    return text;
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) return text;
  config.vendors ??= {};
  if (data.smartsuppKey && !config.vendors.smartsupp) config.vendors.smartsupp = { key: data.smartsuppKey };
  if (data.smartlookKey && !config.vendors.smartlook) config.vendors.smartlook = { key: data.smartlookKey };
  if (data.lang && !config.lang) config.lang = data.lang;
  return JSON.stringify(config);
}

// crypto.randomUUID exists only in secure contexts; a plain-http site still needs record ids.
function uuid(win) {
  if (win.crypto.randomUUID) return win.crypto.randomUUID();
  const b = win.crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function loadScript(doc, src, nonce) {
  return new Promise((resolve, reject) => {
    const el = doc.createElement('script');
    el.src = src;
    el.async = true;
    if (nonce) el.nonce = nonce;
    el.onload = resolve;
    el.onerror = () => reject(new Error(`could not load ${src}`));
    doc.head.append(el);
  });
}

function start(win) {
  const doc = win.document;
  if (win.SmartCP) return;  // added twice: the first one stays in charge
  const script = doc.currentScript;
  const base = script?.src ? new URL('.', script.src).href : './';
  const nonce = script?.nonce;
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

  const storedValue = () => {
    for (const part of guard.native.getCookie().split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name === CONSENT_COOKIE) return value.join('=');
    }
    return '';
  };
  // The visible parts are modules of their own, so that this script stays small. Without a stored
  // choice the banner will be needed: its code is fetched beside the core, not after it.
  const importModule = (file) => import(`${base}${file}`);
  const controlsModule = importModule('smartcp-reopen.js');
  controlsModule.catch(() => {});
  if (!storedValue()) importModule('smartcp-ui.js').catch(() => {});

  (async () => {
    await loadScript(doc, base + 'smartcp-core.js', nonce);
    const core = await win.SmartCPCore({ locateFile: (file) => base + file });
    const engine = new core.Engine();
    const configured = JSON.parse(engine.configure(readConfig(doc, script)));
    for (const issue of configured.issues) {
      win.console?.warn?.(`SmartCP config: ${issue.path || '(config)'}: ${issue.message}`);
    }
    const config = configured.config;
    const decider = coreDecide(core, engine);
    const sweeper = createSweeper({ win, engine, native: guard.native, onError: (e) => emit('error', { message: String(e) }) });

    const reportUiError = (error) => {
      win.console?.error?.('SmartCP: the banner could not be shown', error);
      emit('error', { message: String(error?.message ?? error) });
    };
    let record = null;
    const reading = JSON.parse(engine.readRecord(storedValue(), Date.now()));
    if (reading.status === 'valid') {
      record = reading.record;
    } else if (reading.status !== 'missing') {
      win.console?.info?.(`SmartCP: the stored choice is ${reading.status} (${reading.reason}); asking again`);
    }
    decider.setConsent(!!record?.categories.analytics, !!record?.categories.marketing);
    decide = decider.decide;

    // Every consent change is followed at once by the clean-up it implies (withdrawal deletes).
    const applyConsent = (analytics, marketing) => {
      decider.setConsent(analytics, marketing);
      sweeper.sweep();
    };
    const runtime = {
      getRecord: () => record,
      isAllowed: (name, kind) => decider.decide({ kind, name, value: '', cookie: `${name}=` }).verdict !== 'refuse',
      choose(method, analytics, marketing, proof = { lang: ui?.lang() ?? pickLanguage(win, config.lang), textHash: '' }) {
        const made = JSON.parse(engine.createRecord(JSON.stringify({
          id: uuid(win), method, analytics, marketing, now: Date.now(), lang: proof.lang, textHash: proof.textHash,
          gpc: win.navigator.globalPrivacyControl === true, secure: win.location.protocol === 'https:',
        })));
        if (!made.ok) throw new Error(made.error);
        const before = JSON.stringify(record?.categories ?? null);
        record = made.record;
        guard.native.setCookie(made.cookie);
        applyConsent(record.categories.analytics, record.categories.marketing);
        ui?.changed();
        const consent = public_.api.getConsent();
        emit('consent', consent);
        if (JSON.stringify(record.categories) !== before) emit('change', consent);
        return consent;
      },
      reset() {
        record = null;
        guard.native.setCookie(`${CONSENT_COOKIE}=; Max-Age=0; Path=/`);
        applyConsent(false, false);
        ui?.changed();
        emit('change', null);
      },
      show: () => controls.then((c) => c.show()),
      showPreferences: () => controls.then((c) => c.showPreferences()),
      hide: () => controls.then((c) => c.hide()),
      setLanguage: (lang) => controls.then((c) => c.setLanguage(lang)),
    };
    let ui = null;
    const controls = controlsModule.then(({ createUiControl }) => createUiControl({
      win, baseUrl: base, nonce, config,
      catalog: (lang) => JSON.parse(engine.catalog(lang)),
      getRecord: () => record,
      choose(method, analytics, marketing, proof) {
        try {
          runtime.choose(method, analytics, marketing, proof);
        } catch (error) {
          emit('error', { message: String(error?.message ?? error) });
        }
      },
      onSiteAction: (action) => (action === 'accept-all' ? public_.api.acceptAll() : public_.api.rejectAll()).catch(() => {}),
      onError: reportUiError,
    }));
    public_.attach(runtime);
    guard.flush();
    sweeper.sweep();
    sweeper.watch();
    resolveReady();
    emit('ready', public_.api.getConsent());
    controls.then((c) => {
      ui = c;
      return c.start();
    }, reportUiError).catch(() => {});
  })().catch((error) => {
    // Closed: held writes stay in memory, nothing optional is ever stored.
    win.console?.error?.('SmartCP: the consent core could not start; storage stays closed.', error);
    emit('error', { message: String(error?.message ?? error) });
    rejectReady(error);
  });
}

try {
  start(window);
} catch (error) {
  window.console?.error?.('SmartCP: could not start', error);
}
