// The banner, the preferences dialog and the reopen button, as a visitor and a site owner meet them:
// in Chromium, on a page served with the strictest CSP, through the contract's data-smartcp-* hooks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openFixtures, watch } from './browser.mjs';
import { openShop, action, banner, dialog, consentCookie, record, focused, inDialog, clean } from './shop.mjs';

let env;
before(async () => { env = await openFixtures(); });
after(() => env?.close());
const open = (options) => openShop(env, options);

test('first visit: a banner with accept and reject equal, the preferences, the policy link, nothing pre-ticked, no consent by closing', async () => {
  const v = await open();
  const { page } = v;
  await banner(page).waitFor();
  assert.match(await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy')),
    /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self';/, 'the page is served with a strict CSP');
  assert.equal(await banner(page).getAttribute('role'), 'dialog');
  assert.equal(await page.locator('#smartcp-banner-title').textContent(), 'Cookies and storage on this site');
  assert.equal(await banner(page).locator('a').getAttribute('href'), `${env.base}/privacy`);
  const buttons = [action(page, 'accept-all'), action(page, 'reject-all'), action(page, 'preferences')];
  const looks = await Promise.all(buttons.map((b) => b.evaluate((el) => {
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return JSON.stringify([Math.round(r.width), Math.round(r.height), s.backgroundColor, s.color, s.fontWeight, s.fontSize, s.borderColor]);
  })));
  assert.equal(looks[0], looks[1], `accept all and reject all look the same: ${looks.join(' ')}`);
  const [accept, preferences] = [JSON.parse(looks[0]), JSON.parse(looks[2])];
  assert.equal(preferences[1], accept[1], 'the preferences button is as tall');
  assert.deepEqual([preferences[4], preferences[5]], [accept[4], accept[5]], 'and as bold and as large: only quieter in colour');
  assert.equal(await page.locator('smartcp-widget .reopen').isVisible(), false, 'no reopen button before a choice');
  assert.equal(await consentCookie(v.context), undefined);
  await page.keyboard.press('Escape');
  assert.ok(await banner(page).isVisible(), 'Escape does not close the first layer');
  await page.evaluate(() => window.SmartCP.hide());
  assert.equal(await banner(page).count(), 0);
  assert.equal(await page.evaluate(() => window.SmartCP.getConsent()), null, 'closing is not consent');
  await page.reload();
  await banner(page).waitFor();
  await clean(v);
  await v.context.close();
});

test('accept all from the banner: recorded with its proof, the banner goes, the reopen button stays, the next visit loads no banner code', async () => {
  const v = await open();
  await action(v.page, 'accept-all').click();
  assert.equal(await banner(v.page).count(), 0);
  const r = await record(v.page);
  assert.equal(r.method, 'accept-all');
  assert.deepEqual(r.categories, { functional: true, analytics: true, marketing: true });
  assert.equal(r.lang, 'en');
  assert.match(r.textHash, /^[0-9a-f]{64}$/, 'SHA-256 of the texts shown');
  assert.ok(await consentCookie(v.context));
  const reopen = v.page.locator('smartcp-widget .reopen');
  assert.ok(await reopen.isVisible());
  assert.equal(await reopen.getAttribute('aria-label'), 'Cookie settings');
  await v.page.waitForFunction(() => document.querySelector('smartcp-widget').shadowRoot.querySelector('[role=status]').textContent !== '');
  await clean(v);

  assert.ok(!v.requests.some((p) => p.endsWith('/smartcp-dialog.js')), `answered on the banner: the dialog's code is not downloaded: ${v.requests.join(' ')}`);

  const next = await open({ reuse: v.context });
  await next.page.locator('smartcp-widget .reopen').waitFor();
  assert.equal(await banner(next.page).count(), 0, 'no banner once chosen');
  assert.ok(!next.requests.some((p) => p.endsWith('/smartcp-ui.js')), `a returning visitor does not download the banner: ${next.requests.join(' ')}`);
  await clean(next);
  await v.context.close();
});

test('the banner comes back only when the revision changes or the choice has expired', async () => {
  const v = await open();
  await action(v.page, 'reject-all').click();
  const same = await open({ reuse: v.context });
  await same.page.locator('smartcp-widget .reopen').waitFor();
  assert.equal(await banner(same.page).count(), 0);
  const revised = await open({ reuse: v.context, config: { revision: 2 } });
  await banner(revised.page).waitFor();
  assert.equal(await revised.page.evaluate(() => window.SmartCP.getConsent()), null, 'a new revision asks again');
  const later = await open({ reuse: v.context, init: () => {
    const now = Date.now;
    Date.now = () => now() + 183 * 86400000;  // the default expiry is 182 days
  } });
  await banner(later.page).waitFor();
  assert.equal(await later.page.evaluate(() => window.SmartCP.getConsent()), null, 'an expired choice asks again');
  await v.context.close();
});

test('a click on the banner answers at once: the banner is gone before the choice is recorded, and a page left in the same moment keeps the choice', async () => {
  const v = await open();
  const { page } = v;
  await banner(page).waitFor();
  // In the click's own task the banner is already gone; the record follows once that is painted.
  const inClick = await page.evaluate(() => {
    const root = document.querySelector('smartcp-widget').shadowRoot;
    root.querySelector('.banner [data-smartcp-action="reject-all"]').click();
    return { banner: !!root.querySelector('.banner'), consent: window.SmartCP.getConsent() };
  });
  assert.deepEqual(inClick, { banner: false, consent: null });
  assert.equal((await record(page)).method, 'reject-all');

  // Accept all, then at once a navigation: the next page knows the choice.
  await page.evaluate(() => window.SmartCP.show());
  await banner(page).waitFor();
  await page.evaluate(() => {
    document.querySelector('smartcp-widget').shadowRoot.querySelector('.banner [data-smartcp-action="accept-all"]').click();
    location.href = '/fixtures/ui.html?next';
  });
  await page.waitForURL(/\?next$/);
  await page.evaluate(() => window.SmartCP.ready);
  assert.equal((await record(page)).method, 'accept-all');
  assert.equal(await banner(page).count(), 0);
  await v.context.close();
});

test('reject all from the banner refuses both optional categories', async () => {
  const v = await open();
  await action(v.page, 'reject-all').click();
  const r = await record(v.page);
  assert.equal(r.method, 'reject-all');
  assert.deepEqual(r.categories, { functional: true, analytics: false, marketing: false });
  await clean(v);
  await v.context.close();
});

test('preferences: switches off by default, functional locked, the storage tables and processor, save a custom choice', async () => {
  const v = await open();
  const { page } = v;
  await action(page, 'preferences').click();
  await dialog(page).waitFor();
  assert.equal(await banner(page).count(), 0, 'one layer at a time');
  assert.equal(await dialog(page).evaluate((d) => d.open && d.matches(':modal')), true);
  const sw = (c) => page.locator(`[data-smartcp-category="${c}"]`);
  assert.deepEqual(await Promise.all(['functional', 'analytics', 'marketing'].map((c) => sw(c).isChecked())), [true, false, false]);
  assert.equal(await sw('functional').isDisabled(), true);
  assert.equal(await sw('analytics').getAttribute('role'), 'switch');
  assert.equal(await page.getByRole('switch', { name: 'Analytics' }).count(), 1, 'each switch is labelled by its category');

  const rows = (c) => page.locator(`smartcp-widget section[aria-labelledby="smartcp-category-${c}-label"] tbody tr`)
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  const analytics = await rows('analytics');
  assert.ok(analytics.some((r) => r[0] === 'SL_C_23361dd035530_SID' && r[1] === 'Cookie' && r[2] === 'Smartlook' && r[4] === '395 days'), JSON.stringify(analytics));
  assert.ok(analytics.some((r) => r[0] === '_ga' && r[2] === 'Google Analytics' && r[3] === 'Tells visits apart for the site\'s statistics.'));
  const functional = await rows('functional');
  assert.ok(functional.some((r) => r[0] === 'smartcp_consent' && r[2] === 'SmartCP'));
  assert.ok(functional.some((r) => r[0] === 'ssupp_KEY' && r[1] === 'Local storage, Session storage' && r[4] === 'Until deleted'));
  const marketing = await rows('marketing');
  assert.ok(marketing.some((r) => r[0] === 'ssupp.visits'), JSON.stringify(marketing));
  const processor = await page.locator('smartcp-widget .processor').first().textContent();
  assert.match(processor, /Smartsupp\.com, s\.r\.o\. \(company ID 036 68 681, Šumavská 31, 602 00 Brno/);

  await page.getByRole('switch', { name: 'Analytics' }).check();
  await action(page, 'save').click();
  assert.equal(await dialog(page).count(), 0);
  const r = await record(page);
  assert.equal(r.method, 'custom');
  assert.deepEqual(r.categories, { functional: true, analytics: true, marketing: false });

  // Reopened, the dialog shows the choice in force; withdrawing is as easy as giving.
  await page.locator('smartcp-widget .reopen').click();
  assert.equal(await sw('analytics').isChecked(), true);
  await action(page, 'reject-all').click();
  assert.deepEqual((await record(page)).categories, { functional: true, analytics: false, marketing: false });
  await clean(v);
  await v.context.close();
});

test('keyboard: the banner comes first, the dialog traps focus, Escape closes it and focus returns', async () => {
  const v = await open();
  const { page } = v;
  await banner(page).waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'link', 'the banner is first in the tab order: its policy link');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'accept-all');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'preferences');
  await page.keyboard.press('Enter');
  await dialog(page).waitFor();
  assert.ok(await inDialog(page), 'focus moves into the dialog');
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await inDialog(page), `Tab ${i + 1} stays in the dialog`);
  }
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Shift+Tab');
    assert.ok(await inDialog(page), `Shift+Tab ${i + 1} stays in the dialog`);
  }
  assert.equal(await page.locator('#page-button').evaluate((b) => b.matches(':is([inert] *, *)') && document.querySelector('smartcp-widget').shadowRoot.querySelector('dialog').matches(':modal')), true, 'the page behind is inert (modal dialog)');
  // Space toggles a switch reached by the keyboard.
  await page.locator('[data-smartcp-category="marketing"]').focus();
  await page.keyboard.press('Space');
  assert.equal(await page.locator('[data-smartcp-category="marketing"]').isChecked(), true);
  await page.keyboard.press('Escape');
  assert.equal(await dialog(page).count(), 0, 'Escape closes the dialog');
  assert.ok(await banner(page).isVisible(), 'without a choice the banner is back');
  assert.equal(await focused(page), 'preferences', 'focus returns to the button that opened the dialog');
  assert.equal(await page.evaluate(() => window.SmartCP.getConsent()), null);

  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');  // reject all
  assert.equal((await record(page)).method, 'reject-all');
  assert.equal(await page.evaluate(() => document.querySelector('smartcp-widget').shadowRoot.activeElement?.className), 'reopen',
    'focus goes to the reopen button when the banner leaves');

  // The site's own link opens the dialog and gets focus back.
  await page.locator('#own-link').focus();
  await page.keyboard.press('Enter');
  await dialog(page).waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'own-link');
  await clean(v);
  await v.context.close();
});

