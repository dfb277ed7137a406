import type { ComputedRef, DefineComponent, PropType, Ref } from 'vue';
import type { Category, Consent } from '../smartcp.d.ts';
import type { SmartCPActions } from './client.d.ts';

/** A read-only ref of the choice in force (null before one is made, and on the server). */
export function useConsent(): Readonly<Ref<Consent | null>>;
/** Whether a category is granted now. */
export function useAccepted(category: Category): ComputedRef<boolean>;
/** Renders its default slot only while `category` is granted, else its `fallback` slot. */
export const ConsentGate: DefineComponent<{ category: { type: PropType<Category>; required: true } }>;
export function useSmartCP(): SmartCPActions;
