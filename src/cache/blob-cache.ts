import path from 'node:path';
import type { BlobStore } from '../oci/blobstore.js';
import type { Digest } from '../oci/digest.js';
import { formatBytes } from '../report/format.js';
import { actionsCacheAvailability, cacheModePermits, cachePaths, restoreEntry, saveEntry, usesServiceV2, type RestoreOutcome } from './actions.js';
import { VERSION } from '../version.js';
import { BlobDir } from './blobdir.js';
import { contentKey, namesContent, packagePrefix, repairKey, runnerPrefix, type KeyParts } from './key.js';
import { Lease } from './lease.js';
import { ensureLocalCacheDir, LOCAL_UNUSED_DAYS, localCacheDir } from './local.js';

export type CacheMode = 'actions' | 'local' | 'off';
export type CacheHit = 'true' | 'partial' | 'false';

export interface CacheLog {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
}

/** A blob the package needs, and where it comes from when the cache does not have it. */
export interface NeededBlob {
  digest: Digest;
  size: number;
  /** Registry host or archive path. */
  source: string;
}

export interface CacheReport {
  mode: CacheMode;
  /** false when the mode could not be used (no cache service, no tool cache): blobs were kept for this run only. */
  active: boolean;
  hit: CacheHit;
  /** The cache folder. */
  dir?: string;
  /** Actions cache entries restored, in order. */
  restored: string[];
  /** The key naming this package's content. */
  key?: string;
  /** The key saved by this run. */
  saved?: string;
  /** One line on saving (or not). */
  saveNote?: string;
  fromCache: { blobs: number; bytes: number };
  /** Blobs not served by the cache, by registry host or archive path. */
  fromSources: Record<string, { blobs: number; bytes: number }>;
  /** Cached blobs that did not match their digest (removed, fetched again). */
  corrupt: number;
  pruned?: { blobs: number; bytes: number };
}

export interface OpenCacheOptions {
  mode: CacheMode;
  /** The run's own blob store: cached blobs are linked into it, fetched blobs land in it. */
  run: BlobStore;
  workspace: string;
  /** RUNNER_TEMP (or the OS temp folder). */
  tempRoot: string;
  packageName: string;
  architecture: string;
  log: CacheLog;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  /** The run's cancellation: a cancelled run does not wait for a restore still in progress. */
  signal?: AbortSignal;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Temp files not written to for this long belong to a process that died. */
export const TEMP_STALE_MS = 30 * MINUTE;
/** The folder under RUNNER_TEMP that the Actions cache entry holds. */
export const ACTIONS_DIR_NAME = 'lading-blobs';

function runnerOs(env: NodeJS.ProcessEnv): string {
  if (env.RUNNER_OS) return env.RUNNER_OS;
  return process.platform === 'win32' ? 'Windows' : process.platform === 'darwin' ? 'macOS' : 'Linux';
}

function runnerArch(env: NodeJS.ProcessEnv): string {
  if (env.RUNNER_ARCH) return env.RUNNER_ARCH;
  return ({ x64: 'X64', arm64: 'ARM64', ia32: 'X86', arm: 'ARM' } as Record<string, string>)[process.arch] ?? process.arch.toUpperCase();
}

/**
 * The blob cache of one run. `cache: actions` restores a folder through the Actions cache before
 * resolving and saves it after a successful build; `cache: local` keeps the folder in the runner's tool
 * cache; `off` (or a mode that cannot be used here) keeps blobs for this run only.
 *
 * Stage order: open -> startRestore (runs on while resolving) -> (resolve, with `cached`) -> resolved -> (pull, with `cached`) ->
 * (assemble) -> finish.
 */
export class BlobCache {
  readonly mode: CacheMode;
  private readonly o: OpenCacheOptions;
  private readonly now: () => number;
  private dir: BlobDir | undefined;
  private lease: Lease | undefined;
  private paths: string[] = [];
  private keyParts: KeyParts | undefined;
  private readonly restored: string[] = [];
  /** Entries the service matched: being restored, restored, or broken. */
  private readonly found: string[] = [];
  /** Entries found but not restorable (download or extraction failed): to be replaced. */
  private readonly broken: string[] = [];
  private serviceProblem: string | undefined;
  private key: string | undefined;
  /** Blobs a restore in progress has put in the cache folder, verified; and who waits for which. */
  private readonly landed = new Set<string>();
  private readonly waiting = new Map<string, (() => void)[]>();
  /** Settles once the first lookup is answered (or the first restore is over). */
  private answered: Promise<void> = Promise.resolve();
  private corrupt = 0;
  private readonly looked = new Set<string>();
  private readonly eligible = new Set<string>();
  private readonly adopted = new Set<string>();
  private readonly inflight = new Map<string, Promise<boolean>>();
  /**
   * The restore in progress (or done). A lookup waits for it, or (a streamed restore) only until its
   * blob has landed whole and verified; @actions/cache's restore is waited for whole, so no lookup
   * sees a half-extracted folder.
   */
  private ready: Promise<void> = Promise.resolve();
  /** Stops a streamed restore when the run ends before it (close()); the run's own signal does too. */
  private readonly restoreStop = new AbortController();
  private cancelled: Promise<void> | undefined;
  /**
   * Settles once a lookup's "not cached" is final: at once, except with an Actions cache folder,
   * where `resolved` may restore the entry of exactly this content (a "no" before it may turn into a
   * "yes"). The pull starts no transfer before.
   */
  readonly lookupsFinal: Promise<void>;
  private markFinal: () => void = () => undefined;

