import { createHash, randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import tar, { type Header, type Pack } from 'tar-stream';
import { LadingError } from '../errors.js';
import { identityOf, sameIdentity, type FileIdentity } from '../oci/file-identity.js';
import type { GrowingBlob } from '../oci/growing-blob.js';
import { openTarSink } from './tar-sink.js';
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
      /**
       * The identity the file had when its bytes were last hashed against `verifyDigest` in this
       * process (BlobStore.verifiedIdentity). When the file still has it, before and after it is read,
       * the bytes are not hashed again; any other file is hashed.
       */
      verifiedAs?: FileIdentity;
      /**
       * Awaited when the entry's turn comes, before the file is opened: the file may not be read
       * before (a blob still arriving in its store is read only once the store verified it). What it
       * resolves to replaces `verifiedAs` (known only then). A rejection fails the write.
       */
      whenReadable?: () => Promise<FileIdentity | undefined>;
      /**
       * When the entry's turn comes: the blob's ingest, if it is still under way. Its bytes are then
       * streamed into the tar as they reach the store's temp file (they are the bytes the ingest
       * hashes), and the write fails unless the ingest ends verified; else `whenReadable` and the
       * file, as usual.
       */
      follow?: () => GrowingBlob | undefined;
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
  /** Compress with the zstd stream's public API only (the fallback of tar-sink.ts; for its tests). */
  publicZstdOnly?: boolean;
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
/** Read buffers in turn: one being read into while others wait to be compressed and written. */
const READ_BUFFERS = 3;

type Normalized =
  | { name: string; kind: 'dir'; mode?: number }
  | { name: string; kind: 'symlink'; target: string }
  | { name: string; kind: 'bytes'; bytes: Uint8Array; mode: number }
  | { name: string; kind: 'file'; source: string; mode: number; verifyDigest?: string; verifiedAs?: FileIdentity; whenReadable?: () => Promise<FileIdentity | undefined>; follow?: () => GrowingBlob | undefined; size?: number };

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
        ...(e.verifiedAs !== undefined ? { verifiedAs: e.verifiedAs } : {}),
        ...(e.whenReadable !== undefined ? { whenReadable: e.whenReadable } : {}),
        ...(e.follow !== undefined ? { follow: e.follow } : {}),
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

/**
 * Reused read buffers for file bodies: a buffer is read into again only once the sink has taken the
 * bytes it held (the tar stream passes the very buffer on, without a copy). Fresh memory per chunk is
 * what made writing a package slow (see tar-sink.ts).
 */
class ReadBuffers {
  private readonly bufs: Buffer[];
  private readonly free: Array<Promise<void>>;
  private next = 0;
  private readonly waiting = new Map<Uint8Array, { resolve: () => void; reject: (e: Error) => void }>();
  private failed: Error | undefined;

  constructor(count: number, size: number) {
    this.bufs = Array.from({ length: count }, () => Buffer.allocUnsafeSlow(size));
    this.free = this.bufs.map(() => Promise.resolve());
  }

  /** The next buffer, once the sink is done with what it last held. */
  async take(): Promise<{ buf: Buffer; lend: (view: Uint8Array) => void }> {
    const i = this.next;
    this.next = (i + 1) % this.bufs.length;
    await this.free[i];
    if (this.failed !== undefined) throw this.failed;
    const lend = (view: Uint8Array): void => {
      const p = new Promise<void>((resolve, reject) => this.waiting.set(view, { resolve, reject }));
      p.catch(() => undefined);
      this.free[i] = p;
    };
    return { buf: this.bufs[i] as Buffer, lend };
  }

  /** The sink took `chunk` (a no-op for chunks that are not lent buffers: headers, padding). */
  returned(chunk: Uint8Array): void {
    const w = this.waiting.get(chunk);
    if (w === undefined) return;
    this.waiting.delete(chunk);
    w.resolve();
  }

  /** The write failed: nothing will be returned any more. */
  fail(e: Error): void {
    this.failed ??= e;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }
}

/**
 * Streams a blob into the tar while its ingest still writes it: the bytes that reached the temp file,
 * then more as they come, up to its size; the entry is kept only if the ingest ends verified. False
 * when the temp file is gone already (the ingest just ended: the blob is read whole instead).
 */
async function streamGrowing(pack: Pack, e: Extract<Normalized, { kind: 'file' }>, g: GrowingBlob, buffers: ReadBuffers): Promise<boolean> {
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(g.path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  try {
    if (e.size !== undefined && e.size !== g.size) throw new LadingError(`${e.name} is being pulled as ${g.size} bytes, but ${e.size} were expected`);
    const { sink, done } = addEntry(pack, header(e.name, 'file', e.mode, g.size));
    done.catch(() => undefined);
    const fail = (err: Error): never => {
      sink.destroy(err);
      throw err;
    };
    let written = 0;
    while (written < g.size) {
      if (g.flushed <= written) {
        if (g.error !== undefined) fail(g.error);
        if (g.over) fail(new LadingError(`blob ${e.verifyDigest ?? e.name} ended at ${written} of its ${g.size} bytes`));
        await g.next();
        continue;
      }
      const { buf, lend } = await buffers.take();
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, g.flushed - written), written);
      if (bytesRead === 0) fail(new LadingError(`blob ${e.verifyDigest ?? e.name} was shorter on disk than written`));
      written += bytesRead;
      const view = buf.subarray(0, bytesRead);
      lend(view);
      if (!sink.write(view)) await waitDrain(sink);
    }
    // Kept only once the ingest has checked the size and digest of everything it wrote.
    while (!g.over) await g.next();
    if (g.error !== undefined) fail(g.error);
    sink.end();
    await done;
    return true;
  } finally {
    await fh.close();
  }
}

