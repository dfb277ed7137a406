// Checks a config with the core itself (dist/smartcp.wasm under Node), as the widget will read it in
// the browser: for build tools, so that a broken field fails the build instead of a visitor's page.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { captureIntrinsics } from '../intrinsics.js';
import { createEngine, instantiateCore } from '../engine.js';

const WASM = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/smartcp.wasm');
let core = null;

/**
 * @param {unknown} config the object that goes in <script id="smartcp-config">
 * @returns {Promise<{ok: boolean, issues: {severity: string, path: string, message: string}[]}>}
 */
export async function checkConfig(config) {
  const I = captureIntrinsics(globalThis);
  core ??= instantiateCore(I, await readFile(WASM));
  const engine = createEngine(await core, I);
  const result = engine.configure(JSON.stringify(config ?? {}));
  return { ok: !!result.ok, issues: result.issues ?? [] };
}
