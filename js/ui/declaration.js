// The cookie declaration for the site's cookie policy: <div data-smartcp-declaration></div> gets, in its
// own shadow root, per category what the site declares (the vendors it configured, its catalog, the
// platforms it lists in `declare`) as tables always open, in the visitor's language, themed by the same
// --smartcp-* custom properties as the banner.
import { h } from './dom.js';
import { storageTable } from './storage-table.js';

/**
 * @param {object} o
 * @param {Document} o.doc
 * @param {(id: string, vars?: object) => string} o.t
 * @param {(count: number) => string} o.days
 * @param {string} o.lang
 * @param {Record<string, any[]>} o.groups declared entries by category
 * @param {Record<string, any>} o.vendors
 * @param {number} o.maxCookieDays
 * @returns {HTMLElement}
 */
export function renderDeclaration({ doc, t, days, lang, groups, vendors, maxCookieDays }) {
  const section = (category) => {
    const entries = groups[category] ?? [];
    return h(doc, 'section', { class: 'declaration-category' },
      h(doc, 'h3', { class: 'title' }, t(`${category}Title`)),
      h(doc, 'p', { class: 'muted' }, t(`${category}Description`)),
      entries.length
        ? storageTable({ doc, t, days, category, entries, vendors, maxCookieDays })
        : h(doc, 'p', { class: 'muted' }, t('none')));
  };
  return h(doc, 'div', { class: 'declaration', lang }, ['functional', 'analytics', 'marketing'].map(section));
}
