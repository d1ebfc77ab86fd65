import { describe, expect, test } from '@jest/globals';
import { copyTree, take } from '../../src/definition/origin.js';
import { migrate } from '../../src/definition/migrate.js';
import { chartManifestErrors, validatePackage } from '../../src/definition/validate.js';
import { notBuiltErrors } from '../../src/definition/not-built.js';
import { positioned } from './yaml-fixture.js';

const HEAD = ['kind: ZarfPackageConfig', 'metadata:', '  name: demo', 'components:']; // lines 1-4

/** [line, message] of every error of the package written as HEAD + `lines` (line 5 on). */
function problems(lines: string[], head = HEAD): Array<[number | undefined, string]> {
  return validatePackage(positioned([...head, ...lines])).map((e) => [e.position?.line, e.message]);
}

describe('names', () => {
  test('valid package, component, variable and constant names pass', () => {
    expect(
      problems([
        '  - name: app-1',
        'variables:',
        '  - name: MY_VAR',
        'constants:',
        '  - name: C_1',
        '    value: x'
      ])
    ).toEqual([]);
  });

  test('each bad name is reported at its line', () => {
    expect(
      problems(
        [
          '  - name: App', // 5
          '    actions:',
          '      onDeploy:',
          '        after:',
          '          - cmd: x',
          '            setVariables: [{name: low}]', // 10
          'variables:',
          '  - name: my-var', // 12
          'constants:',
          '  - name: c', // 14
          '    value: x'
        ],
        ['kind: ZarfPackageConfig', 'metadata:', '  name: -demo', 'components:']
      )
    ).toEqual([
      [3, 'metadata.name "-demo" must be lowercase letters, digits and "-", starting with a letter or digit (e.g. my-app)'],
      [12, 'variables[0].name "my-var" must be uppercase letters, digits and "_" (e.g. MY_VAR)'],
      [14, 'constants[0].name "c" must be uppercase letters, digits and "_" (e.g. MY_VAR)'],
      [5, 'components[0].name "App" must be lowercase letters, digits and "-", starting with a letter or digit (e.g. my-app)'],
      [10, 'components[0].actions.onDeploy.after[0].setVariables[0].name "low" must be uppercase letters, digits and "_" (e.g. MY_VAR)']
    ]);
  });

  test('component names are unique', () => {
    expect(problems(['  - name: a', '  - name: b', '  - name: a'])).toEqual([[7, 'components[2].name "a" is already used by components[0]']]);
  });

  test('no components left after filtering', () => {
    expect(validatePackage(positioned(['kind: ZarfPackageConfig', 'metadata:', '  name: demo', 'components: []'])).map((e) => [e.position?.line, e.message, e.hint])).toEqual([
      [4, 'the package has no components for this flavor and architecture', 'check only.flavor and only.cluster.architecture of the components against the flavor and architecture of this build']
    ]);
  });
});

describe('required, default and groups', () => {
  test('required, default and a group of two with one default pass', () => {
    expect(problems(['  - name: a', '    required: true', '  - name: b', '    group: g', '    default: true', '  - name: c', '    group: g'])).toEqual([]);
  });

  test('required + default, required + group, two defaults in a group, a group of one', () => {
    expect(
      problems([
        '  - name: a', // 5
        '    required: true',
        '    default: true', // 7
        '  - name: b',
        '    required: true',
        '    group: solo', // 10
        '  - name: c',
        '    group: g',
        '    default: true',
        '  - name: d',
        '    group: g',
        '    default: true' // 16
      ])
    ).toEqual([
      [7, 'components[0] cannot be both required and default'],
      [10, 'components[1] cannot be both required and in a group'],
      [16, 'components[3] is a second default of group "g" (components[2] is the first)'],
      [10, 'components[1].group "solo" has only one component']
    ]);
  });
});

