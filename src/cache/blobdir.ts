import { copyFile, link, mkdir, readdir, rename, rm, stat, utimes, writeFile, constants as fsConstants } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { BlobStore } from '../oci/blobstore.js';
import { digestAlgorithm, digestHex, isDigest, type Digest } from '../oci/digest.js';

/** What a look into the cache found. */
export type AdoptResult = 'hit' | 'miss' | 'corrupt';

/** A file of the cache folder. */
export interface CacheFile {
  name: string;
  path: string;
  /** The digest the name claims; undefined for temp files and anything else. */
  digest?: Digest;
  size: number;
  mtimeMs: number;
}

export interface PruneOptions {
  /** Keep only these digests (the blobs the package used); everything else goes. */
  keep?: ReadonlySet<string>;
  /** Remove blobs not used (mtime not refreshed) for longer than this. */
  unusedForMs?: number;
  /** Remove temp files (and stray names) not written to for longer than this (0: all of them). */
  tempOlderThanMs: number;
  now: number;
}

export interface PruneResult {
  blobs: number;
  bytes: number;
  temp: number;
}

const ALGORITHMS = ['sha256', 'sha512'] as const;
const HEX = { sha256: /^[0-9a-f]{64}$/, sha512: /^[0-9a-f]{128}$/ };

async function mapLimit<T>(items: readonly T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}

/**
 * The blob cache folder: a BlobStore (`blobs/<alg>/<hex>`) kept across runs, by the Actions cache or in
 * the runner's tool cache, that several processes may use at once.
 *
 * A run never reads a cached blob in place. It first gives the blob a name of its own in the run's
 * store (a hard link, or a copy across filesystems), then hashes that: a blob that does not match its
 * name is removed from both and reported corrupt. Once linked, a blob stays readable by the run
 * whatever another process removes from the cache, so pruning can never pull a blob from under a
 * running build; the worst a race can do is make a run fetch a blob again.
 */
export class BlobDir {
  readonly store: BlobStore;

  constructor(readonly root: string) {
    this.store = new BlobStore(root);
  }

  async init(): Promise<void> {
    await this.store.init();
  }

  /**
   * Makes the cached blob `digest` present, verified, in `run`. `touch` refreshes its last-used time
   * (touch()).
   */
  async adopt(digest: Digest, size: number | undefined, run: BlobStore, touch: boolean): Promise<AdoptResult> {
    const cached = this.store.path(digest);
    try {
      const s = await stat(cached);
      if (!s.isFile()) return 'miss';
    } catch {
      return 'miss';
    }
    try {
      await this.store.copyTo(run, digest);
    } catch (e) {
      // Removed by another process between the stat and the link: simply not cached.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'miss';
      throw e;
    }
    // Restored by this process (hashed as it was unpacked, restore/extract-blobs.ts) and linked: the
    // run's name is the very file that was hashed.
    if (!touch && (await run.sharesVerified(this.store, digest, size))) return 'hit';
    if (touch) await this.touch(digest);
    if (!(await run.verify(digest, size))) {
      // verify() removed the run's name; the cache's copy is the same bytes (or their source).
      await rm(cached, { force: true });
      await rm(this.usedPath(digest), { force: true });
      return 'corrupt';
    }
    return 'hit';
  }

  /**
   * Refreshes a cached blob's last-used time: the modification time of its marker `used/<alg>/<hex>`
   * (made on first use). Never the blob's own: the blob is the very file (a hard link) that jobs
   * sharing the cache are reading into their packages, and its modification time is what tells them
   * it is still the file they hashed (file-identity.ts); touching it would fail their builds.
   */
  async touch(digest: Digest): Promise<void> {
    const marker = this.usedPath(digest);
    const now = new Date();
    try {
      await utimes(marker, now, now);
    } catch {
      await mkdir(path.dirname(marker), { recursive: true }).catch(() => undefined);
      await writeFile(marker, '', { flag: 'a' }).catch(() => undefined);
    }
  }

  /** The last-used marker of a blob. */
  usedPath(digest: Digest): string {
    return path.join(this.root, 'used', digestAlgorithm(digest), digestHex(digest));
  }

