/**
 * Kustomizations, files taken out of archives (extractPath), file folders with symbolic links and
 * executables, and data injections, through the action as the runner runs it. Kustomizations are
 * built by the real `kubectl kustomize` on this machine (a base and an overlay, a remote resource
 * served over loopback HTTP, the load restrictor); archives are made by tar, gzip, zstd and
 * python3's zipfile; packages are unpacked and listed with zstd and `tar -tvf`, independent readers.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cleanupFixtures, makeTempDir, runAction, type ActionRun } from './setup/index.js';
import { buildInputs, errorsOf, lineOf, listFiles, oneCleanError, unpack, workspaceWith } from './helpers.js';
import { startServer, type TestServer } from '../package/components-http.js';

let web: TestServer;
const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
const remoteCm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: remote-cm\ndata:\n  from: loopback\n';
const tool = '#!/bin/sh\necho "tool from an archive"\n';

/** A folder `root` holding `bundle/bin/tool` (executable) and `bundle/README`, packed in each format. */
function archives(): Record<string, Buffer> {
  const dir = makeTempDir('archives');
  const src = path.join(dir, 'src');
  fs.mkdirSync(path.join(src, 'bundle', 'bin'), { recursive: true });
  fs.writeFileSync(path.join(src, 'bundle', 'bin', 'tool'), tool, { mode: 0o755 });
  fs.writeFileSync(path.join(src, 'bundle', 'README'), 'read me\n');
  const out = path.join(dir, 'out');
  fs.mkdirSync(out);
  execFileSync('tar', ['-cf', path.join(out, 'a.tar'), '-C', src, 'bundle']);
  execFileSync('tar', ['-czf', path.join(out, 'a.tgz'), '-C', src, 'bundle']);
  execFileSync('sh', ['-c', `tar -cf - -C '${src}' bundle | zstd -q -o '${path.join(out, 'a.tar.zst')}'`]);
  execFileSync('tar', ['-cJf', path.join(out, 'a.tar.xz'), '-C', src, 'bundle']);
  execFileSync('python3', [
    '-c',
    'import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:\n  z.write(sys.argv[2] + "/bundle/README", "bundle/README")\n  z.write(sys.argv[2] + "/bundle/bin/tool", "bundle/bin/tool")\n',
    path.join(out, 'a.zip'),
    src
  ]);
  return Object.fromEntries(fs.readdirSync(out).map((n) => [n, fs.readFileSync(path.join(out, n))]));
}

let packed: Record<string, Buffer>;

beforeAll(async () => {
  packed = archives();
  web = await startServer({ '/remote/cm.yaml': remoteCm, '/dl/tools.tgz': packed['a.tgz'] as Buffer, '/dl/seed.txt': 'seed data\n' });
}, 60_000);
afterAll(async () => {
  await web?.close();
  await cleanupFixtures();
});

const run = (ws: string, env: Record<string, string> = {}): Promise<ActionRun> => runAction({ workspace: ws, inputs: buildInputs([web.host], { concurrency: '4' }), env });

/** The unpacked component folder of `component` of the one package in out/, and its `tar -tvf` lines. */
async function component(ws: string, name: string): Promise<{ dir: string; listing: string[] }> {
  const pkgs = fs.readdirSync(path.join(ws, 'out')).filter((n) => n.endsWith('.tar.zst'));
  expect(pkgs).toHaveLength(1);
  const dir = await unpack(path.join(ws, 'out', pkgs[0] as string));
  const tarFile = path.join(dir, 'components', `${name}.tar`);
  const listing = execFileSync('tar', ['-tvf', tarFile], { encoding: 'utf8' }).trim().split('\n');
  const into = makeTempDir('component');
  execFileSync('tar', ['-xf', tarFile, '-C', into]);
  return { dir: path.join(into, name), listing };
}

/** `tar -tvf` line of `entry` (`app/files/0/tool`): its mode column and, for a link, its target. */
function lineFor(listing: string[], entry: string): string {
  const l = listing.find((x) => new RegExp(`\\s${entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/| ->|$)`).test(x));
  if (l === undefined) throw new Error(`${entry} not in\n${listing.join('\n')}`);
  return l;
}

const pkg = (components: string): string => ['kind: ZarfPackageConfig', 'metadata:', '  name: kz', '  version: 1.0.0', 'components:', components, ''].join('\n');

