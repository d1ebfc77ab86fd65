/**
 * A shaping TCP proxy on 127.0.0.1, so a loopback registry behaves like a remote one:
 * - every chunk the client sends (an HTTP request: GET/HEAD headers fit in one write) reaches the
 *   server `delayMs` later, in order: each request pays that latency once;
 * - each connection's server->client bytes are paced to `rate` bytes/s (a token bucket per connection
 *   holding `burstMs` worth of bytes), with backpressure both ways.
 *
 * It only listens on 127.0.0.1 and only connects to 127.0.0.1, and it stops itself: after `lifetimeMs`,
 * and (as a child process) as soon as its parent goes away (stdin closes).
 *
 * As a module: `startProxy({ targetPort, delayMs, rate })` -> { port, host, stats(), reset(), close() }.
 * As a program: `node bench/proxy.mjs --target PORT [--delay-ms 30] [--rate 25000000] [--lifetime-s 900]`
 *   prints `{"port":N}` on stdout; then each stdin line `stats` prints a JSON line of counters and
 *   `reset` zeroes them (and answers `{"reset":true}`).
 * With BENCH_PROXY_TRACE=1 it writes one stderr line per request: connection, ms since the last reset
 * when the request arrived, when its first and last response bytes left, response bytes, request line.
 * (A request's response is taken to end when the next request arrives on that connection or it closes.)
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const LOOPBACK = '127.0.0.1';
const REQUEST_START = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) /;

/**
 * @param {{ targetPort: number, delayMs?: number, rate?: number, burstMs?: number, lifetimeMs?: number, port?: number, trace?: boolean }} opts
 */
