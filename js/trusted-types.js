// Pages that enforce Trusted Types (`require-trusted-types-for 'script'`) refuse plain strings as a
// script's URL or text. SmartCP passes them through its own policy, named `smartcp`: such a page lists it
// in its CSP (`trusted-types smartcp`). The policy trusts only what SmartCP itself loads: its own files,
// the vendors' scripts of the config, and scripts the page wrote as <script type="text/plain">.
// One policy per window, shared by smartcp.js and its modules (a name can be created only once).
const SLOT = Symbol.for('smartcp.trustedTypes');

/** @returns {{script(text: string): any, scriptURL(url: string): any}} */
export function trusted(win) {
  if (!win[SLOT]) {
    let policy = null;
    try {
      policy = win.trustedTypes?.createPolicy('smartcp', { createScript: (s) => s, createScriptURL: (s) => s }) ?? null;
    } catch {
      // the page's CSP does not allow the name: plain strings, which such a page then refuses (reported)
    }
    Object.defineProperty(win, SLOT, {
      value: {
        script: (text) => (policy ? policy.createScript(text) : text),
        scriptURL: (url) => (policy ? policy.createScriptURL(url) : url),
      },
    });
  }
  return win[SLOT];
}
