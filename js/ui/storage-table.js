// Per category, the storage keys of the site's vendors and its own, from the core's catalog: a
// disclosure with a table (name, type, provider, purpose, retention) and the processors behind them.
import { h } from './dom.js';

const KIND_TEXT = { cookie: 'kindCookie', localStorage: 'kindLocalStorage', sessionStorage: 'kindSessionStorage' };

// "Name (company ID …, address) processes data as the provider. Data protection officer: …. Data
// location: …." with only the details the vendor's catalog gives.
function processorText(t, p) {
  const details = [p.companyId && t('processorCompanyId', { companyId: p.companyId }), p.address].filter(Boolean).join(', ');
  return [t('processor', { name: p.name, details: details ? ` (${details})` : '' }),
    p.dpo && t('processorDpo', { dpo: p.dpo }), p.dataLocation && t('processorLocation', { dataLocation: p.dataLocation })]
    .filter(Boolean).join(' ');
}

/**
 * Which category's table lists an entry: each optional category it needs, or functional.
 * @param {{categories: string[]}} entry
 */
export function tablesOf(entry) {
  const optional = entry.categories.filter((c) => c !== 'functional');
  return optional.length ? optional : ['functional'];
}

/**
 * @param {object} o
 * @param {Document} o.doc
 * @param {(id: string, vars?: object) => string} o.t texts in the shown language
 * @param {(count: number) => string} o.days '182 days' in the shown language
 * @param {string} o.category
 * @param {any[]} o.entries catalog entries (Engine::catalog) for this category
 * @param {Record<string, any>} o.vendors catalog vendors, for their processor details
 * @param {number} o.maxCookieDays
 */
export function renderStorageTable({ doc, t, days, category, entries, vendors, maxCookieDays }) {
  const summary = h(doc, 'summary', {}, t('details', { count: entries.length }));
  if (!entries.length) return h(doc, 'details', { class: 'details' }, summary, h(doc, 'p', { class: 'muted' }, t('none')));
  return h(doc, 'details', { class: 'details' }, summary, ...storageTable({ doc, t, days, category, entries, vendors, maxCookieDays }));
}

/**
 * The table of `entries` and the processors behind them: [table, ...processor notes]. For the dialog's
 * disclosures and the cookie declaration.
 */
export function storageTable({ doc, t, days, category, entries, vendors, maxCookieDays }) {
  const retention = (entry) => {
    const kind = entry.kinds[0];
    // A cookie never lives longer than maxCookieDays: the guard caps it.
    if (entry.retentionDays != null) return days(kind === 'cookie' ? Math.min(entry.retentionDays, maxCookieDays) : entry.retentionDays);
    if (kind === 'sessionStorage') return t('retentionSession');
    if (kind === 'localStorage') return t('retentionUntilDeleted');
    return t('retentionUpTo', { days: days(maxCookieDays) });
  };
  const head = ['colName', 'colKind', 'colVendor', 'colPurpose', 'colRetention'].map((id) => h(doc, 'th', { scope: 'col' }, t(id)));
  const rows = entries.map((entry) => h(doc, 'tr', {},
    h(doc, 'th', { scope: 'row' }, h(doc, 'code', {}, entry.name)),
    h(doc, 'td', {}, entry.kinds.map((k) => t(KIND_TEXT[k])).join(', ')),
    h(doc, 'td', {}, entry.builtin || entry.vendor ? entry.vendorLabel || entry.vendor : t('thisSite')),
    h(doc, 'td', {}, entry.purpose),
    h(doc, 'td', {}, retention(entry))));
  const title = t(`${category}Title`);
  // Scrolls sideways on narrow screens; focusable so that keyboard users can scroll it too.
  const table = h(doc, 'div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': t('tableCaption', { category: title }) },
    h(doc, 'table', {}, h(doc, 'caption', { class: 'sr-only' }, t('tableCaption', { category: title })),
      h(doc, 'thead', {}, h(doc, 'tr', {}, head)), h(doc, 'tbody', {}, rows)));

  const processors = [...new Set(entries.map((e) => e.vendor))]
    .map((id) => vendors[id]?.processor)
    .filter((p) => p && p.name)
    .map((p) => h(doc, 'p', { class: 'muted processor' }, processorText(t, p)));
  return [table, ...processors];
}
