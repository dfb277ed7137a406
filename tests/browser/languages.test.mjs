// The widget's languages: the 24 official EU languages built in, each chosen from <html lang> and
// fetched on its own (a visitor downloads only their language's texts, and its purposes with the dialog);
// any other language added by the site through `texts.<tag>` alone, with a fallback chain for the ids it
// leaves out; setLanguage; and a language file that cannot be fetched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openFixtures } from './browser.mjs';
import { openShop, action, banner, dialog, record } from './shop.mjs';
import { root } from '../wasm/load-core.mjs';
import { LANGUAGES } from '../../js/generated/locales.js';

let env;
before(async () => { env = await openFixtures(); });
after(() => env?.close());

const locale = (lang) => JSON.parse(readFileSync(path.join(root, `js/locales/${lang}.json`), 'utf8'));
const fetched = (requests, part) => requests.filter((p) => p.includes(`/smartcp-${part}-`)).map((p) => p.replace(/^.*smartcp-[a-z]+-|\.js$/g, ''));
const days = (lang, count) => locale(lang).texts[`days_${new Intl.PluralRules(lang).select(count)}`].replace('{count}', count);

test('each of the 24 EU languages is shown from <html lang> with its own texts, and only its file is fetched', async () => {
  assert.equal(LANGUAGES.length, 24);
  const context = await env.browser.newContext({ reducedMotion: 'reduce' });
  for (const lang of LANGUAGES) {
    const { texts } = locale(lang);
    const v = await openShop(env, { lang, reuse: context });
    await banner(v.page).waitFor();
    assert.equal(await v.page.locator('smartcp-widget #smartcp-banner-title').textContent(), texts.title, lang);
    assert.equal(await action(v.page, 'accept-all').textContent(), texts.acceptAll, lang);
    assert.equal(await action(v.page, 'reject-all').textContent(), texts.rejectAll, lang);
    assert.equal(await banner(v.page).getAttribute('lang'), lang);
    assert.deepEqual(fetched(v.requests, 'texts'), [lang], `${lang}: its texts alone`);
    assert.deepEqual(fetched(v.requests, 'purposes'), [], `${lang}: no purposes before the dialog`);
    assert.deepEqual(v.watcher.problems, [], lang);
    await v.page.close();
  }
  await context.close();
});

test('the dialog shows the language\'s purposes and plural forms (pl, de, fr, el, ga)', async () => {
  for (const lang of ['pl', 'de', 'fr', 'el', 'ga']) {
    const { texts, purposes } = locale(lang);
    const v = await openShop(env, { lang, config: { expiryDays: 3 } });
    await action(v.page, 'preferences').click();
    await dialog(v.page).waitFor();
    const text = await dialog(v.page).textContent();
    assert.ok(text.includes(texts.dialogDescription.replace('{days}', days(lang, 3))), `${lang}: ${days(lang, 3)}`);
    assert.ok(text.includes(purposes['smartcp:smartcp_consent']), `${lang}: the consent cookie's purpose`);
    assert.ok(text.includes(texts.functionalTitle) && text.includes(texts.marketingDescription), lang);
    assert.deepEqual(fetched(v.requests, 'purposes'), [lang]);
    assert.deepEqual(v.watcher.problems, [], lang);
    await v.context.close();
  }
});

test('a language of the site\'s own, from <html lang>, with English for the texts it leaves out', async () => {
  const icelandic = { title: 'Vafrakökur á þessum vef', acceptAll: 'Samþykkja allt', days_one: '{count} dagur', days_other: '{count} dagar' };
  const v = await openShop(env, { lang: 'is-IS', config: { texts: { is: icelandic }, expiryDays: 30 } });
  await banner(v.page).waitFor();
  assert.equal(await v.page.locator('smartcp-widget #smartcp-banner-title').textContent(), icelandic.title);
  assert.equal(await action(v.page, 'accept-all').textContent(), 'Samþykkja allt');
  assert.equal(await action(v.page, 'reject-all').textContent(), 'Reject all', 'English where the site gave no text');
  assert.equal(await banner(v.page).getAttribute('lang'), 'is');
  assert.deepEqual(fetched(v.requests, 'texts'), ['en']);
  await action(v.page, 'preferences').click();
  await dialog(v.page).waitFor();
  assert.match(await dialog(v.page).textContent(), /We keep your choice for 30 dagar/, 'the site\'s own plural forms');
  await action(v.page, 'accept-all').click();
  assert.equal((await record(v.page)).lang, 'is');
  assert.deepEqual(v.watcher.problems, []);
  await v.context.close();
});

test('a regional variant the site adjusts keeps the built-in language behind it', async () => {
  const v = await openShop(env, { lang: 'de-AT', config: { texts: { 'de-AT': { title: 'Cookies und Speicher – Österreich' } } } });
  await banner(v.page).waitFor();
  assert.equal(await v.page.locator('smartcp-widget #smartcp-banner-title').textContent(), 'Cookies und Speicher – Österreich');
  assert.equal(await action(v.page, 'accept-all').textContent(), locale('de').texts.acceptAll, 'German, not English, for the rest');
  assert.deepEqual(fetched(v.requests, 'texts'), ['de']);
  await action(v.page, 'accept-all').click();
  assert.equal((await record(v.page)).lang, 'de-at');
  await v.context.close();
});

test('setLanguage: a built-in language, a site\'s variant of one, and a language without texts refused with the reason', async () => {
  const v = await openShop(env, { config: { texts: { 'pt-BR': { acceptAll: 'Aceitar todos' } } } });
  await banner(v.page).waitFor();
  await v.page.evaluate(() => window.SmartCP.setLanguage('fr'));  // settles once shown
  assert.equal(await action(v.page, 'accept-all').textContent(), locale('fr').texts.acceptAll);
  await v.page.evaluate(() => window.SmartCP.setLanguage('pt-BR'));
  assert.equal(await action(v.page, 'accept-all').textContent(), 'Aceitar todos');
  assert.equal(await action(v.page, 'reject-all').textContent(), locale('pt').texts.rejectAll, 'Portuguese behind the site\'s Brazilian');
  await assert.rejects(v.page.evaluate(() => window.SmartCP.setLanguage('ja')), /"ja" has no texts: the widget has "bg", "cs", .*"sv", "pt-BR"; add one through texts/);
  assert.deepEqual(fetched(v.requests, 'texts').sort(), ['en', 'fr', 'pt']);
  await v.context.close();
});

test('a language file that cannot be fetched: the banner comes up in English and the error is reported', async () => {
  const context = await env.browser.newContext({ reducedMotion: 'reduce' });
  await context.route('**/smartcp-texts-sk.js', (route) => route.abort());
  const v = await openShop(env, { lang: 'sk', reuse: context });
  await banner(v.page).waitFor();
  assert.equal(await v.page.locator('smartcp-widget #smartcp-banner-title').textContent(), locale('en').texts.title);
  assert.ok(v.watcher.problems.some((p) => /smartcp-texts-sk\.js/.test(p)), 'said on the console');
  await context.close();
});