  private constructor(o: OpenCacheOptions) {
    this.o = o;
    this.mode = o.mode;
    this.now = o.now ?? Date.now;
    this.lookupsFinal = new Promise((resolve) => {
      this.markFinal = resolve;
    });
  }

  /** Opens the cache of `mode`; a mode that cannot be used here is logged and the run goes on without it. */
  static async open(o: OpenCacheOptions): Promise<BlobCache> {
    const c = new BlobCache(o);
    const env = o.env ?? process.env;
    if (o.mode === 'actions') {
      const avail = actionsCacheAvailability(env);
      if (!avail.ok) {
        o.log.info(`cache: the Actions cache cannot be used: ${avail.reason}; blobs are kept for this run only`);
        return c;
      }
      c.keyParts = { runnerOs: runnerOs(env), runnerArch: runnerArch(env), packageName: o.packageName, architecture: o.architecture };
      const dir = path.join(o.tempRoot, ACTIONS_DIR_NAME);
      c.paths = cachePaths(dir, o.workspace);
      c.dir = await c.usable(dir);
    } else if (o.mode === 'local') {
      const where = localCacheDir(env);
      if ('problem' in where) {
        o.log.warning(`cache: local: ${where.problem}; blobs are kept for this run only`);
        return c;
      }
      c.dir = await c.usable(where.dir, true);
      if (c.dir !== undefined) c.lease = await Lease.take(c.dir.root).catch(() => undefined);
    }
    if (c.mode !== 'actions' || c.dir === undefined) c.markFinal();
    return c;
  }

  private async usable(dir: string, local = false): Promise<BlobDir | undefined> {
    try {
      if (local) await ensureLocalCacheDir(dir);
      const d = new BlobDir(dir);
      await d.init();
      return d;
    } catch (e) {
      this.o.log.warning(`cache: cannot use the cache folder ${dir} (${(e as Error).message}); blobs are kept for this run only`);
      return undefined;
    }
  }

  /** True when a cache folder is in use. */
  get active(): boolean {
    return this.dir !== undefined;
  }

  /**
   * Starts restoring the Actions cache entry (or looking at the local folder) and returns at once, so
   * the restore overlaps with resolving tags: `cached`, `resolved` and `finish` wait for it. Never
   * rejects.
   */
  startRestore(): void {
    let answer = (): void => undefined;
    this.answered = new Promise<void>((resolve) => (answer = resolve));
    this.ready = this.restore(answer)
      .catch((e: unknown) => {
        this.serviceProblem ??= (e as Error).message;
        this.o.log.warning(`cache: could not restore the blob cache (${(e as Error).message}); blobs come from their registries`);
      })
      .finally(answer);
  }

