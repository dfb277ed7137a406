// Nothing a page or a visitor sends can crash the core: hostile input through the WebAssembly build
// comes back as a value, never as an abort or an exception into the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore } from './load-core.mjs';

const core = await loadCore();
const engine = new core.Engine();
const now = 1763769600000;

const hostile = [
  '', '\u0000', '\ud800', 'a\udfffb', '=', ';;;', '"', '\\', '{', '[', '{"a":'.repeat(1000), '['.repeat(100000),
  'x'.repeat(1 << 20), 'ssupp_' + '<'.repeat(500), '%E0%A4%A', '\u2028\u2029', '😀'.repeat(1000),
  JSON.stringify({ vendors: { smartsupp: { key: '\ud800' } } }), '{"catalog":[' + '{},'.repeat(5000) + '{}]}',
];

test('every method returns JSON for hostile strings', () => {
  for (const input of hostile) {
    for (const result of [
      engine.configure(input), engine.decideWrite(input, 'localStorage', input), engine.decideWrite(input, input, input),
      engine.decideCookie(input, now), engine.planCleanup(input), engine.createRecord(input), engine.readRecord(input, now),
      engine.catalog(input),
    ]) {
      assert.doesNotThrow(() => JSON.parse(result), `not JSON for ${JSON.stringify(input.slice(0, 40))}`);
    }
    assert.equal(typeof engine.decide(input, 1), 'number');
  }
});

test('non-finite and absurd times are errors, not crashes', () => {
  for (const t of [NaN, Infinity, -Infinity, -1, 1e300]) {
    assert.equal(JSON.parse(engine.decideCookie('a=1', t)).ok, false);
    assert.equal(JSON.parse(engine.readRecord('x', t)).ok, false);
  }
});

test('a bad config still leaves a working engine with safe defaults', () => {
  const result = JSON.parse(engine.configure('{"vendors": 5, "expiryDays": -3'));
  assert.equal(result.ok, false);
  assert.match(result.issues[0].message, /not valid JSON/);
  engine.setConsent(false, false);
  assert.equal(JSON.parse(engine.decideWrite('SL_C_23361dd035530_SID', 'cookie', 'x')).verdict, 'refuse');
});

test('memory does not grow with repeated calls', () => {
  const before = core.HEAPU8.length;
  for (let i = 0; i < 20000; i++) {
    engine.decide(`name_${i}`, i % 3);
    JSON.parse(engine.decideCookie(`c${i}=v; Max-Age=99999999`, now));
  }
  assert.equal(core.HEAPU8.length, before);
});
