// Sizes of what a site owner ships (dist/), raw, gzip -9 and brotli, against the budgets.
// Usage: node tests/bench/size.mjs [--report-only]   (exits 1 on a missed budget unless --report-only)
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import path from 'node:path';
import { distDir } from '../wasm/load-core.mjs';

// smartcp.js is the one render-blocking file.
const BUDGETS_GZIP = { 'smartcp.js': 9 * 1024 };
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

let missed = 0;
console.log('file'.padEnd(20), 'raw'.padStart(10), 'gzip -9'.padStart(10), 'brotli'.padStart(10), '  budget (gzip)');
for (const file of readdirSync(distDir).sort()) {
  const bytes = readFileSync(path.join(distDir, file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const budget = BUDGETS_GZIP[file];
  const verdict = budget === undefined ? '' : gz <= budget ? `${kb(budget)}: met` : `${kb(budget)}: MISSED by ${kb(gz - budget)}`;
  if (budget !== undefined && gz > budget) missed++;
  console.log(file.padEnd(20), kb(bytes.length).padStart(10), kb(gz).padStart(10), kb(br).padStart(10), ' ', verdict);
}

// What a first visit fetches (the banner is shown: every file but the types), and a returning visit
// (the banner's code is not fetched).
const gz = (file) => gzipSync(readFileSync(path.join(distDir, file)), { level: 9 }).length;
const scripts = readdirSync(distDir).filter((f) => f.endsWith('.js') || f.endsWith('.wasm'));
const first = scripts.reduce((sum, f) => sum + gz(f), 0);
const returning = scripts.filter((f) => f !== 'smartcp-ui.js').reduce((sum, f) => sum + gz(f), 0);
const FIRST_VISIT_BUDGET = 60 * 1024;
console.log(`first visit, gzip -9: ${kb(first)} (budget ${kb(FIRST_VISIT_BUDGET)}: ${first <= FIRST_VISIT_BUDGET ? 'met' : `MISSED by ${kb(first - FIRST_VISIT_BUDGET)}`}); ` +
  `returning visit: ${kb(returning)}, without smartcp-ui.js`);
if (first > FIRST_VISIT_BUDGET) missed++;
if (missed && !process.argv.includes('--report-only')) process.exitCode = 1;
