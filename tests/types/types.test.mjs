// dist/smartcp.d.ts: an example of real use type-checks, mistakes do not, and the types list every text id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root, distDir } from '../wasm/load-core.mjs';
import { readLocales } from '../../scripts/generate-locales.mjs';

test('TypeScript: the example compiles under strict mode and every misuse is an error', () => {
  const tsc = path.join(root, 'node_modules/.bin/tsc');
  try {
    execFileSync(tsc, ['-p', path.join(root, 'tests/types/tsconfig.json')], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    assert.fail(`tsc failed:\n${error.stdout}${error.stderr}`);
  }
});

test('the TextId type names every built-in text', () => {
  const dts = readFileSync(path.join(distDir, 'smartcp.d.ts'), 'utf8');
  const union = dts.match(/export type TextId =([\s\S]*?);/)[1];
  const typed = new Set([...union.matchAll(/'([^']+)'/g)].map((m) => m[1]));
  const builtIn = new Set(Object.values(readLocales()).flatMap((l) => Object.keys(l.texts)));
  assert.deepEqual([...builtIn].filter((id) => !typed.has(id)), []);
  assert.deepEqual([...typed].filter((id) => !builtIn.has(id)), []);
});
