/**
 * A stand-in for the GitHub Actions cache service (v2), faithful to the protocol @actions/cache 6.x
 * speaks, on 127.0.0.1:
 *
 * - Twirp JSON: `POST /twirp/github.actions.results.api.v1.CacheService/<Method>` with
 *   `Authorization: Bearer <ACTIONS_RUNTIME_TOKEN>`, snake_case fields, int64 as strings:
 *   - CreateCacheEntry {key, version} -> {ok, signed_upload_url}; a key+version that exists (finalized or
 *     being uploaded) -> 409 {"code":"already_exists","msg":...}.
 *   - FinalizeCacheEntryUpload {key, version, size_bytes} -> {ok, entry_id}; the uploaded size must match.
 *   - GetCacheEntryDownloadURL {key, restore_keys, version} -> {ok, signed_download_url, matched_key};
 *     a miss is {ok:false}. Lookup: the key exactly, then as a prefix (newest first), then each restore
 *     key exactly, then as a prefix; only entries of the same version.
 *   - Errors are JSON `{code, msg}` with the twirp status (401 unauthenticated, 404 bad_route/not_found,
 *     400 malformed, 409 already_exists, 5xx internal/unavailable).
 * - Blob storage, Azure-style, at `/<account>/<container>/<blob>?<sas>` (a loopback host makes the Azure
 *   SDK take the account from the first path segment): `PUT` with `x-ms-blob-type: BlockBlob` (one shot),
 *   or `PUT ?comp=block&blockid=<base64>` pieces then `PUT ?comp=blocklist` with `<BlockList>` XML naming
 *   the blocks in order; every one answers 201. Download is a `GET` with an exact Content-Length and an
 *   `ETag`; `x-ms-range` (the Azure SDK's) or `Range` is honoured.
 * - `azureHost: true`: the storage URLs handed out are `http://devstoreaccount1.blob.core.windows.net/...`,
 *   reached through this server as an HTTP forward proxy (`env` then sets HTTP_PROXY, and NO_PROXY for
 *   127.0.0.1). @actions/cache uses the Azure SDK only for `*.blob.core.windows.net` (ranged parallel
 *   download into memory, block upload), so this is the path a GitHub-hosted runner takes; without it the
 *   library falls back to one plain HTTP stream.
 *   The SAS signature is checked; a wrong or missing one answers 403 like Azure.
 */
import crypto from 'node:crypto';
import http from 'node:http';
/** Loopback only (no import of ports.ts, so that plain node can load this file with type stripping: the bench does). */
const LOOPBACK = '127.0.0.1';

export const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.CacheService/';
const ACCOUNT = 'devstoreaccount1';
const CONTAINER = 'actions-cache';
const AZURE_HOST = `${ACCOUNT}.blob.core.windows.net`;

export interface CacheServiceEntry {
  id: number;
  key: string;
  version: string;
  /** the uploaded archive (tar + zstd, as the library made it) */
  data: Buffer;
  createdAt: number;
  lastAccessedAt: number;
}

export interface CacheServiceCall {
  method: string;
  status: number;
  request: Record<string, unknown>;
  response: Record<string, unknown>;
}

export interface StorageRequest {
  method: string;
  path: string;
  /** comp=block / comp=blocklist / '' */
  comp: string;
  status: number;
  bytes: number;
  /** a paced download, or a stalled upload, the client closed before it was answered */
  aborted?: boolean;
}

/** An injected failure for twirp methods (all when `methods` is unset). */
export interface CacheServiceFault {
  status: number;
  code: string;
  msg: string;
  methods?: string[];
  /** how many times it fires (default: until cleared) */
  times?: number;
}

