// Clean-up and failure modes that lose nothing: withdrawal deletes what it must whatever else the site
// stores, wherever it was written; the site's own writes never wait for the core and survive it failing.
// Storage is read from outside the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openFixtures } from './browser.mjs';
import { guardedPage, eventually } from './guarded.mjs';

let env;
let browser;
let url;

before(async () => {
  env = await openFixtures();
  browser = env.browser;
  url = `${env.base}/fixtures/guard.html`;
});
after(() => env?.close());

const TRACKER = /^(_ga_|amplitude_id_|_hjSessionUser_)/;
const trackerKeys = (entries) => Object.keys(entries).filter((k) => TRACKER.test(k));

test('withdrawal deletes what it must, whatever strings the site stores next to it', async () => {
  const g = await guardedPage(browser, url);
  await g.page.evaluate(() => window.SmartCP.acceptAll());
  await g.page.evaluate(() => {
    // The site's own text with an emoji cut in half, a key that is one, a raw lone surrogate, a huge value.
    localStorage.setItem('note', 'half an emoji: \ud83d');
    localStorage.setItem('\udc00', 'a lone surrogate as the key');
    localStorage.setItem('draft', '{"text":"\\udc00 escaped"}');
    localStorage.setItem('big', 'x'.repeat(2 * 1024 * 1024));
    sessionStorage.setItem('tab', '\ud800');
    document.cookie = 'site=%ED%A0%80; path=/';
    localStorage.setItem('_ga_s', '1');
    localStorage.setItem('amplitude_id_s', '1');
    sessionStorage.setItem('_hjSessionUser_s', '1');
    document.cookie = '_ga_s=1; path=/; max-age=3600';
  });
  assert.equal(await g.stored('localStorage', '_ga_s'), '1');
  await g.page.evaluate(() => window.SmartCP.rejectAll());
  assert.deepEqual(trackerKeys(await g.keys('localStorage')), []);
  assert.deepEqual(trackerKeys(await g.keys('sessionStorage')), []);
  assert.deepEqual(trackerKeys(await g.cookies()), []);
  // Nothing of the site's was touched.
  const site = await g.keys('localStorage');
  assert.equal(site.note, 'half an emoji: \ud83d');
  assert.ok('draft' in site && 'big' in site && Object.keys(site).length >= 4);
  assert.equal((await g.cookies()).site?.value, '%ED%A0%80');
  // And on the next page too: what a tracker left behind the guard's back is deleted when it loads.
  await g.writeBehind('localStorage', '_ga_later', '1');
  await g.page.reload();
  await g.page.evaluate(() => window.SmartCP.ready);
  await eventually(async () => (await g.stored('localStorage', '_ga_later')) === null, 'still stored');
  await g.clean();
  await g.close();
});

test('a value under field rules that the core cannot read is never written whole', async () => {
  const g = await guardedPage(browser, url);
  await g.page.evaluate(() => window.SmartCP.ready);
  const values = {
    escaped: '{"visits":3,"id":"\\ud800"}',
    raw: '{"visits":3,"id":"\ud800"}',
    huge: '{"visits":3,"n":1e400}',
    bom: '\ufeff{"visits":3,"id":"a"}',
    broken: '{"visits":3,',
  };
  for (const [what, value] of Object.entries(values)) {
    await g.page.evaluate((v) => localStorage.setItem('ssupp_KEY', v), value);
    const stored = await g.stored('localStorage', 'ssupp_KEY');
    assert.ok(stored === null || !stored.includes('visits'), `${what}: ${stored}`);
    await g.page.evaluate(() => localStorage.removeItem('ssupp_KEY'));
  }
  await g.clean();
  await g.close();
});

test('cookies are deleted on the paths they were written on, seen from any page', async () => {
  const context = await browser.newContext();
  const shop = await guardedPage(browser, `${env.base}/fixtures/shop/cart/item.html`, { context });
  await shop.page.evaluate(() => window.SmartCP.acceptAll());
  await shop.page.evaluate(() => {
    document.cookie = '_ga_default=1; max-age=3600';              // default path: /fixtures/shop/cart
    document.cookie = '_ga_slash=1; path=/fixtures/shop/; max-age=3600';
    document.cookie = '_ga_api=1; path=/fixtures/api';
    document.cookie = '_ga_file=1; path=/fixtures/shop/cart/item.html';
    document.cookie = 'basket=3; path=/fixtures/shop/';
  });
  const paths = Object.fromEntries((await context.cookies()).map((c) => [c.name, c.path]));
  assert.deepEqual(paths, {
    smartcp_consent: '/', _ga_default: '/fixtures/shop/cart', _ga_slash: '/fixtures/shop/', _ga_api: '/fixtures/api',
    _ga_file: '/fixtures/shop/cart/item.html', basket: '/fixtures/shop/',
  });
  await shop.page.close();
  // Withdrawn on a page that sees none of them.
  const privacy = await guardedPage(browser, url, { context });
  await privacy.page.evaluate(() => window.SmartCP.rejectAll());
  assert.deepEqual((await context.cookies()).map((c) => c.name).sort(), ['basket', 'smartcp_consent']);
  await context.close();
});

