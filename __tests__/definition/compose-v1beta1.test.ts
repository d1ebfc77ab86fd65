/**
 * v1beta1 composition (ZARF-CREATE.md §2 "v1beta1"): ZarfComponentConfig imports, variants chosen by
 * selector, merge rules, path rebasing, values ordering, and errors at the line (and file) that
 * caused them. Files live in an in-memory map; the reader parses them with positions.
 */
import path from 'node:path';
import { LadingError, LadingErrors } from '../../src/errors.js';
import { composeV1Beta1, type ComposeV1Beta1Options } from '../../src/definition/compose-v1beta1.js';
import { rebasePath } from '../../src/definition/paths.js';
import { positionAt } from '../../src/definition/origin.js';
import { toV1Alpha1 } from '../../src/definition/v1beta1.js';
import { dedent, lineOf, parsed, type Data } from './yaml-fixture.js';

const BASE = '/ws/pkg';

interface Setup {
  files: Record<string, string>;
  dirs?: string[];
  architecture?: string;
  flavor?: string;
}

/** Composes `files['zarf.yaml']` with the other files (paths relative to BASE) readable; records reads. */
async function compose(setup: Setup): Promise<{ pkg: Data; schemas: string[]; reads: string[]; configs: Map<string, Data> }> {
  const reads: string[] = [];
  const configs = new Map<string, Data>();
  const root = parsed(setup.files['zarf.yaml'] ?? '', 'pkg/zarf.yaml');
  const opts: ComposeV1Beta1Options = {
    baseDir: BASE,
    architecture: setup.architecture ?? 'amd64',
    flavor: setup.flavor ?? '',
    readComponentConfig: async (abs) => {
      const rel = path.relative(BASE, abs).split(path.sep).join('/');
      reads.push(rel);
      if ((setup.dirs ?? []).includes(rel)) throw Object.assign(new Error('EISDIR: illegal operation on a directory'), { code: 'EISDIR' });
      const text = setup.files[rel];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${abs}'`), { code: 'ENOENT' });
      const data = configs.get(rel) ?? parsed(text, `pkg/${rel}`);
      configs.set(rel, data);
      return { data, displayPath: `pkg/${rel}` };
    }
  };
  const { pkg, importedSchemas } = await composeV1Beta1(root, opts);
  return { pkg, schemas: importedSchemas.map((s) => s.path), reads, configs };
}

async function failure(setup: Setup): Promise<LadingError> {
  try {
    await compose(setup);
  } catch (e) {
    if (e instanceof LadingErrors) return e.errors[0] as LadingError;
    if (e instanceof LadingError) return e;
    throw e;
  }
  throw new Error('expected composeV1Beta1 to fail');
}

const components = (pkg: Data): Data[] => pkg['components'] as Data[];

function zarf(body: string, extra = ''): string {
  return `apiVersion: zarf.dev/v1beta1\nkind: ZarfPackageConfig\nmetadata:\n  name: demo\n${extra}components:\n${dedent(body)
    .split('\n')
    .map((l) => (l === '' ? l : `  ${l}`))
    .join('\n')}\n`;
}

function config(component: string, extra = '', name = 'cfg'): string {
  return `apiVersion: zarf.dev/v1beta1\nkind: ZarfComponentConfig\nmetadata:\n  name: ${name}\n${extra}component:\n${dedent(component)
    .split('\n')
    .map((l) => (l === '' ? l : `  ${l}`))
    .join('\n')}\n`;
}

