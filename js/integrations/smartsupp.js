// Smartsupp's chat. Its consent commands are queued with the current state before its loader runs, and
// again on every change (withdrawing analytics pauses its recording, withdrawing marketing deletes its
// visit counter). The basic chat needs no consent, so it loads as functional unless the config says
// otherwise. Its built-in Smartlook recording stays off unless analytics is granted when it loads.
import { ensureStubs } from '../early.js';
import { loadScript } from '../load-script.js';

const LOADER = 'https://www.smartsuppchat.com/loader.js?';

/**
 * @param {Window & typeof globalThis} win
 * @param {{key: string, category: string[], scriptUrl?: string} & Record<string, any>} options
 *   config.vendors.smartsupp as the core validated it: everything but category and scriptUrl is Smartsupp's
 * @param {string} [nonce]
 * @param {ReturnType<import('../trusted-types.js').createTrusted>} trusted SmartCP's Trusted Types policy
 */
export function smartsuppIntegration(win, options, nonce, trusted) {
  const { category, scriptUrl, ...own } = options;
  let loaded = false;
  return {
    /** @param {{analytics: boolean, marketing: boolean}} granted */
    apply(granted) {
      ensureStubs(win, { smartsupp: true });
      win.smartsupp('analyticsConsent', granted.analytics);
      win.smartsupp('marketingConsent', granted.marketing);
      if (loaded || !category.every((c) => c === 'functional' || granted[c])) return;
      loaded = true;
      win._smartsupp = Object.assign(win._smartsupp || {}, own);
      if (!granted.analytics) win._smartsupp.recordingOff = true;
      loadScript(win.document, scriptUrl || LOADER, nonce, trusted).catch(() => {});  // the vendor's failure, not the page's
    },
  };
}
