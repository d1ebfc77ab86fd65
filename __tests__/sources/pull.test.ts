/**
 * The order of a pull's transfers (src/sources/pull.ts), through a source whose transfers the test
 * holds and releases: a slot that comes free takes the largest blob waiting, whether it was started
 * early (an image's manifest just read) or by `finish`; no lookup and no transfer starts before the
 * blob cache's answers are final; `stop` ends transfers that are waiting or under way.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import type { ResolvedImage } from '../../src/model.js';
import { BlobStore } from '../../src/oci/blobstore.js';
import type { Digest } from '../../src/oci/digest.js';
import { MediaType } from '../../src/oci/mediatypes.js';
import { Reference } from '../../src/oci/reference.js';
import type { Descriptor } from '../../src/oci/types.js';
import { BlobPull } from '../../src/sources/pull.js';
import type { Resolved } from '../../src/sources/resolve.js';
import type { BlobFetchResult, FetchedManifest, ImageSource } from '../../src/sources/source.js';
import { eventually } from '../helpers/settled-soon.js';

let tmp: string;
const bytesOf = new Map<string, Buffer>();
const REF = Reference.parse('registry.example/app:1.0');

function blob(size: number): Descriptor {
  const bytes = randomBytes(size);
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}` as Digest;
  bytesOf.set(digest, bytes);
  return { mediaType: MediaType.OciLayer, digest, size };
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lading-pull-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Serves blobs from memory; each transfer waits for `release(digest)` (or its signal). */
class HeldSource implements ImageSource {
  readonly name = 'registry';
  readonly started: string[] = [];
  readonly aborted: string[] = [];
  private readonly gates = new Map<string, () => void>();

  release(d: Descriptor): void {
    this.gates.get(d.digest)?.();
  }

  getManifest(): Promise<FetchedManifest> {
    throw new Error('not used');
  }

  async fetchBlob(_ref: Reference, desc: Descriptor, store: BlobStore, _onProgress?: (n: number) => void, signal?: AbortSignal): Promise<BlobFetchResult> {
    this.started.push(desc.digest);
    await new Promise<void>((resolve, reject) => {
      this.gates.set(desc.digest, resolve);
      signal?.addEventListener(
        'abort',
        () => {
          this.aborted.push(desc.digest);
          reject(signal.reason as Error);
        },
        { once: true }
      );
    });
    const { fetched } = await store.ingest({ digest: desc.digest, size: desc.size }, async (w) => w.write(bytesOf.get(desc.digest) as Buffer));
    return { fetched, bytes: desc.size };
  }
}

async function newStore(name: string): Promise<BlobStore> {
  const store = new BlobStore(path.join(tmp, name));
  await store.init();
  return store;
}

function resolvedOf(source: ImageSource, blobs: Descriptor[]): Resolved {
  const image: ResolvedImage = { component: 'c', written: REF.toString(), reference: REF, descriptor: blobs[0] as Descriptor, blobs, source: 'registry.example', keptIndex: false };
  return { image, source, top: blobs[0] as Descriptor };
}

describe('BlobPull', () => {
  test('a slot that comes free takes the largest blob waiting, early or late; each blob is fetched once', async () => {
    const source = new HeldSource();
    const pull = new BlobPull(await newStore('order'), pLimit(1), () => undefined);
    const [a1, a2, b1, c1] = [blob(10), blob(20), blob(3000), blob(500)] as [Descriptor, Descriptor, Descriptor, Descriptor];
    // Image A's manifest is read: its larger layer takes the one slot.
    pull.start(source, REF, [a1, a2]);
    await eventually(() => source.started.length === 1);
    expect(source.started).toEqual([a2.digest]);
    // Image B's manifest: its layer waits behind A's.
    pull.start(source, REF, [b1]);
    // Every reference resolved: c1 is wanted too; a1 and b1 are not started again.
    const finished = pull.finish([resolvedOf(source, [a1, a2]), resolvedOf(source, [b1, c1])]);
    for (const next of [a2, b1, c1, a1]) {
      await eventually(() => source.started.includes(next.digest));
      expect(source.started.at(-1)).toBe(next.digest);
      source.release(next);
    }
    const stats = await finished;
    expect(source.started).toEqual([a2.digest, b1.digest, c1.digest, a1.digest]);
    expect(stats).toMatchObject({ blobs: 4, bytes: 3530, reused: 0, fetchedFrom: { 'registry.example': { blobs: 4, bytes: 3530 } } });
  });

  test('no lookup and no transfer before the blob cache’s answers are final', async () => {
    const source = new HeldSource();
    const looked: string[] = [];
    let final!: () => void;
    const lookupsFinal = new Promise<void>((r) => (final = r));
    const store = await newStore('gate');
    const pull = new BlobPull(store, pLimit(4), () => undefined, {
      lookupsFinal,
      cached: async (d) => {
        looked.push(d);
        return false;
      }
    });
    const l = blob(100);
    pull.start(source, REF, [l]);
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
    expect(looked).toEqual([]);
    expect(source.started).toEqual([]);
    final();
    await eventually(() => source.started.length === 1);
    expect(source.started).toEqual([l.digest]);
    expect(looked).toEqual([l.digest]);
    source.release(l);
    await pull.finish([resolvedOf(source, [l])]);
  });

  test('stop() aborts the transfer under way and the ones waiting; nothing reaches the store', async () => {
    const source = new HeldSource();
    const store = await newStore('stop');
    const pull = new BlobPull(store, pLimit(1), () => undefined);
    const [big, small] = [blob(2000), blob(10)] as [Descriptor, Descriptor];
    pull.start(source, REF, [big, small]);
    await eventually(() => source.started.length === 1);
    expect(source.started).toEqual([big.digest]);
    await pull.stop();
    expect(source.aborted).toEqual([big.digest]);
    expect(source.started).toEqual([big.digest]);
    expect(await store.has(big.digest, big.size)).toBe(false);
    expect(await store.has(small.digest, small.size)).toBe(false);
  });
});