test('languages: <html lang>, then the browser, then the config; switchable at run time; the record keeps the one shown', async () => {
  const pl = await open({ lang: 'pl-PL' });
  assert.equal(await pl.page.locator('#smartcp-banner-title').textContent(), 'Pliki cookie i pamięć przeglądarki');
  assert.equal(await action(pl.page, 'reject-all').textContent(), 'Odrzuć wszystkie');
  assert.equal(await banner(pl.page).getAttribute('lang'), 'pl');
  await pl.context.close();

  const cs = await open({ lang: 'ja', context: { locale: 'cs-CZ' } });
  assert.equal(await action(cs.page, 'accept-all').textContent(), 'Přijmout vše');
  await cs.context.close();

  const fallback = await open({ lang: 'ja', config: { lang: 'pl' }, context: { locale: 'ja-JP' } });
  assert.equal(await action(fallback.page, 'accept-all').textContent(), 'Zaakceptuj wszystkie');

  await fallback.page.evaluate(() => window.SmartCP.setLanguage('cs'));  // returns once shown
  assert.equal(await action(fallback.page, 'accept-all').textContent(), 'Přijmout vše');
  await assert.rejects(fallback.page.evaluate(() => window.SmartCP.setLanguage('ja')), /"ja" has no texts: the widget has "bg", "cs", "da", "de",/);
  await action(fallback.page, 'preferences').click();
  await fallback.page.getByRole('switch', { name: 'Analytické' }).check();
  await fallback.page.evaluate(() => window.SmartCP.setLanguage('en'));
  assert.equal(await fallback.page.getByRole('switch', { name: 'Analytics' }).isChecked(), true, 'a language switch keeps the switches');
  await action(fallback.page, 'save').click();
  assert.equal((await record(fallback.page)).lang, 'en');
  await clean(fallback);
  await fallback.context.close();

  const live = await open();
  await live.page.evaluate(() => { document.documentElement.lang = 'cs'; });
  await live.page.waitForFunction(() => document.querySelector('smartcp-widget').shadowRoot.querySelector('#smartcp-banner-title')?.textContent === 'Cookies a úložiště prohlížeče');
  await live.context.close();
});

