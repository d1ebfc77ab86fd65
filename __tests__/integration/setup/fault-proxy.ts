/**
 * A loopback HTTP proxy in front of the real registry that injects the faults remote registries show:
 * 429 with Retry-After, 5xx bursts, connections reset mid-body (downloads and uploads), altered bytes,
 * redirects of blob downloads to another host (as registries do to S3), canned bodies, extra response
 * headers, and a slow registry (latency, and bodies paced both ways). Each rule fires a bounded number
 * of times; every request is recorded with the headers that matter.
 */
import http from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import { LOOPBACK } from './ports.js';

export interface ProxiedRequest {
  method: string;
  path: string;
  host: string;
  range?: string;
  authorization?: string;
  status?: number;
  /** the request's Content-Length, when it sent one */
  contentLength?: number;
  /** request body bytes the proxy received from the client */
  bytesIn?: number;
  /** true once the client connection closed before the response was complete */
  aborted?: boolean;
  /** when the request arrived, and when its response was complete or cut off (Date.now()) */
  receivedAt: number;
  endedAt?: number;
}

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  | { kind: 'reset-after'; bytes: number }
  | { kind: 'alter-body' }
  | { kind: 'redirect'; to: 'storage' }
  | { kind: 'respond'; status: number; headers: Record<string, string>; body: Buffer | string }
  /** forward the first `bytes` of the request body (an upload), then cut the client's connection */
  | { kind: 'reset-request-after'; bytes: number }
  /** forward, adding headers to the registry's response (e.g. OCI-Chunk-Min-Length) */
  | { kind: 'add-headers'; headers: Record<string, string> }
  /** forward without the request's Range header: the registry answers a resumed download with the whole blob (200) */
  | { kind: 'ignore-range' }
  /** a slow registry: wait `latencyMs`, then pace the request body and the response body to `bytesPerSecond` each */
  | { kind: 'slow'; bytesPerSecond: number; latencyMs?: number };

export interface FaultRule {
  method?: string;
  /** matched against the request path */
  path: RegExp;
  fault: Fault;
  /** how many times it fires (default 1) */
  times?: number;
  /** only requests whose Content-Length is at least this (e.g. the upload of one large blob) */
  minContentLength?: number;
}

export interface FaultProxy {
  /** "127.0.0.1:PORT" — what clients use as the registry host */
  host: string;
  /** the "storage" host blob downloads are redirected to: "localhost:PORT" (another origin) */
  storageHost: string;
  requests: ProxiedRequest[];
  storageRequests: ProxiedRequest[];
  add(rule: FaultRule): void;
  clear(): void;
  close(): Promise<void>;
}

/** Passes bytes through at about `bytesPerSecond`: each slice (at most 50 ms worth) waits its own time. */
export function pace(bytesPerSecond: number): Transform {
  const slice = Math.max(1, Math.floor(bytesPerSecond / 20));
  return new Transform({
    transform(this: Transform, chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      let off = 0;
      const step = (): void => {
        if (this.destroyed) return;
        const part = chunk.subarray(off, off + slice);
        off += part.length;
        this.push(part);
        setTimeout(off >= chunk.length ? () => done() : step, (part.length * 1000) / bytesPerSecond);
      };
      if (chunk.length === 0) done();
      else step();
    }
  });
}

interface ForwardOptions {
  /** the request body goes through this on its way up (pacing, counting) */
  requestThrough?: Transform;
  /** request headers not passed on */
  dropHeaders?: string[];
}

function forward(
  target: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  record: ProxiedRequest,
  transform?: (status: number, headers: http.IncomingHttpHeaders, upstream: http.IncomingMessage) => void,
  opts: ForwardOptions = {}
): http.ClientRequest {
  const [hostname, port] = target.split(':');
  const headers: http.OutgoingHttpHeaders = { ...req.headers, host: target };
  for (const h of opts.dropHeaders ?? []) delete headers[h];
  const up = http.request({ hostname, port: Number(port), method: req.method, path: req.url, headers }, (ur) => {
    record.status = ur.statusCode;
    // The registry names itself in absolute Locations (upload URLs): point them back at the proxy, so
    // that the rest of an upload comes through it too.
    const location = ur.headers.location;
    if (typeof location === 'string' && location.startsWith(`http://${target}/`) && req.headers.host !== undefined) {
      ur.headers.location = `http://${req.headers.host}${location.slice(`http://${target}`.length)}`;
    }
    if (transform !== undefined) return transform(ur.statusCode ?? 502, ur.headers, ur);
    res.writeHead(ur.statusCode ?? 502, ur.headers);
    ur.pipe(res);
  });
  up.on('error', () => res.destroy());
  // A client that goes away takes its upstream request with it (as a registry's front end would).
  const socket = req.socket;
  const gone = (): void => {
    if (res.writableFinished) return;
    record.aborted = true;
    up.destroy();
  };
  socket.once('close', gone);
  res.once('close', () => {
    socket.off('close', gone);
    gone();
  });
  req.on('data', (c: Buffer) => {
    record.bytesIn = (record.bytesIn ?? 0) + c.length;
  });
  if (opts.requestThrough !== undefined) req.pipe(opts.requestThrough).pipe(up);
  else req.pipe(up);
  return up;
}

