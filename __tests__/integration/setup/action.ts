/**
 * Run the action the way the GitHub runner runs a node action: `node <bundle>/index.js` with cwd =
 * workspace, a clean environment, INPUT_* variables and fresh file-command files; then parse what it
 * wrote back. The bundle is built from src/ as it is now (bundle.ts), not the committed dist/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBundle } from './bundle.js';
import { makeTempDir } from './procs.js';

/** /work/main (the repository root), computed from this file's location. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

let bundle: Promise<string> | undefined;
/** The action built from this repository's src/ as it is now (built on first use, then shared). */
export function actionScript(): Promise<string> {
  bundle ??= ensureBundle(REPO_ROOT);
  return bundle;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  file?: string;
  line?: number;
  col?: number;
  endLine?: number;
  endColumn?: number;
  title?: string;
  message: string;
}

export interface ActionRun {
  code: number;
  /** signal that ended the process, if any (e.g. SIGKILL after timeoutMs) */
  signal?: NodeJS.Signals;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  state: Record<string, string>;
  /** GITHUB_ENV entries the action exported */
  exportedEnv: Record<string, string>;
  /** GITHUB_PATH lines */
  addedPath: string[];
  annotations: Annotation[];
  /** values registered with ::add-mask:: */
  masks: string[];
  /** ::debug:: messages */
  debug: string[];
  workspace: string;
  runnerTemp: string;
  home: string;
  durationMs: number;
}

export interface RunActionOptions {
  /** input name as in action.yml -> value (INPUT_<NAME upper-cased, spaces to _>) */
  inputs: Record<string, string>;
  workspace: string;
  /** extra environment, applied last (may override the defaults) */
  env?: Record<string, string>;
  /** state saved by a main step, given to a post step as STATE_<name> */
  state?: Record<string, string>;
  timeoutMs?: number;
  /** script to run (default: actionScript(), the action built from src/) */
  script?: string;
  /** HOME for the run (default: a fresh empty dir, so no real ~/.docker/config.json leaks in) */
  home?: string;
  /** RUNNER_TEMP (default: a fresh empty dir) */
  runnerTemp?: string;
  /** RUNNER_TOOL_CACHE (default: a fresh empty dir) */
  toolCache?: string;
  /** RUNNER_DEBUG=1 */
  debug?: boolean;
  /** called once the process is spawned (e.g. to send SIGINT for cancellation tests) */
  onSpawn?: (child: ChildProcess) => void;
}

export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Parse a file written by @actions/core's file commands: `name<<DELIM` blocks and `name=value` lines. */
export function parseFileCommand(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc;
      const value: string[] = [];
      let j = i + 1;
      for (; j < lines.length && lines[j] !== delim; j++) value.push(lines[j]!);
      if (j >= lines.length) throw new Error(`file command block for ${name} has no closing delimiter ${delim}`);
      out[name!] = value.join('\n');
      i = j;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

/** Undo @actions/core's escaping (%25 %0D %0A, and %3A %2C in properties). */
export function unescapeCommand(s: string): string {
  return s.replace(/%(25|0D|0A|3A|2C)/gi, (_, code: string) =>
    ({ '25': '%', '0D': '\r', '0A': '\n', '3A': ':', '2C': ',' })[code.toUpperCase()]!
  );
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

/** `::name key=value,key=value::message` lines of stdout. */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const out: WorkflowCommand[] = [];
  for (const raw of stdout.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const m = /^::([A-Za-z][A-Za-z0-9_-]*)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const properties: Record<string, string> = {};
    for (const part of (m[2] ?? '').split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) properties[part.slice(0, eq)] = unescapeCommand(part.slice(eq + 1));
    }
    out.push({ command: m[1]!, properties, message: unescapeCommand(m[3]!) });
  }
  return out;
}

