// The buffer-based hot path must answer exactly as the plain Embind call does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCore, root } from './load-core.mjs';
import { fastDecider, KIND } from '../../js/engine.js';

const core = await loadCore();
const workload = JSON.parse(readFileSync(path.join(root, 'tests/bench/workload.json'), 'utf8'));

test('fastDecider equals engine.decide on the workload and on awkward names', () => {
  const engine = new core.Engine();
  engine.configure(JSON.stringify(workload.config));
  const decide = fastDecider(core, engine);
  const names = [...workload.writes.map(([n]) => n), '', 'ąčř', '😀_ssupp', 'ssupp_ž', 'x'.repeat(5000), 'a=b', 'SL_C_\u00e9'];
  for (const granted of [[false, false], [true, false], [true, true]]) {
    engine.setConsent(...granted);
    for (const name of names) {
      for (const kind of Object.values(KIND)) assert.equal(decide(name, kind), engine.decide(name, kind), `${name} ${kind}`);
    }
  }
});

test('fastDecider survives memory growth', () => {
  const engine = new core.Engine();
  const decide = fastDecider(core, engine);
  const before = decide('SL_C_23361dd035530_SID', KIND.cookie);
  const hold = core._malloc(64 * 1024 * 1024); // forces the heap to grow and HEAPU8 to be replaced
  try {
    assert.equal(decide('SL_C_23361dd035530_SID', KIND.cookie), before);
    assert.equal(decide('cart', KIND.localStorage) & 3, 0);
  } finally {
    core._free(hold);
  }
});
