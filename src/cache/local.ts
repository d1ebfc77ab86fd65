import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** The tool-cache name and version of the local blob cache (`<tool cache>/lading-blobs/1.0.0/<arch>`). */
export const LOCAL_TOOL = 'lading-blobs';
export const LOCAL_VERSION = '1.0.0';

/** Local blobs not used for this long are pruned (the Actions cache drops entries unused for 7 days too). */
export const LOCAL_UNUSED_DAYS = 7;

/** The folder of the local blob cache, or why there is none. */
export function localCacheDir(env: NodeJS.ProcessEnv = process.env): { dir: string } | { problem: string } {
  const root = env.RUNNER_TOOL_CACHE ?? '';
  if (root === '') return { problem: 'RUNNER_TOOL_CACHE is not set, so there is no runner tool cache to keep blobs in' };
  if (!path.isAbsolute(root)) return { problem: `RUNNER_TOOL_CACHE (${root}) is not an absolute path` };
  // @actions/tool-cache's layout: <RUNNER_TOOL_CACHE>/<tool>/<semver>/<arch>, with a sibling <arch>.complete
  // marker, so tc.find('lading-blobs', '1.0.0') finds it.
  return { dir: path.join(root, LOCAL_TOOL, LOCAL_VERSION, os.arch()) };
}

/**
 * Creates the folder and its `.complete` marker. Never removes anything (`tc.cacheDir` would empty
 * the folder first, which another job may be using, so it is not used).
 */
export async function ensureLocalCacheDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(`${dir}.complete`, '', { flag: 'a' });
}
