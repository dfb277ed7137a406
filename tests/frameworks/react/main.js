// A React app as a developer writes one with SmartCP: the consent as state, a gated part, the actions.
import { StrictMode, createElement as h, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { ConsentGate, useConsent, useSmartCP } from 'smartcp/react';

window.__renders = 0;
window.__analyticsMounts = 0;

function Status() {
  const consent = useConsent();
  window.__renders += 1;
  return h('p', { id: 'status' }, consent ? `analytics ${consent.categories.analytics}, marketing ${consent.categories.marketing}` : 'no choice yet');
}

function Analytics() {
  useEffect(() => {
    window.__analyticsMounts += 1;
  }, []);
  return h('p', { id: 'analytics' }, 'analytics mounted');
}

function App() {
  const { rejectAll, showPreferences } = useSmartCP();
  return h('main', null,
    h('h1', null, 'Shop'),
    h(Status),
    h(ConsentGate, { category: 'analytics', fallback: h('p', { id: 'analytics-off' }, 'analytics off') }, h(Analytics)),
    h('button', { id: 'withdraw', onClick: () => rejectAll() }, 'Withdraw'),
    h('button', { id: 'prefs', onClick: () => showPreferences() }, 'Cookie settings'));
}

createRoot(document.getElementById('root')).render(h(StrictMode, null, h(App)));
