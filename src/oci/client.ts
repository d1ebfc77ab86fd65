import { HttpPool, headerValue, nextLink, proxyFailure, request, type RequestBody, type Response } from './transport.js';
import pRetry from 'p-retry';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BlobStore } from './blobstore.js';
import { eachChunk } from './body-chunks.js';
import { parseChallenges, repositoryScope, type Challenge } from './auth.js';
import type { Credential, CredentialResolver } from './credentials.js';
import { Digester, digestAlgorithm, isDigest, type Digest } from './digest.js';
import { OciError, errCode, isTransientNetworkFailure, isTransientStatus } from './errors.js';
import { MANIFEST_ACCEPT, MediaType } from './mediatypes.js';
import type { Reference } from './reference.js';
import { parseManifest, type Descriptor } from './types.js';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
}

const silent: Logger = { debug: () => undefined, info: () => undefined, warning: () => undefined };

export interface RegistryClientOptions {
  /** `host[:port]` entries reached over plain HTTP; a host without a port matches every port. */
  plainHttp?: readonly string[];
  credentials?: CredentialResolver;
  /** Retries after the first attempt for transient failures (default 3). */
  retries?: number;
  /** First backoff delay in ms (default 500); doubled each retry, with jitter. */
  retryDelayMs?: number;
  /** Longest Retry-After we honour, in seconds (default 60); a longer wait fails with a clear message. */
  maxRetryAfterSeconds?: number;
  userAgent?: string;
  logger?: Logger;
  signal?: AbortSignal;
  /** Connections kept per registry origin. */
  connectionsPerHost?: number;
  /**
   * The input registry-override: where a pull of an image or chart actually goes (undefined: from
   * the registry it names). Asked through `pullFrom` only; publishing and skeletons do not use it.
   */
  pullRedirect?: (ref: Reference) => Reference | undefined;
}

export interface FetchedManifestBytes {
  bytes: Buffer;
  mediaType: string;
  digest: Digest;
}

interface HostAuth {
  scheme: 'basic' | 'bearer';
  realm?: string;
  service?: string;
}

interface Token {
  value: string;
  expiresAt: number;
}

interface SendOptions {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  host: string;
  /** Path and query below the origin, e.g. `/v2/acme/app/manifests/1.0`, or an absolute URL (upload locations). */
  path: string;
  scopes: string[];
  headers?: Record<string, string>;
  body?: RequestBody;
  /** false when the body cannot be sent twice (a stream): then auth is settled before sending. */
  replayable?: boolean;
  /** Aborts this request alone (e.g. an upload that stopped moving); the client's signal still applies. */
  signal?: AbortSignal;
}

const MAX_MANIFEST = 4 * 1024 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * An OCI distribution client: one keep-alive pool for every registry, per-host auth (basic, bearer
 * with a token cache per scope set), retries with backoff and Retry-After, manifests verified against
 * their digests, blobs streamed through a hash into a BlobStore and resumed with Range.
 */
export class RegistryClient {
  private readonly pool: HttpPool;
  private readonly plainHttp: readonly string[];
  private readonly credentials: CredentialResolver;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private readonly maxRetryAfter: number;
  private readonly userAgent: string;
  private readonly log: Logger;
  private readonly signal: AbortSignal | undefined;
  private readonly pullRedirect: ((ref: Reference) => Reference | undefined) | undefined;
  private readonly hostAuth = new Map<string, HostAuth>();
  private readonly tokens = new Map<string, Promise<Token>>();

