// "debug": true, as a developer uses it: each refused or redacted write and each held script or request
// is told once in the console, grouped, with the rule that decided it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openFixtures } from './browser.mjs';
import { openShop } from './shop.mjs';

let env;
before(async () => { env = await openFixtures(); });
after(() => env?.close());

async function consoleOf(page, run) {
  const groups = [];
  const tables = [];
  const listener = async (m) => {
    if (m.type() === 'startGroupCollapsed') groups.push(m.text());
    if (m.type() === 'table') tables.push(await m.args()[0].jsonValue());
  };
  page.on('console', listener);
  await page.evaluate(run);
  await page.waitForTimeout(400);
  page.off('console', listener);
  return { groups, tables };
}

const writes = () => {
  document.cookie = '_fbp=fb.1.1700000000000.42; path=/';
  document.cookie = '_fbp=fb.1.1700000000000.43; path=/';  // the same refusal again: told once
  document.cookie = '_ga=GA1.1.1.1; path=/';
  localStorage.setItem('ssupp_KEY', JSON.stringify({ visits: 3, lang: 'en' }));
  const s = document.createElement('script');
  s.src = 'https://connect.facebook.net/en_US/fbevents.js';
  document.head.append(s);
};

test('with debug, each refusal, redaction and held script is told once, grouped, with its rule', async () => {
  const v = await openShop(env, { config: { debug: true } });
  // The log is a file of its own, fetched only with debug; what the page load refused is told first.
  await v.page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/smartcp-debug.js')));
  await v.page.waitForTimeout(300);
  const { groups, tables } = await consoleOf(v.page, writes);
  assert.deepEqual(groups, ['SmartCP: 3 writes refused or redacted, 1 script or request held']);
  const rows = tables[0];
  const row = (name) => rows.find((r) => r.name === name);
  assert.equal(rows.length, 4);
  assert.deepEqual(row('_fbp'), { what: 'refused', kind: 'cookie', name: '_fbp', rule: 'the tracker database "_fbp" (Facebook): needs marketing' });
  assert.deepEqual(row('_ga'), { what: 'refused', kind: 'cookie', name: '_ga', rule: 'your catalog "_ga": needs analytics' });
  assert.equal(row('ssupp_KEY').what, 'redacted');
  assert.match(row('ssupp_KEY').rule, /^the smartsupp catalog "ssupp_<CHAT_KEY>": fields of categories not granted removed$/);
  assert.deepEqual(row('https://connect.facebook.net/en_US/fbevents.js'),
    { what: 'held', kind: 'script', name: 'https://connect.facebook.net/en_US/fbevents.js', rule: 'the endpoint list (Facebook): needs marketing' });
  const again = await consoleOf(v.page, writes);
  assert.deepEqual(again.groups, [], 'nothing is told twice');
  await v.context.close();
});

test('without debug the console stays quiet', async () => {
  const v = await openShop(env);
  const { groups, tables } = await consoleOf(v.page, writes);
  assert.deepEqual([groups, tables], [[], []]);
  assert.ok(!v.requests.some((p) => p.endsWith('/smartcp-debug.js')), 'the debug log is not downloaded');
  await v.context.close();
});
