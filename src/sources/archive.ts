import { stat } from 'node:fs/promises';
import type { BlobStore } from '../oci/blobstore.js';
import { Digester, digestAlgorithm, digestHex, isDigest, parseDigest, sha256, type Digest } from '../oci/digest.js';
import { OciError } from '../oci/errors.js';
import { MediaType } from '../oci/mediatypes.js';
import { formatPlatform } from '../oci/platform.js';
import { Reference } from '../oci/reference.js';
import { parseManifest, type Descriptor } from '../oci/types.js';
import { DirectoryFiles, readSmall, TarFiles, type ArchiveFiles } from './archive-files.js';
import { readDockerSave } from './archive-docker.js';
import type { BlobFetchResult, FetchedManifest, ImageSource } from './source.js';

/** Manifests and indexes are small; anything larger is not one (the registry rule, REGISTRY.md). */
const MAX_MANIFEST = 4 << 20;
const MAX_INDEX_JSON = 16 << 20;

export const ANNOTATION_REF_NAME = 'org.opencontainers.image.ref.name';
export const ANNOTATION_CONTAINERD_NAME = 'io.containerd.image.name';
export const ANNOTATION_BASE_NAME = 'org.opencontainers.image.base.name';

/** One root of the archive (an entry of index.json, or an image of manifest.json). */
interface ArchiveImage {
  /** Full references, normalized (`Reference.toString()` without the digest when a tag is present). */
  names: string[];
  /** A bare tag (OCI's `ref.name` may be only that) when no full name is known. */
  tags: string[];
  /** Names that could not be parsed as references, kept for messages. */
  raw: string[];
  descriptor: Descriptor;
  /** Folded into a synthesized index (see mergeSameName): reachable by digest only. */
  merged?: boolean;
}

/** Which form the archive had. */
export type ArchiveFormat = 'oci-layout' | 'docker-save';

/**
 * Images from an archive on disk: an OCI image layout directory, a tar of one (`skopeo copy ...
 * oci-archive:`, `docker save` from Docker 25 on), or a classic `docker save` / `docker-archive:` tar;
 * gzip or zstd compressed tars are decompressed once into the scratch folder.
 *
 * Nothing in the archive is trusted: every manifest and blob is hashed against the digest it is
 * stored under (or, for a classic docker save, the digest synthesized for it) before use.
 */
export class ArchiveSource implements ImageSource {
  /** The archive path as given. */
  readonly name: string;
  readonly format: ArchiveFormat;
  private readonly files: ArchiveFiles;
  private readonly roots: ArchiveImage[];
  /** Manifests synthesized here (classic docker save, several index.json entries of one name). */
  private readonly synthesized: Map<Digest, { bytes: Buffer; mediaType: string }>;
  /** Blobs whose archive path is not `blobs/<alg>/<hex>` (classic docker save). */
  private readonly paths: Map<Digest, string>;
  /** Media types announced by index.json descriptors, for manifests with no mediaType field. */
  private readonly knownTypes: Map<Digest, string>;

  private constructor(
    name: string,
    format: ArchiveFormat,
    files: ArchiveFiles,
    roots: ArchiveImage[],
    synthesized: Map<Digest, { bytes: Buffer; mediaType: string }>,
    paths: Map<Digest, string>
  ) {
    this.name = name;
    this.format = format;
    this.files = files;
    this.roots = roots;
    this.synthesized = synthesized;
    this.paths = paths;
    this.knownTypes = new Map(roots.map((r) => [r.descriptor.digest, r.descriptor.mediaType]));
  }

  /**
   * Opens and indexes an archive. `workDir` is a scratch folder: only a compressed tar is
   * decompressed there (into a folder of its own, removed by {@link close}).
   */
  static async open(archivePath: string, workDir: string): Promise<ArchiveSource> {
    let isDir: boolean;
    try {
      const s = await stat(archivePath);
      if (!s.isDirectory() && !s.isFile()) throw new Error('not a regular file');
      isDir = s.isDirectory();
    } catch (e) {
      throw new OciError(`image archive ${archivePath} not found`, {
        hint: 'check the path; it must name an OCI layout folder or a tar from docker save, skopeo copy ... oci-archive: or docker-archive:',
        code: 'ARCHIVE_NOT_FOUND',
        cause: e
      });
    }
    const files = isDir ? new DirectoryFiles(archivePath) : await TarFiles.open(archivePath, archivePath, workDir);
    try {
      return await ArchiveSource.load(archivePath, files);
    } catch (e) {
      await files.close();
      throw e;
    }
  }

