// window.SmartCP: the public contract (see README). It exists synchronously; calls made before the core
// is ready wait for it and are never lost. Bad arguments reject with a clear message and change nothing.
// Nothing a handler or a caller does can throw into the page through it.

import { CATEGORIES, KIND } from './decision.js';
import { LANGUAGES } from './i18n.js';

const EVENTS = ['ready', 'consent', 'change', 'blocked', 'error'];

/**
 * @param {Window} win
 * @param {{ready: Promise<any>, blocked: object[]}} state
 *   once `ready` resolves, attach() gives the runtime: {getRecord(), choose(method, analytics, marketing), reset(),
 *   isAllowed(name, kind), show(), showPreferences(), hide(), setLanguage(lang)}
 */
export function createApi(win, state) {
  const handlers = new Map(EVENTS.map((e) => [e, new Set()]));
  let runtime = null;

  const emit = (event, detail) => {
    for (const handler of handlers.get(event)) {
      try {
        handler(detail);
      } catch (error) {
        win.console?.error?.('SmartCP: an event handler threw', error);
      }
    }
    try {
      win.dispatchEvent(new win.CustomEvent(`smartcp:${event}`, { detail }));
    } catch {
      // a page without CustomEvent support loses only the window event
    }
  };

  const fail = (message) => Promise.reject(new TypeError(`SmartCP: ${message}`));
  const whenReady = (fn) => state.ready.then(() => fn(runtime));
  const consentOf = (record) => (record ? {
    id: record.id, revision: record.revision, categories: { ...record.categories }, method: record.method,
    timestamp: record.timestamp, expires: record.expires,
  } : null);

  const ready = state.ready.then(() => consentOf(runtime.getRecord()));
  ready.catch(() => {});  // a page that never looks at `ready` gets the `error` event, not an unhandled rejection
  const api = {
    ready,
    getConsent: () => (runtime ? consentOf(runtime.getRecord()) : null),
    accepted(category) {
      if (!CATEGORIES.includes(category)) return false;
      if (category === 'functional') return true;
      return !!runtime?.getRecord()?.categories[category];
    },
    isAllowed(name, kind = 'cookie') {
      if (typeof name !== 'string' || !Object.hasOwn(KIND, kind) || !runtime) return false;
      return runtime.isAllowed(name, kind);
    },
    acceptAll: () => whenReady((r) => r.choose('accept-all', true, true)),
    rejectAll: () => whenReady((r) => r.choose('reject-all', false, false)),
    setConsent(choice) {
      if (choice === null || typeof choice !== 'object') return fail('setConsent takes {analytics, marketing}');
      for (const key of Object.keys(choice)) {
        if (key !== 'analytics' && key !== 'marketing') return fail(`setConsent: unknown category "${key}"`);
        if (typeof choice[key] !== 'boolean') return fail(`setConsent: ${key} must be true or false`);
      }
      return whenReady((r) => {
        const current = r.getRecord()?.categories ?? {};
        return r.choose('api', choice.analytics ?? !!current.analytics, choice.marketing ?? !!current.marketing);
      });
    },
    reset: () => whenReady((r) => r.reset()),
    show: () => whenReady((r) => r.show()),
    showPreferences: () => whenReady((r) => r.showPreferences()),
    hide: () => whenReady((r) => r.hide()),
    setLanguage(lang) {
      if (!LANGUAGES.includes(lang)) return fail(`setLanguage: ${JSON.stringify(lang)} is not one of "pl", "en", "cs"`);
      return whenReady((r) => r.setLanguage(lang));
    },
    on(event, handler) {
      if (handlers.has(event) && typeof handler === 'function') handlers.get(event).add(handler);
      else win.console?.warn?.(`SmartCP: on(${JSON.stringify(event)}, …) ignored: events are ${EVENTS.join(', ')}, handlers functions`);
      return api;
    },
    off(event, handler) {
      handlers.get(event)?.delete(handler);
      return api;
    },
    blocked: () => state.blocked.map((b) => ({ ...b })),
    exportRecord: () => {
      const record = runtime?.getRecord();
      return record ? JSON.stringify(record) : null;
    },
  };

  return {
    api,
    emit,
    /** Called once the core is ready. */
    attach(r) {
      runtime = r;
    },
  };
}
