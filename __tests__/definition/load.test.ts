import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LadingError, LadingErrors } from '../../src/errors.js';
import { OciError } from '../../src/oci/errors.js';
import { Reference } from '../../src/oci/reference.js';
import { loadPackage, type Package } from '../../src/definition/index.js';
import { formatPath } from '../../src/definition/positions.js';

/** The definition pipeline as the action runs it (amd64, no flavor, nothing set). */
function loadDefinition(definition: string, workspace: string, extra: { flavor?: string; set?: Record<string, string> } = {}): Promise<Package> {
  return loadPackage({ definition, workspace, architecture: 'amd64', ...extra });
}
import { closest, editDistance } from '../../src/definition/suggest.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/definitions/', import.meta.url));

/** Loads a definition that must fail and returns what the user would see. */
async function problems(definition: string, workspace = FIXTURES): Promise<LadingError[]> {
  let thrown: unknown;
  try {
    await loadDefinition(definition, workspace);
  } catch (e) {
    thrown = e;
  }
  if (thrown === undefined) throw new Error(`expected ${definition} to be rejected`);
  if (thrown instanceof LadingErrors) return thrown.errors;
  if (thrown instanceof LadingError) return [thrown];
  throw thrown;
}

/** Everything shown to a user is one readable line with a hint: no stack, no zod wording. */
function expectReadable(errors: LadingError[]): void {
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(e).toBeInstanceOf(LadingError);
    expect(e.message).not.toMatch(/\n/);
    expect(e.message).not.toMatch(/\bat .+:\d+:\d+/);
    expect(e.message).not.toMatch(/Invalid input|Unrecognized key|ZodError|expected string, received/);
    expect(typeof e.hint).toBe('string');
    expect(e.hint).not.toBe('');
    expect(e.hint).not.toMatch(/\n/);
  }
}

const at = (errors: LadingError[]): Array<[number | undefined, number | undefined]> =>
  errors.map((e) => [e.position?.line, e.position?.col]);

describe('loadDefinition: a valid definition', () => {
  test('loads from its folder with typed config, user key order and resolved aliases', async () => {
    const d = await loadDefinition('valid', FIXTURES, { flavor: 'upstream' });
    expect(d.file).toBe(path.join(FIXTURES, 'valid', 'zarf.yaml'));
    expect(d.dir).toBe(path.join(FIXTURES, 'valid'));
    expect(d.displayPath).toBe('valid/zarf.yaml');
    expect(Object.keys(d.config)).toEqual(['kind', 'apiVersion', 'metadata', 'x-shared-images', 'components']);
    expect(Object.keys(d.config.metadata)).toEqual(['name', 'description', 'version', 'url', 'authors', 'vendor', 'uncompressed', 'annotations']);
    expect(d.config.metadata).toMatchObject({ name: 'demo-app', version: '1.0.0', annotations: { 'org.example/team': 'platform' } });
    const [web, tools] = d.config.components;
    expect(web?.name).toBe('web');
    expect(web?.only).toEqual({ localOS: 'linux', cluster: { architecture: 'amd64', distros: ['k3s', 'eks'] }, flavor: 'upstream' });
    expect(web?.images).toEqual(['nginx:1.25', `ghcr.io/acme/app@sha256:${'0'.repeat(64)}`]);
    expect(tools?.images).toEqual(['ghcr.io/acme/sidecar:2.1']);
    // An alias is copied, not shared: editing one place leaves the other alone.
    expect(tools?.images).not.toBe((d.config as Record<string, unknown>)['x-shared-images']);
    expect(tools?.imageArchives).toEqual([{ path: 'images/app.tar', images: ['localhost/acme/app:dev'] }]);
  });

  test('positionOf points at scalars, keys of collections, anchors, and the nearest parent', async () => {
    const d = await loadDefinition('valid', FIXTURES, { flavor: 'upstream' });
    const file = 'valid/zarf.yaml';
    expect(d.positionOf(['components', 0, 'images', 1])).toEqual({ file, line: 28, col: 9 });
    expect(d.positionOf(['metadata', 'version'])).toEqual({ file, line: 7, col: 12 });
    expect(d.positionOf(['components', 0])).toEqual({ file, line: 17, col: 5 });
    expect(d.positionOf(['components', 0, 'images'])).toEqual({ file, line: 26, col: 5 });
    // Through the alias `images: *shared`, to where the text is.
    expect(d.positionOf(['components', 1, 'images', 0])).toEqual({ file, line: 15, col: 5 });
    // Missing key: the nearest existing parent (a mapping under a key: the key).
    expect(d.positionOf(['metadata', 'documentation'])).toEqual({ file, line: 4, col: 1 });
    expect(d.positionOf(['components', 5, 'name'])).toEqual({ file, line: 16, col: 1 });
  });

  test('the file itself, or an absolute path, loads the same', async () => {
    const byFolder = await loadDefinition('valid', FIXTURES, { flavor: 'upstream' });
    const byFile = await loadDefinition('valid/zarf.yaml', FIXTURES, { flavor: 'upstream' });
    const absolute = await loadDefinition(path.join(FIXTURES, 'valid'), FIXTURES, { flavor: 'upstream' });
    expect(byFile.config).toEqual(byFolder.config);
    expect(byFile.displayPath).toBe('valid/zarf.yaml');
    expect(absolute.file).toBe(byFolder.file);
  });
});

