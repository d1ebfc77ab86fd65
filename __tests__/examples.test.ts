/**
 * The example workflows (examples/workflows/) and the repository's own workflows (.github/workflows/)
 * are valid GitHub Actions workflows, as GitHub's own parser (@actions/workflow-parser) reads them,
 * and every step that uses Lading passes only inputs action.yml declares and reads only outputs it
 * declares. The examples also do what the README says they do.
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow, type WorkflowTemplate } from '@actions/workflow-parser';
import { convertActionTemplate, parseAction } from '@actions/workflow-parser/actions/index';
import YAML from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES = path.join(ROOT, 'examples', 'workflows');
const OWN = path.join(ROOT, '.github', 'workflows');

const ymlIn = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => path.join(dir, f))
    : [];

/** Parses a workflow as GitHub does: schema errors, then conversion errors (expressions, needs, cron...). */
async function parse(file: string): Promise<{ errors: string[]; template: WorkflowTemplate | undefined }> {
  const name = path.relative(ROOT, file);
  const result = parseWorkflow({ name, content: fs.readFileSync(file, 'utf8') }, new NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((e) => e.message);
  if (result.value === undefined) return { errors: errors.length > 0 ? errors : [`${name}: nothing parsed`], template: undefined };
  const template = await convertWorkflowTemplate(result.context, result.value);
  return { errors: [...new Set([...errors, ...(template.errors ?? []).map((e) => e.Message)])], template };
}

/** action.yml's inputs and outputs, read by the same library's action parser. */
function actionSpec(): { inputs: Set<string>; outputs: Set<string> } {
  const result = parseAction({ name: 'action.yml', content: fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8') }, new NoOperationTraceWriter());
  expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
  const action = convertActionTemplate(result.context, result.value!);
  return { inputs: new Set((action.inputs ?? []).map((i) => i.id)), outputs: new Set((action.outputs ?? []).map((o) => o.id)) };
}

interface LadingStep {
  job: string;
  id?: string;
  with: Record<string, unknown>;
}

/** Steps that run this action: `uses: ./` or `uses: <owner>/lading@<ref>`. */
function ladingSteps(file: string): LadingStep[] {
  const doc = YAML.parse(fs.readFileSync(file, 'utf8')) as { jobs?: Record<string, { steps?: Array<{ uses?: string; id?: string; with?: Record<string, unknown> }> }> };
  const out: LadingStep[] = [];
  for (const [job, spec] of Object.entries(doc.jobs ?? {})) {
    for (const step of spec.steps ?? []) {
      if (typeof step.uses === 'string' && (step.uses === './' || step.uses === '.' || /^[\w.-]+\/lading@/.test(step.uses))) {
        out.push({ job, ...(step.id !== undefined ? { id: step.id } : {}), with: step.with ?? {} });
      }
    }
  }
  return out;
}

/** `steps.<id>.outputs.<name>` references in the workflow text, for the given step ids. */
function outputsRead(file: string, ids: string[]): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const id of ids) for (const m of text.matchAll(new RegExp(`steps\\.${id}\\.outputs\\.([\\w-]+)`, 'g'))) out.push(m[1] as string);
  return out;
}

const examples = ymlIn(EXAMPLES);
const own = ymlIn(OWN);

describe('example workflows', () => {
  test('the three examples exist: pull-request check, nightly publish, amd64+arm64 matrix', () => {
    expect(examples.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['pull-request.yml', 'nightly.yml', 'matrix.yml']));
  });

  test.each([...examples, ...own].map((f) => [path.relative(ROOT, f), f]))('%s parses with no errors (@actions/workflow-parser)', async (_name, file) => {
    const { errors, template } = await parse(file);
    expect(errors).toEqual([]);
    expect(template?.jobs.length).toBeGreaterThan(0);
  });

  test.each([...examples, ...own].map((f) => [path.relative(ROOT, f), f]))('%s uses only inputs and outputs that action.yml declares', (_name, file) => {
    const { inputs, outputs } = actionSpec();
    const steps = ladingSteps(file);
    if (examples.includes(file)) expect(steps.length).toBeGreaterThan(0);
    for (const s of steps) {
      const unknown = Object.keys(s.with).filter((k) => !inputs.has(k));
      expect({ job: s.job, unknown }).toEqual({ job: s.job, unknown: [] });
    }
    const read = outputsRead(file, steps.flatMap((s) => (s.id !== undefined ? [s.id] : [])));
    expect(read.filter((o) => !outputs.has(o))).toEqual([]);
  });

  test('the checker notices a misspelt input and a broken workflow', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lading-examples-test-'));
    try {
      const bad = path.join(dir, 'bad.yml');
      fs.writeFileSync(bad, 'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    stepz:\n      - uses: our-org/lading@v1\n');
      expect((await parse(bad)).errors.join('\n')).toMatch(/Unexpected value 'stepz'/);
      const context = path.join(dir, 'context.yml');
      fs.writeFileSync(context, 'on: push\njobs:\n  a:\n    runs-on: ${{ matrx.arch }}\n    steps:\n      - run: echo\n');
      expect((await parse(context)).errors.join('\n')).toMatch(/Unrecognized named-value: 'matrx'/);
      const typo = path.join(dir, 'typo.yml');
      fs.writeFileSync(typo, 'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: our-org/lading@v1\n        with:\n          defintion: pkg\n');
      expect((await parse(typo)).errors).toEqual([]);
      const { inputs } = actionSpec();
      expect(ladingSteps(typo).flatMap((s) => Object.keys(s.with)).filter((k) => !inputs.has(k))).toEqual(['defintion']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('pull-request.yml builds only, on pull requests', async () => {
    const file = path.join(EXAMPLES, 'pull-request.yml');
    const { template } = await parse(file);
    expect(template?.events.pull_request).toBeDefined();
    for (const s of ladingSteps(file)) {
      expect(s.with).not.toHaveProperty('publish');
      expect(s.with).not.toHaveProperty('password');
    }
  });

  test('nightly.yml runs on a schedule and publishes', async () => {
    const file = path.join(EXAMPLES, 'nightly.yml');
    const { template } = await parse(file);
    expect(template?.events.schedule?.length).toBeGreaterThan(0);
    expect(ladingSteps(file).some((s) => typeof s.with.publish === 'string' && s.with.publish.startsWith('oci://'))).toBe(true);
  });

  test('matrix.yml builds amd64 and arm64 and publishes both into one tag, one job at a time', async () => {
    const file = path.join(EXAMPLES, 'matrix.yml');
    const doc = YAML.parse(fs.readFileSync(file, 'utf8')) as { jobs: Record<string, { strategy?: { matrix?: { arch?: string[] } }; concurrency?: { group?: string; 'cancel-in-progress'?: boolean } }> };
    const jobs = Object.values(doc.jobs).filter((j) => j.strategy?.matrix?.arch !== undefined);
    expect(jobs).toHaveLength(1);
    const job = jobs[0]!;
    expect(job.strategy?.matrix?.arch).toEqual(['amd64', 'arm64']);
    // The jobs of the matrix share one concurrency group (no matrix value in it) and never cancel each other.
    expect(job.concurrency?.group).toBeDefined();
    expect(job.concurrency?.group).not.toMatch(/matrix\./);
    expect(job.concurrency?.['cancel-in-progress']).toBe(false);
    const steps = ladingSteps(file);
    expect(steps).toHaveLength(1);
    expect(steps[0]?.with.architecture).toBe('${{ matrix.arch }}');
    expect(String(steps[0]?.with.publish)).toMatch(/^oci:\/\//);
    expect(steps[0]?.with).not.toHaveProperty('tag'); // one tag for both: metadata.version
  });
});

describe('npm start (scripts/example.mjs): the bundled example, as a new user first runs it', () => {
  const run = (args: string[]): { code: number | null; stdout: string; stderr: string; out: string } => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'lading-example-test-'));
    const env: NodeJS.ProcessEnv = { ...process.env, EXAMPLE_OUTPUT: out };
    delete env.RUNNER_DEBUG;
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'example.mjs'), ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, out };
  };

  test('builds the package with no network and prints where it is, without the runner-only ::debug:: lines', () => {
    const r = run([]);
    try {
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      const pkg = /^Package: (.+)$/m.exec(r.stdout)?.[1];
      expect(pkg).toBe(path.join(r.out, 'zarf-package-podinfo-example-amd64-0.1.0.tar.zst'));
      expect(fs.statSync(pkg as string).size).toBeGreaterThan(0);
      expect(r.stdout).not.toMatch(/^::/m);
    } finally {
      fs.rmSync(r.out, { recursive: true, force: true });
    }
  }, 60_000);

  test('the composed example: an imported component, a flavor, values; the composed definition printed', () => {
    const r = run(['examples/composed', 'amd64', 'production']);
    try {
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      expect(/^Package: (.+)$/m.exec(r.stdout)?.[1]).toBe(path.join(r.out, 'zarf-package-composed-example-amd64-0.1.0-production.tar.zst'));
      const composed = YAML.parse(fs.readFileSync(/^Composed definition: (.+)$/m.exec(r.stdout)?.[1] as string, 'utf8')) as {
        components: Array<{ name: string; imageArchives?: Array<{ path: string }>; manifests?: Array<{ files: string[] }> }>;
      };
      // The podinfo component from ../podinfo, its archive path rebased; only the production settings.
      expect(composed.components.map((c) => c.name)).toEqual(['podinfo', 'settings']);
      expect(composed.components[0]?.imageArchives?.[0]?.path).toBe('../podinfo/images/podinfo.tar');
      expect(composed.components[1]?.manifests?.[0]?.files).toEqual(['manifests/settings-production.yaml']);
    } finally {
      fs.rmSync(r.out, { recursive: true, force: true });
    }
  }, 60_000);

  test('a broken definition: each error as file:line:col: message, exit 1, no package', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lading-example-bad-'));
    fs.writeFileSync(path.join(dir, 'zarf.yaml'), 'kind: ZarfPackageConfig\nmetadata:\n  name: Bad_Name\ncomponents: []\n');
    const r = run([dir]);
    try {
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`error: ${path.join(dir, 'zarf.yaml')}:3:9: metadata.name "Bad_Name" is not valid`);
      expect(r.stdout).toContain(`error: ${path.join(dir, 'zarf.yaml')}:4:1: components is an empty list`);
      expect(r.stdout).not.toMatch(/^::/m);
      expect(fs.readdirSync(r.out)).toEqual([]);
    } finally {
      fs.rmSync(r.out, { recursive: true, force: true });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
