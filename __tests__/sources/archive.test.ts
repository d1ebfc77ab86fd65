import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import { BlobStore } from '../../src/oci/blobstore.js';
import { sha256, type Digest } from '../../src/oci/digest.js';
import { OciError } from '../../src/oci/errors.js';
import { MediaType } from '../../src/oci/mediatypes.js';
import { Reference } from '../../src/oci/reference.js';
import { parseManifest, type Descriptor } from '../../src/oci/types.js';
import { ArchiveSource } from '../../src/sources/archive.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let tmp: string;
let n = 0;
const fresh = async (label: string): Promise<string> => {
  const d = path.join(tmp, `${label}-${n++}`);
  await mkdir(d, { recursive: true });
  return d;
};

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lading-archive-test-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

// ---- building blocks ---------------------------------------------------------------------------

type TarItem =
  | { name: string; data: Buffer }
  | { name: string; dir: true }
  | { name: string; symlink: string }
  | { name: string; hardlink: string };

/** A tar of `items` in order, all metadata zeroed. */
function makeTar(items: TarItem[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pack = tar.pack();
    const chunks: Buffer[] = [];
    pack.on('data', (c: unknown) => {
      chunks.push(c as Buffer);
    });
    pack.on('end', () => resolve(Buffer.concat(chunks)));
    pack.on('error', reject);
    for (const it of items) {
      const common = { name: it.name, mtime: new Date(0), uid: 0, gid: 0 };
      if ('data' in it) pack.entry({ ...common, mode: 0o644, size: it.data.length }, it.data);
      else if ('dir' in it) pack.entry({ ...common, type: 'directory', mode: 0o755 });
      else if ('symlink' in it) pack.entry({ ...common, type: 'symlink', linkname: it.symlink });
      else pack.entry({ ...common, type: 'link', linkname: it.hardlink });
    }
    pack.finalize();
  });
}

const json = (v: unknown): Buffer => Buffer.from(JSON.stringify(v), 'utf8');
const hashOf = (b: Uint8Array): Digest => sha256(b);

interface TestImage {
  arch: string;
  config: Buffer;
  layers: Array<{ bytes: Buffer; mediaType: string; diffId: Digest }>;
  manifest: Buffer;
}

/** One image: an uncompressed layer and a gzip layer, both with distinct per-arch content. */
async function makeImage(arch: string, tag: string): Promise<TestImage> {
  const plain = await makeTar([{ name: 'etc/', dir: true }, { name: 'etc/hello', data: Buffer.from(`hello from ${arch} ${tag}\n`) }]);
  const inner = await makeTar([{ name: 'srv/data', data: Buffer.from(`data ${arch} ${tag} `.repeat(50)) }]);
  const gz = zlib.gzipSync(inner, { level: 9 });
  const layers = [
    { bytes: plain, mediaType: MediaType.OciLayer, diffId: hashOf(plain) },
    { bytes: gz, mediaType: MediaType.OciLayerGzip, diffId: hashOf(inner) }
  ];
  const config = json({ architecture: arch, os: 'linux', config: { Env: ['A=1'] }, rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) } });
  const manifest = json({
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    config: { mediaType: MediaType.OciConfig, digest: hashOf(config), size: config.length },
    layers: layers.map((l) => ({ mediaType: l.mediaType, digest: hashOf(l.bytes), size: l.bytes.length }))
  });
  return { arch, config, layers, manifest };
}