describe('loadDefinition: finding the file', () => {
  test('a path that does not exist names it and says what to set', async () => {
    const errors = await problems('nope/deeper');
    expectReadable(errors);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe('definition not found: nope/deeper does not exist');
    expect(errors[0]?.hint).toContain('definition input');
  });

  test('a folder without zarf.yaml', async () => {
    const errors = await problems('no-definition');
    expectReadable(errors);
    expect(errors[0]?.message).toBe('no zarf.yaml in no-definition');
  });

  test('a folder with zarf.yml is told to rename it', async () => {
    const errors = await problems('zarf-yml');
    expectReadable(errors);
    expect(errors[0]?.message).toBe('no zarf.yaml in zarf-yml (found zarf.yml)');
    expect(errors[0]?.hint).toContain('rename zarf.yml to zarf.yaml');
  });
});

describe('loadDefinition: YAML problems', () => {
  test('malformed YAML is reported at the parser error line and column', async () => {
    const errors = await problems('malformed');
    expectReadable(errors);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.position).toEqual({ file: 'malformed/zarf.yaml', line: 8, col: 4 });
    expect(errors[0]?.message).toBe('invalid YAML: All sequence items must start at the same column');
  });

  test('a duplicate key is an error at the second key', async () => {
    const errors = await problems('duplicate-key');
    expectReadable(errors);
    expect(at(errors)).toEqual([[4, 3]]);
    expect(errors[0]?.message).toBe('duplicate key "name" in the same mapping');
  });

  test('two documents of one apiVersion are an error at the second one (Zarf picks one document per apiVersion)', async () => {
    const errors = await problems('multi-doc');
    expectReadable(errors);
    expect(at(errors)).toEqual([[8, 1]]);
    expect(errors[0]?.message).toBe('duplicate apiVersion "zarf.dev/v1alpha1" in multi-doc/zarf.yaml');
  });

  test('an empty file', async () => {
    const errors = await problems('empty');
    expectReadable(errors);
    expect(errors[0]?.message).toBe('empty/zarf.yaml is empty');
  });
});

