/**
 * Runs `kustomize build` (or `kubectl kustomize` when kustomize is not on PATH) on one
 * kustomization, with the options Zarf builds it with in-process (src/internal/packager/kustomize/
 * build.go): the RootOnly load restrictor unless `allowAnyDirectory` (`--load-restrictor
 * LoadRestrictionsNone`), plugins beyond the builtin ones only with `enablePlugins`
 * (`--enable-alpha-plugins`, Zarf's PluginRestrictionsNone), no Helm inflation, and, with kustomize,
 * `--reorder none` (Zarf keeps the kustomization's own order; `kubectl kustomize` has no such flag
 * and sorts resources in kustomize's legacy order). The tool is spawned with an argument list,
 * never through a shell; its output is kept in memory (a size limit stops a runaway build).
 */
import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { HintedError } from '../errors.js';

export interface KustomizeTool {
  /** `kustomize` or `kubectl`. */
  name: 'kustomize' | 'kubectl';
  /** The executable found on PATH. */
  file: string;
}

export interface KustomizeOptions {
  allowAnyDirectory: boolean;
  enablePlugins: boolean;
}

/** A build that failed: `output` holds the tool's first lines of stderr. */
export class KustomizeError extends HintedError {
  override readonly name = 'KustomizeError';
}

async function onPath(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const dirs = (env['PATH'] ?? '').split(path.delimiter).filter((d) => d !== '');
  for (const d of dirs) {
    const file = path.join(d, name);
    try {
      await access(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * The environment the tool runs with: the runner's, without the action's inputs (`INPUT_*`, which
 * may hold registry passwords) and the runner's own tokens, which a kustomize plugin has no use for.
 */
export function kustomizeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) {
    if (/^INPUT_/i.test(k) || /^ACTIONS_(RUNTIME_TOKEN|ID_TOKEN_REQUEST_TOKEN|CACHE_URL|RESULTS_URL|RUNTIME_URL)$/.test(k)) continue;
    out[k] = v;
  }
  return out;
}

/** kustomize when it is on PATH, else kubectl (whose `kustomize` subcommand builds the same); else undefined. */
export async function findKustomizeTool(env: NodeJS.ProcessEnv = process.env): Promise<KustomizeTool | undefined> {
  const k = await onPath('kustomize', env);
  if (k !== undefined) return { name: 'kustomize', file: k };
  const kubectl = await onPath('kubectl', env);
  if (kubectl !== undefined) return { name: 'kubectl', file: kubectl };
  return undefined;
}

/** The argument list that builds `target` (an absolute folder or a remote URL) with `tool`. */
export function kustomizeArgs(tool: KustomizeTool, target: string, opts: KustomizeOptions): string[] {
  const args = tool.name === 'kustomize' ? ['build', target, '--reorder', 'none'] : ['kustomize', target];
  args.push('--load-restrictor', opts.allowAnyDirectory ? 'LoadRestrictionsNone' : 'LoadRestrictionsRootOnly');
  if (opts.enablePlugins) args.push('--enable-alpha-plugins');
  return args;
}

/** How the build is shown in messages (`kustomize build <target>`, `kubectl kustomize <target>`). */
export function kustomizeCommand(tool: KustomizeTool, target: string, opts: KustomizeOptions): string {
  return [tool.name, ...kustomizeArgs(tool, target, opts)].join(' ');
}

/** The first few meaningful lines of the tool's error output, as one line. */
function firstLines(stderr: string, n = 3): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^Usage:|^Examples?:|^\s*kubectl kustomize|^Flags:/.test(l))
    .map((l) => {
      // kubectl logs through klog: `E1205 07:42:57.941664 20327 run.go:72] "command failed" err="..."`.
      const klog = /^[EWIF]\d{4} [\d:.]+\s+\d+ \S+\] (.*)$/.exec(l);
      const body = klog?.[1] ?? l;
      const quoted = /^"command failed" err=(".*")$/.exec(body);
      if (quoted?.[1] !== undefined) {
        try {
          return String(JSON.parse(quoted[1]));
        } catch {
          return quoted[1];
        }
      }
      return body.replace(/^Error:\s*/, '');
    });
  const text = lines.slice(0, n).join('; ');
  return text.length > 600 ? `${text.slice(0, 600)}...` : text === '' ? 'no error message' : text;
}

/**
 * Builds `target` with `tool`, in `cwd`, and returns the YAML it printed. Throws a KustomizeError
 * with the tool's own message when the build fails or prints more than `maxBytes`.
 */
export function runKustomize(tool: KustomizeTool, target: string, opts: KustomizeOptions & { cwd: string; maxBytes: number; env?: NodeJS.ProcessEnv }): Promise<Buffer> {
  const args = kustomizeArgs(tool, target, opts);
  const shown = kustomizeCommand(tool, target, opts);
  return new Promise((resolve, reject) => {
    const child = spawn(tool.file, args, { cwd: opts.cwd, env: kustomizeEnv(opts.env ?? process.env), stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let size = 0;
    let err = '';
    let tooBig = false;
    child.stdout.on('data', (d: Buffer) => {
      size += d.length;
      if (size > opts.maxBytes) {
        if (!tooBig) child.kill('SIGKILL');
        tooBig = true;
        return;
      }
      out.push(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      if (err.length < 64 * 1024) err += d.toString('utf8');
    });
    child.on('error', (e) => reject(new KustomizeError(`${tool.name} could not be run: ${(e as NodeJS.ErrnoException).code ?? e.message}`, `check that ${tool.file} runs`)));
    child.on('close', (code, signal) => {
      if (tooBig) {
        reject(new KustomizeError(`${shown} printed more than ${opts.maxBytes / 1024 / 1024} MiB`, 'check the kustomization: its output is read whole'));
      } else if (code !== 0) {
        reject(new KustomizeError(`${tool.name === 'kustomize' ? 'kustomize build' : 'kubectl kustomize'} failed${code !== null ? ` (exit ${code})` : ` (${signal ?? 'killed'})`}: ${firstLines(err)}`, `run "${shown}" to see the whole message`));
      } else {
        resolve(Buffer.concat(out));
      }
    });
  });
}