export interface CacheServiceFixture {
  /** `http://127.0.0.1:PORT/` — ACTIONS_RESULTS_URL */
  url: string;
  token: string;
  /** what the runner sets for a step that may use the cache service v2 */
  env: Record<string, string>;
  /** finalized entries, newest first */
  entries(): CacheServiceEntry[];
  /** twirp calls, in order (since start or clearLog()) */
  calls(method?: string): CacheServiceCall[];
  /** blob storage requests, in order (since start or clearLog()) */
  storage(): StorageRequest[];
  clearLog(): void;
  /** replace the archive of an entry (e.g. to corrupt a file inside it) */
  setEntryData(key: string, data: Buffer): void;
  deleteEntry(key: string): void;
  fault(f: CacheServiceFault | undefined): void;
  /** Every `GET` of an entry's archive answers `status` (a `HEAD` still succeeds); undefined stops it. */
  failDownloads(status: number | undefined): void;
  /** pace entry downloads to about `bytesPerSecond` (a slow storage account); undefined: full speed */
  slowDownloads(bytesPerSecond: number | undefined): void;
  /** true: uploads (PUT) are read but never answered, until the client goes away (a stuck upload) */
  stallUploads(on: boolean): void;
  /**
   * true: lookups (GetCacheEntryDownloadURL) miss, as they did for a job that looked before another
   * job's entry was finalized; saving still sees every entry (409 already_exists).
   */
  hideEntries(on: boolean): void;
  stop(): Promise<void>;
}

interface Pending {
  id: number;
  key: string;
  version: string;
  blobName: string;
  /** one-shot upload */
  data?: Buffer;
  /** staged blocks by (decoded) id */
  blocks: Map<string, Buffer>;
  /** committed block list */
  committed?: Buffer;
}

function twirpError(res: http.ServerResponse, status: number, code: string, msg: string): Record<string, unknown> {
  const body = { code, msg };
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
  return body;
}

function azureError(res: http.ServerResponse, status: number, code: string, message: string): void {
  const xml = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'x-ms-error-code': code, 'x-ms-request-id': crypto.randomUUID(), 'x-ms-version': '2025-01-05' });
  res.end(xml);
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** `<BlockList><Latest>id</Latest><Committed>..</Committed><Uncommitted>..</Uncommitted></BlockList>` -> ids in order */
export function parseBlockList(xml: string): string[] {
  const out: string[] = [];
  const re = /<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g;
  for (let m = re.exec(xml); m !== null; m = re.exec(xml)) out.push(m[2] as string);
  return out;
}

