// What the page wrote or tried to write, classified: SmartCP.observed(), the built-in entries the dialog
// lists because this site wrote them in this browser (remembered in a functional key of SmartCP's own),
// and, with "debug": true, the keys no catalog knows, once each, with an entry to paste.
const SEEN_KEY = 'smartcp_seen';
const LIMIT = 300;

/**
 * @param {object} o
 * @param {ReturnType<import('../intrinsics.js').captureIntrinsics>} o.I
 * @param {ReturnType<import('../engine.js').createEngine>} o.engine
 * @param {ReturnType<import('./decider.js').createDecider>} o.decider
 * @param {{get(key: string): string|null, set(key: string, value: string): void}|undefined} o.store localStorage, past the guard
 * @param {boolean} o.debug
 */
export function createObserved({ I, engine, decider, store, debug }) {
  const KINDS = { __proto__: null, cookie: 0, localStorage: 1, sessionStorage: 2, indexedDB: 3, cacheStorage: 4 };
  const described = I.create(null);  // packed -> describe()
  const describe = (packed) => {
    const key = packed >>> 15;  // the entry and its source: the same description whatever the verdict
    if (!(key in described)) described[key] = engine.describe(packed, 'en');
    return described[key];
  };
  // [kind, name] of built-in entries seen on this site, in this browser.
  let seen = [];
  try {
    const saved = I.parseJson(store?.get(SEEN_KEY) ?? '[]');
    if (I.isArray(saved)) {
      for (let i = 0; i < saved.length && seen.length < LIMIT; i++) {
        if (I.isArray(saved[i]) && typeof saved[i][0] === 'string' && typeof saved[i][1] === 'string') seen[seen.length] = [saved[i][0], saved[i][1]];
      }
    }
  } catch {
    seen = [];
  }
  const seenIndex = I.create(null);
  for (let i = 0; i < seen.length; i++) seenIndex[`${seen[i][0]}\u0000${seen[i][1]}`] = true;
  let saveSoon = false;
  const save = () => {
    saveSoon = false;
    try {
      store?.set(SEEN_KEY, I.stringify(seen));
    } catch {
      // quota: it was a convenience
    }
  };
  const printed = I.create(null);
  let unprinted = [];

  /** One observed write, classified. */
  const classify = (o) => {
    const packed = o.packed ?? decider.packed(o.name, KINDS[o.kind]);
    const d = describe(packed);
    const source = ['unknown', 'site-catalog', 'vendor-catalog', 'vendor-prefix', 'database'][(packed >>> 5) & 7] ?? 'unknown';
    const refused = (packed >>> 12) & 7;
    const required = (packed >>> 2) & 6;
    const bits = refused || required;
    const item = {
      name: o.name, kind: o.kind, platform: d?.platform ?? d?.vendorLabel ?? null, category: bits & 2 ? 'analytics' : bits & 4 ? 'marketing' : 'functional',
      source, verdict: o.verdict, reason: o.reason, count: o.count, first: o.first, last: o.last,
    };
    if ((source === 'database' || source === 'vendor-catalog') && !seenIndex[`${o.kind}\u0000${o.name}`] && seen.length < LIMIT) {
      seenIndex[`${o.kind}\u0000${o.name}`] = true;
      seen[seen.length] = [o.kind, o.name];
      if (!saveSoon) {
        saveSoon = true;
        I.setTimeout(save, 1000);
      }
    }
    if (debug && source === 'unknown' && !printed[`${o.kind}\u0000${o.name}`]) {
      printed[`${o.kind}\u0000${o.name}`] = true;
      unprinted[unprinted.length] = item;
    }
    return item;
  };

  return {
    __proto__: null,
    /** @param {object[]} list the gate's observed writes */
    list(list) {
      const out = [];
      for (let i = 0; i < list.length; i++) out[out.length] = classify(list[i]);
      return out;
    },
    /** The packed decisions of the built-in keys seen here (this page and earlier ones), for the dialog. */
    seen() {
      const out = [];
      for (let i = 0; i < seen.length; i++) out[out.length] = decider.packed(seen[i][1], KINDS[seen[i][0]] ?? 1);
      return out;
    },
    /** With "debug": true, the keys no catalog knows, once each, as a table with an entry to paste. */
    printUnknown(list) {
      if (!debug) return;
      for (let i = 0; i < list.length; i++) classify(list[i]);
      if (!unprinted.length) return;
      const rows = [];
      for (let i = 0; i < unprinted.length; i++) {
        const o = unprinted[i];
        rows[i] = { name: o.name, kind: o.kind, verdict: o.verdict, 'catalog entry': `{"name": ${I.stringify(o.name)}, "kind": "${o.kind}", "category": "analytics", "purpose": "…"}` };
      }
      unprinted = [];
      I.groupCollapsed(`SmartCP: ${rows.length} keys no catalog knows (unknownKeys decides them); add an entry to "catalog" for each one that needs consent`);
      I.table(rows);
      I.groupEnd();
    },
  };
}
