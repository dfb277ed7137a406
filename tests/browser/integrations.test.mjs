// Integrations, in Chromium, on a page whose CSP allows scripts only by nonce: Google Consent Mode,
// Smartsupp and Smartlook (the demo's stand-ins, which record the calls they get, in order), gated
// <script type="text/plain">, Global Privacy Control, other tabs, the consent log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openFixtures, watch } from './browser.mjs';
import { root } from '../wasm/load-core.mjs';

const NONCE = 'c21hcnRjcC10ZXN0';
const CSP = `default-src 'self'; script-src 'nonce-${NONCE}' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:`;
const TEMPLATE = readFileSync(path.join(root, 'tests/browser/fixtures/integrations.html'), 'utf8').replaceAll('NONCE', NONCE);
const CONFIG = JSON.parse(TEMPLATE.match(/id="smartcp-config">([\s\S]*?)<\/script>/)[1]);

let env;
before(async () => { env = await openFixtures(); });
after(() => env?.close());

/** Opens the integrations page (with `config` merged into its own) in `context`, or a new context. */
async function open({ context, config, init } = {}) {
  context ??= await env.browser.newContext();
  const page = await context.newPage();
  const watcher = await watch(page);
  if (init) await page.addInitScript(init);
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const html = TEMPLATE.replace(/(id="smartcp-config">)[\s\S]*?(<\/script>)/, (_, a, b) => a + JSON.stringify({ ...CONFIG, ...config }) + b);
  const url = `${env.base}/fixtures/integrations.html`;
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html', headers: { 'content-security-policy': CSP }, body: html }));
  await page.goto(url);
  await page.evaluate(() => window.SmartCP.ready);
  return { context, page, watcher, requests };
}

