import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import { LadingError, LadingErrors, type SourcePosition } from '../../src/errors.js';
import { BlobStore } from '../../src/oci/blobstore.js';
import { RegistryClient } from '../../src/oci/client.js';
import { loadPackage } from '../../src/definition/index.js';

const loadDefinition = (definition: string, workspace: string) => loadPackage({ definition, workspace, architecture: 'amd64' });
import { collectComponentContent, type ComponentContent } from '../../src/package/components/collect.js';
import { DownloadError, HttpFetcher } from '../../src/sources/http.js';
import { compareVersions, fetchRepoChart, listVersions, parseHelmIndex, pickVersion, resolveChartUrl } from '../../src/sources/helm-repo.js';
import { startServer, type TestServer } from './components-http.js';

const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

let tmp: string;
let server: TestServer;
let chartTgz: Buffer;
const fileBody = Buffer.from('#!/bin/sh\necho from the web\n');
const manifestBody = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n';

function helmIndex(digest: string): string {
  return [
    'apiVersion: v1',
    'entries:',
    '  web:',
    '    - version: 1.2.0',
    '      urls: [charts/web-1.2.0.tgz]',
    `      digest: ${digest}`,
    '    - version: 1.10.0-rc.1',
    '      urls: [charts/web-1.10.0-rc.1.tgz]',
    '    - version: 1.1.0',
    '      urls: [charts/web-1.1.0.tgz]',
    '  other:',
    '    - version: 0.1.0',
    '      urls: [https://elsewhere.example.com/other-0.1.0.tgz]',
    ''
  ].join('\n');
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lading-sources-'));
  const src = path.join(tmp, 'chart-src', 'web');
  await mkdir(path.join(src, 'templates'), { recursive: true });
  await writeFile(path.join(src, 'Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 1.2.0\n');
  await writeFile(path.join(src, 'templates', 'cm.yaml'), manifestBody);
  execFileSync('tar', ['-czf', path.join(tmp, 'web.tgz'), '-C', path.join(tmp, 'chart-src'), 'web']);
  chartTgz = await readFile(path.join(tmp, 'web.tgz'));
  let flaky = 0;
  server = await startServer({
    '/tool.sh': fileBody,
    '/m.yaml': manifestBody,
    '/bad.yaml': 'a: [1, 2\n',
    '/repo/index.yaml': helmIndex(sha(chartTgz)),
    '/repo/charts/web-1.2.0.tgz': chartTgz,
    '/badrepo/index.yaml': helmIndex('0'.repeat(64)),
    '/badrepo/charts/web-1.2.0.tgz': chartTgz,
    '/big': Buffer.alloc(4096),
    '/redirect': (_req, res) => res.writeHead(302, { location: '/tool.sh' }).end(),
    '/flaky': (_req, res) => {
      flaky++;
      if (flaky < 2) res.writeHead(503).end();
      else res.writeHead(200, { 'content-length': 2 }).end('ok');
    }
  });
});
afterAll(async () => {
  await server?.close();
  await rm(tmp, { recursive: true, force: true });
});

const fetcher = (listed = true, retries = 0): HttpFetcher => new HttpFetcher({ plainHttp: (h) => listed && h === server.host, retries, retryDelayMs: 10 });

describe('HttpFetcher', () => {
  test('streams to disk with the hash; follows redirects', async () => {
    const f = fetcher();
    const d = await f.download(`${server.url}/redirect`, path.join(tmp, 'dl-1'), 1024);
    expect(d).toEqual({ size: fileBody.length, sha256: sha(fileBody) });
    expect(await readFile(path.join(tmp, 'dl-1'))).toEqual(fileBody);
    await f.close();
  });

  test('plain http:// only for hosts in plain-http; 404, size limit, refused connection: one line each', async () => {
    const unlisted = fetcher(false);
    await expect(unlisted.download(`${server.url}/tool.sh`, path.join(tmp, 'dl-2'), 1024)).rejects.toThrow(`plain http:// is refused for ${server.host}, which is not in the plain-http input`);
    const f = fetcher();
    await expect(f.download(`${server.url}/nope`, path.join(tmp, 'dl-3'), 1024)).rejects.toThrow('not found (404)');
    await expect(f.download(`${server.url}/big`, path.join(tmp, 'dl-4'), 1000)).rejects.toThrow('it is 4096 bytes, over the 1000 bytes limit');
    await expect(f.getBytes(`${server.url}/big`, 1000)).rejects.toThrow(DownloadError);
    await expect(f.download('https://127.0.0.1:1/x', path.join(tmp, 'dl-5'), 1000)).rejects.toThrow('cannot reach 127.0.0.1:1 (connection refused)');
    await expect(f.download('ftp://example.com/x', path.join(tmp, 'dl-6'), 1000)).rejects.toThrow('the ftp:// scheme is not supported here');
    await unlisted.close();
    await f.close();
  });

  test('transient answers are retried', async () => {
    const f = fetcher(true, 2);
    expect((await f.getBytes(`${server.url}/flaky`, 100)).toString()).toBe('ok');
    await f.close();
  });
});

