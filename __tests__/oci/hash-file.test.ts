/** hashFile (src/oci/hash-file.ts): the digest and size of whole files, whatever their size, many at once. */
import { afterAll, describe, expect, test } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashFile } from '../../src/oci/hash-file.js';

const MiB = 1 << 20;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hash-file-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Buffer): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return p;
}
const sha = (b: Buffer, alg = 'sha256'): string => `${alg}:${createHash(alg).update(b).digest('hex')}`;

describe('hashFile', () => {
  test('sizes around the read chunk (empty, 1 byte, 1 MiB +-1, several MiB) give the digest and size of the whole file', async () => {
    for (const size of [0, 1, MiB - 1, MiB, MiB + 1, 3 * MiB + 5]) {
      const bytes = randomBytes(size);
      const p = file(`f-${size}`, bytes);
      await expect(hashFile(p)).resolves.toEqual({ digest: sha(bytes), size });
    }
  });

  test('sha512 too', async () => {
    const bytes = randomBytes(2 * MiB + 7);
    await expect(hashFile(file('f512', bytes), 'sha512')).resolves.toEqual({ digest: sha(bytes, 'sha512'), size: bytes.length });
  });

  test('files hashed at the same time do not share a buffer (each gets its own digest), also after a failed read', async () => {
    await expect(hashFile(path.join(dir, 'missing'))).rejects.toThrow(/ENOENT/);
    const blobs = Array.from({ length: 12 }, (_, i) => randomBytes(MiB * (i % 4) + 1000 * i + 1));
    const paths = blobs.map((b, i) => file(`c-${i}`, b));
    const got = await Promise.all(paths.map((p) => hashFile(p)));
    expect(got).toEqual(blobs.map((b) => ({ digest: sha(b), size: b.length })));
  });
});
