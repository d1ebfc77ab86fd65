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
import { definition, listFiles, sha256File, unpack, workspaceWith } from './helpers.js';

let reg: RegistryFixture;
let multi: PushedImage;
let engine: http.Server;
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
  engine = http.createServer((req, res) => {
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
  });
  await new Promise<void>((r) => engine.listen(socket, r));
}, 120_000);

afterAll(async () => {
  await new Promise<void>((r) => (engine ? engine.close(() => r()) : r()));
  await reg?.stop();
  await cleanupFixtures();
});

describe('Docker daemon fallback, OCI-layout export (containerd image store)', () => {
  test('the export keeps the registry bytes: the platform manifest, config and layers are the originals', async () => {
    const amd64 = multi.platforms?.find((p) => p.architecture === 'amd64');
    const ws = workspaceWith(definition([multi.ref]));
    const run = await runAction({
      workspace: ws,
      inputs: { definition: '.', architecture: 'amd64', output: 'out', 'plain-http': reg.host, cache: 'off', retries: '0' },
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
});
