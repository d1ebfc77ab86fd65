/**
 * The skeleton stage (`publish` with `skeleton: true`), as `zarf package publish <folder> oci://…`:
 * the definition and its local content (skeleton-content.ts) assembled into a package of zarf.yaml,
 * checksums.txt, components/<name>.tar and documentation.tar, with `metadata.architecture` and
 * `build.architecture` `skeleton`, and no images; then published under `<name>:<version>[-<flavor>]`
 * as the `{os: multi, architecture: skeleton}` entry of the tag's index (other architectures' entries
 * stay), and verified. Other definitions then import its components with `import: url: oci://…`.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { LimitFunction } from 'p-limit';
import type { Package } from '../definition/index.js';
import { packageLevelFiles } from '../definition/package-files.js';
import type { BlobStore } from '../oci/blobstore.js';
import type { RegistryClient } from '../oci/client.js';
import { assemblePackage } from '../package/assemble.js';
import { SKELETON_ARCH } from '../sources/skeleton.js';
import { skeletonContent } from './skeleton-content.js';
import { publishedBuildTime, runPublish, type PublishPlan, type PublishSummary } from './stage.js';

export interface SkeletonPublishInput {
  def: Package;
  plan: PublishPlan;
  client: RegistryClient;
  /** An empty blob store (a skeleton has no images). */
  store: BlobStore;
  /** A fresh folder of this run. */
  workDir: string;
  builderVersion: string;
  /** build.timestamp, unless the identical skeleton is already published (its time is kept then). */
  now: Date;
  /** True when the build time is fixed (SOURCE_DATE_EPOCH): no published time is looked up. */
  fixedTime: boolean;
  limit: LimitFunction;
  display: (abs: string) => string;
  log: (line: string) => void;
  warn: (line: string) => void;
  debug: (line: string) => void;
  signal?: AbortSignal;
}

export interface SkeletonPublished {
  summary: PublishSummary;
  /** The components, as another zarf.yaml imports them. */
  components: string[];
}

export async function publishSkeleton(input: SkeletonPublishInput): Promise<SkeletonPublished> {
  const { def, plan } = input;
  const content = await skeletonContent(def, input.display, path.join(input.workDir, 'skeleton-built'));
  const out = path.join(input.workDir, 'skeleton');
  const kept = path.join(input.workDir, 'skeleton-files');
  await mkdir(out, { recursive: true });
  const buildTime = input.fixedTime ? undefined : await publishedBuildTime(input.client, plan, SKELETON_ARCH, input.now, input.log);
  const documentation = packageLevelFiles(def).documentation;
  const pkg = await assemblePackage({
    definition: { dir: def.dir, config: content.config },
    architecture: SKELETON_ARCH,
    images: [],
    store: input.store,
    outputDir: out,
    builderVersion: input.builderVersion,
    now: input.now,
    ...(buildTime !== undefined ? { buildTime } : {}),
    keepFiles: kept,
    componentContent: content.entries,
    ...(documentation !== undefined ? { documentation } : {}),
    ...(def.flavor !== '' ? { flavor: def.flavor } : {}),
    migrations: def.migrations,
    onProgress: input.log,
    ...(input.signal !== undefined ? { signal: input.signal } : {})
  });
  // The skeleton is published, not written as a file.
  await rm(pkg.path, { force: true });
  const published = await runPublish({ client: input.client, plan, architecture: SKELETON_ARCH, files: pkg.files, zarfYaml: pkg.zarfYaml, store: input.store, kept, images: [], limit: input.limit, log: input.log, warn: input.warn, debug: input.debug });
  const components = content.config.components.map((c) => c.name);
  return { summary: { ...published.summary, deploy: importSnippet(published.summary.reference, components) }, components };
}

/** The zarf.yaml lines that import every component of the skeleton (what `zarf package publish` prints). */
export function importSnippet(reference: string, components: readonly string[]): string {
  return ['components:', ...components.flatMap((c) => [`  - name: import-${c}`, '    import:', `      name: ${c}`, `      url: oci://${reference}`])].join('\n');
}
