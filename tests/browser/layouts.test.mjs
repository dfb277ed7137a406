// The banner's layouts (`layout`: a corner box, a full-width bar, a centred modal) at a phone's, a
// tablet's and a desktop's width, light and dark: on screen, where each belongs, accept and reject equal,
// the modal one modal. Screenshots go to build/screenshots/ (docs/ holds the copies the README shows).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openFixtures } from './browser.mjs';
import { startServer } from '../../demo/server.mjs';
import { openShop, action, banner, record } from './shop.mjs';
import { root } from '../wasm/load-core.mjs';

const OUT = path.join(root, 'build/screenshots');
let env;
before(async () => {
  env = await openFixtures();
  mkdirSync(OUT, { recursive: true });
});
after(() => env?.close());

const WIDTHS = [320, 768, 1440];
const style = (locator) => locator.evaluate((el) => {
  const s = getComputedStyle(el);
  return { background: s.backgroundColor, color: s.color, font: `${s.fontWeight} ${s.fontSize}`, border: s.borderTopColor };
});

for (const layout of ['box', 'bar', 'modal']) {
  for (const colorScheme of ['light', 'dark']) {
    test(`layout ${layout}, ${colorScheme}, at ${WIDTHS.join(', ')} px`, async () => {
      for (const width of WIDTHS) {
        const height = width < 500 ? 640 : 800;
        const v = await openShop(env, { config: { layout }, context: { viewport: { width, height }, colorScheme } });
        await banner(v.page).waitFor();
        const box = await banner(v.page).boundingBox();
        const where = `${layout} ${colorScheme} ${width}`;
        assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= width + 0.5 && box.y + box.height <= height + 0.5, `${where}: on screen`);
        if (layout === 'bar') {
          assert.ok(box.width >= width - 1 && Math.abs(box.y + box.height - height) < 1, `${where}: full width, at the bottom`);
        } else if (layout === 'modal') {
          assert.ok(Math.abs(box.x + box.width / 2 - width / 2) < 2 && Math.abs(box.y + box.height / 2 - height / 2) < 2, `${where}: centred`);
          assert.equal(await banner(v.page).evaluate((el) => el.matches(':modal')), true, `${where}: modal, the page behind inert`);
        } else if (width >= 768) {
          // Bottom-left: the shop runs the Smartsupp chat, whose bubble is bottom-right.
          assert.ok(box.width <= 440 && box.x <= 17 && height - (box.y + box.height) <= 17, `${where}: a corner box, clear of the chat`);
        } else {
          assert.ok(box.width >= width - 17, `${where}: full width on a phone`);
        }
        // Accept and reject: the same size, colours and weight; neither is nudged.
        const [accept, reject] = [action(v.page, 'accept-all'), action(v.page, 'reject-all')];
        const [a, r] = [await accept.boundingBox(), await reject.boundingBox()];
        assert.ok(Math.abs(a.width - r.width) < 1 && Math.abs(a.height - r.height) < 1, `${where}: equal size`);
        assert.deepEqual(await style(accept), await style(reject), `${where}: equal look`);
        assert.ok(a.height >= 44, `${where}: 44 px targets`);
        await v.page.screenshot({ path: path.join(OUT, `layout-${layout}-${width}-${colorScheme}.png`) });
        assert.ok(statSync(path.join(OUT, `layout-${layout}-${width}-${colorScheme}.png`)).size > 5_000);
        assert.ok(await v.page.evaluate(() => window.__shifts) < 0.001, `${where}: no layout shift`);
        assert.deepEqual(v.watcher.problems, [], where);
        await v.context.close();
      }
    });
  }
}

// `position`, and its "auto": clear of the Smartsupp chat's bubble (bottom-right) when the chat runs (the
// shop's config runs it; `vendors: {}` takes it away).
const POSITIONS = [
  { config: { position: 'top-left' }, width: 1440, where: (b, w, h) => b.x <= 17 && b.y <= 17 && b.y >= 15 },
  { config: { position: 'top-right' }, width: 1440, where: (b, w) => w - (b.x + b.width) <= 17 && b.y <= 17 },
  { config: { position: 'bottom' }, width: 1440, where: (b, w, h) => Math.abs(b.x + b.width / 2 - w / 2) < 2 && h - (b.y + b.height) <= 17 },
  { config: { position: 'top' }, width: 1440, where: (b, w) => Math.abs(b.x + b.width / 2 - w / 2) < 2 && b.y <= 17 },
  { config: { position: 'top-left' }, width: 320, where: (b, w) => b.width >= w - 17 && b.y <= 9 },
  { config: { position: 'bottom-left' }, width: 320, where: (b, w, h) => b.width >= w - 17 && h - (b.y + b.height) <= 9 },
  { config: { layout: 'bar', position: 'top' }, width: 1440, where: (b, w) => b.width >= w - 1 && b.y === 0 },
  { config: {}, width: 1440, where: (b, w, h) => b.x <= 17 && h - (b.y + b.height) <= 17 },
  { config: { position: 'middle' }, width: 1440, where: (b, w, h) => b.x <= 17 && h - (b.y + b.height) <= 17 },
  { config: { position: 'bottom-right' }, width: 1440, where: (b, w, h) => w - (b.x + b.width) <= 17 && h - (b.y + b.height) <= 17 },
  { config: { vendors: {} }, width: 1440, where: (b, w, h) => w - (b.x + b.width) <= 17 && h - (b.y + b.height) <= 17 },
  { config: { vendors: {}, position: 'auto' }, width: 1440, where: (b, w, h) => w - (b.x + b.width) <= 17 && h - (b.y + b.height) <= 17 },
];
test('position: each corner and edge, on a phone full width at its edge; by default clear of the chat', async () => {
  for (const { config, width, where } of POSITIONS) {
    const height = width < 500 ? 640 : 800;
    const v = await openShop(env, { config, context: { viewport: { width, height } } });
    await banner(v.page).waitFor();
    const box = await banner(v.page).boundingBox();
    const name = `${JSON.stringify(config)} at ${width} px: ${JSON.stringify(box)}`;
    assert.ok(where(box, width, height), name);
    assert.ok(await v.page.evaluate(() => window.__shifts) < 0.001, `${name}: no layout shift`);
    const problems = v.watcher.problems.filter((p) => !/position/.test(p));  // the broken one is named in the console
    assert.deepEqual(problems, [], name);
    await v.context.close();
  }
});

