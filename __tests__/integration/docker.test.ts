/**
 * The Docker daemon fallback against a real Docker Engine API: `podman system service` on a unix
 * socket of its own (DOCKER_HOST=unix://...). Images are pulled into podman from the test registry,
 * then made unreachable there (deleted, or named on a registry that is not running), and the action
 * builds the package from the daemon's export.
 *
 * What is and is not byte-identical to the registry's originals, and why:
 * - The config blob is: the daemon keeps the config bytes it pulled (it is what the image ID hashes),
 *   and the export writes them as they are. So the config digest is the registry's.
 * - Layers are not the registry's gzip blobs: podman (and Docker's classic image store) keep layers
 *   unpacked and export them as uncompressed tars. Those tars are byte for byte the registry layers
 *   gunzipped, so each one's sha256 is the layer's diff ID in the config, and Lading names and
 *   describes them by that (media type application/vnd.oci.image.layer.v1.tar).
 * - The manifest is therefore new (it lists the uncompressed layers), and so is the image's digest.
 *   (Docker with the containerd image store exports an OCI layout with the original manifest and
 *   compressed layers; the same reader takes that path, tested in the archive tests.)
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  cleanupFixtures,
  freePort,
  podmanMissing,
  RegistryClient,
  runAction,
  seedImages,
  sha256,
  startFaultProxy,
  startPodman,
  startRegistry,
  type FaultProxy,
  type PodmanFixture,
  type PushedImage,
  type RegistryFixture
} from './setup/index.js';
import { buildInputs, definition, listFiles, sha256File, unpack, workspaceWith } from './helpers.js';

let reg: RegistryFixture;
let img: Record<string, PushedImage>;
let pm: PodmanFixture;
let http: RegistryClient;
let missing: string | undefined;
/** 127.0.0.1:<port> where nothing listens */
let deadHost: string;

beforeAll(async () => {
  missing = await podmanMissing();
  if (missing !== undefined) throw new Error(missing);
  [reg, pm] = await Promise.all([startRegistry({ auth: 'anonymous' }), startPodman()]);
  img = await seedImages(reg, 'seed', { only: ['single', 'uncompressed'] });
  http = new RegistryClient(reg);
  const single = img.single as PushedImage;
  await pm.pull(single.ref);
  // Only the daemon has it from now on: the manifest is deleted (its blobs stay, for comparing).
  const del = await http.request('DELETE', `/v2/${single.repo}/manifests/${single.digest}`);
  if (del.status !== 202) throw new Error(`DELETE manifest: ${del.status} ${del.body.toString()}`);
  deadHost = `127.0.0.1:${await freePort()}`;
  await pm.tag(single.ref, `${deadHost}/local/app:dev`);
}, 120_000);

afterAll(async () => {
  await pm?.stop();
  await reg?.stop();
  await cleanupFixtures();
});

const inputs = (extra: Record<string, string> = {}): Record<string, string> => buildInputs([reg.host, deadHost], extra);

interface Manifest {
  config: { digest: string; mediaType: string; size: number };
  layers: Array<{ digest: string; mediaType: string; size: number }>;
}

/** The package's manifest for `refName`, read through images/index.json. */
function packagedManifest(dir: string, refName: string): { digest: string; manifest: Manifest } {
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'images', 'index.json'), 'utf8')) as { manifests: Array<{ digest: string; annotations: Record<string, string> }> };
  const entry = index.manifests.find((m) => m.annotations['org.opencontainers.image.ref.name'] === refName);
  if (entry === undefined) throw new Error(`${refName} is not in images/index.json: ${JSON.stringify(index)}`);
  const blob = (d: string): string => path.join(dir, 'images', 'blobs', 'sha256', d.slice(7));
  return { digest: entry.digest, manifest: JSON.parse(fs.readFileSync(blob(entry.digest), 'utf8')) as Manifest };
}

