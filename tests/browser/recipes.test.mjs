// Every recipe of the README is a page (demo/recipes/) with the vendor's snippet pasted as the vendor
// gives it. Run as a visitor meets it, with the vendors' hosts answered by stand-ins that write what the
// vendor writes: nothing runs, is sent or stored before consent, the script runs once after it, and
// withdrawal deletes what it wrote. A `<script src>` written in the HTML itself (GA4's, Site Kit's) is
// fetched by Chromium's preload scanner before any script runs, and never run (README, "Limits").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openFixtures, watch } from './browser.mjs';
import { root } from '../wasm/load-core.mjs';

let env;
before(async () => { env = await openFixtures(); });
after(() => env?.close());

const writer = (cookie) => `document.cookie = '${cookie}; path=/; max-age=31536000'; (window.__vendorRuns = window.__vendorRuns || []).push('${cookie.split('=')[0]}');`;
const STANDINS = [
  [/googletagmanager\.com\/(gtag\/js|gtm\.js)/, writer('_ga=GA1.1.1000.2000')],
  [/connect\.facebook\.net\//, writer('_fbp=fb.1.1700000000000.42')],
  [/static\.hotjar\.com\//, writer('_hjSessionUser_1000000=eyJpZCI6IjEifQ')],
  [/web-sdk\.smartlook\.com\//, readFileSync(path.join(root, 'demo/vendors/smartlook/recorder.js'), 'utf8')],
  [/www\.smartsuppchat\.com\//, "localStorage.setItem('ssupp_CHAT_KEY', JSON.stringify({ visits: 3, lang: 'en' })); (window.__vendorRuns = window.__vendorRuns || []).push('chat');"],
];

async function open(recipe) {
  const context = await env.browser.newContext();
  const vendorRequests = [];
  await context.route(/^https:\/\//, (route) => {
    const url = route.request().url();
    vendorRequests.push(url);
    const standIn = STANDINS.find(([pattern]) => pattern.test(url));
    return standIn ? route.fulfill({ contentType: 'text/javascript', body: standIn[1] }) : route.fulfill({ status: 204, body: '' });
  });
  const page = await context.newPage();
  const watcher = await watch(page);
  await page.goto(`${env.base}/recipes/${recipe}.html`);
  await page.evaluate(() => window.SmartCP.ready);
  return { context, page, watcher, vendorRequests };
}
const cookieNames = async (context) => (await context.cookies()).map((c) => c.name);
const accept = (page) => page.locator('smartcp-widget .layer [data-smartcp-action="accept-all"]').click();

const PRELOADED = /^https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=G-XXXXXXXXXX$/;
const beforeChoice = (requests) => requests.filter((u) => !PRELOADED.test(u));
const runs = (page) => page.evaluate(() => window.__vendorRuns ?? []);

for (const [recipe, host, cookie] of [
  ['ga4', /googletagmanager\.com\/gtag\/js/, '_ga'],
  ['gtm', /googletagmanager\.com\/gtm\.js/, '_ga'],
  ['meta-pixel', /connect\.facebook\.net/, '_fbp'],
  ['hotjar', /static\.hotjar\.com/, '_hjSessionUser_1000000'],
  ['smartlook', /web-sdk\.smartlook\.com/, 'SL_C_23361dd035530_SID'],
]) {
  test(`recipe ${recipe}: nothing before consent, the snippet runs once after it, withdrawal deletes its cookie`, async () => {
    const v = await open(recipe);
    await v.page.locator('smartcp-widget .banner').waitFor();
    await v.page.waitForTimeout(300);
    assert.deepEqual(beforeChoice(v.vendorRequests), [], 'no request to the vendor before a choice');
    assert.deepEqual(await runs(v.page), [], 'the vendor script has not run');
    assert.ok(!(await cookieNames(v.context)).includes(cookie));
    await accept(v.page);
    await v.page.waitForFunction((c) => document.cookie.includes(c), cookie);
    assert.ok(v.vendorRequests.some((u) => host.test(u)), 'the vendor script is fetched');
    if (recipe !== 'smartlook') assert.equal((await runs(v.page)).length, 1, 'and runs once');
    await v.page.evaluate(() => window.SmartCP.rejectAll());
    assert.ok(!(await cookieNames(v.context)).includes(cookie), 'withdrawal deletes it');
    assert.deepEqual(v.watcher.problems, []);
    await v.context.close();
  });
}

test('recipe smartsupp: the chat loads at once, its visit counter waits for marketing', async () => {
  const v = await open('smartsupp');
  await v.page.waitForFunction(() => window.__vendorRuns?.includes('chat'));
  assert.deepEqual(JSON.parse(await v.page.evaluate(() => localStorage.getItem('ssupp_CHAT_KEY'))), { lang: 'en' });
  assert.deepEqual(v.watcher.problems, []);
  await v.context.close();
});

test('recipe wordpress: the theme snippet runs first, WordPress\'s own cookie stays, Site Kit\'s tag waits', async () => {
  const v = await open('wordpress');
  await v.page.locator('smartcp-widget .banner').waitFor();
  assert.ok((await cookieNames(v.context)).includes('wordpress_test_cookie'));
  assert.deepEqual(beforeChoice(v.vendorRequests), []);
  assert.deepEqual(await runs(v.page), []);
  await accept(v.page);
  await v.page.waitForFunction(() => document.cookie.includes('_ga='));
  assert.equal((await runs(v.page)).length, 1);
  assert.deepEqual(v.watcher.problems, []);
  await v.context.close();
});
