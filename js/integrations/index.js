// smartcp-integrations.js: connects the consent state to the page, once the core is ready. Imported by
// smartcp.js (fetched beside the core). Smartsupp, Smartlook, Google Consent Mode updates, gated
// <script type="text/plain">, the consent log, and the other open tabs of the site.
import { gtagOf } from '../early.js';
import { smartsuppIntegration } from './smartsupp.js';
import { smartlookIntegration } from './smartlook.js';
import { scriptActivator } from './scripts.js';
import { consentLogger } from './consent-log.js';
import { syncTabs } from '../tabs.js';
import { CONSENT_COOKIE } from '../consent-state.js';
import { registerModule } from '../modules.js';

/**
 * @param {object} o
 * @param {Window & typeof globalThis} o.win
 * @param {any} o.config the configuration as the core validated it
 * @param {string} [o.nonce]
 * @param {() => Record<string, string>} o.signals Consent Mode signals for the consent in force (the core's)
 * @param {() => void} o.reread reads the stored choice again (another tab may have changed it)
 * @param {(message: string) => void} o.warn
 */
export function createIntegrations({ win, config, nonce, trusted, signals, reread, warn }) {
  const vendors = [
    config.vendors?.smartsupp && smartsuppIntegration(win, config.vendors.smartsupp, nonce, trusted),
    config.vendors?.smartlook && smartlookIntegration(win, config.vendors.smartlook, nonce, trusted),
    scriptActivator(win, warn, trusted),
  ].filter(Boolean);
  const gtag = config.consentMode ? gtagOf(win) : null;
  const log = config.logEndpoint ? consentLogger(win, config.logEndpoint) : () => {};
  const tabs = syncTabs(win, CONSENT_COOKIE, reread);
  let last = null;

  return {
    /** The consent in force, on start and after every change (here or in another tab). */
    apply(granted) {
      const state = { analytics: !!granted.analytics, marketing: !!granted.marketing };
      const key = `${state.analytics}${state.marketing}`;
      if (key === last) return;
      last = key;
      for (const vendor of vendors) {
        try {
          vendor.apply(state);
        } catch (error) {
          warn(`an integration failed: ${error?.message ?? error}`);
        }
      }
      gtag?.('consent', 'update', signals());
    },
    /** A choice made in this tab: its proof, sent to the log. */
    log,
    /** Tells the other tabs that this one changed the choice. */
    announce: tabs.announce,
  };
}

registerModule(window, 'integrations', { __proto__: null, createIntegrations });
