import { describe, expect, test } from '@jest/globals';
import { migrate } from '../../src/definition/migrate.js';
import { positionAt } from '../../src/definition/origin.js';
import { positioned } from './yaml-fixture.js';

const HEAD = ['kind: ZarfPackageConfig', 'metadata:', '  name: demo', 'components:'];

const lineAt = (doc: object, path: Array<string | number>): number => positionAt(doc, path).line;

describe('scripts -> actions', () => {
  const doc = () =>
    positioned([
      ...HEAD, //                     1-4
      '  - name: app', //              5
      '    actions:', //               6
      '      onDeploy:', //            7
      '        defaults:', //          8
      '          dir: sub', //         9
      '        before:', //            10
      '          - cmd: echo first', // 11
      '    scripts:', //               12
      '      timeoutSeconds: 60', //   13
      '      retry: true', //          14
      '      prepare:', //             15
      '        - make image', //       16
      '      before: [echo a]', //     17
      '      after:', //               18
      '        - echo b' //            19
    ]);

  test('prepare goes to onCreate.before, before/after to onDeploy, after what is there; defaults replaced', () => {
    const d = doc();
    const result = migrate(d);
    expect(result.migrations).toEqual(['scripts-to-actions', 'pluralize-set-variable']);
    const c = (d['components'] as Array<Record<string, unknown>>)[0];
    expect(c?.['actions']).toEqual({
      onDeploy: {
        defaults: { mute: true, maxTotalSeconds: 60, maxRetries: 10000 },
        before: [{ cmd: 'echo first' }, { cmd: 'echo a' }],
        after: [{ cmd: 'echo b' }]
      },
      onCreate: {
        defaults: { mute: true, maxTotalSeconds: 60, maxRetries: 10000 },
        before: [{ cmd: 'make image' }]
      }
    });
    // The deprecated field stays, as Zarf writes both.
    expect(c?.['scripts']).toBeDefined();
    expect(result.warnings).toEqual([
      { message: "Component 'app' is using scripts which will be removed in the next schema version. Please migrate to actions.", position: { file: 'zarf.yaml', line: 12, col: 5 } }
    ]);
  });

  test('migrated actions point at the script lines they came from', () => {
    const d = doc();
    migrate(d);
    const base = ['components', 0, 'actions'];
    expect(lineAt(d, [...base, 'onCreate', 'before', 0, 'cmd'])).toBe(16);
    expect(lineAt(d, [...base, 'onCreate', 'before', 0])).toBe(16);
    expect(lineAt(d, [...base, 'onCreate', 'before'])).toBe(15);
    expect(lineAt(d, [...base, 'onCreate'])).toBe(15);
    expect(lineAt(d, [...base, 'onDeploy', 'before', 0, 'cmd'])).toBe(11);
    expect(lineAt(d, [...base, 'onDeploy', 'before', 1, 'cmd'])).toBe(17);
    expect(lineAt(d, [...base, 'onDeploy', 'after', 0])).toBe(19);
    expect(lineAt(d, [...base, 'onDeploy', 'defaults', 'maxTotalSeconds'])).toBe(13);
    expect(lineAt(d, [...base, 'onDeploy', 'defaults', 'maxRetries'])).toBe(14);
  });

  test('showOutput: true and no timeout or retry: the defaults are dropped (Zarf writes none)', () => {
    const d = positioned([...HEAD, '  - name: app', '    actions:', '      onCreate:', '        defaults:', '          mute: false', '          dir: x', '    scripts:', '      showOutput: true', '      prepare: [make]']);
    migrate(d);
    expect((d['components'] as Array<Record<string, unknown>>)[0]?.['actions']).toEqual({ onCreate: { before: [{ cmd: 'make' }] } });
  });

  test('a component whose actions were created by the migration gets them at the scripts line', () => {
    const d = positioned([...HEAD, '  - name: app', '    scripts:', '      after: [echo b]']);
    migrate(d);
    expect(lineAt(d, ['components', 0, 'actions'])).toBe(6);
    expect(lineAt(d, ['components', 0, 'actions', 'onDeploy', 'defaults', 'mute'])).toBe(6);
  });

  test('scripts without commands: nothing migrated, no warning', () => {
    const d = positioned([...HEAD, '  - name: app', '    scripts:', '      showOutput: true']);
    expect(migrate(d).warnings).toEqual([]);
    expect((d['components'] as Array<Record<string, unknown>>)[0]?.['actions']).toBeUndefined();
  });

  test('build.migrations lists scripts-to-actions (a skeleton): scripts are removed, not migrated', () => {
    const d = positioned([...HEAD, '  - name: app', '    scripts:', '      prepare: [make]', 'build:', '  migrations: [scripts-to-actions]']);
    const result = migrate(d);
    const c = (d['components'] as Array<Record<string, unknown>>)[0];
    expect(c).toEqual({ name: 'app' });
    expect(result.warnings).toEqual([]);
  });
});

