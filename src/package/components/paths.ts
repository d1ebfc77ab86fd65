/**
 * Local paths of component content (files, manifests, values files, chart folders): relative to the
 * folder of zarf.yaml and inside it. `..` escapes, absolute paths elsewhere and symbolic links that
 * lead out are refused, the same rule as image archive paths.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { LadingError, type SourcePosition } from '../../errors.js';

export { formatPath, type PathSegment } from '../../definition/positions.js';

export function shorten(s: string, max = 80): string {
  // A message is one line: a value holding line breaks (a folded or quoted scalar) shows them as \n.
  const flat = s.replace(/\r\n|\r|\n/g, '\\n');
  return flat.length > max ? `${flat.slice(0, max)}...` : flat;
}

/** A URL (anything with a scheme and `//`), as opposed to a local path. */
export function isUrl(s: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(s);
}

export function isInside(dir: string, target: string): boolean {
  const rel = path.relative(dir, target);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

export interface LocalPathContext {
  /** Absolute folder of zarf.yaml. */
  dir: string;
  /** How to show an absolute path in a message. */
  display: (absolute: string) => string;
}

export interface LocalPath {
  /** The path as written, resolved against the folder (symbolic links not followed). */
  abs: string;
  /** The real path (every link followed); inside the real folder of zarf.yaml. */
  real: string;
  isDir: boolean;
  size: number;
  mode: number;
}

/**
 * Resolves `value` (at `where`, written at `position`) inside the definition folder. Returns the
 * path or a one-line error for that place.
 */
export async function resolveLocalPath(value: string, where: string, position: SourcePosition, ctx: LocalPathContext, what = 'the file'): Promise<LocalPath | LadingError> {
  const shown = ctx.display(ctx.dir);
  const folder = shown === '.' ? 'the workspace root' : shown;
  const inFolder = `put ${what} in the folder of zarf.yaml (${folder}) or below it, and give its path relative to that folder`;
  if (value === '') return new LadingError(`${where} is empty`, { hint: `give the path of ${what}, relative to ${folder}`, position });
  if (value.includes('\0')) return new LadingError(`${where} contains a NUL character`, { hint: inFolder, position });
  const abs = path.resolve(ctx.dir, value);
  if (!isInside(ctx.dir, abs)) {
    return new LadingError(`${where} "${shorten(value)}" points outside the folder of zarf.yaml`, { hint: inFolder, position });
  }
  let real: string;
  let realDir: string;
  try {
    await stat(abs);
  } catch {
    return new LadingError(`${where} "${shorten(value)}" does not exist`, { hint: `looked for ${ctx.display(abs)}; give the path relative to ${folder}`, position });
  }
  try {
    [realDir, real] = await Promise.all([realpath(ctx.dir), realpath(abs)]);
  } catch {
    return new LadingError(`${where} "${shorten(value)}" cannot be resolved`, { hint: 'check the path and its permissions', position });
  }
  if (!isInside(realDir, real)) {
    return new LadingError(`${where} "${shorten(value)}" leads outside the folder of zarf.yaml through a symbolic link`, { hint: inFolder, position });
  }
  const s = await stat(real);
  if (!s.isFile() && !s.isDirectory()) {
    return new LadingError(`${where} "${shorten(value)}" is neither a file nor a folder`, { hint: `give the path of ${what}`, position });
  }
  return { abs, real, isDir: s.isDirectory(), size: s.size, mode: s.mode };
}
