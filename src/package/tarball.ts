import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants as zlibConstants, createZstdCompress } from 'node:zlib';
import tar, { type Header, type Pack } from 'tar-stream';
import { LadingError } from '../errors.js';
import { encodeGoTarHeader } from './go-tar-header.js';

/**
 * One entry of a reproducible tar. Paths are relative, `/`-separated, without `.` or `..` segments;
 * missing parent directories are added automatically.
 */
export type TarEntry =
  | { path: string; type: 'directory'; /** Permission bits (default 0755, 0700 in a `folder` tar). */ mode?: number }
  | {
      path: string;
      type: 'symlink';
      /** The link's target as stored (relative or absolute, not checked here: the caller confines it). */
      target: string;
    }
  | {
      path: string;
      type: 'file';
      /** Bytes held in memory (small files: zarf.yaml, index.json). */
      content: Uint8Array;
      executable?: boolean;
      /** Permission bits, over `executable` (default 0644, 0755 executable). */
      mode?: number;
    }
  | {
      path: string;
      type: 'file';
      /** A file on disk, streamed (never read whole). */
      source: string;
      executable?: boolean;
      /** Permission bits, over `executable` (default 0644, 0755 executable). */
      mode?: number;
      /**
       * Expected `sha256:<hex>` of the file: the bytes are hashed while they stream into the tar and a
       * mismatch fails the write (a content-addressed blob whose bytes changed on disk).
       */
      verifyDigest?: string;
      /** Expected size; checked before and while streaming. */
      size?: number;
    };

export interface TarWriteOptions {
  /** `zstd` compresses the tar with Node's zlib zstd stream. Default: none. */
  compression?: 'none' | 'zstd';
  /** zstd level (default 3, zstd's own default). */
  zstdLevel?: number;
  /** Stops the write (the run was cancelled): the temporary file is removed and nothing is left. */
  signal?: AbortSignal;
  /**
   * Writes a `./` directory entry before every other entry (`.` in a `folder` tar), as Go's
   * filepath.Walk of a folder does in Zarf's tars of a folder's content (documentation.tar).
   */
  rootDirectory?: boolean;
  /**
   * A tar of a folder as Zarf writes one (assemble.go createReproducibleTarballFromDir: component
   * tars, documentation.tar): Go archive/tar headers byte for byte (go-tar-header.ts), directories
   * named without a trailing `/` and 0700 unless given, entries in filepath.Walk order (each
   * folder's names sorted, a folder's content right after it). Otherwise (the package archive):
   * tar-stream headers, `dir/` names, 0755, whole paths sorted bytewise.
   */
  folder?: boolean;
  /**
   * Hash the written file (default true). The package itself needs only its size: leaving the hash
   * out saves one sha256 pass over every byte of the package (about 0.4 s per GiB here).
   */
  hashOutput?: boolean;
}

export interface TarWriteResult {
  /** Size of the written file (compressed when compressed). */
  size: number;
  /** sha256 hex of the written file. */
  sha256: string;
}

const FILE_MODE = 0o644;
const EXEC_MODE = 0o755;
const DIR_MODE = 0o755;
/** Zarf creates every folder of a component with os.MkdirAll(..., 0o700). */
const FOLDER_DIR_MODE = 0o700;
const LINK_MODE = 0o777;
const EPOCH = new Date(0);
const READ_CHUNK = 1 << 20;

type Normalized =
  | { name: string; kind: 'dir'; mode?: number }
  | { name: string; kind: 'symlink'; target: string }
  | { name: string; kind: 'bytes'; bytes: Uint8Array; mode: number }
  | { name: string; kind: 'file'; source: string; mode: number; verifyDigest?: string; size?: number };

function cleanPath(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '' || trimmed.startsWith('/') || trimmed.includes('\\') || trimmed.includes('\0')) {
    throw new LadingError(`invalid path "${p}" for a tar entry`, { hint: 'tar entries are relative paths with "/" separators' });
  }
  const segments = trimmed.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new LadingError(`invalid path "${p}" for a tar entry`, { hint: 'a tar entry path cannot contain empty, "." or ".." segments' });
  }
  return trimmed;
}

