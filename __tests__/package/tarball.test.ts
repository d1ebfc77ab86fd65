/**
 * The reproducible tar writer's entry kinds, read back with the system's `tar` (an independent reader).
 */
import { describe, test, expect, beforeAll, afterAll } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, readlink, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeReproducibleTar } from '../../src/package/tarball.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lading-tarball-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeReproducibleTar', () => {
  test('a symbolic link is stored as a link to its target, and tar extracts it as one', async () => {
    const dest = path.join(dir, 'links.tar');
    await writeReproducibleTar(
      [
        { path: 'repo/README.md', type: 'file', content: Buffer.from('hello\n') },
        { path: 'repo/docs/readme', type: 'symlink', target: '../README.md' }
      ],
      dest
    );
    const listing = execFileSync('tar', ['-tvf', dest], { encoding: 'utf8' });
    expect(listing).toMatch(/^l\S+ 0\/0 +0 1970-01-01 00:00 repo\/docs\/readme -> \.\.\/README\.md$/m);
    const out = path.join(dir, 'out');
    await mkdir(out);
    execFileSync('tar', ['-xf', dest, '-C', out]);
    expect(await readlink(path.join(out, 'repo/docs/readme'))).toBe('../README.md');
  });

  test('a link listed twice, or where a file already is, is refused', async () => {
    await expect(
      writeReproducibleTar(
        [
          { path: 'a', type: 'file', content: Buffer.from('x') },
          { path: 'a', type: 'symlink', target: 'b' }
        ],
        path.join(dir, 'dup.tar')
      )
    ).rejects.toThrow(/listed twice/);
  });
});
