/**
 * extractBlobs on archives made as @actions/cache makes them (GNU tar `--posix -P -C <workspace>` of
 * the cache folder, relative to the workspace, through `zstd`, or gzip when there is no zstd), unpacked
 * on another "runner" (a fresh folder with the same layout): the blobs land in the store verified, a
 * blob whose bytes do not match its name is left out and reported, nothing else the archive holds is
 * written anywhere, a truncated archive leaves no partial file behind, and a large entry is unpacked
 * without piling up its chunks' memory (src/oci/fresh-memory.ts).
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { extractBlobs, type ExtractResult } from '../../../src/cache/restore/extract-blobs.js';
import type { CompressionMethod } from '../../../src/cache/restore/entry-version.js';
import { BlobStore, type BlobWriter } from '../../../src/oci/blobstore.js';
import type { Digest } from '../../../src/oci/digest.js';

const sha = (b: Uint8Array): Digest => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const hexOf = (d: Digest): string => d.slice('sha256:'.length);
/** The cache folder, relative to the workspace: `<runner>/work/repo` -> `<runner>/temp/lading-blobs`. */
const CACHE_REL = '../../temp/lading-blobs';

let tmp: string;
beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lading-extract-'));
});
afterEach(async () => rm(tmp, { recursive: true, force: true }));

interface Runner {
  workspace: string;
  /** The cache folder (the store's root). */
  cache: string;
}

async function runner(name: string): Promise<Runner> {
  const workspace = path.join(tmp, name, 'work', 'repo');
  await mkdir(workspace, { recursive: true });
  return { workspace, cache: path.resolve(workspace, CACHE_REL) };
}

/** Writes blobs into the saving runner's cache folder under their names (or the name given). */
async function putBlob(r: Runner, bytes: Buffer, name?: string): Promise<Digest> {
  const d = sha(bytes);
  const dir = path.join(r.cache, 'blobs', 'sha256');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, name ?? hexOf(d)), bytes);
  return d;
}

/** The archive @actions/cache writes: tar of the given workspace-relative paths, zstd or gzip. */
function archive(r: Runner, method: CompressionMethod, members: string[] = [CACHE_REL]): string {
  const out = path.join(tmp, `entry-${randomBytes(4).toString('hex')}.${method === 'gzip' ? 'tgz' : 'tzst'}`);
  if (method === 'gzip') {
    execFileSync('tar', ['--posix', '-z', '-cf', out, '-P', '-C', r.workspace, ...members]);
  } else {
    const tar = execFileSync('tar', ['--posix', '-cf', '-', '-P', '-C', r.workspace, ...members], { maxBuffer: 1 << 28 });
    execFileSync('zstd', ['-T0', '-q', '-f', '-o', out], { input: tar });
  }
  return out;
}

async function extract(file: string | Buffer, method: CompressionMethod, to: Runner, store = new BlobStore(to.cache)): Promise<{ result: ExtractResult; seen: Map<Digest, number>; store: BlobStore }> {
  const seen = new Map<Digest, number>();
  const source: AsyncIterable<Buffer> = typeof file === 'string' ? createReadStream(file, { highWaterMark: 64 << 10 }) : Readable.from([file]);
  const result = await extractBlobs(source, {
    method,
    workspace: to.workspace,
    store,
    onBlob: (d, size) => {
      expect(seen.has(d)).toBe(false);
      seen.set(d, size);
    }
  });
  return { result, seen, store };
}

