// Cause 3 of the guard's attacks: same-origin realms. A new frame or popup has pristine built-ins (its own
// Document, Storage, CookieStore); a tracker that reaches one before the guard does writes through them, or
// borrows their natives and applies them to the top window. Each route below is tried as a tracker would:
// at once, in the task that made the realm, reading back what it wrote through the same natives. The
// browser's storage is then read from outside the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openFixtures } from './browser.mjs';
import { guardedPage, eventually } from './guarded.mjs';

let env;
let browser;
let url;

before(async () => {
  env = await openFixtures({ csp: false });  // <object>, <embed> and inline frame scripts load
  browser = env.browser;
  url = `${env.base}/fixtures/guard.html`;
});
after(() => env?.close());

// Runs in the page: every write path of realm `w`, its natives borrowed against `top` too. Returns what
// threw and what the tracker could read back at once through the same natives ("seen").
const ATTACK = (w, top, tag) => {
  const errors = [];
  const k = (s) => `_ga_${tag}${s}`;
  const attempt = (what, fn) => {
    try {
      fn();
    } catch (e) {
      errors.push(`${what}: ${e.name} ${e.message}`);
    }
  };
  const storageOf = (target) => Object.getOwnPropertyDescriptor(w, 'localStorage').get.call(target);
  const cookieOf = Object.getOwnPropertyDescriptor(w.Document.prototype, 'cookie');
  attempt('setItem', () => w.localStorage.setItem(k('L'), '1'));
  attempt('property', () => { w.localStorage[k('P')] = '1'; });
  attempt('sessionStorage', () => w.sessionStorage.setItem(k('S'), '1'));
  attempt('cookie', () => { w.document.cookie = `${k('C')}=1; path=/`; });
  attempt('borrowed storage getter', () => w.Storage.prototype.setItem.call(storageOf(top), k('B'), '1'));
  attempt('borrowed cookie setter', () => cookieOf.set.call(top.document, `${k('D')}=1; path=/`));
  attempt('cookieStore', () => w.cookieStore?.set(k('K'), '1').catch(() => {}));
  attempt('site key', () => w.localStorage.setItem(`cart_${tag}`, 'x'));
  const seen = [];
  attempt('read back', () => {
    const get = w.Storage.prototype.getItem;
    const area = storageOf(top);
    for (const s of ['L', 'P', 'B']) if (get.call(area, k(s)) !== null) seen.push(s);
    if (get.call(w.sessionStorage, k('S')) !== null) seen.push('S');
    const jar = cookieOf.get.call(top.document);
    for (const s of ['C', 'D']) if (jar.includes(k(s))) seen.push(s);
    if (get.call(area, `cart_${tag}`) !== 'x') seen.push('the site key is missing');
  });
  return { errors, seen };
};

// Every route to a new realm that returns it in the same task. Runs in the page.
const ROUTES = () => {
  const attack = window.__attack;
  const results = {};
  const run = (tag, make) => {
    try {
      const w = make();
      results[tag] = w ? attack(w, window, tag) : 'no window';
    } catch (e) {
      results[tag] = `route threw ${e.name}: ${e.message}`;
    }
  };
  const frame = () => document.createElement('iframe');
  run('frames', () => { document.body.appendChild(frame()); return frames[frames.length - 1]; });
  run('index', () => { document.body.append(frame()); return window[window.length - 1]; });
  run('named', () => { const f = frame(); f.name = 'named3'; document.body.prepend(f); return window.named3; });
  run('innerHTML', () => { const d = document.createElement('div'); document.body.append(d); d.innerHTML = '<iframe name="ih"></iframe>'; return window.ih; });
  run('adjacent', () => { document.body.insertAdjacentHTML('beforeend', '<iframe name="adj"></iframe>'); return window.adj; });
  run('outerHTML', () => { const d = document.createElement('p'); document.body.append(d); d.outerHTML = '<iframe name="oh"></iframe>'; return window.oh; });
  run('parser', () => {
    const doc = new DOMParser().parseFromString('<iframe name="dp"></iframe>', 'text/html');
    document.body.appendChild(document.adoptNode(doc.body.firstChild));
    return window.dp;
  });
  run('template', () => {
    const t = document.createElement('template');
    t.innerHTML = '<iframe name="tp"></iframe>';
    document.body.appendChild(t.content.cloneNode(true));
    return window.tp;
  });
  run('range', () => {
    const r = document.createRange();
    r.selectNodeContents(document.body);
    document.body.appendChild(r.createContextualFragment('<iframe name="rg"></iframe>'));
    return window.rg;
  });
  run('execCommand', () => {
    const d = document.createElement('div');
    d.contentEditable = 'true';
    document.body.append(d);
    d.focus();
    document.execCommand('insertHTML', false, '<iframe name="ec"></iframe>');
    return window.ec ?? d.querySelector('iframe')?.contentWindow;
  });
  run('nested', () => {
    const f = frame();
    document.body.append(f);
    const inner = f.contentDocument.createElement('iframe');
    f.contentDocument.body.appendChild(inner);
    return f.contentWindow[0];
  });
  run('open shadow', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const f = frame();
    host.attachShadow({ mode: 'open' }).appendChild(f);
    return f.contentWindow;
  });
  run('closed shadow', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'closed' });
    root.innerHTML = '<iframe></iframe>';
    return root.querySelector('iframe').contentWindow;
  });
  run('popup', () => {
    const w = window.open('about:blank', '_blank', 'popup');
    window.__popup = w;
    return w;
  });
  run('write', () => {
    const f = frame();
    document.body.append(f);
    f.contentDocument.open();
    f.contentDocument.write(`<script>parent.__written = (${window.__attackSource})(window, parent, 'write')<\/script>`);
    f.contentDocument.close();
    return null;
  });
  results.write = window.__written ?? 'the written script did not run';
  return results;
};

