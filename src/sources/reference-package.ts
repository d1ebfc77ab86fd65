/**
 * Reading the reference package of a differential build (the `differential` input): a package file
 * (`.tar.zst` or `.tar`, streamed once, nothing written to disk) or a published package
 * (`oci://<registry>/<repo>/<name>:<tag>`, this architecture's manifest; only zarf.yaml, and later the
 * image manifests, are downloaded). What it gives: the reference's zarf.yaml documents, and the
 * distinct blobs (digest -> size) of the images it holds, for what the differential saved.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { LadingError } from '../errors.js';
import type { RegistryClient } from '../oci/client.js';
import { OciError } from '../oci/errors.js';
import { isIndexMediaType } from '../oci/mediatypes.js';
import { fetchBlobBytes } from '../oci/push.js';
import { Reference } from '../oci/reference.js';
import { parseManifest, type Descriptor } from '../oci/types.js';
import { CHECKSUMS_TXT, ZARF_YAML, sha256Hex } from '../package/checksums.js';
import { ANNOTATION_BASE_NAME, ANNOTATION_REF_NAME } from '../package/layout.js';
import { ANNOTATION_TITLE, MULTI_OS } from '../package/publish-layout.js';
import { aggregateChecksumOf } from '../publish/verify.js';
import { entryBytes, openPackageFile } from './package-file.js';

type Doc = Record<string, unknown>;

export interface ReferencePackage {
  /** How it is named in messages: the path as given, or the oci:// reference. */
  what: string;
  zarfYaml: string;
  /** The documents of its zarf.yaml (v1alpha1, and v1beta1 when it was written from one). */
  docs: Doc[];
  /**
   * The distinct blobs (digest -> size: manifests, configs, layers) of these images (references as
   * written in zarf.yaml) in the reference; images it does not hold add nothing.
   */
  imageBlobs(images: readonly string[]): Promise<Map<string, number>>;
}

export interface OpenReferenceOptions {
  client: RegistryClient;
  /** Relative file paths resolve from here. */
  workspace: string;
  architecture: string;
  signal?: AbortSignal;
}

const SMALL = 16 * 1024 * 1024;
/** Blobs up to this size are kept while a package file streams by, in case they are image manifests. */
const MANIFEST_MAX = 4 * 1024 * 1024;
const IMAGES_INDEX = 'images/index.json';
const HINT = 'set differential to the earlier package file (zarf-package-….tar.zst, relative to the workspace) or its oci://<registry>/<repository>/<name>:<version> reference';

function parseDocs(text: string, what: string): Doc[] {
  const docs = YAML.parseAllDocuments(text);
  const out: Doc[] = [];
  for (const d of Array.isArray(docs) ? docs : [docs]) {
    const err = d.errors[0];
    if (err !== undefined) throw new LadingError(`the ${ZARF_YAML} of the reference package ${what} is not valid YAML: ${err.message.split('\n')[0] ?? ''}`, { hint: HINT });
    const v: unknown = d.toJS({ maxAliasCount: -1 });
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) out.push(v as Doc);
  }
  if (out.length === 0) throw new LadingError(`the ${ZARF_YAML} of the reference package ${what} holds no package definition`, { hint: HINT });
  return out;
}

function checkAggregate(zarfYaml: string, checksums: Buffer | undefined, what: string): void {
  const aggregate = aggregateChecksumOf(zarfYaml);
  if (checksums !== undefined && aggregate !== undefined && aggregate !== sha256Hex(checksums)) {
    throw new LadingError(`the reference package ${what}: ${CHECKSUMS_TXT} does not match the aggregateChecksum in ${ZARF_YAML}`, { hint: 'the reference package is damaged; build or publish it again' });
  }
}

/**
 * Walks images/index.json from the entries of `images` down to every blob, asking `manifest` for the
 * bytes of manifests and indexes. Sizes come from the descriptors.
 */
async function walkImages(indexJson: Buffer | undefined, images: readonly string[], manifest: (d: Descriptor) => Promise<Buffer | undefined>): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (indexJson === undefined || images.length === 0) return out;
  let entries: Descriptor[];
  try {
    entries = (JSON.parse(indexJson.toString('utf8')) as { manifests?: Descriptor[] }).manifests ?? [];
  } catch {
    return out;
  }
  const walk = async (d: Descriptor): Promise<void> => {
    if (out.has(d.digest)) return;
    out.set(d.digest, d.size);
    if (!/manifest|index/.test(d.mediaType)) return;
    const bytes = await manifest(d);
    if (bytes === undefined) return;
    const parsed = parseManifest(bytes, d.mediaType, d.digest);
    if (parsed.kind === 'index') for (const child of parsed.index.manifests) await walk(child);
    else for (const b of [parsed.manifest.config, ...parsed.manifest.layers]) if (!out.has(b.digest)) out.set(b.digest, b.size);
  };
  for (const image of images) {
    let wanted: string;
    try {
      wanted = Reference.parse(image).toString();
    } catch {
      continue;
    }
    const entry = entries.find((e) => e.annotations?.[ANNOTATION_BASE_NAME] === wanted || e.annotations?.[ANNOTATION_REF_NAME] === wanted);
    if (entry !== undefined) await walk(entry);
  }
  return out;
}

