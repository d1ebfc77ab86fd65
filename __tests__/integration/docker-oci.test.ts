/**
 * The Docker daemon fallback with an OCI-layout export, as Docker 25+ with the containerd image store
 * writes it (index.json naming the image with io.containerd.image.name, plus a manifest.json), from a
 * daemon whose API (1.48) takes the `platform` parameter. podman cannot play this part (its API is
 * 1.41 and it exports the classic layout), so a small scripted Engine API on a unix socket does: it
 * answers /version, /images/{name}/json and /images/get with a tar made from the registry's own
 * blobs. Here everything is byte-identical to the registry: the manifest digest too.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { cleanupFixtures, makeTempDir, MT, RegistryClient, runAction, seedImages, startRegistry, tarOf, type PushedImage, type RegistryFixture } from './setup/index.js';
import { buildInputs, definition, listFiles, sha256File, unpack, workspaceWith } from './helpers.js';

let reg: RegistryFixture;
let multi: PushedImage;
let engine: http.Server;
let tcpEngine: http.Server;
let tcpPort: number;
let socket: string;
const seen: Array<{ path: string; query: URLSearchParams }> = [];
/** name -> the export tar */
const exports = new Map<string, Buffer>();
/** what the registry held: digest -> bytes */
const original = new Map<string, Buffer>();

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' });
  multi = (await seedImages(reg, 'seed', { only: ['multi'] })).multi as PushedImage;
  const client = new RegistryClient(reg);
  const amd64 = multi.platforms?.find((p) => p.architecture === 'amd64');
  if (amd64 === undefined) throw new Error('no amd64 entry');
  const index = await client.getManifest(multi.repo, multi.digest);
  const manifest = await client.getManifest(multi.repo, amd64.digest);
  original.set(multi.digest, index.body);
  original.set(amd64.digest, manifest.body);
  const m = JSON.parse(manifest.body.toString('utf8')) as { config: { digest: string }; layers: Array<{ digest: string }> };
  for (const d of [m.config.digest, ...m.layers.map((l) => l.digest)]) original.set(d, (await client.getBlob(multi.repo, d)).body);
  // A daemon holds the amd64 platform of the index only (what `docker pull` leaves in the containerd store).
  const files = [
    { name: 'oci-layout', data: '{"imageLayoutVersion":"1.0.0"}' },
    {
      name: 'index.json',
      data: JSON.stringify({
        schemaVersion: 2,
        mediaType: MT.ociIndex,
        manifests: [{ mediaType: MT.ociIndex, digest: multi.digest, size: index.body.length, annotations: { 'io.containerd.image.name': multi.ref, 'org.opencontainers.image.ref.name': multi.tag } }]
      })
    },
    { name: 'manifest.json', data: JSON.stringify([{ Config: `blobs/sha256/${m.config.digest.slice(7)}`, RepoTags: [multi.ref], Layers: m.layers.map((l) => `blobs/sha256/${l.digest.slice(7)}`) }]) },
    ...[...original].map(([d, data]) => ({ name: `blobs/sha256/${d.slice(7)}`, data }))
  ];
  exports.set(multi.ref, await tarOf(files));
  // Then the registry loses it.
  const del = await client.request('DELETE', `/v2/${multi.repo}/manifests/${multi.digest}`);
  if (del.status !== 202) throw new Error(`DELETE: ${del.status}`);

  socket = path.join(makeTempDir('engine'), 'docker.sock');
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://docker');
    seen.push({ path: decodeURIComponent(url.pathname), query: url.searchParams });
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const p = decodeURIComponent(url.pathname);
    if (p === '/version') return json(200, { Platform: { Name: 'Docker Engine - Community' }, Version: '28.0.0', ApiVersion: '1.48', MinAPIVersion: '1.24', Os: 'linux', Arch: 'amd64' });
    const inspect = /^\/v1\.48\/images\/(.+)\/json$/.exec(p);
    if (inspect !== null) {
      const name = inspect[1] as string;
      if (!exports.has(name)) return json(404, { message: `No such image: ${name}` });
      return json(200, { Id: `sha256:${'0'.repeat(64)}`, RepoTags: [name], RepoDigests: [], Os: 'linux', Architecture: 'amd64', Size: 12345 });
    }
    if (p === '/v1.48/images/get') {
      const tar = exports.get(url.searchParams.get('names') ?? '');
      if (tar === undefined) return json(404, { message: 'No such image' });
      res.writeHead(200, { 'content-type': 'application/x-tar' });
      // In small pieces, as a stream.
      let off = 0;
      const pump = (): void => {
        while (off < tar.length) {
          const chunk = tar.subarray(off, off + 4096);
          off += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      return pump();
    }
    json(404, { message: `page not found: ${p}` });
  };
  engine = http.createServer(handler);
  await new Promise<void>((r) => engine.listen(socket, r));
  // The same daemon on tcp://127.0.0.1 (DOCKER_HOST=tcp://..., plain HTTP).
  tcpEngine = http.createServer(handler);
  await new Promise<void>((r) => tcpEngine.listen(0, '127.0.0.1', r));
  tcpPort = (tcpEngine.address() as { port: number }).port;
}, 120_000);

afterAll(async () => {
  await new Promise<void>((r) => (engine ? engine.close(() => r()) : r()));
  await new Promise<void>((r) => (tcpEngine ? tcpEngine.close(() => r()) : r()));
  await reg?.stop();
  await cleanupFixtures();
});

