// The chat inside its iframe, as Smartsupp's v3 widget stores things: ONE localStorage key
// ssupp_<CHAT_KEY> holding a JSON object (vid, sessionId, opened, message, enableSounds,
// analyticsConsent, marketingConsent, visits), ssupp_<CHAT_KEY>_cards for the conversation, and the
// cookie [cookiePrefix]ssupp.vid only when cookieDomain is set. `visits` is a marketing field: it is
// counted only with marketing consent, and deleted when that consent is withdrawn.
(() => {
  const id = () => Math.random().toString(36).slice(2, 12);
  let key = '';
  let data = {};
  let consent = { analytics: false, marketing: false };
  let options = {};
  let resize = () => {};

  const save = () => localStorage.setItem(`ssupp_${key}`, JSON.stringify(data));
  const cards = () => JSON.parse(localStorage.getItem(`ssupp_${key}_cards`) || '[]');
  const $ = (sel) => document.querySelector(sel);

  const render = () => {
    $('#window').hidden = !data.opened;
    $('#bubble').hidden = !!data.opened;
    $('#bubble').setAttribute('aria-expanded', String(!!data.opened));
    resize(!!data.opened);
    $('#meta').textContent = `visitor ${data.vid} · analytics ${consent.analytics ? 'on' : 'off'} · marketing ${consent.marketing ? 'on' : 'off'}`
      + (data.visits ? ` · visit ${data.visits}` : '');
  };
  const showCards = () => {
    const log = $('#log');
    for (const text of cards()) {
      const li = document.createElement('li');
      li.textContent = text;
      log.append(li);
    }
  };

  window.smartsuppWidget = {
    start(config, shared, setSize) {
      options = config;
      key = config.key;
      resize = setSize;
      consent = { ...shared.consent };
      data = JSON.parse(localStorage.getItem(`ssupp_${key}`) || '{}');
      data.vid ||= id();
      data.sessionId = id();
      data.opened ??= false;
      data.enableSounds ??= true;
      data.analyticsConsent = consent.analytics;
      data.marketingConsent = consent.marketing;
      if (consent.marketing) data.visits = (data.visits || 0) + 1;
      save();
      if (config.cookieDomain) {
        document.cookie = `${config.cookiePrefix || ''}ssupp.vid=${data.vid}; Domain=${config.cookieDomain}; Path=${config.cookiePath || '/'}; `
          + `Max-Age=${182 * 86400}; SameSite=Strict${location.protocol === 'https:' ? '; Secure' : ''}`;
      }
      showCards();
      render();
    },
    command(command, value) {
      if (command === 'analyticsConsent') consent.analytics = value === true;
      else if (command === 'marketingConsent') {
        consent.marketing = value === true;
        if (!consent.marketing) delete data.visits;  // withdrawing marketing deletes the visit counter
      } else if (command === 'chat:open') data.opened = true;
      else if (command === 'chat:close') data.opened = false;
      else return;
      data.analyticsConsent = consent.analytics;
      data.marketingConsent = consent.marketing;
      if (key) {
        save();
        render();
      }
    },
  };

  document.addEventListener('DOMContentLoaded', () => {
    $('#bubble').addEventListener('click', () => window.smartsuppWidget.command('chat:open'));
    $('#close').addEventListener('click', () => window.smartsuppWidget.command('chat:close'));
    $('#draft').addEventListener('input', (e) => {
      data.message = e.target.value;
      save();
    });
    $('#form').addEventListener('submit', (e) => {
      e.preventDefault();
      const text = $('#draft').value.trim();
      if (!text) return;
      localStorage.setItem(`ssupp_${key}_cards`, JSON.stringify([...cards(), text].slice(-20)));
      const li = document.createElement('li');
      li.textContent = text;
      $('#log').append(li);
      $('#draft').value = '';
      data.message = '';
      save();
    });
  });
})();