function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Go's filepath.Walk order: path segments compared one by one, bytewise (`a`, `a/b`, `a-c`). */
function walkCompare(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = byteCompare(x[i] as string, y[i] as string);
    if (c !== 0) return c;
  }
  return x.length - y.length;
}

/**
 * Validates, adds missing parent directories, rejects duplicates, sorts by name (bytewise, or in
 * filepath.Walk order for `walkOrder`).
 */
export function normalizeTarEntries(entries: readonly TarEntry[], walkOrder = false): Normalized[] {
  const byName = new Map<string, Normalized>();
  const addDir = (name: string, mode?: number): void => {
    const existing = byName.get(name);
    if (existing === undefined) byName.set(name, { name, kind: 'dir', ...(mode !== undefined ? { mode } : {}) });
    else if (existing.kind !== 'dir') throw new LadingError(`tar entry "${name}" is both a file and a directory`);
    else if (mode !== undefined) existing.mode = mode;
  };
  for (const e of entries) {
    const name = cleanPath(e.path);
    const segments = name.split('/');
    for (let i = 1; i < segments.length; i++) addDir(segments.slice(0, i).join('/'));
    if (e.type === 'directory') {
      addDir(name, e.mode);
      continue;
    }
    if (byName.has(name)) throw new LadingError(`tar entry "${name}" is listed twice`);
    if (e.type === 'symlink') {
      byName.set(name, { name, kind: 'symlink', target: e.target });
      continue;
    }
    const mode = e.mode ?? (e.executable === true ? EXEC_MODE : FILE_MODE);
    if ('content' in e) {
      byName.set(name, { name, kind: 'bytes', bytes: e.content, mode });
    } else {
      byName.set(name, {
        name,
        kind: 'file',
        source: e.source,
        mode,
        ...(e.verifyDigest !== undefined ? { verifyDigest: e.verifyDigest } : {}),
        ...(e.size !== undefined ? { size: e.size } : {})
      });
    }
  }
  return [...byName.values()].sort((a, b) => (walkOrder ? walkCompare(a.name, b.name) : byteCompare(a.name, b.name)));
}

/** What this module needs of a tar entry's writable (a streamx Writable). */
interface EntrySink {
  readonly destroyed: boolean;
  readonly destroying: boolean;
  write(data: Uint8Array): boolean;
  end(): unknown;
  destroy(err?: Error | null): void;
  on(event: string, fn: (...args: never[]) => void): unknown;
  off(event: string, fn: (...args: never[]) => void): unknown;
}

function header(name: string, type: 'file' | 'directory' | 'symlink', mode: number, size: number, linkname?: string): Partial<Header> & { name: string } {
  return { name, type, mode, size, mtime: EPOCH, uid: 0, gid: 0, uname: '', gname: '', ...(linkname !== undefined ? { linkname } : {}) };
}

/**
 * Makes `pack` encode its headers as Go's archive/tar does (tar-stream 3 encodes each header in its
 * `_encode` method; the bodies, their padding and the end of the archive are the same in both).
 */
function useGoHeaders(pack: Pack): void {
  const p = pack as unknown as { _encode: (h: Header) => void; push: (b: Buffer) => boolean };
  if (typeof p._encode !== 'function') throw new Error('tar-stream no longer encodes headers in Pack._encode');
  p._encode = (h: Header): void => {
    const type = h.type === 'directory' || h.type === 'symlink' ? h.type : 'file';
    for (const block of encodeGoTarHeader({
      name: h.name,
      type,
      mode: h.mode ?? 0,
      size: h.size ?? 0,
      ...(h.linkname != null ? { linkname: h.linkname } : {}),
      uid: h.uid ?? 0,
      gid: h.gid ?? 0,
      uname: h.uname ?? '',
      gname: h.gname ?? '',
      mtime: Math.floor((h.mtime?.getTime() ?? 0) / 1000)
    })) {
      p.push(block);
    }
  };
}

