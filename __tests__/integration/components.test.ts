/**
 * Files, manifests and charts, through the action as the runner runs it: an OCI chart from the real
 * test registry, a Helm repository and plain files served over loopback HTTP (listed in plain-http)
 * and HTTPS (a self-signed certificate trusted through NODE_EXTRA_CA_CERTS, no plain-http needed),
 * a local chart folder. Packages are unpacked with zstd and tar, independent readers.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { cleanupFixtures, makeTempDir, runAction, seedImages, startRegistry, type ActionRun, type PushedImage, type RegistryFixture } from './setup/index.js';
import { buildInputs, listFiles, unpack, workspaceWith } from './helpers.js';
import { makeTls, packagedChart, startServer, type TestServer, type TlsMaterial } from '../package/components-http.js';

let reg: RegistryFixture;
let img: Record<string, PushedImage>;
let web: TestServer;
let secure: TestServer;
let tls: TlsMaterial;
let repoChart: Buffer;

const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
const toolBody = '#!/bin/sh\necho "downloaded tool"\n';
const remoteManifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: remote\ndata:\n  a: "1"\n';

beforeAll(async () => {
  tls = makeTls();
  reg = await startRegistry({ auth: 'anonymous' });
  img = await seedImages(reg, 'seed', { only: ['chart', 'single'] });
  // A Helm repository: a packaged chart and the index that lists it with its digest.
  repoChart = packagedChart('podinfo', '6.4.0', { 'cm.yaml': remoteManifest });
  const index = [
    'apiVersion: v1',
    'entries:',
    '  podinfo:',
    '    - version: 6.4.0',
    '      urls: [podinfo-6.4.0.tgz]',
    `      digest: ${sha(repoChart)}`,
    '    - version: 6.3.5',
    '      urls: [podinfo-6.3.5.tgz]',
    ''
  ].join('\n');
  web = await startServer({ '/charts/index.yaml': index, '/charts/podinfo-6.4.0.tgz': repoChart, '/manifests/remote.yaml': remoteManifest });
  secure = await startServer({ '/releases/tool.sh': toolBody }, tls);
}, 120_000);
afterAll(async () => {
  await web?.close();
  await secure?.close();
  await reg?.stop();
  await cleanupFixtures();
});

const run = (ws: string, extra: Record<string, string> = {}): Promise<ActionRun> =>
  runAction({ workspace: ws, inputs: buildInputs([reg.host, web.host], { concurrency: '8', ...extra }), env: { NODE_EXTRA_CA_CERTS: tls.caFile } });

const chart = (): PushedImage => img.chart as PushedImage;

/** The zarf.yaml of the full package, and the local files it names. */
function fullPackage(): { yaml: string; files: Record<string, string> } {
  const local = '#!/bin/sh\necho "local tool"\n';
  const yaml = [
    'kind: ZarfPackageConfig',
    'metadata:',
    '  name: content',
    '  version: 1.0.0',
    'components:',
    '  - name: app',
    '    required: true',
    '    images:',
    `      - ${(img.single as PushedImage).ref}`,
    '    files:',
    '      - source: bin/tool.sh',
    '        target: /usr/local/bin/tool',
    '        executable: true',
    `        shasum: ${sha(local)}`,
    `      - source: ${secure.url}/releases/tool.sh`,
    '        target: /opt/bin/remote-tool',
    `        shasum: ${sha(toolBody)}`,
    '      - source: config',
    '        target: /etc/app/config',
    '    manifests:',
    '      - name: web',
    '        namespace: web',
    '        files:',
    '          - manifests/ns.yaml',
    `          - ${web.url}/manifests/remote.yaml`,
    '    charts:',
    '      - name: lading-test-chart',
    '        version: 0.1.0',
    '        namespace: demo',
    `        url: oci://${reg.host}/${chart().repo}`,
    '        valuesFiles: [values/demo.yaml]',
    '      - name: podinfo',
    '        version: 6.4.0',
    '        namespace: podinfo',
    `        url: ${web.url}/charts`,
    '      - name: local',
    '        version: 0.2.0',
    '        namespace: local',
    '        localPath: charts/local',
    '  - name: images-only',
    '    images:',
    `      - ${(img.single as PushedImage).ref}`,
    ''
  ].join('\n');
  return {
    yaml,
    files: {
      'bin/tool.sh': local,
      'config/app.yaml': 'level: info\n',
      'config/sub/extra.txt': 'extra\n',
      'manifests/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n',
      'values/demo.yaml': 'replicas: 2\n',
      'charts/local/Chart.yaml': 'apiVersion: v2\nname: local-app\nversion: 0.2.0\n',
      'charts/local/values.yaml': 'a: 1\n',
      'charts/local/templates/cm.yaml': remoteManifest,
      'charts/local/.helmignore': '*.orig\n',
      'charts/local/templates/old.yaml.orig': 'left out\n'
    }
  };
}

