/**
 * Pushing to an OCI registry through the run's one RegistryClient (its auth, token cache per scope
 * set, retries with backoff and Retry-After, and error wording):
 *
 * - blobs: `HEAD` first and skip what exists; a cross-repository mount when the blob is known in
 *   another repository of the same registry (201 = done, 202 = go on with the upload it started,
 *   any failure = upload normally); one streaming `PUT` for ordinary blobs; `PATCH` chunks with
 *   `Content-Range` for large blobs (or whenever the registry sets `OCI-Chunk-Min-Length`), where a
 *   failed chunk is retried alone after asking the registry how far the upload got (`GET` on the
 *   upload URL); an upload the registry lost starts over;
 * - manifests by digest or tag, with the registry's digest checked against ours.
 *
 * Request bodies are streamed from disk (memory stays flat whatever the blob size) and are not
 * replayable, so auth is always settled by a bodiless request (`HEAD`, `POST`) first. Upload
 * locations are used exactly as the registry gives them (relative or absolute, any path).
 */
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { headerValue, type Response } from './transport.js';
import { repositoryScope } from './auth.js';
import type { RegistryClient } from './client.js';
import { Digester, digestAlgorithm, type Digest } from './digest.js';
import { OciError } from './errors.js';
import { MANIFEST_ACCEPT } from './mediatypes.js';
import type { Reference } from './reference.js';

export const MiB = 1024 * 1024;
/** Blobs larger than this go up in PATCH chunks (a failed chunk is retried alone). */
export const DEFAULT_CHUNK_THRESHOLD = 64 * MiB;
/** PATCH chunk size (raised to the registry's OCI-Chunk-Min-Length when it asks for more). */
export const DEFAULT_CHUNK_SIZE = 16 * MiB;
/** An upload request that sends nothing for this long is aborted and retried. */
export const DEFAULT_STALL_TIMEOUT_MS = 120_000;
/** Times an upload the registry lost (or rejected at the end) starts over. */
export const DEFAULT_UPLOAD_RESTARTS = 3;

/** Where a blob's bytes are: a file (streamed, never read whole) or bytes in memory. */
export type BlobContent = { file: string } | { bytes: Uint8Array };

export interface PushBlobOptions {
  /** Other repositories of the same registry that hold the blob: tried in order as mount sources. */
  mountFrom?: readonly string[];
  /** Chunked upload above this size (default 64 MiB). */
  chunkThreshold?: number;
  /** PATCH chunk size (default 16 MiB). */
  chunkSize?: number;
  /** Abort an upload request that makes no progress for this long (default 120 s). */
  stallTimeoutMs?: number;
  /** How many times a lost upload may start over (default 3). */
  restarts?: number;
  /** New bytes sent (never counts a resent byte twice). */
  onProgress?: (bytes: number) => void;
  /** The caller has just checked that the repository lacks the blob: skip the first HEAD. */
  knownMissing?: boolean;
  /** Debug lines (a mount that did not work, an upload that starts over). */
  debug?: (message: string) => void;
}

export interface PushBlobResult {
  /** `exists`: the repository had it; `mounted`: linked from `from`; `uploaded`: bytes were sent. */
  outcome: 'exists' | 'mounted' | 'uploaded';
  from?: string;
  /** PATCH chunks used (0 for a single PUT). */
  chunks: number;
}

interface Session {
  /** Absolute upload URL, exactly as the registry gave it (resolved against the request URL). */
  url: string;
  scopes: string[];
  /** OCI-Chunk-Min-Length, when the registry sent it. */
  minChunk?: number;
}

/** The scopes a push to `repository` needs, push first (some registries read only the first). */
export function pushScopes(repository: string): string[] {
  return [repositoryScope(repository, ['push', 'pull'])];
}

function origin(client: RegistryClient, host: string): string {
  return `${client.scheme(host)}://${host}`;
}

