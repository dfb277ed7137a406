// Bundles the browser code into what a site owner copies:
//   smartcp.js     the loader and the guard, the only render-blocking file;
//   smartcp-core.js  what runs once the core can decide (it loads smartcp.wasm);
//   smartcp-reopen.js  the reopen button, the site's own controls and the language;
//   smartcp-integrations.js  Smartsupp, Smartlook, Consent Mode updates, gated scripts, the consent
//                  log, tab sync;
//   smartcp-ui.js  the banner, fetched only when it or the dialog is shown;
//   smartcp-dialog.js  the preferences dialog and the cookie declaration, fetched with their purposes;
//   smartcp-debug.js  the console log of refusals, fetched only with "debug": true;
//   smartcp-texts-<lang>.js  a language's texts, fetched with the banner or the dialog in that language;
//   smartcp-purposes-<lang>.js  its purposes of the built-in entries, fetched with the dialog or the
//                  declaration (js/locales/<lang>.json, checked by scripts/generate-locales.mjs).
// All are classic scripts (IIFE); all but smartcp.js are added by it or by each other and register their
// exports (js/modules.js).
// CSS files are imported as minified text and become constructed stylesheets in the shadow root.
// esbuild bundles and minifies; terser then renames once more over the whole file (identifiers only:
// renaming changes neither what the code does nor how fast it runs), and the smaller of the two by gzip
// is kept (smartcp.js 18.3 -> 17.6 KB gzip -9; for some files esbuild's names compress better). terser's
// compression passes are left out: they saved 0.15 KB more but made the guard's cookie writes about half
// again slower in Chromium (tests/bench/guard_bench.mjs).
// Usage: node scripts/bundle.mjs OUT_DIR
import path from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { minify } from 'terser';
import { LANGUAGES } from '../js/generated/locales.js';

const out = process.argv[2];
if (!out) throw new Error('usage: node scripts/bundle.mjs OUT_DIR');

const cssAsText = {
  name: 'css-as-text',
  setup(build) {
    build.onLoad({ filter: /\.css$/ }, async (args) => {
      const { code } = await esbuild.transform(await readFile(args.path, 'utf8'), { loader: 'css', minify: true });
      return { contents: code.trim(), loader: 'text' };
    });
  },
};

const minified = !process.env.SMARTCP_NO_MINIFY;
const common = {
  bundle: true, minify: minified, target: 'es2020', legalComments: 'none', logLevel: 'warning', plugins: [cssAsText], write: false,
};
const terserOptions = {
  ecma: 2020, compress: false, mangle: { toplevel: true }, format: { comments: false },
};

const gzipped = (text) => gzipSync(text, { level: 9 }).length;

async function build(options, { terser = minified } = {}) {
  const { outputFiles: [file] } = await esbuild.build({ ...common, ...options });
  let code = file.text;
  if (terser) {
    const renamed = (await minify(code, terserOptions)).code;
    if (gzipped(renamed) < gzipped(code)) code = renamed;
  }
  await writeFile(file.path, code.endsWith('\n') ? code : `${code}\n`);
}
await build({ entryPoints: ['js/loader.js'], format: 'iife', outfile: path.join(out, 'smartcp.js') });
await build({ entryPoints: ['js/runtime/index.js'], format: 'iife', outfile: path.join(out, 'smartcp-core.js') });
await build({ entryPoints: ['js/controls.js'], format: 'iife', outfile: path.join(out, 'smartcp-reopen.js') });
await build({ entryPoints: ['js/integrations/index.js'], format: 'iife', outfile: path.join(out, 'smartcp-integrations.js') });
await build({ entryPoints: ['js/ui/index.js'], format: 'iife', outfile: path.join(out, 'smartcp-ui.js') });
await build({ entryPoints: ['js/ui/dialog.js'], format: 'iife', outfile: path.join(out, 'smartcp-dialog.js') });
await build({ entryPoints: ['js/debug.js'], format: 'iife', outfile: path.join(out, 'smartcp-debug.js') });
// One file per language and part: only the part's half of the JSON is bundled.
for (const lang of LANGUAGES) {
  for (const part of ['texts', 'purposes']) {
    const contents = `import { ${part} as table } from './locales/${lang}.json';\n` +
      `import { registerModule } from './modules.js';\n` +
      `registerModule(window, '${part}-${lang}', { __proto__: null, table });\n`;
    await build({
      stdin: { contents, resolveDir: path.resolve('js'), sourcefile: `${part}-${lang}.js` }, format: 'iife',
      outfile: path.join(out, `smartcp-${part}-${lang}.js`),
    }, { terser: false });  // only data: nothing to rename, and esbuild's quoting is the smaller
  }
}
