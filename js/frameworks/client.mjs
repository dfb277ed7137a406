// `import { … } from 'smartcp'` in a bundled app. SmartCP itself has to run before every other script,
// as a classic script first in <head> (the smartcp/vite plugin puts it there), so no bundle can contain
// it: this module only reaches `window.SmartCP`, safely. Nothing here touches `window` on import, so
// server-side rendering can import it.

const MISSING = 'SmartCP: window.SmartCP is missing: smartcp.js is not first in <head> (add the smartcp/vite plugin, ' +
  'or copy dist/ and add <script src=".../smartcp.js"> yourself; see the README), or a blocker removed it. ' +
  'Until it runs, nothing counts as granted.';
let warned = false;

/** `window.SmartCP`, or undefined on the server and when the script is not on the page (said once in the console). */
export function getSmartCP() {
  if (typeof window === 'undefined') return undefined;
  const api = window.SmartCP;
  if (!api && !warned) {
    warned = true;
    console.error(MISSING);
  }
  return api;
}

/** The choice in force: the same object until it changes; null before a choice, on the server, without SmartCP. */
export function getConsent() {
  return getSmartCP()?.getConsent() ?? null;
}

/** Whether a category is granted now (functional always is, where SmartCP runs). */
export function accepted(category) {
  return getSmartCP()?.accepted(category) ?? false;
}

/** Calls `onChange` when the consent state becomes known or changes; returns the unsubscribe function. */
export function subscribe(onChange) {
  const api = getSmartCP();
  if (!api) return () => {};
  const handler = () => onChange();
  api.on('ready', handler).on('change', handler);
  return () => {
    api.off('ready', handler);
    api.off('change', handler);
  };
}

function call(name, ...args) {
  const api = getSmartCP();
  return api ? api[name](...args) : Promise.reject(new Error(MISSING));
}

/** The actions, each rejecting with the reason when SmartCP is not on the page. */
export const actions = Object.freeze({
  acceptAll: () => call('acceptAll'),
  rejectAll: () => call('rejectAll'),
  setConsent: (choice) => call('setConsent', choice),
  reset: () => call('reset'),
  show: () => call('show'),
  showPreferences: () => call('showPreferences'),
  hide: () => call('hide'),
  setLanguage: (lang) => call('setLanguage', lang),
  exportRecord: () => getSmartCP()?.exportRecord() ?? null,
});
