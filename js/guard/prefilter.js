// The pre-decider: before the core is ready, says at once whether a name may need consent, with no false
// negatives. It is built from the same data as the core's tables (js/generated/known.js: a Bloom filter
// over the names and prefixes that may need consent, and substrings) and from the config as smartcp.js
// reads it. A name it clears needs no consent under this config: the write goes through at once. Any
// other is held until the core decides. Built while nothing of the page has run; the function it returns
// uses only captured intrinsics.
import { FILTER, CONTAINS } from '../generated/known.js';

/**
 * @param {ReturnType<import('../intrinsics.js').captureIntrinsics>} I
 * @param {Record<string, any>} early the config as parsed before the core validates it
 * @returns {(name: string) => boolean} true: may need consent
 */
export function createPrefilter(I, early) {
  const { size, hashes, seed, cut } = FILTER;
  // The filter's bytes (base64), as a string of bytes: decoded while nothing of the page has run.
  const bytes = atob(FILTER.bits);
  const fnv = (text, s) => {
    let h = (0x811c9dc5 ^ s) >>> 0;
    for (let i = 0; i < text.length; i++) h = I.imul(h ^ I.charCodeAt(text, i), 0x01000193) >>> 0;
    return h;
  };
  const member = (key) => {
    const a = fnv(key, seed);
    const b = (fnv(key, seed ^ 0x5bd1e995) | 1) >>> 0;
    for (let i = 0; i < hashes; i++) {
      const bit = ((a + I.imul(i, b)) >>> 0) % size;
      if (!((I.charCodeAt(bytes, bit >> 3) >> (bit & 7)) & 1)) return false;
    }
    return true;
  };

  // What the config adds: the owner's entries that need consent or have field rules (their literal
  // start, or their longest literal run when they start with a placeholder). A config that makes unknown
  // keys need consent, or raises a platform's category, or switches on its generic names, holds every
  // name: the filter does not carry the names that would make it exact.
  let everything = early.unknownKeys !== undefined && early.unknownKeys !== 'allow';
  const ownPrefixes = [];
  const contains = [];
  for (let i = 0; i < CONTAINS.length; i++) contains[i] = CONTAINS[i];
  const catalog = I.isArray(early.catalog) ? early.catalog : [];
  for (let i = 0; i < catalog.length; i++) {
    const e = catalog[i];
    if (e === null || typeof e !== 'object' || typeof e.name !== 'string') continue;
    // Anything but "functional" alone may need consent (an invalid value too: the core decides).
    const needs = [].concat(e.categories ?? e.category);
    let optional = e.fields !== undefined && e.fields !== null;
    for (let j = 0; j < needs.length; j++) if (needs[j] !== 'functional') optional = true;
    if (!optional) continue;
    const start = literalRuns(I, e.name);
    if (start.first) ownPrefixes[ownPrefixes.length] = start.first;
    else if (start.longest) contains[contains.length] = start.longest;
    else everything = true;  // "*" or a placeholder alone: any name
  }
  const platforms = early.platforms;
  if (platforms !== null && typeof platforms === 'object') {
    const names = I.ownKeys(platforms);
    for (let i = 0; i < names.length; i++) {
      const v = platforms[names[i]];
      if (v === true) everything = true;
      else if (typeof v === 'string' && v !== 'functional') everything = true;
      else if (v !== null && typeof v === 'object' && (v.generic === true || (v.category !== undefined && v.category !== 'functional'))) everything = true;
    }
  }

  return (name) => {
    if (everything) return true;
    if (member(name)) return true;
    for (let n = 3; n <= cut && n <= name.length; n++) if (member(`\u0001${I.slice(name, 0, n)}`)) return true;
    for (let i = 0; i < contains.length; i++) if (I.indexOf(name, contains[i]) >= 0) return true;
    for (let i = 0; i < ownPrefixes.length; i++) if (I.startsWith(name, ownPrefixes[i])) return true;
    return false;
  };
}

// The literal text a pattern starts with (up to its first placeholder or wildcard), and its longest
// literal run (for patterns that start with a placeholder).
function literalRuns(I, pattern) {
  let first = null;
  let longest = '';
  let run = '';
  for (let i = 0; i <= pattern.length; i++) {
    const c = i < pattern.length ? pattern[i] : '*';
    if (c === '<' || c === '*') {
      if (first === null) first = run;
      if (run.length > longest.length) longest = run;
      run = '';
      if (c === '<') {
        const close = I.indexOf(pattern, '>', i);
        if (close < 0) return { first: first || null, longest };
        i = close;
      }
    } else {
      run += c;
    }
  }
  return { first: first || null, longest };
}
