// <script type="text/plain" data-category="analytics" src="…"> (or with an inline body), in the page at
// load or added later, runs once when every category it names is granted: as a new <script> in its
// place, with its attributes, its nonce, and its async or in-order execution.

const SELECTOR = 'script[type="text/plain"][data-category]';
const KNOWN = new Set(['functional', 'analytics', 'marketing']);

/**
 * @param {Window & typeof globalThis} win
 * @param {(message: string) => void} warn
 * @param {ReturnType<import('../trusted-types.js').createTrusted>} trusted
 */
export function scriptActivator(win, warn, trusted) {
  const doc = win.document;
  let granted = { functional: true, analytics: false, marketing: false };

  const categoriesOf = (el) => el.dataset.category.split(/[\s,]+/).filter(Boolean);
  const activate = (el) => {
    const categories = categoriesOf(el);
    const unknown = categories.filter((c) => !KNOWN.has(c));
    if (unknown.length) {
      if (!el.dataset.smartcpWarned) warn(`<script data-category="${el.dataset.category}">: unknown category ${unknown.join(', ')}; it never runs`);
      el.dataset.smartcpWarned = '1';
      return;
    }
    if (!categories.length || !categories.every((c) => granted[c])) return;
    const run = doc.createElement('script');
    for (const { name, value } of el.attributes) {
      if (name !== 'type' && name !== 'data-category' && name !== 'nonce' && name !== 'src') run.setAttribute(name, value);
    }
    if (el.hasAttribute('src')) run.src = trusted.scriptURL(el.getAttribute('src'));
    if (el.dataset.type) run.type = el.dataset.type;  // data-type="module" for module scripts
    if (el.nonce) run.nonce = el.nonce;  // the attribute is hidden once parsed; the property keeps it
    // Inserted scripts run async; without the async attribute they keep their order, as parsed ones would.
    run.async = el.hasAttribute('async');
    if (!el.hasAttribute('src')) run.text = trusted.script(el.textContent);
    run.dataset.smartcpActivated = el.dataset.category;
    el.replaceWith(run);
  };

  const scan = () => {
    for (const el of doc.querySelectorAll(SELECTOR)) activate(el);
  };
  // Scripts added later: by the parser while the page loads, or by the page's code.
  new win.MutationObserver((records) => {
    if (records.some((r) => [...r.addedNodes].some((n) => n.nodeType === 1 && (n.matches(SELECTOR) || n.querySelector?.(SELECTOR))))) scan();
  }).observe(doc.documentElement, { childList: true, subtree: true });

  return {
    /** @param {{analytics: boolean, marketing: boolean}} next */
    apply(next) {
      granted = { functional: true, analytics: next.analytics, marketing: next.marketing };
      scan();
    },
  };
}
