/**
 * What the integration tests share: workspaces and definitions to build, the inputs of a test build,
 * readers of what a run left (unpacked packages, files, annotations), and the test registry with one
 * image seeded for a whole test file.
 */
import { afterAll, beforeAll, expect } from '@jest/globals';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cleanupFixtures, exec, makeTempDir, seedImages, startRegistry, type ActionRun, type PushedImage, type RegistryFixture } from './setup/index.js';

/** A workspace holding zarf.yaml with the given text. */
export function workspaceWith(zarfYaml: string, files: Record<string, string | Buffer> = {}): string {
  const ws = makeTempDir('ws');
  fs.writeFileSync(path.join(ws, 'zarf.yaml'), zarfYaml);
  for (const [name, data] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(ws, name)), { recursive: true });
    fs.writeFileSync(path.join(ws, name), data);
  }
  return ws;
}

export function definition(images: string[], extra = ''): string {
  return [
    'kind: ZarfPackageConfig',
    'metadata:',
    '  name: test-pkg',
    '  version: 1.0.0',
    extra,
    'components:',
    '  - name: app',
    '    required: true',
    '    images:',
    ...images.map((i) => `      - ${i}`),
    ''
  ]
    .filter((l) => l !== '')
    .join('\n');
}

/**
 * The inputs of a test build: zarf.yaml in the workspace, amd64, the package into out/, no blob
 * cache, no retries, plain HTTP for the `plainHttp` hosts; `extra` adds inputs or replaces these.
 */
export function buildInputs(plainHttp: string[], extra: Record<string, string> = {}): Record<string, string> {
  return { definition: '.', architecture: 'amd64', output: 'out', 'plain-http': plainHttp.join('\n'), cache: 'off', retries: '0', ...extra };
}

/** Unpacks a .tar.zst (or .tar) with the zstd and tar programs: an independent reader. */
export async function unpack(pkg: string): Promise<string> {
  const dir = makeTempDir('unpacked');
  const cmd = pkg.endsWith('.zst') ? `zstd -dc '${pkg}' | tar -xf - -C '${dir}'` : `tar -xf '${pkg}' -C '${dir}'`;
  const r = await exec('sh', ['-c', cmd]);
  if (r.code !== 0) throw new Error(`unpacking ${pkg} failed: ${r.stderr}`);
  return dir;
}

export function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Files in a folder, recursively, relative, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out.sort();
}

/**
 * What a run left in RUNNER_TEMP, besides the composed definition the `definition` output names
 * (`lading/*.definition.yaml`, kept for the steps after it): a finished run leaves nothing else.
 */
export function leftInRunnerTemp(temp: string): string[] {
  const lading = path.join(temp, 'lading');
  const kept = fs.existsSync(lading) ? fs.readdirSync(lading).filter((n) => !n.endsWith('.definition.yaml')).map((n) => `lading/${n}`) : [];
  return [...fs.readdirSync(temp).filter((n) => n !== 'lading'), ...kept];
}

export const errorsOf = (r: ActionRun): ActionRun['annotations'] => r.annotations.filter((a) => a.level === 'error');
export const warningsOf = (r: ActionRun): ActionRun['annotations'] => r.annotations.filter((a) => a.level === 'warning');

/** 1-based line of the first line of `text` containing `needle` (after line `after`, if given). */
export function lineOf(text: string, needle: string, after = 0): number {
  const lines = text.split('\n');
  for (let i = after; i < lines.length; i++) if ((lines[i] as string).includes(needle)) return i + 1;
  throw new Error(`"${needle}" is not in the text`);
}

/** A failure as the user sees it: exit 1, exactly one error annotation, no stack trace, nothing in out/. */
export function oneCleanError(r: ActionRun, ws: string): NonNullable<ActionRun['annotations'][number]> {
  expect(r.code).toBe(1);
  const errors = errorsOf(r);
  expect(errors).toHaveLength(1);
  expect(r.stdout + r.stderr).not.toMatch(/\n\s+at [\w.<]+ \(/);
  expect(listFiles(path.join(ws, 'out'))).toEqual([]);
  return errors[0] as NonNullable<ActionRun['annotations'][number]>;
}

export interface SeededRegistry {
  reg: RegistryFixture;
  /** The reference of the seeded `single` image. */
  single: string;
}

/**
 * For the test file that calls it (at its top level): the anonymous test registry, started before its
 * tests with the `single` image seeded, and stopped after them with every other fixture. Its fields
 * are set once the tests run.
 */
export function seededRegistry(): SeededRegistry {
  const seeded = {} as SeededRegistry;
  beforeAll(async () => {
    seeded.reg = await startRegistry({ auth: 'anonymous' });
    seeded.single = ((await seedImages(seeded.reg, 'seed', { only: ['single'] })).single as PushedImage).ref;
  }, 120_000);
  afterAll(async () => {
    await (seeded.reg as RegistryFixture | undefined)?.stop();
    await cleanupFixtures();
  });
  return seeded;
}
