/**
 * The input registry-override (Zarf's --registry-override), against real registries: an upstream
 * stand-in holding the images under the names the definition uses, and mirrors holding copies under
 * their own paths (as a pull-through cache does). The package built through a mirror is the package
 * built from upstream, and no request reaches upstream.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import {
  cleanupFixtures,
  makeTempDir,
  RegistryClient as TestClient,
  runAction,
  seedImages,
  startFaultProxy,
  startRegistry,
  type FaultProxy,
  type PushedImage,
  type RegistryFixture
} from './setup/index.js';
import { buildInputs, listFiles, unpack, workspaceWith } from './helpers.js';

let upstream: RegistryFixture;
let mirror: RegistryFixture;
let tokenMirror: RegistryFixture;
let proxy: FaultProxy;
let img: Record<string, PushedImage>;

const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };

/** Copies an image (every manifest and blob, by digest, then the tag) into another repository. */
async function copyImage(from: TestClient, to: TestClient, image: PushedImage, repo: string, tag = image.tag): Promise<void> {
  const manifests = new Set([image.digest, ...image.manifests]);
  for (const d of image.blobs) {
    if (manifests.has(d)) continue;
    const b = await from.getBlob(image.repo, d);
    if (b.status !== 200) throw new Error(`GET blob ${image.repo}@${d}: ${b.status}`);
    await to.pushBlob(repo, b.body, d);
  }
  for (const d of image.manifests) {
    const m = await from.getManifest(image.repo, d);
    await to.pushManifest(repo, d, image.mediaTypes[d] as string, m.body);
  }
  const top = await from.getManifest(image.repo, image.tag);
  await to.pushManifest(repo, tag, image.mediaType, top.body);
}

beforeAll(async () => {
  [upstream, mirror, tokenMirror] = await Promise.all([startRegistry({ auth: 'anonymous' }), startRegistry({ auth: 'anonymous' }), startRegistry({ auth: 'token' })]);
  img = await seedImages(upstream, 'library', { only: ['multi', 'single', 'chart', 'signature'] });
  const up = new TestClient(upstream);
  const m = new TestClient(mirror);
  const t = new TestClient(tokenMirror);
  const multi = img.multi as PushedImage;
  const single = img.single as PushedImage;
  const chart = img.chart as PushedImage;
  const signature = img.signature as PushedImage;
  // The mirror of the upstream stand-in, under hub/ (the cosign signature of single too).
  for (const i of [multi, single, chart, signature]) await copyImage(up, m, i, `hub/${i.repo}`);
  // The mirror of docker.io and ghcr.io: official images under official/, the rest under hub/, GHCR under ghcr-proxy/.
  await copyImage(up, m, single, 'official/single');
  await copyImage(up, m, multi, 'hub/acme/multi');
  await copyImage(up, m, single, 'ghcr-proxy/acme/single');
  await copyImage(up, m, chart, 'ghcr-proxy/acme/charts/chart');
  // A private mirror (token auth, credentials from config.json).
  for (const i of [multi, single]) await copyImage(up, t, i, `private/hub/${i.repo}`);
  proxy = await startFaultProxy(mirror.host);
}, 180_000);

afterAll(async () => {
  await proxy?.close();
  await Promise.all([upstream?.stop(), mirror?.stop(), tokenMirror?.stop()]);
  await cleanupFixtures();
});

function homeWithDockerConfig(host: string, user: string, pass: string): string {
  const home = makeTempDir('home');
  fs.mkdirSync(path.join(home, '.docker'));
  fs.writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({ auths: { [host]: { auth: Buffer.from(`${user}:${pass}`).toString('base64') } } }));
  return home;
}

/** A definition with images (and optionally one OCI chart) in one component. */
function zarfYaml(images: string[], chart?: { url: string; version: string }): string {
  return [
    'kind: ZarfPackageConfig',
    'metadata:',
    '  name: mirrored',
    '  version: 1.0.0',
    'components:',
    '  - name: app',
    '    required: true',
    ...(chart !== undefined ? ['    charts:', '      - name: chart', `        url: ${chart.url}`, `        version: ${chart.version}`, '        namespace: app'] : []),
    '    images:',
    ...images.map((i) => `      - ${i}`),
    ''
  ].join('\n');
}

/** zarf.yaml of the package without its build.registryOverrides block. */
function withoutOverrides(zarf: string): string {
  return zarf.replace(/\n {2}registryOverrides:\n(?: {4}.*\n)+/, '\n');
}

const errorsOf = (run: { annotations: Array<{ level: string; message: string }> }): string[] => run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
const warningsOf = (run: { annotations: Array<{ level: string; message: string }> }): string[] => run.annotations.filter((a) => a.level === 'warning').map((a) => a.message);

