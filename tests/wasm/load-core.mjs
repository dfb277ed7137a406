// Loads the WebAssembly core from dist/ under Node. This Emscripten's glue cannot fetch a file path
// under Node 20, so the binary is handed over as wasmBinary.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const distDir = process.env.SMARTCP_DIST ? path.resolve(process.env.SMARTCP_DIST) : path.join(root, 'dist');

export async function loadCore(dir = distDir) {
  const require = createRequire(import.meta.url);
  const factory = require(path.join(dir, 'smartcp-core.js'));
  return factory({ wasmBinary: readFileSync(path.join(dir, 'smartcp.wasm')) });
}
