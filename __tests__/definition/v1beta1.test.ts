/**
 * The v1alpha1 projection of a v1beta1 package (ZARF-CREATE.md §1 "Conversion"): one test per rule of
 * the conversion table, positions surviving it, and a v1beta1 package equal to its v1alpha1 twin.
 */
import { positionAt } from '../../src/definition/origin.js';
import { splitGitRef, toV1Alpha1 } from '../../src/definition/v1beta1.js';
import { V1Beta1PackageSchema, schemaIssues } from '../../src/definition/schema-v1beta1.js';
import { lineOf, parsed, type Data } from './yaml-fixture.js';

const HEAD = `
apiVersion: zarf.dev/v1beta1
kind: ZarfPackageConfig
metadata:
  name: demo
`;

/** A v1beta1 package whose components are `components` (YAML, indented under `components:`). */
function pkg(components: string, head = HEAD): string {
  return `${head.replace(/^\n/, '')}components:\n${components.replace(/^\n/, '')}`;
}

function convert(text: string): Data {
  const data = parsed(text);
  expect(schemaIssues(V1Beta1PackageSchema, data)).toEqual([]);
  return toV1Alpha1(data);
}

function component(text: string, i = 0): Data {
  return (convert(text)['components'] as Data[])[i] as Data;
}

describe('toV1Alpha1: package', () => {
  test('writes apiVersion zarf.dev/v1alpha1 and kind ZarfPackageConfig', () => {
    const out = convert(pkg('  - name: a\n'));
    expect(out['apiVersion']).toBe('zarf.dev/v1alpha1');
    expect(out['kind']).toBe('ZarfPackageConfig');
  });

  test('any component with a service makes a ZarfInitConfig, the service itself is not in v1alpha1', () => {
    const text = pkg(`
  - name: plain
  - name: zarf-registry
    service: registry
`);
    const out = convert(text);
    expect(out['kind']).toBe('ZarfInitConfig');
    expect((out['components'] as Data[])[1]).not.toHaveProperty('service');
    expect(positionAt(out, ['kind']).line).toBe(lineOf(text, 'service: registry'));
  });

  test('metadata.* annotations fill the v1alpha1 fields; other annotations stay', () => {
    const out = convert(
      pkg('  - name: a\n', `
apiVersion: zarf.dev/v1beta1
kind: ZarfPackageConfig
metadata:
  name: demo
  annotations:
    metadata.url: https://example.com
    metadata.vendor: Acme
    metadata.authors: Ann
    team: platform
`)
    );
    const meta = out['metadata'] as Data;
    expect(meta['url']).toBe('https://example.com');
    expect(meta['vendor']).toBe('Acme');
    expect(meta['authors']).toBe('Ann');
    expect(meta['annotations']).toEqual({ team: 'platform' });
  });

  test('annotations holding only metadata.* keys leave no annotations', () => {
    const meta = convert(
      pkg('  - name: a\n', `${HEAD}  annotations:\n    metadata.source: https://git.example.com/x\n`)
    )['metadata'] as Data;
    expect(meta['source']).toBe('https://git.example.com/x');
    expect(meta).not.toHaveProperty('annotations');
  });

  test('preventNamespaceOverride becomes an explicit allowNamespaceOverride (true when unset)', () => {
    expect((convert(pkg('  - name: a\n'))['metadata'] as Data)['allowNamespaceOverride']).toBe(true);
    const text = pkg('  - name: a\n', `${HEAD}  preventNamespaceOverride: true\n`);
    const out = convert(text);
    expect((out['metadata'] as Data)['allowNamespaceOverride']).toBe(false);
    expect(positionAt(out, ['metadata', 'allowNamespaceOverride']).line).toBe(lineOf(text, 'preventNamespaceOverride'));
  });

  test('values and documentation are carried', () => {
    const out = convert(`
apiVersion: zarf.dev/v1beta1
kind: ZarfPackageConfig
metadata:
  name: demo
values:
  files: [values.yaml]
  schema: values.schema.json
documentation:
  readme: README.md
components:
  - name: a
`);
    expect(out['values']).toEqual({ files: ['values.yaml'], schema: 'values.schema.json' });
    expect(out['documentation']).toEqual({ readme: 'README.md' });
  });

  test('the input is not changed', () => {
    const data = parsed(pkg('  - name: a\n    images: [{ name: nginx:1.27 }]\n'));
    const before = JSON.stringify(data);
    toV1Alpha1(data);
    expect(JSON.stringify(data)).toBe(before);
  });
});

