/**
 * Unpacks an Actions cache entry (the tar that @actions/cache made of the cache folder, zstd or gzip
 * compressed) straight into the cache folder's blob store, as its bytes arrive: no archive file, no
 * `tar` program. Only regular files named like blobs (`blobs/<alg>/<hex>` below the cache folder) are
 * taken, each through the store's ingest: hashed as it is written to a temp file, given its name only
 * when the bytes match it. Anything else the archive holds (folders, temp files, names outside the
 * cache folder) is passed over, so no entry can write anywhere else. A blob whose bytes do not match
 * its name is left out and reported; the rest of the entry still restores.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import type { BlobStore } from '../../oci/blobstore.js';
import { freshMemory } from '../../oci/fresh-memory.js';
import type { Digest } from '../../oci/digest.js';
import { OciError } from '../../oci/errors.js';
import type { CompressionMethod } from './entry-version.js';
import { zstdDecompressFrames } from '../../zstd-decompress.js';

export interface ExtractOptions {
  method: CompressionMethod;
  /** The folder the archive's names are relative to (GITHUB_WORKSPACE, as when it was saved). */
  workspace: string;
  /** The cache folder's store: its root is where the archive's blobs belong. */
  store: BlobStore;
  /** Called once a blob is in the store, verified. */
  onBlob?: (digest: Digest, size: number) => void;
  signal?: AbortSignal;
}

export interface ExtractResult {
  blobs: number;
  bytes: number;
  /** Blobs whose bytes did not match their name (not stored). */
  corrupt: Digest[];
  /** Entries passed over (not a blob of the cache folder; folders not counted). */
  ignored: number;
}

const BLOB_NAME = /^blobs\/(?:(sha256)\/([0-9a-f]{64})|(sha512)\/([0-9a-f]{128}))$/;

/** The digest an archive member names, when it is a blob of the cache folder. */
function blobOfMember(name: string, workspace: string, root: string): Digest | undefined {
  const rel = path.relative(root, path.resolve(workspace, name)).split(path.sep).join('/');
  const m = BLOB_NAME.exec(rel);
  if (m === null) return undefined;
  return (m[1] !== undefined ? `sha256:${m[2]}` : `sha512:${m[4]}`) as Digest;
}

export async function extractBlobs(source: AsyncIterable<Buffer>, o: ExtractOptions): Promise<ExtractResult> {
  const result: ExtractResult = { blobs: 0, bytes: 0, corrupt: [], ignored: 0 };
  const extract = tar.extract();
  // The member being taken: on a failure, its ingest is ended (and its temp file removed) before
  // extractBlobs rejects, so a caller never finds a partial file in the folder afterwards.
  let current: { stream: { destroy(e?: Error): void }; done: Promise<void> } | undefined;
  extract.on('entry', (header, stream, next) => {
    const take = async (): Promise<void> => {
      const type = header.type ?? 'file';
      const digest = type === 'file' || type === 'contiguous-file' ? blobOfMember(header.name, o.workspace, o.store.root) : undefined;
      if (digest === undefined) {
        if (type !== 'directory') result.ignored++;
        stream.resume();
        await endOf(stream);
        return;
      }
      const size = header.size ?? 0;
      if (await o.store.has(digest, size)) {
        stream.resume();
        await endOf(stream);
      } else {
        try {
          let read = false;
          await o.store.ingest({ digest, size }, async (w) => {
            read = true;
            for await (const chunk of stream as AsyncIterable<Buffer>) {
              // Slices of the decompressor's output: fresh memory, paced by young-generation collections.
              freshMemory(chunk.length);
              await w.write(chunk);
            }
          });
          // Written meanwhile by another ingest (of this process, or another's that won the race):
          // the store never ran ours, and the archive moves on only once the member is read.
          if (!read) {
            stream.resume();
            await endOf(stream);
          }
        } catch (e) {
          if (!(e instanceof OciError) || (e.code !== 'DIGEST_MISMATCH' && e.code !== 'SIZE_MISMATCH')) throw e;
          result.corrupt.push(digest);
          return;
        }
      }
      result.blobs++;
      result.bytes += size;
      o.onBlob?.(digest, size);
    };
    const done = take().then(
      () => next(),
      (e: unknown) => {
        stream.resume();
        next(e as Error);
      }
    );
    current = { stream, done };
  });
  const decompress = o.method === 'gzip' ? zlib.createGunzip({ chunkSize: 1 << 18 }) : zstdDecompressFrames({ chunkSize: 1 << 20 });
  const sink = extract as unknown as NodeJS.WritableStream;
  const input = Readable.from(inPiecesOf(source, DECOMPRESS_INPUT), { objectMode: false });
  try {
    if (o.signal !== undefined) await pipeline(input, decompress, sink, { signal: o.signal });
    else await pipeline(input, decompress, sink);
  } catch (e) {
    if (current !== undefined) {
      current.stream.destroy(e as Error);
      await current.done;
    }
    throw e;
  }
  return result;
}

/**
 * Input handed to the decompressor at a time. node's zlib streams take one written chunk per trip to
 * the thread pool, and the HTTP client's chunks are 16-64 KiB: joined into pieces of 1 MiB, a 58 MiB
 * entry takes 58 trips instead of about 1,000 (one copy of the bytes, in memory paced like the rest).
 */
const DECOMPRESS_INPUT = 1 << 20;

/** `source`'s bytes in pieces of at least `min` bytes (the last one may be shorter). */
async function* inPiecesOf(source: AsyncIterable<Buffer>, min: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let size = 0;
  const joined = (): Buffer => {
    if (parts.length === 1) return parts[0] as Buffer;
    freshMemory(size);
    return Buffer.concat(parts, size);
  };
  for await (const p of source) {
    parts.push(p);
    size += p.length;
    if (size < min) continue;
    const piece = joined();
    parts = [];
    size = 0;
    yield piece;
  }
  if (size > 0) yield joined();
}

/** Waits until an entry's stream has ended (tar-stream moves on only after it). */
function endOf(entry: unknown): Promise<void> {
  const stream = entry as { readableEnded?: boolean; once(event: string, fn: (e?: unknown) => void): void };
  return new Promise((resolve, reject) => {
    if (stream.readableEnded === true) return resolve();
    stream.once('end', () => resolve());
    stream.once('error', (e) => reject(e as Error));
  });
}
