import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The run's own folder under RUNNER_TEMP (its blob store, archive extractions): `lading-run-*`, with an
 * owner file holding the pid that a live run touches every minute. A run killed outright (SIGKILL)
 * cannot remove its folder, and the temp files of its interrupted downloads would stay; the next run
 * removes folders whose owner is gone and has not touched the file for STALE_MS.
 */

export const RUN_PREFIX = 'lading-run-';
const OWNER = '.lading-run';
export const HEARTBEAT_MS = 60_000;
export const STALE_MS = 10 * 60_000;

export interface RunDir {
  path: string;
  /** Stops the heartbeat (the caller removes the folder). */
  stop(): void;
}

export async function createRunDir(tempRoot: string): Promise<RunDir> {
  const dir = await mkdtemp(path.join(tempRoot, RUN_PREFIX));
  const owner = path.join(dir, OWNER);
  await writeFile(owner, `${process.pid}\n`);
  const timer = setInterval(() => {
    const now = new Date();
    utimes(owner, now, now).catch(() => undefined);
  }, HEARTBEAT_MS);
  timer.unref();
  return { path: dir, stop: () => clearInterval(timer) };
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the folders of runs that died; returns how many. Never throws. */
export async function sweepStaleRunDirs(tempRoot: string, now = Date.now()): Promise<number> {
  let removed = 0;
  let names: string[];
  try {
    names = await readdir(tempRoot);
  } catch {
    return 0;
  }
  for (const name of names.filter((n) => n.startsWith(RUN_PREFIX))) {
    const dir = path.join(tempRoot, name);
    try {
      const owner = path.join(dir, OWNER);
      const s = await stat(owner);
      if (now - s.mtimeMs < STALE_MS) continue;
      const pid = Number((await readFile(owner, 'utf8')).trim());
      if (alive(pid)) continue;
      await rm(dir, { recursive: true, force: true });
      removed++;
    } catch {
      // not ours, or removed meanwhile
    }
  }
  return removed;
}
