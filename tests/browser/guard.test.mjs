// The storage guard of dist/smartcp.js in Chromium, with the real core: for each write path, what the
// browser's storage really holds (read from outside the page) before the core is ready, after reject,
// after accept and after withdrawal; clean-up of what got in another way.
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

const blockedNames = (page) => page.evaluate(() => window.SmartCP.blocked().map((b) => `${b.kind}:${b.name}:${b.category}`).sort());

test('before the core: the site\'s own writes go through at once; what may need consent waits, unreadable; reject drops it', async () => {
  const g = await guardedPage(browser, url, { holdCore: true });
  const seen = await g.page.evaluate(() => {
    document.cookie = 'ssupp.vid=v1; path=/';
    document.cookie = 'SL_C_23361dd035530_SID=s1; path=/';
    localStorage.setItem('smartlook_debug', '1');
    localStorage.ssupp_KEYopened = 'true';
    sessionStorage.SL_L_23361dd035530_SID = 'x';
    localStorage.cart = '[1]';
    return { cookie: document.cookie, debug: localStorage.getItem('smartlook_debug'), cart: localStorage.cart };
  });
  assert.match(seen.cookie, /ssupp\.vid=v1/);
  assert.doesNotMatch(seen.cookie, /SL_C_/, 'a held write is not readable: a tracker cannot read back its id');
  assert.equal(seen.debug, null);
  assert.equal(seen.cart, '[1]');
  assert.ok((await g.cookies())['ssupp.vid'], 'the functional cookie is written at once');
  assert.equal((await g.cookies()).SL_C_23361dd035530_SID, undefined);
  assert.equal(await g.stored('localStorage', 'cart'), '[1]', 'the site\'s own key is written at once');
  assert.equal(await g.stored('localStorage', 'smartlook_debug'), null);

  await g.release();
  assert.equal((await g.cookies()).SL_C_23361dd035530_SID, undefined, 'the analytics cookie is dropped');
  assert.equal(await g.stored('localStorage', 'ssupp_KEYopened'), 'true', 'the held functional write is committed');
  assert.equal(await g.stored('localStorage', 'smartlook_debug'), null);
  assert.equal(await g.stored('sessionStorage', 'SL_L_23361dd035530_SID'), null);
  assert.deepEqual(await blockedNames(g.page), ['cookie:SL_C_23361dd035530_SID:analytics', 'localStorage:smartlook_debug:analytics',
    'sessionStorage:SL_L_23361dd035530_SID:analytics']);
  await g.clean();
  await g.close();
});

test('every write path after reject, then after accept', async () => {
  const g = await guardedPage(browser, url);
  await g.page.evaluate(() => window.SmartCP.rejectAll());
  await g.page.evaluate(() => {
    localStorage.setItem('smartlook_queued_chunks', '[]');
    localStorage.smartlook_debug = '1';
    localStorage['SL_L_23361dd035530_SID'] = 'x';
    sessionStorage.setItem('SL_L_23361dd035530_VID', 'v');
    document.cookie = '_ga=GA1.1.1; path=/; max-age=99999999';
    document.cookie = 'cart=3; path=/';
    localStorage.setItem('ssupp_KEY', JSON.stringify({ vid: 'v', opened: true, visits: 4 }));
    sessionStorage.setItem('ssupp_KEY', JSON.stringify({ vid: 's', visits: 1 }));
  });
  for (const key of ['smartlook_queued_chunks', 'smartlook_debug', 'SL_L_23361dd035530_SID']) {
    assert.equal(await g.stored('localStorage', key), null, key);
  }
  assert.equal(await g.stored('sessionStorage', 'SL_L_23361dd035530_VID'), null);
  assert.equal((await g.cookies())._ga, undefined);
  assert.equal((await g.cookies()).cart.value, '3', 'the site\'s own cookie goes through');
  assert.equal(await g.stored('localStorage', 'ssupp_KEY'), '{"vid":"v","opened":true}', 'visits removed without marketing consent');
  assert.equal(await g.stored('sessionStorage', 'ssupp_KEY'), '{"vid":"s"}', 'in sessionStorage too');

  await g.page.evaluate(() => window.SmartCP.acceptAll());
  await g.page.evaluate(() => {
    localStorage.smartlook_debug = '1';
    document.cookie = '_ga=GA1.1.1; path=/; max-age=99999999';
    localStorage.setItem('ssupp_KEY', JSON.stringify({ vid: 'v', visits: 5 }));
  });
  assert.equal(await g.stored('localStorage', 'smartlook_debug'), '1');
  const ga = (await g.cookies())._ga;
  assert.ok(ga, 'the analytics cookie is written once granted');
  const days = (ga.expires * 1000 - Date.now()) / 86400000;
  assert.ok(days <= 395.01, `its lifetime is capped at 395 days, not ${days.toFixed(1)}`);
  assert.equal(await g.stored('localStorage', 'ssupp_KEY'), '{"vid":"v","visits":5}');
  await g.clean();
  await g.close();
});

