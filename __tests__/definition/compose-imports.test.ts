/**
 * Import resolution through loadPackage (ZARF-CREATE.md §2 "Selection", "Rebasing", "Package
 * joins"): nested imports with paths rebased at every level, imports naming a file or a folder,
 * packages importing each other on separate chains, cycles, missing and ambiguous imports, and the
 * variables, constants and values the imported packages bring. Fixtures: __tests__/fixtures/compose/.
 */
import { describe, expect, test } from '@jest/globals';
import { component, loaded, refused, shown, type Obj } from './compose-helpers.js';

describe('nested imports and rebasing', () => {
  test('three levels: each level\'s paths rebased onto the root folder, the deepest content first', async () => {
    const pkg = await loaded('nested');
    const deep = component(pkg.config as unknown as Obj, 'deep');
    expect(deep['files']).toEqual([
      { source: 'level1/level2/level3/three.txt', target: '/three.txt' },
      { source: 'level1/level2/two.txt', target: '/two.txt' },
      { source: 'level1/one.txt', target: '/one.txt' }
    ]);
    expect(pkg.positionOf(['components', 0, 'files', 0, 'source'])).toEqual({ file: 'nested/level1/level2/level3/zarf.yaml', line: 13, col: 17 });
    expect(pkg.positionOf(['components', 0, 'files', 2, 'source'])).toEqual({ file: 'nested/level1/zarf.yaml', line: 22, col: 17 });
  });

  test('an import naming a file rebases onto that file\'s folder', async () => {
    const pkg = await loaded('nested');
    expect(component(pkg.config as unknown as Obj, 'viafile')['files']).toEqual([{ source: 'level1/sub/f.txt', target: '/f.txt' }]);
  });

  test('absolute paths and URLs are not rebased', async () => {
    const errors = await refused('absolute', { workspace: 'paths/ws' });
    // The absolute source is shown as written (not common/opt/...), at the imported file's line.
    expect(errors.map(shown)).toEqual(['absolute/common/zarf.yaml:7:17 components[0].files[0].source "/opt/absolute.txt" points outside the workspace']);
  });

  test('variables and constants: the package\'s, then each import\'s whole list; the first of a name wins', async () => {
    const config = (await loaded('nested')).config as unknown as Obj;
    expect(config['variables']).toEqual([{ name: 'SHARED', default: 'from-root' }, { name: 'ROOT_ONLY' }, { name: 'L1' }, { name: 'L2' }, { name: 'L3' }]);
    expect(config['constants']).toEqual([
      { name: 'C_SHARED', value: 'from-root' },
      { name: 'C_L1', value: 'one' }
    ]);
  });

  test('values.files: the imports\' (deepest first), then the package\'s, normalised, the first of each kept', async () => {
    const config = (await loaded('nested')).config as unknown as Obj;
    expect(config['values']).toEqual({
      files: ['level1/level2/level3/v3.yaml', 'level1/level2/values/two.yaml', 'level1/values/one.yaml', 'values/root.yaml'],
      schema: 'values/root.schema.json'
    });
  });

  test('imported values.schema: each import\'s own, then its descendants\'; normalised, de-duplicated; the package keeps its own', async () => {
    // level1/pkg.yaml (imported second) names ./one.schema.json again: kept once.
    const pkg = await loaded('nested');
    expect(pkg.importedSchemas).toEqual(['level1/one.schema.json', 'level1/level2/two.schema.json', 'level1/level2/level3/three.schema.json']);
  });
});

describe('import chains', () => {
  test('two packages may import each other on separate chains', async () => {
    const config = (await loaded('each-other')).config as unknown as Obj;
    expect(component(config, 'first')['images']).toEqual(['ghcr.io/acme/y:1.0.0']);
    expect(component(config, 'second')['images']).toEqual(['ghcr.io/acme/x:1.0.0']);
  });

  test('a cycle is reported with its chain, at the import that closes it', async () => {
    const errors = await refused('cycle');
    expect(errors.map(shown)).toEqual(['cycle/q/zarf.yaml:7:13 package p/zarf.yaml is imported in a cycle by component "loop" (zarf.yaml -> p/zarf.yaml -> q/zarf.yaml -> p/zarf.yaml)']);
  });

  test('a cycle through imports naming files is reported too', async () => {
    const errors = await refused('cycle-files');
    expect(errors.map(shown)).toEqual(['cycle-files/q/zarf.yaml:7:13 package p/zarf.yaml is imported in a cycle by component "loop" (zarf.yaml -> p/zarf.yaml -> q/zarf.yaml -> p/zarf.yaml)']);
  });
});

describe('import errors, each at the import line', () => {
  test('a missing import path', async () => {
    const errors = await refused('import-errors/missing');
    expect(errors.map(shown)).toEqual(['import-errors/missing/zarf.yaml:7:13 import path not found: import-errors/nowhere does not exist']);
  });

  test('an import of a component name that does not exist', async () => {
    const errors = await refused('import-errors/unknown-name');
    expect(errors.map(shown)).toEqual(['import-errors/unknown-name/zarf.yaml:8:13 no compatible component named "not-there" found in ../common (no flavor, architecture amd64)']);
  });

  test('a component of that name for another architecture only', async () => {
    const errors = await refused('import-errors/arch');
    expect(errors.map(shown)).toEqual(['import-errors/arch/zarf.yaml:7:13 no compatible component named "arm-only" found in ../common (no flavor, architecture amd64)']);
    // For arm64 it is found.
    const pkg = await loaded('import-errors/arch', { architecture: 'arm64' });
    expect(component(pkg.config as unknown as Obj, 'arm-only')['images']).toEqual(['ghcr.io/acme/arm:1.0.0']);
  });

  test('two compatible components of the name in the imported package', async () => {
    const errors = await refused('import-errors/ambiguous');
    expect(errors.map(shown)).toEqual(['import-errors/ambiguous/zarf.yaml:7:13 multiple components named "twice" found in ../common for this flavor and architecture']);
    // For arm64 the amd64-only one is filtered out: one is left.
    const pkg = await loaded('import-errors/ambiguous', { architecture: 'arm64' });
    expect(component(pkg.config as unknown as Obj, 'twice')['images']).toEqual(['ghcr.io/acme/a:1.0.0']);
  });
});
