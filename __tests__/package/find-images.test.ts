/**
 * find-images.ts: the images plain manifests run, with their lines, as `zarf dev find-images` finds
 * them (pod templates of every workload kind, init and ephemeral containers, image volumes, Flux
 * OCIRepository, `image:` fields of other kinds; Helm test hooks skipped), and which of them a
 * package carries; image-scan.ts: the warnings at the manifest's line of zarf.yaml.
 */
import { describe, expect, test } from '@jest/globals';
import { findImages, isImageReference, isProvided, missingImages } from '../../src/package/components/find-images.js';
import { scanManifestImages } from '../../src/package/components/image-scan.js';

const WORKLOADS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
        - name: init
          image: busybox:1.36
      containers:
        - name: web
          image: ghcr.io/acme/web:2.1.0
        - name: sidecar
          image: "###ZARF_VAR_SIDECAR###"
      ephemeralContainers:
        - name: debug
          image: docker.io/library/alpine@sha256:${'a'.repeat(64)}
      volumes:
        - name: data
          image:
            reference: quay.io/acme/data:1
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: job
              image: registry.example.com:5000/jobs/run:v3
---
apiVersion: v1
kind: Pod
metadata:
  name: test-connection
  annotations:
    helm.sh/hook: test
spec:
  containers:
    - name: wget
      image: busybox:test-hook
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: not-a-pod
data:
  image: nginx:1.27
`;

describe('findImages', () => {
  test('containers, init, ephemeral and image volumes of pod templates, with their lines; templates and test hooks skipped', () => {
    expect(findImages(WORKLOADS)).toEqual([
      { image: 'busybox:1.36', line: 10 },
      { image: 'ghcr.io/acme/web:2.1.0', line: 13 },
      { image: `docker.io/library/alpine@sha256:${'a'.repeat(64)}`, line: 18 },
      { image: 'quay.io/acme/data:1', line: 22 },
      { image: 'registry.example.com:5000/jobs/run:v3', line: 35 },
      // A ConfigMap is no workload: its `image:` field counts as Zarf's regex counts a custom resource's.
      { image: 'nginx:1.27', line: 53 }
    ]);
  });

  test('every workload kind; a custom resource\u2019s image fields only when plain [dir/]name[:tag]', () => {
    const kinds = ['StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job'];
    const yaml = kinds.map((k, i) => `kind: ${k}\nspec:\n  template:\n    spec:\n      containers:\n        - image: app${i}:1\n`).join('---\n');
    expect(findImages(Buffer.from(yaml)).map((f) => f.image)).toEqual(['app0:1', 'app1:1', 'app2:1', 'app3:1', 'app4:1']);
    const custom = `kind: Grafana\nspec:\n  image: grafana/grafana:11.0.0\n  deep:\n    - image: ghcr.io/a/b:1\n    - image: plain\n`;
    // Zarf's regex for unknown kinds takes at most one "/" (a registry host with a path is not matched).
    expect(findImages(custom)).toEqual([
      { image: 'grafana/grafana:11.0.0', line: 3 },
      { image: 'plain', line: 6 }
    ]);
  });

  test('a Flux OCIRepository: url with its tag or digest; a semver one names no image', () => {
    const repo = (ref: string): string => `kind: OCIRepository\nspec:\n  url: oci://ghcr.io/acme/manifests\n  ref:\n    ${ref}\n`;
    expect(findImages(repo('tag: 1.2.3'))).toEqual([{ image: 'ghcr.io/acme/manifests:1.2.3', line: 3 }]);
    expect(findImages(repo(`digest: sha256:${'b'.repeat(64)}`))[0]?.image).toBe(`ghcr.io/acme/manifests@sha256:${'b'.repeat(64)}`);
    expect(findImages(repo('semver: ">=1.0.0"'))).toEqual([]);
  });

  test('a document that is not YAML is skipped, the others are read', () => {
    expect(findImages('kind: Pod\nspec: {{ .Values }}\n---\nkind: Pod\nspec:\n  containers:\n    - image: ok:1\n')).toEqual([{ image: 'ok:1', line: 7 }]);
  });

  test('references Zarf\u2019s ReferenceRegexp refuses are not images', () => {
    expect(isImageReference('nginx')).toBe(true);
    expect(isImageReference('localhost:5000/a/b:c')).toBe(true);
    expect(isImageReference('Nginx:1')).toBe(false);
    expect(isImageReference('')).toBe(false);
    expect(isImageReference('###ZARF_REGISTRY###/a:1')).toBe(false);
  });
});

describe('what the package carries', () => {
  test('the same image in any spelling, by tag or by digest', () => {
    const provided = ['nginx:1.27', `ghcr.io/acme/web:2.1.0@sha256:${'c'.repeat(64)}`];
    expect(isProvided('docker.io/library/nginx:1.27', provided)).toBe(true);
    expect(isProvided('nginx:1.28', provided)).toBe(false);
    expect(isProvided('ghcr.io/acme/web:2.1.0', provided)).toBe(true);
    expect(isProvided(`ghcr.io/acme/web@sha256:${'c'.repeat(64)}`, provided)).toBe(true);
    expect(isProvided(`ghcr.io/acme/web@sha256:${'d'.repeat(64)}`, provided)).toBe(false);
    expect(missingImages([{ image: 'nginx', line: 1 }, { image: 'nginx:1.27', line: 2 }], provided)).toEqual([{ image: 'nginx', line: 1 }]);
  });

  test('scanManifestImages: a warning per missing image at the manifest\u2019s line of zarf.yaml; archives and other components provide', async () => {
    const positions: string[] = [];
    const r = await scanManifestImages({
      components: [
        { index: 0, component: { name: 'a', images: ['busybox:1.36'], charts: [{}], manifests: [{ name: 'web', files: ['x.yaml', 'web.yaml'] }] } },
        { index: 2, component: { name: 'b', imageArchives: [{ images: ['ghcr.io/acme/web:2.1.0'] }] } }
      ],
      entries: { a: [{ path: 'manifests/web-1.yaml', type: 'file', content: Buffer.from(WORKLOADS) }] },
      sources: { a: [{ path: 'manifests/web-1.yaml', source: 'k8s/web.yaml' }] },
      positionOf: (p) => {
        positions.push(p.join('.'));
        return { file: 'zarf.yaml', line: 40, col: 11 };
      },
      alsoProvided: ['quay.io/acme/data:1']
    });
    expect(positions).toEqual(['components.0.manifests.0.files.1']);
    expect(r.warnings.map((w) => w.message.split(',')[0])).toEqual([
      `k8s/web.yaml:18 runs image docker.io/library/alpine@sha256:${'a'.repeat(64)}`,
      'k8s/web.yaml:35 runs image registry.example.com:5000/jobs/run:v3',
      'k8s/web.yaml:53 runs image nginx:1.27'
    ]);
    expect(r.warnings[0]?.message).toMatch(/add it to the images of component "a"/);
    expect(r).toMatchObject({ manifests: 1, found: 6, missing: 3, charts: 1 });
  });
});
