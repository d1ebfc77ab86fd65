/**
 * A local folder as Zarf copies it into a component (otiai10/copy, its defaults): every folder,
 * regular file and symbolic link below it, in name order; files and folders keep their modes
 * (zarf-modes.ts copiedMode), a link is kept as a link with its target exactly as stored (not followed: nothing it points at is read, so
 * a link that leads elsewhere, or nowhere, is packaged as it is). Used by files and data injections.
 */
import { lstat, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import type { TarEntry } from '../tarball.js';
import { copiedMode } from '../zarf-modes.js';
import { bytewise } from './content.js';

export interface FolderContent {
  entries: TarEntry[];
  /** Bytes of the regular files. */
  size: number;
}

/**
 * The tar entries of folder `dir` (a real path) under `name` in the component, the folder itself
 * with `rootMode` (Zarf chmods a `files` folder; a data injection's keeps its own). `notRegular` makes
 * the error for an entry that is neither a folder, a file nor a link (a socket, a device, a fifo),
 * given its path relative to `dir`.
 */
export async function folderEntries(dir: string, name: string, rootMode: number, notRegular: (rel: string) => Error): Promise<FolderContent> {
  const entries: TarEntry[] = [{ path: name, type: 'directory', mode: rootMode }];
  let size = 0;
  const walk = async (abs: string, rel: string): Promise<void> => {
    for (const n of (await readdir(abs)).sort(bytewise)) {
      const childRel = rel === '' ? n : `${rel}/${n}`;
      const child = path.join(abs, n);
      const s = await lstat(child);
      if (s.isSymbolicLink()) {
        entries.push({ path: `${name}/${childRel}`, type: 'symlink', target: await readlink(child) });
      } else if (s.isDirectory()) {
        entries.push({ path: `${name}/${childRel}`, type: 'directory', mode: copiedMode(s.mode) });
        await walk(child, childRel);
      } else if (s.isFile()) {
        size += s.size;
        entries.push({ path: `${name}/${childRel}`, type: 'file', source: child, size: s.size, mode: copiedMode(s.mode) });
      } else {
        throw notRegular(childRel);
      }
    }
  };
  await walk(dir, '');
  return { entries, size };
}
