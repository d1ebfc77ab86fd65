import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BlobStore } from '../oci/blobstore.js';
import { isDigest } from '../oci/digest.js';
import { OciError } from '../oci/errors.js';
import type { Reference } from '../oci/reference.js';
import type { Descriptor, Platform } from '../oci/types.js';
import { formatBytes } from '../report/format.js';
import type { ArchiveSource } from './archive.js';
import { DockerEngine, dockerEndpoint, type DockerEndpoint, type EngineVersion } from './docker-engine.js';
import type { ImageRequest } from './resolve.js';
import type { BlobFetchResult, FetchedManifest, ImageSource } from './source.js';

/** Registry answers that say "not here" or "cannot get there": the image may still be in the daemon. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'NETWORK']);

export type FallbackVerdict = 'fallback' | 'rate-limited' | 'no';

/**
 * Whether a registry failure lets the Docker daemon stand in: the image is not there (404), the
 * registry refuses it (401/403: Docker Hub answers 401 for a repository that does not exist, which is
 * what a locally built `myapp:dev` looks like), or the registry cannot be reached. A rate limit (429)
 * never does: the registry has the image, and the daemon's copy of a tag may be older and is
 * re-encoded, so the package would depend on the registry's mood; it is reported as a rate limit.
 */
export function fallbackVerdict(error: unknown): FallbackVerdict {
  if (!(error instanceof OciError)) return 'no';
  if (error.status === 429 || error.code === 'TOO_MANY_REQUESTS') return 'rate-limited';
  if (error.status === 404 || error.status === 401 || error.status === 403) return 'fallback';
  if (error.code === 'NOT_FOUND' || error.code === 'UNAUTHORIZED' || error.code === 'DENIED') return 'fallback';
  if (UNREACHABLE_CODES.has(error.code)) return 'fallback';
  return 'no';
}

/** One image taken from the daemon, for the log, the summary and tests. */
export interface DaemonImageRecord {
  /** As written in zarf.yaml. */
  written: string;
  /** The name asked of the daemon. */
  name: string;
  /** Why the registry could not serve it (its error message). */
  reason: string;
  format: 'oci-layout' | 'docker-save';
  /** Bytes of the export stream. */
  exportBytes: number;
}

