/**
 * A runner behind an HTTP proxy: the registry and files' URLs are reachable only through the proxy
 * that HTTP_PROXY / HTTPS_PROXY name (their host names resolve nowhere), as on a self-hosted runner
 * whose network goes out through a proxy. The action is run as the runner runs it, with the real
 * registry behind a small forward proxy written here (absolute-form HTTP, CONNECT tunnels for
 * HTTPS). NO_PROXY is honoured: a host it lists is reached directly. A dead proxy is named.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import fs from 'node:fs';
import { cleanupFixtures, makeTempDir, runAction, seedImages, startRegistry, type PushedImage, type RegistryFixture } from './setup/index.js';
import { errorsOf, listFiles, unpack, workspaceWith } from './helpers.js';

let reg: RegistryFixture;
let img: PushedImage;
let proxy: http.Server;
let proxyOrigin: string;
let secure: https.Server;
let securePort: number;
let caFile: string;
/** What the proxy was asked for: the absolute URLs of the requests it forwarded or answered. */
const seen: string[] = [];

const REGISTRY_NAME = 'registry.lading-proxy.invalid';
const FILES_HOST = 'files.lading-proxy.invalid';
const FILE_BODY = 'through the proxy\n';
const SECURE_HOST = 'secure.lading-proxy.invalid';
const SECURE_BODY = '#!/bin/sh\necho through a tunnel\n';

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' });
  img = (await seedImages(reg, 'proxied', { only: ['single'] })).single as PushedImage;
  const registryPort = Number(reg.host.split(':').pop());
  proxy = http.createServer((req, res) => {
    // A forward proxy receives the absolute URL.
    const url = new URL(req.url ?? '/');
    seen.push(`${req.method} ${url.href}`);
    if (url.hostname === FILES_HOST) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(FILE_BODY);
      return;
    }
    if (url.hostname !== REGISTRY_NAME) {
      res.writeHead(502).end();
      return;
    }
    const up = http.request({ host: '127.0.0.1', port: registryPort, method: req.method, path: `${url.pathname}${url.search}`, headers: { ...req.headers, host: url.host } }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  // HTTPS goes through CONNECT: the proxy joins the two sockets and sees nothing of the TLS inside.
  proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    if (req.url !== `${SECURE_HOST}:${securePort}`) {
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    const up = net.connect(securePort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    up.on('error', () => client.destroy());
    client.on('error', () => up.destroy());
  });
  // A certificate for the name behind the proxy, trusted through NODE_EXTRA_CA_CERTS.
  const tlsDir = makeTempDir('proxy-tls');
  caFile = path.join(tlsDir, 'cert.pem');
  const keyFile = path.join(tlsDir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', caFile, '-days', '1', '-subj', `/CN=${SECURE_HOST}`, '-addext', `subjectAltName=DNS:${SECURE_HOST}`, '-addext', 'basicConstraints=critical,CA:TRUE'], { stdio: 'ignore' });
  secure = https.createServer({ key: fs.readFileSync(keyFile), cert: fs.readFileSync(caFile) }, (_req, res) => res.writeHead(200).end(SECURE_BODY));
  await new Promise<void>((r) => secure.listen(0, '127.0.0.1', r));
  securePort = (secure.address() as AddressInfo).port;
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyOrigin = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await new Promise<void>((r) => proxy?.close(() => r()));
  await new Promise<void>((r) => secure?.close(() => r()));
  await reg?.stop();
  await cleanupFixtures();
});

function zarfYaml(registryHost: string, withFile: boolean): string {
  return [
    'kind: ZarfPackageConfig',
    'metadata:',
    '  name: proxied',
    '  version: 1.0.0',
    'components:',
    '  - name: app',
    '    required: true',
    ...(withFile ? ['    files:', `      - source: http://${FILES_HOST}/notes.txt`, '        target: /opt/notes.txt'] : []),
    '    images:',
    `      - ${registryHost}/${img.repo}:${img.tag}`,
    ''
  ].join('\n');
}

async function build(env: Record<string, string>, withFile = true) {
  const registryHost = `${REGISTRY_NAME}:${reg.host.split(':').pop()}`;
  const ws = workspaceWith(zarfYaml(registryHost, withFile));
  return runAction({
    workspace: ws,
    toolCache: makeTempDir('proxy-tool'),
    timeoutMs: 90_000,
    inputs: { definition: '.', architecture: 'amd64', output: 'out', 'plain-http': `${registryHost},${FILES_HOST}`, cache: 'off', retries: '0' },
    env
  });
}

function secureDefinition(): string {
  const sha = createHash('sha256').update(SECURE_BODY).digest('hex');
  return [
    'kind: ZarfPackageConfig',
    'metadata:',
    '  name: tunnelled',
    '  version: 1.0.0',
    'components:',
    '  - name: tool',
    '    required: true',
    '    files:',
    `      - source: https://${SECURE_HOST}:${securePort}/tool.sh`,
    `        shasum: ${sha}`,
    '        target: /usr/local/bin/tool.sh',
    ''
  ].join('\n');
}

describe('behind an HTTP proxy', () => {
  test('the image and the file are fetched through the proxy HTTP_PROXY names, and the package holds them', async () => {
    seen.length = 0;
    const run = await build({ HTTP_PROXY: proxyOrigin });
    expect(errorsOf(run)).toEqual([]);
    expect(run.code).toBe(0);
    expect(seen).toContain(`GET http://${FILES_HOST}/notes.txt`);
    expect(seen.some((s) => s.startsWith(`GET http://${REGISTRY_NAME}:`) && s.includes(`/v2/${img.repo}/manifests/`))).toBe(true);
    // Every blob below the manifest (the manifest itself was asked for by tag).
    for (const d of img.blobs.slice(1)) expect(seen.some((s) => s.endsWith(`/v2/${img.repo}/blobs/${d}`))).toBe(true);

    const dir = await unpack(run.outputs.package as string);
    const blobs = listFiles(path.join(dir, 'images', 'blobs', 'sha256'));
    for (const d of img.blobs) expect(blobs).toContain(d.slice('sha256:'.length));
    expect(fs.readFileSync(path.join(dir, 'zarf.yaml'), 'utf8')).toContain(`${REGISTRY_NAME}:`);
  }, 90_000);

  test('the lower-case http_proxy works too; a host NO_PROXY lists is reached directly (here: it resolves nowhere, one clear error)', async () => {
    seen.length = 0;
    const lower = await build({ http_proxy: proxyOrigin });
    expect(errorsOf(lower)).toEqual([]);
    expect(lower.code).toBe(0);
    expect(seen.length).toBeGreaterThan(0);

    seen.length = 0;
    const direct = await build({ HTTP_PROXY: proxyOrigin, NO_PROXY: REGISTRY_NAME });
    expect(direct.code).not.toBe(0);
    const errors = errorsOf(direct);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain(`cannot resolve registry host ${REGISTRY_NAME}`);
    expect(seen.some((s) => s.includes(REGISTRY_NAME))).toBe(false);
    expect(direct.stderr).not.toMatch(/\n\s+at /);
  }, 90_000);

  test('https:// goes through a CONNECT tunnel with TLS verified end to end: the file arrives intact; an untrusted certificate behind the proxy still fails', async () => {
    seen.length = 0;
    const inputs = { definition: '.', architecture: 'amd64', output: 'out', cache: 'off', retries: '0' };
    const ok = await runAction({ workspace: workspaceWith(secureDefinition()), toolCache: makeTempDir('proxy-tool'), timeoutMs: 90_000, inputs, env: { HTTPS_PROXY: proxyOrigin, NODE_EXTRA_CA_CERTS: caFile } });
    expect(errorsOf(ok)).toEqual([]);
    expect(ok.code).toBe(0);
    expect(seen).toEqual([`CONNECT ${SECURE_HOST}:${securePort}`]);

    const untrusted = await runAction({ workspace: workspaceWith(secureDefinition()), toolCache: makeTempDir('proxy-tool'), timeoutMs: 90_000, inputs, env: { HTTPS_PROXY: proxyOrigin } });
    expect(untrusted.code).not.toBe(0);
    const errors = errorsOf(untrusted);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain(`TLS connection to ${SECURE_HOST}:${securePort} failed`);
  }, 90_000);

  test('a proxy that cannot be reached is named in the error, with what to check (not the registry or the file server behind it)', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    for (const withFile of [true, false]) {
      const run = await build({ HTTP_PROXY: `http://127.0.0.1:${deadPort}` }, withFile);
      expect(run.code).not.toBe(0);
      const errors = errorsOf(run);
      expect(errors).toHaveLength(1);
      // The file is fetched before the images are resolved; without it, the registry is the one.
      const behind = withFile ? FILES_HOST : `${REGISTRY_NAME}:`;
      expect(errors[0]?.message).toContain(`cannot reach the proxy 127.0.0.1:${deadPort} that HTTP_PROXY/HTTPS_PROXY name for ${behind}`);
      expect(errors[0]?.message).toContain('NO_PROXY to reach it directly');
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  }, 90_000);
});
