// Bundles the browser code into what a site owner copies:
//   smartcp.js     the loader and the guard, the only render-blocking file;
//   smartcp-core.js  what runs once the core can decide (it loads smartcp.wasm);
//   smartcp-reopen.js  the reopen button, the site's own controls and the language;
//   smartcp-integrations.js  Smartsupp, Smartlook, Consent Mode updates, gated scripts, the consent
//                  log, tab sync;
//   smartcp-ui.js  the banner and the dialog, fetched only when they are shown;
//   smartcp-purposes.js  the built-in entries' purposes, fetched when the dialog or the declaration is.
// All are classic scripts (IIFE); the last three are added by smartcp.js and register their exports
// (js/modules.js).
// CSS files are imported as minified text and become constructed stylesheets in the shadow root.
// Usage: node scripts/bundle.mjs OUT_DIR
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import * as esbuild from 'esbuild';

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

const common = {
  bundle: true, minify: !process.env.SMARTCP_NO_MINIFY, target: 'es2020', legalComments: 'none', logLevel: 'warning', plugins: [cssAsText],
};
await esbuild.build({ ...common, entryPoints: ['js/loader.js'], format: 'iife', outfile: path.join(out, 'smartcp.js') });
await esbuild.build({ ...common, entryPoints: ['js/runtime/index.js'], format: 'iife', outfile: path.join(out, 'smartcp-core.js') });
await esbuild.build({ ...common, entryPoints: ['js/controls.js'], format: 'iife', outfile: path.join(out, 'smartcp-reopen.js') });
await esbuild.build({ ...common, entryPoints: ['js/integrations/index.js'], format: 'iife', outfile: path.join(out, 'smartcp-integrations.js') });
await esbuild.build({ ...common, entryPoints: ['js/ui/index.js'], format: 'iife', outfile: path.join(out, 'smartcp-ui.js') });
await esbuild.build({ ...common, entryPoints: ['js/purposes.js'], format: 'iife', outfile: path.join(out, 'smartcp-purposes.js') });