describe('Docker daemon fallback, OCI-layout export (containerd image store)', () => {
  test('the export keeps the registry bytes: the platform manifest, config and layers are the originals', async () => {
    const amd64 = multi.platforms?.find((p) => p.architecture === 'amd64');
    const ws = workspaceWith(definition([multi.ref]));
    const run = await runAction({
      workspace: ws,
      inputs: buildInputs([reg.host]),
      env: { DOCKER_HOST: `unix://${socket}` }
    });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(Docker Engine - Community 28.0.0, API 1.48)');
    expect(run.stdout).toMatch(/docker daemon: exported .*OCI layout/);

    // API 1.48 takes the platform: asked for linux/amd64 as a JSON OCI platform.
    const get = seen.find((s) => s.path === '/v1.48/images/get');
    expect(get?.query.get('names')).toBe(multi.ref);
    expect(JSON.parse(get?.query.get('platform') ?? 'null')).toEqual({ os: 'linux', architecture: 'amd64' });

    const outImages = JSON.parse(run.outputs.images as string) as Array<{ digest: string; platform: string }>;
    expect(outImages).toEqual([expect.objectContaining({ digest: amd64?.digest, platform: 'linux/amd64' })]);
    const dir = await unpack(run.outputs.package as string);
    const blobs = path.join(dir, 'images', 'blobs', 'sha256');
    const files = listFiles(blobs);
    for (const f of files) expect(sha256File(path.join(blobs, f))).toBe(f);
    // Exactly the amd64 manifest, its config and layers, each byte for byte the registry's.
    const expected = [...original.keys()].filter((d) => d !== multi.digest).map((d) => d.slice(7)).sort();
    expect(files).toEqual(expected);
    for (const f of files) expect(fs.readFileSync(path.join(blobs, f)).equals(original.get(`sha256:${f}`) as Buffer)).toBe(true);
  }, 60_000);

  test('DOCKER_HOST=tcp://127.0.0.1:<port> reaches the daemon the same way', async () => {
    const amd64 = multi.platforms?.find((p) => p.architecture === 'amd64');
    const ws = workspaceWith(definition([multi.ref]));
    const run = await runAction({
      workspace: ws,
      inputs: buildInputs([reg.host]),
      env: { DOCKER_HOST: `tcp://127.0.0.1:${tcpPort}` }
    });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`from the Docker daemon at tcp://127.0.0.1:${tcpPort} (Docker Engine - Community 28.0.0, API 1.48)`);
    expect(JSON.parse(run.outputs.images as string)).toEqual([expect.objectContaining({ digest: amd64?.digest })]);
    expect(run.summary).toContain(`| docker daemon tcp://127.0.0.1:${tcpPort} |`);
  }, 60_000);
});

describe('which DOCKER_HOST values and registry failures lead to the daemon', () => {
  test('DOCKER_HOST forms', async () => {
    const { dockerEndpoint } = await import('../../src/sources/docker-engine.js');
    expect(dockerEndpoint({})).toEqual({ endpoint: { kind: 'unix', socketPath: '/var/run/docker.sock', display: 'unix:///var/run/docker.sock' } });
    expect(dockerEndpoint({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' })).toEqual({ endpoint: { kind: 'unix', socketPath: '/run/user/1000/docker.sock', display: 'unix:///run/user/1000/docker.sock' } });
    expect(dockerEndpoint({ DOCKER_HOST: 'tcp://127.0.0.1:2375' })).toEqual({ endpoint: { kind: 'tcp', origin: 'http://127.0.0.1:2375', display: 'tcp://127.0.0.1:2375' } });
    expect(dockerEndpoint({ DOCKER_HOST: 'tcp://docker' })).toEqual({ endpoint: { kind: 'tcp', origin: 'http://docker:2375', display: 'tcp://docker' } });
    expect(dockerEndpoint({ DOCKER_HOST: 'tcp://127.0.0.1:2376', DOCKER_TLS_VERIFY: '1' })).toEqual({ unsupported: expect.stringContaining('DOCKER_TLS_VERIFY') });
    expect(dockerEndpoint({ DOCKER_HOST: 'ssh://me@host' })).toEqual({ unsupported: expect.stringContaining('only unix:// and tcp://') });
  });

  test('404, 401, 403 and unreachable fall back; 429, TLS and 5xx do not', async () => {
    const { fallbackVerdict } = await import('../../src/sources/docker-engine-source.js');
    const { OciError } = await import('../../src/oci/errors.js');
    expect(fallbackVerdict(new OciError('x', { status: 404, code: 'NOT_FOUND' }))).toBe('fallback');
    expect(fallbackVerdict(new OciError('x', { status: 401, code: 'UNAUTHORIZED' }))).toBe('fallback');
    expect(fallbackVerdict(new OciError('x', { status: 403, code: 'DENIED' }))).toBe('fallback');
    expect(fallbackVerdict(new OciError('x', { code: 'ECONNREFUSED', retriable: true }))).toBe('fallback');
    expect(fallbackVerdict(new OciError('x', { code: 'ENOTFOUND' }))).toBe('fallback');
    expect(fallbackVerdict(new OciError('x', { status: 429, code: 'TOO_MANY_REQUESTS', retriable: true }))).toBe('rate-limited');
    expect(fallbackVerdict(new OciError('x', { code: 'TLS' }))).toBe('no');
    expect(fallbackVerdict(new OciError('x', { status: 503, code: 'HTTP_503', retriable: true }))).toBe('no');
    expect(fallbackVerdict(new Error('x'))).toBe('no');
  });
});
