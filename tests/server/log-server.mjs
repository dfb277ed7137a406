// Starts the consent-log server binary for a test and gives its URL. The binary comes from the native
// build (scripts/test.sh) or SMARTCP_LOG_SERVER_BIN.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const binary = process.env.SMARTCP_LOG_SERVER_BIN ?? path.join(root, 'build/native/server/smartcp-log-server');

export const TOKEN = 'test-token-0123456789abcdef';

/** The databases the suite runs against: SQLite always, PostgreSQL when scripts/test.sh started one. */
export function databases() {
  const list = [['SQLite', () => path.join(mkdtempSync(path.join(tmpdir(), 'smartcp-log-')), 'log.sqlite')]];
  if (process.env.SMARTCP_TEST_PG_URL) list.push(['PostgreSQL', () => process.env.SMARTCP_TEST_PG_URL]);
  return list;
}

/**
 * @param {Record<string, string>} env settings (SMARTCP_LOG_DB is required)
 * @returns {Promise<{url: string, proc: import('node:child_process').ChildProcess, stderr: () => string, stop: () => Promise<void>}>}
 */
export function startLogServer(env) {
  if (!existsSync(binary)) throw new Error(`${binary} is missing: build the native tree first (scripts/test.sh does)`);
  const proc = spawn(binary, [], { env: { PATH: process.env.PATH, PORT: '0', SMARTCP_LOG_TOKEN: TOKEN, SMARTCP_LOG_RATE: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr.on('data', (d) => { err += d; });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${err}`)), 15000);
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`the server exited with ${code}: ${err}`)); });
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[\d.]+:\d+)/);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        url: m[1], proc, stderr: () => err,
        stop: () => new Promise((done) => { if (proc.exitCode !== null) return done(); proc.once('exit', () => done()); proc.kill('SIGTERM'); }),
      });
    });
  });
}

/** An entry as the widget sends it. */
export function widgetEntry(overrides = {}) {
  return {
    id: `v-${Math.random().toString(36).slice(2, 14)}`, revision: 1,
    categories: { functional: true, analytics: true, marketing: false }, method: 'custom',
    timestamp: Date.now(), lang: 'en', textHash: '0123456789abcdef', gpc: false,
    url: 'https://shop.example/cart', ...overrides,
  };
}
