// The visitor's choice: the consent record in the functional cookie `smartcp_consent`, which pages may not
// write (the guard refuses them; the widget writes it past the guard). The core writes and checks it
// (checksum, site, revision, expiry); this keeps the one in force and its cookie in step.
export const CONSENT_COOKIE = 'smartcp_consent';

/**
 * The stored cookie's values (a page may see several, from other paths or a parent domain), read past the
 * guard with the captured getter. [] when there is none.
 * @param {ReturnType<import('./intrinsics.js').captureIntrinsics>} I
 * @param {{win: Window, cookie: PropertyDescriptor}} realm the top window's guard record
 */
export function storedConsents(I, realm) {
  const header = I.apply(realm.cookie.get, realm.win.document, []);
  const values = [];
  const prefix = `${CONSENT_COOKIE}=`;
  for (let start = 0; start < header.length;) {
    let end = I.indexOf(header, '; ', start);
    if (end < 0) end = header.length;
    if (I.startsWith(header, prefix, start)) values[values.length] = I.slice(header, start + prefix.length, end);
    start = end + 2;
  }
  return values;
}

/** The first stored value, '' when there is none. */
export function storedConsent(I, realm) {
  return storedConsents(I, realm)[0] ?? '';
}

// crypto.randomUUID exists only in secure contexts; a plain-http site still needs record ids.
function uuid(win) {
  if (win.crypto.randomUUID) return win.crypto.randomUUID();
  const b = win.crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  let hex = '';
  for (let i = 0; i < 16; i++) hex += (b[i] < 16 ? '0' : '') + b[i].toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * @param {object} o
 * @param {ReturnType<import('./intrinsics.js').captureIntrinsics>} o.I
 * @param {Window & typeof globalThis} o.win
 * @param {ReturnType<import('./engine.js').createEngine>} o.engine the configured core
 * @param {{win: Window, cookie: PropertyDescriptor}} o.realm the top window's guard record
 */
export function createConsentState({ I, win, engine, realm }) {
  let record = null;
  let stored = null;  // the cookie values `record` was read from or written as, joined
  const site = I.toLowerCase(I.String(win.location.hostname));
  const setCookie = (text) => I.apply(realm.cookie.set, realm.win.document, [text]);

  return {
    record: () => record,

    /** Reads the stored choice (again: another tab may have changed it). True when the one in force changed. */
    load() {
      const values = storedConsents(I, realm);
      const key = I.stringify(values);
      if (key === stored) return false;
      stored = key;
      // The first valid one of what the page sees; anything else is reported and asks again.
      let next = null;
      for (let i = 0; i < values.length && !next; i++) {
        const reading = engine.readRecord(values[i], I.now(), site);
        if (reading.status === 'valid') next = reading.record;
        else if (reading.status !== 'missing') I.info(`SmartCP: the stored choice is ${reading.status} (${reading.reason}); asking again`);
      }
      const changed = I.stringify(next) !== I.stringify(record);
      record = next;
      return changed;
    },

    /**
     * Records a choice and stores it. Throws with the core's message if the request is refused.
     * @param {{lang: string, textHash: string}} proof the language and the hash of the texts shown
     */
    choose(method, analytics, marketing, proof) {
      // A visitor keeps one id across their choices, so that the consent log gives the whole history
      // for it; a forgotten or expired choice starts a new one.
      const made = engine.createRecord({
        __proto__: null, id: record ? record.id : uuid(win), site, method, analytics: !!analytics, marketing: !!marketing, now: I.now(),
        lang: I.String(proof.lang), textHash: I.String(proof.textHash), gpc: win.navigator.globalPrivacyControl === true,
        secure: win.location.protocol === 'https:',
      });
      if (!made.ok) throw new I.Error(made.error);
      setCookie(made.cookie);
      record = made.record;
      stored = I.stringify([made.value]);
      return record;
    },

    /** Forgets the choice: the visitor is asked again. */
    reset() {
      setCookie(`${CONSENT_COOKIE}=; Max-Age=0; Path=/`);
      record = null;
      stored = '[]';
    },
  };
}
