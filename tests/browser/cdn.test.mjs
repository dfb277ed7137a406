// dist/ served from another origin, as from a CDN: with Access-Control-Allow-Origin the widget works;
// without it the console names the cause and the fix, and storage stays closed (fail-closed) while the
// page itself keeps working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch } from './browser.mjs';
import { startServer } from '../../demo/server.mjs';
import { distDir } from '../wasm/load-core.mjs';

const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm' };
let browser;
const servers = [];
before(async () => { browser = await launch(); });
after(async () => {
  await browser?.close();
  for (const s of servers) s.close();
});

// A CDN for dist/: `headers` are what it adds to every file.
async function cdn(headers) {
  const server = createServer(async (req, res) => {
    const name = path.basename(new URL(req.url, 'http://x').pathname);
    const body = await readFile(path.join(distDir, name)).catch(() => null);
    if (!body) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[path.extname(name)] ?? 'application/octet-stream', ...headers }).end(body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return `http://127.0.0.1:${server.address().port}/smartcp/0.4.0/`;
}

// A site page that loads SmartCP from `from`, and writes its own key and Google Analytics' cookie.
async function site(from) {
  const dir = mkdtempSync(path.join(tmpdir(), 'smartcp-cdn-'));
  writeFileSync(path.join(dir, 'page.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="application/json" id="smartcp-config">{"reopenButton": "none"}</script>
<script src="${from}smartcp.js"></script></head><body><h1>Shop</h1></body></html>`);
  const server = await startServer(0, [['/site/', dir]], { csp: false });
  servers.push(server);
  return `http://127.0.0.1:${server.address().port}/site/page.html`;
}

async function visit(url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const messages = [];
  page.on('console', (m) => messages.push(m.text()));
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(url);
  return { context, page, messages, pageErrors };
}

test('from a CDN that sends Access-Control-Allow-Origin, the widget works as from the site itself', async () => {
  const v = await visit(await site(await cdn({ 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=31536000, immutable' })));
  assert.equal(await v.page.evaluate(() => window.SmartCP.ready.then(() => 'ready')), 'ready');
  await v.page.locator('smartcp-widget .banner').waitFor();
  await v.page.evaluate(() => { document.cookie = '_ga=GA1.1.1.1; path=/'; localStorage.setItem('cart', '2'); });
  await v.page.evaluate(() => window.SmartCP.acceptAll());
  await v.page.evaluate(() => { document.cookie = '_ga=GA1.1.1.1; path=/'; });
  const cookies = (await v.context.cookies()).map((c) => c.name);
  assert.ok(cookies.includes('_ga') && cookies.includes('smartcp_consent'), cookies.join());
  assert.deepEqual(v.pageErrors, []);
  await v.context.close();
});

test('from a CDN without it, the console names the cause and the fix, storage stays closed, the page keeps working', async () => {
  const v = await visit(await site(await cdn({})));
  const outcome = await v.page.evaluate(() => window.SmartCP.ready.then(() => 'ready', (e) => `rejected: ${e.message}`));
  assert.match(outcome, /^rejected: /);
  assert.ok(v.messages.some((m) => /smartcp\.wasm/.test(m) && /Access-Control-Allow-Origin/.test(m)), v.messages.join('\n'));
  await v.page.evaluate(() => { document.cookie = '_ga=GA1.1.1.1; path=/'; });
  assert.ok(!(await v.context.cookies()).some((c) => c.name === '_ga'), 'nothing that needs consent is written');
  assert.equal(await v.page.locator('h1').textContent(), 'Shop');
  assert.deepEqual(v.pageErrors, []);
  await v.context.close();
});
