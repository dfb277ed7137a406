// window.SmartCP: the public contract (see README). It exists synchronously; calls made before the core
// is ready wait for it and are never lost. Bad arguments reject with a clear message and change nothing.
// Nothing a handler or a caller does can throw into the page through it.

const EVENTS = ['ready', 'consent', 'change', 'blocked', 'error'];
const CATEGORIES = ['functional', 'analytics', 'marketing'];
const KINDS = ['cookie', 'localStorage', 'sessionStorage', 'indexedDB', 'cacheStorage'];

/**
 * @param {Window} win
 * @param {{ready: Promise<any>, blocked: object[], observed: () => object[]}} state
 *   once `ready` resolves, attach() gives the runtime: {getConsent(), getRecord(), choose(method, analytics,
 *   marketing), reset(), isAllowed(name, kind), observed(list), show(), showPreferences(), hide(),
 *   setLanguage(lang), languages()}
 */
export function createApi(win, state) {
  const handlers = new Map(EVENTS.map((e) => [e, new Set()]));
  let runtime = null;

  // Called from inside the guard (a refused write is an event): nothing here may throw, whatever the
  // page did to Set, CustomEvent or the console; a page that broke them loses only the events.
  const emit = (event, detail) => {
    try {
      for (const handler of handlers.get(event)) {
        try {
          handler(detail);
        } catch (error) {
          win.console?.error?.('SmartCP: an event handler threw', error);
        }
      }
    } catch {
      // the page broke iteration
    }
    try {
      win.dispatchEvent(new win.CustomEvent(`smartcp:${event}`, { detail }));
    } catch {
      // a page without CustomEvent support loses only the window event
    }
  };

  const fail = (message) => Promise.reject(new TypeError(`SmartCP: ${message}`));
  const whenReady = (fn) => state.ready.then(() => fn(runtime));

  const ready = state.ready.then(() => runtime.getConsent());
  ready.catch(() => {});  // a page that never looks at `ready` gets the `error` event, not an unhandled rejection
  const copy = (list) => list.map((item) => ({ ...item }));
  const api = {
    ready,
    /** The same object until the consent changes (so it can be a React external store's snapshot). */
    getConsent: () => (runtime ? runtime.getConsent() : null),
    accepted(category) {
      if (!CATEGORIES.includes(category)) return false;
      if (category === 'functional') return true;
      return !!runtime?.getConsent()?.categories[category];
    },
    isAllowed(name, kind = 'cookie') {
      if (typeof name !== 'string' || !KINDS.includes(kind) || !runtime) return false;
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
        const current = r.getConsent()?.categories ?? {};
        return r.choose('api', choice.analytics ?? !!current.analytics, choice.marketing ?? !!current.marketing);
      });
    },
    reset: () => whenReady((r) => r.reset()),
    show: () => whenReady((r) => r.show()),
    showPreferences: () => whenReady((r) => r.showPreferences()),
    hide: () => whenReady((r) => r.hide()),
    setLanguage(lang) {
      if (typeof lang !== 'string' || !lang) return fail('setLanguage takes a language tag such as "pl"');
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
    blocked: () => copy(state.blocked).map(({ packed, ...b }) => b),
    /** Every key the page wrote or tried to write: name, kind, platform, category, source, verdict. */
    observed: () => copy(runtime ? runtime.observed(state.observed()) : state.observed().map(({ packed, ...o }) => o)),
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
