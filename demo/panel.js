// The live panel beside the demo shop: every cookie and storage key present, with the category it
// needs and where that classification comes from (the site's catalog, a vendor's, the tracker database);
// the writes, scripts and requests SmartCP refused and why; the consent record; the Consent Mode state
// Google's tag received; what the vendors were told. It reads storage as the page sees it and updates as
// things happen.
import { loadDemoCore } from './core.js';

const $ = (selector) => document.querySelector(selector);
const el = (tag, { dataset = {}, ...props } = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  Object.assign(node.dataset, dataset);
  node.append(...children.filter((c) => c != null));
  return node;
};

let engine = null;  // the panel's own core, with the page's config: it names each key's category
async function startEngine() {
  engine = (await loadDemoCore()).engine();
  engine.configure(document.getElementById('smartcp-config').textContent);
}
const SOURCES = { 'site-catalog': 'site catalog', 'vendor-catalog': 'vendor catalog', 'vendor-prefix': 'vendor prefix',
  database: 'tracker database', unknown: 'unknown: the site\'s own' };
function describe(name, kind, value) {
  const d = engine.decideWrite(name, kind, value);
  const optional = d.categories.filter((c) => c !== 'functional');
  return { category: optional.length ? optional.join(' + ') : 'functional', vendor: d.platform ?? d.vendor ?? 'site', source: SOURCES[d.source] };
}

function inventory() {
  const rows = [];
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name) rows.push({ name, kind: 'cookie', value: rest.join('=') });
  }
  for (const kind of ['localStorage', 'sessionStorage']) {
    const storage = window[kind];
    for (let i = 0; i < storage.length; i++) {
      const name = storage.key(i);
      rows.push({ name, kind, value: storage.getItem(name) ?? '' });
    }
  }
  return rows.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}

const chip = (category) => el('span', { className: `chip chip-${category.split(' ')[0]}`, textContent: category });
const time = (ms) => new Date(ms).toLocaleTimeString();

function renderConsent() {
  const consent = window.SmartCP.getConsent();
  const box = $('#panel-consent');
  if (!consent) {
    box.replaceChildren(el('p', { className: 'muted', textContent: 'No choice yet: everything optional is refused.' }));
    return;
  }
  const record = JSON.parse(window.SmartCP.exportRecord());
  box.replaceChildren(
    el('p', {}, el('strong', { textContent: consent.method }), ` · ${time(consent.timestamp)} · until ${new Date(consent.expires).toLocaleDateString()}`),
    el('p', {}, ...['functional', 'analytics', 'marketing'].map((c) => el('span', {
      className: `state ${consent.categories[c] ? 'on' : 'off'}`, textContent: `${c} ${consent.categories[c] ? '✓' : '✗'}`,
    }))),
    el('details', {}, el('summary', { textContent: 'The record (proof of consent)' }), el('pre', { textContent: JSON.stringify(record, null, 1) })),
  );
}

function renderStorage() {
  const rows = inventory().map(({ name, kind, value }) => {
    const { category, vendor, source } = describe(name, kind, value);
    return el('tr', { dataset: { key: `${kind}:${name}`, category, source } },
      el('td', {}, el('code', { textContent: name }), value.length > 60 ? null : el('div', { className: 'value', textContent: value })),
      el('td', { textContent: kind === 'cookie' ? 'cookie' : kind === 'localStorage' ? 'local' : 'session' }),
      el('td', {}, chip(category)),
      el('td', {}, vendor, el('div', { className: 'value', textContent: source })));
  });
  $('#panel-storage').replaceChildren(...rows);
  $('#panel-storage-count').textContent = String(rows.length);
}

function renderBlocked() {
  const blocked = window.SmartCP.blocked().slice(-40).reverse();
  $('#panel-blocked-count').textContent = String(window.SmartCP.blocked().length);
  $('#panel-blocked').replaceChildren(...blocked.map((b) => el('tr', { dataset: { key: `${b.kind}:${b.name}` } },
    el('td', {}, el('code', { textContent: b.name.length > 60 ? `${b.name.slice(0, 57)}…` : b.name }), b.platform ? el('div', { className: 'value', textContent: b.platform }) : null),
    el('td', { textContent: { cookie: 'cookie', localStorage: 'local', sessionStorage: 'session' }[b.kind] ?? b.kind }),
    el('td', {}, chip(b.category)),
    el('td', { textContent: b.reason }),
    el('td', { textContent: time(b.time) }))));
}

function renderSignals() {
  const gtag = window.__gtag;
  const names = ['analytics_storage', 'ad_storage', 'ad_user_data', 'ad_personalization', 'functionality_storage', 'security_storage'];
  $('#panel-signals').replaceChildren(...names.map((name) => el('tr', { dataset: { signal: name } },
    el('td', {}, el('code', { textContent: name })),
    el('td', { textContent: gtag?.defaults?.[name] ?? '–' }),
    el('td', { className: gtag?.current?.[name] === 'granted' ? 'on' : 'off', textContent: gtag?.current?.[name] ?? '–' }))));
  $('#panel-updates').textContent = String(gtag?.updates ?? 0);
}