describe('composeV1Beta1: resolution', () => {
  test('an import is merged under the package component; its paths are rebased onto zarf.yaml\'s folder', async () => {
    const { pkg } = await compose({
      files: {
        'zarf.yaml': zarf(`
          - name: logging
            description: Logs
            optional: true
            import:
              local:
                - path: components/logging.yaml
        `),
        'components/logging.yaml': config(
          `
          images:
            - name: grafana/loki:2.9.0
          charts:
            - name: loki
              namespace: logging
              local: { path: loki-chart }
              valuesFiles:
                - path: loki-values.yaml
                - path: https://example.com/remote-values.yaml
          manifests:
            - name: extra
              files: [manifests/extra.yaml, /abs/extra.yaml]
              kustomize:
                files: [../kustomize/base]
          files:
            - source: motd.txt
              destination: /etc/motd
          imageArchives:
            - path: images/loki.tar
              images: [grafana/loki:2.9.0]
          actions:
            onCreate:
              defaults: { dir: scripts }
              before:
                - cmd: ./prepare.sh
                - cmd: ./other.sh
                  dir: tools
            onDeploy:
              before:
                - cmd: echo deploy
                  dir: stays
        `,
          '',
          'not-the-component-name'
        )
      }
    });
    expect(components(pkg)).toHaveLength(1);
    const c = components(pkg)[0] as Data;
    expect(c['name']).toBe('logging');
    expect(c['description']).toBe('Logs');
    expect(c['optional']).toBe(true);
    expect(c).not.toHaveProperty('import');
    expect(c['charts']).toEqual([
      {
        name: 'loki',
        namespace: 'logging',
        local: { path: 'components/loki-chart' },
        valuesFiles: [{ path: 'components/loki-values.yaml' }, { path: 'https://example.com/remote-values.yaml' }]
      }
    ]);
    expect(c['manifests']).toEqual([{ name: 'extra', files: ['components/manifests/extra.yaml', '/abs/extra.yaml'], kustomize: { files: ['kustomize/base'] } }]);
    expect(c['files']).toEqual([{ source: 'components/motd.txt', destination: '/etc/motd' }]);
    expect(c['imageArchives']).toEqual([{ path: 'components/images/loki.tar', images: ['grafana/loki:2.9.0'] }]);
    const actions = c['actions'] as Data;
    expect((actions['onCreate'] as Data)['before']).toEqual([
      { cmd: './prepare.sh', dir: 'components/scripts' },
      { cmd: './other.sh', dir: 'components/tools' }
    ]);
    expect((actions['onDeploy'] as Data)['before']).toEqual([{ cmd: 'echo deploy', dir: 'stays' }]);
  });

  test('components without imports stay as written, in order', async () => {
    const { pkg } = await compose({
      files: {
        'zarf.yaml': zarf(`
          - name: first
            images: [{ name: alpine:3.20 }]
          - name: middle
            import:
              local: [{ path: middle.yaml }]
          - name: last
            images: [{ name: busybox:1.36 }]
        `),
        'middle.yaml': config('images: [{ name: nginx:1.27 }]')
      }
    });
    expect(components(pkg).map((c) => [c['name'], c['images']])).toEqual([
      ['first', [{ name: 'alpine:3.20' }]],
      ['middle', [{ name: 'nginx:1.27' }]],
      ['last', [{ name: 'busybox:1.36' }]]
    ]);
  });

  test('nested imports rebase transitively; values files deepest first then the package\'s, schemas own first', async () => {
    const { pkg, schemas } = await compose({
      files: {
        'zarf.yaml': zarf(
          `
          - name: app
            import:
              local: [{ path: components/app.yaml }]
        `,
          'values:\n  files: [values.yaml, ./components/app-values.yaml]\n'
        ),
        'components/app.yaml': config(
          `
          import:
            local: [{ path: child/child.yaml }]
          charts:
            - name: app
              local: { path: app-chart }
        `,
          'values:\n  files: [app-values.yaml]\n  schema: app.schema.json\n'
        ),
        'components/child/child.yaml': config(
          `
          files:
            - source: child.txt
              destination: /child.txt
        `,
          'values:\n  files: [child-values.yaml]\n  schema: child.schema.json\n'
        )
      }
    });
    const c = components(pkg)[0] as Data;
    expect((c['files'] as Data[])[0]?.['source']).toBe('components/child/child.txt');
    expect(((c['charts'] as Data[])[0]?.['local'] as Data)['path']).toBe('components/app-chart');
    expect((pkg['values'] as Data)['files']).toEqual(['components/child/child-values.yaml', 'components/app-values.yaml', 'values.yaml']);
    expect(schemas).toEqual(['components/app.schema.json', 'components/child/child.schema.json']);
  });

  test('components whose selector does not match are dropped before their imports are read', async () => {
    const { pkg, reads } = await compose({
      architecture: 'amd64',
      flavor: 'upstream',
      files: {
        'zarf.yaml': zarf(`
          - name: arm-only
            selector: { architecture: arm64 }
            import:
              local: [{ path: missing.yaml }]
          - name: other-flavor
            selector: { flavor: registry1 }
          - name: kept
            selector: { flavor: upstream }
        `)
      }
    });
    expect(components(pkg).map((c) => c['name'])).toEqual(['kept']);
    expect(reads).toEqual([]);
  });

  test('two components importing one config each get their own rebased copy; the config is not changed', async () => {
    const { pkg, configs } = await compose({
      files: {
        'zarf.yaml': zarf(`
          - name: a
            import:
              local: [{ path: common/c.yaml }]
          - name: b
            import:
              local: [{ path: common/c.yaml }]
            files:
              - source: b.txt
                destination: /b.txt
        `),
        'common/c.yaml': config('files:\n  - source: c.txt\n    destination: /c.txt\n')
      }
    });
    expect(components(pkg)[0]?.['files']).toEqual([{ source: 'common/c.txt', destination: '/c.txt' }]);
    expect(components(pkg)[1]?.['files']).toEqual([
      { source: 'common/c.txt', destination: '/c.txt' },
      { source: 'b.txt', destination: '/b.txt' }
    ]);
    expect(((configs.get('common/c.yaml')?.['component'] as Data)['files'] as Data[])[0]?.['source']).toBe('c.txt');
  });
});

