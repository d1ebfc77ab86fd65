/**
 * Publishing a built package to an OCI registry in Zarf's layout (src/package/publish-layout.ts):
 * every blob (config, one layer per package file) first, through one concurrency limit; then the
 * manifest by digest; then the tag's index, read, this architecture's entry replaced or appended,
 * written back and re-read to catch a concurrent update (matrix jobs publishing other
 * architectures). The tag is only touched once every blob and the manifest are in place.
 */
import type { LimitFunction } from 'p-limit';
import { setTimeout as sleep } from 'node:timers/promises';
import { LadingError } from '../errors.js';
import type { RegistryClient } from '../oci/client.js';
import type { Digest } from '../oci/digest.js';
import { OciError } from '../oci/errors.js';
import { isIndexMediaType } from '../oci/mediatypes.js';
import { fetchBlobBytes, manifestExists, pushBlob, pushManifest, pushScopes, type BlobContent } from '../oci/push.js';
import type { Reference } from '../oci/reference.js';
import { MediaType } from '../oci/mediatypes.js';
import type { Descriptor } from '../oci/types.js';
import { ANNOTATION_TITLE, buildPublishLayout, entryFor, indexWithEntry, type PackageFileInfo, type PublishLayout } from '../package/publish-layout.js';
import { ZARF_YAML } from '../package/checksums.js';
import { formatBytes } from '../report/format.js';
import { Progress } from '../report/progress.js';

export interface PublishInput {
  client: RegistryClient;
  /** `<registry>/<repo>/<name>:<tag>`. */
  target: Reference;
  architecture: string;
  /** Every file of the package (zarf.yaml and checksums.txt included), as assemble returns them. */
  files: readonly PackageFileInfo[];
  /** The package's zarf.yaml (the config is made from it). */
  zarfYaml: string;
  /** Where the bytes of a package file are. */
  locate: (path: string) => BlobContent;
  /** sha256 digest -> repositories of the target registry that hold the blob (mount sources). */
  mountFrom?: ReadonlyMap<string, readonly string[]>;
  /** The one concurrency limit shared by every blob transfer. */
  limit: LimitFunction;
  log: (line: string) => void;
  warn: (line: string) => void;
  debug?: (line: string) => void;
  chunkThreshold?: number;
  chunkSize?: number;
  stallTimeoutMs?: number;
  /** Bytes sent so far (mounted blobs count as sent) of the total to send, on every step. */
  onProgress?: (sent: number, total: number) => void;
  /** Progress line interval (default 5 s). */
  progressIntervalMs?: number;
  /** Tries at updating the tag's index when other writers keep changing it (default 6). */
  indexAttempts?: number;
  /** Wait before the second re-read of a written index (default 250 ms plus up to 250 ms jitter). */
  settleMs?: number;
}

export interface TransferCount {
  blobs: number;
  bytes: number;
}

export interface PublishResult {
  /** `<registry>/<repo>/<name>:<tag>` */
  reference: string;
  /** The package manifest's digest. */
  digest: Digest;
  manifestSize: number;
  /** Digest of the tag's index after the update. */
  indexDigest: Digest;
  /** Architectures the tag's index lists. */
  architectures: string[];
  uploaded: TransferCount;
  mounted: TransferCount;
  /** Already in the repository. */
  skipped: TransferCount;
  manifestPushed: boolean;
  indexWritten: boolean;
  layout: PublishLayout;
}

interface BlobJob {
  digest: Digest;
  size: number;
  title: string;
  content: BlobContent;
}

const BIG_BLOB = 64 * 1024 * 1024;

/** What the tag holds now: an index (parsed), something else, or nothing. */
export async function readTag(client: RegistryClient, target: Reference): Promise<{ digest: Digest; mediaType: string; index?: Record<string, unknown> } | undefined> {
  const tag = target.tag ?? 'latest';
  let fetched;
  try {
    fetched = await client.getManifest(target, tag, pushScopes(target.repository));
  } catch (e) {
    if (e instanceof OciError && e.status === 404) return undefined;
    throw e;
  }
  if (!isIndexMediaType(fetched.mediaType)) return { digest: fetched.digest, mediaType: fetched.mediaType };
  const index = JSON.parse(fetched.bytes.toString('utf8')) as Record<string, unknown>;
  return { digest: fetched.digest, mediaType: fetched.mediaType, index };
}

/**
 * The zarf.yaml of the package published under the target's tag for this architecture, if any
 * (used to keep build.timestamp when the content has not changed).
 */
