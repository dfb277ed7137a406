// Pages with dist/smartcp.js, as the guard's tests need them: the core's arrival held until the test
// releases it, and the browser's real storage read (and written behind the page's back) from outside
// the page, through the DevTools protocol, never through the page's own guarded reads.
import assert from 'node:assert/strict';
import { watch } from './browser.mjs';

/**
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {{holdCore?: boolean, context?: object, init?: Function}} [o] init: a script run in the page before anything
 */
export async function guardedPage(browser, url, { holdCore = false, context: given, init } = {}) {
  const context = given ?? await browser.newContext();
  const page = await context.newPage();
  const watcher = await watch(page);
  if (init) await page.addInitScript(init);
  let release = () => {};
  if (holdCore) {
    const held = new Promise((r) => { release = r; });
    await page.route('**/smartcp.wasm', async (route) => { await held; await route.continue(); });
  }
  await page.goto(url);
  const cdp = await context.newCDPSession(page);
  await cdp.send('DOMStorage.enable');
  const origin = new URL(url).origin;
  const storageId = (kind) => ({ securityOrigin: origin, isLocalStorage: kind === 'localStorage' });
  const g = {
    context,
    page,
    watcher,
    /** Lets the core arrive (when held), and waits until it is ready (in the page, unless wait is false). */
    async release({ wait = true } = {}) {
      release();
      if (wait) await page.evaluate(() => window.SmartCP.ready.catch(() => {}));
    },
    /** The browser's cookies by name. */
    async cookies() {
      return Object.fromEntries((await context.cookies()).map((c) => [c.name, c]));
    },
    /** What the browser holds for `key` in localStorage or sessionStorage, or null. */
    async stored(kind, key) {
      const { entries } = await cdp.send('DOMStorage.getDOMStorageItems', { storageId: storageId(kind) });
      return entries.find(([k]) => k === key)?.[1] ?? null;
    },
    /** Every key the browser holds in localStorage or sessionStorage. */
    async keys(kind) {
      const { entries } = await cdp.send('DOMStorage.getDOMStorageItems', { storageId: storageId(kind) });
      return Object.fromEntries(entries);
    },
    /** Writes past the page entirely, as another program would. */
    async writeBehind(kind, key, value) {
      await cdp.send('DOMStorage.setDOMStorageItem', { storageId: storageId(kind), key, value });
    },
    /** No uncaught error, console error or CSP violation reached the page. */
    async clean() {
      assert.deepEqual(watcher.problems, []);
      assert.deepEqual(await watcher.cspViolations(), []);
    },
    close: () => (given ? page.close() : context.close()),
  };
  return g;
}

/** Polls until `check` holds (events are asynchronous), or fails with the last value. */
export async function eventually(check, what, timeout = 4000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await check();
    if (last === true) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`${what}: ${JSON.stringify(last)}`);
}
