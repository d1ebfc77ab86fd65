/**
 * The pull of a build's blobs: each distinct blob fetched once, however many images share it, through
 * one concurrency limit; what the store (or the blob cache) already holds is not transferred again.
 *
 * Transfers may start early: the resolver reports each image manifest as soon as it has read it
 * (`start`), and its layers start downloading while the other references still resolve, instead of
 * after the last one. `finish` pulls whatever was not started yet and waits for every transfer. Each
 * slot of the concurrency limit, when it comes free, takes the largest blob waiting (the longest
 * transfers start first, however the manifests arrived). A run that fails before `finish` calls
 * `stop`: its early transfers are aborted and waited for, so none outlives the run's folder.
 */
import type { LimitFunction } from 'p-limit';
import { LadingErrors, toLadingErrors } from '../errors.js';
import { BlobArrivals } from '../oci/blob-arrivals.js';
import type { BlobStore } from '../oci/blobstore.js';
import type { Digest } from '../oci/digest.js';
import type { Reference } from '../oci/reference.js';
import type { Descriptor } from '../oci/types.js';
import { Progress } from '../report/progress.js';
import type { Resolved } from './resolve.js';
import type { ImageSource } from './source.js';

export interface PullStats {
  /** Distinct blobs the package needs. */
  blobs: number;
  /** Bytes of those blobs. */
  bytes: number;
  /** Blobs already in the store before pulling. */
  reused: number;
  reusedBytes: number;
  /** Blobs transferred, and their bytes, per source name (registry host or archive path). */
  fetchedFrom: Record<string, { blobs: number; bytes: number }>;
}

export interface PullOptions {
  /**
   * Whether the store holds a blob, verified (the blob cache takes it from the cache and hashes it).
   * Default: the store has a file of that name and size.
   */
  cached?: (digest: Descriptor['digest'], size: number) => Promise<boolean>;
  /**
   * Settles once `cached` answers for good (the Actions cache may restore one more entry when every
   * blob is known): no lookup, and so no transfer, starts before. Default: at once.
   */
  lookupsFinal?: Promise<void>;
}

type Outcome = { present: boolean; fetched: boolean };

/** A blob waiting for a slot of the concurrency limit. */
interface Waiting {
  desc: Descriptor;
  source: ImageSource;
  reference: Reference;
  resolve: (o: Outcome) => void;
  reject: (e: unknown) => void;
}

/** One blob's way into the store. */
interface Transfer {
  desc: Descriptor;
  /** Where it is fetched from: the first image that asked for it. */
  source: ImageSource;
  reference: Reference;
  /** Whether the store already held it (nothing transferred), once it is there; rejects when it will not be. */
  done: Promise<Outcome>;
}

export class BlobPull {
  /**
   * Told of every blob before the first await of `finish` (and of each early one when it starts), then
   * of each one the moment it is in the store, verified (found there, or its ingest finished); closed
   * with the first failure, so a reader waiting for a blob stops at once.
   */
  readonly arrivals = new BlobArrivals();
  private readonly transfers = new Map<Digest, Transfer>();
  /** Blobs waiting for a slot, in no order: each slot takes the largest. */
  private readonly waiting: Waiting[] = [];
  private readonly stopper = new AbortController();
  private readonly stopped: Promise<void>;
  private progress: Progress | undefined;
  /** Blobs found missing from the store (transferred, or tried). */
  private missing = 0;
  private firstAt: number | undefined;
  private lastAt: number | undefined;

  constructor(
    private readonly store: BlobStore,
    private readonly limit: LimitFunction,
    private readonly log: (line: string) => void,
    private readonly opts: PullOptions = {}
  ) {
    this.stopped = new Promise((resolve) => this.stopper.signal.addEventListener('abort', () => resolve(), { once: true }));
  }

  /** Starts the transfers of the `blobs` of an image just read from `source` (those not started yet). */
  start(source: ImageSource, reference: Reference, blobs: readonly Descriptor[]): void {
    if (this.stopper.signal.aborted) return;
    for (const d of blobs) if (!this.transfers.has(d.digest)) this.begin(d, source, reference);
  }