describe('composeV1Beta1: variants', () => {
  const files = {
    'zarf.yaml': zarf(`
      - name: web
        import:
          local:
            - path: web/apache.yaml
            - path: web/nginx.yaml
    `),
    'web/apache.yaml': config('selector: { flavor: apache }\nimages: [{ name: httpd:2.4 }]\n'),
    'web/nginx.yaml': config('selector: { flavor: nginx, architecture: amd64 }\nimages: [{ name: nginx:1.27 }]\n')
  };

  test('the variant whose selector matches the flavor is imported', async () => {
    const { pkg } = await compose({ files, flavor: 'apache' });
    expect(components(pkg)[0]?.['images']).toEqual([{ name: 'httpd:2.4' }]);
    expect(components(pkg)[0]?.['selector']).toEqual({ flavor: 'apache' });
    expect((await compose({ files, flavor: 'nginx' })).pkg['components']).toEqual([expect.objectContaining({ images: [{ name: 'nginx:1.27' }] })]);
  });

  test('no matching variant is an error at the import.local line', async () => {
    const e = await failure({ files, flavor: 'nginx', architecture: 'arm64' });
    expect(e.message).toBe('component "web": no imported component variant is compatible with the package target (architecture arm64, flavor nginx)');
    expect(e.position).toEqual({ file: 'pkg/zarf.yaml', line: lineOf(files['zarf.yaml'], 'local:'), col: 7 });
  });

  test('two matching variants are an error naming both', async () => {
    const e = await failure({
      files: {
        'zarf.yaml': files['zarf.yaml'],
        'web/apache.yaml': config('images: [{ name: httpd:2.4 }]\n'),
        'web/nginx.yaml': config('images: [{ name: nginx:1.27 }]\n')
      }
    });
    expect(e.message).toContain('multiple imported component variants are compatible with the package target');
    expect(e.message).toContain('pkg/web/apache.yaml, pkg/web/nginx.yaml');
    expect(e.position?.line).toBe(lineOf(files['zarf.yaml'], 'local:'));
  });
});

describe('composeV1Beta1: errors', () => {
  test('a cycle is reported as the chain of files, at the import line in the file that closes it', async () => {
    const b = config('import:\n  local: [{ path: a.yaml }]\n');
    const e = await failure({
      files: {
        'zarf.yaml': zarf('- name: x\n  import:\n    local: [{ path: c/a.yaml }]\n'),
        'c/a.yaml': config('import:\n  local: [{ path: b.yaml }]\n'),
        'c/b.yaml': b
      }
    });
    expect(e.message).toBe('component "x": component config pkg/c/a.yaml imported in cycle (pkg/c/a.yaml -> pkg/c/b.yaml -> pkg/c/a.yaml)');
    expect(e.position?.file).toBe('pkg/c/b.yaml');
    expect(e.position?.line).toBe(lineOf(b, 'a.yaml'));
  });

  test('importing the package file itself is a cycle', async () => {
    const e = await failure({ files: { 'zarf.yaml': zarf('- name: x\n  import:\n    local: [{ path: zarf.yaml }]\n') } });
    expect(e.message).toContain('imported in cycle (pkg/zarf.yaml -> pkg/zarf.yaml)');
  });

  test('a missing file is an error at its path line', async () => {
    const text = zarf('- name: x\n  import:\n    local:\n      - path: does-not-exist.yaml\n');
    const e = await failure({ files: { 'zarf.yaml': text } });
    expect(e.message).toBe('component "x": imported component config does-not-exist.yaml not found');
    expect(e.position).toEqual({ file: 'pkg/zarf.yaml', line: lineOf(text, 'does-not-exist'), col: 17 });
  });

  test('a directory is refused', async () => {
    const e = await failure({ files: { 'zarf.yaml': zarf('- name: x\n  import:\n    local: [{ path: child }]\n') }, dirs: ['child'] });
    expect(e.message).toContain('is a directory; v1beta1 imports must name a ZarfComponentConfig file');
  });

  test('remote imports are not supported yet', async () => {
    const text = zarf('- name: x\n  import:\n    remote:\n      - url: oci://example.com/c:1.0.0\n');
    const e = await failure({ files: { 'zarf.yaml': text } });
    expect(e.message).toBe('component "x": remote component imports are not yet supported for v1beta1 packages');
    expect(e.position?.line).toBe(lineOf(text, 'remote:'));
  });

  test('an absolute import path is refused', async () => {
    const e = await failure({ files: { 'zarf.yaml': zarf('- name: x\n  import:\n    local: [{ path: /etc/c.yaml }]\n') } });
    expect(e.message).toContain('import path "/etc/c.yaml" cannot be absolute');
  });

  test('a file of another kind is refused at its kind line', async () => {
    const other = 'apiVersion: zarf.dev/v1beta1\nkind: ZarfPackageConfig\nmetadata:\n  name: p\ncomponents:\n  - name: c\n';
    const e = await failure({ files: { 'zarf.yaml': zarf('- name: x\n  import:\n    local: [{ path: other.yaml }]\n'), 'other.yaml': other } });
    expect(e.message).toContain('pkg/other.yaml has kind ZarfPackageConfig: a v1beta1 import must be a ZarfComponentConfig');
    expect(e.position).toEqual({ file: 'pkg/other.yaml', line: 2, col: 7 });
  });

  test('a schema problem in a component config is reported at that file\'s line; x- keys are allowed', async () => {
    const child = config('x-anchor: &a nginx\nimages: [{ name: nginx:1.27 }]\nimagez: []\n');
    const e = await failure({ files: { 'zarf.yaml': zarf('- name: x\n  import:\n    local: [{ path: c.yaml }]\n'), 'c.yaml': child } });
    expect(e.message).toBe('component.imagez is not a field of a ZarfComponentConfig');
    expect(e.position).toEqual({ file: 'pkg/c.yaml', line: lineOf(child, 'imagez'), col: 3 });
  });
});

