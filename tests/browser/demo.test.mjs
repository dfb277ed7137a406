// The demo site (scripts/demo.sh) in Chromium: the shop with its stand-ins of Smartsupp, Smartlook,
// Google's tag and an ad pixel, driven through accept, withdrawal, a custom choice; the live panel must
// agree with what the browser really stores. Then the other demo pages: keys set by the server, a
// single-page app, the strictest CSP, and the core's playground.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openFixtures, watch } from './browser.mjs';
import { root } from '../wasm/load-core.mjs';

const shots = path.join(root, 'build/screenshots');
let env;
let browser;
let base;

before(async () => {
  env = await openFixtures();
  ({ browser, base } = env);
  mkdirSync(shots, { recursive: true });
});
after(() => env?.close());

async function visit(context, pathname = '/') {
  const page = await context.newPage();
  const watcher = await watch(page);
  const response = await page.goto(base + pathname);
  await page.evaluate(() => window.SmartCP.ready);
  await page.waitForSelector('html[data-panel="ready"]');
  return { page, watcher, response };
}

// What the browser holds: its cookie jar and the origin's storage ("kind:name").
async function truth(context, page) {
  const cookies = (await context.cookies()).map((c) => `cookie:${c.name}`);
  const storage = await page.evaluate(() => ['localStorage', 'sessionStorage']
    .flatMap((kind) => Object.keys(window[kind]).map((name) => `${kind}:${name}`)));
  return [...cookies, ...storage].sort();
}
const panelKeys = (page) => page.locator('#panel-storage tr').evaluateAll((rows) => rows.map((r) => r.dataset.key).sort());
const panelCategory = (page, key) => page.locator(`#panel-storage tr[data-key="${key}"]`).getAttribute('data-category');

/** Waits until the panel lists exactly what the browser holds, and returns it. */
async function agree(context, page) {
  let held = [];
  let shown = [];
  for (let i = 0; i < 30; i++) {
    held = await truth(context, page);
    shown = await panelKeys(page);
    if (JSON.stringify(held) === JSON.stringify(shown)) return held;
    await page.waitForTimeout(100);
  }
  assert.deepEqual(shown, held, 'the panel lists what the browser holds');
  return held;
}
const action = (page, name) => page.locator(`smartcp-widget .layer [data-smartcp-action="${name}"]`);

test('the shop: before any choice only functional storage, the pixel refused, the panel agrees with the browser', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const { page, watcher, response } = await visit(context);
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  await page.waitForFunction(() => window.__smartsupp && localStorage.getItem('ssupp_demo-chat'));
  await action(page, 'accept-all').waitFor();
  const held = await agree(context, page);
  assert.ok(held.includes('localStorage:ssupp_demo-chat'), 'the chat wrote its state from its iframe');
  assert.ok(!held.some((k) => /SL_|_ga|_fbp|shop_stats|smartlook/.test(k)), held.join(' '));
  // The pixel's pasted tag is held (its host is listed as marketing), so its cookie is never even tried.
  await page.waitForFunction(() => document.querySelector('#panel-snippets')?.textContent.includes('held: waits for marketing'));
  assert.equal(await page.evaluate(() => window.__pixel), undefined);
  await page.waitForSelector('#panel-blocked tr[data-key$="/vendors/meta/pixel.js"]');
  assert.equal(await page.locator('#panel-signals tr[data-signal="analytics_storage"] td').nth(2).textContent(), 'denied');
  assert.match(await page.locator('#panel-vendors').textContent(), /Smartlook recorder: not loaded/);
  await page.screenshot({ path: path.join(shots, 'demo-shop.png') });
  assert.deepEqual(await watcher.cspViolations(), []);
  assert.deepEqual(watcher.problems, []);
  await context.close();
});

