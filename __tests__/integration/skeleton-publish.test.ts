/**
 * Publishing a skeleton (`publish` with `skeleton: true`) as the runner runs the action, against the
 * real test registry; then importing it (`import: url: oci://…`) from another definition. The tag's
 * index gets the `{os: multi, architecture: skeleton}` entry, the skeleton's zarf.yaml has Zarf's
 * rewritten paths and `skeleton` architecture, no image is pulled; the package built from the
 * skeleton carries the very same component tars as the one built from the local path import.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { pullPackage } from '../../src/publish/pull.js';
import { RegistryClient as LadingClient } from '../../src/oci/client.js';
import { Reference } from '../../src/oci/reference.js';
import { makeTempDir, RegistryClient, runAction, type ActionRun } from './setup/index.js';
import { buildInputs, errorsOf, listFiles, seededRegistry, unpack, workspaceWith } from './helpers.js';

type Data = Record<string, unknown>;

const seeded = seededRegistry();

const PLATFORM = (image: string): string => `kind: ZarfPackageConfig
metadata:
  name: platform
  version: 2.0.0
documentation:
  readme: README.md
variables:
  - name: LEVEL
    default: debug
components:
  - name: web
    images:
      - ${image}
    files:
      - source: files/hello.txt
        target: /opt/hello.txt
      - source: bin/tool.sh
        target: /usr/local/bin/tool
        executable: true
    charts:
      - name: local
        version: 0.1.0
        namespace: web
        localPath: chart
        valuesFiles:
          - values/web.yaml
    manifests:
      - name: cm
        namespace: web
        files:
          - k8s/cm.yaml
  - name: other
    only:
      flavor: ""
    files:
      - source: files/other.txt
        target: /opt/other.txt
`;

const CONTENT: Record<string, string> = {
  'platform/README.md': '# platform\n',
  'platform/files/hello.txt': 'hello from the platform\n',
  'platform/files/other.txt': 'other\n',
  'platform/bin/tool.sh': '#!/bin/sh\necho tool\n',
  'platform/chart/Chart.yaml': 'apiVersion: v2\nname: local\nversion: 0.1.0\n',
  'platform/chart/values.yaml': 'replicas: 1\n',
  'platform/chart/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-chart\n',
  'platform/values/web.yaml': 'replicas: 2\n',
  'platform/k8s/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-manifest\n'
};

const importer = (imp: string): string => `kind: ZarfPackageConfig
metadata:
  name: app
  version: 1.0.0
components:
  - name: web
    required: true
    import:
      ${imp}
`;

describe('a skeleton published by the action, imported by another definition', () => {
  let ws: string;
  let published: ActionRun;
  beforeAll(async () => {
    ws = workspaceWith('kind: ZarfPackageConfig\nmetadata:\n  name: unused\ncomponents: []\n', {
      'platform/zarf.yaml': PLATFORM(seeded.single),
      ...CONTENT,
      'app-local/zarf.yaml': importer('path: ../platform'),
      'app-oci/zarf.yaml': importer(`url: oci://${seeded.reg.host}/skeletons/platform:2.0.0`)
    });
    fs.chmodSync(path.join(ws, 'platform/bin/tool.sh'), 0o755);
    published = await runAction({ workspace: ws, inputs: buildInputs([seeded.reg.host], { definition: 'platform', publish: `oci://${seeded.reg.host}/skeletons`, skeleton: 'true' }) });
  }, 120_000);

  test('the tag holds a skeleton entry; its zarf.yaml has Zarf\u2019s paths and the skeleton architecture; no image was pulled, no file written', async () => {
    expect(errorsOf(published)).toEqual([]);
    expect(published.code).toBe(0);
    expect(published.outputs.reference).toBe(`${seeded.reg.host}/skeletons/platform:2.0.0`);
    expect(published.outputs.package ?? '').toBe('');
    expect(fs.existsSync(path.join(ws, 'out'))).toBe(false);
    expect(published.summary).toContain('### 🚀 Published a skeleton');
    expect(published.summary).toContain(`  - name: import-web\n    import:\n      name: web\n      url: oci://${seeded.reg.host}/skeletons/platform:2.0.0`);

    const client = new RegistryClient({ host: seeded.reg.host });
    const index = JSON.parse((await client.getManifest('skeletons/platform', '2.0.0')).body.toString('utf8')) as { manifests: Array<{ digest: string; platform: Data }> };
    expect(index.manifests.map((m) => m.platform)).toEqual([{ architecture: 'skeleton', os: 'multi' }]);
    expect(index.manifests[0]?.digest).toBe(published.outputs.digest);

    const lading = new LadingClient({ plainHttp: [seeded.reg.host], retries: 0 });
    const dir = makeTempDir('skeleton-pull');
    try {
      const pulled = await pullPackage(lading, Reference.parse(`${seeded.reg.host}/skeletons/platform:2.0.0`), 'skeleton', dir);
      expect(pulled.files.map((f) => f.path)).toEqual(['checksums.txt', 'components/other.tar', 'components/web.tar', 'documentation.tar', 'zarf.yaml']);
      const doc = YAML.parse(pulled.zarfYaml) as Data;
      expect(doc['metadata']).toMatchObject({ name: 'platform', version: '2.0.0', architecture: 'skeleton' });
      expect(doc['build']).toMatchObject({ architecture: 'skeleton', signed: false, provenanceFiles: ['checksums.txt'] });
      const [web, other] = doc['components'] as [Data, Data];
      expect(web['images']).toEqual([seeded.single]);
      expect(web['files']).toEqual([
        { source: 'files/0/hello.txt', target: '/opt/hello.txt' },
        { source: 'files/1/tool', target: '/usr/local/bin/tool', executable: true }
      ]);
      expect(web['charts']).toEqual([{ name: 'local', version: '0.1.0', namespace: 'web', localPath: 'charts/local-0', valuesFiles: ['values/local-0.1.0-0'] }]);
      expect((web['manifests'] as Data[])[0]?.['files']).toEqual(['manifests/cm-0.yaml']);
      // only.flavor is cleared (the flavor is in the tag).
      expect(other).not.toHaveProperty('only');
      const tar = await unpack(path.join(dir, 'components/web.tar'));
      expect(listFiles(tar)).toEqual(['web/charts/local-0/Chart.yaml', 'web/charts/local-0/templates/cm.yaml', 'web/charts/local-0/values.yaml', 'web/files/0/hello.txt', 'web/files/1/tool', 'web/manifests/cm-0.yaml', 'web/values/local-0.1.0-0']);
      expect(fs.existsSync(path.join(tar, 'web/temp'))).toBe(true);
      expect(fs.statSync(path.join(tar, 'web/files/1/tool')).mode & 0o100).toBe(0o100);
    } finally {
      await lading.close();
    }
  }, 60_000);

  test('the package built from the skeleton carries the same component tars as the one built from the local path', async () => {
    const fromPath = await runAction({ workspace: ws, inputs: buildInputs([seeded.reg.host], { definition: 'app-local', output: 'out-local' }) });
    const fromOci = await runAction({ workspace: ws, inputs: buildInputs([seeded.reg.host], { definition: 'app-oci', output: 'out-oci' }) });
    expect(errorsOf(fromPath)).toEqual([]);
    expect(errorsOf(fromOci)).toEqual([]);
    const a = await unpack(fromPath.outputs.package as string);
    const b = await unpack(fromOci.outputs.package as string);
    // Same files, same bytes: the component tar, the image, documentation (none: not imported).
    expect(fs.readFileSync(path.join(b, 'checksums.txt'), 'utf8')).toBe(fs.readFileSync(path.join(a, 'checksums.txt'), 'utf8'));
    expect(listFiles(b)).toEqual(listFiles(a));
    // The components differ only in where their local content was read from.
    const paths = (d: string): Data => {
      const doc = YAML.parse(fs.readFileSync(path.join(d, 'zarf.yaml'), 'utf8')) as Data;
      const text = JSON.stringify(doc['components']);
      return JSON.parse(text.replace(/"(source|localPath)":"[^"]*"/g, '"$1":"-"').replace(/"(valuesFiles|files)":\["[^\]]*\]/g, '"$1":["-"]')) as Data;
    };
    expect(paths(b)).toEqual(paths(a));
    expect(JSON.stringify(paths(a))).toContain(seeded.single);
    expect(YAML.parse(fs.readFileSync(path.join(b, 'zarf.yaml'), 'utf8')).variables).toEqual([{ name: 'LEVEL', default: 'debug' }]);
  }, 120_000);

  test('publishing the unchanged skeleton again keeps its digest', async () => {
    const again = await runAction({ workspace: ws, inputs: buildInputs([seeded.reg.host], { definition: 'platform', publish: `oci://${seeded.reg.host}/skeletons`, skeleton: 'true' }) });
    expect(errorsOf(again)).toEqual([]);
    expect(again.outputs.digest).toBe(published.outputs.digest);
    expect(again.summary).toContain('Published a skeleton (unchanged)');
  }, 60_000);

  test('kustomizations are built into the skeleton and extractPath files extracted, their fields removed, as Zarf publishes them', async () => {
    const w = workspaceWith(`kind: ZarfPackageConfig
metadata:
  name: built
  version: 1.0.0
components:
  - name: a
    manifests:
      - name: k
        namespace: x
        kustomizations:
          - kust
    files:
      - source: tool.tar.gz
        target: /usr/local/bin/tool
        extractPath: bin/tool
        executable: true
`, {
      'kust/kustomization.yaml': 'resources: [cm.yaml]\n',
      'kust/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-kustomize\n',
      'arch/bin/tool': '#!/bin/sh\necho tool\n'
    });
    execFileSync('tar', ['-czf', path.join(w, 'tool.tar.gz'), '-C', path.join(w, 'arch'), 'bin/tool']);
    const r = await runAction({ workspace: w, inputs: buildInputs([seeded.reg.host], { publish: `oci://${seeded.reg.host}/skeletons`, skeleton: 'true' }) });
    expect(errorsOf(r)).toEqual([]);
    expect(r.code).toBe(0);
    const lading = new LadingClient({ plainHttp: [seeded.reg.host], retries: 0 });
    const dir = makeTempDir('skeleton-built-pull');
    try {
      const pulled = await pullPackage(lading, Reference.parse(`${seeded.reg.host}/skeletons/built:1.0.0`), 'skeleton', dir);
      const [a] = (YAML.parse(pulled.zarfYaml) as Data)['components'] as [Data];
      expect(a['manifests']).toEqual([{ name: 'k', namespace: 'x' }]);
      expect(a['files']).toEqual([{ source: 'files/0/tool', target: '/usr/local/bin/tool', executable: true }]);
      const tar = await unpack(path.join(dir, 'components/a.tar'));
      expect(listFiles(tar)).toEqual(['a/files/0/tool', 'a/manifests/kustomization-k-0.yaml']);
      expect(fs.readFileSync(path.join(tar, 'a/files/0/tool'), 'utf8')).toBe('#!/bin/sh\necho tool\n');
      expect(fs.readFileSync(path.join(tar, 'a/manifests/kustomization-k-0.yaml'), 'utf8')).toMatch(/name: from-kustomize/);
    } finally {
      await lading.close();
    }
  }, 60_000);

  test('image archives cannot be published in a skeleton (Zarf\u2019s rule), at their line', async () => {
    const w = workspaceWith(`kind: ZarfPackageConfig
metadata:
  name: witharchive
  version: 1.0.0
components:
  - name: a
    imageArchives:
      - path: images.tar
        images:
          - busybox:1.36
`, { 'images.tar': 'not used' });
    const r = await runAction({ workspace: w, inputs: buildInputs([seeded.reg.host], { publish: `oci://${seeded.reg.host}/skeletons`, skeleton: 'true' }) });
    expect(r.code).toBe(1);
    expect(errorsOf(r)[0]).toMatchObject({ file: 'zarf.yaml', line: 7 });
    expect(errorsOf(r)[0]?.message).toMatch(/^cannot publish skeleton package with image archives/);
  }, 60_000);
});
