/**
 * How the package tar is written: bytes intact through the reused read and output buffers (files of
 * several buffers' length, plain and zstd, the zstd fallback giving the same bytes), and a blob
 * hashed once when it was pulled: not hashed again while it is the same file, caught when it was
 * altered on disk after it was pulled.
 */
import { describe, test, expect, beforeAll, afterAll } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BlobStore } from '../../src/oci/blobstore.js';
import type { Digest } from '../../src/oci/digest.js';
import { LadingError } from '../../src/errors.js';
import { writeReproducibleTar } from '../../src/package/tarball.js';

let tmp: string;
const sha256 = (b: Uint8Array): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lading-tar-write-'));
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Unpacks `tarFile` (zstd when it ends in .zst) with GNU tar into a new folder. */
function unpack(tarFile: string): string {
  const dir = path.join(tmp, `x-${randomBytes(4).toString('hex')}`);
  execFileSync('sh', ['-c', 'mkdir -p "$2" && if [ "${1%.zst}" != "$1" ]; then zstd -q -d -c "$1"; else cat "$1"; fi | tar -xf - -C "$2"', 'sh', tarFile, dir]);
  return dir;
}

describe('file bodies through reused buffers', () => {
  // 3.5 MiB and 2 MiB + 1: more than the read buffers in turn (3 x 1 MiB) and the zstd output
  // buffers (2 x 1 MiB), so every buffer is reused while earlier bytes are still on their way.
  const big = randomBytes(3.5 * 1024 * 1024);
  const odd = Buffer.concat([Buffer.alloc(1024 * 1024, 'a'), randomBytes(1024 * 1024 + 1)]);

  test.each(['none', 'zstd'] as const)('%s: every byte of several large files and small ones arrives in order', async (compression) => {
    const a = path.join(tmp, `big-${compression}`);
    const b = path.join(tmp, `odd-${compression}`);
    await writeFile(a, big);
    await writeFile(b, odd);
    const dest = path.join(tmp, `bodies-${compression}.tar${compression === 'zstd' ? '.zst' : ''}`);
    const written = await writeReproducibleTar(
      [
        { path: 'd/big', type: 'file', source: a, verifyDigest: sha256(big), size: big.length },
        { path: 'd/small', type: 'file', content: Buffer.from('small\n') },
        { path: 'e/odd', type: 'file', source: b, verifyDigest: sha256(odd) }
      ],
      dest,
      { compression }
    );
    const file = await readFile(dest);
    expect(written).toEqual({ size: file.length, sha256: sha256(file).slice('sha256:'.length) });
    const x = unpack(dest);
    expect((await readFile(path.join(x, 'd/big'))).equals(big)).toBe(true);
    expect((await readFile(path.join(x, 'e/odd'))).equals(odd)).toBe(true);
    expect(await readFile(path.join(x, 'd/small'), 'utf8')).toBe('small\n');
  });

  test("the zstd stream's public API (the fallback) writes the same bytes", async () => {
    const a = path.join(tmp, 'big-fallback');
    await writeFile(a, big);
    const entries = [
      { path: 'big', type: 'file' as const, source: a },
      { path: 'small', type: 'file' as const, content: Buffer.from('small\n') }
    ];
    const reused = path.join(tmp, 'reused.tar.zst');
    const fallback = path.join(tmp, 'fallback.tar.zst');
    await writeReproducibleTar(entries, reused, { compression: 'zstd' });
    await writeReproducibleTar(entries, fallback, { compression: 'zstd', publicZstdOnly: true });
    expect((await readFile(fallback)).equals(await readFile(reused))).toBe(true);
    expect((await readFile(path.join(unpack(fallback), 'big'))).equals(big)).toBe(true);
  });
});

