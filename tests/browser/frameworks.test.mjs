// A Vite + React app and a Vite + Vue app, built with smartcp/vite and run in Chromium: the banner
// comes up, the consent state follows accept and withdrawal without a render loop, the gate mounts its
// children only with consent. And the build-time failures a developer must see.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, createServer } from 'vite';
import { launch, watch } from './browser.mjs';
import { startServer } from '../../demo/server.mjs';
import { root } from '../wasm/load-core.mjs';
import smartcp from '../../js/frameworks/vite.mjs';

let browser;
const cleanup = [];
before(async () => { browser = await launch(); });
after(async () => {
  await browser?.close();
  for (const fn of cleanup) await fn();
});

async function buildApp(appRoot, plugins) {
  const outDir = mkdtempSync(path.join(tmpdir(), 'smartcp-app-'));
  cleanup.push(() => rmSync(outDir, { recursive: true, force: true }));
  await build({
    root: appRoot, logLevel: 'silent', configFile: plugins ? false : path.join(appRoot, 'vite.config.mjs'),
    ...(plugins ? { plugins } : {}), build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

async function serve(outDir) {
  const server = await startServer(0, [['/', outDir]]);  // the strict CSP of the demo server
  cleanup.push(() => new Promise((r) => server.close(r)));
  return `http://127.0.0.1:${server.address().port}`;
}

const action = (page, name) => page.locator(`smartcp-widget .layer [data-smartcp-action="${name}"]`);

for (const framework of ['react', 'vue']) {
  test(`${framework}: the banner comes up, the consent state follows accept and withdrawal, the gate mounts only with consent`, async () => {
    const base = await serve(await buildApp(path.join(root, 'tests/frameworks', framework)));
    const context = await browser.newContext();
    const page = await context.newPage();
    const watcher = await watch(page);
    // SmartCP first in <head>: its config, then its script, before the app's module.
    const html = await (await fetch(`${base}/`)).text();
    const order = [...html.matchAll(/<script[^>]*?(?:id="([^"]+)"|src="([^"]+)")/g)].map((m) => m[1] ?? m[2]);
    assert.deepEqual(order.slice(0, 2), ['smartcp-config', '/smartcp/smartcp.js']);
    assert.match(order[2], /^\/assets\/.*\.js$/);
    await page.goto(`${base}/`);
    await page.locator('smartcp-widget .banner').waitFor();
    assert.equal(await page.locator('#status').textContent(), 'no choice yet');
    assert.equal(await page.locator('#analytics-off').count(), 1);
    assert.equal(await page.evaluate(() => window.__analyticsMounts), 0);

    await action(page, 'accept-all').click();
    await page.locator('#analytics').waitFor();
    assert.equal(await page.locator('#status').textContent(), 'analytics true, marketing true');
    assert.equal(await page.evaluate(() => window.__analyticsMounts), 1);

    await page.click('#withdraw');
    await page.locator('#analytics-off').waitFor();
    assert.equal(await page.locator('#status').textContent(), 'analytics false, marketing false');
    assert.equal(await page.locator('#analytics').count(), 0);
    const renders = await page.evaluate(() => window.__renders);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__renders), renders, 'no render loop: nothing renders while nothing changes');
    assert.ok(renders <= 8, `${renders} renders for three states`);
    assert.deepEqual(watcher.problems, []);
    await context.close();
  });
}

test('the plugin refuses a broken config at build time, naming the field', async () => {
  await assert.rejects(buildApp(path.join(root, 'tests/frameworks/react'), [smartcp({ config: { expiryDays: '30', lang: 'en' } })]),
    /smartcp: the config is refused:\s+config\.expiryDays: /);
});

test('bundling smartcp.js itself fails the build with the reason and the fix', async () => {
  const app = mkdtempSync(path.join(root, 'build', 'smartcp-bundled-'));
  cleanup.push(() => rmSync(app, { recursive: true, force: true }));
  writeFileSync(path.join(app, 'index.html'), '<!doctype html><html><head></head><body><script type="module" src="./main.js"></script></body></html>');
  writeFileSync(path.join(app, 'main.js'), "import 'smartcp/dist/smartcp.js';\n");
  await assert.rejects(buildApp(app, [smartcp()]), /has to run before every other script[\s\S]*smartcp\/vite plugin/);
});

test('in development the plugin serves SmartCP\'s files with their types', async () => {
  const server = await createServer({ root: path.join(root, 'tests/frameworks/react'), configFile: false, logLevel: 'silent',
    plugins: [smartcp()], server: { port: 0, host: '127.0.0.1' } });
  await server.listen();
  try {
    const url = server.resolvedUrls.local[0];
    const js = await fetch(`${url}smartcp/smartcp.js`);
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type'), /javascript/);
    const wasm = await fetch(`${url}smartcp/smartcp.wasm`);
    assert.equal(wasm.headers.get('content-type'), 'application/wasm');
    const html = await (await fetch(url)).text();
    assert.ok(html.indexOf('/smartcp/smartcp.js') < html.indexOf('/@vite/client'), 'SmartCP comes before Vite\'s own client');
  } finally {
    await server.close();
  }
});
