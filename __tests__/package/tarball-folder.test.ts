/**
 * Component tars and documentation.tar as Zarf writes them (tarball.ts `folder`, go-tar-header.ts):
 * Go archive/tar header bytes, 0700 folders named without "/", filepath.Walk order, modes as given.
 * Read back with GNU tar (an independent reader) and at the byte offsets of the USTAR format.
 */
import { describe, test, expect, beforeAll, afterAll } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeReproducibleTar } from '../../src/package/tarball.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lading-folder-tar-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const field = (block: Buffer, off: number, len: number): string => block.subarray(off, off + len).toString('latin1');
const listing = (file: string): string[] =>
  execFileSync('tar', ['--numeric-owner', '-tvf', file], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => {
      const p = l.split(/\s+/);
      return `${p[0]} ${p[1]} ${p[2]} ${p[3]} ${p.slice(5).join(' ')}`;
    });

/** The header blocks of a tar with only small entries, with the offset of each. */
function headers(tar: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let off = 0;
  while (off + 512 <= tar.length) {
    const b = tar.subarray(off, off + 512);
    if (b.every((x) => x === 0)) break;
    out.push(b);
    const size = parseInt(field(b, 124, 11), 8);
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

describe('a folder tar (a component tar)', () => {
  test("Go's USTAR bytes: zero-padded octal fields ending in NUL, checksum then NUL and space, no owner, mtime 0", async () => {
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\n';
    const dest = path.join(tmp, 'demo.tar');
    const r = await writeReproducibleTar(
      [
        { path: 'demo', type: 'directory' },
        { path: 'demo/manifests/cm-0.yaml', type: 'file', content: Buffer.from(manifest), mode: 0o644 }
      ],
      dest,
      { folder: true }
    );
    const tar = await readFile(dest);
    expect(r.sha256).toBe(createHash('sha256').update(tar).digest('hex'));
    // Three headers, one data block, the two zero blocks of Go's Writer.Close: nothing more.
    expect(tar.length).toBe(6 * 512);
    expect(tar.subarray(4 * 512).every((x) => x === 0)).toBe(true);
    const [root, dir, file] = headers(tar) as [Buffer, Buffer, Buffer];
    expect(field(root, 0, 5)).toBe('demo\0');
    expect(field(dir, 0, 15)).toBe('demo/manifests\0');
    expect(field(file, 0, 25)).toBe('demo/manifests/cm-0.yaml\0');
    for (const [b, mode, type, size] of [
      [root, '0000700\0', '5', 0],
      [dir, '0000700\0', '5', 0],
      [file, '0000644\0', '0', manifest.length]
    ] as const) {
      expect(field(b, 100, 8)).toBe(mode);
      expect(field(b, 108, 8)).toBe('0000000\0'); // uid
      expect(field(b, 116, 8)).toBe('0000000\0'); // gid
      expect(field(b, 124, 12)).toBe(`${size.toString(8).padStart(11, '0')}\0`);
      expect(field(b, 136, 12)).toBe('00000000000\0'); // mtime
      expect(field(b, 156, 1)).toBe(type);
      expect(field(b, 257, 8)).toBe('ustar\u000000');
      expect(b.subarray(265, 329).every((x) => x === 0)).toBe(true); // uname, gname
      expect(field(b, 329, 16)).toBe('0000000\u00000000000\0'); // devmajor, devminor
      // The checksum: the bytes' sum with the field as spaces, 6 octal digits, NUL, space.
      const sum = [...b].reduce((a, x, i) => a + (i >= 148 && i < 156 ? 0x20 : x), 0);
      expect(field(b, 148, 8)).toBe(`${sum.toString(8).padStart(6, '0')}\0 `);
    }
    expect(listing(dest)).toEqual([
      'drwx------ 0/0 0 1970-01-01 demo',
      'drwx------ 0/0 0 1970-01-01 demo/manifests',
      `-rw-r--r-- 0/0 ${manifest.length} 1970-01-01 demo/manifests/cm-0.yaml`
    ]);
  });

  test('filepath.Walk order: a folder is followed by its content before a name sorting between them', async () => {
    const dest = path.join(tmp, 'order.tar');
    const f = (p: string): { path: string; type: 'file'; content: Buffer } => ({ path: p, type: 'file', content: Buffer.from(p) });
    await writeReproducibleTar([f('c/conf.d'), f('c/conf/x'), f('c/conf-2'), f('c/a')], dest, { folder: true });
    expect(listing(dest).map((l) => l.split(' ').pop())).toEqual(['c', 'c/a', 'c/conf', 'c/conf/x', 'c/conf-2', 'c/conf.d']);
  });

  test('modes are the entries\u2019 own: a kept source mode, 0600, 0700, a folder given 0750, a symbolic link', async () => {
    const src = path.join(tmp, 'kept.txt');
    await writeFile(src, 'kept\n');
    const dest = path.join(tmp, 'modes.tar');
    await writeReproducibleTar(
      [
        { path: 'x/files/0/tool', type: 'file', content: Buffer.from('#!/bin/sh\n'), mode: 0o700 },
        { path: 'x/files/1/conf', type: 'directory', mode: 0o750 },
        { path: 'x/files/1/conf/kept.txt', type: 'file', source: src, mode: 0o640 },
        { path: 'x/files/2/plain', type: 'file', content: Buffer.from('p'), mode: 0o600 },
        { path: 'x/files/3/link', type: 'symlink', target: '../0/tool' }
      ],
      dest,
      { folder: true }
    );
    expect(listing(dest).map((l) => `${l.split(' ')[0]} ${l.split(' ').pop()}`)).toEqual([
      'drwx------ x',
      'drwx------ x/files',
      'drwx------ x/files/0',
      '-rwx------ x/files/0/tool',
      'drwx------ x/files/1',
      'drwxr-x--- x/files/1/conf',
      '-rw-r----- x/files/1/conf/kept.txt',
      'drwx------ x/files/2',
      '-rw------- x/files/2/plain',
      'drwx------ x/files/3',
      // A link as Go's FileInfoHeader gives it: 0777, type 2, its target in the linkname field.
      'lrwxrwxrwx ../0/tool'
    ]);
    const link = headers(await readFile(dest)).find((b) => field(b, 0, 15) === 'x/files/3/link\0') as Buffer;
    expect([field(link, 100, 8), field(link, 156, 1), field(link, 157, 10)]).toEqual(['0000777\0', '2', '../0/tool\0']);
  });

  test("a name over 100 bytes is split as Go splits it (the longest prefix that fits); a non-ASCII name gets Go's PAX header", async () => {
    const long = `comp/repos/${'r'.repeat(60)}/${'d'.repeat(50)}/${'f'.repeat(40)}.txt`;
    const utf = 'comp/files/0/caf\u00e9.txt';
    const dest = path.join(tmp, 'names.tar');
    await writeReproducibleTar(
      [
        { path: long, type: 'file', content: Buffer.from('long'), mode: 0o644 },
        { path: utf, type: 'file', content: Buffer.from('utf'), mode: 0o644 }
      ],
      dest,
      { folder: true }
    );
    const hs = headers(await readFile(dest));
    const longHeader = hs.find((b) => field(b, 0, 40) === `${'f'.repeat(40)}`) as Buffer;
    expect(longHeader).toBeDefined();
    // Go: the prefix holds everything up to the last "/" within 156 bytes.
    expect(field(longHeader, 345, 155).replace(/\0+$/, '')).toBe(long.slice(0, long.lastIndexOf('/')));
    const pax = hs.find((b) => field(b, 156, 1) === 'x') as Buffer;
    expect(field(pax, 0, 100).replace(/\0+$/, '')).toBe('comp/files/0/PaxHeaders.0/caf.txt');
    expect(field(pax, 100, 8)).toBe('0000000\0');
    // GNU tar reads both names back.
    expect(listing(dest).map((l) => l.split(' ').pop())).toEqual(expect.arrayContaining([long, utf]));
  });
});
