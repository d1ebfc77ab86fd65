/**
 * `mode: check`, the comparison with what is published, and the unchanged nightly, through the action
 * as the runner runs it against the real registry, whose access log counts every request:
 * - check resolves every image and chart without a single GET of a layer, each manifest, index and
 *   config read at most once, and writes no package;
 * - broken definitions fail in check exactly as in build (same error annotations);
 * - publish, change the definition (re-tag, upstream tag moved, chart bumped, file changed,
 *   component removed), check: every change in the summary table and a notice on its line;
 * - an unchanged nightly downloads no layer, uploads nothing, leaves the tag, `changed: false`; a
 *   moved upstream tag gives `changed: true` and the new digest is published;
 * - a local package file as `compare`;
 * - kustomizations (built), repositories with a ref (by commit, `git ls-remote` against a real git
 *   daemon), data injections and files with extractPath: unchanged gives `changed: false` and no
 *   upload; a changed overlay, a moved branch, a changed entry or injected file is a row at its line.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { git, makeBareRepo, startGitDaemon, type GitDaemon } from './setup/git-server.js';
import { cleanupFixtures, makeTempDir, runAction, seedImages, skopeo, startFaultProxy, startRegistry, type ActionRun, type PushedImage, type RegistryFixture } from './setup/index.js';
import { buildInputs, definition, workspaceWith } from './helpers.js';
import { startServer, type TestServer } from '../package/components-http.js';

let reg: RegistryFixture;
let img: Record<string, PushedImage>;
/** Every layer digest of the seeded images: none may be read by a check. */
let layers: Set<string>;
/** The amd64 manifest of `multi`: where the upstream tag moves to. */
let multiAmd64: string;

const copy = async (from: string, to: string): Promise<void> => {
  const r = await skopeo(['copy', '--preserve-digests', '--src-tls-verify=false', '--dest-tls-verify=false', `docker://${from}`, `docker://${to}`]);
  if (r.code !== 0) throw new Error(`skopeo copy ${from} ${to}: ${r.stderr}`);
};

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' });
  img = await seedImages(reg, 'src', { only: ['single', 'multi', 'chart'] });
  layers = new Set(Object.values(img).flatMap((i) => i.layers));
  multiAmd64 = ((img.multi as PushedImage).platforms ?? []).find((p) => p.architecture === 'amd64')?.digest as string;
  // The upstream tag a nightly follows, and a second tag of the same image.
  await copy((img.single as PushedImage).ref, `${reg.host}/up/app:stable`);
  await copy((img.single as PushedImage).ref, `${reg.host}/src/single:1.1`);
}, 180_000);
afterAll(async () => {
  await reg?.stop();
  await cleanupFixtures();
});

const CHART_YAML = (version: string): string => `apiVersion: v2\nname: local\nversion: ${version}\n`;

interface Def {
  singleTag?: string;
  chartVersion?: string;
  config?: string;
  extra?: boolean;
}

/** The package: component app (images, a file, a manifest, an OCI chart, a local chart), component extra. */
function zarfYaml(d: Def = {}): string {
  const single = `${reg.host}/src/single:${d.singleTag ?? '1.0'}`;
  return [
    'kind: ZarfPackageConfig',
    'metadata:',
    '  name: check-pkg',
    '  version: 1.0.0',
    'components:',
    '  - name: app',
    '    required: true',
    '    images:',
    `      - ${single}`,
    `      - ${reg.host}/up/app:stable`,
    '    files:',
    '      - source: files/config.txt',
    '        target: /etc/app/config.txt',
    '    manifests:',
    '      - name: web',
    '        namespace: web',
    '        files:',
    '          - manifests/cm.yaml',
    '    charts:',
    '      - name: lading-test-chart',
    '        version: 0.1.0',
    '        namespace: demo',
    `        url: oci://${reg.host}/${(img.chart as PushedImage).repo}`,
    '      - name: local',
    `        version: ${d.chartVersion ?? '0.2.0'}`,
    '        namespace: local',
    '        localPath: charts/local',
    ...(d.extra === false
      ? []
      : ['  - name: extra', '    required: true', '    images:', `      - ${(img.multi as PushedImage).ref.replace(/:[^:/]+$/, '')}@${multiAmd64}`, `      - ${reg.host}/src/single:1.0`]),
    ''
  ].join('\n');
}