describe('actions', () => {
  test('onDeploy setVariables, waits with one target, templates outside onCreate pass', () => {
    expect(
      problems([
        '  - name: a',
        '    actions:',
        '      onDeploy:',
        '        after:',
        '          - cmd: echo x',
        '            template: true',
        '            setVariables: [{name: X}]',
        '          - wait: {cluster: {kind: pod, name: x}}',
        '      onRemove:',
        '        before:',
        '          - wait: {network: {protocol: http, address: x}}'
      ])
    ).toEqual([]);
  });

  test('setVariables outside onDeploy, template in onCreate, cmd + wait, wait with none or both', () => {
    expect(
      problems([
        '  - name: a', // 5
        '    actions:',
        '      onCreate:',
        '        onSuccess:',
        '          - cmd: echo x',
        '            setVariables: [{name: X}]', // 10
        '          - cmd: echo y',
        '            template: true', // 12
        '      onRemove:',
        '        after:',
        '          - cmd: echo z', // 15
        '            wait: {cluster: {kind: pod, name: x}}', // 16
        '          - wait: {}', // 17
        '          - wait:', // 18
        '              cluster: {kind: pod, name: x}',
        '              network: {protocol: http, address: x}',
        '          - cmd: echo w',
        '            setVariables: [{name: W}]' // 22
      ])
    ).toEqual([
      [10, 'components[0].actions.onCreate.onSuccess[0].setVariables: actions cannot set variables outside of onDeploy'],
      [12, 'components[0].actions.onCreate.onSuccess[1].template: templating is not supported in onCreate actions'],
      [16, 'components[0].actions.onRemove.after[0] cannot be both a command and a wait action'],
      [17, 'components[0].actions.onRemove.after[1].wait must have exactly one of cluster or network'],
      [18, 'components[0].actions.onRemove.after[2].wait must have exactly one of cluster or network, not both'],
      [22, 'components[0].actions.onRemove.after[3].setVariables: actions cannot set variables outside of onDeploy']
    ]);
  });

  test('setValues in onCreate (Zarf\'s v1beta1 rule: no values to set at create), fine in onDeploy', () => {
    expect(
      problems([
        '  - name: a', // 5
        '    actions:',
        '      onCreate:',
        '        before:',
        '          - cmd: echo x',
        '            setValues: [{key: .a}]', // 10
        '      onDeploy:',
        '        before:',
        '          - cmd: echo y',
        '            setValues: [{key: .b}]'
      ])
    ).toEqual([[10, 'components[0].actions.onCreate.before[0].setValues: setValues is not supported in onCreate actions']]);
  });

  test('a migrated onCreate setVariable is refused at the setVariable line', () => {
    const pkg = positioned([...HEAD, '  - name: a', '    actions:', '      onCreate:', '        onFailure:', '          - cmd: echo x', '            setVariable: X']);
    migrate(pkg);
    expect(validatePackage(pkg).map((e) => [e.position?.line, e.message])).toEqual([[10, 'components[0].actions.onCreate.onFailure[0].setVariables: actions cannot set variables outside of onDeploy']]);
  });
});

describe('YOLO', () => {
  const yoloHead = ['kind: ZarfPackageConfig', 'metadata:', '  name: demo', '  yolo: true', 'components:']; // 1-5
  test('a YOLO package of manifests and files passes', () => {
    expect(problems(['  - name: a', '    files: [{source: a, target: /a}]', '    only: {cluster: {}}'], yoloHead)).toEqual([]);
  });

  test('images, image archives, repos, cluster architecture and distros are refused', () => {
    expect(
      problems(
        [
          '  - name: a', // 6
          '    images: [nginx]', // 7
          '    imageArchives: [{path: x.tar, images: [y]}]', // 8
          '    repos: [https://example.com/r.git]', // 9
          '    only:',
          '      cluster:',
          '        architecture: amd64', // 12
          '        distros: [k3s]' // 13
        ],
        yoloHead
      )
    ).toEqual([
      [7, 'components[0].images: OCI images are not allowed in a YOLO package (metadata.yolo: true)'],
      [8, 'components[0].imageArchives: OCI images are not allowed in a YOLO package (metadata.yolo: true)'],
      [9, 'components[0].repos: git repos are not allowed in a YOLO package (metadata.yolo: true)'],
      [12, 'components[0].only.cluster.architecture is not allowed in a YOLO package (metadata.yolo: true)'],
      [13, 'components[0].only.cluster.distros is not allowed in a YOLO package (metadata.yolo: true)'],
      [9, 'components[0].repos is not supported by Lading yet (git repositories are not packaged)']
    ]);
  });

  test('without yolo, images and cluster filters are fine', () => {
    expect(problems(['  - name: a', '    images: [nginx]', '    only: {cluster: {architecture: amd64, distros: [k3s]}}'])).toEqual([]);
  });
});

