import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BlobArrivals } from '../oci/blob-arrivals.js';
import type { BlobStore } from '../oci/blobstore.js';
import { digestAlgorithm, digestHex, type Digest } from '../oci/digest.js';
import { MediaType } from '../oci/mediatypes.js';
import type { Descriptor, Platform } from '../oci/types.js';
import type { ResolvedImage } from '../model.js';
import { LadingError } from '../errors.js';
import { sha256Hex } from './checksums.js';

export const IMAGES_DIR = 'images';
export const ANNOTATION_REF_NAME = 'org.opencontainers.image.ref.name';
export const ANNOTATION_BASE_NAME = 'org.opencontainers.image.base.name';

/** `oci-layout` exactly as oras-go writes it (json.Marshal, no trailing newline). */
export const OCI_LAYOUT_BYTES = Buffer.from('{"imageLayoutVersion":"1.0.0"}');

/** A file of the staged package with what is known of it. */
export interface StagedFile {
  /** Relative to the package root, `/`-separated. */
  path: string;
  /** Absolute path of its bytes: in the staging folder, or the store's file of a blob. */
  abs: string;
  size: number;
  /** sha256 hex when known without reading the file (content-addressed sha256 blobs, files written from memory). */
  sha256?: string;
  /** For blobs: the digest the bytes must hash to (checked while the package tar is written). */
  digest?: Digest;
  /**
   * For a blob that may still be arriving in the store: resolves once it is there, verified, with
   * its size (rejects when it will not arrive). Its bytes are not read before.
   */
  arrived?: () => Promise<void>;
}

/**
 * JSON as Go's encoding/json writes it: compact, and `<`, `>`, `&`, U+2028, U+2029 escaped.
 * Zarf writes images/index.json with json.Marshal, so this keeps the bytes identical for equal content.
 */
export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sortedRecord(rec: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(rec).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))) out[k] = rec[k] as string;
  return out;
}

/** Platform in the field order of ocispec.Platform. */
function goPlatform(p: Platform): Record<string, unknown> {
  const out: Record<string, unknown> = { architecture: p.architecture, os: p.os };
  if (p['os.version'] !== undefined && p['os.version'] !== '') out['os.version'] = p['os.version'];
  if (p['os.features'] !== undefined && p['os.features'].length > 0) out['os.features'] = p['os.features'];
  if (p.variant !== undefined && p.variant !== '') out.variant = p.variant;
  return out;
}

/** Descriptor in the field order of ocispec.Descriptor (mediaType, digest, size, urls, annotations, platform, artifactType). */
function goDescriptor(d: Descriptor): Record<string, unknown> {
  const out: Record<string, unknown> = { mediaType: d.mediaType, digest: d.digest, size: d.size };
  if (d.urls !== undefined && d.urls.length > 0) out.urls = d.urls;
  if (d.annotations !== undefined && Object.keys(d.annotations).length > 0) out.annotations = sortedRecord(d.annotations);
  if (d.platform !== undefined) out.platform = goPlatform(d.platform);
  if (d.artifactType !== undefined && d.artifactType !== '') out.artifactType = d.artifactType;
  return out;
}

/**
 * The entries of images/index.json: one per image reference (`reference.toString()`), the root
 * descriptor with `org.opencontainers.image.ref.name` and `org.opencontainers.image.base.name` set to
 * that reference (other annotations of the descriptor kept, as oras-go's Tag does), sorted by digest
 * (Zarf's utils.SortImagesIndex), then by name so equal digests have a stable order.
 */
export function indexEntries(images: readonly ResolvedImage[]): Descriptor[] {
  const byRef = new Map<string, ResolvedImage>();
  for (const img of images) {
    const ref = img.reference.toString();
    const seen = byRef.get(ref);
    if (seen === undefined) {
      byRef.set(ref, img);
    } else if (seen.descriptor.digest !== img.descriptor.digest) {
      throw new LadingError(`${ref} resolved to two different manifests (${seen.descriptor.digest} and ${img.descriptor.digest})`, {
        hint: 'the tag moved while the package was being built; run again'
      });
    }
  }
  const entries: Descriptor[] = [];
  for (const [ref, img] of byRef) {
    const d = img.descriptor;
    entries.push({
      ...d,
      annotations: { ...(d.annotations ?? {}), [ANNOTATION_BASE_NAME]: ref, [ANNOTATION_REF_NAME]: ref }
    });
  }
  const key = (d: Descriptor): string => d.annotations?.[ANNOTATION_REF_NAME] ?? '';
  entries.sort((a, b) => (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : Buffer.compare(Buffer.from(key(a)), Buffer.from(key(b)))));
  return entries;
}

/** images/index.json bytes, as oras-go + Zarf write them. */
export function renderIndexJson(images: readonly ResolvedImage[]): Buffer {
  const index = {
    schemaVersion: 2,
    mediaType: MediaType.OciIndex,
    manifests: indexEntries(images).map(goDescriptor)
  };
  return Buffer.from(goJson(index));
}

