// Every write path, for each storage kind, in each consent state, through dist/smartcp.js: what the
// browser really holds afterwards. The analytics key must be stored exactly when analytics is granted; the
// functional key always, and before the core has decided already (the pre-decider clears it at once).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openFixtures } from './browser.mjs';

let env;
let browser;
let bare;

before(async () => {
  env = await openFixtures();
  browser = env.browser;
  bare = `${env.base}/fixtures/bare.html`;
});
after(() => env?.close());

// Each path writes `name=value` of its kind. Analytics: Smartlook's keys; functional: Smartsupp's.
const PATHS = {
  cookie: {
    'document.cookie': (name, value) => { document.cookie = `${name}=${value}; path=/`; },
    'cookieStore.set': (name, value) => cookieStore.set(name, value),
  },
  storage: {
    setItem: (s, name, value) => s.setItem(name, value),
    'property assignment': (s, name, value) => { s[name] = value; },
    'prototype call': (s, name, value) => Storage.prototype.setItem.call(s, name, value),
  },
};
const KEYS = {
  cookie: { analytics: 'SL_C_23361dd035530_SID', functional: 'ssupp.vid' },
  localStorage: { analytics: 'SL_L_23361dd035530_SID', functional: '_ss.enableSounds' },
  sessionStorage: { analytics: 'smartlook_debug', functional: 'cart' },
};
const STATES = ['before any choice', 'after reject', 'after accept', 'after withdrawal'];

// What the browser holds, asked of the browser itself (the cookie jar, DevTools' DOMStorage), never of
// the page, whose reads the guard answers.
async function truth(context, page, kind, name) {
  if (kind === 'cookie') return (await context.cookies()).find((c) => c.name === name)?.value ?? null;
  const cdp = await context.newCDPSession(page);
  await cdp.send('DOMStorage.enable');
  const { entries } = await cdp.send('DOMStorage.getDOMStorageItems', {
    storageId: { securityOrigin: new URL(page.url()).origin, isLocalStorage: kind === 'localStorage' } });
  await cdp.detach();
  return entries.find(([key]) => key === name)?.[1] ?? null;
}

for (const state of STATES) {
  for (const [kind, keys] of Object.entries(KEYS)) {
    const paths = kind === 'cookie' ? PATHS.cookie : PATHS.storage;
    for (const [pathName, write] of Object.entries(paths)) {
      test(`${kind} via ${pathName}, ${state}`, async () => {
        const context = await browser.newContext();
        const page = await context.newPage();
        let release;
        const held = new Promise((r) => { release = r; });
        if (state === 'before any choice') {
          // The core arrives only when the test says so: writes meanwhile must wait.
          await page.route('**/smartcp.wasm', async (route) => { await held; await route.continue(); });
        }
        await page.goto(bare);
        if (state !== 'before any choice') await page.evaluate(() => window.SmartCP.ready);
        if (state === 'after reject') await page.evaluate(() => window.SmartCP.rejectAll());
        if (state === 'after accept') await page.evaluate(() => window.SmartCP.acceptAll());
        if (state === 'after withdrawal') await page.evaluate(() => window.SmartCP.acceptAll().then(() => window.SmartCP.rejectAll()));

        const run = `(${write})`;
        await page.evaluate(async ([source, k, names]) => {
          const fn = (0, eval)(source);  // the test's own code, not the page's: CSP does not apply to evaluate
          for (const name of Object.values(names)) {
            await (k === 'cookie' ? fn(name, 'w') : fn(window[k], name, 'w'));
          }
        }, [run, kind, keys]);

        if (state === 'before any choice') {
          assert.equal(await truth(context, page, kind, keys.analytics), null, 'held until the core decides');
          assert.equal(await truth(context, page, kind, keys.functional), 'w', 'written at once: it needs no consent');
          release();
          await page.evaluate(() => window.SmartCP.ready);
        }
        const granted = state === 'after accept';
        assert.equal(await truth(context, page, kind, keys.analytics), granted ? 'w' : null, `${keys.analytics}`);
        assert.equal(await truth(context, page, kind, keys.functional), 'w', `${keys.functional}`);
        await context.close();
      });
    }
  }
}