/** Writes an OCI image layout by hand: one multi-platform index tagged `tag`. */
async function writeOciDir(dir: string, images: TestImage[], tag: string): Promise<{ index: Buffer }> {
  await mkdir(path.join(dir, 'blobs', 'sha256'), { recursive: true });
  const put = async (b: Buffer): Promise<void> => writeFile(path.join(dir, 'blobs', 'sha256', hashOf(b).slice(7)), b);
  for (const img of images) {
    await put(img.config);
    await put(img.manifest);
    for (const l of img.layers) await put(l.bytes);
  }
  const index = json({
    schemaVersion: 2,
    mediaType: MediaType.OciIndex,
    manifests: images.map((i) => ({ mediaType: MediaType.OciManifest, digest: hashOf(i.manifest), size: i.manifest.length, platform: { architecture: i.arch, os: 'linux' } }))
  });
  await put(index);
  await writeFile(path.join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  await writeFile(
    path.join(dir, 'index.json'),
    json({ schemaVersion: 2, manifests: [{ mediaType: MediaType.OciIndex, digest: hashOf(index), size: index.length, annotations: { 'org.opencontainers.image.ref.name': tag } }] })
  );
  return { index };
}

function skopeoCopy(src: string, dst: string, extra: string[] = []): void {
  execFileSync('skopeo', ['--insecure-policy', 'copy', '--quiet', ...extra, src, dst], { stdio: ['ignore', 'ignore', 'pipe'] });
}

async function sha256File(p: string): Promise<Digest> {
  return hashOf(await readFile(p));
}

async function newStore(): Promise<BlobStore> {
  const s = new BlobStore(await fresh('store'));
  await s.init();
  return s;
}

async function expectOciError(p: Promise<unknown>, code: string, ...parts: string[]): Promise<OciError> {
  let err: unknown;
  try {
    await p;
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(OciError);
  const e = err as OciError;
  expect(e.code).toBe(code);
  expect(e.message).not.toContain('\n');
  expect(e.hint).toBeTruthy();
  for (const part of parts) expect(e.message).toContain(part);
  return e;
}

/** Fetches every blob of a platform manifest and checks the store holds exactly the expected bytes. */
async function fetchAndCheck(src: ArchiveSource, ref: Reference, manifestBytes: Buffer, expected: Map<Digest, Buffer>): Promise<void> {
  const parsed = parseManifest(manifestBytes, undefined, 'test');
  if (parsed.kind !== 'manifest') throw new Error('expected a manifest');
  const store = await newStore();
  const descs: Descriptor[] = [parsed.manifest.config, ...parsed.manifest.layers];
  for (const d of descs) {
    const r = await src.fetchBlob(ref, d, store);
    expect(r).toEqual({ fetched: true, bytes: d.size });
    const stored = await readFile(store.path(d.digest));
    expect(hashOf(stored)).toBe(d.digest);
    const want = expected.get(d.digest);
    if (want !== undefined) expect(stored.equals(want)).toBe(true);
  }
  // A second fetch transfers nothing.
  expect(await src.fetchBlob(ref, descs[0] as Descriptor, store)).toEqual({ fetched: false, bytes: 0 });
}

// ---- fixtures shared by several tests ------------------------------------------------------------

let images: TestImage[];
let ociDir: string;
let indexBytes: Buffer;
const NAME = 'example.com/team/app:1.0';
const blobsByDigest = new Map<Digest, Buffer>();

beforeAll(async () => {
  images = [await makeImage('amd64', '1.0'), await makeImage('arm64', '1.0')];
  ociDir = await fresh('oci');
  ({ index: indexBytes } = await writeOciDir(ociDir, images, 'v1'));
  for (const img of images) {
    blobsByDigest.set(hashOf(img.config), img.config);
    for (const l of img.layers) blobsByDigest.set(hashOf(l.bytes), l.bytes);
  }
});

// ---- OCI layout forms ------------------------------------------------------------------------------

describe('OCI image layout', () => {
  test('a layout directory: by tag (ref.name is only a tag), by digest, blobs with exact bytes', async () => {
    const src = await ArchiveSource.open(ociDir, await fresh('work'));
    expect(src.name).toBe(ociDir);
    expect(src.format).toBe('oci-layout');
    // "v1" has no repository: not listed as a name, but any reference with tag v1 selects it.
    expect(src.images()).toEqual([]);
    const ref = Reference.parse('example.com/whatever:v1');
    const idx = await src.getManifest(ref, 'v1');
    expect(idx.bytes.equals(indexBytes)).toBe(true);
    expect(idx.digest).toBe(hashOf(indexBytes));
    expect(idx.mediaType).toBe(MediaType.OciIndex);
    const m = await src.getManifest(ref, hashOf(images[1]!.manifest));
    expect(m.bytes.equals(images[1]!.manifest)).toBe(true);
    expect(m.mediaType).toBe(MediaType.OciManifest);
    await fetchAndCheck(src, ref, m.bytes, blobsByDigest);
    await src.close();
  });

  test('oci-archive from skopeo (multi-platform), plain and gzip-compressed', async () => {
    const dir = await fresh('ociarchive');
    const archive = path.join(dir, 'app.tar');
    skopeoCopy(`oci:${ociDir}:v1`, `oci-archive:${archive}:${NAME}`, ['--all', '--preserve-digests']);
    const gz = path.join(dir, 'app.tar.gz');
    await writeFile(gz, zlib.gzipSync(await readFile(archive)));

    for (const file of [archive, gz]) {
      const work = path.join(await fresh('work'), 'not-yet-created');
      const src = await ArchiveSource.open(file, work);
      expect(src.images().map((i) => i.name)).toEqual([NAME]);
      const root = src.images()[0]!.descriptor;
      const ref = Reference.parse(NAME);
      const idx = await src.getManifest(ref, '1.0');
      expect(idx.digest).toBe(root.digest);
      expect(idx.mediaType).toBe(MediaType.OciIndex);
      const parsed = parseManifest(idx.bytes, idx.mediaType, 'test');
      if (parsed.kind !== 'index') throw new Error('expected an index');
      expect(parsed.index.manifests.map((d) => d.platform?.architecture).sort()).toEqual(['amd64', 'arm64']);
      for (const child of parsed.index.manifests) {
        const m = await src.getManifest(ref, child.digest);
        expect(m.digest).toBe(child.digest);
        await fetchAndCheck(src, ref, m.bytes, blobsByDigest);
      }
      // The same image by its index digest.
      expect((await src.getManifest(ref, root.digest)).bytes.equals(idx.bytes)).toBe(true);
      if (file === gz) expect((await readdir(work)).length).toBe(1); // the decompressed copy
      await src.close();
      // Only the compressed archive needed the scratch folder, and nothing is left in it.
      expect(existsSync(work)).toBe(file === gz);
      if (file === gz) expect(await readdir(work)).toEqual([]);
    }
  });

  test('a tar with the layout inside one top folder, and zstd compression (several frames, as pzstd or cat writes)', async () => {
    const items: TarItem[] = [{ name: 'layout/', dir: true }];
    for (const f of ['oci-layout', 'index.json']) items.push({ name: `layout/${f}`, data: await readFile(path.join(ociDir, f)) });
    for (const f of await readdir(path.join(ociDir, 'blobs', 'sha256'))) {
      items.push({ name: `./layout/blobs/sha256/${f}`, data: await readFile(path.join(ociDir, 'blobs', 'sha256', f)) });
    }
    const file = path.join(await fresh('nested'), 'layout.tar.zst');
    // Two frames, the second starting mid-entry: node's own zstd stream stopped after the first.
    const tarBytes = await makeTar(items);
    const cut = Math.floor(tarBytes.length / 2) + 7;
    await writeFile(file, Buffer.concat([zlib.zstdCompressSync(tarBytes.subarray(0, cut)), zlib.zstdCompressSync(tarBytes.subarray(cut))]));
    // And as pzstd writes it: a skippable frame before each frame (node's own stream read none of it).
    const pz = path.join(path.dirname(file), 'layout-pzstd.tar.zst');
    await writeFile(pz, execFileSync('pzstd', ['-q', '-p', '2', '-c'], { input: tarBytes, maxBuffer: 1 << 30 }));
    for (const f of [file, pz]) {
      const src = await ArchiveSource.open(f, await fresh('work'));
      const ref = Reference.parse('anything:v1');
      expect((await src.getManifest(ref, 'v1')).digest).toBe(hashOf(indexBytes));
      await fetchAndCheck(src, ref, images[0]!.manifest, blobsByDigest);
      await src.close();
    }
  });

  test('one name on several platform manifests becomes one synthesized index', async () => {
    const items = await ociTarItems();
    const idx = items.findIndex((i) => i.name === 'index.json');
    const entries = [...images]
      .reverse()
      .map((i) => ({ mediaType: MediaType.OciManifest, digest: hashOf(i.manifest), size: i.manifest.length, platform: { architecture: i.arch, os: 'linux' }, annotations: { 'org.opencontainers.image.ref.name': 'example.com/multi:1' } }));
    items[idx] = { name: 'index.json', data: json({ schemaVersion: 2, manifests: entries }) };
    const file = path.join(await fresh('samename'), 'multi.tar');
    await writeFile(file, await makeTar(items));
    const src = await ArchiveSource.open(file, await fresh('work'));
    const listed = src.images();
    expect(listed.map((i) => i.name)).toEqual(['example.com/multi:1']);
    const ref = Reference.parse('example.com/multi:1');
    const m = await src.getManifest(ref, '1');
    expect(m.mediaType).toBe(MediaType.OciIndex);
    expect(m.digest).toBe(listed[0]!.descriptor.digest);
    const parsed = parseManifest(m.bytes, m.mediaType, 'test');
    if (parsed.kind !== 'index') throw new Error('expected an index');
    expect(parsed.index.manifests.map((d) => [d.platform?.architecture, d.digest])).toEqual(images.map((i) => [i.arch, hashOf(i.manifest)]));
    const store = await newStore();
    await src.fetchBlob(ref, listed[0]!.descriptor, store);
    expect((await readFile(store.path(m.digest))).equals(m.bytes)).toBe(true);
    expect((await src.getManifest(ref, hashOf(images[1]!.manifest))).bytes.equals(images[1]!.manifest)).toBe(true);
    await src.close();
  });

  test('Docker 25+ docker save (index.json and manifest.json): the OCI index wins', async () => {
    const img = images[0]!;
    const items: TarItem[] = [{ name: 'blobs/', dir: true }, { name: 'blobs/sha256/', dir: true }];
    for (const b of [img.config, img.manifest, ...img.layers.map((l) => l.bytes)]) items.push({ name: `blobs/sha256/${hashOf(b).slice(7)}`, data: b });
    items.push({
      name: 'index.json',
      data: json({
        schemaVersion: 2,
        mediaType: MediaType.OciIndex,
        manifests: [
          {
            mediaType: MediaType.OciManifest,
            digest: hashOf(img.manifest),
            size: img.manifest.length,
            annotations: { 'io.containerd.image.name': 'docker.io/library/nginx:1.25', 'org.opencontainers.image.ref.name': '1.25' }
          }
        ]
      })
    });
    items.push({
      name: 'manifest.json',
      data: json([{ Config: `blobs/sha256/${hashOf(img.config).slice(7)}`, RepoTags: ['nginx:1.25'], Layers: img.layers.map((l) => `blobs/sha256/${hashOf(l.bytes).slice(7)}`) }])
    });
    items.push({ name: 'oci-layout', data: json({ imageLayoutVersion: '1.0.0' }) });
    const file = path.join(await fresh('docker25'), 'nginx.tar');
    await writeFile(file, await makeTar(items));
    const src = await ArchiveSource.open(file, await fresh('work'));
    expect(src.format).toBe('oci-layout');
    expect(src.images().map((i) => i.name)).toEqual(['docker.io/library/nginx:1.25']);
    const m = await src.getManifest(Reference.parse('nginx:1.25'), '1.25');
    expect(m.bytes.equals(img.manifest)).toBe(true);
    // The bare ref.name "1.25" does not make another repository match: the archive names the image.
    await expectOciError(src.getManifest(Reference.parse('redis:1.25'), '1.25'), 'IMAGE_NOT_IN_ARCHIVE', 'docker.io/library/redis:1.25', 'docker.io/library/nginx:1.25');
    await src.close();
  });
});

// ---- classic docker save ---------------------------------------------------------------------------

describe('classic docker save', () => {
  test('docker-archive from skopeo: synthesized manifest, config and layers byte-exact', async () => {
    const file = path.join(await fresh('dockerarchive'), 'app.tar');
    skopeoCopy(`oci:${ociDir}:v1`, `docker-archive:${file}:${NAME}`, ['--override-arch', 'arm64']);
    const img = images[1]!;
    const open = async (): Promise<ArchiveSource> => ArchiveSource.open(file, await fresh('work'));
    const src = await open();
    expect(src.format).toBe('docker-save');
    expect(src.images().map((i) => i.name)).toEqual([NAME]);
    expect(src.images()[0]!.descriptor.platform).toEqual({ os: 'linux', architecture: 'arm64' });
    const ref = Reference.parse(NAME);
    const m = await src.getManifest(ref, '1.0');
    expect(m.mediaType).toBe(MediaType.OciManifest);
    expect(m.digest).toBe(hashOf(m.bytes));
    const parsed = parseManifest(m.bytes, undefined, 'test');
    if (parsed.kind !== 'manifest') throw new Error('expected a manifest');
    // Config digest: sha256 of the config file's bytes; layers: the uncompressed layers, never re-encoded.
    expect(parsed.manifest.config).toEqual({ mediaType: MediaType.OciConfig, digest: hashOf(img.config), size: img.config.length });
    expect(parsed.manifest.layers.map((l) => l.mediaType)).toEqual([MediaType.OciLayer, MediaType.OciLayer]);
    expect(parsed.manifest.layers.map((l) => l.digest)).toEqual(img.layers.map((l) => l.diffId));
    const expected = new Map<Digest, Buffer>([[hashOf(img.config), img.config], [img.layers[0]!.diffId, img.layers[0]!.bytes], [img.layers[1]!.diffId, zlib.gunzipSync(img.layers[1]!.bytes)]]);
    await fetchAndCheck(src, ref, m.bytes, expected);
    // The synthesized manifest itself can be fetched as a blob and asked for by digest.
    const store = await newStore();
    await src.fetchBlob(ref, { mediaType: m.mediaType, digest: m.digest, size: m.bytes.length }, store);
    expect((await readFile(store.path(m.digest))).equals(m.bytes)).toBe(true);
    expect((await src.getManifest(ref, m.digest)).bytes.equals(m.bytes)).toBe(true);
    await src.close();
    // Deterministic: the same archive always yields the same manifest.
    const again = await open();
    expect((await again.getManifest(ref, '1.0')).bytes.equals(m.bytes)).toBe(true);
    await again.close();
  });

  test('hand-written docker save: <id>/layer.tar, symlinked shared layer, exact synthesized manifest', async () => {
    const base = await makeTar([{ name: 'bin/', dir: true }, { name: 'bin/tool', data: Buffer.from('#!/bin/sh\necho tool\n') }]);
    const app = await makeTar([{ name: 'app/', dir: true }, { name: 'app/main', data: Buffer.from('main\n') }]);
    const cfgA = json({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [hashOf(base), hashOf(app)] } });
    // No diff_ids: the layer is hashed while reading the archive.
    const cfgB = json({ architecture: 'arm64', variant: 'v8', os: 'linux', config: {}, rootfs: { type: 'layers' } });
    const idA = 'a'.repeat(64);
    const idB = 'b'.repeat(64);
    const idC = 'c'.repeat(64);
    const manifestJson = json([
      { Config: `${hashOf(cfgA).slice(7)}.json`, RepoTags: ['nginx:1.25', 'registry.local:5000/web/nginx:stable'], Layers: [`${idA}/layer.tar`, `${idC}/layer.tar`] },
      { Config: `${hashOf(cfgB).slice(7)}.json`, RepoTags: ['busybox'], Layers: [`${idB}/layer.tar`] }
    ]);
    const tarBytes = await makeTar([
      { name: `${idA}/`, dir: true },
      { name: `${idA}/layer.tar`, data: base },
      { name: `${idA}/VERSION`, data: Buffer.from('1.0') },
      { name: `${idB}/`, dir: true },
      { name: `${idB}/layer.tar`, symlink: `../${idA}/layer.tar` },
      { name: `${idC}/`, dir: true },
      { name: `${idC}/layer.tar`, hardlink: `${idA}/layer.tar.app` },
      { name: `${idA}/layer.tar.app`, data: app },
      { name: `${hashOf(cfgA).slice(7)}.json`, data: cfgA },
      { name: `${hashOf(cfgB).slice(7)}.json`, data: cfgB },
      { name: 'manifest.json', data: manifestJson },
      { name: 'repositories', data: json({ nginx: { '1.25': idA } }) }
    ]);
    const file = path.join(await fresh('classic'), 'images.tar');
    await writeFile(file, tarBytes);
    const src = await ArchiveSource.open(file, await fresh('work'));
    expect(src.images().map((i) => i.name)).toEqual(['docker.io/library/nginx:1.25', 'registry.local:5000/web/nginx:stable', 'docker.io/library/busybox:latest']);

    const expectedA =
      `{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",` +
      `"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"${hashOf(cfgA)}","size":${cfgA.length}},` +
      `"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"${hashOf(base)}","size":${base.length}},` +
      `{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"${hashOf(app)}","size":${app.length}}]}`;
    const a = await src.getManifest(Reference.parse('docker.io/nginx'), '1.25');
    expect(a.bytes.toString()).toBe(expectedA);
    expect(a.digest).toBe(hashOf(Buffer.from(expectedA)));
    expect((await src.getManifest(Reference.parse('registry.local:5000/web/nginx'), 'stable')).digest).toBe(a.digest);
    await fetchAndCheck(src, Reference.parse('nginx:1.25'), a.bytes, new Map([[hashOf(cfgA), cfgA], [hashOf(base), base], [hashOf(app), app]]));

    const b = await src.getManifest(Reference.parse('busybox'), 'latest');
    const pb = parseManifest(b.bytes, undefined, 'test');
    if (pb.kind !== 'manifest') throw new Error('expected a manifest');
    expect(pb.manifest.layers).toEqual([{ mediaType: MediaType.OciLayer, digest: hashOf(base), size: base.length }]);
    expect(src.images()[2]!.descriptor.platform).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' });
    await fetchAndCheck(src, Reference.parse('busybox'), b.bytes, new Map([[hashOf(base), base]]));
    await src.close();
  });

  test('a layer whose bytes do not match its diff_id is rejected when fetched', async () => {
    const layer = await makeTar([{ name: 'x', data: Buffer.from('x') }]);
    const cfg = json({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256('something else')] } });
    const file = path.join(await fresh('classic-bad'), 'bad.tar');
    await writeFile(
      file,
      await makeTar([
        { name: 'l/layer.tar', data: layer },
        { name: 'c.json', data: cfg },
        { name: 'manifest.json', data: json([{ Config: 'c.json', RepoTags: ['bad:1'], Layers: ['l/layer.tar'] }]) }
      ])
    );
    const src = await ArchiveSource.open(file, await fresh('work'));
    const ref = Reference.parse('bad:1');
    const m = parseManifest((await src.getManifest(ref, '1')).bytes, undefined, 'test');
    if (m.kind !== 'manifest') throw new Error('expected a manifest');
    const store = await newStore();
    const layerDesc = m.manifest.layers[0]!;
    await expectOciError(src.fetchBlob(ref, layerDesc, store), 'DIGEST_MISMATCH', file, 'l/layer.tar', layerDesc.digest);
    expect(await store.has(layerDesc.digest)).toBe(false);
    await src.close();
  });
});