test('deleting is always allowed: at once for the site\'s own keys, and a tracker\'s once the core decides', async () => {
  const context = await browser.newContext();
  await context.addCookies([{ name: 'SL_C_23361dd035530_SID', value: 'old', domain: '127.0.0.1', path: '/' },
    { name: 'cart', value: 'old', domain: '127.0.0.1', path: '/' }]);
  const g = await guardedPage(browser, url, { holdCore: true, context });
  await g.writeBehind('localStorage', 'own', '1');
  await g.page.evaluate(() => {
    document.cookie = 'cart=; Max-Age=0; path=/';
    document.cookie = 'SL_C_23361dd035530_SID=; Max-Age=0; path=/';
    localStorage.removeItem('own');
    sessionStorage.a = '1';
    delete sessionStorage.a;
  });
  assert.equal((await g.cookies()).cart, undefined);
  assert.equal(await g.stored('localStorage', 'own'), null);
  assert.equal(await g.stored('sessionStorage', 'a'), null);
  await g.release();
  assert.equal((await g.cookies()).SL_C_23361dd035530_SID, undefined);
  await g.clean();
  await context.close();
});

test('held writes are merged per key: 600 writes before the core store the last value once, and nothing is dropped silently', async () => {
  // A returning visitor who accepted: what waits for the core is committed once it decides.
  const first = await guardedPage(browser, url);
  await first.page.evaluate(() => window.SmartCP.acceptAll());
  const g = await guardedPage(browser, url, { holdCore: true, context: first.context });
  const warnings = [];
  g.page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await g.page.evaluate(() => {
    for (let i = 0; i < 600; i++) localStorage.setItem('ssupp_KEYmessage', `draft ${i}`);
    for (let i = 0; i < 600; i++) document.cookie = `ssupp.visits=${i}; path=/`;
  });
  assert.equal((await g.cookies())['ssupp.visits'], undefined, 'held');
  await g.release();
  assert.equal(await g.stored('localStorage', 'ssupp_KEYmessage'), 'draft 599');
  assert.equal((await g.cookies())['ssupp.visits'].value, '599');
  assert.deepEqual(warnings, []);
  await g.clean();
  await first.context.close();
});

