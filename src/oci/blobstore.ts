import { createWriteStream, type WriteStream } from 'node:fs';
import { link, mkdir, open, readFile, rename, rm, stat, copyFile, writeFile, constants as fsConstants } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import path from 'node:path';
import { Digester, digestAlgorithm, digestHex, parseDigest, type Digest } from './digest.js';
import { OciError } from './errors.js';
import { hashFile } from './hash-file.js';
import { identityOf, sameIdentity, stampVerified, type FileIdentity } from './file-identity.js';
import { GrowingBlob } from './growing-blob.js';

/** What a producer writes into while a blob is being ingested. */
export interface BlobWriter {
  /** Bytes accepted so far: a resumed download continues from here. */
  readonly written: number;
  /**
   * Takes `chunk` (hashed at once, written to the file later: it must not change). Returns a promise
   * only when the caller must wait before the next write (the file's buffer is full); throws (or the
   * promise rejects) when the blob cannot be taken.
   */
  write(chunk: Uint8Array): Promise<void> | undefined;
}

export interface ExpectedBlob {
  digest: Digest;
  /** Expected size; checked when given. */
  size?: number;
}

const TMP_PREFIX = '.tmp-';

export interface BlobStoreOptions {
  /**
   * Keep blobs of up to `maxBlob` bytes in memory instead of files, while they add up to no more than
   * `maxTotal` bytes (larger ones, and those past the total, go to files as usual). For a store
   * nothing reads by path: a check's manifests and configs, which are read back with readBytes
   * only. Their bytes are hashed and sized as a file's are; `path()` of such a blob throws.
   */
  smallInMemory?: { maxBlob: number; maxTotal: number };
}

/**
 * A content-addressed directory `blobs/<alg>/<hex>`, the shape of an OCI image layout's blobs.
 *
 * - Every byte written is hashed; a blob becomes visible (renamed into place) only once its size and
 *   digest match. Partial files are temp files in the same directory and never have a blob's name.
 * - Concurrent ingests of one digest in this process share one transfer.
 * - Two processes may ingest the same blob at once: each writes its own temp file and the renames
 *   race harmlessly (the content is identical by construction).
 * - Optionally (BlobStoreOptions.smallInMemory), small blobs are held in memory instead, with the
 *   same checks: a check's 50 manifests and 50 configs cost about 75 ms less without their ~900 file
 *   operations (bench/README.md, eleventh pass).
 */
export class BlobStore {
  readonly root: string;
  private readonly inflight = new Map<string, Promise<boolean>>();
  /** Blobs this process hashed, and the identity their file had then (file-identity.ts). */
  private readonly verifiedFiles = new Map<Digest, FileIdentity>();
  /** Ingests under way whose size is known: their bytes can be read as they reach the temp file. */
  private readonly growingBlobs = new Map<Digest, GrowingBlob>();
  /** Folders this store created (or found) for temp files: not created again for every blob. */
  private readonly madeDirs = new Set<string>();
  /** Temp file names: this process, this store (a random token) and a counter. */
  private readonly tempToken = randomBytes(6).toString('hex');
  private tempCount = 0;
  /** Verified blobs held in memory (BlobStoreOptions.smallInMemory), and how many bytes they hold. */
  private readonly inMemory = new Map<Digest, Buffer>();
  private memoryBytes = 0;
  private readonly memoryLimits: { maxBlob: number; maxTotal: number } | undefined;

  /** `root` is the folder that holds `blobs/` (an OCI layout root). */
  constructor(root: string, options: BlobStoreOptions = {}) {
    this.root = root;
    this.memoryLimits = options.smallInMemory;
  }

  path(digest: Digest): string {
    parseDigest(digest);
    if (this.inMemory.has(digest)) throw new Error(`blob ${digest} is held in memory by this store: it has no file`);
    return path.join(this.root, 'blobs', digestAlgorithm(digest), digestHex(digest));
  }

  /** True when the blob is present (and has the expected size, when one is given). */
  async has(digest: Digest, size?: number): Promise<boolean> {
    const held = this.inMemory.get(digest);
    if (held !== undefined) return size === undefined || held.length === size;
    try {
      const s = await stat(this.path(digest));
      return s.isFile() && (size === undefined || s.size === size);
    } catch {
      return false;
    }
  }

  /** Hashes a stored blob; a blob whose bytes do not match its name is removed and `false` returned. */
  async verify(digest: Digest, size?: number): Promise<boolean> {
    const held = this.inMemory.get(digest);
    if (held !== undefined) return size === undefined || held.length === size;
    const p = this.path(digest);
    let got: { digest: Digest; size: number };
    let before: FileIdentity;
    try {
      before = identityOf(await stat(p, { bigint: true }));
      got = await hashFile(p, digestAlgorithm(digest));
    } catch {
      return false;
    }
    if (got.digest === digest && (size === undefined || got.size === size)) {
      await this.rememberSettled(digest, p, before);
      return true;
    }
    this.verifiedFiles.delete(digest);
    await rm(p, { force: true });
    return false;
  }

