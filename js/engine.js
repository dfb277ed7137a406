// The JS face of the WebAssembly engine: argument marshalling only, no decisions.
import { KIND } from './decision.js';

export { KIND };

/**
 * Wraps an Embind `Engine` for the per-write hot path: names are written as UTF-8 into one reusable
 * buffer inside the module's memory, so a decision costs no allocation and no Embind string copy.
 * @param {any} module the instantiated Emscripten module
 * @param {any} engine a `new module.Engine()`
 */
export function fastDecider(module, engine) {
  const encoder = new TextEncoder();
  let address = 0;
  let capacity = 0;
  let view = null; // the buffer as bytes; remade when memory grows (HEAPU8 is then a new array)
  return function decide(name, kind) {
    const needed = name.length * 3; // the most UTF-8 bytes a UTF-16 string can need
    if (needed > capacity) {
      if (address) module._free(address);
      capacity = Math.max(256, needed);
      address = module._malloc(capacity);
      view = null;
    }
    if (view === null || view.buffer !== module.HEAPU8.buffer) view = module.HEAPU8.subarray(address, address + capacity);
    const { written } = encoder.encodeInto(name, view);
    return engine.decideUtf8(address, written, kind);
  };
}
