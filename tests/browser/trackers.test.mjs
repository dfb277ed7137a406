// The tracker database in the browser: a page configured with only its two vendor keys, with stand-ins
// writing what GA4, the Meta Pixel, Google Ads, Hotjar and Clarity write, and the site's own keys with
// generic names. Storage is read from outside the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openFixtures } from './browser.mjs';
import { guardedPage } from './guarded.mjs';

let env;
let browser;
let url;

before(async () => {
  env = await openFixtures();
  browser = env.browser;
  url = `${env.base}/fixtures/trackers.html`;
});
after(() => env?.close());

async function holding(g) {
  const keys = await g.page.evaluate(() => ({ trackers: window.TRACKER_KEYS, site: window.SITE_KEYS }));
  const jar = await g.cookies();
  const local = await g.keys('localStorage');
  const session = await g.keys('sessionStorage');
  const has = { cookie: (n) => n in jar, localStorage: (n) => n in local, sessionStorage: (n) => n in session };
  const present = (set) => Object.entries(set).flatMap(([kind, names]) => names.filter((n) => has[kind](n)).map((n) => `${kind}:${n}`));
  const all = (set) => Object.entries(set).flatMap(([kind, names]) => names.map((n) => `${kind}:${n}`));
  return { trackers: present(keys.trackers), site: present(keys.site), allTrackers: all(keys.trackers), allSite: all(keys.site) };
}

test('with no configuration, what trackers write waits for consent, lands with it and goes with its withdrawal; the site\'s keys stay', async () => {
  const g = await guardedPage(browser, url);
  await g.page.evaluate(() => window.SmartCP.ready);
  let now = await holding(g);
  assert.deepEqual(now.trackers, [], 'nothing before a choice');
  assert.deepEqual(now.site, now.allSite, 'the site\'s own keys are written at once');

  await g.page.evaluate(() => window.SmartCP.rejectAll());
  await g.page.reload();
  await g.page.evaluate(() => window.SmartCP.ready);
  now = await holding(g);
  assert.deepEqual(now.trackers, [], 'nothing after reject');
  assert.deepEqual(now.site, now.allSite);

  await g.page.evaluate(() => window.SmartCP.acceptAll());
  await g.page.evaluate(() => window.writeTrackers());
  now = await holding(g);
  assert.deepEqual(now.trackers, now.allTrackers, 'all of it after accept');
  assert.deepEqual(now.site, now.allSite);

  await g.page.evaluate(() => window.SmartCP.rejectAll());
  now = await holding(g);
  assert.deepEqual(now.trackers, [], 'all of it gone after withdrawal');
  assert.deepEqual(now.site, now.allSite, 'the site\'s keys untouched throughout');
  await g.clean();
  await g.close();
});

test('SmartCP.observed() classifies every key written, and the dialog lists the built-in ones this site wrote', async () => {
  const context = await browser.newContext();
  const g = await guardedPage(browser, url, { context });
  const tables = [];
  g.page.on('console', (msg) => { if (msg.type() === 'table' || /keys no catalog knows/.test(msg.text())) tables.push(msg.text()); });
  await g.page.evaluate(() => window.SmartCP.ready);
  const observed = await g.page.evaluate(() => window.SmartCP.observed());
  const ga = observed.find((o) => o.name === '_ga' && o.kind === 'cookie');
  assert.deepEqual({ platform: ga.platform, category: ga.category, source: ga.source, verdict: ga.verdict },
    { platform: 'Google Analytics', category: 'analytics', source: 'database', verdict: 'refuse' });
  const fbp = observed.find((o) => o.name === '_fbp');
  assert.equal(fbp.category, 'marketing');
  const chat = observed.find((o) => o.name === 'csrftoken');
  assert.deepEqual({ source: chat.source, verdict: chat.verdict }, { source: 'unknown', verdict: 'allow' });
  // "debug": true: the unclassified keys once, as a table with entries to paste.
  await new Promise((r) => setTimeout(r, 2500));
  assert.ok(tables.some((t) => /keys no catalog knows/.test(t)), 'the debug table was printed');
  // The dialog: per category the keys of the configured vendors, and the built-in ones written here.
  await g.page.evaluate(() => window.SmartCP.showPreferences());
  const analytics = await g.page.locator('smartcp-widget section.category').nth(1).evaluate((el) => el.textContent);
  assert.ok(analytics.includes('_ga') && analytics.includes('Google Analytics'), 'an observed database key is listed');
  assert.ok(analytics.includes('_hjSessionUser_1234567') || analytics.includes('_hjSessionUser_'), 'Hotjar\'s');
  assert.ok(analytics.includes('SL_C_'), 'the configured vendor\'s keys');
  const marketing = await g.page.locator('smartcp-widget section.category').nth(2).evaluate((el) => el.textContent);
  assert.ok(marketing.includes('_fbp') && marketing.includes('Facebook'));
  // Remembered: on a page that wrote none of them, the dialog still lists them.
  await g.page.goto(`${env.base}/fixtures/guard.html`);
  await g.page.evaluate(() => window.SmartCP.showPreferences());
  const later = await g.page.locator('smartcp-widget section.category').nth(1).evaluate((el) => el.textContent);
  assert.ok(later.includes('_ga'), 'remembered across pages');
  await context.close();
});
