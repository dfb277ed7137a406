// Serves the demo: demo/ at /, dist/ at /smartcp/, with a strict Content-Security-Policy and the wasm
// MIME type. Usage: node demo/server.mjs [--port 8080]   (PORT in the environment works too)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argPort = process.argv.indexOf('--port');
const port = Number(argPort > 0 ? process.argv[argPort + 1] : process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';

// What the strictest site owner would set: only 'wasm-unsafe-eval' beyond 'self'.
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.gif': 'image/gif', '.ts': 'text/plain; charset=utf-8',
};
// More demo pages, made from the shop page (demo/index.html) by the server: one whose response sets
// cookies that need consent before the widget can run, a single-page app, and one under the strictest
// CSP, which allows scripts only by a nonce made for each response.
const PAGES = {
  '/preloaded.html': {
    setCookie: ['SL_C_23361dd035530_SID=server-set; Path=/; Max-Age=31536000', '_fbp=fb.1.1700000000000.42; Path=/; Max-Age=7776000',
      '_ga=GA1.1.1700000000.1700000000; Path=/; Max-Age=34128000', 'ssupp.visits=12; Path=/; Max-Age=15724800'],
  },
  '/spa.html': {},
  '/strict.html': { nonce: true },
};
// The recipe pages (demo/recipes/) hold vendor snippets pasted as the vendors give them: inline scripts
// that load from the vendors' hosts, as on a site that pastes them.
export const RECIPE_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval' https:; " +
  "style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self' https:; frame-src https:; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'self'";
export const STRICT_CSP = (nonce) => `default-src 'none'; script-src 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; ` +
  "style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'; " +
  "require-trusted-types-for 'script'; trusted-types smartcp";

const MOUNTS = [['/smartcp/', path.join(root, 'dist')], ['/js/', path.join(root, 'js')], ['/', path.join(root, 'demo')]];

function resolve(urlPath, mounts) {
  for (const [prefix, dir] of mounts) {
    if (!urlPath.startsWith(prefix)) continue;
    const file = path.resolve(dir, '.' + path.posix.normalize('/' + urlPath.slice(prefix.length)));
    return file.startsWith(dir + path.sep) || file === dir ? file : null;  // never outside its folder
  }
  return null;
}

// The receiver of `logEndpoint`. With a consent-log server (SMARTCP_LOG_SERVER, as scripts/demo.sh
// starts it) POST /consent-log and GET /consent-log/{id} are passed to its POST /consent and
// GET /consent/{id}, so that the page's beacon stays same-origin. Without one (a bare clone, the tests)
// POST /consent-log keeps the entry in memory (the latest 1000) and GET /consent-log lists them.
const LOG_PATH = '/consent-log';
async function relayToLogServer(req, res, logServer, pathname) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 16384) return res.writeHead(413).end();
    chunks.push(chunk);
  }
  const target = req.method === 'POST' ? '/consent' : `/consent/${encodeURIComponent(pathname.slice(LOG_PATH.length + 1))}`;
  try {
    const answer = await fetch(logServer + target, {
      method: req.method, body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
      // As a reverse proxy does: the visitor's address, for the log server's rate limit (it trusts this relay).
      headers: { 'content-type': 'application/json', 'x-forwarded-for': [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ') },
    });
    res.writeHead(answer.status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(Buffer.from(await answer.arrayBuffer()));
  } catch {
    res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `the consent-log server at ${logServer} does not answer` }));
  }
}
function consentLog(req, res, entries) {
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(entries));
    return;
  }
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => {
    body += chunk;
    if (body.length > 4096) req.destroy();
  });
  req.on('end', () => {
    try {
      entries.push({ received: Date.now(), ...JSON.parse(body) });
      if (entries.length > 1000) entries.shift();
      res.writeHead(204).end();
    } catch {
      res.writeHead(400).end();
    }
  });
}

// Compressed as a production server would, so that timings under a throttled network are realistic.
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.ts']);
const gzipped = new Map();  // file -> [source, gzip] of the last version served
function gzipOnce(file, body) {
  const cached = gzipped.get(file);
  if (cached && cached[0].equals(body)) return cached[1];
  const zipped = gzipSync(body, { level: 9 });
  gzipped.set(file, [body, zipped]);
  return zipped;
}

/**
 * @param {number} listenPort
 * @param {[string, string][]} extraMounts more [urlPrefix, folder] pairs, looked up first (tests mount their fixtures)
 * @param {{csp?: boolean, logServer?: string}} options csp: false serves without a Content-Security-Policy (benchmarks of
 *   widgets that need inline styles); logServer: the consent-log server's URL to relay /consent-log to
 */
export function startServer(listenPort = port, extraMounts = [], { csp: withCsp = true, logServer = process.env.SMARTCP_LOG_SERVER } = {}) {
  const mounts = [...extraMounts, ...MOUNTS];
  const logEntries = [];
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      if (logServer && ((url.pathname === LOG_PATH && req.method === 'POST') || (url.pathname.startsWith(LOG_PATH + '/') && req.method === 'GET'))) {
        await relayToLogServer(req, res, logServer.replace(/\/$/, ''), url.pathname);
        return;
      }
      if (!logServer && url.pathname === LOG_PATH && (req.method === 'POST' || req.method === 'GET')) {
        consentLog(req, res, logEntries);
        return;
      }
      const page = PAGES[url.pathname];
      let file = resolve(page ? '/index.html' : decodeURIComponent(url.pathname), mounts);
      if (file && (await stat(file).catch(() => null))?.isDirectory()) file = path.join(file, 'index.html');
      let body = file && (await readFile(file).catch(() => null));
      if (!body) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      let csp = url.pathname.startsWith('/recipes/') ? RECIPE_CSP : CSP;
      if (page) {
        body = body.toString('utf8').replace('<body>', `<body data-page="${url.pathname.slice(1, -5)}">`);
        if (page.nonce) {
          const nonce = randomBytes(16).toString('base64');
          body = body.replaceAll('<script ', `<script nonce="${nonce}" `);
          csp = STRICT_CSP(nonce);
        }
      }
      body = Buffer.from(body);
      const compress = COMPRESSIBLE.has(path.extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      if (compress) body = page ? gzipSync(body) : gzipOnce(file, body);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        ...(withCsp ? { 'content-security-policy': csp } : {}),
        ...(compress ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        ...(page?.setCookie ? { 'set-cookie': page.setCookie } : {}),
      });
      res.end(body);
    } catch {
      res.writeHead(400).end();
    }
  });
  return new Promise((done) => server.listen(listenPort, host, () => done(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startServer();
  console.log(`SmartCP demo: http://${host}:${server.address().port}/  (Ctrl-C stops it)`);
  const logServer = process.env.SMARTCP_LOG_SERVER;
  console.log(logServer ? `consent log: ${logServer} (through /consent-log)` : 'consent log: in memory (GET /consent-log lists it)');
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
