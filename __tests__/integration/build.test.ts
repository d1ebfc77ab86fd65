import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { cleanupFixtures, runAction, seedImages, skopeo, startRegistry, type PushedImage, type RegistryFixture } from './setup/index.js';
import { buildInputs, definition, listFiles, sha256File, unpack, workspaceWith } from './helpers.js';

let reg: RegistryFixture;
let img: Record<string, PushedImage>;

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' });
  img = await seedImages(reg);
}, 120_000);
afterAll(async () => {
  await reg?.stop();
  await cleanupFixtures();
});

const inputs = (extra: Record<string, string> = {}): Record<string, string> => buildInputs([reg.host], { 'index-digests': 'fail', concurrency: '8', ...extra });

const ref = (name: string): string => (img[name] as PushedImage).ref;
const at = (name: string): string => `${reg.host}/${(img[name] as PushedImage).repo}@${(img[name] as PushedImage).digest}`;

describe('building a package from a real registry', () => {
  test('every kind of image travels with exact bytes, each blob fetched once', async () => {
    const sigRef = `${reg.host}/${(img.signature as PushedImage).repo}:${(img.signature as PushedImage).tag}`;
    const refs = [ref('multi'), ref('single'), ref('uncompressed'), sigRef, ref('chart'), ref('docker')];
    const ws = workspaceWith(definition(refs));
    reg.resetCounts();
    const run = await runAction({ workspace: ws, inputs: inputs() });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.code).toBe(0);

    const pkg = run.outputs.package as string;
    expect(path.basename(pkg)).toBe('zarf-package-test-pkg-amd64-1.0.0.tar.zst');
    expect(listFiles(path.join(ws, 'out'))).toEqual(['zarf-package-test-pkg-amd64-1.0.0.tar.zst']);

    const dir = await unpack(pkg);
    // Every blob is named by the hash of its bytes.
    for (const f of listFiles(path.join(dir, 'images', 'blobs', 'sha256'))) expect(sha256File(path.join(dir, 'images', 'blobs', 'sha256', f))).toBe(f);

    // The tag of a multi-platform index resolved to the amd64 manifest.
    const amd64 = (img.multi as PushedImage).platforms?.find((p) => p.architecture === 'amd64');
    const outImages = JSON.parse(run.outputs.images as string) as Array<{ reference: string; digest: string; platform: string | null; mediaType: string; size: number }>;
    expect(outImages.find((i) => i.reference === ref('multi'))).toMatchObject({ digest: amd64?.digest, platform: 'linux/amd64' });
    // The Docker manifest list tag resolved to its Docker v2 amd64 manifest, stored as received.
    const dockerAmd64 = (img.docker as PushedImage).platforms?.find((p) => p.architecture === 'amd64');
    expect(outImages.find((i) => i.reference === ref('docker'))).toMatchObject({ digest: dockerAmd64?.digest, mediaType: 'application/vnd.docker.distribution.manifest.v2+json' });

    // Uncompressed layers, cosign signature layers and the Helm chart layer are byte-identical to the registry's.
    for (const name of ['uncompressed', 'signature', 'chart', 'single']) {
      for (const layer of (img[name] as PushedImage).layers) {
        expect(fs.existsSync(path.join(dir, 'images', 'blobs', 'sha256', layer.slice(7)))).toBe(true);
      }
    }

    // skopeo, an independent reader, reads every image by its ref.name and copies it to a registry.
    const index = JSON.parse(fs.readFileSync(path.join(dir, 'images', 'index.json'), 'utf8')) as { manifests: Array<{ digest: string; mediaType: string; annotations: Record<string, string> }> };
    expect(index.manifests.map((m) => m.annotations['org.opencontainers.image.ref.name']).sort()).toEqual([...refs].sort());
    // skopeo 1.9's oci: transport only looks up OCI media types in index.json; the Docker v2 entry is
    // checked above by digest against the registry instead.
    for (const m of index.manifests.filter((x) => x.mediaType.startsWith('application/vnd.oci.'))) {
      const name = m.annotations['org.opencontainers.image.ref.name'] as string;
      const raw = await skopeo(['inspect', '--raw', `oci:${path.join(dir, 'images')}:${name}`]);
      expect({ name, code: raw.code, err: raw.stderr }).toEqual({ name, code: 0, err: '' });
    }
    const copied = await skopeo(['copy', '--dest-tls-verify=false', `oci:${path.join(dir, 'images')}:${ref('single')}`, `docker://${reg.host}/roundtrip/single:1.0`]);
    expect(copied.stderr).toBe('');
    expect(copied.code).toBe(0);

    // One GET per distinct config/layer blob, however many images share it (multi and single share a base layer).
    const distinct = new Set(
      listFiles(path.join(dir, 'images', 'blobs', 'sha256')).filter((f) => {
        const all = Object.values(img).flatMap((p) => [...p.layers, ...p.configs]);
        return all.includes(`sha256:${f}`);
      })
    );
    const gets = reg.requests().filter((r) => r.method === 'GET' && /\/blobs\/sha256:/.test(r.path) && r.status === 200);
    expect(gets.length).toBe(distinct.size);
    expect(new Set(gets.map((g) => g.path.split('/blobs/')[1])).size).toBe(gets.length);

    // zarf.yaml carries the build section and the aggregate checksum of checksums.txt.
    const zarf = fs.readFileSync(path.join(dir, 'zarf.yaml'), 'utf8');
    expect(zarf).toMatch(/architecture: amd64/);
    expect(zarf).toContain(`aggregateChecksum: ${run.outputs.checksum}`);
    expect(sha256File(path.join(dir, 'checksums.txt'))).toBe(run.outputs.checksum);
    expect(run.summary).toContain('### Images');
    expect(run.summary).toContain(amd64?.digest);
  }, 120_000);

  test('arm64 picks the arm64 manifest of the same tag', async () => {
    const ws = workspaceWith(definition([ref('multi')]));
    const run = await runAction({ workspace: ws, inputs: inputs({ architecture: 'arm64' }) });
    expect(run.code).toBe(0);
    const arm = (img.multi as PushedImage).platforms?.find((p) => p.architecture === 'arm64');
    expect(JSON.parse(run.outputs.images as string)[0]).toMatchObject({ digest: arm?.digest, platform: 'linux/arm64' });
    expect(path.basename(run.outputs.package as string)).toBe('zarf-package-test-pkg-arm64-1.0.0.tar.zst');
  }, 60_000);

  test('components for another architecture are left out of the package, as Zarf does', async () => {
    const yaml = [
      'kind: ZarfPackageConfig',
      'metadata:',
      '  name: test-pkg',
      '  version: 1.0.0',
      'components:',
      '  - name: common',
      '    images:',
      `      - ${ref('single')}`,
      '  - name: arm-only',
      '    only:',
      '      cluster:',
      '        architecture: arm64',
      '    images:',
      `      - ${ref('multi')}`,
      ''
    ].join('\n');
    const ws = workspaceWith(yaml);
    const run = await runAction({ workspace: ws, inputs: inputs() });
    expect(run.code).toBe(0);
    const dir = await unpack(run.outputs.package as string);
    const zarf = fs.readFileSync(path.join(dir, 'zarf.yaml'), 'utf8');
    expect(zarf).toContain('name: common');
    expect(zarf).not.toContain('arm-only');
    expect(JSON.parse(run.outputs.images as string).map((i: { reference: string }) => i.reference)).toEqual([ref('single')]);
  }, 60_000);

  test('an index digest fails by default with the platform table and the digest to paste, for every offender', async () => {
    const multi = img.multi as PushedImage;
    const docker = img.docker as PushedImage;
    const ws = workspaceWith(definition([ref('single'), at('multi'), at('docker')]));
    const run = await runAction({ workspace: ws, inputs: inputs() });
    expect(run.code).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(2);
    const amd64 = multi.platforms?.find((p) => p.architecture === 'amd64');
    const e1 = errors.find((e) => e.line === 10);
    expect(e1).toMatchObject({ file: 'zarf.yaml', line: 10, col: 9 });
    expect(e1?.message).toContain(`${reg.host}/${multi.repo}@${amd64?.digest}`);
    expect(errors.find((e) => e.line === 11)?.message).toContain(docker.platforms?.find((p) => p.architecture === 'amd64')?.digest);
    // The summary lists every entry of the index: platforms with their digests, the attestation labelled.
    for (const p of multi.platforms ?? []) expect(run.summary).toContain(p.digest);
    expect(run.summary).toMatch(/\| ➜ \| linux \| amd64 \|/);
    expect(run.summary).toMatch(/\| unknown \| unknown \|.*attestation/);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
    expect(listFiles(path.join(ws, 'out'))).toEqual([]);
  }, 60_000);

  test('index-digests: keep ships the exact index and all its children', async () => {
    const multi = img.multi as PushedImage;
    const ws = workspaceWith(definition([at('multi')]));
    const run = await runAction({ workspace: ws, inputs: inputs({ 'index-digests': 'keep' }) });
    expect(run.code).toBe(0);
    const dir = await unpack(run.outputs.package as string);
    for (const d of multi.blobs) expect(fs.existsSync(path.join(dir, 'images', 'blobs', 'sha256', d.slice(7)))).toBe(true);
    const index = JSON.parse(fs.readFileSync(path.join(dir, 'images', 'index.json'), 'utf8')) as { manifests: Array<{ digest: string; mediaType: string }> };
    expect(index.manifests).toEqual([expect.objectContaining({ digest: multi.digest, mediaType: 'application/vnd.oci.image.index.v1+json' })]);
    expect(fs.readFileSync(path.join(dir, 'zarf.yaml'), 'utf8')).toContain('This package contains multi-platform images preserved by index digest, which require v0.77.0+');
    const all = await skopeo(['copy', '--all', '--preserve-digests', '--dest-tls-verify=false', `oci:${path.join(dir, 'images')}:${at('multi')}`, `docker://${reg.host}/roundtrip/multi:kept`]);
    expect(all.code).toBe(0);
    expect(run.annotations.some((a) => a.level === 'warning' && /whole index/.test(a.message))).toBe(true);
  }, 60_000);
});

