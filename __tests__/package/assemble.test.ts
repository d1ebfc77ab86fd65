import { describe, test, expect, beforeAll, afterAll } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { BlobStore } from '../../src/oci/blobstore.js';
import { Reference } from '../../src/oci/reference.js';
import { MediaType } from '../../src/oci/mediatypes.js';
import type { Descriptor } from '../../src/oci/types.js';
import type { ResolvedImage } from '../../src/model.js';
import { LadingError } from '../../src/errors.js';
import {
  assemblePackage,
  buildData,
  formatBuildTimestamp,
  packageFileName,
  writeReproducibleTar,
  type AssembleInput,
  type DefinitionInput
} from '../../src/package/assemble.js';
import { renderChecksums } from '../../src/package/checksums.js';
import { zarfSchemaErrors } from '../helpers/zarf-schema.js';

const NOW = new Date('2026-11-23T11:00:00Z');
const sha = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

let tmp: string;
let store: BlobStore;
let images: ResolvedImage[];
let manifestA: Buffer;
let indexB: Buffer;

async function put(bytes: Buffer | string, mediaType: string): Promise<Descriptor> {
  const buf = Buffer.from(bytes);
  const digest = await store.writeBytes(buf);
  return { mediaType, digest, size: buf.length };
}

async function manifest(configText: string, layers: Descriptor[]): Promise<{ desc: Descriptor; bytes: Buffer; config: Descriptor }> {
  const config = await put(configText, MediaType.OciConfig);
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, config, layers }));
  const desc = await put(bytes, MediaType.OciManifest);
  return { desc, bytes, config };
}

function definition(meta: Partial<DefinitionInput['config']['metadata']> = {}): DefinitionInput {
  return {
    dir: tmp,
    config: {
      kind: 'ZarfPackageConfig',
      metadata: { name: 'demo', description: 'a demo', version: '1.0.0', ...meta },
      components: [
        { name: 'app', required: true, images: ['app:1.0', 'app:latest'] },
        { name: 'multi', images: ['ghcr.io/acme/multi@sha256:x'] },
        { name: 'empty', description: 'nothing here' }
      ],
      variables: [{ name: 'X', default: 'y' }]
    }
  };
}

function input(outputDir: string, over: Partial<AssembleInput> = {}): AssembleInput {
  return {
    definition: definition(),
    architecture: 'amd64',
    images,
    store,
    outputDir,
    builderVersion: 'v0.1.0-test',
    now: NOW,
    terminal: 'test-host',
    user: 'tester',
    ...over
  };
}

