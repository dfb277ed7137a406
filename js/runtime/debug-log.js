// With "debug": true, every refused or redacted write and every held script or request is told in the
// console once, grouped with what happened at the same moment, with the rule that decided it: which
// catalog entry or tracker endpoint, and the category it needs.

const SOURCES = { __proto__: null, 'site-catalog': 'your catalog', database: 'the tracker database', 'vendor-prefix': 'a vendor prefix', unknown: 'unknownKeys' };
const VERDICTS = { __proto__: null, 'not-granted': 'refused', 'unknown-blocked': 'refused', 'fields-removed': 'redacted', reserved: 'refused', 'invalid-input': 'refused', 'held-limit': 'refused', 'core-unavailable': 'refused', 'guard-error': 'refused' };

/**
 * @param {object} o
 * @param {ReturnType<import('../intrinsics.js').captureIntrinsics>} o.I
 * @param {ReturnType<import('../engine.js').createEngine>} o.engine
 * @param {{blocked: () => object[], on: Function}} o.api window.SmartCP
 */
export function startDebugLog({ I, engine, api }) {
  const told = I.create(null);
  let rows = [];
  let scheduled = false;

  const rule = (b) => {
    if (b.kind === 'script' || b.kind === 'request') {
      const c = engine.classifyUrl(b.name);
      return `the endpoint list${c?.platform ? ` (${c.platform})` : ''}: needs ${c?.category ?? b.category}`;
    }
    const d = engine.decideWrite(b.name, b.kind, '');
    if (!d || !d.source) return b.reason;
    const from = d.source === 'vendor-catalog' ? `the ${d.vendor} catalog` : SOURCES[d.source] ?? d.source;
    const entry = d.pattern ? ` "${d.pattern}"` : '';
    const owner = d.platform ? ` (${d.platform})` : '';
    if (b.reason === 'fields-removed') return `${from}${entry}${owner}: fields of categories not granted removed`;
    if (b.reason === 'unknown-blocked') return 'unknownKeys is "block" and no catalog knows it';
    if (b.reason === 'reserved') return 'reserved for SmartCP';
    if (b.reason !== 'not-granted') return b.reason;
    return `${from}${entry}${owner}: needs ${d.category}`;
  };

  const flush = () => {
    scheduled = false;
    const list = rows;
    rows = [];
    if (!list.length) return;
    let held = 0;
    for (let i = 0; i < list.length; i++) if (list[i].what === 'held') held++;
    const parts = [];
    if (list.length - held) parts[parts.length] = `${list.length - held} write${list.length - held === 1 ? '' : 's'} refused or redacted`;
    if (held) parts[parts.length] = `${held} script${held === 1 ? '' : 's'} or request${held === 1 ? '' : 's'} held`;
    I.groupCollapsed(`SmartCP: ${parts.length === 2 ? `${parts[0]}, ${parts[1]}` : parts[0]}`);
    I.table(list);
    I.groupEnd();
  };

  const tell = (b) => {
    try {
      const key = `${b.kind}\u0000${b.name}\u0000${b.reason}`;
      if (told[key]) return;
      told[key] = true;
      const what = b.kind === 'script' || b.kind === 'request' ? 'held' : VERDICTS[b.reason] ?? 'refused';
      rows[rows.length] = { what, kind: b.kind, name: b.name, rule: rule(b) };
      if (!scheduled) {
        scheduled = true;
        I.setTimeout(flush, 50);
      }
    } catch {
      // the console is for the developer; nothing here may disturb the page
    }
  };

  const before = api.blocked();
  for (let i = 0; i < before.length; i++) tell(before[i]);
  api.on('blocked', tell);
}
