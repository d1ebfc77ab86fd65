/**
 * Cancellation as the runner does it: SIGINT, then SIGTERM a moment later. A large pull and a large
 * publish through a slow registry are stopped in the middle: the transfers stop, the process exits
 * by itself (its cleanup ran) with a non-zero code and one line saying it was cancelled, and nothing
 * is left: no package (or staging folder) in output, no run folder, no blob in the cache, no tag or
 * index change on the publish registry, no upload completed there.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cleanupFixtures, makeTempDir, RegistryClient, runAction, seedImages, sleep, startFaultProxy, startRegistry, type ActionRun, type FaultProxy, type ProxiedRequest, type PushedImage, type RegistryFixture } from './setup/index.js';
import { definition, listFiles, leftInRunnerTemp } from './helpers.js';

let reg: RegistryFixture;
let proxy: FaultProxy;
let big: PushedImage;
let single: PushedImage;
const LAYER = 24 * 1024 * 1024;
const RATE = 2_000_000; // bytes/s each way: the big layer takes over 12 s through the proxy
const TARGET = 'cancel/test-pkg';
let tagBefore: string;
/**
 * Requests that wrote to the publish target (POST, PUT, PATCH, DELETE answered 2xx), as the registry
 * logged them. (An upload cut by a cancelled run is logged as a failure when the registry gives up on it.)
 */
const publishWrites = (): number => reg.allRequests().filter((r) => r.path.startsWith(`/v2/${TARGET}/`) && !['GET', 'HEAD'].includes(r.method) && r.status < 400).length;

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' });
  const img = await seedImages(reg, 'seed', { only: ['single', 'big'], layerBytes: LAYER });
  big = img.big as PushedImage;
  single = img.single as PushedImage;
  proxy = await startFaultProxy(reg.host);
  // The tag already holds a package (a smaller one, published by Lading): a cancelled run must leave it alone.
  const first = await runAction({ workspace: workspace([single.ref]), inputs: inputs(`oci://${reg.host}/cancel`) });
  expect(first.annotations.filter((a) => a.level === 'error')).toEqual([]);
  expect(first.code).toBe(0);
  tagBefore = await tagDigest();
}, 120_000);
afterAll(async () => {
  await proxy?.close();
  await reg?.stop();
  await cleanupFixtures();
});

function workspace(refs: string[]): string {
  const ws = makeTempDir('cancel-ws');
  fs.writeFileSync(path.join(ws, 'zarf.yaml'), definition(refs));
  return ws;
}

function inputs(publish: string): Record<string, string> {
  return { definition: '.', architecture: 'amd64', output: 'out', 'plain-http': `${reg.host}\n${proxy.host}`, cache: 'local', concurrency: '8', retries: '3', publish };
}

async function tagDigest(): Promise<string> {
  const m = await new RegistryClient({ host: reg.host }).getManifest(TARGET, '1.0.0');
  expect(m.status).toBe(200);
  return m.digest;
}

/** Sends SIGINT once `started` finds the transfer under way (and moving), then SIGTERM `gapMs` later. */
function cancelWhen(started: (r: ProxiedRequest) => boolean, seen: { at?: number; requests?: number }, gapMs = 500) {
  return (child: ChildProcess): void => {
    const timer = setInterval(() => {
      const r = proxy.requests.find(started);
      if (r === undefined) return;
      clearInterval(timer);
      // Let the bytes flow for a moment first.
      setTimeout(() => {
        seen.at = Date.now();
        seen.requests = proxy.requests.length;
        child.kill('SIGINT');
        setTimeout(() => child.kill('SIGTERM'), gapMs);
      }, 400);
    }, 10);
    child.once('exit', () => clearInterval(timer));
  };
}

/**
 * Runs the action on `ws` (publishing to `publish`, none when empty) with debug on and a tool cache of
 * its own, `cancel(seen)` wired to the child; checks that it was cancelled (`seen.at` set) and shows
 * what every cancelled run must.
 */
async function runCancelled(ws: string, publish: string, cancel: (seen: { at?: number }) => (child: ChildProcess) => void): Promise<ActionRun> {
  const toolCache = makeTempDir('cancel-tool');
  const seen: { at?: number } = {};
  const run = await runAction({ workspace: ws, toolCache, debug: true, timeoutMs: 60_000, inputs: inputs(publish), onSpawn: cancel(seen) });
  expect(seen.at).toBeDefined();
  await expectCancelledCleanly(run, ws, toolCache);
  return run;
}