// ---------------------------------------------------------------------------------------------------

describe('kustomizations', () => {
  const kustFiles = (): Record<string, string> => ({
    'kustomize/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - ns.yaml\n',
    'kustomize/base/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ghcr.io/acme/web:1.0.0\n',
    'kustomize/base/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n',
    'kustomize/overlay/kustomization.yaml': 'resources:\n  - ../base\nnamePrefix: prod-\nimages:\n  - name: ghcr.io/acme/web\n    newTag: 2.0.0\n',
    'kustomize/remote/kustomization.yaml': `resources:\n  - ${'URL'}/remote/cm.yaml\n`,
    'kustomize/outside/kustomization.yaml': 'resources:\n  - ../shared/cm.yaml\n',
    'kustomize/shared/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\n'
  });
  const files = (): Record<string, string> => Object.fromEntries(Object.entries(kustFiles()).map(([k, v]) => [k, v.replace('URL', web.url)]));

  test('a base and overlay, a remote resource over loopback and an outside file with kustomizeAllowAnyDirectory are built as kubectl kustomize builds them', async () => {
    const yaml = pkg(
      [
        '  - name: app',
        '    required: true',
        '    manifests:',
        '      - name: web',
        '        namespace: web',
        '        kustomizations:',
        '          - kustomize/overlay',
        '          - kustomize/remote',
        '      - name: wide',
        '        kustomizeAllowAnyDirectory: true',
        '        kustomizations:',
        '          - kustomize/outside'
      ].join('\n')
    );
    const ws = workspaceWith(yaml, files());
    const r = await run(ws);
    expect(errorsOf(r)).toEqual([]);
    expect(r.code).toBe(0);
    const { dir, listing } = await component(ws, 'app');
    expect(listFiles(path.join(dir, 'manifests'))).toEqual(['kustomization-web-0.yaml', 'kustomization-web-1.yaml', 'kustomization-wide-0.yaml']);
    const expected = execFileSync('kubectl', ['kustomize', path.join(ws, 'kustomize/overlay')], { encoding: 'utf8' });
    expect(fs.readFileSync(path.join(dir, 'manifests/kustomization-web-0.yaml'), 'utf8')).toBe(expected);
    expect(expected).toContain('name: prod-web');
    expect(expected).toContain('image: ghcr.io/acme/web:2.0.0');
    expect(fs.readFileSync(path.join(dir, 'manifests/kustomization-web-1.yaml'), 'utf8')).toContain('name: remote-cm');
    expect(web.requests.some((q) => q.path === '/remote/cm.yaml')).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'manifests/kustomization-wide-0.yaml'), 'utf8')).toContain('name: shared');
    expect(lineFor(listing, 'app/manifests/kustomization-web-0.yaml')).toMatch(/^-rw------- /);
    // The summary counts kustomizations per component and names their folders.
    expect(r.summary).toMatch(/\| component \| images \| charts \| manifests \| kustomizations \|/);
    expect(r.summary).toMatch(/\| `app` \|[^\n]*\| 3 \|/);
    expect(r.summary).toContain('`kustomize/overlay`');
    // The built YAML is what the image scan reads: the overlay's image, not carried, is a warning at its line.
    const scanned = r.annotations.filter((a) => a.level === 'warning' && a.message.includes('ghcr.io/acme/web:2.0.0'));
    expect(scanned.map((a) => a.line)).toEqual([lineOf(yaml, '- kustomize/overlay')]);
  }, 180_000);

  test('a kustomization that fails to build (a file outside its folder, no kustomizeAllowAnyDirectory) is one error at its line with kustomize\'s message', async () => {
    const yaml = pkg(['  - name: app', '    required: true', '    manifests:', '      - name: wide', '        kustomizations:', '          - kustomize/base', '          - kustomize/outside'].join('\n'));
    const ws = workspaceWith(yaml, files());
    const r = await run(ws);
    const e = oneCleanError(r, ws);
    expect(e.line).toBe(lineOf(yaml, '- kustomize/outside'));
    expect(e.message).toMatch(/^components\[0\]\.manifests\[0\]\.kustomizations\[1\] "kustomize\/outside": kubectl kustomize failed \(exit 1\): .*is not in or below/);
  }, 120_000);

  test('with neither kustomize nor kubectl on PATH, the error names both, at the kustomization\'s line', async () => {
    const yaml = pkg(['  - name: app', '    required: true', '    manifests:', '      - name: web', '        kustomizations:', '          - kustomize/base'].join('\n'));
    const ws = workspaceWith(yaml, files());
    const emptyBin = makeTempDir('no-tools');
    const r = await run(ws, { PATH: emptyBin });
    const e = oneCleanError(r, ws);
    expect(e.line).toBe(lineOf(yaml, '- kustomize/base'));
    expect(e.message).toContain('neither kustomize nor kubectl is on PATH');
  }, 120_000);

  test('a kustomization that is not a folder is refused at load, at its line', async () => {
    const yaml = pkg(['  - name: app', '    required: true', '    manifests:', '      - name: web', '        kustomizations:', '          - kustomize/base/kustomization.yaml'].join('\n'));
    const ws = workspaceWith(yaml, files());
    const e = oneCleanError(await run(ws), ws);
    expect(e.line).toBe(lineOf(yaml, 'kustomization.yaml'));
    expect(e.message).toContain('is a file, not a kustomization folder');
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------------

describe('files', () => {
  test('extractPath takes bundle/bin/tool out of a .tar, .tgz, .tar.zst, .tar.xz, .zip and a downloaded .tgz; the folders of extractPath stay behind as in Zarf', async () => {
    const names = ['a.tar', 'a.tgz', 'a.tar.zst', 'a.tar.xz', 'a.zip'];
    const yaml = pkg(
      [
        '  - name: app',
        '    required: true',
        '    files:',
        ...names.flatMap((n) => [`      - source: archives/${n}`, '        extractPath: bundle/bin/tool', '        target: /usr/local/bin/tool', '        executable: true']),
        `      - source: ${web.url}/dl/tools.tgz`,
        '        extractPath: bundle/README',
        '        target: /usr/share/doc/tool.txt',
        `        shasum: ${sha('read me\n')}`
      ].join('\n')
    );
    const ws = workspaceWith(yaml, Object.fromEntries(names.map((n) => [`archives/${n}`, packed[n] as Buffer])));
    const r = await run(ws);
    expect(errorsOf(r)).toEqual([]);
    const { dir, listing } = await component(ws, 'app');
    for (let i = 0; i < names.length; i++) {
      expect(fs.readFileSync(path.join(dir, `files/${i}/tool`), 'utf8')).toBe(tool);
      expect(lineFor(listing, `app/files/${i}/tool`)).toMatch(/^-rwx------ /);
      // Zarf extracts to files/<i>/bundle/bin/tool and renames it: bundle/bin stays, empty; the
      // extraction made these folders 0755.
      expect(lineFor(listing, `app/files/${i}/bundle/bin`)).toMatch(/^drwxr-xr-x /);
      expect(lineFor(listing, `app/files/${i}`)).toMatch(/^drwxr-xr-x /);
      expect(fs.readdirSync(path.join(dir, `files/${i}/bundle/bin`))).toEqual([]);
    }
    expect(fs.readFileSync(path.join(dir, 'files/5/tool.txt'), 'utf8')).toBe('read me\n');
    expect(lineFor(listing, 'app/files/5/tool.txt')).toMatch(/^-rw------- /);
    expect(lineFor(listing, 'app/files')).toMatch(/^drwxr-xr-x /);
    expect(listing.filter((l) => / app\/files\/\d\/bundle\/README/.test(l))).toEqual([]);
  }, 180_000);

  test('an extractPath the archive does not hold is one error at its line, as Zarf words it', async () => {
    const yaml = pkg(['  - name: app', '    required: true', '    files:', '      - source: archives/a.zip', '        extractPath: ./bundle/bin/tool', '        target: /usr/local/bin/tool'].join('\n'));
    const ws = workspaceWith(yaml, { 'archives/a.zip': packed['a.zip'] as Buffer });
    const e = oneCleanError(await run(ws), ws);
    expect(e.line).toBe(lineOf(yaml, 'extractPath:'));
    expect(e.message.startsWith('components[0].files[0].extractPath: cannot extract "./bundle/bin/tool" from archives/a.zip: file "./bundle/bin/tool" not found in archive')).toBe(true);
    // The hint names the entry as the archive stores it.
    expect(e.message).toContain('the archive names it "bundle/bin/tool"');
  }, 120_000);

  test('a folder keeps its symbolic links as links and each file\'s executable bit', async () => {
    const yaml = pkg(['  - name: app', '    required: true', '    files:', '      - source: manifests', '        target: /opt/manifests'].join('\n'));
    const ws = workspaceWith(yaml, { 'manifests/img/test.txt': 'image\n', 'manifests/bin/run.sh': '#!/bin/sh\n', 'manifests/plain.txt': 'plain\n' });
    fs.chmodSync(path.join(ws, 'manifests/bin/run.sh'), 0o755);
    fs.chmodSync(path.join(ws, 'manifests/plain.txt'), 0o644);
    fs.chmodSync(path.join(ws, 'manifests/img/test.txt'), 0o644);
    fs.mkdirSync(path.join(ws, 'manifests/resources'));
    fs.symlinkSync('../img', path.join(ws, 'manifests/resources/img'));
    fs.symlinkSync('/etc/hostname', path.join(ws, 'manifests/abs-link'));
    const r = await run(ws);
    expect(errorsOf(r)).toEqual([]);
    const { listing } = await component(ws, 'app');
    expect(lineFor(listing, 'app/files/0/manifests/resources/img')).toMatch(/^l.* -> \.\.\/img$/);
    expect(lineFor(listing, 'app/files/0/manifests/abs-link')).toMatch(/^l.* -> \/etc\/hostname$/);
    // The folder itself 0700 (Zarf chmods it); what it holds keeps its modes.
    expect(lineFor(listing, 'app/files/0/manifests')).toMatch(/^drwx------ /);
    expect(lineFor(listing, 'app/files/0/manifests/bin/run.sh')).toMatch(/^-rwxr-xr-x /);
    expect(lineFor(listing, 'app/files/0/manifests/plain.txt')).toMatch(/^-rw-r--r-- /);
    expect(lineFor(listing, 'app/files/0/manifests/img/test.txt')).toMatch(/^-rw-r--r-- /);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------------

describe('data injections', () => {
  test('a file, a folder and a URL are packaged at data/<i>/<base name of target.path>, counted per component', async () => {
    const target = (p: string): string[] => ['        target:', '          namespace: demo', '          selector: app=demo', '          container: data', `          path: ${p}`];
    const yaml = pkg(
      [
        '  - name: first',
        '    required: true',
        '    dataInjections:',
        '      - source: data/seed.db',
        ...target('/var/lib/app/seed.db'),
        '  - name: second',
        '    required: true',
        '    dataInjections:',
        '      - source: data/site',
        ...target('/usr/share/nginx/html'),
        `      - source: ${web.url}/dl/seed.txt`,
        ...target('/srv/seed.txt'),
        '        compress: true'
      ].join('\n')
    );
    const ws = workspaceWith(yaml, { 'data/seed.db': 'db\n', 'data/site/index.html': '<h1>hi</h1>\n', 'data/site/css/a.css': 'a{}\n' });
    fs.chmodSync(path.join(ws, 'data/seed.db'), 0o640);
    fs.chmodSync(path.join(ws, 'data/site'), 0o750);
    const r = await run(ws);
    expect(errorsOf(r)).toEqual([]);
    const first = await component(ws, 'first');
    expect(fs.readFileSync(path.join(first.dir, 'data/0/seed.db'), 'utf8')).toBe('db\n');
    const second = await component(ws, 'second');
    expect(listFiles(path.join(second.dir, 'data'))).toEqual(['0/html/css/a.css', '0/html/index.html', '1/seed.txt']);
    expect(fs.readFileSync(path.join(second.dir, 'data/1/seed.txt'), 'utf8')).toBe('seed data\n');
    expect(lineFor(second.listing, 'second/data/1/seed.txt')).toMatch(/^-rw-r--r-- /);
    // A local data injection keeps its own mode (Zarf copies it, chmods nothing).
    expect(lineFor(first.listing, 'first/data/0/seed.db')).toMatch(/^-rw-r----- /);
    expect(lineFor(second.listing, 'second/data/0/html')).toMatch(/^drwxr-x--- /);
    expect(r.summary).toMatch(/\| data injections \|/);
  }, 120_000);
});
