/**
 * Chart dependencies of a local chart folder, fetched as `helm dependency build` fetches them: from
 * a Helm repository on loopback (index.yaml + .tgz), from the real docker-registry (charts pushed
 * as `helm push` pushes them) and from a file:// folder (with its own file:// dependency). The
 * packaged .tgz is read back with tar, an independent reader.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import { LadingErrors } from '../../src/errors.js';
import { BlobStore } from '../../src/oci/blobstore.js';
import { RegistryClient } from '../../src/oci/client.js';
import { loadPackage } from '../../src/definition/index.js';
import { collectComponentContent, type ComponentContent } from '../../src/package/components/collect.js';
import { lockDigest, renderChartLock } from '../../src/package/components/chart-lock.js';
import { HttpFetcher } from '../../src/sources/http.js';
import { highestMatching, parseConstraint, parseSemver } from '../../src/sources/helm-semver.js';
import { startRegistry, type RegistryFixture } from '../integration/setup/index.js';
import { startServer, type TestServer } from './components-http.js';
import { chartArchive, helmIndex, pushHelmChart, sha } from './chart-deps-fixtures.js';

describe('version ranges as Helm reads them (Masterminds/semver)', () => {
  const versions = ['0.0.3', '0.1.0', '0.2.5', '1.0.0', '1.2.0', '1.2.9', '1.3.0-rc.1', '1.10.0', '2.0.0', 'v2.1', 'not-a-version'];
  const pick = (range: string): string | undefined => highestMatching(versions, parseConstraint(range));
  test.each([
    ['1.2.0', '1.2.0'],
    ['=1.2.0', '1.2.0'],
    ['^1.0.0', '1.10.0'],
    ['^1.2', '1.10.0'],
    ['~1.2.0', '1.2.9'],
    ['~1.2', '1.2.9'],
    ['~>1.2', '1.2.9'],
    ['1.2.x', '1.2.9'],
    ['1.x', '1.10.0'],
    ['*', 'v2.1'],
    ['', 'v2.1'],
    ['>=1.0.0, <1.10.0', '1.2.9'],
    ['>= 1.0.0 < 1.10.0', '1.2.9'],
    ['=>1.0.0 =<1.2.0', '1.2.0'],
    ['>1.2', 'v2.1'],
    ['>1.2, <2', '1.10.0'],
    ['<=1.2', '1.2.9'],
    ['<1.0.0 || 1.2.x', '1.2.9'],
    ['1.0.0 - 1.2.5', '1.2.0'],
    ['!=1.10.0, ^1.0.0', '1.2.9'],
    ['^0.1.0', '0.1.0'],
    ['^0.0.3', '0.0.3'],
    ['>=1.3.0-rc.0, <1.4.0-0', '1.3.0-rc.1'],
    // A pre-release in one comparison lets pre-releases through the whole alternative.
    ['>=1.3.0-rc.0, <1.4.0', '1.3.0-rc.1'],
    ['>=1.3.0-rc.0, <1.4.0 || >=9', '1.3.0-rc.1'],
    ['>=1.0.0 || >=1.3.0-rc.0, <1.3.0', 'v2.1'],
    ['^3.0.0', undefined]
  ])('%s picks %s', (range, want) => {
    expect(pick(range)).toBe(want);
  });
  test('pre-releases only match an alternative that names one', () => {
    const rc = parseSemver('1.3.0-rc.1') as NonNullable<ReturnType<typeof parseSemver>>;
    expect(parseConstraint('>=1.0.0').matches(rc)).toBe(false);
    expect(parseConstraint('>=1.0.0-0').matches(rc)).toBe(true);
    expect(parseConstraint('>=1.0.0 || =0.0.1-a').matches(rc)).toBe(false);
  });
  test('a malformed range is an error', () => {
    expect(() => parseConstraint('>> 1.0')).toThrow('is not a version constraint');
    expect(() => parseConstraint('latest')).toThrow();
  });
});

describe('Chart.lock digest', () => {
  test("is Helm's: a lock file helm wrote checks out", () => {
    // A public chart's Chart.yaml dependency and the Chart.lock `helm dependency update` wrote for it.
    const declared = [{ name: 'redis', version: '17.2.0', repository: 'https://charts.bitnami.com/bitnami', condition: 'redis.enabled' }];
    const locked = [{ name: 'redis', repository: 'https://charts.bitnami.com/bitnami', version: '17.2.0' }];
    expect(lockDigest(declared, locked)).toBe('sha256:989a8e3f05d54b04db15e782bd24ca5a5872a36f5dc02b7882b25491a5a5ddde');
    expect(lockDigest([{ ...declared[0], condition: 'other' } as (typeof declared)[number]], locked)).not.toBe('sha256:989a8e3f05d54b04db15e782bd24ca5a5872a36f5dc02b7882b25491a5a5ddde');
  });
});

let tmp: string;
let reg: RegistryFixture;
let web: TestServer;
const webTgz: Record<string, Buffer> = {};
const ociTgz: Record<string, Buffer> = {};

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lading-deps-'));
  reg = await startRegistry({ auth: 'anonymous' });
  for (const v of ['1.0.0', '1.2.0', '1.3.0-rc.1', '2.0.0']) webTgz[v] = chartArchive('web', v);
  const routes: Record<string, Buffer | string> = {};
  for (const [v, b] of Object.entries(webTgz)) routes[`/repo/web-${v}.tgz`] = b;
  routes['/repo/index.yaml'] = helmIndex({ web: Object.entries(webTgz).map(([version, b]) => ({ version, digest: sha(b) })) });
  // A repository whose index gives a wrong digest for 1.2.0.
  routes['/bad/index.yaml'] = helmIndex({ web: [{ version: '1.2.0', digest: '0'.repeat(64) }] });
  routes['/bad/web-1.2.0.tgz'] = webTgz['1.2.0'] as Buffer;
  web = await startServer(routes);
  for (const v of ['0.1.0', '0.2.0', '1.0.0']) {
    ociTgz[v] = chartArchive('cache', v);
    await pushHelmChart(reg, 'deps/cache', 'cache', v, ociTgz[v] as Buffer);
  }
}, 120_000);
afterAll(async () => {
  await web?.close();
  await reg?.stop();
  await rm(tmp, { recursive: true, force: true });
});

const header = 'kind: ZarfPackageConfig\nmetadata:\n  name: demo\n  version: 1.0.0\ncomponents:\n  - name: app\n    charts:\n      - name: app\n        version: 0.1.0\n        namespace: app\n        localPath: chart\n';

function appChart(deps: string): Record<string, string> {
  return {
    'chart/Chart.yaml': `apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n${deps}`,
    'chart/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n',
    'sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.3.0\ndependencies:\n  - name: leaf\n    version: ^1.0.0\n    repository: file://../leaf\n',
    'sub/values.yaml': 'a: 1\n',
    'leaf/Chart.yaml': 'apiVersion: v2\nname: leaf\nversion: 1.1.0\n'
  };
}

const allKinds = (repo: string): string =>
  [
    '  - name: web',
    '    version: ^1.0.0',
    `    repository: ${repo}`,
    '    condition: web.enabled',
    '  - name: cache',
    '    version: ">=0.1.0, <1.0.0"',
    `    repository: oci://${reg.host}/deps`,
    '  - name: sub',
    '    version: 0.3.x',
    '    repository: file://../sub',
    ''
  ].join('\n');

async function collect(files: Record<string, string | Buffer>, storeDir?: string): Promise<{ content: ComponentContent; dir: string; store: BlobStore }> {
  const dir = await mkdtemp(path.join(tmp, 'pkg-'));
  await writeFile(path.join(dir, 'zarf.yaml'), header);
  for (const [rel, data] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), data);
  }
  const def = await loadPackage({ definition: path.basename(dir), workspace: tmp, architecture: 'amd64' });
  const store = new BlobStore(storeDir ?? path.join(dir, '.store'));
  await store.init();
  const registry = new RegistryClient({ retries: 0, plainHttp: [reg.host] });
  const fetcher = new HttpFetcher({ plainHttp: (h) => h === web.host, retries: 0, retryDelayMs: 10 });
  try {
    const content = await collectComponentContent({
      definition: def,
      components: def.config.components.map((component, index) => ({ index, component })),
      workDir: path.join(dir, '.work'),
      registry,
      store,
      fetcher,
      limit: pLimit(4),
      display: (p) => path.relative(tmp, p),
      log: () => undefined
    });
    return { content, dir, store };
  } finally {
    await fetcher.close();
    await registry.close();
  }
}

/** The packaged chart of the content, unpacked by tar into a fresh folder. */
function unpackChart(content: ComponentContent): { dir: string; list: string[] } {
  const entry = content.entries['app']?.find((e) => e.path === 'charts/app-0.1.0.tgz');
  if (entry === undefined || !('source' in entry) || typeof entry.source !== 'string') throw new Error('no packaged chart');
  const dir = fs.mkdtempSync(path.join(tmp, 'x-'));
  execFileSync('tar', ['-xzf', entry.source, '-C', dir]);
  return { dir, list: execFileSync('tar', ['-tzf', entry.source], { encoding: 'utf8' }).trim().split('\n') };
}

