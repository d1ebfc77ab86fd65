/**
 * Through loadPackage: filtering by flavor and architecture at the top and inside imports
 * (ZARF-CREATE.md §3), errors in imported files at their own line, and local paths (inside the
 * workspace allowed, leaving it refused at the line, through a symbolic link too, an import leaving
 * it refused). Fixtures: __tests__/fixtures/compose/{flavors,duplicates,none,positions,paths}.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { component, components, load, loaded, refused, shown, type Obj } from './compose-helpers.js';

const images = (config: Obj): unknown[] => components(config).flatMap((c) => (Array.isArray(c['images']) ? c['images'] : []));

describe('filtering', () => {
  test('flavor and architecture select components at the top and in the imported package', async () => {
    const blue = (await loaded('flavors', { flavor: 'blue' })).config as unknown as Obj;
    expect(images(blue)).toEqual(['ghcr.io/acme/web-blue:1.0.0', 'ghcr.io/acme/tools:1.0.0', 'ghcr.io/acme/sel-blue:1.0.0']);
    // The imported variant's only.flavor comes with it.
    expect(component(blue, 'shared')['only']).toEqual({ flavor: 'blue' });
    const green = (await loaded('flavors', { flavor: 'green' })).config as unknown as Obj;
    expect(images(green)).toEqual(['ghcr.io/acme/web-green:1.0.0', 'ghcr.io/acme/tools:1.0.0', 'ghcr.io/acme/sel-green:1.0.0']);
    const arm = (await loaded('flavors', { architecture: 'arm64' })).config as unknown as Obj;
    expect(images(arm)).toEqual(['ghcr.io/acme/arm:1.0.0', 'ghcr.io/acme/tools:1.0.0', 'ghcr.io/acme/sel-arm:1.0.0']);
  });

  test('no compatible variant in the import is an error at the import', async () => {
    const errors = await refused('flavors', { flavor: 'purple' });
    expect(errors.map(shown)).toEqual(['flavors/zarf.yaml:27:13 no compatible component named "sel" found in common (flavor "purple", architecture amd64)']);
  });

  test('duplicate names are allowed when filtered apart, refused at the second one\'s name when both survive', async () => {
    expect(components((await loaded('duplicates')).config as unknown as Obj).map((c) => c['images'])).toEqual([['ghcr.io/acme/x:1.0.0']]);
    const errors = await refused('duplicates', { flavor: 'special' });
    expect(errors.map(shown)).toEqual(['duplicates/zarf.yaml:8:11 components[1].name "x" is already used by components[0]']);
  });

  test('an unused flavor only warns', async () => {
    const out = await load('duplicates', { flavor: 'unused' });
    expect(out.pkg).toBeDefined();
    expect(out.warnings.map((w) => w.message)).toEqual(['flavor "unused" is not used by any component of duplicates/zarf.yaml: the package is built without flavored components']);
    expect((await load('duplicates')).warnings).toEqual([]);
  });

  test('no compatible component left', async () => {
    const errors = await refused('none');
    expect(errors.map(shown)).toEqual(['none/zarf.yaml:4:1 the package has no components for this flavor and architecture']);
  });
});

describe('errors in imported files, at their own line and column', () => {
  test('a bad image reference and a missing local file', async () => {
    const errors = await refused('positions');
    expect(errors.map(shown)).toEqual([
      'positions/common/zarf.yaml:8:9 components[0].images[1]: invalid image reference "ghcr.io/acme/Bad Name:1.0.0": it contains whitespace',
      'positions/common/zarf.yaml:10:17 components[0].files[0].source "common/not-here.txt" does not exist'
    ]);
  });
});

describe('paths and the workspace', () => {
  test('../charts/x inside the workspace is accepted', async () => {
    const pkg = await loaded('pkg', { workspace: 'paths/ws' });
    expect((component(pkg.config as unknown as Obj, 'chart-up')['charts'] as Obj[])[0]?.['localPath']).toBe('../charts/x');
  });

  test('a path leaving the workspace is refused at its line', async () => {
    const errors = await refused('escape', { workspace: 'paths/ws' });
    expect(errors.map(shown)).toEqual(['escape/zarf.yaml:7:17 components[0].files[0].source "../../outside/secret.txt" points outside the workspace']);
  });

  test('an import leaving the workspace is refused at its path', async () => {
    const errors = await refused('import-escape', { workspace: 'paths/ws' });
    expect(errors.map((e) => [e.position?.file, e.position?.line, e.position?.col])).toEqual([['import-escape/zarf.yaml', 7, 13]]);
    expect(errors[0]?.message).toMatch(/^import path .*paths\/outside\/zarf\.yaml is outside the workspace$/);
  });

  describe('symbolic links', () => {
    let ws: string;
    let outside: string;
    beforeAll(async () => {
      outside = await mkdtemp(path.join(os.tmpdir(), 'lading-outside-'));
      ws = await mkdtemp(path.join(os.tmpdir(), 'lading-ws-'));
      await writeFile(path.join(outside, 'secret.txt'), 'secret\n');
      await writeFile(path.join(outside, 'zarf.yaml'), 'kind: ZarfPackageConfig\nmetadata:\n  name: out\ncomponents:\n  - name: c\n    images:\n      - ghcr.io/acme/c:1.0.0\n');
      await mkdir(path.join(ws, 'pkg'));
      await mkdir(path.join(ws, 'common'));
      await symlink(path.join(outside, 'secret.txt'), path.join(ws, 'common', 'link.txt'));
      await symlink(outside, path.join(ws, 'linked-pkg'));
      await writeFile(path.join(ws, 'common', 'zarf.yaml'), 'kind: ZarfPackageConfig\nmetadata:\n  name: common\ncomponents:\n  - name: c\n    files:\n      - source: link.txt\n        target: /x.txt\n');
      await writeFile(path.join(ws, 'pkg', 'zarf.yaml'), 'kind: ZarfPackageConfig\nmetadata:\n  name: pkg\ncomponents:\n  - name: c\n    import:\n      path: ../common\n');
      await mkdir(path.join(ws, 'via-link'));
      await writeFile(path.join(ws, 'via-link', 'zarf.yaml'), 'kind: ZarfPackageConfig\nmetadata:\n  name: via\ncomponents:\n  - name: c\n    import:\n      path: ../linked-pkg\n');
    });
    afterAll(async () => {
      await rm(ws, { recursive: true, force: true });
      await rm(outside, { recursive: true, force: true });
    });

    test('a file that is a link leading out, written in an imported file, is refused at that line', async () => {
      const errors = await refused('pkg', { workspace: ws });
      expect(errors.map((e) => [e.position?.file, e.position?.line, e.position?.col])).toEqual([['common/zarf.yaml', 7, 17]]);
      expect(errors[0]?.message).toBe('components[0].files[0].source "../common/link.txt" leads outside the workspace through a symbolic link');
    });

    test('an import through a link leading out is refused at its path', async () => {
      const errors = await refused('via-link', { workspace: ws });
      expect(errors.map((e) => [e.position?.file, e.position?.line, e.position?.col])).toEqual([['via-link/zarf.yaml', 7, 13]]);
      expect(errors[0]?.message).toMatch(/outside the workspace \(through a symbolic link\)$/);
    });
  });
});
