// The JS face of the WebAssembly core (wasm/bindings.cpp): marshalling only, no decisions. The module is
// instantiated here with an import object of our own, and its exports are called directly with the
// intrinsics smartcp.js captured: strings are written as UTF-8 into the core's input buffer and read back
// out of its output slots; only numbers cross the calls.

// The characters a number's ToString writes, as ASCII codes (a lookup that no page code can change).
const NUMBER_CHARS = {
  __proto__: null, 0: 48, 1: 49, 2: 50, 3: 51, 4: 52, 5: 53, 6: 54, 7: 55, 8: 56, 9: 57, '.': 46, e: 101, '+': 43, '-': 45,
};

/**
 * The imports the standalone module needs: a notice that memory grew, the exit libc calls on abort, and
 * the JS engine's own number reading and writing, exact, which its strtod (wasm/libc_overrides.cpp) and
 * its JSON writer (core/src/json_writer.cpp) stand on.
 * @param {ReturnType<import('./intrinsics.js').captureIntrinsics>} I
 * @param {{memory: WebAssembly.Memory|null}} late the module's memory, once it is instantiated
 */
export function coreImports(I, late = { __proto__: null, memory: null }) {
  return {
    __proto__: null,
    env: {
      __proto__: null,
      emscripten_notify_memory_growth() {},
      smartcp_parse_number(at, length) {
        const bytes = I.byteView(I.memoryBuffer(late.memory), at >>> 0, length >>> 0);
        let text = '';
        for (let i = 0; i < length; i++) text += I.fromCharCode(bytes[i]);
        return +text;  // ToNumber: the grammar of a JSON number is within it, rounded as strtod rounds
      },
      smartcp_shortest_number(value, at) {
        // ToString of a number (not a method the page could replace): the shortest digits that read back
        // as `value`, such as "0.1", "1.5e-7" or "1e+21", ASCII within 32 bytes.
        const text = `${value}`;
        const bytes = I.byteView(I.memoryBuffer(late.memory), at >>> 0, 32);
        for (let i = 0; i < text.length; i++) bytes[i] = NUMBER_CHARS[text[i]];
        return text.length;
      },
    },
    wasi_snapshot_preview1: {
      __proto__: null,
      proc_exit(code) {
        throw new I.Error(`the core stopped (exit ${code})`);
      },
    },
  };
}

/**
 * Instantiates the core from its bytes (or a compiled module) and runs its initialisers. Only captured
 * built-ins touch the result on its way: a page that patched Promise.prototype.then (and the constructor
 * `await` checks) or WebAssembly.Instance's exports getter cannot hand the widget a core of its own.
 * @returns {Promise<Record<string, any>>} the module's exports (an object without a prototype)
 */
export function instantiateCore(I, source) {
  const late = { __proto__: null, memory: null };
  return new I.Promise((resolve, reject) => {
    I.promiseThen(I.wasmInstantiate(source, coreImports(I, late)), (result) => {
      try {
        let exports;
        try {
          exports = I.instanceExports(result);  // from a compiled module: the instance itself
        } catch {
          exports = I.instanceExports(I.getOwnPropertyDescriptor(result, 'instance').value);
        }
        late.memory = exports.memory;
        exports._initialize();
        resolve(exports);
      } catch (error) {
        reject(error);
      }
    }, reject);
  });
}

const KINDS = { __proto__: null, cookie: 0, localStorage: 1, sessionStorage: 2, indexedDB: 3, cacheStorage: 4 };

/**
 * One engine of the core.
 * @param {Record<string, any>} exports the instantiated module's exports
 * @param {ReturnType<import('./intrinsics.js').captureIntrinsics>} I
 */
