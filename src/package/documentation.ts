/**
 * `documentation.tar`, the package's documentation files (zarf.yaml's `documentation` map) as
 * `zarf package create` packs them (assemble.go createDocumentationTar, layout
 * GetDocumentationFileNames): a `.` directory entry (0700) first, then each file (0600) under its
 * basename, or `<key>-<basename>` when two entries share a basename, in Go's tar headers as Zarf
 * writes them (tarball.ts `folder`). Paths are absolute, already resolved by the definition pipeline.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { LadingError } from '../errors.js';
import { writeReproducibleTar, type TarWriteResult } from './tarball.js';
import { ZARF_FILE_MODE } from './zarf-modes.js';

export const DOCUMENTATION_TAR = 'documentation.tar';

/** One entry of zarf.yaml's `documentation`: its key and the file's absolute path. */
export interface DocumentationEntry {
  key: string;
  file: string;
}

/**
 * The name each entry gets inside documentation.tar, by key: the file's basename, or
 * `<key>-<basename>` when another entry has the same basename. Two entries ending up with one name
 * (a `<key>-<basename>` that is also another file's basename) is an error: one would be lost.
 */
export function documentationFileNames(entries: readonly DocumentationEntry[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(path.basename(e.file), (counts.get(path.basename(e.file)) ?? 0) + 1);
  const names = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const e of entries) {
    if (names.has(e.key)) throw new LadingError(`documentation key "${e.key}" is listed twice`);
    const base = path.basename(e.file);
    const name = counts.get(base) === 1 ? base : `${e.key}-${base}`;
    if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\\')) {
      throw new LadingError(`documentation "${e.key}" would be stored as "${name}", which is not a file name`, { hint: 'documentation keys and file names cannot contain path separators' });
    }
    const other = byName.get(name);
    if (other !== undefined) {
      throw new LadingError(`documentation "${e.key}" and "${other}" would both be stored as ${name} in ${DOCUMENTATION_TAR}`, {
        hint: 'rename one of the files or keys: files with the same name are stored as <key>-<file name>'
      });
    }
    byName.set(name, e.key);
    names.set(e.key, name);
  }
  return names;
}

/** Writes documentation.tar for `entries` to `dest`; each file must be a regular file. */
export async function writeDocumentationTar(entries: readonly DocumentationEntry[], dest: string, signal?: AbortSignal): Promise<TarWriteResult> {
  const names = documentationFileNames(entries);
  for (const e of entries) {
    let isFile = false;
    try {
      isFile = (await stat(e.file)).isFile();
    } catch (err) {
      const msg = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (err as Error).message;
      throw new LadingError(`cannot read documentation "${e.key}" (${e.file}): ${msg}`, { hint: 'check the path under documentation' });
    }
    if (!isFile) throw new LadingError(`documentation "${e.key}" (${e.file}) is not a file`, { hint: 'each documentation entry names one file' });
  }
  return writeReproducibleTar(
    // Zarf chmods each copy to 0600 and tars its temporary folder (0700) as a folder, root "." first.
    entries.map((e) => ({ path: names.get(e.key) as string, type: 'file' as const, source: e.file, mode: ZARF_FILE_MODE })),
    dest,
    { rootDirectory: true, folder: true, ...(signal !== undefined ? { signal } : {}) }
  );
}