  private static async load(name: string, files: ArchiveFiles): Promise<ArchiveSource> {
    const synthesized = new Map<Digest, { bytes: Buffer; mediaType: string }>();
    const paths = new Map<Digest, string>();
    // Docker 25+ writes both index.json and manifest.json: the OCI index is the exact content.
    const indexJson = await readSmall(files, 'index.json', MAX_INDEX_JSON, `image archive ${name}: index.json`);
    if (indexJson !== undefined) {
      let entries: Descriptor[];
      try {
        const parsed = parseManifest(indexJson, MediaType.OciIndex, `image archive ${name}: index.json`);
        if (parsed.kind !== 'index') throw new OciError(`image archive ${name}: index.json is not an image index`, { code: 'BAD_MANIFEST' });
        entries = parsed.index.manifests;
      } catch (e) {
        if (!(e instanceof OciError)) throw e;
        throw new OciError(e.message, { hint: 'the OCI layout is malformed; create the archive again', code: 'ARCHIVE_INVALID', cause: e });
      }
      const roots = entries.map(fromIndexEntry);
      return new ArchiveSource(name, 'oci-layout', files, mergeSameName(roots, synthesized), synthesized, paths);
    }
    if ((await files.size('manifest.json')) !== undefined) {
      const images = await readDockerSave(files, name);
      const roots: ArchiveImage[] = [];
      for (const img of images) {
        synthesized.set(img.descriptor.digest, { bytes: img.manifest, mediaType: MediaType.OciManifest });
        for (const [d, p] of img.blobs) paths.set(d, p);
        const root: ArchiveImage = { names: [], tags: [], raw: [], descriptor: img.descriptor };
        for (const t of img.repoTags) addName(root, t, true);
        roots.push(root);
      }
      return new ArchiveSource(name, 'docker-save', files, mergeSameName(roots, synthesized), synthesized, paths);
    }
    throw new OciError(`image archive ${name} holds neither index.json (an OCI layout) nor manifest.json (docker save)`, {
      hint: 'give an OCI layout folder, or a tar made by docker save, skopeo copy ... oci-archive: or docker-archive:',
      code: 'ARCHIVE_INVALID'
    });
  }

  /** The references the archive names, normalized, with their root descriptors. */
  images(): Array<{ name: string; descriptor: Descriptor }> {
    const out: Array<{ name: string; descriptor: Descriptor }> = [];
    const seen = new Set<string>();
    for (const r of this.roots) {
      for (const n of r.names) {
        if (seen.has(n)) continue;
        seen.add(n);
        out.push({ name: n, descriptor: r.descriptor });
      }
    }
    return out;
  }

  async getManifest(ref: Reference, selector: string): Promise<FetchedManifest> {
    if (isDigest(selector)) return this.manifestByDigest(ref, selector);
    const wanted = ref.withTag(selector).toString();
    const byName = this.roots.filter((r) => r.names.includes(wanted));
    // A bare ref.name identifies an image only when the archive gives it no full name: it is either
    // the tag (the OCI meaning, Docker's usage) or a short reference (`skopeo ... oci-archive:x.tar:nginx`).
    const matches =
      byName.length > 0
        ? byName
        : this.roots.filter((r) => r.merged !== true && r.names.length === 0 && r.tags.some((t) => t === selector || normalizeName(t) === wanted));
    const digests = new Set(matches.map((m) => m.descriptor.digest));
    if (digests.size === 0) {
      throw new OciError(`image ${wanted} is not in image archive ${this.name}; it holds ${this.describeContents()}`, {
        hint: 'name an image exactly as the archive does (registry/repository:tag), or pin an unnamed one by digest (name@sha256:...)',
        code: 'IMAGE_NOT_IN_ARCHIVE'
      });
    }
    if (digests.size > 1) {
      throw new OciError(`image ${wanted} matches ${digests.size} different images in image archive ${this.name} (${[...digests].join(', ')})`, {
        hint: 'pin the one you want by digest (name@sha256:...)',
        code: 'AMBIGUOUS_IMAGE'
      });
    }
    const desc = (matches[0] as ArchiveImage).descriptor;
    return this.readManifest(desc.digest, desc.size, wanted);
  }

