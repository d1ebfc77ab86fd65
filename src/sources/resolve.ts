import { LadingError, LadingErrors, toLadingErrors, type SourcePosition } from '../errors.js';
import type { BlobStore } from '../oci/blobstore.js';
import type { Digest } from '../oci/digest.js';
import { OciError } from '../oci/errors.js';
import { MediaType } from '../oci/mediatypes.js';
import { formatPlatform, isUnknownPlatform, normalizePlatform, platformMatches, selectPlatform } from '../oci/platform.js';
import type { Reference } from '../oci/reference.js';
import { parseManifest, type Descriptor, type ImageIndex, type Platform } from '../oci/types.js';
import type { ResolvedImage } from '../model.js';
import type { FetchedManifest, ImageSource } from './source.js';
import { formatBytes } from '../report/format.js';

export type IndexDigestPolicy = 'fail' | 'keep';

export interface ImageRequest {
  component: string;
  written: string;
  reference: Reference;
  position?: SourcePosition;
  source: ImageSource;
  /**
   * An artifact that travels as it is (a signature, an attestation, a referrer): an index is kept
   * whole and a manifest is taken without a platform check, whatever the reference names.
   */
  whole?: boolean;
}

/**
 * Runs a task when a slot is free (a p-limit `LimitFunction` is one): all the resolution and the
 * check's planning need of a concurrency limit.
 */
export type Limit = <R>(task: () => PromiseLike<R> | R) => Promise<R>;

export interface ResolveOptions {
  architecture: string;
  indexDigests: IndexDigestPolicy;
  store: BlobStore;
  limit: Limit;
  /**
   * Asked when the top manifest of a reference cannot be read from its source: another source to
   * read the image from (the Docker daemon), or undefined to report the error as it is. It may also
   * throw an error of its own that says more.
   */
  fallback?: (req: ImageRequest, error: unknown) => Promise<ImageSource | undefined>;
  /**
   * The blob cache: whether the store holds a blob, verified (taking it from the cache). Manifests
   * asked for by digest and configs it has are not requested from the source. Unset: always ask.
   */
  cached?: (digest: Digest, size?: number) => Promise<boolean>;
  /**
   * Told of the layers of each image manifest as soon as it is read, before the reference is resolved
   * (its config checked, other references still resolving): the pull may start them at once.
   */
  onLayers?: (source: ImageSource, reference: Reference, layers: readonly Descriptor[]) => void;
}

export interface Resolved {
  image: ResolvedImage;
  /** Where the content is read from (the request's source, or the fallback's). */
  source: ImageSource;
  /** What the reference itself names: for a tag of an index, the index (signatures may point at it). */
  top: Descriptor;
}

/** One row of the platform table shown for an index digest. */
export interface PlatformRow {
  platform: string;
  os: string;
  architecture: string;
  variant: string;
  digest: Digest;
  size: number;
  mediaType: string;
  matches: boolean;
  /** e.g. "attestation for sha256:..." */
  note: string;
}

const IMAGE_CONFIGS = new Set<string>([MediaType.OciConfig, MediaType.DockerConfig]);

export function platformRows(index: ImageIndex, architecture: string): PlatformRow[] {
  const want: Platform = { os: 'linux', architecture };
  const chosen = selectPlatform(index.manifests, want);
  return index.manifests.map((d) => {
    const p = d.platform;
    const refType = d.annotations?.['vnd.docker.reference.type'];
    const refDigest = d.annotations?.['vnd.docker.reference.digest'];
    let note = '';
    if (refType === 'attestation-manifest') note = `attestation${refDigest !== undefined ? ` for ${refDigest.slice(0, 19)}…` : ''}`;
    else if (isUnknownPlatform(p)) note = d.artifactType !== undefined ? `artifact (${d.artifactType})` : 'not a platform image';
    else if (d === chosen) note = `package architecture (linux/${architecture})`;
    return {
      platform: formatPlatform(p),
      os: p?.os ?? 'unknown',
      architecture: p?.architecture ?? 'unknown',
      variant: p?.variant ?? '',
      digest: d.digest,
      size: d.size,
      mediaType: d.mediaType,
      matches: d === chosen,
      note
    };
  });
}

function pasteable(req: ImageRequest, digest: Digest): string {
  const indexDigest = req.reference.digest;
  if (indexDigest !== undefined && req.written.includes(indexDigest)) return req.written.replace(indexDigest, digest);
  return `${req.reference.name}@${digest}`;
}

