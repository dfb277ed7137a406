// What the guard costs while the browser parses a large page: every element the parser inserts after
// smartcp.js is looked at (its scripts held, its frames guarded, its declaration reserved). Measured as the
// parse time (response end to DOM interactive) that 6,000 elements add to a page, with SmartCP and without,
// in Chromium under 4x CPU throttling; medians, pages loaded alternately. Figures only: no budget.
// Usage: node tests/bench/parse_bench.mjs [--short]
import { openFixtures } from '../browser/browser.mjs';

const short = process.argv.includes('--short');
const ROUNDS = short ? 2 : 9;
const CARDS = 1200;  // five elements each

const env = await openFixtures({ csp: false });
const SMARTCP = '<script src="/smartcp/smartcp.js"></script>';
const card = '<div class="card"><h3>Item</h3><p>Some text with <a href="#x">a link</a> and <span>more</span>.</p></div>\n';
const page = (widget, cards) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
  ${widget ? SMARTCP : ''}</head><body><h1>A long page</h1>${card.repeat(cards)}</body></html>`;
const PAGES = {
  'with-small': page(true, 0), 'with-big': page(true, CARDS), 'without-small': page(false, 0), 'without-big': page(false, CARDS),
};

async function parseTime(name) {
  const context = await env.browser.newContext();
  const url = `${env.base}/fixtures/parse-${name}.html`;
  await context.route(url, (route) => route.fulfill({ contentType: 'text/html', body: PAGES[name] }));
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await tab.goto(url, { waitUntil: 'load' });
  const ms = await tab.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return nav.domInteractive - nav.responseEnd;
  });
  await context.close();
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  const samples = Object.fromEntries(Object.keys(PAGES).map((n) => [n, []]));
  for (let r = 0; r < ROUNDS; r++) {
    const order = Object.keys(PAGES);
    if (r % 2) order.reverse();
    for (const name of order) samples[name].push(await parseTime(name));
  }
  const m = Object.fromEntries(Object.entries(samples).map(([n, xs]) => [n, median(xs)]));
  const withGuard = m['with-big'] - m['with-small'];
  const without = m['without-big'] - m['without-small'];
  console.log(`parsing ${CARDS * 5} elements after smartcp.js, 4x CPU: ${withGuard.toFixed(0)} ms with SmartCP, ` +
    `${without.toFixed(0)} ms without (the guard adds ${(withGuard - without).toFixed(0)} ms; ${ROUNDS} rounds, medians)`);
} finally {
  await env.close();
}