function sh(script: string, ...args: string[]): string {
  return execFileSync('sh', ['-c', script, 'sh', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function walk(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p, base)));
    else out.push(path.relative(base, p).split(path.sep).join('/'));
  }
  return out.sort();
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lading-assemble-'));
  store = new BlobStore(path.join(tmp, 'cache'));
  await store.init();

  const shared = await put('shared layer bytes', MediaType.OciLayerGzip);
  const layerA = await put('layer A only', MediaType.OciLayerGzip);
  const a = await manifest('{"architecture":"amd64","os":"linux","config":{}}', [shared, layerA]);
  manifestA = a.bytes;
  const platformA = { os: 'linux', architecture: 'amd64' };

  const amd = await manifest('{"architecture":"amd64","os":"linux","rootfs":{}}', [shared]);
  const armLayer = await put('arm layer', MediaType.OciLayerGzip);
  const arm = await manifest('{"architecture":"arm64","os":"linux","rootfs":{}}', [armLayer]);
  indexB = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.OciIndex,
      manifests: [
        { ...amd.desc, platform: { os: 'linux', architecture: 'amd64' } },
        { ...arm.desc, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } }
      ]
    })
  );
  const idx = await put(indexB, MediaType.OciIndex);
  const refB = Reference.parse(`ghcr.io/acme/multi@${idx.digest}`);

  const imageA = (written: string): ResolvedImage => ({
    component: 'app',
    written,
    reference: Reference.parse(written),
    descriptor: { ...a.desc, platform: platformA },
    blobs: [a.desc, a.config, shared, layerA],
    source: 'docker.io',
    keptIndex: false
  });
  images = [
    imageA('app:1.0'),
    imageA('app:latest'),
    {
      component: 'multi',
      written: refB.toString(),
      reference: refB,
      descriptor: idx,
      blobs: [idx, amd.desc, amd.config, shared, arm.desc, arm.config, armLayer],
      source: 'ghcr.io',
      keptIndex: true
    }
  ];
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('helpers', () => {
  test('build timestamp is RFC 1123 with a numeric zone, in UTC', () => {
    expect(formatBuildTimestamp(NOW)).toBe('Mon, 23 Nov 2026 11:00:00 +0000');
    expect(formatBuildTimestamp(new Date('2027-01-02T03:04:05Z'))).toBe('Sat, 02 Jan 2027 03:04:05 +0000');
  });

  test('file name', () => {
    expect(packageFileName(definition().config, 'arm64')).toBe('zarf-package-demo-arm64-1.0.0.tar.zst');
    const noVersion = definition().config;
    delete noVersion.metadata.version;
    expect(packageFileName(noVersion, 'amd64')).toBe('zarf-package-demo-amd64.tar.zst');
    expect(packageFileName(definition({ uncompressed: true }).config, 'amd64')).toBe('zarf-package-demo-amd64-1.0.0.tar');
  });

  test('checksums.txt: whole lines sorted bytewise (by hash, then path), newline after each, zarf.yaml left out, empty package gives "\\n"', () => {
    // Hash order is the reverse of path order here, so sorting by path would fail; two files with
    // one hash are ordered by path.
    const r = renderChecksums([
      { path: 'components/a.tar', sha256: 'f'.repeat(64) },
      { path: 'images/index.json', sha256: '0'.repeat(64) },
      { path: 'zarf.yaml', sha256: '1'.repeat(64) },
      { path: 'images/oci-layout', sha256: 'a'.repeat(64) },
      { path: 'components/b.tar', sha256: 'a'.repeat(64) }
    ]);
    expect(r.text).toBe(`${'0'.repeat(64)} images/index.json\n${'a'.repeat(64)} components/b.tar\n${'a'.repeat(64)} images/oci-layout\n${'f'.repeat(64)} components/a.tar\n`);
    expect(r.aggregateChecksum).toBe(sha(r.text));
    expect(renderChecksums([]).text).toBe('\n');
  });
});

