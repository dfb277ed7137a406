// Auto-blocking: the vendors' snippets pasted exactly as their pages give them (fixtures/autoblock.html:
// GA4, the Meta Pixel with its noscript pixel, Hotjar, Clarity, TikTok, Smartlook's own, the Smartsupp
// chat). Stand-ins for their scripts are served at the real URLs; each records that it ran, sets its
// cookie and sends what the real one sends. Every request to a vendor host is recorded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openFixtures, watch } from './browser.mjs';

let env;
let browser;
let url;

before(async () => {
  env = await openFixtures({ csp: false });  // the snippets are inline scripts, as pasted
  browser = env.browser;
  url = `${env.base}/fixtures/autoblock.html`;
});
after(() => env?.close());

// What each vendor's script does when it runs: [name, cookie, collection URL, how it is sent].
const VENDORS = {
  'www.googletagmanager.com/gtag/js': ['ga4', '_ga=GA1.1.1.1', 'https://region1.google-analytics.com/g/collect?v=2&tid=G-TEST123', 'beacon'],
  'connect.facebook.net/en_US/fbevents.js': ['meta', '_fbp=fb.1.1.1', 'https://www.facebook.com/tr/?id=123456789012345&ev=PageView', 'image'],
  'static.hotjar.com/c/hotjar-1234567.js': ['hotjar', '_hjSessionUser_1234567=x', 'https://in.hotjar.com/api/v2/client/sites/1234567/visit-data', 'fetch'],
  'www.clarity.ms/tag/abcdefghij': ['clarity', '_clck=x', 'https://k.clarity.ms/collect', 'xhr'],
  'analytics.tiktok.com/i18n/pixel/events.js': ['tiktok', '_ttp=x', 'https://analytics.tiktok.com/api/v2/pixel', 'fetch'],
  'web-sdk.smartlook.com/recorder.js': ['smartlook', 'SL_C_0123456789abcdef0123456789abcdef01234567_SID=x', 'https://manager.smartlook.com/rec/check', 'fetch'],
  'www.smartsuppchat.com/loader.js': ['chat', null, null, null],
};
const SENDERS = {
  beacon: (u) => `navigator.sendBeacon(${JSON.stringify(u)}, 'x');`,
  image: (u) => `new Image().src = ${JSON.stringify(u)};`,
  fetch: (u) => `fetch(${JSON.stringify(u)}, { method: 'POST', mode: 'no-cors', body: 'x' }).catch(() => {});`,
  xhr: (u) => `{ const x = new XMLHttpRequest(); x.open('POST', ${JSON.stringify(u)}); x.send('x'); }`,
};
const standIn = ([name, cookie, collect, how]) => `(() => {
  (window.__ran = window.__ran || []).push(${JSON.stringify(name)});
  ${cookie ? `document.cookie = ${JSON.stringify(`${cookie}; path=/`)};` : ''}
  ${name === 'meta' ? 'window.__fbqQueue = (window.fbq.queue || []).map((a) => Array.from(a).join(" ")); window.fbq.callMethod = (...a) => window.__fbqQueue.push(a.join(" "));' : ''}
  ${collect ? SENDERS[how](collect) : ''}
  ${collect ? `window.__beat = setInterval(() => { ${SENDERS[how](collect)} }, 150);` : ''}
})();`;

const VENDOR_HOST = /(googletagmanager|google-analytics|facebook|hotjar|clarity|tiktok|smartlook|smartsuppchat)\./;

async function open(context, page = null, pageUrl = url) {
  const p = page ?? await context.newPage();
  const requests = [];
  p.on('request', (r) => { if (VENDOR_HOST.test(new URL(r.url()).hostname)) requests.push({ url: r.url(), at: Date.now() }); });
  const watcher = await watch(p);
  await p.goto(pageUrl);
  await p.evaluate(() => window.SmartCP.ready);
  return { page: p, requests, watcher };
}

async function newContext() {
  const context = await browser.newContext();
  await context.route(VENDOR_HOST, (route) => {
    const u = new URL(route.request().url());
    const key = Object.keys(VENDORS).find((k) => `${u.hostname}${u.pathname}`.startsWith(k));
    if (key) return route.fulfill({ contentType: 'text/javascript', body: standIn(VENDORS[key]) });
    return route.fulfill({ status: 204, body: '' });  // a collection endpoint
  });
  return context;
}

const ran = (page) => page.evaluate(() => window.__ran ?? []);
const settle = (ms = 800) => new Promise((r) => setTimeout(r, ms));
const collections = (requests) => requests.filter((r) => !Object.keys(VENDORS).some((k) => r.url.includes(k)));

