/**
 * The publish stage as the action runs it: the build time (SOURCE_DATE_EPOCH, or the time of an
 * identical package already published), then publish and verify. The plan (target reference,
 * checked before anything is pulled) and the credentials of the `username`/`password` inputs are in
 * plan.ts, re-exported here.
 */
import path from 'node:path';
import type { LimitFunction } from 'p-limit';
import type { ResolvedImage } from '../model.js';
import type { BlobStore } from '../oci/blobstore.js';
import type { RegistryClient } from '../oci/client.js';
import { parseDigest, type Digest } from '../oci/digest.js';
import { isIndexMediaType, isManifestMediaType } from '../oci/mediatypes.js';
import type { BlobContent } from '../oci/push.js';
import { formatBuildTimestamp } from '../package/assemble.js';
import { builtDefinition } from '../package/built-definition.js';
import type { PackageFileInfo } from '../package/publish-layout.js';
import { findPublished, publishPackage, type PublishResult } from './publish.js';
import { verifyPublished } from './verify.js';
import type { PublishPlan } from './plan.js';

export { planPublish, publishCredentials, sourceDateEpoch, type PublishPlan } from './plan.js';

/** What the job summary shows of a publish. */
export interface PublishSummary {
  reference: string;
  digest: Digest;
  architecture: string;
  architectures: string[];
  uploaded: { blobs: number; bytes: number };
  mounted: { blobs: number; bytes: number };
  skipped: { blobs: number; bytes: number };
  /** The command that deploys it. */
  deploy: string;
  unchanged: boolean;
}

/**
 * The build time rule when publishing: SOURCE_DATE_EPOCH when set; else, when the tag already holds
 * a package for this architecture whose zarf.yaml is exactly what this build would write at that
 * package's build time, that time (so an unchanged package keeps its digest); else `now`.
 */
export async function publishedBuildTime(client: RegistryClient, plan: PublishPlan, architecture: string, now: Date, log: (line: string) => void): Promise<((render: (time: Date) => string) => Date) | undefined> {
  const previous = await findPublished(client, plan.reference, architecture);
  if (previous === undefined) return undefined;
  let stamp: unknown;
  try {
    stamp = (builtDefinition(previous.zarfYaml) as { build?: { timestamp?: unknown } }).build?.timestamp;
  } catch {
    return undefined;
  }
  const time = new Date(typeof stamp === 'string' ? Date.parse(stamp) : Number.NaN);
  if (Number.isNaN(time.getTime())) return undefined;
  return (render) => {
    if (render(time) === previous.zarfYaml) {
      log(`build time: ${formatBuildTimestamp(time)}, that of the identical package already published as ${plan.reference.toString()} (${previous.digest})`);
      return time;
    }
    return now;
  };
}

/** Mount sources: blobs of images read from the publish registry, by digest -> their repositories. */
export function mountSources(images: readonly ResolvedImage[], endpoint: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const img of images) {
    // Blobs are where they were pulled from: a registry-override's mirror, not the registry named.
    const from = img.pulledFrom ?? img.reference;
    if (img.source !== 'registry' || from.endpoint !== endpoint) continue;
    for (const b of img.blobs) {
      if (isManifestMediaType(b.mediaType) || isIndexMediaType(b.mediaType)) continue; // manifests cannot be mounted
      const list = out.get(b.digest) ?? [];
      if (!list.includes(from.repository)) list.push(from.repository);
      out.set(b.digest, list);
    }
  }
  return out;
}

/** Where a package file's bytes are: image blobs in the store, everything else in `kept`. */
export function locator(store: BlobStore, kept: string): (title: string) => BlobContent {
  return (title) => {
    const m = /^images\/blobs\/(sha256|sha512)\/([0-9a-f]+)$/.exec(title);
    if (m !== null) return { file: store.path(parseDigest(`${m[1]}:${m[2]}`)) };
    return { file: path.join(kept, ...title.split('/')) };
  };
}

export interface RunPublishInput {
  client: RegistryClient;
  plan: PublishPlan;
  architecture: string;
  files: readonly PackageFileInfo[];
  zarfYaml: string;
  store: BlobStore;
  /** The folder assemble kept the non-blob files in (AssembleInput.keepFiles). */
  kept: string;
  images: readonly ResolvedImage[];
  limit: LimitFunction;
  log: (line: string) => void;
  warn: (line: string) => void;
  debug: (line: string) => void;
}

/** Publishes, then verifies what the registry holds; returns what the summary shows. */
export async function runPublish(input: RunPublishInput): Promise<{ result: PublishResult; summary: PublishSummary }> {
  const { plan } = input;
  const result = await publishPackage({
    client: input.client,
    target: plan.reference,
    architecture: input.architecture,
    files: input.files,
    zarfYaml: input.zarfYaml,
    locate: locator(input.store, input.kept),
    mountFrom: mountSources(input.images, plan.endpoint),
    limit: input.limit,
    log: input.log,
    warn: input.warn,
    debug: input.debug
  });
  const verified = await verifyPublished(input.client, plan.reference, result.digest);
  input.log(`verified ${plan.reference.toString()}: ${verified.layers} layers match checksums.txt and zarf.yaml`);
  const flags = input.client.scheme(plan.endpoint) === 'http' ? ' --plain-http' : '';
  return {
    result,
    summary: {
      reference: result.reference,
      digest: result.digest,
      architecture: input.architecture,
      architectures: result.architectures,
      uploaded: result.uploaded,
      mounted: result.mounted,
      skipped: result.skipped,
      deploy: `zarf package deploy oci://${result.reference}${flags}`,
      unchanged: !result.manifestPushed && !result.indexWritten && result.uploaded.blobs === 0
    }
  };
}
