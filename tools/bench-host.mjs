#!/usr/bin/env node
// logto-host under load, on 127.0.0.1 only (run through tools/bench-host.sh,
// which builds target/host/logto-host and target/host/logto-sim and installs
// wrk). Every run is bounded: wrk runs BENCH_SECONDS (5) each, every wait has
// a deadline, every loop a count.
//
// 1. Requests per second and p50/p99 latency through the host and straight
//    to the simulator, for the page (index.html), a static file and a
//    forwarded API call, at 1, 64 and 1,024 connections.
// 2. The host's memory (RSS) idle, with 1,024 open connections, and its
//    peak over the whole run.
// 3. Slow clients: 1,000 connections trickling their headers while wrk
//    measures the others; when the host closes them.
// 4. Failures: oversized bodies (413), a hanging upstream (504), an upstream
//    that is down (502), and a graceful shutdown with a request in flight.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = process.env.BENCH_BIN ?? 'target/host';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = [1, 64, 1024];
const children = [];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port, deadline = 20_000) {
  const until = Date.now() + deadline;
  while (Date.now() < until) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await sleep(50);
  }
  throw new Error(`nothing listens on ${port} after ${deadline} ms`);
}

async function start(binary, args, env = {}) {
  const child = spawn(binary, args, {
    env: { ...process.env, ...env },
    // The host logs one line per request: not what is measured here.
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  children.push(child);
  return child;
}

async function host(upstream, dist, extra = []) {
  const port = await freePort();
  const child = await start(`${BIN}/logto-host`, [
    '--upstream', upstream, '--dist', dist, '--listen', `127.0.0.1:${port}`, ...extra,
  ]);
  await waitForPort(port);
  return { child, port, origin: `http://127.0.0.1:${port}` };
}

function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(status.match(new RegExp(`${name}:\\s+(\\d+) kB`))[1]);
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}
const mib = (kb) => `${(kb / 1024).toFixed(1)} MiB`;

function millis(text) {
  const match = text.match(/^([\d.]+)(us|ms|s|m)$/);
  if (!match) return NaN;
  return Number(match[1]) * { us: 0.001, ms: 1, s: 1000, m: 60_000 }[match[2]];
}

async function wrk(url, connections, seconds = SECONDS) {
  const threads = Math.min(2, connections);
  const { stdout } = await run(
    'wrk',
    [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '--latency', url],
    { timeout: (seconds + 30) * 1000 },
  );
  const rps = Number(stdout.match(/Requests\/sec:\s+([\d.]+)/)[1]);
  const p50 = millis((stdout.match(/50%\s+(\S+)/) ?? [])[1] ?? '');
  const p99 = millis((stdout.match(/99%\s+(\S+)/) ?? [])[1] ?? '');
  if (Number.isNaN(p50 + p99)) console.error(`unexpected wrk output:\n${stdout}`);
  const errors = (stdout.match(/Socket errors: (.*)/) ?? [])[1] ?? '';
  const non2xx = Number((stdout.match(/Non-2xx or 3xx responses: (\d+)/) ?? [0, 0])[1]);
  return { rps, p50, p99, errors, non2xx };
}

function request(origin, path, { method = 'GET', body, headers = {}, timeout = 30_000 } = {}) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const req = http.request(`${origin}${path}`, { method, headers, agent: false, timeout }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({
        status: res.statusCode,
        headers: res.headers,
        text: Buffer.concat(chunks).toString(),
        ms: Date.now() - started,
      }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (typeof body === 'function') body(req);
    else req.end(body);
  });
}

