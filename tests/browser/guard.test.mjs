// The storage guard in Chromium, with the real core: for each write path, what storage really holds
// before the core is ready, after reject, after accept and after withdrawal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openFixtures, watch } from './browser.mjs';

const CONFIG = { vendors: { smartsupp: { key: 'KEY' } }, catalog: [{ name: '_ga', kind: 'cookie', category: 'analytics' }] };
let env;
let browser;
let url;

before(async () => {
  env = await openFixtures();
  browser = env.browser;
  url = `${env.base}/fixtures/guard.html`;
});
after(() => env?.close());

async function open() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const watcher = await watch(page);
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]');
  const cookies = async () => Object.fromEntries((await context.cookies()).map((c) => [c.name, c]));
  const stored = (kind, key) => page.evaluate(([k, n]) => window.fixture.stored(k, n), [kind, key]);
  return { context, page, watcher, cookies, stored };
}

test('before the core is ready nothing is written; reads see the held writes; reject drops the optional ones', async () => {
  const { context, page, watcher, cookies, stored } = await open();
  const seen = await page.evaluate(() => {
    document.cookie = 'ssupp.vid=v1; path=/';
    document.cookie = 'SL_C_23361dd035530_SID=s1; path=/';
    localStorage.setItem('smartlook_debug', '1');
    localStorage.ssupp_KEYopened = 'true';
    sessionStorage['SL_L_23361dd035530_SID'] = 'x';
    return { cookie: document.cookie, debug: localStorage.getItem('smartlook_debug'), opened: localStorage.ssupp_KEYopened,
             pending: window.fixture.guard.pending };
  });
  assert.equal(seen.pending, 5);
  assert.match(seen.cookie, /ssupp\.vid=v1/);
  assert.equal(seen.debug, '1');
  assert.equal(seen.opened, 'true');
  assert.deepEqual(Object.keys(await cookies()), []);  // nothing reached the browser yet
  assert.equal(await stored('localStorage', 'smartlook_debug'), null);

  await page.evaluate((config) => window.fixture.ready(config, false, false), CONFIG);
  const jar = await cookies();
  assert.ok(jar['ssupp.vid'], 'the functional cookie is committed');
  assert.equal(jar['SL_C_23361dd035530_SID'], undefined, 'the analytics cookie is dropped');
  assert.equal(await stored('localStorage', 'ssupp_KEYopened'), 'true');
  assert.equal(await stored('localStorage', 'smartlook_debug'), null);
  assert.equal(await stored('sessionStorage', 'SL_L_23361dd035530_SID'), null);
  const blocked = await page.evaluate(() => window.fixture.blocked.map((b) => `${b.kind}:${b.name}:${b.category}`));
  assert.deepEqual(blocked.sort(), ['cookie:SL_C_23361dd035530_SID:analytics', 'localStorage:smartlook_debug:analytics',
    'sessionStorage:SL_L_23361dd035530_SID:analytics']);
  assert.deepEqual(watcher.problems, []);
  await context.close();
});

test('every write path after reject, then after accept', async () => {
  const { context, page, watcher, cookies, stored } = await open();
  await page.evaluate((config) => window.fixture.ready(config, false, false), CONFIG);
  await page.evaluate(() => {
    localStorage.setItem('smartlook_queued_chunks', '[]');
    localStorage.smartlook_debug = '1';
    localStorage['SL_L_23361dd035530_SID'] = 'x';
    sessionStorage.setItem('SL_L_23361dd035530_VID', 'v');
    document.cookie = '_ga=GA1.1.1; path=/; max-age=99999999';
    document.cookie = 'cart=3; path=/';
    localStorage.setItem('ssupp_KEY', JSON.stringify({ vid: 'v', opened: true, visits: 4 }));
  });
  for (const key of ['smartlook_queued_chunks', 'smartlook_debug', 'SL_L_23361dd035530_SID']) {
    assert.equal(await stored('localStorage', key), null, key);
  }
  assert.equal(await stored('sessionStorage', 'SL_L_23361dd035530_VID'), null);
  assert.equal((await cookies())._ga, undefined);
  assert.equal((await cookies()).cart.value, '3', 'the site\'s own cookie goes through');
  assert.equal(await stored('localStorage', 'ssupp_KEY'), '{"vid":"v","opened":true}', 'visits removed without marketing consent');

  await page.evaluate(() => window.fixture.setConsent(true, true));
  await page.evaluate(() => {
    localStorage.smartlook_debug = '1';
    document.cookie = '_ga=GA1.1.1; path=/; max-age=99999999';
    localStorage.setItem('ssupp_KEY', JSON.stringify({ vid: 'v', visits: 5 }));
  });
  assert.equal(await stored('localStorage', 'smartlook_debug'), '1');
  const ga = (await cookies())._ga;
  assert.ok(ga, 'the analytics cookie is written once granted');
  const days = (ga.expires * 1000 - Date.now()) / 86400000;
  assert.ok(days <= 395.01, `its lifetime is capped at 395 days, not ${days.toFixed(1)}`);
  assert.equal(await stored('localStorage', 'ssupp_KEY'), '{"vid":"v","visits":5}');
  assert.deepEqual(watcher.problems, []);
  await context.close();
});

