/** Multi-part packages (split.ts): Zarf's part files, names, metadata and limits. */
import { describe, test, expect, beforeEach, afterEach } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LadingError } from '../../src/errors.js';
import { needsSplit, partName, splitPackage } from '../../src/package/split.js';

let tmp: string;
let staging: string;
let out: string;
beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lading-split-'));
  staging = path.join(tmp, 'staging');
  out = path.join(tmp, 'out');
  await mkdir(staging);
  await mkdir(out);
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Bytes that differ from part to part, so a part out of place shows. */
function content(size: number): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4) b.writeUInt32LE(i, i);
  return b;
}

describe('splitPackage', () => {
  test("parts of N x 1,000,000 bytes, the last shorter; part000 is Zarf's compact JSON; the whole file is gone", async () => {
    const data = content(2_500_004);
    const src = path.join(staging, 'pkg.tar.zst');
    await writeFile(src, data);
    const dest = path.join(out, 'pkg.tar.zst');
    const r = await splitPackage(src, dest, 1);
    expect(r.files).toEqual([0, 1, 2, 3].map((i) => partName(dest, i)));
    expect(await readdir(out)).toEqual(['pkg.tar.zst.part000', 'pkg.tar.zst.part001', 'pkg.tar.zst.part002', 'pkg.tar.zst.part003']);
    expect(await readdir(staging)).toEqual([]);
    const parts = await Promise.all(r.files.slice(1).map((f) => readFile(f)));
    expect(parts.map((p) => p.length)).toEqual([1_000_000, 1_000_000, 500_004]);
    expect(Buffer.concat(parts).equals(data)).toBe(true);
    // Go's json.Marshal of SplitFileMetadata: field order Sha256Sum, Bytes, Count; Count leaves out part000.
    expect(await readFile(partName(dest, 0), 'utf8')).toBe(`{"Sha256Sum":"${sha(data)}","Bytes":2500004,"Count":3}`);
    expect(r).toMatchObject({ count: 3, size: 2_500_004, sha256: sha(data), partSize: 1_000_000 });
    for (const f of r.files) expect((await stat(f)).mode & 0o777).toBe(0o644);
  });

  test('a size that is a multiple of the part size has no empty last part', async () => {
    const src = path.join(staging, 'p.tar');
    await writeFile(src, content(2_000_000));
    const r = await splitPackage(src, path.join(out, 'p.tar'), 1);
    expect(r.count).toBe(2);
    expect(await readdir(out)).toEqual(['p.tar.part000', 'p.tar.part001', 'p.tar.part002']);
    expect(JSON.parse(await readFile(path.join(out, 'p.tar.part000'), 'utf8'))).toEqual({ Sha256Sum: r.sha256, Bytes: 2_000_000, Count: 2 });
  });

  test('only a file larger than the limit is split; 0 never splits', () => {
    expect(needsSplit(1_000_000, 1)).toBe(false);
    expect(needsSplit(1_000_001, 1)).toBe(true);
    expect(needsSplit(10 ** 12, 0)).toBe(false);
  });

  test('an unsplit file and the parts of an earlier split under the same name are replaced', async () => {
    const dest = path.join(out, 'pkg.tar.zst');
    await writeFile(dest, 'old whole file');
    await writeFile(partName(dest, 7), 'old part');
    await writeFile(path.join(out, 'other.tar.zst.part001'), 'not ours');
    const src = path.join(staging, 'pkg.tar.zst');
    await writeFile(src, content(1_500_000));
    await splitPackage(src, dest, 1);
    expect(await readdir(out)).toEqual(['other.tar.zst.part001', 'pkg.tar.zst.part000', 'pkg.tar.zst.part001', 'pkg.tar.zst.part002']);
  });

  test("over 999 parts is refused with Zarf's message before anything is written", async () => {
    const src = path.join(staging, 'big.tar.zst');
    await writeFile(src, '');
    await truncate(src, 999_000_001); // sparse: 1,000 parts of 1 MB
    const e = await splitPackage(src, path.join(out, 'big.tar.zst'), 1).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LadingError);
    expect((e as LadingError).message).toMatch(/^unable to split the package archive into multiple files: must be less than 1,000 files/);
    expect((e as LadingError).hint).toMatch(/at least 2 \(MB\)/);
    expect(await readdir(out)).toEqual([]);
    expect(await readdir(staging)).toEqual(['big.tar.zst']);
  });

  test('a failure leaves no part anywhere', async () => {
    const src = path.join(staging, 'pkg.tar.zst');
    await writeFile(src, content(2_100_000));
    // The output folder is gone when the parts are moved in.
    await expect(splitPackage(src, path.join(tmp, 'missing', 'pkg.tar.zst'), 1)).rejects.toThrow();
    expect(await readdir(staging)).toEqual(['pkg.tar.zst']);
    // Cancelled while writing parts.
    const aborted = AbortSignal.abort(new Error('cancelled'));
    await expect(splitPackage(src, path.join(out, 'pkg.tar.zst'), 1, aborted)).rejects.toThrow();
    expect(await readdir(staging)).toEqual(['pkg.tar.zst']);
    expect(await readdir(out)).toEqual([]);
  });
});