test('the site owner\'s texts are shown as text, never as HTML; the theme follows the config and the system', async () => {
  const v = await open({
    lang: 'pl',
    config: { texts: { pl: { title: 'Ciasteczka <img src=x onerror="window.hacked=1">', description: 'Krótko.' } }, theme: 'dark' },
  });
  assert.equal(await v.page.locator('#smartcp-banner-title').textContent(), 'Ciasteczka <img src=x onerror="window.hacked=1">');
  assert.equal(await v.page.locator('smartcp-widget img').count(), 0);
  assert.equal(await v.page.evaluate(() => window.hacked), undefined);
  assert.equal(await v.page.locator('smartcp-widget').getAttribute('data-theme'), 'dark');
  const bg = await banner(v.page).evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(bg, 'rgb(27, 31, 36)');
  await clean(v);
  await v.context.close();

  const system = await open({ context: { colorScheme: 'dark' } });
  assert.equal(await system.page.locator('smartcp-widget').getAttribute('data-theme'), 'dark', 'auto follows prefers-color-scheme');
  await system.page.emulateMedia({ colorScheme: 'light' });
  await system.page.waitForFunction(() => document.querySelector('smartcp-widget').dataset.theme === 'light');  // and its changes
  await system.context.close();
});

test('isolation: the page\'s CSS does not reach the widget, the widget\'s does not leak, custom properties theme it', async () => {
  const v = await open({ init: () => {
    document.addEventListener('DOMContentLoaded', () => {
      // A site owner's theme, set from the page's own stylesheet rules through a custom property.
      document.body.style.setProperty('--smartcp-accent', 'rgb(0, 100, 0)');
    });
  } });
  const { page } = v;
  await banner(page).waitFor();
  const title = await page.locator('#smartcp-banner-title').evaluate((el) => getComputedStyle(el).textTransform);
  assert.equal(title, 'none', 'the page\'s h2 { text-transform: uppercase } stays out');
  const button = await action(page, 'accept-all').evaluate((el) => [getComputedStyle(el).fontSize, getComputedStyle(el).paddingTop]);
  assert.deepEqual(button, ['14.5px', '10px'], 'the page\'s button rule stays out');
  const pageButton = await page.locator('#page-button').evaluate((el) => [getComputedStyle(el).fontSize, getComputedStyle(el).backgroundColor]);
  assert.deepEqual(pageButton, ['11px', 'rgb(122, 62, 18)'], 'the widget\'s rules stay in');
  assert.equal(await page.locator('smartcp-widget').evaluate((el) => el.shadowRoot !== null), true, 'an open shadow root');
  await v.context.close();
});

