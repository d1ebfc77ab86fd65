/**
 * lookupEntry against the cache-service double (the twirp protocol @actions/cache 6 speaks): an entry
 * saved under a key and version is found with its signed URL (which reads the saved bytes), a miss is
 * undefined, a refused token fails at once, and a transient 5xx is retried.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { restorePool } from '../../../src/cache/restore/http.js';
import { CACHE_SERVICE, CacheServiceError, lookupEntry, type LookupRequest } from '../../../src/cache/restore/service-v2.js';
import { startCacheService, type CacheServiceFixture } from '../../integration/setup/cache-service.js';

const VERSION = 'a'.repeat(64);
const DATA = randomBytes(3000);
const LOOKUP = 'GetCacheEntryDownloadURL';

let svc: CacheServiceFixture;
let pool: ReturnType<typeof restorePool>;

async function twirp(method: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${svc.url}twirp/${CACHE_SERVICE}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${svc.token}` },
    body: JSON.stringify(body)
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

/** Saves an entry as @actions/cache does: reserve, upload to the signed URL, finalize. */
async function save(key: string, data: Buffer, version = VERSION): Promise<void> {
  const { signed_upload_url: url } = await twirp('CreateCacheEntry', { key, version });
  const put = await fetch(String(url), { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob' }, body: data });
  expect(put.status).toBe(201);
  await twirp('FinalizeCacheEntryUpload', { key, version, size_bytes: String(data.length) });
}

function lookup(req: Partial<LookupRequest>, env: NodeJS.ProcessEnv = svc.env): ReturnType<typeof lookupEntry> {
  return lookupEntry(env, { key: 'lading-none', restoreKeys: [], version: VERSION, ...req }, { pool, userAgent: 'lading-test', retryDelayMs: 5 });
}

beforeAll(async () => {
  svc = await startCacheService();
  pool = restorePool();
  await save('lading-blobs-linux-abc', DATA);
  await save('lading-blobs-linux-other-version', randomBytes(10), 'b'.repeat(64));
});
afterAll(async () => {
  await pool?.close();
  await svc?.stop();
});
beforeEach(() => {
  svc.fault(undefined);
  svc.clearLog();
});

describe('lookupEntry', () => {
  test('an entry saved under the key and version is found: its key and a URL that reads its bytes', async () => {
    const found = await lookup({ key: 'lading-blobs-linux-abc', restoreKeys: ['lading-blobs-'] });
    expect(found?.matchedKey).toBe('lading-blobs-linux-abc');
    const res = await fetch(String(found?.url));
    expect(Buffer.from(await res.arrayBuffer()).equals(DATA)).toBe(true);
    const [call] = svc.calls(LOOKUP);
    expect(call?.request).toEqual({ key: 'lading-blobs-linux-abc', restore_keys: ['lading-blobs-'], version: VERSION });
  });

  test('a restore key matches by prefix when the primary key does not', async () => {
    const found = await lookup({ key: 'lading-blobs-linux-new', restoreKeys: ['nothing-', 'lading-blobs-linux-'] });
    expect(found?.matchedKey).toBe('lading-blobs-linux-abc');
  });

  test('no entry for the keys, or none of this version, is undefined', async () => {
    expect(await lookup({ key: 'other-key', restoreKeys: ['other-'] })).toBeUndefined();
    expect(await lookup({ key: 'lading-blobs-linux-other-version' })).toBeUndefined();
    expect(await lookup({ key: 'lading-blobs-linux-abc', version: 'c'.repeat(64) })).toBeUndefined();
  });

  test('a wrong token is a CacheServiceError with the status, asked once', async () => {
    const err = await lookup({ key: 'lading-blobs-linux-abc' }, { ...svc.env, ACTIONS_RUNTIME_TOKEN: 'not-the-token' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CacheServiceError);
    expect((err as CacheServiceError).status).toBe(401);
    expect((err as Error).message).toMatch(/401: invalid or missing runtime token/);
    expect((err as Error).message).not.toMatch(/not-the-token/);
    expect(svc.calls(LOOKUP)).toHaveLength(1);
  });

  test('a 5xx answered once is retried, and the lookup then succeeds', async () => {
    svc.fault({ status: 503, code: 'unavailable', msg: 'try again', methods: [LOOKUP], times: 1 });
    const found = await lookup({ key: 'lading-blobs-linux-abc' });
    expect(found?.matchedKey).toBe('lading-blobs-linux-abc');
    expect(svc.calls(LOOKUP).map((c) => c.status)).toEqual([503, 200]);
  });

  test('a 5xx that persists fails after five attempts in all', async () => {
    svc.fault({ status: 500, code: 'internal', msg: 'broken', methods: [LOOKUP] });
    const err = await lookup({ key: 'lading-blobs-linux-abc' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CacheServiceError);
    expect((err as CacheServiceError).status).toBe(500);
    expect(svc.calls(LOOKUP)).toHaveLength(5);
  });

  test('429 (rate limited) is not retried', async () => {
    svc.fault({ status: 429, code: 'resource_exhausted', msg: 'slow down', methods: [LOOKUP], times: 1 });
    const err = await lookup({ key: 'lading-blobs-linux-abc' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CacheServiceError);
    expect((err as CacheServiceError).status).toBe(429);
    expect(svc.calls(LOOKUP)).toHaveLength(1);
  });
});
