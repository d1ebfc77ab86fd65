/**
 * onCreate actions, run by the action as the runner runs it: components one after another (each
 * one's `before` actions, its content, its `after` actions), an imported component's actions in the
 * folder of the zarf.yaml that wrote them, images after every component (an image archive written by
 * the last action is read), `env` (defaults then the action's), content an action wrote found after
 * it ran, retries, a timeout that stops a hanging command and its children, a failing action (one
 * error at its line with its exit code and last output, nothing written), cancellation (SIGTERM
 * stops the running command too), `./zarf` and Zarf's validation errors refused before anything
 * runs, each action's output in its own ::group:: of the log, and the actions in the job summary.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { cleanupFixtures, exec, generateImages, makeTempDir, runAction, writeOciLayout, type ActionRun } from './setup/index.js';
import { buildInputs, errorsOf, lineOf, listFiles, oneCleanError, unpack, workspaceWith } from './helpers.js';
import { alive } from '../helpers/processes.js';

/** An OCI archive (tar of an OCI layout) holding one amd64 image named APP. */
let fixtureArchive: string;
const APP = 'localhost:5999/lading/app:1.0';

beforeAll(async () => {
  const images = await generateImages({ only: ['single'] });
  const layout = makeTempDir('actions-layout');
  writeOciLayout(layout, images);
  const index = JSON.parse(fs.readFileSync(path.join(layout, 'index.json'), 'utf8')) as { manifests: Array<{ annotations: Record<string, string> }> };
  for (const m of index.manifests) m.annotations = { 'org.opencontainers.image.ref.name': APP };
  fs.writeFileSync(path.join(layout, 'index.json'), JSON.stringify(index));
  fixtureArchive = path.join(makeTempDir('actions-archive'), 'app.tar');
  const r = await exec('tar', ['-cf', fixtureArchive, '-C', layout, '.']);
  expect(r.code).toBe(0);
}, 60_000);
afterAll(async () => {
  await cleanupFixtures();
});

const run = (ws: string, opts: Partial<Parameters<typeof runAction>[0]> = {}): Promise<ActionRun> =>
  runAction({ workspace: ws, inputs: buildInputs([]), env: { SOURCE_DATE_EPOCH: '1700000000' }, ...opts });

/** A zarf.yaml of one required component `app` in a package `name`: `fields` are the component's, indented under it. */
const oneApp = (name: string, fields: string): string => `kind: ZarfPackageConfig
metadata:
  name: ${name}
  version: 1.0.0
components:
  - name: app
    required: true
${fields}`;

const ROOT = (): string => `kind: ZarfPackageConfig
metadata:
  name: made-by-actions
  version: 1.0.0
components:
  - name: first
    required: true
    imageArchives:
      - path: build/app.tar
        images:
          - ${APP}
    files:
      - source: build/first.txt
        target: /opt/first.txt
    charts:
      - name: demo
        namespace: demo
        version: 0.1.0
        localPath: build/chart
    actions:
      onCreate:
        defaults:
          env:
            - GREETING=hello
            - WHO=world
        before:
          - description: Make first
            cmd: mkdir -p build && echo "$GREETING $WHO" > build/first.txt && echo first-before >> order.log
            env:
              - WHO=lading
          - description: Make a chart
            cmd: |
              mkdir -p build/chart
              printf 'apiVersion: v2\\nname: demo\\nversion: 0.1.0\\n' > build/chart/Chart.yaml
        after:
          - cmd: rm build/first.txt && echo first-after >> order.log
  - name: shared
    required: true
    import:
      path: common
    actions:
      onCreate:
        before:
          - cmd: echo shared-root-before >> order.log
  - name: last
    required: true
    actions:
      onCreate:
        before:
          - cmd: echo last-before >> order.log && test -z "$INPUT_DEFINITION"
        after:
          - description: Write the image archive
            cmd: cp "$FIXTURE" build/app.tar && echo last-after >> order.log
            env:
              - FIXTURE=${fixtureArchive}
        onSuccess:
          - cmd: touch success-ran
        onFailure:
          - cmd: touch failure-ran
`;

const COMMON = `kind: ZarfPackageConfig
metadata:
  name: common
components:
  - name: shared
    files:
      - source: gen/where.txt
        target: /opt/where.txt
    actions:
      onCreate:
        defaults:
          dir: gen
        before:
          - description: Where am I
            cmd: pwd > where.txt && echo shared-before >> "$GITHUB_WORKSPACE/order.log"
        after:
          - cmd: echo shared-after >> order.log
            dir: .
`;