/** Resolves when the pack calls the entry's callback (the entry is fully written). */
function addEntry(pack: Pack, h: Partial<Header> & { name: string }, body?: Uint8Array): { sink: EntrySink; done: Promise<void> } {
  if (pack.destroying || pack.destroyed) throw new Error('the tar stream was closed');
  let sink!: EntrySink;
  const done = new Promise<void>((resolve, reject) => {
    const cb = (err?: Error | null): void => (err ? reject(err) : resolve());
    sink = (body === undefined ? pack.entry(h, cb) : pack.entry(h, body, cb)) as unknown as EntrySink;
  });
  // Failures reach us through the entry callback; an unlistened 'error' event would be thrown.
  sink.on('error', () => undefined);
  return { sink, done };
}

function waitDrain(s: EntrySink): Promise<void> {
  return new Promise((resolve, reject) => {
    if (s.destroyed || s.destroying) {
      reject(new Error('the tar stream closed while an entry was being written'));
      return;
    }
    const cleanup = (): void => {
      s.off('drain', onDrain);
      s.off('close', onClose);
      s.off('error', onError);
    };
    const onDrain = (): void => {
      cleanup();
      resolve();
    };
    const onClose = (): void => {
      cleanup();
      reject(new Error('the tar stream closed while an entry was being written'));
    };
    const onError = (e: Error): void => {
      cleanup();
      reject(e);
    };
    s.on('drain', onDrain);
    s.on('close', onClose);
    s.on('error', onError);
  });
}

async function streamFile(pack: Pack, e: Extract<Normalized, { kind: 'file' }>): Promise<void> {
  const actual = (await stat(e.source)).size;
  if (e.size !== undefined && actual !== e.size) {
    throw new LadingError(`${e.name} is ${actual} bytes on disk, but ${e.size} were expected`, {
      hint: 'the blob cache holds a damaged copy; clear the cache and run again'
    });
  }
  const { sink, done } = addEntry(pack, header(e.name, 'file', e.mode, actual));
  // Keep the pack's rejection observed even if we fail first; it is awaited below.
  done.catch(() => undefined);
  const alg = e.verifyDigest?.slice(0, e.verifyDigest.indexOf(':'));
  const hash = alg !== undefined ? createHash(alg) : undefined;
  let written = 0;
  for await (const chunk of createReadStream(e.source, { highWaterMark: READ_CHUNK })) {
    const buf = chunk as Buffer;
    written += buf.length;
    if (written > actual) break;
    hash?.update(buf);
    if (!sink.write(buf)) await waitDrain(sink);
  }
  if (written !== actual) {
    sink.destroy(new Error('size changed'));
    throw new LadingError(`${e.source} changed size while it was being written into the package`);
  }
  if (hash !== undefined && e.verifyDigest !== undefined) {
    const got = `${alg}:${hash.digest('hex')}`;
    if (got !== e.verifyDigest) {
      sink.destroy(new Error('digest mismatch'));
      throw new LadingError(`blob ${e.verifyDigest} does not match its digest (its bytes hash to ${got}); the package was not written`, {
        hint: 'the blob cache holds a damaged copy of this blob; clear the cache and run again'
      });
    }
  }
  sink.end();
  await done;
}

async function feed(pack: Pack, entries: Normalized[], rootDirectory: boolean, folder: boolean): Promise<void> {
  if (rootDirectory) {
    const { sink, done } = addEntry(pack, header(folder ? '.' : './', 'directory', folder ? FOLDER_DIR_MODE : DIR_MODE, 0));
    sink.end();
    await done;
  }
  for (const e of entries) {
    if (e.kind === 'dir') {
      const { sink, done } = addEntry(pack, header(folder ? e.name : `${e.name}/`, 'directory', e.mode ?? (folder ? FOLDER_DIR_MODE : DIR_MODE), 0));
      sink.end();
      await done;
    } else if (e.kind === 'symlink') {
      const { sink, done } = addEntry(pack, header(e.name, 'symlink', LINK_MODE, 0, e.target));
      sink.end();
      await done;
    } else if (e.kind === 'bytes') {
      await addEntry(pack, header(e.name, 'file', e.mode, e.bytes.byteLength), e.bytes).done;
    } else {
      await streamFile(pack, e);
    }
  }
  pack.finalize();
}

