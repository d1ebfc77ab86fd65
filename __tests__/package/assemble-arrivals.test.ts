/**
 * assemblePackage with blobs still arriving (`arrivals`): nothing unverified reaches the package. A
 * file that sits under a blob's name before the blob arrived is not read; a blob altered on disk after
 * it arrived (verified) is caught before it ships; a blob that will not arrive fails the write and
 * leaves nothing in the output folder.
 */
import { describe, test, expect, beforeAll, afterAll } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LadingError } from '../../src/errors.js';
import type { ResolvedImage } from '../../src/model.js';
import { BlobArrivals } from '../../src/oci/blob-arrivals.js';
import { BlobStore } from '../../src/oci/blobstore.js';
import type { Digest } from '../../src/oci/digest.js';
import { MediaType } from '../../src/oci/mediatypes.js';
import { Reference } from '../../src/oci/reference.js';
import type { Descriptor } from '../../src/oci/types.js';
import { assemblePackage, type AssembleInput } from '../../src/package/assemble.js';
import { settledSoon } from '../helpers/settled-soon.js';

const NOW = new Date('2026-12-05T11:00:00Z');
let tmp: string;
const layerBytes = randomBytes(2 * 1024 * 1024 + 3);
const configBytes = Buffer.from('{"architecture":"amd64","os":"linux","rootfs":{}}');
let layer: Descriptor;
let config: Descriptor;
let manifest: Descriptor;
let manifestBytes: Buffer;

const desc = (bytes: Buffer, mediaType: string): Descriptor => ({ mediaType, digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}` as Digest, size: bytes.length });

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lading-assemble-arrivals-'));
  layer = desc(layerBytes, MediaType.OciLayer);
  config = desc(configBytes, MediaType.OciConfig);
  manifestBytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, config, layers: [layer] }));
  manifest = desc(manifestBytes, MediaType.OciManifest);
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** A store holding the manifest and config; the layer is announced in `arrivals`, not there yet. */
async function setup(name: string): Promise<{ store: BlobStore; arrivals: BlobArrivals; input: AssembleInput; out: string }> {
  const store = new BlobStore(path.join(tmp, name, 'store'));
  await store.init();
  await store.writeBytes(manifestBytes, manifest.digest);
  await store.writeBytes(configBytes, config.digest);
  const arrivals = new BlobArrivals();
  arrivals.expect([layer.digest]);
  const image: ResolvedImage = {
    component: 'app',
    written: 'app:1.0',
    reference: Reference.parse('app:1.0'),
    descriptor: { ...manifest, platform: { os: 'linux', architecture: 'amd64' } },
    blobs: [manifest, config, layer],
    source: 'docker.io',
    keptIndex: false
  };
  const out = path.join(tmp, name, 'out');
  const input: AssembleInput = {
    definition: { dir: tmp, config: { kind: 'ZarfPackageConfig', metadata: { name: 'arrivals', version: '1.0.0' }, components: [{ name: 'app', images: ['app:1.0'] }] } },
    architecture: 'amd64',
    images: [image],
    store,
    outputDir: out,
    builderVersion: 'v0.0.0-test',
    now: NOW,
    arrivals
  };
  return { store, arrivals, input, out };
}

describe('assemblePackage with blobs still arriving', () => {
  test('a file under the blob name before the blob arrived is not read: the package holds the verified bytes', async () => {
    const { store, arrivals, input } = await setup('early');
    // Bytes of the right size but not the blob's sit where the blob goes: were they read, the write
    // would fail on the digest (they were never verified, so they are hashed).
    await writeFile(store.path(layer.digest), randomBytes(layer.size));
    const writing = assemblePackage(input);
    expect(await settledSoon(writing)).toBe(false);
    await rm(store.path(layer.digest));
    await store.writeBytes(layerBytes, layer.digest);
    arrivals.arrived(layer.digest);
    const pkg = await writing;

    // The same package written with every blob there from the start: the same bytes.
    const again = await setup('reference');
    await again.store.writeBytes(layerBytes, layer.digest);
    const { arrivals: _unused, ...withoutArrivals } = again.input;
    const reference = await assemblePackage(withoutArrivals);
    expect((await readFile(pkg.path)).equals(await readFile(reference.path))).toBe(true);
  });

  test('a blob altered on disk after it arrived verified is caught before it ships', async () => {
    const { store, arrivals, input, out } = await setup('altered');
    const writing = assemblePackage(input).catch((e: unknown) => e);
    await store.writeBytes(layerBytes, layer.digest);
    // One byte changed in place, the same file and size, before the writer reads it.
    const fh = await open(store.path(layer.digest), 'r+');
    await fh.write(Buffer.from([(layerBytes[1000] as number) ^ 0xff]), 0, 1, 1000);
    await fh.close();
    arrivals.arrived(layer.digest);
    const err = await writing;
    expect(err).toBeInstanceOf(LadingError);
    expect((err as LadingError).message).toContain(`blob ${layer.digest} does not match its digest`);
    expect(await readdir(out)).toEqual([]);
  });

  test('a blob that will not arrive fails the write with the reason, nothing left in the output folder', async () => {
    const { arrivals, input, out } = await setup('never');
    const writing = assemblePackage(input).catch((e: unknown) => e);
    expect(await settledSoon(writing)).toBe(false);
    arrivals.close(new LadingError('blob content does not match its digest'));
    const err = await writing;
    expect(err).toBeInstanceOf(LadingError);
    expect((err as LadingError).message).toBe('blob content does not match its digest');
    expect(await readdir(out)).toEqual([]);
  });
});
