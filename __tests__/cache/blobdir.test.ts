import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BlobDir } from '../../src/cache/blobdir.js';
import { BlobStore } from '../../src/oci/blobstore.js';
import type { Digest } from '../../src/oci/digest.js';

const sha = (b: Uint8Array): Digest => `sha256:${createHash('sha256').update(b).digest('hex')}`;
let tmp: string;
let cache: BlobDir;

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lading-blobdir-'));
  cache = new BlobDir(path.join(tmp, 'cache'));
  await cache.init();
});
afterEach(async () => rm(tmp, { recursive: true, force: true }));

async function runStore(name: string): Promise<BlobStore> {
  const s = new BlobStore(path.join(tmp, name));
  await s.init();
  return s;
}

async function put(bytes: Buffer): Promise<Digest> {
  return cache.store.writeBytes(bytes);
}

describe('BlobDir.adopt', () => {
  test('a cached blob is hard-linked into the run store and verified', async () => {
    const bytes = randomBytes(10_000);
    const d = await put(bytes);
    const run = await runStore('run');
    expect(await cache.adopt(d, bytes.length, run, false)).toBe('hit');
    expect(await readFile(run.path(d))).toEqual(bytes);
    expect((await stat(run.path(d))).ino).toBe((await stat(cache.store.path(d))).ino);
  });

  test('a blob that is not cached is a miss', async () => {
    const run = await runStore('run');
    expect(await cache.adopt(sha(Buffer.from('nope')), 4, run, false)).toBe('miss');
  });

  test('a corrupt or truncated blob is removed from the cache and from the run store', async () => {
    const run = await runStore('run');
    const a = randomBytes(5000);
    const da = await put(a);
    const flipped = Buffer.from(a);
    flipped[100] = (flipped[100] as number) ^ 1;
    await rm(cache.store.path(da));
    await writeFile(cache.store.path(da), flipped);
    expect(await cache.adopt(da, a.length, run, false)).toBe('corrupt');
    expect(await run.has(da)).toBe(false);
    expect(await cache.store.has(da)).toBe(false);

    const b = randomBytes(5000);
    const db = await put(b);
    await truncate(cache.store.path(db), 10);
    expect(await cache.adopt(db, b.length, run, false)).toBe('corrupt');
    expect(await cache.store.has(db)).toBe(false);
  });

  test('touch refreshes the last-used time in a marker, never the blob itself', async () => {
    const bytes = randomBytes(100);
    const d = await put(bytes);
    const old = new Date(Date.now() - 10 * 86_400_000);
    await utimes(cache.store.path(d), old, old);
    expect(await cache.adopt(d, bytes.length, await runStore('run'), true)).toBe('hit');
    expect(Date.now() - (await stat(cache.usedPath(d))).mtimeMs).toBeLessThan(60_000);
    expect((await stat(cache.store.path(d))).mtimeMs).toBe(old.getTime());
  });

  test('another job using the same cached blob (adopting and touching it) does not change the file this run hashed', async () => {
    const bytes = randomBytes(4000);
    const d = await put(bytes);
    const old = new Date(Date.now() - 10 * 86_400_000);
    await utimes(cache.store.path(d), old, old);
    const mine = await runStore('mine');
    expect(await cache.adopt(d, bytes.length, mine, true)).toBe('hit');
    const hashed = mine.verifiedIdentity(d);
    expect(hashed).toBeDefined();
    // The other job: its own BlobDir on the same folder.
    const other = new BlobDir(cache.root);
    expect(await other.adopt(d, bytes.length, await runStore('theirs'), true)).toBe('hit');
    await other.touch(d);
    const now = await stat(mine.path(d), { bigint: true });
    expect({ ino: now.ino, size: now.size, mtimeNs: now.mtimeNs }).toEqual({ ino: hashed?.ino, size: hashed?.size, mtimeNs: hashed?.mtimeNs });
  });

  test('a hit, touched or not, is remembered by the run as hashed (the package writer does not hash it again)', async () => {
    const bytes = randomBytes(100);
    const d = await put(bytes);
    const old = new Date(Date.now() - 10 * 86_400_000);
    await utimes(cache.store.path(d), old, old);
    const kept = await runStore('kept');
    expect(await cache.adopt(d, bytes.length, kept, false)).toBe('hit');
    expect(kept.verifiedIdentity(d)).toBeDefined();
    const touched = await runStore('touched');
    expect(await cache.adopt(d, bytes.length, touched, true)).toBe('hit');
    expect(touched.verifiedIdentity(d)).toBeDefined();
  });

  test('a linked blob stays readable by the run whatever is pruned from the cache', async () => {
    const bytes = randomBytes(2000);
    const d = await put(bytes);
    const run = await runStore('run');
    expect(await cache.adopt(d, bytes.length, run, false)).toBe('hit');
    await cache.prune({ keep: new Set(), tempOlderThanMs: 0, now: Date.now() });
    expect(await cache.store.has(d)).toBe(false);
    expect(await run.verify(d, bytes.length)).toBe(true);
  });
});