test('cookieStore.set is gated like document.cookie, writes what it was given, and cookieStore.delete always passes', async () => {
  const g = await guardedPage(browser, url);
  await g.page.evaluate(() => window.SmartCP.ready);
  await g.page.evaluate(async () => {
    await cookieStore.set('SL_C_23361dd035530_SID', 's1');
    await cookieStore.set({ name: '_ga', value: 'g', expires: Date.now() + 10 * 365 * 86400000 });
    await cookieStore.set('own', 'o');
    await cookieStore.set({ name: 'own2', value: 'o2', path: '/' });  // the options form
  });
  let jar = await g.cookies();
  assert.equal(jar.SL_C_23361dd035530_SID, undefined);
  assert.equal(jar._ga, undefined);
  assert.equal(jar.own.value, 'o');
  assert.equal(jar.own2.value, 'o2', 'the options form writes the cookie it names');
  assert.equal(jar['[object Object]'], undefined);
  assert.deepEqual((await blockedNames(g.page)).map((b) => b.split(':')[1]), ['SL_C_23361dd035530_SID', '_ga']);

  await g.page.evaluate(() => window.SmartCP.setConsent({ analytics: true }));
  await g.page.evaluate(() => cookieStore.set({ name: '_ga', value: 'g', expires: Date.now() + 10 * 365 * 86400000 }));
  jar = await g.cookies();
  assert.ok(jar._ga, 'written once analytics is granted');
  assert.ok((jar._ga.expires * 1000 - Date.now()) / 86400000 <= 395.01, 'with its lifetime capped');
  await g.page.evaluate(() => cookieStore.delete('_ga'));
  assert.equal((await g.cookies())._ga, undefined);
  await g.page.evaluate(() => cookieStore.set({ name: '_ga', value: 'd', expires: new Date(Date.now() + 10 * 365 * 86400000) }));
  jar = await g.cookies();
  assert.ok((jar._ga.expires * 1000 - Date.now()) / 86400000 <= 395.01, 'capped when expires is a Date too');
  await g.clean();
  await g.close();
});

test('same-origin frames: writes from a frame\'s own realm are gated too', async () => {
  const g = await guardedPage(browser, url);
  await g.page.evaluate(() => window.SmartCP.ready);
  await g.page.evaluate(async () => {
    const run = (frame) => new Promise((done) => {
      const doc = frame.contentDocument;
      const script = doc.createElement('script');
      script.src = '/fixtures/frame-writer.js';
      script.onload = done;
      doc.body.append(script);
    });
    const made = document.createElement('iframe');  // like Smartsupp: created, inserted, then written into
    document.body.append(made);
    await run(made);
    document.body.insertAdjacentHTML('beforeend', '<div><iframe id="from-html"></iframe></div>');
    await run(document.getElementById('from-html'));
    // Writing through the frame's own prototypes from the parent.
    const w = made.contentWindow;
    w.Storage.prototype.setItem.call(w.localStorage, 'smartlook_picker', '1');
    w.localStorage.SL_L_23361dd035530_SID = 'p';
  });
  const jar = await g.cookies();
  assert.equal(jar.SL_C_23361dd035530_SID, undefined, 'the analytics cookie from the frame is refused');
  assert.equal(jar['ssupp.vid']?.value, 'frame', 'the functional one goes through');
  for (const key of ['smartlook_debug', 'smartlook_picker', 'SL_L_23361dd035530_SID']) {
    assert.equal(await g.stored('localStorage', key), null, key);
  }
  assert.equal(await g.stored('localStorage', 'ssupp_KEYopened'), 'frame');
  assert.equal((await g.page.evaluate(() => window.SmartCP.blocked().length)), 6);
  await g.clean();
  await g.close();
});

test('keys present before the widget loaded are cleaned when it decides', async () => {
  const context = await browser.newContext();
  await context.addCookies(['SL_C_23361dd035530_SID', 'ssupp.visits', '_ga', 'ssupp.vid', 'session'].map((name) => (
    { name, value: 'before', domain: '127.0.0.1', path: '/' })));
  const plain = await context.newPage();
  await plain.goto(url.replace('guard.html', 'plain.html'));
  await plain.evaluate(() => {
    localStorage.setItem('smartlook_queued_chunks', '[1]');
    localStorage.setItem('ssupp_KEY', '{"vid":"v","visits":9}');
    localStorage.setItem('cart', '[]');
  });
  await plain.close();
  const g = await guardedPage(browser, url, { holdCore: true, context });
  await g.writeBehind('sessionStorage', 'SL_L_23361dd035530_SID', 's');
  await g.release();
  assert.deepEqual(Object.keys(await g.cookies()).sort(), ['session', 'ssupp.vid']);
  assert.deepEqual(await g.keys('localStorage'), { ssupp_KEY: '{"vid":"v"}', cart: '[]' });
  assert.deepEqual(await g.keys('sessionStorage'), {});
  await g.clean();
  await context.close();
});

