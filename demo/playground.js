// The demo page's script: drives the WebAssembly core directly. Everything is rendered as text.
import { decodeDecision } from '/js/decision.js';
import { KIND } from '/js/engine.js';
import { loadDemoCore } from './core.js';

const $ = (id) => document.getElementById(id);
const NOW = () => Date.now();

const SAMPLE_WRITES = [
  ['ssupp.vid', 'cookie', 'Smartsupp'],
  ['ssupp.visits', 'cookie', 'Smartsupp'],
  ['_ss.enableSounds', 'localStorage', 'Smartsupp'],
  ['ssupp_CHAT_KEY', 'localStorage', 'Smartsupp'],
  ['ssupp_CHAT_KEYvisits', 'localStorage', 'Smartsupp'],
  ['SL_C_23361dd035530_SID', 'cookie', 'Smartlook'],
  ['SL_C_23361dd035530_DOMAIN', 'cookie', 'Smartlook'],
  ['SL_L_23361dd035530_SID', 'localStorage', 'Smartlook'],
  ['smartlook_queued_chunks', 'localStorage', 'Smartlook'],
  ['_ga', 'cookie', 'the site (owner catalog)'],
  ['_fbp', 'cookie', 'the site (owner catalog)'],
  ['cart', 'localStorage', 'the site'],
];

const CONFIG = {
  vendors: { smartsupp: { key: 'CHAT_KEY' }, smartlook: { key: 'PROJECT_KEY' } },
  catalog: [
    { name: '_ga', kind: 'cookie', category: 'analytics', vendor: 'Google Analytics', retentionDays: 395,
      purpose: { en: 'Distinguishes visitors for statistics.', pl: 'Odróżnia odwiedzających na potrzeby statystyk.', cs: 'Rozlišuje návštěvníky pro statistiky.' } },
    { name: '_fbp', kind: 'cookie', category: 'marketing', vendor: 'Meta', retentionDays: 90,
      purpose: { en: 'Measures ads.', pl: 'Mierzy skuteczność reklam.', cs: 'Měří reklamy.' } },
  ],
};

function element(tag, text, className) {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (className) el.className = className;
  return el;
}

function row(cells) {
  const tr = document.createElement('tr');
  for (const cell of cells) {
    const td = document.createElement('td');
    td.append(cell);  // a node, or a string as text
    tr.append(td);
  }
  return tr;
}

function badge(verdict) {
  return element('span', verdict, `badge ${verdict}`);
}

async function main() {
  const core = await loadDemoCore();
  const engine = core.engine();
  const decide = (name, kind) => engine.decide(name, kind);
  engine.configure(JSON.stringify(CONFIG));

  const render = () => {
    engine.setConsent($('analytics').checked, $('marketing').checked);
    const tbody = $('writes');
    tbody.replaceChildren(...SAMPLE_WRITES.map(([name, kind, vendor]) => {
      const d = decodeDecision(decide(name, KIND[kind]));
      const why = d.verdict === 'refuse' ? `needs ${d.refused.join(' + ')}` : d.source === 'unknown' ? 'the site’s own key' : `${d.required.join(' + ')} (${vendor})`;
      return row([element('code', name), kind, badge(d.verdict), why]);
    }));
    const signals = engine.consentMode();
    $('signals').replaceChildren(...Object.entries(signals).flatMap(([k, v]) => [element('dt', k), element('dd', v, v)]));
  };

  const tryWrite = (event) => {
    event?.preventDefault();
    const kind = $('try-kind').value;
    const value = $('try-value').value;
    const result = kind === 'cookie'
      ? engine.decideCookieJson(value, NOW())
      : engine.decideWrite($('try-name').value, kind, value);
    $('try-result').textContent = JSON.stringify(result, null, 2);
    $('try-result').className = `result ${result.verdict ?? 'refuse'}`;
  };

  // The built-in entries' purposes, from the language's source file (the widget fetches them as smartcp-purposes-<lang>.js).
  const purposes = {};
  const purposesOf = (lang) => (purposes[lang] ??= fetch(`/js/locales/${lang}.json`).then((r) => r.json()).then((l) => l.purposes));
  const renderCatalog = async () => {
    const lang = $('lang').value;
    const table = await purposesOf(lang).catch(() => ({}));
    if (lang !== $('lang').value) return;  // switched again meanwhile
    const { entries } = engine.catalog(lang);
    $('catalog').replaceChildren(...entries.map((e) => row([
      element('code', e.name), e.kinds.join(', '), e.vendorLabel || '—', e.categories.filter((c) => c !== 'functional').join(', ') || 'functional',
      e.retentionDays === null ? (e.kinds[0] === 'cookie' ? 'session' : 'persistent') : `${e.retentionDays} d`,
      e.purpose ?? table[e.purposeId] ?? '',
    ])));
  };

  const checkConfig = () => {
    const probe = core.engine();
    const result = probe.configure($('config').value);
    probe.delete();
    $('issues').replaceChildren(...(result.issues.length ? result.issues : [{ severity: 'ok', path: '', message: 'no problems' }])
      .map((i) => element('li', `${i.path || '(config)'}: ${i.message}`, i.severity)));
  };

  $('analytics').addEventListener('change', () => { render(); tryWrite(); });
  $('marketing').addEventListener('change', () => { render(); tryWrite(); });
  $('try').addEventListener('submit', tryWrite);
  $('lang').addEventListener('change', renderCatalog);
  $('config').addEventListener('input', checkConfig);
  render();
  tryWrite();
  renderCatalog();
  checkConfig();
  $('status').textContent = 'Core ready: smartcp.wasm is deciding.';
  document.documentElement.dataset.ready = 'true';
}

main().catch((error) => {
  $('status').textContent = `The core could not load: ${error}`;
  document.documentElement.dataset.ready = 'error';
});