describe('assemblePackage', () => {
  let out: string;
  let unpacked: string;
  let result: Awaited<ReturnType<typeof assemblePackage>>;
  const progress: string[] = [];

  beforeAll(async () => {
    out = path.join(tmp, 'out1');
    result = await assemblePackage(input(out, { onProgress: (m) => progress.push(m) }));
    unpacked = path.join(tmp, 'unpacked1');
    await mkdir(unpacked);
    sh('zstd -q -d -c "$1" | tar -xf - -C "$2"', result.path, unpacked);
  });

  test('writes only the package file, with the Zarf name', async () => {
    expect(result.fileName).toBe('zarf-package-demo-amd64-1.0.0.tar.zst');
    expect(result.path).toBe(path.join(out, result.fileName));
    expect(await readdir(out)).toEqual([result.fileName]);
    expect((await stat(result.path)).size).toBe(result.size);
    expect(progress.length).toBeGreaterThan(0);
  });

  test('tar is reproducible: sorted entries, mtime 0, root owner, fixed modes', () => {
    const listing = sh('zstd -q -d -c "$1" | tar --numeric-owner -tvf -', result.path).trim().split('\n');
    const names = listing.map((l) => l.split(/\s+/).pop() as string);
    const sorted = [...names].sort((a, b) => Buffer.compare(Buffer.from(a.replace(/\/$/, '')), Buffer.from(b.replace(/\/$/, ''))));
    expect(names).toEqual(sorted);
    expect(names.slice(0, 2)).toEqual(['checksums.txt', 'images/']);
    expect(names).toContain('images/blobs/sha256/');
    expect(names[names.length - 1]).toBe('zarf.yaml');
    for (const line of listing) {
      const [mode, owner, , date] = line.split(/\s+/);
      expect(owner).toBe('0/0');
      expect(date).toBe('1970-01-01');
      expect(mode).toBe(line.startsWith('d') ? 'drwxr-xr-x' : '-rw-r--r--');
    }
    // No component content -> no components/ folder at all.
    expect(names.some((n) => n.startsWith('components'))).toBe(false);
  });

  test('checksums.txt covers every file but zarf.yaml and itself; aggregate checksum matches', async () => {
    const text = await readFile(path.join(unpacked, 'checksums.txt'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines).toEqual([...lines].sort());
    const listed = new Map(lines.map((l) => [l.split(' ')[1] as string, l.split(' ')[0] as string]));
    const all = await walk(unpacked);
    expect([...listed.keys()].sort()).toEqual(all.filter((f) => f !== 'zarf.yaml' && f !== 'checksums.txt'));
    for (const [file, sum] of listed) expect(sha(await readFile(path.join(unpacked, file)))).toBe(sum);
    expect(result.aggregateChecksum).toBe(sha(text));

    const zarf = YAML.parse(await readFile(path.join(unpacked, 'zarf.yaml'), 'utf8'));
    expect(zarf.metadata.aggregateChecksum).toBe(result.aggregateChecksum);
    // result.files describes every file of the package.
    expect(result.files.map((f) => f.path)).toEqual(all);
    for (const f of result.files) {
      const bytes = await readFile(path.join(unpacked, f.path));
      expect({ path: f.path, sha256: sha(bytes), size: bytes.length }).toEqual(f);
    }
  });

  test('zarf.yaml: user order kept, architecture and build filled in', async () => {
    const text = await readFile(path.join(unpacked, 'zarf.yaml'), 'utf8');
    expect(text).toBe(result.zarfYaml);
    const zarf = YAML.parse(text);
    expect(Object.keys(zarf)).toEqual(['kind', 'metadata', 'build', 'components', 'variables']);
    expect(Object.keys(zarf.metadata)).toEqual(['name', 'description', 'version', 'architecture', 'aggregateChecksum']);
    expect(zarf.metadata.architecture).toBe('amd64');
    expect(zarf.build).toEqual({
      terminal: 'test-host',
      user: 'tester',
      architecture: 'amd64',
      timestamp: 'Mon, 23 Nov 2026 11:00:00 +0000',
      version: 'v0.1.0-test',
      signed: false,
      versionRequirements: [{ version: 'v0.77.0', reason: 'This package contains multi-platform images preserved by index digest, which require v0.77.0+' }],
      provenanceFiles: ['checksums.txt']
    });
    expect(zarf.components[2]).toEqual({ name: 'empty', description: 'nothing here' });
    // What Zarf reads it with: its published schema.
    expect(zarfSchemaErrors(zarf, 'v1alpha1')).toEqual([]);
  });

  test('images/: oci-layout, index.json sorted with ref and base names, content-addressed blobs', async () => {
    expect(await readFile(path.join(unpacked, 'images/oci-layout'), 'utf8')).toBe('{"imageLayoutVersion":"1.0.0"}');
    const index = JSON.parse(await readFile(path.join(unpacked, 'images/index.json'), 'utf8'));
    expect(index.schemaVersion).toBe(2);
    expect(index.mediaType).toBe(MediaType.OciIndex);
    const refs = index.manifests.map((m: Descriptor) => m.annotations?.['org.opencontainers.image.ref.name']);
    expect([...refs].sort()).toEqual(['docker.io/library/app:1.0', 'docker.io/library/app:latest', images[2]?.reference.toString()].sort());
    const keys = index.manifests.map((m: Descriptor) => `${m.digest} ${m.annotations?.['org.opencontainers.image.ref.name']}`);
    expect(keys).toEqual([...keys].sort());
    for (const m of index.manifests as Descriptor[]) {
      expect(m.annotations?.['org.opencontainers.image.base.name']).toBe(m.annotations?.['org.opencontainers.image.ref.name']);
      if (m.mediaType === MediaType.OciManifest) expect(m.platform).toEqual({ architecture: 'amd64', os: 'linux' });
      else expect(m.platform).toBeUndefined();
    }
    const blobs = await readdir(path.join(unpacked, 'images/blobs/sha256'));
    const expected = new Set(images.flatMap((i) => i.blobs.map((b) => b.digest.slice('sha256:'.length))));
    expect(blobs.sort()).toEqual([...expected].sort());
    for (const b of blobs) expect(sha(await readFile(path.join(unpacked, 'images/blobs/sha256', b)))).toBe(b);
  });

  test('skopeo reads every image from the layout', () => {
    const layout = path.join(unpacked, 'images');
    const raw = (ref: string): string => execFileSync('skopeo', ['inspect', '--raw', `oci:${layout}:${ref}`], { encoding: 'utf8' });
    expect(raw('docker.io/library/app:1.0')).toBe(manifestA.toString());
    expect(raw('docker.io/library/app:latest')).toBe(manifestA.toString());
    expect(raw(images[2]?.reference.toString() as string)).toBe(indexB.toString());
  });

  test('two builds with the same time are byte-identical', async () => {
    const again = await assemblePackage(input(path.join(tmp, 'out2')));
    expect(again.aggregateChecksum).toBe(result.aggregateChecksum);
    expect((await readFile(again.path)).equals(await readFile(result.path))).toBe(true);
  });

  test('uncompressed packages are plain .tar', async () => {
    const dir = path.join(tmp, 'out-tar');
    const r = await assemblePackage(input(dir, { definition: definition({ uncompressed: true }), images: images.slice(0, 1) }));
    expect(r.fileName).toBe('zarf-package-demo-amd64-1.0.0.tar');
    const names = sh('tar -tf "$1"', r.path).trim().split('\n');
    expect(names).toContain('images/index.json');
    expect(names).toContain('zarf.yaml');
    const zarf = YAML.parse(r.zarfYaml);
    expect(zarf.build.versionRequirements).toBeUndefined();
    expect(zarf.metadata.uncompressed).toBe(true);
  });
});

describe('component tars', () => {
  test('a component with content gets components/<name>.tar holding <name>/...', async () => {
    const dir = path.join(tmp, 'out-comp');
    const r = await assemblePackage(
      input(dir, {
        images: [],
        componentContent: { empty: [{ path: 'manifests/cm-0.yaml', type: 'file', content: Buffer.from('kind: ConfigMap\n') }] }
      })
    );
    const x = path.join(tmp, 'unpacked-comp');
    await mkdir(x);
    sh('zstd -q -d -c "$1" | tar -xf - -C "$2"', r.path, x);
    expect(await walk(x)).toEqual(['checksums.txt', 'components/empty.tar', 'zarf.yaml']);
    const inner = sh('tar --numeric-owner -tvf "$1"', path.join(x, 'components/empty.tar')).trim().split('\n');
    expect(inner.map((l) => l.split(/\s+/).pop())).toEqual(['empty', 'empty/manifests', 'empty/manifests/cm-0.yaml']);
    const checksums = await readFile(path.join(x, 'checksums.txt'), 'utf8');
    expect(checksums).toBe(`${sha(await readFile(path.join(x, 'components/empty.tar')))} components/empty.tar\n`);
  });

  test('writeReproducibleTar streams files from disk and is deterministic', async () => {
    const src = path.join(tmp, 'big.bin');
    await writeFile(src, Buffer.alloc(3 * 1024 * 1024 + 17, 7));
    const entries = [
      { path: 'x/b.bin', type: 'file' as const, source: src, executable: true },
      { path: 'x/a.txt', type: 'file' as const, content: Buffer.from('a') }
    ];
    const d1 = path.join(tmp, 't1.tar.zst');
    const d2 = path.join(tmp, 't2.tar.zst');
    const r1 = await writeReproducibleTar(entries, d1, { compression: 'zstd' });
    const r2 = await writeReproducibleTar([...entries].reverse(), d2, { compression: 'zstd' });
    expect(r1).toEqual(r2);
    expect(sha(await readFile(d1))).toBe(r1.sha256);
    const listing = sh('zstd -q -d -c "$1" | tar --numeric-owner -tvf -', d1).trim().split('\n');
    expect(listing.map((l) => l.split(/\s+/)[0])).toEqual(['drwxr-xr-x', '-rw-r--r--', '-rwxr-xr-x']);
  });
});

describe('failures leave nothing behind', () => {
  test('a blob missing from the store: LadingError naming it, outputDir empty', async () => {
    const missing: Descriptor = { mediaType: MediaType.OciLayerGzip, digest: `sha256:${'e'.repeat(64)}`, size: 5 };
    const broken: ResolvedImage = { ...(images[0] as ResolvedImage), blobs: [...(images[0] as ResolvedImage).blobs, missing] };
    const dir = path.join(tmp, 'out-missing');
    await mkdir(dir);
    const err = await assemblePackage(input(dir, { images: [broken, images[2] as ResolvedImage] })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LadingError);
    expect((err as LadingError).message).toContain(missing.digest);
    expect((err as LadingError).message).toContain('docker.io/library/app:1.0');
    expect(await readdir(dir)).toEqual([]);
  });

  test('a damaged blob fails while the tar is written, outputDir empty, store untouched', async () => {
    const own = new BlobStore(path.join(tmp, 'cache-damaged'));
    await own.init();
    const layer = Buffer.from('original layer bytes');
    const layerDesc = await (async () => ({ mediaType: MediaType.OciLayerGzip, digest: await own.writeBytes(layer), size: layer.length }))();
    const config = Buffer.from('{}');
    const configDesc = { mediaType: MediaType.OciConfig, digest: await own.writeBytes(config), size: config.length };
    const m = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, config: configDesc, layers: [layerDesc] }));
    const mDesc = { mediaType: MediaType.OciManifest, digest: await own.writeBytes(m), size: m.length };
    // Same size, different bytes: the cache copy went bad.
    await writeFile(own.path(layerDesc.digest), Buffer.from('corrupted layer byte'));
    const image: ResolvedImage = {
      component: 'app',
      written: 'app:1.0',
      reference: Reference.parse('app:1.0'),
      descriptor: mDesc,
      blobs: [mDesc, configDesc, layerDesc],
      source: 'docker.io',
      keptIndex: false
    };
    const dir = path.join(tmp, 'out-damaged');
    const err = await assemblePackage(input(dir, { images: [image], store: own })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LadingError);
    expect((err as LadingError).message).toContain(layerDesc.digest);
    expect(await readdir(dir)).toEqual([]);
    expect(await own.has(layerDesc.digest)).toBe(true);
  });
});

