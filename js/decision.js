// Decodes the core's packed decision (smartcp::pack in core/include/smartcp/decision.hpp).
const VERDICTS = ['allow', 'redact', 'refuse', 'refuse'];
const SOURCES = ['unknown', 'catalog', 'vendor-prefix', 'unknown'];
const REASONS = ['granted', 'not-granted', 'deletion', 'unknown-blocked', 'fields-removed', 'invalid-input'];
export const CATEGORIES = Object.freeze(['functional', 'analytics', 'marketing']);

/** @param {number} bits */
export function categoryNames(bits) {
  return CATEGORIES.filter((_, i) => bits & (1 << i));
}

/**
 * @param {number} packed
 * @returns {{verdict: string, reason: string, source: string, required: string[], refused: string[], entry: number|null}}
 */
export function decodeDecision(packed) {
  const entry = packed >>> 16;
  return {
    verdict: VERDICTS[packed & 3],
    reason: REASONS[(packed >>> 8) & 15] ?? 'invalid-input',
    source: SOURCES[(packed >>> 5) & 3],
    required: categoryNames((packed >>> 2) & 7),
    refused: categoryNames((packed >>> 12) & 7),
    entry: entry ? entry - 1 : null,
  };
}

/** Kinds as the core numbers them. */
export const KIND = Object.freeze({ cookie: 0, localStorage: 1, sessionStorage: 2 });
