// The wasm build reads numbers with the JS engine's parser (wasm/libc_overrides.cpp) and writes JSON with
// a writer of its own (core/src/json_writer.cpp, the digits of numbers from the JS engine) where the
// native build uses libc and nlohmann's serializer. Over a million numbers and thousands of strings with
// control characters, read and written in both builds, must come out the same: the same values, and the
// same text but for the digits nlohmann's Grisu2 writes longer than needed. The wasm side goes through
// the redaction of a value under field rules (parsed and written again whole); the native side through
// build/native/tests/core/smartcp_json_echo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root, loadCore } from './load-core.mjs';

const echo = path.join(root, 'build/native/tests/core/smartcp_json_echo');

// A deterministic source of numbers: xorshift64* over BigInt, so that a failure can be replayed.
function random(seed) {
  let x = BigInt(seed) | 1n;
  const mask = (1n << 64n) - 1n;
  return () => {
    x ^= x >> 12n;
    x ^= (x << 25n) & mask;
    x ^= x >> 27n;
    return (x * 0x2545f4914f6cdd1dn) & mask;
  };
}

function numbers(count) {
  const next = random(20261123);
  const bits = new DataView(new ArrayBuffer(8));
  const out = [];
  const edges = ['0', '-0', '1', '-1', '0.1', '0.5', '1e-324', '2e-324', '4.9406564584124654e-324', '2.2250738585072011e-308',
    '2.2250738585072014e-308', '1.7976931348623157e308', '1.7976931348623158e308', '9007199254740993', '9007199254740992.5',
    '0.30000000000000004', '123456789012345678901234567890', '1e22', '1e23', '8.988465674311579e307', '2.4703282292062328e-324'];
  out.push(...edges);
  while (out.length < count) {
    const r = next();
    const kind = Number(r & 7n);
    if (kind < 3) {
      // Any finite double, written shortest, with 17 digits, or with many.
      bits.setBigUint64(0, next());
      const x = bits.getFloat64(0);
      if (!Number.isFinite(x)) continue;
      const text = kind === 0 ? String(x) : kind === 1 ? x.toPrecision(17) : x.toExponential(Number(r >> 3n) % 20);
      if (Number.isFinite(+text)) out.push(text);  // a rounding up past the largest double is no number to JSON
    } else if (kind < 6) {
      // Decimal digits that no double has exactly: the rounding is the test.
      const digits = 1 + (Number(r >> 3n) % 40);
      let text = '';
      for (let i = 0; i < digits; i++) text += String(Number((next() >> 5n) % 10n));
      const point = Number(r >> 10n) % (digits + 1);
      const exponent = (Number(r >> 20n) % 650) - 350 - point;  // from below the smallest subnormal to below the largest double
      const whole = text.slice(0, point).replace(/^0+(?=\d)/, '') || '0';  // JSON has no leading zeros
      out.push(`${r & 8n ? '-' : ''}${whole}${point < digits ? `.${text.slice(point)}` : ''}e${exponent}`);
    } else {
      // Integers, beyond 2^53 too (nlohmann reads those that fit 64 bits as integers).
      out.push(String(next() >> BigInt(Number(r >> 3n) % 64)));
    }
  }
  return out;
}

function strings(count) {
  const next = random(7);
  const out = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    const n = 1 + Number(next() % 12n);
    for (let j = 0; j < n; j++) {
      const r = Number(next() % 100n);
      s += r < 40 ? String.fromCharCode(Number(next() % 32n)) : r < 45 ? '\u007f' : r < 50 ? '\u00e9\u4e2d' : String.fromCharCode(32 + (r % 90));
    }
    out.push(JSON.stringify(s));
  }
  return out;
}

test('numbers and escapes read and written by the wasm build are the native build\'s', { timeout: 600000 }, async () => {
  assert.ok(existsSync(echo), `${echo} is built with the native tests (scripts/test.sh builds it first)`);
  const core = await loadCore();
  const engine = core.engine();
  assert.equal(engine.configure('{"vendors": {"smartsupp": {"key": "KEY"}}}').ok, true);
  const items = [...numbers(1_050_000), ...strings(20_000)];
  const BATCH = 4000;
  const batches = [];
  for (let i = 0; i < items.length; i += BATCH) batches.push(`[${items.slice(i, i + BATCH).join(',')}]`);
  // Native: each batch as one JSON text.
  const dir = mkdtempSync(path.join(tmpdir(), 'smartcp-numbers-'));
  writeFileSync(path.join(dir, 'in.jsonl'), `${batches.join('\n')}\n`);
  const native = execFileSync(echo, [path.join(dir, 'in.jsonl')], { encoding: 'utf8', maxBuffer: 1 << 30 }).split('\n');
  // Wasm: the same batch as a field of ssupp_KEY, whose "visits" field is removed without marketing.
  let compared = 0;
  let shorter = 0;
  for (let b = 0; b < batches.length; b++) {
    const r = engine.decideValue('ssupp_KEY', 1, `{"visits":1,"a":${batches[b]}}`);
    if ((r.packed & 3) !== 1) {
      const bad = items.slice(b * BATCH, (b + 1) * BATCH).filter((x) => (engine.decideValue('ssupp_KEY', 1, `{"visits":1,"a":[${x}]}`).packed & 3) !== 1);
      assert.fail(`batch ${b} is not redacted; natively ${native[b].slice(0, 20)}; items refused alone: ${bad.slice(0, 5).join(' ')}`);
    }
    const written = r.value.slice('{"a":'.length, -1);
    if (written !== native[b]) {
      const ours = JSON.parse(written);
      const theirs = JSON.parse(native[b]);
      const at = ours.findIndex((v, i) => !Object.is(v, theirs[i]));
      if (at >= 0) assert.fail(`batch ${b}, item ${at}: ${items[b * BATCH + at]} is ${JSON.stringify(ours[at])} in wasm, ${JSON.stringify(theirs[at])} natively`);
      shorter += sameButShorter(written, native[b], b);
    }
    compared += JSON.parse(native[b]).length;
  }
  assert.equal(compared, items.length);
  // nlohmann's Grisu2 writes about 1 double in 700 with more digits than it needs (1,152 of these
  // numbers); the JS engine does not.
  assert.ok(shorter > 0 && shorter < items.length / 300, `${shorter} numbers written shorter`);
});

// The same values (checked above) in the same text but for the digits of numbers with a fraction, which
// the wasm build writes as the JS engine writes them, the shortest that read back as the same double, in
// nlohmann's layout (".0" after whole numbers, the exponent's sign and two digits at least). Returns how
// many numbers differ.
function sameButShorter(ours, theirs, batch) {
  const NUMBER = /(-?\d+(?:\.\d+)?(?:e[+-]\d+)?)/;
  const a = ours.split(NUMBER);
  const b = theirs.split(NUMBER);
  assert.equal(a.length, b.length, `batch ${batch}: not the same text`);
  let differ = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    assert.ok(i % 2 === 1, `batch ${batch}: ${a[i].slice(0, 40)} in wasm, ${b[i].slice(0, 40)} natively`);
    const float = (t) => /[.e]/.test(t);  // still a number with a fraction to a reader that tells them apart
    assert.ok(Object.is(+a[i], +b[i]) && a[i].length <= b[i].length && float(a[i]) && float(b[i]),
      `batch ${batch}: ${a[i]} in wasm, ${b[i]} natively`);
    differ++;
  }
  return differ;
}
