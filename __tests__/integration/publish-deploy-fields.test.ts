/**
 * A package with values.yaml, values.schema.json, documentation.tar and a second (v1beta1) document
 * in its zarf.yaml, published to the real registry through the library, verified, and pulled back:
 * every file byte-identical to the built package; a pull of one component still brings the values.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import pLimit from 'p-limit';
import { BlobStore } from '../../src/oci/blobstore.js';
import { RegistryClient } from '../../src/oci/client.js';
import { Reference } from '../../src/oci/reference.js';
import { assemblePackage } from '../../src/package/assemble.js';
import { publishPackage } from '../../src/publish/publish.js';
import { pullPackage } from '../../src/publish/pull.js';
import { locator } from '../../src/publish/stage.js';
import { verifyPublished } from '../../src/publish/verify.js';
import { listFiles, sha256File, unpack } from './helpers.js';
import { cleanupFixtures, makeTempDir, startRegistry, type RegistryFixture } from './setup/index.js';

let reg: RegistryFixture;

beforeAll(async () => {
  reg = await startRegistry({ auth: 'anonymous' });
}, 60_000);
afterAll(async () => {
  await reg?.stop();
  await cleanupFixtures();
});

test('values, schema, documentation and a v1beta1 document travel through publish and pull', async () => {
  const src = makeTempDir('deploy-src');
  const put = (rel: string, text: string): string => {
    const p = path.join(src, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    return p;
  };
  const values = [put('values/a.yaml', 'a: 1\nb: {c: 2}\n'), put('values/b.yaml', 'b: {d: 3}\n')];
  const schemas = [put('values/own.json', '{"$schema": "s", "type": "object"}'), put('values/child.json', '{"$schema": "s", "required": ["a"]}')];
  const docs = [{ key: 'readme', file: put('README.md', '# readme\n') }];
  const store = new BlobStore(makeTempDir('deploy-cache'));
  await store.init();
  const kept = makeTempDir('deploy-kept');
  const config = {
    kind: 'ZarfPackageConfig',
    metadata: { name: 'deploy-fields', version: '1.0.0' },
    components: [{ name: 'one' }, { name: 'two' }],
    values: { files: ['values/a.yaml', 'values/b.yaml'], schema: 'values/own.json' },
    documentation: { readme: 'README.md' }
  };
  const pkg = await assemblePackage({
    definition: { dir: src, config },
    architecture: 'amd64',
    images: [],
    store,
    outputDir: makeTempDir('deploy-out'),
    builderVersion: 'v0.1.0-test',
    now: new Date('2026-11-23T11:00:00Z'),
    values: { files: values, schemas },
    documentation: docs,
    flavor: 'blue',
    componentContent: { two: [{ path: 'files/0/x', type: 'file', content: Buffer.from('x') }] },
    extraDocuments: [{ apiVersion: 'zarf.dev/v1beta1', kind: 'ZarfPackageConfig', metadata: { name: 'deploy-fields', version: '1.0.0' }, components: [{ name: 'one' }, { name: 'two' }] }],
    keepFiles: kept
  });
  const client = new RegistryClient({ plainHttp: [reg.host], retries: 1, retryDelayMs: 100, logger: { debug: () => undefined, info: () => undefined, warning: () => undefined } });
  try {
    const target = Reference.parse(`${reg.host}/pkgs/deploy-fields:1.0.0-blue`);
    const published = await publishPackage({ client, target, architecture: 'amd64', files: pkg.files, zarfYaml: pkg.zarfYaml, locate: locator(store, kept), limit: pLimit(4), log: () => undefined, warn: () => undefined, settleMs: 0 });
    expect((await verifyPublished(client, target, published.digest)).layers).toBe(pkg.files.length);

    const pulled = makeTempDir('deploy-pulled');
    const got = await pullPackage(client, target, 'amd64', pulled);
    expect(got.zarfYaml).toBe(pkg.zarfYaml);
    const built = await unpack(pkg.path);
    expect(listFiles(pulled)).toEqual(listFiles(built));
    expect(listFiles(built)).toEqual(expect.arrayContaining(['values.yaml', 'values.schema.json', 'documentation.tar']));
    for (const f of listFiles(built)) expect(sha256File(path.join(pulled, f))).toBe(sha256File(path.join(built, f)));

    // One component: its tar, and the package's values as Zarf always pulls them; no documentation.
    const partial = makeTempDir('deploy-partial');
    const some = await pullPackage(client, target, 'amd64', partial, { components: ['one'] });
    expect(some.files.map((f) => f.path)).toEqual(['checksums.txt', 'values.schema.json', 'values.yaml', 'zarf.yaml']);
  } finally {
    await client.close();
  }
}, 120_000);
