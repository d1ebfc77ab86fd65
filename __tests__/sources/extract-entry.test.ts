/**
 * One entry out of an archive (extractPath): the format by the longest extension, as Zarf picks it;
 * tar (plain, gzip, zstd, brotli) and zip (stored, deflated, zip64) made by tar, zstd and python3's
 * zipfile; exact names only; folders, links, a damaged entry and the last of two same-named entries.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { archiveFormatOf, extractEntry, ExtractError, type ArchiveFormat } from '../../src/sources/extract-entry.js';

let tmp: string;
let n = 0;
const body = '#!/bin/sh\necho extracted\n';
const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
const out = (): string => path.join(tmp, `out-${n++}`);

const python = (script: string, ...args: string[]): void => {
  execFileSync('python3', ['-c', script, ...args]);
};

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lading-extract-'));
  const src = path.join(tmp, 'src');
  fs.mkdirSync(path.join(src, 'pkg', 'bin'), { recursive: true });
  fs.writeFileSync(path.join(src, 'pkg', 'bin', 'tool'), body, { mode: 0o755 });
  fs.symlinkSync('bin/tool', path.join(src, 'pkg', 'link'));
  execFileSync('tar', ['-cf', path.join(tmp, 'a.tar'), '-C', src, 'pkg']);
  execFileSync('tar', ['-czf', path.join(tmp, 'a.tar.gz'), '-C', src, 'pkg']);
  execFileSync('tar', ['-cjf', path.join(tmp, 'a.tar.bz2'), '-C', src, 'pkg']);
  execFileSync('tar', ['-cJf', path.join(tmp, 'a.txz'), '-C', src, 'pkg']);
  execFileSync('sh', ['-c', `tar -cf - -C '${src}' pkg | zstd -q -o '${path.join(tmp, 'a.tzst')}'`]);
  // pzstd writes a skippable frame before each zstd frame: node's own zstd stream read none of it.
  execFileSync('sh', ['-c', `tar -cf - -C '${src}' pkg | pzstd -q -p 2 -c > '${path.join(tmp, 'p.tar.zst')}'`]);
  fs.writeFileSync(path.join(tmp, 'a.tar.br'), brotliCompressSync(fs.readFileSync(path.join(tmp, 'a.tar'))));
  python(
    [
      'import sys, zipfile',
      'with zipfile.ZipFile(sys.argv[1], "w") as z:',
      '  z.writestr(zipfile.ZipInfo("pkg/"), b"")',
      '  z.writestr("pkg/stored", sys.argv[2], compress_type=zipfile.ZIP_STORED)',
      '  z.writestr("pkg/bin/tool", sys.argv[2], compress_type=zipfile.ZIP_DEFLATED)',
      '  z.writestr("pkg/empty", b"", compress_type=zipfile.ZIP_DEFLATED)',
      '  with z.open(zipfile.ZipInfo("pkg/big64"), "w", force_zip64=True) as f: f.write(sys.argv[2].encode())',
      '  l = zipfile.ZipInfo("pkg/link"); l.external_attr = 0o120777 << 16; z.writestr(l, "bin/tool")'
    ].join('\n'),
    path.join(tmp, 'a.zip'),
    body
  );
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('archiveFormatOf', () => {
  test("Zarf's extensions, the longest one winning; those Lading cannot read are named", () => {
    expect(archiveFormatOf('k9s_Linux_amd64.tar.gz')).toEqual({ format: 'tar.gz', extension: '.tar.gz' });
    expect(archiveFormatOf('x.tgz')?.format).toBe('tar.gz');
    expect(archiveFormatOf('x.tar')?.format).toBe('tar');
    expect(archiveFormatOf('x.tar.zst')?.format).toBe('tar.zst');
    expect(archiveFormatOf('x.tzst')?.format).toBe('tar.zst');
    expect(archiveFormatOf('x.zip')?.format).toBe('zip');
    expect(archiveFormatOf('x.tar.xz')?.format).toBe('tar.xz');
    expect(archiveFormatOf('x.tbz')?.format).toBe('tar.bz2');
    expect(archiveFormatOf('x.tar.lz4')).toEqual({ format: undefined, extension: '.tar.lz4' });
    expect(archiveFormatOf('x.tar.lz')).toEqual({ format: undefined, extension: '.tar.lz' });
    expect(archiveFormatOf('x.gz')).toBeUndefined();
    expect(archiveFormatOf('x.TAR.GZ')).toBeUndefined();
  });
});

describe('extractEntry', () => {
  test.each<[string, ArchiveFormat]>([
    ['a.tar', 'tar'],
    ['a.tar.gz', 'tar.gz'],
    ['a.tzst', 'tar.zst'],
    ['p.tar.zst', 'tar.zst'],
    ['a.tar.br', 'tar.br'],
    ['a.tar.bz2', 'tar.bz2'],
    ['a.txz', 'tar.xz'],
    ['a.zip', 'zip']
  ])('%s: the file named exactly pkg/bin/tool, its bytes and sha256', async (name, format) => {
    const dest = out();
    const r = await extractEntry(path.join(tmp, name), format, 'pkg/bin/tool', dest, 1 << 20);
    expect(r).toEqual({ type: 'file', size: Buffer.byteLength(body), sha256: sha(body) });
    expect(fs.readFileSync(dest, 'utf8')).toBe(body);
  });

  test('zip: stored, empty and zip64 entries', async () => {
    for (const name of ['pkg/stored', 'pkg/big64']) {
      const dest = out();
      expect(await extractEntry(path.join(tmp, 'a.zip'), 'zip', name, dest, 1 << 20)).toMatchObject({ type: 'file', sha256: sha(body) });
    }
    const dest = out();
    expect(await extractEntry(path.join(tmp, 'a.zip'), 'zip', 'pkg/empty', dest, 1 << 20)).toEqual({ type: 'file', size: 0, sha256: sha('') });
  });

  test('a name that is not exactly in the archive is not found, with the stored name as a hint', async () => {
    for (const [name, format] of [['a.tar.gz', 'tar.gz'], ['a.zip', 'zip']] as const) {
      const e = await extractEntry(path.join(tmp, name), format, './pkg/bin/tool', out(), 1 << 20).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ExtractError);
      expect((e as ExtractError).message).toBe('file "./pkg/bin/tool" not found in archive');
      expect((e as ExtractError).hint).toContain('"pkg/bin/tool"');
    }
    const e = await extractEntry(path.join(tmp, 'a.tar'), 'tar', 'nothing', out(), 1 << 20).catch((x: unknown) => x);
    expect((e as ExtractError).message).toBe('file "nothing" not found in archive');
  });

  test('a folder entry is reported; a link entry is refused', async () => {
    expect(await extractEntry(path.join(tmp, 'a.tar'), 'tar', 'pkg/bin/', out(), 1 << 20)).toEqual({ type: 'directory' });
    expect(await extractEntry(path.join(tmp, 'a.zip'), 'zip', 'pkg/', out(), 1 << 20)).toEqual({ type: 'directory' });
    for (const [name, format] of [['a.tar', 'tar'], ['a.zip', 'zip']] as const) {
      await expect(extractEntry(path.join(tmp, name), format, 'pkg/link', out(), 1 << 20)).rejects.toThrow('"pkg/link" is a link in the archive, not a file');
    }
  });

  test('of two entries with the same name, the last one is what Zarf leaves', async () => {
    const two = path.join(tmp, 'two');
    fs.mkdirSync(path.join(two, 'first'), { recursive: true });
    fs.mkdirSync(path.join(two, 'second'), { recursive: true });
    fs.writeFileSync(path.join(two, 'first', 'f'), 'first\n');
    fs.writeFileSync(path.join(two, 'second', 'f'), 'second, longer\n');
    const tarFile = path.join(tmp, 'two.tar');
    execFileSync('tar', ['-cf', tarFile, '-C', path.join(two, 'first'), 'f']);
    execFileSync('tar', ['-rf', tarFile, '-C', path.join(two, 'second'), 'f']);
    const dest = out();
    await extractEntry(tarFile, 'tar', 'f', dest, 1 << 20);
    expect(fs.readFileSync(dest, 'utf8')).toBe('second, longer\n');
  });

  test('bzip2 and xz need their program: without it on PATH, one line naming it', async () => {
    const e = await extractEntry(path.join(tmp, 'a.txz'), 'tar.xz', 'pkg/bin/tool', out(), 1 << 20, { PATH: fs.mkdtempSync(path.join(tmp, 'empty-bin-')) }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ExtractError);
    expect((e as ExtractError).message).toBe('xz is not on PATH: it is needed to read this archive');
    fs.writeFileSync(path.join(tmp, 'bad.tar.bz2'), 'not bzip2');
    await expect(extractEntry(path.join(tmp, 'bad.tar.bz2'), 'tar.bz2', 'x', out(), 1 << 20)).rejects.toThrow(/^it is not a readable tar\.bz2 archive \(bzip2 -dc failed/);
  });

  test('a damaged zip entry, a file that is not the archive its name says, an entry over the limit', async () => {
    const zip = fs.readFileSync(path.join(tmp, 'a.zip'));
    const at = zip.indexOf(Buffer.from(body)); // the stored entry's bytes
    const bad = Buffer.from(zip);
    bad[at + 3] = (bad[at + 3] as number) ^ 0xff;
    fs.writeFileSync(path.join(tmp, 'bad.zip'), bad);
    await expect(extractEntry(path.join(tmp, 'bad.zip'), 'zip', 'pkg/stored', out(), 1 << 20)).rejects.toThrow('"pkg/stored" is damaged in the archive');
    fs.writeFileSync(path.join(tmp, 'plain.tar.gz'), 'not gzip at all');
    await expect(extractEntry(path.join(tmp, 'plain.tar.gz'), 'tar.gz', 'x', out(), 1 << 20)).rejects.toThrow(/^it is not a readable tar\.gz archive/);
    await expect(extractEntry(path.join(tmp, 'plain.tar.gz'), 'zip', 'x', out(), 1 << 20)).rejects.toThrow(/^it is not a zip archive/);
    await expect(extractEntry(path.join(tmp, 'a.tar.gz'), 'tar.gz', 'pkg/bin/tool', out(), 4)).rejects.toThrow('the entry is over');
  });
});
