// The package as a site owner or a bundler gets it: what `npm pack` ships, and what its exports resolve to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { root } from '../wasm/load-core.mjs';
import { LANGUAGES } from '../../js/generated/locales.js';

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

test('the package is publishable: MIT, not private, and npm pack ships what a site needs and the licenses', () => {
  assert.equal(pkg.license, 'MIT');
  assert.equal(pkg.private, undefined);
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  const files = packed.files.map((f) => f.path).sort();
  const languages = (part) => LANGUAGES.map((lang) => `dist/smartcp-${part}-${lang}.js`);
  assert.deepEqual(files, ['CHANGELOG.md', 'LICENSE', 'NOTICE', 'README.md', 'dist/smartcp-core.js', 'dist/smartcp-debug.js', 'dist/smartcp-dialog.js', 'dist/smartcp-integrations.js',
    ...languages('purposes'), 'dist/smartcp-reopen.js', ...languages('texts'), 'dist/smartcp-ui.js', 'dist/smartcp.d.ts', 'dist/smartcp.js', 'dist/smartcp.wasm',
    'docs/architecture.md', 'docs/consent-log-server.md', 'docs/platforms.md', 'docs/reference.md', 'js/engine.js', 'js/frameworks/check-config.mjs', 'js/frameworks/client.d.ts', 'js/frameworks/client.mjs', 'js/frameworks/react.d.ts',
    'js/frameworks/react.mjs', 'js/frameworks/vite.d.ts', 'js/frameworks/vite.mjs', 'js/frameworks/vue.d.ts', 'js/frameworks/vue.mjs',
    'js/intrinsics.js', 'js/package.json', 'js/smartcp.d.ts', 'package.json']);
  // The README is the package's page: every guide it links to must be in the package too.
  const guides = [...readFileSync(path.join(root, 'README.md'), 'utf8').matchAll(/\]\((docs\/[^)#]+\.md)/g)].map((m) => m[1]);
  assert.ok(guides.length >= 4, 'the README links to its guides');
  for (const guide of guides) assert.ok(files.includes(guide), `${guide}, linked from the README, is in the package`);
  assert.match(readFileSync(path.join(root, 'LICENSE'), 'utf8'), /^MIT License/);
  assert.match(readFileSync(path.join(root, 'NOTICE'), 'utf8'), /Open Cookie Database[\s\S]*Apache License, Version 2\.0/);
  assert.match(readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'), new RegExp(`^## ${pkg.version.replaceAll('.', '\\.')} `, 'm'), 'the CHANGELOG has this version');
});

test('a project that installs it resolves its entries, every dist file and the types', () => {
  const project = mkdtempSync(path.join(os.tmpdir(), 'smartcp-consumer-'));
  try {
    mkdirSync(path.join(project, 'node_modules'));
    symlinkSync(root, path.join(project, 'node_modules/smartcp'), 'dir');
    const require = createRequire(path.join(project, 'index.js'));
    assert.equal(require.resolve('smartcp'), path.join(root, 'js/frameworks/client.mjs'));
    assert.equal(require.resolve('smartcp/react'), path.join(root, 'js/frameworks/react.mjs'));
    assert.equal(require.resolve('smartcp/vue'), path.join(root, 'js/frameworks/vue.mjs'));
    assert.equal(require.resolve('smartcp/vite'), path.join(root, 'js/frameworks/vite.mjs'));
    assert.equal(require.resolve('smartcp/dist/smartcp.js'), path.join(root, 'dist/smartcp.js'));
    assert.equal(require.resolve('smartcp/dist/smartcp.wasm'), path.join(root, 'dist/smartcp.wasm'));
    writeFileSync(path.join(project, 'use.ts'),
      "import type { SmartCPConfig } from 'smartcp';\nexport const c: SmartCPConfig = { lang: 'cs' };\nexport const ok: Promise<unknown> | undefined = window.SmartCP?.ready;\n");
    writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: 'ESNext', moduleResolution: 'Bundler', target: 'ES2020', lib: ['ES2020', 'DOM'] },
      files: ['use.ts'],
    }));
    try {
      execFileSync(path.join(root, 'node_modules/.bin/tsc'), ['-p', project], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      assert.fail(`tsc failed:\n${error.stdout}${error.stderr}`);
    }
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});

test('server-side rendering: the entries import and render without a window', async () => {
  const client = await import('smartcp');
  assert.equal(client.getSmartCP(), undefined);
  assert.equal(client.getConsent(), null);
  assert.equal(client.accepted('analytics'), false);
  const unsubscribe = client.subscribe(() => {});
  unsubscribe();
  await assert.rejects(client.actions.acceptAll(), /smartcp\.js is not first in <head>/);
  const { createElement: h } = await import('react');
  const { renderToString } = await import('react-dom/server');
  const react = await import('smartcp/react');
  function Status() {
    const consent = react.useConsent();
    return h('p', null, consent ? 'chosen' : 'no choice', h(react.ConsentGate, { category: 'analytics', fallback: ' off' }, ' on'));
  }
  assert.equal(renderToString(h(Status)), '<p>no choice<!-- --> off</p>');
  const vue = await import('vue');
  const { renderToString: vueRender } = await import('vue/server-renderer');
  const gate = await import('smartcp/vue');
  const app = vue.createSSRApp({ render: () => vue.h(gate.ConsentGate, { category: 'marketing' }, { default: () => 'on', fallback: () => 'off' }) });
  assert.equal((await vueRender(app)).replace(/<!--.*?-->/g, ''), 'off');
});
