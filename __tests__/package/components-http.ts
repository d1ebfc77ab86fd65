/** A loopback HTTP(S) server for component tests: fixed routes, every request recorded. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export type Route = Buffer | string | ((req: http.IncomingMessage, res: http.ServerResponse) => void);

export interface TestServer {
  /** `http://127.0.0.1:PORT` (or https://). */
  url: string;
  /** `127.0.0.1:PORT` */
  host: string;
  routes: Map<string, Route>;
  requests: Array<{ method: string; path: string; headers: http.IncomingHttpHeaders }>;
  close(): Promise<void>;
}

export interface TlsMaterial {
  /** PEM of the self-signed certificate (also the CA to trust). */
  cert: string;
  key: string;
  /** A file holding `cert`, for NODE_EXTRA_CA_CERTS. */
  caFile: string;
}

/** A self-signed certificate for 127.0.0.1 made with openssl (valid one day). */
export function makeTls(): TlsMaterial {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lading-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-addext', 'basicConstraints=critical,CA:TRUE'], { stdio: 'ignore' });
  return { cert: fs.readFileSync(cert, 'utf8'), key: fs.readFileSync(key, 'utf8'), caFile: cert };
}

/** A chart packaged as `helm package` would (`<name>/Chart.yaml` and `<name>/templates/...` in a .tgz), as bytes. */
export function packagedChart(name: string, version: string, templates: Record<string, string>): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lading-chart-'));
  try {
    fs.mkdirSync(path.join(dir, name, 'templates'), { recursive: true });
    fs.writeFileSync(path.join(dir, name, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: ${version}\n`);
    for (const [file, text] of Object.entries(templates)) fs.writeFileSync(path.join(dir, name, 'templates', file), text);
    execFileSync('tar', ['-czf', path.join(dir, 'chart.tgz'), '-C', dir, name]);
    return fs.readFileSync(path.join(dir, 'chart.tgz'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function startServer(routes: Record<string, Route> = {}, tls?: TlsMaterial): Promise<TestServer> {
  const map = new Map<string, Route>(Object.entries(routes));
  const requests: TestServer['requests'] = [];
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const p = (req.url ?? '/').split('?')[0] as string;
    requests.push({ method: req.method ?? 'GET', path: p, headers: req.headers });
    const route = map.get(p);
    if (route === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (typeof route === 'function') {
      route(req, res);
      return;
    }
    const body = Buffer.from(route);
    res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' }).end(body);
  };
  const server = tls !== undefined ? https.createServer({ cert: tls.cert, key: tls.key }, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const host = `127.0.0.1:${port}`;
  return {
    url: `${tls !== undefined ? 'https' : 'http'}://${host}`,
    host,
    routes: map,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}
