// Answers the guard's questions with the WebAssembly core. Writes take the packed hot path; the core's
// JSON calls are used only when they could change the outcome: a storage value whose catalog entry has
// field rules, a cookie whose lifetime may need capping or whose form is unusual. When in doubt, the
// core decides.
import { decodeDecision, KIND } from './decision.js';
import { fastDecider } from './engine.js';

const DAY_SECONDS = 86400;
const ALLOWED = Object.freeze({ verdict: 'allow', reason: 'granted', category: 'functional' });
// A name of visible ASCII, perhaps padded with spaces or tabs: JS and the core trim it alike.
const PLAIN_NAME = /^[ \t]*[\x21-\x7e]*[ \t]*$/;
// One plain Max-Age and nothing else that sets a lifetime.
const MAX_AGE = /;[ \t]*max-age[ \t]*=[ \t]*(\d{1,10})[ \t]*(?:;|$)/i;

// Pages write the same few names again and again; their packed decisions are kept until consent or
// the config changes (both go through this adapter, which clears them).
const CACHE_LIMIT = 2000;

// The cached value for `key`, computed once; the cache empties when full rather than grow without end.
function remember(cache, key, compute) {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, value);
  }
  return value;
}

/**
 * @param {any} core the instantiated module
 * @param {any} engine a configured `new core.Engine()`; change its consent and config only through the
 *        returned setConsent and configure, so that no cached decision outlives them
 * @param {() => number} [now]
 */
export function coreDecide(core, engine, now = () => Date.now()) {
  const fast = fastDecider(core, engine);
  const cache = [new Map(), new Map(), new Map()];  // by kind
  const decide = (name, kind) => remember(cache[kind], name, () => fast(name, kind));
  // Whether a cookie's attributes could make the core change it (a lifetime beyond the cap, Expires, odd
  // forms), by catalog entry and attribute text: pages repeat the same attributes.
  const lifetimeVerdicts = new Map();
  let withFields = new Set();
  let retention = [];
  let maxCookieDays = 395;
  const refresh = () => {
    for (const byName of cache) byName.clear();
    lifetimeVerdicts.clear();
    const { entries } = JSON.parse(engine.catalog('en'));
    withFields = new Set(entries.flatMap((e, i) => (Object.keys(e.fields).length ? [i] : [])));
    retention = entries.map((e) => e.retentionDays);
    maxCookieDays = JSON.parse(engine.config()).maxCookieDays;
  };
  refresh();

  const cookieNeedsCore = (entry, write) => {
    if (entry !== null && withFields.has(entry)) return true;
    const semicolon = write.cookie.indexOf(';');
    const attributes = write.attributes ?? (semicolon < 0 ? '' : write.cookie.slice(semicolon));
    const pair = write.cookie.slice(0, write.cookie.length - attributes.length);
    if (!PLAIN_NAME.test(pair.slice(0, Math.max(0, pair.indexOf('='))))) return true;
    return remember(lifetimeVerdicts, `${entry}|${attributes}`, () => lifetimeNeedsCore(entry, attributes));
  };
  const lifetimeNeedsCore = (entry, attributes) => {
    if (/expires/i.test(attributes)) return true;
    const maxAge = MAX_AGE.exec(attributes);
    if (!maxAge) return /max-age/i.test(attributes);  // a session cookie needs nothing; anything odd, the core
    if (attributes.toLowerCase().indexOf('max-age') !== attributes.toLowerCase().lastIndexOf('max-age')) return true;
    const days = Math.min(maxCookieDays, (entry !== null && retention[entry]) || Infinity);
    return Number(maxAge[1]) > days * DAY_SECONDS;
  };

  /** @param {import('./guard.js').Write} write */
  function decideWrite(write) {
    const packed = decide(write.name, KIND[write.kind]);
    if ((packed & 3) === 0) {
      // Allowed: the common case, decided without decoding or allocating.
      const entry = packed >>> 16 ? (packed >>> 16) - 1 : null;
      if (write.kind === 'cookie') {
        if (cookieNeedsCore(entry, write)) return JSON.parse(engine.decideCookie(write.cookie, now()));
      } else if (entry !== null && withFields.has(entry)) {
        return JSON.parse(engine.decideWrite(write.name, write.kind, write.value));
      }
      return ALLOWED;
    }
    const d = decodeDecision(packed);
    return { verdict: d.verdict, reason: d.reason, category: d.refused[0] ?? 'functional' };
  }
  return {
    decide: decideWrite,
    setConsent(analytics, marketing) {
      engine.setConsent(analytics, marketing);
      refresh();
    },
    configure(configJson) {
      const result = engine.configure(configJson);
      refresh();
      return result;
    },
  };
}