  /**
   * The identity the blob's file had when this process last hashed it and found it matching, if it
   * did: a reader that finds the file with the same identity reads the very bytes that were checked.
   */
  verifiedIdentity(digest: Digest): FileIdentity | undefined {
    return this.verifiedFiles.get(digest);
  }

  /**
   * Takes `from`'s verification of a blob whose very file both stores share (a hard link): when the
   * file here has the identity `from` recorded right after hashing it, it holds the bytes that were
   * hashed, and they need not be read again. False when it cannot tell (then verify()).
   */
  async sharesVerified(from: BlobStore, digest: Digest, size?: number): Promise<boolean> {
    const known = from.verifiedIdentity(digest);
    if (known === undefined || (size !== undefined && known.size !== BigInt(size))) return false;
    try {
      if (!sameIdentity(known, identityOf(await stat(this.path(digest), { bigint: true })))) return false;
    } catch {
      return false;
    }
    this.verifiedFiles.set(digest, known);
    return true;
  }

  /** Reads a small blob (a manifest, a config) and checks its digest. */
  async readBytes(digest: Digest): Promise<Buffer> {
    // Held in memory: hashed when it was taken, and nothing can have changed it since.
    const held = this.inMemory.get(digest);
    if (held !== undefined) return held;
    const bytes = await readFile(this.path(digest));
    const h = new Digester(digestAlgorithm(digest));
    h.update(bytes);
    if (h.digest() !== digest) {
      await rm(this.path(digest), { force: true });
      throw new OciError(`blob ${digest} in ${this.root} does not match its digest; it was removed`, { code: 'DIGEST_MISMATCH' });
    }
    return bytes;
  }

  /** Stores bytes held in memory. With `expected`, the digest must match. */
  async writeBytes(bytes: Uint8Array, expected?: Digest): Promise<Digest> {
    const h = new Digester(expected === undefined ? 'sha256' : digestAlgorithm(expected));
    h.update(bytes);
    const digest = h.digest();
    if (expected !== undefined && digest !== expected) {
      throw new OciError(`content does not match its digest: expected ${expected}, got ${digest}`, { code: 'DIGEST_MISMATCH' });
    }
    await this.storeOnce(digest, bytes.length, async () => {
      if (this.takesInMemory(bytes.length)) this.keepInMemory(digest, Buffer.from(bytes));
      else await this.storeBytes(digest, bytes);
    });
    return digest;
  }

  /** Whether a blob of `size` bytes is to be held in memory (and room is left for it). */
  private takesInMemory(size: number | undefined): boolean {
    const limits = this.memoryLimits;
    return limits !== undefined && size !== undefined && size <= limits.maxBlob && this.memoryBytes + size <= limits.maxTotal;
  }

  private keepInMemory(digest: Digest, bytes: Buffer): void {
    this.inMemory.set(digest, bytes);
    this.memoryBytes += bytes.length;
  }

  /** Bytes held in memory and already hashed: written to a temp file at once, then given their name. */
  private async storeBytes(digest: Digest, bytes: Uint8Array): Promise<void> {
    const tmp = await this.tempFor(digest);
    try {
      await this.withFolder(tmp, () => writeFile(tmp, bytes, { flag: 'wx' }));
      this.verifiedFiles.set(digest, await stampVerified(tmp));
      await rename(tmp, this.path(digest));
    } catch (e) {
      this.verifiedFiles.delete(digest);
      await rm(tmp, { force: true });
      throw e;
    }
  }

  /**
   * Ingests a blob: the producer writes bytes (and may write more after a failure, resuming from
   * `written`); the blob appears under its name only when size and digest match. Ingests of the same
   * digest share one producer run. Already present blobs are skipped.
   */
  async ingest(expected: ExpectedBlob, producer: (w: BlobWriter) => Promise<void>): Promise<{ fetched: boolean }> {
    const digest = parseDigest(expected.digest);
    return this.storeOnce(digest, expected.size, () => this.doIngest(digest, expected.size, producer));
  }

  /** Runs `store` unless the blob is present, once for all concurrent callers of the same digest. */
  private async storeOnce(digest: Digest, size: number | undefined, store: () => Promise<void>): Promise<{ fetched: boolean }> {
    const running = this.inflight.get(digest);
    if (running !== undefined) {
      await running;
      return { fetched: false };
    }
    // Registered synchronously, before any await, so concurrent callers always find it.
    const p = (async () => {
      if (await this.has(digest, size)) return false;
      await store();
      return true;
    })();
    this.inflight.set(digest, p);
    try {
      return { fetched: await p };
    } finally {
      this.inflight.delete(digest);
    }
  }