/** Appends `digest=` to an upload URL without re-encoding what the registry put in its query. */
function withDigest(url: string, digest: Digest): string {
  const hash = url.indexOf('#');
  const base = hash >= 0 ? url.slice(0, hash) : url;
  return `${base}${base.includes('?') ? '&' : '?'}digest=${encodeURIComponent(digest)}`;
}

function short(d: Digest): string {
  return `${d.slice(0, d.indexOf(':') + 13)}…`;
}

/** `0-1023` (or `bytes=0-1023`) -> 1024, the next byte to send; `0-0` is read as nothing received. */
function nextOffset(range: string | undefined): number | undefined {
  if (range === undefined) return undefined;
  const m = /^(?:bytes=)?(\d+)-(\d+)$/.exec(range.trim());
  if (m === null) return undefined;
  const end = Number(m[2]);
  return end === 0 ? 0 : end + 1;
}

const lost = (what: string, cause?: unknown): OciError => new OciError(`${what}: the registry lost the upload`, { code: 'UPLOAD_LOST', ...(cause !== undefined ? { cause } : {}) });

/**
 * One line for a failed push request. 401/403 name the repository and the scope refused; a 404
 * `NAME_UNKNOWN` (registries without push-to-create, such as ECR) says to create the repository.
 */
export async function pushFailure(client: RegistryClient, res: Response, ref: Reference, what: string, scopes: readonly string[]): Promise<OciError> {
  const host = ref.endpoint;
  const status = res.statusCode;
  const base = await client.responseError(res, host, what, ref);
  const code = /\(([A-Z][A-Z_]+)(?::[^)]*)?\)(?: \(gave up.*)?$/.exec(base.message)?.[1];
  if (status === 401 || status === 403) {
    return new OciError(`${host} refused push access to ${ref.repository} (${what}; scope ${scopes.join(' ')})`, {
      status,
      code: 'DENIED',
      hint: `use credentials that may push to ${ref.repository} on ${host}: log in first (docker login / docker/login-action) or set the username and password inputs; on GHCR the job needs \`permissions: packages: write\``
    });
  }
  if (status === 404 && (code === 'NAME_UNKNOWN' || code === undefined)) {
    return new OciError(`repository ${ref.repository} does not exist on ${host}, and this registry does not create repositories on push`, {
      status,
      code: 'NAME_UNKNOWN',
      hint: `create the repository ${ref.repository} on ${host} first (for ECR: aws ecr create-repository --repository-name ${ref.repository}), then run again`
    });
  }
  return base;
}

/** One HEAD of a blob or manifest, no retry: true when present, false on 404. */
async function headOnce(client: RegistryClient, ref: Reference, digest: Digest, scopes: string[], kind: 'blobs' | 'manifests' = 'blobs'): Promise<boolean> {
  // Without an Accept naming OCI types, some registries (distribution) answer 404 for an OCI manifest.
  const headers = kind === 'manifests' ? { accept: MANIFEST_ACCEPT.join(', ') } : undefined;
  const res = await client.send({ method: 'HEAD', host: ref.endpoint, path: `/v2/${ref.repository}/${kind}/${digest}`, scopes, ...(headers !== undefined ? { headers } : {}) });
  if (res.statusCode === 200 || res.statusCode === 404) {
    await res.body.dump();
    return res.statusCode === 200;
  }
  throw await pushFailure(client, res, ref, kind === 'blobs' ? `blob ${digest}` : `manifest ${ref.name}@${digest}`, scopes);
}

/**
 * Whether an upload can be skipped: the blob's HEAD (with retries when `retried`). A registry that keeps
 * answering it with a server error (e.g. distribution with a repository link file left damaged by a
 * crash answers 500 for that blob forever) is taken as "not there": the upload that follows writes
 * the blob and its link again, where failing would leave the push stuck. Auth and other errors throw.
 */
