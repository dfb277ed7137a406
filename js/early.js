// What must exist before the page's own scripts run, so it is done synchronously by smartcp.js:
// Google Consent Mode's `default` command, the vendors' queueing stubs (a site may call smartsupp(…) or
// smartlook(…) right after the script tag; the calls wait in the queue), and the consent calls of the
// platforms that have one, given to a snippet allowed to load before its first event.

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

/**
 * The platforms' own consent calls, for a consent state (Meta Pixel, Microsoft UET, TikTok pixel, Microsoft
 * Clarity). Each is made only when the platform's queue exists (its snippet ran), so it is queued before
 * the snippet's first event when made as its script is inserted, and again on every change.
 * @param {number} signal 1 Meta, 2 UET, 3 TikTok, 4 Clarity
 * @param {{analytics: boolean, marketing: boolean}} granted
 * @param {boolean} change a change of a state already given (UET's 'update' rather than its 'default')
 */
export function platformSignal(win, signal, granted, change) {
  const ads = granted.marketing;
  try {
    if (signal === 1 && typeof win.fbq === 'function') win.fbq('consent', ads ? 'grant' : 'revoke');
    if (signal === 2 && win.uetq) win.uetq.push('consent', change ? 'update' : 'default', { ad_storage: ads ? 'granted' : 'denied' });
    if (signal === 3 && win.ttq) (ads ? win.ttq.grantConsent : change ? win.ttq.revokeConsent : win.ttq.holdConsent)?.call(win.ttq);
    if (signal === 4 && typeof win.clarity === 'function') {
      win.clarity('consentv2', { ad_Storage: ads ? 'granted' : 'denied', analytics_Storage: granted.analytics ? 'granted' : 'denied' });
    }
  } catch {
    // a platform's stub that throws is its own problem, never the page's
  }
}
