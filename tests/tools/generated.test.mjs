// What scripts/generate-tables.mjs makes from the tracker database (third_party/open-cookie-database),
// the vendor catalogs and the endpoint list is committed; this proves it is what the sources give now.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('the generated tables, purposes, platform list and README list match the sources in the repository', () => {
  const run = spawnSync(process.execPath, ['scripts/generate-tables.mjs', '--check'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr + run.stdout);
});

test('the README lists the platforms between its markers, as generated', () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const list = readme.match(/<!-- platforms:start -->\n(\d+) platforms: ([^\n]+)\.\n<!-- platforms:end -->/);
  assert.ok(list, 'the markers and the list are there');
  const names = list[2].split(', ');
  assert.equal(names.length, +list[1]);
  for (const name of ['Google Analytics', 'Facebook', 'Hotjar', 'Microsoft Clarity', 'TikTok', 'Hubspot', 'Smartlook']) {
    assert.ok(names.includes(name), name);
  }
});