  constructor(opts: RegistryClientOptions = {}) {
    this.plainHttp = (opts.plainHttp ?? []).map((h) => h.trim().toLowerCase()).filter((h) => h !== '');
    this.credentials = opts.credentials ?? (async () => undefined);
    this.retries = opts.retries ?? 3;
    this.retryDelayMs = opts.retryDelayMs ?? 500;
    this.maxRetryAfter = opts.maxRetryAfterSeconds ?? 60;
    this.userAgent = opts.userAgent ?? 'lading';
    this.log = opts.logger ?? silent;
    this.signal = opts.signal;
    this.pullRedirect = opts.pullRedirect;
    this.pool = new HttpPool({ connections: opts.connectionsPerHost ?? 32, connectTimeout: 30_000, idleTimeout: 120_000, keepAliveTimeout: 30_000, proxy: true });
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  /** `http` only for hosts listed in plain-http; everything else is HTTPS with verified TLS. */
  scheme(host: string): 'http' | 'https' {
    const h = host.toLowerCase();
    const bare = h.startsWith('[') ? h.slice(0, h.indexOf(']') + 1) : h.split(':')[0];
    return this.plainHttp.some((p) => p === h || (!p.includes(':') && p === bare) || (p.startsWith('[') && !p.includes(']:') && p === bare)) ? 'http' : 'https';
  }

  /** Where content of `ref` is pulled from: its registry-override replacement, else `ref` itself. */
  pullFrom(ref: Reference): Reference {
    return this.pullRedirect?.(ref) ?? ref;
  }

  // ---------------------------------------------------------------------------------------------
  // Public operations

  /**
   * Fetches a manifest or index by tag or digest; the body is capped at 4 MiB and verified. `scopes`
   * (default pull) lets a push reuse its `push,pull` token.
   */
  async getManifest(ref: Reference, selector: string, scopes: string[] = [repositoryScope(ref.repository, ['pull'])]): Promise<FetchedManifestBytes> {
    const host = ref.endpoint;
    const what = `${ref.name}${isDigest(selector) ? '@' : ':'}${selector}`;
    return this.retry(what, async () => {
      const res = await this.send({
        method: 'GET',
        host,
        path: `/v2/${ref.repository}/manifests/${selector}`,
        scopes,
        headers: { accept: MANIFEST_ACCEPT.join(', ') }
      });
      if (res.statusCode !== 200) throw await this.responseError(res, host, `manifest ${what}`, ref);
      const declared = Number(headerValue(res.headers, 'content-length') ?? '0');
      if (declared > MAX_MANIFEST) {
        await res.body.dump();
        throw new OciError(`manifest ${what} is ${declared} bytes, over the 4 MiB limit for manifests`, { code: 'MANIFEST_TOO_LARGE' });
      }
      const chunks: Buffer[] = [];
      let n = 0;
      for await (const c of res.body) {
        n += (c as Buffer).length;
        if (n > MAX_MANIFEST) {
          res.body.destroy();
          throw new OciError(`manifest ${what} is over the 4 MiB limit for manifests`, { code: 'MANIFEST_TOO_LARGE' });
        }
        chunks.push(c as Buffer);
      }
      const bytes = Buffer.concat(chunks);
      const algorithm = isDigest(selector) ? digestAlgorithm(selector) : 'sha256';
      const h = new Digester(algorithm);
      h.update(bytes);
      const digest = h.digest();
      if (isDigest(selector) && digest !== selector) {
        throw new OciError(`manifest ${what} does not match its digest (got ${digest})`, { hint: 'the registry or a proxy altered the content', code: 'DIGEST_MISMATCH' });
      }
      const sent = headerValue(res.headers, 'docker-content-digest');
      if (sent !== undefined && isDigest(sent) && digestAlgorithm(sent) === algorithm && sent !== digest) {
        throw new OciError(`manifest ${what}: the registry says its digest is ${sent} but its bytes hash to ${digest}`, { code: 'DIGEST_MISMATCH' });
      }
      const contentType = headerValue(res.headers, 'content-type')?.split(';')[0]?.trim();
      let mediaType = contentType ?? '';
      try {
        const body = JSON.parse(bytes.toString('utf8')) as { mediaType?: unknown };
        if (typeof body.mediaType === 'string') mediaType = body.mediaType;
      } catch {
        // parseManifest reports malformed bodies with context
      }
      return { bytes, mediaType, digest };
    });
  }

  /**
   * HEAD a manifest by tag or digest: its descriptor (digest from `Docker-Content-Digest`, size from
   * `Content-Length`) when present, undefined when absent (404). A registry that sends no digest
   * header gets a GET instead. Cheaper than a GET where GETs count as pulls (Docker Hub).
   */
  async headManifest(ref: Reference, selector: string): Promise<Descriptor | undefined> {
    const host = ref.endpoint;
    const what = `${ref.name}${isDigest(selector) ? '@' : ':'}${selector}`;
    const head = await this.retry(what, async () => {
      const res = await this.send({
        method: 'HEAD',
        host,
        path: `/v2/${ref.repository}/manifests/${selector}`,
        scopes: [repositoryScope(ref.repository, ['pull'])],
        headers: { accept: MANIFEST_ACCEPT.join(', ') }
      });
      await res.body.dump();
      if (res.statusCode === 404) return null;
      if (res.statusCode !== 200) throw await this.responseError(res, host, `manifest ${what}`, ref);
      const digest = headerValue(res.headers, 'docker-content-digest');
      const size = Number(headerValue(res.headers, 'content-length') ?? 'NaN');
      const mediaType = headerValue(res.headers, 'content-type')?.split(';')[0]?.trim() ?? '';
      if (digest === undefined || !isDigest(digest) || !Number.isSafeInteger(size)) return undefined;
      return { mediaType, digest, size };
    });
    if (head === null) return undefined;
    if (head !== undefined) return head;
    const m = await this.getManifest(ref, selector).catch((e: unknown) => {
      if (e instanceof OciError && e.status === 404) return undefined;
      throw e;
    });
    return m === undefined ? undefined : { mediaType: m.mediaType, digest: m.digest, size: m.bytes.length };
  }

  /** HEAD a blob: its size when present, undefined when absent. */
  async headBlob(ref: Reference, digest: Digest): Promise<number | undefined> {
    const host = ref.endpoint;
    return this.retry(`blob ${digest}`, async () => {
      const res = await this.send({ method: 'HEAD', host, path: `/v2/${ref.repository}/blobs/${digest}`, scopes: [repositoryScope(ref.repository, ['pull'])] });
      await res.body.dump();
      if (res.statusCode === 200) return Number(headerValue(res.headers, 'content-length') ?? '0');
      if (res.statusCode === 404) return undefined;
      throw await this.responseError(res, host, `blob ${digest}`, ref);
    });
  }

  /**
   * The referrers of `digest` in `ref`'s repository through the OCI referrers API
   * (`GET /v2/<name>/referrers/<digest>`), every page (`Link: <...>; rel="next"`) followed.
   * `supported` is false when the registry has no referrers API (it answers 404 or 405, or not an
   * image index): then the `<alg>-<hex>` tag schema is the place to look.
   */
  async getReferrers(ref: Reference, digest: Digest): Promise<{ supported: boolean; manifests: Descriptor[] }> {
    const host = ref.endpoint;
    const what = `referrers of ${ref.name}@${digest}`;
    const manifests: Descriptor[] = [];
    let next: string | undefined = `/v2/${ref.repository}/referrers/${digest}`;
    for (let page = 0; next !== undefined && page < 64; page++) {
      const path: string = next;
      const result = await this.retry(what, async () => {
        const res = await this.send({ method: 'GET', host, path, scopes: [repositoryScope(ref.repository, ['pull'])], headers: { accept: MediaType.OciIndex } });
        if (res.statusCode === 404 || res.statusCode === 405) {
          await res.body.dump();
          return undefined;
        }
        if (res.statusCode !== 200) throw await this.responseError(res, host, what, ref);
        const text = await res.body.text();
        if (Buffer.byteLength(text) > MAX_MANIFEST) throw new OciError(`${what}: the answer is over the 4 MiB limit for an index`, { code: 'MANIFEST_TOO_LARGE' });
        let parsed;
        try {
          parsed = parseManifest(Buffer.from(text), MediaType.OciIndex, what);
        } catch {
          return undefined;
        }
        if (parsed.kind !== 'index') return undefined;
        return { manifests: parsed.index.manifests, next: nextLink(res.headers) };
      });
      if (result === undefined) {
        if (page === 0) return { supported: false, manifests: [] };
        break;
      }
      manifests.push(...result.manifests);
      next = result.next;
    }
    return { supported: true, manifests };
  }

  /**
   * Streams a blob into `store`, hashing every byte; a broken connection resumes with `Range`.
   * Nothing becomes visible in the store unless size and digest match. `signal` stops this transfer
   * alone (no retry follows); the client's own signal still applies.
   */
  async fetchBlob(ref: Reference, desc: Descriptor, store: BlobStore, onProgress?: (bytes: number) => void, signal?: AbortSignal): Promise<{ fetched: boolean; bytes: number }> {
    const host = ref.endpoint;
    let bytes = 0;
    const { fetched } = await store.ingest({ digest: desc.digest, size: desc.size }, async (w) => {
      await this.retry(`blob ${desc.digest} of ${ref.name}`, async () => {
        signal?.throwIfAborted();
        const offset = w.written;
        const res = await this.send({
          method: 'GET',
          host,
          path: `/v2/${ref.repository}/blobs/${desc.digest}`,
          scopes: [repositoryScope(ref.repository, ['pull'])],
          headers: offset > 0 ? { range: `bytes=${offset}-` } : {},
          ...(signal !== undefined ? { signal } : {})
        });
        let skip = 0;
        if (res.statusCode === 206 && offset > 0) {
          const cr = headerValue(res.headers, 'content-range') ?? '';
          const m = /^bytes (\d+)-/.exec(cr);
          if (m === null || Number(m[1]) !== offset) {
            await res.body.dump();
            throw new OciError(`blob ${desc.digest}: the registry answered a resume from byte ${offset} with range "${cr}"`, { retriable: true });
          }
        } else if (res.statusCode === 200) {
          skip = offset; // the server ignored Range: drop what we already have
        } else {
          throw await this.responseError(res, host, `blob ${desc.digest} of ${ref.name}`, ref);
        }
        try {
          await eachChunk(res.body, (chunk) => {
            let c = chunk;
            if (skip > 0) {
              if (c.length <= skip) {
                skip -= c.length;
                return undefined;
              }
              c = c.subarray(skip);
              skip = 0;
            }
            const wait = w.write(c);
            bytes += c.length;
            onProgress?.(c.length);
            return wait;
          });
        } catch (e) {
          res.body.destroy();
          if (e instanceof OciError) throw e;
          throw this.networkError(e, host);
        }
      }, signal);
    });
    return { fetched, bytes };
  }

  // ---------------------------------------------------------------------------------------------
  // Transport: auth, redirects, retries

  /** Runs `fn` with retries for transient failures, honouring Retry-After; none once `stop` aborted. */
  async retry<T>(what: string, fn: () => Promise<T>, stop?: AbortSignal): Promise<T> {
    const signal = stop !== undefined && this.signal !== undefined ? AbortSignal.any([this.signal, stop]) : (stop ?? this.signal);
    try {
      return await pRetry(fn, {
        retries: this.retries,
        minTimeout: this.retryDelayMs,
        maxTimeout: 30_000,
        factor: 2,
        randomize: true,
        ...(signal !== undefined ? { signal } : {}),
        shouldRetry: ({ error }) => error instanceof OciError && error.retriable && stop?.aborted !== true,
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
          if (!(error instanceof OciError) || !error.retriable || retriesLeft <= 0 || stop?.aborted === true) return;
          const wait = error.retryAfter;
          if (wait !== undefined && wait > this.maxRetryAfter) {
            throw new OciError(`${error.message}; the registry asks to wait ${wait} s before retrying, longer than ${this.maxRetryAfter} s`, {
              ...(error.hint !== undefined ? { hint: error.hint } : {}),
              ...(error.status !== undefined ? { status: error.status } : {}),
              code: error.code
            });
          }
          this.log.warning(`${what}: ${error.message}; retrying (attempt ${attemptNumber + 1} of ${this.retries + 1})${wait !== undefined ? ` after ${wait} s as the registry asked` : ''}`);
          if (wait !== undefined && wait > 0) await sleep(wait * 1000, undefined, signal !== undefined ? { signal } : undefined);
        }
      });
    } catch (e) {
      if (e instanceof OciError && e.retriable && this.retries > 0) {
        throw new OciError(`${e.message} (gave up after ${this.retries + 1} attempts)`, {
          ...(e.hint !== undefined ? { hint: e.hint } : {}),
          ...(e.status !== undefined ? { status: e.status } : {}),
          code: e.code,
          cause: e
        });
      }
      throw e;
    }
  }

