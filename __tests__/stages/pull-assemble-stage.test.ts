/**
 * The pull and the package writer run at once (stages/pull-assemble-stage.ts), through a source whose
 * blob transfers the test holds and releases: the writer starts while blobs are still being pulled
 * and reads none before the store verified it; the package is byte for byte the one a pull followed
 * by a write gives; a pull that fails (or a cancelled run) ends with the pull's own error and leaves
 * nothing in the output folder.
 */
import { describe, test, expect, beforeAll, afterAll } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import { LadingErrors } from '../../src/errors.js';
import type { ResolvedImage } from '../../src/model.js';
import { BlobStore } from '../../src/oci/blobstore.js';
import type { Digest } from '../../src/oci/digest.js';
import { OciError } from '../../src/oci/errors.js';
import { MediaType } from '../../src/oci/mediatypes.js';
import { Reference } from '../../src/oci/reference.js';
import type { Descriptor } from '../../src/oci/types.js';
import { assemblePackage, type AssembleInput } from '../../src/package/assemble.js';
import { BlobPull } from '../../src/sources/pull.js';
import type { Resolved } from '../../src/sources/resolve.js';
import type { BlobFetchResult, FetchedManifest, ImageSource } from '../../src/sources/source.js';
import { runPullAssembleStage } from '../../src/stages/pull-assemble-stage.js';
import { eventually, settledSoon } from '../helpers/settled-soon.js';

const NOW = new Date('2026-12-05T11:00:00Z');
let tmp: string;
/** Every blob of the test image, by digest. */
const bytesOf = new Map<string, Buffer>();
let manifest: Descriptor;
let config: Descriptor;
let layers: Descriptor[];

