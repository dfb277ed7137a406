// The 24 built-in languages (js/locales/): each has every text and purpose English has, with the same
// placeholders and its own plural forms, and what the always-loaded code takes from them is generated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLocales, LANGUAGES } from '../../scripts/generate-locales.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('the 24 official EU languages are built in, each with every text and purpose', () => {
  const locales = readLocales();
  assert.deepEqual(Object.keys(locales).sort(), ['bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'it',
    'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv']);
  const en = locales.en;
  for (const [lang, locale] of Object.entries(locales)) {
    for (const id of Object.keys(en.texts).filter((i) => !i.startsWith('days_'))) assert.equal(typeof locale.texts[id], 'string', `${lang} ${id}`);
    for (const id of Object.keys(en.purposes)) assert.equal(typeof locale.purposes[id], 'string', `${lang} ${id}`);
    // Written for the language, not copied from English (brand names and "Marketing" aside).
    if (lang !== 'en') assert.notEqual(locale.texts.description, en.texts.description, lang);
    for (let days = 0; days <= 400; days++) {
      assert.ok(locale.texts[`days_${new Intl.PluralRules(lang).select(days)}`], `${lang}: ${days} days`);
    }
  }
});

test('the generated language list, text ids and reopen labels match js/locales/', () => {
  const run = spawnSync(process.execPath, ['scripts/generate-locales.mjs', '--check'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr + run.stdout);
});

test('a language with a missing text, a wrong placeholder or a missing plural form is named', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'smartcp-locales-'));
  try {
    cpSync(path.join(root, 'js/locales'), path.join(dir, 'js/locales'), { recursive: true });
    cpSync(path.join(root, 'core/catalog'), path.join(dir, 'core/catalog'), { recursive: true });
    const edit = (lang, change) => {
      const file = path.join(dir, `js/locales/${lang}.json`);
      const locale = JSON.parse(readFileSync(file, 'utf8'));
      change(locale);
      writeFileSync(file, JSON.stringify(locale));
    };
    edit('de', (l) => { delete l.texts.title; });
    edit('fr', (l) => { l.texts.details = 'Cookies'; });
    edit('pl', (l) => { delete l.texts.days_few; });
    edit('sk', (l) => { delete l.purposes['Hotjar|analytics']; });
    assert.throws(() => readLocales(dir), (error) => {
      assert.match(error.message, /de: texts\.title is missing/);
      assert.match(error.message, /fr: texts\.details has \{\}, English has \{count\}/);
      assert.match(error.message, /pl: texts\.days_few is missing/);
      assert.match(error.message, /sk: purposes\.Hotjar\|analytics is missing/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every platform a purpose is written for is one the tables know', () => {
  const platforms = readFileSync(path.join(root, 'docs/platforms.md'), 'utf8');
  const ids = Object.keys(readLocales().en.purposes).filter((id) => id.includes('|'));
  assert.ok(ids.length >= 30);
  for (const id of ids) {
    const name = id.split('|')[0];
    assert.ok(platforms.includes(`\n| ${name.replace(/\|/g, '\\|')} |`), name);
  }
  assert.equal(LANGUAGES.length, 24);
});