/** Checks the packaged image against the registry's original `single`, as the header explains. */
async function expectSameImageAsRegistry(dir: string, refName: string): Promise<void> {
  const single = img.single as PushedImage;
  const blob = (d: string): string => path.join(dir, 'images', 'blobs', 'sha256', d.slice(7));
  // Every blob of the package is named by the hash of its bytes.
  for (const f of listFiles(path.join(dir, 'images', 'blobs', 'sha256'))) expect(sha256File(blob(`sha256:${f}`))).toBe(f);

  const { digest, manifest } = packagedManifest(dir, refName);
  // A new manifest (uncompressed layers), so not the registry's digest.
  expect(digest).not.toBe(single.digest);

  // The config: byte-identical to the registry's, so the same digest (never the image ID form).
  const registryConfig = single.configs[0] as string;
  expect(manifest.config.digest).toBe(registryConfig);
  const original = await http.getBlob(single.repo, registryConfig);
  expect(original.status).toBe(200);
  expect(fs.readFileSync(blob(manifest.config.digest)).equals(original.body)).toBe(true);

  // Layers: uncompressed tars equal to the registry's layers gunzipped; named by their diff IDs.
  const config = JSON.parse(original.body.toString('utf8')) as { rootfs: { diff_ids: string[] } };
  expect(manifest.layers.map((l) => l.digest)).toEqual(config.rootfs.diff_ids);
  expect(manifest.layers.length).toBe(single.layers.length);
  for (const [i, layer] of manifest.layers.entries()) {
    expect(layer.mediaType).toBe('application/vnd.oci.image.layer.v1.tar');
    const bytes = fs.readFileSync(blob(layer.digest));
    expect(bytes.length).toBe(layer.size);
    expect(sha256(bytes)).toBe(layer.digest);
    const registryLayer = await http.getBlob(single.repo, single.layers[i] as string);
    expect(registryLayer.status).toBe(200);
    expect(zlib.gunzipSync(registryLayer.body).equals(bytes)).toBe(true);
  }
}

