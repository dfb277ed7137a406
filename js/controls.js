// smartcp-reopen.js: what every visitor gets, fetched by smartcp.js at once (a script of its own, so that
// the render-blocking script stays small): the reopen button, the site's own controls (any element with
// data-smartcp-action="preferences", "accept-all" or "reject-all"), the language; and the banner and
// dialog of smartcp-ui.js, fetched only when they are needed: a returning visitor never downloads them.
import base from './base.css';
import { createHost } from './host.js';
import { createReopenButton } from './reopen.js';
import { pickLanguage, resolveLanguage, builtInLanguage, LANGUAGES } from './i18n.js';
import { registerModule } from './modules.js';
import { provisionalConfig } from './config-source.js';
import { startControls } from './controls-start.js';

/**
 * @param {object} o
 * @param {Window & typeof globalThis} o.win
 * @param {(name: string) => Promise<Record<string, any>>} o.load fetches a part (smartcp-ui.js) once
 * @param {Record<string, any>} o.early the config as parsed before the core: the banner can be shown from
 *   it (see provisionalConfig) until update() gives the core's
 * @param {Promise<unknown>} o.ready settles once the core is ready: the dialog needs its catalog
 * @param {(lang: string) => any} o.catalog
 * @param {() => any} o.getRecord
 * @param {(method: string, analytics: boolean, marketing: boolean, proof: {lang: string, textHash: string}) => Promise<unknown>} o.choose recorded once the core is ready
 * @param {(action: string) => void} o.onSiteAction accept-all / reject-all from the site's own controls
 * @param {(error: unknown) => void} o.onError
 */
