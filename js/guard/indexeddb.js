// indexedDB.open: persistence a tracker could use without consent. Each open is decided by name (kind
// indexedDB). Refused, it fails the way the browser fails when storage is blocked: an open request whose
// error event says so. Held (before the core is ready), the request the page got follows the real one once
// it is allowed. Deleting always passes.
import { hookMethod } from './hook.js';
import { standIn } from './stand-in.js';

/**
 * @param {Window & typeof globalThis} win
 * @param {ReturnType<import('../intrinsics.js').captureIntrinsics>} I the realm's own intrinsics
 * @param {ReturnType<import('./gate.js').createGate>} gate
 * @param {object} natives where the clean-up's natives go: databases() and deleteDatabase(name)
 */
export function guardIndexedDb(win, I, gate, natives) {
  const proto = win.IDBFactory?.prototype;
  if (proto && win.indexedDB && proto.databases) {
    const factory = win.indexedDB;
    const databases = proto.databases;
    const deleteDatabase = proto.deleteDatabase;
    natives.databases = () => I.apply(databases, factory, []);
    natives.deleteDatabase = (name) => I.apply(deleteDatabase, factory, [name]);
  }
  if (proto) {
    hookMethod(I, proto, 'open', (native, self, args) => {
      if (!args.length) return I.apply(native, self, args);  // the browser's TypeError
      const name = I.String(args[0]);
      const version = args[1];
      const open = () => I.apply(native, self, args.length > 1 ? [name, version] : [name]);
      let request = null;
      let standIn = null;
      let refused = false;
      const write = {
        __proto__: null,
        kind: 'indexedDB',
        name,
        commit() {
          if (standIn) standIn.follow(open());
          else request = open();
        },
        refuse() {
          if (standIn) standIn.fail();
          else refused = true;
        },
      };
      const d = gate.submit(write);
      if (d) write.commit(d);
      if (request) return request;
      // Refused now, or held: the page gets a request of ours that fails or follows the real one.
      standIn = requestStandIn(win, I, name);
      if (refused) standIn.fail();
      return standIn.request;
    });
  }
}

// An IDBOpenDBRequest of our own: its state read from the real request once there is one, or an error
// when the open is refused.
function requestStandIn(win, I, name) {
  let real = null;
  let error = null;
  let done = false;
  const read = (field, otherwise) => () => (real ? real[field] : otherwise());
  const s = standIn(win, I, win.IDBOpenDBRequest.prototype, ['success', 'error', 'upgradeneeded', 'blocked'], {
    __proto__: null,
    result: read('result', () => {
      if (!done) throw new I.DOMException('The request has not finished.', 'InvalidStateError');
      return undefined;
    }),
    error: read('error', () => error),
    readyState: read('readyState', () => (done ? 'done' : 'pending')),
    source: read('source', () => null),
    transaction: read('transaction', () => null),
  });
  return {
    __proto__: null,
    request: s.target,
    /** The open is allowed: the page's request shows the real one's state and events. */
    follow(request) {
      real = request;
      const types = ['success', 'error', 'upgradeneeded', 'blocked'];
      for (let i = 0; i < types.length; i++) {
        const type = types[i];
        I.addEventListener(request, type, (e) => {
          const copy = type === 'upgradeneeded' || type === 'blocked'
            ? new win.IDBVersionChangeEvent(type, { oldVersion: e.oldVersion, newVersion: e.newVersion })
            : new win.Event(type, { bubbles: e.bubbles, cancelable: e.cancelable });
          if (!s.dispatch(copy) && type === 'error') e.preventDefault();
        });
      }
    },
    /** The open is refused: an error, as when the browser blocks storage. */
    fail() {
      done = true;
      error = new I.DOMException(`The database "${name}" cannot be opened: storage is not allowed by the visitor's consent.`, 'UnknownError');
      I.setTimeout(() => s.dispatch(new win.Event('error', { bubbles: true, cancelable: true })), 0);
    },
  };
}