test('accept, withdraw, choose: storage, vendors, Consent Mode and the panel follow each step', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const { page, watcher } = await visit(context);
  await action(page, 'accept-all').click();
  await page.waitForFunction(() => localStorage.getItem('smartlook_queued_chunks') && document.cookie.includes('_ga=')
    && localStorage.getItem('shop_stats') === '1');
  let held = await agree(context, page);
  for (const key of ['cookie:SL_C_23361dd035530_SID', 'cookie:_ga', 'localStorage:SL_L_23361dd035530_SID', 'localStorage:shop_stats']) {
    assert.ok(held.includes(key), `${key} is written once allowed`);
  }
  assert.equal(await panelCategory(page, 'cookie:_ga'), 'analytics');
  // Known without a catalog entry: the tracker database names the platform.
  assert.match(await page.locator('#panel-storage tr[data-key="cookie:_ga"]').textContent(), /Google Analytics.*tracker database/);
  // The held pixel ran once, on the click, and wrote its cookie.
  await page.waitForFunction(() => window.__pixel?.runs === 1 && document.cookie.includes('_fbp='));
  assert.match(await page.locator('#panel-storage tr[data-key="cookie:_fbp"]').textContent(), /marketing.*Facebook/);
  const ga = (await context.cookies()).find((c) => c.name === '_ga');
  assert.ok((ga.expires * 1000 - Date.now()) / 86400000 <= 395.01, 'Google\'s 400-day cookie is capped at 395 days');
  await page.waitForFunction(() => document.querySelector('#panel-signals tr[data-signal="ad_storage"] td:last-child')?.textContent === 'granted');
  await page.screenshot({ path: path.join(shots, 'demo-shop-accepted.png') });

  // The next page load: the pixel may write now.
  await page.reload();
  await page.evaluate(() => window.SmartCP.ready);
  await page.waitForFunction(() => document.cookie.includes('_fbp='));

  // Withdrawal from the reopen button: everything optional goes at once.
  await page.locator('smartcp-widget .reopen').click();
  await action(page, 'reject-all').click();
  await page.waitForFunction(() => !document.cookie.includes('_ga=') && !localStorage.getItem('shop_stats'));
  held = await agree(context, page);
  assert.ok(!held.some((k) => /SL_|_ga|_fbp|shop_stats|smartlook/.test(k)), held.join(' '));
  assert.equal(await page.evaluate(() => window.__smartlook.recording), false, 'the recorder is paused');
  assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('ssupp_demo-chat'))).visits, undefined, 'no marketing visit counter');

  // A custom choice: analytics only.
  await page.locator('smartcp-widget .reopen').click();
  await page.locator('smartcp-widget [data-smartcp-category="analytics"]').check();
  await action(page, 'save').click();
  await page.waitForFunction(() => document.cookie.includes('SL_C_23361dd035530_SID'));
  held = await agree(context, page);
  assert.ok(!held.includes('cookie:_fbp'));
  assert.match(await page.locator('#panel-consent').textContent(), /custom/);
  assert.deepEqual(await watcher.cspViolations(), []);
  assert.deepEqual(watcher.problems, []);
  await context.close();
});

test('keys set by the server before the widget loaded are deleted at once without consent', async () => {
  const context = await browser.newContext();
  const { page, response } = await visit(context, '/preloaded.html');
  assert.match(await response.headerValue('set-cookie'), /_fbp=/, 'the server did set them');
  const held = await agree(context, page);
  assert.ok(!held.some((k) => /SL_C|_ga|_fbp|ssupp\.visits/.test(k)), held.join(' '));
  assert.match(await page.locator('#notice').textContent(), /server set/);
  await context.close();
});

test('the single-page app: views change without a reload, the widget and the panel carry on', async () => {
  const context = await browser.newContext();
  const { page } = await visit(context, '/spa.html');
  await action(page, 'accept-all').click();
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.locator('[data-add="p2"]').click();
  await page.locator('a[data-route="cart"]').first().click();
  assert.match(page.url(), /\?view=cart$/);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no reload');
  assert.equal(await page.locator('#cart-list li').count(), 1);
  assert.ok(await page.locator('smartcp-widget .reopen').isVisible());
  await agree(context, page);
  await page.goBack();
  assert.equal(await page.locator('.products').isVisible(), true);
  await context.close();
});

test('the strictest CSP: scripts only by nonce, Trusted Types enforced, and everything still works', async () => {
  const context = await browser.newContext();
  const { page, watcher, response } = await visit(context, '/strict.html');
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /^default-src 'none'; script-src 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic' 'wasm-unsafe-eval'/);
  assert.ok(!/script-src[^;]*'self'/.test(csp));
  assert.match(csp, /require-trusted-types-for 'script'; trusted-types smartcp/, 'and Trusted Types enforced');
  await action(page, 'accept-all').click();
  await page.waitForFunction(() => localStorage.getItem('shop_stats') === '1' && window.__smartlook?.recording);
  await agree(context, page);
  assert.deepEqual(await watcher.cspViolations(), []);
  assert.deepEqual(watcher.problems, []);
  await context.close();
});

test('the demo at a phone\'s width, in Polish', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const { page } = await visit(context);
  await page.locator('[data-lang="pl"]').click();
  await page.waitForFunction(() => document.querySelector('smartcp-widget').shadowRoot.querySelector('.banner')?.lang === 'pl');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  await page.screenshot({ path: path.join(shots, 'demo-shop-mobile.png') });
  await context.close();
});

// The core playground (/playground.html): the core alone, deciding the writes typed into it.
const verdictOf = (page, name) =>
  page.locator('#writes tr', { has: page.locator(`code:text-is("${name}")`) }).locator('.badge').textContent();

