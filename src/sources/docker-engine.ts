import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpPool, request, type Response } from '../oci/transport.js';
import { OciError } from '../oci/errors.js';
import type { Platform } from '../oci/types.js';

/** Where a Docker Engine API listens: a unix socket, or plain HTTP over TCP. */
export type DockerEndpoint =
  | { kind: 'unix'; socketPath: string; display: string }
  | { kind: 'tcp'; origin: string; display: string };

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

/**
 * The Engine API endpoint from `DOCKER_HOST` (as the docker CLI reads it), else the default socket.
 * `unix://` and `tcp://` (plain HTTP) are supported; TLS (`DOCKER_TLS_VERIFY`), `ssh://` and
 * `npipe://` are not, and say so in `unsupported`.
 */
export function dockerEndpoint(env: NodeJS.ProcessEnv = process.env): { endpoint: DockerEndpoint } | { unsupported: string } {
  const raw = (env.DOCKER_HOST ?? '').trim();
  if (raw === '') return { endpoint: { kind: 'unix', socketPath: DEFAULT_DOCKER_SOCKET, display: `unix://${DEFAULT_DOCKER_SOCKET}` } };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)?.[1]?.toLowerCase();
  if (scheme === 'unix') {
    const socketPath = raw.slice('unix://'.length);
    if (socketPath === '' || !path.isAbsolute(socketPath)) return { unsupported: `DOCKER_HOST ${raw} does not name an absolute socket path` };
    return { endpoint: { kind: 'unix', socketPath, display: raw } };
  }
  if (scheme === 'tcp' || scheme === 'http') {
    if ((env.DOCKER_TLS_VERIFY ?? '') !== '') return { unsupported: `DOCKER_HOST ${raw} with DOCKER_TLS_VERIFY (TLS to the daemon) is not supported` };
    let url: URL;
    try {
      url = new URL(`http://${raw.slice(scheme.length + 3)}`);
    } catch {
      return { unsupported: `DOCKER_HOST ${raw} is not a valid address` };
    }
    const host = url.port === '' ? `${url.hostname}:2375` : url.host;
    return { endpoint: { kind: 'tcp', origin: `http://${host}`, display: raw } };
  }
  return { unsupported: `DOCKER_HOST ${raw}: only unix:// and tcp:// daemons are supported` };
}

/** What `GET /version` says of the engine. */
export interface EngineVersion {
  /** e.g. "Docker Engine - Community 27.3.1", "Podman Engine 4.3.1". */
  product: string;
  /** The API version the daemon speaks at most, e.g. "1.47". */
  apiVersion: string;
  /** The API version this client uses: the daemon's, capped at {@link MAX_API_VERSION}. */
  useVersion: string;
}

/** Highest Engine API version whose image export behaviour this client knows. */
export const MAX_API_VERSION = '1.52';
/** `GET /images/get` takes a `platform` (JSON OCI platform) from API 1.48 (Docker 28). */
export const EXPORT_PLATFORM_API_VERSION = '1.48';

/** Compares "1.41" and "1.48" numerically. */
export function compareApiVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The fields of `GET /images/{name}/json` that matter here. */
export interface EngineImage {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  os: string;
  architecture: string;
  variant?: string;
  /** Uncompressed size of the image's layers, as the daemon counts it. */
  size: number;
}

function errorMessage(body: string): string {
  try {
    const j = JSON.parse(body) as { message?: unknown };
    if (typeof j.message === 'string' && j.message !== '') return j.message;
  } catch {
    // not JSON
  }
  return body.trim().slice(0, 300);
}

/**
 * A small Docker Engine API client: version, image inspect and image export, over a unix socket
 * (a pool whose connections go to the socket) or plain TCP. Exports stream to a file.
 */
export class DockerEngine {
  readonly endpoint: DockerEndpoint;
  private readonly pool: HttpPool;
  private readonly origin: string;
  private apiPrefix = '';

