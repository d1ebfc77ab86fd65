// Loaded on first use: @actions/cache (with the Azure SDK) costs ~20 MiB of memory, which runs
// with `cache: local` or `off` need not pay.
type CacheModule = typeof import('@actions/cache');
let loaded: Promise<CacheModule> | undefined;
const actionsCache = (): Promise<CacheModule> => (loaded ??= import('@actions/cache'));
import { captureAnnotations } from './capture.js';

/**
 * The Actions cache through @actions/cache. Every call returns what happened; none throws.
 *
 * The cache folder lives outside the workspace (under RUNNER_TEMP), given to the library as an
 * absolute path: the library archives it relative to GITHUB_WORKSPACE (`../../_temp/...`) and derives
 * the entry's `version` from the path strings it is given. So that an entry is only restored where it
 * lands in the same folder, the workspace path is part of those strings too, as an exclusion that
 * matches nothing.
 */

export interface Availability {
  ok: boolean;
  /** Why not, for the log. */
  reason?: string;
}

/**
 * Whether the runner gave this step a cache service to talk to: @actions/cache's isFeatureAvailable
 * (the service's URL is set), read here so that a run which only restores never loads the library
 * (its 3.3 MB with the Azure SDK cost ~0.15 s to compile).
 */
export function actionsCacheAvailability(env: NodeJS.ProcessEnv = process.env): Availability {
  const url = isGhes(env) || (env.ACTIONS_CACHE_SERVICE_V2 ?? '') === '' ? env.ACTIONS_CACHE_URL : env.ACTIONS_RESULTS_URL;
  if ((url ?? '') === '') return { ok: false, reason: 'no cache service is configured for this step (not running on GitHub Actions?)' };
  if ((env.ACTIONS_RUNTIME_TOKEN ?? '') === '') return { ok: false, reason: 'ACTIONS_RUNTIME_TOKEN is not set' };
  return { ok: true };
}

/** @actions/cache's test for GitHub Enterprise Server (which has only the v1 cache service). */
function isGhes(env: NodeJS.ProcessEnv): boolean {
  let host: string;
  try {
    host = new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname.trimEnd().toUpperCase();
  } catch {
    return true;
  }
  return host !== 'GITHUB.COM' && !host.endsWith('.GHE.COM') && !host.endsWith('.LOCALHOST');
}

/**
 * What the runner's cache mode lets this run do (ACTIONS_CACHE_MODE: `read` for runs of untrusted
 * events, `write-only`, `none`; unset or unknown permits both), as @actions/cache reads it.
 */
export function cacheModePermits(env: NodeJS.ProcessEnv = process.env): { read: boolean; write: boolean; mode: string } {
  const mode = (env.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase();
  if (!['none', 'read', 'write', 'write-only'].includes(mode)) return { read: true, write: true, mode };
  return { read: mode === 'read' || mode === 'write', write: mode === 'write' || mode === 'write-only', mode };
}

/**
 * @actions/cache's choice of cache service: v2 (twirp at ACTIONS_RESULTS_URL) when the runner says so,
 * never on GHES. Entries of the v2 service are restored by src/cache/restore/ (streamed, unpacked as
 * they arrive); v1 entries by the library.
 */
export function usesServiceV2(env: NodeJS.ProcessEnv = process.env): boolean {
  return !isGhes(env) && (env.ACTIONS_CACHE_SERVICE_V2 ?? '') !== '' && (env.ACTIONS_RESULTS_URL ?? '') !== '';
}

/** A literal path as an @actions/glob pattern (no wildcards). */
export function globLiteral(p: string): string {
  if (process.platform === 'win32') return p.replace(/\[/g, '[[]').replace(/\?/g, '[?]').replace(/\*/g, '[*]');
  return p.replace(/\\/g, '\\\\').replace(/\[/g, '[[]').replace(/\?/g, '[?]').replace(/\*/g, '[*]');
}

/** The `paths` given to restoreCache and saveCache (their strings are part of the entry's version). */
export function cachePaths(dir: string, workspace: string): string[] {
  return [globLiteral(dir), `!${globLiteral(workspace)}/.lading-blob-cache-anchor`];
}

export interface RestoreOutcome {
  /** The key of the restored entry; undefined on a miss or a failure. */
  matchedKey?: string;
  /** One line when restoring failed (a miss is not a failure). */
  problem?: string;
  /**
   * With `problem`: the entry the service found, when it is the entry that failed (download or
   * extraction) rather than the service. A broken entry must be replaced, or it is restored (and so
   * kept alive) by every run.
   */
  brokenKey?: string;
}

export async function restoreEntry(paths: string[], primaryKey: string, restoreKeys: string[]): Promise<RestoreOutcome> {
  try {
    const { value, problems, lines } = await captureAnnotations(async () => (await actionsCache()).restoreCache(paths, primaryKey, restoreKeys));
    if (problems.length > 0) {
      const found = lines.map((l) => /^Cache hit for(?: restore-key)?: (.+)$/.exec(l)?.[1]).find((k) => k !== undefined);
      return { problem: clean(problems[0] as string), ...(found !== undefined ? { brokenKey: found.trim() } : {}) };
    }
    return value !== undefined ? { matchedKey: value } : {};
  } catch (e) {
    return { problem: clean(e instanceof Error ? e.message : String(e)) };
  }
}

export interface SaveOutcome {
  saved: boolean;
  /** The entry already exists (409 already_exists, or a concurrent job made it). */
  exists?: boolean;
  /** One line when saving failed. */
  problem?: string;
}

export async function saveEntry(paths: string[], key: string): Promise<SaveOutcome> {
  try {
    const { value, problems, debug } = await captureAnnotations(async () => (await actionsCache()).saveCache(paths, key));
    if (value !== -1) return { saved: true };
    // -1: not saved. The library says why only in its debug log (a reservation that failed) or in the
    // annotations it wrote.
    const reserve = debug.map((d) => /Failed to reserve cache: (.*)/s.exec(d)?.[1]).find((m) => m !== undefined);
    if (reserve !== undefined && /\(409\)|already.exists/i.test(reserve)) return { saved: false, exists: true };
    if (problems.length > 0) return { saved: false, problem: clean(problems[0] as string) };
    if (reserve !== undefined) return { saved: false, problem: clean(reserve) };
    return { saved: false, problem: 'the cache service did not accept the entry' };
  } catch (e) {
    return { saved: false, problem: clean(e instanceof Error ? e.message : String(e)) };
  }
}

/** First line, without the library's own prefixes. */
function clean(message: string): string {
  return (
    message
      .split('\n')[0]
      ?.replace(/^(Error: )?(Failed to (restore|save): )?/, '')
      .replace(/^(Error: )?Failed to \w+: /, '')
      .trim() || 'unknown error'
  );
}
