/**
 * The package-level deploy-time files and fields of a built package: values.yaml,
 * values.schema.json and documentation.tar (bytes and checksums.txt lines), build.flavor and
 * build.migrations, the deploy-time fields of the definition carried as given, and a v1beta1
 * source's second document after `---`. Packages are unpacked with the real tar and zstd.
 */
import { describe, test, expect, beforeAll, afterAll } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { BlobStore } from '../../src/oci/blobstore.js';
import { LadingError } from '../../src/errors.js';
import { assemblePackage, type AssembleInput, type AssembledPackage } from '../../src/package/assemble.js';
import { buildPublishLayout } from '../../src/package/publish-layout.js';
import { aggregateChecksumOf } from '../../src/publish/verify.js';

const NOW = new Date('2026-11-23T11:00:00Z');
const sha = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

let tmp: string;
let src: string;
let store: BlobStore;
let n = 0;

async function write(rel: string, text: string): Promise<string> {
  const p = path.join(src, rel);
  await mkdir(path.dirname(p), { recursive: true });
  await writeFile(p, text);
  return p;
}

function config(): AssembleInput['definition']['config'] {
  return {
    kind: 'ZarfPackageConfig',
    metadata: { name: 'deploy', version: '2.0.0' },
    components: [
      {
        name: 'web',
        required: true,
        actions: { onDeploy: { after: [{ cmd: 'echo ${ZARF_VAR_GREETING}' }] }, onRemove: { before: [{ cmd: 'echo bye' }] } },
        healthChecks: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'web' }]
      }
    ],
    variables: [{ name: 'GREETING', default: 'hello', prompt: true }],
    constants: [{ name: 'REGION', value: 'eu', pattern: '^[a-z]+$' }],
    values: { files: ['values/common.yaml', 'values/prod.yaml'], schema: 'values/schema.json' },
    documentation: { readme: 'README.md', ops: 'ops/README.md' }
  };
}

async function build(over: Partial<AssembleInput> = {}): Promise<{ pkg: AssembledPackage; dir: string }> {
  const outputDir = path.join(tmp, `out-${n}`);
  const pkg = await assemblePackage({
    definition: { dir: src, config: config() },
    architecture: 'amd64',
    images: [],
    store,
    outputDir,
    builderVersion: 'v0.1.0-test',
    now: NOW,
    ...over
  });
  const dir = path.join(tmp, `unpacked-${n++}`);
  await mkdir(dir);
  execFileSync('sh', ['-c', 'zstd -q -d -c "$1" | tar -xf - -C "$2"', 'sh', pkg.path, dir]);
  return { pkg, dir };
}

let valuesFiles: string[];
let schema: string;
let schemaText: string;
let docs: Array<{ key: string; file: string }>;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lading-deploy-fields-'));
  src = path.join(tmp, 'src');
  store = new BlobStore(path.join(tmp, 'cache'));
  await store.init();
  valuesFiles = [await write('values/common.yaml', 'app:\n  replicas: 1\n  name: web\ntls: false\n'), await write('values/prod.yaml', 'app:\n  replicas: 3\ntls: true\n')];
  schemaText = '{\n    "$schema": "http://json-schema.org/draft-07/schema#",\n    "type": "object"\n}\n';
  schema = await write('values/schema.json', schemaText);
  docs = [
    { key: 'readme', file: await write('README.md', '# Deploy\n') },
    { key: 'ops', file: await write('ops/README.md', '# Ops\n') }
  ];
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('values, schema and documentation in the package', () => {
  let pkg: AssembledPackage;
  let dir: string;
  beforeAll(async () => {
    ({ pkg, dir } = await build({ values: { files: valuesFiles, schemas: [schema] }, documentation: docs }));
  });

  test('root values.yaml is the deep merge, values.schema.json the schema byte for byte', async () => {
    expect(await readFile(path.join(dir, 'values.yaml'), 'utf8')).toBe('app:\n  name: web\n  replicas: 3\ntls: true\n');
    expect(await readFile(path.join(dir, 'values.schema.json'), 'utf8')).toBe(schemaText);
  });

  test('documentation.tar holds the files, prefixed by key where their names collide', () => {
    const listing = execFileSync('tar', ['-tf', path.join(dir, 'documentation.tar')], { encoding: 'utf8' });
    expect(listing).toBe('.\nops-README.md\nreadme-README.md\n');
  });

  test('each file has its line in checksums.txt, and the aggregate checksum covers them', async () => {
    const text = await readFile(path.join(dir, 'checksums.txt'), 'utf8');
    const lines = text.trimEnd().split('\n');
    for (const f of ['values.yaml', 'values.schema.json', 'documentation.tar']) {
      expect(lines).toContain(`${sha(await readFile(path.join(dir, f)))} ${f}`);
    }
    expect(lines).toHaveLength(3);
    expect(pkg.aggregateChecksum).toBe(sha(text));
    expect(pkg.files.map((f) => f.path)).toEqual(['checksums.txt', 'documentation.tar', 'values.schema.json', 'values.yaml', 'zarf.yaml']);
    expect((await readdir(dir)).sort()).toEqual(['checksums.txt', 'documentation.tar', 'values.schema.json', 'values.yaml', 'zarf.yaml']);
  });

  test('the deploy-time fields of the definition are carried as given', async () => {
    const zarf = YAML.parse(await readFile(path.join(dir, 'zarf.yaml'), 'utf8')) as Record<string, unknown>;
    const given = config();
    for (const k of ['variables', 'constants', 'values', 'documentation', 'components']) expect(zarf[k]).toEqual(given[k]);
  });

  test('the published layout has one layer per new file, titled with its path', () => {
    const layout = buildPublishLayout(pkg.files, pkg.zarfYaml);
    const titles = layout.layers.map((l) => l.annotations?.['org.opencontainers.image.title']).sort();
    expect(titles).toEqual(['checksums.txt', 'documentation.tar', 'values.schema.json', 'values.yaml', 'zarf.yaml']);
    for (const l of layout.layers) {
      const f = pkg.files.find((x) => x.path === l.annotations?.['org.opencontainers.image.title']);
      expect(l.digest).toBe(`sha256:${f?.sha256}`);
    }
  });

  test('a values file that is not a mapping fails the build, naming the file, leaving nothing', async () => {
    const bad = await write('values/list.yaml', '- 1\n');
    const outputDir = path.join(tmp, 'out-bad');
    await expect(assemblePackage({ definition: { dir: src, config: config() }, architecture: 'amd64', images: [], store, outputDir, builderVersion: 'v', now: NOW, values: { files: [bad], schemas: [] } })).rejects.toThrow(
      new LadingError(`values file ${bad} holds a list, not a mapping`)
    );
    expect(await readdir(outputDir)).toEqual([]);
  });
});

