// The demo's own instance of the core, for the live view and the playground: the same WebAssembly file and
// the same JS face (js/engine.js) that smartcp.js uses, with the page's config.
import { captureIntrinsics } from '/js/intrinsics.js';
import { instantiateCore, createEngine } from '/js/engine.js';

export async function loadDemoCore() {
  const I = captureIntrinsics(window);
  const response = await fetch('/smartcp/smartcp.wasm');
  if (!response.ok) throw new Error(`could not load /smartcp/smartcp.wasm: HTTP ${response.status}`);
  const exports = await instantiateCore(I, await response.arrayBuffer());
  return { engine: () => createEngine(exports, I) };
}