export interface DaemonFallbackOptions {
  /** Scratch folder: exports are written here (one tar each) and indexed in place. */
  workDir: string;
  /** The package architecture: asked of the daemon when its API takes a platform, and checked. */
  architecture: string;
  log: (line: string) => void;
  /** Environment to read DOCKER_HOST from (default process.env). */
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

/**
 * The Docker daemon fallback: when an image cannot be read from its registry, export it through the
 * Engine API (`GET /images/get`) into a tar in the scratch folder and read it with ArchiveSource,
 * whether the export is the classic `docker save` layout or an OCI layout (Docker 25+, containerd
 * image store, podman). Blob names come from content; the config digest from the manifest (for the
 * classic layout, the sha256 of the config file), never from the image ID.
 */
export class DockerDaemonFallback {
  private readonly opts: DaemonFallbackOptions;
  private readonly target: { endpoint: DockerEndpoint } | { unsupported: string };
  private engine: Promise<{ engine: DockerEngine; version: EngineVersion } | { unavailable: string }> | undefined;
  private readonly exports = new Map<string, Promise<DaemonImageSource>>();
  private readonly opened: ArchiveSource[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  private counter = 0;
  private saidUnavailable = false;
  /** Every image taken from the daemon in this run. */
  readonly used: DaemonImageRecord[] = [];

  constructor(opts: DaemonFallbackOptions) {
    this.opts = opts;
    this.target = dockerEndpoint(opts.env ?? process.env);
  }

  /** For the resolver's `fallback`: the daemon's source for `req`, or undefined to let `error` stand. */
  async fallback(req: ImageRequest, error: unknown): Promise<ImageSource | undefined> {
    const verdict = fallbackVerdict(error);
    if (verdict === 'rate-limited') {
      this.opts.log(`docker daemon: not used for ${req.written}: its registry rate-limited the request (429), which says nothing of whether the image exists; fix the rate limit instead`);
      return undefined;
    }
    if (verdict === 'no') return undefined;
    const ref = req.reference;
    const name = ref.digest !== undefined ? `${ref.name}@${ref.digest}` : `${ref.name}:${ref.tag ?? 'latest'}`;
    let pending = this.exports.get(name);
    if (pending === undefined) {
      const connected = await this.connect();
      if ('unavailable' in connected) {
        if (!this.saidUnavailable) {
          this.saidUnavailable = true;
          this.opts.log(`docker daemon fallback not available: ${connected.unavailable}`);
        }
        return undefined;
      }
      pending = this.exportOne(req, name, error as OciError, connected.engine, connected.version);
      this.exports.set(name, pending);
    }
    return pending;
  }

  /** Closes the connection and removes what was extracted (the export tars live in the scratch folder). */
  async close(): Promise<void> {
    await Promise.allSettled(this.opened.map((a) => a.close()));
    const e = await this.engine?.catch(() => undefined);
    if (e !== undefined && 'engine' in e) await e.engine.close().catch(() => undefined);
  }

  private connect(): Promise<{ engine: DockerEngine; version: EngineVersion } | { unavailable: string }> {
    this.engine ??= (async () => {
      if ('unsupported' in this.target) return { unavailable: this.target.unsupported };
      const engine = new DockerEngine(this.target.endpoint);
      try {
        return { engine, version: await engine.version() };
      } catch (e) {
        await engine.close().catch(() => undefined);
        return { unavailable: (e as Error).message };
      }
    })();
    return this.engine;
  }

  private async exportOne(req: ImageRequest, name: string, registryError: OciError, engine: DockerEngine, version: EngineVersion): Promise<DaemonImageSource> {
    const where = engine.endpoint.display;
    const image = await engine.inspect(name);
    if (image === undefined) {
      throw new OciError(`${registryError.message}; the Docker daemon at ${where} does not have ${name} either`, {
        ...(registryError.hint !== undefined ? { hint: registryError.hint } : {}),
        ...(registryError.status !== undefined ? { status: registryError.status } : {}),
        code: registryError.code,
        cause: registryError
      });
    }
    const want: Platform = { os: 'linux', architecture: this.opts.architecture };
    // One export at a time: the daemon does the heavy lifting, and they would only compete.
    const run = this.chain.then(async () => {
      this.opts.log(`docker daemon: ${req.written} could not be read from its registry (${registryError.message}); exporting ${name} from the Docker daemon at ${where} (${version.product}, API ${version.useVersion})`);
      await mkdir(this.opts.workDir, { recursive: true });
      const n = this.counter++;
      const file = path.join(this.opts.workDir, `docker-export-${n}.tar`);
      let last = Date.now();
      let sofar = 0;
      const bytes = await engine.exportImage(name, file, {
        platform: want,
        apiVersion: version.useVersion,
        ...(this.opts.signal !== undefined ? { signal: this.opts.signal } : {}),
        onProgress: (b) => {
          sofar += b;
          if (Date.now() - last >= 5000) {
            last = Date.now();
            this.opts.log(`docker daemon: exporting ${name}: ${formatBytes(sofar)}${image.size > 0 ? ` of about ${formatBytes(image.size)}` : ''}`);
          }
        }
      });
      // The archive reader is loaded only when an image is exported from the daemon (start-up).
      const { ArchiveSource } = await import('./archive.js');
      const archive = await ArchiveSource.open(file, path.join(this.opts.workDir, `docker-export-${n}`));
      this.opened.push(archive);
      this.opts.log(
        `docker daemon: exported ${name} (${formatBytes(bytes)}, ${archive.format === 'docker-save' ? 'classic docker save layout: layers are stored uncompressed as the daemon keeps them, so their digests are the diff IDs, not the registry\u2019s' : 'OCI layout: manifests and layers as the daemon stores them'})`
      );
      this.used.push({ written: req.written, name, reason: registryError.message, format: archive.format, exportBytes: bytes });
      return new DaemonImageSource(`docker daemon ${where}`, archive);
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}

/**
 * One image exported from the daemon, as an ImageSource. A tag is looked up by the name the export
 * gives it; an export holding a single image serves it for its own name whatever the daemon called it
 * (podman may write `localhost/...`).
 */
export class DaemonImageSource implements ImageSource {
  readonly name: string;
  private readonly archive: ArchiveSource;

  constructor(name: string, archive: ArchiveSource) {
    this.name = name;
    this.archive = archive;
  }

  async getManifest(ref: Reference, selector: string): Promise<FetchedManifest> {
    try {
      return await this.archive.getManifest(ref, selector);
    } catch (e) {
      if (!(e instanceof OciError) || e.code !== 'IMAGE_NOT_IN_ARCHIVE') throw e;
      if (isDigest(selector)) {
        if (selector === ref.digest && this.archive.format === 'docker-save') {
          throw new OciError(`${ref.original} is pinned by digest, but the Docker daemon exports it in the classic docker save layout, which re-creates the manifest (uncompressed layers), so ${selector} cannot be matched`, {
            hint: 'name the image by tag, push it to a registry, or use a daemon with the containerd image store (its export keeps the original manifest)',
            code: 'DIGEST_NOT_IN_DAEMON'
          });
        }
        throw e;
      }
      const roots = new Map<string, Descriptor>();
      for (const img of this.archive.images()) roots.set(img.descriptor.digest, img.descriptor);
      const only = roots.size === 1 ? [...roots.values()][0] : undefined;
      if (only === undefined) throw e;
      // The resolver checks the platform of what it gets, as for any source.
      return this.archive.getManifest(ref, only.digest);
    }
  }

  fetchBlob(ref: Reference, desc: Descriptor, store: BlobStore, onProgress?: (bytes: number) => void, signal?: AbortSignal): Promise<BlobFetchResult> {
    return this.archive.fetchBlob(ref, desc, store, onProgress, signal);
  }
}