describe('Helm repository index', () => {
  test('parsing, versions, relative URLs', () => {
    const idx = parseHelmIndex(helmIndex('abc'));
    expect(idx.get('web')?.map((e) => e.version)).toEqual(['1.2.0', '1.10.0-rc.1', '1.1.0']);
    expect(pickVersion(idx.get('web') ?? [], 'v1.2.0')?.digest).toBe('abc');
    expect(pickVersion(idx.get('web') ?? [], '9.9.9')).toBeUndefined();
    expect(compareVersions('1.10.0', '1.9.0')).toBeGreaterThan(0);
    expect(compareVersions('1.0.0-rc.1', '1.0.0')).toBeLessThan(0);
    expect(listVersions(['1.1.0', '1.10.0-rc.1', '1.2.0'])).toBe('1.10.0-rc.1, 1.2.0, 1.1.0');
    expect(listVersions(['1', '2', '3'], 2)).toBe('3, 2 and 1 more');
    expect(resolveChartUrl('https://h.example.com/stable', 'charts/a-1.tgz')).toBe('https://h.example.com/stable/charts/a-1.tgz');
    expect(resolveChartUrl('https://h.example.com/stable/', 'https://cdn.example.com/a-1.tgz')).toBe('https://cdn.example.com/a-1.tgz');
    expect(() => parseHelmIndex('apiVersion: v1\n')).toThrow('it has no entries');
  });

  test('picks the version, downloads it and verifies the digest the index gives', async () => {
    const f = fetcher();
    const got = await fetchRepoChart(f, `${server.url}/repo`, 'web', '1.2.0', path.join(tmp, 'web-1.2.0.tgz'));
    expect(got).toMatchObject({ url: `${server.url}/repo/charts/web-1.2.0.tgz`, version: '1.2.0', verified: true, downloaded: { size: chartTgz.length, sha256: sha(chartTgz) } });
    await f.close();
  });

  test('a missing version lists the versions there are; a missing chart suggests a name; a wrong digest names both', async () => {
    const f = fetcher();
    const missing = await fetchRepoChart(f, `${server.url}/repo`, 'web', '9.9.9', path.join(tmp, 'x.tgz')).then(() => undefined, (e: unknown) => e) as LadingError;
    expect(missing.message).toBe(`chart web version 9.9.9 is not in the Helm repository ${server.url}/repo`);
    expect(missing.hint).toBe('available versions: 1.10.0-rc.1, 1.2.0, 1.1.0');
    const name = await fetchRepoChart(f, `${server.url}/repo`, 'wbe', '1.2.0', path.join(tmp, 'y.tgz'), (w, c) => (c.includes('web') && w === 'wbe' ? 'web' : undefined)).then(() => undefined, (e: unknown) => e) as LadingError;
    expect(name.message).toBe(`the Helm repository ${server.url}/repo has no chart named "wbe"`);
    expect(name.hint).toMatch(/did you mean "web"\?/);
    const bad = await fetchRepoChart(f, `${server.url}/badrepo`, 'web', '1.2.0', path.join(tmp, 'z.tgz')).then(() => undefined, (e: unknown) => e) as LadingError;
    expect(bad.message).toBe(`chart web 1.2.0 from ${server.url}/badrepo/charts/web-1.2.0.tgz does not match the digest in the repository index: expected sha256 ${'0'.repeat(64)}, got ${sha(chartTgz)}`);
    await f.close();
  });
});

