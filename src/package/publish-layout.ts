/**
 * The published layout of a Zarf package (what `zarf package publish` pushes), as plain data:
 *
 * - an OCI image manifest (`schemaVersion: 2`, `mediaType`, no `artifactType`) whose config is the
 *   package definition as built (zarf.yaml with its build section) as JSON, media type
 *   `application/vnd.zarf.config.v1+json`;
 * - one layer per file of the package, media type `application/vnd.zarf.layer.v1.blob`, titled with
 *   the file's relative path; image blobs are layers of their own so registries deduplicate them;
 *   layers sorted by digest;
 * - manifest annotations from the metadata (title, description, url, authors, documentation, source,
 *   vendor), `org.opencontainers.image.created` from build.timestamp, then metadata.annotations;
 * - the tag is an OCI image index with one entry per architecture, `platform: {os: multi,
 *   architecture}`; publishing an architecture replaces its entry or appends one.
 *
 * JSON is written as Go's encoding/json writes it (Zarf's bytes for equal content): compact, struct
 * field order, map keys sorted.
 */
import { LadingError } from '../errors.js';
import { isDigest, sha256, type Digest } from '../oci/digest.js';
import { MediaType } from '../oci/mediatypes.js';
import type { Descriptor } from '../oci/types.js';
import { builtDefinition } from './built-definition.js';
import { goJson } from './layout.js';

export const ZARF_CONFIG_MEDIA_TYPE = 'application/vnd.zarf.config.v1+json';
export const ZARF_LAYER_MEDIA_TYPE = 'application/vnd.zarf.layer.v1.blob';
/** The `os` of every entry of a published package's index (Zarf's oci.MultiOS). */
export const MULTI_OS = 'multi';
export const ANNOTATION_TITLE = 'org.opencontainers.image.title';
export const ANNOTATION_DESCRIPTION = 'org.opencontainers.image.description';
export const ANNOTATION_CREATED = 'org.opencontainers.image.created';

/** A file of the built package: path relative to its root, sha256 hex of its bytes, size. */
export interface PackageFileInfo {
  path: string;
  sha256: string;
  size: number;
}

export interface PublishLayout {
  config: { descriptor: Descriptor; bytes: Buffer };
  /** One per package file, sorted by digest (then title). */
  layers: Descriptor[];
  manifest: { descriptor: Descriptor; bytes: Buffer };
}

/** Metadata field -> the OCI annotation Zarf sets from it (title and description are always set). */
const METADATA_ANNOTATIONS: Array<[string, string]> = [
  ['url', 'org.opencontainers.image.url'],
  ['authors', 'org.opencontainers.image.authors'],
  ['documentation', 'org.opencontainers.image.documentation'],
  ['source', 'org.opencontainers.image.source'],
  ['vendor', 'org.opencontainers.image.vendor']
];

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function sortedRecord(rec: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(rec).sort(byteOrder)) out[k] = rec[k] as string;
  return out;
}

/** RFC 3339 in UTC, seconds precision (Go's time.RFC3339 of a UTC time). */
export function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * `org.opencontainers.image.created` from build.timestamp (RFC 1123 with a numeric zone); like Zarf,
 * the zero time when it is missing or unreadable. Stable for a given package, so re-publishing an
 * unchanged package gives the same manifest.
 */
export function createdAnnotation(buildTimestamp: unknown): string {
  const t = typeof buildTimestamp === 'string' ? Date.parse(buildTimestamp) : Number.NaN;
  return Number.isNaN(t) ? '0001-01-01T00:00:00Z' : rfc3339(new Date(t));
}

type Definition = { metadata?: Record<string, unknown>; build?: Record<string, unknown> } & Record<string, unknown>;

/** The manifest annotations Zarf derives from a package definition. */
export function manifestAnnotations(def: Definition): Record<string, string> {
  const meta = def.metadata ?? {};
  const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
  const out: Record<string, string> = {
    [ANNOTATION_TITLE]: str(meta.name),
    [ANNOTATION_DESCRIPTION]: str(meta.description)
  };
  for (const [field, key] of METADATA_ANNOTATIONS) {
    const v = str(meta[field]);
    if (v !== '') out[key] = v;
  }
  out[ANNOTATION_CREATED] = createdAnnotation(def.build?.timestamp);
  const extra = meta.annotations;
  if (extra !== null && typeof extra === 'object') for (const [k, v] of Object.entries(extra as Record<string, unknown>)) out[k] = str(v);
  return out;
}