test('narrow and zoomed: at 320 px and at 200 % zoom everything is reachable, nothing overflows sideways', async () => {
  for (const viewport of [{ width: 320, height: 568 }, { width: 640, height: 400 }]) {
    const v = await open({ context: { viewport } });
    const { page } = v;
    const fits = (loc) => loc.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight && el.scrollWidth <= el.clientWidth;
    });
    assert.ok(await fits(banner(page)), `banner fits ${viewport.width}x${viewport.height}`);
    for (const name of ['accept-all', 'reject-all', 'preferences']) {
      await action(page, name).scrollIntoViewIfNeeded();
      assert.ok(await action(page, name).isVisible());
    }
    await action(page, 'preferences').click();
    assert.ok(await fits(dialog(page)), `dialog fits ${viewport.width}x${viewport.height}`);
    assert.ok(await fits(page.locator('smartcp-widget .dialog-body')));
    await action(page, 'save').scrollIntoViewIfNeeded();
    await action(page, 'save').click();
    assert.equal((await record(page)).method, 'custom');
    await v.context.close();
  }
});

test('motion: the banner animates only when the visitor allows motion', async () => {
  const still = await open();
  assert.equal(await banner(still.page).evaluate((el) => getComputedStyle(el).animationName), 'none');
  await still.context.close();
  const moving = await open({ context: { reducedMotion: 'no-preference' } });
  assert.equal(await banner(moving.page).evaluate((el) => getComputedStyle(el).animationName), 'smartcp-rise');
  await moving.context.close();
});

