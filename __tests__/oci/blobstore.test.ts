import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { BlobStore } from '../../src/oci/blobstore.js';
import type { Digest } from '../../src/oci/digest.js';

const sha = (b: Uint8Array): Digest => `sha256:${createHash('sha256').update(b).digest('hex')}`;
let dir: string;
let store: BlobStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lading-store-'));
  store = new BlobStore(dir);
  await store.init();
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

async function visible(): Promise<string[]> {
  return readdir(path.join(dir, 'blobs', 'sha256'));
}

describe('BlobStore', () => {
  test('stores a streamed blob under the hash of its bytes', async () => {
    const data = randomBytes(300_000);
    const d = sha(data);
    const r = await store.ingest({ digest: d, size: data.length }, async (w) => {
      for (let i = 0; i < data.length; i += 65536) await w.write(data.subarray(i, i + 65536));
    });
    expect(r.fetched).toBe(true);
    expect(await readFile(store.path(d))).toEqual(data);
    expect(await visible()).toEqual([d.slice(7)]);
  });

  test('bytes that do not match the digest never become visible', async () => {
    const data = randomBytes(1000);
    const wrong = sha(Buffer.from('something else'));
    await expect(store.ingest({ digest: wrong, size: 1000 }, async (w) => w.write(data))).rejects.toThrow(/does not match its digest/);
    expect(await visible()).toEqual([]);
  });

  test('a size different from the descriptor is rejected, nothing left behind', async () => {
    const data = randomBytes(1000);
    await expect(store.ingest({ digest: sha(data), size: 999 }, async (w) => w.write(data))).rejects.toThrow(/larger than the 999 bytes/);
    await expect(store.ingest({ digest: sha(data), size: 2000 }, async (w) => w.write(data))).rejects.toThrow(/is 1000 bytes, but its descriptor declares 2000/);
    expect(await visible()).toEqual([]);
  });

  test('ingestFile moves a whole file in after hashing it itself; a file whose bytes do not match is refused and nothing is named', async () => {
    const data = randomBytes(200_000);
    const d = sha(data);
    const file = path.join(dir, 'download');
    await writeFile(file, data);
    const inode = (await stat(file)).ino;
    await store.ingestFile(file, { digest: d, size: data.length });
    expect(await readFile(store.path(d))).toEqual(data);
    expect((await stat(store.path(d))).ino).toBe(inode);
    await expect(stat(file)).rejects.toThrow(/ENOENT/);

    const other = randomBytes(1000);
    await writeFile(file, other);
    await expect(store.ingestFile(file, { digest: sha(Buffer.from('claimed')) })).rejects.toThrow(/does not match its digest/);
    await writeFile(file, other);
    await expect(store.ingestFile(file, { digest: sha(other), size: 999 })).rejects.toThrow(/is 1000 bytes, but 999 were expected/);
    expect(await visible()).toEqual([d.slice(7)]);
  });

  test('ingestFile with the hash the downloader computed in flight: named when it matches, refused when it does not', async () => {
    const data = randomBytes(5000);
    const d = sha(data);
    const file = path.join(dir, 'hashed-download');
    await writeFile(file, data);
    await store.ingestFile(file, { digest: d, size: data.length }, { digest: d, size: data.length });
    expect(await readFile(store.path(d))).toEqual(data);

    const other = randomBytes(3000);
    await writeFile(file, other);
    await expect(store.ingestFile(file, { digest: sha(Buffer.from('claimed')), size: other.length }, { digest: sha(other), size: other.length })).rejects.toThrow(/does not match its digest/);
    await writeFile(file, other);
    await expect(store.ingestFile(file, { digest: sha(other), size: 2999 }, { digest: sha(other), size: other.length })).rejects.toThrow(/is 3000 bytes, but 2999 were expected/);
    expect(await visible()).toEqual([d.slice(7)]);
  });

  test('a producer that fails mid-way leaves no partial file', async () => {
    const data = randomBytes(1000);
    await expect(
      store.ingest({ digest: sha(data) }, async (w) => {
        await w.write(data.subarray(0, 10));
        throw new Error('connection reset');
      })
    ).rejects.toThrow('connection reset');
    expect(await visible()).toEqual([]);
  });

  test('concurrent ingests of one digest share one transfer', async () => {
    const data = randomBytes(5000);
    let calls = 0;
    const producer = async (w: { write(c: Uint8Array): Promise<void> | undefined }): Promise<void> => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
      await w.write(data);
    };
    const results = await Promise.all([1, 2, 3].map(() => store.ingest({ digest: sha(data), size: data.length }, producer)));
    expect(calls).toBe(1);
    expect(results.filter((r) => r.fetched)).toHaveLength(1);
  });

  test('a writer can resume: the hash continues over what was written', async () => {
    const data = randomBytes(4000);
    let attempt = 0;
    await store.ingest({ digest: sha(data), size: data.length }, async (w) => {
      attempt++;
      await w.write(data.subarray(0, 1500));
      expect(w.written).toBe(1500);
      await w.write(data.subarray(w.written));
    });
    expect(attempt).toBe(1);
    expect(await store.verify(sha(data), data.length)).toBe(true);
  });

  test('verify removes a corrupt blob; readBytes refuses it', async () => {
    const data = Buffer.from('{"a":1}');
    const d = await store.writeBytes(data);
    expect(await store.verify(d)).toBe(true);
    await import('node:fs/promises').then((fs) => fs.writeFile(store.path(d), 'tampered'));
    await expect(store.readBytes(d)).rejects.toThrow(/does not match its digest/);
    expect(await store.has(d)).toBe(false);
  });

  test('copyTo hard-links within one filesystem', async () => {
    const d = await store.writeBytes(Buffer.from('layer'));
    const other = new BlobStore(path.join(dir, 'pkg'));
    expect(await store.copyTo(other, d)).toBe('link');
    expect((await stat(other.path(d))).ino).toBe((await stat(store.path(d))).ino);
    expect(await store.copyTo(other, d)).toBe('present');
  });

  test('bytes held in memory: stored once under their hash, checked against the expected digest, their checked state recorded', async () => {
    const data = Buffer.from('{"schemaVersion":2}');
    const d = sha(data);
    await expect(store.writeBytes(data, sha(Buffer.from('other')))).rejects.toThrow(/does not match its digest/);
    expect(await visible()).toEqual([]);
    // Concurrent writes of the same bytes (two images sharing a config) leave one file and no temp file.
    const got = await Promise.all([1, 2, 3].map(() => store.writeBytes(data, d)));
    expect(got).toEqual([d, d, d]);
    expect(await visible()).toEqual([d.slice(7)]);
    expect(await readFile(store.path(d))).toEqual(data);
    // The package writer trusts this identity instead of hashing the file again: it must be the file's.
    const s = await stat(store.path(d), { bigint: true });
    expect(store.verifiedIdentity(d)).toEqual({ dev: s.dev, ino: s.ino, size: s.size, mtimeNs: s.mtimeNs });
  });

  test('a blob folder removed after the store made it is made again, for bytes, streams and whole files', async () => {
    await store.writeBytes(Buffer.from('first'));
    await rm(path.join(dir, 'blobs'), { recursive: true, force: true });
    const second = Buffer.from('second');
    expect(await store.writeBytes(second)).toBe(sha(second));
    await rm(path.join(dir, 'blobs'), { recursive: true, force: true });
    const third = randomBytes(3000);
    await store.ingest({ digest: sha(third), size: third.length }, async (w) => w.write(third));
    expect(await readFile(store.path(sha(third)))).toEqual(third);
    await rm(path.join(dir, 'blobs'), { recursive: true, force: true });
    const fourth = randomBytes(2000);
    const file = path.join(dir, 'download');
    await writeFile(file, fourth);
    await store.ingestFile(file, { digest: sha(fourth), size: fourth.length });
    expect(await readFile(store.path(sha(fourth)))).toEqual(fourth);
  });

  describe('small blobs in memory (a check\'s store)', () => {
    const limits = { maxBlob: 4096, maxTotal: 10_000 };
    const feed = (data: Uint8Array) => async (w: { write(c: Uint8Array): unknown }): Promise<void> => {
      for (let i = 0; i < data.length; i += 1000) await w.write(data.subarray(i, i + 1000));
    };

    test('a small blob streamed or written is held in memory: no file, the same bytes, present, its path refused', async () => {
      const mem = new BlobStore(dir, { smallInMemory: limits });
      const config = randomBytes(3000);
      expect((await mem.ingest({ digest: sha(config), size: config.length }, feed(config))).fetched).toBe(true);
      const manifest = Buffer.from('{"schemaVersion":2}');
      expect(await mem.writeBytes(manifest, sha(manifest))).toBe(sha(manifest));
      expect(await visible()).toEqual([]);
      expect(await mem.readBytes(sha(config))).toEqual(config);
      expect(await mem.readBytes(sha(manifest))).toEqual(manifest);
      expect(await mem.has(sha(config), config.length)).toBe(true);
      expect(await mem.has(sha(config), config.length + 1)).toBe(false);
      expect(await mem.verify(sha(manifest))).toBe(true);
      expect(await mem.size(sha(config))).toBe(3000);
      // Taken once: a second ingest of the same digest does not ask its producer again.
      expect((await mem.ingest({ digest: sha(config), size: config.length }, async () => { throw new Error('asked twice'); })).fetched).toBe(false);
      expect(() => mem.path(sha(config))).toThrow(/held in memory/);
    });

    test('bytes that do not match, or overrun their size, are refused and not held', async () => {
      const mem = new BlobStore(dir, { smallInMemory: limits });
      const data = randomBytes(3000);
      const wrong = sha(Buffer.from('other'));
      await expect(mem.ingest({ digest: wrong, size: 3000 }, feed(data))).rejects.toThrow(/does not match its digest/);
      await expect(mem.ingest({ digest: sha(data), size: 2999 }, feed(data))).rejects.toThrow(/larger than the 2999 bytes/);
      await expect(mem.ingest({ digest: sha(data), size: 3001 }, feed(data))).rejects.toThrow(/is 3000 bytes, but its descriptor declares 3001/);
      await expect(mem.writeBytes(data, wrong)).rejects.toThrow(/does not match its digest/);
      expect(await mem.has(wrong)).toBe(false);
      expect(await mem.has(sha(data))).toBe(false);
      expect(await visible()).toEqual([]);
    });

    test('a blob over the size for memory, or past the total, goes to a file as usual', async () => {
      const mem = new BlobStore(dir, { smallInMemory: limits });
      const big = randomBytes(5000);
      await mem.ingest({ digest: sha(big), size: big.length }, feed(big));
      expect(await readFile(mem.path(sha(big)))).toEqual(big);
      const held = [randomBytes(4000), randomBytes(4000)];
      for (const b of held) await mem.ingest({ digest: sha(b), size: b.length }, feed(b));
      // 8,000 bytes held: the next 4,000 would pass the 10,000 in all.
      const third = randomBytes(4000);
      await mem.writeBytes(third, sha(third));
      expect(await readFile(mem.path(sha(third)))).toEqual(third);
      expect((await visible()).sort()).toEqual([sha(big).slice(7), sha(third).slice(7)].sort());
      for (const b of held) expect(await mem.readBytes(sha(b))).toEqual(b);
    });

    test('ingests under way together stay within the total; a refused one gives its room back', async () => {
      const mem = new BlobStore(dir, { smallInMemory: limits });
      const bad = randomBytes(4000);
      await expect(mem.ingest({ digest: sha(Buffer.from('x')), size: 4000 }, feed(bad))).rejects.toThrow(/does not match/);
      const blobs = [randomBytes(4000), randomBytes(4000), randomBytes(4000)];
      await Promise.all(blobs.map((b) => mem.ingest({ digest: sha(b), size: b.length }, feed(b))));
      // Two fit in 10,000 bytes, the third went to a file, whichever finished first.
      expect(await visible()).toHaveLength(1);
      for (const b of blobs) expect(await mem.readBytes(sha(b))).toEqual(b);
    });
  });

  test('digests are validated before a path is built', () => {
    expect(() => store.path('sha256:../../etc/passwd' as Digest)).toThrow(/invalid digest/);
  });
});