/** `tar -tvf` of a component tar, as lines "mode path". */
function tarListing(file: string): string[] {
  return execFileSync('tar', ['-tvf', file], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => {
      const parts = l.split(/\s+/);
      return `${parts[0]} ${parts[1]} ${parts[3]} ${parts[4]} ${parts.slice(5).join(' ')}`;
    });
}

describe('files, manifests and charts travel in the component tar', () => {
  let ws: string;
  let first: ActionRun;

  test("Zarf's layout, exact bytes: an OCI chart from the registry, a Helm repository chart, a local chart folder, files and manifests from disk and from URLs", async () => {
    const pkg = fullPackage();
    ws = workspaceWith(pkg.yaml, pkg.files);
    fs.chmodSync(path.join(ws, 'config', 'app.yaml'), 0o644);
    fs.chmodSync(path.join(ws, 'config', 'sub'), 0o750);
    fs.chmodSync(path.join(ws, 'config', 'sub', 'extra.txt'), 0o640);
    fs.chmodSync(path.join(ws, 'manifests', 'ns.yaml'), 0o664);
    fs.chmodSync(path.join(ws, 'values', 'demo.yaml'), 0o644);
    first = await run(ws);
    expect(first.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(first.code).toBe(0);
    const dir = await unpack(first.outputs.package as string);
    // Only the component with content gets a tar; checksums.txt covers it.
    expect(listFiles(path.join(dir, 'components'))).toEqual(['app.tar']);
    const tarFile = path.join(dir, 'components', 'app.tar');
    expect(fs.readFileSync(path.join(dir, 'checksums.txt'), 'utf8')).toContain(`${sha(fs.readFileSync(tarFile))} components/app.tar`);
    // As Zarf writes it: folders it creates 0700, no trailing "/"; files/ 0600 (0700 executable);
    // what it copies keeps its mode (the folder's content, the local manifest and values file);
    // what it downloads or Helm writes 0644.
    expect(tarListing(tarFile)).toEqual([
      'drwx------ 0/0 1970-01-01 00:00 app',
      'drwx------ 0/0 1970-01-01 00:00 app/charts',
      '-rw-r--r-- 0/0 1970-01-01 00:00 app/charts/lading-test-chart-0.1.0.tgz',
      '-rw-r--r-- 0/0 1970-01-01 00:00 app/charts/local-0.2.0.tgz',
      '-rw-r--r-- 0/0 1970-01-01 00:00 app/charts/podinfo-6.4.0.tgz',
      'drwx------ 0/0 1970-01-01 00:00 app/files',
      'drwx------ 0/0 1970-01-01 00:00 app/files/0',
      '-rwx------ 0/0 1970-01-01 00:00 app/files/0/tool',
      'drwx------ 0/0 1970-01-01 00:00 app/files/1',
      '-rw------- 0/0 1970-01-01 00:00 app/files/1/remote-tool',
      'drwx------ 0/0 1970-01-01 00:00 app/files/2',
      'drwx------ 0/0 1970-01-01 00:00 app/files/2/config',
      '-rw-r--r-- 0/0 1970-01-01 00:00 app/files/2/config/app.yaml',
      'drwxr-x--- 0/0 1970-01-01 00:00 app/files/2/config/sub',
      '-rw-r----- 0/0 1970-01-01 00:00 app/files/2/config/sub/extra.txt',
      'drwx------ 0/0 1970-01-01 00:00 app/manifests',
      '-rw-rw-r-- 0/0 1970-01-01 00:00 app/manifests/web-0.yaml',
      '-rw-r--r-- 0/0 1970-01-01 00:00 app/manifests/web-1.yaml',
      'drwx------ 0/0 1970-01-01 00:00 app/values',
      '-rw-r--r-- 0/0 1970-01-01 00:00 app/values/lading-test-chart-0.1.0-0'
    ]);
    const out = makeTempDir('component');
    execFileSync('tar', ['-xf', tarFile, '-C', out]);
    const read = (rel: string): Buffer => fs.readFileSync(path.join(out, 'app', rel));
    // The OCI chart is the registry's chart layer byte for byte; the repository chart is the served .tgz.
    expect(`sha256:${sha(read('charts/lading-test-chart-0.1.0.tgz'))}`).toBe(chart().layers[0]);
    expect(read('charts/podinfo-6.4.0.tgz')).toEqual(repoChart);
    expect(read('files/1/remote-tool').toString()).toBe(toolBody);
    expect(read('files/0/tool').toString()).toBe(pkg.files['bin/tool.sh']);
    expect(read('manifests/web-1.yaml').toString()).toBe(remoteManifest);
    expect(read('values/lading-test-chart-0.1.0-0').toString()).toBe('replicas: 2\n');
    // The local chart, packaged without helm: entries under the Chart.yaml name, .helmignore honoured.
    expect(execFileSync('tar', ['-tzvf', path.join(out, 'app', 'charts', 'local-0.2.0.tgz')], { encoding: 'utf8' }).trim().split('\n').map((l) => l.split(/\s+/).slice(-1)[0])).toEqual([
      'local-app/.helmignore',
      'local-app/Chart.yaml',
      'local-app/templates/cm.yaml',
      'local-app/values.yaml'
    ]);
    // zarf.yaml keeps the component content as written.
    expect(fs.readFileSync(path.join(dir, 'zarf.yaml'), 'utf8')).toContain(`url: oci://${reg.host}/${chart().repo}`);
    // The summary lists each component with its content and size.
    expect(first.summary).toContain('### Components');
    expect(first.summary).toMatch(/\| `app` \| 1 \| 3 \| 2 \| 3 \| 1 \| [\d.]+ KiB tar \+ [\d.]+ KiB images \|/);
    expect(first.summary).toMatch(/\| `images-only` \| 1 \| {2}\| {2}\| {2}\| {2}\| [\d.]+ KiB images \|/);
    expect(first.summary).toContain('`components/app.tar`: `charts/podinfo-6.4.0.tgz` | `' + `${web.url}/charts/podinfo-6.4.0.tgz` + '`');
    expect(first.summary).toContain('index digest verified');
    expect(first.summary).toContain('shasum verified');
  }, 120_000);

  test('reproducible: the same inputs give the same component tar, byte for byte', async () => {
    const again = await run(ws);
    expect(again.code).toBe(0);
    const a = await unpack(first.outputs.package as string);
    const line = (d: string): string | undefined =>
      fs
        .readFileSync(path.join(d, 'checksums.txt'), 'utf8')
        .split('\n')
        .find((l) => l.endsWith(' components/app.tar'));
    expect(line(a)).toBeDefined();
    expect(line(await unpack(again.outputs.package as string))).toBe(line(a));
  }, 120_000);
});

describe('what zarf package create accepts builds the way it builds it', () => {
  test('a chart without a version, templatedValuesFiles, a chart whose Chart.yaml gives another version, a manifest that is a template: packaged under Zarf\'s names, byte for byte, with build.versionRequirements', async () => {
    const helmish = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ###ZARF_VAR_NAME###\n{{- if .Values.extra }}\ndata: {{ .Values.extra }}\n{{- end }}\n';
    const templated = 'replicas: {{ .Values.replicas }}\n';
    const yaml = [
      'kind: ZarfPackageConfig',
      'metadata:',
      '  name: accepted',
      '  version: 1.0.0',
      'components:',
      '  - name: app',
      '    required: true',
      '    manifests:',
      '      - name: web',
      '        files: [manifests/helmish.yaml]',
      '    charts:',
      '      - name: plain',
      '        namespace: plain',
      '        localPath: charts/plain',
      '        valuesFiles: [values/a.yaml]',
      `        templatedValuesFiles: [values/t.yaml, ${web.url}/manifests/remote.yaml]`,
      '      - name: drift',
      '        version: 0.9.0',
      '        namespace: drift',
      '        localPath: charts/drift',
      ''
    ].join('\n');
    const ws = workspaceWith(yaml, {
      'manifests/helmish.yaml': helmish,
      'values/a.yaml': 'a: 1\n',
      'values/t.yaml': templated,
      'charts/plain/Chart.yaml': 'apiVersion: v2\nname: plain\nversion: 3.1.0\n',
      'charts/plain/templates/cm.yaml': remoteManifest,
      'charts/drift/Chart.yaml': 'apiVersion: v2\nname: drift\nversion: 0.2.0\n'
    });
    const r = await run(ws);
    expect(r.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(r.code).toBe(0);
    const dir = await unpack(r.outputs.package as string);
    const tarFile = path.join(dir, 'components', 'app.tar');
    expect(tarListing(tarFile).map((l) => l.split(' ').pop())).toEqual([
      'app',
      'app/charts',
      'app/charts/drift-0.9.0.tgz',
      'app/charts/plain.tgz',
      'app/manifests',
      'app/manifests/web-0.yaml',
      'app/values',
      'app/values/plain-0',
      'app/values/plain-1',
      'app/values/plain-2'
    ]);
    const out = makeTempDir('component');
    execFileSync('tar', ['-xf', tarFile, '-C', out]);
    const read = (rel: string): string => fs.readFileSync(path.join(out, 'app', rel), 'utf8');
    expect(read('manifests/web-0.yaml')).toBe(helmish);
    expect(read('values/plain-0')).toBe('a: 1\n');
    expect(read('values/plain-1')).toBe(templated);
    expect(read('values/plain-2')).toBe(remoteManifest);
    // The chart keeps its own Chart.yaml; the file is named with zarf.yaml's version, and the user is told.
    expect(execFileSync('tar', ['-xzOf', path.join(out, 'app', 'charts', 'drift-0.9.0.tgz'), 'drift/Chart.yaml'], { encoding: 'utf8' })).toBe('apiVersion: v2\nname: drift\nversion: 0.2.0\n');
    expect(r.stdout).toContain('components[0].charts[1].version "0.9.0" is not the version in the Chart.yaml of charts/drift (0.2.0): the chart is packaged as it is, as charts/drift-0.9.0.tgz');
    expect(r.stdout).toContain('components[0].manifests[0].files[0]: manifests/helmish.yaml is not valid YAML as written');
    const zarf = YAML.parse(fs.readFileSync(path.join(dir, 'zarf.yaml'), 'utf8'));
    expect(zarf.build.versionRequirements).toEqual([
      { version: 'v0.65.0', reason: 'This package contains a chart without a version, which is only supported on v0.65.0+' },
      { version: 'v0.78.0', reason: 'This package uses templatedValuesFiles which require v0.78.0+' }
    ]);
    expect(zarf.components[0].charts[0]).toEqual({ name: 'plain', namespace: 'plain', localPath: 'charts/plain', valuesFiles: ['values/a.yaml'], templatedValuesFiles: ['values/t.yaml', `${web.url}/manifests/remote.yaml`] });
  }, 120_000);
});

describe('bad content: one clear line at its place, exit 1, nothing written', () => {
  const expectCleanFailure = (r: ActionRun, ws: string): NonNullable<ActionRun['annotations'][number]> => {
    const errors = r.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at [\w.<]+ \(/);
    expect(listFiles(path.join(ws, 'out'))).toEqual([]);
    expect(r.summary).toContain('Lading failed: 1 problem');
    return errors[0] as NonNullable<ActionRun['annotations'][number]>;
  };
  /** 1-based line and column of the value after `key: ` on the line holding `marker`. */
  const where = (yaml: string, marker: string): { line: number; col: number } => {
    const lines = yaml.split('\n');
    const i = lines.findIndex((l) => l.includes(marker));
    const l = lines[i] as string;
    const colon = l.indexOf(': ', l.search(/\S/));
    return { line: i + 1, col: (l.trimStart().startsWith('- ') && colon < 0 ? l.indexOf('- ') + 2 : colon + 2) + 1 };
  };
  const component = (body: string[]): string =>
    ['kind: ZarfPackageConfig', 'metadata:', '  name: bad', '  version: 1.0.0', 'components:', '  - name: app', ...body, ''].join('\n');

  test('a file escaping the workspace', async () => {
    const yaml = component(['    files:', '      - source: ../../etc/hostname', '        target: /etc/hostname']);
    const ws = workspaceWith(yaml);
    const e = expectCleanFailure(await run(ws), ws);
    expect(e).toMatchObject({ file: 'zarf.yaml', ...where(yaml, 'source: ../../etc') });
    expect(e.message).toBe('components[0].files[0].source "../../etc/hostname" points outside the workspace — put the file inside the workspace and give its path relative to the folder of zarf.yaml');
  }, 60_000);

  test('a wrong shasum names expected and actual', async () => {
    const wrong = 'ab'.repeat(32);
    const yaml = component(['    files:', `      - source: ${secure.url}/releases/tool.sh`, '        target: /usr/bin/tool', `        shasum: ${wrong}`]);
    const ws = workspaceWith(yaml);
    const e = expectCleanFailure(await run(ws), ws);
    expect(e).toMatchObject({ file: 'zarf.yaml', ...where(yaml, 'shasum:') });
    expect(e.message).toContain(`does not match its shasum: expected ${wrong}, got ${sha(toolBody)}`);
  }, 60_000);

  test('a chart version that does not exist lists the versions there are (OCI and Helm repository)', async () => {
    const yaml = component(['    charts:', '      - name: lading-test-chart', '        version: 9.9.9', '        namespace: demo', `        url: oci://${reg.host}/${chart().repo}`]);
    const ws = workspaceWith(yaml);
    const e = expectCleanFailure(await run(ws), ws);
    expect(e).toMatchObject({ file: 'zarf.yaml', ...where(yaml, 'version: 9.9.9') });
    expect(e.message).toBe(`components[0].charts[0].version: chart version 9.9.9 is not in oci://${reg.host}/${chart().repo} — available versions: 0.1.0`);

    const yaml2 = component(['    charts:', '      - name: podinfo', '        version: 7.0.0', '        namespace: demo', `        url: ${web.url}/charts`]);
    const ws2 = workspaceWith(yaml2);
    const e2 = expectCleanFailure(await run(ws2), ws2);
    expect(e2).toMatchObject({ file: 'zarf.yaml', ...where(yaml2, 'version: 7.0.0') });
    expect(e2.message).toBe(`components[0].charts[0].version: chart podinfo version 7.0.0 is not in the Helm repository ${web.url}/charts — available versions: 6.4.0, 6.3.5`);
  }, 60_000);

  test('an unreachable URL, and a plain http:// URL whose host is not in plain-http', async () => {
    const yaml = component(['    manifests:', '      - name: web', '        files:', '          - https://127.0.0.1:1/app.yaml']);
    const ws = workspaceWith(yaml);
    const e = expectCleanFailure(await run(ws), ws);
    expect(e).toMatchObject({ file: 'zarf.yaml', line: 10, col: 13 });
    expect(e.message).toBe('components[0].manifests[0].files[0]: cannot download https://127.0.0.1:1/app.yaml: cannot reach 127.0.0.1:1 (connection refused) — check the URL and that the server is running');

    const yaml2 = component(['    files:', `      - source: ${web.url}/manifests/remote.yaml`, '        target: /tmp/x.yaml']);
    const ws2 = workspaceWith(yaml2);
    const e2 = expectCleanFailure(await run(ws2, { 'plain-http': reg.host }), ws2);
    expect(e2).toMatchObject({ file: 'zarf.yaml', ...where(yaml2, 'source:') });
    expect(e2.message).toContain(`plain http:// is refused for ${web.host}, which is not in the plain-http input`);
  }, 60_000);
});
