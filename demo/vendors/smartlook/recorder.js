// Stand-in for Smartlook's https://web-sdk.smartlook.com/recorder.js, which cannot load here. It takes
// over the queue of the real stub (smartlook.api) and writes what the real recorder writes: a probe
// cookie at ever broader domains to find its cookie domain, SL_C_23361dd035530_SID, the localStorage
// copy SL_L_23361dd035530_SID, and recorded chunks queued in smartlook_queued_chunks. `pause` stops it,
// `resume` or `record` start it again. Calls are kept in window.__smartlook for the panel and the tests.
(() => {
  const PREFIX = '23361dd035530';
  const state = (window.__smartlook = { calls: [], key: null, region: null, recording: false, chunks: 0 });
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  let events = 0;
  let timer = null;
  document.addEventListener('click', () => { events += 1; }, true);
  document.addEventListener('pointermove', () => { events += 1; }, { capture: true, passive: true });

  // The narrowest domain that takes a cookie: tried from the registrable end, deleted again.
  const cookieDomain = () => {
    const host = location.hostname;
    if (/^[\d.]+$/.test(host) || !host.includes('.')) return '';
    const parts = host.split('.');
    for (let i = parts.length - 2; i >= 0; i--) {
      const domain = parts.slice(i).join('.');
      document.cookie = `SL_C_${PREFIX}_DOMAIN=true; Domain=${domain}; Path=/`;
      const ok = document.cookie.includes(`SL_C_${PREFIX}_DOMAIN=true`);
      document.cookie = `SL_C_${PREFIX}_DOMAIN=; Domain=${domain}; Path=/; Max-Age=0`;
      if (ok) return domain;
    }
    return '';
  };
  const start = () => {
    if (state.recording) return;
    state.recording = true;
    const domain = cookieDomain();
    const sid = localStorage.getItem(`SL_L_${PREFIX}_SID`) || `${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 8)}`;
    document.cookie = `SL_C_${PREFIX}_SID=${sid}; Path=/; Max-Age=${395 * 86400}; SameSite=Strict${secure}${domain ? `; Domain=${domain}` : ''}`;
    localStorage.setItem(`SL_L_${PREFIX}_SID`, sid);
    timer = setInterval(() => {
      if (document.visibilityState !== 'visible') return;
      const queued = JSON.parse(localStorage.getItem('smartlook_queued_chunks') || '[]');
      queued.push({ t: Date.now(), events });
      events = 0;
      state.chunks += 1;
      localStorage.setItem('smartlook_queued_chunks', JSON.stringify(queued.slice(-3)));  // "uploaded" beyond three
    }, 1500);
  };
  const stop = () => {
    state.recording = false;
    clearInterval(timer);
  };

  const run = (args) => {
    const [command, ...rest] = args;
    state.calls.push([...args]);
    if (command === 'init') [state.key, { region: state.region } = {}] = rest;
    else if (command === 'record' || command === 'resume') start();
    else if (command === 'pause') stop();
    else if (command === 'anonymize') ['smartlook_queued_chunks', `SL_L_${PREFIX}_SID`].forEach((k) => localStorage.removeItem(k));
  };
  const queued = window.smartlook?.api || [];
  window.smartlook = function smartlook() { run(arguments); };
  window.smartlook.api = [];
  for (const args of queued) run(args);
})();
