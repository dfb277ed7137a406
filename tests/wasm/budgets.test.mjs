// The byte budget that is exact and met, on the dist/ under test: the one render-blocking script. The
// browser tests check that a returning visitor does not fetch the banner's code; tests/bench/size.mjs
// reports the other sizes against their budgets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { distDir } from './load-core.mjs';

const dir = process.env.SMARTCP_FRESH_DIST ? path.resolve(process.env.SMARTCP_FRESH_DIST) : distDir;
const gz = (file) => gzipSync(readFileSync(path.join(dir, file)), { level: 9 }).length;

test('the render-blocking script is at most 9 KB gzipped', () => {
  assert.ok(gz('smartcp.js') <= 9 * 1024, `smartcp.js is ${gz('smartcp.js')} bytes gzipped`);
});
