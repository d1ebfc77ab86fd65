/**
 * zstd decompression that reads every frame. A zstd file may be several frames one after another:
 * `pzstd` writes one per slice of its input, `cat a.zst b.zst` makes one, and the zstd program and
 * Zarf's Go reader read such a file whole. node 24's zstd stream stops at the end of the first frame
 * and ends its output there, without an error (nodejs/node#64741): a package file, an image archive or
 * a files archive made that way came out truncated ("Unexpected end of data" from the tar reader, or
 * a file missing from it).
 *
 * This stream decompresses with node's zstd stream (libzstd on the thread pool, as before) and, when a
 * frame ends inside a written chunk (node's `bytesWritten` says how much of the chunk it took), starts a
 * fresh one on the rest. A frame that ends exactly at a chunk's end needs nothing: node's stream goes
 * on to the next frame by itself. Bytes after a frame that are not a frame fail as libzstd words it
 * ("Unknown frame descriptor"), as the zstd program refuses them; a truncated frame fails at the end
 * ("unexpected end of file"). Back-pressure is kept: a frame's output waits while this stream's reader
 * is behind.
 *
 * Frames may ask for a window of up to 512 MiB (`zstd --long=29`), as Zarf's reader allows by
 * default (klauspost/compress: WithDecoderMaxWindow, default 512 MB); node's default stops at 128 MiB.
 * libzstd allocates only the window a frame asks for.
 */
import { once } from 'node:events';
import { Transform, type TransformCallback } from 'node:stream';
import { constants, createZstdDecompress, type ZstdDecompress, type ZstdOptions } from 'node:zlib';

/** A stream of zstd frames in, all their bytes out. `options` go to each frame's node:zlib stream. */
export function zstdDecompressFrames(options: ZstdOptions = {}): Transform {
  return new ZstdFramesDecompress(options);
}

/** 512 MiB: Zarf's reader's default limit. */
const MAX_WINDOW_LOG = 29;

class ZstdFramesDecompress extends Transform {
  private frame: ZstdDecompress;

  constructor(private readonly options: ZstdOptions) {
    super();
    this.frame = this.startFrame();
  }

  private startFrame(): ZstdDecompress {
    const frame = createZstdDecompress({ ...this.options, params: { [constants.ZSTD_d_windowLogMax]: MAX_WINDOW_LOG, ...this.options.params } });
    frame.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) frame.pause();
    });
    frame.on('error', (e: Error) => this.destroy(e));
    return frame;
  }

  override _read(size: number): void {
    this.frame.resume();
    super._read(size);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.feed(chunk).then(() => done(), done);
  }

  private async feed(chunk: Buffer): Promise<void> {
    let rest = chunk;
    let fresh = false;
    while (rest.length > 0) {
      const frame = this.frame;
      const before = frame.bytesWritten;
      await new Promise<void>((resolve, reject) => frame.write(rest, (e) => (e ? reject(e) : resolve())));
      const taken = frame.bytesWritten - before;
      if (taken >= rest.length) return;
      // A fresh stream that took nothing would take nothing again: not a frame (libzstd errs first).
      if (fresh && taken === 0) throw new Error('zstd data ends in bytes that are not a zstd frame');
      // The frame ended inside the chunk: its output goes out, then a fresh stream reads the rest.
      if (!frame.readableEnded) await once(frame, 'end');
      frame.destroy();
      rest = rest.subarray(taken);
      this.frame = this.startFrame();
      fresh = true;
    }
  }

  override _flush(done: TransformCallback): void {
    const frame = this.frame;
    const ended = frame.readableEnded ? Promise.resolve() : once(frame, 'end');
    frame.end();
    ended.then(() => done(), done);
  }

  override _destroy(error: Error | null, done: (error: Error | null) => void): void {
    this.frame.destroy();
    done(error);
  }
}

/**
 * Whether `head` (the first bytes of some data) starts zstd data: a zstd frame (28 b5 2f fd), or a
 * skippable frame (50-5f 2a 4d 18), which pzstd writes before each of its frames.
 */
export function startsZstd(head: Uint8Array): boolean {
  if (head.length < 4) return false;
  const magic = ((head[0] as number) | ((head[1] as number) << 8) | ((head[2] as number) << 16) | ((head[3] as number) << 24)) >>> 0;
  return magic === 0xfd2fb528 || (magic & 0xfffffff0) >>> 0 === 0x184d2a50;
}