describe('a blob hashed when it was pulled', () => {
  async function pulled(name: string, bytes: Buffer): Promise<{ store: BlobStore; digest: Digest }> {
    const store = new BlobStore(path.join(tmp, name));
    await store.init();
    const digest = await store.writeBytes(bytes);
    return { store, digest };
  }

  async function pack(store: BlobStore, digest: Digest, dest: string): Promise<unknown> {
    const verifiedAs = store.verifiedIdentity(digest);
    return writeReproducibleTar(
      [{ path: 'blob', type: 'file', source: store.path(digest), verifyDigest: digest, size: 2 * 1024 * 1024, ...(verifiedAs !== undefined ? { verifiedAs } : {}) }],
      dest,
      { compression: 'zstd', hashOutput: false }
    ).catch((e: unknown) => e);
  }

  test('is not hashed again while it is the same file (a wrong digest would otherwise fail)', async () => {
    const bytes = randomBytes(2 * 1024 * 1024);
    const { store, digest } = await pulled('same', bytes);
    const verifiedAs = store.verifiedIdentity(digest);
    expect(verifiedAs).toBeDefined();
    const dest = path.join(tmp, 'same.tar.zst');
    // The identity vouches for the bytes: the entry's digest is not recomputed.
    const wrong = `sha256:${'0'.repeat(64)}`;
    await writeReproducibleTar([{ path: 'blob', type: 'file', source: store.path(digest), verifyDigest: wrong, ...(verifiedAs !== undefined ? { verifiedAs } : {}) }], dest, {
      compression: 'zstd'
    });
    expect((await readFile(path.join(unpack(dest), 'blob'))).equals(bytes)).toBe(true);
  });

  test('altered in place on disk right after it was pulled (same size, same file) is caught before it ships', async () => {
    const bytes = randomBytes(2 * 1024 * 1024);
    const { store, digest } = await pulled('altered', bytes);
    // One byte changed in the middle, at once (within the clock's resolution of the download).
    const fh = await open(store.path(digest), 'r+');
    await fh.write(Buffer.from([bytes[1234567]! ^ 0xff]), 0, 1, 1234567);
    await fh.close();
    const out = path.join(tmp, 'out-altered');
    await mkdir(out);
    const err = await pack(store, digest, path.join(out, 'p.tar.zst'));
    expect(err).toBeInstanceOf(LadingError);
    expect((err as LadingError).message).toContain(`blob ${digest} does not match its digest`);
    expect(await readdir(out)).toEqual([]);
  });

  test('verified from a cache: remembered only when its file is old enough to show a later write', async () => {
    const bytes = randomBytes(1024 * 1024);
    const { store, digest } = await pulled('cached', bytes);
    const p = store.path(digest);
    // A file written just now (its time may be shared with a write to come): not remembered.
    await writeFile(p, bytes);
    expect(await store.verify(digest)).toBe(true);
    expect(store.verifiedIdentity(digest)).toBeUndefined();
    // Restored from a cache with an old time: remembered, and a later write is still caught.
    const old = new Date(Date.now() - 3600_000);
    await utimes(p, old, old);
    expect(await store.verify(digest)).toBe(true);
    expect(store.verifiedIdentity(digest)).toBeDefined();
    const fh = await open(p, 'r+');
    await fh.write(Buffer.from('X'), 0, 1, 0);
    await fh.close();
    const err = await writeReproducibleTar(
      [{ path: 'blob', type: 'file', source: p, verifyDigest: digest, verifiedAs: store.verifiedIdentity(digest)! }],
      path.join(tmp, 'cached.tar'),
      {}
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LadingError);
    expect((err as LadingError).message).toContain('does not match its digest');
  });
});

describe('a blob followed while its ingest writes it', () => {
  test('every byte already in the file, then the ingest fails its check: the write fails and nothing is left at the destination', async () => {
    const store = new BlobStore(path.join(tmp, 'growing-store'));
    await store.init();
    const bytes = randomBytes(300_000);
    const digest = sha256(bytes) as Digest;
    const dest = path.join(tmp, 'growing.tar.zst');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    // All the bytes reach the temp file; the ingest then fails as a size or digest check would.
    const ingest = store.ingest({ digest, size: bytes.length }, async (w) => {
      await w.write(bytes);
      await held;
      throw new Error('blob content does not match its digest');
    });
    ingest.catch(() => undefined);
    while (store.growing(digest)?.flushed !== bytes.length) await new Promise((r) => setTimeout(r, 5));
    const writing = writeReproducibleTar([{ path: 'blob', type: 'file', source: store.path(digest), size: bytes.length, verifyDigest: digest, follow: () => store.growing(digest) }], dest, { compression: 'zstd' });
    writing.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
    release();
    await expect(writing).rejects.toThrow('blob content does not match its digest');
    expect((await readdir(tmp)).filter((n) => n.startsWith('growing.tar.zst') || n.startsWith('.growing.tar.zst'))).toEqual([]);
  });
});
