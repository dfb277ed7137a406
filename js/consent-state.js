// The visitor's choice: the consent record in the functional cookie `smartcp_consent`. The core writes
// and checks it (checksum, revision, expiry); this keeps the one in force and its cookie in step.
export const CONSENT_COOKIE = 'smartcp_consent';

/** The stored cookie's value, read past the guard. '' when there is none. */
export function storedConsent(native) {
  for (const part of native.getCookie().split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CONSENT_COOKIE) return value.join('=');
  }
  return '';
}

// crypto.randomUUID exists only in secure contexts; a plain-http site still needs record ids.
function uuid(win) {
  if (win.crypto.randomUUID) return win.crypto.randomUUID();
  const b = win.crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * @param {object} o
 * @param {Window & typeof globalThis} o.win
 * @param {any} o.engine the configured core (readRecord, createRecord)
 * @param {{getCookie(): string, setCookie(s: string): void}} o.native cookie access past the guard
 */
export function createConsentState({ win, engine, native }) {
  let record = null;
  let stored = null;  // the cookie value `record` was read from or written as

  return {
    record: () => record,

    /** Reads the stored choice (again: another tab may have changed it). True when the one in force changed. */
    load() {
      const value = storedConsent(native);
      if (value === stored) return false;
      stored = value;
      const reading = JSON.parse(engine.readRecord(value, Date.now()));
      if (reading.status !== 'valid' && reading.status !== 'missing') {
        win.console?.info?.(`SmartCP: the stored choice is ${reading.status} (${reading.reason}); asking again`);
      }
      const next = reading.status === 'valid' ? reading.record : null;
      const changed = JSON.stringify(next) !== JSON.stringify(record);
      record = next;
      return changed;
    },

    /**
     * Records a choice and stores it. Throws with the core's message if the request is refused.
     * @param {{lang: string, textHash: string}} proof the language and the hash of the texts shown
     */
    choose(method, analytics, marketing, proof) {
      const made = JSON.parse(engine.createRecord(JSON.stringify({
        id: uuid(win), method, analytics, marketing, now: Date.now(), lang: proof.lang, textHash: proof.textHash,
        gpc: win.navigator.globalPrivacyControl === true, secure: win.location.protocol === 'https:',
      })));
      if (!made.ok) throw new Error(made.error);
      native.setCookie(made.cookie);
      record = made.record;
      stored = made.value;
      return record;
    },

    /** Forgets the choice: the visitor is asked again. */
    reset() {
      native.setCookie(`${CONSENT_COOKIE}=; Max-Age=0; Path=/`);
      record = null;
      stored = '';
    },
  };
}
