// Klaro, set up like SmartCP: three purposes, a notice with accept, decline and preferences, a policy link.
window.klaroConfig = {
  version: 1,
  elementID: 'klaro',
  storageMethod: 'cookie',
  cookieName: 'klaro',
  mustConsent: false,
  acceptAll: true,
  hideDeclineAll: false,
  lang: 'en',
  translations: { en: { privacyPolicyUrl: '/privacy', purposes: { analytics: 'Analytics', marketing: 'Marketing' } } },
  services: [
    { name: 'stats', title: 'Statistics', purposes: ['analytics'] },
    { name: 'ads', title: 'Advertising', purposes: ['marketing'] },
  ],
};
