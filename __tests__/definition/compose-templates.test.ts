/**
 * Create-time templates through loadPackage (ZARF-CREATE.md §4): `set` fills ###ZARF_PKG_TMPL_X###
 * (and the deprecated ###ZARF_PKG_VAR_X###) in the root and in imported files, ###ZARF_PKG_ARCH###
 * and ###ZARF_COMPONENT_NAME### are filled, deploy-time templates are left alone, a template left
 * unset is an error at its line in the file that wrote it, a template in import.path is refused.
 * Fixtures: __tests__/fixtures/compose/templates/.
 */
import { describe, expect, test } from '@jest/globals';
import { component, loaded, refused, shown, type Obj } from './compose-helpers.js';

const ALL = { VERSION: '1.2.3', HELPER_TAG: '9.9', LEGACY: 'old' };

describe('create-time templates', () => {
  test('set fills the root and the imported file; arch and component names are filled', async () => {
    const pkg = await loaded('templates', { set: ALL, architecture: 'arm64' });
    const config = pkg.config as unknown as Obj;
    expect(config['metadata']).toEqual({ name: 'templated', version: '1.2.3', description: 'built for arm64' });
    expect(component(config, 'app')['images']).toEqual(['ghcr.io/acme/app:1.2.3']);
    expect(component(config, 'app')['description']).toBe('the app component');
    // Written in the imported file: filled too; the component name is the composed (importer's) one.
    expect(component(config, 'renamed-helper')['images']).toEqual(['ghcr.io/acme/helper:9.9']);
    expect(component(config, 'renamed-helper')['description']).toBe('imported renamed-helper');
    // A filled value keeps its line.
    expect(pkg.positionOf(['components', 1, 'images', 0])).toEqual({ file: 'templates/common/zarf.yaml', line: 8, col: 9 });
  });

  test('the deprecated ###ZARF_PKG_VAR_X### is filled like ###ZARF_PKG_TMPL_X###', async () => {
    const pkg = await loaded('templates', { set: ALL });
    expect((pkg.config as unknown as Obj)['constants']).toEqual([{ name: 'OLD_STYLE', value: 'old' }]);
  });

  test('deploy-time templates are left for deploy', async () => {
    const pkg = await loaded('templates', { set: ALL });
    const actions = component(pkg.config as unknown as Obj, 'app')['actions'] as Obj;
    expect(actions['onDeploy']).toEqual({ after: [{ cmd: 'echo ###ZARF_VAR_GREETING### ###ZARF_CONST_OLD_STYLE###' }] });
  });

  test('a template left unset is an error naming it at its line, in the imported file when written there', async () => {
    const errors = await refused('templates', { set: { VERSION: '1.2.3' } });
    expect(errors.map(shown)).toEqual([
      'templates/zarf.yaml:8:12 template ###ZARF_PKG_VAR_LEGACY### in constants[0].value is not set',
      'templates/common/zarf.yaml:8:9 template ###ZARF_PKG_TMPL_HELPER_TAG### in components[1].images[0] is not set'
    ]);
    expect(errors[1]?.hint).toMatch(/HELPER_TAG=<value>/);
    const none = await refused('templates', { set: {} });
    expect(none.map(shown)[0]).toBe('templates/zarf.yaml:4:12 template ###ZARF_PKG_TMPL_VERSION### in metadata.version is not set');
  });

  test('a template in import.path is refused, even when it is set (imports are resolved before templates)', async () => {
    for (const set of [{}, { WHERE: 'common' }] as Array<Record<string, string>>) {
      const errors = await refused('templates/import-path', { set });
      expect(errors.map(shown)).toEqual(['templates/import-path/zarf.yaml:6:5 component "helper": invalid import: package templates are not supported for import path or url']);
    }
  });
});
