/**
 * Adds an async classic script, with the page's nonce; `created` sees the element before it is inserted.
 * Resolves (with nothing) when it has run.
 * @param {ReturnType<import('./trusted-types.js').createTrusted>} trusted
 */
export function loadScript(doc, src, nonce, trusted, created) {
  return new Promise((resolve, reject) => {
    const el = doc.createElement('script');
    el.src = trusted.scriptURL(src);
    el.async = true;
    if (nonce) el.nonce = nonce;
    el.onload = () => resolve();  // not with the event: a page's Object.prototype.then would see it
    el.onerror = () => reject(new Error(`could not load ${src}`));
    created?.(el);
    doc.head.append(el);
  });
}
