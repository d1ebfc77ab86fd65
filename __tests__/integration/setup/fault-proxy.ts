/**
 * A loopback HTTP proxy in front of the real registry that injects the faults remote registries show:
 * 429 with Retry-After, 5xx bursts, connections reset mid-body, altered bytes, redirects of blob
 * downloads to another host (as registries do to S3), and canned bodies. Each rule fires a bounded
 * number of times; every request is recorded with the headers that matter.
 */
import http from 'node:http';
import { LOOPBACK } from './ports.js';

export interface ProxiedRequest {
  method: string;
  path: string;
  host: string;
  range?: string;
  authorization?: string;
  status?: number;
}

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  | { kind: 'reset-after'; bytes: number }
  | { kind: 'alter-body' }
  | { kind: 'redirect'; to: 'storage' }
  | { kind: 'respond'; status: number; headers: Record<string, string>; body: Buffer | string };

export interface FaultRule {
  method?: string;
  /** matched against the request path */
  path: RegExp;
  fault: Fault;
  /** how many times it fires (default 1) */
  times?: number;
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

function forward(target: string, req: http.IncomingMessage, res: http.ServerResponse, record: ProxiedRequest, transform?: (status: number, headers: http.IncomingHttpHeaders, upstream: http.IncomingMessage) => void): void {
  const [hostname, port] = target.split(':');
  const headers = { ...req.headers, host: target };
  const up = http.request({ hostname, port: Number(port), method: req.method, path: req.url, headers }, (ur) => {
    record.status = ur.statusCode;
    if (transform !== undefined) return transform(ur.statusCode ?? 502, ur.headers, ur);
    res.writeHead(ur.statusCode ?? 502, ur.headers);
    ur.pipe(res);
  });
  up.on('error', () => res.destroy());
  req.pipe(up);
}

export async function startFaultProxy(registryHost: string): Promise<FaultProxy> {
  const rules: Array<FaultRule & { left: number }> = [];
  const requests: ProxiedRequest[] = [];
  const storageRequests: ProxiedRequest[] = [];

  const storage = http.createServer((req, res) => {
    const record: ProxiedRequest = { method: req.method ?? '', path: req.url ?? '', host: req.headers.host ?? '', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) };
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
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {})
    };
    requests.push(record);
    const rule = rules.find((r) => r.left > 0 && (r.method === undefined || r.method === req.method) && r.path.test(req.url ?? ''));
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
        return forward(registryHost, req, res, record, (status, headers, upstream) => {
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
      case 'alter-body':
        return forward(registryHost, req, res, record, (status, headers, upstream) => {
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
