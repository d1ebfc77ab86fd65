/**
 * The images stage of a build: the image requests of the package (or those the check stage already
 * made), the registry overrides that matched nothing, the resolution of every reference to its
 * digest (unless the check stage resolved them), and, when asked, the signatures, attestations and
 * referrers of the images read from registries. Layers start downloading (`pull`) as soon as their
 * image manifest is read. Warnings and the signature rows go into the report;
 * the resolved images (with the carried artifacts appended) and the artifacts found are returned.
 */
import * as core from '../workflow-commands.js';
import type { LimitFunction } from 'p-limit';
import type { CheckOutcome } from '../check/stage.js';
import type { Package } from '../definition/index.js';
import type { Inputs } from '../inputs.js';
import type { BlobStore } from '../oci/blobstore.js';
import type { RegistryClient } from '../oci/client.js';
import type { Digest } from '../oci/digest.js';
import type { Reference } from '../oci/reference.js';
import type { Descriptor } from '../oci/types.js';
import { formatPlatform } from '../oci/platform.js';
import { formatBytes } from '../report/format.js';
import { imageSize, type RunReport } from '../report/summary.js';
import type { ArchiveSource } from '../sources/archive.js';
import type { DockerDaemonFallback } from '../sources/docker-engine-source.js';
import { describeOverride } from '../sources/overrides.js';
import { findSignatures, type FoundArtifact } from '../sources/referrers.js';
import type { BlobPull } from '../sources/pull.js';
import { imageRequests } from '../sources/requests.js';
import { resolveImages, type ImageRequest, type Resolved } from '../sources/resolve.js';
import type { ImageSource } from '../sources/source.js';

export interface ImagesStageInput {
  inputs: Inputs;
  def: Package;
  client: RegistryClient;
  store: BlobStore;
  workDir: string;
  report: RunReport;
  /** The registry source of the run (images read from it have their signatures looked up). */
  registry: ImageSource;
  archives: ArchiveSource[];
  /** The check stage's outcome when it ran: its requests and resolution are used as they are. */
  checked: CheckOutcome | undefined;
  limit: LimitFunction;
  cached: (digest: Digest, size?: number) => Promise<boolean>;
  fallback: DockerDaemonFallback;
  fallbackFor: (req: ImageRequest, e: unknown) => Promise<ImageSource | undefined>;
  /** The run's pull: the layers of each image manifest start as soon as it is read. */
  pull?: BlobPull;
  /** Slots for this stage's requests (manifests, configs, signature lookups), apart from the pull's; default `limit`. */
  resolveLimit?: LimitFunction;
}

export interface ImagesStageResult {
  resolved: Resolved[];
  artifacts: FoundArtifact[];
}

/** Image requests -> resolve -> signatures, in that order, with their log lines and warnings. */
export async function runImagesStage(input: ImagesStageInput): Promise<ImagesStageResult> {
  const { inputs, def, client, store, workDir, report, registry, archives, checked, cached, fallback, fallbackFor, pull } = input;
  // Manifests, configs, tag lists and referrers: never behind a layer download that started early.
  const limit = input.resolveLimit ?? input.limit;
  const requests = checked?.requests ?? (await imageRequests(def, registry, workDir, archives));
  // Every reference an override could apply to has been seen (charts were pulled, images are listed).
  for (const r of requests) if (r.source === registry) inputs.registryOverrides.redirect(r.reference);
  for (const o of inputs.registryOverrides.unused()) {
    report.warnings.push(`registry-override \`${describeOverride(o)}\` (line ${o.line}) matches no image or OCI chart of the package: nothing was pulled through it.`);
  }
  // Resolved by the check stage when it ran (the manifests are in the store), else here.
  if (checked === undefined) core.info(`resolving ${requests.length} image reference${requests.length === 1 ? '' : 's'}`);
  const resolved =
    checked?.resolved ??
    (await resolveImages(requests, {
      architecture: inputs.architecture,
      indexDigests: inputs.indexDigests,
      store,
      limit,
      cached,
      fallback: fallbackFor,
      ...(pull !== undefined ? { onLayers: (source: ImageSource, reference: Reference, layers: readonly Descriptor[]) => pull.start(source, reference, layers) } : {})
    }));
  report.images = resolved.map((r) => r.image);
  for (const u of fallback.used) {
    report.warnings.push(`\`${u.written}\` was taken from the Docker daemon, not from its registry (${u.reason}).${u.format === 'docker-save' ? ' The daemon exports uncompressed layers, so its digest differs from the registry\u2019s.' : ''}`);
  }
  for (const r of resolved) core.info(`  ${r.image.written} -> ${r.image.descriptor.digest} (${r.image.keptIndex ? 'whole index' : formatPlatform(r.image.descriptor.platform)})`);
  const kept = resolved.filter((r) => r.image.keptIndex);
  for (const k of kept) {
    const children = k.image.blobs.filter((b) => b.digest !== k.image.descriptor.digest && /manifest/.test(b.mediaType)).length;
    report.warnings.push(`\`${k.image.written}\` is kept as a whole index: ${children} platform manifests, ${formatBytes(imageSize(k.image))} in all (index-digests: keep).`);
  }

  // Signatures, attestations and referrers of the images read from registries.
  const artifacts = inputs.signatures
    ? await findSignatures(
        resolved
          .filter((r) => r.source === registry)
          .map((r) => ({
            component: r.image.component,
            written: r.image.written,
            ...(r.image.position !== undefined ? { position: r.image.position } : {}),
            reference: r.image.reference,
            digests: [...new Set([r.top.digest, r.image.descriptor.digest])]
          })),
        client,
        { limit, log: (l) => core.info(l) }
      )
    : [];
  if (inputs.signatures) {
    for (const r of resolved.filter((x) => x.source !== registry)) core.info(`signatures: not looked up for ${r.image.written} (read from ${r.source.name}, not from a registry)`);
    const carried = await resolveImages(
      artifacts.map((a) => ({ component: a.component, written: a.reference.toString(), reference: a.reference, ...(a.position !== undefined ? { position: a.position } : {}), source: registry, whole: true })),
      { architecture: inputs.architecture, indexDigests: 'keep', store, limit, cached }
    );
    report.signatures = carried.map((c, i) => {
      const a = artifacts[i] as (typeof artifacts)[number];
      core.info(`  ${a.kind} ${c.image.written} -> ${c.image.descriptor.digest} (${a.foundBy}, of ${a.subject})`);
      return { reference: c.image.written, digest: c.image.descriptor.digest, kind: a.kind, foundBy: a.foundBy, subject: a.subject, size: imageSize(c.image) };
    });
    core.info(`signatures: ${artifacts.length} found (cosign signatures, attestations, SBOMs and OCI referrers)`);
    resolved.push(...carried);
  }
  return { resolved, artifacts };
}