describe('composeV1Beta1: merge rules', () => {
  const parent = zarf(`
    - name: app
      target: { os: linux }
      selector: { flavor: prod }
      service: agent
      stateAccess: [gitCredentials]
      import:
        local: [{ path: c/app.yaml }]
      images:
        - name: redis:7
          source: daemon
        - name: nginx:1.27
      charts:
        - name: app
          namespace: override
          helmRepository: { url: https://charts.example.com, version: 2.0.0 }
          serverSideApply: "false"
          skipWait: true
          valuesFiles: [{ path: parent-values.yaml }]
        - name: extra
          local: { path: extra }
      manifests:
        - name: app
          files: [parent.yaml]
          kustomize:
            files: [override-kustomization]
            enablePlugins: true
          enableTemplating: true
      repositories:
        - url: https://github.com/acme/parent.git
      actions:
        onDeploy:
          before:
            - cmd: echo parent
        onRemove:
          defaults: { silent: true }
          before:
            - cmd: echo parent-remove
  `);
  const child = config(`
    target: { os: windows }
    selector: { architecture: amd64 }
    service: registry
    stateAccess: [registryCredentials]
    images:
      - name: redis:7
    charts:
      - name: app
        namespace: base
        local: { path: app-chart }
        skipSchemaValidation: true
        valuesFiles: [{ path: base-values.yaml }]
    manifests:
      - name: app
        files: [base.yaml]
        kustomize:
          files: [base-kustomization]
          allowAnyDirectory: true
    repositories:
      - url: https://github.com/acme/base.git
    actions:
      onDeploy:
        defaults: { retries: 3 }
        before:
          - cmd: echo base
      onRemove:
        defaults: { retries: 1 }
  `);

  let c: Data;
  let pkg: Data;
  beforeAll(async () => {
    pkg = (await compose({ files: { 'zarf.yaml': parent, 'c/app.yaml': child }, flavor: 'prod' })).pkg;
    c = components(pkg)[0] as Data;
  });

  test('appended list items keep the file and line that wrote them', () => {
    const files = ['components', 0, 'manifests', 0, 'files'];
    expect(positionAt(pkg, [...files, 0])).toEqual(expect.objectContaining({ file: 'pkg/c/app.yaml', line: lineOf(child, 'base.yaml]') }));
    expect(positionAt(pkg, [...files, 1])).toEqual(expect.objectContaining({ file: 'pkg/zarf.yaml', line: lineOf(parent, 'parent.yaml]') }));
    expect(positionAt(pkg, ['components', 0, 'stateAccess', 1])).toEqual(expect.objectContaining({ file: 'pkg/zarf.yaml', line: lineOf(parent, 'gitCredentials') }));
  });

  test('the package component overrides target.os, selector and service; stateAccess and repositories append', () => {
    expect(c['target']).toEqual({ os: 'linux' });
    expect(c['selector']).toEqual({ architecture: 'amd64', flavor: 'prod' });
    expect(c['service']).toBe('agent');
    expect(c['stateAccess']).toEqual(['registryCredentials', 'gitCredentials']);
    expect(c['repositories']).toEqual([{ url: 'https://github.com/acme/base.git' }, { url: 'https://github.com/acme/parent.git' }]);
  });

  test('images merge by name, the package\'s source winning', () => {
    expect(c['images']).toEqual([{ name: 'redis:7', source: 'daemon' }, { name: 'nginx:1.27' }]);
  });

  test('charts merge by name: namespace, source and serverSideApply replaced, flags ORed, values files appended', () => {
    expect(c['charts']).toEqual([
      {
        name: 'app',
        namespace: 'override',
        helmRepository: { url: 'https://charts.example.com', version: '2.0.0' },
        skipSchemaValidation: true,
        valuesFiles: [{ path: 'c/base-values.yaml' }, { path: 'parent-values.yaml' }],
        serverSideApply: 'false',
        skipWait: true
      },
      { name: 'extra', local: { path: 'extra' } }
    ]);
  });

  test('manifests merge by name: files and kustomize files append, flags ORed', () => {
    expect(c['manifests']).toEqual([
      {
        name: 'app',
        files: ['c/base.yaml', 'parent.yaml'],
        kustomize: { files: ['c/base-kustomization', 'override-kustomization'], allowAnyDirectory: true, enablePlugins: true },
        enableTemplating: true
      }
    ]);
  });

  test('actions: the imported ones first; defaults replaced only where the package sets them', () => {
    const actions = c['actions'] as Data;
    expect(actions['onDeploy']).toEqual({ defaults: { retries: 3 }, before: [{ cmd: 'echo base' }, { cmd: 'echo parent' }] });
    expect(actions['onRemove']).toEqual({ defaults: { silent: true }, before: [{ cmd: 'echo parent-remove' }] });
  });
});