async function presentOrUpload(client: RegistryClient, ref: Reference, digest: Digest, scopes: string[], debug: (line: string) => void, retried: boolean): Promise<boolean> {
  try {
    return retried ? await blobExists(client, ref, digest, scopes) : await headOnce(client, ref, digest, scopes);
  } catch (e) {
    if (!(e instanceof OciError) || e.status === undefined || e.status < 500) throw e;
    debug(`${e.message}; uploading ${digest} (an upload writes it again)`);
    return false;
  }
}

/** HEAD with retries, under the push scopes (so one token serves the whole push). */
export async function blobExists(client: RegistryClient, ref: Reference, digest: Digest, scopes = pushScopes(ref.repository)): Promise<boolean> {
  return client.retry(`blob ${digest} in ${ref.name}`, () => headOnce(client, ref, digest, scopes));
}

/** POST to start an upload (optionally a mount); 201 means the mount is done. One attempt. */
async function startOnce(client: RegistryClient, ref: Reference, scopes: string[], query: string): Promise<'mounted' | Session> {
  const host = ref.endpoint;
  const path = `/v2/${ref.repository}/blobs/uploads/${query}`;
  const res = await client.send({ method: 'POST', host, path, scopes, headers: { 'content-length': '0' } });
  if (res.statusCode === 201 && query !== '') {
    await res.body.dump();
    return 'mounted';
  }
  if (res.statusCode !== 202) throw await pushFailure(client, res, ref, `upload to ${ref.name}`, scopes);
  await res.body.dump();
  const location = headerValue(res.headers, 'location');
  if (location === undefined || location === '') throw new OciError(`${host} started an upload to ${ref.name} without a Location`, { code: 'BAD_UPLOAD', retriable: true });
  const min = Number(headerValue(res.headers, 'oci-chunk-min-length') ?? '');
  return {
    url: new URL(location, `${origin(client, host)}${path}`).toString(),
    scopes,
    ...(Number.isSafeInteger(min) && min > 0 ? { minChunk: min } : {})
  };
}

async function startUpload(client: RegistryClient, ref: Reference, scopes: string[]): Promise<Session> {
  return client.retry(`upload to ${ref.name}`, async () => (await startOnce(client, ref, scopes, '')) as Session);
}

/** Counts bytes once however often they are resent, and notices an upload that makes no progress. */
class Tracker {
  private high = 0;
  constructor(private readonly onProgress: ((bytes: number) => void) | undefined) {}
  reached(absolute: number): void {
    if (absolute > this.high) {
      this.onProgress?.(absolute - this.high);
      this.high = absolute;
    }
  }
}

const READ_CHUNK = 512 * 1024;
const SMALL_READ = 64 * 1024;

/**
 * The read buffers of one blob's upload (its PUT, or all its PATCH chunks), used in turn. A fresh
 * buffer for every read of a large blob leaves tens of MiB of garbage waiting for a collection (peak
 * memory); these are reused instead. That is safe because the body stream holds at most one chunk
 * (highWaterMark 1) and the transport takes the next chunk only once the socket has taken the
 * previous one (`src/oci/transport.ts`): at most three buffers are in use at once (one waiting in
 * the stream, one being written, one being read), and there are six. A mistake here could not go
 * unnoticed: the registry checks the blob's digest.
 */
class ReadBuffers {
  private readonly list: Buffer[] = [];
  private i = 0;
  constructor(
    private readonly size = READ_CHUNK,
    private readonly count = 6
  ) {}
  next(): Buffer {
    const k = this.i++ % this.count;
    let b = this.list[k];
    if (b === undefined) {
      b = Buffer.allocUnsafeSlow(this.size);
      this.list[k] = b;
    }
    return b;
  }
}

interface StreamedBody {
  body: Readable;
  signal: AbortSignal;
  stalled(): boolean;
  close(): void;
}