describe('onCreate actions', () => {
  test('run component by component around the content, imported ones in their folder, images after every component', async () => {
    const ws = workspaceWith(ROOT(), { 'common/zarf.yaml': COMMON, 'common/gen/.keep': '' });
    const r = await run(ws);
    expect(errorsOf(r)).toEqual([]);
    expect(r.code).toBe(0);

    // Order: first's before, (its content), its after; the imported component's action, then the
    // importer's; the last component's; the image archive, written by the very last action, was read.
    expect(fs.readFileSync(path.join(ws, 'order.log'), 'utf8').split('\n').filter(Boolean)).toEqual([
      'first-before',
      'first-after',
      'shared-before',
      'shared-root-before',
      'last-before',
      'last-after'
    ]);
    expect(fs.readFileSync(path.join(ws, 'common', 'order.log'), 'utf8')).toBe('shared-after\n');
    expect(fs.readFileSync(path.join(ws, 'common', 'gen', 'where.txt'), 'utf8').trim()).toBe(fs.realpathSync(path.join(ws, 'common', 'gen')));

    const dir = await unpack(r.outputs.package as string);
    const first = await unpack(path.join(dir, 'components', 'first.tar'));
    // Written by the before action with the defaults' env and the action's (later wins); removed by
    // the after action, yet packaged as it was when the content was collected.
    expect(fs.readFileSync(path.join(first, 'first', 'files', '0', 'first.txt'), 'utf8')).toBe('hello lading\n');
    // A chart folder made by an action, packaged after it ran.
    expect(listFiles(path.join(first, 'first', 'charts'))).toEqual(['demo-0.1.0.tgz']);
    // onSuccess and onFailure are carried, never run at create.
    expect(fs.existsSync(path.join(ws, 'success-ran')) || fs.existsSync(path.join(ws, 'failure-ran'))).toBe(false);
    const shared = await unpack(path.join(dir, 'components', 'shared.tar'));
    expect(fs.readFileSync(path.join(shared, 'shared', 'files', '0', 'where.txt'), 'utf8').trim()).toBe(fs.realpathSync(path.join(ws, 'common', 'gen')));
    const images = JSON.parse(r.outputs.images as string) as Array<{ reference: string }>;
    expect(images.map((i) => i.reference)).toEqual([APP]);

    // The built zarf.yaml keeps the actions, the imported one's dir rebased as Zarf writes it.
    const built = YAML.parse(fs.readFileSync(path.join(dir, 'zarf.yaml'), 'utf8')) as { components: Array<{ name: string; actions: { onCreate: { before: Array<{ dir?: string; cmd: string }> } } }> };
    const sharedBuilt = built.components.find((c) => c.name === 'shared');
    expect(sharedBuilt?.actions.onCreate.before.map((a) => a.dir)).toEqual(['common/gen', undefined]);

    // Each action's output in a group of its own, titled by its description or its command.
    const groups = r.stdout.split('\n').filter((l) => l.startsWith('::group::'));
    expect(groups).toEqual([
      '::group::Make first',
      '::group::Make a chart',
      '::group::rm build/first.txt && echo first-after >> order.log',
      '::group::Where am I',
      '::group::echo shared-root-before >> order.log',
      '::group::echo shared-after >> order.log',
      '::group::echo last-before >> order.log && test -z "$INPUT_DEFINITION"',
      '::group::Write the image archive'
    ]);
    expect(r.stdout.split('\n').filter((l) => l === '::endgroup::')).toHaveLength(8);

    // The job summary lists them per component.
    expect(r.summary).toContain('#### onCreate actions');
    expect(r.summary).toMatch(/\| `first` \| before \| Make first \| \d/);
    expect(r.summary).toMatch(/\| `last` \| after \| Write the image archive \| \d/);
  });

  test('maxRetries: a command that fails the first time succeeds the second', async () => {
    const ws = workspaceWith(oneApp('retried', `    files:
      - source: made.txt
        target: /opt/made.txt
    actions:
      onCreate:
        before:
          - description: Flaky
            maxRetries: 1
            cmd: if [ -e tried ]; then echo made > made.txt; else touch tried; echo first attempt fails; exit 1; fi
`));
    const r = await run(ws);
    expect(errorsOf(r)).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('first attempt fails');
    expect(r.summary).toMatch(/\| `app` \| before \| Flaky \| .* \(2 attempts\) \|/);
  });

  test('a failing action: one error at its line with its exit code and last output; nothing after it runs, nothing written', async () => {
    const yaml = oneApp('fails', `    files:
      - source: never-made.txt
        target: /opt/x
    actions:
      onCreate:
        before:
          - cmd: 'echo compiling; echo "error: foo.h not found" >&2; exit 1'
          - cmd: touch second-ran
`);
    const ws = workspaceWith(yaml);
    const r = await run(ws);
    const e = oneCleanError(r, ws);
    expect(e.file).toBe('zarf.yaml');
    expect(e.line).toBe(lineOf(yaml, '- cmd: \'echo compiling'));
    expect(e.message).toContain('components[0].actions.onCreate.before[0]: unable to run component before action: command "echo compiling; echo \\"error: foo.h not found\\" >&2; exit 1" failed after 0 retries (exit code 1)');
    expect(e.message).toContain('last output: compiling | error: foo.h not found');
    expect(fs.existsSync(path.join(ws, 'second-ran'))).toBe(false);
    expect(r.summary).toContain('error: foo.h not found');
  });

  test('maxTotalSeconds: a hanging command is stopped with its children, one error at its line', async () => {
    const yaml = oneApp('hangs', `    actions:
      onCreate:
        after:
          - description: Hang
            maxTotalSeconds: 2
            maxRetries: 3
            cmd: sleep 300 & echo $! >> child.pid; wait
`);
    const ws = workspaceWith(yaml);
    const r = await run(ws, { timeoutMs: 60_000 });
    const e = oneCleanError(r, ws);
    expect(e.line).toBe(lineOf(yaml, '- description: Hang'));
    expect(e.message).toMatch(/^components\[0\]\.actions\.onCreate\.after\[0\]: unable to run component after action: command "Hang" timed out after 2 seconds — the command and what it started were stopped/);
    const pids = fs.readFileSync(path.join(ws, 'child.pid'), 'utf8').split('\n').filter(Boolean).map(Number);
    expect(pids).toHaveLength(1);
    expect(alive(pids[0] as number)).toBe(false);
  });

  test('cancelled while an action runs: the command and its children are stopped, nothing is left', async () => {
    const ws = workspaceWith(oneApp('cancelled', `    actions:
      onCreate:
        before:
          - cmd: sleep 300 & echo $! > child.pid; wait
`));
    let sent = false;
    const r = await run(ws, {
      timeoutMs: 60_000,
      onSpawn: (child) => {
        const timer = setInterval(() => {
          const f = path.join(ws, 'child.pid');
          if (!fs.existsSync(f) || fs.readFileSync(f, 'utf8').trim() === '') return;
          clearInterval(timer);
          sent = true;
          child.kill('SIGTERM');
        }, 50);
        child.once('exit', () => clearInterval(timer));
      }
    });
    expect(sent).toBe(true);
    expect(r.timedOut).toBe(false);
    expect(r.signal).toBeUndefined();
    const e = oneCleanError(r, ws);
    expect(e.message).toMatch(/cancelled/);
    expect(alive(Number(fs.readFileSync(path.join(ws, 'child.pid'), 'utf8')))).toBe(false);
  });

  test('./zarf and Zarf\'s validation errors: refused at their lines before any action runs', async () => {
    const yaml = oneApp('refused', `    actions:
      onCreate:
        before:
          - cmd: touch ran
          - cmd: ./zarf tools sbom scan .
          - cmd: echo x
            setVariables:
              - name: X
          - cmd: echo y
            template: true
          - cmd: echo z
            wait:
              network: {protocol: tcp, address: "localhost:1"}
`);
    const ws = workspaceWith(yaml);
    const r = await run(ws);
    expect(r.code).toBe(1);
    const errors = errorsOf(r).map((e) => [e.line, e.message.replace(/ — .*$/, '')]);
    expect(errors).toEqual([
      [lineOf(yaml, './zarf'), 'components[0].actions.onCreate.before[1].cmd calls ./zarf, and Lading brings no zarf binary'],
      [lineOf(yaml, 'setVariables:'), 'components[0].actions.onCreate.before[2].setVariables: actions cannot set variables outside of onDeploy'],
      [lineOf(yaml, 'template: true'), 'components[0].actions.onCreate.before[3].template: templating is not supported in onCreate actions'],
      [lineOf(yaml, 'wait:'), 'components[0].actions.onCreate.before[4] cannot be both a command and a wait action']
    ]);
    expect(fs.existsSync(path.join(ws, 'ran'))).toBe(false);
  });

  test('content an action should have made but did not: one error at its line, after the actions ran', async () => {
    const yaml = oneApp('missing', `    files:
      - source: build/tool
        target: /usr/local/bin/tool
    actions:
      onCreate:
        before:
          - cmd: mkdir -p build && touch build/other
`);
    const ws = workspaceWith(yaml);
    const r = await run(ws);
    const e = oneCleanError(r, ws);
    expect(e.line).toBe(lineOf(yaml, 'source: build/tool'));
    expect(e.message).toBe('components[0].files[0].source "build/tool" does not exist — looked for build/tool; give the path relative to the folder of zarf.yaml');
    expect(fs.existsSync(path.join(ws, 'build', 'other'))).toBe(true);
  });
});
