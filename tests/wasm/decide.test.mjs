// The runtime's decider (js/runtime/decider.js) answers most writes from a name's packed decision and asks
// the core for the whole write only when that can change the outcome. Wherever it takes the short way, the
// core must agree: same verdict, and for an allowed cookie the core would write exactly what was asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore, I } from './load-core.mjs';
import { createDecider } from '../../js/runtime/decider.js';

const core = await loadCore();

const names = ['ssupp.vid', 'ssupp.visits', 'SL_C_23361dd035530_SID', 'SL_C_23361dd035530_DOMAIN', '_ga', '_gid', 'cart', 'state',
  '', ' spaced ', 'smartcp_consent'];
const tails = ['', '; path=/', '; Path=/; Max-Age=3600', '; max-age=99999999', '; Max-Age=15724800', '; Max-Age=15724801',
  '; expires=Fri, 01 Jan 2100 00:00:00 GMT', '; Max-Age=10; Max-Age=99999999', '; Max-Age=12x', '; max-age = 60 ; secure',
  '; MAX-AGE=0000000034128000', '; Max-Age=34128001', '; SameSite=Lax; Max-Age=60; Domain=.shop.cz', '; max-age=0',
  '; max-age=0; max-age=31536000', '; expires=Sat, 01 Jan 50 00:00:00 GMT', '; Expires=Thu, 01 Jan 2015 00:00:00 GMT'];

test('every short way agrees with the core', () => {
  const engine = core.engine();
  engine.configure(JSON.stringify({
    vendors: { smartsupp: { key: 'KEY' } },
    catalog: [{ name: 'state', kind: 'cookie', category: 'functional', fields: { ad: 'marketing' } }],
  }));
  const decider = createDecider(I, engine);
  let short = 0;
  for (const [analytics, marketing] of [[false, false], [true, false], [true, true]]) {
    decider.setConsent(analytics, marketing);
    for (const name of names) {
      for (const tail of tails) {
        for (const value of ['v', '{"ad":1,"x":2}']) {
          const cookie = `${name}=${value}${tail}`;
          const fast = decider.decide({ kind: 'cookie', name: name.trim(), value, cookie });
          const full = engine.decideCookieJson(cookie, Date.now());
          assert.equal(fast.verdict, full.verdict, cookie);
          if (fast.cookie === undefined && fast.verdict !== 'refuse') {
            short++;
            assert.equal(full.cookie, cookie, `the core would change ${cookie}`);
          }
          if (fast.cookie) assert.equal(fast.cookie, full.cookie, cookie);
        }
      }
    }
    for (const name of names) {
      for (const kind of ['localStorage', 'sessionStorage']) {
        for (const value of ['1', '{"visits":2,"vid":"v"}']) {
          const key = name === 'state' ? 'ssupp_KEY' : name;
          const fast = decider.decide({ kind, name: key, value });
          const full = engine.decideWrite(key, kind, value);
          assert.equal(fast.verdict, full.verdict, `${kind} ${key}`);
          if (fast.verdict === 'redact') assert.equal(fast.value, full.value);
        }
      }
    }
  }
  assert.ok(short > 20, 'the short way is taken');
  engine.delete();
});

test('the cache follows consent changes', () => {
  const engine = core.engine();
  const decider = createDecider(I, engine);
  assert.equal(decider.decide({ kind: 'localStorage', name: 'smartlook_debug', value: '1' }).verdict, 'refuse');
  decider.setConsent(true, false);
  assert.equal(decider.decide({ kind: 'localStorage', name: 'smartlook_debug', value: '1' }).verdict, 'allow');
  engine.delete();
});