function blob(bytes: Buffer, mediaType: string): Descriptor {
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}` as Digest;
  bytesOf.set(digest, bytes);
  return { mediaType, digest, size: bytes.length };
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lading-pull-assemble-'));
  // Several read buffers long (1 MiB each), and small ones.
  layers = [randomBytes(3 * 1024 * 1024 + 5), randomBytes(70_000), randomBytes(2 * 1024 * 1024)].map((b) => blob(b, MediaType.OciLayer));
  config = blob(Buffer.from('{"architecture":"amd64","os":"linux","rootfs":{}}'), MediaType.OciConfig);
  manifest = blob(Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, config, layers })), MediaType.OciManifest);
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/**
 * A source serving the test image from memory. Each layer's transfer waits for `release(digest)`;
 * `fail` makes one layer's transfer fail (after its release) the way a registry's altered bytes do.
 */
class HeldSource implements ImageSource {
  readonly name = 'registry';
  readonly requested: string[] = [];
  readonly finished: string[] = [];
  private readonly gates = new Map<string, () => void>();
  private readonly opened = new Map<string, Promise<void>>();

  constructor(
    private readonly fail?: Digest,
    private readonly signal?: AbortSignal
  ) {
    for (const l of layers) this.opened.set(l.digest, new Promise<void>((resolve) => this.gates.set(l.digest, resolve)));
  }

  release(digest: string): void {
    this.gates.get(digest)?.();
  }

  releaseAll(): void {
    for (const l of layers) this.release(l.digest);
  }

  getManifest(): Promise<FetchedManifest> {
    throw new Error('not used');
  }

  async fetchBlob(_ref: Reference, desc: Descriptor, store: BlobStore): Promise<BlobFetchResult> {
    this.requested.push(desc.digest);
    const cancelled = new Promise<never>((_, reject) => this.signal?.addEventListener('abort', () => reject(new OciError('the transfer was cancelled')), { once: true }));
    cancelled.catch(() => undefined);
    await Promise.race([this.opened.get(desc.digest), cancelled]);
    if (desc.digest === this.fail) {
      throw new OciError(`blob content does not match its digest: expected ${desc.digest}, got sha256:${'0'.repeat(64)}`, { code: 'DIGEST_MISMATCH' });
    }
    const bytes = bytesOf.get(desc.digest) as Buffer;
    const { fetched } = await store.ingest({ digest: desc.digest, size: desc.size }, async (w) => {
      // In two pieces, a turn of the event loop apart, as a download arrives.
      await w.write(bytes.subarray(0, bytes.length >> 1));
      await new Promise((r) => setImmediate(r));
      await w.write(bytes.subarray(bytes.length >> 1));
    });
    this.finished.push(desc.digest);
    return { fetched, bytes: fetched ? desc.size : 0 };
  }
}

/**
 * Serves every layer at once, except `held`: its first 2 MiB go into the store at once, the rest only
 * after `releaseAll()` (with its bytes flipped when `alter`, as a proxy that alters a body sends it).
 */
class MidHeldSource implements ImageSource {
  readonly name = 'registry';
  /** Set once the held layer's first part is in the store's temp file. */
  half = false;
  private release!: () => void;
  private readonly released = new Promise<void>((r) => (this.release = r));

  constructor(
    private readonly held: Digest,
    private readonly alter = false
  ) {}

  releaseAll(): void {
    this.release();
  }

  getManifest(): Promise<FetchedManifest> {
    throw new Error('not used');
  }

  async fetchBlob(_ref: Reference, desc: Descriptor, store: BlobStore): Promise<BlobFetchResult> {
    const bytes = bytesOf.get(desc.digest) as Buffer;
    const cut = desc.digest === this.held ? 2 * 1024 * 1024 : bytes.length;
    const { fetched } = await store.ingest({ digest: desc.digest, size: desc.size }, async (w) => {
      await w.write(bytes.subarray(0, cut));
      if (cut === bytes.length) return;
      this.half = true;
      await this.released;
      const rest = Buffer.from(bytes.subarray(cut));
      if (this.alter) for (let i = 0; i < rest.length; i++) rest[i] = (rest[i] as number) ^ 0xff;
      await w.write(rest);
    });
    return { fetched, bytes: fetched ? desc.size : 0 };
  }
}

/** Bytes of the package being written in `out` (its staging folder), 0 when there is none yet. */
function packageBytesIn(out: string): number {
  let n = 0;
  for (const d of existsSync(out) ? readdirSync(out) : []) {
    if (!d.startsWith('.lading-assemble-')) continue;
    for (const f of readdirSync(path.join(out, d))) if (f.includes('.tar.zst')) n += statSync(path.join(out, d, f)).size;
  }
  return n;
}

/** A fresh store holding what resolving the image leaves in it: the manifest and the config. */
async function resolvedStore(name: string): Promise<BlobStore> {
  const store = new BlobStore(path.join(tmp, name));
  await store.init();
  for (const d of [manifest, config]) await store.writeBytes(bytesOf.get(d.digest) as Buffer, d.digest);
  return store;
}

function resolvedWith(source: ImageSource): Resolved {
  const reference = Reference.parse('registry.example/app:1.0');
  const image: ResolvedImage = {
    component: 'app',
    written: 'registry.example/app:1.0',
    reference,
    descriptor: { ...manifest, platform: { os: 'linux', architecture: 'amd64' } },
    blobs: [manifest, config, ...layers],
    source: 'registry.example',
    keptIndex: false
  };
  return { image, source, top: manifest };
}

function assembleInput(outputDir: string, images: ResolvedImage[], progress: string[]): Omit<AssembleInput, 'store' | 'arrivals'> {
  return {
    definition: { dir: tmp, config: { kind: 'ZarfPackageConfig', metadata: { name: 'overlap', version: '1.0.0' }, components: [{ name: 'app', images: ['registry.example/app:1.0'] }] } },
    architecture: 'amd64',
    images,
    outputDir,
    builderVersion: 'v0.0.0-test',
    now: NOW,
    onProgress: (m) => progress.push(m)
  };
}

describe('writing the package while the blobs are pulled', () => {
  test('the writer starts while blobs are still held, reads none before it arrived, and writes the very bytes of a pull followed by a write', async () => {
    const source = new HeldSource();
    const store = await resolvedStore('overlap');
    const resolved = resolvedWith(source);
    const out = path.join(tmp, 'out-overlap');
    const progress: string[] = [];
    const log: string[] = [];
    const stage = runPullAssembleStage({ resolved: [resolved], store, limit: pLimit(8), log: (l) => log.push(l), assemble: assembleInput(out, [resolved.image], progress) });
    // Every layer is held: the pull is under way and the writer has started, waiting for them.
    await eventually(() => source.requested.length === layers.length && progress.includes('writing zarf-package-overlap-amd64-1.0.0.tar.zst'));
    expect(await settledSoon(stage)).toBe(false);
    expect(source.requested.sort()).toEqual(layers.map((l) => l.digest).sort());
    // Released one by one, in the reverse of the package's order: still nothing written before the last.
    const inTarOrder = [...layers].sort((a, b) => (a.digest < b.digest ? -1 : 1));
    for (const l of [...inTarOrder].reverse().slice(0, -1)) {
      source.release(l.digest);
      expect(await settledSoon(stage)).toBe(false);
    }
    expect((await readdir(out)).filter((f) => !f.startsWith('.lading-assemble-'))).toEqual([]);
    source.releaseAll();
    const built = await stage;
    expect(log.some((l) => /^pulled 3 blobs, /.test(l))).toBe(true);
    expect(built.pull).toMatchObject({ blobs: 5, reused: 2, fetchedFrom: { 'registry.example': { blobs: 3 } } });
    expect(await readdir(out)).toEqual(['zarf-package-overlap-amd64-1.0.0.tar.zst']);

    // The same image pulled first, then written, as before: the same bytes.
    const first = new HeldSource();
    first.releaseAll();
    const store2 = await resolvedStore('sequential');
    const r2 = resolvedWith(first);
    await new BlobPull(store2, pLimit(8), () => undefined).finish([r2]);
    const out2 = path.join(tmp, 'out-sequential');
    const sequential = await assemblePackage({ ...assembleInput(out2, [r2.image], []), store: store2 });
    expect((await readFile(built.pkg.path)).equals(await readFile(sequential.path))).toBe(true);
    expect(built.pkg.aggregateChecksum).toBe(sequential.aggregateChecksum);
  });

  test('a blob still arriving when its turn comes is streamed into the package as it arrives; the package is the same', async () => {
    // The 3 MiB layer: its first 2 MiB in the store's temp file, the rest held back. Meanwhile the
    // package file grows past every blob before it in the package's order by more than 512 KiB (most
    // of those 2 MiB: the zstd sink writes 1 MiB pieces); read only once arrived, it could not.
    const big = [...layers].sort((a, b) => b.size - a.size)[0] as Descriptor;
    const before = [manifest, config, ...layers].filter((d) => d.digest < big.digest).reduce((n, d) => n + d.size, 0);
    const source = new MidHeldSource(big.digest);
    const store = await resolvedStore('following');
    const resolved = resolvedWith(source);
    const out = path.join(tmp, 'out-following');
    const stage = runPullAssembleStage({ resolved: [resolved], store, limit: pLimit(8), log: () => undefined, assemble: assembleInput(out, [resolved.image], []) });
    await eventually(() => source.half);
    await eventually(() => packageBytesIn(out) > before + 512 * 1024);
    expect(await settledSoon(stage)).toBe(false);
    expect(await store.has(big.digest)).toBe(false);
    source.releaseAll();
    const built = await stage;

    const first = new HeldSource();
    first.releaseAll();
    const store2 = await resolvedStore('following-sequential');
    const r2 = resolvedWith(first);
    await new BlobPull(store2, pLimit(8), () => undefined).finish([r2]);
    const sequential = await assemblePackage({ ...assembleInput(path.join(tmp, 'out-following-sequential'), [r2.image], []), store: store2 });
    expect((await readFile(built.pkg.path)).equals(await readFile(sequential.path))).toBe(true);
  });

  test('a blob streamed in as it arrives whose bytes turn out altered: the pull’s error, no package left in the output folder', async () => {
    const bad = [...layers].sort((a, b) => b.size - a.size)[0] as Descriptor;
    const before = [manifest, config, ...layers].filter((d) => d.digest < bad.digest).reduce((n, d) => n + d.size, 0);
    const source = new MidHeldSource(bad.digest, true);
    const store = await resolvedStore('following-altered');
    const resolved = resolvedWith(source);
    const out = path.join(tmp, 'out-following-altered');
    const stage = runPullAssembleStage({ resolved: [resolved], store, limit: pLimit(8), log: () => undefined, assemble: assembleInput(out, [resolved.image], []) });
    stage.catch(() => undefined);
    await eventually(() => source.half);
    // Part of it is in the package being written when the rest turns out altered.
    await eventually(() => packageBytesIn(out) > before + 512 * 1024);
    source.releaseAll();
    const err = await stage.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LadingErrors);
    expect((err as LadingErrors).errors.map((e) => e.message)).toEqual([expect.stringMatching(new RegExp(`^blob content does not match its digest: expected ${bad.digest}, got sha256:`))]);
    expect(await readdir(out)).toEqual([]);
    expect(await store.has(bad.digest)).toBe(false);
  });

  test("a pull that fails ends with the pull's own error, the writer stopped, nothing left in the output folder", async () => {
    const bad = layers[1] as Descriptor;
    const source = new HeldSource(bad.digest);
    const store = await resolvedStore('failing');
    const resolved = resolvedWith(source);
    const out = path.join(tmp, 'out-failing');
    const stage = runPullAssembleStage({ resolved: [resolved], store, limit: pLimit(8), log: () => undefined, assemble: assembleInput(out, [resolved.image], []) });
    stage.catch(() => undefined);
    expect(await settledSoon(stage)).toBe(false);
    source.release(bad.digest);
    // The writer stops at once; the other transfers still end before the stage does.
    expect(await settledSoon(stage)).toBe(false);
    source.releaseAll();
    const err = await stage.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LadingErrors);
    expect((err as LadingErrors).errors.map((e) => e.message)).toEqual([`blob content does not match its digest: expected ${bad.digest}, got sha256:${'0'.repeat(64)}`]);
    expect(await readdir(out)).toEqual([]);
    expect(await store.has(bad.digest)).toBe(false);
  });

  test('a source that says a blob is there when it is not: the writer fails naming it, nothing left in the output folder', async () => {
    const source = new HeldSource();
    source.releaseAll();
    const lost = layers[2] as Descriptor;
    const fetchBlob = source.fetchBlob.bind(source);
    source.fetchBlob = async (ref, desc, store) => (desc.digest === lost.digest ? { fetched: true, bytes: desc.size } : fetchBlob(ref, desc, store));
    const store = await resolvedStore('lost');
    const resolved = resolvedWith(source);
    const out = path.join(tmp, 'out-lost');
    const err = await runPullAssembleStage({ resolved: [resolved], store, limit: pLimit(8), log: () => undefined, assemble: assembleInput(out, [resolved.image], []) }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(`blob ${lost.digest} of registry.example/app:1.0 is missing from the blob cache`);
    expect(await readdir(out)).toEqual([]);
  });

  test('cancelled while blobs are held: the stage ends, nothing left in the output folder', async () => {
    const controller = new AbortController();
    const source = new HeldSource(undefined, controller.signal);
    const store = await resolvedStore('cancelled');
    const resolved = resolvedWith(source);
    const out = path.join(tmp, 'out-cancelled');
    const stage = runPullAssembleStage({ resolved: [resolved], store, limit: pLimit(8), log: () => undefined, assemble: assembleInput(out, [resolved.image], []), signal: controller.signal });
    stage.catch(() => undefined);
    source.release((layers[0] as Descriptor).digest);
    expect(await settledSoon(stage)).toBe(false);
    controller.abort(new Error('cancelled (SIGINT)'));
    await expect(stage).rejects.toBeDefined();
    expect(await readdir(out)).toEqual([]);
  });
});