  /**
   * Sends one request with auth: cached credentials for the host and scope are attached up front;
   * a 401 teaches the host's scheme from its challenge, fetches a token and sends once more.
   */
  async send(opts: SendOptions): Promise<Response> {
    let auth = await this.authorization(opts.host, opts.scopes, false);
    let res = await this.sendFollowingRedirects(opts, auth);
    if (res.statusCode !== 401) return res;
    const challenges = parseChallenges(res.headers['www-authenticate']);
    await res.body.dump();
    if (opts.replayable === false && auth !== undefined) {
      throw new OciError(`registry ${opts.host} refused the credentials for ${opts.scopes.join(' ')}`, { status: 401, code: 'UNAUTHORIZED', hint: this.credentialHint(opts.host) });
    }
    if (!(await this.learnAuth(opts.host, challenges))) {
      throw new OciError(`registry ${opts.host} asks for authentication but sent no usable challenge`, { status: 401, code: 'UNAUTHORIZED', hint: this.credentialHint(opts.host) });
    }
    auth = await this.authorization(opts.host, opts.scopes, true);
    if (auth === undefined) {
      throw new OciError(`registry ${opts.host} requires credentials and none were found`, { status: 401, code: 'UNAUTHORIZED', hint: this.credentialHint(opts.host) });
    }
    res = await this.sendFollowingRedirects(opts, auth);
    return res;
  }

