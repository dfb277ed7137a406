// Decisions per second through the WebAssembly build in Node, on the same mixed workload as the native
// benchmark (tests/bench/workload.json). Floor: 1 million a second.
// Usage: node tests/bench/wasm_decide.mjs [--seconds N]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCore, root } from '../wasm/load-core.mjs';
import { KIND } from '../../js/engine.js';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 2;
const FLOOR = 1_000_000;

const workload = JSON.parse(readFileSync(path.join(root, 'tests/bench/workload.json'), 'utf8'));
const core = await loadCore();
const engine = core.engine();
engine.configure(JSON.stringify(workload.config));
const writes = workload.writes.map(([name, kind]) => [name, KIND[kind]]);
const decide = engine.decide;

function run(ms) {
  let decisions = 0;
  let sink = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (const [name, kind] of writes) sink ^= decide(name, kind);
    decisions += writes.length;
  }
  return { rate: decisions / ((performance.now() - start) / 1000), sink };
}

run(Math.min(300, seconds * 200)); // warm up the JIT and the wasm tier-up
const rates = [];
for (let i = 0; i < 3; i++) rates.push(run((seconds * 1000) / 3).rate);
const best = Math.max(...rates);
console.log(`wasm decide (node ${process.version}): ${(best / 1e6).toFixed(2)} M decisions/s ` +
  `(runs: ${rates.map((r) => (r / 1e6).toFixed(2)).join(', ')}; floor ${FLOOR / 1e6} M/s: ${best >= FLOOR ? 'met' : 'MISSED'})`);
process.exitCode = best >= FLOOR ? 0 : 1;