function collectError(e: unknown): Array<{ message: string; line: number | undefined; hint: string | undefined }> {
  if (!(e instanceof LadingErrors)) throw e;
  return e.errors.map((x) => ({ message: x.message, line: x.position?.line, hint: x.hint }));
}

describe('a local chart with a dependency of each kind', () => {
  test('Helm repository, OCI and file:// dependencies go into the packaged chart as charts/<name>-<version>.tgz, with the Chart.lock helm writes; the chart folder is left as it was', async () => {
    const files = appChart(allKinds(`${web.url}/repo`));
    const { content, dir } = await collect(files);
    const { dir: out, list } = unpackChart(content);
    expect(list).toEqual(['app/Chart.lock', 'app/Chart.yaml', 'app/charts/cache-0.2.0.tgz', 'app/charts/sub-0.3.0.tgz', 'app/charts/web-1.2.0.tgz', 'app/templates/cm.yaml']);
    // The highest version each range takes, byte for byte as served.
    expect(await readFile(path.join(out, 'app/charts/web-1.2.0.tgz'))).toEqual(webTgz['1.2.0']);
    expect(await readFile(path.join(out, 'app/charts/cache-0.2.0.tgz'))).toEqual(ociTgz['0.2.0']);
    // The file:// dependency is packaged with its own file:// dependency.
    expect(execFileSync('tar', ['-tzf', path.join(out, 'app/charts/sub-0.3.0.tgz')], { encoding: 'utf8' }).trim().split('\n')).toEqual(['sub/Chart.lock', 'sub/Chart.yaml', 'sub/charts/leaf-1.1.0.tgz', 'sub/values.yaml']);
    const declared = [
      { name: 'web', version: '^1.0.0', repository: `${web.url}/repo`, condition: 'web.enabled' },
      { name: 'cache', version: '>=0.1.0, <1.0.0', repository: `oci://${reg.host}/deps` },
      { name: 'sub', version: '0.3.x', repository: 'file://../sub' }
    ];
    const locked = [
      { name: 'web', repository: `${web.url}/repo`, version: '1.2.0' },
      { name: 'cache', repository: `oci://${reg.host}/deps`, version: '0.2.0' },
      { name: 'sub', repository: 'file://../sub', version: '0.3.0' }
    ];
    const lock = await readFile(path.join(out, 'app/Chart.lock'), 'utf8');
    expect(lock).toBe(
      ['dependencies:', '- name: web', `  repository: ${web.url}/repo`, '  version: 1.2.0', '- name: cache', `  repository: oci://${reg.host}/deps`, '  version: 0.2.0', '- name: sub', '  repository: file://../sub', '  version: 0.3.0', `digest: ${lockDigest(declared, locked)}`, 'generated: "1970-01-01T00:00:00Z"', ''].join('\n')
    );
    // Nothing was written into the workspace's chart folders (helm would write charts/ and Chart.lock there).
    expect(fs.readdirSync(path.join(dir, 'chart')).sort()).toEqual(['Chart.yaml', 'templates']);
    expect(fs.readdirSync(path.join(dir, 'sub')).sort()).toEqual(['Chart.yaml', 'values.yaml']);
    // The summary says what was fetched.
    expect(content.items['app']?.find((i) => i.path === 'charts/app-0.1.0.tgz')?.source).toBe(`${path.basename(dir)}/chart/ (packaged; dependencies fetched: web 1.2.0, cache 0.2.0, sub 0.3.0)`);
    // The repository and OCI charts are content-addressed blobs the cache can keep.
    expect(content.blobs.map((b) => b.digest).sort()).toEqual([`sha256:${sha(ociTgz['0.2.0'] as Buffer)}`, `sha256:${sha(webTgz['1.2.0'] as Buffer)}`].sort());
  });

  test('a Chart.lock in sync gives the exact versions; one out of sync is refused as helm refuses it', async () => {
    const deps = allKinds(`${web.url}/repo`);
    const base = appChart(deps);
    const declared = [
      { name: 'web', version: '^1.0.0', repository: `${web.url}/repo`, condition: 'web.enabled' },
      { name: 'cache', version: '>=0.1.0, <1.0.0', repository: `oci://${reg.host}/deps` },
      { name: 'sub', version: '0.3.x', repository: 'file://../sub' }
    ];
    const locked = [
      { name: 'web', repository: `${web.url}/repo`, version: '1.0.0' },
      { name: 'cache', repository: `oci://${reg.host}/deps`, version: '0.1.0' },
      { name: 'sub', repository: 'file://../sub', version: '0.3.0' }
    ];
    const lock = renderChartLock(declared, locked).replace('1970-01-01T00:00:00Z', '2026-01-02T03:04:05.123+01:00');
    const { content } = await collect({ ...base, 'chart/Chart.lock': lock });
    const { dir: out, list } = unpackChart(content);
    expect(list).toEqual(['app/Chart.lock', 'app/Chart.yaml', 'app/charts/cache-0.1.0.tgz', 'app/charts/sub-0.3.0.tgz', 'app/charts/web-1.0.0.tgz', 'app/templates/cm.yaml']);
    expect(await readFile(path.join(out, 'app/Chart.lock'), 'utf8')).toBe(lock);
    expect(await readFile(path.join(out, 'app/charts/web-1.0.0.tgz'))).toEqual(webTgz['1.0.0']);
    expect(await readFile(path.join(out, 'app/charts/cache-0.1.0.tgz'))).toEqual(ociTgz['0.1.0']);

    const stale = lock.replace(/digest: sha256:[0-9a-f]+/, `digest: sha256:${'1'.repeat(64)}`);
    const errs = collectError(await collect({ ...base, 'chart/Chart.lock': stale }).then(() => undefined, (e: unknown) => e));
    expect(errs).toEqual([{ line: 11, message: expect.stringMatching(/^components\[0\]\.charts\[0\]\.localPath: .*\/chart\/Chart\.lock is out of sync with the dependencies in Chart\.yaml/), hint: expect.stringContaining('helm dependency update') }]);
  });

  test('a dependency charts/ already holds is kept as it is, not fetched; the others are', async () => {
    const vendored = chartArchive('web', '1.0.0', 'vendored by hand');
    const { content } = await collect({ ...appChart(allKinds(`${web.url}/repo`)), 'chart/charts/web-1.0.0.tgz': vendored });
    const { dir: out, list } = unpackChart(content);
    expect(list).toEqual(['app/Chart.lock', 'app/Chart.yaml', 'app/charts/cache-0.2.0.tgz', 'app/charts/sub-0.3.0.tgz', 'app/charts/web-1.0.0.tgz', 'app/templates/cm.yaml']);
    expect(await readFile(path.join(out, 'app/charts/web-1.0.0.tgz'))).toEqual(vendored);
    expect(await readFile(path.join(out, 'app/Chart.lock'), 'utf8')).toContain(`- name: web\n  repository: ${web.url}/repo\n  version: 1.0.0\n`);
  });
});

