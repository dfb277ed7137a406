// Nothing a page or a visitor sends can crash the core: hostile input through the WebAssembly build comes
// back as a value, never as an abort or an exception into the page; and the transport cannot be broken by
// any string.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore, I } from './load-core.mjs';

const core = await loadCore();
const engine = core.engine();
const now = 1763769600000;

const hostile = [
  '', '\u0000', '\ud800', 'a\udfffb', '\udc00', '\ud83d"', '=', ';;;', '"', '\\', '{', '[', '{"a":'.repeat(1000), '['.repeat(100000),
  'x'.repeat(1 << 20), 'ssupp_' + '<'.repeat(500), '%E0%A4%A', '\u2028\u2029', '😀'.repeat(1000), '\ufeff{"visits":1}',
  JSON.stringify({ vendors: { smartsupp: { key: '\ud800' } } }), '{"catalog":[' + '{},'.repeat(5000) + '{}]}',
];

test('every call answers hostile strings with a value', () => {
  for (const input of hostile) {
    const where = JSON.stringify(input.slice(0, 40));
    assert.equal(typeof engine.configure(input).ok, 'boolean', where);
    assert.equal(typeof engine.decideWrite(input, 'localStorage', input).verdict, 'string', where);
    assert.equal(engine.decideWrite(input, input, input).ok, false, where);
    assert.equal(typeof engine.decideCookieJson(input, now).verdict, 'string', where);
    assert.equal(typeof engine.decide(input, 1), 'number', where);
    assert.equal(typeof engine.decideValue(input, 1, input).packed, 'number', where);
    assert.equal(typeof engine.decideCookie(input, now).packed, 'number', where);
    assert.ok(Array.isArray(engine.cookieDeletions(input, input)), where);
    assert.equal(engine.createRecord({ __proto__: null, id: input, method: input }).ok, false, where);
    assert.equal(typeof engine.readRecord(input, now, input).status, 'string', where);
    assert.ok(engine.catalog(input).entries, where);
    engine.classifyUrl(input);
  }
});

test('a lone surrogate reaches the core as U+FFFD: the rest of the value is still read', () => {
  engine.configure('{"vendors":{"smartsupp":{"key":"K"}}}');
  engine.setConsent(false, false);
  const r = engine.decideValue('ssupp_K', 1, '{"message":"half \ud83d","visits":3}');
  assert.equal(r.packed & 3, 1, 'redacted');
  assert.equal(r.value, '{"message":"half \ufffd"}');
});

test('non-finite and absurd times are errors, not crashes', () => {
  for (const t of [NaN, Infinity, -Infinity, -1, 1e300]) {
    assert.equal(engine.decideCookieJson('a=1', t).ok, false);
    assert.equal(engine.readRecord('x', t, 'a.b').ok, false);
    assert.equal(engine.decideCookie('a=1', t).packed & 3, 2);
  }
});

test('a bad config still leaves a working engine with safe defaults', () => {
  const result = engine.configure('{"vendors": 5, "expiryDays": -3');
  assert.equal(result.ok, false);
  assert.match(result.issues[0].message, /not valid JSON/);
  engine.setConsent(false, false);
  assert.equal(engine.decideWrite('SL_C_23361dd035530_SID', 'cookie', 'x').verdict, 'refuse');
});

test('memory does not grow with repeated calls', () => {
  engine.configure('{}');
  for (let i = 0; i < 1000; i++) engine.decideCookie(`c${i}=v; Max-Age=99999999`, now);
  const before = I.memoryBuffer(core.exports.memory).byteLength;
  for (let i = 0; i < 20000; i++) {
    engine.decide(`name_${i}`, i % 3);
    engine.decideCookie(`c${i}=v; Max-Age=99999999`, now);
    engine.decideValue('ssupp_K', 1, '{"visits":1}');
  }
  assert.equal(I.memoryBuffer(core.exports.memory).byteLength, before);
});

test('engines are independent, and a deleted handle answers with a default engine', () => {
  const a = core.engine();
  const b = core.engine();
  a.configure('{"unknownKeys":"block"}');
  assert.equal(a.decide('cart', 1) & 3, 2);
  assert.equal(b.decide('cart', 1) & 3, 0);
  a.delete();
  assert.equal(a.decide('cart', 1) & 3, 0);
  b.delete();
});
