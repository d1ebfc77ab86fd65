import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LadingError, LadingErrors } from '../../src/errors.js';
import { loadPackage } from '../../src/definition/index.js';

const loadDefinition = (definition: string, workspace: string) => loadPackage({ definition, workspace, architecture: 'amd64' });
import { chartUrlKind, targetBaseName } from '../../src/package/components/checks.js';

let tmp: string;
/** The workspace (`<tmp>/ws`); `<tmp>/outside.txt` lies outside it. */
let ws: string;
let n = 0;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lading-checks-'));
  await writeFile(path.join(tmp, 'outside.txt'), 'outside\n');
  ws = path.join(tmp, 'ws');
  await mkdir(ws);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** A package folder `pkg<n>` with zarf.yaml (`components:` follows the header) and files. */
async function pkg(components: string, files: Record<string, string> = {}): Promise<string> {
  const dir = path.join(ws, `pkg${n++}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'zarf.yaml'), `kind: ZarfPackageConfig\nmetadata:\n  name: demo\n  version: 1.0.0\ncomponents:\n${components}`);
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return dir;
}

async function problems(dir: string): Promise<LadingError[]> {
  try {
    await loadDefinition(path.basename(dir), ws);
  } catch (e) {
    if (e instanceof LadingErrors) return e.errors;
    if (e instanceof LadingError) return [e];
    throw e;
  }
  return [];
}

const lines = (errors: LadingError[]): Array<[number | undefined, number | undefined, string]> => errors.map((e) => [e.position?.line, e.position?.col, e.message]);

describe('files: checked with the rest of zarf.yaml, each at its line', () => {
  test('a valid file list loads', async () => {
    const dir = await pkg(
      ['  - name: app', '    files:', '      - source: bin/tool', '        target: /usr/local/bin/tool', '        executable: true', `        shasum: ${'ab'.repeat(32)}`, '      - source: https://example.com/x.tar.gz', '        target: /opt/x.tar.gz', '      - source: conf', '        target: /etc/conf/', ''].join('\n'),
      { 'bin/tool': '#!/bin/sh\n', 'conf/a.yaml': 'a: 1\n' }
    );
    expect(await problems(dir)).toEqual([]);
  });

  test('.. escapes, absolute paths outside, symbolic links leading out, missing files', async () => {
    const dir = await pkg(
      [
        '  - name: app',
        '    files:',
        '      - source: ../../outside.txt',
        '        target: /a',
        `      - source: ${path.join(tmp, 'outside.txt')}`,
        '        target: /b',
        '      - source: link.txt',
        '        target: /c',
        '      - source: missing.txt',
        '        target: /d',
        ''
      ].join('\n')
    );
    await symlink(path.join(tmp, 'outside.txt'), path.join(dir, 'link.txt'));
    const errors = await problems(dir);
    expect(lines(errors)).toEqual([
      [8, 17, 'components[0].files[0].source "../../outside.txt" points outside the workspace'],
      [10, 17, `components[0].files[1].source "${path.join(tmp, 'outside.txt')}" points outside the workspace`],
      [12, 17, 'components[0].files[2].source "link.txt" leads outside the workspace through a symbolic link'],
      [14, 17, 'components[0].files[3].source "missing.txt" does not exist']
    ]);
    for (const e of errors) expect(e.hint).toMatch(/folder of zarf\.yaml|relative to/);
  });

  test('shasum shape, a shasum on a folder, a target without a file name, archives extractPath cannot read, other URL schemes', async () => {
    const dir = await pkg(
      [
        '  - name: app',
        '    files:',
        '      - source: a.txt',
        '        target: /a',
        '        shasum: abc',
        '      - source: conf',
        '        target: /conf',
        `        shasum: ${'ab'.repeat(32)}`,
        '      - source: a.txt',
        '        target: /usr/bin/..',
        '      - source: https://example.com/x.tgz',
        '        target: /x',
        '        extractPath: bin/x',
        '      - source: ftp://example.com/x',
        '        target: /y',
        '      - source: tools.tar.lz4',
        '        target: /z',
        '        extractPath: z',
        '      - source: tool.bin',
        '        target: /w',
        '        extractPath: ../w',
        '      - source: unpacked.tgz',
        '        target: /v',
        '        extractPath: v',
        ''
      ].join('\n'),
      { 'a.txt': 'a\n', 'conf/b.txt': 'b\n', 'tools.tar.lz4': 'lz4\n', 'tool.bin': 'bin\n', 'unpacked.tgz/v': 'v\n' }
    );
    expect(lines(await problems(dir))).toEqual([
      [10, 17, 'components[0].files[0].shasum "abc" is not a sha256 checksum'],
      [13, 17, 'components[0].files[1].shasum is given for the folder "conf"'],
      [15, 17, 'components[0].files[2].target "/usr/bin/.." does not end in a file name'],
      [19, 17, 'components[0].files[4].source "ftp://example.com/x": the ftp:// scheme is not supported here'],
      [23, 22, 'components[0].files[5].extractPath: Lading does not extract from .tar.lz4 archives yet'],
      [24, 17, 'components[0].files[6].source "tool.bin" is not an archive: unsupported archive extension for "tool.bin"'],
      [26, 22, 'components[0].files[6].extractPath "../w" is not a path inside an archive'],
      [27, 17, 'components[0].files[7].source "unpacked.tgz" is a folder']
    ]);
  });
});

describe('manifests and charts', () => {
  test('manifests: duplicate names, no files, a folder; kustomizations: missing, a file, a URL without its scheme, a remote one passed', async () => {
    const dir = await pkg(
      [
        '  - name: app',
        '    manifests:',
        '      - name: web',
        '        files: [m/a.yaml]',
        '      - name: web',
        '        kustomizations:',
        '          - overlay',
        '          - m/a.yaml',
        '          - github.com/acme/repo//base?ref=v1',
        '          - https://github.com/acme/repo//base?ref=v1',
        '          - m',
        '      - name: empty',
        '        files: []',
        '      - name: dir',
        '        files: [m]',
        ''
      ].join('\n'),
      { 'm/a.yaml': 'a: 1\n' }
    );
    const errors = await problems(dir);
    expect(lines(errors)).toEqual([
      [10, 15, 'components[0].manifests[1].name "web" is already used by manifests[0] of this component'],
      [12, 13, 'components[0].manifests[1].kustomizations[0] "overlay" does not exist'],
      [13, 13, 'components[0].manifests[1].kustomizations[1] "m/a.yaml" is a file, not a kustomization folder'],
      [14, 13, 'components[0].manifests[1].kustomizations[2] "github.com/acme/repo//base?ref=v1" does not exist'],
      [18, 9, 'components[0].manifests[2] has no files'],
      [20, 17, 'components[0].manifests[3].files[0] "m" is a folder']
    ]);
    expect(errors[3]?.hint).toBe('a remote kustomization needs its scheme, as Zarf reads it: https://github.com/acme/repo//base?ref=v1');
  });

  test('charts: version and namespace required, one source, git refused, an OCI URL without a tag, localPath inside', async () => {
    const dir = await pkg(
      [
        '  - name: app',
        '    charts:',
        '      - name: a',
        '        url: oci://ghcr.io/acme/charts/a',
        '      - name: b',
        '        version: 1.0.0',
        '        namespace: b',
        '        url: https://github.com/acme/b.git',
        '      - name: c',
        '        version: 1.0.0',
        '        namespace: c',
        '        url: oci://ghcr.io/acme/charts/c:1.0.0',
        '      - name: d',
        '        version: 1.0.0',
        '        namespace: d',
        '        url: https://charts.example.com',
        '        localPath: chart',
        '      - name: e',
        '        version: 1.0.0',
        '        namespace: e',
        '        localPath: ../../outside.txt',
        '      - name: f',
        '        version: 1.0.0',
        '        namespace: f',
        '        localPath: chart',
        '        valuesFiles: [../../outside.txt, https://example.com/v.yaml]',
        '        templatedValuesFiles: [missing.yaml, https://example.com/t.yaml, ../../outside.txt]',
        ''
      ].join('\n'),
      { 'chart/Chart.yaml': 'apiVersion: v2\nname: f\nversion: 1.0.0\n' }
    );
    expect(lines(await problems(dir))).toEqual([
      [8, 9, 'components[0].charts[0].version is required'],
      [8, 9, 'components[0].charts[0].namespace is required'],
      [13, 14, 'components[0].charts[1].url "https://github.com/acme/b.git" is a git repository: charts from git are not supported by Lading yet'],
      [17, 14, 'components[0].charts[2].url: "oci://ghcr.io/acme/charts/c:1.0.0" names a tag or digest; give the repository only and put the chart version in version'],
      [22, 9, 'components[0].charts[3] has both url and localPath'],
      [26, 20, 'components[0].charts[4].localPath "../../outside.txt" points outside the workspace'],
      [31, 23, 'components[0].charts[5].valuesFiles[0] "../../outside.txt" points outside the workspace'],
      [32, 32, 'components[0].charts[5].templatedValuesFiles[0] "missing.yaml" does not exist'],
      [32, 74, 'components[0].charts[5].templatedValuesFiles[2] "../../outside.txt" points outside the workspace']
    ]);
  });

  test('a local chart without a version loads, as Zarf allows it (a chart from a repository still needs one)', async () => {
    const dir = await pkg(
      ['  - name: app', '    charts:', '      - name: a', '        namespace: a', '        localPath: chart', '      - name: b', '        namespace: b', '        url: https://charts.example.com', ''].join('\n'),
      { 'chart/Chart.yaml': 'apiVersion: v2\nname: a\nversion: 1.0.0\n' }
    );
    expect(lines(await problems(dir))).toEqual([[11, 9, 'components[0].charts[1].version is required']]);
  });

  test('Zarf names: target base names and chart URL kinds', () => {
    expect(targetBaseName('/usr/local/bin/tool')).toBe('tool');
    expect(targetBaseName('C:\\tools\\tool.exe')).toBe('tool.exe');
    expect(targetBaseName('/etc/conf/')).toBe('conf');
    expect(chartUrlKind('oci://ghcr.io/a/b')).toBe('oci');
    expect(chartUrlKind('https://charts.example.com/stable')).toBe('helm-repo');
    expect(chartUrlKind('https://github.com/a/b.git@v1.0.0')).toBe('git');
    expect(chartUrlKind('file:///tmp/x')).toBeUndefined();
  });
});
