// The consent-log server end to end, against each database: the API as a site and an owner use it,
// bad input of every kind, and an entry acknowledged right before the process is killed.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { databases, startLogServer, widgetEntry, TOKEN } from './log-server.mjs';

const post = (url, body, headers = {}) => fetch(`${url}/consent`, {
  method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers },
});
const admin = { authorization: `Bearer ${TOKEN}` };

// Sends raw bytes and gives back what the server answered (or '' when it closed the connection).
function raw(url, chunks, { gapMs = 0 } = {}) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    let answer = '';
    socket.on('data', (d) => { answer += d; });
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
    socket.on('connect', async () => {
      for (const c of chunks) {
        if (socket.destroyed) break;
        socket.write(c);
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
      }
      socket.end();
    });
  });
}

for (const [name, makeDb] of databases()) {
  describe(`consent-log server on ${name}`, () => {
    let server;
    let db;
    before(async () => {
      db = makeDb();
      server = await startLogServer({ SMARTCP_LOG_DB: db, SMARTCP_LOG_ORIGINS: 'https://shop.example' });
    });
    after(async () => { await server?.stop(); });

    test('a choice is stored and the visitor reads it back by its id, with the time it was received', async () => {
      const entry = widgetEntry();
      const res = await post(server.url, entry);
      assert.equal(res.status, 201);
      const ack = await res.json();
      assert.equal(ack.id, entry.id);
      const second = widgetEntry({ id: entry.id, method: 'reject-all', categories: { functional: true, analytics: false, marketing: false } });
      assert.equal((await post(server.url, second)).status, 201);
      const got = await fetch(`${server.url}/consent/${entry.id}`);
      assert.equal(got.status, 200);
      const list = await got.json();
      assert.equal(list.length, 2);
      assert.deepEqual({ ...list[0], received: undefined }, { received: undefined, ...entry });
      assert.equal(list[1].method, 'reject-all');
      assert.match(list[0].received, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.ok(Math.abs(Date.parse(list[0].received) - Date.now()) < 60000);
      assert.equal((await fetch(`${server.url}/consent/unknown-id-123`)).status, 404);
      assert.equal((await fetch(`${server.url}/consent/bad`)).status, 400);
    });

    test('broken or invalid entries are refused with the reason, and nothing is stored', async () => {
      const cases = [
        ['{"id":', /not JSON/],
        [[], /not a JSON object/],
        [{ ...widgetEntry(), ip: '203.0.113.1' }, /unexpected field "ip"/],
        [{ ...widgetEntry(), method: 'clicked' }, /"method"/],
        [{ ...widgetEntry(), categories: { functional: false, analytics: false, marketing: false } }, /functional must be granted/],
        [{ ...widgetEntry(), url: 'https://shop.example/?email=a@b.c' }, /"url"/],
        [{ ...widgetEntry(), timestamp: 1e400 }, /not JSON|"timestamp"/],
        [(() => { const e = widgetEntry(); delete e.lang; return e; })(), /missing field "lang"/],
      ];
      for (const [body, reason] of cases) {
        const res = await post(server.url, body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.match((await res.json()).error, reason);
      }
      const res = await post(server.url, { ...widgetEntry({ id: 'never-stored-1' }), lang: 'not a language' });
      assert.equal(res.status, 400);
      assert.equal((await fetch(`${server.url}/consent/never-stored-1`)).status, 404);
    });

    test('a body over 8 KiB is refused with 413', async () => {
      const res = await post(server.url, { ...widgetEntry(), pad: 'x'.repeat(9000) });
      assert.equal(res.status, 413);
      assert.match((await res.json()).error, /8 KiB/);
    });

    test('CORS: allowed origins get the header and a preflight, others are refused', async () => {
      const pre = await fetch(`${server.url}/consent`, { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
      assert.equal(pre.status, 204);
      assert.equal(pre.headers.get('access-control-allow-origin'), 'https://shop.example');
      assert.match(pre.headers.get('access-control-allow-headers'), /content-type/i);
      const ok = await post(server.url, widgetEntry(), { origin: 'https://shop.example' });
      assert.equal(ok.status, 201);
      assert.equal(ok.headers.get('access-control-allow-origin'), 'https://shop.example');
      const other = await post(server.url, widgetEntry({ id: 'from-elsewhere-1' }), { origin: 'https://evil.example' });
      assert.equal(other.status, 403);
      assert.equal(other.headers.get('access-control-allow-origin'), null);
      assert.equal((await fetch(`${server.url}/consent/from-elsewhere-1`)).status, 404);
    });

    test('erasure needs the admin token', async () => {
      const entry = widgetEntry();
      await post(server.url, entry);
      assert.equal((await fetch(`${server.url}/consent/${entry.id}`, { method: 'DELETE' })).status, 401);
      assert.equal((await fetch(`${server.url}/consent/${entry.id}`, { method: 'DELETE', headers: { authorization: 'Bearer wrong-token-0123456789' } })).status, 401);
      assert.equal((await fetch(`${server.url}/consent/${entry.id}`)).status, 200);
      assert.equal((await fetch(`${server.url}/consent/${entry.id}`, { method: 'DELETE', headers: admin })).status, 204);
      assert.equal((await fetch(`${server.url}/consent/${entry.id}`)).status, 404);
      assert.equal((await fetch(`${server.url}/consent/${entry.id}`, { method: 'DELETE', headers: admin })).status, 404);
    });

    test('statistics per day and revision, and the export as NDJSON and CSV', async () => {
      const today = new Date().toISOString().slice(0, 10);
      assert.equal((await fetch(`${server.url}/stats`)).status, 401);
      const before = await (await fetch(`${server.url}/stats?from=${today}&to=${today}`, { headers: admin })).json();
      const rev = 7000 + Math.floor(Math.random() * 1000);
      const all = { functional: true, analytics: true, marketing: true };
      const none = { functional: true, analytics: false, marketing: false };
      for (const [method, categories] of [['accept-all', all], ['accept-all', all], ['reject-all', none], ['custom', { ...none, analytics: true }]]) {
        assert.equal((await post(server.url, widgetEntry({ revision: rev, method, categories }))).status, 201);
      }
      const stats = await (await fetch(`${server.url}/stats?from=${today}&to=${today}`, { headers: admin })).json();
      assert.equal(stats.from, today);
      const day = stats.days.find((d) => d.revision === rev);
      assert.deepEqual(day, { day: today, revision: rev, choices: 4, byMethod: { 'accept-all': 2, custom: 1, 'reject-all': 1 }, granted: { analytics: 0.75, marketing: 0.5 } });
      assert.ok(stats.days.length >= before.days.length);
      assert.equal((await fetch(`${server.url}/stats?from=2026-02-30`, { headers: admin })).status, 400);
      assert.equal((await fetch(`${server.url}/stats?from=2026-12-01&to=2026-11-01`, { headers: admin })).status, 400);

      const nd = await fetch(`${server.url}/export?format=ndjson`, { headers: admin });
      assert.equal(nd.status, 200);
      const lines = (await nd.text()).trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(lines.filter((l) => l.revision === rev).length, 4);
      assert.ok(lines.every((l) => l.received && l.id && l.categories));
      const csv = await fetch(`${server.url}/export?format=csv`, { headers: admin });
      const rows = (await csv.text()).trim().split('\r\n');
      assert.equal(rows[0], 'received,id,revision,method,functional,analytics,marketing,timestamp,lang,textHash,gpc,url');
      assert.equal(rows.length, lines.length + 1);
      assert.equal((await fetch(`${server.url}/export?format=xml`, { headers: admin })).status, 400);
      assert.equal((await fetch(`${server.url}/export`)).status, 401);
    });

    test('broken, slow and concurrent requests: each gets its answer and the server stays up', async () => {
      const garbage = await raw(server.url, ['\x00\xff\xfe GARBAGE \r\n\r\n']);
      assert.match(garbage, /^HTTP\/1\.1 400|^$/);
      const hugeHeader = await raw(server.url, [`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`]);
      assert.doesNotMatch(hugeHeader, /^HTTP\/1\.1 200/);
      const lying = await raw(server.url, ['POST /consent HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"id":']);
      assert.doesNotMatch(lying, /201/);
      // A client that sends one byte at a time does not hold up the others.
      const slow = raw(server.url, ['POST /consent HTTP/1.1\r\n', 'Host: x\r\n', 'Content-Length: 5\r\n', '\r\n', '{'], { gapMs: 400 });
      const results = await Promise.all(Array.from({ length: 200 }, () => post(server.url, widgetEntry())));
      assert.deepEqual([...new Set(results.map((r) => r.status))], [201]);
      await slow;
      assert.equal((await fetch(`${server.url}/health`)).status, 200);
      assert.equal(server.proc.exitCode, null);
    });

    test('an entry acknowledged with 201 survives kill -9 right after', async () => {
      const own = await startLogServer({ SMARTCP_LOG_DB: db });
      const entry = widgetEntry();
      const res = await post(own.url, entry);
      assert.equal(res.status, 201);
      own.proc.kill('SIGKILL');
      await new Promise((r) => own.proc.once('exit', r));
      const again = await startLogServer({ SMARTCP_LOG_DB: db });
      try {
        const list = await (await fetch(`${again.url}/consent/${entry.id}`)).json();
        assert.equal(list.length, 1);
        assert.equal(list[0].id, entry.id);
      } finally {
        await again.stop();
      }
    });
  });
}

describe('consent-log server settings', () => {
  test('too many requests from one client get 429, kept in memory only', async () => {
    const server = await startLogServer({ SMARTCP_LOG_DB: databases()[0][1](), SMARTCP_LOG_RATE: '5' });
    try {
      const statuses = [];
      for (let i = 0; i < 7; i++) statuses.push((await post(server.url, widgetEntry())).status);
      assert.deepEqual(statuses, [201, 201, 201, 201, 201, 429, 429]);
    } finally {
      await server.stop();
    }
  });

  test('a client that forges X-Forwarded-For is still one client; behind a trusted proxy each visitor has a rate of their own', async () => {
    const direct = await startLogServer({ SMARTCP_LOG_DB: databases()[0][1](), SMARTCP_LOG_RATE: '2' });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await post(direct.url, widgetEntry(), { 'x-forwarded-for': `203.0.113.${i}` })).status);
      assert.deepEqual(statuses, [201, 201, 429, 429]);
    } finally {
      await direct.stop();
    }
    // The test connects from 127.0.0.1: here it plays the reverse proxy, which appends the visitor's address.
    const proxied = await startLogServer({ SMARTCP_LOG_DB: databases()[0][1](), SMARTCP_LOG_RATE: '2', SMARTCP_LOG_TRUSTED_PROXIES: '127.0.0.0/8, ::1' });
    try {
      const from = async (visitor, forged) => (await post(proxied.url, widgetEntry(), { 'x-forwarded-for': forged ? `${forged}, ${visitor}` : visitor })).status;
      assert.deepEqual([await from('198.51.100.7'), await from('198.51.100.7'), await from('198.51.100.7')], [201, 201, 429]);
      assert.equal(await from('198.51.100.8'), 201, 'another visitor behind the same proxy is not limited by the first');
      assert.equal(await from('198.51.100.7', '192.0.2.99'), 429, 'what the visitor wrote in the header is not read');
      assert.equal(proxied.stderr(), '');
    } finally {
      await proxied.stop();
    }
  });

  test('without a token the admin endpoints are off; a bad setting is named and its default used', async () => {
    const server = await startLogServer({ SMARTCP_LOG_DB: databases()[0][1](), SMARTCP_LOG_TOKEN: '', SMARTCP_LOG_RETENTION_DAYS: 'forever' });
    try {
      const res = await fetch(`${server.url}/stats`, { headers: admin });
      assert.equal(res.status, 403);
      assert.match((await res.json()).error, /SMARTCP_LOG_TOKEN/);
      assert.equal((await fetch(`${server.url}/consent/abcdefgh`, { method: 'DELETE', headers: admin })).status, 403);
      assert.match(server.stderr(), /SMARTCP_LOG_RETENTION_DAYS must be an integer/);
    } finally {
      await server.stop();
    }
  });

  test('a database that cannot be opened stops the server with the reason', async () => {
    await assert.rejects(startLogServer({ SMARTCP_LOG_DB: '/nonexistent-folder/x/log.sqlite' }), /cannot open the SQLite database \/nonexistent-folder/);
  });
});
