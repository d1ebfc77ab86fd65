/**
 * Load, scaled down for the test suite (the full size is `node bench/load.mjs`): a package of 50
 * images in 5 repositories sharing 8 base layers (about 26 MiB distinct, about 350 MiB counted image
 * by image), built and published by the action as the runner runs it. Every distinct blob crosses the
 * wire once each way (registry access log: one GET per blob, one completed upload per package layer),
 * the package is exact, and the peak memory is reported.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cleanupFixtures, MT, RegistryClient, runAction, sha256, startRegistry, tarOf, type RegistryFixture } from './setup/index.js';
import { listFiles, sha256File, unpack, workspaceWith } from './helpers.js';

const KiB = 1024;
const MiB = 1024 * KiB;
const BASES = [4 * MiB, 3 * MiB, 3 * MiB, 2 * MiB, 2 * MiB, 2 * MiB, 1 * MiB, 1 * MiB];
const REPOS = ['svc-a', 'svc-b', 'svc-c', 'svc-d', 'svc-e'];
const PER_REPO = 10;

interface Blob {
  digest: string;
  size: number;
  mediaType: string;
  data: Buffer;
}

interface Image {
  repo: string;
  tag: string;
  manifest: Blob;
  config: Blob;
  layers: Blob[];
}

let reg: RegistryFixture;
let images: Image[] = [];

const blob = (mediaType: string, data: Buffer): Blob => ({ digest: sha256(data), size: data.length, mediaType, data });

async function layer(name: string, bytes: number): Promise<Blob> {
  return blob(MT.ociLayerTar, await tarOf([{ name: `data/${name}.bin`, data: crypto.randomBytes(bytes) }]));
}

/** 50 images: each 3 of the 8 base layers (picked by its number) and a small layer of its own. */
async function generate(): Promise<Image[]> {
  const bases = await Promise.all(BASES.map((size, i) => layer(`base-${i}`, size)));
  const out: Image[] = [];
  for (const [r, repo] of REPOS.entries()) {
    for (let t = 1; t <= PER_REPO; t++) {
      const n = r * PER_REPO + t;
      const own = await layer(`own-${n}`, 64 * KiB + ((n * 37) % 192) * KiB);
      const layers = [bases[n % 8], bases[(n * 3 + 1) % 8], bases[(n * 5 + 2) % 8]].filter((b, i, all) => all.indexOf(b) === i) as Blob[];
      layers.push(own);
      const config = blob(
        MT.ociConfig,
        Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Cmd: [`/bin/app-${n}`] }, rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) } }))
      );
      const manifest = blob(
        MT.ociManifest,
        Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MT.ociManifest, config: { mediaType: config.mediaType, digest: config.digest, size: config.size }, layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })) }))
      );
      out.push({ repo: `load/${repo}`, tag: String(t), manifest, config, layers });
    }
  }
  return out;
}

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' });
  images = await generate();
  const client = new RegistryClient({ host: reg.host });
  for (const repo of REPOS.map((r) => `load/${r}`)) {
    const mine = images.filter((i) => i.repo === repo);
    const blobs = new Map<string, Blob>();
    for (const i of mine) for (const b of [i.config, ...i.layers]) blobs.set(b.digest, b);
    await Promise.all([...blobs.values()].map((b) => client.pushBlob(repo, b.data, b.digest)));
    for (const i of mine) await client.pushManifest(repo, i.tag, i.manifest.mediaType, i.manifest.data);
  }
}, 120_000);
afterAll(async () => {
  await reg?.stop();
  await cleanupFixtures();
});

const digestOfPath = (p: string): string | undefined => /\/blobs\/(sha256:[0-9a-f]{64})$/.exec(p)?.[1];
const uploadDigest = (uri: string): string | undefined => {
  const m = /[?&]digest=([^&]+)/.exec(uri);
  return m !== null ? decodeURIComponent(m[1] as string) : undefined;
};