describe('setVariable -> setVariables', () => {
  const lines = [
    ...HEAD,
    '  - name: app', //              5
    '    actions:', //               6
    '      onDeploy:', //            7
    '        after:', //             8
    '          - cmd: echo 1', //    9
    '            setVariable: ONE', // 10
    '          - cmd: echo 2', //    11
    '            setVariable: TWO', // 12
    '            setVariables:', //  13
    '              - name: OTHER', // 14
    '      onRemove:', //            15
    '        onFailure:', //         16
    '          - cmd: echo 3', //    17
    '            setVariable: THREE' // 18
  ];

  test('setVariable without setVariables gains [{name}]; the deprecated field stays; one warning at the first', () => {
    const d = positioned(lines);
    const result = migrate(d);
    const actions = (d['components'] as Array<Record<string, Record<string, Record<string, unknown[]>>>>)[0]?.['actions'];
    expect(actions?.['onDeploy']?.['after']).toEqual([
      { cmd: 'echo 1', setVariable: 'ONE', setVariables: [{ name: 'ONE' }] },
      { cmd: 'echo 2', setVariable: 'TWO', setVariables: [{ name: 'OTHER' }] }
    ]);
    expect(actions?.['onRemove']?.['onFailure']).toEqual([{ cmd: 'echo 3', setVariable: 'THREE', setVariables: [{ name: 'THREE' }] }]);
    expect(result.warnings).toEqual([
      {
        message: "Component 'app' is using setVariable in actions which will be removed in the next schema version. Please migrate to the list form of setVariables.",
        position: { file: 'zarf.yaml', line: 10, col: 13 }
      }
    ]);
    // The new list stands where setVariable was written.
    expect(lineAt(d, ['components', 0, 'actions', 'onRemove', 'onFailure', 0, 'setVariables', 0, 'name'])).toBe(18);
    expect(lineAt(d, ['components', 0, 'actions', 'onRemove', 'onFailure', 0, 'setVariables'])).toBe(18);
  });

  test('build.migrations lists pluralize-set-variable: setVariable is removed, setVariables untouched', () => {
    const d = positioned([...lines, 'build:', '  migrations: [pluralize-set-variable]']);
    expect(migrate(d).warnings).toEqual([]);
    const actions = (d['components'] as Array<Record<string, Record<string, Record<string, unknown[]>>>>)[0]?.['actions'];
    expect(actions?.['onDeploy']?.['after']).toEqual([{ cmd: 'echo 1' }, { cmd: 'echo 2', setVariables: [{ name: 'OTHER' }] }]);
  });
});

describe('deprecated fields that only warn', () => {
  test('yolo, group and dataInjections warn at their lines and are kept', () => {
    const d = positioned([
      'kind: ZarfPackageConfig',
      'metadata:',
      '  name: demo',
      '  yolo: true', // 4
      'components:',
      '  - name: a',
      '    group: g', // 7
      '    dataInjections:', // 8
      '      - source: data',
      '        target: {namespace: n, selector: app=x, container: c, path: /d}',
      '  - name: b',
      '    group: ""',
      '    dataInjections: []'
    ]);
    const before = JSON.stringify(d);
    const { warnings } = migrate(d);
    expect(warnings.map((w) => [w.position?.line, w.message])).toEqual([
      [4, 'metadata.yolo is deprecated and will be removed in the next schema version. Use --connected when running zarf package deploy instead.'],
      [7, 'Component a is using group which has been deprecated and will be removed in the next schema version. Please migrate to another solution.'],
      [8, 'Component a is using data injections which has been deprecated and will be removed in the next schema version. Please migrate to another solution.']
    ]);
    expect(JSON.stringify(d)).toBe(before);
  });

  test('a current definition: no warnings, nothing changed', () => {
    const d = positioned([...HEAD, '  - name: a', '    actions:', '      onDeploy:', '        after:', '          - cmd: x', '            setVariables: [{name: X}]']);
    const before = JSON.stringify(d);
    expect(migrate(d)).toEqual({ migrations: ['scripts-to-actions', 'pluralize-set-variable'], warnings: [] });
    expect(JSON.stringify(d)).toBe(before);
  });
});