/** Bytes `start..end` (inclusive) of the content as a request body, aborted when it stops moving. */
function streamBody(content: BlobContent, start: number, end: number, tracker: Tracker, stallMs: number, buffers: ReadBuffers): StreamedBody {
  const controller = new AbortController();
  let last = Date.now();
  let stalled = false;
  let finished = false;
  const timer = setInterval(() => {
    if (!finished && Date.now() - last > stallMs) {
      stalled = true;
      controller.abort(new Error(`no progress for ${Math.round(stallMs / 1000)} s`));
    }
  }, Math.max(50, Math.min(5000, Math.floor(stallMs / 4))));
  timer.unref();
  const close = (): void => {
    finished = true;
    clearInterval(timer);
  };
  async function* generate(): AsyncGenerator<Uint8Array> {
    let pos = start;
    if (end < start) {
      close();
      return;
    }
    if ('bytes' in content) {
      const slice = content.bytes.subarray(start, end + 1);
      last = Date.now();
      yield slice;
      tracker.reached(end + 1);
      close();
      return;
    }
    const fh = await open(content.file, 'r');
    try {
      while (pos <= end) {
        const left = end + 1 - pos;
        const buf = end + 1 - start <= SMALL_READ ? Buffer.allocUnsafe(left) : buffers.next();
        const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, left), pos);
        if (bytesRead === 0) throw new OciError(`${content.file} is shorter than expected (ends at byte ${pos}, not ${end + 1})`, { code: 'SIZE_MISMATCH' });
        last = Date.now();
        yield buf.subarray(0, bytesRead);
        pos += bytesRead;
        last = Date.now();
        tracker.reached(pos);
      }
    } finally {
      close();
      await fh.close();
    }
  }
  // At most one chunk waits in the stream (highWaterMark 1): see ReadBuffers.
  return { body: Readable.from(generate(), { objectMode: false, highWaterMark: 1 }), signal: controller.signal, stalled: () => stalled, close };
}

/** Sends a streamed body; a stalled or broken transfer becomes a retriable OciError. */
async function sendStreamed(
  client: RegistryClient,
  opts: { method: 'PUT' | 'PATCH'; host: string; url: string; scopes: string[]; headers: Record<string, string> },
  streamed: StreamedBody,
  what: string
): Promise<Response> {
  try {
    return await client.send({ method: opts.method, host: opts.host, path: opts.url, scopes: opts.scopes, headers: opts.headers, body: streamed.body, replayable: false, signal: streamed.signal });
  } catch (e) {
    if (streamed.stalled()) throw new OciError(`${what}: the upload made no progress and was aborted`, { code: 'STALLED', retriable: true, cause: e });
    if (e instanceof OciError) throw e;
    throw client.networkError(e, opts.host);
  } finally {
    streamed.close();
  }
}

function checkCreated(res: Response, digest: Digest, host: string): void {
  const sent = headerValue(res.headers, 'docker-content-digest');
  if (sent !== undefined && sent !== '' && digestAlgorithm(digest) === sent.split(':')[0] && sent !== digest) {
    throw new OciError(`${host} stored blob ${digest} under the digest ${sent}`, { code: 'DIGEST_MISMATCH', hint: 'the registry or a proxy altered the upload' });
  }
}

/** Is this failure of the final PUT a sign that the uploaded bytes are not what they should be? */
function rejectedContent(e: OciError): boolean {
  return e.status === 400 && /DIGEST_INVALID|BLOB_UPLOAD_INVALID|SIZE_INVALID/.test(e.message);
}

/** One streaming PUT of the whole blob. */
async function putWhole(client: RegistryClient, ref: Reference, digest: Digest, size: number, content: BlobContent, session: Session, tracker: Tracker, stallMs: number, buffers: ReadBuffers): Promise<void> {
  const host = ref.endpoint;
  const what = `upload of blob ${digest} to ${ref.name}`;
  const streamed = streamBody(content, 0, size - 1, tracker, stallMs, buffers);
  const res = await sendStreamed(
    client,
    { method: 'PUT', host, url: withDigest(session.url, digest), scopes: session.scopes, headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) } },
    streamed,
    what
  );
  if (res.statusCode !== 201 && res.statusCode !== 204 && res.statusCode !== 200) throw await pushFailure(client, res, ref, what, session.scopes);
  await res.body.dump();
  checkCreated(res, digest, host);
}