export function createEngine(exports, I) {
  const memory = exports.memory;
  let buffer = null;
  // A view of the core's memory at [at, at + length); views are remade when memory grows.
  const view = (at, length) => {
    buffer = I.memoryBuffer(memory);
    return I.byteView(buffer, at, length);
  };
  let handle = exports.smartcp_new_engine();

  // The hot path writes one name into a fixed region of the input buffer, through a view kept while the
  // buffer stays where it is: no allocation and one call into the core per decision.
  const FAST = 4096;
  let fast = null;
  const fastView = () => {
    const current = I.memoryBuffer(memory);
    if (fast === null) fast = { __proto__: null, at: exports.smartcp_input(FAST) >>> 0, buffer: null, view: null };
    if (fast.buffer !== current) {
      fast.buffer = current;
      fast.view = I.byteView(current, fast.at, FAST);
    }
    return fast.view;
  };

  // Writes the strings back to back into the input buffer; returns their UTF-8 lengths (read by index:
  // destructuring would use the array iterator, which a page can patch).
  const put = (...texts) => {
    fast = null;  // the buffer may move
    let room = 0;
    for (let i = 0; i < texts.length; i++) room += texts[i].length * 3;  // UTF-8 needs at most 3 bytes per unit
    const at = exports.smartcp_input(room) >>> 0;
    const lengths = [];
    let offset = at;
    for (let i = 0; i < texts.length; i++) {
      const written = I.encodeInto(texts[i], view(offset, texts[i].length * 3));
      lengths[i] = written;
      offset += written;
    }
    return lengths;
  };
  const text = (slot, length) => (length ? I.decode(view(exports.smartcp_output(slot) >>> 0, length >>> 0)) : '');
  const json = (length) => I.parseJson(text(0, length));
  const out = (slot) => text(slot, exports.smartcp_output_length(slot));
  const str = (value) => I.String(value);

  return {
    __proto__: null,
    /** -> {ok, issues: [{severity, path, message}], config} */
    configure: (configText) => json(exports.smartcp_configure(handle, put(str(configText))[0])),
    config: () => json(exports.smartcp_config(handle)),
    setConsent: (analytics, marketing) => exports.smartcp_set_consent(handle, analytics ? 1 : 0, marketing ? 1 : 0),
    consent: () => json(exports.smartcp_consent(handle)),
    /** A write without its value: the packed decision (js/decision.js). */
    decide(name, kind) {
      if (name.length * 3 > FAST) return exports.smartcp_decide(handle, put(name)[0], kind) >>> 0;
      return exports.smartcp_decide(handle, I.encodeInto(name, fastView()), kind) >>> 0;
    },
    /** A write with its value: the packed decision, and when redacted, the value to write instead. */
    decideValue(name, kind, value) {
      const lengths = put(name, value);
      const packed = exports.smartcp_decide_value(handle, lengths[0], lengths[1], kind) >>> 0;
      return { __proto__: null, packed, value: (packed & 3) === 1 ? out(0) : '' };
    },
    /** A cookie assignment: the packed decision, what to assign instead ('' for as written), where it lives. */
    decideCookie(cookie, now) {
      const length = cookie.length * 3 > FAST ? put(cookie)[0] : I.encodeInto(cookie, fastView());
      const packed = exports.smartcp_decide_cookie(handle, length, now) >>> 0;
      return (packed & 3) === 2
        ? { __proto__: null, packed, cookie: '', scope: '' }
        : { __proto__: null, packed, cookie: out(0), scope: out(1) };
    },
    decideWrite(name, kind, value) {
      const lengths = put(str(name), str(kind), str(value));
      return json(exports.smartcp_decide_write(handle, lengths[0], lengths[1], lengths[2]));
    },
    decideCookieJson: (cookie, now) => json(exports.smartcp_decide_cookie_json(handle, put(str(cookie))[0], now)),
    describe: (packed, lang) => json(exports.smartcp_describe(handle, packed, put(str(lang))[0])),
    /**
     * The assignments that delete cookie `name` wherever it may live.
     * @param {string} scopeJson {"host","path","secure","remembered":[[domain, path], …]} as text
     */
    cookieDeletions(name, scopeJson) {
      const lengths = put(str(name), str(scopeJson));
      const lines = text(0, exports.smartcp_cookie_deletions(handle, lengths[0], lengths[1]));
      const list = [];
      for (let start = 0; lines && start <= lines.length;) {
        let end = I.indexOf(lines, '\n', start);
        if (end < 0) end = lines.length;
        list[list.length] = I.slice(lines, start, end);
        start = end + 1;
      }
      return list;
    },
    /** @param {object} request an object without a prototype (JSON.stringify then finds no toJSON on it) */
    createRecord: (request) => json(exports.smartcp_create_record(handle, put(I.stringify(request))[0])),
    readRecord(value, now, site) {
      const lengths = put(str(value), str(site));
      return json(exports.smartcp_read_record(handle, lengths[0], now, lengths[1]));
    },
    consentMode: () => json(exports.smartcp_consent_mode(handle)),
    gpc: (signal) => json(exports.smartcp_gpc(handle, signal ? 1 : 0)),
    catalog: (lang) => json(exports.smartcp_catalog(handle, put(str(lang))[0])),
    classifyUrl: (url) => json(exports.smartcp_classify_url(handle, put(str(url))[0])),
    delete() {
      exports.smartcp_delete_engine(handle);
      handle = -1;
    },
  };
}

/** Kinds as the core numbers them. */
export const KIND = KINDS;