  /**
   * The blob being ingested now, to read while it grows (the package writer); undefined when no
   * ingest of it is under way (or its size was not given).
   */
  growing(digest: Digest): GrowingBlob | undefined {
    return this.growingBlobs.get(digest);
  }

  private async doIngest(digest: Digest, size: number | undefined, producer: (w: BlobWriter) => Promise<void>): Promise<void> {
    if (this.takesInMemory(size)) return this.ingestInMemory(digest, size as number, producer);
    const final = this.path(digest);
    const tmp = await this.tempFor(digest);
    // A 1 MiB buffer: downloads do not wait on each 16 KiB disk write (bench: 1 GiB pull 2.8 s -> 1.9 s).
    const out = await this.withFolder(tmp, async () => {
      const stream = createWriteStream(tmp, { flags: 'wx', highWaterMark: 1 << 20 });
      await once(stream, 'open');
      return stream;
    });
    const growing = size !== undefined ? new GrowingBlob(tmp, size) : undefined;
    if (growing !== undefined) this.growingBlobs.set(digest, growing);
    const h = new Digester(digestAlgorithm(digest));
    let written = 0;
    let failed: Error | undefined;
    out.on('error', (e) => {
      failed = e;
    });
    const writer: BlobWriter = {
      get written() {
        return written;
      },
      write(chunk: Uint8Array) {
        if (failed !== undefined) throw failed;
        checkRoom(digest, size, written, chunk);
        h.update(chunk);
        written += chunk.length;
        // The callback comes in order, once the bytes are in the file (a write error fails the ingest).
        const ok = growing === undefined ? out.write(chunk) : out.write(chunk, (e) => (e ? undefined : growing.grew(chunk.length)));
        return ok ? undefined : drain(out);
      }
    };
    try {
      await producer(writer);
      await closeStream(out);
      if (failed !== undefined) throw failed;
      checkIngested(digest, size, written, h);
      this.verifiedFiles.set(digest, await stampVerified(tmp));
      await rename(tmp, final);
      growing?.end();
    } catch (e) {
      this.verifiedFiles.delete(digest);
      growing?.end(e instanceof Error ? e : new Error(String(e)));
      out.destroy();
      await rm(tmp, { force: true });
      throw e;
    } finally {
      if (growing !== undefined && this.growingBlobs.get(digest) === growing) this.growingBlobs.delete(digest);
    }
  }

  /**
   * doIngest for a blob held in memory: the same hashing and size checks, the bytes kept only once
   * they match (a failed ingest leaves nothing).
   */
  private async ingestInMemory(digest: Digest, size: number, producer: (w: BlobWriter) => Promise<void>): Promise<void> {
    // Its room is taken now, so that ingests under way together stay within the total.
    this.memoryBytes += size;
    const h = new Digester(digestAlgorithm(digest));
    const chunks: Uint8Array[] = [];
    let written = 0;
    try {
      await producer({
        get written() {
          return written;
        },
        write(chunk: Uint8Array) {
          checkRoom(digest, size, written, chunk);
          h.update(chunk);
          // The producer does not change a chunk it wrote (BlobWriter.write): it is copied once, below.
          chunks.push(chunk);
          written += chunk.length;
          return undefined;
        }
      });
      checkIngested(digest, size, written, h);
    } catch (e) {
      this.memoryBytes -= size;
      throw e;
    }
    this.inMemory.set(digest, Buffer.concat(chunks, written));
  }

  /**
   * Records the identity of a file just hashed, when it is sure to show any later change: it did not
   * change while it was read, and its modification time is old enough that a write now would give it
   * a newer one (a file written in the last second may share a timestamp with a write to come).
   */
  private async rememberSettled(digest: Digest, file: string, before: FileIdentity): Promise<void> {
    const after = identityOf(await stat(file, { bigint: true }));
    const settled = BigInt(Date.now() - 1000) * 1_000_000n;
    if (sameIdentity(before, after) && after.mtimeNs < settled) this.verifiedFiles.set(digest, after);
    else this.verifiedFiles.delete(digest);
  }