  /** A restore put `digest` in the cache folder, verified: whoever waits for it goes on. */
  private land(digest: string): void {
    this.landed.add(digest);
    for (const go of this.waiting.get(digest) ?? []) go();
    this.waiting.delete(digest);
  }

  /** The restore is over, or has put `digest` in place already: a lookup of it need not wait longer. */
  private restoreOverFor(digest: string): Promise<void> {
    if (this.landed.has(digest)) return Promise.resolve();
    const arrives = new Promise<void>((resolve) => {
      const list = this.waiting.get(digest) ?? [];
      list.push(resolve);
      this.waiting.set(digest, list);
    });
    return Promise.race([this.restoreOver(), arrives]);
  }

  /** Resolves when the run is cancelled (never without a signal); one listener however many wait. */
  private whenCancelled(): Promise<void> {
    const signal = this.o.signal;
    if (signal === undefined) return new Promise<void>(() => undefined);
    this.cancelled ??= signal.aborted ? Promise.resolve() : new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    return this.cancelled;
  }

  /** The restore is over, or the run was cancelled (nothing then waits on a transfer that takes no signal). */
  private restoreOver(): Promise<void> {
    return Promise.race([this.ready, this.whenCancelled()]);
  }

  /** Restores the Actions cache entry, or looks at the local folder. `answered`: the lookup is answered. */
  async restore(answered: () => void = () => undefined): Promise<void> {
    const dir = this.dir;
    if (dir === undefined) return;
    if (this.mode === 'local') {
      const swept = await dir.prune({ tempOlderThanMs: TEMP_STALE_MS, now: this.now() }).catch(() => undefined);
      if (swept !== undefined && swept.temp > 0) this.o.log.info(`cache: removed ${swept.temp} temp file${swept.temp === 1 ? '' : 's'} left by interrupted runs`);
      const { blobs, bytes } = await this.contents();
      this.o.log.info(`cache: local blob cache ${dir.root} holds ${blobs} blob${blobs === 1 ? '' : 's'} (${formatBytes(bytes)})`);
      return;
    }
    const parts = this.keyParts as KeyParts;
    const permits = cacheModePermits(this.o.env ?? process.env);
    if (!permits.read) {
      this.o.log.info(`cache: this run may not read the Actions cache (ACTIONS_CACHE_MODE=${permits.mode}); blobs come from their registries`);
      return;
    }
    const r = await this.restoreFrom(packagePrefix(parts), [runnerPrefix(parts)], answered);
    if (r === undefined) return;
    if (r.problem !== undefined) {
      this.failed(r);
    } else if (r.matchedKey !== undefined) {
      this.restored.push(r.matchedKey);
      const { blobs, bytes } = await this.contents();
      this.o.log.info(`cache: restored ${r.matchedKey} (${blobs} blob${blobs === 1 ? '' : 's'}, ${formatBytes(bytes)})`);
    } else {
      this.o.log.info(`cache: no Actions cache entry yet for ${packagePrefix(parts)}* or ${runnerPrefix(parts)}*`);
    }
  }

  /**
   * Restores one entry into the cache folder: streamed and unpacked blob by blob (each hashed on the
   * way in) on the v2 cache service, through @actions/cache's restoreCache on v1 (GHES). Undefined
   * when the run ended (or was cancelled) meanwhile: what the restore was doing then is no news.
   */
  private async restoreFrom(primaryKey: string, restoreKeys: string[], answered?: () => void): Promise<RestoreOutcome | undefined> {
    const env = this.o.env ?? process.env;
    const dir = this.dir;
    if (dir === undefined || !usesServiceV2(env)) {
      const r = await restoreEntry(this.paths, primaryKey, restoreKeys);
      const key = r.matchedKey ?? r.brokenKey;
      if (key !== undefined) this.found.push(key);
      return r;
    }
    const { restoreEntryStreaming } = await import('./restore/restore-entry.js');
    const r = await restoreEntryStreaming({
      env,
      paths: this.paths,
      primaryKey,
      restoreKeys,
      workspace: this.o.workspace,
      store: dir.store,
      userAgent: `lading/${VERSION}`,
      onFound: (key) => {
        this.found.push(key);
        this.o.log.info(`cache: restoring ${key} from the Actions cache`);
        answered?.();
      },
      onBlob: (digest) => this.land(digest),
      progress: (line) => this.o.log.info(`cache: ${line}`),
      debug: (l) => this.o.log.debug(l),
      signal: this.o.signal !== undefined ? AbortSignal.any([this.o.signal, this.restoreStop.signal]) : this.restoreStop.signal
    });
    if (this.o.signal?.aborted === true || this.restoreStop.signal.aborted) return undefined;
    for (const d of r.corrupt ?? []) {
      this.corrupt++;
      this.o.log.warning(`cache: blob ${d} in the cache did not match its digest; it was removed and is fetched again`);
    }
    return r;
  }

