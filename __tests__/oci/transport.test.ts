/**
 * The registry client's HTTP transport (src/oci/transport.ts) against a real node HTTP server: what
 * the client relies on from it. Repeated headers stay apart; a small body dumped keeps the connection
 * for the next request and a large one closes it; a streamed upload whose chunks come from reused
 * buffers arrives intact even when the server reads slowly; nothing moving fails with ETIMEDOUT
 * (before the answer and within its body); a connection the server never takes fails within the
 * connect timeout; an abort ends the request and its body.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import http from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { HttpPool, request } from '../../src/oci/transport.js';

interface Served {
  url: (path: string) => URL;
  connections: () => number;
  close: () => Promise<void>;
}

const open: Array<{ server: http.Server; sockets: Set<Socket> }> = [];

async function serve(handler: http.RequestListener): Promise<Served> {
  const server = http.createServer(handler);
  const sockets = new Set<Socket>();
  let connections = 0;
  server.on('connection', (s) => {
    connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const entry = { server, sockets };
  open.push(entry);
  const { port } = server.address() as AddressInfo;
  return {
    url: (p) => new URL(`http://127.0.0.1:${port}${p}`),
    connections: () => connections,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    }
  };
}

afterEach(async () => {
  for (const { server, sockets } of open.splice(0)) {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  }
});

describe('HTTP transport', () => {
  test('a header sent once is a string, one sent twice an array (two WWW-Authenticate challenges stay apart)', async () => {
    const s = await serve((_req, res) => {
      res.setHeader('www-authenticate', ['Bearer realm="https://auth.example/token",service="r"', 'Basic realm="r"']);
      res.setHeader('Docker-Content-Digest', 'sha256:abc');
      res.writeHead(401).end('{}');
    });
    const pool = new HttpPool();
    const res = await request(pool, s.url('/v2/'));
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toEqual(['Bearer realm="https://auth.example/token",service="r"', 'Basic realm="r"']);
    expect(res.headers['docker-content-digest']).toBe('sha256:abc');
    expect(await res.body.json()).toEqual({});
    await pool.close();
  });

  test('a small body dumped leaves the connection for the next request; a large one is closed', async () => {
    const big = Buffer.alloc(4 * 1024 * 1024, 7);
    const s = await serve((req, res) => {
      if (req.url === '/big') {
        res.setHeader('content-length', big.length);
        res.end(big);
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"BLOB_UNKNOWN"}]}');
    });
    const pool = new HttpPool({ connections: 1 });
    for (let i = 0; i < 3; i++) {
      const res = await request(pool, s.url(`/small${i}`));
      expect(res.statusCode).toBe(404);
      await res.body.dump();
    }
    expect(s.connections()).toBe(1);
    const res = await request(pool, s.url('/big'));
    await res.body.dump();
    expect(res.body.destroyed).toBe(true);
    const after = await request(pool, s.url('/small'));
    expect(await after.body.text()).toContain('BLOB_UNKNOWN');
    expect(s.connections()).toBe(2);
    await pool.close();
  });

  test('an upload whose chunks come from three reused buffers arrives intact while the server reads slowly', async () => {
    const chunkSize = 1024 * 1024;
    const chunks = 24;
    const expected = createHash('sha256');
    for (let i = 0; i < chunks; i++) expected.update(Buffer.alloc(chunkSize, i + 1));
    const s = await serve((req, res) => {
      const h = createHash('sha256');
      let n = 0;
      // Read in bursts with pauses, so the socket's buffers fill and writes wait.
      req.on('data', (c: Buffer) => {
        h.update(c);
        n += c.length;
        req.pause();
        setTimeout(() => req.resume(), 2);
      });
      req.on('end', () => res.writeHead(201).end(JSON.stringify({ n, digest: h.digest('hex') })));
    });
    const buffers = [Buffer.allocUnsafe(chunkSize), Buffer.allocUnsafe(chunkSize), Buffer.allocUnsafe(chunkSize)];
    async function* generate(): AsyncGenerator<Buffer> {
      for (let i = 0; i < chunks; i++) {
        const b = buffers[i % buffers.length] as Buffer;
        b.fill(i + 1);
        yield b;
      }
    }
    const pool = new HttpPool();
    const res = await request(pool, s.url('/upload'), {
      method: 'PUT',
      headers: { 'content-length': String(chunkSize * chunks) },
      body: Readable.from(generate(), { objectMode: false, highWaterMark: 1 })
    });
    expect(res.statusCode).toBe(201);
    expect(await res.body.json()).toEqual({ n: chunkSize * chunks, digest: expected.digest('hex') });
    await pool.close();
  });

  test('no answer within the idle timeout fails with ETIMEDOUT; so does a body that stops moving', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/silent') return; // never answers
      res.writeHead(200, { 'content-length': '1000' });
      res.write('x'.repeat(10)); // and nothing more
    });
    const pool = new HttpPool({ idleTimeout: 300 });
    await expect(request(pool, s.url('/silent'))).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    const res = await request(pool, s.url('/stalls'));
    expect(res.statusCode).toBe(200);
    await expect(res.body.text()).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    await pool.close();
  });

  test('a body nobody reads yet when its request times out fails quietly: no uncaught error, and reading it later gives the timeout', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('x'.repeat(10));
    });
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown): void => {
      uncaught.push(e);
    };
    process.on('uncaughtException', onUncaught);
    try {
      const pool = new HttpPool({ idleTimeout: 200 });
      const res = await request(pool, s.url('/stalls'));
      // The caller is busy elsewhere while the timeout fires.
      await new Promise((r) => setTimeout(r, 600));
      expect(uncaught).toEqual([]);
      await expect(res.body.text()).rejects.toMatchObject({ code: 'ETIMEDOUT' });
      await pool.close();
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });

  test('an abort ends a request waiting for its answer, and a body being read', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/silent') return;
      res.writeHead(200, { 'content-length': '1000' });
      res.write('x'.repeat(10));
    });
    const pool = new HttpPool();
    const waiting = new AbortController();
    const pending = request(pool, s.url('/silent'), { signal: waiting.signal });
    setTimeout(() => waiting.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    const reading = new AbortController();
    const res = await request(pool, s.url('/body'), { signal: reading.signal });
    const text = res.body.text();
    setTimeout(() => reading.abort(), 50);
    await expect(text).rejects.toMatchObject({ name: 'AbortError' });
    await pool.close();
  });

  test('a connection that is never made fails within the connect timeout: ETIMEDOUT, "could not connect"', async () => {
    // A listener that takes no connection: a process stopped right after it listens (backlog 1).
    // Once its accept queue is full the kernel drops every new SYN, so a connect hangs as it does
    // towards a host behind a firewall that drops packets.
    const child = spawn(process.execPath, ['-e', "const s = require('node:net').createServer(); s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => console.log(s.address().port))"], { stdio: ['ignore', 'pipe', 'inherit'] });
    const fillers: Socket[] = [];
    try {
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
        child.once('exit', (code) => reject(new Error(`listener exited (${code})`)));
      });
      child.kill('SIGSTOP');
      for (let i = 0; i < 4; i++) fillers.push(net.connect(port, '127.0.0.1').on('error', () => undefined));
      await new Promise((r) => setTimeout(r, 200));
      const pool = new HttpPool({ connectTimeout: 400 });
      const started = Date.now();
      await expect(request(pool, new URL(`http://127.0.0.1:${port}/v2/`))).rejects.toMatchObject({ code: 'ETIMEDOUT', message: expect.stringMatching(/could not connect/) });
      // Within the connect timeout, not the (minutes long) idle timeout or the kernel's own.
      expect(Date.now() - started).toBeLessThan(10_000);
      await pool.close();
    } finally {
      for (const f of fillers) f.destroy();
      child.kill('SIGKILL');
    }
  }, 20_000);

  test('a connection refused fails the request with ECONNREFUSED', async () => {
    const s = await serve(() => undefined);
    const url = s.url('/');
    await s.close();
    open.length = 0;
    const pool = new HttpPool();
    await expect(request(pool, url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await pool.close();
  });
});
