/**
 * Reads one large object over HTTP as parallel byte ranges, handed on in order as they arrive:
 * `chunkBytes` a request, `concurrency` requests at a time. The range being handed on streams straight
 * through; the ones after it are held until their turn, so memory stays within concurrency x
 * chunkBytes whatever the size. The first request's answer tells the size, and the others start then
 * (while its body still flows). A range that fails is asked again from where it stopped (connection
 * errors, 408, 429, 5xx); a server that ignores ranges (200 to the first request) is read as one
 * stream, not retried once bytes were handed on. The bytes are handed on as the HTTP client received
 * them (no copy into larger buffers: fresh memory costs more than the copy).
 */
import pRetry, { AbortError } from 'p-retry';
import { eachChunk } from '../../oci/body-chunks.js';
import { request, isTransientStatus, type HttpPool } from './http.js';

export interface RangedOptions {
  pool: HttpPool;
  userAgent: string;
  /** Bytes a request (default 4 MiB: a 1 GiB restore then peaks under 200 MB). */
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

/** One range: its bytes as they arrive, resumed from where it stopped when an attempt fails. */
class RangeTask {
  readonly pieces: Buffer[] = [];
  received = 0;
  done = false;
  error: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(
    readonly start: number,
    /** Inclusive; undefined until the size is known (the first range of a server that ignores ranges). */
    public end: number | undefined
  ) {}

  push(piece: Buffer): void {
    this.pieces.push(piece);
    this.received += piece.length;
    this.notify();
  }

  finish(error?: Error): void {
    this.done = true;
    this.error = error;
    this.notify();
  }

  private notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  /** The bytes in order, as they arrive. */
  async *drain(): AsyncGenerator<Buffer> {
    for (;;) {
      const p = this.pieces.shift();
      if (p !== undefined) {
        yield p;
        continue;
      }
      if (this.done) {
        if (this.error !== undefined) throw this.error;
        return;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

/** The object's bytes, in order. */
export async function* rangedDownload(url: string, o: RangedOptions): AsyncGenerator<Buffer> {
  const chunk = o.chunkBytes ?? 4 << 20;
  const concurrency = Math.max(1, o.concurrency ?? 4);
  let total: number | undefined;
  let sized: () => void = () => undefined;
  const sizeKnown = new Promise<void>((resolve) => (sized = resolve));

  /** Runs a range's attempts; `first` learns the size from its answer. Never rejects (the task holds the error). */
  const run = async (task: RangeTask, first: boolean): Promise<void> => {
    let whole = false;
    try {
      await pRetry(
        async () => {
          if (whole && task.received > 0) throw new AbortError(new RangedDownloadError('storage ignores byte ranges, and the read broke off'));
          const from = task.start + task.received;
          const res = await request(o.pool, url, {
            method: 'GET',
            headers: { range: `bytes=${from}-${task.end ?? ''}`, 'user-agent': o.userAgent },
            ...(o.signal !== undefined ? { signal: o.signal } : {})
          });
          let want: number | undefined;
          if (res.statusCode === 200 && first && task.received === 0) {
            whole = true;
            const len = Number(res.headers['content-length']);
            total = Number.isFinite(len) ? len : undefined;
            task.end = total !== undefined ? total - 1 : undefined;
            want = total;
          } else if (res.statusCode === 206) {
            const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(res.headers['content-range'] ?? ''));
            if (m === null || Number(m[1]) !== from || (task.end !== undefined && Number(m[2]) > task.end)) {
              await res.body.dump().catch(() => undefined);
              throw new AbortError(new RangedDownloadError(`storage answered a read of bytes ${from}-${task.end ?? ''} with the range ${String(res.headers['content-range'] ?? '(none)')}`));
            }
            if (first && total === undefined) total = Number(m[3]);
            want = Number(m[2]) - from + 1;
          } else {
            await res.body.dump().catch(() => undefined);
            const e = new RangedDownloadError(`storage answered ${res.statusCode} to a read of bytes ${from}-${task.end ?? ''}`);
            if (isTransientStatus(res.statusCode)) throw e;
            throw new AbortError(e);
          }
          if (first) sized();
          let got = 0;
          // Chunk by chunk as the HTTP client made them (a `for await` joins what is buffered into a
          // fresh buffer); eachChunk counts each one for the young-generation collections.
          await eachChunk(res.body, (p) => {
            got += p.length;
            task.push(p);
            return undefined;
          });
          if (want !== undefined && got !== want) throw new RangedDownloadError(`storage sent ${got} of the ${want} bytes of a read`);
        },
        { retries: o.retries ?? 3, minTimeout: o.retryDelayMs ?? 500, factor: 2, ...(o.signal !== undefined ? { signal: o.signal } : {}) }
      );
      task.finish();
    } catch (e) {
      task.finish(e as Error);
    } finally {
      if (first) sized();
    }
  };

  let received = 0;
  const handOn = async function* (task: RangeTask): AsyncGenerator<Buffer> {
    for await (const p of task.drain()) {
      received += p.length;
      o.onProgress?.(received, total);
      yield p;
    }
  };

  const head = new RangeTask(0, chunk - 1);
  void run(head, true);
  await sizeKnown;
  const tasks: RangeTask[] = [];
  if (total !== undefined && head.end !== undefined && head.end + 1 < total) {
    for (let s = chunk; s < total; s += chunk) tasks.push(new RangeTask(s, Math.min(s + chunk, total) - 1));
  }
  // The head counts against the window while it is handed on.
  let next = 0;
  const fill = (ahead: number): void => {
    while (ahead < concurrency && next < tasks.length) {
      void run(tasks[next++] as RangeTask, false);
      ahead++;
    }
  };
  fill(1);
  yield* handOn(head);
  for (let i = 0; i < tasks.length; i++) {
    // Started so far: tasks[0..next); one more may start for each range handed on.
    fill(next - i);
    yield* handOn(tasks[i] as RangeTask);
  }
}