describe('composeV1Beta1 then toV1Alpha1: positions', () => {
  test('values point at the line of the file that wrote them, imported or not', async () => {
    const child = config(`
      charts:
        - name: app
          local: { path: chart }
          valuesFiles:
            - path: child-values.yaml
    `);
    const root = zarf(`
      - name: app
        import:
          local: [{ path: c/app.yaml }]
        charts:
          - name: app
            namespace: app
            valuesFiles:
              - path: parent-values.yaml
    `);
    const { pkg } = await compose({ files: { 'zarf.yaml': root, 'c/app.yaml': child } });
    const alpha = toV1Alpha1(pkg);
    const chart = ['components', 0, 'charts', 0];
    expect(positionAt(alpha, [...chart, 'localPath'])).toEqual(expect.objectContaining({ file: 'pkg/c/app.yaml', line: lineOf(child, 'chart }') }));
    expect((((alpha['components'] as Data[])[0]?.['charts'] as Data[])[0] as Data)['localPath']).toBe('c/chart');
    expect(positionAt(alpha, [...chart, 'valuesFiles', 0]).file).toBe('pkg/c/app.yaml');
    expect(positionAt(alpha, [...chart, 'valuesFiles', 0]).line).toBe(lineOf(child, 'child-values.yaml'));
    expect(positionAt(alpha, [...chart, 'valuesFiles', 1])).toEqual(expect.objectContaining({ file: 'pkg/zarf.yaml', line: lineOf(root, 'parent-values.yaml') }));
    expect(positionAt(alpha, [...chart, 'namespace'])).toEqual(expect.objectContaining({ file: 'pkg/zarf.yaml', line: lineOf(root, 'namespace: app') }));
    expect(positionAt(alpha, ['components', 0, 'name'])).toEqual(expect.objectContaining({ file: 'pkg/zarf.yaml', line: lineOf(root, 'name: app') }));
  });
});

describe('rebasePath', () => {
  test.each([
    ['a.yaml', 'components', 'components/a.yaml'],
    ['../kustomize/base', 'components', 'kustomize/base'],
    ['./x/./y.yaml', '.', 'x/y.yaml'],
    ['/abs/file', 'components', '/abs/file'],
    ['https://example.com/v.yaml', 'components', 'https://example.com/v.yaml'],
    ['oci://ghcr.io/acme/chart', 'components', 'oci://ghcr.io/acme/chart']
  ])('%s from %s', (p, rel, want) => {
    expect(rebasePath(p, rel)).toBe(want);
  });
});
