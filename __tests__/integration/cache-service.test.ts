/**
 * The cache-service double answers what the real client libraries send: @actions/cache 6.x round-trips
 * a folder through it (twirp + one-shot upload + plain download), and the Azure SDK's block upload
 * (stage blocks, commit the list) lands byte for byte.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { BlockBlobClient } from '@azure/storage-blob';
import * as cache from '@actions/cache';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cleanupFixtures, makeTempDir, startCacheService, type CacheServiceFixture } from './setup/index.js';

let svc: CacheServiceFixture;
const saved: Record<string, string | undefined> = {};
const ENV = ['ACTIONS_CACHE_SERVICE_V2', 'ACTIONS_RESULTS_URL', 'ACTIONS_RUNTIME_TOKEN', 'GITHUB_WORKSPACE', 'RUNNER_TEMP', 'GITHUB_SERVER_URL'];

beforeAll(async () => {
  svc = await startCacheService();
  for (const k of ENV) saved[k] = process.env[k];
});
afterAll(async () => {
  for (const k of ENV) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await svc?.stop();
  await cleanupFixtures();
});

/** Quiet the library's ::debug:: and progress lines while it runs in this process. */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await fn();
  } finally {
    process.stdout.write = write;
  }
}

async function post(method: string, body: unknown, token = svc.token): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${svc.url}twirp/github.actions.results.api.v1.CacheService/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body)
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('the cache-service double', () => {
  test('@actions/cache saves and restores a folder outside the workspace; lookups follow the service rules', async () => {
    const root = makeTempDir('cache-svc');
    const ws = path.join(root, 'work', 'repo', 'repo');
    const temp = path.join(root, 'work', '_temp');
    const dir = path.join(temp, 'stuff');
    fs.mkdirSync(ws, { recursive: true });
    fs.mkdirSync(path.join(dir, 'sub'), { recursive: true });
    const a = crypto.randomBytes(200_000);
    fs.writeFileSync(path.join(dir, 'sub', 'a.bin'), a);
    Object.assign(process.env, svc.env, { GITHUB_WORKSPACE: ws, RUNNER_TEMP: temp, GITHUB_SERVER_URL: 'https://github.com' });
    const cwd = process.cwd();
    process.chdir(ws);
    try {
      expect(cache.isFeatureAvailable()).toBe(true);
      const id = await quietly(() => cache.saveCache([dir], 'k-one-1'));
      expect(id).toBeGreaterThan(0);
      // The same key again: 409 already_exists, which the library turns into -1.
      expect(await quietly(() => cache.saveCache([dir], 'k-one-1'))).toBe(-1);
      expect(svc.calls('CreateCacheEntry').map((c) => c.status)).toEqual([200, 409]);
      expect(svc.storage().filter((s) => s.method === 'PUT')).toEqual([expect.objectContaining({ comp: '', status: 201 })]);

      fs.rmSync(dir, { recursive: true });
      // A prefix of the key restores the newest entry with that prefix.
      fs.writeFileSync(path.join(temp, 'other'), 'x');
      const hit = await quietly(() => cache.restoreCache([dir], 'k-one-', []));
      expect(hit).toBe('k-one-1');
      expect(fs.readFileSync(path.join(dir, 'sub', 'a.bin'))).toEqual(a);
      // Another path list is another version: a miss.
      expect(await quietly(() => cache.restoreCache([path.join(temp, 'other')], 'k-one-1', []))).toBeUndefined();
      // Restore keys: exact, then prefix, newest first.
      fs.writeFileSync(path.join(dir, 'sub', 'b.bin'), 'second');
      expect(await quietly(() => cache.saveCache([dir], 'k-one-2'))).toBeGreaterThan(0);
      expect(await quietly(() => cache.restoreCache([dir], 'nope', ['k-two', 'k-one-']))).toBe('k-one-2');
      expect(await quietly(() => cache.restoreCache([dir], 'nope', ['k-one-1']))).toBe('k-one-1');
      expect(svc.entries().map((e) => e.key)).toEqual(['k-one-2', 'k-one-1']);
    } finally {
      process.chdir(cwd);
    }
  }, 60_000);

  test('twirp errors: a wrong token is 401, a missing key 400, an unknown method 404; a miss is ok:false', async () => {
    expect((await post('GetCacheEntryDownloadURL', { key: 'x', version: 'v' }, 'wrong')).status).toBe(401);
    expect((await post('CreateCacheEntry', { version: 'v' })).json).toMatchObject({ code: 'invalid_argument' });
    expect((await post('Nope', {})).json).toMatchObject({ code: 'bad_route' });
    expect(await post('GetCacheEntryDownloadURL', { key: 'never', version: 'v' })).toEqual({ status: 200, json: { ok: false, signed_download_url: '', matched_key: '' } });
    expect((await post('FinalizeCacheEntryUpload', { key: 'never', version: 'v', size_bytes: '1' })).json).toMatchObject({ code: 'not_found' });
  });

  test('the Azure SDK block upload (stage blocks, commit the list in order) stores the exact bytes', async () => {
    const created = await post('CreateCacheEntry', { key: 'blocks-1', version: 'v1' });
    expect(created.status).toBe(200);
    const url = created.json.signed_upload_url as string;
    expect(new URL(url).pathname.split('/').length).toBe(4); // /<account>/<container>/<blob>
    const data = crypto.randomBytes(3 * 1024 * 1024 + 123);
    const client = new BlockBlobClient(url);
    await client.uploadData(data, { maxSingleShotSize: 1024 * 1024, blockSize: 512 * 1024, concurrency: 4 });
    const puts = svc.storage().filter((s) => s.method === 'PUT' && s.path.endsWith(new URL(url).pathname.split('/').pop() as string));
    expect(puts.filter((p) => p.comp === 'block').length).toBe(7);
    expect(puts.at(-1)).toMatchObject({ comp: 'blocklist', status: 201 });
    const fin = await post('FinalizeCacheEntryUpload', { key: 'blocks-1', version: 'v1', size_bytes: String(data.length) });
    expect(fin.json).toMatchObject({ ok: true });
    const dl = await post('GetCacheEntryDownloadURL', { key: 'blocks-1', version: 'v1' });
    const res = await fetch(dl.json.signed_download_url as string);
    expect(res.headers.get('content-length')).toBe(String(data.length));
    expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true);
    // The SAS is checked.
    const bad = new URL(dl.json.signed_download_url as string);
    bad.searchParams.set('sig', 'forged');
    expect((await fetch(bad)).status).toBe(403);
  }, 60_000);
});
