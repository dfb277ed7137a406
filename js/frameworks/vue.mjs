// smartcp/vue: the consent as a Vue ref, a gate for what needs a category, and the actions.
import { computed, defineComponent, getCurrentScope, onScopeDispose, shallowReadonly, shallowRef } from 'vue';
import { actions, getConsent, subscribe } from './client.mjs';

/** A read-only ref of the choice in force (null before one is made), kept current while its scope lives. */
export function useConsent() {
  const consent = shallowRef(getConsent());
  const stop = subscribe(() => {
    consent.value = getConsent();
  });
  if (getCurrentScope()) onScopeDispose(stop);
  return shallowReadonly(consent);
}

/** A computed ref: whether a category is granted now. */
export function useAccepted(category) {
  const consent = useConsent();
  return computed(() => category === 'functional' || !!consent.value?.categories[category]);
}

/** Renders its default slot only while `category` is granted, else its `fallback` slot. */
export const ConsentGate = defineComponent({
  name: 'ConsentGate',
  props: { category: { type: String, required: true } },
  setup(props, { slots }) {
    const consent = useConsent();
    return () => (props.category === 'functional' || consent.value?.categories[props.category] ? slots.default?.() : slots.fallback?.());
  },
});

/** acceptAll, rejectAll, setConsent, reset, show, showPreferences, hide, setLanguage, exportRecord. */
export function useSmartCP() {
  return actions;
}
