/**
 * Reading a differential's reference package from a file (sources/reference-package.ts): a plain
 * `.tar` as well as a `.tar.zst` (told apart by their bytes, not their names), the blobs of the
 * images asked for (from images/index.json down through manifests), a `.tar.zst` of several zstd
 * frames (as pzstd writes it), and the errors for a file that
 * is not a package, one without zarf.yaml, and one whose checksums do not match.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeReproducibleTar, type TarEntry } from '../../src/package/tarball.js';
import { openReferencePackage } from '../../src/sources/reference-package.js';
import type { RegistryClient } from '../../src/oci/client.js';

const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
const client = {} as RegistryClient;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lading-ref-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A package holding one image `example.com/app:1.0.0` (manifest, config, one layer). */
function packageEntries(aggregate?: string): { entries: TarEntry[]; blobs: Record<string, number> } {
  const layer = Buffer.alloc(5000, 7);
  const config = Buffer.from('{"architecture":"amd64","os":"linux"}');
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${sha(config)}`, size: config.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: `sha256:${sha(layer)}`, size: layer.length }]
    })
  );
  const ref = 'example.com/app:1.0.0';
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${sha(manifest)}`, size: manifest.length, annotations: { 'org.opencontainers.image.ref.name': ref, 'org.opencontainers.image.base.name': ref } }]
    })
  );
  const files: Array<[string, Buffer]> = [
    ['images/index.json', index],
    [`images/blobs/sha256/${sha(manifest)}`, manifest],
    [`images/blobs/sha256/${sha(config)}`, config],
    [`images/blobs/sha256/${sha(layer)}`, layer]
  ];
  const checksums = Buffer.from(files.map(([p, b]) => `${sha(b)} ${p}`).sort().join('\n') + '\n');
  const zarf = `kind: ZarfPackageConfig\nmetadata:\n  name: app\n  version: 1.0.0\n  aggregateChecksum: ${aggregate ?? sha(checksums)}\ncomponents:\n  - name: a\n    images:\n      - ${ref}\n`;
  return {
    entries: [{ path: 'zarf.yaml', type: 'file', content: Buffer.from(zarf) }, { path: 'checksums.txt', type: 'file', content: checksums }, ...files.map(([p, b]): TarEntry => ({ path: p, type: 'file', content: b }))],
    blobs: { [`sha256:${sha(manifest)}`]: manifest.length, [`sha256:${sha(config)}`]: config.length, [`sha256:${sha(layer)}`]: layer.length }
  };
}

describe('a reference package file', () => {
  for (const compression of ['zstd', 'none'] as const) {
    test(`${compression === 'zstd' ? '.tar.zst' : 'a plain .tar (metadata.uncompressed)'}: its zarf.yaml and the blobs of an image it holds`, async () => {
      const { entries, blobs } = packageEntries();
      const file = path.join(dir, `pkg-${compression}.bin`);
      await writeReproducibleTar(entries, file, { compression });
      const ref = await openReferencePackage(path.basename(file), { client, workspace: dir, architecture: 'amd64' });
      expect(ref.docs[0]).toMatchObject({ metadata: { name: 'app', version: '1.0.0' } });
      expect(Object.fromEntries(await ref.imageBlobs(['example.com/app:1.0.0', 'example.com/other:1']))).toEqual(blobs);
      expect((await ref.imageBlobs(['example.com/app:2.0.0'])).size).toBe(0);
    });
  }

  test('a .tar.zst of several zstd frames (as pzstd writes it, skippable frames first) is read whole', async () => {
    const { entries, blobs } = packageEntries();
    const plain = path.join(dir, 'for-pzstd.tar');
    await writeReproducibleTar(entries, plain, { compression: 'none' });
    execFileSync('pzstd', ['-q', '-p', '2', '-f', plain, '-o', path.join(dir, 'pzstd.tar.zst')]);
    const ref = await openReferencePackage('pzstd.tar.zst', { client, workspace: dir, architecture: 'amd64' });
    expect(ref.docs[0]).toMatchObject({ metadata: { name: 'app', version: '1.0.0' } });
    expect(Object.fromEntries(await ref.imageBlobs(['example.com/app:1.0.0']))).toEqual(blobs);
  });

  test('a zarf.yaml whose aggregateChecksum is not that of checksums.txt is refused', async () => {
    const file = path.join(dir, 'damaged.tar.zst');
    await writeReproducibleTar(packageEntries('ab'.repeat(32)).entries, file, { compression: 'zstd' });
    await expect(openReferencePackage('damaged.tar.zst', { client, workspace: dir, architecture: 'amd64' })).rejects.toThrow(/checksums\.txt does not match the aggregateChecksum/);
  });

  test('a file that is not a package, or a package without zarf.yaml, is refused naming it', async () => {
    await writeFile(path.join(dir, 'junk.tar.zst'), 'not a tar at all, not even close to one'.repeat(20));
    await expect(openReferencePackage('junk.tar.zst', { client, workspace: dir, architecture: 'amd64' })).rejects.toThrow(/the reference package junk\.tar\.zst (is not a readable package file|has no zarf\.yaml)/);
    await writeReproducibleTar([{ path: 'other.txt', type: 'file', content: Buffer.from('x') }], path.join(dir, 'nozarf.tar'), { compression: 'none' });
    await expect(openReferencePackage('nozarf.tar', { client, workspace: dir, architecture: 'amd64' })).rejects.toThrow('the reference package nozarf.tar has no zarf.yaml');
  });
});