function workspace(d: Def = {}): string {
  return workspaceWith(zarfYaml(d), {
    'files/config.txt': d.config ?? 'level: info\n',
    'manifests/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: "1"\n',
    'charts/local/Chart.yaml': CHART_YAML(d.chartVersion ?? '0.2.0'),
    'charts/local/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: local\n'
  });
}

const run = (ws: string, extra: Record<string, string> = {}): Promise<ActionRun> => runAction({ workspace: ws, inputs: buildInputs([reg.host], { concurrency: '4', ...extra }) });
const publishTo = (): Record<string, string> => ({ publish: `oci://${reg.host}/pkgs` });
const errors = (r: ActionRun): ActionRun['annotations'] => r.annotations.filter((a) => a.level === 'error');
const notices = (r: ActionRun): ActionRun['annotations'] => r.annotations.filter((a) => a.level === 'notice');

/** Blob GETs answered with content, by digest. */
function blobGets(): string[] {
  return reg
    .requests()
    .filter((q) => q.method === 'GET' && /\/blobs\/sha256:/.test(q.path) && (q.status === 200 || q.status === 206))
    .map((q) => q.path.slice(q.path.lastIndexOf('/') + 1));
}
/** Manifest GETs (and HEADs), by repository and tag or digest. */
function manifestReads(): string[] {
  return reg
    .requests()
    .filter((q) => (q.method === 'GET' || q.method === 'HEAD') && /\/manifests\//.test(q.path))
    .map((q) => q.path);
}
const uploads = (): number => reg.blobPuts() + reg.blobMounts() + reg.manifestPuts();

async function tagDigest(): Promise<string> {
  const r = await skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${reg.host}/pkgs/check-pkg:1.0.0`]);
  if (r.code !== 0) throw new Error(r.stderr);
  const { createHash } = await import('node:crypto');
  return `sha256:${createHash('sha256').update(r.stdout).digest('hex')}`;
}

describe('mode: check', () => {
  test('resolves every image and chart without reading a layer, each manifest and config once, and writes no package', async () => {
    const ws = workspace();
    reg.resetCounts();
    const r = await run(ws, { mode: 'check' });
    expect(errors(r)).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.outputs.package).toBe('');
    expect(r.outputs.changed).toBe('true');
    expect(fs.existsSync(path.join(ws, 'out'))).toBe(false);
    const images = JSON.parse(r.outputs.images as string) as Array<{ reference: string; digest: string; size: number }>;
    expect(images.map((i) => i.digest)).toEqual([(img.single as PushedImage).digest, (img.single as PushedImage).digest, multiAmd64, (img.single as PushedImage).digest]);
    expect(images[0]?.size).toBe((img.single as PushedImage).bytes);
    // No layer (image layers, the OCI chart's layer) was read; every blob read (configs) once.
    const gets = blobGets();
    expect(gets.filter((d) => layers.has(d))).toEqual([]);
    expect(gets.length).toBe(new Set(gets).size);
    const reads = manifestReads();
    expect(reads.length).toBe(new Set(reads).size);
    expect(r.summary).toContain('checked');
    expect(r.summary).toContain('no layer was downloaded');
  }, 120_000);

  // The build tests' broken references, each checked and built: the same errors at the same lines.
  const broken: Array<[string, (y: string) => string]> = [
    ['a tag the registry does not have', (y) => y.replace('/src/single:1.0\n', '/src/single:9.9\n')],
    ['an index digest', (y) => y.replace(`@${multiAmd64}`, `@${(img.multi as PushedImage).digest}`)],
    ['a chart version the registry does not have', (y) => y.replace('version: 0.1.0', 'version: 0.9.0')],
    ['a file that does not exist', (y) => y.replace('files/config.txt', 'files/missing.txt')]
  ];
  test.each(broken)('fails where a build fails: %s', async (_, edit) => {
    const y = edit(zarfYaml());
    expect(y).not.toBe(zarfYaml());
    const ws = workspace();
    fs.writeFileSync(path.join(ws, 'zarf.yaml'), y);
    const built = await run(ws);
    const checked = await run(ws, { mode: 'check' });
    expect(built.code).toBe(1);
    expect(checked.code).toBe(1);
    expect(errors(checked).length).toBeGreaterThan(0);
    expect(errors(checked)).toEqual(errors(built));
  }, 120_000);

  test('a compare file that cannot be read fails with its own error, and no image is resolved after that', async () => {
    // A slow registry, one request at a time: four references would take seconds to resolve.
    const proxy = await startFaultProxy(reg.host);
    try {
      proxy.add({ method: 'GET', path: /\/manifests\//, fault: { kind: 'slow', bytesPerSecond: 10_000_000, latencyMs: 400 }, times: 100 });
      const multi = (img.multi as PushedImage).ref.replace(reg.host, proxy.host).replace(/:[^:/]+$/, '');
      const refs = [`${proxy.host}/src/single:1.0`, `${proxy.host}/src/single:1.1`, `${proxy.host}/up/app:stable`, `${multi}@${multiAmd64}`];
      const ws = workspaceWith(definition(refs));
      const r = await runAction({ workspace: ws, inputs: buildInputs([reg.host, proxy.host], { concurrency: '1', mode: 'check', compare: 'nope.tar.zst' }) });
      expect(r.code).toBe(1);
      expect(errors(r).map((e) => e.message)).toEqual([expect.stringMatching(/^input compare: cannot read nope\.tar\.zst: no such file/)]);
      // At most the request under way when the read failed.
      expect(proxy.requests.filter((q) => q.path.includes('/manifests/')).length).toBeLessThanOrEqual(1);
    } finally {
      await proxy.close();
    }
  }, 60_000);
});

describe('compared with the published package', () => {
  let firstDigest: string;

  test('first publish: nothing published yet, everything is new; published', async () => {
    const r = await run(workspace(), publishTo());
    expect(errors(r)).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.outputs.changed).toBe('true');
    expect(r.summary).toContain('Nothing is published there yet');
    firstDigest = r.outputs.digest as string;
    expect(firstDigest).toMatch(/^sha256:/);
  }, 120_000);

  test('an unchanged nightly downloads no layer, uploads nothing, leaves the tag: changed false', async () => {
    const before = await tagDigest();
    reg.resetCounts();
    const r = await run(workspace(), publishTo());
    expect(errors(r)).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.outputs.changed).toBe('false');
    expect(r.outputs.package).toBe('');
    expect(r.outputs.digest).toBe(firstDigest);
    expect(blobGets().filter((d) => layers.has(d))).toEqual([]);
    expect(uploads()).toBe(0);
    expect(await tagDigest()).toBe(before);
    expect(r.summary).toContain('unchanged');
    expect(r.summary).toContain('nothing was downloaded or published');
    expect(notices(r)).toEqual([]);
  }, 120_000);

  test('check after changes: each one in the table and a notice at its line', async () => {
    const ws = workspace({ singleTag: '1.1', chartVersion: '0.3.0', config: 'level: debug\n', extra: false });
    await copy(`${reg.host}/src/multi@${multiAmd64}`, `${reg.host}/up/app:stable`);
    try {
      const before = await tagDigest();
      const r = await run(ws, { ...publishTo(), mode: 'check' });
      expect(errors(r)).toEqual([]);
      expect(r.code).toBe(0);
      expect(r.outputs.changed).toBe('true');
      expect(await tagDigest()).toBe(before);
      const lines = fs.readFileSync(path.join(ws, 'zarf.yaml'), 'utf8').split('\n');
      const lineOf = (text: string): number => lines.findIndex((l) => l.includes(text)) + 1;
      const at = (line: number): string => notices(r).filter((n) => n.line === line && n.file === 'zarf.yaml').map((n) => n.message).join('\n');
      // Re-tagged image, at its line.
      expect(at(lineOf('/src/single:1.1'))).toMatch(/re-tagged: :1\.0 .* -> :1\.1/);
      // The upstream tag moved: called out though the line did not change.
      expect(at(lineOf('/up/app:stable'))).toContain(`re-pointed: ${(img.single as PushedImage).digest} -> ${multiAmd64}`);
      expect(at(lineOf('/up/app:stable'))).toContain('now points at another digest');
      // Chart bumped, at its version line.
      expect(at(lineOf('version: 0.3.0'))).toContain('version: 0.2.0 -> 0.3.0');
      // File changed, at its source line.
      expect(at(lineOf('source: files/config.txt'))).toMatch(/file files\/0\/config\.txt .*changed: sha256:/);
      // Component removed, at components.
      expect(at(lineOf('components:'))).toContain('component extra removed');
      const table = r.summary.slice(r.summary.indexOf('### Changes since'), r.summary.indexOf('### Images'));
      for (const text of ['| re-tagged |', '| re-pointed |', '| version | chart `local`', '| changed | file `files/0/config.txt`', '| removed | component `extra`']) expect(table).toContain(text);
      // Nothing else changed: the OCI chart and the manifest are not in the table.
      expect(table).not.toContain('lading-test-chart');
      expect(table).not.toContain('manifests/web-0.yaml');
    } finally {
      await copy((img.single as PushedImage).ref, `${reg.host}/up/app:stable`);
    }
  }, 120_000);

  test('an unchanged definition checks as unchanged; against a local package file too (one pzstd wrote too)', async () => {
    const r = await run(workspace(), { ...publishTo(), mode: 'check' });
    expect(r.code).toBe(0);
    expect(r.outputs.changed).toBe('false');
    expect(notices(r)).toEqual([]);
    expect(r.summary).toContain('No change');
    // A package file built from the same definition.
    const ws = workspace();
    const built = await run(ws);
    expect(built.code).toBe(0);
    const file = path.relative(ws, built.outputs.package as string);
    const c = await run(ws, { mode: 'check', compare: file });
    expect(errors(c)).toEqual([]);
    expect(c.outputs.changed).toBe('false');
    const changed = workspace({ config: 'level: warn\n' });
    fs.mkdirSync(path.join(changed, 'out'));
    // The package file as pzstd writes it (a skippable frame, then the frames): read whole, as Zarf reads it.
    const tarBytes = execFileSync('zstd', ['-dc', built.outputs.package as string], { maxBuffer: 1 << 30 });
    fs.writeFileSync(path.join(changed, 'out', 'pkg.tar.zst'), execFileSync('pzstd', ['-q', '-p', '2', '-c'], { input: tarBytes, maxBuffer: 1 << 30 }));
    const d = await run(changed, { mode: 'check', compare: 'out/pkg.tar.zst' });
    expect(errors(d)).toEqual([]);
    expect(d.outputs.changed).toBe('true');
    expect(notices(d).map((n) => n.message).join('\n')).toMatch(/file files\/0\/config\.txt .*changed/);
  }, 180_000);

  test('a nightly after the upstream tag moved: changed true, the new digest published', async () => {
    await copy(`${reg.host}/src/multi@${multiAmd64}`, `${reg.host}/up/app:stable`);
    try {
      const r = await run(workspace(), publishTo());
      expect(errors(r)).toEqual([]);
      expect(r.code).toBe(0);
      expect(r.outputs.changed).toBe('true');
      expect(r.outputs.digest).not.toBe(firstDigest);
      const images = JSON.parse(r.outputs.images as string) as Array<{ reference: string; digest: string }>;
      expect(images.find((i) => i.reference.endsWith('/up/app:stable'))?.digest).toBe(multiAmd64);
      expect(notices(r).map((n) => n.message).join('\n')).toContain('now points at another digest');
      // The tag now holds the new package.
      const again = await run(workspace(), { ...publishTo(), mode: 'check' });
      expect(again.outputs.changed).toBe('false');
    } finally {
      await copy((img.single as PushedImage).ref, `${reg.host}/up/app:stable`);
    }
  }, 180_000);

  test('create-time actions: a build runs them before anything is compared; a check lists the component as not compared', async () => {
    const y = [
      'kind: ZarfPackageConfig',
      'metadata:',
      '  name: actions-pkg',
      '  version: 1.0.0',
      'components:',
      '  - name: gen',
      '    required: true',
      '    files:',
      '      - source: build/gen.txt',
      '        target: /opt/gen.txt',
      '    actions:',
      '      onCreate:',
      '        before:',
      '          - cmd: mkdir -p build && echo made > build/gen.txt',
      ''
    ].join('\n');
    const built = await run(workspaceWith(y), publishTo());
    expect(errors(built)).toEqual([]);
    expect(built.code).toBe(0);
    expect(built.outputs.changed).toBe('true');
    expect(built.outputs.package).not.toBe('');
    const checked = await run(workspaceWith(y), { ...publishTo(), mode: 'check' });
    expect(errors(checked)).toEqual([]);
    expect(checked.code).toBe(0);
    expect(checked.outputs.changed).toBe('true');
    expect(checked.summary).toContain('Not compared: component gen: actions.onCreate');
  }, 120_000);
});

describe('kustomizations compared by their built output', () => {
  const y = [
    'kind: ZarfPackageConfig',
    'metadata:',
    '  name: kust-pkg',
    '  version: 1.0.0',
    'components:',
    '  - name: app',
    '    required: true',
    '    manifests:',
    '      - name: web',
    '        kustomizations:',
    '          - kustomize/overlay',
    ''
  ].join('\n');
  const ws = (replicas: number): string =>
    workspaceWith(y, {
      'kustomize/base/kustomization.yaml': 'resources:\n  - cm.yaml\n',
      'kustomize/base/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: "1"\n',
      'kustomize/overlay/kustomization.yaml': `resources:\n  - ../base\nconfigMapGenerator:\n  - name: extra\n    literals:\n      - replicas=${replicas}\n`
    });

  test('published, then an unchanged nightly is unchanged; a changed overlay is a row at its line', async () => {
    const first = await run(ws(1), publishTo());
    expect(errors(first)).toEqual([]);
    expect(first.outputs.changed).toBe('true');
    reg.resetCounts();
    const same = await run(ws(1), publishTo());
    expect(errors(same)).toEqual([]);
    expect(same.outputs.changed).toBe('false');
    expect(same.outputs.digest).toBe(first.outputs.digest);
    expect(uploads()).toBe(0);
    expect(same.summary).not.toContain('Not compared');
    const checked = await run(ws(2), { ...publishTo(), mode: 'check' });
    expect(errors(checked)).toEqual([]);
    expect(checked.outputs.changed).toBe('true');
    const line = y.split('\n').findIndex((l) => l.includes('kustomize/overlay')) + 1;
    expect(notices(checked).filter((n) => n.line === line).map((n) => n.message).join('\n')).toMatch(/manifests\/kustomization-web-0\.yaml .*changed/);
    expect(checked.summary).toContain('manifests/kustomization-web-0.yaml');
  }, 180_000);
});

describe('repositories compared by the commit their ref names, without cloning', () => {
  let daemon: GitDaemon;
  let bare: string;
  let shas: Record<string, string>;
  beforeAll(async () => {
    const repo = await makeBareRepo(makeTempDir('git-root'), 'org/app.git', [
      { message: 'one', files: { 'README.md': '# app\n' }, tags: [{ name: 'v1', annotated: true }] },
      { message: 'two', branch: 'release', files: { 'README.md': '# app, two\n' } },
      { message: 'three', branch: 'main', files: { 'three.txt': '3\n' } }
    ]);
    bare = repo.bare;
    shas = repo.commits;
    daemon = await startGitDaemon(path.dirname(path.dirname(bare)));
  }, 60_000);
  afterAll(async () => {
    await daemon?.stop();
  });
  const y = (): string =>
    [
      'kind: ZarfPackageConfig',
      'metadata:',
      '  name: repo-pkg',
      '  version: 1.0.0',
      'components:',
      '  - name: src',
      '    required: true',
      '    repos:',
      `      - ${daemon.url}/org/app.git@refs/heads/release`,
      `      - ${daemon.url}/org/app.git@v1`,
      `      - ${daemon.url}/org/app.git@${shas.one as string}`,
      ''
    ].join('\n');
  const runRepo = (extra: Record<string, string>): Promise<ActionRun> =>
    runAction({ workspace: workspaceWith(y()), inputs: buildInputs([reg.host, daemon.host], { concurrency: '4', publish: `oci://${reg.host}/pkgs`, ...extra }) });

  test('pinned repositories unchanged: changed false, nothing uploaded; the branch moved: a row old -> new commit and a notice at its line', async () => {
    const first = await runRepo({});
    expect(errors(first)).toEqual([]);
    expect(first.outputs.changed).toBe('true');
    reg.resetCounts();
    const same = await runRepo({});
    expect(errors(same)).toEqual([]);
    expect(same.outputs.changed).toBe('false');
    expect(same.outputs.digest).toBe(first.outputs.digest);
    expect(uploads()).toBe(0);
    expect(same.summary).not.toContain('Not compared');
    // The branch moves upstream; zarf.yaml does not change.
    await git(bare, ['update-ref', 'refs/heads/release', shas.three as string]);
    const checked = await runRepo({ mode: 'check' });
    expect(errors(checked)).toEqual([]);
    expect(checked.outputs.changed).toBe('true');
    const line = y().split('\n').findIndex((l) => l.includes('@refs/heads/release')) + 1;
    const at = notices(checked).filter((n) => n.line === line && n.file === 'zarf.yaml').map((n) => n.message).join('\n');
    expect(at).toContain(`changed: ${shas.two as string} -> ${shas.three as string}`);
    const table = checked.summary.slice(checked.summary.indexOf('### Changes since'));
    expect(table).toContain('| changed | repo `');
    expect(table).toContain(shas.three as string);
    // Only the moved branch: the tag and the commit are the same.
    expect(notices(checked).length).toBe(1);
  }, 180_000);
});

