// smartcp-ui.js: the banner, and the preferences dialog and the cookie declaration once smartcp-dialog.js
// (fetched with them) brings their code. A script that smartcp.js fetches only when the visitor has to
// choose or asks to: a returning visitor never downloads it.
import css from './styles.css';
import { h, focusables } from './dom.js';
import { textOf, siteText, hasOwnText, builtInLanguage } from '../i18n.js';
import { TEXT_IDS } from '../generated/locales.js';

const VARIANTS = {
  description: ['smartsupp', 'descriptionChat'],
  functionalDescription: ['smartsupp', 'functionalDescriptionChat'],
  analyticsDescription: ['smartlook', 'analyticsDescriptionRecording'],
};
import { renderBanner } from './banner.js';
import { DECLARATION_KEY } from '../declaration-space.js';
import { hashTexts } from './text-hash.js';
import { registerModule } from '../modules.js';

/**
 * @param {object} o
 * @param {Window & typeof globalThis} o.win
 * @param {{root: ShadowRoot, addStyles(css: string): void}} o.host from createHost
 * @param {any} o.config the configuration as the core validated it
 * @param {() => string} o.lang the language to show
 * @param {Promise<unknown>} o.ready settles once the core is ready (the banner can be up before it)
 * @param {(lang: string) => {entries: any[], vendors: Record<string, any>}} o.catalog the core's catalog, purposes in `lang`
 * @param {() => any} o.getRecord the current consent record, or null
 * @param {(method: string, analytics: boolean, marketing: boolean, proof: {lang: string, textHash: string}) => Promise<unknown>} o.choose
 * @param {() => void} o.onLayer called when the banner or the dialog opens or closes
 * @param {Record<string, Record<string, string>>} o.texts the built-in texts fetched so far, by language and
 *   id (smartcp-texts-<lang>.js); the caller fetches the language shown before anything is rendered
 * @param {() => Promise<Record<string, Record<string, string>>>} o.loadPurposes the built-in entries' purposes
 *   for the language shown (smartcp-purposes-<lang>.js), with those fetched before, by language and id
 * @param {() => Promise<Record<string, any>>} o.loadDialog the dialog's and the declaration's code (smartcp-dialog.js)
 * @param {(error: unknown) => void} o.onError
 */