// The Consent Mode commands in dataLayer, as plain arrays.
const consentCommands = (page) => page.evaluate(() => window.dataLayer.filter((e) => e[0] === 'consent').map((e) => [...e]));
const smartsupp = (page) => page.evaluate(() => window.__smartsupp ?? null);
const smartlook = (page) => page.evaluate(() => window.__smartlook ?? null);
const ran = (page) => page.evaluate(() => window.__ran ?? []);
const ANALYTICS_ONLY = {
  ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'granted',
  functionality_storage: 'granted', personalization_storage: 'granted', security_storage: 'granted',
};
const DENIED = { ...ANALYTICS_ONLY, analytics_storage: 'denied' };
const GRANTED = { ...ANALYTICS_ONLY, ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' };

test('Consent Mode v2: the default before the page\'s first script, an update once known and on every change', async () => {
  const v = await open();
  const early = await v.page.evaluate(() => window.__early);
  assert.deepEqual(early.dataLayer, [{ args: '[object Arguments]', value: ['consent', 'default', { ...DENIED, wait_for_update: 800 }] }]);
  await v.page.waitForFunction(() => window.dataLayer.length >= 2);
  assert.deepEqual((await consentCommands(v.page)).slice(1), [['consent', 'update', DENIED]]);
  await v.page.evaluate(() => window.SmartCP.setConsent({ analytics: true }));
  await v.page.evaluate(() => window.SmartCP.acceptAll());
  await v.page.evaluate(() => window.SmartCP.rejectAll());
  assert.deepEqual((await consentCommands(v.page)).slice(2).map((c) => c[2]), [ANALYTICS_ONLY, GRANTED, DENIED]);
  assert.ok(await v.page.evaluate(() => window.dataLayer.every((e) => Object.prototype.toString.call(e) === '[object Arguments]')));
  assert.deepEqual(await v.watcher.cspViolations(), []);
  assert.deepEqual(v.watcher.problems, []);
  await v.context.close();

  const off = await open({ config: { consentMode: false } });
  await off.page.evaluate(() => window.SmartCP.acceptAll());
  assert.equal(await off.page.evaluate(() => window.dataLayer), undefined, 'consentMode: false pushes nothing');
  await off.context.close();
});

test('Smartsupp: stub at once, consent queued before its loader, recording off without analytics, commands again on every change', async () => {
  const v = await open();
  assert.equal((await v.page.evaluate(() => window.__early)).smartsupp, 'function', 'the stub exists for the page\'s first script');
  await v.page.waitForFunction(() => window.__smartsupp);
  const first = await smartsupp(v.page);
  assert.deepEqual(first.options, { key: 'KEY', hideWidget: true, recordingOff: true }, 'the config\'s options pass to _smartsupp');
  assert.deepEqual(first.calls, [['email', 'visitor@example.com'], ['analyticsConsent', false], ['marketingConsent', false]]);
  await v.page.evaluate(() => window.SmartCP.acceptAll());
  await v.page.evaluate(() => window.SmartCP.setConsent({ marketing: false }));
  assert.deepEqual((await smartsupp(v.page)).calls.slice(3),
    [['analyticsConsent', true], ['marketingConsent', true], ['analyticsConsent', true], ['marketingConsent', false]]);
  assert.equal(v.requests.filter((p) => p.endsWith('/vendors/smartsupp/loader.js')).length, 1, 'loaded once');
  await v.context.close();

  const gated = await open({ config: { vendors: { ...CONFIG.vendors, smartsupp: { ...CONFIG.vendors.smartsupp, category: 'marketing' } } } });
  await gated.page.waitForTimeout(200);
  assert.equal(await smartsupp(gated.page), null, 'a chat that needs marketing waits for it');
  await gated.page.evaluate(() => window.SmartCP.acceptAll());
  await gated.page.waitForFunction(() => window.__smartsupp);
  const late = await smartsupp(gated.page);
  assert.equal(late.options.recordingOff, undefined, 'analytics granted: its recording may run');
  assert.deepEqual(late.calls.slice(-2), [['analyticsConsent', true], ['marketingConsent', true]]);
  await gated.context.close();
});

test('Smartlook: loads only with analytics, withdrawal pauses it and deletes its keys, granting again resumes without a reload', async () => {
  const v = await open();
  await v.page.waitForTimeout(200);
  assert.ok(!v.requests.some((p) => p.endsWith('/vendors/smartlook/recorder.js')), 'no recorder before consent');
  assert.equal((await v.page.evaluate(() => window.__early)).smartlook, 'function');
  await v.page.evaluate(() => window.SmartCP.setConsent({ analytics: true }));
  await v.page.waitForFunction(() => window.__smartlook);
  assert.deepEqual((await smartlook(v.page)).calls,
    [['init', 'PROJECT', { region: 'eu' }], ['record', { forms: false, ips: false, emails: false, numbers: false }]]);
  const hasKeys = () => v.page.evaluate(() => [document.cookie.includes('SL_C_23361dd035530_SID'), localStorage.getItem('SL_L_23361dd035530_SID') !== null]);
  assert.deepEqual(await hasKeys(), [true, true], 'recording writes its keys once allowed');

  await v.page.evaluate(() => window.SmartCP.rejectAll());
  assert.deepEqual((await smartlook(v.page)).calls.at(-1), ['pause']);
  assert.deepEqual(await hasKeys(), [false, false], 'withdrawal deletes them');
  assert.equal((await v.context.cookies()).find((c) => c.name === 'SL_C_23361dd035530_SID'), undefined);

  await v.page.evaluate(() => window.SmartCP.acceptAll());
  assert.deepEqual((await smartlook(v.page)).calls.at(-1), ['resume']);
  assert.deepEqual(await hasKeys(), [true, true]);
  assert.equal(v.requests.filter((p) => p.endsWith('/vendors/smartlook/recorder.js')).length, 1, 'no second load');
  await v.context.close();
});

test('gated scripts: run once when their categories are granted, with their nonce, src or body, async kept; later ones too', async () => {
  const v = await open();
  await v.page.waitForTimeout(200);
  assert.deepEqual(await ran(v.page), [], 'nothing before consent');
  await v.page.evaluate(() => window.SmartCP.setConsent({ analytics: true }));
  await v.page.waitForFunction(() => window.__ran?.length === 1);
  assert.deepEqual(await ran(v.page), ['external-analytics']);
  await v.page.evaluate(() => window.SmartCP.acceptAll());
  await v.page.waitForFunction(() => window.__ran?.length === 3);
  assert.deepEqual((await ran(v.page)).sort(), ['both:async', 'external-analytics', 'inline-marketing']);

  await v.page.evaluate(() => window.SmartCP.rejectAll());
  await v.page.evaluate(() => window.SmartCP.acceptAll());
  // Added after consent, by the page's code (with the page's nonce): runs at once.
  await v.page.evaluate((nonce) => {
    const s = document.createElement('script');
    s.type = 'text/plain';
    s.dataset.category = 'marketing';
    s.nonce = nonce;
    s.textContent = "(window.__ran ||= []).push('added-later')";
    document.body.append(s);
  }, NONCE);
  await v.page.waitForFunction(() => window.__ran.includes('added-later'));
  assert.equal((await ran(v.page)).length, 4, 'each ran once');
  assert.deepEqual(await v.watcher.cspViolations(), [], 'every activated script kept its nonce');
  assert.deepEqual(v.watcher.problems, []);
  await v.context.close();
});

test('Global Privacy Control: with "gpc": "all" the choice is recorded without asking', async () => {
  const v = await open({
    config: { gpc: 'all' },
    init: () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }),
  });
  const consent = await v.page.evaluate(() => window.SmartCP.getConsent());
  assert.equal(consent.method, 'gpc');
  assert.deepEqual(consent.categories, { functional: true, analytics: false, marketing: false });
  assert.equal(JSON.parse(await v.page.evaluate(() => window.SmartCP.exportRecord())).gpc, true);
  await v.page.waitForTimeout(300);
  assert.equal(await v.page.locator('smartcp-widget .banner').count(), 0, 'no banner: the signal answered');
  await v.context.close();
});