async function streamFile(pack: Pack, e: Extract<Normalized, { kind: 'file' }>, buffers: ReadBuffers): Promise<void> {
  const growing = e.verifyDigest !== undefined ? e.follow?.() : undefined;
  if (growing !== undefined && (await streamGrowing(pack, e, growing, buffers))) return;
  const verifiedAs = e.whenReadable !== undefined ? await e.whenReadable() : e.verifiedAs;
  const fh = await open(e.source, 'r');
  try {
    const opened = identityOf(await fh.stat({ bigint: true }));
    const actual = Number(opened.size);
    if (e.size !== undefined && actual !== e.size) {
      throw new LadingError(`${e.name} is ${actual} bytes on disk, but ${e.size} were expected`, {
        hint: 'the blob cache holds a damaged copy; clear the cache and run again'
      });
    }
    const { sink, done } = addEntry(pack, header(e.name, 'file', e.mode, actual));
    // Keep the pack's rejection observed even if we fail first; it is awaited below.
    done.catch(() => undefined);
    // Hashed once already, and the very same file since: its bytes are the checked ones.
    const unchanged = e.verifyDigest !== undefined && verifiedAs !== undefined && sameIdentity(opened, verifiedAs);
    const alg = e.verifyDigest?.slice(0, e.verifyDigest.indexOf(':'));
    const hash = alg !== undefined && !unchanged ? createHash(alg) : undefined;
    let written = 0;
    for (;;) {
      const { buf, lend } = await buffers.take();
      const { bytesRead } = await fh.read(buf, 0, buf.length, written);
      if (bytesRead === 0) break;
      written += bytesRead;
      if (written > actual) break;
      const view = buf.subarray(0, bytesRead);
      hash?.update(view);
      lend(view);
      if (!sink.write(view)) await waitDrain(sink);
    }
    if (written !== actual) {
      sink.destroy(new Error('size changed'));
      throw new LadingError(`${e.source} changed size while it was being written into the package`);
    }
    if (unchanged && !sameIdentity(identityOf(await fh.stat({ bigint: true })), opened)) {
      sink.destroy(new Error('changed while read'));
      throw new LadingError(`blob ${e.verifyDigest ?? e.name} changed on disk while it was being written into the package; the package was not written`, {
        hint: 'something else writes to the blob cache; run again'
      });
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
  } finally {
    await fh.close();
  }
}

async function feed(pack: Pack, entries: Normalized[], rootDirectory: boolean, folder: boolean, buffers: ReadBuffers): Promise<void> {
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
      await streamFile(pack, e, buffers);
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
  opts.signal?.throwIfAborted();
  const tmp = path.join(path.dirname(dest), `.${path.basename(dest)}.partial-${randomBytes(6).toString('hex')}`);
  const fh = await open(tmp, 'wx', 0o644);
  const out = openTarSink(fh, {
    compression: opts.compression ?? 'none',
    zstdLevel: opts.zstdLevel ?? 3,
    hash: opts.hashOutput !== false,
    ...(opts.publicZstdOnly === true ? { publicZstdOnly: true } : {})
  });
  const buffers = new ReadBuffers(READ_BUFFERS, READ_CHUNK);
  const pack = tar.pack();
  if (folder) useGoHeaders(pack);
  // Errors surface through the iterator below; keep the emitter from throwing them.
  pack.on('error', () => undefined);
  const onAbort = (): void => {
    const reason: unknown = opts.signal?.reason;
    pack.destroy(reason instanceof Error ? reason : new Error('the write was cancelled'));
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    // The tar's bytes, in order, into the sink; each lent read buffer goes back once the sink took it.
    const consuming = (async () => {
      for await (const chunk of pack as AsyncIterable<Uint8Array>) {
        await out.write(chunk);
        buffers.returned(chunk);
      }
      await out.end();
    })();
    const fail = (e: unknown): never => {
      const err = e instanceof Error ? e : new Error(String(e));
      buffers.fail(err);
      pack.destroy(err);
      throw e;
    };
    // A failing write side (disk full) must unblock a producer waiting for a buffer or for 'drain'.
    const writing = consuming.catch(fail);
    const producing = feed(pack, normalized, opts.rootDirectory === true, folder, buffers).catch(fail);
    const [p, w] = await Promise.allSettled([producing, writing]);
    opts.signal?.throwIfAborted();
    // A LadingError from the producer says what went wrong (a damaged blob) and the write side's
    // error is its echo; otherwise the write side's error is the cause.
    if (p.status === 'rejected' && p.reason instanceof LadingError) throw p.reason;
    if (w.status === 'rejected') throw w.reason;
    if (p.status === 'rejected') throw p.reason;
    await fh.close();
    await rename(tmp, dest);
  } catch (e) {
    pack.destroy();
    out.destroy();
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw e;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
  const sha256 = out.digest();
  return sha256 === undefined ? { size: out.size } : { size: out.size, sha256 };
}
