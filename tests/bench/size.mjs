// Sizes of what a site owner ships (dist/), raw, gzip -9 and brotli, against the budgets; and the core
// built without the tracker tables (build/wasm-notables, which scripts/bench.sh builds), so that the
// tables' share shows on its own.
// Usage: node tests/bench/size.mjs [--report-only]   (exits 1 on a missed budget unless --report-only)
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { distDir, root } from '../wasm/load-core.mjs';

const KB = 1024;
const kb = (n) => `${(n / KB).toFixed(1)} KB`;
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const br = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const file = (name) => readFileSync(path.join(distDir, name));

let missed = 0;
const judge = (value, budget) => {
  if (value > budget) missed++;
  return `${kb(budget)}: ${value <= budget ? 'met' : `MISSED by ${kb(value - budget)}`}`;
};

// smartcp.js is the one render-blocking file.
const BUDGETS = { 'smartcp.js': 9 * KB };
console.log('file'.padEnd(24), 'raw'.padStart(10), 'gzip -9'.padStart(10), 'brotli'.padStart(10), '  budget (gzip)');
for (const name of readdirSync(distDir).sort().filter((n) => !/^smartcp-(texts|purposes)-/.test(n))) {  // languages: below
  const bytes = file(name);
  const g = gz(bytes);
  console.log(name.padEnd(24), kb(bytes.length).padStart(10), kb(g).padStart(10), kb(br(bytes)).padStart(10), ' ',
    BUDGETS[name] === undefined ? '' : judge(g, BUDGETS[name]));
}

// What of smartcp.js is the guard itself (every write path and realm, the gate, the pre-decider with its
// filter, the host matcher, the holds and the captured built-ins), bundled and minified alone, without the
// loader, window.SmartCP or the start-up; and the data in it. The render-blocking budget is shared with all
// of it.
const alone = async (contents) => {
  const { outputFiles: [out] } = await esbuild.build({
    stdin: { contents, resolveDir: path.join(root, 'js') }, bundle: true, minify: true, format: 'iife', target: 'es2020', write: false,
  });
  return gz(out.contents);
};
const guard = await alone([
  "export { createRealms } from './guard/realms.js'", "export { createGate } from './guard/gate.js'",
  "export { createPrefilter } from './guard/prefilter.js'", "export { createHostMatcher } from './guard/hosts.js'",
  "export { createHolds } from './guard/elements.js'", "export { createStorageRegistry } from './guard/web-storage.js'",
  "export { captureIntrinsics } from './intrinsics.js'",
].join(';'));
const data = await alone("export * from './generated/known.js'");
console.log(`smartcp.js: the guard alone, gzip -9: ${kb(guard)}, of which ${kb(data)} is data (the pre-decider's filter, the tracker endpoints)`);

// The core: smartcp.wasm and smartcp-core.js, with the tracker tables and without them.
const core = gz(file('smartcp.wasm')) + gz(file('smartcp-core.js'));
console.log(`core (smartcp.wasm + smartcp-core.js), gzip -9: ${kb(core)} (budget ${judge(core, 60 * KB)})`);
const bare = path.join(root, 'build/wasm-notables/wasm/smartcp.wasm');
if (existsSync(bare)) {
  const without = gz(readFileSync(bare)) + gz(file('smartcp-core.js'));
  console.log(`core without the tracker tables: ${kb(without)} (budget ${judge(without, 45 * KB)}); the tables: ${kb(core - without)} (budget ${judge(core - without, 14 * KB)})`);
} else {
  console.log('core without the tracker tables: not built (scripts/bench.sh builds build/wasm-notables)');
}

// What a first visit fetches (the banner is shown in one language, English here; the dialog's code and the
// purposes only with the dialog or a cookie declaration), and a returning visit (no banner code, no texts).
// smartcp-debug.js is fetched only for a config with "debug": true.
const later = ['smartcp-debug.js', 'smartcp-dialog.js'];
const scripts = readdirSync(distDir).filter((f) => (f.endsWith('.js') || f.endsWith('.wasm')) && !/^smartcp-(texts|purposes)-/.test(f) && !later.includes(f));
const sum = (list) => list.reduce((total, f) => total + gz(file(f)), 0);
const first = sum([...scripts, 'smartcp-texts-en.js']);
const returning = sum(scripts.filter((f) => f !== 'smartcp-ui.js'));
console.log(`first visit, gzip -9: ${kb(first)} (budget ${judge(first, 70 * KB)}); returning visit: ${kb(returning)}, ` +
  'without smartcp-ui.js and a language\'s texts');
const perLanguage = (part) => readdirSync(distDir).filter((f) => f.startsWith(`smartcp-${part}-`)).map((f) => gz(file(f)));
for (const part of ['texts', 'purposes']) {
  const sizes = perLanguage(part);
  console.log(`smartcp-${part}-<lang>.js, ${sizes.length} languages, gzip -9: ${kb(Math.min(...sizes))} to ${kb(Math.max(...sizes))}; a visitor fetches one`);
}
if (missed && !process.argv.includes('--report-only')) process.exitCode = 1;