/** A descriptor in the field order of ocispec.Descriptor, annotations sorted; unknown fields kept, last. */
export function goDescriptor(d: Descriptor | Record<string, unknown>): Record<string, unknown> {
  const src = d as Record<string, unknown>;
  const out: Record<string, unknown> = { mediaType: src.mediaType, digest: src.digest, size: src.size };
  if (Array.isArray(src.urls) && src.urls.length > 0) out.urls = src.urls;
  if (src.annotations !== null && typeof src.annotations === 'object' && Object.keys(src.annotations).length > 0) out.annotations = sortedRecord(src.annotations as Record<string, string>);
  if (src.data !== undefined) out.data = src.data;
  if (src.platform !== null && typeof src.platform === 'object') {
    const p = src.platform as Record<string, unknown>;
    const plat: Record<string, unknown> = { architecture: p.architecture, os: p.os };
    if (p['os.version'] !== undefined && p['os.version'] !== '') plat['os.version'] = p['os.version'];
    if (Array.isArray(p['os.features']) && p['os.features'].length > 0) plat['os.features'] = p['os.features'];
    if (p.variant !== undefined && p.variant !== '') plat.variant = p.variant;
    for (const [k, v] of Object.entries(p)) if (!(k in plat) && k !== 'variant' && k !== 'os.version' && k !== 'os.features') plat[k] = v;
    out.platform = plat;
  }
  if (typeof src.artifactType === 'string' && src.artifactType !== '') out.artifactType = src.artifactType;
  for (const [k, v] of Object.entries(src)) if (!(k in out) && !['urls', 'annotations', 'data', 'platform', 'artifactType'].includes(k)) out[k] = v;
  return out;
}

/** The config blob: the definition as built, as JSON, in zarf.yaml's key order. */
export function configBytes(zarfYaml: string): Buffer {
  return Buffer.from(goJson(builtDefinition(zarfYaml)));
}

/** Manifest, config and layers of a built package, ready to push. */
export function buildPublishLayout(files: readonly PackageFileInfo[], zarfYaml: string): PublishLayout {
  const def = builtDefinition(zarfYaml) as Definition;
  const config = configBytes(zarfYaml);
  const configDescriptor: Descriptor = { mediaType: ZARF_CONFIG_MEDIA_TYPE, digest: sha256(config), size: config.length };
  const layers: Descriptor[] = files.map((f) => {
    const digest = `sha256:${f.sha256}`;
    if (!isDigest(digest)) throw new LadingError(`the package file ${f.path} has an invalid sha256 "${f.sha256}"`);
    return { mediaType: ZARF_LAYER_MEDIA_TYPE, digest, size: f.size, annotations: { [ANNOTATION_TITLE]: f.path } };
  });
  layers.sort((a, b) => byteOrder(a.digest, b.digest) || byteOrder(a.annotations?.[ANNOTATION_TITLE] ?? '', b.annotations?.[ANNOTATION_TITLE] ?? ''));
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    config: goDescriptor(configDescriptor),
    layers: layers.map(goDescriptor),
    annotations: sortedRecord(manifestAnnotations(def))
  };
  const bytes = Buffer.from(goJson(manifest));
  return {
    config: { descriptor: configDescriptor, bytes: config },
    layers,
    manifest: { descriptor: { mediaType: MediaType.OciManifest, digest: sha256(bytes), size: bytes.length }, bytes }
  };
}

/** The index entry of one architecture's package manifest. */
export function indexEntry(manifest: { digest: Digest; size: number }, architecture: string): Descriptor {
  return { mediaType: MediaType.OciManifest, digest: manifest.digest, size: manifest.size, platform: { architecture, os: MULTI_OS } };
}

/** The entry of `architecture` in a published package's index (Zarf matches on the architecture). */
export function entryFor(index: { manifests?: unknown }, architecture: string): Record<string, unknown> | undefined {
  const list = Array.isArray(index.manifests) ? (index.manifests as Array<Record<string, unknown>>) : [];
  return list.find((m) => m !== null && typeof m === 'object' && (m.platform as { architecture?: unknown } | undefined)?.architecture === architecture);
}

/**
 * The tag's index with this architecture's entry replaced (or appended); `mediaType` always written.
 * `changed` is false when the index already holds exactly this entry.
 */
export function indexWithEntry(existing: Record<string, unknown> | undefined, manifest: { digest: Digest; size: number }, architecture: string): { bytes: Buffer; changed: boolean } {
  const entry = indexEntry(manifest, architecture);
  const prior = existing !== undefined ? entryFor(existing, architecture) : undefined;
  const priorPlatform = prior?.platform as { os?: unknown } | undefined;
  const unchanged =
    existing !== undefined &&
    existing.mediaType === MediaType.OciIndex &&
    prior !== undefined &&
    prior.digest === entry.digest &&
    prior.size === entry.size &&
    prior.mediaType === MediaType.OciManifest &&
    priorPlatform?.os === MULTI_OS;
  const list = existing !== undefined && Array.isArray(existing.manifests) ? [...(existing.manifests as Array<Record<string, unknown>>)] : [];
  const at = prior !== undefined ? list.indexOf(prior) : -1;
  if (at >= 0) list[at] = { ...prior, ...entry };
  else list.push({ ...entry });
  const out: Record<string, unknown> = { schemaVersion: 2, mediaType: MediaType.OciIndex };
  if (typeof existing?.artifactType === 'string') out.artifactType = existing.artifactType;
  out.manifests = list.map((d) => goDescriptor(d));
  if (existing?.subject !== undefined) out.subject = existing.subject;
  if (existing?.annotations !== undefined && existing.annotations !== null && typeof existing.annotations === 'object') out.annotations = sortedRecord(existing.annotations as Record<string, string>);
  for (const [k, v] of Object.entries(existing ?? {})) if (!(k in out)) out[k] = v;
  return { bytes: Buffer.from(goJson(out)), changed: !unchanged };
}
