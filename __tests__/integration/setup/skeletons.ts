/**
 * Publishes a Zarf skeleton package to a test registry the way `zarf package publish <folder>` lays one
 * out: a manifest whose layers are zarf.yaml, checksums.txt and components/<name>.tar (each titled by
 * its path), and a tag index whose `{os: multi, architecture: skeleton}` entry points at it (with an
 * amd64 package entry beside it when asked). `AGGREGATE` in the zarf.yaml becomes the sha256 of
 * checksums.txt, as Zarf records it.
 */
import { createHash } from 'node:crypto';
import type { RegistryClient } from './oci-http.js';

const LAYER = 'application/vnd.zarf.layer.v1.blob';
const CONFIG = 'application/vnd.zarf.config.v1+json';
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const INDEX = 'application/vnd.oci.image.index.v1+json';
const TITLE = 'org.opencontainers.image.title';

const hex = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

export interface PublishSpec {
  repo: string;
  tag: string;
  /** zarf.yaml with `AGGREGATE` replaced by the sha256 of checksums.txt. */
  zarfYaml: string;
  /** components/<name>.tar contents. */
  tars?: Record<string, Buffer>;
  /** Publish the skeleton entry (default true) and/or an amd64 package entry beside it. */
  skeleton?: boolean;
  amd64?: boolean;
  /** Replace a file's bytes after checksums.txt was written (a layer altered by someone else). */
  alter?: Record<string, Buffer>;
}

export interface Published {
  url: string;
  manifestDigest: string;
  zarfYaml: string;
  layers: Record<string, string>;
}

export async function publishSkeleton(pusher: RegistryClient, host: string, spec: PublishSpec): Promise<Published> {
  const files = new Map<string, Buffer>();
  for (const [name, bytes] of Object.entries(spec.tars ?? {})) files.set(`components/${name}.tar`, bytes);
  const lines = [...files].map(([p, b]) => `${hex(b)} ${p}`).sort();
  const checksums = Buffer.from(lines.map((l) => `${l}\n`).join('') || '\n');
  const zarfYaml = spec.zarfYaml.replace('AGGREGATE', hex(checksums));
  files.set('zarf.yaml', Buffer.from(zarfYaml));
  files.set('checksums.txt', checksums);
  for (const [p, b] of Object.entries(spec.alter ?? {})) files.set(p, b);

  const layers: Array<{ mediaType: string; digest: string; size: number; annotations: Record<string, string> }> = [];
  const byTitle: Record<string, string> = {};
  for (const [title, bytes] of files) {
    const digest = await pusher.pushBlob(spec.repo, bytes);
    layers.push({ mediaType: LAYER, digest, size: bytes.length, annotations: { [TITLE]: title } });
    byTitle[title] = digest;
  }
  const config = Buffer.from(JSON.stringify({ kind: 'ZarfPackageConfig' }));
  const configDigest = await pusher.pushBlob(spec.repo, config);
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MANIFEST, config: { mediaType: CONFIG, digest: configDigest, size: config.length }, layers }));
  const manifestDigest = `sha256:${hex(manifest)}`;
  await pusher.pushManifest(spec.repo, manifestDigest, MANIFEST, manifest);
  const entries: unknown[] = [];
  if (spec.amd64 === true) {
    // Another architecture's package: a different manifest (its own annotation) under the same tag.
    const other = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MANIFEST, config: { mediaType: CONFIG, digest: configDigest, size: config.length }, layers, annotations: { arch: 'amd64' } }));
    const otherDigest = `sha256:${hex(other)}`;
    await pusher.pushManifest(spec.repo, otherDigest, MANIFEST, other);
    entries.push({ mediaType: MANIFEST, digest: otherDigest, size: other.length, platform: { architecture: 'amd64', os: 'multi' } });
  }
  if (spec.skeleton !== false) entries.push({ mediaType: MANIFEST, digest: manifestDigest, size: manifest.length, platform: { architecture: 'skeleton', os: 'multi' } });
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: INDEX, manifests: entries }));
  await pusher.pushManifest(spec.repo, spec.tag, INDEX, index);
  return { url: `oci://${host}/${spec.repo}:${spec.tag}`, manifestDigest, zarfYaml, layers: byTitle };
}