test('Global Privacy Control: the banner says so, and accept all leaves marketing off', async () => {
  const v = await open({ init: () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }) });
  assert.match(await banner(v.page).locator('.note').textContent(), /Global Privacy Control signal: marketing stays off/);
  await action(v.page, 'accept-all').click();
  const r = await record(v.page);
  assert.deepEqual(r.categories, { functional: true, analytics: true, marketing: false });
  assert.equal(r.gpc, true);
  await v.context.close();
});

test('the site\'s own accept and reject controls, the API\'s show and showPreferences, reset asks again', async () => {
  const v = await open();
  const { page } = v;
  await page.evaluate(() => {
    const b = document.createElement('button');
    b.id = 'own-accept';
    b.dataset.smartcpAction = 'accept-all';
    b.textContent = 'OK';
    document.body.append(b);  // last: the test itself shifts nothing
  });
  await page.locator('#own-accept').click();
  await page.waitForFunction(() => window.SmartCP.getConsent()?.method === 'accept-all');
  assert.equal(await banner(page).count(), 0, 'a choice made elsewhere closes the banner');
  await page.evaluate(() => window.SmartCP.show());
  assert.ok(await banner(page).isVisible(), 'show() brings the banner back');
  assert.equal(await page.locator('smartcp-widget .reopen').isVisible(), false);
  await page.evaluate(() => window.SmartCP.showPreferences());
  assert.ok(await dialog(page).isVisible());
  await page.evaluate(() => window.SmartCP.hide());
  assert.equal(await dialog(page).count(), 0);
  assert.ok(await page.locator('smartcp-widget .reopen').isVisible());
  await page.evaluate(() => window.SmartCP.reset());
  await banner(page).waitFor();
  assert.equal(await page.locator('smartcp-widget .reopen').isVisible(), false);
  await clean(v);
  await v.context.close();
});

test('the reopen button can sit on the right or be turned off for the site\'s own link', async () => {
  const right = await open({ config: { reopenButton: 'bottom-right' } });
  await action(right.page, 'reject-all').click();
  const box = await right.page.locator('smartcp-widget .reopen').boundingBox();
  assert.ok(box.x > 1000, `on the right: ${box.x}`);
  await right.context.close();
  const none = await open({ config: { reopenButton: 'none' } });
  await action(none.page, 'reject-all').click();
  assert.equal(await none.page.locator('smartcp-widget .reopen').count(), 0);
  await none.page.locator('#own-link').click();
  await dialog(none.page).waitFor();  // once the core and the purposes are there
  await none.context.close();
});