// ---- never trust the archive -------------------------------------------------------------------------

async function ociTarItems(mutate?: (name: string, data: Buffer) => Buffer): Promise<TarItem[]> {
  const items: TarItem[] = [];
  for (const f of ['oci-layout', 'index.json']) items.push({ name: f, data: await readFile(path.join(ociDir, f)) });
  for (const f of (await readdir(path.join(ociDir, 'blobs', 'sha256'))).sort()) {
    const data = await readFile(path.join(ociDir, 'blobs', 'sha256', f));
    items.push({ name: `blobs/sha256/${f}`, data: mutate ? mutate(f, data) : data });
  }
  return items;
}

describe('untrusted content', () => {
  test('a tampered layer is rejected, naming the archive and the blob; nothing is stored', async () => {
    const layer = images[0]!.layers[0]!.bytes;
    const hex = hashOf(layer).slice(7);
    const file = path.join(await fresh('tamper'), 'tampered.tar');
    await writeFile(
      file,
      await makeTar(
        await ociTarItems((name, data) => {
          if (name !== hex) return data;
          const copy = Buffer.from(data);
          copy[600] = (copy[600] ?? 0) ^ 0xff;
          return copy;
        })
      )
    );
    const src = await ArchiveSource.open(file, await fresh('work'));
    const store = await newStore();
    const desc: Descriptor = { mediaType: MediaType.OciLayer, digest: hashOf(layer), size: layer.length };
    await expectOciError(src.fetchBlob(Reference.parse('x:v1'), desc, store), 'DIGEST_MISMATCH', file, `blobs/sha256/${hex}`);
    expect(await store.has(desc.digest)).toBe(false);
    expect((await readdir(path.dirname(store.path(desc.digest)))).filter((f) => !f.startsWith('.'))).toEqual([]);
    // A declared size that differs from the archive's is refused before reading.
    await expectOciError(src.fetchBlob(Reference.parse('x:v1'), { ...desc, size: desc.size + 1 }, store), 'SIZE_MISMATCH', file);
    await src.close();
  });

  test('a tampered manifest is rejected by getManifest', async () => {
    const hex = hashOf(images[0]!.manifest).slice(7);
    const file = path.join(await fresh('tamper-m'), 'tampered.tar');
    await writeFile(file, await makeTar(await ociTarItems((name, data) => (name === hex ? Buffer.from(data.toString().replace('"schemaVersion":2', '"schemaVersion":2 ')) : data))));
    const src = await ArchiveSource.open(file, await fresh('work'));
    await expectOciError(src.getManifest(Reference.parse('x:v1'), `sha256:${hex}`), 'DIGEST_MISMATCH', file, `blobs/sha256/${hex}`);
    await src.close();
  });

  test('path traversal entries are rejected when the archive is opened', async () => {
    const dir = await fresh('traversal');
    const cases: Array<[string, TarItem]> = [
      ['dotdot.tar', { name: 'blobs/sha256/../../x', data: Buffer.from('evil') }],
      ['absolute.tar', { name: '/etc/evil', data: Buffer.from('evil') }],
      ['symlink.tar', { name: 'blobs/sha256/link', symlink: '../../../etc/passwd' }]
    ];
    for (const [fileName, bad] of cases) {
      const file = path.join(dir, fileName);
      await writeFile(file, await makeTar([...(await ociTarItems()), bad]));
      await expectOciError(ArchiveSource.open(file, await fresh('work')), 'ARCHIVE_UNSAFE_PATH', file);
    }
    // manifest.json of a docker save may not point outside the archive either.
    const file = path.join(dir, 'docker.tar');
    await writeFile(file, await makeTar([{ name: 'c.json', data: json({}) }, { name: 'manifest.json', data: json([{ Config: 'c.json', RepoTags: ['x:1'], Layers: ['../../etc/passwd'] }]) }]));
    await expectOciError(ArchiveSource.open(file, await fresh('work')), 'ARCHIVE_UNSAFE_PATH', file, '../../etc/passwd');
    // An invalid digest in index.json is refused before any path is built from it.
    const bad = path.join(dir, 'baddigest.tar');
    await writeFile(
      bad,
      await makeTar([{ name: 'index.json', data: json({ schemaVersion: 2, manifests: [{ mediaType: MediaType.OciManifest, digest: 'sha256:../../../etc/passwd', size: 1 }] }) }])
    );
    await expectOciError(ArchiveSource.open(bad, await fresh('work')), 'ARCHIVE_INVALID', bad);
  });

  test('a reference the archive does not hold lists what it holds', async () => {
    const file = path.join(await fresh('missing'), 'named.tar');
    const items = await ociTarItems();
    const idx = items.findIndex((i) => i.name === 'index.json');
    items[idx] = {
      name: 'index.json',
      data: json({
        schemaVersion: 2,
        manifests: [
          { mediaType: MediaType.OciIndex, digest: hashOf(indexBytes), size: indexBytes.length, annotations: { 'org.opencontainers.image.ref.name': 'ghcr.io/acme/app:2.0' } },
          { mediaType: MediaType.OciManifest, digest: hashOf(images[0]!.manifest), size: images[0]!.manifest.length, platform: { os: 'linux', architecture: 'amd64' } }
        ]
      })
    };
    await writeFile(file, await makeTar(items));
    const src = await ArchiveSource.open(file, await fresh('work'));
    const e = await expectOciError(src.getManifest(Reference.parse('ghcr.io/acme/app:3.0'), '3.0'), 'IMAGE_NOT_IN_ARCHIVE', 'ghcr.io/acme/app:3.0', file, 'ghcr.io/acme/app:2.0', hashOf(images[0]!.manifest));
    expect(e.message).toContain('linux/amd64');
    await expectOciError(src.getManifest(Reference.parse('ghcr.io/acme/app:2.0'), sha256('nope')), 'IMAGE_NOT_IN_ARCHIVE', sha256('nope'), file);
    await src.close();
  });

  test('files that are not image archives', async () => {
    const dir = await fresh('notarchive');
    const missing = path.join(dir, 'nope.tar');
    await expectOciError(ArchiveSource.open(missing, dir), 'ARCHIVE_NOT_FOUND', missing);
    const text = path.join(dir, 'text.tar');
    await writeFile(text, 'hello, this is not a tar file at all '.repeat(40));
    await expectOciError(ArchiveSource.open(text, dir), 'ARCHIVE_INVALID', text);
    const empty = path.join(dir, 'empty.tar');
    await writeFile(empty, await makeTar([{ name: 'readme', data: Buffer.from('hi') }]));
    await expectOciError(ArchiveSource.open(empty, dir), 'ARCHIVE_INVALID', empty, 'index.json', 'manifest.json');
  });
});