export async function findPublished(client: RegistryClient, target: Reference, architecture: string): Promise<{ digest: Digest; zarfYaml: string } | undefined> {
  const tag = await readTag(client, target);
  if (tag?.index === undefined) return undefined;
  const entry = entryFor(tag.index, architecture);
  if (entry === undefined || typeof entry.digest !== 'string') return undefined;
  const digest = entry.digest as Digest;
  let manifest: { layers?: Descriptor[] };
  try {
    manifest = JSON.parse((await client.getManifest(target, digest, pushScopes(target.repository))).bytes.toString('utf8')) as { layers?: Descriptor[] };
  } catch (e) {
    if (e instanceof OciError && e.status === 404) return undefined;
    throw e;
  }
  const layer = (manifest.layers ?? []).find((l) => l.annotations?.[ANNOTATION_TITLE] === ZARF_YAML);
  if (layer === undefined) return undefined;
  const bytes = await fetchBlobBytes(client, target, layer, 4 * 1024 * 1024, pushScopes(target.repository));
  return { digest, zarfYaml: bytes.toString('utf8') };
}

/** Publishes the package; see the module comment for the order of operations. */
export async function publishPackage(input: PublishInput): Promise<PublishResult> {
  const { client, target, architecture, log } = input;
  const debug = input.debug ?? ((): void => undefined);
  const layout = buildPublishLayout(input.files, input.zarfYaml);
  const reference = target.toString();
  const scopes = pushScopes(target.repository);

  // Every distinct blob once: the config, then the package files.
  const jobs = new Map<string, BlobJob>();
  jobs.set(layout.config.descriptor.digest, { digest: layout.config.descriptor.digest, size: layout.config.descriptor.size, title: 'config', content: { bytes: layout.config.bytes } });
  for (const l of layout.layers) {
    const title = l.annotations?.[ANNOTATION_TITLE] ?? '';
    if (!jobs.has(l.digest)) jobs.set(l.digest, { digest: l.digest, size: l.size, title, content: input.locate(title) });
  }
  const all = [...jobs.values()];
  const totalBytes = all.reduce((n, j) => n + j.size, 0);
  log(`publishing ${reference} (${architecture}): ${layout.layers.length} layers, ${formatBytes(totalBytes)}`);

  // 1. A registry accepts a manifest only once it holds every blob the manifest names: when the
  //    manifest is there, so is everything (oras skips the same way), and nothing is checked.
  const m = layout.manifest.descriptor;
  const manifestThere = await manifestExists(client, target, m.digest, scopes);
  const skipped: TransferCount = { blobs: 0, bytes: 0 };
  const uploaded: TransferCount = { blobs: 0, bytes: 0 };
  const mounted: TransferCount = { blobs: 0, bytes: 0 };
  if (manifestThere) {
    skipped.blobs = all.length;
    skipped.bytes = totalBytes;
  }

  // 2. Else each blob, largest first, through the one limit: HEAD (skip what is there), mount when
  //    another repository of this registry has it, else upload.
  const pending = manifestThere ? [] : [...all].sort((a, b) => b.size - a.size);
  const interval = input.progressIntervalMs ?? 5000;
  const progress = new Progress('blobs', totalBytes, log, interval);
  const started = Date.now();
  const done = (n: number): void => {
    progress.add(n);
    input.onProgress?.(progress.bytes, totalBytes);
  };
  const settled = await Promise.allSettled(
    pending.map((j) =>
      input.limit(async () => {
        const own = j.size >= BIG_BLOB ? new Progress(`  ${j.title}`, j.size, log, interval) : undefined;
        const r = await pushBlob(client, target, { digest: j.digest, size: j.size }, j.content, {
          mountFrom: input.mountFrom?.get(j.digest) ?? [],
          ...(input.chunkThreshold !== undefined ? { chunkThreshold: input.chunkThreshold } : {}),
          ...(input.chunkSize !== undefined ? { chunkSize: input.chunkSize } : {}),
          ...(input.stallTimeoutMs !== undefined ? { stallTimeoutMs: input.stallTimeoutMs } : {}),
          onProgress: (n) => {
            own?.add(n);
            done(n);
          },
          debug
        });
        if (r.outcome === 'mounted') {
          mounted.blobs++;
          mounted.bytes += j.size;
          done(j.size);
          debug(`mounted ${j.digest} (${j.title}) from ${r.from}`);
        } else if (r.outcome === 'exists') {
          skipped.blobs++;
          skipped.bytes += j.size;
          done(j.size);
        } else {
          uploaded.blobs++;
          uploaded.bytes += j.size;
          debug(`uploaded ${j.digest} (${j.title})${r.chunks > 0 ? ` in ${r.chunks} chunks` : ''}`);
        }
      })
    )
  );
  const failed = settled.flatMap((s, i) => (s.status === 'rejected' ? [{ error: s.reason as unknown, job: pending[i] as BlobJob }] : []));
  if (failed.length > 0) {
    const first = failed[0] as { error: unknown; job: BlobJob };
    const e = first.error;
    const more = failed.length > 1 ? ` (and ${failed.length - 1} more blob${failed.length > 2 ? 's' : ''})` : '';
    if (e instanceof OciError) throw new LadingError(`publishing ${reference} failed: ${e.message}${more}; the tag was not changed`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), cause: e });
    throw new LadingError(`publishing ${reference} failed at ${first.job.title}: ${e instanceof Error ? e.message : String(e)}${more}; the tag was not changed`, { cause: e });
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  log(
    manifestThere
      ? `${target.name}@${m.digest} is already there, with all ${all.length} blobs (${formatBytes(totalBytes)})`
      : `blobs: sent ${uploaded.blobs} (${formatBytes(uploaded.bytes)}), mounted ${mounted.blobs} (${formatBytes(mounted.bytes)}), already there ${skipped.blobs} (${formatBytes(skipped.bytes)}), in ${secs} s`
  );

  // 3. The manifest, by digest.
  const manifestPushed = !manifestThere;
  if (manifestPushed) await pushManifest(client, target, m.digest, layout.manifest.bytes, MediaType.OciManifest, scopes);

  // 4. The tag's index.
  const { digest: indexDigest, written, architectures } = await updateIndex(input, m);
  log(`published ${reference} (${architecture}) -> ${m.digest}${written ? '' : ' (unchanged)'}; the tag's index lists ${architectures.join(', ')}`);
  return {
    reference,
    digest: m.digest,
    manifestSize: m.size,
    indexDigest,
    architectures,
    uploaded,
    mounted,
    skipped,
    manifestPushed,
    indexWritten: written,
    layout
  };
}

