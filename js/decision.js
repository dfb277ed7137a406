// Decodes the core's packed decision (smartcp::pack in core/include/smartcp/decision.hpp).
const VERDICTS = ['allow', 'redact', 'refuse', 'refuse'];
const SOURCES = ['unknown', 'site-catalog', 'vendor-catalog', 'vendor-prefix', 'database', 'unknown', 'unknown', 'unknown'];
const REASONS = ['granted', 'not-granted', 'deletion', 'unknown-blocked', 'fields-removed', 'invalid-input', 'reserved'];
export const CATEGORIES = Object.freeze(['functional', 'analytics', 'marketing']);
/** Bit 15: the entry has field rules (a value must be looked at). */
export const FIELDS = 1 << 15;

/** @param {number} bits */
export function categoryNames(bits) {
  const names = [];
  for (let i = 0; i < 3; i++) if (bits & (1 << i)) names[names.length] = CATEGORIES[i];
  return names;
}

/**
 * @param {number} packed
 * @returns {{verdict: string, reason: string, source: string, required: string[], refused: string[], fields: boolean, entry: number|null}}
 */
export function decodeDecision(packed) {
  const entry = packed >>> 16;
  return {
    verdict: VERDICTS[packed & 3],
    reason: REASONS[(packed >>> 8) & 15] ?? 'invalid-input',
    source: SOURCES[(packed >>> 5) & 7],
    required: categoryNames((packed >>> 2) & 7),
    refused: categoryNames((packed >>> 12) & 7),
    fields: (packed & FIELDS) !== 0,
    entry: entry ? entry - 1 : null,
  };
}

/** What the gate needs of a packed decision: verdict, reason, the category reported, the packed value. */
export function decisionOf(packed) {
  const refused = (packed >>> 12) & 7;
  const required = (packed >>> 2) & 6;
  const bits = refused || required;
  return {
    __proto__: null,
    verdict: VERDICTS[packed & 3],
    reason: REASONS[(packed >>> 8) & 15] ?? 'invalid-input',
    category: bits & 2 ? 'analytics' : bits & 4 ? 'marketing' : 'functional',
    packed,
  };
}