export async function startFaultProxy(registryHost: string): Promise<FaultProxy> {
  const rules: Array<FaultRule & { left: number }> = [];
  const requests: ProxiedRequest[] = [];
  const storageRequests: ProxiedRequest[] = [];

  const storage = http.createServer((req, res) => {
    const record: ProxiedRequest = { method: req.method ?? '', path: req.url ?? '', host: req.headers.host ?? '', receivedAt: Date.now(), ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) };
    res.once('close', () => (record.endedAt = Date.now()));
    storageRequests.push(record);
    // Storage serves the bytes without auth, like a pre-signed URL: strip what the client sent.
    delete req.headers.authorization;
    forward(registryHost, req, res, record);
  });
  await new Promise<void>((r) => storage.listen(0, LOOPBACK, r));
  const storagePort = (storage.address() as { port: number }).port;

  const server = http.createServer((req, res) => {
    const record: ProxiedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      host: req.headers.host ?? '',
      ...(req.headers.range ? { range: req.headers.range } : {}),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      ...(req.headers['content-length'] !== undefined ? { contentLength: Number(req.headers['content-length']) } : {}),
      receivedAt: Date.now()
    };
    res.once('close', () => (record.endedAt = Date.now()));
    requests.push(record);
    const length = Number(req.headers['content-length'] ?? '0');
    const rule = rules.find(
      (r) => r.left > 0 && (r.method === undefined || r.method === req.method) && r.path.test(req.url ?? '') && (r.minContentLength === undefined || length >= r.minContentLength)
    );
    if (rule === undefined) return forward(registryHost, req, res, record);
    rule.left--;
    const f = rule.fault;
    switch (f.kind) {
      case 'status':
        record.status = f.status;
        res.writeHead(f.status, { 'content-type': 'application/json', ...(f.retryAfter !== undefined ? { 'retry-after': f.retryAfter } : {}) });
        res.end(f.body ?? JSON.stringify({ errors: [{ code: f.status === 429 ? 'TOOMANYREQUESTS' : 'UNAVAILABLE', message: 'injected by the test proxy' }] }));
        return;
      case 'respond':
        record.status = f.status;
        res.writeHead(f.status, f.headers);
        res.end(f.body);
        return;
      case 'redirect':
        record.status = 307;
        res.writeHead(307, { location: `http://localhost:${storagePort}${req.url}` });
        res.end();
        return;
      case 'reset-after':
        return void forward(registryHost, req, res, record, (status, headers, upstream) => {
          res.writeHead(status, headers);
          let sent = 0;
          upstream.on('data', (chunk: Buffer) => {
            if (sent + chunk.length >= f.bytes) {
              res.write(chunk.subarray(0, f.bytes - sent));
              sent = f.bytes;
              upstream.destroy();
              // flush what was written, then cut the connection
              setTimeout(() => res.socket?.destroy(), 20);
              return;
            }
            sent += chunk.length;
            res.write(chunk);
          });
          upstream.on('end', () => res.end());
        });
      case 'reset-request-after': {
        let passed = 0;
        let cut = false;
        const gate = new Transform({
          transform(chunk: Buffer, _enc, done) {
            if (cut) return done();
            if (passed + chunk.length >= f.bytes) {
              this.push(chunk.subarray(0, f.bytes - passed));
              passed = f.bytes;
              cut = true;
              // let the bytes reach the registry, then cut both sides
              setTimeout(() => {
                up.destroy();
                req.socket.destroy();
              }, 20);
              return done();
            }
            passed += chunk.length;
            done(null, chunk);
          }
        });
        const up = forward(registryHost, req, res, record, undefined, { requestThrough: gate });
        return;
      }
      case 'ignore-range':
        return void forward(registryHost, req, res, record, undefined, { dropHeaders: ['range'] });
      case 'add-headers':
        return void forward(registryHost, req, res, record, (status, headers, upstream) => {
          res.writeHead(status, { ...headers, ...f.headers });
          upstream.pipe(res);
        });
      case 'slow': {
        const go = (): void =>
          void forward(
            registryHost,
            req,
            res,
            record,
            (status, headers, upstream) => {
              res.writeHead(status, headers);
              upstream.pipe(pace(f.bytesPerSecond)).pipe(res);
            },
            { requestThrough: pace(f.bytesPerSecond) }
          );
        if ((f.latencyMs ?? 0) > 0) {
          req.pause();
          setTimeout(go, f.latencyMs);
        } else go();
        return;
      }
      case 'alter-body':
        return void forward(registryHost, req, res, record, (status, headers, upstream) => {
          const chunks: Buffer[] = [];
          upstream.on('data', (c: Buffer) => chunks.push(c));
          upstream.on('end', () => {
            const body = Buffer.concat(chunks);
            if (body.length > 0) body[body.length - 1] = (body[body.length - 1] as number) ^ 0xff;
            res.writeHead(status, headers);
            res.end(body);
          });
        });
    }
  });
  await new Promise<void>((r) => server.listen(0, LOOPBACK, r));
  const port = (server.address() as { port: number }).port;
  return {
    host: `${LOOPBACK}:${port}`,
    storageHost: `localhost:${storagePort}`,
    requests,
    storageRequests,
    add: (rule) => rules.push({ ...rule, left: rule.times ?? 1 }),
    clear: () => {
      rules.length = 0;
      requests.length = 0;
      storageRequests.length = 0;
    },
    close: async () => {
      server.closeAllConnections();
      storage.closeAllConnections();
      await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => storage.close(r))]);
    }
  };
}