function architecturesOf(index: Record<string, unknown>): string[] {
  const list = Array.isArray(index.manifests) ? (index.manifests as Array<{ platform?: { architecture?: unknown } }>) : [];
  return list.map((e) => e.platform?.architecture).filter((a): a is string => typeof a === 'string');
}

/**
 * Reads the tag's index, puts this architecture's entry in, writes it back and re-reads it (right
 * away, and once more after a short wait) to make sure the entry is still there: another job may
 * have written the index in between. Then it merges again, a few times at most.
 */
async function updateIndex(input: PublishInput, manifest: Descriptor): Promise<{ digest: Digest; written: boolean; architectures: string[] }> {
  const { client, target, architecture } = input;
  const tag = target.tag ?? 'latest';
  const attempts = input.indexAttempts ?? 6;
  const holdsOurs = (index: Record<string, unknown> | undefined): boolean => {
    const e = index !== undefined ? entryFor(index, architecture) : undefined;
    return e !== undefined && e.digest === manifest.digest;
  };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const current = await readTag(client, target);
    if (current !== undefined && current.index === undefined) {
      input.warn(`${target.name}:${tag} pointed at a ${current.mediaType || 'manifest'} (${current.digest}), not an index; it now points at an index of the package's architectures`);
    }
    const next = indexWithEntry(current?.index, manifest, architecture);
    if (!next.changed && current?.index !== undefined) return { digest: current.digest, written: false, architectures: architecturesOf(current.index) };
    await pushManifest(client, target, tag, next.bytes, MediaType.OciIndex);
    let after = await readTag(client, target);
    if (holdsOurs(after?.index)) {
      await sleep((input.settleMs ?? 250) + Math.floor(Math.random() * (input.settleMs ?? 250)));
      after = await readTag(client, target);
    }
    if (after?.index !== undefined && holdsOurs(after.index)) return { digest: after.digest, written: true, architectures: architecturesOf(after.index) };
    if (attempt < attempts) {
      input.warn(`${target.name}:${tag} changed while its index was being updated (another job publishing another architecture?); merging again (attempt ${attempt + 1} of ${attempts})`);
      await sleep(200 * attempt + Math.floor(Math.random() * 400));
    }
  }
  throw new LadingError(`the index of ${target.name}:${tag} kept changing while this job updated it; the ${architecture} entry may be missing`, {
    hint: 'publish the architectures one after another: put the publishing jobs in one `concurrency:` group (see the README), then run again'
  });
}