describe('collecting component content', () => {
  async function collect(zarfYaml: string, files: Record<string, string | Buffer>, warnings?: Array<[number, number, string]>, made?: (dir: string) => void): Promise<ComponentContent> {
    const dir = await mkdtemp(path.join(tmp, 'pkg-'));
    made?.(dir);
    await writeFile(path.join(dir, 'zarf.yaml'), zarfYaml);
    for (const [rel, data] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), data);
    }
    const def = await loadDefinition(path.basename(dir), tmp);
    const store = new BlobStore(path.join(dir, '.store'));
    await store.init();
    const registry = new RegistryClient({ retries: 0 });
    const f = fetcher();
    try {
      return await collectComponentContent({
        definition: def,
        components: def.config.components.map((component, index) => ({ index, component })),
        workDir: path.join(dir, '.work'),
        registry,
        store,
        fetcher: f,
        limit: pLimit(4),
        display: (p) => path.relative(tmp, p),
        log: () => undefined,
        ...(warnings !== undefined ? { warn: (m: string, at: SourcePosition) => void warnings.push([at.line, at.col, m]) } : {})
      });
    } finally {
      await f.close();
      await registry.close();
    }
  }

  const header = 'kind: ZarfPackageConfig\nmetadata:\n  name: demo\n  version: 1.0.0\ncomponents:\n';

  test("Zarf's layout: files/<i>/<target base name>, manifests/<name>-<i>.yaml, charts/<name>-<version>.tgz, values/<name>-<version>-<i>", async () => {
    const local = '#!/bin/sh\necho local\n';
    const content = await collect(
      header +
        [
          '  - name: app',
          '    files:',
          '      - source: tool.sh',
          '        target: /usr/local/bin/tool',
          '        executable: true',
          `        shasum: ${sha(local)}`,
          `      - source: ${server.url}/tool.sh`,
          '        target: /opt/remote.sh',
          `        shasum: ${sha(fileBody)}`,
          '    manifests:',
          '      - name: web',
          `        files: [m/local.yaml, ${server.url}/m.yaml]`,
          '    charts:',
          '      - name: web',
          '        version: 1.2.0',
          '        namespace: web',
          `        url: ${server.url}/repo`,
          '        valuesFiles: [values.yaml]',
          '      - name: mine',
          '        version: 0.1.0',
          '        namespace: web',
          '        localPath: chart',
          ''
        ].join('\n'),
      {
        'tool.sh': local,
        'm/local.yaml': manifestBody,
        'values.yaml': 'replicas: 2\n',
        'chart/Chart.yaml': 'apiVersion: v2\nname: mine-chart\nversion: 0.1.0\n',
        'chart/values.yaml': 'a: 1\n'
      }
    );
    const entries = content.entries['app'] ?? [];
    const byPath = new Map(entries.map((e) => [e.path, e]));
    expect([...byPath.keys()].sort()).toEqual([
      'charts/mine-0.1.0.tgz',
      'charts/web-1.2.0.tgz',
      'files/0/tool',
      'files/1/remote.sh',
      'manifests/web-0.yaml',
      'manifests/web-1.yaml',
      'values/web-1.2.0-0'
    ]);
    expect(byPath.get('files/0/tool')).toMatchObject({ mode: 0o700, verifyDigest: `sha256:${sha(local)}` });
    expect(byPath.get('files/1/remote.sh')).toMatchObject({ mode: 0o600, size: fileBody.length, verifyDigest: `sha256:${sha(fileBody)}` });
    expect(byPath.get('charts/web-1.2.0.tgz')).toMatchObject({ size: chartTgz.length, verifyDigest: `sha256:${sha(chartTgz)}` });
    const mine = byPath.get('charts/mine-0.1.0.tgz') as { source: string };
    expect(execFileSync('tar', ['-tzf', mine.source], { encoding: 'utf8' }).trim().split('\n')).toEqual(['mine-chart/Chart.yaml', 'mine-chart/values.yaml']);
    expect(content.items['app']?.map((i) => [i.kind, i.path, i.verified ?? ''])).toEqual([
      ['chart', 'charts/mine-0.1.0.tgz', ''],
      ['chart', 'charts/web-1.2.0.tgz', 'index digest verified'],
      ['file', 'files/0/tool', 'shasum verified'],
      ['file', 'files/1/remote.sh', 'shasum verified'],
      ['manifest', 'manifests/web-0.yaml', 'YAML checked'],
      ['manifest', 'manifests/web-1.yaml', 'YAML checked'],
      ['values', 'values/web-1.2.0-0', 'YAML checked']
    ]);
    // The content whose sha256 was known before downloading (the remote file's shasum, the index's digest) is in the run's store, for the blob cache.
    expect(content.blobs.map((b) => [b.digest, b.size, b.source]).sort()).toEqual(
      [
        [`sha256:${sha(chartTgz)}`, chartTgz.length, server.host],
        [`sha256:${sha(fileBody)}`, fileBody.length, server.host]
      ].sort()
    );
    for (const p of ['files/1/remote.sh', 'charts/web-1.2.0.tgz']) expect((byPath.get(p) as { source: string }).source).toMatch(/[/\\]\.store[/\\]blobs[/\\]sha256[/\\][0-9a-f]{64}$/);
  });

  test("a URL's trailing @<sha256> is not fetched, is checked, and names the bytes in the blob cache (files, data injections, manifests)", async () => {
    const before = server.requests.length;
    const content = await collect(
      header +
        [
          '  - name: app',
          '    files:',
          `      - source: ${server.url}/tool.sh@${sha(fileBody)}`,
          '        target: /opt/tool.sh',
          '    dataInjections:',
          `      - source: ${server.url}/tool.sh@${sha(fileBody)}`,
          '        target: {namespace: n, selector: a=b, container: c, path: /data/tool}',
          '    manifests:',
          '      - name: web',
          `        files: [${server.url}/m.yaml@${sha(manifestBody)}]`,
          ''
        ].join('\n'),
      {}
    );
    expect(server.requests.slice(before).map((r) => r.path).sort()).toEqual(['/m.yaml', '/tool.sh', '/tool.sh']);
    const byPath = new Map((content.entries['app'] ?? []).map((e) => [e.path, e]));
    expect(byPath.get('files/0/tool.sh')).toMatchObject({ size: fileBody.length, verifyDigest: `sha256:${sha(fileBody)}` });
    expect(byPath.get('data/0/tool')).toMatchObject({ size: fileBody.length, verifyDigest: `sha256:${sha(fileBody)}` });
    expect((byPath.get('manifests/web-0.yaml') as unknown as { content: Buffer }).content.toString()).toBe(manifestBody);
    for (const p of ['files/0/tool.sh', 'data/0/tool']) expect((byPath.get(p) as { source: string }).source).toMatch(/[/\\]\.store[/\\]blobs[/\\]sha256[/\\][0-9a-f]{64}$/);
    expect(content.blobs.map((b) => b.digest)).toEqual([`sha256:${sha(fileBody)}`]);
    expect(content.items['app']?.map((i) => [i.path, i.source])).toEqual(
      expect.arrayContaining([
        ['files/0/tool.sh', `${server.url}/tool.sh`],
        ['data/0/tool', `${server.url}/tool.sh`],
        ['manifests/web-0.yaml', `${server.url}/m.yaml`]
      ])
    );
  });

  test('extractPath from a URL ending in @<sha256>: the archive is fetched without it, checked against it, and named without it', async () => {
    const src = await mkdtemp(path.join(tmp, 'arch-'));
    await mkdir(path.join(src, 'bin'));
    await writeFile(path.join(src, 'bin/tool'), fileBody);
    execFileSync('tar', ['-czf', path.join(src, 'tool.tar.gz'), '-C', src, 'bin/tool']);
    const tgz = await readFile(path.join(src, 'tool.tar.gz'));
    server.routes.set('/tool.tar.gz', tgz);
    const yaml = (digest: string): string =>
      header + ['  - name: app', '    files:', `      - source: ${server.url}/tool.tar.gz@${digest}`, '        target: /usr/local/bin/tool', '        extractPath: bin/tool', ''].join('\n');
    const content = await collect(yaml(sha(tgz)), {});
    const entry = (content.entries['app'] ?? []).find((e) => e.path === 'files/0/tool') as { source: string } | undefined;
    expect(await readFile(entry?.source ?? '')).toEqual(fileBody);
    const err = await collect(yaml(sha(fileBody)), {}).catch((e: unknown) => e);
    expect((err as LadingErrors).errors.map((e) => [e.position?.line, e.message])).toEqual([
      [8, `components[0].files[0].source: ${server.url}/tool.tar.gz does not match the sha256 after its "@": expected ${sha(fileBody)}, got ${sha(tgz)}`]
    ]);
  });

  test('a wrong @<sha256> is one error at its line each, and nothing is kept', async () => {
    const wrong = 'cd'.repeat(32);
    let dir = '';
    const err = await collect(
      header +
        [
          '  - name: app',
          '    files:',
          `      - source: ${server.url}/tool.sh@${wrong}`,
          '        target: /opt/tool.sh',
          '    dataInjections:',
          `      - source: ${server.url}/tool.sh@${wrong}`,
          '        target: {namespace: n, selector: a=b, container: c, path: /data/tool}',
          '    manifests:',
          '      - name: web',
          '        files:',
          `          - ${server.url}/m.yaml@${wrong}`,
          ''
        ].join('\n'),
      {},
      undefined,
      (d) => (dir = d)
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LadingErrors);
    const errors = (err as LadingErrors).errors;
    expect(errors.map((e) => [e.position?.line, e.message])).toEqual([
      [8, `components[0].files[0].source: ${server.url}/tool.sh does not match the sha256 after its "@": expected ${wrong}, got ${sha(fileBody)}`],
      [11, `components[0].dataInjections[0].source: ${server.url}/tool.sh does not match the sha256 after its "@": expected ${wrong}, got ${sha(fileBody)}`],
      [16, `components[0].manifests[0].files[0]: ${server.url}/m.yaml does not match the sha256 after its "@": expected ${wrong}, got ${sha(manifestBody)}`]
    ]);
    const none = (): string[] => [];
    const left = [...(await readdir(path.join(dir, '.work')).catch(none)), ...(await readdir(path.join(dir, '.store', 'blobs', 'sha256')).catch(none))];
    expect(left).toEqual([]);
  });

  test('every problem at its line: wrong shasum (expected and actual), a missing version', async () => {
    const err = await collect(
      header +
        [
          '  - name: app',
          '    files:',
          `      - source: ${server.url}/tool.sh`,
          '        target: /x',
          `        shasum: ${'ab'.repeat(32)}`,
          '    charts:',
          '      - name: web',
          '        version: 9.9.9',
          '        namespace: web',
          `        url: ${server.url}/repo`,
          ''
        ].join('\n'),
      {}
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LadingErrors);
    const errors = (err as LadingErrors).errors;
    expect(errors.map((e) => [e.position?.line, e.position?.col, e.message])).toEqual([
      [10, 17, `components[0].files[0].source "${server.url}/tool.sh" does not match its shasum: expected ${'ab'.repeat(32)}, got ${sha(fileBody)}`],
      [13, 18, `components[0].charts[0].version: chart web version 9.9.9 is not in the Helm repository ${server.url}/repo`]
    ]);
    expect(errors[1]?.hint).toBe('available versions: 1.10.0-rc.1, 1.2.0, 1.1.0');
    for (const e of errors) expect(e.message).not.toMatch(/\n/);
  });

  test("what Zarf builds, under Zarf's names: a chart without a version, templatedValuesFiles after valuesFiles, a local chart whose Chart.yaml gives another version, documents that are not YAML as written", async () => {
    const helmish = 'apiVersion: v1\nkind: ConfigMap\n{{- if .Values.extra }}\ndata: {{ .Values.extra | toYaml }}\n{{- end }}\n';
    const templated = 'replicas: {{ .Values.replicas }}\nimage: [{{ .Values.image }}\n';
    const packaged = Buffer.from(chartTgz);
    const warnings: Array<[number, number, string]> = [];
    const content = await collect(
      header +
        [
          '  - name: app',
          '    manifests:',
          '      - name: web',
          `        files: [m/helmish.yaml, ${server.url}/bad.yaml, m/ok.yaml]`,
          '    charts:',
          '      - name: plain',
          '        namespace: web',
          '        localPath: chart',
          '        valuesFiles: [v/a.yaml, v/not-yaml.yaml]',
          `        templatedValuesFiles: [v/t.yaml, ${server.url}/m.yaml]`,
          '      - name: mine',
          '        version: 0.2.0',
          '        namespace: web',
          '        localPath: chart',
          '        templatedValuesFiles: [v/t.yaml]',
          '      - name: packed',
          '        version: 9.0.0',
          '        namespace: web',
          '        localPath: web.tgz',
          ''
        ].join('\n'),
      {
        'm/helmish.yaml': helmish,
        'm/ok.yaml': manifestBody,
        'v/a.yaml': 'a: 1\n',
        'v/not-yaml.yaml': '- a\n- b\n',
        'v/t.yaml': templated,
        'chart/Chart.yaml': 'apiVersion: v2\nname: mine\nversion: 0.1.0\n',
        'chart/values.yaml': 'a: 1\n',
        'web.tgz': packaged
      },
      warnings
    );
    const entries = content.entries['app'] ?? [];
    const byPath = new Map(entries.map((e) => [e.path, e]));
    expect([...byPath.keys()].sort()).toEqual([
      'charts/mine-0.2.0.tgz',
      'charts/packed-9.0.0.tgz',
      'charts/plain.tgz',
      'manifests/web-0.yaml',
      'manifests/web-1.yaml',
      'manifests/web-2.yaml',
      'values/mine-0.2.0-0',
      'values/plain-0',
      'values/plain-1',
      'values/plain-2',
      'values/plain-3'
    ]);
    const bytes = (p: string): Buffer => {
      const e = byPath.get(p) as { content?: Buffer; source?: string };
      return e.content ?? execFileSync('cat', [e.source as string]);
    };
    // Byte for byte, as written: Zarf copies manifests and values files without reading them.
    expect(bytes('manifests/web-0.yaml').toString()).toBe(helmish);
    expect(bytes('manifests/web-1.yaml').toString()).toBe('a: [1, 2\n');
    expect(bytes('values/plain-0').toString()).toBe('a: 1\n');
    expect(bytes('values/plain-1').toString()).toBe('- a\n- b\n');
    expect(bytes('values/plain-2').toString()).toBe(templated);
    expect(bytes('values/plain-3').toString()).toBe(manifestBody);
    expect(bytes('values/mine-0.2.0-0').toString()).toBe(templated);
    // The chart is packaged as it is: its own Chart.yaml (0.1.0) inside a file named with zarf.yaml's version.
    const mine = byPath.get('charts/mine-0.2.0.tgz') as { source: string };
    expect(execFileSync('tar', ['-xzOf', mine.source, 'mine/Chart.yaml'], { encoding: 'utf8' })).toBe('apiVersion: v2\nname: mine\nversion: 0.1.0\n');
    expect(bytes('charts/packed-9.0.0.tgz')).toEqual(packaged);
    expect(content.items['app']?.filter((i) => i.kind !== 'chart').map((i) => [i.path, i.verified ?? ''])).toEqual([
      ['manifests/web-0.yaml', ''],
      ['manifests/web-1.yaml', ''],
      ['manifests/web-2.yaml', 'YAML checked'],
      ['values/mine-0.2.0-0', ''],
      ['values/plain-0', 'YAML checked'],
      ['values/plain-1', ''],
      ['values/plain-2', ''],
      ['values/plain-3', '']
    ]);
    // Warnings, not errors, each at its line of zarf.yaml; templated values files are templates until deploy and are not looked at.
    const shown = (rel: string): string => expect.stringMatching(new RegExp(`^${rel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)) as unknown as string;
    expect(warnings).toEqual([
      [9, 17, shown('components[0].manifests[0].files[0]: pkg-')],
      [9, 33, `components[0].manifests[0].files[1]: ${server.url}/bad.yaml is not valid YAML as written: Flow sequence in block collection must be sufficiently indented and end with a ] (line 2, column 1 of that file); it is packaged as it is, as zarf package create does, and must be YAML once deploy-time templates are filled`],
      [14, 33, shown('components[0].charts[0].valuesFiles[1]: pkg-')],
      [17, 18, shown('components[0].charts[1].version "0.2.0" is not the version in the Chart.yaml of pkg-')],
      [22, 18, shown('components[0].charts[2].version "9.0.0" is not the version in the Chart.yaml of pkg-')]
    ]);
    expect(warnings[2]?.[2]).toMatch(/v\/not-yaml\.yaml is not a YAML mapping as written; .* must be a YAML mapping once deploy-time templates are filled$/);
    expect(warnings[3]?.[2]).toMatch(/\/chart \(0\.1\.0\): the chart is packaged as it is, as charts\/mine-0\.2\.0\.tgz, named with zarf\.yaml's version as zarf package create names it$/);
    expect(warnings[4]?.[2]).toMatch(/\/web\.tgz \(1\.2\.0\): the chart is packaged as it is, as charts\/packed-9\.0\.0\.tgz/);
  });
});
