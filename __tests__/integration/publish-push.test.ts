/**
 * Pushing and publishing through the library against the real registry: the registry killed in the
 * middle of large uploads and started again, a failed chunk retried alone, OCI-Chunk-Min-Length and
 * an upload Location on another path, cross-repository mounts, clear errors (missing repository,
 * refused push, rate limits), and jobs contending for one tag's index: two at once, one whose
 * index keeps being overwritten, and a tag that held a plain manifest.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import pLimit from 'p-limit';
import { LadingError } from '../../src/errors.js';
import { RegistryClient } from '../../src/oci/client.js';
import type { Digest } from '../../src/oci/digest.js';
import { OciError } from '../../src/oci/errors.js';
import { pushBlob } from '../../src/oci/push.js';
import { Reference } from '../../src/oci/reference.js';
import { renderChecksums } from '../../src/package/checksums.js';
import { publishPackage, type PublishInput } from '../../src/publish/publish.js';
import { verifyPublished } from '../../src/publish/verify.js';
import { cleanupFixtures, makeTempDir, startFaultProxy, startRegistry, type FaultProxy, type RegistryFixture } from './setup/index.js';
import { RegistryClient as TestClient } from './setup/oci-http.js';

const MiB = 1024 * 1024;
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

let reg: RegistryFixture;
let faults: FaultProxy;
const warnings: string[] = [];

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' });
  faults = await startFaultProxy(reg.host);
}, 60_000);
afterAll(async () => {
  await faults?.close();
  await reg?.stop();
  await cleanupFixtures();
});

const client = (hosts: string[], retries = 3): RegistryClient =>
  new RegistryClient({ plainHttp: hosts, retries, retryDelayMs: 100, logger: { debug: () => undefined, info: () => undefined, warning: (m) => warnings.push(m) } });

async function caught(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
}

/** A random file of `size` bytes; returns its path and sha256 hex. */
function randomFile(dir: string, name: string, size: number): { file: string; sha256: string } {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'w');
  const h = createHash('sha256');
  for (let left = size; left > 0; ) {
    const b = randomBytes(Math.min(left, 4 * MiB));
    fs.writeSync(fd, b);
    h.update(b);
    left -= b.length;
  }
  fs.closeSync(fd);
  return { file, sha256: h.digest('hex') };
}

/** A small package on disk: `files` (name -> size) plus checksums.txt and zarf.yaml. */
function packageOf(files: Record<string, number>, architecture = 'amd64'): Pick<PublishInput, 'files' | 'zarfYaml' | 'locate'> {
  const dir = makeTempDir('pkg');
  const list = Object.entries(files).map(([p, size]) => ({ path: p, size, sha256: randomFile(dir, p, size).sha256 }));
  const { text, aggregateChecksum } = renderChecksums(list);
  const zarfYaml = `kind: ZarfPackageConfig\nmetadata:\n  name: fault\n  version: 1.0.0\n  architecture: ${architecture}\n  aggregateChecksum: ${aggregateChecksum}\nbuild:\n  architecture: ${architecture}\n  timestamp: Mon, 23 Nov 2026 11:00:00 +0000\n  version: 0.1.0\ncomponents:\n  - name: big\n`;
  fs.writeFileSync(path.join(dir, 'checksums.txt'), text);
  fs.writeFileSync(path.join(dir, 'zarf.yaml'), zarfYaml);
  const all = [...list, { path: 'checksums.txt', size: Buffer.byteLength(text), sha256: sha(Buffer.from(text)) }, { path: 'zarf.yaml', size: Buffer.byteLength(zarfYaml), sha256: sha(Buffer.from(zarfYaml)) }];
  return { files: all, zarfYaml, locate: (title) => ({ file: path.join(dir, ...title.split('/')) }) };
}

const quiet = { log: () => undefined, warn: (m: string) => warnings.push(m) };

/**
 * A proxy in front of the registry that keeps upload URLs pointing at itself (it forwards the Host
 * header), can move them to another path (`/elsewhere/...`, absolute URLs), can add
 * OCI-Chunk-Min-Length to the start of an upload, and can fail chosen PATCH requests with a 503
 * after reading their body (so none of it reaches the registry).
 */