  async fetchBlob(ref: Reference, desc: Descriptor, store: BlobStore, onProgress?: (bytes: number) => void, signal?: AbortSignal): Promise<BlobFetchResult> {
    signal?.throwIfAborted();
    const digest = parseDigest(desc.digest, `blob digest of ${ref.toString()}`);
    if (await store.has(digest, desc.size)) return { fetched: false, bytes: 0 };
    const synth = this.synthesized.get(digest);
    if (synth !== undefined) {
      if (synth.bytes.length !== desc.size) throw this.sizeMismatch(digest, 'synthesized manifest', synth.bytes.length, desc.size);
      await store.writeBytes(synth.bytes, digest);
      onProgress?.(synth.bytes.length);
      return { fetched: true, bytes: synth.bytes.length };
    }
    const entry = this.blobPath(digest);
    const size = await this.files.size(entry);
    if (size === undefined) {
      throw new OciError(`blob ${digest} of ${ref.toString()} is not in image archive ${this.name}`, {
        hint: 'the archive is incomplete (for example saved for one platform only, or with foreign layers); save it again with all the content',
        code: 'BLOB_NOT_IN_ARCHIVE'
      });
    }
    if (size !== desc.size) throw this.sizeMismatch(digest, entry, size, desc.size);
    try {
      const { fetched } = await store.ingest({ digest, size: desc.size }, async (w) => {
        for await (const chunk of await this.files.stream(entry, w.written)) {
          signal?.throwIfAborted();
          await w.write(chunk as Buffer);
          onProgress?.((chunk as Buffer).length);
        }
      });
      return { fetched, bytes: fetched ? size : 0 };
    } catch (e) {
      if (e instanceof OciError && (e.code === 'DIGEST_MISMATCH' || e.code === 'SIZE_MISMATCH')) {
        throw new OciError(`blob ${entry} in image archive ${this.name} does not match its digest ${digest}`, {
          hint: 'the archive is corrupt or was altered after it was made; create it again (nothing was stored)',
          code: 'DIGEST_MISMATCH',
          cause: e
        });
      }
      throw e;
    }
  }

  /** Removes anything extracted into the scratch folder. */
  async close(): Promise<void> {
    await this.files.close();
  }

  private blobPath(digest: Digest): string {
    return this.paths.get(digest) ?? `blobs/${digestAlgorithm(digest)}/${digestHex(digest)}`;
  }

  private sizeMismatch(digest: Digest, entry: string, have: number, declared: number): OciError {
    return new OciError(`blob ${entry} in image archive ${this.name} is ${have} bytes, but its descriptor (${digest}) declares ${declared}`, {
      hint: 'the archive is corrupt or was altered after it was made; create it again',
      code: 'SIZE_MISMATCH'
    });
  }

  private async manifestByDigest(ref: Reference, selector: string): Promise<FetchedManifest> {
    const digest = parseDigest(selector);
    const known = this.synthesized.has(digest) || (await this.files.size(this.blobPath(digest))) !== undefined;
    if (!known) {
      throw new OciError(`manifest ${digest} of ${ref.name} is not in image archive ${this.name}; it holds ${this.describeContents()}`, {
        hint: 'an archive may hold only some platforms of a multi-platform image (docker save keeps those present locally); save it again with the platforms you need',
        code: 'IMAGE_NOT_IN_ARCHIVE'
      });
    }
    return this.readManifest(digest, undefined, `${ref.name}@${digest}`);
  }

  private async readManifest(digest: Digest, size: number | undefined, what: string): Promise<FetchedManifest> {
    let bytes: Buffer;
    let mediaTypeHint: string | undefined;
    const synth = this.synthesized.get(digest);
    if (synth !== undefined) {
      bytes = synth.bytes;
      mediaTypeHint = synth.mediaType;
    } else {
      const entry = this.blobPath(digest);
      const read = await readSmall(this.files, entry, MAX_MANIFEST, `manifest ${digest} in image archive ${this.name}`);
      if (read === undefined) {
        throw new OciError(`manifest ${digest} of ${what} is not in image archive ${this.name}`, {
          hint: 'the archive is incomplete; create it again',
          code: 'BLOB_NOT_IN_ARCHIVE'
        });
      }
      bytes = read;
      const h = new Digester(digestAlgorithm(digest));
      h.update(bytes);
      const got = h.digest();
      if (got !== digest) {
        throw new OciError(`blob ${entry} in image archive ${this.name} does not match its digest (it hashes to ${got})`, {
          hint: 'the archive is corrupt or was altered after it was made; create it again',
          code: 'DIGEST_MISMATCH'
        });
      }
      mediaTypeHint = this.knownTypes.get(digest);
    }
    if (size !== undefined && bytes.length !== size) throw this.sizeMismatch(digest, this.blobPath(digest), bytes.length, size);
    const parsed = parseManifest(bytes, mediaTypeHint, `${what} in image archive ${this.name}`);
    return { bytes, mediaType: parsed.mediaType, digest };
  }

