// Stand-in for Google's tag (gtag.js), which cannot load here. Like the real one it reads the
// `arguments` entries queued in dataLayer and takes over its push; it keeps the Consent Mode state it
// received in window.__gtag and writes its _ga cookie only while analytics_storage is granted.
(() => {
  const dataLayer = (window.dataLayer = window.dataLayer || []);
  const state = (window.__gtag = { defaults: null, current: null, updates: 0 });
  const handle = (entry) => {
    if (Object.prototype.toString.call(entry) !== '[object Arguments]' || entry[0] !== 'consent') return;
    const { wait_for_update: _wait, ...signals } = entry[2] || {};
    if (entry[1] === 'default') state.defaults = { ...signals };
    if (entry[1] === 'update') state.updates += 1;
    state.current = { ...(state.current || {}), ...signals };
    if (state.current.analytics_storage === 'granted' && !document.cookie.includes('_ga=')) {
      document.cookie = `_ga=GA1.1.${Math.floor(Math.random() * 1e9)}.${Math.floor(Date.now() / 1000)}; Path=/; Max-Age=${400 * 86400}; SameSite=Lax`;
    }
    window.dispatchEvent(new CustomEvent('demo:gtag'));
  };
  dataLayer.forEach(handle);
  const push = dataLayer.push.bind(dataLayer);
  dataLayer.push = (...entries) => {
    entries.forEach(handle);
    return push(...entries);
  };
})();
