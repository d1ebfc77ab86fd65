/**
 * rangedDownload against a local HTTP server that honours `Range` (or, per test, misbehaves): the
 * object's bytes come out whole and in order, at most `concurrency` requests run at once, a transient
 * failure of one range is retried, a refusal is not, and a short or misplaced range is an error
 * rather than silently wrong bytes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { restorePool } from '../../../src/cache/restore/http.js';
import { RangedDownloadError, rangedDownload, type RangedOptions } from '../../../src/cache/restore/ranged-download.js';

const DATA = randomBytes(10_000);
const CHUNK = 1000;

/** What a test's server does with a request for bytes start-end (inclusive); `undefined`: a correct 206. */
type Misbehave = (req: http.IncomingMessage, res: http.ServerResponse, range: { start: number; end: number } | undefined, attempt: number) => boolean;

interface Server {
  url: string;
  /** Requests seen, by range start (-1: no Range header). */
  requests: Map<number, number>;
  /** The Range headers received, in order. */
  ranges: string[];
  maxActive: number;
  close(): Promise<void>;
}

const servers: Server[] = [];
let pool: ReturnType<typeof restorePool>;
beforeAll(() => {
  pool = restorePool();
});
afterAll(async () => pool.close());
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/**
 * A storage double: `Range: bytes=a-b` answers 206 with those bytes of DATA. Each answer is held a
 * little, later ranges less than earlier ones, so ranges run side by side and finish out of order.
 */
