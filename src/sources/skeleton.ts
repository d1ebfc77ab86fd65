/**
 * Pulling a Zarf skeleton package for a component's `import.url: oci://<registry>/<repo>:<tag>`, the
 * way `zarf package create` does (src/pkg/packager/load/import.go), with Lading's registry client:
 * the tag's index resolved to its `{os: multi, architecture: skeleton}` entry (a tag that names a
 * manifest directly is taken as it is, as Zarf takes it), zarf.yaml and checksums.txt read and
 * verified (layer digests, checksums.txt, zarf.yaml's aggregateChecksum), then each imported
 * component's `components/<name>.tar` extracted on demand, top folder stripped, into Zarf's cache
 * layout `<cache>/oci/dirs/<tar sha256>` (an empty `<cache>/oci/dirs/sha256(url+name)` when the
 * skeleton has no tar for it, i.e. the component has only remote resources).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { LadingError } from '../errors.js';
import { BlobStore } from '../oci/blobstore.js';
import type { RegistryClient } from '../oci/client.js';
import { digestHex } from '../oci/digest.js';
import { OciError } from '../oci/errors.js';
import { isIndexMediaType } from '../oci/mediatypes.js';
import { fetchBlobBytes } from '../oci/push.js';
import { Reference } from '../oci/reference.js';
import { parseManifest, type Descriptor } from '../oci/types.js';
import { CHECKSUMS_TXT, ZARF_YAML, sha256Hex } from '../package/checksums.js';
import { ANNOTATION_TITLE, MULTI_OS } from '../package/publish-layout.js';
import { safeTitle } from '../publish/pull.js';
import { aggregateChecksumOf, checkLayers, parseChecksums } from '../publish/verify.js';
import { extractStripped } from './skeleton-tar.js';

/** The architecture under which Zarf publishes a skeleton in a tag's index. */
export const SKELETON_ARCH = 'skeleton';
/** Signatures are added after checksums.txt is written, so it never lists them. */
const SIGNATURE_TITLES = new Set(['zarf.yaml.sig', 'zarf.bundle.sig']);
const SMALL = 16 * 1024 * 1024;
const OCI_PREFIX = 'oci://';
const HOW_TO_PUBLISH = 'a skeleton is what `zarf package publish <package folder> oci://<registry>/<path>` publishes (a folder, not a built package)';

export interface Skeleton {
  /** The reference as resolved (host/repo:tag) and the manifest digest. */
  reference: string;
  digest: string;
  /** The skeleton's zarf.yaml text (verified against its digest). */
  zarfYaml: string;
  /**
   * The flavor the skeleton was published with: Zarf records it as `build.flavor` and publishes under
   * the tag `<version>-<flavor>` (zoci.ReferenceFromMetadataWithOptions); undefined when none.
   */
  flavor?: string;
  /**
   * Extracts components/<name>.tar (its top folder stripped) into a content-addressed folder under
   * cacheRoot (`<cacheRoot>/oci/dirs/<tar sha256>`), or an empty folder `<cacheRoot>/oci/dirs/
   * sha256(url+name)` when the skeleton has no tar for it; returns the absolute folder. Safe when two
   * imports (or two processes) ask for the same one: extraction goes to a temp folder and is renamed.
   */
  componentDir(name: string): Promise<string>;
}

export interface OpenSkeletonOptions {
  signal?: AbortSignal;
}

/** Extractions running in this process, by destination folder: two imports of one tar share one. */
const inflight = new Map<string, Promise<string>>();

/**
 * The registry reference of an `import.url`. Zarf accepts only `oci://` URLs and hands the rest to
 * oras, which needs a registry host and a tag or digest (no Docker Hub defaults, no implied `latest`).
 */
export function parseSkeletonUrl(url: string): Reference {
  const bad = (why: string): LadingError =>
    new LadingError(`import url "${url}" is not a valid OCI URL: ${why}`, { hint: 'write it as oci://<registry>/<repository>:<tag>, e.g. oci://ghcr.io/acme/packages/common:1.0.0' });
  if (!url.startsWith(OCI_PREFIX)) throw bad(`it does not start with ${OCI_PREFIX}`);
  const rest = url.slice(OCI_PREFIX.length);
  let ref: Reference;
  try {
    ref = Reference.parse(rest);
  } catch (e) {
    throw bad(e instanceof OciError ? e.message.replace(/^invalid image reference "[^"]*": /, '') : String(e));
  }
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash).toLowerCase();
  if (slash < 0 || (ref.registry === 'docker.io' && !['docker.io', 'index.docker.io', 'registry-1.docker.io'].includes(first))) {
    throw bad('it names no registry host');
  }
  const last = rest.slice(rest.lastIndexOf('/') + 1);
  if (!last.includes(':') && !last.includes('@')) throw bad('it names no tag');
  return ref;
}