// ---- streaming ----------------------------------------------------------------------------------------

describe('large layers', () => {
  test('a 256 MiB layer is indexed and copied with flat memory', async () => {
    const SIZE = 256 << 20;
    const chunk = Buffer.alloc(1 << 20);
    for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31) & 0xff;
    const h = createHash('sha256');
    for (let i = 0; i < SIZE / chunk.length; i++) h.update(chunk);
    const layerDigest = `sha256:${h.digest('hex')}` as Digest;
    const config = json({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [layerDigest] } });
    const manifest = json({
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      config: { mediaType: MediaType.OciConfig, digest: hashOf(config), size: config.length },
      layers: [{ mediaType: MediaType.OciLayer, digest: layerDigest, size: SIZE }]
    });
    const file = path.join(await fresh('big'), 'big.tar');
    const pack = tar.pack();
    const out = pipeline(pack, createWriteStream(file));
    const entry = (name: string, data: Buffer): void => void pack.entry({ name, size: data.length, mtime: new Date(0) }, data);
    entry('oci-layout', json({ imageLayoutVersion: '1.0.0' }));
    entry(
      'index.json',
      json({ schemaVersion: 2, manifests: [{ mediaType: MediaType.OciManifest, digest: hashOf(manifest), size: manifest.length, annotations: { 'org.opencontainers.image.ref.name': 'big.example/big:1' } }] })
    );
    await new Promise<void>((resolve, reject) => {
      const w = pack.entry({ name: `blobs/sha256/${layerDigest.slice(7)}`, size: SIZE, mtime: new Date(0) }, (err) => (err ? reject(err) : resolve()));
      let i = 0;
      const more = (): void => {
        while (i < SIZE / chunk.length) {
          i++;
          if (!w.write(chunk)) {
            w.once('drain', more);
            return;
          }
        }
        w.end(null);
      };
      more();
    });
    entry(`blobs/sha256/${hashOf(config).slice(7)}`, config);
    entry(`blobs/sha256/${hashOf(manifest).slice(7)}`, manifest);
    pack.finalize();
    await out;

    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    try {
      const src = await ArchiveSource.open(file, await fresh('work'));
      const ref = Reference.parse('big.example/big:1');
      const m = await src.getManifest(ref, '1');
      const store = await newStore();
      const layer: Descriptor = { mediaType: MediaType.OciLayer, digest: layerDigest, size: SIZE };
      let progressed = 0;
      expect(await src.fetchBlob(ref, layer, store, (b) => (progressed += b))).toEqual({ fetched: true, bytes: SIZE });
      expect(progressed).toBe(SIZE);
      expect(await store.verify(layerDigest, SIZE)).toBe(true);
      expect(m.digest).toBe(hashOf(manifest));
      await src.close();
    } finally {
      clearInterval(timer);
    }
    expect(peak - before).toBeLessThan(128 << 20);
  });
});

