/**
 * What a published package holds, for the comparison: its zarf.yaml, the digest of every image (from
 * images/index.json), every file of every component tar with its sha256 (the tars are read as a
 * stream and hashed entry by entry; nothing is kept but the few `.git` files that tell the commit of
 * each packaged repository clone), and the bytes of its images and of its
 * component content. Image blobs are never read: their sizes come from the package manifest's layer
 * descriptors, or from the tar headers of a local package file.
 *
 * From a registry: the tag's index, this architecture's manifest, then the zarf.yaml,
 * images/index.json and components/*.tar layers. A tag that does not exist (or has no package for
 * this architecture) is "nothing published". From a local package file (`.tar.zst` or `.tar`): one
 * pass over the file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { LadingError } from '../errors.js';
import { BlobStore } from '../oci/blobstore.js';
import type { RegistryClient } from '../oci/client.js';
import type { Digest } from '../oci/digest.js';
import { OciError } from '../oci/errors.js';
import { isIndexMediaType } from '../oci/mediatypes.js';
import { fetchBlobBytes, pushScopes } from '../oci/push.js';
import { repositoryScope } from '../oci/auth.js';
import { Reference } from '../oci/reference.js';
import { parseManifest, type Descriptor } from '../oci/types.js';
import { builtDefinition } from '../package/built-definition.js';
import { ANNOTATION_BASE_NAME, ANNOTATION_REF_NAME } from '../package/layout.js';
import { ANNOTATION_TITLE, MULTI_OS } from '../package/publish-layout.js';
import { entryBytes, openPackageFile, type PackageFile } from '../sources/package-file.js';
import { linkFingerprint } from './link-fingerprint.js';
import { GIT_META, publishedRepoCommits } from './repo-commits.js';

export interface PublishedFile {
  sha256: string;
  size: number;
}

export interface PublishedPackage {
  /** As shown: `host/repo/name:tag` or the file's path. */
  where: string;
  /** The package manifest for this architecture (registry only). */
  digest?: Digest;
  zarfYaml: string;
  /** The v1alpha1 document of zarf.yaml. */
  definition: Record<string, unknown>;
  /** Image reference (normalized, as in images/index.json) -> its root digest. */
  images: Map<string, Digest>;
  /** Component name -> path in its folder -> content. */
  components: Map<string, Map<string, PublishedFile>>;
  /** Component name -> repository folder (`<repo>-<crc32>`) -> the commit its packaged clone has checked out. */
  repoCommits: Map<string, Map<string, string>>;
  /** Bytes of every image blob (manifests, configs, layers), and of every component tar's files. */
  imageBytes: number;
  contentBytes: number;
}

const SMALL = 16 * 1024 * 1024;

/**
 * Reads a component tar (a stream) into path -> {sha256, size}, the top folder `<component>/`
 * stripped; the small `.git` files of packaged clones that tell their commit are kept in `gitMeta`.
 */