test('the modal layout: Escape does not close it, Tab stays in it, a choice closes it', async () => {
  const v = await openShop(env, { config: { layout: 'modal' } });
  await banner(v.page).waitFor();
  const focused = () => v.page.evaluate(() => {
    const el = document.querySelector('smartcp-widget').shadowRoot.activeElement;
    return el?.id || el?.getAttribute('data-smartcp-action') || el?.tagName;
  });
  assert.equal(await focused(), 'smartcp-banner-title', 'focus starts on the title: read first, no choice one key away');
  await v.page.keyboard.press('Enter');
  assert.equal(await banner(v.page).isVisible(), true, 'Enter on the title chooses nothing');
  await v.page.keyboard.press('Shift+Tab');
  assert.equal(await focused(), 'preferences', 'Shift+Tab from the title goes round to the last button');
  await v.page.keyboard.press('Tab');
  assert.equal(await focused(), 'A', 'and Tab comes back round to the first: the policy link');
  await v.page.keyboard.press('Escape');
  assert.equal(await banner(v.page).isVisible(), true, 'closing is not consent: it stays');
  for (let i = 0; i < 6; i++) {
    await v.page.keyboard.press('Tab');
    assert.equal(await v.page.evaluate(() => document.activeElement?.tagName), 'SMARTCP-WIDGET', 'focus stays in the widget');
  }
  await action(v.page, 'reject-all').click();
  await banner(v.page).waitFor({ state: 'detached' });
  assert.equal((await record(v.page)).categories.analytics, false);
  await v.context.close();
});

// The bar to beat: vanilla-cookieconsent's defaults and SmartCP's on the same page (the benchmark's), set
// up alike, side by side in build/screenshots/compare-*.png.
test('side by side with vanilla-cookieconsent\'s defaults: the banner and the preferences', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'smartcp-compare-'));
  const template = readFileSync(path.join(root, 'tests/bench/widgets/page.html'), 'utf8');
  writeFileSync(path.join(dir, 'cookieconsent.html'), template.replace('<!--WIDGET-->',
    '<link rel="stylesheet" href="/vendor/cc/cookieconsent.css"><script src="/vendor/cc/cookieconsent.umd.js" defer></script><script src="/widgets/cc-config.js" defer></script>'));
  writeFileSync(path.join(dir, 'smartcp.html'), template.replace('<!--WIDGET-->',
    '<script type="application/json" id="smartcp-config">{"policyUrl": "/privacy"}</script><script src="/smartcp/smartcp.js"></script>'));
  const server = await startServer(0, [['/widgets/', path.join(root, 'tests/bench/widgets')],
    ['/vendor/cc/', path.join(root, 'node_modules/vanilla-cookieconsent/dist')], ['/compare/', dir]], { csp: false });
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    for (const [name, bannerSelector, preferences, dialogSelector] of [
      ['cookieconsent', '#cc-main .cm', '#cc-main .cm [data-role="show"]', '#cc-main .pm'],
      ['smartcp', 'smartcp-widget .banner', 'smartcp-widget [data-smartcp-action="preferences"]', 'smartcp-widget dialog'],
    ]) {
      const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });
      const page = await context.newPage();
      await page.goto(`${base}/compare/${name}.html`);
      await page.locator(bannerSelector).waitFor();
      await page.waitForTimeout(400);  // vanilla-cookieconsent animates in even under reduced motion
      await page.screenshot({ path: path.join(OUT, `compare-${name}-banner.png`) });
      await page.locator(preferences).click();
      await page.locator(dialogSelector).waitFor();
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(OUT, `compare-${name}-preferences.png`) });
      await context.close();
    }
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
