import { describe, test, expect, beforeAll, afterAll } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LadingError } from '../../src/errors.js';
import { documentationFileNames, writeDocumentationTar } from '../../src/package/documentation.js';

let tmp: string;

async function doc(rel: string, text: string): Promise<string> {
  const p = path.join(tmp, 'src', rel);
  await mkdir(path.dirname(p), { recursive: true });
  await writeFile(p, text);
  return p;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lading-docs-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('documentation.tar', () => {
  test('a "." entry first (0700), then the files (0600) by basename, <key>-<basename> where basenames collide', async () => {
    const readme = await doc('README.md', '# demo\n');
    const opsReadme = await doc('ops/README.md', '# ops\n');
    const license = await doc('legal/LICENSE', 'MIT\n');
    const early = await doc('notes/-early.txt', 'sorts before "."\n');
    const entries = [
      { key: 'readme', file: readme },
      { key: 'ops', file: opsReadme },
      { key: 'license', file: license },
      { key: 'early', file: early }
    ];
    const dest = path.join(tmp, 'documentation.tar');
    await writeDocumentationTar(entries, dest);
    const listing = execFileSync('tar', ['-tvf', dest], { encoding: 'utf8' }).trim().split('\n');
    expect(listing.map((l) => l.split(/\s+/).pop())).toEqual(['.', '-early.txt', 'LICENSE', 'ops-README.md', 'readme-README.md']);
    // Zarf chmods each copy to 0600 and tars them with their folder, 0700 (assemble.go createDocumentationTar).
    expect(listing.map((l) => l.split(/\s+/)[0])).toEqual(['drwx------', '-rw-------', '-rw-------', '-rw-------', '-rw-------']);
    // Reproducible: no owner, no time.
    for (const line of listing) expect(line).toMatch(/ 0\/0 .* 1970-01-01 00:00 /);

    const out = path.join(tmp, 'x');
    await mkdir(out);
    execFileSync('tar', ['-xf', dest, '-C', out]);
    expect(await readFile(path.join(out, 'readme-README.md'), 'utf8')).toBe('# demo\n');
    expect(await readFile(path.join(out, 'ops-README.md'), 'utf8')).toBe('# ops\n');
    expect(await readFile(path.join(out, 'LICENSE'), 'utf8')).toBe('MIT\n');

    // Same input, same bytes.
    const again = path.join(tmp, 'again.tar');
    await writeDocumentationTar([...entries].reverse(), again);
    expect(await readFile(again)).toEqual(await readFile(dest));
  });

  test('the same file under two keys is stored twice, prefixed', () => {
    const names = documentationFileNames([
      { key: 'a', file: '/w/guide.md' },
      { key: 'b', file: '/w/guide.md' },
      { key: 'c', file: '/w/other.md' }
    ]);
    expect(Object.fromEntries(names)).toEqual({ a: 'a-guide.md', b: 'b-guide.md', c: 'other.md' });
  });

  test('two entries that would be stored under one name are refused, not silently lost', () => {
    expect(() =>
      documentationFileNames([
        { key: 'a', file: '/w/x/guide.md' },
        { key: 'b', file: '/w/y/guide.md' },
        { key: 'c', file: '/w/a-guide.md' }
      ])
    ).toThrow('documentation "c" and "a" would both be stored as a-guide.md in documentation.tar');
  });

  test('a missing file or a folder is one error naming the key', async () => {
    const missing = path.join(tmp, 'nope.md');
    await expect(writeDocumentationTar([{ key: 'gone', file: missing }], path.join(tmp, 'm.tar'))).rejects.toThrow(`cannot read documentation "gone" (${missing}): it does not exist`);
    await expect(writeDocumentationTar([{ key: 'dir', file: tmp }], path.join(tmp, 'd.tar'))).rejects.toBeInstanceOf(LadingError);
  });
});
