import type { LimitFunction } from 'p-limit';
import { LadingErrors, toLadingErrors } from '../errors.js';
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
}

/**
 * Pulls every blob of every image through one concurrency limit. Each distinct blob is fetched once
 * however many images share it; what the store already holds is not transferred again.
 */
export async function pullBlobs(resolved: readonly Resolved[], store: BlobStore, limit: LimitFunction, log: (line: string) => void, opts: PullOptions = {}): Promise<PullStats> {
  const wanted = new Map<string, { desc: Descriptor; item: Resolved }>();
  for (const r of resolved) for (const d of r.image.blobs) if (!wanted.has(d.digest)) wanted.set(d.digest, { desc: d, item: r });
  const stats: PullStats = { blobs: wanted.size, bytes: 0, reused: 0, reusedBytes: 0, fetchedFrom: {} };
  const missing: Array<{ desc: Descriptor; item: Resolved }> = [];
  const present = opts.cached ?? ((digest, size) => store.has(digest, size));
  const have = await Promise.all([...wanted.values()].map((w) => limit(() => present(w.desc.digest, w.desc.size))));
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
        const r = await source.fetchBlob(item.image.reference, desc, store, (n) => progress.add(n));
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