describe('registry-override against real registries', () => {
  test('the package built through a mirror (signatures included) equals the one built from upstream; no request reaches upstream', async () => {
    const multi = img.multi as PushedImage;
    const single = img.single as PushedImage;
    const chart = img.chart as PushedImage;
    const images = [multi.ref, `${single.ref}@${single.digest}`];
    const chartUrl = { url: `oci://${upstream.host}/${chart.repo}`, version: '0.1.0' };

    const direct = workspaceWith(zarfYaml(images, chartUrl));
    const a = await runAction({ workspace: direct, inputs: buildInputs([upstream.host], { signatures: 'true' }), env: EPOCH });
    expect(errorsOf(a)).toEqual([]);
    expect(a.code).toBe(0);

    upstream.resetCounts();
    const mirrored = workspaceWith(zarfYaml(images, chartUrl));
    const override = `${upstream.host}=${mirror.host}/hub`;
    const b = await runAction({ workspace: mirrored, inputs: buildInputs([mirror.host], { 'registry-override': override, signatures: 'true' }), env: EPOCH });
    expect(errorsOf(b)).toEqual([]);
    expect(warningsOf(b)).toEqual([]);
    expect(b.code).toBe(0);
    expect(upstream.requests()).toEqual([]);
    expect(mirror.requests().filter((r) => r.path.startsWith('/v2/hub/library/')).length).toBeGreaterThan(0);

    const da = await unpack(a.outputs.package as string);
    const db = await unpack(b.outputs.package as string);
    const files = listFiles(da);
    expect(listFiles(db)).toEqual(files);
    // images/ byte for byte (index.json keeps the names as written), the components (the chart) too.
    for (const f of files.filter((x) => x.startsWith('images/') || x.startsWith('components/'))) {
      expect({ f, same: fs.readFileSync(path.join(db, f)).equals(fs.readFileSync(path.join(da, f))) }).toEqual({ f, same: true });
    }
    const index = JSON.parse(fs.readFileSync(path.join(db, 'images', 'index.json'), 'utf8')) as { manifests: Array<{ annotations: Record<string, string> }> };
    const signature = img.signature as PushedImage;
    expect(index.manifests.map((m) => m.annotations['org.opencontainers.image.ref.name']).sort()).toEqual([multi.ref, `${single.ref}@${single.digest}`, `${upstream.host}/${signature.repo}:${signature.tag}`].sort());
    expect(fs.readFileSync(path.join(db, 'checksums.txt'), 'utf8').split('\n')).toEqual(fs.readFileSync(path.join(da, 'checksums.txt'), 'utf8').split('\n'));
    expect(b.outputs.checksum).toBe(a.outputs.checksum);
    // zarf.yaml: the same but for build.registryOverrides, which holds the mapping.
    const za = fs.readFileSync(path.join(da, 'zarf.yaml'), 'utf8');
    const zb = fs.readFileSync(path.join(db, 'zarf.yaml'), 'utf8');
    expect(za).not.toContain('registryOverrides');
    expect(zb).toContain(`  registryOverrides:\n    ${upstream.host}: ${mirror.host}/hub\n`);
    expect(withoutOverrides(zb)).toBe(za);
    // The summary says where each image actually came from.
    expect(b.summary).toContain(`| ${mirror.host} (registry-override of ${upstream.host}) |`);
    expect(a.summary).not.toContain('registry-override');
  }, 180_000);

  test('docker.io and ghcr.io names through a mirror, longest matching source first; names kept as written', async () => {
    const written = ['single:1.0', 'docker.io/acme/multi:1.0', 'ghcr.io/acme/single:1.0'];
    const ws = workspaceWith(zarfYaml(written, { url: 'oci://ghcr.io/acme/charts/chart', version: '0.1.0' }));
    const overrides = [`docker.io=${mirror.host}/hub`, `ghcr.io=${mirror.host}/ghcr-proxy`, `docker.io/library=${mirror.host}/official`].join('\n');
    mirror.resetCounts();
    const run = await runAction({ workspace: ws, inputs: buildInputs([mirror.host], { 'registry-override': overrides }), env: EPOCH });
    expect(errorsOf(run)).toEqual([]);
    expect(run.code).toBe(0);
    const repos = new Set(mirror.requests().map((r) => /^\/v2\/(.+)\/(?:manifests|blobs)\//.exec(r.path)?.[1]).filter((r) => r !== undefined));
    // docker.io/library/single went to official/ (the longer source), not hub/library/single.
    expect([...repos].sort()).toEqual(['ghcr-proxy/acme/charts/chart', 'ghcr-proxy/acme/single', 'hub/acme/multi', 'official/single']);
    const dir = await unpack(run.outputs.package as string);
    const index = JSON.parse(fs.readFileSync(path.join(dir, 'images', 'index.json'), 'utf8')) as { manifests: Array<{ annotations: Record<string, string> }> };
    expect(index.manifests.map((m) => m.annotations['org.opencontainers.image.ref.name']).sort()).toEqual(['docker.io/acme/multi:1.0', 'docker.io/library/single:1.0', 'ghcr.io/acme/single:1.0']);
    const zarf = fs.readFileSync(path.join(dir, 'zarf.yaml'), 'utf8');
    for (const w of written) expect(zarf).toContain(`      - ${w}\n`);
    expect(zarf).toContain('url: oci://ghcr.io/acme/charts/chart');
    expect(zarf).toContain(`  registryOverrides:\n    docker.io: ${mirror.host}/hub\n    docker.io/library: ${mirror.host}/official\n    ghcr.io: ${mirror.host}/ghcr-proxy\n`);
    expect(run.summary).toContain(`| ${mirror.host} (registry-override of docker.io) |`);
    expect(run.summary).toContain(`| ${mirror.host} (registry-override of ghcr.io) |`);
  }, 120_000);

  test('a token-auth mirror with credentials from config.json; plain-http for the mirror only', async () => {
    const multi = img.multi as PushedImage;
    const home = homeWithDockerConfig(tokenMirror.host, tokenMirror.username as string, tokenMirror.password as string);
    const ws = workspaceWith(zarfYaml([multi.ref]));
    upstream.resetCounts();
    tokenMirror.resetCounts();
    const run = await runAction({ workspace: ws, home, inputs: buildInputs([tokenMirror.host], { 'registry-override': `${upstream.host}=${tokenMirror.host}/private/hub` }) });
    expect(errorsOf(run)).toEqual([]);
    expect(run.code).toBe(0);
    expect(upstream.requests()).toEqual([]);
    const asked = tokenMirror.tokenRequests?.() ?? [];
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((r) => r.account === tokenMirror.username && r.scope.every((s) => s === `repository:private/hub/${multi.repo}:pull`))).toBe(true);
    expect(listFiles(path.join(ws, 'out'))).toEqual(['zarf-package-mirrored-amd64-1.0.0.tar.zst']);
  }, 60_000);

  test('a mirror serving other bytes for a pinned digest: an error naming the reference and the mirror, nothing written', async () => {
    const single = img.single as PushedImage;
    const pinned = `${single.ref}@${single.digest}`;
    const ws = workspaceWith(zarfYaml([pinned]));
    proxy.clear();
    proxy.add({ method: 'GET', path: new RegExp(`/manifests/${single.digest}$`), fault: { kind: 'alter-body' }, times: 10 });
    const run = await runAction({ workspace: ws, inputs: buildInputs([proxy.host], { 'registry-override': `${upstream.host}=${proxy.host}/hub` }) });
    proxy.clear();
    expect(run.code).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'zarf.yaml', line: 9 });
    expect(errors[0]?.message).toContain(`"${pinned}"`);
    expect(errors[0]?.message).toContain(`the mirror ${proxy.host}/hub/${single.repo} (registry-override)`);
    expect(errors[0]?.message).toContain('does not match its digest');
    expect(listFiles(path.join(ws, 'out'))).toEqual([]);
  }, 60_000);

  test('an override no image or chart uses is a warning; the build goes on and records it', async () => {
    const single = img.single as PushedImage;
    const ws = workspaceWith(zarfYaml([single.ref]));
    const run = await runAction({ workspace: ws, inputs: buildInputs([upstream.host], { 'registry-override': `\nquay.io=${mirror.host}/quay` }) });
    expect(errorsOf(run)).toEqual([]);
    expect(run.code).toBe(0);
    expect(warningsOf(run)).toEqual([`registry-override quay.io=${mirror.host}/quay (line 2) matches no image or OCI chart of the package: nothing was pulled through it.`]);
    const dir = await unpack(run.outputs.package as string);
    expect(fs.readFileSync(path.join(dir, 'zarf.yaml'), 'utf8')).toContain(`  registryOverrides:\n    quay.io: ${mirror.host}/quay\n`);
  }, 60_000);
});

