// The widget's one element on the page: <smartcp-widget> with an open shadow root, so that the page's
// CSS cannot reach in and ours cannot leak out. Styles are constructed stylesheets: a page whose CSP is
// `style-src 'self'` allows them, where it would refuse a <style> element or a style attribute.

/**
 * @param {Window & typeof globalThis} win
 * @param {{theme: string, nonce?: string}} options theme: 'auto' (the page's colour scheme, else prefers-color-scheme), 'light', 'dark'
 */
export function createHost(win, { theme, nonce }) {
  const doc = win.document;
  const host = doc.createElement('smartcp-widget');
  const root = host.attachShadow({ mode: 'open' });
  const sheets = [];

  // The stylesheet knows two themes. `auto` follows the page's own colour scheme when it declares only
  // one (<meta name="color-scheme"> or `color-scheme` on <html>): a light-only site gets a light banner
  // on a dark OS. Otherwise the visitor's setting, followed when it changes.
  const dark = theme === 'auto' ? win.matchMedia?.('(prefers-color-scheme: dark)') : null;
  const pageScheme = () => {
    try {
      const declared = `${doc.querySelector('meta[name="color-scheme"]')?.content ?? ''} ${win.getComputedStyle(doc.documentElement).colorScheme ?? ''}`;
      const light = /\blight\b/i.test(declared);
      const darkToo = /\bdark\b/i.test(declared);
      return light !== darkToo ? (light ? 'light' : 'dark') : null;
    } catch {
      return null;
    }
  };
  // Set as the host enters the page, not before: reading the page's computed colour scheme makes the
  // browser compute its style there and then, which while the page is still being parsed is work done twice.
  const applyTheme = () => { host.dataset.theme = dark ? pageScheme() ?? (dark.matches ? 'dark' : 'light') : theme; };
  dark?.addEventListener?.('change', applyTheme);

  const addStyles = (css) => {
    if (root.adoptedStyleSheets !== undefined && win.CSSStyleSheet) {
      const sheet = new win.CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.push(sheet);
      root.adoptedStyleSheets = [...sheets];
    } else {
      // Without constructed stylesheets: a <style> element, allowed by CSPs that allow the script's nonce.
      const style = doc.createElement('style');
      style.textContent = css;
      if (nonce) style.nonce = nonce;
      root.append(style);
    }
  };

  let themed = false;
  const body = new Promise((resolve) => {
    if (doc.body) resolve();
    else doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true });
  });

  return {
    host,
    root,
    addStyles,
    /** Another shadow root of SmartCP's (the cookie declaration) gets the same styles, then `css`. */
    styleAnother(other, css) {
      if (other.adoptedStyleSheets === undefined || !win.CSSStyleSheet) return;
      const own = new win.CSSStyleSheet();
      own.replaceSync(css);
      other.adoptedStyleSheets = [...sheets, own];
    },
    /**
     * Resolves once the host is in the page: first in <body>, so that keyboard users reach the banner
     * first. The host takes no space (display: contents); what it shows is position: fixed.
     */
    mount: () => body.then(() => {
      if (!themed) applyTheme();  // here: the page's <meta name="color-scheme"> may come after smartcp.js
      themed = true;
      if (!host.isConnected) doc.body.prepend(host);
    }),
  };
}