  /** Pulls every blob of `resolved` that was not started yet and waits for all of them. */
  async finish(resolved: readonly Resolved[]): Promise<PullStats> {
    const wanted = new Map<Digest, { desc: Descriptor; item: Resolved }>();
    for (const r of resolved) for (const d of r.image.blobs) if (!wanted.has(d.digest)) wanted.set(d.digest, { desc: d, item: r });
    // Announced before the first await: a writer started right after this call finds every blob.
    this.arrivals.expect(wanted.keys());
    for (const w of wanted.values()) if (!this.transfers.has(w.desc.digest)) this.begin(w.desc, w.item.source, w.item.image.reference);
    // Every transfer, also one started for a blob no image kept: none may outlive this call.
    const all = [...this.transfers.values()];
    const settled = await Promise.allSettled(all.map((t) => t.done));
    const stats: PullStats = { blobs: wanted.size, bytes: 0, reused: 0, reusedBytes: 0, fetchedFrom: {} };
    const errors = [];
    for (const [i, t] of all.entries()) {
      const w = wanted.get(t.desc.digest);
      const r = settled[i] as PromiseSettledResult<Outcome>;
      if (w === undefined) continue;
      if (r.status === 'rejected') {
        errors.push(...toLadingErrors(r.reason, w.item.image.position));
        continue;
      }
      stats.bytes += t.desc.size;
      if (r.value.present) {
        stats.reused++;
        stats.reusedBytes += t.desc.size;
      } else {
        const s = (stats.fetchedFrom[sourceName(t.source, t.reference)] ??= { blobs: 0, bytes: 0 });
        if (r.value.fetched) {
          s.blobs++;
          s.bytes += t.desc.size;
        }
      }
    }
    if (errors.length > 0) throw new LadingErrors(errors);
    if (this.progress !== undefined) this.log(`pulled ${this.missing} blobs, ${this.progress.line().replace(/^pulling: /, '')}`);
    return stats;
  }

  /**
   * From the first blob's transfer started to the last one's end (Date.now() ms); undefined when
   * nothing was transferred. Early transfers included: it may begin before `finish` was called.
   */
  get transferMs(): number | undefined {
    return this.firstAt !== undefined && this.lastAt !== undefined ? this.lastAt - this.firstAt : undefined;
  }

  /** Aborts the transfers under way and starts no more; resolves once none is running. */
  async stop(): Promise<void> {
    this.stopper.abort(new Error('the run is over'));
    await Promise.allSettled([...this.transfers.values()].map((t) => t.done));
  }

  private begin(desc: Descriptor, source: ImageSource, reference: Reference): void {
    this.arrivals.expect([desc.digest]);
    const done = (async () => {
      // Not holding a slot while the blob cache's answer may still change.
      if (this.opts.lookupsFinal !== undefined) await Promise.race([this.opts.lookupsFinal, this.stopped]);
      return new Promise<Outcome>((resolve, reject) => {
        this.waiting.push({ desc, source, reference, resolve, reject });
        // One slot asked for each blob; the slot takes the largest blob waiting when it comes free, so
        // the longest transfers start first however the images' manifests arrived.
        void this.limit(() => this.runLargest());
      });
    })();
    // A reader waiting for this blob (or any other) stops now, not when every transfer ended.
    done.catch((e: unknown) => this.arrivals.close(e instanceof Error ? e : new Error(String(e))));
    this.transfers.set(desc.digest, { desc, source, reference, done });
  }

  private async runLargest(): Promise<void> {
    let at = 0;
    for (let i = 1; i < this.waiting.length; i++) if ((this.waiting[i] as Waiting).desc.size > (this.waiting[at] as Waiting).desc.size) at = i;
    const w = this.waiting.splice(at, 1)[0];
    if (w === undefined) return;
    try {
      w.resolve(await this.bring(w.desc, w.source, w.reference));
    } catch (e) {
      w.reject(e);
    }
  }

  /** Makes one blob present in the store: found there (or in the blob cache), else transferred. */
  private async bring(desc: Descriptor, source: ImageSource, reference: Reference): Promise<Outcome> {
    const signal = this.stopper.signal;
    signal.throwIfAborted();
    const present = await (this.opts.cached ?? ((d, size) => this.store.has(d, size)))(desc.digest, desc.size);
    if (present) {
      this.arrivals.arrived(desc.digest);
      return { present: true, fetched: false };
    }
    signal.throwIfAborted();
    this.missing++;
    this.firstAt ??= Date.now();
    const progress = this.progressFor(desc.size);
    const r = await source.fetchBlob(reference, desc, this.store, (n) => progress.add(n), signal).finally(() => {
      this.lastAt = Date.now();
    });
    this.arrivals.arrived(desc.digest);
    return { present: false, fetched: r.fetched };
  }

  /** The byte progress of the transfers, counted from the first one. */
  private progressFor(bytes: number): Progress {
    if (this.progress === undefined) this.progress = new Progress('pulling', bytes, this.log);
    else this.progress.grow(bytes);
    return this.progress;
  }
}

function sourceName(source: ImageSource, reference: Reference): string {
  return source.name === 'registry' ? (source.pulledFrom?.(reference) ?? reference).registry : source.name;
}