test('a popup\'s sessionStorage is cleaned on withdrawal', async () => {
  const g = await guardedPage(browser, url);
  await g.page.evaluate(() => window.SmartCP.acceptAll());
  const opened = g.context.waitForEvent('page');
  await g.page.evaluate(() => {
    const w = window.open('about:blank', '_blank', 'popup');
    w.sessionStorage.setItem('_ga_popup', '1');
    w.sessionStorage.setItem('tab', 'kept');
  });
  const popup = await opened;
  const cdp = await g.context.newCDPSession(popup);
  await cdp.send('DOMStorage.enable');
  const storageId = { securityOrigin: env.base, isLocalStorage: false };
  const items = async () => Object.fromEntries((await cdp.send('DOMStorage.getDOMStorageItems', { storageId })).entries);
  assert.equal((await items())._ga_popup, '1');
  await g.page.evaluate(() => window.SmartCP.rejectAll());
  const left = await items();
  assert.equal(left._ga_popup, undefined);
  assert.equal(left.tab, 'kept');
  await g.close();
});

test('the site\'s own writes never wait for the core: a write and an immediate navigation keep it', async () => {
  const g = await guardedPage(browser, url, { holdCore: true });
  await Promise.all([
    g.page.waitForURL('**/plain.html'),
    g.page.evaluate(() => {
      document.cookie = 'lang=pl; path=/';
      localStorage.setItem('returnTo', '/checkout');
      sessionStorage.setItem('login', 'ok');
      document.cookie = '_ga_nav=1; path=/';
      location.href = '/fixtures/plain.html';
    }),
  ]);
  const jar = await g.cookies();
  assert.equal(jar.lang?.value, 'pl');
  assert.equal(jar._ga_nav, undefined, 'what waited for the core went with the page');
  assert.equal(await g.stored('localStorage', 'returnTo'), '/checkout');
  await g.close();
});

for (const [blocked, how] of [['smartcp.wasm', 'a 404'], ['smartcp-core.js', 'a filter list (the request fails)']]) {
  test(`${blocked} blocked by ${how}: the site logs in and fills its cart, trackers stay out, and the widget says so`, async () => {
    const context = await browser.newContext();
    await context.route(`**/${blocked}`, (route) => (blocked.endsWith('.wasm') ? route.fulfill({ status: 404, body: 'gone' }) : route.abort('blockedbyclient')));
    const g = await guardedPage(browser, url, {
      context,
      init: () => {
        window.__errors = [];
        window.addEventListener('smartcp:error', (e) => window.__errors.push(e.detail.message));
      },
    });
    const outcome = await g.page.evaluate(() => window.SmartCP.ready.then(() => 'ready', (e) => `rejected: ${e.message}`));
    assert.match(outcome, /^rejected/);
    const thrown = await g.page.evaluate(() => {
      const errors = [];
      try {
        document.cookie = 'session=abc; path=/';
        localStorage.setItem('cart', '[1,2,3]');
        localStorage.lang = 'cs';
        document.cookie = '_ga_dead=1; path=/';
        localStorage.setItem('_ga_dead', '1');
        localStorage.amplitude_id_dead = '1';
      } catch (e) {
        errors.push(e.message);
      }
      return errors;
    });
    assert.deepEqual(thrown, []);
    const jar = await g.cookies();
    assert.equal(jar.session?.value, 'abc');
    assert.equal(await g.stored('localStorage', 'cart'), '[1,2,3]');
    assert.equal(await g.stored('localStorage', 'lang'), 'cs');
    assert.deepEqual(trackerKeys(jar), []);
    assert.deepEqual(trackerKeys(await g.keys('localStorage')), []);
    assert.ok(await g.page.evaluate(() => window.__errors.length > 0), 'an error event');
    assert.ok(g.watcher.problems.some((p) => p.startsWith('console: SmartCP')), 'a console message');
    assert.ok(!g.watcher.problems.some((p) => p.startsWith('pageerror')), g.watcher.problems.join('\n'));
    await context.close();
  });
}