describe('loadDefinition: schema problems', () => {
  test('an unknown key is reported at the key, with did-you-mean', async () => {
    const errors = await problems('unknown-key');
    expectReadable(errors);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.position).toEqual({ file: 'unknown-key/zarf.yaml', line: 6, col: 5 });
    expect(errors[0]?.message).toBe('components[0].imagess is not a known field: did you mean `images`?');
  });

  test('wrong types name the field, what was expected and what was written', async () => {
    const errors = await problems('wrong-type');
    expectReadable(errors);
    expect(at(errors)).toEqual([
      [4, 12],
      [7, 13]
    ]);
    expect(errors[0]?.message).toBe('metadata.version must be a version without "/" or "\\" (quote numbers, e.g. "1.0"), not the number 1.0');
    expect(errors[0]?.hint).toContain('"1.0"');
    expect(errors[1]?.message).toMatch(/^components\[0\]\.images must be a list of image references .*, not "nginx:1\.25"$/);
  });

  test('a bad metadata.name', async () => {
    const errors = await problems('bad-name');
    expectReadable(errors);
    expect(at(errors)).toEqual([[3, 9]]);
    expect(errors[0]?.message).toMatch(/^metadata\.name "My_App" is not valid: use lowercase letters, digits and "-"/);
    expect(errors[0]?.hint).toContain('my-app');
  });

  test('bad image references, a path-like digest included, at each list item', async () => {
    const errors = await problems('bad-image');
    expectReadable(errors);
    expect(errors.map((e) => e.position)).toEqual([
      { file: 'bad-image/zarf.yaml', line: 8, col: 9 },
      { file: 'bad-image/zarf.yaml', line: 9, col: 9 }
    ]);
    let oci: unknown;
    try {
      Reference.parse('ghcr.io/acme/app@sha256:../../etc/passwd');
    } catch (e) {
      oci = e;
    }
    expect(oci).toBeInstanceOf(OciError);
    expect(errors[0]?.message).toBe(`components[0].images[1]: ${(oci as OciError).message}`);
    expect(errors[0]?.message).toContain('"sha256:../../etc/passwd" is not a valid digest');
    expect(errors[0]?.hint).toBe((oci as OciError).hint);
    expect(errors[1]?.message).toContain('components[0].images[2]');
    expect(errors[1]?.message).toContain('must be lowercase');
  });

  test('duplicate component names: an error at the second name', async () => {
    const errors = await problems('duplicate-components');
    expectReadable(errors);
    expect(at(errors)).toEqual([[9, 11]]);
    expect(errors[0]?.message).toBe('components[2].name "web" is already used by components[0]');
  });

  test('fields Lading does not build are rejected at their key', async () => {
    const errors = await problems('unsupported');
    expectReadable(errors);
    // charts (components[1], line 10) are built since issue 5, repos (line 15) since issue 13,
    // variables are carried; an onCreate wait for a cluster is not built.
    expect(at(errors)).toEqual([[21, 15]]);
    expect(errors.map((e) => e.message.replace(/ \(.*\)$/, ''))).toEqual(['components[1].actions.onCreate.before[0].wait.cluster is not supported by Lading yet']);
    expect(errors[0]?.hint).toContain('zarf package create');
  });

  test('all problems of a file come in one throw, in file order, each at its place', async () => {
    let thrown: unknown;
    try {
      await loadDefinition('many-errors', FIXTURES);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(LadingErrors);
    const errors = (thrown as LadingErrors).errors;
    expectReadable(errors);
    // metadata.aggregateChecksum (line 5) is accepted: Zarf overwrites it when it builds.
    expect((thrown as LadingErrors).message).toBe('6 problems found');
    expect(errors.every((e) => e.position?.file === 'many-errors/zarf.yaml')).toBe(true);
    expect(errors.map((e) => [e.position?.line, e.position?.col, e.message.split(' ')[0]])).toEqual([
      [3, 9, 'metadata.name'],
      [4, 3, 'metadata.verison'],
      [8, 15, 'components[0].required'],
      [10, 9, 'components[0].images[0]:'],
      [11, 11, 'components[1].name'],
      [14, 17, 'components[1].manifests[0].files[0]']
    ]);
  });

  test('image archive paths must exist inside the workspace (above the zarf.yaml folder is fine)', async () => {
    const errors = await problems('archive-escape/pkg');
    expectReadable(errors);
    // ../outside.tar (line 7) is outside the zarf.yaml folder but inside the workspace: accepted, as Zarf does.
    expect(at(errors)).toEqual([
      [9, 15],
      [11, 15]
    ]);
    expect(errors[0]?.message).toBe('components[0].imageArchives[1].path "/etc/hostname" points outside the workspace');
    expect(errors[1]?.message).toBe('components[0].imageArchives[2].path "missing.tar" does not exist');
    // The same definition with the workspace at its own folder: ../outside.tar leaves it.
    const narrow = await problems('.', path.join(FIXTURES, 'archive-escape', 'pkg'));
    expect(narrow[0]?.message).toBe('components[0].imageArchives[0].path "../outside.tar" points outside the workspace');
    expect(narrow[0]?.position).toEqual({ file: 'zarf.yaml', line: 7, col: 15 });
  });
});