test('deleting is always allowed, even before the core is ready', async () => {
  const { context, page, cookies, stored } = await open();
  await context.addCookies([{ name: 'SL_C_23361dd035530_SID', value: 'old', domain: '127.0.0.1', path: '/' }]);
  await page.evaluate(() => window.fixture.guard.native.setItem('localStorage', 'smartlook_debug', '1'));
  await page.evaluate(() => {
    document.cookie = 'SL_C_23361dd035530_SID=; Max-Age=0; path=/';
    localStorage.removeItem('smartlook_debug');
  });
  assert.equal((await cookies()).SL_C_23361dd035530_SID, undefined);
  assert.equal(await stored('localStorage', 'smartlook_debug'), null);
  await page.evaluate(() => window.fixture.guard.native.setItem('sessionStorage', 'a', '1'));
  await page.evaluate(() => { delete sessionStorage.a; });
  assert.equal(await stored('sessionStorage', 'a'), null);
  await context.close();
});

test('reads are untouched and the page never sees the guard fail', async () => {
  const { context, page, watcher } = await open();
  await page.evaluate((config) => window.fixture.ready(config, true, true), CONFIG);
  const result = await page.evaluate(() => {
    localStorage.setItem('k', 'v');
    const read = [localStorage.getItem('k'), localStorage.k, localStorage.length >= 1, 'k' in localStorage,
      Object.keys(localStorage).includes('k'), Storage.prototype.getItem.call(localStorage, 'k')];
    window.fixture.breakDecide();
    let threw = false;
    try {
      localStorage.setItem('after', '1');
      document.cookie = 'after=1';
      localStorage.x = 'y';
    } catch {
      threw = true;
    }
    return { read, threw, stored: window.fixture.stored('localStorage', 'after'), errors: window.fixture.errors.length };
  });
  assert.deepEqual(result.read, ['v', 'v', true, true, true, 'v']);
  assert.equal(result.threw, false);
  assert.equal(result.stored, null, 'a failing decision fails closed');
  assert.ok(result.errors >= 3);
  assert.deepEqual(watcher.problems, []);
  await context.close();
});

test('the queue before the core is ready is bounded and reports what it drops', async () => {
  const { context, page } = await open();
  const result = await page.evaluate(() => {
    for (let i = 0; i < 60; i++) localStorage.setItem(`k${i}`, String(i));
    return { pending: window.fixture.guard.pending, dropped: window.fixture.blocked.filter((b) => b.reason === 'queue-full').length };
  });
  assert.deepEqual(result, { pending: 50, dropped: 10 });
  await context.close();
});