/** What every cancelled run must show. */
async function expectCancelledCleanly(run: ActionRun, ws: string, toolCache: string): Promise<void> {
  expect(run.timedOut).toBe(false);
  // It exited by itself (not killed by the signal), after its cleanup (the last debug line is printed there).
  expect(run.signal).toBeUndefined();
  expect(run.code).toBe(1);
  expect(run.debug.some((d) => /^peak memory/.test(d))).toBe(true);
  expect(run.stdout).toContain('::warning::Lading was cancelled (SIGINT); stopping transfers');
  const errors = run.annotations.filter((a) => a.level === 'error');
  expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/cancelled/)]);
  expect(run.stdout + run.stderr).not.toMatch(/\n\s+at \S+ \(|\n\s+at file:/);
  // No package, no staging folder, no run folder, nothing added to the cache.
  expect(listFiles(path.join(ws, 'out'))).toEqual([]);
  expect(fs.existsSync(path.join(ws, 'out')) ? fs.readdirSync(path.join(ws, 'out')) : []).toEqual([]);
  expect(run.outputs.package).toBeUndefined();
  expect(leftInRunnerTemp(run.runnerTemp)).toEqual([]);
  expect(listFiles(toolCache).filter((f) => /[0-9a-f]{64}$/.test(f))).toEqual([]);
  // The publish target still holds what it held.
  expect(await tagDigest()).toBe(tagBefore);
  // Every transfer through the proxy has ended: none is still open, none starts later.
  const count = proxy.requests.length;
  await sleep(1000);
  expect(proxy.requests.length).toBe(count);
}

/**
 * Freezes the run (SIGSTOP) as soon as it logs a line matching `line`, sends SIGINT and SIGTERM while
 * it is frozen, then lets it go on (SIGCONT): the signals land at that point of the run, however fast
 * the step after it is.
 */
function cancelAtLine(line: RegExp, seen: { at?: number }) {
  return (child: ChildProcess): void => {
    let text = '';
    const onData = (d: Buffer): void => {
      text += d.toString('utf8');
      if (seen.at !== undefined || !line.test(text)) return;
      seen.at = Date.now();
      child.kill('SIGSTOP');
      child.kill('SIGINT');
      child.kill('SIGTERM');
      child.kill('SIGCONT');
      child.stdout?.off('data', onData);
    };
    child.stdout?.on('data', onData);
  };
}

describe('cancelled by the runner (SIGINT, then SIGTERM)', () => {
  test('in the middle of a large pull through a slow registry', async () => {
    proxy.clear();
    proxy.add({ path: /^\/v2\//, fault: { kind: 'slow', bytesPerSecond: RATE }, times: 10_000 });
    const writesBefore = publishWrites();
    const ws = workspace([`${proxy.host}/${big.repo}:${big.tag}`, `${proxy.host}/${single.repo}:${single.tag}`]);
    await runCancelled(ws, `oci://${reg.host}/cancel`, (seen) => cancelWhen((r) => r.method === 'GET' && r.path.endsWith(big.layers[0] as string), seen));
    // The big layer's download was cut short.
    const gets = proxy.requests.filter((r) => r.method === 'GET' && r.path.endsWith(big.layers[0] as string));
    expect(gets.length).toBeGreaterThan(0);
    expect(gets.every((g) => g.aborted === true)).toBe(true);
    // Nothing was published.
    expect(publishWrites()).toBe(writesBefore);
  }, 90_000);

  test('in the middle of a large upload through a slow registry', async () => {
    proxy.clear();
    proxy.add({ path: /^\/v2\//, fault: { kind: 'slow', bytesPerSecond: RATE }, times: 10_000 });
    // Images from the registry directly (fast); the package goes up through the slow proxy.
    const ws = workspace([big.ref, single.ref]);
    const uploading = (r: ProxiedRequest): boolean => (r.method === 'PUT' || r.method === 'PATCH') && /\/blobs\/uploads\//.test(r.path) && (r.contentLength ?? 0) >= LAYER;
    await runCancelled(ws, `oci://${proxy.host}/cancel`, (seen) => cancelWhen(uploading, seen));
    // The upload was cut short: the registry never completed it, and no manifest was written.
    const ups = proxy.requests.filter(uploading);
    expect(ups.length).toBeGreaterThan(0);
    // (The proxy may still be passing on bytes it had buffered; the body can never be complete.)
    expect(ups.every((u) => u.status === undefined && (u.bytesIn ?? 0) < LAYER)).toBe(true);
    expect(proxy.requests.filter((r) => r.method === 'PUT' && /\/manifests\//.test(r.path))).toEqual([]);
    expect((await new RegistryClient({ host: reg.host }).headBlob(TARGET, big.layers[0] as string)).status).toBe(404);
  }, 90_000);

  test('while the package file is being written (nothing left in output, nothing saved to the cache, exit 1)', async () => {
    proxy.clear();
    const writesBefore = publishWrites();
    const ws = workspace([big.ref, single.ref]);
    // Not publishing: once the package is written, only the blob cache and the outputs are left to do.
    // The writer starts while the blobs are pulled: cancelled once the package file is being written.
    const run = await runCancelled(ws, '', (seen) => cancelAtLine(/^writing zarf-package-\S+\.tar\.zst$/m, seen));
    expect(run.stdout).not.toMatch(/^package written:/m);
expect(publishWrites()).toBe(writesBefore);
  }, 90_000);
});
