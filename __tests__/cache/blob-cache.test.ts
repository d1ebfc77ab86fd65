import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BlobCache, type NeededBlob } from '../../src/cache/blob-cache.js';
import { BlobDir } from '../../src/cache/blobdir.js';
import { BlobStore } from '../../src/oci/blobstore.js';
import type { Digest } from '../../src/oci/digest.js';

const sha = (b: Uint8Array): Digest => `sha256:${createHash('sha256').update(b).digest('hex')}`;
let tmp: string;
const lines: string[] = [];
const log = { debug: () => undefined, info: (m: string) => lines.push(`info ${m}`), warning: (m: string) => lines.push(`warning ${m}`) };

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lading-blobcache-'));
  lines.length = 0;
});
afterEach(async () => rm(tmp, { recursive: true, force: true }));

async function open(mode: 'local' | 'off' | 'actions', env: NodeJS.ProcessEnv = { RUNNER_TOOL_CACHE: path.join(tmp, 'tool') }): Promise<{ cache: BlobCache; run: BlobStore }> {
  const run = new BlobStore(path.join(tmp, `run-${Math.random()}`));
  await run.init();
  const cache = await BlobCache.open({ mode, run, workspace: tmp, tempRoot: tmp, packageName: 'pkg', architecture: 'amd64', log, env });
  await cache.restore();
  return { cache, run };
}

/** Simulates a run: a tag manifest read first, then every other blob looked up and fetched when missing. */
async function simulate(cache: BlobCache, run: BlobStore, tagManifest: Buffer, blobs: Buffer[]): Promise<NeededBlob[]> {
  await run.writeBytes(tagManifest);
  for (const b of [tagManifest, ...blobs]) {
    if (!(await cache.cached(sha(b), b.length))) await run.writeBytes(b, sha(b));
  }
  return [tagManifest, ...blobs].map((b) => ({ digest: sha(b), size: b.length, source: 'registry.example' }));
}

describe('BlobCache (local)', () => {
  test('cold run: false; warm run: true (the tag manifest does not count); one blob more: partial', async () => {
    const tag = Buffer.from('{"manifest":1}');
    const blobs = [randomBytes(1000), randomBytes(2000)];
    const cold = await open('local');
    const needed = await simulate(cold.cache, cold.run, tag, blobs);
    const r1 = await cold.cache.finish(needed);
    await cold.cache.close();
    expect(r1).toMatchObject({ mode: 'local', active: true, hit: 'false', fromCache: { blobs: 0, bytes: 0 }, fromSources: { 'registry.example': { blobs: 3 } } });

    const warm = await open('local');
    const r2 = await warm.cache.finish(await simulate(warm.cache, warm.run, tag, blobs));
    await warm.cache.close();
    expect(r2.hit).toBe('true');
    expect(r2.fromCache).toEqual({ blobs: 2, bytes: 3000 });
    expect(r2.fromSources).toEqual({ 'registry.example': { blobs: 1, bytes: tag.length } });

    const more = await open('local');
    const r3 = await more.cache.finish(await simulate(more.cache, more.run, tag, [...blobs, randomBytes(500)]));
    await more.cache.close();
    expect(r3.hit).toBe('partial');
    expect(r3.fromCache.blobs).toBe(2);
  });

  test('pruning keeps what any run used in the last 7 days; it waits while another job holds a lease', async () => {
    const tag = Buffer.from('{"manifest":2}');
    const used = [randomBytes(100)];
    const unused = randomBytes(200);
    const first = await open('local');
    await first.cache.finish(await simulate(first.cache, first.run, tag, [...used, unused]));
    await first.cache.close();
    const dir = new BlobDir(path.join(tmp, 'tool', 'lading-blobs', '1.0.0', os.arch()));
    const old = new Date(Date.now() - 8 * 86_400_000);
    for (const f of await dir.list()) {
      await utimes(f.path, old, old);
      if (f.digest !== undefined) await utimes(dir.usedPath(f.digest), old, old).catch(() => undefined);
    }

    const other = await open('local'); // another job, still running
    const a = await open('local');
    const ra = await a.cache.finish(await simulate(a.cache, a.run, tag, used));
    await a.cache.close();
    expect(ra.pruned).toBeUndefined();
    expect(lines).toContain('info cache: not pruning the local cache: 1 other job is using it');
    expect((await dir.digests()).has(sha(unused))).toBe(true);
    await other.cache.close();

    const b = await open('local');
    const rb = await b.cache.finish(await simulate(b.cache, b.run, tag, used));
    await b.cache.close();
    expect(rb.pruned).toEqual({ blobs: 1, bytes: 200 });
    expect([...(await dir.digests())].sort()).toEqual([sha(tag), sha(used[0] as Buffer)].sort());
  });

  test('off, and local without a tool cache: blobs for this run only, one line why', async () => {
    const off = await open('off');
    expect(off.cache.active).toBe(false);
    expect((await off.cache.finish(await simulate(off.cache, off.run, Buffer.from('t'), [randomBytes(10)]))).hit).toBe('false');
    const none = await open('local', {});
    expect(none.cache.active).toBe(false);
    expect(lines).toContain('warning cache: local: RUNNER_TOOL_CACHE is not set, so there is no runner tool cache to keep blobs in; blobs are kept for this run only');
    const noService = await open('actions', {});
    expect(noService.cache.active).toBe(false);
    expect(await readdir(tmp)).not.toContain('lading-blobs');
  });
});