test('other tabs: a choice and a withdrawal reach every open tab within a second, clean-up and vendor calls included', async () => {
  const a = await open();
  const b = await open({ context: a.context });
  await b.page.locator('smartcp-widget .banner').waitFor();
  const t0 = Date.now();
  await a.page.evaluate(() => window.SmartCP.acceptAll());
  await b.page.waitForFunction(() => window.SmartCP.getConsent()?.method === 'accept-all', null, { timeout: 1000 });
  await b.page.waitForFunction(() => window.__smartlook?.calls.length >= 2, null, { timeout: 1000 });
  assert.ok(Date.now() - t0 < 1000);
  assert.equal(await b.page.locator('smartcp-widget .banner').count(), 0, 'the banner leaves the other tab');
  assert.deepEqual((await smartsupp(b.page)).calls.slice(-2), [['analyticsConsent', true], ['marketingConsent', true]]);
  assert.deepEqual((await consentCommands(b.page)).at(-1)[2], GRANTED);

  await b.page.evaluate(() => window.SmartCP.rejectAll());
  await a.page.waitForFunction(() => window.SmartCP.getConsent()?.method === 'reject-all', null, { timeout: 1000 });
  await a.page.waitForFunction(() => localStorage.getItem('SL_L_23361dd035530_SID') === null, null, { timeout: 1000 });
  assert.deepEqual((await smartlook(a.page)).calls.at(-1), ['pause']);
  assert.deepEqual((await consentCommands(a.page)).at(-1)[2], DENIED);
  const events = await a.page.evaluate(() => window.SmartCP.getConsent().method);
  assert.equal(events, 'reject-all');
  await a.context.close();
});

test('the consent log: each choice is sent as JSON with only the proof, events also reach window', async () => {
  const v = await open({ init: () => {
    window.__events = [];
    window.__ids = [];
    window.addEventListener('smartcp:consent', (e) => window.__ids.push(e.detail.id));
    for (const name of ['ready', 'consent', 'change']) window.addEventListener(`smartcp:${name}`, (e) => window.__events.push([name, e.detail?.method ?? null]));
  } });
  await v.page.goto(`${env.base}/fixtures/integrations.html?order=42#top`);
  await v.page.evaluate(() => window.SmartCP.ready);
  await v.page.evaluate(() => window.SmartCP.acceptAll());
  await v.page.evaluate(() => window.SmartCP.setConsent({ marketing: false }));
  const id = (await v.page.evaluate(() => window.SmartCP.getConsent())).id;
  const ids = await v.page.evaluate(() => window.__ids);
  const entries = await (async () => {
    for (let i = 0; i < 40; i++) {
      const all = await (await fetch(`${env.base}/consent-log`)).json();
      const mine = all.filter((e) => ids.includes(e.id));  // other tests log to the same receiver
      if (mine.length >= 2) return mine;
      await new Promise((r) => setTimeout(r, 50));
    }
    return [];
  })();
  assert.equal(entries.length, 2, 'one entry per choice');
  assert.ok(entries.every((e) => e.url === `${env.base}/fixtures/integrations.html`));
  assert.ok(entries.every((e) => e.id === id), 'a visitor keeps one id across their choices');
  const last = entries.at(-1);
  assert.deepEqual(Object.keys(last).filter((k) => k !== 'received').sort(),
    ['categories', 'gpc', 'id', 'lang', 'method', 'revision', 'textHash', 'timestamp', 'url']);
  assert.deepEqual(last.categories, { functional: true, analytics: true, marketing: false });
  assert.equal(last.method, 'api');
  assert.ok(!last.url.includes('order=42'), 'no query string');
  assert.deepEqual(await v.page.evaluate(() => window.__events),
    [['ready', null], ['consent', 'accept-all'], ['change', 'accept-all'], ['consent', 'api'], ['change', 'api']]);
  await v.context.close();
});