const GA = (entries) => Object.keys(entries).filter((k) => k.startsWith('_ga_'));

async function prepare(g) {
  await g.page.evaluate(() => window.SmartCP.ready);
  await g.page.evaluate((src) => {
    window.__attackSource = src;
    window.__attack = (0, eval)(`(${src})`);
  }, ATTACK.toString());
}

test('cause 3: every route to a new same-origin realm returns it guarded, in the same task', async () => {
  const g = await guardedPage(browser, url);
  await prepare(g);
  const results = await g.page.evaluate(ROUTES);
  const failed = {};
  for (const [tag, r] of Object.entries(results)) {
    if (typeof r === 'string') failed[tag] = r;
    else if (r.errors.length || r.seen.length) failed[tag] = r;
  }
  assert.deepEqual(failed, {}, 'each route: nothing thrown into the page, nothing to read back');
  assert.deepEqual(GA(await g.keys('localStorage')), []);
  assert.deepEqual(GA(await g.keys('sessionStorage')), []);
  assert.deepEqual(GA(await g.cookies()), []);
  for (const tag of Object.keys(results)) assert.equal(await g.stored('localStorage', `cart_${tag}`), 'x', `the site's own write through ${tag}`);
  // The refusals were the guard's, not a later sweep's: each is reported as blocked.
  const blocked = new Set(await g.page.evaluate(() => window.SmartCP.blocked().map((b) => b.name)));
  for (const tag of Object.keys(results)) assert.ok(blocked.has(`_ga_${tag}B`), `${tag}: the borrowed write was refused by the guard`);
  await g.clean();
  await g.close();
});

test('cause 3: frames the parser inserts, deep in a page of thousands of elements, are guarded before its next script', async () => {
  // Each parsed element is looked at once, by its tag; a frame anywhere in the tree is reached as window[i]
  // besides. The page's script attacks them at once, before the core is even there.
  const filler = '<div class="card"><h3>Item</h3><p>Text <a href="#x">a link</a> and <span>more</span>.</p></div>\n'.repeat(600);
  const attack = (tag, expression) => `${tag}: (${ATTACK})(${expression}, window, '${tag}')`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
    <script src="/smartcp/smartcp.js"></script></head><body>${filler}
    <div><section><table><tr><td><article><iframe name="deep"></iframe></article></td></tr></table></section></div>${filler}
    <p><iframe></iframe></p>
    <script>window.__results = { ${attack('deep', 'window.deep')}, ${attack('indexed', 'window[window.length - 1]')},
      ${attack('element', "document.querySelector('p > iframe').contentWindow")} };</script></body></html>`;
  const context = await browser.newContext();
  const page = `${env.base}/fixtures/parsed-frames.html`;
  await context.route(page, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  const g = await guardedPage(browser, page, { context });
  await g.page.evaluate(() => window.SmartCP.ready);
  const results = await g.page.evaluate(() => window.__results);
  assert.deepEqual(Object.keys(results), ['deep', 'indexed', 'element']);
  for (const [tag, r] of Object.entries(results)) {
    assert.deepEqual(r, { errors: [], seen: [] }, `${tag}: nothing thrown into the page, nothing to read back`);
    assert.equal(await g.stored('localStorage', `cart_${tag}`), 'x', `the site's own write through ${tag}`);
  }
  assert.deepEqual(GA(await g.keys('localStorage')), []);
  assert.deepEqual(GA(await g.keys('sessionStorage')), []);
  assert.deepEqual(GA(await g.cookies()), []);
  await g.clean();
  await context.close();
});

test('cause 3: a frame in the closed shadow root of a host connected later is guarded, whatever reaches it', async () => {
  const g = await guardedPage(browser, url);
  await prepare(g);
  const before = g.page.frames().length;
  await g.page.evaluate(() => {
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'closed' });
    const inner = document.createElement('div');
    inner.append(document.createElement('iframe'));
    root.append(inner);  // no window yet: the host is not in the document
    const wrapper = document.createElement('section');
    wrapper.append(host);
    document.body.append(wrapper);  // now it has one, and no getter of the page was asked for it
  });
  const frames = g.page.frames();
  assert.equal(frames.length, before + 1, 'the frame got its window');
  // The frame's own script, as a tracker's would run there: the page's hooks are never involved.
  const wrote = await frames[frames.length - 1].evaluate(() => {
    try {
      localStorage.setItem('_ga_shadowlate', '1');
      document.cookie = '_ga_shadowlateC=1; path=/';
    } catch (e) {
      return `threw ${e.name}`;
    }
    return [localStorage.getItem('_ga_shadowlate'), document.cookie.includes('_ga_shadowlateC')];
  });
  assert.deepEqual(wrote, [null, false], 'refused in the frame\'s own realm');
  assert.deepEqual(GA(await g.keys('localStorage')), []);
  assert.deepEqual(GA(await g.cookies()), []);
  await g.clean();
  await g.close();
});

