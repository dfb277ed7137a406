// The core playground page in Chromium, served with the strictest CSP: the core loads, decides live, and nothing
// is blocked by the policy.
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

const verdictOf = (page, name) =>
  page.locator('#writes tr', { has: page.locator(`code:text-is("${name}")`) }).locator('.badge').textContent();

test('the core loads under a strict CSP and gates writes live', async () => {
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

  await page.locator('#lang').selectOption('pl');
  assert.match(await page.locator('#catalog').textContent(), /Zapamiętuje Twój wybór/);

  assert.deepEqual(await watcher.cspViolations(), []);
  assert.deepEqual(watcher.problems, []);
  await page.close();
});

test('mobile width and dark mode', async () => {
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

test('a missing wasm is reported on the page, not thrown into it', async () => {
  const page = await browser.newPage();
  const watcher = await watch(page);
  await page.route('**/smartcp.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(base + '/playground.html');
  await page.waitForSelector('html[data-ready="error"]', { timeout: 15000 });
  assert.match(await page.locator('#status').textContent(), /could not load/);
  assert.ok(!watcher.problems.some((p) => p.startsWith('pageerror')), watcher.problems.join('\n'));
  await page.close();
});