export function createUiControl({ win, load: loadPart, nonce, early, ready, catalog, getRecord, choose, onSiteAction, onError: report }) {
  const doc = win.document;
  // Each failure is told once, however many of the calls waiting on it fail with it.
  const reported = new WeakSet();
  const onError = (error) => {
    if (error !== null && typeof error === 'object') {
      if (reported.has(error)) return;
      reported.add(error);
    }
    report(error);
  };
  const config = provisionalConfig(early);
  const host = createHost(win, { theme: config.theme, nonce });
  host.addStyles(base);
  let chosenLang = null;  // set through SmartCP.setLanguage; otherwise the page decides
  const lang = () => chosenLang ?? pickLanguage(win, config);

  const position = config.reopenButton;
  const reopen = position === 'none' ? null : createReopenButton(doc, {
    position,
    onClick: (button) => showPreferences(button).catch(() => {}),  // reported by run()
  });
  if (reopen) {
    reopen.label(config, lang());
    reopen.show(false);
    host.root.append(reopen.element);
  }

  // The built-in texts and purposes, one file per language (smartcp-texts-<lang>.js, smartcp-purposes-<lang>.js),
  // fetched for the language shown: a visitor downloads only their own. One that cannot be fetched falls back
  // to English.
  const packs = { texts: {}, purposes: {} };
  const pack = (kind, tag = builtInLanguage(lang())) => {
    if (packs[kind][tag]) return Promise.resolve(packs[kind]);
    return loadPart(`${kind}-${tag}`).then((m) => {
      packs[kind][tag] = m.table;
      return packs[kind];
    }, (error) => {
      if (tag === 'en') throw error;
      onError(error);
      return pack(kind, 'en');
    });
  };

  let ui = null;
  let loading = null;
  const load = () => {
    loading ??= Promise.all([loadPart('ui'), host.mount()]).then(([module]) => {
      ui = module.createUI({
        win, host, config, lang, ready, catalog, getRecord, choose, onLayer: refresh,
        texts: packs.texts, loadPurposes: () => pack('purposes'), loadDialog: () => loadPart('dialog'), onError,
      });
      return ui;
    });
    // A failed import is reported on every call that needs it (browsers keep a failed module failed).
    loading.catch(() => { loading = null; });
    return loading;
  };

  // The reopen button shows once a choice exists and neither the banner nor the dialog is open.
  function refresh() {
    reopen?.show(!!getRecord() && !ui?.layer());
  }

  const run = (what) => Promise.all([load(), pack('texts')]).then(([u]) => what(u)).catch((error) => {
    onError(error);
    throw error;
  });
  // The banner when there is no valid choice and nothing is open yet.
  const askIfUnchosen = () => (!getRecord() && !ui?.layer() ? run((u) => u.showBanner()) : Promise.resolve());
  const showPreferences = (from) => {
    const opener = from ?? doc.activeElement;
    return run((u) => u.needs().then(() => u.showPreferences(opener)));
  };

  // The site's own controls, in the light DOM. Clicks inside the widget are the widget's own.
  doc.addEventListener('click', (event) => {
    const target = event.target;
    if (!(target instanceof win.Element) || target === host.host) return;
    const control = target.closest('[data-smartcp-action]');
    const action = control?.getAttribute('data-smartcp-action');
    if (action !== 'preferences' && action !== 'accept-all' && action !== 'reject-all') return;
    event.preventDefault();
    if (action === 'preferences') showPreferences(control).catch(() => {});
    else onSiteAction(action);
  });

  // Cookie declarations (<div data-smartcp-declaration>) on the page, once it is parsed: rendered when the
  // core can say what the site declares, again in another language.
  const declarations = () => doc.querySelectorAll('[data-smartcp-declaration]');
  const renderDeclarations = () => {
    const found = declarations();
    if (!found.length) return;
    run((u) => u.needs().then(() => {
      for (const element of found) u.renderDeclaration(element);
    })).catch(() => {});  // reported by run()
  };
  const parsed = new Promise((resolve) => {
    if (doc.readyState !== 'loading') resolve();
    else doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true });
  });

  // A page that changes <html lang> (a language switch without reload) gets the widget in that language.
  new win.MutationObserver(() => relabel()).observe(doc.documentElement, { attributes: true, attributeFilter: ['lang'] });
  // Settles once what is shown is in the new language (its files fetched first); never rejects.
  function relabel() {
    reopen?.label(config, lang());
    if (!ui) return Promise.resolve();
    const shown = [...declarations()].filter((element) => element.shadowRoot);
    const purposes = ui.layer() === 'dialog' || shown.length ? pack('purposes') : null;
    return Promise.all([pack('texts'), purposes]).then(() => {
      ui.relabel();
      for (const element of shown) ui.renderDeclaration(element);
    }).catch(onError);  // never into the page's own code (a MutationObserver callback, setLanguage)
  }

  return {
    /** The banner when there is no valid choice (unless it is up already), else only the reopen button. */
    start() {
      host.mount().then(refresh);
      parsed.then(renderDeclarations);
      return askIfUnchosen();
    },
    /** The config as the core validated it replaces the provisional one; what is shown follows. */
    update(validated) {
      const shown = (c) => JSON.stringify([c.texts, c.policyUrl, c.gpc, c.lang]);
      const same = shown(validated) === shown(config);
      for (const key of Object.keys(config)) delete config[key];
      Object.assign(config, validated);
      if (!same) relabel();  // otherwise what is on screen stays, focus included
    },
    show: () => run((u) => u.showBanner()),
    showPreferences: () => showPreferences(),
    hide() {
      ui?.hide();
      refresh();
    },
    /** After every choice or reset, wherever it came from: the reopen button and the banner follow it. */
    changed() {
      if (getRecord() && ui?.layer() === 'banner') ui.hide();
      refresh();
      askIfUnchosen().catch(() => {});  // forgotten: asked again
    },
    lang,
    /** Shows the widget in `next` from now on; rejects a language the widget has no texts for. */
    setLanguage(next) {
      const lang = resolveLanguage(next, config);
      if (!lang) {
        const own = Object.keys(config.texts ?? {});
        return Promise.reject(new TypeError(`SmartCP: setLanguage: ${JSON.stringify(next)} has no texts: the widget has "${[...LANGUAGES, ...own].join('", "')}"; add one through texts.<tag> in the config`));
      }
      chosenLang = lang;
      return relabel().then(() => {});
    },
  };
}

registerModule(window, 'reopen', { __proto__: null, createUiControl, startControls: (k) => startControls(k, createUiControl) });