/** GET on the upload URL: how many bytes the registry holds, and where to send the next ones. */
async function uploadStatus(client: RegistryClient, ref: Reference, session: Session, what: string): Promise<{ url: string; next: number }> {
  const host = ref.endpoint;
  const res = await client.send({ method: 'GET', host, path: session.url, scopes: session.scopes });
  if (res.statusCode === 404 || res.statusCode === 400 || res.statusCode === 416) {
    const e = await client.responseError(res, host, what, ref);
    throw lost(what, e);
  }
  if (res.statusCode !== 204 && res.statusCode !== 200) throw await pushFailure(client, res, ref, what, session.scopes);
  await res.body.dump();
  const location = headerValue(res.headers, 'location');
  const next = nextOffset(headerValue(res.headers, 'range'));
  if (next === undefined) throw lost(`${what} (no Range in the upload status)`);
  return { url: location !== undefined && location !== '' ? new URL(location, session.url).toString() : session.url, next };
}

/** PATCH chunks, each retried alone; then the closing PUT. Throws UPLOAD_LOST when it must start over. */
async function putChunked(
  client: RegistryClient,
  ref: Reference,
  digest: Digest,
  size: number,
  content: BlobContent,
  session: Session,
  tracker: Tracker,
  opts: { chunkSize: number; stallMs: number; buffers: ReadBuffers }
): Promise<number> {
  const host = ref.endpoint;
  const chunk = Math.max(opts.chunkSize, session.minChunk ?? 0);
  let url = session.url;
  let offset = 0;
  let chunks = 0;
  while (offset < size) {
    const end = Math.min(offset + chunk, size) - 1;
    const what = `blob ${short(digest)} bytes ${offset}-${end}`;
    let resync = false;
    await client.retry(what, async () => {
      if (resync) {
        const st = await uploadStatus(client, ref, { ...session, url }, what);
        url = st.url;
        if (st.next > size) throw lost(`${what}: the registry reports ${st.next} bytes of a ${size}-byte blob`);
        offset = st.next;
        if (offset > end) return;
      }
      resync = true;
      const streamed = streamBody(content, offset, end, tracker, opts.stallMs, opts.buffers);
      const res = await sendStreamed(
        client,
        {
          method: 'PATCH',
          host,
          url,
          scopes: session.scopes,
          headers: { 'content-type': 'application/octet-stream', 'content-length': String(end - offset + 1), 'content-range': `${offset}-${end}` }
        },
        streamed,
        what
      );
      chunks++;
      if (res.statusCode === 416) {
        await res.body.dump();
        throw new OciError(`${what}: the registry did not accept the range`, { code: 'RANGE', retriable: true });
      }
      if (res.statusCode === 404 || res.statusCode === 400) throw lost(what, await client.responseError(res, host, what, ref));
      if (res.statusCode !== 202 && res.statusCode !== 201 && res.statusCode !== 204) throw await pushFailure(client, res, ref, `upload of blob ${digest} to ${ref.name}`, session.scopes);
      await res.body.dump();
      const location = headerValue(res.headers, 'location');
      if (location !== undefined && location !== '') url = new URL(location, url).toString();
      const next = nextOffset(headerValue(res.headers, 'range'));
      offset = next !== undefined && next > 0 ? next : end + 1;
      if (offset > size) throw lost(`${what}: the registry reports ${offset} bytes of a ${size}-byte blob`);
      resync = false;
    });
  }
  const what = `completing the upload of blob ${digest} to ${ref.name}`;
  let again = false;
  await client.retry(what, async () => {
    if (again) {
      if (await headOnce(client, ref, digest, session.scopes)) return;
      const st = await uploadStatus(client, ref, { ...session, url }, what);
      url = st.url;
      if (st.next !== size) throw lost(`${what}: the registry holds ${st.next} of ${size} bytes`);
    }
    again = true;
    const res = await client.send({ method: 'PUT', host, path: withDigest(url, digest), scopes: session.scopes, headers: { 'content-type': 'application/octet-stream', 'content-length': '0' }, body: '' });
    if (res.statusCode === 404) throw lost(what, await client.responseError(res, host, what, ref));
    if (res.statusCode !== 201 && res.statusCode !== 204 && res.statusCode !== 200) {
      const e = await pushFailure(client, res, ref, what, session.scopes);
      throw rejectedContent(e) ? lost(what, e) : e;
    }
    await res.body.dump();
    checkCreated(res, digest, host);
  });
  return chunks;
}