export async function startProxy(opts) {
  const delayMs = opts.delayMs ?? 30;
  const rate = opts.rate ?? 25_000_000; // bytes per second, per connection
  const perMs = rate / 1000;
  const burstMs = opts.burstMs ?? 5;
  const lifetimeMs = opts.lifetimeMs ?? 15 * 60_000;
  const tracing = opts.trace ?? process.env.BENCH_PROXY_TRACE === '1';
  const sockets = new Set();

  const counters = () => ({ connections: 0, requests: 0, bytesUp: 0, bytesDown: 0, maxOpen: 0, tlsHellos: 0 });
  let c = counters();
  let open = 0;
  let epoch = performance.now();

  const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (client) => {
    c.connections++;
    open++;
    if (open > c.maxOpen) c.maxOpen = open;
    const id = c.connections;
    const upstream = net.connect({ host: LOOPBACK, port: opts.targetPort, allowHalfOpen: true, noDelay: true });
    sockets.add(client);
    sockets.add(upstream);

    // Per-request trace: the current request of this connection.
    let req;
    const flushTrace = () => {
      if (!tracing || req === undefined) return;
      const f = (t) => (t === undefined ? '-' : (t - epoch).toFixed(0)).padStart(6);
      process.stderr.write(`[proxy] conn ${String(id).padStart(3)} req ${f(req.t)} first ${f(req.first)} last ${f(req.last)} ${String(req.bytes).padStart(10)} B  ${req.line}\n`);
      req = undefined;
    };

    let closed = false;
    const teardown = () => {
      if (closed) return;
      closed = true;
      flushTrace();
      open--;
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', teardown);
    upstream.on('error', teardown);
    client.on('close', teardown);
    upstream.on('close', teardown);

    // client -> server: every chunk delayed by delayMs, order kept.
    let lastUp = 0;
    let pendingUp = 0;
    let clientEnded = false;
    client.on('data', (chunk) => {
      const now = performance.now();
      c.bytesUp += chunk.length;
      if (REQUEST_START.test(chunk.subarray(0, 8).toString('latin1'))) {
        c.requests++;
        // Wall clock (shared with the bench): when the first request since the reset arrived.
        c.firstRequestAt ??= Date.now();
        if (tracing) {
          flushTrace();
          const eol = chunk.indexOf(13);
          req = { t: now, first: undefined, last: undefined, bytes: 0, line: chunk.subarray(0, eol > 0 ? Math.min(eol, 160) : 160).toString('latin1') };
        }
      } else if (chunk[0] === 0x16) {
        c.tlsHellos++; // a TLS ClientHello: a client trying HTTPS first
      }
      const at = Math.max(now + delayMs, lastUp);
      lastUp = at;
      pendingUp++;
      // One FIFO per connection, drained by one timer at a time: separate timers per chunk can fire
      // out of order (rounded delays), which reorders request bodies and corrupts uploads.
      upQueue.push({ at, chunk });
      if (upQueue.length === 1) pumpUp();
    });
    const upQueue = [];
    const pumpUp = () => {
      const head = upQueue[0];
      if (head === undefined) return;
      const wait = head.at - performance.now();
      if (wait > 0) {
        setTimeout(pumpUp, Math.ceil(wait));
        return;
      }
      upQueue.shift();
      pendingUp--;
      if (!closed) {
        upstream.write(head.chunk);
        if (pendingUp === 0 && clientEnded) upstream.end();
      }
      pumpUp();
    };
    client.on('end', () => {
      clientEnded = true;
      if (pendingUp === 0 && !closed) upstream.end();
    });

    // server -> client: paced to `rate`, one chunk in flight at a time. A paused socket can still
    // emit 'end' (EOF with nothing buffered), so the end is forwarded only after the chunks before it.
    let nextFree = 0;
    let pendingDown = 0;
    let upstreamEnded = false;
    upstream.on('data', (chunk) => {
      c.bytesDown += chunk.length;
      upstream.pause();
      pendingDown++;
      const now = performance.now();
      const start = Math.max(nextFree, now - burstMs);
      nextFree = start + chunk.length / perMs;
      const send = () => {
        pendingDown--;
        if (closed) return;
        const ok = client.write(chunk);
        if (req !== undefined) {
          const t = performance.now();
          req.first ??= t;
          req.last = t;
          req.bytes += chunk.length;
        }
        if (upstreamEnded && pendingDown === 0) client.end();
        else if (ok) upstream.resume();
        else client.once('drain', () => upstream.resume());
      };
      const wait = nextFree - now;
      if (wait >= 1) setTimeout(send, wait);
      else send();
    });
    upstream.on('end', () => {
      upstreamEnded = true;
      if (!closed && pendingDown === 0) client.end();
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, LOOPBACK, () => resolve(undefined));
  });
  const port = /** @type {net.AddressInfo} */ (server.address()).port;

  let timer;
  const close = async () => {
    clearTimeout(timer);
    for (const s of sockets) s.destroy();
    sockets.clear();
    await new Promise((r) => server.close(() => r(undefined)));
  };
  timer = setTimeout(() => void close(), lifetimeMs);
  timer.unref();

  return {
    port,
    host: `${LOOPBACK}:${port}`,
    stats: () => ({ ...c, open }),
    reset: () => {
      c = counters();
      c.maxOpen = open;
      epoch = performance.now();
      if (tracing) process.stderr.write('[proxy] --- reset ---\n');
    },
    close
  };
}

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const targetPort = Number(arg('target', ''));
  if (!Number.isInteger(targetPort) || targetPort <= 0) {
    process.stderr.write('usage: node bench/proxy.mjs --target PORT [--delay-ms 30] [--rate 25000000] [--lifetime-s 900]\n');
    process.exit(2);
  }
  const lifetimeMs = Number(arg('lifetime-s', '900')) * 1000;
  const proxy = await startProxy({
    targetPort,
    delayMs: Number(arg('delay-ms', '30')),
    rate: Number(arg('rate', '25000000')),
    lifetimeMs
  });
  const stop = async () => {
    await proxy.close();
    process.exit(0);
  };
  // Bounded lifetime, and gone with the parent: stdin closes when the parent dies.
  setTimeout(() => void stop(), lifetimeMs).unref();
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  let buf = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (d) => {
    buf += d;
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (line === 'stats') process.stdout.write(`${JSON.stringify(proxy.stats())}\n`);
      else if (line === 'reset') {
        proxy.reset();
        process.stdout.write('{"reset":true}\n');
      }
    }
  });
  process.stdin.on('end', () => void stop());
  process.stdout.write(`${JSON.stringify({ port: proxy.port })}\n`);
}