describe('as Helm resolves them', () => {
  test('an exact OCI version is pulled by its tag without listing the tags; a range lists them', async () => {
    reg.resetCounts();
    const { content } = await collect(appChart(`  - name: cache\n    version: 0.1.0\n    repository: oci://${reg.host}/deps\n`));
    expect(unpackChart(content).list).toContain('app/charts/cache-0.1.0.tgz');
    expect(reg.requests().filter((r) => r.path.endsWith('/tags/list'))).toEqual([]);
    reg.resetCounts();
    await collect(appChart(`  - name: cache\n    version: 0.x\n    repository: oci://${reg.host}/deps\n`));
    expect(reg.requests().filter((r) => r.path.endsWith('/tags/list'))).toHaveLength(1);
  });

  test('apiVersion v1: requirements.yaml, @name of a repository added with helm repo add, requirements.lock written with its URL', async () => {
    const config = path.join(tmp, 'repositories.yaml');
    await writeFile(config, `apiVersion: ""\ngenerated: "0001-01-01T00:00:00Z"\nrepositories:\n- name: stable\n  url: ${web.url}/repo\n`);
    const before = process.env['HELM_REPOSITORY_CONFIG'];
    process.env['HELM_REPOSITORY_CONFIG'] = config;
    try {
      const { content } = await collect({
        'chart/Chart.yaml': 'apiVersion: v1\nname: app\nversion: 0.1.0\n',
        'chart/requirements.yaml': 'dependencies:\n  - name: web\n    version: "~1.0"\n    repository: "@stable"\n'
      });
      const { dir: out, list } = unpackChart(content);
      expect(list).toEqual(['app/Chart.yaml', 'app/charts/web-1.0.0.tgz', 'app/requirements.lock', 'app/requirements.yaml']);
      const declared = [{ name: 'web', version: '~1.0', repository: `${web.url}/repo` }];
      const locked = [{ name: 'web', repository: `${web.url}/repo`, version: '1.0.0' }];
      expect(await readFile(path.join(out, 'app/requirements.lock'), 'utf8')).toBe(renderChartLock(declared, locked));
      delete process.env['HELM_REPOSITORY_CONFIG'];
      process.env['XDG_CONFIG_HOME'] = path.join(tmp, 'no-helm-here');
      const errs = collectError(
        await collect({ 'chart/Chart.yaml': 'apiVersion: v1\nname: app\nversion: 0.1.0\n', 'chart/requirements.yaml': 'dependencies:\n  - name: web\n    version: "~1.0"\n    repository: "@stable"\n' }).then(
          () => undefined,
          (e: unknown) => e
        )
      );
      expect(errs).toEqual([{ line: 11, message: `components[0].charts[0].localPath: chart app: dependency web: no repository named "stable" in Helm's repositories.yaml (helm repo add)`, hint: expect.stringContaining('helm repo add stable <url>') }]);
    } finally {
      if (before === undefined) delete process.env['HELM_REPOSITORY_CONFIG'];
      else process.env['HELM_REPOSITORY_CONFIG'] = before;
      delete process.env['XDG_CONFIG_HOME'];
    }
  });

  test('a second build takes the repository and OCI charts from the blob cache', async () => {
    const storeDir = path.join(tmp, 'shared-store');
    const files = appChart(allKinds(`${web.url}/repo`));
    const first = await collect(files, storeDir);
    const downloads = (): number => web.requests.filter((r) => r.path.endsWith('.tgz')).length;
    const webBefore = downloads();
    reg.resetCounts();
    const second = await collect(files, storeDir);
    expect(downloads()).toBe(webBefore);
    expect(reg.blobGets()).toBe(0);
    const sums = (c: ComponentContent): string => execFileSync('sha256sum', [(c.entries['app']?.find((e) => e.path === 'charts/app-0.1.0.tgz') as { source: string }).source], { encoding: 'utf8' }).split(' ')[0] as string;
    expect(sums(second.content)).toBe(sums(first.content));
  });

  test('file:// dependencies that lead back to the chart are refused', async () => {
    const errs = collectError(
      await collect({
        ...appChart('  - name: loop\n    version: "*"\n    repository: file://../loop\n'),
        'loop/Chart.yaml': 'apiVersion: v2\nname: loop\nversion: 1.0.0\ndependencies:\n  - name: app\n    repository: file://../chart\n'
      }).then(
        () => undefined,
        (e: unknown) => e
      )
    );
    expect(errs).toEqual([{ line: 11, message: expect.stringMatching(/^components\[0\]\.charts\[0\]\.localPath: chart app: dependency loop \(file:\/\/\.\.\/loop\): chart loop: dependency app \(file:\/\/\.\.\/chart\): .*\/chart depends on itself through file:\/\/ dependencies$/), hint: expect.stringContaining('loop') }]);
  });
});

