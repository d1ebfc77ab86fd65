#!/usr/bin/env node
// Builds the bundled example package exactly as the runner would run the action: node dist/index.js
// with INPUT_* variables and the runner's file commands, cwd = the workspace. No network needed.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import readline from 'node:readline';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const definition = process.argv[2] ?? 'examples/podinfo';
const architecture = process.argv[3] ?? '';
// The flavor to build (e.g. `npm start -- examples/composed amd64 production`).
const flavor = process.argv[4] ?? '';
const temp = mkdtempSync(path.join(os.tmpdir(), 'lading-example-'));
const files = {};
for (const name of ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY']) {
  files[name] = path.join(temp, name.toLowerCase());
  writeFileSync(files[name], '');
}
// EXAMPLE_OUTPUT: another output folder (the tests use a temp folder); default out/ in the repository.
const output = process.env.EXAMPLE_OUTPUT ?? 'out';
mkdirSync(path.resolve(root, output), { recursive: true });
const env = {
  ...process.env,
  ...files,
  GITHUB_WORKSPACE: root,
  RUNNER_TEMP: path.join(temp, 'runner-temp'),
  INPUT_DEFINITION: definition,
  INPUT_ARCHITECTURE: architecture,
  INPUT_FLAVOR: flavor,
  INPUT_SET: '',
  INPUT_OUTPUT: output,
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
const child = spawn(process.execPath, [path.join(root, 'dist', 'index.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
// What the runner would do with the workflow commands, for a terminal: ::debug:: lines hidden (as the
// runner hides them; RUNNER_DEBUG=1 shows them), annotations as `error: file:line:col: message`.
const unescape = (s) => s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%3A/gi, ':').replace(/%2C/gi, ',').replace(/%25/g, '%');
for await (const line of readline.createInterface({ input: child.stdout, crlfDelay: Infinity })) {
  const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (m === null) {
    process.stdout.write(`${line}\n`);
    continue;
  }
  const [, command, props = '', message] = m;
  if (command === 'debug') {
    if (process.env.RUNNER_DEBUG === '1') process.stdout.write(`debug: ${unescape(message)}\n`);
  } else if (command === 'error' || command === 'warning' || command === 'notice') {
    const p = Object.fromEntries(props.split(',').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), unescape(kv.slice(kv.indexOf('=') + 1))]));
    const where = p.file !== undefined ? `${p.file}${p.line !== undefined ? `:${p.line}${p.col !== undefined ? `:${p.col}` : ''}` : ''}: ` : '';
    process.stdout.write(`${command}: ${where}${unescape(message)}\n`);
  }
}
const [status] = child.exitCode !== null ? [child.exitCode] : await once(child, 'exit');
const r = { status };
const outputs = readFileSync(files.GITHUB_OUTPUT, 'utf8');
const pkg = /^package<<(.+)\n([\s\S]*?)\n\1$/m.exec(outputs)?.[2];
const composed = /^definition<<(.+)\n([\s\S]*?)\n\1$/m.exec(outputs)?.[2];
if (r.status === 0 && pkg) {
  console.log(`\nPackage: ${pkg}\nComposed definition: ${composed}\nJob summary (Markdown): ${files.GITHUB_STEP_SUMMARY}`);
} else {
  console.error(`\nThe example build failed (exit ${r.status}); job summary: ${files.GITHUB_STEP_SUMMARY}`);
}
process.exit(r.status ?? 1);