function countBy<T>(xs: T[], key: (x: T) => string | undefined): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) {
    const k = key(x);
    if (k !== undefined) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

describe('load: 50 images sharing layers', () => {
  test('built and published with each blob transferred once, the package exact, the peak memory reported', async () => {
    const distinct = new Map<string, Blob>();
    for (const i of images) for (const b of [i.config, ...i.layers]) distinct.set(b.digest, b);
    const distinctBytes = [...distinct.values()].reduce((n, b) => n + b.size, 0);
    const perImageBytes = images.reduce((n, i) => n + i.config.size + i.layers.reduce((m, l) => m + l.size, 0), 0);
    expect(images).toHaveLength(50);
    expect(perImageBytes).toBeGreaterThan(8 * distinctBytes);

    const refs = images.map((i) => `${reg.host}/${i.repo}:${i.tag}`);
    const yaml = ['kind: ZarfPackageConfig', 'metadata:', '  name: load', '  version: 1.0.0', 'components:', '  - name: services', '    required: true', '    images:', ...refs.map((r) => `      - ${r}`), ''].join('\n');
    const ws = workspaceWith(yaml);
    // Published under another name of the same registry: nothing can be mounted, every blob is uploaded.
    const target = `localhost:${reg.port}`;
    reg.resetCounts();
    const run = await runAction({
      workspace: ws,
      debug: true,
      timeoutMs: 120_000,
      inputs: { definition: '.', architecture: 'amd64', output: 'out', 'plain-http': `${reg.host}\n${target}`, cache: 'off', concurrency: '8', retries: '0', publish: `oci://${target}/load-pkg` }
    });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.code).toBe(0);

    // Pull: one GET per distinct config and layer, none twice.
    const requests = reg.requests();
    const pulled = countBy(
      requests.filter((r) => r.method === 'GET' && (r.status === 200 || r.status === 206) && r.path.startsWith('/v2/load/svc-')),
      (r) => digestOfPath(r.path)
    );
    expect([...pulled.keys()].sort()).toEqual([...distinct.keys()].sort());
    expect([...pulled.values()].every((n) => n === 1)).toBe(true);
    // Each image's manifest was read once.
    const manifestGets = countBy(
      requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v2/load/svc-') && r.path.includes('/manifests/')),
      (r) => r.path
    );
    expect(manifestGets.size).toBe(50);
    expect([...manifestGets.values()].every((n) => n === 1)).toBe(true);

    // The package: exact bytes, every image blob in it.
    const pkg = run.outputs.package as string;
    const dir = await unpack(pkg);
    const blobsDir = path.join(dir, 'images', 'blobs', 'sha256');
    for (const f of listFiles(blobsDir)) expect({ f, hash: sha256File(path.join(blobsDir, f)) }).toEqual({ f, hash: f });
    for (const d of [...distinct.keys(), ...images.map((i) => i.manifest.digest)]) expect(fs.existsSync(path.join(blobsDir, d.slice(7)))).toBe(true);
    const index = JSON.parse(fs.readFileSync(path.join(dir, 'images', 'index.json'), 'utf8')) as { manifests: unknown[] };
    expect(index.manifests).toHaveLength(50);

    // Publish: one completed upload per layer of the package manifest (and its config), none twice, no chunks.
    const manifest = await new RegistryClient({ host: reg.host }).getManifest('load-pkg/load', run.outputs.digest as string);
    expect(manifest.status).toBe(200);
    const published = JSON.parse(manifest.body.toString('utf8')) as { config: { digest: string }; layers: Array<{ digest: string; annotations: Record<string, string> }> };
    expect(published.layers.map((l) => l.annotations['org.opencontainers.image.title']).sort()).toEqual(listFiles(dir));
    const uploads = countBy(
      requests.filter((r) => r.method === 'PUT' && r.status === 201 && /^\/v2\/load-pkg\/load\/blobs\/uploads\//.test(r.path)),
      (r) => uploadDigest(r.uri)
    );
    const wanted = new Set([published.config.digest, ...published.layers.map((l) => l.digest)]);
    expect([...uploads.keys()].sort()).toEqual([...wanted].sort());
    expect([...uploads.values()].every((n) => n === 1)).toBe(true);
    expect(requests.filter((r) => r.method === 'PATCH')).toEqual([]);
    expect(requests.filter((r) => r.method === 'PUT' && /\/manifests\//.test(r.path)).map((r) => r.status)).toEqual([201, 201]);

    // Peak memory: reported, and far below what holding the images (or the package) in memory would take.
    const peak = Number(/^peak memory \(max RSS\): (\d+) MiB$/.exec(run.debug.find((d) => d.startsWith('peak memory')) ?? '')?.[1]);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(400);
  }, 180_000);
});