test('the core playground: the core loads under a strict CSP and gates writes live', async () => {
  const page = await browser.newPage();
  const watcher = await watch(page);
  const response = await page.goto(base + '/playground.html');
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 15000 });

  assert.equal(await verdictOf(page, 'ssupp.vid'), 'allow');
  assert.equal(await verdictOf(page, 'ssupp.visits'), 'refuse');
  assert.equal(await verdictOf(page, 'SL_C_23361dd035530_SID'), 'refuse');
  assert.equal(await verdictOf(page, 'cart'), 'allow');
  assert.equal(await page.locator('#signals dd').nth(3).textContent(), 'denied');  // analytics_storage

  // Smartsupp's state is written without its marketing field.
  const redacted = JSON.parse(await page.locator('#try-result').textContent());
  assert.equal(redacted.verdict, 'redact');
  assert.equal(redacted.value, '{"vid":"v-4471","sessionId":"s-19","opened":true}');
  await page.screenshot({ path: path.join(shots, 'playground-desktop.png'), fullPage: true });
  await page.screenshot({ path: path.join(shots, 'playground-desktop-top.png') });

  await page.locator('#analytics').check();
  assert.equal(await verdictOf(page, 'SL_C_23361dd035530_SID'), 'allow');
  assert.equal(await verdictOf(page, '_fbp'), 'refuse');
  await page.locator('#marketing').check();
  assert.equal(await verdictOf(page, 'ssupp.visits'), 'allow');
  assert.equal(JSON.parse(await page.locator('#try-result').textContent()).verdict, 'allow');

  const issues = await page.locator('#issues li').allTextContents();
  assert.ok(issues.some((i) => i.startsWith('vendors.smartlook.key:')), issues.join('\n'));
  assert.ok(issues.some((i) => i.startsWith('expiryDays:')), issues.join('\n'));

  await page.locator('#lang').selectOption('pl');  // the purposes come from the language's file
  await page.waitForFunction(() => document.querySelector('#catalog').textContent.includes('Zapamiętuje Twój wybór'));

  assert.deepEqual(await watcher.cspViolations(), []);
  assert.deepEqual(watcher.problems, []);
  await page.close();
});

test('the core playground at a phone\'s width, in dark mode', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 }, colorScheme: 'dark', deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.goto(base + '/playground.html');
  await page.waitForSelector('html[data-ready="true"]', { timeout: 15000 });
  // Nothing overflows sideways at 360 px.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  await page.screenshot({ path: path.join(shots, 'playground-mobile-dark.png'), fullPage: false });
  await context.close();
});

test('the core playground: a missing wasm is reported on the page, not thrown into it', async () => {
  const page = await browser.newPage();
  const watcher = await watch(page);
  await page.route('**/smartcp.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(base + '/playground.html');
  await page.waitForSelector('html[data-ready="error"]', { timeout: 15000 });
  assert.match(await page.locator('#status').textContent(), /could not load/);
  assert.ok(!watcher.problems.some((p) => p.startsWith('pageerror')), watcher.problems.join('\n'));
  await page.close();
});

test('the privacy page\'s cookie declaration: what the site declares, in the visitor\'s language, nothing moving', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // The shop first: this browser then has keys of its own that the declaration must not list.
  const shop = await visit(context);
  await shop.page.evaluate(() => { localStorage.setItem('_hjid', 'x'); });
  await shop.page.close();
  const shifts = () => window.__shift;
  for (const view of ['first', 'again']) {
    const page = await context.newPage();
    const watcher = await watch(page);
    await page.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
        .observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${base}/privacy.html`);
    const declaration = page.locator('[data-smartcp-declaration]');
    await declaration.locator('table').first().waitFor();
    const text = await declaration.evaluate((el) => el.shadowRoot.textContent);
    assert.match(text, /Functional/, 'in the page\'s language');
    for (const name of ['smartcp_consent', 'ssupp.vid', 'SL_C_23361dd035530_SID', 'shop_stats', 'cart', '_ga', '_fbp']) {
      assert.ok(text.includes(name), `${name} is declared`);
    }
    assert.ok(!text.includes('_hjid'), 'a key this browser happens to hold is not the site\'s declaration');
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(shifts), 0, `no layout shift (${view} view)`);
    assert.deepEqual(watcher.problems, []);
    assert.deepEqual(await watcher.cspViolations(), []);
    if (view === 'first') {
      await page.screenshot({ path: path.join(shots, 'demo-declaration.png') });
      // In the visitor's language when it changes.
      await page.evaluate(() => window.SmartCP.setLanguage('pl'));
      assert.match(await declaration.evaluate((el) => el.shadowRoot.textContent), /Funkcjonalne/);
    }
    await page.close();
  }
  await context.close();
});
