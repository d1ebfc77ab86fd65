import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { OnceSource } from '../../src/check/memo-source.js';
import { BlobStore } from '../../src/oci/blobstore.js';
import type { Digest } from '../../src/oci/digest.js';
import { parseReference } from '../../src/oci/reference.js';
import type { Descriptor } from '../../src/oci/types.js';
import type { FetchedManifest, ImageSource } from '../../src/sources/source.js';

const config = Buffer.from('{"architecture":"amd64","os":"linux"}');
const desc: Descriptor = { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${createHash('sha256').update(config).digest('hex')}` as Digest, size: config.length };
const ref = parseReference('registry.example/acme/app:1.0');

/** A source that counts what it is asked, and puts the config into the store it is given. */
function countingSource(): ImageSource & { manifests: number; blobs: number } {
  const src = {
    name: 'registry.example',
    manifests: 0,
    blobs: 0,
    async getManifest(): Promise<FetchedManifest> {
      src.manifests++;
      return { bytes: Buffer.from('{}'), mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: desc.digest };
    },
    async fetchBlob(_ref: unknown, d: Descriptor, store: BlobStore) {
      src.blobs++;
      await store.writeBytes(config, d.digest);
      return { fetched: true, bytes: config.length };
    }
  };
  return src;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lading-once-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('OnceSource', () => {
  test('asks once for each manifest and each blob of a store', async () => {
    const inner = countingSource();
    const once = new OnceSource(inner);
    const store = new BlobStore(dir);
    await Promise.all([once.getManifest(ref, '1.0'), once.getManifest(ref, '1.0')]);
    await Promise.all([once.fetchBlob(ref, desc, store), once.fetchBlob(ref, desc, store)]);
    expect([inner.manifests, inner.blobs]).toEqual([1, 1]);
    expect(await store.readBytes(desc.digest)).toEqual(config);
  });

  test('a blob fetched into another store is put there too (a check resolves into a store of its own)', async () => {
    const inner = countingSource();
    const once = new OnceSource(inner);
    const check = new BlobStore(path.join(dir, 'check'), { smallInMemory: { maxBlob: 1 << 20, maxTotal: 1 << 20 } });
    const run = new BlobStore(path.join(dir, 'run'));
    await once.fetchBlob(ref, desc, check);
    await once.fetchBlob(ref, desc, run);
    expect(inner.blobs).toBe(2);
    expect(await run.readBytes(desc.digest)).toEqual(config);
    expect(await check.readBytes(desc.digest)).toEqual(config);
  });
});
