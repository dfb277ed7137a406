// Loads the WebAssembly core from dist/ under Node, through the same JS face the browser uses
// (js/engine.js), with Node's own built-ins as the intrinsics.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { captureIntrinsics } from '../../js/intrinsics.js';
import { createEngine, instantiateCore } from '../../js/engine.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const distDir = process.env.SMARTCP_DIST ? path.resolve(process.env.SMARTCP_DIST) : path.join(root, 'dist');
export const I = captureIntrinsics(globalThis);

/** The core's exports; `engine()` makes an engine of it. */
export async function loadCore(dir = distDir) {
  const exports = await instantiateCore(I, readFileSync(path.join(dir, 'smartcp.wasm')));
  return { exports, engine: () => createEngine(exports, I) };
}
