// `import … from 'smartcp'`: the types of window.SmartCP and its config, and safe access to it.
import type { Category, Consent, SmartCP } from '../smartcp.d.ts';

export type * from '../smartcp.d.ts';

/** `window.SmartCP`, or undefined on the server and when smartcp.js is not on the page (said once in the console). */
export function getSmartCP(): SmartCP | undefined;
/** The choice in force: the same object until it changes; null before a choice, on the server, without SmartCP. */
export function getConsent(): Consent | null;
/** Whether a category is granted now. */
export function accepted(category: Category): boolean;
/** Calls `onChange` when the consent state becomes known or changes; returns the unsubscribe function. */
export function subscribe(onChange: () => void): () => void;

/** The actions, each rejecting with the reason when SmartCP is not on the page. */
export interface SmartCPActions {
  acceptAll(): Promise<Consent>;
  rejectAll(): Promise<Consent>;
  setConsent: SmartCP['setConsent'];
  reset(): Promise<void>;
  show(): Promise<void>;
  showPreferences(): Promise<void>;
  hide(): Promise<void>;
  setLanguage: SmartCP['setLanguage'];
  exportRecord(): string | null;
}
export const actions: SmartCPActions;