type Doc = Record<string, unknown>;

function asRecord(v: unknown): Doc | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Doc) : undefined;
}

/** The documents of a skeleton's zarf.yaml (v1alpha1, and a v1beta1 one when Zarf wrote both). */
function parseDocs(text: string, what: string): Doc[] {
  const docs = YAML.parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  const out: Doc[] = [];
  for (const d of list) {
    const err = d.errors[0];
    if (err !== undefined) throw new LadingError(`the ${ZARF_YAML} of ${what} is not valid YAML: ${err.message.split('\n')[0] ?? ''}`, { hint: 'the skeleton is damaged; publish it again' });
    const v = asRecord(d.toJS());
    if (v !== undefined) out.push(v);
  }
  if (out.length === 0) throw new LadingError(`the ${ZARF_YAML} of ${what} holds no package definition`, { hint: 'the skeleton is damaged; publish it again' });
  return out;
}

/** Zarf refuses a skeleton that declares values (files or a schema): import.go, "declares values". */
export function declaresValues(docs: readonly Doc[]): boolean {
  return docs.some((d) => {
    const v = asRecord(d.values);
    if (v === undefined) return false;
    return (Array.isArray(v.files) && v.files.length > 0) || (typeof v.schema === 'string' && v.schema !== '');
  });
}

/** `build.flavor` of the skeleton's definition, when set. */
export function skeletonFlavor(docs: readonly Doc[]): string | undefined {
  for (const d of docs) {
    const f = asRecord(d.build)?.flavor;
    if (typeof f === 'string' && f !== '') return f;
  }
  return undefined;
}

/** An OciError (network, auth, digest) as a LadingError naming the skeleton; anything else unchanged. */
function wrap(e: unknown, url: string): unknown {
  if (e instanceof OciError) return new LadingError(`pulling skeleton ${url}: ${e.message}`, { ...(e.hint !== undefined ? { hint: e.hint } : {}), cause: e });
  if (e instanceof Error && e.name === 'AbortError') return new LadingError(`cancelled while pulling skeleton ${url}`, { cause: e });
  return e;
}

/** Resolves, reads and verifies the skeleton at `url` (`oci://…`); component tars come later, on demand. */
export async function openSkeleton(client: RegistryClient, url: string, cacheRoot: string, opts: OpenSkeletonOptions = {}): Promise<Skeleton> {
  const ref = parseSkeletonUrl(url);
  try {
    return await open(client, url, ref, path.resolve(cacheRoot), opts);
  } catch (e) {
    throw wrap(e, url);
  }
}