interface BlobNeed {
  descriptor: Descriptor;
  image: ResolvedImage;
}

/** Every blob the images need, once, root included. */
export function collectBlobs(images: readonly ResolvedImage[]): Map<Digest, BlobNeed> {
  const blobs = new Map<Digest, BlobNeed>();
  for (const image of images) {
    for (const d of [image.descriptor, ...image.blobs]) {
      const seen = blobs.get(d.digest);
      if (seen === undefined) blobs.set(d.digest, { descriptor: d, image });
      else if (seen.descriptor.size !== d.size) {
        throw new LadingError(`blob ${d.digest} is declared with two sizes (${seen.descriptor.size} and ${d.size})`, {
          hint: `check the manifests of ${seen.image.reference.toString()} and ${image.reference.toString()}`
        });
      }
    }
  }
  return blobs;
}

async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Writes the package's images/ OCI layout under `packageRoot` (oci-layout and index.json) and lists
 * every blob of every image as a file of the package read from `store` itself (not copied). Fails with
 * a LadingError naming the blob when one is missing from the store or has the wrong size; a blob still
 * arriving (`arrivals`) is checked when it has arrived, by whoever waits for it (`blobArrived`).
 * Writes nothing when there are no images.
 */
export async function stageImages(
  images: readonly ResolvedImage[],
  store: BlobStore,
  packageRoot: string,
  onProgress?: (msg: string) => void,
  arrivals?: BlobArrivals
): Promise<StagedFile[]> {
  if (images.length === 0) return [];
  const blobs = collectBlobs(images);

  const problems: string[] = [];
  await mapLimit([...blobs.values()], 16, async ({ descriptor, image }) => {
    if (arrivals?.pending(descriptor.digest) === true) return;
    const problem = await missingProblem(store, descriptor, image);
    if (problem !== undefined) problems.push(problem);
  });
  if (problems.length > 0) {
    problems.sort();
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new LadingError(`${problems[0]}${more}`, {
      hint: NOT_PULLED_HINT,
      details: problems.map((p) => `- ${p}`).join('\n')
    });
  }

  const root = path.join(packageRoot, IMAGES_DIR);
  await mkdir(root, { recursive: true });
  onProgress?.(`staging ${blobs.size} blobs of ${images.length} image${images.length === 1 ? '' : 's'}`);
  const files: StagedFile[] = [];
  for (const { descriptor, image } of blobs.values()) {
    const alg = digestAlgorithm(descriptor.digest);
    const hex = digestHex(descriptor.digest);
    files.push({
      path: `${IMAGES_DIR}/blobs/${alg}/${hex}`,
      abs: store.path(descriptor.digest),
      size: descriptor.size,
      ...(alg === 'sha256' ? { sha256: hex } : {}),
      digest: descriptor.digest,
      ...(arrivals !== undefined ? { arrived: () => arrivedIn(store, descriptor, image, arrivals) } : {})
    });
  }

  const index = renderIndexJson(images);
  const indexPath = path.join(root, 'index.json');
  const layoutPath = path.join(root, 'oci-layout');
  await writeFile(layoutPath, OCI_LAYOUT_BYTES, { mode: 0o644 });
  await writeFile(indexPath, index, { mode: 0o644 });
  files.push(
    { path: `${IMAGES_DIR}/oci-layout`, abs: layoutPath, size: OCI_LAYOUT_BYTES.length, sha256: sha256Hex(OCI_LAYOUT_BYTES) },
    { path: `${IMAGES_DIR}/index.json`, abs: indexPath, size: index.length, sha256: sha256Hex(index) }
  );
  return files;
}

const NOT_PULLED_HINT = 'the images were not fully pulled into the blob cache; run again to fetch them';

/** Why `descriptor` of `image` cannot be read from `store`, if it cannot. */
async function missingProblem(store: BlobStore, descriptor: Descriptor, image: ResolvedImage): Promise<string | undefined> {
  if (await store.has(descriptor.digest, descriptor.size)) return undefined;
  return (await store.has(descriptor.digest))
    ? `blob ${descriptor.digest} of ${image.reference.toString()} in the blob cache is not ${descriptor.size} bytes`
    : `blob ${descriptor.digest} of ${image.reference.toString()} is missing from the blob cache`;
}

/** Resolves once the blob has arrived in `store` (verified) and is there with its size. */
async function arrivedIn(store: BlobStore, descriptor: Descriptor, image: ResolvedImage, arrivals: BlobArrivals): Promise<void> {
  await arrivals.whenArrived(descriptor.digest);
  const problem = await missingProblem(store, descriptor, image);
  if (problem !== undefined) throw new LadingError(problem, { hint: NOT_PULLED_HINT });
}
