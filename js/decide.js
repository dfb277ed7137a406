// Answers the guard's questions with the WebAssembly core. Writes take the packed hot path; the core's
// JSON calls are used only when they could change the outcome: a storage value whose catalog entry has
// field rules, a cookie whose lifetime may need capping or whose form is unusual. When in doubt, the
// core decides.
import { decodeDecision, KIND } from './decision.js';
import { fastDecider } from './engine.js';

const DAY_SECONDS = 86400;
// A name of visible ASCII, perhaps padded with spaces or tabs: JS and the core trim it alike.
const PLAIN_NAME = /^[ \t]*[\x21-\x7e]*[ \t]*$/;
// One plain Max-Age and nothing else that sets a lifetime.
const MAX_AGE = /;[ \t]*max-age[ \t]*=[ \t]*(\d{1,10})[ \t]*(?:;|$)/i;

/**
 * @param {any} core the instantiated module
 * @param {any} engine a configured `new core.Engine()`
 * @param {() => number} [now]
 */
export function coreDecide(core, engine, now = () => Date.now()) {
  const decide = fastDecider(core, engine);
  let withFields = new Set();
  let retention = [];
  let maxCookieDays = 395;
  const refresh = () => {
    const { entries } = JSON.parse(engine.catalog('en'));
    withFields = new Set(entries.flatMap((e, i) => (Object.keys(e.fields).length ? [i] : [])));
    retention = entries.map((e) => e.retentionDays);
    maxCookieDays = JSON.parse(engine.config()).maxCookieDays;
  };
  refresh();

  // True when the core's cookie parser could write something else than the page asked for.
  const cookieNeedsCore = (d, write) => {
    if (d.entry !== null && withFields.has(d.entry)) return true;
    const pair = write.cookie.split(';', 1)[0];
    if (!PLAIN_NAME.test(pair.slice(0, Math.max(0, pair.indexOf('='))))) return true;
    const attributes = write.cookie.slice(pair.length);
    if (/expires/i.test(attributes)) return true;
    const maxAge = MAX_AGE.exec(attributes);
    if (!maxAge) return /max-age/i.test(attributes);  // a session cookie needs nothing; anything odd, the core
    if (attributes.toLowerCase().indexOf('max-age') !== attributes.toLowerCase().lastIndexOf('max-age')) return true;
    const days = Math.min(maxCookieDays, (d.entry !== null && retention[d.entry]) || Infinity);
    return Number(maxAge[1]) > days * DAY_SECONDS;
  };

  /** @param {import('./guard.js').Write} write */
  function decideWrite(write) {
    const d = decodeDecision(decide(write.name, KIND[write.kind]));
    if (write.kind === 'cookie') {
      if (d.verdict === 'allow' && cookieNeedsCore(d, write)) return JSON.parse(engine.decideCookie(write.cookie, now()));
    } else if (d.verdict === 'allow' && d.entry !== null && withFields.has(d.entry)) {
      return JSON.parse(engine.decideWrite(write.name, write.kind, write.value));
    }
    return { verdict: d.verdict, reason: d.reason, category: d.refused[0] ?? 'functional' };
  }
  decideWrite.refresh = refresh;  // after engine.configure()
  return decideWrite;
}
