/**
 * The blob cache through the path a GitHub-hosted runner takes: the cache service hands out
 * `*.blob.core.windows.net` URLs. @actions/cache uploads to them in blocks (Azure SDK); Lading reads
 * them back in ranges (src/cache/restore/). The double serves that host as an HTTP forward proxy
 * (HTTP_PROXY, with NO_PROXY for the loopback cache service and registry): the restore reaches it only
 * by honouring the proxy variables, as a self-hosted runner behind a proxy needs.
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

describe('cache: actions, Azure storage URLs', () => {
  test('a cold run uploads the entry in blocks; a warm run on a fresh runner reads it in ranges through the proxy and fetches no blob', async () => {
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
    // Ranged reads (206) of the entry, through the proxy (the storage host resolves nowhere else).
    const reads = svc.storage().filter((q) => q.method === 'GET' || q.method === 'HEAD');
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((q) => q.method === 'GET' && q.status === 206)).toBe(true);
    expect(warm.stdout).toMatch(/^cache: restoring lading-blobs-v1-\S+ from the Actions cache$/m);
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
      // A failed download must not keep the step alive (@actions/cache's Azure path left a 10-minute
      // timer armed; whatever a library leaves behind, the run exits once it is done).
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