function indexDigestError(req: ImageRequest, index: ImageIndex, architecture: string): LadingError {
  const rows = platformRows(index, architecture);
  const match = rows.find((r) => r.matches);
  const platforms = rows.filter((r) => !isUnknownPlatform({ os: r.os, architecture: r.architecture })).length;
  const message =
    match !== undefined
      ? `"${req.written}" is a multi-platform image index (${platforms} platforms); for linux/${architecture} use ${pasteable(req, match.digest)}`
      : `"${req.written}" is a multi-platform image index (${platforms} platforms) with no linux/${architecture} image`;
  const table = [
    `**\`${req.written}\`** is an image index. Pick the digest for one platform, or set \`index-digests: keep\` to ship every platform.`,
    '',
    '| | os | architecture | variant | digest | size | note |',
    '| --- | --- | --- | --- | --- | ---: | --- |',
    ...rows.map((r) => `| ${r.matches ? '➜' : ''} | ${r.os} | ${r.architecture} | ${r.variant} | \`${r.digest}\` | ${formatBytes(r.size)} | ${r.note} |`)
  ].join('\n');
  return new LadingError(message, {
    hint: 'or set index-digests: keep to ship the whole index; the job summary lists every platform and its digest',
    ...(req.position !== undefined ? { position: req.position } : {}),
    details: table
  });
}

class Collector {
  readonly blobs = new Map<string, Descriptor>();
  add(d: Descriptor): void {
    if (!this.blobs.has(d.digest)) this.blobs.set(d.digest, { mediaType: d.mediaType, digest: d.digest, size: d.size });
  }
}

/**
 * Resolves every image: a tag to the manifest for linux/<architecture>, a platform digest as is, an
 * index digest fails (or, with `keep`, travels whole). Manifests are stored in `store` as they are
 * read; configs and layers are listed for the pull stage. All problems are reported together.
 */
export async function resolveImages(requests: readonly ImageRequest[], opts: ResolveOptions): Promise<Resolved[]> {
  const results = await Promise.allSettled(requests.map((r) => resolveOne(r, opts)));
  const errors: LadingError[] = [];
  const out: Resolved[] = [];
  results.forEach((r, i) => {
    const req = requests[i] as ImageRequest;
    if (r.status === 'fulfilled') out.push(r.value);
    else {
      for (const e of toLadingErrors(r.reason, req.position)) {
        errors.push(e.position !== undefined || req.position === undefined ? e : new LadingError(e.message, { ...(e.hint !== undefined ? { hint: e.hint } : {}), position: req.position }));
      }
    }
  });
  if (errors.length > 0) throw new LadingErrors(errors);
  return out;
}

async function resolveOne(req: ImageRequest, opts: ResolveOptions): Promise<Resolved> {
  const ref = req.reference;
  let source = req.source;
  let top: FetchedManifest;
  const stored = ref.digest !== undefined ? await storedManifest(opts, ref.digest) : undefined;
  try {
    top = stored ?? (await opts.limit(() => source.getManifest(ref, ref.selector)));
  } catch (e) {
    const other = opts.fallback !== undefined ? await opts.fallback(req, e) : undefined;
    if (other === undefined) throw e;
    source = other;
    top = await opts.limit(() => other.getManifest(ref, ref.selector));
  }
  const image = await resolveFrom(req, source, top, opts);
  return { image, source, top: { mediaType: top.mediaType, digest: top.digest, size: top.bytes.length } };
}