async function serve(misbehave?: Misbehave): Promise<Server> {
  const requests = new Map<number, number>();
  let active = 0;
  const s: Server = { url: '', requests, ranges: [], maxActive: 0, close: async () => undefined };
  const server = http.createServer((req, res) => {
    active++;
    s.maxActive = Math.max(s.maxActive, active);
    res.on('close', () => active--);
    s.ranges.push(req.headers.range ?? '');
    const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    const range = m !== null ? { start: Number(m[1]), end: Math.min(Number(m[2]), DATA.length - 1) } : undefined;
    const key = range?.start ?? -1;
    const attempt = (requests.get(key) ?? 0) + 1;
    requests.set(key, attempt);
    const hold = range === undefined ? 0 : 5 + Math.floor(((DATA.length - range.start) / DATA.length) * 40);
    setTimeout(() => {
      if (misbehave?.(req, res, range, attempt) === true) return;
      if (range === undefined) {
        res.writeHead(200, { 'content-length': String(DATA.length) });
        res.end(DATA);
        return;
      }
      const body = DATA.subarray(range.start, range.end + 1);
      res.writeHead(206, { 'content-length': String(body.length), 'content-range': `bytes ${range.start}-${range.end}/${DATA.length}` });
      res.end(body);
    }, hold);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  s.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/container/entry.tzst?sig=secret`;
  s.close = async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  };
  servers.push(s);
  return s;
}

async function readAll(url: string, o: Partial<RangedOptions> = {}): Promise<{ bytes: Buffer; pieces: number }> {
  const out: Buffer[] = [];
  for await (const p of rangedDownload(url, { pool, userAgent: 'lading-test', chunkBytes: CHUNK, concurrency: 3, retries: 2, retryDelayMs: 5, ...o })) out.push(p);
  return { bytes: Buffer.concat(out), pieces: out.length };
}

describe('rangedDownload', () => {
  test('the bytes come out whole and in order over many ranges, each range read once', async () => {
    const s = await serve();
    const progress: number[] = [];
    const { bytes } = await readAll(s.url, { onProgress: (received, total) => {
      expect(total).toBe(DATA.length);
      progress.push(received);
    } });
    expect(bytes.equals(DATA)).toBe(true);
    expect([...s.requests.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i * CHUNK));
    expect([...s.requests.values()].every((n) => n === 1)).toBe(true);
    expect(progress.at(-1)).toBe(DATA.length);
  });

  test('a size that is not a multiple of the chunk (last range short) is whole too', async () => {
    const s = await serve();
    const { bytes } = await readAll(s.url, { chunkBytes: 3000 });
    expect(bytes.equals(DATA)).toBe(true);
    expect(s.requests.size).toBe(4);
  });

  test('never more than `concurrency` requests at once, and more than one when allowed', async () => {
    const s = await serve();
    await readAll(s.url, { concurrency: 3 });
    expect(s.maxActive).toBeLessThanOrEqual(3);
    expect(s.maxActive).toBeGreaterThan(1);

    const one = await serve();
    expect((await readAll(one.url, { concurrency: 1 })).bytes.equals(DATA)).toBe(true);
    expect(one.maxActive).toBe(1);
  });

  test('a range answered 503 once is read again, and the result is still whole', async () => {
    const s = await serve((_req, res, range, attempt) => {
      if (range?.start === 4 * CHUNK && attempt === 1) {
        res.writeHead(503, { 'content-length': '4' });
        res.end('busy');
        return true;
      }
      return false;
    });
    const { bytes } = await readAll(s.url);
    expect(bytes.equals(DATA)).toBe(true);
    expect(s.requests.get(4 * CHUNK)).toBe(2);
  });

  test('a 404 fails at once, without another attempt', async () => {
    const s = await serve((_req, res, range) => {
      if (range?.start === 2 * CHUNK) {
        res.writeHead(404, { 'content-length': '0' });
        res.end();
        return true;
      }
      return false;
    });
    const err = await readAll(s.url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RangedDownloadError);
    expect((err as Error).message).toMatch(/404/);
    expect((err as Error).message).not.toMatch(/sig=|secret/);
    expect(s.requests.get(2 * CHUNK)).toBe(1);
  });

  test('a server that ignores Range (200 with the whole body) gives the whole body from one request', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(DATA.length) });
      res.end(DATA);
      return true;
    });
    const { bytes } = await readAll(s.url);
    expect(bytes.equals(DATA)).toBe(true);
    expect([...s.requests.values()].reduce((a, b) => a + b, 0)).toBe(1);
  });

  test('a range cut short is asked again from the byte it stopped at, and the result is whole', async () => {
    const s = await serve((_req, res, range, attempt) => {
      if (range?.start !== 3 * CHUNK || attempt !== 1) return false;
      const body = DATA.subarray(range.start, range.start + 500);
      res.writeHead(206, { 'content-length': String(body.length), 'content-range': `bytes ${range.start}-${range.end}/${DATA.length}` });
      res.end(body);
      return true;
    });
    const { bytes } = await readAll(s.url);
    expect(bytes.equals(DATA)).toBe(true);
    expect(s.ranges).toContain(`bytes=${3 * CHUNK + 500}-${4 * CHUNK - 1}`);
    expect(s.requests.get(3 * CHUNK)).toBe(1);
  });

  test('a range that keeps coming short fails with RangedDownloadError once its retries are spent', async () => {
    const s = await serve((_req, res, range) => {
      if (range === undefined || range.start < 3 * CHUNK || range.start >= 4 * CHUNK) return false;
      const body = DATA.subarray(range.start, range.start + Math.ceil((range.end + 1 - range.start) / 2));
      res.writeHead(206, { 'content-length': String(body.length), 'content-range': `bytes ${range.start}-${range.end}/${DATA.length}` });
      res.end(body);
      return true;
    });
    const err = await readAll(s.url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RangedDownloadError);
    expect((err as Error).message).toMatch(/storage sent \d+ of the \d+ bytes/);
    expect(s.ranges.filter((r) => Number(/^bytes=(\d+)/.exec(r)?.[1]) >= 3 * CHUNK && Number(/^bytes=(\d+)/.exec(r)?.[1]) < 4 * CHUNK)).toHaveLength(3);
  });

  test('a server that ignores Range and breaks off the whole body fails (the bytes already handed on are not sent twice)', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(DATA.length) });
      res.write(DATA.subarray(0, 4000), () => res.destroy());
      return true;
    });
    const out: Buffer[] = [];
    const err = await (async () => {
      for await (const p of rangedDownload(s.url, { pool, userAgent: 'lading-test', chunkBytes: CHUNK, retries: 2, retryDelayMs: 5 })) out.push(p);
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RangedDownloadError);
    expect((err as Error).message).toMatch(/ignores byte ranges, and the read broke off/);
    expect(s.ranges).toHaveLength(1);
    const got = Buffer.concat(out);
    expect(got.equals(DATA.subarray(0, got.length))).toBe(true);
  });

  test('a range answered with other bytes than were asked for (wrong Content-Range) fails with RangedDownloadError', async () => {
    const s = await serve((_req, res, range) => {
      if (range?.start !== 5 * CHUNK) return false;
      const body = DATA.subarray(0, CHUNK);
      res.writeHead(206, { 'content-length': String(body.length), 'content-range': `bytes 0-${CHUNK - 1}/${DATA.length}` });
      res.end(body);
      return true;
    });
    const err = await readAll(s.url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RangedDownloadError);
    expect((err as Error).message).toMatch(/bytes 5000-5999 with the range bytes 0-999/);
    expect(s.requests.get(5 * CHUNK)).toBe(1);
  });
});