export function createUI({ win, host, config, lang, ready, catalog, getRecord, choose, onLayer, texts, loadPurposes, loadDialog, onError }) {
  const doc = win.document;
  const root = host.root;
  host.addStyles(css);
  const status = h(doc, 'div', { class: 'sr-only', role: 'status' });
  root.append(status);

  let layer = null;  // null | 'banner' | 'dialog'
  let element = null;
  let opener = null;  // what had focus when the dialog opened, to give it back
  let draft = null;  // the dialog's switches while it is open, kept across a language switch
  const hashes = new Map();  // lang -> hash of the texts shown, the proof in the consent record

  // Texts that name a vendor's feature say so only where the site runs it (the chat with Smartsupp,
  // session recording with Smartlook); the site's own text for the id wins either way.
  const t = (id, vars) => {
    const variant = VARIANTS[id];
    const use = variant && config.vendors?.[variant[0]]?.key && siteText(config, lang(), id) === undefined ? variant[1] : id;
    return textOf(config, texts, lang(), use, vars);
  };
  const days = (count) => {
    // The language's own plural forms when it has them; else those of the built-in language behind it.
    const shown = lang();
    const form = `days_${new Intl.PluralRules(shown).select(count)}`;
    if (hasOwnText(config, texts, shown, form)) return t(form, { count });
    if (hasOwnText(config, texts, shown, 'days_other')) return t('days_other', { count });
    const base = builtInLanguage(shown);
    return textOf(null, texts, base, `days_${new Intl.PluralRules(base).select(count)}`, { count });
  };
  const gpcNote = () => {
    if (win.navigator.globalPrivacyControl !== true || config.gpc === 'ignore') return null;
    return t(config.gpc === 'all' ? 'gpcAll' : 'gpcMarketing');
  };
  const policyUrl = () => {
    try {
      const url = new URL(config.policyUrl, win.location.href);
      return config.policyUrl && (url.protocol === 'https:' || url.protocol === 'http:') ? url.href : null;
    } catch {
      return null;
    }
  };
  const textHash = () => {
    const current = lang();
    if (!hashes.has(current)) {
      hashes.set(current, '');
      hashTexts(win, TEXT_IDS.map((id) => [id, t(id)])).then((hash) => hashes.set(current, hash), () => {});
    }
    return hashes.get(current);
  };

  // The built-in entries' purposes, fetched the first time the dialog or the declaration needs them in a language.
  let purposes = null;
  const purposesReady = () => loadPurposes().then((p) => { purposes = p; });
  // Their code and styles, fetched the first time either is shown; the styles join the widget's once.
  let dialog = null;
  // One that cannot be fetched is reported here, where the banner's button would otherwise only stay put.
  const dialogReady = () => loadDialog().then((d) => {
    if (!dialog) host.addStyles(d.css);
    dialog = d;
  }, (error) => {
    onError(error);
    throw error;
  });
  // What the dialog and the declaration need: the core's catalog, the purposes and their code.
  const needs = () => Promise.all([ready, purposesReady(), dialogReady()]);

  const ownsFocus = () => !!element && element.contains(root.activeElement);
  // Removing the <dialog> takes it out of the top layer without close()'s own focus restoring, which
  // would land on a button that no longer exists; focus is given back by restoreFocus.
  const close = () => {
    element?.remove();
    element = null;
    layer = null;
    draft = null;
  };

  // The choice's work (the record, the clean-up, the integrations) starts once the banner's removal is
  // painted, so that the click is answered at once; a page hidden meanwhile records it there and then.
  const painted = () => new Promise((resolve) => {
    let done = false;
    const go = () => {
      if (done) return;
      done = true;
      win.removeEventListener('pagehide', go);
      resolve();
    };
    win.addEventListener('pagehide', go);
    win.requestAnimationFrame(() => win.setTimeout(go, 0));
    win.setTimeout(go, 100);  // a hidden tab paints no frames
  });

  // The choice is recorded once the core is ready (at once, unless the banner came up before it).
  const decided = async (method, choice = { analytics: false, marketing: false }) => {
    const hadFocus = ownsFocus();
    const proof = { lang: lang(), textHash: textHash() };  // what was shown when the visitor chose
    close();
    await painted();
    await choose(method, choice.analytics, choice.marketing, proof);
    onLayer();
    // Said by screen readers; the live region exists before its text changes, so it is announced.
    status.textContent = '';
    win.setTimeout(() => { status.textContent = t('saved'); }, 50);
    if (hadFocus) restoreFocus();
  };

  const restoreFocus = () => {
    const target = opener?.isConnected ? opener : root.querySelector('.reopen');
    opener = null;
    target?.focus?.();
  };

  // `still`: shown again in another language, without the entrance animation.
  const showBanner = (still = false) => {
    close();
    textHash();
    element = renderBanner({
      doc, t, lang: lang(), policyUrl: policyUrl(), note: gpcNote(), layout: config.layout, position: config.position,
      onAction: (action) => {
        if (action === 'preferences') needs().then(() => showPreferences(root.activeElement ?? null, true)).catch(() => {});  // no core: the banner stays
        else decided(action);
      },
    });
    if (still) element.dataset.still = '';
    layer = 'banner';
    root.append(element);
    if (element.showModal) {  // the modal layout: the page behind is inert until a choice
      element.addEventListener('keydown', trapFocus);
      element.showModal();
      // Focus starts on the title, not on the policy link or a button: a screen reader reads the title
      // and the text, and no choice is one key press away before the visitor has read them.
      element.querySelector('.title')?.focus();
    }
    onLayer();
  };

  const showPreferences = (from = doc.activeElement, fromBanner = false, still = false) => {
    const keep = draft;
    if (!fromBanner && layer !== 'dialog') opener = from === host.host ? root.activeElement : from;
    close();
    textHash();
    const record = getRecord();
    const choice = keep ?? { analytics: !!record?.categories.analytics, marketing: !!record?.categories.marketing };
    draft = choice;
    const { entries, vendors, held } = catalog(lang());
    const groups = {};
    for (const entry of entries.filter(shown)) {
      entry.purpose ??= purposeOf(entry);
      for (const category of dialog.tablesOf(entry)) (groups[category] ??= []).push(entry);
    }
    element = dialog.renderPreferences({
      doc, t, days, lang: lang(), choice, groups, vendors, held: held ?? [], expiryDays: config.expiryDays, maxCookieDays: config.maxCookieDays,
      policyUrl: policyUrl(), note: gpcNote(),
      onToggle: (next) => { draft = next; },
      onAction: (action, next) => decided(action === 'save' ? 'custom' : action, next),
      onClose: closePreferences,
    });
    element.addEventListener('keydown', trapFocus);
    // Closed by the browser itself (a second Escape without user activation): same as our close.
    element.addEventListener('close', () => { if (layer === 'dialog') closePreferences(); });
    if (still) element.dataset.still = '';
    layer = 'dialog';
    root.append(element);
    if (element.showModal) element.showModal();
    else element.setAttribute('open', '');
    focusables(element)[0]?.focus();
    onLayer();
  };

  // Closing is not consent: without a choice the banner comes back.
  const closePreferences = () => {
    if (layer !== 'dialog') return;
    close();
    if (!getRecord()) {
      showBanner(true);
      element.querySelector('[data-smartcp-action="preferences"]')?.focus();
      opener = null;
    } else {
      onLayer();
      restoreFocus();
    }
  };

  // The site's own keys, SmartCP's, those of the vendors this site configured, of the platforms it declares,
  // and the built-in keys it wrote in this browser.
  const shown = (entry) => !entry.builtin || entry.vendor === 'smartcp' || !!config.vendors?.[entry.vendor] ||
    entry.source === 'database' || entry.observed;
  // A built-in entry's purpose, by id, in the language shown (a site's own language: the built-in one behind it).
  const purposeOf = (entry) => {
    const table = purposes?.[builtInLanguage(lang())] ?? purposes?.en;
    if (!table) return '';
    return table[entry.purposeId] ?? table[`class:${entry.purposeClass}`] ?? '';
  };

  // Tab and Shift+Tab cycle inside the dialog.
  function trapFocus(event) {
    if (event.key !== 'Tab') return;
    const items = focusables(element);
    if (!items.length) return;
    const first = items[0];
    const last = items[items.length - 1];
    const active = root.activeElement;
    const outside = !items.includes(active);  // elsewhere, or on a modal's title, where focus starts
    if (event.shiftKey && (active === first || outside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || outside)) {
      event.preventDefault();
      first.focus();
    }
  }

  return {
    layer: () => layer,
    /** Settles once the dialog and the declaration can be shown (the core ready, the purposes here). */
    needs,
    showBanner,
    showPreferences,
    hide: () => {
      if (layer === 'dialog') opener = null;
      close();
      onLayer();
    },
    /**
     * The cookie declaration in `element` (a <div data-smartcp-declaration>), in its own shadow root: what
     * the site declares, without the keys this browser happened to write.
     */
    renderDeclaration(element) {
      const own = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
      host.styleAnother(own, dialog.declarationCss);
      const { entries, vendors } = catalog(lang());
      const groups = {};
      for (const entry of entries.filter((e) => shown(e) && !e.observed)) {
        entry.purpose ??= purposeOf(entry);
        for (const category of dialog.tablesOf(entry)) (groups[category] ??= []).push(entry);
      }
      own.replaceChildren(dialog.renderDeclaration({ doc, t, days, lang: lang(), groups, vendors, maxCookieDays: config.maxCookieDays }));
      // Its height at this width, reserved on the next page view before it is rendered (declaration-space.js).
      element.style.minHeight = '';
      try {
        win.localStorage.setItem(DECLARATION_KEY, `${win.innerWidth}:${Math.ceil(element.getBoundingClientRect().height)}`);
      } catch {
        // storage unavailable: nothing remembered
      }
    },
    /** Renders what is open again, in the language `lang()` now gives. */
    relabel: () => {
      if (layer === 'banner') showBanner(true);
      else if (layer === 'dialog') showPreferences(null, true, true);
    },
  };
}

registerModule(window, 'ui', { __proto__: null, createUI });