  private failed(r: RestoreOutcome): void {
    if (r.brokenKey !== undefined) {
      this.broken.push(r.brokenKey);
      this.o.log.warning(`cache: could not restore ${r.brokenKey} from the Actions cache (${r.problem ?? 'unknown error'}); blobs come from their registries`);
    } else {
      this.serviceProblem = r.problem;
      this.o.log.warning(`cache: could not restore the blob cache from the Actions cache (${r.problem ?? 'unknown error'}); blobs come from their registries`);
    }
  }

  private async contents(): Promise<{ blobs: number; bytes: number }> {
    const files = (await this.dir?.list().catch(() => [])) ?? [];
    const blobs = files.filter((f) => f.digest !== undefined);
    return { blobs: blobs.length, bytes: blobs.reduce((n, f) => n + f.size, 0) };
  }

  /**
   * Whether the run's store holds the blob, verified. A blob the run does not have yet is taken from
   * the cache when there (linked into the run's store and hashed); a corrupt one is removed and
   * reported, and `false` sends the caller to the blob's source. Pass it to resolve and pull.
   */
  readonly cached = (digest: Digest, size?: number): Promise<boolean> => {
    const running = this.inflight.get(digest);
    if (running !== undefined) return running;
    const p = this.look(digest, size).finally(() => this.inflight.delete(digest));
    this.inflight.set(digest, p);
    return p;
  };

  private async look(digest: Digest, size: number | undefined): Promise<boolean> {
    const first = !this.looked.has(digest);
    this.looked.add(digest);
    if (await this.o.run.has(digest, size)) return true;
    // A blob first asked for when the run already has it was read to resolve a tag: never cacheable.
    if (first) this.eligible.add(digest);
    const dir = this.dir;
    if (dir === undefined) return false;
    await this.restoreOverFor(digest);
    if (this.o.signal?.aborted === true) return false;
    const r = await dir.adopt(digest, size, this.o.run, this.mode === 'local').catch((e: unknown) => {
      this.o.log.debug(`cache: could not take ${digest} from the cache: ${(e as Error).message}`);
      return 'miss' as const;
    });
    if (r === 'hit') {
      this.adopted.add(digest);
      return true;
    }
    if (r === 'corrupt') {
      this.corrupt++;
      this.o.log.warning(`cache: blob ${digest} in the cache did not match its digest; it was removed and is fetched again`);
    }
    return false;
  }

  /**
   * After resolving, when every needed blob is known: names the content; when the restored entry is not
   * this content's, restores this content's entry if there is one (e.g. an older package version built
   * again, while a newer one is the newest entry).
   */
  async resolved(needed: readonly NeededBlob[]): Promise<void> {
    try {
      await this.decideContent(needed);
    } finally {
      this.markFinal();
    }
  }

