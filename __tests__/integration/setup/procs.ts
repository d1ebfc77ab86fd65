/**
 * Child processes and temp dirs owned by the fixtures, so nothing outlives the jest worker:
 * - every tracked child is SIGKILLed when this process exits;
 * - a tiny detached watchdog kills a long-lived child if this process dies without running exit handlers
 *   (jest may SIGKILL a worker), and ends by itself once the child is gone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const live = new Set<ChildProcess>();
const tempDirs = new Set<string>();
let hooked = false;

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const child of live) {
      try {
        child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    }
    for (const dir of tempDirs) {
      try {
        fs.rmSync(dir, { recursive: true, force: true });
      } catch {
        /* best effort */
      }
    }
  });
}

/** Remember a long-lived child: killed on process exit, and by a watchdog if this process dies hard. */
export function trackChild(child: ChildProcess): void {
  hookExit();
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (child.pid !== undefined) {
    const watchdog = spawn(
      'sh',
      [
        '-c',
        'while kill -0 "$0" 2>/dev/null && kill -0 "$1" 2>/dev/null; do sleep 1; done; ' +
          'if kill -0 "$1" 2>/dev/null; then kill -9 "$1" 2>/dev/null; fi',
        String(process.pid),
        String(child.pid)
      ],
      { detached: true, stdio: 'ignore' }
    );
    watchdog.unref();
  }
}

/** Stop a child: `signal` first, SIGKILL after `graceMs`. Resolves once it has exited. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      try {
        child.kill('SIGKILL');
      } catch {
        /* gone */
      }
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      child.kill(signal);
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

let janitorList: string | undefined;

/**
 * Jest gives test code a sandboxed `process` whose 'exit' listeners never fire, so temp dirs are also
 * listed in a file that a detached janitor removes once this process is gone.
 */
function janitor(dir: string): void {
  if (janitorList === undefined) {
    janitorList = path.join(os.tmpdir(), `lading-it-janitor-${process.pid}-${crypto.randomBytes(4).toString('hex')}.list`);
    fs.writeFileSync(janitorList, '');
    const j = spawn(
      'sh',
      [
        '-c',
        'while kill -0 "$0" 2>/dev/null; do sleep 2; done; ' +
          'if [ -f "$1" ]; then xargs -0 -r rm -rf -- < "$1"; rm -f "$1"; fi',
        String(process.pid),
        janitorList
      ],
      { detached: true, stdio: 'ignore' }
    );
    j.unref();
  }
  fs.appendFileSync(janitorList, `${dir}\0`);
}

/** A fresh temp dir under the OS temp dir; removed by removeTempDir, cleanupFixtures, or after this process ends. */
export function makeTempDir(prefix: string): string {
  hookExit();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lading-it-${prefix}-`));
  tempDirs.add(dir);
  janitor(dir);
  return dir;
}

/**
 * Stop every child these fixtures started and remove every temp dir they made (in this test file's
 * module instance). Call it in afterAll after stopping fixtures explicitly; safe to call twice.
 */
export async function cleanupFixtures(): Promise<void> {
  await Promise.all([...live].map((c) => stopChild(c, 'SIGTERM', 3000)));
  await Promise.all([...tempDirs].map((d) => removeTempDir(d)));
}

export async function removeTempDir(dir: string): Promise<void> {
  tempDirs.delete(dir);
  await fs.promises.rm(dir, { recursive: true, force: true });
}

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run a short command to completion (no shell); never throws for a non-zero exit. */
export async function exec(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string | Buffer; timeoutMs?: number } = {}
): Promise<ExecResult> {
  return new Promise<ExecResult>((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8')
      });
    });
    // A program that is missing or exits early closes stdin: the spawn error above reports it.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}
