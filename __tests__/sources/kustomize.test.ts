/**
 * Finding and running the kustomize tool: kustomize preferred on PATH, else kubectl; the flags that
 * carry Zarf's options (load restrictor, plugins, kustomize's `--reorder none`); the real
 * `kubectl kustomize` building a kustomization and failing with its own message on one line.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findKustomizeTool, KustomizeError, kustomizeArgs, kustomizeEnv, runKustomize } from '../../src/sources/kustomize.js';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lading-kustomize-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A folder holding executable files with these names (only looked up, never run). */
function binDir(name: string, tools: string[]): string {
  const d = path.join(tmp, name);
  fs.mkdirSync(d, { recursive: true });
  for (const t of tools) fs.writeFileSync(path.join(d, t), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  return d;
}

describe('findKustomizeTool', () => {
  test('kustomize wins wherever it is on PATH; kubectl otherwise; neither: undefined; a file that is not executable does not count', async () => {
    const k = binDir('k', ['kustomize']);
    const kc = binDir('kc', ['kubectl']);
    expect(await findKustomizeTool({ PATH: [kc, k].join(path.delimiter) })).toEqual({ name: 'kustomize', file: path.join(k, 'kustomize') });
    expect(await findKustomizeTool({ PATH: kc })).toEqual({ name: 'kubectl', file: path.join(kc, 'kubectl') });
    expect(await findKustomizeTool({ PATH: binDir('none', []) })).toBeUndefined();
    const plain = binDir('plain', []);
    fs.writeFileSync(path.join(plain, 'kustomize'), 'not a program', { mode: 0o644 });
    expect(await findKustomizeTool({ PATH: plain })).toBeUndefined();
  });
});

describe('kustomizeArgs', () => {
  const kustomize = { name: 'kustomize', file: '/bin/kustomize' } as const;
  const kubectl = { name: 'kubectl', file: '/bin/kubectl' } as const;
  test("Zarf's defaults: RootOnly, builtin plugins only; kustomize keeps the kustomization's order", () => {
    expect(kustomizeArgs(kustomize, '/ws/k', { allowAnyDirectory: false, enablePlugins: false })).toEqual(['build', '/ws/k', '--reorder', 'none', '--load-restrictor', 'LoadRestrictionsRootOnly']);
    expect(kustomizeArgs(kubectl, '/ws/k', { allowAnyDirectory: false, enablePlugins: false })).toEqual(['kustomize', '/ws/k', '--load-restrictor', 'LoadRestrictionsRootOnly']);
  });
  test('kustomizeAllowAnyDirectory and enableKustomizePlugins', () => {
    expect(kustomizeArgs(kubectl, 'https://github.com/acme/repo//base?ref=v1', { allowAnyDirectory: true, enablePlugins: true })).toEqual([
      'kustomize',
      'https://github.com/acme/repo//base?ref=v1',
      '--load-restrictor',
      'LoadRestrictionsNone',
      '--enable-alpha-plugins'
    ]);
  });
});

describe('kustomizeEnv', () => {
  test("the action's inputs and the runner's tokens do not reach the tool; the rest does", () => {
    expect(kustomizeEnv({ PATH: '/bin', HOME: '/h', INPUT_PASSWORD: 's3cret', ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'o', GITHUB_WORKSPACE: '/ws' })).toEqual({ PATH: '/bin', HOME: '/h', GITHUB_WORKSPACE: '/ws' });
  });
});

describe('runKustomize with kubectl', () => {
  test('builds a kustomization; a failure is one line of kubectl\'s own message; output over the limit stops the build', async () => {
    const tool = await findKustomizeTool();
    expect(tool).toBeDefined();
    const k = path.join(tmp, 'kust');
    fs.mkdirSync(k);
    fs.writeFileSync(path.join(k, 'kustomization.yaml'), 'resources: [cm.yaml]\nnamePrefix: x-\n');
    fs.writeFileSync(path.join(k, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n');
    const opts = { allowAnyDirectory: false, enablePlugins: false, cwd: tmp, maxBytes: 1 << 20 };
    const yaml = (await runKustomize(tool!, k, opts)).toString('utf8');
    expect(yaml).toBe('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x-a\n');
    const e = await runKustomize(tool!, path.join(tmp, 'missing'), opts).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(KustomizeError);
    const msg = (e as KustomizeError).message;
    expect(msg).toMatch(/^(kubectl kustomize|kustomize build) failed \(exit 1\): must build at directory: .*missing/);
    expect(msg).not.toContain('\n');
    expect(msg).not.toMatch(/run\.go|command failed/);
    await expect(runKustomize(tool!, k, { ...opts, maxBytes: 10 })).rejects.toThrow(/printed more than/);
  });
});