/**
 * Writes a reproducible tar (optionally zstd-compressed) of `entries` to `dest`: entries sorted by
 * name, parents before children, mtime 0, uid/gid 0, empty user and group names, mode 0644 for files
 * (0755 executable) and 0755 for directories unless an entry gives its mode (0700 directories in a
 * `folder` tar, which Go's archive/tar would have written byte for byte). File bodies are streamed with backpressure, so memory
 * stays flat whatever the file sizes. The file is written under a temporary name next to `dest` and
 * renamed into place; on failure nothing is left behind.
 */
export async function writeReproducibleTar(entries: readonly TarEntry[], dest: string, opts: TarWriteOptions & { hashOutput: false }): Promise<{ size: number }>;
export async function writeReproducibleTar(entries: readonly TarEntry[], dest: string, opts?: TarWriteOptions): Promise<TarWriteResult>;
export async function writeReproducibleTar(entries: readonly TarEntry[], dest: string, opts: TarWriteOptions = {}): Promise<TarWriteResult | { size: number }> {
  const folder = opts.folder === true;
  const normalized = normalizeTarEntries(entries, folder);
  const tmp = path.join(path.dirname(dest), `.${path.basename(dest)}.partial-${randomBytes(6).toString('hex')}`);
  const hash = opts.hashOutput === false ? undefined : createHash('sha256');
  let size = 0;
  const counter =
    hash === undefined
      ? undefined
      : new Transform({
          transform(chunk: Buffer, _enc, cb) {
            hash.update(chunk);
            size += chunk.length;
            cb(null, chunk);
          }
        });
  const pack = tar.pack();
  if (folder) useGoHeaders(pack);
  // Errors surface through the pipeline's iterator; keep the emitter from throwing them.
  pack.on('error', () => undefined);
  const stages: Array<NodeJS.ReadableStream | NodeJS.WritableStream | NodeJS.ReadWriteStream> = [Readable.from(pack as AsyncIterable<Buffer>)];
  if (opts.compression === 'zstd') {
    stages.push(
      createZstdCompress({
        // 256 KiB pieces instead of Node's 16 KiB: half the time per GiB (bench), ~same memory.
        chunkSize: 256 * 1024,
        params: {
          [zlibConstants.ZSTD_c_compressionLevel]: opts.zstdLevel ?? 3,
          [zlibConstants.ZSTD_c_checksumFlag]: 1
        }
      })
    );
  }
  if (counter !== undefined) stages.push(counter);
  stages.push(createWriteStream(tmp, { flags: 'wx', mode: 0o644, highWaterMark: 1 << 20 }));
  try {
    const piping = pipeline(stages, opts.signal !== undefined ? { signal: opts.signal } : {});
    // A failing write side (disk full, missing folder) must unblock a producer waiting for 'drain'.
    piping.catch((e: unknown) => pack.destroy(e instanceof Error ? e : new Error(String(e))));
    const producing = feed(pack, normalized, opts.rootDirectory === true, folder).catch((e: unknown) => {
      pack.destroy(e instanceof Error ? e : new Error(String(e)));
      throw e;
    });
    const [p, w] = await Promise.allSettled([producing, piping]);
    // A LadingError from the producer says what went wrong (a damaged blob) and the pipeline's error
    // is its echo; otherwise the pipeline's error (the write side) is the cause.
    if (p.status === 'rejected' && p.reason instanceof LadingError) throw p.reason;
    if (w.status === 'rejected') throw w.reason;
    if (p.status === 'rejected') throw p.reason;
    if (hash === undefined) size = (await stat(tmp)).size;
    await rename(tmp, dest);
  } catch (e) {
    pack.destroy();
    await rm(tmp, { force: true });
    throw e;
  }
  return hash === undefined ? { size } : { size, sha256: hash.digest('hex') };
}