  /** A one-line list of what the archive holds, for error messages. */
  private describeContents(): string {
    const items: string[] = [];
    for (const r of this.roots) {
      if (r.merged === true) continue;
      if (r.names.length > 0) items.push(...r.names);
      else if (r.tags.length > 0) items.push(...r.tags.map((t) => `ref.name "${t}" (no repository)`));
      else if (r.raw.length > 0) items.push(...r.raw.map((t) => `"${t}" (not a valid reference)`));
      else items.push(`an unnamed ${formatPlatform(r.descriptor.platform) === 'unknown' ? 'image' : `${formatPlatform(r.descriptor.platform)} image`} ${r.descriptor.digest}`);
    }
    const unique = [...new Set(items)];
    if (unique.length === 0) return 'no images';
    const shown = unique.slice(0, 12).join(', ');
    return unique.length > 12 ? `${shown} and ${unique.length - 12} more` : shown;
  }
}

/** Normalized text of a reference: `registry/repo:tag`, or `registry/repo@digest` when untagged. */
function normalizeName(text: string): string | undefined {
  try {
    const r = Reference.parse(text);
    return r.tag !== undefined ? r.withTag(r.tag).toString() : r.toString();
  } catch {
    return undefined;
  }
}

/**
 * Adds a name annotation's value. OCI's ref.name is often only a tag (`1.25`, as Docker writes it);
 * tools such as skopeo write a full reference. A value with no `/`, `:` or `@` is kept as a tag, and
 * also as a reference when `full` (a docker RepoTag is always a reference).
 */
function addName(root: ArchiveImage, value: string, full: boolean): void {
  const bare = !/[/:@]/.test(value);
  if (bare && !full) {
    root.tags.push(value);
    return;
  }
  const n = normalizeName(value);
  if (n !== undefined) root.names.push(n);
  else root.raw.push(value);
}

function fromIndexEntry(desc: Descriptor): ArchiveImage {
  const root: ArchiveImage = { names: [], tags: [], raw: [], descriptor: desc };
  const a = desc.annotations ?? {};
  const containerd = a[ANNOTATION_CONTAINERD_NAME];
  const refName = a[ANNOTATION_REF_NAME];
  if (containerd !== undefined && containerd !== '') addName(root, containerd, true);
  if (refName !== undefined && refName !== '') addName(root, refName, false);
  const base = a[ANNOTATION_BASE_NAME];
  if (root.names.length === 0 && root.tags.length === 0 && base !== undefined && base !== '') addName(root, base, true);
  root.names = [...new Set(root.names)];
  return root;
}

/**
 * Several roots with one name but different digests (an OCI layout listing each platform's manifest
 * under the same ref.name) become one synthesized index of those manifests, when every one of them
 * states its platform; otherwise they stay apart and asking for that name is reported as ambiguous.
 */
function mergeSameName(roots: ArchiveImage[], synthesized: Map<Digest, { bytes: Buffer; mediaType: string }>): ArchiveImage[] {
  const byName = new Map<string, ArchiveImage[]>();
  for (const r of roots) {
    for (const n of r.names) {
      const list = byName.get(n) ?? [];
      if (!list.some((x) => x.descriptor.digest === r.descriptor.digest)) list.push(r);
      byName.set(n, list);
    }
  }
  const out = roots.map((r) => ({ ...r, names: [...r.names] }));
  for (const [name, list] of byName) {
    if (list.length < 2) continue;
    if (!list.every((r) => r.descriptor.platform !== undefined && r.descriptor.mediaType !== MediaType.OciIndex && r.descriptor.mediaType !== MediaType.DockerManifestList)) continue;
    const children = [...list]
      .map((r) => r.descriptor)
      .sort((x, y) => formatPlatform(x.platform).localeCompare(formatPlatform(y.platform)) || x.digest.localeCompare(y.digest))
      .map((d) => ({ mediaType: d.mediaType, digest: d.digest, size: d.size, platform: d.platform }));
    const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: children }), 'utf8');
    const digest = sha256(bytes);
    synthesized.set(digest, { bytes, mediaType: MediaType.OciIndex });
    for (const r of out) {
      if (!list.some((x) => x.descriptor.digest === r.descriptor.digest)) continue;
      r.names = r.names.filter((n) => n !== name);
      if (r.names.length === 0) r.merged = true;
    }
    out.push({ names: [name], tags: [], raw: [], descriptor: { mediaType: MediaType.OciIndex, digest, size: bytes.length } });
  }
  return out;
}