// ---- the bundled example -----------------------------------------------------------------------------

describe('bundled example', () => {
  const archive = path.join(REPO_ROOT, 'examples', 'podinfo', 'images', 'podinfo.tar');
  const NAME_EXAMPLE = 'localhost/lading-example/podinfo-standin:6.9.0';

  test('opens, names the stand-in image and holds linux/amd64 and linux/arm64', async () => {
    const src = await ArchiveSource.open(archive, await fresh('work'));
    expect(src.images().map((i) => i.name)).toEqual([NAME_EXAMPLE]);
    const ref = Reference.parse(NAME_EXAMPLE);
    const idx = await src.getManifest(ref, '6.9.0');
    const parsed = parseManifest(idx.bytes, idx.mediaType, 'example');
    if (parsed.kind !== 'index') throw new Error('expected an index');
    expect(parsed.index.manifests.map((d) => `${d.platform?.os}/${d.platform?.architecture}`)).toEqual(['linux/amd64', 'linux/arm64']);
    for (const child of parsed.index.manifests) {
      const m = await src.getManifest(ref, child.digest);
      await fetchAndCheck(src, ref, m.bytes, new Map());
    }
    await src.close();
  });

  test('zarf.yaml names the archive and the image', async () => {
    const yaml = await readFile(path.join(REPO_ROOT, 'examples', 'podinfo', 'zarf.yaml'), 'utf8');
    expect(yaml).toContain('path: images/podinfo.tar');
    expect(yaml).toContain(`- ${NAME_EXAMPLE}`);
  });

  test('scripts/make-example-archive.mjs reproduces it byte for byte', async () => {
    const out = path.join(await fresh('regen'), 'podinfo.tar');
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'make-example-archive.mjs'), out], { cwd: REPO_ROOT, stdio: 'ignore' });
    expect(existsSync(out)).toBe(true);
    expect(await sha256File(out)).toBe(await sha256File(archive));
  });
});
