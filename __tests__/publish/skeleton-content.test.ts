/**
 * What a skeleton refuses (publish/skeleton-content.ts), each at its line of zarf.yaml and all in one
 * run: package values (Zarf's rule), kustomizations and extractPath (not built into a skeleton by
 * Lading yet); a file whose shasum does not match; URLs stay references, untouched.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LadingErrors } from '../../src/errors.js';
import { loadPackage, type Package } from '../../src/definition/index.js';
import { skeletonContent } from '../../src/publish/skeleton-content.js';

let ws: string;
beforeAll(async () => {
  ws = await mkdtemp(path.join(os.tmpdir(), 'lading-skel-'));
  await mkdir(path.join(ws, 'k'), { recursive: true });
  await writeFile(path.join(ws, 'k/kustomization.yaml'), 'resources: []\n');
  await writeFile(path.join(ws, 'a.txt'), 'a\n');
  await writeFile(path.join(ws, 'values.yaml'), 'a: 1\n');
});
afterAll(async () => {
  await rm(ws, { recursive: true, force: true });
});

async function composed(yaml: string): Promise<Package> {
  await writeFile(path.join(ws, 'zarf.yaml'), yaml);
  let pkg: Package | undefined;
  await loadPackage({ definition: '.', workspace: ws, architecture: 'amd64', onComposed: async (p) => void (pkg = p) }).catch(() => undefined);
  if (pkg === undefined) throw new Error('not composed');
  return pkg;
}

test('values, kustomizations, extractPath and a shasum mismatch: every problem at its line', async () => {
  const def = await composed(`kind: ZarfPackageConfig
metadata:
  name: s
  version: 1.0.0
values:
  files:
    - values.yaml
components:
  - name: a
    manifests:
      - name: m
        namespace: x
        kustomizations:
          - k
    files:
      - source: a.txt
        target: /a.txt
        shasum: ${'ab'.repeat(32)}
      - source: a.txt
        target: /b.txt
        extractPath: b.txt
      - source: https://example.com/c.txt
        target: /c.txt
`);
  const e = await skeletonContent(def, (p) => path.relative(ws, p)).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(LadingErrors);
  expect((e as LadingErrors).errors.map((x) => `${x.position?.line}: ${x.message.slice(0, 60)}`)).toEqual([
    '5: creating skeleton packages with the values feature is not ye',
    '13: components.0.manifests.0.kustomizations in a skeleton are no',
    '18: sha mismatch for a.txt: expected abababababababababababababa',
    '21: components.0.files.1.extractPath in a skeleton is not suppor'
  ]);
});

test('URLs stay references; local files move into the component folder', async () => {
  const def = await composed(`kind: ZarfPackageConfig
metadata:
  name: s
  version: 1.0.0
components:
  - name: a
    files:
      - source: https://example.com/c.txt
        target: /c.txt
      - source: a.txt
        target: /opt/renamed.txt
`);
  const c = await skeletonContent(def, (p) => path.relative(ws, p));
  expect(c.config.components[0]?.['files']).toEqual([
    { source: 'https://example.com/c.txt', target: '/c.txt' },
    { source: 'files/1/renamed.txt', target: '/opt/renamed.txt' }
  ]);
  expect(c.entries['a']?.map((x) => x.path)).toEqual(['files/1/renamed.txt', 'temp']);
  // The loaded definition is left alone.
  expect((def.config.components[0] as Record<string, unknown>)['files']).toEqual([
    { source: 'https://example.com/c.txt', target: '/c.txt' },
    { source: 'a.txt', target: '/opt/renamed.txt' }
  ]);
});
