/**
 * The blob cache and the components' content: an OCI chart, a Helm repository chart whose index gives
 * its digest and a URL file with a shasum are blobs like image layers. A warm run takes them from the
 * cache (the OCI chart's manifest is still read, to resolve its tag; index.yaml is still read, to find
 * the digest), and a corrupt cached copy is fetched again. Content without a known hash (a file
 * without a shasum) is downloaded every run. The action runs as the runner runs it, against the real
 * registry, a loopback HTTP server and the cache-service double.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cleanupFixtures, runAction, seedImages, startCacheService, startRegistry, type ActionRun, type CacheServiceFixture, type PushedImage, type RegistryFixture } from './setup/index.js';
import { listFiles, sha256File, unpack } from './helpers.js';
import { blobGetDigests, entryFiles, expectSuccess, expectWarm, fresh, localCacheDir, runner, warnings, type Runner } from './cache-runner.js';
import { packagedChart, startServer, type TestServer } from '../package/components-http.js';

let reg: RegistryFixture;
let svc: CacheServiceFixture;
let web: TestServer;
let chart: PushedImage;
let repoChart: Buffer;

const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
const toolBody = Buffer.from(`#!/bin/sh\necho "a tool"\n${'x'.repeat(4096)}\n`);
const notesBody = 'release notes: no shasum, so never cached\n';
const CHART_TGZ = '/charts/podinfo-6.4.0.tgz';
const TOOL = '/releases/tool.sh';
const NOTES = '/releases/notes.txt';

beforeAll(async () => {
  [reg, svc] = await Promise.all([startRegistry({ auth: 'anonymous' }), startCacheService()]);
  chart = (await seedImages(reg, 'content-cache', { only: ['chart'] })).chart as PushedImage;
  repoChart = packagedChart('podinfo', '6.4.0', { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: podinfo\n' });
  const index = ['apiVersion: v1', 'entries:', '  podinfo:', '    - version: 6.4.0', '      urls: [podinfo-6.4.0.tgz]', `      digest: ${sha(repoChart)}`, ''].join('\n');
  web = await startServer({ '/charts/index.yaml': index, [CHART_TGZ]: repoChart, [TOOL]: toolBody, [NOTES]: notesBody });
}, 120_000);
afterAll(async () => {
  await web?.close();
  await reg?.stop();
  await svc?.stop();
  await cleanupFixtures();
});

function zarfYaml(): string {
  return [
    'kind: ZarfPackageConfig',
    'metadata:',
    '  name: content-pkg',
    '  version: 1.0.0',
    'components:',
    '  - name: app',
    '    required: true',
    '    files:',
    `      - source: ${web.url}${TOOL}`,
    '        target: /usr/local/bin/tool',
    '        executable: true',
    `        shasum: ${sha(toolBody)}`,
    `      - source: ${web.url}${NOTES}`,
    '        target: /etc/app/notes.txt',
    '    charts:',
    '      - name: lading-test-chart',
    '        version: 0.1.0',
    '        namespace: demo',
    `        url: oci://${reg.host}/${chart.repo}`,
    '      - name: podinfo',
    '        version: 6.4.0',
    '        namespace: podinfo',
    `        url: ${web.url}/charts`,
    ''
  ].join('\n');
}

/** The blobs the package's content is made of: the OCI chart layer, the repository chart, the file with a shasum. */
const contentBlobs = (): string[] => [...chart.layers, `sha256:${sha(repoChart)}`, `sha256:${sha(toolBody)}`].sort();

async function build(r: Runner, cache: 'actions' | 'local'): Promise<ActionRun> {
  return runAction({
    workspace: r.ws,
    runnerTemp: r.temp,
    toolCache: r.toolCache,
    env: svc.env,
    inputs: { definition: '.', architecture: 'amd64', output: 'out', 'plain-http': `${reg.host}\n${web.host}`, cache, concurrency: '8', retries: '0' }
  });
}

/** GETs of the HTTP server since the last clear, by path, sorted. */
function webGets(): string[] {
  return web.requests.filter((q) => q.method === 'GET').map((q) => q.path).sort();
}

/** A fresh machine and fresh request logs. */
function nextRun(r: Runner): void {
  fresh(r, zarfYaml());
  reg.resetCounts();
  web.requests.length = 0;
}

/** checksums.txt of the package (every file of every component tar, by path and sha256), and the component tar's own hash. */
async function packageContent(run: ActionRun): Promise<{ checksums: string; app: string }> {
  const dir = await unpack(run.outputs.package as string);
  return { checksums: fs.readFileSync(path.join(dir, 'checksums.txt'), 'utf8'), app: sha256File(path.join(dir, 'components', 'app.tar')) };
}