function toAnnotation(c: WorkflowCommand): Annotation | undefined {
  if (c.command !== 'error' && c.command !== 'warning' && c.command !== 'notice') return undefined;
  const p = c.properties;
  const num = (v: string | undefined): number | undefined => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined);
  const a: Annotation = { level: c.command, message: c.message };
  if (p.file !== undefined) a.file = p.file;
  const line = num(p.line);
  if (line !== undefined) a.line = line;
  const col = num(p.col);
  if (col !== undefined) a.col = col;
  const endLine = num(p.endLine);
  if (endLine !== undefined) a.endLine = endLine;
  const endColumn = num(p.endColumn);
  if (endColumn !== undefined) a.endColumn = endColumn;
  if (p.title !== undefined) a.title = p.title;
  return a;
}

export async function runAction(opts: RunActionOptions): Promise<ActionRun> {
  const script = opts.script ?? (await actionScript());
  const runDir = makeTempDir('runner');
  const home = opts.home ?? path.join(runDir, 'home');
  const runnerTemp = opts.runnerTemp ?? path.join(runDir, 'temp');
  const toolCache = opts.toolCache ?? path.join(runDir, 'toolcache');
  const cmdDir = path.join(runDir, 'file-commands');
  for (const d of [home, runnerTemp, toolCache, cmdDir]) fs.mkdirSync(d, { recursive: true });
  const files = {
    GITHUB_OUTPUT: path.join(cmdDir, 'output'),
    GITHUB_STATE: path.join(cmdDir, 'state'),
    GITHUB_ENV: path.join(cmdDir, 'env'),
    GITHUB_PATH: path.join(cmdDir, 'path'),
    GITHUB_STEP_SUMMARY: path.join(cmdDir, 'step_summary')
  };
  for (const f of Object.values(files)) fs.writeFileSync(f, '');

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'lading-test-runner',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: toolCache,
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_REPOSITORY: 'acme/lading-test',
    GITHUB_REPOSITORY_OWNER: 'acme',
    GITHUB_SHA: 'ffac537e6cbbf934b08745a378932722df287a53',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'test',
    GITHUB_ACTION: 'lading',
    GITHUB_EVENT_NAME: 'push',
    ...files
  };
  if (opts.debug) env.RUNNER_DEBUG = '1';
  for (const [name, value] of Object.entries(opts.inputs)) env[inputEnvName(name)] = value;
  for (const [name, value] of Object.entries(opts.state ?? {})) env[`STATE_${name}`] = value;
  Object.assign(env, opts.env ?? {});

  const started = Date.now();
  const { code, signal, timedOut, stdout, stderr } = await new Promise<{
    code: number;
    signal?: NodeJS.Signals;
    timedOut: boolean;
    stdout: string;
    stderr: string;
  }>((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd: opts.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 120_000);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (c, s) => {
      clearTimeout(timer);
      resolve({
        code: c ?? 128,
        ...(s ? { signal: s } : {}),
        timedOut,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8')
      });
    });
    opts.onSpawn?.(child);
  });

  const commands = parseWorkflowCommands(stdout);
  const read = (f: string): string => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');
  return {
    code,
    ...(signal ? { signal } : {}),
    timedOut,
    stdout,
    stderr,
    outputs: parseFileCommand(read(files.GITHUB_OUTPUT)),
    summary: read(files.GITHUB_STEP_SUMMARY),
    state: parseFileCommand(read(files.GITHUB_STATE)),
    exportedEnv: parseFileCommand(read(files.GITHUB_ENV)),
    addedPath: read(files.GITHUB_PATH)
      .split(/\r?\n/)
      .filter((l) => l.length > 0),
    annotations: commands.map(toAnnotation).filter((a): a is Annotation => a !== undefined),
    masks: commands.filter((c) => c.command === 'add-mask').map((c) => c.message),
    debug: commands.filter((c) => c.command === 'debug').map((c) => c.message),
    workspace: opts.workspace,
    runnerTemp,
    home,
    durationMs: Date.now() - started
  };
}

/** A random heredoc delimiter like @actions/core's (for throwaway scripts in tests). */
export function delimiter(): string {
  return `ghadelimiter_${crypto.randomUUID()}`;
}
