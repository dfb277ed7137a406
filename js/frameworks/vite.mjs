// smartcp/vite: puts SmartCP where it has to be in a Vite app. It serves dist/ in development and
// copies it into the build under `base` (default /smartcp/), and writes the config and the script tag
// first in <head> of every page, before anything Vite adds. The config is checked by the core itself,
// at build time: a broken field fails the build with its name and the reason.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkConfig } from './check-config.mjs';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
const TYPES = { '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.ts': 'text/plain; charset=utf-8' };
const BUNDLED = 'SmartCP: dist/smartcp.js cannot be part of a bundle: it has to run before every other script, ' +
  'as a classic script first in <head>. The smartcp/vite plugin adds it there; in the app, import from "smartcp", ' +
  '"smartcp/react" or "smartcp/vue" instead.';

/**
 * @param {{config?: import('../smartcp.d.ts').SmartCPConfig, base?: string}} [options]
 *   config: what goes in <script type="application/json" id="smartcp-config">;
 *   base: where the files are served, relative to the app's base (default "smartcp/").
 */
export default function smartcp({ config = {}, base = 'smartcp/' } = {}) {
  const folder = base.replace(/^\/+|\/+$/g, '');
  let publicPath = `/${folder}/`;
  let json = '{}';
  return {
    name: 'smartcp',
    enforce: 'pre',

    async configResolved(resolved) {
      publicPath = `${resolved.base.replace(/\/?$/, '/')}${folder}/`;
      const { issues } = await checkConfig(config);
      const errors = issues.filter((i) => i.severity === 'error');
      for (const i of issues.filter((x) => x.severity !== 'error')) resolved.logger.warn(`smartcp: config.${i.path}: ${i.message}`);
      if (errors.length) throw new Error(`smartcp: the config is refused:\n${errors.map((i) => `  config.${i.path}: ${i.message}`).join('\n')}`);
      // Inside <script>, "</" would end the element: escaped as JSON allows.
      json = JSON.stringify(config).replace(/</g, '\\u003c');
    },

    // The render-blocking script must not end up in a bundle, where it would run too late.
    resolveId(source) {
      if (/(^|\/)smartcp(\/dist)?\/smartcp(\.js)?$/.test(source) || /(^|\/)dist\/smartcp\.js$/.test(source)) this.error(BUNDLED);
      return null;
    },

    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const url = (req.url ?? '').split('?')[0];
        if (!url.startsWith(publicPath)) return next();
        const name = url.slice(publicPath.length);
        if (!/^[\w.-]+$/.test(name)) return next();
        const body = await readFile(path.join(DIST, name)).catch(() => null);
        if (!body) return next();
        res.setHeader('Content-Type', TYPES[path.extname(name)] ?? 'application/octet-stream');
        res.end(body);
      });
    },

    async generateBundle() {
      for (const name of await readdir(DIST)) {
        if (name.endsWith('.d.ts')) continue;
        this.emitFile({ type: 'asset', fileName: `${folder}/${name}`, source: await readFile(path.join(DIST, name)) });
      }
    },

    // Last, so that nothing another plugin or Vite itself prepends comes before SmartCP.
    transformIndexHtml: {
      order: 'post',
      handler() {
        return [
          { tag: 'script', attrs: { type: 'application/json', id: 'smartcp-config' }, children: json, injectTo: 'head-prepend' },
          { tag: 'script', attrs: { src: `${publicPath}smartcp.js` }, injectTo: 'head-prepend' },
        ];
      },
    },
  };
}
