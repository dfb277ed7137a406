// Answers the gate's questions with the core. A name's packed decision is kept per kind until consent or
// the config changes; the core reads a whole cookie assignment only when it can change the outcome (a
// lifetime to cap or a deletion to recognise, field rules) or the cookie needs consent (its scope is
// remembered), and a storage value only under field rules.
import { KIND } from '../engine.js';
import { decisionOf, FIELDS } from '../decision.js';

/**
 * @param {ReturnType<import('../intrinsics.js').captureIntrinsics>} I
 * @param {ReturnType<import('../engine.js').createEngine>} engine
 * @param {number} maxCookieDays the config's lifetime cap
 */
export function createDecider(I, engine, maxCookieDays) {
  const maxSeconds = maxCookieDays * 86400;
  // A lifetime no parser can read two ways: one Max-Age, a positive whole number under the cap, and no
  // Expires. Anything else (two Max-Ages, a sign, a date, zero) is the core's to read, as Chromium would.
  const plainLifetime = (lower) => {
    const at = I.indexOf(lower, 'max-age');
    if (at < 0 || I.indexOf(lower, 'max-age', at + 7) >= 0 || I.indexOf(lower, 'expires') >= 0) return false;
    let i = at + 7;
    while (lower[i] === ' ' || lower[i] === '\t') i++;
    if (lower[i++] !== '=') return false;
    while (lower[i] === ' ' || lower[i] === '\t') i++;
    if (lower[i] < '1' || lower[i] > '9') return false;
    let seconds = 0;
    for (; lower[i] >= '0' && lower[i] <= '9' && seconds <= maxSeconds; i++) seconds = seconds * 10 + (I.charCodeAt(lower, i) - 48);
    while (lower[i] === ' ' || lower[i] === '\t') i++;
    return (i === lower.length || lower[i] === ';') && seconds <= maxSeconds;
  };
  let caches = [];
  let cached = 0;
  const clear = () => {
    caches = [I.create(null), I.create(null), I.create(null), I.create(null), I.create(null)];
    cached = 0;
  };
  clear();
  /** The packed decision for a write of `name` (KIND numbering). */
  const packed = (name, kind) => {
    const cache = caches[kind];
    let p = cache[name];
    if (p === undefined) {
      if (++cached > 5000) clear();  // emptied rather than grown without end
      p = caches[kind][name] = engine.decide(name, kind);
    }
    return p;
  };
  // Decisions without anything to write instead are shared, by packed value.
  let plain = I.create(null);
  const shared = (p) => plain[p] ?? (plain[p] = I.freeze(decisionOf(p)));

  /** @param {import('../guard/gate.js').Write} write */
  function decide(write) {
    const kind = KIND[write.kind];
    if (kind === 0) {
      const p = packed(write.name, 0);
      const lower = I.toLowerCase(write.cookie);
      // The whole assignment is read when it can change the outcome, and for a cookie that needs consent:
      // where it lives is remembered, so that withdrawal deletes it there (js/runtime/sweeper.js).
      const needsConsent = ((p >>> 2) & 6) !== 0;
      const lifetime = I.indexOf(lower, 'max-age') >= 0 || I.indexOf(lower, 'expires') >= 0;
      if ((p & FIELDS) || needsConsent || (lifetime && !plainLifetime(lower))) {
        const r = engine.decideCookie(write.cookie, I.now());
        const d = decisionOf(r.packed);
        d.cookie = r.cookie;
        d.scope = r.scope;
        return d;
      }
      return shared(p);
    }
    const p = packed(write.name, kind);
    if ((p & 3) === 0 && (p & FIELDS) && write.value !== undefined) {
      const r = engine.decideValue(write.name, kind, write.value);
      const d = decisionOf(r.packed);
      d.value = r.value;
      return d;
    }
    return shared(p);
  }

  return {
    __proto__: null,
    decide,
    packed,
    setConsent(analytics, marketing) {
      engine.setConsent(analytics, marketing);
      clear();
      plain = I.create(null);
    },
  };
}