async function startUploadProxy(target: string): Promise<{ host: string; requests: Array<{ method: string; path: string; range?: string; status?: number }>; opts: { elsewhere: boolean; minChunk?: number; failPatches: Set<number> }; close(): Promise<void> }> {
  const requests: Array<{ method: string; path: string; range?: string; status?: number }> = [];
  const opts: { elsewhere: boolean; minChunk?: number; failPatches: Set<number> } = { elsewhere: false, failPatches: new Set() };
  let patches = 0;
  let host = '';
  const server = http.createServer((req, res) => {
    let url = req.url ?? '/';
    if (url.startsWith('/elsewhere/')) {
      // `/elsewhere/<base64url of the registry's path and query>[?what the client added]`
      const [encoded = '', added] = url.slice('/elsewhere/'.length).split('?');
      const original = Buffer.from(encoded, 'base64url').toString('utf8');
      url = added === undefined ? original : `${original}${original.includes('?') ? '&' : '?'}${added}`;
    }
    const record: { method: string; path: string; range?: string; status?: number } = { method: req.method ?? '', path: req.url ?? '', ...(req.headers['content-range'] !== undefined ? { range: String(req.headers['content-range']) } : {}) };
    requests.push(record);
    if (req.method === 'PATCH' && opts.failPatches.has(++patches)) {
      req.resume();
      req.on('end', () => {
        record.status = 503;
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ code: 'UNAVAILABLE', message: 'injected' }] }));
      });
      return;
    }
    const [hostname, port] = target.split(':');
    const up = http.request({ hostname, port: Number(port), method: req.method, path: url, headers: req.headers }, (ur) => {
      record.status = ur.statusCode;
      const headers = { ...ur.headers };
      const loc = headers.location;
      if (typeof loc === 'string' && /\/blobs\/uploads\//.test(loc) && opts.elsewhere) {
        const u = new URL(loc, `http://${host}`);
        headers.location = `http://${host}/elsewhere/${Buffer.from(`${u.pathname}${u.search}`).toString('base64url')}`;
      }
      if (req.method === 'POST' && ur.statusCode === 202 && opts.minChunk !== undefined) headers['oci-chunk-min-length'] = String(opts.minChunk);
      res.writeHead(ur.statusCode ?? 502, headers);
      ur.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  host = `127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    host,
    requests,
    opts,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  };
}

describe('faults while publishing', () => {
  test('the registry killed in the middle of large uploads (chunked and single PUT) and started again: the publish retries and completes with exactly the right bytes', async () => {
    const pkg = packageOf({ 'components/big.tar': 40 * MiB, 'components/medium.tar': 12 * MiB, 'components/small.tar': 1000 });
    const c = client([reg.host], 8);
    warnings.length = 0;
    let restarting: Promise<void> | undefined;
    const logs: string[] = [];
    const target = Reference.parse(`${reg.host}/faults/killed:1.0.0`);
    try {
      const result = await publishPackage({
        client: c,
        target,
        architecture: 'amd64',
        ...pkg,
        limit: pLimit(4),
        ...quiet,
        log: (l) => logs.push(l),
        progressIntervalMs: 100,
        chunkThreshold: 16 * MiB,
        chunkSize: 4 * MiB,
        settleMs: 0,
        onProgress: (sent, total) => {
          if (restarting === undefined && sent > total * 0.35) {
            reg.signal('SIGKILL');
            restarting = reg.restart();
          }
        }
      });
      expect(restarting).toBeDefined();
      await restarting;
      expect(warnings.some((w) => /retrying/.test(w))).toBe(true);
      expect(result.uploaded.blobs).toBe(6);
      // Total byte progress, throttled, and a final line with what was sent.
      expect(logs.some((l) => /^blobs: [\d.]+ \w+ of 52\.0 MiB \(\d+%\)/.test(l))).toBe(true);
      expect(logs).toContainEqual(expect.stringMatching(/^blobs: sent 6 \(52\.0 MiB\), mounted 0 \(0 B\), already there 0 \(0 B\)/));
      expect(await verifyPublished(c, target, result.digest)).toEqual({ layers: 5 });
      // The registry holds exactly the right bytes.
      const reader = new TestClient({ host: reg.host });
      for (const f of pkg.files) {
        const blob = await reader.getBlob('faults/killed', `sha256:${f.sha256}`);
        expect({ path: f.path, status: blob.status, sha: sha(blob.body) }).toEqual({ path: f.path, status: 200, sha: f.sha256 });
      }
    } finally {
      await restarting?.catch(() => undefined);
      await c.close();
    }
  }, 120_000);

  test('a registry that freezes in the middle of an upload: the stalled request is aborted and retried, and the upload completes once it answers again', async () => {
    const { file, sha256 } = randomFile(makeTempDir('stall'), 'blob', 48 * MiB);
    const c = client([reg.host], 4);
    warnings.length = 0;
    let frozen = false;
    let thawed: Promise<void> | undefined;
    try {
      const r = await pushBlob(c, Reference.parse(`${reg.host}/faults/stall:1`), { digest: `sha256:${sha256}`, size: 48 * MiB }, { file }, {
        stallTimeoutMs: 1000,
        onProgress: () => {
          if (!frozen) {
            frozen = true;
            reg.signal('SIGSTOP');
            thawed = new Promise((resolve) => setTimeout(() => resolve(reg.signal('SIGCONT')), 2500));
          }
        }
      });
      expect(r.outcome).toBe('uploaded');
      expect(warnings.some((w) => /made no progress and was aborted; retrying/.test(w))).toBe(true);
      const blob = await new TestClient({ host: reg.host }).getBlob('faults/stall', `sha256:${sha256}`);
      expect(sha(blob.body)).toBe(sha256);
    } finally {
      await thawed;
      reg.signal('SIGCONT');
      await c.close();
    }
  }, 60_000);

  test('a blob whose repository link the registry lost in a crash (its HEAD answers 500 for good) is uploaded again, which repairs it', async () => {
    // What a registry killed while it wrote the link file leaves: an empty `link`, and 500 "invalid
    // checksum digest format" for every HEAD of that blob in that repository.
    const { file, sha256 } = randomFile(makeTempDir('link'), 'blob', 2 * MiB);
    const ref = Reference.parse(`${reg.host}/faults/link:1`);
    const c = client([reg.host], 1);
    try {
      expect((await pushBlob(c, ref, { digest: `sha256:${sha256}`, size: 2 * MiB }, { file })).outcome).toBe('uploaded');
      const link = path.join(reg.storageDir, 'docker', 'registry', 'v2', 'repositories', 'faults', 'link', '_layers', 'sha256', sha256, 'link');
      fs.writeFileSync(link, '');
      expect((await new TestClient({ host: reg.host }).headBlob('faults/link', `sha256:${sha256}`)).status).toBe(500);
      const debug: string[] = [];
      const r = await pushBlob(c, ref, { digest: `sha256:${sha256}`, size: 2 * MiB }, { file }, { debug: (l) => debug.push(l) });
      expect(r.outcome).toBe('uploaded');
      expect(debug.some((l) => /answered 500 for blob .*; uploading sha256:/.test(l))).toBe(true);
      expect((await new TestClient({ host: reg.host }).headBlob('faults/link', `sha256:${sha256}`)).status).toBe(200);
      const blob = await new TestClient({ host: reg.host }).getBlob('faults/link', `sha256:${sha256}`);
      expect(sha(blob.body)).toBe(sha256);
    } finally {
      await c.close();
    }
  }, 60_000);

  test('a failed chunk is retried alone: the upload status is asked, the same range sent again, the upload goes on', async () => {
    const proxy = await startUploadProxy(reg.host);
    const c = client([proxy.host]);
    try {
      const dir = makeTempDir('chunk');
      const { file, sha256 } = randomFile(dir, 'blob', 18 * MiB);
      proxy.opts.failPatches = new Set([3]);
      const ref = Reference.parse(`${proxy.host}/faults/chunk:1`);
      const r = await pushBlob(c, ref, { digest: `sha256:${sha256}`, size: 18 * MiB }, { file }, { chunkThreshold: 8 * MiB, chunkSize: 4 * MiB });
      expect(r.outcome).toBe('uploaded');
      const patches = proxy.requests.filter((q) => q.method === 'PATCH');
      expect(patches.map((p) => [p.range, p.status])).toEqual([
        ['0-4194303', 202],
        ['4194304-8388607', 202],
        ['8388608-12582911', 503],
        ['8388608-12582911', 202],
        ['12582912-16777215', 202],
        ['16777216-18874367', 202]
      ]);
      expect(proxy.requests.filter((q) => q.method === 'POST')).toHaveLength(1);
      expect(proxy.requests.filter((q) => q.method === 'GET' && /\/blobs\/uploads\//.test(q.path))).toHaveLength(1);
      const blob = await new TestClient({ host: reg.host }).getBlob('faults/chunk', `sha256:${sha256}`);
      expect(sha(blob.body)).toBe(sha256);
    } finally {
      await c.close();
      await proxy.close();
    }
  }, 60_000);

  test('OCI-Chunk-Min-Length makes a small blob go up in chunks of at least that size, at an absolute upload URL on another path', async () => {
    const proxy = await startUploadProxy(reg.host);
    proxy.opts.elsewhere = true;
    proxy.opts.minChunk = 5 * MiB;
    const c = client([proxy.host]);
    try {
      const { file, sha256 } = randomFile(makeTempDir('minchunk'), 'blob', 12 * MiB);
      const r = await pushBlob(c, Reference.parse(`${proxy.host}/faults/minchunk:1`), { digest: `sha256:${sha256}`, size: 12 * MiB }, { file }, { chunkSize: 1 * MiB });
      expect(r).toEqual({ outcome: 'uploaded', chunks: 3 });
      const uploads = proxy.requests.filter((q) => q.method === 'PATCH' || q.method === 'PUT');
      expect(uploads.map((q) => [q.method, q.range ?? ''])).toEqual([
        ['PATCH', '0-5242879'],
        ['PATCH', '5242880-10485759'],
        ['PATCH', '10485760-12582911'],
        ['PUT', '']
      ]);
      expect(uploads.every((q) => q.path.startsWith('/elsewhere/'))).toBe(true);
      const blob = await new TestClient({ host: reg.host }).getBlob('faults/minchunk', `sha256:${sha256}`);
      expect(sha(blob.body)).toBe(sha256);
    } finally {
      await c.close();
      await proxy.close();
    }
  }, 60_000);

  test('cross-repository mount: 201 is done; a registry that starts an upload instead (202) gets the blob on that upload', async () => {
    const c = client([reg.host]);
    try {
      const bytes = randomBytes(300_000);
      const digest = `sha256:${sha(bytes)}` as Digest;
      expect((await pushBlob(c, Reference.parse(`${reg.host}/mount/source:1`), { digest, size: bytes.length }, { bytes })).outcome).toBe('uploaded');
      reg.resetCounts();
      expect(await pushBlob(c, Reference.parse(`${reg.host}/mount/dest:1`), { digest, size: bytes.length }, { bytes }, { mountFrom: ['mount/source'] })).toEqual({ outcome: 'mounted', from: 'mount/source', chunks: 0 });
      expect(reg.blobMounts()).toBe(1);
      expect(reg.blobPuts()).toBe(0);
      reg.resetCounts();
      const r = await pushBlob(c, Reference.parse(`${reg.host}/mount/other:1`), { digest, size: bytes.length }, { bytes }, { mountFrom: ['mount/nowhere'] });
      expect(r.outcome).toBe('uploaded');
      const posts = reg.requests().filter((q) => q.method === 'POST');
      expect(posts.map((p) => [/mount=/.test(p.uri), p.status])).toEqual([[true, 202]]);
      expect(reg.blobPuts()).toBe(1);
    } finally {
      await c.close();
    }
  }, 60_000);
});

describe('clear errors', () => {
  const ref = (): Reference => Reference.parse(`${faults.host}/errors/pkg:1.0.0`);

  test('a registry without push-to-create (404 NAME_UNKNOWN on the upload) says to create the repository; the tag is not touched', async () => {
    faults.clear();
    faults.add({ method: 'POST', path: /\/blobs\/uploads\//, times: 100, fault: { kind: 'status', status: 404, body: JSON.stringify({ errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }] }) } });
    const c = client([faults.host], 0);
    try {
      const e = await caught(publishPackage({ client: c, target: ref(), architecture: 'amd64', ...packageOf({ 'components/a.tar': 100 }), limit: pLimit(2), ...quiet }));
      expect(e).toBeInstanceOf(LadingError);
      expect(e.message).toMatch(/^publishing .*errors\/pkg:1\.0\.0 failed: repository errors\/pkg does not exist on 127\.0\.0\.1:\d+, and this registry does not create repositories on push/);
      expect(e.message).toMatch(/the tag was not changed/);
      expect((e as LadingError).hint).toMatch(/create the repository errors\/pkg/);
      expect(faults.requests.filter((q) => q.method === 'PUT')).toEqual([]);
    } finally {
      faults.clear();
      await c.close();
    }
  });

  test('a refused push names the repository and the scope', async () => {
    faults.clear();
    faults.add({ method: 'POST', path: /\/blobs\/uploads\//, fault: { kind: 'status', status: 403, body: JSON.stringify({ errors: [{ code: 'DENIED', message: 'requested access to the resource is denied' }] }) } });
    const c = client([faults.host], 0);
    try {
      const bytes = Buffer.from('x');
      const e = (await caught(pushBlob(c, ref(), { digest: `sha256:${sha(bytes)}`, size: 1 }, { bytes }))) as OciError;
      expect(e.message).toMatch(/refused push access to errors\/pkg .*scope repository:errors\/pkg:push,pull/);
      expect(e.hint).toMatch(/packages: write/);
    } finally {
      faults.clear();
      await c.close();
    }
  });

  test('rate limits: a short Retry-After is waited out; a long one fails saying so', async () => {
    faults.clear();
    const bytes = randomBytes(1000);
    const blob = { digest: `sha256:${sha(bytes)}` as Digest, size: bytes.length };
    const c = client([faults.host], 2);
    try {
      faults.add({ method: 'POST', path: /\/blobs\/uploads\//, fault: { kind: 'status', status: 429, retryAfter: '1' } });
      const started = Date.now();
      expect((await pushBlob(c, ref(), blob, { bytes })).outcome).toBe('uploaded');
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      faults.clear();
      faults.add({ method: 'HEAD', path: /\/blobs\//, fault: { kind: 'status', status: 429, retryAfter: '3600' } });
      const e = await caught(pushBlob(c, Reference.parse(`${faults.host}/errors/other:1`), blob, { bytes }));
      expect(e.message).toMatch(/rate limited by .*asks to wait 3600 s/);
    } finally {
      faults.clear();
      await c.close();
    }
  });
});

describe('one tag, several architectures at once', () => {
  test('two jobs publishing amd64 and arm64 to the same tag at the same time both end up in its index', async () => {
    const c = client([reg.host]);
    try {
      const amd = packageOf({ 'components/a.tar': 2000 }, 'amd64');
      const arm = packageOf({ 'components/a.tar': 3000 }, 'arm64');
      for (const round of [1, 2, 3]) {
        const target = Reference.parse(`${reg.host}/race/pkg:r${round}`);
        const common = { client: c, target, limit: pLimit(4), ...quiet, settleMs: 50 };
        const [a, b] = await Promise.all([publishPackage({ ...common, architecture: 'amd64', ...amd }), publishPackage({ ...common, architecture: 'arm64', ...arm })]);
        const index = JSON.parse((await new TestClient({ host: reg.host }).getManifest('race/pkg', `r${round}`)).body.toString()) as { manifests: Array<{ digest: string; platform: { architecture: string } }> };
        expect(index.manifests.map((m) => [m.platform.architecture, m.digest]).sort()).toEqual([
          ['amd64', a.digest],
          ['arm64', b.digest]
        ]);
      }
    } finally {
      await c.close();
    }
  }, 60_000);
});

/**
 * A proxy in front of the registry where another job overwrites the tag's index right after every
 * index PUT to the tag `tag` (before the PUT is answered): `rival(n)` gives the n-th index it writes.
 */
async function startRivalProxy(target: string, repo: string, tag: string, rival: (n: number) => Buffer): Promise<{ host: string; tagPuts: () => number; close(): Promise<void> }> {
  const direct = new TestClient({ host: target });
  let puts = 0;
  const server = http.createServer((req, res) => {
    const [hostname, port] = target.split(':');
    const up = http.request({ hostname, port: Number(port), method: req.method, path: req.url, headers: req.headers }, (ur) => {
      const answer = (): void => {
        res.writeHead(ur.statusCode ?? 502, ur.headers);
        ur.pipe(res);
      };
      if (req.method === 'PUT' && req.url === `/v2/${repo}/manifests/${tag}` && ur.statusCode === 201) {
        puts++;
        direct.pushManifest(repo, tag, 'application/vnd.oci.image.index.v1+json', rival(puts)).then(answer, () => res.destroy());
      } else {
        answer();
      }
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    host: `127.0.0.1:${(server.address() as { port: number }).port}`,
    tagPuts: () => puts,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  };
}

describe('one tag, contended', () => {
  test('an index another job keeps overwriting: the publish merges again up to the limit, then fails with what to do', async () => {
    const direct = client([reg.host]);
    const arm = await publishPackage({ client: direct, target: Reference.parse(`${reg.host}/rival/pkg:arm-only`), limit: pLimit(4), ...quiet, architecture: 'arm64', ...packageOf({ 'components/a.tar': 1500 }, 'arm64') });
    const rivalIndex = (n: number): Buffer =>
      Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.index.v1+json',
          manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: arm.digest, size: arm.manifestSize, platform: { architecture: 'arm64', os: 'multi' } }],
          annotations: { 'test.rival.write': String(n) }
        })
      );
    const proxy = await startRivalProxy(reg.host, 'rival/pkg', 'contended', rivalIndex);
    const c = client([proxy.host]);
    const seen: string[] = [];
    try {
      const e = await caught(
        publishPackage({ client: c, target: Reference.parse(`${proxy.host}/rival/pkg:contended`), limit: pLimit(4), log: () => undefined, warn: (m) => seen.push(m), architecture: 'amd64', indexAttempts: 3, settleMs: 10, ...packageOf({ 'components/a.tar': 2000 }) })
      );
      expect(e).toBeInstanceOf(LadingError);
      expect(e.message).toBe(`the index of ${proxy.host}/rival/pkg:contended kept changing while this job updated it; the amd64 entry may be missing`);
      expect((e as LadingError).hint).toBe('publish the architectures one after another: put the publishing jobs in one `concurrency:` group (see the README), then run again');
      expect(seen).toEqual([2, 3].map((n) => `${proxy.host}/rival/pkg:contended changed while its index was being updated (another job publishing another architecture?); merging again (attempt ${n} of 3)`));
      expect(proxy.tagPuts()).toBe(3);
      // The tag holds the other job's last index.
      const index = JSON.parse((await new TestClient({ host: reg.host }).getManifest('rival/pkg', 'contended')).body.toString()) as { annotations: Record<string, string> };
      expect(index.annotations['test.rival.write']).toBe('3');
    } finally {
      await c.close();
      await direct.close();
      await proxy.close();
    }
  }, 60_000);

  test('a tag holding a plain manifest becomes an index of the package, with a warning naming what it pointed at', async () => {
    const c = client([reg.host]);
    const test = new TestClient({ host: reg.host });
    const seen: string[] = [];
    try {
      const arm = await publishPackage({ client: c, target: Reference.parse(`${reg.host}/plain/pkg:arm-only`), limit: pLimit(4), ...quiet, architecture: 'arm64', ...packageOf({ 'components/a.tar': 1500 }, 'arm64') });
      const body = (await test.getManifest('plain/pkg', arm.digest)).body;
      await test.pushManifest('plain/pkg', 'was-plain', 'application/vnd.oci.image.manifest.v1+json', body);
      const amd = await publishPackage({ client: c, target: Reference.parse(`${reg.host}/plain/pkg:was-plain`), limit: pLimit(4), log: () => undefined, warn: (m) => seen.push(m), architecture: 'amd64', settleMs: 10, ...packageOf({ 'components/a.tar': 2000 }) });
      expect(seen).toEqual([`${reg.host}/plain/pkg:was-plain pointed at a application/vnd.oci.image.manifest.v1+json (${arm.digest}), not an index; it now points at an index of the package's architectures`]);
      expect(amd.architectures).toEqual(['amd64']);
      const tagged = await test.getManifest('plain/pkg', 'was-plain');
      const index = JSON.parse(tagged.body.toString()) as { mediaType: string; manifests: Array<{ digest: string; platform: { architecture: string } }> };
      expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
      expect(index.manifests.map((m) => [m.platform.architecture, m.digest])).toEqual([['amd64', amd.digest]]);
    } finally {
      await c.close();
    }
  }, 60_000);
});