/**
 * Pushes one blob into `ref`'s repository: skipped when present, mounted when another repository of
 * the registry has it, else uploaded (one PUT, or PATCH chunks above the threshold).
 */
export async function pushBlob(client: RegistryClient, ref: Reference, blob: { digest: Digest; size: number }, content: BlobContent, opts: PushBlobOptions = {}): Promise<PushBlobResult> {
  const scopes = pushScopes(ref.repository);
  const debug = opts.debug ?? ((): void => undefined);
  const { digest, size } = blob;
  if (opts.knownMissing !== true && (await presentOrUpload(client, ref, digest, scopes, debug, true))) return { outcome: 'exists', chunks: 0 };

  let session: Session | undefined;
  for (const from of opts.mountFrom ?? []) {
    if (from === ref.repository) continue;
    const mountScopes = [...scopes, repositoryScope(from, ['pull'])];
    try {
      const r = await startOnce(client, ref, mountScopes, `?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`);
      if (r === 'mounted') return { outcome: 'mounted', from, chunks: 0 };
      session = r; // 202: the registry started an ordinary upload instead
      break;
    } catch (e) {
      if (e instanceof OciError && e.code === 'CANCELLED') throw e;
      debug(`mount of ${digest} from ${from} did not work (${e instanceof Error ? e.message : String(e)}); uploading it`);
    }
  }

  const tracker = new Tracker(opts.onProgress);
  const buffers = new ReadBuffers();
  const stallMs = opts.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  const chunkThreshold = opts.chunkThreshold ?? DEFAULT_CHUNK_THRESHOLD;
  const restarts = opts.restarts ?? DEFAULT_UPLOAD_RESTARTS;

  session ??= await startUpload(client, ref, scopes);
  if (size > chunkThreshold || session.minChunk !== undefined) {
    let chunks = 0;
    for (let restart = 0; ; restart++) {
      try {
        chunks += await putChunked(client, ref, digest, size, content, session, tracker, { chunkSize: opts.chunkSize ?? DEFAULT_CHUNK_SIZE, stallMs, buffers });
        return { outcome: 'uploaded', chunks };
      } catch (e) {
        if (!(e instanceof OciError) || e.code !== 'UPLOAD_LOST' || restart >= restarts) {
          if (e instanceof OciError && e.code === 'UPLOAD_LOST') {
            throw new OciError(`upload of blob ${digest} to ${ref.name} failed: the registry lost it ${restart + 1} times`, { code: 'UPLOAD_LOST', retriable: false, cause: e, hint: 'the registry keeps dropping this upload; try again later' });
          }
          throw e;
        }
        debug(`${e.message}; starting the upload of ${digest} over`);
        if (await presentOrUpload(client, ref, digest, scopes, debug, true)) return { outcome: 'uploaded', chunks };
        session = await startUpload(client, ref, session.scopes);
      }
    }
  }

  let attempt = 0;
  let current: Session | undefined = session;
  const sessionScopes = session.scopes;
  await client.retry(`upload of blob ${digest} to ${ref.name}`, async () => {
    if (attempt++ > 0 && (await presentOrUpload(client, ref, digest, sessionScopes, debug, false))) return;
    const s: Session = current ?? ((await startOnce(client, ref, sessionScopes, '')) as Session);
    current = undefined; // a failed PUT leaves the session unusable: the next attempt starts a new one
    await putWhole(client, ref, digest, size, content, s, tracker, stallMs, buffers);
  });
  return { outcome: 'uploaded', chunks: 0 };
}