/** Every file (and symlink) below `dir`, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isDirectory()) out.push(path.relative(dir, path.join(e.parentPath, e.name)));
  }
  return out.sort();
}

describe.each<CompressionMethod>(['zstd-without-long', 'gzip'])('extractBlobs (%s)', (method) => {
  test('the blobs of the cache folder land in a fresh store on another runner, verified, each reported once', async () => {
    const saver = await runner('saver');
    const blobs = [randomBytes(3 << 20), randomBytes(70_000), Buffer.from('{"small":"manifest"}'), Buffer.alloc(0)];
    const digests = await Promise.all(blobs.map((b) => putBlob(saver, b)));
    const file = archive(saver, method);

    const to = await runner('restorer');
    const { result, seen, store } = await extract(file, method, to);
    expect(result.corrupt).toEqual([]);
    expect(result.blobs).toBe(blobs.length);
    expect(result.bytes).toBe(blobs.reduce((n, b) => n + b.length, 0));
    expect(new Map([...seen].sort())).toEqual(new Map(digests.map((d, i) => [d, (blobs[i] as Buffer).length] as const).sort()));
    for (const [i, d] of digests.entries()) {
      expect((await readFile(store.path(d))).equals(blobs[i] as Buffer)).toBe(true);
      // Hashed on the way in: the store knows the file holds the checked bytes.
      expect(store.verifiedIdentity(d)).toBeDefined();
    }
    expect(await filesUnder(path.join(tmp, 'restorer'))).toEqual(digests.map((d) => path.join('temp', 'lading-blobs', 'blobs', 'sha256', hexOf(d))).sort());
  });

  test('a large entry is unpacked holding a few MiB of chunks at a time, not the pile a collection would find', async () => {
    // Made outside this process (a 96 MiB Buffer here would itself be garbage counted below).
    const saver = await runner('saver');
    const dir = path.join(saver.cache, 'blobs', 'sha256');
    await mkdir(dir, { recursive: true });
    const made = path.join(dir, 'made');
    execFileSync('sh', ['-c', `head -c ${96 << 20} /dev/urandom > "${made}"`]);
    const hex = execFileSync('sha256sum', [made], { encoding: 'utf8' }).split(' ')[0] as string;
    await rename(made, path.join(dir, hex));
    const out = path.join(tmp, `large.${method === 'gzip' ? 'tgz' : 'tzst'}`);
    const compress = method === 'gzip' ? 'gzip -1' : 'zstd -T0 -q';
    execFileSync('sh', ['-c', `tar --posix -cf - -P -C "${saver.workspace}" ${CACHE_REL} | ${compress} > "${out}"`]);
    const to = await runner('restorer');
    const store = new BlobStore(to.cache);
    const before = process.memoryUsage().arrayBuffers;
    let peak = before;
    // The entry's bytes as the ranged download hands them on: 64 KiB at a time, each fresh.
    const source = async function* (): AsyncGenerator<Buffer> {
      for await (const c of createReadStream(out, { highWaterMark: 64 << 10 })) {
        peak = Math.max(peak, process.memoryUsage().arrayBuffers);
        yield c as Buffer;
      }
    };
    const result = await extractBlobs(source(), { method, workspace: to.workspace, store });
    expect(result).toMatchObject({ blobs: 1, bytes: 96 << 20, corrupt: [] });
    expect(await store.verify(`sha256:${hex}`, 96 << 20)).toBe(true);
    // Measured 4-18 MiB; without collections paced by the bytes 41-70 MiB pile up before V8 frees them.
    expect((peak - before) / 1048576).toBeLessThan(32);
  }, 60_000);

  test('a member whose bytes do not match its name is reported corrupt and not stored; the others are', async () => {
    const saver = await runner('saver');
    const good = randomBytes(50_000);
    const dGood = await putBlob(saver, good);
    const claimed = sha(Buffer.from('what the name promises'));
    await putBlob(saver, Buffer.from('other bytes entirely!!'), hexOf(claimed));
    const longer = sha(Buffer.from('short'));
    await putBlob(saver, Buffer.from('short, but with more bytes than its name'), hexOf(longer));
    const file = archive(saver, method);

    const to = await runner('restorer');
    const { result, seen, store } = await extract(file, method, to);
    expect([...result.corrupt].sort()).toEqual([claimed, longer].sort());
    expect(await store.has(claimed)).toBe(false);
    expect(await store.has(longer)).toBe(false);
    expect([...seen.keys()]).toEqual([dGood]);
    expect((await readFile(store.path(dGood))).equals(good)).toBe(true);
    expect(await filesUnder(to.cache)).toEqual([path.join('blobs', 'sha256', hexOf(dGood))]);
  });

  test('members that are not blobs of the cache folder are passed over: nothing is written outside the store, nor in it', async () => {
    const saver = await runner('saver');
    const blob = randomBytes(10_000);
    const d = await putBlob(saver, blob);
    const temp = path.join(saver.cache, '..');
    // A blob-named file in another folder, a file next to the cache folder, a stray name and a temp
    // file inside it, a symlink named like a blob, an OCI layout file.
    const elsewhere = randomBytes(1000);
    await mkdir(path.join(temp, 'elsewhere', 'blobs', 'sha256'), { recursive: true });
    await writeFile(path.join(temp, 'elsewhere', 'blobs', 'sha256', hexOf(sha(elsewhere))), elsewhere);
    await writeFile(path.join(temp, 'next-to-it.txt'), 'not in the cache folder');
    await writeFile(path.join(saver.cache, 'blobs', 'sha256', 'not-a-hash'), 'stray');
    await writeFile(path.join(saver.cache, 'blobs', 'sha256', `.tmp-${hexOf(d).slice(0, 16)}-1-abc`), 'partial');
    await writeFile(path.join(saver.cache, 'index.json'), '{}');
    const target = Buffer.from('a link target');
    await writeFile(path.join(tmp, 'target'), target);
    await symlink(path.join(tmp, 'target'), path.join(saver.cache, 'blobs', 'sha256', hexOf(sha(target))));
    const file = archive(saver, method, [CACHE_REL, '../../temp/elsewhere', '../../temp/next-to-it.txt']);

    const to = await runner('restorer');
    const { result, seen } = await extract(file, method, to);
    expect(result.corrupt).toEqual([]);
    expect(result.blobs).toBe(1);
    expect(result.ignored).toBe(6);
    expect([...seen.keys()]).toEqual([d]);
    expect(await filesUnder(path.join(tmp, 'restorer'))).toEqual([path.join('temp', 'lading-blobs', 'blobs', 'sha256', hexOf(d))]);
  });

  test('a truncated archive rejects and leaves no file under a blob name it did not finish, nor a temp file', async () => {
    const saver = await runner('saver');
    const big = randomBytes(4 << 20);
    const dBig = await putBlob(saver, big);
    const bytes = await readFile(archive(saver, method));
    const to = await runner('restorer');
    await expect(extract(bytes.subarray(0, Math.floor(bytes.length / 2)), method, to)).rejects.toThrow();
    expect(await new BlobStore(to.cache).has(dBig)).toBe(false);
    // Checked as soon as the promise settles: a caller may save or prune the folder right after.
    const left = await readdir(path.join(to.cache, 'blobs', 'sha256')).catch(() => []);
    expect(left).toEqual([]);
  });

  test('a blob this process is already writing into the store (another ingest of it) does not stall the unpack', async () => {
    const saver = await runner('saver');
    const blob = randomBytes(20_000);
    const other = randomBytes(5_000);
    const d = await putBlob(saver, blob);
    const dOther = await putBlob(saver, other);
    const file = archive(saver, method);
    const to = await runner('restorer');
    const store = new BlobStore(to.cache);
    // A pull of the same blob into the same store, still under way when the archive reaches it.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const pull = async (w: BlobWriter): Promise<void> => {
      await held;
      await w.write(blob);
    };
    const pulling = store.ingest({ digest: d, size: blob.length }, pull);
    // The pull finishes once the unpack has asked the store for the same blob.
    const ingest = store.ingest.bind(store);
    store.ingest = (expected, producer) => {
      const p = ingest(expected, producer);
      if (expected.digest === d && producer !== pull) release();
      return p;
    };
    const unpacking = extract(file, method, to, store);
    const [{ result, seen }] = await Promise.all([unpacking, pulling]);
    expect(result.blobs).toBe(2);
    expect(new Set(seen.keys())).toEqual(new Set([d, dOther]));
    expect((await readFile(store.path(d))).equals(blob)).toBe(true);
    expect((await readFile(store.path(dOther))).equals(other)).toBe(true);
  }, 10_000);

  test('a blob already present is kept as it is (not written again) and still reported', async () => {
    const saver = await runner('saver');
    const blob = randomBytes(20_000);
    const d = await putBlob(saver, blob);
    const file = archive(saver, method);
    const to = await runner('restorer');
    const store = new BlobStore(to.cache);
    await store.writeBytes(blob);
    const before = await stat(store.path(d), { bigint: true });
    const { result, seen } = await extract(file, method, to, store);
    const after = await stat(store.path(d), { bigint: true });
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeNs).toBe(before.mtimeNs);
    expect(result.blobs).toBe(1);
    expect([...seen.keys()]).toEqual([d]);
    expect(await filesUnder(to.cache)).toEqual([path.join('blobs', 'sha256', hexOf(d))]);
  });
});

test('a zstd entry of several frames (as pzstd writes it, skippable frames first) is unpacked whole', async () => {
  const saver = await runner('saver');
  const blobs = [randomBytes(5 << 20), randomBytes(70_000), Buffer.from('{"small":"manifest"}')];
  const digests = await Promise.all(blobs.map((b) => putBlob(saver, b)));
  const tar = execFileSync('tar', ['--posix', '-cf', '-', '-P', '-C', saver.workspace, CACHE_REL], { maxBuffer: 1 << 28 });
  const entry = execFileSync('pzstd', ['-q', '-p', '2', '-c'], { input: tar, maxBuffer: 1 << 28 });
  const to = await runner('restorer');
  const { result, store } = await extract(entry, 'zstd-without-long', to);
  expect(result.blobs).toBe(blobs.length);
  for (const [i, d] of digests.entries()) expect((await readFile(store.path(d))).equals(blobs[i] as Buffer)).toBe(true);
});