test('cookieStore.set is gated like document.cookie; cookieStore.delete always passes', async () => {
  const { context, page, cookies } = await open();
  await page.evaluate((config) => window.fixture.ready(config, false, false), CONFIG);
  await page.evaluate(async () => {
    await cookieStore.set('SL_C_23361dd035530_SID', 's1');
    await cookieStore.set({ name: '_ga', value: 'g', expires: Date.now() + 10 * 365 * 86400000 });
    await cookieStore.set('own', 'o');
  });
  let jar = await cookies();
  assert.equal(jar.SL_C_23361dd035530_SID, undefined);
  assert.equal(jar._ga, undefined);
  assert.equal(jar.own.value, 'o');
  const blocked = await page.evaluate(() => window.fixture.blocked.map((b) => b.name));
  assert.deepEqual(blocked, ['SL_C_23361dd035530_SID', '_ga']);

  await page.evaluate(() => window.fixture.setConsent(true, false));
  await page.evaluate(() => cookieStore.set({ name: '_ga', value: 'g', expires: Date.now() + 10 * 365 * 86400000 }));
  jar = await cookies();
  assert.ok(jar._ga, 'written once analytics is granted');
  assert.ok((jar._ga.expires * 1000 - Date.now()) / 86400000 <= 395.01, 'with its lifetime capped');
  await page.evaluate(() => cookieStore.delete('_ga'));
  assert.equal((await cookies())._ga, undefined);
  await page.evaluate(() => cookieStore.set({ name: '_ga', value: 'd', expires: new Date(Date.now() + 10 * 365 * 86400000) }));
  jar = await cookies();
  assert.ok((jar._ga.expires * 1000 - Date.now()) / 86400000 <= 395.01, 'capped when expires is a Date too');
  await context.close();
});

test('same-origin frames: writes from a frame\'s own realm are gated too', async () => {
  const { context, page, watcher, cookies, stored } = await open();
  await page.evaluate((config) => window.fixture.ready(config, false, false), CONFIG);
  await page.evaluate(async () => {
    const run = (frame) => new Promise((done) => {
      const doc = frame.contentDocument;  // the page reaches into the frame: guarded from here on
      const script = doc.createElement('script');
      script.src = '/fixtures/frame-writer.js';
      script.onload = done;
      doc.body.append(script);
    });
    const made = document.createElement('iframe');  // like Smartsupp: created, inserted, then written into
    document.body.append(made);
    await run(made);
    document.body.insertAdjacentHTML('beforeend', '<div><iframe id="from-html"></iframe></div>');  // innerHTML
    await run(document.getElementById('from-html'));
    // Writing through the frame's own prototypes from the parent.
    const w = made.contentWindow;
    w.Storage.prototype.setItem.call(w.localStorage, 'smartlook_picker', '1');
    w.localStorage.SL_L_23361dd035530_SID = 'p';
  });
  const jar = await cookies();
  assert.equal(jar.SL_C_23361dd035530_SID, undefined, 'the analytics cookie from the frame is refused');
  assert.equal(jar['ssupp.vid']?.value, 'frame', 'the functional one goes through');
  for (const key of ['smartlook_debug', 'smartlook_picker', 'SL_L_23361dd035530_SID']) {
    assert.equal(await stored('localStorage', key), null, key);
  }
  assert.equal(await stored('localStorage', 'ssupp_KEYopened'), 'frame');
  const blocked = await page.evaluate(() => window.fixture.blocked.length);
  assert.equal(blocked, 6);  // 2 refused writes by each frame's script, 2 by the parent through a frame
  assert.ok((await page.evaluate(() => window.fixture.guard.windows)) >= 3);
  assert.deepEqual(watcher.problems, []);
  await context.close();
});

// Polls until `check` holds (events are asynchronous), or fails with the last value.
async function eventually(check, what, timeout = 3000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await check();
    if (last === true) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`${what}: ${JSON.stringify(last)}`);
}

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
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]');
  // sessionStorage belongs to one tab: this one's is filled behind the guard's back.
  await page.evaluate(() => window.fixture.guard.native.setItem('sessionStorage', 'SL_L_23361dd035530_SID', 's'));
  await page.evaluate((config) => window.fixture.ready(config, false, false), CONFIG);
  const jar = Object.fromEntries((await context.cookies()).map((c) => [c.name, c.value]));
  assert.deepEqual(Object.keys(jar).sort(), ['session', 'ssupp.vid']);
  const held = await page.evaluate(() => ({ ...localStorage }));
  assert.deepEqual(held, { ssupp_KEY: '{"vid":"v"}', cart: '[]' });
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  const cleaned = await page.evaluate(() => window.fixture.cleaned.map((c) => `${c.action}:${c.name}`).sort());
  assert.deepEqual(cleaned, ['delete:SL_C_23361dd035530_SID', 'delete:SL_L_23361dd035530_SID', 'delete:_ga',
    'delete:smartlook_queued_chunks', 'delete:ssupp.visits', 'set:ssupp_KEY']);
  await context.close();
});