test('before a choice and after reject, no tracker runs or is contacted; the chat loads', async () => {
  const context = await newContext();
  const { page, requests, watcher } = await open(context);
  await settle();
  assert.deepEqual(await ran(page), ['chat']);
  // The one request no script can stop: Chromium's preload scanner fetches a <script src> written in the
  // HTML before any script runs. The file arrives and never runs.
  const gtag = requests.filter((r) => r.url.includes('googletagmanager.com/gtag/js'));
  assert.ok(gtag.length <= 1);
  assert.deepEqual(requests.filter((r) => !r.url.includes('googletagmanager.com/gtag/js') && !r.url.includes('smartsuppchat')).map((r) => r.url), []);
  const held = await page.evaluate(() => window.SmartCP.blocked().filter((b) => b.kind === 'script').map((b) => b.platform).sort());
  assert.deepEqual(held, ['Facebook', 'Google Analytics', 'Hotjar', 'Microsoft Clarity', 'Smartlook', 'TikTok']);
  await page.evaluate(() => window.SmartCP.rejectAll());
  await settle();
  assert.deepEqual(await ran(page), ['chat']);
  assert.deepEqual(collections(requests).map((r) => r.url), []);
  assert.deepEqual((await context.cookies()).map((c) => c.name).filter((n) => n !== 'smartcp_consent' && !n.startsWith('ssupp')), []);
  assert.ok(!watcher.problems.some((p) => p.startsWith('pageerror')), watcher.problems.join('\n'));
  await context.close();
});

test('accept runs each held script exactly once, and their requests go out; a returning visitor loads them at once', async () => {
  const context = await newContext();
  const { page, requests } = await open(context);
  await page.evaluate(() => window.SmartCP.acceptAll());
  await settle();
  const names = (await ran(page)).sort();
  assert.deepEqual(names, ['chat', 'clarity', 'ga4', 'hotjar', 'meta', 'smartlook', 'tiktok']);
  const sent = collections(requests).map((r) => new URL(r.url).hostname);
  for (const host of ['region1.google-analytics.com', 'www.facebook.com', 'in.hotjar.com', 'k.clarity.ms', 'analytics.tiktok.com', 'manager.smartlook.com']) {
    assert.ok(sent.includes(host), `${host} was contacted`);
  }
  const jar = (await context.cookies()).map((c) => c.name);
  for (const name of ['_ga', '_fbp', '_clck', '_ttp']) assert.ok(jar.includes(name), name);
  await page.close();
  // The next page: everything runs as the page loads, without waiting for a click.
  const next = await open(context);
  await settle(300);
  assert.deepEqual((await ran(next.page)).sort(), names);
  await context.close();
});

test('withdrawal stops every new request at once', async () => {
  const context = await newContext();
  const { page, requests } = await open(context);
  await page.evaluate(() => window.SmartCP.acceptAll());
  await settle(600);
  assert.ok(collections(requests).length > 6, 'the stand-ins send repeatedly');
  // As soon as rejectAll() has settled, the same task sends once more every way the stand-ins send: none
  // of it may leave. Then no beat may leave either; a request is seen here a little after the page sends
  // it (more on a loaded machine), so those sent just before get a grace of 400 ms, against beats every 150.
  const again = Object.values(VENDORS).filter(([, , collect]) => collect)
    .map(([, , collect, how]) => SENDERS[how](`${collect}${collect.includes('?') ? '&' : '?'}sent=after-withdrawal`)).join('\n');
  const withdrawn = await page.evaluate(async (code) => {
    await window.SmartCP.rejectAll();
    (0, eval)(code);
    return Date.now();
  }, again);
  await settle(1200);
  assert.deepEqual(requests.filter((r) => r.url.includes('sent=after-withdrawal')).map((r) => r.url), []);
  assert.deepEqual(collections(requests).filter((r) => r.at > withdrawn + 400).map((r) => r.url), []);
  const blockedRequests = await page.evaluate(() => window.SmartCP.blocked().filter((b) => b.kind === 'request').length);
  assert.ok(blockedRequests > 0, 'the refused requests are listed');
  await context.close();
});

