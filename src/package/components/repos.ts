/**
 * A component's `repos`: each Git repository cloned as Zarf clones it (src/sources/git.ts) into the
 * run's work folder, then packaged as `repos/<repo>-<crc32>/` with its working tree and `.git`
 * folder as they are on disk, as Zarf tars its build folder: entries streamed from the files (never
 * read whole), modes as git left them (0644, 0755 executables, 0444 packs), symbolic links kept,
 * empty folders kept (git needs `refs/` and `objects/`).
 */
import { lstat, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import { LadingError } from '../../errors.js';
import { cloneRepository } from '../../sources/git.js';
import { maskUrls, parseGitUrl } from '../../sources/git-url.js';
import type { TarEntry } from '../tarball.js';
import { copiedMode } from '../zarf-modes.js';
import { bytewise, type CollectContext, type Piece } from './content.js';
import { checkGitTransport, gitOptions } from './git-options.js';
import type { PathSegment } from './paths.js';

/** The tar entries of the folder `dir`, under `prefix`, and the bytes of its files. */
export async function folderEntries(dir: string, prefix: string): Promise<{ entries: TarEntry[]; size: number }> {
  const entries: TarEntry[] = [{ path: prefix, type: 'directory', mode: copiedMode((await lstat(dir)).mode) }];
  let size = 0;
  const walk = async (abs: string, rel: string): Promise<void> => {
    for (const n of (await readdir(abs)).sort(bytewise)) {
      const childAbs = path.join(abs, n);
      const name = `${prefix}/${rel === '' ? n : `${rel}/${n}`}`;
      const childRel = rel === '' ? n : `${rel}/${n}`;
      const s = await lstat(childAbs);
      if (s.isDirectory()) {
        entries.push({ path: name, type: 'directory', mode: copiedMode(s.mode) });
        await walk(childAbs, childRel);
      } else if (s.isSymbolicLink()) {
        entries.push({ path: name, type: 'symlink', target: await readlink(childAbs) });
      } else if (s.isFile()) {
        size += s.size;
        entries.push({ path: name, type: 'file', source: childAbs, size: s.size, mode: copiedMode(s.mode) });
      } else {
        throw new LadingError(`${name} is neither a file, a folder nor a symbolic link`, { hint: 'remove it from the repository' });
      }
    }
  };
  await walk(dir, '');
  return { entries, size };
}

export async function repoTask(c: CollectContext, url: string, p: PathSegment[]): Promise<Piece> {
  const { opts, def, where, tmp } = c;
  const parsed = parseGitUrl(url);
  if (parsed === undefined) {
    // checks.ts refuses it first; kept for callers that skip the checks.
    throw new LadingError(`${where(p)} "${maskUrls(url)}" is not a Git repository URL`, { hint: 'write it as https://host/path/repo.git[@ref]', position: def.positionOf(p) });
  }
  checkGitTransport(c, parsed);
  opts.log(`cloning ${maskUrls(url)}`);
  const cloned = await cloneRepository(parsed, tmp(parsed.folder), await gitOptions(c));
  const name = `repos/${parsed.folder}`;
  const { entries, size } = await folderEntries(cloned.dir, name);
  // repos/ itself: made by Zarf's clone with the umask's 0755, where Zarf's own folders are 0700.
  entries.unshift({ path: 'repos', type: 'directory', mode: 0o755 });
  const refShown = parsed.ref === '' ? '(every branch and tag)' : parsed.ref;
  opts.log(`cloned ${maskUrls(parsed.cloneUrl)} ${refShown} at ${cloned.commit.slice(0, 12)} into ${name}`);
  const warnings =
    /^https?:\/\/[^/@]+@/i.test(parsed.cloneUrl)
      ? [
          {
            message: `${where(p)}: ${maskUrls(url)} carries credentials in its URL; they are packaged with it (in zarf.yaml and the clone's .git/config), as zarf package create packages them: give git the credentials in the runner's configuration instead (actions/checkout's token, a credential helper, http.<url>.extraheader)`,
            position: def.positionOf(p)
          }
        ]
      : [];
  return {
    entries,
    warnings,
    items: [{ kind: 'repo', path: `${name}/`, source: maskUrls(url), size, ref: refShown, commit: cloned.commit, ...(cloned.branch !== '' ? { branch: cloned.branch } : {}) }]
  };
}