test('when the banner\'s code cannot load, the page is told and nothing breaks', async () => {
  const context = await env.browser.newContext();
  await context.route('**/smartcp-ui.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
  const page = await context.newPage();
  const watcher = await watch(page);
  const errors = [];
  await page.exposeFunction('reportError', (m) => errors.push(m));
  await page.addInitScript(() => window.addEventListener('smartcp:error', (e) => window.reportError(e.detail.message)));
  await page.goto(`${env.base}/fixtures/ui.html`);
  await page.evaluate(() => window.SmartCP.ready);
  await page.waitForFunction(() => true);
  await assert.rejects(page.evaluate(() => window.SmartCP.showPreferences()));
  assert.ok(errors.length > 0, 'an error event');
  assert.equal(await page.evaluate(() => window.SmartCP.getConsent()), null);
  assert.ok(!watcher.problems.some((p) => p.startsWith('pageerror')), watcher.problems.join('\n'));
  await context.close();
});

// A first visit with `file` answered 404; the page's `error` events are collected in window.__errors.
async function openWithout(file) {
  const context = await env.browser.newContext();
  await context.route(`**/${file}`, (route) => route.fulfill({ status: 404, body: 'gone' }));
  const page = await context.newPage();
  const watcher = await watch(page);
  await page.addInitScript(() => {
    window.__errors = [];
    window.addEventListener('smartcp:error', (e) => window.__errors.push(e.detail.message));
  });
  await page.goto(`${env.base}/fixtures/ui.html`);
  return { context, page, watcher };
}

test('when the dialog\'s code cannot load, the page is told once, the banner stays and its choices still work', async () => {
  const { context, page, watcher } = await openWithout('smartcp-dialog.js');
  await banner(page).waitFor();
  await action(page, 'preferences').click();
  await page.waitForFunction(() => window.__errors.length > 0);
  assert.match((await page.evaluate(() => window.__errors)).join(' '), /smartcp-dialog\.js/);
  assert.equal(await dialog(page).count(), 0);
  assert.ok(await banner(page).isVisible(), 'the banner stays');
  await assert.rejects(page.evaluate(() => window.SmartCP.showPreferences()));
  assert.equal((await page.evaluate(() => window.__errors)).length, 1, 'told once, however often it is asked for');
  await action(page, 'reject-all').click();
  assert.equal((await record(page)).method, 'reject-all');
  assert.ok(!watcher.problems.some((p) => p.startsWith('pageerror')), watcher.problems.join('\n'));
  await context.close();
});

test('first visit: the banner is up before the core, and a choice made then is recorded once the core is ready', async () => {
  const context = await env.browser.newContext();
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await context.route('**/smartcp.wasm', async (route) => {
    await held;  // the core's bytes arrive only when the test says so
    await route.continue();
  });
  const page = await context.newPage();
  const watcher = await watch(page);
  await page.goto(`${env.base}/fixtures/ui.html`);
  await banner(page).waitFor();
  assert.equal(await page.evaluate(() => window.SmartCP.getConsent()), null, 'the core is not ready yet');
  await action(page, 'accept-all').click();
  assert.equal(await banner(page).count(), 0);
  assert.equal((await context.cookies()).find((c) => c.name === 'smartcp_consent'), undefined, 'nothing stored before the core decides');
  release();
  await page.waitForFunction(() => window.SmartCP.getConsent()?.method === 'accept-all');
  assert.match((await record(page)).textHash, /^[0-9a-f]{64}$/);
  await page.locator('smartcp-widget .reopen').waitFor();
  assert.deepEqual(watcher.problems, []);
  await context.close();
});

test('first visit: the banner does not wait for smartcp-core.js, which is asked for only once the banner is up', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let bannerAtRequest = null;
  let asked;
  const coreAsked = new Promise((resolve) => { asked = resolve; });
  await context.route('**/smartcp-core.js', async (route) => {
    bannerAtRequest = await page.evaluate(() => document.querySelector('smartcp-widget')?.shadowRoot?.querySelector('.banner') !== null);
    asked();
    await held;  // the runtime's bytes arrive only when the test says so
    await route.continue();
  });
  const watcher = await watch(page);
  await page.goto(`${env.base}/fixtures/ui.html`);
  await banner(page).waitFor();
  await page.waitForFunction(() => true);
  assert.equal(await page.evaluate(() => window.SmartCP.getConsent()), null, 'the core is not there yet');
  await coreAsked;
  assert.equal(bannerAtRequest, true, 'smartcp-core.js was asked for after the banner, not with it');
  await action(page, 'reject-all').click();
  release();
  await page.waitForFunction(() => window.SmartCP.getConsent()?.method === 'reject-all');
  assert.deepEqual(watcher.problems, []);
  await context.close();
});