test('cause 3: a frame that navigates gets a new realm, guarded before the page\'s load handler sees it', async () => {
  const g = await guardedPage(browser, url);
  await prepare(g);
  const results = await g.page.evaluate(async (plain) => {
    const loaded = (el, attach) => new Promise((resolve) => {
      el.addEventListener('load', () => resolve(), { once: true });
      attach(el);
    });
    const out = {};
    // A frame loaded twice: about:blank, then a page of the site without the widget, then another.
    const f = document.createElement('iframe');
    document.body.append(f);
    await loaded(f, (el) => { el.src = plain; });
    out.second = window.__attack(f.contentWindow, window, 'nav2');
    await loaded(f, (el) => { el.contentWindow.location.href = `${plain}?again`; });
    out.third = window.__attack(window[window.length - 1], window, 'nav3');
    const o = document.createElement('object');
    o.type = 'text/html';
    await loaded(o, (el) => { el.data = plain; document.body.append(el); });
    out.object = window.__attack(o.contentWindow, window, 'obj');
    const s = document.createElement('iframe');
    await loaded(s, (el) => { el.srcdoc = '<p>srcdoc</p>'; document.body.append(el); });
    out.srcdoc = window.__attack(s.contentWindow, window, 'srcdoc');
    return out;
  }, `${env.base}/fixtures/plain.html`);
  for (const [tag, r] of Object.entries(results)) assert.deepEqual(r, { errors: [], seen: [] }, tag);
  assert.deepEqual(GA(await g.keys('localStorage')), []);
  assert.deepEqual(GA(await g.cookies()), []);
  await g.clean();
  await g.close();
});

test('cause 3: a realm reached before its load event (a tracker that polls) leaves nothing that stays', async () => {
  const g = await guardedPage(browser, url);
  await prepare(g);
  const results = await g.page.evaluate(async (plain) => {
    const out = {};
    const poll = (done) => new Promise((resolve) => {
      const tick = () => { const r = done(); if (r) resolve(r); else setTimeout(tick, 0); };
      tick();
    });
    const f = document.createElement('iframe');
    document.body.append(f);
    const first = f.contentWindow.document;
    f.src = `${plain}?slow`;
    // window[i] is the one route no script can hook: the new realm is reached the moment it exists.
    out.polled = await poll(() => {
      const w = window[window.length - 1];
      try {
        return w.document !== first && w.document.readyState !== 'complete' ? window.__attack(w, window, 'poll') : null;
      } catch {
        return null;
      }
    });
    const e = document.createElement('embed');
    e.type = 'text/html';
    e.src = plain;
    window.__embedLoaded = new Promise((resolve) => e.addEventListener('load', resolve, { once: true }));
    document.body.append(e);
    out.embed = await poll(() => {
      const w = window[window.length - 1];
      try {
        return w.location.pathname.endsWith('plain.html') ? window.__attack(w, window, 'emb') : null;
      } catch {
        return null;
      }
    });
    return out;
  }, `${env.base}/fixtures/plain.html`);
  for (const [tag, r] of Object.entries(results)) assert.deepEqual(r.errors, [], tag);
  // What such a realm wrote is found (its events, or the periodic look) and deleted.
  await eventually(async () => {
    const left = [...GA(await g.keys('localStorage')), ...GA(await g.keys('sessionStorage')), ...GA(await g.cookies())];
    return left.length === 0 || left;
  }, 'still stored', 6000);
  // And once it has loaded, the realm is guarded.
  const later = await g.page.evaluate(async () => {
    await window.__embedLoaded;
    return window.__attack(window[window.length - 1], window, 'later');
  });
  assert.deepEqual(later, { errors: [], seen: [] });
  await g.clean();
  await g.close();
});

test('cause 3: a popup is guarded before window.open returns it, and its sessionStorage too', async () => {
  const g = await guardedPage(browser, url);
  await prepare(g);
  const popupOpened = g.context.waitForEvent('page');
  const r = await g.page.evaluate(() => {
    const w = window.open('about:blank', '_blank', 'popup');
    return window.__attack(w, window, 'pop');
  });
  const popup = await popupOpened;
  assert.deepEqual(r, { errors: [], seen: [] });
  const inPopup = await popup.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('_ga_')));
  assert.deepEqual(inPopup, []);
  assert.deepEqual(GA(await g.keys('localStorage')), []);
  await g.clean();
  await g.close();
});
