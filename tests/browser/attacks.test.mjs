// The guard as a tracker that wants to persist an identifier attacks it: odd cookie strings, proxy traps,
// pristine natives from fresh realms, patched built-ins, forged consent records, other storage APIs,
// instrumentation that was there first. Each test asserts what the browser's storage really holds (read
// from outside the page) and that nothing was thrown into the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openFixtures } from './browser.mjs';
import { guardedPage, eventually } from './guarded.mjs';

let env;
let browser;
let url;
let plain;

before(async () => {
  env = await openFixtures();
  browser = env.browser;
  url = `${env.base}/fixtures/guard.html`;
  plain = `${env.base}/fixtures/plain.html`;
});
after(() => env?.close());

const DAY = 86400000;

// ---- Cause 1: cookie strings read differently by different parsers

const DISGUISED = [
  '_ga=1; max-age=0; max-age=31536000',
  '_ga=2; expires=Sat, 01 Jan 50 00:00:00 GMT',
  '_fbp=3; expires=0',
  '_fbp=4; expires=2020-01-01',
  '_gid=5; expires=Thu, 01 Jan 69 00:00:00 GMT',
  '_gcl_au=6; expires=1 Jan 2015 1:2:3:4',
  '_ttp=7; max-age=-1; max-age=600',
  '_scid=8; Max-Age=0 ; max-age=1e9',
  '_hjid=9; expires=Fri, 01 Jan 2100 00:00:00 GMT; expires=garbage',
  '_clck=10; max-age=+999999',
];

test('cause 1: a write disguised as a deletion is a write, and is refused', async () => {
  const g = await guardedPage(browser, url);
  await g.page.evaluate(() => window.SmartCP.ready);
  await g.page.evaluate((list) => { for (const c of list) document.cookie = `${c}; path=/`; }, DISGUISED);
  assert.deepEqual(Object.keys(await g.cookies()), []);
  await g.clean();
  await g.close();
});

test('cause 1: the core reads every cookie string as Chromium does: deletions and lifetimes', async () => {
  // Each string on a page without SmartCP, and through the core (granted, so only the reading differs).
  const strings = [...DISGUISED, 'a=1; max-age=0', 'a=1; max-age=-0', 'a=1; max-age=00', 'a=1; MAX-AGE=0', 'a=1; expires=Thu, 01 Jan 1970 00:00:00 GMT',
    'a=1; expires=31 Dec 1969 23:59:59', 'a=1; expires=Feb 30 2100 00:00:00', 'a=1; expires=2100 Jan 01 00:00:00', 'a=1; expires=01 Jan 2100',
    'a=1; expires=01-Jan-2100 00:00:00', 'a=1; expires=1 jan 15 0:0:0', 'a=1; expires=Sunday, 01-Jan-99 00:00:00 GMT',
    'a=1; expires =Thu, 01 Jan 2015 00:00:00 GMT', 'a=1;expires=Thu, 01 Jan 2015 00:00:00 GMT;', 'a=1; expires=01 January 2015 00:00:00',
    'a=1; expires=01 Jan 2015 00:00:00.5', 'a=1; expires=001 Jan 2015 00:00:00', 'a=1; expires=01 Jan 02015 00:00:00',
    'a=1; max-age=1.5', 'a=1; max-age= -5 ', 'a=1; max-age=0x', 'a=1; expires=Thu, 01 Jan 70 00:00:00 GMT',
    'a=1; expires=Mon, 01 Jan 1601 00:00:01 GMT', 'a=1; expires=99 Jan 2100 00:00:00', 'a=1; expires=01 Jan 2100 0:0:0',
    'a=1; expires=12:00:00 12:00:00 01 Jan 2015 2100', 'a=1; expires=Thu, 01 Jan 10000 00:00:00 GMT', 'a=1; max-age=99999999999999999999',
    'a=1; max-age=-99999999999999999999', 'a=1; max-age=1 0', 'a=1; expires=Fri, 01 Jan 2100 00:00:00 GMT; max-age=x'];
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(plain);
  const native = [];
  for (const s of strings) {
    await context.clearCookies();
    await page.evaluate((c) => { document.cookie = c.replace(/^[^=]*=/, 'probe='); }, s);
    const c = (await context.cookies()).find((x) => x.name === 'probe');
    native.push(c ? (c.expires === -1 ? 'session' : c.expires * 1000 - Date.now() > 390 * DAY ? 'long' : 'short') : 'deleted');
  }
  await context.close();
  const g = await guardedPage(browser, url);
  const core = await g.page.evaluate(async (list) => {
    const { loadDemoCore } = await import('/core.js');
    const engine = (await loadDemoCore()).engine();
    engine.configure('{}');
    engine.setConsent(true, true);
    return list.map((s) => {
      const d = engine.decideCookieJson(s.replace(/^[^=]*=/, 'probe='), Date.now());
      return d.deletion ? 'deleted' : d.capped ? 'long' : /max-age|expires/i.test(d.cookie) ? 'kept' : 'session';
    });
  }, strings);
  strings.forEach((s, i) => {
    // 'kept': a lifetime the core leaves alone, which the browser must have stored as short or session.
    const agree = core[i] === native[i] || (core[i] === 'kept' && (native[i] === 'short' || native[i] === 'session'));
    assert.ok(agree, `${s}: Chromium ${native[i]}, the core ${core[i]}`);
  });
  await g.close();
});

