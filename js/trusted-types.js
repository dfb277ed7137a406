// Pages that enforce Trusted Types (`require-trusted-types-for 'script'`) refuse plain strings as a
// script's URL or text, and as HTML. SmartCP passes its own through its policy, named `smartcp`: such a
// page lists it in its CSP (`trusted-types smartcp`). The policy is created once, by smartcp.js, and
// never leaves SmartCP's own code (a page script must not get a pass-through policy from it). It trusts
// only what SmartCP itself loads or puts back: its own files, the vendors' scripts of the config,
// scripts the page wrote as <script type="text/plain"> or pasted into its HTML, and HTML the page gave as
// trusted, with tracker tags in it held.

/**
 * @param {Window & typeof globalThis} win
 * @returns {{script(text: string): any, scriptURL(url: string): any, html(text: string): any,
 *   isHTML(value: unknown): boolean}}
 */
export function createTrusted(win) {
  let policy = null;
  let isHTML = () => false;
  try {
    const tt = win.trustedTypes;
    if (tt) {
      const check = tt.isHTML;
      isHTML = (value) => Reflect.apply(check, tt, [value]);
      policy = tt.createPolicy('smartcp', { createScript: (s) => s, createScriptURL: (s) => s, createHTML: (s) => s });
    }
  } catch {
    // the page's CSP does not allow the name: plain strings, which such a page then refuses (reported)
  }
  return Object.freeze({
    __proto__: null,
    script: (text) => (policy ? policy.createScript(text) : text),
    scriptURL: (url) => (policy ? policy.createScriptURL(url) : url),
    html: (text) => (policy ? policy.createHTML(text) : text),
    isHTML,
  });
}
