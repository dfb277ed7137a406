// A language the widget does not ship, added by the site through `texts.<tag>` alone: chosen from
// <html lang> (with a region too), its texts shown, the missing ones from English, recorded in the
// consent record; setLanguage takes it, and a language without texts is refused with the reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openFixtures } from './browser.mjs';
import { openShop, action, banner, dialog, record } from './shop.mjs';

let env;
before(async () => { env = await openFixtures(); });
after(() => env?.close());

const GERMAN = {
  title: 'Cookies und Speicher auf dieser Website',
  description: 'Wir verwenden Cookies und den Speicher Ihres Browsers, damit diese Website funktioniert.',
  acceptAll: 'Alle akzeptieren', rejectAll: 'Alle ablehnen', preferences: 'Einstellungen',
  days_one: '{count} Tag', days_other: '{count} Tage',
};

test('a language of the site\'s own, from <html lang>, with English for the texts it leaves out', async () => {
  const v = await openShop(env, { lang: 'de-AT', config: { texts: { de: GERMAN }, expiryDays: 30 } });
  await banner(v.page).waitFor();
  assert.equal(await v.page.locator('smartcp-widget #smartcp-banner-title').textContent(), GERMAN.title);
  assert.equal(await action(v.page, 'reject-all').textContent(), 'Alle ablehnen');
  assert.equal(await banner(v.page).getAttribute('lang'), 'de');
  await action(v.page, 'preferences').click();
  await dialog(v.page).waitFor();
  assert.match(await v.page.locator('smartcp-widget dialog').textContent(), /We keep your choice for 30 Tage/, 'English where the site gave no text, German plurals');
  await action(v.page, 'accept-all').click();
  assert.equal((await record(v.page)).lang, 'de');
  assert.deepEqual(v.watcher.problems, []);
  await v.context.close();
});

test('setLanguage takes a language the config adds, and refuses one without texts', async () => {
  const v = await openShop(env, { config: { texts: { 'pt-BR': { acceptAll: 'Aceitar tudo' } } } });
  await banner(v.page).waitFor();
  await v.page.evaluate(() => window.SmartCP.setLanguage('pt-BR'));
  assert.equal(await action(v.page, 'accept-all').textContent(), 'Aceitar tudo');
  assert.equal(await action(v.page, 'reject-all').textContent(), 'Reject all');
  await assert.rejects(v.page.evaluate(() => window.SmartCP.setLanguage('fr')), /"fr" has no texts: the widget has "pl", "en", "cs", "pt-BR"/);
  await v.context.close();
});