describe('charts', () => {
  test('a repository chart with version and namespace, a local chart without version, releaseName, values paths pass', () => {
    expect(
      problems([
        '  - name: a',
        '    charts:',
        '      - name: podinfo',
        '        version: 6.4.0',
        '        namespace: web',
        '        url: oci://ghcr.io/stefanprodan/charts/podinfo',
        '        values:',
        '          - sourcePath: .app',
        '            targetPath: .',
        '            excludePaths: [.app.image]',
        '          - sourcePath: .',
        '            targetPath: .x',
        '            excludePaths: [.y]',
        '      - name: Local_Chart',
        '        releaseName: local-chart',
        '        namespace: web',
        '        localPath: chart'
      ])
    ).toEqual([]);
  });

  test('name too long, duplicate, version, namespace, url and localPath, release names, values paths', () => {
    const long = 'a'.repeat(41);
    expect(
      problems([
        '  - name: a', // 5
        '    charts:',
        `      - name: ${long}`, // 7
        '        namespace: n',
        '        localPath: c',
        '      - name: b', // 10
        '        url: https://charts.example.com',
        '      - name: b', // 12
        '        namespace: n',
        '        version: 1.0.0',
        '        url: https://charts.example.com',
        '        localPath: c', // 16
        '      - name: c', // 17
        '        namespace: n',
        '        releaseName: Bad_Name', // 19
        '        version: 1.0.0',
        '      - name: 1chart', // 21
        '        namespace: n',
        '        localPath: c',
        '        values:',
        '          - sourcePath: .app',
        '            targetPath: .',
        '            excludePaths: [.application.image]' // 27
      ])
    ).toEqual([
      [7, `components[0].charts[0].name is too long (41): Zarf's limit is 40`],
      [10, 'components[0].charts[1].version is required'],
      [10, 'components[0].charts[1].namespace is required'],
      [12, 'components[0].charts[2].name "b" is already used by charts[1] of this component'],
      [16, 'components[0].charts[2] has both url and localPath'],
      [17, 'components[0].charts[3] has neither url nor localPath'],
      [19, 'components[0].charts[3].releaseName "Bad_Name" is not a valid Helm release name: it must be lowercase letters, digits and "-", start with a letter and end with a letter or digit (DNS-1035)'],
      [21, 'components[0].charts[4].name "1chart" cannot be the Helm release name: it must be lowercase letters, digits and "-", start with a letter and end with a letter or digit (DNS-1035)'],
      [27, 'components[0].charts[4].values[0].excludePaths[0] ".application.image" is not under sourcePath ".app"']
    ]);
  });

  test('a release name over 63 characters', () => {
    const name = `r${'x'.repeat(63)}`;
    expect(problems(['  - name: a', '    charts:', '      - name: c', '        namespace: n', '        localPath: c', `        releaseName: ${name}`])).toEqual([
      [10, `components[0].charts[0].releaseName "${name}" is not a valid Helm release name: it must be no more than 63 characters`]
    ]);
  });

  test('every error has a hint', () => {
    const errors = validatePackage(positioned([...HEAD, '  - name: a', '    charts:', '      - name: b']));
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e.hint).toMatch(/\w/);
  });
});

describe('manifests', () => {
  test('files or kustomizations, unique names within 40 characters pass', () => {
    expect(problems(['  - name: a', '    manifests:', '      - name: web', '        files: [a.yaml]', '      - name: kust', '        kustomizations: [k]'])).toEqual([]);
  });

  test('too long, duplicate, no files', () => {
    const long = 'm'.repeat(41);
    expect(
      problems([
        '  - name: a',
        '    manifests:',
        `      - name: ${long}`, // 7
        '        files: [a.yaml]',
        '      - name: web', // 9
        '        files: []', // 10
        '      - name: web', // 11
        '        files: [b.yaml]'
      ])
    ).toEqual([
      [7, `components[0].manifests[0].name is too long (41): Zarf's limit is 40`],
      [10, 'components[0].manifests[1] has no files'],
      [11, 'components[0].manifests[2].name "web" is already used by manifests[1] of this component']
    ]);
  });

  test('chartManifestErrors holds the chart and manifest rules only', () => {
    const pkg = positioned([...HEAD, '  - name: A', '    manifests:', '      - name: web', '    charts:', '      - name: c', '        localPath: c']);
    expect(chartManifestErrors(pkg).map((e) => e.message)).toEqual(['components[0].charts[0].namespace is required', 'components[0].manifests[0] has no files']);
  });
});

describe('constants', () => {
  test('a value matching its pattern passes (Go flags, unanchored like Go)', () => {
    expect(problems(['  - name: a', 'constants:', '  - name: A', '    value: v1.2.3', '    pattern: ^v\\d+', '  - name: B', '    value: ABC', '    pattern: (?i)abc'])).toEqual([]);
  });

  test('a value not matching, a pattern that is not a regular expression', () => {
    expect(
      problems([
        '  - name: a',
        'constants:',
        '  - name: A',
        '    value: "1.2"', // 8
        '    pattern: ^v',
        '  - name: B',
        '    value: x',
        '    pattern: "([a-"' // 12
      ])
    ).toEqual([
      [8, 'constants[0].value: provided value for constant A does not match pattern ^v'],
      [12, 'constants[1].pattern "([a-" is not a valid regular expression']
    ]);
  });
});

