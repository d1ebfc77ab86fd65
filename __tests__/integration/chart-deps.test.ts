/**
 * A local chart whose dependencies are not vendored, through the action as the runner runs it:
 * one from a Helm repository on loopback, one from the real test registry (pushed as `helm push`
 * pushes it), one from a file:// folder. The package is unpacked with zstd and tar, and the
 * packaged chart read with tar: independent readers. The OCI dependency's versions are also read
 * through a proxy that pages the tag list (the registry here answers it in one page).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cleanupFixtures, makeTempDir, runAction, startFaultProxy, startRegistry, type ActionRun, type RegistryFixture } from './setup/index.js';
import { buildInputs, listFiles, unpack, workspaceWith } from './helpers.js';
import { startServer, type TestServer } from '../package/components-http.js';
import { chartArchive, helmIndex, pushHelmChart, sha } from '../package/chart-deps-fixtures.js';

let reg: RegistryFixture;
let web: TestServer;
const redis = { '17.1.0': chartArchive('redis', '17.1.0'), '17.2.0': chartArchive('redis', '17.2.0'), '18.0.0': chartArchive('redis', '18.0.0') };
const common = { '2.0.0': chartArchive('common', '2.0.0'), '2.1.0': chartArchive('common', '2.1.0') };

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' });
  for (const [v, tgz] of Object.entries(common)) await pushHelmChart(reg, 'charts/common', 'common', v, tgz);
  web = await startServer({
    '/stable/index.yaml': helmIndex({ redis: Object.entries(redis).map(([version, b]) => ({ version, digest: sha(b) })) }),
    ...Object.fromEntries(Object.entries(redis).map(([v, b]) => [`/stable/redis-${v}.tgz`, b])),
    '/tampered/index.yaml': helmIndex({ redis: [{ version: '17.2.0', digest: sha('something else') }] }),
    '/tampered/redis-17.2.0.tgz': redis['17.2.0']
  });
}, 120_000);
afterAll(async () => {
  await web?.close();
  await reg?.stop();
  await cleanupFixtures();
});

const run = (ws: string): Promise<ActionRun> => runAction({ workspace: ws, inputs: buildInputs([reg.host, web.host]) });

function workspace(repo: string, ociHost = reg.host): { ws: string; yaml: string } {
  const yaml = ['kind: ZarfPackageConfig', 'metadata:', '  name: deps', '  version: 1.0.0', 'components:', '  - name: app', '    required: true', '    charts:', '      - name: app', '        version: 1.0.0', '        namespace: app', '        localPath: chart', ''].join('\n');
  const ws = workspaceWith(yaml, {
    'chart/Chart.yaml': ['apiVersion: v2', 'name: app', 'version: 1.0.0', 'dependencies:', '  - name: redis', '    version: ^17.1.0', `    repository: ${repo}`, '  - name: common', '    version: 2.x.x', `    repository: oci://${ociHost}/charts`, '  - name: settings', '    version: ">= 0.1"', '    repository: file://../settings', ''].join('\n'),
    'chart/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n',
    'settings/Chart.yaml': 'apiVersion: v2\nname: settings\nversion: 0.4.0\n',
    'settings/values.yaml': 'level: info\n'
  });
  return { ws, yaml };
}

describe('chart dependencies', () => {
  test('fetched as helm dependency build fetches them, into the packaged chart, not into the workspace', async () => {
    const { ws } = workspace(`${web.url}/stable`);
    const r = await run(ws);
    expect(r.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(r.code).toBe(0);
    const dir = await unpack(r.outputs.package as string);
    const out = makeTempDir('component');
    execFileSync('tar', ['-xf', path.join(dir, 'components', 'app.tar'), '-C', out]);
    const chart = path.join(out, 'app', 'charts', 'app-1.0.0.tgz');
    expect(execFileSync('tar', ['-tzf', chart], { encoding: 'utf8' }).trim().split('\n')).toEqual([
      'app/Chart.lock',
      'app/Chart.yaml',
      'app/charts/common-2.1.0.tgz',
      'app/charts/redis-17.2.0.tgz',
      'app/charts/settings-0.4.0.tgz',
      'app/templates/cm.yaml'
    ]);
    const inner = makeTempDir('chart');
    execFileSync('tar', ['-xzf', chart, '-C', inner]);
    expect(fs.readFileSync(path.join(inner, 'app', 'charts', 'redis-17.2.0.tgz'))).toEqual(redis['17.2.0']);
    expect(fs.readFileSync(path.join(inner, 'app', 'charts', 'common-2.1.0.tgz'))).toEqual(common['2.1.0']);
    expect(execFileSync('tar', ['-xzOf', path.join(inner, 'app', 'charts', 'settings-0.4.0.tgz'), 'settings/values.yaml'], { encoding: 'utf8' })).toBe('level: info\n');
    expect(fs.readFileSync(path.join(inner, 'app', 'Chart.lock'), 'utf8')).toMatch(/^dependencies:\n- name: redis\n {2}repository: http:\/\/127\.0\.0\.1:\d+\/stable\n {2}version: 17\.2\.0\n- name: common\n/);
    expect(r.summary).toContain('chart/ (packaged; dependencies fetched: redis 17.2.0, common 2.1.0, settings 0.4.0)');
    // The workspace is as it was: no charts/ folder, no Chart.lock (helm and zarf would write both there).
    expect(listFiles(path.join(ws, 'chart'))).toEqual(['Chart.yaml', 'templates/cm.yaml']);
  }, 120_000);

  test('an OCI dependency whose versions come in two pages of tags (a Link header): the range is matched against both', async () => {
    // distribution 2.8 lists every tag in one answer: a proxy answers the tag list in two pages, as
    // registries that page it do (OCI distribution spec: `n`, `last`, Link rel="next").
    const proxy = await startFaultProxy(reg.host);
    try {
      const tags = (t: string[]): Buffer => Buffer.from(JSON.stringify({ name: 'charts/common', tags: t }));
      const json = { 'content-type': 'application/json' };
      proxy.add({ method: 'GET', path: /\/v2\/charts\/common\/tags\/list\?.*last=2\.0\.0/, fault: { kind: 'respond', status: 200, headers: json, body: tags(['2.1.0']) } });
      proxy.add({ method: 'GET', path: /\/v2\/charts\/common\/tags\/list/, fault: { kind: 'respond', status: 200, headers: { ...json, link: '</v2/charts/common/tags/list?n=1000&last=2.0.0>; rel="next"' }, body: tags(['2.0.0']) } });
      const { ws } = workspace(`${web.url}/stable`, proxy.host);
      const r = await runAction({ workspace: ws, inputs: buildInputs([reg.host, web.host, proxy.host]) });
      expect(r.annotations.filter((a) => a.level === 'error')).toEqual([]);
      expect(r.code).toBe(0);
      expect(proxy.requests.some((q) => q.path.includes('last=2.0.0'))).toBe(true);
      // 2.1.0 is on the second page only.
      expect(r.summary).toContain('dependencies fetched: redis 17.2.0, common 2.1.0, settings 0.4.0');
    } finally {
      await proxy.close();
    }
  }, 120_000);

  test('a dependency that does not match its index digest: one error at the chart, naming it, exit 1, nothing written', async () => {
    const { ws, yaml } = workspace(`${web.url}/tampered`);
    const r = await run(ws);
    const errors = r.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(r.code).toBe(1);
    expect(errors[0]).toMatchObject({ file: 'zarf.yaml', line: yaml.split('\n').findIndex((l) => l.includes('localPath: chart')) + 1 });
    expect(errors[0]?.message).toContain(`components[0].charts[0].localPath: chart app: dependency redis (${web.url}/tampered): chart redis 17.2.0 from ${web.url}/tampered/redis-17.2.0.tgz does not match the digest in the repository index: expected sha256 ${sha('something else')}, got ${sha(redis['17.2.0'])}`);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at [\w.<]+ \(/);
    expect(listFiles(path.join(ws, 'out'))).toEqual([]);
  }, 120_000);
});
