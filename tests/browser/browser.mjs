// Debian's Chromium driven by playwright-core: no browser is ever downloaded.
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../demo/server.mjs';
import { root } from '../wasm/load-core.mjs';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic'];

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

// Records what a page would hide from a test: CSP violations, uncaught errors, console errors.
export async function watch(page) {
  const problems = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window.__cspViolations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return {
    problems,
    async cspViolations() { return page.evaluate(() => window.__cspViolations ?? []); },
  };
}

// The demo server with the test fixtures mounted at /fixtures/, and a browser. options: startServer's.
export async function openFixtures(options) {
  const server = await startServer(0, [['/fixtures/', path.join(root, 'tests/browser/fixtures')]], options);
  const browser = await launch();
  return {
    browser,
    base: `http://127.0.0.1:${server.address().port}`,
    async close() {
      await browser.close();
      server.close();
    },
  };
}