describe('Docker daemon fallback (podman system service as the Engine API)', () => {
  test('an image deleted from its registry is exported from the daemon: config bytes and diff IDs match the original', async () => {
    const single = img.single as PushedImage;
    const uncompressed = img.uncompressed as PushedImage;
    const ws = workspaceWith(definition([single.ref, uncompressed.ref]));
    const run = await runAction({ workspace: ws, inputs: inputs(), env: { DOCKER_HOST: pm.dockerHost } });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.code).toBe(0);

    // The log says plainly that the daemon was used, for which image, and why.
    expect(run.stdout).toMatch(new RegExp(`docker daemon: ${escape(single.ref)} could not be read from its registry \\(manifest .* not found .*\\); exporting ${escape(single.ref)} from the Docker daemon at ${escape(pm.dockerHost)} \\(.*Podman.*API 1\\.\\d+\\)`));
    expect(run.stdout).toMatch(/docker daemon: exported .* \(.*classic docker save layout/);
    expect(run.annotations.some((a) => a.level === 'warning' && a.message.includes(`${single.ref} was taken from the Docker daemon`))).toBe(true);
    // The image still in its registry did not touch the daemon.
    expect(run.stdout).not.toContain(`exporting ${uncompressed.ref}`);
    // The summary's source column names the daemon.
    expect(run.summary).toMatch(new RegExp(`\\| \`${escape(single.ref)}\` \\|.*\\| docker daemon ${escape(pm.dockerHost)} \\|`));
    expect(run.summary).toMatch(new RegExp(`\\| \`${escape(uncompressed.ref)}\` \\|.*\\| ${escape(reg.host)} \\|`));

    const dir = await unpack(run.outputs.package as string);
    await expectSameImageAsRegistry(dir, single.ref);
    // The registry image is untouched: the registry's own manifest.
    expect(packagedManifest(dir, uncompressed.ref).digest).toBe(uncompressed.digest);
  }, 90_000);

  test('an image only the daemon has, named on a registry that cannot be reached, comes from the daemon', async () => {
    const ref = `${deadHost}/local/app:dev`;
    const ws = workspaceWith(definition([ref]));
    const run = await runAction({ workspace: ws, inputs: inputs(), env: { DOCKER_HOST: pm.dockerHost } });
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`docker daemon: ${escape(ref)} could not be read from its registry \\(cannot reach registry ${escape(deadHost)} \\(connection refused\\)`));
    const dir = await unpack(run.outputs.package as string);
    await expectSameImageAsRegistry(dir, ref);
    const out = JSON.parse(run.outputs.images as string) as Array<{ reference: string; platform: string }>;
    expect(out).toEqual([expect.objectContaining({ reference: ref, platform: 'linux/amd64' })]);
  }, 90_000);

  test('in neither the registry nor the daemon: one error that names both, nothing written', async () => {
    const ref = `${reg.host}/seed/nothing:1.0`;
    const ws = workspaceWith(definition([ref]));
    const run = await runAction({ workspace: ws, inputs: inputs(), env: { DOCKER_HOST: pm.dockerHost } });
    expect(run.code).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'zarf.yaml', line: 9 });
    expect(errors[0]?.message).toMatch(new RegExp(`not found on ${escape(reg.host)}.*; the Docker daemon at ${escape(pm.dockerHost)} does not have ${escape(ref)} either`));
    expect(listFiles(path.join(ws, 'out'))).toEqual([]);
  }, 60_000);

  test('pinned by digest: the classic export re-creates the manifest, so it fails clearly instead of shipping another digest', async () => {
    const single = img.single as PushedImage;
    const ref = `${reg.host}/${single.repo}@${single.digest}`;
    const ws = workspaceWith(definition([ref]));
    const run = await runAction({ workspace: ws, inputs: inputs(), env: { DOCKER_HOST: pm.dockerHost } });
    expect(run.code).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain(`is pinned by digest, but the Docker daemon exports it in the classic docker save layout`);
    expect(listFiles(path.join(ws, 'out'))).toEqual([]);
  }, 60_000);

  test('no daemon answering: the registry error stands as it is, and the log says the fallback was not available', async () => {
    const ref = `${reg.host}/seed/nothing:1.0`;
    const ws = workspaceWith(definition([ref]));
    const run = await runAction({ workspace: ws, inputs: inputs(), env: { DOCKER_HOST: `unix://${path.join(ws, 'no.sock')}` } });
    expect(run.code).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/not found on/);
    expect(errors[0]?.message).not.toMatch(/daemon/);
    expect(run.stdout).toContain('docker daemon fallback not available: no Docker daemon socket at');
  }, 60_000);
});

describe('a rate-limit answer is not hidden behind the daemon', () => {
  let proxy: FaultProxy;
  beforeAll(async () => {
    proxy = await startFaultProxy(reg.host);
    // The daemon has this image under the proxy's name; the registry behind the proxy rate-limits.
    await pm.tag((img.single as PushedImage).ref, `${proxy.host}/seed/single:1.0`);
  });
  afterAll(async () => {
    await proxy?.close();
  });

  test('429 fails with the rate-limit message even though the daemon has the image', async () => {
    const ref = `${proxy.host}/seed/single:1.0`;
    proxy.add({ method: 'GET', path: /\/manifests\//, fault: { kind: 'status', status: 429, retryAfter: '0', body: '{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}' }, times: 10 });
    const ws = workspaceWith(definition([ref]));
    const run = await runAction({ workspace: ws, inputs: inputs({ 'plain-http': proxy.host }), env: { DOCKER_HOST: pm.dockerHost } });
    expect(run.code).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(new RegExp(`rate limited by ${escape(proxy.host)} \\(TOOMANYREQUESTS: slow down\\)`));
    expect(run.stdout).toContain(`docker daemon: not used for ${ref}: its registry rate-limited the request (429)`);
    expect(run.stdout).not.toContain('exporting');
    expect(listFiles(path.join(ws, 'out'))).toEqual([]);
  }, 60_000);
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
