/**
 * Restores an Actions cache entry from the v2 cache service by streaming it: the lookup
 * (service-v2.ts), the archive read as parallel ranges (ranged-download.ts) and unpacked blob by blob
 * into the cache folder as the bytes arrive (extract-blobs.ts), each blob hashed once on the way in.
 *
 * Why not @actions/cache's restoreCache: on the v2 service it always downloads with the Azure SDK
 * into memory segments of up to 128 MiB, then writes the archive to disk, then runs `tar`: measured
 * here 1.1-1.4 s for a 58 MiB entry (most of it CPU in the step's own process) and 23 s with a
 * 455 MiB peak for a 1 GiB entry. Saving still goes through @actions/cache, and so does everything
 * on the v1 service (GHES). The archive is what the library writes: a tar of the cache folder,
 * relative to the workspace, zstd (or gzip when no zstd program exists) compressed.
 */
import type { BlobStore } from '../../oci/blobstore.js';
import type { Digest } from '../../oci/digest.js';
import { compressionMethod, entryVersion } from './entry-version.js';
import { restorePool } from './http.js';
import { rangedDownload } from './ranged-download.js';
import { lookupEntry } from './service-v2.js';

const PROGRESS_EVERY_MS = 5000;

export interface StreamRestoreInput {
  env: NodeJS.ProcessEnv;
  /** The `paths` @actions/cache saves the entry with (part of its version). */
  paths: string[];
  primaryKey: string;
  restoreKeys: string[];
  workspace: string;
  /** The cache folder's store. */
  store: BlobStore;
  userAgent: string;
  /** The matched key, as soon as the service named it (before the bytes arrive). */
  onFound?: (matchedKey: string) => void;
  onBlob?: (digest: Digest, size: number) => void;
  /** A line on a long download, every few seconds. */
  progress?: (line: string) => void;
  debug?: (line: string) => void;
  signal?: AbortSignal;
}

export interface StreamRestoreOutcome {
  matchedKey?: string;
  problem?: string;
  brokenKey?: string;
  /** Blobs of the entry whose bytes did not match their names (left out). */
  corrupt?: Digest[];
}

export async function restoreEntryStreaming(i: StreamRestoreInput): Promise<StreamRestoreOutcome> {
  const pool = restorePool();
  const common = { pool, userAgent: i.userAgent, ...(i.signal !== undefined ? { signal: i.signal } : {}) };
  // The unpacking code (tar-stream) is compiled while the lookup is on its way.
  const unpacker = import('./extract-blobs.js');
  unpacker.catch(() => undefined);
  try {
    const method = await compressionMethod(i.env);
    const version = entryVersion(i.paths, method);
    let found;
    try {
      found = await lookupEntry(i.env, { key: i.primaryKey, restoreKeys: i.restoreKeys, version }, common);
    } catch (e) {
      return { problem: oneLine(e) };
    }
    if (found === undefined) {
      i.debug?.(`cache: no entry for version ${version} of ${[i.primaryKey, ...i.restoreKeys].join(', ')}`);
      return {};
    }
    i.onFound?.(found.matchedKey);
    const started = Date.now();
    let shown = started;
    const onProgress = (received: number, total: number | undefined): void => {
      const now = Date.now();
      if (now - shown < PROGRESS_EVERY_MS || i.progress === undefined) return;
      shown = now;
      const mib = (n: number): string => (n / 1048576).toFixed(1);
      i.progress(`restoring ${found.matchedKey}: ${mib(received)} MiB${total !== undefined ? ` of ${mib(total)} MiB (${Math.floor((100 * received) / total)}%)` : ''}, ${mib(received / ((now - started) / 1000))} MiB/s`);
    };
    try {
      const { extractBlobs } = await unpacker;
      const r = await extractBlobs(rangedDownload(found.url, { ...common, onProgress }), { method, workspace: i.workspace, store: i.store, ...(i.onBlob !== undefined ? { onBlob: i.onBlob } : {}), ...(i.signal !== undefined ? { signal: i.signal } : {}) });
      i.debug?.(`cache: ${found.matchedKey}: ${r.blobs} blobs (${r.bytes} bytes) restored, ${r.corrupt.length} corrupt, ${r.ignored} other entries passed over`);
      return { matchedKey: found.matchedKey, ...(r.corrupt.length > 0 ? { corrupt: r.corrupt } : {}) };
    } catch (e) {
      return { problem: oneLine(e), brokenKey: found.matchedKey };
    }
  } finally {
    await pool.close();
  }
}

function oneLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0]?.trim() || 'unknown error';
}
