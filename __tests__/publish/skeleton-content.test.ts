/**
 * What a skeleton refuses (publish/skeleton-content.ts), each at its line of zarf.yaml and all in one
 * run: package values (Zarf's rule), a file whose shasum does not match, an extractPath the archive
 * lacks; URLs stay references, untouched; kustomizations are built and extractPath files extracted
 * into the skeleton, as Zarf does, their fields removed.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LadingErrors } from '../../src/errors.js';
import { loadPackage, type Package } from '../../src/definition/index.js';
import { skeletonContent } from '../../src/publish/skeleton-content.js';

let ws: string;
const tool = '#!/bin/sh\necho tool\n';
const sha = (b: string): string => createHash('sha256').update(b).digest('hex');
const work = (): string => path.join(ws, '.work', String(Math.random()).slice(2));
beforeAll(async () => {
  ws = await mkdtemp(path.join(os.tmpdir(), 'lading-skel-'));
  await mkdir(path.join(ws, 'k'), { recursive: true });
  await writeFile(path.join(ws, 'k/kustomization.yaml'), 'resources: [cm.yaml]\n');
  await writeFile(path.join(ws, 'k/cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-kustomize\n');
  await mkdir(path.join(ws, 'arch/bin'), { recursive: true });
  await writeFile(path.join(ws, 'arch/bin/tool'), tool, { mode: 0o755 });
  execFileSync('tar', ['-czf', path.join(ws, 'tool.tar.gz'), '-C', path.join(ws, 'arch'), 'bin/tool']);
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

test('values, a shasum mismatch, an extractPath the archive lacks and a wrong shasum of an extracted file: every problem at its line', async () => {
  const def = await composed(`kind: ZarfPackageConfig
metadata:
  name: s
  version: 1.0.0
values:
  files:
    - values.yaml
components:
  - name: a
    files:
      - source: a.txt
        target: /a.txt
        shasum: ${'ab'.repeat(32)}
      - source: tool.tar.gz
        target: /b.txt
        extractPath: bin/other
      - source: tool.tar.gz
        target: /tool
        extractPath: bin/tool
        shasum: ${'cd'.repeat(32)}
      - source: https://example.com/c.txt
        target: /c.txt
`);
  const e = await skeletonContent(def, (p) => path.relative(ws, p), work()).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(LadingErrors);
  expect((e as LadingErrors).errors.map((x) => `${x.position?.line}: ${x.message.slice(0, 60)}`)).toEqual([
    '5: creating skeleton packages with the values feature is not ye',
    '13: sha mismatch for a.txt: expected abababababababababababababa',
    '16: components.0.files.1.extractPath: cannot extract "bin/other"',
    `20: sha mismatch for tool.tar.gz: expected ${'cd'.repeat(32)}`.slice(0, 64)
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
  const c = await skeletonContent(def, (p) => path.relative(ws, p), work());
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

test("kustomizations are built into manifests/kustomization-<name>-<k>.yaml and extractPath files extracted, their fields removed, as Zarf's skeleton does", async () => {
  const def = await composed(`kind: ZarfPackageConfig
metadata:
  name: s
  version: 1.0.0
components:
  - name: a
    manifests:
      - name: m
        namespace: x
        files:
          - a.txt
        kustomizations:
          - k
    files:
      - source: tool.tar.gz
        target: /usr/local/bin/tool
        extractPath: bin/tool
        executable: true
        shasum: ${sha(tool)}
      - source: https://example.com/t.tgz
        target: /t
        extractPath: t
`);
  const c = await skeletonContent(def, (p) => path.relative(ws, p), work());
  const component = c.config.components[0] as Record<string, unknown>;
  expect(component['manifests']).toEqual([{ name: 'm', namespace: 'x', files: ['manifests/m-0.yaml'] }]);
  expect(component['files']).toEqual([
    { source: 'files/0/tool', target: '/usr/local/bin/tool', executable: true, shasum: sha(tool) },
    { source: 'https://example.com/t.tgz', target: '/t', extractPath: 't' }
  ]);
  const entries = c.entries['a'] ?? [];
  expect(entries.map((x) => x.path).sort()).toEqual(['files/0/bin', 'files/0/tool', 'manifests/kustomization-m-0.yaml', 'manifests/m-0.yaml', 'temp']);
  const built = entries.find((x) => x.path === 'manifests/kustomization-m-0.yaml');
  expect(built !== undefined && 'content' in built ? Buffer.from(built.content).toString() : '').toMatch(/kind: ConfigMap[\s\S]*name: from-kustomize/);
  const extracted = entries.find((x) => x.path === 'files/0/tool');
  expect(extracted).toMatchObject({ type: 'file', executable: true });
  expect(extracted !== undefined && 'source' in extracted ? await readFile(extracted.source, 'utf8') : '').toBe(tool);
});
