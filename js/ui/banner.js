// The first layer: a short text, the privacy policy link, and three buttons of equal size, weight and
// colour. It is a non-modal dialog: the page stays usable, and closing it is not consent.
import { h } from './dom.js';

/**
 * @param {object} o
 * @param {Document} o.doc
 * @param {(id: string) => string} o.t
 * @param {string} o.lang
 * @param {string|null} o.policyUrl
 * @param {string|null} o.note the Global Privacy Control notice, when it applies
 * @param {(action: string) => void} o.onAction 'accept-all' | 'reject-all' | 'preferences'
 */
export function renderBanner({ doc, t, lang, policyUrl, note, onAction }) {
  const button = (action, label) =>
    h(doc, 'button', { type: 'button', class: 'btn', 'data-smartcp-action': action, onclick: () => onAction(action) }, label);
  return h(doc, 'div', {
    class: 'banner layer', role: 'dialog', 'aria-modal': 'false', lang,
    'aria-labelledby': 'smartcp-banner-title', 'aria-describedby': 'smartcp-banner-text',
  },
  h(doc, 'div', { class: 'banner-text' },
    h(doc, 'h2', { id: 'smartcp-banner-title', class: 'title' }, t('title')),
    h(doc, 'p', { id: 'smartcp-banner-text', class: 'text' }, t('description'),
      policyUrl && [' ', h(doc, 'a', { href: policyUrl, class: 'link' }, t('policyLink'))]),
    note && h(doc, 'p', { class: 'note' }, note)),
  h(doc, 'div', { class: 'actions' },
    button('accept-all', t('acceptAll')),
    button('reject-all', t('rejectAll')),
    button('preferences', t('preferences'))));
}
