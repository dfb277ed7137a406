// smartcp/react: the consent as React state, a gate for what needs a category, and the actions.
import { createElement, Fragment, useSyncExternalStore } from 'react';
import { actions, getConsent, subscribe } from './client.mjs';

const onServer = () => null;  // server rendering and the first hydration render: no choice known

/** The choice in force (null before one is made); re-renders when it changes, in this tab or another. */
export function useConsent() {
  return useSyncExternalStore(subscribe, getConsent, onServer);
}

/** Whether a category is granted now. */
export function useAccepted(category) {
  const consent = useConsent();
  return category === 'functional' || !!consent?.categories[category];
}

/** Renders its children only while `category` is granted, else `fallback`. */
export function ConsentGate({ category, fallback = null, children }) {
  return createElement(Fragment, null, useAccepted(category) ? children : fallback);
}

/** acceptAll, rejectAll, setConsent, reset, show, showPreferences, hide, setLanguage, exportRecord. */
export function useSmartCP() {
  return actions;
}