test('cause 1: granted, a lifetime beyond the cap is capped however it is written', async () => {
  const g = await guardedPage(browser, url);
  await g.page.evaluate(() => window.SmartCP.acceptAll());
  await g.page.evaluate(() => {
    document.cookie = 'x1=1; max-age=+99999999; path=/';
    document.cookie = 'x2=1; expires=Thu, 01 Jan 10000 00:00:00 GMT; path=/';
    document.cookie = 'x3=1; max-age=10; max-age=99999999; path=/';
    document.cookie = '_ga=1; max-age=0; max-age=99999999; path=/';
  });
  const jar = await g.cookies();
  for (const name of ['x1', 'x2', 'x3', '_ga']) {
    assert.ok(jar[name], name);
    assert.ok((jar[name].expires * 1000 - Date.now()) / DAY <= 395.01, `${name} lives ${((jar[name].expires * 1000 - Date.now()) / DAY).toFixed(0)} days`);
  }
  await g.close();
});

// ---- Cause 2: proxy traps and fidelity

test('cause 2: defineProperty, Reflect.defineProperty and defineProperties are writes like any other', async () => {
  const g = await guardedPage(browser, url);
  await g.page.evaluate(() => window.SmartCP.ready);
  const thrown = await g.page.evaluate(() => {
    const errors = [];
    const run = (fn) => { try { fn(); } catch (e) { errors.push(String(e)); } };
    run(() => Object.defineProperty(localStorage, '_ga', { value: 'a', writable: true, enumerable: true, configurable: true }));
    run(() => Reflect.defineProperty(sessionStorage, '_fbp', { value: 'b' }));
    run(() => Object.defineProperties(localStorage, { _gid: { value: 'c', configurable: true }, own1: { value: 'd', configurable: true } }));
    run(() => Object.defineProperty(localStorage, 'own2', { value: 'e', configurable: true }));
    return errors;
  });
  assert.deepEqual(thrown, []);
  assert.equal(await g.stored('localStorage', '_ga'), null);
  assert.equal(await g.stored('sessionStorage', '_fbp'), null);
  assert.equal(await g.stored('localStorage', '_gid'), null);
  assert.equal(await g.stored('localStorage', 'own1'), 'd');
  assert.equal(await g.stored('localStorage', 'own2'), 'e');
  await g.clean();
  await g.close();
});

test('cause 2: another realm\'s Storage methods work on a guarded storage, and still decide', async () => {
  const g = await guardedPage(browser, url);
  await g.page.evaluate(() => window.SmartCP.ready);
  const errors = await g.page.evaluate(() => {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    const other = frame.contentWindow.Storage.prototype;
    const errs = [];
    try {
      other.setItem.call(localStorage, 'cart', 'from-frame-realm');
      other.setItem.call(localStorage, '_ga', 'x');
      other.removeItem.call(localStorage, 'nothing');
      if (other.getItem.call(localStorage, 'cart') !== 'from-frame-realm') errs.push('read back');
    } catch (e) {
      errs.push(String(e));
    }
    return errs;
  });
  assert.deepEqual(errors, []);
  assert.equal(await g.stored('localStorage', 'cart'), 'from-frame-realm');
  assert.equal(await g.stored('localStorage', '_ga'), null);
  await g.close();
});

