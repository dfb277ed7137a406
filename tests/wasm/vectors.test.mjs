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

function call(engine, method, args) {
  switch (method) {
    case 'decide': return decodeDecision(engine.decide(text(args[0]), args[1]));
    case 'decideWrite': return JSON.parse(engine.decideWrite(text(args[0]), text(args[1]), text(args[2])));
    case 'decideCookie': return JSON.parse(engine.decideCookie(text(args[0]), args[1]));
    case 'readRecord': return JSON.parse(engine.readRecord(text(args[0]), args[1]));
    case 'gpc': return JSON.parse(engine.gpc(args[0]));
    case 'consentMode': case 'config': case 'consent': return JSON.parse(engine[method]());
    case 'configure': case 'planCleanup': case 'createRecord': case 'catalog': return JSON.parse(engine[method](text(args[0])));
    default: throw new Error(`unknown call ${method}`);
  }
}

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
      const engine = new core.Engine();
      try {
        if (c.config) assert.equal(JSON.parse(engine.configure(text(c.config))).ok, true, 'the case config has errors');
        if (c.consent) engine.setConsent(!!c.consent.analytics, !!c.consent.marketing);
        const result = call(engine, c.call, c.args ?? []);
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
