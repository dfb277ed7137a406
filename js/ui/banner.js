// The first layer: a short text, the privacy policy link, "accept all" and "reject all" of equal size,
// weight and colour, and the preferences. As a corner box or a full-width bar it is a non-modal dialog:
// the page stays usable. As a modal (layout "modal") it is a modal <dialog> over the dimmed page, and
// Escape does not close it: closing is not consent.
import { h } from './dom.js';

/**
 * @param {object} o
 * @param {Document} o.doc
 * @param {(id: string) => string} o.t
 * @param {string} o.lang
 * @param {string|null} o.policyUrl
 * @param {string|null} o.note the Global Privacy Control notice, when it applies
 * @param {'box'|'bar'|'modal'} o.layout
 * @param {string} o.position the config's, "auto" resolved (a modal is always centred)
 * @param {(action: string) => void} o.onAction 'accept-all' | 'reject-all' | 'preferences'
 */
export function renderBanner({ doc, t, lang, policyUrl, note, layout, position, onAction }) {
  const button = (action, label, kind) =>
    h(doc, 'button', { type: 'button', class: `btn ${kind}`, 'data-smartcp-action': action, onclick: () => onAction(action) }, label);
  const modal = layout === 'modal';
  return h(doc, modal ? 'dialog' : 'div', {
    class: 'banner layer', 'data-layout': modal || layout === 'bar' ? layout : 'box', 'data-position': position || 'bottom-right', lang,
    ...(modal ? { oncancel: (event) => event.preventDefault() } : { role: 'dialog', 'aria-modal': 'false' }),
    'aria-labelledby': 'smartcp-banner-title', 'aria-describedby': 'smartcp-banner-text',
  },
  h(doc, 'div', { class: 'banner-text' },
    h(doc, 'h2', { id: 'smartcp-banner-title', class: 'title', ...(modal ? { tabindex: '-1' } : {}) }, t('title')),
    h(doc, 'p', { id: 'smartcp-banner-text', class: 'text' }, t('description'),
      policyUrl && [' ', h(doc, 'a', { href: policyUrl, class: 'link' }, t('policyLink'))]),
    note && h(doc, 'p', { class: 'note' }, note)),
  h(doc, 'div', { class: 'actions' },
    button('accept-all', t('acceptAll'), 'primary'),
    button('reject-all', t('rejectAll'), 'primary'),
    button('preferences', t('preferences'), 'secondary')));
}