describe('data injections and files extracted from archives compared by their content', () => {
  let web: TestServer;
  const sha = (b: string | Buffer): string => createHash('sha256').update(b).digest('hex');
  const served: { seed: string; tools: Buffer } = { seed: 'seed data\n', tools: Buffer.alloc(0) };
  beforeAll(async () => {
    served.tools = tgz('served tool\n');
    web = await startServer({ '/dl/seed.txt': served.seed, '/dl/tools.tgz': served.tools });
  });
  afterAll(async () => {
    await web?.close();
  });
  const y = (): string => [
    'kind: ZarfPackageConfig',
    'metadata:',
    '  name: data-pkg',
    '  version: 1.0.0',
    'components:',
    '  - name: app',
    '    required: true',
    '    files:',
    '      - source: archives/tools.tgz',
    '        extractPath: bundle/bin/tool',
    '        target: /usr/local/bin/tool',
    '    dataInjections:',
    '      - source: data/seed.db',
    '        target:',
    '          namespace: demo',
    '          selector: app=demo',
    '          container: data',
    '          path: /var/lib/app/seed.db',
    '      - source: data/site',
    '        target:',
    '          namespace: demo',
    '          selector: app=demo',
    '          container: data',
    '          path: /usr/share/html',
    // URLs ending in @<sha256>: a data injection known by it without a download; an archive checked by it.
    `      - source: ${web.url}/dl/seed.txt@${sha(served.seed)}`,
    '        target:',
    '          namespace: demo',
    '          selector: app=demo',
    '          container: data',
    '          path: /srv/seed.txt',
    ''
  ]
    .join('\n')
    .replace('    dataInjections:', [`      - source: ${web.url}/dl/tools.tgz@${sha(served.tools)}`, '        extractPath: bundle/bin/tool', '        target: /usr/local/bin/served-tool', '      - source: data/site', '        target: /opt/site', '    dataInjections:'].join('\n'));
  /** A .tgz holding bundle/bin/tool (with `tool`) and bundle/README. */
  function tgz(tool: string): Buffer {
    const dir = makeTempDir('archive');
    fs.mkdirSync(path.join(dir, 'bundle', 'bin'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'bundle', 'bin', 'tool'), tool);
    fs.writeFileSync(path.join(dir, 'bundle', 'README'), 'read me\n');
    execFileSync('tar', ['-czf', path.join(dir, 'tools.tgz'), '-C', dir, 'bundle']);
    return fs.readFileSync(path.join(dir, 'tools.tgz'));
  }
  const ws = (d: { tool?: string; seed?: string; latest?: string } = {}): string => {
    const dir = workspaceWith(y(), { 'archives/tools.tgz': tgz(d.tool ?? 'tool 1\n'), 'data/seed.db': d.seed ?? 'db 1\n', 'data/site/index.html': '<h1>hi</h1>\n', 'data/site/css/a.css': 'a{}\n' });
    // A symbolic link in a folder: packaged as a link (as Zarf copies folders), compared by its target.
    fs.symlinkSync(d.latest ?? 'index.html', path.join(dir, 'data/site/latest'));
    return dir;
  };
  const lineOf = (text: string): number => y().split('\n').findIndex((l) => l.includes(text)) + 1;

  test('unchanged: changed false, nothing uploaded; another extracted entry or injected file: a row at its line', async () => {
    const first = await run(ws(), { ...publishTo(), 'plain-http': `${reg.host}\n${web.host}` });
    expect(errors(first)).toEqual([]);
    expect(first.outputs.changed).toBe('true');
    reg.resetCounts();
    web.requests.length = 0;
    const same = await run(ws(), { ...publishTo(), 'plain-http': `${reg.host}\n${web.host}` });
    expect(errors(same)).toEqual([]);
    expect(same.outputs.changed).toBe('false');
    expect(same.outputs.digest).toBe(first.outputs.digest);
    expect(uploads()).toBe(0);
    expect(same.summary).not.toContain('Not compared');
    // The data injection's URL was not fetched: its sha256 was known.
    expect(web.requests.map((q) => q.path)).toEqual(['/dl/tools.tgz']);
    const checked = await run(ws({ tool: 'tool 2\n', seed: 'db 2\n', latest: 'css/a.css' }), { ...publishTo(), mode: 'check', 'plain-http': `${reg.host}\n${web.host}` });
    expect(errors(checked)).toEqual([]);
    expect(checked.outputs.changed).toBe('true');
    const at = (line: number): string => notices(checked).filter((n) => n.line === line && n.file === 'zarf.yaml').map((n) => n.message).join('\n');
    expect(at(lineOf('archives/tools.tgz'))).toMatch(/file files\/0\/tool .*changed: sha256:/);
    expect(at(lineOf('data/seed.db'))).toMatch(/file data\/0\/seed\.db .*changed: sha256:/);
    // Besides those two, only the links changed: the folders' files and both URLs did not.
    const table = checked.summary.slice(checked.summary.indexOf('### Changes since'));
    expect(table).toContain('`files/0/tool`');
    expect(table).toContain('`data/0/seed.db`');
    // A link whose target changed is a change, in a files folder and a data injection folder alike.
    expect(table).toContain('`files/2/site/latest`');
    expect(table).toContain('`data/1/html/latest`');
    for (const other of ['data/1/html/index.html', 'files/2/site/index.html', 'files/1/served-tool', 'data/2/seed.txt']) expect(table).not.toContain(other);
  }, 180_000);
});
