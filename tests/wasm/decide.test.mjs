// The guard's decision adapter takes shortcuts past the core's JSON calls. Wherever it does, the core
// must agree: same verdict, and for an allowed cookie the core would write exactly what the page asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore } from './load-core.mjs';
import { coreDecide } from '../../js/decide.js';

const core = await loadCore();
const NOW = 1763769600000;

const names = ['ssupp.vid', 'ssupp.visits', 'SL_C_23361dd035530_SID', 'SL_C_23361dd035530_DOMAIN', '_ga', 'cart', 'state', '', ' spaced '];
const tails = ['', '; path=/', '; Path=/; Max-Age=3600', '; max-age=99999999', '; Max-Age=15724800', '; Max-Age=15724801',
  '; expires=Fri, 01 Jan 2100 00:00:00 GMT', '; Max-Age=10; Max-Age=99999999', '; Max-Age=12x', '; max-age = 60 ; secure',
  '; MAX-AGE=0000000034128000', '; Max-Age=34128001', '; SameSite=Lax; Max-Age=60; Domain=.shop.cz'];

test('every shortcut agrees with the core', () => {
  const engine = new core.Engine();
  engine.configure(JSON.stringify({
    vendors: { smartsupp: { key: 'KEY' } },
    catalog: [{ name: '_ga', kind: 'cookie', category: 'analytics', retentionDays: 30 },
      { name: 'state', kind: 'cookie', category: 'functional', fields: { ad: 'marketing' } }],
  }));
  const { decide, setConsent } = coreDecide(core, engine, () => NOW);
  let shortcuts = 0;
  for (const [analytics, marketing] of [[false, false], [true, false], [true, true]]) {
    setConsent(analytics, marketing);
    for (const name of names) {
      for (const tail of tails) {
        for (const value of ['v', '{"ad":1,"x":2}']) {
          const cookie = `${name}=${value}${tail}`;
          const fast = decide({ kind: 'cookie', name: name.trim(), value, cookie, attributes: tail });
          const full = JSON.parse(engine.decideCookie(cookie, NOW));
          assert.equal(fast.verdict, full.verdict, cookie);
          // Without the attributes split off (cookieStore writes), the same answer.
          assert.deepEqual(decide({ kind: 'cookie', name: name.trim(), value, cookie }), fast, cookie);
          if (fast.cookie === undefined && fast.verdict !== 'refuse') {
            shortcuts++;
            assert.equal(full.cookie, cookie, `the core would change ${cookie}`);
          }
        }
      }
    }
  }
  assert.ok(shortcuts > 100, `the shortcut is taken (${shortcuts} times)`);
});

test('storage values with field rules go to the core; others take the packed path', () => {
  const engine = new core.Engine();
  engine.configure(JSON.stringify({ vendors: { smartsupp: { key: 'KEY' } } }));
  const { decide } = coreDecide(core, engine);
  const redacted = decide({ kind: 'localStorage', name: 'ssupp_KEY', value: '{"vid":1,"visits":2}' });
  assert.deepEqual([redacted.verdict, redacted.value], ['redact', '{"vid":1}']);
  assert.equal(decide({ kind: 'localStorage', name: 'smartlook_debug', value: '1' }).verdict, 'refuse');
  assert.equal(decide({ kind: 'localStorage', name: 'smartlook_debug', value: '1' }).category, 'analytics');
  assert.equal(decide({ kind: 'sessionStorage', name: 'cart', value: '1' }).verdict, 'allow');
});

test('cached decisions never outlive a consent or config change', () => {
  const engine = new core.Engine();
  const decider = coreDecide(core, engine);
  const write = { kind: 'localStorage', name: 'smartlook_debug', value: '1' };
  assert.equal(decider.decide(write).verdict, 'refuse');
  decider.setConsent(true, false);
  assert.equal(decider.decide(write).verdict, 'allow');
  decider.setConsent(false, false);
  assert.equal(decider.decide(write).verdict, 'refuse');
  decider.configure(JSON.stringify({ catalog: [{ name: 'cart', kind: 'localStorage', category: 'marketing' }] }));
  decider.setConsent(true, false);
  assert.equal(decider.decide({ kind: 'localStorage', name: 'cart', value: '1' }).verdict, 'refuse');
});