  /** A fresh temp file name next to where `digest` goes (its folder created, once per store). */
  private async tempFor(digest: Digest): Promise<string> {
    const dir = path.dirname(this.path(digest));
    if (!this.madeDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    return path.join(dir, `${TMP_PREFIX}${digestHex(digest).slice(0, 16)}-${process.pid}-${this.tempToken}-${(this.tempCount++).toString(36)}`);
  }

  /** Creates `file`; when its folder is gone since this store made it (removed meanwhile), makes it again and retries once. */
  private async withFolder<T>(file: string, create: () => Promise<T>): Promise<T> {
    try {
      return await create();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      await mkdir(path.dirname(file), { recursive: true });
      return create();
    }
  }

  /**
   * Takes a whole file (a finished download) in as the blob `expected`, without copying its bytes:
   * the file is moved to a temp name of the store (a rename; a copy across filesystems) and given the
   * blob's name only when size and digest match. `hashed` is what the caller computed over the very
   * bytes as it wrote them (a download hashed in flight): the file is then not read again. Without
   * it, or after a copy across filesystems, the store hashes the file itself. Once moved, the file is
   * gone either way: on a mismatch nothing is stored and an OciError (DIGEST_MISMATCH or
   * SIZE_MISMATCH) is thrown. A blob already present is kept as it is (and `file` removed).
   */
  async ingestFile(file: string, expected: ExpectedBlob, hashed?: { digest: Digest; size: number }): Promise<void> {
    const digest = parseDigest(expected.digest);
    if (await this.has(digest, expected.size)) {
      await rm(file, { force: true });
      return;
    }
    const tmp = await this.tempFor(digest);
    try {
      let copied = false;
      try {
        await this.withFolder(tmp, () => rename(file, tmp));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
        await copyFile(file, tmp);
        await rm(file, { force: true });
        copied = true;
      }
      const got = hashed !== undefined && !copied ? hashed : await hashFile(tmp, digestAlgorithm(digest));
      if (expected.size !== undefined && got.size !== expected.size) {
        throw new OciError(`blob ${digest} is ${got.size} bytes, but ${expected.size} were expected`, { code: 'SIZE_MISMATCH' });
      }
      if (got.digest !== digest) {
        throw new OciError(`content does not match its digest: expected ${digest}, got ${got.digest}`, { code: 'DIGEST_MISMATCH' });
      }
      // Hashed in flight by the caller: the bytes were final before the file was moved here.
      if (hashed !== undefined && !copied) this.verifiedFiles.set(digest, await stampVerified(tmp));
      await rename(tmp, this.path(digest));
    } catch (e) {
      this.verifiedFiles.delete(digest);
      await rm(tmp, { force: true });
      throw e;
    }
  }

  /**
   * Makes a blob of this store present in `target`: a hard link when both live on one filesystem,
   * a copy otherwise. The copy goes through a temp file and a rename like every other write.
   */
  async copyTo(target: BlobStore, digest: Digest): Promise<'link' | 'copy' | 'present'> {
    if (await target.has(digest)) return 'present';
    const src = this.path(digest);
    const dst = target.path(digest);
    await mkdir(path.dirname(dst), { recursive: true });
    try {
      await link(src, dst);
      return 'link';
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return 'present';
      if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK') throw e;
    }
    const tmp = path.join(path.dirname(dst), `${TMP_PREFIX}${randomBytes(8).toString('hex')}`);
    try {
      await copyFile(src, tmp, fsConstants.COPYFILE_FICLONE);
      await rename(tmp, dst);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    return 'copy';
  }

  /** Size of a present blob. */
  async size(digest: Digest): Promise<number> {
    const held = this.inMemory.get(digest);
    if (held !== undefined) return held.length;
    return (await stat(this.path(digest))).size;
  }

  /** Ensures the folder exists (and, for a layout, is writable). */
  async init(): Promise<void> {
    await mkdir(path.join(this.root, 'blobs', 'sha256'), { recursive: true });
    const fh = await open(path.join(this.root, 'blobs', 'sha256'), 'r');
    await fh.close();
  }
}

/** A chunk about to be written must fit in the size the blob's descriptor declares. */
function checkRoom(digest: Digest, size: number | undefined, written: number, chunk: Uint8Array): void {
  if (size !== undefined && written + chunk.length > size) {
    throw new OciError(`blob ${digest} is larger than the ${size} bytes its descriptor declares`, { code: 'SIZE_MISMATCH' });
  }
}

/** An ingest's bytes, all written: their size and digest must be the declared ones. */
function checkIngested(digest: Digest, size: number | undefined, written: number, h: Digester): void {
  if (size !== undefined && written !== size) {
    throw new OciError(`blob ${digest} is ${written} bytes, but its descriptor declares ${size}`, { code: 'SIZE_MISMATCH' });
  }
  const got = h.digest();
  if (got !== digest) {
    throw new OciError(`blob content does not match its digest: expected ${digest}, got ${got}`, {
      hint: 'the registry (or a proxy in between) sent altered bytes; nothing was stored',
      code: 'DIGEST_MISMATCH'
    });
  }
}

function drain(out: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = (): void => {
      out.off('error', onError);
      resolve();
    };
    const onError = (e: Error): void => {
      out.off('drain', onDrain);
      reject(e);
    };
    out.once('drain', onDrain);
    out.once('error', onError);
  });
}

function closeStream(out: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    out.end((err?: Error | null) => (err ? reject(err) : resolve()));
  });
}
