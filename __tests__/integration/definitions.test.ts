/**
 * Package definitions as people write them, built by the action as the runner runs it against the
 * real test registry: a composed package (root zarf.yaml importing common/zarf.yaml, a flavored
 * component pair, values, variables, constants, documentation, deploy-time actions and health checks),
 * the `definition` output and its job-summary block, the `flavor` and `set` inputs, a v1beta1 package
 * built the same as its v1alpha1 twin, and bad definitions each failing with one error at its line.
 * Packages are unpacked with zstd and tar, independent readers; built zarf.yaml files are checked
 * against Zarf's published JSON schema.
 */
import { describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { runAction, type ActionRun } from './setup/index.js';
import { buildInputs, errorsOf, lineOf, listFiles, oneCleanError, seededRegistry, sha256File, unpack, warningsOf, workspaceWith } from './helpers.js';
import { zarfSchemaErrors } from '../helpers/zarf-schema.js';

const seeded = seededRegistry();

type Data = Record<string, unknown>;

const single = (): string => seeded.single;

const run = (ws: string, extra: Record<string, string> = {}): Promise<ActionRun> =>
  runAction({ workspace: ws, inputs: buildInputs([seeded.reg.host], { concurrency: '4', ...extra }), env: { SOURCE_DATE_EPOCH: '1700000000' } });

/** The documents of a built zarf.yaml. */
function builtDocs(dir: string): Data[] {
  return YAML.parseAllDocuments(fs.readFileSync(path.join(dir, 'zarf.yaml'), 'utf8')).map((d) => d.toJS() as Data);
}

const componentsOf = (doc: Data): Data[] => doc['components'] as Data[];
const named = (doc: Data, name: string): Data[] => componentsOf(doc).filter((c) => c['name'] === name);

// ---------------------------------------------------------------------------------------------------
// The composed package: zarf.yaml imports common/zarf.yaml.

const ROOT = (): string => `kind: ZarfPackageConfig
metadata:
  name: composed
  version: 1.0.0
  description: A package composed from a common definition
variables:
  - name: REPLICAS
    default: "2"
    prompt: false
constants:
  - name: DOMAIN
    value: example.com
values:
  files:
    - values/root.yaml
documentation:
  readme: README.md
components:
  - name: web
    required: true
    import:
      path: common
    images:
      - ${single()}
    actions:
      onDeploy:
        after:
          - cmd: echo root after
  - name: extras
    description: Extras, upstream flavor
    only:
      flavor: upstream
    import:
      path: common
  - name: extras
    description: Extras, hardened flavor
    only:
      flavor: hardened
    import:
      path: common
    files:
      - source: files/hardened.txt
        target: /opt/hardened.txt
`;

const COMMON = `kind: ZarfPackageConfig
metadata:
  name: common
variables:
  - name: LOG_LEVEL
    default: info
  - name: REPLICAS
    default: "9"
constants:
  - name: DOMAIN
    value: common.example.com
  - name: REGION
    value: eu
values:
  files:
    - values/common.yaml
components:
  - name: web
    description: The web tier
    files:
      - source: files/hello.txt
        target: /opt/hello.txt
    manifests:
      - name: web
        namespace: web
        serverSideApply: "true"
        files:
          - manifests/cm.yaml
    actions:
      onDeploy:
        before:
          - cmd: "echo common before ###ZARF_VAR_LOG_LEVEL###"
        after:
          - cmd: echo common after
      onRemove:
        before:
          - cmd: "echo removing ###ZARF_CONST_DOMAIN###"
    healthChecks:
      - apiVersion: apps/v1
        kind: Deployment
        name: web
        namespace: web
  - name: extras
    files:
      - source: files/extra.txt
        target: /opt/extra.txt
`;

const COMPOSED_FILES: Record<string, string> = {
  'common/zarf.yaml': COMMON,
  'common/files/hello.txt': 'hello from common\n',
  'common/files/extra.txt': 'extra\n',
  'common/manifests/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: "1"\n',
  'common/values/common.yaml': 'common: true\nshared: common\n',
  'files/hardened.txt': 'hardened\n',
  'values/root.yaml': 'root: true\nshared: root\n',
  'README.md': '# Composed\n'
};

describe('a composed package', () => {
  test('builds with the composed components and every deploy-time field carried, and passes Zarf\'s schema', async () => {
    const ws = workspaceWith(ROOT(), COMPOSED_FILES);
    const r = await run(ws, { flavor: 'hardened' });
    expect(errorsOf(r)).toEqual([]);
    expect(warningsOf(r)).toEqual([]);
    expect(r.code).toBe(0);
    expect(path.basename(r.outputs.package as string)).toBe('zarf-package-composed-amd64-1.0.0-hardened.tar.zst');
    const dir = await unpack(r.outputs.package as string);
    const docs = builtDocs(dir);
    expect(docs).toHaveLength(1);
    const doc = docs[0] as Data;
    expect(zarfSchemaErrors(doc, 'v1alpha1')).toEqual([]);

    // The hardened `extras` only; `web` merged with common's.
    expect(componentsOf(doc).map((c) => c['name'])).toEqual(['web', 'extras']);
    const [web] = named(doc, 'web') as [Data];
    expect(web['description']).toBe('The web tier');
    expect(web['required']).toBe(true);
    expect(web['images']).toEqual([single()]);
    expect(web).not.toHaveProperty('import');
    expect(web['files']).toEqual([{ source: 'common/files/hello.txt', target: '/opt/hello.txt' }]);
    expect(web['manifests']).toEqual([{ name: 'web', namespace: 'web', serverSideApply: 'true', files: ['common/manifests/cm.yaml'] }]);
    // Actions: the imported ones first, then the importer's; onRemove carried.
    const actions = web['actions'] as Data;
    expect((actions['onDeploy'] as Data)['before']).toEqual([{ cmd: 'echo common before ###ZARF_VAR_LOG_LEVEL###' }]);
    expect((actions['onDeploy'] as Data)['after']).toEqual([{ cmd: 'echo common after' }, { cmd: 'echo root after' }]);
    expect((actions['onRemove'] as Data)['before']).toEqual([{ cmd: 'echo removing ###ZARF_CONST_DOMAIN###' }]);
    expect(web['healthChecks']).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'web' }]);
    const [extras] = named(doc, 'extras') as [Data];
    expect(extras['description']).toBe('Extras, hardened flavor');
    expect(extras['only']).toEqual({ flavor: 'hardened' });
    expect(extras['files']).toEqual([
      { source: 'common/files/extra.txt', target: '/opt/extra.txt' },
      { source: 'files/hardened.txt', target: '/opt/hardened.txt' }
    ]);

    // Package-level fields: the importer's first, then the import's; the first name wins.
    expect(doc['variables']).toEqual([
      { name: 'REPLICAS', default: '2', prompt: false },
      { name: 'LOG_LEVEL', default: 'info' }
    ]);
    expect(doc['constants']).toEqual([
      { name: 'DOMAIN', value: 'example.com' },
      { name: 'REGION', value: 'eu' }
    ]);
    expect(doc['values']).toEqual({ files: ['common/values/common.yaml', 'values/root.yaml'] });
    expect(doc['documentation']).toEqual({ readme: 'README.md' });
    const build = doc['build'] as Data;
    expect(build['flavor']).toBe('hardened');
    expect(build['migrations']).toEqual(['scripts-to-actions', 'pluralize-set-variable']);

    // The files those fields name are in the package.
    const files = listFiles(dir);
    expect(files).toEqual(expect.arrayContaining(['values.yaml', 'documentation.tar', 'components/web.tar', 'components/extras.tar', 'checksums.txt', 'zarf.yaml']));
    expect(YAML.parse(fs.readFileSync(path.join(dir, 'values.yaml'), 'utf8'))).toEqual({ common: true, root: true, shared: 'root' });
    const docsDir = await unpack(path.join(dir, 'documentation.tar'));
    expect(listFiles(docsDir).some((f) => fs.readFileSync(path.join(docsDir, f), 'utf8') === '# Composed\n')).toBe(true);
    const webTar = await unpack(path.join(dir, 'components/web.tar'));
    expect(listFiles(webTar).map((f) => fs.readFileSync(path.join(webTar, f), 'utf8'))).toEqual(expect.arrayContaining(['hello from common\n', COMPOSED_FILES['common/manifests/cm.yaml']]));
    const extrasTar = await unpack(path.join(dir, 'components/extras.tar'));
    expect(listFiles(extrasTar).map((f) => fs.readFileSync(path.join(extrasTar, f), 'utf8')).sort()).toEqual(['extra\n', 'hardened\n']);
  }, 90_000);

  test('the definition output names the composed YAML, and the job summary shows it folded', async () => {
    const ws = workspaceWith(ROOT(), COMPOSED_FILES);
    const r = await run(ws, { flavor: 'upstream' });
    expect(r.code).toBe(0);
    const file = r.outputs.definition as string;
    expect(path.isAbsolute(file)).toBe(true);
    expect(file.startsWith(r.runnerTemp)).toBe(true);
    const text = fs.readFileSync(file, 'utf8');
    const shown = YAML.parse(text) as Data;
    expect(componentsOf(shown).map((c) => [c['name'], c['description']])).toEqual([
      ['web', 'The web tier'],
      ['extras', 'Extras, upstream flavor']
    ]);
    expect(named(shown, 'web')[0]?.['files']).toEqual([{ source: 'common/files/hello.txt', target: '/opt/hello.txt' }]);
    expect((shown['metadata'] as Data)['architecture']).toBe('amd64');
    expect(zarfSchemaErrors(shown, 'v1alpha1')).toEqual([]);
    // The summary: a <details> block (collapsed: no `open`) holding that YAML.
    const block = /<details>\n<summary>[^\n]*definition[^\n]*<\/summary>\n\n(`{3,})yaml\n([\s\S]*?)\n\1\n\n<\/details>/.exec(r.summary);
    expect(block).not.toBeNull();
    expect(`${block?.[2]}\n`).toBe(text);
  }, 90_000);

  test('the definition output is written when the run fails later at the registry', async () => {
    const ws = workspaceWith(ROOT().replace(single(), `${seeded.reg.host}/seed/does-not-exist:1.0`), COMPOSED_FILES);
    const r = await run(ws, { flavor: 'upstream' });
    const e = oneCleanError(r, ws);
    expect(e.message).toContain('does-not-exist');
    const shown = YAML.parse(fs.readFileSync(r.outputs.definition as string, 'utf8')) as Data;
    expect(named(shown, 'web')[0]?.['images']).toEqual([`${seeded.reg.host}/seed/does-not-exist:1.0`]);
    expect(r.summary).toContain('<details>');
    expect(r.summary).toContain('does-not-exist:1.0');
  }, 90_000);

  test('the definition output is written when validation refuses the composed definition', async () => {
    // Both `extras` survive: the unflavored one and the upstream one.
    const root = ROOT().replace('  - name: extras\n    description: Extras, upstream flavor\n    only:\n      flavor: upstream\n', '  - name: extras\n    description: Extras, upstream flavor\n');
    const ws = workspaceWith(root, COMPOSED_FILES);
    const r = await run(ws, { flavor: 'hardened' });
    const e = oneCleanError(r, ws);
    expect(e.message).toMatch(/component name "extras" is not unique|"extras".*unique|unique.*"extras"/);
    expect(e).toMatchObject({ file: 'zarf.yaml', line: lineOf(root, 'name: extras', lineOf(root, 'name: extras')) });
    const shown = YAML.parse(fs.readFileSync(r.outputs.definition as string, 'utf8')) as Data;
    expect(named(shown, 'extras')).toHaveLength(2);
    expect(r.summary).toContain('<details>');
  }, 90_000);
});

// ---------------------------------------------------------------------------------------------------
// Inputs flavor and set.

describe('inputs flavor and set', () => {
  const FLAVORED = (): string => `kind: ZarfPackageConfig
metadata:
  name: flavored
  version: 1.0.0
components:
  - name: app
    required: true
    images:
      - ${single()}
    files:
      - source: "###ZARF_PKG_TMPL_CONFIG###"
        target: /etc/app/###ZARF_PKG_ARCH###.conf
  - name: extra
    only:
      flavor: blue
    files:
      - source: blue.txt
        target: /opt/blue.txt
`;
  const FLAVORED_FILES = { 'a.conf': 'a\n', 'blue.txt': 'blue\n' };

  test('a flavor picks its components; the file name and the published tag get -<flavor>; set fills a template', async () => {
    const ws = workspaceWith(FLAVORED(), FLAVORED_FILES);
    const r = await run(ws, { flavor: 'blue', set: 'CONFIG=a.conf', publish: `oci://${seeded.reg.host}/pkgs` });
    expect(errorsOf(r)).toEqual([]);
    expect(r.code).toBe(0);
    expect(path.basename(r.outputs.package as string)).toBe('zarf-package-flavored-amd64-1.0.0-blue.tar.zst');
    expect(r.outputs.reference).toBe(`${seeded.reg.host}/pkgs/flavored:1.0.0-blue`);
    const doc = builtDocs(await unpack(r.outputs.package as string))[0] as Data;
    expect(componentsOf(doc).map((c) => c['name'])).toEqual(['app', 'extra']);
    expect(named(doc, 'app')[0]?.['files']).toEqual([{ source: 'a.conf', target: '/etc/app/amd64.conf' }]);
    expect((doc['build'] as Data)['flavor']).toBe('blue');
    expect(zarfSchemaErrors(doc, 'v1alpha1')).toEqual([]);

    // Without the flavor: no `extra`, no suffix, no build.flavor.
    const plain = await run(workspaceWith(FLAVORED(), FLAVORED_FILES), { set: 'config=a.conf' });
    expect(errorsOf(plain)).toEqual([]);
    expect(path.basename(plain.outputs.package as string)).toBe('zarf-package-flavored-amd64-1.0.0.tar.zst');
    const plainDoc = builtDocs(await unpack(plain.outputs.package as string))[0] as Data;
    expect(componentsOf(plainDoc).map((c) => c['name'])).toEqual(['app']);
    expect(plainDoc['build']).not.toHaveProperty('flavor');
  }, 90_000);

  test('a template never set fails at its line, naming it', async () => {
    const yaml = FLAVORED();
    const ws = workspaceWith(yaml, FLAVORED_FILES);
    const r = await run(ws);
    const e = oneCleanError(r, ws);
    expect(e).toMatchObject({ file: 'zarf.yaml', line: lineOf(yaml, '###ZARF_PKG_TMPL_CONFIG###') });
    expect(e.message).toContain('###ZARF_PKG_TMPL_CONFIG###');
    expect(e.message).toMatch(/not set/);
    expect(e.message).toContain('set');
  }, 60_000);

  test('a template never set in an imported file fails at that file\'s line', async () => {
    const child = 'kind: ZarfPackageConfig\nmetadata:\n  name: child\ncomponents:\n  - name: app\n    files:\n      - source: a.conf\n        target: "/etc/###ZARF_PKG_TMPL_TARGET###"\n';
    const ws = workspaceWith('kind: ZarfPackageConfig\nmetadata:\n  name: parent\n  version: 1.0.0\ncomponents:\n  - name: app\n    import:\n      path: child\n', { 'child/zarf.yaml': child, 'child/a.conf': 'a\n' });
    const r = await run(ws);
    const e = oneCleanError(r, ws);
    expect(e).toMatchObject({ file: 'child/zarf.yaml', line: lineOf(child, 'TMPL_TARGET') });
    expect(e.message).toContain('###ZARF_PKG_TMPL_TARGET###');
  }, 60_000);

  test('a set line that is not NAME=value fails with one clear error', async () => {
    const ws = workspaceWith(FLAVORED(), FLAVORED_FILES);
    const r = await run(ws, { set: 'CONFIG=a.conf\njust-a-word' });
    const e = oneCleanError(r, ws);
    expect(e.message).toContain('input set, line 2');
    expect(e.message).toContain('just-a-word');
    expect(e.message).toContain('NAME=value');
    expect(e.file).toBeUndefined();
    expect(r.outputs.definition).toBeUndefined();
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------------
// v1alpha1 and v1beta1 of the same package.

describe('v1alpha1 and v1beta1 of one package', () => {
  const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: twin\n';
  const files = { 'parts/files/hello.txt': 'hello twin\n', 'parts/manifests/cm.yaml': CM };

  const V1ALPHA1 = (): string => `kind: ZarfPackageConfig
metadata:
  name: twin
  version: 1.0.0
components:
  - name: app
    required: true
    images:
      - ${single()}
    files:
      - source: parts/files/hello.txt
        target: /opt/hello.txt
    manifests:
      - name: web
        namespace: web
        files:
          - parts/manifests/cm.yaml
  - name: optional-part
    files:
      - source: parts/files/hello.txt
        target: /opt/again.txt
`;

  const V1BETA1 = (): string => `apiVersion: zarf.dev/v1beta1
kind: ZarfPackageConfig
metadata:
  name: twin
  version: 1.0.0
components:
  - name: app
    images:
      - name: ${single()}
    import:
      local:
        - path: parts/app.yaml
  - name: optional-part
    optional: true
    files:
      - source: parts/files/hello.txt
        destination: /opt/again.txt
`;

  const COMPONENT_CONFIG = `apiVersion: zarf.dev/v1beta1
kind: ZarfComponentConfig
metadata:
  name: app
component:
  files:
    - source: files/hello.txt
      destination: /opt/hello.txt
  manifests:
    - name: web
      namespace: web
      files:
        - manifests/cm.yaml
`;

  test('build the same content; the v1beta1 zarf.yaml adds its own document after ---', async () => {
    const wsA = workspaceWith(V1ALPHA1(), files);
    const wsB = workspaceWith(V1BETA1(), { ...files, 'parts/app.yaml': COMPONENT_CONFIG });
    const [a, b] = [await run(wsA), await run(wsB)];
    expect(errorsOf(a)).toEqual([]);
    expect(errorsOf(b)).toEqual([]);
    expect(path.basename(b.outputs.package as string)).toBe(path.basename(a.outputs.package as string));
    const [da, db] = [await unpack(a.outputs.package as string), await unpack(b.outputs.package as string)];

    const content = (d: string): Record<string, string> =>
      Object.fromEntries(listFiles(d).filter((f) => f !== 'zarf.yaml').map((f) => [f, sha256File(path.join(d, f))]));
    expect(Object.keys(content(da))).toEqual(expect.arrayContaining(['checksums.txt', 'components/app.tar', 'components/optional-part.tar', 'images/index.json', 'images/oci-layout']));
    expect(content(db)).toEqual(content(da));

    const docsA = builtDocs(da);
    const docsB = builtDocs(db);
    expect(docsA).toHaveLength(1);
    expect(docsB).toHaveLength(2);
    expect(fs.readFileSync(path.join(db, 'zarf.yaml'), 'utf8')).toMatch(/\n---\n/);
    const [alpha, beta] = docsB as [Data, Data];
    expect(zarfSchemaErrors(alpha, 'v1alpha1')).toEqual([]);
    expect(zarfSchemaErrors(beta, 'v1beta1-package')).toEqual([]);
    expect(beta['apiVersion']).toBe('zarf.dev/v1beta1');
    // The v1alpha1 projection lists the same components as the v1alpha1 source, no migrations.
    const strip = (c: Data): Data => ({ ...c });
    expect(componentsOf(alpha).map(strip)).toEqual(componentsOf(docsA[0] as Data).map(strip));
    expect(alpha['build']).not.toHaveProperty('migrations');
    expect((docsA[0] as Data)['build']).toHaveProperty('migrations');
    // The v1beta1 document holds the resolved import: no import left, paths rebased onto zarf.yaml's folder.
    const betaApp = named(beta, 'app')[0] as Data;
    expect(betaApp).not.toHaveProperty('import');
    expect(betaApp['files']).toEqual([{ source: 'parts/files/hello.txt', destination: '/opt/hello.txt' }]);
    // The definition output shows both documents too.
    const shown = YAML.parseAllDocuments(fs.readFileSync(b.outputs.definition as string, 'utf8')).map((d) => d.toJS() as Data);
    expect(shown.map((d) => d['apiVersion'])).toEqual(['zarf.dev/v1alpha1', 'zarf.dev/v1beta1']);
    expect(named(shown[1] as Data, 'app')[0]).not.toHaveProperty('import');
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------------
// Bad definitions: each one error at its line (in the file that wrote it), exit 1, nothing written.

describe('bad definitions', () => {
  const parent = (importPath: string, name = 'app', extra = ''): string =>
    `kind: ZarfPackageConfig\nmetadata:\n  name: parent\n  version: 1.0.0\ncomponents:\n  - name: ${name}\n    import:\n      path: ${importPath}\n${extra}`;
  const child = (name: string, importPath?: string): string =>
    `kind: ZarfPackageConfig\nmetadata:\n  name: child\ncomponents:\n  - name: ${name}\n${importPath !== undefined ? `    import:\n      path: ${importPath}\n` : '    files:\n      - source: a.txt\n        target: /a.txt\n'}`;

  test('an import cycle names the chain of files, at the import that closes it', async () => {
    const a = child('app', '../b');
    const b = child('app', '../a');
    const ws = workspaceWith(parent('a'), { 'a/zarf.yaml': a, 'b/zarf.yaml': b });
    const r = await run(ws);
    const e = oneCleanError(r, ws);
    expect(e.message).toMatch(/cycle/);
    expect(e.message).toContain('(zarf.yaml -> a/zarf.yaml -> b/zarf.yaml -> a/zarf.yaml)');
    expect(e.file).toBe('b/zarf.yaml');
    expect(e.line).toBe(lineOf(b, 'path: ../a'));
  }, 60_000);

  test('an import of a folder with no zarf.yaml fails at the import path', async () => {
    const yaml = parent('missing');
    const ws = workspaceWith(yaml);
    const r = await run(ws);
    const e = oneCleanError(r, ws);
    expect(e).toMatchObject({ file: 'zarf.yaml', line: lineOf(yaml, 'path: missing') });
    expect(e.message).toContain('missing');
  }, 60_000);

  test('an import of a missing file from an imported file fails at that file\'s line', async () => {
    const mid = child('app', '../nowhere');
    const ws = workspaceWith(parent('mid'), { 'mid/zarf.yaml': mid });
    const r = await run(ws);
    const e = oneCleanError(r, ws);
    expect(e).toMatchObject({ file: 'mid/zarf.yaml', line: lineOf(mid, 'path: ../nowhere') });
    expect(e.message).toContain('nowhere');
  }, 60_000);

  test('an import of a component name the imported package does not have', async () => {
    const yaml = parent('common', 'app', '      name: not-there\n');
    const ws = workspaceWith(yaml, { 'common/zarf.yaml': child('app'), 'common/a.txt': 'a' });
    const r = await run(ws);
    const e = oneCleanError(r, ws);
    expect(e.message).toContain('not-there');
    expect(e.message).toMatch(/no compatible component named/);
    expect(e).toMatchObject({ file: 'zarf.yaml', line: lineOf(yaml, 'name: not-there') });
  }, 60_000);

  test('a flavor no component has only warns, and the package builds', async () => {
    const yaml = `kind: ZarfPackageConfig\nmetadata:\n  name: pkg\n  version: 1.0.0\ncomponents:\n  - name: app\n    images:\n      - ${single()}\n  - name: blue\n    only:\n      flavor: blue\n    images:\n      - ${single()}\n`;
    const ws = workspaceWith(yaml);
    const r = await run(ws, { flavor: 'green' });
    expect(errorsOf(r)).toEqual([]);
    expect(r.code).toBe(0);
    const w = warningsOf(r).filter((a) => /green/.test(a.message));
    expect(w).toHaveLength(1);
    const doc = builtDocs(await unpack(r.outputs.package as string))[0] as Data;
    expect(componentsOf(doc).map((c) => c['name'])).toEqual(['app']);
    expect((doc['build'] as Data)['flavor']).toBe('green');
  }, 60_000);

  test('two components of one name both surviving the flavor filter', async () => {
    const yaml = `kind: ZarfPackageConfig\nmetadata:\n  name: pkg\n  version: 1.0.0\ncomponents:\n  - name: app\n    images:\n      - ${single()}\n  - name: app\n    only:\n      flavor: blue\n    images:\n      - ${single()}\n`;
    const ok = await run(workspaceWith(yaml), { flavor: 'red' });
    expect(errorsOf(ok)).toEqual([]);
    const ws = workspaceWith(yaml);
    const r = await run(ws, { flavor: 'blue' });
    const e = oneCleanError(r, ws);
    expect(e.message).toContain('"app"');
    expect(e.message).toMatch(/unique/);
    expect(e).toMatchObject({ file: 'zarf.yaml', line: lineOf(yaml, 'name: app', lineOf(yaml, 'name: app')) });
  }, 60_000);

  test('kind: ZarfInitConfig is out of scope, said in one line', async () => {
    const yaml = `kind: ZarfInitConfig\nmetadata:\n  name: init\n  version: 1.0.0\ncomponents:\n  - name: app\n    images:\n      - ${single()}\n`;
    const ws = workspaceWith(yaml);
    seeded.reg.resetCounts();
    const r = await run(ws);
    const e = oneCleanError(r, ws);
    expect(e).toMatchObject({ file: 'zarf.yaml', line: 1 });
    expect(e.message).toMatch(/ZarfInitConfig/);
    expect(e.message).toMatch(/out of scope/);
    expect(seeded.reg.requests()).toEqual([]);
  }, 60_000);

  test('an import that leaves the workspace, by ../ or through a symbolic link, is refused at its line', async () => {
    const outside = 'kind: ZarfPackageConfig\nmetadata:\n  name: outside\ncomponents:\n  - name: app\n    files:\n      - source: a.txt\n        target: /a.txt\n';
    for (const importPath of ['../outside', 'linked']) {
      const yaml = parent(importPath);
      // The workspace is repo/; outside/ is a real package beside it.
      const top = workspaceWith('', { 'repo/zarf.yaml': yaml, 'outside/zarf.yaml': outside, 'outside/a.txt': 'a\n' });
      const ws = path.join(top, 'repo');
      fs.symlinkSync(path.join(top, 'outside'), path.join(ws, 'linked'));
      const r = await runAction({ workspace: ws, inputs: buildInputs([seeded.reg.host]) });
      const e = oneCleanError(r, ws);
      expect({ importPath, file: e.file, line: e.line }).toEqual({ importPath, file: 'zarf.yaml', line: lineOf(yaml, `path: ${importPath}`) });
      expect(e.message).toMatch(/outside the workspace/);
    }
  }, 60_000);

  test('kind: ZarfInitConfig importing packages that are not there still gets the out-of-scope line', async () => {
    // The usual shape of an init package: components imported from folders this repository lacks.
    const yaml = 'kind: ZarfInitConfig\nmetadata:\n  name: init\ncomponents:\n  - name: k3s\n    import:\n      path: packages/distros/k3s\n';
    const ws = workspaceWith(yaml);
    const e = oneCleanError(await run(ws), ws);
    expect(e).toMatchObject({ file: 'zarf.yaml', line: 1 });
    expect(e.message).toMatch(/init packages are out of scope/);
  }, 60_000);

  test('a v1beta1 import of a component config that is not there, or of a folder, fails at the line that names it', async () => {
    const yaml = (p: string): string =>
      `apiVersion: zarf.dev/v1beta1\nkind: ZarfPackageConfig\nmetadata:\n  name: pkg\ncomponents:\n  - name: app\n    import:\n      local:\n        - path: ${p}\n`;
    const ws = workspaceWith(yaml('parts/missing.yaml'));
    const e = oneCleanError(await run(ws), ws);
    expect(e).toMatchObject({ file: 'zarf.yaml', line: 9 });
    expect(e.message).toContain('parts/missing.yaml');
    expect(e.message).toMatch(/not found/);
    const ws2 = workspaceWith(yaml('parts'), { 'parts/zarf.yaml': 'kind: ZarfPackageConfig\n' });
    const e2 = oneCleanError(await run(ws2), ws2);
    expect(e2).toMatchObject({ file: 'zarf.yaml', line: 9 });
    expect(e2.message).toMatch(/is a directory; v1beta1 imports must name a ZarfComponentConfig file/);
  }, 60_000);
});
