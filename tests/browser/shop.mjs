// The shop fixture (fixtures/ui.html) opened the way the UI tests need it: with a config or <html lang>
// of the test's own (served with the server's CSP), the layout shifts counted, requests listed; and the
// widget's parts found through its open shadow root.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { watch } from './browser.mjs';
import { CSP } from '../../demo/server.mjs';
import { root } from '../wasm/load-core.mjs';

const TEMPLATE = readFileSync(path.join(root, 'tests/browser/fixtures/ui.html'), 'utf8');
const BASE_CONFIG = JSON.parse(TEMPLATE.match(/id="smartcp-config">([\s\S]*?)<\/script>/)[1]);

/**
 * A visit to the shop fixture. `config` is merged into its config, `lang` sets <html lang>; such
 * variants are served by the test with the same CSP header as the server's.
 */
export async function openShop(env, { config, lang, context: options = {}, init, reuse } = {}) {
  const context = reuse ?? await env.browser.newContext({ reducedMotion: 'reduce', ...options });
  const page = await context.newPage();
  const watcher = await watch(page);
  await page.addInitScript(() => {
    window.__shifts = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  if (init) await page.addInitScript(init);
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  let url = `${env.base}/fixtures/ui.html`;
  if (config || lang) {
    url = `${env.base}/fixtures/ui-variant.html`;
    const html = TEMPLATE
      .replace(/(id="smartcp-config">)[\s\S]*?(<\/script>)/, (_, a, b) => a + JSON.stringify({ ...BASE_CONFIG, ...config }) + b)
      .replace('<html lang="en">', `<html lang="${lang ?? 'en'}">`);
    await page.route(url, (route) => route.fulfill({ contentType: 'text/html', headers: { 'content-security-policy': CSP }, body: html }));
  }
  await page.goto(url);
  await page.evaluate(() => window.SmartCP.ready);
  return { context, page, watcher, requests };
}

// The banner's or the dialog's button (one of them is open at a time).
export const action = (page, name) => page.locator(`smartcp-widget .layer [data-smartcp-action="${name}"]`);
export const banner = (page) => page.locator('smartcp-widget .banner');
export const dialog = (page) => page.locator('smartcp-widget dialog');
export const consentCookie = async (context) => (await context.cookies()).find((c) => c.name === 'smartcp_consent');
// A choice made on the banner or in the dialog is recorded once the core is ready (on a first visit it is
// fetched only after the banner is painted, so a quick click can come first) and the banner's removal is
// painted, a frame and a task after the click or the key.
export const settled = (page) => page.evaluate(() => window.SmartCP.ready.catch(() => {})
  .then(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))));
export const record = async (page) => {
  await settled(page);
  return page.evaluate(() => JSON.parse(window.SmartCP.exportRecord()));
};
// The element that has focus, through the widget's shadow root.
export const focused = (page) => page.evaluate(() => {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el ? el.getAttribute('data-smartcp-action') || el.getAttribute('data-smartcp-category') || el.id || el.className
    || el.tagName.toLowerCase() : null;
});
export const inDialog = (page) => page.evaluate(() => {
  const widget = document.querySelector('smartcp-widget').shadowRoot;
  return !!widget.querySelector('dialog')?.contains(widget.activeElement);
});
export async function clean(v) {
  assert.deepEqual(await v.watcher.cspViolations(), [], 'no CSP violation');
  assert.deepEqual(v.watcher.problems, [], 'no page error or console error');
  // Zero in practice; once, under a loaded full run, Chromium reported 0.00001 (a sub-pixel move no one
  // sees, source unknown). A real shift of the banner or the page is orders of magnitude larger.
  const shifts = await v.page.evaluate(() => window.__shifts);
  assert.ok(shifts < 0.001, `no layout shift (${shifts})`);
}
