import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { globToRegExp, HelmIgnore, HelmIgnoreError } from '../../src/package/components/helmignore.js';
import { inspectChartArchive, parseChartYaml } from '../../src/package/components/chart-meta.js';
import { ChartPackageError, packageChartFolder } from '../../src/package/components/chart-package.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lading-chart-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const show = (p: string): string => path.relative(tmp, p) || '.';
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), text);
  }
}

/** `tar -tzvf` of a .tgz: the independent reader's view. */
function listing(file: string): string[] {
  return execFileSync('tar', ['-tzvf', file], { encoding: 'utf8' }).trim().split('\n');
}

describe('helmignore: Helm pkg/ignore rules', () => {
  test('Go filepath.Match globs', () => {
    expect(globToRegExp('*.txt').test('a.txt')).toBe(true);
    expect(globToRegExp('*.txt').test('dir/a.txt')).toBe(false); // * stops at /
    expect(globToRegExp('a?c').test('abc')).toBe(true);
    expect(globToRegExp('[a-c]x').test('bx')).toBe(true);
    expect(globToRegExp('[^a-c]x').test('bx')).toBe(false);
    expect(globToRegExp('\\*x').test('*x')).toBe(true);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
    expect(() => globToRegExp('[abc')).toThrow(/not closed/);
  });

  test('base-name, structural, anchored, folder-only and negated rules, and the templates default', () => {
    const r = HelmIgnore.parse(['# comment', '', '*.bak', 'docs/*.md', '/top.txt', 'build/', '.git/'].join('\n'));
    expect(r.ignores('x.bak', false)).toBe(true);
    expect(r.ignores('deep/y.bak', false)).toBe(true); // no slash: the base name
    expect(r.ignores('docs/a.md', false)).toBe(true);
    expect(r.ignores('other/docs/a.md', false)).toBe(false); // with a slash: the whole path
    expect(r.ignores('top.txt', false)).toBe(true);
    expect(r.ignores('build', true)).toBe(true);
    expect(r.ignores('build', false)).toBe(false); // trailing / matches folders only
    expect(r.ignores('templates/.hidden', false)).toBe(true); // Helm's default
    expect(r.ignores('templates/cm.yaml', false)).toBe(false);
    expect(r.ignores('Chart.yaml', false)).toBe(false);
    // Helm's own reading of a negated rule: what does not match it is ignored.
    const n = HelmIgnore.parse('!keep.txt');
    expect(n.ignores('keep.txt', false)).toBe(false);
    expect(n.ignores('other.txt', false)).toBe(true);
  });

  test('** and malformed patterns fail with their line', () => {
    const thrown = (text: string): unknown => {
      try {
        HelmIgnore.parse(text);
      } catch (e) {
        return e;
      }
      return 'no error';
    };
    const star = thrown('ok\n**/x');
    expect(star).toBeInstanceOf(HelmIgnoreError);
    expect(star).toMatchObject({ line: 2, message: 'double-star (**) syntax is not supported: "**/x"' });
    const bad = thrown('ok\n\n[bad');
    expect(bad).toBeInstanceOf(HelmIgnoreError);
    expect(bad).toMatchObject({ line: 3, message: expect.stringMatching(/^bad pattern "\[bad": \S/) });
  });
});

describe('Chart.yaml', () => {
  test('scalars are read as written', () => {
    const m = parseChartYaml('apiVersion: v2\nname: app\nversion: 1.10\nappVersion: 2.0\ndependencies:\n  - name: redis\n    repository: https://charts.example.com\n');
    expect(m).toEqual({ apiVersion: 'v2', name: 'app', version: '1.10', appVersion: '2.0', dependencies: [{ name: 'redis', repository: 'https://charts.example.com' }] });
  });
  test('missing or bad fields say which', () => {
    expect(() => parseChartYaml('name: a\nversion: 1.0.0\n')).toThrow('Chart.yaml has no apiVersion');
    expect(() => parseChartYaml('apiVersion: v2\nversion: 1.0.0\n')).toThrow('Chart.yaml has no name');
    expect(() => parseChartYaml('apiVersion: v2\nname: a\n')).toThrow('Chart.yaml has no version');
    expect(() => parseChartYaml('apiVersion: v2\nname: a\nversion: latest\n')).toThrow('is not a semantic version');
    expect(() => parseChartYaml('apiVersion: v2\nname: ../a\nversion: 1.0.0\n')).toThrow('is not a valid chart name');
  });
});