async function readComponentTar(stream: Readable, into: Map<string, PublishedFile>, gitMeta: Map<string, string>): Promise<void> {
  const extract = tar.extract();
  const done = (async () => {
    for await (const entry of extract) {
      const h = entry.header;
      const name = h.name.replace(/^\.\//, '');
      const slash = name.indexOf('/');
      const inside = slash > 0 ? name.slice(slash + 1) : '';
      if (h.type === 'symlink' && slash > 0) {
        into.set(inside, { sha256: linkFingerprint(h.linkname ?? ''), size: 0 });
        entry.resume();
        continue;
      }
      if (h.type !== 'file' && h.type !== 'contiguous-file') {
        entry.resume();
        continue;
      }
      const keep: Buffer[] | undefined = GIT_META.test(inside) && (h.size ?? 0) <= SMALL ? [] : undefined;
      const hash = createHash('sha256');
      let size = 0;
      for await (const c of entry) {
        hash.update(c as Buffer);
        size += (c as Buffer).length;
        keep?.push(c as Buffer);
      }
      if (keep !== undefined) gitMeta.set(inside, Buffer.concat(keep).toString('utf8'));
      if (slash > 0) into.set(inside, { sha256: hash.digest('hex'), size });
    }
  })();
  await Promise.all([pipeline(stream, extract), done]);
}

function imagesOf(indexJson: Buffer, where: string): Map<string, Digest> {
  let index: { manifests?: Descriptor[] };
  try {
    index = JSON.parse(indexJson.toString('utf8')) as { manifests?: Descriptor[] };
  } catch {
    throw new LadingError(`${where}: images/index.json is not JSON`, { hint: 'the package is damaged; publish it again' });
  }
  const out = new Map<string, Digest>();
  for (const m of index.manifests ?? []) {
    const name = m.annotations?.[ANNOTATION_BASE_NAME] ?? m.annotations?.[ANNOTATION_REF_NAME];
    if (typeof name !== 'string') continue;
    let key = name;
    try {
      key = Reference.parse(name).toString();
    } catch {
      // kept as written
    }
    out.set(key, m.digest);
  }
  return out;
}

/**
 * The package published at `ref` for `architecture`, or undefined when there is none (no tag, or the
 * tag has no package for this architecture). `push` asks for the push scope (the publish target: the
 * same token serves the publish that may follow).
 */
export async function readPublishedPackage(client: RegistryClient, ref: Reference, architecture: string, workDir: string, push: boolean): Promise<PublishedPackage | undefined> {
  const scopes = push ? pushScopes(ref.repository) : [repositoryScope(ref.repository, ['pull'])];
  const where = ref.toString();
  let top;
  try {
    top = await client.getManifest(ref, ref.selector, scopes);
  } catch (e) {
    if (e instanceof OciError && (e.status === 404 || e.code === 'NOT_FOUND')) return undefined;
    throw e;
  }
  let manifestBytes = top.bytes;
  let digest = top.digest;
  if (isIndexMediaType(top.mediaType)) {
    const parsed = parseManifest(top.bytes, top.mediaType, where);
    if (parsed.kind !== 'index') return undefined;
    const entries = parsed.index.manifests;
    const entry = entries.find((e) => e.platform?.architecture === architecture && e.platform.os === MULTI_OS) ?? entries.find((e) => e.platform?.architecture === architecture);
    if (entry === undefined) return undefined;
    const m = await client.getManifest(ref, entry.digest, scopes);
    manifestBytes = m.bytes;
    digest = m.digest;
  }
  const parsed = parseManifest(manifestBytes, undefined, where);
  if (parsed.kind !== 'manifest') throw new LadingError(`${where} is an index of indexes, not a package`, { hint: 'compare with a package published by Lading or zarf package publish' });
  const byTitle = new Map<string, Descriptor>();
  let imageBytes = 0;
  for (const l of parsed.manifest.layers) {
    const title = l.annotations?.[ANNOTATION_TITLE];
    if (title === undefined) continue;
    byTitle.set(title, l);
    if (title.startsWith('images/blobs/')) imageBytes += l.size;
  }
  const zl = byTitle.get('zarf.yaml');
  if (zl === undefined) throw new LadingError(`${where} is not a Zarf package: it has no zarf.yaml layer`, { hint: 'compare with a package published by Lading or zarf package publish' });
  const zarfYaml = (await fetchBlobBytes(client, ref, zl, SMALL, scopes)).toString('utf8');
  const il = byTitle.get('images/index.json');
  const images = il !== undefined ? imagesOf(await fetchBlobBytes(client, ref, il, SMALL, scopes), where) : new Map<string, Digest>();
  const components = new Map<string, Map<string, PublishedFile>>();
  const repoCommits = new Map<string, Map<string, string>>();
  let contentBytes = 0;
  const store = new BlobStore(path.join(workDir, `published-${randomBytes(4).toString('hex')}`));
  await store.init();
  try {
    for (const [title, l] of byTitle) {
      const m = /^components\/(.+)\.tar$/.exec(title);
      if (m === null) continue;
      await client.fetchBlob(ref, l, store);
      const files = new Map<string, PublishedFile>();
      const gitMeta = new Map<string, string>();
      await readComponentTar(createReadStream(store.path(l.digest)), files, gitMeta);
      components.set(m[1] as string, files);
      repoCommits.set(m[1] as string, publishedRepoCommits(gitMeta));
      for (const f of files.values()) contentBytes += f.size;
      await rm(store.path(l.digest), { force: true });
    }
  } finally {
    await rm(store.root, { recursive: true, force: true });
  }
  return { where, digest, zarfYaml, definition: builtDefinition(zarfYaml), images, components, repoCommits, imageBytes, contentBytes };
}

/** A local package file (`.tar.zst` or `.tar`), read in one pass. */
export async function readPackageFile(file: string, shown: string): Promise<PublishedPackage> {
  let pkg: PackageFile;
  try {
    pkg = await openPackageFile(file);
  } catch (e) {
    throw new LadingError(`input compare: cannot read ${shown}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, {
      hint: 'give the path of a package file (zarf-package-….tar.zst) relative to the workspace, or an oci:// reference'
    });
  }
  let zarfYaml: string | undefined;
  let indexJson: Buffer | undefined;
  let imageBytes = 0;
  let contentBytes = 0;
  const components = new Map<string, Map<string, PublishedFile>>();
  const repoCommits = new Map<string, Map<string, string>>();
  const limit = { bytes: SMALL, tooBig: () => new LadingError(`${shown}: a metadata file of the package is over 16 MiB`, { hint: 'compare with a Zarf package file' }) };
  try {
    await pkg.entries(async ({ name, header, stream }) => {
      const comp = /^components\/(.+)\.tar$/.exec(name);
      if (name === 'zarf.yaml') zarfYaml = (await entryBytes(stream, limit)).toString('utf8');
      else if (name === 'images/index.json') indexJson = await entryBytes(stream, limit);
      else if (comp !== null) {
        const files = new Map<string, PublishedFile>();
        const gitMeta = new Map<string, string>();
        await readComponentTar(stream, files, gitMeta);
        components.set(comp[1] as string, files);
        repoCommits.set(comp[1] as string, publishedRepoCommits(gitMeta));
        for (const f of files.values()) contentBytes += f.size;
      } else if (name.startsWith('images/blobs/')) imageBytes += header.size ?? 0;
    });
  } catch (e) {
    if (e instanceof LadingError) throw e;
    throw new LadingError(`input compare: ${shown} is not a readable package file: ${(e as Error).message}`, { hint: 'give a package file built by Lading or zarf package create (multi-part packages are not read)' });
  }
  if (zarfYaml === undefined) throw new LadingError(`input compare: ${shown} is not a Zarf package: it has no zarf.yaml`, { hint: 'give a package file built by Lading or zarf package create' });
  return { where: shown, zarfYaml, definition: builtDefinition(zarfYaml), images: indexJson !== undefined ? imagesOf(indexJson, shown) : new Map(), components, repoCommits, imageBytes, contentBytes };
}
