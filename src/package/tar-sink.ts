/**
 * Where the bytes of a tar go: a file, plain or zstd-compressed, optionally hashed on the way.
 *
 * Why not Node's streams: on the machines Lading runs on, touching fresh memory costs more than the
 * work itself (a page fault per 4 KiB; 2-3 ms per MiB measured on a 2-core VM), and Node's zstd stream
 * allocates a new output buffer for every chunk it produces, so writing a 1 GiB package cost about
 * 2.5 s of page faults before a byte was compressed. This sink compresses with the same libzstd of
 * node:zlib into two output buffers it reuses, and writes them with fs writes it awaits: no memory
 * per chunk, whatever the package's size.
 *
 * The reuse needs the zstd stream's handle (`_handle.writeSync` and `_writeState`, how node:zlib's
 * own synchronous API drives it), which Node does not document. When a Node without them runs the
 * action, the sink falls back to the zstd stream's public API, slower but the same bytes.
 */
import { createHash, type Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { constants as zlibConstants, createZstdCompress, zstdDecompressSync, type ZstdCompress } from 'node:zlib';

export interface TarSink {
  /** Takes `chunk`; once the promise resolves the sink holds no reference to it (it may be reused). */
  write(chunk: Uint8Array): Promise<void>;
  /** Flushes everything into the file (it stays open: the caller closes it). */
  end(): Promise<void>;
  /** Releases what the sink holds after a failure (the file is the caller's). */
  destroy(): void;
  /** Bytes written to the file so far. */
  readonly size: number;
  /** sha256 hex of the written bytes (after `end`), when hashing was asked for. */
  digest(): string | undefined;
}

export interface TarSinkOptions {
  compression: 'none' | 'zstd';
  zstdLevel: number;
  /** Hash what is written (the file's own sha256). */
  hash: boolean;
  /** Use the zstd stream's public API even when the handle is there (tests of the fallback). */
  publicZstdOnly?: boolean;
}

/** Size of each reused output buffer of the zstd sink. */
const OUT_CHUNK = 1 << 20;

export function openTarSink(fh: FileHandle, opts: TarSinkOptions): TarSink {
  const out = new FileOut(fh, opts.hash ? createHash('sha256') : undefined);
  if (opts.compression === 'none') return new PlainSink(out);
  const stream = createZstdCompress({
    // 256 KiB pieces instead of Node's 16 KiB (only the fallback uses them).
    chunkSize: 256 * 1024,
    params: {
      [zlibConstants.ZSTD_c_compressionLevel]: opts.zstdLevel,
      [zlibConstants.ZSTD_c_checksumFlag]: 1
    }
  });
  const handle = opts.publicZstdOnly === true ? undefined : zstdHandle(stream);
  return handle !== undefined ? new ReusedZstdSink(stream, handle, out) : new StreamZstdSink(stream, out);
}

/** The file side: each write at the end of the previous one, hashed and counted in call order. */
class FileOut {
  size = 0;
  private position = 0;
  constructor(
    private readonly fh: FileHandle,
    private readonly hash: Hash | undefined
  ) {}

  async write(bytes: Uint8Array, offset = 0, length = bytes.byteLength - offset): Promise<void> {
    if (length === 0) return;
    const view = bytes.subarray(offset, offset + length);
    this.hash?.update(view);
    // Writes may overlap (two buffers in flight): each takes its place in the file when it is called.
    const at = this.position;
    this.position += length;
    this.size += length;
    let done = 0;
    while (done < length) {
      const { bytesWritten } = await this.fh.write(view, done, length - done, at + done);
      done += bytesWritten;
    }
  }

  digest(): string | undefined {
    return this.hash?.digest('hex');
  }
}

class PlainSink implements TarSink {
  constructor(private readonly out: FileOut) {}
  get size(): number {
    return this.out.size;
  }
  write(chunk: Uint8Array): Promise<void> {
    return this.out.write(chunk);
  }
  async end(): Promise<void> {}
  destroy(): void {}
  digest(): string | undefined {
    return this.out.digest();
  }
}

/** What node:zlib's synchronous API uses of a zstd stream (undocumented; checked before use). */
interface ZstdHandle {
  writeSync(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): void;
  /** [output bytes left free, input bytes left unread] after each writeSync. */
  state: Uint32Array;
}

function zstdHandle(stream: ZstdCompress): ZstdHandle | undefined {
  const internals = stream as unknown as { _handle?: { writeSync?: unknown }; _writeState?: unknown };
  const h = internals._handle;
  const state = internals._writeState;
  // Not `instanceof`: the array may come from another realm (a VM context, as under the tests).
  const isUint32Array = ArrayBuffer.isView(state) && Object.prototype.toString.call(state) === '[object Uint32Array]';
  if (h === undefined || h === null || typeof h.writeSync !== 'function' || !isUint32Array || (state as Uint32Array).length < 2) return undefined;
  const writeSync = h.writeSync as ZstdHandle['writeSync'];
  return { writeSync: (...args) => writeSync.apply(h, args), state: state as Uint32Array };
}

const ZSTD_E_CONTINUE = zlibConstants.ZSTD_e_continue;
const ZSTD_E_END = zlibConstants.ZSTD_e_end;

/**
 * libzstd driven chunk by chunk on the calling thread, its output in two buffers used in turn: one
 * is compressed into while the other is being written to the file.
 */
class ReusedZstdSink implements TarSink {
  private readonly bufs = [Buffer.allocUnsafeSlow(OUT_CHUNK), Buffer.allocUnsafeSlow(OUT_CHUNK)];
  /** The file write of each buffer still in flight. */
  private readonly writing: Array<Promise<void> | undefined> = [undefined, undefined];
  private current = 0;
  private error: Error | undefined;

  constructor(
    private readonly stream: ZstdCompress,
    private readonly handle: ZstdHandle,
    private readonly out: FileOut
  ) {
    // libzstd's errors come as 'error' events of the stream, during writeSync.
    stream.on('error', (e: Error) => {
      this.error ??= e;
    });
  }

  get size(): number {
    return this.out.size;
  }

  write(chunk: Uint8Array): Promise<void> {
    return this.compress(chunk, ZSTD_E_CONTINUE);
  }

  async end(): Promise<void> {
    await this.compress(new Uint8Array(0), ZSTD_E_END);
    await Promise.all(this.writing);
    this.stream.destroy();
  }

  destroy(): void {
    this.stream.destroy();
  }

  digest(): string | undefined {
    return this.out.digest();
  }

  private async compress(input: Uint8Array, flush: number): Promise<void> {
    let offset = 0;
    for (;;) {
      const buf = this.bufs[this.current] as Buffer;
      await this.writing[this.current];
      this.handle.writeSync(flush, input, offset, input.byteLength - offset, buf, 0, buf.length);
      if (this.error !== undefined) throw this.error;
      const [availOut = 0, availIn = 0] = this.handle.state;
      const produced = buf.length - availOut;
      if (produced > 0) {
        const w = this.out.write(buf, 0, produced);
        // Observed here and awaited before the buffer is used again (or at the end).
        w.catch(() => undefined);
        this.writing[this.current] = w;
        this.current ^= 1;
      }
      offset = input.byteLength - availIn;
      // Done when libzstd took all the input and had room left (nothing more to flush), as node:zlib's
      // own synchronous loop decides.
      if (availIn === 0 && availOut !== 0) break;
    }
    // The caller may reuse `input` now: libzstd copies what it keeps into its own window.
  }
}

/** Whether `piece` is, by itself, one whole zstd frame holding no bytes. */
function isEmptyZstdFrame(piece: Buffer): boolean {
  if (piece.length < 4 || piece.length > 32 || piece.readUInt32LE(0) !== 0xfd2fb528) return false;
  try {
    return zstdDecompressSync(piece).length === 0;
  } catch {
    return false;
  }
}

/** The fallback: node:zlib's zstd stream (a new buffer for every piece of output). */
class StreamZstdSink implements TarSink {
  private readonly pumping: Promise<void>;
  private error: Error | undefined;

  constructor(
    private readonly stream: ZstdCompress,
    private readonly out: FileOut
  ) {
    stream.on('error', (e: Error) => {
      this.error ??= e;
    });
    this.pumping = (async () => {
      // Node's stream ends a zstd stream twice: after the frame, a second, empty frame of its own.
      // Each piece is held back by one so that last one can be left out: the same bytes as the
      // handle's path (one frame), which any zstd reader reads the same either way.
      let held: Buffer | undefined;
      for await (const piece of stream) {
        if (held !== undefined) await out.write(held);
        held = piece as Buffer;
      }
      if (held !== undefined && !(out.size > 0 && isEmptyZstdFrame(held))) await out.write(held);
    })();
    this.pumping.catch(() => undefined);
  }

  get size(): number {
    return this.out.size;
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.error !== undefined) throw this.error;
    // The stream keeps the chunk until it has compressed it: give it a copy the caller cannot reuse.
    const own = Buffer.from(chunk);
    if (!this.stream.write(own)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = (): void => {
          this.stream.off('error', onError);
          resolve();
        };
        const onError = (e: Error): void => {
          this.stream.off('drain', onDrain);
          reject(e);
        };
        this.stream.once('drain', onDrain);
        this.stream.once('error', onError);
      });
    }
  }

  async end(): Promise<void> {
    this.stream.end();
    await this.pumping;
  }

  destroy(): void {
    this.stream.destroy();
  }

  digest(): string | undefined {
    return this.out.digest();
  }
}
