/**
 * Publishing, as the runner runs the action, to the real registry with token auth: the published
 * manifest and index read back by skopeo and checked against FORMAT.md field by field; publishing
 * again sends nothing; a second architecture joins the tag's index; a package pulled back is
 * byte-identical to the one built; wrong credentials and a missing version fail cleanly.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { RegistryClient } from '../../src/oci/client.js';
import { credentialResolver } from '../../src/oci/credentials.js';
import { Reference } from '../../src/oci/reference.js';
import { writeReproducibleTar, type TarEntry } from '../../src/package/tarball.js';
import { pullPackage } from '../../src/publish/pull.js';
import { cleanupFixtures, makeTempDir, runAction, seedImages, skopeo, startRegistry, type PushedImage, type RegistryFixture } from './setup/index.js';
import { listFiles, sha256File, unpack, workspaceWith } from './helpers.js';

let reg: RegistryFixture;
let img: Record<string, PushedImage>;

beforeAll(async () => {
  reg = await startRegistry({ auth: 'token' });
  img = await seedImages(reg, 'src', { only: ['multi', 'single'] });
}, 120_000);
afterAll(async () => {
  await reg?.stop();
  await cleanupFixtures();
});

const PKG_YAML = (refs: string[], version: string | null = '1.0.0'): string =>
  [
    'kind: ZarfPackageConfig',
    'metadata:',
    '  name: test-pkg',
    ...(version !== null ? [`  version: ${version}`] : []),
    '  description: A package to publish',
    '  url: https://example.com/test-pkg',
    '  authors: Lading tests',
    '  vendor: Acme',
    '  annotations:',
    '    dev.lading.test: "yes"',
    'components:',
    '  - name: app',
    '    required: true',
    '    images:',
    ...refs.map((r) => `      - ${r}`),
    ''
  ].join('\n');

const inputs = (extra: Record<string, string> = {}): Record<string, string> => ({
  definition: '.',
  architecture: 'amd64',
  output: 'out',
  'plain-http': reg.host,
  cache: 'off',
  retries: '1',
  publish: `oci://${reg.host}/pkgs`,
  username: reg.username as string,
  password: reg.password as string,
  ...extra
});

const creds = (): string[] => ['--tls-verify=false', `--creds=${reg.username}:${reg.password}`];

async function inspectRaw(ref: string, config = false): Promise<unknown> {
  const r = await skopeo(['inspect', ...(config ? ['--config'] : []), '--raw', ...creds(), `docker://${ref}`]);
  expect({ code: r.code, err: r.stderr }).toEqual({ code: 0, err: '' });
  return JSON.parse(r.stdout) as unknown;
}

const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

describe('publishing to a registry with token auth', () => {
  let ws: string;
  let first: Awaited<ReturnType<typeof runAction>>;
  let pkgSha: string;
  const refs = (): string[] => [(img.multi as PushedImage).ref, (img.single as PushedImage).ref];

  test('publish: outputs, summary, masked password; manifest, config and index match FORMAT.md (read by skopeo)', async () => {
    ws = workspaceWith(PKG_YAML(refs()));
    reg.resetCounts();
    first = await runAction({ workspace: ws, inputs: inputs() });
    expect(first.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(first.code).toBe(0);
    const reference = `${reg.host}/pkgs/test-pkg:1.0.0`;
    expect(first.outputs.reference).toBe(reference);
    expect(first.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    // The password is masked and never printed.
    expect(first.masks).toContain(reg.password);
    expect(first.stdout.replace(`::add-mask::${reg.password}`, '')).not.toContain(reg.password as string);
    // Image layers read from this registry were mounted, not uploaded again.
    expect(reg.blobMounts()).toBeGreaterThan(0);
    // One token scope set for the push, push first.
    const scopes = (reg.tokenRequests?.() ?? []).flatMap((t) => t.scope).filter((s) => s.includes('pkgs/test-pkg'));
    expect(scopes.length).toBeGreaterThan(0);
    expect(scopes.every((s) => s === 'repository:pkgs/test-pkg:push,pull')).toBe(true);
    // A mount asks for pull on the source repository too, push scope first.
    expect((reg.tokenRequests?.() ?? []).some((t) => t.scope[0] === 'repository:pkgs/test-pkg:push,pull' && /^repository:src\/(multi|single):pull$/.test(t.scope[1] ?? ''))).toBe(true);

    const pkg = first.outputs.package as string;
    pkgSha = sha256File(pkg);
    const dir = await unpack(pkg);
    const files = listFiles(dir);

    // The tag: an OCI index with mediaType and one {os: multi, architecture} entry.
    const index = await inspectRaw(reference);
    const manifestBytes = (await skopeo(['inspect', '--raw', ...creds(), `docker://${reference.replace(/:1\.0\.0$/, '')}@${first.outputs.digest}`])).stdout;
    expect(index).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: first.outputs.digest, size: Buffer.byteLength(manifestBytes), platform: { architecture: 'amd64', os: 'multi' } }]
    });
    expect(`sha256:${sha256(manifestBytes)}`).toBe(first.outputs.digest);

    // The manifest: OCI image manifest, no artifactType, Zarf config, one titled layer per file, sorted.
    const manifest = JSON.parse(manifestBytes) as {
      schemaVersion: number;
      mediaType: string;
      artifactType?: string;
      config: { mediaType: string; digest: string; size: number };
      layers: Array<{ mediaType: string; digest: string; size: number; annotations: Record<string, string> }>;
      annotations: Record<string, string>;
    };
    expect(Object.keys(manifest)).toEqual(['schemaVersion', 'mediaType', 'config', 'layers', 'annotations']);
    expect(manifest.schemaVersion).toBe(2);
    expect(manifest.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(manifest.artifactType).toBeUndefined();
    expect(manifest.config.mediaType).toBe('application/vnd.zarf.config.v1+json');
    expect(manifest.layers.map((l) => l.annotations['org.opencontainers.image.title']).sort()).toEqual(files);
    for (const l of manifest.layers) {
      const title = l.annotations['org.opencontainers.image.title'] as string;
      expect(l).toEqual({ mediaType: 'application/vnd.zarf.layer.v1.blob', digest: `sha256:${sha256File(path.join(dir, title))}`, size: fs.statSync(path.join(dir, title)).size, annotations: { 'org.opencontainers.image.title': title } });
    }
    const digests = manifest.layers.map((l) => l.digest);
    expect(digests).toEqual([...digests].sort());
    // Image blobs are layers of their own.
    for (const layer of (img.single as PushedImage).layers) expect(manifest.layers.some((l) => l.digest === layer && l.annotations['org.opencontainers.image.title'] === `images/blobs/sha256/${layer.slice(7)}`)).toBe(true);

    // Annotations from the metadata; created = build.timestamp in RFC 3339.
    const zarf = YAML.parse(fs.readFileSync(path.join(dir, 'zarf.yaml'), 'utf8')) as { build: { timestamp: string } };
    expect(manifest.annotations).toEqual({
      'org.opencontainers.image.title': 'test-pkg',
      'org.opencontainers.image.description': 'A package to publish',
      'org.opencontainers.image.url': 'https://example.com/test-pkg',
      'org.opencontainers.image.authors': 'Lading tests',
      'org.opencontainers.image.vendor': 'Acme',
      'org.opencontainers.image.created': new Date(Date.parse(zarf.build.timestamp)).toISOString().replace('.000Z', 'Z'),
      'dev.lading.test': 'yes'
    });

    // The config: the definition as built, as JSON.
    const config = await inspectRaw(`${reg.host}/pkgs/test-pkg@${first.outputs.digest}`, true);
    expect(config).toEqual(YAML.parse(fs.readFileSync(path.join(dir, 'zarf.yaml'), 'utf8')));

    // The job summary.
    expect(first.summary).toContain('Published');
    expect(first.summary).toContain(reference);
    expect(first.summary).toContain(first.outputs.digest as string);
    expect(first.summary).toContain(`zarf package deploy oci://${reference} --plain-http`);
    expect(first.stdout).toMatch(/verified .*layers match checksums\.txt/);
  }, 120_000);

  test('publish again, unchanged: nothing built, nothing uploaded, the tag left as it is (changed: false)', async () => {
    reg.resetCounts();
    const again = await runAction({ workspace: ws, inputs: inputs() });
    expect(again.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(again.code).toBe(0);
    expect(again.outputs.changed).toBe('false');
    expect(again.outputs.package).toBe('');
    expect(again.outputs.digest).toBe(first.outputs.digest);
    expect(reg.blobPuts() + reg.blobMounts() + reg.manifestPuts()).toBe(0);
    expect(reg.requests().filter((r) => r.method === 'PATCH' || r.method === 'POST' || r.method === 'PUT')).toEqual([]);
    expect(again.summary).toContain('unchanged');
  }, 120_000);

  test('publish again, built (signatures are only looked up by a build): no blob uploaded, same digest and the same package bytes', async () => {
    reg.resetCounts();
    const again = await runAction({ workspace: ws, inputs: inputs({ signatures: 'true' }) });
    expect(again.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(again.code).toBe(0);
    expect(again.outputs.digest).toBe(first.outputs.digest);
    expect(reg.blobPuts()).toBe(0);
    expect(reg.blobMounts()).toBe(0);
    expect(reg.manifestPuts()).toBe(0);
    expect(reg.requests().filter((r) => r.method === 'PATCH' || r.method === 'POST')).toEqual([]);
    expect(sha256File(again.outputs.package as string)).toBe(pkgSha);
    expect(again.summary).toMatch(/Published \(unchanged\)/);
    expect(again.summary).toMatch(/\| uploaded \| nothing \|/);
  }, 120_000);

  test('a second architecture joins the index; pulled back, each package is byte-identical to the one built', async () => {
    // `single` has no arm64 image: the arm64 package of the same name and version carries `multi` only.
    const arm = await runAction({ workspace: workspaceWith(PKG_YAML([(img.multi as PushedImage).ref])), inputs: inputs({ architecture: 'arm64' }) });
    expect(arm.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(arm.code).toBe(0);
    expect(arm.outputs.digest).not.toBe(first.outputs.digest);
    const index = (await inspectRaw(`${reg.host}/pkgs/test-pkg:1.0.0`)) as { mediaType: string; manifests: Array<{ digest: string; platform: { architecture: string; os: string } }> };
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(index.manifests.map((m) => [m.platform.os, m.platform.architecture, m.digest])).toEqual([
      ['multi', 'amd64', first.outputs.digest],
      ['multi', 'arm64', arm.outputs.digest]
    ]);

    const client = new RegistryClient({ plainHttp: [reg.host], retries: 0, credentials: credentialResolver({ env: { HOME: makeTempDir('home') }, explicit: { [reg.host]: { username: reg.username as string, password: reg.password as string } } }) });
    try {
      const ref = Reference.parse(`${reg.host}/pkgs/test-pkg:1.0.0`);
      for (const [arch, run] of [['amd64', first], ['arm64', arm]] as const) {
        const pulled = makeTempDir(`pulled-${arch}`);
        const got = await pullPackage(client, ref, arch, pulled);
        expect(got.digest).toBe(run.outputs.digest);
        // File by file against the package as unpacked by tar and zstd.
        const built = await unpack(run.outputs.package as string);
        expect(listFiles(pulled)).toEqual(listFiles(built));
        for (const f of listFiles(built)) expect(sha256File(path.join(pulled, f))).toBe(sha256File(path.join(built, f)));
        // Re-tarred the way Lading writes packages: the very same bytes.
        const entries: TarEntry[] = listFiles(pulled).map((f) => ({ path: f, type: 'file', source: path.join(pulled, f) }));
        const retar = path.join(makeTempDir('retar'), 'p.tar.zst');
        const w = await writeReproducibleTar(entries, retar, { compression: 'zstd' });
        expect(w.sha256).toBe(sha256File(run.outputs.package as string));
      }
      // Only one component: zarf.yaml, checksums.txt and what its images need.
      const partial = makeTempDir('pulled-partial');
      const some = await pullPackage(client, ref, 'amd64', partial, { components: ['app'] });
      expect(some.files.map((f) => f.path)).toContain('images/index.json');
      expect(listFiles(partial).length).toBeGreaterThan(3);
      await expect(pullPackage(client, ref, 'amd64', makeTempDir('pulled-none'), { components: ['nope'] })).rejects.toThrow(/has no component "nope"/);
      await expect(pullPackage(client, ref, 's390x', makeTempDir('pulled-arch'))).rejects.toThrow(/has no s390x package/);
    } finally {
      await client.close();
    }
  }, 180_000);

  test('wrong credentials: one clear line naming the repository and scope, no secret printed, nothing written', async () => {
    const ws2 = workspaceWith(PKG_YAML(refs()));
    const run = await runAction({ workspace: ws2, inputs: inputs({ publish: `oci://${reg.host}/other`, password: 'hunter2-wrong-password' }) });
    expect(run.code).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/refused the credentials .*repository:other\/test-pkg:push,pull/);
    expect(run.stdout.replace('::add-mask::hunter2-wrong-password', '') + run.stderr + run.summary).not.toContain('hunter2');
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
    expect(listFiles(path.join(ws2, 'out'))).toEqual([]);
    const tags = await skopeo(['list-tags', ...creds(), `docker://${reg.host}/other/test-pkg`]);
    expect(tags.code).not.toBe(0);
    expect(reg.allRequests().filter((r) => r.path.startsWith('/v2/other/') && r.method !== 'GET' && r.method !== 'HEAD')).toEqual([]);
  }, 120_000);

  test('metadata.version missing: the error is at metadata in zarf.yaml, before anything is pulled', async () => {
    const ws3 = workspaceWith(PKG_YAML(refs(), null));
    reg.resetCounts();
    const run = await runAction({ workspace: ws3, inputs: inputs() });
    expect(run.code).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'zarf.yaml', line: 2 });
    expect(errors[0]?.message).toMatch(/metadata\.version is required to publish/);
    expect(reg.requests()).toEqual([]);
    expect(listFiles(path.join(ws3, 'out'))).toEqual([]);
  }, 60_000);
});
