/**
 * Downloads over HTTP(S) for component content (files, manifests, values files, Helm repositories):
 * `https://` with verified TLS, `http://` only for hosts listed in the plain-http input (the same rule
 * as registries). Bodies stream to disk through a hash with a size limit; nothing is decompressed
 * (no Accept-Encoding is sent), so the bytes stored are the bytes served. Transient failures
 * (connection errors, 408, 429, 5xx) are retried with backoff; everything else fails with one line.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { HttpPool, headerValue, proxyFailure, request, type Response, type ResponseBody } from '../oci/transport.js';
import { errCode, isTransientNetworkFailure, isTransientStatus } from '../oci/errors.js';
import { freshMemory } from '../oci/fresh-memory.js';

/** Why a download failed, without the URL (the caller says what was being downloaded). */
export class DownloadError extends Error {
  readonly hint: string | undefined;
  readonly retriable: boolean;
  readonly status: number | undefined;
  constructor(message: string, opts: { hint?: string; retriable?: boolean; status?: number; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'DownloadError';
    this.hint = opts.hint;
    this.retriable = opts.retriable ?? false;
    this.status = opts.status;
  }
}

export interface HttpFetcherOptions {
  /** True when `host[:port]` is listed in plain-http (http:// URLs are refused for any other host). */
  plainHttp?: (host: string) => boolean;
  /** Retries after the first attempt for transient failures (default 3). */
  retries?: number;
  /** First backoff delay in ms (default 500), doubled each retry. */
  retryDelayMs?: number;
  userAgent?: string;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export interface Downloaded {
  size: number;
  /** sha256 hex of the bytes. */
  sha256: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;

/** The URL as it may be shown: user and password removed. */
export function displayUrl(url: string | URL): string {
  try {
    const u = new URL(url.toString());
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return String(url).replace(/\/\/[^/@]*@/, '//');
  }
}

function formatLimit(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(0)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(0)} MiB`;
  return `${n} bytes`;
}

const TOO_LARGE_HINT = 'check the URL; large content belongs in an image or an image archive';

/** The chunks of a response body; once they add up to more than `maxBytes`, the body is destroyed and that fails. */
async function* upTo(body: ResponseBody, maxBytes: number, hint?: string): AsyncGenerator<Buffer> {
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    size += buf.length;
    freshMemory(buf.length);
    if (size > maxBytes) {
      body.destroy();
      throw new DownloadError(`it is over the ${formatLimit(maxBytes)} limit`, hint === undefined ? {} : { hint });
    }
    yield buf;
  }
}

/** One keep-alive pool for every download of a run. */
export class HttpFetcher {
  private readonly pool: HttpPool;
  private readonly plainHttp: (host: string) => boolean;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private readonly userAgent: string;
  private readonly signal: AbortSignal | undefined;
  private readonly log: (line: string) => void;

  constructor(opts: HttpFetcherOptions = {}) {
    this.plainHttp = opts.plainHttp ?? (() => false);
    this.retries = opts.retries ?? 3;
    this.retryDelayMs = opts.retryDelayMs ?? 500;
    this.userAgent = opts.userAgent ?? 'lading';
    this.signal = opts.signal;
    this.log = opts.log ?? ((): void => undefined);
    this.pool = new HttpPool({ keepAliveTimeout: 10_000, connections: 16, idleTimeout: 120_000, connectTimeout: 30_000, proxy: true });
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  /**
   * Checks that `text` is a URL this fetcher may use and returns it parsed. `https:` always;
   * `http:` only for a plain-http host.
   */
  checkUrl(text: string): URL {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new DownloadError('it is not a valid URL', { hint: 'write it as https://host/path' });
    }
    if (url.protocol === 'https:') return url;
    if (url.protocol === 'http:') {
      if (this.plainHttp(url.host)) return url;
      throw new DownloadError(`plain http:// is refused for ${url.host}, which is not in the plain-http input`, {
        hint: `use https://, or list ${url.host} in the plain-http input if it only serves plain HTTP`
      });
    }
    throw new DownloadError(`the ${url.protocol.replace(/:$/, '')}:// scheme is not supported here`, { hint: 'use an https:// URL' });
  }

  /** Streams `url` into `dest` (created, replaced on retry), hashing it; more than `maxBytes` fails. */
  async download(url: string, dest: string, maxBytes: number): Promise<Downloaded> {
    const first = this.checkUrl(url);
    return this.withRetries(first, async () => {
      const res = await this.get(first);
      const hash = createHash('sha256');
      let size = 0;
      const declared = Number(res.headers['content-length'] ?? 'NaN');
      if (Number.isFinite(declared) && declared > maxBytes) {
        await res.body.dump().catch(() => undefined);
        throw new DownloadError(`it is ${declared} bytes, over the ${formatLimit(maxBytes)} limit`, { hint: TOO_LARGE_HINT });
      }
      const out = createWriteStream(dest, { mode: 0o644 });
      try {
        for await (const buf of upTo(res.body, maxBytes, TOO_LARGE_HINT)) {
          size += buf.length;
          hash.update(buf);
          if (!out.write(buf)) await once(out, 'drain');
        }
        out.end();
        await once(out, 'finish');
      } catch (e) {
        out.destroy();
        await rm(dest, { force: true });
        if (e instanceof DownloadError) throw e;
        throw this.networkError(e, first);
      }
      if (Number.isFinite(declared) && declared !== size) {
        await rm(dest, { force: true });
        throw new DownloadError(`the server announced ${declared} bytes and sent ${size}`, { retriable: true });
      }
      return { size, sha256: hash.digest('hex') };
    });
  }

  /** The body of `url` in memory (index.yaml and other small documents); more than `maxBytes` fails. */
  async getBytes(url: string, maxBytes: number): Promise<Buffer> {
    const first = this.checkUrl(url);
    return this.withRetries(first, async () => {
      const res = await this.get(first);
      const chunks: Buffer[] = [];
      try {
        for await (const buf of upTo(res.body, maxBytes)) chunks.push(buf);
      } catch (e) {
        if (e instanceof DownloadError) throw e;
        throw this.networkError(e, first);
      }
      return Buffer.concat(chunks);
    });
  }

  private async withRetries<T>(url: URL, fn: () => Promise<T>): Promise<T> {
    let attempt = 0;
    for (;;) {
      try {
        return await fn();
      } catch (e) {
        const err = e instanceof DownloadError ? e : this.networkError(e, url);
        if (!err.retriable || attempt >= this.retries || this.signal?.aborted === true) {
          if (err.retriable && this.retries > 0) {
            throw new DownloadError(`${err.message} (gave up after ${attempt + 1} attempts)`, { ...(err.hint !== undefined ? { hint: err.hint } : {}), cause: err });
          }
          throw err;
        }
        attempt++;
        this.log(`${displayUrl(url)}: ${err.message}; retrying (attempt ${attempt + 1} of ${this.retries + 1})`);
        const delay = this.retryDelayMs * 2 ** (attempt - 1) * (0.75 + Math.random() / 2);
        await sleep(delay, undefined, this.signal !== undefined ? { signal: this.signal } : undefined);
      }
    }
  }

  /** GET following redirects; answers 200 or throws. A redirect may not go from https to plain http. */
  private async get(start: URL): Promise<Response> {
    let url = start;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const headers: Record<string, string> = { 'user-agent': this.userAgent, accept: '*/*', 'accept-encoding': 'identity' };
      if ((url.username !== '' || url.password !== '') && url.origin === start.origin) {
        headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
      }
      const target = new URL(url);
      target.username = '';
      target.password = '';
      let res: Response;
      try {
        res = await request(this.pool, target, { method: 'GET', headers, ...(this.signal !== undefined ? { signal: this.signal } : {}) });
      } catch (e) {
        throw this.networkError(e, url);
      }
      if (REDIRECTS.has(res.statusCode)) {
        const loc = headerValue(res.headers, 'location');
        await res.body.dump().catch(() => undefined);
        if (loc === undefined) throw new DownloadError(`${displayUrl(url)} answered a redirect without a Location`);
        const next = new URL(loc, url);
        if (next.protocol === 'http:' && url.protocol === 'https:' && !this.plainHttp(next.host)) {
          throw new DownloadError(`it redirects to plain http:// (${displayUrl(next)}), which is refused`, {
            hint: `ask for an https:// location, or list ${next.host} in the plain-http input`
          });
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new DownloadError(`it redirects to a ${next.protocol.replace(/:$/, '')}:// URL, which is refused`);
        url = next;
        continue;
      }
      if (res.statusCode === 200) return res;
      await res.body.dump().catch(() => undefined);
      throw this.statusError(res.statusCode, url, start);
    }
    throw new DownloadError(`it redirects more than ${MAX_REDIRECTS} times`);
  }

  /** `start` is the URL asked for; a redirected `url` is named in the message. */
  private statusError(status: number, url: URL, start: URL): DownloadError {
    const after = url.href !== start.href ? ` (redirected to ${displayUrl(url)})` : '';
    if (status === 404) return new DownloadError(`not found (404)${after}`, { status, hint: 'check the URL' });
    if (status === 401 || status === 403) {
      return new DownloadError(`access denied (${status})${after}`, { status, hint: 'the URL must be readable without credentials, or carry them as https://user:token@host/...' });
    }
    const transient = isTransientStatus(status);
    return new DownloadError(`the server answered ${status}${after}`, { status, retriable: transient, ...(transient ? {} : { hint: 'check the URL' }) });
  }

  private networkError(e: unknown, url: URL): DownloadError {
    if (e instanceof DownloadError) return e;
    if (this.signal?.aborted === true) return new DownloadError('cancelled', { cause: e });
    const code = errCode(e) ?? '';
    const msg = e instanceof Error ? e.message : String(e);
    const host = url.host;
    const viaProxy = proxyFailure(e, host);
    if (viaProxy !== undefined) return new DownloadError(viaProxy.message, { hint: viaProxy.hint, retriable: viaProxy.retriable, cause: e });
    if (/^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_VERIFY|EPROTO)/.test(code) || /wrong version number|certificate|ssl|tls/i.test(msg)) {
      return new DownloadError(`TLS connection to ${host} failed (${code || msg})`, {
        hint: url.protocol === 'https:' ? `check the certificate of ${host}; if it serves plain HTTP only, write http:// and list it in plain-http` : 'check the URL',
        cause: e
      });
    }
    if (code === 'ENOTFOUND') return new DownloadError(`cannot resolve host ${host}`, { hint: 'check the host name in the URL', cause: e });
    if (code === 'ECONNREFUSED') return new DownloadError(`cannot reach ${host} (connection refused)`, { hint: 'check the URL and that the server is running', retriable: true, cause: e });
    if (isTransientNetworkFailure(code, msg)) {
      return new DownloadError(`connection to ${host} failed (${code || msg})`, { retriable: true, cause: e });
    }
    return new DownloadError(`the request failed: ${msg}`, { cause: e });
  }
}