test('withdrawal deletes what was allowed before', async () => {
  const { context, page, cookies, stored } = await open();
  await page.evaluate((config) => window.fixture.ready(config, true, true), CONFIG);
  await page.evaluate(() => {
    document.cookie = 'SL_C_23361dd035530_SID=s; path=/';
    localStorage.smartlook_debug = '1';
    localStorage.ssupp_KEY = '{"vid":"v","visits":3}';
  });
  assert.ok((await cookies()).SL_C_23361dd035530_SID);
  await page.evaluate(() => window.fixture.setConsent(false, false));
  assert.equal((await cookies()).SL_C_23361dd035530_SID, undefined);
  assert.equal(await stored('localStorage', 'smartlook_debug'), null);
  assert.equal(await stored('localStorage', 'ssupp_KEY'), '{"vid":"v"}');
  await context.close();
});

test('a cookie set by the server is caught and deleted', async () => {
  const { context, page, cookies } = await open();
  await page.evaluate((config) => window.fixture.ready(config, false, false), CONFIG);
  await page.route('**/fixtures/track', (route) => route.fulfill({
    status: 200, body: 'ok', headers: { 'set-cookie': 'SL_C_23361dd035530_SID=from-server; Path=/; Max-Age=3600' } }));
  await page.evaluate(() => fetch('/fixtures/track'));
  await eventually(async () => (await cookies()).SL_C_23361dd035530_SID === undefined || (await cookies()).SL_C_23361dd035530_SID.value,
    'the server\'s cookie is still there');
  await context.close();
});

test('a write from a second tab without the widget is caught and deleted', async () => {
  const { context, page, stored } = await open();
  await page.evaluate((config) => window.fixture.ready(config, false, false), CONFIG);
  const other = await context.newPage();
  await other.goto(url.replace('guard.html', 'plain.html'));
  await other.evaluate(() => localStorage.setItem('smartlook_debug', 'tab2'));
  await eventually(async () => (await stored('localStorage', 'smartlook_debug')) === null, 'the other tab\'s write is still there');
  await context.close();
});

test('what a srcdoc frame\'s own script writes never stays (guarded, or caught by detection)', async () => {
  const { context, page, cookies, stored } = await open();
  await page.evaluate((config) => window.fixture.ready(config, false, false), CONFIG);
  await page.evaluate(() => {
    document.body.insertAdjacentHTML('beforeend', '<iframe id="srcdoc" srcdoc="<script src=/fixtures/frame-writer.js></script>"></iframe>');
  });
  await eventually(() => page.evaluate(() => document.getElementById('srcdoc').contentWindow.frameDone === true), 'the frame ran');
  await eventually(async () => (await stored('localStorage', 'smartlook_debug')) === null &&
    (await cookies()).SL_C_23361dd035530_SID === undefined, 'the frame\'s analytics writes are still there');
  assert.equal(await stored('localStorage', 'ssupp_KEYopened'), 'frame', 'its functional write stays');
  await context.close();
});

test('a cookie set on the page\'s own path (not /) is deleted on that path too', async () => {
  const context = await browser.newContext();
  await context.addCookies([{ name: 'SL_C_23361dd035530_SID', value: 'on-path', domain: '127.0.0.1', path: '/fixtures' },
    { name: '_ga', value: 'on-root', domain: '127.0.0.1', path: '/' }]);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]');
  await page.evaluate((config) => window.fixture.ready(config, false, false), CONFIG);
  assert.deepEqual((await context.cookies()).map((c) => `${c.name}@${c.path}`), []);
  await context.close();
});

test('returning to the page sweeps what was written while it was hidden', async () => {
  const { context, page, stored } = await open();
  await page.evaluate((config) => window.fixture.ready(config, false, false), CONFIG);
  // Written behind the guard's back, with no event to tell (as by a page of another browser profile).
  await page.evaluate(() => window.fixture.guard.native.setItem('localStorage', 'smartlook_debug', 'x'));
  assert.equal(await stored('localStorage', 'smartlook_debug'), 'x');
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  assert.equal(await stored('localStorage', 'smartlook_debug'), null);
  await context.close();
});