describe('loadDefinition: written on the fly', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'lading-definition-'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  async function write(name: string, text: string): Promise<string> {
    const dir = path.join(work, name);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'zarf.yaml'), text);
    return name;
  }

  test('an archive path that leaves the workspace through a symbolic link', async () => {
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'lading-elsewhere-'));
    await writeFile(path.join(elsewhere, 'secret.tar'), 'x');
    const name = await write('link', 'kind: ZarfPackageConfig\nmetadata:\n  name: demo\ncomponents:\n  - name: a\n    imageArchives:\n      - path: in.tar\n        images: [acme/app:1]\n');
    await symlink(path.join(elsewhere, 'secret.tar'), path.join(work, name, 'in.tar'));
    const errors = await problems(name, work);
    expectReadable(errors);
    expect(at(errors)).toEqual([[7, 15]]);
    expect(errors[0]?.message).toContain('through a symbolic link');
  });

  test('merge keys and x- keys: values merged, positions at the anchor', async () => {
    const name = await write(
      'merge',
      'x-meta: &meta\n  name: Bad Name\nkind: ZarfPackageConfig\nmetadata:\n  <<: *meta\n  version: "1"\ncomponents:\n  - name: a\n'
    );
    const errors = await problems(name, work);
    expectReadable(errors);
    expect(at(errors)).toEqual([[2, 9]]);
    expect(errors[0]?.message).toMatch(/^metadata\.name "Bad Name" is not valid/);
  });

  test('missing required fields point at the nearest parent', async () => {
    const name = await write('missing', 'metadata:\n  version: "1"\ncomponents:\n  - images: [nginx]\n');
    const errors = await problems(name, work);
    expectReadable(errors);
    expect(errors.map((e) => [e.position?.line, e.position?.col, e.message])).toEqual([
      [1, 1, 'kind is required'],
      [1, 1, 'metadata.name is required'],
      [4, 5, 'components[0].name is required']
    ]);
  });

  test('kind: ZarfInitConfig (which Zarf\'s schema accepts) is refused: init packages are out of scope', async () => {
    const name = await write('init', 'kind: ZarfInitConfig\nmetadata:\n  name: init\ncomponents:\n  - name: a\n');
    const errors = await problems(name, work);
    expectReadable(errors);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/init packages/);
    expect(at(errors)).toEqual([[1, 7]]);
  });

  test('an apiVersion Zarf does not know: no document to build', async () => {
    const name = await write('apiversion', 'kind: ZarfPackageConfig\napiVersion: zarf.dev/v2\nmetadata:\n  name: demo\ncomponents:\n  - name: a\n');
    const errors = await problems(name, work);
    expectReadable(errors);
    expect(errors[0]?.message).toBe('no supported apiVersion found in apiversion/zarf.yaml (found "zarf.dev/v2")');
  });

  test('kind, enums and required+default', async () => {
    const name = await write(
      'values',
      [
        'kind: ZarfPackage',
        'apiVersion: zarf.dev/v1alpha1',
        'metadata:',
        '  name: demo',
        'components:',
        '  - name: a',
        '    required: true',
        '    default: true',
        '    only:',
        '      localOS: Linux',
        ''
      ].join('\n')
    );
    const errors = await problems(name, work);
    expectReadable(errors);
    expect(errors.map((e) => [e.position?.line, e.position?.col, e.message])).toEqual([
      [1, 7, 'kind must be ZarfPackageConfig, not "ZarfPackage"'],
      [8, 5, 'components[0] cannot be both required and default'],
      [10, 16, 'components[0].only.localOS must be one of linux, darwin, windows, not "Linux"']
    ]);
    expect(errors[2]?.hint).toBe('did you mean `linux`?');
  });

  test('a top-level key that belongs elsewhere, and an empty component list', async () => {
    const name = await write('misplaced', 'kind: ZarfPackageConfig\nname: demo\nmetadata:\n  name: demo\ncomponents: []\n');
    const errors = await problems(name, work);
    expectReadable(errors);
    expect(errors.map((e) => [e.position?.line, e.message])).toEqual([
      [2, 'name is not a known field'],
      [5, 'components is an empty list']
    ]);
    expect(errors[0]?.hint).toBe('move it under metadata:');
  });

  test('an alias used inside its own anchored node: one error, no endless copy', async () => {
    const name = await write('recursive', 'kind: ZarfPackageConfig\nmetadata:\n  name: demo\ncomponents: &all\n  - name: a\n    x-self: *all\n');
    const errors = await problems(name, work);
    expectReadable(errors);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/^recursive\/zarf\.yaml: an alias \(\*name\) is used inside the node its anchor/);
  });

  test('a v1beta1 component config with a typo: did-you-mean at the line of the imported file', async () => {
    const name = await write(
      'beta-typo',
      'apiVersion: zarf.dev/v1beta1\nkind: ZarfPackageConfig\nmetadata:\n  name: demo\ncomponents:\n  - name: app\n    import:\n      local:\n        - path: parts/app.yaml\n'
    );
    await mkdir(path.join(work, name, 'parts'), { recursive: true });
    await writeFile(
      path.join(work, name, 'parts', 'app.yaml'),
      'apiVersion: zarf.dev/v1beta1\nkind: ZarfComponentConfig\nmetadata:\n  name: app\ncomponent:\n  imagess:\n    - name: nginx:1.25\n'
    );
    const errors = await problems(name, work);
    expectReadable(errors);
    expect(errors.map((e) => [e.position?.file, e.position?.line, e.position?.col, e.message])).toEqual([
      ['beta-typo/parts/app.yaml', 6, 3, 'component.imagess is not a known field: did you mean `images`?']
    ]);
  });

  test('a v1beta1 import of a component config outside the workspace: refused at the line that imports it', async () => {
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'lading-elsewhere-'));
    await writeFile(path.join(elsewhere, 'app.yaml'), 'apiVersion: zarf.dev/v1beta1\nkind: ZarfComponentConfig\nmetadata:\n  name: app\ncomponent: {}\n');
    const name = await write(
      'beta-outside',
      `apiVersion: zarf.dev/v1beta1\nkind: ZarfPackageConfig\nmetadata:\n  name: demo\ncomponents:\n  - name: app\n    import:\n      local:\n        - path: ${path.join(path.relative(path.join(work, 'beta-outside'), elsewhere), 'app.yaml')}\n`
    );
    const errors = await problems(name, work);
    expectReadable(errors);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/outside the workspace/);
    expect(errors[0]?.position).toMatchObject({ file: 'beta-outside/zarf.yaml', line: 9 });
  });

  test('a list at the top level', async () => {
    const name = await write('list', '- kind: ZarfPackageConfig\n');
    const errors = await problems(name, work);
    expectReadable(errors);
    expect(errors[0]?.message).toBe('list/zarf.yaml must be a mapping with kind, metadata and components, not a list');
  });
});

describe('suggestions and paths', () => {
  test('edit distance counts a swap as one edit', () => {
    expect(editDistance('images', 'images')).toBe(0);
    expect(editDistance('imagse', 'images')).toBe(1);
    expect(editDistance('image', 'images')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  test('closest keeps to near misses', () => {
    const keys = ['name', 'images', 'imageArchives', 'description'];
    expect(closest('imagess', keys)).toBe('images');
    expect(closest('ImageArchives', keys)).toBe('imageArchives');
    expect(closest('desciption', keys)).toBe('description');
    expect(closest('charts', keys)).toBeUndefined();
  });

  test('formatPath', () => {
    expect(formatPath(['components', 0, 'images', 1])).toBe('components[0].images[1]');
    expect(formatPath(['metadata', 'annotations', 'org.example/x'])).toBe('metadata.annotations["org.example/x"]');
    expect(formatPath([])).toBe('the top level');
  });
});
