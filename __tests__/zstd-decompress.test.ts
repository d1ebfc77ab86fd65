/**
 * zstd input of several frames is read whole (src/zstd-decompress.ts), as the zstd program and Zarf's
 * Go reader read it: files made by `pzstd` (its frames, and the skippable frames it writes before
 * them) and by `cat a.zst b.zst`, whether a frame ends inside a written chunk or at its end; windows
 * up to Zarf's reader's limit (512 MiB). Junk after
 * a frame and a truncated frame fail; a slow reader holds back a frame's output.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { zstdCompressSync } from 'node:zlib';
import { startsZstd, zstdDecompressFrames } from '../src/zstd-decompress.js';

let tmp: string;
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Mixed bytes: random stretches (stored blocks) and repeated text (compressed blocks). */
function sample(size: number): Buffer {
  const parts: Buffer[] = [];
  let n = 0;
  for (let i = 0; n < size; i++) {
    const p = i % 2 === 0 ? randomBytes(150_000) : Buffer.from(`line ${i} of a text that repeats\n`.repeat(5000));
    parts.push(p);
    n += p.length;
  }
  return Buffer.concat(parts).subarray(0, size);
}

/** `data` cut into chunks of `size` bytes, fed to the decompressor; all its output. */
async function decompress(data: Buffer, size: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) chunks.push(data.subarray(i, i + size));
  const out: Buffer[] = [];
  for await (const c of Readable.from(chunks).pipe(zstdDecompressFrames())) out.push(c as Buffer);
  return Buffer.concat(out);
}

const zstdProgram = (args: string[], input: Buffer): Buffer => execFileSync('zstd', args, { input, maxBuffer: 1 << 30 });

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lading-zstd-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('zstdDecompressFrames', () => {
  test('a file made by pzstd (several frames, skippable frames first) comes out whole, in any chunking', async () => {
    const plain = sample(24 << 20);
    fs.writeFileSync(path.join(tmp, 'p'), plain);
    execFileSync('pzstd', ['-q', '-p', '2', '-f', path.join(tmp, 'p'), '-o', path.join(tmp, 'p.zst')]);
    const file = fs.readFileSync(path.join(tmp, 'p.zst'));
    const listing = execFileSync('zstd', ['-lv', path.join(tmp, 'p.zst')], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    expect(Number(/Zstandard Frames: (\d+)/.exec(listing)?.[1])).toBeGreaterThan(1);
    for (const size of [1 << 20, 65_536, 1000, file.length]) {
      const out = await decompress(file, size);
      expect(out.length).toBe(plain.length);
      expect(sha(out)).toBe(sha(plain));
    }
  });

  test('concatenated frames: ending inside a chunk, at a chunk end, and an empty frame between', async () => {
    const a = sample(3 << 20);
    const b = Buffer.from('the second frame\n'.repeat(1000));
    const fa = zstdProgram(['-q', '-c'], a);
    const fb = zstdProgram(['-q', '-c'], b);
    const empty = zstdCompressSync(Buffer.alloc(0));
    const joined = Buffer.concat([fa, empty, fb, fa]);
    const want = sha(Buffer.concat([a, b, a]));
    // Whole, in small chunks, and cut exactly where the first frame ends.
    for (const size of [joined.length, 4096, fa.length]) expect(sha(await decompress(joined, size))).toBe(want);
  });

  test("a frame asking for a 512 MiB window (zstd --long=29) is read, as Zarf's reader reads it; 1 GiB is refused", async () => {
    const plain = sample(1 << 20);
    // From a pipe: the size is unknown, so the frame keeps the whole window zstd was given.
    const long29 = zstdProgram(['-q', '-c', '--long=29'], plain);
    expect(sha(await decompress(long29, 65_536))).toBe(sha(plain));
    await expect(decompress(zstdProgram(['-q', '-c', '--long=30'], plain), 65_536)).rejects.toThrow(/too much memory/);
  });

  test('bytes after a frame that are not a frame fail, as a truncated frame does', async () => {
    const f = zstdProgram(['-q', '-c'], sample(1 << 20));
    await expect(decompress(Buffer.concat([f, Buffer.from('not zstd at all')]), 1 << 20)).rejects.toThrow(/Unknown frame descriptor|not a zstd frame/);
    await expect(decompress(Buffer.concat([f, f.subarray(0, f.length - 10)]), 65_536)).rejects.toThrow(/unexpected end/);
  });

  test('a reader that stops reading holds back the output: 128 MiB of zeros are not all buffered', async () => {
    const zeros = zstdCompressSync(Buffer.alloc(64 << 20));
    expect(zeros.length).toBeLessThan(1 << 20);
    const stream = zstdDecompressFrames();
    // Two frames in one written chunk: the second starts inside it.
    Readable.from([Buffer.concat([zeros, zeros])]).pipe(stream);
    const reader = stream[Symbol.asyncIterator]();
    let total = ((await reader.next()).value as Buffer).length;
    // The reader stops; what is buffered stops growing (held back) or reaches the whole output.
    let buffered = -1;
    for (let i = 0; i < 100 && stream.readableLength !== buffered; i++) {
      buffered = stream.readableLength;
      await sleep(50);
    }
    expect(buffered).toBeLessThan(4 << 20);
    for (let r = await reader.next(); r.done !== true; r = await reader.next()) total += (r.value as Buffer).length;
    expect(total).toBe(128 << 20);
  });
});

test('startsZstd: a zstd frame or a skippable frame; not gzip, a tar or too few bytes', () => {
  expect(startsZstd(zstdCompressSync(Buffer.from('x')))).toBe(true);
  expect(startsZstd(Buffer.from([0x50, 0x2a, 0x4d, 0x18, 0, 0, 0, 0]))).toBe(true);
  expect(startsZstd(Buffer.from([0x5f, 0x2a, 0x4d, 0x18]))).toBe(true);
  expect(startsZstd(Buffer.from([0x60, 0x2a, 0x4d, 0x18]))).toBe(false);
  expect(startsZstd(Buffer.from([0x1f, 0x8b, 0x08, 0x00]))).toBe(false);
  expect(startsZstd(Buffer.from('pkg/bin/tool'))).toBe(false);
  expect(startsZstd(Buffer.from([0x28, 0xb5, 0x2f]))).toBe(false);
});