  private async decideContent(needed: readonly NeededBlob[]): Promise<void> {
    // Only the lookup's answer is needed here: the entry's blobs are taken as they land (restoreOverFor).
    await Promise.race([this.answered, this.whenCancelled()]);
    if (this.mode !== 'actions' || this.dir === undefined || this.keyParts === undefined) return;
    const key = contentKey(this.keyParts, needed.map((n) => n.digest));
    this.key = key;
    if (this.serviceProblem !== undefined || !cacheModePermits(this.o.env ?? process.env).read) return;
    const hasContentEntry = [...this.found, ...this.broken].some((k) => namesContent(k, key));
    if (!hasContentEntry) {
      // After the first restore (one restore into the folder at a time); lookups wait for this one too.
      this.ready = this.ready.then(async () => {
        if (this.o.signal?.aborted === true) return;
        const r = await this.restoreFrom(key, []).catch((e: unknown) => ({ problem: (e as Error).message }) as RestoreOutcome);
        if (r === undefined) return;
        if (r.problem !== undefined) return this.failed(r);
        if (r.matchedKey !== undefined) {
          this.restored.push(r.matchedKey);
          this.o.log.info(`cache: restored ${r.matchedKey}, the entry of exactly this content`);
        }
      });
    }
    this.o.log.info(`cache: key ${key}${hasContentEntry ? ' (found)' : ''}`);
  }

  /**
   * After a successful build: adds the run's new blobs to the cache folder, prunes it, saves the
   * Actions cache entry when it is new content, and reports. `needed` is every blob of the package.
   * A cancelled run (the signal given to `open` aborted, before or during) adds and saves nothing more.
   */
  async finish(needed: readonly NeededBlob[]): Promise<CacheReport> {
    const signal = this.o.signal;
    await this.restoreOver();
    const report = this.report(needed);
    const dir = this.dir;
    if (dir === undefined) return report;
    const want = new Map(needed.map((n) => [n.digest as string, n]));
    // Whether this content's own entry came down whole (before this run adds its new blobs).
    const key = this.key;
    const entryNamesContent = key !== undefined && this.restored.some((k) => namesContent(k, key));
    let missingFromEntry = 0;
    if (entryNamesContent) {
      const present = await dir.digests();
      missingFromEntry = needed.filter((n) => !present.has(n.digest) && !this.adopted.has(n.digest)).length;
    }
    const cancelled = (): CacheReport | undefined => {
      if (signal?.aborted !== true) return undefined;
      report.saveNote = 'not saved: the run was cancelled';
      return report;
    };
    if (cancelled() !== undefined) return report;

    let publishProblem: string | undefined;
    for (const n of want.values()) {
      if (cancelled() !== undefined) return report;
      if (this.adopted.has(n.digest)) continue;
      try {
        await dir.publish(n.digest, this.o.run);
      } catch (e) {
        publishProblem ??= `${n.digest}: ${(e as Error).message}`;
      }
    }
    if (publishProblem !== undefined) this.o.log.warning(`cache: could not add every new blob to the cache folder (${publishProblem})`);

    if (this.mode === 'local') {
      // Every blob of this package was just used: refresh its "last used" time.
      for (const d of want.keys()) await dir.touch(d as Digest);
      const others = this.lease !== undefined ? await this.lease.others(this.now()) : -1;
      if (others === 0) {
        const pruned = await dir.prune({ unusedForMs: LOCAL_UNUSED_DAYS * DAY, tempOlderThanMs: TEMP_STALE_MS, now: this.now() }).catch(() => undefined);
        if (pruned !== undefined) {
          report.pruned = { blobs: pruned.blobs, bytes: pruned.bytes };
          if (pruned.blobs > 0) this.o.log.info(`cache: pruned ${pruned.blobs} blob${pruned.blobs === 1 ? '' : 's'} (${formatBytes(pruned.bytes)}) not used for ${LOCAL_UNUSED_DAYS} days`);
        }
      } else if (others > 0) {
        this.o.log.info(`cache: not pruning the local cache: ${others} other job${others === 1 ? ' is' : 's are'} using it`);
      }
      report.saveNote = `kept in ${dir.root}`;
      return report;
    }

    // Actions: the entry holds exactly the package's blobs.
    const pruned = await dir.prune({ keep: new Set(want.keys()), tempOlderThanMs: 0, now: this.now() }).catch(() => undefined);
    if (pruned !== undefined) report.pruned = { blobs: pruned.blobs, bytes: pruned.bytes };
    if (key === undefined) return report;
    const note = (line: string, warn = false): CacheReport => {
      report.saveNote = line;
      if (warn) this.o.log.warning(`cache: ${line}`);
      else this.o.log.info(`cache: ${line}`);
      return report;
    };
    if (this.serviceProblem !== undefined) return note('not saved: the cache service failed when restoring');
    const permits = cacheModePermits(this.o.env ?? process.env);
    if (!permits.write) return note(`not saved: this run may not write to the Actions cache (ACTIONS_CACHE_MODE=${permits.mode})`);
    if (want.size === 0) return note('not saved: the package has no blobs');
    if (entryNamesContent && this.corrupt === 0 && missingFromEntry === 0) return note(`${key} is up to date; not saved again`);
    const present = await dir.digests();
    const missing = [...want.keys()].filter((d) => !present.has(d));
    if (publishProblem !== undefined || missing.length > 0) {
      return note(`not saved: the cache folder does not hold every blob of the package (${missing.length} missing)`, true);
    }
    // This content's entry exists but missed blobs or could not be restored: a newer entry replaces it.
    const replaces = entryNamesContent || this.broken.some((k) => namesContent(k, key));
    const saveKey = replaces ? repairKey(key, this.now()) : key;
    if (cancelled() !== undefined) return report;
    // @actions/cache takes no signal: a cancelled run stops waiting for the upload (and exits, which
    // ends it); the entry is never finalized, so nothing is saved.
    const bytes = [...want.values()].reduce((n, b) => n + b.size, 0);
    this.o.log.info(`cache: saving ${saveKey} (${want.size} blobs, ${formatBytes(bytes)})`);
    const r = await Promise.race([saveEntry(this.paths, saveKey), this.whenCancelled().then(() => 'aborted' as const)]);
    if (r === 'aborted') return note('not saved: the run was cancelled while the entry was uploaded');
    if (r.saved) {
      report.saved = saveKey;
      return note(`saved ${saveKey} (${want.size} blobs, ${formatBytes(bytes)})${replaces ? `, replacing an entry that ${entryNamesContent ? 'missed blobs' : 'could not be restored'}` : ''}`);
    }
    if (r.exists === true) return note(`${saveKey} already exists (saved by another job); not saved again`);
    return note(`could not save the blob cache (${r.problem ?? 'unknown error'}); the next run pulls what it misses`, true);
  }

