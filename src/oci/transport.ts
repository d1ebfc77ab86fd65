/**
 * The registry client's HTTP transport: node's own `http`/`https` with keep-alive pools.
 *
 * It replaced undici here for speed: undici's HTTP/1 client is about 0.8 MB of the first chunk that
 * every run compiles before its first request, and it copies every body chunk into its WebAssembly
 * parser; node's parser is native and its `http` module comes from node's own code cache. On the
 * bench's 6-image pull that is 70-90 ms of a 0.85 s run (bench/README.md, sixth pass).
 *
 * What the client relies on, kept from undici's `request()`:
 * - a response is `{ statusCode, headers, body }`; header names are lower case, a header sent once is
 *   a string and one sent more than once an array (`WWW-Authenticate` challenges stay apart);
 * - `body` is a Readable with `dump()` (read and drop a small body, so the connection is reused;
 *   a large one closes it), `text()` and `json()`;
 * - a streamed request body is taken one chunk at a time, the next only once the socket has taken
 *   the previous one: the uploader reuses its read buffers (`src/oci/push.ts`);
 * - a connection that cannot be made in `connectTimeout`, or one where nothing moves for
 *   `idleTimeout` (waiting for the answer or within its body), fails with `ETIMEDOUT`;
 * - an aborted signal ends the request and its body at once.
 * A pool may go through the proxy the environment names (`proxy`), as undici's EnvHttpProxyAgent did.
 */
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { errCode, isTransientNetworkFailure } from './errors.js';

export type Headers = Record<string, string | string[] | undefined>;