async function open(client: RegistryClient, url: string, ref: Reference, cacheRoot: string, opts: OpenSkeletonOptions): Promise<Skeleton> {
  const { signal } = opts;
  const what = `skeleton ${url}`;
  signal?.throwIfAborted();

  // 1. The skeleton manifest: the index's skeleton entry, or the manifest the tag names.
  let top;
  try {
    top = await client.getManifest(ref, ref.selector);
  } catch (e) {
    if (e instanceof OciError && e.status === 404) {
      throw new LadingError(`published skeleton package for ${url} does not exist`, { hint: `check the repository and tag; ${HOW_TO_PUBLISH}`, cause: e });
    }
    throw e;
  }
  let fetched = top;
  if (isIndexMediaType(top.mediaType)) {
    const parsed = parseManifest(top.bytes, top.mediaType, what);
    if (parsed.kind !== 'index') throw new LadingError(`${what} is not an image index`);
    const entries = parsed.index.manifests;
    const entry = entries.find((m) => m.platform?.os === MULTI_OS && m.platform.architecture === SKELETON_ARCH);
    if (entry === undefined) {
      const archs = entries.map((m) => m.platform?.architecture).filter((a): a is string => a !== undefined);
      throw new LadingError(`package at ${url} exists but has not been published as a skeleton`, {
        hint: `its tag holds ${archs.length > 0 ? `only ${archs.join(', ')}` : 'no architectures'}; ${HOW_TO_PUBLISH}`
      });
    }
    signal?.throwIfAborted();
    fetched = await client.getManifest(ref, entry.digest);
  }
  const parsed = parseManifest(fetched.bytes, fetched.mediaType, what);
  if (parsed.kind !== 'manifest') throw new LadingError(`${what}: its skeleton entry is an index, not a package manifest`, { hint: HOW_TO_PUBLISH });
  const layers = parsed.manifest.layers;
  const byTitle = new Map<string, Descriptor>();
  for (const l of layers) {
    const title = l.annotations?.[ANNOTATION_TITLE];
    if (title === undefined) continue;
    if (!safeTitle(title)) throw new LadingError(`${what} has a layer titled "${title.slice(0, 200)}", which is not a path inside a package`, { hint: 'the skeleton may be malicious; it was not imported' });
    byTitle.set(title, l);
  }
  const zl = byTitle.get(ZARF_YAML);
  const cl = byTitle.get(CHECKSUMS_TXT);
  if (zl === undefined || cl === undefined) throw new LadingError(`${what} is not a Zarf package: it has no ${zl === undefined ? ZARF_YAML : CHECKSUMS_TXT} layer`, { hint: HOW_TO_PUBLISH });

  // 2. zarf.yaml and checksums.txt, each against its layer digest; checksums.txt against the
  //    aggregateChecksum; every other layer's digest against checksums.txt.
  signal?.throwIfAborted();
  const [zarfBytes, checksumsBytes] = await Promise.all([fetchBlobBytes(client, ref, zl, SMALL), fetchBlobBytes(client, ref, cl, SMALL)]);
  const zarfYaml = zarfBytes.toString('utf8');
  const docs = parseDocs(zarfYaml, what);
  const aggregate = aggregateChecksumOf(zarfYaml);
  if (aggregate !== undefined && aggregate !== sha256Hex(checksumsBytes)) {
    throw new LadingError(`${what}: ${CHECKSUMS_TXT} does not match the aggregateChecksum in ${ZARF_YAML}`, { hint: 'the published skeleton is damaged or was altered; publish it again' });
  }
  const checksums = parseChecksums(checksumsBytes.toString('utf8'), `${CHECKSUMS_TXT} of ${what}`);
  const problems = checkLayers(
    layers.filter((l) => !SIGNATURE_TITLES.has(l.annotations?.[ANNOTATION_TITLE] ?? '')),
    checksums,
    true
  );
  if (problems.length > 0) {
    throw new LadingError(`${what} does not verify: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, {
      hint: 'the published skeleton is damaged or was altered; publish it again',
      details: problems.map((p) => `- ${p}`).join('\n')
    });
  }

  // 3. What Zarf refuses in a skeleton it imports.
  if (declaresValues(docs)) {
    throw new LadingError(`imported skeleton ${url} declares values which are not yet supported`, {
      hint: 'Zarf does not import values from a skeleton: import the package by path, or move its values into the importing zarf.yaml'
    });
  }

  const ociDir = path.join(cacheRoot, 'oci');
  const componentDir = async (name: string): Promise<string> => {
    const layer = byTitle.get(`components/${name}.tar`);
    if (layer === undefined) {
      // Every resource of the component is remote: Zarf represents it by an empty folder.
      const dir = path.join(ociDir, 'dirs', sha256Hex(url + name));
      await mkdir(dir, { recursive: true });
      return dir;
    }
    const dir = path.join(ociDir, 'dirs', digestHex(layer.digest));
    let running = inflight.get(dir);
    if (running === undefined) {
      running = extractComponent(client, ref, layer, ociDir, dir, `components/${name}.tar of ${what}`, signal).finally(() => inflight.delete(dir));
      inflight.set(dir, running);
    }
    try {
      return await running;
    } catch (e) {
      throw wrap(e, url);
    }
  };

  const flavor = skeletonFlavor(docs);
  return {
    reference: ref.toString(),
    digest: fetched.digest,
    zarfYaml,
    ...(flavor !== undefined ? { flavor } : {}),
    componentDir
  };
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false
  );
}

/** Downloads (or finds in the cache) the tar and extracts it to `dir` through a temp folder and a rename. */
async function extractComponent(client: RegistryClient, ref: Reference, layer: Descriptor, ociDir: string, dir: string, what: string, signal: AbortSignal | undefined): Promise<string> {
  if (await exists(dir)) return dir; // renamed into place only once complete
  signal?.throwIfAborted();
  const store = new BlobStore(ociDir);
  await store.init();
  const { fetched } = await client.fetchBlob(ref, layer, store);
  // A blob found in the cache is checked before use (verify removes it when damaged), then fetched again.
  if (!fetched && !(await store.verify(layer.digest, layer.size))) await client.fetchBlob(ref, layer, store);
  const parent = path.dirname(dir);
  await mkdir(parent, { recursive: true });
  const tmp = path.join(parent, `.tmp-${digestHex(layer.digest).slice(0, 16)}-${process.pid}-${randomBytes(6).toString('hex')}`);
  await mkdir(tmp);
  try {
    await extractStripped(store.path(layer.digest), tmp, { digest: layer.digest, what, ...(signal !== undefined ? { signal } : {}) });
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  try {
    await rename(tmp, dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    await rm(tmp, { recursive: true, force: true });
    // Another import (or process) extracted the same tar first: its folder has the same content.
    if ((code !== 'EEXIST' && code !== 'ENOTEMPTY') || !(await exists(dir))) throw e;
  }
  return dir;
}