/** HEAD a manifest by digest (push scopes): true when the repository has it. */
export async function manifestExists(client: RegistryClient, ref: Reference, digest: Digest, scopes = pushScopes(ref.repository)): Promise<boolean> {
  return client.retry(`manifest ${ref.name}@${digest}`, () => headOnce(client, ref, digest, scopes, 'manifests'));
}

/**
 * PUTs a manifest (or index) under `selector` (a digest or a tag). The digest of the bytes is
 * returned; the registry's Docker-Content-Digest must agree.
 */
export async function pushManifest(client: RegistryClient, ref: Reference, selector: string, bytes: Uint8Array, mediaType: string, scopes = pushScopes(ref.repository)): Promise<Digest> {
  const host = ref.endpoint;
  const h = new Digester('sha256');
  h.update(bytes);
  const digest = h.digest();
  const what = `manifest ${ref.name}${selector.includes(':') ? '@' : ':'}${selector}`;
  await client.retry(what, async () => {
    const res = await client.send({ method: 'PUT', host, path: `/v2/${ref.repository}/manifests/${selector}`, scopes, headers: { 'content-type': mediaType }, body: Buffer.from(bytes) });
    if (res.statusCode !== 201 && res.statusCode !== 200 && res.statusCode !== 204) {
      const e = await pushFailure(client, res, ref, `push of ${what}`, scopes);
      if (e.status === 400) throw new OciError(`${host} rejected ${what}: ${e.message}`, { status: 400, code: 'MANIFEST_INVALID', hint: 'the registry may not accept this manifest (size limits or media types); see its message' });
      throw e;
    }
    await res.body.dump();
    const sent = headerValue(res.headers, 'docker-content-digest');
    if (sent !== undefined && sent !== '' && sent.startsWith('sha256:') && sent !== digest) {
      throw new OciError(`${host} stored ${what} under the digest ${sent}, not ${digest}`, { code: 'DIGEST_MISMATCH', hint: 'the registry rewrote the manifest' });
    }
  });
  return digest;
}

/** Reads a small blob into memory (at most `maxBytes`), verified against its digest. */
export async function fetchBlobBytes(client: RegistryClient, ref: Reference, blob: { digest: Digest; size?: number }, maxBytes = 16 * MiB, scopes = [repositoryScope(ref.repository, ['pull'])]): Promise<Buffer> {
  const host = ref.endpoint;
  const what = `blob ${blob.digest} of ${ref.name}`;
  if (blob.size !== undefined && blob.size > maxBytes) throw new OciError(`${what} is ${blob.size} bytes, more than the ${maxBytes} expected`, { code: 'TOO_LARGE' });
  return client.retry(what, async () => {
    const res = await client.send({ method: 'GET', host, path: `/v2/${ref.repository}/blobs/${blob.digest}`, scopes });
    if (res.statusCode !== 200) throw await client.responseError(res, host, what, ref);
    const chunks: Buffer[] = [];
    let n = 0;
    try {
      for await (const c of res.body) {
        n += (c as Buffer).length;
        if (n > maxBytes) {
          res.body.destroy();
          throw new OciError(`${what} is more than the ${maxBytes} bytes expected`, { code: 'TOO_LARGE' });
        }
        chunks.push(c as Buffer);
      }
    } catch (e) {
      if (e instanceof OciError) throw e;
      throw client.networkError(e, host);
    }
    const bytes = Buffer.concat(chunks);
    const h = new Digester(digestAlgorithm(blob.digest));
    h.update(bytes);
    if (h.digest() !== blob.digest || (blob.size !== undefined && bytes.length !== blob.size)) {
      throw new OciError(`${what} does not match its digest`, { code: 'DIGEST_MISMATCH', hint: 'the registry or a proxy altered the content' });
    }
    return bytes;
  });
}
