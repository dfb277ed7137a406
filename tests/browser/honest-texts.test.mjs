// What the widget says is true of this site: the chat and session recording only where the site runs
// them, the consent cookie's retention as enforced; one visible element per test hook; the theme follows
// the page's own colour scheme.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openFixtures } from './browser.mjs';
import { openShop, action, banner, dialog } from './shop.mjs';

let env;
before(async () => { env = await openFixtures(); });
after(() => env?.close());

const texts = async (page) => {
  await banner(page).waitFor();
  const description = await page.locator('smartcp-widget #smartcp-banner-text').textContent();
  await action(page, 'preferences').click();
  await dialog(page).waitFor();
  const categories = await page.locator('smartcp-widget dialog').textContent();
  return { description, categories };
};

test('without vendors the texts speak of the site alone; the chat and session recording only where configured', async () => {
  const none = await openShop(env, { config: { vendors: {} } });
  const plain = await texts(none.page);
  assert.doesNotMatch(plain.description, /chat/i);
  assert.doesNotMatch(plain.categories, /chat|session recording/i);
  await none.context.close();

  const chat = await openShop(env, { config: { vendors: { smartsupp: { key: 'KEY', scriptUrl: '/vendors/smartsupp/loader.js' } } } });
  const withChat = await texts(chat.page);
  assert.match(withChat.description, /this site and its chat work/);
  assert.match(withChat.categories, /the basic chat/);
  assert.doesNotMatch(withChat.categories, /session recording/);
  await chat.context.close();

  const both = await openShop(env);  // the fixture runs Smartsupp and Smartlook
  assert.match((await texts(both.page)).categories, /for example through session recording/);
  await both.context.close();

  const own = await openShop(env, { config: { texts: { en: { description: 'Our own words.' } } } });
  assert.match((await texts(own.page)).description, /^Our own words\./, 'the site\'s own text wins');
  await own.context.close();
});

test('the consent cookie\'s row shows how long the choice is kept (expiryDays), as the dialog says', async () => {
  const v = await openShop(env, { config: { expiryDays: 30 } });
  await action(v.page, 'preferences').click();
  await dialog(v.page).waitFor();
  const row = v.page.locator('smartcp-widget dialog tr', { has: v.page.locator('code', { hasText: /^smartcp_consent$/ }) });
  assert.match(await row.locator('td').last().textContent(), /\b30 days\b/);
  assert.match(await v.page.locator('smartcp-widget dialog').textContent(), /We keep your choice for 30 days/);
  await v.context.close();
});

test('one element per data-smartcp-action at a time: the README\'s locators work in strict mode', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.route(`${env.base}/fixtures/hooks.html`, (route) => route.fulfill({ contentType: 'text/html', body:
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">' +
    '<script src="/smartcp/smartcp.js"></script></head><body><h1>Shop</h1></body></html>' }));
  await page.goto(`${env.base}/fixtures/hooks.html`);
  await page.locator('[data-smartcp-action="preferences"]').click();  // strict: one element, or it throws
  await dialog(page).waitFor();
  await page.locator('[data-smartcp-action="reject-all"]').click();
  await dialog(page).waitFor({ state: 'hidden' });
  await page.locator('[data-smartcp-action="preferences"]').click();  // now the reopen button
  await dialog(page).waitFor();
  await page.locator('[data-smartcp-action="accept-all"]').click();
  await dialog(page).waitFor({ state: 'hidden' });
  // The reopen button comes back once the choice is recorded, a frame after the dialog hides.
  await page.locator('[data-smartcp-action="preferences"]').waitFor();
  assert.equal(await page.locator('[data-smartcp-action]').count(), 1, 'only the reopen button is left');
  await context.close();
});

test('theme "auto" follows the page\'s own colour scheme before the visitor\'s', async () => {
  const page = async (scheme, colorScheme) => {
    const context = await env.browser.newContext({ colorScheme });
    const p = await context.newPage();
    await p.route(`${env.base}/fixtures/scheme.html`, (route) => route.fulfill({ contentType: 'text/html', body:
      `<!doctype html><html lang="en"><head><meta charset="utf-8">${scheme ? `<meta name="color-scheme" content="${scheme}">` : ''}` +
      '<link rel="icon" href="data:,"><script src="/smartcp/smartcp.js"></script></head><body><h1>Shop</h1></body></html>' }));
    await p.goto(`${env.base}/fixtures/scheme.html`);
    await p.locator('smartcp-widget .banner').waitFor();
    const theme = await p.locator('smartcp-widget').getAttribute('data-theme');
    await context.close();
    return theme;
  };
  assert.equal(await page('light', 'dark'), 'light', 'a light-only page on a dark OS');
  assert.equal(await page('dark', 'light'), 'dark');
  assert.equal(await page('light dark', 'dark'), 'dark', 'a page with both follows the visitor');
  assert.equal(await page(null, 'dark'), 'dark');
  assert.equal(await page(null, 'light'), 'light');
});
