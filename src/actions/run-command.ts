/**
 * One attempt of an onCreate command: spawned in a process group of its own (so that stopping it
 * stops what it started too: a hanging `sleep` in a pipeline, a build tool's workers), its output
 * streamed line by line to the log as it comes (unless muted) and the last lines kept for the error.
 * When `signal` aborts (the action's deadline, or the run being cancelled), the whole group gets
 * SIGTERM, then SIGKILL a moment later if it is still there.
 */
import { spawn } from 'node:child_process';
import type { ShellCommand } from './shell.js';

/** Lines of output kept for the error of a failing command. */
export const KEPT_LINES = 20;
/** Time between SIGTERM and SIGKILL for a stopped command's process group. */
const KILL_GRACE_MS = 2000;
/** Longest line shown (a progress bar without line breaks is cut). */
const MAX_LINE = 4000;

export interface CommandOptions {
  dir: string;
  env: Record<string, string>;
  /** Each line of output (stdout and stderr), unless muted. */
  log?: (line: string) => void;
  signal: AbortSignal;
}

export interface CommandResult {
  /** Exit code; undefined when a signal ended it. */
  code?: number;
  signal?: NodeJS.Signals;
  /** Whether `signal` aborted it (deadline or cancellation). */
  stopped: boolean;
  /** The last lines of output (stdout and stderr as they came). */
  lastLines: string[];
  /** Set when the program could not be started (missing shell, folder not readable). */
  startError?: string;
}

/** Sends `sig` to the process group led by `pid` (nothing when it is gone already). */
function killGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    // already gone
  }
}

export function runCommand(command: ShellCommand, opts: CommandOptions): Promise<CommandResult> {
  return new Promise((resolve) => {
    const last: string[] = [];
    const keep = (line: string): void => {
      const l = line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}...` : line;
      last.push(l);
      if (last.length > KEPT_LINES) last.shift();
      opts.log?.(l);
    };
    const child = spawn(command.program, command.args, { cwd: opts.dir, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stopped = false;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = (): void => {
      if (child.pid === undefined || stopped) return;
      stopped = true;
      killGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => {
        if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
      }, KILL_GRACE_MS);
    };
    if (opts.signal.aborted) stop();
    else opts.signal.addEventListener('abort', stop, { once: true });

    // Output as lines; a partial line is held until its end (or the end of the stream).
    const reader = (): { push: (chunk: Buffer) => void; end: () => void } => {
      let pending = '';
      return {
        push: (chunk) => {
          pending += chunk.toString('utf8');
          const lines = pending.split(/\r?\n/);
          pending = lines.pop() ?? '';
          for (const l of lines) keep(l);
          if (pending.length > MAX_LINE * 4) {
            keep(pending);
            pending = '';
          }
        },
        end: () => {
          if (pending !== '') keep(pending);
          pending = '';
        }
      };
    };
    const out = reader();
    const err = reader();
    child.stdout.on('data', out.push);
    child.stderr.on('data', err.push);
    child.stdout.on('end', out.end);
    child.stderr.on('end', err.end);

    let startError: string | undefined;
    child.once('error', (e: NodeJS.ErrnoException) => {
      startError = e.code === 'ENOENT' ? `${command.program} was not found on PATH` : e.message;
    });
    // 'close': the process has exited and every holder of its output pipes has closed them.
    child.once('close', (code, sig) => {
      opts.signal.removeEventListener('abort', stop);
      // Whatever is left of the group once the command is done (a stopped command's children).
      if (stopped && child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
      if (killTimer !== undefined) clearTimeout(killTimer);
      resolve({
        ...(code !== null ? { code } : {}),
        ...(sig !== null ? { signal: sig } : {}),
        stopped,
        lastLines: [...last],
        ...(startError !== undefined ? { startError } : {})
      });
    });
  });
}
