/**
 * The OCI registry client against the real distribution registry: basic and token auth, and the
 * faults of remote registries injected by a loopback proxy in front of it.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BlobStore } from '../../src/oci/blobstore.js';
import { RegistryClient } from '../../src/oci/client.js';
import { credentialResolver } from '../../src/oci/credentials.js';
import type { Digest } from '../../src/oci/digest.js';
import { OciError } from '../../src/oci/errors.js';
import { Reference } from '../../src/oci/reference.js';
import { cleanupFixtures, makeTempDir, seedImages, startFaultProxy, startRegistry, type FaultProxy, type PushedImage, type RegistryFixture } from './setup/index.js';

const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function caught(p: Promise<unknown>): Promise<OciError> {
  try {
    await p;
  } catch (e) {
    return e as OciError;
  }
  throw new Error('expected a failure');
}

afterAll(async () => cleanupFixtures());

describe('auth against the real registry', () => {
  let basic: RegistryFixture;
  let token: RegistryFixture;
  let tokenImages: Record<string, PushedImage>;
  beforeAll(async () => {
    [basic, token] = await Promise.all([startRegistry({ auth: 'basic' }), startRegistry({ auth: 'token' })]);
    await Promise.all([seedImages(basic, 'seed', { only: ['single'] }), seedImages(token, 'public', { only: ['single', 'multi'] }).then((i) => (tokenImages = i)), seedImages(token, 'private', { only: ['single'] })]);
  }, 120_000);
  afterAll(async () => Promise.all([basic?.stop(), token?.stop()]));

  const client = (reg: RegistryFixture, creds?: { username: string; password: string }): RegistryClient =>
    new RegistryClient({
      plainHttp: [reg.host],
      retries: 0,
      credentials: credentialResolver({ env: { HOME: makeTempDir('home') }, ...(creds ? { explicit: { [reg.host]: creds } } : {}) })
    });

  test('basic auth: credentials work, wrong ones are refused with a clear message', async () => {
    const ref = Reference.parse(`${basic.host}/seed/single:1.0`);
    const good = client(basic, { username: basic.username as string, password: basic.password as string });
    expect((await good.getManifest(ref, '1.0')).mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    await good.close();
    const bad = client(basic, { username: basic.username as string, password: 'wrong' });
    const e = await caught(bad.getManifest(ref, '1.0'));
    expect(e.message).toMatch(/not authorized/);
    expect(e.hint).toMatch(/username and password/);
    expect(e.message).not.toContain('wrong');
    await bad.close();
    const none = client(basic);
    expect((await caught(none.getManifest(ref, '1.0'))).message).toMatch(/requires credentials and none were found/);
    await none.close();
  });

  test('credentials come from Docker config.json (auths, base64 user:password)', async () => {
    const home = makeTempDir('home');
    fs.mkdirSync(path.join(home, '.docker'));
    fs.writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({ auths: { [token.host]: { auth: Buffer.from(`${token.username}:${token.password}`).toString('base64') } } }));
    const c = new RegistryClient({ plainHttp: [token.host], retries: 0, credentials: credentialResolver({ env: { HOME: home } }) });
    const ref = Reference.parse(`${token.host}/private/single:1.0`);
    const m = await c.getManifest(ref, '1.0');
    expect(m.digest).toMatch(/^sha256:/);
    await c.close();
  });

  test('token auth: one token per scope, reused across requests; blobs stream verified', async () => {
    const c = client(token, { username: token.username as string, password: token.password as string });
    token.resetCounts();
    const single = tokenImages.single as PushedImage;
    const ref = Reference.parse(single.ref);
    const store = new BlobStore(makeTempDir('store'));
    await c.getManifest(ref, '1.0');
    for (const l of [...single.layers, ...single.configs]) {
      await c.fetchBlob(ref, { mediaType: 'x', digest: l as Digest, size: single.sizes[l] as number }, store);
      expect(sha(fs.readFileSync(store.path(l as Digest)))).toBe(l);
    }
    const asked = token.tokenRequests?.() ?? [];
    expect(asked).toHaveLength(1);
    expect(asked[0]?.scope).toEqual([`repository:${single.repo}:pull`]);
    expect(asked[0]?.account).toBe(token.username);
    await c.close();
  });

  test('token auth: anonymous pulls of public repositories work; private ones say credentials are needed', async () => {
    const c = client(token);
    const single = tokenImages.single as PushedImage;
    expect((await c.getManifest(Reference.parse(single.ref), '1.0')).digest).toBe(single.digest);
    const e = await caught(c.getManifest(Reference.parse(`${token.host}/private/single:1.0`), '1.0'));
    expect(e.message).toMatch(/refused anonymous access|not authorized|denied/);
    expect(e.hint).toMatch(/docker login|username and password/);
    await c.close();
  });

  test('token auth: a wrong password is named, and never printed', async () => {
    const c = client(token, { username: token.username as string, password: 'hunter2-wrong' });
    const e = await caught(c.getManifest(Reference.parse(`${token.host}/private/single:1.0`), '1.0'));
    expect(e.message).toMatch(/refused the credentials/);
    expect(`${e.message} ${e.hint}`).not.toContain('hunter2');
    await c.close();
  });
});

describe('faults injected in front of the real registry', () => {
  let reg: RegistryFixture;
  let proxy: FaultProxy;
  let images: Record<string, PushedImage>;
  let big: PushedImage;
  const warnings: string[] = [];
  const mk = (retries = 3): RegistryClient =>
    new RegistryClient({ plainHttp: [proxy.host, proxy.storageHost], retries, retryDelayMs: 50, logger: { debug: () => undefined, info: () => undefined, warning: (m) => warnings.push(m) } });
  const refOf = (p: PushedImage): Reference => Reference.parse(`${proxy.host}/${p.repo}:${p.tag}`);

  beforeAll(async () => {
    reg = await startRegistry({ auth: 'anonymous' });
    images = await seedImages(reg, 'seed', { only: ['single', 'big'], layerBytes: 3 * 1024 * 1024 });
    big = images.big as PushedImage;
    proxy = await startFaultProxy(reg.host);
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    await reg?.stop();
  });

  const bigLayer = (): { mediaType: string; digest: Digest; size: number } => {
    const d = big.layers[0] as Digest;
    return { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: d, size: big.sizes[d] as number };
  };

  test('429 with Retry-After is honoured, then the request succeeds', async () => {
    proxy.clear();
    warnings.length = 0;
    proxy.add({ path: /\/manifests\//, fault: { kind: 'status', status: 429, retryAfter: '1' } });
    const c = mk();
    const started = Date.now();
    const m = await c.getManifest(refOf(big), big.tag);
    expect(m.digest).toBe(big.digest);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(warnings.join('\n')).toMatch(/rate limited.*retrying.*after 1 s as the registry asked/);
    await c.close();
  });

  test('a 5xx burst is retried; when retries run out the error says so', async () => {
    proxy.clear();
    proxy.add({ path: /\/manifests\//, fault: { kind: 'status', status: 503 }, times: 2 });
    const c = mk(3);
    expect((await c.getManifest(refOf(big), big.tag)).digest).toBe(big.digest);
    proxy.add({ path: /\/manifests\//, fault: { kind: 'status', status: 500 }, times: 10 });
    const e = await caught(mk(2).getManifest(refOf(big), big.tag));
    expect(e.message).toMatch(/answered 500.*gave up after 3 attempts/);
    await c.close();
  });

  test('a connection reset mid-blob resumes with Range and stores exact bytes', async () => {
    proxy.clear();
    proxy.add({ method: 'GET', path: /\/blobs\//, fault: { kind: 'reset-after', bytes: 1024 * 1024 } });
    const c = mk();
    const store = new BlobStore(makeTempDir('store'));
    const layer = bigLayer();
    await c.fetchBlob(refOf(big), layer, store);
    expect(sha(fs.readFileSync(store.path(layer.digest)))).toBe(layer.digest);
    const gets = proxy.requests.filter((r) => r.method === 'GET' && r.path.includes('/blobs/'));
    expect(gets).toHaveLength(2);
    expect(gets[1]?.range).toMatch(/^bytes=\d+-$/);
    expect(Number(/=(\d+)-/.exec(gets[1]?.range ?? '')?.[1])).toBeGreaterThan(0);
    await c.close();
  });

  test('altered bytes are refused and nothing is stored', async () => {
    proxy.clear();
    proxy.add({ method: 'GET', path: /\/blobs\//, fault: { kind: 'alter-body' } });
    const c = mk(0);
    const dir = makeTempDir('store');
    const store = new BlobStore(dir);
    const layer = bigLayer();
    const e = await caught(c.fetchBlob(refOf(big), layer, store));
    expect(e.message).toMatch(/does not match its digest/);
    expect(fs.readdirSync(path.join(dir, 'blobs', 'sha256'))).toEqual([]);
    proxy.add({ method: 'GET', path: /\/manifests\/sha256/, fault: { kind: 'alter-body' } });
    const e2 = await caught(c.getManifest(refOf(big), big.digest));
    expect(e2.message).toMatch(/does not match its digest/);
    await c.close();
  });

  test('a redirect to another host (storage) is followed without the Authorization header', async () => {
    proxy.clear();
    proxy.add({ method: 'GET', path: /\/blobs\//, fault: { kind: 'redirect', to: 'storage' } });
    const c = new RegistryClient({ plainHttp: [proxy.host, proxy.storageHost], retries: 0, credentials: async () => ({ username: 'u', password: 'p', source: 'test' }) });
    // Teach the client that this host uses basic auth by a 401 challenge, so it sends credentials.
    proxy.add({ path: /\/manifests\//, fault: { kind: 'respond', status: 401, headers: { 'www-authenticate': 'Basic realm="test"' }, body: '' } });
    await c.getManifest(refOf(big), big.tag);
    const store = new BlobStore(makeTempDir('store'));
    const layer = bigLayer();
    await c.fetchBlob(refOf(big), layer, store);
    expect(proxy.requests.find((r) => r.path.includes('/blobs/'))?.authorization).toMatch(/^Basic /);
    expect(proxy.storageRequests).toHaveLength(1);
    expect(proxy.storageRequests[0]?.authorization).toBeUndefined();
    expect(sha(fs.readFileSync(store.path(layer.digest)))).toBe(layer.digest);
    await c.close();
  });

  test('schema 1 manifests are rejected clearly; manifests over 4 MiB are refused', async () => {
    proxy.clear();
    const schema1 = JSON.stringify({ schemaVersion: 1, name: 'x', tag: 'old', fsLayers: [], history: [] });
    proxy.add({ path: /\/manifests\/old$/, fault: { kind: 'respond', status: 200, headers: { 'content-type': 'application/vnd.docker.distribution.manifest.v1+prettyjws' }, body: schema1 } });
    const c = mk(0);
    const { resolveImages } = await import('../../src/sources/resolve.js');
    const { RegistrySource } = await import('../../src/sources/registry.js');
    const pLimit = (await import('p-limit')).default;
    const ref = Reference.parse(`${proxy.host}/seed/big:old`);
    const err = await resolveImages([{ component: 'c', written: ref.original, reference: ref, source: new RegistrySource(c) }], { architecture: 'amd64', indexDigests: 'fail', store: new BlobStore(makeTempDir('s')), limit: pLimit(2) }).catch((e: Error) => e);
    expect(String((err as Error).message)).toMatch(/Docker schema 1 manifest/);
    proxy.add({ path: /\/manifests\/huge$/, fault: { kind: 'respond', status: 200, headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }, body: Buffer.alloc(5 * 1024 * 1024, 32) } });
    const e = await caught(c.getManifest(Reference.parse(`${proxy.host}/seed/big:huge`), 'huge'));
    expect(e.message).toMatch(/over the 4 MiB limit/);
    await c.close();
  });
});
