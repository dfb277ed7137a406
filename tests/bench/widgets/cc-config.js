// vanilla-cookieconsent, set up like SmartCP: three categories, a banner with accept, reject and
// preferences, a policy link. Its bot detection is off, so that it shows in headless Chromium.
window.CookieConsent.run({
  hideFromBots: false,
  categories: { necessary: { enabled: true, readOnly: true }, analytics: {}, marketing: {} },
  language: {
    default: 'en',
    translations: {
      en: {
        consentModal: {
          title: 'Cookies and storage on this site',
          description: 'We use cookies so that this site works and, with your consent, for analytics and marketing. <a href="/privacy">Privacy policy</a>',
          acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', showPreferencesBtn: 'Preferences',
        },
        preferencesModal: {
          title: 'Privacy preferences', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', savePreferencesBtn: 'Save my choice',
          sections: [
            { title: 'Functional', description: 'Needed for the site to work.', linkedCategory: 'necessary' },
            { title: 'Analytics', description: 'How the site is used.', linkedCategory: 'analytics' },
            { title: 'Marketing', description: 'Offers tailored to you.', linkedCategory: 'marketing' },
          ],
        },
      },
    },
  },
});
