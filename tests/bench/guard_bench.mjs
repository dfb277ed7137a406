// The guard's cost in Chromium: 10,000 allowed writes through the guard against the same writes on a
// page without it, for cookies and for localStorage. Budget: ratio at most 2.
// Usage: node tests/bench/guard_bench.mjs [--short]   (--short: fewer rounds, ratios printed, not judged)
import path from 'node:path';
import { startServer } from '../../demo/server.mjs';
import { launch } from '../browser/browser.mjs';
import { root } from '../wasm/load-core.mjs';

const short = process.argv.includes('--short');
const WRITES = 10_000;
const ROUNDS = short ? 3 : 9;
const BUDGET = 2;

const server = await startServer(0, [['/fixtures/', path.join(root, 'tests/browser/fixtures')]]);
const base = `http://127.0.0.1:${server.address().port}/fixtures/`;
const browser = await launch();

// Allowed writes, a realistic mix: the site's own keys and vendor keys with consent given.
const measure = (page) => page.evaluate(({ writes, rounds }) => {
  const names = ['cart', 'theme', 'ssupp_KEYopened', 'smartlook_debug', 'SL_L_23361dd035530_SID', 'checkout'];
  const time = (fn) => {
    const samples = [];
    for (let r = 0; r < rounds; r++) {
      const start = performance.now();
      for (let i = 0; i < writes; i++) fn(i);
      samples.push(performance.now() - start);
    }
    return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  };
  const storage = time((i) => localStorage.setItem(names[i % names.length], `v${i}`));
  const cookie = time((i) => { document.cookie = `${names[i % names.length]}=v${i}; path=/; max-age=3600`; });
  localStorage.clear();
  return { storage, cookie };
}, { writes: WRITES, rounds: ROUNDS });

try {
  const plainPage = await browser.newPage();
  await plainPage.goto(base + 'plain.html');
  const plain = await measure(plainPage);

  const guardedPage = await browser.newPage();
  await guardedPage.goto(base + 'guard.html');
  await guardedPage.waitForSelector('html[data-ready="true"]');
  await guardedPage.evaluate(() => window.fixture.ready({ vendors: { smartsupp: { key: 'KEY' } } }, true, true));
  const guarded = await measure(guardedPage);

  let missed = false;
  for (const kind of ['storage', 'cookie']) {
    const ratio = guarded[kind] / plain[kind];
    missed ||= ratio > BUDGET;
    console.log(`guard ${kind.padEnd(7)}: ${WRITES} allowed writes ${guarded[kind].toFixed(1)} ms, without guard ` +
      `${plain[kind].toFixed(1)} ms, ratio ${ratio.toFixed(2)} (budget ${BUDGET}: ${ratio <= BUDGET ? 'met' : 'MISSED'})`);
  }
  if (missed && !short) process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
