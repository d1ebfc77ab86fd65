/**
 * The blob cache through the path a GitHub-hosted runner takes: the cache service hands out
 * `*.blob.core.windows.net` URLs, and @actions/cache then downloads with the Azure SDK (ranged parallel
 * reads into memory) and uploads in blocks. The double serves that host as an HTTP forward proxy
 * (HTTP_PROXY, with NO_PROXY for the loopback cache service and registry).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  cleanupFixtures,
  runAction,
  seedImages,
  startCacheService,
  startRegistry,
  type ActionRun,
  type CacheServiceFixture,
  type PushedImage,
  type RegistryFixture
} from './setup/index.js';
import { definition } from './helpers.js';
import { expectSuccess, expectWarm, fresh, runner, warnings, type Runner } from './cache-runner.js';

let reg: RegistryFixture;
let svc: CacheServiceFixture;
let img: Record<string, PushedImage>;

beforeAll(async () => {
  [reg, svc] = await Promise.all([startRegistry({ auth: 'anonymous' }), startCacheService({ azureHost: true })]);
  img = await seedImages(reg, 'cache-azure');
}, 120_000);
afterAll(async () => {
  await reg?.stop();
  await svc?.stop();
  await cleanupFixtures();
});

const ref = (name: string): string => (img[name] as PushedImage).ref;

async function build(r: Runner, timeoutMs = 120_000): Promise<ActionRun> {
  return runAction({
    workspace: r.ws,
    runnerTemp: r.temp,
    toolCache: r.toolCache,
    env: svc.env,
    timeoutMs,
    inputs: { definition: '.', architecture: 'amd64', output: 'out', 'plain-http': reg.host, cache: 'actions', concurrency: '8', retries: '0' }
  });
}

describe('cache: actions, Azure storage URLs (the Azure SDK path)', () => {
  test('a cold run uploads the entry in blocks; a warm run on a fresh runner downloads it in ranges and fetches no blob', async () => {
    const r = runner();
    fresh(r, definition([ref('single'), ref('multi')]));
    const cold = await build(r);
    expectSuccess(cold);
    expect(svc.entries()).toHaveLength(1);
    expect(svc.storage().some((q) => q.method === 'PUT' && q.path.startsWith('/actions-cache/'))).toBe(true);

    fresh(r, definition([ref('single'), ref('multi')]));
    reg.resetCounts();
    svc.clearLog();
    const warm = await build(r);
    expectWarm(warm, reg);
    expect(warm.outputs.checksum).toBe(cold.outputs.checksum);
    // The SDK's reads: a HEAD for the size, then ranged GETs (206).
    const reads = svc.storage().filter((q) => q.method === 'GET' || q.method === 'HEAD');
    expect(reads.map((q) => q.method)).toContain('HEAD');
    expect(reads.filter((q) => q.method === 'GET').every((q) => q.status === 206)).toBe(true);
  }, 180_000);

  test('a cache download that fails is one warning, the build comes from the registry, and the step ends with the run (not when the library’s 10-minute timer fires)', async () => {
    const r = runner();
    const refs = [ref('single')];
    fresh(r, definition(refs));
    expectSuccess(await build(r));
    fresh(r, definition(refs));
    svc.failDownloads(403);
    reg.resetCounts();
    try {
      // @actions/cache leaves a 10-minute timer armed when an Azure download fails: a run that waited
      // for the event loop to drain would be killed by this timeout instead of exiting.
      const run = await build(r, 60_000);
      expect(run.timedOut).toBe(false);
      expect(run.code).toBe(0);
      expect(warnings(run)).toEqual([expect.stringMatching(/^cache: could not restore lading-blobs-v1-\S+ from the Actions cache/)]);
      expect(reg.blobGets()).toBeGreaterThan(0);
      expect(run.outputs.package).toMatch(/\.tar\.zst$/);
    } finally {
      svc.failDownloads(undefined);
    }
  }, 180_000);
});