export async function startCacheService(opts: { token?: string; azureHost?: boolean } = {}): Promise<CacheServiceFixture> {
  const token = opts.token ?? `runtime-token-${crypto.randomBytes(8).toString('hex')}`;
  const sig = crypto.randomBytes(12).toString('base64url');
  const entries: CacheServiceEntry[] = [];
  const pending = new Map<string, Pending>(); // by blob name
  const calls: CacheServiceCall[] = [];
  const storageLog: StorageRequest[] = [];
  let fault: (CacheServiceFault & { left: number }) | undefined;
  let downloadRate: number | undefined;
  let downloadsFail: number | undefined;
  let uploadsStalled = false;
  let entriesHidden = false;
  let nextId = 1;
  let clock = 0;
  const tick = (): number => Date.now() * 1000 + (clock++ % 1000); // strictly increasing "creation time"
  let origin = '';
  let storageBase = (): string => `${origin}${ACCOUNT}/`;

  const sas = (perm: string): string => `sv=2025-01-05&se=2099-01-01T00%3A00%3A00Z&sr=b&sp=${perm}&sig=${encodeURIComponent(sig)}`;

  async function twirp(method: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await readBody(req);
    let body: Record<string, unknown> = {};
    const record = (status: number, response: Record<string, unknown>): void => {
      calls.push({ method, status, request: body, response });
    };
    if (req.method !== 'POST') return record(404, twirpError(res, 404, 'bad_route', `no handler for ${req.method} ${req.url}`));
    if (req.headers.authorization !== `Bearer ${token}`) return record(401, twirpError(res, 401, 'unauthenticated', 'invalid or missing runtime token'));
    if (!/^application\/json/.test(req.headers['content-type'] ?? '')) return record(404, twirpError(res, 404, 'bad_route', 'unsupported content type'));
    try {
      body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      return record(400, twirpError(res, 400, 'malformed', 'the request body is not JSON'));
    }
    if (fault !== undefined && fault.left > 0 && (fault.methods === undefined || fault.methods.includes(method))) {
      fault.left--;
      return record(fault.status, twirpError(res, fault.status, fault.code, fault.msg));
    }
    const ok = (response: Record<string, unknown>): void => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(response));
      record(200, response);
    };
    const key = typeof body.key === 'string' ? body.key : '';
    const version = typeof body.version === 'string' ? body.version : '';
    if ((method === 'CreateCacheEntry' || method === 'FinalizeCacheEntryUpload' || method === 'GetCacheEntryDownloadURL') && (key === '' || version === '')) {
      return record(400, twirpError(res, 400, 'invalid_argument', 'key and version are required'));
    }
    switch (method) {
      case 'CreateCacheEntry': {
        const exists = entries.some((e) => e.key === key && e.version === version) || [...pending.values()].some((p) => p.key === key && p.version === version);
        if (exists) return record(409, twirpError(res, 409, 'already_exists', 'cache entry with the same key, version, and scope already exists'));
        const id = nextId++;
        const blobName = `${id}-${crypto.randomBytes(6).toString('hex')}.tzst`;
        pending.set(blobName, { id, key, version, blobName, blocks: new Map() });
        return ok({ ok: true, signed_upload_url: `${storageBase()}${CONTAINER}/${blobName}?${sas('cw')}` });
      }
      case 'FinalizeCacheEntryUpload': {
        const p = [...pending.values()].find((x) => x.key === key && x.version === version);
        if (p === undefined) return record(404, twirpError(res, 404, 'not_found', 'no cache entry is being uploaded for this key and version'));
        const data = p.committed ?? p.data;
        if (data === undefined) return record(400, twirpError(res, 400, 'failed_precondition', 'nothing was uploaded for this entry'));
        if (String(body.size_bytes ?? '') !== String(data.length)) {
          return record(400, twirpError(res, 400, 'invalid_argument', `size_bytes ${String(body.size_bytes)} does not match the ${data.length} bytes uploaded`));
        }
        pending.delete(p.blobName);
        const t = tick();
        entries.push({ id: p.id, key, version, data, createdAt: t, lastAccessedAt: t });
        return ok({ ok: true, entry_id: String(p.id) });
      }
      case 'GetCacheEntryDownloadURL': {
        const restoreKeys = Array.isArray(body.restore_keys) ? (body.restore_keys as unknown[]).filter((k): k is string => typeof k === 'string') : [];
        const same = entries.filter((e) => e.version === version && !entriesHidden).sort((a, b) => b.createdAt - a.createdAt);
        let hit: CacheServiceEntry | undefined;
        for (const k of [key, ...restoreKeys]) {
          hit = same.find((e) => e.key === k) ?? same.find((e) => e.key.startsWith(k));
          if (hit !== undefined) break;
        }
        if (hit === undefined) return ok({ ok: false, signed_download_url: '', matched_key: '' });
        hit.lastAccessedAt = tick();
        return ok({ ok: true, signed_download_url: `${storageBase()}${CONTAINER}/entry-${hit.id}.tzst?${sas('r')}`, matched_key: hit.key });
      }
      default:
        return record(404, twirpError(res, 404, 'bad_route', `no method ${method}`));
    }
  }

  async function storage(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    // Through the forward proxy (azureHost), the account is the host name's first label, as on Azure.
    const parts = url.pathname.split('/');
    if (url.hostname === AZURE_HOST) parts.splice(1, 0, ACCOUNT);
    const [, account, container, ...rest] = parts;
    const blobName = decodeURIComponent(rest.join('/'));
    const comp = url.searchParams.get('comp') ?? '';
    const log: StorageRequest = { method: req.method ?? '', path: url.pathname, comp, status: 0, bytes: 0 };
    storageLog.push(log);
    const body = req.method === 'PUT' ? await readBody(req) : Buffer.alloc(0);
    log.bytes = body.length;
    const fail = (status: number, code: string, message: string): void => {
      log.status = status;
      azureError(res, status, code, message);
    };
    if (account !== ACCOUNT || container !== CONTAINER || blobName === '') return fail(404, 'ResourceNotFound', 'The specified resource does not exist.');
    if (url.searchParams.get('sig') !== sig) return fail(403, 'AuthenticationFailed', 'Server failed to authenticate the request.');
    const created = (extra: Record<string, string> = {}): void => {
      log.status = 201;
      res.writeHead(201, {
        etag: `"0x${crypto.randomBytes(8).toString('hex').toUpperCase()}"`,
        'last-modified': new Date().toUTCString(),
        'x-ms-request-id': crypto.randomUUID(),
        'x-ms-version': '2025-01-05',
        'x-ms-request-server-encrypted': 'true',
        date: new Date().toUTCString(),
        'content-length': '0',
        ...extra
      });
      res.end();
    };

    if (req.method === 'PUT' && uploadsStalled) {
      res.on('close', () => {
        if (!res.writableEnded) log.aborted = true;
      });
      return;
    }
    if (req.method === 'PUT') {
      if (url.searchParams.get('sp') !== 'cw') return fail(403, 'AuthorizationPermissionMismatch', 'This request is not authorized to perform this operation using this permission.');
      const p = pending.get(blobName);
      if (p === undefined) return fail(404, 'ContainerNotFound', 'No upload was reserved for this blob.');
      if (comp === 'block') {
        const id = url.searchParams.get('blockid') ?? '';
        if (id === '') return fail(400, 'InvalidQueryParameterValue', 'blockid is required');
        p.blocks.set(id, body);
        return created({ 'x-ms-content-crc64': crypto.createHash('md5').update(body).digest('base64') });
      }
      if (comp === 'blocklist') {
        const ids = parseBlockList(body.toString('utf8'));
        const parts: Buffer[] = [];
        for (const id of ids) {
          const b = p.blocks.get(id);
          if (b === undefined) return fail(400, 'InvalidBlockList', `block ${id} was not uploaded`);
          parts.push(b);
        }
        p.committed = Buffer.concat(parts);
        return created();
      }
      if (comp !== '') return fail(400, 'InvalidQueryParameterValue', `comp=${comp} is not supported here`);
      if (req.headers['x-ms-blob-type'] !== 'BlockBlob') return fail(400, 'MissingRequiredHeader', 'x-ms-blob-type: BlockBlob is required');
      const declared = Number(req.headers['content-length'] ?? '-1');
      if (declared !== body.length) return fail(400, 'InvalidHeaderValue', 'Content-Length does not match the body');
      p.data = body;
      return created({ 'content-md5': crypto.createHash('md5').update(body).digest('base64') });
    }

    if (req.method === 'GET' || req.method === 'HEAD') {
      const m = /^entry-(\d+)\.tzst$/.exec(blobName);
      const entry = m !== null ? entries.find((e) => e.id === Number(m[1])) : undefined;
      if (entry === undefined) return fail(404, 'BlobNotFound', 'The specified blob does not exist.');
      if (req.method === 'GET' && downloadsFail !== undefined) return fail(downloadsFail, 'ServerBusy', 'The download was refused (test fault).');
      let data = entry.data;
      let status = 200;
      const headers: Record<string, string> = {
        'content-type': 'application/octet-stream',
        'accept-ranges': 'bytes',
        'x-ms-blob-type': 'BlockBlob',
        'x-ms-request-id': crypto.randomUUID(),
        'x-ms-version': '2025-01-05',
        'last-modified': new Date(entry.createdAt / 1000).toUTCString(),
        // Azure sends one with every blob read; the SDK's ranged download checks it.
        etag: `"0x${entry.createdAt.toString(16).toUpperCase()}"`
      };
      const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers['x-ms-range'] ?? req.headers.range ?? '')); // x-ms-range (the Azure SDK's) wins, as on Azure
      if (range !== null) {
        const start = Number(range[1]);
        const end = range[2] !== '' ? Math.min(Number(range[2]), data.length - 1) : data.length - 1;
        if (start >= data.length || end < start) {
          log.status = 416;
          res.writeHead(416, { 'content-range': `bytes */${data.length}` });
          res.end();
          return;
        }
        headers['content-range'] = `bytes ${start}-${end}/${data.length}`;
        data = data.subarray(start, end + 1);
        status = 206;
      }
      headers['content-length'] = String(data.length);
      log.status = status;
      log.bytes = data.length;
      res.writeHead(status, headers);
      if (req.method === 'HEAD' || downloadRate === undefined) {
        res.end(req.method === 'HEAD' ? undefined : data);
        return;
      }
      // Paced: a slice every 100 ms; a client that goes away ends it.
      const slice = Math.max(1, Math.floor(downloadRate / 10));
      let at = 0;
      const timer = setInterval(() => {
        if (res.destroyed) {
          clearInterval(timer);
          log.aborted = true;
          return;
        }
        const next = data.subarray(at, at + slice);
        at += next.length;
        if (at >= data.length) {
          clearInterval(timer);
          res.end(next);
        } else {
          res.write(next);
        }
      }, 100);
      res.on('close', () => {
        if (at < data.length) log.aborted = true;
        clearInterval(timer);
      });
      return;
    }
    return fail(405, 'UnsupportedHttpVerb', 'The resource doesn\u2019t support the specified HTTP verb.');
  }

  const server = http.createServer((req, res) => {
    // An absolute-form target (`GET http://host/path`) is a request sent through this server as a proxy.
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const handle = url.pathname.startsWith(TWIRP_PREFIX) ? twirp(url.pathname.slice(TWIRP_PREFIX.length), req, res) : storage(req, res, url);
    handle.catch(() => {
      if (!res.headersSent) twirpError(res, 500, 'internal', 'the test cache service failed');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const port = (server.address() as { port: number }).port;
  origin = `http://${LOOPBACK}:${port}/`;
  if (opts.azureHost === true) storageBase = () => `http://${AZURE_HOST}/`;

  return {
    url: origin,
    token,
    env: {
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_RESULTS_URL: origin,
      ACTIONS_RUNTIME_TOKEN: token,
      ...(opts.azureHost === true ? { HTTP_PROXY: origin, http_proxy: origin, NO_PROXY: `${LOOPBACK},localhost`, no_proxy: `${LOOPBACK},localhost` } : {})
    },
    entries: () => [...entries].sort((a, b) => b.createdAt - a.createdAt),
    calls: (method) => calls.filter((c) => method === undefined || c.method === method),
    storage: () => [...storageLog],
    clearLog: () => {
      calls.length = 0;
      storageLog.length = 0;
    },
    setEntryData: (key, data) => {
      const e = entries.find((x) => x.key === key);
      if (e === undefined) throw new Error(`no cache entry ${key}`);
      e.data = data;
    },
    deleteEntry: (key) => {
      const i = entries.findIndex((x) => x.key === key);
      if (i >= 0) entries.splice(i, 1);
    },
    fault: (f) => {
      fault = f === undefined ? undefined : { ...f, left: f.times ?? Number.POSITIVE_INFINITY };
    },
    failDownloads: (status) => {
      downloadsFail = status;
    },
    slowDownloads: (bytesPerSecond) => {
      downloadRate = bytesPerSecond;
    },
    stallUploads: (on) => {
      uploadsStalled = on;
    },
    hideEntries: (on) => {
      entriesHidden = on;
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  };
}