  private credentialHint(host: string): string {
    return `give credentials for ${host}: log in first (docker login / docker/login-action) or set the username and password inputs`;
  }

  /** Learns the host's auth scheme from a challenge, asking GET /v2/ when the response had none. */
  private async learnAuth(host: string, challenges: Challenge[]): Promise<boolean> {
    let list = challenges;
    if (list.length === 0) {
      const res = await this.sendFollowingRedirects({ method: 'GET', host, path: '/v2/', scopes: [] }, undefined);
      list = parseChallenges(res.headers['www-authenticate']);
      await res.body.dump();
    }
    const bearer = list.find((c) => c.scheme === 'bearer' && c.params.realm !== undefined);
    if (bearer !== undefined) {
      this.hostAuth.set(host, { scheme: 'bearer', realm: bearer.params.realm as string, ...(bearer.params.service !== undefined ? { service: bearer.params.service } : {}) });
      return true;
    }
    if (list.some((c) => c.scheme === 'basic')) {
      this.hostAuth.set(host, { scheme: 'basic' });
      return true;
    }
    return false;
  }

  private async authorization(host: string, scopes: string[], renew: boolean): Promise<string | undefined> {
    const known = this.hostAuth.get(host);
    if (known === undefined) return undefined;
    const cred = await this.credentials(host);
    if (known.scheme === 'basic') {
      if (cred?.username === undefined || cred.password === undefined) return undefined;
      return `Basic ${Buffer.from(`${cred.username}:${cred.password}`).toString('base64')}`;
    }
    const token = await this.token(host, known, scopes, cred, renew);
    return `Bearer ${token}`;
  }