describe('BlobDir.publish and concurrency', () => {
  test('publishing replaces a file under the name that is not the run\'s verified blob', async () => {
    const bytes = randomBytes(4000);
    const d = sha(bytes);
    await writeFile(path.join(cache.root, 'blobs', 'sha256', d.slice(7)), bytes.subarray(0, 100)); // truncated, never verified
    const run = await runStore('run');
    await run.writeBytes(bytes, d);
    expect(await cache.publish(d, run)).toBe('link');
    expect(await readFile(cache.store.path(d))).toEqual(bytes);
    expect(await cache.publish(d, run)).toBe('present');
    expect((await readdir(path.join(cache.root, 'blobs', 'sha256'))).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  });

  test('many runs adopting and publishing the same blobs at once leave a consistent cache', async () => {
    const blobs = Array.from({ length: 12 }, () => randomBytes(20_000 + Math.floor(Math.random() * 20_000)));
    const runs = await Promise.all([1, 2, 3, 4].map((i) => runStore(`run${i}`)));
    // Each run writes its own copies, then publishes them into the cache (racing the others), while
    // others adopt what is already there.
    await Promise.all(
      runs.map(async (run, i) => {
        const dir = new BlobDir(cache.root);
        for (const [j, b] of blobs.entries()) {
          const d = sha(b);
          if ((i + j) % 2 === 0 && (await dir.adopt(d, b.length, run, true)) === 'hit') continue;
          await run.writeBytes(b, d);
          await dir.publish(d, run);
        }
      })
    );
    const names = await readdir(path.join(cache.root, 'blobs', 'sha256'));
    expect(names.sort()).toEqual(blobs.map((b) => sha(b).slice(7)).sort());
    for (const n of names) expect(sha(await readFile(path.join(cache.root, 'blobs', 'sha256', n))).slice(7)).toBe(n);
  });
});

describe('BlobDir.prune', () => {
  test('keep: everything else goes, temp files too', async () => {
    const a = await put(randomBytes(100));
    const b = await put(randomBytes(300));
    await writeFile(path.join(cache.root, 'blobs', 'sha256', '.tmp-abc-1-2'), 'partial');
    const r = await cache.prune({ keep: new Set([a]), tempOlderThanMs: 0, now: Date.now() });
    expect(r).toEqual({ blobs: 1, bytes: 300, temp: 1 });
    expect((await cache.digests()).has(a)).toBe(true);
    expect((await cache.digests()).has(b)).toBe(false);
  });

  test('by age: blobs not used for longer than the limit, temp files not written to for a while', async () => {
    const now = Date.now();
    const fresh = await put(randomBytes(10));
    const stale = await put(randomBytes(20));
    const days = (n: number): Date => new Date(now - n * 86_400_000);
    await utimes(cache.store.path(fresh), days(6), days(6));
    await utimes(cache.store.path(stale), days(8), days(8));
    const liveTmp = path.join(cache.root, 'blobs', 'sha256', '.tmp-live-1-2');
    const deadTmp = path.join(cache.root, 'blobs', 'sha256', '.tmp-dead-1-2');
    await writeFile(liveTmp, 'being written');
    await writeFile(deadTmp, 'left by a killed run');
    await utimes(deadTmp, new Date(now - 3_600_000), new Date(now - 3_600_000));
    const r = await cache.prune({ unusedForMs: 7 * 86_400_000, tempOlderThanMs: 30 * 60_000, now });
    expect(r).toEqual({ blobs: 1, bytes: 20, temp: 1 });
    const left = await readdir(path.join(cache.root, 'blobs', 'sha256'));
    expect(left.sort()).toEqual([fresh.slice(7), '.tmp-live-1-2'].sort());
  });

  test('by age: a blob whose marker says it was used lately stays, whatever its own time; a pruned blob takes its marker along', async () => {
    const now = Date.now();
    const days = (n: number): Date => new Date(now - n * 86_400_000);
    const used = await put(randomBytes(10));
    const unused = await put(randomBytes(20));
    for (const d of [used, unused]) {
      await cache.touch(d);
      await utimes(cache.store.path(d), days(30), days(30));
    }
    await utimes(cache.usedPath(unused), days(8), days(8));
    const r = await cache.prune({ unusedForMs: 7 * 86_400_000, tempOlderThanMs: 30 * 60_000, now });
    expect(r).toEqual({ blobs: 1, bytes: 20, temp: 0 });
    expect(await readdir(path.join(cache.root, 'blobs', 'sha256'))).toEqual([used.slice(7)]);
    expect(await readdir(path.join(cache.root, 'used', 'sha256'))).toEqual([used.slice(7)]);
  });
});