/** Opens the reference package named by the `differential` input. */
export async function openReferencePackage(input: string, opts: OpenReferenceOptions): Promise<ReferencePackage> {
  if (/^oci:\/\//i.test(input)) return openPublished(input, opts);
  return openFile(input, opts);
}

/** A package file: one pass through the tar keeps zarf.yaml, checksums.txt, images/index.json and the small JSON blobs. */
async function openFile(input: string, opts: OpenReferenceOptions): Promise<ReferencePackage> {
  const file = path.resolve(opts.workspace, input);
  const what = input;
  const st = await stat(file).catch((e: NodeJS.ErrnoException) => {
    throw new LadingError(`the reference package ${what} cannot be read: ${e.code ?? e.message}`, { hint: HINT, cause: e });
  });
  if (!st.isFile()) throw new LadingError(`the reference package ${what} is not a file`, { hint: HINT });
  const kept = new Map<string, Buffer>();
  const pkg = await openPackageFile(file);
  try {
    await pkg.entries(async ({ name, header, stream }) => {
      const small = name === ZARF_YAML || name === CHECKSUMS_TXT || name === IMAGES_INDEX || (name.startsWith('images/blobs/') && (header.size ?? 0) <= MANIFEST_MAX);
      if (header.type !== 'file' || !small) return;
      const bytes = await entryBytes(stream);
      // Of the image blobs, only manifests and indexes are needed (JSON with layers or manifests).
      if (!name.startsWith('images/blobs/') || (bytes[0] === 0x7b && /"(layers|manifests)"\s*:/.test(bytes.toString('utf8')))) kept.set(name, bytes);
    }, opts.signal);
  } catch (e) {
    if (opts.signal?.aborted === true) throw new LadingError(`cancelled while reading the reference package ${what}`, { cause: e });
    throw new LadingError(`the reference package ${what} is not a readable package file: ${(e as Error).message}`, { hint: HINT, cause: e });
  }
  const zarf = kept.get(ZARF_YAML);
  if (zarf === undefined) {
    throw new LadingError(`the reference package ${what} has no ${ZARF_YAML}`, { hint: `${HINT}${/\.part\d{3}$/.test(input) ? '; a package split into parts must be joined first (cat its parts after .part000)' : ''}` });
  }
  const zarfYaml = zarf.toString('utf8');
  checkAggregate(zarfYaml, kept.get(CHECKSUMS_TXT), what);
  return {
    what,
    zarfYaml,
    docs: parseDocs(zarfYaml, what),
    imageBlobs: (images) => walkImages(kept.get(IMAGES_INDEX), images, async (d) => kept.get(`images/blobs/${d.digest.replace(':', '/')}`))
  };
}

/** A published package: this architecture's manifest, then zarf.yaml (image manifests only when asked). */
async function openPublished(input: string, opts: OpenReferenceOptions): Promise<ReferencePackage> {
  const { client, architecture } = opts;
  const what = input;
  let ref: Reference;
  try {
    ref = Reference.parse(input.replace(/^oci:\/\//i, ''));
  } catch (e) {
    throw new LadingError(`differential "${input}" is not a valid OCI reference: ${e instanceof OciError ? e.message : String(e)}`, { hint: HINT });
  }
  const wrap = (e: unknown): unknown =>
    e instanceof OciError
      ? new LadingError(`reading the reference package ${what}: ${e.message}`, { hint: e.status === 404 ? `check the repository and tag; ${HINT}` : (e.hint ?? HINT), cause: e })
      : e;
  try {
    const top = await client.getManifest(ref, ref.selector);
    let bytes = top.bytes;
    if (isIndexMediaType(top.mediaType)) {
      const parsed = parseManifest(top.bytes, top.mediaType, what);
      if (parsed.kind !== 'index') throw new LadingError(`the reference package ${what} is not an index`);
      const entries = parsed.index.manifests;
      const entry = entries.find((e) => e.platform?.architecture === architecture && e.platform.os === MULTI_OS) ?? entries.find((e) => e.platform?.architecture === architecture);
      if (entry === undefined) {
        const archs = entries.map((e) => e.platform?.architecture).filter((a) => a !== undefined);
        throw new LadingError(`the reference package ${what} has no ${architecture} package`, { hint: archs.length > 0 ? `it has ${archs.join(', ')}: publish the ${architecture} package first, or build for one of these` : HINT });
      }
      bytes = (await client.getManifest(ref, entry.digest)).bytes;
    }
    const parsed = parseManifest(bytes, undefined, what);
    if (parsed.kind !== 'manifest') throw new LadingError(`the reference package ${what} is an index of indexes, not a package`, { hint: HINT });
    const byTitle = new Map<string, Descriptor>();
    for (const l of parsed.manifest.layers) {
      const title = l.annotations?.[ANNOTATION_TITLE];
      if (title !== undefined) byTitle.set(title, l);
    }
    const zl = byTitle.get(ZARF_YAML);
    if (zl === undefined) throw new LadingError(`the reference package ${what} is not a Zarf package: it has no ${ZARF_YAML} layer`, { hint: HINT });
    const cl = byTitle.get(CHECKSUMS_TXT);
    const [zarf, checksums] = await Promise.all([fetchBlobBytes(client, ref, zl, SMALL), cl !== undefined ? fetchBlobBytes(client, ref, cl, SMALL) : Promise.resolve(undefined)]);
    const zarfYaml = zarf.toString('utf8');
    checkAggregate(zarfYaml, checksums, what);
    const layerBytes = async (title: string): Promise<Buffer | undefined> => {
      const l = byTitle.get(title);
      return l === undefined ? undefined : fetchBlobBytes(client, ref, l, SMALL);
    };
    return {
      what,
      zarfYaml,
      docs: parseDocs(zarfYaml, what),
      imageBlobs: async (images) => {
        try {
          return await walkImages(await layerBytes(IMAGES_INDEX), images, (d) => layerBytes(`images/blobs/${d.digest.replace(':', '/')}`));
        } catch (e) {
          throw wrap(e);
        }
      }
    };
  } catch (e) {
    throw wrap(e);
  }
}
