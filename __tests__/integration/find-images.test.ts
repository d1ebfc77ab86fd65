/**
 * Images a package's manifests run but the package does not carry, as the runner runs the action:
 * a warning annotation at the manifest's line of zarf.yaml naming the manifest's own line; images the
 * package lists are not reported; the summary counts what was scanned and says charts were not.
 */
import { expect, test } from '@jest/globals';
import { runAction } from './setup/index.js';
import { buildInputs, seededRegistry, workspaceWith } from './helpers.js';

const seeded = seededRegistry();

test('a manifest running an image the package lacks: a warning at its line of zarf.yaml; charts are said not to be scanned', async () => {
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
        - name: init
          image: ${seeded.single}
      containers:
        - name: web
          image: ghcr.io/acme/forgotten:1.0.0
`;
  const zarfYaml = `kind: ZarfPackageConfig
metadata:
  name: scan
  version: 1.0.0
components:
  - name: app
    required: true
    images:
      - ${seeded.single}
    charts:
      - name: local
        version: 0.1.0
        namespace: app
        localPath: chart
    manifests:
      - name: web
        namespace: app
        files:
          - k8s/other.yaml
          - k8s/deployment.yaml
`;
  const ws = workspaceWith(zarfYaml, {
    'k8s/deployment.yaml': deployment,
    'k8s/other.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n',
    'chart/Chart.yaml': 'apiVersion: v2\nname: local\nversion: 0.1.0\n',
    'chart/templates/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - image: not/scanned:1\n'
  });
  const r = await runAction({ workspace: ws, inputs: buildInputs([seeded.reg.host]) });
  expect(r.annotations.filter((a) => a.level === 'error')).toEqual([]);
  expect(r.code).toBe(0);
  const warnings = r.annotations.filter((a) => a.level === 'warning' && /runs image/.test(a.message));
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatchObject({ file: 'zarf.yaml', line: 20 });
  expect(warnings[0]?.message).toMatch(/^k8s\/deployment\.yaml:13 runs image ghcr\.io\/acme\/forgotten:1\.0\.0, which the package does not carry/);
  expect(r.summary).toContain('2 manifests scanned for the images they run (as `zarf dev find-images` does): 2 images found, 1 not carried by the package (warnings at their lines).');
  expect(r.summary).toContain('1 chart was not scanned: Lading does not render Helm templates');
}, 90_000);