test('consentMode "advanced" lets Google\'s tags load with the default signals; the others stay held', async () => {
  const context = await newContext();
  const page = await context.newPage();
  await page.route(url, async (route) => {
    const html = (await (await route.fetch()).text()).replace('"reopenButton": "none",', '"reopenButton": "none", "consentMode": "advanced",');
    await route.fulfill({ contentType: 'text/html', body: html });
  });
  await open(context, page);
  await settle();
  assert.deepEqual((await ran(page)).sort(), ['chat', 'ga4']);
  const defaults = await page.evaluate(() => window.dataLayer.find((a) => a[0] === 'consent' && a[1] === 'default')?.[2]);
  assert.equal(defaults.analytics_storage, 'denied');
  assert.equal(defaults.ad_storage, 'denied');
  assert.deepEqual((await context.cookies()).map((c) => c.name).filter((n) => n.startsWith('_ga')), [], 'no cookie without consent');
  await context.close();
});

test('a platform the owner allows to load gets its own consent signal before its first event, and on every change', async () => {
  const context = await newContext();
  const page = await context.newPage();
  await page.route(url, async (route) => {
    const html = (await (await route.fetch()).text()).replace('"reopenButton": "none",', '"reopenButton": "none", "hosts": {"connect.facebook.net": false},');
    await route.fulfill({ contentType: 'text/html', body: html });
  });
  await open(context, page);
  await settle();
  assert.ok((await ran(page)).includes('meta'));
  const queue = await page.evaluate(() => window.__fbqQueue);
  assert.equal(queue[0], 'consent revoke', `the first call: ${JSON.stringify(queue)}`);
  await page.evaluate(() => window.SmartCP.acceptAll());
  assert.ok((await page.evaluate(() => window.__fbqQueue)).includes('consent grant'));
  await page.evaluate(() => window.SmartCP.rejectAll());
  assert.equal((await page.evaluate(() => window.__fbqQueue)).at(-1), 'consent revoke');
  await context.close();
});

test('scripts inserted every way wait; one the page removes before consent never runs', async () => {
  const context = await newContext();
  const { page } = await open(context, null, `${env.base}/fixtures/plain.html`.replace('plain', 'guard'));
  await page.evaluate(() => {
    const src = (n) => `https://connect.facebook.net/en_US/fbevents.js?way=${n}`;
    const el = (n) => Object.assign(document.createElement('script'), { src: src(n) });
    document.head.appendChild(el('append'));
    document.body.insertBefore(el('before'), document.body.firstChild);
    document.body.append(el('append2'));
    document.body.prepend(el('prepend'));
    const d = document.createElement('div');
    document.body.append(d);
    d.innerHTML = `<img src="https://www.facebook.com/tr?id=1&ev=html">`;
    window.fbq = Object.assign(() => {}, { queue: [] });
    const removed = el('removed');
    document.body.append(removed);
    removed.remove();
  });
  await settle(400);
  assert.deepEqual(await ran(page), []);
  await page.evaluate(() => window.SmartCP.acceptAll());
  await settle(600);
  assert.equal((await ran(page)).filter((n) => n === 'meta').length, 4, 'four scripts, each once; the removed one never');
  await context.close();
});

test('under Trusted Types: trusted HTML with a tracker tag in it is held and stays trusted; SmartCP\'s policy is its own', async () => {
  const context = await newContext();
  const page = await context.newPage();
  const guard = `${env.base}/fixtures/guard.html`;
  await page.route(guard, async (route) => route.fulfill({
    response: await route.fetch(),
    headers: { 'content-security-policy': "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; require-trusted-types-for 'script'; trusted-types smartcp page" },
  }));
  const { watcher } = await open(context, page, guard);
  const r = await page.evaluate(() => {
    const policy = trustedTypes.createPolicy('page', { createHTML: (s) => s });
    const d = document.createElement('div');
    document.body.append(d);
    d.innerHTML = policy.createHTML('<p>news</p><img src="https://www.facebook.com/tr?id=1&ev=PageView">');
    let plain = 'no error';
    try {
      d.innerHTML = '<b>a plain string</b>';
    } catch (e) {
      plain = e.name;
    }
    return { held: d.querySelector('img')?.hasAttribute('data-smartcp-held') ?? 'replaced', text: d.textContent, plain,
      leaked: typeof window[Symbol.for('smartcp.trustedTypes')] };
  });
  assert.equal(r.plain, 'TypeError', 'a plain string is refused, as without SmartCP');
  assert.equal(r.leaked, 'undefined');
  assert.equal(r.held, true, 'the pixel in trusted HTML is held');
  assert.equal(r.text, 'news');
  await page.evaluate(() => window.SmartCP.acceptAll());
  assert.ok(!watcher.problems.some((p) => p.startsWith('pageerror')), watcher.problems.join('\n'));
  assert.deepEqual((await watcher.cspViolations()).filter((v) => !v.includes('trusted-types-sink')), []);
  await context.close();
});
