import type { LimitFunction } from 'p-limit';
import { LadingErrors, toLadingErrors } from '../errors.js';
import type { BlobArrivals } from '../oci/blob-arrivals.js';
import type { BlobStore } from '../oci/blobstore.js';
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
   * Told of every blob before the first await, then of each one the moment it is in the store,
   * verified (found there, or its ingest finished); closed with the first failure, so a reader
   * waiting for a blob stops at once.
   */
  arrivals?: BlobArrivals;
}

/**
 * Pulls every blob of every image through one concurrency limit. Each distinct blob is fetched once
 * however many images share it; what the store already holds is not transferred again.
 */
export async function pullBlobs(resolved: readonly Resolved[], store: BlobStore, limit: LimitFunction, log: (line: string) => void, opts: PullOptions = {}): Promise<PullStats> {
  const wanted = new Map<Descriptor['digest'], { desc: Descriptor; item: Resolved }>();
  for (const r of resolved) for (const d of r.image.blobs) if (!wanted.has(d.digest)) wanted.set(d.digest, { desc: d, item: r });
  const arrivals = opts.arrivals;
  arrivals?.expect(wanted.keys());
  try {
    return await pullWanted(wanted, store, limit, log, opts);
  } catch (e) {
    arrivals?.close(e instanceof Error ? e : new Error(String(e)));
    throw e;
  }
}

async function pullWanted(wanted: ReadonlyMap<Descriptor['digest'], { desc: Descriptor; item: Resolved }>, store: BlobStore, limit: LimitFunction, log: (line: string) => void, opts: PullOptions): Promise<PullStats> {
  const arrivals = opts.arrivals;
  const stats: PullStats = { blobs: wanted.size, bytes: 0, reused: 0, reusedBytes: 0, fetchedFrom: {} };
  const missing: Array<{ desc: Descriptor; item: Resolved }> = [];
  const present = opts.cached ?? ((digest, size) => store.has(digest, size));
  const have = await Promise.all(
    [...wanted.values()].map((w) =>
      limit(async () => {
        const there = await present(w.desc.digest, w.desc.size);
        if (there) arrivals?.arrived(w.desc.digest);
        return there;
      })
    )
  );
  [...wanted.values()].forEach((w, i) => {
    stats.bytes += w.desc.size;
    if (have[i] === true) {
      stats.reused++;
      stats.reusedBytes += w.desc.size;
    } else missing.push(w);
  });
  // Largest first: the longest transfers start at once instead of finishing last.
  missing.sort((a, b) => b.desc.size - a.desc.size);
  const total = missing.reduce((n, w) => n + w.desc.size, 0);
  const progress = new Progress('pulling', total, log);
  const settled = await Promise.allSettled(
    missing.map(({ desc, item }) =>
      limit(async () => {
        const source: ImageSource = item.source;
        let r: { fetched: boolean };
        try {
          r = await source.fetchBlob(item.image.reference, desc, store, (n) => progress.add(n));
        } catch (e) {
          // A reader waiting for this blob (or any other) stops now, not when every transfer ended.
          arrivals?.close(e instanceof Error ? e : new Error(String(e)));
          throw e;
        }
        arrivals?.arrived(desc.digest);
        const key = sourceName(item);
        const s = (stats.fetchedFrom[key] ??= { blobs: 0, bytes: 0 });
        if (r.fetched) {
          s.blobs++;
          s.bytes += desc.size;
        }
      })
    )
  );
  const errors = settled.flatMap((r, i) => (r.status === 'rejected' ? toLadingErrors(r.reason, missing[i]?.item.image.position) : []));
  if (errors.length > 0) throw new LadingErrors(errors);
  if (total > 0) log(`pulled ${missing.length} blobs, ${progress.line().replace(/^pulling: /, '')}`);
  return stats;
}

function sourceName(item: Resolved): string {
  return item.source.name === 'registry' ? (item.image.pulledFrom ?? item.image.reference).registry : item.source.name;
}
