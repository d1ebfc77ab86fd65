import { Digester, isDigest, sha256, type Digest } from '../oci/digest.js';
import { OciError } from '../oci/errors.js';
import { MediaType } from '../oci/mediatypes.js';
import type { Descriptor, Platform } from '../oci/types.js';
import { normalizeEntryName, readSmall, sniffCompression, type ArchiveFiles } from './archive-files.js';

/** Configs of real images are a few KB; this is a sanity cap for reading them into memory. */
const MAX_CONFIG = 16 << 20;
const MAX_MANIFEST_JSON = 16 << 20;

/** One image of a classic `docker save` tar, turned into an OCI manifest. */
export interface DockerSaveImage {
  /** RepoTags as written in manifest.json. */
  repoTags: string[];
  /** The synthesized manifest: compact JSON, deterministic for a given archive. */
  manifest: Buffer;
  descriptor: Descriptor;
  /** Where each blob (config, layers) lives in the archive, by digest. */
  blobs: Map<Digest, string>;
}

interface ManifestJsonItem {
  Config: string;
  RepoTags: string[];
  Layers: string[];
}

function malformed(archive: string, why: string): OciError {
  return new OciError(`image archive ${archive}: manifest.json ${why}`, {
    hint: 'the docker save archive is malformed; save the image again (docker save -o image.tar <image>)',
    code: 'ARCHIVE_INVALID'
  });
}

function parseManifestJson(bytes: Buffer, archive: string): ManifestJsonItem[] {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw malformed(archive, 'is not valid JSON');
  }
  if (!Array.isArray(json)) throw malformed(archive, 'is not a JSON array');
  return json.map((raw: unknown, i): ManifestJsonItem => {
    const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const { Config, RepoTags, Layers } = item;
    if (typeof Config !== 'string') throw malformed(archive, `entry ${i} has no Config`);
    if (!Array.isArray(Layers) || !Layers.every((l) => typeof l === 'string')) throw malformed(archive, `entry ${i} has no Layers list`);
    const tags = Array.isArray(RepoTags) ? RepoTags.filter((t): t is string => typeof t === 'string') : [];
    return { Config, RepoTags: tags, Layers: Layers as string[] };
  });
}

function safeName(archive: string, raw: string): string {
  const n = normalizeEntryName(raw);
  if (n === undefined || n === '') {
    throw new OciError(`image archive ${archive}: manifest.json names an unsafe path "${raw.slice(0, 120)}"`, {
      hint: 'the archive is malformed or malicious; save the image again',
      code: 'ARCHIVE_UNSAFE_PATH'
    });
  }
  return n;
}

async function hashEntry(files: ArchiveFiles, name: string): Promise<Digest> {
  const h = new Digester('sha256');
  for await (const chunk of await files.stream(name)) h.update(chunk as Buffer);
  return h.digest();
}

async function head(files: ArchiveFiles, name: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await files.stream(name, 0, 6)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const LAYER_MEDIA_TYPE = { none: MediaType.OciLayer, gzip: MediaType.OciLayerGzip, zstd: MediaType.OciLayerZstd } as const;

/**
 * Reads a classic `docker save` archive (manifest.json with Config, RepoTags, Layers) and synthesizes
 * one OCI image manifest per image. Layers keep their exact bytes: an uncompressed layer gets the
 * media type `application/vnd.oci.image.layer.v1.tar`, and its digest is the config's diff_id (which
 * is the sha256 of the uncompressed layer); it is verified when the layer is copied. A layer with no
 * matching diff_id, or a compressed one not named by its digest, is hashed here. The config digest is
 * the sha256 of the config file's bytes, never the image ID.
 */
export async function readDockerSave(files: ArchiveFiles, archive: string): Promise<DockerSaveImage[]> {
  const bytes = await readSmall(files, 'manifest.json', MAX_MANIFEST_JSON, `image archive ${archive}: manifest.json`);
  if (bytes === undefined) throw malformed(archive, 'is missing');
  const items = parseManifestJson(bytes, archive);
  const images: DockerSaveImage[] = [];
  for (const item of items) {
    const blobs = new Map<Digest, string>();
    const configName = safeName(archive, item.Config);
    const config = await readSmall(files, configName, MAX_CONFIG, `image archive ${archive}: config ${configName}`);
    if (config === undefined) throw malformed(archive, `names the config ${configName}, which is not in the archive`);
    const configDigest = sha256(config);
    blobs.set(configDigest, configName);
    const cfg = parseConfig(config);
    const layers: Descriptor[] = [];
    for (const [i, raw] of item.Layers.entries()) {
      const name = safeName(archive, raw);
      const size = await files.size(name);
      if (size === undefined) throw malformed(archive, `names the layer ${name}, which is not in the archive`);
      const compression = sniffCompression(await head(files, name));
      if (compression !== 'none' && compression !== 'gzip' && compression !== 'zstd') {
        throw new OciError(`image archive ${archive}: layer ${name} is ${compression}-compressed, which OCI layers cannot be`, {
          hint: 'save the image again with docker save',
          code: 'ARCHIVE_UNSUPPORTED'
        });
      }
      let digest: Digest | undefined;
      const diffId = cfg.diffIds.length === item.Layers.length ? cfg.diffIds[i] : undefined;
      if (compression === 'none' && diffId !== undefined && isDigest(diffId)) digest = diffId;
      const named = /^blobs\/(sha256)\/([0-9a-f]{64})$/.exec(name);
      if (digest === undefined && named !== null) digest = `sha256:${named[2]}`;
      digest ??= await hashEntry(files, name);
      blobs.set(digest, name);
      layers.push({ mediaType: LAYER_MEDIA_TYPE[compression], digest, size });
    }
    // Key order is fixed, so the same archive always yields the same bytes and digest.
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.OciManifest,
        config: { mediaType: MediaType.OciConfig, digest: configDigest, size: config.length },
        layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size }))
      }),
      'utf8'
    );
    const descriptor: Descriptor = { mediaType: MediaType.OciManifest, digest: sha256(manifest), size: manifest.length };
    if (cfg.platform !== undefined) descriptor.platform = cfg.platform;
    images.push({ repoTags: item.RepoTags, manifest, descriptor, blobs });
  }
  return images;
}

function parseConfig(bytes: Buffer): { diffIds: string[]; platform: Platform | undefined } {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { diffIds: [], platform: undefined };
  }
  const c = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const rootfs = (typeof c.rootfs === 'object' && c.rootfs !== null ? c.rootfs : {}) as Record<string, unknown>;
  const diffIds = Array.isArray(rootfs.diff_ids) ? rootfs.diff_ids.filter((d): d is string => typeof d === 'string') : [];
  let platform: Platform | undefined;
  if (typeof c.os === 'string' && typeof c.architecture === 'string' && c.os !== '' && c.architecture !== '') {
    platform = { os: c.os, architecture: c.architecture };
    if (typeof c.variant === 'string' && c.variant !== '') platform.variant = c.variant;
    if (typeof c['os.version'] === 'string' && c['os.version'] !== '') platform['os.version'] = c['os.version'];
  }
  return { diffIds, platform };
}
