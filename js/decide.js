// Answers the guard's questions with the WebAssembly core. Storage writes take the packed hot path and
// look at the value only when the matched catalog entry has field rules; cookies go through the core's
// cookie parser so lifetimes are capped and values redacted.
import { decodeDecision, KIND } from './decision.js';
import { fastDecider } from './engine.js';

/**
 * @param {any} core the instantiated module
 * @param {any} engine a configured `new core.Engine()`
 * @param {() => number} [now]
 */
export function coreDecide(core, engine, now = () => Date.now()) {
  const decide = fastDecider(core, engine);
  let withFields = new Set();
  const refresh = () => {
    const { entries } = JSON.parse(engine.catalog('en'));
    withFields = new Set(entries.flatMap((e, i) => (Object.keys(e.fields).length ? [i] : [])));
  };
  refresh();

  /** @param {import('./guard.js').Write} write */
  function decideWrite(write) {
    if (write.kind === 'cookie') return JSON.parse(engine.decideCookie(write.cookie, now()));
    const packed = decide(write.name, KIND[write.kind]);
    const d = decodeDecision(packed);
    if (d.verdict === 'allow' && d.entry !== null && withFields.has(d.entry)) {
      return JSON.parse(engine.decideWrite(write.name, write.kind, write.value));
    }
    return { verdict: d.verdict, reason: d.reason, category: d.refused[0] ?? 'functional' };
  }
  decideWrite.refresh = refresh;  // after engine.configure()
  return decideWrite;
}