describe('toV1Alpha1: components', () => {
  test('a component is required unless optional', () => {
    const text = pkg(`
  - name: implicit
  - name: opt
    optional: true
  - name: explicit
    optional: false
`);
    const out = convert(text);
    const [implicit, opt, explicit] = out['components'] as Data[];
    expect(implicit?.['required']).toBe(true);
    expect(opt).not.toHaveProperty('required');
    expect(opt).not.toHaveProperty('optional');
    expect(explicit?.['required']).toBe(true);
    expect(positionAt(out, ['components', 2, 'required']).line).toBe(lineOf(text, 'optional: false'));
  });

  test('selector and target become only', () => {
    const c = component(
      pkg(`
  - name: a
    target: { os: linux }
    selector: { architecture: arm64, flavor: upstream }
`)
    );
    expect(c['only']).toEqual({ localOS: 'linux', cluster: { architecture: 'arm64' }, flavor: 'upstream' });
    expect(c).not.toHaveProperty('selector');
    expect(c).not.toHaveProperty('target');
  });

  test('images keep their names; source is dropped', () => {
    const c = component(pkg('  - name: a\n    images:\n      - name: nginx:1.27\n        source: daemon\n      - name: redis:7\n'));
    expect(c['images']).toEqual(['nginx:1.27', 'redis:7']);
  });

  test('repositories become url@ref (tag, commit, refs/heads/<branch>), replacing any @ref in the url', () => {
    const c = component(
      pkg(`
  - name: a
    repositories:
      - url: https://github.com/acme/all.git
      - url: https://github.com/acme/tag.git
        ref: { tag: v1.0.0 }
      - url: https://github.com/acme/branch.git
        ref: { branch: main }
      - url: https://github.com/acme/commit.git
        ref: { commit: 0123456789abcdef0123456789abcdef01234567 }
      - url: https://github.com/acme/old.git@v0.1.0
        ref: { tag: v2.0.0 }
`)
    );
    expect(c['repos']).toEqual([
      'https://github.com/acme/all.git',
      'https://github.com/acme/tag.git@v1.0.0',
      'https://github.com/acme/branch.git@refs/heads/main',
      'https://github.com/acme/commit.git@0123456789abcdef0123456789abcdef01234567',
      'https://github.com/acme/old.git@v2.0.0'
    ]);
  });

  test('files: checksum -> shasum, destination -> target, enableTemplating -> template', () => {
    const c = component(
      pkg(`
  - name: a
    files:
      - source: bin/tool
        checksum: sha256:abc
        destination: /usr/local/bin/tool
        executable: true
        symlinks: [/usr/bin/tool]
        enableTemplating: true
      - source: conf.txt
        destination: /etc/conf.txt
        enableTemplating: false
`)
    );
    expect(c['files']).toEqual([
      { source: 'bin/tool', shasum: 'sha256:abc', target: '/usr/local/bin/tool', executable: true, symlinks: ['/usr/bin/tool'], template: true },
      { source: 'conf.txt', target: '/etc/conf.txt' }
    ]);
  });

  test('manifests: kustomize -> kustomizations and flags, skipWait -> noWait, enableTemplating -> template', () => {
    const c = component(
      pkg(`
  - name: a
    manifests:
      - name: app
        namespace: app
        files: [deploy.yaml]
        kustomize:
          files: [overlays/prod]
          allowAnyDirectory: true
          enablePlugins: true
        skipWait: true
        serverSideApply: "true"
        enableTemplating: true
`)
    );
    expect(c['manifests']).toEqual([
      {
        name: 'app',
        namespace: 'app',
        files: ['deploy.yaml'],
        kustomizeAllowAnyDirectory: true,
        kustomizations: ['overlays/prod'],
        enableKustomizePlugins: true,
        noWait: true,
        serverSideApply: 'true',
        template: true
      }
    ]);
  });

  test('import.local[0].path and import.remote[0].url become import.path and import.url', () => {
    const c = component(pkg('  - name: a\n    import:\n      local:\n        - path: common/a.yaml\n'));
    expect(c['import']).toEqual({ path: 'common/a.yaml' });
  });
});

