// Screenshots of the banner and the dialog as visitors see them: desktop, a 360 px phone, dark. Written
// to build/screenshots/ for people to look at (docs/ holds the copies the README shows).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { openFixtures } from './browser.mjs';
import { openShop, action, banner, dialog } from './shop.mjs';
import { root } from '../wasm/load-core.mjs';

const OUT = path.join(root, 'build/screenshots');
let env;
before(async () => {
  env = await openFixtures();
  mkdirSync(OUT, { recursive: true });
});
after(() => env?.close());

const VIEWS = [
  ['desktop', { viewport: { width: 1280, height: 800 }, colorScheme: 'light' }, 'en'],
  ['mobile', { viewport: { width: 360, height: 740 }, colorScheme: 'light', isMobile: true, hasTouch: true, deviceScaleFactor: 2 }, 'pl'],
  ['dark', { viewport: { width: 1280, height: 800 }, colorScheme: 'dark' }, 'cs'],
];

for (const [name, context, lang] of VIEWS) {
  test(`screenshots: ${name}`, async () => {
    const v = await openShop(env, { lang, context });
    await banner(v.page).waitFor();
    const box = await banner(v.page).boundingBox();
    const { width, height } = context.viewport;
    assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height, 'the banner is on screen');
    await v.page.screenshot({ path: path.join(OUT, `banner-${name}.png`) });

    await action(v.page, 'preferences').click();
    await dialog(v.page).waitFor();
    await v.page.locator('smartcp-widget summary').nth(1).click();  // the analytics table open
    await v.page.screenshot({ path: path.join(OUT, `dialog-${name}.png`) });
    for (const file of [`banner-${name}.png`, `dialog-${name}.png`]) assert.ok(statSync(path.join(OUT, file)).size > 10_000, file);
    await v.context.close();
  });
}
