// The preferences dialog: a switch per category (functional on and locked), what each category stores,
// and save / accept all / reject all. A modal <dialog>: the page behind is inert, focus stays inside,
// Escape closes it.
import { h } from './dom.js';
import { renderStorageTable } from './storage-table.js';

/**
 * @param {object} o
 * @param {Document} o.doc
 * @param {(id: string, vars?: object) => string} o.t
 * @param {(count: number) => string} o.days
 * @param {string} o.lang
 * @param {{analytics: boolean, marketing: boolean}} o.choice the switches' state (no record: both off)
 * @param {Record<string, any[]>} o.groups catalog entries by category
 * @param {Record<string, any>} o.vendors
 * @param {{platform: string, category: string}[]} o.held platforms whose scripts or requests wait for consent
 * @param {number} o.expiryDays
 * @param {number} o.maxCookieDays
 * @param {string|null} o.policyUrl
 * @param {string|null} o.note the Global Privacy Control notice, when it applies
 * @param {(action: string, choice: {analytics: boolean, marketing: boolean}) => void} o.onAction
 * @param {(choice: {analytics: boolean, marketing: boolean}) => void} o.onToggle
 * @param {() => void} o.onClose
 */
export function renderPreferences(o) {
  const { doc, t, days, lang } = o;
  const choice = { ...o.choice };

  const category = (name) => {
    const id = `smartcp-category-${name}`;
    const locked = name === 'functional';
    const input = h(doc, 'input', {
      type: 'checkbox', role: 'switch', id, class: 'switch', 'data-smartcp-category': name,
      'aria-describedby': `${id}-text`, checked: locked || choice[name], disabled: locked,
      onchange: (event) => {
        choice[name] = event.target.checked;
        o.onToggle({ ...choice });
      },
    });
    return h(doc, 'section', { class: 'category', 'aria-labelledby': `${id}-label` },
      h(doc, 'div', { class: 'category-head' },
        h(doc, 'label', { for: id, id: `${id}-label`, class: 'category-title' }, t(`${name}Title`)),
        locked && h(doc, 'span', { class: 'badge' }, t('alwaysOn')),
        input),
      h(doc, 'p', { id: `${id}-text`, class: 'muted' }, t(`${name}Description`)),
      heldNote(name),
      renderStorageTable({
        doc, t, days, category: name, entries: o.groups[name] ?? [], vendors: o.vendors, maxCookieDays: o.maxCookieDays,
      }));
  };

  // What "accept" would switch on: the platforms whose scripts or requests this page held for the category.
  const heldNote = (name) => {
    const platforms = (o.held ?? []).filter((p) => p.category === name).map((p) => p.platform);
    return platforms.length ? h(doc, 'p', { class: 'muted held' }, t('heldPlatforms', { platforms: platforms.join(', ') })) : null;
  };

  const button = (action, label, kind) => h(doc, 'button', {
    type: 'button', class: `btn ${kind}`, 'data-smartcp-action': action, onclick: () => o.onAction(action, { ...choice }),
  }, label);

  const dialog = h(doc, 'dialog', {
    class: 'dialog layer', lang, 'aria-labelledby': 'smartcp-dialog-title', 'aria-describedby': 'smartcp-dialog-text',
    // Escape: the dialog closes our way (focus back, banner back when nothing was chosen).
    oncancel: (event) => {
      event.preventDefault();
      o.onClose();
    },
  },
  h(doc, 'div', { class: 'dialog-head' },
    h(doc, 'h2', { id: 'smartcp-dialog-title', class: 'title' }, t('dialogTitle')),
    h(doc, 'button', { type: 'button', class: 'close', 'aria-label': t('close'), title: t('close'), onclick: () => o.onClose() })),
  h(doc, 'div', { class: 'dialog-body' },
    h(doc, 'p', { id: 'smartcp-dialog-text', class: 'text' }, t('dialogDescription', { days: days(o.expiryDays) }),
      o.policyUrl && [' ', h(doc, 'a', { href: o.policyUrl, class: 'link' }, t('policyLink'))]),
    o.note && h(doc, 'p', { class: 'note' }, o.note),
    ['functional', 'analytics', 'marketing'].map(category)),
  h(doc, 'div', { class: 'actions' },
    button('reject-all', t('rejectAll'), 'primary'),
    button('accept-all', t('acceptAll'), 'primary'),
    button('save', t('save'), 'secondary')));
  return dialog;
}