describe('a dependency that cannot be fetched: one error at the chart, naming it; nothing cached', () => {
  const only = (dep: string): Record<string, string> => appChart(`${dep}\n`);

  test('a digest that does not match the index', async () => {
    const storeDir = path.join(tmp, 'mismatch-store');
    const errs = collectError(await collect(only(`  - name: web\n    version: 1.2.0\n    repository: ${web.url}/bad`), storeDir).then(() => undefined, (e: unknown) => e));
    expect(errs).toEqual([
      {
        line: 11,
        message: `components[0].charts[0].localPath: chart app: dependency web (${web.url}/bad): chart web 1.2.0 from ${web.url}/bad/web-1.2.0.tgz does not match the digest in the repository index: expected sha256 ${'0'.repeat(64)}, got ${sha(webTgz['1.2.0'] as Buffer)}`,
        hint: expect.stringContaining('nothing was written')
      }
    ]);
    // Neither digest reached the store.
    const store = new BlobStore(storeDir);
    expect(await store.has(`sha256:${'0'.repeat(64)}`)).toBe(false);
    expect(await store.has(`sha256:${sha(webTgz['1.2.0'] as Buffer)}`)).toBe(false);
  });

  test('no version in the range, an unreachable repository, an OCI repository without the version, a missing file:// folder', async () => {
    const missing = collectError(await collect(only(`  - name: web\n    version: ~3.1\n    repository: ${web.url}/repo`)).then(() => undefined, (e: unknown) => e));
    expect(missing).toEqual([{ line: 11, message: `components[0].charts[0].localPath: chart app: dependency web (${web.url}/repo): no version of web in the Helm repository ${web.url}/repo is ~3.1`, hint: 'available versions: 2.0.0, 1.3.0-rc.1, 1.2.0, 1.0.0' }]);
    const down = collectError(await collect(only('  - name: web\n    version: 1.2.0\n    repository: http://127.0.0.1:1/charts')).then(() => undefined, (e: unknown) => e));
    expect(down).toHaveLength(1);
    expect(down[0]?.message).toMatch(/^components\[0\]\.charts\[0\]\.localPath: chart app: dependency web \(http:\/\/127\.0\.0\.1:1\/charts\): cannot read the Helm repository index http:\/\/127\.0\.0\.1:1\/charts\/index\.yaml: /);
    const oci = collectError(await collect(only(`  - name: cache\n    version: ^2.0.0\n    repository: oci://${reg.host}/deps`)).then(() => undefined, (e: unknown) => e));
    expect(oci).toEqual([{ line: 11, message: `components[0].charts[0].localPath: chart app: dependency cache (oci://${reg.host}/deps): no version of oci://${reg.host}/deps/cache is ^2.0.0`, hint: 'available versions: 1.0.0, 0.2.0, 0.1.0' }]);
    const folder = collectError(await collect(only('  - name: gone\n    version: 1.0.0\n    repository: file://../gone')).then(() => undefined, (e: unknown) => e));
    expect(folder).toEqual([{ line: 11, message: expect.stringMatching(/^components\[0\]\.charts\[0\]\.localPath: chart app: dependency gone \(file:\/\/\.\.\/gone\): folder .*\/gone not found$/), hint: expect.stringContaining('relative to the chart folder') }]);
  });
});