test('withdrawal deletes what was allowed before', async () => {
  const g = await guardedPage(browser, url);
  await g.page.evaluate(() => window.SmartCP.acceptAll());
  await g.page.evaluate(() => {
    document.cookie = 'SL_C_23361dd035530_SID=s; path=/';
    localStorage.smartlook_debug = '1';
    localStorage.ssupp_KEY = '{"vid":"v","visits":3}';
  });
  assert.ok((await g.cookies()).SL_C_23361dd035530_SID);
  await g.page.evaluate(() => window.SmartCP.rejectAll());
  assert.equal((await g.cookies()).SL_C_23361dd035530_SID, undefined);
  assert.equal(await g.stored('localStorage', 'smartlook_debug'), null);
  assert.equal(await g.stored('localStorage', 'ssupp_KEY'), '{"vid":"v"}');
  await g.clean();
  await g.close();
});

test('a cookie set by the server is caught and deleted', async () => {
  const g = await guardedPage(browser, url);
  await g.page.evaluate(() => window.SmartCP.ready);
  await g.page.route('**/fixtures/track', (route) => route.fulfill({
    status: 200, body: 'ok', headers: { 'set-cookie': 'SL_C_23361dd035530_SID=from-server; Path=/; Max-Age=3600' } }));
  await g.page.evaluate(() => fetch('/fixtures/track'));
  // One read per look: the sweep may delete it between two.
  await eventually(async () => {
    const cookie = (await g.cookies()).SL_C_23361dd035530_SID;
    return cookie === undefined || cookie.value;
  }, 'the server\'s cookie is still there');
  await g.close();
});

test('a write from a second tab without the widget is caught and deleted', async () => {
  const g = await guardedPage(browser, url);
  await g.page.evaluate(() => window.SmartCP.ready);
  const other = await g.context.newPage();
  await other.goto(url.replace('guard.html', 'plain.html'));
  await other.evaluate(() => localStorage.setItem('smartlook_debug', 'tab2'));
  await eventually(async () => (await g.stored('localStorage', 'smartlook_debug')) === null, 'the other tab\'s write is still there');
  await g.close();
});

test('what a srcdoc frame\'s own script writes never stays (guarded, or caught by detection)', async () => {
  const g = await guardedPage(browser, url);
  await g.page.evaluate(() => window.SmartCP.ready);
  await g.page.evaluate(() => {
    document.body.insertAdjacentHTML('beforeend', '<iframe id="srcdoc" srcdoc="<script src=/fixtures/frame-writer.js></script>"></iframe>');
  });
  await eventually(() => g.page.evaluate(() => document.getElementById('srcdoc').contentWindow.frameDone === true), 'the frame ran');
  await eventually(async () => (await g.stored('localStorage', 'smartlook_debug')) === null &&
    (await g.cookies()).SL_C_23361dd035530_SID === undefined, 'the frame\'s analytics writes are still there');
  assert.equal(await g.stored('localStorage', 'ssupp_KEYopened'), 'frame', 'its functional write stays');
  await g.close();
});

test('a cookie set on the page\'s own path (not /) is deleted on that path too', async () => {
  const context = await browser.newContext();
  await context.addCookies([{ name: 'SL_C_23361dd035530_SID', value: 'on-path', domain: '127.0.0.1', path: '/fixtures' },
    { name: '_ga', value: 'on-root', domain: '127.0.0.1', path: '/' }]);
  const g = await guardedPage(browser, url, { context });
  await g.page.evaluate(() => window.SmartCP.ready);
  assert.deepEqual((await context.cookies()).map((c) => `${c.name}@${c.path}`), []);
  await context.close();
});

test('a write that raised no event in the page is found and swept', async () => {
  const g = await guardedPage(browser, url);
  await g.page.evaluate(() => window.SmartCP.ready);
  await g.writeBehind('localStorage', 'smartlook_debug', 'x');
  await eventually(async () => (await g.stored('localStorage', 'smartlook_debug')) === null, 'the write is still there');
  await g.close();
});
