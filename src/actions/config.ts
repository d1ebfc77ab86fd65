/**
 * One onCreate action made ready to run, as Zarf's actionGetCfg merges it: the action's `mute`,
 * `maxTotalSeconds`, `maxRetries`, `dir` and `shell` override the set's `defaults`; `env` is the
 * defaults' entries followed by the action's. The working folder is `join(baseDir, dir)` (an
 * absolute `dir` is joined too, as Zarf's filepath.Join does); imported components' actions carry
 * a `dir` rebased through their imports (definition/compose.ts), so they run in the folder of the
 * zarf.yaml that wrote them. Its title in logs is the `description`, else the command's first 60
 * characters (line breaks read as `; `), as Zarf shows it.
 */
import path from 'node:path';
import type { ZarfAction, ZarfActionDefaults, ZarfShell } from '../definition/schema.js';

export interface NetworkWait {
  protocol: string;
  address: string;
  code?: number;
}

export interface ActionSpec {
  /** Description, or the command's first 60 characters. */
  title: string;
  cmd?: string;
  wait?: NetworkWait;
  /** Absolute working folder. */
  dir: string;
  /** Entries of `env` (defaults' first), `NAME=value`, later ones win. */
  env: string[];
  mute: boolean;
  maxRetries: number;
  /** One deadline over every attempt; below 1, none. */
  maxTotalSeconds: number;
  /** The action's own maxTotalSeconds (a network wait's timeout; 300 s when not above 0). */
  waitSeconds?: number;
  shell?: ZarfShell;
}

/** Zarf's helpers.Truncate(text, 60, false). */
export function truncateCommand(cmd: string, length = 60): string {
  const flat = cmd.replace(/\n/g, '; ');
  return flat.length > length ? `${flat.slice(0, length - 3)}...` : flat;
}

export function actionSpec(action: ZarfAction, defaults: ZarfActionDefaults | undefined, baseDir: string): ActionSpec {
  const d = defaults ?? {};
  const cmd = action.cmd ?? '';
  const network = action.wait?.network;
  const shell = action.shell ?? d.shell;
  return {
    title: action.description !== undefined && action.description !== '' ? action.description : network !== undefined && cmd === '' ? `wait for ${network.protocol}/${network.address}` : truncateCommand(cmd),
    ...(action.wait === undefined ? { cmd } : {}),
    ...(network !== undefined ? { wait: { protocol: network.protocol, address: network.address, ...(network.code !== undefined ? { code: network.code } : {}) } } : {}),
    dir: path.join(baseDir, action.dir ?? d.dir ?? ''),
    env: [...(d.env ?? []), ...(action.env ?? [])],
    mute: action.mute ?? d.mute ?? false,
    maxRetries: action.maxRetries ?? d.maxRetries ?? 0,
    maxTotalSeconds: action.maxTotalSeconds ?? d.maxTotalSeconds ?? 0,
    ...(action.maxTotalSeconds !== undefined ? { waitSeconds: action.maxTotalSeconds } : {}),
    ...(shell !== undefined ? { shell } : {})
  };
}

/**
 * The command's environment: `base` (the runner's, less what belongs to this action step alone),
 * then the `NAME=value` entries in order, later ones winning. An entry without `=` is left out.
 */
export function actionEnv(base: NodeJS.ProcessEnv, entries: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined) env[k] = v;
  for (const e of entries) {
    const eq = e.indexOf('=');
    if (eq <= 0) continue;
    env[e.slice(0, eq)] = e.slice(eq + 1);
  }
  return env;
}

/**
 * The runner's environment as a `run:` step sees it: this action's inputs (`INPUT_*`, the
 * publish password among them) and the runtime tokens the runner gives actions only are left out.
 */
export function runnerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) {
    if (/^INPUT_/i.test(k) || /^STATE_/.test(k) || ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RUNTIME_URL', 'ACTIONS_CACHE_URL', 'ACTIONS_RESULTS_URL'].includes(k)) continue;
    out[k] = v;
  }
  return out;
}
