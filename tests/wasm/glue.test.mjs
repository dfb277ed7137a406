// What a site owner ships: the glue must run under a strict CSP, and dist/ must be what the sources build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { root, distDir } from './load-core.mjs';

test('the glue needs no eval or new Function (strict CSP needs only wasm-unsafe-eval)', () => {
  const glue = readFileSync(path.join(distDir, 'smartcp-core.js'), 'utf8');
  assert.equal(glue.includes('eval('), false);
  assert.equal(/new\s+Function/.test(glue), false);
  assert.equal(/\bFunction\s*\(/.test(glue), false);
});

test('the glue looks for smartcp.wasm next to itself', () => {
  const glue = readFileSync(path.join(distDir, 'smartcp-core.js'), 'utf8');
  assert.match(glue, /wasmBinaryFile\s*=\s*"smartcp\.wasm"/);
  assert.match(glue, /document\.currentScript/);
});

test('the wasm is a valid WebAssembly module', () => {
  assert.ok(WebAssembly.validate(readFileSync(path.join(distDir, 'smartcp.wasm'))));
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