// The pasted pixel tag: held (a type="text/plain" script marked data-smartcp-held), or run, and how often.
function renderSnippets() {
  const held = [...document.querySelectorAll('script[data-smartcp-held]')].map((s) => s.getAttribute('src'));
  const pixel = window.__pixel;
  $('#panel-snippets').replaceChildren(
    el('li', {}, el('code', { textContent: '/vendors/meta/pixel.js' }), ' ',
      pixel ? `ran ${pixel.runs === 1 ? 'once' : `${pixel.runs} times`}, at ${time(pixel.at)}`
        : held.includes('/vendors/meta/pixel.js') ? 'held: waits for marketing' : 'not run'),
  );
}

function renderVendors() {
  const ss = window.__smartsupp;
  const sl = window.__smartlook;
  const last = (calls, command) => calls?.filter((c) => c[0] === command).at(-1)?.[1];
  $('#panel-vendors').replaceChildren(
    el('li', {}, el('strong', { textContent: 'Smartsupp chat: ' }), ss
      ? `loaded (functional) · told analyticsConsent ${last(ss.calls, 'analyticsConsent')}, marketingConsent ${last(ss.calls, 'marketingConsent')}`
        + `${ss.options.recordingOff ? ' · its recording off' : ''}`
      : 'not loaded'),
    el('li', {}, el('strong', { textContent: 'Smartlook recorder: ' }), sl
      ? `${sl.recording ? 'recording' : 'paused'} · ${sl.chunks} chunks · calls: ${sl.calls.map((c) => c[0]).join(', ')}`
      : 'not loaded (needs analytics)'),
  );
}

let last = '';
function render(force = false) {
  if (!engine) return;
  const snapshot = JSON.stringify([document.cookie, inventory(), window.SmartCP.blocked().length, window.SmartCP.getConsent(),
    window.__gtag, window.__smartlook?.chunks, window.__smartlook?.recording, window.__smartsupp?.calls.length, window.__pixel?.runs]);
  if (!force && snapshot === last) return;
  last = snapshot;
  renderConsent();
  renderStorage();
  renderBlocked();
  renderSignals();
  renderSnippets();
  renderVendors();
  document.documentElement.dataset.panel = 'ready';
}

// The panel's frame, the same on every demo page.
function skeleton(panel) {
  const section = (title, ...body) => el('section', { className: 'panel-section' }, el('h2', {}, ...title), ...body);
  const table = (id, heads) => el('table', {}, el('thead', {}, el('tr', {}, ...heads.map((h) => el('th', { scope: 'col', textContent: h })))),
    el('tbody', { id }));
  const api = (name, label) => el('button', { type: 'button', className: 'api', textContent: label, dataset: { api: name } });
  panel.replaceChildren(
    el('p', { className: 'panel-title', textContent: 'SmartCP live view' }),
    section(['Consent'], el('div', { id: 'panel-consent' }, el('p', { className: 'muted', textContent: 'Loading the core…' })),
      el('p', { className: 'api-row' }, api('acceptAll', 'acceptAll()'), api('rejectAll', 'rejectAll()'), api('showPreferences', 'showPreferences()'),
        api('reset', 'reset()'))),
    section(['In storage now ', el('span', { className: 'count', id: 'panel-storage-count', textContent: '0' })],
      table('panel-storage', ['Key', 'Where', 'Needs', 'Vendor, known from'])),
    section(['Refused or held ', el('span', { className: 'count', id: 'panel-blocked-count', textContent: '0' })],
      table('panel-blocked', ['Key', 'Where', 'Needs', 'Why', 'When'])),
    section(['Google Consent Mode ', el('span', { className: 'count', id: 'panel-updates', textContent: '0' }), ' updates'],
      table('panel-signals', ['Signal', 'Default', 'Now'])),
    section(['Pasted tracker tags'], el('ul', { id: 'panel-snippets' })),
    section(['Vendors'], el('ul', { id: 'panel-vendors' })),
  );
}

document.addEventListener('DOMContentLoaded', () => {
  skeleton($('#panel'));
  $('#panel').addEventListener('click', (event) => {
    const action = event.target.closest('[data-api]')?.dataset.api;
    if (action) window.SmartCP[action]().catch(() => {});
  });
});
window.SmartCP.ready.then(startEngine).then(() => {
  for (const event of ['consent', 'change', 'blocked']) window.SmartCP.on(event, () => render());
  window.addEventListener('demo:gtag', () => render());
  window.addEventListener('demo:pixel', () => render());
  setInterval(render, 400);  // storage has no event for the page's own writes: look again
  render(true);
}, (error) => {
  $('#panel-consent').textContent = `SmartCP could not start: ${error.message}`;
});