describe('toV1Alpha1: charts', () => {
  const charts = (text: string): Data[] => component(text)['charts'] as Data[];

  test('helmRepository -> url, version, repoName', () => {
    expect(
      charts(pkg('  - name: a\n    charts:\n      - name: podinfo\n        helmRepository: { url: https://charts.example.com, name: podinfo-chart, version: 6.4.0 }\n'))
    ).toEqual([{ name: 'podinfo', url: 'https://charts.example.com', repoName: 'podinfo-chart', version: '6.4.0' }]);
  });

  test('oci with a tag -> url + version; with a digest -> url@digest', () => {
    const out = charts(
      pkg(`
  - name: a
    charts:
      - name: tagged
        oci: { url: oci://ghcr.io/acme/charts/app, ref: { tag: 1.2.3 } }
      - name: pinned
        oci: { url: oci://ghcr.io/acme/charts/app/, ref: { digest: "sha256:aaaa" } }
`)
    );
    expect(out).toEqual([
      { name: 'tagged', url: 'oci://ghcr.io/acme/charts/app', version: '1.2.3' },
      { name: 'pinned', url: 'oci://ghcr.io/acme/charts/app@sha256:aaaa' }
    ]);
  });

  test('git: a tag or commit is the version, a branch stays in the url as refs/heads/<b>; path -> gitPath', () => {
    const out = charts(
      pkg(`
  - name: a
    charts:
      - name: by-tag
        git: { url: https://github.com/acme/charts.git, path: charts/app, ref: { tag: v1.0.0 } }
      - name: by-branch
        git: { url: https://github.com/acme/charts.git, ref: { branch: main } }
      - name: by-commit
        git: { url: https://github.com/acme/charts.git, ref: { commit: 0123456789abcdef0123456789abcdef01234567 } }
`)
    );
    expect(out).toEqual([
      { name: 'by-tag', url: 'https://github.com/acme/charts.git', version: 'v1.0.0', gitPath: 'charts/app' },
      { name: 'by-branch', url: 'https://github.com/acme/charts.git@refs/heads/main' },
      { name: 'by-commit', url: 'https://github.com/acme/charts.git', version: '0123456789abcdef0123456789abcdef01234567' }
    ]);
  });

  test('local -> localPath', () => {
    expect(charts(pkg('  - name: a\n    charts:\n      - name: app\n        local: { path: ./chart }\n'))).toEqual([{ name: 'app', localPath: './chart' }]);
  });

  test('valuesFiles: plain ones stay, templated ones move to templatedValuesFiles, plain first', () => {
    const [c] = charts(
      pkg(`
  - name: a
    charts:
      - name: app
        local: { path: chart }
        valuesFiles:
          - path: t1.yaml
            enableTemplating: true
          - path: p1.yaml
          - path: t2.yaml
            enableTemplating: true
          - path: p2.yaml
            enableTemplating: false
`)
    );
    expect(c?.['valuesFiles']).toEqual(['p1.yaml', 'p2.yaml']);
    expect(c?.['templatedValuesFiles']).toEqual(['t1.yaml', 't2.yaml']);
  });

  test('skipSchemaValidation -> schemaValidation: false; skipWait -> noWait; values, namespace, releaseName carried', () => {
    const [c] = charts(
      pkg(`
  - name: a
    charts:
      - name: app
        local: { path: chart }
        namespace: app
        releaseName: app-release
        skipWait: true
        skipSchemaValidation: true
        serverSideApply: auto
        values:
          - sourcePath: .app
            targetPath: .config
            excludePaths: [.app.secret]
`)
    );
    expect(c).toEqual({
      name: 'app',
      localPath: 'chart',
      namespace: 'app',
      releaseName: 'app-release',
      noWait: true,
      values: [{ sourcePath: '.app', targetPath: '.config', excludePaths: ['.app.secret'] }],
      schemaValidation: false,
      serverSideApply: 'auto'
    });
  });
});