describe('bad input: one clear line, exit 1, nothing in output', () => {
  const expectCleanFailure = (run: Awaited<ReturnType<typeof runAction>>, ws: string): void => {
    expect(run.code).toBe(1);
    expect(run.annotations.filter((a) => a.level === 'error').length).toBeGreaterThan(0);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at [\w.<]+ \(/);
    expect(listFiles(path.join(ws, 'out'))).toEqual([]);
  };

  test('a missing image names the reference, at its line', async () => {
    const ws = workspaceWith(definition([ref('single'), `${reg.host}/seed/nope:1.0`]));
    const run = await runAction({ workspace: ws, inputs: inputs() });
    expectCleanFailure(run, ws);
    const [e] = run.annotations.filter((a) => a.level === 'error');
    expect(e).toMatchObject({ file: 'zarf.yaml', line: 10 });
    expect(e?.message).toMatch(/not found/);
    expect(e?.message).toContain('seed/nope');
  }, 60_000);

  test('nothing for the package architecture: a single-platform image of another one, an index without it; each at its own line, with what to do', async () => {
    const ws = workspaceWith(definition([ref('single'), ref('multi')]));
    const run = await runAction({ workspace: ws, inputs: inputs({ architecture: 's390x' }) });
    expectCleanFailure(run, ws);
    const errors = run.annotations.filter((a) => a.level === 'error').sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    expect(errors).toEqual([
      {
        level: 'error',
        title: 'Lading',
        file: 'zarf.yaml',
        line: 9,
        col: 9,
        message: `"${ref('single')}" is a single-platform image for linux/amd64, not linux/s390x — use a tag or digest that has a linux/s390x image, or pin this one by digest to ship it anyway`
      },
      {
        level: 'error',
        title: 'Lading',
        file: 'zarf.yaml',
        line: 10,
        col: 9,
        message: `"${ref('multi')}" has no image for linux/s390x; it has linux/amd64, linux/arm64/v8, linux/arm/v7 — choose another tag or set the architecture input to one of those`
      }
    ]);
  }, 60_000);

  test('a registry that is down is named', async () => {
    const ws = workspaceWith(definition(['127.0.0.1:1/app:1.0']));
    const run = await runAction({ workspace: ws, inputs: inputs({ 'plain-http': '127.0.0.1:1' }) });
    expectCleanFailure(run, ws);
    expect(run.annotations[0]?.message).toMatch(/cannot reach registry 127\.0\.0\.1:1 \(connection refused\)/);
  }, 60_000);

  test('a registry not listed in plain-http is reached with TLS, and the error says what to do', async () => {
    const ws = workspaceWith(definition([ref('single')]));
    const run = await runAction({ workspace: ws, inputs: inputs({ 'plain-http': '' }) });
    expectCleanFailure(run, ws);
    expect(run.annotations[0]?.message).toMatch(/TLS/);
    expect(run.annotations[0]?.message).toMatch(/plain-http/);
  }, 60_000);

  test('a digest with ../ is rejected at its line before any request', async () => {
    const ws = workspaceWith(definition([`${reg.host}/seed/single@sha256:../../../etc/passwd`]));
    reg.resetCounts();
    const run = await runAction({ workspace: ws, inputs: inputs() });
    expectCleanFailure(run, ws);
    expect(run.annotations[0]).toMatchObject({ line: 9 });
    expect(run.annotations[0]?.message).toMatch(/not a valid digest/);
    expect(reg.requests()).toEqual([]);
  }, 60_000);

  test('malformed YAML and unknown fields point at their line', async () => {
    const ws = workspaceWith('kind: ZarfPackageConfig\nmetadata:\n  name: x\n  versoin: 1.0.0\ncomponents:\n  - name: a\n    images: [nginx\n');
    const run = await runAction({ workspace: ws, inputs: inputs() });
    expectCleanFailure(run, ws);
    expect(run.annotations[0]?.file).toBe('zarf.yaml');
    const ws2 = workspaceWith('kind: ZarfPackageConfig\nmetadata:\n  name: x\n  versoin: 1.0.0\ncomponents:\n  - name: a\n    images: [nginx]\n');
    const run2 = await runAction({ workspace: ws2, inputs: inputs() });
    expectCleanFailure(run2, ws2);
    expect(run2.annotations[0]).toMatchObject({ file: 'zarf.yaml', line: 4, col: 3 });
    expect(run2.annotations[0]?.message).toMatch(/did you mean/);
  }, 60_000);

  test('a publish input that is not oci://host/repository fails clearly, before anything is pulled', async () => {
    const ws = workspaceWith(definition([ref('single')]));
    const run = await runAction({ workspace: ws, inputs: inputs({ publish: 'ghcr.io/acme/x' }) });
    expectCleanFailure(run, ws);
    expect(run.annotations[0]?.message).toMatch(/input publish must start with oci:\/\//);
  }, 60_000);
});
