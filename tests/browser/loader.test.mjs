// dist/smartcp.js on a site, in Chromium: from its first line writes are gated; the stored choice is
// applied on the next visit; accepting, withdrawing and a broken core behave as the contract says.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openFixtures, watch } from './browser.mjs';

let env;
let browser;
let site;

before(async () => {
  env = await openFixtures();
  browser = env.browser;
  site = `${env.base}/fixtures/site.html`;
});
after(() => env?.close());

async function visit(context, query = '') {
  const page = await context.newPage();
  const watcher = await watch(page);
  await page.goto(site + query);
  const consent = await page.evaluate(() => window.SmartCP.ready);
  return { page, watcher, consent };
}
const jar = async (context) => Object.fromEntries((await context.cookies()).map((c) => [c.name, c]));
const storage = (page) => page.evaluate(() => ({ ...localStorage }));

test('first visit: the API exists at once, writes wait for the core, only the allowed ones are stored', async () => {
  const context = await browser.newContext();
  const { page, watcher, consent } = await visit(context);
  assert.equal(consent, null);
  assert.equal(await page.evaluate(() => window.apiAtOnce), true);
  assert.equal(await page.evaluate(() => window.earlyRead), '[1,2]', 'the page reads its own held write');
  const cookies = await jar(context);
  assert.ok(cookies['ssupp.vid']);
  assert.equal(cookies.SL_C_23361dd035530_SID, undefined);
  assert.equal(cookies._ga, undefined);
  assert.deepEqual(await storage(page), { ssupp_KEY: '{"vid":"v1","opened":false}', cart: '[1,2]' });
  const blocked = await page.evaluate(() => window.SmartCP.blocked().map((b) => `${b.name}:${b.category}`).sort());
  assert.deepEqual(blocked, ['SL_C_23361dd035530_SID:analytics', '_ga:analytics', 'smartlook_debug:analytics', 'ssupp_KEY:marketing']);
  assert.equal(await page.evaluate(() => window.SmartCP.isAllowed('SL_C_23361dd035530_SID', 'cookie')), false);
  assert.equal(await page.evaluate(() => window.SmartCP.isAllowed('ssupp.vid', 'cookie')), true);
  assert.ok((await page.evaluate(() => window.events)).includes('ready'));
  assert.deepEqual(await watcher.cspViolations(), []);
  assert.deepEqual(watcher.problems, []);
  await context.close();
});

test('accept all, the next visit, then withdrawal', async () => {
  const context = await browser.newContext();
  const first = await visit(context);
  const consent = await first.page.evaluate(() => window.SmartCP.acceptAll());
  assert.equal(consent.method, 'accept-all');
  assert.deepEqual(consent.categories, { functional: true, analytics: true, marketing: true });
  assert.ok((await jar(context)).smartcp_consent, 'the choice is stored');
  const record = JSON.parse(await first.page.evaluate(() => window.SmartCP.exportRecord()));
  assert.equal(record.id, consent.id);
  await first.page.close();

  const next = await visit(context);
  assert.equal(next.consent.id, consent.id, 'the stored choice applies on the next visit');
  let cookies = await jar(context);
  assert.ok(cookies.SL_C_23361dd035530_SID, 'analytics cookie written once accepted');
  assert.ok((cookies._ga.expires * 1000 - Date.now()) / 86400000 <= 395.01, '_ga capped at its retention');
  assert.equal((await storage(next.page)).smartlook_debug, '1');
  assert.equal((await storage(next.page)).ssupp_KEY, '{"vid":"v1","opened":false,"visits":7}');

  await next.page.evaluate(() => window.SmartCP.rejectAll());
  cookies = await jar(context);
  assert.equal(cookies.SL_C_23361dd035530_SID, undefined, 'withdrawal deletes the analytics cookie');
  assert.equal(cookies._ga, undefined);
  assert.deepEqual(await storage(next.page), { ssupp_KEY: '{"vid":"v1","opened":false}', cart: '[1,2]' });
  assert.deepEqual((await next.page.evaluate(() => window.events)).filter((e) => e !== 'blocked'), ['ready', 'consent', 'change']);
  assert.deepEqual(next.watcher.problems, []);
  await context.close();
});

test('calls made before the core is ready are queued, bad arguments reject clearly', async () => {
  const context = await browser.newContext();
  const { page } = await visit(context, '?accept-early');
  assert.equal((await page.evaluate(() => window.earlyAccept)).method, 'accept-all');
  const errors = await page.evaluate(async () => {
    const out = [];
    for (const bad of [null, 5, { analytics: 'yes' }, { ads: true }]) {
      try {
        await window.SmartCP.setConsent(bad);
      } catch (e) {
        out.push(e.message);
      }
    }
    return out;
  });
  assert.deepEqual(errors, ['SmartCP: setConsent takes {analytics, marketing}', 'SmartCP: setConsent takes {analytics, marketing}',
    'SmartCP: setConsent: analytics must be true or false', 'SmartCP: setConsent: unknown category "ads"']);
  assert.equal((await page.evaluate(() => window.SmartCP.getConsent())).method, 'accept-all', 'nothing changed');
  const custom = await page.evaluate(() => window.SmartCP.setConsent({ marketing: false }));
  assert.deepEqual(custom.categories, { functional: true, analytics: true, marketing: false });
  await context.close();
});

test('a tampered consent cookie is ignored and the visitor is asked again', async () => {
  const context = await browser.newContext();
  const first = await visit(context);
  await first.page.evaluate(() => window.SmartCP.acceptAll());
  const stored = (await jar(context)).smartcp_consent;
  await context.addCookies([{ ...stored, value: stored.value.replace(/.$/, (c) => (c === '0' ? '1' : '0')) }]);
  const next = await visit(context);
  assert.equal(next.consent, null);
  assert.equal((await jar(context)).SL_C_23361dd035530_SID, undefined);
  await context.close();
});

test('when the core cannot load, what may need consent stays closed and the site keeps working', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const watcher = await watch(page);
  await page.route('**/smartcp.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(site);
  const outcome = await page.evaluate(() => window.SmartCP.ready.then(() => 'ready', (e) => `rejected: ${e.message}`));
  assert.match(outcome, /^rejected/);
  await page.waitForFunction(() => window.events.includes('error'));
  // The held writes (the tracker's, Smartlook's) are refused; the site's own and the chat's went through at once.
  assert.deepEqual(Object.keys(await jar(context)).sort(), ['ssupp.vid']);
  assert.equal(await page.evaluate(() => window.SmartCP.getConsent()), null);
  assert.equal(await page.evaluate(() => localStorage.getItem('cart')), '[1,2]', 'the site\'s own write is stored');
  assert.equal(await page.evaluate(() => localStorage.getItem('smartlook_debug')), null);
  assert.ok(!watcher.problems.some((p) => p.startsWith('pageerror')), watcher.problems.join('\n'));
  await context.close();
});
