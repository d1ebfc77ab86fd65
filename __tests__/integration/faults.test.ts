/**
 * Faults of remote registries, injected by a loopback proxy in front of the real registry, with the
 * action run as the runner runs it (`plain-http` lists the proxy). Each case either builds (and
 * publishes) a package whose every byte is checked by independent readers (zstd, tar, sha256, a test
 * HTTP client), or fails with one clear line and leaves nothing behind: no file in output, no run
 * folder, no blob under a name its bytes do not match, no tag.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cleanupFixtures, makeTempDir, RegistryClient, runAction, seedImages, startFaultProxy, startRegistry, type ActionRun, type FaultProxy, type PushedImage, type RegistryFixture } from './setup/index.js';
import { definition, listFiles, sha256File, unpack, workspaceWith, leftInRunnerTemp } from './helpers.js';

let reg: RegistryFixture;
let proxy: FaultProxy;
let img: Record<string, PushedImage>;
let big: PushedImage;
let bigLayer: string;
const LAYER = 6 * 1024 * 1024;
const MiB = 1024 * 1024;

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' });
  img = await seedImages(reg, 'seed', { only: ['single', 'multi', 'big'], layerBytes: LAYER });
  big = img.big as PushedImage;
  bigLayer = big.layers[0] as string;
  proxy = await startFaultProxy(reg.host);
}, 120_000);
afterAll(async () => {
  await proxy?.close();
  await reg?.stop();
  await cleanupFixtures();
});

const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
const viaProxy = (p: PushedImage): string => `${proxy.host}/${p.repo}:${p.tag}`;
const hexOf = (d: string): string => d.slice(d.indexOf(':') + 1);

interface Build {
  run: ActionRun;
  ws: string;
  toolCache: string;
}

async function build(refs: string[], extra: Record<string, string> = {}): Promise<Build> {
  const ws = workspaceWith(definition(refs));
  const toolCache = makeTempDir('faults-tool');
  const run = await runAction({
    workspace: ws,
    toolCache,
    timeoutMs: 90_000,
    inputs: { definition: '.', architecture: 'amd64', output: 'out', 'plain-http': `${reg.host}\n${proxy.host}\n${proxy.storageHost}`, cache: 'local', concurrency: '8', retries: '3', ...extra }
  });
  return { run, ws, toolCache };
}

/**
 * The package is whole: unpacked by zstd and tar, every blob hashes to its name, checksums.txt lists
 * every other file with its hash, its own hash is the checksum output and zarf.yaml's
 * aggregateChecksum, and the images' blobs (all of `complete`, the manifests of `present`) are there.
 */
async function expectWholePackage(b: Build, complete: PushedImage[], present: string[] = []): Promise<string> {
  const { run } = b;
  expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
  expect(run.code).toBe(0);
  const pkg = run.outputs.package as string;
  expect(listFiles(path.join(b.ws, 'out'))).toEqual([path.basename(pkg)]);
  const dir = await unpack(pkg);
  const blobs = path.join(dir, 'images', 'blobs', 'sha256');
  for (const f of listFiles(blobs)) expect({ f, hash: sha256File(path.join(blobs, f)) }).toEqual({ f, hash: f });
  for (const d of [...complete.flatMap((p) => p.blobs), ...present]) expect(fs.existsSync(path.join(blobs, hexOf(d)))).toBe(true);
  const checksums = fs.readFileSync(path.join(dir, 'checksums.txt'), 'utf8');
  const listed = checksums
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const [hash, file] = l.split(' ') as [string, string];
      expect({ file, hash: sha256File(path.join(dir, file)) }).toEqual({ file, hash });
      return file;
    });
  expect(listed.sort()).toEqual(listFiles(dir).filter((f) => f !== 'zarf.yaml' && f !== 'checksums.txt'));
  expect(sha256(checksums)).toBe(run.outputs.checksum);
  expect(fs.readFileSync(path.join(dir, 'zarf.yaml'), 'utf8')).toContain(`aggregateChecksum: ${run.outputs.checksum}`);
  // Nothing left behind in RUNNER_TEMP.
  expect(fs.readdirSync(run.runnerTemp).filter((n) => n.startsWith('lading-run-'))).toEqual([]);
  return dir;
}