  /** Releases what the run holds on the cache (the local cache's lease). Never throws. */
  async close(): Promise<void> {
    // A run that ends before its restore (it failed early) stops a streamed restore (the folder only
    // ever holds whole blobs) and lets @actions/cache's (GHES) finish, so that folder stays whole; a
    // cancelled run waits for neither (it exits at once; every cached blob is hashed before use anyway).
    this.restoreStop.abort(new Error('the run is over'));
    if (this.o.signal?.aborted !== true) await this.ready;
    await this.lease?.release().catch(() => undefined);
    this.lease = undefined;
  }

  /** Where the package's blobs came from, and the cache-hit value. */
  report(needed: readonly NeededBlob[]): CacheReport {
    const seen = new Set<string>();
    const fromCache = { blobs: 0, bytes: 0 };
    const fromSources: Record<string, { blobs: number; bytes: number }> = {};
    let eligible = 0;
    let hits = 0;
    for (const n of needed) {
      if (seen.has(n.digest)) continue;
      seen.add(n.digest);
      if (this.eligible.has(n.digest)) {
        eligible++;
        if (this.adopted.has(n.digest)) hits++;
      }
      if (this.adopted.has(n.digest)) {
        fromCache.blobs++;
        fromCache.bytes += n.size;
      } else {
        const s = (fromSources[n.source] ??= { blobs: 0, bytes: 0 });
        s.blobs++;
        s.bytes += n.size;
      }
    }
    const hit: CacheHit = eligible > 0 && hits === eligible ? 'true' : hits > 0 ? 'partial' : 'false';
    return {
      mode: this.mode,
      active: this.dir !== undefined,
      hit,
      ...(this.dir !== undefined ? { dir: this.dir.root } : {}),
      restored: [...this.restored],
      ...(this.key !== undefined ? { key: this.key } : {}),
      fromCache,
      fromSources,
      corrupt: this.corrupt
    };
  }
}
