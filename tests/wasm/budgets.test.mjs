// Sizes with a budget, on the dist/ under test: the tracker tables' share of smartcp.wasm (at most 14 KB
// gzip, against the core built without them by scripts/build-notables.sh), the core, and the
// render-blocking script.
// The render-blocking script's budget is 9 KB gzip; the guard for
// every realm, write path and tracker endpoint brought it to about 18 KB, which the README reports as
// missed. This test holds the size it has now, so that it only goes down. The browser tests check that
// a returning visitor does not fetch the banner's code; tests/bench/size.mjs reports every size
// against its budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { distDir, root } from './load-core.mjs';

const dir = process.env.SMARTCP_FRESH_DIST ? path.resolve(process.env.SMARTCP_FRESH_DIST) : distDir;
const gz = (file) => gzipSync(readFileSync(path.join(dir, file)), { level: 9 }).length;

test('the render-blocking script does not grow past 18 KB gzipped (budget 9 KB, missed)', () => {
  assert.ok(gz('smartcp.js') <= 18 * 1024, `smartcp.js is ${gz('smartcp.js')} bytes gzipped`);
});

// Like the render-blocking script, the core misses its budget (60 KB gzip with the tables); this holds
// what it weighs now, so that it only goes down.
test('the core (smartcp.wasm and smartcp-core.js) does not grow past 75 KB gzipped (budget 60 KB, missed)', () => {
  const core = gz('smartcp.wasm') + gz('smartcp-core.js');
  assert.ok(core <= 75 * 1024, `the core is ${core} bytes gzipped`);
});

test('the tracker tables add at most 14 KB gzipped to smartcp.wasm', () => {
  const bare = path.join(root, 'build/wasm-notables/wasm/smartcp.wasm');
  assert.ok(existsSync(bare), 'the core without the tables is not built: run scripts/build-notables.sh');
  const tables = gz('smartcp.wasm') - gzipSync(readFileSync(bare), { level: 9 }).length;
  assert.ok(tables <= 14 * 1024, `the tables add ${tables} bytes gzipped`);
  assert.ok(tables > 8 * 1024, `the tables add only ${tables} bytes: is the core without them built from today's sources?`);
});
