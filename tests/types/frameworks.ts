// The package's entries as a bundled app uses them: 'smartcp', 'smartcp/react', 'smartcp/vue',
// 'smartcp/vite'. Misuses are marked and must be errors.
import { accepted, actions, getConsent, getSmartCP, subscribe, type SmartCPConfig } from 'smartcp';
import { ConsentGate, useAccepted, useConsent, useSmartCP } from 'smartcp/react';
import * as vue from 'smartcp/vue';
import smartcp from 'smartcp/vite';
import { createElement } from 'react';

export const plugin = smartcp({ config: { lang: 'pl', policyUrl: '/privacy' } satisfies SmartCPConfig });
export const unsubscribe: () => void = subscribe(() => console.log(getConsent()?.categories.analytics, accepted('marketing')));
export const record: string | null = actions.exportRecord();
export const api = getSmartCP()?.ready;

export function Status() {
  const consent = useConsent();
  const { acceptAll } = useSmartCP();
  const analytics: boolean = useAccepted('analytics');
  void acceptAll();
  return createElement(ConsentGate, { category: 'marketing', fallback: 'off' }, consent?.method ?? 'none', String(analytics));
}

export function vueSetup() {
  const consent = vue.useConsent();
  const marketing = vue.useAccepted('marketing');
  return [consent.value?.id, marketing.value, vue.ConsentGate];
}

// @ts-expect-error not a category
useAccepted('ads');
// @ts-expect-error the config is typed
smartcp({ config: { expiryDays: '30' } });
// @ts-expect-error getConsent can be null
getConsent().categories;
// @ts-expect-error the ref is read-only
vue.useConsent().value = null;
