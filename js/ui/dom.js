// Builds elements from data. Strings become text nodes: nothing the config or a catalog says is ever
// parsed as HTML.

/**
 * @param {Document} doc
 * @param {string} tag
 * @param {Record<string, any>} [attrs] `class`, `data-*`, `aria-*` and other attributes; `on<event>` handlers;
 *   false/null/undefined values are skipped, true gives an empty attribute
 * @param {...(Node|string|null|undefined|false)} children
 */
export function h(doc, tag, attrs = {}, ...children) {
  const el = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === false || child == null) continue;
    el.append(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
  return el;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/** The elements Tab reaches inside `container`, in order (those not rendered are skipped). */
export function focusables(container) {
  return [...container.querySelectorAll(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
}
