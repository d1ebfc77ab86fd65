/**
 * Skeleton imports (`import.url: oci://…`) against a real registry: the test publishes skeletons the
 * way Zarf lays them out (a manifest of zarf.yaml, checksums.txt and components/<name>.tar layers, the
 * tag an index whose `{os: multi, architecture: skeleton}` entry points at it) with the test-only HTTP
 * client, then reads them back through openSkeleton: the definition, the flavor, the component folders
 * in Zarf's cache layout, and every refusal (no skeleton entry, values, a bad URL, altered content,
 * tar entries that would leave their folder).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import tar from 'tar-stream';
import { RegistryClient } from '../../src/oci/client.js';
import { openSkeleton } from '../../src/sources/skeleton.js';
import { cleanupFixtures, makeTempDir, publishSkeleton, startRegistry, RegistryClient as TestClient, type Published, type PublishSpec, type RegistryFixture } from './setup/index.js';


const hex = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

let reg: RegistryFixture;
let pusher: TestClient;
let client: RegistryClient;

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' });
  pusher = new TestClient({ host: reg.host });
  client = new RegistryClient({ plainHttp: [reg.host], retries: 1, retryDelayMs: 50 });
}, 60_000);
afterAll(async () => {
  await client?.close();
  await reg?.stop();
  await cleanupFixtures();
});

interface TarItem {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  content?: string;
  mode?: number;
  linkname?: string;
}

/** A tar built entry by entry, as written (no normalization: the malicious cases need that). */
async function makeTar(items: TarItem[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    pack.on('data', (c: unknown) => {
      chunks.push(c as Buffer);
    });
    pack.on('end', () => resolve());
    pack.on('error', reject);
  });
  for (const it of items) {
    const type = it.type ?? 'file';
    const body = type === 'file' ? Buffer.from(it.content ?? '') : undefined;
    await new Promise<void>((resolve, reject) => {
      const header = { name: it.name, type, mode: it.mode ?? (type === 'directory' ? 0o755 : 0o644), mtime: new Date(0), ...(it.linkname !== undefined ? { linkname: it.linkname } : {}) };
      if (body !== undefined) pack.entry(header, body, (e) => (e ? reject(e) : resolve()));
      else pack.entry(header, (e) => (e ? reject(e) : resolve()));
    });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

const publish = (spec: PublishSpec): Promise<Published> => publishSkeleton(pusher, reg.host, spec);

const definition = (extra = ''): string => `kind: ZarfPackageConfig
metadata:
  name: common
  version: 1.0.0
  architecture: skeleton
  aggregateChecksum: AGGREGATE
build:
  architecture: skeleton
  flavor: upstream
components:
  - name: web
    files:
      - source: files/0/hello.txt
        target: /opt/hello.txt
  - name: remote
    images: [ghcr.io/acme/app:1.0.0]
${extra}`;

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
}

function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        out.push(`${r}/`);
        walk(path.join(d, e.name), r);
      } else out.push(e.isSymbolicLink() ? `${r} -> ${fs.readlinkSync(path.join(d, e.name))}` : r);
    }
  };
  walk(dir, '');
  return out;
}