test('returning visit: the core starts without waiting for the controls\' file', async () => {
  const context = await env.browser.newContext();
  const first = await context.newPage();
  await first.goto(`${env.base}/fixtures/ui.html`);
  await action(first, 'reject-all').click();
  await first.waitForFunction(() => window.SmartCP.getConsent()?.method === 'reject-all');
  await first.close();
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await context.route('**/smartcp-reopen.js', async (route) => {
    await held;  // the reopen button's file arrives only when the test says so
    await route.continue();
  });
  const page = await context.newPage();
  const watcher = await watch(page);
  await page.goto(`${env.base}/fixtures/ui.html`, { waitUntil: 'domcontentloaded' });  // load waits for the held file
  // Not through a fallback: a wait for the controls would give up only after 3 s.
  const ready = await page.evaluate(() => Promise.race([
    window.SmartCP.ready.then(() => 'ready'), new Promise((resolve) => { setTimeout(() => resolve('still waiting'), 2500); }),
  ]));
  assert.equal(ready, 'ready');
  assert.equal(await page.evaluate(() => window.SmartCP.getConsent()?.method), 'reject-all', 'the stored choice is in force');
  assert.equal(await page.locator('smartcp-widget .reopen').count(), 0, 'the controls are still on their way');
  release();
  await page.locator('smartcp-widget .reopen').waitFor();
  assert.deepEqual(watcher.problems, []);
  await context.close();
});

test('first visit without a core (the wasm is missing): the banner shows, a choice is refused with an error, storage stays closed', async () => {
  const { context, page, watcher } = await openWithout('smartcp.wasm');
  await banner(page).waitFor();
  await page.waitForFunction(() => window.__errors.length > 0);
  await action(page, 'accept-all').click();
  await page.waitForFunction(() => window.__errors.length > 1);
  assert.equal(await page.evaluate(() => window.SmartCP.getConsent()), null);
  assert.deepEqual((await context.cookies()).map((c) => c.name), []);
  assert.ok(!watcher.problems.some((p) => p.startsWith('pageerror')), watcher.problems.join('\n'));
  await context.close();
});

test('first visit: "preferences" clicked before the core is ready opens the dialog with the core\'s config', async () => {
  const context = await env.browser.newContext({ reducedMotion: 'reduce' });
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await context.route('**/smartcp.wasm', async (route) => {
    await held;
    await route.continue();
  });
  const page = await context.newPage();
  await page.goto(`${env.base}/fixtures/ui.html`);
  await banner(page).waitFor();
  await action(page, 'preferences').click();
  release();
  await dialog(page).waitFor();
  const functional = await page.locator('smartcp-widget section[aria-labelledby="smartcp-category-functional-label"] tbody th')
    .allTextContents();
  assert.ok(functional.includes('ssupp_KEY'), `the configured vendor's keys are listed: ${functional.join(' ')}`);
  await context.close();
});