describe('build.versionRequirements: what older Zarf versions cannot deploy, in Zarf\'s order and words', () => {
  const withComponents = (components: DefinitionInput['config']['components']): DefinitionInput => ({
    dir: tmp,
    config: { kind: 'ZarfPackageConfig', metadata: { name: 'demo', version: '1.0.0' }, components }
  });
  const requirements = (components: DefinitionInput['config']['components'], imgs: ResolvedImage[] = []): unknown =>
    buildData({ definition: withComponents(components), architecture: 'amd64', images: imgs, store, outputDir: tmp, builderVersion: 'v0', now: NOW }).versionRequirements;
  const chart = (extra: Record<string, unknown>): Record<string, unknown> => ({ name: 'c', namespace: 'c', localPath: 'chart', ...extra });

  test('each on its own', () => {
    expect(requirements([{ name: 'a', charts: [chart({ version: '1.0.0', valuesFiles: ['v.yaml'] })] }])).toBeUndefined();
    for (const versionless of [chart({}), chart({ version: '' })]) {
      expect(requirements([{ name: 'a', charts: [versionless] }])).toEqual([{ version: 'v0.65.0', reason: 'This package contains a chart without a version, which is only supported on v0.65.0+' }]);
    }
    expect(requirements([{ name: 'a', imageArchives: [{ path: 'images.tar', images: ['x:1'] }] }])).toEqual([
      { version: 'v0.68.0', reason: 'This package contains image archives which will only be recognized on v0.68.0+' }
    ]);
    expect(requirements([{ name: 'a', charts: [chart({ version: '1.0.0', templatedValuesFiles: ['t.yaml'] })] }])).toEqual([
      { version: 'v0.78.0', reason: 'This package uses templatedValuesFiles which require v0.78.0+' }
    ]);
    expect(requirements([{ name: 'a' }], images.slice(2))).toEqual([{ version: 'v0.77.0', reason: 'This package contains multi-platform images preserved by index digest, which require v0.77.0+' }]);
  });

  test("all together, in Zarf's order (0.65, 0.68, 0.78, 0.77), each once, found in any component", () => {
    const reqs = requirements(
      [
        { name: 'a', charts: [chart({ version: '1.0.0', templatedValuesFiles: ['t.yaml'] }), chart({ name: 'd', templatedValuesFiles: ['t.yaml'] })] },
        { name: 'b', imageArchives: [{ path: 'images.tar', images: ['x:1'] }], charts: [chart({ version: '' })] }
      ],
      images
    ) as Array<{ version: string }>;
    expect(reqs.map((r) => r.version)).toEqual(['v0.65.0', 'v0.68.0', 'v0.78.0', 'v0.77.0']);
  });
});
