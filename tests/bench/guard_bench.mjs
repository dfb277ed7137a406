// The guard's cost in Chromium: 10,000 allowed writes through the guard against the same writes on a
// page without it, for cookies and for localStorage. Budget: ratio at most 2.
// Usage: node tests/bench/guard_bench.mjs [--short]   (--short: fewer rounds, ratios printed, not judged)
import { openFixtures } from '../browser/browser.mjs';

const short = process.argv.includes('--short');
const WRITES = 10_000;
const ROUNDS = short ? 3 : 9;
const BUDGET = 2;

const env = await openFixtures();
const base = `${env.base}/fixtures/`;
const browser = env.browser;

// One round of allowed writes, a realistic mix of the site's own keys and vendor keys with consent
// given: through the guard, and the same writes through the browser's own functions that the guard
// keeps (same page, same storage, so nothing but the guard differs).
const round = (page, guardedFirst) => page.evaluate(async ({ writes, guardedFirst }) => {
  const names = ['cart', 'theme', 'ssupp_KEYopened', 'smartlook_debug', 'SL_L_23361dd035530_SID', 'checkout'];
  const native = window.__native;
  // Chromium commits storage and cookie writes in the background (a read waits until the cookie writes
  // before it are done): each loop starts once the last one's are, so neither pays for the other.
  const settle = () => {
    native.getCookie.call(document);
    return new Promise((done) => setTimeout(done, 150));
  };
  const time = async (fn) => {
    await settle();
    const start = performance.now();
    for (let i = 0; i < writes; i++) fn(i);
    return performance.now() - start;
  };
  const loops = {
    guarded: {
      storage: (i) => localStorage.setItem(names[i % names.length], `v${i}`),
      cookie: (i) => { document.cookie = `${names[i % names.length]}=v${i}; path=/; max-age=3600`; },
    },
    plain: {
      storage: (i) => native.setItem.call(native.localStorage, names[i % names.length], `v${i}`),
      cookie: (i) => native.setCookie.call(document, `${names[i % names.length]}=v${i}; path=/; max-age=3600`),
    },
  };
  const out = { guarded: {}, plain: {} };
  for (const kind of ['storage', 'cookie']) {
    for (const side of guardedFirst ? ['guarded', 'plain'] : ['plain', 'guarded']) out[side][kind] = await time(loops[side][kind]);
  }
  return out;
}, { writes: WRITES, guardedFirst });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  const page = await browser.newPage();
  // The browser's own functions, taken before smartcp.js runs: the same page without the guard's cost.
  await page.addInitScript(() => {
    const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
    window.__native = { setItem: Storage.prototype.setItem, localStorage, setCookie: cookie.set, getCookie: cookie.get };
  });
  await page.goto(base + 'guard.html');
  await page.evaluate(() => window.SmartCP.acceptAll());
  await round(page, true);  // warm-up
  const samples = [];
  for (let r = 0; r < ROUNDS; r++) samples.push(await round(page, r % 2 === 0));  // order alternates
  const pick = (side, kind) => median(samples.map((s) => s[side][kind]));
  const plain = { storage: pick('plain', 'storage'), cookie: pick('plain', 'cookie') };
  const guarded = { storage: pick('guarded', 'storage'), cookie: pick('guarded', 'cookie') };

  let missed = false;
  for (const kind of ['storage', 'cookie']) {
    const ratio = guarded[kind] / plain[kind];
    missed ||= ratio > BUDGET;
    console.log(`guard ${kind.padEnd(7)}: ${WRITES} allowed writes ${guarded[kind].toFixed(1)} ms, without guard ` +
      `${plain[kind].toFixed(1)} ms, ratio ${ratio.toFixed(2)} (budget ${BUDGET}: ${ratio <= BUDGET ? 'met' : 'MISSED'})`);
  }
  if (missed && !short) process.exitCode = 1;
} finally {
  await env.close();
}
