// The widget and the consent-log server together: a visitor's choices on a page reach the server, and
// the id from exportRecord() gives them back, through the site's own /consent-log (the demo's relay)
// and straight to the server on another origin (CORS).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openFixtures } from './browser.mjs';
import { openShop, action, record, banner } from './shop.mjs';
import { startServer } from '../../demo/server.mjs';
import { root } from '../wasm/load-core.mjs';
import { startLogServer, databases } from '../server/log-server.mjs';

let env;
let logServer;
before(async () => {
  logServer = await startLogServer({ SMARTCP_LOG_DB: databases()[0][1](), SMARTCP_LOG_RATE: '0' });
  env = await openFixtures({ logServer: logServer.url });
});
after(async () => {
  await env?.close();
  await logServer?.stop();
});

async function entriesOf(id, count) {
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${logServer.url}/consent/${id}`);
    if (res.status === 200) {
      const list = await res.json();
      if (list.length >= count) return list;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return [];
}

test('the banner\'s choice and a later change are stored, and the visitor\'s id reads them back', async () => {
  const v = await openShop(env, { config: { logEndpoint: '/consent-log' } });
  await action(v.page, 'accept-all').click();
  await banner(v.page).waitFor({ state: 'hidden' });
  const { id } = await record(v.page);
  await v.page.evaluate(() => window.SmartCP.setConsent({ analytics: false, marketing: false }));
  const list = await entriesOf(id, 2);
  assert.equal(list.length, 2, 'one entry per choice, oldest first');
  assert.equal(list[0].method, 'accept-all');
  assert.deepEqual(list[0].categories, { functional: true, analytics: true, marketing: true });
  assert.deepEqual(list[1].categories, { functional: true, analytics: false, marketing: false });
  assert.equal(list[0].url, `${env.base}/fixtures/ui-variant.html`);
  assert.ok(Date.parse(list[0].received) <= Date.parse(list[1].received));
  assert.deepEqual(v.watcher.problems, []);
  await v.context.close();
});

test('a site on another origin logs straight to the server (CORS)', async () => {
  // A page of its own server (not a routed response: Chromium lets only a loopback page reach loopback).
  const dir = mkdtempSync(path.join(tmpdir(), 'smartcp-site-'));
  writeFileSync(path.join(dir, 'page.html'), readFileSync(path.join(root, 'tests/browser/fixtures/ui.html'), 'utf8')
    .replace(/(id="smartcp-config">\{)/, `$1"logEndpoint": "${logServer.url}/consent", `));
  const site = await startServer(0, [['/site/', dir], ['/fixtures/', path.join(root, 'tests/browser/fixtures')]], { csp: false });
  const context = await env.browser.newContext();
  try {
    const page = await context.newPage();
    const url = `http://127.0.0.1:${site.address().port}/site/page.html`;
    await page.goto(url);
    await page.evaluate(() => window.SmartCP.ready);
    await action(page, 'reject-all').click();
    const { id } = await record(page);
    const list = await entriesOf(id, 1);
    assert.equal(list.length, 1);
    assert.equal(list[0].method, 'reject-all');
    assert.equal(list[0].url, url);
  } finally {
    await context.close();
    site.close();
  }
});