describe('cache: the content of components', () => {
  test('actions: a warm run takes the OCI chart, the repository chart and the file with a shasum from the cache and downloads none of them; the package is identical', async () => {
    const r = runner();
    nextRun(r);
    const cold = await build(r, 'actions');
    expectSuccess(cold);
    expect(warnings(cold)).toEqual([]);
    expect(cold.outputs['cache-hit']).toBe('false');
    expect(blobGetDigests(reg).sort()).toEqual([...chart.layers].sort());
    expect(webGets()).toEqual(['/charts/index.yaml', CHART_TGZ, NOTES, TOOL].sort());

    // The entry holds exactly the content blobs, each the bytes the source sent.
    const entries = svc.entries();
    expect(entries.map((e) => e.key)).toEqual([expect.stringMatching(/^lading-blobs-v1-Linux-X64-content-pkg\.amd64\.[0-9a-f]{16}$/)]);
    const files = await entryFiles(entries[0]?.data as Buffer);
    for (const [n, bytes] of files) expect(sha(bytes)).toBe(path.basename(n));
    expect([...files.keys()].map((n) => `sha256:${path.basename(n)}`).sort()).toEqual(contentBlobs());
    expect(cold.stdout).toContain(`cache: saved ${entries[0]?.key} (3 blobs`);

    nextRun(r);
    svc.clearLog();
    const warm = await build(r, 'actions');
    expectWarm(warm, reg);
    // The chart's tag is still resolved; index.yaml is still read; the file without a shasum is downloaded again.
    expect(reg.requests().filter((q) => q.method === 'GET' && /\/manifests\//.test(q.path)).map((q) => q.path.split('/manifests/')[1])).toEqual([chart.tag]);
    expect(webGets()).toEqual(['/charts/index.yaml', NOTES]);
    for (const line of [`chart oci://${reg.host}/${chart.repo}:0.1.0 from the blob cache`, 'chart podinfo 6.4.0 from the blob cache', `file ${web.url}${TOOL} from the blob cache`]) expect(warm.stdout).toContain(line);
    expect(warm.stdout).toContain(`${entries[0]?.key} is up to date; not saved again`);
    expect(svc.calls('CreateCacheEntry')).toEqual([]);
    expect(warm.summary).toMatch(/\| blob cache \| 3 \|/);
    expect(warm.outputs.checksum).toBe(cold.outputs.checksum);
    expect(await packageContent(warm)).toEqual(await packageContent(cold));
  }, 120_000);

  test('local: a corrupt cached repository chart and file are removed, downloaded again and packaged exact; the intact OCI chart comes from the cache', async () => {
    const r = runner();
    nextRun(r);
    const cold = await build(r, 'local');
    expectSuccess(cold);
    const dir = localCacheDir(r);
    const cachedFile = (hex: string): string => path.join(dir, 'blobs', 'sha256', hex);
    expect(listFiles(path.join(dir, 'blobs', 'sha256')).map((n) => `sha256:${n}`)).toEqual(contentBlobs());

    // Same size, one byte changed: only hashing finds it.
    for (const hex of [sha(repoChart), sha(toolBody)]) {
      const bytes = fs.readFileSync(cachedFile(hex));
      bytes[bytes.length - 10] = (bytes[bytes.length - 10] as number) ^ 0x55;
      fs.rmSync(cachedFile(hex));
      fs.writeFileSync(cachedFile(hex), bytes);
    }

    nextRun(r);
    const run = await build(r, 'local');
    expectSuccess(run);
    expect(warnings(run).sort()).toEqual(
      [sha(repoChart), sha(toolBody)].map((hex) => `cache: blob sha256:${hex} in the cache did not match its digest; it was removed and is fetched again`).sort()
    );
    expect(webGets()).toEqual(['/charts/index.yaml', CHART_TGZ, NOTES, TOOL].sort());
    expect(reg.blobGets()).toBe(0);
    expect(run.outputs['cache-hit']).toBe('partial');
    expect(run.outputs.checksum).toBe(cold.outputs.checksum);
    expect(await packageContent(run)).toEqual(await packageContent(cold));
    // The cache holds the right bytes again.
    for (const d of contentBlobs()) expect(sha256File(cachedFile(d.slice(7)))).toBe(d.slice(7));

    nextRun(r);
    const after = await build(r, 'local');
    expectWarm(after, reg);
    expect(webGets()).toEqual(['/charts/index.yaml', NOTES]);
  }, 120_000);
});
