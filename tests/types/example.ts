// What a front-end developer writes against SmartCP: it must type-check against dist/smartcp.d.ts.
import type { Consent, ConsentRecord, SmartCPConfig, StorageKind } from '../../dist/smartcp';

export const config: SmartCPConfig = {
  vendors: {
    smartsupp: { key: 'CHAT_KEY', cookieDomain: '.shop.cz', hideWidget: true },
    smartlook: { key: 'PROJECT_KEY', region: 'eu' },
  },
  revision: 2,
  lang: 'pl',
  expiryDays: 182,
  gpc: 'marketing',
  logEndpoint: '/consent-log',
  policyUrl: '/privacy',
  theme: 'auto',
  reopenButton: 'bottom-right',
  position: 'top-left',
  catalog: [{ name: '_ga_<ID>', kind: 'cookie', category: 'analytics', retentionDays: 395, purpose: { en: 'Statistics.' } }],
  texts: { pl: { title: 'Ciasteczka', description: 'Krótko o plikach cookie.' } },
};

export async function onReady(): Promise<boolean> {
  const smartcp = window.SmartCP;
  if (!smartcp) return false;  // smartcp.js did not run: not on the page, or removed by a blocker
  const consent: Consent | null = await smartcp.ready;
  smartcp.on('change', (next) => {
    if (next?.categories.analytics) console.log('analytics granted', next.method);
  }).on('blocked', (write) => console.log(write.name, write.kind, write.reason));
  window.addEventListener('smartcp:consent', (event) => console.log(event.detail.id));
  const kind: StorageKind = 'localStorage';
  if (!smartcp.isAllowed('ssupp_CHAT_KEY', kind)) await smartcp.showPreferences();
  const updated = await smartcp.setConsent({ marketing: false });
  const text = smartcp.exportRecord();
  const record: ConsentRecord | null = text ? JSON.parse(text) : null;
  await window.SmartCP?.setLanguage('cs');
  return !!consent && updated.categories.functional && record?.version === 2 && smartcp.accepted('analytics');
}