describe('packaging a chart folder', () => {
  const chart = {
    'Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.3.0\n',
    'values.yaml': 'replicas: 1\n',
    'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
    'templates/_helpers.tpl': '{{/* helpers */}}\n',
    'templates/.editor.swp': 'junk',
    'README.md': '# demo\n',
    'notes.bak': 'old',
    '.helmignore': '*.bak\n'
  };

  test('entries under <name>/, sorted, mode 0644, zero mtime, no folders, .helmignore honoured; the same folder gives the same bytes', async () => {
    const root = path.join(tmp, 'repro');
    await writeTree(path.join(root, 'chart'), chart);
    const a = await packageChartFolder(path.join(root, 'chart'), [root], path.join(tmp, 'a.tgz'), show);
    const b = await packageChartFolder(path.join(root, 'chart'), [root], path.join(tmp, 'b.tgz'), show);
    expect(a.sha256).toBe(b.sha256);
    expect(sha(await readFile(path.join(tmp, 'a.tgz')))).toBe(a.sha256);
    expect(a.meta).toMatchObject({ name: 'demo', version: '0.3.0' });
    const line = (rel: keyof typeof chart): string => `-rw-r--r-- 0/0 ${String(Buffer.byteLength(chart[rel])).padStart(15)} 1970-01-01 00:00 demo/${rel}`;
    expect(listing(a.file)).toEqual([line('.helmignore'), line('Chart.yaml'), line('README.md'), line('templates/_helpers.tpl'), line('templates/cm.yaml'), line('values.yaml')]);
    // Files are carried byte for byte.
    expect(execFileSync('tar', ['-xzOf', a.file, 'demo/Chart.yaml'], { encoding: 'utf8' })).toBe(chart['Chart.yaml']);
    // gzip header: no time, OS "unknown" (as Go writes it), so the bytes do not depend on the machine.
    const head = (await readFile(a.file)).subarray(0, 10);
    expect([...head]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
    expect(zlib.gunzipSync(await readFile(a.file)).length).toBeGreaterThan(0);
    expect(await inspectChartArchive(a.file)).toMatchObject({ name: 'demo', version: '0.3.0' });
  });

  test('a symbolic link inside the folder of zarf.yaml is followed; one leading out is refused', async () => {
    const root = path.join(tmp, 'links');
    await writeTree(path.join(root, 'chart'), { 'Chart.yaml': 'apiVersion: v2\nname: l\nversion: 1.0.0\n' });
    await writeTree(root, { 'shared/common.yaml': 'x: 1\n' });
    await symlink('../shared/common.yaml', path.join(root, 'chart', 'common.yaml'));
    const ok = await packageChartFolder(path.join(root, 'chart'), [root], path.join(tmp, 'l.tgz'), show);
    expect(listing(ok.file).map((l) => l.split(' ').pop())).toEqual(['l/Chart.yaml', 'l/common.yaml']);

    await writeTree(tmp, { 'secret.txt': 'no' });
    await symlink(path.join(tmp, 'secret.txt'), path.join(root, 'chart', 'secret.txt'));
    await expect(packageChartFolder(path.join(root, 'chart'), [root], path.join(tmp, 'l2.tgz'), show)).rejects.toThrow(/secret\.txt leads outside the workspace through a symbolic link/);
  });

  test('a declared dependency must be vendored in charts/', async () => {
    const root = path.join(tmp, 'deps');
    await writeTree(path.join(root, 'chart'), { 'Chart.yaml': 'apiVersion: v2\nname: d\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: 1.x\n    repository: https://charts.example.com\n' });
    const err = await packageChartFolder(path.join(root, 'chart'), [root], path.join(tmp, 'd.tgz'), show).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChartPackageError);
    expect((err as ChartPackageError).message).toBe('chart d depends on redis (https://charts.example.com), which is not in its charts/ folder');
    expect((err as ChartPackageError).hint).toMatch(/helm dependency build/);
    await writeTree(path.join(root, 'chart'), { 'charts/redis-1.2.3.tgz': 'tgz' });
    const ok = await packageChartFolder(path.join(root, 'chart'), [root], path.join(tmp, 'd2.tgz'), show);
    expect(ok.files).toBe(2);
  });

  test('no Chart.yaml, a bad Chart.yaml, a bad .helmignore: one line each', async () => {
    const root = path.join(tmp, 'bad');
    await writeTree(path.join(root, 'empty'), { 'values.yaml': 'a: 1\n' });
    await expect(packageChartFolder(path.join(root, 'empty'), [root], path.join(tmp, 'e.tgz'), show)).rejects.toThrow('bad/empty has no Chart.yaml: it is not a Helm chart folder');
    await writeTree(path.join(root, 'noversion'), { 'Chart.yaml': 'apiVersion: v2\nname: x\n' });
    await expect(packageChartFolder(path.join(root, 'noversion'), [root], path.join(tmp, 'n.tgz'), show)).rejects.toThrow('bad/noversion/Chart.yaml: has no version');
    await writeTree(path.join(root, 'ignore'), { 'Chart.yaml': 'apiVersion: v2\nname: x\nversion: 1.0.0\n', '.helmignore': 'ok\n**/tmp\n' });
    await expect(packageChartFolder(path.join(root, 'ignore'), [root], path.join(tmp, 'i.tgz'), show)).rejects.toThrow('bad/ignore/.helmignore:2: double-star (**) syntax is not supported: "**/tmp"');
  });
});

describe('inspecting a packaged chart', () => {
  test('not gzip, or no Chart.yaml: it is not a chart', async () => {
    await writeFile(path.join(tmp, 'plain.tgz'), 'not gzip at all');
    await expect(inspectChartArchive(path.join(tmp, 'plain.tgz'))).rejects.toThrow(/not a gzip-compressed tar/);
    const root = path.join(tmp, 'nochart');
    await writeTree(root, { 'x/values.yaml': 'a: 1\n' });
    execFileSync('tar', ['-czf', path.join(tmp, 'nochart.tgz'), '-C', root, 'x']);
    await expect(inspectChartArchive(path.join(tmp, 'nochart.tgz'))).rejects.toThrow('it holds no <chart>/Chart.yaml: it is not a Helm chart');
  });
});
