// axe-core on the banner in every layout and the preferences dialog, in both themes and five languages
// whose scripts and lengths differ (pl, en, de, fr, el): no violation of WCAG 2.0/2.1/2.2 A and AA. The run
// is scoped to the widget: the shop page is not ours.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { openFixtures } from './browser.mjs';
import { openShop, action, dialog } from './shop.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let env;
before(async () => { env = await openFixtures(); });
after(() => env?.close());

// Evaluated through DevTools, so the page's CSP (which would refuse an injected <script>) does not apply.
async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async (tags) => {
    const result = await window.axe.run({ include: [['smartcp-widget']] }, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return { violations: result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
      passes: result.passes.length };
  }, TAGS);
}

for (const lang of ['pl', 'en', 'de', 'fr', 'el']) {
  for (const colorScheme of ['light', 'dark']) {
    test(`axe: banner in every layout, and dialog, ${lang}, ${colorScheme}`, async () => {
      for (const layout of ['bar', 'modal']) {
        const other = await openShop(env, { lang, config: { layout }, context: { colorScheme } });
        await action(other.page, 'accept-all').waitFor();
        const result = await axe(other.page);
        assert.deepEqual(result.violations, [], `banner, ${layout}`);
        assert.ok(result.passes > 5, `axe did examine the ${layout} banner`);
        await other.context.close();
      }
      const { page, context } = await openShop(env, { lang, context: { colorScheme } });
      await action(page, 'accept-all').waitFor();
      const bannerResult = await axe(page);
      assert.deepEqual(bannerResult.violations, [], 'banner, box');
      assert.ok(bannerResult.passes > 5, 'axe did examine the banner');

      await action(page, 'preferences').click();
      await dialog(page).waitFor();
      // The tables too: open every disclosure.
      for (const summary of await page.locator('smartcp-widget summary').all()) await summary.click();
      const dialogResult = await axe(page);
      assert.deepEqual(dialogResult.violations, [], 'dialog');
      assert.ok(dialogResult.passes > 5, 'axe did examine the dialog');
      await context.close();
    });
  }
}

test('axe: the reopen button, in both themes', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page, context } = await openShop(env, { context: { colorScheme } });
    await action(page, 'reject-all').click();
    await page.locator('smartcp-widget .reopen').waitFor();
    const result = await axe(page);
    assert.deepEqual(result.violations, [], colorScheme);
    assert.ok(result.passes > 2, 'axe did examine the button');
    await context.close();
  }
});
