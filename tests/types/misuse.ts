// Mistakes the types must catch: each line below is an error, or tsc fails on the unused directive.
import type { SmartCPConfig } from '../../dist/smartcp';

// @ts-expect-error window.SmartCP is undefined when smartcp.js did not run
void window.SmartCP.ready;
// @ts-expect-error functional cannot be withdrawn
void window.SmartCP?.setConsent({ functional: false });
// @ts-expect-error a language is a tag
void window.SmartCP?.setLanguage(42);
// @ts-expect-error not an event
window.SmartCP?.on('opened', () => {});
// @ts-expect-error not a storage kind
window.SmartCP?.isAllowed('x', 'disk');
// @ts-expect-error window.SmartCP cannot be replaced
window.SmartCP = null;

export const bad: SmartCPConfig[] = [
  // @ts-expect-error expiryDays is a number of days
  { expiryDays: '30' },
  // @ts-expect-error not a text id
  { texts: { en: { headline: 'x' } } },
  // @ts-expect-error a smartlook region is eu or us
  { vendors: { smartlook: { key: 'p', region: 'asia' } } },
  // @ts-expect-error consentMode is basic, advanced or a boolean
  { consentMode: 'full' },
  // @ts-expect-error a host's category
  { hosts: { 'stats.example.com': 'ads' } },
];
