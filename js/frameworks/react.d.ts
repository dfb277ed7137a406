import type { ReactNode } from 'react';
import type { Category, Consent } from '../smartcp.d.ts';
import type { SmartCPActions } from './client.d.ts';

/** The choice in force (null before one is made, and on the server); re-renders when it changes. */
export function useConsent(): Consent | null;
/** Whether a category is granted now. */
export function useAccepted(category: Category): boolean;
/** Renders its children only while `category` is granted, else `fallback`. */
export function ConsentGate(props: { category: Category; fallback?: ReactNode; children?: ReactNode }): ReactNode;
export function useSmartCP(): SmartCPActions;