/** A header's value (the first, when it was sent more than once); `name` in lower case. */
export function headerValue(h: Headers, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The target of a `Link: <...>; rel="next"` header (the distribution API's pagination), if any. */
export function nextLink(h: Headers): string | undefined {
  const link = headerValue(h, 'link');
  return link !== undefined ? /<([^>]+)>\s*;\s*rel="?next"?/i.exec(link)?.[1] : undefined;
}

export interface ResponseBody extends Readable {
  /** Reads and drops the rest of a small body (the connection stays open); a large one is closed. */
  dump(): Promise<void>;
  text(): Promise<string>;
  json(): Promise<unknown>;
}

export interface Response {
  statusCode: number;
  headers: Headers;
  body: ResponseBody;
}

export type RequestBody = string | Uint8Array | Readable;

export interface PoolOptions {
  /** Connections per origin. */
  connections?: number;
  connectTimeout?: number;
  idleTimeout?: number;
  /** How long an idle connection is kept for the next request. */
  keepAliveTimeout?: number;
  /** Every connection goes to this unix socket (a Docker daemon's), whatever the URL's host. */
  socketPath?: string;
  /**
   * Reach hosts through the proxy that HTTP_PROXY / HTTPS_PROXY (or their lower-case forms) name,
   * unless NO_PROXY lists them, as the runner's other tools do (node's own proxy support: HTTP
   * requests in absolute form, HTTPS through a CONNECT tunnel).
   */
  proxy?: boolean;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: RequestBody;
  signal?: AbortSignal;
}

/** Bodies larger than this are not read by `dump()`: the connection is closed instead. */
const DUMP_LIMIT = 128 * 1024;

/** Keep-alive connection pools (one per origin, for http and https) shared by a client's requests. */
export class HttpPool {
  readonly connectTimeout: number;
  readonly idleTimeout: number;
  readonly socketPath: string | undefined;
  readonly proxy: boolean;
  private readonly http: http.Agent;
  private readonly https: https.Agent;

  constructor(opts: PoolOptions = {}) {
    this.connectTimeout = opts.connectTimeout ?? 30_000;
    this.idleTimeout = opts.idleTimeout ?? 120_000;
    this.socketPath = opts.socketPath;
    this.proxy = opts.proxy === true;
    const agent = {
      keepAlive: true,
      maxSockets: opts.connections ?? 32,
      timeout: opts.keepAliveTimeout ?? 30_000,
      scheduling: 'lifo' as const,
      ...(opts.proxy === true ? { proxyEnv: process.env } : {})
    };
    this.http = new http.Agent(agent);
    this.https = new https.Agent(agent);
  }

  agentFor(url: URL): http.Agent {
    return url.protocol === 'https:' ? this.https : this.http;
  }

  /** Closes every connection, idle or not. */
  async close(): Promise<void> {
    this.http.destroy();
    this.https.destroy();
  }
}

/**
 * An error of this module's realm. Node's own errors (a reset, a refused connection) come from node's
 * realm; code run in a VM context (the tests' runner) would not see them as `instanceof Error`, and
 * p-retry refuses to retry what is not. In a plain run the realm is one and `e` is returned as it is.
 */
function ownError(e: unknown): Error {
  if (e instanceof Error) return e;
  const o = e as { message?: unknown; code?: unknown; name?: unknown };
  const err = new Error(typeof o?.message === 'string' ? o.message : String(e), { cause: e });
  if (typeof o?.name === 'string') err.name = o.name;
  if (o?.code !== undefined) Object.assign(err, { code: o.code });
  return err;
}

/**
 * A connection that failed to another address than the URL's was one to the proxy: the error gets
 * `proxy` (its address and port), so that the message can name the proxy, not the host behind it.
 */
function markProxy(e: Error, pool: HttpPool, url: URL): Error {
  const o = e as { syscall?: unknown; address?: unknown; port?: unknown };
  if (!pool.proxy || pool.socketPath !== undefined || o.syscall !== 'connect' || typeof o.port !== 'number') return e;
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  return o.port === port ? e : Object.assign(e, { proxy: `${String(o.address)}:${o.port}` });
}

/**
 * When `e` is a failed connection to the proxy (see markProxy) rather than to `host` behind it: the
 * one line to say, what to check, and whether another attempt may help.
 */
export function proxyFailure(e: unknown, host: string): { message: string; hint: string; retriable: boolean } | undefined {
  const proxy = (e as { proxy?: unknown } | undefined)?.proxy;
  if (typeof proxy !== 'string') return undefined;
  const code = errCode(e) ?? '';
  const msg = e instanceof Error ? e.message : String(e);
  return {
    message: `cannot reach the proxy ${proxy} that HTTP_PROXY/HTTPS_PROXY name for ${host} (${code || msg})`,
    hint: `check the proxy variables, or list ${host.replace(/:\d+$/, '')} in NO_PROXY to reach it directly`,
    retriable: isTransientNetworkFailure(code, msg)
  };
}

function timeoutError(message: string): Error {
  return Object.assign(new Error(message), { code: 'ETIMEDOUT' });
}

/** Header names in lower case; a header sent once is a string, one sent more than once an array. */
function headersOf(res: http.IncomingMessage): Headers {
  const out: Headers = {};
  for (const [k, v] of Object.entries(res.headersDistinct)) if (v !== undefined) out[k] = v.length === 1 ? v[0] : v;
  return out;
}

function bodyOf(res: http.IncomingMessage): ResponseBody {
  const body = res as http.IncomingMessage & ResponseBody;
  // Whatever ends the body (node's 'aborted', a timeout, an abort) reaches its reader as an ownError.
  const destroy = res.destroy.bind(res);
  res.destroy = (e?: Error) => destroy(e === undefined ? e : ownError(e));
  const closedEarly = (): Error => Object.assign(new Error('response closed before its end'), { code: 'ECONNRESET' });
  // A body may have failed before anyone reads it (its request timed out while the caller was busy
  // elsewhere): its events are gone then, so its state says it.
  const ended = (): Promise<void> =>
    new Promise((resolve, reject) => {
      if (res.readableEnded) return resolve();
      if (res.errored !== null) return reject(res.errored);
      if (res.destroyed) return reject(closedEarly());
      res.once('end', resolve);
      res.once('error', reject);
      res.once('close', () => (res.readableEnded ? resolve() : reject(res.errored ?? closedEarly())));
    });
  body.dump = async () => {
    if (res.destroyed || res.readableEnded) return;
    const length = Number(res.headers['content-length'] ?? NaN);
    if (length > DUMP_LIMIT) {
      res.destroy();
      return;
    }
    let seen = 0;
    res.on('data', (c: Buffer) => {
      seen += c.length;
      if (seen > DUMP_LIMIT) res.destroy();
    });
    await ended().catch(() => undefined);
  };
  body.text = async () => {
    const parts: Buffer[] = [];
    res.on('data', (c: Buffer) => parts.push(c));
    await ended();
    return Buffer.concat(parts).toString('utf8');
  };
  body.json = async () => JSON.parse(await body.text()) as unknown;
  return body;
}

/** Writes a streamed body one chunk at a time: the next chunk is read only once the socket took this one. */
async function pump(src: Readable, req: http.ClientRequest): Promise<void> {
  try {
    for await (const chunk of src) {
      if (req.destroyed) break;
      await new Promise<void>((resolve, reject) => req.write(chunk as Uint8Array, (e) => (e ? reject(e) : resolve())));
    }
    if (!req.destroyed) req.end();
  } catch (e) {
    req.destroy(e instanceof Error ? e : new Error(String(e)));
  }
}

/** One request; resolves when the answer's status and headers have come, its body still to read. */
export function request(pool: HttpPool, target: URL | string, opts: RequestOptions = {}): Promise<Response> {
  const url = typeof target === 'string' ? new URL(target) : target;
  const body = opts.body;
  const method = opts.method ?? (body !== undefined ? 'PUT' : 'GET');
  const signal = opts.signal;
  return new Promise<Response>((resolve, reject) => {
    if (signal?.aborted === true) return reject(ownError(signal.reason ?? Object.assign(new Error('aborted'), { name: 'AbortError', code: 'ABORT_ERR' })));
    const mod = url.protocol === 'https:' ? https : http;
    const req = mod.request(url, { method, headers: opts.headers ?? {}, agent: pool.agentFor(url), ...(pool.socketPath !== undefined ? { socketPath: pool.socketPath } : {}), ...(signal !== undefined ? { signal } : {}) });
    let res: http.IncomingMessage | undefined;
    req.on('error', (e) => {
      // Before the answer the request fails; after it (a timeout, an abort, a reset) its body does.
      if (res === undefined) reject(markProxy(ownError(e), pool, url));
      else if (!res.destroyed) res.destroy(e);
    });
    req.setTimeout(pool.idleTimeout, () => req.destroy(timeoutError(`nothing received for ${Math.round(pool.idleTimeout / 1000)} s`)));
    req.once('socket', (socket: Socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(() => req.destroy(timeoutError(`could not connect in ${Math.round(pool.connectTimeout / 1000)} s`)), pool.connectTimeout);
      const clear = (): void => clearTimeout(timer);
      socket.once('connect', clear);
      socket.once('secureConnect', clear);
      socket.once('close', clear);
    });
    req.once('response', (answer) => {
      res = answer;
      resolve({ statusCode: answer.statusCode ?? 0, headers: headersOf(answer), body: bodyOf(answer) });
    });
    if (body === undefined) req.end();
    else if (typeof body === 'string' || body instanceof Uint8Array) req.end(body);
    else {
      body.once('error', (e) => req.destroy(e));
      void pump(body, req);
    }
  });
}
