/**
 * Streaming a local Zarf package file (`.tar.zst`, or a plain `.tar` as written for
 * metadata.uncompressed) entry by entry, in one pass and with nothing written to disk. The two are
 * told apart by their first bytes (a zstd frame, or the skippable frame pzstd writes first), not by
 * their names; every zstd frame is read (src/zstd-decompress.ts). Used by the reference package of a
 * differential build and by `mode: check`'s comparison with a file; each caller decides which
 * entries it keeps and words its own errors.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar, { type Header } from 'tar-stream';
import { startsZstd, zstdDecompressFrames } from '../zstd-decompress.js';

export interface PackageFileEntry {
  /** The entry's path, without a leading `./`. */
  name: string;
  header: Header;
  /** Its bytes; left unread, the rest is skipped after the visitor returns. */
  stream: Readable;
}

export interface PackageFile {
  /** Whether the file is zstd-compressed (else it is read as a plain tar). */
  readonly zstd: boolean;
  /**
   * Streams the file once, calling `visit` for each entry in order (the next waits for it). Errors
   * of the visitor are thrown as they are; those of reading, decompressing or untarring as Node's.
   */
  entries(visit: (entry: PackageFileEntry) => Promise<void>, signal?: AbortSignal): Promise<void>;
}

/** Opens a package file: reads its first bytes. A file that cannot be opened throws Node's error (with its `code`). */
export async function openPackageFile(file: string): Promise<PackageFile> {
  const head = Buffer.alloc(4);
  const fh = await open(file, 'r');
  try {
    await fh.read(head, 0, 4, 0);
  } finally {
    await fh.close();
  }
  const zstd = startsZstd(head);
  return {
    zstd,
    entries: async (visit, signal) => {
      const extract = tar.extract();
      const done = (async () => {
        for await (const entry of extract) {
          // tar-stream's entries are streamx streams, read and piped like Node's.
          await visit({ name: entry.header.name.replace(/^\.\//, ''), header: entry.header, stream: entry as unknown as Readable });
          entry.resume();
        }
      })();
      const source = createReadStream(file, { highWaterMark: 1 << 20 });
      const options = signal !== undefined ? { signal } : {};
      await Promise.all([zstd ? pipeline(source, zstdDecompressFrames(), extract, options) : pipeline(source, extract, options), done]);
    }
  };
}

/**
 * The bytes of an entry. Past `limit` bytes (when given) it stops reading and throws what `tooBig`
 * makes.
 */
export async function entryBytes(stream: AsyncIterable<unknown>, limit?: { bytes: number; tooBig: () => Error }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of stream) {
    n += (c as Buffer).length;
    if (limit !== undefined && n > limit.bytes) throw limit.tooBig();
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}