describe('what Lading does not build yet', () => {
  test('onDeploy/onRemove actions, onCreate onSuccess/onFailure, healthChecks, variables, values, documentation are carried', () => {
    expect(
      problems([
        '  - name: a',
        '    healthChecks: [{apiVersion: v1, kind: Pod, name: x, namespace: y}]',
        '    repos: []',
        '    dataInjections: []',
        '    actions:',
        '      onCreate:',
        '        before: []',
        '        onSuccess: [{cmd: echo ok}]',
        '        onFailure: [{cmd: echo no}]',
        '      onDeploy:',
        '        before: [{cmd: echo d}]',
        '      onRemove:',
        '        after: [{cmd: echo r}]',
        'variables: [{name: V}]',
        'values: {files: [values.yaml]}',
        'documentation: {readme: README.md}'
      ])
    ).toEqual([]);
  });

  test('repos: one line at the key; dataInjections are packaged and onCreate commands run, not refused', () => {
    const errors = validatePackage(
      positioned([
        ...HEAD,
        '  - name: a', // 5
        '    repos: [https://github.com/acme/x.git]', // 6
        '    dataInjections:', // 7
        '      - source: d',
        '        target: {namespace: n, selector: a=b, container: c, path: /d}',
        '    actions:',
        '      onCreate:',
        '        before: [{cmd: make}]', // 12
        '        after:', // 13
        '          - cmd: make clean'
      ])
    );
    expect(errors.map((e) => [e.position?.line, e.position?.col, e.message, e.hint])).toEqual([
      [6, 5, 'components[0].repos is not supported by Lading yet (git repositories are not packaged)', 'remove it, or build this package with `zarf package create`']
    ]);
  });

  test('an onCreate command calling ./zarf, and an onCreate wait for a cluster: one error each at its line', () => {
    const errors = validatePackage(
      positioned([
        ...HEAD,
        '  - name: a', // 5
        '    actions:',
        '      onCreate:',
        '        before:',
        '          - cmd: make', // 9
        '          - cmd: ./zarf tools sbom scan .', // 10
        '        after:',
        '          - wait:', // 12
        '              cluster: {kind: Pod, name: x}', // 13
        '          - wait: {network: {protocol: tcp, address: "localhost:1"}}',
        '        onSuccess:',
        '          - cmd: ./zarf tools version' // carried, never run: not refused
      ])
    );
    expect(errors.map((e) => [e.position?.line, e.position?.col, e.message])).toEqual([
      [10, 18, 'components[0].actions.onCreate.before[1].cmd calls ./zarf, and Lading brings no zarf binary'],
      [13, 15, 'components[0].actions.onCreate.after[0].wait.cluster is not supported by Lading yet (Lading talks to no cluster while it builds)']
    ]);
  });

  test('a migrated scripts.prepare is run: only a ./zarf call in it is refused, at the prepare line', () => {
    const pkg = positioned([...HEAD, '  - name: a', '    scripts:', '      prepare:', '        - make', '        - ./zarf tools version']);
    migrate(pkg);
    expect(notBuiltErrors(pkg).map((e) => [e.position?.line, e.message])).toEqual([[9, 'components[0].actions.onCreate.before[1].cmd calls ./zarf, and Lading brings no zarf binary']]);
  });

  test('an init package: one error saying it is out of scope, nothing else', () => {
    const errors = validatePackage(positioned(['kind: ZarfInitConfig', 'metadata:', '  name: Init', 'components:', '  - name: a', '    repos: [x]']));
    expect(errors.map((e) => [e.position?.line, e.message, e.hint])).toEqual([
      [1, 'kind: ZarfInitConfig: init packages are out of scope for Lading', 'build init packages with `zarf package create`; Lading builds kind: ZarfPackageConfig']
    ]);
  });
});

describe('positions through composition', () => {
  test('an imported chart is reported at the line of the file that wrote it', () => {
    const imported = positioned(['kind: ZarfPackageConfig', 'metadata:', '  name: common', 'components:', '  - name: a', '    charts:', '      - name: c', '        localPath: chart'], 'common/zarf.yaml');
    const root = positioned([...HEAD, '  - name: a', '    import: {path: common}']);
    const component = (root['components'] as Array<Record<string, unknown>>)[0] as Record<string, unknown>;
    const from = (imported['components'] as Array<Record<string, unknown>>)[0] as Record<string, unknown>;
    component['charts'] = copyTree(from['charts']);
    take(component, 'charts', from, 'charts');
    expect(validatePackage(root).map((e) => [e.position, e.message])).toEqual([[{ file: 'common/zarf.yaml', line: 7, col: 9 }, 'components[0].charts[0].namespace is required']]);
  });
});
