import { copyFile, link, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import type { BlobArrivals } from '../oci/blob-arrivals.js';
import type { BlobStore } from '../oci/blobstore.js';
import type { ResolvedImage } from '../model.js';
import { LadingError } from '../errors.js';
import { CHECKSUMS_TXT, ZARF_YAML, renderChecksums, sha256File, sha256Hex } from './checksums.js';
import { DOCUMENTATION_TAR, writeDocumentationTar, type DocumentationEntry } from './documentation.js';
import { IMAGES_DIR, stageImages, type StagedFile } from './layout.js';
import { needsSplit, splitPackage } from './split.js';
import { writeReproducibleTar, type TarEntry } from './tarball.js';
import { writePackageValues, type PackageValues } from './values.js';

export { writeReproducibleTar, type TarEntry, type TarWriteOptions, type TarWriteResult } from './tarball.js';

/**
 * The minimal shape of a loaded zarf.yaml that assembly needs. The loader (definition.ts) produces
 * more; anything extra in `config` is written back as is, in the user's key order.
 */
export interface DefinitionInput {
  /** The folder holding zarf.yaml (relative paths of component content resolve from here). */
  dir: string;
  config: Record<string, unknown> & {
    kind: string;
    metadata: { name: string; version?: string; uncompressed?: boolean; architecture?: string; [k: string]: unknown };
    components: Array<{ name: string; [k: string]: unknown }>;
  };
}

export interface AssembleInput {
  definition: DefinitionInput;
  /** Target architecture: amd64, arm64, ... */
  architecture: string;
  /** Every image of the package; all their blobs are in `store`. */
  images: ResolvedImage[];
  /** Where the blobs are (the run's blob cache). */
  store: BlobStore;
  /** Where the package file goes (created when missing). */
  outputDir: string;
  /** Lading's version, written to build.version. */
  builderVersion: string;
  /** build.timestamp; a fixed date gives byte-identical packages. */
  now: Date;
  onProgress?: (msg: string) => void;
  /** build.terminal (default: left out, as Zarf does without --with-build-machine-info). */
  terminal?: string;
  /** build.user (default: left out). */
  user?: string;
  /** build.registryOverrides (source registry -> registry actually used), written only when not empty. */
  registryOverrides?: Record<string, string>;
  /**
   * Content of component tars, by component name: paths relative to the component's folder
   * (`manifests/app-0.yaml`, `files/0/tool`, `charts/x-1.0.0.tgz`). A component with entries gets
   * `components/<name>.tar` holding `<name>/...`; components without any get no tar.
   */
  componentContent?: Record<string, TarEntry[]>;
  /**
   * Picks build.timestamp once the checksums are known: given a function that renders the zarf.yaml
   * this package would carry at a time, it returns the time to use (`now` when left out). Publishing
   * uses it to keep the time of an identical package already published, so its digest stays the same.
   */
  buildTime?: (render: (time: Date) => string) => Date | Promise<Date>;
  /**
   * A folder that receives a copy (a hard link when possible) of every package file except the
   * image blobs (zarf.yaml, checksums.txt, images/index.json, images/oci-layout, components/*.tar),
   * for publishing after the staging folder is gone. The image blobs are the store's.
   */
  keepFiles?: string;
  /** The run was cancelled: stop writing, leave nothing in `outputDir`. */
  signal?: AbortSignal;
  /**
   * Blobs of `images` still arriving in `store` (being pulled): the package is written meanwhile,
   * each blob read once it arrived, verified; one that will not arrive fails the write. Left out:
   * every blob is in `store` already.
   */
  arrivals?: BlobArrivals;
  /**
   * The package's values (absolute paths, in Zarf's order): `files` deep-merged into root
   * `values.yaml`, `schemas` (own first, then imported) into root `values.schema.json`.
   */
  values?: PackageValues;
  /** zarf.yaml's `documentation`, its files absolute: packed into root `documentation.tar`. */
  documentation?: DocumentationEntry[];
  /**
   * The flavor the package was built for (Zarf's --flavor): build.flavor, and `-<flavor>` at the end
   * of the file name. Nothing is written when empty or left out (Zarf's omitempty).
   */
  flavor?: string;
  /** build.migrations, as the definition pipeline recorded them (left out when empty). */
  migrations?: string[];
  /**
   * Documents written after the built definition, each after a `---` line (the v1beta1 document of
   * a v1beta1 source). One whose apiVersion is zarf.dev/v1beta1 gets metadata.architecture and its
   * build section filled as Zarf fills them (build.aggregateChecksum included).
   */
  extraDocuments?: Array<Record<string, unknown>>;
  /**
   * A differential build (the `differential` input): build.differential and
   * build.differentialPackageVersion, and `-<previous>-differential-<version>` in the file name.
   */
  differential?: { previousVersion: string };
  /**
   * Zarf's --max-package-size, in MB (1,000,000 bytes): a package file larger than this is split
   * into `<file>.part000` (metadata) and `.part001`... (split.ts). 0 or left out: one file.
   */
  maxPackageSize?: number;
}

export interface AssembledPackage {
  /** Absolute path of the package file (`.part000` when it was split). */
  path: string;
  /** Every file written to the output folder: the package file, or its parts (`.part000` first). */
  outputs: string[];
  /** Set when the package was split (max-package-size): its data parts and their size. */
  split?: { count: number; partSize: number; sha256: string };
  fileName: string;
  /** sha256 hex of checksums.txt, also written to metadata.aggregateChecksum. */
  aggregateChecksum: string;
  /** Size of the package file. */
  size: number;
  /** The zarf.yaml written into the package. */
  zarfYaml: string;
  /**
   * Every file inside the package (zarf.yaml and checksums.txt included), sorted by path. The bytes of
   * `images/blobs/<alg>/<hex>` are the store's blob of that digest.
   */
  files: Array<{ path: string; sha256: string; size: number }>;
}

/** build.versionRequirements entries, Zarf's exact texts (assemble.go collectVersionRequirements). */
export const VERSIONLESS_CHART_REQUIREMENT = {
  version: 'v0.65.0',
  reason: 'This package contains a chart without a version, which is only supported on v0.65.0+'
} as const;
export const IMAGE_ARCHIVES_REQUIREMENT = {
  version: 'v0.68.0',
  reason: 'This package contains image archives which will only be recognized on v0.68.0+'
} as const;
export const TEMPLATED_VALUES_REQUIREMENT = {
  version: 'v0.78.0',
  reason: 'This package uses templatedValuesFiles which require v0.78.0+'
} as const;
export const KEPT_INDEX_REQUIREMENT = {
  version: 'v0.77.0',
  reason: 'This package contains multi-platform images preserved by index digest, which require v0.77.0+'
} as const;

const nonEmptyList = (v: unknown): boolean => Array.isArray(v) && v.length > 0;

/**
 * build.versionRequirements as Zarf collects them, in its order (not sorted by version): a chart
 * without a version, image archives, templatedValuesFiles, all read from the built components; an
 * image kept as a whole index. Undefined when there are none (Zarf's omitempty).
 */
export function versionRequirements(config: DefinitionInput['config'], keptIndex: boolean): Array<{ version: string; reason: string }> | undefined {
  const charts = config.components.flatMap((c) => (Array.isArray(c['charts']) ? (c['charts'] as unknown[]) : []));
  const chartField = (ch: unknown, key: string): unknown => (ch !== null && typeof ch === 'object' ? (ch as Record<string, unknown>)[key] : undefined);
  const versionless = charts.some((ch) => {
    const v = chartField(ch, 'version');
    return v === undefined || v === null || v === '';
  });
  const archives = config.components.some((c) => nonEmptyList(c['imageArchives']));
  const templated = charts.some((ch) => nonEmptyList(chartField(ch, 'templatedValuesFiles')));
  const out = [
    ...(versionless ? [VERSIONLESS_CHART_REQUIREMENT] : []),
    ...(archives ? [IMAGE_ARCHIVES_REQUIREMENT] : []),
    ...(templated ? [TEMPLATED_VALUES_REQUIREMENT] : []),
    ...(keptIndex ? [KEPT_INDEX_REQUIREMENT] : [])
  ].map((r) => ({ ...r }));
  return out.length > 0 ? out : undefined;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Go's time.RFC1123Z (Zarf's v1alpha1.BuildTimestampFormat), in UTC: `Mon, 23 Nov 2026 11:00:00 +0000`. */
export function formatBuildTimestamp(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new LadingError('the build time is not a valid date');
  return `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
}

/**
 * `zarf-package-<name>-<arch>[-<version>][-<flavor>].tar.zst`, `.tar` when uncompressed (Zarf's
 * PackageLayout.FileName).
 */
export function packageFileName(config: DefinitionInput['config'], architecture: string, flavor?: string, differentialFrom?: string): string {
  const meta = config.metadata;
  const base = config.kind === 'ZarfInitConfig' ? `zarf-init-${architecture}` : `zarf-package-${meta.name}-${architecture}`;
  const version = meta.version === undefined || meta.version === null ? '' : String(meta.version);
  const versioned = differentialFrom !== undefined ? `${base}-${differentialFrom}-differential-${version}` : version !== '' ? `${base}-${version}` : base;
  if (flavor !== undefined && (flavor.includes('/') || flavor.includes('\\') || flavor === '..')) {
    throw new LadingError(`flavor "${flavor}" cannot be part of a file name`, { hint: 'a flavor cannot contain "/" or "\\" or be ".."' });
  }
  const name = flavor !== undefined && flavor !== '' ? `${versioned}-${flavor}` : versioned;
  const fileName = `${name}${meta.uncompressed === true ? '.tar' : '.tar.zst'}`;
  if (fileName.includes('/') || fileName.includes('\\') || fileName.startsWith('.')) {
    throw new LadingError(`the package file name "${fileName}" is not a plain file name`, {
      hint: 'metadata.name and metadata.version must not contain path separators'
    });
  }
  return fileName;
}

export interface BuildData {
  terminal?: string;
  user?: string;
  architecture: string;
  timestamp: string;
  version: string;
  migrations?: string[];
  registryOverrides?: Record<string, string>;
  differential?: boolean;
  differentialPackageVersion?: string;
  flavor?: string;
  signed: boolean;
  versionRequirements?: Array<{ version: string; reason: string }>;
  provenanceFiles: string[];
}

/** `build` in the field order of Zarf's v1alpha1 ZarfBuildData, empty optional fields left out. */
export function buildData(input: AssembleInput): BuildData {
  const overrides = input.registryOverrides ?? {};
  return {
    // Like current Zarf without --with-build-machine-info: no host or user names unless asked for,
    // so packages are reproducible across runners and leak nothing about the build machine.
    ...(input.terminal !== undefined ? { terminal: input.terminal } : {}),
    ...(input.user !== undefined ? { user: input.user } : {}),
    architecture: input.architecture,
    timestamp: formatBuildTimestamp(input.now),
    version: input.builderVersion,
    ...(input.migrations !== undefined && input.migrations.length > 0 ? { migrations: [...input.migrations] } : {}),
    ...(Object.keys(overrides).length > 0 ? { registryOverrides: sortedCopy(overrides) } : {}),
    ...(input.differential !== undefined ? { differential: true, differentialPackageVersion: input.differential.previousVersion } : {}),
    ...(input.flavor !== undefined && input.flavor !== '' ? { flavor: input.flavor } : {}),
    signed: false,
    ...withRequirements(versionRequirements(input.definition.config, input.images.some((i) => i.keptIndex))),
    provenanceFiles: [CHECKSUMS_TXT]
  };
}

function withRequirements(reqs: BuildData['versionRequirements']): { versionRequirements?: NonNullable<BuildData['versionRequirements']> } {
  return reqs !== undefined ? { versionRequirements: reqs } : {};
}

function sortedCopy(rec: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(rec).sort()) out[k] = rec[k] as string;
  return out;
}

export const V1BETA1 = 'zarf.dev/v1beta1';

/**
 * `build` of a v1beta1 document, in the field order of Zarf's v1beta1 BuildData: `terminal` is
 * `hostname` there, and the aggregate checksum lives here rather than in metadata.
 */
export function v1beta1BuildData(build: BuildData, aggregateChecksum: string): Record<string, unknown> {
  return {
    ...(build.terminal !== undefined ? { hostname: build.terminal } : {}),
    ...(build.user !== undefined ? { user: build.user } : {}),
    timestamp: build.timestamp,
    architecture: build.architecture,
    version: build.version,
    ...(build.migrations !== undefined ? { migrations: build.migrations } : {}),
    ...(build.registryOverrides !== undefined ? { registryOverrides: build.registryOverrides } : {}),
    ...(build.differential === true ? { differential: true, differentialPackageVersion: build.differentialPackageVersion } : {}),
    ...(build.flavor !== undefined ? { flavor: build.flavor } : {}),
    signed: build.signed,
    ...(build.versionRequirements !== undefined ? { versionRequirements: build.versionRequirements } : {}),
    provenanceFiles: build.provenanceFiles,
    aggregateChecksum
  };
}

/**
 * `doc` with `metadata.architecture` set (in place when written, else after the other metadata
 * fields), `metadata.aggregateChecksum` last in metadata when given (else removed), and `build`
 * right after `metadata` (Zarf's struct order), replacing any `build` the input carried.
 */
function withBuild(doc: Record<string, unknown>, architecture: string, build: Record<string, unknown>, aggregateChecksum: string | undefined): Record<string, unknown> {
  const meta = doc.metadata !== null && typeof doc.metadata === 'object' ? (doc.metadata as Record<string, unknown>) : {};
  const metadata: Record<string, unknown> = {};
  let archSet = false;
  for (const [k, v] of Object.entries(meta)) {
    if (k === 'aggregateChecksum') continue;
    if (k === 'architecture') {
      metadata.architecture = architecture;
      archSet = true;
      continue;
    }
    metadata[k] = v;
  }
  if (!archSet) metadata.architecture = architecture;
  if (aggregateChecksum !== undefined) metadata.aggregateChecksum = aggregateChecksum;

  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    if (k === 'build') continue;
    if (k === 'metadata') {
      out.metadata = metadata;
      out.build = build;
      continue;
    }
    out[k] = v;
  }
  if (!('metadata' in out)) out.metadata = metadata;
  if (!('build' in out)) out.build = build;
  return out;
}

const YAML_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false } as const;

/**
 * The zarf.yaml as built: the user's config in the user's key order, with `metadata.architecture`
 * set, `metadata.aggregateChecksum` last in metadata, and `build` right after `metadata` (where Zarf's
 * struct order puts it). Any `build` the input carried is replaced. Each of `extraDocuments` follows
 * after a `---` line (Zarf's MarshalPackageDefinition); a zarf.dev/v1beta1 one gets the same
 * architecture and build, in v1beta1's shape.
 */
export function renderZarfYaml(
  config: DefinitionInput['config'],
  architecture: string,
  build: BuildData,
  aggregateChecksum: string,
  extraDocuments: ReadonlyArray<Record<string, unknown>> = []
): string {
  let text = YAML.stringify(withBuild(config, architecture, { ...build }, aggregateChecksum), YAML_OPTIONS);
  for (const doc of extraDocuments) {
    const filled = doc.apiVersion === V1BETA1 ? withBuild(doc, architecture, v1beta1BuildData(build, aggregateChecksum), undefined) : doc;
    text = `${text.replace(/\n+$/, '')}\n---\n${YAML.stringify(filled, YAML_OPTIONS)}`;
  }
  return text;
}

/**
 * Builds the package file in `outputDir`. Works in a hidden staging folder inside `outputDir` (so
 * blobs are hard links from the store and the final rename is atomic); on any failure the staging
 * folder is removed and nothing is left in `outputDir`.
 */
export async function assemblePackage(input: AssembleInput): Promise<AssembledPackage> {
  const { definition, architecture, outputDir } = input;
  const config = definition.config;
  if (typeof architecture !== 'string' || !/^[a-z0-9_-]+$/.test(architecture)) {
    throw new LadingError(`invalid architecture "${String(architecture)}"`, { hint: 'use an architecture such as amd64 or arm64' });
  }
  if (typeof config.metadata?.name !== 'string' || config.metadata.name === '') {
    throw new LadingError('metadata.name is missing from the package definition');
  }
  const progress = input.onProgress ?? ((): void => undefined);
  const fileName = packageFileName(config, architecture, input.flavor, input.differential?.previousVersion);
  const finalPath = path.resolve(outputDir, fileName);

  await mkdir(outputDir, { recursive: true });
  const staging = await mkdtemp(path.join(path.resolve(outputDir), '.lading-assemble-'));
  const root = path.join(staging, 'package');
  try {
    await mkdir(root);
    const staged: StagedFile[] = await stageImages(input.images, input.store, root, progress, input.arrivals);
    input.signal?.throwIfAborted();

    // Component tars (only for components with content besides images).
    const content = input.componentContent ?? {};
    const componentNames = new Set(config.components.map((c) => c.name));
    for (const name of Object.keys(content)) {
      if (!componentNames.has(name)) throw new LadingError(`content was given for component "${name}", which the package does not have`);
    }
    for (const component of config.components) {
      const entries = content[component.name] ?? [];
      if (entries.length === 0) continue;
      if (!/^[a-z0-9][a-z0-9-]*$/.test(component.name)) throw new LadingError(`invalid component name "${component.name}"`);
      const rel = `components/${component.name}.tar`;
      const abs = path.join(root, 'components', `${component.name}.tar`);
      await mkdir(path.dirname(abs), { recursive: true });
      progress(`writing ${rel}`);
      const prefixed: TarEntry[] = [{ path: component.name, type: 'directory' }, ...entries.map((e) => ({ ...e, path: `${component.name}/${e.path}` }))];
      // As Zarf writes it (folder: Go's tar headers, 0700 folders, walk order): same content, same bytes.
      const written = await writeReproducibleTar(prefixed, abs, { folder: true, ...(input.signal !== undefined ? { signal: input.signal } : {}) });
      staged.push({ path: rel, abs, size: written.size, sha256: written.sha256 });
    }

    // Package-level deploy-time files: values.yaml, values.schema.json, documentation.tar.
    if (input.values !== undefined) {
      for (const rel of await writePackageValues(input.values, root)) {
        progress(`wrote ${rel}`);
        const abs = path.join(root, rel);
        staged.push({ path: rel, abs, size: (await stat(abs)).size });
      }
    }
    if (input.documentation !== undefined && input.documentation.length > 0) {
      progress(`writing ${DOCUMENTATION_TAR}`);
      const abs = path.join(root, DOCUMENTATION_TAR);
      const written = await writeDocumentationTar(input.documentation, abs, input.signal);
      staged.push({ path: DOCUMENTATION_TAR, abs, size: written.size, sha256: written.sha256 });
    }
    input.signal?.throwIfAborted();

    // Hashes not known yet (non-sha256 blobs).
    const files: Array<StagedFile & { sha256: string }> = [];
    for (const f of staged) {
      if (f.sha256 !== undefined) files.push({ ...f, sha256: f.sha256 });
      else {
        // checksums.txt comes first in the package: a blob named by another algorithm is waited for here.
        await f.arrived?.();
        files.push({ ...f, ...(await sha256File(f.abs)) });
      }
    }

    const { text: checksums, aggregateChecksum } = renderChecksums(files);
    const extra = input.extraDocuments ?? [];
    const now = input.buildTime !== undefined ? await input.buildTime((time) => renderZarfYaml(config, architecture, buildData({ ...input, now: time }), aggregateChecksum, extra)) : input.now;
    const build = buildData({ ...input, now });
    const zarfYaml = renderZarfYaml(config, architecture, build, aggregateChecksum, extra);
    const checksumsBytes = Buffer.from(checksums);
    const zarfYamlBytes = Buffer.from(zarfYaml);
    await writeFile(path.join(root, CHECKSUMS_TXT), checksumsBytes, { mode: 0o644 });
    await writeFile(path.join(root, ZARF_YAML), zarfYamlBytes, { mode: 0o644 });
    if (input.keepFiles !== undefined) await keepNonBlobFiles(root, input.keepFiles, [...files, { path: CHECKSUMS_TXT }, { path: ZARF_YAML }]);

    const entries: TarEntry[] = [
      { path: CHECKSUMS_TXT, type: 'file', content: checksumsBytes },
      { path: ZARF_YAML, type: 'file', content: zarfYamlBytes },
      ...files.map(
        (f): TarEntry => {
          // A blob this run hashed and that is still the same file is not hashed again (file-identity.ts).
          const digest = f.digest;
          if (digest === undefined) return { path: f.path, type: 'file', source: f.abs, size: f.size };
          const arrived = f.arrived;
          // A blob still being pulled when its turn comes is streamed in as it arrives (kept only if it
          // arrives verified); one not started yet is read once it arrived (its identity known then).
          if (arrived !== undefined)
            return {
              path: f.path,
              type: 'file',
              source: f.abs,
              size: f.size,
              verifyDigest: digest,
              follow: () => input.store.growing(digest),
              whenReadable: async () => (await arrived(), input.store.verifiedIdentity(digest))
            };
          const verifiedAs = input.store.verifiedIdentity(digest);
          return { path: f.path, type: 'file', source: f.abs, size: f.size, verifyDigest: digest, ...(verifiedAs !== undefined ? { verifiedAs } : {}) };
        }
      )
    ];
    progress(`writing ${fileName}`);
    const tmpPackage = path.join(staging, fileName);
    const written = await writeReproducibleTar(entries, tmpPackage, {
      compression: config.metadata.uncompressed === true ? 'none' : 'zstd',
      // Only the package's size is reported; its sha256 would be one more pass over every byte.
      hashOutput: false,
      ...(input.signal !== undefined ? { signal: input.signal } : {}) });
    input.signal?.throwIfAborted();
    let outputs = [finalPath];
    let split: AssembledPackage['split'];
    if (input.maxPackageSize !== undefined && needsSplit(written.size, input.maxPackageSize)) {
      progress(`splitting ${fileName} (${written.size} bytes) into parts of ${input.maxPackageSize} MB`);
      const parts = await splitPackage(tmpPackage, finalPath, input.maxPackageSize, input.signal);
      outputs = parts.files;
      split = { count: parts.count, partSize: parts.partSize, sha256: parts.sha256 };
      progress(`wrote ${parts.count} parts and ${path.basename(outputs[0] as string)}`);
    } else {
      await rename(tmpPackage, finalPath);
    }

    const allFiles = [
      ...files.map((f) => ({ path: f.path, sha256: f.sha256, size: f.size })),
      { path: CHECKSUMS_TXT, sha256: sha256Hex(checksumsBytes), size: checksumsBytes.length },
      { path: ZARF_YAML, sha256: sha256Hex(zarfYamlBytes), size: zarfYamlBytes.length }
    ].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));

    progress(`wrote ${fileName} (${written.size} bytes)`);
    return { path: outputs[0] as string, outputs, ...(split !== undefined ? { split } : {}), fileName, aggregateChecksum, size: written.size, zarfYaml, files: allFiles };
  } catch (e) {
    if (e instanceof LadingError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw new LadingError(`could not write the package ${fileName}: ${msg}`, { cause: e });
  } finally {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Copies (hard-links when possible) the package files other than image blobs into `dest`. */
async function keepNonBlobFiles(root: string, dest: string, files: ReadonlyArray<{ path: string }>): Promise<void> {
  for (const f of files) {
    if (f.path.startsWith(`${IMAGES_DIR}/blobs/`)) continue;
    const from = path.join(root, ...f.path.split('/'));
    const to = path.join(dest, ...f.path.split('/'));
    await mkdir(path.dirname(to), { recursive: true });
    await rm(to, { force: true });
    try {
      await link(from, to);
    } catch {
      await copyFile(from, to);
    }
  }
}
