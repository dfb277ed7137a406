// The one gate every write path goes through: decide, hold, commit.
// - Once the core is ready, a write is decided at once and carried out by the hook the writer called (a
//   tool that records the writer's stack then names the writer), and an error the browser raises (quota
//   exceeded) reaches the writer as the browser raises it.
// - Before that, the pre-decider lets through at once what needs no consent (the site's own keys) and
//   holds the rest, merged per key (the last write wins), unreadable until committed.
// - If the core never comes, the held writes are refused (and said so) and the site's own keep working.
// Nothing inside the gate throws into the page; a failure of its own refuses the write (fail closed).

/**
 * @typedef {{kind: string, name: string, value?: string, cookie?: string, commit: (decision: Decision) => void,
 *   refuse?: (decision: Decision) => void, current?: () => boolean}} Write  for cookies, `cookie` is the whole
 *   assignment; `refuse` is told of a refusal (an open that must fail); `current` tells whether a cookie
 *   written before the core was ready still holds the value written (for a late lifetime cap)
 * @typedef {{verdict: 'allow'|'redact'|'refuse', reason: string, category?: string, value?: string,
 *   cookie?: string, scope?: string}} Decision  `value`, `cookie`: what to write instead
 */

/**
 * @param {ReturnType<import('../intrinsics.js').captureIntrinsics>} I
 * @param {{mayNeedConsent: (name: string) => boolean, onBlocked: (record: object) => void,
 *          onError: (error: unknown) => void, limit?: number}} o
 */
export function createGate(I, { mayNeedConsent, onBlocked, onError, limit = 1000 }) {
  const ALLOW = I.freeze({ __proto__: null, verdict: 'allow', reason: 'granted' });
  const refusal = (reason, category = 'unknown') => I.freeze({ __proto__: null, verdict: 'refuse', reason, category });
  const GUARD_ERROR = refusal('guard-error');
  const UNAVAILABLE = refusal('core-unavailable');
  const HELD_LIMIT = refusal('held-limit');

  let decider = null;
  let closed = false;
  let held = I.create(null);  // kind + "\0" + name -> the latest write
  let order = [];             // held keys, first held first
  let late = [];              // cookies written before the core with a lifetime it may cap
  const observed = I.create(null);
  let observedCount = 0;
  let warnedLimit = false;

  const keyOf = (kind, name) => `${kind}\u0000${name}`;

  // Every write the page made or tried, for SmartCP.observed(): first and last time, the last verdict.
  const observe = (write, decision) => {
    const key = keyOf(write.kind, write.name);
    let o = observed[key];
    if (!o) {
      if (observedCount >= 5000) return;
      observedCount++;
      o = observed[key] = { __proto__: null, kind: write.kind, name: write.name, first: I.now(), count: 0 };
    }
    o.count++;
    o.last = I.now();
    o.verdict = decision ? decision.verdict : 'held';
    o.reason = decision ? decision.reason : 'core-not-ready';
    if (decision && decision.packed !== undefined) o.packed = decision.packed;
  };

  const block = (write, decision) => {
    try {
      onBlocked({
        __proto__: null, name: write.name, kind: write.kind, category: decision.category ?? 'unknown',
        reason: decision.reason ?? 'not-granted', time: I.now(), packed: decision.packed,
      });
    } catch (error) {
      onError(error);
    }
  };

  // Reports what was refused or redacted; true when the write is to be carried out with `decision`.
  const settle = (write, decision) => {
    observe(write, decision);
    if (decision.verdict !== 'allow') block(write, decision);
    if (decision.verdict !== 'refuse') return true;
    if (write.refuse) write.refuse(decision);
    return false;
  };
  // A held write, decided now: carried out here (there is no writer to return it to).
  const carry = (write, decision) => {
    if (settle(write, decision)) write.commit(decision);
  };

  const decideSafely = (write) => {
    try {
      return decider(write) ?? GUARD_ERROR;
    } catch (error) {
      onError(error);
      return GUARD_ERROR;
    }
  };

  const hold = (write) => {
    const key = keyOf(write.kind, write.name);
    if (!(key in held)) {
      if (order.length >= limit) {
        if (!warnedLimit) I.warn(`SmartCP: more than ${limit} different keys written before the core was ready; the rest are refused`);
        warnedLimit = true;
        carry(write, HELD_LIMIT);
        return;
      }
      order[order.length] = key;
    }
    held[key] = write;
    observe(write, null);
  };

  return {
    __proto__: null,
    /**
     * Decides a write now, or holds it. Returns the decision when the writer is to carry the write out now,
     * from its own hook (a tool that records the writer's stack then finds the writer a frame or two
     * away), and the browser's errors reach it; null when it is refused or held.
     * @returns {Decision|null}
     */
    submit(write) {
      let decision;
      if (decider) {
        decision = decideSafely(write);
      } else {
        let may = true;
        try {
          may = mayNeedConsent(write.name);
        } catch (error) {
          onError(error);
        }
        if (!may) {
          if (write.current && late.length < 200) late[late.length] = write;
          decision = ALLOW;
        } else if (closed) {
          decision = UNAVAILABLE;
        } else {
          hold(write);
          return null;
        }
      }
      return settle(write, decision) ? decision : null;
    },
    /** A deletion (always allowed): held writes of the key, or of the whole kind, are dropped with it. */
    drop(kind, name) {
      if (name !== undefined) {
        delete held[keyOf(kind, name)];
        return;
      }
      const prefix = `${kind}\u0000`;
      for (let i = 0; i < order.length; i++) if (I.startsWith(order[i], prefix)) delete held[order[i]];
    },
    /** The core can decide: every held write is decided and committed or refused, in order. */
    open(decide) {
      decider = decide;
      const keys = order;
      const writes = held;
      order = [];
      held = I.create(null);
      for (let i = 0; i < keys.length; i++) {
        const write = writes[keys[i]];
        if (!write) continue;
        try {
          carry(write, decideSafely(write));
        } catch (error) {
          onError(error);  // the browser refused the commit (quota): no caller to give it to now
        }
      }
      // Cookies the site wrote before the core: capped now if the core says so and nothing rewrote them since.
      const cookies = late;
      late = [];
      for (let i = 0; i < cookies.length; i++) {
        try {
          const d = decideSafely(cookies[i]);
          if (d.verdict !== 'refuse' && d.cookie && cookies[i].current()) cookies[i].commit(d);
        } catch (error) {
          onError(error);
        }
      }
    },
    /** The core will not come: held writes are refused, and from now on so is every write that may need consent. */
    fail() {
      closed = true;
      const keys = order;
      const count = keys.length;
      order = [];
      const writes = held;
      held = I.create(null);
      for (let i = 0; i < keys.length; i++) if (writes[keys[i]]) carry(writes[keys[i]], UNAVAILABLE);
      if (count) I.warn(`SmartCP: ${count} writes that may need consent were refused: the consent core is not available`);
    },
    get ready() {
      return decider !== null;
    },
    get pending() {
      return order.length;
    },
    /** What the page wrote or tried to write: [{kind, name, first, last, count, verdict, reason, packed?}]. */
    observed() {
      const list = [];
      const keys = I.ownKeys(observed);
      for (let i = 0; i < keys.length; i++) list[list.length] = observed[keys[i]];
      return list;
    },
  };
}
