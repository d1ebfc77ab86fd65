/**
 * The `version` an Actions cache entry is saved under, computed as @actions/cache 6 computes it
 * (its cacheUtils.getCacheVersion): sha256 of the paths, the compression method, `windows-only` on
 * Windows, and the salt `1.0`, joined by `|`. The compression method is what the saving library
 * chose: `zstd-without-long` when there is a `zstd` program, else `gzip`. A lookup
 * with any other version finds nothing, so the restore asks exactly what the save used.
 */
import { createHash } from 'node:crypto';
import { access, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';

export type CompressionMethod = 'zstd-without-long' | 'gzip';

const VERSION_SALT = '1.0';

export function entryVersion(paths: readonly string[], method: CompressionMethod, platform: NodeJS.Platform = process.platform): string {
  const parts = [...paths, method];
  if (platform === 'win32') parts.push('windows-only');
  parts.push(VERSION_SALT);
  return createHash('sha256').update(parts.join('|')).digest('hex');
}

/**
 * @actions/cache's test: `zstd` when it finds a `zstd` program on the PATH (it then asks it for its
 * version; any answer means zstd), else `gzip`. Looked up here without running it (a spawn costs
 * ~20 ms of the step's own CPU before the lookup can start).
 */
export async function compressionMethod(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Promise<CompressionMethod> {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter((d) => d !== '');
  const names = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter((e) => e !== '').map((e) => `zstd${e.toLowerCase()}`) : ['zstd'];
  for (const dir of dirs) {
    for (const name of names) {
      try {
        const p = path.join(dir, name);
        if (!(await stat(p)).isFile()) continue;
        if (platform !== 'win32') await access(p, constants.X_OK);
        return 'zstd-without-long';
      } catch {
        // not here
      }
    }
  }
  return 'gzip';
}