// The same idioms on a page without SmartCP and with it (everything granted): what a page can observe.
const IDIOMS = () => {
  const out = {};
  const t = (name, fn) => {
    try {
      out[name] = fn();
    } catch (e) {
      out[name] = `throws ${e.name}: ${e.message}`;
    }
  };
  localStorage.clear();
  sessionStorage.clear();
  t('setItem', () => { localStorage.setItem('a', 1); return localStorage.getItem('a'); });
  t('property', () => { localStorage.b = { toString: () => 'B' }; return [localStorage.b, localStorage.getItem('b')]; });
  t('index', () => { localStorage[5] = 'five'; return localStorage.getItem('5'); });
  t('length=', () => { localStorage.length = 7; return [localStorage.length, localStorage.getItem('length')]; });
  t('constructor', () => localStorage.constructor === Storage);
  t('proto', () => Object.getPrototypeOf(localStorage) === Storage.prototype);
  t('instanceof', () => localStorage instanceof Storage);
  t('toString', () => `${Object.prototype.toString.call(localStorage)} ${String(localStorage)}`);
  t('method identity', () => localStorage.getItem === Storage.prototype.getItem && localStorage.setItem === Storage.prototype.setItem);
  t('method toString', () => Function.prototype.toString.call(Storage.prototype.setItem).includes('[native code]'));
  t('method name', () => [Storage.prototype.setItem.name, Storage.prototype.setItem.length]);
  t('keys', () => Object.keys(localStorage).sort().join(','));
  t('in', () => ['a' in localStorage, 'nope' in localStorage, 'setItem' in localStorage]);
  t('hasOwn', () => [Object.hasOwn(localStorage, 'a'), Object.hasOwn(localStorage, 'setItem')]);
  t('gOPD', () => JSON.stringify(Object.getOwnPropertyDescriptor(localStorage, 'a')));
  t('spread', () => JSON.stringify({ ...localStorage }));
  t('json', () => JSON.stringify(localStorage));
  t('delete', () => [delete localStorage.a, localStorage.getItem('a')]);
  t('setItem 1 arg', () => localStorage.setItem('x'));
  t('unbound', () => { const f = localStorage.setItem; f('a', 'b'); });
  t('accessor define', () => Object.defineProperty(localStorage, 'acc', { get() { return 1; } }));
  t('preventExtensions', () => Object.preventExtensions(localStorage));
  t('symbol', () => { const s = Symbol('s'); localStorage[s] = 1; return [localStorage[s], localStorage.length]; });
  t('method as key', () => { localStorage.key = 'k'; return [typeof localStorage.key, localStorage.getItem('key')]; });
  t('quota setItem', () => { localStorage.setItem('big', 'x'.repeat(6 * 1024 * 1024)); return 'stored'; });
  t('quota property', () => { localStorage.big2 = 'x'.repeat(6 * 1024 * 1024); return 'stored'; });
  t('clear', () => { sessionStorage.s = '1'; sessionStorage.clear(); return sessionStorage.length; });
  t('window descriptor', () => { const d = Object.getOwnPropertyDescriptor(window, 'localStorage'); return [typeof d.get, d.set, d.enumerable, d.configurable]; });
  t('cookie descriptor', () => { const d = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie'); return [typeof d.get, typeof d.set, d.enumerable, d.configurable]; });
  t('cookie', () => { document.cookie = 'c1=1; path=/'; return document.cookie.includes('c1=1'); });
  t('cookie toString once', () => { let n = 0; document.cookie = { toString: () => `c${++n}=x; path=/` }; return n; });
  t('storage event area', () => new StorageEvent('storage', { storageArea: localStorage }).storageArea === localStorage);
  localStorage.clear();
  return out;
};

test('the rules: every idiom a page can observe answers as without SmartCP', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(plain);
  const expected = await page.evaluate(IDIOMS);
  await context.close();
  const g = await guardedPage(browser, url);
  await g.page.evaluate(() => window.SmartCP.acceptAll());
  const actual = await g.page.evaluate(IDIOMS);
  for (const key of Object.keys(expected)) assert.deepEqual(actual[key], expected[key], key);
  await g.close();
});

// ---- Cause 4: cookieStore's options

test('cause 4: a name getter cannot show one name to the guard and another to the browser', async () => {
  const g = await guardedPage(browser, url);
  await g.page.evaluate(() => window.SmartCP.ready);
  await g.page.evaluate(async () => {
    let reads = 0;
    await cookieStore.set({ get name() { reads++; return reads === 1 ? 'own' : '_ga'; }, value: 'x' });
    await cookieStore.set({ name: 'own3', get value() { return 'v'; }, path: '/' });
  });
  const jar = await g.cookies();
  assert.equal(jar._ga, undefined);
  assert.equal(jar.own?.value, 'x', 'the name the guard read is the one written');
  assert.equal(jar.own3?.value, 'v');
  await g.clean();
  await g.close();
});

// ---- Cause 6: the consent record

test('cause 6: a page cannot write the consent record, by any path; a record of another site is not this site\'s', async () => {
  // A real record, made on this site by accepting, then carried to another host name (localhost).
  const first = await guardedPage(browser, url);
  await first.page.evaluate(() => window.SmartCP.acceptAll());
  const real = (await first.cookies()).smartcp_consent.value;
  await first.page.evaluate(() => window.SmartCP.reset());
  await first.page.evaluate(async (value) => {
    document.cookie = `smartcp_consent=${value}; path=/`;
    await cookieStore.set('smartcp_consent', value);
  }, real);
  assert.equal((await first.cookies()).smartcp_consent, undefined, 'the page\'s writes are refused');
  const reasons = await first.page.evaluate(() => window.SmartCP.blocked().filter((b) => b.name === 'smartcp_consent').map((b) => b.reason));
  assert.deepEqual(reasons, ['reserved', 'reserved']);
  await first.context.close();

  const other = url.replace('127.0.0.1', 'localhost');
  const context = await browser.newContext();
  await context.addCookies([{ name: 'smartcp_consent', value: real, url: other }]);
  const g = await guardedPage(browser, other, { context });
  assert.equal(await g.page.evaluate(() => window.SmartCP.ready), null, 'asked again');
  await context.close();
});

// ---- Cause 7: IndexedDB and the Cache API

test('cause 7: IndexedDB and caches are opened by name only when allowed, and deleted on withdrawal', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url.replace('guard.html', 'storage-apis.html'));
  await page.evaluate(() => window.SmartCP.ready);
  const refused = await page.evaluate(async () => {
    const open = (name) => new Promise((resolve) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => { r.result.close(); resolve('opened'); };
      r.onerror = (e) => { e.preventDefault(); resolve(`error ${r.error?.name}`); };
    });
    return {
      tracker: await open('tracker-db'), own: await open('app-db'),
      cache: await caches.open('ads-cache').then(() => 'opened', (e) => `rejected ${e.name}`),
      ownCache: await caches.open('app-cache').then(() => 'opened', (e) => `rejected ${e.name}`),
      dbs: (await indexedDB.databases()).map((d) => d.name).sort(), cacheNames: (await caches.keys()).sort(),
    };
  });
  assert.deepEqual(refused, { tracker: 'error UnknownError', own: 'opened', cache: 'rejected SecurityError', ownCache: 'opened',
    dbs: ['app-db'], cacheNames: ['app-cache'] });
  await page.evaluate(() => window.SmartCP.acceptAll());
  await page.evaluate(async () => {
    await new Promise((resolve) => { const r = indexedDB.open('tracker-db'); r.onsuccess = () => { r.result.close(); resolve(); }; });
    await caches.open('ads-cache');
  });
  assert.deepEqual(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).sort()), ['app-db', 'tracker-db']);
  await page.evaluate(() => window.SmartCP.rejectAll());
  await eventually(async () => (await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).join() === 'app-db' &&
    (await caches.keys()).join() === 'app-cache')), 'the tracker\'s database and cache are still there');
  await context.close();
});