  /** Tokens are cached per host and scope set, renewed shortly before expiry; concurrent asks share one request. */
  private async token(host: string, auth: HostAuth, scopes: string[], cred: Credential | undefined, renew: boolean): Promise<string> {
    const key = `${host}|${[...scopes].sort().join(' ')}`;
    const cached = this.tokens.get(key);
    if (cached !== undefined && !renew) {
      const t = await cached.catch(() => undefined);
      if (t !== undefined && t.expiresAt > Date.now() + 10_000) return t.value;
    }
    const p = this.requestToken(host, auth, scopes, cred);
    this.tokens.set(key, p);
    p.catch(() => this.tokens.delete(key));
    return (await p).value;
  }

  private async requestToken(host: string, auth: HostAuth, scopes: string[], cred: Credential | undefined): Promise<Token> {
    const realm = auth.realm as string;
    let realmUrl: URL;
    try {
      realmUrl = new URL(realm);
    } catch {
      throw new OciError(`registry ${host} sent an invalid token realm "${realm}"`, { code: 'UNAUTHORIZED' });
    }
    const started = Date.now();
    let res: Response;
    const call = async (method: 'GET' | 'POST', url: URL, headers: Record<string, string>, body?: string): Promise<Response> => {
      try {
        return await request(this.pool, url, { method, headers: { 'user-agent': this.userAgent, ...headers }, ...(body !== undefined ? { body } : {}), ...(this.signal !== undefined ? { signal: this.signal } : {}) });
      } catch (e) {
        throw this.networkError(e, url.host);
      }
    };
    const getUrl = new URL(realmUrl);
    if (auth.service !== undefined) getUrl.searchParams.set('service', auth.service);
    for (const s of scopes) getUrl.searchParams.append('scope', s);
    if (cred?.identityToken !== undefined) {
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: cred.identityToken, client_id: 'lading' });
      if (auth.service !== undefined) form.set('service', auth.service);
      if (scopes.length > 0) form.set('scope', scopes.join(' '));
      res = await call('POST', realmUrl, { 'content-type': 'application/x-www-form-urlencoded' }, form.toString());
      if (res.statusCode === 404 || res.statusCode === 405) {
        await res.body.dump();
        res = await call('GET', getUrl, { authorization: `Basic ${Buffer.from(`<token>:${cred.identityToken}`).toString('base64')}` });
      }
    } else {
      const headers: Record<string, string> = {};
      if (cred?.username !== undefined && cred.password !== undefined) headers.authorization = `Basic ${Buffer.from(`${cred.username}:${cred.password}`).toString('base64')}`;
      res = await call('GET', getUrl, headers);
    }
    if (res.statusCode === 401 || res.statusCode === 403) {
      await res.body.dump();
      throw new OciError(
        cred === undefined
          ? `registry ${host} refused anonymous access to ${scopes.join(' ')}`
          : `registry ${host} refused the credentials from ${cred.source} for ${scopes.join(' ')}`,
        { status: res.statusCode, code: 'UNAUTHORIZED', hint: cred === undefined ? this.credentialHint(host) : `check the username and password (or token) for ${host} and that they may ${scopes.map((s) => s.split(':').pop()).join(',')} this repository` }
      );
    }
    if (res.statusCode === 429 || res.statusCode >= 500) {
      await res.body.dump();
      throw new OciError(`token service of ${host} answered ${res.statusCode}`, { status: res.statusCode, retriable: true, ...this.retryAfterOf(res) });
    }
    if (res.statusCode !== 200) {
      await res.body.dump();
      throw new OciError(`token service of ${host} answered ${res.statusCode}`, { status: res.statusCode, code: 'UNAUTHORIZED' });
    }
    const body = (await res.body.json().catch(() => ({}))) as { token?: string; access_token?: string; expires_in?: number };
    const value = body.token ?? body.access_token;
    if (value === undefined || value === '') throw new OciError(`token service of ${host} answered without a token`, { code: 'UNAUTHORIZED' });
    const ttl = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 60;
    return { value, expiresAt: started + ttl * 1000 };
  }

  private retryAfterOf(res: Response): { retryAfter?: number } {
    const v = headerValue(res.headers, 'retry-after');
    if (v === undefined) return {};
    const n = Number(v);
    if (Number.isFinite(n) && n >= 0) return { retryAfter: n };
    const t = Date.parse(v);
    return Number.isNaN(t) ? {} : { retryAfter: Math.max(0, Math.ceil((t - Date.now()) / 1000)) };
  }

  private async sendFollowingRedirects(opts: SendOptions, authorization: string | undefined): Promise<Response> {
    const origin = `${this.scheme(opts.host)}://${opts.host}`;
    let url = new URL(opts.path, origin);
    let method = opts.method;
    for (let hop = 0; hop < 6; hop++) {
      const sameHost = url.origin === origin;
      const headers: Record<string, string> = { 'user-agent': this.userAgent, ...(opts.headers ?? {}) };
      if (authorization !== undefined && sameHost) headers.authorization = authorization;
      let res: Response;
      try {
        res = await request(this.pool, url, {
          method,
          headers,
          ...(opts.body !== undefined && hop === 0 ? { body: opts.body } : {}),
          ...(this.signal !== undefined || opts.signal !== undefined
            ? { signal: this.signal !== undefined && opts.signal !== undefined ? AbortSignal.any([this.signal, opts.signal]) : (opts.signal ?? this.signal) }
            : {})
        });
      } catch (e) {
        throw this.networkError(e, url.host);
      }
      if (!REDIRECTS.has(res.statusCode) || (method !== 'GET' && method !== 'HEAD')) return res;
      const location = headerValue(res.headers, 'location');
      await res.body.dump();
      if (location === undefined) throw new OciError(`registry ${opts.host} redirected without a Location`, { code: 'BAD_REDIRECT' });
      url = new URL(location, url);
      if (res.statusCode === 303) method = 'GET';
    }
    throw new OciError(`registry ${opts.host} redirected too many times`, { code: 'BAD_REDIRECT' });
  }

  /** Turns a low-level failure into a one-line OciError, retriable when transient. */
  networkError(e: unknown, host: string): OciError {
    if (e instanceof OciError) return e;
    if (this.signal?.aborted === true) return new OciError('cancelled', { code: 'CANCELLED', cause: e });
    const code = errCode(e) ?? '';
    const msg = e instanceof Error ? e.message : String(e);
    const viaProxy = proxyFailure(e, host);
    if (viaProxy !== undefined) return new OciError(viaProxy.message, { code: code || 'NETWORK', hint: viaProxy.hint, retriable: viaProxy.retriable, cause: e });
    if (/^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_VERIFY|EPROTO)/.test(code) || /wrong version number|ssl|tls/i.test(msg)) {
      return new OciError(`TLS connection to ${host} failed (${code || msg})`, {
        code: 'TLS',
        hint: this.scheme(host) === 'https' ? `if ${host} serves plain HTTP, add it to the plain-http input; otherwise check its certificate` : 'check the registry address',
        cause: e
      });
    }
    if (code === 'ENOTFOUND') return new OciError(`cannot resolve registry host ${host}`, { code, hint: 'check the host name in the reference', retriable: false, cause: e });
    if (code === 'ECONNREFUSED') return new OciError(`cannot reach registry ${host} (connection refused)`, { code, hint: 'check the address and that the registry is running', retriable: true, cause: e });
    if (isTransientNetworkFailure(code, msg)) {
      return new OciError(`connection to ${host} failed (${code || msg})`, { code: code || 'NETWORK', retriable: true, cause: e });
    }
    return new OciError(`request to ${host} failed: ${msg}`, { code: code || 'NETWORK', cause: e });
  }

  /** Reads a registry error body and makes a one-line error; 408/429/5xx are retriable. */
  async responseError(res: Response, host: string, what: string, ref?: Reference): Promise<OciError> {
    let detail = '';
    try {
      const text = (await res.body.text()).slice(0, 64 * 1024);
      const j = JSON.parse(text) as { errors?: Array<{ code?: string; message?: string }> };
      const first = j.errors?.[0];
      if (first !== undefined) detail = [first.code, first.message].filter(Boolean).join(': ');
    } catch {
      // not JSON
    }
    const s = res.statusCode;
    const suffix = detail !== '' ? ` (${detail})` : '';
    const status = { status: s };
    if (s === 404) {
      return new OciError(`${what} not found on ${host}${suffix}`, { ...status, code: 'NOT_FOUND', hint: ref !== undefined ? `check that ${ref.original} exists and is spelled right` : 'check the reference' });
    }
    if (s === 401) return new OciError(`not authorized for ${what} on ${host}${suffix}`, { ...status, code: 'UNAUTHORIZED', hint: this.credentialHint(host) });
    if (s === 403) return new OciError(`access to ${what} on ${host} is denied${suffix}`, { ...status, code: 'DENIED', hint: `the credentials for ${host} lack permission for this repository` });
    if (s === 429) {
      return new OciError(`rate limited by ${host}${suffix}`, {
        ...status,
        code: 'TOO_MANY_REQUESTS',
        retriable: true,
        ...this.retryAfterOf(res),
        hint: host.endsWith('docker.io') ? 'Docker Hub limits anonymous pulls: log in (docker/login-action) or mirror the image to your own registry' : 'the registry limits request rates: retry later or authenticate'
      });
    }
    if (isTransientStatus(s)) return new OciError(`${host} answered ${s} for ${what}${suffix}`, { ...status, code: `HTTP_${s}`, retriable: true, ...this.retryAfterOf(res) });
    return new OciError(`${host} answered ${s} for ${what}${suffix}`, { ...status, code: `HTTP_${s}` });
  }
}