describe('toV1Alpha1: actions', () => {
  test('silent -> mute, retries -> maxRetries, enableTemplating -> template; defaults too', () => {
    const c = component(
      pkg(`
  - name: a
    actions:
      onDeploy:
        defaults:
          silent: true
          retries: 2
          maxTotalSeconds: 60
          dir: scripts
          shell: { linux: bash }
        before:
          - cmd: ./pre.sh
            silent: false
            retries: 3
            enableTemplating: true
        onSuccess:
          - wait:
              cluster: { kind: Deployment, name: app, namespace: app }
          - cmd: echo done
            setValues:
              - key: .app.done
                type: string
      onRemove:
        defaults: { silent: false }
`)
    );
    expect(c['actions']).toEqual({
      onDeploy: {
        defaults: { mute: true, maxTotalSeconds: 60, maxRetries: 2, dir: 'scripts', shell: { linux: 'bash' } },
        before: [{ mute: false, maxRetries: 3, cmd: './pre.sh', template: true }],
        onSuccess: [{ wait: { cluster: { kind: 'Deployment', name: 'app', namespace: 'app' } } }, { cmd: 'echo done', setValues: [{ key: '.app.done', type: 'string' }] }]
      }
    });
  });
});

describe('toV1Alpha1: positions', () => {
  const text = pkg(`
  - name: web
    optional: false
    images:
      - name: nginx:1.27
    charts:
      - name: podinfo
        helmRepository:
          url: https://charts.example.com
          version: 6.4.0
        valuesFiles:
          - path: templated.yaml
            enableTemplating: true
          - path: plain.yaml
      - name: pinned
        oci:
          url: oci://ghcr.io/acme/app
          ref:
            digest: sha256:bbbb
    files:
      - source: a.txt
        destination: /etc/a.txt
        checksum: sha256:cccc
    actions:
      onDeploy:
        before:
          - cmd: echo hi
            retries: 1
`);

  test('every converted value points at the v1beta1 line that wrote it', () => {
    const out = convert(text);
    const at = (path: Array<string | number>): number => positionAt(out, path).line;
    expect(at(['components', 0, 'name'])).toBe(lineOf(text, 'name: web'));
    expect(at(['components', 0, 'images', 0])).toBe(lineOf(text, 'nginx:1.27'));
    expect(at(['components', 0, 'charts', 0, 'url'])).toBe(lineOf(text, 'url: https://charts.example.com'));
    expect(at(['components', 0, 'charts', 0, 'version'])).toBe(lineOf(text, 'version: 6.4.0'));
    expect(at(['components', 0, 'charts', 0, 'valuesFiles', 0])).toBe(lineOf(text, 'plain.yaml'));
    expect(at(['components', 0, 'charts', 0, 'templatedValuesFiles', 0])).toBe(lineOf(text, 'templated.yaml'));
    expect(at(['components', 0, 'charts', 1, 'url'])).toBe(lineOf(text, 'url: oci://ghcr.io/acme/app'));
    expect(at(['components', 0, 'charts', 1])).toBe(lineOf(text, 'name: pinned'));
    expect(at(['components', 0, 'files', 0, 'target'])).toBe(lineOf(text, 'destination: /etc/a.txt'));
    expect(at(['components', 0, 'files', 0, 'shasum'])).toBe(lineOf(text, 'checksum: sha256:cccc'));
    expect(at(['components', 0, 'actions', 'onDeploy', 'before', 0, 'maxRetries'])).toBe(lineOf(text, 'retries: 1'));
    expect(positionAt(out, ['components', 0, 'charts', 0, 'url']).file).toBe('zarf.yaml');
  });
});

