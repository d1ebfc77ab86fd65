/**
 * Runs one onCreate action as Zarf's actions.runAction does: a network `wait`, or the command in its
 * shell, working folder and environment, `maxRetries + 1` attempts one after another, all within one
 * deadline of `maxTotalSeconds` (none below 1) that stops the running attempt and everything it
 * started. A failure is an ActionFailure in Zarf's words (`command "<title>" failed after N
 * retries`, `... timed out after N seconds`) with the exit code and the last lines of output.
 */
import { stat } from 'node:fs/promises';
import { actionEnv, runnerEnv, type ActionSpec } from './config.js';
import { runCommand, type CommandResult } from './run-command.js';
import { commandLine } from './shell.js';
import { DEFAULT_WAIT_SECONDS, waitForNetwork, WaitTimeout } from './wait-network.js';

export interface RunActionOptions {
  /** Each line to show in the log (the action's output among them, unless muted). */
  log: (line: string) => void;
  /** The run's cancellation: stops the running command and its process group. */
  signal?: AbortSignal;
  /** Default: process.platform. */
  platform?: NodeJS.Platform;
  /** The environment commands start from; default: the runner's (runnerEnv(process.env)). */
  env?: NodeJS.ProcessEnv;
}

export interface ActionOutcome {
  durationMs: number;
  attempts: number;
}

export class ActionFailure extends Error {
  constructor(
    message: string,
    readonly details: {
      attempts: number;
      exitCode?: number;
      signal?: string;
      timedOut?: boolean;
      /** Last lines of output of the last attempt (none when muted). */
      lastLines: string[];
      /** Not a failure of the command: the working folder, the shell. */
      setup?: boolean;
    }
  ) {
    super(message);
    this.name = 'ActionFailure';
  }
}

/** The run was cancelled while an action ran (its command was stopped). */
export class ActionCancelled extends Error {}

function describeEnd(r: CommandResult): string {
  if (r.startError !== undefined) return r.startError;
  if (r.code !== undefined) return `exit code ${r.code}`;
  return `ended by ${r.signal ?? 'a signal'}`;
}

export async function runAction(spec: ActionSpec, opts: RunActionOptions): Promise<ActionOutcome> {
  const started = Date.now();
  const cancel = opts.signal ?? new AbortController().signal;
  const quoted = JSON.stringify(spec.title);
  if (cancel.aborted) throw new ActionCancelled('cancelled');

  if (spec.wait !== undefined) {
    const seconds = spec.waitSeconds !== undefined && spec.waitSeconds > 0 ? spec.waitSeconds : DEFAULT_WAIT_SECONDS;
    try {
      await waitForNetwork(spec.wait, seconds, cancel, opts.log);
    } catch (e) {
      if (cancel.aborted) throw new ActionCancelled('cancelled');
      const why = e instanceof WaitTimeout ? `timed out after ${seconds} seconds` : (e as Error).message;
      throw new ActionFailure(`wait for ${spec.wait.protocol}/${spec.wait.address} ${why}`, { attempts: 1, lastLines: [], timedOut: e instanceof WaitTimeout });
    }
    return { durationMs: Date.now() - started, attempts: 1 };
  }

  const folder = await stat(spec.dir).catch(() => undefined);
  if (folder === undefined || !folder.isDirectory()) {
    throw new ActionFailure(`command ${quoted} cannot run: its folder ${spec.dir} ${folder === undefined ? 'does not exist' : 'is not a folder'}`, { attempts: 0, lastLines: [], setup: true });
  }
  const command = commandLine(spec.cmd ?? '', spec.shell, opts.platform ?? process.platform);
  const env = actionEnv(opts.env ?? runnerEnv(process.env), spec.env);
  const limited = spec.maxTotalSeconds >= 1;
  const deadline = limited ? AbortSignal.timeout(spec.maxTotalSeconds * 1000) : undefined;
  const stopSignal = deadline !== undefined ? AbortSignal.any([cancel, deadline]) : cancel;
  const total = Math.max(0, spec.maxRetries) + 1;
  let last: CommandResult | undefined;
  let attempts = 0;
  for (let n = 1; n <= total; n++) {
    if (deadline?.aborted === true) break;
    if (n > 1) opts.log(`attempt ${n} of ${total} (the last one ${describeEnd(last as CommandResult)})`);
    attempts = n;
    last = await runCommand(command, { dir: spec.dir, env, signal: stopSignal, ...(spec.mute ? {} : { log: opts.log }) });
    if (cancel.aborted) throw new ActionCancelled('cancelled');
    if (last.startError !== undefined) {
      throw new ActionFailure(`command ${quoted} cannot run: ${last.startError}`, { attempts, lastLines: [], setup: true });
    }
    if (last.code === 0 && !last.stopped) return { durationMs: Date.now() - started, attempts };
  }
  const result = last as CommandResult;
  const timedOut = deadline?.aborted === true;
  const message = timedOut ? `command ${quoted} timed out after ${spec.maxTotalSeconds} seconds` : `command ${quoted} failed after ${Math.max(0, spec.maxRetries)} retries`;
  throw new ActionFailure(message, {
    attempts,
    ...(result.code !== undefined && !result.stopped ? { exitCode: result.code } : {}),
    ...(result.signal !== undefined && !result.stopped ? { signal: result.signal } : {}),
    timedOut,
    lastLines: spec.mute ? [] : result.lastLines
  });
}
