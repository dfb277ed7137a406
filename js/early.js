// What must exist before the page's own scripts run, so it is done synchronously by smartcp.js:
// Google Consent Mode's `default` command, and the vendors' queueing stubs (a site may call
// smartsupp(…) or smartlook(…) right after the script tag; the calls wait in the queue).

/** The signals before any choice: only what the site needs to work is granted. */
export const DEFAULT_SIGNALS = Object.freeze({
  ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied',
  functionality_storage: 'granted', personalization_storage: 'granted', security_storage: 'granted',
});

/** Consent Mode needs `arguments` objects in dataLayer; a plain array is ignored by Google's tags. */
export function gtagOf(win) {
  win.dataLayer = win.dataLayer || [];
  return function gtag() {
    win.dataLayer.push(arguments);  // eslint-disable-line prefer-rest-params
  };
}

/** @param {Record<string, any>} early the config as parsed before the core validates it */
export function runEarly(win, early) {
  if (early.consentMode !== false) {
    const wait = Number.isInteger(early.waitForUpdate) && early.waitForUpdate >= 0 && early.waitForUpdate <= 10000
      ? early.waitForUpdate : 500;
    gtagOf(win)('consent', 'default', { ...DEFAULT_SIGNALS, wait_for_update: wait });
  }
  const vendors = early.vendors ?? {};
  ensureStubs(win, { smartsupp: !!vendors.smartsupp?.key, smartlook: !!vendors.smartlook?.key });
}

/** The vendors' own queueing stubs, as their embed codes define them; an existing one is kept. */
export function ensureStubs(win, { smartsupp, smartlook }) {
  if (smartsupp && !win.smartsupp) {
    win.smartsupp = function smartsupp() {
      win.smartsupp._.push(arguments);  // eslint-disable-line prefer-rest-params
    };
    win.smartsupp._ = [];
  }
  if (smartlook && !win.smartlook) {
    win.smartlook = function smartlook() {
      win.smartlook.api.push(arguments);  // eslint-disable-line prefer-rest-params
    };
    win.smartlook.api = [];
  }
}
