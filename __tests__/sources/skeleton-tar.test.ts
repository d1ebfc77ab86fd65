/**
 * The extraction of a skeleton's component tar on its own: the top folder stripped, the bytes checked
 * against the digest while they are read, and entries a component cannot hold refused.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tar from 'tar-stream';
import { extractStripped, strippedName, symlinkTarget } from '../../src/sources/skeleton-tar.js';

async function makeTar(items: Array<{ name: string; type?: 'file' | 'fifo' | 'directory'; content?: string }>): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve) => {
    pack.on('data', (c: unknown) => {
      chunks.push(c as Buffer);
    });
    pack.on('end', () => resolve());
  });
  for (const it of items) {
    const type = it.type ?? 'file';
    if (type === 'file') pack.entry({ name: it.name, type, mode: 0o644 }, it.content ?? '');
    else pack.entry({ name: it.name, type, mode: 0o644 });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function setup(bytes: Buffer): { file: string; dest: string; digest: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lading-skel-tar-'));
  dirs.push(dir);
  const file = path.join(dir, 'c.tar');
  fs.writeFileSync(file, bytes);
  const dest = path.join(dir, 'out');
  fs.mkdirSync(dest);
  return { file, dest, digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}` };
}

describe('extractStripped', () => {
  test('strips the top folder; entries beside it are skipped, as Zarf skips them', async () => {
    const t = setup(await makeTar([{ name: 'top.txt', content: 'x' }, { name: 'web/a/b.txt', content: 'b' }]));
    await extractStripped(t.file, t.dest, { digest: t.digest, what: 'components/web.tar' });
    expect(fs.readdirSync(t.dest)).toEqual(['a']);
    expect(fs.readFileSync(path.join(t.dest, 'a/b.txt'), 'utf8')).toBe('b');
  });

  test('bytes that do not hash to the digest are refused', async () => {
    const t = setup(await makeTar([{ name: 'web/a.txt', content: 'a' }]));
    const wrong = `sha256:${'0'.repeat(64)}`;
    await expect(extractStripped(t.file, t.dest, { digest: wrong, what: 'components/web.tar' })).rejects.toThrow(`components/web.tar does not match its digest ${wrong} (its bytes hash to ${t.digest})`);
  });

  test('a fifo (or device) entry is refused', async () => {
    const t = setup(await makeTar([{ name: 'web/pipe', type: 'fifo' }]));
    await expect(extractStripped(t.file, t.dest, { digest: t.digest, what: 'components/web.tar' })).rejects.toThrow('holds an entry "web/pipe" that is a fifo entry, which a component cannot hold');
  });
});

describe('entry names', () => {
  test('strippedName', () => {
    expect(strippedName('web/')).toBeNull();
    expect(strippedName('web/a/./b')).toBe('a/b');
    expect(strippedName('web/a/../b')).toBe('b');
    expect(strippedName('web/../x')).toBeUndefined();
    expect(strippedName('web/a/../../x')).toBeUndefined();
  });
  test('symlinkTarget', () => {
    expect(symlinkTarget('a/l', '../b')).toBe('b');
    expect(symlinkTarget('a/l', '../../b')).toBeUndefined();
    expect(symlinkTarget('l', '/etc')).toBeUndefined();
    expect(symlinkTarget('l', '.')).toBe('.');
  });
});
