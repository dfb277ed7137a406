// Before the core is ready the banner works from provisionalConfig(), which reads the fields the banner
// shows the way the core reads them. Wherever the two could differ, they must not: for each config
// here, every such field is what the core's validated config says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore } from './load-core.mjs';
import { provisionalConfig } from '../../js/config-source.js';

const core = await loadCore();
const FIELDS = ['theme', 'layout', 'position', 'reopenButton', 'lang', 'policyUrl', 'gpc', 'texts'];

const CONFIGS = [
  {},
  { theme: 'dark', layout: 'modal', reopenButton: 'bottom-right', lang: 'pl', policyUrl: '/privacy', gpc: 'all' },
  { theme: 'pink', layout: 'corner', reopenButton: 'top', lang: 'de', policyUrl: 'javascript:alert(1)', gpc: 3 },
  { reopenButton: false, gpc: true },
  { gpc: false, policyUrl: 'https://shop.example/privacy' },
  { policyUrl: '//evil.example/p' },
  { policyUrl: 'http://' },
  { policyUrl: '/has space' },
  { policyUrl: 'HTTPS://shop.example/' },
  { policyUrl: null, theme: null, lang: null },
  { texts: { pl: { title: 'Ciasteczka', description: 7 }, en: 'x', cs: { title: 'x'.repeat(2001) } } },
  { texts: { en: { title: 'x'.repeat(2000), saved: '' } } },
  { texts: [] },
  { lang: 'de-AT', texts: { de: { title: 'Cookies' }, 'not a tag': { title: 'x' }, 'pt-BR': { title: 'Cookies' } } },
  { lang: 'de_DE' },
  { lang: 'x' },
  { position: 'top-left', layout: 'bar' },
  { position: 'middle' },
  { vendors: { smartsupp: { key: 'abc' } } },
  { vendors: { smartsupp: { key: 'not a key!' } } },
  { vendors: { smartsupp: { key: 'abc' } }, position: 'auto' },
  { vendors: { smartsupp: { key: 'abc' } }, position: 'top' },
  { vendors: { smartsupp: { key: 'abc' } }, position: 7 },
  { vendors: [] },
];

test('the provisional config shows what the core\'s config shows', () => {
  const engine = core.engine();
  for (const config of CONFIGS) {
    const validated = JSON.parse(JSON.stringify(engine.configure(JSON.stringify(config)).config));
    const provisional = provisionalConfig(config);
    for (const field of FIELDS) {
      assert.deepEqual(provisional[field], validated[field], `${field} of ${JSON.stringify(config).slice(0, 80)}`);
    }
  }
});
