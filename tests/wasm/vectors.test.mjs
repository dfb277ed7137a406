// The shared vectors through the WebAssembly build: each case must meet its expectation, and every
// result must be identical to the native build's (written by the GoogleTest run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { loadCore, root } from './load-core.mjs';
import { decodeDecision } from '../../js/decision.js';

const vectorsDir = path.join(root, 'tests/vectors');
const nativeResults = process.env.SMARTCP_VECTOR_RESULTS ?? path.join(root, 'build/native/vector-results.json');
const core = await loadCore();

const text = (arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg));

// Each call as the native runner makes it (tests/core/vectors_test.cpp).
function call(engine, method, args) {
  switch (method) {
    case 'decide': return decodeDecision(engine.decide(text(args[0]), args[1]));
    case 'decideValue': {
      const r = engine.decideValue(text(args[0]), args[1], text(args[2]));
      return { ...decodeDecision(r.packed), value: r.value };
    }
    case 'decideCookieTyped': {
      const r = engine.decideCookie(text(args[0]), args[1]);
      return { ...decodeDecision(r.packed), cookie: r.cookie, scope: r.scope };
    }
    case 'decideWrite': return engine.decideWrite(text(args[0]), text(args[1]), text(args[2]));
    case 'decideCookie': return engine.decideCookieJson(text(args[0]), args[1]);
    case 'cookieDeletions': return engine.cookieDeletions(text(args[0]), text(args[1]));
    case 'describe': return engine.describe(engine.decide(text(args[0]), args[1]), text(args[2]));
    case 'classifyUrl': return engine.classifyUrl(text(args[0]));
    case 'readRecord': return engine.readRecord(text(args[0]), args[1], text(args[2]));
    case 'createRecord': return engine.createRecord(args[0]);
    case 'gpc': return engine.gpc(args[0]);
    case 'consentMode': case 'config': case 'consent': return engine[method]();
    case 'configure': case 'catalog': return engine[method](text(args[0]));
    default: throw new Error(`unknown call ${method}`);
  }
}

// The core's JSON is read into objects without a prototype; compare them as plain data.
const plain = (value) => JSON.parse(JSON.stringify(value));

function assertSubset(expected, actual, where) {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    assert.equal(typeof actual, 'object', `${where} is not an object`);
    for (const [key, value] of Object.entries(expected)) {
      assert.ok(actual !== null && key in actual, `${where}.${key} is missing`);
      assertSubset(value, actual[key], `${where}.${key}`);
    }
  } else if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) {
    expected.forEach((item, i) => assertSubset(item, actual[i], `${where}[${i}]`));
  } else {
    assert.deepEqual(actual, expected, where);
  }
}

const files = readdirSync(vectorsDir).filter((f) => f.endsWith('.json')).sort();
const results = {};

for (const file of files) {
  const { cases } = JSON.parse(readFileSync(path.join(vectorsDir, file), 'utf8'));
  for (const c of cases) {
    const id = `${file}#${c.name}`;
    test(`wasm: ${id}`, () => {
      const engine = core.engine();
      try {
        if (c.config) assert.equal(engine.configure(text(c.config)).ok, true, 'the case config has errors');
        if (c.consent) engine.setConsent(!!c.consent.analytics, !!c.consent.marketing);
        const result = plain(call(engine, c.call, c.args ?? []));
        results[id] = result;
        assertSubset(c.expect, result, 'result');
      } finally {
        engine.delete();
      }
    });
  }
}

test('wasm and native builds give identical results for every vector', () => {
  assert.ok(existsSync(nativeResults), `run the native tests first: ${nativeResults} is missing`);
  const native = JSON.parse(readFileSync(nativeResults, 'utf8'));
  assert.deepEqual(Object.keys(results).sort(), Object.keys(native).sort());
  for (const id of Object.keys(native)) assert.deepEqual(results[id], native[id], id);
});