describe('openSkeleton', () => {
  test('reads the skeleton entry of the tag, its zarf.yaml and flavor, and extracts component folders the way Zarf caches them', async () => {
    const web = await makeTar([
      { name: 'web/', type: 'directory' },
      { name: 'web/files/0/hello.txt', content: 'hello from the skeleton\n' },
      { name: 'web/files/1/run.sh', content: '#!/bin/sh\necho hi\n', mode: 0o755 },
      { name: 'web/files/latest', type: 'symlink', linkname: '0/hello.txt' },
      { name: 'web/files/copy.txt', type: 'link', linkname: 'web/files/0/hello.txt' }
    ]);
    const pub = await publish({ repo: 'skel/common', tag: '1.0.0-upstream', zarfYaml: definition(), tars: { web }, amd64: true });
    const cache = makeTempDir('skel-cache');

    const sk = await openSkeleton(client, pub.url, cache);
    expect(sk.reference).toBe(`${reg.host}/skel/common:1.0.0-upstream`);
    expect(sk.digest).toBe(pub.manifestDigest);
    expect(sk.zarfYaml).toBe(pub.zarfYaml);
    expect(sk.flavor).toBe('upstream');

    const dir = await sk.componentDir('web');
    expect(dir).toBe(path.join(cache, 'oci', 'dirs', hex(web)));
    expect(listTree(dir)).toEqual(['files/', 'files/0/', 'files/0/hello.txt', 'files/1/', 'files/1/run.sh', 'files/copy.txt', 'files/latest -> 0/hello.txt']);
    expect(fs.readFileSync(path.join(dir, 'files/latest'), 'utf8')).toBe('hello from the skeleton\n');
    expect(fs.readFileSync(path.join(dir, 'files/copy.txt'), 'utf8')).toBe('hello from the skeleton\n');
    expect(fs.statSync(path.join(dir, 'files/1/run.sh')).mode & 0o111).not.toBe(0);
    expect(fs.statSync(path.join(dir, 'files/0/hello.txt')).mode & 0o111).toBe(0);
    // Only the finished folder is left in dirs/ (no temp folders).
    expect(fs.readdirSync(path.join(cache, 'oci', 'dirs'))).toEqual([hex(web)]);

    // A component with no tar (only remote resources): an empty folder named from the URL and name.
    const remote = await sk.componentDir('remote');
    expect(remote).toBe(path.join(cache, 'oci', 'dirs', hex(`${pub.url}remote`)));
    expect(fs.readdirSync(remote)).toEqual([]);

    // Two imports of the same component at once (two opens): one folder, same content; a later one
    // finds it in the cache without downloading the tar again.
    reg.resetCounts();
    const cache2 = makeTempDir('skel-cache2');
    const [a, b] = await Promise.all([openSkeleton(client, pub.url, cache2), openSkeleton(client, pub.url, cache2)]);
    const [da, db] = await Promise.all([a.componentDir('web'), b.componentDir('web'), a.componentDir('web')]);
    expect(da).toBe(db);
    expect(listTree(da as string)).toEqual(listTree(dir));
    expect(fs.readdirSync(path.join(cache2, 'oci', 'dirs'))).toEqual([hex(web)]);
    const tarGets = (): number => reg.requests().filter((r) => r.method === 'GET' && r.path.endsWith(`/blobs/${pub.layers['components/web.tar']}`)).length;
    const before = tarGets();
    expect(await (await openSkeleton(client, pub.url, cache2)).componentDir('web')).toBe(da);
    expect(tarGets()).toBe(before);
  });

  test('a tag without a skeleton entry fails as Zarf does, naming what the tag holds', async () => {
    const pub = await publish({ repo: 'skel/built-only', tag: '1.0.0', zarfYaml: definition(), skeleton: false, amd64: true });
    const e = await failure(openSkeleton(client, pub.url, makeTempDir('skel-none')));
    expect(e.name).toBe('LadingError');
    expect(e.message).toBe(`package at ${pub.url} exists but has not been published as a skeleton`);
    expect((e as { hint?: string }).hint).toMatch(/only amd64.*zarf package publish <package folder>/);
  });

  test('a tag that does not exist fails with one line', async () => {
    const url = `oci://${reg.host}/skel/common:9.9.9`;
    const e = await failure(openSkeleton(client, url, makeTempDir('skel-missing')));
    expect(e.name).toBe('LadingError');
    expect(e.message).toBe(`published skeleton package for ${url} does not exist`);
  });

  test('a skeleton that declares values is refused, as Zarf refuses it', async () => {
    const pub = await publish({ repo: 'skel/values', tag: '1.0.0', zarfYaml: definition('values:\n  files:\n    - values.yaml\n') });
    const e = await failure(openSkeleton(client, pub.url, makeTempDir('skel-values')));
    expect(e.name).toBe('LadingError');
    expect(e.message).toBe(`imported skeleton ${pub.url} declares values which are not yet supported`);
    // An empty values block is no declaration.
    const ok = await publish({ repo: 'skel/values-empty', tag: '1.0.0', zarfYaml: definition('values:\n  files: []\n') });
    await expect(openSkeleton(client, ok.url, makeTempDir('skel-values-ok'))).resolves.toBeDefined();
  });

  test('URLs that are not oci://<registry>/<repository>:<tag> are refused before any request', async () => {
    for (const [url, why] of [
      [`https://${reg.host}/skel/common:1.0.0`, 'it does not start with oci://'],
      [`oci://${reg.host}/skel/common`, 'it names no tag'],
      ['oci://common:1.0.0', 'it names no registry host'],
      [`oci://${reg.host}/Skel/common:1.0.0`, 'must be lowercase']
    ] as const) {
      const e = await failure(openSkeleton(client, url, makeTempDir('skel-url')));
      expect(e.name).toBe('LadingError');
      expect(e.message).toContain(`import url "${url}" is not a valid OCI URL: `);
      expect(e.message).toContain(why);
    }
  });

  test('a component tar altered after checksums.txt was written is refused before anything is extracted', async () => {
    const web = await makeTar([{ name: 'web/files/0/hello.txt', content: 'hello\n' }]);
    const evil = await makeTar([{ name: 'web/files/0/hello.txt', content: 'replaced\n' }]);
    const pub = await publish({ repo: 'skel/altered', tag: '1.0.0', zarfYaml: definition(), tars: { web }, alter: { 'components/web.tar': evil } });
    const cache = makeTempDir('skel-altered');
    const e = await failure(openSkeleton(client, pub.url, cache));
    expect(e.name).toBe('LadingError');
    expect(e.message).toBe(`skeleton ${pub.url} does not verify: components/web.tar is sha256:${hex(evil)} in the manifest, but checksums.txt says sha256:${hex(web)}`);
    expect(fs.existsSync(path.join(cache, 'oci', 'dirs'))).toBe(false);
  });

  test('checksums.txt that does not match the aggregateChecksum of zarf.yaml is refused', async () => {
    const web = await makeTar([{ name: 'web/files/0/hello.txt', content: 'hello\n' }]);
    const pub = await publish({ repo: 'skel/aggregate', tag: '1.0.0', zarfYaml: definition(), tars: { web }, alter: { 'checksums.txt': Buffer.from(`${hex(web)} components/web.tar\n${hex('x')} components/other.tar\n`) } });
    const e = await failure(openSkeleton(client, pub.url, makeTempDir('skel-aggregate')));
    expect(e.message).toBe(`skeleton ${pub.url}: checksums.txt does not match the aggregateChecksum in zarf.yaml`);
  });

  test('bytes the registry serves that do not hash to the layer digest are refused, and nothing is left in the cache', async () => {
    const web = await makeTar([{ name: 'web/files/0/hello.txt', content: 'hello, original\n' }]);
    const pub = await publish({ repo: 'skel/corrupt', tag: '1.0.0', zarfYaml: definition(), tars: { web } });
    const cache = makeTempDir('skel-corrupt');
    const sk = await openSkeleton(client, pub.url, cache);
    // Corrupt the blob in the registry's storage (same size, other bytes).
    const data = path.join(reg.storageDir, 'docker/registry/v2/blobs/sha256', hex(web).slice(0, 2), hex(web), 'data');
    const orig = fs.readFileSync(data);
    fs.writeFileSync(data, Buffer.from(orig.toString('latin1').replace('original', 'tampered'), 'latin1'));
    try {
      const e = await failure(sk.componentDir('web'));
      expect(e.name).toBe('LadingError');
      expect(e.message).toMatch(new RegExp(`^pulling skeleton ${pub.url}: .*does not match its digest.*sha256:${hex(web)}`));
      expect(fs.existsSync(path.join(cache, 'oci', 'dirs', hex(web)))).toBe(false);
      expect(fs.existsSync(path.join(cache, 'oci', 'blobs', 'sha256', hex(web)))).toBe(false);
    } finally {
      fs.writeFileSync(data, orig);
    }
    // A damaged copy in the local cache is found and fetched again.
    fs.mkdirSync(path.join(cache, 'oci', 'blobs', 'sha256'), { recursive: true });
    fs.writeFileSync(path.join(cache, 'oci', 'blobs', 'sha256', hex(web)), Buffer.alloc(web.length, 0x20));
    const dir = await sk.componentDir('web');
    expect(fs.readFileSync(path.join(dir, 'files/0/hello.txt'), 'utf8')).toBe('hello, original\n');
  });

  describe('tar entries that would leave the component folder are refused', () => {
    const cases: Array<[string, TarItem[], string]> = [
      ['a .. climbing out', [{ name: 'web/../../evil.txt', content: 'x' }], 'web/../../evil.txt'],
      ['an absolute name', [{ name: '/tmp/evil.txt', content: 'x' }], '/tmp/evil.txt'],
      ['a symlink pointing out', [{ name: 'web/files/l', type: 'symlink', linkname: '../../../outside' }], 'web/files/l -> ../../../outside'],
      ['an absolute symlink', [{ name: 'web/etc', type: 'symlink', linkname: '/etc' }], 'web/etc -> /etc'],
      [
        'a write through a symlink',
        [
          { name: 'web/d/', type: 'directory' },
          { name: 'web/link', type: 'symlink', linkname: 'd' },
          { name: 'web/link/x.txt', content: 'x' }
        ],
        'link/x.txt'
      ],
      ['a hard link to a file outside', [{ name: 'web/pw', type: 'link', linkname: '/etc/passwd' }], 'web/pw => /etc/passwd']
    ];
    test.each(cases)('%s', async (_label, items, shown) => {
      const web = await makeTar(items);
      const repo = `skel/evil-${hex(web).slice(0, 12)}`;
      const pub = await publish({ repo, tag: '1.0.0', zarfYaml: definition(), tars: { web } });
      const cache = makeTempDir('skel-evil');
      const sk = await openSkeleton(client, pub.url, cache);
      const e = await failure(sk.componentDir('web'));
      expect(e.name).toBe('LadingError');
      expect(e.message).toContain(`components/web.tar of skeleton ${pub.url} holds an entry "`);
      expect(e.message).toContain(shown);
      expect(fs.existsSync(path.join(cache, 'evil.txt'))).toBe(false);
      expect(fs.existsSync(path.join(cache, 'oci', 'evil.txt'))).toBe(false);
      expect(fs.readdirSync(path.join(cache, 'oci', 'dirs'))).toEqual([]);
    });
  });
});
