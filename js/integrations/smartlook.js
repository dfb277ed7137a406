// Smartlook's recorder: loaded only once its categories (analytics by default) are granted. Withdrawal
// pauses it (its keys are then deleted by the clean-up); granting again resumes it without a reload.
import { ensureStubs } from '../early.js';
import { loadScript } from '../load-script.js';

const RECORDER = 'https://web-sdk.smartlook.com/recorder.js';

/**
 * @param {Window & typeof globalThis} win
 * @param {{key: string, region: string, category: string[], scriptUrl?: string}} options as the core validated them
 * @param {string} [nonce]
 * @param {ReturnType<import('../trusted-types.js').createTrusted>} trusted SmartCP's Trusted Types policy
 */
export function smartlookIntegration(win, { key, region, category, scriptUrl }, nonce, trusted) {
  let loaded = false;
  let recording = false;
  return {
    /** @param {{analytics: boolean, marketing: boolean}} granted */
    apply(granted) {
      const allowed = category.every((c) => c === 'functional' || granted[c]);
      if (allowed === recording) return;
      ensureStubs(win, { smartlook: true });
      recording = allowed;
      if (!allowed) {
        win.smartlook('pause');
      } else if (loaded) {
        win.smartlook('resume');
      } else {
        loaded = true;
        win.smartlook('init', key, { region });
        win.smartlook('record', { forms: false, ips: false, emails: false, numbers: false });
        loadScript(win.document, scriptUrl || RECORDER, nonce, trusted).catch(() => {});
      }
    },
  };
}
