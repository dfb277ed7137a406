// Proof of each choice, sent to the site owner's `logEndpoint` as JSON. Only what proves the choice: no
// cookie, no query string, nothing typed by the visitor. Same-origin endpoints get a beacon (it survives
// the page being closed); others a keepalive fetch, which needs CORS on the endpoint.

/**
 * @param {Window & typeof globalThis} win
 * @param {string} endpoint
 * @returns {(record: any) => void}
 */
export function consentLogger(win, endpoint) {
  const url = new URL(endpoint, win.location.href);
  return (record) => {
    const body = JSON.stringify({
      id: record.id, revision: record.revision, categories: record.categories, method: record.method,
      timestamp: record.timestamp, lang: record.lang, textHash: record.textHash, gpc: record.gpc,
      url: win.location.origin + win.location.pathname,
    });
    if (url.origin === win.location.origin && win.navigator.sendBeacon?.(url.href, new win.Blob([body], { type: 'application/json' }))) return;
    win.fetch(url.href, { method: 'POST', body, keepalive: true, credentials: 'omit', headers: { 'content-type': 'application/json' } })
      .catch(() => {});  // a lost log entry must not disturb the page; the record stays in the cookie
  };
}
