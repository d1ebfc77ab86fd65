/**
 * Layers start downloading as soon as their image's manifest is read, while the other references of
 * the package still resolve (src/sources/pull.ts), with the action run as the runner runs it against
 * the real registry behind the test proxy, which holds one reference's manifest back. The package is
 * the same; each blob is fetched once; a run that fails while early downloads are under way stops
 * them and leaves nothing behind.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { cleanupFixtures, makeTempDir, runAction, seedImages, startFaultProxy, startRegistry, type ActionRun, type FaultProxy, type PushedImage, type RegistryFixture } from './setup/index.js';
import { definition, errorsOf, leftInRunnerTemp, listFiles, unpack, workspaceWith } from './helpers.js';

let reg: RegistryFixture;
let proxy: FaultProxy;
let big: PushedImage;
let single: PushedImage;
let bigLayer: string;
const MiB = 1024 * 1024;

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' });
  const img = await seedImages(reg, 'early', { only: ['single', 'big'], layerBytes: 4 * MiB });
  big = img.big as PushedImage;
  single = img.single as PushedImage;
  bigLayer = big.layers[0] as string;
  proxy = await startFaultProxy(reg.host);
}, 120_000);
afterAll(async () => {
  await proxy?.close();
  await reg?.stop();
  await cleanupFixtures();
});

const viaProxy = (p: PushedImage, tag = p.tag): string => `${proxy.host}/${p.repo}:${tag}`;
const gets = (pattern: RegExp) => proxy.requests.filter((r) => r.method === 'GET' && pattern.test(r.path));

async function build(refs: string[], inputs: Record<string, string> = {}): Promise<{ run: ActionRun; ws: string }> {
  const ws = workspaceWith(definition(refs));
  const run = await runAction({
    workspace: ws,
    toolCache: makeTempDir('early-tool'),
    timeoutMs: 90_000,
    inputs: { definition: '.', architecture: 'amd64', output: 'out', 'plain-http': proxy.host, cache: 'off', concurrency: '4', retries: '2', ...inputs }
  });
  return { run, ws };
}

describe('layers download while other references still resolve', () => {
  test('the first image’s layer is on its way before the second image’s manifest came back; each blob is fetched once; the package holds both images', async () => {
    proxy.clear();
    // The second reference's manifest takes 1.5 s to come back.
    proxy.add({ method: 'GET', path: new RegExp(`/v2/${single.repo}/manifests/`), fault: { kind: 'slow', latencyMs: 1500, bytesPerSecond: 10 * MiB } });
    const { run } = await build([viaProxy(big), viaProxy(single)]);
    expect(errorsOf(run)).toEqual([]);
    expect(run.code).toBe(0);

    const layerGets = gets(new RegExp(`/blobs/${bigLayer}$`));
    const held = gets(new RegExp(`/v2/${single.repo}/manifests/`));
    expect(layerGets).toHaveLength(1);
    expect(held).toHaveLength(1);
    expect(layerGets[0]?.receivedAt).toBeLessThan(held[0]?.endedAt as number);
    // No blob was asked for twice (the early transfers and the pull stage share them).
    const blobPaths = gets(/\/blobs\/sha256:/).map((r) => r.path);
    expect(blobPaths.length).toBe(new Set(blobPaths).size);

    const dir = await unpack(run.outputs.package as string);
    const blobs = listFiles(path.join(dir, 'images', 'blobs', 'sha256'));
    for (const d of [...big.blobs, ...single.blobs]) expect(blobs).toContain(d.slice('sha256:'.length));
    expect(fs.readdirSync(run.runnerTemp).filter((n) => n.startsWith('lading-run-'))).toEqual([]);
    expect(run.stdout).toMatch(/^pulled \d+ blobs, /m);
  }, 90_000);

  test('with one transfer at a time, a long early download does not hold up reading the other image’s manifest and config', async () => {
    proxy.clear();
    // At 1 MiB/s the first image's layer takes at least 4 s, and it holds the only transfer slot.
    proxy.add({ method: 'GET', path: new RegExp(`/blobs/${bigLayer}$`), fault: { kind: 'slow', bytesPerSecond: MiB } });
    const { run } = await build([viaProxy(big), viaProxy(single)], { concurrency: '1' });
    expect(errorsOf(run)).toEqual([]);
    expect(run.code).toBe(0);
    const layer = gets(new RegExp(`/blobs/${bigLayer}$`))[0];
    const config = gets(new RegExp(`/v2/${single.repo}/blobs/${single.configs[0] as string}$`))[0];
    expect(layer?.endedAt).toBeDefined();
    expect(config?.endedAt).toBeLessThan(layer?.endedAt as number);
  }, 90_000);

  test('the job summary’s pull time counts a layer that started downloading early', async () => {
    proxy.clear();
    // At 1 MiB/s the layer takes at least 4 s; it starts about 1.5 s before the pull stage does.
    proxy.add({ method: 'GET', path: new RegExp(`/blobs/${bigLayer}$`), fault: { kind: 'slow', bytesPerSecond: MiB } });
    proxy.add({ method: 'GET', path: new RegExp(`/v2/${single.repo}/manifests/`), fault: { kind: 'slow', latencyMs: 1500, bytesPerSecond: 10 * MiB } });
    const { run } = await build([viaProxy(big), viaProxy(single)]);
    expect(run.code).toBe(0);
    const pulled = /Time: pull ([\d.]+) (m?s) \(([\d.]+) MiB at ([\d.]+) (KiB|MiB)\/s\)/.exec(run.summary);
    expect(pulled).not.toBeNull();
    const seconds = Number(pulled?.[1]) / (pulled?.[2] === 'ms' ? 1000 : 1);
    expect(seconds).toBeGreaterThanOrEqual(3.8);
  }, 90_000);

  test('a reference that fails while an early layer download is under way: the download is stopped, one error, nothing left behind', async () => {
    proxy.clear();
    // The layer would take about 40 s at this pace; the missing tag is answered (404) after 1.5 s.
    proxy.add({ method: 'GET', path: new RegExp(`/blobs/${bigLayer}$`), fault: { kind: 'slow', bytesPerSecond: 100 * 1024 } });
    proxy.add({ method: 'GET', path: new RegExp(`/v2/${single.repo}/manifests/missing$`), fault: { kind: 'slow', latencyMs: 1500, bytesPerSecond: 10 * MiB } });
    const started = Date.now();
    const { run, ws } = await build([viaProxy(big), viaProxy(single, 'missing')]);
    const took = Date.now() - started;

    expect(run.code).toBe(1);
    expect(errorsOf(run).map((e) => e.message)).toEqual([expect.stringContaining(`${single.repo}:missing`)]);
    const layerGets = gets(new RegExp(`/blobs/${bigLayer}$`));
    expect(layerGets).toHaveLength(1);
    expect(layerGets[0]?.aborted).toBe(true);
    expect(took).toBeLessThan(30_000);
    expect(run.stdout).not.toMatch(/retrying/);
    expect(listFiles(path.join(ws, 'out'))).toEqual([]);
    expect(leftInRunnerTemp(run.runnerTemp)).toEqual([]);
  }, 90_000);
});
