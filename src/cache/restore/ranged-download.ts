/**
 * Reads one large object over HTTP as parallel byte ranges, handed on in order: `chunkBytes` a request,
 * `concurrency` requests at a time, so memory stays within concurrency x chunkBytes whatever the size.
 * Each range is retried on its own (connection errors, 408, 429, 5xx); a server that ignores ranges
 * (200 to the first request) is read as one stream. The bytes are handed on as the HTTP client
 * received them (no copy into larger buffers: fresh memory costs more than the copy).
 */
import pRetry, { AbortError } from 'p-retry';
import { request, transientStatus, type Dispatcher } from './http.js';

export interface RangedOptions {
  dispatcher: Dispatcher;
  userAgent: string;
  /** Bytes a request (default 8 MiB). */
  chunkBytes?: number;
  /** Requests at a time (default 4). */
  concurrency?: number;
  /** Retries of one range after its first attempt (default 3). */
  retries?: number;
  retryDelayMs?: number;
  signal?: AbortSignal;
  /** Called as bytes are handed on: so far, and the object's size when known. */
  onProgress?: (received: number, total: number | undefined) => void;
}

/** A failure to read the object: the caller adds what was being read (never the URL: it is signed). */
export class RangedDownloadError extends Error {
  constructor(message: string, opts?: { cause?: unknown }) {
    super(message, opts);
    this.name = 'RangedDownloadError';
  }
}

interface Piece {
  status: number;
  /** Total size from Content-Range (206) or Content-Length (200). */
  total: number | undefined;
  pieces: Buffer[];
  /** For a 200: the body, still to be read. */
  stream?: AsyncIterable<Buffer>;
}

/** The object's bytes, in order. */
export async function* rangedDownload(url: string, o: RangedOptions): AsyncGenerator<Buffer> {
  const chunk = o.chunkBytes ?? 8 << 20;
  const concurrency = Math.max(1, o.concurrency ?? 4);
  const headers = (start: number, end: number): Record<string, string> => ({ range: `bytes=${start}-${end}`, 'user-agent': o.userAgent });

  const fetchRange = (start: number, end: number, first: boolean): Promise<Piece> =>
    pRetry(
      async () => {
        const res = await request(url, { dispatcher: o.dispatcher, method: 'GET', headers: headers(start, end), ...(o.signal !== undefined ? { signal: o.signal } : {}) });
        if (res.statusCode === 200 && first) {
          const len = Number(res.headers['content-length']);
          return { status: 200, total: Number.isFinite(len) ? len : undefined, pieces: [], stream: res.body as AsyncIterable<Buffer> };
        }
        if (res.statusCode !== 206) {
          await res.body.dump().catch(() => undefined);
          const e = new RangedDownloadError(`storage answered ${res.statusCode} to a read of bytes ${start}-${end}`);
          if (transientStatus(res.statusCode)) throw e;
          throw new AbortError(e);
        }
        const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(res.headers['content-range'] ?? ''));
        if (m === null || Number(m[1]) !== start) {
          await res.body.dump().catch(() => undefined);
          throw new AbortError(new RangedDownloadError(`storage answered a read of bytes ${start}-${end} with the range ${String(res.headers['content-range'] ?? '(none)')}`));
        }
        const want = Number(m[2]) - start + 1;
        const pieces: Buffer[] = [];
        let got = 0;
        for await (const p of res.body as AsyncIterable<Buffer>) {
          pieces.push(p);
          got += p.length;
        }
        if (got !== want) throw new RangedDownloadError(`storage sent ${got} of the ${want} bytes of the range ${start}-${end}`);
        return { status: 206, total: Number(m[3]), pieces };
      },
      { retries: o.retries ?? 3, minTimeout: o.retryDelayMs ?? 500, factor: 2, ...(o.signal !== undefined ? { signal: o.signal } : {}) }
    );

  let received = 0;
  const handOn = function* (pieces: Buffer[], total: number | undefined): Generator<Buffer> {
    for (const p of pieces) {
      received += p.length;
      yield p;
    }
    o.onProgress?.(received, total);
  };
  const head = await fetchRange(0, chunk - 1, true);
  if (head.stream !== undefined) {
    let got = 0;
    for await (const p of head.stream) {
      got += p.length;
      yield* handOn([p], head.total);
    }
    if (head.total !== undefined && got !== head.total) throw new RangedDownloadError(`storage sent ${got} of the ${head.total} bytes`);
    return;
  }
  const total = head.total as number;
  yield* handOn(head.pieces, total);
  const starts: number[] = [];
  for (let s = chunk; s < total; s += chunk) starts.push(s);
  const window: Promise<Piece>[] = [];
  let next = 0;
  const fill = (): void => {
    while (window.length < concurrency && next < starts.length) {
      const s = starts[next++] as number;
      const p = fetchRange(s, Math.min(s + chunk, total) - 1, false);
      p.catch(() => undefined); // awaited in order below; a later failure must not go unhandled meanwhile
      window.push(p);
    }
  };
  fill();
  try {
    while (window.length > 0) {
      const piece = await (window.shift() as Promise<Piece>);
      fill();
      yield* handOn(piece.pieces, total);
    }
  } finally {
    // Stopped early (a failure downstream): the ranges still in flight are let go.
    window.length = 0;
  }
}