  /** When a blob was last used: its marker's modification time, else the blob's own (a folder from before markers). */
  private async lastUsedMs(f: CacheFile): Promise<number> {
    if (f.digest === undefined) return f.mtimeMs;
    try {
      return (await stat(this.usedPath(f.digest))).mtimeMs;
    } catch {
      return f.mtimeMs;
    }
  }

  /**
   * Makes a verified blob of `run` the cache's copy: a hard link when possible, else a copy, put in place
   * by an atomic rename. A different file already under that name (one this run did not verify) is
   * replaced, so the cache only ever receives bytes the run checked.
   */
  async publish(digest: Digest, run: BlobStore): Promise<'link' | 'copy' | 'present'> {
    const src = run.path(digest);
    const dst = this.store.path(digest);
    const [a, b] = await Promise.all([stat(src), stat(dst).catch(() => undefined)]);
    if (b !== undefined && a.ino === b.ino && a.dev === b.dev) return 'present';
    if (b === undefined) return run.copyTo(this.store, digest);
    const tmp = path.join(path.dirname(dst), `.tmp-${digestHex(digest).slice(0, 16)}-${process.pid}-${randomBytes(6).toString('hex')}`);
    let how: 'link' | 'copy' = 'link';
    try {
      try {
        await link(src, tmp);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK') throw e;
        await copyFile(src, tmp, fsConstants.COPYFILE_FICLONE);
        how = 'copy';
      }
      await rename(tmp, dst);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    return how;
  }

  /** Removes markers whose blob is gone (removed by another job, or found corrupt). */
  private async sweepMarkers(): Promise<void> {
    for (const alg of ALGORITHMS) {
      const dir = path.join(this.root, 'used', alg);
      const names = await readdir(dir).catch(() => [] as string[]);
      for (const name of names) {
        const blob = path.join(this.root, 'blobs', alg, name);
        if (!(await stat(blob).then(() => true, () => false))) await rm(path.join(dir, name), { force: true });
      }
    }
  }

  /** Every file in `blobs/<alg>/`: blobs (by their claimed digest), temp files and strays. */
  async list(): Promise<CacheFile[]> {
    const out: CacheFile[] = [];
    for (const alg of ALGORITHMS) {
      const dir = path.join(this.root, 'blobs', alg);
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        continue;
      }
      await mapLimit(names, 32, async (name) => {
        const p = path.join(dir, name);
        try {
          const s = await stat(p);
          if (!s.isFile()) return;
          const digest = HEX[alg].test(name) ? `${alg}:${name}` : undefined;
          out.push({ name, path: p, ...(digest !== undefined && isDigest(digest) ? { digest } : {}), size: s.size, mtimeMs: s.mtimeMs });
        } catch {
          // removed meanwhile
        }
      });
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Present blob names (not verified). */
  async digests(): Promise<Set<string>> {
    return new Set((await this.list()).flatMap((f) => (f.digest !== undefined ? [f.digest] : [])));
  }

  /**
   * Removes what is not worth keeping: with `keep`, every blob not in it; with `unusedForMs`, every blob
   * whose modification time is older; and temp files (`.tmp-*`, left by a killed process) or stray names
   * older than `tempOlderThanMs`. A temp file is written to continuously while its transfer runs, so a
   * live transfer's file is never that old.
   */
  async prune(opts: PruneOptions): Promise<PruneResult> {
    const result: PruneResult = { blobs: 0, bytes: 0, temp: 0 };
    for (const f of await this.list()) {
      let remove = false;
      if (f.digest === undefined) {
        if (opts.tempOlderThanMs <= 0 || opts.now - f.mtimeMs >= opts.tempOlderThanMs) {
          remove = true;
          result.temp++;
        }
      } else if ((opts.keep !== undefined && !opts.keep.has(f.digest)) || (opts.unusedForMs !== undefined && opts.now - (await this.lastUsedMs(f)) > opts.unusedForMs)) {
        remove = true;
        result.blobs++;
        result.bytes += f.size;
      }
      if (remove) {
        await rm(f.path, { force: true });
        if (f.digest !== undefined) await rm(this.usedPath(f.digest), { force: true });
      }
    }
    await this.sweepMarkers();
    return result;
  }
}