async function resolveFrom(req: ImageRequest, source: ImageSource, top: FetchedManifest, opts: ResolveOptions): Promise<ResolvedImage> {
  const ref = req.reference;
  const want: Platform = { os: 'linux', architecture: opts.architecture };
  const parsed = parseManifest(top.bytes, top.mediaType, ref.original);
  await opts.store.writeBytes(top.bytes, top.digest);
  const collector = new Collector();
  const rootBase: Descriptor = { mediaType: parsed.mediaType, digest: top.digest, size: top.bytes.length };

  const collectManifest = async (desc: Descriptor, depth: number): Promise<void> => {
    if (depth > 4) throw new OciError(`${ref.original}: image indexes nest too deeply`, { code: 'BAD_MANIFEST' });
    const m = (await storedManifest(opts, desc.digest, desc.size, desc.mediaType)) ?? (await opts.limit(() => source.getManifest(ref, desc.digest)));
    if (m.bytes.length !== desc.size) {
      throw new OciError(`${ref.original}: manifest ${desc.digest} is ${m.bytes.length} bytes but its descriptor says ${desc.size}`, { code: 'SIZE_MISMATCH' });
    }
    await opts.store.writeBytes(m.bytes, desc.digest);
    const p = parseManifest(m.bytes, m.mediaType || desc.mediaType, `${ref.original} (${desc.digest})`);
    collector.add(desc);
    if (p.kind === 'index') {
      for (const child of p.index.manifests) await collectManifest(child, depth + 1);
    } else {
      opts.onLayers?.(source, ref, p.manifest.layers);
      collector.add(p.manifest.config);
      for (const l of p.manifest.layers) collector.add(l);
    }
  };

  if (parsed.kind === 'index') {
    if (ref.digest !== undefined || req.whole === true) {
      if (opts.indexDigests === 'fail' && req.whole !== true) throw indexDigestError(req, parsed.index, opts.architecture);
      collector.add(rootBase);
      for (const child of parsed.index.manifests) await collectManifest(child, 1);
      return finish(req, source, { ...rootBase }, collector, true);
    }
    const pick = selectPlatform(parsed.index.manifests, want);
    if (pick === undefined) {
      const have = parsed.index.manifests.filter((d) => !isUnknownPlatform(d.platform)).map((d) => formatPlatform(d.platform));
      throw new LadingError(`"${req.written}" has no image for linux/${opts.architecture}; it has ${have.length > 0 ? have.join(', ') : 'no platform images'}`, {
        hint: 'choose another tag or set the architecture input to one of those',
        ...(req.position !== undefined ? { position: req.position } : {})
      });
    }
    await collectManifest(pick, 1);
    const platform = normalizePlatform(pick.platform as Platform);
    return finish(req, source, { mediaType: pick.mediaType, digest: pick.digest, size: pick.size, platform }, collector, false);
  }

  // A single manifest (image, or an artifact such as a Helm chart or a signature).
  opts.onLayers?.(source, ref, parsed.manifest.layers);
  collector.add(rootBase);
  collector.add(parsed.manifest.config);
  for (const l of parsed.manifest.layers) collector.add(l);
  const root: Descriptor = { ...rootBase };
  const config = parsed.manifest.config;
  if (IMAGE_CONFIGS.has(config.mediaType) && req.whole !== true) {
    if (opts.cached === undefined || !(await opts.cached(config.digest, config.size))) await opts.limit(() => source.fetchBlob(ref, config, opts.store));
    const cfg = JSON.parse((await opts.store.readBytes(config.digest)).toString('utf8')) as { os?: string; architecture?: string; variant?: string };
    if (typeof cfg.os === 'string' && cfg.os !== '' && typeof cfg.architecture === 'string' && cfg.architecture !== '') {
      const platform = normalizePlatform({ os: cfg.os, architecture: cfg.architecture, ...(typeof cfg.variant === 'string' ? { variant: cfg.variant } : {}) });
      root.platform = platform;
      if (ref.digest === undefined && !platformMatches(platform, want)) {
        throw new LadingError(`"${req.written}" is a single-platform image for ${formatPlatform(platform)}, not linux/${opts.architecture}`, {
          hint: `use a tag or digest that has a linux/${opts.architecture} image, or pin this one by digest to ship it anyway`,
          ...(req.position !== undefined ? { position: req.position } : {})
        });
      }
    }
  }
  return finish(req, source, root, collector, false);
}

/** A manifest asked for by digest, from the blob cache when it has it: content-addressed, so no request. */
async function storedManifest(opts: ResolveOptions, digest: Digest, size?: number, mediaType?: string): Promise<FetchedManifest | undefined> {
  if (opts.cached === undefined || !(await opts.cached(digest, size))) return undefined;
  const bytes = await opts.store.readBytes(digest);
  let type = mediaType ?? '';
  try {
    const body = JSON.parse(bytes.toString('utf8')) as { mediaType?: unknown };
    if (typeof body.mediaType === 'string') type = body.mediaType;
  } catch {
    // parseManifest reports malformed bodies with context
  }
  return { bytes, mediaType: type, digest };
}

function finish(req: ImageRequest, source: ImageSource, descriptor: Descriptor, collector: Collector, keptIndex: boolean): ResolvedImage {
  const pulledFrom = source.pulledFrom?.(req.reference);
  return {
    component: req.component,
    written: req.written,
    reference: req.reference,
    ...(req.position !== undefined ? { position: req.position } : {}),
    descriptor,
    blobs: [...collector.blobs.values()],
    source: source.name,
    ...(pulledFrom !== undefined ? { pulledFrom } : {}),
    keptIndex
  };
}