describe('registry-override: bad input lines', () => {
  test.each([
    ['a line without "="', `docker.io=${'127.0.0.1:1'}/hub\nghcr.io`, 2, 'there is no "=" between source and replacement'],
    ['an empty source', '=mirror.example.com/hub', 1, 'the source (left of "=") is empty'],
    ['an empty replacement', 'docker.io=', 1, 'the replacement (right of "=") is empty'],
    ['a replacement that is not a registry host', 'docker.io=mirror/hub', 1, 'the replacement "mirror/hub" is not a registry host'],
    ['a replacement with a scheme', 'docker.io=https://mirror.example.com', 1, 'has a scheme'],
    ['a source given twice', 'docker.io=a.example.com\ndocker.io=b.example.com', 2, 'is already overridden on line 1']
  ])('%s: one error naming the line, exit 1, nothing written', async (_what, value, line, why) => {
    const ws = workspaceWith(zarfYaml(['single:1.0']));
    const temp = makeTempDir('runner-temp');
    const run = await runAction({ workspace: ws, runnerTemp: temp, inputs: buildInputs([], { 'registry-override': value }) });
    expect(run.code).toBe(1);
    const errors = errorsOf(run);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`input registry-override, line ${line} `);
    expect(errors[0]).toContain(why);
    expect(listFiles(path.join(ws, 'out'))).toEqual([]);
    expect(listFiles(temp)).toEqual([]);
  }, 30_000);
});
