/**
 * A blob the restore hashed on its way into the cache folder is linked into the run's store and
 * taken without being read again (BlobStore.sharesVerified via BlobDir.adopt); a blob altered on
 * disk since (same size, other bytes) is not trusted: it is hashed, found corrupt and removed.
 * hashFile is wrapped to count the files read.
 */
import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Digest, DigestAlgorithm } from '../../../src/oci/digest.js';

const hashed: string[] = [];
const real = await import('../../../src/oci/hash-file.js');
jest.unstable_mockModule('../../../src/oci/hash-file.js', () => ({
  hashFile: async (file: string, algorithm?: DigestAlgorithm) => {
    hashed.push(file);
    return real.hashFile(file, algorithm);
  }
}));
const { BlobDir } = await import('../../../src/cache/blobdir.js');
const { BlobStore } = await import('../../../src/oci/blobstore.js');

const sha = (b: Uint8Array): Digest => `sha256:${createHash('sha256').update(b).digest('hex')}`;
let tmp: string;
beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lading-adopt-restored-'));
  hashed.length = 0;
});
afterEach(async () => rm(tmp, { recursive: true, force: true }));

/** The cache folder with one blob ingested into it by this process (as the streaming restore does). */
async function restored(bytes: Buffer): Promise<{ cache: InstanceType<typeof BlobDir>; run: InstanceType<typeof BlobStore>; d: Digest }> {
  const cache = new BlobDir(path.join(tmp, 'cache'));
  await cache.init();
  const d = sha(bytes);
  await cache.store.ingest({ digest: d, size: bytes.length }, async (w) => {
    for (let i = 0; i < bytes.length; i += 4096) await w.write(bytes.subarray(i, i + 4096));
  });
  const run = new BlobStore(path.join(tmp, 'run'));
  await run.init();
  return { cache, run, d };
}

describe('adopting a blob the restore verified', () => {
  test('linked into the run, it is a hit without being read again, and the run knows it verified', async () => {
    const bytes = randomBytes(300_000);
    const { cache, run, d } = await restored(bytes);
    expect(await cache.adopt(d, bytes.length, run, false)).toBe('hit');
    expect(hashed).toEqual([]);
    expect((await stat(run.path(d))).ino).toBe((await stat(cache.store.path(d))).ino);
    expect(run.verifiedIdentity(d)).toEqual(cache.store.verifiedIdentity(d));
    expect((await readFile(run.path(d))).equals(bytes)).toBe(true);
  });

  test('altered on disk after it was ingested (same size, other bytes), it is hashed and reported corrupt', async () => {
    const bytes = randomBytes(300_000);
    const { cache, run, d } = await restored(bytes);
    const fh = await open(cache.store.path(d), 'r+');
    await fh.write(Buffer.from([(bytes[1000] as number) ^ 0xff]), 0, 1, 1000);
    await fh.close();
    expect((await stat(cache.store.path(d))).size).toBe(bytes.length);
    expect(await cache.adopt(d, bytes.length, run, false)).toBe('corrupt');
    expect(hashed).toEqual([run.path(d)]);
    expect(await run.has(d)).toBe(false);
    expect(await cache.store.has(d)).toBe(false);
  });

  test('a blob another process put in the cache folder (not verified here) is hashed before it is a hit', async () => {
    const bytes = randomBytes(50_000);
    const { run, d } = await restored(bytes);
    const elsewhere = new BlobDir(path.join(tmp, 'cache'));
    expect(await elsewhere.adopt(d, bytes.length, run, false)).toBe('hit');
    expect(hashed).toEqual([run.path(d)]);
  });

  test('the size the caller expects must be the size that was verified', async () => {
    const bytes = randomBytes(50_000);
    const { cache, run, d } = await restored(bytes);
    await cache.store.copyTo(run, d);
    expect(await run.sharesVerified(cache.store, d, bytes.length + 1)).toBe(false);
    expect(await run.sharesVerified(cache.store, d, bytes.length)).toBe(true);
  });
});