  constructor(endpoint: DockerEndpoint) {
    this.endpoint = endpoint;
    this.origin = endpoint.kind === 'unix' ? 'http://docker' : endpoint.origin;
    this.pool = new HttpPool({
      connections: 4,
      keepAliveTimeout: 10_000,
      // An export of a large image may take a while before its first byte and between chunks.
      idleTimeout: 600_000,
      connectTimeout: 5_000,
      ...(endpoint.kind === 'unix' ? { socketPath: endpoint.socketPath } : {})
    });
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  private async call(method: 'GET', pathAndQuery: string, signal?: AbortSignal): Promise<Response> {
    try {
      return await request(this.pool, new URL(`${this.origin}${this.apiPrefix}${pathAndQuery}`), {
        method,
        headers: { 'user-agent': 'lading' },
        ...(signal !== undefined ? { signal } : {})
      });
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      throw new OciError(`cannot reach the Docker daemon at ${this.endpoint.display} (${typeof code === 'string' ? code : (e as Error).message})`, {
        code: 'DOCKER_UNREACHABLE',
        cause: e
      });
    }
  }

  /**
   * Asks `GET /version` (within `timeoutMs`) and settles the API version used from then on: the
   * daemon's own, capped at {@link MAX_API_VERSION}.
   */
  async version(timeoutMs = 5_000): Promise<EngineVersion> {
    if (this.endpoint.kind === 'unix') {
      try {
        const s = await stat(this.endpoint.socketPath);
        if (!s.isSocket()) throw new Error('not a socket');
      } catch (e) {
        throw new OciError(`no Docker daemon socket at ${this.endpoint.socketPath}`, { code: 'DOCKER_UNREACHABLE', cause: e });
      }
    }
    this.apiPrefix = '';
    const res = await this.call('GET', '/version', AbortSignal.timeout(timeoutMs));
    const text = await res.body.text();
    if (res.statusCode !== 200) {
      throw new OciError(`the Docker daemon at ${this.endpoint.display} answered ${res.statusCode} to /version: ${errorMessage(text)}`, { code: 'DOCKER_ERROR' });
    }
    let body: { ApiVersion?: unknown; Version?: unknown; Components?: Array<{ Name?: unknown }>; Platform?: { Name?: unknown } };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new OciError(`the Docker daemon at ${this.endpoint.display} answered /version with something other than JSON`, { code: 'DOCKER_ERROR' });
    }
    const api = typeof body.ApiVersion === 'string' && /^\d+\.\d+$/.test(body.ApiVersion) ? body.ApiVersion : '1.24';
    const useVersion = compareApiVersions(api, MAX_API_VERSION) > 0 ? MAX_API_VERSION : api;
    this.apiPrefix = `/v${useVersion}`;
    // Docker says "Docker Engine - Community" in Platform.Name; podman puts "linux/amd64/debian-12" there
    // and "Podman Engine" in its first component.
    const platformName = typeof body.Platform?.Name === 'string' && body.Platform.Name !== '' && !body.Platform.Name.includes('/') ? body.Platform.Name : undefined;
    const component = typeof body.Components?.[0]?.Name === 'string' && body.Components[0].Name !== '' ? body.Components[0].Name : undefined;
    const name = platformName ?? component ?? 'Docker Engine';
    const product = `${name}${typeof body.Version === 'string' ? ` ${body.Version}` : ''}`;
    return { product, apiVersion: api, useVersion };
  }

  /** `GET /images/{name}/json`: the image, or undefined when the daemon does not have it. */
  async inspect(name: string): Promise<EngineImage | undefined> {
    // As the docker CLI sends it: the name's "/", ":" and "@" as they are (the daemon matches `{name:.*}`).
    const res = await this.call('GET', `/images/${encodeURI(name)}/json`);
    const text = await res.body.text();
    if (res.statusCode === 404) return undefined;
    if (res.statusCode !== 200) {
      throw new OciError(`the Docker daemon at ${this.endpoint.display} answered ${res.statusCode} to inspecting ${name}: ${errorMessage(text)}`, { code: 'DOCKER_ERROR' });
    }
    const j = JSON.parse(text) as Record<string, unknown>;
    const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    return {
      id: typeof j.Id === 'string' ? j.Id : '',
      repoTags: strings(j.RepoTags),
      repoDigests: strings(j.RepoDigests),
      os: typeof j.Os === 'string' ? j.Os : '',
      architecture: typeof j.Architecture === 'string' ? j.Architecture : '',
      ...(typeof j.Variant === 'string' && j.Variant !== '' ? { variant: j.Variant } : {}),
      size: typeof j.Size === 'number' ? j.Size : 0
    };
  }

  /**
   * `GET /images/get?names=<name>` streamed into `file` (nothing held in memory), with `platform`
   * when the API version takes it. Returns the bytes written.
   */
  async exportImage(name: string, file: string, opts: { platform?: Platform; apiVersion?: string; onProgress?: (bytes: number) => void; signal?: AbortSignal } = {}): Promise<number> {
    const q = new URLSearchParams({ names: name });
    if (opts.platform !== undefined && opts.apiVersion !== undefined && compareApiVersions(opts.apiVersion, EXPORT_PLATFORM_API_VERSION) >= 0) {
      const p = opts.platform;
      q.set('platform', JSON.stringify({ os: p.os, architecture: p.architecture, ...(p.variant !== undefined ? { variant: p.variant } : {}) }));
    }
    const res = await this.call('GET', `/images/get?${q.toString()}`, opts.signal);
    if (res.statusCode !== 200) {
      const text = await res.body.text();
      throw new OciError(`the Docker daemon at ${this.endpoint.display} could not export ${name}: ${errorMessage(text)} (HTTP ${res.statusCode})`, { code: 'DOCKER_EXPORT_FAILED' });
    }
    let bytes = 0;
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        opts.onProgress?.(chunk.length);
        done(null, chunk);
      }
    });
    try {
      await pipeline(res.body, count, createWriteStream(file, { mode: 0o600 }));
    } catch (e) {
      throw new OciError(`the export of ${name} from the Docker daemon at ${this.endpoint.display} broke off after ${bytes} bytes: ${(e as Error).message}`, {
        code: 'DOCKER_EXPORT_FAILED',
        cause: e
      });
    }
    return bytes;
  }
}
