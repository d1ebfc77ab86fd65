/**
 * Composition through loadPackage: Zarf's merge rules (ZARF-CREATE.md §2 "Merge"), each seen in the
 * composed definition a user gets (the `definition` output), with positions in the file that wrote
 * each value. Fixtures: __tests__/fixtures/compose/{merge,local-os,unbuilt}.
 */
import { describe, expect, test } from '@jest/globals';
import { component, components, load, loaded, refused, shown, type Obj } from './compose-helpers.js';

describe('merge: the importing component over the imported one', () => {
  test('name, default and required are the importer\'s even when it leaves them unset', async () => {
    const pkg = await loaded('merge', { flavor: 'blue' });
    const renamed = component(pkg.config as unknown as Obj, 'renamed');
    // The imported `base` is required and default; the importer says nothing: both are gone.
    expect(renamed).not.toHaveProperty('required');
    expect(renamed).not.toHaveProperty('default');
    const base = component(pkg.config as unknown as Obj, 'base');
    expect(base['required']).toBe(false);
    expect(base['default']).toBe(false);
    expect(components(pkg.config as unknown as Obj).map((c) => c['name'])).toEqual(['renamed', 'base', 'plain', 'scripted', 'scripted-again', 'acted', 'charted', 'from-named-only']);
  });

  test('description and only.flavor are the importer\'s when it writes them; only.cluster stays the imported one\'s', async () => {
    const pkg = await loaded('merge', { flavor: 'blue' });
    const config = pkg.config as unknown as Obj;
    expect(component(config, 'renamed')['description']).toBe('written by the importer');
    expect(component(config, 'renamed')['only']).toEqual({ cluster: { architecture: 'amd64' }, flavor: 'blue' });
    expect(component(config, 'base')['description']).toBe('written in common');
    expect(pkg.positionOf(['components', 0, 'description'])).toMatchObject({ file: 'merge/zarf.yaml', line: 7 });
    expect(pkg.positionOf(['components', 1, 'description'])).toMatchObject({ file: 'merge/common/zarf.yaml', line: 6 });
  });

  test('only.localOS is taken from the importer when the imported component has none', async () => {
    const pkg = await loaded('merge', { flavor: 'blue' });
    expect(component(pkg.config as unknown as Obj, 'base')['only']).toEqual({ cluster: { architecture: 'amd64' }, localOS: 'linux' });
  });

  test('only.localOS written on both sides, even equal, is an error at the importer\'s localOS', async () => {
    const errors = await refused('local-os');
    expect(errors.map(shown)).toEqual(['local-os/zarf.yaml:7:16 component "tool": only.localOS "linux" cannot be redefined as "linux" during compose']);
  });

  test('group is the importer\'s, dropped when it has none', async () => {
    const config = (await loaded('merge', { flavor: 'blue' })).config as unknown as Obj;
    expect(component(config, 'base')['group']).toBe('parent-group');
    expect(component(config, 'renamed')).not.toHaveProperty('group');
  });

  test('scripts: before/after appended child then parent, retry/showOutput ORed, a positive timeoutSeconds replaces', async () => {
    const config = (await loaded('merge', { flavor: 'blue' })).config as unknown as Obj;
    expect(component(config, 'scripted')['scripts']).toEqual({
      before: ['echo child-before', 'echo parent-before'],
      after: ['echo parent-after'],
      retry: true,
      showOutput: true,
      timeoutSeconds: 5
    });
    expect(component(config, 'scripted-again')['scripts']).toEqual({ before: ['echo child-before'], retry: false, showOutput: false, timeoutSeconds: 30 });
    // The migrated actions follow the same rules: the importer's defaults replace the imported ones.
    expect((component(config, 'scripted')['actions'] as Obj)['onDeploy']).toEqual({
      defaults: { maxRetries: 10000 },
      before: [{ cmd: 'echo child-before' }, { cmd: 'echo parent-before' }],
      after: [{ cmd: 'echo parent-after' }]
    });
    expect((component(config, 'scripted-again')['actions'] as Obj)['onDeploy']).toEqual({ before: [{ cmd: 'echo child-before' }] });
  });

  test('actions: each set\'s defaults are the importer\'s even when it has none; lists are child then parent', async () => {
    const pkg = await loaded('merge', { flavor: 'blue' });
    const actions = component(pkg.config as unknown as Obj, 'acted')['actions'] as Obj;
    expect(actions['onDeploy']).toEqual({
      defaults: { dir: 'parent-dir' },
      before: [{ cmd: 'echo child-deploy-before' }, { cmd: 'echo parent-deploy-before' }],
      after: [{ cmd: 'echo child-deploy-after' }],
      onSuccess: [{ cmd: 'echo parent-ok' }]
    });
    expect(actions['onRemove']).toEqual({ before: [{ cmd: 'echo child-remove' }, { cmd: 'echo parent-remove' }] });
    // onCreate: the child's defaults.dir went into each of its actions (rebased), then the defaults went.
    expect(actions['onCreate']).toEqual({
      onSuccess: [
        { cmd: 'echo from-defaults-dir', dir: 'common/tools' },
        { cmd: 'echo explicit-dir', dir: 'common/own' },
        { cmd: 'echo absolute-dir', dir: '/var/tmp' },
        { cmd: 'echo parent-create-ok' }
      ]
    });
    const i = components(pkg.config as unknown as Obj).findIndex((c) => c['name'] === 'acted');
    expect(pkg.positionOf(['components', i, 'actions', 'onDeploy', 'before', 0, 'cmd'])).toMatchObject({ file: 'merge/common/zarf.yaml' });
    expect(pkg.positionOf(['components', i, 'actions', 'onDeploy', 'before', 1, 'cmd'])).toMatchObject({ file: 'merge/zarf.yaml' });
    // A dir the import wrote from defaults.dir points at that defaults.dir.
    expect(pkg.positionOf(['components', i, 'actions', 'onCreate', 'onSuccess', 0, 'dir'])).toMatchObject({ file: 'merge/common/zarf.yaml', line: 46 });
  });

  test('files, images, imageArchives and healthChecks are appended, the imported first, each at its own line', async () => {
    const pkg = await loaded('merge', { flavor: 'blue' });
    const renamed = component(pkg.config as unknown as Obj, 'renamed');
    expect(renamed['images']).toEqual(['ghcr.io/acme/child:1.0.0', 'ghcr.io/acme/parent:1.0.0']);
    expect(renamed['files']).toEqual([
      { source: 'common/files/child.txt', target: '/etc/child.txt' },
      { source: 'https://example.com/remote.txt', target: '/etc/remote.txt' },
      { source: 'files-parent.txt', target: '/etc/parent.txt' }
    ]);
    expect(renamed['imageArchives']).toEqual([
      { path: 'common/images/child.tar', images: ['localhost/acme/archived:1.0.0'] },
      { path: 'images/parent.tar', images: ['localhost/acme/parent-archived:1.0.0'] }
    ]);
    expect((renamed['healthChecks'] as Obj[]).map((h) => h['name'])).toEqual(['child-deploy', 'parent-deploy']);
    expect(pkg.positionOf(['components', 0, 'images', 0])).toEqual({ file: 'merge/common/zarf.yaml', line: 14, col: 9 });
    expect(pkg.positionOf(['components', 0, 'images', 1])).toEqual({ file: 'merge/zarf.yaml', line: 14, col: 9 });
  });

  test('repos and dataInjections are appended too (repos refused as not built, missing local paths refused, at the lines that wrote them)', async () => {
    const out = await load('unbuilt');
    const extras = component(out.config, 'extras');
    expect(extras['repos']).toEqual(['https://github.com/acme/child.git', 'https://github.com/acme/parent.git']);
    expect((extras['dataInjections'] as Obj[]).map((d) => d['source'])).toEqual(['common/data', 'parent-data']);
    expect(out.errors.map(shown)).toEqual([
      'unbuilt/common/zarf.yaml:6:5 components[0].repos is not supported by Lading yet (git repositories are not packaged)',
      // Data injections and kustomizations are built: their local paths are checked where they are written.
      'unbuilt/common/zarf.yaml:20:13 components[0].manifests[0].kustomizations[1] "github.com/acme/remote//base?ref=v1" does not exist',
      'unbuilt/common/zarf.yaml:21:13 components[0].manifests[0].kustomizations[2] "missing-kust" does not exist',
      'unbuilt/zarf.yaml:11:17 components[0].dataInjections[1].source "parent-data" does not exist',
      'unbuilt/zarf.yaml:20:13 components[0].manifests[0].kustomizations[3] "parent-kust" does not exist'
    ]);
  });

  test('charts by name: the importer overrides namespace, releaseName, version, url and appends values files and variables; others are added', async () => {
    const config = (await loaded('merge', { flavor: 'blue' })).config as unknown as Obj;
    expect(component(config, 'charted')['charts']).toEqual([
      {
        name: 'one',
        namespace: 'parent-ns',
        version: '0.1.0',
        localPath: 'common/chart',
        valuesFiles: ['common/values/child.yaml', 'values/parent.yaml'],
        templatedValuesFiles: ['common/values/child-tmpl.yaml'],
        releaseName: 'parent-release',
        variables: [{ name: 'REPLICAS', description: 'how many replicas', path: 'replicaCount' }]
        // the importer's noWait is ignored
      },
      { name: 'two', namespace: 'two-ns', version: '2.0.0', url: 'oci://ghcr.io/acme/charts/two' },
      { name: 'three', namespace: 'three-ns', version: '3.0.0', url: 'oci://ghcr.io/acme/charts/three' }
    ]);
  });

  test('manifests by name: the importer overrides namespace and appends files; others are added', async () => {
    const config = (await loaded('merge', { flavor: 'blue' })).config as unknown as Obj;
    expect(component(config, 'charted')['manifests']).toEqual([
      { name: 'm', namespace: 'parent-ns', files: ['common/manifests/child.yaml', 'manifests/parent.yaml'] },
      { name: 'other', namespace: 'other-ns', files: ['manifests/other.yaml'] }
    ]);
  });

  test('kustomizations: appended; rebased only when the rebased path exists, remote ones kept', async () => {
    const out = await load('unbuilt');
    expect((component(out.config, 'extras')['manifests'] as Obj[])[0]).toEqual({
      name: 'k',
      namespace: 'apps',
      kustomizations: ['common/kust', 'github.com/acme/remote//base?ref=v1', 'missing-kust', 'parent-kust']
    });
  });

  test('import is removed; `import: {name: x}` alone is no import and is kept as written', async () => {
    const config = (await loaded('merge', { flavor: 'blue' })).config as unknown as Obj;
    for (const c of components(config)) if (!['plain', 'from-named-only'].includes(c['name'] as string)) expect(c).not.toHaveProperty('import');
    expect(component(config, 'plain')).toEqual({ name: 'plain', import: { name: 'plain' } });
    // Written so in the imported file, it comes along too (Zarf keeps the imported component's import block).
    expect(component(config, 'from-named-only')).toEqual({ name: 'from-named-only', import: { name: 'not-an-import' }, images: ['ghcr.io/acme/named-only:1.0.0'] });
  });
});