describe('build fields', () => {
  test('build.flavor and build.migrations in Zarf field order; the flavor ends the file name', async () => {
    const { pkg } = await build({ flavor: 'upstream', migrations: ['scripts-to-actions', 'pluralize-set-variable'], registryOverrides: { 'docker.io': 'mirror.example' } });
    expect(pkg.fileName).toBe('zarf-package-deploy-amd64-2.0.0-upstream.tar.zst');
    const zarf = YAML.parse(pkg.zarfYaml) as { build: Record<string, unknown> };
    expect(Object.keys(zarf.build)).toEqual(['architecture', 'timestamp', 'version', 'migrations', 'registryOverrides', 'flavor', 'signed', 'provenanceFiles']);
    expect(zarf.build.flavor).toBe('upstream');
    expect(zarf.build.migrations).toEqual(['scripts-to-actions', 'pluralize-set-variable']);
  });

  test('no flavor and no migrations: neither is written', async () => {
    const { pkg } = await build({ flavor: '', migrations: [] });
    expect(pkg.fileName).toBe('zarf-package-deploy-amd64-2.0.0.tar.zst');
    const zarf = YAML.parse(pkg.zarfYaml) as { build: Record<string, unknown> };
    expect(Object.keys(zarf.build)).toEqual(['architecture', 'timestamp', 'version', 'signed', 'provenanceFiles']);
  });

  test('a flavor with a path separator is refused', async () => {
    await expect(build({ flavor: '../x' })).rejects.toThrow('flavor "../x" cannot be part of a file name');
  });
});

describe('extra documents', () => {
  const beta = (): Record<string, unknown> => ({
    apiVersion: 'zarf.dev/v1beta1',
    kind: 'ZarfPackageConfig',
    metadata: { name: 'deploy', version: '2.0.0' },
    components: [{ name: 'web' }],
    documentation: { readme: 'README.md' }
  });

  test('a v1beta1 document follows after ---, with its architecture and v1beta1 build filled in', async () => {
    const { pkg, dir } = await build({ extraDocuments: [beta()], flavor: 'f', terminal: 'host-1' });
    const text = await readFile(path.join(dir, 'zarf.yaml'), 'utf8');
    expect(text).toBe(pkg.zarfYaml);
    expect(text).toMatch(/\n---\napiVersion: zarf\.dev\/v1beta1\n/);
    const all = YAML.parseAllDocuments(text);
    expect(Array.isArray(all) && all.length).toBe(2);
    const [first, second] = (all as YAML.Document[]).map((d) => {
      expect(d.errors).toEqual([]);
      return d.toJS() as Record<string, Record<string, unknown>>;
    });
    expect(first?.metadata?.aggregateChecksum).toBe(pkg.aggregateChecksum);
    expect(second?.metadata).toEqual({ name: 'deploy', version: '2.0.0', architecture: 'amd64' });
    expect(second?.build).toEqual({
      hostname: 'host-1',
      timestamp: 'Mon, 23 Nov 2026 11:00:00 +0000',
      architecture: 'amd64',
      version: 'v0.1.0-test',
      flavor: 'f',
      signed: false,
      provenanceFiles: ['checksums.txt'],
      aggregateChecksum: pkg.aggregateChecksum
    });
    expect(Object.keys(second ?? {})).toEqual(['apiVersion', 'kind', 'metadata', 'build', 'components', 'documentation']);
    // What publishing and pulling read is the v1alpha1 document.
    const layout = buildPublishLayout(pkg.files, pkg.zarfYaml);
    expect(JSON.parse(layout.config.bytes.toString()).build.terminal).toBe('host-1');
    expect(JSON.parse(layout.config.bytes.toString()).apiVersion).toBeUndefined();
    expect(aggregateChecksumOf(pkg.zarfYaml)).toBe(pkg.aggregateChecksum);
  });

  test('a document of another kind is written as given', async () => {
    const other = { note: 'kept as is', list: [1, 2] };
    const { pkg } = await build({ extraDocuments: [other] });
    const all = YAML.parseAllDocuments(pkg.zarfYaml) as YAML.Document[];
    expect(all.map((d) => d.toJS())[1]).toEqual(other);
  });

  test('the build time chooser sees the whole file, extra documents included', async () => {
    const seen: string[] = [];
    await build({
      extraDocuments: [beta()],
      buildTime: (render) => {
        seen.push(render(NOW));
        return NOW;
      }
    });
    expect(seen[0]).toContain('\n---\napiVersion: zarf.dev/v1beta1\n');
  });
});
