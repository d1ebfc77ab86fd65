/**
 * `import: url: oci://…` through the action as the runner runs it: the test publishes a skeleton
 * package to the real test registry the way `zarf package publish <folder>` lays one out (a manifest of
 * zarf.yaml, checksums.txt and components/<name>.tar layers; the tag an index whose `{os: multi,
 * architecture: skeleton}` entry points at it), then a local zarf.yaml imports one of its components
 * and the action builds it: the skeleton's files are in the package, its variables join the package's,
 * and a skeleton that is not there fails at the line of its url.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { cleanupFixtures, publishSkeleton, RegistryClient, runAction, seedImages, startRegistry, tarOf, type ActionRun, type PushedImage, type RegistryFixture } from './setup/index.js';
import { buildInputs, listFiles, unpack, workspaceWith } from './helpers.js';
import { zarfSchemaErrors } from '../helpers/zarf-schema.js';


type Data = Record<string, unknown>;

let reg: RegistryFixture;
let img: Record<string, PushedImage>;
let skeletonUrl: string;

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-skeleton\n';

/** The skeleton's zarf.yaml as Zarf publishes it: paths inside the component folders, no flavor left. */
const SKELETON_YAML = `kind: ZarfPackageConfig
metadata:
  name: platform
  version: 2.0.0
  architecture: skeleton
  aggregateChecksum: AGGREGATE
build:
  architecture: skeleton
  flavor: upstream
  migrations:
    - scripts-to-actions
    - pluralize-set-variable
variables:
  - name: SKELETON_LEVEL
    default: debug
components:
  - name: web
    files:
      - source: files/0/hello.txt
        target: /opt/hello.txt
    manifests:
      - name: cm
        namespace: web
        files:
          - manifests/cm-0.yaml
    actions:
      onDeploy:
        after:
          - cmd: echo skeleton after
  - name: other
    files:
      - source: files/0/other.txt
        target: /opt/other.txt
`;

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' });
  img = await seedImages(reg, 'seed', { only: ['single'] });
  const web = await tarOf([
    { name: 'web/files/0/hello.txt', data: 'hello from the skeleton\n' },
    { name: 'web/manifests/cm-0.yaml', data: CM }
  ]);
  const other = await tarOf([{ name: 'other/files/0/other.txt', data: 'other\n' }]);
  skeletonUrl = (await publishSkeleton(new RegistryClient({ host: reg.host }), reg.host, { repo: 'skeletons/platform', tag: '2.0.0-upstream', zarfYaml: SKELETON_YAML, tars: { web, other } })).url;
}, 120_000);
afterAll(async () => {
  await reg?.stop();
  await cleanupFixtures();
});

const run = (ws: string, extra: Record<string, string> = {}): Promise<ActionRun> => runAction({ workspace: ws, inputs: buildInputs([reg.host], { concurrency: '4', ...extra }) });
const errorsOf = (r: ActionRun): ActionRun['annotations'] => r.annotations.filter((a) => a.level === 'error');

/** The files of a tar, by their content, whatever folder layout they are in. */
async function contents(tarFile: string): Promise<string[]> {
  const dir = await unpack(tarFile);
  return listFiles(dir)
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .sort();
}

describe('a component imported from a skeleton in a registry', () => {
  const local = (url: string): string => `kind: ZarfPackageConfig
metadata:
  name: app
  version: 1.0.0
variables:
  - name: OWN
    default: "1"
components:
  - name: web
    required: true
    import:
      url: ${url}
    images:
      - ${(img.single as PushedImage).ref}
    files:
      - source: local.txt
        target: /opt/local.txt
`;

  test('its files are in the package, merged with the local ones; its variables join the package', async () => {
    const ws = workspaceWith(local(skeletonUrl), { 'local.txt': 'local\n' });
    const r = await run(ws);
    expect(errorsOf(r)).toEqual([]);
    expect(r.code).toBe(0);
    const dir = await unpack(r.outputs.package as string);
    expect(listFiles(dir)).toEqual(expect.arrayContaining(['components/web.tar', 'checksums.txt', 'zarf.yaml']));
    expect(listFiles(dir).filter((f) => f.startsWith('components/'))).toEqual(['components/web.tar']);
    expect(await contents(path.join(dir, 'components/web.tar'))).toEqual([CM, 'hello from the skeleton\n', 'local\n'].sort());

    const doc = YAML.parse(fs.readFileSync(path.join(dir, 'zarf.yaml'), 'utf8')) as Data;
    expect(zarfSchemaErrors(doc, 'v1alpha1')).toEqual([]);
    const [web] = doc['components'] as [Data];
    expect(web).not.toHaveProperty('import');
    expect((web['files'] as Data[]).map((f) => f['target'])).toEqual(['/opt/hello.txt', '/opt/local.txt']);
    expect((web['manifests'] as Data[]).map((m) => m['name'])).toEqual(['cm']);
    expect(((web['actions'] as Data)['onDeploy'] as Data)['after']).toEqual([{ cmd: 'echo skeleton after' }]);
    expect(doc['variables']).toEqual([
      { name: 'OWN', default: '1' },
      { name: 'SKELETON_LEVEL', default: 'debug' }
    ]);
    // The skeleton's build section is not the package's.
    expect((doc['metadata'] as Data)['architecture']).toBe('amd64');
    expect(doc['build']).not.toHaveProperty('flavor');

    // The definition output shows the component composed from the skeleton.
    const shown = YAML.parse(fs.readFileSync(r.outputs.definition as string, 'utf8')) as Data;
    expect(((shown['components'] as Data[])[0] as Data)['files']).toHaveLength(2);
  }, 90_000);

  test('a skeleton tag that does not exist fails at the line of its url, nothing written', async () => {
    const url = `oci://${reg.host}/skeletons/platform:9.9.9`;
    const yaml = local(url);
    const ws = workspaceWith(yaml, { 'local.txt': 'local\n' });
    const r = await run(ws);
    expect(r.code).toBe(1);
    const errors = errorsOf(r);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'zarf.yaml', line: yaml.split('\n').findIndex((l) => l.includes('url: oci://')) + 1 });
    expect(errors[0]?.message).toContain(url);
    expect(errors[0]?.message).toMatch(/does not exist/);
    expect(listFiles(path.join(ws, 'out'))).toEqual([]);
  }, 60_000);

  test('a component name the skeleton does not have fails at the import', async () => {
    const yaml = local(skeletonUrl).replace('  - name: web\n', '  - name: missing\n');
    const ws = workspaceWith(yaml, { 'local.txt': 'local\n' });
    const r = await run(ws);
    expect(r.code).toBe(1);
    const errors = errorsOf(r);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('"missing"');
    expect(errors[0]).toMatchObject({ file: 'zarf.yaml', line: yaml.split('\n').findIndex((l) => l.includes('url: oci://')) + 1 });
    expect(listFiles(path.join(ws, 'out'))).toEqual([]);
  }, 60_000);
});
