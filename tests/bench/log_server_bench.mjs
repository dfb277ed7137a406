// The consent-log server under load: entries POSTed over 32 keep-alive connections to the server on
// SQLite, as many as it takes; prints entries per second and the latency percentiles.
// Floor: 5,000 entries a second. Usage: node tests/bench/log_server_bench.mjs [--short]
import http from 'node:http';
import { startLogServer, widgetEntry, databases } from '../server/log-server.mjs';

const short = process.argv.includes('--short');
const total = short ? 3000 : 40000;
const connections = 32;
const FLOOR = 5000;

const server = await startLogServer({ SMARTCP_LOG_DB: databases()[0][1](), SMARTCP_LOG_RATE: '0' });
const { hostname, port } = new URL(server.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const bodies = Array.from({ length: 1000 }, () => JSON.stringify(widgetEntry()));

function send(body) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request({ host: hostname, port, path: '/consent', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 201 ? resolve(Number(process.hrtime.bigint() - started) / 1e6) : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const latencies = [];
let next = 0;
const begin = process.hrtime.bigint();
await Promise.all(Array.from({ length: connections }, async () => {
  while (next < total) {
    const i = next++;
    latencies.push(await send(bodies[i % bodies.length]));
  }
}));
const seconds = Number(process.hrtime.bigint() - begin) / 1e9;
agent.destroy();
await server.stop();

latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(2);
const rate = total / seconds;
console.log(`log server (SQLite): ${total} entries in ${seconds.toFixed(2)} s over ${connections} connections`);
console.log(`log server: ${Math.round(rate)} entries/s (floor ${FLOOR}); latency p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${latencies.at(-1).toFixed(2)} ms`);
if (!short && rate < FLOOR) {
  console.log('log server floor MISSED');
  process.exit(1);
}