/** `count` connections that each got one answer and stay open, idle. */
async function openConnections(port, count) {
  const sockets = [];
  for (let i = 0; i < count; i += 1) {
    sockets.push(new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(`GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
      });
      socket.once('data', () => resolve(socket));
      socket.on('error', reject);
      socket.setTimeout(10_000, () => reject(new Error('no answer')));
    }));
  }
  return Promise.all(sockets);
}

/** `count` connections sending a request head one byte per second. */
function slowClients(port, count) {
  const head = `GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: ${'a'.repeat(200)}\r\n`;
  const opened = Date.now();
  const closedAfter = [];
  const sockets = [];
  for (let i = 0; i < count; i += 1) {
    const socket = net.connect(port, '127.0.0.1');
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < head.length) socket.write(head[sent++]);
    }, 1000);
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      closedAfter.push(Date.now() - opened);
    });
    sockets.push(socket);
  }
  return { sockets, closedAfter };
}

const fmt = (n) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));

// ------------------------------------------------------------------ set-up

const dist = mkdtempSync(join(tmpdir(), 'logto-bench-'));
mkdirSync(join(dist, 'assets'));
const index = `<!doctype html><html><head><meta charset="utf-8"><title>Sign in</title>${
  '<link rel="modulepreload" href="/assets/app.js">'.repeat(20)}</head><body><div id="app"></div></body></html>`;
writeFileSync(join(dist, 'index.html'), index);
writeFileSync(join(dist, 'assets', 'app.js'), `/* app */${'x'.repeat(64 * 1024 - 9)}`);

const simPort = await freePort();
const sim = await start(`${BIN}/logto-sim`, [], { PORT: String(simPort), DIST: dist });
await waitForPort(simPort);
const simOrigin = `http://127.0.0.1:${simPort}`;
const front = await host(simOrigin, dist);
const cpus = (await run('nproc')).stdout.trim();
console.log(`logto-host benchmark: ${cpus} cores, wrk ${SECONDS} s per run, loopback`);
console.log(`host pid ${front.child.pid}, simulator pid ${sim.pid}; index.html ${index.length} B, app.js 64 KiB\n`);
const idle = memory(front.child.pid);

// ------------------------------------------------------------ throughput

const cases = [
  ['page (index.html)', '/index.html'],
  ['static file (64 KiB)', '/assets/app.js'],
  ['API (GET /api/.well-known/experience)', '/api/.well-known/experience'],
];
console.log('| what | connections | through the host: req/s, p50, p99 | straight to the simulator: req/s, p50, p99 |');
console.log('| --- | ---: | --- | --- |');
const results = [];
for (const [name, path] of cases) {
  for (const connections of CONNECTIONS) {
    const through = await wrk(`${front.origin}${path}`, connections);
    const direct = await wrk(`${simOrigin}${path}`, connections);
    results.push({ name, connections, through, direct });
    const cell = (r) => `${fmt(r.rps)}, ${fmt(r.p50)} ms, ${fmt(r.p99)} ms${r.non2xx ? ` (${r.non2xx} non-2xx)` : ''}${r.errors ? ` (socket errors: ${r.errors})` : ''}`;
    console.log(`| ${name} | ${connections} | ${cell(through)} | ${cell(direct)} |`);
  }
}
const afterLoad = memory(front.child.pid);

// ---------------------------------------------------------------- memory

// On a fresh host: the allocator keeps what the load runs used.
const fresh = await host(simOrigin, dist);
const freshIdle = memory(fresh.child.pid);
const held = await openConnections(fresh.port, 1024);
await sleep(200);
const open1024 = memory(fresh.child.pid);
held.forEach((socket) => socket.destroy());
fresh.child.kill('SIGTERM');
console.log(`\nmemory (RSS) of the host: idle ${mib(freshIdle.rss)}; with 1,024 open kept-alive connections ${
  mib(open1024.rss)} (each answered once, then idle); after the load runs ${mib(afterLoad.rss)}, peak ${
  mib(afterLoad.peak)}`);

// ---------------------------------------------------------- slow clients

await sleep(500);
const baseline = await wrk(`${front.origin}/index.html`, 16);
const slow = slowClients(front.port, 1000);
await sleep(1000);
const underAttack = await wrk(`${front.origin}/index.html`, 16);
const during = memory(front.child.pid);
const until = Date.now() + 30_000;
while (slow.closedAfter.length < 1000 && Date.now() < until) await sleep(200);
slow.sockets.forEach((socket) => socket.destroy());
const closed = slow.closedAfter.filter((ms) => ms < 30_000);
console.log(`\nslow clients: 16 connections alone ${fmt(baseline.rps)} req/s (p99 ${fmt(baseline.p99)} ms); `
  + `beside 1,000 connections trickling their headers at 1 byte/s ${fmt(underAttack.rps)} req/s `
  + `(p99 ${fmt(underAttack.p99)} ms, errors: ${underAttack.errors || 'none'}), RSS ${mib(during.rss)}; `
  + `the host closed ${closed.length} of the 1,000 after ${(Math.min(...closed) / 1000).toFixed(1)}–${
    (Math.max(...closed) / 1000).toFixed(1)} s (--header-timeout 15 s)`);

// -------------------------------------------------------------- failures

const tooLarge = await request(front.origin, '/api/experience', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: Buffer.alloc(2 * 1024 * 1024, 'a'),
}).catch((error) => ({ status: `error ${error.code ?? error.message}`, ms: 0 }));
const streamed = await request(front.origin, '/api/experience', {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
  body: (req) => {
    // 2 MiB in 64 KiB chunks, without a Content-Length; the host may
    // answer (and close) before it is all sent.
    req.on('error', () => {});
    for (let i = 0; i < 32; i += 1) req.write(Buffer.alloc(64 * 1024, 'a'));
    req.end();
  },
}).catch((error) => ({ status: `error ${error.code ?? error.message}`, ms: 0 }));
// curl asks `Expect: 100-continue` first, so it gets the answer unsent.
const bodyFile = join(dist, 'big.json');
writeFileSync(bodyFile, Buffer.alloc(2 * 1024 * 1024, 'a'));
const curl = await run('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code} in %{time_total} s',
  '--data-binary', `@${bodyFile}`, `${front.origin}/api/experience`]).then((r) => r.stdout, (e) => `error ${e.code}`);
console.log(`\noversized bodies: 2 MiB with Content-Length → ${tooLarge.status} in ${tooLarge.ms} ms `
  + `(Node writing it all first), curl → ${curl}; 2 MiB chunked → ${streamed.status} in ${streamed.ms} ms`);

// An upstream that accepts and never answers, and one that answers late.
const hanging = http.createServer(() => {});
const late = http.createServer((req, res) => {
  setTimeout(() => {
    res.setHeader('content-type', 'application/json');
    res.end('{"late":true}');
  }, 1500);
});
for (const server of [hanging, late]) {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
}
const hangingHost = await host(`http://127.0.0.1:${hanging.address().port}`, dist, ['--timeout', '2']);
const hungApi = await request(hangingHost.origin, '/api/experience/interaction');
const hungPage = await request(hangingHost.origin, '/oidc/auth?client_id=x');
console.log(`upstream that hangs (--timeout 2): /api → ${hungApi.status} ${JSON.parse(hungApi.text).code} `
  + `in ${hungApi.ms} ms; /oidc → ${hungPage.status} ${hungPage.headers['content-type']} in ${hungPage.ms} ms`);

const downPort = await freePort();
const downHost = await host(`http://127.0.0.1:${downPort}`, dist);
const downApi = await request(downHost.origin, '/api/.well-known/experience');
const downPage = await request(downHost.origin, '/oidc/auth?client_id=x');
const downSpa = await request(downHost.origin, '/sign-in');
console.log(`upstream that is down: /api → ${downApi.status} ${JSON.parse(downApi.text).code} in ${downApi.ms} ms; `
  + `/oidc → ${downPage.status} ${downPage.headers['content-type']} in ${downPage.ms} ms; `
  + `the page itself → ${downSpa.status}`);

// Graceful shutdown: SIGTERM while a forwarded request waits 1.5 s.
const lateHost = await host(`http://127.0.0.1:${late.address().port}`, dist);
const exited = new Promise((resolve) => lateHost.child.on('exit', (code) => resolve({ code, at: Date.now() })));
const inFlight = request(lateHost.origin, '/api/late');
await sleep(300);
const signalled = Date.now();
lateHost.child.kill('SIGTERM');
await sleep(200);
const refused = await request(lateHost.origin, '/sign-in', { timeout: 2000 })
  .then((answer) => `answered ${answer.status}`)
  .catch((error) => `refused (${error.code ?? error.message})`);
const finished = await inFlight;
const exit = await Promise.race([exited, sleep(10_000).then(() => ({ code: 'still running', at: Date.now() }))]);
console.log(`graceful shutdown: the request in flight got ${finished.status} ${finished.text} after ${finished.ms} ms; `
  + `a new connection after SIGTERM was ${refused}; the host exited (${exit.code}) ${exit.at - signalled} ms after SIGTERM`);

for (const server of [hanging, late]) server.closeAllConnections?.(), server.close();
process.exit(0);