/** One error annotation matching `pattern`, one line, no stack; nothing in output, no run folder left. */
function expectCleanFailure(b: Build, pattern: RegExp): string {
  const { run } = b;
  expect(run.timedOut).toBe(false);
  expect(run.code).toBe(1);
  const errors = run.annotations.filter((a) => a.level === 'error');
  expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(pattern)]);
  expect((errors[0]?.message ?? '').includes('\n')).toBe(false);
  expect(run.stdout + run.stderr).not.toMatch(/\n\s+at \S+ \(|\n\s+at file:/);
  expect(listFiles(path.join(b.ws, 'out'))).toEqual([]);
  expect(run.outputs.package).toBeUndefined();
  expect(leftInRunnerTemp(run.runnerTemp)).toEqual([]);
  expect(run.summary).toMatch(/fail/i);
  return errors[0]?.message ?? '';
}

/** No file anywhere below `dir` is named after `digest`'s hex (no blob stored under a name its bytes do not match). */
function expectNoBlobNamed(dir: string, digest: string): void {
  expect(listFiles(dir).filter((f) => path.basename(f) === hexOf(digest))).toEqual([]);
}

const blobGets = (digest: string) => proxy.requests.filter((r) => r.method === 'GET' && r.path.includes(`/blobs/${digest}`));

