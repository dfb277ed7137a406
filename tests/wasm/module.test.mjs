// What a site owner ships: the core is a standalone WebAssembly module that js/engine.js instantiates with
// its own imports and calls directly; dist/ is what the sources build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { root, distDir, loadCore } from './load-core.mjs';

const bytes = readFileSync(path.join(distDir, 'smartcp.wasm'));

test('the core is a valid standalone module: its four imports, plain exports, no glue', () => {
  assert.ok(WebAssembly.validate(bytes));
  const module = new WebAssembly.Module(bytes);
  assert.deepEqual(WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`).sort(),
    ['env.emscripten_notify_memory_growth', 'env.smartcp_parse_number', 'env.smartcp_shortest_number', 'wasi_snapshot_preview1.proc_exit']);
  const exports = WebAssembly.Module.exports(module).map((e) => e.name);
  for (const name of ['memory', '_initialize', 'smartcp_new_engine', 'smartcp_decide', 'smartcp_decide_cookie', 'smartcp_read_record']) {
    assert.ok(exports.includes(name), name);
  }
});

test('the runtime needs no eval or new Function (a strict CSP needs only wasm-unsafe-eval)', () => {
  for (const file of readdirSync(distDir).filter((f) => f.endsWith('.js'))) {
    const code = readFileSync(path.join(distDir, file), 'utf8');
    assert.equal(/\beval\(/.test(code), false, file);
    assert.equal(/new\s+Function\b/.test(code), false, file);
  }
});

test('the core grows its memory and keeps answering', async () => {
  const core = await loadCore();
  const engine = core.engine();
  const before = core.exports.memory.buffer.byteLength;
  const big = 'x'.repeat(32 * 1024 * 1024);
  assert.equal(engine.decide(big, 1) & 3, 0);
  assert.ok(core.exports.memory.buffer.byteLength > before, 'memory grew');
  assert.equal(engine.decide('SL_C_23361dd035530_SID', 0) & 3, 2);
  engine.delete();
});

// scripts/test.sh builds into build/dist first; the committed dist/ must be byte for byte the same.
test('committed dist/ equals a fresh build', { skip: !process.env.SMARTCP_FRESH_DIST && 'set SMARTCP_FRESH_DIST' }, () => {
  const fresh = process.env.SMARTCP_FRESH_DIST;
  assert.ok(existsSync(fresh), `${fresh} is missing`);
  const committed = readdirSync(path.join(root, 'dist')).sort();
  assert.deepEqual(committed, readdirSync(fresh).sort(), 'the same files');
  for (const file of committed) {
    assert.ok(readFileSync(path.join(root, 'dist', file)).equals(readFileSync(path.join(fresh, file))),
      `dist/${file} differs from a fresh build: run scripts/build.sh and commit dist/`);
  }
});