describe('toV1Alpha1: the same package in both apiVersions', () => {
  const beta = `
apiVersion: zarf.dev/v1beta1
kind: ZarfPackageConfig
metadata:
  name: shop
  version: 1.0.0
  description: A shop
  annotations:
    metadata.vendor: Acme
    tier: gold
values:
  files: [values/common.yaml]
components:
  - name: frontend
    description: The web front end
    selector:
      architecture: amd64
      flavor: upstream
    images:
      - name: ghcr.io/acme/frontend:1.0.0
    charts:
      - name: frontend
        namespace: shop
        oci:
          url: oci://ghcr.io/acme/charts/frontend
          ref: { tag: 1.0.0 }
        valuesFiles:
          - path: values/frontend.yaml
          - path: values/frontend-tmpl.yaml
            enableTemplating: true
    manifests:
      - name: config
        namespace: shop
        files: [manifests/config.yaml]
        kustomize:
          files: [kustomize/base]
    files:
      - source: motd.txt
        destination: /etc/motd
    repositories:
      - url: https://github.com/acme/shop-config.git
        ref: { branch: main }
    actions:
      onDeploy:
        onSuccess:
          - cmd: echo deployed
            silent: true
  - name: extras
    optional: true
    target: { os: linux }
    images:
      - name: ghcr.io/acme/extras:1.0.0
`;

  const alpha = `
apiVersion: zarf.dev/v1alpha1
kind: ZarfPackageConfig
metadata:
  name: shop
  version: 1.0.0
  description: A shop
  vendor: Acme
  annotations:
    tier: gold
  allowNamespaceOverride: true
values:
  files: [values/common.yaml]
components:
  - name: frontend
    description: The web front end
    required: true
    only:
      cluster:
        architecture: amd64
      flavor: upstream
    images:
      - ghcr.io/acme/frontend:1.0.0
    charts:
      - name: frontend
        namespace: shop
        url: oci://ghcr.io/acme/charts/frontend
        version: 1.0.0
        valuesFiles: [values/frontend.yaml]
        templatedValuesFiles: [values/frontend-tmpl.yaml]
    manifests:
      - name: config
        namespace: shop
        files: [manifests/config.yaml]
        kustomizations: [kustomize/base]
    files:
      - source: motd.txt
        target: /etc/motd
    repos:
      - https://github.com/acme/shop-config.git@refs/heads/main
    actions:
      onDeploy:
        onSuccess:
          - cmd: echo deployed
            mute: true
  - name: extras
    only:
      localOS: linux
    images:
      - ghcr.io/acme/extras:1.0.0
`;

  test('toV1Alpha1(v1beta1) equals the v1alpha1 definition of the same package', () => {
    expect(convert(beta)).toEqual(parsed(alpha));
  });
});

describe('splitGitRef', () => {
  test.each([
    ['https://github.com/acme/repo.git', 'https://github.com/acme/repo.git', ''],
    ['https://github.com/acme/repo.git@v1.2.3', 'https://github.com/acme/repo.git', 'v1.2.3'],
    ['https://github.com/acme/repo@refs/heads/dev', 'https://github.com/acme/repo', 'refs/heads/dev'],
    ['not a url', 'not a url', '']
  ])('%s', (input, url, ref) => {
    expect(splitGitRef(input)).toEqual({ url, ref });
  });
});