describe('building through a faulty registry', () => {
  test('connections reset mid-blob: the download resumes with Range and the package is exact', async () => {
    proxy.clear();
    proxy.add({ method: 'GET', path: new RegExp(`/blobs/${bigLayer}$`), fault: { kind: 'reset-after', bytes: 1 * MiB }, times: 1 });
    proxy.add({ method: 'GET', path: new RegExp(`/blobs/${bigLayer}$`), fault: { kind: 'reset-after', bytes: 2 * MiB }, times: 1 });
    const b = await build([viaProxy(big), viaProxy(img.single as PushedImage)]);
    await expectWholePackage(b, [big, img.single as PushedImage]);
    const gets = blobGets(bigLayer);
    expect(gets.length).toBe(3);
    expect(gets[0]?.range).toBeUndefined();
    // Each retry asks for the rest, from where the bytes stopped.
    const from = gets.slice(1).map((g) => Number(/^bytes=(\d+)-$/.exec(g.range ?? '')?.[1]));
    expect(from[0]).toBeGreaterThan(0);
    expect(from[1]).toBeGreaterThan(from[0] as number);
    expect(b.run.stdout).toMatch(/::warning::.*retrying/);
  }, 90_000);

  test('a registry that ignores Range when a download resumes (200, the whole blob): the bytes already held are skipped', async () => {
    proxy.clear();
    proxy.add({ method: 'GET', path: new RegExp(`/blobs/${bigLayer}$`), fault: { kind: 'reset-after', bytes: 3 * MiB }, times: 1 });
    proxy.add({ method: 'GET', path: new RegExp(`/blobs/${bigLayer}$`), fault: { kind: 'ignore-range' }, times: 1 });
    const b = await build([viaProxy(big)]);
    await expectWholePackage(b, [big]);
    const gets = blobGets(bigLayer);
    expect(gets.map((g) => [g.range !== undefined, g.status])).toEqual([
      [false, 200],
      [true, 200]
    ]);
  }, 90_000);

  test('429 with Retry-After on manifests and blobs: waited for as asked, then the package is exact', async () => {
    proxy.clear();
    proxy.add({ method: 'GET', path: /\/manifests\//, fault: { kind: 'status', status: 429, retryAfter: '1' }, times: 2 });
    proxy.add({ method: 'GET', path: new RegExp(`/blobs/${bigLayer}$`), fault: { kind: 'status', status: 429, retryAfter: '1' }, times: 1 });
    const b = await build([viaProxy(big), viaProxy(img.multi as PushedImage)]);
    const amd64 = (img.multi as PushedImage).platforms?.find((p) => p.architecture === 'amd64')?.digest as string;
    await expectWholePackage(b, [big], [amd64]);
    expect(b.run.stdout).toMatch(/rate limited by .*retrying .*after 1 s as the registry asked/);
    expect(proxy.requests.filter((r) => r.status === 429)).toHaveLength(3);
  }, 90_000);

  test('a burst of 500s is retried; a registry that keeps failing ends in one line naming the retries', async () => {
    proxy.clear();
    proxy.add({ method: 'GET', path: /\/blobs\//, fault: { kind: 'status', status: 500 }, times: 3 });
    proxy.add({ method: 'GET', path: /\/manifests\//, fault: { kind: 'status', status: 503 }, times: 1 });
    const ok = await build([viaProxy(big), viaProxy(img.single as PushedImage)]);
    await expectWholePackage(ok, [big, img.single as PushedImage]);
    expect(proxy.requests.filter((r) => r.status === 500 || r.status === 503)).toHaveLength(4);

    proxy.clear();
    proxy.add({ method: 'GET', path: new RegExp(`/blobs/${bigLayer}$`), fault: { kind: 'status', status: 500 }, times: 1000 });
    const bad = await build([viaProxy(big)], { retries: '2' });
    const line = expectCleanFailure(bad, /answered 500 .*gave up after 3 attempts/);
    expect(line).toContain(bigLayer);
    expectNoBlobNamed(bad.toolCache, bigLayer);
    expect(blobGets(bigLayer)).toHaveLength(3);
  }, 90_000);

  test('a slow registry (latency, 3 MB/s each way): slower, and the package is exact', async () => {
    proxy.clear();
    proxy.add({ path: /^\/v2\//, fault: { kind: 'slow', bytesPerSecond: 3_000_000, latencyMs: 40 }, times: 10_000 });
    const b = await build([viaProxy(big), viaProxy(img.single as PushedImage)]);
    await expectWholePackage(b, [big, img.single as PushedImage]);
    // Every request went through the slow path, none was cut short.
    expect(proxy.requests.filter((r) => r.aborted === true)).toEqual([]);
    expect(blobGets(bigLayer)).toHaveLength(1);
  }, 90_000);

  test('blob downloads redirected to another host (storage) are followed and verified', async () => {
    proxy.clear();
    proxy.add({ method: 'GET', path: /\/blobs\//, fault: { kind: 'redirect', to: 'storage' }, times: 1000 });
    const b = await build([viaProxy(big)]);
    await expectWholePackage(b, [big]);
    expect(proxy.storageRequests.some((r) => r.path.endsWith(bigLayer))).toBe(true);
  }, 90_000);

  test('a blob whose bytes were altered: one line naming the digest, nothing stored, nothing in output', async () => {
    proxy.clear();
    proxy.add({ method: 'GET', path: new RegExp(`/blobs/${bigLayer}$`), fault: { kind: 'alter-body' }, times: 1 });
    const b = await build([viaProxy(big), viaProxy(img.single as PushedImage)]);
    const line = expectCleanFailure(b, /does not match its digest/);
    expect(line).toContain(bigLayer);
    expect(line).toMatch(/altered|nothing was stored/);
    // The annotation is at the image's line in zarf.yaml.
    expect(b.run.annotations.find((a) => a.level === 'error')).toMatchObject({ file: 'zarf.yaml', line: 9 });
    expectNoBlobNamed(b.toolCache, bigLayer);
    expectNoBlobNamed(b.run.runnerTemp, bigLayer);
    expectNoBlobNamed(b.ws, bigLayer);
    // The next run, through an honest proxy, builds the exact package.
    proxy.clear();
    const again = await build([viaProxy(big), viaProxy(img.single as PushedImage)]);
    await expectWholePackage(again, [big, img.single as PushedImage]);
  }, 90_000);

  test('a manifest whose bytes were altered (by digest, below an index): one clear line', async () => {
    proxy.clear();
    proxy.add({ method: 'GET', path: /\/manifests\/sha256:/, fault: { kind: 'alter-body' }, times: 1 });
    const b = await build([viaProxy(img.multi as PushedImage)]);
    expectCleanFailure(b, /does not match its digest/);
  }, 60_000);
});

// ---- Publishing through a faulty registry --------------------------------------------------------

/** The published package, read back with the test client, is byte for byte the package built. */
async function expectPublishedExactly(b: Build, repo: string, pkgDir: string): Promise<void> {
  const client = new RegistryClient({ host: reg.host });
  const index = await client.getManifest(repo, '1.0.0');
  expect(index.status).toBe(200);
  const entries = (JSON.parse(index.body.toString('utf8')) as { manifests: Array<{ digest: string; platform: { architecture: string } }> }).manifests;
  expect(entries.map((e) => [e.platform.architecture, e.digest])).toEqual([['amd64', b.run.outputs.digest]]);
  const m = await client.getManifest(repo, b.run.outputs.digest as string);
  expect(m.digest).toBe(b.run.outputs.digest);
  const layers = (JSON.parse(m.body.toString('utf8')) as { layers: Array<{ digest: string; size: number; annotations: Record<string, string> }> }).layers;
  expect(layers.map((l) => l.annotations['org.opencontainers.image.title']).sort()).toEqual(listFiles(pkgDir));
  for (const l of layers) {
    const blob = await client.getBlob(repo, l.digest);
    const title = l.annotations['org.opencontainers.image.title'] as string;
    expect({ title, status: blob.status, hash: `sha256:${sha256(blob.body)}`, size: blob.body.length }).toEqual({ title, status: 200, hash: l.digest, size: l.size });
    expect(`sha256:${sha256File(path.join(pkgDir, title))}`).toBe(l.digest);
  }
}

async function tagOf(repo: string): Promise<number> {
  return (await new RegistryClient({ host: reg.host }).getManifest(repo, '1.0.0')).status;
}

const uploadOf = (digest: string): RegExp => new RegExp(`/blobs/uploads/.*digest=sha256(%3A|:)${hexOf(digest)}`);

describe('publishing through a faulty registry', () => {
  // Images are read from the registry directly; the package goes up through the proxy (another host
  // name, so nothing is mounted: every blob is uploaded).
  const refs = (): string[] => [big.ref, (img.single as PushedImage).ref];
  const publishTo = (repo: string, extra: Record<string, string> = {}): Promise<Build> => build(refs(), { publish: `oci://${proxy.host}/${repo}`, ...extra });

  test('the connection reset in the middle of an upload (PUT): the blob is uploaded again, the package is exact', async () => {
    proxy.clear();
    proxy.add({ method: 'PUT', path: uploadOf(bigLayer), minContentLength: 2 * MiB, fault: { kind: 'reset-request-after', bytes: 2 * MiB }, times: 1 });
    const b = await publishTo('reset-put');
    const dir = await expectWholePackage(b, [big, img.single as PushedImage]);
    const puts = proxy.requests.filter((r) => r.method === 'PUT' && uploadOf(bigLayer).test(r.path));
    // The first was cut before the registry answered; the second, on a new upload session, was stored.
    expect(puts.map((p) => p.status)).toEqual([undefined, 201]);
    await expectPublishedExactly(b, 'reset-put/test-pkg', dir);
  }, 90_000);

  test('chunked uploads (the registry sets OCI-Chunk-Min-Length): a 500 on a PATCH, a reset in a PATCH and a 500 on the closing PUT are each retried', async () => {
    proxy.clear();
    proxy.add({ method: 'POST', path: /\/blobs\/uploads\/$/, fault: { kind: 'add-headers', headers: { 'oci-chunk-min-length': String(1 * MiB) } }, times: 1000 });
    proxy.add({ method: 'PATCH', path: /\/blobs\/uploads\//, minContentLength: 2 * MiB, fault: { kind: 'status', status: 500 }, times: 1 });
    proxy.add({ method: 'PATCH', path: /\/blobs\/uploads\//, minContentLength: 2 * MiB, fault: { kind: 'reset-request-after', bytes: 3 * MiB }, times: 1 });
    proxy.add({ method: 'PUT', path: uploadOf(bigLayer), fault: { kind: 'status', status: 500 }, times: 1 });
    const b = await publishTo('chunked');
    const dir = await expectWholePackage(b, [big, img.single as PushedImage]);
    // The upload status was asked before a chunk was sent again.
    expect(proxy.requests.some((r) => r.method === 'GET' && /\/blobs\/uploads\//.test(r.path))).toBe(true);
    // The large blob's chunk: a 500, a reset, then sent again (in full or from where the registry got to).
    const bigPatches = proxy.requests.filter((r) => r.method === 'PATCH' && (r.contentLength ?? 0) >= 2 * MiB);
    expect(bigPatches.map((r) => r.status ?? 'reset').slice(0, 2)).toEqual([500, 'reset']);
    expect(bigPatches.length).toBeGreaterThanOrEqual(3);
    await expectPublishedExactly(b, 'chunked/test-pkg', dir);
  }, 90_000);

  test('a registry that keeps answering 500 to uploads: one line, the tag is not created, no package left in output', async () => {
    proxy.clear();
    proxy.add({ method: 'PUT', path: uploadOf(bigLayer), fault: { kind: 'status', status: 500 }, times: 1000 });
    const b = await publishTo('always-500', { retries: '1' });
    expectCleanFailure(b, /publishing .*always-500\/test-pkg:1\.0\.0 failed: .*answered 500.*the tag was not changed/);
    expect(await tagOf('always-500/test-pkg')).toBe(404);
    expect(proxy.requests.filter((r) => r.method === 'PUT' && /\/manifests\//.test(r.path))).toEqual([]);
  }, 90_000);

  test('a slow registry: the package is published exactly', async () => {
    proxy.clear();
    proxy.add({ path: /^\/v2\//, fault: { kind: 'slow', bytesPerSecond: 6_000_000, latencyMs: 30 }, times: 10_000 });
    const b = await publishTo('slow');
    const dir = await expectWholePackage(b, [big, img.single as PushedImage]);
    await expectPublishedExactly(b, 'slow/test-pkg', dir);
  }, 90_000);
});
