#!/usr/bin/env node
// Builds the bundled example package exactly as the runner would run the action: node dist/index.js
// with INPUT_* variables and the runner's file commands, cwd = the workspace. No network needed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const definition = process.argv[2] ?? 'examples/podinfo';
const architecture = process.argv[3] ?? '';
const temp = mkdtempSync(path.join(os.tmpdir(), 'lading-example-'));
const files = {};
for (const name of ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY']) {
  files[name] = path.join(temp, name.toLowerCase());
  writeFileSync(files[name], '');
}
mkdirSync(path.join(root, 'out'), { recursive: true });
const env = {
  ...process.env,
  ...files,
  GITHUB_WORKSPACE: root,
  RUNNER_TEMP: path.join(temp, 'runner-temp'),
  INPUT_DEFINITION: definition,
  INPUT_ARCHITECTURE: architecture,
  INPUT_OUTPUT: 'out',
  'INPUT_INDEX-DIGESTS': 'fail',
  'INPUT_PLAIN-HTTP': '',
  INPUT_PUBLISH: '',
  INPUT_TAG: '',
  INPUT_USERNAME: '',
  INPUT_PASSWORD: '',
  INPUT_CACHE: 'off',
  INPUT_CONCURRENCY: '8',
  INPUT_RETRIES: '3'
};
mkdirSync(env.RUNNER_TEMP, { recursive: true });
const r = spawnSync(process.execPath, [path.join(root, 'dist', 'index.js')], { cwd: root, env, stdio: 'inherit' });
const outputs = readFileSync(files.GITHUB_OUTPUT, 'utf8');
const pkg = /^package<<(.+)\n([\s\S]*?)\n\1$/m.exec(outputs)?.[2];
if (r.status === 0 && pkg) {
  console.log(`\nPackage: ${pkg}\nJob summary (Markdown): ${files.GITHUB_STEP_SUMMARY}`);
} else {
  console.error(`\nThe example build failed (exit ${r.status}); job summary: ${files.GITHUB_STEP_SUMMARY}`);
}
process.exit(r.status ?? 1);
